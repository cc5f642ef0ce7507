/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <gio/gio.h>
#include "dd-store.h"

G_BEGIN_DECLS

/*
 * The audit history: the triggers of data/sql/0003-shared.sql record every
 * inserted, updated or deleted row of the file (DdAuditEntry, its values as
 * JSON objects keyed by column), and DdHistory reads it and says it for
 * people: each entry becomes typed changes (DdAuditChange), one per changed
 * field, with the field's translated name and the values written as people
 * write them. Main thread only, like DdStore; the _async calls read on a
 * thread and a connection of the DdHistory's own.
 */

/* One entry of the log. */
typedef struct
{
  gint64 id;
  char *at;            /* ISO 8601 UTC, with milliseconds */
  char *user;          /* OS account */
  char *table_name;
  gint64 row_id;
  gint64 task_id;      /* 0 when the row belongs to no task */
  char *action;        /* "insert", "update", "delete" (to the bin, for a task), "restore" */
  char *old_values;    /* JSON object or NULL; an update lists only the changed columns */
  char *new_values;    /* JSON object or NULL */
  char *display_name;  /* the account's display name (users), or NULL when none was set */
  char *task_number;   /* the task's number ("3."), or NULL when the row belongs to no task */
} DdAuditEntry;

#define DD_TYPE_AUDIT_ENTRY (dd_audit_entry_get_type ())
GType         dd_audit_entry_get_type (void) G_GNUC_CONST;
DdAuditEntry *dd_audit_entry_copy     (const DdAuditEntry *self);
void          dd_audit_entry_free     (DdAuditEntry *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdAuditEntry, dd_audit_entry_free)

/**
 * DdAuditField:
 *
 * The fields of the file that people see in the history, by the thing they
 * belong to. Columns not listed (ids, positions, revisions, derived
 * columns) are left out of it. %DD_AUDIT_FIELD_TASK_COORDINATORS stands for
 * a task's coordinating units, which are rows of their own: added and
 * removed, never changed.
 */
