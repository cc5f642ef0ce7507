/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <gio/gio.h>
#include "dd-types.h"
#include "dd-error.h"
#include "dd-occurrence.h"
#include "dd-store.h"
#include "dd-six-clear.h"

G_BEGIN_DECLS

/*
 * Unit scorecards (đánh giá, xếp loại): per unit and period, the tasks it
 * led and coordinated and how they stand, its periodic reports, its
 * indicators, the "6 rõ" completeness of its tasks, a score from 0 to 100,
 * the level it maps to, its rank and its trend. Every score is explained by
 * the points of its components.
 *
 * The default score (in the spirit of Nghị định 335/2025/NĐ-CP: results of
 * the tasks weigh most), each weight and threshold a setting (key):
 *
 *   tasks       60 points ("score.weight.tasks"): the tasks with a due date
 *               judged in the period; done on time earns a task's full
 *               weight, done late earns "score.late_factor" (0.75: a product
 *               delivered late loses 25% of its points), overdue earns 0.
 *               A led task weighs 1, a coordinated one
 *               "score.coordinator_share" (0.3).
 *   reports     20 points ("score.weight.reports"): discipline — the
 *               periodic reports and monthly updates owed by the tasks the
 *               unit leads, due in the period: on time 1, late the late
 *               factor, forgotten (quên việc) 0.
 *   indicators  20 points ("score.weight.indicators"): each indicator's
 *               achievement is the ratio of the sums of its figures (never
 *               a mean of ratios) against its target, at most 100%; the
 *               component is the mean over the unit's indicators with data.
 *   six_clear    0 points ("score.weight.six_clear"): the share of the tasks
 *               the unit leads that pass the "6 rõ" check. Shown, not
 *               scored, unless given a weight.
 *
 * A component with nothing to judge (or weight 0) is left out and the
 * others are scaled to 100. A unit with nothing to judge at all, and a
 * group of units ("Các phòng, ban, đơn vị liên quan"), get no score.
 *
 * The four weights add up to 100 points.
 *
 * Levels: ≥ 90 ("score.level.excellent") Hoàn thành xuất sắc nhiệm vụ;
 * ≥ 70 ("score.level.good") Hoàn thành tốt nhiệm vụ; ≥ 50
 * ("score.level.pass") Hoàn thành nhiệm vụ; below, Không hoàn thành nhiệm vụ.
 * The trend shows the "score.trend_periods" (4) last periods of the kind.
 */

/* Periods */

/**
 * DdScorePeriod:
 * @kind: %DD_OCCURRENCE_MONTH, _QUARTER, _HALF_YEAR or _YEAR
 * @year: the year
 * @index: the month (1–12), quarter (1–4), half (1–2), or 1 for a year
 * @start: the first day of its data (Nghị định 09/2019/NĐ-CP, art. 12:
 *   from the 15th of the month before)
 * @end: the last day of its data (the 14th of its last month)
 *
 * A scoring period. Its days are the reporting window of Nghị định
 * 09/2019: a quarter runs from the 15th of the month before it to the 14th
 * of its last month, the first 6 months from 15/12 of the year before to
 * 14/6, the year from 15/12 to 14/12; the second half (not in the decree)
 * from 15/6 to 14/12, and a month from the 15th of the month before to its
 * 14th. Windows of a kind nest in those of the longer kinds.
 */
typedef struct
{
  DdOccurrenceKind kind;
  int year;
  int index;
  GDate start;
  GDate end;
} DdScorePeriod;

/**
 * dd_score_period_parse:
 * @text: "2026-Q2", "2026-H1", "2026", or "2026-05"
 * @out: (out caller-allocates): the period
 *
 * The one place periods are read (command line, Indicators page, CSV).
 * Returns: %FALSE with a %DD_SCORING_ERROR_PERIOD (translated) otherwise
 */
gboolean dd_score_period_parse     (const char     *text,
                                    DdScorePeriod  *out,
                                    GError        **error);
/* Fills @self for @kind, @year, @index (which must be valid). */
void     dd_score_period_init      (DdScorePeriod    *self,
                                    DdOccurrenceKind  kind,
                                    int               year,
                                    int               index);
