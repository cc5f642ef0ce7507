/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-cli"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "dd-cli.h"

/*
 * The deadline engine on the command line: holidays, workdays, lunar,
 * solar and calendar.
 */

/* Auxiliary methods */

static gboolean
parse_date_arg (const char  *text,
                GDate       *out,
                GError     **error)
{
  if (dd_date_parse_any (text, out))
    return TRUE;
  return dd_cli_set_refused (error, _("“%s” is not a date (write YYYY-MM-DD or DD/MM/YYYY)"), text);
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

typedef struct
{
  char *add_text;
  char *remove_text;
  char *import_path;
  char *kind_text;
  char *name;
  gint64 year;
  DdHolidayKind kind;
} HolidaysOptions;

static gboolean
holidays_check_usage (DdCliInvocation  *cli,
                      gpointer          data,
                      GError          **error)
{
  HolidaysOptions *options = data;

  if (!parse_int_arg (cli->argv[1], DD_LUNAR_MIN_YEAR, DD_LUNAR_MAX_YEAR, &options->year))
    return dd_cli_set_usage_error (error, _("The year must be a number from 1900 to 2100"));
  return TRUE;
}

static gboolean
holidays_check (DdCliInvocation  *cli,
                gpointer          data,
                GError          **error)
{
  HolidaysOptions *options = data;

  options->kind = DD_HOLIDAY_KIND_HOLIDAY;
  if (options->kind_text != NULL && !dd_holiday_kind_from_string (options->kind_text, &options->kind))
    return dd_cli_set_usage_error (error, _("The kind must be one of holiday, compensatory, working_saturday"));
  if (options->add_text != NULL && options->name == NULL)
    return dd_cli_set_usage_error (error, _("--add needs --name"));
  if (options->import_path != NULL && (options->add_text != NULL || options->remove_text != NULL))
    return dd_cli_set_usage_error (error, _("--import cannot be combined with --add or --remove"));
  return TRUE;
}

/* Adds or removes the day off that --add or --remove names. */
static gboolean
edit_holidays (DdCalendar       *calendar,
               HolidaysOptions  *options,
               GError          **error)
{
  const char *text = options->add_text != NULL ? options->add_text : options->remove_text;
  GDate date;

  if (!parse_date_arg (text, &date, error))
    return FALSE;
  if ((gint64) g_date_get_year (&date) != options->year)
    return dd_cli_set_refused (error, _("%s is not in %d"), text, (int) options->year);
  if (options->add_text != NULL)
    return dd_calendar_add_holiday (calendar, &date, options->kind, options->name, error);
  return dd_calendar_remove_holiday (calendar, &date, error);
}

/* Reads the notice of --import and makes it the year's table. */
static gboolean
import_notice (DdCalendar       *calendar,
               HolidaysOptions  *options,
               GError          **error)
{
  g_autoptr(DdHolidayNotice) notice = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  if (!g_file_get_contents (options->import_path, &contents, &length, &local_error))
    return dd_cli_set_refused (error, _("Cannot read %s: %s"), options->import_path, local_error->message);
  notice = dd_holiday_notice_parse_csv (contents, length, &local_error);
  if (notice == NULL)
    return dd_cli_set_refused (error, "%s: %s", options->import_path, local_error->message);
  return dd_calendar_apply_notice (calendar, (int) options->year, notice, error);
}

/* The due dates the change moved (dd_calendar_get_last_moves()): on
 * stdout after the text table, on stderr when stdout is JSON. */
static void
print_moves (DdCalendar *calendar,
             gboolean    to_stderr)
{
  GPtrArray *moves = dd_calendar_get_last_moves (calendar);
  g_autoptr(GString) text = g_string_new (NULL);

  if (moves == NULL)
    return;
  if (moves->len == 0)
    g_string_append_printf (text, "%s\n", _("No due date counted in working days moved."));
  else
    g_string_append_printf (text, ngettext ("%u due date counted in working days moved (recorded in the history):\n",
                                            "%u due dates counted in working days moved (recorded in the history):\n",
                                            moves->len), moves->len);
  for (guint i = 0; i < moves->len; i++)
    {
      const DdMovedDeadline *move = g_ptr_array_index (moves, i);
      g_autofree char *old_due = dd_date_to_iso (&move->old_due);
      g_autofree char *new_due = dd_date_to_iso (&move->new_due);

      /* Translators: a due date moved: task id, title, what is due, old and new date. */
      g_string_append_printf (text, _("  task %lld “%s”, %s: %s → %s\n"), (long long) move->task_id,
                              move->title != NULL ? move->title : "", move->occurrence, old_due, new_due);
    }
  if (to_stderr)
    g_printerr ("%s", text->str);
  else
    g_print ("%s", text->str);
}

static void
print_holidays_json (DdHolidayYear *table)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GPtrArray *list = table->days;

  json_builder_begin_array (builder);
  for (guint i = 0; i < list->len; i++)
    {
      const DdHoliday *holiday = g_ptr_array_index (list, i);
      g_autofree char *iso = dd_date_to_iso (&holiday->date);

      json_builder_begin_object (builder);
      dd_cli_builder_add_string_or_null (builder, "date", iso);
      dd_cli_builder_add_string_or_null (builder, "name", holiday->name);
      dd_cli_builder_add_string_or_null (builder, "kind", dd_holiday_kind_to_string (holiday->kind));
      /* Where the year's table comes from, on each day: "default" is "dự kiến". */
      dd_cli_builder_add_string_or_null (builder, "source", dd_holiday_source_to_string (table->source));
      dd_cli_builder_add_string_or_null (builder, "document", table->document);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  dd_cli_print_json (builder);
}

static void
print_holidays_text (DdHolidayYear *year)
{
  g_autoptr(DdCliTable) table = dd_cli_table_new (4);
  GPtrArray *list = year->days;

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

  if (year->source == DD_HOLIDAY_SOURCE_DEFAULT)
    g_print ("%s\n", _("Expected (dự kiến): no schedule announced yet; the Labor Code’s days as usually placed."));
  else if (year->document != NULL)
    /* Translators: %s is the document that set the year's days off. */
    g_print (_("Official: %s\n"), year->document);
  else
    g_print ("%s\n", _("Entered in this file."));
}

static gboolean
holidays_run (DdCliInvocation  *cli,
              gpointer          data,
              GError          **error)
{
  HolidaysOptions *options = data;
  g_autoptr(DdCalendar) calendar = dd_calendar_new (cli->store);
  g_autoptr(DdHolidayYear) table = NULL;

  if ((options->add_text != NULL || options->remove_text != NULL)
      && !edit_holidays (calendar, options, error))
    return FALSE;
  if (options->import_path != NULL && !import_notice (calendar, options, error))
    return FALSE;

  /* Listing writes nothing: only --add, --remove and --import store a year. */
  table = dd_calendar_read_holiday_year (calendar, (int) options->year, error);
  if (table == NULL)
    return FALSE;

  if (cli->format == FORMAT_JSON)
    {
      print_holidays_json (table);
      print_moves (calendar, TRUE);
    }
  else
    {
      print_holidays_text (table);
      print_moves (calendar, FALSE);
    }
  return TRUE;
}

static const GOptionEntry holidays_entries[] = {
  DD_CLI_FORMAT_ENTRY,
  { "add", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (HolidaysOptions, add_text),
    N_("Add (or replace) the day off on DATE, with --name and --kind"), N_("DATE") },
  { "remove", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (HolidaysOptions, remove_text),
    N_("Remove the day off on DATE"), N_("DATE") },
  { "kind", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (HolidaysOptions, kind_text),
    N_("With --add: holiday, compensatory or working_saturday (default: holiday)"), N_("KIND") },
  { "name", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (HolidaysOptions, name),
    N_("With --add: the name of the day"), N_("NAME") },
  { "import", 0, 0, G_OPTION_ARG_FILENAME, DD_CLI_OPTION (HolidaysOptions, import_path),
    N_("Replace the year’s days by a notice’s: a CSV of lines “document,NUMBER”, "
       "“off,DATE” and “work,DATE”"), N_("FILE") },
  { NULL }
};

const DdCliCommand dd_cli_command_holidays = {
  .name = "holidays",
  .synopsis = N_("holidays YEAR"),
  .description = N_("List (or edit) the days off of a year"),
  .parameter_string = N_("YEAR — list (or edit) the days off of a year"),
  .entries = holidays_entries,
  .options_size = sizeof (HolidaysOptions),
  .n_args = 1,
  .args_error = N_("“holidays” takes one argument, the year"),
  .formats = DD_CLI_FORMATS_TEXT_JSON,
  .store = DD_CLI_STORE_READ_WRITE,
  .check_usage = holidays_check_usage,
  .check = holidays_check,
  .run = holidays_run,
};

/* workdays */

typedef struct
{
  const char *args[3];  /* the action and its two arguments, in the invocation's argv */
  gboolean add;
  gint64 n;
  GDate first;
  GDate second;
} WorkdaysOptions;

static gboolean
workdays_check_usage (DdCliInvocation  *cli,
                      gpointer          data,
                      GError          **error)
{
  WorkdaysOptions *options = data;
  gboolean dashes_seen = FALSE;
  guint n_args = 0;

  /* A negative N comes through the option parser as it is, "-5" or after
   * "--" (no argument); anything else that looks like an option is one
   * the command does not know. */
  for (guint i = 1; i < cli->argc; i++)
    {
      const char *arg = cli->argv[i];

      if (!dashes_seen && g_str_equal (arg, "--"))
        dashes_seen = TRUE;
      else if (!dashes_seen && arg[0] == '-' && !g_ascii_isdigit (arg[1]))
        {
          g_autofree char *message = g_strdup_printf (_("Unknown option %s"), arg);

          return dd_cli_set_usage_error (error, message);
        }
      else if (n_args++ < G_N_ELEMENTS (options->args))
        options->args[n_args - 1] = arg;
    }

  if (n_args != G_N_ELEMENTS (options->args))
    return dd_cli_set_usage_error (error, _("“workdays” takes an action and two arguments"));
  options->add = g_str_equal (options->args[0], "add");
  if (!options->add && !g_str_equal (options->args[0], "between"))
    return dd_cli_set_usage_error (error, _("The action must be “add” or “between”"));
  if (options->add && !parse_int_arg (options->args[2], -100000, 100000, &options->n))
    return dd_cli_set_usage_error (error, _("N must be a whole number of working days"));
  return TRUE;
}

static gboolean
workdays_check (DdCliInvocation  *cli,
                gpointer          data,
                GError          **error)
{
  WorkdaysOptions *options = data;

  if (!parse_date_arg (options->args[1], &options->first, error))
    return FALSE;
  return options->add || parse_date_arg (options->args[2], &options->second, error);
}

static gboolean
workdays_run (DdCliInvocation  *cli,
              gpointer          data,
              GError          **error)
{
  WorkdaysOptions *options = data;
  g_autoptr(DdCalendar) calendar = dd_calendar_new (cli->store);
  g_autoptr(DdWorkdays) workdays = dd_calendar_get_workdays (calendar, error);
  GDate out;

  if (workdays == NULL)
    return FALSE;

  if (!options->add)
    {
      g_print ("%d\n", dd_workdays_between (workdays, &options->first, &options->second));
      return TRUE;
    }

  if (!dd_workdays_add_checked (workdays, &options->first, (int) options->n, &out))
    return dd_cli_set_refused (error, _("The result lies outside the years the calendar knows."));
  print_date_line (&out);
  return TRUE;
}

const DdCliCommand dd_cli_command_workdays = {
  .name = "workdays",
  .synopsis = N_("workdays add DATE N | between DATE1 DATE2"),
  .description = N_("Working-day arithmetic"),
  .parameter_string = N_("add DATE N | between DATE1 DATE2 — working-day arithmetic"),
  .summary = N_("“add” prints the date N working days after DATE (before it for a negative N: "
                "from a day off, the working day before it is the first one back); "
                "“between” counts the working days after DATE1 up to and including DATE2 "
                "(negative when DATE2 comes first), so that “between D (add D N)” is N. "
                "Weekends and the days off of each year (see “holidays”) are skipped."),
  .options_size = sizeof (WorkdaysOptions),
  .n_args = DD_CLI_ARGS_ANY,
  .store = DD_CLI_STORE_READ_WRITE,
  .check_usage = workdays_check_usage,
  .check = workdays_check,
  .run = workdays_run,
  .negative_numbers = TRUE,
};

/* lunar, solar */

/* The lunar date as JSON; near a midnight where a new moon or a principal
 * term falls within a minute, "near_boundary" and the instant (UTC+7). */
static void
print_lunar_json (const GDate       *date,
                  const DdLunarDate *lunar,
                  const char        *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *iso = dd_date_to_iso (date);
  DdLunarEvent event;
  double instant;
  gboolean near = dd_lunar_near_boundary (date, &event, &instant);

  json_builder_begin_object (builder);
  dd_cli_builder_add_string_or_null (builder, "date", iso);
  json_builder_set_member_name (builder, "day");
  json_builder_add_int_value (builder, lunar->day);
  json_builder_set_member_name (builder, "month");
  json_builder_add_int_value (builder, lunar->month);
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, lunar->year);
  json_builder_set_member_name (builder, "leap");
  json_builder_add_boolean_value (builder, lunar->leap);
  dd_cli_builder_add_string_or_null (builder, "text", text);
  json_builder_set_member_name (builder, "near_boundary");
  json_builder_add_boolean_value (builder, near);
  if (near)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_offset (7 * 3600);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc ((gint64) floor (instant));
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
      g_autofree char *when = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");

      dd_cli_builder_add_string_or_null (builder, "boundary_event",
                                         event == DD_LUNAR_EVENT_NEW_MOON ? "new_moon"
                                                                          : "principal_term");
      dd_cli_builder_add_string_or_null (builder, "boundary_instant", when);
    }
  json_builder_end_object (builder);
  dd_cli_print_json (builder);
}

