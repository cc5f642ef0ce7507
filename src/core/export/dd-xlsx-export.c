/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-export"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dd-store-private.h"
#include "dd-xlsx-private.h"

/*
 * The meeting workbook, written with libxlsxwriter (only the dd-xlsx-*
 * files include xlsxwriter.h, through dd-xlsx-private.h). This file makes
 * the workbook, its formats and its sheets; each sheet's content is written
 * by dd-xlsx-summary.c, dd-xlsx-tasks.c or dd-xlsx-figures.c, through the
 * cell writers of dd-xlsx-cells.c and the print setup and title line of
 * dd-xlsx-sheet.c.
 *
 * Memory: the three sheets that grow with the plan ("Nhiệm vụ", "Quá hạn -
 * sắp đến hạn", and "Chỉ tiêu", an indicator's figures for each unit) are
 * written in libxlsxwriter's constant-memory mode, row after row, with
 * inline strings and no table; they need nothing else (an autofilter,
 * frozen panes, print titles and the merged title rows of the indicators
 * are kept apart from the rows). The small sheets ("Tổng hợp", "Đơn vị")
 * are written in the normal mode: they merge cells for the document
 * header and the charts read their cached values from them, neither of
 * which the constant mode allows. libxlsxwriter takes the mode of a sheet
 * from the workbook's options when the sheet is added
 * (workbook_add_worksheet() copies options.constant_memory into the
 * sheet), so it is switched on just for the big sheets.
 *
 * Speed: the data rows of those sheets are not given to libxlsxwriter
 * cell by cell (an allocation, a copy and an fprintf() each, then the whole
 * sheet compressed in workbook_close() after everything else). They are
 * formatted (dd-xlsx-cells.c) into the very XML its constant-memory mode
 * writes (inline strings, numbers, blanks, each with the style index
 * libxlsxwriter gives its format) and deflated on a thread of their own as
 * they are made; the workbook libxlsxwriter writes holds the rest of those
 * sheets (title, head, frozen panes, autofilter, print setup) and the rows
 * are put in when it is closed (dd-xlsx-stream.c). Reading, formatting and
 * compressing then run at once on the machine's cores.
 *
 * Safety: every text from the database goes through _dd_xlsx_write_text():
 * worksheet_write_string() always (a title "=1+1" stays text: spreadsheet
 * injection), control characters XML cannot carry replaced by spaces,
 * invalid UTF-8 repaired, and text over Excel's 32,767 characters cut with
 * a visible mark.
 */

#define SHEET_NAME_MAX 31

/* Auxiliary methods */

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

static lxw_format *
new_format (DdXlsx *x)
{
  lxw_format *f = workbook_add_format (x->wb);

  format_set_font_name (f, x->data->font_name);
  format_set_font_size (f, x->size);
  return f;
}

static lxw_format *
new_cell_format (DdXlsx *x)
{
  lxw_format *f = new_format (x);

  format_set_border (f, LXW_BORDER_THIN);
  format_set_align (f, LXW_ALIGN_VERTICAL_TOP);
  format_set_text_wrap (f);
  return f;
}

static void
make_formats (DdXlsx *x)
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
  format_set_text_wrap (x->f_sheet_title);
  format_set_align (x->f_sheet_title, LXW_ALIGN_VERTICAL_TOP);
  x->f_sheet_title_font = new_format (x);
  format_set_bold (x->f_sheet_title_font);
  format_set_font_size (x->f_sheet_title_font, x->size + 1);
  x->f_scope_font = new_format (x);
  format_set_italic (x->f_scope_font);

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

  x->f_superior = new_format (x);
  format_set_align (x->f_superior, LXW_ALIGN_CENTER);
  format_set_align (x->f_superior, LXW_ALIGN_VERTICAL_TOP);
  format_set_text_wrap (x->f_superior);

  x->f_recipients = new_format (x);
  format_set_bold (x->f_recipients);
  format_set_italic (x->f_recipients);

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
  x->f_note_wrap = new_format (x);
  format_set_italic (x->f_note_wrap);
  format_set_text_wrap (x->f_note_wrap);
  format_set_align (x->f_note_wrap, LXW_ALIGN_VERTICAL_TOP);

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
  x->f_progress = new_cell_format (x);
  format_set_num_format (x->f_progress, "0%");
  format_set_align (x->f_progress, LXW_ALIGN_CENTER);
  x->f_tt = new_cell_format (x);
  format_set_num_format (x->f_tt, "0");
  format_set_align (x->f_tt, LXW_ALIGN_CENTER);
  x->f_tt_dot = new_cell_format (x);
  format_set_num_format (x->f_tt_dot, "0\".\"");
  format_set_align (x->f_tt_dot, LXW_ALIGN_CENTER);

  for (int s = 0; s < DD_N_STATUSES; s++)
    {
      x->f_status[s] = new_cell_format (x);
      format_set_pattern (x->f_status[s], LXW_PATTERN_SOLID);
      format_set_bg_color (x->f_status[s], _dd_xlsx_status_color ((DdTaskStatus) s));
      format_set_font_color (x->f_status[s], _dd_export_status_white_text ((DdTaskStatus) s) ? 0xFFFFFF : 0x000000);
      format_set_align (x->f_status[s], LXW_ALIGN_CENTER);
    }
}

