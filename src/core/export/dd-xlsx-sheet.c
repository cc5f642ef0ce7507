/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-export"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-xlsx-private.h"

/*
 * What the sheets of the workbook share besides their cells: the print
 * setup, the title line, the colours of the statuses. Below the workbook
 * (dd-xlsx-export.c) and its sheets, which call it; it calls only the
 * cells (dd-xlsx-cells.c).
 */

lxw_color_t
_dd_xlsx_status_color (DdTaskStatus status)
{
  double rgba[4];

  dd_status_get_color (status, rgba);
  return ((lxw_color_t) (CLAMP (rgba[0], 0, 1) * 255 + 0.5) << 16)
         | ((lxw_color_t) (CLAMP (rgba[1], 0, 1) * 255 + 0.5) << 8)
         | (lxw_color_t) (CLAMP (rgba[2], 0, 1) * 255 + 0.5);
}
/* A4, fitted to the page's width, header rows on every page, "Trang 1/3"
 * in the footer, in the report's font. */
void
_dd_xlsx_setup_print (DdXlsx        *x,
                      lxw_worksheet *ws,
                      gboolean       landscape,
                      int            repeat_first,
                      int            repeat_last)
{
  g_autofree char *footer = NULL;
  g_autofree char *pages = NULL;
  g_autoptr(GString) escaped = g_string_new (NULL);

  worksheet_set_paper (ws, 9);   /* A4 */
  if (landscape)
    worksheet_set_landscape (ws);
  else
    worksheet_set_portrait (ws);
  /* Fitted to the width only, never to one page high: a sheet squeezed
   * into one page prints its text under 10 pt. As many pages as it takes. */
  worksheet_fit_to_pages (ws, 1, 0);
  /* Nghị định 30/2020: left 30–35 mm, right 15–20 mm, top and bottom 20–25 mm. */
  worksheet_set_margins (ws, 1.18, 0.70, 0.79, 0.79);
  worksheet_center_horizontally (ws);
  if (repeat_first >= 0)
    CHECK (x, worksheet_repeat_rows (ws, (lxw_row_t) repeat_first, (lxw_row_t) repeat_last));

  /* Translators: the page footer of the workbook; &P is the page, &N the number of pages. */
  pages = g_strdup (_("Page &P/&N"));
  footer = g_strdup_printf ("&C&\"%s,Regular\"&%d%s", x->data->font_name, (int) (x->size + 0.5), pages);
  /* A font's name with a '"' or '&' would end the font code early. */
  if (strlen (footer) < 255 && strpbrk (x->data->font_name, "\"&") == NULL)
    CHECK (x, worksheet_set_footer (ws, footer));
  else
    {
      g_free (footer);
      footer = g_strdup_printf ("&C%s", pages);
      CHECK (x, worksheet_set_footer (ws, footer));
    }
}

void
_dd_xlsx_write_sheet_title (DdXlsx        *x,
                            lxw_worksheet *ws,
                            const char    *title,
                            lxw_col_t      last_col,
                            double         width)
{
  g_autofree char *line = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *clean_second = NULL;
  lxw_rich_string_tuple head = { x->f_sheet_title_font, NULL };
  lxw_rich_string_tuple scope = { x->f_scope_font, NULL };
  lxw_rich_string_tuple *fragments[] = { &head, &scope, NULL };
  guint lines;

  /* Translators: the first line of a sheet: its name, then the report's title. */
  line = g_strdup_printf (_("%s — %s"), title, x->data->title);
  first = g_strdup (_dd_xlsx_clean_text (x, line));
  if (x->data->scope_line == NULL)
    {
      CHECK (x, worksheet_write_string (ws, 0, 0, first, x->f_sheet_title));
      return;
    }
  /* The scope under it, on every sheet: what the figures cover. */
  second = g_strconcat ("\n", x->data->scope_line, NULL);
  head.string = first;
  clean_second = g_strdup (_dd_xlsx_clean_text (x, second));
  scope.string = clean_second;
  lines = _dd_xlsx_text_lines (x, first, width * x->size / (x->size + 1))
          + _dd_xlsx_text_lines (x, x->data->scope_line, width);
  CHECK (x, worksheet_set_row (ws, 0, lines * (x->size + 1) * 1.3 + 4, NULL));
  CHECK (x, worksheet_merge_range (ws, 0, 0, 0, last_col, "", x->f_sheet_title));
  CHECK (x, worksheet_write_rich_string (ws, 0, 0, fragments, x->f_sheet_title));
}
