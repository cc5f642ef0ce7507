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

/* An Excel date kept as its serial number ("46203": days since
 * 30/12/1899) in "Thời gian": the date as a plan writes it, "30/6/2026",
 * or NULL when @cell is not such a number (from 1/1/2000 to 31/12/2099). */
static char *
dup_serial_date (const char *cell)
{
  static GRegex *regex = NULL;
  g_autofree char *clean = _dd_import_clean_cell (cell);
  GDate date;
  guint64 serial;

  if (clean == NULL || !g_regex_match (_dd_import_regex (&regex, "^\\d{5}(?:\\.\\d+)?$"), clean, 0, NULL))
    return NULL;
  serial = g_ascii_strtoull (clean, NULL, 10);
  if (serial < 36526 || serial > 73050)
    return NULL;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 30, G_DATE_DECEMBER, 1899);
  g_date_add_days (&date, (guint) serial);
  return g_strdup_printf ("%u/%u/%u", g_date_get_day (&date), g_date_get_month (&date),
                          g_date_get_year (&date));
}

/* Controls and noncharacters removed from the cells of @row, as the text
 * reader removes them from its file; counted in the plan. */
static void
remove_forbidden (DdImportedPlan        *plan,
                  const DdImportGridRow *row)
{
  for (guint i = 0; i < row->cells->len; i++)
    {
      char *cell = g_ptr_array_index (row->cells, i);
      guint n;

      if (cell == NULL)
        continue;
      n = dd_text_remove_forbidden (cell, NULL);
      if (n > 0 && plan->n_removed_chars == 0)
        plan->removed_line = row->line;
      plan->n_removed_chars += n;
    }
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
          gboolean               *out_skipped,
          GError                **error)
{
  const char *cells[N_COLUMNS] = { NULL };
  g_autofree char *number = NULL;
  g_autofree char *serial = NULL;
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
  if (cells[COL_TITLE] == NULL || _dd_import_is_blank (cells[COL_TITLE]))
    {
      g_ptr_array_add (plan->warnings,
                       /* Translators: a row of the table, then the task's number. */
                       g_strdup_printf (_("Row %u: task %s has no title (Nhiệm vụ); the row is left out."),
                                        row->line, cells[COL_NUMBER]));
      *out_skipped = TRUE;
      return NULL;
    }
  serial = dup_serial_date (cells[COL_DEADLINE]);
  if (serial != NULL)
    {
      g_autofree char *stored = _dd_import_clean_cell (cells[COL_DEADLINE]);

      g_ptr_array_add (plan->warnings,
                       /* Translators: a row of the table, the number Excel kept, the date it stands for. */
                       g_strdup_printf (_("Row %u: the deadline is a date kept by Excel as the number %s; "
                                          "it is read as %s."),
                                        row->line, stored, serial));
      cells[COL_DEADLINE] = serial;
    }
  cells[COL_LEAD] = lead = strip_list_marks (cells[COL_LEAD]);
  /* coordinators owns the text, to free it at the end (g_autofree). */
  /* NOLINTNEXTLINE(clang-analyzer-deadcode.DeadStores) */
  cells[COL_COORDINATORS] = coordinators = strip_list_marks (cells[COL_COORDINATORS]);
  if (lead == NULL || _dd_import_is_blank (lead))
    g_ptr_array_add (plan->warnings,
                     /* Translators: a row of the table, then the task's number. */
                     g_strdup_printf (_("Row %u: task %s has no lead unit (Chủ trì)."),
                                      row->line, cells[COL_NUMBER]));
  return _dd_import_build_task (row->line, TRUE, cells, table->names, error);
}

/* The header's cells that name no column of the appendix: ignored, and
 * said so. */
static void
warn_unknown_columns (DdImportedPlan        *plan,
                      const GridTable       *table,
                      const DdImportGridRow *header)
{
  for (guint i = 0; i < header->cells->len && i < DD_OFFICE_MAX_COLUMNS; i++)
    {
      g_autofree char *name = _dd_import_clean_cell (g_ptr_array_index (header->cells, i));
      gboolean used = FALSE;

      for (guint j = 0; j < N_COLUMNS && !used; j++)
        used = table->columns[j] == (int) i;
      if (name == NULL || used)
        continue;
      g_ptr_array_add (plan->warnings,
                       /* Translators: a column's name in the file, then the header's row. */
                       g_strdup_printf (_("Column “%s” (row %u) is not one of the appendix’s columns: "
                                          "it is ignored."), name, header->line));
    }
}

/* A number (TT) given to two tasks, a due date before the plan's own. */
static void
check_tasks (DdImportedPlan *plan)
{
  g_autoptr(GHashTable) numbers = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < plan->tasks->len; i++)
    {
      const DdImportedTask *task = g_ptr_array_index (plan->tasks, i);
      const DdImportedTask *first = task->number != NULL ? g_hash_table_lookup (numbers, task->number) : NULL;

      if (first != NULL)
        g_ptr_array_add (plan->warnings,
                         /* Translators: a row, the task's number, the row that has it first. */
                         g_strdup_printf (_("Row %u: the number %s is already the number of the task on "
                                            "row %u."), task->line, task->number, first->line));
      else if (task->number != NULL)
        g_hash_table_insert (numbers, task->number, (gpointer) task);

      if (task->deadline.kind == DD_DEADLINE_DATE && g_date_valid (&task->deadline.due) &&
          g_date_valid (&plan->issued_on) && g_date_compare (&task->deadline.due, &plan->issued_on) < 0)
        {
          g_autofree char *due = dd_date_to_dmy (&task->deadline.due);
          g_autofree char *issued = dd_date_to_dmy (&plan->issued_on);

          g_ptr_array_add (plan->warnings,
                           /* Translators: a row, the task's number, its due date, the plan's date. */
                           g_strdup_printf (_("Row %u: task %s is due on %s, before the plan’s date (%s)."),
                                            task->line, task->number != NULL ? task->number : "",
                                            due, issued));
        }
    }
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

void
_dd_import_remove_forbidden_lines (DdImportedPlan  *plan,
                                   char           **lines)
{
  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    {
      guint n = dd_text_remove_forbidden (lines[i], NULL);

      if (n > 0 && plan->n_removed_chars == 0)
        plan->removed_line = i + 1;
      plan->n_removed_chars += n;
    }
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

  /* The shared rules' messages name rows of the table, not lines. */
  plan->table_rows = TRUE;
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
        {
          first = map_table (rows, i, &table);
          warn_unknown_columns (plan, &table, g_ptr_array_index (rows, i));
        }
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
      gboolean skipped = FALSE;

      if (!check_cells (row, error))
        return FALSE;
      remove_forbidden (plan, row);
      if (row_is_blank (row) || is_header_row (row) || is_column_numbers (row))
        continue;
      task = read_row (plan, &table, row, ordinal + 1, &skipped, error);
      if (task == NULL && (skipped || plan->sections->len > n_sections))
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
  check_tasks (plan);
  return TRUE;
}
