/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store-scoring"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-store-private.h"
#include "dd-scoring-private.h"

/*
 * The scorecard's side of DdStore: the settings of the score, indicator and
 * dossier figures, the person of a task, renaming and merging units, the
 * "6 rõ" check of a plan, and the figures each unit is scored on
 * (dd_store_list_scorecards()). Bound parameters only.
 */

/* Settings */

typedef struct
{
  const char *key;
  gsize offset;
  gboolean is_uint;
} WeightKey;

static const WeightKey weight_keys[] = {
  { "score.weight.tasks", G_STRUCT_OFFSET (DdScoreWeights, weight_tasks), FALSE },
  { "score.weight.reports", G_STRUCT_OFFSET (DdScoreWeights, weight_reports), FALSE },
  { "score.weight.indicators", G_STRUCT_OFFSET (DdScoreWeights, weight_indicators), FALSE },
  { "score.weight.six_clear", G_STRUCT_OFFSET (DdScoreWeights, weight_six_clear), FALSE },
  { "score.late_factor", G_STRUCT_OFFSET (DdScoreWeights, late_factor), FALSE },
  { "score.coordinator_share", G_STRUCT_OFFSET (DdScoreWeights, coordinator_share), FALSE },
  { "score.level.excellent", G_STRUCT_OFFSET (DdScoreWeights, level_excellent), FALSE },
  { "score.level.good", G_STRUCT_OFFSET (DdScoreWeights, level_good), FALSE },
  { "score.level.pass", G_STRUCT_OFFSET (DdScoreWeights, level_pass), FALSE },
  { "score.trend_periods", G_STRUCT_OFFSET (DdScoreWeights, trend_periods), TRUE },
};

gboolean
dd_store_get_score_weights (DdStore         *self,
                            DdScoreWeights  *out,
                            GError         **error)
{
  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  dd_score_weights_init_defaults (out);
  for (guint i = 0; i < G_N_ELEMENTS (weight_keys); i++)
    {
      g_autofree char *value = dd_store_get_setting (self, weight_keys[i].key);
      guint8 *field = (guint8 *) out + weight_keys[i].offset;
      char *end = NULL;
      double number;

      if (value == NULL)
        continue;
      /* Settings are written with g_ascii_dtostr(): a dot, whatever the locale. */
      number = g_ascii_strtod (value, &end);
      if (end == value || *end != '\0' || !isfinite (number))
        {
          g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                       _("The setting “%s” is not a number: “%s”"), weight_keys[i].key, value);
          return FALSE;
        }
      if (weight_keys[i].is_uint)
        *(guint *) field = number < 0 ? 0 : (guint) number;
      else
        *(double *) field = number;
    }

  {
    g_autoptr(GError) local = NULL;

    if (!dd_score_weights_validate (out, &local))
      {
        g_set_error_literal (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID, local->message);
        return FALSE;
      }
  }
  return TRUE;
}

gboolean
dd_store_set_score_weights (DdStore               *self,
                            const DdScoreWeights  *weights,
                            GError               **error)
{
  g_autofree char *now = dd_sql_now_utc ();

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (weights != NULL, FALSE);

  if (!dd_score_weights_validate (weights, error))
    return FALSE;

  if (!_dd_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (weight_keys); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      const guint8 *field = (const guint8 *) weights + weight_keys[i].offset;
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      if (weight_keys[i].is_uint)
        g_snprintf (buffer, sizeof buffer, "%u", *(const guint *) field);
      else
        g_ascii_dtostr (buffer, sizeof buffer, *(const double *) field);

      stmt = dd_sql_prepare (self,
                             "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value, revision = revision + 1, "
                             "updated_at = excluded.updated_at, updated_by = excluded.updated_by "
                             "WHERE value IS NOT excluded.value",
                             error);
      if (stmt == NULL)
        goto fail;
      dd_sql_bind_text (stmt, 1, weight_keys[i].key);
      dd_sql_bind_text (stmt, 2, buffer);
      dd_sql_bind_text (stmt, 3, now);
      dd_sql_bind_text (stmt, 4, dd_store_get_user (self));
      if (!dd_sql_step_done (self, stmt, error))
        goto fail;
    }
  return _dd_store_commit (self, error);

fail:
  _dd_store_rollback (self);
  return FALSE;
}

/* Auxiliary methods */

static gboolean
unit_exists (DdStore *self,
             gint64   unit_id)
{
  g_autoptr(sqlite3_stmt) stmt = dd_sql_prepare (self, "SELECT 1 FROM units WHERE id = ?1", NULL);

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
read_rows_done (DdStore  *self,
                int       rc,
                GError  **error)
{
  if (rc != SQLITE_DONE)
    return dd_sql_set_sqlite_error (self, rc, error);
  return TRUE;
}

/* Indicators */

void
dd_indicator_info_free (DdIndicatorInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->title);
  g_free (info);
}

void
dd_indicator_figure_free (DdIndicatorFigure *figure)
{
  if (figure == NULL)
    return;
  g_free (figure->unit_name);
  g_free (figure->source);
  g_free (figure);
}

GPtrArray *
dd_store_list_indicators (DdStore  *self,
                          gint64    plan_id,
                          GError  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_indicator_info_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);

  stmt = dd_sql_prepare (self,
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
  if (!read_rows_done (self, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

gboolean
dd_store_set_indicator_figure (DdStore              *self,
                               gint64                indicator_id,
                               gint64                unit_id,
                               const DdScorePeriod  *period,
                               double                numerator,
                               double                denominator,
                               const char           *source,
                               GError              **error)
{
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = dd_sql_now_utc ();
  g_autofree char *clean_source = dd_text_normalize_space (source);
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);

  if (!isfinite (numerator) || !isfinite (denominator) || numerator < 0 || denominator < 0)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("The numerator and the denominator must be numbers of at least 0"));
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

  find = dd_sql_prepare (self,
                         "SELECT EXISTS (SELECT 1 FROM indicator_rules WHERE indicator_id = i.id) "
                         "FROM indicators i WHERE i.id = ?1", error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_int64 (find, 1, indicator_id);
  rc = sqlite3_step (find);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        return dd_sql_set_sqlite_error (self, rc, error);
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
  if (unit_id > 0 && !unit_exists (self, unit_id))
    return no_such_unit (unit_id, error);

  if (!_dd_store_begin (self, error))
    return FALSE;
  stmt = dd_sql_prepare (self,
                         "INSERT INTO indicator_figures (indicator_id, unit_id, period_start, period_end, "
                         "numerator, denominator, source, updated_at, updated_by) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                         "ON CONFLICT (indicator_id, ifnull (unit_id, 0), period_start, period_end) DO UPDATE SET "
                         "numerator = excluded.numerator, denominator = excluded.denominator, "
                         "source = excluded.source, revision = revision + 1, "
                         "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                         error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, indicator_id);
  dd_sql_bind_id (stmt, 2, unit_id);
  dd_sql_bind_date (stmt, 3, &period->start);
  dd_sql_bind_date (stmt, 4, &period->end);
  sqlite3_bind_double (stmt, 5, numerator);
  sqlite3_bind_double (stmt, 6, denominator);
  dd_sql_bind_text (stmt, 7, clean_source != NULL && *clean_source != '\0' ? clean_source : NULL);
  dd_sql_bind_text (stmt, 8, now);
  dd_sql_bind_text (stmt, 9, dd_store_get_user (self));
  if (!dd_sql_step_done (self, stmt, error))
    goto fail;
  return _dd_store_commit (self, error);

fail:
  _dd_store_rollback (self);
  return FALSE;
}

gboolean
dd_store_clear_indicator_figure (DdStore              *self,
                                 gint64                indicator_id,
                                 gint64                unit_id,
                                 const DdScorePeriod  *period,
                                 GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);

  if (!_dd_store_begin (self, error))
    return FALSE;
  stmt = dd_sql_prepare (self,
                         "DELETE FROM indicator_figures WHERE indicator_id = ?1 AND ifnull (unit_id, 0) = ?2 "
                         "AND period_start = ?3 AND period_end = ?4", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, indicator_id);
  sqlite3_bind_int64 (stmt, 2, MAX (unit_id, 0));
  dd_sql_bind_date (stmt, 3, &period->start);
  dd_sql_bind_date (stmt, 4, &period->end);
  if (!dd_sql_step_done (self, stmt, error))
    goto fail;
  return _dd_store_commit (self, error);

fail:
  _dd_store_rollback (self);
  return FALSE;
}

GPtrArray *
dd_store_list_indicator_figures (DdStore              *self,
                                 gint64                indicator_id,
                                 const DdScorePeriod  *period,
                                 GError              **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_indicator_figure_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);

  stmt = dd_sql_prepare (self,
                         "SELECT f.id, f.indicator_id, ifnull (f.unit_id, 0), u.name, f.period_start, "
                         "f.period_end, f.numerator, f.denominator, f.source "
                         "FROM indicator_figures f LEFT JOIN units u ON u.id = f.unit_id "
                         "WHERE (?1 = 0 OR f.indicator_id = ?1) "
                         "AND (?2 IS NULL OR (f.period_start >= ?2 AND f.period_end <= ?3)) "
                         "ORDER BY f.indicator_id, u.sort_key, f.period_start", error);
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
  if (!read_rows_done (self, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

gboolean
dd_store_sum_indicator (DdStore              *self,
                        gint64                indicator_id,
                        const gint64         *unit_ids,
                        guint                 n_units,
                        const DdScorePeriod  *periods,
                        guint                 n_periods,
                        DdScoreIndicator     *out,
                        GError              **error)
{
  g_autoptr(sqlite3_stmt) info = NULL;
  g_autoptr(sqlite3_stmt) sum = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (periods != NULL || n_periods == 0, FALSE);

  memset (out, 0, sizeof *out);
  info = dd_sql_prepare (self, "SELECT title, target FROM indicators WHERE id = ?1", error);
  if (info == NULL)
    return FALSE;
  sqlite3_bind_int64 (info, 1, indicator_id);
  rc = sqlite3_step (info);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        return dd_sql_set_sqlite_error (self, rc, error);
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
                   _("There is no indicator with id %lld."), (long long) indicator_id);
      return FALSE;
    }
  out->indicator_id = indicator_id;
  out->title = g_strdup (dd_sql_column_text (info, 0));
  out->target = sqlite3_column_double (info, 1);

  /* Sums, not ratios: each (unit, period) adds its numerator and its
   * denominator, and the ratio is taken once at the end. */
  sum = dd_sql_prepare (self,
                        "SELECT total (numerator), total (denominator) FROM indicator_figures "
                        "WHERE indicator_id = ?1 AND period_start >= ?2 AND period_end <= ?3 "
                        "AND (?4 = 0 OR unit_id = ?5)", error);
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
        rc = sqlite3_step (sum);
        if (rc != SQLITE_ROW)
          return dd_sql_set_sqlite_error (self, rc, error);
        out->numerator += sqlite3_column_double (sum, 0);
        out->denominator += sqlite3_column_double (sum, 1);
      }
  _dd_score_indicator_update (out);
  return TRUE;
}

/* Dossiers */

gboolean
dd_dossier_figures_validate (const DdDossierFigures  *figures,
                             GError                 **error)
{
  guint64 resolved;

  g_return_val_if_fail (figures != NULL, FALSE);

  if (figures->on_time > G_MAXINT32 || figures->late > G_MAXINT32 || figures->received > G_MAXINT32 ||
      figures->pending > G_MAXINT32 || figures->apologies > G_MAXINT32)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID, _("A dossier figure is too large"));
      return FALSE;
    }
  resolved = (guint64) figures->on_time + figures->late;
  if (resolved > figures->received)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("The dossiers resolved on time (%u) and late (%u) add up to %u, more than the %u received"),
                   figures->on_time, figures->late, (guint) resolved, figures->received);
      return FALSE;
    }
  if (resolved + figures->pending > figures->received)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("The dossiers resolved (%u) and pending (%u) add up to %u, more than the %u received"),
                   (guint) resolved, figures->pending, (guint) (resolved + figures->pending),
                   figures->received);
      return FALSE;
    }
  if (figures->apologies > figures->late)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("There are more apology letters (%u) than dossiers resolved late (%u)"),
                   figures->apologies, figures->late);
      return FALSE;
    }
  return TRUE;
}

