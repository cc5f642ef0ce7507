/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-users-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-access.h"
#include "dd-users-window.h"
#include "dd-unit-search.h"

/*
 * DdUsersWindow: the accounts recorded in the file with their role and, for
 * a unit editor, their unit. An administrator selects a person (or types a
 * new account) and gives a role below; everyone else sees the list
 * read-only, and why. The store enforces the roles and refuses to demote
 * the last administrator.
 */

struct _DdUsersWindow
{
  DdAdminListWindow parent_instance;

  GPtrArray *users;               /* DdUserInfo, in the order of the rows */
  GArray *unit_ids;               /* gint64, parallel to the unit dropdown */
  guint updating;

  /* Template children */
  GtkGrid *form;
  GtkEntry *account_entry;
  GtkEntry *name_entry;
  GtkDropDown *role_dropdown;
  GtkDropDown *unit_dropdown;
  GtkButton *apply_button;
};

G_DEFINE_FINAL_TYPE (DdUsersWindow, dd_users_window, DD_TYPE_ADMIN_LIST_WINDOW)

/* The roles in the order of the dropdown. */
static const DdRole roles[] = { DD_ROLE_VIEWER, DD_ROLE_UNIT_EDITOR, DD_ROLE_ADMIN };

/* Auxiliary methods */

static DdStore *
get_store (DdUsersWindow *self)
{
  return dd_admin_list_window_get_store (DD_ADMIN_LIST_WINDOW (self));
}

static void
show_error (DdUsersWindow *self,
            const char    *message)
{
  dd_admin_list_window_show_error (DD_ADMIN_LIST_WINDOW (self), message);
}

static DdRole
get_chosen_role (DdUsersWindow *self)
{
  guint position = gtk_drop_down_get_selected (self->role_dropdown);

  return position < G_N_ELEMENTS (roles) ? roles[position] : DD_ROLE_VIEWER;
}

static gint64
get_chosen_unit (DdUsersWindow *self)
{
  guint position = gtk_drop_down_get_selected (self->unit_dropdown);

  if (self->unit_ids == NULL || position >= self->unit_ids->len)
    return 0;
  return g_array_index (self->unit_ids, gint64, position);
}

static void
update_form (DdUsersWindow *self)
{
  g_autofree char *reason = dd_access_dup_reason (get_store (self), DD_ACTION_MANAGE_USERS, NULL);
  const char *account = gtk_editable_get_text (GTK_EDITABLE (self->account_entry));
  gboolean unit_editor = get_chosen_role (self) == DD_ROLE_UNIT_EDITOR;
  g_autofree char *trimmed = g_strstrip (g_strdup (account));

  gtk_widget_set_sensitive (GTK_WIDGET (self->form), reason == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unit_dropdown), unit_editor);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "users.apply",
                                 reason == NULL && *trimmed != '\0'
                                 && (!unit_editor || get_chosen_unit (self) > 0));

  if (reason != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %s says why the user cannot change roles. */
      text = g_strdup_printf (_("You can see who has which role, but not change it. %s"), reason);
      dd_admin_list_window_set_hint (DD_ADMIN_LIST_WINDOW (self), text);
    }
  else
    dd_admin_list_window_set_hint (DD_ADMIN_LIST_WINDOW (self),
                                   _("Viewers read and export; unit editors update the tasks their "
                                     "unit leads; administrators change plans, units, settings and "
                                     "roles. Select a person, or type a new account, then choose a "
                                     "role. The file-share permissions remain the real protection "
                                     "of the file."));
}

static void
fill_units (DdUsersWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GError) error = NULL;
  gint64 none = 0;

  g_array_set_size (self->unit_ids, 0);
  gtk_string_list_append (names, _("(none)"));
  g_array_append_val (self->unit_ids, none);

  if (get_store (self) != NULL)
    units = dd_store_list_units (get_store (self), 0, &error);
  if (units == NULL && error != NULL)
    g_debug ("No units to choose: %s", error->message);

  for (guint i = 0; units != NULL && i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);
      gint64 id = dd_unit_get_id (unit);

      if (dd_unit_get_is_group (unit))
        continue;
      gtk_string_list_append (names, dd_unit_get_name (unit));
      g_array_append_val (self->unit_ids, id);
    }

  self->updating++;
  gtk_drop_down_set_model (self->unit_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->unit_dropdown, 0);
  self->updating--;
}

