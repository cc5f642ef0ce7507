/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <glib-object.h>
#include "dd-types.h"
#include "dd-workdays.h"

G_BEGIN_DECLS

/**
 * DdOccurrenceKind:
 * @DD_OCCURRENCE_MONTH: a monthly report: data from the 15th of the month before to the 14th
 * @DD_OCCURRENCE_QUARTER: a quarterly report: from the 15th of the month before the quarter to the 14th of its last month
 * @DD_OCCURRENCE_HALF_YEAR: the 6-month report: 15/12 of the year before to 14/6
 * @DD_OCCURRENCE_YEAR: the annual report: 15/12 of the year before to 14/12
 * @DD_OCCURRENCE_AD_HOC: an ad hoc (đột xuất) report, added by hand
 * @DD_OCCURRENCE_UPDATE: the progress update an ongoing task owes for a calendar month (or several)
 * @DD_OCCURRENCE_NINE_MONTHS: the 9-month report: 15/12 of the year before to 14/9
 *
 * The reporting periods are those of Nghị định 09/2019/NĐ-CP, Article 12.
 * Stored in the database: never renumber.
 */
typedef enum
{
  DD_OCCURRENCE_MONTH = 0,
  DD_OCCURRENCE_QUARTER = 1,
  DD_OCCURRENCE_HALF_YEAR = 2,
  DD_OCCURRENCE_YEAR = 3,
  DD_OCCURRENCE_AD_HOC = 4,
  DD_OCCURRENCE_UPDATE = 5,
  DD_OCCURRENCE_NINE_MONTHS = 6,
} DdOccurrenceKind;

#define DD_N_OCCURRENCE_KINDS 7

/* "month", "quarter", "half_year", "year", "ad_hoc", "update", "nine_months". */
const char *dd_occurrence_kind_to_string (DdOccurrenceKind kind);

/**
 * dd_occurrence_kind_from_string:
 * @str: a name of dd_occurrence_kind_to_string()
 * @out_kind: (out): the kind
 *
 * Returns: %FALSE when @str is no kind's name
 */
gboolean    dd_occurrence_kind_from_string (const char       *str,
                                            DdOccurrenceKind *out_kind);

/**
 * dd_occurrence_kind_get_n_periods:
 * @kind: a kind of periodic report (month, quarter, half year, 9 months, year)
 *
 * Returns: how many periods of @kind a year has (12, 4, 1, 1, 1), or 0 for
 *   an ad hoc report or an update
 */
int         dd_occurrence_kind_get_n_periods (DdOccurrenceKind kind);

/**
 * dd_occurrence_kind_for_period_flag:
 * @flag: one #DdPeriodFlags bit (not %DD_PERIOD_AD_HOC)
 * @out_kind: (out): the kind of report it asks for
 *
 * Returns: %FALSE when @flag is not one periodic report's bit
 */
gboolean    dd_occurrence_kind_for_period_flag (guint             flag,
                                                DdOccurrenceKind *out_kind);

/**
 * DdOccurrenceState:
 * @DD_OCCURRENCE_STATE_COMING: not reported and not yet due (in progress or due soon)
 * @DD_OCCURRENCE_STATE_ON_TIME: reported on or before its due date
 * @DD_OCCURRENCE_STATE_LATE: reported after its due date
 * @DD_OCCURRENCE_STATE_FORGOTTEN: not reported and its due date passed (quên việc)
 *
 * The four states a task editor lists a period in: a coarser view of the
 * occurrence's #DdTaskStatus (dd_occurrence_state_from_status()).
 */
typedef enum
{
  DD_OCCURRENCE_STATE_COMING = 0,
  DD_OCCURRENCE_STATE_ON_TIME = 1,
  DD_OCCURRENCE_STATE_LATE = 2,
  DD_OCCURRENCE_STATE_FORGOTTEN = 3,
} DdOccurrenceState;

/**
 * dd_occurrence_state_from_status:
 * @status: a judged occurrence's status
 *
 * %DD_STATUS_DONE_ON_TIME → on time, %DD_STATUS_DONE_LATE → late,
 * %DD_STATUS_FORGOTTEN and %DD_STATUS_OVERDUE → forgotten, anything else
 * (in progress, due soon) → coming.
 */
DdOccurrenceState dd_occurrence_state_from_status (DdTaskStatus status);

/* "coming", "on_time", "late", "forgotten" (as the command line prints them). */
const char *dd_occurrence_state_to_string (DdOccurrenceState state);
/* Translated: "Chưa đến hạn", "Đúng hạn", "Trễ hạn", "Quên việc". */
const char *dd_occurrence_state_get_label (DdOccurrenceState state);

/**
 * DdDueRule:
 * @DD_DUE_RULE_PERIOD_END: due on the last day of the period (the default)
 * @DD_DUE_RULE_DAY_OF_MONTH: due on the first day numbered @param (1–31) after the period's end
 *   (18 → the 18th of the period's last month; 5 → the 5th of the month after)
 * @DD_DUE_RULE_WORKDAYS_AFTER: due @param working days after the period's end
 *
 * How a periodic task's occurrences get their due dates (a per-task rule).
 * Whatever the rule, a due date that is not a working day runs to the next
 * working day. Stored in the database: never renumber.
 */
typedef enum
{
  DD_DUE_RULE_PERIOD_END = 0,
  DD_DUE_RULE_DAY_OF_MONTH = 1,
  DD_DUE_RULE_WORKDAYS_AFTER = 2,
} DdDueRule;

