/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-chart-table"

#include "config.h"

#include "dd-chart-table.h"

/*
 * A chart's figures as a table (dd_chart_dup_table()): a GtkColumnView,
 * a row per figure, so that the keyboard reaches each row and a screen
 * reader reads each cell with its column's heading. The first column
 * (names) takes the space; the figures are aligned right.
 */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  guint column = GPOINTER_TO_UINT (user_data);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0.0 : 1.0);
  if (column == 0)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  else
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkStringList *row = gtk_list_item_get_item (item);
  const char *text = gtk_string_list_get_string (row, GPOINTER_TO_UINT (user_data));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text != NULL ? text : "");
}

/**
 * dd_chart_table_new:
 * @rows: (element-type GStrv): the table, its headings first
 *   (dd_chart_dup_table())
 * @label: the table's accessible name (the chart's title)
 *
 * Returns: (transfer floating): a column view of @rows
 */
GtkWidget *
dd_chart_table_new (GPtrArray  *rows,
                    const char *label)
{
  g_autoptr(GListStore) store = g_list_store_new (GTK_TYPE_STRING_LIST);
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkWidget *view;
  const char * const *heading = rows->len > 0 ? g_ptr_array_index (rows, 0) : NULL;

  for (guint i = 1; i < rows->len; i++)
    {
      g_autoptr(GtkStringList) row = gtk_string_list_new (g_ptr_array_index (rows, i));

      g_list_store_append (store, row);
    }

  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&store)));
  view = gtk_column_view_new (GTK_SELECTION_MODEL (g_steal_pointer (&selection)));
  gtk_column_view_set_show_row_separators (GTK_COLUMN_VIEW (view), TRUE);
  gtk_column_view_set_show_column_separators (GTK_COLUMN_VIEW (view), TRUE);
  gtk_column_view_set_reorderable (GTK_COLUMN_VIEW (view), FALSE);
  gtk_widget_add_css_class (view, "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  for (guint c = 0; heading != NULL && heading[c] != NULL; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (c));
      column = gtk_column_view_column_new (heading[c], factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, c == 0);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column);
    }
  return view;
}
