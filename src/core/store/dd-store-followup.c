/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-store-private.h"

/*
 * What the follow-up loop adds to a task (issue 15): the document that
 * assigned it (task_sources), the timeline of its progress updates, the
 * built-in plan of the assignments outside any plan, and finding a unit by
 * name without creating it. Saving a task (dd-store-tasks.c) writes the
 * source; loading one (dd-store-query.c) reads it.
 */

G_DEFINE_BOXED_TYPE (DdProgressUpdate, dd_progress_update, dd_progress_update_copy, dd_progress_update_free)

/* The value of plans.builtin for the plan of assignments outside any plan. */
#define ADHOC_PLAN "adhoc"

DdProgressUpdate *
dd_progress_update_copy (const DdProgressUpdate *self)
{
  DdProgressUpdate *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new (DdProgressUpdate, 1);
  *copy = *self;
  copy->actual_product = g_strdup (self->actual_product);
  copy->note = g_strdup (self->note);
  copy->recorded_by = g_strdup (self->recorded_by);
  copy->recorded_at = g_strdup (self->recorded_at);
  return copy;
}

void
dd_progress_update_free (DdProgressUpdate *self)
{
  if (self == NULL)
    return;
  g_free (self->actual_product);
  g_free (self->note);
  g_free (self->recorded_by);
  g_free (self->recorded_at);
  g_free (self);
}

/* Source documents */

