/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-importer"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-importer-office.h"

/*
 * The appendix as CSV (DD_IMPORT_FORMAT_CSV): RFC 4180 with a header row
 * naming the appendix's columns, optionally preceded by "key, value" lines
 * about the plan.
 */

/* Folded header names a CSV column is recognised by. */
static const char * const column_aliases[N_COLUMNS][12] = {
  [COL_NUMBER] = { "tt", "stt", "so tt", "so thu tu", "number", "no", "no.", "#", NULL },
  [COL_TITLE] = { "nhiem vu", "noi dung", "noi dung nhiem vu", "ten nhiem vu", "task", "title", NULL },
  [COL_LEAD] = { "chu tri", "co quan chu tri", "don vi chu tri", "lead", NULL },
  [COL_COORDINATORS] = { "phoi hop", "co quan phoi hop", "don vi phoi hop", "coordinators",
                         "coordinator", NULL },
  [COL_DEADLINE] = { "thoi gian", "thoi han", "thoi gian hoan thanh", "thoi han hoan thanh",
                     "deadline", "due", NULL },
  [COL_PRODUCT] = { "san pham", "ket qua/san pham", "ket qua / san pham", "ket qua", "product", NULL },
  [COL_DIRECTING] = { "trach nhiem chi dao", "lanh dao chi dao", "directing", NULL },
};

typedef enum
{
  META_NONE,
  META_NUMBER,
  META_DATE,
  META_TITLE,
  META_ISSUER,
  META_BASIS,
} MetaKey;

typedef struct
{
  const char *key;
  MetaKey meta;
} MetaAlias;

static const MetaAlias meta_aliases[] = {
  { "ke hoach so", META_NUMBER },
  { "so ke hoach", META_NUMBER },
  { "so", META_NUMBER },
  { "so hieu", META_NUMBER },
  { "ngay", META_DATE },
  { "ngay ban hanh", META_DATE },
  { "ngay ky", META_DATE },
  { "ten", META_TITLE },
  { "ten ke hoach", META_TITLE },
  { "tieu de", META_TITLE },
  { "trich yeu", META_TITLE },
  { "co quan ban hanh", META_ISSUER },
  { "don vi ban hanh", META_ISSUER },
  { "can cu", META_BASIS },
};

typedef struct
{
  guint line;
  GPtrArray *fields;   /* of char* */
} CsvRecord;

/* Auxiliary methods */

static void
csv_record_free (gpointer data)
{
  CsvRecord *record = data;

  g_ptr_array_unref (record->fields);
  g_free (record);
}

/*
 * Splits @text into records by RFC 4180: fields separated by @delimiter,
 * records by CRLF or LF; a field in double quotes may hold the delimiter,
 * line breaks and "" for a quote. Each record remembers the line it starts
 * on. With @max_records > 0, stops after that many records (for sniffing).
 */
