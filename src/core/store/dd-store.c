/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dd-store-private.h"
#include "dd-core-resources.h"

/*
 * DdStore wraps one sqlite3 handle. Every statement is prepared with bound
 * parameters; the few queries whose shape depends on the filters are put
 * together from fixed fragments of this file, never from user text.
 *
 * This file opens the store (migrations, the checks at opening), answers
 * what it is, and polls for another desktop's changes. It calls the files
 * below it: the transactions (dd-store-transaction.c), the SQL helpers,
 * the access, health and backup files, and the status caches it frees
 * (dd-store-query.c, dd-store-recurring.c). Of the store's files only
 * those that open or poll a store (dd-sample.c, dd-store-worker.c) call
 * it; the reads and writes of the data never do. The settings are in
 * dd-store-settings.c.
 */

G_DEFINE_FINAL_TYPE (DdStore, dd_store, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  SIGNAL_EXTERNAL_CHANGE,
  SIGNAL_ACCESS_CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* Auxiliary methods */

void
_dd_store_access_copy (DdStoreAccess       *dest,
                       const DdStoreAccess *src)
{
  _dd_store_access_clear (dest);
  *dest = *src;
  dest->user = g_strdup (src->user);
  dest->read_only_reason = g_strdup (src->read_only_reason);
  dest->lock_warning = g_strdup (src->lock_warning);
  dest->backup_warning = g_strdup (src->backup_warning);
}

void
_dd_store_access_clear (DdStoreAccess *access)
{
  g_clear_pointer (&access->user, g_free);
  g_clear_pointer (&access->read_only_reason, g_free);
  g_clear_pointer (&access->lock_warning, g_free);
  g_clear_pointer (&access->backup_warning, g_free);
}

/* Busy waits */

/* SQLite's own busy handler sleeps up to 100 ms between looks at the lock;
 * against desktops that write in quick succession it seldom finds the lock
 * free. This one looks every few milliseconds, with jitter so that waiting
 * desktops do not all wake together, until its budget is spent. */
static int
on_busy_cb (void *data,
            int   count)
{
  DdStore *self = data;
  gint64 now = g_get_monotonic_time ();

  if (count == 0)
    self->busy.since = now;
  if (now - self->busy.since >= (gint64) self->busy.budget_ms * 1000)
    return 0;
  g_usleep ((gulong) g_random_int_range (500, 4000));
  return 1;
}

sqlite3 *
_dd_store_get_db (DdStore *self)
{
  return self->db;
}

/* Opening and migrations */

/* The migrations and the seed are compiled into this static library; taking
 * the resource here makes sure the linker keeps (and so registers) it. */
static void
ensure_resources (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      GResource *resource = dd_core_get_resource ();

      g_assert (resource != NULL);
      g_once_init_leave (&done, 1);
    }
}

static gboolean
migrate (DdStore  *self,
         GError  **error)
{
  for (int version = self->schema_version + 1; version <= DD_SCHEMA_VERSION; version++)
    {
      g_autofree char *sql = _dd_store_migration_sql (version);
      g_autofree char *pragmas = NULL;

      if (sql == NULL)
        {
          g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED,
                       _("This version of Đôn Đốc lacks the upgrade to data version %d; "
                         "the file was left untouched."), version);
          return FALSE;
        }

      /* Each migration runs in one transaction with the version bump, so an
       * interrupted upgrade leaves the file at the previous version. */
      self->flags.migrating = TRUE;
      if (!_dd_store_begin (self, error))
        {
          self->flags.migrating = FALSE;
          return FALSE;
        }
      pragmas = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                                 version, DD_APPLICATION_ID);
      if (!dd_sql_exec (self, sql, error) || !dd_sql_exec (self, pragmas, error) ||
          !_dd_store_commit (self, error))
        {
          _dd_store_rollback (self);
          self->flags.migrating = FALSE;
          return FALSE;
        }
      self->flags.migrating = FALSE;
      self->schema_version = version;
      /* A database in memory (a server's store, a test's) has no other
       * connection: its schema is the one this migration just made, not
       * checked again at the next one's begin as a file's is (that check
       * replayed the migrations of every version, most of the opening of
       * a store on a server). */
      if (g_str_equal (self->path, ":memory:") && self->schema_cookie >= 0)
        self->schema_cookie = dd_sql_query_int64 (self, "PRAGMA schema_version", -1);
    }
  /* The current version's triggers need no trust (dd-store-schema.c). */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  return TRUE;
}

