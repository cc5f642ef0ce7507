/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-export"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <pango/pangocairo.h>
#include <glib/gi18n-lib.h>

#include "dd-xlsx-private.h"

/*
 * The cells of the workbook. Every text from the database goes through
 * _dd_xlsx_write_text() (see dd-xlsx-export.c); the data rows of the two
 * big sheets are formatted here into the XML libxlsxwriter's
 * constant-memory mode writes and deflated on a thread of their own.
 */

#define ROW_CHUNK (256u << 10)
#define MAX_WRAP_COLUMNS 32
/* Distinct texts shared by the streamed sheets at most: a column whose
 * texts do not repeat after all (100,000 different ones) is not kept in
 * memory whole; its texts past this are written in their cells. */
#define MAX_SHARED_STRINGS 50000
/* Excel's highest row. */
#define MAX_ROW_POINTS 409.0

/* The data rows of a big sheet (see dd-xlsx-export.c). */
struct _DdXlsxRowStream
{
  lxw_worksheet *ws;
  DdDeflateStream *deflate;
  GString *xml;                /* waiting for the deflater */
  lxw_row_t row;               /* of the open <row>, when row_open */
  gboolean row_open;
  gboolean any;
  char row_ref[12];            /* row + 1 in decimal */
  gsize row_ref_len;
  lxw_row_t first_row;
  lxw_row_t last_row;
  lxw_col_t first_col;
  lxw_col_t last_col;
  char *entry;                 /* "xl/worksheets/sheetN.xml" */
  /* Row heights: LibreOffice and Excel print a row as high as it says,
   * never as high as its wrapped text, so each row says it. */
  gsize row_attr_at;           /* in xml, just after `<row r="N"` */
  guint row_lines;             /* the most lines of a cell of the open row */
  double line_height;          /* of one line of text, in points */
  double line_chars[MAX_WRAP_COLUMNS];   /* characters a line of a column holds; 0: one line */
  /* Columns whose texts repeat (units, statuses, plans): written once in
   * the workbook's shared strings and referred to by number, which makes
   * the sheet's XML a quarter smaller, and quicker to make and deflate. */
  gboolean shared_col[MAX_WRAP_COLUMNS];
  lxw_sst *sst;                /* the workbook's shared strings */
  GHashTable *shared;          /* text → its index + 1 in sst (DdXlsx's) */
};

/* Auxiliary methods */

static void
append_uint (GString *out,
             guint64  v)
{
  char buf[24];
  char *p = buf + sizeof buf;

  do
    *--p = (char) ('0' + v % 10);
  while ((v /= 10) > 0);
  g_string_append_len (out, p, buf + sizeof buf - p);
}

/* g_string_append_len() without its checks, for the many small pieces of
 * a row. */
static inline void
xml_put (GString    *out,
         const char *p,
         gsize       n)
{
  if (G_UNLIKELY (out->len + n >= out->allocated_len))
    {
      g_string_append_len (out, p, (gssize) n);
      return;
    }
  memcpy (out->str + out->len, p, n);
  out->len += n;
  out->str[out->len] = '\0';
}

#define XML_PUT(out, literal) xml_put ((out), "" literal "", sizeof (literal) - 1)

/* Ends the open row, its height put in its tag: enough for its most
 * lines (at least one). */
static void
close_row (DdXlsxRowStream *s)
{
  if (s->line_height > 0)
    {
      char attr[64];
      char num[G_ASCII_DTOSTR_BUF_SIZE];
      double points = MIN (MAX_ROW_POINTS, ceil (s->row_lines * s->line_height + 3));
      int n;

      n = g_snprintf (attr, sizeof attr, " ht=\"%s\" customHeight=\"1\"",
                      g_ascii_formatd (num, sizeof num, "%.0f", points));
      g_string_insert_len (s->xml, (gssize) s->row_attr_at, attr, n);
    }
  XML_PUT (s->xml, "</row>");
}

/* How many lines @text takes in a column that holds @per_line characters
 * a line, wrapped as a spreadsheet wraps it: each paragraph on its own
 * lines, words placed one after the other, a word that does not fit at
 * the end of a line taken to the next, one longer than a line broken. */
