/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-indicators-page"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-indicators-page.h"
#include "dd-indicators-page-private.h"
#include "dd-access.h"
#include "dd-figure-cell.h"
#include "dd-figure-row.h"

/*
 * The Indicators page's grid: a GtkGridView of one column, a row a unit
 * (DdFigureRow): its name and an entry a quarter of the year. Only the
 * rows in view have widgets (a one-column grid view keeps about 30 rows
 * alive, where GTK 4.8's list and column views keep 200), recycled as the
 * grid scrolls, so that the page's first showing does not make 1,200
 * entries for 300 units. What is
 * typed is kept in the rows: recorded when the focus leaves a cell (Tab,
 * a click elsewhere) or Enter is pressed, and, for every typed cell,
 * before another indicator or year is shown and before the window closes.
 * The headings are a row above the scrolled window, as wide as their
 * columns through size groups, scrolled across with the grid.
 */

/* Why @row's figures cannot be typed by this user, or %NULL. */
static const char *
row_reason (DdIndicatorsPage *self,
            DdFigureRow      *row)
{
  if (self->access_reason != NULL)
    return self->access_reason;
  if (self->other_reason != NULL && self->store != NULL
      && !dd_store_can_for_unit (self->store, DD_ACTION_RECORD_FIGURES, dd_figure_row_get_unit_id (row), NULL))
    return self->other_reason;
  return NULL;
}

/* Only when it changes, and while the cell is hidden: on a shown widget
 * GTK asks the display where the pointer is (a round trip to the X
 * server). Not the cell being typed in: hidden, it would lose the focus. */
static void
set_cell_tooltip (GtkWidget  *cell,
                  const char *text)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (cell), text) == 0)
    return;
  if (!gtk_widget_get_mapped (cell)
      || (gtk_widget_get_state_flags (cell) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0)
    {
      gtk_widget_set_tooltip_text (cell, text);
      return;
    }
  gtk_widget_set_visible (cell, FALSE);
  gtk_widget_set_tooltip_text (cell, text);
  gtk_widget_set_visible (cell, TRUE);
}

/* A bound cell as its row says: whether it may be typed in, why not, the
 * figure's source or why the typed text was refused. */
static void
update_cell (DdIndicatorsPage *self,
             GtkWidget        *cell)
{
  DdFigureRow *row = dd_figure_cell_get_row (cell);
  const DdIndicatorInfo *info = _dd_indicators_page_shown_indicator (self);
  int quarter = dd_figure_cell_get_quarter (cell);
  const char *reason, *error, *tip;
  gboolean typed = info != NULL && !info->derived;
  gboolean computed = info != NULL && info->derived;

  if (row == NULL)
    return;
  reason = row_reason (self, row);
  /* A derived indicator is computed, not typed, whoever looks: its
   * figures are read (and reached with Tab), never edited. */
  gtk_editable_set_editable (GTK_EDITABLE (cell), !computed);
  if (computed)
    gtk_widget_add_css_class (cell, "computed");
  else
    gtk_widget_remove_css_class (cell, "computed");
  dd_access_set_sensitive (cell, computed || (typed && reason == NULL));
  error = dd_figure_row_get_error (row, quarter);
  tip = dd_figure_row_get_tip (row, quarter);
  if (error != NULL)
    {
      gtk_widget_add_css_class (cell, "error");
      set_cell_tooltip (cell, error);
    }
  else if (reason != NULL && typed)
    {
      g_autofree char *text = tip != NULL ? g_strdup_printf ("%s\n%s", tip, reason) : g_strdup (reason);

      gtk_widget_remove_css_class (cell, "error");
      set_cell_tooltip (cell, text);
    }
  else
    {
      gtk_widget_remove_css_class (cell, "error");
      set_cell_tooltip (cell, tip);
    }
}

/* The cells in view that show @row. */
static void
update_cells_of (DdIndicatorsPage *self,
                 DdFigureRow      *row)
{
  for (guint i = 0; i < self->cells->len; i++)
    {
      GtkWidget *cell = g_ptr_array_index (self->cells, i);

      if (row == NULL || dd_figure_cell_get_row (cell) == row)
        update_cell (self, cell);
    }
}

