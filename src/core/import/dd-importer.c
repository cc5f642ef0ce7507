/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-importer"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-importer-office.h"

/*
 * Two inputs, one result:
 *
 * - TEXT: the plan document saved as plain text. Its appendix ("Phụ lục")
 *   is a tab-separated table whose header may repeat at each page break; the
 *   body gives the title, the basis documents and the indicators.
 * - CSV: RFC 4180 with a header row naming the appendix's columns, optionally
 *   preceded by "key, value" lines about the plan.
 * - DOCX and XLSX: the plan document from Word, the table from Excel
 *   (dd-importer-office.c and the readers it calls).
 *
 * Everything is matched on folded text (lower case, no diacritics, "đ" → "d"),
 * so "Phụ lục", "PHỤ LỤC" and "Phu luc" are one heading. Folded Vietnamese is
 * plain ASCII, which keeps the patterns simple. Where a value is taken from a
 * match, it is cut from the original text through a map of byte offsets, so
 * that it keeps its diacritics.
 *
 * Nothing is half-imported: the first bad row ends the parse with an error
 * that names its line (and column), and no plan is returned.
 *
 * This file holds the result and picks the reader: dd-importer-text.c reads
 * the plan document, dd-importer-csv.c the CSV file, and both make their
 * rows into tasks by the rules of dd-importer-rules.c.
 */

/* Auxiliary methods */

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
imported_section_free (gpointer data)
{
  DdImportedSection *section = data;

  if (section == NULL)
    return;
  g_free (section->title);
  g_free (section);
}

/* The plan's number and title: never NULL, since the store needs a
 * number and a title to show. (transfer full) */
static DdImportedPlan *
finish_plan (DdImportedPlan *plan,
             const char     *source_name)
{
  g_autofree char *stem = _dd_import_source_stem (source_name);

  if (plan->number == NULL)
    plan->number = g_strdup (stem != NULL ? stem : _("Imported plan"));
  if (plan->title == NULL)
    plan->title = g_strdup (stem != NULL ? stem : plan->number);
  return plan;
}

/* Public API */

/**
 * dd_imported_plan_new:
 *
 * Returns: (transfer full): an empty plan, with empty task, indicator,
 *   section and warning arrays
 */
DdImportedPlan *
dd_imported_plan_new (void)
{
  DdImportedPlan *plan = g_new0 (DdImportedPlan, 1);

  g_date_clear (&plan->issued_on, 1);
  plan->tasks = g_ptr_array_new_with_free_func (_dd_imported_task_free);
  plan->indicators = g_ptr_array_new_with_free_func (imported_indicator_free);
  plan->sections = g_ptr_array_new_with_free_func (imported_section_free);
  plan->warnings = g_ptr_array_new_with_free_func (g_free);
  return plan;
}

/**
 * dd_imported_plan_free:
 * @self: (nullable) (transfer full): a plan
 *
 * Frees @self, its tasks and its indicators. %NULL is a harmless no-op.
 */
void
dd_imported_plan_free (DdImportedPlan *self)
{
  if (self == NULL)
    return;
  g_free (self->number);
  g_free (self->title);
  g_free (self->issuer);
  g_free (self->basis);
  g_free (self->source_name);
  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  g_clear_pointer (&self->indicators, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_free (self);
}

/**
 * dd_imported_plan_dup_removed_note:
 * @self: a plan read by the importer
 *
 * The warning that characters were removed from the file (controls and
 * noncharacters), naming the first one's row of the table or line of the
 * text, as the preview, the command line and the window's summary say it.
 *
 * Returns: (transfer full) (nullable): the warning, or %NULL when nothing
 *   was removed
 */
char *
dd_imported_plan_dup_removed_note (const DdImportedPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->n_removed_chars == 0)
    return NULL;
  return g_strdup_printf (self->table_rows
                          /* Translators: the rows of a .docx or .xlsx table. */
                          ? ngettext ("%u control character or noncharacter was removed "
                                      "(the first on row %u of the table)",
                                      "%u control characters or noncharacters were removed "
                                      "(the first on row %u of the table)",
                                      self->n_removed_chars)
                          : ngettext ("%u control character or noncharacter was removed "
                                      "(the first on line %u)",
                                      "%u control characters or noncharacters were removed "
                                      "(the first on line %u)",
                                      self->n_removed_chars),
                          self->n_removed_chars, self->removed_line);
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
  const char *end = NULL;
  const char *body;
  gboolean office;
  guint n_removed, removed_line;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  office = format == DD_IMPORT_FORMAT_DOCX || format == DD_IMPORT_FORMAT_XLSX ||
           (format == DD_IMPORT_FORMAT_AUTO && data != NULL && _dd_import_is_office_data (data, length));
  if (office)
    {
      plan = dd_imported_plan_new ();
      if (source_name != NULL)
        plan->source_name = g_path_get_basename (source_name);
      if (!_dd_import_parse_office (plan, data != NULL ? data : "", length, format, source_name, error))
        return NULL;
      return finish_plan (g_steal_pointer (&plan), source_name);
    }

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
  /* Controls (ESC sequences…) and noncharacters have no place in a plan,
   * and XML (the workbook) forbids them: removed, and counted for the
   * warning the caller shows. */
  n_removed = dd_text_remove_forbidden (text, &removed_line);
  body = text;
  if (g_str_has_prefix (body, "\xEF\xBB\xBF"))
    body += 3;

  if (_dd_import_is_blank (body))
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_EMPTY, _("The file is empty."));
      return NULL;
    }

  if (format == DD_IMPORT_FORMAT_AUTO)
    {
      g_auto(GStrv) lines = g_strsplit (body, "\n", -1);
      guint score = 0;

      if (_dd_import_find_appendix (lines) >= 0)
        format = DD_IMPORT_FORMAT_TEXT;
      else if ((source_name != NULL && g_str_has_suffix (source_name, ".csv")) ||
               (source_name != NULL && g_str_has_suffix (source_name, ".CSV")) ||
               (_dd_import_sniff_delimiter (body, &score) != 0 && score >= 3))
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
  plan->n_removed_chars = n_removed;
  plan->removed_line = removed_line;

  if (format == DD_IMPORT_FORMAT_CSV)
    {
      if (!_dd_import_parse_csv (plan, body, source_name, error))
        return NULL;
    }
  else if (!_dd_import_parse_text (plan, body, error))
    return NULL;

  return finish_plan (g_steal_pointer (&plan), source_name);
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

/**
 * dd_importer_get_patterns:
 *
 * Returns: (transfer none) (array zero-terminated=1): the file name
 *   patterns of the files the importer reads
 */
const char * const *
dd_importer_get_patterns (void)
{
  static const char * const patterns[] = {
    "*.txt", "*.csv", "*.docx", "*.xlsx", "*.TXT", "*.CSV", "*.DOCX", "*.XLSX", NULL
  };

  return patterns;
}