gboolean
dd_store_set_dossier_figures (DdStore                 *self,
                              gint64                   unit_id,
                              const DdScorePeriod     *period,
                              const DdDossierFigures  *figures,
                              const char              *source,
                              GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = dd_sql_now_utc ();
  g_autofree char *clean_source = dd_text_normalize_space (source);

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (period != NULL && figures != NULL, FALSE);

  if (!dd_dossier_figures_validate (figures, error))
    return FALSE;
  if (unit_id > 0 && !unit_exists (self, unit_id))
    return no_such_unit (unit_id, error);

  if (!_dd_store_begin (self, error))
    return FALSE;
  stmt = dd_sql_prepare (self,
                         "INSERT INTO dossier_figures (unit_id, period_start, period_end, received, on_time, "
                         "late, pending, apologies, source, updated_at, updated_by) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
                         "ON CONFLICT (ifnull (unit_id, 0), period_start, period_end) DO UPDATE SET "
                         "received = excluded.received, on_time = excluded.on_time, late = excluded.late, "
                         "pending = excluded.pending, apologies = excluded.apologies, source = excluded.source, "
                         "revision = revision + 1, updated_at = excluded.updated_at, "
                         "updated_by = excluded.updated_by", error);
  if (stmt == NULL)
    goto fail;
  dd_sql_bind_id (stmt, 1, unit_id);
  dd_sql_bind_date (stmt, 2, &period->start);
  dd_sql_bind_date (stmt, 3, &period->end);
  sqlite3_bind_int64 (stmt, 4, figures->received);
  sqlite3_bind_int64 (stmt, 5, figures->on_time);
  sqlite3_bind_int64 (stmt, 6, figures->late);
  sqlite3_bind_int64 (stmt, 7, figures->pending);
  sqlite3_bind_int64 (stmt, 8, figures->apologies);
  dd_sql_bind_text (stmt, 9, clean_source != NULL && *clean_source != '\0' ? clean_source : NULL);
  dd_sql_bind_text (stmt, 10, now);
  dd_sql_bind_text (stmt, 11, dd_store_get_user (self));
  if (!dd_sql_step_done (self, stmt, error))
    goto fail;
  return _dd_store_commit (self, error);

fail:
  _dd_store_rollback (self);
  return FALSE;
}

gboolean
dd_store_get_dossier_figures (DdStore              *self,
                              gint64                unit_id,
                              const DdScorePeriod  *period,
                              DdDossierFigures     *out,
                              gboolean             *out_found,
                              GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (period != NULL && out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  stmt = dd_sql_prepare (self,
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
    return dd_sql_set_sqlite_error (self, rc, error);
  if (out_found != NULL)
    *out_found = sqlite3_column_int (stmt, 0) > 0;
  out->received = (guint) sqlite3_column_double (stmt, 1);
  out->on_time = (guint) sqlite3_column_double (stmt, 2);
  out->late = (guint) sqlite3_column_double (stmt, 3);
  out->pending = (guint) sqlite3_column_double (stmt, 4);
  out->apologies = (guint) sqlite3_column_double (stmt, 5);
  return TRUE;
}

/* The person of a task */

gboolean
dd_store_set_task_person (DdStore     *self,
                          gint64       task_id,
                          const char  *person,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clean = dd_text_normalize_space (person);
  g_autofree char *now = dd_sql_now_utc ();

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);

  if (!_dd_store_begin (self, error))
    return FALSE;
  {
    g_autoptr(sqlite3_stmt) find = dd_sql_prepare (self, "SELECT 1 FROM tasks WHERE id = ?1", error);

    if (find == NULL)
      goto fail;
    sqlite3_bind_int64 (find, 1, task_id);
    if (sqlite3_step (find) != SQLITE_ROW)
      {
        g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
                     _("There is no task with id %lld."), (long long) task_id);
        goto fail;
      }
  }
  if (clean == NULL || *clean == '\0')
    stmt = dd_sql_prepare (self, "DELETE FROM task_people WHERE task_id = ?1", error);
  else
    stmt = dd_sql_prepare (self,
                           "INSERT INTO task_people (task_id, person, updated_at, updated_by) "
                           "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (task_id) DO UPDATE SET "
                           "person = excluded.person, revision = revision + 1, "
                           "updated_at = excluded.updated_at, updated_by = excluded.updated_by "
                           "WHERE person IS NOT excluded.person", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, task_id);
  if (clean != NULL && *clean != '\0')
    {
      dd_sql_bind_text (stmt, 2, clean);
      dd_sql_bind_text (stmt, 3, now);
      dd_sql_bind_text (stmt, 4, dd_store_get_user (self));
    }
  if (!dd_sql_step_done (self, stmt, error))
    goto fail;
  return _dd_store_commit (self, error);

fail:
  _dd_store_rollback (self);
  return FALSE;
}

char *
dd_store_dup_task_person (DdStore *self,
                          gint64   task_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);

  stmt = dd_sql_prepare (self, "SELECT person FROM task_people WHERE task_id = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, task_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup (dd_sql_column_text (stmt, 0));
  return NULL;
}

/* Units: rename and merge */

/* The tasks of a unit answer a search for its new name too (the old one
 * stays in their search text: a name people still use). */
