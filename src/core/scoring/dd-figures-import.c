/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-figures-import"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-store-private.h"
#include "dd-scoring-private.h"

/*
 * Indicator figures imported from a CSV file (dd_figures_import_indicator_figures()):
 * one figure a row, in six columns —
 *
 *   indicator, unit, period, numerator, denominator, source
 *
 * The indicator is its id ("3") or its plan's number and its position in
 * the plan ("662/KH-VPUB#1"); the unit is a unit's name (an empty cell: the
 * whole office); the period as dd_score_period_parse() reads it; numbers
 * with a dot or a decimal comma, at most DD_FIGURES_MAX. A first row
 * whose numerator is a word and whose denominator holds no digit is a
 * header. Fields are separated by commas, semicolons (Excel in Vietnamese
 * saves those) or tabs, quoted as RFC 4180 says.
 *
 * Every row is read and checked before anything is written, and all are
 * written in one transaction: one bad row and nothing is imported.
 */

typedef struct
{
  guint line;
  GPtrArray *fields;   /* of char* */
} Record;

static void
record_free (gpointer data)
{
  Record *record = data;

  g_ptr_array_unref (record->fields);
  g_free (record);
}

typedef struct
{
  guint line;
  gint64 indicator_id;
  gint64 unit_id;
  DdScorePeriod period;
  double numerator;
  double denominator;
  char *source;
} Row;

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_free (row->source);
}

enum {
  COL_INDICATOR,
  COL_UNIT,
  COL_PERIOD,
  COL_NUMERATOR,
  COL_DENOMINATOR,
  COL_SOURCE,
  N_COLUMNS
};

static const char *
column_name (guint column)
{
  switch (column)
    {
    case COL_INDICATOR:
      return _("indicator");
    case COL_UNIT:
      return _("unit");
    case COL_PERIOD:
      return _("period");
    case COL_NUMERATOR:
      return _("numerator");
    case COL_DENOMINATOR:
      return _("denominator");
    case COL_SOURCE:
    default:
      return _("source");
    }
}

/* Sets @error to "Line L, column C (name): why". */
G_GNUC_PRINTF (5, 6)
static void
set_cell_error (GError     **error,
                int          code,
                guint        line,
                guint        column,
                const char  *format,
                ...)
{
  g_autofree char *why = NULL;
  va_list args;

  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: an error of an indicator figures file: "Line 4, column 3
   * (period): “2026-Q5” is not a period…". */
  g_set_error (error, DD_IMPORT_ERROR, code, _("Line %u, column %u (%s): %s"),
               line, column + 1, column_name (column), why);
}

/* RFC 4180, as the plan importer reads it, on text that is valid UTF-8. */
static GPtrArray *
split_records (const char  *text,
               char         delimiter,
               GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (record_free);
  const char *p = text;
  guint line = 1;

  while (*p != '\0')
    {
      Record *record = g_new0 (Record, 1);
      gboolean end_of_record = FALSE;

      record->line = line;
      record->fields = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (records, record);

      while (!end_of_record)
        {
          g_autoptr(GString) field = g_string_new (NULL);

          if (*p == '"')
            {
              guint quote_line = line;

              for (p++;; p++)
                {
                  if (*p == '\0')
                    {
                      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_FORMAT,
                                   _("Line %u: a quoted field starts here and is never closed."),
                                   quote_line);
                      return NULL;
                    }
                  if (*p == '"' && p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      p++;
                      continue;
                    }
                  if (*p == '"')
                    {
                      p++;
                      break;
                    }
                  if (*p == '\n')
                    line++;
                  if (*p != '\r')
                    g_string_append_c (field, *p);
                }
            }
          while (*p != '\0' && *p != delimiter && *p != '\n' && *p != '\r')
            g_string_append_c (field, *p++);
          g_ptr_array_add (record->fields, g_strstrip (g_string_free (g_steal_pointer (&field), FALSE)));

          if (*p == delimiter)
            p++;
          else
            {
              if (*p == '\r')
                p++;
              if (*p == '\n')
                p++;
              line++;
              end_of_record = TRUE;
            }
        }
    }
  return g_steal_pointer (&records);
}

