/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_CONFLICT_DIALOG (dd_conflict_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DdConflictDialog, dd_conflict_dialog, DD, CONFLICT_DIALOG, GtkWindow)

DdConflictDialog *dd_conflict_dialog_new          (GtkWindow        *parent,
                                                   DdStore          *store,
                                                   DdTask           *base,
                                                   DdTask           *mine,
                                                   DdTask           *theirs) G_GNUC_WARN_UNUSED_RESULT;
/* The fields shown, by key ("progress", "note", …), in order. */
GStrv             dd_conflict_dialog_dup_fields   (DdConflictDialog *self);
/* The choice of a shown field: "Keep mine" (@mine TRUE) or "Take theirs". */
GtkCheckButton   *dd_conflict_dialog_get_choice   (DdConflictDialog *self,
                                                   const char       *field,
                                                   gboolean          mine);
/* The task as it was in the file when the dialog was made. */
DdTask           *dd_conflict_dialog_get_theirs   (DdConflictDialog *self);
/* The task as it will be saved: the file's version with the fields where
 * "Keep mine" is chosen taken from the user's. (transfer full) */
DdTask           *dd_conflict_dialog_dup_merged   (DdConflictDialog *self);

G_END_DECLS
