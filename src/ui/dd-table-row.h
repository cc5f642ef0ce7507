/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * The rows of the administrator's small tables (recycle bin, backups,
 * users): a horizontal box of labels whose columns line up through one
 * GtkSizeGroup per column, the one column that takes the spare width
 * excepted.
 */

/* A cell: @text ellipsized (whole in its tooltip), @width_chars wide; with
 * @expand_to_chars > 0 it takes the spare width, up to that many chars. */
GtkWidget *dd_table_cell_new   (const char   *text,
                                int           width_chars,
                                int           expand_to_chars);
/* Appends @cell to @row, in @column's size group unless it expands. */
void       dd_table_row_append (GtkWidget    *row,
                                GtkSizeGroup *column,
                                GtkWidget    *cell);

G_END_DECLS
