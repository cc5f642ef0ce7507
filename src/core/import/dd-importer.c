/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-importer"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dondoc/dondoc.h"

/*
 * Two inputs, one result:
 *
 * - TEXT: the plan document saved as plain text. Its appendix ("Phụ lục")
 *   is a tab-separated table whose header may repeat at each page break; the
 *   body gives the title, the basis documents and the indicators.
 * - CSV: RFC 4180 with a header row naming the appendix's columns, optionally
 *   preceded by "key, value" lines about the plan.
 *
 * Everything is matched on folded text (lower case, no diacritics, "đ" → "d"),
 * so "Phụ lục", "PHỤ LỤC" and "Phu luc" are one heading. Folded Vietnamese is
 * plain ASCII, which keeps the patterns simple. Where a value is taken from a
 * match, it is cut from the original text through a map of byte offsets, so
 * that it keeps its diacritics.
 *
 * Nothing is half-imported: the first bad row ends the parse with an error
 * that names its line (and column), and no plan is returned.
 */

enum
{
  COL_NUMBER,
  COL_TITLE,
  COL_LEAD,
  COL_COORDINATORS,
  COL_DEADLINE,
  COL_PRODUCT,
  COL_DIRECTING,
  N_COLUMNS
};

/* The appendix's own column names; a file's header text replaces them in
 * messages when it has one. These are the file's words, not ours: they are
 * not translated. */
static const char * const default_column_names[N_COLUMNS] = {
  "TT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian", "Sản phẩm", "Trách nhiệm chỉ đạo",
};

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
imported_task_free (gpointer data)
{
  DdImportedTask *task = data;

  if (task == NULL)
    return;
  g_free (task->number);
  g_free (task->title);
  g_free (task->lead);
  g_clear_pointer (&task->coordinators, g_ptr_array_unref);
  g_free (task->deadline_text);
  g_free (task->product);
  g_free (task->directing);
  g_free (task);
}

static void
imported_indicator_free (gpointer data)
{
  DdImportedIndicator *indicator = data;

  if (indicator == NULL)
    return;
  g_free (indicator->title);
  g_free (indicator);
}

static void
csv_record_free (gpointer data)
{
  CsvRecord *record = data;

  g_ptr_array_unref (record->fields);
  g_free (record);
}

static GRegex *
get_regex (GRegex     **cache,
           const char  *pattern)
{
  if (g_once_init_enter (cache))
    {
      g_autoptr(GError) error = NULL;
      GRegex *regex = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, &error);

      /* The patterns are constants of this file: a failure is a bug. */
      if (regex == NULL)
        g_error ("Bad importer pattern “%s”: %s", pattern, error->message);
      g_once_init_leave (cache, regex);
    }
  return *cache;
}

/* Folded text (see dd_text_fold_for_search()), trimmed of white space and of
 * a trailing ":" — the form under which headings and keys are compared. */
static char *
fold_key (const char *text)
{
  char *folded = dd_text_fold_for_search (text != NULL ? text : "");
  gsize len = strlen (folded);

  while (len > 0 && (folded[len - 1] == ':' || folded[len - 1] == ' '))
    folded[--len] = '\0';
  return folded;
}

static gboolean
has_word_prefix (const char *folded,
                 const char *prefix)
{
  gsize len = strlen (prefix);

  return strncmp (folded, prefix, len) == 0 &&
         (folded[len] == '\0' || !g_ascii_isalnum (folded[len]));
}

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

static guint
fetch_uint (GMatchInfo *match,
            int         group)
{
  g_autofree char *str = g_match_info_fetch (match, group);

  if (str == NULL || *str == '\0')
    return 0;
  return (guint) strtoul (str, NULL, 10);
}

/* Trims, collapses white space; NULL for an empty result. */
static char *
clean_cell (const char *cell)
{
  g_autofree char *clean = dd_text_normalize_space (cell);

  if (clean == NULL || *clean == '\0')
    return NULL;
  return g_steal_pointer (&clean);
}

/* Strips trailing characters of @chars, and white space. */
static void
strip_trailing (char       *str,
                const char *chars)
{
  gsize len = strlen (str);

  while (len > 0 && (strchr (chars, str[len - 1]) != NULL || g_ascii_isspace (str[len - 1])))
    str[--len] = '\0';
}