static lxw_worksheet *
add_sheet (DdXlsx     *x,
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

/* The store's read transaction (*@began), in which the header's texts
 * were read, is ended before the rows: they are read in short ones, and
 * the figures after them each part in one of its own, so that other
 * desktops' saves go through meanwhile (dd-store-export.c). */
static gboolean
write_workbook (DdXlsx    *x,
                gboolean  *began,
                GError   **error)
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
  indicators = add_sheet (x, x->sheet_indicators, TRUE);
  if (summary == NULL || tasks == NULL || units == NULL || actions == NULL || indicators == NULL)
    {
      g_set_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_FAILED,
                   dgettext (GETTEXT_PACKAGE, "Cannot write the workbook: %s"), lxw_strerror (x->lxw));
      return FALSE;
    }

  _dd_export_read_end (x->store, *began);
  *began = FALSE;
  if (!_dd_xlsx_write_tasks_sheet (x, tasks, error))
    return FALSE;
  if (!_dd_export_data_finish (x->data, x->store, error))
    return FALSE;
  if (!_dd_xlsx_write_actions_sheet (x, actions, error))
    return FALSE;
  _dd_xlsx_write_summary_sheet (x, summary);
  _dd_xlsx_write_units_sheet (x, units);
  if (!_dd_xlsx_write_indicators_sheet (x, indicators, error))
    return FALSE;
  worksheet_activate (summary);

  if (x->lxw != LXW_NO_ERROR)
    {
      g_set_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_FAILED,
                   dgettext (GETTEXT_PACKAGE, "Cannot write the workbook: %s"), lxw_strerror (x->lxw));
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

/* libxlsxwriter prints its numbers (column widths, row heights, the
 * figures of the small sheets, the charts' cached values) with printf():
 * under a locale with a decimal comma, as vi_VN, "0,42" is what it wrote,
 * and Excel and LibreOffice read nothing there. The C numeric locale is
 * taken for this thread alone (the rest of the locale kept: messages stay
 * translated) while the workbook is made. */
typedef struct
{
  locale_t c_numeric;          /* (locale_t) 0 when it could not be made */
  locale_t saved;
} NumericLocale;

static void
numeric_locale_push (NumericLocale *numeric)
{
  locale_t base_locale = duplocale (uselocale ((locale_t) 0));

  numeric->saved = (locale_t) 0;
  numeric->c_numeric = base_locale != (locale_t) 0 ? newlocale (LC_NUMERIC_MASK, "C", base_locale) : (locale_t) 0;
  if (numeric->c_numeric == (locale_t) 0 && base_locale != (locale_t) 0)
    freelocale (base_locale);
  if (numeric->c_numeric != (locale_t) 0)
    numeric->saved = uselocale (numeric->c_numeric);
}

static void
numeric_locale_pop (NumericLocale *numeric)
{
  if (numeric->c_numeric != (locale_t) 0)
    {
      uselocale (numeric->saved);
      freelocale (numeric->c_numeric);
    }
}

