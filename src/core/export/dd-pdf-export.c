/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-export"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "dd-pdf-private.h"

/*
 * The meeting handout: DdReport lays the report out in blocks (the
 * document header, paragraphs, charts, table rows), cuts them into pages
 * and draws any page on any cairo_t, so that the PDF export and the
 * window's print operation share one drawing. Text goes through Pango:
 * fontconfig falls back from the chosen font (Times New Roman) to an
 * installed one that has every Vietnamese glyph.
 */

G_DEFINE_FINAL_TYPE (DdReport, dd_report, G_TYPE_OBJECT)

/* Auxiliary methods */

/* Document numbers and dates ("662/KH-VPUB", "15-CT/TU", "19/3/2026") are
 * never cut at the end of a line, although Unicode allows a break after "/". */
static void
keep_numbers_whole (PangoLayout *layout)
{
  static GRegex *number_re;
  const char *text = pango_layout_get_text (layout);
  g_autoptr(GMatchInfo) match = NULL;
  PangoAttrList *attrs = NULL;

  if (strchr (text, '/') == NULL)
    return;
  if (g_once_init_enter (&number_re))
    g_once_init_leave (&number_re, g_regex_new ("[[:alnum:]]+(?:[-/.][[:alnum:]]+)*/[[:alnum:]]+(?:[-/.][[:alnum:]]+)*",
                                                G_REGEX_OPTIMIZE, 0, NULL));
  g_regex_match (number_re, text, 0, &match);
  while (g_match_info_matches (match))
    {
      int start, end;
      PangoAttribute *attr;

      g_match_info_fetch_pos (match, 0, &start, &end);
      if (attrs == NULL)
        attrs = pango_attr_list_new ();
      attr = pango_attr_allow_breaks_new (FALSE);
      attr->start_index = (guint) start;
      attr->end_index = (guint) end;
      pango_attr_list_insert (attrs, attr);
      g_match_info_next (match, NULL);
    }
  if (attrs != NULL)
    {
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
}

static PangoLayout *
new_layout (DdReport   *self,
            cairo_t    *cr,
            const char *text,
            double      size,
            gboolean    bold,
            gboolean    italic,
            double      width,
            PangoAlignment align)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (self->family);
  g_autoptr(GString) clean = g_string_new (NULL);

  /* The units of @cr are points: a point of type is one of them (Pango
   * takes 96 a inch otherwise, and 13 pt prints at 17.3). */
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72.0);
  pango_layout_context_changed (layout);

  /* Pango never sees what it cannot take: the documents' sanitiser. */
  text = _dd_export_clean_text (clean, text, DD_CLEAN_NONE);

  pango_font_description_set_size (desc, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style (desc, italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_layout_set_font_description (layout, desc);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, self->char_wrap ? PANGO_WRAP_WORD_CHAR : PANGO_WRAP_WORD);
    }
  pango_layout_set_alignment (layout, align);
  /* A cell of 32,767 characters would take pages: a handout shows the
   * first lines (the workbook has all of it). */
  if (strlen (text) > 2000)
    {
      g_autofree char *cut = g_utf8_substring (text, 0, 600);
      g_autofree char *with_mark = g_strconcat (cut, " …", NULL);

      pango_layout_set_text (layout, with_mark, -1);
    }
  else
    pango_layout_set_text (layout, text, -1);
  keep_numbers_whole (layout);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static double
show_layout (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  return layout_height (layout);
}

static void
text_style (DdReport  *self,
            TextStyle  style,
            double    *size,
            gboolean  *bold,
            gboolean  *italic,
            PangoAlignment *align)
{
  double body = self->data->options.font_size;

  *bold = style == TEXT_TITLE || style == TEXT_SECTION;
  *italic = style == TEXT_SUBTITLE || style == TEXT_NOTE;
  *size = style == TEXT_TITLE ? body + 1 : style == TEXT_NOTE ? body - 2 : body;
  *align = style == TEXT_TITLE || style == TEXT_SUBTITLE ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT;
}

