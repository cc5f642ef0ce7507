/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dd-cli.h"

/*
 * The deadline engine on the command line: holidays, workdays, lunar,
 * solar and calendar.
 */

/* Auxiliary methods */

/* The calendar of the file the options name, or NULL when the file cannot
 * be opened (said on stderr). The calendar holds the store. */
static DdCalendar *
open_calendar_or_report (Globals *globals)
{
  g_autoptr(DdStore) store = dd_cli_open_store_or_report (globals);

  return store != NULL ? dd_calendar_new (store) : NULL;
}

static gboolean
parse_date_arg (const char *text,
                GDate      *out)
{
  if (dd_date_parse_any (text, out))
    return TRUE;
  dd_cli_refuse (_("“%s” is not a date (write YYYY-MM-DD or DD/MM/YYYY)"), text);
  return FALSE;
}

static gboolean
parse_int_arg (const char *text,
               gint64      min,
               gint64      max,
               gint64     *out)
{
  return g_ascii_string_to_signed (text, 10, min, max, out, NULL);
}

static void
print_date_line (const GDate *date)
{
  g_autofree char *iso = dd_date_to_iso (date);

  g_print ("%s\n", iso);
}

/* holidays */

/* The days off of a year, as a table or as JSON. */
static void
print_holidays (GPtrArray    *list,
                OutputFormat  format)
{
  if (format == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < list->len; i++)
        {
          const DdHoliday *holiday = g_ptr_array_index (list, i);
          g_autofree char *iso = dd_date_to_iso (&holiday->date);

          json_builder_begin_object (builder);
          dd_cli_builder_add_string_or_null (builder, "date", iso);
          dd_cli_builder_add_string_or_null (builder, "name", holiday->name);
          dd_cli_builder_add_string_or_null (builder, "kind", dd_holiday_kind_to_string (holiday->kind));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      dd_cli_print_json (builder);
    }
  else
    {
      g_autoptr(DdCliTable) table = dd_cli_table_new (4);

      dd_cli_table_set_column (table, 0, _("Date"), DD_CLI_ALIGN_LEFT, 0);
      dd_cli_table_set_column (table, 1, _("Weekday"), DD_CLI_ALIGN_LEFT, 0);
      dd_cli_table_set_column (table, 2, _("Kind"), DD_CLI_ALIGN_LEFT, 0);
      dd_cli_table_set_column (table, 3, _("Name"), DD_CLI_ALIGN_LEFT, 0);
      for (guint i = 0; i < list->len; i++)
        {
          const DdHoliday *holiday = g_ptr_array_index (list, i);
          g_autofree char *dmy = dd_date_to_dmy (&holiday->date);
          const char *cells[4];

          cells[0] = dmy;
          cells[1] = dd_format_weekday (g_date_get_weekday (&holiday->date));
          cells[2] = dd_holiday_kind_to_string (holiday->kind);
          cells[3] = holiday->name;
          dd_cli_table_add_row (table, cells);
        }
      dd_cli_print_table (table);
    }
}

int
dd_cli_command_holidays (Globals  *globals,
                         char   ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCalendar) calendar = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *add_text = NULL;
  g_autofree char *remove_text = NULL;
  g_autofree char *kind_text = NULL;
  g_autofree char *name = NULL;
  DdHolidayKind kind = DD_HOLIDAY_KIND_HOLIDAY;
  OutputFormat format;
  int exit_status = EXIT_OK;
  gint64 year;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text,
      N_("Output format: text or json"), N_("FORMAT") },
    { "add", 0, 0, G_OPTION_ARG_STRING, &add_text,
      N_("Add (or replace) the day off on DATE, with --name and --kind"), N_("DATE") },
    { "remove", 0, 0, G_OPTION_ARG_STRING, &remove_text,
      N_("Remove the day off on DATE"), N_("DATE") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text,
      N_("With --add: holiday, compensatory or working_saturday (default: holiday)"), N_("KIND") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("With --add: the name of the day"), N_("NAME") },
    { NULL }
  };

  context = g_option_context_new (_("YEAR — list (or edit) the days off of a year"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dd_cli_parse_command_options (context, argv, &exit_status))
    return exit_status;

  if (g_strv_length (*argv) != 2)
    return dd_cli_usage_error (context, _("“holidays” takes one argument, the year"));
  if (!parse_int_arg ((*argv)[1], DD_LUNAR_MIN_YEAR, DD_LUNAR_MAX_YEAR, &year))
    return dd_cli_usage_error (context, _("The year must be a number from 1900 to 2100"));
  if (!dd_cli_parse_format (format_text, &format))
    return dd_cli_usage_error (context, _("The format must be “text” or “json”"));
  if (kind_text != NULL && !dd_holiday_kind_from_string (kind_text, &kind))
    return dd_cli_usage_error (context, _("The kind must be one of holiday, compensatory, working_saturday"));
  if (add_text != NULL && name == NULL)
    return dd_cli_usage_error (context, _("--add needs --name"));

  calendar = open_calendar_or_report (globals);
  if (calendar == NULL)
    return EXIT_BAD_INPUT;

  if (add_text != NULL || remove_text != NULL)
    {
      GDate date;
      const char *text = add_text != NULL ? add_text : remove_text;

      if (!parse_date_arg (text, &date))
        return EXIT_BAD_INPUT;
      if ((gint64) g_date_get_year (&date) != year)
        {
          dd_cli_refuse (_("%s is not in %d"), text, (int) year);
          return EXIT_BAD_INPUT;
        }
      if (add_text != NULL && !dd_calendar_add_holiday (calendar, &date, kind, name, &error))
        {
          dd_cli_print_error (error);
          return EXIT_BAD_INPUT;
        }
      if (remove_text != NULL && !dd_calendar_remove_holiday (calendar, &date, &error))
        {
          dd_cli_print_error (error);
          return EXIT_BAD_INPUT;
        }
    }

  list = dd_calendar_list_holidays (calendar, (int) year, &error);
  if (list == NULL)
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }

  print_holidays (list, format);
  return EXIT_OK;
}

