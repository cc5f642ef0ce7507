/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-pg"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dondoc/dondoc.h"
#include "dd-pg-live-private.h"
#include "dd-store-private.h"

/*
 * Writing to the server's tables in place (issue #22), through the same
 * virtual tables that read them (dd-pg-live.c): each row the store's SQL
 * inserts, updates or deletes is one statement on the server (xUpdate), in
 * one server transaction that spans the store's write transaction:
 *  - the store's BEGIN takes a new snapshot (the begin hook), so that its
 *    checks (the revision of the task being saved, …) read the data as it
 *    is now, with the file's messages;
 *  - an existing row is updated or deleted by its key and only if its
 *    revision is still the one read: else someone changed it meanwhile,
 *    and the write fails as a conflict (DD_STORE_ERROR_CONFLICT), as on a
 *    file; the server's REPEATABLE READ refuses a row changed since the
 *    snapshot just as well (SQLSTATE 40001);
 *  - a new row gets its id from the server (its identity column,
 *    RETURNING id → the rowid SQLite gives the store), so two desktops
 *    never give two rows the same id;
 *  - xSync commits the server's transaction before SQLite commits; if the
 *    server refused anything, the store's transaction is rolled back, the
 *    server's too: the action is on the server whole or reported as failed.
 * The server's triggers write the history with its session user, and its
 * row-level security decides what the login may change (its refusal said
 * in the file's words for the login's role). After a commit or
 * a rollback, the store reads a new snapshot.
 */

/* The tables a store in place may change on the server: the others
 * (users, whose roles are the server's login roles, and the history, which
 * the server's triggers write) are refused, saying so. */
static const char * const write_tables[] = {
  "settings", "plans", "import_pending", "units", "tasks", "task_coordinators", "progress_updates", "indicators",
  "indicator_rules", "indicator_figures", "dossier_figures", "holiday_years", "holidays",
  "task_extensions", "task_schedules", "occurrence_reports", "task_people", "task_sources",
  "letters_sent",
};

/* A row a write transaction read: its key's values (the server's text,
 * in the order of the table's key columns) and its revision (or NULL). */
typedef struct
{
  GPtrArray *key;               /* of char *, NULL for NULL */
  char *revision;
} LiveRow;

static void
live_row_free (gpointer data)
{
  LiveRow *row = data;

  g_ptr_array_unref (row->key);
  g_free (row->revision);
  g_free (row);
}

const char *
_dd_pg_live_begin_sql (gboolean writable)
{
  return writable
         ? "BEGIN ISOLATION LEVEL REPEATABLE READ; SET LOCAL TimeZone = 'UTC'; "
           "SET LOCAL bytea_output = 'hex'; SET LOCAL extra_float_digits = 1"
         : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL TimeZone = 'UTC'; "
           "SET LOCAL bytea_output = 'hex'; SET LOCAL extra_float_digits = 1";
}

gboolean
_dd_pg_live_is_key (LiveTable *table,
                    guint      c)
{
  const DdPgColumn *column = table->columns->pdata[c];

  if ((int) c == table->revision)
    return TRUE;
  return table->id_first ? c == 0 : column->pk > 0;
}

void
_dd_pg_live_table_init (LiveTable *table)
{
  table->writable = g_strv_contains (write_tables, table->table);
  table->revision = -1;
  for (guint c = 0; c < table->columns->len; c++)
    if (g_str_equal (((DdPgColumn *) table->columns->pdata[c])->name, "revision"))
      table->revision = (int) c;
  table->retired = g_ptr_array_new_with_free_func ((GDestroyNotify) PQclear);
  table->read_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, live_row_free);
}

void
_dd_pg_live_table_clear (LiveTable *table)
{
  g_clear_pointer (&table->whole, PQclear);
  g_clear_pointer (&table->whole_rows, g_hash_table_unref);
  g_clear_pointer (&table->carried, PQclear);
  g_clear_pointer (&table->carried_rows, g_hash_table_unref);
  g_clear_pointer (&table->retired, g_ptr_array_unref);
  g_clear_pointer (&table->read_rows, g_hash_table_unref);
}

/* The text of @cursor's column @c, or NULL (NULL, or not read). */
static char *
dup_cursor_text (LiveCursor *cursor,
                 guint       c)
{
  int field = cursor->fields[c];

  if (field < 0 || PQgetisnull (cursor->result, cursor->row, field))
    return NULL;
  return g_strdup (PQgetvalue (cursor->result, cursor->row, field));
}

