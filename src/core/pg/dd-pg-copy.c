/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-pg"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dondoc/dondoc.h"
#include "dd-pg-private.h"
#include "dd-store-private.h"

/*
 * Moving an office's data between an SQLite file and a PostgreSQL server,
 * table by table, in either direction: "migrate" to the server or back to a
 * file.
 *
 * The columns are the file's (PRAGMA table_info), found by name on the
 * server; the dialects differ only in how a value is written: dates and
 * timestamps are read back in the file's text (2026-12-06, and
 * 2026-12-06T11:13:02Z or .522Z), bytea in hex, audit_log's "user" is
 * "account" on the server, and users' role is the server's group
 * membership (dd-pg-roles.c), not a column. The triggers of the target are
 * off while its rows are written (they would audit the copy as new
 * changes, with the copier's name) and the same again after.
 */

/* The tables of the data, a table after those it refers to.
 * deadline_kinds is the schema's own on both sides. */
static const char * const tables[] = {
  "settings", "plans", "import_pending", "units", "tasks", "task_coordinators", "progress_updates",
  "indicators", "indicator_rules", "indicator_figures", "dossier_figures", "holiday_years",
  "holidays", "task_extensions", "task_schedules", "occurrence_reports", "task_people",
  "task_sources", "letters_sent", "users", "audit_log",
};

const char * const *
_dd_pg_data_tables (guint *n_tables)
{
  *n_tables = G_N_ELEMENTS (tables);
  return tables;
}

void
dd_pg_table_count_free (DdPgTableCount *count)
{
  if (count == NULL)
    return;
  g_free (count->table);
  g_free (count);
}

static gboolean
exec_sqlite (sqlite3 *db, const char *sql, GError **error)
{
  return sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK || _dd_pg_set_sqlite_error (db, error);
}

static gint64
count_sqlite (sqlite3 *db, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static gint64
count_server (DdPg *pg, const char *table, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);
  PGresult *result = PQexec (dd_pg_get_conn (pg), sql);
  gint64 n = -1;

  if (dd_pg_result_ok (result, error))
    n = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  return n;
}

/* Counts every table on both sides into @counts; FALSE (with @error) when
 * a count differs. */
static gboolean
verify_counts (DdPg       *pg,
               sqlite3    *db,
               gboolean    to_server,
               GPtrArray  *counts,
               GError    **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      DdPgTableCount *count = g_new0 (DdPgTableCount, 1);
      gint64 on_server = count_server (pg, tables[i], error);
      gint64 in_file = count_sqlite (db, tables[i]);

      count->table = g_strdup (tables[i]);
      count->source = to_server ? in_file : on_server;
      count->target = to_server ? on_server : in_file;
      g_ptr_array_add (counts, count);
      if (on_server < 0)
        return FALSE;
      if (count->source != count->target)
        {
          g_set_error (error, DD_PG_ERROR, DD_PG_ERROR_QUERY,
                       _("The table “%s” has %lld rows in the source but %lld in the copy; "
                         "nothing was written."),
                       tables[i], (long long) count->source, (long long) count->target);
          return FALSE;
        }
    }
  return TRUE;
}

/* The server to the file */

