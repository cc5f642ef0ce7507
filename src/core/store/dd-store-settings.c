/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store"

#include "config.h"

#include "dd-store-private.h"

/*
 * Reading the file's settings (table settings), which the store's own reads
 * need (the "due soon" window of a task's status): plain reads that call
 * nothing above the SQL helpers. dd_store_set_setting(), a write in a
 * transaction, is in dd-store.c.
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
dd_store_get_due_soon_days (DdStore *self)
{
  g_autofree char *value = dd_store_dup_setting (self, "due_soon_days", NULL);
  guint64 days;

  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 0, 365, &days, NULL))
    return (guint) days;
  return DD_DEFAULT_DUE_SOON_DAYS;
}
