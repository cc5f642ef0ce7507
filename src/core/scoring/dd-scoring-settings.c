/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-scoring-settings"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "dd-store-private.h"
#include "dd-scoring-private.h"

/*
 * The settings of the score as the file keeps them: one row of the
 * settings table per key of DdScoreWeights ("score.weight.tasks", …),
 * written with g_ascii_dtostr(). DdScoring reads and writes them through
 * these; what they mean and their bounds are dd-score-weights.c's.
 */

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
_dd_scoring_read_weights (DdStore         *store,
                          DdScoreWeights  *out,
                          GError         **error)
{
  dd_score_weights_init_defaults (out);
  for (guint i = 0; i < G_N_ELEMENTS (weight_keys); i++)
    {
      GError *local_error = NULL;
      g_autofree char *value = dd_store_dup_setting (store, weight_keys[i].key, &local_error);
      guint8 *field = (guint8 *) out + weight_keys[i].offset;
      char *end = NULL;
      double number;

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
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
_dd_scoring_write_weights (DdStore               *store,
                           const DdScoreWeights  *weights,
                           GError               **error)
{
  if (!dd_score_weights_validate (weights, error))
    return FALSE;

  if (!_dd_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (weight_keys); i++)
    {
      const guint8 *field = (const guint8 *) weights + weight_keys[i].offset;
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      if (weight_keys[i].is_uint)
        g_snprintf (buffer, sizeof buffer, "%u", *(const guint *) field);
      else
        g_ascii_dtostr (buffer, sizeof buffer, *(const double *) field);
      if (!_dd_store_write_setting (store, weight_keys[i].key, buffer, error))
        goto fail;
    }
  return _dd_store_commit (store, error);

fail:
  _dd_store_rollback (store);
  return FALSE;
}
