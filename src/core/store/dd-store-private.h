/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "dd-core-private.h"
#include "dd-store-stamp.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

typedef struct _DdSqlCache DdSqlCache;

/* 'DnDc': PRAGMA application_id of every Đôn Đốc database. */
#define DD_APPLICATION_ID 0x446E4463
#define DD_SCHEMA_VERSION 16

/* What a reader may see of a plan an import in chunks is writing: nothing
 * until its last chunk (0016-import-pending.sql). Each read query of the
 * tasks puts DD_SQL_TASK_SHOWN (its task's id) beside its "deleted_at IS
 * NULL"; a list of plans, DD_SQL_PLAN_SHOWN (its plan's id); a count that
 * subtracts, "plan_id IN " DD_SQL_HIDDEN_PLANS. The task's
 * condition names only the task's id, which every index of the tasks
 * holds, so that an index covering a query stays covering; while no
 * import runs, it costs a test a row (the EXISTS is read once a
 * statement), and while one runs, the ids of the plan's tasks are read
 * once a statement. The importing store's own queries do not use it. */
#define DD_SQL_HIDDEN_PLANS "(SELECT plan_id FROM import_pending)"
#define DD_SQL_PLAN_SHOWN(plan_id) \
  "(" plan_id " NOT IN " DD_SQL_HIDDEN_PLANS ")"
#define DD_SQL_TASK_SHOWN(task_id) \
  "(NOT EXISTS " DD_SQL_HIDDEN_PLANS " OR " task_id " NOT IN " \
  "(SELECT id FROM tasks WHERE plan_id IN " DD_SQL_HIDDEN_PLANS "))"

/* PRAGMA cache_size of every connection, in KiB (dd-store.c); of the
 * connections of workers with DD_STORE_WORKER_SMALL_CACHE. */
#define DD_STORE_CACHE_KIB 40960
#define DD_STORE_SMALL_CACHE_KIB 2048

/* Internal, for dd-sample.c and tests: these run inside a transaction that
 * the caller opened with _dd_store_begin() (dd-store-transaction.c). */
gboolean _dd_store_begin              (DdStore *self, GError **error);
/* Sets the setting @key to @value (or, for %NULL, removes it), as the
 * store's user, inside the caller's transaction: the one writer of the
 * settings table for every domain (holidays' notices, scoring rules…). */
gboolean _dd_store_write_setting      (DdStore     *self,
                                       const char  *key,
                                       const char  *value,
                                       GError     **error);
/* Like _dd_store_begin(), for a change a viewer may make too (their own
 * display name). */
gboolean _dd_store_begin_own_row      (DdStore *self, GError **error);
gboolean _dd_store_commit             (DdStore *self, GError **error);
void     _dd_store_rollback           (DdStore *self);
gboolean _dd_store_import_plan_locked (DdStore *self, const DdImportedPlan *plan,
                                       gboolean is_sample, DdImportSummary *summary,
                                       GError **error);
/* dd-store-units.c: a task's person in charge, in the caller's transaction. */
gboolean _dd_store_set_task_person_locked (DdStore *self, gint64 task_id, const char *person,
                                           GError **error);
gboolean _dd_store_record_progress_locked (DdStore *self, gint64 task_id, int progress,
                                           const GDate *completed_on, const char *actual_product,
                                           const char *note, const GDate *reported_on,
                                           GError **error);
/* dd-store-followup.c: a task's source document, written in the caller's
 * transaction (%NULL removes it) and read into @task; the unit @name
 * resolves to, without creating it (0: none, -1: error); the translated
 * title of a built-in plan (plans.builtin), or NULL. */
gboolean _dd_store_write_task_source  (DdStore *self, gint64 task_id, const DdSourceDocument *source,
                                       GError **error);
gboolean _dd_store_load_task_source   (DdStore *self, DdTask *task, GError **error);
gint64   _dd_store_lookup_unit        (DdStore *self, const char *name, GError **error);
const char *_dd_store_builtin_plan_title (const char *builtin);
gint64   _dd_store_find_task_by_number (DdStore *self, gint64 plan_id, const char *number);
/* The stored plan an import of @plan updates (same number, same date when both know it); 0: none. */
gint64   _dd_store_find_import_plan   (DdStore *self, const DdImportedPlan *plan);
/* Whether the stored coordinators of a task differ from @names (by unit key, in order). */
gboolean _dd_store_coordinators_differ (DdStore *self, DdSqlCache *cache, gint64 task_id,
                                        const char * const *names);
