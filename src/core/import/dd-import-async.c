/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-import-async"

#include "config.h"

#include "dondoc/dondoc.h"

/*
 * DdImporter: imports plans' files into one store's file off the main
 * thread. One import is one job of the object's own writing worker (a
 * thread and a connection of its own, made when the first import comes):
 * the file is read and parsed there (dd_importer_parse_file()), then
 * written in one transaction (dd_store_import_plan()); the worker makes the
 * store read the change before the caller hears of it.
 */

struct _DdImporter
{
  GObject parent_instance;

  DdStore *store;
  DdStoreWorker *worker;
};

G_DEFINE_FINAL_TYPE (DdImporter, dd_importer, G_TYPE_OBJECT)

typedef struct
{
  char *path;
  DdImportFormat format;
} ImportJob;

typedef struct
{
  DdImportedPlan *plan;
  DdImportSummary summary;
} ImportResult;

static void
import_job_free (ImportJob *job)
{
  g_free (job->path);
  g_free (job);
}

static void
import_result_free (ImportResult *result)
{
  g_clear_pointer (&result->plan, dd_imported_plan_free);
  g_free (result);
}

/* The job: on the worker's thread, through its connection. */
static gpointer
import_job_run (DdStore       *connection,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  const ImportJob *job = data;
  g_autoptr(DdImportedPlan) plan = NULL;
  ImportResult *result;

  plan = dd_importer_parse_file (job->path, job->format, error);
  if (plan == NULL)
    return NULL;

  /* Parsing a large file takes a while: a caller who lost interest
   * meanwhile has nothing written. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  result = g_new0 (ImportResult, 1);
  if (!dd_store_import_plan (connection, plan, &result->summary, error))
    {
      import_result_free (result);
      return NULL;
    }
  result->plan = g_steal_pointer (&plan);
  return result;
}

/* What a job hands back, and how to free it: one finish callback serves
 * every job of the importer. */
typedef struct
{
  GDestroyNotify free_result;
} JobKind;

static const JobKind import_kind = { (GDestroyNotify) import_result_free };
static const JobKind preview_kind = { (GDestroyNotify) dd_import_preview_free };
static const JobKind import_plan_kind = { g_free };

static void
on_job_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const JobKind *kind = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer value = dd_store_worker_run_finish (DD_STORE_WORKER (source), result, &error);

  if (value == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, kind->free_result);
}

/* Runs @run on the importer's worker with @job (freed by @job_free);
 * its result comes back to @callback through a task tagged @source_tag. */
static void
run_job (DdImporter          *self,
         DdStoreJobFunc       run,
         gpointer             job,
         GDestroyNotify       job_free,
         const JobKind       *kind,
         gpointer             source_tag,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  if (self->worker == NULL)
    self->worker = dd_store_worker_new (self->store, DD_STORE_WORKER_WRITES);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, (gpointer) kind, NULL);
  dd_store_worker_run_async (self->worker, run, job, job_free, kind->free_result,
                             cancellable, on_job_done_cb, g_steal_pointer (&task));
}

/* GObject overrides */

static void
dd_importer_dispose (GObject *object)
{
  DdImporter *self = DD_IMPORTER (object);

  g_clear_object (&self->worker);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dd_importer_parent_class)->dispose (object);
}

static void
dd_importer_class_init (DdImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_importer_dispose;
}

static void
dd_importer_init (DdImporter *self)
{
}

/* Public API */

DdImporter *
dd_importer_new (DdStore *store)
{
  DdImporter *self;

  g_return_val_if_fail (DD_IS_STORE (store), NULL);

  self = g_object_new (DD_TYPE_IMPORTER, NULL);
  self->store = g_object_ref (store);
  return self;
}

DdStore *
dd_importer_get_store (DdImporter *self)
{
  g_return_val_if_fail (DD_IS_IMPORTER (self), NULL);

  return self->store;
}

