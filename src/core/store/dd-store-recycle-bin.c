/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-store-private.h"

/*
 * The recycle bin: deleting a task marks it (deleted_at, deleted_by), every
 * task query leaves it out, and restoring clears the mark. Nothing is
 * erased; the audit triggers record both as "delete" and "restore".
 */

G_DEFINE_BOXED_TYPE (DdBinEntry, dd_bin_entry, dd_bin_entry_copy, dd_bin_entry_free)

DdBinEntry *
dd_bin_entry_copy (const DdBinEntry *self)
{
  DdBinEntry *copy = g_new0 (DdBinEntry, 1);

  copy->task_id = self->task_id;
  copy->number = g_strdup (self->number);
  copy->title = g_strdup (self->title);
  copy->plan_number = g_strdup (self->plan_number);
  copy->deleted_at = g_strdup (self->deleted_at);
  copy->deleted_by = g_strdup (self->deleted_by);
  return copy;
}

void
dd_bin_entry_free (DdBinEntry *self)
{
  if (self == NULL)
    return;
  g_free (self->number);
  g_free (self->title);
  g_free (self->plan_number);
  g_free (self->deleted_at);
  g_free (self->deleted_by);
  g_free (self);
}

/* Deleting and restoring */

static gboolean
set_task_deleted (DdStore   *self,
                  gint64     task_id,
                  gboolean   deleted,
                  GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = dd_sql_now_utc ();

  if (!_dd_store_begin (self, error))
    return FALSE;
  if (deleted)
    stmt = dd_sql_prepare (self,
                           "UPDATE tasks SET deleted_at = ?2, deleted_by = ?3, revision = revision + 1, "
                           "updated_at = ?2, updated_by = ?3 WHERE id = ?1 AND deleted_at IS NULL",
                           error);
  else
    stmt = dd_sql_prepare (self,
                           "UPDATE tasks SET deleted_at = NULL, deleted_by = NULL, revision = revision + 1, "
                           "updated_at = ?2, updated_by = ?3 WHERE id = ?1 AND deleted_at IS NOT NULL",
                           error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, task_id);
  dd_sql_bind_text (stmt, 2, now);
  dd_sql_bind_text (stmt, 3, self->access.user);
  if (!dd_sql_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      if (deleted)
        g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
                     _("There is no task with id %lld (or it is already in the recycle bin)."),
                     (long long) task_id);
      else
        g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
                     _("There is no task with id %lld in the recycle bin."), (long long) task_id);
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  return _dd_store_commit (self, error);

fail:
  _dd_store_rollback (self);
  return FALSE;
}

gboolean
dd_store_delete_task (DdStore  *self,
                      gint64    task_id,
                      GError  **error)
{
  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  return set_task_deleted (self, task_id, TRUE, error);
}

gboolean
dd_store_restore_task (DdStore  *self,
                       gint64    task_id,
                       GError  **error)
{
  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  return set_task_deleted (self, task_id, FALSE, error);
}

GPtrArray *
dd_store_list_recycle_bin (DdStore  *self,
                           GError  **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_bin_entry_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);

  stmt = dd_sql_prepare (self,
                         "SELECT t.id, t.number, t.title, p.number, t.deleted_at, t.deleted_by "
                         "FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE t.deleted_at IS NOT NULL "
                         "ORDER BY t.deleted_at DESC, t.id DESC", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DdBinEntry *entry = g_new0 (DdBinEntry, 1);

      entry->task_id = sqlite3_column_int64 (stmt, 0);
      entry->number = g_strdup (dd_sql_column_text (stmt, 1));
      entry->title = g_strdup (dd_sql_column_text (stmt, 2));
      entry->plan_number = g_strdup (dd_sql_column_text (stmt, 3));
      entry->deleted_at = g_strdup (dd_sql_column_text (stmt, 4));
      entry->deleted_by = g_strdup (dd_sql_column_text (stmt, 5));
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}
