/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "dd-cli.h"

/* Main */

/* A new command: one line here, its function in a file of its own. */
static const Command commands[] = {
  { "init", dd_cli_command_init, N_("init"),
    N_("Create a new, empty database (with --db FILE)") },
  { "import", dd_cli_command_import, N_("import FILE"),
    N_("Import a plan's appendix table (plan text or CSV)") },
  { "tasks", dd_cli_command_tasks, N_("tasks"),
    N_("List the tasks and their status") },
  { "units", dd_cli_command_units, N_("units"),
    N_("List the units and how many tasks they lead and coordinate") },
  { "plans", dd_cli_command_plans, N_("plans"),
    N_("List the plans") },
  { "update", dd_cli_command_update, N_("update TASK_ID"),
    N_("Record the progress of a task") },
  { "holidays", dd_cli_command_holidays, N_("holidays YEAR"),
    N_("List (or edit) the days off of a year") },
  { "workdays", dd_cli_command_workdays, N_("workdays add DATE N | between DATE1 DATE2"),
    N_("Working-day arithmetic") },
  { "lunar", dd_cli_command_lunar, N_("lunar DATE"),
    N_("The lunar date of a solar date") },
  { "solar", dd_cli_command_solar, N_("solar LUNAR_DATE"),
    N_("The solar date of a lunar date (--leap for a leap month)") },
  { "calendar", dd_cli_command_calendar, N_("calendar"),
    N_("Everything due between --from and --to") },
  { "chart", dd_cli_command_chart, N_("chart KIND"),
    N_("Draw a chart (status, units, progress, indicators) into --out FILE") },
  { "summary", dd_cli_command_summary, N_("summary"),
    N_("Print the headline figures: tasks per status, completion rate") },
  { "export", dd_cli_command_export, N_("export --out FILE.xlsx"),
    N_("Write the meeting workbook (--plan, --period, --as-of)") },
  { "report", dd_cli_command_report, N_("report --out FILE.pdf"),
    N_("Write the printable meeting handout (--plan, --period, --as-of)") },
  { "history", dd_cli_command_history, N_("history"),
    N_("Who changed what and when (--task ID, --since DATE)") },
  { "backup", dd_cli_command_backup, N_("backup"),
    N_("Copy the database into its backup folder (--to DIR)") },
  { "restore", dd_cli_command_restore, N_("restore BACKUP_FILE"),
    N_("Replace the database by a backup (the current file is kept as a backup)") },
  { "verify", dd_cli_command_verify, N_("verify"),
    N_("Check the database's integrity and data version") },
  { "delete", dd_cli_command_delete, N_("delete TASK_ID"),
    N_("Move a task to the recycle bin") },
  { "restore-task", dd_cli_command_restore_task, N_("restore-task TASK_ID"),
    N_("Bring a task back from the recycle bin") },
  { "scorecard", dd_cli_command_scorecard, N_("scorecard"),
    N_("Score each unit for a period (--period, --as-of)") },
  { "indicator", dd_cli_command_indicator, N_("indicator set INDICATOR_ID | list | import FILE.csv"),
    N_("Record, list or import (CSV) the figures of the plan's indicators") },
  { "dossier", dd_cli_command_dossier, N_("dossier set | show"),
    N_("Record or show the dossier figures of a period") },
  { "check", dd_cli_command_check, N_("check"),
    N_("Check every task against the “6 rõ” rule") },
  { "scoring", dd_cli_command_scoring, N_("scoring show | set KEY VALUE | reset"),
    N_("Show or change the rules of the unit scores (weights, thresholds)") },
};

/* The commands for --help, aligned in characters (not bytes: the
 * Vietnamese synopses have multi-byte letters). */
static char *
commands_description (void)
{
  GString *text = g_string_new (_("Commands:"));
  glong width = 0;

  g_string_append_c (text, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, g_utf8_strlen (_(commands[i].synopsis), -1));
  width = MIN (width, 22);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *synopsis = _(commands[i].synopsis);
      glong len = g_utf8_strlen (synopsis, -1);

      g_string_append_printf (text, "  %s", synopsis);
      if (len > width)
        g_string_append_printf (text, "\n  %*s", (int) width, "");
      else
        g_string_append_printf (text, "%*s", (int) (width - len), "");
      g_string_append_printf (text, "  %s\n", _(commands[i].description));
    }
  g_string_append_c (text, '\n');
  g_string_append (text, _("Global options come before the command; “dondoc-cli COMMAND --help” "
                           "shows the options of a command."));
  g_string_append (text, "\n\n");
  g_string_append (text, _("Exit status: 0 success, 1 bad input or refused, 2 usage error."));
  return g_string_free (text, FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *description = NULL;
  Globals globals = { NULL, };
  const char *localedir;
  const char *name;
  int status;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("Use the database FILE (default: the database in your data folder)"), N_("FILE") },
    { "sample-data", 0, 0, G_OPTION_ARG_NONE, &globals.sample_data,
      N_("Use the labelled sample database, creating it if needed"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &globals.version,
      N_("Show the version and exit"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  dd_init_i18n ();
  localedir = g_getenv ("DONDOC_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("dondoc-cli");
  g_set_print_handler (dd_cli_print_utf8_stdout);
  g_set_printerr_handler (dd_cli_print_utf8_stderr);

  context = g_option_context_new (_("COMMAND [OPTION…] — follow up the tasks of a plan"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  description = commands_description ();
  g_option_context_set_description (context, description);
  /* Options after the command belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);
  globals.main_help = g_option_context_get_help (context, TRUE, NULL);

  args = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      status = dd_cli_usage_error_main (&globals, error->message);
      goto out;
    }
  globals.db_path = db_path;

  if (globals.version)
    {
      g_print ("dondoc-cli %s\n", PACKAGE_VERSION);
      status = EXIT_OK;
      goto out;
    }

  if (g_strv_length (args) < 2)
    {
      status = dd_cli_usage_error_main (&globals, _("No command given"));
      goto out;
    }

  name = args[1];
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (name, commands[i].name))
        {
          /* The command sees its own name as argv[0]. */
          g_auto(GStrv) command_argv = g_strdupv (args + 1);

          status = commands[i].func (&globals, &command_argv);
          goto out;
        }
    }

  {
    g_autofree char *message = g_strdup_printf (_("Unknown command “%s”"), name);

    status = dd_cli_usage_error_main (&globals, message);
  }

out:
  g_free (globals.main_help);
  fflush (stdout);

  return status;
}