static gboolean
add_search_name (DdStore     *self,
                 gint64       unit_id,
                 const char  *name,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *folded = dd_text_fold_for_search (name);

  stmt = dd_sql_prepare (self,
                         "UPDATE tasks SET search_text = search_text || char (10) || ?1 "
                         "WHERE (lead_unit_id = ?2 OR id IN (SELECT task_id FROM task_coordinators "
                         "WHERE unit_id = ?2)) AND instr (search_text, ?1) = 0", error);
  if (stmt == NULL)
    return FALSE;
  dd_sql_bind_text (stmt, 1, folded);
  sqlite3_bind_int64 (stmt, 2, unit_id);
  return dd_sql_step_done (self, stmt, error);
}

gboolean
dd_store_rename_unit (DdStore     *self,
                      gint64       unit_id,
                      const char  *name,
                      GError     **error)
{
  g_autofree char *clean = dd_text_normalize_space (name);
  g_autofree char *key = NULL;
  g_autofree char *now = dd_sql_now_utc ();
  g_autoptr(sqlite3_stmt) other = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint8 *sort_key;
  gsize sort_len;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);

  if (clean == NULL || *clean == '\0')
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID, _("A unit needs a name"));
      return FALSE;
    }
  if (!unit_exists (self, unit_id))
    return no_such_unit (unit_id, error);

  key = dd_text_unit_match_key (clean);
  other = dd_sql_prepare (self, "SELECT name FROM units WHERE match_key = ?1 AND id <> ?2", error);
  if (other == NULL)
    return FALSE;
  dd_sql_bind_text (other, 1, key);
  sqlite3_bind_int64 (other, 2, unit_id);
  rc = sqlite3_step (other);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_EXISTS,
                   _("Another unit is already called “%s”: merge the two units instead"),
                   dd_sql_column_text (other, 0));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return dd_sql_set_sqlite_error (self, rc, error);

  if (!_dd_store_begin (self, error))
    return FALSE;
  stmt = dd_sql_prepare (self,
                         "UPDATE units SET name = ?1, match_key = ?2, sort_key = ?3, "
                         "revision = revision + 1, updated_at = ?4, updated_by = ?5 WHERE id = ?6 "
                         "AND name IS NOT ?1", error);
  if (stmt == NULL)
    goto fail;
  sort_key = dd_text_collate_key (clean, &sort_len);
  dd_sql_bind_text (stmt, 1, clean);
  dd_sql_bind_text (stmt, 2, key);
  dd_sql_bind_blob (stmt, 3, sort_key, sort_len);
  dd_sql_bind_text (stmt, 4, now);
  dd_sql_bind_text (stmt, 5, dd_store_get_user (self));
  sqlite3_bind_int64 (stmt, 6, unit_id);
  if (!dd_sql_step_done (self, stmt, error))
    goto fail;
  if (!add_search_name (self, unit_id, clean, error))
    goto fail;
  return _dd_store_commit (self, error);

fail:
  _dd_store_rollback (self);
  return FALSE;
}

static gboolean
run_bound (DdStore     *self,
           const char  *sql,
           gint64       from_id,
           gint64       into_id,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = dd_sql_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from_id);
  sqlite3_bind_int64 (stmt, 2, into_id);
  return dd_sql_step_done (self, stmt, error);
}

gboolean
dd_store_merge_units (DdStore  *self,
                      gint64    from_id,
                      gint64    into_id,
                      GError  **error)
{
  /* Each statement binds ?1 = the unit that goes, ?2 = the unit that stays.
   * Figures of the same period are added (sums, so ratios stay right). */
  static const char * const steps[] = {
    "UPDATE tasks SET lead_unit_id = ?2, revision = revision + 1 WHERE lead_unit_id = ?1",
    /* A task led by the unit that stays does not coordinate with itself. */
    "DELETE FROM task_coordinators WHERE unit_id = ?1 "
    "AND task_id IN (SELECT id FROM tasks WHERE lead_unit_id = ?2)",
    "DELETE FROM task_coordinators WHERE unit_id = ?1 "
    "AND task_id IN (SELECT task_id FROM task_coordinators WHERE unit_id = ?2)",
    "UPDATE task_coordinators SET unit_id = ?2 WHERE unit_id = ?1",
    "UPDATE indicator_figures AS k SET numerator = k.numerator + g.numerator, "
    "denominator = k.denominator + g.denominator, revision = k.revision + 1 "
    "FROM indicator_figures AS g WHERE g.unit_id = ?1 AND k.unit_id = ?2 "
    "AND g.indicator_id = k.indicator_id AND g.period_start = k.period_start "
    "AND g.period_end = k.period_end",
    "DELETE FROM indicator_figures WHERE unit_id = ?1 AND EXISTS (SELECT 1 FROM indicator_figures k "
    "WHERE k.unit_id = ?2 AND k.indicator_id = indicator_figures.indicator_id "
    "AND k.period_start = indicator_figures.period_start AND k.period_end = indicator_figures.period_end)",
    "UPDATE indicator_figures SET unit_id = ?2, revision = revision + 1 WHERE unit_id = ?1",
    "UPDATE dossier_figures AS k SET received = k.received + g.received, on_time = k.on_time + g.on_time, "
    "late = k.late + g.late, pending = k.pending + g.pending, apologies = k.apologies + g.apologies, "
    "revision = k.revision + 1 FROM dossier_figures AS g WHERE g.unit_id = ?1 AND k.unit_id = ?2 "
    "AND g.period_start = k.period_start AND g.period_end = k.period_end",
    "DELETE FROM dossier_figures WHERE unit_id = ?1 AND EXISTS (SELECT 1 FROM dossier_figures k "
    "WHERE k.unit_id = ?2 AND k.period_start = dossier_figures.period_start "
    "AND k.period_end = dossier_figures.period_end)",
    "UPDATE dossier_figures SET unit_id = ?2, revision = revision + 1 WHERE unit_id = ?1",
    "UPDATE users SET unit_id = ?2 WHERE unit_id = ?1",
    "DELETE FROM units WHERE id = ?1 AND ?1 <> ?2",
  };
  g_autoptr(sqlite3_stmt) into_name = NULL;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);

  if (from_id == into_id)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID, _("A unit cannot be merged into itself"));
      return FALSE;
    }
  if (!unit_exists (self, from_id))
    return no_such_unit (from_id, error);
  if (!unit_exists (self, into_id))
    return no_such_unit (into_id, error);

  into_name = dd_sql_prepare (self, "SELECT name FROM units WHERE id = ?1", error);
  if (into_name == NULL)
    return FALSE;
  sqlite3_bind_int64 (into_name, 1, into_id);
  if (sqlite3_step (into_name) != SQLITE_ROW)
    return no_such_unit (into_id, error);

  if (!_dd_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (!run_bound (self, steps[i], from_id, into_id, error))
      {
        _dd_store_rollback (self);
        return FALSE;
      }
  if (!add_search_name (self, into_id, dd_sql_column_text (into_name, 0), error))
    {
      _dd_store_rollback (self);
      return FALSE;
    }
  return _dd_store_commit (self, error);
}

/* The "6 rõ" check of a plan */

GPtrArray *
dd_store_check_six_clear (DdStore  *self,
                          gint64    plan_id,
                          GError  **error)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_six_clear_finding_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) coordinators = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);

  stmt = dd_sql_prepare (self,
                         "SELECT t.id, t.number, t.title, u.name, ifnull (u.is_group, 0), tp.person, "
                         "t.deadline_kind, t.due_on IS NOT NULL, t.deadline_understood, t.product, t.directing "
                         "FROM tasks t LEFT JOIN units u ON u.id = t.lead_unit_id "
                         "LEFT JOIN task_people tp ON tp.task_id = t.id "
                         "WHERE t.deleted_at IS NULL AND (?1 = 0 OR t.plan_id = ?1) "
                         "ORDER BY t.plan_id, t.position, t.id", error);
  if (stmt == NULL)
    return NULL;
  coordinators = dd_sql_prepare (self,
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
          dd_sql_set_sqlite_error (self, crc, error);
          return NULL;
        }
    }
  if (!read_rows_done (self, rc, error))
    return NULL;
  return g_steal_pointer (&findings);
}

/* Scorecards */

typedef struct
{
  gint64 id;
  char *name;
  char *match_key;      /* dd_text_unit_match_key (name), computed once */
  gboolean is_group;
} UnitRow;

static void
unit_row_free (UnitRow *row)
{
  g_free (row->name);
  g_free (row->match_key);
  g_free (row);
}

/* A task's coordinating units: @n unit ids from @first in Context.coordinator_units. */
typedef struct
{
  gint64 task_id;
  guint first;
  guint n;
} TaskCoordinators;

