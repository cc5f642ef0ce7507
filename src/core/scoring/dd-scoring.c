/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-scoring"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-scoring-private.h"

/*
 * The scorecard engine: periods, weights, levels, and the score of one unit
 * from its figures (DdScoreInput). GTK-free and store-free, so that every
 * rule is tested on figures written by hand; dd-store-scoring.c reads the
 * figures from the file.
 */

G_DEFINE_QUARK (dd-scoring-error-quark, dd_scoring_error)

/* Periods */

static void
set_window (DdScorePeriod *period)
{
  g_date_clear (&period->start, 1);
  g_date_clear (&period->end, 1);

  if (period->kind == DD_OCCURRENCE_HALF_YEAR && period->index == 2)
    {
      /* Not in the decree: the rest of the annual window. */
      g_date_set_dmy (&period->start, 15, G_DATE_JUNE, (GDateYear) period->year);
      g_date_set_dmy (&period->end, 14, G_DATE_DECEMBER, (GDateYear) period->year);
      return;
    }
  dd_period_bounds (period->kind, period->year, period->index, &period->start, &period->end);
}

static int
max_index (DdOccurrenceKind kind)
{
  switch (kind)
    {
    case DD_OCCURRENCE_MONTH:
      return 12;
    case DD_OCCURRENCE_QUARTER:
      return 4;
    case DD_OCCURRENCE_HALF_YEAR:
      return 2;
    case DD_OCCURRENCE_YEAR:
    default:
      return 1;
    }
}

void
dd_score_period_init (DdScorePeriod    *out,
                      DdOccurrenceKind  kind,
                      int               year,
                      int               index)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (kind == DD_OCCURRENCE_MONTH || kind == DD_OCCURRENCE_QUARTER ||
                    kind == DD_OCCURRENCE_HALF_YEAR || kind == DD_OCCURRENCE_YEAR);
  g_return_if_fail (year >= 1901 && year <= 2100);
  g_return_if_fail (index >= 1 && index <= max_index (kind));

  memset (out, 0, sizeof *out);
  out->kind = kind;
  out->year = year;
  out->index = index;
  set_window (out);
}

static gboolean
parse_number (const char *text,
              gsize       len,
              int         min,
              int         max,
              int        *out)
{
  int value = 0;

  if (len == 0 || len > 4)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (text[i] - '0');
    }
  if (value < min || value > max)
    return FALSE;
  *out = value;
  return TRUE;
}

gboolean
dd_score_period_parse (const char     *text,
                       DdScorePeriod  *out,
                       GError        **error)
{
  g_autofree char *clean = NULL;
  DdOccurrenceKind kind = DD_OCCURRENCE_YEAR;
  int year, index = 1;
  gsize len;

  g_return_val_if_fail (out != NULL, FALSE);

  clean = g_strstrip (g_strdup (text != NULL ? text : ""));
  len = strlen (clean);

  if (len < 4 || !parse_number (clean, 4, 1901, 2100, &year))
    goto fail;
  if (len == 4)
    kind = DD_OCCURRENCE_YEAR;
  else if (clean[4] != '-' || len < 6)
    goto fail;
  else if (clean[5] == 'Q' || clean[5] == 'q')
    {
      kind = DD_OCCURRENCE_QUARTER;
      if (!parse_number (clean + 6, len - 6, 1, 4, &index))
        goto fail;
    }
  else if (clean[5] == 'H' || clean[5] == 'h')
    {
      kind = DD_OCCURRENCE_HALF_YEAR;
      if (!parse_number (clean + 6, len - 6, 1, 2, &index))
        goto fail;
    }
  else
    {
      kind = DD_OCCURRENCE_MONTH;
      if (len != 7 || !parse_number (clean + 5, 2, 1, 12, &index))
        goto fail;
    }

  dd_score_period_init (out, kind, year, index);
  return TRUE;

fail:
  g_set_error (error, DD_SCORING_ERROR, DD_SCORING_ERROR_PERIOD,
               _("Invalid period “%s”: write a year (2026), a half year (2026-H1), "
                 "a quarter (2026-Q2) or a month (2026-05)"),
               text != NULL ? text : "");
  return FALSE;
}

