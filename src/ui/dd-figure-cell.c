/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-figure-cell"

#include "config.h"

#include "dd-figure-cell.h"

/*
 * The cells of the Indicators page's grid (dd-indicators-grid.c): an
 * entry made once for a column and bound, as the grid scrolls, to the rows
 * in view. Its text is the row's (typed or saved); each change typed goes
 * to the row, which the page records when the focus leaves the cell.
 */

typedef struct
{
  int quarter;
  DdFigureRow *row;             /* owned, while bound */
  GtkListItem *item;            /* unowned: it owns the cell */
  gulong changed_id;
} Cell;

static Cell *
get_cell (GtkWidget *cell)
{
  return g_object_get_data (G_OBJECT (cell), "dd-figure-cell");
}

static void
cell_free (gpointer data)
{
  Cell *cell = data;

  g_clear_object (&cell->row);
  g_free (cell);
}

static void
on_changed_cb (GtkEditable *editable,
               Cell        *cell)
{
  if (cell->row != NULL)
    dd_figure_row_set_text (cell->row, cell->quarter, gtk_editable_get_text (editable));
}

GtkWidget *
dd_figure_cell_new (int quarter)
{
  GtkWidget *entry = gtk_entry_new ();
  Cell *cell = g_new0 (Cell, 1);

  cell->quarter = quarter;
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 11);
  gtk_entry_set_alignment (GTK_ENTRY (entry), 1.0);
  g_object_set_data_full (G_OBJECT (entry), "dd-figure-cell", cell, cell_free);
  g_object_set_data (G_OBJECT (entry), "quarter", GINT_TO_POINTER (quarter));
  cell->changed_id = g_signal_connect (entry, "changed", G_CALLBACK (on_changed_cb), cell);
  return entry;
}

void
dd_figure_cell_bind (GtkWidget   *entry,
                     DdFigureRow *row,
                     GtkListItem *item)
{
  Cell *cell = get_cell (entry);

  g_return_if_fail (cell != NULL);
  g_set_object (&cell->row, row);
  cell->item = item;
  g_signal_handler_block (entry, cell->changed_id);
  gtk_editable_set_text (GTK_EDITABLE (entry), dd_figure_row_get_text (row, cell->quarter));
  g_signal_handler_unblock (entry, cell->changed_id);
  g_object_set_data (G_OBJECT (entry), "unit-id", GSIZE_TO_POINTER ((gsize) dd_figure_row_get_unit_id (row)));
}

void
dd_figure_cell_unbind (GtkWidget *entry)
{
  Cell *cell = get_cell (entry);

  g_return_if_fail (cell != NULL);
  g_clear_object (&cell->row);
  cell->item = NULL;
  g_object_set_data (G_OBJECT (entry), "unit-id", NULL);
}

DdFigureRow *
dd_figure_cell_get_row (GtkWidget *entry)
{
  Cell *cell = get_cell (entry);

  return cell != NULL ? cell->row : NULL;
}

guint
dd_figure_cell_get_position (GtkWidget *entry)
{
  Cell *cell = get_cell (entry);

  if (cell == NULL || cell->item == NULL || cell->row == NULL)
    return GTK_INVALID_LIST_POSITION;
  return gtk_list_item_get_position (cell->item);
}

gint64
dd_figure_cell_get_unit_id (GtkWidget *entry)
{
  Cell *cell = get_cell (entry);

  return cell != NULL && cell->row != NULL ? dd_figure_row_get_unit_id (cell->row) : 0;
}

int
dd_figure_cell_get_quarter (GtkWidget *entry)
{
  Cell *cell = get_cell (entry);

  return cell != NULL ? cell->quarter : 0;
}
