/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <gio/gio.h>
#include "dd-types.h"
#include "dd-importer.h"
#include "dd-task-list.h"

G_BEGIN_DECLS

#define DD_TYPE_STORE (dd_store_get_type ())
G_DECLARE_FINAL_TYPE (DdStore, dd_store, DD, STORE, GObject)

/*
 * Signals of DdStore, each documented at its g_signal_new() in dd-store.c.
 * None has arguments besides the store; all are emitted on the thread that
 * uses the store (the main thread for the window's store), never inside a
 * write transaction:
 *   "changed": the data changed (a write of this store committed, or
 *     dd_store_poll_external_changes() found another desktop's);
 *   "external-change": dd_store_poll_external_changes() found a commit of
 *     another connection (just before "changed");
 *   "access-changed": the role, the read-only state or the lock warning's
 *     acknowledgement changed.
 */

typedef enum
{
  DD_STORE_OPEN_EXISTING  = 0,      /* the file must exist and be a Đôn Đốc database */
  DD_STORE_OPEN_CREATE    = 1 << 0, /* create a new database; fail if the file exists */
  DD_STORE_OPEN_READ_ONLY = 1 << 1, /* never write */
  /* Leave the damage check (PRAGMA quick_check, half a second and more on a
   * large file) and the daily backup to dd_store_check_async(): the store
   * stays read-only until the check has passed (dd_store_is_checking()). */
  DD_STORE_OPEN_CHECK_LATER = 1 << 2,
} DdStoreOpenFlags;

/**
 * dd_store_open:
 * @path: the database file, or ":memory:" (always created, for tests)
 * @flags: how to open it
 * @error: a %DD_STORE_ERROR: NOT_FOUND, EXISTS, NOT_DATABASE, FOREIGN, TOO_NEW, …
 *
 * Opens a Đôn Đốc database, creating or upgrading its schema by the numbered
 * migrations. A file that is not an SQLite database, or is one of another
 * application (its application_id is not ours and it has tables), is refused
 * and never written to. A file the user may not write is opened read-only
 * (see dd_store_is_read_only()). All SQL of the application lives behind
 * this interface. Main thread only.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
DdStore   *dd_store_open            (const char        *path,
                                     DdStoreOpenFlags   flags,
                                     GError           **error) G_GNUC_WARN_UNUSED_RESULT;

const char *dd_store_get_path       (DdStore *self);
gboolean    dd_store_is_read_only   (DdStore *self);

/**
 * dd_store_check_async:
 *
 * For a store opened with %DD_STORE_OPEN_CHECK_LATER: checks the file for
 * damage on another thread (with a connection of its own), then makes the
 * daily backup there if one is due. When it is done (on the store's
 * thread), a sound file becomes writable (unless it is read-only for
 * another reason) and a damaged one stays read-only for good, with
 * dd_store_is_damaged() set and the reason in
 * dd_store_get_read_only_reason(), exactly as if the check had run while
 * opening. Nothing is ever written to the file before the check passes.
 */
gboolean    dd_store_is_checking    (DdStore *self);
void        dd_store_check_async    (DdStore              *self,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
gboolean    dd_store_check_finish   (DdStore       *self,
                                     GAsyncResult  *result,
                                     GError       **error);
/* Why the store is read-only (translated), or NULL. */
const char *dd_store_get_read_only_reason (DdStore *self);
/* TRUE for a database made by dd_store_load_sample(). */
gboolean    dd_store_is_sample      (DdStore *self);
/* Whether the file holds a task not in the recycle bin: reads one entry
 * of an index (the window's start page). */
gboolean    dd_store_has_tasks      (DdStore *self, GError **error);
int         dd_store_get_schema_version (DdStore *self);

/* The default database in the user's data directory (XDG): (transfer full) */
char       *dd_store_dup_default_path (void);

/**
 * dd_store_open_default:
 * Opens the default database, creating it and loading the embedded plan
 * 662/KH-VPUB on first use.
 */
DdStore   *dd_store_open_default    (GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* Loads the embedded plan 662/KH-VPUB (and the progress the plan itself
 * proves: task 1 done on 28/4/2026). In one transaction. */
gboolean    dd_store_load_default   (DdStore *self, GError **error);
/* Fills an empty store with the labelled sample data set ("Dữ liệu mẫu"):
 * several plans, a dozen units, tasks in every status as of @today. */
gboolean    dd_store_load_sample    (DdStore *self, const GDate *today, GError **error);

/* Settings (key → text). dd_store_dup_setting(): (transfer full) (nullable):
 * the value, or %NULL for a key never set (@error untouched) or with @error
 * set when the file could not be read. */
char       *dd_store_dup_setting    (DdStore *self, const char *key, GError **error);
gboolean    dd_store_set_setting    (DdStore *self, const char *key, const char *value, GError **error);
/* The "sắp đến hạn" horizon in working days (Preferences); the default
 * when never set, or with @error set when the file could not be read. */
guint       dd_store_get_due_soon_days (DdStore *self, GError **error);
/* How many days without a good backup the window accepts before it warns
 * (the setting "backup_warn_days", 1 to 365, Preferences); the default when
 * never set, or with @error set when the file could not be read. */
#define DD_DEFAULT_BACKUP_WARN_DAYS 7
guint       dd_store_get_backup_warn_days (DdStore *self, GError **error);

/* Small lists, read at once. (transfer full) GListModel of DdPlan / DdUnit. */
GListModel *dd_store_list_plans     (DdStore *self, GError **error);
/* The same plans with no count (zero), no task read: for a plan picker,
 * which shows only their names (on 100,000 tasks the counts take ~25 ms). */
GListModel *dd_store_list_plan_names (DdStore *self, GError **error);
/* Units sorted in Vietnamese order, with task counts (of @plan_id, or all when 0). */
GListModel *dd_store_list_units     (DdStore *self, gint64 plan_id, GError **error);
/* The same units with no count (zero), no task read: for a unit picker,
 * which shows only their names (on 100,000 tasks the counts take ~50 ms). */
GListModel *dd_store_list_unit_names (DdStore *self, GError **error);

typedef struct
{
  gint64 plan_id;
  gboolean plan_existed;   /* TRUE: the plan was updated in place */
  guint tasks_added;
  guint tasks_updated;     /* in the file and changed by it */
  guint tasks_unchanged;   /* in the file, and the same as in the database */
  guint tasks_kept;        /* in the database but not in the file: left as they were */
  guint units_added;
  guint indicators;
  guint tasks_flagged;     /* deadline text not understood */
} DdImportSummary;

/**
 * dd_store_import_plan:
 * Writes an imported plan in one transaction. A plan with the same number
 * (and date, when both have one) is updated in place: tasks are matched by
 * their TT, their progress is kept, nothing is duplicated.
 */
gboolean    dd_store_import_plan    (DdStore *self, const DdImportedPlan *plan,
                                     DdImportSummary *summary, GError **error);

G_END_DECLS