/* Reads the first bytes of an existing file: an SQLite file starts with a
 * fixed header, so anything else is refused before SQLite touches it. */
static gboolean
check_sqlite_header (const char  *path,
                     GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  char header[16] = { 0 };
  g_autofree char *display = g_filename_display_name (path);
  FILE *file;
  size_t n;

  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      int saved = errno;

      g_set_error (error, DD_STORE_ERROR,
                   saved == ENOENT ? DD_STORE_ERROR_NOT_FOUND : DD_STORE_ERROR_FAILED,
                   _("Cannot open “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }
  n = fread (header, 1, sizeof header, file);
  fclose (file);

  if (n == 0)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is an empty file, not a Đôn Đốc database."), display);
      return FALSE;
    }
  if (n < sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is not a Đôn Đốc database (it is not an SQLite file, or it is damaged)."),
                   display);
      return FALSE;
    }
  return TRUE;
}

/* The application id as written in the file's header (bytes 68–71, big
 * endian), for a file too damaged for SQLite to read it. */
static gint64
header_application_id (const char *path)
{
  guint8 header[72];
  FILE *file = g_fopen (path, "rb");
  size_t n;

  if (file == NULL)
    return -1;
  n = fread (header, 1, sizeof header, file);
  fclose (file);
  if (n < sizeof header)
    return -1;
  return ((gint64) header[68] << 24) | (header[69] << 16) | (header[70] << 8) | header[71];
}

static gboolean
can_write (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  /* The rollback journal is created beside the file, so its folder must be
   * writable too. */
  return g_access (path, W_OK) == 0 && g_access (dir, W_OK) == 0;
}

static gboolean
open_handle (DdStore     *self,
             gboolean     create,
             GError     **error)
{
  int flags = SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_URI;
  int rc;

  if (self->access.read_only)
    flags |= SQLITE_OPEN_READONLY;
  else
    flags |= SQLITE_OPEN_READWRITE;
  if (create)
    flags |= SQLITE_OPEN_CREATE;

  rc = sqlite3_open_v2 (self->path, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED,
                   _("Cannot open “%s”: %s"), display,
                   self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, 1);
  /* What the file defines runs untrusted and within limits. */
  _dd_sql_harden (self->db, &self->limit);
  /* SQLite's page cache holds at most this much of the file (it grows only
   * as pages are read). SQLite's default, 2 MiB, is less than the task
   * list's indexes on a file of 100,000 tasks, so each keystroke of a search
   * read them again from the system; 40 MiB holds them (issue 9: the
   * resident memory with such a file open stays under 150 MB). */
  sqlite3_exec (self->db, "PRAGMA cache_size = -" G_STRINGIFY (DD_STORE_CACHE_KIB), NULL, NULL, NULL);
  /* Every write to a table with guard triggers keeps a statement journal
   * (the pages it changes, so that a refusal undoes only that statement):
   * about 25 pages a task on import, which SQLite otherwise writes to a
   * file in /var/tmp once they pass 64 KiB, i.e. for every task (issue
   * #20: 50 system calls a task). In memory they are a copy, freed at the
   * end of each statement. */
  sqlite3_exec (self->db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
  self->busy.budget_ms = DD_BUSY_TIMEOUT_MS;
  sqlite3_busy_handler (self->db, on_busy_cb, self);
  _dd_store_register_shared_functions (self);
  _dd_store_register_status_function (self);
  _dd_sql_register_functions (self->db);
  return TRUE;
}

/* The problems PRAGMA quick_check finds in @db, "" when none (or when the
 * file is busy: the check is skipped, not failed). Any thread. */
static char *
run_quick_check (sqlite3 *db)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check (5)", -1, &stmt, NULL) != SQLITE_OK)
    g_string_append (problems, sqlite3_errmsg (db));
  else
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *line = (const char *) sqlite3_column_text (stmt, 0);

          if (g_strcmp0 (line, "ok") == 0)
            continue;
          _dd_store_append_check_lines (problems, line);
        }
      if ((rc & 0xff) == SQLITE_BUSY)
        {
          /* Someone is writing right now: the check is skipped, not failed. */
          g_debug ("quick_check skipped: the database is busy");
          g_string_truncate (problems, 0);
        }
      else if (rc != SQLITE_DONE && problems->len == 0)
        g_string_append (problems, sqlite3_errmsg (db));
    }
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&problems), FALSE);
}