/* Records the figure typed in @row's @quarter, if any. On failure the
 * cell is marked and says why, and so does the summary line. The grid
 * stays (the focus may be in the next cell): the store's "changed" is
 * not followed for the page's own write. */
static gboolean
commit_figure (DdIndicatorsPage  *self,
               DdFigureRow       *row,
               int                quarter,
               GError           **error)
{
  g_autofree char *text = NULL;
  gboolean ok;

  if (self->filling_grid || self->store == NULL || !dd_figure_row_is_typed (row, quarter))
    return TRUE;

  text = g_strdup (dd_figure_row_get_text (row, quarter));
  self->writing = TRUE;
  ok = _dd_indicators_page_record (self, _dd_indicators_page_shown_indicator (self), self->shown_year,
                                   dd_figure_row_get_unit_id (row), quarter, text, error);
  self->writing = FALSE;
  if (ok)
    dd_figure_row_set_saved (row, quarter, text, NULL);
  else
    {
      dd_figure_row_set_error (row, quarter, (*error)->message);
      gtk_label_set_text (self->summary_label, (*error)->message);
    }
  update_cells_of (self, row);
  return ok;
}

gboolean
_dd_indicators_grid_commit_all (DdIndicatorsPage  *self,
                                GError           **error)
{
  const DdIndicatorInfo *info = _dd_indicators_page_shown_indicator (self);
  gboolean ok = TRUE;

  if (info == NULL || info->derived)
    return TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->rows)); i++)
    {
      g_autoptr(DdFigureRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (row_reason (self, row) != NULL)
        continue;
      for (int q = 1; q <= 4; q++)
        {
          g_autoptr(GError) cell_error = NULL;

          if (!commit_figure (self, row, q, &cell_error))
            {
              if (ok)
                g_propagate_error (error, g_steal_pointer (&cell_error));
              ok = FALSE;
            }
        }
    }
  return ok;
}

static void
commit_cell (DdIndicatorsPage *self,
             GtkWidget        *cell)
{
  g_autoptr(GError) error = NULL;
  DdFigureRow *row = dd_figure_cell_get_row (cell);

  if (row != NULL && gtk_widget_get_sensitive (cell) && gtk_editable_get_editable (GTK_EDITABLE (cell)))
    commit_figure (self, row, dd_figure_cell_get_quarter (cell), &error);
}

static void
on_cell_activate_cb (GtkEntry         *entry,
                     DdIndicatorsPage *self)
{
  commit_cell (self, GTK_WIDGET (entry));
}

/* Tab, a click elsewhere: recorded as with Enter. */
static void
on_cell_focus_leave_cb (GtkEventControllerFocus *controller,
                        DdIndicatorsPage        *self)
{
  commit_cell (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
}

/* The rows */

/* A cell goes with its row's widget (not always through "teardown"). */
static void
on_cell_gone_cb (gpointer  data,
                 GObject  *cell)
{
  DdIndicatorsPage *self = data;

  g_ptr_array_remove_fast (self->cells, cell);
}

/* A row's widget: the unit's name, then an entry a quarter, each in the
 * size group of its column's heading. */
static void
on_row_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 DdIndicatorsPage         *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);

  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
  gtk_label_set_xalign (GTK_LABEL (name), 0.0);
  gtk_size_group_add_widget (self->columns[0], name);
  gtk_box_append (GTK_BOX (box), name);
  for (int q = 1; q <= 4; q++)
    {
      GtkWidget *entry = dd_figure_cell_new (q);
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect_object (entry, "activate", G_CALLBACK (on_cell_activate_cb), self, 0);
      g_signal_connect_object (focus, "leave", G_CALLBACK (on_cell_focus_leave_cb), self, 0);
      gtk_widget_add_controller (entry, focus);
      gtk_size_group_add_widget (self->columns[q], entry);
      gtk_box_append (GTK_BOX (box), entry);
      g_ptr_array_add (self->cells, entry);
      g_object_weak_ref (G_OBJECT (entry), on_cell_gone_cb, self);
    }
  gtk_list_item_set_child (item, box);
}

