/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-cli"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "dd-cli.h"

/*
 * The scorecard commands: scorecard, indicator (set, list), dossier (set,
 * show) and check (the "6 rõ" findings).
 */

/* Auxiliary methods */

static gboolean
parse_period_option (const char    *text,
                     DdScorePeriod *out)
{
  g_autoptr(GError) error = NULL;

  if (dd_score_period_parse (text, out, &error))
    return TRUE;
  dd_cli_print_error (error);
  return FALSE;
}

/* A number as typed: "412", "412.5" or "412,5". */
static gboolean
parse_figure (const char *text,
              double     *out)
{
  g_autofree char *copy = NULL;
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  copy = g_strdup (text);
  g_strdelimit (copy, ",", '.');
  *out = g_ascii_strtod (copy, &end);
  return end != copy && *end == '\0' && isfinite (*out);
}

static gboolean
parse_count (const char *text,
             guint      *out)
{
  guint64 value;

  if (text == NULL)
    {
      *out = 0;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT32, &value, NULL))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

static void
add_number_or_null (JsonBuilder *builder,
                    const char  *member,
                    gboolean     has_value,
                    double       value)
{
  json_builder_set_member_name (builder, member);
  if (has_value && isfinite (value))
    json_builder_add_double_value (builder, round (value * 10000.0) / 10000.0);
  else
    json_builder_add_null_value (builder);
}

static char *
format_score (DdScorecard *card)
{
  if (!dd_scorecard_has_score (card))
    return g_strdup ("—");
  return dd_format_number (dd_scorecard_get_score (card), 1);
}

/* scorecard */

static void
add_scorecard_json (JsonBuilder *builder,
                    DdScorecard *card)
{
  const DdScoreInput *input = dd_scorecard_get_input (card);
  GPtrArray *indicators = dd_scorecard_get_indicators (card);
  GArray *trend = dd_scorecard_get_trend (card);
  g_autofree char *period = dd_score_period_to_string (dd_scorecard_get_period (card));
  g_autofree char *as_of = dd_cli_dup_date_iso (dd_scorecard_get_as_of (card));
  double rate = 0.0;
  gboolean has_rate = dd_scorecard_get_completion_rate (card, &rate);
  gboolean scored = dd_scorecard_has_score (card);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "unit");
  json_builder_add_string_value (builder, dd_scorecard_get_unit_name (card));
  json_builder_set_member_name (builder, "unit_id");
  json_builder_add_int_value (builder, dd_scorecard_get_unit_id (card));
  json_builder_set_member_name (builder, "period");
  json_builder_add_string_value (builder, period);
  dd_cli_builder_add_string_or_null (builder, "as_of", as_of);
  json_builder_set_member_name (builder, "led");
  json_builder_add_int_value (builder, dd_scorecard_get_n_led (card));
  json_builder_set_member_name (builder, "coordinated");
  json_builder_add_int_value (builder, dd_scorecard_get_n_coordinated (card));
  json_builder_set_member_name (builder, "done_on_time");
  json_builder_add_int_value (builder, dd_scorecard_get_count (card, DD_STATUS_DONE_ON_TIME));
  json_builder_set_member_name (builder, "done_late");
  json_builder_add_int_value (builder, dd_scorecard_get_count (card, DD_STATUS_DONE_LATE));
  json_builder_set_member_name (builder, "in_progress");
  json_builder_add_int_value (builder, dd_scorecard_get_count (card, DD_STATUS_IN_PROGRESS) +
                                       dd_scorecard_get_count (card, DD_STATUS_DUE_SOON));
  json_builder_set_member_name (builder, "overdue");
  json_builder_add_int_value (builder, dd_scorecard_get_count (card, DD_STATUS_OVERDUE));
  json_builder_set_member_name (builder, "forgotten");
  json_builder_add_int_value (builder, dd_scorecard_get_n_forgotten (card));
  json_builder_set_member_name (builder, "no_deadline");
  json_builder_add_int_value (builder, dd_scorecard_get_count (card, DD_STATUS_NO_DEADLINE));
  add_number_or_null (builder, "completion_rate", has_rate, rate);
  add_number_or_null (builder, "score", scored, dd_scorecard_get_score (card));
  dd_cli_builder_add_string_or_null (builder, "level", dd_score_level_to_string (dd_scorecard_get_level (card)));
  json_builder_set_member_name (builder, "rank");
  if (scored)
    json_builder_add_int_value (builder, dd_scorecard_get_rank (card));
  else
    json_builder_add_null_value (builder);
  dd_cli_builder_add_string_or_null (builder, "no_score_reason", dd_scorecard_get_no_score_reason (card));

  json_builder_set_member_name (builder, "components");
  json_builder_begin_object (builder);
  for (guint c = 0; c < DD_N_SCORE_COMPONENTS; c++)
    {
      const DdScoreComponentResult *result = dd_scorecard_get_component (card, (DdScoreComponent) c);

      json_builder_set_member_name (builder, dd_score_component_to_string ((DdScoreComponent) c));
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "applies");
      json_builder_add_boolean_value (builder, result->applies);
      add_number_or_null (builder, "weight", TRUE, result->weight);
      add_number_or_null (builder, "earned", TRUE, result->earned);
      add_number_or_null (builder, "possible", TRUE, result->possible);
      add_number_or_null (builder, "ratio", result->possible > 0, result->ratio);
      add_number_or_null (builder, "points", result->applies, result->points);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "reports");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "on_time");
  json_builder_add_int_value (builder, input->reports_on_time);
  json_builder_set_member_name (builder, "late");
  json_builder_add_int_value (builder, input->reports_late);
  json_builder_set_member_name (builder, "forgotten");
  json_builder_add_int_value (builder, input->reports_forgotten);
  json_builder_set_member_name (builder, "pending");
  json_builder_add_int_value (builder, input->reports_pending);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "six_clear");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "checked");
  json_builder_add_int_value (builder, input->six_clear_checked);
  json_builder_set_member_name (builder, "passed");
  json_builder_add_int_value (builder, input->six_clear_passed);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "indicators");
  json_builder_begin_array (builder);
  for (guint i = 0; indicators != NULL && i < indicators->len; i++)
    {
      const DdScoreIndicator *indicator = g_ptr_array_index (indicators, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, indicator->indicator_id);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, indicator->title);
      json_builder_set_member_name (builder, "derived");
      json_builder_add_boolean_value (builder, indicator->derived);
      add_number_or_null (builder, "numerator", TRUE, indicator->numerator);
      add_number_or_null (builder, "denominator", TRUE, indicator->denominator);
      add_number_or_null (builder, "achieved", indicator->has_data, indicator->achieved);
      add_number_or_null (builder, "target", TRUE, indicator->target);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "trend");
  json_builder_begin_array (builder);
  for (guint i = 0; trend != NULL && i < trend->len; i++)
    {
      double value = g_array_index (trend, double, i);

      if (isfinite (value))
        json_builder_add_double_value (builder, value);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
}

