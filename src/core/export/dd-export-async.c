/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-export-async"

#include "config.h"

#include "dondoc/dondoc.h"

/*
 * DdExporter: the meeting exports of one store's file, written off the
 * main thread. Each export runs dd_export_xlsx() or dd_export_pdf() as a
 * job of the object's own reading worker (a thread and a connection of its
 * own, made when the first export comes), one export after the other; the
 * options are copied when the export is asked for, so the caller's strings
 * may go at once.
 */

struct _DdExporter
{
  GObject parent_instance;

  DdStore *store;
  DdStoreWorker *worker;
};

G_DEFINE_FINAL_TYPE (DdExporter, dd_exporter, G_TYPE_OBJECT)

typedef gboolean (*ExportFunc) (DdStore               *store,
                                const DdExportOptions *options,
                                const char            *path,
                                GError               **error);

/* One export's job: the options, their strings owned here. */
typedef struct
{
  ExportFunc func;
  DdExportOptions options;    /* its strings point to the copies below */
  char *text;
  char *period_label;
  char *place;
  char *issuer;
  char *font_name;
  char *language;
  char *path;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->text);
  g_free (job->period_label);
  g_free (job->place);
  g_free (job->issuer);
  g_free (job->font_name);
  g_free (job->language);
  g_free (job->path);
  g_free (job);
}

static ExportJob *
export_job_new (ExportFunc             func,
                const DdExportOptions *options,
                const char            *path)
{
  ExportJob *job = g_new0 (ExportJob, 1);

  job->func = func;
  job->options = *options;
  job->options.tasks.text = job->text = g_strdup (options->tasks.text);
  job->options.period_label = job->period_label = g_strdup (options->period_label);
  job->options.place = job->place = g_strdup (options->place);
  job->options.issuer = job->issuer = g_strdup (options->issuer);
  job->options.font_name = job->font_name = g_strdup (options->font_name);
  job->options.language = job->language = g_strdup (options->language);
  job->path = g_strdup (path);
  return job;
}

/* The job: on the worker's thread, through its connection. */
static gpointer
export_job_run (DdStore       *connection,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  ExportJob *job = data;

  if (!job->func (connection, &job->options, job->path, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (dd_store_worker_run_finish (DD_STORE_WORKER (source), result, &error) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_async (DdExporter            *self,
              ExportFunc             func,
              gpointer               source_tag,
              const DdExportOptions *options,
              const char            *path,
              GCancellable          *cancellable,
              GAsyncReadyCallback    callback,
              gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;

  if (self->worker == NULL)
    self->worker = dd_store_worker_new (self->store, DD_STORE_WORKER_READS | DD_STORE_WORKER_LONG);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  dd_store_worker_run_async (self->worker, export_job_run, export_job_new (func, options, path),
                             (GDestroyNotify) export_job_free, NULL, cancellable,
                             on_export_done_cb, g_steal_pointer (&task));
}

/* GObject overrides */

static void
dd_exporter_dispose (GObject *object)
{
  DdExporter *self = DD_EXPORTER (object);

  g_clear_object (&self->worker);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dd_exporter_parent_class)->dispose (object);
}

static void
dd_exporter_class_init (DdExporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_exporter_dispose;
}

static void
dd_exporter_init (DdExporter *self)
{
}

/* Public API */

DdExporter *
dd_exporter_new (DdStore *store)
{
  DdExporter *self;

  g_return_val_if_fail (DD_IS_STORE (store), NULL);

  self = g_object_new (DD_TYPE_EXPORTER, NULL);
  self->store = g_object_ref (store);
  return self;
}

DdStore *
dd_exporter_get_store (DdExporter *self)
{
  g_return_val_if_fail (DD_IS_EXPORTER (self), NULL);

  return self->store;
}

void
dd_exporter_export_xlsx_async (DdExporter            *self,
                               const DdExportOptions *options,
                               const char            *path,
                               GCancellable          *cancellable,
                               GAsyncReadyCallback    callback,
                               gpointer               user_data)
{
  g_return_if_fail (DD_IS_EXPORTER (self));
  g_return_if_fail (options != NULL);
  g_return_if_fail (path != NULL);

  export_async (self, dd_export_xlsx, dd_exporter_export_xlsx_async, options, path,
                cancellable, callback, user_data);
}

gboolean
dd_exporter_export_xlsx_finish (DdExporter    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (DD_IS_EXPORTER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_exporter_export_xlsx_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
dd_exporter_export_pdf_async (DdExporter            *self,
                              const DdExportOptions *options,
                              const char            *path,
                              GCancellable          *cancellable,
                              GAsyncReadyCallback    callback,
                              gpointer               user_data)
{
  g_return_if_fail (DD_IS_EXPORTER (self));
  g_return_if_fail (options != NULL);
  g_return_if_fail (path != NULL);

  export_async (self, dd_export_pdf, dd_exporter_export_pdf_async, options, path,
                cancellable, callback, user_data);
}

gboolean
dd_exporter_export_pdf_finish (DdExporter    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (DD_IS_EXPORTER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_exporter_export_pdf_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