/* The document header (Nghị định 30/2020): the issuing body at the top
 * left in capitals, the national title and motto at the top right, the
 * place and date in italics under them. Draws when @draw, returns its height. */
static double
header_do (DdReport *self,
           cairo_t  *cr,
           gboolean  draw)
{
  DdExportData *d = self->data;
  /* Nghị định 30/2020: the issuer and the national title in 12–13 pt. */
  double size = MAX (12.0, d->options.font_size - 1);
  double left_w = self->width * 0.36;
  double right_x = self->width * 0.38;
  double right_w = self->width - right_x;
  double yl = 0, yr = 0, h;
  g_autoptr(PangoLayout) l0 = NULL;
  g_autoptr(PangoLayout) l1 = NULL;
  g_autoptr(PangoLayout) l2 = NULL;
  g_autoptr(PangoLayout) r1 = NULL;
  g_autoptr(PangoLayout) r2 = NULL;
  g_autoptr(PangoLayout) r3 = NULL;

  /* The superior body in regular capitals over the issuer in bold, a
   * short rule, the number line. */
  if (d->issuer_superior != NULL)
    {
      l0 = new_layout (self, cr, d->issuer_superior, size, FALSE, FALSE, left_w, PANGO_ALIGN_CENTER);
      if (draw)
        show_layout (cr, l0, 0, 0);
      yl = layout_height (l0);
    }
  if (d->issuer_body != NULL)
    {
      l1 = new_layout (self, cr, d->issuer_body, size, TRUE, FALSE, left_w, PANGO_ALIGN_CENTER);
      h = layout_height (l1);
      if (draw)
        {
          show_layout (cr, l1, 0, yl);
          cairo_set_line_width (cr, 0.6);
          cairo_move_to (cr, left_w * 0.35, yl + h + 3);
          cairo_line_to (cr, left_w * 0.65, yl + h + 3);
          cairo_stroke (cr);
        }
      yl += h + 10;
    }

  /* The national title stays on one line: a wide fallback font gets smaller. */
  {
    g_autoptr(PangoLayout) probe = new_layout (self, cr, _("SOCIALIST REPUBLIC OF VIETNAM"), size, TRUE, FALSE, -1,
                                               PANGO_ALIGN_LEFT);
    int pw, ph;

    pango_layout_get_size (probe, &pw, &ph);
    /* With room to spare: the font's size is rounded, its hinting may widen it. */
    if ((double) pw / PANGO_SCALE > right_w - 8)
      size *= (right_w - 8) / ((double) pw / PANGO_SCALE);
  }
  r1 = new_layout (self, cr, _("SOCIALIST REPUBLIC OF VIETNAM"), size, TRUE, FALSE, right_w, PANGO_ALIGN_CENTER);
  r2 = new_layout (self, cr, _("Independence - Freedom - Happiness"), size, TRUE, FALSE, right_w, PANGO_ALIGN_CENTER);
  r3 = new_layout (self, cr, d->date_line, size, FALSE, TRUE, right_w, PANGO_ALIGN_CENTER);
  if (draw)
    show_layout (cr, r1, right_x, 0);
  yr = layout_height (r1);
  if (draw)
    {
      PangoRectangle ink, logical;

      show_layout (cr, r2, right_x, yr);
      pango_layout_get_pixel_extents (r2, &ink, &logical);
      cairo_set_line_width (cr, 0.6);
      cairo_move_to (cr, right_x + logical.x, yr + logical.height + 2);
      cairo_line_to (cr, right_x + logical.x + logical.width, yr + logical.height + 2);
      cairo_stroke (cr);
    }
  yr += layout_height (r2) + 10;
  if (draw)
    show_layout (cr, r3, right_x, yr);
  /* The number line level with the place and date, as the form has them. */
  l2 = new_layout (self, cr, d->number_line, size, FALSE, FALSE, left_w, PANGO_ALIGN_CENTER);
  if (draw)
    show_layout (cr, l2, 0, MAX (yl, yr));
  yl = MAX (yl, yr) + layout_height (l2);
  yr += layout_height (r3);
  return MAX (yl, yr) + 12;
}

