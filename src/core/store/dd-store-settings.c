/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store"

#include "config.h"

#include "dd-store-private.h"

/*
 * The file's settings (table settings): the reads, which the store's own
 * reads need (the "due soon" window of a task's status), and
 * dd_store_set_setting(), a write in a transaction. They call nothing above
 * the SQL helpers and the transactions (dd-store-transaction.c), so that
 * every file of the store may call them.
 */

char *
dd_store_dup_setting (DdStore     *self,
                      const char  *key,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = dd_sql_prepare (self, "SELECT value FROM settings WHERE key = ?1", error);
  if (stmt == NULL)
    return NULL;
  dd_sql_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup (dd_sql_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    dd_sql_set_sqlite_error (self, rc, error);
  return NULL;
}

guint
dd_store_get_due_soon_days (DdStore  *self,
                            GError  **error)
{
  GError *local_error = NULL;
  g_autofree char *value = dd_store_dup_setting (self, "due_soon_days", &local_error);
  guint64 days;

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return DD_DEFAULT_DUE_SOON_DAYS;
    }
  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 0, 365, &days, NULL))
    return (guint) days;
  return DD_DEFAULT_DUE_SOON_DAYS;
}

guint
dd_store_get_backup_warn_days (DdStore  *self,
                               GError  **error)
{
  GError *local_error = NULL;
  g_autofree char *value = dd_store_dup_setting (self, "backup_warn_days", &local_error);
  guint64 days;

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return DD_DEFAULT_BACKUP_WARN_DAYS;
    }
  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 1, 365, &days, NULL))
    return (guint) days;
  return DD_DEFAULT_BACKUP_WARN_DAYS;
}

gboolean
_dd_store_write_setting (DdStore     *self,
                         const char  *key,
                         const char  *value,
                         GError     **error)
{
  g_autofree char *now = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  if (value == NULL)
    {
      stmt = dd_sql_prepare (self, "DELETE FROM settings WHERE key = ?1", error);
      if (stmt == NULL)
        return FALSE;
      dd_sql_bind_text (stmt, 1, key);
      return dd_sql_step_done (self, stmt, error);
    }
  /* The same value again writes nothing: no revision, no history entry. */
  stmt = dd_sql_prepare (self,
                         "UPDATE settings SET value = ?2, revision = revision + 1, updated_at = ?3, "
                         "updated_by = ?4 WHERE key = ?1 AND value IS NOT ?2", error);
  insert = stmt == NULL ? NULL : dd_sql_prepare (self,
                         "INSERT INTO settings (key, value, updated_at, updated_by) SELECT ?1, ?2, ?3, ?4 "
                         "WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = ?1)", error);
  if (insert == NULL)
    return FALSE;
  now = dd_sql_now_utc ();
  for (guint s = 0; s < 2; s++)
    {
      sqlite3_stmt *one = s == 0 ? stmt : insert;

      dd_sql_bind_text (one, 1, key);
      dd_sql_bind_text (one, 2, value);
      dd_sql_bind_text (one, 3, now);
      dd_sql_bind_text (one, 4, dd_store_get_user (self));
    }
  return dd_sql_step_upsert (self, stmt, insert, error);
}

gboolean
dd_store_set_setting (DdStore     *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  if (!_dd_store_begin (self, error))
    return FALSE;
  if (!_dd_store_write_setting (self, key, value, error))
    {
      _dd_store_rollback (self);
      return FALSE;
    }
  return _dd_store_commit (self, error);
}
