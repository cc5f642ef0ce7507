/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A cell of the Indicators page's grid: an entry for "N/D" of a unit and
 * quarter, which knows the text it showed when read or last recorded. */
GtkWidget  *dd_figure_cell_new          (gint64      unit_id,
                                         int         quarter,
                                         const char *saved,
                                         GHashTable *typed);
gint64      dd_figure_cell_get_unit_id  (GtkWidget  *cell);
int         dd_figure_cell_get_quarter  (GtkWidget  *cell);
/* Whether the cell holds a typed text not yet recorded. */
gboolean    dd_figure_cell_is_typed     (GtkWidget  *cell);
void        dd_figure_cell_set_saved    (GtkWidget  *cell,
                                         const char *saved);
/* The typed texts of @grid's cells, by unit and quarter, for
 * dd_figure_cell_new() when the grid is built again. (transfer full) */
GHashTable *dd_figure_cells_dup_typed   (GtkWidget  *grid);

G_END_DECLS
