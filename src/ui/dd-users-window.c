/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-users-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-access.h"
#include "dd-table-row.h"
#include "dd-users-window.h"

/*
 * DdUsersWindow: the accounts recorded in the file with their role and, for
 * a unit editor, their unit. An administrator selects a person (or types a
 * new account) and gives a role below; everyone else sees the list
 * read-only, and why. The store enforces the roles and refuses to demote
 * the last administrator.
 */

struct _DdUsersWindow
{
  GtkWindow parent_instance;

  DdStore *store;
  GPtrArray *users;               /* DdUserInfo, in the order of the rows */
  GArray *unit_ids;               /* gint64, parallel to the unit dropdown */
  guint updating;

  GtkSizeGroup *columns[4];      /* keep the cells of a column as wide as its header */

  /* Template children */
  GtkLabel *hint_label;
  GtkRevealer *error_revealer;
  GtkLabel *error_label;
  GtkListBox *list_box;
  GtkGrid *form;
  GtkEntry *account_entry;
  GtkEntry *name_entry;
  GtkDropDown *role_dropdown;
  GtkDropDown *unit_dropdown;
  GtkButton *apply_button;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (DdUsersWindow, dd_users_window, GTK_TYPE_WINDOW)

/* The roles in the order of the dropdown. */
static const DdRole roles[] = { DD_ROLE_VIEWER, DD_ROLE_UNIT_EDITOR, DD_ROLE_ADMIN };

/* Auxiliary methods */

static void
show_error (DdUsersWindow *self,
            const char    *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static GtkWidget *
new_row_box (DdUsersWindow *self,
             const char    *name,
             const char    *account,
             const char    *role,
             const char    *unit)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_widget_add_css_class (box, "admin-row");
  dd_table_row_append (box, self->columns[0], dd_table_cell_new (name, 20, 40));
  dd_table_row_append (box, self->columns[1], dd_table_cell_new (account, 14, 0));
  dd_table_row_append (box, self->columns[2], dd_table_cell_new (role, 22, 0));
  dd_table_row_append (box, self->columns[3], dd_table_cell_new (unit, 22, 0));
  return box;
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
  g_autofree char *reason = dd_access_dup_reason (self->store, DD_ACTION_MANAGE_USERS, NULL);
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
      gtk_label_set_text (self->hint_label, text);
    }
  else
    gtk_label_set_text (self->hint_label,
                        _("Viewers read and export; unit editors update the tasks their unit leads; "
                          "administrators change plans, units, settings and roles. Select a person, "
                          "or type a new account, then choose a role. The file-share permissions "
                          "remain the real protection of the file."));
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

  if (self->store != NULL)
    units = dd_store_list_units (self->store, 0, &error);
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
on_list_box_row_selected_cb (DdUsersWindow *self,
                             GtkListBoxRow *row)
{
  int index;

  if (self->updating > 0 || row == NULL || self->users == NULL || self->hint_label == NULL)
    return;
  index = gtk_list_box_row_get_index (row) - 1;     /* the first row is the header */
  if (index >= 0 && (guint) index < self->users->len)
    show_user (self, g_ptr_array_index (self->users, index));
}

static void
on_form_changed_cb (DdUsersWindow *self)
{
  if (self->updating == 0)
    update_form (self);
}

static void
on_store_changed_cb (DdUsersWindow *self)
{
  dd_users_window_reload (self);
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

  if (self->store == NULL || *account == '\0')
    return;

  users = dd_users_new (self->store);
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

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

/* GObject overrides */

static void
dd_users_window_constructed (GObject *object)
{
  DdUsersWindow *self = DD_USERS_WINDOW (object);

  G_OBJECT_CLASS (dd_users_window_parent_class)->constructed (object);

  if (self->store != NULL)
    g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self,
                             G_CONNECT_SWAPPED);
  fill_units (self);
  dd_users_window_reload (self);
}

static void
dd_users_window_dispose (GObject *object)
{
  DdUsersWindow *self = DD_USERS_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_USERS_WINDOW);
  g_clear_object (&self->store);
  for (guint i = 0; i < G_N_ELEMENTS (self->columns); i++)
    g_clear_object (&self->columns[i]);
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
dd_users_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DdUsersWindow *self = DD_USERS_WINDOW (object);

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
dd_users_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DdUsersWindow *self = DD_USERS_WINDOW (object);

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
dd_users_window_class_init (DdUsersWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dd_users_window_constructed;
  object_class->dispose = dd_users_window_dispose;
  object_class->finalize = dd_users_window_finalize;
  object_class->get_property = dd_users_window_get_property;
  object_class->set_property = dd_users_window_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DD_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-users-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DdUsersWindow, hint_label);
  gtk_widget_class_bind_template_child (widget_class, DdUsersWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, DdUsersWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, DdUsersWindow, list_box);
  gtk_widget_class_bind_template_child (widget_class, DdUsersWindow, form);
  gtk_widget_class_bind_template_child (widget_class, DdUsersWindow, account_entry);
  gtk_widget_class_bind_template_child (widget_class, DdUsersWindow, name_entry);
  gtk_widget_class_bind_template_child (widget_class, DdUsersWindow, role_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdUsersWindow, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdUsersWindow, apply_button);
  gtk_widget_class_bind_template_callback (widget_class, on_list_box_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);

