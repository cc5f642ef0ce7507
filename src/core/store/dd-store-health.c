/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store"

#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-store-private.h"

/*
 * The file's health: filesystems whose locks do not work between desktops
 * (read from /proc/self/mountinfo when the store opens; the warning itself
 * and its acknowledgement are in dd-store-access.c), damage (the opening's
 * PRAGMA quick_check in dd-store.c, the full check of dd_store_verify())
 * and the data version this build supports.
 */

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

/* Damage */

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

gboolean
dd_store_is_damaged (DdStore *self)
{
  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  return self->access.damaged;
}

gboolean
dd_store_is_tampered (DdStore *self)
{
  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  return self->access.tampered;
}

gboolean
dd_store_verify (DdStore   *self,
                 char     **out_report,
                 GError   **error)
{
  g_autoptr(GString) report = g_string_new (NULL);
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *schema = NULL;
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
  if (self->schema_version <= DD_SCHEMA_VERSION)
    schema = _dd_store_schema_differences (self->db, self->schema_version);

  g_string_append_printf (report, _("Integrity: %s\n"), problems->len == 0 ? _("ok") : problems->str);
  if (schema != NULL)
    g_string_append_printf (report, _("Structure: %s\n"), *schema == '\0' ? _("ok") : schema);
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
  if (schema != NULL && *schema != '\0')
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_TAMPERED,
                   _("The database was changed outside Đôn Đốc: %s."), schema);
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

int
dd_store_get_schema_version_supported (void)
{
  return DD_SCHEMA_VERSION;
}
