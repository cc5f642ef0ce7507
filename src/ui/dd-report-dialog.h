/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_REPORT_DIALOG (dd_report_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DdReportDialog, dd_report_dialog, DD, REPORT_DIALOG, GtkWindow)

/* Records the report of @period of @task (its date, number, note). */
DdReportDialog *dd_report_dialog_new_record (GtkWindow          *parent,
                                             DdStore            *store,
                                             DdTask             *task,
                                             const DdOccurrence *period) G_GNUC_WARN_UNUSED_RESULT;
/* Adds an ad hoc (đột xuất) report asked of @task (its title, due date). */
DdReportDialog *dd_report_dialog_new_ad_hoc (GtkWindow          *parent,
                                             DdStore            *store,
                                             DdTask             *task) G_GNUC_WARN_UNUSED_RESULT;
/* Checks the fields and writes, as the primary button does: %TRUE when the
 * store took it (the dialog then emits "done" and closes). */
gboolean        dd_report_dialog_apply      (DdReportDialog     *self);

G_END_DECLS
