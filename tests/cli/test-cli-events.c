/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-events"

#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "dd-cli-test.h"

/*
 * The events of a task's life on the command line (issue 15): task add,
 * task edit, task delete and extend, with the errors of each. Each case
 * runs dondoc-cli (path in $DONDOC_CLI) on the seed plan in a folder of
 * its own.
 */

#define HCQT "Phòng Hành chính - Quản trị"
#define RUN(f, ...) run ((f), "--db", (f)->db, __VA_ARGS__)

/* Auxiliary methods */

static void
events_set_up (Fixture       *f,
               gconstpointer  data)
{
  fixture_set_up (f, data);
  init_seed (f);
}

static GBytes *
read_db (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (f->db, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* The JSON object printed by a command run with --format json. */
static JsonObject *
parse_object (const char  *text,
              JsonNode   **out_root)
{
  *out_root = parse_json (text);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*out_root));
  return json_node_get_object (*out_root);
}

/* The id in "Task 42 added." */
static gint64
added_id (const char *out)
{
  const char *digits = out + strlen ("Task ");

  g_assert_true (g_str_has_prefix (out, "Task "));
  g_assert_nonnull (strstr (out, " added."));
  return g_ascii_strtoll (digits, NULL, 10);
}

static gint64
add_task (Fixture    *f,
          const char *title,
          const char *due)
{
  g_auto(Result) r = RUN (f, "task", "add", "--plan", "662/KH-VPUB", "--title", title,
                          "--lead", HCQT, "--due", due);

  assert_ok (&r);
  return added_id (r.out);
}

/* Runs @args (after --db) and checks that it is refused with @status,
 * saying @words, and that the file is as it was. */
static void
assert_refused_unchanged (Fixture            *f,
                          int                 status,
                          const char         *words,
                          const char * const *args)
{
  g_autoptr(GBytes) before = read_db (f);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(Result) r = { 0, NULL, NULL };

  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, f->db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  r = run_argv (f, (const char * const *) argv->pdata);
  assert_refused (&r, status);
  if (words != NULL && strstr (r.err, words) == NULL)
    g_error ("“%s” not in: %s", words, r.err);
  after = read_db (f);
  g_assert_true (g_bytes_equal (before, after));
}

#define REFUSED(f, status, words, ...) \
  assert_refused_unchanged ((f), (status), (words), (const char * const []) { __VA_ARGS__, NULL })

/* A custom SQL function for the file's triggers, outside the application:
 * the role of an administrator, so that the test may record the roles. */
static void
sql_admin (sqlite3_context *ctx,
           int              argc,
           sqlite3_value  **argv)
{
  sqlite3_result_text (ctx, "admin", -1, SQLITE_STATIC);
}

/* A stand-in for the audit triggers' dd_json_object () and
 * dd_json_changed () (data version 11) on a plain connection: the history
 * of these set-up writes does not matter. */
static void
sql_json_stand_in (sqlite3_context  *ctx,
                   int               argc,
                   sqlite3_value  **argv)
{
  sqlite3_result_text (ctx, "{}", -1, SQLITE_STATIC);
}

/* Makes the user running the tests a unit editor of @unit, with another
 * account as the administrator. */
