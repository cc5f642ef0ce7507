/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-admin-list-window"

#include "config.h"

#include "dd-admin-list-window.h"
#include "dd-table-row.h"

/*
 * DdAdminListWindow: what the administrators' list windows share (the
 * recycle bin, users and roles, the backups). A modal window over a store
 * (construct-only): a hint, an error line that shows when something fails,
 * and a list of the subclass's items, one row of cells each under a row
 * of column titles, the cells of a column as wide as its title; a
 * placeholder ("empty-text") when there is none. The subclass reads its
 * items (load()), says what may be done (update()) and reacts to the
 * selection; the list is read again when the store says "changed".
 *
 * A subclass's template adds its own widgets: <child type="action"> at the
 * end of the header bar, <child type="bottom"> below the list.
 */

typedef struct
{
  DdStore *store;
  GPtrArray *columns;             /* DdAdminColumn, titles owned */
  GPtrArray *size_groups;         /* GtkSizeGroup, one per column */
  char *empty_text;
  guint n_items;
  guint reloading;

  /* Template children */
  GtkLabel *hint_label;
  GtkRevealer *error_revealer;
  GtkLabel *error_label;
  GtkListBox *list_box;
} DdAdminListWindowPrivate;

enum {
  PROP_0,
  PROP_STORE,
  PROP_LIST_LABEL,
  PROP_EMPTY_TEXT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static GtkBuildableIface *parent_buildable_iface;

static void dd_admin_list_window_buildable_init (GtkBuildableIface *iface);

G_DEFINE_TYPE_WITH_CODE (DdAdminListWindow, dd_admin_list_window, GTK_TYPE_WINDOW,
                         G_ADD_PRIVATE (DdAdminListWindow)
                         G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, dd_admin_list_window_buildable_init))

/* Auxiliary methods */

static void
column_free (gpointer data)
{
  DdAdminColumn *column = data;

  g_free ((char *) column->title);
  g_free (column);
}

static GtkWidget *
new_row_box (DdAdminListWindow  *self,
             const char * const *cells)
{
  DdAdminListWindowPrivate *priv = dd_admin_list_window_get_instance_private (self);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_widget_add_css_class (box, "admin-row");
  for (guint i = 0; i < priv->columns->len; i++)
    {
      const DdAdminColumn *column = g_ptr_array_index (priv->columns, i);

      dd_table_row_append (box, g_ptr_array_index (priv->size_groups, i),
                           dd_table_cell_new (cells[i], column->width_chars, column->expand_to_chars));
    }
  return box;
}

/* Appends a row that is neither selected nor activated, the @index-th:
 * the titles, the placeholder. */
static GtkListBoxRow *
append_inert_row (DdAdminListWindow *self,
                  GtkWidget         *child,
                  int                index)
{
  DdAdminListWindowPrivate *priv = dd_admin_list_window_get_instance_private (self);
  GtkListBoxRow *row;

  gtk_list_box_append (priv->list_box, child);
  row = gtk_list_box_get_row_at_index (priv->list_box, index);
  gtk_list_box_row_set_selectable (row, FALSE);
  gtk_list_box_row_set_activatable (row, FALSE);
  return row;
}

/* The index of the item of @row, or -1 for no row or the titles. */
static int
get_item_index (DdAdminListWindow *self,
                GtkListBoxRow     *row)
{
  DdAdminListWindowPrivate *priv = dd_admin_list_window_get_instance_private (self);
  int index;

  if (row == NULL)
    return -1;
  index = gtk_list_box_row_get_index (row) - 1;   /* the first row is the titles */
  return index >= 0 && (guint) index < priv->n_items ? index : -1;
}

/* Callbacks */

static void
on_list_box_row_selected_cb (DdAdminListWindow *self,
                             GtkListBoxRow     *row)
{
  DdAdminListWindowPrivate *priv = dd_admin_list_window_get_instance_private (self);

  /* The rows go away while the list is read again, and with the template:
   * nothing to say then. */
  if (priv->reloading > 0 || priv->hint_label == NULL)
    return;
  DD_ADMIN_LIST_WINDOW_GET_CLASS (self)->row_selected (self, get_item_index (self, row));
}

