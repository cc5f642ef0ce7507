/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

#include "dd-admin-list-window.h"

G_BEGIN_DECLS

#define DD_TYPE_RESTORE_DIALOG (dd_restore_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DdRestoreDialog, dd_restore_dialog, DD, RESTORE_DIALOG, DdAdminListWindow)

DdRestoreDialog *dd_restore_dialog_new                (GtkWindow       *parent,
                                                       DdStore         *store) G_GNUC_WARN_UNUSED_RESULT;
void             dd_restore_dialog_reload             (DdRestoreDialog *self);
guint            dd_restore_dialog_get_n_backups      (DdRestoreDialog *self);
/* Selects the newest backup that can be restored; FALSE when there is none. */
gboolean         dd_restore_dialog_select_newest_good (DdRestoreDialog *self);
/* The selected backup, or NULL. */
const DdBackupInfo *dd_restore_dialog_get_selected    (DdRestoreDialog *self);
void             dd_restore_dialog_select             (DdRestoreDialog *self,
                                                       guint            index);

G_END_DECLS