static void
show_user (DdUsersWindow    *self,
           const DdUserInfo *info)
{
  self->updating++;
  gtk_editable_set_text (GTK_EDITABLE (self->account_entry), info != NULL ? info->account : "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry),
                         info != NULL && info->display_name != NULL ? info->display_name : "");
  gtk_drop_down_set_selected (self->role_dropdown, 0);
  for (guint i = 0; info != NULL && i < G_N_ELEMENTS (roles); i++)
    if (roles[i] == info->role)
      gtk_drop_down_set_selected (self->role_dropdown, i);
  gtk_drop_down_set_selected (self->unit_dropdown, 0);
  for (guint i = 0; info != NULL && i < self->unit_ids->len; i++)
    if (info->unit_id > 0 && g_array_index (self->unit_ids, gint64, i) == info->unit_id)
      gtk_drop_down_set_selected (self->unit_dropdown, i);
  self->updating--;
  update_form (self);
}

/* Callbacks */

static void
on_form_changed_cb (DdUsersWindow *self)
{
  if (self->updating == 0)
    update_form (self);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  DdUsersWindow *self = DD_USERS_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdUsers) users = NULL;
  g_autofree char *account = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->account_entry))));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  DdRole role = get_chosen_role (self);

  if (get_store (self) == NULL || *account == '\0')
    return;

  users = dd_users_new (get_store (self));
  if (!dd_users_set_role (users, account, *name != '\0' ? name : NULL, role,
                          role == DD_ROLE_UNIT_EDITOR ? get_chosen_unit (self) : 0, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the reason. */
      message = g_strdup_printf (_("The role could not be changed: %s"), error->message);
      show_error (self, message);
      return;
    }
  show_error (self, NULL);
  /* The store said "changed": the list is read again. Our own role may have
   * changed with it. */
  update_form (self);
}

/* DdAdminListWindow */

static int
dd_users_window_load (DdAdminListWindow *list)
{
  DdUsersWindow *self = DD_USERS_WINDOW (list);
  DdStore *store = get_store (self);
  g_autoptr(GError) error = NULL;
  const char *me;

  g_clear_pointer (&self->users, g_ptr_array_unref);
  if (store != NULL)
    {
      g_autoptr(DdUsers) accounts = dd_users_new (store);

      self->users = dd_users_list (accounts, &error);
      if (self->users == NULL)
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf (_("Could not read the users: %s"), error->message);
          show_error (self, message);
        }
    }

  me = store != NULL ? dd_store_get_user (store) : NULL;
  for (guint i = 0; self->users != NULL && i < self->users->len; i++)
    {
      DdUserInfo *info = g_ptr_array_index (self->users, i);
      g_autofree char *name = NULL;
      const char *cells[4];

      if (g_strcmp0 (info->account, me) == 0)
        /* Translators: the user's own row in Users and Roles: "Nguyễn Văn A (bạn)". */
        name = g_strdup_printf (_("%s (you)"), info->display_name != NULL ? info->display_name : info->account);
      else
        name = g_strdup (info->display_name != NULL ? info->display_name : info->account);
      cells[0] = name;
      cells[1] = info->account;
      cells[2] = dd_role_get_label (info->role);
      cells[3] = info->unit_name != NULL ? info->unit_name : "";
      dd_admin_list_window_append_row (list, cells);
    }

  return self->users != NULL ? (int) self->users->len : -1;
}

static void
dd_users_window_update (DdAdminListWindow *list)
{
  update_form (DD_USERS_WINDOW (list));
}

/* The form shows the person selected. */
static void
dd_users_window_row_selected (DdAdminListWindow *list,
                              int                index)
{
  DdUsersWindow *self = DD_USERS_WINDOW (list);

  if (self->updating > 0 || index < 0 || self->users == NULL || (guint) index >= self->users->len)
    return;
  show_user (self, g_ptr_array_index (self->users, index));
}

/* GObject overrides */