/* The period of @kind whose window holds @date. */
void     dd_score_period_for_date  (DdScorePeriod    *self,
                                    DdOccurrenceKind  kind,
                                    const GDate      *date);
/* The period of the same kind before (@offset -1) or after (+1) @self. */
void     dd_score_period_shift     (const DdScorePeriod *self,
                                    int                  offset,
                                    DdScorePeriod       *out);
/* "2026-Q2", as parsed. (transfer full) */
char    *dd_score_period_to_string (const DdScorePeriod *self);
/* "Quý II/2026", "Tháng 5/2026", … (translated). (transfer full) */
char    *dd_score_period_dup_label (const DdScorePeriod *self);

/* Weights and thresholds */

/**
 * DdScoreWeights:
 * The settings of the score (see the top of this header for keys and
 * defaults). Component weights are points (≥ 0, not all 0); factors are
 * 0–1; thresholds 0–100 with pass ≤ good ≤ excellent; trend 1–12.
 */
typedef struct
{
  double weight_tasks;
  double weight_reports;
  double weight_indicators;
  double weight_six_clear;
  double late_factor;
  double coordinator_share;
  double level_excellent;
  double level_good;
  double level_pass;
  guint trend_periods;
} DdScoreWeights;

#define DD_SCORE_DEFAULT_WEIGHT_TASKS       60.0
#define DD_SCORE_DEFAULT_WEIGHT_REPORTS     20.0
#define DD_SCORE_DEFAULT_WEIGHT_INDICATORS  20.0
#define DD_SCORE_DEFAULT_WEIGHT_SIX_CLEAR    0.0
#define DD_SCORE_DEFAULT_LATE_FACTOR         0.75
#define DD_SCORE_DEFAULT_COORDINATOR_SHARE   0.3
#define DD_SCORE_DEFAULT_LEVEL_EXCELLENT    90.0
#define DD_SCORE_DEFAULT_LEVEL_GOOD         70.0
#define DD_SCORE_DEFAULT_LEVEL_PASS         50.0
#define DD_SCORE_DEFAULT_TREND_PERIODS       4

void     dd_score_weights_init_defaults (DdScoreWeights       *self);
/* %FALSE with %DD_SCORING_ERROR_WEIGHTS (translated, naming the setting
 * and why): a value out of its range, thresholds out of order
 * (pass ≤ good ≤ excellent), or component weights that do not add up to
 * 100 points. */
gboolean dd_score_weights_validate      (const DdScoreWeights *self,
                                         GError              **error);
/* The setting keys ("score.weight.tasks", …), in a fixed order; static. */
const char * const *dd_score_weights_list_keys (void);
/* The translated name of a setting ("Weight of the task results (points)"),
 * or %NULL for an unknown key. */
const char *dd_score_weights_get_label  (const char           *key);
/* Reads one setting by key; %FALSE for an unknown key. */
gboolean dd_score_weights_get_value     (const DdScoreWeights *self,
                                         const char           *key,
                                         double               *out_value);
/* Changes one setting by key (no other check: validate the whole);
 * %DD_SCORING_ERROR_WEIGHTS for an unknown key or a trend that is not a
 * whole number. */
gboolean dd_score_weights_set_value     (DdScoreWeights       *self,
                                         const char           *key,
                                         double                value,
                                         GError              **error);

/* Levels */

/**
 * DdScoreLevel:
 * @DD_SCORE_LEVEL_NONE: no score
 * @DD_SCORE_LEVEL_EXCELLENT: "xuat_sac", Hoàn thành xuất sắc nhiệm vụ
 * @DD_SCORE_LEVEL_GOOD: "tot", Hoàn thành tốt nhiệm vụ
 * @DD_SCORE_LEVEL_PASS: "hoan_thanh", Hoàn thành nhiệm vụ
 * @DD_SCORE_LEVEL_FAIL: "khong_hoan_thanh", Không hoàn thành nhiệm vụ
 */
typedef enum
{
  DD_SCORE_LEVEL_NONE = -1,
  DD_SCORE_LEVEL_EXCELLENT = 0,
  DD_SCORE_LEVEL_GOOD = 1,
  DD_SCORE_LEVEL_PASS = 2,
  DD_SCORE_LEVEL_FAIL = 3,
} DdScoreLevel;

