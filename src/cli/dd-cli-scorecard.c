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
add_components_json (JsonBuilder *builder,
                     DdScorecard *card)
{
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
}

static void
add_indicators_json (JsonBuilder *builder,
                     GPtrArray   *indicators)
{
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
}

static void
add_trend_json (JsonBuilder *builder,
                GArray      *trend)
{
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
}

static void
add_scorecard_json (JsonBuilder *builder,
                    DdScorecard *card)
{
  const DdScoreInput *input = dd_scorecard_get_input (card);
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

  add_components_json (builder, card);

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

  add_indicators_json (builder, dd_scorecard_get_indicators (card));
  add_trend_json (builder, dd_scorecard_get_trend (card));

  json_builder_end_object (builder);
}
typedef struct
{
  char *period_text;
  char *as_of_text;
  DdScorePeriod period;
  GDate as_of;
} ScorecardOptions;

static gboolean
scorecard_check (DdCliInvocation  *cli,
                 gpointer          data,
                 GError          **error)
{
  ScorecardOptions *options = data;
  GDate today;

  g_date_clear (&options->as_of, 1);
  if (!dd_cli_parse_date_option ("--as-of", options->as_of_text, &options->as_of, error))
    return FALSE;
  if (options->period_text != NULL)
    return dd_score_period_parse (options->period_text, &options->period, error);

  if (dd_date_is_set (&options->as_of))
    today = options->as_of;
  else
    dd_date_set_today (&today);
  dd_score_period_for_date (&options->period, DD_OCCURRENCE_QUARTER, &today);
  return TRUE;
}

static void
print_scorecards_json (GListModel *cards)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n = g_list_model_get_n_items (cards);

  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdScorecard) card = g_list_model_get_item (cards, i);

      add_scorecard_json (builder, card);
    }
  json_builder_end_array (builder);
  dd_cli_print_json (builder);
}

static void
add_scorecard_row (DdCliTable  *table,
                   DdScorecard *card)
{
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

static void
print_scorecards_text (GListModel          *cards,
                       const DdScorePeriod *period)
{
  g_autoptr(DdCliTable) table = dd_cli_table_new (12);
  g_autofree char *label = dd_score_period_dup_label (period);
  g_autofree char *from = dd_cli_dup_date_dmy (&period->start);
  g_autofree char *to = dd_cli_dup_date_dmy (&period->end);
  guint n = g_list_model_get_n_items (cards);

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

      add_scorecard_row (table, card);
    }
  /* Translators: "Quý II/2026 (15/03/2026 – 14/06/2026)". */
  g_print (_("%s (%s – %s)\n"), label, from, to);
  if (dd_cli_table_get_n_rows (table) > 0)
    dd_cli_print_table (table);
}

static gboolean
scorecard_run (DdCliInvocation  *cli,
               gpointer          data,
               GError          **error)
{
  g_autoptr(DdScoring) scoring = NULL;
  ScorecardOptions *options = data;
  g_autoptr(GListModel) cards = NULL;

  scoring = dd_scoring_new (cli->store);
  cards = dd_scoring_list_scorecards (scoring, &options->period,
                                    dd_date_is_set (&options->as_of) ? &options->as_of : NULL, error);
  if (cards == NULL)
    return FALSE;

  if (cli->format == FORMAT_JSON)
    print_scorecards_json (cards);
  else
    print_scorecards_text (cards, &options->period);
  return TRUE;
}

static const GOptionEntry scorecard_entries[] = {
  { "period", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (ScorecardOptions, period_text),
    N_("The period: 2026-Q2, 2026-H1, 2026 or 2026-05 (default: the current quarter)"), N_("PERIOD") },
  { "as-of", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (ScorecardOptions, as_of_text),
    N_("Judge the tasks as of DATE (default: today, or the end of a past period)"), N_("DATE") },
  DD_CLI_FORMAT_ENTRY,
  { NULL }
};