static GPtrArray *
csv_split (const char  *text,
           char         delimiter,
           guint        max_records,
           GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (csv_record_free);
  const char *p = text;
  guint line = 1;

  while (*p != '\0' && (max_records == 0 || records->len < max_records))
    {
      CsvRecord *record = g_new0 (CsvRecord, 1);
      gboolean end_of_record = FALSE;

      record->line = line;
      record->fields = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (records, record);

      while (!end_of_record)
        {
          GString *field = g_string_new (NULL);

          if (*p == '"')
            {
              guint quote_line = line;

              p++;
              for (;;)
                {
                  if (*p == '\0')
                    {
                      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_FORMAT,
                                   _("Line %u: a quoted field starts here and is never closed."),
                                   quote_line);
                      g_string_free (field, TRUE);
                      return NULL;
                    }
                  if (*p == '"' && p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      p += 2;
                      continue;
                    }
                  if (*p == '"')
                    {
                      p++;
                      break;
                    }
                  if (*p == '\r' && p[1] == '\n')
                    {
                      p++;
                      continue;
                    }
                  if (*p == '\n')
                    line++;
                  g_string_append_c (field, *p);
                  p++;
                }
            }
          /* Unquoted text, or what follows a closing quote (kept, leniently). */
          while (*p != '\0' && *p != delimiter && *p != '\n' && *p != '\r')
            g_string_append_c (field, *p++);
          g_ptr_array_add (record->fields, g_string_free (field, FALSE));

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
record_is_blank (CsvRecord *record)
{
  for (guint i = 0; i < record->fields->len; i++)
    if (!_dd_import_is_blank (g_ptr_array_index (record->fields, i)))
      return FALSE;
  return TRUE;
}

int
_dd_import_column_for_name (const char *name)
{
  g_autofree char *folded = _dd_import_fold_key (name);

  for (guint j = 0; j < N_COLUMNS; j++)
    for (guint k = 0; column_aliases[j][k] != NULL; k++)
      if (g_str_equal (folded, column_aliases[j][k]))
        return (int) j;
  return -1;
}

/* Maps the columns of a header record; returns how many are recognised. */
static guint
map_header (CsvRecord *record,
            int        columns[N_COLUMNS])
{
  guint n = 0;

  for (guint j = 0; j < N_COLUMNS; j++)
    columns[j] = -1;
  for (guint i = 0; i < record->fields->len; i++)
    {
      int column = _dd_import_column_for_name (g_ptr_array_index (record->fields, i));

      /* The first of two columns with one meaning wins. */
      if (column >= 0 && columns[column] < 0)
        {
          columns[column] = (int) i;
          n++;
        }
    }
  return n;
}

/* A metadata line before the header: "Kế hoạch số: 662/KH-VPUB" in one
 * field, or "Kế hoạch số", "662/KH-VPUB" in two. */
static MetaKey
read_meta (CsvRecord  *record,
           char      **out_value)
{
  g_autofree char *key = NULL;
  const char *value = NULL;
  const char *first = g_ptr_array_index (record->fields, 0);
  guint n_filled = 0;

  *out_value = NULL;
  for (guint i = 0; i < record->fields->len; i++)
    if (!_dd_import_is_blank (g_ptr_array_index (record->fields, i)))
      n_filled++;

  if (n_filled == 1 && strchr (first, ':') != NULL)
    {
      const char *colon = strchr (first, ':');

      g_autofree char *raw_key = g_strndup (first, (gsize) (colon - first));

      key = _dd_import_fold_key (raw_key);
      value = colon + 1;
    }
  else if (n_filled == 2 && record->fields->len >= 2 &&
           !_dd_import_is_blank (g_ptr_array_index (record->fields, 1)))
    {
      key = _dd_import_fold_key (first);
      value = g_ptr_array_index (record->fields, 1);
    }
  else
    return META_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (meta_aliases); i++)
    if (g_str_equal (key, meta_aliases[i].key))
      {
        *out_value = _dd_import_clean_cell (value);
        return *out_value != NULL ? meta_aliases[i].meta : META_NONE;
      }
  return META_NONE;
}

static gboolean
is_header_again (CsvRecord *record,
                 CsvRecord *header)
{
  if (record->fields->len != header->fields->len)
    return FALSE;
  for (guint i = 0; i < record->fields->len; i++)
    {
      g_autofree char *a = _dd_import_fold_key (g_ptr_array_index (record->fields, i));
      g_autofree char *b = _dd_import_fold_key (g_ptr_array_index (header->fields, i));

      if (!g_str_equal (a, b))
        return FALSE;
    }
  return TRUE;
}

/* Excel's "sep=;" first line, which names the delimiter. */
static gboolean
is_separator_hint (CsvRecord *record)
{
  const char *first = g_ptr_array_index (record->fields, 0);

  return record->line == 1 && g_str_has_prefix (first, "sep=");
}

/* The first record that is neither blank nor metadata: the header. */
static CsvRecord *
find_header (GPtrArray *records,
             guint     *out_index)
{
  for (guint i = 0; i < records->len; i++)
    {
      CsvRecord *record = g_ptr_array_index (records, i);
      g_autofree char *value = NULL;
      int columns[N_COLUMNS];

      if (record_is_blank (record) || is_separator_hint (record))
        continue;
      /* A header whose task column is recognised is a header, even when it
       * has two columns that look like a "key, value" pair. */
      if (map_header (record, columns) > 0 && columns[COL_TITLE] >= 0)
        {
          *out_index = i;
          return record;
        }
      if (read_meta (record, &value) != META_NONE)
        continue;
      *out_index = i;
      return record;
    }
  return NULL;
}

/* The table */

/* The table under the header: where each column is, and its name for
 * messages (the file's own). */
typedef struct
{
  CsvRecord *header;
  CsvRecord *subheader;        /* the header's second line, or NULL */
  guint first_row;             /* the first record after them */
  int columns[N_COLUMNS];      /* field of each column, or -1 */
  const char *names[N_COLUMNS];
} CsvTable;

/* A metadata line above the header, into @plan. */
static gboolean
read_meta_line (DdImportedPlan  *plan,
                CsvRecord       *record,
                GError         **error)
{
  g_autofree char *value = NULL;
  gboolean found;

  switch (read_meta (record, &value))
    {
    case META_NUMBER:
      g_free (plan->number);
      plan->number = _dd_import_clean_document_number (value);
      break;
    case META_DATE:
      if (!_dd_import_read_plan_date (plan, record->line, value, &found, error))
        return FALSE;
      if (!found)
        {
          g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_DATE,
                       _("Line %u: “%s” is not a date (write it as dd/mm/yyyy)."),
                       record->line, value);
          return FALSE;
        }
      break;
    case META_TITLE:
      g_free (plan->title);
      plan->title = g_steal_pointer (&value);
      break;
    case META_ISSUER:
      g_free (plan->issuer);
      plan->issuer = g_steal_pointer (&value);
      break;
    case META_BASIS:
      g_free (plan->basis);
      plan->basis = g_steal_pointer (&value);
      break;
    case META_NONE:
    default:
      break;
    }
  return TRUE;
}

