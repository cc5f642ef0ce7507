/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "dd-cli-test.h"

/*
 * Runs the built dondoc-cli (path in $DONDOC_CLI) as a user or a script
 * would, each case in its own temporary folder that is also HOME and the XDG
 * data folder, so that the default database lands there.
 */

#define HCQT "Phòng Hành chính - Quản trị"
#define SEED_PLAN "662/KH-VPUB"

/* Auxiliary methods */

/* Runs dondoc-cli with the NULL-terminated @args in @f's environment. */

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static void
assert_bytes_unchanged (const char *path,
                        GBytes     *before)
{
  g_autoptr(GBytes) after = read_bytes (path);

  g_assert_true (g_bytes_equal (before, after));
}

/* Runs "tasks --format json" with the extra @args and returns the array. */
static JsonNode *
tasks_json (Fixture    *f,
            const char *db,
            const char *as_of)
{
  Result r;
  JsonNode *root;

  if (db != NULL)
    r = run (f, "--db", db, "tasks", "--format", "json", "--as-of", as_of);
  else
    r = run (f, "tasks", "--format", "json", "--as-of", as_of);
  assert_ok (&r);

  root = parse_json (r.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  result_clear (&r);

  return root;
}

static JsonObject *
find_task (JsonNode   *tasks,
           const char *number)
{
  JsonArray *array = json_node_get_array (tasks);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *task = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (task, "number"), number) == 0)
        return task;
    }

  g_assert_not_reached ();
}

static guint
n_elements (JsonNode *array)
{
  return json_array_get_length (json_node_get_array (array));
}

static gboolean
skip_without_cli (void)
{
  if (cli_path () == NULL || !g_file_test (cli_path (), G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("DONDOC_CLI does not name the built dondoc-cli");
      return TRUE;
    }

  return FALSE;
}

/* Tests */

static void
test_init_creates (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) tasks = NULL;
  Result r;

  if (skip_without_cli ())
    return;

  r = run (f, "--db", f->db, "init");
  assert_ok (&r);
  g_assert_true (g_file_test (f->db, G_FILE_TEST_IS_REGULAR));
  /* One line of confirmation, naming the file. */
  g_assert_nonnull (strstr (r.out, f->db));
  g_assert_nonnull (strchr (r.out, '\n'));
  g_assert_null (strchr (strchr (r.out, '\n') + 1, '\n'));
  result_clear (&r);

  /* Empty: no plan, no task, and not the seed plan. */
  tasks = tasks_json (f, f->db, "2026-05-15");
  g_assert_cmpuint (n_elements (tasks), ==, 0);

  r = run (f, "--db", f->db, "plans", "--format", "json");
  assert_ok (&r);
  {
    g_autoptr(JsonNode) plans = parse_json (r.out);

    g_assert_cmpuint (n_elements (plans), ==, 0);
  }
  result_clear (&r);
}

static void
test_init_refuses_existing (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) db_before = NULL;
  g_autofree char *other = g_build_filename (f->dir, "notes.txt", NULL);
  Result r;

  if (skip_without_cli ())
    return;

  dd_test_write_file (other, "Biên bản họp giao ban\n", -1);
  before = read_bytes (other);

  r = run (f, "--db", other, "init");
  assert_refused (&r, 1);
  g_assert_cmpstr (r.out, ==, "");
  result_clear (&r);
  assert_bytes_unchanged (other, before);

  /* A real database is not overwritten either. */
  init_seed (f);
  db_before = read_bytes (f->db);
  r = run (f, "--db", f->db, "init");
  assert_refused (&r, 1);
  result_clear (&r);
  assert_bytes_unchanged (f->db, db_before);
}

