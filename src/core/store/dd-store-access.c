/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-store-private.h"

/*
 * Who writes, and whether they may: the account of the connection and its
 * role as the file records it (table users; begin_write() in dd-store.c
 * reads it again under the write lock), the SQL functions that the guard
 * triggers of data/sql/0003-shared.sql call, the refusals of a write, the
 * acknowledgement of the lock warning.
 * The accounts themselves are managed by DdUsers (audit/dd-users.c).
 */

/* Roles */

const char *
dd_role_to_string (DdRole role)
{
  switch (role)
    {
    case DD_ROLE_ADMIN:
      return "admin";
    case DD_ROLE_UNIT_EDITOR:
      return "unit_editor";
    case DD_ROLE_VIEWER:
    default:
      return "viewer";
    }
}

gboolean
dd_role_from_string (const char *text,
                     DdRole     *out_role)
{
  for (int role = DD_ROLE_VIEWER; role <= DD_ROLE_ADMIN; role++)
    if (g_strcmp0 (text, dd_role_to_string ((DdRole) role)) == 0)
      {
        *out_role = (DdRole) role;
        return TRUE;
      }
  return FALSE;
}

const char *
dd_role_get_label (DdRole role)
{
  switch (role)
    {
    case DD_ROLE_ADMIN:
      return _("administrator");
    case DD_ROLE_UNIT_EDITOR:
      return _("unit editor");
    case DD_ROLE_VIEWER:
    default:
      return _("viewer");
    }
}

/* SQL functions of each connection: the user, their role and unit, for the
 * triggers of 0003-shared.sql. */

static void
sql_user (sqlite3_context *ctx,
          int              argc,
          sqlite3_value  **argv)
{
  DdStore *self = sqlite3_user_data (ctx);

  sqlite3_result_text (ctx, self->user, -1, SQLITE_TRANSIENT);
}

static void
sql_role (sqlite3_context *ctx,
          int              argc,
          sqlite3_value  **argv)
{
  DdStore *self = sqlite3_user_data (ctx);

  /* A schema upgrade runs as the application, whoever opens the file. */
  sqlite3_result_text (ctx, dd_role_to_string (self->migrating ? DD_ROLE_ADMIN : self->role),
                       -1, SQLITE_STATIC);
}

static void
sql_unit (sqlite3_context *ctx,
          int              argc,
          sqlite3_value  **argv)
{
  DdStore *self = sqlite3_user_data (ctx);

  if (self->role_unit_id > 0)
    sqlite3_result_int64 (ctx, self->role_unit_id);
  else
    sqlite3_result_null (ctx);
}

void
_dd_store_register_shared_functions (DdStore *self)
{
  /* Not SQLITE_DETERMINISTIC: the values change with _dd_store_set_user()
   * and the roles in the file. */
  sqlite3_create_function_v2 (self->db, "dd_user", 0, SQLITE_UTF8, self, sql_user, NULL, NULL, NULL);
  sqlite3_create_function_v2 (self->db, "dd_role", 0, SQLITE_UTF8, self, sql_role, NULL, NULL, NULL);
  sqlite3_create_function_v2 (self->db, "dd_unit", 0, SQLITE_UTF8, self, sql_unit, NULL, NULL, NULL);
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
  dd_sql_bind_text (stmt, 1, self->user);
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
  DdRole role = self->role;
  gint64 unit_id = self->role_unit_id;

  read_role (self, &role, &unit_id);
  if (role == self->role && unit_id == self->role_unit_id)
    return;
  self->role = role;
  self->role_unit_id = unit_id;
  _dd_store_access_changed (self);
}

/* Refusing a write */

/* A guard trigger's refusal: a viewer's whatever the change, otherwise an
 * administrator's change or another unit's row. */
gboolean
_dd_store_permission_error (DdStore     *self,
                            gboolean     admin_only,
                            GError     **error)
{
  if (self->role == DD_ROLE_VIEWER)
    g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION,
                 _("Your role in this database is “viewer”: you can read and export, but not "
                   "change anything. An administrator can give you more rights."));
  else if (admin_only)
    g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION,
                 _("Only an administrator can do this (plans, imports, units, settings, roles, "
                   "deadline changes and the recycle bin); your role is “%s”."),
                 dd_role_get_label (self->role));
  else
    g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION,
                 _("As a unit editor you can change only the tasks your unit leads, and record "
                   "their progress; this task is led by another unit."));
  return FALSE;
}

gboolean
_dd_store_check_role (DdStore   *self,
                      gboolean   own_row_only,
                      GError   **error)
{
  if (self->migrating || own_row_only || self->role != DD_ROLE_VIEWER)
    return TRUE;
  return _dd_store_permission_error (self, FALSE, error);
}

gboolean
_dd_store_trigger_error (DdStore     *self,
                         const char  *message,
                         GError     **error)
{
  if (g_str_has_prefix (message, "dd:permission:admin"))
    return _dd_store_permission_error (self, TRUE, error);
  if (g_str_has_prefix (message, "dd:permission"))
    return _dd_store_permission_error (self, FALSE, error);
  g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED, _("Database error: %s"), message);
  return FALSE;
}

/* Opening and tests */

void
_dd_store_set_user (DdStore    *self,
                    const char *account)
{
  g_free (self->user);
  self->user = g_strdup (account);
  _dd_store_refresh_role (self);
}

void
_dd_store_set_busy_policy (DdStore *self,
                           int      tries,
                           int      attempt_ms,
                           int      backoff_ms)
{
  self->busy_tries = tries;
  self->busy_attempt_ms = attempt_ms;
  self->busy_backoff_ms = backoff_ms;
}

void
_dd_store_set_lock_warning (DdStore    *self,
                            const char *warning)
{
  g_free (self->lock_warning);
  self->lock_warning = g_strdup (warning);
  self->lock_acknowledged = FALSE;
  _dd_store_access_changed (self);
}

gboolean
_dd_store_record_creator (DdStore  *self,
                          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_dd_store_begin (self, error))
    return FALSE;
  stmt = dd_sql_prepare (self, "INSERT OR IGNORE INTO users (account, role) VALUES (?1, 'admin')",
                         error);
  if (stmt == NULL)
    goto fail;
  dd_sql_bind_text (stmt, 1, self->user);
  if (!dd_sql_step_done (self, stmt, error))
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);
  return _dd_store_commit (self, error);

fail:
  _dd_store_rollback (self);
  return FALSE;
}

/* Public API */

const char *
dd_store_get_user (DdStore *self)
{
  g_return_val_if_fail (DD_IS_STORE (self), NULL);
  return self->user;
}

DdRole
dd_store_get_role (DdStore *self)
{
  g_return_val_if_fail (DD_IS_STORE (self), DD_ROLE_VIEWER);
  return self->role;
}

gint64
dd_store_get_role_unit_id (DdStore *self)
{
  g_return_val_if_fail (DD_IS_STORE (self), 0);
  return self->role_unit_id;
}

const char *
dd_store_get_lock_warning (DdStore *self)
{
  g_return_val_if_fail (DD_IS_STORE (self), NULL);
  return self->lock_warning;
}

void
dd_store_acknowledge_lock_warning (DdStore *self)
{
  g_return_if_fail (DD_IS_STORE (self));
  if (self->lock_acknowledged)
    return;
  self->lock_acknowledged = TRUE;
  _dd_store_access_changed (self);
}

gboolean
dd_store_is_lock_warning_acknowledged (DdStore *self)
{
  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  return self->lock_warning == NULL || self->lock_acknowledged;
}
