/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_SCORING_DIALOG (dd_scoring_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DdScoringDialog, dd_scoring_dialog, DD, SCORING_DIALOG, GtkWindow)

GtkWidget     *dd_scoring_dialog_new      (GtkWindow        *parent,
                                           DdStore          *store) G_GNUC_WARN_UNUSED_RESULT;
/* The field of a setting (dd_score_weights_list_keys()), or NULL. */
GtkSpinButton *dd_scoring_dialog_get_spin (DdScoringDialog  *self,
                                           const char       *key);
/* "Reset to Defaults": the fields take the defaults (nothing is written). */
void           dd_scoring_dialog_reset    (DdScoringDialog  *self);
/* "Save": checks the fields and writes them in one transaction; on
 * success the dialog closes. The error is also shown in the dialog. */
gboolean       dd_scoring_dialog_save     (DdScoringDialog  *self,
                                           GError          **error);

G_END_DECLS