void
dd_score_period_for_date (DdScorePeriod    *out,
                          DdOccurrenceKind  kind,
                          const GDate      *date)
{
  int year, month;

  g_return_if_fail (out != NULL);
  g_return_if_fail (dd_date_is_set (date));

  /* The month whose window (15th of the month before to the 14th) holds
   * the date; the longer windows are made of those. */
  year = g_date_get_year (date);
  month = g_date_get_month (date);
  if (g_date_get_day (date) >= 15)
    {
      month++;
      if (month > 12)
        {
          month = 1;
          year++;
        }
    }
  year = CLAMP (year, 1901, 2100);

  switch (kind)
    {
    case DD_OCCURRENCE_MONTH:
      dd_score_period_init (out, kind, year, month);
      break;
    case DD_OCCURRENCE_QUARTER:
      dd_score_period_init (out, kind, year, (month - 1) / 3 + 1);
      break;
    case DD_OCCURRENCE_HALF_YEAR:
      dd_score_period_init (out, kind, year, month <= 6 ? 1 : 2);
      break;
    case DD_OCCURRENCE_YEAR:
    default:
      dd_score_period_init (out, DD_OCCURRENCE_YEAR, year, 1);
      break;
    }
}

void
dd_score_period_shift (const DdScorePeriod *period,
                       int                  offset,
                       DdScorePeriod       *out)
{
  int n, position, year, index;

  g_return_if_fail (period != NULL && out != NULL);

  n = max_index (period->kind);
  position = period->year * n + (period->index - 1) + offset;
  year = position / n;
  index = position % n + 1;
  dd_score_period_init (out, period->kind, CLAMP (year, 1901, 2100), index);
}

char *
dd_score_period_to_string (const DdScorePeriod *period)
{
  g_return_val_if_fail (period != NULL, NULL);

  switch (period->kind)
    {
    case DD_OCCURRENCE_MONTH:
      return g_strdup_printf ("%04d-%02d", period->year, period->index);
    case DD_OCCURRENCE_QUARTER:
      return g_strdup_printf ("%04d-Q%d", period->year, period->index);
    case DD_OCCURRENCE_HALF_YEAR:
      return g_strdup_printf ("%04d-H%d", period->year, period->index);
    case DD_OCCURRENCE_YEAR:
    default:
      return g_strdup_printf ("%04d", period->year);
    }
}

char *
dd_score_period_dup_label (const DdScorePeriod *period)
{
  static const char * const roman[] = { "I", "II", "III", "IV" };

  g_return_val_if_fail (period != NULL, NULL);

  switch (period->kind)
    {
    case DD_OCCURRENCE_MONTH:
      return g_strdup_printf (_("Month %d/%d"), period->index, period->year);
    case DD_OCCURRENCE_QUARTER:
      return g_strdup_printf (_("Quarter %s/%d"), roman[CLAMP (period->index, 1, 4) - 1], period->year);
    case DD_OCCURRENCE_HALF_YEAR:
      if (period->index == 2)
        /* Translators: the second half of a year, "6 tháng cuối năm 2026". */
        return g_strdup_printf (_("Last 6 months of %d"), period->year);
      return g_strdup_printf (_("6 months of %d"), period->year);
    case DD_OCCURRENCE_YEAR:
    default:
      return g_strdup_printf (_("Year %d"), period->year);
    }
}

/* Weights */

void
dd_score_weights_init_defaults (DdScoreWeights *weights)
{
  g_return_if_fail (weights != NULL);

  weights->weight_tasks = DD_SCORE_DEFAULT_WEIGHT_TASKS;
  weights->weight_reports = DD_SCORE_DEFAULT_WEIGHT_REPORTS;
  weights->weight_indicators = DD_SCORE_DEFAULT_WEIGHT_INDICATORS;
  weights->weight_six_clear = DD_SCORE_DEFAULT_WEIGHT_SIX_CLEAR;
  weights->late_factor = DD_SCORE_DEFAULT_LATE_FACTOR;
  weights->coordinator_share = DD_SCORE_DEFAULT_COORDINATOR_SHARE;
  weights->level_excellent = DD_SCORE_DEFAULT_LEVEL_EXCELLENT;
  weights->level_good = DD_SCORE_DEFAULT_LEVEL_GOOD;
  weights->level_pass = DD_SCORE_DEFAULT_LEVEL_PASS;
  weights->trend_periods = DD_SCORE_DEFAULT_TREND_PERIODS;
}