/* "662 /KH-VPUB" → "662/KH-VPUB". */
static char *
clean_document_number (const char *number)
{
  g_autofree char *spaced = dd_text_normalize_space (number);
  GString *out = g_string_new (NULL);

  for (const char *p = spaced; *p != '\0'; p++)
    {
      if (*p == ' ' && (p[1] == '/' || (out->len > 0 && out->str[out->len - 1] == '/')))
        continue;
      g_string_append_c (out, *p);
    }
  strip_trailing (out->str, ".,;:");
  out->len = strlen (out->str);
  return g_string_free (out, FALSE);
}

/* "ke-hoach-662.csv" → "ke-hoach-662". */
static char *
source_stem (const char *source_name)
{
  g_autofree char *base = NULL;
  char *dot;

  if (source_name == NULL || *source_name == '\0')
    return NULL;
  base = g_path_get_basename (source_name);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

static char *
join_names (const char * const *names)
{
  return g_strjoinv (", ", (char **) names);
}

/*
 * A coordinators cell. ";" and line breaks separate units; commas never do,
 * since a collective phrase ("Các phòng, ban, đơn vị liên quan") is one
 * entry whose commas are part of its name — even when a CSV cell wraps it
 * over several lines.
 */
static GPtrArray *
split_coordinators (const char *cell)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = NULL;

  if (cell == NULL)
    return names;

  parts = g_strsplit (cell, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *folded = fold_key (parts[i]);
      gboolean collective = has_word_prefix (folded, "cac") || strstr (folded, "lien quan") != NULL;

      if (collective)
        {
          char *name = clean_cell (parts[i]);

          if (name != NULL)
            g_ptr_array_add (names, name);
          continue;
        }
      else
        {
          g_auto(GStrv) lines = g_strsplit_set (parts[i], "\r\n", -1);

          for (guint j = 0; lines[j] != NULL; j++)
            {
              char *name = clean_cell (lines[j]);

              if (name != NULL)
                g_ptr_array_add (names, name);
            }
        }
    }
  return names;
}

/*
 * One task from the cells of one row. @cells has N_COLUMNS entries, NULL for
 * a column the file does not have; @names are the columns' names for
 * messages.
 */
static DdImportedTask *
build_task (guint                line,
            const char * const  *cells,
            const char * const  *names,
            GError             **error)
{
  DdImportedTask *task;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *title = clean_cell (cells[COL_TITLE]);

  if (title == NULL)
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_VALUE,
                   /* Translators: %s is a column name of the file, e.g. “Nhiệm vụ”. */
                   _("Line %u, column “%s”: the task has no title."),
                   line, names[COL_TITLE]);
      return NULL;
    }

  task = g_new0 (DdImportedTask, 1);
  task->line = line;
  task->number = clean_cell (cells[COL_NUMBER]);
  task->title = g_steal_pointer (&title);
  task->lead = clean_cell (cells[COL_LEAD]);
  task->coordinators = split_coordinators (cells[COL_COORDINATORS]);
  task->deadline_text = clean_cell (cells[COL_DEADLINE]);
  task->product = clean_cell (cells[COL_PRODUCT]);
  task->directing = clean_cell (cells[COL_DIRECTING]);

  if (!dd_deadline_parse (task->deadline_text, &task->deadline, &local_error))
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_DATE,
                   /* Translators: the first %s is a column name of the file
                    * (“Thời gian”), the second what is wrong with it:
                    * “the date “31/02/2026” does not exist”. */
                   _("Line %u, column “%s”: %s."),
                   line, names[COL_DEADLINE], local_error->message);
      imported_task_free (task);
      return NULL;
    }
  return task;
}