static void
on_list_box_row_activated_cb (DdAdminListWindow *self,
                              GtkListBoxRow     *row)
{
  DdAdminListWindowClass *klass = DD_ADMIN_LIST_WINDOW_GET_CLASS (self);
  int index = get_item_index (self, row);

  if (klass->row_activated != NULL && index >= 0)
    klass->row_activated (self, index);
}

static void
on_store_changed_cb (DdAdminListWindow *self)
{
  DD_ADMIN_LIST_WINDOW_GET_CLASS (self)->store_changed (self);
}

/* GtkBuildable */

static void
dd_admin_list_window_buildable_add_child (GtkBuildable *buildable,
                                          GtkBuilder   *builder,
                                          GObject      *child,
                                          const char   *type)
{
  GtkWindow *window = GTK_WINDOW (buildable);

  if (g_strcmp0 (type, "action") == 0)
    gtk_header_bar_pack_end (GTK_HEADER_BAR (gtk_window_get_titlebar (window)), GTK_WIDGET (child));
  else if (g_strcmp0 (type, "bottom") == 0)
    gtk_box_append (GTK_BOX (gtk_window_get_child (window)), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
dd_admin_list_window_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = dd_admin_list_window_buildable_add_child;
}

/* GObject overrides */

static void
dd_admin_list_window_real_row_selected (DdAdminListWindow *self,
                                        int                index)
{
  DD_ADMIN_LIST_WINDOW_GET_CLASS (self)->update (self);
}

static void
dd_admin_list_window_constructed (GObject *object)
{
  DdAdminListWindow *self = DD_ADMIN_LIST_WINDOW (object);
  DdAdminListWindowPrivate *priv = dd_admin_list_window_get_instance_private (self);

  G_OBJECT_CLASS (dd_admin_list_window_parent_class)->constructed (object);

  if (priv->store != NULL && DD_ADMIN_LIST_WINDOW_GET_CLASS (self)->store_changed != NULL)
    g_signal_connect_object (priv->store, "changed", G_CALLBACK (on_store_changed_cb), self,
                             G_CONNECT_SWAPPED);
  dd_admin_list_window_reload (self);
}

static void
dd_admin_list_window_dispose (GObject *object)
{
  DdAdminListWindow *self = DD_ADMIN_LIST_WINDOW (object);
  DdAdminListWindowPrivate *priv = dd_admin_list_window_get_instance_private (self);

  /* Not gtk_widget_dispose_template(): GTK 4.8's looks up the template of
   * the instance's class (the subclass's) whatever the type it is given.
   * Our template children stay referenced until finalize; the handlers
   * that the list's rows set off as they go away see them gone. */
  priv->hint_label = NULL;
  priv->error_revealer = NULL;
  priv->error_label = NULL;
  priv->list_box = NULL;
  g_clear_object (&priv->store);
  g_clear_pointer (&priv->size_groups, g_ptr_array_unref);

  G_OBJECT_CLASS (dd_admin_list_window_parent_class)->dispose (object);
}

static void
dd_admin_list_window_finalize (GObject *object)
{
  DdAdminListWindow *self = DD_ADMIN_LIST_WINDOW (object);
  DdAdminListWindowPrivate *priv = dd_admin_list_window_get_instance_private (self);

  g_clear_pointer (&priv->columns, g_ptr_array_unref);
  g_clear_pointer (&priv->empty_text, g_free);

  G_OBJECT_CLASS (dd_admin_list_window_parent_class)->finalize (object);
}

static void
dd_admin_list_window_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  DdAdminListWindow *self = DD_ADMIN_LIST_WINDOW (object);
  DdAdminListWindowPrivate *priv = dd_admin_list_window_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, priv->store);
      break;

    case PROP_EMPTY_TEXT:
      g_value_set_string (value, priv->empty_text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_admin_list_window_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  DdAdminListWindow *self = DD_ADMIN_LIST_WINDOW (object);
  DdAdminListWindowPrivate *priv = dd_admin_list_window_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      priv->store = g_value_dup_object (value);
      break;

    case PROP_LIST_LABEL:
      gtk_accessible_update_property (GTK_ACCESSIBLE (priv->list_box),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, g_value_get_string (value),
                                      -1);
      break;

    case PROP_EMPTY_TEXT:
      g_free (priv->empty_text);
      priv->empty_text = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_admin_list_window_class_init (DdAdminListWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dd_admin_list_window_constructed;
  object_class->dispose = dd_admin_list_window_dispose;
  object_class->finalize = dd_admin_list_window_finalize;
  object_class->get_property = dd_admin_list_window_get_property;
  object_class->set_property = dd_admin_list_window_set_property;

  klass->row_selected = dd_admin_list_window_real_row_selected;
  klass->store_changed = dd_admin_list_window_reload;

  /**
   * DdAdminListWindow:store:
   *
   * The database whose items are listed.
   */
  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DD_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * DdAdminListWindow:list-label:
   *
   * What the list holds, for assistive technologies ("Deleted tasks").
   */
  properties [PROP_LIST_LABEL] =
    g_param_spec_string ("list-label", NULL, NULL,
                         NULL,
                         (G_PARAM_WRITABLE |
                          G_PARAM_STATIC_STRINGS));

  /**
   * DdAdminListWindow:empty-text:
   *
   * What the list says when load() found no item, or %NULL to say nothing.
   */
  properties [PROP_EMPTY_TEXT] =
    g_param_spec_string ("empty-text", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-admin-list-window.ui");
  gtk_widget_class_bind_template_child_private (widget_class, DdAdminListWindow, hint_label);
  gtk_widget_class_bind_template_child_private (widget_class, DdAdminListWindow, error_revealer);
  gtk_widget_class_bind_template_child_private (widget_class, DdAdminListWindow, error_label);
  gtk_widget_class_bind_template_child_private (widget_class, DdAdminListWindow, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_list_box_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_box_row_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dd_admin_list_window_init (DdAdminListWindow *self)
{
  DdAdminListWindowPrivate *priv = dd_admin_list_window_get_instance_private (self);

  priv->columns = g_ptr_array_new_with_free_func (column_free);
  priv->size_groups = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * dd_admin_list_window_get_store:
 *
 * Returns: (transfer none) (nullable): the database listed
 */
DdStore *
dd_admin_list_window_get_store (DdAdminListWindow *self)
{
  DdAdminListWindowPrivate *priv = dd_admin_list_window_get_instance_private (self);

  g_return_val_if_fail (DD_IS_ADMIN_LIST_WINDOW (self), NULL);

  return priv->store;
}

/**
 * dd_admin_list_window_set_columns:
 * @columns: (array length=n_columns): the columns, in order
 *
 * Sets the columns of the list; every row then has @n_columns cells.
 */
void
dd_admin_list_window_set_columns (DdAdminListWindow   *self,
                                  const DdAdminColumn *columns,
                                  guint                n_columns)
{
  DdAdminListWindowPrivate *priv = dd_admin_list_window_get_instance_private (self);

  g_return_if_fail (DD_IS_ADMIN_LIST_WINDOW (self));
  g_return_if_fail (columns != NULL || n_columns == 0);

  g_ptr_array_set_size (priv->columns, 0);
  g_ptr_array_set_size (priv->size_groups, 0);
  for (guint i = 0; i < n_columns; i++)
    {
      DdAdminColumn *column = g_memdup2 (&columns[i], sizeof columns[i]);

      column->title = g_strdup (columns[i].title);
      g_ptr_array_add (priv->columns, column);
      g_ptr_array_add (priv->size_groups, gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL));
    }
}

/**
 * dd_admin_list_window_reload:
 *
 * Reads the list again: the titles, the subclass's rows (load()), the
 * placeholder when there is none; then update().
 */
void
dd_admin_list_window_reload (DdAdminListWindow *self)
{
  DdAdminListWindowPrivate *priv = dd_admin_list_window_get_instance_private (self);
  g_autoptr(GPtrArray) titles = NULL;
  GtkWidget *child;
  GtkListBoxRow *header;
  int n;

  g_return_if_fail (DD_IS_ADMIN_LIST_WINDOW (self));

  priv->reloading++;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (priv->list_box))) != NULL)
    gtk_list_box_remove (priv->list_box, child);
  priv->n_items = 0;

  /* The column titles, as the first row. */
  titles = g_ptr_array_new ();
  for (guint i = 0; i < priv->columns->len; i++)
    g_ptr_array_add (titles, (gpointer) ((DdAdminColumn *) g_ptr_array_index (priv->columns, i))->title);
  child = new_row_box (self, (const char * const *) titles->pdata);
  gtk_widget_add_css_class (child, "admin-header");
  header = append_inert_row (self, child, 0);
  gtk_widget_set_focusable (GTK_WIDGET (header), FALSE);

  n = DD_ADMIN_LIST_WINDOW_GET_CLASS (self)->load (self);

  if (n == 0 && priv->empty_text != NULL)
    {
      GtkWidget *placeholder = gtk_label_new (priv->empty_text);

      gtk_widget_add_css_class (placeholder, "dim-label");
      gtk_widget_set_margin_top (placeholder, 24);
      append_inert_row (self, placeholder, 1);
    }
  priv->reloading--;

  DD_ADMIN_LIST_WINDOW_GET_CLASS (self)->update (self);
}

/**
 * dd_admin_list_window_append_row:
 * @cells: (array): the text of each column's cell
 *
 * Appends the row of the next item; for load().
 *
 * Returns: (transfer none): the row's box of cells
 */
GtkWidget *
dd_admin_list_window_append_row (DdAdminListWindow  *self,
                                 const char * const *cells)
{
  DdAdminListWindowPrivate *priv = dd_admin_list_window_get_instance_private (self);
  GtkWidget *box;

  g_return_val_if_fail (DD_IS_ADMIN_LIST_WINDOW (self), NULL);
  g_return_val_if_fail (cells != NULL, NULL);

  box = new_row_box (self, cells);
  gtk_list_box_append (priv->list_box, box);
  priv->n_items++;
  return box;
}

guint
dd_admin_list_window_get_n_items (DdAdminListWindow *self)
{
  DdAdminListWindowPrivate *priv = dd_admin_list_window_get_instance_private (self);

  g_return_val_if_fail (DD_IS_ADMIN_LIST_WINDOW (self), 0);

  return priv->n_items;
}

int
dd_admin_list_window_get_selected (DdAdminListWindow *self)
{
  DdAdminListWindowPrivate *priv = dd_admin_list_window_get_instance_private (self);

  g_return_val_if_fail (DD_IS_ADMIN_LIST_WINDOW (self), -1);

  if (priv->list_box == NULL)
    return -1;
  return get_item_index (self, gtk_list_box_get_selected_row (priv->list_box));
}

void
dd_admin_list_window_select (DdAdminListWindow *self,
                             guint              index)
{
  DdAdminListWindowPrivate *priv = dd_admin_list_window_get_instance_private (self);
  GtkListBoxRow *row;

  g_return_if_fail (DD_IS_ADMIN_LIST_WINDOW (self));

  row = gtk_list_box_get_row_at_index (priv->list_box, (int) index + 1);
  if (row != NULL && index < priv->n_items)
    gtk_list_box_select_row (priv->list_box, row);
}

void
dd_admin_list_window_set_hint (DdAdminListWindow *self,
                               const char        *text)
{
  DdAdminListWindowPrivate *priv = dd_admin_list_window_get_instance_private (self);

  g_return_if_fail (DD_IS_ADMIN_LIST_WINDOW (self));

  gtk_label_set_text (priv->hint_label, text != NULL ? text : "");
}

void
dd_admin_list_window_show_error (DdAdminListWindow *self,
                                 const char        *message)
{
  DdAdminListWindowPrivate *priv = dd_admin_list_window_get_instance_private (self);

  g_return_if_fail (DD_IS_ADMIN_LIST_WINDOW (self));

  gtk_label_set_text (priv->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (priv->error_revealer, message != NULL);
}
