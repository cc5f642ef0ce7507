/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-recycle-bin-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-access.h"
#include "dd-table-row.h"
#include "dd-admin-format.h"
#include "dd-recycle-bin-window.h"

/*
 * DdRecycleBinWindow: the tasks deleted from the file (they are never
 * erased), who deleted each and when, and Restore, which puts the selected
 * one back. Only administrators delete and restore (the store enforces it);
 * everyone else sees the list and why they cannot restore.
 */

struct _DdRecycleBinWindow
{
  GtkWindow parent_instance;

  DdStore *store;
  GPtrArray *entries;             /* DdBinEntry, in the order of the rows */

  GtkSizeGroup *columns[5];      /* keep the cells of a column as wide as its header */

  /* Template children */
  GtkLabel *hint_label;
  GtkRevealer *error_revealer;
  GtkLabel *error_label;
  GtkListBox *list_box;
  GtkButton *restore_button;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (DdRecycleBinWindow, dd_recycle_bin_window, GTK_TYPE_WINDOW)

/* Auxiliary methods */

static void
show_error (DdRecycleBinWindow *self,
            const char         *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static GtkWidget *
new_row_box (DdRecycleBinWindow *self,
             const char         *number,
             const char         *title,
             const char         *plan,
             const char         *who,
             const char         *when)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_widget_add_css_class (box, "admin-row");
  dd_table_row_append (box, self->columns[0], dd_table_cell_new (number, 4, 0));
  dd_table_row_append (box, self->columns[1], dd_table_cell_new (title, 30, 60));
  dd_table_row_append (box, self->columns[2], dd_table_cell_new (plan, 14, 0));
  dd_table_row_append (box, self->columns[3], dd_table_cell_new (who, 18, 0));
  dd_table_row_append (box, self->columns[4], dd_table_cell_new (when, 16, 0));
  return box;
}

static DdBinEntry *
get_selected_entry (DdRecycleBinWindow *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);
  int index;

  if (row == NULL || self->entries == NULL)
    return NULL;
  index = gtk_list_box_row_get_index (row) - 1;   /* the first row is the header */
  if (index < 0 || (guint) index >= self->entries->len)
    return NULL;
  return g_ptr_array_index (self->entries, index);
}

static void
update_actions (DdRecycleBinWindow *self)
{
  g_autofree char *reason = dd_access_dup_reason (self->store, DD_ACTION_RESTORE_TASK, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bin.restore",
                                 reason == NULL && get_selected_entry (self) != NULL);

  if (reason != NULL)
    gtk_label_set_text (self->hint_label, reason);
  else
    gtk_label_set_text (self->hint_label,
                        _("Deleted tasks are kept here, never erased. Select one and press "
                          "Restore to put it back in its plan, with its progress and history."));
}

/* The name to show for an account: its display name when one is recorded. */
static char *
dup_person (GHashTable *names,
            const char *account)
{
  const char *display_name;

  if (account == NULL)
    return g_strdup ("");
  display_name = names != NULL ? g_hash_table_lookup (names, account) : NULL;
  if (display_name == NULL)
    return g_strdup (account);
  /* Translators: a person: display name, then the computer account. */
  return g_strdup_printf (_("%s (%s)"), display_name, account);
}

/* Callbacks */

static void
on_list_box_row_selected_cb (DdRecycleBinWindow *self)
{
  /* The rows go away with the template too: nothing to update then. */
  if (self->hint_label == NULL)
    return;
  update_actions (self);
}

static void
on_list_box_row_activated_cb (DdRecycleBinWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "bin.restore", NULL);
}

static void
on_store_changed_cb (DdRecycleBinWindow *self)
{
  dd_recycle_bin_window_reload (self);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  DdRecycleBinWindow *self = DD_RECYCLE_BIN_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  DdBinEntry *entry = get_selected_entry (self);

  if (entry == NULL || self->store == NULL)
    return;

  if (!dd_store_restore_task (self->store, entry->task_id, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the reason. */
      message = g_strdup_printf (_("The task could not be restored: %s"), error->message);
      show_error (self, message);
      return;
    }
  show_error (self, NULL);
  /* The store said "changed": the list is read again. */
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

/* GObject overrides */

static void
dd_recycle_bin_window_constructed (GObject *object)
{
  DdRecycleBinWindow *self = DD_RECYCLE_BIN_WINDOW (object);

  G_OBJECT_CLASS (dd_recycle_bin_window_parent_class)->constructed (object);

  if (self->store != NULL)
    g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self,
                             G_CONNECT_SWAPPED);
  dd_recycle_bin_window_reload (self);
}

static void
dd_recycle_bin_window_dispose (GObject *object)
{
  DdRecycleBinWindow *self = DD_RECYCLE_BIN_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_RECYCLE_BIN_WINDOW);
  g_clear_object (&self->store);
  for (guint i = 0; i < G_N_ELEMENTS (self->columns); i++)
    g_clear_object (&self->columns[i]);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (dd_recycle_bin_window_parent_class)->dispose (object);
}