static guint
text_lines (const char *text,
            double      per_line)
{
  guint lines = 0;
  double used = 0;         /* characters on the current line */
  guint word = 0;          /* characters of the word being read */
  gboolean any = FALSE;    /* the paragraph has a word on its current line */

  for (const guchar *p = (const guchar *) text;; p++)
    {
      gboolean end = *p == '\0' || *p == '\n';

      if (end || *p == ' ')
        {
          if (word > 0)
            {
              if (any && used + 1 + word > per_line)
                {
                  lines++;
                  used = 0;
                  any = FALSE;
                }
              if (word > per_line)
                {
                  /* Broken where it overflows: whole lines, the rest on the last. */
                  lines += (guint) (word / per_line);
                  used = word - per_line * (guint) (word / per_line);
                }
              else
                used += (any ? 1 : 0) + word;
              any = TRUE;
              word = 0;
            }
          if (end)
            {
              lines++;
              used = 0;
              any = FALSE;
              if (*p == '\0')
                break;
            }
        }
      else if ((*p & 0xC0) != 0x80)
        word++;
    }
  return lines;
}

/* How many characters a line of a column @width wide holds. A column's
 * width counts the digits of the default font (7 pixels, 3/4 of a point
 * each) plus 5 pixels; a cell keeps 2 points each side. A letter is the
 * mean of Vietnamese text in the workbook's font as this machine sets it
 * (_dd_xlsx_letter_points()). */
static double
line_chars (DdXlsx *x,
            double  width)
{
  double points = (width * 7 + 5) * 0.75 - 4;

  return MAX (1.0, points / _dd_xlsx_letter_points (x));
}

static DdXlsxRowStream *
stream_of (DdXlsx        *x,
           lxw_worksheet *ws)
{
  return x->current != NULL && x->current->ws == ws ? x->current : NULL;
}

/* `<c r="B3" s="4"`: a cell of @row (rows come in order, and the cells of
 * a row in the order of their columns, as in constant-memory mode). */
static void
stream_cell (DdXlsxRowStream *s,
             lxw_row_t        row,
             lxw_col_t        col,
             lxw_format      *format)
{
  char name[4];
  int n = sizeof name;
  int32_t xf;

  if (!s->row_open || row != s->row)
    {
      if (s->row_open)
        close_row (s);
      if (s->xml->len >= ROW_CHUNK)
        {
          _dd_deflate_stream_push (s->deflate, s->xml);
          s->xml = g_string_sized_new (ROW_CHUNK + 65536);
        }
      s->row_ref_len = (gsize) g_snprintf (s->row_ref, sizeof s->row_ref, "%u", (guint) row + 1);
      XML_PUT (s->xml, "<row r=\"");
      xml_put (s->xml, s->row_ref, s->row_ref_len);
      XML_PUT (s->xml, "\"");
      s->row_attr_at = s->xml->len;
      s->row_lines = 1;
      XML_PUT (s->xml, ">");
      s->row = row;
      s->row_open = TRUE;
      s->first_row = s->any ? MIN (s->first_row, row) : row;
      s->last_row = s->any ? MAX (s->last_row, row) : row;
    }
  s->first_col = s->any ? MIN (s->first_col, col) : col;
  s->last_col = s->any ? MAX (s->last_col, col) : col;
  s->any = TRUE;

  /* Column letters: A–Z, AA–ZZ, AAA–XFD. */
  for (guint c = (guint) col + 1; c > 0 && n > 0; c = (c - 1) / 26)
    name[--n] = (char) ('A' + (c - 1) % 26);
  XML_PUT (s->xml, "<c r=\"");
  xml_put (s->xml, name + n, sizeof name - (gsize) n);
  xml_put (s->xml, s->row_ref, s->row_ref_len);
  XML_PUT (s->xml, "\"");
  xf = format != NULL ? lxw_format_get_xf_index (format) : 0;
  if (xf > 0)
    {
      XML_PUT (s->xml, " s=\"");
      append_uint (s->xml, (guint64) xf);
      XML_PUT (s->xml, "\"");
    }
}

/* `t="s"><v>N</v></c>`: @text as the shared string N, added to the
 * workbook's table as worksheet_write_string() adds it (libxlsxwriter
 * escapes it when it writes the table). FALSE when the table is full. */
static gboolean
stream_shared (DdXlsxRowStream *s,
               const char      *text)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (s->shared, text));

  if (index == 0)
    {
      struct sst_element *element;

      if (g_hash_table_size (s->shared) >= MAX_SHARED_STRINGS
          || (element = lxw_get_sst_index (s->sst, text, LXW_FALSE)) == NULL)
        return FALSE;
      index = element->index + 1;
      g_hash_table_insert (s->shared, g_strdup (text), GUINT_TO_POINTER (index));
    }
  else
    s->sst->string_count++;    /* as lxw_get_sst_index() counts each use */
  XML_PUT (s->xml, " t=\"s\"><v>");
  append_uint (s->xml, index - 1);
  XML_PUT (s->xml, "</v></c>");
  return TRUE;
}