int
dd_cli_command_scorecard (Globals  *globals,
                          char   ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdScoring) scoring = NULL;
  g_autoptr(GListModel) cards = NULL;
  g_autofree char *period_text = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *format_text = NULL;
  OutputFormat format;
  DdScorePeriod period;
  GDate as_of;
  int exit_status = EXIT_OK;
  guint n;
  const GOptionEntry entries[] = {
    { "period", 0, 0, G_OPTION_ARG_STRING, &period_text,
      N_("The period: 2026-Q2, 2026-H1, 2026 or 2026-05 (default: the current quarter)"), N_("PERIOD") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("Judge the tasks as of DATE (default: today, or the end of a past period)"), N_("DATE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text,
      N_("Output format: text or json"), N_("FORMAT") },
    { NULL }
  };

  context = g_option_context_new (_("scorecard — score each unit for a period"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dd_cli_parse_command_options (context, argv, &exit_status))
    return exit_status;

  if (g_strv_length (*argv) > 1)
    return dd_cli_usage_error (context, _("“scorecard” takes no arguments"));
  if (!dd_cli_parse_format (format_text, &format))
    return dd_cli_usage_error (context, _("The format must be “text” or “json”"));

  g_date_clear (&as_of, 1);
  if (as_of_text != NULL && !dd_date_parse_any (as_of_text, &as_of))
    {
      dd_cli_print_invalid_date ("--as-of", as_of_text);
      return EXIT_BAD_INPUT;
    }
  if (period_text != NULL)
    {
      if (!parse_period_option (period_text, &period))
        return EXIT_BAD_INPUT;
    }
  else
    {
      GDate today;

      if (dd_date_is_set (&as_of))
        today = as_of;
      else
        dd_date_set_today (&today);
      dd_score_period_for_date (&period, DD_OCCURRENCE_QUARTER, &today);
    }

  store = dd_cli_open_store_or_report (globals);
  if (store == NULL)
    return EXIT_BAD_INPUT;

  scoring = dd_scoring_new (store);
  cards = dd_scoring_list_scorecards (scoring, &period, dd_date_is_set (&as_of) ? &as_of : NULL, &error);
  if (cards == NULL)
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }
  n = g_list_model_get_n_items (cards);

  if (format == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DdScorecard) card = g_list_model_get_item (cards, i);

          add_scorecard_json (builder, card);
        }
      json_builder_end_array (builder);
      dd_cli_print_json (builder);
    }
  else
    {
      g_autoptr(DdCliTable) table = dd_cli_table_new (12);
      g_autofree char *label = dd_score_period_dup_label (&period);
      g_autofree char *from = dd_cli_dup_date_dmy (&period.start);
      g_autofree char *to = dd_cli_dup_date_dmy (&period.end);

      dd_cli_table_set_column (table, 0, _("Unit"), DD_CLI_ALIGN_LEFT, 40);
      dd_cli_table_set_column (table, 1, _("Led"), DD_CLI_ALIGN_RIGHT, 0);
      dd_cli_table_set_column (table, 2, _("Coord."), DD_CLI_ALIGN_RIGHT, 0);
      dd_cli_table_set_column (table, 3, _("On time"), DD_CLI_ALIGN_RIGHT, 0);
      dd_cli_table_set_column (table, 4, _("Late"), DD_CLI_ALIGN_RIGHT, 0);
      dd_cli_table_set_column (table, 5, _("In progress"), DD_CLI_ALIGN_RIGHT, 0);
      dd_cli_table_set_column (table, 6, _("Overdue"), DD_CLI_ALIGN_RIGHT, 0);
      dd_cli_table_set_column (table, 7, _("Forgotten"), DD_CLI_ALIGN_RIGHT, 0);
      dd_cli_table_set_column (table, 8, _("Rate"), DD_CLI_ALIGN_RIGHT, 0);
      dd_cli_table_set_column (table, 9, _("Score"), DD_CLI_ALIGN_RIGHT, 0);
      dd_cli_table_set_column (table, 10, _("Rank"), DD_CLI_ALIGN_RIGHT, 0);
      dd_cli_table_set_column (table, 11, _("Level"), DD_CLI_ALIGN_LEFT, 30);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DdScorecard) card = g_list_model_get_item (cards, i);
          g_autofree char *led = g_strdup_printf ("%u", dd_scorecard_get_n_led (card));
          g_autofree char *coordinated = g_strdup_printf ("%u", dd_scorecard_get_n_coordinated (card));
          g_autofree char *on_time = g_strdup_printf ("%u", dd_scorecard_get_count (card, DD_STATUS_DONE_ON_TIME));
          g_autofree char *late = g_strdup_printf ("%u", dd_scorecard_get_count (card, DD_STATUS_DONE_LATE));
          g_autofree char *progress = g_strdup_printf ("%u", dd_scorecard_get_count (card, DD_STATUS_IN_PROGRESS) +
                                                             dd_scorecard_get_count (card, DD_STATUS_DUE_SOON));
          g_autofree char *overdue = g_strdup_printf ("%u", dd_scorecard_get_count (card, DD_STATUS_OVERDUE));
          g_autofree char *forgotten = g_strdup_printf ("%u", dd_scorecard_get_n_forgotten (card));
          g_autofree char *rate_text = NULL;
          g_autofree char *score = format_score (card);
          g_autofree char *rank = NULL;
          double rate;
          const char *cells[12];

          rate_text = dd_scorecard_get_completion_rate (card, &rate) ? dd_format_percent (100.0 * rate, 1)
                                                                     : g_strdup ("—");
          rank = dd_scorecard_has_score (card) ? g_strdup_printf ("%u", dd_scorecard_get_rank (card))
                                               : g_strdup ("—");
          cells[0] = dd_scorecard_get_unit_name (card);
          cells[1] = led;
          cells[2] = coordinated;
          cells[3] = on_time;
          cells[4] = late;
          cells[5] = progress;
          cells[6] = overdue;
          cells[7] = forgotten;
          cells[8] = rate_text;
          cells[9] = score;
          cells[10] = rank;
          cells[11] = dd_scorecard_has_score (card) ? dd_score_level_get_label (dd_scorecard_get_level (card))
                                                    : dd_scorecard_get_no_score_reason (card);
          dd_cli_table_add_row (table, cells);
        }
      /* Translators: "Quý II/2026 (15/03/2026 – 14/06/2026)". */
      g_print (_("%s (%s – %s)\n"), label, from, to);
      if (dd_cli_table_get_n_rows (table) > 0)
        dd_cli_print_table (table);
    }
  return EXIT_OK;
}

