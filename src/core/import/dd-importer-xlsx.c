/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-importer"

#include "config.h"

#include <string.h>
#include <stdlib.h>
#include <glib/gi18n-lib.h>

#include "dd-importer-office.h"

/*
 * A task table from Excel (DD_IMPORT_FORMAT_XLSX): the workbook's first
 * sheet, its cells as shared strings (xl/sharedStrings.xml), inline
 * strings or numbers. A cell merged over several rows (the lead unit
 * written once for three tasks) gives its text to each row; merged over
 * several columns (a section row), it fills its first column. The rows
 * above the header may name the plan ("Kèm theo Kế hoạch số …"); the
 * header and the tasks are read by the rules of dd-importer-grid.c, the
 * row numbers in messages being the sheet's own.
 */

#define S_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define S_STRICT_NS "http://purl.oclc.org/ooxml/spreadsheetml/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define R_STRICT_NS "http://purl.oclc.org/ooxml/officeDocument/relationships"
#define PR_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define MAX_SHEET_ROWS 1048576u

/* Auxiliary methods */

static gboolean
is_s (const xmlNode *node,
      const char    *name)
{
  return _dd_office_is (node, S_NS, name) || _dd_office_is (node, S_STRICT_NS, name);
}

static const xmlNode *
find_child (const xmlNode *node,
            const char    *name)
{
  for (const xmlNode *child = node != NULL ? node->children : NULL; child != NULL; child = child->next)
    if (is_s (child, name))
      return child;
  return NULL;
}

/* The text of the t elements under @node, phonetic runs (rPh) left out. */
static void
append_text (const xmlNode *node,
             GString       *out)
{
  for (const xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE || is_s (child, "rPh") || out->len > DD_OFFICE_MAX_CELL)
        continue;
      if (is_s (child, "t"))
        {
          xmlChar *text = xmlNodeGetContent (child);

          g_string_append (out, (const char *) text);
          xmlFree (text);
        }
      else
        append_text (child, out);
    }
}

static char *
dup_text (const xmlNode *node)
{
  GString *out = g_string_new (NULL);

  append_text (node, out);
  return g_string_free (out, FALSE);
}

/* The path of the sheet named @name (NULL: the first sheet), from the
 * workbook and its relationships; NULL without error when there is no
 * such sheet. */
static char *
dup_sheet_path (GHashTable  *parts,
                const char  *name,
                GError     **error)
{
  xmlDoc *workbook = _dd_office_parse_part (parts, "xl/workbook.xml", TRUE, error);
  g_autoptr(GError) rels_error = NULL;
  xmlDoc *rels;
  const xmlNode *sheet = NULL;
  g_autofree char *rid = NULL;
  char *path = NULL;

  if (workbook == NULL)
    return NULL;
  sheet = find_child (find_child (xmlDocGetRootElement (workbook), "sheets"), "sheet");
  for (; name != NULL && sheet != NULL; sheet = sheet->next)
    {
      g_autofree char *sheet_name = is_s (sheet, "sheet") ? _dd_office_dup_prop (sheet, NULL, "name") : NULL;

      if (g_strcmp0 (sheet_name, name) == 0)
        break;
    }
  if (name != NULL && sheet == NULL)
    {
      xmlFreeDoc (workbook);
      return NULL;
    }
  if (sheet != NULL)
    {
      rid = _dd_office_dup_prop (sheet, R_NS, "id");
      if (rid == NULL)
        rid = _dd_office_dup_prop (sheet, R_STRICT_NS, "id");
    }
  xmlFreeDoc (workbook);

  rels = _dd_office_parse_part (parts, "xl/_rels/workbook.xml.rels", FALSE, &rels_error);
  if (rels_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&rels_error));
      return NULL;
    }
  for (const xmlNode *node = rels != NULL && rid != NULL ? xmlDocGetRootElement (rels)->children : NULL;
       node != NULL && path == NULL; node = node->next)
    {
      g_autofree char *id = NULL;
      g_autofree char *target = NULL;

      if (!_dd_office_is (node, PR_NS, "Relationship"))
        continue;
      id = _dd_office_dup_prop (node, NULL, "Id");
      target = _dd_office_dup_prop (node, NULL, "Target");
      if (g_strcmp0 (id, rid) == 0 && target != NULL)
        path = target[0] == '/' ? g_strdup (target + 1) : g_strconcat ("xl/", target, NULL);
    }
  g_clear_pointer (&rels, xmlFreeDoc);
  if (path == NULL && name != NULL)
    return NULL;
  return path != NULL ? path : g_strdup ("xl/worksheets/sheet1.xml");
}