/* A plan as the scorecards see it. */
typedef struct
{
  char *issued_on;      /* the ISO text, NULL for none */
  guint index;          /* 0, 1, …: its place in Period.on_time */
} PlanRow;

static void
plan_row_free (PlanRow *row)
{
  g_free (row->issued_on);
  g_free (row);
}

/* What the task's own words give the scorecards: its TT and title for the
 * list of a card, and the "6 rõ" bits they decide. */
typedef struct
{
  gint64 id;
  const char *number;   /* in DdScoringCache.strings; NULL for NULL */
  const char *title;
  guint missing;        /* _dd_six_clear_check_words() */
} TaskWords;

/* What the scoring reads besides the tasks' dates, kept between calls
 * (DdScoringCache) while nothing is written. */
typedef struct
{
  DdScoreWeights weights;
  GPtrArray *units;             /* UnitRow*, Vietnamese order */
  GHashTable *unit_index;       /* unit id → position in units + 1 */
  GArray *coordinators;         /* TaskCoordinators, by task id; until load_rows() */
  GArray *coordinator_units;    /* gint64 unit ids, each task's in its order; likewise */
  GHashTable *plans;            /* plan id → PlanRow* */
  GPtrArray *indicators;        /* DdIndicatorInfo* */
  DdWorkdays *workdays;
  guint due_soon_days;
} Context;

static void
context_clear (Context *ctx)
{
  g_clear_pointer (&ctx->units, g_ptr_array_unref);
  g_clear_pointer (&ctx->unit_index, g_hash_table_unref);
  g_clear_pointer (&ctx->coordinators, g_array_unref);
  g_clear_pointer (&ctx->coordinator_units, g_array_unref);
  g_clear_pointer (&ctx->plans, g_hash_table_unref);
  g_clear_pointer (&ctx->indicators, g_ptr_array_unref);
  g_clear_object (&ctx->workdays);
}

/*
 * The scorecards of a year are asked for again and again (each time the
 * page is shown, another period chosen, the window refreshed) while the
 * file rarely changed in between; what they read is kept here: the units
 * and the settings, what each live task is scored on (its dates, units,
 * "6 rõ" result, TT and title: reading its words is reading the whole
 * tasks table, 55 MB on the benchmark file), the occurrences of the
 * periods, and per period the typed indicator sums and the reports as
 * judged on a day. A call then only counts the tasks of each period from
 * memory. Valid while neither another connection (PRAGMA data_version)
 * nor this one (commit_serial) committed, like the recurring status
 * (dd-store-recurring.c): any write, a unit renamed or merged, a
 * coordinator added, a task edited on another desktop, drops all of it.
 */
struct _DdScoringCache
{
  gint64 data_version;
  guint64 serial;
  Context ctx;
  GArray *words;                /* TaskWords of every live task, by id; NULL until needed */
  GStringChunk *strings;
  DdOccurrenceSet *occurrences; /* over [occurrences_from, occurrences_to] */
  GDate occurrences_from;
  GDate occurrences_to;
  GHashTable *typed_sums;       /* "start end" → GArray of TypedSum (typed_sums()) */
  GHashTable *reports;          /* "start end as_of soon" → ReportCounts per unit (scan_reports()) */
  GArray *rows;                 /* ScanRow, by task id (load_rows()) */
  GArray *row_units;            /* guint: ScanRow.coordinators */
  GPtrArray *extra_words;       /* TaskWords* read one by one */
};

static void
scoring_cache_clear (DdScoringCache *cache)
{
  context_clear (&cache->ctx);
  g_clear_pointer (&cache->words, g_array_unref);
  g_clear_pointer (&cache->strings, g_string_chunk_free);
  g_clear_pointer (&cache->occurrences, _dd_occurrence_set_free);
  g_clear_pointer (&cache->typed_sums, g_hash_table_unref);
  g_clear_pointer (&cache->reports, g_hash_table_unref);
  g_clear_pointer (&cache->rows, g_array_unref);
  g_clear_pointer (&cache->row_units, g_array_unref);
  g_clear_pointer (&cache->extra_words, g_ptr_array_unref);
}

void
_dd_scoring_cache_free (DdScoringCache *cache)
{
  if (cache == NULL)
    return;
  scoring_cache_clear (cache);
  g_free (cache);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdScoringCache, _dd_scoring_cache_free)

static gboolean
context_load (DdStore  *self,
              Context  *ctx,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) units = NULL;
  g_autoptr(sqlite3_stmt) coords = NULL;
  g_autoptr(sqlite3_stmt) plans = NULL;
  int rc;

  if (!dd_store_get_score_weights (self, &ctx->weights, error))
    return FALSE;
  ctx->workdays = _dd_store_read_workdays (self, error);
  if (ctx->workdays == NULL)
    return FALSE;
  ctx->due_soon_days = dd_store_get_due_soon_days (self);
  ctx->indicators = dd_store_list_indicators (self, 0, error);
  if (ctx->indicators == NULL)
    return FALSE;

  ctx->units = g_ptr_array_new_with_free_func ((GDestroyNotify) unit_row_free);
  ctx->unit_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  units = dd_sql_prepare (self, "SELECT id, name, is_group FROM units ORDER BY sort_key, id", error);
  if (units == NULL)
    return FALSE;
  while ((rc = sqlite3_step (units)) == SQLITE_ROW)
    {
      UnitRow *row = g_new0 (UnitRow, 1);

      row->id = sqlite3_column_int64 (units, 0);
      row->name = g_strdup (dd_sql_column_text (units, 1));
      row->match_key = dd_text_unit_match_key (row->name);
      row->is_group = sqlite3_column_int (units, 2) != 0;
      g_ptr_array_add (ctx->units, row);
      g_hash_table_insert (ctx->unit_index, &row->id, GUINT_TO_POINTER (ctx->units->len));
    }
  if (!read_rows_done (self, rc, error))
    return FALSE;

  /* The plans' dates, read beside: joining the plan row by row costs the
   * task scan a lookup a task (a third of its time). */
  ctx->plans = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) plan_row_free);
  plans = dd_sql_prepare (self, "SELECT id, issued_on FROM plans", error);
  if (plans == NULL)
    return FALSE;
  while ((rc = sqlite3_step (plans)) == SQLITE_ROW)
    {
      gint64 plan_id = sqlite3_column_int64 (plans, 0);
      PlanRow *row = g_new0 (PlanRow, 1);

      row->issued_on = g_strdup (dd_sql_column_text (plans, 1));
      row->index = g_hash_table_size (ctx->plans);
      g_hash_table_insert (ctx->plans, g_memdup2 (&plan_id, sizeof plan_id), row);
    }
  if (!read_rows_done (self, rc, error))
    return FALSE;

  /* In task order, as the tasks are scanned: one cursor walks both. */
  ctx->coordinators = g_array_new (FALSE, FALSE, sizeof (TaskCoordinators));
  ctx->coordinator_units = g_array_new (FALSE, FALSE, sizeof (gint64));
  coords = dd_sql_prepare (self, "SELECT task_id, unit_id FROM task_coordinators ORDER BY task_id, position",
                           error);
  if (coords == NULL)
    return FALSE;
  while ((rc = sqlite3_step (coords)) == SQLITE_ROW)
    {
      gint64 task_id = sqlite3_column_int64 (coords, 0);
      gint64 unit_id = sqlite3_column_int64 (coords, 1);
      TaskCoordinators *last = ctx->coordinators->len > 0
        ? &g_array_index (ctx->coordinators, TaskCoordinators, ctx->coordinators->len - 1) : NULL;

      if (last == NULL || last->task_id != task_id)
        {
          TaskCoordinators entry = { task_id, ctx->coordinator_units->len, 0 };

          g_array_append_val (ctx->coordinators, entry);
          last = &g_array_index (ctx->coordinators, TaskCoordinators, ctx->coordinators->len - 1);
        }
      g_array_append_val (ctx->coordinator_units, unit_id);
      last->n++;
    }
  return read_rows_done (self, rc, error);
}

/* The cache, current: kept when nothing was committed since it was filled,
 * else emptied and its context read again. NULL (with @error set) when
 * that read fails. Within a transaction of this connection the file may
 * hold writes not yet committed: @out_temporary is then a cache of this
 * call only, which the caller frees. */
static DdScoringCache *
scoring_cache_get (DdStore          *self,
                   DdScoringCache  **out_temporary,
                   GError          **error)
{
  gint64 version = dd_sql_query_int64 (self, "PRAGMA data_version", -1);
  DdScoringCache *cache = self->scoring;

  *out_temporary = NULL;
  if (self->flags.in_transaction)
    cache = *out_temporary = g_new0 (DdScoringCache, 1);
  else if (cache != NULL && version >= 0 && cache->data_version == version &&
           cache->serial == self->commit_serial)
    return cache;
  else if (cache == NULL)
    cache = self->scoring = g_new0 (DdScoringCache, 1);

  scoring_cache_clear (cache);
  /* Never current until filled: a failed read is read again next time. */
  cache->data_version = -1;
  if (!context_load (self, &cache->ctx, error))
    {
      scoring_cache_clear (cache);
      g_clear_pointer (out_temporary, _dd_scoring_cache_free);
      return NULL;
    }
  cache->data_version = version;
  cache->serial = self->commit_serial;
  return cache;
}

