/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-importer"

#include "config.h"

#include <string.h>
#include <stdlib.h>
#include <glib/gi18n-lib.h>

#include "dd-importer-office.h"

/*
 * The plan document from Word (DD_IMPORT_FORMAT_DOCX): word/document.xml.
 *
 * The body is a list of paragraphs and tables. The appendix is the first
 * table whose header row names the appendix's columns, after a paragraph
 * "Phụ lục", "PHÂN CÔNG NHIỆM VỤ" or "DANH MỤC NHIỆM VỤ" when there is
 * one; the tables after it with the same header (a table split across
 * pages, its header repeated) continue it. The paragraphs above it — and
 * the cells of the layout tables that hold the issuer, the number and the
 * date in an official document — are read as the text reader reads the
 * plan's body (dd-importer-text.c).
 *
 * The text is the accepted text of tracked changes: insertions (w:ins)
 * are kept, deletions (w:del) dropped. A cell's paragraphs and line
 * breaks are lines; a numbered paragraph gets its number ("1.", "a)") as
 * Word would show it, a bulleted one a "-". A vertically merged cell
 * (w:vMerge) gives its text to each row it covers; a horizontally merged
 * one (w:gridSpan) fills its first column.
 */

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_STRICT_NS "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define MAX_LEVELS 9

/* A list level of word/numbering.xml. */
typedef struct
{
  char *format;     /* "decimal", "lowerLetter", "bullet", … */
  char *text;       /* "%1.", "%1.%2)" */
  guint start;
} Level;

typedef struct
{
  Level levels[MAX_LEVELS];
} AbstractNum;

typedef struct
{
  GHashTable *nums;       /* numId (string) → AbstractNum* (borrowed) */
  GHashTable *abstracts;  /* abstractNumId → AbstractNum* */
  GHashTable *counters;   /* numId → guint[MAX_LEVELS] */
} Numbering;

/* A block of the body: a paragraph's text, or a table's rows. */
typedef struct
{
  char *text;             /* a paragraph */
  GPtrArray *rows;        /* a table: of DdImportGridRow* */
} Block;

/* Auxiliary methods */

static gboolean
is_w (const xmlNode *node,
      const char    *name)
{
  return _dd_office_is (node, W_NS, name) || _dd_office_is (node, W_STRICT_NS, name);
}

static char *
dup_w_val (const xmlNode *node)
{
  char *value = _dd_office_dup_prop (node, W_NS, "val");

  return value != NULL ? value : _dd_office_dup_prop (node, W_STRICT_NS, "val");
}

static const xmlNode *
find_child (const xmlNode *node,
            const char    *name)
{
  for (const xmlNode *child = node != NULL ? node->children : NULL; child != NULL; child = child->next)
    if (is_w (child, name))
      return child;
  return NULL;
}

static guint
child_uint (const xmlNode *node,
            const char    *name,
            guint          fallback)
{
  const xmlNode *child = find_child (node, name);
  g_autofree char *value = child != NULL ? dup_w_val (child) : NULL;

  return value != NULL ? (guint) strtoul (value, NULL, 10) : fallback;
}

static void
abstract_num_free (gpointer data)
{
  AbstractNum *abstract = data;

  for (guint i = 0; i < MAX_LEVELS; i++)
    {
      g_free (abstract->levels[i].format);
      g_free (abstract->levels[i].text);
    }
  g_free (abstract);
}

