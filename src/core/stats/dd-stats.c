/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-stats"

#include "config.h"

#include <string.h>

#include "dondoc/dondoc.h"
#include "dd-stats-private.h"

/*
 * DdStats: the dashboard's statistics over one store's file. Its methods
 * read at once through the store; dd_stats_load_dashboard_async() reads on
 * the object's own workers (each a thread and a connection of its own,
 * below drawing and input), made when first needed: one for the figures,
 * plans and "6 rõ" count, one for the derived indicators. Those are the
 * scorecards of the period, the longest reading on a large file: on the
 * office's two cores they are read beside the figures, not after them.
 * Both connections keep a small page cache (DD_STORE_WORKER_SMALL_CACHE):
 * each reading scans its tables once, and on a file that changed a cache
 * of the store's size only costs new memory for every page read.
 */

struct _DdStats
{
  GObject parent_instance;

  DdStore *store;
  DdStoreWorker *worker;
  DdStoreWorker *derived_worker;  /* with DD_STATS_LOAD_DERIVED, or the "6 rõ" count alone */
  /* The derived indicators' scorecards, through the derived worker's
   * connection and on its thread only: kept between readings, so that a
   * reading while nothing was committed counts nothing again. */
  DdScoring *worker_scoring;
};

G_DEFINE_FINAL_TYPE (DdStats, dd_stats, G_TYPE_OBJECT)

typedef struct
{
  DdStatsQuery query;
  DdStatsLoad what;
  DdScoring **scoring;         /* the DdStats's worker_scoring (derived worker only) */
} LoadData;

static gboolean
has_plan (GListModel *plans,
          gint64      plan_id)
{
  guint n = plans != NULL ? g_list_model_get_n_items (plans) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdPlan) plan = g_list_model_get_item (plans, i);

      if (dd_plan_get_id (plan) == plan_id)
        return TRUE;
    }
  return FALSE;
}

/* The figures (with the derived indicators' when @scoring is set), kept
 * on disk or read. */
static gboolean
load_figures (DdStore        *connection,
              const char     *state,
              DdStatsReading *reading,
              DdScoring     **scoring,
              GError        **error)
{
  const char *part = scoring != NULL ? "figures-derived" : "figures";
  g_autofree char *key = _dd_stats_cache_key (state, &reading->query, part);
  g_autoptr(GVariant) kept = _dd_stats_cache_load (connection, key, part);

  if (kept != NULL && _dd_stats_cache_decode_dashboard (kept, &reading->dashboard))
    return TRUE;
  if (!_dd_stats_read_dashboard (connection, &reading->query, scoring, &reading->dashboard, error))
    return FALSE;
  _dd_stats_cache_save (connection, state, key, part, _dd_stats_cache_encode_dashboard (&reading->dashboard));
  return TRUE;
}

/* The indicators alone, every one with the derived indicators' figures. */
static gboolean
load_derived (DdStore        *connection,
              const char     *state,
              DdStatsReading *reading,
              DdScoring     **scoring,
              GError        **error)
{
  g_autofree char *key = _dd_stats_cache_key (state, &reading->query, "derived");
  g_autoptr(GVariant) kept = _dd_stats_cache_load (connection, key, "derived");

  reading->dashboard.indicators = kept != NULL ? _dd_stats_cache_decode_indicators (kept) : NULL;
  if (reading->dashboard.indicators != NULL)
    return TRUE;
  reading->dashboard.indicators = _dd_stats_read_indicators (connection, &reading->query, scoring, error);
  if (reading->dashboard.indicators == NULL)
    return FALSE;
  _dd_stats_cache_save (connection, state, key, "derived",
                        _dd_stats_cache_encode_indicators (reading->dashboard.indicators));
  return TRUE;
}

/* The tasks the task list's filter shows when the figure is clicked
 * (dd-stats-six-clear.c). */