static void
task_words_set (DdScoringCache *cache,
                TaskWords      *words,
                gint64          id,
                sqlite3_stmt   *stmt,
                int             first_column)
{
  const char *number = dd_sql_column_text (stmt, first_column);
  const char *title = dd_sql_column_text (stmt, first_column + 1);

  words->id = id;
  words->number = number != NULL ? g_string_chunk_insert_const (cache->strings, number) : NULL;
  words->title = title != NULL ? g_string_chunk_insert (cache->strings, title) : NULL;
  words->missing = _dd_six_clear_check_words (title, dd_sql_column_text (stmt, first_column + 2),
                                              dd_sql_column_text (stmt, first_column + 3));
}

/* The words of every live task, in one pass over the table in id order:
 * most of them are in the periods of a scorecard and its trend (86% on
 * the benchmark file for a year), so picking them one by one would read
 * nearly every page anyway, and in no order. */
static gboolean
load_words (DdStore         *self,
            DdScoringCache  *cache,
            GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (TaskWords));
  int rc;

  if (cache->words != NULL)
    return TRUE;
  /* NOT INDEXED: the table in its own order is already by id; through
   * tasks_scoring it would be an index walk and a seek a row besides. */
  stmt = dd_sql_prepare (self,
                         "SELECT id, number, title, product, directing FROM tasks NOT INDEXED "
                         "WHERE deleted_at IS NULL ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  if (cache->strings == NULL)
    cache->strings = g_string_chunk_new (256 * 1024);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TaskWords entry;

      task_words_set (cache, &entry, sqlite3_column_int64 (stmt, 0), stmt, 1);
      g_array_append_val (words, entry);
    }
  if (!read_rows_done (self, rc, error))
    return FALSE;
  cache->words = g_steal_pointer (&words);
  return TRUE;
}

/* One unit's figures while a period is read. */
typedef struct
{
  DdScoreInput input;
  GPtrArray *tasks;                      /* DdScoreTask* it leads, by id (the order of the scan) */
  GPtrArray *coordinated;                /* DdScoreTask* it coordinates, likewise */
  guint dossier_on_time;
  guint dossier_judged;
} Tally;

static void
tally_free (Tally *tally)
{
  g_clear_pointer (&tally->input.indicators, g_ptr_array_unref);
  g_clear_pointer (&tally->tasks, g_ptr_array_unref);
  g_clear_pointer (&tally->coordinated, g_ptr_array_unref);
  g_free (tally);
}

/* The indicators are made by period_indicator_new(): for the period asked
 * for, each in one block with its title; for a period of the trend, in
 * slabs of the period's (its cards are only scored). */
static Tally *
tally_new (gboolean history)
{
  Tally *tally = g_new0 (Tally, 1);

  tally->input.indicators = history ? g_ptr_array_new () : g_ptr_array_new_with_free_func (g_free);
  tally->tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_score_task_free);
  tally->coordinated = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_score_task_free);
  return tally;
}

static guint
unit_position (Context *ctx,
               gint64   unit_id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (ctx->unit_index, &unit_id));
}

static Tally *
tally_for (Context    *ctx,
           GPtrArray  *tallies,
           gint64      unit_id)
{
  guint position = unit_position (ctx, unit_id);

  if (position == 0)
    return NULL;
  return g_ptr_array_index (tallies, position - 1);
}

/* One period being scored: the year asked for, or an earlier one of its trend. */
typedef struct
{
  DdScorePeriod period;
  GDate as_of;                  /* the period is judged as it stood then */
  GDate soon;
  char *start;                  /* its days as the SQL of the tasks compared them: ISO text */
  char *end;
  gboolean want_tasks;          /* the cards list their tasks (the period asked for only) */
  GPtrArray *tallies;           /* Tally*, in the order of Context.units */
  /* For the indicators derived from the tasks, per unit and plan (unit
   * position × number of plans + plan index): the tasks done on time and
   * those judged. An array, not a table per unit: it is counted for each
   * task of each period and read for each unit and derived indicator. */
  guint (*on_time)[2];
  guint n_plans;
  GPtrArray *slabs;             /* the indicators of a period of the trend (tally_new()) */
  guint slab_used;
} Period;

static void
period_clear (Period *p)
{
  g_clear_pointer (&p->start, g_free);
  g_clear_pointer (&p->end, g_free);
  g_clear_pointer (&p->tallies, g_ptr_array_unref);
  g_clear_pointer (&p->on_time, g_free);
  g_clear_pointer (&p->slabs, g_ptr_array_unref);
}

#define SLAB_INDICATORS 4096

/* A new indicator of a unit's card in @p, titled @title: for the period
 * asked for, one block with its title, owned by the card's list (a hundred
 * thousand a period on the benchmark file: one allocation each instead of
 * two); for one of the trend, untitled in @p's slabs, never seen by anyone. */
static DdScoreIndicator *
period_indicator_new (Period     *p,
                      const char *title)
{
  DdScoreIndicator *slab;

  if (p->want_tasks)
    {
      gsize size = title != NULL ? strlen (title) + 1 : 0;
      DdScoreIndicator *indicator = g_malloc0 (sizeof *indicator + size);

      if (title != NULL)
        indicator->title = memcpy (indicator + 1, title, size);
      return indicator;
    }
  if (p->slabs == NULL)
    p->slabs = g_ptr_array_new_with_free_func (g_free);
  if (p->slabs->len == 0 || p->slab_used == SLAB_INDICATORS)
    {
      g_ptr_array_add (p->slabs, g_new0 (DdScoreIndicator, SLAB_INDICATORS));
      p->slab_used = 0;
    }
  slab = g_ptr_array_index (p->slabs, p->slabs->len - 1);
  return &slab[p->slab_used++];
}

static void
count_on_time (Period       *p,
               guint         unit,
               guint         plan,
               DdTaskStatus  status)
{
  guint *pair = p->on_time[(gsize) unit * p->n_plans + plan];
  gboolean judged = status == DD_STATUS_DONE_ON_TIME || status == DD_STATUS_DONE_LATE ||
                    status == DD_STATUS_OVERDUE || status == DD_STATUS_FORGOTTEN;

  if (!judged)
    return;
  if (status == DD_STATUS_DONE_ON_TIME)
    pair[0]++;
  pair[1]++;
}

/* What a live task is scored on, from one scan of the covering index
 * tasks_scoring (0007-scoring.sql), its words and its coordinators: all
 * that its status and counts in any period need, kept with the cache. */
typedef struct
{
  const TaskWords *words;       /* its id, TT, title and "6 rõ" words */
  /* The texts as SQL compared them (period_has()), in DdScoringCache.strings. */
  const char *due_text;
  const char *done_text;
  const char *starts;           /* coalesce (plan's issued_on, substr (created_at, 1, 10)) */
  GDate due;
  GDate done;
  guint lead;                   /* its place in Context.units + 1; 0: none */
  guint plan;                   /* PlanRow.index */
  guint coordinators;           /* from here in DdScoringCache.row_units: the places of */
  guint n_coordinators;         /* the units it coordinates with, but the lead */
  DdDeadlineKind kind;
  gboolean six_clear_passed;    /* led and passing the "6 rõ" check */
} ScanRow;

/* Whether the task is one of @p's: the rule the period's own query had,
 *   due_on BETWEEN start AND end
 *   OR (due_on < start AND (completed_on IS NULL OR completed_on >= start))
 *   OR (due_on IS NULL AND (completed_on IS NULL OR completed_on >= start)
 *       AND coalesce (plan's issued_on, substr (created_at, 1, 10)) <= end),
 * compared as SQLite compares the texts (bytewise), so that a malformed
 * date is taken or left as it was. */
static gboolean
period_has (const Period  *p,
            const ScanRow *row)
{
  gboolean open_at_start = row->done_text == NULL || strcmp (row->done_text, p->start) >= 0;

  if (row->due_text != NULL)
    {
      if (strcmp (row->due_text, p->start) >= 0)
        return strcmp (row->due_text, p->end) <= 0;
      return open_at_start;
    }
  return open_at_start && row->starts != NULL && strcmp (row->starts, p->end) <= 0;
}

static const char *
intern (DdScoringCache *cache,
        const char     *text)
{
  return text != NULL ? g_string_chunk_insert_const (cache->strings, text) : NULL;
}

