/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <gio/gio.h>
#include "dd-types.h"
#include "dd-task-list.h"

G_BEGIN_DECLS

/*
 * The figures behind the dashboard, as plain structs: computed by the store
 * (DdStats, declared below) and drawn by
 * DdChart. Every status count is an array of DD_N_STATUSES, indexed by
 * DdTaskStatus, so a new status needs no change here.
 */

typedef enum
{
  DD_STATS_BY_WEEK = 0,   /* weeks from Monday to Sunday */
  DD_STATS_BY_MONTH = 1,
} DdStatsInterval;

/**
 * DdStatsQuery:
 * @tasks: which tasks: its @as_of, @due_soon_days, @plan_id, @unit_id (led or
 *   coordinated) and @text are used; its @status, @sort and @descending are ignored
 * @from: (nullable): first day of the period, or an invalid date for no limit
 * @to: (nullable): last day of the period, or an invalid date for no limit
 * @interval: the buckets of the completion-over-time series
 *
 * The period bounds the completion-over-time series and selects the
 * indicator figures whose reporting period lies inside it. The status
 * counts are as of @tasks.as_of over all the matching tasks.
 */
typedef struct
{
  DdTaskQuery tasks;
  GDate from;
  GDate to;
  DdStatsInterval interval;
} DdStatsQuery;

/* Fills @self: dd_task_query_init(), no period, by week. */
void dd_stats_query_init (DdStatsQuery *self);

/**
 * DdStatsHeadline:
 * @tasks: the number of matching tasks
 * @counts: tasks per status
 * @done: tasks done (on time or late)
 * @late_not_done: tasks overdue and not done
 * @has_rate: %FALSE when @done + @late_not_done is 0: there is no rate
 * @completion_rate: @done ÷ (@done + @late_not_done), 0–1, as the
 *   Government Office counts it
 */
typedef struct
{
  guint tasks;
  guint counts[DD_N_STATUSES];
  guint done;
  guint late_not_done;
  gboolean has_rate;
  double completion_rate;
} DdStatsHeadline;

/* Recomputes @done, @late_not_done, @tasks and the rate from @counts. */
void dd_stats_headline_update (DdStatsHeadline *self);

/**
 * DdStatsUnit:
 * @unit_id: the lead unit, or 0 for the tasks without one
 * @name: (nullable): the unit's name; %NULL when @unit_id is 0
 * @total: the unit's tasks
 * @counts: its tasks per status
 */
typedef struct
{
  gint64 unit_id;
  char *name;
  guint total;
  guint counts[DD_N_STATUSES];
} DdStatsUnit;

DdStatsUnit *dd_stats_unit_copy (const DdStatsUnit *self);
void         dd_stats_unit_free (DdStatsUnit *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdStatsUnit, dd_stats_unit_free)

/**
 * DdStatsPoint:
 * @start: first day of the bucket
 * @end: last day of the bucket
 * @due: tasks due on or before @end (cumulative: the plan line)
 * @completed: tasks completed on or before @end and the reference date
 *   (cumulative), among the tasks that have a due date
 * @future: %TRUE when the bucket starts after the reference date (@completed
 *   is then not known yet and is not drawn)
 */
typedef struct
{
  GDate start;
  GDate end;
  guint due;
  guint completed;
  gboolean future;
} DdStatsPoint;

/**
 * DdStatsProgress:
 * @interval: week or month
 * @as_of: the reference date
 * @points: (element-type DdStatsPoint): the buckets in date order (at most 1,000)
 * @total_due: the matching tasks that have a due date
 *
 * Only tasks with a due date count on both lines: the plan line cannot place
 * the others. Clear with dd_stats_progress_clear().
 */
typedef struct
{
  DdStatsInterval interval;
  GDate as_of;
  GArray *points;
  guint total_due;
} DdStatsProgress;

void dd_stats_progress_clear (DdStatsProgress *self);
void dd_stats_progress_copy  (const DdStatsProgress *self,
                              DdStatsProgress       *dest);

/**
 * DdStatsIndicator:
 * @indicator_id: the indicator
 * @title: its text
 * @target: the target in percent (100)
 * @has_data: %FALSE when no figure (or only a zero denominator) was recorded
 * @numerator: the sum of the figures' numerators
 * @denominator: the sum of their denominators
 * @achieved: 100 × @numerator ÷ @denominator (percent); 0 without data
 */
typedef struct
{
  gint64 indicator_id;
  char *title;
  double target;
  gboolean has_data;
  double numerator;
  double denominator;
  double achieved;
} DdStatsIndicator;

DdStatsIndicator *dd_stats_indicator_copy (const DdStatsIndicator *self);
void              dd_stats_indicator_free (DdStatsIndicator *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdStatsIndicator, dd_stats_indicator_free)

/**
 * DdStatsDashboard:
 * Everything the dashboard shows, from dd_stats_get_dashboard().
 * Clear with dd_stats_dashboard_clear().
 */
typedef struct
{
  DdStatsHeadline headline;
  GPtrArray *units;        /* of DdStatsUnit*, in Vietnamese order of name */
  DdStatsProgress progress;
  GPtrArray *indicators;   /* of DdStatsIndicator* */
} DdStatsDashboard;

