/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-history-async"

#include "config.h"

#include <string.h>

#include "dd-store-private.h"
#include "dd-test-core.h"

/*
 * The history read on a worker of the DdHistory's own
 * (dd_history_query_async(), _list_people_async(), _list_units_async()),
 * on a file (a thread and a connection) and in memory (the jobs on the
 * main thread, on the store itself):
 *
 *   - each gives what its call gives, the query's filters and pages too;
 *   - the units a query read with its entries are kept, so the changes of
 *     the entries are said without reading the units on the main thread;
 *   - a write in between, from this connection or another desktop on the
 *     same file, is seen by the next read;
 *   - a cancelled read gives G_IO_ERROR_CANCELLED.
 */

typedef struct
{
  gpointer value;
  GError *error;
  gboolean done;
} Wait;

static void
on_query_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *wait = user_data;

  wait->value = dd_history_query_finish (DD_HISTORY (source), result, &wait->error);
  wait->done = TRUE;
}

static void
on_people_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;

  wait->value = dd_history_list_people_finish (DD_HISTORY (source), result, &wait->error);
  wait->done = TRUE;
}

static void
on_units_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *wait = user_data;

  wait->value = dd_history_list_units_finish (DD_HISTORY (source), result, &wait->error);
  wait->done = TRUE;
}

/* Waits for @wait; the callback never comes at once. */
static gpointer
wait_for (Wait    *wait,
          GError **error)
{
  g_assert_false (wait->done);
  while (!wait->done)
    g_main_context_iteration (NULL, TRUE);
  if (wait->error != NULL)
    g_propagate_error (error, wait->error);
  return wait->value;
}

static GPtrArray *
query_async (DdHistory            *history,
             const DdHistoryQuery *query,
             GCancellable         *cancellable,
             GError              **error)
{
  Wait wait = { NULL, NULL, FALSE };

  dd_history_query_async (history, query, cancellable, on_query_cb, &wait);
  return wait_for (&wait, error);
}

static GPtrArray *
people_async (DdHistory     *history,
              GCancellable  *cancellable,
              GError       **error)
{
  Wait wait = { NULL, NULL, FALSE };

  dd_history_list_people_async (history, cancellable, on_people_cb, &wait);
  return wait_for (&wait, error);
}

static GListModel *
units_async (DdHistory     *history,
             GCancellable  *cancellable,
             GError       **error)
{
  Wait wait = { NULL, NULL, FALSE };

  dd_history_list_units_async (history, cancellable, on_units_cb, &wait);
  return wait_for (&wait, error);
}

