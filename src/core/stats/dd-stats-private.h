/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dondoc/dd-stats.h"
#include "dondoc/dd-scoring.h"

G_BEGIN_DECLS

/* dd-stats-scan.c: the figures read through one connection (the store's,
 * or a worker's on its thread). DdStats's methods are these on its store. */
gboolean   _dd_stats_read_headline   (DdStore            *self,
                                      const DdStatsQuery *query,
                                      DdStatsHeadline    *out_headline,
                                      GError            **error);
GPtrArray *_dd_stats_read_units      (DdStore            *self,
                                      const DdStatsQuery *query,
                                      GError            **error);
gboolean   _dd_stats_read_progress   (DdStore            *self,
                                      const DdStatsQuery *query,
                                      DdStatsProgress    *out_progress,
                                      GError            **error);
/* @scoring: (nullable): where the scoring of the derived indicators'
 * figures is kept (made in it when NULL; the scorecards take seconds on a
 * large file); %NULL: they have no figure. */
GPtrArray *_dd_stats_read_indicators (DdStore            *self,
                                      const DdStatsQuery *query,
                                      DdScoring         **scoring,
                                      GError            **error);
/* dd-stats-derived.c: the figures of the derived indicators in @derived
 * (DdStatsIndicator*, zero) from the scorecards of @query's period, through
 * *@scoring (made when NULL, or of another connection). */
gboolean   _dd_stats_fill_derived    (DdStore            *self,
                                      const DdStatsQuery *query,
                                      DdScoring         **scoring,
                                      GPtrArray          *derived,
                                      GError            **error);
gboolean   _dd_stats_read_dashboard  (DdStore            *self,
                                      const DdStatsQuery *query,
                                      DdScoring         **scoring,
                                      DdStatsDashboard   *out_dashboard,
                                      GError            **error);

/* dd-stats-six-clear.c: the tasks of @query (its plan; other filters
 * than the plan are counted by the task list's filter) that fail the
 * "6 rõ" check, as dd_store_count_tasks() counts them with
 * six_clear_incomplete, in one pass over the tasks. */
gboolean   _dd_stats_count_six_clear (DdStore            *self,
                                      const DdTaskQuery  *query,
                                      guint              *out_count,
                                      GError            **error);

/* dd-stats-cache.c: the readings kept on disk by the file's state. The
 * state (transfer full): NULL when the file's readings are not kept. */
char      *_dd_stats_cache_state     (DdStore            *connection);
/* (transfer full): NULL when @state is. */
char      *_dd_stats_cache_key       (const char         *state,
                                      const DdStatsQuery *query,
                                      const char         *part);
/* (transfer full) (nullable): the part kept for @key. */
GVariant  *_dd_stats_cache_load      (DdStore            *connection,
                                      const char         *key,
                                      const char         *part);
/* Keeps @value (floating, sunk) for @key if the file is still in @state. */
void       _dd_stats_cache_save      (DdStore            *connection,
                                      const char         *state,
                                      const char         *key,
                                      const char         *part,
                                      GVariant           *value);
GVariant  *_dd_stats_cache_encode_dashboard  (const DdStatsDashboard *dashboard);
gboolean   _dd_stats_cache_decode_dashboard  (GVariant               *value,
                                              DdStatsDashboard       *out_dashboard);
GVariant  *_dd_stats_cache_encode_indicators (GPtrArray              *indicators);
GPtrArray *_dd_stats_cache_decode_indicators (GVariant               *value);

G_END_DECLS
