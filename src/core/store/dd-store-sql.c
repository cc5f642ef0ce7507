/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-store-private.h"
#include "dd-holidays-private.h"

/*
 * The SQL helpers every dd-store-*.c file uses: preparing, binding and
 * reading values, running a statement, turning SQLite's result codes into
 * DD_STORE_ERROR; and the SQL functions that depend on no state of the
 * store. Near the bottom of the store: it calls only dd-store-refusal.c
 * (a guard trigger's refusal becomes DD_STORE_ERROR_PERMISSION there).
 */

gboolean
dd_sql_set_sqlite_error (DdStore  *self,
                         int       rc,
                         GError  **error)
{
  int primary = rc & 0xff;

  /* A server's refusal, said in its own words (dd-pg-live-write.c). */
  if (self->remote_error != NULL && primary != SQLITE_OK)
    {
      g_propagate_error (error, g_steal_pointer (&self->remote_error));
      return FALSE;
    }
  /* The guard triggers of 0003-shared.sql raise codes, not sentences. */
  if (rc == SQLITE_CONSTRAINT_TRIGGER && self->db != NULL &&
      g_str_has_prefix (sqlite3_errmsg (self->db), "dd:"))
    return _dd_store_trigger_error (self, sqlite3_errmsg (self->db), error);

  if (rc == SQLITE_READONLY_DBMOVED)
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NOT_FOUND,
                   _("The database file “%s” was moved, renamed, replaced or deleted while it was "
                     "open (or its network share was disconnected). Nothing was written; open the "
                     "file again."), display);
    }
  else if (primary == SQLITE_INTERRUPT && self->limit.tripped)
    g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_TAMPERED,
                 _("A query ran far longer than any of Đôn Đốc needs and was stopped: the file may "
                   "have been changed outside Đôn Đốc. Nothing was written; run “verify” on it."));
  else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_BUSY,
                 _("The database is in use by another user and did not become free in time. "
                   "Please try again in a moment."));
  else if (primary == SQLITE_READONLY)
    g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_READ_ONLY,
                 _("The database file cannot be written to."));
  else if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
    g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NOT_DATABASE,
                 _("The file is not a Đôn Đốc database, or it is damaged."));
  else if (primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN || primary == SQLITE_NOMEM)
    /* The test of fault injection (tests/core/test-faults.c) checks that a
     * change that fails so is never in the file. */
    g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED,
                 _("The disk or the network share failed while the database was read or written "
                   "(%s). What you were doing was not saved; check the disk or the connection to "
                   "the share, then try again."),
                 self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
  else if (primary == SQLITE_CONSTRAINT)
    g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                 _("The change breaks a rule of the database: %s"),
                 self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
  else
    g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED,
                 _("Database error: %s"),
                 self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
  return FALSE;
}

sqlite3_stmt *
dd_sql_prepare (DdStore     *self,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return stmt;
}

/* Statements of one long write (an import), each prepared once and
 * reused: preparing a statement on a table compiles its guard and audit
 * triggers, which cost more than running it. Keyed by the SQL text's
 * address (string literals). The cache also remembers the units the write
 * found or created, by the name as written (dd-store-plans.c). It lives
 * inside one transaction and is freed before the connection closes. */
struct _DdSqlCache
{
  GHashTable *stmts;            /* const char *sql → sqlite3_stmt * */
  GHashTable *units;            /* char *name → gint64 id (boxed) */
};

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

DdSqlCache *
dd_sql_cache_new (void)
{
  DdSqlCache *cache = g_new0 (DdSqlCache, 1);

  cache->stmts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                        finalize_stmt);
  cache->units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return cache;
}

void
dd_sql_cache_free (DdSqlCache *cache)
{
  if (cache == NULL)
    return;
  g_hash_table_unref (cache->stmts);
  g_hash_table_unref (cache->units);
  g_free (cache);
}

/* @sql, prepared on first use, reset and its bindings cleared; owned by
 * @cache. */
