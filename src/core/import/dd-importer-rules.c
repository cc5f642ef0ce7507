/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-importer"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-importer-private.h"

/*
 * The rules both readers share: how text is compared (folded, see
 * dd-importer.c), how a cell is cleaned, how a document's number and date
 * are read, and how the cells of one row become a task.
 */

/* The appendix's own column names; a file's header text replaces them in
 * messages when it has one. These are the file's words, not ours: they are
 * not translated. */
const char * const _dd_import_column_names[N_COLUMNS] = {
  "TT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian", "Sản phẩm", "Trách nhiệm chỉ đạo",
};

/* Auxiliary methods */

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
      g_autofree char *folded = _dd_import_fold_key (parts[i]);
      gboolean collective = _dd_import_has_word_prefix (folded, "cac") || strstr (folded, "lien quan") != NULL;

      if (collective)
        {
          char *name = _dd_import_clean_cell (parts[i]);

          if (name != NULL)
            g_ptr_array_add (names, name);
          continue;
        }
      else
        {
          g_auto(GStrv) lines = g_strsplit_set (parts[i], "\r\n", -1);

          for (guint j = 0; lines[j] != NULL; j++)
            {
              char *name = _dd_import_clean_cell (lines[j]);

              if (name != NULL)
                g_ptr_array_add (names, name);
            }
        }
    }
  return names;
}

/* Shared with the readers */

void
_dd_imported_task_free (gpointer data)
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

GRegex *
_dd_import_regex (GRegex     **cache,
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
char *
_dd_import_fold_key (const char *text)
{
  char *folded = dd_text_fold_for_search (text != NULL ? text : "");
  gsize len = strlen (folded);

  while (len > 0 && (folded[len - 1] == ':' || folded[len - 1] == ' '))
    folded[--len] = '\0';
  return folded;
}

gboolean
_dd_import_has_word_prefix (const char *folded,
                            const char *prefix)
{
  gsize len = strlen (prefix);

  return strncmp (folded, prefix, len) == 0 &&
         (folded[len] == '\0' || !g_ascii_isalnum (folded[len]));
}

guint
_dd_import_fetch_uint (GMatchInfo *match,
                       int         group)
{
  g_autofree char *str = g_match_info_fetch (match, group);

  if (str == NULL || *str == '\0')
    return 0;
  return (guint) strtoul (str, NULL, 10);
}

/* Trims, collapses white space; NULL for an empty result. */
char *
_dd_import_clean_cell (const char *cell)
{
  g_autofree char *clean = dd_text_normalize_space (cell);

  if (clean == NULL || *clean == '\0')
    return NULL;
  return g_steal_pointer (&clean);
}

/* Strips trailing characters of @chars, and white space. */
void
_dd_import_strip_trailing (char       *str,
                           const char *chars)
{
  gsize len = strlen (str);

  while (len > 0 && (strchr (chars, str[len - 1]) != NULL || g_ascii_isspace (str[len - 1])))
    str[--len] = '\0';
}

/* "662 /KH-VPUB" → "662/KH-VPUB". */
char *
_dd_import_clean_document_number (const char *number)
{
  g_autofree char *spaced = dd_text_normalize_space (number);
  GString *out = g_string_new (NULL);

  for (const char *p = spaced; *p != '\0'; p++)
    {
      if (*p == ' ' && (p[1] == '/' || (out->len > 0 && out->str[out->len - 1] == '/')))
        continue;
      g_string_append_c (out, *p);
    }
  _dd_import_strip_trailing (out->str, ".,;:");
  out->len = strlen (out->str);
  return g_string_free (out, FALSE);
}

/* "ke-hoach-662.csv" → "ke-hoach-662". */
char *
_dd_import_source_stem (const char *source_name)
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

gboolean
_dd_import_is_blank (const char *line)
{
  for (const char *p = line; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/*
 * One task from the cells of one row. @cells has N_COLUMNS entries, NULL for
 * a column the file does not have; @names are the columns' names for
 * messages.
 */
DdImportedTask *
_dd_import_build_task (guint                line,
                       gboolean             table_row,
                       const char * const  *cells,
                       const char * const  *names,
                       GError             **error)
{
  DdImportedTask *task;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *title = _dd_import_clean_cell (cells[COL_TITLE]);

  if (title == NULL)
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_VALUE,
                   /* Translators: %s is a column name of the file, e.g. “Nhiệm vụ”. */
                   table_row ? _("Row %u of the table, column “%s”: the task has no title.")
                   /* Translators: %s is a column name of the file, e.g. “Nhiệm vụ”. */
                   : _("Line %u, column “%s”: the task has no title."),
                   line, names[COL_TITLE]);
      return NULL;
    }

  task = g_new0 (DdImportedTask, 1);
  task->line = line;
  task->number = _dd_import_clean_cell (cells[COL_NUMBER]);
  task->title = g_steal_pointer (&title);
  task->lead = _dd_import_clean_cell (cells[COL_LEAD]);
  task->coordinators = split_coordinators (cells[COL_COORDINATORS]);
  task->deadline_text = _dd_import_clean_cell (cells[COL_DEADLINE]);
  task->product = _dd_import_clean_cell (cells[COL_PRODUCT]);
  task->directing = _dd_import_clean_cell (cells[COL_DIRECTING]);

  if (!dd_deadline_parse (task->deadline_text, &task->deadline, &local_error))
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_DATE,
                   /* Translators: the first %s is a column name of the file
                    * (“Thời gian”), the second what is wrong with it:
                    * “the date “31/02/2026” does not exist”. */
                   table_row ? _("Row %u of the table, column “%s”: %s.")
                   /* Translators: as above, for a line of a text or CSV file. */
                   : _("Line %u, column “%s”: %s."),
                   line, names[COL_DEADLINE], local_error->message);
      _dd_imported_task_free (task);
      return NULL;
    }
  return task;
}

gboolean
_dd_import_set_plan_date (DdImportedPlan  *plan,
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
gboolean
_dd_import_read_plan_date (DdImportedPlan  *plan,
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
  if (!g_regex_match (_dd_import_regex (&regex,
                                        "(?<!\\d)(\\d{1,2})\\s*[/.-]\\s*(\\d{1,2})\\s*[/.-]\\s*(\\d{4})(?!\\d)"
                                        "|(\\d{1,2})\\s+thang\\s+(\\d{1,2})\\s+nam\\s+(\\d{4})(?!\\d)"),
                      folded, 0, &match))
    return TRUE;

  *found = TRUE;
  day = _dd_import_fetch_uint (match, 1);
  month = _dd_import_fetch_uint (match, 2);
  year = _dd_import_fetch_uint (match, 3);
  if (year == 0)
    {
      day = _dd_import_fetch_uint (match, 4);
      month = _dd_import_fetch_uint (match, 5);
      year = _dd_import_fetch_uint (match, 6);
    }
  return _dd_import_set_plan_date (plan, line, day, month, year, text, error);
}
