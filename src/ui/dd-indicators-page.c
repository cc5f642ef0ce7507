/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-indicators-page"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "dd-indicators-page.h"

/*
 * DdIndicatorsPage: the figures of one indicator as a grid of units ×
 * quarters of a year. A cell holds "numerator/denominator" ("412/415");
 * Enter records it with the source typed above (empty clears it). An
 * indicator derived from the tasks and dossiers is shown, not typed.
 */

struct _DdIndicatorsPage
{
  GtkWidget parent_instance;

  DdStore *store;
  GPtrArray *indicators;       /* DdIndicatorInfo* */
  gboolean dirty;
  gboolean filling;

  /* Template children */
  GtkWidget *box;
  GtkDropDown *indicator_dropdown;
  GtkSpinButton *year_spin;
  GtkEntry *source_entry;
  GtkLabel *summary_label;
  GtkGrid *grid;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (DdIndicatorsPage, dd_indicators_page, GTK_TYPE_WIDGET)

/* Auxiliary methods */

static const DdIndicatorInfo *
current_indicator (DdIndicatorsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->indicator_dropdown);

  if (self->indicators == NULL || selected >= self->indicators->len)
    return NULL;
  return g_ptr_array_index (self->indicators, selected);
}

static int
current_year (DdIndicatorsPage *self)
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

static void
clear_grid (DdIndicatorsPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
}

static void
on_cell_activate_cb (GtkEntry         *entry,
                     DdIndicatorsPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 unit_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (entry), "unit-id"));
  int quarter = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "quarter"));

  if (!dd_indicators_page_enter (self, unit_id, quarter, gtk_editable_get_text (GTK_EDITABLE (entry)), &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), error->message);
      gtk_label_set_text (self->summary_label, error->message);
    }
}

static void
fill_grid (DdIndicatorsPage *self)
{
  const DdIndicatorInfo *info = current_indicator (self);
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GError) error = NULL;
  DdScorePeriod year;
  int row = 1;

  clear_grid (self);
  if (self->store == NULL || info == NULL)
    {
      gtk_label_set_text (self->summary_label, _("No indicator: import a plan with its indicators."));
      return;
    }

  dd_score_period_init (&year, DD_OCCURRENCE_YEAR, current_year (self), 1);
  units = dd_store_list_units (self->store, 0, &error);
  if (units != NULL)
    figures = dd_store_list_indicator_figures (self->store, info->id, &year, &error);
  if (figures == NULL)
    {
      gtk_label_set_text (self->summary_label, error->message);
      return;
    }

  if (info->derived)
    gtk_label_set_text (self->summary_label,
                        _("This indicator is derived from the tasks done on time and the dossier figures: "
                          "see the unit scorecards."));
  else
    gtk_label_set_text (self->summary_label,
                        _("Type “done/total” in a cell (412/415) and press Enter; an empty cell clears the figure. "
                          "Periods follow Nghị định 09/2019/NĐ-CP."));

  for (int q = 1; q <= 4; q++)
    {
      DdScorePeriod period;
      g_autofree char *label = NULL;
      GtkWidget *header;

      dd_score_period_init (&period, DD_OCCURRENCE_QUARTER, current_year (self), q);
      label = dd_score_period_dup_label (&period);
      header = gtk_label_new (label);
      gtk_widget_add_css_class (header, "heading");
      gtk_grid_attach (self->grid, header, q, 0, 1, 1);
    }

  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);
      GtkWidget *name;

      if (dd_unit_get_is_group (unit))
        continue;
      name = gtk_label_new (dd_unit_get_name (unit));
      gtk_label_set_xalign (GTK_LABEL (name), 0.0);
      gtk_grid_attach (self->grid, name, 0, row, 1, 1);

      for (int q = 1; q <= 4; q++)
        {
          GtkWidget *entry = gtk_entry_new ();
          DdScorePeriod period;

          dd_score_period_init (&period, DD_OCCURRENCE_QUARTER, current_year (self), q);
          gtk_editable_set_width_chars (GTK_EDITABLE (entry), 11);
          gtk_entry_set_alignment (GTK_ENTRY (entry), 1.0);
          gtk_widget_set_sensitive (entry, !info->derived && !dd_store_is_read_only (self->store));
          for (guint f = 0; f < figures->len; f++)
            {
              const DdIndicatorFigure *figure = g_ptr_array_index (figures, f);

              if (figure->unit_id == dd_unit_get_id (unit) &&
                  g_date_compare (&figure->period_start, &period.start) == 0 &&
                  g_date_compare (&figure->period_end, &period.end) == 0)
                {
                  g_autofree char *num = dd_format_number (figure->numerator, 0);
                  g_autofree char *den = dd_format_number (figure->denominator, 0);
                  g_autofree char *text = g_strdup_printf ("%g/%g", figure->numerator, figure->denominator);
                  g_autofree char *tip = g_strdup_printf (_("%s of %s — source: %s"), num, den,
                                                          figure->source != NULL ? figure->source : "—");

                  gtk_editable_set_text (GTK_EDITABLE (entry), text);
                  gtk_widget_set_tooltip_text (entry, tip);
                }
            }
          g_object_set_data (G_OBJECT (entry), "unit-id", GSIZE_TO_POINTER ((gsize) dd_unit_get_id (unit)));
          g_object_set_data (G_OBJECT (entry), "quarter", GINT_TO_POINTER (q));
          g_signal_connect_object (entry, "activate", G_CALLBACK (on_cell_activate_cb), self, 0);
          gtk_grid_attach (self->grid, entry, q, row, 1, 1);
        }
      row++;
    }
}