sqlite3 *_dd_store_get_db             (DdStore *self);
/* "SELECT @columns FROM tasks t @joins WHERE … ORDER BY …" for @query, bound,
 * in the list's order (dd-store-query.c). @joins may be NULL. */
sqlite3_stmt *_dd_store_prepare_task_query (DdStore *self, const DdTaskQuery *query,
                                            const char *columns, const char *joins,
                                            GError **error);
/* dd-store-query.c: the status counts of the last task list read. */
typedef struct _DdStatusCounts DdStatusCounts;
void     _dd_status_counts_free        (DdStatusCounts *counts);

/* What saving a task (dd-store-tasks.c) and importing a plan
 * (dd-store-import.c) share. Inside a transaction. */
/* Finds a unit by its tolerant key, or creates it; -1 on error. */
gint64   _dd_store_find_or_create_unit (DdStore *self, const char *name, gboolean *created,
                                        GError **error);
/* The same through @cache's statements and the units it remembers. */
gint64   _dd_store_find_or_create_unit_cached (DdStore *self, DdSqlCache *cache, const char *name,
                                               gboolean *created, GError **error);
/* Makes @names (in order) the coordinators of @task_id; @cache may be NULL. */
gboolean _dd_store_replace_coordinators (DdStore *self, DdSqlCache *cache, gint64 task_id,
                                         const char * const *names, guint *units_added, GError **error);
/* The same for a task just inserted, which has none yet. */
gboolean _dd_store_add_coordinators    (DdStore *self, DdSqlCache *cache, gint64 task_id,
                                         const char * const *names, guint *units_added, GError **error);
/* The folded text a task is searched by (tasks.search_text). */
char    *_dd_store_search_text         (const char *number, const char *title, const char *lead,
                                        const char * const *coordinators, const char *deadline_text,
                                        const char *product, const char *directing,
                                        const char *actual_product);
/* "MM-DD", or NULL when not set (tasks.annual_due). */
char    *_dd_store_annual_due_text     (guint8 month, guint8 day);

/* dd-store-workdays.c: the file's days off as the store's reads need
 * them (stored years, the Labor Code defaults for the others). */
DdWorkdays *_dd_store_read_workdays (DdStore *self, GError **error);
/* The stored days off of @year (sorted; empty when the year is not stored). */
GPtrArray  *_dd_store_read_holidays (DdStore *self, int year, GError **error);

/* dd-store-recurring.c: the status of ongoing and periodic tasks as a
 * whole (forgotten, due soon), computed for all of them at once and cached.
 * _dd_store_prepare_recurring() must be called before a read that judges
 * tasks as of that date; _dd_store_task_status() is then the status rule. */
typedef struct _DdRecurringCache DdRecurringCache;
/* A server's log of the changes to the data (its audit log): the mark of
 * what the store's reads see now, and when @since is a mark it gave
 * before, the changes since: each changed row's table in @tables (char *)
 * and its task's id in @tasks (gint64, 0 when the row names no task).
 * Returns NULL when it cannot tell (the changes may then be anything):
 * never inside the store's transaction. (dd-pg-live.c) */
typedef char *(*DdStoreChangeLog) (DdStore    *store,
                                   const char *since,
                                   GPtrArray  *tables,
                                   GArray     *tasks,
                                   gpointer    data);
void         _dd_store_set_change_log    (DdStore *self, DdStoreChangeLog log, gpointer data);
/* Opens a store for one job (_dd_store_set_job_opener()). */
typedef DdStore *(*DdStoreJobOpener) (gpointer data, GError **error);

