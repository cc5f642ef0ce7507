/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-importer"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-importer-office.h"

/*
 * A table's rows, as the Word and Excel readers give them (merged cells
 * already resolved), made into tasks by the rules every reader shares
 * (dd-importer-rules.c): the header found by its titles — with or without
 * diacritics, on one line or two ("Cơ quan" over "Chủ trì" and "Phối
 * hợp") —, the header repeated at each page skipped, as is the row of
 * column numbers "(1) (2) (3)…" some plans put under it, and the section
 * rows ("I. NHIỆM VỤ CHUNG") kept as the plan's sections.
 */

typedef struct
{
  int columns[N_COLUMNS];          /* cell of each column, or -1 */
  const char *names[N_COLUMNS + 1];
  guint header_line;
} GridTable;

/* Auxiliary methods */

static const char *
cell_at (const DdImportGridRow *row,
         int                    column)
{
  if (column < 0 || (guint) column >= row->cells->len)
    return NULL;
  return g_ptr_array_index (row->cells, column);
}

static gboolean
row_is_blank (const DdImportGridRow *row)
{
  for (guint i = 0; i < row->cells->len; i++)
    {
      const char *cell = g_ptr_array_index (row->cells, i);

      if (cell != NULL && !_dd_import_is_blank (cell))
        return FALSE;
    }
  return TRUE;
}

/* How many of the row's cells name a column of the appendix. */
static guint
map_row (const DdImportGridRow *row,
         int                    columns[N_COLUMNS])
{
  guint n = 0;

  for (guint j = 0; j < N_COLUMNS; j++)
    columns[j] = -1;
  for (guint i = 0; i < row->cells->len && i < DD_OFFICE_MAX_COLUMNS; i++)
    {
      const char *cell = g_ptr_array_index (row->cells, i);
      int column;

      if (cell == NULL || strlen (cell) > 200)
        continue;
      column = _dd_import_column_for_name (cell);
      if (column >= 0 && columns[column] < 0)
        {
          columns[column] = (int) i;
          n++;
        }
    }
  return n;
}

static gboolean
is_header_row (const DdImportGridRow *row)
{
  int columns[N_COLUMNS];
  guint n = map_row (row, columns);

  /* The header itself, or its second line ("Chủ trì", "Phối hợp"). */
  return (n >= 2 && columns[COL_TITLE] >= 0) ||
         (n >= 2 && (columns[COL_LEAD] >= 0 || columns[COL_COORDINATORS] >= 0));
}

/* "(1) (2) (3) …" under the header. */
static gboolean
is_column_numbers (const DdImportGridRow *row)
{
  static GRegex *regex = NULL;
  guint n = 0;

  for (guint i = 0; i < row->cells->len; i++)
    {
      const char *cell = g_ptr_array_index (row->cells, i);
      g_autofree char *clean = NULL;

      if (cell == NULL || _dd_import_is_blank (cell))
        continue;
      clean = g_strstrip (g_strdup (cell));
      if (!g_regex_match (_dd_import_regex (&regex, "^\\(?\\d{1,2}\\)?$"), clean, 0, NULL))
        return FALSE;
      n++;
    }
  return n >= 3;
}

/* The header at @index and its second line, if any; returns the first
 * row after them. */
static guint
map_table (GPtrArray *rows,
           guint      index,
           GridTable *table)
{
  const DdImportGridRow *header = g_ptr_array_index (rows, index);

  map_row (header, table->columns);
  table->header_line = header->line;
  for (guint j = 0; j < N_COLUMNS; j++)
    table->names[j] = table->columns[j] >= 0 ? cell_at (header, table->columns[j]) : _dd_import_column_names[j];
  table->names[N_COLUMNS] = NULL;
  index++;

  /* The second line names the columns the first one spans ("Cơ quan"). */
  if (index < rows->len)
    {
      const DdImportGridRow *next = g_ptr_array_index (rows, index);
      int sub[N_COLUMNS];

      if (map_row (next, sub) > 0 && (sub[COL_LEAD] >= 0 || sub[COL_COORDINATORS] >= 0))
        {
          for (guint j = 0; j < N_COLUMNS; j++)
            if (sub[j] >= 0 && (table->columns[j] < 0 || j == COL_LEAD || j == COL_COORDINATORS))
              {
                table->columns[j] = sub[j];
                table->names[j] = cell_at (next, sub[j]);
              }
          index++;
        }
    }
  return index;
}

