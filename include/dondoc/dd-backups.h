/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <gio/gio.h>
#include "dd-store.h"

G_BEGIN_DECLS

/*
 * Backups of a database file: "<name>-YYYYMMDD-HHMMSS[-tag].sqlite" in a
 * backups folder. The store makes one itself on opening a writable file, at
 * most once a day, and always before upgrading an older file
 * (dd_store_get_backup_warning() says when that failed). Main thread only.
 */

typedef struct
{
  char *path;
  GDateTime *made_at;   /* local time, from the name */
  char *tag;            /* NULL, or why it was made: "v2" (before an upgrade), "replaced" */
  gboolean readable;    /* FALSE: not a readable Đôn Đốc database */
  int schema_version;
  guint n_plans;
  guint n_tasks;        /* not in the recycle bin */
} DdBackupInfo;

#define DD_TYPE_BACKUP_INFO (dd_backup_info_get_type ())
GType         dd_backup_info_get_type (void) G_GNUC_CONST;
DdBackupInfo *dd_backup_info_copy     (const DdBackupInfo *self);
void          dd_backup_info_free     (DdBackupInfo *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdBackupInfo, dd_backup_info_free)

/**
 * DdBackups:
 *
 * The backups of a store's file: its backups folder and making one now.
 * Listing a folder and restoring a backup need no store (the file may be
 * damaged, or must be closed): dd_backups_list_folder() and
 * dd_backups_restore_file().
 */
#define DD_TYPE_BACKUPS (dd_backups_get_type ())
G_DECLARE_FINAL_TYPE (DdBackups, dd_backups, DD, BACKUPS, GObject)

/* Returns: (transfer full): the backups of @store (holds a reference on it) */
DdBackups  *dd_backups_new             (DdStore *store) G_GNUC_WARN_UNUSED_RESULT;

/* The folder of the store's backups: the setting "backup_dir" when set,
 * otherwise "backups" beside the file. (transfer full) (nullable: a
 * database in memory has none; %NULL with @error set when the setting
 * could not be read) */
char       *dd_backups_dup_folder      (DdBackups  *self,
                                        GError    **error);

/**
 * dd_backups_make:
 * @folder: (nullable): where to write; %NULL for dd_backups_dup_folder()
 *
 * Copies the open database with the online backup API (a consistent copy
 * even while others write) into @folder, named
 * "<name>-YYYYMMDD-HHMMSS.sqlite", and keeps the newest "backup_keep"
 * (default 10) backups of this database there. Not inside a write.
 *
 * Returns: (transfer full): the backup's path, or %NULL with @error set
 */
char       *dd_backups_make            (DdBackups   *self,
                                        const char  *folder,
                                        GError     **error);

/**
 * dd_backups_list_folder:
 *
 * The backups in @folder, newest first, with what each holds (reading a
 * backup's counts opens it: a few milliseconds each). Files that are not
 * readable Đôn Đốc databases are listed with readable = %FALSE. Needs no
 * store: any thread.
 *
 * Returns: (transfer full) (element-type DdBackupInfo)
 */
GPtrArray  *dd_backups_list_folder     (const char  *folder,
                                        GError     **error);

/**
 * dd_backups_dup_last_good:
 * @self: the backups
 * @error: set when the folder cannot be read (a folder not made yet is
 *   no error: no backup)
 *
 * When the newest backup of the store's file that is a readable Đôn Đốc
 * database was made (dd_backups_list_folder()). Main thread.
 *
 * Returns: (transfer full) (nullable): its time (local), or %NULL when
 *   there is none or with @error set
 */
GDateTime  *dd_backups_dup_last_good   (DdBackups  *self,
                                        GError    **error);

/**
 * dd_backups_is_overdue:
 * @last_good: (nullable): when the last good backup was made (%NULL: none)
 * @now: the time now
 * @days: how many days without one are accepted
 *
 * Returns: whether more than @days days passed since @last_good (always
 *   %TRUE without one)
 */
gboolean    dd_backups_is_overdue      (GDateTime  *last_good,
                                        GDateTime  *now,
                                        guint       days);

/**
 * dd_backups_restore_file:
 * @db_path: the database file to replace (it may be damaged, or missing)
 * @backup_path: a backup
 *
 * Verifies the backup (application id, schema version, integrity_check),
 * keeps the current file as a backup "…-replaced.sqlite" in the backups
 * folder beside it, copies the backup to a temporary name beside @db_path,
 * flushes it to disk and renames it over @db_path, so that the file is
 * either the old one or the whole backup, never half of each. Other desktops
 * that have the old file open can no longer write to it and are told to
 * open it again. Needs no store, and none of @db_path may be open in this
 * process: close them (and their DdBackups) first. It checks no role (the
 * file may be unreadable); the window offers it to whoever dd_store_can()
 * allows %DD_ACTION_RESTORE_BACKUP.
 */
gboolean    dd_backups_restore_file    (const char  *db_path,
                                        const char  *backup_path,
                                        GError     **error);

G_END_DECLS
