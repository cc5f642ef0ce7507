/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store-worker"

#include "config.h"

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "dondoc/dondoc.h"
#include "dd-store-private.h"

/*
 * DdStoreWorker: the one way the application reads or writes the file off
 * its main thread. A worker has a thread of its own and a connection of its
 * own to the file of the store it was made for (dd_store_open_sibling(),
 * opened when the first job comes): its jobs run one after the other on
 * that thread, so the connection is never used by two threads at once, and
 * what a domain object keeps between calls on it (caches judged by the
 * connection's stamp) stays valid from one job to the next.
 *
 * Widgets never start threads or open connections: each domain's _async
 * function runs its work through a worker (dd_stats_load_dashboard_async(),
 * dd_store_save_task_async(), …), and its _finish gives the result on the
 * main thread. A cancelled job that has not started is not run; one that
 * has finishes, and its result is dropped with G_IO_ERROR_CANCELLED.
 *
 * A store with no file (a database in memory) has no second connection:
 * the jobs then run on the main thread, on the store itself, from an idle
 * callback of default priority (before the window's drawing), in the same
 * order. A server's store (no file either) runs the jobs of a worker for
 * long jobs (DD_STORE_WORKER_LONG: exports) on the worker's thread all
 * the same, each on a store of a connection made for it.
 */

struct _DdStoreWorker
{
  GObject parent_instance;

  DdStore *store;
  DdStore *connection;          /* the sibling; the store itself when it has no file */
  gboolean per_job;             /* a connection made for each job (DD_STORE_WORKER_LONG) */
  GThreadPool *pool;            /* one exclusive thread */
  DdStoreWorkerFlags flags;
};

G_DEFINE_FINAL_TYPE (DdStoreWorker, dd_store_worker, G_TYPE_OBJECT)

typedef struct
{
  DdStoreJobFunc func;
  gpointer data;
  GDestroyNotify data_free;
  GDestroyNotify result_free;
  GTask *outer;                 /* the caller's */
  gpointer result;              /* once run */
  GError *error;
} Job;

static void
job_free (Job *job)
{
  if (job->data_free != NULL && job->data != NULL)
    job->data_free (job->data);
  if (job->result_free != NULL && job->result != NULL)
    job->result_free (job->result);
  g_clear_error (&job->error);
  g_clear_object (&job->outer);
  g_free (job);
}

/* Runs @job on @connection, unless it was cancelled before. */
static void
job_run (Job     *job,
         DdStore *connection)
{
  GCancellable *cancellable = g_task_get_cancellable (job->outer);

  if (g_cancellable_set_error_if_cancelled (cancellable, &job->error))
    return;

  job->result = job->func (connection, job->data, cancellable, &job->error);
  if (job->result == NULL && job->error == NULL)
    g_set_error_literal (&job->error, G_IO_ERROR, G_IO_ERROR_FAILED, "job returned no result");
}

/* Gives the job's outcome to its task, on the thread that asked for it;
 * the job is freed once this source is over. */
static gboolean
on_job_return_cb (gpointer data)
{
  Job *job = data;

  if (job->error != NULL)
    g_task_return_error (job->outer, g_steal_pointer (&job->error));
  else
    g_task_return_pointer (job->outer, g_steal_pointer (&job->result), job->result_free);
  return G_SOURCE_REMOVE;
}

static void
on_pool_job (gpointer data,
             gpointer user_data)
{
  Job *job = data;
  DdStoreWorker *self = user_data;
  GSource *source;

#ifdef __linux__
  if (self->flags & DD_STORE_WORKER_BACKGROUND)
    {
      /* Below drawing and input: on the office's two cores, the window's
       * frames and the user's clicks come first. The pool's thread is the
       * worker's own, so the niceness stays with it. */
      setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10);
    }
#endif

  if (self->per_job)
    {
      /* Made and let go on this thread: the job's alone. */
      g_autoptr(DdStore) connection = NULL;

      if (!g_cancellable_is_cancelled (g_task_get_cancellable (job->outer)))
        connection = _dd_store_open_for_job (self->store, &job->error);
      if (job->error == NULL)
        job_run (job, connection);
    }
  else
    job_run (job, self->connection);

  /* The outcome goes back, and the job (with its task, which holds the
   * worker) is freed, on the thread of the task's callback, right after
   * it. Freed here, the task could be the worker's last reference (its
   * owner gone meanwhile), and a worker cannot be disposed on its own
   * thread: dispose waits for that thread to be idle. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, on_job_return_cb, job, (GDestroyNotify) job_free);
  g_source_set_static_name (source, "[dondoc] store job done");
  g_source_attach (source, g_task_get_context (job->outer));
  g_source_unref (source);
}

static gboolean
on_idle_job_cb (gpointer data)
{
  Job *job = data;

  DdStoreWorker *self = g_task_get_source_object (job->outer);

  job_run (job, self->connection);
  return on_job_return_cb (job);
}

/* A write on the worker's own connection is another connection's change
 * for the store: let it read it (and tell its widgets) before the caller
 * hears of the job's end. */
