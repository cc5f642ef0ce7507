/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-score-period"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

/* The periods' names are printed in documents: in the document's language
 * on the thread that makes one (dd-document-language-private.h). */
#define DD_DOCUMENT_GETTEXT
#include "dd-document-language-private.h"

#include "dd-scoring-private.h"

/*
 * Scoring periods (DdScorePeriod): a month, quarter, half year or year, the
 * days of its data (the reporting windows of Nghị định 09/2019/NĐ-CP), how
 * it is written ("2026-Q2") and shown ("Quý II/2026"). Pure: no store.
 */

G_DEFINE_QUARK (dd-scoring-error-quark, dd_scoring_error)

/* Periods */

static void
set_window (DdScorePeriod *period)
{
  g_date_clear (&period->start, 1);
  g_date_clear (&period->end, 1);

  if (period->kind == DD_OCCURRENCE_HALF_YEAR && period->index == 2)
    {
      /* Not in the decree: the rest of the annual window. */
      g_date_set_dmy (&period->start, 15, G_DATE_JUNE, (GDateYear) period->year);
      g_date_set_dmy (&period->end, 14, G_DATE_DECEMBER, (GDateYear) period->year);
      return;
    }
  dd_period_bounds (period->kind, period->year, period->index, &period->start, &period->end);
}

static int
max_index (DdOccurrenceKind kind)
{
  switch (kind)
    {
    case DD_OCCURRENCE_MONTH:
      return 12;
    case DD_OCCURRENCE_QUARTER:
      return 4;
    case DD_OCCURRENCE_HALF_YEAR:
      return 2;
    case DD_OCCURRENCE_YEAR:
    default:
      return 1;
    }
}

void
dd_score_period_init (DdScorePeriod    *self,
                      DdOccurrenceKind  kind,
                      int               year,
                      int               index)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (kind == DD_OCCURRENCE_MONTH || kind == DD_OCCURRENCE_QUARTER ||
                    kind == DD_OCCURRENCE_HALF_YEAR || kind == DD_OCCURRENCE_YEAR);
  g_return_if_fail (year >= 1901 && year <= 2100);
  g_return_if_fail (index >= 1 && index <= max_index (kind));

  memset (self, 0, sizeof *self);
  self->kind = kind;
  self->year = year;
  self->index = index;
  set_window (self);
}

static gboolean
parse_number (const char *text,
              gsize       len,
              int         min,
              int         max,
              int        *out)
{
  int value = 0;

  if (len == 0 || len > 4)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (text[i] - '0');
    }
  if (value < min || value > max)
    return FALSE;
  *out = value;
  return TRUE;
}

gboolean
dd_score_period_parse (const char     *text,
                       DdScorePeriod  *out,
                       GError        **error)
{
  g_autofree char *clean = NULL;
  DdOccurrenceKind kind = DD_OCCURRENCE_YEAR;
  int year, index = 1;
  gsize len;

  g_return_val_if_fail (out != NULL, FALSE);

  clean = g_strstrip (g_strdup (text != NULL ? text : ""));
  len = strlen (clean);

  if (len < 4 || !parse_number (clean, 4, 1901, 2100, &year))
    goto fail;
  if (len == 4)
    kind = DD_OCCURRENCE_YEAR;
  else if (clean[4] != '-' || len < 6)
    goto fail;
  else if (clean[5] == 'Q' || clean[5] == 'q')
    {
      kind = DD_OCCURRENCE_QUARTER;
      if (!parse_number (clean + 6, len - 6, 1, 4, &index))
        goto fail;
    }
  else if (clean[5] == 'H' || clean[5] == 'h')
    {
      kind = DD_OCCURRENCE_HALF_YEAR;
      if (!parse_number (clean + 6, len - 6, 1, 2, &index))
        goto fail;
    }
  else
    {
      kind = DD_OCCURRENCE_MONTH;
      if (len != 7 || !parse_number (clean + 5, 2, 1, 12, &index))
        goto fail;
    }

  dd_score_period_init (out, kind, year, index);
  return TRUE;

fail:
  g_set_error (error, DD_SCORING_ERROR, DD_SCORING_ERROR_PERIOD,
               _("Invalid period “%s”: write a year (2026), a half year (2026-H1), "
                 "a quarter (2026-Q2) or a month (2026-05)"),
               text != NULL ? text : "");
  return FALSE;
}

void
dd_score_period_for_date (DdScorePeriod    *self,
                          DdOccurrenceKind  kind,
                          const GDate      *date)
{
  int year, month;

  g_return_if_fail (self != NULL);
  g_return_if_fail (dd_date_is_set (date));

  /* The month whose window (15th of the month before to the 14th) holds
   * the date; the longer windows are made of those. */
  year = g_date_get_year (date);
  month = g_date_get_month (date);
  if (g_date_get_day (date) >= 15)
    {
      month++;
      if (month > 12)
        {
          month = 1;
          year++;
        }
    }
  year = CLAMP (year, 1901, 2100);

  switch (kind)
    {
    case DD_OCCURRENCE_MONTH:
      dd_score_period_init (self, kind, year, month);
      break;
    case DD_OCCURRENCE_QUARTER:
      dd_score_period_init (self, kind, year, (month - 1) / 3 + 1);
      break;
    case DD_OCCURRENCE_HALF_YEAR:
      dd_score_period_init (self, kind, year, month <= 6 ? 1 : 2);
      break;
    case DD_OCCURRENCE_YEAR:
    default:
      dd_score_period_init (self, DD_OCCURRENCE_YEAR, year, 1);
      break;
    }
}

void
dd_score_period_shift (const DdScorePeriod *self,
                       int                  offset,
                       DdScorePeriod       *out)
{
  int n, position, year, index;

  g_return_if_fail (self != NULL && out != NULL);

  n = max_index (self->kind);
  position = self->year * n + (self->index - 1) + offset;
  year = position / n;
  index = position % n + 1;
  dd_score_period_init (out, self->kind, CLAMP (year, 1901, 2100), index);
}

char *
dd_score_period_to_string (const DdScorePeriod *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (self->kind)
    {
    case DD_OCCURRENCE_MONTH:
      return g_strdup_printf ("%04d-%02d", self->year, self->index);
    case DD_OCCURRENCE_QUARTER:
      return g_strdup_printf ("%04d-Q%d", self->year, self->index);
    case DD_OCCURRENCE_HALF_YEAR:
      return g_strdup_printf ("%04d-H%d", self->year, self->index);
    case DD_OCCURRENCE_YEAR:
    default:
      return g_strdup_printf ("%04d", self->year);
    }
}

char *
dd_score_period_dup_label (const DdScorePeriod *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return dd_period_dup_label (self->kind, self->year, self->index, DD_PERIOD_LABEL_DEFAULT);
}
