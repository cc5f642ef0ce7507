/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-scorecard"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "dd-cli-test.h"

/*
 * `dondoc-cli scorecard`, `indicator`, `dossier` and `check`, run as a
 * user would (same harness as test-cli.c), on a CSV plan written here and
 * on the seed plan 662/KH-VPUB.
 */
#define HCQT "Phòng Hành chính - Quản trị"

/* Auxiliary methods */

/* Runs dondoc-cli with the NULL-terminated @args in @f's environment. */

/* Second quarter of 2026 (15/03–14/06), as of 14/06/2026:
 *   1  HCQT                      Trước 31/5/2026  done 30/05   on time
 *   2  Trung tâm Tin học - …     Trước 10/6/2026  —            overdue
 *   3  HCQT (coordinator: TT)    Trước 30/4/2026  done 05/05   late
 *   4  Đội C                     Trước 30/9/2026  —            (after Q2)
 * HCQT: (1 + 0.75) ÷ 2 → 87.5, tốt, rank 1; TT: led 0 of 1 and
 * coordinated (late) 0.3 × 0.75 of 0.3 → 0.225 ÷ 1.3 = 17.31, không
 * hoàn thành, rank 2;
 * Đội C: no score. */
static void
make_db (Fixture *f)
{
  const char *text =
    "TT,Nhiệm vụ,Chủ trì,Phối hợp,Thời gian,Sản phẩm,Trách nhiệm chỉ đạo\n"
    "1,Rà soát thủ tục hành chính," HCQT ",,Trước 31/5/2026,Báo cáo,Chánh Văn phòng\n"
    "2,Số hóa hồ sơ lưu trữ,Trung tâm Tin học - Công báo,,Trước 10/6/2026,Kho dữ liệu,Phó Chánh Văn phòng\n"
    "3,Đối thoại với doanh nghiệp," HCQT ",Trung tâm Tin học - Công báo,Trước 30/4/2026,Biên bản,Chánh Văn phòng\n"
    "4,Kiểm tra công vụ đột xuất,Đội C,,Trước 30/9/2026,,\n";
  Result r;

  init_csv (f, text);
  r = run (f, "--db", f->db, "update", "1", "--completed-on", "2026-05-30");
  assert_ok (&r);
  result_clear (&r);
  r = run (f, "--db", f->db, "update", "3", "--completed-on", "2026-05-05");
  assert_ok (&r);
  result_clear (&r);
}

static JsonObject *
unit_object (JsonArray  *array,
             const char *unit)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, "unit"), unit) == 0)
        return object;
    }
  g_assert_not_reached ();
}

