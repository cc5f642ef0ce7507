/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-export"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-xlsx-private.h"

/*
 * The summary sheet ("Tổng hợp"): the document's header, the headline
 * figures with their doughnut, and the lead units with their bars.
 */

#define SUM_LAST_COL 10  /* A–K: a unit, its statuses, the total and the two rates */

/* The short rule under the issuer and the motto (Nghị định 30/2020). */
#define SHORT_RULE "────────────"

/* The widths of column A and of each of B–K, and of them all: landscape
 * A4 at about 85 % (13 pt prints at 11). */
#define SUM_NAME_WIDTH 34.0
#define SUM_COL_WIDTH 11.0
#define SUM_WIDTH (SUM_NAME_WIDTH + SUM_COL_WIDTH * SUM_LAST_COL)

/* The height of a row for @text merged over A–K in @size points. */
static double
merged_height (DdXlsx     *x,
               const char *text,
               double      size)
{
  /* _dd_xlsx_text_lines() counts for the body size: a larger one is a narrower column. */
  double width = SUM_WIDTH * x->size / size;

  return MAX (2, _dd_xlsx_text_lines (x, text, width)) * size * 1.3 + 4;
}

/* A row as high as @text takes in @width (one line at the least). */
static double
row_height (DdXlsx     *x,
            const char *text,
            double      width)
{
  return _dd_xlsx_text_lines (x, text != NULL ? text : "", width) * x->size * 1.3 + 4;
}

/* The header of Nghị định 30/2020/NĐ-CP: the issuer in two lines over its
 * rule and the number line at the left; the national title, the motto and
 * the place and date at the right; the kind of document and its title. */
static void
write_document_header (DdXlsx        *x,
                       lxw_worksheet *ws)
{
  DdExportData *d = x->data;

  CHECK (x, worksheet_set_row (ws, 0, x->size * 1.6, NULL));
  CHECK (x, worksheet_set_row (ws, 1, x->size * 1.6, NULL));
  CHECK (x, worksheet_set_row (ws, 2, x->size * 0.9, NULL));
  if (d->issuer_superior != NULL)
    CHECK (x, worksheet_merge_range (ws, 0, 0, 0, 2, _dd_xlsx_clean_text (x, d->issuer_superior), x->f_superior));
  if (d->issuer_body != NULL)
    {
      CHECK (x, worksheet_merge_range (ws, 1, 0, 1, 2, _dd_xlsx_clean_text (x, d->issuer_body), x->f_issuer));
      CHECK (x, worksheet_merge_range (ws, 2, 0, 2, 2, SHORT_RULE, x->f_superior));
    }
  CHECK (x, worksheet_merge_range (ws, 3, 0, 3, 2, _dd_xlsx_clean_text (x, d->number_line), x->f_superior));
  /* Translators: the national title at the top right of every administrative document. */
  CHECK (x, worksheet_merge_range (ws, 0, 4, 0, SUM_LAST_COL, _("SOCIALIST REPUBLIC OF VIETNAM"), x->f_motto));
  /* Translators: the motto under the national title. */
  CHECK (x, worksheet_merge_range (ws, 1, 4, 1, SUM_LAST_COL, _("Independence - Freedom - Happiness"), x->f_motto2));
  CHECK (x, worksheet_merge_range (ws, 3, 4, 3, SUM_LAST_COL, _dd_xlsx_clean_text (x, d->date_line), x->f_date_line));

  CHECK (x, worksheet_set_row (ws, 4, x->size * 2.0, NULL));
  CHECK (x, worksheet_merge_range (ws, 4, 0, 4, SUM_LAST_COL, _dd_xlsx_clean_text (x, d->kind), x->f_title));
  /* The title and the plan's (408 characters and more) as many lines as
   * they take over the merged width. */
  CHECK (x, worksheet_set_row (ws, 5, merged_height (x, d->title, x->size + 1), NULL));
  CHECK (x, worksheet_merge_range (ws, 5, 0, 5, SUM_LAST_COL, _dd_xlsx_clean_text (x, d->title), x->f_title));
  if (d->subtitle != NULL)
    {
      CHECK (x, worksheet_set_row (ws, 6, merged_height (x, d->subtitle, x->size), NULL));
      CHECK (x, worksheet_merge_range (ws, 6, 0, 6, SUM_LAST_COL, _dd_xlsx_clean_text (x, d->subtitle), x->f_subtitle));
    }
  if (d->period_label != NULL)
    {
      g_autofree char *line = NULL;

      /* Translators: the reporting period under the report's title. */
      line = g_strdup_printf (_("Reporting period: %s"), d->period_label);
      CHECK (x, worksheet_merge_range (ws, 7, 0, 7, SUM_LAST_COL, _dd_xlsx_clean_text (x, line), x->f_subtitle));
    }
  if (d->scope_line != NULL)
    CHECK (x, worksheet_merge_range (ws, 8, 0, 8, SUM_LAST_COL, _dd_xlsx_clean_text (x, d->scope_line),
                                     x->f_subtitle));
}

