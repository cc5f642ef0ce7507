/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How long the task list takes over the large database
 * (dd-bench-generate): the figures that "responsive with 100,000 tasks" is
 * judged by. A keystroke in the search field costs what the window does
 * for it: the list's query, the first screenful of rows, and the status
 * counts of the status bar. Not a test: no assertion on time.
 *
 * Usage: bench-task-list DB [AS_OF] */
#include "config.h"

#include "dd-store-private.h"
#include "dd-bench.h"

#define RUNS 7

static DdTaskList *list;
static DdStore *store;

/* What the window does for one change of the filters. */
static guint
run_query (const DdTaskQuery *q)
{
  guint counts[DD_N_STATUSES];
  guint n;

  g_assert_true (dd_task_list_set_query (list, q, NULL));
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  /* A screenful of rows, as the view binds them. */
  for (guint i = 0; i < MIN (n, 40); i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
  g_assert_true (dd_store_count_by_status (store, q, counts, NULL));
  return n;
}

static void
measure (const char        *key,
         const char        *label,
         const DdTaskQuery *q)
{
  double times[RUNS];
  guint n = 0;

  for (int run = 0; run < RUNS; run++)
    {
      double t0 = dd_bench_now_ms ();

      n = run_query (q);
      times[run] = dd_bench_now_ms () - t0;
    }
  {
    g_autofree char *l = g_strdup_printf ("%s (%u tasks)", label, n);
    dd_bench_result (key, l, dd_bench_median (times, RUNS), "ms");
  }
}

/* Typing @text one character at a time: each prefix is a keystroke. The
 * median over the keystrokes of the medians, and the slowest keystroke. */
static void
measure_typing (const char  *key,
                DdTaskQuery *q,
                const char  *text)
{
  g_autoptr(GArray) per_key = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *label = NULL;
  g_autofree char *key_max = g_strconcat (key, "_max", NULL);
  g_autofree char *label_max = NULL;
  double median, max;

  for (const char *end = g_utf8_next_char (text); ; end = g_utf8_next_char (end))
    {
      g_autofree char *prefix = g_strndup (text, (gsize) (end - text));
      double times[RUNS];
      double m;
      guint n = 0;

      q->text = prefix;
      for (int run = 0; run < RUNS; run++)
        {
          double t0 = dd_bench_now_ms ();

          n = run_query (q);
          times[run] = dd_bench_now_ms () - t0;
        }
      m = dd_bench_median (times, RUNS);
      g_array_append_val (per_key, m);
      /* Each keystroke's own figure, to find a slow one. */
      printf ("  keystroke \"%s\": %.2f ms (%u tasks)\n", prefix, m, n);
      if (*end == '\0')
        break;
    }
  q->text = NULL;
  max = dd_bench_max ((double *) (void *) per_key->data, per_key->len);
  median = dd_bench_median ((double *) (void *) per_key->data, per_key->len);
  label = g_strdup_printf ("typing \"%s\": median keystroke", text);
  label_max = g_strdup_printf ("typing \"%s\": slowest keystroke", text);
  dd_bench_result (key, label, median, "ms");
  dd_bench_result (key_max, label_max, max, "ms");
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  DdTaskQuery q;

  if (argc < 2)
    {
      g_printerr ("Usage: %s DB [AS_OF]  (DB from dd-bench-generate)\n", argv[0]);
      return 2;
    }
  store = dd_store_open (argv[1], DD_STORE_OPEN_EXISTING, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  dd_task_query_init (&q);
  g_assert_true (dd_date_parse_iso (argc > 2 ? argv[2] : "2026-11-25", &q.as_of));
  q.due_soon_days = dd_store_get_due_soon_days (store, NULL);
  list = dd_store_query_tasks (store, &q, &error);
  g_assert_no_error (error);

  g_print ("| query (median of %d; list + 40 rows + status counts) | time |\n|---|---:|\n", RUNS);
  measure ("list_all", "all tasks, appendix order", &q);
  q.text = "so hoa";
  measure ("list_text", "text \"so hoa\"", &q);
  q.text = "ho so kiem tra quynh luu";
  measure ("list_text_words", "text, five words", &q);
  q.text = NULL;
  measure_typing ("list_typing", &q, "hành chính");
  measure_typing ("list_typing_ascii", &q, "quynh luu");
  q.status = DD_STATUS_OVERDUE;
  measure ("list_status", "status overdue", &q);
  q.text = "hanh chinh";
  measure ("list_status_text", "status overdue and text", &q);
  q.text = NULL;
  q.status = -1;
  q.unit_id = 5;
  measure ("list_unit", "one unit (lead or coordinator)", &q);
  q.unit_id = 0;
  q.sort = DD_TASK_SORT_TITLE;
  measure ("list_sort_title", "sorted by title (Vietnamese order)", &q);
  q.sort = DD_TASK_SORT_LEAD;
  measure ("list_sort_lead", "sorted by lead unit", &q);
  q.sort = DD_TASK_SORT_STATUS;
  measure ("list_sort_status", "sorted by status", &q);
  q.sort = DD_TASK_SORT_DEADLINE;
  measure ("list_sort_deadline", "sorted by deadline", &q);
  q.sort = DD_TASK_SORT_NUMBER;

  /* Scrolling: rows are read when a view binds them, a screenful at a time. */
  {
    guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
    double times[RUNS];

    for (int run = 0; run < RUNS; run++)
      {
        double t0 = dd_bench_now_ms ();

        for (guint i = 0; i < 40; i++)
          g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), (n / 2 + (guint) run * 997 + i) % n));
        times[run] = dd_bench_now_ms () - t0;
      }
    dd_bench_result ("list_scroll_page", "scrolling: one screenful (40 rows) read", dd_bench_median (times, RUNS), "ms");
  }

  g_clear_object (&list);
  g_clear_object (&store);
  return 0;
}