static GPtrArray *
query_sync (DdHistory            *history,
            const DdHistoryQuery *query)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = dd_history_query (history, query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

static void
assert_same_entries (GPtrArray *expected,
                     GPtrArray *actual)
{
  g_assert_nonnull (actual);
  g_assert_cmpuint (actual->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      const DdAuditEntry *a = expected->pdata[i];
      const DdAuditEntry *b = actual->pdata[i];

      g_assert_cmpint (b->id, ==, a->id);
      g_assert_cmpstr (b->at, ==, a->at);
      g_assert_cmpstr (b->user, ==, a->user);
      g_assert_cmpstr (b->table_name, ==, a->table_name);
      g_assert_cmpint (b->row_id, ==, a->row_id);
      g_assert_cmpint (b->task_id, ==, a->task_id);
      g_assert_cmpstr (b->action, ==, a->action);
      g_assert_cmpstr (b->old_values, ==, a->old_values);
      g_assert_cmpstr (b->new_values, ==, a->new_values);
      g_assert_cmpstr (b->display_name, ==, a->display_name);
      g_assert_cmpstr (b->task_number, ==, a->task_number);
    }
}

static void
assert_same_units (GListModel *expected,
                   GListModel *actual)
{
  g_assert_nonnull (actual);
  g_assert_cmpuint (g_list_model_get_n_items (actual), ==, g_list_model_get_n_items (expected));
  for (guint i = 0; i < g_list_model_get_n_items (expected); i++)
    {
      g_autoptr(DdUnit) a = g_list_model_get_item (expected, i);
      g_autoptr(DdUnit) b = g_list_model_get_item (actual, i);

      g_assert_cmpint (dd_unit_get_id (b), ==, dd_unit_get_id (a));
      g_assert_cmpstr (dd_unit_get_name (b), ==, dd_unit_get_name (a));
      g_assert_cmpint (dd_unit_get_is_group (b), ==, dd_unit_get_is_group (a));
    }
}

/* The statements the store's own connection runs that read the units. */
static int
on_trace_cb (unsigned  type,
             void     *data,
             void     *stmt,
             void     *sql)
{
  guint *n_unit_reads = data;
  const char *text = sqlite3_sql (stmt);

  if (text != NULL && strstr (text, "FROM units") != NULL)
    (*n_unit_reads)++;
  return 0;
}

/* The changes of @entries said by @history, into one list of "subject:
 * label: old → new" lines; @out_unit_reads: how many times the units were
 * read for them on the store's connection. */
static char *
dup_changes (DdStore   *store,
             DdHistory *history,
             GPtrArray *entries,
             guint     *out_unit_reads)
{
  sqlite3 *db = _dd_store_get_db (store);
  g_autoptr(GString) text = g_string_new (NULL);

  *out_unit_reads = 0;
  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, on_trace_cb, out_unit_reads);
  for (guint i = 0; i < entries->len; i++)
    {
      g_autoptr(GPtrArray) changes = dd_history_list_changes (history, entries->pdata[i], NULL);

      g_assert_nonnull (changes);

      for (guint j = 0; j < changes->len; j++)
        {
          const DdAuditChange *change = changes->pdata[j];

          g_string_append_printf (text, "%s: %s: %s → %s\n", change->subject, change->label,
                                  change->old_value, change->new_value);
        }
    }
  sqlite3_trace_v2 (db, 0, NULL, NULL);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
save_product (DdStore    *store,
              gint64      task_id,
              const char *product)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = dd_store_get_task (store, task_id, NULL, &error);
  g_autoptr(DdTask) copy = NULL;

  g_assert_no_error (error);
  copy = dd_task_copy (task);
  dd_task_set_product (copy, product);
  dd_store_save_task (store, copy, &error);
  g_assert_no_error (error);
}

/* A write of @writer (a unit renamed, a task saved) is seen by the next
 * reads of @history: the newest entry, the unit's name in its changes and
 * in the units. */
static void
check_write_seen (DdStore    *store,
                  DdHistory  *history,
                  DdStore    *writer,
                  const char *old_name,
                  const char *new_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdHistory) reference = dd_history_new (store);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GListModel) expected_units = NULL;
  g_autofree char *changes = NULL;
  g_autofree char *expected_changes = NULL;
  gint64 unit_id = dd_test_unit_id (writer, old_name);
  DdHistoryQuery query;
  guint n_unit_reads;

  dd_history_query_init (&query);
  query.limit = 5;
  before = query_async (history, &query, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (dd_store_rename_unit (writer, unit_id, new_name, &error));
  g_assert_no_error (error);
  save_product (writer, 1, "Sản phẩm đã đổi");

  after = query_async (history, &query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((DdAuditEntry *) after->pdata[0])->id, >, ((DdAuditEntry *) before->pdata[0])->id);
  expected = query_sync (reference, &query);
  assert_same_entries (expected, after);

  /* The rename in words, said with the units read by the query. */
  changes = dup_changes (store, history, after, &n_unit_reads);
  g_assert_cmpuint (n_unit_reads, ==, 0);
  expected_changes = dup_changes (store, reference, expected, &n_unit_reads);
  g_assert_cmpstr (changes, ==, expected_changes);
  g_assert_nonnull (strstr (changes, new_name));

  units = units_async (history, NULL, &error);
  g_assert_no_error (error);
  expected_units = dd_store_list_units (store, 0, &error);
  g_assert_no_error (error);
  assert_same_units (expected_units, units);
}