/* The end of the form from row @r: "Nơi nhận:" at the left, the signer's
 * position, the space to sign and the name at the right. */
static void
write_signature (DdXlsx        *x,
                 lxw_worksheet *ws,
                 lxw_row_t      r)
{
  DdExportData *d = x->data;

  /* Translators: the recipients' list at the bottom left of an administrative document. */
  CHECK (x, worksheet_write_string (ws, r, 0, _("Recipients:"), x->f_recipients));
  /* Translators: the last recipient of every document: its copy in the office's archive. */
  CHECK (x, worksheet_write_string (ws, r + 1, 0, _("- Archive: VT."), x->f_plain));
  if (d->signer_position != NULL)
    CHECK (x, worksheet_merge_range (ws, r, 4, r, SUM_LAST_COL, _dd_xlsx_clean_text (x, d->signer_position),
                                     x->f_motto));
  CHECK (x, worksheet_set_row (ws, r + 2, x->size * 4.5, NULL));
  if (d->signer_name != NULL)
    CHECK (x, worksheet_merge_range (ws, r + 3, 4, r + 3, SUM_LAST_COL, _dd_xlsx_clean_text (x, d->signer_name),
                                     x->f_motto));
}

static lxw_chart_font
chart_font (DdXlsx   *x,
            double    size,
            gboolean  bold)
{
  lxw_chart_font font = { 0, };

  font.name = x->data->font_name;
  font.size = size;
  font.bold = bold ? 1 : 0;
  return font;
}

/* The rows of a table a chart is drawn from. */
typedef struct
{
  lxw_row_t head;
  lxw_row_t first;
  lxw_row_t last;
} TableRows;

/* How the two rates are counted, under them: the note of the report. */
static void
write_rates_note (DdXlsx        *x,
                  lxw_worksheet *ws,
                  lxw_row_t      r)
{
  CHECK (x, worksheet_set_row (ws, r, row_height (x, _dd_export_rates_note (), SUM_NAME_WIDTH + 2 * SUM_COL_WIDTH),
                               NULL));
  CHECK (x, worksheet_merge_range (ws, r, 0, r, 2, _dd_export_rates_note (), x->f_note_wrap));
}

/* I. Headline figures from @r: one row per status, the total, the rate.
 * Returns the row after them. */
