/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-stats-reminders"

#include "config.h"

#include "dondoc/dondoc.h"

/*
 * The reminders (dd-stats-reminders.h): the task list's own counts and
 * lists for the three statuses that need attention, so that the bar, the
 * notification and the list a button opens say the same.
 */

static const DdTaskStatus reminder_statuses[] = {
  DD_STATUS_OVERDUE,
  DD_STATUS_FORGOTTEN,
  DD_STATUS_DUE_SOON,
};

gboolean
dd_stats_count_reminders (DdStats            *self,
                          const DdTaskQuery  *query,
                          DdReminderCounts   *out,
                          GError            **error)
{
  guint counts[DD_N_STATUSES] = { 0 };
  DdTaskQuery all;

  g_return_val_if_fail (DD_IS_STATS (self), FALSE);
  g_return_val_if_fail (query != NULL && out != NULL, FALSE);

  all = *query;
  all.status = -1;
  if (!dd_store_count_by_status (dd_stats_get_store (self), &all, counts, error))
    return FALSE;
  out->overdue = counts[DD_STATUS_OVERDUE];
  out->forgotten = counts[DD_STATUS_FORGOTTEN];
  out->due_soon = counts[DD_STATUS_DUE_SOON];
  return TRUE;
}

GPtrArray *
dd_stats_list_reminders (DdStats            *self,
                         const DdTaskQuery  *query,
                         GError            **error)
{
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (DD_IS_STATS (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  for (guint s = 0; s < G_N_ELEMENTS (reminder_statuses); s++)
    {
      g_autoptr(DdTaskList) list = NULL;
      DdTaskQuery one = *query;
      guint n;

      one.status = reminder_statuses[s];
      list = dd_store_query_tasks (dd_stats_get_store (self), &one, error);
      if (list == NULL)
        return NULL;
      n = g_list_model_get_n_items (G_LIST_MODEL (list));
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (tasks, g_list_model_get_item (G_LIST_MODEL (list), i));
    }
  return g_steal_pointer (&tasks);
}
