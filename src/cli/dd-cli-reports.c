/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-cli"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dd-cli.h"

/*
 * The reports of a task and the schedule of its periods:
 *   report record TASK_ID --period P [--on DATE] [--number T] [--note T]
 *   report undo TASK_ID --period P
 *   report add-ad-hoc TASK_ID --title T --due DATE
 *   report list TASK_ID [--from DATE] [--to DATE] [--as-of DATE] [--format json]
 *   schedule TASK_ID [--every KINDS] [--due-rule RULE] [--update-every N] [--reset]
 *   schedule --default [--every KINDS] [--due-rule RULE] [--update-every N]
 * "report" with no sub-command is still the meeting handout (dd-cli-export.c);
 * dondoc-cli.c hands "report record|undo|add-ad-hoc|list" to the commands
 * below, which see the sub-command's name as their argv[0].
 *
 * A period is written 2026-M05 (a month), 2026-Q3, 2026-H1, 2026-9M (the
 * first 9 months), 2026 (the year), or adhoc:N for the ad hoc report N.
 */

/* Periods */

typedef struct
{
  DdOccurrenceKind kind;
  int year;
  int index;
} Period;

static gboolean
parse_number (const char *text,
              int         min,
              int         max,
              int        *out)
{
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, min, max, &value, NULL))
    return FALSE;
  *out = (int) value;
  return TRUE;
}

/* "2026-M05", "2026-Q3", "2026-H1", "2026-9M", "2026", "adhoc:12". */
static gboolean
parse_period (const char  *text,
              Period      *out,
              GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *t = g_ascii_strup (stripped, -1);
  char year_text[5] = { 0 };
  const char *rest;

  out->index = 1;
  if (g_str_has_prefix (t, "ADHOC:"))
    {
      out->kind = DD_OCCURRENCE_AD_HOC;
      out->year = 0;
      if (parse_number (t + 6, 1, G_MAXINT, &out->index))
        return TRUE;
      goto fail;
    }
  if (strlen (t) < 4)
    goto fail;
  memcpy (year_text, t, 4);
  if (!parse_number (year_text, 1901, 2100, &out->year))
    goto fail;
  rest = t + 4;
  if (*rest == '\0')
    {
      out->kind = DD_OCCURRENCE_YEAR;
      return TRUE;
    }
  if (*rest++ != '-')
    goto fail;
  if (g_str_equal (rest, "9M"))
    {
      out->kind = DD_OCCURRENCE_NINE_MONTHS;
      return TRUE;
    }
  /* A month as the scorecards write it (2026-05) too. */
  if ((rest[0] == 'M' && parse_number (rest + 1, 1, 12, &out->index)) ||
      (strlen (rest) == 2 && g_ascii_isdigit (rest[0]) && parse_number (rest, 1, 12, &out->index)))
    out->kind = DD_OCCURRENCE_MONTH;
  else if (rest[0] == 'Q' && parse_number (rest + 1, 1, 4, &out->index))
    out->kind = DD_OCCURRENCE_QUARTER;
  else if (rest[0] == 'H' && parse_number (rest + 1, 1, 1, &out->index))
    out->kind = DD_OCCURRENCE_HALF_YEAR;
  else
    goto fail;
  return TRUE;

fail:
  return dd_cli_set_refused (error, _("--period: “%s” is not a period (write 2026-M05, 2026-Q3, 2026-H1, "
                                      "2026-9M, 2026 or adhoc:N)"), text != NULL ? text : "");
}

/* The code parse_period() reads, for the listing. */
static char *
dup_period_code (const DdOccurrence *occ)
{
  switch (occ->kind)
    {
    case DD_OCCURRENCE_MONTH:
      return g_strdup_printf ("%04d-M%02d", occ->year, occ->index);
    case DD_OCCURRENCE_QUARTER:
      return g_strdup_printf ("%04d-Q%d", occ->year, occ->index);
    case DD_OCCURRENCE_HALF_YEAR:
      return g_strdup_printf ("%04d-H1", occ->year);
    case DD_OCCURRENCE_NINE_MONTHS:
      return g_strdup_printf ("%04d-9M", occ->year);
    case DD_OCCURRENCE_YEAR:
      return g_strdup_printf ("%04d", occ->year);
    case DD_OCCURRENCE_AD_HOC:
      return g_strdup_printf ("adhoc:%d", occ->index);
    case DD_OCCURRENCE_UPDATE:
    default:
      return g_strdup_printf ("update:%04d-M%02d", occ->year, occ->index);
    }
}