/* The columns of the header at @header_index. The appendix's two-line
 * header, saved as CSV: "TT, Nhiệm vụ, Cơ quan, , Thời gian, …" then
 * ", , Chủ trì, Phối hợp, , …": the second line names the columns the
 * first one spans. */
static gboolean
map_table (GPtrArray  *records,
           guint       header_index,
           CsvTable   *table,
           GError    **error)
{
  CsvRecord *header = g_ptr_array_index (records, header_index);
  int *columns = table->columns;

  table->header = header;
  table->subheader = NULL;
  table->first_row = header_index + 1;
  map_header (header, columns);
  for (guint j = 0; j < N_COLUMNS; j++)
    {
      table->names[j] = _dd_import_column_names[j];
      if (columns[j] >= 0)
        table->names[j] = g_ptr_array_index (header->fields, columns[j]);
    }

  if (header_index + 1 < records->len)
    {
      CsvRecord *next = g_ptr_array_index (records, header_index + 1);
      int sub_columns[N_COLUMNS];

      if (next->fields->len == header->fields->len &&
          map_header (next, sub_columns) > 0 && sub_columns[COL_TITLE] < 0 &&
          (columns[COL_TITLE] < 0 || _dd_import_is_blank (g_ptr_array_index (next->fields, columns[COL_TITLE]))))
        {
          for (guint j = 0; j < N_COLUMNS; j++)
            if (sub_columns[j] >= 0)
              {
                columns[j] = sub_columns[j];
                table->names[j] = g_ptr_array_index (next->fields, sub_columns[j]);
              }
          table->subheader = next;
          table->first_row++;
        }
    }
  if (columns[COL_TITLE] < 0)
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_COLUMNS,
                   /* Translators: %s is the column name “Nhiệm vụ”. */
                   _("Line %u: the header row has no column “%s” (the tasks); it is required."),
                   header->line, _dd_import_column_names[COL_TITLE]);
      return FALSE;
    }
  return TRUE;
}

