/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-units-page"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-units-page.h"

/*
 * DdUnitsPage: the units of the store (dd_store_list_units(): a few hundred
 * at most, read at once) with the number of tasks each leads and
 * coordinates. Activating a unit asks the window to show its tasks
 * ("show-tasks").
 */

struct _DdUnitsPage
{
  GtkWidget parent_instance;

  DdStore *store;
  GtkSingleSelection *selection;
  gboolean dirty;

  /* Template children */
  GtkWidget *box;
  GtkLabel *summary_label;
  GtkColumnView *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *led_column;
  GtkColumnViewColumn *coordinated_column;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  SHOW_TASKS,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdUnitsPage, dd_units_page, GTK_TYPE_WIDGET)

typedef enum
{
  COLUMN_NAME,
  COLUMN_LED,
  COLUMN_COORDINATED,
} Column;

/* Callbacks */

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  if (column == COLUMN_NAME)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
    }

  gtk_list_item_set_child (list_item, label);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  DdUnit *unit = gtk_list_item_get_item (list_item);
  g_autofree char *text = NULL;

  if (unit == NULL)
    return;

  switch (column)
    {
    case COLUMN_NAME:
      gtk_label_set_text (GTK_LABEL (label), dd_unit_get_name (unit));
      if (dd_unit_get_is_group (unit))
        {
          gtk_widget_add_css_class (label, "dim-label");
          gtk_widget_set_tooltip_text (label, _("A group of units named collectively in the plan"));
        }
      else
        {
          gtk_widget_remove_css_class (label, "dim-label");
          gtk_widget_set_tooltip_text (label, dd_unit_get_name (unit));
        }
      break;

    case COLUMN_LED:
      text = g_strdup_printf ("%u", dd_unit_get_n_led (unit));
      gtk_label_set_text (GTK_LABEL (label), text);
      break;

    case COLUMN_COORDINATED:
    default:
      text = g_strdup_printf ("%u", dd_unit_get_n_coordinated (unit));
      gtk_label_set_text (GTK_LABEL (label), text);
      break;
    }
}

static void
on_column_view_activate_cb (DdUnitsPage *self,
                            guint        position)
{
  g_autoptr(DdUnit) unit = NULL;

  unit = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (unit != NULL)
    g_signal_emit (self, signals [SHOW_TASKS], 0, (gint64) 0, dd_unit_get_id (unit), -1);
}

static void
on_store_changed_cb (DdUnitsPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    dd_units_page_reload (self);
  else
    self->dirty = TRUE;
}

/* GObject overrides */

static void
dd_units_page_map (GtkWidget *widget)
{
  DdUnitsPage *self = DD_UNITS_PAGE (widget);

  GTK_WIDGET_CLASS (dd_units_page_parent_class)->map (widget);

  /* The counts may have changed while another page was shown. */
  if (self->dirty)
    dd_units_page_reload (self);
}

static void
dd_units_page_dispose (GObject *object)
{
  DdUnitsPage *self = DD_UNITS_PAGE (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_UNITS_PAGE);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (dd_units_page_parent_class)->dispose (object);
}

static void
dd_units_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DdUnitsPage *self = DD_UNITS_PAGE (object);

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
dd_units_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DdUnitsPage *self = DD_UNITS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      dd_units_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_units_page_class_init (DdUnitsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_units_page_dispose;
  object_class->get_property = dd_units_page_get_property;
  object_class->set_property = dd_units_page_set_property;

  widget_class->map = dd_units_page_map;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DD_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DdUnitsPage::show-tasks:
   * @plan_id: 0
   * @unit_id: the unit activated
   * @status: -1
   *
   * Asks the window to show the tasks of a unit.
   */
  signals [SHOW_TASKS] =
    g_signal_new ("show-tasks",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-units-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, box);
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, led_column);
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, coordinated_column);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
setup_column (GtkColumnViewColumn *view_column,
              Column               column)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), GINT_TO_POINTER (column));
  gtk_column_view_column_set_factory (view_column, factory);
}

static void
dd_units_page_init (DdUnitsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  setup_column (self->name_column, COLUMN_NAME);
  setup_column (self->led_column, COLUMN_LED);
  setup_column (self->coordinated_column, COLUMN_COORDINATED);
}

/* Public API */

GtkWidget *
dd_units_page_new (DdStore *store)
{
  return g_object_new (DD_TYPE_UNITS_PAGE, "store", store, NULL);
}

DdStore *
dd_units_page_get_store (DdUnitsPage *self)
{
  g_return_val_if_fail (DD_IS_UNITS_PAGE (self), NULL);

  return self->store;
}

void
dd_units_page_set_store (DdUnitsPage *self,
                         DdStore     *store)
{
  g_return_if_fail (DD_IS_UNITS_PAGE (self));
  g_return_if_fail (store == NULL || DD_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  g_set_object (&self->store, store);

  if (self->store != NULL && g_signal_lookup ("changed", DD_TYPE_STORE) != 0)
    g_signal_connect_object (self->store, "changed",
                             G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);

  dd_units_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE]);
}

/**
 * dd_units_page_reload:
 *
 * Reads the units and their counts from the store again.
 */
void
dd_units_page_reload (DdUnitsPage *self)
{
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  guint n_units = 0;

  g_return_if_fail (DD_IS_UNITS_PAGE (self));

  self->dirty = FALSE;

  if (self->store != NULL)
    {
      units = dd_store_list_units (self->store, 0, &error);
      if (units == NULL)
        summary = g_strdup_printf (_("The units could not be read: %s"), error->message);
    }

  gtk_single_selection_set_model (self->selection, units);

  if (summary == NULL)
    {
      if (units != NULL)
        n_units = g_list_model_get_n_items (units);
      summary = g_strdup_printf (ngettext ("%u unit. Activate a unit to see its tasks.",
                                           "%u units. Activate a unit to see its tasks.",
                                           n_units),
                                 n_units);
    }

  gtk_label_set_text (self->summary_label, summary);
}
