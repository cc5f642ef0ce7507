/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-chart"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "dd-cli-test.h"

/*
 * `dondoc-cli chart` and `dondoc-cli summary`, run as a script would, on a
 * plan imported from a CSV file written here (same harness as test-cli.c).
 */

#define HCQT "Phòng Hành chính - Quản trị"

/* Auxiliary methods */

/* Runs dondoc-cli with the NULL-terminated @args in @f's environment. */

/* A database with three tasks of known status as of 15/06/2026:
 * done on time, overdue, in progress. */
static void
make_db (Fixture *f)
{
  const char *text =
    "TT,Nhiệm vụ,Chủ trì,Phối hợp,Thời gian,Sản phẩm,Trách nhiệm chỉ đạo\n"
    "1,Rà soát thủ tục hành chính," HCQT ",,Trước 31/5/2026,Báo cáo,Chánh Văn phòng\n"
    "2,Số hóa hồ sơ,Trung tâm Tin học - Công báo,,Trước 10/6/2026,Kho dữ liệu,Phó Chánh Văn phòng\n"
    "3,Đối thoại doanh nghiệp," HCQT ",,Trước 30/9/2026,Biên bản,Chánh Văn phòng\n";
  Result r;

  init_csv (f, text);
  r = run (f, "--db", f->db, "update", "1", "--completed-on", "2026-05-30");
  assert_ok (&r);
  result_clear (&r);
}

static void
test_summary_json (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;
  Result r;

  make_db (f);
  r = run (f, "--db", f->db, "summary", "--as-of", "2026-06-15", "--format", "json");
  assert_ok (&r);
  root = parse_json (r.out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  o = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (o, "tasks"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (o, "done_on_time"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "done_late"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (o, "in_progress"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "due_soon"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (o, "overdue"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "no_deadline"), ==, 0);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "completion_rate"), 0.5, 1e-12);
  result_clear (&r);

  /* Before anything was done or overdue: no rate, null. */
  r = run (f, "--db", f->db, "summary", "--as-of", "2026-05-01", "--format", "json");
  assert_ok (&r);
  g_clear_pointer (&root, json_node_unref);
  root = parse_json (r.out);
  o = json_node_get_object (root);
  g_assert_true (json_object_has_member (o, "completion_rate"));
  g_assert_true (json_object_get_null_member (o, "completion_rate"));
  g_assert_cmpint (json_object_get_int_member (o, "in_progress"), ==, 3);
  result_clear (&r);
}

static void
test_summary_text (Fixture       *f,
                   gconstpointer  data)
{
  Result r;

  make_db (f);
  r = run (f, "--db", f->db, "summary", "--as-of", "15/06/2026");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "Tasks: 3 (as of 15/06/2026)"));
  g_assert_nonnull (strstr (r.out, "Overdue: 1"));
  g_assert_nonnull (strstr (r.out, "Completion rate: 50.0%"));
  result_clear (&r);

  r = run (f, "--db", f->db, "summary", "--format", "xml");
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
}

static void
test_chart_files (Fixture       *f,
                  gconstpointer  data)
{
  const char *kinds[] = { "status", "units", "progress", "indicators" };
  const char *exts[] = { "png", "svg", "pdf" };

  make_db (f);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint e = 0; e < G_N_ELEMENTS (exts); e++)
      {
        g_autofree char *name = g_strdup_printf ("%s.%s", kinds[k], exts[e]);
        g_autofree char *out = g_build_filename (f->dir, name, NULL);
        g_autofree char *contents = NULL;
        gsize len = 0;
        Result r = run (f, "--db", f->db, "chart", kinds[k], "--out", out,
                        "--width", "640", "--height", "400", "--as-of", "2026-06-15");

        assert_ok (&r);
        g_assert_true (g_file_get_contents (out, &contents, &len, NULL));
        g_assert_cmpuint (len, >, 100);
        if (e == 0)
          g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
        else if (e == 1)
          g_assert_nonnull (strstr (contents, "<svg"));
        else
          g_assert_cmpmem (contents, 5, "%PDF-", 5);
        result_clear (&r);
      }
}

static void
test_chart_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *jpg = g_build_filename (f->dir, "chart.jpg", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "chart.png", NULL);
  Result r;

  make_db (f);

  /* An unknown extension: exit 1, a clear message, no file. */
  r = run (f, "--db", f->db, "chart", "status", "--out", jpg);
  assert_refused (&r, 1);
  g_assert_nonnull (strstr (r.err, ".png, .svg or .pdf"));
  g_assert_false (g_file_test (jpg, G_FILE_TEST_EXISTS));
  result_clear (&r);

  /* A folder that does not exist. */
  r = run (f, "--db", f->db, "chart", "units", "--out", missing);
  assert_refused (&r, 1);
  g_assert_nonnull (strstr (r.err, "Cannot write"));
  result_clear (&r);

  /* Usage errors: unknown kind, no --out, bad size. */
  r = run (f, "--db", f->db, "chart", "pie", "--out", "x.png");
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  r = run (f, "--db", f->db, "chart", "status");
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  r = run (f, "--db", f->db, "chart", "status", "--out", "x.png", "--width", "0");
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);

  /* A bad date. */
  r = run (f, "--db", f->db, "chart", "status", "--out", "x.png", "--as-of", "31/02/2026");
  assert_refused (&r, 1);
  result_clear (&r);
}

static void
test_chart_vietnamese (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "trạng thái.svg", NULL);
  Result r;

  make_db (f);
  f->envp = g_environ_setenv (f->envp, "LANGUAGE", "vi", TRUE);
  r = run (f, "--db", f->db, "chart", "status", "--out", out, "--as-of", "2026-06-15");
  assert_ok (&r);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  result_clear (&r);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (cli_path () == NULL)
    {
      g_printerr ("DONDOC_CLI is not set\n");
      return 77;
    }

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/summary/json", test_summary_json);
  ADD ("/cli/summary/text", test_summary_text);
  ADD ("/cli/chart/files", test_chart_files);
  ADD ("/cli/chart/errors", test_chart_errors);
  ADD ("/cli/chart/vietnamese", test_chart_vietnamese);
#undef ADD

  return g_test_run ();
}