const DdCliCommand dd_cli_command_scorecard = {
  .name = "scorecard",
  .synopsis = N_("scorecard"),
  .description = N_("Score each unit for a period (--period, --as-of)"),
  .parameter_string = N_("scorecard — score each unit for a period"),
  .entries = scorecard_entries,
  .options_size = sizeof (ScorecardOptions),
  .n_args = 0,
  .args_error = N_("“scorecard” takes no arguments"),
  .formats = DD_CLI_FORMATS_TEXT_JSON,
  .store = DD_CLI_STORE_READ_WRITE,
  .check = scorecard_check,
  .run = scorecard_run,
};

/* indicator */

typedef enum
{
  INDICATOR_LIST,
  INDICATOR_IMPORT,
  INDICATOR_SET,
} IndicatorAction;

typedef struct
{
  char *unit_name;
  char *period_text;
  char *num_text;
  char *den_text;
  char *source;
  IndicatorAction action;
  DdScorePeriod period;
  guint64 indicator_id;  /* set */
  double num;            /* set */
  double den;            /* set */
  char *contents;        /* import: the file */
  gsize length;
} IndicatorOptions;

static void
indicator_clear (gpointer data)
{
  IndicatorOptions *options = data;

  g_clear_pointer (&options->contents, g_free);
}

/* The checks of "indicator set INDICATOR_ID". */
static gboolean
check_indicator_set (DdCliInvocation   *cli,
                     IndicatorOptions  *options,
                     GError           **error)
{
  if (cli->argc != 3 || !g_str_equal (cli->argv[1], "set"))
    return dd_cli_set_usage_error (error, _("Write “indicator set INDICATOR_ID …”, “indicator list” or "
                                            "“indicator import FILE.csv”"));
  if (options->unit_name == NULL || options->period_text == NULL
      || options->num_text == NULL || options->den_text == NULL)
    return dd_cli_set_usage_error (error, _("“indicator set” needs --unit, --period, --num and --den"));

  if (!g_ascii_string_to_unsigned (cli->argv[2], 10, 1, G_MAXINT64, &options->indicator_id, NULL))
    return dd_cli_set_refused (error, _("“%s” is not an indicator ID"), cli->argv[2]);
  if (!parse_figure (options->num_text, &options->num) || options->num < 0)
    return dd_cli_set_refused (error, _("--num must be a number of at least 0, not “%s”"), options->num_text);
  if (!parse_figure (options->den_text, &options->den) || options->den < 0)
    return dd_cli_set_refused (error, _("--den must be a number of at least 0, not “%s”"), options->den_text);
  return dd_score_period_parse (options->period_text, &options->period, error);
}

static gboolean
indicator_check (DdCliInvocation  *cli,
                 gpointer          data,
                 GError          **error)
{
  IndicatorOptions *options = data;

  if (cli->argc == 2 && g_str_equal (cli->argv[1], "list"))
    {
      options->action = INDICATOR_LIST;
      return options->period_text == NULL
             || dd_score_period_parse (options->period_text, &options->period, error);
    }
  if (cli->argc == 3 && g_str_equal (cli->argv[1], "import"))
    {
      options->action = INDICATOR_IMPORT;
      return g_file_get_contents (cli->argv[2], &options->contents, &options->length, error);
    }

  options->action = INDICATOR_SET;
  return check_indicator_set (cli, options, error);
}

static void
print_indicators_json (GPtrArray *indicators,
                       GPtrArray *figures)
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
}

static void
print_indicators_text (GPtrArray *indicators,
                       GPtrArray *figures)
{
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
}

static gboolean
indicator_list (DdCliInvocation   *cli,
                IndicatorOptions  *options,
                GError           **error)
{
  g_autoptr(DdFigures) store_figures = NULL;
  g_autoptr(GPtrArray) indicators = NULL;
  g_autoptr(GPtrArray) figures = NULL;

  store_figures = dd_figures_new (cli->store);
  indicators = dd_figures_list_indicators (store_figures, 0, error);
  if (indicators == NULL)
    return FALSE;
  figures = dd_figures_list_indicator_figures (store_figures, 0,
                                             options->period_text != NULL ? &options->period : NULL, error);
  if (figures == NULL)
    return FALSE;

  if (cli->format == FORMAT_JSON)
    print_indicators_json (indicators, figures);
  else
    print_indicators_text (indicators, figures);
  return TRUE;
}

