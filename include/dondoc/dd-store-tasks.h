/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <gio/gio.h>
#include "dd-types.h"
#include "dd-occurrence.h"
#include "dd-task-list.h"
#include "dd-store.h"

G_BEGIN_DECLS

/*
 * DdStore's tasks: reading them (one, or a lazy list for a query, and its
 * counts) and every event of a task's life that writes it: saving it,
 * recording its progress, extending its deadline, setting the rules of its
 * occurrences, recording its reports. Main thread only, like the rest of
 * DdStore. Errors are in DD_STORE_ERROR. The reads of time (days off,
 * occurrences, the deadline calendar, a task's extensions and rules) are
 * DdCalendar's (dd-calendar.h).
 */

/* A lazy list of tasks (see DdTaskList). (transfer full) */
DdTaskList *dd_store_query_tasks    (DdStore *self, const DdTaskQuery *query, GError **error);
/* Counts tasks per status (array of DD_N_STATUSES) for the query's filters
 * except its status. */
gboolean    dd_store_count_by_status (DdStore *self, const DdTaskQuery *query,
                                      guint counts[DD_N_STATUSES], GError **error);
/* Counts the tasks of the query (all its filters, status included),
 * without reading them: the dashboard's "6 rõ" figure. */
gboolean    dd_store_count_tasks    (DdStore *self, const DdTaskQuery *query,
                                     guint *out_count, GError **error);
/* One task with its status as of @as_of (today when NULL). (transfer full) */
DdTask     *dd_store_get_task       (DdStore *self, gint64 task_id, const GDate *as_of, GError **error);

/**
 * dd_store_save_task:
 * @task: an edited copy (dd_task_copy()) or a new task (dd_task_new())
 *
 * Writes every field of @task in one transaction, resolving its lead and
 * coordinators by name (creating units that do not exist). When the progress,
 * completion date or actual product changed, a progress update is recorded
 * too. Fails with DD_STORE_ERROR_CONFLICT, writing nothing, if the task's
 * revision in the file is not the one @task was read at.
 * On success @task gets its new id (for a new task) and revision.
 */
gboolean    dd_store_save_task      (DdStore *self, DdTask *task, GError **error);

/**
 * dd_store_save_task_full:
 * @person: (nullable): the task's person in charge to set with it ("" to
 *   clear it), or %NULL to leave it
 *
 * dd_store_save_task() and dd_store_set_task_person() in one transaction:
 * both are written, or nothing (the editor's save).
 */
gboolean    dd_store_save_task_full (DdStore *self, DdTask *task, const char *person, GError **error);

/*
 * The same on a writing worker (a thread and a connection of its own):
 * another desktop's lock is waited for off the main thread, and the store
 * has read the change when @callback runs. @task is copied; _finish gives
 * the saved copy (its new id and revision), or %NULL with the error
 * (DD_STORE_ERROR_CONFLICT: someone else changed the task; nothing written).
 */
void        dd_store_save_task_async  (DdStore             *self,
                                       DdTask              *task,
                                       const char          *person,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
DdTask     *dd_store_save_task_finish (DdStore             *self,
                                       GAsyncResult        *result,
                                       GError             **error);

/**
 * dd_store_record_progress:
 * @progress: 0–100, or -1 to leave it
 * @completed_on: (nullable): the completion date; %NULL leaves it
 * @actual_product: (nullable): the product that proves the work; %NULL leaves it
 * @note: (nullable): a remark stored with the update
 *
 * Records a progress update as a unit reports it (the editor and
 * `dondoc-cli update` use it). A completion date implies progress 100.
 */
gboolean    dd_store_record_progress (DdStore *self, gint64 task_id, int progress,
                                      const GDate *completed_on, const char *actual_product,
                                      const char *note, GError **error);

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
DdExtension *dd_extension_copy     (const DdExtension *self) G_GNUC_WARN_UNUSED_RESULT;
void         dd_extension_free     (DdExtension *self);
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

/* Sets the rules of a periodic or ongoing task's occurrences (see
 * dd_calendar_get_task_schedule()). */
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

/* Deleting tasks: the recycle bin. */
/*
 * Writes of a task beyond saving it (dd-store.h): moving it to the recycle
 * bin and back. Deleting a task moves it to the bin; it disappears from
 * every task query until restored. Nothing is erased, and the history
 * records both (DD_AUDIT_CHANGE_TO_RECYCLE_BIN, …_FROM_RECYCLE_BIN).
 * Main thread only, like the rest of DdStore.
 */

/**
 * dd_store_delete_task:
 *
 * Moves the task to the recycle bin (administrators only:
 * %DD_ACTION_DELETE_TASK). %DD_STORE_ERROR_NO_SUCH_ROW when there is no
 * such task, or it is in the bin already.
 */
gboolean    dd_store_delete_task       (DdStore  *self,
                                        gint64    task_id,
                                        GError  **error);

/**
 * dd_store_restore_task:
 *
 * Brings the task back from the recycle bin (administrators only:
 * %DD_ACTION_RESTORE_TASK), with its progress and history.
 * %DD_STORE_ERROR_NO_SUCH_ROW when it is not in the bin.
 */
gboolean    dd_store_restore_task      (DdStore  *self,
                                        gint64    task_id,
                                        GError  **error);

/* A task in the recycle bin. */
typedef struct
{
  gint64 task_id;
  char *number;
  char *title;
  char *plan_number;
  char *deleted_at;   /* ISO 8601 UTC */
  char *deleted_by;
} DdBinEntry;

#define DD_TYPE_BIN_ENTRY (dd_bin_entry_get_type ())
GType       dd_bin_entry_get_type      (void) G_GNUC_CONST;
DdBinEntry *dd_bin_entry_copy          (const DdBinEntry *self);
void        dd_bin_entry_free          (DdBinEntry *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdBinEntry, dd_bin_entry_free)

/* The tasks in the bin, most recently deleted first.
 * Returns: (transfer full) (element-type DdBinEntry) */
GPtrArray  *dd_store_list_recycle_bin  (DdStore  *self,
                                        GError  **error);

G_END_DECLS
