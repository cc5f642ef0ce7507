/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-importer"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-importer-office.h"

/*
 * The plan document saved as plain text (DD_IMPORT_FORMAT_TEXT): the
 * title, basis documents and indicators from its body, the tasks from its
 * appendix ("Phụ lục"), a tab-separated table whose header may repeat at
 * each page break.
 */

/* Auxiliary methods */

/*
 * Folds @text character by character, without collapsing spaces, and
 * records for each byte of the result the offset of the character of @text
 * it came from (one more entry for the end). A match on the folded text can
 * then be cut from the original.
 */
static char *
fold_with_map (const char  *text,
               GArray     **out_map)
{
  GString *out = g_string_new (NULL);
  GArray *map = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize end;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize offset = (gsize) (p - text);
      gsize before = out->len;

      if (g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed)) > 0)
        c = decomposed[0];
      if (g_unichar_ismark (c))
        continue;
      if (c == 0x0110 || c == 0x0111)   /* Đ, đ */
        c = 'd';
      if (c == 0x00A0 || c == '\t')
        c = ' ';
      g_string_append_unichar (out, g_unichar_tolower (c));
      for (gsize i = before; i < out->len; i++)
        g_array_append_val (map, offset);
    }
  end = strlen (text);
  g_array_append_val (map, end);

  *out_map = map;
  return g_string_free (out, FALSE);
}

/* The original text of the folded bytes [@start, @end). */
static char *
cut_original (const char *text,
              GArray     *map,
              int         start,
              int         end)
{
  gsize from = g_array_index (map, gsize, start);
  gsize to = g_array_index (map, gsize, end);

  return g_strndup (text + from, to - from);
}

/* Group @group of @match, as written in @text. NULL when it did not match. */
static char *
fetch_original (GMatchInfo *match,
                int         group,
                const char *text,
                GArray     *map)
{
  int start = -1, end = -1;

  if (!g_match_info_fetch_pos (match, group, &start, &end) || start < 0)
    return NULL;
  return cut_original (text, map, start, end);
}

static char *
join_names (const char * const *names)
{
  return g_strjoinv (", ", (char **) names);
}

/* "(Kèm theo Kế hoạch số 662 /KH-VPUB ngày 28 tháng 4 năm 2026 của Văn
 * phòng …)" and "Số: 662/KH-VPUB": the plan's number, and from the first
 * also its date and issuer. */
static gboolean
read_plan_reference (DdImportedPlan  *plan,
                     guint            line,
                     const char      *text,
                     GError         **error)
{
  static GRegex *regex = NULL;
  g_autoptr(GArray) map = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *folded = fold_with_map (text, &map);
  int date_end = -1;

  if (!g_regex_match (_dd_import_regex (&regex,
                                        "\\bso\\s*:?\\s*(\\d[\\w.-]*(?:\\s*/\\s*[\\w.-]+)+)"
                                        "(?:\\s*,?\\s+ngay\\s+(?:(\\d{1,2})\\s*[/.-]\\s*(\\d{1,2})\\s*[/.-]\\s*(\\d{4})"
                                        "|(\\d{1,2})\\s+thang\\s+(\\d{1,2})\\s+nam\\s+(\\d{4})))?"),
                      folded, 0, &match))
    return TRUE;

  if (plan->number == NULL)
    {
      g_autofree char *number = fetch_original (match, 1, text, map);

      plan->number = _dd_import_clean_document_number (number);
    }

  if (!g_date_valid (&plan->issued_on))
    {
      guint day = _dd_import_fetch_uint (match, 2), month = _dd_import_fetch_uint (match, 3), year = _dd_import_fetch_uint (match, 4);

      if (year == 0)
        {
          day = _dd_import_fetch_uint (match, 5);
          month = _dd_import_fetch_uint (match, 6);
          year = _dd_import_fetch_uint (match, 7);
        }
      if (year != 0)
        {
          g_autofree char *what = NULL;
          int start, end;

          g_match_info_fetch_pos (match, 0, &start, &end);
          what = cut_original (text, map, start, end);
          if (!_dd_import_set_plan_date (plan, line, day, month, year, what, error))
            return FALSE;
        }
    }

  g_match_info_fetch_pos (match, 0, NULL, &date_end);
  if (plan->issuer == NULL && date_end >= 0)
    {
      static GRegex *issuer_re = NULL;
      g_autoptr(GMatchInfo) issuer_match = NULL;

      if (g_regex_match (_dd_import_regex (&issuer_re, "^\\s+cua\\s+(.+)$"), folded + date_end, 0, &issuer_match))
        {
          int start, end;
          g_autofree char *issuer = NULL;

          g_match_info_fetch_pos (issuer_match, 1, &start, &end);
          issuer = cut_original (text, map, date_end + start, date_end + end);
          _dd_import_strip_trailing (issuer, ").;,");
          plan->issuer = _dd_import_clean_cell (issuer);
        }
    }
  return TRUE;
}