/* The task of the @ordinal-th data row. (transfer full) */
static DdImportedTask *
read_row (const CsvTable  *table,
          CsvRecord       *record,
          guint            ordinal,
          GError         **error)
{
  const char *cells[N_COLUMNS] = { NULL };
  g_autofree char *number = NULL;

  if (record->fields->len != table->header->fields->len)
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_COLUMNS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Line %u: the row has %u field but the header row has %u.",
                                "Line %u: the row has %u fields but the header row has %u.",
                                record->fields->len),
                   record->line, record->fields->len, table->header->fields->len);
      return NULL;
    }
  for (guint j = 0; j < N_COLUMNS; j++)
    if (table->columns[j] >= 0)
      cells[j] = g_ptr_array_index (record->fields, table->columns[j]);

  /* A table without a TT column is numbered as the appendix would be
   * (number owns the text, to free it at the end: g_autofree). */
  if (cells[COL_NUMBER] == NULL || _dd_import_is_blank (cells[COL_NUMBER]))
    cells[COL_NUMBER] = number = g_strdup_printf ("%u.", ordinal);  /* NOLINT(clang-analyzer-deadcode.DeadStores) */

  return _dd_import_build_task (record->line, FALSE, cells, table->names, error);
}

static gboolean
read_rows (DdImportedPlan  *plan,
           GPtrArray       *records,
           const CsvTable  *table,
           GError         **error)
{
  guint ordinal = 0;

  for (guint i = table->first_row; i < records->len; i++)
    {
      CsvRecord *record = g_ptr_array_index (records, i);
      DdImportedTask *task;

      /* A blank line, or a row of empty cells as spreadsheets write them. */
      if (record_is_blank (record))
        continue;
      /* The header again, as when pages of a table were pasted together. */
      if (is_header_again (record, table->header) ||
          (table->subheader != NULL && is_header_again (record, table->subheader)))
        continue;

      task = read_row (table, record, ++ordinal, error);
      if (task == NULL)
        return FALSE;
      g_ptr_array_add (plan->tasks, task);
    }
  return TRUE;
}

/* Shared with dd-importer.c */

/* Which delimiter the header uses, by which one splits it into more
 * recognised columns. Returns 0 when neither gives a header. */
char
_dd_import_sniff_delimiter (const char *text,
                            guint      *out_score)
{
  static const char delimiters[] = { ',', ';', '\t' };
  char best = 0;
  guint best_score = 0;

  if (g_str_has_prefix (text, "sep=") && strchr (",;\t|", text[4]) != NULL && text[4] != '\0')
    {
      *out_score = 3;
      return text[4];
    }

  for (guint d = 0; d < G_N_ELEMENTS (delimiters); d++)
    {
      g_autoptr(GPtrArray) records = NULL;
      CsvRecord *header;
      guint index, score;
      int columns[N_COLUMNS];

      /* Sniffing ignores quoting errors: the real parse reports them. */
      records = csv_split (text, delimiters[d], 40, NULL);
      if (records == NULL)
        continue;
      header = find_header (records, &index);
      if (header == NULL || header->fields->len < 2)
        continue;
      score = map_header (header, columns) * 2 + (columns[COL_TITLE] >= 0 ? 1 : 0);
      if (score > best_score)
        {
          best = delimiters[d];
          best_score = score;
        }
    }
  *out_score = best_score;
  return best;
}

gboolean
_dd_import_parse_csv (DdImportedPlan  *plan,
                      const char      *text,
                      const char      *source_name,
                      GError         **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *stem = _dd_import_source_stem (source_name);
  CsvTable table;
  guint header_index = 0;
  guint score = 0;
  char delimiter;

  delimiter = _dd_import_sniff_delimiter (text, &score);
  if (delimiter == 0)
    delimiter = ',';

  records = csv_split (text, delimiter, 0, error);
  if (records == NULL)
    return FALSE;

  if (find_header (records, &header_index) == NULL)
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_EMPTY,
                   _("The file has no header row and no task."));
      return FALSE;
    }

  for (guint i = 0; i < header_index; i++)
    if (!read_meta_line (plan, g_ptr_array_index (records, i), error))
      return FALSE;

  if (!map_table (records, header_index, &table, error) ||
      !read_rows (plan, records, &table, error))
    return FALSE;

  if (plan->tasks->len == 0)
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_EMPTY,
                   _("The file has a header row but no task."));
      return FALSE;
    }

  if (plan->number == NULL && stem != NULL)
    plan->number = g_strdup (stem);
  if (plan->title == NULL && stem != NULL)
    plan->title = g_strdup (stem);
  return TRUE;
}
