/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-export"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "dd-store-private.h"
#include "dd-export-private.h"

/*
 * The meeting workbook, written with libxlsxwriter (the only file that
 * includes xlsxwriter.h).
 *
 * Memory: the two sheets that grow with the plan ("Nhiệm vụ" and "Quá hạn -
 * sắp đến hạn") are written in libxlsxwriter's constant-memory mode, row
 * after row, with inline strings and no table; they need nothing else (an
 * autofilter, frozen panes and print titles are kept apart from the rows).
 * The small sheets ("Tổng hợp", "Đơn vị", "Chỉ tiêu") are written in the
 * normal mode: they merge cells for the document header and the charts
 * read their cached values from them, neither of which the constant mode
 * allows. libxlsxwriter takes the mode of a sheet from the workbook's
 * options when the sheet is added (workbook_add_worksheet() copies
 * options.constant_memory into the sheet), so it is switched on just for
 * the two big sheets.
 *
 * Speed: the data rows of those two sheets are not given to libxlsxwriter
 * cell by cell (an allocation, a copy and an fprintf() each, then the whole
 * sheet compressed in workbook_close() after everything else). They are
 * formatted here into the very XML its constant-memory mode writes (inline
 * strings, numbers, blanks, each with the style index libxlsxwriter gives
 * its format) and deflated on a thread of their own as they are made; the
 * workbook libxlsxwriter writes holds the rest of those sheets (title,
 * head, frozen panes, autofilter, print setup) and the rows are put in
 * when it is closed (dd-xlsx-stream.c). Reading, formatting and
 * compressing then run at once on the machine's cores.
 *
 * Safety: every text from the database goes through write_text():
 * worksheet_write_string() always (a title "=1+1" stays text: spreadsheet
 * injection), control characters XML cannot carry replaced by spaces,
 * invalid UTF-8 repaired, and text over Excel's 32,767 characters cut with
 * a visible mark.
 */

#define SHEET_NAME_MAX 31

typedef enum
{
  COL_PLAN,
  COL_NUMBER,
  COL_TITLE,
  COL_LEAD,
  COL_COORDINATORS,
  COL_TIME_FRAME,
  COL_PRODUCT,
  COL_DIRECTING,
  COL_STATUS,
  COL_DUE,
  COL_COMPLETED,
  COL_ACTUAL,
  COL_NOTE,
  N_TASK_COLUMNS
} TaskColumn;

/* The data rows of a big sheet, formatted here (see the top). */
typedef struct
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
} RowStream;

#define ROW_CHUNK (256u << 10)
#define MAX_STREAMS 2

typedef struct
{
  DdExportData *data;
  DdStore *store;
  lxw_workbook *wb;
  RowStream *streams[MAX_STREAMS];
  guint n_streams;
  RowStream *current;          /* the sheet being streamed, or NULL */
  lxw_error lxw;               /* the first error of libxlsxwriter */
  GString *buf;                /* scratch for write_text() */
  char *mark;                  /* the truncation mark */
  double size;

  char *sheet_summary;
  char *sheet_tasks;
  char *sheet_units;
  char *sheet_actions;
  char *sheet_indicators;

  lxw_format *f_text;
  lxw_format *f_text_bold;
  lxw_format *f_center;
  lxw_format *f_head;
  lxw_format *f_sheet_title;
  lxw_format *f_title;
  lxw_format *f_subtitle;
  lxw_format *f_issuer;
  lxw_format *f_motto;
  lxw_format *f_motto2;
  lxw_format *f_date_line;
  lxw_format *f_section;
  lxw_format *f_plain;
  lxw_format *f_note;
  lxw_format *f_date;
  lxw_format *f_int;
  lxw_format *f_int_bold;
  lxw_format *f_pct;
  lxw_format *f_pct_bold;
  lxw_format *f_status[DD_N_STATUSES];

  /* Copies of the tasks for action read with the task sheet, so that
   * their sheet need not read them again (id → CachedTask). */
  GHashTable *action_rows;
  gsize action_bytes;

  /* Where the summary's tables are, for the charts. */
  guint n_columns;
  int col[N_TASK_COLUMNS];     /* column of each, or -1 */
} Xlsx;

#define CHECK(x, expr) \
  G_STMT_START { lxw_error e_ = (expr); if (e_ != LXW_NO_ERROR && (x)->lxw == LXW_NO_ERROR) (x)->lxw = e_; } G_STMT_END

/* Auxiliary methods */

static lxw_color_t
status_color (DdTaskStatus status)
{
  double rgba[4];

  dd_status_get_color (status, rgba);
  return ((lxw_color_t) (CLAMP (rgba[0], 0, 1) * 255 + 0.5) << 16)
         | ((lxw_color_t) (CLAMP (rgba[1], 0, 1) * 255 + 0.5) << 8)
         | (lxw_color_t) (CLAMP (rgba[2], 0, 1) * 255 + 0.5);
}

/* White text on a dark status colour, black on a light one (relative
 * luminance, WCAG). */
static gboolean
status_is_dark (DdTaskStatus status)
{
  double rgba[4], lum = 0;
  const double w[3] = { 0.2126, 0.7152, 0.0722 };

  dd_status_get_color (status, rgba);
  for (int i = 0; i < 3; i++)
    {
      double c = rgba[i] <= 0.03928 ? rgba[i] / 12.92 : pow ((rgba[i] + 0.055) / 1.055, 2.4);
      lum += w[i] * c;
    }
  return lum < 0.25;
}

/* A sheet's name from its translation: at most 31 characters, none of the
 * ones Excel forbids. */
static char *
sheet_name (const char *translated)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = 0;

  for (const char *c = translated; *c != '\0' && n < SHEET_NAME_MAX; c = g_utf8_next_char (c), n++)
    {
      gunichar ch = g_utf8_get_char (c);

      if (strchr ("[]:*?/\\", (int) (ch < 128 ? ch : 'a')) != NULL && ch < 128)
        g_string_append_c (out, '-');
      else
        g_string_append_unichar (out, ch);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Prepares a text for a cell: valid UTF-8, no control character XML
 * cannot carry, at most DD_EXPORT_MAX_CELL_CHARS UTF-16 units (as Excel
 * counts) with the mark at the end of a cut text. Returns @text itself
 * when nothing needs changing (the common case, checked in one pass). */
static const char *
clean_text (Xlsx       *x,
            const char *text)
{
  gsize len = strlen (text);
  gboolean control = FALSE;
  const char *end;
  g_autofree char *valid = NULL;
  const char *src = text;
  glong units = 0;
  glong limit;

  for (gsize i = 0; i < len; i++)
    if ((guchar) text[i] < 0x20 && text[i] != '\n' && text[i] != '\t')
      {
        control = TRUE;
        break;
      }
  if (!g_utf8_validate (text, (gssize) len, &end))
    {
      valid = g_utf8_make_valid (text, (gssize) len);
      src = valid;
      len = strlen (src);
    }
  else if (!control && len <= DD_EXPORT_MAX_CELL_CHARS)
    return text;   /* bytes ≥ UTF-16 units: it fits */

  g_string_truncate (x->buf, 0);
  limit = DD_EXPORT_MAX_CELL_CHARS - (glong) g_utf8_strlen (x->mark, -1);
  for (const char *c = src; *c != '\0'; c = g_utf8_next_char (c))
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
              g_string_append (x->buf, x->mark);
              return x->buf->str;
            }
        }
      units += w;
      if (ch < 0x20 && ch != '\n' && ch != '\t')
        g_string_append_c (x->buf, ' ');
      else
        g_string_append_unichar (x->buf, ch);
    }
  return x->buf->str;
}

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