static void
test_import_seed (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *seed = dd_test_seed_path ();
  g_autoptr(JsonNode) tasks = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  const char *kinds[][2] = {
    { "1.", "date" }, { "2.", "ongoing" }, { "3.", "ongoing" }, { "4.", "ongoing" },
    { "5.", "external" }, { "6.", "statutory" }, { "7.", "ongoing" }, { "8.", "periodic" },
  };
  JsonObject *task;
  JsonArray *coordinators;
  JsonArray *array;
  Result r;

  if (skip_without_cli ())
    return;

  r = run (f, "--db", f->db, "init");
  assert_ok (&r);
  result_clear (&r);

  r = run (f, "--db", f->db, "import", seed);
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, SEED_PLAN));
  g_assert_nonnull (strstr (r.out, "8 added"));
  result_clear (&r);

  tasks = tasks_json (f, f->db, "2026-05-15");
  g_assert_cmpuint (n_elements (tasks), ==, 8);

  task = find_task (tasks, "1.");
  g_assert_cmpstr (json_object_get_string_member (task, "plan"), ==, SEED_PLAN);
  g_assert_cmpstr (json_object_get_string_member (task, "title"), ==,
                   "Xây dựng kế hoạch triển khai tại cơ quan");
  g_assert_cmpstr (json_object_get_string_member (task, "deadline_kind"), ==, "date");
  g_assert_cmpstr (json_object_get_string_member (task, "due"), ==, "2026-04-30");
  g_assert_cmpstr (json_object_get_string_member (task, "deadline_text"), ==, "Trước 30/4/2026");
  g_assert_true (json_object_get_boolean_member (task, "deadline_understood"));
  g_assert_cmpstr (json_object_get_string_member (task, "lead"), ==, HCQT);
  coordinators = json_object_get_array_member (task, "coordinators");
  g_assert_cmpuint (json_array_get_length (coordinators), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (coordinators, 0), ==,
                   "Các phòng, ban, đơn vị liên quan");
  g_assert_cmpstr (json_object_get_string_member (task, "product"), ==, "Kế hoạch được ban hành");
  g_assert_cmpstr (json_object_get_string_member (task, "directing"), ==, "Thủ trưởng cơ quan");
  /* Nothing recorded in a fresh database: past its date, so overdue. */
  g_assert_cmpstr (json_object_get_string_member (task, "status"), ==, "overdue");
  g_assert_true (json_object_get_null_member (task, "completed_on"));
  g_assert_cmpint (json_object_get_int_member (task, "progress"), ==, 0);
  g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (task, "id")));
  g_assert_true (json_object_has_member (task, "actual_product"));
  g_assert_true (json_object_has_member (task, "note"));
  g_assert_true (json_object_has_member (task, "revision"));

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      task = find_task (tasks, kinds[i][0]);
      g_assert_cmpstr (json_object_get_string_member (task, "deadline_kind"), ==, kinds[i][1]);
    }

  /* Task 6 has a lead and no coordinator. */
  task = find_task (tasks, "6.");
  g_assert_cmpstr (json_object_get_string_member (task, "lead"), ==, "Các phòng chuyên môn liên quan");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (task, "coordinators")), ==, 0);

  array = json_node_get_array (tasks);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gint64 *id = g_new (gint64, 1);

      *id = json_object_get_int_member (json_array_get_object_element (array, i), "id");
      g_hash_table_add (ids, id);
    }

  /* Importing the same plan again changes nothing and duplicates nothing. */
  r = run (f, "--db", f->db, "import", seed);
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, SEED_PLAN));
  g_assert_nonnull (strstr (r.out, "0 added"));
  result_clear (&r);

  again = tasks_json (f, f->db, "2026-05-15");
  g_assert_cmpuint (n_elements (again), ==, 8);
  array = json_node_get_array (again);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gint64 id = json_object_get_int_member (json_array_get_object_element (array, i), "id");

      g_assert_true (g_hash_table_contains (ids, &id));
    }

  r = run (f, "--db", f->db, "plans", "--format", "json");
  assert_ok (&r);
  {
    g_autoptr(JsonNode) plans = parse_json (r.out);
    JsonObject *plan;

    g_assert_cmpuint (n_elements (plans), ==, 1);
    plan = json_array_get_object_element (json_node_get_array (plans), 0);
    g_assert_cmpstr (json_object_get_string_member (plan, "number"), ==, SEED_PLAN);
    g_assert_cmpstr (json_object_get_string_member (plan, "issued_on"), ==, "2026-04-28");
    g_assert_cmpint (json_object_get_int_member (plan, "tasks"), ==, 8);
  }
  result_clear (&r);
}