/* The rows of @table on the server, inserted into the file. */
static gboolean
copy_table_from_server (DdPg        *pg,
                        sqlite3     *db,
                        const char  *table,
                        GHashTable  *timestamps,
                        GError     **error)
{
  g_autoptr(GPtrArray) columns = _dd_pg_read_columns (db, table, error);
  g_autoptr(GString) select = g_string_new ("SELECT ");
  g_autoptr(GString) insert = NULL;
  sqlite3_stmt *stmt = NULL;
  PGresult *result;
  gboolean ok = TRUE;

  if (columns == NULL)
    return FALSE;
  insert = g_string_new (NULL);
  g_string_printf (insert, "INSERT INTO \"%s\" (", table);
  for (guint c = 0; c < columns->len; c++)
    {
      DdPgColumn *column = columns->pdata[c];

      g_string_append (select, c > 0 ? ", " : "");
      _dd_pg_append_server_expression (select, table, column, timestamps);
      g_string_append_printf (insert, "%s\"%s\"", c > 0 ? ", " : "", column->name);
    }
  /* In the order of the raw columns (the text of an id does not sort). */
  g_string_append_printf (select, " FROM \"%s\" ORDER BY \"%s\", \"%s\"", table,
                          ((DdPgColumn *) columns->pdata[0])->server_name,
                          ((DdPgColumn *) columns->pdata[1])->server_name);
  g_string_append (insert, ") VALUES (");
  for (guint c = 0; c < columns->len; c++)
    g_string_append (insert, c > 0 ? ", ?" : "?");
  g_string_append (insert, ")");

  if (sqlite3_prepare_v2 (db, insert->str, -1, &stmt, NULL) != SQLITE_OK)
    return _dd_pg_set_sqlite_error (db, error);
  result = PQexec (dd_pg_get_conn (pg), select->str);
  if (!dd_pg_result_ok (result, error))
    ok = FALSE;
  for (int r = 0; ok && r < PQntuples (result); r++)
    {
      for (guint c = 0; c < columns->len; c++)
        _dd_pg_bind_server_value (stmt, c + 1, ((DdPgColumn *) columns->pdata[c])->kind,
                           PQgetisnull (result, r, c) ? NULL : PQgetvalue (result, r, c));
      if (sqlite3_step (stmt) != SQLITE_DONE)
        ok = _dd_pg_set_sqlite_error (db, error);
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  PQclear (result);
  sqlite3_finalize (stmt);
  return ok;
}

/* The SQL that makes the file's triggers again, and drops them. */
static GPtrArray *
drop_triggers (sqlite3 *db, GError **error)
{
  g_autoptr(GPtrArray) sql = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY rowid",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _dd_pg_set_sqlite_error (db, error);
      return NULL;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (sql, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *drop = g_strdup_printf ("DROP TRIGGER \"%s\"", (char *) names->pdata[i]);

      if (!exec_sqlite (db, drop, error))
        return NULL;
    }
  return g_steal_pointer (&sql);
}

/* Replaces every row of the file's tables by the server's, in one
 * transaction of the file and one snapshot of the server. */
static gboolean
load_from_server (DdPg       *pg,
                  sqlite3    *db,
                  GPtrArray  *counts,
                  GError    **error)
{
  g_autoptr(GHashTable) timestamps = NULL;
  g_autoptr(GPtrArray) triggers = NULL;

  if (!dd_pg_exec (pg, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL TimeZone = 'UTC'; "
                       "SET LOCAL bytea_output = 'hex'; SET LOCAL extra_float_digits = 1", error))
    return FALSE;
  timestamps = _dd_pg_read_server_timestamps (pg, error);
  if (timestamps == NULL || !exec_sqlite (db, "BEGIN; PRAGMA defer_foreign_keys = ON", error))
    goto fail_server;
  triggers = drop_triggers (db, error);
  if (triggers == NULL)
    goto fail;
  for (guint i = G_N_ELEMENTS (tables); i-- > 0;)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM \"%s\"", tables[i]);

      if (!exec_sqlite (db, sql, error))
        goto fail;
    }
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (!copy_table_from_server (pg, db, tables[i], timestamps, error))
      goto fail;
  for (guint i = 0; i < triggers->len; i++)
    if (!exec_sqlite (db, triggers->pdata[i], error))
      goto fail;
  if (!verify_counts (pg, db, FALSE, counts, error) || !exec_sqlite (db, "COMMIT", error))
    goto fail;
  return dd_pg_exec (pg, "COMMIT", error);

fail:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
fail_server:
  dd_pg_rollback (pg);
  return FALSE;
}

/* The file to the server */