static gboolean
set_plan_date (DdImportedPlan  *plan,
               guint            line,
               guint            day,
               guint            month,
               guint            year,
               const char      *what,
               GError         **error)
{
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_DATE,
                   _("Line %u: the date “%s” does not exist."), line, what);
      return FALSE;
    }
  g_date_set_dmy (&plan->issued_on, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/* A date in any of the forms of a plan ("28/4/2026", "ngày 28 tháng 4 năm
 * 2026"), found anywhere in @text. Sets *@found. */
static gboolean
read_plan_date (DdImportedPlan  *plan,
                guint            line,
                const char      *text,
                gboolean        *found,
                GError         **error)
{
  static GRegex *regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *folded = dd_text_fold_for_search (text);
  guint day, month, year;

  *found = FALSE;
  if (!g_regex_match (get_regex (&regex,
                                 "(?<!\\d)(\\d{1,2})\\s*[/.-]\\s*(\\d{1,2})\\s*[/.-]\\s*(\\d{4})(?!\\d)"
                                 "|(\\d{1,2})\\s+thang\\s+(\\d{1,2})\\s+nam\\s+(\\d{4})(?!\\d)"),
                      folded, 0, &match))
    return TRUE;

  *found = TRUE;
  day = fetch_uint (match, 1);
  month = fetch_uint (match, 2);
  year = fetch_uint (match, 3);
  if (year == 0)
    {
      day = fetch_uint (match, 4);
      month = fetch_uint (match, 5);
      year = fetch_uint (match, 6);
    }
  return set_plan_date (plan, line, day, month, year, text, error);
}

/* Auxiliary methods: the plan document (TEXT) */

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

  if (!g_regex_match (get_regex (&regex,
                                 "\\bso\\s*:?\\s*(\\d[\\w.-]*(?:\\s*/\\s*[\\w.-]+)+)"
                                 "(?:\\s*,?\\s+ngay\\s+(?:(\\d{1,2})\\s*[/.-]\\s*(\\d{1,2})\\s*[/.-]\\s*(\\d{4})"
                                 "|(\\d{1,2})\\s+thang\\s+(\\d{1,2})\\s+nam\\s+(\\d{4})))?"),
                      folded, 0, &match))
    return TRUE;

  if (plan->number == NULL)
    {
      g_autofree char *number = fetch_original (match, 1, text, map);

      plan->number = clean_document_number (number);
    }

  if (!g_date_valid (&plan->issued_on))
    {
      guint day = fetch_uint (match, 2), month = fetch_uint (match, 3), year = fetch_uint (match, 4);

      if (year == 0)
        {
          day = fetch_uint (match, 5);
          month = fetch_uint (match, 6);
          year = fetch_uint (match, 7);
        }
      if (year != 0)
        {
          g_autofree char *what = NULL;
          int start, end;

          g_match_info_fetch_pos (match, 0, &start, &end);
          what = cut_original (text, map, start, end);
          if (!set_plan_date (plan, line, day, month, year, what, error))
            return FALSE;
        }
    }

  g_match_info_fetch_pos (match, 0, NULL, &date_end);
  if (plan->issuer == NULL && date_end >= 0)
    {
      static GRegex *issuer_re = NULL;
      g_autoptr(GMatchInfo) issuer_match = NULL;

      if (g_regex_match (get_regex (&issuer_re, "^\\s+cua\\s+(.+)$"), folded + date_end, 0, &issuer_match))
        {
          int start, end;
          g_autofree char *issuer = NULL;

          g_match_info_fetch_pos (issuer_match, 1, &start, &end);
          issuer = cut_original (text, map, date_end + start, date_end + end);
          strip_trailing (issuer, ").;,");
          plan->issuer = clean_cell (issuer);
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

  g_regex_match (get_regex (&regex,
                            "\\b(chi thi|ke hoach|quyet dinh|nghi quyet|nghi dinh|thong tu|cong van|"
                            "thong bao|luat)\\s+so\\s*:?\\s*(\\d[\\w.-]*(?:\\s*/\\s*[\\w.-]+)*)"
                            "(?:\\s*,?\\s+ngay\\s+(?:\\d{1,2}\\s*[/.-]\\s*\\d{1,2}\\s*[/.-]\\s*\\d{4}"
                            "|\\d{1,2}\\s+thang\\s+\\d{1,2}\\s+nam\\s+\\d{4})(?!\\d))?"),
                 folded, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *kind = g_match_info_fetch (match, 1);
      g_autofree char *number = g_match_info_fetch (match, 2);
      g_autofree char *clean_number = clean_document_number (number);
      char *key = g_strconcat (kind, " ", clean_number, NULL);

      /* One document quoted twice ("19/3/2026", then "19/03/2026") is one
       * basis: it is known by its kind and number. */
      if (g_hash_table_add (seen, key))
        {
          g_autofree char *whole = fetch_original (match, 0, text, map);
          char *clean = dd_text_normalize_space (whole);

          strip_trailing (clean, ".,;:");
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

  strip_trailing (title, ".;,");
  if (*title == '\0')
    {
      g_free (title);
      return NULL;
    }

  indicator = g_new0 (DdImportedIndicator, 1);
  indicator->title = title;
  indicator->target = 100.0;
  if (g_regex_match (get_regex (&regex, "^(\\d+(?:[.,]\\d+)?)\\s*%"), title, 0, &match))
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

  return g_regex_match (get_regex (&regex, "^(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)\\.\\s"),
                        folded, 0, NULL);
}

/* A task number as plans write it: "1", "1.", "1.2", "I.", "a)". */
static gboolean
is_task_number (const char *cell)
{
  static GRegex *regex = NULL;
  g_autofree char *folded = fold_key (cell);

  return g_regex_match (get_regex (&regex, "^(?:\\d{1,3}(?:\\.\\d{1,3})*|[ivxlc]{1,6}|[a-z])[.)]?$"),
                        folded, 0, NULL);
}

static gboolean
is_blank (const char *line)
{
  for (const char *p = line; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* The first "Phụ lục" heading followed by a tab-separated line; else the
 * first "Phụ lục" heading; else -1. */
static int
find_appendix (char **lines)
{
  int first = -1;

  for (int i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *folded = fold_key (lines[i]);

      if (!has_word_prefix (folded, "phu luc"))
        continue;
      if (first < 0)
        first = i;
      for (int j = i + 1; lines[j] != NULL; j++)
        if (strchr (lines[j], '\t') != NULL)
          return i;
    }
  return first;
}

static gboolean
parse_text_body (DdImportedPlan  *plan,
                 char           **lines,
                 int              appendix,
                 GError         **error)
{
  g_autoptr(GPtrArray) basis = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int heading = -1;
  gboolean seen_section = FALSE;
  gboolean in_basis = FALSE, basis_done = FALSE;
  gboolean in_indicators = FALSE;

  /* The heading "KẾ HOẠCH": above it the number and date of an official
   * document ("Số: 662/KH-VPUB", "Nghệ An, ngày 28 tháng 4 năm 2026"),
   * below it the title. */
  for (int i = 0; i < appendix && heading < 0; i++)
    {
      g_autofree char *folded = fold_key (lines[i]);

      if (g_str_equal (folded, "ke hoach"))
        heading = i;
    }

  for (int i = 0; i < appendix; i++)
    {
      g_autofree char *folded = fold_key (lines[i]);
      guint line = (guint) i + 1;

      if (*folded == '\0' || i == heading)
        continue;

      if (i < heading)
        {
          if (has_word_prefix (folded, "so") &&
              !read_plan_reference (plan, line, lines[i], error))
            return FALSE;
          if (!g_date_valid (&plan->issued_on) && strstr (folded, "ngay") != NULL)
            {
              gboolean found;

              if (!read_plan_date (plan, line, lines[i], &found, error))
                return FALSE;
            }
          continue;
        }

      /* The title: the first line after the heading. */
      if (heading >= 0 && plan->title == NULL)
        {
          plan->title = clean_cell (lines[i]);
          continue;
        }

      /* The basis: the first paragraphs starting "Thực hiện" or "Căn cứ". */
      if (!basis_done && !seen_section)
        {
          if (has_word_prefix (folded, "thuc hien") || has_word_prefix (folded, "can cu"))
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
  return TRUE;
}

static gboolean
parse_text (DdImportedPlan  *plan,
            const char      *text,
            GError         **error)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  const char *names[N_COLUMNS + 1] = { NULL };
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) subheader = NULL;
  gboolean table_started = FALSE;
  int appendix;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize len = strlen (lines[i]);

      if (len > 0 && lines[i][len - 1] == '\r')
        lines[i][len - 1] = '\0';
    }

  appendix = find_appendix (lines);
  if (appendix < 0)
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_FORMAT,
                   _("No “Phụ lục” table found: the plan must have a line “Phụ lục” followed by "
                     "its table of tasks, one task per line, the columns separated by tabs."));
      return FALSE;
    }

  if (!parse_text_body (plan, lines, appendix, error))
    return FALSE;

  for (guint j = 0; j < N_COLUMNS; j++)
    names[j] = default_column_names[j];

  for (int i = appendix + 1; lines[i] != NULL; i++)
    {
      guint line = (guint) i + 1;
      g_auto(GStrv) cells = NULL;
      g_autofree char *first = NULL;
      guint n_cells;
      DdImportedTask *task;

      if (is_blank (lines[i]))
        continue;

      if (strchr (lines[i], '\t') == NULL)
        {
          g_autofree char *folded = fold_key (lines[i]);
          g_auto(GStrv) words = g_strsplit (folded, " ", 2);

          /* The reference line "(Kèm theo Kế hoạch số …)" under the heading. */
          if (!table_started && strstr (folded, "so") != NULL &&
              !read_plan_reference (plan, line, lines[i], error))
            return FALSE;
          /* Free text (a heading, a note) is no row; but a numbered line
           * inside the table is a row whose tabs were lost. */
          if (!table_started || words[0] == NULL || !is_task_number (words[0]))
            continue;
        }

      cells = g_strsplit (lines[i], "\t", -1);
      n_cells = g_strv_length (cells);
      first = fold_key (cells[0]);

      /* The header, repeated at each page: "TT\tNhiệm vụ\tCơ quan\t\tThời gian…" */
      if (g_str_equal (first, "tt") || g_str_equal (first, "stt") || g_str_equal (first, "so tt"))
        {
          g_clear_pointer (&header, g_strfreev);
          header = g_steal_pointer (&cells);
          table_started = TRUE;
          continue;
        }
      /* … and its second line: "\t\tChủ trì\tPhối hợp\t\t\t". */
      if (*first == '\0')
        {
          gboolean is_subheader = FALSE, is_empty = TRUE;

          for (guint j = 1; j < n_cells; j++)
            {
              g_autofree char *folded = fold_key (cells[j]);

              if (*folded != '\0')
                is_empty = FALSE;
              if (has_word_prefix (folded, "chu tri") || has_word_prefix (folded, "phoi hop"))
                is_subheader = TRUE;
            }
          if (is_empty)
            continue;
          if (is_subheader)
            {
              g_clear_pointer (&subheader, g_strfreev);
              subheader = g_steal_pointer (&cells);
              continue;
            }
        }

      /* The names of the columns, for messages: as the file writes them. */
      for (guint j = 0; j < N_COLUMNS; j++)
        {
          const char *name = default_column_names[j];

          if (header != NULL && j < g_strv_length (header) && !is_blank (header[j]))
            name = g_strstrip (header[j]);
          if (subheader != NULL && j < g_strv_length (subheader) && !is_blank (subheader[j]))
            name = g_strstrip (subheader[j]);
          names[j] = name;
        }

      if (!is_task_number (cells[0]))
        {
          g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_VALUE,
                       _("Line %u, column “%s”: the row does not start with a task number."),
                       line, names[COL_NUMBER]);
          return FALSE;
        }

      /* Trailing empty cells (tabs at the end of a row) are harmless. */
      while (n_cells > N_COLUMNS && is_blank (cells[n_cells - 1]))
        n_cells--;
      if (n_cells != N_COLUMNS)
        {
          g_autofree char *all_names = join_names (names);

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

      task = build_task (line, (const char * const *) cells, names, error);
      if (task == NULL)
        return FALSE;
      g_ptr_array_add (plan->tasks, task);
      table_started = TRUE;
    }

  if (plan->tasks->len == 0)
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_EMPTY,
                   _("The “Phụ lục” table has no task."));
      return FALSE;
    }
  return TRUE;
}

/* Auxiliary methods: CSV */

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
    if (!is_blank (g_ptr_array_index (record->fields, i)))
      return FALSE;
  return TRUE;
}

