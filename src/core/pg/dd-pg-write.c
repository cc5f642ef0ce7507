/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-pg"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dondoc/dondoc.h"
#include "dd-pg-private.h"
#include "dd-store-private.h"

/*
 * Writing through to the server. A command that writes runs, like one that
 * reads, on a copy of the server's data in memory (dd_pg_open_store()):
 * the store's own code makes the change there, in a transaction, and its
 * audit triggers say which rows it touched. Before that transaction
 * commits, the commit hook sends each touched row's final state to the
 * server in one transaction of the server's:
 *  - a row that existed is updated (or deleted) only if its revision on the
 *    server is still the one the copy read: else someone changed it
 *    meanwhile, and the whole action is refused as a conflict, as on a file;
 *  - a new row is inserted with the id the copy gave it (a row another
 *    desktop inserted meanwhile with that id fails the action, whole).
 * The server's triggers write its own history (its session user), its
 * row-level security decides what the login may change. If the server
 * refuses, the copy's transaction is rolled back: the action is either on
 * the server whole or reported as failed.
 */

typedef struct
{
  const char *table;
  const char *key;              /* the column audit_log.row_id is */
  gboolean has_revision;
  gboolean many;                /* many rows a key: replaced as a set */
} WriteTable;

/* The tables a command may change on the server, parents first. */
static const WriteTable write_tables[] = {
  { "plans", "id", TRUE, FALSE },
  { "units", "id", TRUE, FALSE },
  { "tasks", "id", TRUE, FALSE },
  { "task_coordinators", "task_id", FALSE, TRUE },
  { "progress_updates", "id", FALSE, FALSE },
  { "indicators", "id", TRUE, FALSE },
  { "indicator_figures", "id", TRUE, FALSE },
  { "dossier_figures", "id", TRUE, FALSE },
  { "holidays", "id", TRUE, FALSE },
  { "task_extensions", "id", FALSE, FALSE },
  { "task_schedules", "task_id", TRUE, FALSE },
  { "occurrence_reports", "id", TRUE, FALSE },
  { "task_people", "task_id", TRUE, FALSE },
  { "task_sources", "task_id", TRUE, FALSE },
};

typedef struct
{
  DdPg *pg;
  gint64 audit_mark;            /* the copy's last audit_log id sent or read */
} WriteThrough;

static void
write_through_free (gpointer data)
{
  WriteThrough *through = data;

  g_object_unref (through->pg);
  g_free (through);
}

static const WriteTable *
find_table (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (write_tables); i++)
    if (g_str_equal (write_tables[i].table, name))
      return &write_tables[i];
  return NULL;
}

static gint64
max_audit_id (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  if (sqlite3_prepare_v2 (db, "SELECT coalesce (max (id), 0) FROM audit_log", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

/* The revision in the audit entry's old values (-1: none). */
static gint64
old_revision (const char *old_values)
{
  g_autoptr(JsonNode) node = old_values != NULL ? json_from_string (old_values, NULL) : NULL;
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return -1;
  object = json_node_get_object (node);
  if (!json_object_has_member (object, "revision"))
    return -1;
  return json_object_get_int_member (object, "revision");
}

/* @stmt's column @c as the server's text input (NULL for NULL). */
static char *
dup_param (sqlite3_stmt *stmt, int c)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  GString *hex;

  switch (sqlite3_column_type (stmt, c))
    {
    case SQLITE_NULL:
      return NULL;
    case SQLITE_INTEGER:
      return g_strdup_printf ("%lld", (long long) sqlite3_column_int64 (stmt, c));
    case SQLITE_FLOAT:
      return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, sqlite3_column_double (stmt, c)));
    case SQLITE_BLOB:
      hex = g_string_new ("\\x");
      for (int i = 0; i < sqlite3_column_bytes (stmt, c); i++)
        g_string_append_printf (hex, "%02x", ((const guint8 *) sqlite3_column_blob (stmt, c))[i]);
      return g_string_free (hex, FALSE);
    default:
      return g_strdup ((const char *) sqlite3_column_text (stmt, c));
    }
}

