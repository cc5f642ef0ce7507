/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-pg"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dondoc/dondoc.h"
#include "dd-pg-private.h"

/*
 * The columns of a table of the file as the copies (dd-pg-copy.c) and the
 * server's tables read and written in place (dd-pg-live.c,
 * dd-pg-live-write.c) see them: their names in the file and on the
 * server, the file's declared types, and a server's value in the file's
 * text.
 */

static void
column_free (gpointer data)
{
  DdPgColumn *column = data;

  g_free (column->name);
  g_free (column->default_value);
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
  g_autofree char *sql = g_strdup_printf ("SELECT name, type, \"notnull\" OR pk > 0, pk, "
                                          "dflt_value FROM pragma_table_info ('%s') ORDER BY cid",
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
      column->not_null = sqlite3_column_int (stmt, 2) != 0;
      column->pk = (guint) sqlite3_column_int (stmt, 3);
      column->default_value = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
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

/* Whether the login of users.account is a member of a group. */
#define MEMBER_OF(group) \
  "EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid " \
  "JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = account AND g.rolname = '" group "')"

/* What the server's SELECT reads for @column of @table, in the file's text. */
void
_dd_pg_append_server_expression (GString      *sql,
                          const char   *table,
                          const DdPgColumn *column,
                          GHashTable   *timestamps)
{
  g_autofree char *key = g_strconcat (table, ".", column->server_name, NULL);

  if (g_str_equal (table, "users") && g_str_equal (column->name, "role"))
    g_string_append (sql,
                     "CASE WHEN " MEMBER_OF ("dondoc_admin") " THEN 'admin' "
                     "WHEN unit_id IS NOT NULL AND " MEMBER_OF ("dondoc_unit_editor")
                     " THEN 'unit_editor' ELSE 'viewer' END");
  else if (g_str_equal (table, "audit_log")
           && (g_str_equal (column->name, "old_values") || g_str_equal (column->name, "new_values")))
    /* jsonb keeps no order of keys: the file's triggers write them in the
     * order of the columns, as the server's tables have them (users' role,
     * which is no column there, comes before unit_id). */
    g_string_append_printf (sql,
                            "CASE WHEN %1$s IS NULL THEN NULL ELSE coalesce ((SELECT '{' || string_agg "
                            "(to_json (e.key)::text || ':' || e.value::text, ',' ORDER BY CASE WHEN "
                            "audit_log.table_name = 'users' AND e.key = 'role' THEN 2.5 ELSE "
                            "coalesce (a.attnum, 1000) END, e.key) || '}' FROM jsonb_each (%1$s) e "
                            "LEFT JOIN pg_attribute a ON a.attrelid = to_regclass ('public.' || "
                            "quote_ident (audit_log.table_name)) AND a.attname = e.key), '{}') END",
                            column->server_name);
  else if (g_str_equal (table, "audit_log") && g_str_equal (column->name, "at"))
    /* The file's audit always writes its milliseconds (…:02.000Z). */
    g_string_append_printf (sql, "to_char (\"%s\" AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')",
                            column->server_name);
  else if (g_hash_table_contains (timestamps, key))
    g_string_append_printf (sql,
                            "CASE WHEN extract (microseconds FROM \"%1$s\") %% 1000000 = 0 "
                            "THEN to_char (\"%1$s\" AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
                            "ELSE to_char (\"%1$s\" AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') END",
                            column->server_name);
  else
    g_string_append_printf (sql, "\"%s\"::text", column->server_name);
}

guint8 *
_dd_pg_decode_bytea (const char *text, gsize *len)
{
  gsize n;
  guint8 *data;

  if (g_str_has_prefix (text, "\\x"))
    text += 2;
  n = strlen (text) / 2;
  data = g_malloc (MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    data[i] = (g_ascii_xdigit_value (text[2 * i]) << 4) | g_ascii_xdigit_value (text[2 * i + 1]);
  *len = n;
  return data;
}

void
_dd_pg_bind_server_value (sqlite3_stmt *stmt,
                   int           index,
                   DdPgColumnKind    kind,
                   const char   *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else if (kind == KIND_INTEGER)
    sqlite3_bind_int64 (stmt, index, g_ascii_strtoll (value, NULL, 10));
  else if (kind == KIND_REAL)
    sqlite3_bind_double (stmt, index, g_ascii_strtod (value, NULL));
  else if (kind == KIND_BLOB)
    {
      gsize len;
      guint8 *data = _dd_pg_decode_bytea (value, &len);

      sqlite3_bind_blob (stmt, index, data, (int) len, g_free);
    }
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

/* "table.column" of every timestamptz column of the server's tables. */
GHashTable *
_dd_pg_read_server_timestamps (DdPg *pg, GError **error)
{
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  PGresult *result = PQexec (dd_pg_get_conn (pg),
                             "SELECT table_name || '.' || column_name FROM information_schema.columns "
                             "WHERE table_schema = 'public' AND data_type = 'timestamp with time zone'");

  if (!dd_pg_result_ok (result, error))
    {
      PQclear (result);
      return NULL;
    }
  for (int r = 0; r < PQntuples (result); r++)
    g_hash_table_add (set, g_strdup (PQgetvalue (result, r, 0)));
  PQclear (result);
  return g_steal_pointer (&set);
}