/* One task of a server's reading of a task list (DdStoreListReader). */
typedef struct
{
  gint64 id;
  gint8 status;                 /* the rule's status without the occurrences (dd_task_status()) */
  gint8 kind;                   /* its DdDeadlineKind */
} DdStoreListRow;
/* A server's reading of @query's tasks, its status filter aside, as
 * DdStoreListRow in the list's order (for a sort by status, in the order
 * of their ids: the status that decides is the store's), sorted and
 * filtered on the server; @words: the folded words of its text, or NULL.
 * Returns NULL when it cannot give exactly what the store's own SQL reads
 * (a sort by the app's collation, the "6 rõ" filter, the store's write
 * transaction, a server that refuses): the store then reads through its
 * SQL. (dd-pg-list.c) */
typedef GArray *(*DdStoreListReader) (DdStore           *store,
                                      const DdTaskQuery *query,
                                      const GDate       *soon,
                                      const char        *words,
                                      gpointer           data);
void         _dd_store_set_list_reader   (DdStore *self, DdStoreListReader reader, gpointer data);
/* One row of a server's reading of tasks' rows (DdStoreRowsReader): the
 * text of its columns, NULL for NULL, as the file's query reads them. */
typedef gboolean (*DdStoreRowFunc) (const char * const *values,
                                    gpointer            data,
                                    GError            **error);
/* A server's reading of the rows of the tasks @ids, in that order, each
 * with the columns of @sql_columns (one of the lists the export reads,
 * named by @with_text) given to @func; a task deleted, put in the bin or
 * hidden (its plan being imported) is left out, as the file's query
 * leaves it out. @next_ids: the tasks read next, read ahead meanwhile
 * (or NULL). Returns 1 when every row was given, 0 when the server
 * refused or @func failed (@error set), -1 when it cannot read them
 * (inside the store's write): the store then reads them through its SQL.
 * (dd-pg-rows.c) */
typedef int (*DdStoreRowsReader) (DdStore        *store,
                                  const gint64   *ids,
                                  guint           n_ids,
                                  const gint64   *next_ids,
                                  guint           n_next_ids,
                                  gboolean        with_text,
                                  DdStoreRowFunc  func,
                                  gpointer        func_data,
                                  gpointer        data,
                                  GError        **error);
void         _dd_store_set_rows_reader   (DdStore *self, DdStoreRowsReader reader, gpointer data);
DdStoreRowsReader _dd_store_get_rows_reader (DdStore *self, gpointer *data);
/* A server's reading of every typed figure of every indicator whose
 * period lies within [@from, @to] (either unset: open) and whose numbers
 * lie in [0, @max], given to @func as text: the indicator's id, the
 * unit's id (NULL: the whole office), its name, the period's start and
 * end, the numerator and the denominator; by indicator, then in the order
 * of the export's typed query (dd-export-figures.c): the whole office
 * first, units in the store's order, the longest periods first, then by
 * start and id. Returns as DdStoreRowsReader does. (dd-pg-rows.c) */
typedef int (*DdStoreFiguresReader) (DdStore        *store,
                                     const GDate    *from,
                                     const GDate    *to,
                                     double          max,
                                     DdStoreRowFunc  func,
                                     gpointer        func_data,
                                     gpointer        data,
                                     GError        **error);
void         _dd_store_set_figures_reader (DdStore *self, DdStoreFiguresReader reader, gpointer data);
DdStoreFiguresReader _dd_store_get_figures_reader (DdStore *self, gpointer *data);
/* The status of task @task_id whose rule's status (without the
 * occurrences) is @status, as _dd_store_task_status_days() gives it: an
 * ongoing or periodic task in progress judged by its occurrences (the
 * cache _dd_store_prepare_recurring() made for @as_of and @soon). */
DdTaskStatus _dd_store_recurring_status  (DdStore *self, gint64 task_id, DdDeadlineKind kind,
                                          DdTaskStatus status, guint32 as_of, guint32 soon);
void         _dd_recurring_cache_free    (DdRecurringCache *cache);
/* The SQL function dd_status() of @self's connection, by that rule. */
void         _dd_store_register_status_function (DdStore *self);
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
 * dd_calendar_list_occurrences() gives them for one, from one read of the
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
DdOccurrenceSet *_dd_occurrence_set_load_some (DdStore *self, DdOccurrenceScope scope, const gint64 *ids,
                                               guint n_ids, DdWorkdays *workdays, const GDate *from,
                                               const GDate *to, const GDate *as_of, GError **error);