/* A screen reader names a cell by its row and column, which are in other
 * widgets: "Phòng Hành chính - Quản trị, Quý I/2026". */
static void
on_row_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                DdIndicatorsPage         *self)
{
  GtkWidget *name = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  DdFigureRow *row = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (name), dd_figure_row_get_unit_name (row));
  for (GtkWidget *entry = gtk_widget_get_next_sibling (name); entry != NULL; entry = gtk_widget_get_next_sibling (entry))
    {
      int quarter = dd_figure_cell_get_quarter (entry);
      g_autofree char *label = NULL;

      dd_figure_cell_bind (entry, row, item);
      /* Translators: the name a screen reader gives a cell of the indicators'
       * grid: the unit, then the quarter. */
      label = g_strdup_printf (_("%s, %s"), dd_figure_row_get_unit_name (row),
                               self->quarter_labels[quarter - 1] != NULL ? self->quarter_labels[quarter - 1] : "");
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      update_cell (self, entry);
    }
}

static void
on_row_unbind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  DdIndicatorsPage         *self)
{
  GtkWidget *name = gtk_widget_get_first_child (gtk_list_item_get_child (item));

  for (GtkWidget *entry = gtk_widget_get_next_sibling (name); entry != NULL; entry = gtk_widget_get_next_sibling (entry))
    dd_figure_cell_unbind (entry);
}

/* The headings follow the grid's horizontal scrolling. */
static void
on_grid_hadjustment_changed_cb (GtkAdjustment    *adjustment,
                                DdIndicatorsPage *self)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (self->header_window),
                            gtk_adjustment_get_value (adjustment));
}

void
_dd_indicators_grid_init (DdIndicatorsPage *self)
{
  g_autoptr(GtkSelectionModel) selection = NULL;
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->rows = g_list_store_new (DD_TYPE_FIGURE_ROW);
  self->cells = g_ptr_array_new ();
  for (int q = 0; q <= 4; q++)
    {
      GtkWidget *heading = gtk_label_new (q == 0 ? _("Unit") : NULL);

      self->columns[q] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
      gtk_label_set_xalign (GTK_LABEL (heading), q > 0 ? 0.5 : 0.0);
      gtk_widget_add_css_class (heading, "heading");
      gtk_size_group_add_widget (self->columns[q], heading);
      gtk_grid_attach (self->header_grid, heading, q, 0, 1, 1);
    }
  g_signal_connect_object (factory, "setup", G_CALLBACK (on_row_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_row_bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (on_row_unbind_cb), self, 0);
  gtk_grid_view_set_factory (self->grid, factory);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows))));
  gtk_grid_view_set_model (self->grid, selection);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->grid_window), "value-changed",
                           G_CALLBACK (on_grid_hadjustment_changed_cb), self, 0);
}

/* The quarters' headings and the cells' names, for the shown year. */
static void
set_quarter_labels (DdIndicatorsPage *self)
{
  for (int q = 1; q <= 4; q++)
    {
      DdScorePeriod period;

      dd_score_period_init (&period, DD_OCCURRENCE_QUARTER, _dd_indicators_page_current_year (self), q);
      g_free (self->quarter_labels[q - 1]);
      self->quarter_labels[q - 1] = dd_score_period_dup_label (&period);
      gtk_label_set_text (GTK_LABEL (gtk_grid_get_child_at (self->header_grid, q, 0)), self->quarter_labels[q - 1]);
    }
}

/* The quarter (1 to 4) of @year whose period @figure is, or 0. */
static int
figure_quarter (const DdIndicatorFigure *figure,
                const DdScorePeriod      quarters[4])
{
  for (int q = 1; q <= 4; q++)
    if (g_date_compare (&figure->period_start, &quarters[q - 1].start) == 0
        && g_date_compare (&figure->period_end, &quarters[q - 1].end) == 0)
      return q;
  return 0;
}