/* A file that failed the check is reopened read-only and never written:
 * writing to a damaged file can only make it worse. */
static gboolean
mark_damaged (DdStore     *self,
              const char  *problems,
              GError     **error)
{
  g_autofree char *display = g_filename_display_name (self->path);

  g_debug ("quick_check of %s: %s", self->path, problems);
  g_clear_pointer (&self->db, sqlite3_close);
  g_free (self->access.read_only_reason);
  self->access.damaged = TRUE;
  self->access.read_only = TRUE;
  self->flags.read_only_for_check = FALSE;
  self->access.read_only_reason =
    g_strdup_printf (_("“%s” is damaged (%s). It was opened read-only so that nothing makes it "
                       "worse: you can still read what is left, and you should restore the newest "
                       "good backup."), display, problems);
  return open_handle (self, FALSE, error);
}

/* PRAGMA quick_check on opening. (A file that cannot be read at all was
 * refused before.) */
static gboolean
check_damage (DdStore     *self,
              const char  *display,
              GError     **error)
{
  g_autofree char *problems = run_quick_check (self->db);

  if (*problems == '\0')
    return TRUE;
  return mark_damaged (self, problems, error);
}

/* The settings of a file that may be written (after its check). */
static gboolean
set_write_pragmas (DdStore  *self,
                   GError  **error)
{
  /* The file may live on a network share, where WAL is unsafe: keep the
   * rollback journal and full syncs. */
  return dd_sql_exec (self, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL", error);
}

/* Refuses to create over an existing file, and to open what is missing,
 * a folder or not an SQLite file, before SQLite touches it. */
static gboolean
check_path (DdStore      *self,
            const char   *display,
            gboolean      create,
            gboolean      exists,
            GError      **error)
{
  if (create && exists)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_EXISTS,
                   _("“%s” already exists; a new database is never written over an existing file."),
                   display);
      return FALSE;
    }
  if (!create && !exists)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NOT_FOUND,
                   _("The database file “%s” does not exist."), display);
      return FALSE;
    }
  if (exists && g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is a folder, not a Đôn Đốc database."), display);
      return FALSE;
    }
  return !exists || check_sqlite_header (self->path, error);
}

/* Read-only by request, or because the user may not write the file. */
static void
set_read_only_at_open (DdStore          *self,
                       const char       *display,
                       DdStoreOpenFlags  flags,
                       gboolean          exists)
{
  if ((flags & DD_STORE_OPEN_READ_ONLY) != 0)
    {
      self->access.read_only = TRUE;
      self->access.read_only_reason = g_strdup (_("The database was opened read-only."));
    }
  else if (exists && !can_write (self->path))
    {
      self->access.read_only = TRUE;
      self->access.read_only_reason =
        g_strdup_printf (_("You do not have permission to change “%s” (or its folder), "
                           "so it is open read-only: you can view and export, but not edit."),
                         display);
    }
}

/* The extended result code of the first read of @db's schema. */
static int
probe_schema (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    rc = sqlite3_extended_errcode (db);
  sqlite3_finalize (stmt);
  return rc;
}

/* A writer that died in the middle of a change leaves a hot journal beside
 * the file; a read-only connection cannot undo it, and SQLite refuses it
 * any read. The file is not damaged: a connection that may write undoes
 * the change on its first read. So it is undone here, on a connection of
 * its own, when this account may write the file; else the user is told
 * what it is. */