static gboolean
load_six_clear (DdStore        *connection,
                const char     *state,
                DdStatsReading *reading,
                GError        **error)
{
  g_autofree char *key = _dd_stats_cache_key (state, &reading->query, "six-clear");
  g_autoptr(GVariant) kept = _dd_stats_cache_load (connection, key, "six-clear");

  if (kept != NULL && g_variant_is_of_type (kept, G_VARIANT_TYPE_UINT32))
    {
      reading->n_six_clear = g_variant_get_uint32 (kept);
      return TRUE;
    }
  if (!_dd_stats_count_six_clear (connection, &reading->query.tasks, &reading->n_six_clear, error))
    return FALSE;
  _dd_stats_cache_save (connection, state, key, "six-clear", g_variant_new_uint32 (reading->n_six_clear));
  return TRUE;
}

/* The plans, their names for the drop-down (not their tasks counted); the
 * plan asked for is dropped when it is gone (deleted here or on another
 * desktop): the figures are then those of every plan, whichever of the
 * readings asked together finds it first. */
static gboolean
load_plans (DdStore        *connection,
            DdStatsLoad     what,
            DdStatsReading *reading,
            GError        **error)
{
  g_autoptr(GListModel) plans = dd_store_list_plan_names (connection, error);

  if (plans == NULL)
    return FALSE;
  if (reading->query.tasks.plan_id != 0 && !has_plan (plans, reading->query.tasks.plan_id))
    reading->query.tasks.plan_id = 0;
  if (what & DD_STATS_LOAD_PLANS)
    {
      reading->plans = g_steal_pointer (&plans);
      reading->loaded |= DD_STATS_LOAD_PLANS;
    }
  return TRUE;
}

/* The job: on the worker's thread, through its connection. What the file
 * gave before, in the same state, is taken from the disk (dd-stats-cache.c). */
static gpointer
load_dashboard_job (DdStore       *connection,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  const LoadData *load = data;
  g_autoptr(DdStatsReading) reading = g_new0 (DdStatsReading, 1);
  g_autofree char *state = _dd_stats_cache_state (connection);

  reading->query = load->query;
  if (((load->what & DD_STATS_LOAD_PLANS) || reading->query.tasks.plan_id != 0) &&
      !load_plans (connection, load->what, reading, error))
    return NULL;

  reading->query.tasks.due_soon_days = dd_store_get_due_soon_days (connection, error);
  if (error != NULL && *error != NULL)
    return NULL;
  if (load->what & DD_STATS_LOAD_FIGURES)
    {
      if (!load_figures (connection, state, reading, (load->what & DD_STATS_LOAD_DERIVED) ? load->scoring : NULL,
                         error))
        return NULL;
      reading->loaded |= DD_STATS_LOAD_FIGURES | (load->what & DD_STATS_LOAD_DERIVED);
    }
  else if ((load->what & DD_STATS_LOAD_DERIVED) && !g_cancellable_is_cancelled (cancellable))
    {
      /* The indicators alone, beside the figures: the scorecards take
       * a second on a large file, which the other figures need not wait for. */
      if (!load_derived (connection, state, reading, load->scoring, error))
        return NULL;
      reading->loaded |= DD_STATS_LOAD_DERIVED;
    }

  if ((load->what & DD_STATS_LOAD_SIX_CLEAR) && !g_cancellable_is_cancelled (cancellable))
    {
      if (!load_six_clear (connection, state, reading, error))
        return NULL;
      reading->loaded |= DD_STATS_LOAD_SIX_CLEAR;
    }

  return g_steal_pointer (&reading);
}

static void
on_load_dashboard_done_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  DdStatsReading *reading = dd_store_worker_run_finish (DD_STORE_WORKER (source), result, &error);

  if (reading == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, reading, (GDestroyNotify) dd_stats_reading_free);
}

static void
dd_stats_dispose (GObject *object)
{
  DdStats *self = DD_STATS (object);

  g_clear_object (&self->worker);
  g_clear_object (&self->derived_worker);
  g_clear_object (&self->worker_scoring);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dd_stats_parent_class)->dispose (object);
}

static void
dd_stats_class_init (DdStatsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_stats_dispose;
}

static void
dd_stats_init (DdStats *self)
{
}

/* Public API */

DdStats *
dd_stats_new (DdStore *store)
{
  DdStats *self;

  g_return_val_if_fail (DD_IS_STORE (store), NULL);

  self = g_object_new (DD_TYPE_STATS, NULL);
  self->store = g_object_ref (store);
  return self;
}