/* indicator */

static int
indicator_list (Globals        *globals,
                GOptionContext *context,
                const char     *period_text,
                OutputFormat    format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdFigures) store_figures = NULL;
  g_autoptr(GPtrArray) indicators = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  DdScorePeriod period;

  (void) context;
  if (period_text != NULL && !parse_period_option (period_text, &period))
    return EXIT_BAD_INPUT;

  store = dd_cli_open_store_or_report (globals);
  if (store == NULL)
    return EXIT_BAD_INPUT;
  store_figures = dd_figures_new (store);
  indicators = dd_figures_list_indicators (store_figures, 0, &error);
  if (indicators != NULL)
    figures = dd_figures_list_indicator_figures (store_figures, 0, period_text != NULL ? &period : NULL, &error);
  if (figures == NULL)
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }

  if (format == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < indicators->len; i++)
        {
          const DdIndicatorInfo *info = g_ptr_array_index (indicators, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, info->id);
          json_builder_set_member_name (builder, "plan_id");
          json_builder_add_int_value (builder, info->plan_id);
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, info->title);
          add_number_or_null (builder, "target", TRUE, info->target);
          json_builder_set_member_name (builder, "derived");
          json_builder_add_boolean_value (builder, info->derived);
          json_builder_set_member_name (builder, "figures");
          json_builder_begin_array (builder);
          for (guint f = 0; f < figures->len; f++)
            {
              const DdIndicatorFigure *figure = g_ptr_array_index (figures, f);
              g_autofree char *start = dd_cli_dup_date_iso (&figure->period_start);
              g_autofree char *end = dd_cli_dup_date_iso (&figure->period_end);

              if (figure->indicator_id != info->id)
                continue;
              json_builder_begin_object (builder);
              dd_cli_builder_add_string_or_null (builder, "unit", figure->unit_name);
              dd_cli_builder_add_string_or_null (builder, "period_start", start);
              dd_cli_builder_add_string_or_null (builder, "period_end", end);
              add_number_or_null (builder, "numerator", TRUE, figure->numerator);
              add_number_or_null (builder, "denominator", TRUE, figure->denominator);
              dd_cli_builder_add_string_or_null (builder, "source", figure->source);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      dd_cli_print_json (builder);
      return EXIT_OK;
    }

  for (guint i = 0; i < indicators->len; i++)
    {
      const DdIndicatorInfo *info = g_ptr_array_index (indicators, i);
      g_autoptr(DdCliTable) table = dd_cli_table_new (4);

      g_print ("%" G_GINT64_FORMAT ". %s%s\n", info->id, info->title,
               info->derived ? _(" (derived from the tasks and dossiers)") : "");
      dd_cli_table_set_column (table, 0, _("Unit"), DD_CLI_ALIGN_LEFT, 40);
      dd_cli_table_set_column (table, 1, _("Period"), DD_CLI_ALIGN_LEFT, 0);
      dd_cli_table_set_column (table, 2, _("Figure"), DD_CLI_ALIGN_RIGHT, 0);
      dd_cli_table_set_column (table, 3, _("Source"), DD_CLI_ALIGN_LEFT, 40);
      for (guint f = 0; f < figures->len; f++)
        {
          const DdIndicatorFigure *figure = g_ptr_array_index (figures, f);
          g_autofree char *start = dd_cli_dup_date_dmy (&figure->period_start);
          g_autofree char *end = dd_cli_dup_date_dmy (&figure->period_end);
          g_autofree char *when = g_strdup_printf ("%s – %s", start, end);
          g_autofree char *num = dd_format_number (figure->numerator, 0);
          g_autofree char *den = dd_format_number (figure->denominator, 0);
          g_autofree char *value = g_strdup_printf ("%s/%s", num, den);
          const char *cells[4];

          if (figure->indicator_id != info->id)
            continue;
          cells[0] = figure->unit_name != NULL ? figure->unit_name : _("Whole office");
          cells[1] = when;
          cells[2] = value;
          cells[3] = figure->source;
          dd_cli_table_add_row (table, cells);
        }
      if (dd_cli_table_get_n_rows (table) > 0)
        dd_cli_print_table (table);
    }
  return EXIT_OK;
}

