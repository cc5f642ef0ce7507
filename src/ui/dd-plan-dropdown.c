/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-plan-dropdown"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-plan-dropdown.h"

/* The plans' ids, parallel to the drop-down's items (gint64). */
#define PLAN_IDS_KEY "dd-plan-ids"

static GArray *
get_plan_ids (GtkDropDown *dropdown)
{
  GArray *ids = g_object_get_data (G_OBJECT (dropdown), PLAN_IDS_KEY);

  if (ids == NULL)
    {
      ids = g_array_new (FALSE, TRUE, sizeof (gint64));
      g_object_set_data_full (G_OBJECT (dropdown), PLAN_IDS_KEY, ids, (GDestroyNotify) g_array_unref);
    }
  return ids;
}

static guint
find_id (GArray *ids,
         gint64  id)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;

  return 0;
}

static gboolean
same_strings (GListModel *a,
              GListModel *b)
{
  guint n;

  if (a == NULL || b == NULL)
    return a == b;

  n = g_list_model_get_n_items (a);
  if (n != g_list_model_get_n_items (b))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkStringObject) sa = g_list_model_get_item (a, i);
      g_autoptr(GtkStringObject) sb = g_list_model_get_item (b, i);

      if (g_strcmp0 (gtk_string_object_get_string (sa), gtk_string_object_get_string (sb)) != 0)
        return FALSE;
    }
  return TRUE;
}

void
dd_plan_dropdown_set_plans (GtkDropDown *dropdown,
                            GListModel  *plan_list,
                            gint64       plan_id)
{
  g_autoptr(GtkStringList) plans = gtk_string_list_new (NULL);
  GArray *ids;

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));
  g_return_if_fail (plan_list == NULL || G_IS_LIST_MODEL (plan_list));

  ids = get_plan_ids (dropdown);
  g_array_set_size (ids, 0);
  gtk_string_list_append (plans, _("All plans"));
  g_array_append_val (ids, (gint64) { 0 });

  for (guint i = 0; plan_list != NULL && i < g_list_model_get_n_items (plan_list); i++)
    {
      g_autoptr(DdPlan) plan = g_list_model_get_item (plan_list, i);
      g_autofree char *name = dd_plan_dup_display_name (plan);
      gint64 id = dd_plan_get_id (plan);

      gtk_string_list_append (plans, name != NULL ? name : dd_plan_get_number (plan));
      g_array_append_val (ids, id);
    }

  /* The same plans: keep the drop-down as it is (it may be the one whose
   * change is being handled). */
  if (!same_strings (gtk_drop_down_get_model (dropdown), G_LIST_MODEL (plans)))
    gtk_drop_down_set_model (dropdown, G_LIST_MODEL (plans));
  gtk_drop_down_set_selected (dropdown, find_id (ids, plan_id));
}

gint64
dd_plan_dropdown_get_plan_id (GtkDropDown *dropdown)
{
  GArray *ids;
  guint position;

  g_return_val_if_fail (GTK_IS_DROP_DOWN (dropdown), 0);

  ids = g_object_get_data (G_OBJECT (dropdown), PLAN_IDS_KEY);
  position = gtk_drop_down_get_selected (dropdown);
  if (ids == NULL || position == GTK_INVALID_LIST_POSITION || position >= ids->len)
    return 0;

  return g_array_index (ids, gint64, position);
}