typedef enum
{
  DD_AUDIT_FIELD_NONE,
  /* A task */
  DD_AUDIT_FIELD_TASK_NUMBER,
  DD_AUDIT_FIELD_TASK_TITLE,
  DD_AUDIT_FIELD_TASK_LEAD_UNIT,
  DD_AUDIT_FIELD_TASK_TIME_FRAME,
  DD_AUDIT_FIELD_TASK_DUE_ON,
  DD_AUDIT_FIELD_TASK_YEARLY_DUE,
  DD_AUDIT_FIELD_TASK_PRODUCT,
  DD_AUDIT_FIELD_TASK_DIRECTING,
  DD_AUDIT_FIELD_TASK_PROGRESS,
  DD_AUDIT_FIELD_TASK_COMPLETED_ON,
  DD_AUDIT_FIELD_TASK_ACTUAL_RESULT,
  DD_AUDIT_FIELD_TASK_NOTE,
  DD_AUDIT_FIELD_TASK_COORDINATORS,
  DD_AUDIT_FIELD_TASK_PERSON,
  DD_AUDIT_FIELD_TASK_SOURCE_KIND,
  DD_AUDIT_FIELD_TASK_SOURCE_NUMBER,
  DD_AUDIT_FIELD_TASK_SOURCE_ISSUED_ON,
  DD_AUDIT_FIELD_TASK_SOURCE_ISSUER,
  /* A progress update of a task */
  DD_AUDIT_FIELD_UPDATE_REPORTED_ON,
  DD_AUDIT_FIELD_UPDATE_PROGRESS,
  DD_AUDIT_FIELD_UPDATE_COMPLETED_ON,
  DD_AUDIT_FIELD_UPDATE_ACTUAL_RESULT,
  DD_AUDIT_FIELD_UPDATE_NOTE,
  DD_AUDIT_FIELD_UPDATE_REOPENED,
  /* An extension of a task's deadline */
  DD_AUDIT_FIELD_EXTENSION_NEW_DUE,
  DD_AUDIT_FIELD_EXTENSION_REASON,
  DD_AUDIT_FIELD_EXTENSION_APPROVED_BY,
  DD_AUDIT_FIELD_EXTENSION_DECISION,
  DD_AUDIT_FIELD_EXTENSION_APPROVED_ON,
  /* A report of a periodic task */
  DD_AUDIT_FIELD_REPORT_TITLE,
  DD_AUDIT_FIELD_REPORT_REPORTED_ON,
  DD_AUDIT_FIELD_REPORT_NOTE,
  DD_AUDIT_FIELD_REPORT_NUMBER,

  DD_AUDIT_FIELD_SCHEDULE_PERIODS,
  DD_AUDIT_FIELD_SCHEDULE_DUE_RULE,
  DD_AUDIT_FIELD_SCHEDULE_DUE_PARAM,
  DD_AUDIT_FIELD_SCHEDULE_UPDATE_EVERY,
  /* A plan */
  DD_AUDIT_FIELD_PLAN_NUMBER,
  DD_AUDIT_FIELD_PLAN_ISSUED_ON,
  DD_AUDIT_FIELD_PLAN_TITLE,
  DD_AUDIT_FIELD_PLAN_ISSUER,
  DD_AUDIT_FIELD_PLAN_BASIS,
  /* A unit */
  DD_AUDIT_FIELD_UNIT_NAME,
  DD_AUDIT_FIELD_UNIT_IS_GROUP,
  /* A setting */
  DD_AUDIT_FIELD_SETTING_VALUE,
  /* An indicator and its figures */
  DD_AUDIT_FIELD_INDICATOR_TITLE,
  DD_AUDIT_FIELD_INDICATOR_TARGET,
  DD_AUDIT_FIELD_INDICATOR_FIGURES_UNIT,
  DD_AUDIT_FIELD_INDICATOR_FIGURES_FROM,
  DD_AUDIT_FIELD_INDICATOR_FIGURES_TO,
  DD_AUDIT_FIELD_INDICATOR_FIGURES_ACHIEVED,
  DD_AUDIT_FIELD_INDICATOR_FIGURES_OUT_OF,
  DD_AUDIT_FIELD_INDICATOR_FIGURES_SOURCE,
  /* The dossier figures */
  DD_AUDIT_FIELD_DOSSIER_FIGURES_UNIT,
  DD_AUDIT_FIELD_DOSSIER_FIGURES_FROM,
  DD_AUDIT_FIELD_DOSSIER_FIGURES_TO,
  DD_AUDIT_FIELD_DOSSIER_FIGURES_RECEIVED,
  DD_AUDIT_FIELD_DOSSIER_FIGURES_ON_TIME,
  DD_AUDIT_FIELD_DOSSIER_FIGURES_LATE,
  DD_AUDIT_FIELD_DOSSIER_FIGURES_PENDING,
  DD_AUDIT_FIELD_DOSSIER_FIGURES_APOLOGIES,
  DD_AUDIT_FIELD_DOSSIER_FIGURES_SOURCE,
  /* A day off */
  DD_AUDIT_FIELD_HOLIDAY_DAY,
  DD_AUDIT_FIELD_HOLIDAY_NAME,
  DD_AUDIT_FIELD_HOLIDAY_KIND,
  /* An account */
  DD_AUDIT_FIELD_USER_DISPLAY_NAME,
  DD_AUDIT_FIELD_USER_ROLE,
  DD_AUDIT_FIELD_USER_UNIT,
  /* A due date counted in working days, moved by a change of days off */
  DD_AUDIT_FIELD_OCCURRENCE_DUE,
} DdAuditField;

/* The field's name for people ("Progress", "Lead unit"), translated; ""
 * for %DD_AUDIT_FIELD_NONE. */
const char   *dd_audit_field_get_label (DdAuditField field);

/* The display name of whoever made @self, or their account ("Unknown",
 * translated, when neither is known). */
const char   *dd_audit_entry_get_who   (const DdAuditEntry *self);
/* When @self was made, in local time: "25/11/2026 14:05". (transfer full) */
char         *dd_audit_entry_dup_when  (const DdAuditEntry *self);
/* TRUE when @self set @field: an insert or an update of its row whose new
 * values hold it (for %DD_AUDIT_FIELD_TASK_COORDINATORS, any change of a
 * coordinating unit). */
gboolean      dd_audit_entry_sets      (const DdAuditEntry *self,
                                        DdAuditField        field);