/* A row a unit (groups have no figures), with its figures of the year. */
static GPtrArray *
make_rows (DdIndicatorsPage *self,
           GListModel       *units,
           GPtrArray        *figures)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_unit = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  DdScorePeriod quarters[4];

  for (int q = 1; q <= 4; q++)
    dd_score_period_init (&quarters[q - 1], DD_OCCURRENCE_QUARTER, _dd_indicators_page_current_year (self), q);
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);
      DdFigureRow *row;

      if (dd_unit_get_is_group (unit))
        continue;
      row = dd_figure_row_new (dd_unit_get_id (unit), dd_unit_get_name (unit));
      g_ptr_array_add (rows, row);
      g_hash_table_insert (by_unit, g_memdup2 (&(gint64) { dd_unit_get_id (unit) }, sizeof (gint64)), row);
    }

  for (guint f = 0; f < figures->len; f++)
    {
      const DdIndicatorFigure *figure = g_ptr_array_index (figures, f);
      DdFigureRow *row = g_hash_table_lookup (by_unit, &figure->unit_id);
      int q = figure_quarter (figure, quarters);
      g_autofree char *num = NULL, *den = NULL, *saved = NULL, *tip = NULL;

      if (row == NULL || q == 0)
        continue;
      num = dd_format_number (figure->numerator, 0);
      den = dd_format_number (figure->denominator, 0);
      saved = g_strdup_printf ("%g/%g", figure->numerator, figure->denominator);
      tip = g_strdup_printf (_("%s of %s — source: %s"), num, den, figure->source != NULL ? figure->source : "—");
      dd_figure_row_set_saved (row, q, saved, tip);
    }
  return rows;
}

/* The units' column as wide as its widest name (the heading's width,
 * which its size group gives every name), so that it does not change as
 * rows with other names come into view: only those have widgets. */
static void
set_unit_width (DdIndicatorsPage *self,
                GPtrArray        *rows)
{
  GtkWidget *heading = gtk_grid_get_child_at (self->header_grid, 0, 0);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->grid), NULL);
  int widest = 0, width = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      pango_layout_set_text (layout, dd_figure_row_get_unit_name (g_ptr_array_index (rows, i)), -1);
      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }
  gtk_widget_set_size_request (heading, widest, -1);
}

/* A derived indicator's figures */

/* The four quarters' scorecards of a derived indicator, asked for at once
 * (the scoring's worker counts them one after the other). */
typedef struct
{
  GWeakRef page;
  GListModel *units;
  gint64 indicator_id;
  int year;
  GListModel *cards[4];
  guint pending;
  GError *error;
} DerivedLoad;

static void
derived_load_unref (DerivedLoad *load)
{
  if (--load->pending > 0)
    return;
  g_weak_ref_clear (&load->page);
  g_clear_object (&load->units);
  for (int q = 0; q < 4; q++)
    g_clear_object (&load->cards[q]);
  g_clear_error (&load->error);
  g_free (load);
}

/* The rows of @load's units, each quarter with its unit's figures in the
 * quarter's scorecards: the same texts as typed figures ("3/6"). */
