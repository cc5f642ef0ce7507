/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "dd-core-private.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* 'DnDc': PRAGMA application_id of every Đôn Đốc database. */
#define DD_APPLICATION_ID 0x446E4463
#define DD_SCHEMA_VERSION 7

/* PRAGMA cache_size of every connection, in KiB (dd-store.c). */
#define DD_STORE_CACHE_KIB 40960

/* Internal, for dd-sample.c and tests: these run inside a transaction that
 * the caller opened with _dd_store_begin(). */
gboolean _dd_store_begin              (DdStore *self, GError **error);
/* Like _dd_store_begin(), for a change a viewer may make too (their own
 * display name). */
gboolean _dd_store_begin_own_row      (DdStore *self, GError **error);
gboolean _dd_store_commit             (DdStore *self, GError **error);
void     _dd_store_rollback           (DdStore *self);
gboolean _dd_store_import_plan_locked (DdStore *self, const DdImportedPlan *plan,
                                       gboolean is_sample, DdImportSummary *summary,
                                       GError **error);
gboolean _dd_store_record_progress_locked (DdStore *self, gint64 task_id, int progress,
                                           const GDate *completed_on, const char *actual_product,
                                           const char *note, const GDate *reported_on,
                                           GError **error);
gint64   _dd_store_find_task_by_number (DdStore *self, gint64 plan_id, const char *number);
sqlite3 *_dd_store_get_db             (DdStore *self);
/* "SELECT @columns FROM tasks t @joins WHERE … ORDER BY …" for @query, bound,
 * in the list's order (dd-store-tasks.c). @joins may be NULL. */
sqlite3_stmt *_dd_store_prepare_task_query (DdStore *self, const DdTaskQuery *query,
                                            const char *columns, const char *joins,
                                            GError **error);

/* Shared by the dd-store-*.c files; nobody else touches it. */
/* dd-store-recurring.c: the status of ongoing and periodic tasks as a
 * whole (forgotten, due soon), computed for all of them at once and cached.
 * _dd_store_prepare_recurring() must be called before a read that judges
 * tasks as of that date; _dd_store_task_status() is then the status rule. */
typedef struct _DdRecurringCache DdRecurringCache;
void         _dd_recurring_cache_free    (DdRecurringCache *cache);
gboolean     _dd_store_prepare_recurring (DdStore *self, const GDate *as_of, const GDate *soon,
                                          GError **error);
DdTaskStatus _dd_store_task_status       (DdStore *self, gint64 task_id, DdDeadlineKind kind,
                                          const GDate *due, const GDate *completed_on,
                                          const GDate *as_of, const GDate *soon);
/* The same on Julian days (0: not set), for the scans of every task. */
DdTaskStatus _dd_store_task_status_days  (DdStore *self, gint64 task_id, DdDeadlineKind kind,
                                          guint32 due, guint32 completed_on, guint32 as_of, guint32 soon);
/* Sets @task's status as of @as_of: through the cache when it is current,
 * else by judging this one task. */
gboolean     _dd_store_judge_task        (DdStore *self, DdTask *task, const GDate *as_of,
                                          const GDate *soon, GError **error);

/* dd-store-occurrences.c: the occurrences of many tasks at once, as
 * dd_store_list_occurrences() gives them for one, from one read of the
 * tasks, their schedules, reports and updates over [from, to]. */
typedef enum
{
  DD_OCCURRENCE_SCOPE_CALENDAR, /* live tasks that are periodic, ongoing or have ad hoc reports due
                                 * in the range; with their titles and lead units' names */
  DD_OCCURRENCE_SCOPE_LED,      /* the same led by a unit and not completed before the range */
  DD_OCCURRENCE_SCOPE_OPEN,     /* live periodic and ongoing tasks with no date, not completed as of
                                 * @as_of; without ad hoc reports (the recurring status): only the
                                 * updates _dd_occurrence_set_judge_latest() needs are read */
} DdOccurrenceScope;

