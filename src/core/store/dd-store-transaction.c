/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-store-private.h"

/*
 * The store's write transactions: BEGIN IMMEDIATE after the checks that the
 * file may be written (read-only, the lock warning, a file moved away, the
 * role read again under the lock), COMMIT, ROLLBACK, both statements
 * retried while another desktop holds the lock (on_busy_cb() in dd-store.c
 * waits within the budget set here). It calls only the SQL helpers, the
 * schema check (dd-store-schema.c) and the access checks (dd-store-access.c,
 * dd-store-refusal.c), never the files
 * that write in a transaction, so that every one of them may call it. The
 * "changed" signal is DdStore's (dd-store.c registers it); it is emitted by
 * name here, as dd-store-access.c does for "access-changed".
 */
/* Whether the file at the store's path is still the one it opened: a file
 * renamed, deleted or replaced while open (or a share that went away) must
 * not be written through the old handle. */
static gboolean
check_not_moved (DdStore  *self,
                 GError  **error)
{
  int moved = 0;

  if (g_str_equal (self->path, ":memory:"))
    return TRUE;
  if (sqlite3_file_control (self->db, "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK)
    moved = 0;
  if (moved || !g_file_test (self->path, G_FILE_TEST_EXISTS))
    return dd_sql_set_sqlite_error (self, SQLITE_READONLY_DBMOVED, error);
  return TRUE;
}

/* Runs BEGIN IMMEDIATE or COMMIT. The busy handler waits up to
 * busy_attempt_ms for the other desktop's lock; when the lock persists the
 * statement is tried again after a growing, jittered pause, a bounded number
 * of times (by default 5 tries, about 10 s in all), and then the caller gets
 * DD_STORE_ERROR_BUSY: a write never fails silently, and never waits for
 * ever. A failed COMMIT leaves the transaction open, so trying it again is
 * safe. */
static int
exec_with_retry (DdStore    *self,
                 const char *sql)
{
  int backoff = self->busy.backoff_ms;
  int rc = SQLITE_BUSY;

  self->busy.budget_ms = self->busy.attempt_ms;
  for (int attempt = 0; attempt < MAX (self->busy.tries, 1); attempt++)
    {
      if (attempt > 0)
        {
          g_usleep ((gulong) g_random_int_range (backoff * 750, backoff * 1250 + 1));
          backoff *= 2;
        }
      rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
      if ((rc & 0xff) != SQLITE_BUSY)
        break;
      g_debug ("%s: the database is locked by someone else (attempt %d of %d)",
               sql, attempt + 1, self->busy.tries);
    }
  self->busy.budget_ms = DD_BUSY_TIMEOUT_MS;
  return rc;
}

static gboolean
begin_write (DdStore   *self,
             gboolean   own_row_only,
             GError   **error)
{
  int rc;

  g_assert (!self->flags.in_transaction);

  if (self->access.read_only)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_READ_ONLY, "%s",
                   self->access.read_only_reason != NULL
                   ? self->access.read_only_reason
                   : _("The database is open read-only."));
      return FALSE;
    }
  if (self->access.lock_warning != NULL && !self->access.lock_acknowledged && !self->flags.migrating)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_UNSAFE_FILESYSTEM, "%s",
                   self->access.lock_warning);
      return FALSE;
    }
  if (!check_not_moved (self, error))
    return FALSE;

  /* BEGIN IMMEDIATE takes the write lock now, so that a write never fails
   * half-way because another desktop started writing first. */
  rc = exec_with_retry (self, "BEGIN IMMEDIATE");
  if (rc != SQLITE_OK)
    return dd_sql_set_sqlite_error (self, rc, error);
  self->flags.in_transaction = TRUE;
  g_clear_error (&self->remote_error);
  if (self->begin_hook != NULL && !self->begin_hook (self, self->begin_hook_data, error))
    {
      _dd_store_rollback (self);
      return FALSE;
    }

  /* The schema as it is now, under the lock: nobody changed it since it
   * was checked (dd-store-schema.c). */
  if (!_dd_store_recheck_schema (self, error))
    {
      _dd_store_rollback (self);
      return FALSE;
    }

  /* The role as the file says now, under the lock. */
  _dd_store_refresh_role (self);
  if (!_dd_store_check_role (self, own_row_only, error))
    {
      _dd_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
_dd_store_begin (DdStore  *self,
                 GError  **error)
{
  return begin_write (self, FALSE, error);
}

gboolean
_dd_store_begin_own_row (DdStore  *self,
                         GError  **error)
{
  return begin_write (self, TRUE, error);
}

gboolean
_dd_store_commit (DdStore  *self,
                  GError  **error)
{
  int rc;

  g_assert (self->flags.in_transaction);

  if (self->commit_hook != NULL && !self->commit_hook (self, self->commit_hook_data, error))
    {
      _dd_store_rollback (self);
      return FALSE;
    }
  rc = exec_with_retry (self, "COMMIT");
  if (rc != SQLITE_OK)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      _dd_store_rollback (self);
      return FALSE;
    }
  self->flags.in_transaction = FALSE;
  self->commit_serial++;
  g_signal_emit_by_name (self, "changed");
  _dd_store_flush_access_changed (self);
  return TRUE;
}

void
_dd_store_rollback (DdStore *self)
{
  if (!self->flags.in_transaction)
    return;
  if (sqlite3_get_autocommit (self->db) == 0)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->flags.in_transaction = FALSE;
  /* A write refused because the role changed meanwhile: say so now. */
  _dd_store_flush_access_changed (self);
}

void
_dd_store_set_commit_hook (DdStore           *self,
                           DdStoreCommitHook  hook,
                           gpointer           data,
                           GDestroyNotify     destroy)
{
  if (self->commit_hook_destroy != NULL)
    self->commit_hook_destroy (self->commit_hook_data);
  self->commit_hook = hook;
  self->commit_hook_data = data;
  self->commit_hook_destroy = destroy;
}

void
_dd_store_set_begin_hook (DdStore           *self,
                          DdStoreCommitHook  hook,
                          gpointer           data)
{
  self->begin_hook = hook;
  self->begin_hook_data = data;
}

void
_dd_store_set_remote_error (DdStore *self,
                            GError  *error)
{
  g_clear_error (&self->remote_error);
  self->remote_error = error;
}