void             _dd_occurrence_set_free (DdOccurrenceSet *set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdOccurrenceSet, _dd_occurrence_set_free)
guint                   _dd_occurrence_set_get_n_tasks (DdOccurrenceSet *set);
const DdOccurrenceTask *_dd_occurrence_set_get_task    (DdOccurrenceSet *set, guint i);
/* Appends to @out (a GArray of DdOccurrence whose labels belong to @set)
 * the occurrences of task @i due in [@from, @to] (within the range loaded),
 * judged as of @as_of: those of dd_calendar_list_occurrences(), in its order
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

/* Who works on the file and what they may do there. A sibling connection
 * (dd_store_open_sibling()) shares it: _dd_store_access_copy() copies it
 * whole, so a field added here is shared without more code (a string
 * field must be added to _dd_store_access_copy() and _clear() too). */
typedef struct
{
  char *user;                   /* the OS account, recorded on every change */
  DdRole role;                  /* as the file says (dd-store-shared.c) */
  gint64 role_unit_id;          /* a unit editor's unit, else 0 */
  char *read_only_reason;
  char *lock_warning;           /* the file's filesystem has no working locks */
  char *backup_warning;         /* the daily backup at opening failed */
  guint read_only : 1;
  guint damaged : 1;            /* PRAGMA quick_check failed: read-only for good */
  guint lock_acknowledged : 1;
  guint tampered : 1;           /* the schema differs from the migrations': read-only for good */
} DdStoreAccess;

void _dd_store_access_copy  (DdStoreAccess *dest, const DdStoreAccess *src);
void _dd_store_access_clear (DdStoreAccess *access);

/* How BEGIN IMMEDIATE and COMMIT wait for another desktop's lock
 * (exec_with_retry() in dd-store-transaction.c): the policy, copied to a
 * sibling, and the wait under way. */
typedef struct
{
  int tries;                    /* attempts */
  int attempt_ms;               /* busy timeout of one attempt */
  int backoff_ms;               /* first pause between attempts, doubled each time */
  int budget_ms;                /* how long on_busy_cb() waits for a lock now */
  gint64 since;                 /* when the current wait began */
} DdStoreBusy;

/* The state of this connection (never copied to a sibling). */
typedef struct
{
  guint in_transaction : 1;
  guint checking : 1;           /* DD_STORE_OPEN_CHECK_LATER: the damage check is running */
  guint read_only_for_check : 1; /* read-only only until the check passes */
  guint migrating : 1;          /* schema upgrade at opening: runs as admin */
  guint access_pending : 1;     /* "access-changed" is due once the write is over */
  guint remote_tables : 1;      /* the data's tables are a server's, read in place */
} DdStoreFlags;

/* The most virtual-machine steps one statement may run (dd-store-schema.c).
 * Measured on a file of 100,000 tasks: the largest statement of generating
 * it took 3.1 × 10^7 steps, of the task list's reads 2.9 × 10^7; this is ten
 * times that. An endless query a file defines (30–60 million steps a second
 * here) stops after 5–10 s instead of never. */
#define DD_QUERY_MAX_STEPS G_GUINT64_CONSTANT (300000000)

typedef struct
{
  guint64 max_steps;            /* 0: DD_QUERY_MAX_STEPS */
  guint ticks;                  /* progress calls since the statement started */
  gboolean tripped;             /* a statement was stopped */
} DdQueryLimit;

/* dd-store-schema.c: what every connection to a file is set (defensive,
 * untrusted schema, @limit on each statement; @limit must outlive @db);
 * the SQL of migration @version (NULL when there is none); the differences
 * of @db's schema from the one the migrations of @version make, as a
 * translated sentence naming the objects ("" when none). */
void  _dd_sql_harden                (sqlite3 *db, DdQueryLimit *limit);
char *_dd_store_migration_sql       (int version);
char *_dd_store_schema_differences  (sqlite3 *db, int version);
/* Trusts the schema of the store's file, found to be the migrations'; and,
 * in a write transaction, makes sure it still is (else the store becomes
 * read-only for good and the write is refused with TAMPERED). */
