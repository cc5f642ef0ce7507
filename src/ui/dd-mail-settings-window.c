/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-mail-settings"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-mail-settings-window.h"
#include "dd-access.h"

/*
 * Where the urging letters are emailed from and to: the office's SMTP
 * server, its security, the sender, the account, each unit's address — the
 * file's settings, an administrator's — and the account's password, which
 * goes to this computer's keyring (libsecret), never into the file.
 */

struct _DdMailSettingsWindow
{
  GtkWindow parent_instance;

  /* Template children */
  GtkEntry *host_entry;
  GtkSpinButton *port_spin;
  GtkDropDown *tls_dropdown;
  GtkEntry *sender_entry;
  GtkEntry *user_entry;
  GtkPasswordEntry *password_entry;
  GtkListBox *units_list;
  GtkLabel *error_label;
  GtkWidget *save_button;

  /* Owned state */
  DdStore *store;
};

G_DEFINE_FINAL_TYPE (DdMailSettingsWindow, dd_mail_settings_window, GTK_TYPE_WINDOW)

/* Auxiliary methods */

static void
show_error (DdMailSettingsWindow *self,
            const GError         *error)
{
  gtk_label_set_text (self->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

static void
update_access (DdMailSettingsWindow *self)
{
  g_autofree char *reason = dd_access_dup_reason (self->store, DD_ACTION_EDIT_SETTINGS, NULL);

  dd_access_set_sensitive (self->save_button, reason == NULL);
  dd_access_set_tooltip (self->save_button, reason);
}

/* One row a unit (groups of units get no letter): its name, its address. */
static void
add_unit_row (DdMailSettingsWindow *self,
              DdUnit               *unit,
              const char           *email)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (dd_unit_get_name (unit));
  GtkWidget *entry = gtk_entry_new ();

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry), email != NULL ? email : "");
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 28);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  dd_unit_get_name (unit), -1);
  g_object_set_data (G_OBJECT (entry), "dd-unit-id", GINT_TO_POINTER ((int) dd_unit_get_id (unit)));
  g_object_set_data_full (G_OBJECT (entry), "dd-saved", g_strdup (email != NULL ? email : ""), g_free);
  gtk_widget_set_name (entry, dd_unit_get_name (unit));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_list_box_append (self->units_list, box);
}

static gboolean
load (DdMailSettingsWindow  *self,
      GError               **error)
{
  g_autoptr(DdMailSettings) settings = dd_mail_settings_load (self->store, error);
  g_autoptr(GListModel) units = NULL;
  GtkWidget *child;

  if (settings == NULL || (units = dd_store_list_units (self->store, 0, error)) == NULL)
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->host_entry), settings->host != NULL ? settings->host : "");
  gtk_spin_button_set_value (self->port_spin, settings->port);
  gtk_drop_down_set_selected (self->tls_dropdown, settings->tls);
  gtk_editable_set_text (GTK_EDITABLE (self->sender_entry), settings->sender != NULL ? settings->sender : "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_entry), settings->user != NULL ? settings->user : "");
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->units_list))) != NULL)
    gtk_list_box_remove (self->units_list, child);
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);
      g_autofree char *email = NULL;

      if (dd_unit_get_is_group (unit))
        continue;
      email = dd_store_dup_unit_email (self->store, dd_unit_get_id (unit), error);
      if (email == NULL && error != NULL && *error != NULL)
        return FALSE;
      add_unit_row (self, unit, email);
    }
  return TRUE;
}

/* The units' addresses typed, each changed one written; the first
 * refused stops (its message names it). */
static gboolean
save_units (DdMailSettingsWindow  *self,
            GError               **error)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->units_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      GtkWidget *entry = gtk_widget_get_last_child (box);
      const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
      gint64 unit_id = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "dd-unit-id"));

      if (g_strcmp0 (text, g_object_get_data (G_OBJECT (entry), "dd-saved")) == 0)
        continue;
      if (!dd_store_set_unit_email (self->store, unit_id, text, error))
        {
          gtk_widget_grab_focus (entry);
          return FALSE;
        }
    }
  return TRUE;
}

/* Callbacks */

static void
on_save_clicked_cb (DdMailSettingsWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_entry));
  DdMailSettings settings = { NULL, };

  settings.host = (char *) gtk_editable_get_text (GTK_EDITABLE (self->host_entry));
  settings.port = (guint) gtk_spin_button_get_value_as_int (self->port_spin);
  settings.tls = (DdMailTls) gtk_drop_down_get_selected (self->tls_dropdown);
  settings.sender = (char *) gtk_editable_get_text (GTK_EDITABLE (self->sender_entry));
  settings.user = (char *) gtk_editable_get_text (GTK_EDITABLE (self->user_entry));
  /* The password typed goes to the keyring (a short call to the desktop's
   * Secret Service); left empty, the one kept stays. */
  if (!dd_mail_settings_save (&settings, self->store, &error) || !save_units (self, &error) ||
      (*password != '\0' && !dd_mail_settings_store_password (&settings, password, NULL, &error)) ||
      !load (self, &error))
    {
      show_error (self, error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  show_error (self, NULL);
}

/* GObject overrides */

static void
dd_mail_settings_window_dispose (GObject *object)
{
  DdMailSettingsWindow *self = (DdMailSettingsWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_MAIL_SETTINGS_WINDOW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dd_mail_settings_window_parent_class)->dispose (object);
}

static void
dd_mail_settings_window_class_init (DdMailSettingsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_mail_settings_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-mail-settings-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DdMailSettingsWindow, host_entry);
  gtk_widget_class_bind_template_child (widget_class, DdMailSettingsWindow, port_spin);
  gtk_widget_class_bind_template_child (widget_class, DdMailSettingsWindow, tls_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdMailSettingsWindow, sender_entry);
  gtk_widget_class_bind_template_child (widget_class, DdMailSettingsWindow, user_entry);
  gtk_widget_class_bind_template_child (widget_class, DdMailSettingsWindow, password_entry);
  gtk_widget_class_bind_template_child (widget_class, DdMailSettingsWindow, units_list);
  gtk_widget_class_bind_template_child (widget_class, DdMailSettingsWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, DdMailSettingsWindow, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, gtk_window_destroy);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dd_mail_settings_window_init (DdMailSettingsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

DdMailSettingsWindow *
dd_mail_settings_window_new (GtkWindow *parent,
                             DdStore   *store)
{
  g_autoptr(GError) error = NULL;
  DdMailSettingsWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DD_IS_STORE (store), NULL);

  self = g_object_new (DD_TYPE_MAIL_SETTINGS_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->store = g_object_ref (store);
  dd_access_connect (store, G_CALLBACK (update_access), self);
  update_access (self);
  if (!load (self, &error))
    show_error (self, error);
  return self;
}
