/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-access"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-access.h"

char *
dd_access_dup_reason (DdStore  *store,
                      DdAction  action,
                      DdTask   *task)
{
  char *reason = NULL;

  if (store == NULL)
    return g_strdup (_("No database is open."));
  dd_store_can (store, action, task, &reason);
  return reason;
}

void
dd_access_set_tooltip (GtkWidget  *widget,
                       const char *reason)
{
  static GQuark usual_quark;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (usual_quark == 0)
    usual_quark = g_quark_from_static_string ("dd-access-usual-tooltip");
  if (g_object_get_qdata (G_OBJECT (widget), usual_quark) == NULL)
    g_object_set_qdata_full (G_OBJECT (widget), usual_quark,
                             g_strdup (gtk_widget_get_tooltip_text (widget) != NULL
                                       ? gtk_widget_get_tooltip_text (widget) : ""),
                             g_free);

  if (reason != NULL)
    gtk_widget_set_tooltip_text (widget, reason);
  else
    {
      const char *usual = g_object_get_qdata (G_OBJECT (widget), usual_quark);

      gtk_widget_set_tooltip_text (widget, *usual != '\0' ? usual : NULL);
    }
}

void
dd_access_set_sensitive (GtkWidget *widget,
                         gboolean   sensitive)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  root = gtk_widget_get_root (widget);
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (!sensitive && focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget)))
    gtk_root_set_focus (root, NULL);
  gtk_widget_set_sensitive (widget, sensitive);
}

void
dd_access_connect (DdStore   *store,
                   GCallback  callback,
                   gpointer   object)
{
  g_return_if_fail (DD_IS_STORE (store));

  g_signal_connect_object (store, "access-changed", callback, object, G_CONNECT_SWAPPED);
}
