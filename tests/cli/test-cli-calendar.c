/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-calendar"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "dd-cli-test.h"

/*
 * The deadline commands of dondoc-cli: holidays, workdays, lunar, solar and
 * calendar. Runs the built dondoc-cli (path in $DONDOC_CLI) as a user or a script
 * would, each case in its own temporary folder that is also HOME and the XDG
 * data folder, so that the default database lands there.
 */

/* Auxiliary methods */

/* Runs dondoc-cli with the NULL-terminated @args in @f's environment. */

/* Runs a command whose output is one line and compares it. */
static void
assert_line (Fixture            *f,
             const char * const *args,
             const char         *expected)
{
  Result r = run_argv (f, args);
  g_autofree char *want = g_strconcat (expected, "\n", NULL);

  assert_ok (&r);
  g_assert_cmpstr (r.out, ==, want);
  result_clear (&r);
}

#define line(f, expected, ...) assert_line ((f), (const char * const []) { __VA_ARGS__, NULL }, (expected))

static void
test_holidays_json (Fixture       *f,
                    gconstpointer  data)
{
  struct { const char *date; const char *kind; } y2026[] = {
    { "2026-01-01", "holiday" },
    /* 9441/TB-BNV: Friday 2/1 off, Saturday 10/1 worked. */
    { "2026-01-02", "compensatory" }, { "2026-01-10", "working_saturday" },
    { "2026-02-16", "holiday" }, { "2026-02-17", "holiday" }, { "2026-02-18", "holiday" },
    { "2026-02-19", "holiday" }, { "2026-02-20", "holiday" },
    { "2026-04-26", "holiday" }, { "2026-04-27", "compensatory" },
    { "2026-04-30", "holiday" }, { "2026-05-01", "holiday" },
    /* Monday 31/8 off, Saturday 22/8 worked. */
    { "2026-08-22", "working_saturday" }, { "2026-08-31", "compensatory" },
    { "2026-09-01", "holiday" }, { "2026-09-02", "holiday" },
  };
  Result r = run (f, "--db", f->db, "init");
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;

  assert_ok (&r);
  result_clear (&r);

  r = run (f, "--db", f->db, "holidays", "2026", "--format", "json");
  assert_ok (&r);
  root = parse_json (r.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (y2026));
  for (guint i = 0; i < G_N_ELEMENTS (y2026); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      g_assert_cmpstr (json_object_get_string_member (o, "date"), ==, y2026[i].date);
      g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, y2026[i].kind);
      g_assert_cmpstr (json_object_get_string_member (o, "name"), !=, "");
      g_assert_cmpstr (json_object_get_string_member (o, "source"), ==, "official");
      g_assert_cmpstr (json_object_get_string_member (o, "document"), ==, "9441/TB-BNV ngày 16/10/2025");
    }
  result_clear (&r);

  /* 2027, not announced: the rule, "default" (dự kiến). Tết from Thursday
   * 4/2 over the weekend, two compensatory days 9/2 and 10/2. */
  r = run (f, "--db", f->db, "holidays", "2027", "--format", "json");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "\"2027-02-04\""));
  g_assert_nonnull (strstr (r.out, "\"2027-02-10\""));
  g_assert_null (strstr (r.out, "\"2027-02-11\""));
  g_assert_nonnull (strstr (r.out, "\"2027-05-03\""));
  g_assert_nonnull (strstr (r.out, "\"compensatory\""));
  g_assert_nonnull (strstr (r.out, "\"source\" : \"default\""));
  g_assert_null (strstr (r.out, "\"official\""));
  result_clear (&r);

  /* 2020 (Labor Code 2012): Quốc khánh one day. */
  r = run (f, "--db", f->db, "holidays", "2020", "--format", "json");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "\"2020-09-02\""));
  g_assert_null (strstr (r.out, "\"2020-09-01\""));
  g_assert_nonnull (strstr (r.out, "4544/TB-LĐTBXH"));
  result_clear (&r);

  /* Listing wrote nothing: a later correction of the rule reaches 2027. */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (f->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM holiday_years", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
}