static gboolean
record_is_blank (const Record *record)
{
  for (guint i = 0; i < record->fields->len; i++)
    if (*(const char *) g_ptr_array_index (record->fields, i) != '\0')
      return FALSE;
  return TRUE;
}

/* The delimiter of the first line: the one it has most of. */
static char
sniff_delimiter (const char *text)
{
  guint commas = 0, semicolons = 0, tabs = 0;

  for (const char *p = text; *p != '\0' && *p != '\n'; p++)
    {
      if (*p == ',')
        commas++;
      else if (*p == ';')
        semicolons++;
      else if (*p == '\t')
        tabs++;
    }
  if (tabs >= semicolons && tabs >= commas && tabs > 0)
    return '\t';
  return semicolons > commas ? ';' : ',';
}

/* "412", "412.5", "412,5"; "1.234" is not a thousands separator but a
 * decimal. Plain decimals only: no sign, exponent ("1e308"), hexadecimal
 * ("0x10"), "inf" or "nan", which strtod would all read. */
static gboolean
parse_number (const char *text,
              double     *out)
{
  g_autofree char *copy = g_strdup (text);
  const char *p = copy;
  char *end = NULL;

  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.' || *p == ',')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p != '\0')
    return FALSE;
  g_strdelimit (copy, ",", '.');
  *out = g_ascii_strtod (copy, &end);
  return end != copy && *end == '\0' && isfinite (*out);
}

typedef struct
{
  gint64 id;
  gint64 plan_id;
  char *plan_number;
  int position;
  gboolean derived;
} IndicatorKey;

static void
indicator_key_free (gpointer data)
{
  IndicatorKey *key = data;

  g_free (key->plan_number);
  g_free (key);
}

static GPtrArray *
read_indicators (DdStore  *store,
                 GError  **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (indicator_key_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = dd_sql_prepare (store,
                         "SELECT i.id, i.plan_id, p.number, i.position, "
                         "EXISTS (SELECT 1 FROM indicator_rules r WHERE r.indicator_id = i.id) "
                         "FROM indicators i JOIN plans p ON p.id = i.plan_id ORDER BY i.id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      IndicatorKey *key = g_new0 (IndicatorKey, 1);

      key->id = sqlite3_column_int64 (stmt, 0);
      key->plan_id = sqlite3_column_int64 (stmt, 1);
      key->plan_number = g_strdup (dd_sql_column_text (stmt, 2));
      key->position = sqlite3_column_int (stmt, 3);
      key->derived = sqlite3_column_int (stmt, 4) != 0;
      g_ptr_array_add (keys, key);
    }
  if (rc != SQLITE_DONE)
    {
      dd_sql_set_sqlite_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&keys);
}

static const IndicatorKey *
find_indicator (GPtrArray  *keys,
                const char *text)
{
  guint64 id;
  const char *hash = strrchr (text, '#');

  if (g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL))
    {
      for (guint i = 0; i < keys->len; i++)
        {
          const IndicatorKey *key = g_ptr_array_index (keys, i);

          if (key->id == (gint64) id)
            return key;
        }
      return NULL;
    }

  if (hash != NULL && g_ascii_string_to_unsigned (hash + 1, 10, 0, G_MAXINT, &id, NULL))
    {
      g_autofree char *number = g_strstrip (g_strndup (text, hash - text));
      g_autofree char *folded = dd_text_fold_for_search (number);

      for (guint i = 0; i < keys->len; i++)
        {
          const IndicatorKey *key = g_ptr_array_index (keys, i);
          g_autofree char *key_folded = dd_text_fold_for_search (key->plan_number);

          if (key->position == (int) id && g_strcmp0 (folded, key_folded) == 0)
            return key;
        }
    }
  return NULL;
}