static int
indicator_import (Globals      *globals,
                  const char   *path,
                  OutputFormat  format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdFigures) store_figures = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint n = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }
  store = dd_cli_open_store_or_report (globals);
  if (store == NULL)
    return EXIT_BAD_INPUT;
  store_figures = dd_figures_new (store);
  if (!dd_figures_import_indicator_figures (store_figures, contents, (gssize) length, &n, &error))
    {
      g_autofree char *basename = g_path_get_basename (path);

      /* Translators: an indicator figures file that was refused: the file,
       * then why ("Line 4, column 3 (period): …"). Nothing was imported. */
      dd_cli_refuse (_("%s: %s — nothing was imported"), basename, error->message);
      return EXIT_BAD_INPUT;
    }

  if (format == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "imported");
      json_builder_add_int_value (builder, n);
      json_builder_end_object (builder);
      dd_cli_print_json (builder);
    }
  else
    g_print (ngettext ("Imported %u figure.\n", "Imported %u figures.\n", n), n);
  return EXIT_OK;
}

int
dd_cli_command_indicator (Globals  *globals,
                          char   ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdFigures) store_figures = NULL;
  g_autoptr(DdUnit) unit = NULL;
  g_autofree char *unit_name = NULL;
  g_autofree char *period_text = NULL;
  g_autofree char *num_text = NULL;
  g_autofree char *den_text = NULL;
  g_autofree char *source = NULL;
  g_autofree char *format_text = NULL;
  OutputFormat format;
  DdScorePeriod period;
  guint64 indicator_id;
  double num, den;
  int exit_status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit_name,
      N_("The unit the figure is of"), N_("UNIT") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period_text,
      N_("The period: 2026-Q2, 2026-H1, 2026 or 2026-05"), N_("PERIOD") },
    { "num", 0, 0, G_OPTION_ARG_STRING, &num_text,
      N_("The numerator (e.g. documents signed digitally)"), N_("N") },
    { "den", 0, 0, G_OPTION_ARG_STRING, &den_text,
      N_("The denominator (e.g. documents issued)"), N_("D") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source,
      N_("Where the figure comes from"), N_("TEXT") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text,
      N_("Output format: text or json"), N_("FORMAT") },
    { NULL }
  };

  context = g_option_context_new (_("set INDICATOR_ID | list | import FILE.csv — the figures of the plan's indicators"));
  g_option_context_set_summary (context,
                                _("“import” reads a CSV file (comma, semicolon or tab separated, UTF-8) with one "
                                  "figure a row in six columns: indicator (its ID, or the plan's number and its "
                                  "position: “662/KH-VPUB#1”), unit (empty: the whole office), period (2026-Q2, "
                                  "2026-H1, 2026 or 2026-05), numerator, denominator, source (may be empty). A "
                                  "first row of column names is skipped. One bad row and nothing is imported: "
                                  "the error gives its line and column."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dd_cli_parse_command_options (context, argv, &exit_status))
    return exit_status;
  if (!dd_cli_parse_format (format_text, &format))
    return dd_cli_usage_error (context, _("The format must be “text” or “json”"));

  if (g_strv_length (*argv) == 2 && g_str_equal ((*argv)[1], "list"))
    return indicator_list (globals, context, period_text, format);
  if (g_strv_length (*argv) == 3 && g_str_equal ((*argv)[1], "import"))
    return indicator_import (globals, (*argv)[2], format);

  if (g_strv_length (*argv) != 3 || !g_str_equal ((*argv)[1], "set"))
    return dd_cli_usage_error (context, _("Write “indicator set INDICATOR_ID …”, “indicator list” or "
                                          "“indicator import FILE.csv”"));
  if (unit_name == NULL || period_text == NULL || num_text == NULL || den_text == NULL)
    return dd_cli_usage_error (context, _("“indicator set” needs --unit, --period, --num and --den"));

  if (!g_ascii_string_to_unsigned ((*argv)[2], 10, 1, G_MAXINT64, &indicator_id, NULL))
    {
      dd_cli_refuse (_("“%s” is not an indicator ID"), (*argv)[2]);
      return EXIT_BAD_INPUT;
    }
  if (!parse_figure (num_text, &num) || num < 0)
    {
      dd_cli_refuse (_("--num must be a number of at least 0, not “%s”"), num_text);
      return EXIT_BAD_INPUT;
    }
  if (!parse_figure (den_text, &den) || den < 0)
    {
      dd_cli_refuse (_("--den must be a number of at least 0, not “%s”"), den_text);
      return EXIT_BAD_INPUT;
    }
  if (!parse_period_option (period_text, &period))
    return EXIT_BAD_INPUT;

  store = dd_cli_open_store_or_report (globals);
  if (store == NULL)
    return EXIT_BAD_INPUT;
  unit = dd_cli_find_unit (store, unit_name, &error);
  if (unit == NULL)
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }
  store_figures = dd_figures_new (store);
  if (!dd_figures_set_indicator_figure (store_figures, (gint64) indicator_id, dd_unit_get_id (unit), &period,
                                        num, den, source, &error))
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }

  if (format == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *period_string = dd_score_period_to_string (&period);
      g_autofree char *start = dd_cli_dup_date_iso (&period.start);
      g_autofree char *end = dd_cli_dup_date_iso (&period.end);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "indicator");
      json_builder_add_int_value (builder, (gint64) indicator_id);
      json_builder_set_member_name (builder, "unit");
      json_builder_add_string_value (builder, dd_unit_get_name (unit));
      json_builder_set_member_name (builder, "period");
      json_builder_add_string_value (builder, period_string);
      dd_cli_builder_add_string_or_null (builder, "period_start", start);
      dd_cli_builder_add_string_or_null (builder, "period_end", end);
      add_number_or_null (builder, "numerator", TRUE, num);
      add_number_or_null (builder, "denominator", TRUE, den);
      dd_cli_builder_add_string_or_null (builder, "source", source);
      json_builder_end_object (builder);
      dd_cli_print_json (builder);
    }
  else
    {
      g_autofree char *label = dd_score_period_dup_label (&period);

      /* Translators: "Recorded 412/415 for Phòng Hành chính - Quản trị, Quý II/2026." */
      g_print (_("Recorded %g/%g for %s, %s.\n"), num, den, dd_unit_get_name (unit), label);
    }
  return EXIT_OK;
}