static void
test_holidays_import (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->dir, "tb-2027.csv", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.csv", NULL);
  Result r = run (f, "--db", f->db, "init");

  assert_ok (&r);
  result_clear (&r);

  /* A notice for 2027: Tết 4/2 to 10/2 as the rule, 30/4 to 3/5, and
   * Friday 3/9 swapped for Saturday 11/9. */
  g_assert_true (g_file_set_contents (csv,
                                      "what,value,comment\n"
                                      "document,123/TB-BNV ngày 01/10/2026\n"
                                      "off,2027-01-01\n"
                                      "off,2027-02-04\noff,2027-02-05\noff,2027-02-08\n"
                                      "off,2027-02-09\noff,2027-02-10\n"
                                      "off,16/04/2027,Giỗ Tổ\n"
                                      "off,2027-04-30\noff,2027-05-03\n"
                                      "off,2027-09-02\noff,2027-09-03,hoán đổi\n"
                                      "work,2027-09-11\n", -1, NULL));
  r = run (f, "--db", f->db, "holidays", "2027", "--import", csv, "--format", "json");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "\"source\" : \"official\""));
  g_assert_nonnull (strstr (r.out, "123/TB-BNV ngày 01/10/2026"));
  g_assert_nonnull (strstr (r.out, "\"working_saturday\""));
  result_clear (&r);
  line (f, "2027-09-06", "--db", f->db, "workdays", "add", "2027-09-01", "1");
  line (f, "2027-09-11", "--db", f->db, "workdays", "add", "2027-09-10", "1");

  /* A weekday as a working Saturday: said with its date, nothing written. */
  g_assert_true (g_file_set_contents (bad, "document,1/TB\noff,2027-01-01\nwork,2027-01-04\n", -1, NULL));
  r = run (f, "--db", f->db, "holidays", "2027", "--import", bad);
  assert_refused (&r, 1);
  g_assert_nonnull (strstr (r.err, "04/01/2027"));
  result_clear (&r);
  /* A line that is not a day: its number. */
  g_assert_true (g_file_set_contents (bad, "document,1/TB\noff,2027-13-01\n", -1, NULL));
  r = run (f, "--db", f->db, "holidays", "2027", "--import", bad);
  assert_refused (&r, 1);
  g_assert_nonnull (strstr (r.err, "2:"));
  result_clear (&r);
  line (f, "2027-09-11", "--db", f->db, "workdays", "add", "2027-09-10", "1");
}

/* A change of days off says which due dates counted in working days it
 * moved: a quarterly report due 5 working days after 14/3/2027 (a Sunday)
 * moves from Friday 19/3 to Monday 22/3 when Tuesday 16/3 is off, and back. */
static void
test_holidays_moves (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  Result r;

  /* The default database: the seed plan 662/KH-VPUB, task 8 reports quarterly. */
  r = run (f, "schedule", "--default", "--every", "quarter", "--due-rule", "workdays-after:5");
  assert_ok (&r);
  result_clear (&r);

  r = run (f, "holidays", "2027", "--add", "2027-03-16", "--name", "Nghỉ thử");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "2027-03-19 → 2027-03-22"));
  g_assert_nonnull (strstr (r.out, "1 due date counted in working days moved"));
  g_assert_nonnull (strstr (r.out, "Quarter I/2027"));
  result_clear (&r);

  /* JSON stays the list of days; the moves go to standard error. */
  r = run (f, "holidays", "2027", "--remove", "2027-03-16", "--format", "json");
  assert_ok (&r);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  g_assert_nonnull (strstr (r.err, "2027-03-22 → 2027-03-19"));
  result_clear (&r);

  /* A day that moves nothing says so. */
  r = run (f, "holidays", "2027", "--add", "2027-07-15", "--name", "Nghỉ xa");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "No due date counted in working days moved."));
  result_clear (&r);

  /* Reading says nothing of moves. */
  r = run (f, "holidays", "2027");
  assert_ok (&r);
  g_assert_null (strstr (r.out, "moved"));
  result_clear (&r);
}

