/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-score-weights"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "dd-scoring-private.h"

/*
 * The settings of the score (DdScoreWeights: the components' points, the
 * factors, the levels' thresholds, the trend's length), the levels they
 * map a score to and the names of the components. Pure: the store side of
 * the settings is dd-scoring-settings.c.
 */

/* Weights */

void
dd_score_weights_init_defaults (DdScoreWeights *self)
{
  g_return_if_fail (self != NULL);

  self->weight_tasks = DD_SCORE_DEFAULT_WEIGHT_TASKS;
  self->weight_reports = DD_SCORE_DEFAULT_WEIGHT_REPORTS;
  self->weight_indicators = DD_SCORE_DEFAULT_WEIGHT_INDICATORS;
  self->weight_six_clear = DD_SCORE_DEFAULT_WEIGHT_SIX_CLEAR;
  self->late_factor = DD_SCORE_DEFAULT_LATE_FACTOR;
  self->coordinator_share = DD_SCORE_DEFAULT_COORDINATOR_SHARE;
  self->level_excellent = DD_SCORE_DEFAULT_LEVEL_EXCELLENT;
  self->level_good = DD_SCORE_DEFAULT_LEVEL_GOOD;
  self->level_pass = DD_SCORE_DEFAULT_LEVEL_PASS;
  self->trend_periods = DD_SCORE_DEFAULT_TREND_PERIODS;
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
  { "score.level.excellent", N_("Lowest score of “Tasks completed excellently”"),
    G_STRUCT_OFFSET (DdScoreWeights, level_excellent), FALSE, 0, 100 },
  { "score.level.good", N_("Lowest score of “Tasks completed well”"),
    G_STRUCT_OFFSET (DdScoreWeights, level_good), FALSE, 0, 100 },
  { "score.level.pass", N_("Lowest score of “Tasks completed”"),
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
dd_score_weights_get_value (const DdScoreWeights *self,
                            const char           *key,
                            double               *out_value)
{
  const WeightSetting *setting = find_setting (key);

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);

  if (setting == NULL)
    return FALSE;
  *out_value = setting_value (self, setting);
  return TRUE;
}

gboolean
dd_score_weights_set_value (DdScoreWeights  *self,
                            const char      *key,
                            double           value,
                            GError         **error)
{
  const WeightSetting *setting = find_setting (key);
  guint8 *field;

  g_return_val_if_fail (self != NULL, FALSE);

  if (setting == NULL)
    {
      g_autofree char *keys = g_strjoinv (", ", (char **) dd_score_weights_list_keys ());

      g_set_error (error, DD_SCORING_ERROR, DD_SCORING_ERROR_WEIGHTS,
                   _("There is no score setting “%s” (the settings are: %s)"), key, keys);
      return FALSE;
    }
  field = (guint8 *) self + setting->offset;
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
dd_score_weights_validate (const DdScoreWeights *self,
                           GError              **error)
{
  double sum;

  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (weight_settings); i++)
    {
      const WeightSetting *setting = &weight_settings[i];
      double value = setting_value (self, setting);

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

  if (self->level_good > self->level_excellent)
    {
      g_set_error (error, DD_SCORING_ERROR, DD_SCORING_ERROR_WEIGHTS,
                   _("The threshold of “Tasks completed well” (%g) is above that of "
                     "“Tasks completed excellently” (%g) (score.level.good)"),
                   self->level_good, self->level_excellent);
      return FALSE;
    }
  if (self->level_pass > self->level_good)
    {
      g_set_error (error, DD_SCORING_ERROR, DD_SCORING_ERROR_WEIGHTS,
                   _("The threshold of “Tasks completed” (%g) is above that of "
                     "“Tasks completed well” (%g) (score.level.pass)"),
                   self->level_pass, self->level_good);
      return FALSE;
    }

  sum = self->weight_tasks + self->weight_reports + self->weight_indicators + self->weight_six_clear;
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