static gboolean
check_hot_journal (DdStore     *self,
                   const char  *display,
                   GError     **error)
{
  DdQueryLimit limit = { 0 };
  sqlite3 *rw = NULL;
  int rc;

  if (probe_schema (self->db) != SQLITE_READONLY_ROLLBACK)
    return TRUE;
  rc = SQLITE_READONLY_ROLLBACK;
  if (can_write (self->path) &&
      sqlite3_open_v2 (self->path, &rw, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
    {
      _dd_sql_harden (rw, &limit);
      sqlite3_busy_timeout (rw, DD_BUSY_TIMEOUT_MS);
      rc = probe_schema (rw);
      g_debug ("Hot journal of %s rolled back: %s", self->path, sqlite3_errstr (rc));
    }
  sqlite3_close (rw);
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_READ_ONLY,
                   _("“%s” holds a change that another desktop began and did not finish (it was "
                     "interrupted). The file is not damaged: the change will be undone when someone "
                     "who may write to the file opens it. Until then it cannot be read here."),
                   display);
      return FALSE;
    }
  /* A fresh connection: this one remembers the refusal. */
  g_clear_pointer (&self->db, sqlite3_close);
  return open_handle (self, FALSE, error);
}

/* Whether the file just opened is a Đôn Đốc database (any file, for one
 * being created): refuses a damaged one that cannot be read and another
 * application's. @out_n_tables: how many tables it has. */
static gboolean
check_identity (DdStore      *self,
                const char   *display,
                gboolean      create,
                gint64       *out_n_tables,
                GError      **error)
{
  gint64 app_id, n_tables;

  if (!create && !check_hot_journal (self, display, error))
    return FALSE;
  /* A damaged file shows up here, on the first read. */
  app_id = dd_sql_query_int64 (self, "PRAGMA application_id", -1);
  n_tables = dd_sql_query_int64 (self, "SELECT count(*) FROM sqlite_master", -1);

  if (app_id < 0 && !create)
    app_id = header_application_id (self->path);
  if (app_id == DD_APPLICATION_ID && n_tables < 0)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is a Đôn Đốc database, but it is damaged so badly that it cannot be "
                     "read (%s). It was left untouched; restore the newest good backup."),
                   display, sqlite3_errmsg (self->db));
      return FALSE;
    }
  if (app_id < 0 || n_tables < 0)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is not a Đôn Đốc database (it is not an SQLite file, or it is damaged)."),
                   display);
      return FALSE;
    }
  if (!create && app_id != DD_APPLICATION_ID)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FOREIGN,
                   _("“%s” is an SQLite database of another application, not a Đôn Đốc database. "
                     "It was left untouched."), display);
      return FALSE;
    }
  *out_n_tables = n_tables;
  return TRUE;
}

/* The damage check of an existing file: now, or left to
 * dd_store_check_async() (DD_STORE_OPEN_CHECK_LATER) for a file of this
 * version: an upgrade needs a sound file, a newer file is read-only. */
static gboolean
check_or_defer_damage (DdStore           *self,
                       const char        *display,
                       DdStoreOpenFlags   flags,
                       GError           **error)
{
  if ((flags & DD_STORE_OPEN_CHECK_LATER) != 0 && !self->access.read_only
      && dd_sql_query_int64 (self, "PRAGMA user_version", 0) == DD_SCHEMA_VERSION)
    {
      self->flags.checking = TRUE;
      self->access.read_only = TRUE;
      self->flags.read_only_for_check = TRUE;
      g_free (self->access.read_only_reason);
      self->access.read_only_reason = g_strdup (_("The file is being checked for damage; it can be changed "
                                                  "in a moment."));
      return TRUE;
    }
  return check_damage (self, display, error);
}

/* A data version no Đôn Đốc writes: below 0 (a file that says 0 is one
 * being created and must hold nothing). */