/* The end of the form (Nghị định 30/2020): "Nơi nhận:" at the left, the
 * signer's position, the space to sign and the name at the right. Draws
 * when @draw, returns its height. */
static double
signature_do (DdReport *self,
              cairo_t  *cr,
              gboolean  draw)
{
  DdExportData *d = self->data;
  /* "Nơi nhận:" in 12 pt, the recipients in 11 (Nghị định 30/2020). */
  double size = MAX (12.0, d->options.font_size - 1);
  double half = self->width / 2;
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) position = NULL;
  g_autoptr(PangoLayout) name = NULL;
  double yl, yr = 0;

  left = new_layout (self, cr, _("Recipients:"), size, TRUE, TRUE, half, PANGO_ALIGN_LEFT);
  yl = layout_height (left);
  if (draw)
    show_layout (cr, left, 0, 0);
  g_clear_object (&left);
  left = new_layout (self, cr, _("- Archive: VT."), size - 1, FALSE, FALSE, half, PANGO_ALIGN_LEFT);
  if (draw)
    show_layout (cr, left, 0, yl);
  yl += layout_height (left);
  if (d->signer_position != NULL)
    {
      position = new_layout (self, cr, d->signer_position, size, TRUE, FALSE, half, PANGO_ALIGN_CENTER);
      if (draw)
        show_layout (cr, position, half, 0);
      yr = layout_height (position);
    }
  /* The space to sign and seal. */
  yr += size * 5;
  if (d->signer_name != NULL)
    {
      name = new_layout (self, cr, d->signer_name, size, TRUE, FALSE, half, PANGO_ALIGN_CENTER);
      if (draw)
        show_layout (cr, name, half, yr);
      yr += layout_height (name);
    }
  return MAX (yl, yr) + 6;
}