static gboolean
indicator_import (DdCliInvocation   *cli,
                  IndicatorOptions  *options,
                  GError           **error)
{
  g_autoptr(DdFigures) store_figures = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n = 0;

  store_figures = dd_figures_new (cli->store);
  if (!dd_figures_import_indicator_figures (store_figures, options->contents, (gssize) options->length,
                                          &n, &local_error))
    {
      g_autofree char *basename = g_path_get_basename (cli->argv[2]);

      /* Translators: an indicator figures file that was refused: the file,
       * then why ("Line 4, column 3 (period): …"). Nothing was imported. */
      return dd_cli_set_refused (error, _("%s: %s — nothing was imported"), basename, local_error->message);
    }

  if (cli->format == FORMAT_JSON)
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
  return TRUE;
}

static gboolean
indicator_set (DdCliInvocation   *cli,
               IndicatorOptions  *options,
               GError           **error)
{
  g_autoptr(DdFigures) store_figures = NULL;
  g_autoptr(DdUnit) unit = dd_cli_find_unit (cli->store, options->unit_name, error);

  store_figures = dd_figures_new (cli->store);
  if (unit == NULL)
    return FALSE;
  if (!dd_figures_set_indicator_figure (store_figures, (gint64) options->indicator_id, dd_unit_get_id (unit),
                                      &options->period, options->num, options->den, options->source, error))
    return FALSE;

  if (cli->format == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *period_string = dd_score_period_to_string (&options->period);
      g_autofree char *start = dd_cli_dup_date_iso (&options->period.start);
      g_autofree char *end = dd_cli_dup_date_iso (&options->period.end);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "indicator");
      json_builder_add_int_value (builder, (gint64) options->indicator_id);
      json_builder_set_member_name (builder, "unit");
      json_builder_add_string_value (builder, dd_unit_get_name (unit));
      json_builder_set_member_name (builder, "period");
      json_builder_add_string_value (builder, period_string);
      dd_cli_builder_add_string_or_null (builder, "period_start", start);
      dd_cli_builder_add_string_or_null (builder, "period_end", end);
      add_number_or_null (builder, "numerator", TRUE, options->num);
      add_number_or_null (builder, "denominator", TRUE, options->den);
      dd_cli_builder_add_string_or_null (builder, "source", options->source);
      json_builder_end_object (builder);
      dd_cli_print_json (builder);
    }
  else
    {
      g_autofree char *label = dd_score_period_dup_label (&options->period);

      /* Translators: "Recorded 412/415 for Phòng Hành chính - Quản trị, Quý II/2026." */
      g_print (_("Recorded %g/%g for %s, %s.\n"), options->num, options->den, dd_unit_get_name (unit), label);
    }
  return TRUE;
}

static gboolean
indicator_run (DdCliInvocation  *cli,
               gpointer          data,
               GError          **error)
{
  IndicatorOptions *options = data;

  switch (options->action)
    {
    case INDICATOR_LIST:
      return indicator_list (cli, options, error);
    case INDICATOR_IMPORT:
      return indicator_import (cli, options, error);
    case INDICATOR_SET:
    default:
      return indicator_set (cli, options, error);
    }
}

static const GOptionEntry indicator_entries[] = {
  { "unit", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (IndicatorOptions, unit_name),
    N_("The unit the figure is of"), N_("UNIT") },
  { "period", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (IndicatorOptions, period_text),
    N_("The period: 2026-Q2, 2026-H1, 2026 or 2026-05"), N_("PERIOD") },
  { "num", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (IndicatorOptions, num_text),
    N_("The numerator (e.g. documents signed digitally)"), N_("N") },
  { "den", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (IndicatorOptions, den_text),
    N_("The denominator (e.g. documents issued)"), N_("D") },
  { "source", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (IndicatorOptions, source),
    N_("Where the figure comes from"), N_("TEXT") },
  DD_CLI_FORMAT_ENTRY,
  { NULL }
};

