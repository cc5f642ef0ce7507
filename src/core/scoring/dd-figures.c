/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-figures"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-store-private.h"
#include "dd-scoring-private.h"

/*
 * DdFigures: what is typed for the scorecards besides the tasks — the
 * indicators of the plans and their figures per unit and period, the
 * dossier figures — over a DdStore (the CSV import of indicator figures is
 * dd-figures-import.c). No state but the store: DdScoring reads the same
 * tables and sees these writes through the store. Bound parameters only.
 */

struct _DdFigures
{
  GObject parent_instance;

  DdStore *store;
};

G_DEFINE_FINAL_TYPE (DdFigures, dd_figures, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static gboolean
unit_exists (DdStore *store,
             gint64   unit_id)
{
  g_autoptr(sqlite3_stmt) stmt = dd_sql_prepare (store, "SELECT 1 FROM units WHERE id = ?1", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, unit_id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
no_such_unit (gint64   unit_id,
              GError **error)
{
  g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
               _("There is no unit with id %lld."), (long long) unit_id);
  return FALSE;
}

static gboolean
read_rows_done (DdStore  *store,
                int       rc,
                GError  **error)
{
  if (rc != SQLITE_DONE)
    return dd_sql_set_sqlite_error (store, rc, error);
  return TRUE;
}

static void
dd_figures_dispose (GObject *object)
{
  DdFigures *self = DD_FIGURES (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (dd_figures_parent_class)->dispose (object);
}

static void
dd_figures_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DdFigures *self = DD_FIGURES (object);

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
dd_figures_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  DdFigures *self = DD_FIGURES (object);

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
dd_figures_class_init (DdFiguresClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_figures_dispose;
  object_class->get_property = dd_figures_get_property;
  object_class->set_property = dd_figures_set_property;

  /**
   * DdFigures:store:
   *
   * The store the figures are read from and written to.
   */
  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DD_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_figures_init (DdFigures *self)
{
}

DdFigures *
dd_figures_new (DdStore *store)
{
  g_return_val_if_fail (DD_IS_STORE (store), NULL);

  return g_object_new (DD_TYPE_FIGURES, "store", store, NULL);
}

DdStore *
dd_figures_get_store (DdFigures *self)
{
  g_return_val_if_fail (DD_IS_FIGURES (self), NULL);

  return self->store;
}

/* Indicators */

void
dd_indicator_info_free (DdIndicatorInfo *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self);
}

void
dd_indicator_figure_free (DdIndicatorFigure *self)
{
  if (self == NULL)
    return;
  g_free (self->unit_name);
  g_free (self->source);
  g_free (self);
}

GPtrArray *
_dd_figures_read_indicators (DdStore  *store,
                             gint64    plan_id,
                             GError  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_indicator_info_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = dd_sql_prepare (store,
                         "SELECT i.id, i.plan_id, i.position, i.title, i.target, "
                         "EXISTS (SELECT 1 FROM indicator_rules r WHERE r.indicator_id = i.id) "
                         "FROM indicators i WHERE ?1 = 0 OR i.plan_id = ?1 "
                         "ORDER BY i.plan_id, i.position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DdIndicatorInfo *info = g_new0 (DdIndicatorInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->plan_id = sqlite3_column_int64 (stmt, 1);
      info->position = sqlite3_column_int (stmt, 2);
      info->title = g_strdup (dd_sql_column_text (stmt, 3));
      info->target = sqlite3_column_double (stmt, 4);
      info->derived = sqlite3_column_int (stmt, 5) != 0;
      g_ptr_array_add (list, info);
    }
  if (!read_rows_done (store, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

GPtrArray *
dd_figures_list_indicators (DdFigures  *self,
                            gint64      plan_id,
                            GError    **error)
{
  g_return_val_if_fail (DD_IS_FIGURES (self), NULL);

  return _dd_figures_read_indicators (self->store, plan_id, error);
}

gboolean
dd_figures_set_indicator_figure (DdFigures            *self,
                                 gint64                indicator_id,
                                 gint64                unit_id,
                                 const DdScorePeriod  *period,
                                 double                numerator,
                                 double                denominator,
                                 const char           *source,
                                 GError              **error)
{
  DdStore *store;
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *now = dd_sql_now_utc ();
  g_autofree char *clean_source = dd_text_normalize_space (source);
  int rc;

  g_return_val_if_fail (DD_IS_FIGURES (self), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);

  store = self->store;

  if (!isfinite (numerator) || !isfinite (denominator) || numerator < 0 || denominator < 0)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("The numerator and the denominator must be numbers of at least 0"));
      return FALSE;
    }
  if (numerator > DD_FIGURES_MAX || denominator > DD_FIGURES_MAX)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("The numerator and the denominator must be at most 1,000,000,000,000"));
      return FALSE;
    }
  if (denominator == 0 && numerator != 0)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("The denominator is 0: the numerator must be 0 too"));
      return FALSE;
    }
  if (numerator > denominator)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("The numerator (%g) is larger than the denominator (%g)"), numerator, denominator);
      return FALSE;
    }

  find = dd_sql_prepare (store,
                         "SELECT EXISTS (SELECT 1 FROM indicator_rules WHERE indicator_id = i.id) "
                         "FROM indicators i WHERE i.id = ?1", error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_int64 (find, 1, indicator_id);
  rc = sqlite3_step (find);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        return dd_sql_set_sqlite_error (store, rc, error);
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
                   _("There is no indicator with id %lld."), (long long) indicator_id);
      return FALSE;
    }
  if (sqlite3_column_int (find, 0) != 0)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("Indicator %lld is derived from the tasks and dossier figures; it is not typed"),
                   (long long) indicator_id);
      return FALSE;
    }
  if (unit_id > 0 && !unit_exists (store, unit_id))
    return no_such_unit (unit_id, error);

  if (!_dd_store_begin (store, error))
    return FALSE;
  stmt = dd_sql_prepare (store,
                         "UPDATE indicator_figures SET numerator = ?5, denominator = ?6, source = ?7, "
                         "revision = revision + 1, updated_at = ?8, updated_by = ?9 "
                         "WHERE indicator_id = ?1 AND ifnull (unit_id, 0) = ifnull (?2, 0) "
                         "AND period_start = ?3 AND period_end = ?4", error);
  insert = stmt == NULL ? NULL : dd_sql_prepare (store,
                         "INSERT INTO indicator_figures (indicator_id, unit_id, period_start, period_end, "
                         "numerator, denominator, source, updated_at, updated_by) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (insert == NULL)
    goto fail;
  for (guint s = 0; s < 2; s++)
    {
      sqlite3_stmt *one = s == 0 ? stmt : insert;

      sqlite3_bind_int64 (one, 1, indicator_id);
      dd_sql_bind_id (one, 2, unit_id);
      dd_sql_bind_date (one, 3, &period->start);
      dd_sql_bind_date (one, 4, &period->end);
      sqlite3_bind_double (one, 5, numerator);
      sqlite3_bind_double (one, 6, denominator);
      dd_sql_bind_text (one, 7, clean_source != NULL && *clean_source != '\0' ? clean_source : NULL);
      dd_sql_bind_text (one, 8, now);
      dd_sql_bind_text (one, 9, dd_store_get_user (store));
    }
  if (!dd_sql_step_upsert (store, stmt, insert, error))
    goto fail;
  return _dd_store_commit (store, error);

fail:
  _dd_store_rollback (store);
  return FALSE;
}

