/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-calendar-async"

#include "config.h"

#include "dd-calendar-private.h"

/*
 * dd_calendar_list_entries_async(): the deadline calendar read on a worker
 * of the calendar's own (a thread and a connection to the same file, made
 * by the first load), for the calendar page: on a file of years of plans
 * a month's listing reads tens of thousands of occurrences, which a frame
 * must not wait for.
 *
 * The job lists through a second DdCalendar, of the worker's connection,
 * made by the first job and kept in the calendar (DdCalendarLoads) for the
 * next ones: the loads run one after the other on the worker's thread, so
 * that calendar is used by one thread only, and it keeps the occurrences
 * of the range it listed last as long as its connection sees no commit
 * (a commit of the store, or of another desktop, is another connection's
 * for it: PRAGMA data_version). Going back and forth between two views of
 * the same range reads nothing again.
 *
 * A server's store has no file to open a second connection to: its loads
 * run as an export does (DD_STORE_WORKER_LONG), on the worker's thread, on
 * a connection made for each load (which reads the server as it is then),
 * each through a calendar of that connection. On the main thread, they
 * held the window's calendar page still for half a second on the
 * 100,000-task office (bench-gui).
 */

typedef struct
{
  GDate from;
  GDate to;
  GDate as_of;                  /* cleared: today on the worker */
  GCompareFunc compare;
  DdCalendarLoads *loads;       /* the calendar's, which the load holds */
} ListData;

typedef struct
{
  GPtrArray *entries;
  DdWorkdays *workdays;
} ListResult;

static void
list_result_free (ListResult *result)
{
  g_clear_pointer (&result->entries, g_ptr_array_unref);
  g_clear_object (&result->workdays);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ListResult, list_result_free)

/* The job: on the worker's thread, through its connection. */
static gpointer
list_entries_job (DdStore       *connection,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  const ListData *list = data;
  g_autoptr(ListResult) result = g_new0 (ListResult, 1);

  if (list->loads->remote == NULL)
    list->loads->remote = dd_calendar_new (connection);

  result->workdays = dd_calendar_get_workdays (list->loads->remote, error);
  if (result->workdays != NULL)
    result->entries = dd_calendar_list_entries (list->loads->remote, &list->from, &list->to,
                                                dd_date_is_set (&list->as_of) ? &list->as_of : NULL, error);
  /* On a server, each load has a connection of its own, let go with its
   * calendar now (it holds a snapshot of the server's open). */
  if (_dd_store_has_remote_tables (connection))
    g_clear_object (&list->loads->remote);
  if (result->entries == NULL)
    return NULL;
  if (list->compare != NULL)
    g_ptr_array_sort (result->entries, list->compare);
  return g_steal_pointer (&result);
}

static void
on_list_entries_done_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  ListResult *listed = dd_store_worker_run_finish (DD_STORE_WORKER (source), result, &error);

  if (listed == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, listed, (GDestroyNotify) list_result_free);
}

/* Public API */

/**
 * dd_calendar_list_entries_async:
 * @self: the calendar of a store
 * @from: first day
 * @to: last day
 * @as_of: (nullable): the reference date (today when %NULL)
 * @compare: (nullable): the order of the entries given, for
 *   g_ptr_array_sort() on #DdCalendarEntry pointers (sorted on the
 *   worker's thread: it must use nothing but the entries); %NULL: by date,
 *   then task, as dd_calendar_list_entries() gives them
 * @cancellable: (nullable): drops the result
 * @callback: called on this thread once the entries are read
 * @user_data: for @callback
 *
 * dd_calendar_list_entries() on a thread and a connection of the
 * calendar's own, made by the first call; the loads run one after the
 * other, in the order asked for. A load cancelled before it ran reads
 * nothing: cancel the one asked for before to ask for another range.
 * Call it on the store's thread.
 */
void
dd_calendar_list_entries_async (DdCalendar          *self,
                                const GDate         *from,
                                const GDate         *to,
                                const GDate         *as_of,
                                GCompareFunc         compare,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DdCalendarLoads *loads;
  ListData *list;

  g_return_if_fail (DD_IS_CALENDAR (self));
  g_return_if_fail (dd_date_is_set (from) && dd_date_is_set (to));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  loads = _dd_calendar_get_loads (self);
  if (loads->worker == NULL)
    loads->worker = dd_store_worker_new (dd_calendar_get_store (self), DD_STORE_WORKER_READS | DD_STORE_WORKER_LONG);

  list = g_new0 (ListData, 1);
  list->from = *from;
  list->to = *to;
  g_date_clear (&list->as_of, 1);
  if (dd_date_is_set (as_of))
    list->as_of = *as_of;
  list->compare = compare;
  list->loads = loads;

  /* The task holds the calendar, and with it the loads' calendar, until
   * the end of the load came back. */
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_calendar_list_entries_async);
  g_task_set_name (task, "[dondoc] list calendar entries");
  dd_store_worker_run_async (loads->worker, list_entries_job, list, g_free, (GDestroyNotify) list_result_free,
                             cancellable, on_list_entries_done_cb, g_steal_pointer (&task));
}

/**
 * dd_calendar_list_entries_finish:
 * @self: the calendar of a store
 * @result: the result given to the callback
 * @out_workdays: (out) (optional) (transfer full): the working-day
 *   calendar the entries were judged by (dd_calendar_get_workdays(), read
 *   with them)
 * @error: %DD_STORE_ERROR, or %G_IO_ERROR_CANCELLED when the load was
 *   cancelled
 *
 * Returns: (transfer full) (element-type DdCalendarEntry): what
 *   dd_calendar_list_entries() gives, in the order asked for, or %NULL
 *   with @error set
 */
GPtrArray *
dd_calendar_list_entries_finish (DdCalendar    *self,
                                 GAsyncResult  *result,
                                 DdWorkdays   **out_workdays,
                                 GError       **error)
{
  g_autoptr(ListResult) listed = NULL;

  g_return_val_if_fail (DD_IS_CALENDAR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  listed = g_task_propagate_pointer (G_TASK (result), error);
  if (listed == NULL)
    return NULL;
  if (out_workdays != NULL)
    *out_workdays = g_steal_pointer (&listed->workdays);
  return g_steal_pointer (&listed->entries);
}
