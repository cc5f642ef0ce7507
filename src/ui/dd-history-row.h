/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

/*
 * One row of the history window: a change of the audit history
 * (DdAuditChange, said for people by the core: the field's translated name,
 * values as people write them), as the window's columns show it.
 */

#define DD_TYPE_HISTORY_ROW (dd_history_row_get_type ())
G_DECLARE_FINAL_TYPE (DdHistoryRow, dd_history_row, DD, HISTORY_ROW, GObject)

/* Returns: (transfer full): a row showing a copy of @change */
DdHistoryRow *dd_history_row_new       (const DdAuditChange *change) G_GNUC_WARN_UNUSED_RESULT;

gint64      dd_history_row_get_entry_id  (DdHistoryRow *self);
gint64      dd_history_row_get_task_id   (DdHistoryRow *self);
/* Local time, "25/11/2026 14:05". */
const char *dd_history_row_get_when      (DdHistoryRow *self);
/* The display name, or the account when none was set. */
const char *dd_history_row_get_who       (DdHistoryRow *self);
/* What was changed: "Task 3.", "Unit “Sở Nội vụ”", "Setting “due_soon_days”". */
const char *dd_history_row_get_subject   (DdHistoryRow *self);
/* The field ("Progress", "Lead unit") or the event ("Moved to the recycle bin"). */
const char *dd_history_row_get_field     (DdHistoryRow *self);
const char *dd_history_row_get_old_value (DdHistoryRow *self);   /* "" when none */
const char *dd_history_row_get_new_value (DdHistoryRow *self);   /* "" when none */

G_END_DECLS
