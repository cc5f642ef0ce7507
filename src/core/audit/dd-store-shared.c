/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dd-store-private.h"

/*
 * One database file shared by many desktops: the user and their role, the
 * audit history (written by the triggers of data/sql/0003-shared.sql), the
 * recycle bin, filesystems without working locks, damaged files, backups.
 * Opening, transactions and the busy retries are in dd-store.c.
 */

#define BACKUP_SUFFIX ".sqlite"
#define DEFAULT_BACKUP_KEEP 10

G_DEFINE_BOXED_TYPE (DdBinEntry, dd_bin_entry, dd_bin_entry_copy, dd_bin_entry_free)
G_DEFINE_BOXED_TYPE (DdAuditEntry, dd_audit_entry, dd_audit_entry_copy, dd_audit_entry_free)
G_DEFINE_BOXED_TYPE (DdBackupInfo, dd_backup_info, dd_backup_info_copy, dd_backup_info_free)
G_DEFINE_BOXED_TYPE (DdUserInfo, dd_user_info, dd_user_info_copy, dd_user_info_free)

/* Boxed types */

DdBinEntry *
dd_bin_entry_copy (const DdBinEntry *entry)
{
  DdBinEntry *copy = g_new0 (DdBinEntry, 1);

  copy->task_id = entry->task_id;
  copy->number = g_strdup (entry->number);
  copy->title = g_strdup (entry->title);
  copy->plan_number = g_strdup (entry->plan_number);
  copy->deleted_at = g_strdup (entry->deleted_at);
  copy->deleted_by = g_strdup (entry->deleted_by);
  return copy;
}

void
dd_bin_entry_free (DdBinEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->number);
  g_free (entry->title);
  g_free (entry->plan_number);
  g_free (entry->deleted_at);
  g_free (entry->deleted_by);
  g_free (entry);
}

DdAuditEntry *
dd_audit_entry_copy (const DdAuditEntry *entry)
{
  DdAuditEntry *copy = g_new0 (DdAuditEntry, 1);

  copy->id = entry->id;
  copy->at = g_strdup (entry->at);
  copy->user = g_strdup (entry->user);
  copy->table_name = g_strdup (entry->table_name);
  copy->row_id = entry->row_id;
  copy->task_id = entry->task_id;
  copy->action = g_strdup (entry->action);
  copy->old_values = g_strdup (entry->old_values);
  copy->new_values = g_strdup (entry->new_values);
  copy->display_name = g_strdup (entry->display_name);
  copy->task_number = g_strdup (entry->task_number);
  return copy;
}

void
dd_audit_entry_free (DdAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->user);
  g_free (entry->table_name);
  g_free (entry->action);
  g_free (entry->old_values);
  g_free (entry->new_values);
  g_free (entry->display_name);
  g_free (entry->task_number);
  g_free (entry);
}

DdBackupInfo *
dd_backup_info_copy (const DdBackupInfo *info)
{
  DdBackupInfo *copy = g_new0 (DdBackupInfo, 1);

  *copy = *info;
  copy->path = g_strdup (info->path);
  copy->tag = g_strdup (info->tag);
  copy->made_at = info->made_at != NULL ? g_date_time_ref (info->made_at) : NULL;
  return copy;
}

void
dd_backup_info_free (DdBackupInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_free (info->tag);
  g_clear_pointer (&info->made_at, g_date_time_unref);
  g_free (info);
}

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
   * and the roles in the file. */
  sqlite3_create_function_v2 (self->db, "dd_user", 0, SQLITE_UTF8, self, sql_user, NULL, NULL, NULL);
  sqlite3_create_function_v2 (self->db, "dd_role", 0, SQLITE_UTF8, self, sql_role, NULL, NULL, NULL);
  sqlite3_create_function_v2 (self->db, "dd_unit", 0, SQLITE_UTF8, self, sql_unit, NULL, NULL, NULL);
}

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

static gboolean
permission_error (DdStore     *self,
                  gboolean     admin_only,
                  GError     **error)
{
  if (self->access.role == DD_ROLE_VIEWER)
    g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION,
                 _("Your role in this database is “viewer”: you can read and export, but not "
                   "change anything. An administrator can give you more rights."));
  else if (admin_only)
    g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION,
                 _("Only an administrator can do this (plans, imports, units, settings, roles, "
                   "deadline changes and the recycle bin); your role is “%s”."),
                 dd_role_get_label (self->access.role));
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
  g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED, _("Database error: %s"), message);
  return FALSE;
}

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
_dd_store_set_lock_warning (DdStore    *self,
                            const char *warning)
{
  g_free (self->access.lock_warning);
  self->access.lock_warning = g_strdup (warning);
  self->access.lock_acknowledged = FALSE;
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
  dd_sql_bind_text (stmt, 1, self->access.user);
  if (!dd_sql_step_done (self, stmt, error))
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);
  return _dd_store_commit (self, error);

fail:
  _dd_store_rollback (self);
  return FALSE;
}

void
_dd_store_append_check_lines (GString    *problems,
                              const char *line)
{
  g_auto(GStrv) parts = g_strsplit (line != NULL ? line : "?", "\n", -1);

  /* integrity_check answers "*** in database main ***\nPage 11: …" in one row. */
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (*parts[i] == '\0' || g_str_has_prefix (parts[i], "***"))
        continue;
      if (problems->len > 0)
        g_string_append (problems, "; ");
      g_string_append (problems, parts[i]);
    }
}

/* Public API: who */

const char *
dd_store_get_user (DdStore *self)
{
  g_return_val_if_fail (DD_IS_STORE (self), NULL);
  return self->access.user;
}