/* An inline string, escaped as libxlsxwriter's lxw_escape_data() does;
 * @text has been through _dd_xlsx_clean_text() (no control character but \n, \t). */
static void
stream_string (DdXlsxRowStream *s,
               lxw_row_t        row,
               lxw_col_t        col,
               const char      *text,
               lxw_format      *format)
{
  gsize len = strlen (text);
  const char *p = text;

  stream_cell (s, row, col, format);
  if (col < MAX_WRAP_COLUMNS && s->line_chars[col] > 0 && format != NULL && format->text_wrap)
    s->row_lines = MAX (s->row_lines, text_lines (text, s->line_chars[col]));
  if (col < MAX_WRAP_COLUMNS && s->shared_col[col] && stream_shared (s, text))
    return;
  if (len > 0 && (g_ascii_isspace (text[0]) || g_ascii_isspace (text[len - 1])))
    XML_PUT (s->xml, " t=\"inlineStr\"><is><t xml:space=\"preserve\">");
  else
    XML_PUT (s->xml, " t=\"inlineStr\"><is><t>");
  for (;;)
    {
      gsize plain = strcspn (p, "&<>");

      xml_put (s->xml, p, plain);
      p += plain;
      if (*p == '\0')
        break;
      g_string_append (s->xml, *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : "&gt;");
      p++;
    }
  XML_PUT (s->xml, "</t></is></c>");
}

static void
stream_number (DdXlsxRowStream *s,
               lxw_row_t        row,
               lxw_col_t        col,
               double           value,
               lxw_format      *format)
{
  stream_cell (s, row, col, format);
  XML_PUT (s->xml, "><v>");
  if (value == floor (value) && fabs (value) < 1e15)
    {
      if (value < 0)
        g_string_append_c (s->xml, '-');
      append_uint (s->xml, (guint64) fabs (value));
    }
  else
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      /* As libxlsxwriter prints numbers, in the C locale. */
      g_string_append (s->xml, g_ascii_formatd (buf, sizeof buf, "%.16G", value));
    }
  XML_PUT (s->xml, "</v></c>");
}

static void
stream_blank (DdXlsxRowStream *s,
              lxw_row_t        row,
              lxw_col_t        col,
              lxw_format      *format)
{
  /* libxlsxwriter leaves out a blank cell without a format. */
  if (format == NULL)
    return;
  stream_cell (s, row, col, format);
  XML_PUT (s->xml, "/>");
}

/* Measuring text */

/* A cell keeps about 2 points of its width each side (LibreOffice and
 * Excel); a word is given 4 % more than Pango measures, for the rounding
 * of LibreOffice's own layout. */
#define CELL_PADDING_POINTS 4.5
#define WORD_MARGIN 1.04

static PangoLayout *
measure_layout (DdXlsx   *x,
                gboolean  bold)
{
  PangoFontDescription *desc;

  if (x->measure == NULL)
    {
      /* A font map of its own: the export may run on any thread. At 72
       * dpi, so that a size in points measures in points. */
      PangoFontMap *map = pango_cairo_font_map_new ();
      PangoContext *context = pango_font_map_create_context (map);
      cairo_font_options_t *options = cairo_font_options_create ();

      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
      pango_cairo_context_set_font_options (context, options);
      cairo_font_options_destroy (options);
      pango_cairo_context_set_resolution (context, 72);
      x->measure = pango_layout_new (context);
      g_object_unref (context);
      g_object_unref (map);
    }
  desc = pango_font_description_new ();
  pango_font_description_set_family (desc, x->data->font_name);
  pango_font_description_set_size (desc, (gint) (x->size * PANGO_SCALE + 0.5));
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (x->measure, desc);
  pango_font_description_free (desc);
  return x->measure;
}