void dd_stats_dashboard_clear (DdStatsDashboard *self);

/**
 * DdStats:
 *
 * The dashboard's statistics over one store's file. The figures are read
 * at once on the calling thread with the dd_stats_get_*() and
 * dd_stats_list_*() methods, or on a thread and a connection of the
 * object's own with dd_stats_load_dashboard_async() (the window: on a file
 * of years of plans they take a few hundred milliseconds, which a frame
 * must not wait for).
 */
#define DD_TYPE_STATS (dd_stats_get_type ())
G_DECLARE_FINAL_TYPE (DdStats, dd_stats, DD, STATS, GObject)

DdStats   *dd_stats_new              (DdStore            *store) G_GNUC_WARN_UNUSED_RESULT;
DdStore   *dd_stats_get_store        (DdStats            *self);

/*
 * The aggregates. Each reads the store with bound parameters only, on the
 * main thread, and fails with a %DD_STORE_ERROR. The status of every task
 * is the one of dd_rules_task_status() as of @query->tasks.as_of.
 */

/* The headline figures: tasks, per status, completion rate. */
gboolean   dd_stats_get_headline     (DdStats            *self,
                                      const DdStatsQuery *query,
                                      DdStatsHeadline    *out_headline,
                                      GError            **error);
/* Status counts per lead unit, units in Vietnamese order of name (the tasks
 * without a lead unit last); only units that lead a matching task.
 * Returns: (transfer full) (element-type DdStatsUnit): or %NULL on error */
GPtrArray *dd_stats_list_units       (DdStats            *self,
                                      const DdStatsQuery *query,
                                      GError            **error);
/* Cumulative completed and due per week or month (see DdStatsProgress). */
gboolean   dd_stats_get_progress     (DdStats            *self,
                                      const DdStatsQuery *query,
                                      DdStatsProgress    *out_progress,
                                      GError            **error);
/*
 * Indicators against target: the indicators of @query's plan (all plans
 * when 0), each with the sums of the figures whose period lies in the
 * query's period. With a unit, that unit's figures; without, the figures
 * for the whole office (unit NULL) when there are any in the period, else
 * the sum of the units' figures (never both: that would count twice).
 * Returns: (transfer full) (element-type DdStatsIndicator): or %NULL on error
 */
GPtrArray *dd_stats_list_indicators  (DdStats            *self,
                                      const DdStatsQuery *query,
                                      GError            **error);
/* All of the above, reading the tasks once. */
gboolean   dd_stats_get_dashboard    (DdStats            *self,
                                      const DdStatsQuery *query,
                                      DdStatsDashboard   *out_dashboard,
                                      GError            **error);


/**
 * DdStatsLoad:
 * @DD_STATS_LOAD_FIGURES: the headline, the units, the progress and the
 *   indicators (DdStatsReading.dashboard)
 * @DD_STATS_LOAD_PLANS: the plans too (DdStatsReading.plans), for a
 *   plan drop-down (their names: without their task counts,
 *   dd_store_list_plan_names()); a plan of the query that no longer
 *   exists is dropped from it (the figures are then those of every plan)
 * @DD_STATS_LOAD_SIX_CLEAR: the count of the tasks not clear in the six
 *   ways ("6 rõ"), which reads every task's text
 * @DD_STATS_LOAD_DERIVED: the derived indicators' figures, the scorecards'
 *   of the period (seconds on a file of 100,000 tasks): without it,
 *   %DD_STATS_LOAD_FIGURES leaves them without figures; alone, the
 *   indicators only (DdStatsReading.dashboard.indicators, every one)
 */
typedef enum
{
  DD_STATS_LOAD_FIGURES = 1 << 0,
  DD_STATS_LOAD_PLANS = 1 << 1,
  DD_STATS_LOAD_SIX_CLEAR = 1 << 2,
  DD_STATS_LOAD_DERIVED = 1 << 3,
} DdStatsLoad;

/* What dd_stats_load_dashboard_finish() gives. */
typedef struct
{
  DdStatsLoad loaded;
  DdStatsQuery query;          /* as read: the plan dropped if it is gone */
  DdStatsDashboard dashboard;  /* DD_STATS_LOAD_FIGURES; its indicators with DERIVED */
  GListModel *plans;           /* DD_STATS_LOAD_PLANS: of DdPlan (no count), or NULL */
  guint n_six_clear;           /* DD_STATS_LOAD_SIX_CLEAR */
} DdStatsReading;

void dd_stats_reading_free (DdStatsReading *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdStatsReading, dd_stats_reading_free)

/*
 * Reads what @what says for @query on the object's own threads and
 * connections, below drawing and input: the readings with
 * %DD_STATS_LOAD_DERIVED one after the other on one thread, the others one
 * after the other on another, so that the two kinds are read side by side
 * (their callbacks may come in either order). The due-soon setting of the
 * file replaces @query's; a plan of @query that no longer exists is
 * dropped (DdStatsReading.query). A reading cancelled before it starts is
 * not made.
 */
void            dd_stats_load_dashboard_async  (DdStats             *self,
                                                const DdStatsQuery  *query,
                                                DdStatsLoad          what,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
DdStatsReading *dd_stats_load_dashboard_finish (DdStats             *self,
                                                GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