sqlite3_int64
_dd_pg_live_row_id (LiveTable  *table,
                    LiveCursor *cursor)
{
  sqlite3_int64 rowid;
  gint64 *key;
  LiveRow *row;

  if (table->id_first && !PQgetisnull (cursor->result, cursor->row, 0))
    rowid = g_ascii_strtoll (PQgetvalue (cursor->result, cursor->row, 0), NULL, 10);
  else if (table->live->in_transaction)
    rowid = ++table->live->next_rowid;
  else
    return cursor->row + 1;
  if (!table->live->in_transaction || !table->writable || !cursor->keys)
    return rowid;

  /* The row may be updated or deleted next: its key and revision. */
  row = g_new0 (LiveRow, 1);
  row->key = g_ptr_array_new_with_free_func (g_free);
  for (guint c = 0; c < table->columns->len; c++)
    if ((int) c != table->revision && _dd_pg_live_is_key (table, c))
      g_ptr_array_add (row->key, dup_cursor_text (cursor, c));
  row->revision = table->revision >= 0 ? dup_cursor_text (cursor, (guint) table->revision) : NULL;
  key = g_new (gint64, 1);
  *key = rowid;
  g_hash_table_replace (table->read_rows, key, row);
  return rowid;
}

/* Fails the statement with @error (owned), which the store reports. */
static int
fail (LiveTable *table,
      GError    *error)
{
  sqlite3_free (table->base.zErrMsg);
  table->base.zErrMsg = sqlite3_mprintf ("%s", error->message);
  _dd_store_set_remote_error (table->live->store, error);
  return SQLITE_ERROR;
}

static int
fail_conflict (LiveTable     *table,
               sqlite3_int64  rowid)
{
  GError *error = NULL;

  g_set_error (&error, DD_STORE_ERROR, DD_STORE_ERROR_CONFLICT,
               _("Someone else changed this on the server since it was read (%s %lld); nothing was "
                 "saved: read it again and redo the change."), table->table,
               (long long) (table->id_first ? rowid : 0));
  return fail (table, error);
}

/* @value as the server's text input (NULL for NULL). */
static char *
dup_value_param (sqlite3_value *value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  GString *hex;
  const guint8 *data;

  switch (sqlite3_value_type (value))
    {
    case SQLITE_NULL:
      return NULL;
    case SQLITE_INTEGER:
      return g_strdup_printf ("%lld", (long long) sqlite3_value_int64 (value));
    case SQLITE_FLOAT:
      return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, sqlite3_value_double (value)));
    case SQLITE_BLOB:
      hex = g_string_new ("\\x");
      data = sqlite3_value_blob (value);
      for (int i = 0; i < sqlite3_value_bytes (value); i++)
        g_string_append_printf (hex, "%02x", data[i]);
      return g_string_free (hex, FALSE);
    default:
      return g_strdup ((const char *) sqlite3_value_text (value));
    }
}

/* Runs @sql with @params in the store's server transaction; a refusal
 * fails the transaction (the server's is aborted). */
static PGresult *
run (LiveTable  *table,
     const char *sql,
     GPtrArray  *params,
     GError    **error)
{
  PGresult *result;
  const char *state;
  const char *primary;

  g_debug ("%s (%u parameters)", sql, params->len);
  result = PQexecParams (dd_pg_get_conn (table->live->pg), sql, (int) params->len, NULL,
                         (const char * const *) params->pdata, NULL, NULL, 0);
  state = PQresultErrorField (result, PG_DIAG_SQLSTATE);
  primary = PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY);

  if (g_strcmp0 (state, "42501") == 0)
    /* Row-level security or a guard trigger (data/pg/0002-roles.sql,
     * whose codes are the file's guards'): the file's own words for the
     * login's role. */
    _dd_store_trigger_error (table->live->store,
                             primary != NULL && g_str_has_prefix (primary, "dd:") ? primary : "dd:permission",
                             error);
  else if (dd_pg_result_ok (result, error))
    return result;
  PQclear (result);
  table->live->state = LIVE_FAILED;
  return NULL;
}