typedef struct
{
  gint64 id;
  gint64 lead_unit_id;          /* 0: none */
  DdDeadlineKind kind;
  const char *title;            /* DD_OCCURRENCE_SCOPE_CALENDAR only (owned by the set) */
  const char *lead;             /* the lead unit's name, likewise */
  GDate completed_on;
  /* Private to dd-store-occurrences.c. */
  GDate starts_on;              /* the plan's date, else the task's creation */
  guint periods;
  int due_rule;
  int due_param;
  guint every;
  guint reports, n_reports;
  guint updates, n_updates;
  guint ad_hoc, n_ad_hoc;
} DdOccurrenceTask;

typedef struct _DdOccurrenceSet DdOccurrenceSet;
DdOccurrenceSet *_dd_occurrence_set_load (DdStore *self, DdOccurrenceScope scope, gint64 only_id,
                                          DdWorkdays *workdays, const GDate *from, const GDate *to,
                                          const GDate *as_of, GError **error);
void             _dd_occurrence_set_free (DdOccurrenceSet *set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdOccurrenceSet, _dd_occurrence_set_free)
guint                   _dd_occurrence_set_get_n_tasks (DdOccurrenceSet *set);
const DdOccurrenceTask *_dd_occurrence_set_get_task    (DdOccurrenceSet *set, guint i);
/* Appends to @out (a GArray of DdOccurrence whose labels belong to @set)
 * the occurrences of task @i due in [@from, @to] (within the range loaded),
 * judged as of @as_of: those of dd_store_list_occurrences(), in its order
 * before it sorts them by due date. */
void             _dd_occurrence_set_judge (DdOccurrenceSet *set, guint i, const GDate *from,
                                           const GDate *to, const GDate *as_of, const GDate *soon,
                                           GArray *out);
/* Appends to @out what decides task @i's status as a whole as of @as_of:
 * of the occurrences _dd_occurrence_set_judge() gives over the whole range
 * loaded, the latest of each kind due before @as_of and all those due from
 * @as_of on, judged alike. A set of scope DD_OCCURRENCE_SCOPE_OPEN is
 * judged this way only, as of the date it was loaded for. */
void             _dd_occurrence_set_judge_latest (DdOccurrenceSet *set, guint i, const GDate *as_of,
                                                  const GDate *soon, GArray *out);

/* dd-store-scoring.c: what the scorecards read besides the tasks' dates,
 * kept between calls while nothing is committed. */
typedef struct _DdScoringCache DdScoringCache;
void _dd_scoring_cache_free (DdScoringCache *cache);

struct _DdStore
{
  GObject parent_instance;

  sqlite3 *db;
  char *path;
  char *user;
  char *read_only_reason;
  int schema_version;
  guint in_transaction : 1;
  guint read_only : 1;
  guint checking : 1;
  /* The status counts of the last task list read (dd-store-tasks.c). */
  char *counts_key;
  guint counts[DD_N_STATUSES];           /* DD_STORE_OPEN_CHECK_LATER: the damage check is running */
  guint read_only_for_check : 1; /* read-only only until the check passes */

  /* Shared use (dd-store-access.c, dd-store-health.c, dd-store-backup.c). */
  guint damaged : 1;
  guint migrating : 1;          /* schema upgrade at opening: runs as admin */
  guint lock_acknowledged : 1;
  guint access_pending : 1;     /* "access-changed" is due once the write is over */
  DdRole role;
  gint64 role_unit_id;
  char *lock_warning;
  char *backup_warning;
  gint64 data_version;
  int busy_tries;               /* BEGIN IMMEDIATE / COMMIT attempts */
  int busy_attempt_ms;          /* busy timeout of one attempt */
  int busy_backoff_ms;          /* first pause between attempts, doubled each time */
  int busy_budget_ms;           /* how long on_busy_cb() waits for a lock now */
  gint64 busy_since;
  guint64 commit_serial;        /* bumped by every commit of this connection */
  DdRecurringCache *recurring;  /* dd-store-recurring.c */
  DdScoringCache *scoring;      /* dd-store-scoring.c */
  /* dd-store-calendar.c: the occurrences of the range last listed, kept
   * while neither another connection nor this one committed. */
  DdOccurrenceSet *calendar_set;
  GDate calendar_from, calendar_to;
  gint64 calendar_version;
  guint64 calendar_serial;
};

