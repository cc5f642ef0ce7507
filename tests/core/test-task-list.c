/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dd-store-private.h"
#include "dd-test-core.h"

static DdTaskQuery
query_at (const char *iso)
{
  DdTaskQuery q;

  dd_task_query_init (&q);
  g_assert_true (dd_date_parse_iso (iso, &q.as_of));
  return q;
}

static GPtrArray *
titles_of (DdTaskList *list)
{
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(DdTask) task = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_ptr_array_add (titles, g_strdup (dd_task_get_title (task)));
    }
  return titles;
}

static void
test_appendix_order (void)
{
  g_autoptr(DdStore) store = dd_test_new_store (":memory:");
  g_autoptr(GError) error = NULL;
  DdTaskQuery q = query_at ("2026-05-15");
  g_autoptr(DdTaskList) list = dd_store_query_tasks (store, &q, &error);

  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == DD_TYPE_TASK);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 8);
  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(DdTask) task = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *expected = g_strdup_printf ("%u.", i + 1);
      g_assert_cmpstr (dd_task_get_number (task), ==, expected);
      g_assert_cmpstr (dd_task_get_plan_number (task), ==, "662/KH-VPUB");
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 8));
}

static void
test_search_ignores_diacritics (void)
{
  g_autoptr(DdStore) store = dd_test_new_store (":memory:");
  g_autoptr(GError) error = NULL;
  DdTaskQuery q = query_at ("2026-05-15");
  g_autoptr(DdTaskList) list = NULL;
  guint n;

  q.text = "hanh chinh";
  list = dd_store_query_tasks (store, &q, &error);
  g_assert_no_error (error);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  /* Every task whose text holds "Hành chính", and no other: all but task 6
   * ("Thẩm tra … giải quyết TTHC", led by "Các phòng chuyên môn liên quan"). */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdTask) task = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *all = g_strjoin (" ", dd_task_get_title (task), dd_task_get_lead (task), NULL);
      g_autofree char *folded = dd_text_fold_for_search (all);
      g_assert_nonnull (strstr (folded, "hanh chinh"));
    }
  g_assert_cmpuint (n, ==, 7);

  q.text = "LƯU TRU";
  g_assert_true (dd_task_list_set_query (list, &q, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  {
    g_autoptr(DdTask) task = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpstr (dd_task_get_number (task), ==, "5.");
  }

  /* All words must match, in any order. */
  q.text = "tham tra   luu tru";
  g_assert_true (dd_task_list_set_query (list, &q, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  q.text = "TTHC   tra tham";
  g_assert_true (dd_task_list_set_query (list, &q, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  /* Text that looks like SQL is only text. */
  q.text = "%' OR 1=1 --";
  g_assert_true (dd_task_list_set_query (list, &q, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

static void
test_filter_unit_status (void)
{
  g_autoptr(DdStore) store = dd_test_new_store (":memory:");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) units = dd_store_list_units (store, 0, &error);
  DdTaskQuery q = query_at ("2026-05-15");
  g_autoptr(DdTaskList) list = NULL;
  guint counts[DD_N_STATUSES];
  gint64 hcqt = 0, group = 0;

  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) u = g_list_model_get_item (units, i);
      if (g_str_equal (dd_unit_get_name (u), "Phòng Hành chính - Quản trị"))
        hcqt = dd_unit_get_id (u);
      if (g_str_equal (dd_unit_get_name (u), "Các phòng, ban, đơn vị"))
        group = dd_unit_get_id (u);
    }
  g_assert_cmpint (hcqt, >, 0);
  g_assert_cmpint (group, >, 0);

  q.unit_id = hcqt;
  list = dd_store_query_tasks (store, &q, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 6);
  q.unit_id = group;   /* coordinates tasks 3 and 4 */
  g_assert_true (dd_task_list_set_query (list, &q, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  q.unit_id = 0;
  g_assert_true (dd_store_count_by_status (store, &q, counts, &error));
  /* As of 15/5/2026: task 1 done on time; 2,3,4,6,7,8 in progress
   * (ongoing, statutory, periodic); 5 set by another body's plan. */
  g_assert_cmpuint (counts[DD_STATUS_DONE_ON_TIME], ==, 1);
  g_assert_cmpuint (counts[DD_STATUS_IN_PROGRESS], ==, 6);
  g_assert_cmpuint (counts[DD_STATUS_NO_DEADLINE], ==, 1);
  g_assert_cmpuint (counts[DD_STATUS_OVERDUE], ==, 0);

  q.status = DD_STATUS_NO_DEADLINE;
  g_assert_true (dd_task_list_set_query (list, &q, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  /* Before task 1 was done, as of 27/4/2026, it was due soon. */
  q = query_at ("2026-04-27");
  q.status = DD_STATUS_DUE_SOON;
  g_assert_true (dd_task_list_set_query (list, &q, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
}

/* lead_only: a unit's filter keeps only the tasks it leads. */
static void
test_filter_lead_only (void)
{
  g_autoptr(DdStore) store = dd_test_new_store (":memory:");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) units = dd_store_list_units (store, 0, &error);
  DdTaskQuery q = query_at ("2026-05-15");
  g_autoptr(DdTaskList) list = NULL;
  guint narrower = 0;

  g_assert_no_error (error);
  g_assert_false (q.lead_only);
  list = dd_store_query_tasks (store, &q, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) u = g_list_model_get_item (units, i);
      guint counts[DD_N_STATUSES];
      guint total = 0;
      guint n_led, n_any;

      q.unit_id = dd_unit_get_id (u);
      q.lead_only = FALSE;
      g_assert_true (dd_task_list_set_query (list, &q, &error));
      g_assert_no_error (error);
      n_any = g_list_model_get_n_items (G_LIST_MODEL (list));

      q.lead_only = TRUE;
      g_assert_true (dd_task_list_set_query (list, &q, &error));
      g_assert_no_error (error);
      n_led = g_list_model_get_n_items (G_LIST_MODEL (list));

      /* Exactly the tasks it leads, each one led by it. */
      g_assert_cmpuint (n_led, ==, dd_unit_get_n_led (u));
      g_assert_cmpuint (n_led, <=, n_any);
      for (guint j = 0; j < n_led; j++)
        {
          g_autoptr(DdTask) task = g_list_model_get_item (G_LIST_MODEL (list), j);
          g_assert_cmpstr (dd_task_get_lead (task), ==, dd_unit_get_name (u));
        }
      if (n_led < n_any)
        narrower++;

      /* The counts follow the same filter. */
      g_assert_true (dd_store_count_by_status (store, &q, counts, &error));
      g_assert_no_error (error);
      for (guint j = 0; j < DD_N_STATUSES; j++)
        total += counts[j];
      g_assert_cmpuint (total, ==, n_led);
    }
  /* Some unit of the plan only coordinates some of its tasks. */
  g_assert_cmpuint (narrower, >, 0);

  /* Without a unit, lead_only changes nothing. */
  q.unit_id = 0;
  q.lead_only = TRUE;
  g_assert_true (dd_task_list_set_query (list, &q, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 8);
}

static void
test_sort (void)
{
  g_autoptr(DdStore) store = dd_test_new_store (":memory:");
  g_autoptr(GError) error = NULL;
  DdTaskQuery q = query_at ("2026-05-15");
  g_autoptr(DdTaskList) list = NULL;
  g_autoptr(GPtrArray) titles = NULL;

  q.sort = DD_TASK_SORT_TITLE;
  list = dd_store_query_tasks (store, &q, &error);
  titles = titles_of (list);
  g_assert_cmpuint (titles->len, ==, 8);
  for (guint i = 0; i + 1 < titles->len; i++)
    g_assert_cmpint (dd_text_collate (g_ptr_array_index (titles, i), g_ptr_array_index (titles, i + 1)), <=, 0);
  g_clear_pointer (&titles, g_ptr_array_unref);

  q.descending = TRUE;
  g_assert_true (dd_task_list_set_query (list, &q, &error));
  titles = titles_of (list);
  for (guint i = 0; i + 1 < titles->len; i++)
    g_assert_cmpint (dd_text_collate (g_ptr_array_index (titles, i), g_ptr_array_index (titles, i + 1)), >=, 0);

  /* Every sort column works. */
  for (int s = DD_TASK_SORT_NUMBER; s <= DD_TASK_SORT_PROGRESS; s++)
    {
      q.sort = s;
      g_assert_true (dd_task_list_set_query (list, &q, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 8);
    }

  /* By deadline: the only dated task first, ascending. */
  q.sort = DD_TASK_SORT_DEADLINE;
  q.descending = FALSE;
  g_assert_true (dd_task_list_set_query (list, &q, &error));
  {
    g_autoptr(DdTask) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpstr (dd_task_get_number (first), ==, "1.");
  }
}

/* Sorted by progress: progress, then the order of entry (ids), both ways;
 * the same tasks as in the appendix order; read from the index that holds
 * that order (tasks_live_progress), not by sorting the table. */
static void
test_sort_progress (void)
{
  g_autoptr(DdStore) store = dd_test_new_store (":memory:");
  g_autoptr(GError) error = NULL;
  DdTaskQuery q = query_at ("2026-05-15");
  g_autoptr(DdTaskList) list = NULL;
  g_autoptr(DdTaskList) all = NULL;
  GDate done;

  g_date_clear (&done, 1);
  g_date_set_dmy (&done, 1, 5, 2026);
  /* Equal progress for some, to see the ties. */
  g_assert_true (dd_store_record_progress (store, 3, 100, &done, NULL, NULL, &error));
  g_assert_true (dd_store_record_progress (store, 5, 40, NULL, NULL, NULL, &error));
  g_assert_true (dd_store_record_progress (store, 2, 40, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  all = dd_store_query_tasks (store, &q, &error);
  g_assert_no_error (error);

  q.sort = DD_TASK_SORT_PROGRESS;
  for (int descending = 0; descending < 2; descending++)
    {
      guint n;

      q.descending = descending;
      g_clear_object (&list);
      list = dd_store_query_tasks (store, &q, &error);
      g_assert_no_error (error);
      n = g_list_model_get_n_items (G_LIST_MODEL (list));
      g_assert_cmpuint (n, ==, g_list_model_get_n_items (G_LIST_MODEL (all)));
      for (guint i = 0; i + 1 < n; i++)
        {
          g_autoptr(DdTask) a = g_list_model_get_item (G_LIST_MODEL (list), i);
          g_autoptr(DdTask) b = g_list_model_get_item (G_LIST_MODEL (list), i + 1);
          guint pa = dd_task_get_progress (a), pb = dd_task_get_progress (b);

          if (!descending)
            g_assert_true (pa < pb || (pa == pb && dd_task_get_id (a) < dd_task_get_id (b)));
          else
            g_assert_true (pa > pb || (pa == pb && dd_task_get_id (a) > dd_task_get_id (b)));
        }
      for (guint i = 0; i < n; i++)
        g_assert_cmpint (dd_task_list_find (list, dd_task_list_get_id_at (all, i)), >=, 0);
    }
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;
    g_autoptr(GString) details = g_string_new (NULL);

    stmt = dd_sql_prepare (store, "EXPLAIN QUERY PLAN SELECT t.id, t.deadline_kind, t.due_on, t.completed_on "
                           "FROM tasks t WHERE t.deleted_at IS NULL ORDER BY t.progress DESC, t.id DESC", &error);
    g_assert_no_error (error);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_string_append_printf (details, "%s|", (const char *) sqlite3_column_text (stmt, 3));
    g_assert_nonnull (strstr (details->str, "COVERING INDEX tasks_live_progress"));
    g_assert_null (strstr (details->str, "TEMP B-TREE"));
  }
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  guint *calls = user_data;
  (*calls)++;
}

static void
test_refresh_after_change (void)
{
  g_autoptr(DdStore) store = dd_test_new_store (":memory:");
  g_autoptr(GError) error = NULL;
  DdTaskQuery q = query_at ("2026-05-15");
  g_autoptr(DdTaskList) list = NULL;
  g_autoptr(DdTask) task = NULL;
  guint calls = 0;

  q.status = DD_STATUS_DONE_ON_TIME;
  list = dd_store_query_tasks (store, &q, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &calls);

  {
    GDate done;
    g_date_clear (&done, 1);
    g_date_set_dmy (&done, 1, 5, 2026);
    g_assert_true (dd_store_record_progress (store, 3, 100, &done, "Kế hoạch đào tạo", NULL, &error));
  }
  g_assert_true (dd_task_list_refresh (list, &error));
  g_assert_cmpuint (calls, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpint (dd_task_list_find (list, 3), >=, 0);
  task = g_list_model_get_item (G_LIST_MODEL (list), (guint) dd_task_list_find (list, 3));
  g_assert_cmpstr (dd_task_get_actual_product (task), ==, "Kế hoạch đào tạo");
}

typedef struct
{
  guint position, removed, added;
  guint calls;
} ItemsChanged;

static void
on_items_changed_record (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         gpointer    user_data)
{
  ItemsChanged *changed = user_data;

  changed->position = position;
  changed->removed = removed;
  changed->added = added;
  changed->calls++;
}

static void
on_notify_count (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* With its items refilled, the list hands out one object per position
 * while someone holds it: a new result fills the held ones with the tasks
 * now at their positions (each notifies), forgets the others, and says
 * only the items that come or go at the end. */
static void
test_refill_items (void)
{
  g_autoptr(DdStore) store = dd_test_new_store (":memory:");
  g_autoptr(GError) error = NULL;
  DdTaskQuery q = query_at ("2026-05-15");
  g_autoptr(DdTaskList) list = NULL;
  g_autoptr(DdTaskList) expected = NULL;
  g_autoptr(DdTask) held_first = NULL;
  g_autoptr(DdTask) held_last = NULL;
  g_autoptr(DdTask) copy = NULL;
  ItemsChanged changed = { 0, };
  guint notified = 0;
  gint64 first_id;

  list = dd_store_query_tasks (store, &q, &error);
  g_assert_no_error (error);
  dd_task_list_set_refill_items (list, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 8);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_record), &changed);

  held_first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  held_last = g_list_model_get_item (G_LIST_MODEL (list), 7);
  first_id = dd_task_get_id (held_first);
  copy = dd_task_copy (held_first);
  {
    /* The same object for a position while it is held. */
    g_autoptr(DdTask) again = g_list_model_get_item (G_LIST_MODEL (list), 0);

    g_assert_true (again == held_first);
  }
  g_signal_connect (held_first, "notify::id", G_CALLBACK (on_notify_count), &notified);

  /* Sorted otherwise: the same number of items, none said changed, the
   * held ones now the tasks at their positions. */
  q.sort = DD_TASK_SORT_TITLE;
  g_assert_true (dd_task_list_set_query (list, &q, &error));
  expected = dd_store_query_tasks (store, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changed.calls, ==, 0);
  g_assert_cmpuint (notified, ==, 1);
  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(DdTask) a = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(DdTask) b = g_list_model_get_item (G_LIST_MODEL (expected), i);

      g_assert_cmpint (dd_task_get_id (a), ==, dd_task_get_id (b));
      g_assert_cmpstr (dd_task_get_title (a), ==, dd_task_get_title (b));
      g_assert_cmpint (dd_task_get_status (a), ==, dd_task_get_status (b));
      if (i == 0)
        g_assert_true (a == held_first);
    }
  g_assert_cmpint (dd_task_get_id (held_first), !=, first_id);
  /* A copy taken before is a snapshot. */
  g_assert_cmpint (dd_task_get_id (copy), ==, first_id);

  /* Fewer tasks: only the end is said removed; the item held past the
   * new end is no longer refilled. */
  q.status = DD_STATUS_DONE_ON_TIME;
  g_assert_true (dd_task_list_set_query (list, &q, &error));
  g_assert_cmpuint (changed.calls, ==, 1);
  g_assert_cmpuint (changed.position, ==, 1);
  g_assert_cmpuint (changed.removed, ==, 7);
  g_assert_cmpuint (changed.added, ==, 0);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpint (dd_task_get_id (held_first), ==, dd_task_list_get_id_at (list, 0));
  g_assert_cmpint (dd_task_get_status (held_first), ==, DD_STATUS_DONE_ON_TIME);

  /* Back to all: the end is said added. */
  q.status = -1;
  g_assert_true (dd_task_list_set_query (list, &q, &error));
  g_assert_cmpuint (changed.calls, ==, 2);
  g_assert_cmpuint (changed.position, ==, 1);
  g_assert_cmpuint (changed.removed, ==, 0);
  g_assert_cmpuint (changed.added, ==, 7);
  {
    g_autoptr(DdTask) last = g_list_model_get_item (G_LIST_MODEL (list), 7);

    g_assert_true (last != held_last);
    g_assert_cmpint (dd_task_get_id (last), ==, dd_task_list_get_id_at (list, 7));
  }

  /* Without refilling, every item is said replaced, as before. */
  dd_task_list_set_refill_items (list, FALSE);
  g_assert_true (dd_task_list_refresh (list, &error));
  g_assert_cmpuint (changed.calls, ==, 3);
  g_assert_cmpuint (changed.position, ==, 0);
  g_assert_cmpuint (changed.removed, ==, 8);
  g_assert_cmpuint (changed.added, ==, 8);
}

/* A listener's count of "notify::id" for one item. */
typedef struct
{
  DdTask *task;
  guint notified;
  guint order;      /* the how-manieth item notified */
} Listener;

static guint notify_order;

static void
on_listener_notify (DdTask     *task,
                    GParamSpec *pspec,
                    Listener   *listener)
{
  listener->notified++;
  listener->order = ++notify_order;
}

/* With its notifications later, the list refills the items at once but
 * says so only when asked, those nearest to a position first; the sort's
 * result is the same as read at once. */
static void
test_refill_notify_later (void)
{
  g_autoptr(DdStore) store = dd_test_new_store (":memory:");
  g_autoptr(GError) error = NULL;
  DdTaskQuery q = query_at ("2026-05-15");
  g_autoptr(DdTaskList) list = NULL;
  g_autoptr(DdTaskList) expected = NULL;
  Listener listeners[8] = { { 0, }, };
  ItemsChanged changed = { 0, };

  list = dd_store_query_tasks (store, &q, &error);
  g_assert_no_error (error);
  dd_task_list_set_refill_items (list, TRUE);
  dd_task_list_set_notify_later (list, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 8);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_record), &changed);
  for (guint i = 0; i < 8; i++)
    {
      listeners[i].task = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_signal_connect (listeners[i].task, "notify::id", G_CALLBACK (on_listener_notify), &listeners[i]);
    }
  g_assert_cmpuint (dd_task_list_notify_refilled (list, 0, 0), ==, 0);

  /* Sorted otherwise: the items hold the new tasks, none notified yet. */
  q.sort = DD_TASK_SORT_TITLE;
  q.descending = TRUE;
  g_assert_true (dd_task_list_set_query (list, &q, &error));
  expected = dd_store_query_tasks (store, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changed.calls, ==, 0);
  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(DdTask) b = g_list_model_get_item (G_LIST_MODEL (expected), i);

      g_assert_cmpint (dd_task_get_id (listeners[i].task), ==, dd_task_get_id (b));
      g_assert_cmpstr (dd_task_get_title (listeners[i].task), ==, dd_task_get_title (b));
      g_assert_cmpuint (listeners[i].notified, ==, 0);
    }
  g_assert_cmpuint (dd_task_list_notify_refilled (list, 5, 0), ==, 8);

  /* Three nearest to position 5 (5, then 4 and 6), then the rest. */
  notify_order = 0;
  g_assert_cmpuint (dd_task_list_notify_refilled (list, 5, 3), ==, 5);
  g_assert_cmpuint (listeners[5].order, ==, 1);
  g_assert_cmpuint (listeners[4].order, ==, 2);
  g_assert_cmpuint (listeners[6].order, ==, 3);
  for (guint i = 0; i < 8; i++)
    g_assert_cmpuint (listeners[i].notified, ==, (i >= 4 && i <= 6) ? 1 : 0);
  g_assert_cmpuint (dd_task_list_notify_refilled (list, 5, G_MAXUINT), ==, 0);
  for (guint i = 0; i < 8; i++)
    g_assert_cmpuint (listeners[i].notified, ==, 1);

  /* A new result before the notifications: refilled again, each item
   * notified once for the last result. */
  q.descending = FALSE;
  g_assert_true (dd_task_list_set_query (list, &q, &error));
  q.sort = DD_TASK_SORT_NUMBER;
  g_assert_true (dd_task_list_set_query (list, &q, &error));
  g_assert_cmpuint (dd_task_list_notify_refilled (list, 0, 0), ==, 8);
  dd_task_list_set_notify_later (list, FALSE);
  for (guint i = 0; i < 8; i++)
    {
      g_assert_cmpuint (listeners[i].notified, ==, 2);
      g_assert_cmpint (dd_task_get_id (listeners[i].task), ==, dd_task_list_get_id_at (list, i));
    }

  /* A refresh replaces the items: nothing waits. */
  dd_task_list_set_notify_later (list, TRUE);
  q.descending = TRUE;
  g_assert_true (dd_task_list_set_query (list, &q, &error));
  g_assert_true (dd_task_list_refresh (list, &error));
  g_assert_cmpuint (dd_task_list_notify_refilled (list, 0, 0), ==, 0);
  for (guint i = 0; i < 8; i++)
    g_object_unref (listeners[i].task);
}

typedef struct
{
  GAsyncResult *results[2];
  guint n_done;
} AsyncWait;

static void
on_query_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncWait *wait = user_data;

  g_assert_cmpuint (wait->n_done, <, 2);
  wait->results[wait->n_done++] = g_object_ref (result);
}

/* A query read on the list's worker (a file: a thread and a connection of
 * its own): the list keeps its rows and query until the finish takes the
 * new ones; a second query makes the first out of date, which then
 * changes nothing. */
static void
test_set_query_async (void)
{
  g_autofree char *path = NULL;
  g_autoptr(DdStore) store = dd_test_create_store (&path);
  g_autoptr(GError) error = NULL;
  DdTaskQuery q = query_at ("2026-05-15");
  DdTaskQuery by_title = q;
  DdTaskQuery done = q;
  g_autoptr(DdTaskList) list = NULL;
  g_autoptr(DdTaskList) expected = NULL;
  guint counts[DD_N_STATUSES], expected_counts[DD_N_STATUSES];
  AsyncWait wait = { { NULL, }, 0 };
  guint calls = 0;

  list = dd_store_query_tasks (store, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 8);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &calls);

  by_title.sort = DD_TASK_SORT_TITLE;
  by_title.descending = TRUE;
  by_title.text = "ke hoach";
  done.status = DD_STATUS_DONE_ON_TIME;
  dd_task_list_set_query_async (list, &by_title, NULL, on_query_read, &wait);
  dd_task_list_set_query_async (list, &done, NULL, on_query_read, &wait);
  /* Nothing changes within the calls. */
  g_assert_cmpuint (calls, ==, 0);
  g_assert_cmpint (dd_task_list_get_query (list)->sort, ==, DD_TASK_SORT_NUMBER);
  while (wait.n_done < 2)
    g_main_context_iteration (NULL, TRUE);
  /* Still nothing until a finish takes the ids. */
  g_assert_cmpuint (calls, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 8);

  /* The first was replaced by the second. */
  g_assert_false (dd_task_list_set_query_finish (list, wait.results[0], &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (calls, ==, 0);
  g_assert_cmpint (dd_task_list_get_query (list)->sort, ==, DD_TASK_SORT_NUMBER);

  g_assert_true (dd_task_list_set_query_finish (list, wait.results[1], &error));
  g_assert_no_error (error);
  g_assert_cmpuint (calls, ==, 1);
  g_assert_cmpint (dd_task_list_get_query (list)->status, ==, DD_STATUS_DONE_ON_TIME);

  /* The same tasks and counts as the query read at once. */
  expected = dd_store_query_tasks (store, &done, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (expected)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpint (dd_task_list_get_id_at (list, 0), ==, dd_task_list_get_id_at (expected, 0));
  dd_task_list_get_status_counts (list, counts);
  dd_task_list_get_status_counts (expected, expected_counts);
  g_assert_cmpmem (counts, sizeof counts, expected_counts, sizeof expected_counts);
  g_assert_cmpuint (counts[DD_STATUS_DONE_ON_TIME], ==, 1);
  {
    guint total = 0;

    for (guint i = 0; i < DD_N_STATUSES; i++)
      total += counts[i];
    /* Every status counted, the status filter aside. */
    g_assert_cmpuint (total, ==, 8);
  }

  /* A refresh makes a query being read out of date too. */
  wait.n_done = 0;
  g_clear_object (&wait.results[0]);
  g_clear_object (&wait.results[1]);
  dd_task_list_set_query_async (list, &by_title, NULL, on_query_read, &wait);
  g_assert_true (dd_task_list_refresh (list, &error));
  while (wait.n_done < 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (dd_task_list_set_query_finish (list, wait.results[0], &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (dd_task_list_get_query (list)->status, ==, DD_STATUS_DONE_ON_TIME);
  g_clear_object (&wait.results[0]);

  g_clear_object (&list);
  g_clear_object (&expected);
  g_clear_object (&store);
  dd_test_remove_store_file (path);
}

static guint
count_matching (DdStore    *store,
                const char *text)
{
  g_autoptr(GError) error = NULL;
  DdTaskQuery q = query_at ("2026-05-15");
  g_autoptr(DdTaskList) list = NULL;
  guint counts[DD_N_STATUSES];
  guint total = 0;

  q.text = text;
  list = dd_store_query_tasks (store, &q, &error);
  g_assert_no_error (error);
  /* The status counts read the same index: they must agree with the list. */
  g_assert_true (dd_store_count_by_status (store, &q, counts, &error));
  for (guint i = 0; i < DD_N_STATUSES; i++)
    total += counts[i];
  g_assert_cmpuint (total, ==, g_list_model_get_n_items (G_LIST_MODEL (list)));
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

/* The text filter reads the folded text from an index (0005-performance.sql):
 * a new task, an edit, a reported product, the recycle bin and a restore
 * must all show in the search at once. */
static void
test_search_follows_changes (void)
{
  g_autoptr(DdStore) store = dd_test_new_store (":memory:");
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = NULL;
  g_autoptr(DdTask) again = NULL;
  GDate done;
  gint64 id;

  g_assert_cmpuint (count_matching (store, "quynh luu"), ==, 0);

  /* Insert. */
  task = dd_task_new (1);
  dd_task_set_title (task, "Khảo sát mức độ hài lòng tại Quỳnh Lưu");
  g_assert_true (dd_store_save_task (store, task, &error));
  g_assert_no_error (error);
  id = dd_task_get_id (task);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpuint (count_matching (store, "quynh luu"), ==, 1);
  g_assert_cmpuint (count_matching (store, "QUỲNH   khao"), ==, 1);

  /* Update: the old words go, the new ones come. */
  again = dd_store_get_task (store, id, NULL, &error);
  g_assert_no_error (error);
  dd_task_set_title (again, "Khảo sát mức độ hài lòng tại Diễn Châu");
  g_assert_true (dd_store_save_task (store, again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_matching (store, "quynh luu"), ==, 0);
  g_assert_cmpuint (count_matching (store, "dien chau khao sat"), ==, 1);

  /* A reported product is searchable too. */
  g_date_clear (&done, 1);
  g_date_set_dmy (&done, 10, 5, 2026);
  g_assert_true (dd_store_record_progress (store, id, 100, &done, "Báo cáo số 77/BC-VPUB", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_matching (store, "77/bc-vpub"), ==, 1);

  /* Delete (to the recycle bin), then restore. */
  g_assert_true (dd_store_delete_task (store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_matching (store, "dien chau khao sat"), ==, 0);
  g_assert_cmpuint (count_matching (store, "77/bc-vpub"), ==, 0);
  g_assert_true (dd_store_restore_task (store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_matching (store, "dien chau khao sat"), ==, 1);
  g_assert_cmpuint (count_matching (store, "77/bc-vpub"), ==, 1);
}

/* The task list's queries walk the index of live tasks in the appendix's
 * order (0005-performance.sql) instead of the whole table: checked on the
 * plan SQLite chooses, so that a change of the query that loses the index
 * shows here (the figures are in tests/bench/RESULTS.md). */
static void
test_search_uses_index (void)
{
  g_autoptr(DdStore) store = dd_test_new_store (":memory:");
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) plan = g_string_new (NULL);
  DdTaskQuery q = query_at ("2026-05-15");

  g_assert_true (dd_sql_exec (store, "ANALYZE", &error));
  q.text = "hanh chinh";
  q.status = DD_STATUS_OVERDUE;
  stmt = _dd_store_prepare_task_query (store, &q, "t.id", NULL, &error);
  g_assert_no_error (error);
  {
    g_autofree char *eqp = g_strconcat ("EXPLAIN QUERY PLAN ", sqlite3_sql (stmt), NULL);
    g_autoptr(sqlite3_stmt) explain = dd_sql_prepare (store, eqp, &error);

    g_assert_no_error (error);
    while (sqlite3_step (explain) == SQLITE_ROW)
      g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (explain, 3));
  }
  g_test_message ("%s", plan->str);
  g_assert_nonnull (strstr (plan->str, "COVERING INDEX tasks_live_text"));
  g_assert_null (strstr (plan->str, "TEMP B-TREE"));
}

/* A larger plan: the list holds ids only and reads rows on demand. */
static void
test_many_tasks (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);
  g_autoptr(DdImportedPlan) plan = dd_imported_plan_new ();
  g_autoptr(DdTaskList) list = NULL;
  DdTaskQuery q = query_at ("2026-05-15");
  const guint n = 3000;

  plan->number = g_strdup ("1/KH-LON");
  plan->title = g_strdup ("Kế hoạch lớn");
  for (guint i = 0; i < n; i++)
    {
      DdImportedTask *task = g_new0 (DdImportedTask, 1);
      task->line = i + 1;
      task->number = g_strdup_printf ("%u.", i + 1);
      task->title = g_strdup_printf ("Nhiệm vụ %s số %u", i % 3 == 0 ? "số hóa" : "kiểm tra", i + 1);
      task->lead = g_strdup_printf ("Phòng %u", i % 30);
      task->coordinators = g_ptr_array_new_with_free_func (g_free);
      task->deadline_text = g_strdup ("Thường xuyên");
      g_assert_true (dd_deadline_parse (task->deadline_text, &task->deadline, &error));
      g_ptr_array_add (plan->tasks, task);
    }
  g_assert_true (dd_store_import_plan (store, plan, NULL, &error));
  g_assert_no_error (error);

  list = dd_store_query_tasks (store, &q, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
  q.text = "so hoa";
  g_assert_true (dd_task_list_set_query (list, &q, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n / 3);
  {
    g_autoptr(DdTask) last = g_list_model_get_item (G_LIST_MODEL (list), n / 3 - 1);
    g_assert_cmpstr (dd_task_get_number (last), ==, "2998.");
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/task-list/appendix-order", test_appendix_order);
  g_test_add_func ("/core/task-list/search-ignores-diacritics", test_search_ignores_diacritics);
  g_test_add_func ("/core/task-list/filter-unit-status", test_filter_unit_status);
  g_test_add_func ("/core/task-list/filter-lead-only", test_filter_lead_only);
  g_test_add_func ("/core/task-list/sort", test_sort);
  g_test_add_func ("/core/task-list/refresh-after-change", test_refresh_after_change);
  g_test_add_func ("/core/task-list/set-query-async", test_set_query_async);
  g_test_add_func ("/core/task-list/sort-progress", test_sort_progress);
  g_test_add_func ("/core/task-list/refill-items", test_refill_items);
  g_test_add_func ("/core/task-list/refill-notify-later", test_refill_notify_later);
  g_test_add_func ("/core/task-list/many-tasks", test_many_tasks);
  g_test_add_func ("/core/task-list/search-follows-changes", test_search_follows_changes);
  g_test_add_func ("/core/task-list/search-uses-index", test_search_uses_index);
  return g_test_run ();
}