static gboolean
check_version_valid (DdStore     *self,
                     const char  *display,
                     GError     **error)
{
  if (self->schema_version >= 0)
    return TRUE;
  g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_TAMPERED,
               _("“%s” says it has data version %d, which no version of Đôn Đốc writes: the file "
                 "was changed outside Đôn Đốc. It was left untouched; restore a good backup."),
               display, self->schema_version);
  return FALSE;
}

/* Compares the file's schema with the one the migrations of its version
 * make. A file of this version that differs opens read-only (on a new
 * read-only connection, so that no trigger of it ever runs); an older one
 * is refused, since upgrading it would run its triggers. */
static gboolean
check_schema (DdStore     *self,
              const char  *display,
              GError     **error)
{
  g_autofree char *differences = NULL;

  if (self->access.damaged || self->schema_version > DD_SCHEMA_VERSION)
    return TRUE;
  differences = _dd_store_schema_differences (self->db, self->schema_version);
  if (*differences == '\0')
    return TRUE;
  g_debug ("Schema of %s: %s", self->path, differences);
  if (self->schema_version < DD_SCHEMA_VERSION)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_TAMPERED,
                   _("“%s” was changed outside Đôn Đốc (%s). It must be upgraded, which would run "
                     "those changes, so it was left untouched; restore a good backup."),
                   display, differences);
      return FALSE;
    }
  g_clear_pointer (&self->db, sqlite3_close);
  g_free (self->access.read_only_reason);
  self->access.tampered = TRUE;
  self->access.read_only = TRUE;
  self->flags.read_only_for_check = FALSE;
  self->access.read_only_reason =
    g_strdup_printf (_("“%s” was changed outside Đôn Đốc (%s). It was opened read-only so that "
                       "nothing that was added runs with your name; an administrator should "
                       "restore a good backup."), display, differences);
  return open_handle (self, FALSE, error);
}

/* A newer Đôn Đốc wrote the file: reading is safe, writing is not. */
static gboolean
reopen_newer_read_only (DdStore     *self,
                        const char  *display,
                        GError     **error)
{
  g_clear_pointer (&self->db, sqlite3_close);
  g_free (self->access.read_only_reason);
  self->access.read_only = TRUE;
  self->access.read_only_reason =
    g_strdup_printf (_("“%s” was made by a newer version of Đôn Đốc (data version %d; this "
                       "version knows up to %d). It is open read-only; update the application "
                       "to edit it."), display, self->schema_version, DD_SCHEMA_VERSION);
  return open_handle (self, FALSE, error);
}

/* Upgrades a file of an older version, copied first: the upgrade cannot
 * be undone otherwise. */
static gboolean
upgrade (DdStore     *self,
         const char  *display,
         gboolean     has_tables,
         GError     **error)
{
  if (self->access.damaged)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NOT_DATABASE, "%s",
                   self->access.read_only_reason);
      return FALSE;
    }
  if (self->access.read_only)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_READ_ONLY,
                   _("“%s” was made by an older version of Đôn Đốc and must be upgraded, "
                     "but it cannot be written to."), display);
      return FALSE;
    }
  if (has_tables)
    {
      g_autofree char *tag = g_strdup_printf ("v%d", self->schema_version);
      g_autoptr(GError) local = NULL;

      if (!_dd_store_auto_backup (self, TRUE, tag, &local))
        {
          g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED,
                       _("“%s” must be upgraded, but the backup that is made before an "
                         "upgrade failed, so it was left untouched: %s"),
                       display, local->message);
          return FALSE;
        }
    }
  return migrate (self, error);
}