/* The documents a plan implements, from its "Thực hiện …" / "Căn cứ …"
 * paragraphs: each "Chỉ thị số 15-CT/TU ngày 19/3/2026", once. */
static void
read_basis (GPtrArray  *basis,
            GHashTable *seen,
            const char *text)
{
  static GRegex *regex = NULL;
  g_autoptr(GArray) map = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *folded = fold_with_map (text, &map);

  g_regex_match (_dd_import_regex (&regex,
                                   "\\b(chi thi|ke hoach|quyet dinh|nghi quyet|nghi dinh|thong tu|cong van|"
                                   "thong bao|luat)\\s+so\\s*:?\\s*(\\d[\\w.-]*(?:\\s*/\\s*[\\w.-]+)*)"
                                   "(?:\\s*,?\\s+ngay\\s+(?:\\d{1,2}\\s*[/.-]\\s*\\d{1,2}\\s*[/.-]\\s*\\d{4}"
                                   "|\\d{1,2}\\s+thang\\s+\\d{1,2}\\s+nam\\s+\\d{4})(?!\\d))?"),
                 folded, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *kind = g_match_info_fetch (match, 1);
      g_autofree char *number = g_match_info_fetch (match, 2);
      g_autofree char *clean_number = _dd_import_clean_document_number (number);
      char *key = g_strconcat (kind, " ", clean_number, NULL);

      /* One document quoted twice ("19/3/2026", then "19/03/2026") is one
       * basis: it is known by its kind and number. */
      if (g_hash_table_add (seen, key))
        {
          g_autofree char *whole = fetch_original (match, 0, text, map);
          char *clean = dd_text_normalize_space (whole);

          _dd_import_strip_trailing (clean, ".,;:");
          g_ptr_array_add (basis, clean);
        }
      g_match_info_next (match, NULL);
    }
}

/* "- 100% văn bản … ký số theo quy định;" → an indicator with target 100. */
static DdImportedIndicator *
read_indicator (const char *bullet)
{
  static GRegex *regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  DdImportedIndicator *indicator;
  char *title = dd_text_normalize_space (bullet);

  _dd_import_strip_trailing (title, ".;,");
  if (*title == '\0')
    {
      g_free (title);
      return NULL;
    }

  indicator = g_new0 (DdImportedIndicator, 1);
  indicator->title = title;
  indicator->target = 100.0;
  if (g_regex_match (_dd_import_regex (&regex, "^(\\d+(?:[.,]\\d+)?)\\s*%"), title, 0, &match))
    {
      g_autofree char *number = g_match_info_fetch (match, 1);

      g_strdelimit (number, ",", '.');
      indicator->target = g_ascii_strtod (number, NULL);
    }
  return indicator;
}

/* A list item: "- …", "– …", "• …", "+ …". Returns the text after the mark. */
static const char *
bullet_text (const char *line)
{
  static const char * const marks[] = { "-", "–", "—", "•", "+", "*", NULL };

  while (g_ascii_isspace (*line))
    line++;
  for (guint i = 0; marks[i] != NULL; i++)
    if (g_str_has_prefix (line, marks[i]))
      return line + strlen (marks[i]);
  return NULL;
}

static gboolean
is_roman_heading (const char *folded)
{
  static GRegex *regex = NULL;

  return g_regex_match (_dd_import_regex (&regex, "^(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)\\.\\s"),
                        folded, 0, NULL);
}