static gint64
task_id (JsonNode   *tasks,
         const char *number)
{
  return json_object_get_int_member (find_task (tasks, number), "id");
}

static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *id1 = NULL;
  g_autofree char *id3 = NULL;
  JsonObject *task;
  Result r;

  if (skip_without_cli ())
    return;

  init_seed (f);
  before = tasks_json (f, f->db, "2026-05-15");
  id1 = g_strdup_printf ("%" G_GINT64_FORMAT, task_id (before, "1."));
  id3 = g_strdup_printf ("%" G_GINT64_FORMAT, task_id (before, "3."));

  r = run (f, "--db", f->db, "update", id1, "--progress", "100", "--completed-on", "2026-04-28");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "100%"));
  g_assert_nonnull (strstr (r.out, "28/04/2026"));
  result_clear (&r);

  /* dd/mm/yyyy is accepted too, and a product and a note are kept. */
  r = run (f, "--db", f->db, "update", id3, "--completed-on", "05/05/2026",
           "--product", "Kế hoạch đào tạo năm 2026", "--note", "Đã báo cáo Chánh Văn phòng");
  assert_ok (&r);
  result_clear (&r);

  after = tasks_json (f, f->db, "2026-05-15");
  g_assert_cmpuint (n_elements (after), ==, 8);

  task = find_task (after, "1.");
  g_assert_cmpstr (json_object_get_string_member (task, "status"), ==, "done_on_time");
  g_assert_cmpstr (json_object_get_string_member (task, "completed_on"), ==, "2026-04-28");
  g_assert_cmpint (json_object_get_int_member (task, "progress"), ==, 100);
  g_assert_cmpint (json_object_get_int_member (task, "revision"), >,
                   json_object_get_int_member (find_task (before, "1."), "revision"));

  task = find_task (after, "3.");
  g_assert_cmpstr (json_object_get_string_member (task, "completed_on"), ==, "2026-05-05");
  g_assert_cmpint (json_object_get_int_member (task, "progress"), ==, 100);
  g_assert_cmpstr (json_object_get_string_member (task, "actual_product"), ==, "Kế hoạch đào tạo năm 2026");
  /* The note goes with the progress update (its history), not into the
   * task's own note. */
  g_assert_true (json_object_has_member (task, "note"));

  /* Looking back before the completion shows the plan as it stood then. */
  {
    g_autoptr(JsonNode) earlier = tasks_json (f, f->db, "2026-04-20");

    g_assert_cmpstr (json_object_get_string_member (find_task (earlier, "1."), "status"), !=,
                     "done_on_time");
  }

  /* Completed after its date: done late. */
  r = run (f, "--db", f->db, "update", id1, "--completed-on", "2026-05-10");
  assert_ok (&r);
  result_clear (&r);
  {
    g_autoptr(JsonNode) late = tasks_json (f, f->db, "2026-05-15");

    g_assert_cmpstr (json_object_get_string_member (find_task (late, "1."), "status"), ==, "done_late");
  }
}