char *
dd_store_dup_display_name (DdStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);

  stmt = dd_sql_prepare (self, "SELECT display_name FROM users WHERE account = ?1", NULL);
  if (stmt != NULL)
    {
      dd_sql_bind_text (stmt, 1, self->access.user);
      if (sqlite3_step (stmt) == SQLITE_ROW && dd_sql_column_text (stmt, 0) != NULL &&
          *dd_sql_column_text (stmt, 0) != '\0')
        return g_strdup (dd_sql_column_text (stmt, 0));
    }
  return g_strdup (self->access.user);
}

gboolean
dd_store_set_display_name (DdStore     *self,
                           const char  *display_name,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clean = NULL;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (display_name != NULL, FALSE);

  clean = g_strstrip (g_strdup (display_name));
  if (!_dd_store_begin_own_row (self, error))
    return FALSE;
  stmt = dd_sql_prepare (self,
                         "INSERT INTO users (account, display_name) VALUES (?1, ?2) "
                         "ON CONFLICT (account) DO UPDATE SET display_name = excluded.display_name "
                         "WHERE display_name IS NOT excluded.display_name", error);
  if (stmt == NULL)
    goto fail;
  dd_sql_bind_text (stmt, 1, self->access.user);
  dd_sql_bind_text (stmt, 2, *clean != '\0' ? clean : NULL);
  if (!dd_sql_step_done (self, stmt, error))
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);
  return _dd_store_commit (self, error);

fail:
  _dd_store_rollback (self);
  return FALSE;
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
dd_store_set_user_role (DdStore     *self,
                        const char  *account,
                        const char  *display_name,
                        DdRole       role,
                        gint64       unit_id,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (account != NULL && *account != '\0', FALSE);
  g_return_val_if_fail (role >= DD_ROLE_VIEWER && role <= DD_ROLE_ADMIN, FALSE);

  if (role == DD_ROLE_UNIT_EDITOR && unit_id <= 0)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("A unit editor must belong to a unit."));
      return FALSE;
    }

  if (!_dd_store_begin (self, error))
    return FALSE;
  if (self->access.role != DD_ROLE_ADMIN)
    {
      permission_error (self, TRUE, error);
      goto fail;
    }

  /* Giving up the last administrator would make everyone one again. */
  if (role != DD_ROLE_ADMIN)
    {
      g_autoptr(sqlite3_stmt) others = NULL;

      others = dd_sql_prepare (self,
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

  stmt = dd_sql_prepare (self,
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
  if (!dd_sql_step_done (self, stmt, error))
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!_dd_store_commit (self, error))
    return FALSE;
  _dd_store_refresh_role (self);
  return TRUE;

fail:
  _dd_store_rollback (self);
  return FALSE;
}

/* Public API: the recycle bin */

static gboolean
set_task_deleted (DdStore   *self,
                  gint64     task_id,
                  gboolean   deleted,
                  GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = dd_sql_now_utc ();

  if (!_dd_store_begin (self, error))
    return FALSE;
  if (deleted)
    stmt = dd_sql_prepare (self,
                           "UPDATE tasks SET deleted_at = ?2, deleted_by = ?3, revision = revision + 1, "
                           "updated_at = ?2, updated_by = ?3 WHERE id = ?1 AND deleted_at IS NULL",
                           error);
  else
    stmt = dd_sql_prepare (self,
                           "UPDATE tasks SET deleted_at = NULL, deleted_by = NULL, revision = revision + 1, "
                           "updated_at = ?2, updated_by = ?3 WHERE id = ?1 AND deleted_at IS NOT NULL",
                           error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, task_id);
  dd_sql_bind_text (stmt, 2, now);
  dd_sql_bind_text (stmt, 3, self->access.user);
  if (!dd_sql_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      if (deleted)
        g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
                     _("There is no task with id %lld (or it is already in the recycle bin)."),
                     (long long) task_id);
      else
        g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
                     _("There is no task with id %lld in the recycle bin."), (long long) task_id);
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  return _dd_store_commit (self, error);

fail:
  _dd_store_rollback (self);
  return FALSE;
}

gboolean
dd_store_delete_task (DdStore  *self,
                      gint64    task_id,
                      GError  **error)
{
  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  return set_task_deleted (self, task_id, TRUE, error);
}

gboolean
dd_store_restore_task (DdStore  *self,
                       gint64    task_id,
                       GError  **error)
{
  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  return set_task_deleted (self, task_id, FALSE, error);
}