void     _dd_store_pin_schema       (DdStore *self);
gboolean _dd_store_recheck_schema   (DdStore *self, GError **error);

/* Runs inside a write transaction just before it commits; FALSE (with
 * @error set) rolls it back and fails the write (the import's tests fail
 * a chunk's commit this way). */
typedef gboolean (*DdStoreCommitHook) (DdStore *store, gpointer data, GError **error);
void _dd_store_set_commit_hook (DdStore *self, DdStoreCommitHook hook, gpointer data,
                                GDestroyNotify destroy);
/* Runs right after a write transaction began, before its checks read
 * anything; FALSE (with @error set) refuses the write. A store that writes
 * to a server's tables in place takes a new snapshot of the server's this
 * way (dd-pg-live-write.c), so that its checks read the data as it is now. */
void _dd_store_set_begin_hook (DdStore *self, DdStoreCommitHook hook, gpointer data);
/* The error behind the last failed statement on tables that are not
 * SQLite's (a server's refusal, a conflict, a lost connection): taken
 * (@error is owned) by the next dd_sql_set_sqlite_error(), which reports
 * it instead of SQLite's generic one. */
void _dd_store_set_remote_error (DdStore *self, GError *error);

struct _DdStore
{
  GObject parent_instance;

  sqlite3 *db;
  char *path;
  int schema_version;
  DdStoreFlags flags;
  DdStoreAccess access;
  DdStoreBusy busy;
  DdQueryLimit limit;
  gint64 schema_cookie;         /* PRAGMA schema_version when the schema was last found right; -1: never */
  gint64 data_version;          /* as dd_store_poll_external_changes() last saw it */
  guint64 commit_serial;        /* bumped by every commit of this connection */
  DdStatusCounts *counts;       /* dd-store-query.c */
  DdRecurringCache *recurring;  /* dd-store-recurring.c */
  DdStoreCommitHook commit_hook;
  gpointer commit_hook_data;
  GDestroyNotify commit_hook_destroy;
  DdStoreCommitHook begin_hook;
  gpointer begin_hook_data;
  GError *remote_error;         /* _dd_store_set_remote_error() */
  guint import_chunk_rows;      /* tests: rows an import's chunk holds; 0: the default */
  gint64 import_chunk_us;       /* tests: the time of an import's chunk (µs); 0: the default */
  GArray *batch_ids;            /* _dd_store_set_batch_ids(): gint64, sorted, or NULL */
  GArray *next_batch_ids;       /* _dd_store_set_next_batch_ids(): the same */
  DdStoreJobOpener job_opener;  /* _dd_store_set_job_opener(), or NULL */
  gpointer job_opener_data;
  GDestroyNotify job_opener_free;
  DdStoreChangeLog change_log;  /* a server's (_dd_store_set_change_log()), or NULL */
  gpointer change_log_data;
  DdStoreListReader list_reader; /* a server's (_dd_store_set_list_reader()), or NULL */
  gpointer list_reader_data;
  DdStoreRowsReader rows_reader; /* a server's (_dd_store_set_rows_reader()), or NULL */
  gpointer rows_reader_data;
  DdStoreFiguresReader figures_reader; /* a server's (_dd_store_set_figures_reader()), or NULL */
  gpointer figures_reader_data;
};

/* SQL helpers (dd-store-sql.c), shared by the dd-store-*.c files. Every
 * value is bound; SQL text never contains user input. */
gboolean      dd_sql_set_sqlite_error (DdStore *self, int rc, GError **error);
/* Sets DD_STORE_ERROR_INVALID with @message; returns FALSE. */
gboolean      _dd_store_invalid       (GError **error, const char *message);
sqlite3_stmt *dd_sql_prepare       (DdStore *self, const char *sql, GError **error);
/* Prepared statements reused through one long write, and the units it
 * found (dd-store-sql.c). */