const DdCliCommand dd_cli_command_indicator = {
  .name = "indicator",
  .synopsis = N_("indicator set INDICATOR_ID | list | import FILE.csv"),
  .description = N_("Record, list or import (CSV) the figures of the plan's indicators"),
  .parameter_string = N_("set INDICATOR_ID | list | import FILE.csv — the figures of the plan's indicators"),
  .summary = N_("“import” reads a CSV file (comma, semicolon or tab separated, UTF-8) with one "
                "figure a row in six columns: indicator (its ID, or the plan's number and its "
                "position: “662/KH-VPUB#1”), unit (empty: the whole office), period (2026-Q2, "
                "2026-H1, 2026 or 2026-05), numerator, denominator, source (may be empty). A "
                "first row of column names is skipped. One bad row and nothing is imported: "
                "the error gives its line and column."),
  .entries = indicator_entries,
  .options_size = sizeof (IndicatorOptions),
  .clear = indicator_clear,
  .n_args = DD_CLI_ARGS_ANY,
  .formats = DD_CLI_FORMATS_TEXT_JSON,
  .store = DD_CLI_STORE_READ_WRITE,
  .check = indicator_check,
  .run = indicator_run,
};

/* dossier */

typedef struct
{
  char *unit_name;
  char *period_text;
  char *received;
  char *on_time;
  char *late;
  char *pending;
  char *apologies;
  char *source;
  gboolean setting;
  DdScorePeriod period;
  DdDossierFigures figures;
} DossierOptions;

static gboolean
dossier_check (DdCliInvocation  *cli,
               gpointer          data,
               GError          **error)
{
  DossierOptions *options = data;
  DdDossierFigures *figures = &options->figures;

  if (cli->argc != 2 || (!g_str_equal (cli->argv[1], "set") && !g_str_equal (cli->argv[1], "show")))
    return dd_cli_set_usage_error (error, _("Write “dossier set …” or “dossier show …”"));
  if (options->period_text == NULL)
    return dd_cli_set_usage_error (error, _("“dossier” needs --period"));
  options->setting = g_str_equal (cli->argv[1], "set");

  if (!dd_score_period_parse (options->period_text, &options->period, error))
    return FALSE;
  if (options->setting && (!parse_count (options->received, &figures->received)
                           || !parse_count (options->on_time, &figures->on_time)
                           || !parse_count (options->late, &figures->late)
                           || !parse_count (options->pending, &figures->pending)
                           || !parse_count (options->apologies, &figures->apologies)))
    return dd_cli_set_refused (error, _("Dossier figures must be whole numbers of at least 0"));
  return TRUE;
}

static void
print_dossier_json (DdUnit                 *unit,
                    const DdScorePeriod    *period,
                    gboolean                found,
                    const DdDossierFigures *figures)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *period_string = dd_score_period_to_string (period);

  json_builder_begin_object (builder);
  dd_cli_builder_add_string_or_null (builder, "unit", unit != NULL ? dd_unit_get_name (unit) : NULL);
  json_builder_set_member_name (builder, "period");
  json_builder_add_string_value (builder, period_string);
  json_builder_set_member_name (builder, "found");
  json_builder_add_boolean_value (builder, found);
  json_builder_set_member_name (builder, "received");
  json_builder_add_int_value (builder, figures->received);
  json_builder_set_member_name (builder, "on_time");
  json_builder_add_int_value (builder, figures->on_time);
  json_builder_set_member_name (builder, "late");
  json_builder_add_int_value (builder, figures->late);
  json_builder_set_member_name (builder, "pending");
  json_builder_add_int_value (builder, figures->pending);
  json_builder_set_member_name (builder, "apologies");
  json_builder_add_int_value (builder, figures->apologies);
  json_builder_set_member_name (builder, "apologies_missing");
  json_builder_add_int_value (builder, figures->late > figures->apologies ? figures->late - figures->apologies : 0);
  json_builder_end_object (builder);
  dd_cli_print_json (builder);
}

static void
print_dossier_text (DdUnit                 *unit,
                    const DdScorePeriod    *period,
                    const DdDossierFigures *figures)
{
  g_autofree char *label = dd_score_period_dup_label (period);

  g_print ("%s — %s\n", unit != NULL ? dd_unit_get_name (unit) : _("Whole office"), label);
  g_print (_("Received %u, on time %u, late %u, pending %u, apology letters %u\n"),
           figures->received, figures->on_time, figures->late, figures->pending, figures->apologies);
  if (figures->late > figures->apologies)
    g_print (ngettext ("%u late dossier has no apology letter\n",
                       "%u late dossiers have no apology letter\n",
                       figures->late - figures->apologies),
             figures->late - figures->apologies);
}

static gboolean
dossier_run (DdCliInvocation  *cli,
             gpointer          data,
             GError          **error)
{
  g_autoptr(DdFigures) store_figures = NULL;
  DossierOptions *options = data;
  g_autoptr(DdUnit) unit = NULL;
  gboolean found = FALSE;
  gint64 unit_id;

  store_figures = dd_figures_new (cli->store);
  if (options->unit_name != NULL)
    {
      unit = dd_cli_find_unit (cli->store, options->unit_name, error);
      if (unit == NULL)
        return FALSE;
    }
  unit_id = unit != NULL ? dd_unit_get_id (unit) : 0;
  if (options->setting && !dd_figures_set_dossier_figures (store_figures, unit_id, &options->period,
                                                         &options->figures, options->source, error))
    return FALSE;
  if (!dd_figures_get_dossier_figures (store_figures, unit_id, &options->period, &options->figures, &found, error))
    return FALSE;

  if (cli->format == FORMAT_JSON)
    print_dossier_json (unit, &options->period, found, &options->figures);
  else
    print_dossier_text (unit, &options->period, &options->figures);
  return TRUE;
}

static const GOptionEntry dossier_entries[] = {
  { "unit", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (DossierOptions, unit_name),
    N_("The unit (default: the whole office)"), N_("UNIT") },
  { "period", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (DossierOptions, period_text),
    N_("The period: 2026-Q2, 2026-H1, 2026 or 2026-05"), N_("PERIOD") },
  { "received", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (DossierOptions, received),
    N_("Dossiers received"), N_("N") },
  { "on-time", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (DossierOptions, on_time),
    N_("Dossiers resolved on time"), N_("N") },
  { "late", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (DossierOptions, late),
    N_("Dossiers resolved late"), N_("N") },
  { "pending", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (DossierOptions, pending),
    N_("Dossiers pending"), N_("N") },
  { "apologies", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (DossierOptions, apologies),
    N_("Apology letters sent for late dossiers"), N_("N") },
  { "source", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (DossierOptions, source),
    N_("Where the figures come from"), N_("TEXT") },
  DD_CLI_FORMAT_ENTRY,
  { NULL }
};

const DdCliCommand dd_cli_command_dossier = {
  .name = "dossier",
  .synopsis = N_("dossier set | show"),
  .description = N_("Record or show the dossier figures of a period"),
  .parameter_string = N_("set | show — the dossier figures of a period"),
  .entries = dossier_entries,
  .options_size = sizeof (DossierOptions),
  .n_args = DD_CLI_ARGS_ANY,
  .formats = DD_CLI_FORMATS_TEXT_JSON,
  .store = DD_CLI_STORE_READ_WRITE,
  .check = dossier_check,
  .run = dossier_run,
};

/* check */

typedef struct
{
  char *plan_number;
} CheckOptions;

static void
print_findings_json (GPtrArray *findings)
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
}

static void
print_findings_text (GPtrArray *findings)
{
  guint incomplete = 0;

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
}

static gboolean
check_run (DdCliInvocation  *cli,
           gpointer          data,
           GError          **error)
{
  g_autoptr(DdScoring) scoring = NULL;
  CheckOptions *options = data;
  g_autoptr(GPtrArray) findings = NULL;
  gint64 plan_id = 0;

  scoring = dd_scoring_new (cli->store);
  if (!dd_cli_resolve_plan (cli->store, options->plan_number, &plan_id, error))
    return FALSE;
  findings = dd_scoring_check_six_clear (scoring, plan_id, error);
  if (findings == NULL)
    return FALSE;

  if (cli->format == FORMAT_JSON)
    print_findings_json (findings);
  else
    print_findings_text (findings);
  return TRUE;
}

static const GOptionEntry check_entries[] = {
  { "plan", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (CheckOptions, plan_number),
    N_("Only the tasks of the plan numbered NUMBER"), N_("NUMBER") },
  DD_CLI_FORMAT_ENTRY,
  { NULL }
};

