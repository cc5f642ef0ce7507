/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-cli.h"

/*
 * `chart` draws one dashboard chart into a PNG, SVG or PDF file with the
 * same code as the window; `summary` prints the headline figures.
 */

/* Reads the options shared by both commands into @query; returns an exit
 * status, or -1 to go on. */
static int
fill_query (DdStore      *store,
            const char   *plan_number,
            DdStatsQuery *query)
{
  g_autoptr(GError) error = NULL;

  query->tasks.due_soon_days = dd_store_get_due_soon_days (store);
  if (!dd_cli_resolve_plan_or_report (store, plan_number, &query->tasks.plan_id))
    return EXIT_BAD_INPUT;
  return -1;
}

int
dd_cli_command_chart (Globals  *globals,
                      char   ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdChart) chart = NULL;
  g_autofree char *out = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *plan_number = NULL;
  g_autofree char *interval_text = NULL;
  g_autofree char *sort_text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *lower = NULL;
  gboolean no_title = FALSE;
  int width = 1200, height = 800;
  int exit_status = EXIT_OK;
  DdChartKind kind;
  DdStatsQuery query;
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out,
      N_("Write the chart to FILE (.png, .svg or .pdf)"), N_("FILE") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width,
      N_("Width in pixels (PNG) or points (SVG, PDF); default 1200"), N_("W") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height,
      N_("Height in pixels (PNG) or points (SVG, PDF); default 800"), N_("H") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("Work out the status as of DATE (default: today)"), N_("DATE") },
    { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_number,
      N_("Only the tasks of the plan numbered NUMBER"), N_("NUMBER") },
    { "interval", 0, 0, G_OPTION_ARG_STRING, &interval_text,
      N_("Completion over time by week or month (default: week)"), N_("INTERVAL") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort_text,
      N_("Order of the units: name or lateness (default: name)"), N_("ORDER") },
    { "no-title", 0, 0, G_OPTION_ARG_NONE, &no_title,
      N_("Draw the chart without its title"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("KIND — draw a chart (status, units, progress or indicators) into a file"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dd_cli_parse_command_options (context, argv, &exit_status))
    return exit_status;

  if (g_strv_length (*argv) != 2)
    return dd_cli_usage_error (context, _("“chart” needs exactly one kind: status, units, progress or indicators"));
  if (!dd_chart_kind_from_string ((*argv)[1], &kind))
    return dd_cli_usage_error (context, _("The kind of chart must be status, units, progress or indicators"));
  if (out == NULL)
    return dd_cli_usage_error (context, _("Say where to write the chart: --out FILE"));
  if (width < 16 || width > 20000 || height < 16 || height > 20000)
    return dd_cli_usage_error (context, _("The width and height must be between 16 and 20000"));

  dd_stats_query_init (&query);
  if (interval_text != NULL)
    {
      if (g_str_equal (interval_text, "week"))
        query.interval = DD_STATS_BY_WEEK;
      else if (g_str_equal (interval_text, "month"))
        query.interval = DD_STATS_BY_MONTH;
      else
        return dd_cli_usage_error (context, _("The interval must be “week” or “month”"));
    }
  if (sort_text != NULL && !g_str_equal (sort_text, "name") && !g_str_equal (sort_text, "lateness"))
    return dd_cli_usage_error (context, _("The order must be “name” or “lateness”"));

  /* Refuse an unknown format before touching any database. */
  lower = g_ascii_strdown (out, -1);
  if (!g_str_has_suffix (lower, ".png") && !g_str_has_suffix (lower, ".svg")
      && !g_str_has_suffix (lower, ".pdf"))
    {
      g_autofree char *display = g_filename_display_name (out);

      dd_cli_refuse (_("Cannot tell the format of “%s”: the name must end in .png, .svg or .pdf."), display);
      return EXIT_BAD_INPUT;
    }

  if (as_of_text != NULL && !dd_date_parse_any (as_of_text, &query.tasks.as_of))
    {
      dd_cli_print_invalid_date ("--as-of", as_of_text);
      return EXIT_BAD_INPUT;
    }

  store = dd_cli_open_store_or_report (globals);
  if (store == NULL)
    return EXIT_BAD_INPUT;
  exit_status = fill_query (store, plan_number, &query);
  if (exit_status >= 0)
    return exit_status;

  chart = dd_chart_new (kind);
  if (sort_text != NULL && g_str_equal (sort_text, "lateness"))
    dd_chart_set_unit_sort (chart, DD_CHART_SORT_BY_LATENESS);
  if (!dd_chart_load (chart, store, &query, &error))
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }
  if (!no_title)
    {
      title = dd_chart_dup_default_title (chart);
      dd_chart_set_title (chart, title);
    }

  if (!dd_chart_save (chart, out, width, height, &error))
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }

  {
    g_autofree char *display = g_filename_display_name (out);

    /* Translators: %s is a file name. */
    g_print (_("Wrote %s\n"), display);
  }
  return EXIT_OK;
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