static void
show_derived (DdIndicatorsPage *self,
              DerivedLoad      *load)
{
  g_autoptr(GPtrArray) figures = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = make_rows (self, load->units, figures);
  g_autoptr(GHashTable) by_unit = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      DdFigureRow *row = g_ptr_array_index (rows, i);

      g_hash_table_insert (by_unit, g_memdup2 (&(gint64) { dd_figure_row_get_unit_id (row) }, sizeof (gint64)), row);
    }
  for (int q = 1; q <= 4; q++)
    for (guint i = 0; i < g_list_model_get_n_items (load->cards[q - 1]); i++)
      {
        g_autoptr(DdScorecard) card = g_list_model_get_item (load->cards[q - 1], i);
        const DdScoreIndicator *figure = dd_scorecard_find_indicator (card, load->indicator_id);
        DdFigureRow *row = g_hash_table_lookup (by_unit, &(gint64) { dd_scorecard_get_unit_id (card) });
        g_autofree char *num = NULL, *den = NULL, *saved = NULL, *tip = NULL;

        /* Nothing judged (no task due, no dossier): a dash, below. */
        if (figure == NULL || row == NULL || !(figure->denominator > 0))
          continue;
        num = dd_format_number (figure->numerator, 0);
        den = dd_format_number (figure->denominator, 0);
        saved = g_strdup_printf ("%g/%g", figure->numerator, figure->denominator);
        /* Translators: a cell of a derived indicator: "3 of 6 done on time (computed from the tasks)". */
        tip = g_strdup_printf (_("%s of %s done on time, counted from the tasks and the dossier figures "
                                 "as in the unit scorecards"), num, den);
        dd_figure_row_set_saved (row, q, saved, tip);
      }
  /* An empty cell reads as "not entered yet"; nothing can be entered in
   * a derived indicator, so say there was nothing to count. */
  for (guint i = 0; i < rows->len; i++)
    for (int q = 1; q <= 4; q++)
      if (*dd_figure_row_get_text (g_ptr_array_index (rows, i), q) == '\0')
        dd_figure_row_set_saved (g_ptr_array_index (rows, i), q, "—",
                                 _("Nothing to count: no task of this unit was due in this quarter, "
                                   "and no dossier figure was entered"));
  set_unit_width (self, rows);
  self->filling_grid = TRUE;
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)), rows->pdata, rows->len);
  self->filling_grid = FALSE;
}

/* One quarter's call: the load and the quarter (1 to 4). */
typedef struct
{
  DerivedLoad *load;
  int quarter;
} DerivedCall;

static void
on_derived_counted_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autofree DerivedCall *call = user_data;
  DerivedLoad *load = call->load;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdIndicatorsPage) self = NULL;

  load->cards[call->quarter - 1] = dd_scoring_list_scorecards_finish (DD_SCORING (source), result, &error);
  if (error != NULL && load->error == NULL)
    load->error = g_steal_pointer (&error);
  if (load->pending > 1)
    {
      derived_load_unref (load);
      return;
    }

  /* The last quarter: shown unless the page is gone or another indicator,
   * year or reading was asked for since. */
  self = g_weak_ref_get (&load->page);
  if (self != NULL && !g_error_matches (load->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_object (&self->derived_cancel);
      self->derived_loading = FALSE;
      if (load->error != NULL)
        gtk_label_set_text (self->summary_label, load->error->message);
      else
        {
          show_derived (self, load);
          gtk_label_set_text (self->summary_label,
                              _("This indicator is computed from the tasks done on time and the dossier figures, "
                                "as the unit scorecards count them: it cannot be typed."));
        }
    }
  derived_load_unref (load);
}

/* Asks for the four quarters' scorecards of @year; the rows are shown
 * without figures until they come. */
static void
load_derived (DdIndicatorsPage      *self,
              const DdIndicatorInfo *info,
              GListModel            *units)
{
  DerivedLoad *load = g_new0 (DerivedLoad, 1);

  if (self->scoring == NULL || dd_scoring_get_store (self->scoring) != self->store)
    {
      g_clear_object (&self->scoring);
      self->scoring = dd_scoring_new (self->store);
    }
  g_weak_ref_init (&load->page, self);
  load->units = g_object_ref (units);
  load->indicator_id = info->id;
  load->year = self->shown_year;
  load->pending = 4;
  self->derived_cancel = g_cancellable_new ();
  self->derived_loading = TRUE;
  gtk_label_set_text (self->summary_label, _("Counting the figures from the tasks…"));
  for (int q = 1; q <= 4; q++)
    {
      DerivedCall *call = g_new0 (DerivedCall, 1);
      DdScorePeriod quarter;

      call->load = load;
      call->quarter = q;
      dd_score_period_init (&quarter, DD_OCCURRENCE_QUARTER, load->year, q);
      dd_scoring_list_scorecards_async (self->scoring, &quarter, NULL, self->derived_cancel,
                                        on_derived_counted_cb, call);
    }
}