static RowStream *
stream_of (Xlsx          *x,
           lxw_worksheet *ws)
{
  return x->current != NULL && x->current->ws == ws ? x->current : NULL;
}

/* `<c r="B3" s="4"`: a cell of @row (rows come in order, and the cells of
 * a row in the order of their columns, as in constant-memory mode). */
static void
stream_cell (RowStream  *s,
             lxw_row_t   row,
             lxw_col_t   col,
             lxw_format *format)
{
  char name[4];
  int n = sizeof name;
  int32_t xf;

  if (!s->row_open || row != s->row)
    {
      if (s->row_open)
        XML_PUT (s->xml, "</row>");
      if (s->xml->len >= ROW_CHUNK)
        {
          _dd_deflate_stream_push (s->deflate, s->xml);
          s->xml = g_string_sized_new (ROW_CHUNK + 65536);
        }
      s->row_ref_len = (gsize) g_snprintf (s->row_ref, sizeof s->row_ref, "%u", (guint) row + 1);
      XML_PUT (s->xml, "<row r=\"");
      xml_put (s->xml, s->row_ref, s->row_ref_len);
      XML_PUT (s->xml, "\">");
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

/* An inline string, escaped as libxlsxwriter's lxw_escape_data() does;
 * @text has been through clean_text() (no control character but \n, \t). */
static void
stream_string (RowStream  *s,
               lxw_row_t   row,
               lxw_col_t   col,
               const char *text,
               lxw_format *format)
{
  gsize len = strlen (text);
  const char *p = text;

  stream_cell (s, row, col, format);
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
stream_number (RowStream  *s,
               lxw_row_t   row,
               lxw_col_t   col,
               double      value,
               lxw_format *format)
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
stream_blank (RowStream  *s,
              lxw_row_t   row,
              lxw_col_t   col,
              lxw_format *format)
{
  /* libxlsxwriter leaves out a blank cell without a format. */
  if (format == NULL)
    return;
  stream_cell (s, row, col, format);
  XML_PUT (s->xml, "/>");
}

/* From here the data rows of @ws are streamed. The rows libxlsxwriter
 * already has (title and head) are written to its file first. */
static gboolean
stream_begin (Xlsx           *x,
              lxw_worksheet  *ws,
              GError        **error)
{
  RowStream *s;
  DdDeflateStream *deflate;

  g_return_val_if_fail (x->n_streams < MAX_STREAMS, FALSE);
  lxw_worksheet_write_single_row (ws);
  deflate = _dd_deflate_stream_new ();
  if (deflate == NULL)
    {
      int saved = errno;

      g_set_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_WRITE,
                   _("Cannot write the workbook: %s"), g_strerror (saved));
      return FALSE;
    }
  s = g_new0 (RowStream, 1);
  s->ws = ws;
  s->deflate = deflate;
  s->xml = g_string_sized_new (ROW_CHUNK + 65536);
  /* libxlsxwriter numbers the parts of the worksheets from 1, in the
   * order they were added (the workbook has no chart sheet). */
  s->entry = g_strdup_printf ("xl/worksheets/sheet%u.xml", (guint) ws->index + 1);
  x->streams[x->n_streams++] = s;
  x->current = s;
  return TRUE;
}

/* The rows of the current stream are all made: the sheet's dimension
 * covers them, as if libxlsxwriter had written them. */
static void
stream_end (Xlsx *x)
{
  RowStream *s = x->current;
  lxw_worksheet *ws = s->ws;

  if (s->row_open)
    g_string_append (s->xml, "</row>");
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

static void
stream_free (RowStream *s)
{
  if (s->xml != NULL)
    g_string_free (s->xml, TRUE);
  _dd_deflate_stream_free (s->deflate);
  g_free (s->entry);
  g_free (s);
}

/* A string from the program (a label, a section line). */
static void
put_string (Xlsx          *x,
            lxw_worksheet *ws,
            lxw_row_t      row,
            lxw_col_t      col,
            const char    *text,
            lxw_format    *format)
{
  RowStream *s = stream_of (x, ws);

  if (s != NULL)
    stream_string (s, row, col, text, format);
  else
    CHECK (x, worksheet_write_string (ws, row, col, text, format));
}

static void
put_blank (Xlsx          *x,
           lxw_worksheet *ws,
           lxw_row_t      row,
           lxw_col_t      col,
           lxw_format    *format)
{
  RowStream *s = stream_of (x, ws);

  if (s != NULL)
    stream_blank (s, row, col, format);
  else
    CHECK (x, worksheet_write_blank (ws, row, col, format));
}

/* Text from the database: always a string cell, never a formula. */
static void
write_text (Xlsx          *x,
            lxw_worksheet *ws,
            lxw_row_t      row,
            lxw_col_t      col,
            const char    *text,
            lxw_format    *format)
{
  if (text == NULL || *text == '\0')
    put_blank (x, ws, row, col, format);
  else
    put_string (x, ws, row, col, clean_text (x, text), format);
}

static void
write_date (Xlsx          *x,
            lxw_worksheet *ws,
            lxw_row_t      row,
            lxw_col_t      col,
            const GDate   *date,
            lxw_format    *format)
{
  lxw_datetime dt = { 0, };

  RowStream *s = stream_of (x, ws);

  if (!dd_date_is_set (date))
    {
      put_blank (x, ws, row, col, format);
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

static void
write_number (Xlsx          *x,
              lxw_worksheet *ws,
              lxw_row_t      row,
              lxw_col_t      col,
              double         value,
              lxw_format    *format)
{
  RowStream *s = stream_of (x, ws);

  if (s != NULL)
    stream_number (s, row, col, value, format);
  else
    CHECK (x, worksheet_write_number (ws, row, col, value, format));
}

static lxw_format *
new_format (Xlsx *x)
{
  lxw_format *f = workbook_add_format (x->wb);

  format_set_font_name (f, x->data->font_name);
  format_set_font_size (f, x->size);
  return f;
}

static lxw_format *
new_cell_format (Xlsx *x)
{
  lxw_format *f = new_format (x);

  format_set_border (f, LXW_BORDER_THIN);
  format_set_align (f, LXW_ALIGN_VERTICAL_TOP);
  format_set_text_wrap (f);
  return f;
}

static void
make_formats (Xlsx *x)
{
  x->f_text = new_cell_format (x);
  x->f_text_bold = new_cell_format (x);
  format_set_bold (x->f_text_bold);
  x->f_center = new_cell_format (x);
  format_set_align (x->f_center, LXW_ALIGN_CENTER);

  x->f_head = new_format (x);
  format_set_bold (x->f_head);
  format_set_border (x->f_head, LXW_BORDER_THIN);
  format_set_text_wrap (x->f_head);
  format_set_align (x->f_head, LXW_ALIGN_CENTER);
  format_set_align (x->f_head, LXW_ALIGN_VERTICAL_CENTER);
  format_set_bg_color (x->f_head, 0xE7E6E6);

  x->f_sheet_title = new_format (x);
  format_set_bold (x->f_sheet_title);
  format_set_font_size (x->f_sheet_title, x->size + 1);

  x->f_title = new_format (x);
  format_set_bold (x->f_title);
  format_set_font_size (x->f_title, x->size + 1);
  format_set_align (x->f_title, LXW_ALIGN_CENTER);
  format_set_align (x->f_title, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap (x->f_title);

  x->f_subtitle = new_format (x);
  format_set_italic (x->f_subtitle);
  format_set_align (x->f_subtitle, LXW_ALIGN_CENTER);
  format_set_align (x->f_subtitle, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap (x->f_subtitle);

  x->f_issuer = new_format (x);
  format_set_bold (x->f_issuer);
  format_set_align (x->f_issuer, LXW_ALIGN_CENTER);
  format_set_align (x->f_issuer, LXW_ALIGN_VERTICAL_TOP);
  format_set_text_wrap (x->f_issuer);

  x->f_motto = new_format (x);
  format_set_bold (x->f_motto);
  format_set_align (x->f_motto, LXW_ALIGN_CENTER);

  x->f_motto2 = new_format (x);
  format_set_bold (x->f_motto2);
  format_set_underline (x->f_motto2, LXW_UNDERLINE_SINGLE);
  format_set_align (x->f_motto2, LXW_ALIGN_CENTER);

  x->f_date_line = new_format (x);
  format_set_italic (x->f_date_line);
  format_set_align (x->f_date_line, LXW_ALIGN_CENTER);

  x->f_section = new_format (x);
  format_set_bold (x->f_section);

  x->f_plain = new_format (x);
  x->f_note = new_format (x);
  format_set_italic (x->f_note);

  x->f_date = new_cell_format (x);
  format_set_num_format (x->f_date, "dd/mm/yyyy");
  format_set_align (x->f_date, LXW_ALIGN_CENTER);

  x->f_int = new_cell_format (x);
  format_set_num_format (x->f_int, "#,##0");
  x->f_int_bold = new_cell_format (x);
  format_set_num_format (x->f_int_bold, "#,##0");
  format_set_bold (x->f_int_bold);
  x->f_pct = new_cell_format (x);
  format_set_num_format (x->f_pct, "0.0%");
  x->f_pct_bold = new_cell_format (x);
  format_set_num_format (x->f_pct_bold, "0.0%");
  format_set_bold (x->f_pct_bold);

  for (int s = 0; s < DD_N_STATUSES; s++)
    {
      x->f_status[s] = new_cell_format (x);
      format_set_pattern (x->f_status[s], LXW_PATTERN_SOLID);
      format_set_bg_color (x->f_status[s], status_color ((DdTaskStatus) s));
      format_set_font_color (x->f_status[s], status_is_dark ((DdTaskStatus) s) ? 0xFFFFFF : 0x000000);
      format_set_align (x->f_status[s], LXW_ALIGN_CENTER);
    }
}

/* A4, fitted to the page's width, header rows on every page, "Trang 1/3"
 * in the footer, in the report's font. */
static void
setup_print (Xlsx          *x,
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
  /* Any number of pages high; the summary, without repeated rows, is one page. */
  worksheet_fit_to_pages (ws, 1, repeat_first < 0 ? 1 : 0);
  /* Nghị định 30/2020: left 30–35 mm, right 15–20 mm, top and bottom 20–25 mm. */
  worksheet_set_margins (ws, 1.18, 0.70, 0.79, 0.79);
  worksheet_center_horizontally (ws);
  if (repeat_first >= 0)
    CHECK (x, worksheet_repeat_rows (ws, (lxw_row_t) repeat_first, (lxw_row_t) repeat_last));

  /* Translators: the page footer of the workbook; &P is the page, &N the number of pages. */
  pages = g_strdup (_("Page &P/&N"));
  footer = g_strdup_printf ("&C&\"%s,Regular\"&%d%s", x->data->font_name, (int) (x->size - 1 + 0.5), pages);
  if (strlen (footer) < 255)
    CHECK (x, worksheet_set_footer (ws, footer));
  else
    {
      g_free (footer);
      footer = g_strdup_printf ("&C%s", pages);
      CHECK (x, worksheet_set_footer (ws, footer));
    }
}

static void
write_sheet_title (Xlsx          *x,
                   lxw_worksheet *ws,
                   const char    *title)
{
  g_autofree char *line = NULL;

  /* Translators: the first line of a sheet: its name, then the report's title. */
  line = g_strdup_printf (_("%s — %s"), title, x->data->title);
  CHECK (x, worksheet_write_string (ws, 0, 0, clean_text (x, line), x->f_sheet_title));
}

/* The tasks sheet */

typedef struct
{
  const char *name;            /* English msgid, context "export column" */
  double width;
} ColumnSpec;

static const ColumnSpec task_columns[N_TASK_COLUMNS] = {
  [COL_PLAN] = { NC_("export column", "Plan"), 14 },
  [COL_NUMBER] = { NC_("export column", "No."), 6 },
  [COL_TITLE] = { NC_("export column", "Task"), 44 },
  [COL_LEAD] = { NC_("export column", "Lead unit"), 20 },
  [COL_COORDINATORS] = { NC_("export column", "Coordinating units"), 20 },
  [COL_TIME_FRAME] = { NC_("export column", "Time frame"), 14 },
  [COL_PRODUCT] = { NC_("export column", "Product"), 22 },
  [COL_DIRECTING] = { NC_("export column", "Directing leader"), 16 },
  [COL_STATUS] = { NC_("export column", "Status"), 14 },
  [COL_DUE] = { NC_("export column", "Due"), 12 },
  [COL_COMPLETED] = { NC_("export column", "Completed on"), 12 },
  [COL_ACTUAL] = { NC_("export column", "Actual result / product"), 26 },
  [COL_NOTE] = { NC_("export column", "Note"), 20 },
};

static const char *
column_title (TaskColumn column)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, "export column", task_columns[column].name);
}

/* The note of a task, with what the export knows besides it: the task's
 * own note when there is nothing to add (most rows: no allocation), else
 * a new string put in @out_owned. */
static const char *
task_note (const DdExportTask  *task,
           char               **out_owned)
{
  g_autoptr(GString) note = NULL;

  *out_owned = NULL;
  if (!dd_date_is_set (&task->original_due) && task->deadline_understood)
    return task->note;
  note = g_string_new (NULL);

  if (task->note != NULL && *task->note != '\0')
    g_string_append (note, task->note);
  if (dd_date_is_set (&task->original_due))
    {
      g_autofree char *old = dd_format_date (&task->original_due);

      if (note->len > 0)
        g_string_append_c (note, '\n');
      /* Translators: in the note of an extended task. */
      g_string_append_printf (note, _("Extended; first due %s"), old);
    }
  if (!task->deadline_understood)
    {
      if (note->len > 0)
        g_string_append_c (note, '\n');
      g_string_append (note, _("Time frame not understood"));
    }
  *out_owned = g_string_free (g_steal_pointer (&note), FALSE);
  return *out_owned;
}

typedef struct
{
  Xlsx *x;
  lxw_worksheet *ws;
  lxw_row_t row;
} TaskSheet;

/* At most this much is kept of the tasks for action; past it, the rest are
 * read again by id for their sheet (as many overdue tasks as that is rare). */
#define ACTION_CACHE_MAX_BYTES (24u << 20)
gsize _dd_export_action_cache_max = ACTION_CACHE_MAX_BYTES;

/* The strings of a DdExportTask. */
static const gsize text_fields[] = {
  G_STRUCT_OFFSET (DdExportTask, plan_number), G_STRUCT_OFFSET (DdExportTask, number),
  G_STRUCT_OFFSET (DdExportTask, title), G_STRUCT_OFFSET (DdExportTask, lead),
  G_STRUCT_OFFSET (DdExportTask, coordinators), G_STRUCT_OFFSET (DdExportTask, deadline_text),
  G_STRUCT_OFFSET (DdExportTask, product), G_STRUCT_OFFSET (DdExportTask, directing),
  G_STRUCT_OFFSET (DdExportTask, actual_product), G_STRUCT_OFFSET (DdExportTask, note),
};
#define TEXT_FIELD(task, offset) (*(const char **) ((char *) (task) + (offset)))

static gsize
task_size (const DdExportTask *task)
{
  gsize size = sizeof (DdExportTask);

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    if (TEXT_FIELD (task, text_fields[i]) != NULL)
      size += strlen (TEXT_FIELD (task, text_fields[i])) + 1;
  return size;
}

/* A copy of a task with its strings in the same block (g_free). */
static DdExportTask *
copy_task (const DdExportTask *task,
           gsize              *out_size)
{
  gsize size = task_size (task);
  DdExportTask *copy;
  char *p;

  copy = g_malloc (size);
  *copy = *task;
  p = (char *) (copy + 1);
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    if (TEXT_FIELD (task, text_fields[i]) != NULL)
      {
        TEXT_FIELD (copy, text_fields[i]) = p;
        p = g_stpcpy (p, TEXT_FIELD (task, text_fields[i])) + 1;
      }
  *out_size = size;
  return copy;
}


static gboolean
write_task_row (const DdExportTask  *task,
                gpointer             user_data,
                GError             **error)
{
  TaskSheet *t = user_data;
  Xlsx *x = t->x;
  lxw_worksheet *ws = t->ws;
  lxw_row_t r = t->row++;
  g_autofree char *owned_note = NULL;
  const char *note = task_note (task, &owned_note);
  DdTaskStatus status = (guint) task->status < DD_N_STATUSES ? task->status : DD_STATUS_NO_DEADLINE;

  /* The figures come from the same rows as the sheet. */
  _dd_export_data_add_task (x->data, task);

  if (x->col[COL_PLAN] >= 0)
    write_text (x, ws, r, (lxw_col_t) x->col[COL_PLAN], task->plan_number, x->f_text);
  write_text (x, ws, r, (lxw_col_t) x->col[COL_NUMBER], task->number, x->f_center);
  write_text (x, ws, r, (lxw_col_t) x->col[COL_TITLE], task->title, x->f_text);
  write_text (x, ws, r, (lxw_col_t) x->col[COL_LEAD], task->lead, x->f_text);
  write_text (x, ws, r, (lxw_col_t) x->col[COL_COORDINATORS], task->coordinators, x->f_text);
  write_text (x, ws, r, (lxw_col_t) x->col[COL_TIME_FRAME], task->deadline_text, x->f_text);
  write_text (x, ws, r, (lxw_col_t) x->col[COL_PRODUCT], task->product, x->f_text);
  write_text (x, ws, r, (lxw_col_t) x->col[COL_DIRECTING], task->directing, x->f_text);
  put_string (x, ws, r, (lxw_col_t) x->col[COL_STATUS], dd_task_status_get_label (status), x->f_status[status]);
  write_date (x, ws, r, (lxw_col_t) x->col[COL_DUE], &task->due, x->f_date);
  write_date (x, ws, r, (lxw_col_t) x->col[COL_COMPLETED], &task->completed_on, x->f_date);
  write_text (x, ws, r, (lxw_col_t) x->col[COL_ACTUAL], task->actual_product, x->f_text);
  write_text (x, ws, r, (lxw_col_t) x->col[COL_NOTE], note, x->f_text);

  if (x->lxw != LXW_NO_ERROR)
    {
      g_set_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_FAILED,
                   _("Cannot write the workbook: %s"), lxw_strerror (x->lxw));
      return FALSE;
    }
  return TRUE;
}

/* One row read, one row written: the rows are formatted straight from the
 * statement's row, while the thread of the stream deflates what was
 * formatted before. (A thread that read ahead used to overlap SQLite with
 * libxlsxwriter's slow formatting; with the formatting done here, copying
 * every row across threads cost more than it saved.) */
static gboolean
write_and_keep_task_row (const DdExportTask  *task,
                         gpointer             user_data,
                         GError             **error)
{
  TaskSheet *t = user_data;
  Xlsx *x = t->x;

  if (!write_task_row (task, t, error))
    return FALSE;
  /* A task for action keeps a copy for the sheet of its own. */
  if ((task->status == DD_STATUS_OVERDUE || task->status == DD_STATUS_DUE_SOON)
      && dd_date_is_set (&task->due) && x->action_bytes < _dd_export_action_cache_max
      && !g_hash_table_contains (x->action_rows, &task->id))
    {
      gsize size;
      DdExportTask *copy = copy_task (task, &size);

      x->action_bytes += size;
      g_hash_table_insert (x->action_rows, &copy->id, copy);
    }
  return TRUE;
}

static gboolean
read_and_write_tasks (Xlsx       *x,
                      TaskSheet  *t,
                      GError    **error)
{
  return _dd_store_export_foreach_query (x->store, &x->data->options.tasks, TRUE,
                                         write_and_keep_task_row, t, error);
}

static gboolean
write_tasks_sheet (Xlsx           *x,
                   lxw_worksheet  *ws,
                   GError        **error)
{
  TaskSheet t = { x, ws, 2 };
  guint n = 0;

  for (int c = 0; c < N_TASK_COLUMNS; c++)
    x->col[c] = (c == COL_PLAN && !x->data->all_plans) ? -1 : (int) n++;
  x->n_columns = n;

  for (int c = 0; c < N_TASK_COLUMNS; c++)
    if (x->col[c] >= 0)
      CHECK (x, worksheet_set_column (ws, (lxw_col_t) x->col[c], (lxw_col_t) x->col[c],
                                      task_columns[c].width, NULL));

  write_sheet_title (x, ws, x->sheet_tasks);
  for (int c = 0; c < N_TASK_COLUMNS; c++)
    if (x->col[c] >= 0)
      CHECK (x, worksheet_write_string (ws, 1, (lxw_col_t) x->col[c], column_title (c), x->f_head));

  if (!stream_begin (x, ws, error))
    return FALSE;
  if (!read_and_write_tasks (x, &t, error))
    return FALSE;
  stream_end (x);

  worksheet_freeze_panes (ws, 2, 0);
  CHECK (x, worksheet_autofilter (ws, 1, 0, MAX (t.row - 1, 1), (lxw_col_t) (n - 1)));
  setup_print (x, ws, TRUE, 1, 1);
  return TRUE;
}

/* The overdue and due-soon sheet */

typedef struct
{
  Xlsx *x;
  lxw_worksheet *ws;
  lxw_row_t row;
  int section;                 /* the status of the last row, -1 before any */
  guint n_overdue;
  guint n_soon;
  guint32 as_of;
  int c_plan, c_number, c_title, c_lead, c_coord, c_due, c_status, c_late, c_left, c_directing, c_note;
  guint n_cols;
} ActionSheet;

static void
write_section (ActionSheet  *a,
               DdTaskStatus  status)
{
  g_autofree char *line = NULL;

  if (status == DD_STATUS_OVERDUE)
    line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "I. Overdue: %u task", "I. Overdue: %u tasks", a->n_overdue),
                            a->n_overdue);
  else
    line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "II. Due soon: %u task", "II. Due soon: %u tasks", a->n_soon),
                            a->n_soon);
  put_string (a->x, a->ws, a->row, 0, line, a->x->f_section);
  a->row++;
  a->section = status;
}