static void
test_update_invalid (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *id1 = NULL;
  JsonObject *task;
  Result r;

  if (skip_without_cli ())
    return;

  init_seed (f);
  before = tasks_json (f, f->db, "2026-05-15");
  id1 = g_strdup_printf ("%" G_GINT64_FORMAT, task_id (before, "1."));
  bytes = read_bytes (f->db);

  r = run (f, "--db", f->db, "update", id1, "--progress", "150");
  assert_refused (&r, 1);
  g_assert_nonnull (strstr (r.err, "150"));
  result_clear (&r);

  r = run (f, "--db", f->db, "update", id1, "--progress", "-5");
  assert_refused (&r, 1);
  result_clear (&r);

  r = run (f, "--db", f->db, "update", id1, "--progress", "năm mươi");
  assert_refused (&r, 1);
  result_clear (&r);

  r = run (f, "--db", f->db, "update", id1, "--progress", "50.5");
  assert_refused (&r, 1);
  result_clear (&r);

  r = run (f, "--db", f->db, "update", id1, "--completed-on", "2026-02-31");
  assert_refused (&r, 1);
  g_assert_nonnull (strstr (r.err, "2026-02-31"));
  result_clear (&r);

  r = run (f, "--db", f->db, "update", id1, "--completed-on", "31/02/2026");
  assert_refused (&r, 1);
  result_clear (&r);

  r = run (f, "--db", f->db, "update", "abc", "--progress", "10");
  assert_refused (&r, 1);
  result_clear (&r);

  /* Nothing to record, or no task: usage errors. */
  r = run (f, "--db", f->db, "update", id1);
  assert_refused (&r, 2);
  result_clear (&r);

  r = run (f, "--db", f->db, "update", "--progress", "10");
  assert_refused (&r, 2);
  result_clear (&r);

  /* All of that was refused before the database was even opened. */
  assert_bytes_unchanged (f->db, bytes);

  r = run (f, "--db", f->db, "update", "99999", "--progress", "10");
  assert_refused (&r, 1);
  g_assert_nonnull (strstr (r.err, "99999"));
  result_clear (&r);

  after = tasks_json (f, f->db, "2026-05-15");
  task = find_task (after, "1.");
  g_assert_cmpint (json_object_get_int_member (task, "progress"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (task, "status"), ==, "overdue");
  g_assert_cmpint (json_object_get_int_member (task, "revision"), ==,
                   json_object_get_int_member (find_task (before, "1."), "revision"));
}

static void
test_missing_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing.sqlite", NULL);
  g_autofree char *seed = dd_test_seed_path ();
  Result r;

  if (skip_without_cli ())
    return;

  r = run (f, "--db", missing, "tasks");
  assert_refused (&r, 1);
  g_assert_cmpstr (r.out, ==, "");
  result_clear (&r);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  r = run (f, "--db", missing, "import", seed);
  assert_refused (&r, 1);
  result_clear (&r);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  r = run (f, "--db", missing, "update", "1", "--progress", "10");
  assert_refused (&r, 1);
  result_clear (&r);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  /* No journal, WAL or lock file was left either. */
  {
    g_autofree char *wal = g_strconcat (missing, "-wal", NULL);
    g_autofree char *journal = g_strconcat (missing, "-journal", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  }
}

static void
test_foreign_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *foreign = g_build_filename (f->dir, "khac.sqlite", NULL);
  g_autofree char *text = g_build_filename (f->dir, "van-ban.sqlite", NULL);
  g_autoptr(GBytes) foreign_bytes = NULL;
  g_autoptr(GBytes) text_bytes = NULL;
  sqlite3 *db = NULL;
  Result r;

  if (skip_without_cli ())
    return;

  /* Another application's database. */
  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT);"
                                 "INSERT INTO contacts (name) VALUES ('Nguyễn Văn A');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  foreign_bytes = read_bytes (foreign);

  r = run (f, "--db", foreign, "tasks");
  assert_refused (&r, 1);
  result_clear (&r);
  assert_bytes_unchanged (foreign, foreign_bytes);

  r = run (f, "--db", foreign, "update", "1", "--progress", "10");
  assert_refused (&r, 1);
  result_clear (&r);
  assert_bytes_unchanged (foreign, foreign_bytes);

  /* Not a database at all. */
  dd_test_write_file (text, "Kế hoạch số 662/KH-VPUB ngày 28/4/2026\n", -1);
  text_bytes = read_bytes (text);

  r = run (f, "--db", text, "units");
  assert_refused (&r, 1);
  result_clear (&r);
  assert_bytes_unchanged (text, text_bytes);
}