static GPtrArray *
read_shared_strings (GHashTable  *parts,
                     GError     **error)
{
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  xmlDoc *doc = _dd_office_parse_part (parts, "xl/sharedStrings.xml", FALSE, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      g_ptr_array_unref (strings);
      return NULL;
    }
  for (const xmlNode *si = doc != NULL ? xmlDocGetRootElement (doc)->children : NULL; si != NULL; si = si->next)
    if (is_s (si, "si"))
      g_ptr_array_add (strings, dup_text (si));
  g_clear_pointer (&doc, xmlFreeDoc);
  return strings;
}

/* "AB12" → column 27 (0-based), row 12. FALSE when it is no reference. */
static gboolean
parse_reference (const char *ref,
                 guint      *out_column,
                 guint      *out_row)
{
  guint column = 0;
  const char *p = ref;
  char *end;
  guint64 row;

  for (; g_ascii_isalpha (*p) && p - ref < 4; p++)
    column = column * 26 + (guint) (g_ascii_toupper (*p) - 'A' + 1);
  if (column == 0 || !g_ascii_isdigit (*p))
    return FALSE;
  row = g_ascii_strtoull (p, &end, 10);
  if (row == 0 || row > MAX_SHEET_ROWS)
    return FALSE;
  *out_column = column - 1;
  *out_row = (guint) row;
  return *end == '\0' || *end == ':';
}

/* A cell's text as Excel shows it (numbers as stored). (transfer full) */
static char *
dup_cell_value (const xmlNode *c,
                GPtrArray     *shared)
{
  g_autofree char *type = _dd_office_dup_prop (c, NULL, "t");
  const xmlNode *v = find_child (c, "v");
  xmlChar *content;
  g_autofree char *value = NULL;

  if (g_strcmp0 (type, "inlineStr") == 0)
    return find_child (c, "is") != NULL ? dup_text (find_child (c, "is")) : NULL;
  if (v == NULL || g_strcmp0 (type, "e") == 0)
    return NULL;
  content = xmlNodeGetContent (v);
  value = g_strdup ((const char *) content);
  xmlFree (content);
  if (g_strcmp0 (type, "s") == 0)
    {
      char *end;
      guint64 index = g_ascii_strtoull (value, &end, 10);

      return *end == '\0' && index < shared->len ? g_strdup (g_ptr_array_index (shared, index)) : NULL;
    }
  return g_steal_pointer (&value);
}

static DdImportGridRow *
get_row (GHashTable *rows,
         guint       r)
{
  DdImportGridRow *row = g_hash_table_lookup (rows, GUINT_TO_POINTER (r));

  if (row == NULL)
    {
      row = g_new0 (DdImportGridRow, 1);
      row->line = r;
      row->cells = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (rows, GUINT_TO_POINTER (r), row);
    }
  return row;
}

static void
set_cell (DdImportGridRow *row,
          guint            column,
          char            *text)
{
  while (row->cells->len <= column)
    g_ptr_array_add (row->cells, NULL);
  g_free (row->cells->pdata[column]);
  row->cells->pdata[column] = text;
}

/* The cells of sheetData into @rows (row number → DdImportGridRow). */
static gboolean
read_sheet_data (const xmlNode  *sheet_data,
                 GPtrArray      *shared,
                 GHashTable     *rows,
                 GError        **error)
{
  guint next_row = 1;

  for (const xmlNode *node = sheet_data->children; node != NULL; node = node->next)
    {
      g_autofree char *r_attr = NULL;
      DdImportGridRow *row;
      guint r = next_row, next_column = 0;

      if (!is_s (node, "row"))
        continue;
      r_attr = _dd_office_dup_prop (node, NULL, "r");
      if (r_attr != NULL)
        r = (guint) MIN (g_ascii_strtoull (r_attr, NULL, 10), MAX_SHEET_ROWS);
      next_row = r + 1;
      if (r == 0)
        continue;
      /* One row past the limit is enough for the grid reader to refuse it. */
      if (g_hash_table_size (rows) > DD_OFFICE_MAX_ROWS)
        return TRUE;
      row = get_row (rows, r);
      for (const xmlNode *c = node->children; c != NULL; c = c->next)
        {
          g_autofree char *ref = NULL;
          guint column = next_column, ref_row;

          if (!is_s (c, "c"))
            continue;
          ref = _dd_office_dup_prop (c, NULL, "r");
          if (ref != NULL && !parse_reference (ref, &column, &ref_row))
            column = next_column;
          next_column = column + 1;
          if (column < DD_OFFICE_MAX_COLUMNS)
            set_cell (row, column, dup_cell_value (c, shared));
        }
    }
  (void) error;
  return TRUE;
}

