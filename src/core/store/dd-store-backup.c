/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dd-store-private.h"
#include "dd-store-backup-private.h"

/*
 * Making backups: the names "<name>-YYYYMMDD-HHMMSS[-tag].sqlite", the copy
 * through SQLite's online backup API (consistent even while others write),
 * keeping the newest "backup_keep", and the daily backup of opening
 * (dd-store.c decides when). Making one on demand, listing and restoring
 * them is DdBackups' (audit/dd-backups.c).
 */

#define BACKUP_SUFFIX ".sqlite"
#define DEFAULT_BACKUP_KEEP 10

/* Names */

/* One number of a backup's name: its digits, within [@min, @max]. */
static gboolean
parse_field (const char *digits,
             guint64     min,
             guint64     max,
             guint64    *out)
{
  return g_ascii_string_to_unsigned (digits, 10, min, max, out, NULL);
}

gboolean
_dd_backup_parse_name (const char  *name,
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
  guint64 fields[6];

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
  if (!parse_field (year, 1, 9999, &fields[0]) || !parse_field (month, 1, 12, &fields[1]) ||
      !parse_field (day, 1, 31, &fields[2]) || !parse_field (hour, 0, 23, &fields[3]) ||
      !parse_field (minute, 0, 59, &fields[4]) || !parse_field (second, 0, 59, &fields[5]))
    return FALSE;
  made_at = g_date_time_new_local ((int) fields[0], (int) fields[1], (int) fields[2], (int) fields[3],
                                   (int) fields[4], (double) fields[5]);
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

char *
_dd_backup_stem (const char *db_path)
{
  g_autofree char *base = g_path_get_basename (db_path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

/* Making backups */

char *
_dd_store_dup_backup_dir (DdStore  *self,
                          GError  **error)
{
  g_autofree char *setting = NULL;
  g_autofree char *dir = NULL;
  GError *local_error = NULL;

  setting = dd_store_dup_setting (self, "backup_dir", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
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
  g_autofree char *value = dd_store_dup_setting (self, "backup_keep", NULL);
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
    if (_dd_backup_parse_name (name, stem, NULL, NULL))
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
                         GError     **error)
{
  DdQueryLimit limit = { 0 };
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (dest_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    _dd_sql_harden (dest, &limit);
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
char *
_dd_backup_new_path (const char *folder,
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

static gboolean
make_folder (const char  *folder,
             GError     **error)
{
  if (g_mkdir_with_parents (folder, 0775) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED,
                   _("Cannot create the backup folder “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Files */

/* A ".part" file this old was left by a writer that was killed or failed:
 * no backup or export takes this long. */
#define STALE_PART_SECONDS (15 * 60)

void
_dd_remove_stale_parts (const char *folder,
                        const char *prefix)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, prefix) ||
          (!g_str_has_suffix (name, ".part") && !g_str_has_suffix (name, ".part-journal")))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && now - (gint64) st.st_mtime >= STALE_PART_SECONDS)
        g_unlink (path);
    }
}

gboolean
_dd_fsync_path (const char *path)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  int rc;

  if (fd < 0)
    return FALSE;
  rc = fsync (fd);
  close (fd);
  return rc == 0;
}

/* Copies @source into a new backup in @folder (which exists) and keeps the
 * newest @keep backups of @stem there. Returns: (transfer full) its path. */
static char *
write_backup (sqlite3     *source,
              const char  *folder,
              const char  *stem,
              const char  *tag,
              guint        keep,
              GError     **error)
{
  g_autofree char *path = _dd_backup_new_path (folder, stem, tag);
  g_autofree char *part = NULL;
  g_autoptr(GPtrArray) existing = NULL;

  /* Written under a temporary name: a backup that is listed is whole. */
  part = g_strconcat (path, ".part", NULL);
  g_unlink (part);
  /* Those of a backup that was killed (and their journals). */
  {
    g_autofree char *prefix = g_strconcat (stem, "-", NULL);

    _dd_remove_stale_parts (folder, prefix);
  }
  if (!copy_db_with_backup_api (source, part, error))
    {
      g_unlink (part);
      return NULL;
    }
  /* On the disk before it has its name: a crash never leaves a named
   * backup that is empty. */
  if (!_dd_fsync_path (part) || g_rename (part, path) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (folder);

      g_unlink (part);
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED,
                   _("Cannot write the backup in “%s”: %s"), display, g_strerror (saved));
      return NULL;
    }

  existing = list_own_backups (folder, stem);
  for (guint i = keep; i < existing->len; i++)
    {
      g_autofree char *old = g_build_filename (folder, g_ptr_array_index (existing, i), NULL);

      g_unlink (old);
    }
  return g_steal_pointer (&path);
}

/* Whether @folder holds a backup of @stem made today (by their names). */
static gboolean
has_backup_of_today (const char *folder,
                     const char *stem)
{
  g_autoptr(GPtrArray) existing = list_own_backups (folder, stem);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y%m%d");

  for (guint i = 0; i < existing->len; i++)
    {
      const char *name = g_ptr_array_index (existing, i);

      if (strncmp (name + strlen (stem) + 1, today, 8) == 0)
        return TRUE;
    }
  return FALSE;
}

char *
_dd_store_backup_to (DdStore     *self,
                     const char  *folder,
                     const char  *tag,
                     GError     **error)
{
  g_autofree char *stem = _dd_backup_stem (g_str_equal (self->path, ":memory:") ? "dondoc" : self->path);

  if (!make_folder (folder, error))
    return NULL;
  return write_backup (self->db, folder, stem, tag, backup_keep (self), error);
}

/* The daily backup of opening */

gboolean
_dd_store_auto_backup (DdStore     *self,
                       gboolean     force,
                       const char  *tag,
                       GError     **error)
{
  GError *local_error = NULL;
  g_autofree char *dir = _dd_store_dup_backup_dir (self, &local_error);
  g_autofree char *made = NULL;

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (dir == NULL)
    return TRUE;

  /* At most once a day. */
  if (!force)
    {
      g_autofree char *stem = _dd_backup_stem (self->path);

      if (has_backup_of_today (dir, stem))
        return TRUE;
    }

  made = _dd_store_backup_to (self, dir, tag, error);
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
  memset (plan, 0, sizeof *plan);
  plan->dir = _dd_store_dup_backup_dir (self, NULL);
  if (plan->dir == NULL)
    return FALSE;
  plan->stem = _dd_backup_stem (self->path);
  if (has_backup_of_today (plan->dir, plan->stem))
    {
      _dd_auto_backup_plan_clear (plan);
      return FALSE;
    }
  plan->db_path = g_strdup (self->path);
  plan->keep = backup_keep (self);
  return TRUE;
}

char *
_dd_store_auto_backup_run (const DdAutoBackupPlan  *plan,
                           GError                 **error)
{
  DdQueryLimit limit = { 0 };
  sqlite3 *source = NULL;
  char *path;

  if (!make_folder (plan->dir, error))
    return NULL;
  if (sqlite3_open_v2 (plan->db_path, &source, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
    _dd_sql_harden (source, &limit);
  else
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED, _("Cannot write the backup: %s"),
                   source != NULL ? sqlite3_errmsg (source) : "");
      sqlite3_close (source);
      return NULL;
    }
  path = write_backup (source, plan->dir, plan->stem, NULL, plan->keep, error);
  sqlite3_close (source);
  return path;
}

void
_dd_auto_backup_plan_clear (DdAutoBackupPlan *plan)
{
  g_clear_pointer (&plan->db_path, g_free);
  g_clear_pointer (&plan->dir, g_free);
  g_clear_pointer (&plan->stem, g_free);
}