/* A unit by its name: the store's notion of the same unit first, then
 * without diacritics (a name typed on a keyboard without Telex). 0 when
 * none; -1 when the name is empty (the whole office). */
static gint64
find_unit (GListModel *units,
           const char *name)
{
  g_autofree char *key = NULL;
  g_autofree char *folded = NULL;
  guint n = g_list_model_get_n_items (units);

  if (*name == '\0')
    return -1;

  key = dd_text_unit_match_key (name);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);
      g_autofree char *unit_key = dd_text_unit_match_key (dd_unit_get_name (unit));

      if (g_strcmp0 (unit_key, key) == 0)
        return dd_unit_get_id (unit);
    }
  folded = dd_text_fold_for_search (name);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);
      g_autofree char *unit_folded = dd_text_fold_for_search (dd_unit_get_name (unit));

      if (g_strcmp0 (unit_folded, folded) == 0)
        return dd_unit_get_id (unit);
    }
  return 0;
}

static gboolean
read_row (const Record  *record,
          GPtrArray     *indicators,
          GListModel    *units,
          Row           *row,
          GError       **error)
{
  const char *cell[N_COLUMNS] = { NULL, };
  const IndicatorKey *indicator;
  g_autoptr(GError) local = NULL;
  gint64 unit_id;

  if (record->fields->len < COL_DENOMINATOR + 1 || record->fields->len > N_COLUMNS)
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_COLUMNS,
                   _("Line %u: %u columns; a figure has 5 or 6 (indicator, unit, period, numerator, "
                     "denominator, source)."),
                   record->line, record->fields->len);
      return FALSE;
    }
  for (guint i = 0; i < N_COLUMNS; i++)
    cell[i] = i < record->fields->len ? g_ptr_array_index (record->fields, i) : "";

  row->line = record->line;

  indicator = find_indicator (indicators, cell[COL_INDICATOR]);
  if (indicator == NULL)
    {
      set_cell_error (error, DD_IMPORT_ERROR_VALUE, record->line, COL_INDICATOR,
                      _("there is no indicator “%s” (write its id, or the plan's number and its "
                        "position: “662/KH-VPUB#1”)"), cell[COL_INDICATOR]);
      return FALSE;
    }
  if (indicator->derived)
    {
      set_cell_error (error, DD_IMPORT_ERROR_VALUE, record->line, COL_INDICATOR,
                      _("indicator “%s” is derived from the tasks and dossier figures; it is not typed"),
                      cell[COL_INDICATOR]);
      return FALSE;
    }
  row->indicator_id = indicator->id;

  unit_id = find_unit (units, cell[COL_UNIT]);
  if (unit_id == 0)
    {
      set_cell_error (error, DD_IMPORT_ERROR_VALUE, record->line, COL_UNIT,
                      _("there is no unit named “%s”"), cell[COL_UNIT]);
      return FALSE;
    }
  row->unit_id = unit_id > 0 ? unit_id : 0;

  if (!dd_score_period_parse (cell[COL_PERIOD], &row->period, &local))
    {
      set_cell_error (error, DD_IMPORT_ERROR_DATE, record->line, COL_PERIOD, "%s", local->message);
      return FALSE;
    }

  if (!parse_number (cell[COL_NUMERATOR], &row->numerator) || row->numerator < 0)
    {
      set_cell_error (error, DD_IMPORT_ERROR_VALUE, record->line, COL_NUMERATOR,
                      _("“%s” is not a number of at least 0"), cell[COL_NUMERATOR]);
      return FALSE;
    }
  if (row->numerator > DD_FIGURES_MAX)
    {
      set_cell_error (error, DD_IMPORT_ERROR_VALUE, record->line, COL_NUMERATOR,
                      _("“%s” is larger than 1,000,000,000,000"), cell[COL_NUMERATOR]);
      return FALSE;
    }
  if (!parse_number (cell[COL_DENOMINATOR], &row->denominator) || row->denominator < 0)
    {
      set_cell_error (error, DD_IMPORT_ERROR_VALUE, record->line, COL_DENOMINATOR,
                      _("“%s” is not a number of at least 0"), cell[COL_DENOMINATOR]);
      return FALSE;
    }
  if (row->denominator > DD_FIGURES_MAX)
    {
      set_cell_error (error, DD_IMPORT_ERROR_VALUE, record->line, COL_DENOMINATOR,
                      _("“%s” is larger than 1,000,000,000,000"), cell[COL_DENOMINATOR]);
      return FALSE;
    }
  if (row->numerator > row->denominator)
    {
      set_cell_error (error, DD_IMPORT_ERROR_VALUE, record->line, COL_NUMERATOR,
                      _("the numerator (%s) is larger than the denominator (%s)"),
                      cell[COL_NUMERATOR], cell[COL_DENOMINATOR]);
      return FALSE;
    }

  row->source = *cell[COL_SOURCE] != '\0' ? dd_text_normalize_space (cell[COL_SOURCE]) : NULL;
  /* Free text, stored and shown as is: no ESC sequences nor characters
   * XML refuses (the workbook), as the plan importer removes them. */
  if (row->source != NULL)
    dd_text_remove_forbidden (row->source, NULL);
  return TRUE;
}