/* The words of task @id, from the cache's (in id order, as the tasks come:
 * *@cursor goes on from the last one); a task not there (written by another
 * connection since they were read) is read on its own. */
static const TaskWords *
words_for (DdStore         *self,
           DdScoringCache  *cache,
           gint64           id,
           guint           *cursor,
           sqlite3_stmt   **one,
           GError         **error)
{
  GArray *words = cache->words;
  TaskWords *spare;
  int rc;

  while (*cursor < words->len && g_array_index (words, TaskWords, *cursor).id < id)
    (*cursor)++;
  if (*cursor < words->len && g_array_index (words, TaskWords, *cursor).id == id)
    return &g_array_index (words, TaskWords, *cursor);

  if (*one == NULL)
    {
      *one = dd_sql_prepare (self, "SELECT number, title, product, directing FROM tasks WHERE id = ?1", error);
      if (*one == NULL)
        return NULL;
    }
  sqlite3_reset (*one);
  sqlite3_bind_int64 (*one, 1, id);
  rc = sqlite3_step (*one);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (self, rc, error);
      return NULL;
    }
  spare = g_new0 (TaskWords, 1);
  g_ptr_array_add (cache->extra_words, spare);
  if (rc == SQLITE_ROW)
    task_words_set (cache, spare, id, *one, 0);
  else
    {
      /* Gone meanwhile: judged as a task without words. */
      spare->id = id;
      spare->missing = _dd_six_clear_check_words (NULL, NULL, NULL);
    }
  return spare;
}

/* The ScanRow of every live task with a plan, in id order, once while the
 * cache holds. INDEXED BY: the planner would not pick a partial index for a
 * whole scan by itself in every case; the table's rows are eleven times its
 * size. */
static gboolean
load_rows (DdStore         *self,
           DdScoringCache  *cache,
           GError         **error)
{
  Context *ctx = &cache->ctx;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) one = NULL;
  g_autoptr(GArray) rows = NULL;
  guint coordinator_cursor = 0, words_cursor = 0;
  int rc;

  if (cache->rows != NULL)
    return TRUE;
  if (!load_words (self, cache, error))
    return FALSE;

  stmt = dd_sql_prepare (self,
                         "SELECT t.id, t.lead_unit_id, t.deadline_kind, t.due_on, t.completed_on, t.plan_id, "
                         "t.deadline_understood, t.created_at "
                         "FROM tasks t INDEXED BY tasks_scoring WHERE t.deleted_at IS NULL ORDER BY t.id",
                         error);
  if (stmt == NULL)
    return FALSE;
  rows = g_array_new (FALSE, TRUE, sizeof (ScanRow));
  g_clear_pointer (&cache->row_units, g_array_unref);
  cache->row_units = g_array_new (FALSE, FALSE, sizeof (guint));
  if (cache->extra_words == NULL)
    cache->extra_words = g_ptr_array_new_with_free_func (g_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 task_id = sqlite3_column_int64 (stmt, 0);
      gint64 lead_id = sqlite3_column_int64 (stmt, 1);
      gint64 plan_id = sqlite3_column_int64 (stmt, 5);
      const TaskCoordinators *coordinators = NULL;
      const gint64 *coordinator_ids = NULL;
      const PlanRow *plan;
      ScanRow row = { 0 };

      /* An inner join with the plans, as the query of each period had. */
      plan = g_hash_table_lookup (ctx->plans, &plan_id);
      if (plan == NULL)
        continue;
      row.plan = plan->index;
      row.kind = (DdDeadlineKind) CLAMP (sqlite3_column_int (stmt, 2), 0, DD_N_DEADLINE_KINDS - 1);
      row.due_text = intern (cache, dd_sql_column_text (stmt, 3));
      row.done_text = intern (cache, dd_sql_column_text (stmt, 4));
      dd_sql_column_date (stmt, 3, &row.due);
      dd_sql_column_date (stmt, 4, &row.done);
      if (row.due_text == NULL)
        {
          row.starts = plan->issued_on;
          if (row.starts == NULL && sqlite3_column_type (stmt, 7) != SQLITE_NULL)
            {
              /* substr (created_at, 1, 10): ten characters, not bytes. */
              const char *created = dd_sql_column_text (stmt, 7);
              const char *end = created;
              g_autofree char *day = NULL;

              for (guint i = 0; i < 10 && *end != '\0'; i++)
                end = g_utf8_next_char (end);
              day = g_strndup (created, end - created);
              row.starts = intern (cache, day);
            }
        }
      row.words = words_for (self, cache, task_id, &words_cursor, &one, error);
      if (row.words == NULL)
        return FALSE;
      row.lead = lead_id > 0 ? unit_position (ctx, lead_id) : 0;

      while (coordinator_cursor < ctx->coordinators->len &&
             g_array_index (ctx->coordinators, TaskCoordinators, coordinator_cursor).task_id < task_id)
        coordinator_cursor++;
      if (coordinator_cursor < ctx->coordinators->len &&
          g_array_index (ctx->coordinators, TaskCoordinators, coordinator_cursor).task_id == task_id)
        {
          coordinators = &g_array_index (ctx->coordinators, TaskCoordinators, coordinator_cursor);
          coordinator_ids = &g_array_index (ctx->coordinator_units, gint64, coordinators->first);
        }
      /* The units it coordinates with, counted in each period: not the
       * lead itself (it does not coordinate its own task), nor a unit
       * that is gone. */
      row.coordinators = cache->row_units->len;
      for (guint i = 0; coordinators != NULL && i < coordinators->n; i++)
        {
          guint position = coordinator_ids[i] != lead_id ? unit_position (ctx, coordinator_ids[i]) : 0;

          if (position > 0)
            {
              g_array_append_val (cache->row_units, position);
              row.n_coordinators++;
            }
        }

      /* The "6 rõ" check does not depend on the period: made once. */
      if (row.lead > 0)
        {
          const UnitRow *lead_row = g_ptr_array_index (ctx->units, row.lead - 1);
          DdSixClearInput input = { 0 };
          gboolean lead_coordinates = FALSE;

          for (guint i = 0; coordinators != NULL && i < coordinators->n && !lead_coordinates; i++)
            {
              guint position = unit_position (ctx, coordinator_ids[i]);

              /* As dd_six_clear_check() compares the names, from the keys
               * of the units computed once instead of twice a task; the
               * names themselves are then not read. */
              if (position > 0)
                {
                  const UnitRow *unit = g_ptr_array_index (ctx->units, position - 1);

                  lead_coordinates = g_strcmp0 (unit->match_key, lead_row->match_key) == 0;
                }
            }
          input.lead = lead_row->name;
          input.lead_is_group = lead_row->is_group;
          input.kind = row.kind;
          input.has_due = dd_date_is_set (&row.due);
          input.deadline_understood = sqlite3_column_int (stmt, 6) != 0;
          row.six_clear_passed = _dd_six_clear_check_known_words (&input, lead_coordinates,
                                                                  row.words->missing) == 0;
        }
      g_array_append_val (rows, row);
    }
  if (!read_rows_done (self, rc, error))
    return FALSE;
  cache->rows = g_steal_pointer (&rows);
  /* In the rows now (row_units). */
  g_clear_pointer (&ctx->coordinators, g_array_unref);
  g_clear_pointer (&ctx->coordinator_units, g_array_unref);
  return TRUE;
}

/* The tasks of every period, counted per lead and coordinating unit, from
 * one pass over the rows: each task is counted in each period it belongs
 * to, judged as of that period's day. */
static void
scan_tasks (DdScoringCache *cache,
            Period         *periods,
            guint           n_periods)
{
  for (guint r = 0; r < cache->rows->len; r++)
    {
      const ScanRow *row = &g_array_index (cache->rows, ScanRow, r);
      const guint *coordinators = &g_array_index (cache->row_units, guint, row->coordinators);

      for (guint k = 0; k < n_periods; k++)
        {
          Period *p = &periods[k];
          DdTaskStatus status;

          if (!period_has (p, row))
            continue;
          status = dd_rules_task_status (row->kind, &row->due, &row->done, &p->as_of, &p->soon);
          if ((int) status < 0 || (int) status >= DD_N_STATUSES)
            continue;

          if (row->lead > 0)
            {
              Tally *lead = g_ptr_array_index (p->tallies, row->lead - 1);

              lead->input.led_counts[status]++;
              count_on_time (p, row->lead - 1, row->plan, status);
              if (p->want_tasks)
                g_ptr_array_add (lead->tasks, _dd_score_task_new (row->words->id, row->words->number,
                                                                  row->words->title, &row->due, status, TRUE));
              lead->input.six_clear_checked++;
              if (row->six_clear_passed)
                lead->input.six_clear_passed++;
            }

          for (guint i = 0; i < row->n_coordinators; i++)
            {
              Tally *tally = g_ptr_array_index (p->tallies, coordinators[i] - 1);

              tally->input.coordinated_counts[status]++;
              if (p->want_tasks)
                g_ptr_array_add (tally->coordinated, _dd_score_task_new (row->words->id, row->words->number,
                                                                         row->words->title, &row->due, status,
                                                                         FALSE));
            }
        }
    }
}

