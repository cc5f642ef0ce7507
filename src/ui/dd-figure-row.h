/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * A row of the Indicators page's grid: a unit and its four quarters'
 * figures as texts ("412/415"). Each quarter keeps the text read or last
 * recorded (its saved text), the text typed and not yet recorded, the
 * tooltip of the figure read and the message of a refused figure. The
 * grid's cells are recycled widgets (only the rows in view have them):
 * what is typed lives here, not in a widget, so that scrolling a cell
 * away loses nothing.
 */

#define DD_TYPE_FIGURE_ROW (dd_figure_row_get_type ())
G_DECLARE_FINAL_TYPE (DdFigureRow, dd_figure_row, DD, FIGURE_ROW, GObject)

DdFigureRow *dd_figure_row_new            (gint64       unit_id,
                                           const char  *unit_name);
gint64       dd_figure_row_get_unit_id    (DdFigureRow *self);
const char  *dd_figure_row_get_unit_name  (DdFigureRow *self);

/* @quarter: 1 to 4. The text to show: the typed one, or the saved one. */
const char  *dd_figure_row_get_text       (DdFigureRow *self,
                                           int          quarter);
/* What the cell shows now (typed, or the saved text again). */
void         dd_figure_row_set_text       (DdFigureRow *self,
                                           int          quarter,
                                           const char  *text);
/* Whether the quarter holds a typed text not yet recorded. */
gboolean     dd_figure_row_is_typed       (DdFigureRow *self,
                                           int          quarter);
/* The text read or just recorded, and its tooltip (nullable): nothing
 * typed is left, nor any error. */
void         dd_figure_row_set_saved      (DdFigureRow *self,
                                           int          quarter,
                                           const char  *saved,
                                           const char  *tip);
const char  *dd_figure_row_get_tip        (DdFigureRow *self,
                                           int          quarter);
/* Why the typed text was refused, or %NULL. */
void         dd_figure_row_set_error      (DdFigureRow *self,
                                           int          quarter,
                                           const char  *message);
const char  *dd_figure_row_get_error      (DdFigureRow *self,
                                           int          quarter);

/* The typed texts of @rows (DdFigureRow), by unit and quarter; then put
 * back in the rows of a grid read again. */
GHashTable  *dd_figure_rows_dup_typed     (GListModel  *rows);
void         dd_figure_rows_restore_typed (GPtrArray   *rows,
                                           GHashTable  *typed);

G_END_DECLS