/**
 * dd_stats_get_store:
 *
 * Returns: (transfer none): the store whose file the figures are read from
 */
DdStore *
dd_stats_get_store (DdStats *self)
{
  g_return_val_if_fail (DD_IS_STATS (self), NULL);

  return self->store;
}

gboolean
dd_stats_get_headline (DdStats            *self,
                       const DdStatsQuery *query,
                       DdStatsHeadline    *out_headline,
                       GError            **error)
{
  g_return_val_if_fail (DD_IS_STATS (self), FALSE);

  return _dd_stats_read_headline (self->store, query, out_headline, error);
}

GPtrArray *
dd_stats_list_units (DdStats            *self,
                     const DdStatsQuery *query,
                     GError            **error)
{
  g_return_val_if_fail (DD_IS_STATS (self), NULL);

  return _dd_stats_read_units (self->store, query, error);
}

gboolean
dd_stats_get_progress (DdStats            *self,
                       const DdStatsQuery *query,
                       DdStatsProgress    *out_progress,
                       GError            **error)
{
  g_return_val_if_fail (DD_IS_STATS (self), FALSE);

  return _dd_stats_read_progress (self->store, query, out_progress, error);
}

GPtrArray *
dd_stats_list_indicators (DdStats            *self,
                          const DdStatsQuery *query,
                          GError            **error)
{
  g_autoptr(DdScoring) scoring = NULL;

  g_return_val_if_fail (DD_IS_STATS (self), NULL);

  return _dd_stats_read_indicators (self->store, query, &scoring, error);
}

gboolean
dd_stats_get_dashboard (DdStats            *self,
                        const DdStatsQuery *query,
                        DdStatsDashboard   *out_dashboard,
                        GError            **error)
{
  g_autoptr(DdScoring) scoring = NULL;

  g_return_val_if_fail (DD_IS_STATS (self), FALSE);

  return _dd_stats_read_dashboard (self->store, query, &scoring, out_dashboard, error);
}

void
dd_stats_reading_free (DdStatsReading *self)
{
  if (self == NULL)
    return;
  if (self->loaded & (DD_STATS_LOAD_FIGURES | DD_STATS_LOAD_DERIVED))
    dd_stats_dashboard_clear (&self->dashboard);
  g_clear_object (&self->plans);
  g_free (self);
}

void
dd_stats_load_dashboard_async (DdStats             *self,
                               const DdStatsQuery  *query,
                               DdStatsLoad          what,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DdStoreWorker **worker;
  gboolean count_alone;
  LoadData *load;

  g_return_if_fail (DD_IS_STATS (self));
  g_return_if_fail (query != NULL);

  /* The scorecards (worker_scoring) are only ever used on one thread. The
   * "6 rõ" count asked alone goes there too, before the derived indicators
   * asked after it: the dashboard's figures, charts and count are then
   * each the first job of a worker (two cores), the derived indicators,
   * which show that they are being read, come last. */
  count_alone = (what & (DD_STATS_LOAD_SIX_CLEAR | DD_STATS_LOAD_FIGURES)) == DD_STATS_LOAD_SIX_CLEAR;
  worker = (what & DD_STATS_LOAD_DERIVED) || count_alone ? &self->derived_worker : &self->worker;
  if (*worker == NULL)
    *worker = dd_store_worker_new (self->store, DD_STORE_WORKER_BACKGROUND | DD_STORE_WORKER_SMALL_CACHE
                                                | DD_STORE_WORKER_LONG);

  load = g_new0 (LoadData, 1);
  load->query = *query;
  load->what = what;
  load->scoring = &self->worker_scoring;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_stats_load_dashboard_async);
  dd_store_worker_run_async (*worker, load_dashboard_job, load, g_free,
                             (GDestroyNotify) dd_stats_reading_free, cancellable,
                             on_load_dashboard_done_cb, g_steal_pointer (&task));
}

DdStatsReading *
dd_stats_load_dashboard_finish (DdStats       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (DD_IS_STATS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
