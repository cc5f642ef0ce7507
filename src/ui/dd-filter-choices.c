/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-filter-choices"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-filter-choices.h"

/*
 * The choices of the task list's unit and plan filters: "All units" or
 * "All plans" first, then the store's, each with its id at the same
 * position of an array of gint64 (0 for "all"). A store that cannot be
 * read gives "all" alone: the list's own read says what is wrong.
 */

/**
 * dd_filter_choices_units:
 * @store: (nullable): the store, or %NULL for "All units" alone
 * @ids: an array of gint64, emptied and filled in step with the names
 *
 * Returns: (transfer full): "All units" and the names of the units
 */
GtkStringList *
dd_filter_choices_units (DdStore *store,
                         GArray  *ids)
{
  GtkStringList *names = gtk_string_list_new (NULL);
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GError) error = NULL;

  g_array_set_size (ids, 0);
  gtk_string_list_append (names, _("All units"));
  g_array_append_val (ids, (gint64) { 0 });

  if (store != NULL && (units = dd_store_list_unit_names (store, &error)) == NULL)
    g_debug ("Could not list the units: %s", error->message);

  for (guint i = 0; units != NULL && i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);
      gint64 id = dd_unit_get_id (unit);

      gtk_string_list_append (names, dd_unit_get_name (unit));
      g_array_append_val (ids, id);
    }
  return names;
}

/**
 * dd_filter_choices_plans:
 * @store: (nullable): the store, or %NULL for "All plans" alone
 * @ids: an array of gint64, emptied and filled in step with the names
 *
 * Returns: (transfer full): "All plans" and each plan's display name (its
 *   number when it has none)
 */
GtkStringList *
dd_filter_choices_plans (DdStore *store,
                         GArray  *ids)
{
  GtkStringList *names = gtk_string_list_new (NULL);
  g_autoptr(GListModel) plans = NULL;
  g_autoptr(GError) error = NULL;

  g_array_set_size (ids, 0);
  gtk_string_list_append (names, _("All plans"));
  g_array_append_val (ids, (gint64) { 0 });

  if (store != NULL && (plans = dd_store_list_plan_names (store, &error)) == NULL)
    g_debug ("Could not list the plans: %s", error->message);

  for (guint i = 0; plans != NULL && i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(DdPlan) plan = g_list_model_get_item (plans, i);
      g_autofree char *name = dd_plan_dup_display_name (plan);
      gint64 id = dd_plan_get_id (plan);

      gtk_string_list_append (names, name != NULL ? name : dd_plan_get_number (plan));
      g_array_append_val (ids, id);
    }
  return names;
}

/**
 * dd_filter_choices_get_id:
 * @ids: (nullable): the ids of a filter's choices, as filled above
 * @position: a choice's position
 *
 * Returns: the id of the choice at @position, 0 for none
 */
gint64
dd_filter_choices_get_id (GArray *ids,
                          guint   position)
{
  if (ids == NULL || position == GTK_INVALID_LIST_POSITION || position >= ids->len)
    return 0;

  return g_array_index (ids, gint64, position);
}

/**
 * dd_filter_choices_find:
 * @ids: (nullable): the ids of a filter's choices
 * @id: an id
 *
 * Returns: the position of the choice of @id, 0 when it is not there
 */
guint
dd_filter_choices_find (GArray *ids,
                        gint64  id)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;

  return 0;
}