static int
column_for_name (const char *name)
{
  g_autofree char *folded = fold_key (name);

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
      int column = column_for_name (g_ptr_array_index (record->fields, i));

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
    if (!is_blank (g_ptr_array_index (record->fields, i)))
      n_filled++;

  if (n_filled == 1 && strchr (first, ':') != NULL)
    {
      const char *colon = strchr (first, ':');

      g_autofree char *raw_key = g_strndup (first, (gsize) (colon - first));

      key = fold_key (raw_key);
      value = colon + 1;
    }
  else if (n_filled == 2 && record->fields->len >= 2 &&
           !is_blank (g_ptr_array_index (record->fields, 1)))
    {
      key = fold_key (first);
      value = g_ptr_array_index (record->fields, 1);
    }
  else
    return META_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (meta_aliases); i++)
    if (g_str_equal (key, meta_aliases[i].key))
      {
        *out_value = clean_cell (value);
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
      g_autofree char *a = fold_key (g_ptr_array_index (record->fields, i));
      g_autofree char *b = fold_key (g_ptr_array_index (header->fields, i));

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

/* Which delimiter the header uses, by which one splits it into more
 * recognised columns. Returns 0 when neither gives a header. */
static char
sniff_delimiter (const char *text,
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

static gboolean
parse_csv (DdImportedPlan  *plan,
           const char      *text,
           const char      *source_name,
           GError         **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *stem = source_stem (source_name);
  const char *names[N_COLUMNS];
  int columns[N_COLUMNS];
  CsvRecord *header;
  CsvRecord *subheader = NULL;
  guint header_index = 0;
  guint score = 0;
  guint ordinal = 0;
  char delimiter;

  delimiter = sniff_delimiter (text, &score);
  if (delimiter == 0)
    delimiter = ',';

  records = csv_split (text, delimiter, 0, error);
  if (records == NULL)
    return FALSE;

  header = find_header (records, &header_index);
  if (header == NULL)
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_EMPTY,
                   _("The file has no header row and no task."));
      return FALSE;
    }

  /* The metadata lines above the header. */
  for (guint i = 0; i < header_index; i++)
    {
      CsvRecord *record = g_ptr_array_index (records, i);
      g_autofree char *value = NULL;

      switch (read_meta (record, &value))
        {
        case META_NUMBER:
          g_free (plan->number);
          plan->number = clean_document_number (value);
          break;
        case META_DATE:
          {
            gboolean found;

            if (!read_plan_date (plan, record->line, value, &found, error))
              return FALSE;
            if (!found)
              {
                g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_DATE,
                             _("Line %u: “%s” is not a date (write it as dd/mm/yyyy)."),
                             record->line, value);
                return FALSE;
              }
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
    }

  map_header (header, columns);
  for (guint j = 0; j < N_COLUMNS; j++)
    {
      names[j] = default_column_names[j];
      if (columns[j] >= 0)
        names[j] = g_ptr_array_index (header->fields, columns[j]);
    }

  /* The appendix's two-line header, saved as CSV: "TT, Nhiệm vụ, Cơ quan, ,
   * Thời gian, …" then ", , Chủ trì, Phối hợp, , …". The second line names
   * the columns the first one spans. */
  if (header_index + 1 < records->len)
    {
      CsvRecord *next = g_ptr_array_index (records, header_index + 1);
      int sub_columns[N_COLUMNS];

      if (next->fields->len == header->fields->len &&
          map_header (next, sub_columns) > 0 && sub_columns[COL_TITLE] < 0 &&
          (columns[COL_TITLE] < 0 || is_blank (g_ptr_array_index (next->fields, columns[COL_TITLE]))))
        {
          for (guint j = 0; j < N_COLUMNS; j++)
            if (sub_columns[j] >= 0)
              {
                columns[j] = sub_columns[j];
                names[j] = g_ptr_array_index (next->fields, sub_columns[j]);
              }
          subheader = next;
          header_index++;
        }
    }
  if (columns[COL_TITLE] < 0)
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_COLUMNS,
                   /* Translators: %s is the column name “Nhiệm vụ”. */
                   _("Line %u: the header row has no column “%s” (the tasks); it is required."),
                   header->line, default_column_names[COL_TITLE]);
      return FALSE;
    }

  for (guint i = header_index + 1; i < records->len; i++)
    {
      CsvRecord *record = g_ptr_array_index (records, i);
      const char *cells[N_COLUMNS] = { NULL };
      g_autofree char *number = NULL;
      DdImportedTask *task;

      /* A blank line, or a row of empty cells as spreadsheets write them. */
      if (record_is_blank (record))
        continue;
      /* The header again, as when pages of a table were pasted together. */
      if (is_header_again (record, header) ||
          (subheader != NULL && is_header_again (record, subheader)))
        continue;
      if (record->fields->len != header->fields->len)
        {
          g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_COLUMNS,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "Line %u: the row has %u field but the header row has %u.",
                                    "Line %u: the row has %u fields but the header row has %u.",
                                    record->fields->len),
                       record->line, record->fields->len, header->fields->len);
          return FALSE;
        }
      for (guint j = 0; j < N_COLUMNS; j++)
        if (columns[j] >= 0)
          cells[j] = g_ptr_array_index (record->fields, columns[j]);

      ordinal++;
      /* A table without a TT column is numbered as the appendix would be. */
      if (cells[COL_NUMBER] == NULL || is_blank (cells[COL_NUMBER]))
        cells[COL_NUMBER] = number = g_strdup_printf ("%u.", ordinal);

      task = build_task (record->line, cells, names, error);
      if (task == NULL)
        return FALSE;
      g_ptr_array_add (plan->tasks, task);
    }

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