/**
 * DdAuditChangeKind:
 * @DD_AUDIT_CHANGE_FIELD: a field changed from the old value to the new one
 * @DD_AUDIT_CHANGE_ADDED: a row was added (a task created, a progress
 *   report, a coordinating unit…); the new value names it
 * @DD_AUDIT_CHANGE_REMOVED: a row was removed; the old value names it
 * @DD_AUDIT_CHANGE_TO_RECYCLE_BIN: a task was moved to the recycle bin
 * @DD_AUDIT_CHANGE_FROM_RECYCLE_BIN: a task was restored from the bin
 * @DD_AUDIT_CHANGE_OTHER: only columns nobody edits by hand changed
 */
typedef enum
{
  DD_AUDIT_CHANGE_FIELD,
  DD_AUDIT_CHANGE_ADDED,
  DD_AUDIT_CHANGE_REMOVED,
  DD_AUDIT_CHANGE_TO_RECYCLE_BIN,
  DD_AUDIT_CHANGE_FROM_RECYCLE_BIN,
  DD_AUDIT_CHANGE_OTHER,
} DdAuditChangeKind;

/**
 * DdAuditChange:
 * @entry_id: the entry of the log it comes from
 * @task_id: its task, or 0
 * @kind: what happened
 * @field: the field of %DD_AUDIT_CHANGE_FIELD (and
 *   %DD_AUDIT_FIELD_TASK_COORDINATORS for a coordinating unit added or
 *   removed); %DD_AUDIT_FIELD_NONE otherwise
 * @label: the field ("Progress") or the event ("Deadline extended"), translated
 * @subject: what was changed: "Task 3.", "Unit “Sở Nội vụ”", "Setting “due_soon_days”"
 * @old_value: the old value as people write it (dd/mm/yyyy dates, "40 %",
 *   a unit's name for its id); "" when none
 * @new_value: the new value, likewise
 * @who: the display name, or the account
 * @when: local time, "25/11/2026 14:05"
 *
 * One change of an entry of the log, said for people.
 */
typedef struct
{
  gint64 entry_id;
  gint64 task_id;
  DdAuditChangeKind kind;
  DdAuditField field;
  char *label;
  char *subject;
  char *old_value;
  char *new_value;
  char *who;
  char *when;
} DdAuditChange;

#define DD_TYPE_AUDIT_CHANGE (dd_audit_change_get_type ())
GType          dd_audit_change_get_type (void) G_GNUC_CONST;
DdAuditChange *dd_audit_change_copy     (const DdAuditChange *self);
void           dd_audit_change_free     (DdAuditChange *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdAuditChange, dd_audit_change_free)

/**
 * DdHistoryQuery:
 * @task_id: only the rows of this task (its own, its coordinators, progress,
 *   extensions, reports), or 0
 * @user: (nullable): only the changes of this account
 * @unit_id: only the rows of the tasks this unit leads, or 0
 * @from: (nullable): only changes made at or after this moment
 * @to: (nullable): only changes made before this moment
 * @before_id: only entries older than the entry with this id (the next page
 *   after a page whose oldest entry had this id), or 0 to start at the newest
 * @limit: at most this many entries, or 0 for all
 *
 * What dd_history_query() reads. Initialise with dd_history_query_init();
 * the pointers are borrowed.
 */
typedef struct
{
  gint64 task_id;
  const char *user;
  gint64 unit_id;
  GDateTime *from;
  GDateTime *to;
  gint64 before_id;
  guint limit;
} DdHistoryQuery;

void        dd_history_query_init      (DdHistoryQuery *self);

/* Someone who appears in the history or has a role. */
typedef struct
{
  char *account;
  char *display_name;  /* NULL when none was set */
} DdHistoryPerson;

void        dd_history_person_free     (DdHistoryPerson *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdHistoryPerson, dd_history_person_free)

/**
 * DdHistory:
 *
 * The audit history of a store. It keeps the names of the units (to name
 * them in the changes) while nothing is committed to the file.
 */
#define DD_TYPE_HISTORY (dd_history_get_type ())
G_DECLARE_FINAL_TYPE (DdHistory, dd_history, DD, HISTORY, GObject)