static gboolean
in_range (double value,
          double min,
          double max)
{
  return isfinite (value) && value >= min && value <= max;
}

/* The settings of the score: key, label, field, bounds. The thresholds'
 * order (pass ≤ good ≤ excellent) and the weights' sum (100) are checked
 * apart. */
typedef struct
{
  const char *key;
  const char *label;
  gsize offset;
  gboolean is_uint;
  double min;
  double max;
} WeightSetting;

static const WeightSetting weight_settings[] = {
  { "score.weight.tasks", N_("Weight of the task results (points)"),
    G_STRUCT_OFFSET (DdScoreWeights, weight_tasks), FALSE, 0, 100 },
  { "score.weight.reports", N_("Weight of the periodic reports (points)"),
    G_STRUCT_OFFSET (DdScoreWeights, weight_reports), FALSE, 0, 100 },
  { "score.weight.indicators", N_("Weight of the indicators (points)"),
    G_STRUCT_OFFSET (DdScoreWeights, weight_indicators), FALSE, 0, 100 },
  { "score.weight.six_clear", N_("Weight of the “6 rõ” check (points)"),
    G_STRUCT_OFFSET (DdScoreWeights, weight_six_clear), FALSE, 0, 100 },
  { "score.late_factor", N_("Share of its points a late product keeps"),
    G_STRUCT_OFFSET (DdScoreWeights, late_factor), FALSE, 0, 1 },
  { "score.coordinator_share", N_("Share of a task a coordinating unit carries"),
    G_STRUCT_OFFSET (DdScoreWeights, coordinator_share), FALSE, 0, 1 },
  { "score.level.excellent", N_("Lowest score of “Hoàn thành xuất sắc nhiệm vụ”"),
    G_STRUCT_OFFSET (DdScoreWeights, level_excellent), FALSE, 0, 100 },
  { "score.level.good", N_("Lowest score of “Hoàn thành tốt nhiệm vụ”"),
    G_STRUCT_OFFSET (DdScoreWeights, level_good), FALSE, 0, 100 },
  { "score.level.pass", N_("Lowest score of “Hoàn thành nhiệm vụ”"),
    G_STRUCT_OFFSET (DdScoreWeights, level_pass), FALSE, 0, 100 },
  { "score.trend_periods", N_("Periods shown in the trend"),
    G_STRUCT_OFFSET (DdScoreWeights, trend_periods), TRUE, 1, 12 },
};

static const WeightSetting *
find_setting (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (weight_settings); i++)
    if (g_strcmp0 (weight_settings[i].key, key) == 0)
      return &weight_settings[i];
  return NULL;
}

static double
setting_value (const DdScoreWeights *w,
               const WeightSetting  *setting)
{
  const guint8 *field = (const guint8 *) w + setting->offset;

  return setting->is_uint ? (double) *(const guint *) field : *(const double *) field;
}