DdScoreLevel dd_score_level_for       (double                score,
                                       const DdScoreWeights *weights);
/* "xuat_sac", …; NULL for %DD_SCORE_LEVEL_NONE. */
const char  *dd_score_level_to_string (DdScoreLevel level);
/* "Hoàn thành xuất sắc nhiệm vụ", … (translated); "" for none. */
const char  *dd_score_level_get_label (DdScoreLevel level);

/* Components */

typedef enum
{
  DD_SCORE_COMPONENT_TASKS = 0,
  DD_SCORE_COMPONENT_REPORTS = 1,
  DD_SCORE_COMPONENT_INDICATORS = 2,
  DD_SCORE_COMPONENT_SIX_CLEAR = 3,
} DdScoreComponent;

#define DD_N_SCORE_COMPONENTS 4

/* "tasks", "reports", "indicators", "six_clear". */
const char *dd_score_component_to_string (DdScoreComponent component);
/* Translated name ("Kết quả thực hiện nhiệm vụ", …). */
const char *dd_score_component_get_label (DdScoreComponent component);

/**
 * DdScoreComponentResult:
 * @applies: %FALSE when there is nothing to judge or its weight is 0
 * @weight: its configured points
 * @earned: what the unit earned, in the component's own units (task
 *   weights, reports, indicator attainments, tasks)
 * @possible: what it could have earned
 * @ratio: @earned ÷ @possible (0–1); 0 when it does not apply
 * @points: its share of the 0–100 score: @weight × @ratio, scaled by 100 ÷
 *   the sum of the weights of the components that apply. The points of
 *   the components add up to the score.
 */
typedef struct
{
  gboolean applies;
  double weight;
  double earned;
  double possible;
  double ratio;
  double points;
} DdScoreComponentResult;

/**
 * DdScoreIndicator:
 * @indicator_id: the indicator
 * @title: its text
 * @target: its target in percent
 * @derived: %TRUE when derived from the tasks and dossiers ('on_time' rule)
 * @numerator: the sum of the numerators in the period
 * @denominator: the sum of the denominators
 * @has_data: @denominator > 0
 * @achieved: 100 × @numerator ÷ @denominator
 * @attainment: @achieved ÷ @target, at most 1 (1 for a target of 0)
 */
typedef struct
{
  gint64 indicator_id;
  char *title;
  double target;
  gboolean derived;
  double numerator;
  double denominator;
  gboolean has_data;
  double achieved;
  double attainment;
} DdScoreIndicator;

DdScoreIndicator *dd_score_indicator_copy (const DdScoreIndicator *self);
void              dd_score_indicator_free (DdScoreIndicator *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdScoreIndicator, dd_score_indicator_free)

/**
 * DdScoreTask:
 * A task in a unit's scorecard: its id, TT, title, due date (may be
 * invalid), status as of the scorecard's date, and whether the unit leads it.
 */
typedef struct
{
  gint64 task_id;
  char *number;
  char *title;
  GDate due;
  DdTaskStatus status;
  gboolean led;
} DdScoreTask;

/* Frees a task of dd_scorecard_get_tasks()'s list: DdScoring makes each in
 * one block with its number and title, which are not freed apart. */
void dd_score_task_free (DdScoreTask *self);

/**
 * DdScoreInput:
 * What a unit's score is computed from, for one period. Filled by DdScoring
 * (dd_scoring_list_scorecards()), or by hand in tests.
 * @led_counts, @coordinated_counts: tasks per status (each task once)
 * @reports_on_time, @reports_late, @reports_forgotten, @reports_pending:
 *   the report occurrences owed by the tasks the unit leads, due in the period
 * @indicators: (element-type DdScoreIndicator) (nullable): with their sums
 * @six_clear_checked: tasks led checked against "6 rõ"; @six_clear_passed: those that pass
 */
typedef struct
{
  guint led_counts[DD_N_STATUSES];
  guint coordinated_counts[DD_N_STATUSES];
  guint reports_on_time;
  guint reports_late;
  guint reports_forgotten;
  guint reports_pending;
  GPtrArray *indicators;
  guint six_clear_checked;
  guint six_clear_passed;
} DdScoreInput;

