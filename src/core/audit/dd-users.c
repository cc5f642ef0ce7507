/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-users"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-store-private.h"

/*
 * DdUsers: the accounts of the file (table users), their display names and
 * roles. The store reads the role of its own user on every write and
 * refuses what it may not do (store/dd-store-access.c); this is where an
 * administrator gives roles.
 */

struct _DdUsers
{
  GObject parent_instance;

  DdStore *store;
};

G_DEFINE_FINAL_TYPE (DdUsers, dd_users, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_BOXED_TYPE (DdUserInfo, dd_user_info, dd_user_info_copy, dd_user_info_free)

/* GObject overrides */

static void
dd_users_dispose (GObject *object)
{
  DdUsers *self = DD_USERS (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (dd_users_parent_class)->dispose (object);
}

static void
dd_users_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  DdUsers *self = DD_USERS (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_users_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  DdUsers *self = DD_USERS (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_users_class_init (DdUsersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_users_dispose;
  object_class->get_property = dd_users_get_property;
  object_class->set_property = dd_users_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DD_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_users_init (DdUsers *self)
{
}

/* Boxed types */

DdUserInfo *
dd_user_info_copy (const DdUserInfo *self)
{
  DdUserInfo *copy = g_new0 (DdUserInfo, 1);

  *copy = *self;
  copy->account = g_strdup (self->account);
  copy->display_name = g_strdup (self->display_name);
  copy->unit_name = g_strdup (self->unit_name);
  return copy;
}

void
dd_user_info_free (DdUserInfo *self)
{
  if (self == NULL)
    return;
  g_free (self->account);
  g_free (self->display_name);
  g_free (self->unit_name);
  g_free (self);
}

/* Public API */

DdUsers *
dd_users_new (DdStore *store)
{
  g_return_val_if_fail (DD_IS_STORE (store), NULL);

  return g_object_new (DD_TYPE_USERS, "store", store, NULL);
}

GPtrArray *
dd_users_list (DdUsers  *self,
               GError  **error)
{
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_user_info_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  DdStore *store;
  int rc;

  g_return_val_if_fail (DD_IS_USERS (self), NULL);

  store = self->store;
  if (store->schema_version < 3)
    return g_steal_pointer (&users);

  stmt = dd_sql_prepare (store,
                         "SELECT u.account, u.display_name, u.role, u.unit_id, n.name FROM users u "
                         "LEFT JOIN units n ON n.id = u.unit_id "
                         "ORDER BY CASE u.role WHEN 'admin' THEN 0 WHEN 'unit_editor' THEN 1 ELSE 2 END, "
                         "ifnull (nullif (u.display_name, ''), u.account) COLLATE dd_vi, u.account",
                         error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DdUserInfo *info = g_new0 (DdUserInfo, 1);
      const char *display_name = dd_sql_column_text (stmt, 1);

      info->account = g_strdup (dd_sql_column_text (stmt, 0));
      info->display_name = display_name != NULL && *display_name != '\0' ? g_strdup (display_name) : NULL;
      if (!dd_role_from_string (dd_sql_column_text (stmt, 2), &info->role))
        info->role = DD_ROLE_VIEWER;
      if (info->role == DD_ROLE_UNIT_EDITOR)
        {
          info->unit_id = sqlite3_column_int64 (stmt, 3);
          info->unit_name = g_strdup (dd_sql_column_text (stmt, 4));
        }
      g_ptr_array_add (users, info);
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&users);
}

char *
dd_users_dup_display_name (DdUsers  *self,
                           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_USERS (self), NULL);

  stmt = dd_sql_prepare (self->store, "SELECT display_name FROM users WHERE account = ?1", error);
  if (stmt == NULL)
    return NULL;
  dd_sql_bind_text (stmt, 1, self->store->access.user);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && dd_sql_column_text (stmt, 0) != NULL && *dd_sql_column_text (stmt, 0) != '\0')
    return g_strdup (dd_sql_column_text (stmt, 0));
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (self->store, rc, error);
      return NULL;
    }
  return g_strdup (self->store->access.user);
}

gboolean
dd_users_set_display_name (DdUsers     *self,
                           const char  *display_name,
                           GError     **error)
{
  DdStore *store;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clean = NULL;

  g_return_val_if_fail (DD_IS_USERS (self), FALSE);
  g_return_val_if_fail (display_name != NULL, FALSE);

  store = self->store;
  clean = g_strstrip (g_strdup (display_name));
  if (!_dd_store_begin_own_row (store, error))
    return FALSE;
  stmt = dd_sql_prepare (store,
                         "INSERT INTO users (account, display_name) VALUES (?1, ?2) "
                         "ON CONFLICT (account) DO UPDATE SET display_name = excluded.display_name "
                         "WHERE display_name IS NOT excluded.display_name", error);
  if (stmt == NULL)
    goto fail;
  dd_sql_bind_text (stmt, 1, store->access.user);
  dd_sql_bind_text (stmt, 2, *clean != '\0' ? clean : NULL);
  if (!dd_sql_step_done (store, stmt, error))
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);
  return _dd_store_commit (store, error);

fail:
  _dd_store_rollback (store);
  return FALSE;
}

gboolean
dd_users_set_role (DdUsers     *self,
                   const char  *account,
                   const char  *display_name,
                   DdRole       role,
                   gint64       unit_id,
                   GError     **error)
{
  DdStore *store;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (DD_IS_USERS (self), FALSE);
  g_return_val_if_fail (account != NULL && *account != '\0', FALSE);
  g_return_val_if_fail (role >= DD_ROLE_VIEWER && role <= DD_ROLE_ADMIN, FALSE);

  if (role == DD_ROLE_UNIT_EDITOR && unit_id <= 0)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("A unit editor must belong to a unit."));
      return FALSE;
    }

  store = self->store;
  if (!_dd_store_begin (store, error))
    return FALSE;
  if (!_dd_store_check_can (store, DD_ACTION_MANAGE_USERS, error))
    goto fail;

  /* Giving up the last administrator would make everyone one again. */
  if (role != DD_ROLE_ADMIN)
    {
      g_autoptr(sqlite3_stmt) others = NULL;

      others = dd_sql_prepare (store,
                               "SELECT (SELECT count(*) FROM users WHERE role = 'admin' AND account <> ?1), "
                               "(SELECT count(*) FROM users WHERE role = 'admin' AND account = ?1)", error);
      if (others == NULL)
        goto fail;
      dd_sql_bind_text (others, 1, account);
      if (sqlite3_step (others) == SQLITE_ROW && sqlite3_column_int (others, 0) == 0 &&
          sqlite3_column_int (others, 1) > 0)
        {
          g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                       _("“%s” is the only administrator; make someone else an administrator "
                         "first."), account);
          goto fail;
        }
    }

  stmt = dd_sql_prepare (store,
                         "INSERT INTO users (account, display_name, role, unit_id) VALUES (?1, ?2, ?3, ?4) "
                         "ON CONFLICT (account) DO UPDATE SET role = excluded.role, "
                         "unit_id = excluded.unit_id, "
                         "display_name = ifnull (excluded.display_name, display_name)", error);
  if (stmt == NULL)
    goto fail;
  dd_sql_bind_text (stmt, 1, account);
  dd_sql_bind_text (stmt, 2, display_name);
  dd_sql_bind_text (stmt, 3, dd_role_to_string (role));
  dd_sql_bind_id (stmt, 4, role == DD_ROLE_UNIT_EDITOR ? unit_id : 0);
  if (!dd_sql_step_done (store, stmt, error))
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!_dd_store_commit (store, error))
    return FALSE;
  _dd_store_refresh_role (store);
  return TRUE;

fail:
  _dd_store_rollback (store);
  return FALSE;
}

