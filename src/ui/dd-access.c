/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-access"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-access.h"

char *
dd_access_dup_file_reason (DdStore *store)
{
  if (store == NULL)
    return g_strdup (_("No database is open."));

  if (dd_store_is_read_only (store))
    {
      const char *reason = dd_store_get_read_only_reason (store);

      return g_strdup (reason != NULL ? reason : _("The database is open read-only."));
    }

  if (!dd_store_is_lock_warning_acknowledged (store))
    return g_strdup (_("Nothing can be changed until you have read the warning about where the "
                       "database is stored, at the top of the window, and pressed “I Understand”."));
  return NULL;
}

char *
dd_access_dup_write_reason (DdStore  *store,
                            gboolean  admin_only)
{
  char *reason = dd_access_dup_file_reason (store);
  DdRole role;

  if (reason != NULL)
    return reason;

  role = dd_store_get_role (store);
  if (role == DD_ROLE_VIEWER)
    return g_strdup (_("Your role in this database is “viewer”: you can read and export, but not "
                       "change anything. An administrator can give you more rights in Users and "
                       "Roles."));
  if (admin_only && role != DD_ROLE_ADMIN)
    /* Translators: %s is the user's role ("unit editor"). */
    return g_strdup_printf (_("Only an administrator can do this; your role is “%s”."),
                            dd_role_get_label (role));
  return NULL;
}

char *
dd_access_dup_task_reason (DdStore *store,
                           DdTask  *task)
{
  char *reason = dd_access_dup_write_reason (store, FALSE);

  if (reason != NULL)
    return reason;

  if (dd_store_get_role (store) == DD_ROLE_UNIT_EDITOR
      && dd_task_get_lead_id (task) != dd_store_get_role_unit_id (store))
    return g_strdup (_("As a unit editor you can change only the tasks your unit leads; this task "
                       "is led by another unit. You can read it here."));
  return NULL;
}

char *
dd_access_dup_figures_reason (DdStore *store,
                              gint64   unit_id)
{
  char *reason = dd_access_dup_write_reason (store, FALSE);
  g_autoptr(GListModel) units = NULL;
  g_autofree char *name = NULL;
  gint64 own;

  if (reason != NULL)
    return reason;

  /* The guard triggers of indicator_figures and dossier_figures: an
   * administrator writes any unit's, a unit editor its own unit's (not
   * the whole office's). */
  if (dd_store_get_role (store) != DD_ROLE_UNIT_EDITOR)
    return NULL;
  own = dd_store_get_role_unit_id (store);
  if (unit_id > 0 && unit_id == own)
    return NULL;

  units = dd_store_list_unit_names (store, NULL);
  for (guint i = 0; units != NULL && name == NULL && i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);

      if (dd_unit_get_id (unit) == own)
        name = g_strdup (dd_unit_get_name (unit));
    }
  if (name == NULL)
    return g_strdup (_("As a unit editor you can record only the figures of your own unit."));
  /* Translators: %s is the unit editor's unit. */
  return g_strdup_printf (_("As a unit editor you can record only the figures of your unit, “%s”."),
                          name);
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
