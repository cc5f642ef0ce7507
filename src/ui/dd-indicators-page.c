/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-indicators-page"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "dd-indicators-page.h"
#include "dd-indicators-page-private.h"
#include "dd-access.h"
#include "dd-page.h"

/*
 * DdIndicatorsPage: the figures of one indicator as a grid of units ×
 * quarters of a year. A cell holds "numerator/denominator" ("412/415");
 * Enter records it with the source typed above (empty clears it). An
 * indicator derived from the tasks and dossiers is shown, not typed.
 * "Import Figures…" reads a CSV file (dd_figures_import_indicator_figures():
 * all rows or none).
 *
 * Below, the dossier figures (hồ sơ TTHC) of a unit — the Public
 * Administration Service Center by default — for a quarter or a month of
 * the year: received, resolved on time and late, pending, apology letters,
 * with the late dossiers still owed an apology. A quarter whose months
 * have figures shows their sums and is edited month by month (and a
 * month of a quarter recorded whole is not), so nothing is counted twice.
 *
 * Who may record figures follows the guard triggers of indicator_figures
 * and dossier_figures: an administrator any unit's, a unit editor its own
 * unit's (its row of the grid, its dossier form; an import whose rows are
 * all its unit's), a viewer none. The bar on top says so; the cells and
 * buttons that cannot be used are off, their tooltips say why; all of it
 * follows DdStore::access-changed.
 */

/* struct _DdIndicatorsPage: in dd-indicators-page-private.h */

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static void dd_indicators_page_page_init (DdPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdIndicatorsPage, dd_indicators_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DD_TYPE_PAGE, dd_indicators_page_page_init))

/* Auxiliary methods */

const DdIndicatorInfo *
_dd_indicators_page_current_indicator (DdIndicatorsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->indicator_dropdown);

  if (self->indicators == NULL || selected >= self->indicators->len)
    return NULL;
  return g_ptr_array_index (self->indicators, selected);
}

int
_dd_indicators_page_current_year (DdIndicatorsPage *self)
{
  return gtk_spin_button_get_value_as_int (self->year_spin);
}

static gboolean
parse_number (const char *text,
              double     *out)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;

  /* A Vietnamese desktop may type a decimal comma. */
  g_strdelimit (copy, ",", '.');
  *out = g_ascii_strtod (copy, &end);
  return *copy != '\0' && *end == '\0' && isfinite (*out);
}

/* What this user may record, on the cells of the grid, Import Figures…,
 * the dossier form and the bar on top. Reads no figure: the cells keep
 * what is typed in them. */
static void
apply_access (DdIndicatorsPage *self)
{
  g_autofree char *reason = NULL;
  g_autofree char *other_reason = NULL;

  /* Some unit's figures (a unit editor's own unit's); other_reason: why
   * not the cells of a unit the user may not record. */
  if (self->store != NULL && dd_store_can (self->store, DD_ACTION_RECORD_FIGURES, NULL, &reason))
    dd_store_can_for_unit (self->store, DD_ACTION_RECORD_FIGURES, 0, &other_reason);

  _dd_indicators_grid_apply_access (self, reason, other_reason);

  /* An import is all its rows or none: a unit editor's file must hold its
   * unit's figures only (the store says which line is not). */
  dd_access_set_sensitive (GTK_WIDGET (self->import_button), self->store != NULL && reason == NULL);
  dd_access_set_tooltip (GTK_WIDGET (self->import_button), reason);

  if (reason != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: on top of the Indicators page; %s says why. */
      text = g_strdup_printf (_("You can see the figures, but not enter or import them. %s"), reason);
      gtk_label_set_text (self->access_label, text);
    }
  else if (other_reason != NULL)
    gtk_label_set_text (self->access_label, other_reason);
  gtk_info_bar_set_revealed (self->access_bar, self->store != NULL && (reason != NULL || other_reason != NULL));

  _dd_indicators_dossier_apply_access (self);
}

static void
on_access_changed_cb (DdIndicatorsPage *self)
{
  apply_access (self);
}

/* The grid of the indicator and year chosen, read again. */
static void
fill_grid (DdIndicatorsPage *self)
{
  _dd_indicators_grid_fill (self);
  apply_access (self);
}