static void
test_default_database (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JsonNode) tasks = NULL;
  g_autoptr(JsonNode) units = NULL;
  JsonObject *task;
  JsonArray *array;
  gboolean found = FALSE;
  Result r;

  if (skip_without_cli ())
    return;

  /* No --db: the default database is created in XDG_DATA_HOME with the
   * embedded plan and the progress the plan itself proves. */
  tasks = tasks_json (f, NULL, "2026-05-15");
  g_assert_cmpuint (n_elements (tasks), ==, 8);
  task = find_task (tasks, "1.");
  g_assert_cmpstr (json_object_get_string_member (task, "status"), ==, "done_on_time");
  g_assert_cmpstr (json_object_get_string_member (task, "completed_on"), ==, "2026-04-28");
  g_assert_cmpstr (json_object_get_string_member (task, "lead"), ==, HCQT);

  r = run (f, "units", "--format", "json");
  assert_ok (&r);
  units = parse_json (r.out);
  result_clear (&r);

  /* In the seed, tasks 1, 3, 4, 5, 7 and 8 are led by Phòng Hành chính - Quản trị. */
  array = json_node_get_array (units);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *unit = json_array_get_object_element (array, i);

      g_assert_true (json_object_has_member (unit, "id"));
      g_assert_true (json_object_has_member (unit, "is_group"));
      g_assert_true (json_object_has_member (unit, "tasks_coordinated"));
      if (g_strcmp0 (json_object_get_string_member (unit, "name"), HCQT) == 0)
        {
          g_assert_cmpint (json_object_get_int_member (unit, "tasks_led"), ==, 6);
          g_assert_false (json_object_get_boolean_member (unit, "is_group"));
          found = TRUE;
        }
    }
  g_assert_true (found);

  /* It is created once: a second run finds the same data. */
  r = run (f, "plans", "--format", "json");
  assert_ok (&r);
  {
    g_autoptr(JsonNode) plans = parse_json (r.out);

    g_assert_cmpuint (n_elements (plans), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (plans), 0),
                                                    "number"), ==, SEED_PLAN);
  }
  result_clear (&r);
}

static void
assert_all_statuses (JsonNode *tasks)
{
  JsonArray *array = json_node_get_array (tasks);
  const char *statuses[] = {
    "done_on_time", "done_late", "in_progress", "due_soon", "overdue", "no_deadline",
  };

  for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < json_array_get_length (array) && !found; i++)
        {
          JsonObject *task = json_array_get_object_element (array, i);

          found = g_str_equal (json_object_get_string_member (task, "status"), statuses[s]);
        }
      if (!found)
        g_test_message ("no task has the status %s", statuses[s]);
      g_assert_true (found);
    }
}

static void
test_sample_data (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *sample = g_build_filename (f->dir, "mau.sqlite", NULL);
  g_autofree char *today = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  Result r;

  if (skip_without_cli ())
    return;

  /* The sample is made "as of today", so look at it as of today. */
  today = g_date_time_format (now, "%Y-%m-%d");

  r = run (f, "--db", sample, "--sample-data", "tasks", "--format", "json", "--as-of", today);
  assert_ok (&r);
  g_assert_true (g_file_test (sample, G_FILE_TEST_IS_REGULAR));
  {
    g_autoptr(JsonNode) tasks = parse_json (r.out);

    assert_all_statuses (tasks);
  }
  result_clear (&r);

  /* Without --db the sample lives next to the default database, which is
   * not created by it. */
  r = run (f, "--sample-data", "tasks", "--format", "json");
  assert_ok (&r);
  {
    g_autoptr(JsonNode) tasks = parse_json (r.out);

    assert_all_statuses (tasks);
  }
  result_clear (&r);

  r = run (f, "--sample-data", "plans", "--format", "json");
  assert_ok (&r);
  {
    g_autoptr(JsonNode) plans = parse_json (r.out);
    JsonArray *array = json_node_get_array (plans);

    g_assert_cmpuint (json_array_get_length (array), >=, 1);
    for (guint i = 0; i < json_array_get_length (array); i++)
      g_assert_true (json_object_get_boolean_member (json_array_get_object_element (array, i), "is_sample"));
  }
  result_clear (&r);
}