static void
dd_recycle_bin_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  DdRecycleBinWindow *self = DD_RECYCLE_BIN_WINDOW (object);

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
dd_recycle_bin_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  DdRecycleBinWindow *self = DD_RECYCLE_BIN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_recycle_bin_window_class_init (DdRecycleBinWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dd_recycle_bin_window_constructed;
  object_class->dispose = dd_recycle_bin_window_dispose;
  object_class->get_property = dd_recycle_bin_window_get_property;
  object_class->set_property = dd_recycle_bin_window_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DD_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-recycle-bin-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DdRecycleBinWindow, hint_label);
  gtk_widget_class_bind_template_child (widget_class, DdRecycleBinWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, DdRecycleBinWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, DdRecycleBinWindow, list_box);
  gtk_widget_class_bind_template_child (widget_class, DdRecycleBinWindow, restore_button);
  gtk_widget_class_bind_template_callback (widget_class, on_list_box_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_box_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "bin.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "bin.close", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "bin.close", NULL);
}

static void
dd_recycle_bin_window_init (DdRecycleBinWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (self->columns); i++)
    self->columns[i] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
}

/* Public API */

/**
 * dd_recycle_bin_window_new:
 * @parent: (nullable): the window it is modal to
 * @store: the database
 *
 * Returns: (transfer none): a new window, owned by GTK like every toplevel
 */
DdRecycleBinWindow *
dd_recycle_bin_window_new (GtkWindow *parent,
                           DdStore   *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DD_IS_STORE (store), NULL);

  return g_object_new (DD_TYPE_RECYCLE_BIN_WINDOW,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

void
dd_recycle_bin_window_reload (DdRecycleBinWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GHashTable) names = NULL;
  GtkWidget *child;
  GtkWidget *header;
  GtkWidget *placeholder;

  g_return_if_fail (DD_IS_RECYCLE_BIN_WINDOW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  if (self->store != NULL)
    {
      g_autoptr(DdUsers) accounts = dd_users_new (self->store);

      self->entries = dd_store_list_recycle_bin (self->store, &error);
      if (self->entries == NULL)
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf (_("Could not read the recycle bin: %s"), error->message);
          show_error (self, message);
        }
      users = dd_users_list (accounts, NULL);
    }

  names = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      DdUserInfo *info = g_ptr_array_index (users, i);

      if (info->display_name != NULL)
        g_hash_table_insert (names, info->account, info->display_name);
    }

  /* The column titles, as the first row (neither selectable nor activatable). */
  header = new_row_box (self, C_("column", "No."), _("Task"), _("Plan"), _("Deleted by"), _("Deleted on"));
  gtk_widget_add_css_class (header, "admin-header");
  gtk_list_box_append (self->list_box, header);
  gtk_list_box_row_set_selectable (gtk_list_box_get_row_at_index (self->list_box, 0), FALSE);
  gtk_list_box_row_set_activatable (gtk_list_box_get_row_at_index (self->list_box, 0), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (gtk_list_box_get_row_at_index (self->list_box, 0)), FALSE);

  for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
    {
      DdBinEntry *entry = g_ptr_array_index (self->entries, i);
      g_autofree char *who = dup_person (names, entry->deleted_by);
      g_autofree char *when = dd_admin_format_iso_time (entry->deleted_at);

      gtk_list_box_append (self->list_box,
                           new_row_box (self, entry->number, entry->title, entry->plan_number, who, when));
    }

  if (self->entries != NULL && self->entries->len == 0)
    {
      placeholder = gtk_label_new (_("The recycle bin is empty."));
      gtk_widget_add_css_class (placeholder, "dim-label");
      gtk_widget_set_margin_top (placeholder, 24);
      gtk_list_box_append (self->list_box, placeholder);
      gtk_list_box_row_set_selectable (gtk_list_box_get_row_at_index (self->list_box, 1), FALSE);
      gtk_list_box_row_set_activatable (gtk_list_box_get_row_at_index (self->list_box, 1), FALSE);
    }

  update_actions (self);
}

guint
dd_recycle_bin_window_get_n_entries (DdRecycleBinWindow *self)
{
  g_return_val_if_fail (DD_IS_RECYCLE_BIN_WINDOW (self), 0);

  return self->entries != NULL ? self->entries->len : 0;
}

void
dd_recycle_bin_window_select (DdRecycleBinWindow *self,
                              guint               index)
{
  GtkListBoxRow *row;

  g_return_if_fail (DD_IS_RECYCLE_BIN_WINDOW (self));

  row = gtk_list_box_get_row_at_index (self->list_box, (int) index + 1);
  if (row != NULL && index < dd_recycle_bin_window_get_n_entries (self))
    gtk_list_box_select_row (self->list_box, row);
}