static gboolean
write_action_row (const DdExportTask  *task,
                  gpointer             user_data,
                  GError             **error)
{
  ActionSheet *a = user_data;
  Xlsx *x = a->x;
  lxw_worksheet *ws = a->ws;
  g_autofree char *owned_note = NULL;
  const char *note = task_note (task, &owned_note);
  lxw_row_t r;
  int days;

  if (task->status != DD_STATUS_OVERDUE && task->status != DD_STATUS_DUE_SOON)
    return TRUE;   /* changed meanwhile */
  if (a->section != (int) task->status)
    write_section (a, task->status);
  r = a->row++;
  days = task->status == DD_STATUS_OVERDUE
           ? (int) a->as_of - (int) g_date_get_julian (&task->due)
           : (int) g_date_get_julian (&task->due) - (int) a->as_of;

  if (a->c_plan >= 0)
    write_text (x, ws, r, (lxw_col_t) a->c_plan, task->plan_number, x->f_text);
  write_text (x, ws, r, (lxw_col_t) a->c_number, task->number, x->f_center);
  write_text (x, ws, r, (lxw_col_t) a->c_title, task->title, x->f_text);
  write_text (x, ws, r, (lxw_col_t) a->c_lead, task->lead, x->f_text);
  write_text (x, ws, r, (lxw_col_t) a->c_coord, task->coordinators, x->f_text);
  write_date (x, ws, r, (lxw_col_t) a->c_due, &task->due, x->f_date);
  put_string (x, ws, r, (lxw_col_t) a->c_status, dd_task_status_get_label (task->status), x->f_status[task->status]);
  if (task->status == DD_STATUS_OVERDUE)
    {
      write_number (x, ws, r, (lxw_col_t) a->c_late, days, x->f_int);
      put_blank (x, ws, r, (lxw_col_t) a->c_left, x->f_int);
    }
  else
    {
      put_blank (x, ws, r, (lxw_col_t) a->c_late, x->f_int);
      write_number (x, ws, r, (lxw_col_t) a->c_left, days, x->f_int);
    }
  write_text (x, ws, r, (lxw_col_t) a->c_directing, task->directing, x->f_text);
  write_text (x, ws, r, (lxw_col_t) a->c_note, note, x->f_text);

  if (x->lxw != LXW_NO_ERROR)
    {
      g_set_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_FAILED,
                   _("Cannot write the workbook: %s"), lxw_strerror (x->lxw));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_actions_sheet (Xlsx           *x,
                     lxw_worksheet  *ws,
                     GError        **error)
{
  ActionSheet a = { 0, };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int c = 0;
  struct { int *col; const char *title; double width; } cols[] = {
    { &a.c_plan, C_("export column", "Plan"), 14 },
    { &a.c_number, C_("export column", "No."), 6 },
    { &a.c_title, C_("export column", "Task"), 46 },
    { &a.c_lead, C_("export column", "Lead unit"), 22 },
    { &a.c_coord, C_("export column", "Coordinating units"), 22 },
    { &a.c_due, C_("export column", "Due"), 12 },
    { &a.c_status, C_("export column", "Status"), 14 },
    { &a.c_late, C_("export column", "Days overdue"), 10 },
    { &a.c_left, C_("export column", "Days left"), 10 },
    { &a.c_directing, C_("export column", "Directing leader"), 18 },
    { &a.c_note, C_("export column", "Note"), 22 },
  };

  a.x = x;
  a.ws = ws;
  a.row = 2;
  a.section = -1;
  a.as_of = g_date_get_julian (&x->data->options.tasks.as_of);
  for (guint i = 0; i < x->data->actions->len; i++)
    {
      const DdExportAction *action = &g_array_index (x->data->actions, DdExportAction, i);

      if (action->status == DD_STATUS_OVERDUE)
        a.n_overdue++;
      else
        a.n_soon++;
    }

  for (guint i = 0; i < G_N_ELEMENTS (cols); i++)
    {
      if (cols[i].col == &a.c_plan && !x->data->all_plans)
        {
          a.c_plan = -1;
          continue;
        }
      *cols[i].col = c;
      CHECK (x, worksheet_set_column (ws, (lxw_col_t) c, (lxw_col_t) c, cols[i].width, NULL));
      c++;
    }
  a.n_cols = (guint) c;

  write_sheet_title (x, ws, x->sheet_actions);
  for (guint i = 0; i < G_N_ELEMENTS (cols); i++)
    if (*cols[i].col >= 0)
      CHECK (x, worksheet_write_string (ws, 1, (lxw_col_t) *cols[i].col, cols[i].title, x->f_head));

  if (x->data->actions->len == 0)
    CHECK (x, worksheet_write_string (ws, 2, 0, _("No task is overdue or due soon."), x->f_note));
  if (!stream_begin (x, ws, error))
    return FALSE;
  /* In the list's order for action: the copies kept from the task sheet,
   * and the others (if any) read again by id, in runs. */
  for (guint i = 0; i < x->data->actions->len; i++)
    {
      const DdExportAction *action = &g_array_index (x->data->actions, DdExportAction, i);
      const DdExportTask *kept = g_hash_table_lookup (x->action_rows, &action->id);

      if (kept == NULL)
        {
          g_array_append_val (ids, action->id);
          if (i + 1 < x->data->actions->len)
            continue;
        }
      if (ids->len > 0)
        {
          if (!_dd_store_export_foreach_task (x->store, ids, TRUE, &x->data->options.tasks.as_of,
                                              x->data->options.tasks.due_soon_days,
                                              write_action_row, &a, error))
            return FALSE;
          g_array_set_size (ids, 0);
        }
      if (kept != NULL && !write_action_row (kept, &a, error))
        return FALSE;
    }
  stream_end (x);

  worksheet_freeze_panes (ws, 2, 0);
  setup_print (x, ws, TRUE, 1, 1);
  return TRUE;
}

/* The summary sheet */

#define SUM_LAST_COL 8   /* A–I */

static void
write_document_header (Xlsx          *x,
                       lxw_worksheet *ws)
{
  DdExportData *d = x->data;
  g_autofree char *issuer = d->issuer != NULL ? g_utf8_strup (d->issuer, -1) : NULL;

  CHECK (x, worksheet_set_row (ws, 0, x->size * 1.6, NULL));
  CHECK (x, worksheet_set_row (ws, 1, x->size * 1.6, NULL));
  if (issuer != NULL)
    CHECK (x, worksheet_merge_range (ws, 0, 0, 2, 2, clean_text (x, issuer), x->f_issuer));
  /* Translators: the national title at the top right of every administrative document. */
  CHECK (x, worksheet_merge_range (ws, 0, 4, 0, SUM_LAST_COL, _("SOCIALIST REPUBLIC OF VIETNAM"), x->f_motto));
  /* Translators: the motto under the national title. */
  CHECK (x, worksheet_merge_range (ws, 1, 4, 1, SUM_LAST_COL, _("Independence - Freedom - Happiness"), x->f_motto2));
  CHECK (x, worksheet_merge_range (ws, 3, 4, 3, SUM_LAST_COL, clean_text (x, d->date_line), x->f_date_line));

  CHECK (x, worksheet_set_row (ws, 5, x->size * 2.8, NULL));
  CHECK (x, worksheet_merge_range (ws, 5, 0, 5, SUM_LAST_COL, clean_text (x, d->title), x->f_title));
  if (d->subtitle != NULL)
    {
      CHECK (x, worksheet_set_row (ws, 6, x->size * 2.8, NULL));
      CHECK (x, worksheet_merge_range (ws, 6, 0, 6, SUM_LAST_COL, clean_text (x, d->subtitle), x->f_subtitle));
    }
  if (d->period_label != NULL)
    {
      g_autofree char *line = NULL;

      /* Translators: the reporting period under the report's title. */
      line = g_strdup_printf (_("Reporting period: %s"), d->period_label);
      CHECK (x, worksheet_merge_range (ws, 7, 0, 7, SUM_LAST_COL, clean_text (x, line), x->f_subtitle));
    }
}

static lxw_chart_font
chart_font (Xlsx    *x,
            double   size,
            gboolean bold)
{
  lxw_chart_font font = { 0, };

  font.name = x->data->font_name;
  font.size = size;
  font.bold = bold ? 1 : 0;
  return font;
}

static void
write_summary_sheet (Xlsx          *x,
                     lxw_worksheet *ws)
{
  DdExportData *d = x->data;
  g_autoptr(GPtrArray) units = _dd_export_chart_units (d);
  lxw_row_t r, status_first, status_last, units_head, units_first, units_last;
  lxw_chart *donut, *bars;
  lxw_chart_series *series;
  lxw_chart_font title_font = chart_font (x, x->size, TRUE);
  lxw_chart_font body_font = chart_font (x, x->size - 2, FALSE);
  lxw_chart_fill fills[DD_N_STATUSES];
  lxw_chart_point points[DD_N_STATUSES];
  lxw_chart_point *point_ptrs[DD_N_STATUSES + 1];
  lxw_chart_options place = { 0, };
  double rate;

  CHECK (x, worksheet_set_column (ws, 0, 0, 34, NULL));
  CHECK (x, worksheet_set_column (ws, 1, SUM_LAST_COL, 12, NULL));
  setup_print (x, ws, TRUE, -1, -1);
  write_document_header (x, ws);

  /* I. Headline figures: one row per status, the total, the rate. */
  r = 9;
  CHECK (x, worksheet_write_string (ws, r++, 0, _("I. HEADLINE FIGURES"), x->f_section));
  CHECK (x, worksheet_write_string (ws, r, 0, C_("export column", "Status"), x->f_head));
  CHECK (x, worksheet_write_string (ws, r, 1, C_("export column", "Tasks"), x->f_head));
  CHECK (x, worksheet_write_string (ws, r, 2, C_("export column", "Share"), x->f_head));
  CHECK (x, worksheet_set_row (ws, r, x->size * 2.6, NULL));
  r++;
  status_first = r;
  for (int s = 0; s < DD_N_STATUSES; s++, r++)
    {
      CHECK (x, worksheet_write_string (ws, r, 0, dd_task_status_get_label ((DdTaskStatus) s), x->f_status[s]));
      write_number (x, ws, r, 1, d->headline.counts[s], x->f_int);
      write_number (x, ws, r, 2, d->headline.tasks > 0 ? (double) d->headline.counts[s] / d->headline.tasks : 0,
                    x->f_pct);
    }
  status_last = r - 1;
  CHECK (x, worksheet_write_string (ws, r, 0, _("Total"), x->f_text_bold));
  write_number (x, ws, r, 1, d->headline.tasks, x->f_int_bold);
  write_number (x, ws, r, 2, d->headline.tasks > 0 ? 1.0 : 0.0, x->f_pct_bold);
  r++;
  CHECK (x, worksheet_write_string (ws, r, 0, _("Completion rate"), x->f_text_bold));
  if (_dd_export_rate (d->headline.counts, &rate))
    write_number (x, ws, r, 1, rate, x->f_pct_bold);
  else
    CHECK (x, worksheet_write_string (ws, r, 1, "—", x->f_center));
  CHECK (x, worksheet_write_blank (ws, r, 2, x->f_text));
  r++;
  /* Translators: how the completion rate is counted, under it. */
  CHECK (x, worksheet_write_string (ws, r, 0, _("Completion rate = done ÷ (done + overdue or forgotten)."), x->f_note));

  /* The doughnut of statuses, beside the table. */
  donut = workbook_add_chart (x->wb, LXW_CHART_DOUGHNUT);
  series = chart_add_series (donut, NULL, NULL);
  chart_series_set_categories (series, x->sheet_summary, status_first, 0, status_last, 0);
  chart_series_set_values (series, x->sheet_summary, status_first, 1, status_last, 1);
  chart_series_set_name (series, _("Tasks by status"));
  for (int s = 0; s < DD_N_STATUSES; s++)
    {
      memset (&fills[s], 0, sizeof fills[s]);
      memset (&points[s], 0, sizeof points[s]);
      fills[s].color = status_color ((DdTaskStatus) s);
      points[s].fill = &fills[s];
      point_ptrs[s] = &points[s];
    }
  point_ptrs[DD_N_STATUSES] = NULL;
  CHECK (x, chart_series_set_points (series, point_ptrs));
  chart_series_set_labels (series);
  chart_series_set_labels_options (series, LXW_FALSE, LXW_FALSE, LXW_TRUE);
  chart_series_set_labels_font (series, &body_font);
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

  /* II. By lead unit: the table the bars are drawn from. */
  r = MAX (r + 2, 26);
  CHECK (x, worksheet_write_string (ws, r++, 0, _("II. BY LEAD UNIT"), x->f_section));
  units_head = r;
  CHECK (x, worksheet_write_string (ws, r, 0, C_("export column", "Lead unit"), x->f_head));
  for (int s = 0; s < DD_N_STATUSES; s++)
    CHECK (x, worksheet_write_string (ws, r, (lxw_col_t) (1 + s), dd_task_status_get_label ((DdTaskStatus) s),
                                      x->f_head));
  CHECK (x, worksheet_write_string (ws, r, 1 + DD_N_STATUSES, _("Total"), x->f_head));
  CHECK (x, worksheet_set_row (ws, r, x->size * 3.2, NULL));
  r++;
  units_first = r;
  for (guint i = 0; i < units->len; i++, r++)
    {
      const DdStatsUnit *unit = g_ptr_array_index (units, i);

      write_text (x, ws, r, 0, unit->name, x->f_text);
      for (int s = 0; s < DD_N_STATUSES; s++)
        write_number (x, ws, r, (lxw_col_t) (1 + s), unit->counts[s], x->f_int);
      write_number (x, ws, r, 1 + DD_N_STATUSES, unit->total, x->f_int_bold);
    }
  units_last = r - 1;
  if (units->len == 0)
    {
      CHECK (x, worksheet_write_string (ws, r++, 0, _("No task."), x->f_note));
      return;
    }
  if (d->units->len > DD_EXPORT_CHART_UNITS + 1)
    CHECK (x, worksheet_write_string (ws, r++, 0,
                                      _("The units with the most overdue tasks; every unit is on the sheet “Units”."),
                                      x->f_note));

  /* The stacked bars: one series per status that occurs. */
  bars = workbook_add_chart (x->wb, LXW_CHART_BAR_STACKED);
  for (int s = 0; s < DD_N_STATUSES; s++)
    {
      lxw_chart_fill fill = { 0, };

      if (d->headline.counts[s] == 0)
        continue;
      series = chart_add_series (bars, NULL, NULL);
      chart_series_set_categories (series, x->sheet_summary, units_first, 0, units_last, 0);
      chart_series_set_values (series, x->sheet_summary, units_first, (lxw_col_t) (1 + s),
                               units_last, (lxw_col_t) (1 + s));
      chart_series_set_name_range (series, x->sheet_summary, units_head, (lxw_col_t) (1 + s));
      fill.color = status_color ((DdTaskStatus) s);
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
  memset (&place, 0, sizeof place);
  place.x_offset = 0;
  place.y_offset = 10;
  place.x_scale = 2.0;
  place.y_scale = MAX (1.0, 0.5 + 0.08 * units->len);
  CHECK (x, worksheet_insert_chart_opt (ws, r + 1, 0, bars, &place));
}

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

static void
write_units_sheet (Xlsx          *x,
                   lxw_worksheet *ws)
{
  DdExportData *d = x->data;
  lxw_row_t r = 2;
  lxw_col_t c = 0;
  guint totals[DD_N_STATUSES] = { 0, };
  guint total = 0;

  write_sheet_title (x, ws, x->sheet_units);
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
        CHECK (x, worksheet_set_column (ws, c, c + DD_N_STATUSES - 1, 13, NULL));
        for (int s = 0; s < DD_N_STATUSES; s++)
          CHECK (x, worksheet_write_string (ws, 1, c++, dd_task_status_get_label ((DdTaskStatus) s), x->f_head));
        break;
      case UNIT_COL_RATE:
      default:
        CHECK (x, worksheet_set_column (ws, c, c, 13, NULL));
        CHECK (x, worksheet_write_string (ws, 1, c++, _("Completion rate"), x->f_head));
        break;
      }

  for (guint u = 0; u <= d->units->len; u++, r++)
    {
      gboolean is_total = u == d->units->len;
      const DdStatsUnit *unit = is_total ? NULL : g_ptr_array_index (d->units, u);
      const guint *counts = is_total ? totals : unit->counts;
      double rate;

      c = 0;
      for (guint i = 0; i < G_N_ELEMENTS (unit_columns); i++)
        switch (unit_columns[i])
          {
          case UNIT_COL_NAME:
            if (is_total)
              CHECK (x, worksheet_write_string (ws, r, c++, _("Total"), x->f_text_bold));
            else
              write_text (x, ws, r, c++, unit->name != NULL ? unit->name : _("No lead unit"), x->f_text);
            break;
          case UNIT_COL_TOTAL:
            write_number (x, ws, r, c++, is_total ? total : unit->total, x->f_int_bold);
            break;
          case UNIT_COL_STATUSES:
            for (int s = 0; s < DD_N_STATUSES; s++)
              write_number (x, ws, r, c++, counts[s], is_total ? x->f_int_bold : x->f_int);
            break;
          case UNIT_COL_RATE:
          default:
            if (_dd_export_rate (counts, &rate))
              write_number (x, ws, r, c++, rate, is_total ? x->f_pct_bold : x->f_pct);
            else
              CHECK (x, worksheet_write_string (ws, r, c++, "—", x->f_center));
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
  CHECK (x, worksheet_write_string (ws, r, 0, _("Completion rate = done ÷ (done + overdue or forgotten)."), x->f_note));

  CHECK (x, worksheet_set_row (ws, 1, x->size * 3.2, NULL));
  worksheet_freeze_panes (ws, 2, 1);
  setup_print (x, ws, TRUE, 1, 1);
}

/* The indicators sheet */

static void
write_indicators_sheet (Xlsx          *x,
                        lxw_worksheet *ws)
{
  DdExportData *d = x->data;
  lxw_row_t r = 2;
  gint64 last = -1;
  guint n = 0;
  const char *heads[] = {
    C_("export column", "Unit"), C_("export column", "Achieved"), C_("export column", "Out of"),
    C_("export column", "Rate"), C_("export column", "Target"), C_("export column", "Assessment"),
  };
  const double widths[] = { 44, 12, 12, 12, 12, 22 };

  write_sheet_title (x, ws, x->sheet_indicators);
  for (guint i = 0; i < G_N_ELEMENTS (heads); i++)
    {
      CHECK (x, worksheet_set_column (ws, (lxw_col_t) i, (lxw_col_t) i, widths[i], NULL));
      CHECK (x, worksheet_write_string (ws, 1, (lxw_col_t) i, heads[i], x->f_head));
    }

  for (guint i = 0; i < d->indicators->len; i++)
    {
      const DdExportIndicator *row = g_ptr_array_index (d->indicators, i);
      DdStatsIndicator level_of = { 0, };
      DdIndicatorLevel level;

      if (row->indicator_id != last)
        {
          g_autofree char *line = g_strdup_printf ("%u. %s", ++n, row->title);

          CHECK (x, worksheet_merge_range (ws, r, 0, r, (lxw_col_t) (G_N_ELEMENTS (heads) - 1),
                                           clean_text (x, line), x->f_text_bold));
          CHECK (x, worksheet_set_row (ws, r, x->size * (1.4 + 1.4 * (g_utf8_strlen (row->title, -1) / 120)), NULL));
          r++;
          last = row->indicator_id;
        }

      write_text (x, ws, r, 0, row->unit != NULL ? row->unit : _("Whole office"), x->f_text);
      level_of.target = row->target;
      level_of.has_data = row->has_data;
      level_of.numerator = row->numerator;
      level_of.denominator = row->denominator;
      level_of.achieved = row->has_data ? 100.0 * row->numerator / row->denominator : 0;
      level = dd_indicator_level_for (&level_of);
      if (row->has_data)
        {
          write_number (x, ws, r, 1, row->numerator, x->f_int);
          write_number (x, ws, r, 2, row->denominator, x->f_int);
          write_number (x, ws, r, 3, row->numerator / row->denominator, x->f_pct);
        }
      else
        for (lxw_col_t c = 1; c <= 3; c++)
          CHECK (x, worksheet_write_blank (ws, r, c, x->f_int));
      write_number (x, ws, r, 4, row->target / 100.0, x->f_pct);
      CHECK (x, worksheet_write_string (ws, r, 5, dd_indicator_level_get_label (level), x->f_center));
      r++;
    }
  if (d->indicators->len == 0)
    CHECK (x, worksheet_write_string (ws, r, 0, _("The plan has no indicator."), x->f_note));
  else if (d->period_label != NULL)
    {
      g_autofree char *line = g_strdup_printf (_("Figures reported for the period %s."), d->period_label);

      CHECK (x, worksheet_write_string (ws, r + 1, 0, clean_text (x, line), x->f_note));
    }

  CHECK (x, worksheet_set_row (ws, 1, x->size * 2.2, NULL));
  worksheet_freeze_panes (ws, 2, 0);
  setup_print (x, ws, FALSE, 1, 1);
}

/* Public API */

static lxw_worksheet *
add_sheet (Xlsx       *x,
           const char *name,
           gboolean    constant_memory)
{
  lxw_worksheet *ws;

  /* See the comment at the top: the mode is taken per sheet, here. */
  x->wb->options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  ws = workbook_add_worksheet (x->wb, name);
  x->wb->options.constant_memory = LXW_FALSE;
  if (ws == NULL && x->lxw == LXW_NO_ERROR)
    x->lxw = LXW_ERROR_SHEETNAME_ALREADY_USED;
  return ws;
}

static gboolean
write_workbook (Xlsx    *x,
                GError **error)
{
  lxw_worksheet *summary, *tasks, *units, *actions, *indicators;
  lxw_doc_properties props = { 0, };

  props.title = x->data->title;
  props.subject = x->data->subtitle;
  props.author = x->data->issuer;
  props.comments = (char *) _("Made by Đôn Đốc");
  CHECK (x, workbook_set_properties (x->wb, &props));

  make_formats (x);
  summary = add_sheet (x, x->sheet_summary, FALSE);
  tasks = add_sheet (x, x->sheet_tasks, TRUE);
  units = add_sheet (x, x->sheet_units, FALSE);
  actions = add_sheet (x, x->sheet_actions, TRUE);
  indicators = add_sheet (x, x->sheet_indicators, FALSE);
  if (summary == NULL || tasks == NULL || units == NULL || actions == NULL || indicators == NULL)
    {
      g_set_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_FAILED,
                   _("Cannot write the workbook: %s"), lxw_strerror (x->lxw));
      return FALSE;
    }

  if (!write_tasks_sheet (x, tasks, error)
      || !_dd_export_data_finish (x->data, x->store, error))
    return FALSE;
  if (!write_actions_sheet (x, actions, error))
    return FALSE;
  write_summary_sheet (x, summary);
  write_units_sheet (x, units);
  write_indicators_sheet (x, indicators);
  worksheet_activate (summary);

  if (x->lxw != LXW_NO_ERROR)
    {
      g_set_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_FAILED,
                   _("Cannot write the workbook: %s"), lxw_strerror (x->lxw));
      return FALSE;
    }
  return TRUE;
}

static void
restore_cache (DdStore *store,
               gint64   cache_size)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, cache_size);

  dd_sql_exec (store, sql, NULL);
}