/* The scorecard */

#define DD_TYPE_SCORECARD (dd_scorecard_get_type ())
G_DECLARE_FINAL_TYPE (DdScorecard, dd_scorecard, DD, SCORECARD, GObject)

/**
 * dd_scorecard_new:
 * @unit_id: the unit (0 in tests)
 * @unit_name: its name
 * @is_group: a group of units is never scored
 * @period: the period
 * @input: the figures; copied (its indicators are copied too)
 * @weights: the settings
 *
 * Computes the scorecard of one unit: components, score, level. The rank
 * and trend are set by dd_scoring_list_scorecards().
 *
 * Returns: (transfer full)
 */
DdScorecard *dd_scorecard_new (gint64                unit_id,
                               const char           *unit_name,
                               gboolean              is_group,
                               const DdScorePeriod  *period,
                               const DdScoreInput   *input,
                               const DdScoreWeights *weights) G_GNUC_WARN_UNUSED_RESULT;

gint64               dd_scorecard_get_unit_id       (DdScorecard *self);
const char          *dd_scorecard_get_unit_name     (DdScorecard *self);
gboolean             dd_scorecard_get_is_group      (DdScorecard *self);
const DdScorePeriod *dd_scorecard_get_period        (DdScorecard *self);
const GDate         *dd_scorecard_get_as_of         (DdScorecard *self);
const DdScoreInput  *dd_scorecard_get_input         (DdScorecard *self);
guint                dd_scorecard_get_n_led         (DdScorecard *self);
guint                dd_scorecard_get_n_coordinated (DdScorecard *self);
/* Led and coordinated tasks in @status (due soon counts as in progress in
 * the command line's figures, not here). */
guint                dd_scorecard_get_count         (DdScorecard *self,
                                                     DdTaskStatus status);
/* The forgotten reports (quên việc) of the period. */
guint                dd_scorecard_get_n_forgotten   (DdScorecard *self);
/* done ÷ (done + overdue not done), over the tasks led and coordinated;
 * %FALSE when nothing is done or overdue. */
gboolean             dd_scorecard_get_completion_rate (DdScorecard *self,
                                                       double      *out_rate);
gboolean             dd_scorecard_has_score         (DdScorecard *self);
/* Why there is no score (translated), or %NULL when there is one. */
const char          *dd_scorecard_get_no_score_reason (DdScorecard *self);
/* 0–100; meaningless without a score. */
double               dd_scorecard_get_score         (DdScorecard *self);
DdScoreLevel         dd_scorecard_get_level         (DdScorecard *self);
/* 1 for the best; 0 without a score. Equal scores share a rank. */
guint                dd_scorecard_get_rank          (DdScorecard *self);
const DdScoreComponentResult *
                     dd_scorecard_get_component     (DdScorecard     *self,
                                                     DdScoreComponent component);
/* (element-type DdScoreIndicator) (transfer none) */
GPtrArray           *dd_scorecard_get_indicators    (DdScorecard *self);
/* The card's figures of @indicator_id for its period: those the
 * scorecards count (a derived indicator's from the tasks and dossiers), or
 * %NULL when it has none (nothing judged, or no figure with a denominator).
 * (transfer none) */
const DdScoreIndicator *
                     dd_scorecard_find_indicator    (DdScorecard *self,
                                                     gint64       indicator_id);
/* The tasks behind the counts, led first, by TT. (element-type DdScoreTask) (transfer none) */
GPtrArray           *dd_scorecard_get_tasks         (DdScorecard *self);
/* The scores of the last periods, oldest first, ending with this one; NAN
 * where a period had no score. (element-type double) (transfer none) */
GArray              *dd_scorecard_get_trend         (DdScorecard *self);

/**
 * dd_scorecards_sum_indicator:
 * @cards: (element-type DdScorecard): the scorecards of one period, as
 *   dd_scoring_list_scorecards() gives them
 * @indicator_id: an indicator
 * @unit_id: a unit, or 0 for every unit (the whole office)
 * @out_numerator: (out): the sum of the units' numerators
 * @out_denominator: (out): the sum of their denominators
 *
 * An indicator's figures over the units' scorecards (groups left out, as
 * they are never scored; each unit's from dd_scorecard_find_indicator()):
 * the whole office's row of the workbook's indicators sheet, and a derived
 * indicator's bar on the dashboard.
 *
 * Returns: %TRUE when the denominator is above 0
 */