static void
test_scorecard_json (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  JsonObject *hcqt, *tt, *c, *components;
  Result r;

  make_db (f);
  r = run (f, "--db", f->db, "scorecard", "--period", "2026-Q2", "--as-of", "2026-06-14", "--format", "json");
  assert_ok (&r);
  root = parse_json (r.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);

  hcqt = unit_object (array, HCQT);
  g_assert_cmpint (json_object_get_int_member (hcqt, "led"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (hcqt, "coordinated"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (hcqt, "done_on_time"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (hcqt, "done_late"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (hcqt, "in_progress"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (hcqt, "overdue"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (hcqt, "forgotten"), ==, 0);
  g_assert_cmpfloat (json_object_get_double_member (hcqt, "completion_rate"), ==, 1.0);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (hcqt, "score"), 87.5, 0.005);
  g_assert_cmpstr (json_object_get_string_member (hcqt, "level"), ==, "tot");
  g_assert_cmpint (json_object_get_int_member (hcqt, "rank"), ==, 1);
  components = json_object_get_object_member (hcqt, "components");
  g_assert_true (json_object_has_member (components, "tasks"));
  g_assert_true (json_object_has_member (components, "reports"));
  g_assert_true (json_object_has_member (components, "indicators"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (json_object_get_object_member (components, "tasks"),
                                                                 "points"), 87.5, 0.005);

  tt = unit_object (array, "Trung tâm Tin học - Công báo");
  g_assert_cmpint (json_object_get_int_member (tt, "led"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (tt, "coordinated"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (tt, "overdue"), ==, 1);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (tt, "score"), 22.5 / 1.3, 0.005);
  g_assert_cmpstr (json_object_get_string_member (tt, "level"), ==, "khong_hoan_thanh");
  g_assert_cmpint (json_object_get_int_member (tt, "rank"), ==, 2);

  /* Đội C has nothing due in the quarter: no score, no level, no rank. */
  c = unit_object (array, "Đội C");
  g_assert_true (json_object_get_null_member (c, "score"));
  g_assert_true (json_object_get_null_member (c, "level"));
  g_assert_true (json_object_get_null_member (c, "rank"));
  g_assert_true (json_object_get_null_member (c, "completion_rate"));
  result_clear (&r);
}

static void
test_scorecard_text (Fixture       *f,
                     gconstpointer  data)
{
  Result r;

  make_db (f);
  r = run (f, "--db", f->db, "scorecard", "--period", "2026-Q2", "--as-of", "14/06/2026");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "15/03/2026"));
  g_assert_nonnull (strstr (r.out, "14/06/2026"));
  g_assert_nonnull (strstr (r.out, HCQT));
  g_assert_nonnull (strstr (r.out, "87.5"));
  result_clear (&r);

  /* Every period form is read; a bad one is refused. */
  for (guint i = 0; i < 4; i++)
    {
      const char *periods[] = { "2026-H1", "2026", "2026-05", "2026-Q1" };

      r = run (f, "--db", f->db, "scorecard", "--period", periods[i], "--format", "json");
      assert_ok (&r);
      result_clear (&r);
    }
  r = run (f, "--db", f->db, "scorecard", "--period", "2026-Q7");
  assert_refused (&r, 1);
  g_assert_nonnull (strstr (r.err, "2026-Q7"));
  result_clear (&r);
  r = run (f, "--db", f->db, "scorecard", "--format", "xml");
  assert_refused (&r, 2);
  result_clear (&r);
}

static void
test_indicator_set (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  JsonArray *figures;
  Result r;

  init_seed (f);
  r = run (f, "--db", f->db, "indicator", "set", "1", "--unit", HCQT, "--period", "2026-Q2",
           "--num", "412", "--den", "415", "--source", "Báo cáo số 12/BC-HCQT");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "412"));
  result_clear (&r);

  r = run (f, "--db", f->db, "indicator", "list", "--format", "json");
  assert_ok (&r);
  root = parse_json (r.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  figures = json_object_get_array_member (json_array_get_object_element (array, 0), "figures");
  g_assert_cmpuint (json_array_get_length (figures), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (figures, 0), "period_start"),
                   ==, "2026-03-15");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (figures, 0), "source"),
                   ==, "Báo cáo số 12/BC-HCQT");
  /* The second indicator ("… đúng hạn …") is derived from the tasks. */
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (array, 1), "derived"));
  result_clear (&r);

  /* The figure shows in the unit's scorecard. */
  r = run (f, "--db", f->db, "scorecard", "--period", "2026-Q2", "--format", "json");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "\"numerator\" : 412"));
  result_clear (&r);
}

static void
test_indicator_refused (Fixture       *f,
                        gconstpointer  data)
{
  struct {
    const char *id, *unit, *period, *num, *den;
    int status;
    const char *message;
  } cases[] = {
    { "1", HCQT, "2026-Q2", "416", "415", 1, "larger than the denominator" },
    { "1", HCQT, "2026-Q2", "1", "0", 1, "denominator is 0" },
    { "1", HCQT, "2026-Q2", "-1", "10", 1, "--num" },
    { "1", HCQT, "2026-Q2", "abc", "10", 1, "--num" },
    { "1", "Phòng không có", "2026-Q2", "1", "10", 1, "Phòng không có" },
    { "1", HCQT, "2026-Q9", "1", "10", 1, "2026-Q9" },
    { "99", HCQT, "2026-Q2", "1", "10", 1, "99" },
    { "2", HCQT, "2026-Q2", "1", "10", 1, "derived" },
    { "x", HCQT, "2026-Q2", "1", "10", 1, "indicator ID" },
  };
  Result r;

  init_seed (f);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      r = run (f, "--db", f->db, "indicator", "set", cases[i].id, "--unit", cases[i].unit,
               "--period", cases[i].period, "--num", cases[i].num, "--den", cases[i].den);
      assert_refused (&r, cases[i].status);
      if (strstr (r.err, cases[i].message) == NULL)
        g_error ("case %u: “%s” not in “%s”", i, cases[i].message, r.err);
      result_clear (&r);
    }

  /* Both 0 is allowed (nothing to count in the period). */
  r = run (f, "--db", f->db, "indicator", "set", "1", "--unit", HCQT, "--period", "2026-05",
           "--num", "0", "--den", "0");
  assert_ok (&r);
  result_clear (&r);

  /* A missing option is a usage error. */
  r = run (f, "--db", f->db, "indicator", "set", "1", "--unit", HCQT, "--period", "2026-Q2", "--num", "1");
  assert_refused (&r, 2);
  result_clear (&r);
}

