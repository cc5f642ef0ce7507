/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-window-private.h"

/*
 * The main window on a PostgreSQL server (issue #22), beside dd-window.c:
 * the store read in place follows the server through a DdPgListener
 * (LISTEN/NOTIFY, src/core/pg/dd-pg-notify.c). When others save, the store
 * takes a new snapshot and says "changed", and the pages refresh in place
 * as after another desktop's change to a file, keeping their filters,
 * selection and scroll; nothing polls.
 *
 * When the server goes away, a bar says so above the pages while the
 * listener tries again; nothing is closed or reset (an open editor keeps
 * what is typed in it), and nothing is read anew until the server is
 * back: then the bar goes and every page shows the server as it is.
 */

static void
update_server_bar (DdWindow *self)
{
  gboolean lost = self->listener != NULL && !dd_pg_listener_get_connected (self->listener);
  g_autofree char *text = NULL;

  if (self->server_bar == NULL)
    return;
  if (lost)
    {
      const char *reason = dd_pg_listener_get_error (self->listener);
      guint seconds = dd_pg_listener_get_retry_seconds (self->listener);
      g_autofree char *retry = NULL;

      /* Translators: shown above the pages; %s is the server's database. */
      text = g_strdup_printf (_("Lost the connection to the server (database “%s”); trying to reconnect. "
                                "What you are typing is kept."), dd_pg_listener_get_database (self->listener));
      gtk_label_set_text (GTK_LABEL (self->server_label), text);
      /* Translators: %u is a number of seconds; then why the connection failed. */
      retry = g_strdup_printf (ngettext ("Next try in %u second. %s", "Next try in %u seconds. %s", seconds), seconds, reason != NULL ? reason : "");
      gtk_widget_set_tooltip_text (self->server_label, g_strstrip (retry));
    }
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->server_bar), lost);
}

static void
on_connected_changed_cb (DdWindow *self)
{
  update_server_bar (self);
}

static void
on_server_bar_response_cb (DdWindow *self,
                           int       response)
{
  if (response == GTK_RESPONSE_ACCEPT && self->listener != NULL)
    {
      dd_pg_listener_retry_now (self->listener);
      update_server_bar (self);
    }
}

/* The bar, under the read-only one: built for the first server shown. */
static void
ensure_server_bar (DdWindow *self)
{
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (self->read_only_bar));
  GtkWidget *button;

  if (self->server_bar != NULL)
    return;
  self->server_bar = gtk_info_bar_new ();
  gtk_widget_set_name (self->server_bar, "server_bar");
  gtk_widget_add_css_class (self->server_bar, "server-lost");
  gtk_info_bar_set_message_type (GTK_INFO_BAR (self->server_bar), GTK_MESSAGE_ERROR);
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->server_bar), FALSE);
  self->server_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->server_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->server_label), 0);
  gtk_widget_set_hexpand (self->server_label, TRUE);
  gtk_info_bar_add_child (GTK_INFO_BAR (self->server_bar), self->server_label);
  button = gtk_info_bar_add_button (GTK_INFO_BAR (self->server_bar), _("_Reconnect Now"), GTK_RESPONSE_ACCEPT);
  gtk_widget_set_tooltip_text (button, _("Try to reach the server again without waiting"));
  g_signal_connect_object (self->server_bar, "response", G_CALLBACK (on_server_bar_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_insert_child_after (GTK_BOX (box), self->server_bar, GTK_WIDGET (self->read_only_bar));
}

/* Called by dd_window_set_store() when the window is given a store: a
 * server's gets a listener; a file's is polled by the window itself. */
void
_dd_window_server_set_store (DdWindow *self)
{
  g_assert (DD_IS_WINDOW (self));

  if (self->listener != NULL)
    g_signal_handlers_disconnect_by_func (self->listener, on_connected_changed_cb, self);
  g_clear_object (&self->listener);
  if (self->store != NULL)
    self->listener = dd_pg_listener_new (self->store);
  if (self->listener != NULL)
    {
      ensure_server_bar (self);
      g_signal_connect_object (self->listener, "notify::connected", G_CALLBACK (on_connected_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->listener, "notify::error", G_CALLBACK (on_connected_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  update_server_bar (self);
}

/* Whether the store follows a server (then the window does not poll it). */
gboolean
_dd_window_server_is_live (DdWindow *self)
{
  g_assert (DD_IS_WINDOW (self));

  return self->listener != NULL;
}

void
_dd_window_server_dispose (DdWindow *self)
{
  if (self->listener != NULL)
    g_signal_handlers_disconnect_by_func (self->listener, on_connected_changed_cb, self);
  g_clear_object (&self->listener);
}