void
_dd_indicators_grid_fill (DdIndicatorsPage *self)
{
  const DdIndicatorInfo *info = _dd_indicators_page_current_indicator (self);
  GListModel *units;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) typed = NULL;
  DdScorePeriod year;

  /* Read again for a change made elsewhere: what is typed stays typed. */
  if (info != NULL && self->shown_indicator == gtk_drop_down_get_selected (self->indicator_dropdown)
      && self->shown_year == _dd_indicators_page_current_year (self))
    typed = dd_figure_rows_dup_typed (G_LIST_MODEL (self->rows));
  self->shown_indicator = gtk_drop_down_get_selected (self->indicator_dropdown);
  self->shown_year = _dd_indicators_page_current_year (self);
  set_quarter_labels (self);

  g_cancellable_cancel (self->derived_cancel);
  g_clear_object (&self->derived_cancel);
  self->derived_loading = FALSE;
  self->filling_grid = TRUE;
  g_list_store_remove_all (self->rows);
  self->filling_grid = FALSE;
  if (self->store == NULL || info == NULL)
    {
      gtk_label_set_text (self->summary_label, _("No indicator: import a plan with its indicators."));
      return;
    }

  dd_score_period_init (&year, DD_OCCURRENCE_YEAR, _dd_indicators_page_current_year (self), 1);
  units = _dd_indicators_page_get_units (self, &error);
  if (units != NULL && !info->derived)
    figures = dd_figures_list_indicator_figures (self->figures, info->id, &year, &error);
  else if (units != NULL)
    figures = g_ptr_array_new ();
  if (figures == NULL)
    {
      gtk_label_set_text (self->summary_label, error->message);
      return;
    }

  if (info->derived)
    load_derived (self, info, units);
  else
    gtk_label_set_text (self->summary_label,
                        _("Type “done/total” in a cell (412/415): it is recorded when you press Enter or leave the cell; "
                          "an empty cell clears the figure. "
                          "Periods follow Nghị định 09/2019/NĐ-CP."));

  rows = make_rows (self, units, figures);
  dd_figure_rows_restore_typed (rows, typed);
  set_unit_width (self, rows);
  g_list_store_splice (self->rows, 0, 0, rows->pdata, rows->len);
}

void
_dd_indicators_grid_apply_access (DdIndicatorsPage *self,
                                  const char       *reason,
                                  const char       *other_reason)
{
  g_free (self->access_reason);
  self->access_reason = g_strdup (reason);
  g_free (self->other_reason);
  self->other_reason = g_strdup (other_reason);
  update_cells_of (self, NULL);
}

GtkWidget *
_dd_indicators_grid_get_cell (DdIndicatorsPage *self,
                              guint             position,
                              int               quarter)
{
  for (guint i = 0; i < self->cells->len; i++)
    {
      GtkWidget *cell = g_ptr_array_index (self->cells, i);

      if (dd_figure_cell_get_quarter (cell) == quarter && dd_figure_cell_get_position (cell) == position)
        return cell;
    }
  return NULL;
}

void
_dd_indicators_grid_dispose (DdIndicatorsPage *self)
{
  /* The rows' widgets go with the grid view (the template's). */
  g_cancellable_cancel (self->derived_cancel);
  g_clear_object (&self->derived_cancel);
  g_clear_object (&self->scoring);
  if (self->grid != NULL)
    gtk_grid_view_set_model (self->grid, NULL);
  g_clear_object (&self->rows);
  for (guint i = 0; i < G_N_ELEMENTS (self->columns); i++)
    g_clear_object (&self->columns[i]);
}

void
_dd_indicators_grid_finalize (DdIndicatorsPage *self)
{
  for (guint i = 0; self->cells != NULL && i < self->cells->len; i++)
    g_object_weak_unref (g_ptr_array_index (self->cells, i), on_cell_gone_cb, self);
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->quarter_labels); i++)
    g_clear_pointer (&self->quarter_labels[i], g_free);
  g_clear_pointer (&self->access_reason, g_free);
  g_clear_pointer (&self->other_reason, g_free);
}