sqlite3_stmt *
dd_sql_cache_get (DdStore     *self,
                  DdSqlCache  *cache,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (cache->stmts, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  stmt = dd_sql_prepare (self, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (cache->stmts, (gpointer) sql, stmt);
  return stmt;
}

/* The id of the unit named @name as this write found or created it, or 0. */
gint64
dd_sql_cache_lookup_unit (DdSqlCache *cache,
                          const char *name)
{
  gint64 *id = g_hash_table_lookup (cache->units, name);

  return id != NULL ? *id : 0;
}

void
dd_sql_cache_remember_unit (DdSqlCache *cache,
                            const char *name,
                            gint64      id)
{
  g_hash_table_insert (cache->units, g_strdup (name), g_memdup2 (&id, sizeof id));
}

void
dd_sql_bind_text (sqlite3_stmt *stmt,
                  int           index,
                  const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

void
dd_sql_bind_date (sqlite3_stmt *stmt,
                  int           index,
                  const GDate  *date)
{
  g_autofree char *iso = dd_date_to_iso (date);

  dd_sql_bind_text (stmt, index, iso);
}

void
dd_sql_bind_blob (sqlite3_stmt *stmt,
                  int           index,
                  guint8       *data,
                  gsize         len)
{
  sqlite3_bind_blob (stmt, index, data, (int) len, g_free);
}

void
dd_sql_bind_id (sqlite3_stmt *stmt,
                int           index,
                gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

const char *
dd_sql_column_text (sqlite3_stmt *stmt,
                    int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

void
dd_sql_column_date (sqlite3_stmt *stmt,
                    int           column,
                    GDate        *out)
{
  if (!dd_date_parse_iso (dd_sql_column_text (stmt, column), out))
    g_date_clear (out, 1);
}

/* Runs a statement that returns no row (or whose rows are not needed). */
gboolean
dd_sql_step_upsert (DdStore       *self,
                    sqlite3_stmt  *update,
                    sqlite3_stmt  *insert,
                    GError       **error)
{
  if (!dd_sql_step_done (self, update, error))
    return FALSE;
  return sqlite3_changes (self->db) > 0 || dd_sql_step_done (self, insert, error);
}

gboolean
dd_sql_step_done (DdStore       *self,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    return dd_sql_set_sqlite_error (self, rc, error);
  return TRUE;
}

gboolean
dd_sql_exec (DdStore     *self,
             const char  *sql,
             GError     **error)
{
  char *errmsg = NULL;
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, &errmsg);

  if (rc != SQLITE_OK)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      sqlite3_free (errmsg);
      return FALSE;
    }
  return TRUE;
}

gint64
dd_sql_query_int64 (DdStore     *self,
                    const char  *sql,
                    gint64       fallback)
{
  g_autoptr(sqlite3_stmt) stmt = dd_sql_prepare (self, sql, NULL);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  return fallback;
}

char *
dd_sql_now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

void
dd_sql_today (GDate *date)
{
  g_date_clear (date, 1);
  dd_date_set_today (date);
}

/* dd_search_match(text, words): whether every word of @words (folded,
 * separated by one space) is in @text (the folded tasks.search_text), as
 * instr() would say for each, in one call per row. The words are split
 * once per statement (auxiliary data) and looked for with memmem(), which
 * is several times faster than instr() on the long texts. */
typedef struct
{
  guint n;
  char **words;
  gsize *lengths;
} SearchWords;

static void
search_words_free (gpointer data)
{
  SearchWords *w = data;

  g_strfreev (w->words);
  g_free (w->lengths);
  g_free (w);
}

static SearchWords *
search_words_new (const char *all)
{
  g_auto(GStrv) split = g_strsplit (all != NULL ? all : "", " ", -1);
  GPtrArray *kept = g_ptr_array_new ();
  SearchWords *w = g_new0 (SearchWords, 1);

  for (guint i = 0; split[i] != NULL; i++)
    if (*split[i] != '\0')
      g_ptr_array_add (kept, g_strdup (split[i]));
  w->n = kept->len;
  w->lengths = g_new (gsize, MAX (kept->len, 1));
  for (guint i = 0; i < kept->len; i++)
    w->lengths[i] = strlen (g_ptr_array_index (kept, i));
  g_ptr_array_add (kept, NULL);
  w->words = (char **) g_ptr_array_free (kept, FALSE);
  return w;
}

static void
sql_search_match (sqlite3_context *ctx,
                  int              argc,
                  sqlite3_value  **argv)
{
  SearchWords *w = sqlite3_get_auxdata (ctx, 1);
  gboolean made = FALSE;
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  gsize len = (gsize) sqlite3_value_bytes (argv[0]);
  gboolean found = TRUE;

  g_assert (argc == 2);

  if (w == NULL)
    {
      w = search_words_new ((const char *) sqlite3_value_text (argv[1]));
      made = TRUE;
    }
  for (guint i = 0; i < w->n && found; i++)
    found = text != NULL && memmem (text, len, w->words[i], w->lengths[i]) != NULL;
  sqlite3_result_int (ctx, found);
  /* Kept for the next rows while the words stay the same (a bound value);
   * SQLite frees it otherwise. */
  if (made)
    sqlite3_set_auxdata (ctx, 1, w, search_words_free);
}

/* SQL function dd_six_clear_text(title, product, directing): the flags of
 * the "6 rõ" check that depend on text alone (what, authority, result), by
 * the check's own code (dd-six-clear.c); the others are plain SQL (see
 * SIX_CLEAR_FAILS_EXPR in dd-store-query.c). */
static void
sql_six_clear_text (sqlite3_context *ctx,
                    int              argc,
                    sqlite3_value  **argv)
{
  DdSixClearInput input = { 0 };
  const guint text_flags = DD_SIX_CLEAR_WORK | DD_SIX_CLEAR_AUTHORITY | DD_SIX_CLEAR_RESULT;

  g_assert (argc == 3);

  input.title = (const char *) sqlite3_value_text (argv[0]);
  input.product = (const char *) sqlite3_value_text (argv[1]);
  input.directing = (const char *) sqlite3_value_text (argv[2]);
  /* A named lead and a clear time, so that only the text is judged. */
  input.lead = "-";
  input.kind = DD_DEADLINE_DATE;
  input.has_due = TRUE;
  input.deadline_understood = TRUE;
  sqlite3_result_int (ctx, (int) (dd_six_clear_check (&input, NULL) & text_flags));
}

/* Collation "dd_vi": Vietnamese order (ICU) for columns without a stored key. */
static int
sql_collate_vi (void       *user_data,
                int         len_a,
                const void *a,
                int         len_b,
                const void *b)
{
  g_autofree char *sa = g_strndup (a, len_a);
  g_autofree char *sb = g_strndup (b, len_b);

  return dd_text_collate (sa, sb);
}

/* dd_legacy_holidays (YEAR): _dd_holidays_dup_legacy_key(), for migration 0011. */
static void
sql_legacy_holidays (sqlite3_context *ctx,
                     int              argc,
                     sqlite3_value  **argv)
{
  char *key = _dd_holidays_dup_legacy_key (sqlite3_value_int (argv[0]));

  sqlite3_result_text (ctx, key, -1, g_free);
}

void
_dd_sql_register_functions (sqlite3 *db)
{
  sqlite3_create_function_v2 (db, "dd_legacy_holidays", 1,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                              NULL, sql_legacy_holidays, NULL, NULL, NULL);
  sqlite3_create_function_v2 (db, "dd_search_match", 2,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                              NULL, sql_search_match, NULL, NULL, NULL);
  sqlite3_create_function_v2 (db, "dd_six_clear_text", 3,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                              NULL, sql_six_clear_text, NULL, NULL, NULL);
  sqlite3_create_collation_v2 (db, "dd_vi", SQLITE_UTF8, NULL, sql_collate_vi, NULL);
  _dd_sql_register_json_functions (db);
}

gboolean
_dd_store_invalid (GError     **error,
                   const char  *message)
{
  g_set_error_literal (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID, message);
  return FALSE;
}