static gboolean
parse_task_id (const char  *text,
               gint64      *out,
               GError     **error)
{
  guint64 id = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL))
    return dd_cli_set_refused (error, _("“%s” is not a task ID (a positive whole number)"), text);
  *out = (gint64) id;
  return TRUE;
}

/* The task's periods around @occ's, to find it once recorded. */
static DdOccurrence *
find_period (DdStore       *store,
             gint64         task_id,
             const Period  *period,
             GError       **error)
{
  g_autoptr(DdCalendar) calendar = dd_calendar_new (store);
  g_autoptr(GPtrArray) list = NULL;
  GDate from, to;

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  if (period->kind == DD_OCCURRENCE_AD_HOC)
    {
      g_date_set_dmy (&from, 1, 1, 1901);
      g_date_set_dmy (&to, 31, 12, 2100);
    }
  else
    {
      g_date_set_dmy (&from, 1, 1, (GDateYear) period->year);
      g_date_set_dmy (&to, 31, 12, (GDateYear) MIN (period->year + 2, 2100));
    }
  list = dd_calendar_list_task_periods (calendar, task_id, &from, &to, NULL, error);
  if (list == NULL)
    return NULL;
  for (guint i = 0; i < list->len; i++)
    {
      const DdOccurrence *occ = g_ptr_array_index (list, i);

      if (occ->kind == period->kind && occ->index == period->index &&
          (period->kind == DD_OCCURRENCE_AD_HOC || occ->year == period->year))
        return dd_occurrence_copy (occ);
    }
  return NULL;
}

static void
add_occurrence_json (JsonBuilder        *builder,
                     const DdOccurrence *occ)
{
  g_autofree char *code = dup_period_code (occ);
  g_autofree char *start = dd_cli_dup_date_iso (&occ->start);
  g_autofree char *end = dd_cli_dup_date_iso (&occ->end);
  g_autofree char *due = dd_cli_dup_date_iso (&occ->due);
  g_autofree char *reported = dd_cli_dup_date_iso (&occ->reported_on);

  json_builder_begin_object (builder);
  dd_cli_builder_add_string_or_null (builder, "period", code);
  dd_cli_builder_add_string_or_null (builder, "kind", dd_occurrence_kind_to_string (occ->kind));
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, occ->year);
  json_builder_set_member_name (builder, "index");
  json_builder_add_int_value (builder, occ->index);
  dd_cli_builder_add_string_or_null (builder, "label", occ->label);
  dd_cli_builder_add_string_or_null (builder, "start", start);
  dd_cli_builder_add_string_or_null (builder, "end", end);
  dd_cli_builder_add_string_or_null (builder, "due", due);
  dd_cli_builder_add_string_or_null (builder, "state",
                                     dd_occurrence_state_to_string (dd_occurrence_state_from_status (occ->status)));
  dd_cli_builder_add_string_or_null (builder, "status", dd_task_status_to_string (occ->status));
  dd_cli_builder_add_string_or_null (builder, "reported_on", reported);
  dd_cli_builder_add_string_or_null (builder, "report_number", occ->report_number);
  dd_cli_builder_add_string_or_null (builder, "report_note", occ->report_note);
  json_builder_end_object (builder);
}

/* "Quý III/2026 — hạn 14/09/2026 — trễ hạn (báo cáo ngày 05/10/2026, số 45/BC-HCQT)" */
static void
print_occurrence_line (const DdOccurrence *occ)
{
  g_autofree char *due = dd_cli_dup_date_dmy (&occ->due);
  g_autofree char *reported = dd_cli_dup_date_dmy (&occ->reported_on);
  const char *state = dd_occurrence_state_get_label (dd_occurrence_state_from_status (occ->status));

  /* Translators: a period of a task, its due date and the state of its report. */
  g_print (_("%s — due %s — %s\n"), occ->label, due != NULL ? due : "—", state);
  if (reported != NULL)
    g_print (_("  Reported on: %s\n"), reported);
  if (occ->report_number != NULL)
    g_print (_("  Report number: %s\n"), occ->report_number);
  if (occ->report_note != NULL)
    g_print (_("  Note: %s\n"), occ->report_note);
}