gboolean dd_scorecards_sum_indicator (GListModel *cards,
                                      gint64      indicator_id,
                                      gint64      unit_id,
                                      double     *out_numerator,
                                      double     *out_denominator);

/* The scoring of a store */

#define DD_TYPE_SCORING (dd_scoring_get_type ())
G_DECLARE_FINAL_TYPE (DdScoring, dd_scoring, DD, SCORING, GObject)

/**
 * dd_scoring_new:
 * @store: the store whose units are scored
 *
 * The scorecards of @store's units and the settings of their score. What
 * the scorecards read is kept in the object between calls, while nothing
 * is committed to the file (by this connection or another) and no
 * transaction is open: keep one DdScoring for a store and ask it again.
 * Main thread, like the store (dd_scoring_list_scorecards_async() reads
 * on a worker of the object's own); errors in DD_STORE_ERROR.
 *
 * Returns: (transfer full)
 */
DdScoring  *dd_scoring_new             (DdStore *store) G_GNUC_WARN_UNUSED_RESULT;
/* (transfer none) */
DdStore    *dd_scoring_get_store       (DdScoring *self);

/* The settings, defaults for keys not set; a value that cannot be read is
 * an error naming its key. */
gboolean    dd_scoring_get_weights     (DdScoring       *self,
                                        DdScoreWeights  *out,
                                        GError         **error);
/* Validates, then writes every key in one transaction (administrators;
 * %DD_STORE_ERROR_PERMISSION otherwise). An invalid set is a
 * %DD_SCORING_ERROR_WEIGHTS and writes nothing. */
gboolean    dd_scoring_set_weights     (DdScoring             *self,
                                        const DdScoreWeights  *weights,
                                        GError               **error);

/**
 * dd_scoring_list_scorecards:
 * @period: the period
 * @as_of: (nullable): the reference date; %NULL: today, or the period's
 *   end when it has passed
 *
 * The scorecards of every unit, in Vietnamese order of name, with ranks
 * and trends (each earlier period judged as of its own end, or @as_of).
 * A task counts in a period when it is due in it, or was due before and
 * was not done when the period began (it stays overdue until done, and
 * counts as done late in the period it is done in); tasks without a due
 * date count while not done. Deleted tasks do not count.
 *
 * Returns: (transfer full): a GListModel of #DdScorecard, or %NULL
 */
GListModel *dd_scoring_list_scorecards (DdScoring            *self,
                                        const DdScorePeriod  *period,
                                        const GDate          *as_of,
                                        GError              **error);

/*
 * The same on a thread and a connection of the object's own (made by the
 * first call), for the window: on a file of years of plans the first
 * count reads every task, which a frame must not wait for. The loads run
 * one after the other; what they read is kept in the object with what
 * dd_scoring_list_scorecards() reads, and either reads nothing again while
 * nothing is committed. @callback runs on the calling thread (the
 * store's); _finish gives what dd_scoring_list_scorecards() gives, or
 * %G_IO_ERROR_CANCELLED when @cancellable was cancelled.
 */
void        dd_scoring_list_scorecards_async  (DdScoring            *self,
                                               const DdScorePeriod  *period,
                                               const GDate          *as_of,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GListModel *dd_scoring_list_scorecards_finish (DdScoring            *self,
                                               GAsyncResult         *result,
                                               GError              **error);

/**
 * dd_scoring_check_six_clear:
 * @plan_id: a plan, or 0 for every plan
 *
 * Checks every task (not deleted) of @plan_id against the "6 rõ" rule
 * (dd_six_clear_check()), in the plan's order.
 *
 * Returns: (transfer full) (element-type DdSixClearFinding): one per task,
 *   clear ones included (missing 0), or %NULL with @error
 */
GPtrArray  *dd_scoring_check_six_clear (DdScoring  *self,
                                        gint64      plan_id,
                                        GError    **error);

G_END_DECLS
