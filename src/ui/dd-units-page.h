/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_UNITS_PAGE (dd_units_page_get_type ())
G_DECLARE_FINAL_TYPE (DdUnitsPage, dd_units_page, DD, UNITS_PAGE, GtkWidget)

GtkWidget   *dd_units_page_new        (DdStore     *store);
DdStore     *dd_units_page_get_store  (DdUnitsPage *self);
void         dd_units_page_set_store  (DdUnitsPage *self,
                                       DdStore     *store);
void         dd_units_page_reload     (DdUnitsPage *self);
/* Whether the cards asked for last are still being counted (on a worker
 * thread); the rows shown until then are the ones before. */
gboolean     dd_units_page_is_loading (DdUnitsPage *self);

/* The period shown (the current quarter at first). */
const DdScorePeriod *dd_units_page_get_period (DdUnitsPage         *self);
void         dd_units_page_set_period (DdUnitsPage         *self,
                                       const DdScorePeriod *period);
/* The reference date (%NULL: today). */
void         dd_units_page_set_as_of  (DdUnitsPage *self,
                                       const GDate *as_of);

/* The rows as shown (sorted): a GListModel of DdScorecard. (transfer none) */
GListModel  *dd_units_page_get_model  (DdUnitsPage *self);
/* Selects the row of @unit_id and shows its card; FALSE if not listed. */
gboolean     dd_units_page_select_unit (DdUnitsPage *self,
                                        gint64       unit_id);
/* The scorecard shown in the card, or %NULL. (transfer none) */
DdScorecard *dd_units_page_get_selected (DdUnitsPage *self);
/* The card's text, one line per label (for tests and the clipboard). (transfer full) */
char        *dd_units_page_dup_card_text (DdUnitsPage *self);

/* What the Rename… and Merge into… dialogs do, on the selected unit; the
 * unit (or the one merged into) is selected once the cards are counted
 * again. */
gboolean     dd_units_page_rename_selected (DdUnitsPage  *self,
                                            const char   *name,
                                            GError      **error);
gboolean     dd_units_page_merge_selected  (DdUnitsPage  *self,
                                            gint64        into_unit_id,
                                            GError      **error);

G_END_DECLS