/* Public API */

/**
 * dd_imported_plan_new:
 *
 * Returns: (transfer full): an empty plan, with empty task and indicator arrays
 */
DdImportedPlan *
dd_imported_plan_new (void)
{
  DdImportedPlan *plan = g_new0 (DdImportedPlan, 1);

  g_date_clear (&plan->issued_on, 1);
  plan->tasks = g_ptr_array_new_with_free_func (imported_task_free);
  plan->indicators = g_ptr_array_new_with_free_func (imported_indicator_free);
  return plan;
}

/**
 * dd_imported_plan_free:
 * @plan: (nullable) (transfer full): a plan
 *
 * Frees @plan, its tasks and its indicators. %NULL is a harmless no-op.
 */
void
dd_imported_plan_free (DdImportedPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->number);
  g_free (plan->title);
  g_free (plan->issuer);
  g_free (plan->basis);
  g_free (plan->source_name);
  g_clear_pointer (&plan->tasks, g_ptr_array_unref);
  g_clear_pointer (&plan->indicators, g_ptr_array_unref);
  g_free (plan);
}

DdImportedPlan *
dd_importer_parse_data (const char      *data,
                        gsize            length,
                        DdImportFormat   format,
                        const char      *source_name,
                        GError         **error)
{
  g_autoptr(DdImportedPlan) plan = NULL;
  g_autofree char *text = NULL;
  g_autofree char *stem = NULL;
  const char *end = NULL;
  const char *body;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > 0 && !g_utf8_validate_len (data, length, &end))
    {
      guint line = 1;

      for (const char *p = data; p < end; p++)
        if (*p == '\n')
          line++;
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_ENCODING,
                   _("Line %u: the file is not UTF-8 text (save it as UTF-8, or as “CSV UTF-8”, and try again)."),
                   line);
      return NULL;
    }

  text = g_strndup (data != NULL ? data : "", length);
  body = text;
  if (g_str_has_prefix (body, "\xEF\xBB\xBF"))
    body += 3;

  if (is_blank (body))
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_EMPTY, _("The file is empty."));
      return NULL;
    }

  if (format == DD_IMPORT_FORMAT_AUTO)
    {
      g_auto(GStrv) lines = g_strsplit (body, "\n", -1);
      guint score = 0;

      if (find_appendix (lines) >= 0)
        format = DD_IMPORT_FORMAT_TEXT;
      else if ((source_name != NULL && g_str_has_suffix (source_name, ".csv")) ||
               (source_name != NULL && g_str_has_suffix (source_name, ".CSV")) ||
               (sniff_delimiter (body, &score) != 0 && score >= 3))
        format = DD_IMPORT_FORMAT_CSV;
      else
        {
          g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_FORMAT,
                       _("This file is not a plan table: it has neither a “Phụ lục” table nor a CSV "
                         "header row with the appendix’s columns (TT, Nhiệm vụ, Chủ trì, Phối hợp, "
                         "Thời gian, Sản phẩm, Trách nhiệm chỉ đạo)."));
          return NULL;
        }
    }

  plan = dd_imported_plan_new ();
  if (source_name != NULL)
    plan->source_name = g_path_get_basename (source_name);

  if (format == DD_IMPORT_FORMAT_CSV)
    {
      if (!parse_csv (plan, body, source_name, error))
        return NULL;
    }
  else if (!parse_text (plan, body, error))
    return NULL;

  /* Never NULL: the store needs a number and a title to show. */
  stem = source_stem (source_name);
  if (plan->number == NULL)
    plan->number = g_strdup (stem != NULL ? stem : _("Imported plan"));
  if (plan->title == NULL)
    plan->title = g_strdup (stem != NULL ? stem : plan->number);

  return g_steal_pointer (&plan);
}

DdImportedPlan *
dd_importer_parse_file (const char      *path,
                        DdImportFormat   format,
                        GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_IO,
                   _("Cannot read “%s”: %s"), display, local_error->message);
      return NULL;
    }
  return dd_importer_parse_data (contents, length, format, path, error);
}
