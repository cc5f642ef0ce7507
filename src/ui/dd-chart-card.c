/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-chart-card"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-chart-card.h"
#include "dd-chart-table.h"

/*
 * DdChartCard: one chart of the dashboard in its card. Its title (which
 * says the reference date) beside a menu to save or copy the chart, over
 * the chart itself (a DdChartView of the card's DdChart). The menu's
 * items reach the view's "chart" actions through the card. A toggle
 * beside the menu shows the chart's figures as a table instead
 * (dd_chart_dup_table(), DdChartTable): for those who read figures
 * rather than shapes, and for the keyboard and screen readers.
 */

struct _DdChartCard
{
  GtkWidget parent_instance;

  DdChart *chart;
  GtkWidget *header;
  GtkLabel *title;
  GtkWidget *menu_button;
  GtkWidget *table_button;
  GtkStack *stack;
  GtkScrolledWindow *table_window;
  DdChartView *view;
  gboolean table_stale;       /* the figures changed since the table was made */
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

/* The table of the chart's figures, made again when shown and stale. */
static void
update_table (DdChartCard *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *title = NULL;
  GtkWidget *table;

  if (!gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->table_button)) || !self->table_stale)
    return;

  self->table_stale = FALSE;
  rows = dd_chart_dup_table (self->chart);
  if (rows->len == 0)
    {
      table = gtk_label_new (_("No data"));
      gtk_widget_add_css_class (table, "dim-label");
    }
  else
    {
      title = dd_chart_dup_default_title (self->chart);
      table = dd_chart_table_new (rows, title);
    }
  gtk_scrolled_window_set_child (self->table_window, table);
}

/* Callbacks */

static void
on_table_button_toggled_cb (DdChartCard *self)
{
  gboolean table = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->table_button));

  update_table (self);
  gtk_stack_set_visible_child (self->stack, table ? GTK_WIDGET (self->table_window) : GTK_WIDGET (self->view));
}

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

  /* The figures as a table, beside the menu. */
  self->table_button = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (self->table_button), "view-list-symbolic");
  gtk_widget_set_valign (self->table_button, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->table_button, "flat");
  gtk_widget_set_tooltip_text (self->table_button, _("Show the figures as a table"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Table view"), -1);
  g_signal_connect_object (self->table_button, "toggled",
                           G_CALLBACK (on_table_button_toggled_cb), self, G_CONNECT_SWAPPED);
  gtk_box_insert_child_after (GTK_BOX (self->header), self->table_button, title);

  /* The menu button's items reach the view's actions through the card. */
  gtk_widget_insert_action_group (GTK_WIDGET (self), "chart", dd_chart_view_get_actions (self->view));

  /* On a large window the card grows as tall as its neighbour (the
   * units chart, a row per unit): the donut keeps the height its width
   * asks for, at the top of the card under its title, rather than grow
   * with it. In the middle of a card 1,200 px tall (300 units) it was
   * below the first screen, which showed an empty card. */
  if (dd_chart_get_kind (self->chart) == DD_CHART_STATUS)
    gtk_widget_set_valign (view, GTK_ALIGN_START);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_child (self->stack, view);
  self->table_window = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_policy (self->table_window, GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_stack_add_child (self->stack, GTK_WIDGET (self->table_window));
  gtk_stack_set_visible_child (self->stack, view);
  self->table_stale = TRUE;

  gtk_widget_set_parent (self->header, GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));
}

static void
dd_chart_card_dispose (GObject *object)
{
  DdChartCard *self = DD_CHART_CARD (object);

  g_clear_pointer (&self->header, gtk_widget_unparent);
  if (self->stack != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->stack));
      self->stack = NULL;
    }
  self->view = NULL;
  self->table_window = NULL;
  self->title = NULL;
  self->menu_button = NULL;
  self->table_button = NULL;
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
/**
 * dd_chart_card_set_table_shown:
 * @shown: whether to show the figures as a table rather than the chart
 *
 * What the card's table toggle does.
 */
void
dd_chart_card_set_table_shown (DdChartCard *self,
                               gboolean     shown)
{
  g_return_if_fail (DD_IS_CHART_CARD (self));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->table_button), shown);
}

/**
 * dd_chart_card_get_table:
 *
 * Returns: (transfer none) (nullable): the table of the figures, once
 *   shown (a GtkColumnView; a label without figures)
 */
GtkWidget *
dd_chart_card_get_table (DdChartCard *self)
{
  GtkWidget *child;

  g_return_val_if_fail (DD_IS_CHART_CARD (self), NULL);

  child = self->table_window != NULL ? gtk_scrolled_window_get_child (self->table_window) : NULL;
  /* A label ("No data") sits in the viewport the scrolled window gave it. */
  if (GTK_IS_VIEWPORT (child))
    child = gtk_viewport_get_child (GTK_VIEWPORT (child));
  return child;
}

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
  self->table_stale = TRUE;
  update_table (self);
}

void
dd_chart_card_set_dashboard (DdChartCard            *self,
                             const DdStatsDashboard *dashboard)
{
  g_return_if_fail (DD_IS_CHART_CARD (self));

  dd_chart_set_dashboard (self->chart, dashboard);
  dd_chart_view_update (self->view);
  self->table_stale = TRUE;
  update_table (self);
  if (dd_chart_get_kind (self->chart) == DD_CHART_UNITS)
    dd_chart_view_set_min_height (self->view,
                                  units_min_height (dashboard->units != NULL ? dashboard->units->len : 0));
}
