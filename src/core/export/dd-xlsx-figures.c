/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-xlsx-private.h"

/*
 * The tables of figures: the units sheet ("Đơn vị") and the indicators
 * sheet ("Chỉ tiêu").
 */

/* The units sheet */

typedef enum
{
  UNIT_COL_NAME,
  UNIT_COL_TOTAL,
  UNIT_COL_STATUSES,           /* DD_N_STATUSES columns */
  UNIT_COL_RATE,
} UnitColumnKind;

/* The columns of the units sheet, in order: the scorecards (issue 5) add
 * their score and rating level here. */
static const UnitColumnKind unit_columns[] = {
  UNIT_COL_NAME, UNIT_COL_TOTAL, UNIT_COL_STATUSES, UNIT_COL_RATE,
};

void
_dd_xlsx_write_units_sheet (DdXlsx        *x,
                            lxw_worksheet *ws)
{
  DdExportData *d = x->data;
  lxw_row_t r = 2;
  lxw_col_t c = 0;
  guint totals[DD_N_STATUSES] = { 0, };
  guint total = 0;

  /* The columns below: 40 + 10 + 7 × 11 + 2 × 12. */
  _dd_xlsx_write_sheet_title (x, ws, x->sheet_units, 1 + DD_N_STATUSES + 2, 151);
  for (guint i = 0; i < G_N_ELEMENTS (unit_columns); i++)
    switch (unit_columns[i])
      {
      case UNIT_COL_NAME:
        CHECK (x, worksheet_set_column (ws, c, c, 40, NULL));
        CHECK (x, worksheet_write_string (ws, 1, c++, C_("export column", "Lead unit"), x->f_head));
        break;
      case UNIT_COL_TOTAL:
        CHECK (x, worksheet_set_column (ws, c, c, 10, NULL));
        CHECK (x, worksheet_write_string (ws, 1, c++, C_("export column", "Tasks"), x->f_head));
        break;
      case UNIT_COL_STATUSES:
        CHECK (x, worksheet_set_column (ws, c, c + DD_N_STATUSES - 1, 11, NULL));
        for (int s = 0; s < DD_N_STATUSES; s++)
          CHECK (x, worksheet_write_string (ws, 1, c++, _dd_chart_status_label ((DdTaskStatus) s), x->f_head));
        break;
      case UNIT_COL_RATE:
      default:
        CHECK (x, worksheet_set_column (ws, c, c + 1, 12, NULL));
        CHECK (x, worksheet_write_string (ws, 1, c++, _("Completion rate"), x->f_head));
        CHECK (x, worksheet_write_string (ws, 1, c++, _("On-time rate"), x->f_head));
        break;
      }

  for (guint u = 0; u <= d->units->len; u++, r++)
    {
      gboolean is_total = u == d->units->len;
      const DdStatsUnit *unit = is_total ? NULL : g_ptr_array_index (d->units, u);
      const guint *counts = is_total ? totals : unit->counts;

      c = 0;
      for (guint i = 0; i < G_N_ELEMENTS (unit_columns); i++)
        switch (unit_columns[i])
          {
          case UNIT_COL_NAME:
            if (is_total)
              CHECK (x, worksheet_write_string (ws, r, c++, _("Total"), x->f_text_bold));
            else
              {
                const char *name = unit->name != NULL ? unit->name : _("No lead unit");

                /* A long name on as many lines as it takes, never cut. */
                CHECK (x, worksheet_set_row (ws, r, _dd_xlsx_text_lines (x, name, 40) * x->size * 1.3 + 4, NULL));
                _dd_xlsx_write_text (x, ws, r, c++, name, x->f_text);
              }
            break;
          case UNIT_COL_TOTAL:
            _dd_xlsx_write_number (x, ws, r, c++, is_total ? total : unit->total, x->f_int_bold);
            break;
          case UNIT_COL_STATUSES:
            for (int s = 0; s < DD_N_STATUSES; s++)
              _dd_xlsx_write_number (x, ws, r, c++, counts[s], is_total ? x->f_int_bold : x->f_int);
            break;
          case UNIT_COL_RATE:
          default:
            _dd_xlsx_write_rates (x, ws, r, c, counts, is_total ? x->f_pct_bold : x->f_pct);
            c += 2;
            break;
          }
      if (!is_total)
        {
          for (int s = 0; s < DD_N_STATUSES; s++)
            totals[s] += unit->counts[s];
          total += unit->total;
        }
    }
  r++;
  CHECK (x, worksheet_set_row (ws, r, x->size * 2.8, NULL));
  CHECK (x, worksheet_merge_range (ws, r, 0, r, c - 1, _dd_export_rates_note (), x->f_note_wrap));

  {
    /* The header as high as its longest name takes in 11 ("Hoàn thành
     * đúng hạn": four lines). */
    guint lines = _dd_xlsx_text_lines (x, _("Completion rate"), 12 * 0.85);

    for (int s = 0; s < DD_N_STATUSES; s++)
      lines = MAX (lines, _dd_xlsx_text_lines (x, _dd_chart_status_label ((DdTaskStatus) s), 11 * 0.85));
    CHECK (x, worksheet_set_row (ws, 1, lines * x->size * 1.3 + 4, NULL));
  }
  worksheet_freeze_panes (ws, 2, 1);
  _dd_xlsx_setup_print (x, ws, TRUE, 1, 1);
}