GPtrArray *
dd_store_list_recycle_bin (DdStore  *self,
                           GError  **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_bin_entry_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);

  stmt = dd_sql_prepare (self,
                         "SELECT t.id, t.number, t.title, p.number, t.deleted_at, t.deleted_by "
                         "FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE t.deleted_at IS NOT NULL "
                         "ORDER BY t.deleted_at DESC, t.id DESC", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DdBinEntry *entry = g_new0 (DdBinEntry, 1);

      entry->task_id = sqlite3_column_int64 (stmt, 0);
      entry->number = g_strdup (dd_sql_column_text (stmt, 1));
      entry->title = g_strdup (dd_sql_column_text (stmt, 2));
      entry->plan_number = g_strdup (dd_sql_column_text (stmt, 3));
      entry->deleted_at = g_strdup (dd_sql_column_text (stmt, 4));
      entry->deleted_by = g_strdup (dd_sql_column_text (stmt, 5));
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* Public API: the audit history */

/* The columns read_audit_entries() expects, from AUDIT_TABLES. */
#define AUDIT_COLUMNS "a.id, a.at, a.user, a.table_name, a.row_id, a.task_id, a.action, " \
                      "a.old_values, a.new_values, u.display_name, t.number "
#define AUDIT_TABLES "audit_log a LEFT JOIN users u ON u.account = a.user " \
                     "LEFT JOIN tasks t ON t.id = a.task_id "

static GPtrArray *
read_audit_entries (DdStore       *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_audit_entry_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DdAuditEntry *entry = g_new0 (DdAuditEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->at = g_strdup (dd_sql_column_text (stmt, 1));
      entry->user = g_strdup (dd_sql_column_text (stmt, 2));
      entry->table_name = g_strdup (dd_sql_column_text (stmt, 3));
      entry->row_id = sqlite3_column_int64 (stmt, 4);
      entry->task_id = sqlite3_column_int64 (stmt, 5);
      entry->action = g_strdup (dd_sql_column_text (stmt, 6));
      entry->old_values = g_strdup (dd_sql_column_text (stmt, 7));
      entry->new_values = g_strdup (dd_sql_column_text (stmt, 8));
      entry->display_name = g_strdup (dd_sql_column_text (stmt, 9));
      entry->task_number = g_strdup (dd_sql_column_text (stmt, 10));
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

GPtrArray *
dd_store_list_history (DdStore      *self,
                       gint64        task_id,
                       const GDate  *since,
                       const char   *user,
                       gint64        unit_id,
                       GError      **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " AUDIT_COLUMNS "FROM " AUDIT_TABLES "WHERE 1");
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);

  /* Fixed fragments only; the values are bound. */
  if (task_id > 0)
    g_string_append (sql, " AND a.task_id = ?1");
  if (dd_date_is_set (since))
    g_string_append (sql, " AND a.at >= ?2");
  if (user != NULL)
    g_string_append (sql, " AND a.user = ?3");
  if (unit_id > 0)
    g_string_append (sql, " AND a.task_id IN (SELECT id FROM tasks WHERE lead_unit_id = ?4)");
  g_string_append (sql, " ORDER BY a.id");

  stmt = dd_sql_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  if (task_id > 0)
    sqlite3_bind_int64 (stmt, 1, task_id);
  if (dd_date_is_set (since))
    dd_sql_bind_date (stmt, 2, since);
  if (user != NULL)
    dd_sql_bind_text (stmt, 3, user);
  if (unit_id > 0)
    sqlite3_bind_int64 (stmt, 4, unit_id);

  return read_audit_entries (self, stmt, error);
}

void
dd_history_query_init (DdHistoryQuery *query)
{
  g_return_if_fail (query != NULL);

  memset (query, 0, sizeof *query);
}

/* The log's "at" format ('%Y-%m-%dT%H:%M:%fZ'), which sorts as text. */
static char *
format_log_time (GDateTime *date_time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (date_time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.000Z");
}

GPtrArray *
dd_store_query_history (DdStore               *self,
                        const DdHistoryQuery  *query,
                        GError               **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (query->from != NULL)
    from = format_log_time (query->from);
  if (query->to != NULL)
    to = format_log_time (query->to);

  /* Fixed fragments only; the values are bound. The unit's tasks are
   * looked up first and their entries read through audit_log_task, so a
   * unit with few changes does not make SQLite walk the whole log. */
  if (query->unit_id > 0)
    g_string_append (sql, "WITH unit_tasks (id) AS MATERIALIZED "
                          "(SELECT id FROM tasks WHERE lead_unit_id = ?4) ");
  g_string_append (sql, "SELECT " AUDIT_COLUMNS "FROM " AUDIT_TABLES "WHERE 1");
  if (query->task_id > 0)
    g_string_append (sql, " AND a.task_id = ?1");
  if (query->user != NULL)
    g_string_append (sql, " AND a.user = ?2");
  if (query->unit_id > 0)
    g_string_append (sql, " AND a.task_id IN unit_tasks");
  if (from != NULL)
    g_string_append (sql, " AND a.at >= ?5");
  if (to != NULL)
    g_string_append (sql, " AND a.at < ?6");
  if (query->before_id > 0)
    g_string_append (sql, " AND a.id < ?7");
  g_string_append (sql, " ORDER BY a.id DESC");
  if (query->limit > 0)
    g_string_append (sql, " LIMIT ?8");

  stmt = dd_sql_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  if (query->task_id > 0)
    sqlite3_bind_int64 (stmt, 1, query->task_id);
  if (query->user != NULL)
    dd_sql_bind_text (stmt, 2, query->user);
  if (query->unit_id > 0)
    sqlite3_bind_int64 (stmt, 4, query->unit_id);
  if (from != NULL)
    dd_sql_bind_text (stmt, 5, from);
  if (to != NULL)
    dd_sql_bind_text (stmt, 6, to);
  if (query->before_id > 0)
    sqlite3_bind_int64 (stmt, 7, query->before_id);
  if (query->limit > 0)
    sqlite3_bind_int64 (stmt, 8, query->limit);

  return read_audit_entries (self, stmt, error);
}

void
dd_history_person_free (DdHistoryPerson *person)
{
  if (person == NULL)
    return;
  g_free (person->account);
  g_free (person->display_name);
  g_free (person);
}

GPtrArray *
dd_store_list_history_people (DdStore  *self,
                              GError  **error)
{
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_history_person_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);

  /* DISTINCT over a million entries reads them all; the recursive query
   * jumps from one account to the next through audit_log_user instead. */
  stmt = dd_sql_prepare (self,
                         "WITH RECURSIVE logged (account) AS ("
                         "  SELECT (SELECT min (user) FROM audit_log) "
                         "  UNION ALL "
                         "  SELECT (SELECT min (user) FROM audit_log WHERE user > logged.account) "
                         "  FROM logged WHERE logged.account IS NOT NULL), "
                         "everyone (account) AS ("
                         "  SELECT account FROM logged WHERE account IS NOT NULL "
                         "  UNION SELECT account FROM users) "
                         "SELECT e.account, u.display_name FROM everyone e "
                         "LEFT JOIN users u ON u.account = e.account ORDER BY e.account", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DdHistoryPerson *person = g_new0 (DdHistoryPerson, 1);

      person->account = g_strdup (dd_sql_column_text (stmt, 0));
      person->display_name = g_strdup (dd_sql_column_text (stmt, 1));
      g_ptr_array_add (people, person);
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&people);
}

GListModel *
dd_store_list_unit_names (DdStore  *self,
                          GError  **error)
{
  g_autoptr(GListStore) units = g_list_store_new (DD_TYPE_UNIT);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);

  stmt = dd_sql_prepare (self, "SELECT id, name, is_group FROM units ORDER BY sort_key, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(DdUnit) unit = _dd_unit_new (sqlite3_column_int64 (stmt, 0), dd_sql_column_text (stmt, 1),
                                             sqlite3_column_int (stmt, 2) != 0, 0, 0);

      g_list_store_append (units, unit);
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&units));
}