/* report record, report undo */

typedef struct
{
  char *period_text;
  char *on_text;
  char *number;
  char *note;
  gint64 task_id;
  Period period;
  GDate on;
} RecordOptions;

static gboolean
record_check (DdCliInvocation  *cli,
              gpointer          data,
              GError          **error)
{
  RecordOptions *options = data;

  if (!parse_task_id (cli->argv[1], &options->task_id, error))
    return FALSE;
  if (options->period_text == NULL)
    return dd_cli_set_usage_error (error, _("--period is required (2026-M05, 2026-Q3, 2026-H1, 2026-9M, "
                                            "2026 or adhoc:N)"));
  if (!parse_period (options->period_text, &options->period, error))
    return FALSE;
  g_date_clear (&options->on, 1);
  dd_date_set_today (&options->on);
  return dd_cli_parse_date_option ("--on", options->on_text, &options->on, error);
}

/* Records (@undo: takes back) the report, then shows the period. */
static gboolean
record_or_undo (DdCliInvocation  *cli,
                RecordOptions    *options,
                gboolean          undo,
                GError          **error)
{
  g_autoptr(DdOccurrence) occ = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!dd_store_record_report (cli->store, options->task_id, options->period.kind, options->period.year,
                               options->period.index, undo ? NULL : &options->on, options->number,
                               options->note, error))
    return FALSE;
  occ = find_period (cli->store, options->task_id, &options->period, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (cli->format == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      if (occ != NULL)
        add_occurrence_json (builder, occ);
      else
        {
          json_builder_begin_object (builder);
          json_builder_end_object (builder);
        }
      dd_cli_print_json (builder);
      return TRUE;
    }
  if (undo)
    g_print (_("Report taken back.\n"));
  else
    g_print (_("Report recorded.\n"));
  if (occ != NULL)
    print_occurrence_line (occ);
  return TRUE;
}

static gboolean
record_run (DdCliInvocation  *cli,
            gpointer          data,
            GError          **error)
{
  return record_or_undo (cli, data, FALSE, error);
}

static gboolean
undo_run (DdCliInvocation  *cli,
          gpointer          data,
          GError          **error)
{
  return record_or_undo (cli, data, TRUE, error);
}

static const GOptionEntry record_entries[] = {
  { "period", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (RecordOptions, period_text),
    N_("The period: 2026-M05, 2026-Q3, 2026-H1, 2026-9M, 2026 (the year) or adhoc:N (ad hoc report N)"),
    N_("PERIOD") },
  { "on", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (RecordOptions, on_text),
    N_("The date of the report (default: today)"), N_("DATE") },
  { "number", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (RecordOptions, number),
    N_("The report’s number, such as 45/BC-HCQT"), N_("TEXT") },
  { "note", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (RecordOptions, note),
    N_("A remark stored with the report"), N_("TEXT") },
  DD_CLI_FORMAT_ENTRY,
  { NULL }
};

static const GOptionEntry undo_entries[] = {
  { "period", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (RecordOptions, period_text),
    N_("The period whose report is taken back (as for “report record”)"), N_("PERIOD") },
  DD_CLI_FORMAT_ENTRY,
  { NULL }
};

const DdCliCommand dd_cli_command_report_record = {
  .name = "record",
  .synopsis = N_("report record TASK_ID"),
  .description = N_("Record a period’s report of a task (--period, --on, --number, --note)"),
  .parameter_string = N_("report record TASK_ID — record that a period’s report was made"),
  .summary = N_("A period is written 2026-M05 (a month), 2026-Q3 (a quarter), 2026-H1 (6 months), "
                "2026-9M (9 months), 2026 (the year), or adhoc:N for the ad hoc report N. "
                "A past period may be recorded late; the date of the report may not be in the future."),
  .entries = record_entries,
  .options_size = sizeof (RecordOptions),
  .n_args = 1,
  .args_error = N_("“report record” needs exactly one task ID"),
  .formats = DD_CLI_FORMATS_TEXT_JSON,
  .store = DD_CLI_STORE_READ_WRITE,
  .check = record_check,
  .run = record_run,
};

