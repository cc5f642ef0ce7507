/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <gio/gio.h>
#include "dd-types.h"
#include "dd-workdays.h"
#include "dd-occurrence.h"
#include "dd-store.h"
#include "dd-store-tasks.h"
#include "dd-store-reports.h"

G_BEGIN_DECLS

/*
 * DdCalendar: the time of a file. Each year's days off (the working-day
 * calendar), the occurrences of periodic and ongoing tasks, a task's
 * extensions and the rules of its occurrences, and the deadline calendar
 * that puts them together. It reads through its DdStore and keeps the
 * occurrences of the range it last listed while nothing was committed
 * since (listing the same month again costs a few milliseconds): a view
 * that lists the calendar keeps one DdCalendar for its store. Main thread
 * only, like DdStore (dd_calendar_list_entries_async() reads on a worker
 * of the calendar's own). Errors are in DD_STORE_ERROR.
 *
 * The writes that are events of a task's life (extending a deadline,
 * setting the rules, recording a report) are DdStore's (dd-store-tasks.h).
 */

#define DD_TYPE_CALENDAR (dd_calendar_get_type ())
G_DECLARE_FINAL_TYPE (DdCalendar, dd_calendar, DD, CALENDAR, GObject)

/* A calendar of @store's file (holds a reference on @store). */
DdCalendar *dd_calendar_new          (DdStore *store) G_GNUC_WARN_UNUSED_RESULT;
DdStore    *dd_calendar_get_store    (DdCalendar *self);

/* Days off */

/**
 * dd_calendar_get_workdays:
 *
 * The working-day calendar of the file: the years whose table is stored,
 * the official schedules shipped for the others, and the rule
 * (dd_holidays_default_for_year()) for the years without either.
 *
 * Returns: (transfer full): a calendar, or %NULL with @error set
 */
DdWorkdays *dd_calendar_get_workdays (DdCalendar  *self,
                                      GError     **error) G_GNUC_WARN_UNUSED_RESULT;

/**
 * DdHolidayYear:
 * @year: the year
 * @source: where its table comes from: the file (an administrator's edits,
 *   %DD_HOLIDAY_SOURCE_OFFICIAL when a notice's number was entered, else
 *   %DD_HOLIDAY_SOURCE_EDITED), the shipped official schedule, or the rule
 *   (%DD_HOLIDAY_SOURCE_DEFAULT, "dự kiến")
 * @document: (nullable): the document that set it ("9441/TB-BNV ngày 16/10/2025")
 * @days: (element-type DdHoliday): its days off and working Saturdays, sorted by date
 *
 * A year's table of days off and where it comes from. A boxed type.
 */
typedef struct
{
  int year;
  DdHolidaySource source;
  char *document;
  GPtrArray *days;
} DdHolidayYear;

#define DD_TYPE_HOLIDAY_YEAR (dd_holiday_year_get_type ())
GType          dd_holiday_year_get_type (void) G_GNUC_CONST;
DdHolidayYear *dd_holiday_year_copy     (const DdHolidayYear *self) G_GNUC_WARN_UNUSED_RESULT;
void           dd_holiday_year_free     (DdHolidayYear *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdHolidayYear, dd_holiday_year_free)

/**
 * dd_calendar_read_holiday_year:
 *
 * The table of @year: as stored in the file when someone changed it, else
 * the shipped official schedule (2020–2026), else the rule
 * (dd_holidays_for_year()). Reading never writes: a year is stored only
 * by an explicit change (dd_calendar_add_holiday(),
 * dd_calendar_remove_holiday(), dd_calendar_apply_notice()).
 *
 * Returns: (transfer full): the table, or %NULL with @error
 */
DdHolidayYear *dd_calendar_read_holiday_year (DdCalendar  *self,
                                              int          year,
                                              GError     **error);

/**
 * dd_calendar_list_holidays:
 *
 * The days off of @year, as dd_calendar_read_holiday_year() finds them.
 * Writes nothing.
 *
 * Returns: (transfer full) (element-type DdHoliday): sorted by date, or %NULL with @error
 */
GPtrArray  *dd_calendar_list_holidays (DdCalendar  *self,
                                       int          year,
                                       GError     **error);

/**
 * dd_calendar_apply_notice:
 * @year: the notice's year
 * @notice: its number and days (dd_holiday_notice_to_table() checks them)
 *
 * Replaces the table of @year by the one @notice makes, and records its
 * number, in one transaction: every row removed and added, and the number,
 * are in the history. Everything computed in working days (due dates of
 * periodic reports, the due-soon window, the statuses) is computed again
 * from the new table on the next read. Nothing is written when the notice
 * is refused.
 */
