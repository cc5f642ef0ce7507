/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dd-figure-row.h"

G_BEGIN_DECLS

/* A cell of the Indicators page's grid: an entry for "N/D" of one quarter,
 * bound in turn to the rows in view (DdFigureRow, the grid's columns
 * recycle their cells). What is typed goes to the row at once. */
GtkWidget   *dd_figure_cell_new          (int          quarter);
/* Shows @row's text of the cell's quarter; @item: the list item the cell
 * is bound through (its position). */
void         dd_figure_cell_bind         (GtkWidget   *cell,
                                          DdFigureRow *row,
                                          GtkListItem *item);
void         dd_figure_cell_unbind       (GtkWidget   *cell);
/* The row the cell shows, or %NULL while it shows none. (transfer none) */
DdFigureRow *dd_figure_cell_get_row      (GtkWidget   *cell);
/* The row's position in the grid, or GTK_INVALID_LIST_POSITION. */
guint        dd_figure_cell_get_position (GtkWidget   *cell);
gint64       dd_figure_cell_get_unit_id  (GtkWidget   *cell);
int          dd_figure_cell_get_quarter  (GtkWidget   *cell);

G_END_DECLS