/* workdays */

int
dd_cli_command_workdays (Globals  *globals,
                         char   ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCalendar) calendar = NULL;
  g_autoptr(DdWorkdays) workdays = NULL;
  int exit_status = EXIT_OK;
  const char *action;
  GDate first, second;
  gint64 n = 0;
  const GOptionEntry entries[] = {
    { NULL }
  };

  context = g_option_context_new (_("add DATE N | between DATE1 DATE2 — working-day arithmetic"));
  g_option_context_set_summary (context,
                                _("“add” prints the date N working days after DATE (before it for a negative N, "
                                  "written after “--”); “between” counts the working days after DATE1 up to "
                                  "and including DATE2. Weekends and the days off of each year (see "
                                  "“holidays”) are skipped."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dd_cli_parse_command_options (context, argv, &exit_status))
    return exit_status;

  /* "--" lets a negative N through the option parser; it is no argument. */
  for (guint i = 1; (*argv)[i] != NULL; i++)
    if (g_str_equal ((*argv)[i], "--"))
      {
        g_free ((*argv)[i]);
        memmove (&(*argv)[i], &(*argv)[i + 1], sizeof (char *) * g_strv_length (&(*argv)[i + 1]) + sizeof (char *));
        break;
      }

  if (g_strv_length (*argv) != 4)
    return dd_cli_usage_error (context, _("“workdays” takes an action and two arguments"));
  action = (*argv)[1];
  if (!g_str_equal (action, "add") && !g_str_equal (action, "between"))
    return dd_cli_usage_error (context, _("The action must be “add” or “between”"));
  if (g_str_equal (action, "add") && !parse_int_arg ((*argv)[3], -100000, 100000, &n))
    return dd_cli_usage_error (context, _("N must be a whole number of working days"));

  if (!parse_date_arg ((*argv)[2], &first))
    return EXIT_BAD_INPUT;
  if (g_str_equal (action, "between") && !parse_date_arg ((*argv)[3], &second))
    return EXIT_BAD_INPUT;

  calendar = open_calendar_or_report (globals);
  if (calendar == NULL)
    return EXIT_BAD_INPUT;
  workdays = dd_calendar_get_workdays (calendar, &error);
  if (workdays == NULL)
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }

  if (g_str_equal (action, "add"))
    {
      GDate out;

      dd_workdays_add (workdays, &first, (int) n, &out);
      if (!g_date_valid (&out) || g_date_get_year (&out) > DD_LUNAR_MAX_YEAR + 1)
        {
          dd_cli_refuse (_("The result lies outside the years the calendar knows."));
          return EXIT_BAD_INPUT;
        }
      print_date_line (&out);
    }
  else
    g_print ("%d\n", dd_workdays_between (workdays, &first, &second));
  return EXIT_OK;
}

/* lunar, solar */

int
dd_cli_command_lunar (Globals  *globals,
                      char   ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int exit_status = EXIT_OK;
  DdLunarDate lunar;
  GDate date;
  const GOptionEntry entries[] = {
    { NULL }
  };

  context = g_option_context_new (_("DATE — the Vietnamese lunar date of a solar date"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dd_cli_parse_command_options (context, argv, &exit_status))
    return exit_status;

  if (g_strv_length (*argv) != 2)
    return dd_cli_usage_error (context, _("“lunar” takes one argument, the date"));
  if (!parse_date_arg ((*argv)[1], &date))
    return EXIT_BAD_INPUT;
  if (!dd_lunar_from_solar (&date, &lunar, &error))
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }
  text = dd_lunar_date_format (&lunar);
  g_print ("%s\n", text);
  return EXIT_OK;
}

