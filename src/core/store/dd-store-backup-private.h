/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dd-store-private.h"

G_BEGIN_DECLS

/* The names and making of backups (dd-store-backup.c), for DdBackups. */

/* Whether @name is the name of a backup ("<stem>-YYYYMMDD-HHMMSS[-tag].sqlite",
 * of @stem when it is not NULL); with the time it was made (local) and its
 * tag (NULL when none). */
gboolean _dd_backup_parse_name (const char *name, const char *stem, GDateTime **out_made_at,
                                char **out_tag);
/* The name of @db_path without its folder and extension. (transfer full) */
char    *_dd_backup_stem       (const char *db_path);
/* A name in @folder for a backup of @stem made now, never used before. (transfer full) */
char    *_dd_backup_new_path   (const char *folder, const char *stem, const char *tag);
/* The folder of the store's backups (dd_backups_dup_folder()). (transfer full) (nullable) */
char    *_dd_store_dup_backup_dir (DdStore *self, GError **error);
/* Backs the open database up into @folder (created when missing), keeping
 * the newest "backup_keep" there. (transfer full) (nullable) */
char    *_dd_store_backup_to   (DdStore *self, const char *folder, const char *tag, GError **error);

G_END_DECLS
