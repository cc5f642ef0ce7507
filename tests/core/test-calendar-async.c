/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-calendar-async"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dd-store-private.h"
#include "dd-test-core.h"

/*
 * dd_calendar_list_entries_async() over plan 662/KH-VPUB, June 2026 judged
 * on 01/07/2026, on a file (a thread and a connection of the calendar's
 * own) and in memory (the jobs on the main thread, on the store itself):
 *
 *   - a load gives what dd_calendar_list_entries() gives, and the
 *     working-day calendar the entries were judged by;
 *   - @compare orders what it gives;
 *   - a write in between, of this connection or of another one on the same
 *     file, is seen by the next load (the worker's calendar keeps the
 *     month it listed, but not past a commit);
 *   - of loads asked for one after the other, a cancelled one gives
 *     G_IO_ERROR_CANCELLED and the others their own ranges.
 */

typedef struct
{
  GPtrArray *entries;
  DdWorkdays *workdays;
  GError *error;
  gboolean done;
} Load;

static void
on_entries_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Load *load = user_data;

  load->entries = dd_calendar_list_entries_finish (DD_CALENDAR (source), result, &load->workdays, &load->error);
  load->done = TRUE;
}

static void
load_start (DdCalendar   *calendar,
            const char   *from,
            const char   *to,
            const GDate  *as_of,
            GCompareFunc  compare,
            GCancellable *cancellable,
            Load         *load)
{
  GDate first = dd_test_date (from);
  GDate last = dd_test_date (to);

  memset (load, 0, sizeof *load);
  dd_calendar_list_entries_async (calendar, &first, &last, as_of, compare, cancellable, on_entries_cb, load);
  /* Never at once: the callback comes from the main loop. */
  g_assert_false (load->done);
}

static void
load_wait (Load *load)
{
  while (!load->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
load_clear (Load *load)
{
  g_clear_pointer (&load->entries, g_ptr_array_unref);
  g_clear_object (&load->workdays);
  g_clear_error (&load->error);
}

/* Loads and waits; fails the test on an error. (transfer full) */
static GPtrArray *
load_entries (DdCalendar  *calendar,
              const char  *from,
              const char  *to,
              const GDate *as_of)
{
  Load load;
  GPtrArray *entries;

  load_start (calendar, from, to, as_of, NULL, NULL, &load);
  load_wait (&load);
  g_assert_no_error (load.error);
  g_assert_nonnull (load.entries);
  g_assert_nonnull (load.workdays);
  entries = g_steal_pointer (&load.entries);
  load_clear (&load);
  return entries;
}

static GPtrArray *
list_entries (DdStore     *store,
              const char  *from,
              const char  *to,
              const GDate *as_of)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCalendar) calendar = dd_calendar_new (store);
  GDate first = dd_test_date (from);
  GDate last = dd_test_date (to);
  GPtrArray *entries = dd_calendar_list_entries (calendar, &first, &last, as_of, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

static void
assert_same_entries (GPtrArray *expected,
                     GPtrArray *actual)
{
  g_assert_cmpuint (actual->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      const DdCalendarEntry *x = g_ptr_array_index (expected, i);
      const DdCalendarEntry *y = g_ptr_array_index (actual, i);

      g_assert_cmpint (y->task_id, ==, x->task_id);
      g_assert_cmpint (g_date_compare (&y->date, &x->date), ==, 0);
      g_assert_cmpint (y->status, ==, x->status);
      g_assert_cmpint (y->kind, ==, x->kind);
      g_assert_cmpstr (y->title, ==, x->title);
      g_assert_cmpstr (y->occurrence, ==, x->occurrence);
      g_assert_cmpstr (y->lead, ==, x->lead);
    }
}

/* The status of @task_id's occurrence of @kind in @entries, or -1. */
static int
entry_status (GPtrArray        *entries,
              gint64            task_id,
              DdOccurrenceKind  kind)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const DdCalendarEntry *e = g_ptr_array_index (entries, i);

      if (e->task_id == task_id && e->occurrence != NULL && e->kind == kind)
        return (int) e->status;
    }
  return -1;
}

/* Latest task first: an order unlike the listing's. */
static int
compare_task_descending (gconstpointer a,
                         gconstpointer b)
{
  const DdCalendarEntry *x = *(const DdCalendarEntry * const *) a;
  const DdCalendarEntry *y = *(const DdCalendarEntry * const *) b;

  return (y->task_id > x->task_id) - (y->task_id < x->task_id);
}

