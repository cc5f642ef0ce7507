/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-importer"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-importer-office.h"

/*
 * Which office file this is: a .docx or an .xlsx (a ZIP whose parts say
 * which), or one of the formats the importer does not read — OpenDocument
 * (.odt, .ods: a ZIP too) and the old binary Word and Excel files (.doc,
 * .xls: OLE compound files) —, which get a message saying what to do.
 */

#define OLE_MAGIC "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"

/* Auxiliary methods */

/* How to convert a file the importer does not read, with LibreOffice when
 * it is installed. @target is "docx" or "xlsx". (transfer full) */
static char *
dup_convert_hint (const char *target,
                  const char *source_name)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *base = source_name != NULL ? g_path_get_basename (source_name) : g_strdup ("FILE");

  if (soffice == NULL)
    soffice = g_find_program_in_path ("libreoffice");
  if (soffice != NULL)
    /* Translators: the first %s is "docx" or "xlsx", then the command
     * that converts the file with LibreOffice. */
    return g_strdup_printf (_("LibreOffice is installed: convert it with “soffice --headless --convert-to %s %s”."),
                            target, base);
  return g_strdup (_("LibreOffice is not installed on this computer: open the file where it is, or in "
                     "Word or Excel, and save it from there."));
}

static gboolean
set_unsupported (const char  *what,
                 const char  *target,
                 const char  *source_name,
                 GError     **error)
{
  g_autofree char *hint = dup_convert_hint (target, source_name);

  g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_FORMAT,
               /* Translators: “This file is an OpenDocument text (.odt): save it as .docx
                * and import that file. LibreOffice is installed: …” */
               _("This file is %s: save it as .%s and import that file. %s"),
               what, target, hint);
  return FALSE;
}

/* Shared with dd-importer.c */

/* Whether @data is a ZIP or an OLE compound file: an office file. */
gboolean
_dd_import_is_office_data (const char *data,
                           gsize       length)
{
  return (length >= 4 && (memcmp (data, "PK\x03\x04", 4) == 0 || memcmp (data, "PK\x05\x06", 4) == 0)) ||
         (length >= 8 && memcmp (data, OLE_MAGIC, 8) == 0);
}

gboolean
_dd_import_parse_office (DdImportedPlan  *plan,
                         const char      *data,
                         gsize            length,
                         DdImportFormat   format,
                         const char      *source_name,
                         GError         **error)
{
  g_autoptr(GHashTable) parts = NULL;

  if (length >= 8 && memcmp (data, OLE_MAGIC, 8) == 0)
    {
      gboolean is_excel = source_name != NULL &&
                          (g_str_has_suffix (source_name, ".xls") || g_str_has_suffix (source_name, ".XLS"));

      if (is_excel)
        return set_unsupported (_("an old Excel workbook (.xls)"), "xlsx", source_name, error);
      return set_unsupported (_("an old Word document (.doc)"), "docx", source_name, error);
    }

  parts = _dd_office_read_zip (data, length, error);
  if (parts == NULL)
    return FALSE;

  if (g_hash_table_contains (parts, "content.xml") || g_hash_table_contains (parts, "META-INF/manifest.xml"))
    {
      gboolean is_sheet = source_name != NULL &&
                          (g_str_has_suffix (source_name, ".ods") || g_str_has_suffix (source_name, ".ODS"));

      if (is_sheet)
        return set_unsupported (_("an OpenDocument spreadsheet (.ods)"), "xlsx", source_name, error);
      return set_unsupported (_("an OpenDocument text (.odt)"), "docx", source_name, error);
    }

  if (format == DD_IMPORT_FORMAT_AUTO)
    {
      if (g_hash_table_contains (parts, "word/document.xml"))
        format = DD_IMPORT_FORMAT_DOCX;
      else if (g_hash_table_contains (parts, "xl/workbook.xml"))
        format = DD_IMPORT_FORMAT_XLSX;
      else
        {
          g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_FORMAT,
                       _("This ZIP file is neither a Word document (.docx) nor an Excel workbook (.xlsx)."));
          return FALSE;
        }
    }

  if (format == DD_IMPORT_FORMAT_DOCX)
    return _dd_import_parse_docx (plan, parts, error);
  return _dd_import_parse_xlsx (plan, parts, error);
}
