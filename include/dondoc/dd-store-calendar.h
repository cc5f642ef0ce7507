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

G_BEGIN_DECLS

/*
 * The deadline engine's side of DdStore: each year's days off, deadline
 * extensions, the rules and reports of periodic and ongoing tasks, and the
 * deadline calendar. Main thread only, like the rest of DdStore. Errors are
 * in DD_STORE_ERROR.
 */

/* Days off */

/**
 * dd_store_get_workdays:
 *
 * The working-day calendar of the file: the years whose table is stored,
 * and the Labor Code defaults for the others.
 *
 * Returns: (transfer full): a calendar, or %NULL with @error set
 */
DdWorkdays *dd_store_get_workdays   (DdStore  *self,
                                     GError  **error) G_GNUC_WARN_UNUSED_RESULT;

/**
 * dd_store_list_holidays:
 *
 * The days off of @year. The first time a year is needed its table is
 * written from the Labor Code defaults (dd_holidays_default_for_year());
 * a read-only store gives the defaults without writing them.
 *
 * Returns: (transfer full) (element-type DdHoliday): sorted by date, or %NULL with @error
 */
GPtrArray  *dd_store_list_holidays  (DdStore  *self,
                                     int       year,
                                     GError  **error);

/**
 * dd_store_add_holiday:
 * @kind: a working Saturday must be a Saturday
 * @name: its name (not empty)
 *
 * Adds a day to its year's table, or replaces the entry already on that day.
 * Fails with %DD_STORE_ERROR_INVALID for a weekday marked as a working
 * Saturday, an empty name, or a year outside 1900–2100.
 */
gboolean    dd_store_add_holiday    (DdStore       *self,
                                     const GDate   *date,
                                     DdHolidayKind  kind,
                                     const char    *name,
                                     GError       **error);

/* Removes the entry of @date. %DD_STORE_ERROR_NO_SUCH_ROW when there is none. */
gboolean    dd_store_remove_holiday (DdStore      *self,
                                     const GDate  *date,
                                     GError      **error);

/* Extensions (gia hạn) */

/**
 * DdExtension:
 * One change of a task's due date: the old and new dates, why, who approved
 * it and when, and who recorded it. A boxed value type.
 */
typedef struct
{
  gint64 id;
  gint64 task_id;
  GDate old_due;
  GDate new_due;
  char *reason;
  char *approved_by;
  GDate approved_on;
  char *recorded_at;
  char *recorded_by;
} DdExtension;

#define DD_TYPE_EXTENSION (dd_extension_get_type ())
GType        dd_extension_get_type (void) G_GNUC_CONST;
DdExtension *dd_extension_copy     (const DdExtension *extension) G_GNUC_WARN_UNUSED_RESULT;
void         dd_extension_free     (DdExtension *extension);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdExtension, dd_extension_free)

/**
 * dd_store_extend_task:
 * @task_id: a task with a due date
 * @new_due: the new due date
 * @reason: why (not empty)
 * @approved_by: who approved it (not empty)
 * @approved_on: (nullable): when it was approved (today when %NULL)
 *
 * Moves the due date of a task and records the change in one transaction;
 * the original due date stays in the history (dd_task_get_original_due()).
 * %DD_STORE_ERROR_INVALID when the task has no due date or a text is empty.
 */
gboolean     dd_store_extend_task     (DdStore      *self,
                                       gint64        task_id,
                                       const GDate  *new_due,
                                       const char   *reason,
                                       const char   *approved_by,
                                       const GDate  *approved_on,
                                       GError      **error);

/* The extensions of a task, oldest first. (transfer full) (element-type DdExtension) */
GPtrArray   *dd_store_list_extensions (DdStore  *self,
                                       gint64    task_id,
                                       GError  **error);

/* Periodic and ongoing tasks */

/**
 * DdTaskSchedule:
 * @due_rule: how occurrences of a periodic task get their due date
 * @due_param: the rule's number
 * @update_every_months: an ongoing task owes an update every this many
 *   months (1 by default); 0 expects none
 */
typedef struct
{
  DdDueRule due_rule;
  int due_param;
  guint update_every_months;
} DdTaskSchedule;

/* The rules of a task (the defaults when none were set). */
gboolean    dd_store_get_task_schedule (DdStore        *self,
                                        gint64          task_id,
                                        DdTaskSchedule *out,
                                        GError        **error);
gboolean    dd_store_set_task_schedule (DdStore              *self,
                                        gint64                task_id,
                                        const DdTaskSchedule *schedule,
                                        GError              **error);

/**
 * dd_store_record_report:
 * @kind: the occurrence's kind (not %DD_OCCURRENCE_UPDATE: those are progress updates)
 * @year: its year
 * @index: its index (the report's id for an ad hoc one)
 * @reported_on: (nullable): the date of the report; %NULL takes it back
 * @note: (nullable): a remark
 *
 * Records that a periodic task's report for one period (or an ad hoc
 * report) was made.
 */
gboolean    dd_store_record_report  (DdStore          *self,
                                     gint64            task_id,
                                     DdOccurrenceKind  kind,
                                     int               year,
                                     int               index,
                                     const GDate      *reported_on,
                                     const char       *note,
                                     GError          **error);

/* Adds an ad hoc (đột xuất) report asked of a task. Returns its id, or 0 with @error. */
gint64      dd_store_add_ad_hoc_report (DdStore      *self,
                                        gint64        task_id,
                                        const char   *title,
                                        const GDate  *due,
                                        GError      **error);

/**
 * dd_store_list_occurrences:
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
GPtrArray  *dd_store_list_occurrences (DdStore      *self,
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
 * dd_store_list_calendar() and dd_calendar_entry_copy() only, and their
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
DdCalendarEntry *dd_calendar_entry_copy     (const DdCalendarEntry *entry) G_GNUC_WARN_UNUSED_RESULT;
void             dd_calendar_entry_free     (DdCalendarEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdCalendarEntry, dd_calendar_entry_free)

/**
 * dd_store_list_calendar:
 * @from: first day
 * @to: last day
 * @as_of: (nullable): the reference date (today when %NULL)
 *
 * Everything due in [@from, @to]: tasks with a due date, the occurrences of
 * periodic tasks, the update months of ongoing tasks (forgotten ones
 * included), ad hoc reports; sorted by date, then task.
 *
 * Returns: (transfer full) (element-type DdCalendarEntry), or %NULL with @error
 */
GPtrArray  *dd_store_list_calendar  (DdStore      *self,
                                     const GDate  *from,
                                     const GDate  *to,
                                     const GDate  *as_of,
                                     GError      **error);

G_END_DECLS