gboolean
dd_figures_clear_indicator_figure (DdFigures            *self,
                                   gint64                indicator_id,
                                   gint64                unit_id,
                                   const DdScorePeriod  *period,
                                   GError              **error)
{
  DdStore *store;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (DD_IS_FIGURES (self), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);

  store = self->store;

  if (!_dd_store_begin (store, error))
    return FALSE;
  stmt = dd_sql_prepare (store,
                         "DELETE FROM indicator_figures WHERE indicator_id = ?1 AND ifnull (unit_id, 0) = ?2 "
                         "AND period_start = ?3 AND period_end = ?4", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, indicator_id);
  sqlite3_bind_int64 (stmt, 2, MAX (unit_id, 0));
  dd_sql_bind_date (stmt, 3, &period->start);
  dd_sql_bind_date (stmt, 4, &period->end);
  if (!dd_sql_step_done (store, stmt, error))
    goto fail;
  return _dd_store_commit (store, error);

fail:
  _dd_store_rollback (store);
  return FALSE;
}

GPtrArray *
dd_figures_list_indicator_figures (DdFigures            *self,
                                   gint64                indicator_id,
                                   const DdScorePeriod  *period,
                                   GError              **error)
{
  DdStore *store;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_indicator_figure_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_FIGURES (self), NULL);

  store = self->store;

  /* One indicator's figures through the index: "?1 = 0 OR" would scan
   * them all (144,000 rows on a large office's file, 47 ms). */
#define FIGURES_SELECT "SELECT f.id, f.indicator_id, ifnull (f.unit_id, 0), u.name, f.period_start, " \
                       "f.period_end, f.numerator, f.denominator, f.source " \
                       "FROM indicator_figures f LEFT JOIN units u ON u.id = f.unit_id WHERE "
