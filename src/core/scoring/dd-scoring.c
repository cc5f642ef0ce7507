/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-scoring"

#include "config.h"

#include "dd-scoring-object-private.h"

/*
 * DdScoring: the scorecards of a store's units, the settings of their
 * score, and the "6 rõ" check of a plan. What the scorecards read is kept
 * in the object (DdScoringCache, dd-scoring-cache.c) while the store's
 * stamp says nothing was committed; the counting and scoring of the
 * periods is dd-scoring-scan.c's, the loads on a worker of the object's
 * own dd-scoring-async.c's.
 */

G_DEFINE_FINAL_TYPE (DdScoring, dd_scoring, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
dd_scoring_dispose (GObject *object)
{
  DdScoring *self = DD_SCORING (object);

  /* No load is running: each holds the object until its end came back. */
  g_clear_object (&self->worker);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dd_scoring_parent_class)->dispose (object);
}

static void
dd_scoring_finalize (GObject *object)
{
  DdScoring *self = DD_SCORING (object);

  g_clear_pointer (&self->cache, _dd_scoring_cache_free);
  g_clear_pointer (&self->relay.cache, _dd_scoring_cache_free);

  G_OBJECT_CLASS (dd_scoring_parent_class)->finalize (object);
}

static void
dd_scoring_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DdScoring *self = DD_SCORING (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_scoring_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  DdScoring *self = DD_SCORING (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_scoring_class_init (DdScoringClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_scoring_dispose;
  object_class->finalize = dd_scoring_finalize;
  object_class->get_property = dd_scoring_get_property;
  object_class->set_property = dd_scoring_set_property;

  /**
   * DdScoring:store:
   *
   * The store whose units are scored.
   */
  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DD_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_scoring_init (DdScoring *self)
{
  self->cache = _dd_scoring_cache_new ();
  dd_store_stamp_clear (&self->loan_stamp);
}

void
_dd_scoring_judged_day (const DdScorePeriod *period,
                        const GDate         *as_of,
                        GDate               *out_day)
{
  if (dd_date_is_set (as_of))
    *out_day = *as_of;
  else
    dd_sql_today (out_day);
  /* The tasks of a period are judged as they stood at its end at the
   * latest, its reports as of this day (dd-scoring-scan.c). */
}

DdScoring *
dd_scoring_new (DdStore *store)
{
  g_return_val_if_fail (DD_IS_STORE (store), NULL);

  return g_object_new (DD_TYPE_SCORING, "store", store, NULL);
}

DdStore *
dd_scoring_get_store (DdScoring *self)
{
  g_return_val_if_fail (DD_IS_SCORING (self), NULL);

  return self->store;
}

void
_dd_scoring_get_cache_counts (DdScoring *self,
                              guint     *out_partial,
                              guint     *out_full)
{
  g_return_if_fail (DD_IS_SCORING (self));

  *out_partial = self->cache != NULL ? self->cache->n_partial_refreshes : 0;
  *out_full = self->cache != NULL ? self->cache->n_full_reads : 0;
}

gboolean
dd_scoring_get_weights (DdScoring       *self,
                        DdScoreWeights  *out,
                        GError         **error)
{
  g_return_val_if_fail (DD_IS_SCORING (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  return _dd_scoring_read_weights (self->store, out, error);
}

gboolean
dd_scoring_set_weights (DdScoring             *self,
                        const DdScoreWeights  *weights,
                        GError               **error)
{
  g_return_val_if_fail (DD_IS_SCORING (self), FALSE);
  g_return_val_if_fail (weights != NULL, FALSE);

  return _dd_scoring_write_weights (self->store, weights, error);
}

GListModel *
dd_scoring_list_scorecards (DdScoring            *self,
                            const DdScorePeriod  *period,
                            const GDate          *as_of,
                            GError              **error)
{
  g_autoptr(DdScoringCache) temporary = NULL;
  g_autoptr(DdScoringCache) stand_in = NULL;
  DdScoringCache *kept = self->cache;
  DdScoringCache *cache;
  GListModel *cards;
  GDate day;

  g_return_val_if_fail (DD_IS_SCORING (self), NULL);
  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (self->cache == NULL || !self->cache->without_words, NULL);

  _dd_scoring_judged_day (period, as_of, &day);

  /* Lent to the loads on the worker (dd-scoring-async.c): this call reads
   * for itself. */
  if (kept == NULL)
    kept = stand_in = _dd_scoring_cache_new ();
  cache = _dd_scoring_cache_get (kept, self->store, &temporary, error);
  if (cache == NULL)
    return NULL;
  cards = _dd_scoring_cache_list_scorecards (cache, self->store, period, &day, error);
  if (cache == self->cache)
    _dd_scoring_cache_check_after (cache, self->store);
  return cards;
}

DdScoring *
_dd_scoring_new_for_derived (DdStore *store)
{
  DdScoring *self = dd_scoring_new (store);

  self->cache->without_words = TRUE;
  return self;
}

GArray *
_dd_scoring_sum_derived (DdScoring           *self,
                         const DdScorePeriod *period,
                         const GDate         *as_of,
                         gint64               unit_id,
                         GError             **error)
{
  g_autoptr(DdScoringCache) temporary = NULL;
  DdScoringCache *cache;
  GArray *sums;
  GDate day;

  g_return_val_if_fail (DD_IS_SCORING (self), NULL);
  g_return_val_if_fail (period != NULL, NULL);
  /* Never lent: such a scoring makes no scorecards on a worker. */
  g_return_val_if_fail (self->cache != NULL, NULL);

  _dd_scoring_judged_day (period, as_of, &day);
  cache = _dd_scoring_cache_get (self->cache, self->store, &temporary, error);
  if (cache == NULL)
    return NULL;
  sums = _dd_scoring_cache_sum_derived (cache, self->store, period, &day, unit_id, error);
  if (cache == self->cache)
    _dd_scoring_cache_check_after (cache, self->store);
  return sums;
}

GPtrArray *
dd_scoring_check_six_clear (DdScoring  *self,
                            gint64      plan_id,
                            GError    **error)
{
  DdStore *store;
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_six_clear_finding_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) coordinators = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_SCORING (self), NULL);

  store = self->store;
  stmt = dd_sql_prepare (store,
                         "SELECT t.id, t.number, t.title, u.name, ifnull (u.is_group, 0), tp.person, "
                         "t.deadline_kind, t.due_on IS NOT NULL, t.deadline_understood, t.product, t.directing "
                         "FROM tasks t LEFT JOIN units u ON u.id = t.lead_unit_id "
                         "LEFT JOIN task_people tp ON tp.task_id = t.id "
                         "WHERE t.deleted_at IS NULL AND " DD_SQL_TASK_SHOWN ("t.id") " AND (?1 = 0 OR t.plan_id = ?1) "
                         "ORDER BY t.plan_id, t.position, t.id", error);
  if (stmt == NULL)
    return NULL;
  coordinators = dd_sql_prepare (store,
                                 "SELECT u.name FROM task_coordinators c JOIN units u ON u.id = c.unit_id "
                                 "WHERE c.task_id = ?1 ORDER BY c.position", error);
  if (coordinators == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      DdSixClearFinding *finding = g_new0 (DdSixClearFinding, 1);
      DdSixClearInput input = { 0 };
      int crc;

      finding->task_id = sqlite3_column_int64 (stmt, 0);
      finding->number = g_strdup (dd_sql_column_text (stmt, 1));
      finding->title = g_strdup (dd_sql_column_text (stmt, 2));
      finding->messages = g_ptr_array_new_with_free_func (g_free);

      sqlite3_reset (coordinators);
      sqlite3_bind_int64 (coordinators, 1, finding->task_id);
      while ((crc = sqlite3_step (coordinators)) == SQLITE_ROW)
        g_ptr_array_add (names, g_strdup (dd_sql_column_text (coordinators, 0)));
      g_ptr_array_add (names, NULL);

      input.title = finding->title;
      input.lead = dd_sql_column_text (stmt, 3);
      input.lead_is_group = sqlite3_column_int (stmt, 4) != 0;
      input.person = dd_sql_column_text (stmt, 5);
      input.coordinators = (const char * const *) names->pdata;
      input.kind = (DdDeadlineKind) CLAMP (sqlite3_column_int (stmt, 6), 0, DD_N_DEADLINE_KINDS - 1);
      input.has_due = sqlite3_column_int (stmt, 7) != 0;
      input.deadline_understood = sqlite3_column_int (stmt, 8) != 0;
      input.product = dd_sql_column_text (stmt, 9);
      input.directing = dd_sql_column_text (stmt, 10);
      finding->missing = dd_six_clear_check (&input, finding->messages);
      g_ptr_array_add (findings, finding);
      if (crc != SQLITE_DONE)
        {
          dd_sql_set_sqlite_error (store, crc, error);
          return NULL;
        }
    }
  if (!_dd_scoring_read_done (store, rc, error))
    return NULL;
  return g_steal_pointer (&findings);
}