/* "I.", "II", "IV." — or a letter heading "A." */
static gboolean
is_section_number (const char *number)
{
  static GRegex *regex = NULL;
  g_autofree char *folded = _dd_import_fold_key (number);

  return g_regex_match (_dd_import_regex (&regex, "^(?:[ivx]{1,5}|[a-d])(?:[.)]|[.)]?\\s.*)?$"), folded, 0, NULL);
}

static gboolean
is_upper (const char *text)
{
  g_autofree char *upper = g_utf8_strup (text, -1);

  return g_strcmp0 (upper, text) == 0;
}

/* A row that heads a group of tasks: "I." | "NHIỆM VỤ CHUNG" and nothing
 * else, or the whole heading in one merged cell. The heading, or NULL. */
static char *
section_heading (const char * const *cells)
{
  g_autofree char *number = _dd_import_clean_cell (cells[COL_NUMBER]);
  g_autofree char *title = _dd_import_clean_cell (cells[COL_TITLE]);

  for (guint j = COL_LEAD; j < N_COLUMNS; j++)
    if (cells[j] != NULL && !_dd_import_is_blank (cells[j]))
      return NULL;
  if (number != NULL && is_section_number (number))
    return title != NULL ? g_strconcat (number, " ", title, NULL) : g_steal_pointer (&number);
  if (number == NULL && title != NULL && is_upper (title))
    return g_steal_pointer (&title);
  return NULL;
}

/* A list in a unit's cell: "1. Sở Nội vụ", "- Sở Tài chính". */
static char *
strip_list_marks (const char *cell)
{
  static GRegex *regex = NULL;

  if (cell == NULL)
    return NULL;
  return g_regex_replace (_dd_import_regex (&regex, "(?m)^[ \\t]*(?:\\d{1,2}[.)]|[-–•+*])[ \\t]+"),
                          cell, -1, 0, "", 0, NULL);
}

static gboolean
check_cells (const DdImportGridRow  *row,
             GError                **error)
{
  for (guint i = 0; i < row->cells->len; i++)
    {
      const char *cell = g_ptr_array_index (row->cells, i);

      if (cell != NULL && strlen (cell) > DD_OFFICE_MAX_CELL)
        {
          g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_TOO_LARGE,
                       /* Translators: %u are a row of the table, then a size in megabytes. */
                       _("Row %u: a cell holds more than %u MB of text; the file is refused."),
                       row->line, (guint) (DD_OFFICE_MAX_CELL / (1024 * 1024)));
          return FALSE;
        }
    }
  return TRUE;
}

static void
add_section (DdImportedPlan *plan,
             char           *heading)
{
  DdImportedSection *section = g_new0 (DdImportedSection, 1);

  section->title = heading;
  section->first_task = plan->tasks->len;
  g_ptr_array_add (plan->sections, section);
}

