/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-urging-letter"

#include "config.h"

#include "dondoc/dondoc.h"

/*
 * The urging letters written off the main thread: LibreOffice's PDF
 * conversion takes seconds a letter, and a window that waited for it would
 * freeze. One call is one job of a worker made for it (a thread and a
 * connection of its own, dd_store_worker_new()), which the job's task
 * keeps until its end; the options are copied when the call is made.
 */

typedef struct
{
  DdUrgingOptions options;      /* its strings and date point to the copies below */
  char *dir;
  char *template_path;
  GDate as_of;
} LettersJob;

static void
letters_job_free (LettersJob *job)
{
  g_free (job->dir);
  g_free (job->template_path);
  g_free (job);
}

static LettersJob *
letters_job_new (const DdUrgingOptions *options)
{
  LettersJob *job = g_new0 (LettersJob, 1);

  job->options = *options;
  job->options.dir = job->dir = g_strdup (options->dir);
  job->options.template_path = job->template_path = g_strdup (options->template_path);
  /* "Today" is the caller's, fixed when it asked. */
  if (options->as_of != NULL)
    job->as_of = *options->as_of;
  else
    dd_date_set_today (&job->as_of);
  job->options.as_of = &job->as_of;
  return job;
}

/* The job: on the worker's thread, through its connection. */
static gpointer
letters_job_run (DdStore       *connection,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  LettersJob *job = data;

  return dd_urging_letters_write (connection, &job->options, error);
}

static gpointer
messages_job_run (DdStore       *connection,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  LettersJob *job = data;

  return dd_urging_messages_prepare (connection, &job->options, error);
}

static void
on_letters_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GPtrArray *paths = dd_store_worker_run_finish (DD_STORE_WORKER (source), result, &error);

  if (paths == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, paths, (GDestroyNotify) g_ptr_array_unref);
}

/* Public API */

/**
 * dd_urging_letters_write_async:
 * @self: the store
 * @options: what dd_urging_letters_write() takes (copied: the caller's
 *   strings may go at once; a %NULL date is today, as of this call)
 * @cancellable: (nullable): cancels the job before it starts
 * @callback: called on the caller's thread when the letters are written
 * @user_data: for @callback
 *
 * dd_urging_letters_write() on a thread and a connection of its own, so
 * that the caller (the window) goes on while LibreOffice converts.
 */
void
dd_urging_letters_write_async (DdStore               *self,
                               const DdUrgingOptions *options,
                               GCancellable          *cancellable,
                               GAsyncReadyCallback    callback,
                               gpointer               user_data)
{
  g_autoptr(DdStoreWorker) worker = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DD_IS_STORE (self));
  g_return_if_fail (options != NULL && options->dir != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_urging_letters_write_async);
  /* The job's own task holds the worker until the job is over. */
  worker = dd_store_worker_new (self, DD_STORE_WORKER_READS);
  dd_store_worker_run_async (worker, letters_job_run, letters_job_new (options),
                             (GDestroyNotify) letters_job_free, (GDestroyNotify) g_ptr_array_unref,
                             cancellable, on_letters_done_cb, g_steal_pointer (&task));
}

/**
 * dd_urging_letters_write_finish:
 * @self: the store
 * @result: the result given to the callback
 * @error: what dd_urging_letters_write() sets, or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (element-type utf8) (nullable): the paths
 *   written, or %NULL with @error set
 */
GPtrArray *
dd_urging_letters_write_finish (DdStore       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (DD_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * dd_urging_messages_prepare_async:
 * @self: the store
 * @options: what dd_urging_messages_prepare() takes (copied, as for
 *   dd_urging_letters_write_async())
 * @cancellable: (nullable): cancels the job before it starts
 * @callback: called on the caller's thread when the messages are made
 * @user_data: for @callback
 *
 * dd_urging_messages_prepare() on a thread and a connection of its own:
 * the window shows the messages when they are made, and goes on meanwhile.
 */
void
dd_urging_messages_prepare_async (DdStore               *self,
                                  const DdUrgingOptions *options,
                                  GCancellable          *cancellable,
                                  GAsyncReadyCallback    callback,
                                  gpointer               user_data)
{
  g_autoptr(DdStoreWorker) worker = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DD_IS_STORE (self));
  g_return_if_fail (options != NULL && (options->dir != NULL || options->digest));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_urging_messages_prepare_async);
  worker = dd_store_worker_new (self, DD_STORE_WORKER_READS);
  dd_store_worker_run_async (worker, messages_job_run, letters_job_new (options),
                             (GDestroyNotify) letters_job_free, (GDestroyNotify) g_ptr_array_unref,
                             cancellable, on_letters_done_cb, g_steal_pointer (&task));
}

/**
 * dd_urging_messages_prepare_finish:
 * @self: the store
 * @result: the result given to the callback
 * @error: what dd_urging_messages_prepare() sets, or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (element-type DdUrgingMessage) (nullable): the
 *   messages, or %NULL with @error set
 */
GPtrArray *
dd_urging_messages_prepare_finish (DdStore       *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (DD_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