static void
check_async (DdStore    *store,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCalendar) calendar = dd_calendar_new (store);
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 plan_id = dd_sql_query_int64 (store, "SELECT id FROM plans LIMIT 1", 0);
  gint64 task8 = _dd_store_find_task_by_number (store, plan_id, "8.");
  GDate as_of = dd_test_date ("2026-07-01");
  GDate reported = dd_test_date ("2026-06-12");
  GDate tet = dd_test_date ("2026-02-17");
  Load first, second, third;

  /* The load equals the call, and not on nothing: task 8's Q2 and 6-month
   * reports are due in June, forgotten on 1/7. */
  entries = load_entries (calendar, "2026-06-01", "2026-06-30", &as_of);
  expected = list_entries (store, "2026-06-01", "2026-06-30", &as_of);
  g_assert_cmpuint (expected->len, >, 2);
  assert_same_entries (expected, entries);
  g_assert_cmpint (entry_status (entries, task8, DD_OCCURRENCE_QUARTER), ==, DD_STATUS_FORGOTTEN);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* With the working days it was judged by (Tết is off), and sorted as
   * asked. */
  load_start (calendar, "2026-06-01", "2026-06-30", &as_of, compare_task_descending, NULL, &first);
  load_wait (&first);
  g_assert_no_error (first.error);
  g_assert_false (dd_workdays_is_working_day (first.workdays, &tet));
  g_assert_cmpuint (first.entries->len, ==, expected->len);
  for (guint i = 1; i < first.entries->len; i++)
    g_assert_cmpint (((DdCalendarEntry *) g_ptr_array_index (first.entries, i - 1))->task_id, >=,
                     ((DdCalendarEntry *) g_ptr_array_index (first.entries, i))->task_id);
  load_clear (&first);

  /* This connection's write, then another desktop's: each seen by the
   * next load of the same month. */
  g_assert_true (dd_store_record_report (store, task8, DD_OCCURRENCE_QUARTER, 2026, 2, &reported, NULL, NULL,
                                         &error));
  g_assert_no_error (error);
  entries = load_entries (calendar, "2026-06-01", "2026-06-30", &as_of);
  g_assert_cmpint (entry_status (entries, task8, DD_OCCURRENCE_QUARTER), ==, DD_STATUS_DONE_ON_TIME);
  g_assert_cmpint (entry_status (entries, task8, DD_OCCURRENCE_HALF_YEAR), ==, DD_STATUS_FORGOTTEN);
  g_clear_pointer (&entries, g_ptr_array_unref);
  if (path != NULL)
    {
      g_autoptr(DdStore) other = dd_test_open_other (path, NULL);

      g_assert_true (dd_store_record_report (other, task8, DD_OCCURRENCE_HALF_YEAR, 2026, 1, &reported, NULL,
                                             NULL, &error));
      g_assert_no_error (error);
      entries = load_entries (calendar, "2026-06-01", "2026-06-30", &as_of);
      g_assert_cmpint (entry_status (entries, task8, DD_OCCURRENCE_HALF_YEAR), ==, DD_STATUS_DONE_ON_TIME);
      g_clear_pointer (&entries, g_ptr_array_unref);
    }

  /* Three loads at once, the first cancelled: the others give their own
   * ranges, as the call does. */
  load_start (calendar, "2026-05-01", "2026-05-31", &as_of, NULL, cancellable, &first);
  load_start (calendar, "2026-09-01", "2026-09-30", &as_of, NULL, NULL, &second);
  load_start (calendar, "2026-06-01", "2026-06-30", &as_of, NULL, NULL, &third);
  g_cancellable_cancel (cancellable);
  load_wait (&first);
  load_wait (&second);
  load_wait (&third);
  g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (first.entries);
  g_assert_null (first.workdays);
  g_assert_no_error (second.error);
  g_assert_no_error (third.error);
  {
    g_autoptr(GPtrArray) september = list_entries (store, "2026-09-01", "2026-09-30", &as_of);
    g_autoptr(GPtrArray) june = list_entries (store, "2026-06-01", "2026-06-30", &as_of);

    g_assert_cmpuint (september->len, >, 0);
    assert_same_entries (september, second.entries);
    assert_same_entries (june, third.entries);
  }
  load_clear (&first);
  load_clear (&second);
  load_clear (&third);

  /* Gone with the calendar: its worker and the worker's calendar with it,
   * the store too once the caller lets it go. */
  g_assert_finalize_object (g_steal_pointer (&calendar));
}

static void
test_async_memory (void)
{
  g_autoptr(DdStore) store = dd_test_new_store (":memory:");

  check_async (store, NULL);
}

static void
test_async_file (void)
{
  g_autofree char *path = NULL;
  DdStore *store = dd_test_create_store (&path);

  check_async (store, path);
  g_assert_finalize_object (store);
  dd_test_remove_store_file (path);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/calendar/async/memory", test_async_memory);
  g_test_add_func ("/core/calendar/async/file", test_async_file);

  return g_test_run ();
}