static double
row_do (DdReport *self,
        cairo_t  *cr,
        Block    *block,
        double    y,
        gboolean  draw,
        gboolean  head)
{
  Table *t = block->table;
  double x = 0, height = 0;
  PangoLayout *layouts[MAX_COLS] = { NULL, };
  guint n = block->span && !head ? 1 : t->n_cols;

  self->char_wrap = TRUE;
  for (guint c = 0; c < n; c++)
    {
      double w = (block->span && !head ? 1.0 : t->widths[c]) * self->width;
      const char *text = head ? t->head[c] : block->cells[c];
      gboolean numeric = !head && !block->span && c > 0 && text != NULL && g_ascii_isdigit (text[0])
                         && (int) c != block->status_col;
      /* A date centred, clear of the text beside it. */
      gboolean date = numeric && strchr (text, '/') != NULL;

      layouts[c] = new_layout (self, cr, text != NULL ? text : "", head ? t->head_size : t->font_size,
                               head || block->bold, FALSE,
                               w - 2 * CELL_PAD,
                               head || date || (int) c == block->status_col ? PANGO_ALIGN_CENTER
                               : numeric ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      height = MAX (height, layout_height (layouts[c]) + 2 * CELL_PAD);
    }
  self->char_wrap = FALSE;

  if (draw)
    {
      for (guint c = 0; c < n; c++)
        {
          double w = (block->span && !head ? 1.0 : t->widths[c]) * self->width;
          gboolean dark = FALSE;

          cairo_rectangle (cr, x, y, w, height);
          if (head)
            {
              cairo_set_source_rgb (cr, 0.906, 0.902, 0.902);
              cairo_fill_preserve (cr);
            }
          else if ((int) c == block->status_col)
            {
              double rgba[4];

              dd_status_get_color (block->status, rgba);
              cairo_set_source_rgb (cr, rgba[0], rgba[1], rgba[2]);
              cairo_fill_preserve (cr);
              dark = _dd_export_white_on (rgba);
            }
          else if (block->span)
            {
              cairo_set_source_rgb (cr, 0.97, 0.97, 0.97);
              cairo_fill_preserve (cr);
            }
          cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
          cairo_set_line_width (cr, 0.5);
          cairo_stroke (cr);
          if (dark)
            cairo_set_source_rgb (cr, 1, 1, 1);
          else
            cairo_set_source_rgb (cr, 0, 0, 0);
          show_layout (cr, layouts[c], x + CELL_PAD, y + CELL_PAD);
          x += w;
        }
    }
  for (guint c = 0; c < n; c++)
    g_object_unref (layouts[c]);
  return height;
}

static double
block_do (DdReport *self,
          cairo_t  *cr,
          Block    *block,
          double    y,
          gboolean  draw)
{
  switch (block->kind)
    {
    case BLOCK_HEADER:
      if (draw)
        {
          cairo_save (cr);
          cairo_translate (cr, 0, y);
          header_do (self, cr, TRUE);
          cairo_restore (cr);
          return block->height;
        }
      return header_do (self, cr, FALSE);

    case BLOCK_SIGNATURE:
      if (draw)
        {
          cairo_save (cr);
          cairo_translate (cr, 0, y);
          cairo_set_source_rgb (cr, 0, 0, 0);
          signature_do (self, cr, TRUE);
          cairo_restore (cr);
        }
      return signature_do (self, cr, FALSE);

    case BLOCK_TEXT:
      {
        double size;
        gboolean bold, italic;
        PangoAlignment align;
        g_autoptr(PangoLayout) layout = NULL;

        text_style (self, block->style, &size, &bold, &italic, &align);
        layout = new_layout (self, cr, block->text, size, bold, italic, self->width, align);
        if (draw)
          {
            cairo_set_source_rgb (cr, 0, 0, 0);
            show_layout (cr, layout, 0, y);
          }
        return layout_height (layout) + (block->style == TEXT_SECTION ? 8 : 4);
      }

    case BLOCK_CHART:
      if (draw)
        {
          cairo_save (cr);
          cairo_translate (cr, 0, y);
          dd_chart_render (block->chart, cr, self->width, block->height);
          cairo_restore (cr);
        }
      return block->height;

    case BLOCK_ROW:
      return row_do (self, cr, block, y, draw, FALSE);

    case BLOCK_GAP:
    default:
      return block->height;
    }
}

/* GObject overrides */

static void
dd_report_finalize (GObject *object)
{
  DdReport *self = DD_REPORT (object);

  g_clear_pointer (&self->data, _dd_export_data_free);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->tables, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_free (self->family);

  G_OBJECT_CLASS (dd_report_parent_class)->finalize (object);
}

static void
dd_report_class_init (DdReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_report_finalize;
}

static void
dd_report_init (DdReport *self)
{
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) _dd_report_block_free);
  self->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) _dd_report_table_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

/* Public API */

static DdReport *report_new (DdStore *store, const DdExportOptions *options, GError **error);

DdReport *
dd_report_new (DdStore                *store,
               const DdExportOptions  *options,
               GError                **error)
{
  DdReport *self;

  g_return_val_if_fail (options != NULL, NULL);
  int previous = _dd_document_language_push (_dd_export_language (options));
  self = report_new (store, options, error);
  _dd_document_language_pop (previous);
  return self;
}

