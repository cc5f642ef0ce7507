/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dd-core-private.h"

G_BEGIN_DECLS

/* Set by the store (dd-store-scoring.c) after dd_scorecard_new(). */
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

/* Fills in @indicator's achieved and attainment from its sums and target. */
void _dd_score_indicator_update (DdScoreIndicator *indicator);

G_END_DECLS