/* Returns: (transfer full): the history of @store (holds a reference on it) */
DdHistory  *dd_history_new             (DdStore *store) G_GNUC_WARN_UNUSED_RESULT;

/**
 * dd_history_list:
 * @task_id: only the rows of this task (its own, its coordinators, progress,
 *   extensions, reports), or 0 for all
 * @since: (nullable): only changes on or after this day (UTC)
 * @user: (nullable): only the changes of this account
 * @unit_id: only the rows of the tasks this unit leads, or 0 for all
 *
 * Returns: (transfer full) (element-type DdAuditEntry): the entries in the
 * order they were made, or %NULL with @error set
 */
GPtrArray  *dd_history_list            (DdHistory    *self,
                                        gint64        task_id,
                                        const GDate  *since,
                                        const char   *user,
                                        gint64        unit_id,
                                        GError      **error);

/**
 * dd_history_query:
 *
 * The audit history newest first, filtered and paged in SQL (each filter
 * has an index behind it), so that a page of a log of millions of entries
 * is read in milliseconds. Each entry carries the account's display name
 * and its task's number.
 *
 * Returns: (transfer full) (element-type DdAuditEntry): at most
 * @query->limit entries, newest first, or %NULL with @error set
 */
GPtrArray  *dd_history_query           (DdHistory             *self,
                                        const DdHistoryQuery  *query,
                                        GError               **error);

/**
 * dd_history_list_changes:
 * @entry: an entry of this store's history
 *
 * What @entry changed, said for people: one change per field people know
 * (an update), or one for a row added or removed, a task moved to the
 * recycle bin or restored. Units are named as they are called now.
 *
 * The units' names are read from the file when they are not kept already
 * (dd_history_query() and its async version keep them).
 *
 * Returns: (transfer full) (element-type DdAuditChange): the changes, in
 * the order of the fields; none for an update of a task's hidden columns;
 * %NULL with @error when the units' names could not be read
 */
GPtrArray  *dd_history_list_changes    (DdHistory          *self,
                                        const DdAuditEntry *entry,
                                        GError            **error);

/**
 * dd_history_list_people:
 *
 * Everyone who made a change recorded in the history, and everyone recorded
 * in the users table, sorted by account. The log's accounts are read by
 * skipping through its index, one lookup per person, not by scanning it.
 *
 * Returns: (transfer full) (element-type DdHistoryPerson)
 */
GPtrArray  *dd_history_list_people     (DdHistory  *self,
                                        GError    **error);

/**
 * dd_history_list_units:
 *
 * The units in Vietnamese order like dd_store_list_units(), but without
 * their task counts (which cost a pass over the tasks): the units the
 * history names, for filtering it. Cheap on a file of 100,000 tasks, and
 * kept while nothing is committed.
 *
 * Returns: (transfer full): a GListModel of DdUnit whose counts are 0
 */
GListModel *dd_history_list_units      (DdHistory  *self,
                                        GError    **error);

/*
 * The reads above on a thread and a connection of the object's own (made
 * by the first call), for the window: the reads run one after the other,
 * @callback runs on the calling thread (the store's), and _finish gives
 * what the call gives, or %G_IO_ERROR_CANCELLED when @cancellable was
 * cancelled. dd_history_query_async() reads the units' names with the
 * entries when those kept are not current, and the units read by either
 * are kept as the calls keep them: dd_history_list_changes() on the
 * entries then reads nothing on the calling thread.
 */
void        dd_history_query_async        (DdHistory            *self,
                                           const DdHistoryQuery *query,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
/* Returns: (transfer full) (element-type DdAuditEntry) */
GPtrArray  *dd_history_query_finish       (DdHistory            *self,
                                           GAsyncResult         *result,
                                           GError              **error);
void        dd_history_list_people_async  (DdHistory            *self,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
/* Returns: (transfer full) (element-type DdHistoryPerson) */
GPtrArray  *dd_history_list_people_finish (DdHistory            *self,
                                           GAsyncResult         *result,
                                           GError              **error);
void        dd_history_list_units_async   (DdHistory            *self,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
/* Returns: (transfer full): a GListModel of DdUnit */
GListModel *dd_history_list_units_finish  (DdHistory            *self,
                                           GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS
