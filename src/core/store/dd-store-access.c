/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-store-refusal-private.h"

/*
 * Who writes, and whether they may: the account of the connection and its
 * role as the file records it (table users; begin_write() in
 * dd-store-transaction.c reads it again under the write lock), the SQL functions that the guard
 * triggers of data/sql/0003-shared.sql call, the signal that the access
 * changed, the acknowledgement of the lock warning, and dd_store_can(),
 * which says beforehand what the store would refuse. Both that and
 * _dd_store_check_can() judge with judge() below; the refusals themselves
 * are said by dd-store-refusal.c. The accounts are managed by DdUsers
 * (audit/dd-users.c).
 */

/* What an action needs besides a file that may be written now. */
typedef enum
{
  NEED_FILE,          /* nothing more: any role (one's own display name) */
  NEED_WRITER,        /* any role but viewer */
  NEED_ADMIN,         /* an administrator */
  NEED_ADMIN_ROLE,    /* an administrator, whatever the file (restoring a damaged one) */
  NEED_TASK_UNIT,     /* an administrator, or the unit editor of the task's lead unit */
  NEED_FIGURES_UNIT,  /* an administrator, or the unit editor of the figures' unit */
} Need;

static const Need action_needs[] = {
  [DD_ACTION_SET_DISPLAY_NAME] = NEED_FILE,
  [DD_ACTION_EDIT_TASK] = NEED_TASK_UNIT,
  [DD_ACTION_CHANGE_TASK_LEAD] = NEED_ADMIN,
  [DD_ACTION_DELETE_TASK] = NEED_ADMIN,
  [DD_ACTION_RESTORE_TASK] = NEED_ADMIN,
  [DD_ACTION_IMPORT_PLAN] = NEED_ADMIN,
  [DD_ACTION_EDIT_UNITS] = NEED_ADMIN,
  [DD_ACTION_EDIT_SCORING] = NEED_ADMIN,
  [DD_ACTION_EDIT_HOLIDAYS] = NEED_ADMIN,
  [DD_ACTION_EDIT_SETTINGS] = NEED_ADMIN,
  [DD_ACTION_MANAGE_USERS] = NEED_ADMIN,
  [DD_ACTION_RESTORE_BACKUP] = NEED_ADMIN_ROLE,
  [DD_ACTION_READ_HISTORY] = NEED_ADMIN_ROLE,
  [DD_ACTION_RECORD_FIGURES] = NEED_FIGURES_UNIT,
  [DD_ACTION_ADD_TASK] = NEED_TASK_UNIT,
  [DD_ACTION_EXTEND_TASK] = NEED_ADMIN,
};

G_STATIC_ASSERT (G_N_ELEMENTS (action_needs) == DD_ACTION_EXTEND_TASK + 1);

/* SQL functions of each connection: the user, their role and unit, for the
 * triggers of 0003-shared.sql. */

static void
sql_user (sqlite3_context *ctx,
          int              argc,
          sqlite3_value  **argv)
{
  DdStore *self = sqlite3_user_data (ctx);

  sqlite3_result_text (ctx, self->access.user, -1, SQLITE_TRANSIENT);
}

static void
sql_role (sqlite3_context *ctx,
          int              argc,
          sqlite3_value  **argv)
{
  DdStore *self = sqlite3_user_data (ctx);

  /* A schema upgrade runs as the application, whoever opens the file. */
  sqlite3_result_text (ctx, dd_role_to_string (self->flags.migrating ? DD_ROLE_ADMIN : self->access.role),
                       -1, SQLITE_STATIC);
}

static void
sql_unit (sqlite3_context *ctx,
          int              argc,
          sqlite3_value  **argv)
{
  DdStore *self = sqlite3_user_data (ctx);

  if (self->access.role_unit_id > 0)
    sqlite3_result_int64 (ctx, self->access.role_unit_id);
  else
    sqlite3_result_null (ctx);
}

void
_dd_store_register_shared_functions (DdStore *self)
{
  /* Not SQLITE_DETERMINISTIC: the values change with _dd_store_set_user()
   * and the roles in the file. SQLITE_INNOCUOUS, which the guard and audit
   * triggers need under trusted_schema=OFF: they change nothing and only
   * tell the connection's own account, role and unit, which the file
   * records anyway (users, audit_log). */
  int flags = SQLITE_UTF8 | SQLITE_INNOCUOUS;

  sqlite3_create_function_v2 (self->db, "dd_user", 0, flags, self, sql_user, NULL, NULL, NULL);
  sqlite3_create_function_v2 (self->db, "dd_role", 0, flags, self, sql_role, NULL, NULL, NULL);
  sqlite3_create_function_v2 (self->db, "dd_unit", 0, flags, self, sql_unit, NULL, NULL, NULL);
}

/* DdStore::access-changed */

/* Emits "access-changed" if one is due and no write transaction is open.
 * The signal is DdStore's (dd-store.c registers it); it is emitted by name
 * here, where the access changes, so that this file needs nothing of
 * dd-store.c. */
void
_dd_store_flush_access_changed (DdStore *self)
{
  if (!self->flags.access_pending || self->flags.in_transaction)
    return;
  self->flags.access_pending = FALSE;
  g_signal_emit_by_name (self, "access-changed");
}

/* Emits "access-changed" now, or, inside a write transaction (begin_write()
 * reads the role again under the lock), once the transaction is over: its
 * handlers may read the store, never in the middle of a write. */
void
_dd_store_access_changed (DdStore *self)
{
  self->flags.access_pending = TRUE;
  _dd_store_flush_access_changed (self);
}

/* The role as the file records it */

/* Reads the role anew; keeps the one known when the file cannot be read
 * now (another desktop's commit outlasted the busy timeout): a failed read
 * must not make anyone an administrator, even until the next poll. */
static void
read_role (DdStore *self,
           DdRole  *role,
           gint64  *unit_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (self->schema_version < 3 || self->db == NULL)
    {
      *role = DD_ROLE_ADMIN;
      *unit_id = 0;
      return;
    }

  stmt = dd_sql_prepare (self,
                         "SELECT (SELECT count(*) FROM users WHERE role = 'admin'), "
                         "(SELECT role FROM users WHERE account = ?1), "
                         "(SELECT unit_id FROM users WHERE account = ?1)", NULL);
  if (stmt == NULL)
    return;
  dd_sql_bind_text (stmt, 1, self->access.user);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return;
  *unit_id = 0;
  /* While nobody is an administrator, everyone is (see dd-store-shared.h). */
  if (sqlite3_column_int64 (stmt, 0) == 0)
    {
      *role = DD_ROLE_ADMIN;
      return;
    }
  if (!dd_role_from_string (dd_sql_column_text (stmt, 1), role))
    *role = DD_ROLE_VIEWER;
  if (*role == DD_ROLE_UNIT_EDITOR)
    *unit_id = sqlite3_column_int64 (stmt, 2);
}

void
_dd_store_refresh_role (DdStore *self)
{
  DdRole role = self->access.role;
  gint64 unit_id = self->access.role_unit_id;

  read_role (self, &role, &unit_id);
  if (role == self->access.role && unit_id == self->access.role_unit_id)
    return;
  self->access.role = role;
  self->access.role_unit_id = unit_id;
  _dd_store_access_changed (self);
}

/* Judging an action */

static Denial
judge (DdStore  *self,
       DdAction  action,
       gboolean  scoped,
       gint64    unit_id)
{
  Need need = action_needs[action];

  if (need == NEED_ADMIN_ROLE)
    {
      if (self->access.role == DD_ROLE_ADMIN)
        return DENIAL_NONE;
      need = NEED_ADMIN;
    }

  if (self->access.read_only)
    return DENIAL_READ_ONLY;
  if (self->access.lock_warning != NULL && !self->access.lock_acknowledged)
    return DENIAL_LOCK_WARNING;
  if (need == NEED_FILE)
    return DENIAL_NONE;

  if (self->access.role == DD_ROLE_VIEWER)
    return DENIAL_VIEWER;
  if (need == NEED_ADMIN)
    return self->access.role == DD_ROLE_ADMIN ? DENIAL_NONE : DENIAL_ADMIN_ONLY;
  if (need == NEED_WRITER || !scoped || self->access.role != DD_ROLE_UNIT_EDITOR)
    return DENIAL_NONE;

  /* The guard triggers of tasks (and what hangs on them), indicator_figures
   * and dossier_figures: a unit editor writes its own unit's rows, and for
   * figures not the whole office's (unit 0). */
  if (need == NEED_TASK_UNIT)
    return unit_id == self->access.role_unit_id ? DENIAL_NONE : DENIAL_OTHER_UNIT_TASK;
  return unit_id > 0 && unit_id == self->access.role_unit_id ? DENIAL_NONE : DENIAL_OTHER_UNIT_FIGURES;
}

