/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_EXPORT_DIALOG (dd_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DdExportDialog, dd_export_dialog, DD, EXPORT_DIALOG, GtkWindow)

/* The formats of a meeting export. */
typedef enum
{
  DD_EXPORT_FORMAT_XLSX,
  DD_EXPORT_FORMAT_PDF,
} DdExportFormat;

/*
 * Export… of the main window: the Excel workbook or the PDF handout for a
 * meeting, for the period chosen and (optionally) the task list's current
 * filter. The file is written in a worker thread over its own read-only
 * connection to the database, so the window never freezes; the dialog then
 * says where the file is and offers to open it.
 */
DdExportDialog *dd_export_dialog_new (GtkWindow         *parent,
                                      DdStore           *store,
                                      const DdTaskQuery *current_filter) G_GNUC_WARN_UNUSED_RESULT;

/* Opened from the dashboard: the whole plan is @plan_id's (0: all plans),
 * the statuses as of @as_of, and the period @from–@to chosen (the one of
 * the list that has these days, else those days as they are). */
void dd_export_dialog_start_from (DdExportDialog *self,
                                  gint64          plan_id,
                                  const GDate    *as_of,
                                  const GDate    *from,
                                  const GDate    *to);

/* Writes to @path without asking (the chooser's answer; tests). The
 * "finished" signal (gboolean ok, const char *path_or_error) follows. */
void dd_export_dialog_export_to (DdExportDialog *self,
                                 DdExportFormat  format,
                                 const char     *path);

G_END_DECLS
