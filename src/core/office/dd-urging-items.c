/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-urging-letter"
#define DD_DOCUMENT_GETTEXT 1

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-store-private.h"
#include "dd-urging-letter-private.h"
#include "dd-document-language-private.h"

/*
 * What an urging letter or a digest says of each task it names: the due
 * date, and how many working days late it is as of the letter's date (the
 * calendar of days off of the file, as the reports count them); for a task
 * whose periodic report or update was not made, which one and when it was
 * due — judged as the task's status is (dd-store-recurring.c). The letter
 * and the digest say it in the same words.
 */

struct _DdUrgingJudge
{
  DdStore *store;
  GDate as_of;
  DdWorkdays *workdays;
  DdOccurrenceSet *set;         /* the open recurring tasks, read at the first forgotten one */
  GHashTable *positions;        /* task id → its position in @set, plus one */
};

DdUrgingJudge *
_dd_urging_judge_new (DdStore      *store,
                      const GDate  *as_of,
                      GError      **error)
{
  g_autoptr(DdWorkdays) workdays = _dd_store_read_workdays (store, error);
  DdUrgingJudge *judge;

  if (workdays == NULL)
    return NULL;
  judge = g_new0 (DdUrgingJudge, 1);
  judge->store = g_object_ref (store);
  judge->as_of = *as_of;
  judge->workdays = g_steal_pointer (&workdays);
  return judge;
}

void
_dd_urging_judge_free (DdUrgingJudge *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->set, _dd_occurrence_set_free);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_object (&self->workdays);
  g_clear_object (&self->store);
  g_free (self);
}

void
_dd_urging_item_free (DdUrgingItem *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->task);
  g_free (self->missed);
  g_free (self);
}

/* The open recurring tasks' occurrences, read once for every unit. */
static gboolean
load_occurrences (DdUrgingJudge  *self,
                  GError        **error)
{
  GDate from = self->as_of;
  GDate soon, to;

  if (self->set != NULL)
    return TRUE;
  /* The look-back and range of the status itself. */
  _dd_store_due_soon_limit (self->store, &self->as_of, DD_DEFAULT_DUE_SOON_DAYS, &soon);
  g_date_subtract_days (&from, 430);
  to = dd_date_is_set (&soon) && g_date_compare (&soon, &self->as_of) > 0 ? soon : self->as_of;
  self->set = _dd_occurrence_set_load (self->store, DD_OCCURRENCE_SCOPE_OPEN, 0, self->workdays, &from, &to,
                                       &self->as_of, error);
  if (self->set == NULL)
    return FALSE;
  self->positions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint t = 0; t < _dd_occurrence_set_get_n_tasks (self->set); t++)
    {
      gint64 *id = g_new (gint64, 1);

      *id = _dd_occurrence_set_get_task (self->set, t)->id;
      g_hash_table_insert (self->positions, id, GUINT_TO_POINTER (t + 1));
    }
  return TRUE;
}

/* Of a forgotten task, the report or update missed longest ago. */
static gboolean
find_missed (DdUrgingJudge  *self,
             DdUrgingItem   *item,
             GError        **error)
{
  g_autoptr(GArray) occurrences = g_array_new (FALSE, FALSE, sizeof (DdOccurrence));
  gint64 id = dd_task_get_id (item->task);
  const DdOccurrence *found = NULL;
  GDate soon;
  guint position;

  if (!load_occurrences (self, error))
    return FALSE;
  position = GPOINTER_TO_UINT (g_hash_table_lookup (self->positions, &id));
  if (position == 0)
    return TRUE;
  _dd_store_due_soon_limit (self->store, &self->as_of, DD_DEFAULT_DUE_SOON_DAYS, &soon);
  _dd_occurrence_set_judge_latest (self->set, position - 1, &self->as_of,
                                   dd_date_is_set (&soon) ? &soon : &self->as_of, occurrences);
  for (guint i = 0; i < occurrences->len; i++)
    {
      const DdOccurrence *occ = &g_array_index (occurrences, DdOccurrence, i);

      if (occ->status != DD_STATUS_FORGOTTEN || g_date_compare (&occ->due, &self->as_of) >= 0)
        continue;
      if (found == NULL || g_date_compare (&occ->due, &found->due) < 0)
        found = occ;
    }
  if (found != NULL)
    {
      item->due = found->due;
      item->missed = g_strdup (found->label);
    }
  return TRUE;
}

GPtrArray *
_dd_urging_judge_list_items (DdUrgingJudge  *self,
                             GListModel     *tasks,
                             GError        **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) _dd_urging_item_free);

  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      DdUrgingItem *item = g_new0 (DdUrgingItem, 1);
      const GDate *due;

      item->task = g_list_model_get_item (tasks, i);
      item->status = dd_task_get_status (item->task);
      g_ptr_array_add (items, item);
      due = dd_task_get_due (item->task);
      if (item->status == DD_STATUS_FORGOTTEN)
        {
          if (!find_missed (self, item, error))
            return NULL;
        }
      else if (due != NULL && dd_date_is_set (due))
        item->due = *due;
      if (item->status != DD_STATUS_DUE_SOON && g_date_valid (&item->due) &&
          g_date_compare (&item->due, &self->as_of) < 0)
        item->days_late = MAX (0, dd_workdays_between (self->workdays, &item->due, &self->as_of));
    }
  return g_steal_pointer (&items);
}

char *
_dd_urging_item_dup_line (const DdUrgingItem *item)
{
  DdTask *task = item->task;
  g_autofree char *due = g_date_valid (&item->due) ? dd_date_to_dmy (&item->due) : NULL;
  g_autofree char *bare = dd_format_task_number (dd_task_get_number (task));
  const char *number = bare != NULL ? bare : "";
  const char *plan = dd_task_get_plan_number (task) != NULL ? dd_task_get_plan_number (task) : "";
  const char *title = dd_task_get_title (task);

  switch (item->status)
    {
    case DD_STATUS_OVERDUE:
      /* Translators: a line of the urging letter and digest: number, plan, title, due date, working days late. */
      return g_strdup_printf (_("- Task %s (%s) %s: due on %s, %d working days late;"),
                              number, plan, title, due != NULL ? due : "", item->days_late);
    case DD_STATUS_FORGOTTEN:
      if (item->missed != NULL && due != NULL)
        /* Translators: a line of the urging letter and digest: number, plan, title, the report missed
         * ("Quý IV/2026"), when it was due, working days late. */
        return g_strdup_printf (_("- Task %s (%s) %s: the report or update for %s, due on %s, was not sent "
                                  "(%d working days late);"),
                                number, plan, title, item->missed, due, item->days_late);
      /* Translators: a line of the urging letter: a periodic task whose report was not made. */
      return g_strdup_printf (_("- Task %s (%s) %s: the report or progress update due was not sent;"),
                              number, plan, title);
    case DD_STATUS_DUE_SOON:
    default:
      /* Translators: a line of the urging letter: a task due soon. */
      return g_strdup_printf (_("- Task %s (%s) %s: due on %s;"), number, plan, title, due != NULL ? due : "");
    }
}
