/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

/*
 * The audit history for people: each entry of the log (DdAuditEntry, whose
 * old and new values are JSON objects keyed by column) becomes one row per
 * changed field, with the field's translated name and values written as
 * people write them (unit names for unit ids, dd/mm/yyyy dates, "40 %").
 * Deleting a task to the recycle bin and restoring it are rows of their own.
 */

#define DD_TYPE_HISTORY_ROW (dd_history_row_get_type ())
G_DECLARE_FINAL_TYPE (DdHistoryRow, dd_history_row, DD, HISTORY_ROW, GObject)

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

typedef struct _DdHistoryContext DdHistoryContext;

/* Reads the unit names of @store once. */
DdHistoryContext *dd_history_context_new    (DdStore          *store);
void              dd_history_context_free   (DdHistoryContext *context);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdHistoryContext, dd_history_context_free)

/* Appends the rows of @entry to @rows (a GListStore of DdHistoryRow). */
void        dd_history_context_expand    (DdHistoryContext   *context,
                                          const DdAuditEntry *entry,
                                          GListStore         *rows);

/* "25/11/2026 14:05" (local time) for the log's ISO 8601 UTC time. (transfer full) */
char       *dd_history_format_time       (const char         *at);
/* The display name of whoever made @entry, or their account. */
const char *dd_history_entry_get_who     (const DdAuditEntry *entry);
/* TRUE when @entry is a change of @table that set @key (an insert or an
 * update whose new values hold it; for a table without @key, any change). */
gboolean    dd_history_entry_sets        (const DdAuditEntry *entry,
                                          const char         *table,
                                          const char         *key);

G_END_DECLS
