/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_IMPORT_PREVIEW_DIALOG (dd_import_preview_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DdImportPreviewDialog, dd_import_preview_dialog, DD, IMPORT_PREVIEW_DIALOG, GtkWindow)

/* Shows @preview (transfer full: the dialog owns it) of a file about to be
 * imported into @store: its rows, units, changes and warnings. Nothing is
 * written by the dialog: "finished" says whether the user confirmed. */
DdImportPreviewDialog *dd_import_preview_dialog_new        (GtkWindow             *parent,
                                                            DdStore               *store,
                                                            DdImportPreview       *preview) G_GNUC_WARN_UNUSED_RESULT;
/* (transfer none): the preview shown */
const DdImportPreview *dd_import_preview_dialog_get_preview (DdImportPreviewDialog *self);
/* The new units the user mapped to existing ones, as chosen now: the
 * file's name to the store's unit's. (transfer full) */
GHashTable            *dd_import_preview_dialog_dup_unit_map (DdImportPreviewDialog *self);
/* After "finished" with TRUE: the plan with its units mapped, to import.
 * (transfer full) (nullable): NULL when already taken or not confirmed */
DdImportedPlan        *dd_import_preview_dialog_steal_plan  (DdImportPreviewDialog *self);

G_END_DECLS