static void
test_holidays_edit (Fixture       *f,
                    gconstpointer  data)
{
  Result r = run (f, "--db", f->db, "init");

  assert_ok (&r);
  result_clear (&r);

  /* The Government's Tết 2026: Friday 13/2 off, Saturday 28/2 worked. */
  r = run (f, "--db", f->db, "holidays", "2026", "--add", "2026-02-13", "--kind", "compensatory",
           "--name", "Nghỉ hoán đổi Tết");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "13/02/2026"));
  result_clear (&r);
  r = run (f, "--db", f->db, "holidays", "2026", "--add", "28/2/2026", "--kind", "working_saturday",
           "--name", "Làm bù");
  assert_ok (&r);
  result_clear (&r);

  line (f, "2026-02-28", "--db", f->db, "workdays", "add", "2026-02-27", "1");
  line (f, "2026-02-23", "--db", f->db, "workdays", "add", "2026-02-12", "1");

  r = run (f, "--db", f->db, "holidays", "2026", "--add", "2026-03-03", "--kind", "working_saturday",
           "--name", "x");
  assert_refused (&r, 1);
  result_clear (&r);
  r = run (f, "--db", f->db, "holidays", "2026", "--remove", "2026-03-03");
  assert_refused (&r, 1);
  result_clear (&r);
  r = run (f, "--db", f->db, "holidays", "2026", "--kind", "sunday");
  assert_refused (&r, 2);
  result_clear (&r);
  r = run (f, "--db", f->db, "holidays", "1850");
  assert_refused (&r, 2);
  result_clear (&r);
}

static void
test_workdays (Fixture       *f,
               gconstpointer  data)
{
  Result r = run (f, "--db", f->db, "init");

  assert_ok (&r);
  result_clear (&r);

  /* Across Tết 2026 and the compensatory Monday 27/4/2026. */
  line (f, "2026-02-23", "--db", f->db, "workdays", "add", "2026-02-13", "1");
  line (f, "2026-05-04", "--db", f->db, "workdays", "add", "2026-04-24", "3");
  line (f, "2027-02-11", "--db", f->db, "workdays", "add", "2027-02-03", "1");
  line (f, "2026-02-13", "--db", f->db, "workdays", "add", "2026-02-23", "--", "-1");
  /* A negative N without "--"; add and between agree on a weekend day. */
  line (f, "2026-02-12", "--db", f->db, "workdays", "add", "2026-02-14", "-1");
  line (f, "-1", "--db", f->db, "workdays", "between", "2026-02-14", "2026-02-12");
  line (f, "0", "--db", f->db, "workdays", "between", "2026-02-14", "2026-02-13");
  /* Saturday 10/1/2026 is worked (9441/TB-BNV). */
  line (f, "2026-01-10", "--db", f->db, "workdays", "add", "2026-01-12", "-1");
  line (f, "1", "--db", f->db, "workdays", "between", "2026-02-13", "2026-02-23");
  line (f, "250", "--db", f->db, "workdays", "between", "2026-01-01", "2026-12-31");

  r = run (f, "--db", f->db, "workdays", "add", "2026-02-30", "1");
  assert_refused (&r, 1);
  result_clear (&r);
  r = run (f, "--db", f->db, "workdays", "plus", "2026-02-13", "1");
  assert_refused (&r, 2);
  result_clear (&r);
  r = run (f, "--db", f->db, "workdays", "add", "2026-02-13", "one");
  assert_refused (&r, 2);
  result_clear (&r);
  r = run (f, "--db", f->db, "workdays", "add", "2026-02-13", "--bogus", "1");
  assert_refused (&r, 2);
  result_clear (&r);
  /* The lower bound as the upper. */
  r = run (f, "--db", f->db, "workdays", "add", "2026-01-01", "-100000");
  assert_refused (&r, 1);
  g_assert_cmpstr (r.out, ==, "");
  result_clear (&r);
  r = run (f, "--db", f->db, "workdays", "add", "2026-01-01", "100000");
  assert_refused (&r, 1);
  result_clear (&r);
}

