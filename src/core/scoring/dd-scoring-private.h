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

/* dd_figures_list_indicators() for @store, without a DdFigures. */
GPtrArray *_dd_figures_read_indicators (DdStore *store, gint64 plan_id, GError **error);

G_END_DECLS