/**
 * DdOccurrence:
 * @kind: which period
 * @year: the year the period belongs to (a quarter of 15/12/2025–14/3/2026 is of 2026)
 * @index: the month (1–12), quarter (1–4), 1 for the half year, 9 months and
 *   year; the report's id for an ad hoc one; the first month of an update window
 * @start: the first day of the period
 * @end: its last day
 * @due: the due date
 * @reported_on: when it was reported (invalid when not)
 * @status: as of the date it was judged for (dd_occurrence_judge())
 * @label: "Quý II/2026", "Tháng 5/2026", … (translated) or the ad hoc report's title
 * @report_number: (nullable): the number of the report recorded ("45/BC-HCQT"),
 *   set by dd_calendar_list_task_periods() only
 * @report_note: (nullable): the note recorded with it, likewise
 *
 * One occurrence of a periodic or ongoing task. A boxed value type.
 */
typedef struct
{
  DdOccurrenceKind kind;
  int year;
  int index;
  GDate start;
  GDate end;
  GDate due;
  GDate reported_on;
  DdTaskStatus status;
  char *label;
  char *report_number;
  char *report_note;
} DdOccurrence;

#define DD_TYPE_OCCURRENCE (dd_occurrence_get_type ())
GType         dd_occurrence_get_type (void) G_GNUC_CONST;
DdOccurrence *dd_occurrence_copy     (const DdOccurrence *self) G_GNUC_WARN_UNUSED_RESULT;
void          dd_occurrence_free     (DdOccurrence *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdOccurrence, dd_occurrence_free)

/**
 * dd_period_bounds:
 * @kind: %DD_OCCURRENCE_MONTH, _QUARTER, _HALF_YEAR, _NINE_MONTHS or _YEAR
 * @year: the year
 * @index: the month or quarter (1 otherwise)
 * @out_start: (out caller-allocates): the first day (Nghị định 09/2019)
 * @out_end: (out caller-allocates): the last day
 */
void       dd_period_bounds       (DdOccurrenceKind  kind,
                                   int               year,
                                   int               index,
                                   GDate            *out_start,
                                   GDate            *out_end);

/**
 * DdPeriodLabelFlags:
 * @DD_PERIOD_LABEL_DEFAULT: the names of the follow-up ("6 tháng năm 2026")
 * @DD_PERIOD_LABEL_FIRST_HALF: the first half of a year named as a
 *   document's period line names it ("6 tháng đầu năm 2026")
 */
typedef enum
{
  DD_PERIOD_LABEL_DEFAULT = 0,
  DD_PERIOD_LABEL_FIRST_HALF = 1 << 0,
} DdPeriodLabelFlags;

/**
 * dd_period_dup_label:
 * @kind: the period's kind
 * @year: the year
 * @index: the month (1–12), the quarter (1–4) or the half (1 or 2)
 * @flags: #DdPeriodLabelFlags
 *
 * The one name of a reporting period, wherever it is shown or printed:
 * "Tháng 5/2026", "Quý II/2026" (Roman numerals), "6 tháng năm 2026",
 * "6 tháng cuối năm 2026" (@index 2), "9 tháng đầu năm 2026", "Năm 2026",
 * "Báo cáo đột xuất"; an update (%DD_OCCURRENCE_UPDATE) is named by its
 * month. While a document is being made on this thread the name is in the
 * document's language (dd-document-language-private.h), otherwise in the
 * interface's.
 *
 * Returns: (transfer full): the name
 */
char      *dd_period_dup_label    (DdOccurrenceKind   kind,
                                   int                year,
                                   int                index,
                                   DdPeriodLabelFlags flags) G_GNUC_WARN_UNUSED_RESULT;

/**
 * dd_occurrences_expand:
 * @periods: #DdPeriodFlags; 0 ("Định kỳ" without saying which) means
 *   quarterly, 6-month and annual
 * @rule: the due rule, @param its number
 * @workdays: (nullable): the working-day calendar (%NULL: Labor Code defaults)
 * @from: first due date wanted
 * @to: last due date wanted
 *
 * The report occurrences whose due date lies in [@from, @to], sorted by due
 * date then period length, with status %DD_STATUS_IN_PROGRESS (not judged).
 * %DD_PERIOD_AD_HOC adds nothing here: ad hoc reports are stored.
 *
 * Returns: (transfer full) (element-type DdOccurrence)
 */
GPtrArray *dd_occurrences_expand  (guint        periods,
                                   DdDueRule    rule,
                                   int          param,
                                   DdWorkdays  *workdays,
                                   const GDate *from,
                                   const GDate *to);

/**
 * dd_occurrences_expand_updates:
 * @every_months: 1 for an update each month (the default), 3 for each quarter…
 *
 * The update windows of an ongoing task: calendar months (or runs of
 * @every_months months from January) whose due date — the window's last
 * day, run to the next working day — lies in [@from, @to].
 *
 * Returns: (transfer full) (element-type DdOccurrence)
 */
GPtrArray *dd_occurrences_expand_updates (guint        every_months,
                                          DdWorkdays  *workdays,
                                          const GDate *from,
                                          const GDate *to);

/**
 * dd_occurrence_judge:
 * @reported_on: (nullable): when the report (or update) was made, or %NULL
 * @as_of: the reference date
 * @soon_limit: from dd_rules_due_soon_limit()
 *
 * Sets @self's reported_on and status: reported by @as_of → done on time or
 * late against its due date; not reported and the due date passed →
 * %DD_STATUS_FORGOTTEN (quên việc); else due soon or in progress.
 */
void       dd_occurrence_judge    (DdOccurrence *self,
                                   const GDate  *reported_on,
                                   const GDate  *as_of,
                                   const GDate  *soon_limit);

G_END_DECLS
