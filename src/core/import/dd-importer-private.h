/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dd-core-private.h"

G_BEGIN_DECLS

/*
 * The importer's parts (dd-importer.c): the plan document's reader
 * (dd-importer-text.c) and the CSV reader (dd-importer-csv.c) both turn
 * their rows into tasks by the rules of dd-importer-rules.c.
 */

/* The appendix's columns, in its order. */
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

/* The appendix's own column names, for messages when the file names none. */
extern const char * const _dd_import_column_names[N_COLUMNS];

/* The rules (dd-importer-rules.c) */

void      _dd_imported_task_free            (gpointer data);
/* The regex of @pattern, compiled once into *@cache. */
GRegex   *_dd_import_regex                  (GRegex     **cache,
                                             const char  *pattern);
/* Folded, trimmed of white space and of a trailing ":". (transfer full) */
char     *_dd_import_fold_key               (const char *text);
/* Whether @folded starts with the word(s) @prefix. */
gboolean  _dd_import_has_word_prefix        (const char *folded,
                                             const char *prefix);
/* Group @group of @match as a number; 0 when it did not match. */
guint     _dd_import_fetch_uint             (GMatchInfo *match,
                                             int         group);
/* Trimmed, white space collapsed; NULL when empty. (transfer full) */
char     *_dd_import_clean_cell             (const char *cell);
void      _dd_import_strip_trailing         (char       *str,
                                             const char *chars);
/* "662 /KH-VPUB" → "662/KH-VPUB". (transfer full) */
char     *_dd_import_clean_document_number  (const char *number);
/* "ke-hoach-662.csv" → "ke-hoach-662"; NULL without a name. (transfer full) */
char     *_dd_import_source_stem            (const char *source_name);
gboolean  _dd_import_is_blank               (const char *line);
/* The task of one row's @cells (N_COLUMNS, NULL for a missing column);
 * @names are the columns' names for messages, which name @line as a row
 * of the table when @table_row. (transfer full) */
DdImportedTask *_dd_import_build_task       (guint                line,
                                             gboolean             table_row,
                                             const char * const  *cells,
                                             const char * const  *names,
                                             GError             **error);
/* Sets the plan's date, or fails naming @what when it does not exist. */
gboolean  _dd_import_set_plan_date          (DdImportedPlan  *plan,
                                             guint            line,
                                             guint            day,
                                             guint            month,
                                             guint            year,
                                             const char      *what,
                                             GError         **error);
/* Sets the plan's date from the first date in @text; *@found says whether
 * there was one. */
gboolean  _dd_import_read_plan_date         (DdImportedPlan  *plan,
                                             guint            line,
                                             const char      *text,
                                             gboolean        *found,
                                             GError         **error);

/* The readers */

/* The line of the appendix's heading in @lines, or -1 (dd-importer-text.c). */
int       _dd_import_find_appendix          (char **lines);
gboolean  _dd_import_parse_text             (DdImportedPlan  *plan,
                                             const char      *text,
                                             GError         **error);
/* The delimiter that makes the best header of @text, 0 when none does;
 * *@out_score grows with the columns recognised (dd-importer-csv.c). */
char      _dd_import_sniff_delimiter        (const char *text,
                                             guint      *out_score);
gboolean  _dd_import_parse_csv              (DdImportedPlan  *plan,
                                             const char      *text,
                                             const char      *source_name,
                                             GError         **error);

G_END_DECLS
