/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "dd-store-private.h"
#include "dd-test-core.h"
#include "dd-test-files.h"

/* DdStoreWorker: jobs on a thread and a connection of their own, in order,
 * cancellable; a writing worker's change reaches the store before the
 * caller's callback; a database in memory runs its jobs on the main
 * thread, on the store itself. */

typedef struct
{
  char *dir;
  DdStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = dd_test_make_tmp_dir ("dondoc-worker-XXXXXX");
  path = g_build_filename (f->dir, "test.sqlite", NULL);
  f->store = dd_store_open (path, DD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  dd_test_remove_tree (f->dir);
  g_free (f->dir);
}

typedef struct
{
  GThread *thread;              /* the job's */
  DdStore *connection;          /* not a reference */
  int order;
} Seen;

static int next_order;

static gpointer
record_job (DdStore       *connection,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Seen *seen = g_new0 (Seen, 1);

  seen->thread = g_thread_self ();
  seen->connection = connection;
  seen->order = g_atomic_int_add (&next_order, 1);
  /* The connection works on this thread. */
  g_assert_null (dd_store_dup_setting (connection, "no-such-key", NULL));
  return seen;
}

typedef struct
{
  GMainLoop *loop;
  guint pending;
  GPtrArray *results;           /* Seen*, or NULL for an error */
  GPtrArray *errors;            /* GError* */
  gboolean store_changed_first; /* a write: the store had emitted "changed" */
  guint changes;
} Wait;

static void
on_job_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Wait *wait = user_data;
  GError *error = NULL;
  gpointer value = dd_store_worker_run_finish (DD_STORE_WORKER (source), result, &error);

  /* The callback runs on the main thread. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_ptr_array_add (wait->results, value);
  g_ptr_array_add (wait->errors, error);
  wait->store_changed_first = wait->changes > 0;
  if (--wait->pending == 0)
    g_main_loop_quit (wait->loop);
}

static void
wait_init (Wait  *wait,
           guint  pending)
{
  wait->loop = g_main_loop_new (NULL, FALSE);
  wait->pending = pending;
  wait->results = g_ptr_array_new_with_free_func (g_free);
  wait->errors = g_ptr_array_new ();
  wait->changes = 0;
}

static void
wait_clear (Wait *wait)
{
  for (guint i = 0; i < wait->errors->len; i++)
    g_clear_error ((GError **) &wait->errors->pdata[i]);
  g_ptr_array_unref (wait->errors);
  g_ptr_array_unref (wait->results);
  g_main_loop_unref (wait->loop);
}

static void
test_worker_order (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DdStoreWorker) worker = dd_store_worker_new (f->store, DD_STORE_WORKER_BACKGROUND);
  Wait wait;

  g_assert_true (dd_store_worker_get_store (worker) == f->store);
  next_order = 0;
  wait_init (&wait, 3);
  for (guint i = 0; i < 3; i++)
    dd_store_worker_run_async (worker, record_job, NULL, NULL, g_free, NULL, on_job_done_cb, &wait);
  g_main_loop_run (wait.loop);

  g_assert_cmpuint (wait.results->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      Seen *seen = g_ptr_array_index (wait.results, i);

      g_assert_no_error ((GError *) g_ptr_array_index (wait.errors, i));
      g_assert_nonnull (seen);
      /* In the order asked, on one thread that is not this one, through a
       * connection that is not the store's. */
      g_assert_cmpint (seen->order, ==, (int) i);
      g_assert_true (seen->thread != g_thread_self ());
      g_assert_true (seen->thread == ((Seen *) g_ptr_array_index (wait.results, 0))->thread);
      g_assert_true (seen->connection != f->store);
      g_assert_true (DD_IS_STORE (seen->connection));
    }
  wait_clear (&wait);
}

