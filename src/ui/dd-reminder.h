/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_REMINDER (dd_reminder_get_type ())
G_DECLARE_FINAL_TYPE (DdReminder, dd_reminder, DD, REMINDER, GtkWidget)

GtkWidget *dd_reminder_new           (void) G_GNUC_WARN_UNUSED_RESULT;
DdStore   *dd_reminder_get_store     (DdReminder *self);
void       dd_reminder_set_store     (DdReminder *self,
                                      DdStore    *store);
/* Counts again (as of today, on a worker) and shows or hides the bar. */
void       dd_reminder_update        (DdReminder *self);
gboolean   dd_reminder_is_counting   (DdReminder *self);
guint      dd_reminder_get_n_overdue (DdReminder *self);
guint      dd_reminder_get_n_forgotten (DdReminder *self);
guint      dd_reminder_get_n_due_soon (DdReminder *self);
/* TRUE while the bar is shown. */
gboolean   dd_reminder_get_revealed  (DdReminder *self);
/* The text of the bar and of the desktop notification. (transfer full) */
char      *dd_reminder_dup_text      (DdReminder *self);

G_END_DECLS
