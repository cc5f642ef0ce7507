/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-store-refusal-private.h"

/*
 * The names of the roles, and the errors by which the store refuses a
 * write: an action judged beforehand (_dd_store_check_can() in
 * dd-store-access.c), a viewer's write at BEGIN (dd-store.c), and the
 * refusal of a guard trigger of data/sql/0003-shared.sql, which
 * dd-store-sql.c turns into an error here. The bottom of the store's
 * access: it calls nothing else of the store.
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

/* Refusing a write */

/* @denial as the store says it when it refuses a write, which may be
 * anything the guard triggers stop (dd_sql_set_sqlite_error()). */
gboolean
_dd_store_refuse (DdStore  *self,
                  Denial    denial,
                  GError  **error)
{
  switch (denial)
    {
    case DENIAL_READ_ONLY:
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_READ_ONLY, "%s",
                   self->access.read_only_reason != NULL ? self->access.read_only_reason
                                                  : _("The database is open read-only."));
      break;

    case DENIAL_LOCK_WARNING:
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_UNSAFE_FILESYSTEM, "%s", self->access.lock_warning);
      break;

    case DENIAL_VIEWER:
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION,
                   _("Your role in this database is “viewer”: you can read and export, but not "
                     "change anything. An administrator can give you more rights."));
      break;

    case DENIAL_ADMIN_ONLY:
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION,
                   _("Only an administrator can do this (plans, imports, units, settings, roles, "
                     "deadline changes and the recycle bin); your role is “%s”."),
                   dd_role_get_label (self->access.role));
      break;

    case DENIAL_OTHER_UNIT_TASK:
    case DENIAL_OTHER_UNIT_FIGURES:
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION,
                   _("As a unit editor you can change only the tasks your unit leads, and record "
                     "their progress; this task is led by another unit."));
      break;

    case DENIAL_NONE:
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/* A guard trigger's refusal: a viewer's whatever the change, otherwise an
 * administrator's change or another unit's row. */
static gboolean
permission_error (DdStore     *self,
                  gboolean     admin_only,
                  GError     **error)
{
  if (self->access.role == DD_ROLE_VIEWER)
    return _dd_store_refuse (self, DENIAL_VIEWER, error);
  return _dd_store_refuse (self, admin_only ? DENIAL_ADMIN_ONLY : DENIAL_OTHER_UNIT_TASK, error);
}

gboolean
_dd_store_check_role (DdStore   *self,
                      gboolean   own_row_only,
                      GError   **error)
{
  if (self->flags.migrating || own_row_only || self->access.role != DD_ROLE_VIEWER)
    return TRUE;
  return permission_error (self, FALSE, error);
}

gboolean
_dd_store_trigger_error (DdStore     *self,
                         const char  *message,
                         GError     **error)
{
  if (g_str_has_prefix (message, "dd:permission:admin"))
    return permission_error (self, TRUE, error);
  if (g_str_has_prefix (message, "dd:permission"))
    return permission_error (self, FALSE, error);
  if (g_str_has_prefix (message, "dd:builtin"))
    {
      g_set_error_literal (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                           _("The plan “Assignments outside any plan” is built in: it cannot "
                             "be changed, deleted or imported over."));
      return FALSE;
    }
  g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED, _("Database error: %s"), message);
  return FALSE;
}