const DdCliCommand dd_cli_command_report_undo = {
  .name = "undo",
  .synopsis = N_("report undo TASK_ID"),
  .description = N_("Take back the report recorded for a period (--period)"),
  .parameter_string = N_("report undo TASK_ID — take back the report recorded for a period"),
  .entries = undo_entries,
  .options_size = sizeof (RecordOptions),
  .n_args = 1,
  .args_error = N_("“report undo” needs exactly one task ID"),
  .formats = DD_CLI_FORMATS_TEXT_JSON,
  .store = DD_CLI_STORE_READ_WRITE,
  .check = record_check,
  .run = undo_run,
};

/* report add-ad-hoc */

typedef struct
{
  char *title;
  char *due_text;
  gint64 task_id;
  GDate due;
} AdHocOptions;

static gboolean
ad_hoc_check (DdCliInvocation  *cli,
              gpointer          data,
              GError          **error)
{
  AdHocOptions *options = data;

  if (!parse_task_id (cli->argv[1], &options->task_id, error))
    return FALSE;
  if (options->title == NULL)
    return dd_cli_set_usage_error (error, _("--title is required"));
  if (options->due_text == NULL)
    return dd_cli_set_usage_error (error, _("--due is required"));
  g_date_clear (&options->due, 1);
  return dd_cli_parse_date_option ("--due", options->due_text, &options->due, error);
}

static gboolean
ad_hoc_run (DdCliInvocation  *cli,
            gpointer          data,
            GError          **error)
{
  AdHocOptions *options = data;
  gint64 id;

  id = dd_store_add_ad_hoc_report (cli->store, options->task_id, options->title, &options->due, error);
  if (id <= 0)
    return FALSE;
  if (cli->format == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, id);
      json_builder_end_object (builder);
      dd_cli_print_json (builder);
    }
  else
    g_print ("%" G_GINT64_FORMAT "\n", id);
  return TRUE;
}

static const GOptionEntry ad_hoc_entries[] = {
  { "title", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (AdHocOptions, title),
    N_("What the report is about"), N_("TEXT") },
  { "due", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (AdHocOptions, due_text),
    N_("Its due date"), N_("DATE") },
  DD_CLI_FORMAT_ENTRY,
  { NULL }
};

const DdCliCommand dd_cli_command_report_add_ad_hoc = {
  .name = "add-ad-hoc",
  .synopsis = N_("report add-ad-hoc TASK_ID"),
  .description = N_("Ask a task for an ad hoc report (--title, --due); prints its ID"),
  .parameter_string = N_("report add-ad-hoc TASK_ID — ask a task for an ad hoc report"),
  .summary = N_("Prints the new report’s ID: record it with “report record TASK_ID --period adhoc:ID”."),
  .entries = ad_hoc_entries,
  .options_size = sizeof (AdHocOptions),
  .n_args = 1,
  .args_error = N_("“report add-ad-hoc” needs exactly one task ID"),
  .formats = DD_CLI_FORMATS_TEXT_JSON,
  .store = DD_CLI_STORE_READ_WRITE,
  .check = ad_hoc_check,
  .run = ad_hoc_run,
};

/* report list */

typedef struct
{
  char *from_text;
  char *to_text;
  char *as_of_text;
  gint64 task_id;
  GDate from;
  GDate to;
  GDate as_of;
} ListOptions;

static gboolean
list_check (DdCliInvocation  *cli,
            gpointer          data,
            GError          **error)
{
  ListOptions *options = data;
  GDate today;

  if (!parse_task_id (cli->argv[1], &options->task_id, error))
    return FALSE;
  g_date_clear (&today, 1);
  dd_date_set_today (&today);
  g_date_clear (&options->from, 1);
  g_date_clear (&options->to, 1);
  g_date_clear (&options->as_of, 1);
  g_date_set_dmy (&options->from, 1, 1, g_date_get_year (&today) - 1);
  g_date_set_dmy (&options->to, 31, 12, g_date_get_year (&today));
  options->as_of = today;
  if (!dd_cli_parse_date_option ("--from", options->from_text, &options->from, error) ||
      !dd_cli_parse_date_option ("--to", options->to_text, &options->to, error) ||
      !dd_cli_parse_date_option ("--as-of", options->as_of_text, &options->as_of, error))
    return FALSE;
  if (g_date_compare (&options->from, &options->to) > 0)
    return dd_cli_set_refused (error, _("--from must not be after --to"));
  if (g_date_days_between (&options->from, &options->to) > 3700)
    return dd_cli_set_refused (error, _("The range may span ten years at most"));
  return TRUE;
}