gboolean    dd_calendar_apply_notice (DdCalendar             *self,
                                      int                     year,
                                      const DdHolidayNotice  *notice,
                                      GError                **error);

/**
 * dd_calendar_add_holiday:
 * @kind: a working Saturday must be a Saturday
 * @name: its name (not empty)
 *
 * Adds a day to its year's table, or replaces the entry already on that day.
 * Fails with %DD_STORE_ERROR_INVALID for a weekday marked as a working
 * Saturday, an empty name, or a year outside 1900–2100.
 */
gboolean    dd_calendar_add_holiday  (DdCalendar     *self,
                                      const GDate    *date,
                                      DdHolidayKind   kind,
                                      const char     *name,
                                      GError        **error);

/* Removes the entry of @date. %DD_STORE_ERROR_NO_SUCH_ROW when there is none. */
gboolean    dd_calendar_remove_holiday (DdCalendar   *self,
                                        const GDate  *date,
                                        GError      **error);

/**
 * DdMovedDeadline:
 * @task_id: the task
 * @title: (nullable): its title
 * @kind: the occurrence's kind
 * @occurrence: what is due ("Quý II/2026")
 * @old_due: its due date by the table before
 * @new_due: by the table after
 *
 * A due date counted in working days that a change of a year's days off
 * moves. A boxed type.
 */
typedef struct
{
  gint64 task_id;
  char *title;
  DdOccurrenceKind kind;
  char *occurrence;
  GDate old_due;
  GDate new_due;
} DdMovedDeadline;

#define DD_TYPE_MOVED_DEADLINE (dd_moved_deadline_get_type ())
GType            dd_moved_deadline_get_type (void) G_GNUC_CONST;
DdMovedDeadline *dd_moved_deadline_copy     (const DdMovedDeadline *self) G_GNUC_WARN_UNUSED_RESULT;
void             dd_moved_deadline_free     (DdMovedDeadline *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdMovedDeadline, dd_moved_deadline_free)

/**
 * dd_calendar_list_moved_deadlines:
 * @year: the year whose table would change
 * @days: (nullable) (element-type DdHoliday): its new table; %NULL for the
 *   table it has when nothing is stored (the official schedule or the rule)
 *
 * What changing @year's table to @days would move, written nowhere: the
 * due dates computed in working days (periodic reports, ongoing tasks'
 * updates, ad hoc reports) from December of the year before to March of
 * the year after that fall on another day by @days than by the file's
 * tables now.
 *
 * Returns: (transfer full) (element-type DdMovedDeadline): by old due date, or %NULL with @error
 */
GPtrArray  *dd_calendar_list_moved_deadlines (DdCalendar  *self,
                                              int          year,
                                              GPtrArray   *days,
                                              GError     **error);

/**
 * dd_calendar_get_last_moves:
 *
 * The due dates the last successful change of days off through @self
 * (dd_calendar_add_holiday(), dd_calendar_remove_holiday(),
 * dd_calendar_apply_notice()) moved, as recorded in the history with it.
 *
 * Returns: (transfer none) (nullable) (element-type DdMovedDeadline): %NULL before any change
 */
GPtrArray  *dd_calendar_get_last_moves (DdCalendar *self);

/* A task's time */

/* The extensions of a task, oldest first. (transfer full) (element-type DdExtension) */
GPtrArray  *dd_calendar_list_extensions (DdCalendar  *self,
                                         gint64       task_id,
                                         GError     **error);

/**
 * dd_calendar_get_task_schedule:
 * @out: (out caller-allocates): the task's schedule
 *
 * The rules of a task's occurrences: its own (dd_store_set_task_schedule()),
 * or the office-wide default (dd_store_get_default_schedule(); then
 * @out->inherited is %TRUE). For a periodic task, @out->periods are the
 * periods its reports follow, written out: its own, else those its text
 * names, else the default's, else quarterly, 6-month and annual.
 * %DD_STORE_ERROR_NO_SUCH_ROW for no such task.
 */
gboolean    dd_calendar_get_task_schedule (DdCalendar      *self,
                                           gint64           task_id,
                                           DdTaskSchedule  *out,
                                           GError         **error);