static lxw_row_t
write_headline_table (DdXlsx        *x,
                      lxw_worksheet *ws,
                      lxw_row_t      r,
                      TableRows     *rows)
{
  DdExportData *d = x->data;
  guint shares[DD_N_STATUSES];
  double rate;

  CHECK (x, worksheet_write_string (ws, r++, 0, _("I. HEADLINE FIGURES"), x->f_section));
  rows->head = r;
  CHECK (x, worksheet_write_string (ws, r, 0, C_("export column", "Status"), x->f_head));
  CHECK (x, worksheet_write_string (ws, r, 1, C_("export column", "Tasks"), x->f_head));
  CHECK (x, worksheet_write_string (ws, r, 2, C_("export column", "Share"), x->f_head));
  CHECK (x, worksheet_set_row (ws, r, x->size * 1.3 * 3 + 4, NULL));   /* "Số nhiệm vụ": three lines */
  r++;
  rows->first = r;
  /* Shares by the largest remainder, in tenths of a percent as they
   * print: they add up, and equal counts show equal shares. */
  dd_format_split_shares (d->headline.counts, DD_N_STATUSES, 1000, shares);
  for (int s = 0; s < DD_N_STATUSES; s++, r++)
    {
      CHECK (x, worksheet_set_row (ws, r, row_height (x, "", 1), NULL));
      CHECK (x, worksheet_write_string (ws, r, 0, _dd_chart_status_label ((DdTaskStatus) s), x->f_status[s]));
      _dd_xlsx_write_number (x, ws, r, 1, d->headline.counts[s], x->f_int);
      _dd_xlsx_write_number (x, ws, r, 2, shares[s] / 1000.0, x->f_pct);
    }
  rows->last = r - 1;
  for (lxw_row_t t = r; t < r + 3; t++)
    CHECK (x, worksheet_set_row (ws, t, row_height (x, "", 1), NULL));
  CHECK (x, worksheet_write_string (ws, r, 0, _("Total"), x->f_text_bold));
  _dd_xlsx_write_number (x, ws, r, 1, d->headline.tasks, x->f_int_bold);
  _dd_xlsx_write_number (x, ws, r, 2, d->headline.tasks > 0 ? 1.0 : 0.0, x->f_pct_bold);
  r++;
  CHECK (x, worksheet_write_string (ws, r, 0, _("Completion rate"), x->f_text_bold));
  if (_dd_export_rate (d->headline.counts, &rate))
    _dd_xlsx_write_number (x, ws, r, 1, rate, x->f_pct_bold);
  else
    CHECK (x, worksheet_write_string (ws, r, 1, "—", x->f_center));
  CHECK (x, worksheet_write_blank (ws, r, 2, x->f_text));
  r++;
  /* Translators: done on time ÷ (done + overdue or forgotten), beside the completion rate. */
  CHECK (x, worksheet_write_string (ws, r, 0, _("On-time rate"), x->f_text_bold));
  if (_dd_export_on_time_rate (d->headline.counts, &rate))
    _dd_xlsx_write_number (x, ws, r, 1, rate, x->f_pct_bold);
  else
    CHECK (x, worksheet_write_string (ws, r, 1, "—", x->f_center));
  CHECK (x, worksheet_write_blank (ws, r, 2, x->f_text));
  r++;
  write_rates_note (x, ws, r);
  return r;
}

/* The doughnut of statuses, beside their table. */
static void
add_status_donut (DdXlsx          *x,
                  lxw_worksheet   *ws,
                  const TableRows *rows)
{
  /* The sheet prints at about 83 % of its size (fitted to the width):
   * the body size prints at 10 pt or more, smaller would not. */
  lxw_chart_font title_font = chart_font (x, x->size + 1, TRUE);
  lxw_chart_font body_font = chart_font (x, x->size, FALSE);
  lxw_chart_fill fills[DD_N_STATUSES];
  lxw_chart_point points[DD_N_STATUSES];
  lxw_chart_point *point_ptrs[DD_N_STATUSES + 1];
  lxw_chart_font label_fonts[DD_N_STATUSES];
  lxw_chart_data_label labels[DD_N_STATUSES];
  lxw_chart_data_label *label_ptrs[DD_N_STATUSES + 1];
  lxw_chart_options place = { 0, };
  lxw_chart *donut = workbook_add_chart (x->wb, LXW_CHART_DOUGHNUT);
  lxw_chart_series *series = chart_add_series (donut, NULL, NULL);

  chart_series_set_categories (series, x->sheet_summary, rows->first, 0, rows->last, 0);
  chart_series_set_values (series, x->sheet_summary, rows->first, 1, rows->last, 1);
  chart_series_set_name (series, _("Tasks by status"));
  for (int s = 0; s < DD_N_STATUSES; s++)
    {
      memset (&fills[s], 0, sizeof fills[s]);
      memset (&points[s], 0, sizeof points[s]);
      fills[s].color = _dd_xlsx_status_color ((DdTaskStatus) s);
      points[s].fill = &fills[s];
      point_ptrs[s] = &points[s];
      /* Each slice's label in the colour that contrasts with it (WCAG). */
      label_fonts[s] = body_font;
      label_fonts[s].color = _dd_export_status_white_text ((DdTaskStatus) s) ? 0xFFFFFF : 0x000000;
      memset (&labels[s], 0, sizeof labels[s]);
      labels[s].font = &label_fonts[s];
      label_ptrs[s] = &labels[s];
    }
  point_ptrs[DD_N_STATUSES] = NULL;
  label_ptrs[DD_N_STATUSES] = NULL;
  CHECK (x, chart_series_set_points (series, point_ptrs));
  chart_series_set_labels (series);
  chart_series_set_labels_options (series, LXW_FALSE, LXW_FALSE, LXW_TRUE);
  chart_series_set_labels_font (series, &body_font);
  CHECK (x, chart_series_set_labels_custom (series, label_ptrs));
  chart_title_set_name (donut, _("Tasks by status"));
  chart_title_set_name_font (donut, &title_font);
  chart_legend_set_position (donut, LXW_CHART_LEGEND_RIGHT);
  chart_legend_set_font (donut, &body_font);
  chart_set_hole_size (donut, 50);
  place.x_offset = 10;
  place.y_offset = 4;
  place.x_scale = 1.15;
  place.y_scale = 1.0;
  CHECK (x, worksheet_insert_chart_opt (ws, 9, 3, donut, &place));
}

