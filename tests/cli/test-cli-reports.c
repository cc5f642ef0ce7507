/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-reports"

#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "dd-cli-test.h"

/*
 * A task's reports and schedule on the command line (path in
 * $DONDOC_CLI): report record, undo, add-ad-hoc, list, and schedule, with
 * their errors (exit 1 for bad input, 2 for bad usage) writing nothing.
 * Task 8 of the seed plan reports each quarter, 6 months and year.
 */

#define RUN(f, ...) run ((f), "--db", (f)->db, __VA_ARGS__)

static void
reports_set_up (Fixture       *f,
                gconstpointer  data)
{
  fixture_set_up (f, data);
  init_seed (f);
}

/* What a bad command could have written: the reports, schedules, settings
 * and the history. */
static char *
snapshot (Fixture *f)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_open_v2 (f->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT (SELECT count (*) FROM audit_log) || ':' || "
                                       "(SELECT count (*) FROM occurrence_reports) || ':' || "
                                       "ifnull ((SELECT group_concat (quote (reported_on) || quote (report_number)) "
                                       "FROM occurrence_reports), '') || ':' || "
                                       "(SELECT count (*) FROM task_schedules) || ':' || "
                                       "(SELECT count (*) FROM settings)", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

/* The period @code of task 8 in `report list --format json`, as of 25/11/2026. */
static JsonObject *
period_of (Fixture     *f,
           const char  *code,
           JsonNode   **out_root)
{
  g_auto(Result) r = RUN (f, "report", "list", "8", "--as-of", "2026-11-25", "--format", "json");
  JsonArray *array;

  assert_ok (&r);
  *out_root = parse_json (r.out);
  array = json_node_get_array (*out_root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (o, "period"), code))
        return o;
    }
  g_error ("No period %s", code);
  return NULL;
}

static void
test_record_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) undone = NULL;
  JsonObject *q3;

  q3 = period_of (f, "2026-Q3", &before);
  g_assert_cmpstr (json_object_get_string_member (q3, "state"), ==, "forgotten");
  g_assert_cmpstr (json_object_get_string_member (q3, "due"), ==, "2026-09-14");

  {
    g_auto(Result) r = RUN (f, "report", "record", "8", "--period", "2026-Q3", "--on", "20/11/2026",
                            "--number", "45/BC-HCQT", "--note", "Gửi muộn");

    assert_ok (&r);
    g_assert_nonnull (strstr (r.out, "Report recorded.\n"));
    g_assert_nonnull (strstr (r.out, "Quarter III/2026 — due 14/09/2026 — Late\n"));
    g_assert_nonnull (strstr (r.out, "45/BC-HCQT"));
  }
  q3 = period_of (f, "2026-Q3", &after);
  g_assert_cmpstr (json_object_get_string_member (q3, "state"), ==, "late");
  g_assert_cmpstr (json_object_get_string_member (q3, "status"), ==, "done_late");
  g_assert_cmpstr (json_object_get_string_member (q3, "reported_on"), ==, "2026-11-20");
  g_assert_cmpstr (json_object_get_string_member (q3, "report_number"), ==, "45/BC-HCQT");
  g_assert_cmpstr (json_object_get_string_member (q3, "report_note"), ==, "Gửi muộn");

  {
    g_auto(Result) r = RUN (f, "report", "undo", "8", "--period", "2026-Q3", "--format", "json");
    g_autoptr(JsonNode) root = NULL;

    assert_ok (&r);
    root = parse_json (r.out);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "period"), ==, "2026-Q3");
  }
  q3 = period_of (f, "2026-Q3", &undone);
  g_assert_cmpstr (json_object_get_string_member (q3, "state"), ==, "forgotten");
  g_assert_true (json_object_get_null_member (q3, "reported_on"));
  g_assert_true (json_object_get_null_member (q3, "report_number"));

  /* The history says both. */
  {
    g_auto(Result) r = RUN (f, "history", "--task", "8", "--format", "json");

    assert_ok (&r);
    g_assert_nonnull (strstr (r.out, "2026-11-20"));
  }
}