static void
numbering_clear (Numbering *numbering)
{
  g_clear_pointer (&numbering->nums, g_hash_table_unref);
  g_clear_pointer (&numbering->abstracts, g_hash_table_unref);
  g_clear_pointer (&numbering->counters, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Numbering, numbering_clear)

static AbstractNum *
read_abstract_num (const xmlNode *node)
{
  AbstractNum *abstract = g_new0 (AbstractNum, 1);

  for (const xmlNode *lvl = node->children; lvl != NULL; lvl = lvl->next)
    {
      g_autofree char *ilvl = NULL;
      const xmlNode *child;
      guint i;

      if (!is_w (lvl, "lvl"))
        continue;
      ilvl = _dd_office_dup_prop (lvl, W_NS, "ilvl");
      i = ilvl != NULL ? (guint) strtoul (ilvl, NULL, 10) : 0;
      if (i >= MAX_LEVELS || abstract->levels[i].format != NULL)
        continue;
      child = find_child (lvl, "numFmt");
      abstract->levels[i].format = child != NULL ? dup_w_val (child) : g_strdup ("decimal");
      child = find_child (lvl, "lvlText");
      abstract->levels[i].text = child != NULL ? dup_w_val (child) : NULL;
      abstract->levels[i].start = child_uint (lvl, "start", 1);
    }
  return abstract;
}

/* word/numbering.xml, when the document has lists. */
static gboolean
read_numbering (GHashTable  *parts,
                Numbering   *numbering,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  xmlDoc *doc = _dd_office_parse_part (parts, "word/numbering.xml", FALSE, &local_error);
  xmlNode *root;

  numbering->abstracts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, abstract_num_free);
  numbering->nums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  numbering->counters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (doc == NULL)
    return TRUE;

  root = xmlDocGetRootElement (doc);
  for (const xmlNode *node = root != NULL ? root->children : NULL; node != NULL; node = node->next)
    {
      if (is_w (node, "abstractNum"))
        {
          char *id = _dd_office_dup_prop (node, W_NS, "abstractNumId");

          if (id != NULL)
            g_hash_table_replace (numbering->abstracts, id, read_abstract_num (node));
        }
    }
  for (const xmlNode *node = root != NULL ? root->children : NULL; node != NULL; node = node->next)
    {
      const xmlNode *child;
      g_autofree char *abstract_id = NULL;
      AbstractNum *abstract;

      if (!is_w (node, "num") || (child = find_child (node, "abstractNumId")) == NULL)
        continue;
      abstract_id = dup_w_val (child);
      abstract = abstract_id != NULL ? g_hash_table_lookup (numbering->abstracts, abstract_id) : NULL;
      if (abstract != NULL)
        g_hash_table_replace (numbering->nums, _dd_office_dup_prop (node, W_NS, "numId"), abstract);
    }
  xmlFreeDoc (doc);
  return TRUE;
}

static void
append_number (GString    *out,
               const char *format,
               guint       n)
{
  static const char * const romans[] = { "m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i" };
  static const guint values[] = { 1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1 };
  gsize start = out->len;

  if (g_strcmp0 (format, "lowerLetter") == 0 || g_strcmp0 (format, "upperLetter") == 0)
    g_string_append_c (out, (char) ('a' + (n - 1) % 26));
  else if (g_strcmp0 (format, "lowerRoman") == 0 || g_strcmp0 (format, "upperRoman") == 0)
    for (guint i = 0; i < G_N_ELEMENTS (values) && n > 0 && n < 4000; i++)
      while (n >= values[i])
        {
          g_string_append (out, romans[i]);
          n -= values[i];
        }
  else
    g_string_append_printf (out, "%u", n);
  if (g_str_has_prefix (format != NULL ? format : "", "upper"))
    for (gsize i = start; i < out->len; i++)
      out->str[i] = g_ascii_toupper (out->str[i]);
}

/* The number Word shows before a paragraph of list @num_id at @level:
 * "1.", "a)", "-" for a bullet; NULL for none. (transfer full) */