static void
test_worker_cancel (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DdStoreWorker) worker = dd_store_worker_new (f->store, DD_STORE_WORKER_READS);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Wait wait;

  next_order = 0;
  wait_init (&wait, 2);
  g_cancellable_cancel (cancellable);
  dd_store_worker_run_async (worker, record_job, NULL, NULL, g_free, cancellable, on_job_done_cb, &wait);
  dd_store_worker_run_async (worker, record_job, NULL, NULL, g_free, NULL, on_job_done_cb, &wait);
  g_main_loop_run (wait.loop);

  /* The cancelled job did not run; the next one did, as the first. (The
   * jobs run in order, but GTask may defer the callback of a task returned
   * in the iteration it was made in: the callbacks' order is not kept.) */
  {
    guint cancelled = g_ptr_array_index (wait.errors, 0) != NULL ? 0 : 1;

    g_assert_null (g_ptr_array_index (wait.results, cancelled));
    g_assert_error ((GError *) g_ptr_array_index (wait.errors, cancelled), G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_no_error ((GError *) g_ptr_array_index (wait.errors, 1 - cancelled));
    g_assert_cmpint (((Seen *) g_ptr_array_index (wait.results, 1 - cancelled))->order, ==, 0);
  }
  wait_clear (&wait);
}

static gpointer
write_setting_job (DdStore       *connection,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  if (!dd_store_set_setting (connection, "due_soon_days", data, error))
    return NULL;
  return g_strdup (data);
}

static gpointer
failing_job (DdStore       *connection,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_set_error_literal (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID, "refused");
  return NULL;
}

static void
on_store_changed_cb (DdStore *store,
                     Wait    *wait)
{
  wait->changes++;
}

static void
test_worker_write (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DdStoreWorker) worker = dd_store_worker_new (f->store, DD_STORE_WORKER_WRITES);
  Wait wait;
  gulong handler;

  g_assert_cmpint (dd_store_get_due_soon_days (f->store, NULL), !=, 9);
  wait_init (&wait, 1);
  handler = g_signal_connect (f->store, "external-change", G_CALLBACK (on_store_changed_cb), &wait);
  dd_store_worker_run_async (worker, write_setting_job, g_strdup ("9"), g_free, g_free, NULL,
                             on_job_done_cb, &wait);
  g_main_loop_run (wait.loop);
  g_signal_handler_disconnect (f->store, handler);

  g_assert_no_error ((GError *) g_ptr_array_index (wait.errors, 0));
  g_assert_cmpstr (g_ptr_array_index (wait.results, 0), ==, "9");
  /* The store had read the other connection's change before the callback. */
  g_assert_true (wait.store_changed_first);
  g_assert_cmpint (dd_store_get_due_soon_days (f->store, NULL), ==, 9);
  wait_clear (&wait);

  /* A job's error reaches the caller as it was set. */
  wait_init (&wait, 1);
  dd_store_worker_run_async (worker, failing_job, NULL, NULL, NULL, NULL, on_job_done_cb, &wait);
  g_main_loop_run (wait.loop);
  g_assert_error ((GError *) g_ptr_array_index (wait.errors, 0), DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_assert_null (g_ptr_array_index (wait.results, 0));
  wait_clear (&wait);
}

static void
test_worker_memory (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);
  g_autoptr(DdStoreWorker) worker = NULL;
  Wait wait;
  Seen *seen;

  g_assert_no_error (error);
  worker = dd_store_worker_new (store, DD_STORE_WORKER_READS);
  next_order = 0;
  wait_init (&wait, 2);
  dd_store_worker_run_async (worker, record_job, NULL, NULL, g_free, NULL, on_job_done_cb, &wait);
  dd_store_worker_run_async (worker, record_job, NULL, NULL, g_free, NULL, on_job_done_cb, &wait);
  /* Never at once: the caller's code after the call runs first. */
  g_assert_cmpuint (wait.results->len, ==, 0);
  g_main_loop_run (wait.loop);

  for (guint i = 0; i < 2; i++)
    {
      seen = g_ptr_array_index (wait.results, i);
      g_assert_no_error ((GError *) g_ptr_array_index (wait.errors, i));
      g_assert_true (seen->connection == store);
      g_assert_true (seen->thread == g_thread_self ());
      g_assert_cmpint (seen->order, ==, (int) i);
    }
  wait_clear (&wait);
}

static gboolean
always_due (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

/* A database in memory runs its job even when a source of the window's
 * drawing priority is always due (a spinner's frames, each slower than a
 * frame's time, as on the window on a server's store): the job does not
 * wait for an idle moment that never comes. */
static void
test_worker_memory_busy_frames (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);
  g_autoptr(DdStoreWorker) worker = NULL;
  guint frames = 0;
  guint frame_source;
  Wait wait;

  g_assert_no_error (error);
  worker = dd_store_worker_new (store, DD_STORE_WORKER_READS);
  /* GDK_PRIORITY_REDRAW, the frame clock's. */
  frame_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, always_due, &frames, NULL);
  wait_init (&wait, 1);
  dd_store_worker_run_async (worker, record_job, NULL, NULL, g_free, NULL, on_job_done_cb, &wait);
  for (guint i = 0; i < 1000 && wait.pending > 0; i++)
    g_main_context_iteration (NULL, FALSE);
  g_source_remove (frame_source);
  g_assert_cmpuint (wait.pending, ==, 0);
  g_assert_no_error ((GError *) g_ptr_array_index (wait.errors, 0));
  g_assert_nonnull (g_ptr_array_index (wait.results, 0));
  wait_clear (&wait);
}

/* The last reference to a worker may be the one its job's task holds: it
 * is dropped on the main thread, never on the worker's own thread (where
 * disposing would wait for that very thread). */
typedef struct
{
  GMutex lock;
  GCond cond;
  gboolean open;                /* the caller's callback is over */
  GThread *finalized_on;
} Gate;

static gboolean
on_gate_open_cb (gpointer data)
{
  Gate *gate = data;

  g_mutex_lock (&gate->lock);
  gate->open = TRUE;
  g_cond_signal (&gate->cond);
  g_mutex_unlock (&gate->lock);
  return G_SOURCE_REMOVE;
}

/* The job's data, freed once the job is over. Were it freed on the
 * worker's thread, this would hold the job there until the main thread
 * dropped every other reference to the worker. */
static void
gate_wait (gpointer data)
{
  Gate *gate = data;
  gint64 end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

  if (g_main_context_is_owner (g_main_context_default ()))
    return;
  g_mutex_lock (&gate->lock);
  while (!gate->open)
    if (!g_cond_wait_until (&gate->cond, &gate->lock, end))
      break;
  g_mutex_unlock (&gate->lock);
}

static void
on_gated_job_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Gate *gate = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree Seen *seen = dd_store_worker_run_finish (DD_STORE_WORKER (source), result, &error);

  g_assert_no_error (error);
  g_assert_nonnull (seen);
  /* The owner lets go of the worker, as a window closed meanwhile would;
   * the job is let go of once this dispatch is over. */
  g_object_unref (source);
  g_idle_add_full (G_PRIORITY_LOW, on_gate_open_cb, gate, NULL);
}

static void
on_worker_finalized (gpointer  data,
                     GObject  *where_the_object_was)
{
  Gate *gate = data;

  gate->finalized_on = g_thread_self ();
}

static void
test_worker_last_reference (Fixture       *f,
                            gconstpointer  data)
{
  DdStoreWorker *worker = dd_store_worker_new (f->store, DD_STORE_WORKER_READS);
  gint64 end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  Gate gate = { 0, };

  g_mutex_init (&gate.lock);
  g_cond_init (&gate.cond);
  g_object_weak_ref (G_OBJECT (worker), on_worker_finalized, &gate);
  dd_store_worker_run_async (worker, record_job, &gate, gate_wait, g_free, NULL,
                             on_gated_job_done_cb, &gate);
  while (gate.finalized_on == NULL && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);

  g_assert_true (gate.finalized_on == g_thread_self ());
  g_mutex_clear (&gate.lock);
  g_cond_clear (&gate.cond);
}

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *wait = user_data;
  GError *error = NULL;
  DdTask *saved = dd_store_save_task_finish (DD_STORE (source), result, &error);

  g_ptr_array_add (wait->results, saved);
  g_ptr_array_add (wait->errors, error);
  if (--wait->pending == 0)
    g_main_loop_quit (wait->loop);
}

/* The editor's save: the task and its person in charge in one transaction
 * on a worker; a refused save (a conflict) writes neither. */
static void
test_save_async (void)
{
  g_autofree char *dir = dd_test_make_tmp_dir ("dondoc-save-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "save.sqlite", NULL);
  g_autoptr(DdStore) store = dd_test_new_store (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = dd_store_get_task (store, 1, NULL, &error);
  g_autoptr(DdTask) edited = NULL;
  g_autoptr(DdTask) stale = NULL;
  g_autoptr(DdTask) read_back = NULL;
  g_autofree char *person = NULL;
  Wait wait;

  g_assert_no_error (error);
  edited = dd_task_copy (task);
  stale = dd_task_copy (task);
  dd_task_set_title (edited, "Nhiệm vụ đã sửa");
  wait_init (&wait, 1);
  dd_store_save_task_async (store, edited, "Nguyễn Văn An", NULL, on_saved_cb, &wait);
  g_main_loop_run (wait.loop);
  g_assert_no_error ((GError *) g_ptr_array_index (wait.errors, 0));
  g_assert_nonnull (g_ptr_array_index (wait.results, 0));
  g_object_unref (g_ptr_array_steal_index (wait.results, 0));
  wait_clear (&wait);

  /* The store read the other connection's change: both are there. */
  read_back = dd_store_get_task (store, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_task_get_title (read_back), ==, "Nhiệm vụ đã sửa");
  person = dd_store_dup_task_person (store, 1, NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (person, ==, "Nguyễn Văn An");

  /* A copy read before that save conflicts: neither its title nor its
   * person is written. */
  dd_task_set_title (stale, "Bản cũ");
  wait_init (&wait, 1);
  dd_store_save_task_async (store, stale, "Trần Thị Bình", NULL, on_saved_cb, &wait);
  g_main_loop_run (wait.loop);
  g_assert_error ((GError *) g_ptr_array_index (wait.errors, 0), DD_STORE_ERROR, DD_STORE_ERROR_CONFLICT);
  g_assert_null (g_ptr_array_index (wait.results, 0));
  wait_clear (&wait);
  g_clear_object (&read_back);
  g_clear_pointer (&person, g_free);
  read_back = dd_store_get_task (store, 1, NULL, &error);
  g_assert_cmpstr (dd_task_get_title (read_back), ==, "Nhiệm vụ đã sửa");
  person = dd_store_dup_task_person (store, 1, NULL);
  g_assert_cmpstr (person, ==, "Nguyễn Văn An");

  g_clear_object (&store);
  dd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store-worker/order", Fixture, NULL, fixture_setup, test_worker_order, fixture_teardown);
  g_test_add ("/store-worker/cancel", Fixture, NULL, fixture_setup, test_worker_cancel, fixture_teardown);
  g_test_add ("/store-worker/write", Fixture, NULL, fixture_setup, test_worker_write, fixture_teardown);
  g_test_add_func ("/store-worker/memory", test_worker_memory);
  g_test_add_func ("/store-worker/memory-busy-frames", test_worker_memory_busy_frames);
  g_test_add_func ("/store-worker/save-async", test_save_async);
  g_test_add ("/store-worker/last-reference", Fixture, NULL, fixture_setup, test_worker_last_reference,
              fixture_teardown);

  return g_test_run ();
}
