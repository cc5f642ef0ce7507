/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-store-private.h"

/*
 * What a file may define, and the limits every connection to a file runs
 * under.
 *
 * A database file is shared: whoever can write the file can add a trigger,
 * a view or change a guard, and SQLite runs what the file defines with the
 * identity of whoever opens it next. So the schema a file holds is compared,
 * object by object (type, name, table and SQL), with the one the migrations
 * of its data version create; that expected schema is not written down
 * anywhere but made here, by running the migrations on a database in memory
 * (once per version and process), so it can never drift from them.
 *
 * Every connection is also set SQLITE_DBCONFIG_DEFENSIVE (no writable
 * schema, no journal_mode=OFF) and trusted_schema=OFF (the file's triggers
 * and views may call only the functions registered SQLITE_INNOCUOUS). Since
 * data version 11 the audit triggers call only the application's innocuous
 * functions (dd-store-json.c), so a file of the current version runs with
 * trusted_schema=OFF for good. The audit triggers of older versions call
 * json_object(), which SQLite 3.40 does not count as innocuous: a file that
 * must be upgraded trusts its schema only once it was found to be exactly
 * its version's migrations' (_dd_store_pin_schema()), until the upgrade is
 * done. Each write transaction, under the write lock, first makes sure the
 * schema is still the one found (_dd_store_recheck_schema(): another desktop
 * may change the file while it is open). A file that differs is never
 * trusted and never written. And
 * a progress handler stops any statement that runs more virtual-machine
 * steps than any query of the application needs, so that nothing a file
 * defines (an endless recursive CTE, a table swapped for an endless view)
 * can hang the application. This file calls only the SQL helpers
 * (dd-store-sql.c) and the access signal (dd-store-access.c).
 */

#define MIGRATIONS_PATH "/io/github/dondoc/Dondoc/core/sql/"

/* How often the progress handler runs, in virtual-machine steps. */
#define PROGRESS_PERIOD 10000

/* Migrations */