static char *
next_list_mark (Numbering  *numbering,
                const char *num_id,
                guint       level)
{
  AbstractNum *abstract = g_hash_table_lookup (numbering->nums, num_id);
  guint *counters;
  GString *out;

  if (abstract == NULL || level >= MAX_LEVELS)
    return NULL;
  if (g_strcmp0 (abstract->levels[level].format, "bullet") == 0)
    return g_strdup ("-");
  if (g_strcmp0 (abstract->levels[level].format, "none") == 0)
    return NULL;

  counters = g_hash_table_lookup (numbering->counters, num_id);
  if (counters == NULL)
    {
      counters = g_new0 (guint, MAX_LEVELS);
      g_hash_table_insert (numbering->counters, g_strdup (num_id), counters);
    }
  counters[level] = counters[level] == 0 ? MAX (abstract->levels[level].start, 1) : counters[level] + 1;
  for (guint i = level + 1; i < MAX_LEVELS; i++)
    counters[i] = 0;

  out = g_string_new (NULL);
  for (const char *p = abstract->levels[level].text != NULL ? abstract->levels[level].text : "%1.";
       *p != '\0'; p++)
    {
      if (p[0] == '%' && p[1] >= '1' && p[1] <= '9')
        {
          guint i = (guint) (p[1] - '1');

          append_number (out, abstract->levels[i].format, MAX (counters[i], 1));
          p++;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The accepted text of @node's runs into @out: w:ins kept, w:del and
 * moved-away text dropped. Stops growing past the cell limit. */
static void
append_runs (const xmlNode *node,
             GString       *out)
{
  for (const xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE || out->len > DD_OFFICE_MAX_CELL)
        continue;
      if (is_w (child, "t"))
        {
          xmlChar *text = xmlNodeGetContent (child);

          g_string_append (out, (const char *) text);
          xmlFree (text);
        }
      else if (is_w (child, "tab"))
        g_string_append_c (out, ' ');
      else if (is_w (child, "br") || is_w (child, "cr"))
        g_string_append_c (out, '\n');
      else if (is_w (child, "noBreakHyphen"))
        g_string_append_c (out, '-');
      else if (is_w (child, "del") || is_w (child, "moveFrom") || is_w (child, "delText") ||
               is_w (child, "instrText") || is_w (child, "pPr") || is_w (child, "rPr") ||
               is_w (child, "footnoteReference") || is_w (child, "commentReference"))
        continue;
      else
        /* w:r, w:ins, w:moveTo, w:hyperlink, w:smartTag, w:sdt, w:fldSimple… */
        append_runs (child, out);
    }
}

/* A paragraph's text, after its list number if it has one. (transfer full) */
static char *
paragraph_text (const xmlNode *paragraph,
                Numbering     *numbering)
{
  const xmlNode *num_pr = find_child (find_child (paragraph, "pPr"), "numPr");
  GString *out = g_string_new (NULL);
  g_autofree char *mark = NULL;

  append_runs (paragraph, out);
  if (num_pr != NULL)
    {
      const xmlNode *num_id = find_child (num_pr, "numId");
      g_autofree char *id = num_id != NULL ? dup_w_val (num_id) : NULL;

      if (id != NULL && !g_str_equal (id, "0"))
        mark = next_list_mark (numbering, id, child_uint (num_pr, "ilvl", 0));
    }
  if (mark != NULL)
    {
      if (!_dd_import_is_blank (out->str))
        g_string_prepend_c (out, ' ');
      g_string_prepend (out, mark);
    }
  return g_string_free (out, FALSE);
}

/* The paragraphs of @node (a cell, a content control), one a line, into
 * @lines; those of a table nested in it too. */
static void
collect_paragraphs (const xmlNode *node,
                    Numbering     *numbering,
                    GPtrArray     *lines)
{
  for (const xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (is_w (child, "p"))
        g_ptr_array_add (lines, paragraph_text (child, numbering));
      else if (is_w (child, "tbl") || is_w (child, "tr") || is_w (child, "tc") ||
               is_w (child, "sdt") || is_w (child, "sdtContent") || is_w (child, "customXml"))
        collect_paragraphs (child, numbering, lines);
    }
}

static char *
cell_text (const xmlNode *cell,
           Numbering     *numbering)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;

  collect_paragraphs (cell, numbering, lines);
  g_ptr_array_add (lines, NULL);
  text = g_strjoinv ("\n", (char **) lines->pdata);
  if (_dd_import_is_blank (text))
    return NULL;
  return g_steal_pointer (&text);
}

/* The cells of a row (w:tc, or inside a content control). */
static void
collect_cells (const xmlNode *node,
               GPtrArray     *cells)
{
  for (const xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (is_w (child, "tc"))
        g_ptr_array_add (cells, (gpointer) child);
      else if (is_w (child, "sdt") || is_w (child, "sdtContent") || is_w (child, "customXml"))
        collect_cells (child, cells);
    }
}

/* One row: its cells on the table's grid; @above holds the text of the
 * vertically merged cell each column is in. */
static DdImportGridRow *
read_row (const xmlNode  *tr,
          Numbering      *numbering,
          GPtrArray      *above)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  DdImportGridRow *row = g_new0 (DdImportGridRow, 1);
  guint column = child_uint (find_child (tr, "trPr"), "gridBefore", 0);

  row->cells = g_ptr_array_new_with_free_func (g_free);
  collect_cells (tr, cells);
  for (guint i = 0; i < cells->len && column < DD_OFFICE_MAX_COLUMNS; i++)
    {
      const xmlNode *tc = g_ptr_array_index (cells, i);
      const xmlNode *tc_pr = find_child (tc, "tcPr");
      const xmlNode *v_merge = find_child (tc_pr, "vMerge");
      guint span = CLAMP (child_uint (tc_pr, "gridSpan", 1), 1, DD_OFFICE_MAX_COLUMNS);
      g_autofree char *merge = v_merge != NULL ? dup_w_val (v_merge) : NULL;
      char *text;

      while (above->len <= column)
        g_ptr_array_add (above, NULL);
      if (v_merge != NULL && g_strcmp0 (merge, "restart") != 0)
        text = g_strdup (g_ptr_array_index (above, column));
      else
        {
          text = cell_text (tc, numbering);
          g_free (g_ptr_array_index (above, column));
          above->pdata[column] = v_merge != NULL ? g_strdup (text) : NULL;
        }
      while (row->cells->len <= column)
        g_ptr_array_add (row->cells, NULL);
      row->cells->pdata[column] = text;
      column += span;
    }
  return row;
}