static gboolean
write_row (DdStore     *store,
           const Row   *row,
           const char  *now,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  stmt = dd_sql_prepare (store,
                         "UPDATE indicator_figures SET numerator = ?5, denominator = ?6, source = ?7, "
                         "revision = revision + 1, updated_at = ?8, updated_by = ?9 "
                         "WHERE indicator_id = ?1 AND ifnull (unit_id, 0) = ifnull (?2, 0) "
                         "AND period_start = ?3 AND period_end = ?4", error);
  insert = stmt == NULL ? NULL : dd_sql_prepare (store,
                         "INSERT INTO indicator_figures (indicator_id, unit_id, period_start, period_end, "
                         "numerator, denominator, source, updated_at, updated_by) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (insert == NULL)
    return FALSE;
  for (guint s = 0; s < 2; s++)
    {
      sqlite3_stmt *one = s == 0 ? stmt : insert;

      sqlite3_bind_int64 (one, 1, row->indicator_id);
      dd_sql_bind_id (one, 2, row->unit_id);
      dd_sql_bind_date (one, 3, &row->period.start);
      dd_sql_bind_date (one, 4, &row->period.end);
      sqlite3_bind_double (one, 5, row->numerator);
      sqlite3_bind_double (one, 6, row->denominator);
      dd_sql_bind_text (one, 7, row->source);
      dd_sql_bind_text (one, 8, now);
      dd_sql_bind_text (one, 9, dd_store_get_user (store));
    }
  return dd_sql_step_upsert (store, stmt, insert, error);
}

/* @text as a C string once it is known to be text: no NUL byte within
 * @length, valid UTF-8. */
static char *
decode_text (const char  *text,
             gssize       length,
             GError     **error)
{
  g_autofree char *copy = NULL;
  const char *bad = NULL;

  copy = length < 0 ? g_strdup (text) : g_strndup (text, (gsize) length);
  if (length >= 0 && strlen (copy) != (gsize) length)
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_ENCODING,
                   _("The file holds a NUL byte: it is not a text file."));
      return NULL;
    }
  if (!g_utf8_validate (copy, -1, &bad))
    {
      guint line = 1;

      for (const char *p = copy; p < bad; p++)
        line += *p == '\n';
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_ENCODING,
                   _("Line %u: the file is not UTF-8 text (save it as UTF-8, or as “CSV UTF-8”, and try again)."),
                   line);
      return NULL;
    }
  return g_steal_pointer (&copy);
}

/* Whether @text holds a digit: a header's names hold none. */
static gboolean
has_digit (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      return TRUE;
  return FALSE;
}

/* The first record that may be a figure: after blank lines and a header.
 * A first row is a header only when it looks like one — its numerator and
 * denominator cells hold no digit, the numerator's a word. A row with a mistyped
 * number ("4l2") is a figure, and refused as one, never dropped. */