static void
dd_users_window_constructed (GObject *object)
{
  DdUsersWindow *self = DD_USERS_WINDOW (object);

  /* The units to choose from, before the list (the parent class reads it). */
  fill_units (self);

  G_OBJECT_CLASS (dd_users_window_parent_class)->constructed (object);
}

static void
dd_users_window_dispose (GObject *object)
{
  DdUsersWindow *self = DD_USERS_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_USERS_WINDOW);
  g_clear_pointer (&self->users, g_ptr_array_unref);

  G_OBJECT_CLASS (dd_users_window_parent_class)->dispose (object);
}

static void
dd_users_window_finalize (GObject *object)
{
  DdUsersWindow *self = DD_USERS_WINDOW (object);

  g_clear_pointer (&self->unit_ids, g_array_unref);

  G_OBJECT_CLASS (dd_users_window_parent_class)->finalize (object);
}

static void
dd_users_window_class_init (DdUsersWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DdAdminListWindowClass *list_class = DD_ADMIN_LIST_WINDOW_CLASS (klass);

  object_class->constructed = dd_users_window_constructed;
  object_class->dispose = dd_users_window_dispose;
  object_class->finalize = dd_users_window_finalize;

  list_class->load = dd_users_window_load;
  list_class->update = dd_users_window_update;
  list_class->row_selected = dd_users_window_row_selected;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-users-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DdUsersWindow, form);
  gtk_widget_class_bind_template_child (widget_class, DdUsersWindow, account_entry);
  gtk_widget_class_bind_template_child (widget_class, DdUsersWindow, name_entry);
  gtk_widget_class_bind_template_child (widget_class, DdUsersWindow, role_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdUsersWindow, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdUsersWindow, apply_button);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);

  gtk_widget_class_install_action (widget_class, "users.apply", NULL, apply_action);
}

static void
dd_users_window_init (DdUsersWindow *self)
{
  g_autoptr(GtkStringList) role_names = gtk_string_list_new (NULL);
  const DdAdminColumn columns[] = {
    { _("Name"), 20, 40 },
    { _("Account"), 14, 0 },
    { _("Role"), 22, 0 },
    { _("Unit"), 22, 0 },
  };

  self->unit_ids = g_array_new (FALSE, TRUE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));
  dd_admin_list_window_set_columns (DD_ADMIN_LIST_WINDOW (self), columns, G_N_ELEMENTS (columns));

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    gtk_string_list_append (role_names, dd_role_get_label (roles[i]));
  gtk_drop_down_set_model (self->role_dropdown, G_LIST_MODEL (role_names));

  dd_unit_search_setup (self->unit_dropdown);
}

/* Public API */

/**
 * dd_users_window_new:
 * @parent: (nullable): the window it is modal to
 * @store: the database
 *
 * Returns: (transfer none): a new window, owned by GTK like every toplevel
 */
DdUsersWindow *
dd_users_window_new (GtkWindow *parent,
                     DdStore   *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DD_IS_STORE (store), NULL);

  return g_object_new (DD_TYPE_USERS_WINDOW,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

void
dd_users_window_reload (DdUsersWindow *self)
{
  g_return_if_fail (DD_IS_USERS_WINDOW (self));

  dd_admin_list_window_reload (DD_ADMIN_LIST_WINDOW (self));
}

guint
dd_users_window_get_n_users (DdUsersWindow *self)
{
  g_return_val_if_fail (DD_IS_USERS_WINDOW (self), 0);

  return self->users != NULL ? self->users->len : 0;
}

void
dd_users_window_select (DdUsersWindow *self,
                        guint          index)
{
  g_return_if_fail (DD_IS_USERS_WINDOW (self));

  dd_admin_list_window_select (DD_ADMIN_LIST_WINDOW (self), index);
}

gboolean
dd_users_window_choose_unit (DdUsersWindow *self,
                             const char    *name)
{
  GListModel *model;

  g_return_val_if_fail (DD_IS_USERS_WINDOW (self), FALSE);

  model = gtk_drop_down_get_model (self->unit_dropdown);
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), name) == 0)
        {
          gtk_drop_down_set_selected (self->unit_dropdown, i);
          return TRUE;
        }
    }
  return FALSE;
}