/* `indicator import FILE.csv`: all rows, or (one bad row) none. */
static void
test_indicator_import (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *good = g_build_filename (f->dir, "figures.csv", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.csv", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *figures;
  Result r;

  init_seed (f);
  dd_test_write_file (good,
                      "Chỉ tiêu;Đơn vị;Kỳ;Tử số;Mẫu số;Nguồn\n"
                      "1;" HCQT ";2026-Q2;412;415;Báo cáo số 12/BC-HCQT\n"
                      "662/KH-VPUB#3;;2026-05;40;40;\n", -1);
  dd_test_write_file (bad,
                      "1;" HCQT ";2026-Q3;1;1;\n"
                      "3;" HCQT ";2026-Q3;7;5;\n", -1);

  r = run (f, "--db", f->db, "indicator", "import", good);
  assert_ok (&r);
  g_assert_cmpstr (r.out, ==, "Imported 2 figures.\n");
  result_clear (&r);

  r = run (f, "--db", f->db, "indicator", "import", bad, "--format", "json");
  assert_refused (&r, 1);
  g_assert_nonnull (strstr (r.err, "bad.csv: Line 2, column 4 (numerator): the numerator (7) is larger than "
                                   "the denominator (5) — nothing was imported"));
  result_clear (&r);

  r = run (f, "--db", f->db, "indicator", "list", "--format", "json");
  assert_ok (&r);
  root = parse_json (r.out);
  figures = json_object_get_array_member (json_array_get_object_element (json_node_get_array (root), 0),
                                          "figures");
  /* The good file's one figure of indicator 1, not the bad file's. */
  g_assert_cmpuint (json_array_get_length (figures), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (figures, 0), "source"),
                   ==, "Báo cáo số 12/BC-HCQT");
  figures = json_object_get_array_member (json_array_get_object_element (json_node_get_array (root), 2),
                                          "figures");
  g_assert_cmpuint (json_array_get_length (figures), ==, 1);
  result_clear (&r);

  r = run (f, "--db", f->db, "indicator", "import", good, "--format", "json");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "\"imported\" : 2"));
  result_clear (&r);

  r = run (f, "--db", f->db, "indicator", "import", "/nonexistent/x.csv");
  assert_refused (&r, 1);
  result_clear (&r);

  r = run (f, "--db", f->db, "indicator", "--help");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "import FILE.csv"));
  g_assert_nonnull (strstr (r.out, "numerator, denominator, source"));
  result_clear (&r);
}