/**
 * dd_calendar_list_occurrences:
 * @from: first due date
 * @to: last due date
 * @as_of: (nullable): the reference date (today when %NULL)
 *
 * The occurrences of a task whose due date lies in [@from, @to], judged as
 * of @as_of: the periodic reports (from the plan's date on), its ad hoc
 * reports, and for an ongoing task the monthly updates (from the first
 * whole month after the plan's date, to the task's completion); an update
 * month without a progress update recorded in it is forgotten.
 *
 * Returns: (transfer full) (element-type DdOccurrence): sorted by due date, or %NULL with @error
 */
GPtrArray  *dd_calendar_list_occurrences (DdCalendar   *self,
                                          gint64        task_id,
                                          const GDate  *from,
                                          const GDate  *to,
                                          const GDate  *as_of,
                                          GError      **error);

/**
 * dd_calendar_list_task_periods:
 * @from: first due date
 * @to: last due date
 * @as_of: (nullable): the reference date (today when %NULL)
 *
 * A task's periods for its editor: the occurrences of
 * dd_calendar_list_occurrences() (past and coming periods of a periodic
 * task, its ad hoc reports with their own due dates, an ongoing task's
 * update months), each judged as of @as_of — its state is
 * dd_occurrence_state_from_status() of its @status: on time, late,
 * forgotten or coming —, with the report recorded: @reported_on,
 * @report_number and @report_note (%NULL when none).
 *
 * Returns: (transfer full) (element-type DdOccurrence): sorted by due date, or %NULL with @error
 */
GPtrArray  *dd_calendar_list_task_periods (DdCalendar   *self,
                                           gint64        task_id,
                                           const GDate  *from,
                                           const GDate  *to,
                                           const GDate  *as_of,
                                           GError      **error);

/* The deadline calendar */

/**
 * DdCalendarEntry:
 * @date: the day it is due
 * @task_id: the task
 * @title: the task's title
 * @lead: (nullable): its lead unit
 * @status: as of the reference date
 * @occurrence: (nullable): for an occurrence, what it is ("Quý II/2026"); %NULL for a task's own due date
 * @kind: the occurrence's kind (meaningless when @occurrence is %NULL)
 *
 * The strings are in the entry's own block: entries are made by
 * dd_calendar_list_entries() and dd_calendar_entry_copy() only, and their
 * strings are read, never replaced.
 */
typedef struct
{
  GDate date;
  gint64 task_id;
  char *title;
  char *lead;
  DdTaskStatus status;
  char *occurrence;
  DdOccurrenceKind kind;
} DdCalendarEntry;

#define DD_TYPE_CALENDAR_ENTRY (dd_calendar_entry_get_type ())
GType            dd_calendar_entry_get_type (void) G_GNUC_CONST;
DdCalendarEntry *dd_calendar_entry_copy     (const DdCalendarEntry *self) G_GNUC_WARN_UNUSED_RESULT;
void             dd_calendar_entry_free     (DdCalendarEntry *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdCalendarEntry, dd_calendar_entry_free)

/**
 * dd_calendar_list_entries:
 * @from: first day
 * @to: last day
 * @as_of: (nullable): the reference date (today when %NULL)
 *
 * Everything due in [@from, @to]: tasks with a due date, the occurrences of
 * periodic tasks, the update months of ongoing tasks (forgotten ones
 * included), ad hoc reports; sorted by date, then task. The occurrences
 * of the range are kept until the next listing of another range or the
 * next commit (of this store or another desktop).
 *
 * Returns: (transfer full) (element-type DdCalendarEntry), or %NULL with @error
 */
GPtrArray  *dd_calendar_list_entries (DdCalendar   *self,
                                      const GDate  *from,
                                      const GDate  *to,
                                      const GDate  *as_of,
                                      GError      **error);

/*
 * The same on a thread and a connection of the calendar's own (made by the
 * first call), for the window: on a file of years of plans a month's
 * entries take longer to read than a frame may wait. The loads run one
 * after the other; a cancelled one that has not started reads nothing.
 * @compare (nullable) sorts the entries on that thread (a view's order);
 * _finish gives the entries and the working-day calendar they were judged
 * by, or %G_IO_ERROR_CANCELLED when @cancellable was cancelled. Call it on
 * the store's thread; @callback runs there.
 */
void        dd_calendar_list_entries_async  (DdCalendar          *self,
                                             const GDate         *from,
                                             const GDate         *to,
                                             const GDate         *as_of,
                                             GCompareFunc         compare,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray  *dd_calendar_list_entries_finish (DdCalendar          *self,
                                             GAsyncResult        *result,
                                             DdWorkdays         **out_workdays,
                                             GError             **error);

G_END_DECLS