double
_dd_xlsx_text_points (DdXlsx     *x,
                      const char *text,
                      gboolean    bold)
{
  PangoLayout *layout;
  PangoRectangle logical;

  if (text == NULL || *text == '\0')
    return 0;
  layout = measure_layout (x, bold);
  pango_layout_set_text (layout, _dd_xlsx_clean_text (x, text), -1);
  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

double
_dd_xlsx_word_points (DdXlsx     *x,
                      const char *text,
                      gboolean    bold)
{
  PangoLayout *layout;
  PangoRectangle logical;

  if (text == NULL || *text == '\0')
    return 0;
  /* Wrapped at every place a line may break (white space, after a
   * hyphen or a slash, as LibreOffice breaks them too): the widest line
   * is the widest piece no line can break. */
  layout = measure_layout (x, bold);
  pango_layout_set_text (layout, _dd_xlsx_clean_text (x, text), -1);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_set_width (layout, 1);
  pango_layout_get_extents (layout, NULL, &logical);
  pango_layout_set_width (layout, -1);
  return (double) logical.width / PANGO_SCALE;
}

double
_dd_xlsx_letter_points (DdXlsx *x)
{
  /* Words of the plans, as many capitals and diacritics as they have. */
  static const char sample[] = "Phòng Hành chính - Quản trị; Trung tâm Phục vụ Hành chính công. "
                               "Kế hoạch tuyên truyền, tin bài, chuyên trang, chuyên mục về CCHC; "
                               "Tăng cường kiểm tra kỷ luật, kỷ cương hành chính, thực thi công vụ.";

  if (x->letter <= 0)
    {
      double points = _dd_xlsx_text_points (x, sample, FALSE);

      /* A tenth more than the mean: lines end short of their width. */
      x->letter = points > 0 ? points / g_utf8_strlen (sample, -1) * 1.1 : x->size * 0.5;
      g_debug ("a letter of %s at %g pt: %.2f pt", x->data->font_name, x->size, x->letter);
    }
  return x->letter;
}

double
_dd_xlsx_width_for_points (double points)
{
  /* A column of width w is w × 7 + 5 pixels of 3/4 point. */
  return MAX (1.0, ((points * WORD_MARGIN + CELL_PADDING_POINTS) / 0.75 - 5) / 7);
}

void
_dd_xlsx_measure_free (DdXlsx *x)
{
  g_clear_object (&x->measure);
}

/* Shared with the sheets */

/* Cuts @text (clean) at DD_EXPORT_MAX_CELL_CHARS UTF-16 units (as Excel
 * counts), the mark at the end, into @out. */
static const char *
cut_text (DdXlsx     *x,
          GString    *out,
          const char *text)
{
  glong units = 0;
  glong limit = DD_EXPORT_MAX_CELL_CHARS - (glong) g_utf8_strlen (x->mark, -1);

  g_string_truncate (out, 0);
  for (const char *c = text; *c != '\0'; c = g_utf8_next_char (c))
    {
      gunichar ch = g_utf8_get_char (c);
      glong w = ch > 0xFFFF ? 2 : 1;

      if (units + w > limit)
        {
          /* Only cut when what is left does not fit whole. */
          glong rest = units;

          for (const char *d = c; *d != '\0'; d = g_utf8_next_char (d))
            {
              rest += g_utf8_get_char (d) > 0xFFFF ? 2 : 1;
              if (rest > DD_EXPORT_MAX_CELL_CHARS)
                break;
            }
          if (rest > DD_EXPORT_MAX_CELL_CHARS)
            {
              g_string_append (out, x->mark);
              return out->str;
            }
        }
      units += w;
      g_string_append_unichar (out, ch);
    }
  return out->str;
}

/* Prepares a text for a cell: through the documents' sanitiser
 * (_dd_export_clean_text(): valid UTF-8, nothing XML cannot carry,
 * "_xHHHH_" escaped), at most DD_EXPORT_MAX_CELL_CHARS UTF-16 units with
 * the mark at the end of a cut text. Returns @text itself when nothing
 * needs changing (the common case, checked in one pass). */
const char *
_dd_xlsx_clean_text (DdXlsx     *x,
                     const char *text)
{
  const char *clean = _dd_export_clean_text (x->buf, text, DD_CLEAN_ESCAPE_X);

  /* Bytes ≥ UTF-16 units, and escapes only lengthen: it fits. */
  if (strlen (clean) <= DD_EXPORT_MAX_CELL_CHARS)
    return clean;
  /* Cut as Excel counts (the escapes are read back as one character), then escape. */
  clean = _dd_export_clean_text (x->buf, text, DD_CLEAN_NONE);
  clean = cut_text (x, x->cut, clean);
  return _dd_export_clean_text (x->buf, clean, DD_CLEAN_ESCAPE_X);
}

/* From here the data rows of @ws are streamed. The rows libxlsxwriter
 * already has (title and head) are written to its file first. */
gboolean
_dd_xlsx_stream_begin (DdXlsx         *x,
                       lxw_worksheet  *ws,
                       GError        **error)
{
  DdXlsxRowStream *s;
  DdDeflateStream *deflate;

  g_return_val_if_fail (x->n_streams < MAX_STREAMS, FALSE);
  lxw_worksheet_write_single_row (ws);
  deflate = _dd_deflate_stream_new ();
  if (deflate == NULL)
    {
      int saved = errno;

      g_set_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_WRITE,
                   dgettext (GETTEXT_PACKAGE, "Cannot write the workbook: %s"), g_strerror (saved));
      return FALSE;
    }
  s = g_new0 (DdXlsxRowStream, 1);
  s->ws = ws;
  s->deflate = deflate;
  s->xml = g_string_sized_new (ROW_CHUNK + 65536);
  /* libxlsxwriter numbers the parts of the worksheets from 1, in the
   * order they were added (the workbook has no chart sheet). */
  s->entry = g_strdup_printf ("xl/worksheets/sheet%u.xml", (guint) ws->index + 1);
  s->sst = x->wb->sst;
  if (x->shared == NULL)
    x->shared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s->shared = x->shared;
  x->streams[x->n_streams++] = s;
  x->current = s;
  return TRUE;
}