static void
test_import_bad_csv (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->dir, "phu-luc.csv", NULL);
  g_autofree char *lower = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) tasks = NULL;
  Result r;

  if (skip_without_cli ())
    return;

  init_seed (f);
  bytes = read_bytes (f->db);

  /* Line 2 is fine; line 3 holds a date that does not exist. */
  dd_test_write_file (csv,
                      "TT,Nhiệm vụ,Chủ trì,Phối hợp,Thời gian,Sản phẩm,Trách nhiệm chỉ đạo\n"
                      "1.,Rà soát quy chế làm việc,Phòng Hành chính - Quản trị,,Trước 30/6/2026,Quy chế,Chánh Văn phòng\n"
                      "2.,Kiểm tra công vụ,Phòng Hành chính - Quản trị,,Trước 31/02/2026,Thông báo,Chánh Văn phòng\n",
                      -1);

  r = run (f, "--db", f->db, "import", csv);
  assert_refused (&r, 1);
  g_assert_nonnull (strstr (r.err, "phu-luc.csv"));
  lower = g_utf8_strdown (r.err, -1);
  g_assert_nonnull (strstr (lower, "line 3"));
  result_clear (&r);

  assert_bytes_unchanged (f->db, bytes);
  tasks = tasks_json (f, f->db, "2026-05-15");
  g_assert_cmpuint (n_elements (tasks), ==, 8);

  /* A file that is not there. */
  {
    g_autofree char *none = g_build_filename (f->dir, "khong-co.csv", NULL);

    r = run (f, "--db", f->db, "import", none);
    assert_refused (&r, 1);
    g_assert_nonnull (strstr (r.err, "khong-co.csv"));
    result_clear (&r);
  }
}

/* Controls in a file are removed with a warning; a control that reaches
 * the terminal anyway (here in a file name) is written visibly, never
 * obeyed. */
static void
test_import_controls (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->dir, "phu-luc.csv", NULL);
  g_autofree char *odd = g_build_filename (f->dir, "x\x1b[2J\xc2\x9by.csv", NULL);
  g_autoptr(JsonNode) tasks = NULL;
  Result r;

  if (skip_without_cli ())
    return;

  init_seed (f);
  dd_test_write_file (csv,
                      "TT,Nhiệm vụ,Chủ trì,Phối hợp,Thời gian,Sản phẩm,Trách nhiệm chỉ đạo\n"
                      "1.,Rà soát \x1b[31mquy chế\xef\xbf\xbe,Phòng Hành chính - Quản trị,,Trước 30/6/2026,Quy chế,\n",
                      -1);
  r = run (f, "--db", f->db, "import", csv);
  assert_ok (&r);
  g_assert_nonnull (strstr (r.err, "2 control characters or noncharacters removed"));
  g_assert_nonnull (strstr (r.err, "line 2"));
  g_assert_null (strchr (r.out, '\x1b'));
  result_clear (&r);

  r = run (f, "--db", f->db, "tasks", "--as-of", "2026-05-15");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "Rà soát [31mquy chế"));
  result_clear (&r);

  r = run (f, "--db", f->db, "import", odd);
  assert_refused (&r, 1);
  g_assert_null (strchr (r.err, '\x1b'));
  g_assert_null (strstr (r.err, "\xc2\x9b"));
  g_assert_nonnull (strstr (r.err, "x\\u001B[2J\\u009By.csv"));
  result_clear (&r);
}