static gboolean
lunar_run (DdCliInvocation  *cli,
           gpointer          options,
           GError          **error)
{
  g_autofree char *text = NULL;
  DdLunarDate lunar;
  GDate date;

  if (!parse_date_arg (cli->argv[1], &date, error))
    return FALSE;
  if (!dd_lunar_from_solar (&date, &lunar, error))
    return FALSE;
  text = dd_lunar_date_format (&lunar);
  if (cli->format == FORMAT_JSON)
    print_lunar_json (&date, &lunar, text);
  else
    g_print ("%s\n", text);
  return TRUE;
}

typedef struct
{
  gboolean unused;
} LunarOptions;

static const GOptionEntry lunar_entries[] = {
  DD_CLI_FORMAT_ENTRY,
  { NULL }
};

const DdCliCommand dd_cli_command_lunar = {
  .name = "lunar",
  .synopsis = N_("lunar DATE"),
  .description = N_("The lunar date of a solar date"),
  .parameter_string = N_("DATE — the Vietnamese lunar date of a solar date"),
  .summary = N_("With --format json, “near_boundary” is true when a new moon or a principal "
                "term falls within a minute of the day’s midnight (UTC+7), with its instant."),
  .entries = lunar_entries,
  .options_size = sizeof (LunarOptions),
  .n_args = 1,
  .args_error = N_("“lunar” takes one argument, the date"),
  .formats = DD_CLI_FORMATS_TEXT_JSON,
  .store = DD_CLI_STORE_NONE,
  .run = lunar_run,
};

