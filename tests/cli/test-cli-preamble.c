/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-preamble"

#include <locale.h>
#include <string.h>

#include <glib.h>

#include "dd-cli-test.h"

/*
 * The preamble every command of dondoc-cli shares: which fault of an input
 * with several is reported (and with which exit status), that nothing is
 * opened or created before the checks pass, each command's --help, and how
 * each command reaches the database. Runs the built dondoc-cli
 * ($DONDOC_CLI) in a temporary folder that is also HOME and the XDG data
 * folder.
 */

typedef struct
{
  const char *args[8];
  int status;
  const char *message;  /* the first line of stderr, after "dondoc-cli: " */
} Fault;

/* An input with two faults reports the one its command checks first. */
static const Fault faults[] = {
  { { "tasks", "extra", "--format", "xml" }, 2, "“tasks” takes no arguments" },
  { { "tasks", "--format", "xml", "--status", "late" }, 2, "The format must be “text” or “json”" },
  { { "tasks", "--status", "late", "--as-of", "2026-13-01" }, 2,
    "The status must be one of done_on_time, done_late, in_progress, due_soon, overdue, no_deadline" },
  { { "tasks", "--as-of", "2026-13-01" }, 1,
    "--as-of: “2026-13-01” is not a valid date (use YYYY-MM-DD or dd/mm/yyyy)" },
  { { "units", "x", "--format", "yaml" }, 2, "“units” takes no arguments" },
  { { "update", "1", "--format", "xml" }, 2,
    "Say what to record: --progress, --completed-on, --product or --note" },
  { { "update", "abc", "--progress", "10", "--format", "xml" }, 2, "The format must be “text” or “json”" },
  { { "update", "abc", "--progress", "150" }, 1, "“abc” is not a task ID (a positive whole number)" },
  { { "holidays", "1850", "--format", "xml" }, 2, "The year must be a number from 1900 to 2100" },
  { { "holidays", "2026", "--format", "xml", "--kind", "sunday" }, 2, "The format must be “text” or “json”" },
  { { "workdays", "plus", "2026-02-13", "one" }, 2, "The action must be “add” or “between”" },
  { { "workdays", "add", "2026-02-30", "1", "--" }, 1, "“2026-02-30” is not a date (write YYYY-MM-DD or DD/MM/YYYY)" },
  { { "calendar", "--from", "2026-01-01", "--format", "xml" }, 2, "“calendar” needs --from and --to" },
  { { "calendar", "--from", "nope", "--to", "2026-01-01", "--format", "xml" }, 2,
    "The format must be “text” or “json”" },
  { { "chart", "status", "--out", "x.jpg", "--as-of", "nope" }, 1,
    "Cannot tell the format of “x.jpg”: the name must end in .png, .svg or .pdf." },
  { { "export", "--out", "x.pdf", "--as-of", "nope" }, 1, "“x.pdf”: the name of the workbook must end in .xlsx." },
  { { "report", "--out", "x.xlsx" }, 1, "“x.xlsx”: the name of the handout must end in .pdf." },
  { { "history", "--task", "abc", "--since", "nope" }, 1, "“abc” is not a task ID (a positive whole number)" },
  { { "scorecard", "--period", "2026-Q7", "--as-of", "nope" }, 1,
    "--as-of: “nope” is not a valid date (use YYYY-MM-DD or dd/mm/yyyy)" },
  { { "indicator", "bogus", "--format", "xml" }, 2, "The format must be “text” or “json”" },
  { { "indicator", "set", "x", "--unit", "u", "--period", "2026-Q2" }, 2,
    "“indicator set” needs --unit, --period, --num and --den" },
  { { "dossier", "bogus", "--format", "xml" }, 2, "The format must be “text” or “json”" },
  { { "dossier", "show", "--period", "2026-Q9" }, 1, NULL },
  { { "scoring", "bogus", "--format", "xml" }, 2, "The format must be “text” or “json”" },
  { { "scoring", "set", "score.late_factor" }, 2, "“scoring set” needs pairs of KEY VALUE" },
  { { "delete", "abc" }, 1, "“abc” is not a task ID (a positive whole number)" },
};