/* A task number as plans write it: "1", "1.", "1.2", "I.", "a)". */
static gboolean
is_task_number (const char *cell)
{
  static GRegex *regex = NULL;
  g_autofree char *folded = _dd_import_fold_key (cell);

  return g_regex_match (_dd_import_regex (&regex, "^(?:\\d{1,3}(?:\\.\\d{1,3})*|[ivxlc]{1,6}|[a-z])[.)]?$"),
                        folded, 0, NULL);
}

/* The heading "KẾ HOẠCH" above @appendix: above it the number and date of
 * an official document ("Số: 662/KH-VPUB", "Nghệ An, ngày 28 tháng 4 năm
 * 2026"), below it the title. -1 when there is none. */
static int
find_heading (char **lines,
              int    appendix)
{
  for (int i = 0; i < appendix; i++)
    {
      g_autofree char *folded = _dd_import_fold_key (lines[i]);

      if (g_str_equal (folded, "ke hoach"))
        return i;
    }
  return -1;
}

/* The lines above the heading: the plan's number, date and issuer. */
static gboolean
read_document_head (DdImportedPlan  *plan,
                    char           **lines,
                    int              heading,
                    GError         **error)
{
  for (int i = 0; i < heading; i++)
    {
      g_autofree char *folded = _dd_import_fold_key (lines[i]);
      guint line = (guint) i + 1;

      if (*folded == '\0')
        continue;
      if (_dd_import_has_word_prefix (folded, "so") &&
          !read_plan_reference (plan, line, lines[i], error))
        return FALSE;
      if (!g_date_valid (&plan->issued_on) && strstr (folded, "ngay") != NULL)
        {
          gboolean found;

          if (!_dd_import_read_plan_date (plan, line, lines[i], &found, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* The lines between the heading (or the top) and the appendix: the title,
 * the basis documents, the indicators. */
static void
read_document_body (DdImportedPlan  *plan,
                    char           **lines,
                    int              heading,
                    int              appendix)
{
  g_autoptr(GPtrArray) basis = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean seen_section = FALSE;
  gboolean in_basis = FALSE, basis_done = FALSE;
  gboolean in_indicators = FALSE;

  for (int i = heading + 1; i < appendix; i++)
    {
      g_autofree char *folded = _dd_import_fold_key (lines[i]);

      if (*folded == '\0')
        continue;

      /* The title: the first line after the heading. */
      if (heading >= 0 && plan->title == NULL)
        {
          plan->title = _dd_import_clean_cell (lines[i]);
          continue;
        }

      /* The basis: the first paragraphs starting "Thực hiện" or "Căn cứ". */
      if (!basis_done && !seen_section)
        {
          if (_dd_import_has_word_prefix (folded, "thuc hien") || _dd_import_has_word_prefix (folded, "can cu"))
            {
              in_basis = TRUE;
              read_basis (basis, seen, lines[i]);
              continue;
            }
          if (in_basis)
            basis_done = TRUE;
        }

      /* The indicators: the bullets of "II. CHỈ TIÊU …", up to the next
       * section. */
      if (is_roman_heading (folded))
        {
          seen_section = TRUE;
          in_indicators = strstr (folded, "chi tieu") != NULL;
          continue;
        }
      if (in_indicators)
        {
          const char *text = bullet_text (lines[i]);
          DdImportedIndicator *indicator;

          if (text != NULL && (indicator = read_indicator (text)) != NULL)
            g_ptr_array_add (plan->indicators, indicator);
        }
    }

  if (basis->len > 0)
    {
      g_ptr_array_add (basis, NULL);
      plan->basis = g_strjoinv ("\n", (char **) basis->pdata);
    }
}

/* Everything above the appendix. */
static gboolean
parse_text_body (DdImportedPlan  *plan,
                 char           **lines,
                 int              appendix,
                 GError         **error)
{
  int heading = find_heading (lines, appendix);

  if (!read_document_head (plan, lines, heading, error))
    return FALSE;
  read_document_body (plan, lines, heading, appendix);
  return TRUE;
}

/* The appendix's table */

/* What is known of the table while its lines are read. */
typedef struct
{
  char **header;               /* the last header row's cells, or NULL */
  char **subheader;            /* its second line's cells, or NULL */
  gboolean started;            /* a header or a task has been read */
} TextTable;

static void
text_table_clear (TextTable *table)
{
  g_clear_pointer (&table->header, g_strfreev);
  g_clear_pointer (&table->subheader, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TextTable, text_table_clear)

/* The lines of @text, without the "\r" of CRLF line ends. (transfer full) */
static char **
split_lines (const char *text)
{
  char **lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize len = strlen (lines[i]);

      if (len > 0 && lines[i][len - 1] == '\r')
        lines[i][len - 1] = '\0';
    }
  return lines;
}

/* A line without tabs: the reference line "(Kèm theo Kế hoạch số …)" under
 * the heading, free text (a heading, a note), or, inside the table, a
 * numbered row whose tabs were lost. Sets *@out_is_row for the last. */
static gboolean
read_untabbed_line (DdImportedPlan  *plan,
                    const TextTable *table,
                    guint            line,
                    const char      *text,
                    gboolean        *out_is_row,
                    GError         **error)
{
  g_autofree char *folded = _dd_import_fold_key (text);
  g_auto(GStrv) words = g_strsplit (folded, " ", 2);

  *out_is_row = FALSE;
  if (!table->started && strstr (folded, "so") != NULL &&
      !read_plan_reference (plan, line, text, error))
    return FALSE;
  *out_is_row = table->started && words[0] != NULL && is_task_number (words[0]);
  return TRUE;
}

/* Takes *@cells into @table when they are the header, repeated at each
 * page ("TT\tNhiệm vụ\tCơ quan\t\tThời gian…"), or its second line
 * ("\t\tChủ trì\tPhối hợp\t\t\t"). Returns TRUE for those and for a row of
 * empty cells: lines that are no task. */
static gboolean
take_header_line (TextTable   *table,
                  char      ***cells)
{
  g_autofree char *first = _dd_import_fold_key ((*cells)[0]);
  gboolean is_subheader = FALSE, is_empty = TRUE;

  if (g_str_equal (first, "tt") || g_str_equal (first, "stt") || g_str_equal (first, "so tt"))
    {
      g_clear_pointer (&table->header, g_strfreev);
      table->header = g_steal_pointer (cells);
      table->started = TRUE;
      return TRUE;
    }
  if (*first != '\0')
    return FALSE;

  for (guint j = 1; (*cells)[j] != NULL; j++)
    {
      g_autofree char *folded = _dd_import_fold_key ((*cells)[j]);

      if (*folded != '\0')
        is_empty = FALSE;
      if (_dd_import_has_word_prefix (folded, "chu tri") || _dd_import_has_word_prefix (folded, "phoi hop"))
        is_subheader = TRUE;
    }
  if (is_subheader)
    {
      g_clear_pointer (&table->subheader, g_strfreev);
      table->subheader = g_steal_pointer (cells);
    }
  return is_empty || is_subheader;
}

/* The names of the columns, for messages: as the file writes them. */
static void
get_column_names (const TextTable  *table,
                  const char      **names)
{
  for (guint j = 0; j < N_COLUMNS; j++)
    {
      const char *name = _dd_import_column_names[j];

      if (table->header != NULL && j < g_strv_length (table->header) && !_dd_import_is_blank (table->header[j]))
        name = g_strstrip (table->header[j]);
      if (table->subheader != NULL && j < g_strv_length (table->subheader) &&
          !_dd_import_is_blank (table->subheader[j]))
        name = g_strstrip (table->subheader[j]);
      names[j] = name;
    }
}

/* A task's row starts with its number and has the appendix's columns;
 * trailing empty cells (tabs at the end of a row) are harmless. */
static gboolean
check_row (char               **cells,
           guint                line,
           const char * const  *names,
           GError             **error)
{
  guint n_cells = g_strv_length (cells);
  g_autofree char *all_names = NULL;

  if (!is_task_number (cells[0]))
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_VALUE,
                   _("Line %u, column “%s”: the row does not start with a task number."),
                   line, names[COL_NUMBER]);
      return FALSE;
    }

  while (n_cells > N_COLUMNS && _dd_import_is_blank (cells[n_cells - 1]))
    n_cells--;
  if (n_cells == N_COLUMNS)
    return TRUE;

  all_names = join_names (names);
  g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_COLUMNS,
               /* Translators: “Line 12: the row has 5 columns instead of 7 (TT,
                * Nhiệm vụ, …).” The last %s lists the columns. */
               g_dngettext (GETTEXT_PACKAGE,
                            "Line %u: the row has %u column instead of %u (%s).",
                            "Line %u: the row has %u columns instead of %u (%s).",
                            n_cells),
               line, n_cells, (guint) N_COLUMNS, all_names);
  return FALSE;
}

/* The tasks of the table under the heading at @appendix. */
static gboolean
read_table (DdImportedPlan  *plan,
            char           **lines,
            int              appendix,
            GError         **error)
{
  g_auto(TextTable) table = { NULL, NULL, FALSE };

  for (int i = appendix + 1; lines[i] != NULL; i++)
    {
      guint line = (guint) i + 1;
      g_auto(GStrv) cells = NULL;
      /* NULL-terminated for join_names(). */
      const char *names[N_COLUMNS + 1] = { NULL };
      DdImportedTask *task;

      if (_dd_import_is_blank (lines[i]))
        continue;
      if (strchr (lines[i], '\t') == NULL)
        {
          gboolean is_row;

          if (!read_untabbed_line (plan, &table, line, lines[i], &is_row, error))
            return FALSE;
          if (!is_row)
            continue;
        }

      cells = g_strsplit (lines[i], "\t", -1);
      if (take_header_line (&table, &cells))
        continue;
      get_column_names (&table, names);
      if (!check_row (cells, line, names, error))
        return FALSE;

      task = _dd_import_build_task (line, FALSE, (const char * const *) cells, names, error);
      if (task == NULL)
        return FALSE;
      g_ptr_array_add (plan->tasks, task);
      table.started = TRUE;
    }
  return TRUE;
}

gboolean
_dd_import_parse_text (DdImportedPlan  *plan,
                       const char      *text,
                       GError         **error)
{
  g_auto(GStrv) lines = split_lines (text);
  int appendix = _dd_import_find_appendix (lines);

  if (appendix < 0)
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_FORMAT,
                   _("No “Phụ lục” table found: the plan must have a line “Phụ lục” followed by "
                     "its table of tasks, one task per line, the columns separated by tabs."));
      return FALSE;
    }

  if (!parse_text_body (plan, lines, appendix, error) ||
      !read_table (plan, lines, appendix, error))
    return FALSE;

  if (plan->tasks->len == 0)
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_EMPTY,
                   _("The “Phụ lục” table has no task."));
      return FALSE;
    }
  return TRUE;
}