static void
on_write_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  DdStoreWorker *self = g_task_get_source_object (outer);
  GError *error = NULL;
  gpointer value = g_task_propagate_pointer (G_TASK (result), &error);

  /* A poll that cannot read the file leaves the refresh to the window's
   * next poll; the job's own result is what the caller waits for. */
  if (self->connection != self->store)
    dd_store_poll_external_changes (self->store, NULL);
  if (error != NULL)
    g_task_return_error (outer, error);
  else
    g_task_return_pointer (outer, value, g_object_get_data (G_OBJECT (result), "dd-result-free"));
}

static gboolean
ensure_connection (DdStoreWorker  *self,
                   GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  if (self->connection != NULL || self->per_job)
    return TRUE;

  self->connection = dd_store_open_sibling (self->store, &local_error);
  if (self->connection != NULL)
    {
      /* Before any job: the connection is the pool's thread's from then on. */
      if ((self->flags & DD_STORE_WORKER_SMALL_CACHE) &&
          !dd_sql_exec (self->connection, "PRAGMA cache_size = -" G_STRINGIFY (DD_STORE_SMALL_CACHE_KIB), error))
        {
          g_clear_object (&self->connection);
          return FALSE;
        }
      self->pool = g_thread_pool_new (on_pool_job, self, 1, TRUE, error);
      return self->pool != NULL;
    }
  if (!g_error_matches (local_error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* A server's store: a long job on a thread, on a connection of its own
   * (made for each job: it sees the server as it is then). */
  if ((self->flags & DD_STORE_WORKER_LONG) && _dd_store_has_job_opener (self->store))
    {
      self->per_job = TRUE;
      self->pool = g_thread_pool_new (on_pool_job, self, 1, TRUE, error);
      return self->pool != NULL;
    }
  /* A database in memory: the jobs run here, in order. */
  self->connection = g_object_ref (self->store);
  return TRUE;
}

static void
dd_store_worker_dispose (GObject *object)
{
  DdStoreWorker *self = DD_STORE_WORKER (object);

  /* Each job's task holds a reference, dropped on this thread once the
   * task's callback ran: no job is left by now. Waits for the thread. */
  if (self->pool != NULL)
    {
      g_thread_pool_free (self->pool, FALSE, TRUE);
      self->pool = NULL;
    }
  g_clear_object (&self->connection);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dd_store_worker_parent_class)->dispose (object);
}

static void
dd_store_worker_class_init (DdStoreWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_store_worker_dispose;
}

static void
dd_store_worker_init (DdStoreWorker *self)
{
}

/**
 * dd_store_worker_new:
 * @store: the store whose file the jobs read (or write)
 * @flags: what the jobs do and how urgent they are
 *
 * Returns: (transfer full): a new worker; its thread and connection are
 *   made when the first job comes
 */
DdStoreWorker *
dd_store_worker_new (DdStore            *store,
                     DdStoreWorkerFlags  flags)
{
  DdStoreWorker *self;

  g_return_val_if_fail (DD_IS_STORE (store), NULL);

  self = g_object_new (DD_TYPE_STORE_WORKER, NULL);
  self->store = g_object_ref (store);
  self->flags = flags;
  return self;
}

/**
 * dd_store_worker_get_store:
 *
 * Returns: (transfer none): the store the worker was made for
 */
DdStore *
dd_store_worker_get_store (DdStoreWorker *self)
{
  g_return_val_if_fail (DD_IS_STORE_WORKER (self), NULL);

  return self->store;
}

/**
 * dd_store_worker_run_async:
 * @func: the job, run on the worker's thread with the worker's connection
 * @data: (transfer full): the job's data, freed with @data_free when the
 *   job is over
 * @result_free: frees a result nobody took
 *
 * Queues a job after those queued before. Call it on the store's thread;
 * @callback runs there too.
 */
void
dd_store_worker_run_async (DdStoreWorker       *self,
                           DdStoreJobFunc       func,
                           gpointer             data,
                           GDestroyNotify       data_free,
                           GDestroyNotify       result_free,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Job *job;

  g_return_if_fail (DD_IS_STORE_WORKER (self));
  g_return_if_fail (func != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_store_worker_run_async);
  g_task_set_name (task, "[dondoc] store job");

  if (!ensure_connection (self, &error))
    {
      if (data_free != NULL && data != NULL)
        data_free (data);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  job = g_new0 (Job, 1);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  if (self->flags & DD_STORE_WORKER_WRITES)
    {
      /* The job returns to an inner task, whose end polls the store. */
      job->outer = g_task_new (self, cancellable, on_write_done_cb, g_steal_pointer (&task));
      g_object_set_data (G_OBJECT (job->outer), "dd-result-free", result_free);
    }
  else
    job->outer = g_steal_pointer (&task);

  if (self->pool != NULL)
    g_thread_pool_push (self->pool, job, NULL);
  else
    /* At the priority a thread's job returns at, above the window's
     * drawing (GDK_PRIORITY_REDRAW): at an idle's, a job shown waiting
     * by a spinner never ran while the spinner's frames took longer than
     * a frame's time (a slow display), each frame due again by its end
     * (the window on a server's store, #22). */
    g_idle_add_full (G_PRIORITY_DEFAULT, on_idle_job_cb, job, (GDestroyNotify) job_free);
}

/**
 * dd_store_worker_run_finish:
 *
 * Returns: (transfer full): the job's result, or %NULL with @error set
 *   (%G_IO_ERROR_CANCELLED when the job was cancelled)
 */
gpointer
dd_store_worker_run_finish (DdStoreWorker  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (DD_IS_STORE_WORKER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