/* Adds " WHERE key = … AND revision = …" for the row read as @rowid. */
static gboolean
append_where (LiveTable     *table,
              sqlite3_int64  rowid,
              GString       *sql,
              GPtrArray     *params)
{
  LiveRow *row = g_hash_table_lookup (table->read_rows, &rowid);
  gint64 integer;
  guint k = 0;

  if (row == NULL)
    return FALSE;
  for (guint c = 0; c < table->columns->len; c++)
    {
      const DdPgColumn *column = table->columns->pdata[c];

      if ((int) c == table->revision || !_dd_pg_live_is_key (table, c))
        continue;
      if (k >= row->key->len || row->key->pdata[k] == NULL)
        return FALSE;
      g_ptr_array_add (params, g_strdup (row->key->pdata[k++]));
      /* An integer key compared as an integer: the primary key's index
       * finds the row (compared as text, the server read every task to
       * find one: 34 ms of each save on the 100,000-task office). */
      if (column->kind == KIND_INTEGER
          && dd_pg_parse_int (params->pdata[params->len - 1], G_MININT64, G_MAXINT64, &integer, NULL))
        g_string_append_printf (sql, "%s\"%s\" = $%u::bigint", k == 1 ? " WHERE " : " AND ",
                                column->server_name, params->len);
      else
        g_string_append_printf (sql, "%s\"%s\"::text = $%u", k == 1 ? " WHERE " : " AND ",
                                column->server_name, params->len);
    }
  if (row->revision != NULL)
    {
      g_ptr_array_add (params, g_strdup (row->revision));
      g_string_append_printf (sql, " AND revision = $%u::integer", params->len);
    }
  return k > 0;
}

static int
insert_row (LiveTable      *table,
            sqlite3_value **argv,
            sqlite3_int64  *rowid)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  GError *error = NULL;
  PGresult *result;
  gboolean ignore = sqlite3_vtab_on_conflict (table->live->db) == SQLITE_IGNORE;

  g_string_printf (sql, "INSERT INTO \"%s\" (", table->table);
  for (guint c = 0; c < table->columns->len; c++)
    {
      sqlite3_value *value = argv[2 + c];

      /* No id: the server's identity gives it. SQLite gives a virtual
       * table's column no DEFAULT: a NULL where the file has one is the
       * server's (the same: a revision of 1, the time now). */
      if (sqlite3_value_type (value) == SQLITE_NULL &&
          ((c == 0 && table->id_first) || ((DdPgColumn *) table->columns->pdata[c])->default_value != NULL))
        continue;
      g_ptr_array_add (params, dup_value_param (value));
      g_string_append_printf (sql, "%s\"%s\"", values->len > 0 ? ", " : "",
                              ((DdPgColumn *) table->columns->pdata[c])->server_name);
      g_string_append_printf (values, "%s$%u", values->len > 0 ? ", " : "", params->len);
    }
  g_string_append_printf (sql, ") VALUES (%s)%s", values->str, ignore ? " ON CONFLICT DO NOTHING" : "");
  if (table->id_first)
    g_string_append (sql, " RETURNING id");
  result = run (table, sql->str, params, &error);
  if (result == NULL)
    return fail (table, error);
  if (table->id_first && PQntuples (result) == 1)
    *rowid = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  else
    *rowid = ++table->live->next_rowid;
  PQclear (result);
  return SQLITE_OK;
}

/* Updates (@argv) or deletes (@argv NULL) the row read as @rowid, only if
 * it still has the revision read. */
static int
change_row (LiveTable      *table,
            sqlite3_int64   rowid,
            sqlite3_value **argv)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  GError *error = NULL;
  PGresult *result;
  gboolean changed;

  if (argv == NULL)
    g_string_printf (sql, "DELETE FROM \"%s\"", table->table);
  else
    {
      g_string_printf (sql, "UPDATE \"%s\" SET ", table->table);
      for (guint c = 0; c < table->columns->len; c++)
        {
          if (sqlite3_value_nochange (argv[2 + c]))
            continue;
          g_ptr_array_add (params, dup_value_param (argv[2 + c]));
          g_string_append_printf (sql, "%s\"%s\" = $%u", params->len > 1 ? ", " : "",
                                  ((DdPgColumn *) table->columns->pdata[c])->server_name, params->len);
        }
      /* Nothing changes: the row as it is. */
      if (params->len == 0)
        return SQLITE_OK;
    }
  if (!append_where (table, rowid, sql, params))
    return fail_conflict (table, rowid);
  result = run (table, sql->str, params, &error);
  if (result == NULL)
    return fail (table, error);
  changed = g_strcmp0 (PQcmdTuples (result), "1") == 0;
  PQclear (result);
  if (!changed)
    {
      table->live->state = LIVE_FAILED;
      return fail_conflict (table, rowid);
    }
  return SQLITE_OK;
}

int
_dd_pg_live_update (sqlite3_vtab   *vtab,
                    int             argc,
                    sqlite3_value **argv,
                    sqlite3_int64  *rowid)
{
  LiveTable *table = (LiveTable *) vtab;
  GError *error = NULL;

  if (!table->writable || !table->live->writable)
    {
      g_set_error (&error, DD_PG_ERROR, DD_PG_ERROR_QUERY,
                   _("This change (table “%s”) cannot be written to a PostgreSQL server yet; "
                     "nothing was saved."), table->table);
      return fail (table, error);
    }
  if (table->live->state == LIVE_FAILED)
    {
      g_set_error_literal (&error, DD_PG_ERROR, DD_PG_ERROR_QUERY,
                           _("The server already refused a part of this change; nothing was saved."));
      return fail (table, error);
    }
  /* (The store's BEGIN took one; a write outside it takes its own.) */
  if (!_dd_pg_live_use_snapshot (table->live, &error))
    return fail (table, error);
  /* The small table's snapshot is stale now: read again from the server
   * (within this transaction, with this change). The cursors that still
   * read it keep it till the next snapshot. */
  if (table->whole != NULL)
    g_ptr_array_add (table->retired, g_steal_pointer (&table->whole));
  _dd_pg_live_drop_batches (table->live);
  table->live->state = LIVE_WRITING;
  if (argc == 1)
    return change_row (table, sqlite3_value_int64 (argv[0]), NULL);
  if (sqlite3_value_type (argv[0]) == SQLITE_NULL)
    return insert_row (table, argv, rowid);
  if (table->id_first && sqlite3_value_int64 (argv[0]) != sqlite3_value_int64 (argv[1]))
    {
      g_set_error (&error, DD_PG_ERROR, DD_PG_ERROR_QUERY,
                   _("A row's id cannot change on a PostgreSQL server (table “%s”); nothing was saved."),
                   table->table);
      return fail (table, error);
    }
  return change_row (table, sqlite3_value_int64 (argv[0]), argv);
}

/* @table's whole of the last snapshot, no longer to be read. */
static void
retire_carried (LiveTable *table)
{
  if (table->carried != NULL)
    g_ptr_array_add (table->retired, g_steal_pointer (&table->carried));
  g_clear_pointer (&table->carried_rows, g_hash_table_unref);
}

void
_dd_pg_live_drop_carried (Live *live)
{
  for (guint i = 0; i < live->tables->len; i++)
    retire_carried (live->tables->pdata[i]);
  g_clear_pointer (&live->previous, g_free);
}

/* What the store read in its snapshot, forgotten or kept for the next;
 * the server's transaction is the caller's to end. */
static void
forget_snapshot (Live *live)
{
  live->state = LIVE_READING;
  live->snapshot_open = FALSE;
  /* The small tables read whole in it may serve the next one. */
  if (live->snapshot != NULL)
    {
      g_free (live->previous);
      live->previous = g_steal_pointer (&live->snapshot);
    }
  g_clear_pointer (&live->pending, g_free);
  _dd_pg_live_drop_batches (live);
  /* What was read ahead in it, and its export, end with it. */
  g_clear_pointer (&live->exported, g_free);
  _dd_pg_prefetch_reset (live->prefetch);
  for (guint i = 0; i < live->tables->len; i++)
    {
      LiveTable *table = live->tables->pdata[i];

      if (table->whole != NULL && live->previous != NULL)
        {
          retire_carried (table);
          table->carried = g_steal_pointer (&table->whole);
          table->carried_rows = g_steal_pointer (&table->whole_rows);
        }
      else if (table->whole != NULL)
        g_ptr_array_add (table->retired, g_steal_pointer (&table->whole));
      /* No cursor left to read the old copies. */
      if (live->n_cursors == 0)
        g_ptr_array_set_size (table->retired, 0);
      g_hash_table_remove_all (table->read_rows);
    }
}

void
_dd_pg_live_end_snapshot (Live *live)
{
  if (PQtransactionStatus (dd_pg_get_conn (live->pg)) != PQTRANS_IDLE)
    dd_pg_rollback (live->pg);
  forget_snapshot (live);
}

/* What the snapshot's first statement asks: the snapshot itself (which
 * transactions it sees, dd-pg-list.c), the plans hidden in it, and the
 * small tables written by a transaction @previous (the last snapshot's,
 * or NULL) does not see. */
static char *
snapshot_info_sql (Live       *live,
                   const char *previous)
{
  g_autofree char *changed = NULL;
  char *literal;

  if (previous != NULL && (literal = PQescapeLiteral (dd_pg_get_conn (live->pg), previous, strlen (previous))))
    {
      changed = g_strdup_printf ("coalesce ((SELECT string_agg (table_name, ',') FROM table_changes "
                                 "WHERE changed_xid >= pg_snapshot_xmin (%s::pg_snapshot) "
                                 "AND NOT pg_visible_in_snapshot (changed_xid, %s::pg_snapshot)), '')",
                                 literal, literal);
      PQfreemem (literal);
    }
  return g_strdup_printf ("SELECT pg_current_snapshot ()::text, coalesce ((SELECT string_agg (plan_id::text, ',' "
                          "ORDER BY plan_id) FROM import_pending), ''), %s", changed != NULL ? changed : "NULL");
}

/* Takes the snapshot's info from @result; the small tables' wholes of
 * the last snapshot are this one's unless written since. */
static gboolean
take_snapshot_info (Live      *live,
                    PGresult  *result,
                    GError   **error)
{
  gboolean ok = dd_pg_result_ok (result, error);

  if (ok && (PQntuples (result) != 1 || PQnfields (result) != 3))
    {
      g_set_error_literal (error, DD_PG_ERROR, DD_PG_ERROR_QUERY,
                           _("The PostgreSQL server gave no snapshot of its data; nothing was read."));
      ok = FALSE;
    }
  if (ok)
    {
      g_auto(GStrv) changed = PQgetisnull (result, 0, 2) ? NULL : g_strsplit (PQgetvalue (result, 0, 2), ",", -1);

      g_free (live->snapshot);
      g_free (live->pending);
      live->snapshot = g_strdup (PQgetvalue (result, 0, 0));
      live->pending = g_strdup (PQgetvalue (result, 0, 1));
      for (guint i = 0; i < live->tables->len; i++)
        {
          LiveTable *table = live->tables->pdata[i];

          if (table->carried == NULL)
            continue;
          if (changed == NULL || table->whole != NULL
              || g_strv_contains ((const char * const *) changed, table->table))
            retire_carried (table);
          else
            {
              table->whole = g_steal_pointer (&table->carried);
              table->whole_rows = g_steal_pointer (&table->carried_rows);
              live->n_wholes_kept++;
            }
        }
    }
  PQclear (result);
  g_clear_pointer (&live->previous, g_free);
  return ok;
}

gboolean
_dd_pg_live_snapshot_info (Live    *live,
                           GError **error)
{
  g_autofree char *sql = NULL;

  if (live->snapshot != NULL)
    return TRUE;
  live->n_reads++;
  sql = snapshot_info_sql (live, live->previous);
  return take_snapshot_info (live, PQexec (dd_pg_get_conn (live->pg), sql), error);
}

/* A new snapshot: the server's transaction as it is now; what was read
 * for the last one is forgotten. The ROLLBACK of the last one, its BEGIN
 * and the question of what it is go in one round trip (a refresh on a
 * loaded server waits for a core at each). */
gboolean
_dd_pg_live_new_snapshot (Live    *live,
                          GError **error)
{
  gboolean open = PQtransactionStatus (dd_pg_get_conn (live->pg)) != PQTRANS_IDLE;
  g_autofree char *info = NULL;
  g_autofree char *sql = NULL;

  forget_snapshot (live);
  info = snapshot_info_sql (live, live->previous);
  sql = g_strconcat (open ? "ROLLBACK; " : "", _dd_pg_live_begin_sql (live->writable), "; ", info, NULL);
  if (!take_snapshot_info (live, PQexec (dd_pg_get_conn (live->pg), sql), error))
    {
      if (PQtransactionStatus (dd_pg_get_conn (live->pg)) != PQTRANS_IDLE)
        dd_pg_rollback (live->pg);
      return FALSE;
    }
  live->snapshot_open = TRUE;
  return TRUE;
}

gboolean
_dd_pg_live_reading (sqlite3 *db)
{
  for (sqlite3_stmt *stmt = sqlite3_next_stmt (db, NULL); stmt != NULL; stmt = sqlite3_next_stmt (db, stmt))
    if (sqlite3_stmt_busy (stmt))
      return TRUE;
  return FALSE;
}

/* The snapshot of a window's store: ended when idle */

static gboolean
idle_end_cb (gpointer data)
{
  Live *live = data;
  gint64 quiet_ms = (g_get_monotonic_time () - live->last_read) / 1000;

  if (!live->snapshot_open)
    {
      live->idle_id = 0;
      return G_SOURCE_REMOVE;
    }
  /* Not in the middle of a read (its rows are one snapshot's) nor of
   * the store's write: later. */
  if (quiet_ms < IDLE_END_MS || live->in_transaction || live->state != LIVE_READING ||
      _dd_pg_live_reading (live->db))
    return G_SOURCE_CONTINUE;
  _dd_pg_live_end_snapshot (live);
  live->idle_id = 0;
  return G_SOURCE_REMOVE;
}

/* The timeout that ends the snapshot when idle, in the main context of
 * the thread that asked for it (the window's). */
void
_dd_pg_live_arm_idle_end (Live *live)
{
  GSource *source;

  if (!live->end_when_idle || live->idle_id != 0 || !live->snapshot_open)
    return;
  source = g_timeout_source_new (IDLE_END_MS);
  g_source_set_callback (source, idle_end_cb, live, NULL);
  g_source_set_static_name (source, "[dondoc] pg snapshot idle");
  live->idle_id = g_source_attach (source, live->idle_context);
  g_source_unref (source);
}

gboolean
_dd_pg_live_use_snapshot (Live    *live,
                          GError **error)
{
  if (!live->snapshot_open && !_dd_pg_live_new_snapshot (live, error))
    return FALSE;
  live->last_read = g_get_monotonic_time ();
  _dd_pg_live_arm_idle_end (live);
  return TRUE;
}

int
_dd_pg_live_begin (sqlite3_vtab *vtab)
{
  ((LiveTable *) vtab)->live->in_transaction = TRUE;
  return SQLITE_OK;
}

int
_dd_pg_live_sync (sqlite3_vtab *vtab)
{
  LiveTable *table = (LiveTable *) vtab;
  Live *live = table->live;
  GError *error = NULL;
  PGresult *result;
  gboolean committed;

  /* Nothing written (the transaction that creates the tables), or
   * committed already for another table of the transaction. */
  if (live->state == LIVE_READING || live->state == LIVE_COMMITTED)
    return SQLITE_OK;
  if (live->state != LIVE_WRITING)
    {
      g_set_error_literal (&error, DD_PG_ERROR, DD_PG_ERROR_QUERY,
                           _("The server already refused a part of this change; nothing was saved."));
      return fail (table, error);
    }
  /* The server's COMMIT of an aborted transaction answers ROLLBACK. */
  result = PQexec (dd_pg_get_conn (live->pg), "COMMIT");
  committed = dd_pg_result_ok (result, &error) && g_str_equal (PQcmdStatus (result), "COMMIT");
  PQclear (result);
  if (!committed)
    {
      live->state = LIVE_FAILED;
      if (error == NULL)
        g_set_error_literal (&error, DD_PG_ERROR, DD_PG_ERROR_QUERY,
                             _("The server did not commit this change; nothing was saved."));
      return fail (table, error);
    }
  live->state = LIVE_COMMITTED;
  return SQLITE_OK;
}

int
_dd_pg_live_commit (sqlite3_vtab *vtab)
{
  Live *live = ((LiveTable *) vtab)->live;

  /* The reads after this write begin a new snapshot (a failure to take
   * one shows there). */
  live->in_transaction = FALSE;
  if (live->state == LIVE_COMMITTED)
    _dd_pg_live_end_snapshot (live);
  return SQLITE_OK;
}

int
_dd_pg_live_rollback (sqlite3_vtab *vtab)
{
  Live *live = ((LiveTable *) vtab)->live;

  live->in_transaction = FALSE;
  if (live->state != LIVE_READING)
    _dd_pg_live_end_snapshot (live);
  return SQLITE_OK;
}

/* The store's BEGIN: a new snapshot, so that the checks in the write
 * transaction read the server's data as it is now. */
static gboolean
on_store_begin (DdStore  *store,
                gpointer  data,
                GError  **error)
{
  (void) store;
  return _dd_pg_live_new_snapshot (data, error);
}

void
_dd_pg_live_set_writable (Live    *live,
                          DdStore *store)
{
  _dd_store_set_begin_hook (store, on_store_begin, live);
}
