/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "dd-table-row.h"

GtkWidget *
dd_table_cell_new (const char *text,
                   int         width_chars,
                   int         expand_to_chars)
{
  GtkWidget *label = gtk_label_new (text);
  gboolean expand = expand_to_chars > 0;

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), width_chars);
  gtk_label_set_max_width_chars (GTK_LABEL (label), expand ? expand_to_chars : width_chars);
  gtk_widget_set_hexpand (label, expand);
  if (text != NULL && *text != '\0')
    gtk_widget_set_tooltip_text (label, text);
  return label;
}

void
dd_table_row_append (GtkWidget    *row,
                     GtkSizeGroup *column,
                     GtkWidget    *cell)
{
  g_return_if_fail (GTK_IS_BOX (row));
  g_return_if_fail (GTK_IS_WIDGET (cell));

  gtk_box_append (GTK_BOX (row), cell);
  if (!gtk_widget_get_hexpand (cell))
    gtk_size_group_add_widget (column, cell);
}