  gtk_widget_class_install_action (widget_class, "users.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "users.close", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "users.close", NULL);
}

static void
dd_users_window_init (DdUsersWindow *self)
{
  g_autoptr(GtkStringList) role_names = gtk_string_list_new (NULL);
  g_autoptr(GtkExpression) expression = NULL;

  self->unit_ids = g_array_new (FALSE, TRUE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (self->columns); i++)
    self->columns[i] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    gtk_string_list_append (role_names, dd_role_get_label (roles[i]));
  gtk_drop_down_set_model (self->role_dropdown, G_LIST_MODEL (role_names));

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->unit_dropdown, expression);
  gtk_drop_down_set_enable_search (self->unit_dropdown, TRUE);
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
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  GtkWidget *header;
  const char *me;

  g_return_if_fail (DD_IS_USERS_WINDOW (self));

  self->updating++;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  g_clear_pointer (&self->users, g_ptr_array_unref);

  if (self->store != NULL)
    {
      g_autoptr(DdUsers) users = dd_users_new (self->store);

      self->users = dd_users_list (users, &error);
      if (self->users == NULL)
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf (_("Could not read the users: %s"), error->message);
          show_error (self, message);
        }
    }

  header = new_row_box (self, _("Name"), _("Account"), _("Role"), _("Unit"));
  gtk_widget_add_css_class (header, "admin-header");
  gtk_list_box_append (self->list_box, header);
  gtk_list_box_row_set_selectable (gtk_list_box_get_row_at_index (self->list_box, 0), FALSE);
  gtk_list_box_row_set_activatable (gtk_list_box_get_row_at_index (self->list_box, 0), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (gtk_list_box_get_row_at_index (self->list_box, 0)), FALSE);

  me = self->store != NULL ? dd_store_get_user (self->store) : NULL;
  for (guint i = 0; self->users != NULL && i < self->users->len; i++)
    {
      DdUserInfo *info = g_ptr_array_index (self->users, i);
      g_autofree char *name = NULL;

      if (g_strcmp0 (info->account, me) == 0)
        /* Translators: the user's own row in Users and Roles: "Nguyễn Văn A (bạn)". */
        name = g_strdup_printf (_("%s (you)"), info->display_name != NULL ? info->display_name : info->account);
      else
        name = g_strdup (info->display_name != NULL ? info->display_name : info->account);
      gtk_list_box_append (self->list_box,
                           new_row_box (self, name, info->account, dd_role_get_label (info->role),
                                        info->unit_name != NULL ? info->unit_name : ""));
    }
  self->updating--;

  update_form (self);
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
  GtkListBoxRow *row;

  g_return_if_fail (DD_IS_USERS_WINDOW (self));

  row = gtk_list_box_get_row_at_index (self->list_box, (int) index + 1);
  if (row != NULL && index < dd_users_window_get_n_users (self))
    gtk_list_box_select_row (self->list_box, row);
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