/* The task of @row. (transfer full) */
static DdImportedTask *
read_row (DdImportedPlan         *plan,
          const GridTable        *table,
          const DdImportGridRow  *row,
          guint                   ordinal,
          GError                **error)
{
  const char *cells[N_COLUMNS] = { NULL };
  g_autofree char *number = NULL;
  g_autofree char *lead = NULL;
  g_autofree char *coordinators = NULL;
  char *heading;

  for (guint j = 0; j < N_COLUMNS; j++)
    cells[j] = cell_at (row, table->columns[j]);

  heading = section_heading (cells);
  if (heading != NULL)
    {
      add_section (plan, heading);
      return NULL;
    }

  if (cells[COL_NUMBER] == NULL || _dd_import_is_blank (cells[COL_NUMBER]))
    {
      cells[COL_NUMBER] = number = g_strdup_printf ("%u.", ordinal);
      /* Only a table with a TT column lacks one here: say so. */
      if (table->columns[COL_NUMBER] >= 0)
        g_ptr_array_add (plan->warnings,
                         /* Translators: a row of the table, then the number it was given. */
                         g_strdup_printf (_("Row %u: the task has no number (TT); it is numbered “%s”."),
                                          row->line, number));
    }
  cells[COL_LEAD] = lead = strip_list_marks (cells[COL_LEAD]);
  cells[COL_COORDINATORS] = coordinators = strip_list_marks (cells[COL_COORDINATORS]);
  if (lead == NULL || _dd_import_is_blank (lead))
    g_ptr_array_add (plan->warnings,
                     /* Translators: a row of the table, then the task's number. */
                     g_strdup_printf (_("Row %u: task %s has no lead unit (Chủ trì)."),
                                      row->line, cells[COL_NUMBER]));
  return _dd_import_build_task (row->line, cells, table->names, error);
}

/* Shared with the readers */

void
_dd_import_grid_row_free (gpointer data)
{
  DdImportGridRow *row = data;

  if (row == NULL)
    return;
  g_ptr_array_unref (row->cells);
  g_free (row);
}

int
_dd_import_grid_find_header (GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      int columns[N_COLUMNS];

      if (map_row (g_ptr_array_index (rows, i), columns) >= 2 && columns[COL_TITLE] >= 0)
        return (int) i;
    }
  return -1;
}

gboolean
_dd_import_grid_has_header (GPtrArray *rows)
{
  return _dd_import_grid_find_header (rows) >= 0;
}

gboolean
_dd_import_read_grid (DdImportedPlan  *plan,
                      GPtrArray       *rows,
                      GError         **error)
{
  GridTable table;
  guint first = G_MAXUINT, ordinal = 0;

  if (rows->len > DD_OFFICE_MAX_ROWS)
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_TOO_LARGE,
                   _("The table has %u rows, more than the %u a plan’s table may have; the file is refused."),
                   rows->len, (guint) DD_OFFICE_MAX_ROWS);
      return FALSE;
    }
  for (guint i = 0; i < rows->len && first == G_MAXUINT; i++)
    {
      int columns[N_COLUMNS];

      if (map_row (g_ptr_array_index (rows, i), columns) >= 2 && columns[COL_TITLE] >= 0)
        first = map_table (rows, i, &table);
    }
  if (first == G_MAXUINT)
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_FORMAT,
                   _("No table of tasks found: the plan needs a table whose header row names the "
                     "appendix’s columns (TT, Nhiệm vụ, Chủ trì, Phối hợp, Thời gian, Sản phẩm, "
                     "Trách nhiệm chỉ đạo)."));
      return FALSE;
    }

  for (guint i = first; i < rows->len; i++)
    {
      const DdImportGridRow *row = g_ptr_array_index (rows, i);
      DdImportedTask *task;
      guint n_sections = plan->sections->len;

      if (!check_cells (row, error))
        return FALSE;
      if (row_is_blank (row) || is_header_row (row) || is_column_numbers (row))
        continue;
      task = read_row (plan, &table, row, ordinal + 1, error);
      if (task == NULL && plan->sections->len > n_sections)
        continue;
      if (task == NULL)
        return FALSE;
      ordinal++;
      g_ptr_array_add (plan->tasks, task);
    }
  if (plan->tasks->len == 0)
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_EMPTY,
                   _("The table of tasks (header on row %u) has no task."), table.header_line);
      return FALSE;
    }
  return TRUE;
}