/* Shared with dd-xlsx-figures.c */

void
_dd_xlsx_write_rates (DdXlsx        *x,
                      lxw_worksheet *ws,
                      lxw_row_t      r,
                      lxw_col_t      c,
                      const guint   *counts,
                      lxw_format    *format)
{
  double rate;

  if (_dd_export_rate (counts, &rate))
    _dd_xlsx_write_number (x, ws, r, c, rate, format);
  else
    CHECK (x, worksheet_write_string (ws, r, c, "—", x->f_center));
  if (_dd_export_on_time_rate (counts, &rate))
    _dd_xlsx_write_number (x, ws, r, c + 1, rate, format);
  else
    CHECK (x, worksheet_write_string (ws, r, c + 1, "—", x->f_center));
}

/* II. By lead unit, from @r: the table the bars are drawn from, and under
 * it a note. Returns the row after them. */
static lxw_row_t
write_units_table (DdXlsx        *x,
                   lxw_worksheet *ws,
                   GPtrArray     *units,
                   lxw_row_t      r,
                   TableRows     *rows)
{
  CHECK (x, worksheet_write_string (ws, r++, 0, _("II. BY LEAD UNIT"), x->f_section));
  rows->head = r;
  CHECK (x, worksheet_write_string (ws, r, 0, C_("export column", "Lead unit"), x->f_head));
  for (int s = 0; s < DD_N_STATUSES; s++)
    CHECK (x, worksheet_write_string (ws, r, (lxw_col_t) (1 + s), _dd_chart_status_label ((DdTaskStatus) s),
                                      x->f_head));
  CHECK (x, worksheet_write_string (ws, r, 1 + DD_N_STATUSES, _("Total"), x->f_head));
  CHECK (x, worksheet_write_string (ws, r, 2 + DD_N_STATUSES, _("Completion rate"), x->f_head));
  CHECK (x, worksheet_write_string (ws, r, 3 + DD_N_STATUSES, _("On-time rate"), x->f_head));
  {
    /* As high as the longest head takes in its narrow column (bold). */
    guint lines = _dd_xlsx_text_lines (x, _("Completion rate"), SUM_COL_WIDTH * 0.85);

    for (int s = 0; s < DD_N_STATUSES; s++)
      lines = MAX (lines, _dd_xlsx_text_lines (x, _dd_chart_status_label ((DdTaskStatus) s), SUM_COL_WIDTH * 0.85));
    CHECK (x, worksheet_set_row (ws, r, lines * x->size * 1.3 + 4, NULL));
  }
  r++;
  rows->first = r;
  for (guint i = 0; i < units->len; i++, r++)
    {
      const DdStatsUnit *unit = g_ptr_array_index (units, i);

      _dd_xlsx_write_text (x, ws, r, 0, unit->name, x->f_text);
      CHECK (x, worksheet_set_row (ws, r, row_height (x, unit->name, SUM_NAME_WIDTH), NULL));
      for (int s = 0; s < DD_N_STATUSES; s++)
        _dd_xlsx_write_number (x, ws, r, (lxw_col_t) (1 + s), unit->counts[s], x->f_int);
      _dd_xlsx_write_number (x, ws, r, 1 + DD_N_STATUSES, unit->total, x->f_int_bold);
      _dd_xlsx_write_rates (x, ws, r, 2 + DD_N_STATUSES, unit->counts, x->f_pct);
    }
  rows->last = r - 1;
  if (units->len == 0)
    CHECK (x, worksheet_write_string (ws, r++, 0, _("No task."), x->f_note));
  else if (x->data->units->len > DD_EXPORT_CHART_UNITS + 1)
    CHECK (x, worksheet_write_string (ws, r++, 0,
                                      _("The units with the most overdue tasks; every unit is on the sheet “Units”."),
                                      x->f_note));
  return r;
}