gboolean
dd_export_xlsx (DdStore                *store,
                const DdExportOptions  *options,
                const char             *path,
                GError                **error)
{
  g_autoptr(DdExportData) data = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *lxw_tmp = NULL;
  g_autoptr(GError) local = NULL;
  lxw_workbook_options wopts = { 0, };
  Xlsx x = { 0, };
  locale_t base_locale;
  locale_t c_numeric;
  locale_t saved_locale = (locale_t) 0;
  lxw_error closed;
  gint64 cache_kib;
  gboolean began;
  gboolean ok;

  g_return_val_if_fail (DD_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The folder first: a path that cannot be written fails before any work. */
  tmp = _dd_export_temp_path (path, error);
  if (tmp == NULL)
    return FALSE;
  /* What libxlsxwriter writes, before the big sheets' rows are put in. */
  lxw_tmp = _dd_export_temp_path (path, error);
  if (lxw_tmp == NULL)
    {
      g_unlink (tmp);
      return FALSE;
    }

  /* libxlsxwriter prints its numbers (column widths, row heights, the
   * figures of the small sheets, the charts' cached values) with printf():
   * under a locale with a decimal comma, as vi_VN, "0,42" is what it wrote,
   * and Excel and LibreOffice read nothing there. The C numeric locale is
   * taken for this thread alone (the rest of the locale kept: messages stay
   * translated) while the workbook is made. */
  base_locale = duplocale (uselocale ((locale_t) 0));
  c_numeric = base_locale != (locale_t) 0 ? newlocale (LC_NUMERIC_MASK, "C", base_locale) : (locale_t) 0;
  if (c_numeric == (locale_t) 0 && base_locale != (locale_t) 0)
    freelocale (base_locale);
  if (c_numeric != (locale_t) 0)
    saved_locale = uselocale (c_numeric);

  /* The rows are read once, in order: a large page cache would only hold
   * pages that are not read again (and count in the peak memory). */
  cache_kib = dd_sql_query_int64 (store, "PRAGMA cache_size", -2000);
  dd_sql_exec (store, "PRAGMA cache_size = -4096", NULL);
  began = _dd_export_read_begin (store);
  data = _dd_export_data_prepare (store, options, error);
  if (data == NULL)
    {
      _dd_export_read_end (store, began);
      restore_cache (store, cache_kib);
      g_unlink (tmp);
      g_unlink (lxw_tmp);
      if (c_numeric != (locale_t) 0)
        {
          uselocale (saved_locale);
          freelocale (c_numeric);
        }
      return FALSE;
    }

  x.data = data;
  x.store = store;
  x.size = data->options.font_size;
  x.buf = g_string_sized_new (256);
  x.action_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  /* Translators: ends a text cut at Excel's limit of 32,767 characters. */
  x.mark = g_strdup (_("… [truncated]"));
  x.sheet_summary = sheet_name (C_("sheet", "Summary"));
  x.sheet_tasks = sheet_name (C_("sheet", "Tasks"));
  x.sheet_units = sheet_name (C_("sheet", "Units"));
  x.sheet_actions = sheet_name (C_("sheet", "Overdue - due soon"));
  x.sheet_indicators = sheet_name (C_("sheet", "Indicators"));

  wopts.constant_memory = LXW_FALSE;
  x.wb = workbook_new_opt (lxw_tmp, &wopts);
  if (x.wb == NULL)
    {
      g_set_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_FAILED,
                   _("Cannot write the workbook: %s"), lxw_strerror (LXW_ERROR_MEMORY_MALLOC_FAILED));
      ok = FALSE;
    }
  else
    {
      ok = write_workbook (&x, &local);
      _dd_export_read_end (store, began);
      began = FALSE;
      /* Writes and frees the workbook, whatever happened before: once. */
      closed = workbook_close (x.wb);
      x.wb = NULL;
      if (ok && closed != LXW_NO_ERROR)
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (&local, DD_EXPORT_ERROR, DD_EXPORT_ERROR_WRITE,
                       _("Cannot write “%s”: %s"), display, lxw_strerror (closed));
          ok = FALSE;
        }
    }

  /* The big sheets' rows, deflated meanwhile, into the workbook. */
  if (ok)
    {
      const char *names[MAX_STREAMS];
      DdDeflateStream *rows[MAX_STREAMS];

      for (guint i = 0; i < x.n_streams && ok; i++)
        {
          names[i] = x.streams[i]->entry;
          rows[i] = x.streams[i]->deflate;
          ok = _dd_deflate_stream_finish (rows[i]);
        }
      if (ok)
        ok = _dd_xlsx_splice (lxw_tmp, tmp, names, rows, x.n_streams);
      if (!ok)
        {
          int saved = errno;
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (&local, DD_EXPORT_ERROR, DD_EXPORT_ERROR_WRITE,
                       _("Cannot write “%s”: %s"), display, g_strerror (saved));
        }
    }
  g_unlink (lxw_tmp);
  for (guint i = 0; i < x.n_streams; i++)
    stream_free (x.streams[i]);

  _dd_export_read_end (store, began);
  restore_cache (store, cache_kib);
  if (c_numeric != (locale_t) 0)
    {
      uselocale (saved_locale);
      freelocale (c_numeric);
    }
  g_string_free (x.buf, TRUE);
  g_hash_table_unref (x.action_rows);
  g_free (x.mark);
  g_free (x.sheet_summary);
  g_free (x.sheet_tasks);
  g_free (x.sheet_units);
  g_free (x.sheet_actions);
  g_free (x.sheet_indicators);

  if (!ok)
    {
      g_unlink (tmp);
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return _dd_export_commit (tmp, path, error);
}
