/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <gio/gio.h>
#include "dd-store.h"

G_BEGIN_DECLS

/*
 * The store on a file shared by many desktops: who the user is and what
 * their role lets them do (dd_store_can()), others' changes, filesystems
 * whose locks do not work, damaged files, the daily backup's warning and
 * second connections. Everything here is main thread only, like the rest
 * of DdStore, unless said otherwise. The accounts themselves are DdUsers'
 * (dd-users.h), the history DdHistory's (dd-history.h), the backups
 * DdBackups' (dd-backups.h); the recycle bin is in dd-store-tasks.h.
 */

/**
 * DdRole:
 * @DD_ROLE_VIEWER: reads and exports; never writes
 * @DD_ROLE_UNIT_EDITOR: edits the tasks its unit leads and records their
 *   progress (and its unit's indicator figures and periodic reports)
 * @DD_ROLE_ADMIN: everything: plans, imports, units, settings, roles, the
 *   recycle bin
 *
 * Roles are recorded in the file (table users) and enforced by the store and
 * by the file's own triggers. An account that is not listed is a viewer.
 * While no account is recorded as administrator (a file made before roles
 * existed, or whose users were all removed), everyone is an administrator;
 * the account that creates a new file is recorded as its first
 * administrator. The permissions of the network share remain the real
 * security boundary: roles prevent mistakes and make every change
 * accountable, they do not stop someone who can write the file directly.
 */
typedef enum
{
  DD_ROLE_VIEWER,
  DD_ROLE_UNIT_EDITOR,
  DD_ROLE_ADMIN,
} DdRole;

/* "viewer", "unit_editor", "admin" (the values stored in the file). */
const char *dd_role_to_string   (DdRole role);
gboolean    dd_role_from_string (const char *text, DdRole *out_role);
/* The translated name of a role, for people. */
const char *dd_role_get_label   (DdRole role);

/* Who: the OS account (g_get_user_name()); recorded on every change. */
const char *dd_store_get_user          (DdStore *self);
/* The user's role and, for a unit editor, the unit's id (0 otherwise), as
 * of the last write or poll. DdStore::access-changed says when they (or
 * the read-only state, or the lock warning's acknowledgement) change. */
DdRole      dd_store_get_role          (DdStore *self);
gint64      dd_store_get_role_unit_id  (DdStore *self);

/**
 * DdAction:
 * @DD_ACTION_SET_DISPLAY_NAME: record one's own display name (every role)
 * @DD_ACTION_EDIT_TASK: change a task and record its progress: an
 *   administrator's, or a unit editor's for the tasks its unit leads
 * @DD_ACTION_CHANGE_TASK_LEAD: give a task to another unit
 * @DD_ACTION_DELETE_TASK: move a task to the recycle bin
 * @DD_ACTION_RESTORE_TASK: bring a task back from the recycle bin
 * @DD_ACTION_IMPORT_PLAN: import a plan (or change plans)
 * @DD_ACTION_EDIT_UNITS: rename and merge units
 * @DD_ACTION_EDIT_SCORING: change the scoring rules and weights
 * @DD_ACTION_EDIT_HOLIDAYS: change the days off
 * @DD_ACTION_EDIT_SETTINGS: change the settings shared by everyone
 * @DD_ACTION_MANAGE_USERS: give accounts their roles
 * @DD_ACTION_RESTORE_BACKUP: replace the file by a backup: the role alone
 *   counts, since a damaged (read-only) file is what needs it
 * @DD_ACTION_READ_HISTORY: read the whole file's change history (the role
 *   alone counts)
 * @DD_ACTION_RECORD_FIGURES: record indicator and dossier figures: an
 *   administrator's, or a unit editor's for its own unit
 * @DD_ACTION_ADD_TASK: add a task (to a plan or outside any plan): an
 *   administrator's, or a unit editor's for a task its unit leads (ask
 *   with dd_store_can_for_unit() and the lead unit)
 * @DD_ACTION_EXTEND_TASK: extend a task's deadline (gia hạn): an
 *   administrator's
 *
 * What dd_store_can() is asked about. Apart from the two that only look at
 * the role, every action needs a file that may be written now (not
 * read-only, the lock warning acknowledged), and all but
 * %DD_ACTION_SET_DISPLAY_NAME need a role other than viewer.
 */
typedef enum
{
  DD_ACTION_SET_DISPLAY_NAME,
  DD_ACTION_EDIT_TASK,
  DD_ACTION_CHANGE_TASK_LEAD,
  DD_ACTION_DELETE_TASK,
  DD_ACTION_RESTORE_TASK,
  DD_ACTION_IMPORT_PLAN,
  DD_ACTION_EDIT_UNITS,
  DD_ACTION_EDIT_SCORING,
  DD_ACTION_EDIT_HOLIDAYS,
  DD_ACTION_EDIT_SETTINGS,
  DD_ACTION_MANAGE_USERS,
  DD_ACTION_RESTORE_BACKUP,
  DD_ACTION_READ_HISTORY,
  DD_ACTION_RECORD_FIGURES,
  DD_ACTION_ADD_TASK,
  DD_ACTION_EXTEND_TASK,
} DdAction;

