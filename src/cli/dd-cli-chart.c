/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-cli.h"

/*
 * `chart` draws one dashboard chart into a PNG, SVG or PDF file with the
 * same code as the window; `summary` prints the headline figures.
 */

/* Completes @query with what the database holds: the "due soon" window and
 * the plan numbered @plan_number (when not NULL). */
static gboolean
fill_query (DdStore       *store,
            const char    *plan_number,
            DdStatsQuery  *query,
            GError       **error)
{
  query->tasks.due_soon_days = dd_store_get_due_soon_days (store, error);
  if (error != NULL && *error != NULL)
    return FALSE;
  return dd_cli_resolve_plan (store, plan_number, &query->tasks.plan_id, error);
}

/* chart */

typedef struct
{
  char *out;
  int width;
  int height;
  char *as_of_text;
  char *plan_number;
  char *interval_text;
  char *sort_text;
  gboolean no_title;
  DdChartKind kind;
  DdStatsQuery query;
} ChartOptions;

static void
chart_init (gpointer data)
{
  ChartOptions *options = data;

  options->width = 1200;
  options->height = 800;
}

static gboolean
chart_check (DdCliInvocation  *cli,
             gpointer          data,
             GError          **error)
{
  ChartOptions *options = data;
  g_autofree char *lower = NULL;

  if (!dd_chart_kind_from_string (cli->argv[1], &options->kind))
    return dd_cli_set_usage_error (error, _("The kind of chart must be status, units, progress or indicators"));
  if (options->out == NULL)
    return dd_cli_set_usage_error (error, _("Say where to write the chart: --out FILE"));
  if (options->width < 16 || options->width > 20000 || options->height < 16 || options->height > 20000)
    return dd_cli_set_usage_error (error, _("The width and height must be between 16 and 20000"));

  dd_stats_query_init (&options->query);
  if (options->interval_text != NULL)
    {
      if (g_str_equal (options->interval_text, "week"))
        options->query.interval = DD_STATS_BY_WEEK;
      else if (g_str_equal (options->interval_text, "month"))
        options->query.interval = DD_STATS_BY_MONTH;
      else
        return dd_cli_set_usage_error (error, _("The interval must be “week” or “month”"));
    }
  if (options->sort_text != NULL && !g_str_equal (options->sort_text, "name")
      && !g_str_equal (options->sort_text, "lateness"))
    return dd_cli_set_usage_error (error, _("The order must be “name” or “lateness”"));

  /* Refuse an unknown format before touching any database. */
  lower = g_ascii_strdown (options->out, -1);
  if (!g_str_has_suffix (lower, ".png") && !g_str_has_suffix (lower, ".svg")
      && !g_str_has_suffix (lower, ".pdf"))
    {
      g_autofree char *display = g_filename_display_name (options->out);

      return dd_cli_set_refused (error, _("Cannot tell the format of “%s”: the name must end in .png, "
                                          ".svg or .pdf."), display);
    }

  return dd_cli_parse_date_option ("--as-of", options->as_of_text, &options->query.tasks.as_of, error);
}

static gboolean
chart_run (DdCliInvocation  *cli,
           gpointer          data,
           GError          **error)
{
  ChartOptions *options = data;
  g_autoptr(DdChart) chart = NULL;
  g_autofree char *display = NULL;

  if (!fill_query (cli->store, options->plan_number, &options->query, error))
    return FALSE;

  chart = dd_chart_new (options->kind);
  if (options->sort_text != NULL && g_str_equal (options->sort_text, "lateness"))
    dd_chart_set_unit_sort (chart, DD_CHART_SORT_BY_LATENESS);
  if (!dd_chart_load (chart, cli->store, &options->query, error))
    return FALSE;
  if (!options->no_title)
    {
      g_autofree char *title = dd_chart_dup_default_title (chart);

      dd_chart_set_title (chart, title);
    }

  if (!dd_chart_save (chart, options->out, options->width, options->height, error))
    return FALSE;

  display = g_filename_display_name (options->out);
  /* Translators: %s is a file name. */
  g_print (_("Wrote %s\n"), display);
  return TRUE;
}

static const GOptionEntry chart_entries[] = {
  { "out", 'o', 0, G_OPTION_ARG_FILENAME, DD_CLI_OPTION (ChartOptions, out),
    N_("Write the chart to FILE (.png, .svg or .pdf)"), N_("FILE") },
  { "width", 0, 0, G_OPTION_ARG_INT, DD_CLI_OPTION (ChartOptions, width),
    N_("Width in pixels (PNG) or points (SVG, PDF); default 1200"), N_("W") },
  { "height", 0, 0, G_OPTION_ARG_INT, DD_CLI_OPTION (ChartOptions, height),
    N_("Height in pixels (PNG) or points (SVG, PDF); default 800"), N_("H") },
  { "as-of", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (ChartOptions, as_of_text),
    N_("Work out the status as of DATE (default: today)"), N_("DATE") },
  { "plan", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (ChartOptions, plan_number),
    N_("Only the tasks of the plan numbered NUMBER"), N_("NUMBER") },
  { "interval", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (ChartOptions, interval_text),
    N_("Completion over time by week or month (default: week)"), N_("INTERVAL") },
  { "sort", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (ChartOptions, sort_text),
    N_("Order of the units: name or lateness (default: name)"), N_("ORDER") },
  { "no-title", 0, 0, G_OPTION_ARG_NONE, DD_CLI_OPTION (ChartOptions, no_title),
    N_("Draw the chart without its title"), NULL },
  { NULL }
};