/* The stacked bars of the units' table, one series per status that
 * occurs, under the table (whose last row is @r - 1). */
static void
add_units_bars (DdXlsx          *x,
                lxw_worksheet   *ws,
                guint            n_units,
                lxw_row_t        r,
                const TableRows *rows)
{
  /* The sheet prints at about 83 % of its size (fitted to the width):
   * the body size prints at 10 pt or more, smaller would not. */
  lxw_chart_font title_font = chart_font (x, x->size + 1, TRUE);
  lxw_chart_font body_font = chart_font (x, x->size, FALSE);
  lxw_chart_options place = { 0, };
  lxw_chart *bars = workbook_add_chart (x->wb, LXW_CHART_BAR_STACKED);

  for (int s = 0; s < DD_N_STATUSES; s++)
    {
      lxw_chart_fill fill = { 0, };
      lxw_chart_series *series;

      if (x->data->headline.counts[s] == 0)
        continue;
      series = chart_add_series (bars, NULL, NULL);
      chart_series_set_categories (series, x->sheet_summary, rows->first, 0, rows->last, 0);
      chart_series_set_values (series, x->sheet_summary, rows->first, (lxw_col_t) (1 + s),
                               rows->last, (lxw_col_t) (1 + s));
      chart_series_set_name_range (series, x->sheet_summary, rows->head, (lxw_col_t) (1 + s));
      fill.color = _dd_xlsx_status_color ((DdTaskStatus) s);
      chart_series_set_fill (series, &fill);
    }
  chart_title_set_name (bars, _("Task status by lead unit"));
  chart_title_set_name_font (bars, &title_font);
  chart_legend_set_position (bars, LXW_CHART_LEGEND_BOTTOM);
  chart_legend_set_font (bars, &body_font);
  chart_axis_set_num_font (bars->x_axis, &body_font);
  chart_axis_set_num_font (bars->y_axis, &body_font);
  /* The first unit of the table at the top. */
  chart_axis_set_reverse (bars->y_axis);
  place.x_offset = 0;
  place.y_offset = 10;
  place.x_scale = 2.0;
  place.y_scale = MAX (1.0, 0.5 + 0.08 * n_units);
  CHECK (x, worksheet_insert_chart_opt (ws, r + 1, 0, bars, &place));
}

/* The rows the bars of @n_units take (288 pixels high at scale 1, rows of
 * 20 pixels). */
static lxw_row_t
units_bars_rows (guint n_units)
{
  return (lxw_row_t) ceil (288.0 * MAX (1.0, 0.5 + 0.08 * n_units) / 20.0) + 1;
}

/* Shared with dd-xlsx-export.c */

void
_dd_xlsx_write_summary_sheet (DdXlsx        *x,
                              lxw_worksheet *ws)
{
  g_autoptr(GPtrArray) units = _dd_export_chart_units (x->data);
  TableRows statuses, by_unit;
  lxw_row_t r;

  CHECK (x, worksheet_set_column (ws, 0, 0, SUM_NAME_WIDTH, NULL));
  CHECK (x, worksheet_set_column (ws, 1, SUM_LAST_COL, SUM_COL_WIDTH, NULL));
  _dd_xlsx_setup_print (x, ws, TRUE, -1, -1);
  write_document_header (x, ws);

  r = write_headline_table (x, ws, 9, &statuses);
  add_status_donut (x, ws, &statuses);
  /* II. on a page of its own: the bars are never cut by a page's end
   * (a page fitted to the width, not to one page high). */
  r = MAX (r + 2, 26);
  {
    lxw_row_t breaks[] = { r, 0 };

    CHECK (x, worksheet_set_h_pagebreaks (ws, breaks));
  }
  r = write_units_table (x, ws, units, r, &by_unit);
  if (units->len > 0)
    {
      add_units_bars (x, ws, units->len, r, &by_unit);
      r += units_bars_rows (units->len) + 1;
    }
  write_signature (x, ws, r + 1);
}