char *
_dd_store_migration_sql (int version)
{
  g_autofree char *pattern = g_strdup_printf ("%04d-", version);
  g_auto(GStrv) children = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  const char *name = NULL;

  if (version < 1)
    return NULL;
  children = g_resources_enumerate_children (MIGRATIONS_PATH, 0, NULL);
  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    if (g_str_has_prefix (children[i], pattern))
      name = children[i];
  if (name == NULL)
    return NULL;
  path = g_strconcat (MIGRATIONS_PATH, name, NULL);
  bytes = g_resources_lookup_data (path, 0, NULL);
  if (bytes == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* The query limit */

static int
on_progress_cb (void *data)
{
  DdQueryLimit *limit = data;

  limit->ticks++;
  if ((guint64) limit->ticks * PROGRESS_PERIOD <= limit->max_steps)
    return 0;
  limit->tripped = TRUE;
  return 1;
}

/* SQLITE_TRACE_STMT runs when a statement starts, and again at the start of
 * each trigger it fires (then @x is a comment, "-- TRIGGER name"): only the
 * statement's own start begins a new count, so a trigger's loop counts
 * against the statement that fired it. */
static int
on_trace_cb (unsigned  type,
             void     *data,
             void     *p,
             void     *x)
{
  DdQueryLimit *limit = data;
  const char *text = x;

  if (type == SQLITE_TRACE_STMT && (text == NULL || !g_str_has_prefix (text, "--")))
    limit->ticks = 0;
  return 0;
}

void
_dd_sql_harden (sqlite3      *db,
                DdQueryLimit *limit)
{
  g_assert (db != NULL);
  g_assert (limit != NULL);

  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  /* Neither may a file load code, nor a statement attach another file. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_limit (db, SQLITE_LIMIT_ATTACHED, 0);
  if (limit->max_steps == 0)
    limit->max_steps = DD_QUERY_MAX_STEPS;
  limit->ticks = 0;
  sqlite3_progress_handler (db, PROGRESS_PERIOD, on_progress_cb, limit);
  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, on_trace_cb, limit);
}

/* The expected schema */

/* The functions the migrations' triggers call, for the database in memory
 * that the schema is made in: what they return does not matter there. */
static void
sql_stub_text (sqlite3_context *ctx,
               int              argc,
               sqlite3_value  **argv)
{
  sqlite3_result_text (ctx, sqlite3_user_data (ctx), -1, SQLITE_STATIC);
}

static void
sql_stub_null (sqlite3_context *ctx,
               int              argc,
               sqlite3_value  **argv)
{
  sqlite3_result_null (ctx);
}

static void
register_stubs (sqlite3 *db)
{
  int flags = SQLITE_UTF8 | SQLITE_INNOCUOUS;

  sqlite3_create_function_v2 (db, "dd_user", 0, flags, (void *) "dondoc", sql_stub_text, NULL, NULL, NULL);
  sqlite3_create_function_v2 (db, "dd_role", 0, flags, (void *) "admin", sql_stub_text, NULL, NULL, NULL);
  sqlite3_create_function_v2 (db, "dd_unit", 0, flags, NULL, sql_stub_null, NULL, NULL, NULL);
  for (int n_args = 5; n_args <= 6; n_args++)
    sqlite3_create_function_v2 (db, "dd_status", n_args, flags, NULL, sql_stub_null, NULL, NULL, NULL);
  _dd_sql_register_functions (db);
}

/* "type\037name" → "table\037sql" of every object of @db's main schema;
 * NULL (and @error_text set) when it cannot be read. */
static GHashTable *
read_schema (sqlite3  *db,
             char    **error_text)
{
  g_autoptr(GHashTable) schema = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, sql FROM main.sqlite_schema",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      *error_text = g_strdup (sqlite3_errmsg (db));
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *sql = (const char *) sqlite3_column_text (stmt, 3);

      g_hash_table_insert (schema,
                           g_strdup_printf ("%s\037%s", sqlite3_column_text (stmt, 0),
                                            sqlite3_column_text (stmt, 1)),
                           g_strdup_printf ("%s\037%s", sqlite3_column_text (stmt, 2),
                                            sql != NULL ? sql : "\001"));
    }
  if (rc != SQLITE_DONE)
    *error_text = g_strdup (sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE ? g_steal_pointer (&schema) : NULL;
}

static GHashTable *
build_expected (int version)
{
  sqlite3 *db = NULL;
  g_autofree char *error_text = NULL;
  GHashTable *schema;

  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    g_error ("Cannot open a database in memory: %s", sqlite3_errmsg (db));
  register_stubs (db);
  for (int v = 1; v <= version; v++)
    {
      g_autofree char *sql = _dd_store_migration_sql (v);
      char *message = NULL;

      /* The migrations are the application's own; one that fails here is
       * a bug of the build. */
      if (sql == NULL || sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
        g_error ("Migration %04d cannot be run in memory: %s", v, message != NULL ? message : "missing");
    }
  schema = read_schema (db, &error_text);
  if (schema == NULL)
    g_error ("Cannot read the schema made in memory: %s", error_text);
  sqlite3_close (db);
  return schema;
}

/* The schema of @version (0 … DD_SCHEMA_VERSION; 0 is empty), made once
 * per process. */
static GHashTable *
expected_schema (int version)
{
  static GHashTable *cache[DD_SCHEMA_VERSION + 1];
  static GMutex lock;
  GHashTable *schema;

  g_assert (version >= 0 && version <= DD_SCHEMA_VERSION);
  g_mutex_lock (&lock);
  if (cache[version] == NULL)
    cache[version] = build_expected (version);
  schema = cache[version];
  g_mutex_unlock (&lock);
  return schema;
}

/* Tables SQLite itself may add to any file: statistics of ANALYZE. */
static gboolean
is_sqlite_own (const char *key,
               const char *value)
{
  return (g_str_equal (key, "table\037sqlite_stat1") &&
          g_str_equal (value, "sqlite_stat1\037CREATE TABLE sqlite_stat1(tbl,idx,stat)")) ||
         (g_str_equal (key, "table\037sqlite_stat4") &&
          g_str_equal (value, "sqlite_stat4\037CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)"));
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* "trigger “x”" of a key "trigger\037x", translated. */
static char *
describe_object (const char *key)
{
  g_auto(GStrv) parts = g_strsplit (key, "\037", 2);
  const char *type = parts[0];
  const char *name = parts[1] != NULL ? parts[1] : "";

  if (g_str_equal (type, "table"))
    return g_strdup_printf (_("table “%s”"), name);
  if (g_str_equal (type, "view"))
    return g_strdup_printf (_("view “%s”"), name);
  if (g_str_equal (type, "trigger"))
    return g_strdup_printf (_("trigger “%s”"), name);
  if (g_str_equal (type, "index"))
    return g_strdup_printf (_("index “%s”"), name);
  return g_strdup_printf ("%s “%s”", type, name);
}

/* How an object differs: missing, added or changed. */
typedef enum
{
  DIFF_MISSING,
  DIFF_ADDED,
  DIFF_CHANGED,
} Difference;

static void
append_difference (GString    *out,
                   Difference  difference,
                   const char *key)
{
  g_autofree char *object = describe_object (key);

  if (out->len > 0)
    g_string_append (out, "; ");
  /* Translators: %s is an object of the database, e.g. trigger “x”. */
  if (difference == DIFF_MISSING)
    g_string_append_printf (out, _("%s is missing"), object);
  else if (difference == DIFF_ADDED)
    g_string_append_printf (out, _("%s was added"), object);
  else
    g_string_append_printf (out, _("%s was changed"), object);
}

static char *
diff_schemas (GHashTable *found,
              GHashTable *expected)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (found, key))
      g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_keys);

  for (guint i = 0; i < keys->len; i++)
    {
      const char *k = keys->pdata[i];
      const char *have = g_hash_table_lookup (found, k);
      const char *want = g_hash_table_lookup (expected, k);

      if (have == NULL)
        append_difference (out, DIFF_MISSING, k);
      else if (want == NULL && !is_sqlite_own (k, have))
        append_difference (out, DIFF_ADDED, k);
      else if (want != NULL && !g_str_equal (have, want))
        append_difference (out, DIFF_CHANGED, k);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
_dd_store_schema_differences (sqlite3 *db,
                              int      version)
{
  g_autoptr(GHashTable) found = NULL;
  g_autofree char *error_text = NULL;

  g_assert (db != NULL);

  if (version < 0 || version > DD_SCHEMA_VERSION)
    return g_strdup_printf (_("data version %d has no known schema"), version);
  found = read_schema (db, &error_text);
  if (found == NULL)
    return g_strdup_printf (_("its schema cannot be read (%s)"), error_text);
  return diff_schemas (found, expected_schema (version));
}

/* Pinning */

void
_dd_store_pin_schema (DdStore *self)
{
  g_assert (self->db != NULL);

  self->schema_cookie = dd_sql_query_int64 (self, "PRAGMA schema_version", -1);
  /* Only an older version's triggers need it, for the upgrade (migrate()
   * in dd-store.c turns it off again). */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA,
                     self->schema_version < DD_SCHEMA_VERSION, NULL);
}

gboolean
_dd_store_recheck_schema (DdStore  *self,
                          GError  **error)
{
  g_autofree char *display = NULL;
  g_autofree char *differences = NULL;
  gint64 cookie;

  g_assert (self->flags.in_transaction);

  cookie = dd_sql_query_int64 (self, "PRAGMA schema_version", -1);
  if (cookie == self->schema_cookie && cookie >= 0)
    return TRUE;
  differences = _dd_store_schema_differences (self->db, self->schema_version);
  if (*differences == '\0')
    {
      self->schema_cookie = cookie;
      return TRUE;
    }

  /* Changed since the file was opened: never trusted, never written. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  self->schema_cookie = -1;
  display = g_filename_display_name (self->path);
  g_free (self->access.read_only_reason);
  self->access.tampered = TRUE;
  self->access.read_only = TRUE;
  self->access.read_only_reason =
    g_strdup_printf (_("“%s” was changed outside Đôn Đốc (%s). It was opened read-only so that "
                       "nothing that was added runs with your name; an administrator should "
                       "restore a good backup."), display, differences);
  g_set_error_literal (error, DD_STORE_ERROR, DD_STORE_ERROR_TAMPERED, self->access.read_only_reason);
  _dd_store_access_changed (self);
  return FALSE;
}