#define FIGURES_REST "AND (?2 IS NULL OR (f.period_start >= ?2 AND f.period_end <= ?3)) " \
                     "ORDER BY f.indicator_id, u.sort_key, f.period_start"
  stmt = dd_sql_prepare (store,
                         indicator_id != 0 ? FIGURES_SELECT "f.indicator_id = ?1 " FIGURES_REST
                                           : FIGURES_SELECT "?1 = 0 " FIGURES_REST,
                         error);
#undef FIGURES_SELECT
#undef FIGURES_REST
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, indicator_id);
  if (period != NULL)
    {
      dd_sql_bind_date (stmt, 2, &period->start);
      dd_sql_bind_date (stmt, 3, &period->end);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DdIndicatorFigure *figure = g_new0 (DdIndicatorFigure, 1);

      figure->id = sqlite3_column_int64 (stmt, 0);
      figure->indicator_id = sqlite3_column_int64 (stmt, 1);
      figure->unit_id = sqlite3_column_int64 (stmt, 2);
      figure->unit_name = g_strdup (dd_sql_column_text (stmt, 3));
      dd_sql_column_date (stmt, 4, &figure->period_start);
      dd_sql_column_date (stmt, 5, &figure->period_end);
      figure->numerator = sqlite3_column_double (stmt, 6);
      figure->denominator = sqlite3_column_double (stmt, 7);
      figure->source = g_strdup (dd_sql_column_text (stmt, 8));
      g_ptr_array_add (list, figure);
    }
  if (!read_rows_done (store, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

gboolean
dd_figures_sum_indicator (DdFigures            *self,
                          gint64                indicator_id,
                          const gint64         *unit_ids,
                          guint                 n_units,
                          const DdScorePeriod  *periods,
                          guint                 n_periods,
                          DdScoreIndicator     *out,
                          GError              **error)
{
  DdStore *store;
  g_autoptr(sqlite3_stmt) info = NULL;
  g_autoptr(sqlite3_stmt) sum = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_FIGURES (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (periods != NULL || n_periods == 0, FALSE);

  store = self->store;

  memset (out, 0, sizeof *out);
  info = dd_sql_prepare (store, "SELECT title, target FROM indicators WHERE id = ?1", error);
  if (info == NULL)
    return FALSE;
  sqlite3_bind_int64 (info, 1, indicator_id);
  rc = sqlite3_step (info);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        return dd_sql_set_sqlite_error (store, rc, error);
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
                   _("There is no indicator with id %lld."), (long long) indicator_id);
      return FALSE;
    }
  out->indicator_id = indicator_id;
  out->title = g_strdup (dd_sql_column_text (info, 0));
  out->target = sqlite3_column_double (info, 1);

  /* Sums, not ratios: each (unit, period) adds its numerator and its
   * denominator, and the ratio is taken once at the end. */
  sum = dd_sql_prepare (store,
                        "SELECT total (numerator), total (denominator) FROM indicator_figures "
                        "WHERE indicator_id = ?1 AND period_start >= ?2 AND period_end <= ?3 "
                        "AND (?4 = 0 OR unit_id = ?5) "
                        /* Figures above the bound cannot be entered; one
                         * of an older or altered file is left out, so
                         * that the sum stays finite. */
                        "AND numerator BETWEEN 0 AND ?6 AND denominator BETWEEN 0 AND ?6", error);
  if (sum == NULL)
    return FALSE;
  for (guint p = 0; p < n_periods; p++)
    for (guint u = 0; u < MAX (n_units, 1); u++)
      {
        if (unit_ids != NULL && n_units == 0)
          break;
        sqlite3_reset (sum);
        sqlite3_bind_int64 (sum, 1, indicator_id);
        dd_sql_bind_date (sum, 2, &periods[p].start);
        dd_sql_bind_date (sum, 3, &periods[p].end);
        sqlite3_bind_int (sum, 4, unit_ids != NULL);
        sqlite3_bind_int64 (sum, 5, unit_ids != NULL ? unit_ids[u] : 0);
        sqlite3_bind_double (sum, 6, DD_FIGURES_MAX);
        rc = sqlite3_step (sum);
        if (rc != SQLITE_ROW)
          return dd_sql_set_sqlite_error (store, rc, error);
        out->numerator += sqlite3_column_double (sum, 0);
        out->denominator += sqlite3_column_double (sum, 1);
      }
  _dd_score_indicator_update (out);
  return TRUE;
}

/* Dossiers */

gboolean
dd_dossier_figures_validate (const DdDossierFigures  *self,
                             GError                 **error)
{
  guint64 resolved;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->on_time > G_MAXINT32 || self->late > G_MAXINT32 || self->received > G_MAXINT32 ||
      self->pending > G_MAXINT32 || self->apologies > G_MAXINT32)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID, _("A dossier figure is too large"));
      return FALSE;
    }
  resolved = (guint64) self->on_time + self->late;
  if (resolved > self->received)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("The dossiers resolved on time (%u) and late (%u) add up to %u, more than the %u received"),
                   self->on_time, self->late, (guint) resolved, self->received);
      return FALSE;
    }
  if (resolved + self->pending > self->received)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("The dossiers resolved (%u) and pending (%u) add up to %u, more than the %u received"),
                   (guint) resolved, self->pending, (guint) (resolved + self->pending),
                   self->received);
      return FALSE;
    }
  if (self->apologies > self->late)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("There are more apology letters (%u) than dossiers resolved late (%u)"),
                   self->apologies, self->late);
      return FALSE;
    }
  return TRUE;
}