static void
on_import_response_cb (GtkNativeDialog  *chooser,
                       int               response,
                       DdIndicatorsPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  if (!dd_indicators_page_import_file (self, file, &n, &error))
    {
      GtkWidget *dialog;
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      dialog = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                       GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                       "%s", _("The figures were not imported"));
      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
      g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
on_import_button_clicked_cb (DdIndicatorsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  chooser = gtk_file_chooser_native_new (_("Import Indicator Figures"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_response_cb), self, 0);
  gtk_native_dialog_show (self->chooser);
}

/* Before the grid shows another indicator or year, its typed cells are
 * recorded; a cell that holds no figure keeps the grid where it was. */
static gboolean
leave_grid (DdIndicatorsPage *self)
{
  g_autoptr(GError) error = NULL;

  if (_dd_indicators_grid_commit_all (self, &error))
    return TRUE;

  self->filling = TRUE;
  gtk_drop_down_set_selected (self->indicator_dropdown, self->shown_indicator);
  gtk_spin_button_set_value (self->year_spin, self->shown_year);
  self->filling = FALSE;
  gtk_label_set_text (self->summary_label, error->message);
  return FALSE;
}

static void
on_indicator_dropdown_selected_cb (DdIndicatorsPage *self)
{
  if (!self->filling && leave_grid (self))
    fill_grid (self);
}

static void
on_year_spin_value_changed_cb (DdIndicatorsPage *self)
{
  /* Figures typed in the dossier form: asked first (the year is put back). */
  if (self->filling || _dd_indicators_dossier_ask_before_leaving (self))
    return;
  if (leave_grid (self))
    {
      fill_grid (self);
      _dd_indicators_dossier_populate (self);
    }
}

static void
on_store_changed_cb (DdIndicatorsPage *self)
{
  /* The page's own cell write: the grid shows it already. */
  if (self->writing)
    return;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    dd_indicators_page_reload (self);
  else
    self->dirty = TRUE;
}

/* DdPage */

static void
dd_indicators_page_refresh (DdPage *page)
{
  dd_indicators_page_reload (DD_INDICATORS_PAGE (page));
}

static void
dd_indicators_page_page_init (DdPageInterface *iface)
{
  iface->title = N_("Indicators");
  iface->icon_name = "emblem-ok-symbolic";
  iface->refresh = dd_indicators_page_refresh;
}

/* GObject overrides */

static void
dd_indicators_page_map (GtkWidget *widget)
{
  DdIndicatorsPage *self = DD_INDICATORS_PAGE (widget);

  GTK_WIDGET_CLASS (dd_indicators_page_parent_class)->map (widget);
  if (self->dirty)
    dd_indicators_page_reload (self);
}

static void
dd_indicators_page_dispose (GObject *object)
{
  DdIndicatorsPage *self = DD_INDICATORS_PAGE (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->figures);
  g_clear_object (&self->units);
  g_clear_pointer (&self->indicators, g_ptr_array_unref);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  _dd_indicators_dossier_dispose (self);

  _dd_indicators_grid_dispose (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_INDICATORS_PAGE);

  G_OBJECT_CLASS (dd_indicators_page_parent_class)->dispose (object);
}

static void
dd_indicators_page_finalize (GObject *object)
{
  DdIndicatorsPage *self = DD_INDICATORS_PAGE (object);

  g_clear_pointer (&self->dossier_unit_ids, g_array_unref);
  g_clear_pointer (&self->dossier_periods, g_array_unref);
  _dd_indicators_grid_finalize (self);

  G_OBJECT_CLASS (dd_indicators_page_parent_class)->finalize (object);
}

static void
dd_indicators_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DdIndicatorsPage *self = DD_INDICATORS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_indicators_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DdIndicatorsPage *self = DD_INDICATORS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      dd_indicators_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_indicators_page_class_init (DdIndicatorsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_indicators_page_dispose;
  object_class->finalize = dd_indicators_page_finalize;
  object_class->get_property = dd_indicators_page_get_property;
  object_class->set_property = dd_indicators_page_set_property;

  widget_class->map = dd_indicators_page_map;

  g_object_class_override_property (object_class, PROP_STORE, "store");

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-indicators-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, box);
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, access_bar);
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, access_label);
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, indicator_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, year_spin);
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, source_entry);
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, grid);
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, header_window);
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, header_grid);
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, grid_window);
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, dossier_unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, dossier_period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, received_spin);
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, on_time_spin);
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, late_spin);
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, pending_spin);
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, apologies_spin);
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, dossier_source_entry);
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, dossier_save_button);
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, apology_gap_label);
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, dossier_message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_import_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_indicator_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_year_spin_value_changed_cb);

  _dd_indicators_dossier_class_init (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dd_indicators_page_init (DdIndicatorsPage *self)
{
  GDate today;

  self->dossier_unit_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->dossier_periods = g_array_new (FALSE, TRUE, sizeof (DdScorePeriod));
  gtk_widget_init_template (GTK_WIDGET (self));
  _dd_indicators_grid_init (self);

  dd_date_set_today (&today);
  self->filling = TRUE;
  gtk_spin_button_set_value (self->year_spin, g_date_get_year (&today));
  self->filling = FALSE;
}

/* Public API */

GtkWidget *
dd_indicators_page_new (DdStore *store)
{
  return g_object_new (DD_TYPE_INDICATORS_PAGE, "store", store, NULL);
}

DdStore *
dd_indicators_page_get_store (DdIndicatorsPage *self)
{
  g_return_val_if_fail (DD_IS_INDICATORS_PAGE (self), NULL);

  return self->store;
}

void
dd_indicators_page_set_store (DdIndicatorsPage *self,
                              DdStore          *store)
{
  g_return_if_fail (DD_IS_INDICATORS_PAGE (self));
  g_return_if_fail (store == NULL || DD_IS_STORE (store));

  if (store == self->store)
    return;
  /* The figures' object first: the refresh below reads through it. */
  g_clear_object (&self->figures);
  g_clear_object (&self->units);
  if (store != NULL)
    self->figures = dd_figures_new (store);
  if (!dd_page_set_store_field (DD_PAGE (self), &self->store, store, G_CALLBACK (on_store_changed_cb)))
    return;
  if (self->store != NULL)
    dd_access_connect (self->store, G_CALLBACK (on_access_changed_cb), self);
}

GListModel *
_dd_indicators_page_get_units (DdIndicatorsPage  *self,
                               GError           **error)
{
  if (self->units == NULL && self->store != NULL)
    self->units = dd_store_list_units (self->store, 0, error);
  return self->units;
}

void
dd_indicators_page_reload (DdIndicatorsPage *self)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  guint selected;

  g_return_if_fail (DD_IS_INDICATORS_PAGE (self));

  self->dirty = FALSE;
  /* Read again below, once for the grid and the dossier form. */
  g_clear_object (&self->units);
  selected = gtk_drop_down_get_selected (self->indicator_dropdown);
  g_clear_pointer (&self->indicators, g_ptr_array_unref);
  if (self->store != NULL)
    self->indicators = dd_figures_list_indicators (self->figures, 0, &error);
  for (guint i = 0; self->indicators != NULL && i < self->indicators->len; i++)
    {
      const DdIndicatorInfo *info = g_ptr_array_index (self->indicators, i);
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, info->title);

      gtk_string_list_append (titles, title);
    }

  self->filling = TRUE;
  gtk_drop_down_set_model (self->indicator_dropdown, G_LIST_MODEL (titles));
  if (self->indicators != NULL && selected < self->indicators->len)
    gtk_drop_down_set_selected (self->indicator_dropdown, selected);
  self->filling = FALSE;
  fill_grid (self);
  _dd_indicators_dossier_populate (self);
}