/* Filesystems without working locks */

/* Mount points in mountinfo escape space, tab, newline and backslash as
 * octal (\040). */
static char *
unescape_mount_field (const char *field)
{
  GString *out = g_string_new (NULL);

  for (const char *p = field; *p != '\0'; p++)
    {
      if (p[0] == '\\' && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3]))
        {
          g_string_append_c (out, (char) ((p[1] - '0') * 64 + (p[2] - '0') * 8 + (p[3] - '0')));
          p += 3;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
path_is_under (const char *path,
               const char *mount_point)
{
  gsize len = strlen (mount_point);

  if (g_str_equal (mount_point, "/"))
    return TRUE;
  return strncmp (path, mount_point, len) == 0 && (path[len] == '/' || path[len] == '\0');
}

static gboolean
has_option (char       **options,
            const char  *name)
{
  return options != NULL && g_strv_contains ((const char * const *) options, name);
}

/* The real path of @file_path (its folder resolved; the file itself may not
 * exist yet). */
static char *
resolve_path (const char *file_path)
{
  g_autofree char *absolute = g_canonicalize_filename (file_path, NULL);
  g_autofree char *dir = g_path_get_dirname (absolute);
  g_autofree char *base = g_path_get_basename (absolute);
  char resolved[PATH_MAX];

  if (realpath (dir, resolved) == NULL)
    return g_steal_pointer (&absolute);
  return g_build_filename (resolved, base, NULL);
}

char *
_dd_store_check_mountinfo (const char *mountinfo_path,
                           const char *file_path)
{
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  g_autofree char *best_point = NULL;
  g_autofree char *best_type = NULL;
  g_autofree char *best_options = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) options = NULL;
  g_autofree char *display = NULL;
  g_autofree char *where = NULL;

  if (!g_file_get_contents (mountinfo_path, &contents, NULL, NULL))
    return NULL;
  path = resolve_path (file_path);

  /* "36 35 98:0 /root /mnt/point rw,noatime master:1 - cifs //srv/share rw,nobrl":
   * the mount point is the fifth field; after the "-" come the type, the
   * source and the filesystem's own options. The longest mount point that
   * holds the file wins; of equal ones the last (the one on top). */
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);
      g_autofree char *point = NULL;
      guint n = g_strv_length (fields);
      guint dash = 0;

      if (n < 10)
        continue;
      for (guint j = 6; j < n; j++)
        if (g_str_equal (fields[j], "-"))
          {
            dash = j;
            break;
          }
      if (dash == 0 || dash + 2 >= n)
        continue;

      point = unescape_mount_field (fields[4]);
      if (!path_is_under (path, point))
        continue;
      if (best_point != NULL && strlen (point) < strlen (best_point))
        continue;

      g_free (best_point);
      best_point = g_steal_pointer (&point);
      g_free (best_type);
      best_type = g_strdup (fields[dash + 1]);
      g_free (best_options);
      best_options = g_strconcat (fields[5], ",", dash + 3 < n ? fields[dash + 3] : "", NULL);
    }

  if (best_point == NULL)
    return NULL;

  options = g_strsplit (best_options, ",", -1);
  display = g_filename_display_name (best_point);

  if ((g_str_equal (best_type, "cifs") || g_str_equal (best_type, "smb3") ||
       g_str_equal (best_type, "smbfs")) && has_option (options, "nobrl"))
    /* Translators: %s is the folder where the share is mounted. */
    where = g_strdup_printf (_("a Windows (SMB/CIFS) share mounted at %s with the option "
                               "“nobrl”, which turns its byte-range locks off"), display);
  else if ((g_str_equal (best_type, "nfs") || g_str_equal (best_type, "nfs4")) &&
           (has_option (options, "nolock") || has_option (options, "local_lock=all") ||
            has_option (options, "local_lock=posix")))
    where = g_strdup_printf (_("an NFS share mounted at %s with local locks only "
                               "(“nolock” or “local_lock”)"), display);
  else if (g_str_equal (best_type, "fuse.sshfs") || g_str_equal (best_type, "sshfs"))
    where = g_strdup_printf (_("an SSH folder (sshfs) mounted at %s, which has no shared locks"),
                             display);
  else if (g_str_equal (best_type, "fuse.gvfsd-fuse"))
    where = g_strdup_printf (_("a network folder opened through the desktop (GVfs) at %s, "
                               "which has no shared locks"), display);
  else
    return NULL;

  /* Translators: %s describes the filesystem ("a Windows (SMB/CIFS) share
   * mounted at … with the option “nobrl”, …"). */
  return g_strdup_printf (_("The database is on %s. Two desktops writing at the same time there "
                            "can corrupt the file. Ask the IT officer to mount the share with "
                            "working locks; until then, make changes only when you are sure "
                            "nobody else is using this file."), where);
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

/* Damage */

gboolean
dd_store_is_damaged (DdStore *self)
{
  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  return self->access.damaged;
}