typedef struct
{
  const char *args[12];
  int status;
  const char *says;
} BadCase;

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *before = snapshot (f);
  const BadCase cases[] = {
    { { "report", "record", "8", "--period", "2026-Q9" }, 1,
      "dondoc-cli: --period: “2026-Q9” is not a period (write 2026-M05, 2026-Q3, 2026-H1, 2026-9M, 2026 or "
      "adhoc:N)\n" },
    { { "report", "record", "8", "--period", "2026-M05" }, 1,
      "dondoc-cli: Period: “Month 5/2026” is not one of this task’s reporting periods.\n" },
    { { "report", "record", "8", "--period", "2026-Q3", "--on", "31/02/2026" }, 1,
      "dondoc-cli: --on: “31/02/2026” is not a valid date (use YYYY-MM-DD or dd/mm/yyyy)\n" },
    { { "report", "record", "8", "--period", "2026-Q3", "--on", "2099-01-01" }, 1,
      "dondoc-cli: Report date: 01/01/2099 is in the future.\n" },
    { { "report", "record", "8", "--period", "2026-Q1" }, 1,
      "dondoc-cli: Period: “Quarter I/2026” was due before the task’s plan (28/04/2026), which asks no "
      "report for it.\n" },
    { { "report", "record", "8", "--period", "2099-Q1" }, 1, "dondoc-cli: Period: “Quarter I/2099” has not begun yet" },
    { { "report", "record", "999", "--period", "2026-Q3" }, 1, "dondoc-cli: There is no task with id 999.\n" },
    { { "report", "record", "x", "--period", "2026-Q3" }, 1,
      "dondoc-cli: “x” is not a task ID (a positive whole number)\n" },
    { { "report", "record", "8" }, 2, "dondoc-cli: --period is required" },
    { { "report", "record", "8", "9", "--period", "2026-Q3" }, 2,
      "dondoc-cli: “report record” needs exactly one task ID\n" },
    { { "report", "undo", "8", "--period", "2026-Q4" }, 1,
      "dondoc-cli: Period: no report was recorded for that period; there is nothing to take back.\n" },
    { { "report", "undo", "8", "--period", "adhoc:77" }, 1,
      "dondoc-cli: Period: no report was recorded for ad hoc report 77 of this task.\n" },
    { { "report", "add-ad-hoc", "8", "--title", " ", "--due", "2026-12-20" }, 1,
      "dondoc-cli: Title: an ad hoc report needs a title.\n" },
    { { "report", "add-ad-hoc", "8", "--title", "Báo cáo", "--due", "2026-01-05" }, 1,
      "dondoc-cli: Due date: 05/01/2026 is before the date of the task’s plan (28/04/2026).\n" },
    { { "report", "add-ad-hoc", "8", "--title", "Báo cáo" }, 2, "dondoc-cli: --due is required" },
    { { "report", "list", "8", "--from", "2026-12-01", "--to", "2026-01-01" }, 1,
      "dondoc-cli: --from must not be after --to\n" },
    { { "schedule", "8", "--every", "week" }, 1,
      "dondoc-cli: --every: “week” is not a period (month, quarter, half-year, nine-months or year, "
      "separated by commas)\n" },
    { { "schedule", "8", "--due-rule", "workdays-after:400" }, 1,
      "dondoc-cli: --due-rule: “workdays-after:400” is not a rule" },
    { { "schedule", "8", "--update-every", "13" }, 1,
      "dondoc-cli: --update-every: a number of months from 0 to 12, not “13”\n" },
    { { "schedule" }, 2, "dondoc-cli: “schedule” needs one task ID, or --default without one" },
    { { "schedule", "8", "--default" }, 2, "dondoc-cli: “schedule” needs one task ID, or --default without one" },
    { { "schedule", "8", "--reset", "--every", "year" }, 2, "dondoc-cli: --reset goes alone with a task ID" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *after = NULL;
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_auto(Result) r = { 0 };

      g_ptr_array_add (args, (gpointer) "--db");
      g_ptr_array_add (args, f->db);
      for (guint a = 0; cases[i].args[a] != NULL; a++)
        g_ptr_array_add (args, (gpointer) cases[i].args[a]);
      g_ptr_array_add (args, NULL);
      r = run_argv (f, (const char * const *) args->pdata);
      g_test_message ("%s: %d %s", cases[i].args[1], r.status, r.err);
      assert_refused (&r, cases[i].status);
      g_assert_true (g_str_has_prefix (r.err, cases[i].says));
      g_assert_cmpstr (r.out, ==, "");
      after = snapshot (f);
      g_assert_cmpstr (after, ==, before);
    }
}

static void
test_ad_hoc (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Result) added = RUN (f, "report", "add-ad-hoc", "8", "--title", "Báo cáo nhanh về CCHC", "--due",
                              "2026-10-20");
  g_autofree char *period = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;
  guint64 id = 0;

  assert_ok (&added);
  g_assert_true (g_ascii_string_to_unsigned (g_strchomp (added.out), 10, 1, G_MAXINT, &id, NULL));
  period = g_strdup_printf ("adhoc:%" G_GUINT64_FORMAT, id);
  {
    g_auto(Result) r = RUN (f, "report", "record", "8", "--period", period, "--on", "2026-10-19", "--number",
                            "3/BC-VP", "--format", "json");

    assert_ok (&r);
  }
  o = period_of (f, period, &root);
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "ad_hoc");
  g_assert_cmpstr (json_object_get_string_member (o, "label"), ==, "Báo cáo nhanh về CCHC");
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "on_time");
  g_assert_cmpstr (json_object_get_string_member (o, "report_number"), ==, "3/BC-VP");
}