/* Records "N/D" typed for @info, @unit_id and @quarter of @year (the
 * grid's indicator and year, which the drop-down and the spin button may
 * have left already). */
gboolean
_dd_indicators_page_record (DdIndicatorsPage       *self,
                            const DdIndicatorInfo  *info,
                            int                     year,
                            gint64                  unit_id,
                            int                     quarter,
                            const char             *text,
                            GError                **error)
{
  g_auto(GStrv) parts = NULL;
  DdScorePeriod period;
  double num, den;

  if (self->store == NULL || info == NULL)
    return TRUE;
  dd_score_period_init (&period, DD_OCCURRENCE_QUARTER, year, quarter);

  {
    g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

    if (*trimmed == '\0')
      return dd_figures_clear_indicator_figure (self->figures, info->id, unit_id, &period, error);
  }
  parts = g_strsplit (text, "/", 2);
  if (g_strv_length (parts) != 2 || !parse_number (parts[0], &num) || !parse_number (parts[1], &den))
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("Write the figure as done/total, for example 412/415, not “%s”"), text);
      return FALSE;
    }
  return dd_figures_set_indicator_figure (self->figures, info->id, unit_id, &period, num, den,
                                          gtk_editable_get_text (GTK_EDITABLE (self->source_entry)), error);
}