static void
make_unit_editor (Fixture    *f,
                  const char *unit)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  sqlite3_create_function (db, "dd_user", 0, SQLITE_UTF8, NULL, sql_admin, NULL, NULL);
  sqlite3_create_function (db, "dd_role", 0, SQLITE_UTF8, NULL, sql_admin, NULL, NULL);
  sqlite3_create_function (db, "dd_unit", 0, SQLITE_UTF8, NULL, sql_admin, NULL, NULL);
  sqlite3_create_function (db, "dd_json_object", -1, SQLITE_UTF8, NULL, sql_json_stand_in, NULL, NULL);
  sqlite3_create_function (db, "dd_json_changed", -1, SQLITE_UTF8, NULL, sql_json_stand_in, NULL, NULL);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO users (account, role) VALUES ('truong-phong', 'admin')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO users (account, role, unit_id) VALUES "
                                       "(?1, 'unit_editor', (SELECT id FROM units WHERE name = ?2)) "
                                       "ON CONFLICT (account) DO UPDATE SET role = excluded.role, "
                                       "unit_id = excluded.unit_id", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, g_get_user_name (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, unit, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* Tests */

static void
test_add (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *task;
  JsonArray *coordinators;

  {
    g_auto(Result) r = RUN (f, "task", "add", "--plan", "662/KH-VPUB",
                            "--title", "Rà soát quy chế làm việc", "--lead", HCQT,
                            "--coordinators", "Phòng Tổng hợp; Ban Tiếp công dân",
                            "--deadline", "Trước 30/9/2026", "--product", "Quy chế sửa đổi",
                            "--directing", "Chánh Văn phòng", "--person", "Nguyễn Văn An",
                            "--source", "Thông báo kết luận số 125/TB-UBND ngày 02/12/2026 của UBND tỉnh",
                            "--format", "json");

    assert_ok (&r);
    task = parse_object (r.out, &root);
  }
  g_assert_cmpint (json_object_get_int_member (task, "id"), >, 0);
  g_assert_cmpstr (json_object_get_string_member (task, "plan"), ==, "662/KH-VPUB");
  g_assert_cmpstr (json_object_get_string_member (task, "title"), ==, "Rà soát quy chế làm việc");
  g_assert_cmpstr (json_object_get_string_member (task, "lead"), ==, HCQT);
  g_assert_cmpstr (json_object_get_string_member (task, "due"), ==, "2026-09-30");
  g_assert_cmpstr (json_object_get_string_member (task, "deadline_text"), ==, "Trước 30/9/2026");
  g_assert_cmpstr (json_object_get_string_member (task, "product"), ==, "Quy chế sửa đổi");
  g_assert_cmpstr (json_object_get_string_member (task, "directing"), ==, "Chánh Văn phòng");
  coordinators = json_object_get_array_member (task, "coordinators");
  g_assert_cmpuint (json_array_get_length (coordinators), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (coordinators, 1), ==, "Ban Tiếp công dân");
  /* The source document, part by part. */
  {
    JsonObject *source = json_object_get_object_member (task, "source");

    g_assert_nonnull (source);
    g_assert_cmpstr (json_object_get_string_member (source, "kind"), ==, "Thông báo kết luận");
    g_assert_cmpstr (json_object_get_string_member (source, "number"), ==, "125/TB-UBND");
    g_assert_cmpstr (json_object_get_string_member (source, "date"), ==, "2026-12-02");
    g_assert_cmpstr (json_object_get_string_member (source, "issuer"), ==, "UBND tỉnh");
  }

  /* The plain output: the new id, which the list then shows. */
  {
    g_auto(Result) r = RUN (f, "task", "add", "--plan", "adhoc", "--title", "Chuẩn bị họp giao ban",
                            "--lead", HCQT, "--due", "15/01/2027");
    g_autofree char *id = NULL;

    assert_ok (&r);
    id = g_strdup_printf ("%" G_GINT64_FORMAT, added_id (r.out));
    {
      g_auto(Result) list = RUN (f, "tasks", "--search", "họp giao ban");

      assert_ok (&list);
      g_assert_nonnull (strstr (list.out, "Chuẩn bị họp giao ban"));
      g_assert_nonnull (strstr (list.out, "1 task as of"));
    }
  }

  /* The plan by its id. */
  {
    g_auto(Result) r = RUN (f, "task", "add", "--plan", "1", "--title", "Việc của kế hoạch số 1",
                            "--lead", HCQT);

    assert_ok (&r);
  }
}

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  gint64 id = add_task (f, "Xây dựng kế hoạch kiểm tra công vụ", "2026-08-31");
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *task;

  {
    g_auto(Result) r = RUN (f, "task", "edit", id_text, "--product", "Kế hoạch kiểm tra");

    g_autofree char *expected = g_strdup_printf ("Task %s saved.\n", id_text);

    assert_ok (&r);
    g_assert_cmpstr (r.out, ==, expected);
  }
  {
    g_auto(Result) r = RUN (f, "task", "edit", id_text, "--title", "Kiểm tra công vụ năm 2026",
                            "--due", "2026-10-15", "--coordinators", "Phòng Tổng hợp",
                            "--plan", "adhoc", "--format", "json");

    assert_ok (&r);
    task = parse_object (r.out, &root);
  }
  /* Only what was given changed. */
  g_assert_cmpstr (json_object_get_string_member (task, "title"), ==, "Kiểm tra công vụ năm 2026");
  g_assert_cmpstr (json_object_get_string_member (task, "due"), ==, "2026-10-15");
  g_assert_cmpstr (json_object_get_string_member (task, "product"), ==, "Kế hoạch kiểm tra");
  g_assert_cmpstr (json_object_get_string_member (task, "lead"), ==, HCQT);
  g_assert_cmpstr (json_object_get_string_member (task, "plan"), ==, "");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (task, "coordinators")), ==, 1);
  /* A task assigned by no document says so. */
  g_assert_true (json_object_has_member (task, "source"));
  g_assert_true (json_object_get_null_member (task, "source"));
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  gint64 id = add_task (f, "Việc sẽ bị xóa", "2026-08-31");
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  {
    g_auto(Result) r = RUN (f, "task", "delete", id_text);

    assert_ok (&r);
    g_assert_nonnull (strstr (r.out, "recycle bin"));
  }
  {
    g_auto(Result) r = RUN (f, "tasks", "--search", "Việc sẽ bị xóa");

    assert_ok (&r);
    g_assert_nonnull (strstr (r.out, "0 tasks as of"));
  }
  /* Back from the bin, as any deleted task. */
  {
    g_auto(Result) r = RUN (f, "restore-task", id_text);

    assert_ok (&r);
  }
  REFUSED (f, 1, "There is no task with ID 9999", "task", "delete", "9999");
}