static guint
first_figure (GPtrArray *records)
{
  guint first = 0;

  while (first < records->len && record_is_blank (g_ptr_array_index (records, first)))
    first++;
  if (first < records->len)
    {
      const Record *record = g_ptr_array_index (records, first);
      const char *numerator = record->fields->len > COL_NUMERATOR
        ? g_ptr_array_index (record->fields, COL_NUMERATOR) : "";
      const char *denominator = record->fields->len > COL_DENOMINATOR
        ? g_ptr_array_index (record->fields, COL_DENOMINATOR) : "";

      if (*numerator != '\0' && !has_digit (numerator) && !has_digit (denominator))
        first++;
    }
  return first;
}

/* Every figure of @records from @first on, read and checked; none twice. */
static GArray *
read_rows (GPtrArray   *records,
           guint        first,
           GPtrArray   *indicators,
           GListModel  *units,
           GError     **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (Row));

  g_array_set_clear_func (rows, row_clear);
  for (guint i = first; i < records->len; i++)
    {
      const Record *record = g_ptr_array_index (records, i);
      Row row = { 0, };

      if (record_is_blank (record))
        continue;
      if (!read_row (record, indicators, units, &row, error))
        {
          row_clear (&row);
          return NULL;
        }
      /* The same figure twice: which one is meant? */
      for (guint j = 0; j < rows->len; j++)
        {
          const Row *other = &g_array_index (rows, Row, j);

          if (other->indicator_id == row.indicator_id && other->unit_id == row.unit_id
              && g_date_compare (&other->period.start, &row.period.start) == 0
              && g_date_compare (&other->period.end, &row.period.end) == 0)
            {
              g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_VALUE,
                           _("Line %u: the same indicator, unit and period as line %u."),
                           record->line, other->line);
              row_clear (&row);
              return NULL;
            }
        }
      g_array_append_val (rows, row);
    }
  if (rows->len == 0)
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_EMPTY,
                   _("The file holds no figure."));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* All of @rows in one transaction. */
static gboolean
write_rows (DdStore  *store,
            GArray   *rows,
            GError  **error)
{
  g_autofree char *now = dd_sql_now_utc ();

  if (!_dd_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      g_autoptr(GError) local = NULL;

      if (!write_row (store, row, now, &local))
        {
          _dd_store_rollback (store);
          /* Translators: a figure the database refused (a permission, a
           * busy file…): "Line 4: …". */
          g_set_error (error, local->domain, local->code, _("Line %u: %s"), row->line, local->message);
          return FALSE;
        }
    }
  return _dd_store_commit (store, error);
}

gboolean
dd_figures_import_indicator_figures (DdFigures   *self,
                                     const char  *text,
                                     gssize       length,
                                     guint       *out_n_figures,
                                     GError     **error)
{
  g_autofree char *copy = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) indicators = NULL;
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GArray) rows = NULL;
  DdStore *store;
  const char *body;

  g_return_val_if_fail (DD_IS_FIGURES (self), FALSE);
  g_return_val_if_fail (text != NULL || length == 0, FALSE);

  store = dd_figures_get_store (self);
  if (out_n_figures != NULL)
    *out_n_figures = 0;

  copy = decode_text (text, length, error);
  if (copy == NULL)
    return FALSE;
  body = g_str_has_prefix (copy, "\xef\xbb\xbf") ? copy + 3 : copy;

  records = split_records (body, sniff_delimiter (body), error);
  if (records == NULL)
    return FALSE;

  indicators = read_indicators (store, error);
  if (indicators == NULL)
    return FALSE;
  units = dd_store_list_units (store, 0, error);
  if (units == NULL)
    return FALSE;

  rows = read_rows (records, first_figure (records), indicators, units, error);
  if (rows == NULL || !write_rows (store, rows, error))
    return FALSE;
  if (out_n_figures != NULL)
    *out_n_figures = rows->len;
  return TRUE;
}
