/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-schema"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "dd-store-private.h"
#include "dd-test-core.h"

/*
 * A shared file nobody can turn against its users: tampered schemas (an
 * extra trigger, an endless one, a table swapped for an endless view, a
 * changed guard), data versions no Đôn Đốc writes, a hot journal opened
 * read-only, the query limit, and who may restore a backup and how.
 */

/* dir, db and the store on it (tests/lib/dd-test-core.h). */
typedef DdTestFileFixture Fixture;

/* Runs @sql on @path as another program would: a plain connection, none
 * of Đôn Đốc's functions or checks. */
static void
tamper (const char *path,
        const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static gint64
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static guint
count_backups (Fixture *f)
{
  g_autofree char *backups = g_build_filename (f->dir, "backups", NULL);

  return g_file_test (backups, G_FILE_TEST_IS_DIR) ? dd_test_count_files (backups) : 0;
}

/* Opens the tampered file: read-only, saying which object, refusing a
 * write, failing verify; the tasks as they were. */
static void
check_tampered (Fixture    *f,
                const char *object)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autofree char *report = NULL;
  guint n_backups = count_backups (f);

  g_clear_object (&f->store);
  store = dd_store_open (f->db, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_true (dd_store_is_tampered (store));
  g_assert_true (dd_store_is_read_only (store));
  g_assert_nonnull (strstr (dd_store_get_read_only_reason (store), object));
  g_assert_nonnull (strstr (dd_store_get_read_only_reason (store), "outside"));

  g_assert_false (dd_store_record_progress (store, 3, 40, NULL, NULL, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_false (dd_store_verify (store, &report, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_TAMPERED);
  g_assert_nonnull (strstr (error->message, object));
  g_assert_nonnull (strstr (report, object));
  g_clear_error (&error);

  /* Nothing was written: no daily backup of a file that cannot be trusted. */
  g_assert_cmpuint (count_backups (f), ==, n_backups);
}

static void
test_fresh_file_matches (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autofree char *report = NULL;

  g_clear_object (&f->store);
  store = dd_store_open (f->db, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_false (dd_store_is_tampered (store));
  g_assert_false (dd_store_is_read_only (store));
  g_assert_true (dd_store_verify (store, &report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (report, "Structure: ok"));

  /* SQLite's own statistics are no change of the schema. */
  g_assert_true (dd_sql_exec (store, "ANALYZE", &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  store = dd_store_open (f->db, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_false (dd_store_is_tampered (store));
}

static void
test_trigger_deleting_tasks (Fixture       *f,
                             gconstpointer  data)
{
  tamper (f->db, "CREATE TRIGGER wipe AFTER UPDATE ON tasks BEGIN "
                 "DELETE FROM tasks WHERE id <> NEW.id; DELETE FROM audit_log; END");
  check_tampered (f, "“wipe”");
  g_assert_cmpint (raw_int (f->db, "SELECT count(*) FROM tasks"), ==, 8);
}

static void
test_endless_trigger (Fixture       *f,
                      gconstpointer  data)
{
  tamper (f->db, "CREATE TRIGGER spin BEFORE UPDATE ON tasks BEGIN "
                 "SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                 "SELECT x FROM c); END");
  check_tampered (f, "“spin”");
}

static void
test_endless_view (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  gint64 start;

  tamper (f->db, "PRAGMA foreign_keys = OFF; DROP TABLE tasks; "
                 "CREATE VIEW tasks AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                 "SELECT x AS id, NULL AS deleted_at FROM c WHERE x < 0");
  check_tampered (f, "“tasks”");

  /* Reading through the view stops at the limit instead of hanging. */
  store = dd_store_open (f->db, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  store->limit.max_steps = 20000000;
  start = g_get_monotonic_time ();
  g_assert_false (dd_store_has_tasks (store, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_TAMPERED);
  g_test_message ("stopped after %.2f s", (g_get_monotonic_time () - start) / 1e6);
}

static void
test_changed_guard (Fixture       *f,
                    gconstpointer  data)
{
  tamper (f->db, "DROP TRIGGER tasks_guard_delete; "
                 "CREATE TRIGGER tasks_guard_delete BEFORE DELETE ON tasks WHEN 0 BEGIN SELECT 1; END");
  check_tampered (f, "“tasks_guard_delete”");
}

/* Another desktop adds a trigger while the file is open here: the next
 * write finds it under the lock and refuses. */
static void
test_changed_while_open (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_store_record_progress (f->store, 3, 20, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  tamper (f->db, "CREATE TRIGGER late AFTER UPDATE ON tasks BEGIN DELETE FROM tasks; END");
  g_assert_false (dd_store_record_progress (f->store, 3, 30, NULL, NULL, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_TAMPERED);
  g_assert_nonnull (strstr (error->message, "“late”"));
  g_assert_true (dd_store_is_tampered (f->store));
  g_assert_true (dd_store_is_read_only (f->store));
  g_assert_cmpint (raw_int (f->db, "SELECT count(*) FROM tasks"), ==, 8);
}

/* The progress handler stops a statement of the application's connection
 * too, with a clear error, and the next statement runs normally. */
static void
test_query_limit (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->store->limit.max_steps = 5000000;
  g_assert_false (dd_sql_exec (f->store, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                                         "SELECT count(*) FROM c", &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_TAMPERED);
  g_clear_error (&error);
  g_assert_cmpuint (dd_test_count_tasks (f->store), ==, 8);
}

static void
test_defensive (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* No connection of the application may write the schema by hand. */
  dd_sql_exec (f->store, "PRAGMA writable_schema = ON", NULL);
  g_assert_false (dd_sql_exec (f->store, "UPDATE sqlite_schema SET sql = sql WHERE name = 'tasks'", &error));
  g_assert_nonnull (error);
}

static void
test_negative_version (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *after = NULL;
  guint n_backups;

  g_clear_object (&f->store);
  tamper (f->db, "PRAGMA user_version = -3");
  sum = dd_test_file_checksum (f->db);
  n_backups = count_backups (f);

  store = dd_store_open (f->db, DD_STORE_OPEN_EXISTING, &error);
  g_assert_null (store);
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_TAMPERED);
  g_assert_nonnull (strstr (error->message, "-3"));
  g_clear_error (&error);
  store = dd_store_open (f->db, DD_STORE_OPEN_READ_ONLY, &error);
  g_assert_null (store);
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_TAMPERED);

  after = dd_test_file_checksum (f->db);
  g_assert_cmpstr (sum, ==, after);
  g_assert_cmpuint (count_backups (f), ==, n_backups);
}

static void
test_future_version (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *after = NULL;
  guint n_backups;

  g_clear_object (&f->store);
  tamper (f->db, "PRAGMA user_version = 4000");
  sum = dd_test_file_checksum (f->db);
  n_backups = count_backups (f);

  store = dd_store_open (f->db, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_true (dd_store_is_read_only (store));
  g_assert_nonnull (strstr (dd_store_get_read_only_reason (store), "4000"));
  g_assert_cmpuint (dd_test_count_tasks (store), ==, 8);

  after = dd_test_file_checksum (f->db);
  g_assert_cmpstr (sum, ==, after);
  g_assert_cmpuint (count_backups (f), ==, n_backups);
}

/* A writer dies in the middle of a change: the file and its journal are
 * left as a kill would leave them. */
static void
test_hot_journal_read_only (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autofree char *hot = g_build_filename (f->dir, "hot.sqlite", NULL);
  g_autofree char *hot_journal = g_strconcat (hot, "-journal", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *report = NULL;
  gsize len;

  g_clear_object (&f->store);
  g_assert_true (g_file_get_contents (f->db, &contents, &len, NULL));
  dd_test_write_file (hot, contents, (gssize) len);
  dd_test_make_hot_journal (hot);
  g_assert_true (g_file_test (hot_journal, G_FILE_TEST_EXISTS));

  /* Read-only, as verify and the read commands open it: the change is
   * undone (this account may write the file), nothing is "damaged". */
  store = dd_store_open (hot, DD_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (dd_store_is_damaged (store));
  g_assert_false (dd_store_is_tampered (store));
  g_assert_cmpuint (dd_test_count_tasks (store), ==, 8);
  g_assert_true (dd_store_verify (store, &report, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (hot_journal, G_FILE_TEST_EXISTS));
}

/* Restoring */

static char *
make_backup (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdBackups) backups = dd_backups_new (f->store);
  char *path = dd_backups_make (backups, NULL, &error);

  g_assert_no_error (error);
  return path;
}

/* The window's backup bar: when this file's last good backup was made
 * (another file's, or an unreadable one, does not count), and whether it
 * is older than the setting allows (7 days unless set). */
static void
test_backup_age (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = make_backup (f);
  g_autofree char *folder = g_path_get_dirname (backup);
  g_autofree char *other = g_build_filename (folder, "other-20300101-000000.sqlite", NULL);
  g_autofree char *junk = g_build_filename (folder, "dondoc-20300101-000000.sqlite", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(DdBackups) backups = dd_backups_new (f->store);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 8);
  g_autoptr(GDateTime) last = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (backup, &contents, &length, NULL));
  dd_test_write_file (other, contents, (gssize) length);
  dd_test_write_file (junk, "not a database", -1);

  last = dd_backups_dup_last_good (backups, &error);
  g_assert_no_error (error);
  g_assert_nonnull (last);
  g_assert_cmpint (g_date_time_get_year (last), ==, g_date_time_get_year (now));
  g_assert_cmpint (llabs (g_date_time_difference (now, last)), <, 10 * G_TIME_SPAN_MINUTE);

  g_assert_cmpuint (dd_store_get_backup_warn_days (f->store, NULL), ==, DD_DEFAULT_BACKUP_WARN_DAYS);
  g_assert_false (dd_backups_is_overdue (last, now, DD_DEFAULT_BACKUP_WARN_DAYS));
  g_assert_true (dd_backups_is_overdue (last, later, DD_DEFAULT_BACKUP_WARN_DAYS));
  g_assert_true (dd_backups_is_overdue (NULL, now, DD_DEFAULT_BACKUP_WARN_DAYS));

  g_assert_true (dd_store_set_setting (f->store, "backup_warn_days", "10", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dd_store_get_backup_warn_days (f->store, NULL), ==, 10);
  g_assert_false (dd_backups_is_overdue (last, later, 10));
  g_assert_true (dd_store_set_setting (f->store, "backup_warn_days", "0", &error));
  g_assert_cmpuint (dd_store_get_backup_warn_days (f->store, NULL), ==, DD_DEFAULT_BACKUP_WARN_DAYS);
}

static void
test_restore_viewer_refused (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = make_backup (f);
  g_autofree char *sum = NULL;
  g_autofree char *after = NULL;

  g_assert_true (dd_sql_exec (f->store, "INSERT INTO users (account, role) VALUES ('boss', 'admin'); "
                                        "UPDATE users SET role = 'viewer' WHERE account = dd_user ()",
                              &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);
  sum = dd_test_file_checksum (f->db);

  g_assert_false (dd_backups_restore_file (f->db, backup, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "administrator"));
  after = dd_test_file_checksum (f->db);
  g_assert_cmpstr (sum, ==, after);
}

static void
test_restore_recorded (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = make_backup (f);
  g_autofree char *backup_name = g_path_get_basename (backup);
  g_autofree char *user = NULL;
  g_autofree char *values = NULL;
  g_autoptr(DdStore) store = NULL;
  sqlite3_stmt *stmt = NULL;
  GStatBuf st;

  g_clear_object (&f->store);
  g_assert_cmpint (g_chmod (f->db, 0660), ==, 0);
  g_assert_true (dd_backups_restore_file (f->db, backup, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (f->db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0660);

  store = dd_store_open (f->db, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_false (dd_store_is_tampered (store));
  stmt = dd_sql_prepare (store, "SELECT user, new_values FROM audit_log WHERE table_name = 'file' "
                                "AND action = 'restore' ORDER BY id DESC LIMIT 1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  user = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  values = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  g_assert_cmpstr (user, ==, g_get_user_name ());
  g_assert_nonnull (strstr (values, backup_name));
  g_assert_nonnull (strstr (values, "replaced"));
}

static void
test_restore_tampered_backup (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = make_backup (f);
  g_autofree char *sum = NULL;
  g_autofree char *after = NULL;

  g_clear_object (&f->store);
  tamper (backup, "CREATE TRIGGER wipe AFTER UPDATE ON tasks BEGIN DELETE FROM tasks; END");
  sum = dd_test_file_checksum (f->db);
  g_assert_false (dd_backups_restore_file (f->db, backup, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_TAMPERED);
  g_assert_nonnull (strstr (error->message, "“wipe”"));
  after = dd_test_file_checksum (f->db);
  g_assert_cmpstr (sum, ==, after);
}

/* The audit triggers' own JSON functions write what SQLite's json_object()
 * and the json_each() join of the triggers of data versions before 11
 * wrote, byte for byte: the history's stored format. */
static const char *json_texts[] = {
  "", "plain", "Việt Nam – “ngoặc”", "quote \" and \\ backslash", "\x01\b\t\n\f\r\x1f\x7f end",
  "1", "{\"not\": \"json\"}",
};

static void
bind_json_value (sqlite3_stmt *stmt,
                 int           index,
                 guint         which)
{
  static const double reals[] = { 0.1, 1.0, 1e20, 2.5e-7, -0.0, 123456.789012345678, -3.0 };
  static const gint64 ints[] = { 0, 1, -1, G_MAXINT64, G_MININT64, 42 };
  guint n_texts = G_N_ELEMENTS (json_texts), n_reals = G_N_ELEMENTS (reals);

  if (which == 0)
    sqlite3_bind_null (stmt, index);
  else if (which <= n_texts)
    sqlite3_bind_text (stmt, index, json_texts[which - 1], -1, SQLITE_STATIC);
  else if (which <= n_texts + n_reals)
    sqlite3_bind_double (stmt, index, reals[which - 1 - n_texts]);
  else
    sqlite3_bind_int64 (stmt, index, ints[(which - 1 - n_texts - n_reals) % G_N_ELEMENTS (ints)]);
}

static char *
json_query (sqlite3    *db,
            const char *sql,
            guint       a,
            guint       b)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  bind_json_value (stmt, 1, a);
  bind_json_value (stmt, 2, b);
  bind_json_value (stmt, 3, b);
  bind_json_value (stmt, 4, a);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static void
test_json_format (void)
{
  sqlite3 *db = NULL;
  guint n = 1 + G_N_ELEMENTS (json_texts) + 7 + 6;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  _dd_sql_register_functions (db);
  for (guint a = 0; a < n; a++)
    for (guint b = 0; b < n; b++)
      {
        g_autofree char *old_object = json_query (db, "SELECT json_object ('k', ?1, 'q\"\\', ?2)", a, b);
        g_autofree char *new_object = json_query (db, "SELECT dd_json_object ('k', ?1, 'q\"\\', ?2)", a, b);

        g_assert_cmpstr (new_object, ==, old_object);
        for (int which = 0; which < 2; which++)
          {
            /* Two columns: "a" goes from value a to b, "b" from b to a. */
            g_autofree char *old_sql = g_strdup_printf (
              "SELECT json_group_object (%s.key, %s.value) FROM json_each (json_object ('a', ?1, 'b', ?3)) o "
              "JOIN json_each (json_object ('a', ?2, 'b', ?4)) n ON n.key = o.key WHERE o.value IS NOT n.value",
              which ? "n" : "o", which ? "n" : "o");
            g_autofree char *new_sql = g_strdup_printf ("SELECT dd_json_changed (%d, 'a', ?1, ?2, 'b', ?3, ?4)",
                                                        which);
            g_autofree char *old_diff = json_query (db, old_sql, a, b);
            g_autofree char *new_diff = json_query (db, new_sql, a, b);

            g_assert_cmpstr (new_diff, ==, old_diff);
          }
      }
  sqlite3_close (db);
}

/* Every connection runs with trusted_schema=OFF, and the guard and audit
 * triggers still run: a write is recorded in the history. */
static void
test_untrusted_writes (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) sibling = NULL;
  g_autofree char *old_values = NULL;
  g_autofree char *new_values = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (dd_sql_query_int64 (f->store, "PRAGMA trusted_schema", -1), ==, 0);
  g_assert_true (dd_store_record_progress (f->store, 3, 40, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  stmt = dd_sql_prepare (f->store, "SELECT old_values, new_values FROM audit_log WHERE table_name = 'tasks' "
                                   "AND row_id = 3 AND action = 'update' ORDER BY id DESC LIMIT 1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  old_values = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  new_values = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  g_assert_nonnull (strstr (old_values, "\"progress\":0"));
  g_assert_nonnull (strstr (new_values, "\"progress\":40"));
  g_assert_null (strstr (new_values, "\"title\""));

  sibling = dd_store_open_sibling (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_sql_query_int64 (sibling, "PRAGMA trusted_schema", -1), ==, 0);
}

/* The last data version whose audit triggers call json_object(). */
#define LAST_JSON_VERSION 10

/* A file of data version 10 (its audit triggers call json_object()) is
 * upgraded: its schema is then exactly the current one, and it runs
 * untrusted. */
static void
test_upgrade_untrusted (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autofree char *path = g_build_filename (f->dir, "old.sqlite", NULL);
  g_autofree char *differences = NULL;
  sqlite3 *db = NULL;

  /* Version 10 itself, not the version before the current one: later
   * migrations may call the store's SQL functions (0011 calls
   * dd_legacy_holidays()), which a plain connection lacks; the store's
   * upgrade runs them. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (int version = 1; version <= LAST_JSON_VERSION; version++)
    {
      g_autofree char *sql = _dd_store_migration_sql (version);

      g_assert_nonnull (sql);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  {
    g_autofree char *pragmas = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d",
                                                LAST_JSON_VERSION, DD_APPLICATION_ID);

    g_assert_cmpint (sqlite3_exec (db, pragmas, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  sqlite3_close (db);

  store = dd_store_open (path, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_false (dd_store_is_tampered (store));
  g_assert_false (dd_store_is_read_only (store));
  g_assert_cmpint (dd_sql_query_int64 (store, "PRAGMA user_version", -1), ==, DD_SCHEMA_VERSION);
  g_assert_cmpint (dd_sql_query_int64 (store, "PRAGMA trusted_schema", -1), ==, 0);
  differences = _dd_store_schema_differences (store->db, DD_SCHEMA_VERSION);
  g_assert_cmpstr (differences, ==, "");
  g_assert_cmpint (dd_sql_query_int64 (store, "SELECT count(*) FROM sqlite_schema "
                                              "WHERE type = 'trigger' AND replace (sql, 'dd_json_', '') LIKE '%json%'", -1), ==, 0);
  g_assert_true (dd_sql_exec (store, "INSERT INTO settings (key, value) VALUES ('probe', 'x')", &error));
  g_assert_no_error (error);
  g_assert_cmpint (dd_sql_query_int64 (store, "SELECT count(*) FROM audit_log WHERE table_name = 'settings' "
                                              "AND new_values = '{\"key\":\"probe\",\"value\":\"x\",\"revision\":1}'",
                                       -1), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  dd_test_init_i18n ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, dd_test_file_fixture_set_up, fn, dd_test_file_fixture_tear_down)
  ADD ("/core/schema/fresh-file-matches", test_fresh_file_matches);
  ADD ("/core/schema/trigger-deleting-tasks", test_trigger_deleting_tasks);
  ADD ("/core/schema/endless-trigger", test_endless_trigger);
  ADD ("/core/schema/endless-view", test_endless_view);
  ADD ("/core/schema/changed-guard", test_changed_guard);
  ADD ("/core/schema/changed-while-open", test_changed_while_open);
  ADD ("/core/schema/query-limit", test_query_limit);
  ADD ("/core/schema/defensive", test_defensive);
  ADD ("/core/schema/negative-version", test_negative_version);
  ADD ("/core/schema/future-version", test_future_version);
  ADD ("/core/schema/hot-journal-read-only", test_hot_journal_read_only);
  ADD ("/core/schema/restore-viewer-refused", test_restore_viewer_refused);
  ADD ("/core/schema/restore-recorded", test_restore_recorded);
  ADD ("/core/schema/restore-tampered-backup", test_restore_tampered_backup);
  ADD ("/core/schema/untrusted-writes", test_untrusted_writes);
  ADD ("/core/schema/backup-age", test_backup_age);
  ADD ("/core/schema/upgrade-untrusted", test_upgrade_untrusted);
#undef ADD
  g_test_add_func ("/core/schema/json-format", test_json_format);

  return g_test_run ();
}