/* `scoring show | set | reset`, and the scorecard follows. */
static void
test_scoring (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  Result r;

  make_db (f);
  r = run (f, "--db", f->db, "scoring", "show", "--format", "json");
  assert_ok (&r);
  root = parse_json (r.out);
  g_assert_cmpfloat (json_object_get_double_member (json_node_get_object (root), "score.weight.tasks"), ==, 60);
  g_assert_cmpfloat (json_object_get_double_member (json_node_get_object (root), "score.late_factor"), ==, 0.75);
  g_clear_pointer (&root, json_node_unref);
  result_clear (&r);

  r = run (f, "--db", f->db, "scoring");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "score.level.excellent"));
  g_assert_nonnull (strstr (r.out, "Lowest score of “Tasks completed excellently”"));
  result_clear (&r);

  /* Weights that do not add up to 100 are refused; nothing changes. */
  r = run (f, "--db", f->db, "scoring", "set", "score.weight.tasks", "70");
  assert_refused (&r, 1);
  g_assert_nonnull (strstr (r.err, "add up to 100 points; they add up to 110"));
  result_clear (&r);
  r = run (f, "--db", f->db, "scoring", "set", "score.level.good", "95");
  assert_refused (&r, 1);
  g_assert_nonnull (strstr (r.err, "above that of “Tasks completed excellently”"));
  result_clear (&r);
  r = run (f, "--db", f->db, "scoring", "set", "score.bogus", "1");
  assert_refused (&r, 1);
  result_clear (&r);
  r = run (f, "--db", f->db, "scoring", "set", "score.late_factor", "một nửa");
  assert_refused (&r, 1);
  result_clear (&r);
  r = run (f, "--db", f->db, "scoring", "set", "score.late_factor");
  assert_refused (&r, 2);
  result_clear (&r);

  /* A late product worth nothing: HCQT (1 + 0) ÷ 2 → 50, hoàn thành. */
  r = run (f, "--db", f->db, "scoring", "set", "score.late_factor", "0", "score.weight.tasks", "80",
           "score.weight.reports", "0");
  assert_ok (&r);
  result_clear (&r);
  r = run (f, "--db", f->db, "scorecard", "--period", "2026-Q2", "--as-of", "2026-06-14", "--format", "json");
  assert_ok (&r);
  root = parse_json (r.out);
  {
    JsonObject *hcqt = unit_object (json_node_get_array (root), HCQT);

    g_assert_cmpfloat (json_object_get_double_member (hcqt, "score"), ==, 50.0);
    g_assert_cmpstr (json_object_get_string_member (hcqt, "level"), ==, "hoan_thanh");
  }
  g_clear_pointer (&root, json_node_unref);
  result_clear (&r);

  r = run (f, "--db", f->db, "scoring", "reset", "--format", "json");
  assert_ok (&r);
  root = parse_json (r.out);
  g_assert_cmpfloat (json_object_get_double_member (json_node_get_object (root), "score.late_factor"), ==, 0.75);
  g_assert_cmpfloat (json_object_get_double_member (json_node_get_object (root), "score.weight.tasks"), ==, 60);
  result_clear (&r);
}

static void
test_dossier (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  Result r;

  init_seed (f);
  r = run (f, "--db", f->db, "dossier", "set", "--unit", "Trung tâm Phục vụ Hành chính công",
           "--period", "2026-05", "--received", "1200", "--on-time", "1150", "--late", "12",
           "--pending", "38", "--apologies", "9");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "3 late dossiers have no apology letter"));
  result_clear (&r);
  r = run (f, "--db", f->db, "dossier", "show", "--unit", "Trung tâm Phục vụ Hành chính công",
           "--period", "2026-Q2", "--format", "json");
  assert_ok (&r);
  root = parse_json (r.out);
  object = json_node_get_object (root);
  g_assert_true (json_object_get_boolean_member (object, "found"));
  g_assert_cmpint (json_object_get_int_member (object, "late"), ==, 12);
  g_assert_cmpint (json_object_get_int_member (object, "apologies_missing"), ==, 3);
  result_clear (&r);
}

static void
test_check (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  guint flagged = 0;
  Result r;

  init_seed (f);
  r = run (f, "--db", f->db, "check", "--format", "json");
  assert_ok (&r);
  root = parse_json (r.out);
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      JsonArray *missing = json_object_get_array_member (object, "missing");
      const char *number = json_object_get_string_member (object, "number");

      if (g_str_equal (number, "5."))
        {
          g_assert_cmpuint (json_array_get_length (missing), ==, 1);
          g_assert_cmpstr (json_array_get_string_element (missing, 0), ==, "time");
          g_assert_false (json_object_get_boolean_member (object, "clear"));
        }
      else if (g_str_equal (number, "6."))
        {
          g_assert_cmpuint (json_array_get_length (missing), ==, 1);
          g_assert_cmpstr (json_array_get_string_element (missing, 0), ==, "person");
        }
      else
        g_assert_true (json_object_get_boolean_member (object, "clear"));
      if (json_array_get_length (missing) > 0)
        flagged++;
    }
  g_assert_cmpuint (flagged, ==, 2);
  result_clear (&r);

  r = run (f, "--db", f->db, "check");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "clear time"));
  g_assert_nonnull (strstr (r.out, "clear who"));
  result_clear (&r);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  if (cli_path () == NULL)
    {
      g_printerr ("DONDOC_CLI is not set\n");
      return 77;
    }

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/scorecard/json", test_scorecard_json);
  ADD ("/cli/scorecard/text", test_scorecard_text);
  ADD ("/cli/indicator/set", test_indicator_set);
  ADD ("/cli/indicator/refused", test_indicator_refused);
  ADD ("/cli/indicator/import", test_indicator_import);
  ADD ("/cli/scoring", test_scoring);
  ADD ("/cli/dossier", test_dossier);
  ADD ("/cli/check", test_check);
#undef ADD

  return g_test_run ();
}