static void
append_copy_value (GString *line, sqlite3_stmt *stmt, int c)
{
  switch (sqlite3_column_type (stmt, c))
    {
    case SQLITE_NULL:
      g_string_append (line, "\\N");
      break;
    case SQLITE_INTEGER:
      g_string_append_printf (line, "%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, c));
      break;
    case SQLITE_FLOAT:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        g_string_append (line, g_ascii_dtostr (buffer, sizeof buffer, sqlite3_column_double (stmt, c)));
      }
      break;
    case SQLITE_BLOB:
      {
        const guint8 *data = sqlite3_column_blob (stmt, c);
        int len = sqlite3_column_bytes (stmt, c);

        /* bytea's hex input, its backslash escaped for COPY's text format. */
        g_string_append (line, "\\\\x");
        for (int i = 0; i < len; i++)
          g_string_append_printf (line, "%02x", data[i]);
      }
      break;
    default:
      for (const char *p = (const char *) sqlite3_column_text (stmt, c); *p != '\0'; p++)
        {
          if (*p == '\\')
            g_string_append (line, "\\\\");
          else if (*p == '\t')
            g_string_append (line, "\\t");
          else if (*p == '\n')
            g_string_append (line, "\\n");
          else if (*p == '\r')
            g_string_append (line, "\\r");
          else
            g_string_append_c (line, *p);
        }
    }
}

static gboolean
put_copy_data (DdPg *pg, GString *data, GError **error)
{
  PGconn *conn = dd_pg_get_conn (pg);

  if (data->len > 0 && PQputCopyData (conn, data->str, (int) data->len) != 1)
    {
      g_set_error (error, DD_PG_ERROR, DD_PG_ERROR_CONNECT,
                   _("The connection to the PostgreSQL server was lost: %s"), PQerrorMessage (conn));
      return FALSE;
    }
  g_string_truncate (data, 0);
  return TRUE;
}

/* Ends a COPY: @ok says whether to keep it. */
static gboolean
end_copy (DdPg *pg, gboolean ok, GError **error)
{
  PGconn *conn = dd_pg_get_conn (pg);
  PGresult *result;

  PQputCopyEnd (conn, ok ? NULL : "cancelled");
  result = PQgetResult (conn);
  if (ok)
    ok = dd_pg_result_ok (result, error);
  PQclear (result);
  while ((result = PQgetResult (conn)) != NULL)
    PQclear (result);
  return ok;
}

/* The rows of @table in the file, sent to the server with COPY. */
static gboolean
copy_table_to_server (DdPg        *pg,
                      sqlite3     *db,
                      const char  *table,
                      GError     **error)
{
  g_autoptr(GPtrArray) columns = _dd_pg_read_columns (db, table, error);
  g_autoptr(GString) copy = g_string_new (NULL);
  g_autoptr(GString) select = g_string_new ("SELECT ");
  g_autoptr(GString) data = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  PGresult *result;
  guint n = 0;
  int rc;

  if (columns == NULL)
    return FALSE;
  g_string_printf (copy, "COPY \"%s\" (", table);
  for (guint c = 0; c < columns->len; c++)
    {
      DdPgColumn *column = columns->pdata[c];

      if (g_str_equal (table, "users") && g_str_equal (column->name, "role"))
        continue;
      g_string_append_printf (select, "%s\"%s\"", n > 0 ? ", " : "", column->name);
      g_string_append_printf (copy, "%s\"%s\"", n > 0 ? ", " : "", column->server_name);
      n++;
    }
  g_string_append_printf (select, " FROM \"%s\" ORDER BY 1, 2", table);
  g_string_append (copy, ") FROM STDIN");

  if (sqlite3_prepare_v2 (db, select->str, -1, &stmt, NULL) != SQLITE_OK)
    return _dd_pg_set_sqlite_error (db, error);
  result = PQexec (dd_pg_get_conn (pg), copy->str);
  if (PQresultStatus (result) != PGRES_COPY_IN)
    {
      dd_pg_result_ok (result, error);
      PQclear (result);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  PQclear (result);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (guint c = 0; c < n; c++)
        {
          if (c > 0)
            g_string_append_c (data, '\t');
          append_copy_value (data, stmt, c);
        }
      g_string_append_c (data, '\n');
      if (data->len > 65536 && !put_copy_data (pg, data, error))
        break;
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _dd_pg_set_sqlite_error (db, error);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      end_copy (pg, FALSE, NULL);
      return FALSE;
    }
  return put_copy_data (pg, data, error) && end_copy (pg, TRUE, error);
}

/* Whether every copied table of the server is empty; FALSE with
 * DD_PG_ERROR_NOT_EMPTY naming the first that is not. */