static gboolean
exec_params (DdPg *pg, const char *sql, GPtrArray *params, int *out_rows, GError **error)
{
  PGresult *result = PQexecParams (dd_pg_get_conn (pg), sql, (int) params->len, NULL,
                                   (const char * const *) params->pdata, NULL, NULL, 0);
  gboolean ok = dd_pg_result_ok (result, error);
  gint64 rows = 0;

  /* PQcmdTuples() is "" for a statement that counts no rows. */
  if (ok && out_rows != NULL && *PQcmdTuples (result) != '\0')
    ok = dd_pg_parse_int (PQcmdTuples (result), 0, G_MAXINT, &rows, error);
  if (ok && out_rows != NULL)
    *out_rows = (int) rows;
  PQclear (result);
  return ok;
}

static gboolean
set_conflict (const WriteTable *table, gint64 key, GError **error)
{
  g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_CONFLICT,
               _("Someone else changed this on the server since it was read (%s %lld); nothing was "
                 "saved: read it again and redo the change."), table->table, (long long) key);
  return FALSE;
}

/* Inserts the copy's rows of @table with key @key into the server. */
static gboolean
insert_rows (DdPg *pg, sqlite3 *db, const WriteTable *table, gint64 key, GError **error)
{
  g_autoptr(GPtrArray) columns = _dd_pg_read_columns (db, table->table, error);
  g_autoptr(GString) select = g_string_new ("SELECT ");
  g_autoptr(GString) insert = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  if (columns == NULL)
    return FALSE;
  insert = g_string_new (NULL);
  g_string_printf (insert, "INSERT INTO \"%s\" (", table->table);
  for (guint c = 0; c < columns->len; c++)
    {
      DdPgColumn *column = columns->pdata[c];

      g_string_append_printf (select, "%s\"%s\"", c > 0 ? ", " : "", column->name);
      g_string_append_printf (insert, "%s\"%s\"", c > 0 ? ", " : "", column->server_name);
    }
  /* task_coordinators, the one table of many rows a key, has no rowid
   * (WITHOUT ROWID): its rows are in the order of its key. */
  g_string_append_printf (select, " FROM \"%s\" WHERE \"%s\" = ?1 ORDER BY %s", table->table, table->key,
                          table->many ? "1, 2" : "rowid");
  g_string_append (insert, ") VALUES (");
  for (guint c = 0; c < columns->len; c++)
    g_string_append_printf (insert, "%s$%u", c > 0 ? ", " : "", c + 1);
  g_string_append (insert, ")");

  if (sqlite3_prepare_v2 (db, select->str, -1, &stmt, NULL) != SQLITE_OK)
    return _dd_pg_set_sqlite_error (db, error);
  sqlite3_bind_int64 (stmt, 1, key);
  while (ok && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);

      for (guint c = 0; c < columns->len; c++)
        g_ptr_array_add (params, dup_param (stmt, c));
      ok = exec_params (pg, insert->str, params, NULL, error);
    }
  sqlite3_finalize (stmt);
  return ok;
}

/* Updates (or, when the copy no longer has it, deletes) the server's row
 * of @table with key @key, if its revision is still @revision. */
static gboolean
update_row (DdPg *pg, sqlite3 *db, const WriteTable *table, gint64 key, gint64 revision,
            GError **error)
{
  g_autoptr(GPtrArray) columns = _dd_pg_read_columns (db, table->table, error);
  g_autoptr(GString) select = g_string_new ("SELECT ");
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  gboolean present;
  int rows = 0;

  if (columns == NULL)
    return FALSE;
  for (guint c = 0; c < columns->len; c++)
    g_string_append_printf (select, "%s\"%s\"", c > 0 ? ", " : "", ((DdPgColumn *) columns->pdata[c])->name);
  g_string_append_printf (select, " FROM \"%s\" WHERE \"%s\" = ?1", table->table, table->key);
  if (sqlite3_prepare_v2 (db, select->str, -1, &stmt, NULL) != SQLITE_OK)
    return _dd_pg_set_sqlite_error (db, error);
  sqlite3_bind_int64 (stmt, 1, key);
  present = sqlite3_step (stmt) == SQLITE_ROW;

  if (present)
    {
      g_string_printf (sql, "UPDATE \"%s\" SET ", table->table);
      for (guint c = 0; c < columns->len; c++)
        {
          g_string_append_printf (sql, "%s\"%s\" = $%u", c > 0 ? ", " : "",
                                  ((DdPgColumn *) columns->pdata[c])->server_name, c + 1);
          g_ptr_array_add (params, dup_param (stmt, c));
        }
    }
  else
    g_string_printf (sql, "DELETE FROM \"%s\"", table->table);
  sqlite3_finalize (stmt);

  g_ptr_array_add (params, g_strdup_printf ("%lld", (long long) key));
  g_string_append_printf (sql, " WHERE \"%s\" = $%u", table->key, params->len);
  if (table->has_revision && revision >= 0)
    {
      g_ptr_array_add (params, g_strdup_printf ("%lld", (long long) revision));
      g_string_append_printf (sql, " AND revision = $%u", params->len);
    }
  if (!exec_params (pg, sql->str, params, &rows, error))
    return FALSE;
  return rows == 1 || set_conflict (table, key, error);
}