DdSqlCache   *dd_sql_cache_new     (void);
void          dd_sql_cache_free    (DdSqlCache *cache);
sqlite3_stmt *dd_sql_cache_get     (DdStore *self, DdSqlCache *cache, const char *sql, GError **error);
gint64        dd_sql_cache_lookup_unit   (DdSqlCache *cache, const char *name);
void          dd_sql_cache_remember_unit (DdSqlCache *cache, const char *name, gint64 id);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdSqlCache, dd_sql_cache_free)
void          dd_sql_bind_text     (sqlite3_stmt *stmt, int index, const char *text);
void          dd_sql_bind_date     (sqlite3_stmt *stmt, int index, const GDate *date);
/* Takes ownership of @data (g_free). */
void          dd_sql_bind_blob     (sqlite3_stmt *stmt, int index, guint8 *data, gsize len);
/* Binds NULL for an id <= 0. */
void          dd_sql_bind_id       (sqlite3_stmt *stmt, int index, gint64 id);
const char   *dd_sql_column_text   (sqlite3_stmt *stmt, int column);
void          dd_sql_column_date   (sqlite3_stmt *stmt, int column, GDate *out);
gboolean      dd_sql_step_done     (DdStore *self, sqlite3_stmt *stmt, GError **error);
/* An insert or update that works on both backends (SQLite has no UPSERT
 * for a server's tables, which are virtual tables): @update, then
 * @insert only if @update changed no row (an INSERT … SELECT … WHERE NOT
 * EXISTS where the update has a condition of its own). The caller binds
 * both alike. */
gboolean      dd_sql_step_upsert   (DdStore *self, sqlite3_stmt *update, sqlite3_stmt *insert,
                                    GError **error);
gboolean      dd_sql_exec          (DdStore *self, const char *sql, GError **error);
gint64        dd_sql_query_int64   (DdStore *self, const char *sql, gint64 fallback);
char         *dd_sql_now_utc       (void);
void          dd_sql_today         (GDate *date);
/* dd_search_match(), dd_six_clear_text() and the collation dd_vi. */
void          _dd_sql_register_functions (sqlite3 *db);
/* dd_json_object() and dd_json_changed(), the audit triggers' (dd-store-json.c). */
void          _dd_sql_register_json_functions (sqlite3 *db);

/* The shared file: who writes and whether they may (dd-store-access.c,
 * the refusals in dd-store-refusal.c), the file's health
 * (dd-store-health.c), the daily backup of opening (dd-store-backup.c). */
#define DD_BUSY_TIMEOUT_MS 5000
void     _dd_store_register_shared_functions (DdStore *self);
void     _dd_store_refresh_role              (DdStore *self);
/* Emits DdStore::access-changed (after the write transaction, in one). */
void     _dd_store_access_changed            (DdStore *self);
/* Emits the "access-changed" that is due, unless a write transaction is open. */
void     _dd_store_flush_access_changed      (DdStore *self);
gboolean _dd_store_check_role                (DdStore *self, gboolean own_row_only, GError **error);
/* Inside a write: refuses @action as the store refuses a write, unless
 * dd_store_can() allows it. */
gboolean _dd_store_check_can                 (DdStore *self, DdAction action, GError **error);
/* The same for the tasks of one unit (dd_store_can_for_unit()). */
gboolean _dd_store_check_can_for_unit        (DdStore *self, DdAction action, gint64 unit_id,
                                              GError **error);
gboolean _dd_store_trigger_error             (DdStore *self, const char *message, GError **error);
void     _dd_store_append_check_lines        (GString *problems, const char *line);
char    *_dd_store_check_mountinfo           (const char *mountinfo_path, const char *file_path);
gboolean _dd_store_auto_backup               (DdStore *self, gboolean force, const char *tag,
                                              GError **error);
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
/* Makes the store read-only for the rest of its life, saying why (a
 * command's copy of a server's data: dd_pg_read_store()). */
void     _dd_store_set_read_only             (DdStore *self, const char *reason);
/* The rows of a chunk of a large import (dd-store-import.c); tests make
 * them few. */
guint    _dd_store_import_chunk_rows         (DdStore *self);
void     _dd_store_set_import_chunk_rows     (DdStore *self, guint rows);
void     _dd_store_set_import_chunk_time     (DdStore *self, gint64 usec);
/* dd-store-import-undo.c: the marker of an import in chunks, taking one
 * back, and those an import that was killed left (at open). */