/* The rows of the current stream are all made: the sheet's dimension
 * covers them, as if libxlsxwriter had written them. */
void
_dd_xlsx_stream_end (DdXlsx *x)
{
  DdXlsxRowStream *s = x->current;
  lxw_worksheet *ws = s->ws;

  if (s->row_open)
    close_row (s);
  s->row_open = FALSE;
  _dd_deflate_stream_push (s->deflate, s->xml);
  s->xml = NULL;
  if (s->any)
    {
      ws->dim_rowmax = MAX (ws->dim_rowmax, s->last_row);
      ws->dim_colmax = MAX (ws->dim_colmax, s->last_col);
      ws->dim_rowmin = MIN (ws->dim_rowmin, s->first_row);
      ws->dim_colmin = MIN (ws->dim_colmin, s->first_col);
      /* No row before the last may be written any more. */
      ws->optimize_row->row_num = s->last_row;
    }
  x->current = NULL;
}

void
_dd_xlsx_stream_wrap_column (DdXlsx    *x,
                             lxw_col_t  col,
                             double     width)
{
  DdXlsxRowStream *s = x->current;

  g_return_if_fail (s != NULL);
  s->line_height = x->size * 1.25;
  if (col < MAX_WRAP_COLUMNS)
    s->line_chars[col] = line_chars (x, width);
}

/* The texts of @col repeat: they are written as shared strings. */
void
_dd_xlsx_stream_share_column (DdXlsx    *x,
                              lxw_col_t  col)
{
  DdXlsxRowStream *s = x->current;

  g_return_if_fail (s != NULL);
  if (col < MAX_WRAP_COLUMNS)
    s->shared_col[col] = TRUE;
}

void
_dd_xlsx_stream_merged_text (DdXlsx     *x,
                             lxw_row_t   row,
                             lxw_col_t   first_col,
                             lxw_col_t   last_col,
                             const char *text,
                             lxw_format *format,
                             double      width)
{
  DdXlsxRowStream *s = x->current;
  lxw_worksheet *ws;
  lxw_merged_range *range;
  const char *clean = _dd_xlsx_clean_text (x, text);
  double first_chars;

  g_return_if_fail (s != NULL && first_col < MAX_WRAP_COLUMNS && first_col <= last_col);
  ws = s->ws;
  /* Its lines counted over the merged width, not its first column's. */
  first_chars = s->line_chars[first_col];
  s->line_chars[first_col] = 0;
  stream_string (s, row, first_col, clean, format);
  s->line_chars[first_col] = first_chars;
  s->row_lines = MAX (s->row_lines, text_lines (clean, line_chars (x, width)));
  for (lxw_col_t c = first_col + 1; c <= last_col; c++)
    stream_blank (s, row, c, format);

  /* The merge as worksheet_merge_range() keeps it (the cells are ours):
   * libxlsxwriter writes it after the rows and frees it with the sheet. */
  if (ws->merged_range_count == G_MAXUINT16)
    return;
  range = calloc (1, sizeof *range);
  if (range == NULL)
    return;
  range->first_row = row;
  range->last_row = row;
  range->first_col = first_col;
  range->last_col = last_col;
  STAILQ_INSERT_TAIL (ws->merged_ranges, range, list_pointers);
  ws->merged_range_count++;
}