/**
 * dd_store_can:
 * @action: what the user is about to do
 * @task: (nullable): the task of %DD_ACTION_EDIT_TASK or
 *   %DD_ACTION_ADD_TASK, whose lead unit counts for a unit editor; %NULL
 *   for any task (and for other actions)
 * @reason: (out) (optional) (transfer full) (nullable): why not, translated,
 *   for someone about to try it in the application; %NULL when allowed
 *
 * Whether the store would let the user do @action now, by the rules it
 * enforces on every write (the read-only state, the lock warning, the role
 * and the guard triggers of 0003-shared.sql), judged on the role as of the
 * last write or poll. Asked before offering an action; the store stays the
 * one that refuses (with the same rules, in the words of a refusal: see
 * DD_STORE_ERROR_PERMISSION). %DD_ACTION_RECORD_FIGURES with no unit is
 * "the figures of some unit". Reads nothing from the file.
 *
 * Returns: %TRUE when allowed
 */
gboolean    dd_store_can               (DdStore   *self,
                                        DdAction   action,
                                        DdTask    *task,
                                        char     **reason);

/**
 * dd_store_can_for_unit:
 * @action: %DD_ACTION_RECORD_FIGURES, %DD_ACTION_EDIT_TASK or %DD_ACTION_ADD_TASK
 * @unit_id: the unit whose figures (0: the whole office's) or whose tasks
 * @reason: (out) (optional) (transfer full) (nullable): as for dd_store_can()
 *
 * dd_store_can() for the figures or the tasks of one unit. The reason for
 * another unit's figures names the unit editor's own unit (one read).
 *
 * Returns: %TRUE when allowed
 */
gboolean    dd_store_can_for_unit      (DdStore   *self,
                                        DdAction   action,
                                        gint64     unit_id,
                                        char     **reason);

/**
 * dd_store_get_lock_warning:
 *
 * On Linux the store looks up the filesystem that holds the file
 * (/proc/self/mountinfo). A CIFS/SMB mount with `nobrl` (byte-range locks
 * off), NFS with `nolock` or local locks, sshfs and GNOME's gvfs FUSE mounts
 * do not give SQLite working locks between desktops, and concurrent writes
 * can then corrupt the file. On such a filesystem every write is refused
 * with %DD_STORE_ERROR_UNSAFE_FILESYSTEM until the caller has shown the
 * warning and called dd_store_acknowledge_lock_warning().
 *
 * Returns: (nullable): the translated warning, or %NULL when the
 * filesystem is not known to be unsafe
 */
const char *dd_store_get_lock_warning        (DdStore *self);
void        dd_store_acknowledge_lock_warning (DdStore *self);
/* TRUE once dd_store_acknowledge_lock_warning() was called (or when there
 * is no warning): writes are then allowed. */
gboolean    dd_store_is_lock_warning_acknowledged (DdStore *self);

/**
 * dd_store_poll_external_changes:
 *
 * Cheap (PRAGMA data_version): tells whether another connection — another
 * desktop, process or DdStore — committed a change since the last call (or
 * since opening). When it did, the store also emits "external-change" and
 * reloads the user's role. Meant to be called every couple of seconds from
 * a timeout; never inside a write.
 *
 * Returns: %TRUE when the file was changed by someone else; %FALSE when
 * not, or with @error set when the file could not be read
 */
gboolean    dd_store_poll_external_changes (DdStore  *self,
                                            GError  **error);

/* TRUE when PRAGMA quick_check found the file damaged at opening: it is
 * then open read-only (dd_store_get_read_only_reason() says why). */
gboolean    dd_store_is_damaged        (DdStore *self);

/* TRUE when the file's schema (its tables, views, triggers and indexes)
 * differs from the one Đôn Đốc makes for its data version: someone changed
 * it outside Đôn Đốc. It is then open read-only for good, on a read-only
 * connection (dd_store_get_read_only_reason() names the objects). */
gboolean    dd_store_is_tampered       (DdStore *self);

/**
 * dd_store_verify:
 * @out_report: (out) (optional) (transfer full): what was checked, one line each
 *
 * Runs PRAGMA integrity_check (the full one) and checks the application id,
 * the schema version and the schema itself (each table, view, trigger and
 * index against those Đôn Đốc makes for that version).
 *
 * Returns: %TRUE when all is well; otherwise %FALSE with @error saying why
 * (%DD_STORE_ERROR_NOT_DATABASE for a damaged file, TAMPERED for a changed
 * schema, TOO_NEW, …)
 */
gboolean    dd_store_verify            (DdStore   *self,
                                        char     **out_report,
                                        GError   **error);

/* The newest data version this build of Đôn Đốc reads and writes: a backup
 * with a higher schema_version cannot be restored. */
int         dd_store_get_schema_version_supported (void) G_GNUC_CONST;

/* A warning (translated) when the daily backup at opening failed (see
 * dd-backups.h). */
const char *dd_store_get_backup_warning (DdStore *self);

/* Emitted by dd_store_poll_external_changes() when another connection
 * committed a change ("external-change"). */

/**
 * dd_store_open_sibling:
 *
 * Opens a second connection to the file of @self, for a worker thread: the
 * same user, read-only state, role and acknowledgement of the lock warning
 * as @self now, without the checks, migrations and backup of opening (the
 * file was opened and checked through @self). Opening reads nothing from the
 * file, so it never waits for another desktop's lock. Call it on the thread
 * of @self; the new store may then be used by one other thread at a time.
 * Its writes are other-connection changes for @self: call
 * dd_store_poll_external_changes() on @self afterwards to refresh.
 *
 * Returns: (transfer full): the new store, or %NULL with @error set
 * (%DD_STORE_ERROR_INVALID for a database in memory, which has no file)
 */
DdStore    *dd_store_open_sibling      (DdStore  *self,
                                        GError  **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