/* The reports of a unit in a period: on time, late, forgotten, pending. */
typedef guint ReportCounts[4];

/* The reports owed by the periodic and ongoing tasks each unit leads, from
 * the occurrences of every period read at once; judged once per period and
 * day while the cache holds (each period judges every occurrence of every
 * recurring task: a fifth of the tasks on the benchmark file). */
static void
scan_reports (DdScoringCache *cache,
              Period         *p)
{
  Context *ctx = &cache->ctx;
  DdOccurrenceSet *set = cache->occurrences;
  g_autofree char *as_of = dd_date_to_iso (&p->as_of);
  g_autofree char *soon = dd_date_is_set (&p->soon) ? dd_date_to_iso (&p->soon) : g_strdup ("-");
  g_autofree char *key = g_strjoin (" ", p->start, p->end, as_of, soon, NULL);
  ReportCounts *counts;

  if (cache->reports == NULL)
    cache->reports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  counts = g_hash_table_lookup (cache->reports, key);
  if (counts == NULL)
    {
      g_autoptr(GArray) occurrences = g_array_new (FALSE, FALSE, sizeof (DdOccurrence));

      counts = g_new0 (ReportCounts, MAX (ctx->units->len, 1));
      for (guint t = 0; t < _dd_occurrence_set_get_n_tasks (set); t++)
        {
          const DdOccurrenceTask *task = _dd_occurrence_set_get_task (set, t);
          guint unit;

          /* As each period chose its tasks: not completed before it began. */
          if (dd_date_is_set (&task->completed_on) && g_date_compare (&task->completed_on, &p->period.start) < 0)
            continue;
          unit = unit_position (ctx, task->lead_unit_id);
          if (unit == 0)
            continue;
          g_array_set_size (occurrences, 0);
          _dd_occurrence_set_judge (set, t, &p->period.start, &p->period.end, &p->as_of, &p->soon, occurrences);
          for (guint j = 0; j < occurrences->len; j++)
            {
              switch (g_array_index (occurrences, DdOccurrence, j).status)
                {
                case DD_STATUS_DONE_ON_TIME:
                  counts[unit - 1][0]++;
                  break;
                case DD_STATUS_DONE_LATE:
                  counts[unit - 1][1]++;
                  break;
                case DD_STATUS_FORGOTTEN:
                case DD_STATUS_OVERDUE:
                  counts[unit - 1][2]++;
                  break;
                default:
                  counts[unit - 1][3]++;
                  break;
                }
            }
        }
      if (g_hash_table_size (cache->reports) >= 32)
        g_hash_table_remove_all (cache->reports);
      g_hash_table_insert (cache->reports, g_steal_pointer (&key), counts);
    }

  for (guint u = 0; u < ctx->units->len; u++)
    {
      Tally *tally = g_ptr_array_index (p->tallies, u);

      tally->input.reports_on_time += counts[u][0];
      tally->input.reports_late += counts[u][1];
      tally->input.reports_forgotten += counts[u][2];
      tally->input.reports_pending += counts[u][3];
    }
}

/* The typed figures of a unit summed over a period, for one indicator. */
typedef struct
{
  guint indicator;      /* its place in Context.indicators */
  guint unit;           /* the unit's place in Context.units */
  double numerator;
  double denominator;
} TypedSum;

/* The sums of every typed indicator over @period, in the order of
 * Context.indicators: read once per period while the cache holds (a
 * query an indicator, a thousand on the benchmark file, each period). */
static GArray *
typed_sums (DdStore              *self,
            DdScoringCache       *cache,
            const DdScorePeriod  *period,
            GError              **error)
{
  Context *ctx = &cache->ctx;
  g_autofree char *start = dd_date_to_iso (&period->start);
  g_autofree char *end = dd_date_to_iso (&period->end);
  g_autofree char *key = g_strconcat (start, " ", end, NULL);
  g_autoptr(GArray) sums = NULL;
  g_autoptr(sqlite3_stmt) typed = NULL;
  GArray *found;
  int rc;

  if (cache->typed_sums == NULL)
    cache->typed_sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  found = g_hash_table_lookup (cache->typed_sums, key);
  if (found != NULL)
    return found;

  typed = dd_sql_prepare (self,
                          "SELECT unit_id, total (numerator), total (denominator) FROM indicator_figures "
                          "WHERE indicator_id = ?1 AND unit_id IS NOT NULL "
                          "AND period_start >= ?2 AND period_end <= ?3 GROUP BY unit_id", error);
  if (typed == NULL)
    return NULL;
  sums = g_array_new (FALSE, FALSE, sizeof (TypedSum));
  for (guint i = 0; i < ctx->indicators->len; i++)
    {
      const DdIndicatorInfo *info = g_ptr_array_index (ctx->indicators, i);

      if (info->derived)
        continue;
      sqlite3_reset (typed);
      sqlite3_bind_int64 (typed, 1, info->id);
      dd_sql_bind_text (typed, 2, start);
      dd_sql_bind_text (typed, 3, end);
      while ((rc = sqlite3_step (typed)) == SQLITE_ROW)
        {
          TypedSum sum = { i, unit_position (ctx, sqlite3_column_int64 (typed, 0)),
                           sqlite3_column_double (typed, 1), sqlite3_column_double (typed, 2) };

          if (sum.unit == 0)
            continue;
          sum.unit--;
          g_array_append_val (sums, sum);
        }
      if (!read_rows_done (self, rc, error))
        return NULL;
    }
  /* A few periods are asked for at a time; not every one ever asked for. */
  if (g_hash_table_size (cache->typed_sums) >= 32)
    g_hash_table_remove_all (cache->typed_sums);
  found = g_steal_pointer (&sums);
  g_hash_table_insert (cache->typed_sums, g_steal_pointer (&key), found);
  return found;
}

/* The indicators of each unit: typed figures summed over the period, and
 * the derived ones from the tasks and dossiers. A period of the trend needs
 * only the scores: not their titles (period_indicator_new()). */
static gboolean
scan_indicators (DdStore          *self,
                 DdScoringCache   *cache,
                 Period           *p,
                 GError          **error)
{
  Context *ctx = &cache->ctx;
  GPtrArray *tallies = p->tallies;
  g_autoptr(sqlite3_stmt) dossiers = NULL;
  GArray *sums;
  guint cursor = 0;
  int rc;

  dossiers = dd_sql_prepare (self,
                             "SELECT unit_id, total (on_time), total (late) FROM dossier_figures "
                             "WHERE unit_id IS NOT NULL AND period_start >= ?1 AND period_end <= ?2 "
                             "GROUP BY unit_id", error);
  if (dossiers == NULL)
    return FALSE;
  dd_sql_bind_date (dossiers, 1, &p->period.start);
  dd_sql_bind_date (dossiers, 2, &p->period.end);
  while ((rc = sqlite3_step (dossiers)) == SQLITE_ROW)
    {
      Tally *tally = tally_for (ctx, tallies, sqlite3_column_int64 (dossiers, 0));

      if (tally == NULL)
        continue;
      tally->dossier_on_time = (guint) sqlite3_column_double (dossiers, 1);
      tally->dossier_judged = (guint) (sqlite3_column_double (dossiers, 1) + sqlite3_column_double (dossiers, 2));
    }
  if (!read_rows_done (self, rc, error))
    return FALSE;

  sums = typed_sums (self, cache, &p->period, error);
  if (sums == NULL)
    return FALSE;

  for (guint i = 0; i < ctx->indicators->len; i++)
    {
      const DdIndicatorInfo *info = g_ptr_array_index (ctx->indicators, i);

      if (info->derived)
        {
          const PlanRow *plan = g_hash_table_lookup (ctx->plans, &info->plan_id);

          for (guint u = 0; u < tallies->len; u++)
            {
              Tally *tally = g_ptr_array_index (tallies, u);
              const guint *pair = plan != NULL ? p->on_time[(gsize) u * p->n_plans + plan->index] : NULL;
              DdScoreIndicator *indicator;

              if ((pair == NULL || pair[1] == 0) && tally->dossier_judged == 0)
                continue;
              indicator = period_indicator_new (p, info->title);
              indicator->indicator_id = info->id;
              indicator->target = info->target;
              indicator->derived = TRUE;
              indicator->numerator = (pair != NULL ? pair[0] : 0) + tally->dossier_on_time;
              indicator->denominator = (pair != NULL ? pair[1] : 0) + tally->dossier_judged;
              _dd_score_indicator_update (indicator);
              g_ptr_array_add (tally->input.indicators, indicator);
            }
          continue;
        }

      for (; cursor < sums->len && g_array_index (sums, TypedSum, cursor).indicator == i; cursor++)
        {
          const TypedSum *sum = &g_array_index (sums, TypedSum, cursor);
          Tally *tally = g_ptr_array_index (tallies, sum->unit);
          DdScoreIndicator *indicator = period_indicator_new (p, info->title);

          indicator->indicator_id = info->id;
          indicator->target = info->target;
          indicator->numerator = sum->numerator;
          indicator->denominator = sum->denominator;
          _dd_score_indicator_update (indicator);
          g_ptr_array_add (tally->input.indicators, indicator);
        }
    }
  return TRUE;
}