static void
test_first_fault (Fixture       *f,
                  gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      const Fault *fault = &faults[i];
      const char *args[G_N_ELEMENTS (fault->args) + 3] = { "--db", f->db, NULL };
      g_autofree char *first_line = NULL;
      Result r;

      for (guint a = 0; fault->args[a] != NULL; a++)
        args[a + 2] = fault->args[a];
      r = run_argv (f, args);

      assert_refused (&r, fault->status);
      first_line = g_strndup (r.err, strcspn (r.err, "\n"));
      if (fault->message != NULL)
        g_assert_cmpstr (first_line + strlen ("dondoc-cli: "), ==, fault->message);

      /* A usage error shows the command's help; a refusal is one line. */
      if (fault->status == 2)
        {
          g_autofree char *usage = g_strdup_printf ("%s\n\nUsage:\n  dondoc-cli [OPTION…] ", first_line);

          g_assert_true (g_str_has_prefix (r.err, usage));
        }
      else
        g_assert_cmpstr (r.err + strlen (first_line), ==, "\n");
      g_assert_cmpstr (r.out, ==, "");

      /* Every one of these is found before the database is opened. */
      g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
      result_clear (&r);
    }
}

static const char * const commands[] = {
  "init", "import", "tasks", "units", "plans", "update", "holidays", "workdays", "lunar", "solar",
  "calendar", "chart", "summary", "export", "report", "history", "backup", "restore", "verify",
  "delete", "restore-task", "scorecard", "indicator", "dossier", "check", "scoring",
};

static const char * const json_commands[] = {
  "tasks", "units", "plans", "update", "holidays", "lunar", "calendar", "summary", "history", "scorecard",
  "indicator", "dossier", "check", "scoring",
};

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  Result main_help = run (f, "--help");
  const char *listing;

  assert_ok (&main_help);
  listing = strstr (main_help.out, "Commands:\n");
  g_assert_nonnull (listing);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *line = g_strdup_printf ("\n  %s", commands[i]);
      gboolean has_json = g_strv_contains ((const char * const *) json_commands, commands[i]);
      Result r = run (f, commands[i], "--help");

      /* Each command is in the main help and has its own. */
      g_assert_nonnull (strstr (listing, line));
      assert_ok (&r);
      g_assert_true (g_str_has_prefix (r.out, "Usage:\n  dondoc-cli [OPTION…] "));
      g_assert_cmpstr (r.err, ==, "");
      g_assert_true (has_json == (strstr (r.out, "  --format=FORMAT ") != NULL));
      if (has_json)
        g_assert_nonnull (strstr (r.out, "Output format: text or json\n"));
      result_clear (&r);
    }

  result_clear (&main_help);
}

/* --format keeps its place among the options of --help. */
static void
test_help_format_place (Fixture       *f,
                        gconstpointer  data)
{
  Result tasks = run (f, "tasks", "--help");
  Result units = run (f, "units", "--help");
  Result calendar = run (f, "calendar", "--help");

  assert_ok (&tasks);
  g_assert_true (strstr (tasks.out, "--as-of=") < strstr (tasks.out, "--format="));
  g_assert_true (strstr (tasks.out, "--format=") < strstr (tasks.out, "--plan="));
  assert_ok (&units);
  g_assert_true (strstr (units.out, "--format=") < strstr (units.out, "--plan="));
  assert_ok (&calendar);
  g_assert_true (strstr (calendar.out, "--as-of=") < strstr (calendar.out, "--format="));
  g_assert_nonnull (strstr (calendar.out, "Tasks due in the range"));

  result_clear (&tasks);
  result_clear (&units);
  result_clear (&calendar);
}

static void
test_unknown_option (Fixture       *f,
                     gconstpointer  data)
{
  Result r = run (f, "--db", f->db, "units", "--nope");

  assert_refused (&r, 2);
  g_assert_true (g_str_has_prefix (r.err, "dondoc-cli: Unknown option --nope\n\nUsage:\n"
                                          "  dondoc-cli [OPTION…] units — list the units and their tasks\n"));
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
  result_clear (&r);
}

/* lunar needs no database; verify reads one without creating it; a file
 * named by --db is never created, whatever the command. */
static void
test_store_modes (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *default_db = g_build_filename (f->dir, "data", "dondoc", "dondoc.sqlite", NULL);
  Result lunar = run (f, "--db", f->db, "lunar", "2026-02-17");
  Result verify = run (f, "verify");
  Result units = run (f, "--db", f->db, "units");

  assert_ok (&lunar);
  g_assert_cmpstr (lunar.err, ==, "");
  assert_refused (&verify, 1);
  g_assert_false (g_file_test (default_db, G_FILE_TEST_EXISTS));
  assert_refused (&units, 1);
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));

  result_clear (&lunar);
  result_clear (&verify);
  result_clear (&units);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (cli_path () == NULL)
    {
      g_test_skip ("DONDOC_CLI is not set");
      return g_test_run ();
    }

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cli/preamble/first-fault", test_first_fault);
  ADD ("/cli/preamble/help", test_help);
  ADD ("/cli/preamble/help-format-place", test_help_format_place);
  ADD ("/cli/preamble/unknown-option", test_unknown_option);
  ADD ("/cli/preamble/store-modes", test_store_modes);

  return g_test_run ();
}
