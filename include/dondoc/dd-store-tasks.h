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
 * coordinators by name (creating units that do not exist), with its person
 * in charge and source document when they were set (dd_task_set_person(),
 * dd_task_set_source()). When the progress, completion date or actual
 * product changed, a progress update is recorded too (dd_store_list_progress());
 * clearing the completion date of a done task reopens it, and that update
 * is marked reopened. A task with a completion date is saved at 100%.
 *
 * Refused, with nothing written, and a translated message that names the
 * field (%DD_STORE_ERROR_INVALID): an empty or blank title, a lead unit that
 * is also a coordinator, a plan that does not exist, a due date before the
 * plan's date. %DD_STORE_ERROR_CONFLICT if the task's revision in the file
 * is not the one @task was read at; %DD_STORE_ERROR_PERMISSION for a new
 * task a unit editor's unit does not lead (%DD_ACTION_ADD_TASK), or an edit
 * the guard triggers refuse (%DD_ACTION_EDIT_TASK).
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
 * @decision: (nullable): the document that allowed it ("Công văn số
 *   45/UBND-TH ngày 10/06/2026"); %NULL only for extensions recorded before
 *   schema version 8
 * @reason: (nullable): why
 * @approved_by: (nullable): who signed the decision
 * @approved_on: the date it was signed
 *
 * One change of a task's due date: the old and new dates, the decision
 * that allowed it, why, who signed it and when, and who recorded it. A
 * boxed value type (dd_calendar_list_extensions() lists them).
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
  char *decision;
} DdExtension;

#define DD_TYPE_EXTENSION (dd_extension_get_type ())
GType        dd_extension_get_type (void) G_GNUC_CONST;
DdExtension *dd_extension_copy     (const DdExtension *self) G_GNUC_WARN_UNUSED_RESULT;
void         dd_extension_free     (DdExtension *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdExtension, dd_extension_free)

/**
 * dd_store_extend_task:
 * @task_id: a task with a due date
 * @new_due: the new due date: after the current one, not before the plan's date
 * @decision: the document that allows it (required)
 * @reason: (nullable): why
 * @signed_by: (nullable): who signed the decision
 * @signed_on: (nullable): when it was signed (today when %NULL)
 *
 * Moves the due date of a task (gia hạn) and records the change with its
 * decision, in one transaction with the audit. The task keeps its original
 * due date (dd_task_get_original_due()) and the list of its extensions
 * (dd_calendar_list_extensions()); its status is judged against the new
 * due date. The scorecards count a task extended after it fell due
 * (@signed_on after the due date it replaced) against that due date: it
 * was late before the extension was granted (README.md, "Rules").
 *
 * Administrators only (%DD_ACTION_EXTEND_TASK: %DD_STORE_ERROR_PERMISSION).
 * %DD_STORE_ERROR_INVALID, nothing written, with a message naming the
 * field: no decision, a task without due date, a new date not after the
 * current due date or before the plan's date; %DD_STORE_ERROR_NO_SUCH_ROW
 * when there is no such task (or it is in the recycle bin).
 */
gboolean     dd_store_extend_task     (DdStore      *self,
                                       gint64        task_id,
                                       const GDate  *new_due,
                                       const char   *decision,
                                       const char   *reason,
                                       const char   *signed_by,
                                       const GDate  *signed_on,
                                       GError      **error);

/* Progress as a timeline */

/**
 * DdProgressUpdate:
 * @id: its row
 * @task_id: the task
 * @date: the date the progress was reported for
 * @progress: 0–100, or -1 when the update did not say
 * @completed_on: the completion date it recorded (cleared when none)
 * @actual_product: (nullable): the product that proves the work
 * @note: (nullable): a remark
 * @recorded_by: (nullable): who recorded it (the OS account)
 * @recorded_at: when, ISO 8601 UTC
 * @reopened: the update reopened a done task (cleared its completion date)
 *
 * One progress update of a task, as dd_store_record_progress() and
 * dd_store_save_task() record them. A boxed value type.
 */
typedef struct
{
  gint64 id;
  gint64 task_id;
  GDate date;
  int progress;
  GDate completed_on;
  char *actual_product;
  char *note;
  char *recorded_by;
  char *recorded_at;
  gboolean reopened;
} DdProgressUpdate;

#define DD_TYPE_PROGRESS_UPDATE (dd_progress_update_get_type ())
GType             dd_progress_update_get_type (void) G_GNUC_CONST;
DdProgressUpdate *dd_progress_update_copy     (const DdProgressUpdate *self) G_GNUC_WARN_UNUSED_RESULT;
void              dd_progress_update_free     (DdProgressUpdate *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdProgressUpdate, dd_progress_update_free)

/**
 * dd_store_list_progress:
 * @task_id: the task
 *
 * The task's progress updates, newest first (by the date reported for,
 * then by when they were recorded). Main thread only. An unknown task has
 * none.
 *
 * Returns: (transfer full) (element-type DdProgressUpdate): the updates,
 *   or %NULL with @error (%DD_STORE_ERROR)
 */
GPtrArray   *dd_store_list_progress   (DdStore  *self,
                                       gint64    task_id,
                                       GError  **error);

/* Assignments outside any plan */

/**
 * dd_store_get_adhoc_plan_id:
 *
 * The id of the built-in plan "Giao việc ngoài kế hoạch" that holds the
 * tasks assigned outside any plan (at a meeting, by an official letter),
 * creating it the first time (a unit editor may: it is the one plan they
 * can create). The plan lists show it with its translated name; it cannot
 * be changed, deleted or imported over (%DD_STORE_ERROR_INVALID).
 *
 * Returns: the plan's id, or 0 with @error (%DD_STORE_ERROR: a viewer, a
 *   read-only file, …)
 */
gint64       dd_store_get_adhoc_plan_id (DdStore  *self,
                                         GError  **error);

/**
 * dd_store_find_unit:
 * @name: a unit's name as typed
 *
 * Finds the unit a task's lead or coordinator @name would resolve to when
 * the task is saved (tolerantly: case, spaces and punctuation as
 * dd_text_unit_match_key() ignores them), without creating it: the editor
 * asks before saving a task whose lead would be a new unit.
 *
 * Returns: the unit's id, 0 when no unit has that name (saving would
 *   create it), or -1 with @error when the file cannot be read
 */
gint64       dd_store_find_unit       (DdStore     *self,
                                       const char  *name,
                                       GError     **error);

/* The reports and schedules of periodic and ongoing tasks are in
 * dd-store-reports.h. */

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
