/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-chunks"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dondoc/dondoc.h"
#include "dd-store-private.h"
#include "dd-test-core.h"
#include "dd-test-files.h"

/*
 * A large plan new to the file is imported in chunks, each its own write
 * transaction (issue #20): the result is the one transaction's, and an
 * import that fails or is killed half-way leaves the file as it was.
 */

#define N_ROWS 25
#define CHUNK 4

/* A CSV plan of N_ROWS rows naming units the seed does not have; its
 * second version (@revised) drops rows 3 and 4, renames every third row,
 * gives every fourth another lead and every fifth other coordinators,
 * names a unit the first did not, and adds three rows at the end. */
static DdImportedPlan *
make_plan_version (gboolean revised)
{
  g_autoptr(GString) csv = g_string_new ("TT,Nhiệm vụ,Chủ trì,Phối hợp,Thời gian,Sản phẩm\n");
  g_autoptr(GError) error = NULL;
  DdImportedPlan *plan;
  guint n = revised ? N_ROWS + 3 : N_ROWS;

  for (guint i = 1; i <= n; i++)
    {
      if (revised && (i == 3 || i == 4))
        continue;
      g_string_append_printf (csv, "%u.,Rà soát thủ tục số %u%s,Ban %s %u,\"Sở Tư pháp, Ban Phối %u\","
                              "Trước %u/6/2027,Báo cáo\n", i, i,
                              revised && i % 3 == 0 ? " (sửa)" : "",
                              revised && i % 4 == 0 ? "Mới" : "Thử", i % 3,
                              revised && i % 5 == 0 ? i % 2 + 7 : i % 2, i % 28 + 1);
    }
  plan = dd_importer_parse_data (csv->str, csv->len, DD_IMPORT_FORMAT_CSV, "chunks.csv", &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_cmpuint (plan->tasks->len, ==, revised ? N_ROWS + 1 : N_ROWS);
  return plan;
}

static DdImportedPlan *
make_plan (void)
{
  return make_plan_version (FALSE);
}

/* Every row of every table of the file at @path, read on a connection of
 * its own (which rolls a hot journal back first). */
static char *
dump_file (const char *path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_stat%' ORDER BY name", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", (const char *) tables->pdata[t]);

      g_string_append_printf (out, "== %s\n", (const char *) tables->pdata[t]);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const unsigned char *text = sqlite3_column_text (stmt, c);

              g_string_append_printf (out, "%s|", text != NULL ? (const char *) text : "∅");
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gint64
query_int (DdStore    *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (_dd_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* What an import wrote that does not depend on the clock. */
#define TASKS_SQL \
  "SELECT group_concat (x, char (10)) FROM (SELECT t.position || '|' || t.number || '|' || t.title || '|' " \
  "|| ifnull (u.name, '') || '|' || ifnull (t.due_on, '') || '|' || t.search_text || '|' || " \
  "(SELECT group_concat (cu.name, ';') FROM (SELECT c.unit_id FROM task_coordinators c " \
  " WHERE c.task_id = t.id ORDER BY c.position) cc JOIN units cu ON cu.id = cc.unit_id) AS x " \
  "FROM tasks t JOIN plans p ON p.id = t.plan_id LEFT JOIN units u ON u.id = t.lead_unit_id " \
  "WHERE p.number <> '662/KH-VPUB' ORDER BY t.position)"

static char *
query_text (DdStore    *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (_dd_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* In chunks and in one transaction: the same tasks, units, summary and
 * number of history entries; no marker left, nor its history. */
static void
test_same_result (void)
{
  g_autoptr(DdImportedPlan) plan = make_plan ();
  g_autoptr(DdStore) whole = dd_test_new_store (":memory:");
  g_autoptr(DdStore) chunked = dd_test_new_store (":memory:");
  g_autoptr(GError) error = NULL;
  g_autofree char *tasks_whole = NULL;
  g_autofree char *tasks_chunked = NULL;
  DdImportSummary a = { 0, }, b = { 0, };
  guint64 serial;

  g_assert_true (dd_store_import_plan (whole, plan, &a, &error));
  g_assert_no_error (error);
  _dd_store_set_import_chunk_rows (chunked, CHUNK);
  serial = chunked->commit_serial;
  g_assert_true (dd_store_import_plan (chunked, plan, &b, &error));
  g_assert_no_error (error);
  /* It did take several transactions: ⌈25 / 4⌉. */
  g_assert_cmpuint (chunked->commit_serial - serial, ==, (N_ROWS + CHUNK - 1) / CHUNK);
  g_assert_cmpuint (whole->commit_serial, <, chunked->commit_serial);

  g_assert_false (b.plan_existed);
  g_assert_cmpint (b.plan_id, >, 0);
  g_assert_cmpuint (b.tasks_added, ==, a.tasks_added);
  g_assert_cmpuint (b.tasks_added, ==, N_ROWS);
  g_assert_cmpuint (b.units_added, ==, a.units_added);
  g_assert_cmpuint (b.units_added, ==, 5);
  g_assert_cmpuint (b.tasks_flagged, ==, a.tasks_flagged);
  g_assert_cmpuint (b.tasks_updated + b.tasks_unchanged + b.tasks_kept, ==, 0);

  tasks_whole = query_text (whole, TASKS_SQL);
  tasks_chunked = query_text (chunked, TASKS_SQL);
  g_assert_nonnull (tasks_whole);
  g_assert_cmpstr (tasks_chunked, ==, tasks_whole);
  g_assert_cmpint (query_int (chunked, "SELECT count (*) FROM audit_log"), ==,
                   query_int (whole, "SELECT count (*) FROM audit_log"));
  g_assert_cmpint (query_int (chunked, "SELECT count (*) FROM settings WHERE key LIKE 'import_pending.%'"), ==, 0);
  g_assert_cmpint (query_int (chunked, "SELECT count (*) FROM audit_log WHERE table_name = 'settings' AND "
                                       "ifnull (new_values, old_values) LIKE '%import_pending%'"), ==, 0);

  /* Imported again: in chunks too (issue #20), everything unchanged,
   * nothing copied for taking it back. */
  memset (&b, 0, sizeof b);
  serial = chunked->commit_serial;
  g_assert_true (dd_store_import_plan (chunked, plan, &b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (chunked->commit_serial - serial, ==, (N_ROWS + CHUNK - 1) / CHUNK);
  g_assert_cmpint (query_int (chunked, "SELECT count (*) FROM import_undo_tasks"), ==, 0);
  g_assert_true (b.plan_existed);
  g_assert_cmpuint (b.tasks_unchanged, ==, N_ROWS);
}

/* A CSV plan of @n rows with two indicators. */
static DdImportedPlan *
make_large_plan (guint n)
{
  g_autoptr(GString) csv = g_string_new ("TT,Nhiệm vụ,Chủ trì,Phối hợp,Thời gian\n");
  g_autoptr(GError) error = NULL;
  DdImportedPlan *plan;

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (csv, "%u.,Nhiệm vụ số %u,Ban Thử %u,Ban Phối %u,Trước %u/6/2027\n",
                            i, i, i % 7, i % 11, i % 28 + 1);
  plan = dd_importer_parse_data (csv->str, csv->len, DD_IMPORT_FORMAT_CSV, "timed.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->tasks->len, ==, n);
  for (guint i = 0; i < 2; i++)
    {
      DdImportedIndicator *indicator = g_new0 (DdImportedIndicator, 1);

      indicator->title = g_strdup_printf ("Chỉ tiêu thử %u", i + 1);
      indicator->target = 90.0 + i;
      g_ptr_array_add (plan->indicators, indicator);
    }
  return plan;
}

/* What the end of an import in chunks must leave: the plan's indicators,
 * no marker nor its history, no copy for taking it back. */
static void
assert_import_finished (DdStore *store)
{
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM indicators i JOIN plans p ON p.id = i.plan_id "
                                     "WHERE p.number <> '662/KH-VPUB' AND i.title LIKE 'Chỉ tiêu thử %'"), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM settings WHERE key LIKE 'import_pending.%'"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM audit_log WHERE table_name = 'settings' AND "
                                     "ifnull (new_values, old_values) LIKE '%import_pending%'"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM import_undo_tasks"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM import_undo_coordinators"), ==, 0);
}

/* A plan of 2.5 times the chunk threshold imported, then imported again
 * (every row unchanged), with the store's own chunks of a time (not a
 * number of rows) of @chunk_us (0: the default): the tasks of one
 * transaction, finished; each import took between @min_commits and
 * @max_commits transactions. */
static void
check_timed_import (gint64 chunk_us,
                    guint  min_commits,
                    guint  max_commits)
{
  g_autoptr(DdStore) whole = dd_test_new_store (":memory:");
  g_autoptr(DdStore) chunked = dd_test_new_store (":memory:");
  guint n = _dd_store_import_chunk_rows (chunked) * 5 / 2;
  g_autoptr(DdImportedPlan) plan = make_large_plan (n);
  g_autoptr(GError) error = NULL;
  g_autofree char *tasks_whole = NULL;
  g_autofree char *tasks_chunked = NULL;
  DdImportSummary summary = { 0, };
  guint64 serial;

  /* The bounds below count blocks of 100 of these rows. */
  g_assert_cmpuint (n, ==, 2500);
  _dd_store_set_import_chunk_rows (whole, n);
  g_assert_true (dd_store_import_plan (whole, plan, NULL, &error));
  g_assert_no_error (error);
  _dd_store_set_import_chunk_time (chunked, chunk_us);
  for (guint pass = 0; pass < 2; pass++)
    {
      serial = chunked->commit_serial;
      g_assert_true (dd_store_import_plan (chunked, plan, &summary, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (pass == 0 ? summary.tasks_added : summary.tasks_unchanged, ==, n);
      g_assert_cmpuint (chunked->commit_serial - serial, >=, min_commits);
      g_assert_cmpuint (chunked->commit_serial - serial, <=, max_commits);
      assert_import_finished (chunked);
      g_clear_pointer (&tasks_chunked, g_free);
      tasks_chunked = query_text (chunked, TASKS_SQL);
    }
  tasks_whole = query_text (whole, TASKS_SQL);
  g_assert_cmpstr (tasks_chunked, ==, tasks_whole);
}

/* The store's own chunks, as long as this machine makes them. */
static void
test_timed_chunks (void)
{
  check_timed_import (0, 1, 2500 / 100);
}

/* A chunk long enough for every row, as on a fast machine: the first
 * chunk is the last, and finishes the import (4a54087). */
static void
test_timed_one_chunk (void)
{
  check_timed_import (G_USEC_PER_SEC * 600, 1, 1);
}

/* A chunk ends at the first block of rows after its time: with no time,
 * each holds one block (100 rows). */
static void
test_timed_many_chunks (void)
{
  check_timed_import (1, 2500 / 100, 2500 / 100);
}

/* Rows with an empty number are not checked for repeats: a later one
 * updates the task of the first (as _dd_store_find_task_by_number() would
 * find it), even while that task and its coordinators still wait in the
 * block of rows not yet inserted; in chunks as in one transaction. */
static void
test_empty_numbers (void)
{
  g_autoptr(DdImportedPlan) plan = make_plan ();
  g_autoptr(DdStore) whole = dd_test_new_store (":memory:");
  g_autoptr(DdStore) chunked = dd_test_new_store (":memory:");
  g_autoptr(GError) error = NULL;
  g_autofree char *tasks_whole = NULL;
  g_autofree char *tasks_chunked = NULL;
  DdImportSummary a = { 0, }, b = { 0, };
  const guint empty[] = { 1, 4, 5, 17 };

  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    {
      DdImportedTask *task = g_ptr_array_index (plan->tasks, empty[i]);

      g_free (task->number);
      task->number = g_strdup ("");
    }
  g_assert_true (dd_store_import_plan (whole, plan, &a, &error));
  g_assert_no_error (error);
  _dd_store_set_import_chunk_rows (chunked, CHUNK);
  g_assert_true (dd_store_import_plan (chunked, plan, &b, &error));
  g_assert_no_error (error);

  /* The first of the four made a task, the other three updated it. */
  g_assert_cmpuint (a.tasks_added, ==, N_ROWS - 3);
  g_assert_cmpuint (b.tasks_added, ==, N_ROWS - 3);
  g_assert_cmpuint (a.tasks_updated, ==, 3);
  g_assert_cmpuint (b.tasks_updated, ==, 3);
  g_assert_cmpint (query_int (whole, "SELECT count (*) FROM tasks t JOIN plans p ON p.id = t.plan_id "
                                     "WHERE p.number <> '662/KH-VPUB' AND t.number = ''"), ==, 1);
  /* It holds the last row's title and coordinators, each unit once. */
  g_assert_cmpstr (tasks_whole = query_text (whole, "SELECT t.title || '|' || (SELECT group_concat (u.name, ';') "
                                                    "FROM task_coordinators c JOIN units u ON u.id = c.unit_id "
                                                    "WHERE c.task_id = t.id) FROM tasks t WHERE t.number = ''"),
                   ==, "Rà soát thủ tục số 18|Sở Tư pháp, Ban Phối 0");
  g_clear_pointer (&tasks_whole, g_free);
  tasks_whole = query_text (whole, TASKS_SQL);
  tasks_chunked = query_text (chunked, TASKS_SQL);
  g_assert_cmpstr (tasks_chunked, ==, tasks_whole);
  g_assert_cmpint (query_int (chunked, "SELECT count (*) FROM audit_log"), ==,
                   query_int (whole, "SELECT count (*) FROM audit_log"));
}

/* A plan the file has, imported again in chunks (its revised version):
 * the same tasks, coordinators, summary and history as in one
 * transaction, and no copy nor marker left. */
static void
test_reimport_same_result (void)
{
  g_autoptr(DdImportedPlan) first = make_plan ();
  g_autoptr(DdImportedPlan) revised = make_plan_version (TRUE);
  g_autoptr(DdStore) whole = dd_test_new_store (":memory:");
  g_autoptr(DdStore) chunked = dd_test_new_store (":memory:");
  g_autoptr(GError) error = NULL;
  g_autofree char *tasks_whole = NULL;
  g_autofree char *tasks_chunked = NULL;
  DdImportSummary a = { 0, }, b = { 0, };
  guint64 serial;

  g_assert_true (dd_store_import_plan (whole, first, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (dd_store_import_plan (chunked, first, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (dd_store_import_plan (whole, revised, &a, &error));
  g_assert_no_error (error);
  _dd_store_set_import_chunk_rows (chunked, CHUNK);
  serial = chunked->commit_serial;
  g_assert_true (dd_store_import_plan (chunked, revised, &b, &error));
  g_assert_no_error (error);
  /* ⌈26 / 4⌉ transactions. */
  g_assert_cmpuint (chunked->commit_serial - serial, ==, (N_ROWS + 1 + CHUNK - 1) / CHUNK);

  g_assert_true (b.plan_existed);
  g_assert_cmpint (b.plan_id, ==, a.plan_id);
  g_assert_cmpuint (b.tasks_added, ==, 3);
  g_assert_cmpuint (b.tasks_added, ==, a.tasks_added);
  g_assert_cmpuint (b.tasks_updated, ==, a.tasks_updated);
  g_assert_cmpuint (b.tasks_updated, >, 10);
  g_assert_cmpuint (b.tasks_unchanged, ==, a.tasks_unchanged);
  g_assert_cmpuint (b.tasks_kept, ==, 2);
  g_assert_cmpuint (b.units_added, ==, a.units_added);
  g_assert_cmpuint (b.units_added, >, 0);

  tasks_whole = query_text (whole, TASKS_SQL);
  tasks_chunked = query_text (chunked, TASKS_SQL);
  g_assert_cmpstr (tasks_chunked, ==, tasks_whole);
  g_assert_cmpint (query_int (chunked, "SELECT count (*) FROM audit_log"), ==,
                   query_int (whole, "SELECT count (*) FROM audit_log"));
  g_assert_cmpint (query_int (chunked, "SELECT count (*) FROM import_undo_tasks"), ==, 0);
  g_assert_cmpint (query_int (chunked, "SELECT count (*) FROM import_undo_coordinators"), ==, 0);
  g_assert_cmpint (query_int (chunked, "SELECT count (*) FROM settings WHERE key LIKE 'import_pending.%'"), ==, 0);
}

/* Fails the third commit. */
static gboolean
fail_third_commit (DdStore  *store,
                   gpointer  data,
                   GError  **error)
{
  guint *calls = data;

  if (++*calls != 3)
    return TRUE;
  g_set_error_literal (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED, "the third chunk failed");
  return FALSE;
}

/* Dies at the third commit, as a killed desktop would. */
static gboolean
die_at_third_commit (DdStore  *store,
                     gpointer  data,
                     GError  **error)
{
  guint *calls = data;

  if (++*calls == 3)
    _exit (0);
  return TRUE;
}

/* Opens the file at @path in a child process and imports @plan there in
 * chunks of CHUNK rows, with @hook at each commit (which may end the
 * process, as a killed desktop); returns once the child ended with 0. */
static void
import_in_child (const char            *path,
                 const DdImportedPlan  *plan,
                 DdStoreCommitHook      hook)
{
  int status = 0;
  pid_t child;

  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      guint calls = 0;
      DdStore *importer = dd_store_open (path, DD_STORE_OPEN_EXISTING, NULL);

      if (importer == NULL)
        _exit (2);
      _dd_store_set_import_chunk_rows (importer, CHUNK);
      _dd_store_set_commit_hook (importer, hook, &calls, NULL);
      dd_store_import_plan (importer, plan, NULL, NULL);
      _exit (3);
    }
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

/* The third chunk fails: the two before it are taken back, history and
 * all; the file holds what it held before, row for row. */
static void
test_failure_takes_back (void)
{
  g_autoptr(DdImportedPlan) plan = make_plan ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint calls = 0;

  store = dd_test_create_store (&path);
  g_clear_object (&store);
  before = dump_file (path);
  store = dd_store_open (path, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  _dd_store_set_import_chunk_rows (store, CHUNK);
  _dd_store_set_commit_hook (store, fail_third_commit, &calls, NULL);
  g_assert_false (dd_store_import_plan (store, plan, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "the third chunk failed");
  /* Two chunks committed, the third failed, then the taking back. */
  g_assert_cmpuint (calls, ==, 4);
  g_clear_object (&store);

  after = dump_file (path);
  g_assert_cmpstr (after, ==, before);
  dd_test_remove_store_file (path);
}

/* Killed after two chunks: the file keeps them and the marker until an
 * administrator opens it, which takes them back. */
static void
test_killed_taken_back_at_open (void)
{
  g_autoptr(DdImportedPlan) plan = make_plan ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *killed = NULL;
  g_autofree char *after = NULL;

  store = dd_test_create_store (&path);
  g_clear_object (&store);
  before = dump_file (path);

  import_in_child (path, plan, die_at_third_commit);

  /* The two chunks and the marker are in the file. */
  killed = dump_file (path);
  g_assert_cmpstr (killed, !=, before);
  g_assert_nonnull (strstr (killed, "import_pending."));
  g_assert_nonnull (strstr (killed, "Rà soát thủ tục số 8|"));
  g_assert_null (strstr (killed, "Rà soát thủ tục số 9|"));

  store = dd_store_open (path, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  after = dump_file (path);
  g_assert_cmpstr (after, ==, before);
  dd_test_remove_store_file (path);
}

/* A file holding the first version of the plan, at @path. */
static void
create_with_plan (char **path)
{
  g_autoptr(DdImportedPlan) first = make_plan ();
  g_autoptr(DdStore) store = dd_test_create_store (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_store_import_plan (store, first, NULL, &error));
  g_assert_no_error (error);
}

/* A re-import whose third chunk fails: the plan the file had is given
 * back whole, row for row, history and all. */
static void
test_reimport_failure_restores (void)
{
  g_autoptr(DdImportedPlan) revised = make_plan_version (TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint calls = 0;

  create_with_plan (&path);
  before = dump_file (path);
  store = dd_store_open (path, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  _dd_store_set_import_chunk_rows (store, CHUNK);
  _dd_store_set_commit_hook (store, fail_third_commit, &calls, NULL);
  g_assert_false (dd_store_import_plan (store, revised, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED);
  g_assert_cmpuint (calls, ==, 4);
  g_clear_object (&store);

  after = dump_file (path);
  g_assert_cmpstr (after, ==, before);
  dd_test_remove_store_file (path);
}

/* A re-import killed after two chunks: they changed the plan (and kept
 * copies) until an administrator opens the file, which gives the old plan
 * back, row for row. */
static void
test_reimport_killed_restored_at_open (void)
{
  g_autoptr(DdImportedPlan) revised = make_plan_version (TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *killed = NULL;
  g_autofree char *after = NULL;

  create_with_plan (&path);
  before = dump_file (path);
  import_in_child (path, revised, die_at_third_commit);

  /* Two chunks of the new version, the copies and the marker. */
  killed = dump_file (path);
  g_assert_nonnull (strstr (killed, "import_pending."));
  g_assert_nonnull (strstr (killed, "Rà soát thủ tục số 6 (sửa)|"));
  g_assert_null (strstr (killed, "Rà soát thủ tục số 12 (sửa)|"));
  g_assert_nonnull (strstr (killed, "== import_undo_tasks\n"));
  g_assert_null (strstr (killed, "== import_undo_tasks\n== "));

  store = dd_store_open (path, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  after = dump_file (path);
  g_assert_cmpstr (after, ==, before);
  dd_test_remove_store_file (path);
}

/* Between the chunks, another save on a task the import changed; then a
 * chunk fails. */
static gboolean
save_then_fail (DdStore  *store,
                gpointer  data,
                GError  **error)
{
  guint *calls = data;

  ++*calls;
  if (*calls == 2)
    g_assert_cmpint (sqlite3_exec (_dd_store_get_db (store),
                                   "UPDATE tasks SET progress = 40, revision = revision + 1 "
                                   "WHERE title = 'Rà soát thủ tục số 6 (sửa)'", NULL, NULL, NULL), ==, SQLITE_OK);
  if (*calls != 3)
    return TRUE;
  g_set_error_literal (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED, "the third chunk failed");
  return FALSE;
}

/* A re-import taken back keeps what another desktop saved meanwhile on a
 * task it changed (the progress), gives back what the import wrote (the
 * title), and raises the task's revision rather than lowering it, so that
 * a desktop that read the task between the two saves cannot overwrite
 * the second. */
static void
test_reimport_undo_keeps_other_saves (void)
{
  g_autoptr(DdImportedPlan) revised = make_plan_version (TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autofree char *path = NULL;
  g_autofree char *tasks_before = NULL;
  g_autofree char *tasks_after = NULL;
  g_autofree char *title = NULL;
  guint calls = 0;

  create_with_plan (&path);
  store = dd_store_open (path, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  tasks_before = query_text (store, TASKS_SQL);
  g_assert_cmpint (query_int (store, "SELECT revision FROM tasks WHERE title = 'Rà soát thủ tục số 6'"), ==, 1);
  _dd_store_set_import_chunk_rows (store, CHUNK);
  _dd_store_set_commit_hook (store, save_then_fail, &calls, NULL);
  g_assert_false (dd_store_import_plan (store, revised, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED);
  _dd_store_set_commit_hook (store, NULL, NULL, NULL);

  title = query_text (store, "SELECT title FROM tasks WHERE progress = 40");
  g_assert_cmpstr (title, ==, "Rà soát thủ tục số 6");
  /* 1, the import's 2, the other save's 3, and the taking back's 4. */
  g_assert_cmpint (query_int (store, "SELECT revision FROM tasks WHERE progress = 40"), ==, 4);
  /* Every other task as it was. */
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM tasks t JOIN plans p ON p.id = t.plan_id "
                                     "WHERE p.number <> '662/KH-VPUB' AND t.revision <> 1"), ==, 1);
  tasks_after = query_text (store, TASKS_SQL);
  g_assert_cmpstr (tasks_after, ==, tasks_before);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM import_undo_tasks"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM import_undo_coordinators"), ==, 0);
  g_clear_object (&store);
  dd_test_remove_store_file (path);
}

/* The sheets "Nhiệm vụ" and "Đơn vị" of the workbook @store exports
 * into @dir, as of 01/06/2027. */
static char *
exported_sheets (DdStore    *store,
                 const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "seen.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  DdExportOptions options;

  dd_export_options_init (&options);
  g_date_set_dmy (&options.tasks.as_of, 1, 6, 2027);
  g_date_set_dmy (&options.report_date, 1, 6, 2027);
  g_assert_true (dd_export_xlsx (store, &options, path, &error));
  g_assert_no_error (error);
  for (guint i = 2; i <= 3; i++)
    {
      g_autofree char *sheet = g_strdup_printf ("xl/worksheets/sheet%u.xml", i);
      const char *argv[] = { "unzip", "-p", path, sheet, NULL };
      g_autofree char *text = NULL;
      int status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                   NULL, NULL, &text, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_cmpint (status, ==, 0);
      g_string_append (out, text);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* What a desktop sees, as text: the plans (number, tasks), the tasks of
 * the list, the overview (headline and units), the scorecards of
 * 2027-Q2 and the units page (the units that have tasks), the calendar of June 2027 and the workbook's task and unit
 * sheets, all as of 01/06/2027. */
static char *
seen_by (DdStore    *store,
         const char *dir)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) plans = dd_store_list_plans (store, &error);
  g_autoptr(DdStats) stats = dd_stats_new (store);
  g_autoptr(DdScoring) scoring = dd_scoring_new (store);
  g_autoptr(DdCalendar) calendar = dd_calendar_new (store);
  g_autoptr(GListModel) cards = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *sheets = NULL;
  DdStatsHeadline headline = { 0, };
  DdStatsQuery query;
  DdScorePeriod period;
  GDate from, to;
  guint n = 0;

  g_autoptr(GListModel) unit_list = dd_store_list_units (store, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (unit_list); i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (unit_list, i);

      /* The units the import created (its first chunk) are listed, with no
       * task. */
      if (dd_unit_get_n_led (unit) + dd_unit_get_n_coordinated (unit) > 0)
        g_string_append_printf (out, "units page %s: %u led, %u coordinated\n", dd_unit_get_name (unit),
                                dd_unit_get_n_led (unit), dd_unit_get_n_coordinated (unit));
    }
  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(DdPlan) plan = g_list_model_get_item (plans, i);

      g_string_append_printf (out, "plan %s: %u\n", dd_plan_get_number (plan), dd_plan_get_n_tasks (plan));
    }
  dd_stats_query_init (&query);
  g_date_set_dmy (&query.tasks.as_of, 1, 6, 2027);
  g_assert_true (dd_store_count_tasks (store, &query.tasks, &n, &error));
  g_assert_no_error (error);
  g_string_append_printf (out, "tasks: %u, any: %d\n", n, dd_store_has_tasks (store, NULL));
  g_assert_true (dd_stats_get_headline (stats, &query, &headline, &error));
  g_assert_no_error (error);
  g_string_append_printf (out, "headline: %u, done %u, late %u\n", headline.tasks, headline.done,
                          headline.late_not_done);
  units = dd_stats_list_units (stats, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < units->len; i++)
    {
      const DdStatsUnit *unit = units->pdata[i];

      g_string_append_printf (out, "unit %s: %u\n", unit->name != NULL ? unit->name : "-", unit->total);
    }
  g_assert_true (dd_score_period_parse ("2027-Q2", &period, &error));
  cards = dd_scoring_list_scorecards (scoring, &period, &query.tasks.as_of, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(DdScorecard) card = g_list_model_get_item (cards, i);

      /* The units the import created (its first chunk) have a card, of
       * no task. */
      if (dd_scorecard_get_n_led (card) + dd_scorecard_get_n_coordinated (card) > 0)
        g_string_append_printf (out, "card %s: %u led, %u coordinated, rank %u\n", dd_scorecard_get_unit_name (card),
                                dd_scorecard_get_n_led (card), dd_scorecard_get_n_coordinated (card),
                                dd_scorecard_get_rank (card));
    }
  g_date_set_dmy (&from, 1, 6, 2027);
  g_date_set_dmy (&to, 30, 6, 2027);
  entries = dd_calendar_list_entries (calendar, &from, &to, &query.tasks.as_of, &error);
  g_assert_no_error (error);
  g_string_append_printf (out, "calendar: %u\n", entries->len);
  sheets = exported_sheets (store, dir);
  g_string_append (out, sheets);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Another desktop, looking between the chunks of an import. */
typedef struct
{
  DdStore *other;
  const char *dir;
  char *expected;               /* what it sees between chunks */
  guint calls;
} Watch;

/* At each commit of the import after its first (the rows of the chunks
 * before it and the marker are in the file): the other desktop sees the
 * same each time, and no task of the plan. */
static gboolean
watch_between_chunks (DdStore  *store,
                      gpointer  data,
                      GError  **error)
{
  Watch *watch = data;
  g_autofree char *seen = NULL;

  if (++watch->calls < 2)
    return TRUE;
  g_assert_cmpint (query_int (watch->other, "SELECT count (*) FROM tasks WHERE title LIKE 'Rà soát thủ tục số %'"),
                   >=, (gint64) (watch->calls - 1) * CHUNK);
  seen = seen_by (watch->other, watch->dir);
  g_assert_null (strstr (seen, "thủ tục số"));
  if (watch->expected == NULL)
    watch->expected = g_steal_pointer (&seen);
  else
    g_assert_cmpstr (seen, ==, watch->expected);
  return TRUE;
}

/* A plan imported in chunks, new (@revised FALSE) or again in its revised
 * version over the first: another desktop on the same file sees nothing
 * of it in any list, count, scorecard, calendar or workbook between the
 * chunks (a new plan: what it saw before; a re-import: the plan hidden
 * whole, neither old nor new), and all of it once the import is done. */
static void
check_hidden_from_others (gboolean revised)
{
  g_autoptr(DdImportedPlan) plan = make_plan_version (revised);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdStore) other = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Watch watch = { NULL, NULL, NULL, 0 };

  if (revised)
    create_with_plan (&path);
  else
    {
      store = dd_test_create_store (&path);
      g_clear_object (&store);
    }
  dir = g_path_get_dirname (path);
  other = dd_test_open_other (path, NULL);
  before = seen_by (other, dir);
  g_assert_true ((strstr (before, "thủ tục số 10") != NULL) == revised);

  store = dd_store_open (path, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  _dd_store_set_import_chunk_rows (store, CHUNK);
  watch.other = other;
  watch.dir = dir;
  _dd_store_set_commit_hook (store, watch_between_chunks, &watch, NULL);
  g_assert_true (dd_store_import_plan (store, plan, NULL, &error));
  g_assert_no_error (error);
  /* It did look between chunks: ⌈25 / 4⌉ or ⌈26 / 4⌉ commits. */
  g_assert_cmpuint (watch.calls, ==, 7);
  if (!revised)
    g_assert_cmpstr (watch.expected, ==, before);

  after = seen_by (other, dir);
  g_assert_cmpstr (after, !=, before);
  g_assert_nonnull (strstr (after, "thủ tục số 1"));
  g_assert_nonnull (strstr (after, revised ? "thủ tục số 28" : "thủ tục số 25"));
  g_assert_true ((strstr (after, "thủ tục số 6 (sửa)") != NULL) == revised);
  g_free (watch.expected);
  g_clear_object (&store);
  g_clear_object (&other);
  dd_test_remove_store_file (path);
}

static void
test_hidden_from_others (void)
{
  check_hidden_from_others (FALSE);
}

static void
test_reimport_hidden_from_others (void)
{
  check_hidden_from_others (TRUE);
}

/* Killed after two chunks: another desktop sees nothing of the plan (its
 * rows are in the file), and after an administrator's open took them
 * back, what it saw before. */
static void
test_killed_hidden (void)
{
  g_autoptr(DdImportedPlan) plan = make_plan ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdStore) other = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *before = NULL;
  g_autofree char *killed = NULL;
  g_autofree char *after = NULL;

  store = dd_test_create_store (&path);
  g_clear_object (&store);
  dir = g_path_get_dirname (path);
  other = dd_test_open_other (path, NULL);
  before = seen_by (other, dir);
  import_in_child (path, plan, die_at_third_commit);
  g_assert_cmpint (query_int (other, "SELECT count (*) FROM tasks WHERE title LIKE 'Rà soát thủ tục số %'"),
                   ==, 2 * CHUNK);
  g_assert_cmpint (query_int (other, "SELECT count (*) FROM import_pending"), ==, 1);
  killed = seen_by (other, dir);
  g_assert_cmpstr (killed, ==, before);

  store = dd_store_open (path, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM import_pending"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM tasks WHERE title LIKE 'Rà soát thủ tục số %'"), ==, 0);
  after = seen_by (other, dir);
  g_assert_cmpstr (after, ==, before);
  g_clear_object (&store);
  g_clear_object (&other);
  dd_test_remove_store_file (path);
}

/* Writes the marker of an import of plan 999 by process @pid of this
 * host. */
static void
write_marker (DdStore *store,
              pid_t    pid)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("INSERT INTO settings (key, value) VALUES ('import_pending.999', "
                                          "'%s' || char (9) || '%d' || char (9) || '%" G_GINT64_FORMAT "' "
                                          "|| char (9) || '0' || char (9))",
                                          g_get_host_name (), (int) pid, g_get_real_time () / G_USEC_PER_SEC);

  g_assert_true (_dd_store_begin (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (_dd_store_get_db (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (_dd_store_commit (store, &error));
  g_assert_no_error (error);
}

/* An import under way in another process of this host is left alone by
 * an open; once that process is gone, its marker is taken back. */
static void
test_live_import_left_alone (void)
{
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdStore) other = NULL;
  g_autofree char *path = NULL;
  int fds[2];
  pid_t child;
  char c;

  g_assert_cmpint (pipe (fds), ==, 0);
  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      /* Alive until the test closes the pipe. */
      close (fds[1]);
      while (read (fds[0], &c, 1) > 0)
        ;
      _exit (0);
    }
  close (fds[0]);

  store = dd_test_create_store (&path);
  write_marker (store, child);
  other = dd_test_open_other (path, NULL);
  g_assert_cmpint (query_int (other, "SELECT count (*) FROM settings WHERE key = 'import_pending.999'"), ==, 1);
  g_clear_object (&other);

  close (fds[1]);
  g_assert_cmpint (waitpid (child, NULL, 0), ==, child);
  other = dd_test_open_other (path, NULL);
  g_assert_cmpint (query_int (other, "SELECT count (*) FROM settings WHERE key = 'import_pending.999'"), ==, 0);
  g_clear_object (&other);
  g_clear_object (&store);
  dd_test_remove_store_file (path);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  dd_test_init_i18n ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/import-chunks/same-result", test_same_result);
  g_test_add_func ("/core/import-chunks/empty-numbers", test_empty_numbers);
  g_test_add_func ("/core/import-chunks/timed", test_timed_chunks);
  g_test_add_func ("/core/import-chunks/timed-one-chunk", test_timed_one_chunk);
  g_test_add_func ("/core/import-chunks/timed-many-chunks", test_timed_many_chunks);
  g_test_add_func ("/core/import-chunks/failure-takes-back", test_failure_takes_back);
  g_test_add_func ("/core/import-chunks/killed-taken-back-at-open", test_killed_taken_back_at_open);
  g_test_add_func ("/core/import-chunks/live-import-left-alone", test_live_import_left_alone);
  g_test_add_func ("/core/import-chunks/reimport-same-result", test_reimport_same_result);
  g_test_add_func ("/core/import-chunks/reimport-failure-restores", test_reimport_failure_restores);
  g_test_add_func ("/core/import-chunks/reimport-killed-restored-at-open", test_reimport_killed_restored_at_open);
  g_test_add_func ("/core/import-chunks/reimport-undo-keeps-other-saves", test_reimport_undo_keeps_other_saves);
  g_test_add_func ("/core/import-chunks/hidden-from-others", test_hidden_from_others);
  g_test_add_func ("/core/import-chunks/reimport-hidden-from-others", test_reimport_hidden_from_others);
  g_test_add_func ("/core/import-chunks/killed-hidden", test_killed_hidden);

  return g_test_run ();
}