int
dd_cli_command_summary (Globals  *globals,
                        char   ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *plan_number = NULL;
  OutputFormat format;
  DdStatsQuery query;
  DdStatsHeadline headline;
  int exit_status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("Work out the status as of DATE (default: today)"), N_("DATE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text,
      N_("Output format: text or json"), N_("FORMAT") },
    { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_number,
      N_("Only the tasks of the plan numbered NUMBER"), N_("NUMBER") },
    { NULL }
  };

  context = g_option_context_new (_("summary — the headline figures: tasks per status, completion rate"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dd_cli_parse_command_options (context, argv, &exit_status))
    return exit_status;

  if (g_strv_length (*argv) > 1)
    return dd_cli_usage_error (context, _("“summary” takes no arguments"));
  if (!dd_cli_parse_format (format_text, &format))
    return dd_cli_usage_error (context, _("The format must be “text” or “json”"));

  dd_stats_query_init (&query);
  if (as_of_text != NULL && !dd_date_parse_any (as_of_text, &query.tasks.as_of))
    {
      dd_cli_print_invalid_date ("--as-of", as_of_text);
      return EXIT_BAD_INPUT;
    }

  store = dd_cli_open_store_or_report (globals);
  if (store == NULL)
    return EXIT_BAD_INPUT;
  exit_status = fill_query (store, plan_number, &query);
  if (exit_status >= 0)
    return exit_status;

  if (!dd_store_stats_headline (store, &query, &headline, &error))
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }

  if (format == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *as_of = dd_cli_dup_date_iso (&query.tasks.as_of);

      json_builder_begin_object (builder);
      dd_cli_builder_add_string_or_null (builder, "as_of", as_of);
      json_builder_set_member_name (builder, "tasks");
      json_builder_add_int_value (builder, headline.tasks);
      for (int s = 0; s < DD_N_STATUSES; s++)
        {
          json_builder_set_member_name (builder, dd_task_status_to_string ((DdTaskStatus) s));
          json_builder_add_int_value (builder, headline.counts[s]);
        }
      json_builder_set_member_name (builder, "completion_rate");
      if (headline.has_rate)
        json_builder_add_double_value (builder, headline.completion_rate);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
      dd_cli_print_json (builder);
    }
  else
    {
      g_autofree char *as_of = dd_date_to_dmy (&query.tasks.as_of);
      g_autofree char *tasks = dd_format_number (headline.tasks, 0);

      /* Translators: the number of tasks, then the reference date. */
      g_print (_("Tasks: %s (as of %s)\n"), tasks, as_of);
      for (int s = 0; s < DD_N_STATUSES; s++)
        {
          g_autofree char *n = dd_format_number (headline.counts[s], 0);

          g_print ("  %s: %s\n", dd_task_status_get_label ((DdTaskStatus) s), n);
        }
      print_rate_line (&headline);
    }

  return EXIT_OK;
}