static void
test_lunar_solar (Fixture       *f,
                  gconstpointer  data)
{
  Result r;

  line (f, "01/01/2026", "lunar", "2026-02-17");
  line (f, "29/12/2025", "lunar", "2026-02-16");
  line (f, "10/03/2026", "lunar", "26/4/2026");
  line (f, "01/01/1985", "lunar", "1985-01-21");
  line (f, "01/06/2025 (nhuận)", "lunar", "2025-07-25");
  line (f, "2026-04-26", "solar", "10/3/2026");
  line (f, "2025-07-25", "solar", "1/6/2025", "--leap");
  line (f, "2025-06-25", "solar", "01/06/2025");
  line (f, "2007-02-17", "solar", "1/1/2007");

  r = run (f, "solar", "1/3/2026", "--leap");
  assert_refused (&r, 1);
  result_clear (&r);
  r = run (f, "solar", "30/13/2026");
  assert_refused (&r, 1);
  result_clear (&r);
  /* JSON: the date's fields, and a new moon within a minute of midnight. */
  {
    g_autoptr(JsonNode) root = NULL;
    JsonObject *o;

    /* The new moon is 5.8 s after midnight on 8/7/1967 (Swiss Ephemeris):
     * the month starts that day, 7/7 is the 30th of the month before. */
    line (f, "30/05/1967", "lunar", "1967-07-07");
    r = run (f, "lunar", "1967-07-08", "--format", "json");
    assert_ok (&r);
    root = parse_json (r.out);
    o = json_node_get_object (root);
    g_assert_cmpint (json_object_get_int_member (o, "day"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (o, "month"), ==, 6);
    g_assert_cmpint (json_object_get_int_member (o, "year"), ==, 1967);
    g_assert_false (json_object_get_boolean_member (o, "leap"));
    g_assert_cmpstr (json_object_get_string_member (o, "text"), ==, "01/06/1967");
    g_assert_true (json_object_get_boolean_member (o, "near_boundary"));
    g_assert_cmpstr (json_object_get_string_member (o, "boundary_event"), ==, "new_moon");
    g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "boundary_instant"),
                                     "1967-07-08T00:00:0"));
    g_assert_true (g_str_has_suffix (json_object_get_string_member (o, "boundary_instant"),
                                     "+07:00"));
    result_clear (&r);
    g_clear_pointer (&root, json_node_unref);

    r = run (f, "lunar", "2026-02-17", "--format", "json");
    assert_ok (&r);
    root = parse_json (r.out);
    o = json_node_get_object (root);
    g_assert_cmpstr (json_object_get_string_member (o, "text"), ==, "01/01/2026");
    g_assert_false (json_object_get_boolean_member (o, "near_boundary"));
    g_assert_false (json_object_has_member (o, "boundary_instant"));
    result_clear (&r);
  }

  r = run (f, "lunar", "1800-01-01");
  assert_refused (&r, 1);
  result_clear (&r);
  r = run (f, "lunar");
  assert_refused (&r, 2);
  result_clear (&r);
}

static void
test_calendar (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  Result r;
  guint n_task8 = 0, n_forgotten = 0;
  gint64 task8 = 0;

  /* The default database: the seed plan 662/KH-VPUB. */
  r = run (f, "tasks", "--format", "json");
  assert_ok (&r);
  root = parse_json (r.out);
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (o, "number"), "8.") == 0)
        task8 = json_object_get_int_member (o, "id");
    }
  g_assert_cmpint (task8, >, 0);
  result_clear (&r);
  g_clear_pointer (&root, json_node_unref);

  r = run (f, "calendar", "--from", "2026-01-01", "--to", "2026-12-31", "--as-of", "2026-07-01",
           "--format", "json");
  assert_ok (&r);
  root = parse_json (r.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), >, 0);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      g_assert_true (json_object_has_member (o, "date"));
      g_assert_true (json_object_has_member (o, "title"));
      g_assert_true (json_object_has_member (o, "lead"));
      if (json_object_get_int_member (o, "task_id") == task8)
        n_task8++;
      if (g_strcmp0 (json_object_get_string_member (o, "status"), "forgotten") == 0)
        n_forgotten++;
    }
  /* Task 8 in 2026: quarters II–IV, the 6 months and the year. */
  g_assert_cmpuint (n_task8, ==, 5);
  /* The "Thường xuyên" tasks have no update in May and June. */
  g_assert_cmpuint (n_forgotten, >=, 4);
  g_assert_nonnull (strstr (r.out, "\"2026-06-15\""));
  result_clear (&r);

  r = run (f, "calendar", "--from", "2026-06-01", "--to", "2026-06-30", "--as-of", "2026-07-01");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "15/06/2026"));
  g_assert_nonnull (strstr (r.out, "Forgotten"));
  result_clear (&r);

  r = run (f, "calendar", "--from", "2026-06-30", "--to", "2026-06-01");
  assert_refused (&r, 1);
  result_clear (&r);
  r = run (f, "calendar", "--from", "2026-06-30");
  assert_refused (&r, 2);
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

  ADD ("/cli/holidays/json", test_holidays_json);
  ADD ("/cli/holidays/edit", test_holidays_edit);
  ADD ("/cli/holidays/import", test_holidays_import);
  ADD ("/cli/holidays/moves", test_holidays_moves);
  ADD ("/cli/workdays", test_workdays);
  ADD ("/cli/lunar-solar", test_lunar_solar);
  ADD ("/cli/calendar", test_calendar);

#undef ADD

  return g_test_run ();
}