gboolean
dd_store_verify (DdStore   *self,
                 char     **out_report,
                 GError   **error)
{
  g_autoptr(GString) report = g_string_new (NULL);
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 app_id;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);

  stmt = dd_sql_prepare (self, "PRAGMA integrity_check (20)", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = dd_sql_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") == 0)
        continue;
      _dd_store_append_check_lines (problems, line);
    }
  if (rc != SQLITE_DONE)
    {
      if (problems->len > 0)
        g_string_append (problems, "; ");
      g_string_append (problems, sqlite3_errmsg (self->db));
    }
  app_id = dd_sql_query_int64 (self, "PRAGMA application_id", -1);

  g_string_append_printf (report, _("Integrity: %s\n"), problems->len == 0 ? _("ok") : problems->str);
  g_string_append_printf (report, _("Data version: %d (this version of Đôn Đốc: %d)\n"),
                          self->schema_version, DD_SCHEMA_VERSION);
  if (out_report != NULL)
    *out_report = g_strdup (report->str);

  if (problems->len > 0)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NOT_DATABASE,
                   _("The database is damaged: %s"), problems->str);
      return FALSE;
    }
  if (app_id != DD_APPLICATION_ID)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FOREIGN,
                   _("The file is not marked as a Đôn Đốc database."));
      return FALSE;
    }
  if (self->schema_version > DD_SCHEMA_VERSION)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_TOO_NEW,
                   _("The database was made by a newer version of Đôn Đốc (data version %d; "
                     "this version knows up to %d)."), self->schema_version, DD_SCHEMA_VERSION);
      return FALSE;
    }
  if (self->schema_version < DD_SCHEMA_VERSION)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("The database has data version %d and must be upgraded to %d: open it "
                     "once for writing."), self->schema_version, DD_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

/* Backups */

static gboolean
parse_backup_name (const char  *name,
                   const char  *stem,
                   GDateTime  **out_made_at,
                   char       **out_tag)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *year = NULL, *month = NULL, *day = NULL;
  g_autofree char *hour = NULL, *minute = NULL, *second = NULL;
  g_autofree char *found_stem = NULL;
  g_autofree char *tag = NULL;
  GDateTime *made_at;

  regex = g_regex_new ("^(.+)-(\\d{4})(\\d{2})(\\d{2})-(\\d{2})(\\d{2})(\\d{2})(?:-([A-Za-z0-9]+))?\\.sqlite$",
                       0, 0, NULL);
  if (!g_regex_match (regex, name, 0, &match))
    return FALSE;
  found_stem = g_match_info_fetch (match, 1);
  if (stem != NULL && !g_str_equal (found_stem, stem))
    return FALSE;
  year = g_match_info_fetch (match, 2);
  month = g_match_info_fetch (match, 3);
  day = g_match_info_fetch (match, 4);
  hour = g_match_info_fetch (match, 5);
  minute = g_match_info_fetch (match, 6);
  second = g_match_info_fetch (match, 7);
  tag = g_match_info_fetch (match, 8);
  made_at = g_date_time_new_local (atoi (year), atoi (month), atoi (day), atoi (hour), atoi (minute),
                                   atoi (second));
  if (made_at == NULL)
    return FALSE;
  if (out_made_at != NULL)
    *out_made_at = made_at;
  else
    g_date_time_unref (made_at);
  if (out_tag != NULL)
    *out_tag = tag != NULL && *tag != '\0' ? g_steal_pointer (&tag) : NULL;
  return TRUE;
}

static char *
backup_stem (const char *db_path)
{
  g_autofree char *base = g_path_get_basename (db_path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

int
dd_store_get_schema_version_supported (void)
{
  return DD_SCHEMA_VERSION;
}

char *
dd_store_dup_backup_dir (DdStore *self)
{
  g_autofree char *setting = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);

  setting = dd_store_get_setting (self, "backup_dir");
  if (setting != NULL && *g_strstrip (setting) != '\0')
    return g_steal_pointer (&setting);
  if (g_str_equal (self->path, ":memory:"))
    return NULL;
  dir = g_path_get_dirname (self->path);
  return g_build_filename (dir, "backups", NULL);
}

const char *
dd_store_get_backup_warning (DdStore *self)
{
  g_return_val_if_fail (DD_IS_STORE (self), NULL);
  return self->access.backup_warning;
}

static guint
backup_keep (DdStore *self)
{
  g_autofree char *value = dd_store_get_setting (self, "backup_keep");
  guint64 keep;

  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 1, 1000, &keep, NULL))
    return (guint) keep;
  return DEFAULT_BACKUP_KEEP;
}

typedef struct
{
  char *name;
  char *stamp;      /* "YYYYMMDD-HHMMSS" */
  gint64 mtime;     /* orders the backups made within one second */
} NamedBackup;

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const NamedBackup *x = a;
  const NamedBackup *y = b;
  int by_stamp = g_strcmp0 (y->stamp, x->stamp);

  if (by_stamp != 0)
    return by_stamp;
  if (x->mtime != y->mtime)
    return y->mtime > x->mtime ? 1 : -1;
  return g_strcmp0 (y->name, x->name);
}

/* The names of this database's backups in @folder, newest first. */
static GPtrArray *
list_own_backups (const char *folder,
                  const char *stem)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (NamedBackup));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (parse_backup_name (name, stem, NULL, NULL))
      {
        g_autofree char *path = g_build_filename (folder, name, NULL);
        NamedBackup backup = { g_strdup (name), g_strndup (name + strlen (stem) + 1, 15), 0 };
        GStatBuf buf;

        if (g_stat (path, &buf) == 0)
          backup.mtime = (gint64) buf.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + buf.st_mtim.tv_nsec;
        g_array_append_val (found, backup);
      }
  /* The names hold the date and time to the second. */
  g_array_sort (found, compare_newest_first);
  for (guint i = 0; i < found->len; i++)
    {
      NamedBackup *backup = &g_array_index (found, NamedBackup, i);

      g_ptr_array_add (names, backup->name);
      g_free (backup->stamp);
    }
  return g_steal_pointer (&names);
}

static gboolean
copy_db_with_backup_api (sqlite3     *source,
                         const char  *dest_path,
                         GError     **error);