gboolean
dd_figures_set_dossier_figures (DdFigures               *self,
                                gint64                   unit_id,
                                const DdScorePeriod     *period,
                                const DdDossierFigures  *figures,
                                const char              *source,
                                GError                 **error)
{
  DdStore *store;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *now = dd_sql_now_utc ();
  g_autofree char *clean_source = dd_text_normalize_space (source);

  g_return_val_if_fail (DD_IS_FIGURES (self), FALSE);
  g_return_val_if_fail (period != NULL && figures != NULL, FALSE);

  store = self->store;

  if (!dd_dossier_figures_validate (figures, error))
    return FALSE;
  if (unit_id > 0 && !unit_exists (store, unit_id))
    return no_such_unit (unit_id, error);

  if (!_dd_store_begin (store, error))
    return FALSE;
  stmt = dd_sql_prepare (store,
                         "UPDATE dossier_figures SET received = ?4, on_time = ?5, late = ?6, pending = ?7, "
                         "apologies = ?8, source = ?9, revision = revision + 1, updated_at = ?10, "
                         "updated_by = ?11 WHERE ifnull (unit_id, 0) = ifnull (?1, 0) "
                         "AND period_start = ?2 AND period_end = ?3", error);
  insert = stmt == NULL ? NULL : dd_sql_prepare (store,
                         "INSERT INTO dossier_figures (unit_id, period_start, period_end, received, on_time, "
                         "late, pending, apologies, source, updated_at, updated_by) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", error);
  if (insert == NULL)
    goto fail;
  for (guint s = 0; s < 2; s++)
    {
      sqlite3_stmt *one = s == 0 ? stmt : insert;

      dd_sql_bind_id (one, 1, unit_id);
      dd_sql_bind_date (one, 2, &period->start);
      dd_sql_bind_date (one, 3, &period->end);
      sqlite3_bind_int64 (one, 4, figures->received);
      sqlite3_bind_int64 (one, 5, figures->on_time);
      sqlite3_bind_int64 (one, 6, figures->late);
      sqlite3_bind_int64 (one, 7, figures->pending);
      sqlite3_bind_int64 (one, 8, figures->apologies);
      dd_sql_bind_text (one, 9, clean_source != NULL && *clean_source != '\0' ? clean_source : NULL);
      dd_sql_bind_text (one, 10, now);
      dd_sql_bind_text (one, 11, dd_store_get_user (store));
    }
  if (!dd_sql_step_upsert (store, stmt, insert, error))
    goto fail;
  return _dd_store_commit (store, error);

fail:
  _dd_store_rollback (store);
  return FALSE;
}

gboolean
dd_figures_get_dossier_figures (DdFigures            *self,
                                gint64                unit_id,
                                const DdScorePeriod  *period,
                                DdDossierFigures     *out,
                                gboolean             *out_found,
                                GError              **error)
{
  DdStore *store;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_FIGURES (self), FALSE);
  g_return_val_if_fail (period != NULL && out != NULL, FALSE);

  store = self->store;

  memset (out, 0, sizeof *out);
  stmt = dd_sql_prepare (store,
                         "SELECT count (*), total (received), total (on_time), total (late), total (pending), "
                         "total (apologies) FROM dossier_figures "
                         "WHERE (?1 < 0 OR ifnull (unit_id, 0) = ?1) AND period_start >= ?2 AND period_end <= ?3",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, unit_id);
  dd_sql_bind_date (stmt, 2, &period->start);
  dd_sql_bind_date (stmt, 3, &period->end);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return dd_sql_set_sqlite_error (store, rc, error);
  if (out_found != NULL)
    *out_found = sqlite3_column_int (stmt, 0) > 0;
  out->received = (guint) sqlite3_column_double (stmt, 1);
  out->on_time = (guint) sqlite3_column_double (stmt, 2);
  out->late = (guint) sqlite3_column_double (stmt, 3);
  out->pending = (guint) sqlite3_column_double (stmt, 4);
  out->apologies = (guint) sqlite3_column_double (stmt, 5);
  return TRUE;
}