gboolean
_dd_store_write_task_source (DdStore                 *self,
                             gint64                   task_id,
                             const DdSourceDocument  *source,
                             GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *now = dd_sql_now_utc ();

  g_assert (self->flags.in_transaction);

  if (source == NULL || (source->kind == NULL && source->number == NULL))
    {
      stmt = dd_sql_prepare (self, "DELETE FROM task_sources WHERE task_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, task_id);
      return dd_sql_step_done (self, stmt, error);
    }

  /* An update only when something changed: the history records no
   * change that did not happen. */
  stmt = dd_sql_prepare (self,
                         "UPDATE task_sources SET kind = ?2, number = ?3, issued_on = ?4, issuer = ?5, "
                         "revision = revision + 1, updated_at = ?6, updated_by = ?7 WHERE task_id = ?1 "
                         "AND (kind IS NOT ?2 OR number IS NOT ?3 OR issued_on IS NOT ?4 OR issuer IS NOT ?5)",
                         error);
  insert = stmt == NULL ? NULL : dd_sql_prepare (self,
                         "INSERT INTO task_sources (task_id, kind, number, issued_on, issuer, updated_at, "
                         "updated_by) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 "
                         "WHERE NOT EXISTS (SELECT 1 FROM task_sources WHERE task_id = ?1)", error);
  if (insert == NULL)
    return FALSE;
  for (guint s = 0; s < 2; s++)
    {
      sqlite3_stmt *one = s == 0 ? stmt : insert;

      sqlite3_bind_int64 (one, 1, task_id);
      dd_sql_bind_text (one, 2, source->kind);
      dd_sql_bind_text (one, 3, source->number);
      dd_sql_bind_date (one, 4, &source->date);
      dd_sql_bind_text (one, 5, source->issuer);
      dd_sql_bind_text (one, 6, now);
      dd_sql_bind_text (one, 7, self->access.user);
    }
  return dd_sql_step_upsert (self, stmt, insert, error);
}

gboolean
_dd_store_load_task_source (DdStore  *self,
                            DdTask   *task,
                            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GDate date;
  int rc;

  stmt = dd_sql_prepare (self, "SELECT kind, number, issued_on, issuer FROM task_sources WHERE task_id = ?1",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, task->id);
  rc = sqlite3_step (stmt);
  g_clear_pointer (&task->source, dd_source_document_free);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return dd_sql_set_sqlite_error (self, rc, error);
  dd_sql_column_date (stmt, 2, &date);
  task->source = dd_source_document_new (dd_sql_column_text (stmt, 0), dd_sql_column_text (stmt, 1),
                                         &date, dd_sql_column_text (stmt, 3));
  return TRUE;
}

/* Progress as a timeline */

GPtrArray *
dd_store_list_progress (DdStore  *self,
                        gint64    task_id,
                        GError  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_progress_update_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);

  stmt = dd_sql_prepare (self,
                         "SELECT id, reported_on, progress, completed_on, actual_product, note, recorded_by, "
                         "recorded_at, reopened FROM progress_updates WHERE task_id = ?1 "
                         "ORDER BY reported_on DESC, id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, task_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DdProgressUpdate *update = g_new0 (DdProgressUpdate, 1);

      update->id = sqlite3_column_int64 (stmt, 0);
      update->task_id = task_id;
      dd_sql_column_date (stmt, 1, &update->date);
      update->progress = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 2);
      dd_sql_column_date (stmt, 3, &update->completed_on);
      update->actual_product = g_strdup (dd_sql_column_text (stmt, 4));
      update->note = g_strdup (dd_sql_column_text (stmt, 5));
      update->recorded_by = g_strdup (dd_sql_column_text (stmt, 6));
      update->recorded_at = g_strdup (dd_sql_column_text (stmt, 7));
      update->reopened = sqlite3_column_int (stmt, 8) != 0;
      g_ptr_array_add (list, update);
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* The plan of assignments outside any plan */

const char *
_dd_store_builtin_plan_title (const char *builtin)
{
  if (g_strcmp0 (builtin, ADHOC_PLAN) == 0)
    return _("Assignments outside any plan");
  return NULL;
}

gint64
dd_store_get_adhoc_plan_id (DdStore  *self,
                            GError  **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *now = dd_sql_now_utc ();
  const char *find = "SELECT id FROM plans WHERE builtin = '" ADHOC_PLAN "'";
  gint64 id;

  g_return_val_if_fail (DD_IS_STORE (self), 0);

  id = dd_sql_query_int64 (self, find, 0);
  if (id > 0)
    return id;

  if (!_dd_store_begin (self, error))
    return 0;
  /* Another desktop may have made it since the read above. */
  id = dd_sql_query_int64 (self, find, 0);
  if (id > 0)
    {
      _dd_store_rollback (self);
      return id;
    }
  /* The stored title is the Vietnamese one (the file is shared by
   * desktops in any language); the lists show the translated one. */
  insert = dd_sql_prepare (self,
                           "INSERT INTO plans (number, title, builtin, created_at, updated_at, updated_by) "
                           "VALUES ('', 'Giao việc ngoài kế hoạch', '" ADHOC_PLAN "', ?1, ?1, ?2)", error);
  if (insert == NULL)
    goto fail;
  dd_sql_bind_text (insert, 1, now);
  dd_sql_bind_text (insert, 2, self->access.user);
  if (!dd_sql_step_done (self, insert, error))
    goto fail;
  id = sqlite3_last_insert_rowid (self->db);
  if (!_dd_store_commit (self, error))
    return 0;
  return id;

fail:
  _dd_store_rollback (self);
  return 0;
}

/* Units by name */

gint64
_dd_store_lookup_unit (DdStore     *self,
                       const char  *name,
                       GError     **error)
{
  g_autofree char *clean = dd_text_normalize_space (name);
  g_autofree char *key = dd_text_unit_match_key (clean);
  g_autoptr(sqlite3_stmt) find = NULL;
  int rc;

  find = dd_sql_prepare (self, "SELECT id FROM units WHERE match_key = ?1", error);
  if (find == NULL)
    return -1;
  dd_sql_bind_text (find, 1, key);
  rc = sqlite3_step (find);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (find, 0);
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      return -1;
    }
  return 0;
}

gint64
dd_store_find_unit (DdStore     *self,
                    const char  *name,
                    GError     **error)
{
  g_return_val_if_fail (DD_IS_STORE (self), -1);

  if (dd_text_is_blank (name))
    return 0;
  return _dd_store_lookup_unit (self, name, error);
}