static gboolean
copy_with_backup_api (DdStore     *self,
                      const char  *dest_path,
                      GError     **error)
{
  return copy_db_with_backup_api (self->db, dest_path, error);
}

static gboolean
copy_db_with_backup_api (sqlite3     *source,
                         const char  *dest_path,
                         GError     **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (dest_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED, _("Cannot write the backup: %s"),
                   dest != NULL ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      sqlite3_close (dest);
      return FALSE;
    }

  backup = sqlite3_backup_init (dest, "main", source, "main");
  if (backup == NULL)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED, _("Cannot write the backup: %s"),
                   sqlite3_errmsg (dest));
      sqlite3_close (dest);
      return FALSE;
    }
  /* All pages in one step, under one read lock: a consistent copy. When a
   * writer holds the file, wait a little and try again (about 10 s). */
  for (int attempt = 0; attempt < 100; attempt++)
    {
      rc = sqlite3_backup_step (backup, -1);
      if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
        break;
      g_usleep (100 * 1000);
    }
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, DD_STORE_ERROR, rc == SQLITE_BUSY ? DD_STORE_ERROR_BUSY : DD_STORE_ERROR_FAILED,
                   _("Cannot write the backup: %s"), sqlite3_errstr (rc));
      sqlite3_close (dest);
      return FALSE;
    }
  rc = sqlite3_close (dest);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED, _("Cannot write the backup: %s"),
                   sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

static char *
backup_name (const char *folder,
             const char *stem,
             const char *stamp,
             const char *tag,
             guint       n)
{
  g_autofree char *suffix = NULL;
  g_autofree char *name = NULL;

  if (n == 1)
    suffix = g_strdup_printf ("%s%s", tag != NULL ? "-" : "", tag != NULL ? tag : "");
  else
    suffix = g_strdup_printf ("-%s%u", tag != NULL ? tag : "", n);
  name = g_strdup_printf ("%s-%s%s" BACKUP_SUFFIX, stem, stamp, suffix);
  return g_build_filename (folder, name, NULL);
}

/* A new name for a backup made now. Several backups within one second get
 * -2, -3, …: always one more than the highest there, so that a pruned name
 * is never reused. */
static char *
new_backup_path (const char *folder,
                 const char *stem,
                 const char *tag)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  guint last = 0;

  for (guint n = 1; n <= 999; n++)
    {
      g_autofree char *candidate = backup_name (folder, stem, stamp, tag, n);

      if (g_file_test (candidate, G_FILE_TEST_EXISTS))
        last = n;
    }
  return backup_name (folder, stem, stamp, tag, last + 1);
}

static char *
backup_to (DdStore     *self,
           const char  *folder,
           const char  *tag,
           GError     **error)
{
  g_autofree char *stem = backup_stem (g_str_equal (self->path, ":memory:") ? "dondoc" : self->path);
  g_autofree char *display = g_filename_display_name (folder);
  g_autofree char *path = NULL;
  g_autofree char *part = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  guint keep;

  if (g_mkdir_with_parents (folder, 0775) != 0)
    {
      int saved = errno;

      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED,
                   _("Cannot create the backup folder “%s”: %s"), display, g_strerror (saved));
      return NULL;
    }

  path = new_backup_path (folder, stem, tag);

  /* Written under a temporary name: a backup that is listed is whole. */
  part = g_strconcat (path, ".part", NULL);
  g_unlink (part);
  if (!copy_with_backup_api (self, part, error))
    {
      g_unlink (part);
      return NULL;
    }
  if (g_rename (part, path) != 0)
    {
      int saved = errno;

      g_unlink (part);
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED,
                   _("Cannot write the backup in “%s”: %s"), display, g_strerror (saved));
      return NULL;
    }

  keep = backup_keep (self);
  existing = list_own_backups (folder, stem);
  for (guint i = keep; i < existing->len; i++)
    {
      g_autofree char *old = g_build_filename (folder, g_ptr_array_index (existing, i), NULL);

      g_unlink (old);
    }
  return g_steal_pointer (&path);
}

char *
dd_store_backup (DdStore     *self,
                 const char  *folder,
                 GError     **error)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);
  g_return_val_if_fail (!self->flags.in_transaction, NULL);

  dir = folder != NULL ? g_strdup (folder) : dd_store_dup_backup_dir (self);
  if (dir == NULL)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("A database in memory has no backup folder; give one."));
      return NULL;
    }
  return backup_to (self, dir, NULL, error);
}

gboolean
_dd_store_auto_backup (DdStore     *self,
                       gboolean     force,
                       const char  *tag,
                       GError     **error)
{
  g_autofree char *dir = dd_store_dup_backup_dir (self);
  g_autofree char *stem = NULL;
  g_autofree char *made = NULL;

  if (dir == NULL)
    return TRUE;

  /* At most once a day (by the names of the backups already there). */
  if (!force)
    {
      g_autoptr(GPtrArray) existing = NULL;
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y%m%d");

      stem = backup_stem (self->path);
      existing = list_own_backups (dir, stem);
      for (guint i = 0; i < existing->len; i++)
        {
          const char *name = g_ptr_array_index (existing, i);

          if (strncmp (name + strlen (stem) + 1, today, 8) == 0)
            return TRUE;
        }
    }

  made = backup_to (self, dir, tag, error);
  if (made != NULL)
    g_debug ("Backup made: %s", made);
  return made != NULL;
}

/* The daily backup, in two halves: what to do, decided on the store's
 * thread (it reads settings), and the copy, which may run on any thread
 * since it reads the file through a connection of its own (the opening's
 * damage check runs it; dd-store.c). */
