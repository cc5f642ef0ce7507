/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-backups"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dd-store-private.h"
#include "dd-store-backup-private.h"

/*
 * DdBackups: a store's backups folder, making a backup now, listing the
 * backups with what each holds, and restoring one over the file. The names
 * and the copying are the store's (store/dd-store-backup.c), which also
 * makes the daily backup while it opens the file.
 */

struct _DdBackups
{
  GObject parent_instance;

  DdStore *store;
};

G_DEFINE_FINAL_TYPE (DdBackups, dd_backups, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_BOXED_TYPE (DdBackupInfo, dd_backup_info, dd_backup_info_copy, dd_backup_info_free)

/* Boxed types */

DdBackupInfo *
dd_backup_info_copy (const DdBackupInfo *self)
{
  DdBackupInfo *copy = g_new0 (DdBackupInfo, 1);

  *copy = *self;
  copy->path = g_strdup (self->path);
  copy->tag = g_strdup (self->tag);
  copy->made_at = self->made_at != NULL ? g_date_time_ref (self->made_at) : NULL;
  return copy;
}

void
dd_backup_info_free (DdBackupInfo *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_free (self->tag);
  g_clear_pointer (&self->made_at, g_date_time_unref);
  g_free (self);
}

/* Auxiliary methods */

static void
read_backup_info (DdBackupInfo *info)
{
  DdQueryLimit limit = { 0 };
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  info->readable = FALSE;
  if (sqlite3_open_v2 (info->path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    goto out;
  _dd_sql_harden (db, &limit);
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

static gboolean
check_backup_file (const char  *backup_path,
                   GError     **error)
{
  g_autofree char *display = g_filename_display_name (backup_path);
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autofree char *differences = NULL;
  DdQueryLimit limit = { 0 };
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 app_id = -1, version = -1;
  gboolean ok = FALSE;
  int rc, last;

  if (!g_file_test (backup_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NOT_FOUND,
                   _("The backup “%s” does not exist."), display);
      return FALSE;
    }
  if (sqlite3_open_v2 (backup_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    goto out;
  _dd_sql_harden (db, &limit);
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
  /* A backup whose schema was changed would bring the change into the
   * shared file. */
  if (problems->len == 0 && version >= 1 && version <= DD_SCHEMA_VERSION)
    differences = _dd_store_schema_differences (db, (int) version);
  ok = TRUE;

out:
  last = db != NULL ? sqlite3_errcode (db) : SQLITE_CANTOPEN;
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* The disk failed: the backup may be sound. */
  if (!ok && ((last & 0xff) == SQLITE_IOERR || (last & 0xff) == SQLITE_NOMEM || (last & 0xff) == SQLITE_CANTOPEN))
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED,
                   _("The backup “%s” could not be read (%s): the disk or the network share failed. "
                     "Nothing was restored; try again."), display, sqlite3_errstr (last));
      return FALSE;
    }
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
  if (differences != NULL && *differences != '\0')
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_TAMPERED,
                   _("The backup “%s” was changed outside Đôn Đốc (%s); nothing was restored."),
                   display, differences);
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

/* GObject overrides */

static void
dd_backups_dispose (GObject *object)
{
  DdBackups *self = DD_BACKUPS (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (dd_backups_parent_class)->dispose (object);
}

static void
dd_backups_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DdBackups *self = DD_BACKUPS (object);

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
dd_backups_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  DdBackups *self = DD_BACKUPS (object);

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
dd_backups_class_init (DdBackupsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_backups_dispose;
  object_class->get_property = dd_backups_get_property;
  object_class->set_property = dd_backups_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DD_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_backups_init (DdBackups *self)
{
}

/* Public API */

DdBackups *
dd_backups_new (DdStore *store)
{
  g_return_val_if_fail (DD_IS_STORE (store), NULL);

  return g_object_new (DD_TYPE_BACKUPS, "store", store, NULL);
}

char *
dd_backups_dup_folder (DdBackups  *self,
                       GError    **error)
{
  g_return_val_if_fail (DD_IS_BACKUPS (self), NULL);

  return _dd_store_dup_backup_dir (self->store, error);
}

char *
dd_backups_make (DdBackups   *self,
                 const char  *folder,
                 GError     **error)
{
  g_autofree char *dir = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (DD_IS_BACKUPS (self), NULL);
  g_return_val_if_fail (!self->store->flags.in_transaction, NULL);

  dir = folder != NULL ? g_strdup (folder) : _dd_store_dup_backup_dir (self->store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (dir == NULL)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("A database in memory has no backup folder; give one."));
      return NULL;
    }
  return _dd_store_backup_to (self->store, dir, NULL, error);
}

GDateTime *
dd_backups_dup_last_good (DdBackups  *self,
                          GError    **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *stem = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (DD_IS_BACKUPS (self), NULL);

  folder = dd_backups_dup_folder (self, error);
  if (folder == NULL || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    return NULL;
  backups = dd_backups_list_folder (folder, &local_error);
  if (backups == NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  /* The folder may be shared by several files: this file's only. */
  stem = _dd_backup_stem (dd_store_get_path (self->store));
  for (guint i = 0; i < backups->len; i++)
    {
      const DdBackupInfo *info = g_ptr_array_index (backups, i);
      g_autofree char *name = g_path_get_basename (info->path);

      if (info->readable && _dd_backup_parse_name (name, stem, NULL, NULL))
        return g_date_time_ref (info->made_at);
    }
  return NULL;
}

gboolean
dd_backups_is_overdue (GDateTime *last_good,
                       GDateTime *now,
                       guint      days)
{
  g_return_val_if_fail (now != NULL, FALSE);

  if (last_good == NULL)
    return TRUE;
  return g_date_time_difference (now, last_good) > (GTimeSpan) days * G_TIME_SPAN_DAY;
}

GPtrArray *
dd_backups_list_folder (const char  *folder,
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

      if (!_dd_backup_parse_name (name, NULL, &info->made_at, &info->tag))
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

/* Whether this account may replace @db_path: an administrator of the file,
 * or, when the file cannot be read at all (what a restore is often for),
 * of the backup. The role is read on read-only connections: nothing is
 * written, no backup made. */
static gboolean
check_may_restore (const char  *db_path,
                   const char  *backup_path,
                   GError     **error)
{
  g_autoptr(DdStore) store = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *display = NULL;

  if (g_file_test (db_path, G_FILE_TEST_EXISTS))
    store = dd_store_open (db_path, DD_STORE_OPEN_READ_ONLY, &local);
  if (store == NULL)
    {
      g_clear_error (&local);
      store = dd_store_open (backup_path, DD_STORE_OPEN_READ_ONLY, &local);
    }
  if (store == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (dd_store_get_role (store) == DD_ROLE_ADMIN)
    return TRUE;
  display = g_filename_display_name (db_path);
  g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION,
               _("Only an administrator of “%s” may replace it by a backup: everyone's later "
                 "work would be gone. Nothing was restored."), display);
  return FALSE;
}

/* Records in the copy about to become the file who restored it, when, from
 * which backup and which file it replaced (audit_log, from data version 3). */
static gboolean
record_restore (const char  *copy_path,
                const char  *backup_path,
                const char  *kept_path,
                GError     **error)
{
  g_autofree char *backup_name = g_path_get_basename (backup_path);
  g_autofree char *kept_name = kept_path != NULL ? g_path_get_basename (kept_path) : NULL;
  DdQueryLimit limit = { 0 };
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_open_v2 (copy_path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      _dd_sql_harden (db, &limit);
      rc = sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit_log'",
                               -1, &stmt, NULL);
    }
  /* A file older than version 3 has no history; a read that failed is no
   * reason to skip it (tests/core/test-faults.c). */
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_DONE)
    rc = SQLITE_OK;
  else if (rc == SQLITE_ROW)
    {
      g_clear_pointer (&stmt, sqlite3_finalize);
      rc = sqlite3_prepare_v2 (db, "INSERT INTO audit_log (user, table_name, action, new_values) "
                               "VALUES (?1, 'file', 'restore', json_object ('backup', ?2, 'replaced', ?3))",
                               -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, g_get_user_name (), -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, backup_name, -1, SQLITE_TRANSIENT);
          if (kept_name != NULL)
            sqlite3_bind_text (stmt, 3, kept_name, -1, SQLITE_TRANSIENT);
          rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
        }
    }
  if (rc != SQLITE_OK)
    g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED,
                 _("Cannot record the restore in the history: %s; nothing was restored."),
                 db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return rc == SQLITE_OK;
}

/* Gives @path the owner, group and mode of the file it replaces, so that
 * whoever could write the shared file still can. The owner can be given
 * only by root; the group and mode by the owner. */
static void
keep_ownership (const char     *path,
                const GStatBuf *was)
{
  if (chown (path, was->st_uid, was->st_gid) != 0 && chown (path, (uid_t) -1, was->st_gid) != 0)
    g_debug ("Cannot give %s the group of the file it replaces: %s", path, g_strerror (errno));
  if (g_chmod (path, was->st_mode & 07777) != 0)
    g_debug ("Cannot give %s the mode of the file it replaces: %s", path, g_strerror (errno));
}

/* Keeps the file being replaced, byte for byte, among its backups. */
static char *
keep_replaced (const char  *db_path,
               GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *backup_dir = g_build_filename (dir, "backups", NULL);
  g_autofree char *stem = _dd_backup_stem (db_path);
  g_autofree char *kept = NULL;

  if (g_mkdir_with_parents (backup_dir, 0775) != 0)
    {
      int saved = errno;
      g_autofree char *dir_display = g_filename_display_name (backup_dir);

      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED,
                   _("Cannot create the backup folder “%s”: %s"), dir_display, g_strerror (saved));
      return NULL;
    }
  kept = _dd_backup_new_path (backup_dir, stem, "replaced");
  if (!copy_file_synced (db_path, kept, error))
    return NULL;
  return g_steal_pointer (&kept);
}

/* Writes the backup, with the record of the restore, beside @db_path and
 * renames it over it. */
static gboolean
replace_file (const char      *db_path,
              const char      *backup_path,
              const char      *kept,
              const GStatBuf  *was,
              GError         **error)
{
  g_autofree char *temp = g_strdup_printf ("%s.restore-%08x", db_path, g_random_int ());
  g_autofree char *temp_journal = g_strconcat (temp, "-journal", NULL);
  g_autofree char *display = g_filename_display_name (db_path);

  if (!copy_file_synced (backup_path, temp, error) ||
      !record_restore (temp, backup_path, kept, error))
    {
      g_unlink (temp);
      g_unlink (temp_journal);
      return FALSE;
    }
  if (was != NULL)
    keep_ownership (temp, was);
  if (g_rename (temp, db_path) != 0)
    {
      int saved = errno;

      g_unlink (temp);
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED,
                   _("Cannot replace “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }
  sync_folder (db_path);
  return TRUE;
}

gboolean
dd_backups_restore_file (const char  *db_path,
                         const char  *backup_path,
                         GError     **error)
{
  g_autofree char *journal = NULL;
  g_autofree char *kept = NULL;
  DdQueryLimit limit = { 0 };
  GStatBuf was;
  gboolean exists;
  sqlite3 *lock = NULL;
  gboolean locked = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (db_path != NULL && backup_path != NULL, FALSE);

  if (!check_backup_file (backup_path, error) || !check_may_restore (db_path, backup_path, error))
    return FALSE;

  journal = g_strconcat (db_path, "-journal", NULL);
  exists = g_stat (db_path, &was) == 0;

  /* While the file is replaced nobody may write to it: hold its write lock
   * (a damaged file may not give one; it is replaced all the same). */
  if (exists)
    {
      if (sqlite3_open_v2 (db_path, &lock, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
        {
          _dd_sql_harden (lock, &limit);
          sqlite3_busy_timeout (lock, DD_BUSY_TIMEOUT_MS);
          locked = sqlite3_exec (lock, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK;
        }
      kept = keep_replaced (db_path, error);
      if (kept == NULL)
        goto out;
    }

  if (!replace_file (db_path, backup_path, kept, exists ? &was : NULL, error))
    goto out;

  /* A journal left beside the old file belongs to it, not to the restored
   * one: SQLite would otherwise "roll it back" into the backup. */
  if (g_file_test (journal, G_FILE_TEST_EXISTS))
    {
      g_autofree char *aside = g_strconcat (kept != NULL ? kept : db_path, kept != NULL ? "-journal" : "-journal-aside", NULL);

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
