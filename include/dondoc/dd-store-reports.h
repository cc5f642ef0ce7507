/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <gio/gio.h>
#include "dd-types.h"
#include "dd-occurrence.h"
#include "dd-store.h"

G_BEGIN_DECLS

/*
 * DdStore's writes of a task's reports (báo cáo định kỳ, đột xuất) and of
 * the schedules its periods follow: each one transaction, through the
 * file's guard and audit triggers (0009-followup-reports.sql), with the
 * input checked first (a clear, translated DD_STORE_ERROR_INVALID naming
 * the field, and nothing written). Main thread only, like the rest of
 * DdStore. The reads (a task's periods with their state, its schedule)
 * are DdCalendar's (dd-calendar.h).
 *
 * Roles: a report is recorded, taken back or asked for (ad hoc) by an
 * administrator or by the unit editor of the unit that leads the task
 * (%DD_ACTION_EDIT_TASK for that task); a task's schedule and the
 * office-wide default are an administrator's (%DD_ACTION_EDIT_SETTINGS).
 * A refusal is %DD_STORE_ERROR_PERMISSION.
 */

/**
 * DdTaskSchedule:
 * @due_rule: how the occurrences of a periodic task get their due date:
 *   %DD_DUE_RULE_PERIOD_END is the cut-off day of Nghị định 09/2019 (the
 *   period's last day, the 14th), %DD_DUE_RULE_WORKDAYS_AFTER @due_param
 *   working days after it
 * @due_param: the rule's number (working days, or the day of the month)
 * @update_every_months: an ongoing task owes a progress update every this
 *   many months (1 by default); 0 expects none
 * @periods: #DdPeriodFlags: the reporting periods of a periodic task; 0
 *   leaves them to its "Thời gian" text ("hằng quý, 6 tháng, năm"). In the
 *   office-wide default, the periods of a task whose text names none
 *   ("Định kỳ"); 0 there means quarterly, 6-month and annual.
 * @inherited: set by dd_calendar_get_task_schedule(): %TRUE when the task
 *   has no schedule of its own and follows the office-wide default (ignored
 *   when writing)
 *
 * The rules of a periodic or ongoing task's occurrences. Whatever the rule,
 * a due date that is not a working day runs to the next working day; the
 * occurrence still belongs to the period it reports on.
 */
typedef struct
{
  DdDueRule due_rule;
  int due_param;
  guint update_every_months;
  guint periods;
  gboolean inherited;
} DdTaskSchedule;

/* Fills @out with the built-in defaults: the cut-off day, an update every
 * month, the periods of the task's text. */
void        dd_task_schedule_init      (DdTaskSchedule *out);

/**
 * dd_store_set_task_schedule:
 * @schedule: (nullable): the task's rules; %NULL removes its own so that it
 *   follows the office-wide default again
 *
 * Sets the rules of a periodic or ongoing task's occurrences (read back by
 * dd_calendar_get_task_schedule()). %DD_STORE_ERROR_INVALID for a rule out
 * of range (due rule, its number 0–366, a day of month 1–31, an update
 * every 0–12 months, periods other than #DdPeriodFlags);
 * %DD_STORE_ERROR_NO_SUCH_ROW for no such task. Administrators only.
 */
gboolean    dd_store_set_task_schedule (DdStore              *self,
                                        gint64                task_id,
                                        const DdTaskSchedule *schedule,
                                        GError              **error);

/**
 * dd_store_get_default_schedule:
 * @out: (out caller-allocates): the office-wide default
 *
 * The schedule of every task that has none of its own (the built-in
 * defaults of dd_task_schedule_init() until an administrator sets it).
 * A setting stored in the file, shared by every desktop.
 */
gboolean    dd_store_get_default_schedule (DdStore         *self,
                                           DdTaskSchedule  *out,
                                           GError         **error);

/**
 * dd_store_set_default_schedule:
 *
 * Sets the office-wide default schedule, checked as
 * dd_store_set_task_schedule() checks a task's, in one transaction
 * (audited as settings). Administrators only.
 */
gboolean    dd_store_set_default_schedule (DdStore               *self,
                                           const DdTaskSchedule  *schedule,
                                           GError               **error);

/**
 * dd_store_record_report:
 * @task_id: the task
 * @kind: the period's kind (%DD_OCCURRENCE_AD_HOC for an ad hoc report; not
 *   %DD_OCCURRENCE_UPDATE: those are progress updates)
 * @year: the period's year (ignored for an ad hoc report)
 * @index: the month (1–12), quarter (1–4), 1 for the half year, 9 months and
 *   year; the report's id (dd_store_add_ad_hoc_report()) for an ad hoc one
 * @reported_on: (nullable): the date of the report; %NULL takes the
 *   recording back (the period is owed again; the history keeps both)
 * @number: (nullable): the report's number ("45/BC-HCQT"); %NULL keeps the
 *   one recorded, "" clears it
 * @note: (nullable): a remark; %NULL keeps the one recorded, "" clears it
 *
 * Records that a task's report for one period (or an ad hoc report) was
 * made, on time or late — a past period can be recorded late — or takes the
 * recording back. One transaction; nothing is written on an error:
 *
 * - %DD_STORE_ERROR_NO_SUCH_ROW: no such task (or it is in the recycle bin),
 *   no such ad hoc report of it, or nothing recorded to take back;
 * - %DD_STORE_ERROR_INVALID, its message naming the field: a period that
 *   does not exist for the task (the task is not periodic, the kind is not
 *   one of its periods, the index or year is out of range, the period was
 *   due before the task's plan was issued — or before the task was created
 *   when its plan has no date —, it began after the task was completed, or
 *   it has not begun yet: a report may be recorded for any period whose
 *   first day is not in the future); a report date that is not a valid
 *   date or is in the future;
 * - %DD_STORE_ERROR_PERMISSION: see above.
 */
gboolean    dd_store_record_report  (DdStore          *self,
                                     gint64            task_id,
                                     DdOccurrenceKind  kind,
                                     int               year,
                                     int               index,
                                     const GDate      *reported_on,
                                     const char       *number,
                                     const char       *note,
                                     GError          **error);

/**
 * dd_store_add_ad_hoc_report:
 * @title: what is asked for (not empty)
 * @due: its due date: a valid date, not before the date of the task's plan
 *
 * Adds an ad hoc (đột xuất) report asked of a task, whatever its deadline
 * kind. Errors as dd_store_record_report().
 *
 * Returns: the new report's id (the @index of dd_store_record_report()),
 *   or 0 with @error set
 */
gint64      dd_store_add_ad_hoc_report (DdStore      *self,
                                        gint64        task_id,
                                        const char   *title,
                                        const GDate  *due,
                                        GError      **error);

G_END_DECLS