typedef struct
{
  gboolean leap;
} SolarOptions;

static gboolean
solar_run (DdCliInvocation  *cli,
           gpointer          data,
           GError          **error)
{
  SolarOptions *options = data;
  DdLunarDate lunar;
  GDate date;

  if (!dd_lunar_date_parse (cli->argv[1], &lunar))
    return dd_cli_set_refused (error, _("“%s” is not a lunar date (write DD/MM/YYYY)"), cli->argv[1]);
  lunar.leap = options->leap;
  if (!dd_lunar_to_solar (&lunar, &date, error))
    return FALSE;
  print_date_line (&date);
  return TRUE;
}

static const GOptionEntry solar_entries[] = {
  { "leap", 0, 0, G_OPTION_ARG_NONE, DD_CLI_OPTION (SolarOptions, leap),
    N_("The date is in the leap month (tháng nhuận)"), NULL },
  { NULL }
};

const DdCliCommand dd_cli_command_solar = {
  .name = "solar",
  .synopsis = N_("solar LUNAR_DATE"),
  .description = N_("The solar date of a lunar date (--leap for a leap month)"),
  .parameter_string = N_("LUNAR_DD/MM/YYYY — the solar date of a Vietnamese lunar date"),
  .entries = solar_entries,
  .options_size = sizeof (SolarOptions),
  .n_args = 1,
  .args_error = N_("“solar” takes one argument, the lunar date"),
  .store = DD_CLI_STORE_NONE,
  .run = solar_run,
};

