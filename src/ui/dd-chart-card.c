/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-chart-card"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-chart-card.h"

/*
 * DdChartCard: one chart of the dashboard in its card. Its title (which
 * says the reference date) beside a menu to save or copy the chart, over
 * the chart itself (a DdChartView of the card's DdChart). The menu's
 * items reach the view's "chart" actions through the card.
 */

struct _DdChartCard
{
  GtkWidget parent_instance;

  DdChart *chart;
  GtkWidget *header;
  GtkLabel *title;
  GtkWidget *menu_button;
  DdChartView *view;
};

enum {
  PROP_0,
  PROP_CHART,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (DdChartCard, dd_chart_card, GTK_TYPE_WIDGET)

/* Auxiliary methods */

/* The units chart needs a row per unit to stay legible. */
static int
units_min_height (guint n_units)
{
  return CLAMP (90 + 26 * (int) n_units, 220, 1200);
}

/* Callbacks */

/* The menu, made when first opened: four menus built with the page were
 * part of the time the window took to appear. */
static void
create_menu (GtkMenuButton *button,
             gpointer       user_data)
{
  DdChartView *view = user_data;

  gtk_menu_button_set_menu_model (button, dd_chart_view_get_menu_model (view));
  /* Once is enough: the menu stays. */
  gtk_menu_button_set_create_popup_func (button, NULL, NULL, NULL);
}

/* GObject overrides */

static void
dd_chart_card_constructed (GObject *object)
{
  DdChartCard *self = DD_CHART_CARD (object);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *view;

  G_OBJECT_CLASS (dd_chart_card_parent_class)->constructed (object);

  g_assert (self->chart != NULL);
  view = dd_chart_view_new (self->chart);
  self->view = DD_CHART_VIEW (view);
  self->title = GTK_LABEL (title);
  self->header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->menu_button = gtk_menu_button_new ();

  gtk_label_set_xalign (self->title, 0.0);
  gtk_label_set_wrap (self->title, TRUE);
  gtk_label_set_wrap_mode (self->title, PANGO_WRAP_WORD_CHAR);
  /* A long title wraps rather than widening the card: two cards must fit
   * side by side on an office screen. */
  gtk_label_set_width_chars (self->title, 12);
  gtk_label_set_max_width_chars (self->title, 24);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (self->header), title);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button), "view-more-symbolic");
  /* The menu is made when first opened (see create_menu()). */
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->menu_button), create_menu, view, NULL);
  gtk_widget_set_valign (self->menu_button, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->menu_button, "flat");
  gtk_widget_set_tooltip_text (self->menu_button, _("Save or copy this chart"));
  gtk_box_append (GTK_BOX (self->header), self->menu_button);

  /* The menu button's items reach the view's actions through the card. */
  gtk_widget_insert_action_group (GTK_WIDGET (self), "chart", dd_chart_view_get_actions (self->view));

  gtk_widget_set_vexpand (view, TRUE);

  gtk_widget_set_parent (self->header, GTK_WIDGET (self));
  gtk_widget_set_parent (view, GTK_WIDGET (self));
}

static void
dd_chart_card_dispose (GObject *object)
{
  DdChartCard *self = DD_CHART_CARD (object);

  g_clear_pointer (&self->header, gtk_widget_unparent);
  if (self->view != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->view));
      self->view = NULL;
    }
  self->title = NULL;
  self->menu_button = NULL;
  g_clear_object (&self->chart);

  G_OBJECT_CLASS (dd_chart_card_parent_class)->dispose (object);
}

static void
dd_chart_card_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DdChartCard *self = DD_CHART_CARD (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_object (value, self->chart);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_chart_card_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DdChartCard *self = DD_CHART_CARD (object);

  switch (prop_id)
    {
    case PROP_CHART:
      self->chart = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_chart_card_class_init (DdChartCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dd_chart_card_constructed;
  object_class->dispose = dd_chart_card_dispose;
  object_class->get_property = dd_chart_card_get_property;
  object_class->set_property = dd_chart_card_set_property;

  /**
   * DdChartCard:chart:
   *
   * The chart shown, set once.
   */
  properties [PROP_CHART] =
    g_param_spec_object ("chart", NULL, NULL,
                         DD_TYPE_CHART,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "chartcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dd_chart_card_init (DdChartCard *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);
  gtk_widget_add_css_class (GTK_WIDGET (self), "chart-card");
}

/* Public API */

/**
 * dd_chart_card_new:
 * @chart: the chart to show
 *
 * Returns: (transfer floating): a new card
 */
GtkWidget *
dd_chart_card_new (DdChart *chart)
{
  g_return_val_if_fail (DD_IS_CHART (chart), NULL);

  return g_object_new (DD_TYPE_CHART_CARD, "chart", chart, NULL);
}

/**
 * dd_chart_card_get_chart:
 *
 * Returns: (transfer none): the chart shown
 */
DdChart *
dd_chart_card_get_chart (DdChartCard *self)
{
  g_return_val_if_fail (DD_IS_CHART_CARD (self), NULL);

  return self->chart;
}

/**
 * dd_chart_card_get_view:
 *
 * Returns: (transfer none) (nullable): the view of the chart, %NULL once
 *   the card is disposed
 */
DdChartView *
dd_chart_card_get_view (DdChartCard *self)
{
  g_return_val_if_fail (DD_IS_CHART_CARD (self), NULL);

  return self->view;
}

void
dd_chart_card_set_as_of (DdChartCard *self,
                         const GDate *as_of)
{
  g_autofree char *title = NULL;

  g_return_if_fail (DD_IS_CHART_CARD (self));

  dd_chart_set_as_of (self->chart, as_of);
  title = dd_chart_dup_default_title (self->chart);
  gtk_label_set_text (self->title, title);
}

void
dd_chart_card_set_dashboard (DdChartCard            *self,
                             const DdStatsDashboard *dashboard)
{
  g_return_if_fail (DD_IS_CHART_CARD (self));

  dd_chart_set_dashboard (self->chart, dashboard);
  dd_chart_view_update (self->view);
  if (dd_chart_get_kind (self->chart) == DD_CHART_UNITS)
    dd_chart_view_set_min_height (self->view,
                                  units_min_height (dashboard->units != NULL ? dashboard->units->len : 0));
}