/* A file created by this account: it is the file's first administrator. */
static gboolean
record_creator (DdStore  *self,
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

static gboolean
dd_store_setup (DdStore           *self,
                DdStoreOpenFlags   flags,
                GError           **error)
{
  g_autofree char *display = g_filename_display_name (self->path);
  gboolean memory = g_str_equal (self->path, ":memory:");
  gboolean create = memory || (flags & DD_STORE_OPEN_CREATE) != 0;
  gboolean exists = !memory && g_file_test (self->path, G_FILE_TEST_EXISTS);
  gint64 n_tables = 0;

  if (!check_path (self, display, create, exists, error))
    return FALSE;
  set_read_only_at_open (self, display, flags, exists);
  if (!open_handle (self, create, error) || !check_identity (self, display, create, &n_tables, error))
    return FALSE;
  if (exists && !check_or_defer_damage (self, display, flags, error))
    return FALSE;

  self->schema_version = (int) dd_sql_query_int64 (self, "PRAGMA user_version", 0);
  if (!check_version_valid (self, display, error) ||
      (exists && !check_schema (self, display, error)))
    return FALSE;
  if (!self->access.tampered && !self->access.damaged && self->schema_version <= DD_SCHEMA_VERSION)
    _dd_store_pin_schema (self);
  if (self->schema_version > DD_SCHEMA_VERSION && !self->access.damaged)
    return reopen_newer_read_only (self, display, error);

  if (!dd_sql_exec (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;
  if (!self->access.read_only && !memory && !set_write_pragmas (self, error))
    return FALSE;
  if (!memory)
    self->access.lock_warning = _dd_store_check_mountinfo ("/proc/self/mountinfo", self->path);

  if (self->schema_version < DD_SCHEMA_VERSION)
    {
      if (!upgrade (self, display, exists && n_tables > 0, error))
        return FALSE;
    }
  else if (exists && !self->access.read_only)
    {
      g_autoptr(GError) local = NULL;

      if (!_dd_store_auto_backup (self, FALSE, NULL, &local))
        self->access.backup_warning = g_strdup (local->message);
    }

  if (create && !record_creator (self, error))
    return FALSE;

  _dd_store_refresh_role (self);
  /* An import in chunks that was killed: taken back (dd-store-import-undo.c). */
  if (!memory)
    _dd_store_undo_stale_imports (self);
  self->data_version = dd_sql_query_int64 (self, "PRAGMA data_version", 0);
  return TRUE;
}

/* GObject overrides */

static void
dd_store_finalize (GObject *object)
{
  DdStore *self = (DdStore *) object;

  /* Nobody is listening any more. */
  self->flags.access_pending = FALSE;
  _dd_store_rollback (self);
  g_clear_pointer (&self->db, sqlite3_close);
  g_free (self->path);
  _dd_store_access_clear (&self->access);
  g_clear_pointer (&self->recurring, _dd_recurring_cache_free);
  g_clear_pointer (&self->counts, _dd_status_counts_free);
  _dd_store_set_commit_hook (self, NULL, NULL, NULL);
  g_clear_error (&self->remote_error);
  g_clear_pointer (&self->batch_ids, g_array_unref);
  g_clear_pointer (&self->next_batch_ids, g_array_unref);
  _dd_store_set_job_opener (self, NULL, NULL, NULL);

  G_OBJECT_CLASS (dd_store_parent_class)->finalize (object);
}

static void
dd_store_class_init (DdStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_store_finalize;

  /**
   * DdStore::changed:
   * @self: the store
   *
   * Emitted when the data changed: after each committed write made through
   * this store, and when dd_store_poll_external_changes() finds that another
   * desktop committed one. Views refresh on it. No arguments besides @self.
   * Emitted on the thread that uses the store (the main thread for the
   * window's store; a worker's own connection never has handlers), after
   * the commit, never inside a transaction.
   */
  signals [SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * DdStore::external-change:
   * @self: the store
   *
   * Emitted by dd_store_poll_external_changes() when another connection
   * (another desktop, or a DdStoreWorker writing for this store) committed
   * a change to the file; "changed" follows it at once. No arguments
   * besides @self; on the thread that polls, the main thread.
   */
  signals [SIGNAL_EXTERNAL_CHANGE] =
    g_signal_new ("external-change", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * DdStore::access-changed:
   * Emitted when what the user may change changed: their role or unit
   * (given on this desktop or, found by dd_store_poll_external_changes(),
   * on another), the file becoming writable or staying read-only after
   * the damage check, the lock warning acknowledged. Never inside a write.
   * Views enable and disable their controls on it (dd_store_get_role(),
   * dd_store_is_read_only(), dd_store_is_lock_warning_acknowledged()).
   * No arguments besides @self; on the thread that made the change, the
   * main thread (dd_store_check_async() emits it from its callback there).
   */
  signals [SIGNAL_ACCESS_CHANGED] =
    g_signal_new ("access-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dd_store_init (DdStore *self)
{
  self->access.user = g_strdup (g_get_user_name ());
  self->access.role = DD_ROLE_ADMIN;
  self->schema_cookie = -1;
  self->busy.tries = 5;
  self->busy.attempt_ms = 1500;
  self->busy.backoff_ms = 250;
}

/* Public API: opening */

DdStore *
dd_store_open (const char        *path,
               DdStoreOpenFlags   flags,
               GError           **error)
{
  g_autoptr(DdStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ensure_resources ();

  self = g_object_new (DD_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (!dd_store_setup (self, flags, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* The check of DD_STORE_OPEN_CHECK_LATER */

typedef struct
{
  char *path;
  gboolean backup_due;
  DdAutoBackupPlan plan;
  char *problems;       /* "" when none */
  char *backup_error;
  DdQueryLimit limit;
} CheckJob;

static void
check_job_free (CheckJob *job)
{
  g_free (job->path);
  _dd_auto_backup_plan_clear (&job->plan);
  g_free (job->problems);
  g_free (job->backup_error);
  g_free (job);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckJob *job = task_data;
  sqlite3 *db = NULL;

  /* A connection of its own, read-only: the store's stays free for the
   * window, and nothing here can write to the file. */
  if (sqlite3_open_v2 (job->path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    job->problems = g_strdup (db != NULL ? sqlite3_errmsg (db) : "cannot open");
  else
    {
      _dd_sql_harden (db, &job->limit);
      sqlite3_busy_timeout (db, DD_BUSY_TIMEOUT_MS);
      job->problems = run_quick_check (db);
    }
  sqlite3_close (db);

  if (*job->problems == '\0' && job->backup_due && !g_cancellable_is_cancelled (cancellable))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *made = _dd_store_auto_backup_run (&job->plan, &error);

      if (made == NULL)
        job->backup_error = g_strdup (error->message);
      else
        g_debug ("Backup made: %s", made);
    }
  g_task_return_boolean (task, TRUE);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  DdStore *self = DD_STORE (source);
  g_autoptr(GTask) outer = user_data;
  CheckJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->flags.checking = FALSE;
  if (*job->problems != '\0')
    {
      if (!mark_damaged (self, job->problems, &error))
        {
          _dd_store_access_changed (self);
          g_task_return_error (outer, g_steal_pointer (&error));
          return;
        }
    }
  else if (self->flags.read_only_for_check)
    {
      self->access.read_only = FALSE;
      self->flags.read_only_for_check = FALSE;
      g_clear_pointer (&self->access.read_only_reason, g_free);
      if (!set_write_pragmas (self, &error))
        {
          _dd_store_access_changed (self);
          g_task_return_error (outer, g_steal_pointer (&error));
          return;
        }
    }
  if (job->backup_error != NULL && self->access.backup_warning == NULL)
    self->access.backup_warning = g_strdup (job->backup_error);
  /* Writable now, or read-only for good with another reason. */
  _dd_store_access_changed (self);
  g_task_return_boolean (outer, TRUE);
}

gboolean
dd_store_is_checking (DdStore *self)
{
  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  return self->flags.checking;
}

void
dd_store_check_async (DdStore             *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *outer;
  g_autoptr(GTask) inner = NULL;
  CheckJob *job;

  g_return_if_fail (DD_IS_STORE (self));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, dd_store_check_async);
  if (!self->flags.checking)
    {
      g_task_return_boolean (outer, TRUE);
      g_object_unref (outer);
      return;
    }

  job = g_new0 (CheckJob, 1);
  job->path = g_strdup (self->path);
  /* The backup is decided here (it reads settings) and copied there. */
  job->backup_due = self->flags.read_only_for_check && _dd_store_auto_backup_plan (self, &job->plan);
  inner = g_task_new (self, cancellable, check_done_cb, outer);
  g_task_set_task_data (inner, job, (GDestroyNotify) check_job_free);
  g_task_run_in_thread (inner, check_thread);
}

gboolean
dd_store_check_finish (DdStore       *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

DdStore *
dd_store_open_sibling (DdStore  *self,
                       GError  **error)
{
  g_autoptr(DdStore) sibling = NULL;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_str_equal (self->path, ":memory:") || self->db == NULL)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("A database in memory cannot be opened a second time."));
      return NULL;
    }

  sibling = g_object_new (DD_TYPE_STORE, NULL);
  sibling->path = g_strdup (self->path);
  sibling->schema_version = self->schema_version;
  /* Who works on the file, what they may do and how they wait for a lock,
   * whole: the sibling acts for the same person on the same file. */
  _dd_store_access_copy (&sibling->access, &self->access);
  sibling->busy = self->busy;

  /* SQLite reads the file on the first statement, not on opening; these
   * pragmas only set the connection. */
  if (!open_handle (sibling, FALSE, error) ||
      !dd_sql_exec (sibling, "PRAGMA foreign_keys = ON", error))
    return NULL;
  if (!sibling->access.read_only && !dd_sql_exec (sibling, "PRAGMA synchronous = FULL", error))
    return NULL;
  /* The same file, whose schema was found right: each write checks that it
   * still is. */
  if (self->schema_cookie >= 0)
    _dd_store_pin_schema (sibling);
  return g_steal_pointer (&sibling);
}

const char *
dd_store_get_path (DdStore *self)
{
  g_return_val_if_fail (DD_IS_STORE (self), NULL);
  return self->path;
}

gboolean
dd_store_is_read_only (DdStore *self)
{
  g_return_val_if_fail (DD_IS_STORE (self), TRUE);
  return self->access.read_only;
}

const char *
dd_store_get_read_only_reason (DdStore *self)
{
  g_return_val_if_fail (DD_IS_STORE (self), NULL);
  return self->access.read_only ? self->access.read_only_reason : NULL;
}

gboolean
dd_store_is_sample (DdStore *self)
{
  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  return dd_sql_query_int64 (self, "SELECT count(*) FROM plans WHERE is_sample = 1", 0) > 0;
}

gboolean
dd_store_has_tasks (DdStore  *self,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  /* tasks_live_order holds the live tasks alone: its first entry answers. */
  stmt = dd_sql_prepare (self, "SELECT EXISTS (SELECT 1 FROM tasks WHERE deleted_at IS NULL)", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return dd_sql_set_sqlite_error (self, rc, error);
  return sqlite3_column_int (stmt, 0) != 0;
}

int
dd_store_get_schema_version (DdStore *self)
{
  g_return_val_if_fail (DD_IS_STORE (self), 0);
  return self->schema_version;
}

char *
dd_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "dondoc", "dondoc.sqlite", NULL);
}

gboolean
dd_store_poll_external_changes (DdStore  *self,
                                GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 version;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->flags.in_transaction, FALSE);

  /* data_version changes when another connection commits; never for this
   * connection's own commits (those emit "changed"). */
  stmt = dd_sql_prepare (self, "PRAGMA data_version", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return dd_sql_set_sqlite_error (self, rc, error);
  version = sqlite3_column_int64 (stmt, 0);
  if (version == self->data_version)
    return FALSE;
  self->data_version = version;
  _dd_store_refresh_role (self);
  g_signal_emit (self, signals[SIGNAL_EXTERNAL_CHANGE], 0);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return TRUE;
}

void
_dd_store_external_change (DdStore *self)
{
  g_return_if_fail (DD_IS_STORE (self));
  g_return_if_fail (!self->flags.in_transaction);

  /* What the caches kept was read from the tables before the change: as
   * after a commit of this connection, no stamp taken before is current. */
  self->commit_serial++;
  _dd_store_refresh_role (self);
  g_signal_emit (self, signals[SIGNAL_EXTERNAL_CHANGE], 0);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}
