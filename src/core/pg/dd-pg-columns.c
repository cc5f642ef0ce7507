/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-pg"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dondoc/dondoc.h"
#include "dd-pg-private.h"

/*
 * The columns of a table of the file as the copies (dd-pg-copy.c) and the
 * writes through to the server (dd-pg-write.c) see them: their names in
 * the file and on the server, and the file's declared types.
 */

static void
column_free (gpointer data)
{
  DdPgColumn *column = data;

  g_free (column->name);
  g_free (column);
}

static DdPgColumnKind
kind_of (const char *declared)
{
  if (g_ascii_strcasecmp (declared, "INTEGER") == 0)
    return KIND_INTEGER;
  if (g_ascii_strcasecmp (declared, "REAL") == 0)
    return KIND_REAL;
  if (g_ascii_strcasecmp (declared, "BLOB") == 0)
    return KIND_BLOB;
  return KIND_TEXT;
}

gboolean
_dd_pg_set_sqlite_error (sqlite3 *db, GError **error)
{
  g_set_error (error, DD_PG_ERROR, DD_PG_ERROR_QUERY, _("The file refused the copy: %s"),
               sqlite3_errmsg (db));
  return FALSE;
}

/* The columns of @table in the file (users' role is the server's groups). */
GPtrArray *
_dd_pg_read_columns (sqlite3     *db,
                     const char  *table,
                     GError     **error)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (column_free);
  g_autofree char *sql = g_strdup_printf ("SELECT name, type FROM pragma_table_info ('%s') ORDER BY cid",
                                          table);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _dd_pg_set_sqlite_error (db, error);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DdPgColumn *column = g_new0 (DdPgColumn, 1);

      column->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      column->kind = kind_of ((const char *) sqlite3_column_text (stmt, 1));
      column->server_name = g_str_equal (table, "audit_log") && g_str_equal (column->name, "user")
                            ? "account" : column->name;
      g_ptr_array_add (columns, column);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _dd_pg_set_sqlite_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&columns);
}