/* A merged range's text down its first column. */
static void
apply_merges (const xmlNode *merge_cells,
              GHashTable    *rows)
{
  for (const xmlNode *node = merge_cells != NULL ? merge_cells->children : NULL; node != NULL; node = node->next)
    {
      g_autofree char *ref = NULL;
      const char *colon;
      guint c0, r0, c1, r1;
      DdImportGridRow *top;
      const char *text;

      if (!is_s (node, "mergeCell") || (ref = _dd_office_dup_prop (node, NULL, "ref")) == NULL ||
          (colon = strchr (ref, ':')) == NULL ||
          !parse_reference (ref, &c0, &r0) || !parse_reference (colon + 1, &c1, &r1) ||
          r1 <= r0 || c0 >= DD_OFFICE_MAX_COLUMNS || r1 - r0 > DD_OFFICE_MAX_ROWS)
        continue;
      top = g_hash_table_lookup (rows, GUINT_TO_POINTER (r0));
      text = top != NULL && c0 < top->cells->len ? g_ptr_array_index (top->cells, c0) : NULL;
      if (text == NULL)
        continue;
      for (guint r = r0 + 1; r <= r1 && g_hash_table_size (rows) <= DD_OFFICE_MAX_ROWS; r++)
        set_cell (get_row (rows, r), c0, g_strdup (text));
    }
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const DdImportGridRow *row_a = *(DdImportGridRow * const *) a;
  const DdImportGridRow *row_b = *(DdImportGridRow * const *) b;

  return row_a->line < row_b->line ? -1 : row_a->line > row_b->line;
}

/* The lines of the rows above the header. (transfer full) */
static char **
dup_head_lines (GPtrArray *rows,
                int        header)
{
  GPtrArray *lines = g_ptr_array_new ();

  for (int i = 0; i < header; i++)
    {
      DdImportGridRow *row = g_ptr_array_index (rows, i);

      for (guint j = 0; j < row->cells->len; j++)
        if (g_ptr_array_index (row->cells, j) != NULL)
          g_ptr_array_add (lines, g_strdup (g_ptr_array_index (row->cells, j)));
    }
  g_ptr_array_add (lines, NULL);
  return (char **) g_ptr_array_free (lines, FALSE);
}

/* The rows of the sheet at @sheet_path, in order. (transfer full) */
static GPtrArray *
read_rows (GHashTable  *parts,
           const char  *sheet_path,
           GError     **error)
{
  g_autoptr(GPtrArray) shared = NULL;
  g_autoptr(GHashTable) by_number = NULL;
  GPtrArray *rows;
  const xmlNode *root;
  xmlDoc *sheet;
  gboolean ok;
  GHashTableIter iter;
  gpointer value;

  if ((shared = read_shared_strings (parts, error)) == NULL)
    return NULL;
  sheet = _dd_office_parse_part (parts, sheet_path, TRUE, error);
  if (sheet == NULL)
    return NULL;

  by_number = g_hash_table_new_full (NULL, NULL, NULL, _dd_import_grid_row_free);
  root = xmlDocGetRootElement (sheet);
  ok = find_child (root, "sheetData") == NULL ||
       read_sheet_data (find_child (root, "sheetData"), shared, by_number, error);
  if (ok)
    apply_merges (find_child (root, "mergeCells"), by_number);
  xmlFreeDoc (sheet);
  if (!ok)
    return NULL;

  rows = g_ptr_array_new_with_free_func (_dd_import_grid_row_free);
  g_hash_table_iter_init (&iter, by_number);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_ptr_array_add (rows, value);
      g_hash_table_iter_steal (&iter);
    }
  g_ptr_array_sort (rows, compare_rows);
  return rows;
}

/* Shared with dd-importer-office.c */

gboolean
_dd_import_parse_xlsx (DdImportedPlan  *plan,
                       GHashTable      *parts,
                       GError         **error)
{
  g_autofree char *sheet_path = dup_sheet_path (parts, NULL, error);
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(GStrv) head = NULL;

  if (sheet_path == NULL || (rows = read_rows (parts, sheet_path, error)) == NULL)
    return FALSE;

  head = dup_head_lines (rows, MAX (_dd_import_grid_find_header (rows), 0));
  _dd_import_remove_forbidden_lines (plan, head);
  if (!_dd_import_parse_text_head (plan, head, error))
    return FALSE;
  return _dd_import_read_grid (plan, rows, error);
}

GPtrArray *
_dd_office_read_xlsx_sheet (const char  *data,
                            gsize        length,
                            const char  *sheet_name,
                            GError     **error)
{
  g_autoptr(GHashTable) parts = _dd_office_read_zip (data, length, error);
  g_autofree char *sheet_path = NULL;
  g_autoptr(GError) local_error = NULL;

  if (parts == NULL)
    return NULL;
  if (!g_hash_table_contains (parts, "xl/workbook.xml"))
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_FORMAT,
                   _("This file is not an Excel workbook (.xlsx)."));
      return NULL;
    }
  sheet_path = dup_sheet_path (parts, sheet_name, &local_error);
  if (sheet_path == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_FORMAT,
                     /* Translators: %s is the name of a sheet of a workbook. */
                     _("This workbook has no sheet “%s”."), sheet_name);
      return NULL;
    }
  return read_rows (parts, sheet_path, error);
}