gboolean _dd_import_marker_write             (DdStore *self, gint64 plan_id, gint64 audit_mark, gboolean replacing,
                                              GArray *units, GArray *history, GError **error);
/* A re-import in chunks: the history entries after @chunk_mark are this
 * chunk's; before it changes a task's coordinators, they are copied; a
 * task it adds is listed (0014-import-undo.sql). */
gboolean _dd_import_marker_add_range         (DdStore *self, gint64 plan_id, gint64 chunk_mark, GArray *history,
                                              GError **error);
gboolean _dd_import_undo_save_coordinators   (DdStore *self, DdSqlCache *cache, gint64 plan_id, gint64 task_id,
                                              GError **error);
gboolean _dd_import_undo_note_added          (DdStore *self, DdSqlCache *cache, gint64 plan_id, gint64 task_id,
                                              GError **error);
/* @history: the ids of the marker's history entries, as _dd_import_marker_write()
 * and _dd_import_marker_add_range() listed them, or NULL to look for them. */
gboolean _dd_import_marker_finish            (DdStore *self, gint64 plan_id, gint64 audit_mark, GArray *history,
                                              GError **error);
gboolean _dd_import_undo                     (DdStore *self, gint64 plan_id, GError **error);
void     _dd_store_undo_stale_imports        (DdStore *self);
/* The data's tables are a server's, read in place (dd_pg_read_store()):
 * they have no SQLite index, so a query names none (INDEXED BY). */
void     _dd_store_set_remote_tables         (DdStore *self);
gboolean _dd_store_has_remote_tables         (DdStore *self);
/* The ids of the tasks a reader is about to read one after the other (a
 * task list's first rows), or none (@n_ids 0). A store whose tables are a
 * server's then reads a task's rows (the task, its coordinators,
 * extensions, people, source…) for all of them in one query per table
 * and statement, not one per task (dd-pg-live.c); the rows are those of
 * the same snapshot, so every read gives what it gives alone. A file's
 * store ignores them: its reads cost no round trip. */
void     _dd_store_set_batch_ids             (DdStore *self, const gint64 *ids, guint n_ids);
/* Those ids, sorted (NULL when none). */
GArray  *_dd_store_get_batch_ids             (DdStore *self);
/* A store on a connection of its own to the same data, for one long job
 * of a worker (DD_STORE_WORKER_LONG) on a store with no file to open a
 * sibling on: a server's (dd-pg-live.c). Called on the worker's thread:
 * @data is the opener's own. */
void     _dd_store_set_job_opener            (DdStore *self, DdStoreJobOpener func, gpointer data,
                                              GDestroyNotify data_free);
gboolean _dd_store_has_job_opener            (DdStore *self);
DdStore *_dd_store_open_for_job              (DdStore *self, GError **error);
/* The ids of the batch after (after _dd_store_set_batch_ids(), which
 * forgets them): a server's tables may read their rows ahead while the
 * caller works on this batch (dd-pg-prefetch.c). */
void     _dd_store_set_next_batch_ids        (DdStore *self, const gint64 *ids, guint n_ids);
GArray  *_dd_store_get_next_batch_ids        (DdStore *self);
/* The remote tables show other writes now (a new snapshot of the server,
 * dd-pg-notify.c): the caches' stamps are no longer current, and the store
 * emits "external-change" and "changed" as dd_store_poll_external_changes()
 * does for a file. */
void     _dd_store_external_change           (DdStore *self);
/* Tests: as if the file lay on a filesystem without working locks. */
void     _dd_store_set_lock_warning          (DdStore *self, const char *warning);

/* Removes the ".part" and ".part-journal" files of @folder whose name
 * starts with @prefix and that a killed writer left (older than 15 min). */
void     _dd_remove_stale_parts (const char *folder,
                                 const char *prefix);
/* fsync()s the file at @path; FALSE (errno set) when it cannot. */
gboolean _dd_fsync_path         (const char *path);

G_END_DECLS