static void
test_schedule (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;

  {
    g_auto(Result) r = RUN (f, "schedule", "8", "--format", "json");

    assert_ok (&r);
    root = parse_json (r.out);
    o = json_node_get_object (root);
    g_assert_cmpstr (json_object_get_string_member (o, "every"), ==, "quarter,half-year,year");
    g_assert_cmpstr (json_object_get_string_member (o, "due_rule"), ==, "cutoff");
    g_assert_true (json_object_get_boolean_member (o, "inherited"));
    g_clear_pointer (&root, json_node_unref);
  }
  {
    g_auto(Result) r = RUN (f, "schedule", "8", "--every", "quarter,nine-months", "--due-rule", "workdays-after:5");

    assert_ok (&r);
    g_assert_cmpstr (r.out, ==, "Periods: quarter,nine-months\nDue rule: workdays-after:5\nUpdate every: 1 month\n");
  }
  /* The 9-month report, five working days after 14/9. */
  {
    g_auto(Result) r = RUN (f, "report", "record", "8", "--period", "2026-9M", "--on", "2026-09-18");

    assert_ok (&r);
    g_assert_nonnull (strstr (r.out, "First 9 months of 2026 — due 21/09/2026 — On time\n"));
  }
  {
    g_auto(Result) r = RUN (f, "report", "record", "8", "--period", "2026-H1", "--on", "2026-09-18");

    assert_refused (&r, 1);
    g_assert_cmpstr (r.err, ==, "dondoc-cli: Period: “6 months of 2026” is not one of this task’s reporting "
                                "periods.\n");
  }
  /* The office-wide default, and back to it. */
  {
    g_auto(Result) r = RUN (f, "schedule", "--default", "--due-rule", "workdays-after:3", "--update-every", "3",
                            "--format", "json");

    assert_ok (&r);
    root = parse_json (r.out);
    o = json_node_get_object (root);
    g_assert_cmpstr (json_object_get_string_member (o, "due_rule"), ==, "workdays-after:3");
    g_assert_cmpint (json_object_get_int_member (o, "update_every_months"), ==, 3);
    g_clear_pointer (&root, json_node_unref);
  }
  {
    g_auto(Result) r = RUN (f, "schedule", "8", "--reset", "--format", "json");

    assert_ok (&r);
    root = parse_json (r.out);
    o = json_node_get_object (root);
    g_assert_true (json_object_get_boolean_member (o, "inherited"));
    g_assert_cmpstr (json_object_get_string_member (o, "due_rule"), ==, "workdays-after:3");
    g_assert_cmpstr (json_object_get_string_member (o, "every"), ==, "quarter,half-year,year");
  }
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  const char *commands[][2] = {
    { "record", "report record TASK_ID" }, { "undo", "report undo TASK_ID" },
    { "add-ad-hoc", "report add-ad-hoc TASK_ID" }, { "list", "report list TASK_ID" },
  };
  g_auto(Result) main_help = run (f, "--help");

  assert_ok (&main_help);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Result) r = run (f, "report", commands[i][0], "--help");

      assert_ok (&r);
      g_assert_nonnull (strstr (main_help.out, commands[i][1]));
      g_assert_nonnull (strstr (r.out, commands[i][1]));
      g_assert_nonnull (strstr (r.out, "--format=FORMAT"));
    }
  g_assert_nonnull (strstr (main_help.out, "\n  schedule TASK_ID"));
  /* "report" alone is still the handout. */
  {
    g_auto(Result) r = run (f, "report", "--help");

    assert_ok (&r);
    g_assert_nonnull (strstr (r.out, "handout"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/reports/record-and-undo", Fixture, NULL, reports_set_up, test_record_and_undo,
              fixture_tear_down);
  g_test_add ("/cli/reports/bad-input", Fixture, NULL, reports_set_up, test_bad_input, fixture_tear_down);
  g_test_add ("/cli/reports/ad-hoc", Fixture, NULL, reports_set_up, test_ad_hoc, fixture_tear_down);
  g_test_add ("/cli/reports/schedule", Fixture, NULL, reports_set_up, test_schedule, fixture_tear_down);
  g_test_add ("/cli/reports/help", Fixture, NULL, fixture_set_up, test_help, fixture_tear_down);

  return g_test_run ();
}