static void
test_extend (Fixture       *f,
             gconstpointer  data)
{
  gint64 id = add_task (f, "Trình đề án vị trí việc làm", "2026-06-30");
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *task;

  REFUSED (f, 1, "Decision", "extend", id_text, "--to", "2026-08-31", "--decision", " ");
  REFUSED (f, 1, "New due date", "extend", id_text, "--to", "2026-06-30", "--decision", "Công văn số 1/VPUB");
  REFUSED (f, 1, "--to", "extend", id_text, "--to", "31/02/2026", "--decision", "Công văn số 1/VPUB");
  REFUSED (f, 1, "--signed-on", "extend", id_text, "--to", "31/08/2026", "--decision", "Công văn số 1/VPUB",
           "--signed-on", "2026-13-01");
  REFUSED (f, 2, "--decision", "extend", id_text, "--to", "2026-08-31");
  REFUSED (f, 2, NULL, "extend", "--to", "2026-08-31", "--decision", "Công văn số 1/VPUB");
  REFUSED (f, 1, "There is no task with ID 9999", "extend", "9999", "--to", "2026-08-31",
           "--decision", "Công văn số 1/VPUB");

  {
    g_auto(Result) r = RUN (f, "extend", id_text, "--to", "31/08/2026", "--decision", "Công văn số 45/UBND-TH",
                            "--reason", "Chờ ý kiến Sở Nội vụ", "--signed-by", "Chánh Văn phòng",
                            "--signed-on", "25/06/2026");

    assert_ok (&r);
    g_assert_nonnull (strstr (r.out, "extended to 31/08/2026"));
  }
  {
    g_auto(Result) r = RUN (f, "extend", id_text, "--to", "2026-09-30", "--decision", "Công văn số 60/UBND-TH",
                            "--format", "json");

    assert_ok (&r);
    task = parse_object (r.out, &root);
    g_assert_cmpstr (json_object_get_string_member (task, "due"), ==, "2026-09-30");
  }
  /* The history shows both extensions with their decisions. */
  {
    g_auto(Result) r = RUN (f, "history", "--task", id_text, "--format", "json");

    assert_ok (&r);
    g_assert_nonnull (strstr (r.out, "Công văn số 45/UBND-TH"));
    g_assert_nonnull (strstr (r.out, "Công văn số 60/UBND-TH"));
  }
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  gint64 id = add_task (f, "Tổng hợp báo cáo", "2026-06-30");
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  /* Usage errors (2). */
  REFUSED (f, 2, "--plan, --title and --lead", "task", "add", "--plan", "662/KH-VPUB", "--lead", HCQT);
  REFUSED (f, 2, "add, edit ID or delete ID", "task");
  REFUSED (f, 2, "add, edit ID or delete ID", "task", "frobnicate");
  REFUSED (f, 2, "not both", "task", "add", "--plan", "662/KH-VPUB", "--title", "Việc", "--lead", HCQT,
           "--due", "2026-09-30", "--deadline", "Thường xuyên");
  REFUSED (f, 2, "Say what to change", "task", "edit", id_text);
  REFUSED (f, 2, "--format", "task", "delete", id_text, "--title", "X");

  /* Bad input (1), naming the field, nothing written. */
  REFUSED (f, 1, "title", "task", "add", "--plan", "662/KH-VPUB", "--title", "   ", "--lead", HCQT);
  REFUSED (f, 1, "Coordinating units", "task", "add", "--plan", "662/KH-VPUB", "--title", "Việc mới",
           "--lead", HCQT, "--coordinators", "Phòng Tổng hợp;phòng hành chính - quản trị");
  REFUSED (f, 1, "--due", "task", "add", "--plan", "662/KH-VPUB", "--title", "Việc mới", "--lead", HCQT,
           "--due", "31/02/2026");
  REFUSED (f, 1, "--deadline", "task", "add", "--plan", "662/KH-VPUB", "--title", "Việc mới", "--lead", HCQT,
           "--deadline", "Trước 31/02/2026");
  REFUSED (f, 1, "Deadline", "task", "add", "--plan", "662/KH-VPUB", "--title", "Việc mới", "--lead", HCQT,
           "--due", "2026-04-01");
  REFUSED (f, 1, "--source", "task", "add", "--plan", "662/KH-VPUB", "--title", "Việc mới", "--lead", HCQT,
           "--source", "Thông báo số 12/TB ngày 31/02/2026");
  REFUSED (f, 1, "There is no plan numbered", "task", "add", "--plan", "999/KH", "--title", "Việc mới",
           "--lead", HCQT);
  REFUSED (f, 1, "title", "task", "edit", id_text, "--title", "");
  REFUSED (f, 1, "There is no task with ID 9999", "task", "edit", "9999", "--title", "Việc");
  REFUSED (f, 1, "not a task ID", "task", "edit", "x", "--title", "Việc");
}