/* dossier */

int
dd_cli_command_dossier (Globals  *globals,
                        char   ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdFigures) store_figures = NULL;
  g_autoptr(DdUnit) unit = NULL;
  g_autofree char *unit_name = NULL;
  g_autofree char *period_text = NULL;
  g_autofree char *received = NULL;
  g_autofree char *on_time = NULL;
  g_autofree char *late = NULL;
  g_autofree char *pending = NULL;
  g_autofree char *apologies = NULL;
  g_autofree char *source = NULL;
  g_autofree char *format_text = NULL;
  OutputFormat format;
  DdScorePeriod period;
  DdDossierFigures figures = { 0 };
  gboolean setting, found = FALSE;
  int exit_status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit_name,
      N_("The unit (default: the whole office)"), N_("UNIT") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period_text,
      N_("The period: 2026-Q2, 2026-H1, 2026 or 2026-05"), N_("PERIOD") },
    { "received", 0, 0, G_OPTION_ARG_STRING, &received, N_("Dossiers received"), N_("N") },
    { "on-time", 0, 0, G_OPTION_ARG_STRING, &on_time, N_("Dossiers resolved on time"), N_("N") },
    { "late", 0, 0, G_OPTION_ARG_STRING, &late, N_("Dossiers resolved late"), N_("N") },
    { "pending", 0, 0, G_OPTION_ARG_STRING, &pending, N_("Dossiers pending"), N_("N") },
    { "apologies", 0, 0, G_OPTION_ARG_STRING, &apologies,
      N_("Apology letters sent for late dossiers"), N_("N") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("Where the figures come from"), N_("TEXT") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text,
      N_("Output format: text or json"), N_("FORMAT") },
    { NULL }
  };

  context = g_option_context_new (_("set | show — the dossier figures of a period"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dd_cli_parse_command_options (context, argv, &exit_status))
    return exit_status;
  if (!dd_cli_parse_format (format_text, &format))
    return dd_cli_usage_error (context, _("The format must be “text” or “json”"));
  if (g_strv_length (*argv) != 2 ||
      (!g_str_equal ((*argv)[1], "set") && !g_str_equal ((*argv)[1], "show")))
    return dd_cli_usage_error (context, _("Write “dossier set …” or “dossier show …”"));
  if (period_text == NULL)
    return dd_cli_usage_error (context, _("“dossier” needs --period"));
  setting = g_str_equal ((*argv)[1], "set");

  if (!parse_period_option (period_text, &period))
    return EXIT_BAD_INPUT;
  if (setting && (!parse_count (received, &figures.received) || !parse_count (on_time, &figures.on_time) ||
                  !parse_count (late, &figures.late) || !parse_count (pending, &figures.pending) ||
                  !parse_count (apologies, &figures.apologies)))
    {
      dd_cli_refuse (_("Dossier figures must be whole numbers of at least 0"));
      return EXIT_BAD_INPUT;
    }

  store = dd_cli_open_store_or_report (globals);
  if (store == NULL)
    return EXIT_BAD_INPUT;
  if (unit_name != NULL)
    {
      unit = dd_cli_find_unit (store, unit_name, &error);
      if (unit == NULL)
        {
          dd_cli_print_error (error);
          return EXIT_BAD_INPUT;
        }
    }
  store_figures = dd_figures_new (store);
  if (setting && !dd_figures_set_dossier_figures (store_figures, unit != NULL ? dd_unit_get_id (unit) : 0, &period,
                                                  &figures, source, &error))
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }
  if (!dd_figures_get_dossier_figures (store_figures, unit != NULL ? dd_unit_get_id (unit) : 0, &period,
                                       &figures, &found, &error))
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }

  if (format == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *period_string = dd_score_period_to_string (&period);

      json_builder_begin_object (builder);
      dd_cli_builder_add_string_or_null (builder, "unit", unit != NULL ? dd_unit_get_name (unit) : NULL);
      json_builder_set_member_name (builder, "period");
      json_builder_add_string_value (builder, period_string);
      json_builder_set_member_name (builder, "found");
      json_builder_add_boolean_value (builder, found);
      json_builder_set_member_name (builder, "received");
      json_builder_add_int_value (builder, figures.received);
      json_builder_set_member_name (builder, "on_time");
      json_builder_add_int_value (builder, figures.on_time);
      json_builder_set_member_name (builder, "late");
      json_builder_add_int_value (builder, figures.late);
      json_builder_set_member_name (builder, "pending");
      json_builder_add_int_value (builder, figures.pending);
      json_builder_set_member_name (builder, "apologies");
      json_builder_add_int_value (builder, figures.apologies);
      json_builder_set_member_name (builder, "apologies_missing");
      json_builder_add_int_value (builder, figures.late > figures.apologies ? figures.late - figures.apologies : 0);
      json_builder_end_object (builder);
      dd_cli_print_json (builder);
    }
  else
    {
      g_autofree char *label = dd_score_period_dup_label (&period);

      g_print ("%s — %s\n", unit != NULL ? dd_unit_get_name (unit) : _("Whole office"), label);
      g_print (_("Received %u, on time %u, late %u, pending %u, apology letters %u\n"),
               figures.received, figures.on_time, figures.late, figures.pending, figures.apologies);
      if (figures.late > figures.apologies)
        g_print (ngettext ("%u late dossier has no apology letter\n",
                           "%u late dossiers have no apology letter\n",
                           figures.late - figures.apologies),
                 figures.late - figures.apologies);
    }
  return EXIT_OK;
}