const char * const *
dd_score_weights_list_keys (void)
{
  static const char *keys[G_N_ELEMENTS (weight_settings) + 1] = { NULL, };

  if (keys[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (weight_settings); i++)
      keys[i] = weight_settings[i].key;
  return keys;
}

const char *
dd_score_weights_get_label (const char *key)
{
  const WeightSetting *setting = find_setting (key);

  return setting != NULL ? _(setting->label) : NULL;
}

gboolean
dd_score_weights_get_value (const DdScoreWeights *weights,
                            const char           *key,
                            double               *out_value)
{
  const WeightSetting *setting = find_setting (key);

  g_return_val_if_fail (weights != NULL, FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);

  if (setting == NULL)
    return FALSE;
  *out_value = setting_value (weights, setting);
  return TRUE;
}

gboolean
dd_score_weights_set_value (DdScoreWeights  *weights,
                            const char      *key,
                            double           value,
                            GError         **error)
{
  const WeightSetting *setting = find_setting (key);
  guint8 *field;

  g_return_val_if_fail (weights != NULL, FALSE);

  if (setting == NULL)
    {
      g_autofree char *keys = g_strjoinv (", ", (char **) dd_score_weights_list_keys ());

      g_set_error (error, DD_SCORING_ERROR, DD_SCORING_ERROR_WEIGHTS,
                   _("There is no score setting “%s” (the settings are: %s)"), key, keys);
      return FALSE;
    }
  field = (guint8 *) weights + setting->offset;
  if (setting->is_uint)
    {
      if (!isfinite (value) || value != floor (value) || value < setting->min || value > setting->max)
        {
          g_set_error (error, DD_SCORING_ERROR, DD_SCORING_ERROR_WEIGHTS,
                       _("%s must be a whole number from %g to %g"), _(setting->label),
                       setting->min, setting->max);
          return FALSE;
        }
      *(guint *) field = (guint) value;
    }
  else
    *(double *) field = value;
  return TRUE;
}

/* The weights add up to 100 within this (typed with decimals). */
#define WEIGHT_SUM_TOLERANCE 0.001

gboolean
dd_score_weights_validate (const DdScoreWeights *w,
                           GError              **error)
{
  double sum;

  g_return_val_if_fail (w != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (weight_settings); i++)
    {
      const WeightSetting *setting = &weight_settings[i];
      double value = setting_value (w, setting);

      if (!in_range (value, setting->min, setting->max))
        {
          /* Translators: "Weight of the indicators (points) must be from 0
           * to 100, not 120 (score.weight.indicators)". */
          g_set_error (error, DD_SCORING_ERROR, DD_SCORING_ERROR_WEIGHTS,
                       _("%s must be from %g to %g, not %g (%s)"), _(setting->label),
                       setting->min, setting->max, value, setting->key);
          return FALSE;
        }
    }

  if (w->level_good > w->level_excellent)
    {
      g_set_error (error, DD_SCORING_ERROR, DD_SCORING_ERROR_WEIGHTS,
                   _("The threshold of “Hoàn thành tốt nhiệm vụ” (%g) is above that of "
                     "“Hoàn thành xuất sắc nhiệm vụ” (%g) (score.level.good)"),
                   w->level_good, w->level_excellent);
      return FALSE;
    }
  if (w->level_pass > w->level_good)
    {
      g_set_error (error, DD_SCORING_ERROR, DD_SCORING_ERROR_WEIGHTS,
                   _("The threshold of “Hoàn thành nhiệm vụ” (%g) is above that of "
                     "“Hoàn thành tốt nhiệm vụ” (%g) (score.level.pass)"),
                   w->level_pass, w->level_good);
      return FALSE;
    }

  sum = w->weight_tasks + w->weight_reports + w->weight_indicators + w->weight_six_clear;
  if (fabs (sum - 100.0) > WEIGHT_SUM_TOLERANCE)
    {
      g_set_error (error, DD_SCORING_ERROR, DD_SCORING_ERROR_WEIGHTS,
                   _("The weights of the score must add up to 100 points; they add up to %g"), sum);
      return FALSE;
    }
  return TRUE;
}

/* Levels and components */

DdScoreLevel
dd_score_level_for (double                score,
                    const DdScoreWeights *weights)
{
  DdScoreWeights defaults;

  if (weights == NULL)
    {
      dd_score_weights_init_defaults (&defaults);
      weights = &defaults;
    }
  if (!isfinite (score))
    return DD_SCORE_LEVEL_NONE;
  if (score >= weights->level_excellent)
    return DD_SCORE_LEVEL_EXCELLENT;
  if (score >= weights->level_good)
    return DD_SCORE_LEVEL_GOOD;
  if (score >= weights->level_pass)
    return DD_SCORE_LEVEL_PASS;
  return DD_SCORE_LEVEL_FAIL;
}

const char *
dd_score_level_to_string (DdScoreLevel level)
{
  switch (level)
    {
    case DD_SCORE_LEVEL_EXCELLENT:
      return "xuat_sac";
    case DD_SCORE_LEVEL_GOOD:
      return "tot";
    case DD_SCORE_LEVEL_PASS:
      return "hoan_thanh";
    case DD_SCORE_LEVEL_FAIL:
      return "khong_hoan_thanh";
    case DD_SCORE_LEVEL_NONE:
    default:
      return NULL;
    }
}

const char *
dd_score_level_get_label (DdScoreLevel level)
{
  switch (level)
    {
    case DD_SCORE_LEVEL_EXCELLENT:
      /* Translators: the civil-service rating "Hoàn thành xuất sắc nhiệm vụ". */
      return _("Tasks completed excellently");
    case DD_SCORE_LEVEL_GOOD:
      /* Translators: the civil-service rating "Hoàn thành tốt nhiệm vụ". */
      return _("Tasks completed well");
    case DD_SCORE_LEVEL_PASS:
      /* Translators: the civil-service rating "Hoàn thành nhiệm vụ". */
      return _("Tasks completed");
    case DD_SCORE_LEVEL_FAIL:
      /* Translators: the civil-service rating "Không hoàn thành nhiệm vụ". */
      return _("Tasks not completed");
    case DD_SCORE_LEVEL_NONE:
    default:
      return "";
    }
}

const char *
dd_score_component_to_string (DdScoreComponent component)
{
  switch (component)
    {
    case DD_SCORE_COMPONENT_TASKS:
      return "tasks";
    case DD_SCORE_COMPONENT_REPORTS:
      return "reports";
    case DD_SCORE_COMPONENT_INDICATORS:
      return "indicators";
    case DD_SCORE_COMPONENT_SIX_CLEAR:
      return "six_clear";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
dd_score_component_get_label (DdScoreComponent component)
{
  switch (component)
    {
    case DD_SCORE_COMPONENT_TASKS:
      return _("Results of the tasks");
    case DD_SCORE_COMPONENT_REPORTS:
      return _("Reports on time (discipline)");
    case DD_SCORE_COMPONENT_INDICATORS:
      return _("Indicators against target");
    case DD_SCORE_COMPONENT_SIX_CLEAR:
      return _("“6 rõ” completeness");
    default:
      g_return_val_if_reached ("");
    }
}

/* Plain structs */

void
_dd_score_indicator_update (DdScoreIndicator *indicator)
{
  indicator->has_data = indicator->denominator > 0;
  indicator->achieved = indicator->has_data ? 100.0 * indicator->numerator / indicator->denominator : 0.0;
  if (!indicator->has_data)
    indicator->attainment = 0.0;
  else if (indicator->target <= 0)
    indicator->attainment = 1.0;
  else
    indicator->attainment = MIN (1.0, indicator->achieved / indicator->target);
}

DdScoreIndicator *
dd_score_indicator_copy (const DdScoreIndicator *indicator)
{
  DdScoreIndicator *copy;

  g_return_val_if_fail (indicator != NULL, NULL);

  copy = g_memdup2 (indicator, sizeof *indicator);
  copy->title = g_strdup (indicator->title);
  return copy;
}

void
dd_score_indicator_free (DdScoreIndicator *indicator)
{
  if (indicator == NULL)
    return;
  g_free (indicator->title);
  g_free (indicator);
}

DdScoreTask *
_dd_score_task_new (gint64        task_id,
                    const char   *number,
                    const char   *title,
                    const GDate  *due,
                    DdTaskStatus  status,
                    gboolean      led)
{
  gsize number_size = number != NULL ? strlen (number) + 1 : 0;
  gsize title_size = title != NULL ? strlen (title) + 1 : 0;
  /* One block, the texts after the struct: a year's scorecards hold a
   * hundred thousand of these, and three allocations each (then three
   * frees) were a fifth of their time. */
  DdScoreTask *task = g_malloc (sizeof *task + number_size + title_size);
  char *text = (char *) (task + 1);

  task->task_id = task_id;
  task->number = number != NULL ? memcpy (text, number, number_size) : NULL;
  task->title = title != NULL ? memcpy (text + number_size, title, title_size) : NULL;
  task->due = *due;
  task->status = status;
  task->led = led;
  return task;
}

void
dd_score_task_free (DdScoreTask *task)
{
  g_free (task);
}

/* DdScorecard */

struct _DdScorecard
{
  GObject parent_instance;

  gint64 unit_id;
  char *unit_name;
  gboolean is_group;
  DdScorePeriod period;
  GDate as_of;
  DdScoreInput input;            /* owns input.indicators */
  DdScoreComponentResult components[DD_N_SCORE_COMPONENTS];
  const char *no_score_reason;
  double score;
  DdScoreLevel level;
  guint rank;
  GArray *trend;
  GPtrArray *tasks;
};

G_DEFINE_FINAL_TYPE (DdScorecard, dd_scorecard, G_TYPE_OBJECT)

static void
dd_scorecard_finalize (GObject *object)
{
  DdScorecard *self = DD_SCORECARD (object);

  g_free (self->unit_name);
  g_clear_pointer (&self->input.indicators, g_ptr_array_unref);
  g_clear_pointer (&self->trend, g_array_unref);
  g_clear_pointer (&self->tasks, g_ptr_array_unref);

  G_OBJECT_CLASS (dd_scorecard_parent_class)->finalize (object);
}

static void
dd_scorecard_class_init (DdScorecardClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_scorecard_finalize;
}

static void
dd_scorecard_init (DdScorecard *self)
{
  self->level = DD_SCORE_LEVEL_NONE;
  g_date_clear (&self->as_of, 1);
  self->trend = g_array_new (FALSE, FALSE, sizeof (double));
  self->tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_score_task_free);
}

static gboolean
is_done (int status)
{
  return status == DD_STATUS_DONE_ON_TIME || status == DD_STATUS_DONE_LATE;
}

static gboolean
is_late_not_done (int status)
{
  return status == DD_STATUS_OVERDUE || status == DD_STATUS_FORGOTTEN;
}

/* The task weights earned and possible of one role (led or coordinated). */
static void
add_tasks (const guint  counts[DD_N_STATUSES],
           double       weight,
           double       late_factor,
           double      *earned,
           double      *possible)
{
  *earned += weight * (counts[DD_STATUS_DONE_ON_TIME] + late_factor * counts[DD_STATUS_DONE_LATE]);
  *possible += weight * (counts[DD_STATUS_DONE_ON_TIME] + counts[DD_STATUS_DONE_LATE] +
                         counts[DD_STATUS_OVERDUE] + counts[DD_STATUS_FORGOTTEN]);
}

static void
compute (DdScorecard          *self,
         const DdScoreWeights *w)
{
  const DdScoreInput *in = &self->input;
  DdScoreComponentResult *c;
  double total_weight = 0.0;
  double score = 0.0;

  c = &self->components[DD_SCORE_COMPONENT_TASKS];
  c->weight = w->weight_tasks;
  add_tasks (in->led_counts, 1.0, w->late_factor, &c->earned, &c->possible);
  add_tasks (in->coordinated_counts, w->coordinator_share, w->late_factor, &c->earned, &c->possible);

  c = &self->components[DD_SCORE_COMPONENT_REPORTS];
  c->weight = w->weight_reports;
  c->earned = in->reports_on_time + w->late_factor * in->reports_late;
  c->possible = in->reports_on_time + in->reports_late + in->reports_forgotten;

  c = &self->components[DD_SCORE_COMPONENT_INDICATORS];
  c->weight = w->weight_indicators;
  for (guint i = 0; in->indicators != NULL && i < in->indicators->len; i++)
    {
      const DdScoreIndicator *indicator = g_ptr_array_index (in->indicators, i);

      if (!indicator->has_data)
        continue;
      c->earned += indicator->attainment;
      c->possible += 1.0;
    }

  c = &self->components[DD_SCORE_COMPONENT_SIX_CLEAR];
  c->weight = w->weight_six_clear;
  c->earned = in->six_clear_passed;
  c->possible = in->six_clear_checked;

  for (guint i = 0; i < DD_N_SCORE_COMPONENTS; i++)
    {
      c = &self->components[i];
      c->applies = c->weight > 0 && c->possible > 0;
      c->ratio = c->possible > 0 ? c->earned / c->possible : 0.0;
      if (c->applies)
        total_weight += c->weight;
    }

  if (self->is_group)
    {
      self->no_score_reason = _("A group of units is not rated");
      total_weight = 0.0;
    }
  else if (total_weight <= 0)
    self->no_score_reason = _("Nothing to judge in this period");

  for (guint i = 0; i < DD_N_SCORE_COMPONENTS; i++)
    {
      c = &self->components[i];
      if (total_weight > 0 && c->applies)
        {
          c->points = c->weight * c->ratio * 100.0 / total_weight;
          score += c->points;
        }
      else
        {
          c->applies = c->applies && total_weight > 0;
          c->points = 0.0;
        }
    }

  if (total_weight > 0)
    {
      /* Two decimals: the score a person reads is the one judged against
       * the thresholds (89.999… from rounding errors is 90). */
      self->score = round (score * 100.0) / 100.0;
      self->level = dd_score_level_for (self->score, w);
    }
  else
    {
      self->score = NAN;
      self->level = DD_SCORE_LEVEL_NONE;
    }
}

static DdScorecard *
scorecard_new (gint64                unit_id,
               const char           *unit_name,
               gboolean              is_group,
               const DdScorePeriod  *period,
               DdScoreInput         *input,
               gboolean              take_indicators,
               const DdScoreWeights *weights)
{
  DdScorecard *self;
  DdScoreWeights defaults;

  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (weights == NULL)
    {
      dd_score_weights_init_defaults (&defaults);
      weights = &defaults;
    }

  self = g_object_new (DD_TYPE_SCORECARD, NULL);
  self->unit_id = unit_id;
  self->unit_name = g_strdup (unit_name);
  self->is_group = is_group;
  self->period = *period;
  self->as_of = period->end;
  self->input = *input;
  if (take_indicators)
    {
      self->input.indicators = g_steal_pointer (&input->indicators);
      if (self->input.indicators == NULL)
        self->input.indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_score_indicator_free);
    }
  else
    {
      self->input.indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_score_indicator_free);
      for (guint i = 0; input->indicators != NULL && i < input->indicators->len; i++)
        g_ptr_array_add (self->input.indicators,
                         dd_score_indicator_copy (g_ptr_array_index (input->indicators, i)));
    }

  compute (self, weights);
  return self;
}

DdScorecard *
dd_scorecard_new (gint64                unit_id,
                  const char           *unit_name,
                  gboolean              is_group,
                  const DdScorePeriod  *period,
                  const DdScoreInput   *input,
                  const DdScoreWeights *weights)
{
  g_return_val_if_fail (input != NULL, NULL);

  return scorecard_new (unit_id, unit_name, is_group, period, (DdScoreInput *) input, FALSE, weights);
}

DdScorecard *
_dd_scorecard_new_take (gint64                unit_id,
                        const char           *unit_name,
                        gboolean              is_group,
                        const DdScorePeriod  *period,
                        DdScoreInput         *input,
                        const DdScoreWeights *weights)
{
  g_return_val_if_fail (input != NULL, NULL);

  return scorecard_new (unit_id, unit_name, is_group, period, input, TRUE, weights);
}

double
_dd_score_input_score (const DdScoreInput   *input,
                       gboolean              is_group,
                       const DdScoreWeights *weights)
{
  DdScoreInput borrowed = *input;
  g_autoptr(DdScorecard) card = NULL;
  double score;

  /* The card borrows the indicators and gives them back before it goes. */
  card = scorecard_new (0, NULL, is_group, &(DdScorePeriod) { 0 }, &borrowed, TRUE, weights);
  score = dd_scorecard_has_score (card) ? card->score : NAN;
  card->input.indicators = NULL;
  return score;
}

gint64
dd_scorecard_get_unit_id (DdScorecard *self)
{
  g_return_val_if_fail (DD_IS_SCORECARD (self), 0);
  return self->unit_id;
}

const char *
dd_scorecard_get_unit_name (DdScorecard *self)
{
  g_return_val_if_fail (DD_IS_SCORECARD (self), NULL);
  return self->unit_name;
}

gboolean
dd_scorecard_get_is_group (DdScorecard *self)
{
  g_return_val_if_fail (DD_IS_SCORECARD (self), FALSE);
  return self->is_group;
}

const DdScorePeriod *
dd_scorecard_get_period (DdScorecard *self)
{
  g_return_val_if_fail (DD_IS_SCORECARD (self), NULL);
  return &self->period;
}

const GDate *
dd_scorecard_get_as_of (DdScorecard *self)
{
  g_return_val_if_fail (DD_IS_SCORECARD (self), NULL);
  return &self->as_of;
}

const DdScoreInput *
dd_scorecard_get_input (DdScorecard *self)
{
  g_return_val_if_fail (DD_IS_SCORECARD (self), NULL);
  return &self->input;
}

guint
dd_scorecard_get_n_led (DdScorecard *self)
{
  guint n = 0;

  g_return_val_if_fail (DD_IS_SCORECARD (self), 0);
  for (int s = 0; s < DD_N_STATUSES; s++)
    n += self->input.led_counts[s];
  return n;
}

guint
dd_scorecard_get_n_coordinated (DdScorecard *self)
{
  guint n = 0;

  g_return_val_if_fail (DD_IS_SCORECARD (self), 0);
  for (int s = 0; s < DD_N_STATUSES; s++)
    n += self->input.coordinated_counts[s];
  return n;
}

guint
dd_scorecard_get_count (DdScorecard  *self,
                        DdTaskStatus  status)
{
  g_return_val_if_fail (DD_IS_SCORECARD (self), 0);
  g_return_val_if_fail ((int) status >= 0 && (int) status < DD_N_STATUSES, 0);
  return self->input.led_counts[status] + self->input.coordinated_counts[status];
}

guint
dd_scorecard_get_n_forgotten (DdScorecard *self)
{
  g_return_val_if_fail (DD_IS_SCORECARD (self), 0);
  return self->input.reports_forgotten + dd_scorecard_get_count (self, DD_STATUS_FORGOTTEN);
}

gboolean
dd_scorecard_get_completion_rate (DdScorecard *self,
                                  double      *out_rate)
{
  guint done = 0, late = 0;

  g_return_val_if_fail (DD_IS_SCORECARD (self), FALSE);

  for (int s = 0; s < DD_N_STATUSES; s++)
    {
      guint n = dd_scorecard_get_count (self, (DdTaskStatus) s);

      if (is_done (s))
        done += n;
      else if (is_late_not_done (s))
        late += n;
    }
  if (out_rate != NULL)
    *out_rate = done + late > 0 ? (double) done / (double) (done + late) : 0.0;
  return done + late > 0;
}

gboolean
dd_scorecard_has_score (DdScorecard *self)
{
  g_return_val_if_fail (DD_IS_SCORECARD (self), FALSE);
  return self->level != DD_SCORE_LEVEL_NONE;
}

const char *
dd_scorecard_get_no_score_reason (DdScorecard *self)
{
  g_return_val_if_fail (DD_IS_SCORECARD (self), NULL);
  return dd_scorecard_has_score (self) ? NULL : self->no_score_reason;
}

double
dd_scorecard_get_score (DdScorecard *self)
{
  g_return_val_if_fail (DD_IS_SCORECARD (self), NAN);
  return self->score;
}

DdScoreLevel
dd_scorecard_get_level (DdScorecard *self)
{
  g_return_val_if_fail (DD_IS_SCORECARD (self), DD_SCORE_LEVEL_NONE);
  return self->level;
}

guint
dd_scorecard_get_rank (DdScorecard *self)
{
  g_return_val_if_fail (DD_IS_SCORECARD (self), 0);
  return self->rank;
}

const DdScoreComponentResult *
dd_scorecard_get_component (DdScorecard      *self,
                            DdScoreComponent  component)
{
  g_return_val_if_fail (DD_IS_SCORECARD (self), NULL);
  g_return_val_if_fail ((int) component >= 0 && component < DD_N_SCORE_COMPONENTS, NULL);
  return &self->components[component];
}

GPtrArray *
dd_scorecard_get_indicators (DdScorecard *self)
{
  g_return_val_if_fail (DD_IS_SCORECARD (self), NULL);
  return self->input.indicators;
}

GPtrArray *
dd_scorecard_get_tasks (DdScorecard *self)
{
  g_return_val_if_fail (DD_IS_SCORECARD (self), NULL);
  return self->tasks;
}

GArray *
dd_scorecard_get_trend (DdScorecard *self)
{
  g_return_val_if_fail (DD_IS_SCORECARD (self), NULL);
  return self->trend;
}

void
_dd_scorecard_set_rank (DdScorecard *self,
                        guint        rank)
{
  self->rank = rank;
}

void
_dd_scorecard_set_as_of (DdScorecard *self,
                         const GDate *as_of)
{
  self->as_of = *as_of;
}

void
_dd_scorecard_set_trend (DdScorecard *self,
                         GArray      *trend)
{
  g_clear_pointer (&self->trend, g_array_unref);
  self->trend = trend;
}

void
_dd_scorecard_set_tasks (DdScorecard *self,
                         GPtrArray   *tasks)
{
  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  self->tasks = tasks;
}