guint
_dd_xlsx_text_lines (DdXlsx     *x,
                     const char *text,
                     double      width)
{
  return text_lines (text, line_chars (x, width));
}

void
_dd_xlsx_stream_free (DdXlsxRowStream *s)
{
  if (s->xml != NULL)
    g_string_free (s->xml, TRUE);
  _dd_deflate_stream_free (s->deflate);
  g_free (s->entry);
  g_free (s);
}

gboolean
_dd_xlsx_stream_splice (DdXlsx     *x,
                        const char *from,
                        const char *to)
{
  const char *names[MAX_STREAMS];
  DdDeflateStream *rows[MAX_STREAMS];
  gboolean ok = TRUE;

  for (guint i = 0; i < x->n_streams && ok; i++)
    {
      names[i] = x->streams[i]->entry;
      rows[i] = x->streams[i]->deflate;
      ok = _dd_deflate_stream_finish (rows[i]);
    }
  if (ok)
    ok = _dd_xlsx_splice (from, to, names, rows, x->n_streams);
  return ok;
}

/* A string from the program (a label, a section line). */
void
_dd_xlsx_put_string (DdXlsx        *x,
                     lxw_worksheet *ws,
                     lxw_row_t      row,
                     lxw_col_t      col,
                     const char    *text,
                     lxw_format    *format)
{
  DdXlsxRowStream *s = stream_of (x, ws);

  if (s != NULL)
    stream_string (s, row, col, text, format);
  else
    CHECK (x, worksheet_write_string (ws, row, col, text, format));
}

void
_dd_xlsx_put_blank (DdXlsx        *x,
                    lxw_worksheet *ws,
                    lxw_row_t      row,
                    lxw_col_t      col,
                    lxw_format    *format)
{
  DdXlsxRowStream *s = stream_of (x, ws);

  if (s != NULL)
    stream_blank (s, row, col, format);
  else
    CHECK (x, worksheet_write_blank (ws, row, col, format));
}

/* Text from the database: always a string cell, never a formula. */
void
_dd_xlsx_write_text (DdXlsx        *x,
                     lxw_worksheet *ws,
                     lxw_row_t      row,
                     lxw_col_t      col,
                     const char    *text,
                     lxw_format    *format)
{
  if (text == NULL || *text == '\0')
    _dd_xlsx_put_blank (x, ws, row, col, format);
  else
    _dd_xlsx_put_string (x, ws, row, col, _dd_xlsx_clean_text (x, text), format);
}

void
_dd_xlsx_write_date (DdXlsx        *x,
                     lxw_worksheet *ws,
                     lxw_row_t      row,
                     lxw_col_t      col,
                     const GDate   *date,
                     lxw_format    *format)
{
  lxw_datetime dt = { 0, };

  DdXlsxRowStream *s = stream_of (x, ws);

  if (!dd_date_is_set (date))
    {
      _dd_xlsx_put_blank (x, ws, row, col, format);
      return;
    }
  dt.year = g_date_get_year (date);
  dt.month = g_date_get_month (date);
  dt.day = g_date_get_day (date);
  if (s != NULL)
    stream_number (s, row, col, lxw_datetime_to_excel_datetime (&dt), format);
  else
    CHECK (x, worksheet_write_datetime (ws, row, col, &dt, format));
}

void
_dd_xlsx_write_number (DdXlsx        *x,
                       lxw_worksheet *ws,
                       lxw_row_t      row,
                       lxw_col_t      col,
                       double         value,
                       lxw_format    *format)
{
  DdXlsxRowStream *s = stream_of (x, ws);

  if (s != NULL)
    stream_number (s, row, col, value, format);
  else
    CHECK (x, worksheet_write_number (ws, row, col, value, format));
}

void
_dd_xlsx_write_tt (DdXlsx        *x,
                   lxw_worksheet *ws,
                   lxw_row_t      row,
                   lxw_col_t      col,
                   const char    *number)
{
  const char *p = number;
  guint64 value = 0;
  guint digits = 0;

  for (; p != NULL && g_ascii_isdigit (*p) && digits < 9; p++, digits++)
    value = value * 10 + (guint64) (*p - '0');
  /* "12" or "12.": a number; "1.2", "12a", "II", "": text as it is. */
  if (digits > 0 && (p[0] == '\0' || (p[0] == '.' && p[1] == '\0')))
    _dd_xlsx_write_number (x, ws, row, col, (double) value, p[0] == '.' ? x->f_tt_dot : x->f_tt);
  else
    _dd_xlsx_write_text (x, ws, row, col, number, x->f_center);
}
