/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-server-profile"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-server-profile-window.h"
#include "dd-window.h"

/*
 * Where this desktop finds the office's PostgreSQL server (issue #22):
 * host, port, database, login and TLS mode in the user's own settings
 * (dd_pg_profile_save()), the password in the desktop's keyring
 * (dd_pg_profile_store_password(), libsecret), never in a file. "Open"
 * saves, connects with the keyring's password and opens a main window on
 * the server's data, as `dondoc --db postgresql://…` does.
 */

struct _DdServerProfileWindow
{
  GtkWindow parent_instance;

  /* Template children */
  GtkEntry *host_entry;
  GtkSpinButton *port_spin;
  GtkEntry *database_entry;
  GtkEntry *user_entry;
  GtkDropDown *tls_dropdown;
  GtkPasswordEntry *password_entry;
  GtkLabel *error_label;
  GtkLabel *uri_label;
  GtkWidget *save_button;
  GtkWidget *open_button;
};

G_DEFINE_FINAL_TYPE (DdServerProfileWindow, dd_server_profile_window, GTK_TYPE_WINDOW)

/* In the order of the drop-down. */
static const char * const ssl_modes[] = { "disable", "prefer", "require", "verify-ca", "verify-full" };

static void
show_error (DdServerProfileWindow *self,
            const GError          *error)
{
  gtk_label_set_text (self->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

/* The same server for the command line (an administrator's commands). */
static void
show_uri (DdServerProfileWindow *self,
          const DdPgProfile     *profile)
{
  g_autofree char *uri = dd_pg_profile_dup_uri (profile);
  g_autofree char *quoted = g_shell_quote (uri);
  /* Translators: %s is the server's location, as dondoc-cli takes it. */
  g_autofree char *text = g_strdup_printf (_("On the command line: dondoc-cli --db %s"), quoted);

  gtk_label_set_text (self->uri_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->uri_label), TRUE);
}

static DdPgProfile *
read_fields (DdServerProfileWindow *self)
{
  DdPgProfile *profile = dd_pg_profile_new ();
  guint mode = gtk_drop_down_get_selected (self->tls_dropdown);

  profile->host = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->host_entry))));
  profile->port = (guint) gtk_spin_button_get_value_as_int (self->port_spin);
  profile->database = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->database_entry))));
  profile->user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_entry))));
  g_free (profile->sslmode);
  profile->sslmode = g_strdup (mode < G_N_ELEMENTS (ssl_modes) ? ssl_modes[mode] : "prefer");
  return profile;
}

static void
load_fields (DdServerProfileWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPgProfile) profile = dd_pg_profile_load (&error);

  if (profile == NULL)
    {
      show_error (self, error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->host_entry), profile->host != NULL ? profile->host : "");
  gtk_spin_button_set_value (self->port_spin, profile->port);
  gtk_editable_set_text (GTK_EDITABLE (self->database_entry), profile->database != NULL ? profile->database : "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_entry), profile->user != NULL ? profile->user : "");
  gtk_drop_down_set_selected (self->tls_dropdown, 1);
  for (guint i = 0; i < G_N_ELEMENTS (ssl_modes); i++)
    if (g_strcmp0 (profile->sslmode, ssl_modes[i]) == 0)
      gtk_drop_down_set_selected (self->tls_dropdown, i);
  show_uri (self, profile);
  /* The password is not shown back: an empty entry keeps the kept one. */
}

/* Saves the fields and, when one is typed, the password; the profile, or
 * NULL with the error shown. */
static DdPgProfile *
save (DdServerProfileWindow *self)
{
  g_autoptr(DdPgProfile) profile = read_fields (self);
  g_autoptr(GError) error = NULL;
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_entry));

  if (!dd_pg_profile_save (profile, &error)
      || (*password != '\0' && !dd_pg_profile_store_password (profile, password, NULL, &error)))
    {
      show_error (self, error);
      return NULL;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  show_error (self, NULL);
  show_uri (self, profile);
  return g_steal_pointer (&profile);
}

static void
on_save_clicked_cb (DdServerProfileWindow *self)
{
  g_autoptr(DdPgProfile) profile = save (self);
}

static void
on_open_clicked_cb (DdServerProfileWindow *self)
{
  g_autoptr(DdPgProfile) profile = save (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPg) pg = NULL;
  g_autoptr(DdStore) store = NULL;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  DdWindow *window;

  if (profile == NULL)
    return;
  pg = dd_pg_profile_connect (profile, NULL, &error);
  store = pg != NULL ? dd_pg_write_store (pg, &error) : NULL;
  if (store == NULL)
    {
      show_error (self, error);
      return;
    }
  if (app == NULL)
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

      app = parent != NULL ? gtk_window_get_application (parent) : NULL;
    }
  window = dd_window_new (app, NULL);
  dd_window_open (window, store);
  gtk_window_present (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
dd_server_profile_window_class_init (DdServerProfileWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-server-profile-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DdServerProfileWindow, host_entry);
  gtk_widget_class_bind_template_child (widget_class, DdServerProfileWindow, port_spin);
  gtk_widget_class_bind_template_child (widget_class, DdServerProfileWindow, database_entry);
  gtk_widget_class_bind_template_child (widget_class, DdServerProfileWindow, user_entry);
  gtk_widget_class_bind_template_child (widget_class, DdServerProfileWindow, tls_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdServerProfileWindow, password_entry);
  gtk_widget_class_bind_template_child (widget_class, DdServerProfileWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, DdServerProfileWindow, uri_label);
  gtk_widget_class_bind_template_child (widget_class, DdServerProfileWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, DdServerProfileWindow, open_button);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_open_clicked_cb);
}

static void
dd_server_profile_window_init (DdServerProfileWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_selected (self->tls_dropdown, 1);
  load_fields (self);
}

DdServerProfileWindow *
dd_server_profile_window_new (GtkWindow *parent)
{
  return g_object_new (DD_TYPE_SERVER_PROFILE_WINDOW, "transient-for", parent, NULL);
}
