/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

/*
 * "Merge Units": which unit the selected one goes into. No unit is chosen
 * at first, collective phrases are not offered, the units are searched as
 * everywhere else, and the dialog says what moves (tasks, reports, figures,
 * accounts) before "Merge" can be pressed. Responds GTK_RESPONSE_ACCEPT
 * with a unit chosen, or GTK_RESPONSE_CANCEL.
 */

#define DD_TYPE_MERGE_DIALOG (dd_merge_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DdMergeDialog, dd_merge_dialog, DD, MERGE_DIALOG, GtkDialog)

/* @cards: the Units page's rows (DdScorecard); @card: the unit that goes. */
GtkWidget   *dd_merge_dialog_new             (GtkWindow   *parent,
                                              DdStore     *store,
                                              DdScorecard *card,
                                              GListModel  *cards);
/* The unit chosen to stay, or 0 while none is. */
gint64       dd_merge_dialog_get_target      (DdMergeDialog *self);
/* The drop-down of the units offered. (transfer none) */
GtkDropDown *dd_merge_dialog_get_dropdown    (DdMergeDialog *self);
/* What the dialog says moves, as shown. (transfer none) */
const char  *dd_merge_dialog_get_summary     (DdMergeDialog *self);

G_END_DECLS