/* Shared with dd-importer.c */

/* The first "Phụ lục" heading, or -1. (The first heading followed by a
 * tab-separated line, which this once looked for by scanning the rest of
 * the file from every heading — quadratic —, is always the first heading:
 * a tab line after a later heading is after the first one too.) One pass,
 * stopping at the heading. */
int
_dd_import_find_appendix (char **lines)
{
  for (int i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *folded = _dd_import_fold_key (lines[i]);

      if (_dd_import_has_word_prefix (folded, "phu luc"))
        return i;
    }
  return -1;
}

/* Shared with the office readers (dd-importer-office.h) */

/* The paragraphs above a Word document's table, one a line: its head and
 * body as above, and the reference line "(Kèm theo Kế hoạch số …)" under
 * the "Phụ lục" heading. */
gboolean
_dd_import_parse_text_head (DdImportedPlan  *plan,
                            char           **lines,
                            GError         **error)
{
  int appendix = _dd_import_find_appendix (lines);
  int n_lines = (int) g_strv_length (lines);

  if (!parse_text_body (plan, lines, appendix >= 0 ? appendix : n_lines, error))
    return FALSE;
  for (int i = MAX (appendix, 0); i < n_lines; i++)
    {
      g_autofree char *folded = _dd_import_fold_key (lines[i]);

      if (strstr (folded, "so") != NULL && !read_plan_reference (plan, (guint) i + 1, lines[i], error))
        return FALSE;
    }
  return TRUE;
}