/* check */

int
dd_cli_command_check (Globals  *globals,
                      char   ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdScoring) scoring = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *plan_number = NULL;
  OutputFormat format;
  gint64 plan_id = 0;
  guint incomplete = 0;
  int exit_status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_number,
      N_("Only the tasks of the plan numbered NUMBER"), N_("NUMBER") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text,
      N_("Output format: text or json"), N_("FORMAT") },
    { NULL }
  };

  context = g_option_context_new (_("check — check every task against the “6 rõ” rule"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dd_cli_parse_command_options (context, argv, &exit_status))
    return exit_status;
  if (g_strv_length (*argv) > 1)
    return dd_cli_usage_error (context, _("“check” takes no arguments"));
  if (!dd_cli_parse_format (format_text, &format))
    return dd_cli_usage_error (context, _("The format must be “text” or “json”"));

  store = dd_cli_open_store_or_report (globals);
  if (store == NULL)
    return EXIT_BAD_INPUT;
  if (!dd_cli_resolve_plan (store, plan_number, &plan_id))
    return EXIT_BAD_INPUT;
  scoring = dd_scoring_new (store);
  findings = dd_scoring_check_six_clear (scoring, plan_id, &error);
  if (findings == NULL)
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }

  if (format == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < findings->len; i++)
        {
          const DdSixClearFinding *finding = g_ptr_array_index (findings, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "task_id");
          json_builder_add_int_value (builder, finding->task_id);
          dd_cli_builder_add_string_or_null (builder, "number", finding->number);
          dd_cli_builder_add_string_or_null (builder, "title", finding->title);
          json_builder_set_member_name (builder, "clear");
          json_builder_add_boolean_value (builder, finding->missing == 0);
          json_builder_set_member_name (builder, "missing");
          json_builder_begin_array (builder);
          for (guint bit = 0; bit < DD_N_SIX_CLEAR; bit++)
            if (finding->missing & (1u << bit))
              json_builder_add_string_value (builder, dd_six_clear_to_string ((DdSixClear) (1u << bit)));
          json_builder_end_array (builder);
          json_builder_set_member_name (builder, "messages");
          json_builder_begin_array (builder);
          for (guint m = 0; m < finding->messages->len; m++)
            json_builder_add_string_value (builder, g_ptr_array_index (finding->messages, m));
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      dd_cli_print_json (builder);
      return EXIT_OK;
    }

  for (guint i = 0; i < findings->len; i++)
    {
      const DdSixClearFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *summary = NULL;

      if (finding->missing == 0)
        continue;
      incomplete++;
      summary = dd_six_clear_dup_summary (finding->missing);
      /* Translators: "5. Số hoá hồ sơ… — thiếu: rõ thời gian". */
      g_print (_("%s %s — missing: %s\n"), finding->number, finding->title, summary);
      for (guint m = 0; m < finding->messages->len; m++)
        g_print ("    %s\n", (const char *) g_ptr_array_index (finding->messages, m));
    }
  g_print (ngettext ("%u of %u task is not clear in every way (“6 rõ”)\n",
                     "%u of %u tasks are not clear in every way (“6 rõ”)\n",
                     findings->len),
           incomplete, findings->len);
  return EXIT_OK;
}