static void
print_list_text (GPtrArray *list)
{
  g_autoptr(DdCliTable) table = dd_cli_table_new (6);

  dd_cli_table_set_column (table, 0, _("Period"), DD_CLI_ALIGN_LEFT, 0);
  dd_cli_table_set_column (table, 1, _("Label"), DD_CLI_ALIGN_LEFT, 30);
  dd_cli_table_set_column (table, 2, _("Due"), DD_CLI_ALIGN_LEFT, 0);
  dd_cli_table_set_column (table, 3, _("State"), DD_CLI_ALIGN_LEFT, 0);
  dd_cli_table_set_column (table, 4, _("Reported on"), DD_CLI_ALIGN_LEFT, 0);
  dd_cli_table_set_column (table, 5, _("Report number"), DD_CLI_ALIGN_LEFT, 0);
  for (guint i = 0; i < list->len; i++)
    {
      const DdOccurrence *occ = g_ptr_array_index (list, i);
      g_autofree char *code = dup_period_code (occ);
      g_autofree char *due = dd_cli_dup_date_dmy (&occ->due);
      g_autofree char *reported = dd_cli_dup_date_dmy (&occ->reported_on);
      const char *cells[6];

      cells[0] = code;
      cells[1] = occ->label;
      cells[2] = due;
      cells[3] = dd_occurrence_state_get_label (dd_occurrence_state_from_status (occ->status));
      cells[4] = reported != NULL ? reported : "—";
      cells[5] = occ->report_number != NULL ? occ->report_number : "—";
      dd_cli_table_add_row (table, cells);
    }
  dd_cli_print_table (table);
}

static gboolean
list_run (DdCliInvocation  *cli,
          gpointer          data,
          GError          **error)
{
  ListOptions *options = data;
  g_autoptr(DdCalendar) calendar = dd_calendar_new (cli->store);
  g_autoptr(GPtrArray) list = NULL;

  list = dd_calendar_list_task_periods (calendar, options->task_id, &options->from, &options->to,
                                        &options->as_of, error);
  if (list == NULL)
    return FALSE;
  if (cli->format == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < list->len; i++)
        add_occurrence_json (builder, g_ptr_array_index (list, i));
      json_builder_end_array (builder);
      dd_cli_print_json (builder);
    }
  else
    print_list_text (list);
  return TRUE;
}

static const GOptionEntry list_entries[] = {
  { "from", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (ListOptions, from_text),
    N_("The first due date listed (default: 1 January of last year)"), N_("DATE") },
  { "to", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (ListOptions, to_text),
    N_("The last due date listed (default: 31 December of this year)"), N_("DATE") },
  { "as-of", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (ListOptions, as_of_text),
    N_("Judge the reports as of DATE (default: today)"), N_("DATE") },
  DD_CLI_FORMAT_ENTRY,
  { NULL }
};

const DdCliCommand dd_cli_command_report_list = {
  .name = "list",
  .synopsis = N_("report list TASK_ID"),
  .description = N_("List a task’s periods: due date, state, report date and number"),
  .parameter_string = N_("report list TASK_ID — list a task’s periods and their reports"),
  .summary = N_("The state of a period is on_time, late, forgotten or coming."),
  .entries = list_entries,
  .options_size = sizeof (ListOptions),
  .n_args = 1,
  .args_error = N_("“report list” needs exactly one task ID"),
  .formats = DD_CLI_FORMATS_TEXT_JSON,
  .store = DD_CLI_STORE_READ_WRITE,
  .check = list_check,
  .run = list_run,
};

/* schedule */

typedef struct
{
  gboolean office_default;
  gboolean reset;
  char *every_text;
  char *due_rule_text;
  char *update_every_text;
  gint64 task_id;
  guint periods;
  gboolean has_rule;
  DdDueRule rule;
  int param;
  int update_every;
} ScheduleOptions;