/* The name of the unit editor's unit, or NULL. (transfer full) */
static char *
dup_own_unit_name (DdStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = dd_sql_prepare (self, "SELECT name FROM units WHERE id = ?1", NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, self->access.role_unit_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup (dd_sql_column_text (stmt, 0));
}

/* @denial in the words of someone about to try the action in the
 * application (dd_store_can()). (transfer full) */
static char *
dup_reason (DdStore *self,
            Denial   denial)
{
  g_autofree char *name = NULL;

  switch (denial)
    {
    case DENIAL_READ_ONLY:
      return g_strdup (self->access.read_only_reason != NULL ? self->access.read_only_reason
                                                      : _("The database is open read-only."));

    case DENIAL_LOCK_WARNING:
      return g_strdup (_("Nothing can be changed until you have read the warning about where the "
                         "database is stored, at the top of the window, and pressed “I Understand”."));

    case DENIAL_VIEWER:
      return g_strdup (_("Your role in this database is “viewer”: you can read and export, but not "
                         "change anything. An administrator can give you more rights in Users and "
                         "Roles."));

    case DENIAL_ADMIN_ONLY:
      /* Translators: %s is the user's role ("unit editor"). */
      return g_strdup_printf (_("Only an administrator can do this; your role is “%s”."),
                              dd_role_get_label (self->access.role));

    case DENIAL_OTHER_UNIT_TASK:
      return g_strdup (_("As a unit editor you can change only the tasks your unit leads; this task "
                         "is led by another unit. You can read it here."));

    case DENIAL_OTHER_UNIT_FIGURES:
      name = dup_own_unit_name (self);
      if (name == NULL)
        return g_strdup (_("As a unit editor you can record only the figures of your own unit."));
      /* Translators: %s is the unit editor's unit. */
      return g_strdup_printf (_("As a unit editor you can record only the figures of your unit, “%s”."),
                              name);

    case DENIAL_NONE:
    default:
      return NULL;
    }
}

gboolean
_dd_store_check_can (DdStore   *self,
                     DdAction   action,
                     GError   **error)
{
  Denial denial = judge (self, action, FALSE, 0);

  if (denial == DENIAL_NONE)
    return TRUE;
  return _dd_store_refuse (self, denial, error);
}

gboolean
_dd_store_check_can_for_unit (DdStore   *self,
                              DdAction   action,
                              gint64     unit_id,
                              GError   **error)
{
  Denial denial = judge (self, action, TRUE, unit_id);

  if (denial == DENIAL_NONE)
    return TRUE;
  return _dd_store_refuse (self, denial, error);
}

/* Opening and tests */

void
_dd_store_set_user (DdStore    *self,
                    const char *account)
{
  g_free (self->access.user);
  self->access.user = g_strdup (account);
  _dd_store_refresh_role (self);
}

void
_dd_store_set_busy_policy (DdStore *self,
                           int      tries,
                           int      attempt_ms,
                           int      backoff_ms)
{
  self->busy.tries = tries;
  self->busy.attempt_ms = attempt_ms;
  self->busy.backoff_ms = backoff_ms;
}

void
_dd_store_set_read_only (DdStore    *self,
                         const char *reason)
{
  g_free (self->access.read_only_reason);
  self->access.read_only_reason = g_strdup (reason);
  self->access.read_only = TRUE;
  _dd_store_access_changed (self);
}

void
_dd_store_set_remote_tables (DdStore *self)
{
  self->flags.remote_tables = TRUE;
}

gboolean
_dd_store_has_remote_tables (DdStore *self)
{
  return self->flags.remote_tables;
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* @ids sorted, or NULL: none, or a file's store (only a server's tables
 * read them). */
static GArray *
sorted_ids (DdStore      *self,
            const gint64 *ids,
            guint         n_ids)
{
  GArray *sorted;

  if (n_ids == 0 || !self->flags.remote_tables)
    return NULL;
  sorted = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_array_append_vals (sorted, ids, n_ids);
  g_array_sort (sorted, compare_ids);
  return sorted;
}

void
_dd_store_set_batch_ids (DdStore      *self,
                         const gint64 *ids,
                         guint         n_ids)
{
  g_clear_pointer (&self->batch_ids, g_array_unref);
  g_clear_pointer (&self->next_batch_ids, g_array_unref);
  self->batch_ids = sorted_ids (self, ids, n_ids);
}

GArray *
_dd_store_get_batch_ids (DdStore *self)
{
  return self->batch_ids;
}

void
_dd_store_set_next_batch_ids (DdStore      *self,
                              const gint64 *ids,
                              guint         n_ids)
{
  g_clear_pointer (&self->next_batch_ids, g_array_unref);
  self->next_batch_ids = sorted_ids (self, ids, n_ids);
}

GArray *
_dd_store_get_next_batch_ids (DdStore *self)
{
  return self->next_batch_ids;
}

void
_dd_store_set_job_opener (DdStore          *self,
                          DdStoreJobOpener  func,
                          gpointer          data,
                          GDestroyNotify    data_free)
{
  if (self->job_opener_free != NULL)
    self->job_opener_free (self->job_opener_data);
  self->job_opener = func;
  self->job_opener_data = data;
  self->job_opener_free = data_free;
}

gboolean
_dd_store_has_job_opener (DdStore *self)
{
  return self->job_opener != NULL;
}

DdStore *
_dd_store_open_for_job (DdStore  *self,
                        GError  **error)
{
  g_return_val_if_fail (self->job_opener != NULL, NULL);

  return self->job_opener (self->job_opener_data, error);
}

void
_dd_store_set_lock_warning (DdStore    *self,
                            const char *warning)
{
  g_free (self->access.lock_warning);
  self->access.lock_warning = g_strdup (warning);
  self->access.lock_acknowledged = FALSE;
  _dd_store_access_changed (self);
}

/* Public API */

const char *
dd_store_get_user (DdStore *self)
{
  g_return_val_if_fail (DD_IS_STORE (self), NULL);
  return self->access.user;
}

DdRole
dd_store_get_role (DdStore *self)
{
  g_return_val_if_fail (DD_IS_STORE (self), DD_ROLE_VIEWER);
  return self->access.role;
}

gint64
dd_store_get_role_unit_id (DdStore *self)
{
  g_return_val_if_fail (DD_IS_STORE (self), 0);
  return self->access.role_unit_id;
}

gboolean
dd_store_can (DdStore   *self,
              DdAction   action,
              DdTask    *task,
              char     **reason)
{
  Denial denial;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail ((guint) action < G_N_ELEMENTS (action_needs), FALSE);
  g_return_val_if_fail (task == NULL || DD_IS_TASK (task), FALSE);

  denial = judge (self, action,
                  task != NULL && (action == DD_ACTION_EDIT_TASK || action == DD_ACTION_ADD_TASK),
                  task != NULL ? dd_task_get_lead_id (task) : 0);
  if (reason != NULL)
    *reason = dup_reason (self, denial);
  return denial == DENIAL_NONE;
}

gboolean
dd_store_can_for_unit (DdStore   *self,
                       DdAction   action,
                       gint64     unit_id,
                       char     **reason)
{
  Denial denial;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (action == DD_ACTION_EDIT_TASK || action == DD_ACTION_ADD_TASK ||
                        action == DD_ACTION_RECORD_FIGURES, FALSE);

  denial = judge (self, action, TRUE, unit_id);
  if (reason != NULL)
    *reason = dup_reason (self, denial);
  return denial == DENIAL_NONE;
}

const char *
dd_store_get_lock_warning (DdStore *self)
{
  g_return_val_if_fail (DD_IS_STORE (self), NULL);
  return self->access.lock_warning;
}

void
dd_store_acknowledge_lock_warning (DdStore *self)
{
  g_return_if_fail (DD_IS_STORE (self));
  if (self->access.lock_acknowledged)
    return;
  self->access.lock_acknowledged = TRUE;
  _dd_store_access_changed (self);
}

gboolean
dd_store_is_lock_warning_acknowledged (DdStore *self)
{
  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  return self->access.lock_warning == NULL || self->access.lock_acknowledged;
}