/* scoring */

static void
print_weights (const DdScoreWeights *weights,
               OutputFormat          format)
{
  const char * const *keys = dd_score_weights_list_keys ();

  if (format == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      for (guint i = 0; keys[i] != NULL; i++)
        {
          double value = 0;

          dd_score_weights_get_value (weights, keys[i], &value);
          add_number_or_null (builder, keys[i], TRUE, value);
        }
      json_builder_end_object (builder);
      dd_cli_print_json (builder);
      return;
    }

  for (guint i = 0; keys[i] != NULL; i++)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];
      double value = 0;

      dd_score_weights_get_value (weights, keys[i], &value);
      g_ascii_formatd (buffer, sizeof buffer, "%g", value);
      g_print ("%-24s %8s  %s\n", keys[i], buffer, dd_score_weights_get_label (keys[i]));
    }
}

int
dd_cli_command_scoring (Globals  *globals,
                        char   ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdScoring) scoring = NULL;
  g_autofree char *format_text = NULL;
  OutputFormat format;
  DdScoreWeights weights;
  const char *action;
  guint argc;
  int exit_status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text,
      N_("Output format: text or json"), N_("FORMAT") },
    { NULL }
  };

  context = g_option_context_new (_("show | set KEY VALUE [KEY VALUE…] | reset — the rules of the unit scores"));
  g_option_context_set_summary (context,
                                _("The weights of the score's components (points that add up to 100), the share "
                                  "of its points a late product keeps, the share of a task a coordinating unit "
                                  "carries, the lowest score of each rating level and the periods of the trend. "
                                  "“set” changes the keys given and checks the whole before writing; “reset” "
                                  "brings back the defaults. Administrators only."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dd_cli_parse_command_options (context, argv, &exit_status))
    return exit_status;
  if (!dd_cli_parse_format (format_text, &format))
    return dd_cli_usage_error (context, _("The format must be “text” or “json”"));

  argc = g_strv_length (*argv);
  action = argc >= 2 ? (*argv)[1] : "show";
  if (!g_str_equal (action, "show") && !g_str_equal (action, "set") && !g_str_equal (action, "reset"))
    return dd_cli_usage_error (context, _("Write “scoring show”, “scoring set KEY VALUE” or “scoring reset”"));
  if ((g_str_equal (action, "show") || g_str_equal (action, "reset")) && argc > 2)
    return dd_cli_usage_error (context, _("Write “scoring show”, “scoring set KEY VALUE” or “scoring reset”"));
  if (g_str_equal (action, "set") && (argc < 4 || argc % 2 != 0))
    return dd_cli_usage_error (context, _("“scoring set” needs pairs of KEY VALUE"));

  store = dd_cli_open_store_or_report (globals);
  if (store == NULL)
    return EXIT_BAD_INPUT;
  scoring = dd_scoring_new (store);
  if (!dd_scoring_get_weights (scoring, &weights, &error))
    {
      /* A value that cannot be read: "reset" is the way out. */
      if (!g_str_equal (action, "reset"))
        {
          dd_cli_print_error (error);
          return EXIT_BAD_INPUT;
        }
      g_clear_error (&error);
    }

  if (g_str_equal (action, "reset"))
    dd_score_weights_init_defaults (&weights);
  else if (g_str_equal (action, "set"))
    for (guint i = 2; i + 1 < argc; i += 2)
      {
        const char *key = (*argv)[i];
        const char *text = (*argv)[i + 1];
        double value;

        if (!parse_figure (text, &value))
          {
            dd_cli_refuse (_("The value of %s must be a number, not “%s”"), key, text);
            return EXIT_BAD_INPUT;
          }
        if (!dd_score_weights_set_value (&weights, key, value, &error))
          {
            dd_cli_print_error (error);
            return EXIT_BAD_INPUT;
          }
      }

  if (!g_str_equal (action, "show") && !dd_scoring_set_weights (scoring, &weights, &error))
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }
  print_weights (&weights, format);
  return EXIT_OK;
}