static void
check_async (DdStore    *store,
             const char *path)
{
  g_autoptr(DdHistory) history = dd_history_new (store);
  g_autoptr(DdHistory) reference = dd_history_new (store);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) expected_people = NULL;
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GListModel) expected_units = NULL;
  g_autofree char *changes = NULL;
  g_autofree char *expected_changes = NULL;
  DdHistoryQuery query;
  guint n_unit_reads;

  save_product (store, 2, "Báo cáo kết quả");
  save_product (store, 3, "Quyết định ban hành");

  /* The whole log, newest first; then a filtered page. */
  dd_history_query_init (&query);
  entries = query_async (history, &query, NULL, &error);
  g_assert_no_error (error);
  expected = query_sync (reference, &query);
  g_assert_cmpuint (expected->len, >, 10);
  assert_same_entries (expected, entries);

  /* The query's text and times are the caller's: copied. */
  {
    g_autoptr(GPtrArray) page = NULL;
    g_autoptr(GPtrArray) expected_page = NULL;
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    Wait wait = { NULL, NULL, FALSE };
    DdHistoryQuery filtered;

    dd_history_query_init (&filtered);
    filtered.user = g_strdup (g_get_user_name ());
    filtered.from = g_date_time_add_hours (now, -1);
    filtered.to = g_date_time_add_hours (now, 1);
    filtered.limit = 3;
    filtered.before_id = ((DdAuditEntry *) expected->pdata[1])->id;
    expected_page = query_sync (reference, &filtered);
    g_assert_cmpuint (expected_page->len, ==, 3);
    dd_history_query_async (history, &filtered, NULL, on_query_cb, &wait);
    g_free ((char *) filtered.user);
    g_date_time_unref (filtered.from);
    g_date_time_unref (filtered.to);
    page = wait_for (&wait, &error);
    g_assert_no_error (error);
    assert_same_entries (expected_page, page);
  }

  /* The first query read the units with the entries: the changes are
   * said without reading them here, as the calls say them. */
  changes = dup_changes (store, history, entries, &n_unit_reads);
  g_assert_cmpuint (n_unit_reads, ==, 0);
  expected_changes = dup_changes (store, reference, expected, &n_unit_reads);
  g_assert_cmpuint (n_unit_reads, >, 0);
  g_assert_cmpstr (changes, ==, expected_changes);

  people = people_async (history, NULL, &error);
  g_assert_no_error (error);
  expected_people = dd_history_list_people (reference, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, expected_people->len);
  g_assert_cmpuint (people->len, >, 0);
  for (guint i = 0; i < people->len; i++)
    {
      g_assert_cmpstr (((DdHistoryPerson *) people->pdata[i])->account, ==,
                       ((DdHistoryPerson *) expected_people->pdata[i])->account);
      g_assert_cmpstr (((DdHistoryPerson *) people->pdata[i])->display_name, ==,
                       ((DdHistoryPerson *) expected_people->pdata[i])->display_name);
    }

  units = units_async (history, NULL, &error);
  g_assert_no_error (error);
  expected_units = dd_history_list_units (reference, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (units), >, 2);
  assert_same_units (expected_units, units);

  /* Writes in between: this connection's, and another desktop's. */
  check_write_seen (store, history, store, "Phòng Hành chính - Quản trị", "Phòng Hành chính, Quản trị và Tổng hợp");
  if (path != NULL)
    {
      g_autoptr(DdStore) other = dd_test_open_other (path, NULL);

      check_write_seen (store, history, other, "Trung tâm Phục vụ Hành chính công",
                        "Trung tâm Phục vụ hành chính công tỉnh");
    }

  /* Cancelled: nothing given, whether read or not (the units are kept
   * and current by now). */
  g_cancellable_cancel (cancellable);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = query_async (history, &query, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (entries);
  g_clear_error (&error);
  g_clear_pointer (&people, g_ptr_array_unref);
  people = people_async (history, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (people);
  g_clear_error (&error);
  g_clear_object (&units);
  units = units_async (history, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (units);
  g_clear_error (&error);

  g_assert_finalize_object (g_steal_pointer (&history));
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
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "en", TRUE);

  g_test_add_func ("/core/history/async/memory", test_async_memory);
  g_test_add_func ("/core/history/async/file", test_async_file);

  return g_test_run ();
}