static DdReport *
report_new (DdStore                *store,
            const DdExportOptions  *options,
            GError                **error)
{
  g_autoptr(DdReport) self = g_object_new (DD_TYPE_REPORT, NULL);
  gboolean ok;

  g_return_val_if_fail (DD_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  /* No read transaction around the report: its parts read in short ones
   * (_dd_export_data_new(), the list for action by id), so that other
   * desktops' saves go through meanwhile. Its figures are those of the rows
   * read; a task deleted before its turn in the list for action is left
   * out of the list. */
  self->data = _dd_export_data_new (store, options, error);
  if (self->data == NULL)
    return NULL;
  /* The chosen font, then serif fonts that cover Vietnamese. */
  self->family = g_strdup_printf ("%s, DejaVu Serif, Liberation Serif, serif", self->data->font_name);
  ok = _dd_report_build (self, store, error);
  if (ok)
    {
      _dd_report_add_gap (self, 14);
      _dd_report_add_block (self, BLOCK_SIGNATURE)->keep_with_next = FALSE;
    }
  if (!ok)
    return NULL;
  return g_steal_pointer (&self);
}

const char *
dd_report_get_title (DdReport *self)
{
  g_return_val_if_fail (DD_IS_REPORT (self), NULL);
  return self->data->title;
}

static double
footer_height (DdReport *self)
{
  return self->data->options.font_size + 10;
}

/* The signature never stands alone on the last page: the last blocks of
 * @from (gaps, then one block of text or one row, with the headings kept
 * with it) go with it onto @to, still empty; @from keeps at least one.
 * Returns the height they take on @to; *@head_on_page is the table whose
 * header row @to shows last. */
static double
carry_over (GArray  *from,
            GArray  *to,
            Table  **head_on_page)
{
  guint keep = from->len;
  gboolean content = FALSE;
  double y = 0;

  while (keep > 1)
    {
      const Placement *p = &g_array_index (from, Placement, keep - 1);

      /* A heading stays with what follows it: a section's title, a
       * sub-heading over a table's rows. */
      if (content && !p->block->keep_with_next && !(p->block->kind == BLOCK_ROW && p->block->span))
        break;
      content = content || p->block->kind != BLOCK_GAP;
      keep--;
    }
  *head_on_page = NULL;
  for (guint i = keep; i < from->len; i++)
    {
      Placement p = g_array_index (from, Placement, i);

      if (p.block->kind == BLOCK_GAP && to->len == 0)
        continue;
      p.with_head = p.block->kind == BLOCK_ROW && *head_on_page != p.block->table;
      if (p.with_head)
        {
          y += p.block->table->head_height;
          *head_on_page = p.block->table;
        }
      else if (p.block->kind != BLOCK_ROW)
        *head_on_page = NULL;
      p.y = y;
      g_array_append_val (to, p);
      y += p.block->height;
    }
  g_array_set_size (from, keep);
  return y;
}

guint
dd_report_paginate (DdReport *self,
                    cairo_t  *cr,
                    double    width,
                    double    height)
{
  GArray *page;
  double y = 0, avail;
  Table *head_on_page = NULL;

  g_return_val_if_fail (DD_IS_REPORT (self), 0);
  g_return_val_if_fail (cr != NULL, 0);
  int previous = _dd_document_language_push (self->data->language);

  self->width = MAX (width, 100);
  self->height = MAX (height, 100);
  avail = self->height - footer_height (self);
  g_ptr_array_set_size (self->pages, 0);
  page = g_array_new (FALSE, FALSE, sizeof (Placement));
  g_ptr_array_add (self->pages, page);

  for (guint i = 0; i < self->tables->len; i++)
    {
      Table *t = g_ptr_array_index (self->tables, i);
      Block head = { 0, };

      head.table = t;
      head.status_col = -1;
      t->head_height = row_do (self, cr, &head, 0, FALSE, TRUE);
    }

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (self->blocks, i);
      Placement p = { b, 0, FALSE };
      double need;
      gboolean with_head = FALSE;

      if (b->kind == BLOCK_CHART)
        {
          b->height = MIN (b->chart_height, avail);
          /* A chart may shrink a little rather than leave half a page empty. */
          if (y > 0 && y + b->height > avail && avail - y >= 0.75 * b->height)
            b->height = avail - y;
        }
      b->height = block_do (self, cr, b, 0, FALSE);
      need = b->height;
      if (b->kind == BLOCK_ROW && head_on_page != b->table)
        {
          with_head = TRUE;
          need += b->table->head_height;
        }
      if (b->keep_with_next && i + 1 < self->blocks->len)
        {
          Block *next = g_ptr_array_index (self->blocks, i + 1);

          need += next->kind == BLOCK_CHART ? MIN (next->chart_height, avail) * 0.75
                  : block_do (self, cr, next, 0, FALSE);
          if (next->kind == BLOCK_ROW)
            need += next->table->head_height;
        }
      if (b->kind == BLOCK_GAP && y + need > avail)
        continue;
      if (y > 0 && y + need > avail)
        {
          GArray *full = page;

          page = g_array_new (FALSE, FALSE, sizeof (Placement));
          g_ptr_array_add (self->pages, page);
          y = 0;
          head_on_page = NULL;
          if (b->kind == BLOCK_SIGNATURE)
            y = carry_over (full, page, &head_on_page);
          if (b->kind == BLOCK_GAP)
            continue;
          if (b->kind == BLOCK_ROW)
            with_head = TRUE;
        }
      if (with_head)
        {
          p.with_head = TRUE;
          y += b->table->head_height;
          head_on_page = b->table;
        }
      else if (b->kind != BLOCK_ROW)
        head_on_page = NULL;
      p.y = y;
      g_array_append_val (page, p);
      y += b->height;
    }
  _dd_document_language_pop (previous);
  return self->pages->len;
}