/* Reads the file @path on the importer's worker with @run; @kind says
 * how its result is freed. */
static void
run_file_job (DdImporter          *self,
              const char          *path,
              DdImportFormat       format,
              DdStoreJobFunc       run,
              const JobKind       *kind,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  ImportJob *job = g_new0 (ImportJob, 1);

  job->path = g_strdup (path);
  job->format = format;
  run_job (self, run, job, (GDestroyNotify) import_job_free, kind, source_tag,
           cancellable, callback, user_data);
}

void
dd_importer_import_file_async (DdImporter          *self,
                               const char          *path,
                               DdImportFormat       format,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (DD_IS_IMPORTER (self));
  g_return_if_fail (path != NULL);

  run_file_job (self, path, format, import_job_run, &import_kind, dd_importer_import_file_async,
                cancellable, callback, user_data);
}

DdImportedPlan *
dd_importer_import_file_finish (DdImporter       *self,
                                GAsyncResult     *result,
                                DdImportSummary  *out_summary,
                                GError          **error)
{
  ImportResult *imported;
  DdImportedPlan *plan;

  g_return_val_if_fail (DD_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  imported = g_task_propagate_pointer (G_TASK (result), error);
  if (imported == NULL)
    return NULL;
  if (out_summary != NULL)
    *out_summary = imported->summary;
  plan = g_steal_pointer (&imported->plan);
  import_result_free (imported);
  return plan;
}

/* The preview: parsed and compared on the worker's thread and connection,
 * nothing written. */

void
dd_import_preview_free (DdImportPreview *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->plan, dd_imported_plan_free);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  g_free (self);
}

static gpointer
preview_job_run (DdStore       *connection,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  const ImportJob *job = data;
  g_autoptr(DdImportPreview) preview = g_new0 (DdImportPreview, 1);

  preview->plan = dd_importer_parse_file (job->path, job->format, error);
  if (preview->plan == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  preview->units = dd_imported_plan_match_units (preview->plan, connection, error);
  if (preview->units == NULL)
    return NULL;
  preview->changes = dd_store_diff_import (connection, preview->plan, &preview->plan_exists, error);
  if (preview->changes == NULL)
    return NULL;
  return g_steal_pointer (&preview);
}

void
dd_importer_preview_file_async (DdImporter          *self,
                                const char          *path,
                                DdImportFormat       format,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (DD_IS_IMPORTER (self));
  g_return_if_fail (path != NULL);

  run_file_job (self, path, format, preview_job_run, &preview_kind, dd_importer_preview_file_async,
                cancellable, callback, user_data);
}

DdImportPreview *
dd_importer_preview_file_finish (DdImporter    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (DD_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Writing a plan already parsed (and previewed). */

static gpointer
import_plan_job_run (DdStore       *connection,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  DdImportSummary *summary = g_new0 (DdImportSummary, 1);

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !dd_store_import_plan (connection, data, summary, error))
    {
      g_free (summary);
      return NULL;
    }
  return summary;
}

void
dd_importer_import_plan_async (DdImporter          *self,
                               DdImportedPlan      *plan,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (DD_IS_IMPORTER (self));
  g_return_if_fail (plan != NULL);

  run_job (self, import_plan_job_run, plan, (GDestroyNotify) dd_imported_plan_free, &import_plan_kind,
           dd_importer_import_plan_async, cancellable, callback, user_data);
}

gboolean
dd_importer_import_plan_finish (DdImporter       *self,
                                GAsyncResult     *result,
                                DdImportSummary  *out_summary,
                                GError          **error)
{
  g_autofree DdImportSummary *summary = NULL;

  g_return_val_if_fail (DD_IS_IMPORTER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  summary = g_task_propagate_pointer (G_TASK (result), error);
  if (summary == NULL)
    return FALSE;
  if (out_summary != NULL)
    *out_summary = *summary;
  return TRUE;
}
