/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined (DONDOC_INSIDE) && !defined (DONDOC_COMPILATION)
#error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <gio/gio.h>

#include "dd-types.h"

G_BEGIN_DECLS

/**
 * DdStoreWorkerFlags:
 * @DD_STORE_WORKER_READS: the jobs only read
 * @DD_STORE_WORKER_WRITES: the jobs write: once a job is over, the store it
 *   was made for reads the change (dd_store_poll_external_changes()) before
 *   the caller's callback runs
 * @DD_STORE_WORKER_BACKGROUND: the worker's thread runs below drawing and
 *   input (a niceness of 10 on Linux): for figures the user did not ask for
 *   by a click
 * @DD_STORE_WORKER_SMALL_CACHE: the worker's connection keeps a page cache
 *   of 2 MiB instead of the store's 40: for jobs that read most pages of
 *   what they scan once (whole tables, whole indexes), to which a large
 *   cache brings nothing but the cost of new memory for every page read
 *   (the dashboard's readings: twice to three times their processor time
 *   on the large file) and that memory kept afterwards
 * @DD_STORE_WORKER_LONG: the jobs read for seconds (an export, the
 *   dashboard's readings, the scorecards): on a
 *   server's store, which has no file to open a second connection to,
 *   each job still runs on the worker's thread, on a read-only store of a
 *   connection made for it (the server as it is when the job starts),
 *   instead of on the main thread
 */
typedef enum
{
  DD_STORE_WORKER_READS = 0,
  DD_STORE_WORKER_WRITES = 1 << 0,
  DD_STORE_WORKER_BACKGROUND = 1 << 1,
  DD_STORE_WORKER_SMALL_CACHE = 1 << 2,
  DD_STORE_WORKER_LONG = 1 << 3,
} DdStoreWorkerFlags;

/**
 * DdStoreJobFunc:
 * @connection: a connection of the worker's own to the store's file (the
 *   store itself when the file has no second connection: a database in
 *   memory), used by this job's thread only
 * @data: the job's data
 * @cancellable: (nullable): cancelled when the caller lost interest
 * @error: where to say why it failed
 *
 * The work of one job, run on the worker's thread.
 *
 * Returns: (transfer full) (nullable): the job's result (freed with the
 *   result's #GDestroyNotify if nobody takes it), %NULL with @error set on
 *   failure
 */
typedef gpointer (*DdStoreJobFunc) (DdStore       *connection,
                                    gpointer       data,
                                    GCancellable  *cancellable,
                                    GError       **error);

#define DD_TYPE_STORE_WORKER (dd_store_worker_get_type ())
G_DECLARE_FINAL_TYPE (DdStoreWorker, dd_store_worker, DD, STORE_WORKER, GObject)

DdStoreWorker *dd_store_worker_new        (DdStore             *store,
                                           DdStoreWorkerFlags   flags) G_GNUC_WARN_UNUSED_RESULT;
DdStore       *dd_store_worker_get_store  (DdStoreWorker       *self);
void           dd_store_worker_run_async  (DdStoreWorker       *self,
                                           DdStoreJobFunc       func,
                                           gpointer             data,
                                           GDestroyNotify       data_free,
                                           GDestroyNotify       result_free,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gpointer       dd_store_worker_run_finish (DdStoreWorker       *self,
                                           GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