static gboolean
check_server_empty (DdPg *pg, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      gint64 n = count_server (pg, tables[i], error);

      if (n < 0)
        return FALSE;
      if (n > 0)
        {
          g_set_error (error, DD_PG_ERROR, DD_PG_ERROR_NOT_EMPTY,
                       _("The database “%s” already holds data (table “%s” has %lld rows): moving "
                         "an office needs an empty database; nothing was written."),
                       dd_pg_get_database (pg), tables[i], (long long) n);
          return FALSE;
        }
    }
  return TRUE;
}

/* Disables (or enables again) the server's triggers of every table: the
 * audit and guard triggers would record the copy as new changes. */
static gboolean
set_server_triggers (DdPg *pg, gboolean enable, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("ALTER TABLE \"%s\" %s TRIGGER USER", tables[i],
                                              enable ? "ENABLE" : "DISABLE");

      if (!dd_pg_exec (pg, sql, error))
        return FALSE;
    }
  return TRUE;
}

/* The identity columns' next values after the ids copied. */
static gboolean
reset_identities (DdPg *pg, GError **error)
{
  return dd_pg_exec (pg,
                     "DO $$ DECLARE c record; BEGIN "
                     "FOR c IN SELECT table_name, column_name FROM information_schema.columns "
                     "WHERE table_schema = 'public' AND is_identity = 'YES' LOOP "
                     "EXECUTE format ('SELECT setval (pg_get_serial_sequence (%L, %L), "
                     "coalesce ((SELECT max (%I) FROM %I), 0) + 1, false)', "
                     "c.table_name, c.column_name, c.column_name, c.table_name); "
                     "END LOOP; END $$", error);
}

gboolean
dd_pg_migrate_from_store (DdPg       *self,
                          DdStore    *source,
                          GPtrArray **out_counts,
                          GError    **error)
{
  g_autoptr(GPtrArray) counts = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_pg_table_count_free);
  sqlite3 *db;

  g_return_val_if_fail (DD_IS_PG (self), FALSE);
  g_return_val_if_fail (DD_IS_STORE (source), FALSE);

  db = _dd_store_get_db (source);
  if (!dd_pg_check_schema (self, error))
    return FALSE;
  if (!dd_pg_exec (self, "BEGIN; SET LOCAL TimeZone = 'UTC'", error))
    return FALSE;
  /* One reader of the file throughout: the counts are of the rows sent. */
  if (!exec_sqlite (db, "BEGIN", error))
    goto fail;
  if (!check_server_empty (self, error) || !set_server_triggers (self, FALSE, error))
    goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (!copy_table_to_server (self, db, tables[i], error))
      goto fail;
  /* The triggers that note what changed were off: everything did (a
   * window open meanwhile reads it all again, data/pg/0008). */
  if (!set_server_triggers (self, TRUE, error) || !reset_identities (self, error)
      || !dd_pg_exec (self, "SELECT dd_note_all_changed ()", error)
      || !verify_counts (self, db, TRUE, counts, error))
    goto fail;
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (!dd_pg_exec (self, "COMMIT", error))
    return FALSE;
  if (out_counts != NULL)
    *out_counts = g_steal_pointer (&counts);
  return TRUE;

fail:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  dd_pg_rollback (self);
  return FALSE;
}

gboolean
dd_pg_migrate_to_file (DdPg        *self,
                       const char  *path,
                       GPtrArray  **out_counts,
                       GError     **error)
{
  g_autoptr(GPtrArray) counts = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_pg_table_count_free);
  g_autoptr(DdStore) store = NULL;

  g_return_val_if_fail (DD_IS_PG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!dd_pg_check_reader (self, error) || !dd_pg_check_schema (self, error))
    return FALSE;
  /* A new file only: an existing one is never overwritten. */
  store = dd_store_open (path, DD_STORE_OPEN_CREATE, error);
  if (store == NULL)
    return FALSE;
  if (!load_from_server (self, _dd_store_get_db (store), counts, error))
    {
      g_clear_object (&store);
      g_unlink (path);
      return FALSE;
    }
  if (out_counts != NULL)
    *out_counts = g_steal_pointer (&counts);
  return TRUE;
}