/* SQL helpers of dd-store.c, shared by the dd-store-*.c files. Every value
 * is bound; SQL text never contains user input. */
gboolean      dd_sql_set_sqlite_error (DdStore *self, int rc, GError **error);
sqlite3_stmt *dd_sql_prepare       (DdStore *self, const char *sql, GError **error);
void          dd_sql_bind_text     (sqlite3_stmt *stmt, int index, const char *text);
void          dd_sql_bind_date     (sqlite3_stmt *stmt, int index, const GDate *date);
/* Takes ownership of @data (g_free). */
void          dd_sql_bind_blob     (sqlite3_stmt *stmt, int index, guint8 *data, gsize len);
/* Binds NULL for an id <= 0. */
void          dd_sql_bind_id       (sqlite3_stmt *stmt, int index, gint64 id);
const char   *dd_sql_column_text   (sqlite3_stmt *stmt, int column);
void          dd_sql_column_date   (sqlite3_stmt *stmt, int column, GDate *out);
gboolean      dd_sql_step_done     (DdStore *self, sqlite3_stmt *stmt, GError **error);
gboolean      dd_sql_exec          (DdStore *self, const char *sql, GError **error);
gint64        dd_sql_query_int64   (DdStore *self, const char *sql, gint64 fallback);
char         *dd_sql_now_utc       (void);
void          dd_sql_today         (GDate *date);

/* The shared file: who writes and whether they may (dd-store-access.c),
 * the file's health (dd-store-health.c), the daily backup of opening
 * (dd-store-backup.c). */
#define DD_BUSY_TIMEOUT_MS 5000
void     _dd_store_register_shared_functions (DdStore *self);
void     _dd_store_refresh_role              (DdStore *self);
/* Emits DdStore::access-changed (after the write transaction, in one). */
void     _dd_store_access_changed            (DdStore *self);
gboolean _dd_store_check_role                (DdStore *self, gboolean own_row_only, GError **error);
/* Inside a write: refuses @action as the store refuses a write, unless
 * dd_store_can() allows it. */
gboolean _dd_store_check_can                 (DdStore *self, DdAction action, GError **error);
gboolean _dd_store_trigger_error             (DdStore *self, const char *message, GError **error);
void     _dd_store_append_check_lines        (GString *problems, const char *line);
char    *_dd_store_check_mountinfo           (const char *mountinfo_path, const char *file_path);
gboolean _dd_store_auto_backup               (DdStore *self, gboolean force, const char *tag,
                                              GError **error);
gboolean _dd_store_record_creator            (DdStore *self, GError **error);
/* The daily backup for a copy on another thread (dd-store-backup.c). */
typedef struct
{
  char *db_path;
  char *dir;
  char *stem;
  guint keep;
} DdAutoBackupPlan;
gboolean _dd_store_auto_backup_plan          (DdStore *self, DdAutoBackupPlan *plan);
char    *_dd_store_auto_backup_run           (const DdAutoBackupPlan *plan, GError **error);
void     _dd_auto_backup_plan_clear          (DdAutoBackupPlan *plan);
/* Tests: act as another account; shorten the busy retries. */
void     _dd_store_set_user                  (DdStore *self, const char *account);
void     _dd_store_set_busy_policy           (DdStore *self, int tries, int attempt_ms, int backoff_ms);
/* Tests: as if the file lay on a filesystem without working locks. */
void     _dd_store_set_lock_warning          (DdStore *self, const char *warning);

G_END_DECLS
