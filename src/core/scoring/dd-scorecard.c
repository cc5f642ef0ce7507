/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-scorecard"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-scoring-private.h"

/*
 * The scorecard engine: the score of one unit from its figures
 * (DdScoreInput), its components, level, rank and trend (DdScorecard).
 * GTK-free and store-free, so that every rule is tested on figures written
 * by hand; DdScoring (dd-scoring.c) reads the figures from the file.
 */

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
dd_score_indicator_copy (const DdScoreIndicator *self)
{
  DdScoreIndicator *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->title = g_strdup (self->title);
  return copy;
}

void
dd_score_indicator_free (DdScoreIndicator *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self);
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
dd_score_task_free (DdScoreTask *self)
{
  g_free (self);
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

const DdScoreIndicator *
dd_scorecard_find_indicator (DdScorecard *self,
                             gint64       indicator_id)
{
  GPtrArray *indicators;

  g_return_val_if_fail (DD_IS_SCORECARD (self), NULL);

  indicators = self->input.indicators;
  for (guint i = 0; indicators != NULL && i < indicators->len; i++)
    {
      const DdScoreIndicator *indicator = g_ptr_array_index (indicators, i);

      if (indicator->indicator_id == indicator_id && indicator->denominator > 0)
        return indicator;
    }
  return NULL;
}

gboolean
dd_scorecards_sum_indicator (GListModel *cards,
                             gint64      indicator_id,
                             gint64      unit_id,
                             double     *out_numerator,
                             double     *out_denominator)
{
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (cards), FALSE);
  g_return_val_if_fail (out_numerator != NULL && out_denominator != NULL, FALSE);

  *out_numerator = *out_denominator = 0;
  n = g_list_model_get_n_items (cards);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdScorecard) card = g_list_model_get_item (cards, i);
      const DdScoreIndicator *indicator;

      /* A group's tasks are its units' (it is never scored). */
      if (dd_scorecard_get_is_group (card) || (unit_id > 0 && card->unit_id != unit_id))
        continue;
      indicator = dd_scorecard_find_indicator (card, indicator_id);
      if (indicator == NULL)
        continue;
      *out_numerator += indicator->numerator;
      *out_denominator += indicator->denominator;
    }
  return *out_denominator > 0;
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