static void
test_tasks_filters (Fixture       *f,
                    gconstpointer  data)
{
  Result r;

  if (skip_without_cli ())
    return;

  init_seed (f);

  r = run (f, "--db", f->db, "tasks", "--format", "json", "--as-of", "2026-05-15", "--status", "overdue");
  assert_ok (&r);
  {
    g_autoptr(JsonNode) tasks = parse_json (r.out);

    g_assert_cmpuint (n_elements (tasks), ==, 1);
    find_task (tasks, "1.");
  }
  result_clear (&r);

  /* Before its date, task 1 is not overdue. */
  r = run (f, "--db", f->db, "tasks", "--format", "json", "--as-of", "01/04/2026", "--status", "overdue");
  assert_ok (&r);
  {
    g_autoptr(JsonNode) tasks = parse_json (r.out);

    g_assert_cmpuint (n_elements (tasks), ==, 0);
  }
  result_clear (&r);

  r = run (f, "--db", f->db, "tasks", "--format", "json", "--plan", SEED_PLAN);
  assert_ok (&r);
  {
    g_autoptr(JsonNode) tasks = parse_json (r.out);

    g_assert_cmpuint (n_elements (tasks), ==, 8);
  }
  result_clear (&r);

  r = run (f, "--db", f->db, "tasks", "--format", "json", "--unit", "Trung tâm Phục vụ Hành chính công");
  assert_ok (&r);
  {
    g_autoptr(JsonNode) tasks = parse_json (r.out);

    g_assert_cmpuint (n_elements (tasks), ==, 1);
    find_task (tasks, "2.");
  }
  result_clear (&r);

  /* Search ignores diacritics. */
  r = run (f, "--db", f->db, "tasks", "--format", "json", "--search", "so hoa");
  assert_ok (&r);
  {
    g_autoptr(JsonNode) tasks = parse_json (r.out);

    g_assert_cmpuint (n_elements (tasks), ==, 1);
    find_task (tasks, "5.");
  }
  result_clear (&r);

  r = run (f, "--db", f->db, "tasks", "--plan", "999/KH-XYZ");
  assert_refused (&r, 1);
  result_clear (&r);

  r = run (f, "--db", f->db, "tasks", "--unit", "Sở Không Có");
  assert_refused (&r, 1);
  result_clear (&r);

  r = run (f, "--db", f->db, "tasks", "--as-of", "2026-13-01");
  assert_refused (&r, 1);
  result_clear (&r);

  r = run (f, "--db", f->db, "tasks", "--format", "xml");
  assert_refused (&r, 2);
  result_clear (&r);

  r = run (f, "--db", f->db, "tasks", "--status", "late");
  assert_refused (&r, 2);
  result_clear (&r);
}

static void
test_text_output (Fixture       *f,
                  gconstpointer  data)
{
  Result r;

  if (skip_without_cli ())
    return;

  init_seed (f);

  r = run (f, "--db", f->db, "tasks", "--as-of", "2026-05-15");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "30/04/2026"));
  g_assert_nonnull (strstr (r.out, HCQT));
  g_assert_nonnull (strstr (r.out, "Overdue"));
  g_assert_nonnull (strstr (r.out, "8 tasks as of 15/05/2026"));
  g_assert_null (strstr (r.out, "2026-04-30"));
  result_clear (&r);

  r = run (f, "--db", f->db, "units");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, HCQT));
  result_clear (&r);

  r = run (f, "--db", f->db, "plans");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, SEED_PLAN));
  g_assert_nonnull (strstr (r.out, "28/04/2026"));
  result_clear (&r);
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  Result r;

  if (skip_without_cli ())
    return;

  r = run (f, "frobnicate");
  assert_refused (&r, 2);
  g_assert_nonnull (strstr (r.err, "frobnicate"));
  g_assert_nonnull (strstr (r.err, "Usage"));
  result_clear (&r);

  r = run (f, "--bogus", "tasks");
  assert_refused (&r, 2);
  g_assert_nonnull (strstr (r.err, "Usage"));
  result_clear (&r);

  r = run (f, "tasks", "--bogus");
  assert_refused (&r, 2);
  result_clear (&r);

  /* Global options belong before the command. */
  r = run (f, "tasks", "--db", f->db);
  assert_refused (&r, 2);
  result_clear (&r);

  r = run (f, "--db", f->db);
  assert_refused (&r, 2);
  result_clear (&r);

  r = run (f, "--version");
  assert_ok (&r);
  g_assert_true (g_str_has_prefix (r.out, "dondoc-cli "));
  result_clear (&r);

  r = run (f, "--help");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "import"));
  g_assert_nonnull (strstr (r.out, "--db"));
  result_clear (&r);

  r = run (f, "tasks", "--help");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "--as-of"));
  result_clear (&r);

  /* init needs a file to create. */
  r = run (f, "init");
  assert_refused (&r, 2);
  result_clear (&r);

  /* None of this created the default database. */
  {
    g_autofree char *data_home = g_build_filename (f->dir, "data", NULL);

    g_assert_false (g_file_test (data_home, G_FILE_TEST_EXISTS));
  }
}