int
dd_cli_command_solar (Globals  *globals,
                      char   ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gboolean leap = FALSE;
  int exit_status = EXIT_OK;
  DdLunarDate lunar;
  GDate date;
  const GOptionEntry entries[] = {
    { "leap", 0, 0, G_OPTION_ARG_NONE, &leap,
      N_("The date is in the leap month (tháng nhuận)"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("LUNAR_DD/MM/YYYY — the solar date of a Vietnamese lunar date"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dd_cli_parse_command_options (context, argv, &exit_status))
    return exit_status;

  if (g_strv_length (*argv) != 2)
    return dd_cli_usage_error (context, _("“solar” takes one argument, the lunar date"));
  if (!dd_lunar_date_parse ((*argv)[1], &lunar))
    {
      dd_cli_refuse (_("“%s” is not a lunar date (write DD/MM/YYYY)"), (*argv)[1]);
      return EXIT_BAD_INPUT;
    }
  lunar.leap = leap;
  if (!dd_lunar_to_solar (&lunar, &date, &error))
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }
  print_date_line (&date);
  return EXIT_OK;
}

/* calendar */

int
dd_cli_command_calendar (Globals  *globals,
                         char   ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCalendar) calendar = NULL;
  g_autoptr(GPtrArray) entries_list = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *format_text = NULL;
  OutputFormat format;
  int exit_status = EXIT_OK;
  GDate from, to, as_of;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
      N_("First day (required)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text,
      N_("Last day (required)"), N_("DATE") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("Work out the status as of DATE (default: today)"), N_("DATE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text,
      N_("Output format: text or json"), N_("FORMAT") },
    { NULL }
  };

  context = g_option_context_new (_("— everything due between two dates"));
  g_option_context_set_summary (context,
                                _("Tasks due in the range, the occurrences of periodic tasks and the "
                                  "monthly updates of ongoing tasks (a month without one is “forgotten”)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dd_cli_parse_command_options (context, argv, &exit_status))
    return exit_status;

  if (g_strv_length (*argv) > 1)
    return dd_cli_usage_error (context, _("“calendar” takes no arguments"));
  if (from_text == NULL || to_text == NULL)
    return dd_cli_usage_error (context, _("“calendar” needs --from and --to"));
  if (!dd_cli_parse_format (format_text, &format))
    return dd_cli_usage_error (context, _("The format must be “text” or “json”"));
  if (!parse_date_arg (from_text, &from) || !parse_date_arg (to_text, &to))
    return EXIT_BAD_INPUT;
  g_date_clear (&as_of, 1);
  if (as_of_text != NULL && !dd_date_parse_any (as_of_text, &as_of))
    {
      dd_cli_print_invalid_date ("--as-of", as_of_text);
      return EXIT_BAD_INPUT;
    }
  if (g_date_compare (&from, &to) > 0)
    {
      dd_cli_refuse (_("--from must not be after --to"));
      return EXIT_BAD_INPUT;
    }
  if (g_date_days_between (&from, &to) > 3700)
    {
      dd_cli_refuse (_("The range may span ten years at most"));
      return EXIT_BAD_INPUT;
    }

  calendar = open_calendar_or_report (globals);
  if (calendar == NULL)
    return EXIT_BAD_INPUT;
  entries_list = dd_calendar_list_entries (calendar, &from, &to, dd_date_is_set (&as_of) ? &as_of : NULL,
                                           &error);
  if (entries_list == NULL)
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }

  if (format == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < entries_list->len; i++)
        {
          const DdCalendarEntry *e = g_ptr_array_index (entries_list, i);
          g_autofree char *iso = dd_date_to_iso (&e->date);

          json_builder_begin_object (builder);
          dd_cli_builder_add_string_or_null (builder, "date", iso);
          json_builder_set_member_name (builder, "task_id");
          json_builder_add_int_value (builder, e->task_id);
          dd_cli_builder_add_string_or_null (builder, "title", e->title);
          dd_cli_builder_add_string_or_null (builder, "lead", e->lead);
          dd_cli_builder_add_string_or_null (builder, "status", dd_task_status_to_string (e->status));
          dd_cli_builder_add_string_or_null (builder, "occurrence", e->occurrence);
          dd_cli_builder_add_string_or_null (builder, "occurrence_kind",
                                             e->occurrence != NULL ? dd_occurrence_kind_to_string (e->kind) : NULL);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      dd_cli_print_json (builder);
    }
  else
    {
      g_autoptr(DdCliTable) table = dd_cli_table_new (5);

      dd_cli_table_set_column (table, 0, _("Date"), DD_CLI_ALIGN_LEFT, 0);
      dd_cli_table_set_column (table, 1, C_("cli column", "ID"), DD_CLI_ALIGN_RIGHT, 0);
      dd_cli_table_set_column (table, 2, _("Task"), DD_CLI_ALIGN_LEFT, 50);
      dd_cli_table_set_column (table, 3, _("Period"), DD_CLI_ALIGN_LEFT, 0);
      dd_cli_table_set_column (table, 4, _("Status"), DD_CLI_ALIGN_LEFT, 0);
      for (guint i = 0; i < entries_list->len; i++)
        {
          const DdCalendarEntry *e = g_ptr_array_index (entries_list, i);
          g_autofree char *dmy = dd_date_to_dmy (&e->date);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, e->task_id);
          const char *cells[5];

          cells[0] = dmy;
          cells[1] = id;
          cells[2] = e->title;
          cells[3] = e->occurrence;
          cells[4] = dd_task_status_get_label (e->status);
          dd_cli_table_add_row (table, cells);
        }
      dd_cli_print_table (table);
    }
  return EXIT_OK;
}