gboolean
_dd_store_auto_backup_plan (DdStore          *self,
                            DdAutoBackupPlan *plan)
{
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y%m%d");

  memset (plan, 0, sizeof *plan);
  plan->dir = dd_store_dup_backup_dir (self);
  if (plan->dir == NULL)
    return FALSE;
  plan->stem = backup_stem (self->path);
  existing = list_own_backups (plan->dir, plan->stem);
  for (guint i = 0; i < existing->len; i++)
    {
      const char *name = g_ptr_array_index (existing, i);

      if (strncmp (name + strlen (plan->stem) + 1, today, 8) == 0)
        {
          _dd_auto_backup_plan_clear (plan);
          return FALSE;
        }
    }
  plan->db_path = g_strdup (self->path);
  plan->keep = backup_keep (self);
  return TRUE;
}

char *
_dd_store_auto_backup_run (const DdAutoBackupPlan  *plan,
                           GError                 **error)
{
  g_autofree char *display = g_filename_display_name (plan->dir);
  g_autofree char *path = NULL;
  g_autofree char *part = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  sqlite3 *source = NULL;
  gboolean ok;

  if (g_mkdir_with_parents (plan->dir, 0775) != 0)
    {
      int saved = errno;

      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED,
                   _("Cannot create the backup folder “%s”: %s"), display, g_strerror (saved));
      return NULL;
    }
  if (sqlite3_open_v2 (plan->db_path, &source, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED, _("Cannot write the backup: %s"),
                   source != NULL ? sqlite3_errmsg (source) : "");
      sqlite3_close (source);
      return NULL;
    }
  path = new_backup_path (plan->dir, plan->stem, NULL);
  part = g_strconcat (path, ".part", NULL);
  g_unlink (part);
  ok = copy_db_with_backup_api (source, part, error);
  sqlite3_close (source);
  if (!ok)
    {
      g_unlink (part);
      return NULL;
    }
  if (g_rename (part, path) != 0)
    {
      int saved = errno;

      g_unlink (part);
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED,
                   _("Cannot write the backup in “%s”: %s"), display, g_strerror (saved));
      return NULL;
    }
  existing = list_own_backups (plan->dir, plan->stem);
  for (guint i = plan->keep; i < existing->len; i++)
    {
      g_autofree char *old = g_build_filename (plan->dir, g_ptr_array_index (existing, i), NULL);

      g_unlink (old);
    }
  return g_steal_pointer (&path);
}

void
_dd_auto_backup_plan_clear (DdAutoBackupPlan *plan)
{
  g_clear_pointer (&plan->db_path, g_free);
  g_clear_pointer (&plan->dir, g_free);
  g_clear_pointer (&plan->stem, g_free);
}