static GPtrArray *
read_table (const xmlNode *tbl,
            Numbering     *numbering)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (_dd_import_grid_row_free);
  g_autoptr(GPtrArray) above = g_ptr_array_new_with_free_func (g_free);

  for (const xmlNode *child = tbl->children; child != NULL; child = child->next)
    {
      if (!is_w (child, "tr"))
        continue;
      /* Past the limit the grid reader refuses the table: one row more
       * is enough to say so. */
      if (rows->len > DD_OFFICE_MAX_ROWS)
        break;
      g_ptr_array_add (rows, read_row (child, numbering, above));
    }
  return rows;
}

static void
block_free (gpointer data)
{
  Block *block = data;

  g_free (block->text);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block);
}

/* The body's paragraphs and tables, in order, into @blocks. */
static void
collect_blocks (const xmlNode *node,
                Numbering     *numbering,
                GPtrArray     *blocks)
{
  for (const xmlNode *child = node->children; child != NULL; child = child->next)
    {
      Block *block;

      if (is_w (child, "sdt") || is_w (child, "sdtContent") || is_w (child, "customXml"))
        {
          collect_blocks (child, numbering, blocks);
          continue;
        }
      if (!is_w (child, "p") && !is_w (child, "tbl"))
        continue;
      block = g_new0 (Block, 1);
      if (is_w (child, "p"))
        block->text = paragraph_text (child, numbering);
      else
        block->rows = read_table (child, numbering);
      g_ptr_array_add (blocks, block);
    }
}

/* "Phụ lục", "PHÂN CÔNG NHIỆM VỤ", "DANH MỤC NHIỆM VỤ": the title above the
 * appendix table. */
static gboolean
is_appendix_title (const char *text)
{
  g_autofree char *folded = _dd_import_fold_key (text);

  return _dd_import_has_word_prefix (folded, "phu luc") ||
         strstr (folded, "phan cong nhiem vu") != NULL ||
         strstr (folded, "danh muc nhiem vu") != NULL ||
         strstr (folded, "danh muc cac nhiem vu") != NULL;
}

/* The appendix: the first table with the appendix's header after its
 * title, else the first with that header at all; -1 when none. */
static int
find_appendix_table (GPtrArray *blocks)
{
  gboolean titled = FALSE;
  int first = -1;

  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = g_ptr_array_index (blocks, i);

      if (block->text != NULL && is_appendix_title (block->text))
        titled = TRUE;
      else if (block->rows != NULL && _dd_import_grid_has_header (block->rows))
        {
          if (titled)
            return (int) i;
          if (first < 0)
            first = (int) i;
        }
    }
  return first;
}

/* The number of grid columns a table uses. */
static guint
table_width (GPtrArray *rows)
{
  guint width = 0;

  for (guint i = 0; i < rows->len; i++)
    width = MAX (width, ((DdImportGridRow *) g_ptr_array_index (rows, i))->cells->len);
  return width;
}

/* The appendix's rows: its table and the tables continuing it, numbered
 * from 1 across them. (transfer full) */
