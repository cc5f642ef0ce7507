/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dd-core-private.h"

G_BEGIN_DECLS

/* Set by DdScoring (dd-scoring-scan.c) after dd_scorecard_new(). */
void _dd_scorecard_set_rank  (DdScorecard *self,
                              guint        rank);
void _dd_scorecard_set_as_of (DdScorecard *self,
                              const GDate *as_of);
/* Takes @trend (element-type double). */
void _dd_scorecard_set_trend (DdScorecard *self,
                              GArray      *trend);
/* Takes @tasks (element-type DdScoreTask). */
void _dd_scorecard_set_tasks (DdScorecard *self,
                              GPtrArray   *tasks);

/* dd_scorecard_new() taking @input's indicators instead of copying them
 * (input->indicators is NULL afterwards). */
DdScorecard *_dd_scorecard_new_take (gint64 unit_id, const char *unit_name, gboolean is_group,
                                     const DdScorePeriod *period, DdScoreInput *input,
                                     const DdScoreWeights *weights);
/* The score a scorecard of @input would have (NAN: none), as for a period
 * of a trend: without making the card's copies of the indicators. */
double _dd_score_input_score (const DdScoreInput *input, gboolean is_group,
                              const DdScoreWeights *weights);
/* A DdScoreTask in one block with its texts (dd_score_task_free() frees
 * it): the only way they are made. */
DdScoreTask *_dd_score_task_new (gint64 task_id, const char *number, const char *title,
                                 const GDate *due, DdTaskStatus status, gboolean led);

/* Fills in @indicator's achieved and attainment from its sums and target. */
void _dd_score_indicator_update (DdScoreIndicator *indicator);

/* The settings of the score as @store keeps them (dd-scoring-settings.c):
 * dd_scoring_get_weights() and dd_scoring_set_weights() without a DdScoring. */
gboolean _dd_scoring_read_weights  (DdStore *store, DdScoreWeights *out, GError **error);
gboolean _dd_scoring_write_weights (DdStore *store, const DdScoreWeights *weights, GError **error);

/* For the tests: how often @self's kept cache was brought up to date from
 * the audit log, and how often it was read whole (dd-scoring-log.c). */
void _dd_scoring_get_cache_counts (DdScoring *self, guint *out_partial, guint *out_full);

/* The figures of one derived indicator summed over the units' scorecards
 * of a period (_dd_scoring_sum_derived()). */
typedef struct
{
  gint64 indicator_id;
  double numerator;
  double denominator;
} DdDerivedSum;

/* A DdScoring for the derived indicators' figures alone: it reads the
 * tasks' dates but not their words (the one read of the whole tasks
 * table), and never makes scorecards (dd_scoring_list_scorecards() and
 * its async pair refuse it). (transfer full) */
DdScoring *_dd_scoring_new_for_derived (DdStore *store);
/* The sums of the figures of every derived indicator in the units'
 * scorecards of @period as of @as_of (%NULL: as dd_scoring_list_scorecards()
 * takes it), for @unit_id (0: every unit but groups): what
 * dd_scorecards_sum_indicator() gives of the scorecards, without making
 * them (one period, no trend, reports nor typed figures). DdDerivedSum,
 * those with a denominator; (transfer full), %NULL with @error. */
GArray    *_dd_scoring_sum_derived     (DdScoring           *self,
                                        const DdScorePeriod *period,
                                        const GDate         *as_of,
                                        gint64               unit_id,
                                        GError             **error);

/* dd_figures_list_indicators() for @store, without a DdFigures. */
GPtrArray *_dd_figures_read_indicators (DdStore *store, gint64 plan_id, GError **error);

G_END_DECLS