/* The indicators sheet */

/* One row of an indicator's figures for a unit (or the whole office). */
static void
write_indicator_row (DdXlsx                  *x,
                     lxw_worksheet           *ws,
                     lxw_row_t                r,
                     const DdExportIndicator *row)
{
  DdStatsIndicator level_of = { 0, };
  DdIndicatorLevel level;

  _dd_xlsx_write_text (x, ws, r, 0, row->unit != NULL ? row->unit : _("Whole office"), x->f_text);
  level_of.target = row->target;
  level_of.has_data = row->has_data;
  level_of.numerator = row->numerator;
  level_of.denominator = row->denominator;
  level_of.achieved = row->has_data ? 100.0 * row->numerator / row->denominator : 0;
  level = dd_indicator_level_for (&level_of);
  if (row->has_data)
    {
      _dd_xlsx_write_number (x, ws, r, 1, row->numerator, x->f_int);
      _dd_xlsx_write_number (x, ws, r, 2, row->denominator, x->f_int);
      _dd_xlsx_write_number (x, ws, r, 3, row->numerator / row->denominator, x->f_pct);
    }
  else
    for (lxw_col_t c = 1; c <= 3; c++)
      _dd_xlsx_put_blank (x, ws, r, c, x->f_int);
  _dd_xlsx_write_number (x, ws, r, 4, row->target / 100.0, x->f_pct);
  _dd_xlsx_put_string (x, ws, r, 5, dd_indicator_level_get_label (level), x->f_center);
}

/* Its rows grow with the indicators and the units (74,000 in the
 * benchmark's file): streamed as the task sheet's, never held. */
gboolean
_dd_xlsx_write_indicators_sheet (DdXlsx         *x,
                                 lxw_worksheet  *ws,
                                 GError        **error)
{
  DdExportData *d = x->data;
  lxw_row_t r = 2;
  gint64 last = -1;
  guint n = 0;
  guint lines = 1;
  const char *heads[] = {
    C_("export column", "Unit"), C_("export column", "Achieved"), C_("export column", "Out of"),
    C_("export column", "Rate"), C_("export column", "Target"), C_("export column", "Assessment"),
  };
  /* Portrait A4 at 87 %: 13 pt prints at 11. */
  const double widths[] = { 38, 10, 10, 10, 10, 18 };

  _dd_xlsx_write_sheet_title (x, ws, x->sheet_indicators, G_N_ELEMENTS (widths) - 1, 96);
  for (guint i = 0; i < G_N_ELEMENTS (heads); i++)
    {
      CHECK (x, worksheet_set_column (ws, (lxw_col_t) i, (lxw_col_t) i, widths[i], NULL));
      CHECK (x, worksheet_write_string (ws, 1, (lxw_col_t) i, heads[i], x->f_head));
      /* The heads in bold, as many lines as the narrowest takes. */
      lines = MAX (lines, _dd_xlsx_text_lines (x, heads[i], widths[i] * 0.85));
    }
  CHECK (x, worksheet_set_row (ws, 1, lines * x->size * 1.3 + 4, NULL));

  if (!_dd_xlsx_stream_begin (x, ws, error))
    return FALSE;
  /* The unit and the assessment ("Chưa có dữ liệu") never cut. */
  _dd_xlsx_stream_wrap_column (x, 0, widths[0]);
  _dd_xlsx_stream_wrap_column (x, 5, widths[5]);
  /* Each unit's name and assessment once for the whole sheet. */
  _dd_xlsx_stream_share_column (x, 0);
  _dd_xlsx_stream_share_column (x, 5);
  for (guint i = 0; i < d->indicators->len; i++)
    {
      const DdExportIndicator *row = g_ptr_array_index (d->indicators, i);

      if (row->indicator_id != last)
        {
          g_autofree char *line = row->derived ? g_strdup_printf (_("%u. %s (computed from the tasks)"), ++n, row->title)
                                               : g_strdup_printf ("%u. %s", ++n, row->title);

          /* As many lines as the title takes over the merged columns. */
          _dd_xlsx_stream_merged_text (x, r++, 0, (lxw_col_t) (G_N_ELEMENTS (heads) - 1), line, x->f_text_bold, 96);
          last = row->indicator_id;
        }
      write_indicator_row (x, ws, r++, row);
    }
  if (d->indicators->len == 0)
    _dd_xlsx_put_string (x, ws, r, 0, _("The plan has no indicator."), x->f_note);
  else if (d->period_label != NULL)
    {
      g_autofree char *line = g_strdup_printf (_("Figures reported for the period %s."), d->period_label);

      _dd_xlsx_put_string (x, ws, r + 1, 0, _dd_xlsx_clean_text (x, line), x->f_note);
    }
  _dd_xlsx_stream_end (x);

  worksheet_freeze_panes (ws, 2, 0);
  _dd_xlsx_setup_print (x, ws, FALSE, 1, 1);
  return TRUE;
}