static const struct
{
  const char *name;
  guint flag;
} every_names[] = {
  { "month", DD_PERIOD_MONTHLY },
  { "quarter", DD_PERIOD_QUARTERLY },
  { "half-year", DD_PERIOD_HALF_YEAR },
  { "nine-months", DD_PERIOD_NINE_MONTHS },
  { "year", DD_PERIOD_YEARLY },
};

static gboolean
parse_every (const char  *text,
             guint       *out,
             GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  *out = 0;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);
      gboolean known = FALSE;

      for (guint k = 0; k < G_N_ELEMENTS (every_names); k++)
        if (g_str_equal (part, every_names[k].name))
          {
            *out |= every_names[k].flag;
            known = TRUE;
          }
      if (!known)
        return dd_cli_set_refused (error, _("--every: “%s” is not a period (month, quarter, half-year, "
                                            "nine-months or year, separated by commas)"), part);
    }
  return TRUE;
}

/* "cutoff", "workdays-after:N", "day-of-month:N". */
static gboolean
parse_due_rule (ScheduleOptions  *options,
                GError          **error)
{
  const char *text = options->due_rule_text;

  options->has_rule = TRUE;
  options->param = 0;
  if (g_str_equal (text, "cutoff"))
    options->rule = DD_DUE_RULE_PERIOD_END;
  else if (g_str_has_prefix (text, "workdays-after:") &&
           parse_number (text + strlen ("workdays-after:"), 0, 366, &options->param))
    options->rule = DD_DUE_RULE_WORKDAYS_AFTER;
  else if (g_str_has_prefix (text, "day-of-month:") &&
           parse_number (text + strlen ("day-of-month:"), 1, 31, &options->param))
    options->rule = DD_DUE_RULE_DAY_OF_MONTH;
  else
    return dd_cli_set_refused (error, _("--due-rule: “%s” is not a rule (cutoff, workdays-after:N with N "
                                        "from 0 to 366, or day-of-month:N)"), text);
  return TRUE;
}

static gboolean
schedule_check (DdCliInvocation  *cli,
                gpointer          data,
                GError          **error)
{
  ScheduleOptions *options = data;

  if (options->office_default ? cli->argc != 1 : cli->argc != 2)
    return dd_cli_set_usage_error (error, _("“schedule” needs one task ID, or --default without one"));
  if (!options->office_default && !parse_task_id (cli->argv[1], &options->task_id, error))
    return FALSE;
  if (options->reset && (options->office_default || options->every_text != NULL ||
                         options->due_rule_text != NULL || options->update_every_text != NULL))
    return dd_cli_set_usage_error (error, _("--reset goes alone with a task ID"));
  if (options->every_text != NULL && !parse_every (options->every_text, &options->periods, error))
    return FALSE;
  if (options->due_rule_text != NULL && !parse_due_rule (options, error))
    return FALSE;
  options->update_every = -1;
  if (options->update_every_text != NULL &&
      !parse_number (options->update_every_text, 0, 12, &options->update_every))
    return dd_cli_set_refused (error, _("--update-every: a number of months from 0 to 12, not “%s”"),
                               options->update_every_text);
  return TRUE;
}

static const char *
due_rule_name (const DdTaskSchedule *schedule,
               char                 *buffer,
               gsize                 size)
{
  switch (schedule->due_rule)
    {
    case DD_DUE_RULE_WORKDAYS_AFTER:
      g_snprintf (buffer, size, "workdays-after:%d", schedule->due_param);
      return buffer;
    case DD_DUE_RULE_DAY_OF_MONTH:
      g_snprintf (buffer, size, "day-of-month:%d", schedule->due_param);
      return buffer;
    case DD_DUE_RULE_PERIOD_END:
    default:
      return "cutoff";
    }
}

