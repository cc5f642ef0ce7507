/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Prints how long the task list takes over a large plan: the figures that
 * "responsive with 100,000 tasks" is judged by. Not a test: no assertion on
 * time. Usage: bench-task-list [N_TASKS] */
#include "config.h"

#include <stdlib.h>
#include <glib/gstdio.h>

#include "dd-store-private.h"

static const char * const words[] = {
  "Rà soát", "thủ tục hành chính", "số hóa", "hồ sơ", "kiểm tra", "công vụ", "báo cáo",
  "chuyển đổi số", "kỷ luật", "tuyên truyền", "đào tạo", "quy chế", "phối hợp",
};
static const char * const deadlines[] = {
  "Trước 30/4/2026", "Thường xuyên", "Định kỳ", "Theo quy định của Pháp luật",
  "Theo Kế hoạch của Sở Nội vụ", "Quý II/2026", "Tháng 9/2026", "Năm 2026", "Trước 15/12/2026",
};

static double
median (GArray *times)
{
  for (guint i = 0; i < times->len; i++)
    for (guint j = i + 1; j < times->len; j++)
      if (g_array_index (times, double, j) < g_array_index (times, double, i))
        {
          double t = g_array_index (times, double, i);
          g_array_index (times, double, i) = g_array_index (times, double, j);
          g_array_index (times, double, j) = t;
        }
  return g_array_index (times, double, times->len / 2);
}

static void
measure (DdTaskList        *list,
         const char        *what,
         const DdTaskQuery *q)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  guint n = 0;

  for (int run = 0; run < 7; run++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      g_assert_true (dd_task_list_set_query (list, q, NULL));
      n = g_list_model_get_n_items (G_LIST_MODEL (list));
      /* A screenful of rows, as the view binds them. */
      for (guint i = 0; i < MIN (n, 40); i++)
        g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }
  g_print ("| %-40s | %7u | %8.1f ms |\n", what, n, median (times));
}

int
main (int argc, char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dondoc-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.sqlite", NULL);
  g_autoptr(DdStore) store = dd_store_open (path, DD_STORE_OPEN_CREATE, &error);
  g_autoptr(DdTaskList) list = NULL;
  GRand *rand = g_rand_new_with_seed (662);
  DdTaskQuery q;
  gint64 start;
  guint per_plan = 200;

  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  for (guint p = 0; p * per_plan < n; p++)
    {
      g_autoptr(DdImportedPlan) plan = dd_imported_plan_new ();

      plan->number = g_strdup_printf ("%u/KH-BENCH", p + 1);
      plan->title = g_strdup_printf ("Kế hoạch thử số %u", p + 1);
      for (guint i = 0; i < per_plan && p * per_plan + i < n; i++)
        {
          DdImportedTask *task = g_new0 (DdImportedTask, 1);

          task->line = i + 1;
          task->number = g_strdup_printf ("%u.", i + 1);
          task->title = g_strdup_printf ("%s %s và %s, đợt %u",
                                         words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                                         words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                                         words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))], i);
          task->lead = g_strdup_printf ("Phòng số %u", g_rand_int_range (rand, 0, 300));
          task->coordinators = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (task->coordinators, g_strdup_printf ("Phòng số %u", g_rand_int_range (rand, 0, 300)));
          task->deadline_text = g_strdup (deadlines[g_rand_int_range (rand, 0, G_N_ELEMENTS (deadlines))]);
          task->product = g_strdup ("Báo cáo kết quả");
          task->directing = g_strdup ("Thủ trưởng cơ quan");
          g_assert_true (dd_deadline_parse (task->deadline_text, &task->deadline, NULL));
          g_ptr_array_add (plan->tasks, task);
        }
      g_assert_true (dd_store_import_plan (store, plan, NULL, &error));
    }
  g_print ("Made %u tasks in %.1f s (%s)\n\n", n, (g_get_monotonic_time () - start) / 1e6, path);

  dd_task_query_init (&q);
  g_assert_true (dd_date_parse_iso ("2026-05-15", &q.as_of));
  list = dd_store_query_tasks (store, &q, &error);

  g_print ("| query (median of 7, with 40 rows read) | matches | time |\n|---|---:|---:|\n");
  measure (list, "all tasks, appendix order", &q);
  q.text = "so hoa";
  measure (list, "text \"so hoa\"", &q);
  q.text = "ho so kiem tra dot 17";
  measure (list, "text, five words", &q);
  q.text = NULL;
  q.status = DD_STATUS_OVERDUE;
  measure (list, "status overdue", &q);
  q.status = -1;
  q.unit_id = 5;
  measure (list, "one unit (lead or coordinator)", &q);
  q.unit_id = 0;
  q.sort = DD_TASK_SORT_TITLE;
  measure (list, "sorted by title (Vietnamese order)", &q);
  q.sort = DD_TASK_SORT_LEAD;
  measure (list, "sorted by lead unit", &q);
  q.sort = DD_TASK_SORT_STATUS;
  measure (list, "sorted by status", &q);
  q.sort = DD_TASK_SORT_PRODUCT;
  measure (list, "sorted by product", &q);
  {
    guint counts[DD_N_STATUSES];
    g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
    for (int run = 0; run < 7; run++)
      {
        gint64 t = g_get_monotonic_time ();
        double ms;
        dd_store_count_by_status (store, &q, counts, NULL);
        ms = (g_get_monotonic_time () - t) / 1000.0;
        g_array_append_val (times, ms);
      }
    g_print ("| %-40s | %7s | %8.1f ms |\n", "counts by status", "-", median (times));
  }

  g_clear_object (&list);
  g_clear_object (&store);
  g_unlink (path);
  g_rmdir (dir);
  g_rand_free (rand);
  return 0;
}