static void
test_vietnamese (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *old_locale = NULL;
  g_autofree char *id1 = NULL;
  g_autoptr(JsonNode) tasks = NULL;
  gboolean have_vi;
  Result r;

  if (skip_without_cli ())
    return;

  old_locale = g_strdup (setlocale (LC_ALL, NULL));
  have_vi = setlocale (LC_ALL, "vi_VN.UTF-8") != NULL;
  setlocale (LC_ALL, old_locale);

  init_seed (f);
  tasks = tasks_json (f, f->db, "2026-05-15");
  id1 = g_strdup_printf ("%" G_GINT64_FORMAT, task_id (tasks, "1."));

  f->envp = g_environ_setenv (f->envp, "LANGUAGE", "vi", TRUE);
  if (have_vi)
    f->envp = g_environ_setenv (f->envp, "LC_ALL", "vi_VN.UTF-8", TRUE);
  else
    {
      /* CI generates vi_VN.UTF-8. Without it, glibc still follows
       * LANGUAGE under C.UTF-8 (only the plain "C" locale ignores it). */
      g_test_message ("vi_VN.UTF-8 is not installed: LANGUAGE=vi with C.UTF-8");
      f->envp = g_environ_setenv (f->envp, "LC_ALL", "C.UTF-8", TRUE);
    }

  r = run (f, "--db", f->db, "update", id1, "--progress", "150");
  assert_refused (&r, 1);
  g_assert_nonnull (strstr (r.err, "Tiến độ"));
  g_assert_null (strstr (r.err, "progress"));
  result_clear (&r);

  r = run (f, "--db", f->db, "tasks", "--as-of", "2026-05-15");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "Nhiệm vụ"));
  g_assert_nonnull (strstr (r.out, "30/04/2026"));
  result_clear (&r);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cli/init/creates", test_init_creates);
  ADD ("/cli/init/refuses-existing", test_init_refuses_existing);
  ADD ("/cli/import/seed", test_import_seed);
  ADD ("/cli/import/bad-csv", test_import_bad_csv);
  ADD ("/cli/import/controls", test_import_controls);
  ADD ("/cli/update/progress", test_update);
  ADD ("/cli/update/invalid", test_update_invalid);
  ADD ("/cli/open/missing", test_missing_file);
  ADD ("/cli/open/foreign", test_foreign_file);
  ADD ("/cli/default-database", test_default_database);
  ADD ("/cli/sample-data", test_sample_data);
  ADD ("/cli/tasks/filters", test_tasks_filters);
  ADD ("/cli/tasks/text", test_text_output);
  ADD ("/cli/usage", test_usage);
  ADD ("/cli/i18n/vietnamese", test_vietnamese);

#undef ADD

  return g_test_run ();
}