void
dd_report_draw_page (DdReport *self,
                     cairo_t  *cr,
                     guint     page)
{
  GArray *placements;
  g_autofree char *footer = NULL;
  g_autoptr(PangoLayout) layout = NULL;

  g_return_if_fail (DD_IS_REPORT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);
  int previous = _dd_document_language_push (self->data->language);

  placements = g_ptr_array_index (self->pages, page);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < placements->len; i++)
    {
      Placement *p = &g_array_index (placements, Placement, i);

      if (p->with_head)
        {
          Block head = { 0, };

          head.table = p->block->table;
          head.status_col = -1;
          row_do (self, cr, &head, p->y - head.table->head_height, TRUE, TRUE);
        }
      cairo_set_source_rgb (cr, 0, 0, 0);
      block_do (self, cr, p->block, p->y, TRUE);
    }

  /* Translators: the page number at the bottom of the handout: "Trang 1/3". */
  footer = g_strdup_printf (_("Page %u/%u"), page + 1, self->pages->len);
  layout = new_layout (self, cr, footer, self->data->options.font_size - 2, FALSE, FALSE, self->width,
                       PANGO_ALIGN_CENTER);
  cairo_set_source_rgb (cr, 0, 0, 0);
  show_layout (cr, layout, 0, self->height - layout_height (layout));
  cairo_restore (cr);
  _dd_document_language_pop (previous);
}

static gboolean export_pdf (DdStore *store, const DdExportOptions *options, const char *path, GError **error);

gboolean
dd_export_pdf (DdStore                *store,
               const DdExportOptions  *options,
               const char             *path,
               GError                **error)
{
  gboolean ok;

  g_return_val_if_fail (options != NULL, FALSE);
  int previous = _dd_document_language_push (_dd_export_language (options));
  ok = export_pdf (store, options, path, error);
  _dd_document_language_pop (previous);
  return ok;
}

static gboolean
export_pdf (DdStore                *store,
            const DdExportOptions  *options,
            const char             *path,
            GError                **error)
{
  g_autoptr(DdReport) report = NULL;
  g_autofree char *tmp = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  guint n;

  g_return_val_if_fail (DD_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  tmp = _dd_export_temp_path (path, error);
  if (tmp == NULL)
    return FALSE;
  report = dd_report_new (store, options, error);
  if (report == NULL)
    {
      g_unlink (tmp);
      return FALSE;
    }

  surface = cairo_pdf_surface_create (tmp, A4_WIDTH, A4_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, report->data->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Đôn Đốc");
  cr = cairo_create (surface);
  n = dd_report_paginate (report, cr, A4_WIDTH - MARGIN_LEFT - MARGIN_RIGHT,
                          A4_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM);
  for (guint i = 0; i < n; i++)
    {
      cairo_save (cr);
      cairo_translate (cr, MARGIN_LEFT, MARGIN_TOP);
      dd_report_draw_page (report, cr, i);
      cairo_restore (cr);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_unlink (tmp);
      g_set_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_WRITE,
                   dgettext (GETTEXT_PACKAGE, "Cannot write “%s”: %s"), display, cairo_status_to_string (status));
      return FALSE;
    }
  return _dd_export_commit (tmp, path, error);
}