static void
print_schedule (const DdTaskSchedule *schedule,
                OutputFormat          format)
{
  g_autoptr(GString) every = g_string_new (NULL);
  char buffer[32];
  const char *rule;

  for (guint k = 0; k < G_N_ELEMENTS (every_names); k++)
    if ((schedule->periods & every_names[k].flag) != 0)
      g_string_append_printf (every, "%s%s", every->len > 0 ? "," : "", every_names[k].name);
  rule = due_rule_name (schedule, buffer, sizeof buffer);
  if (format == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      dd_cli_builder_add_string_or_null (builder, "every", every->len > 0 ? every->str : NULL);
      dd_cli_builder_add_string_or_null (builder, "due_rule", rule);
      json_builder_set_member_name (builder, "update_every_months");
      json_builder_add_int_value (builder, schedule->update_every_months);
      json_builder_set_member_name (builder, "inherited");
      json_builder_add_boolean_value (builder, schedule->inherited);
      json_builder_end_object (builder);
      dd_cli_print_json (builder);
      return;
    }
  /* Translators: "—" when the periods are those of the task's text. */
  g_print (_("Periods: %s\n"), every->len > 0 ? every->str : "—");
  g_print (_("Due rule: %s\n"), rule);
  g_print (ngettext ("Update every: %u month\n", "Update every: %u months\n", schedule->update_every_months),
           schedule->update_every_months);
  if (schedule->inherited)
    g_print (_("(the office-wide default)\n"));
}

static gboolean
schedule_run (DdCliInvocation  *cli,
              gpointer          data,
              GError          **error)
{
  ScheduleOptions *options = data;
  g_autoptr(DdCalendar) calendar = dd_calendar_new (cli->store);
  gboolean change = options->every_text != NULL || options->has_rule || options->update_every >= 0;
  DdTaskSchedule schedule;

  if (options->office_default ? !dd_store_get_default_schedule (cli->store, &schedule, error)
                              : !dd_calendar_get_task_schedule (calendar, options->task_id, &schedule, error))
    return FALSE;
  if (change)
    {
      /* A task following the default keeps its text's periods unless told. */
      if (options->every_text != NULL)
        schedule.periods = options->periods;
      else if (schedule.inherited && !options->office_default)
        schedule.periods = 0;
      if (options->has_rule)
        {
          schedule.due_rule = options->rule;
          schedule.due_param = options->param;
        }
      if (options->update_every >= 0)
        schedule.update_every_months = (guint) options->update_every;
      if (options->office_default ? !dd_store_set_default_schedule (cli->store, &schedule, error)
                                  : !dd_store_set_task_schedule (cli->store, options->task_id, &schedule, error))
        return FALSE;
    }
  else if (options->reset && !dd_store_set_task_schedule (cli->store, options->task_id, NULL, error))
    return FALSE;

  if (options->office_default ? !dd_store_get_default_schedule (cli->store, &schedule, error)
                              : !dd_calendar_get_task_schedule (calendar, options->task_id, &schedule, error))
    return FALSE;
  print_schedule (&schedule, cli->format);
  return TRUE;
}

static const GOptionEntry schedule_entries[] = {
  { "every", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (ScheduleOptions, every_text),
    N_("The periods of a periodic task: month, quarter, half-year, nine-months, year (separated by commas)"),
    N_("KINDS") },
  { "due-rule", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (ScheduleOptions, due_rule_text),
    N_("cutoff (the cut-off day of Nghị định 09/2019), workdays-after:N or day-of-month:N"), N_("RULE") },
  { "update-every", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (ScheduleOptions, update_every_text),
    N_("An ongoing task owes an update every N months (0: none)"), N_("N") },
  { "default", 0, 0, G_OPTION_ARG_NONE, DD_CLI_OPTION (ScheduleOptions, office_default),
    N_("Show or set the office-wide default, for the tasks without a schedule of their own"), NULL },
  { "reset", 0, 0, G_OPTION_ARG_NONE, DD_CLI_OPTION (ScheduleOptions, reset),
    N_("Remove the task’s own schedule: it follows the office-wide default again"), NULL },
  DD_CLI_FORMAT_ENTRY,
  { NULL }
};

const DdCliCommand dd_cli_command_schedule = {
  .name = "schedule",
  .synopsis = N_("schedule TASK_ID"),
  .description = N_("Show or set the periods and due rule of a task (or --default)"),
  .parameter_string = N_("schedule TASK_ID | --default — show or set the schedule of a task’s reports"),
  .summary = N_("Without --every, --due-rule or --update-every it shows the schedule. Setting one is an "
                "administrator’s."),
  .entries = schedule_entries,
  .options_size = sizeof (ScheduleOptions),
  .n_args = DD_CLI_ARGS_ANY,
  .formats = DD_CLI_FORMATS_TEXT_JSON,
  .store = DD_CLI_STORE_READ_WRITE,
  .check = schedule_check,
  .run = schedule_run,
};