static void
xlsx_init (DdXlsx       *x,
           DdExportData *data,
           DdStore      *store)
{
  x->data = data;
  x->store = store;
  x->size = data->options.font_size;
  x->buf = g_string_sized_new (256);
  x->cut = g_string_new (NULL);
  x->action_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  /* Translators: ends a text cut at Excel's limit of 32,767 characters. */
  x->mark = g_strdup (_("… [truncated]"));
  x->sheet_summary = sheet_name (C_("sheet", "Summary"));
  x->sheet_tasks = sheet_name (C_("sheet", "Tasks"));
  x->sheet_units = sheet_name (C_("sheet", "Units"));
  x->sheet_actions = sheet_name (C_("sheet", "Overdue - due soon"));
  x->sheet_indicators = sheet_name (C_("sheet", "Indicators"));
}

static void
xlsx_clear (DdXlsx *x)
{
  for (guint i = 0; i < x->n_streams; i++)
    _dd_xlsx_stream_free (x->streams[i]);
  g_string_free (x->buf, TRUE);
  g_string_free (x->cut, TRUE);
  g_hash_table_unref (x->action_rows);
  g_clear_pointer (&x->shared, g_hash_table_unref);
  _dd_xlsx_measure_free (x);
  g_free (x->mark);
  g_free (x->sheet_summary);
  g_free (x->sheet_tasks);
  g_free (x->sheet_units);
  g_free (x->sheet_actions);
  g_free (x->sheet_indicators);
}

/* What libxlsxwriter writes into @lxw_path, the big sheets' rows left out.
 * The store's read transaction (*@began) ends once the rows are read. */
static gboolean
write_and_close (DdXlsx      *x,
                 const char  *lxw_path,
                 const char  *path,
                 gboolean    *began,
                 GError     **error)
{
  lxw_workbook_options wopts = { 0, };
  lxw_error closed;
  gboolean ok;

  wopts.constant_memory = LXW_FALSE;
  x->wb = workbook_new_opt (lxw_path, &wopts);
  if (x->wb == NULL)
    {
      g_set_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_FAILED,
                   dgettext (GETTEXT_PACKAGE, "Cannot write the workbook: %s"), lxw_strerror (LXW_ERROR_MEMORY_MALLOC_FAILED));
      return FALSE;
    }

  ok = write_workbook (x, began, error);
  _dd_export_read_end (x->store, *began);
  *began = FALSE;
  /* Writes and frees the workbook, whatever happened before: once. */
  closed = workbook_close (x->wb);
  x->wb = NULL;
  if (ok && closed != LXW_NO_ERROR)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_WRITE,
                   dgettext (GETTEXT_PACKAGE, "Cannot write “%s”: %s"), display, lxw_strerror (closed));
      ok = FALSE;
    }
  return ok;
}

/* Public API */

static gboolean export_xlsx (DdStore *store, const DdExportOptions *options, const char *path, GError **error);

gboolean
dd_export_xlsx (DdStore                *store,
                const DdExportOptions  *options,
                const char             *path,
                GError                **error)
{
  gboolean ok;

  g_return_val_if_fail (options != NULL, FALSE);
  /* Every message of the workbook, and its errors, in its language. */
  int previous = _dd_document_language_push (_dd_export_language (options));
  ok = export_xlsx (store, options, path, error);
  _dd_document_language_pop (previous);
  return ok;
}

static gboolean
export_xlsx (DdStore                *store,
             const DdExportOptions  *options,
             const char             *path,
             GError                **error)
{
  g_autoptr(DdExportData) data = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *lxw_tmp = NULL;
  g_autoptr(GError) local = NULL;
  DdXlsx x = { 0, };
  NumericLocale numeric;
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

  numeric_locale_push (&numeric);
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
      numeric_locale_pop (&numeric);
      return FALSE;
    }

  xlsx_init (&x, data, store);
  ok = write_and_close (&x, lxw_tmp, path, &began, &local);
  /* The big sheets' rows, deflated meanwhile, into the workbook. */
  if (ok && !_dd_xlsx_stream_splice (&x, lxw_tmp, tmp))
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (&local, DD_EXPORT_ERROR, DD_EXPORT_ERROR_WRITE,
                   dgettext (GETTEXT_PACKAGE, "Cannot write “%s”: %s"), display, g_strerror (saved));
      ok = FALSE;
    }
  g_unlink (lxw_tmp);
  xlsx_clear (&x);

  _dd_export_read_end (store, began);
  restore_cache (store, cache_kib);
  numeric_locale_pop (&numeric);

  if (!ok)
    {
      g_unlink (tmp);
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return _dd_export_commit (tmp, path, error);
}