const DdCliCommand dd_cli_command_check = {
  .name = "check",
  .synopsis = N_("check"),
  .description = N_("Check every task against the “6 rõ” rule"),
  .parameter_string = N_("check — check every task against the “6 rõ” rule"),
  .entries = check_entries,
  .options_size = sizeof (CheckOptions),
  .n_args = 0,
  .args_error = N_("“check” takes no arguments"),
  .formats = DD_CLI_FORMATS_TEXT_JSON,
  .store = DD_CLI_STORE_READ_WRITE,
  .run = check_run,
};

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

static gboolean
scoring_check (DdCliInvocation  *cli,
               gpointer          options,
               GError          **error)
{
  const char *action = cli->argc >= 2 ? cli->argv[1] : "show";

  if (!g_str_equal (action, "show") && !g_str_equal (action, "set") && !g_str_equal (action, "reset"))
    return dd_cli_set_usage_error (error, _("Write “scoring show”, “scoring set KEY VALUE” or “scoring reset”"));
  if ((g_str_equal (action, "show") || g_str_equal (action, "reset")) && cli->argc > 2)
    return dd_cli_set_usage_error (error, _("Write “scoring show”, “scoring set KEY VALUE” or “scoring reset”"));
  if (g_str_equal (action, "set") && (cli->argc < 4 || cli->argc % 2 != 0))
    return dd_cli_set_usage_error (error, _("“scoring set” needs pairs of KEY VALUE"));
  return TRUE;
}

/* Changes @weights by the pairs KEY VALUE of "scoring set". */
static gboolean
set_weights (DdScoreWeights  *weights,
             char           **pairs,
             GError         **error)
{
  for (guint i = 0; pairs[i] != NULL && pairs[i + 1] != NULL; i += 2)
    {
      const char *key = pairs[i];
      const char *text = pairs[i + 1];
      double value;

      if (!parse_figure (text, &value))
        return dd_cli_set_refused (error, _("The value of %s must be a number, not “%s”"), key, text);
      if (!dd_score_weights_set_value (weights, key, value, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
scoring_run (DdCliInvocation  *cli,
             gpointer          options,
             GError          **error)
{
  g_autoptr(DdScoring) scoring = NULL;
  const char *action = cli->argc >= 2 ? cli->argv[1] : "show";
  g_autoptr(GError) local_error = NULL;
  DdScoreWeights weights;

  scoring = dd_scoring_new (cli->store);
  if (!dd_scoring_get_weights (scoring, &weights, &local_error))
    {
      /* A value that cannot be read: "reset" is the way out. */
      if (!g_str_equal (action, "reset"))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  if (g_str_equal (action, "reset"))
    dd_score_weights_init_defaults (&weights);
  else if (g_str_equal (action, "set") && !set_weights (&weights, cli->argv + 2, error))
    return FALSE;

  if (!g_str_equal (action, "show") && !dd_scoring_set_weights (scoring, &weights, error))
    return FALSE;
  print_weights (&weights, cli->format);
  return TRUE;
}

static const GOptionEntry scoring_entries[] = {
  DD_CLI_FORMAT_ENTRY,
  { NULL }
};

const DdCliCommand dd_cli_command_scoring = {
  .name = "scoring",
  .synopsis = N_("scoring show | set KEY VALUE | reset"),
  .description = N_("Show or change the rules of the unit scores (weights, thresholds)"),
  .parameter_string = N_("show | set KEY VALUE [KEY VALUE…] | reset — the rules of the unit scores"),
  .summary = N_("The weights of the score's components (points that add up to 100), the share "
                "of its points a late product keeps, the share of a task a coordinating unit "
                "carries, the lowest score of each rating level and the periods of the trend. "
                "“set” changes the keys given and checks the whole before writing; “reset” "
                "brings back the defaults. Administrators only."),
  .entries = scoring_entries,
  .n_args = DD_CLI_ARGS_ANY,
  .formats = DD_CLI_FORMATS_TEXT_JSON,
  .store = DD_CLI_STORE_READ_WRITE,
  .check = scoring_check,
  .run = scoring_run,
};