static void
read_backup_info (DdBackupInfo *info)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  info->readable = FALSE;
  if (sqlite3_open_v2 (info->path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    goto out;
  if (sqlite3_prepare_v2 (db, "SELECT (SELECT application_id FROM pragma_application_id), "
                          "(SELECT user_version FROM pragma_user_version)", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int64 (stmt, 0) != DD_APPLICATION_ID)
    goto out;
  info->schema_version = sqlite3_column_int (stmt, 1);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (sqlite3_prepare_v2 (db, info->schema_version >= 3
                          ? "SELECT (SELECT count(*) FROM plans), "
                            "(SELECT count(*) FROM tasks WHERE deleted_at IS NULL)"
                          : "SELECT (SELECT count(*) FROM plans), (SELECT count(*) FROM tasks)",
                          -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    goto out;
  info->n_plans = (guint) sqlite3_column_int (stmt, 0);
  info->n_tasks = (guint) sqlite3_column_int (stmt, 1);
  info->readable = TRUE;

out:
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static int
compare_backups (gconstpointer a,
                 gconstpointer b)
{
  const DdBackupInfo *x = *(DdBackupInfo * const *) a;
  const DdBackupInfo *y = *(DdBackupInfo * const *) b;
  int by_time = g_date_time_compare (y->made_at, x->made_at);
  GStatBuf bx, by;

  if (by_time != 0)
    return by_time;
  if (g_stat (x->path, &bx) == 0 && g_stat (y->path, &by) == 0 &&
      (bx.st_mtim.tv_sec != by.st_mtim.tv_sec || bx.st_mtim.tv_nsec != by.st_mtim.tv_nsec))
    return (by.st_mtim.tv_sec > bx.st_mtim.tv_sec ||
            (by.st_mtim.tv_sec == bx.st_mtim.tv_sec && by.st_mtim.tv_nsec > bx.st_mtim.tv_nsec)) ? 1 : -1;
  return g_strcmp0 (y->path, x->path);
}

GPtrArray *
dd_store_list_backups (const char  *folder,
                       GError     **error)
{
  g_autoptr(GPtrArray) backups = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_backup_info_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (folder != NULL, NULL);

  dir = g_dir_open (folder, 0, error);
  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      DdBackupInfo *info = g_new0 (DdBackupInfo, 1);

      if (!parse_backup_name (name, NULL, &info->made_at, &info->tag))
        {
          dd_backup_info_free (info);
          continue;
        }
      info->path = g_build_filename (folder, name, NULL);
      read_backup_info (info);
      g_ptr_array_add (backups, info);
    }
  g_ptr_array_sort (backups, compare_backups);
  return g_steal_pointer (&backups);
}

/* Restoring */

static gboolean
check_backup_file (const char  *backup_path,
                   GError     **error)
{
  g_autofree char *display = g_filename_display_name (backup_path);
  g_autoptr(GString) problems = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 app_id = -1, version = -1;
  gboolean ok = FALSE;
  int rc;

  if (!g_file_test (backup_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NOT_FOUND,
                   _("The backup “%s” does not exist."), display);
      return FALSE;
    }
  if (sqlite3_open_v2 (backup_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    goto out;
  if (sqlite3_prepare_v2 (db, "SELECT (SELECT application_id FROM pragma_application_id), "
                          "(SELECT user_version FROM pragma_user_version)", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    goto out;
  app_id = sqlite3_column_int64 (stmt, 0);
  version = sqlite3_column_int64 (stmt, 1);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (app_id != DD_APPLICATION_ID)
    goto out;

  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check (5)", -1, &stmt, NULL) != SQLITE_OK)
    goto out;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
      g_string_append_printf (problems, "%s%s", problems->len > 0 ? "; " : "",
                              (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    g_string_append_printf (problems, "%s%s", problems->len > 0 ? "; " : "", sqlite3_errmsg (db));
  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  if (!ok || app_id != DD_APPLICATION_ID)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is not a backup of a Đôn Đốc database; nothing was restored."), display);
      return FALSE;
    }
  if (problems->len > 0)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NOT_DATABASE,
                   _("The backup “%s” is damaged (%s); nothing was restored."), display, problems->str);
      return FALSE;
    }
  if (version > DD_SCHEMA_VERSION || version < 1)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_TOO_NEW,
                   _("The backup “%s” has data version %d, which this version of Đôn Đốc cannot "
                     "use; nothing was restored."), display, (int) version);
      return FALSE;
    }
  return TRUE;
}

/* Copies @from to @to (a new file) and flushes it to the disk. */
static gboolean
copy_file_synced (const char  *from,
                  const char  *to,
                  GError     **error)
{
  g_autofree char *display = g_filename_display_name (to);
  char buffer[64 * 1024];
  int in = -1, out = -1;
  gboolean ok = FALSE;
  ssize_t n;
  int saved = 0;

  in = g_open (from, O_RDONLY | O_CLOEXEC, 0);
  if (in < 0)
    {
      saved = errno;
      goto out;
    }
  out = g_open (to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0664);
  if (out < 0)
    {
      saved = errno;
      goto out;
    }
  while ((n = read (in, buffer, sizeof buffer)) != 0)
    {
      char *p = buffer;

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          saved = errno;
          goto out;
        }
      while (n > 0)
        {
          ssize_t written = write (out, p, (size_t) n);

          if (written < 0)
            {
              if (errno == EINTR)
                continue;
              saved = errno;
              goto out;
            }
          p += written;
          n -= written;
        }
    }
  if (fsync (out) != 0)
    {
      saved = errno;
      goto out;
    }
  ok = TRUE;

out:
  if (in >= 0)
    close (in);
  if (out >= 0 && close (out) != 0 && ok)
    {
      saved = errno;
      ok = FALSE;
    }
  if (!ok)
    g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED,
                 _("Cannot write “%s”: %s"), display, g_strerror (saved));
  return ok;
}

static void
sync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

gboolean
dd_store_restore_backup (const char  *db_path,
                         const char  *backup_path,
                         GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *temp = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *kept = NULL;
  sqlite3 *lock = NULL;
  gboolean locked = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (db_path != NULL && backup_path != NULL, FALSE);

  display = g_filename_display_name (db_path);
  if (!check_backup_file (backup_path, error))
    return FALSE;

  dir = g_path_get_dirname (db_path);
  journal = g_strconcat (db_path, "-journal", NULL);

  /* While the file is replaced nobody may write to it: hold its write lock
   * (a damaged file may not give one; it is replaced all the same). */
  if (g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *backup_dir = g_build_filename (dir, "backups", NULL);
      g_autofree char *stem = backup_stem (db_path);

      if (sqlite3_open_v2 (db_path, &lock, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
        {
          sqlite3_busy_timeout (lock, DD_BUSY_TIMEOUT_MS);
          locked = sqlite3_exec (lock, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK;
        }

      /* The replaced file is kept, byte for byte, as a backup too. */
      if (g_mkdir_with_parents (backup_dir, 0775) != 0)
        {
          int saved = errno;
          g_autofree char *dir_display = g_filename_display_name (backup_dir);

          g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED,
                       _("Cannot create the backup folder “%s”: %s"), dir_display, g_strerror (saved));
          goto out;
        }
      kept = new_backup_path (backup_dir, stem, "replaced");
      if (!copy_file_synced (db_path, kept, error))
        goto out;
    }

  temp = g_strdup_printf ("%s.restore-%08x", db_path, g_random_int ());
  if (!copy_file_synced (backup_path, temp, error))
    {
      g_unlink (temp);
      goto out;
    }
  if (g_rename (temp, db_path) != 0)
    {
      int saved = errno;

      g_unlink (temp);
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED,
                   _("Cannot replace “%s”: %s"), display, g_strerror (saved));
      goto out;
    }
  sync_folder (db_path);

  /* A journal left beside the old file belongs to it, not to the restored
   * one: SQLite would otherwise "roll it back" into the backup. */
  if (g_file_test (journal, G_FILE_TEST_EXISTS))
    {
      g_autofree char *aside = g_strconcat (kept != NULL ? kept : temp, "-journal", NULL);

      if (g_rename (journal, aside) != 0)
        g_unlink (journal);
      sync_folder (db_path);
    }
  ok = TRUE;

out:
  if (locked)
    sqlite3_exec (lock, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (lock);
  return ok;
}

/* Public API: the users recorded in the file */

DdUserInfo *
dd_user_info_copy (const DdUserInfo *info)
{
  DdUserInfo *copy = g_new0 (DdUserInfo, 1);

  *copy = *info;
  copy->account = g_strdup (info->account);
  copy->display_name = g_strdup (info->display_name);
  copy->unit_name = g_strdup (info->unit_name);
  return copy;
}

void
dd_user_info_free (DdUserInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->account);
  g_free (info->display_name);
  g_free (info->unit_name);
  g_free (info);
}

GPtrArray *
dd_store_list_users (DdStore  *self,
                     GError  **error)
{
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_user_info_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);

  if (self->schema_version < 3)
    return g_steal_pointer (&users);

  stmt = dd_sql_prepare (self,
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
      dd_sql_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&users);
}