/* The indicator whose figures the grid shows, or %NULL. */
const DdIndicatorInfo *
_dd_indicators_page_shown_indicator (DdIndicatorsPage *self)
{
  if (self->indicators == NULL || self->shown_indicator >= self->indicators->len)
    return NULL;
  return g_ptr_array_index (self->indicators, self->shown_indicator);
}

gboolean
dd_indicators_page_enter (DdIndicatorsPage  *self,
                          gint64             unit_id,
                          int                quarter,
                          const char        *text,
                          GError           **error)
{
  g_return_val_if_fail (DD_IS_INDICATORS_PAGE (self), FALSE);
  g_return_val_if_fail (quarter >= 1 && quarter <= 4, FALSE);

  return _dd_indicators_page_record (self, _dd_indicators_page_current_indicator (self),
                                     _dd_indicators_page_current_year (self), unit_id, quarter, text, error);
}

/**
 * dd_indicators_page_import_file:
 * @file: a CSV file of indicator figures
 * @out_n_figures: (out) (optional): the figures imported
 *
 * What "Import Figures…" does once a file is chosen: all its rows, or
 * (one bad row) none; the summary line says how many.
 */
gboolean
dd_indicators_page_import_file (DdIndicatorsPage  *self,
                                GFile             *file,
                                guint             *out_n_figures,
                                GError           **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  guint n = 0;

  g_return_val_if_fail (DD_IS_INDICATORS_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->store == NULL)
    return TRUE;
  /* A figures file is a few kilobytes: read at once. */
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return FALSE;
  if (!dd_figures_import_indicator_figures (self->figures, contents, (gssize) length, &n, error))
    return FALSE;
  /* The store's "changed" refilled the grid; then say what happened. */
  {
    g_autofree char *count = dd_format_count (n);

    text = g_strdup_printf (ngettext ("Imported %s figure.", "Imported %s figures.", n), count);
  }
  gtk_label_set_text (self->summary_label, text);
  if (out_n_figures != NULL)
    *out_n_figures = n;
  return TRUE;
}

/**
 * dd_indicators_page_save_typed:
 * @self: the page
 * @error: where a cell that holds no figure says why
 *
 * Records the figures typed in the grid's cells and not yet recorded (as
 * leaving the cell does). The window calls it before it closes.
 *
 * Returns: %FALSE when a typed cell holds no figure (it stays marked)
 */
gboolean
dd_indicators_page_save_typed (DdIndicatorsPage  *self,
                               GError           **error)
{
  g_return_val_if_fail (DD_IS_INDICATORS_PAGE (self), FALSE);

  return _dd_indicators_grid_commit_all (self, error);
}

/**
 * dd_indicators_page_get_cell:
 * @self: the page
 * @row: the position of a unit's row in the grid (0: the first)
 * @quarter: 1 to 4
 *
 * The grid's cells are made for the rows in view only.
 *
 * Returns: (transfer none) (nullable): the entry of @row's @quarter, or
 *   %NULL when that row is not in view
 */
GtkWidget *
dd_indicators_page_get_cell (DdIndicatorsPage *self,
                             guint             row,
                             int               quarter)
{
  g_return_val_if_fail (DD_IS_INDICATORS_PAGE (self), NULL);
  g_return_val_if_fail (quarter >= 1 && quarter <= 4, NULL);

  return _dd_indicators_grid_get_cell (self, row, quarter);
}

/**
 * dd_indicators_page_get_n_rows:
 * @self: the page
 *
 * Returns: the number of units' rows in the grid
 */
guint
dd_indicators_page_get_n_rows (DdIndicatorsPage *self)
{
  g_return_val_if_fail (DD_IS_INDICATORS_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

/**
 * dd_indicators_page_is_loading:
 * @self: the page
 *
 * Returns: whether a derived indicator's figures are still being counted
 *   (off the main thread); the grid's rows hold them once it is %FALSE
 */
gboolean
dd_indicators_page_is_loading (DdIndicatorsPage *self)
{
  g_return_val_if_fail (DD_IS_INDICATORS_PAGE (self), FALSE);

  return self->derived_loading;
}