/* Callbacks */

static void
on_indicator_dropdown_selected_cb (DdIndicatorsPage *self)
{
  if (!self->filling)
    fill_grid (self);
}

static void
on_year_spin_value_changed_cb (DdIndicatorsPage *self)
{
  if (!self->filling)
    fill_grid (self);
}

static void
on_store_changed_cb (DdIndicatorsPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    dd_indicators_page_reload (self);
  else
    self->dirty = TRUE;
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
  g_clear_pointer (&self->indicators, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_INDICATORS_PAGE);

  G_OBJECT_CLASS (dd_indicators_page_parent_class)->dispose (object);
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
  object_class->get_property = dd_indicators_page_get_property;
  object_class->set_property = dd_indicators_page_set_property;

  widget_class->map = dd_indicators_page_map;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DD_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-indicators-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, box);
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, indicator_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, year_spin);
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, source_entry);
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DdIndicatorsPage, grid);
  gtk_widget_class_bind_template_callback (widget_class, on_indicator_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_year_spin_value_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dd_indicators_page_init (DdIndicatorsPage *self)
{
  GDate today;

  gtk_widget_init_template (GTK_WIDGET (self));

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

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (self->store != NULL && g_signal_lookup ("changed", DD_TYPE_STORE) != 0)
    g_signal_connect_object (self->store, "changed",
                             G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  dd_indicators_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE]);
}

void
dd_indicators_page_reload (DdIndicatorsPage *self)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  guint selected;

  g_return_if_fail (DD_IS_INDICATORS_PAGE (self));

  self->dirty = FALSE;
  selected = gtk_drop_down_get_selected (self->indicator_dropdown);
  g_clear_pointer (&self->indicators, g_ptr_array_unref);
  if (self->store != NULL)
    self->indicators = dd_store_list_indicators (self->store, 0, &error);
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
}

gboolean
dd_indicators_page_enter (DdIndicatorsPage  *self,
                          gint64             unit_id,
                          int                quarter,
                          const char        *text,
                          GError           **error)
{
  const DdIndicatorInfo *info;
  g_auto(GStrv) parts = NULL;
  DdScorePeriod period;
  double num, den;

  g_return_val_if_fail (DD_IS_INDICATORS_PAGE (self), FALSE);
  g_return_val_if_fail (quarter >= 1 && quarter <= 4, FALSE);

  info = current_indicator (self);
  if (self->store == NULL || info == NULL)
    return TRUE;
  dd_score_period_init (&period, DD_OCCURRENCE_QUARTER, current_year (self), quarter);

  {
    g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

    if (*trimmed == '\0')
      return dd_store_clear_indicator_figure (self->store, info->id, unit_id, &period, error);
  }
  parts = g_strsplit (text, "/", 2);
  if (g_strv_length (parts) != 2 || !parse_number (parts[0], &num) || !parse_number (parts[1], &den))
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("Write the figure as done/total, for example 412/415, not “%s”"), text);
      return FALSE;
    }
  return dd_store_set_indicator_figure (self->store, info->id, unit_id, &period, num, den,
                                        gtk_editable_get_text (GTK_EDITABLE (self->source_entry)), error);
}