static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  gint64 id = add_task (f, "Việc của Phòng Hành chính - Quản trị", "2026-06-30");
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  make_unit_editor (f, HCQT);

  /* Its own unit's task: added and edited. */
  {
    g_auto(Result) r = RUN (f, "task", "add", "--plan", "662/KH-VPUB", "--title", "Việc mới của phòng",
                            "--lead", HCQT);

    assert_ok (&r);
  }
  {
    g_auto(Result) r = RUN (f, "task", "edit", id_text, "--product", "Báo cáo");

    assert_ok (&r);
  }
  /* Another unit's task, an extension, a deletion: an administrator's. */
  REFUSED (f, 1, "unit", "task", "add", "--plan", "662/KH-VPUB", "--title", "Việc của đơn vị khác",
           "--lead", "Trung tâm Phục vụ Hành chính công");
  REFUSED (f, 1, "administrator", "extend", id_text, "--to", "2026-08-31", "--decision", "Công văn số 1/VPUB");
  REFUSED (f, 1, "administrator", "task", "delete", id_text);
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  g_auto(Result) r = run (f, "--help");
  g_auto(Result) task = run (f, "task", "--help");

  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "task add|edit|delete"));
  g_assert_nonnull (strstr (r.out, "extend TASK_ID"));
  assert_ok (&task);
  g_assert_nonnull (strstr (task.out, "--source"));
  g_assert_nonnull (strstr (task.out, "adhoc"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, events_set_up, fn, fixture_tear_down)
  ADD ("/cli/events/add", test_add);
  ADD ("/cli/events/edit", test_edit);
  ADD ("/cli/events/delete", test_delete);
  ADD ("/cli/events/extend", test_extend);
  ADD ("/cli/events/bad-input", test_bad_input);
  ADD ("/cli/events/roles", test_roles);
  ADD ("/cli/events/help", test_help);
#undef ADD

  return g_test_run ();
}