/* The scorecards of one period once its tasks are counted, in the order of
 * the units, into @cards; for a period of the trend, only their scores
 * (NAN: none) into @scores. */
static gboolean
score_period (DdStore          *self,
              DdScoringCache   *cache,
              Period           *p,
              GPtrArray        *cards,
              GArray           *scores,
              GError          **error)
{
  Context *ctx = &cache->ctx;

  scan_reports (cache, p);
  if (!scan_indicators (self, cache, p, error))
    return FALSE;

  for (guint i = 0; i < ctx->units->len; i++)
    {
      const UnitRow *row = g_ptr_array_index (ctx->units, i);
      Tally *tally = g_ptr_array_index (p->tallies, i);
      DdScorecard *card;
      double score;

      if (cards == NULL)
        {
          score = _dd_score_input_score (&tally->input, row->is_group, &ctx->weights);
          g_array_append_val (scores, score);
          continue;
        }
      card = _dd_scorecard_new_take (row->id, row->name, row->is_group, &p->period, &tally->input,
                                     &ctx->weights);
      _dd_scorecard_set_as_of (card, &p->as_of);
      /* The tasks led, then those coordinated, each by id: the scan gave
       * them in id order, so the two lists end to end need no sorting. */
      g_ptr_array_extend_and_steal (tally->tasks, g_steal_pointer (&tally->coordinated));
      _dd_scorecard_set_tasks (card, g_steal_pointer (&tally->tasks));
      g_ptr_array_add (cards, card);
    }
  return TRUE;
}

static int
compare_scores_desc (gconstpointer a,
                     gconstpointer b)
{
  double sa = dd_scorecard_get_score (*(DdScorecard * const *) a);
  double sb = dd_scorecard_get_score (*(DdScorecard * const *) b);

  return sa < sb ? 1 : sa > sb ? -1 : 0;
}

static void
set_ranks (GPtrArray *cards)
{
  g_autoptr(GPtrArray) scored = g_ptr_array_new ();

  for (guint i = 0; i < cards->len; i++)
    if (dd_scorecard_has_score (g_ptr_array_index (cards, i)))
      g_ptr_array_add (scored, g_ptr_array_index (cards, i));
  g_ptr_array_sort (scored, compare_scores_desc);

  /* Equal scores share a rank; the next one skips (1, 2, 2, 4). */
  for (guint i = 0; i < scored->len; i++)
    {
      DdScorecard *card = g_ptr_array_index (scored, i);
      guint rank = i + 1;

      if (i > 0 && dd_scorecard_get_score (card) == dd_scorecard_get_score (g_ptr_array_index (scored, i - 1)))
        rank = dd_scorecard_get_rank (g_ptr_array_index (scored, i - 1));
      _dd_scorecard_set_rank (card, rank);
    }
}

/* The occurrences of the tasks over all the periods, read in one pass and
 * kept with the cache; each period judges its own. */
static gboolean
load_occurrences (DdStore         *self,
                  DdScoringCache  *cache,
                  const Period    *periods,
                  guint            n_periods,
                  GError         **error)
{
  GDate from = periods[0].period.start, to = periods[0].period.end;

  for (guint k = 1; k < n_periods; k++)
    {
      if (g_date_compare (&periods[k].period.start, &from) < 0)
        from = periods[k].period.start;
      if (g_date_compare (&periods[k].period.end, &to) > 0)
        to = periods[k].period.end;
    }
  if (cache->occurrences != NULL && g_date_compare (&cache->occurrences_from, &from) == 0 &&
      g_date_compare (&cache->occurrences_to, &to) == 0)
    return TRUE;
  g_clear_pointer (&cache->occurrences, _dd_occurrence_set_free);
  cache->occurrences = _dd_occurrence_set_load (self, DD_OCCURRENCE_SCOPE_LED, 0, cache->ctx.workdays,
                                                &from, &to, NULL, error);
  if (cache->occurrences == NULL)
    return FALSE;
  cache->occurrences_from = from;
  cache->occurrences_to = to;
  return TRUE;
}

GListModel *
dd_store_list_scorecards (DdStore              *self,
                          const DdScorePeriod  *period,
                          const GDate          *as_of,
                          GError              **error)
{
  g_autoptr(DdScoringCache) temporary = NULL;
  g_autoptr(GListStore) model = g_list_store_new (DD_TYPE_SCORECARD);
  g_autoptr(GPtrArray) history = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) cards = NULL;
  DdScoringCache *cache;
  Period *periods;
  guint n_periods;
  gboolean ok = FALSE;
  GDate day;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  if (dd_date_is_set (as_of))
    day = *as_of;
  else
    dd_sql_today (&day);
  /* A period is judged as it stood at its end at the latest. */
  if (g_date_compare (&day, &period->end) > 0)
    day = period->end;

  cache = scoring_cache_get (self, &temporary, error);
  if (cache == NULL)
    return NULL;

  /* periods[0] is the period asked for; then the earlier ones of the trend,
   * oldest first (periods[1] is trend_periods - 1 periods back). */
  n_periods = MAX (cache->ctx.weights.trend_periods, 1);
  periods = g_new0 (Period, n_periods);
  for (guint k = 0; k < n_periods; k++)
    {
      Period *p = &periods[k];

      if (k == 0)
        {
          p->period = *period;
          p->as_of = day;
          p->want_tasks = TRUE;
        }
      else
        {
          dd_score_period_shift (period, -(int) (n_periods - k), &p->period);
          p->as_of = day;
          if (g_date_compare (&p->as_of, &p->period.end) > 0)
            p->as_of = p->period.end;
        }
      dd_rules_due_soon_limit (cache->ctx.workdays, &p->as_of, cache->ctx.due_soon_days, &p->soon);
      p->start = dd_date_to_iso (&p->period.start);
      p->end = dd_date_to_iso (&p->period.end);
      p->tallies = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_free);
      p->n_plans = g_hash_table_size (cache->ctx.plans);
      p->on_time = g_malloc0_n ((gsize) MAX (cache->ctx.units->len, 1) * MAX (p->n_plans, 1), sizeof *p->on_time);
      for (guint i = 0; i < cache->ctx.units->len; i++)
        g_ptr_array_add (p->tallies, tally_new (!p->want_tasks));
    }

  if (!load_occurrences (self, cache, periods, n_periods, error) ||
      !load_rows (self, cache, error))
    goto out;
  scan_tasks (cache, periods, n_periods);

  cards = g_ptr_array_new_with_free_func (g_object_unref);
  if (!score_period (self, cache, &periods[0], cards, NULL, error))
    goto out;
  set_ranks (cards);
  for (guint k = 1; k < n_periods; k++)
    {
      GArray *scores = g_array_new (FALSE, FALSE, sizeof (double));

      g_ptr_array_add (history, scores);
      if (!score_period (self, cache, &periods[k], NULL, scores, error))
        goto out;
    }

  for (guint i = 0; i < cards->len; i++)
    {
      DdScorecard *card = g_ptr_array_index (cards, i);
      GArray *trend = g_array_new (FALSE, FALSE, sizeof (double));
      double score;

      for (guint h = 0; h < history->len; h++)
        g_array_append_val (trend, g_array_index ((GArray *) g_ptr_array_index (history, h), double, i));
      score = dd_scorecard_has_score (card) ? dd_scorecard_get_score (card) : NAN;
      g_array_append_val (trend, score);
      _dd_scorecard_set_trend (card, trend);
      g_list_store_append (model, card);
    }
  ok = TRUE;

out:
  for (guint k = 0; k < n_periods; k++)
    period_clear (&periods[k]);
  g_free (periods);
  /* Another connection may have committed while this read: what was read
   * is then not kept (the file may have changed between two statements). */
  if (cache == self->scoring && cache->data_version != dd_sql_query_int64 (self, "PRAGMA data_version", -1))
    cache->data_version = -1;
  if (!ok)
    return NULL;
  return G_LIST_MODEL (g_steal_pointer (&model));
}
