/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-cli"

#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "dd-cli.h"

/* Main */

/* The commands in the order of --help. A new command: one line here, its
 * DdCliCommand in a file of its own. */
static const DdCliCommand * const commands[] = {
  &dd_cli_command_init,
  &dd_cli_command_import,
  &dd_cli_command_tasks,
  &dd_cli_command_units,
  &dd_cli_command_plans,
  &dd_cli_command_update,
  &dd_cli_command_task,
  &dd_cli_command_extend,
  &dd_cli_command_holidays,
  &dd_cli_command_workdays,
  &dd_cli_command_lunar,
  &dd_cli_command_solar,
  &dd_cli_command_calendar,
  &dd_cli_command_chart,
  &dd_cli_command_summary,
  &dd_cli_command_export,
  &dd_cli_command_form,
  &dd_cli_command_letters,
  &dd_cli_command_mail,
  &dd_cli_command_mail_settings,
  &dd_cli_command_unit_email,
  &dd_cli_command_report,
  &dd_cli_command_settings,
  &dd_cli_command_history,
  &dd_cli_command_backup,
  &dd_cli_command_restore,
  &dd_cli_command_verify,
  &dd_cli_command_delete,
  &dd_cli_command_restore_task,
  &dd_cli_command_scorecard,
  &dd_cli_command_indicator,
  &dd_cli_command_dossier,
  &dd_cli_command_check,
  &dd_cli_command_scoring,
  &dd_cli_command_schedule,
  &dd_cli_command_migrate,
};

/* The sub-commands of "report" (a task's reports, dd-cli-reports.c):
 * "report" followed by one of their names runs it; "report" alone (or
 * followed by anything else) is the meeting handout, as before. */
static const DdCliCommand * const report_commands[] = {
  &dd_cli_command_report_record,
  &dd_cli_command_report_undo,
  &dd_cli_command_report_add_ad_hoc,
  &dd_cli_command_report_list,
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
    width = MAX (width, g_utf8_strlen (_(commands[i]->synopsis), -1));
  width = MIN (width, 22);

  for (guint i = 0; i < G_N_ELEMENTS (commands) + G_N_ELEMENTS (report_commands); i++)
    {
      const DdCliCommand *command = i < G_N_ELEMENTS (commands) ? commands[i]
                                    : report_commands[i - G_N_ELEMENTS (commands)];
      const char *synopsis = _(command->synopsis);
      glong len = g_utf8_strlen (synopsis, -1);

      g_string_append_printf (text, "  %s", synopsis);
      if (len > width)
        g_string_append_printf (text, "\n  %*s", (int) width, "");
      else
        g_string_append_printf (text, "%*s", (int) (width - len), "");
      g_string_append_printf (text, "  %s\n", _(command->description));
    }
  g_string_append_c (text, '\n');
  g_string_append (text, _("Global options come before the command; “dondoc-cli COMMAND --help” "
                           "shows the options of a command."));
  g_string_append (text, "\n\n");
  g_string_append (text, _("Exit status: 0 success, 1 bad input or refused, 2 usage error."));
  return g_string_free (text, FALSE);
}

/* A scheduled job runs with no LANG: the "C" locale's ASCII would make
 * GOption refuse every argument with a letter of Vietnamese ("Invalid byte
 * sequence in conversion input") and print "?" for them. Arguments and
 * terminals are UTF-8 on every system the app supports, so the characters'
 * locale becomes C.UTF-8 then (Debian always has it); the messages' language
 * stays what the environment says. */
static void
use_utf8_characters (void)
{
  const char *codeset;

  if (g_get_charset (NULL))
    return;
  codeset = nl_langinfo (CODESET);
  if (g_ascii_strcasecmp (codeset, "ANSI_X3.4-1968") == 0 || g_ascii_strcasecmp (codeset, "ASCII") == 0)
    setlocale (LC_CTYPE, "C.UTF-8");
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
  use_utf8_characters ();
  /* The installed catalogue, or the build tree's when run from it. */
  dd_init_i18n ();
  localedir = dd_get_locale_dir ();
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
  if (dd_pg_location_is_uri (globals.db_path))
    {
      status = dd_cli_pg_main (&globals, args);
      if (status >= 0)
        goto out;
    }
  if (g_str_equal (name, "report") && args[2] != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (report_commands); i++)
      if (g_str_equal (args[2], report_commands[i]->name))
        {
          /* The sub-command sees its own name as argv[0]. */
          g_auto(GStrv) command_argv = g_strdupv (args + 2);

          status = dd_cli_run_command (report_commands[i], &globals, &command_argv);
          goto out;
        }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (name, commands[i]->name))
        {
          /* The command sees its own name as argv[0]. */
          g_auto(GStrv) command_argv = g_strdupv (args + 1);

          status = dd_cli_run_command (commands[i], &globals, &command_argv);
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
