/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <gio/gio.h>
#include "dd-store.h"

G_BEGIN_DECLS

/*
 * Writes of a task beyond saving it (dd-store.h): moving it to the recycle
 * bin and back. Deleting a task moves it to the bin; it disappears from
 * every task query until restored. Nothing is erased, and the history
 * records both (DD_AUDIT_CHANGE_TO_RECYCLE_BIN, …_FROM_RECYCLE_BIN).
 * Main thread only, like the rest of DdStore.
 */

/**
 * dd_store_delete_task:
 *
 * Moves the task to the recycle bin (administrators only:
 * %DD_ACTION_DELETE_TASK). %DD_STORE_ERROR_NO_SUCH_ROW when there is no
 * such task, or it is in the bin already.
 */
gboolean    dd_store_delete_task       (DdStore  *self,
                                        gint64    task_id,
                                        GError  **error);

/**
 * dd_store_restore_task:
 *
 * Brings the task back from the recycle bin (administrators only:
 * %DD_ACTION_RESTORE_TASK), with its progress and history.
 * %DD_STORE_ERROR_NO_SUCH_ROW when it is not in the bin.
 */
gboolean    dd_store_restore_task      (DdStore  *self,
                                        gint64    task_id,
                                        GError  **error);

/* A task in the recycle bin. */
typedef struct
{
  gint64 task_id;
  char *number;
  char *title;
  char *plan_number;
  char *deleted_at;   /* ISO 8601 UTC */
  char *deleted_by;
} DdBinEntry;

#define DD_TYPE_BIN_ENTRY (dd_bin_entry_get_type ())
GType       dd_bin_entry_get_type      (void) G_GNUC_CONST;
DdBinEntry *dd_bin_entry_copy          (const DdBinEntry *entry);
void        dd_bin_entry_free          (DdBinEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdBinEntry, dd_bin_entry_free)

/* The tasks in the bin, most recently deleted first.
 * Returns: (transfer full) (element-type DdBinEntry) */
GPtrArray  *dd_store_list_recycle_bin  (DdStore  *self,
                                        GError  **error);

G_END_DECLS