/* Sends one touched row (or, for @table->many, the set of rows of @key). */
static gboolean
send_row (DdPg *pg, sqlite3 *db, const WriteTable *table, gint64 key, const char *first_action,
          const char *old_values, GError **error)
{
  if (table->many)
    {
      g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *sql = g_strdup_printf ("DELETE FROM \"%s\" WHERE \"%s\" = $1", table->table,
                                              table->key);

      g_ptr_array_add (params, g_strdup_printf ("%lld", (long long) key));
      return exec_params (pg, sql, params, NULL, error) && insert_rows (pg, db, table, key, error);
    }
  if (g_str_equal (first_action, "insert"))
    return insert_rows (pg, db, table, key, error);
  return update_row (pg, db, table, key, old_revision (old_values), error);
}

/* The identity sequences past the ids inserted (data/pg/0004). */
static gboolean
advance_identities (DdPg *pg, GError **error)
{
  return dd_pg_exec (pg, "SELECT dd_advance_identities ()", error);
}

/* Every row touched since @through->audit_mark, in the order first touched. */
static gboolean
send_changes (WriteThrough *through, sqlite3 *db, GError **error)
{
  g_autoptr(GHashTable) sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  gboolean inserted = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT table_name, row_id, action, old_values FROM audit_log "
                              "WHERE id > ?1 ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    return _dd_pg_set_sqlite_error (db, error);
  sqlite3_bind_int64 (stmt, 1, through->audit_mark);
  while (ok && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      gint64 key = sqlite3_column_int64 (stmt, 1);
      const char *action = (const char *) sqlite3_column_text (stmt, 2);
      const WriteTable *table = find_table (name);
      char *id = g_strdup_printf ("%s %lld", name, (long long) key);

      if (!g_hash_table_add (sent, id))
        continue;
      if (table == NULL)
        {
          g_set_error (error, DD_PG_ERROR, DD_PG_ERROR_QUERY,
                       _("This change (table “%s”) cannot be written to a PostgreSQL server yet; "
                         "nothing was saved."), name);
          ok = FALSE;
          break;
        }
      inserted |= g_str_equal (action, "insert");
      ok = send_row (through->pg, db, table, key, action, (const char *) sqlite3_column_text (stmt, 3), error);
    }
  sqlite3_finalize (stmt);
  return ok && (!inserted || advance_identities (through->pg, error));
}

static gboolean
on_commit (DdStore  *store,
           gpointer  data,
           GError  **error)
{
  WriteThrough *through = data;
  sqlite3 *db = _dd_store_get_db (store);
  gint64 mark = max_audit_id (db);

  if (mark == through->audit_mark)
    return TRUE;
  if (!dd_pg_exec (through->pg, "BEGIN ISOLATION LEVEL READ COMMITTED", error))
    return FALSE;
  if (!send_changes (through, db, error) || !dd_pg_exec (through->pg, "COMMIT", error))
    {
      dd_pg_rollback (through->pg);
      return FALSE;
    }
  through->audit_mark = mark;
  return TRUE;
}

void
_dd_pg_write_through (DdPg    *self,
                      DdStore *store)
{
  WriteThrough *through = g_new0 (WriteThrough, 1);

  through->pg = g_object_ref (self);
  through->audit_mark = max_audit_id (_dd_store_get_db (store));
  _dd_store_set_commit_hook (store, on_commit, through, write_through_free);
}