const DdCliCommand dd_cli_command_chart = {
  .name = "chart",
  .synopsis = N_("chart KIND"),
  .description = N_("Draw a chart (status, units, progress, indicators) into --out FILE"),
  .parameter_string = N_("KIND — draw a chart (status, units, progress or indicators) into a file"),
  .entries = chart_entries,
  .options_size = sizeof (ChartOptions),
  .init = chart_init,
  .n_args = 1,
  .args_error = N_("“chart” needs exactly one kind: status, units, progress or indicators"),
  .store = DD_CLI_STORE_READ_WRITE,
  .check = chart_check,
  .run = chart_run,
};

/* summary */

typedef struct
{
  char *as_of_text;
  char *plan_number;
  DdStatsQuery query;
} SummaryOptions;

static gboolean
summary_check (DdCliInvocation  *cli,
               gpointer          data,
               GError          **error)
{
  SummaryOptions *options = data;

  dd_stats_query_init (&options->query);
  return dd_cli_parse_date_option ("--as-of", options->as_of_text, &options->query.tasks.as_of, error);
}

static void
print_rate_line (const DdStatsHeadline *headline)
{
  if (headline->has_rate)
    {
      g_autofree char *rate = dd_format_percent (100.0 * headline->completion_rate, 1);

      g_print (_("Completion rate: %s (done ÷ (done + overdue or forgotten))\n"), rate);
    }
  else
    g_print (_("Completion rate: none (nothing done or overdue)\n"));
}

static void
print_summary_json (const DdStatsQuery    *query,
                    const DdStatsHeadline *headline)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *as_of = dd_cli_dup_date_iso (&query->tasks.as_of);

  json_builder_begin_object (builder);
  dd_cli_builder_add_string_or_null (builder, "as_of", as_of);
  json_builder_set_member_name (builder, "tasks");
  json_builder_add_int_value (builder, headline->tasks);
  for (int s = 0; s < DD_N_STATUSES; s++)
    {
      json_builder_set_member_name (builder, dd_task_status_to_string ((DdTaskStatus) s));
      json_builder_add_int_value (builder, headline->counts[s]);
    }
  json_builder_set_member_name (builder, "completion_rate");
  if (headline->has_rate)
    json_builder_add_double_value (builder, headline->completion_rate);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  dd_cli_print_json (builder);
}

static void
print_summary_text (const DdStatsQuery    *query,
                    const DdStatsHeadline *headline)
{
  g_autofree char *as_of = dd_date_to_dmy (&query->tasks.as_of);
  g_autofree char *tasks = dd_format_number (headline->tasks, 0);

  /* Translators: the number of tasks, then the reference date. */
  g_print (_("Tasks: %s (as of %s)\n"), tasks, as_of);
  for (int s = 0; s < DD_N_STATUSES; s++)
    {
      g_autofree char *n = dd_format_number (headline->counts[s], 0);

      g_print ("  %s: %s\n", dd_task_status_get_label ((DdTaskStatus) s), n);
    }
  print_rate_line (headline);
}

static gboolean
summary_run (DdCliInvocation  *cli,
             gpointer          data,
             GError          **error)
{
  g_autoptr(DdStats) stats = NULL;
  SummaryOptions *options = data;
  DdStatsHeadline headline;

  if (!fill_query (cli->store, options->plan_number, &options->query, error))
    return FALSE;
  stats = dd_stats_new (cli->store);
  if (!dd_stats_get_headline (stats, &options->query, &headline, error))
    return FALSE;

  if (cli->format == FORMAT_JSON)
    print_summary_json (&options->query, &headline);
  else
    print_summary_text (&options->query, &headline);
  return TRUE;
}

static const GOptionEntry summary_entries[] = {
  { "as-of", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (SummaryOptions, as_of_text),
    N_("Work out the status as of DATE (default: today)"), N_("DATE") },
  DD_CLI_FORMAT_ENTRY,
  { "plan", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (SummaryOptions, plan_number),
    N_("Only the tasks of the plan numbered NUMBER"), N_("NUMBER") },
  { NULL }
};

const DdCliCommand dd_cli_command_summary = {
  .name = "summary",
  .synopsis = N_("summary"),
  .description = N_("Print the headline figures: tasks per status, completion rate"),
  .parameter_string = N_("summary — the headline figures: tasks per status, completion rate"),
  .entries = summary_entries,
  .options_size = sizeof (SummaryOptions),
  .n_args = 0,
  .args_error = N_("“summary” takes no arguments"),
  .formats = DD_CLI_FORMATS_TEXT_JSON,
  .store = DD_CLI_STORE_READ_WRITE,
  .check = summary_check,
  .run = summary_run,
};