static GPtrArray *
take_appendix_rows (GPtrArray *blocks,
                    int        appendix)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (_dd_import_grid_row_free);
  Block *first = g_ptr_array_index (blocks, appendix);
  guint width = table_width (first->rows);

  for (guint i = (guint) appendix; i < blocks->len && rows->len <= DD_OFFICE_MAX_ROWS; i++)
    {
      Block *block = g_ptr_array_index (blocks, i);

      if (block->rows == NULL || block->rows->len == 0)
        continue;
      /* A table of another kind below the appendix (the signatures): the
       * appendix has ended. */
      if (i > (guint) appendix && !_dd_import_grid_has_header (block->rows) && table_width (block->rows) != width)
        break;
      for (guint j = 0; j < block->rows->len; j++)
        {
          DdImportGridRow *row = g_ptr_array_steal_index (block->rows, j--);

          row->line = rows->len + 1;
          g_ptr_array_add (rows, row);
        }
    }
  return rows;
}

/* The lines above the appendix: paragraphs, and the cells of the layout
 * tables (issuer and number on the left, place and date on the right).
 * (transfer full) */
static char **
dup_head_lines (GPtrArray *blocks,
                int        appendix)
{
  GPtrArray *lines = g_ptr_array_new ();

  for (guint i = 0; i < (guint) appendix; i++)
    {
      Block *block = g_ptr_array_index (blocks, i);

      if (block->text != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (block->text, "\n", -1);

          for (guint k = 0; parts[k] != NULL; k++)
            g_ptr_array_add (lines, g_strdup (parts[k]));
          continue;
        }
      for (guint j = 0; j < block->rows->len; j++)
        {
          DdImportGridRow *row = g_ptr_array_index (block->rows, j);

          for (guint k = 0; k < row->cells->len; k++)
            {
              const char *cell = g_ptr_array_index (row->cells, k);
              g_auto(GStrv) parts = g_strsplit (cell != NULL ? cell : "", "\n", -1);

              for (guint l = 0; parts[l] != NULL; l++)
                g_ptr_array_add (lines, g_strdup (parts[l]));
            }
        }
    }
  g_ptr_array_add (lines, NULL);
  return (char **) g_ptr_array_free (lines, FALSE);
}

/* An official document names its issuer on its first line, above "Số:",
 * in capitals ("VĂN PHÒNG UBND TỈNH NGHỆ AN"). */
static void
guess_issuer (DdImportedPlan  *plan,
              char           **lines)
{
  for (guint i = 0; lines[i] != NULL && plan->issuer == NULL; i++)
    {
      g_autofree char *folded = _dd_import_fold_key (lines[i]);
      g_autofree char *upper = g_utf8_strup (lines[i], -1);

      if (*folded == '\0' || g_str_has_prefix (folded, "cong hoa") || g_str_has_prefix (folded, "doc lap"))
        continue;
      if (_dd_import_has_word_prefix (folded, "so") || g_str_equal (folded, "ke hoach"))
        break;
      if (g_str_equal (upper, lines[i]))
        plan->issuer = _dd_import_clean_cell (lines[i]);
    }
}

/* Shared with dd-importer-office.c */

gboolean
_dd_import_parse_docx (DdImportedPlan  *plan,
                       GHashTable      *parts,
                       GError         **error)
{
  g_auto(Numbering) numbering = { NULL, NULL, NULL };
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func (block_free);
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(GStrv) head = NULL;
  xmlDoc *doc;
  const xmlNode *root, *body;
  int appendix;

  if (!read_numbering (parts, &numbering, error))
    return FALSE;
  doc = _dd_office_parse_part (parts, "word/document.xml", TRUE, error);
  if (doc == NULL)
    return FALSE;
  root = xmlDocGetRootElement (doc);
  body = root != NULL ? find_child (root, "body") : NULL;
  if (body != NULL)
    collect_blocks (body, &numbering, blocks);
  xmlFreeDoc (doc);

  appendix = find_appendix_table (blocks);
  if (appendix < 0)
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_FORMAT,
                   _("No table of tasks found in this document: the plan needs a table (under “Phụ lục”, "
                     "“PHÂN CÔNG NHIỆM VỤ” or “DANH MỤC NHIỆM VỤ”) whose header row names the appendix’s "
                     "columns (TT, Nhiệm vụ, Chủ trì, Phối hợp, Thời gian, Sản phẩm, Trách nhiệm chỉ đạo)."));
      return FALSE;
    }

  head = dup_head_lines (blocks, appendix);
  _dd_import_remove_forbidden_lines (plan, head);
  if (!_dd_import_parse_text_head (plan, head, error))
    return FALSE;
  guess_issuer (plan, head);

  rows = take_appendix_rows (blocks, appendix);
  return _dd_import_read_grid (plan, rows, error);
}
