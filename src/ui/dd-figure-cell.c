/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-figure-cell"

#include "config.h"

#include "dd-figure-cell.h"

/*
 * The cells of the Indicators page's grid (dd-indicators-page.c). Each
 * keeps the text it showed when the grid was read or the figure last
 * recorded ("saved-text"): a cell whose text differs holds a figure typed
 * and not yet recorded, which the page records when the focus leaves it,
 * before it shows another indicator, and before the window closes. When
 * the grid is read again for a change made elsewhere, the typed texts
 * are put back in the new cells.
 */

static char *
dup_key (gint64 unit_id,
         int    quarter)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%d", unit_id, quarter);
}

GtkWidget *
dd_figure_cell_new (gint64      unit_id,
                    int         quarter,
                    const char *saved,
                    GHashTable *typed)
{
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *key = dup_key (unit_id, quarter);
  const char *text = typed != NULL ? g_hash_table_lookup (typed, key) : NULL;

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 11);
  gtk_entry_set_alignment (GTK_ENTRY (entry), 1.0);
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : saved);
  g_object_set_data_full (G_OBJECT (entry), "saved-text", g_strdup (saved), g_free);
  g_object_set_data (G_OBJECT (entry), "unit-id", GSIZE_TO_POINTER ((gsize) unit_id));
  g_object_set_data (G_OBJECT (entry), "quarter", GINT_TO_POINTER (quarter));
  return entry;
}

gint64
dd_figure_cell_get_unit_id (GtkWidget *cell)
{
  return (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (cell), "unit-id"));
}

int
dd_figure_cell_get_quarter (GtkWidget *cell)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "quarter"));
}

gboolean
dd_figure_cell_is_typed (GtkWidget *cell)
{
  const char *saved = g_object_get_data (G_OBJECT (cell), "saved-text");

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (cell)), saved != NULL ? saved : "") != 0;
}

void
dd_figure_cell_set_saved (GtkWidget  *cell,
                          const char *saved)
{
  g_object_set_data_full (G_OBJECT (cell), "saved-text", g_strdup (saved), g_free);
}

GHashTable *
dd_figure_cells_dup_typed (GtkWidget *grid)
{
  GHashTable *typed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (GtkWidget *child = gtk_widget_get_first_child (grid); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_ENTRY (child) && dd_figure_cell_is_typed (child))
      g_hash_table_insert (typed, dup_key (dd_figure_cell_get_unit_id (child), dd_figure_cell_get_quarter (child)),
                           g_strdup (gtk_editable_get_text (GTK_EDITABLE (child))));
  return typed;
}