/* calendar */

typedef struct
{
  char *from_text;
  char *to_text;
  char *as_of_text;
  GDate from;
  GDate to;
  GDate as_of;
} CalendarOptions;

static gboolean
calendar_check_usage (DdCliInvocation  *cli,
                      gpointer          data,
                      GError          **error)
{
  CalendarOptions *options = data;

  if (options->from_text == NULL || options->to_text == NULL)
    return dd_cli_set_usage_error (error, _("“calendar” needs --from and --to"));
  return TRUE;
}

static gboolean
calendar_check (DdCliInvocation  *cli,
                gpointer          data,
                GError          **error)
{
  CalendarOptions *options = data;

  if (!parse_date_arg (options->from_text, &options->from, error)
      || !parse_date_arg (options->to_text, &options->to, error))
    return FALSE;
  g_date_clear (&options->as_of, 1);
  if (!dd_cli_parse_date_option ("--as-of", options->as_of_text, &options->as_of, error))
    return FALSE;
  if (g_date_compare (&options->from, &options->to) > 0)
    return dd_cli_set_refused (error, _("--from must not be after --to"));
  if (g_date_days_between (&options->from, &options->to) > 3700)
    return dd_cli_set_refused (error, _("The range may span ten years at most"));
  return TRUE;
}

static void
print_calendar_json (GPtrArray *entries)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    {
      const DdCalendarEntry *e = g_ptr_array_index (entries, i);
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

static void
print_calendar_text (GPtrArray *entries)
{
  g_autoptr(DdCliTable) table = dd_cli_table_new (5);

  dd_cli_table_set_column (table, 0, _("Date"), DD_CLI_ALIGN_LEFT, 0);
  dd_cli_table_set_column (table, 1, C_("cli column", "ID"), DD_CLI_ALIGN_RIGHT, 0);
  dd_cli_table_set_column (table, 2, _("Task"), DD_CLI_ALIGN_LEFT, 50);
  dd_cli_table_set_column (table, 3, _("Period"), DD_CLI_ALIGN_LEFT, 0);
  dd_cli_table_set_column (table, 4, _("Status"), DD_CLI_ALIGN_LEFT, 0);
  for (guint i = 0; i < entries->len; i++)
    {
      const DdCalendarEntry *e = g_ptr_array_index (entries, i);
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

static gboolean
calendar_run (DdCliInvocation  *cli,
              gpointer          data,
              GError          **error)
{
  CalendarOptions *options = data;
  g_autoptr(DdCalendar) calendar = dd_calendar_new (cli->store);
  g_autoptr(GPtrArray) entries = NULL;

  entries = dd_calendar_list_entries (calendar, &options->from, &options->to,
                                      dd_date_is_set (&options->as_of) ? &options->as_of : NULL, error);
  if (entries == NULL)
    return FALSE;

  if (cli->format == FORMAT_JSON)
    print_calendar_json (entries);
  else
    print_calendar_text (entries);
  return TRUE;
}

static const GOptionEntry calendar_entries[] = {
  { "from", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (CalendarOptions, from_text),
    N_("First day (required)"), N_("DATE") },
  { "to", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (CalendarOptions, to_text),
    N_("Last day (required)"), N_("DATE") },
  { "as-of", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (CalendarOptions, as_of_text),
    N_("Work out the status as of DATE (default: today)"), N_("DATE") },
  DD_CLI_FORMAT_ENTRY,
  { NULL }
};

const DdCliCommand dd_cli_command_calendar = {
  .name = "calendar",
  .synopsis = N_("calendar"),
  .description = N_("Everything due between --from and --to"),
  .parameter_string = N_("— everything due between two dates"),
  .summary = N_("Tasks due in the range, the occurrences of periodic tasks and the "
                "monthly updates of ongoing tasks (a month without one is “forgotten”)."),
  .entries = calendar_entries,
  .options_size = sizeof (CalendarOptions),
  .n_args = 0,
  .args_error = N_("“calendar” takes no arguments"),
  .formats = DD_CLI_FORMATS_TEXT_JSON,
  .store = DD_CLI_STORE_READ_WRITE,
  .check_usage = calendar_check_usage,
  .check = calendar_check,
  .run = calendar_run,
};
