/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-recycle-bin-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-access.h"
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
  DdAdminListWindow parent_instance;

  GPtrArray *entries;             /* DdBinEntry, in the order of the rows */

  /* Template children */
  GtkButton *restore_button;
};

G_DEFINE_FINAL_TYPE (DdRecycleBinWindow, dd_recycle_bin_window, DD_TYPE_ADMIN_LIST_WINDOW)

/* Auxiliary methods */

static DdStore *
get_store (DdRecycleBinWindow *self)
{
  return dd_admin_list_window_get_store (DD_ADMIN_LIST_WINDOW (self));
}

static DdBinEntry *
get_selected_entry (DdRecycleBinWindow *self)
{
  int index = dd_admin_list_window_get_selected (DD_ADMIN_LIST_WINDOW (self));

  if (index < 0 || self->entries == NULL || (guint) index >= self->entries->len)
    return NULL;
  return g_ptr_array_index (self->entries, index);
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

/* Actions */

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  DdRecycleBinWindow *self = DD_RECYCLE_BIN_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  DdBinEntry *entry = get_selected_entry (self);

  if (entry == NULL || get_store (self) == NULL)
    return;

  if (!dd_store_restore_task (get_store (self), entry->task_id, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the reason. */
      message = g_strdup_printf (_("The task could not be restored: %s"), error->message);
      dd_admin_list_window_show_error (DD_ADMIN_LIST_WINDOW (self), message);
      return;
    }
  dd_admin_list_window_show_error (DD_ADMIN_LIST_WINDOW (self), NULL);
  /* The store said "changed": the list is read again. */
}

/* DdAdminListWindow */

static int
dd_recycle_bin_window_load (DdAdminListWindow *list)
{
  DdRecycleBinWindow *self = DD_RECYCLE_BIN_WINDOW (list);
  DdStore *store = get_store (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GHashTable) names = NULL;

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  if (store != NULL)
    {
      self->entries = dd_store_list_recycle_bin (store, &error);
      if (self->entries == NULL)
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf (_("Could not read the recycle bin: %s"), error->message);
          dd_admin_list_window_show_error (list, message);
        }
      g_autoptr(DdUsers) accounts = dd_users_new (store);

      users = dd_users_list (accounts, NULL);
    }

  names = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      DdUserInfo *info = g_ptr_array_index (users, i);

      if (info->display_name != NULL)
        g_hash_table_insert (names, info->account, info->display_name);
    }

  for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
    {
      DdBinEntry *entry = g_ptr_array_index (self->entries, i);
      g_autofree char *who = dup_person (names, entry->deleted_by);
      g_autofree char *when = dd_admin_format_iso_time (entry->deleted_at);
      const char *cells[] = { entry->number, entry->title, entry->plan_number, who, when };

      dd_admin_list_window_append_row (list, cells);
    }

  return self->entries != NULL ? (int) self->entries->len : -1;
}

static void
dd_recycle_bin_window_update (DdAdminListWindow *list)
{
  DdRecycleBinWindow *self = DD_RECYCLE_BIN_WINDOW (list);
  g_autofree char *reason = dd_access_dup_reason (get_store (self), DD_ACTION_RESTORE_TASK, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bin.restore",
                                 reason == NULL && get_selected_entry (self) != NULL);

  if (reason != NULL)
    dd_admin_list_window_set_hint (list, reason);
  else
    dd_admin_list_window_set_hint (list,
                                   _("Deleted tasks are kept here, never erased. Select one and "
                                     "press Restore to put it back in its plan, with its progress "
                                     "and history."));
}

static void
dd_recycle_bin_window_row_activated (DdAdminListWindow *list,
                                     int                index)
{
  gtk_widget_activate_action (GTK_WIDGET (list), "bin.restore", NULL);
}

/* GObject overrides */

static void
dd_recycle_bin_window_dispose (GObject *object)
{
  DdRecycleBinWindow *self = DD_RECYCLE_BIN_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_RECYCLE_BIN_WINDOW);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (dd_recycle_bin_window_parent_class)->dispose (object);
}

static void
dd_recycle_bin_window_class_init (DdRecycleBinWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DdAdminListWindowClass *list_class = DD_ADMIN_LIST_WINDOW_CLASS (klass);

  object_class->dispose = dd_recycle_bin_window_dispose;

  list_class->load = dd_recycle_bin_window_load;
  list_class->update = dd_recycle_bin_window_update;
  list_class->row_activated = dd_recycle_bin_window_row_activated;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-recycle-bin-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DdRecycleBinWindow, restore_button);

  gtk_widget_class_install_action (widget_class, "bin.restore", NULL, restore_action);
}

static void
dd_recycle_bin_window_init (DdRecycleBinWindow *self)
{
  const DdAdminColumn columns[] = {
    { C_("column", "No."), 4, 0 },
    { _("Task"), 30, 60 },
    { _("Plan"), 14, 0 },
    { _("Deleted by"), 18, 0 },
    { _("Deleted on"), 16, 0 },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  dd_admin_list_window_set_columns (DD_ADMIN_LIST_WINDOW (self), columns, G_N_ELEMENTS (columns));
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
  g_return_if_fail (DD_IS_RECYCLE_BIN_WINDOW (self));

  dd_admin_list_window_reload (DD_ADMIN_LIST_WINDOW (self));
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
  g_return_if_fail (DD_IS_RECYCLE_BIN_WINDOW (self));

  dd_admin_list_window_select (DD_ADMIN_LIST_WINDOW (self), index);
}
