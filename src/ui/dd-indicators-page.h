/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_INDICATORS_PAGE (dd_indicators_page_get_type ())
G_DECLARE_FINAL_TYPE (DdIndicatorsPage, dd_indicators_page, DD, INDICATORS_PAGE, GtkWidget)

GtkWidget *dd_indicators_page_new       (DdStore          *store);
DdStore   *dd_indicators_page_get_store (DdIndicatorsPage *self);
void       dd_indicators_page_set_store (DdIndicatorsPage *self,
                                         DdStore          *store);
void       dd_indicators_page_reload    (DdIndicatorsPage *self);

/* What a cell's Enter does: records "N/D" (empty clears it) for the shown
 * indicator, @unit_id and quarter @quarter (1–4) of the shown year. */
gboolean   dd_indicators_page_enter     (DdIndicatorsPage  *self,
                                         gint64             unit_id,
                                         int                quarter,
                                         const char        *text,
                                         GError           **error);

/* "Import Figures…" once a file is chosen. */
gboolean   dd_indicators_page_import_file (DdIndicatorsPage  *self,
                                           GFile             *file,
                                           guint             *out_n_figures,
                                           GError           **error);
/* "Save Dossier Figures": the form's figures for its unit and period. */
gboolean   dd_indicators_page_save_dossier (DdIndicatorsPage  *self,
                                            GError           **error);
/* Before the window closes: the typed cells recorded, and the dossier
 * form's unsaved period (or NULL). */
gboolean   dd_indicators_page_save_typed   (DdIndicatorsPage  *self,
                                            GError           **error);
char      *dd_indicators_page_dup_unsaved_dossier (DdIndicatorsPage *self);
/* The grid's entry of a unit's @row (0 the first) and @quarter, while that
 * row is in view (only those have cells), else %NULL; and its rows. */
GtkWidget *dd_indicators_page_get_cell     (DdIndicatorsPage *self,
                                            guint             row,
                                            int               quarter);
guint      dd_indicators_page_get_n_rows   (DdIndicatorsPage *self);
/* Whether a derived indicator's figures are still being counted. */
gboolean   dd_indicators_page_is_loading   (DdIndicatorsPage *self);

G_END_DECLS
