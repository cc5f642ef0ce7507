/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-importer"

#include "config.h"

#include <string.h>
#include <archive.h>
#include <archive_entry.h>
#include <libxml/parser.h>
#include <glib/gi18n-lib.h>

#include "dd-importer-office.h"

/*
 * The container of .docx and .xlsx files: a ZIP read by libarchive, of
 * which only the XML parts are kept, and those parts parsed by libxml2.
 *
 * A file is hostile until read: the entries are counted, and every byte
 * decompressed is counted against the limits of dd-importer-office.h
 * (the sizes a ZIP declares may lie). The XML parser never touches the
 * network (XML_PARSE_NONET), never substitutes entities nor loads a DTD
 * (neither XML_PARSE_NOENT nor XML_PARSE_DTDLOAD); and since no office
 * suite writes a DOCTYPE, a part with one is refused before it is parsed.
 */

/* Auxiliary methods */

static gboolean
is_xml_part (const char *name)
{
  return g_str_has_suffix (name, ".xml") || g_str_has_suffix (name, ".rels");
}

static gboolean
set_too_large (GError **error,
               gsize    limit)
{
  g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_TOO_LARGE,
               /* Translators: %u is a size in megabytes. */
               _("The file unpacks to more than %u MB: it is refused as a possible “ZIP bomb”."),
               (guint) (limit / (1024 * 1024)));
  return FALSE;
}

/* A text of the file or of a library (a part's name, libarchive's or
 * libxml2's reason, which may quote the file's bytes) as a message may
 * hold it: valid UTF-8 (found by the fuzz targets plan-xlsx and form).
 * (transfer full) */
static char *
dup_shown (const char *text)
{
  return g_utf8_make_valid (text != NULL ? text : "", -1);
}

/* The data of the current entry, counted against @total. */
static GBytes *
read_entry (struct archive  *archive,
            const char      *name,
            gsize           *total,
            GError         **error)
{
  GByteArray *bytes = g_byte_array_new ();
  char buffer[64 * 1024];

  for (;;)
    {
      la_ssize_t n = archive_read_data (archive, buffer, sizeof buffer);

      if (n == 0)
        break;
      if (n < 0)
        {
          g_autofree char *shown = dup_shown (name);
          g_autofree char *why = dup_shown (archive_error_string (archive));

          g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_FORMAT,
                       _("The file is damaged: its part “%s” cannot be unpacked (%s)."), shown, why);
          g_byte_array_unref (bytes);
          return NULL;
        }
      *total += (gsize) n;
      if (bytes->len + (gsize) n > DD_OFFICE_MAX_PART || *total > DD_OFFICE_MAX_TOTAL)
        {
          set_too_large (error, *total > DD_OFFICE_MAX_TOTAL ? DD_OFFICE_MAX_TOTAL : DD_OFFICE_MAX_PART);
          g_byte_array_unref (bytes);
          return NULL;
        }
      g_byte_array_append (bytes, (const guint8 *) buffer, (guint) n);
    }
  return g_byte_array_free_to_bytes (bytes);
}

/* The end of the XML declaration and comments before the root element:
 * where a DOCTYPE would be. */
static gboolean
has_doctype (GBytes *part)
{
  gsize length;
  const char *data = g_bytes_get_data (part, &length);
  const char *root = NULL;

  /* The prolog ends at the first "<" followed by a name character. */
  for (const char *p = data; p + 1 < data + length; p++)
    if (p[0] == '<' && (g_ascii_isalpha (p[1]) || p[1] == '_' || p[1] == ':'))
      {
        root = p;
        break;
      }
  if (root == NULL)
    root = data + length;
  for (const char *p = data; p + 9 <= root; p++)
    if (p[0] == '<' && p[1] == '!' && g_ascii_strncasecmp (p + 2, "DOCTYPE", 7) == 0)
      return TRUE;
  /* An entity can only be declared in a DOCTYPE; "<!ENTITY" anywhere else
   * is refused all the same. */
  for (const char *p = data; p + 8 <= data + length; p++)
    if (p[0] == '<' && p[1] == '!' && (p[2] == 'E' || p[2] == 'e') && g_ascii_strncasecmp (p + 2, "ENTITY", 6) == 0)
      return TRUE;
  return FALSE;
}

/* Shared with the readers */

GHashTable *
_dd_office_read_zip (const char  *data,
                     gsize        length,
                     GError     **error)
{
  g_autoptr(GHashTable) parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_bytes_unref);
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;
  guint n_entries = 0;
  gsize total = 0;
  int rc;

  archive_read_support_format_zip (archive);
  archive_read_support_filter_none (archive);
  if (archive_read_open_memory (archive, data, length) != ARCHIVE_OK)
    {
      g_autofree char *why = dup_shown (archive_error_string (archive));

      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_FORMAT,
                   _("The file is not a valid .docx or .xlsx file (not a ZIP archive): %s"), why);
      archive_read_free (archive);
      return NULL;
    }

  while ((rc = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);

      if (++n_entries > DD_OFFICE_MAX_ENTRIES)
        {
          g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_TOO_LARGE,
                       _("The file holds more than %u parts: it is refused as a possible “ZIP bomb”."),
                       (guint) DD_OFFICE_MAX_ENTRIES);
          archive_read_free (archive);
          return NULL;
        }
      if (name != NULL && is_xml_part (name) && !g_hash_table_contains (parts, name))
        {
          GBytes *bytes = read_entry (archive, name, &total, error);

          if (bytes == NULL)
            {
              archive_read_free (archive);
              return NULL;
            }
          g_hash_table_insert (parts, g_strdup (name), bytes);
        }
    }
  if (rc != ARCHIVE_EOF)
    {
      g_autofree char *why = dup_shown (archive_error_string (archive));

      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_FORMAT,
                   _("The file is not a valid .docx or .xlsx file (not a ZIP archive): %s"), why);
      archive_read_free (archive);
      return NULL;
    }
  archive_read_free (archive);
  return g_steal_pointer (&parts);
}

xmlDoc *
_dd_office_parse_part (GHashTable  *parts,
                       const char  *name,
                       gboolean     required,
                       GError     **error)
{
  GBytes *part = g_hash_table_lookup (parts, name);
  xmlParserCtxt *context;
  xmlDoc *doc;
  gsize length;
  const char *data;

  if (part == NULL)
    {
      if (required)
        g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_FORMAT,
                     _("The file is not a valid .docx or .xlsx file: its part “%s” is missing."), name);
      return NULL;
    }
  if (has_doctype (part))
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_FORMAT,
                   _("The part “%s” of the file declares a DTD or entities, which office files never do: "
                     "the file is refused, and nothing it refers to was read."), name);
      return NULL;
    }

  data = g_bytes_get_data (part, &length);
  if (length > G_MAXINT)
    {
      set_too_large (error, DD_OFFICE_MAX_PART);
      return NULL;
    }
  xmlInitParser ();
  context = xmlNewParserCtxt ();
  doc = xmlCtxtReadMemory (context, data, (int) length, name, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL || doc->intSubset != NULL || doc->extSubset != NULL)
    {
      const xmlError *xml_error = xmlCtxtGetLastError (context);
      g_autofree char *why = dup_shown (xml_error != NULL && xml_error->message != NULL
                                        ? xml_error->message : "DTD");

      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_FORMAT,
                   /* Translators: the part's name, its line, then libxml2's reason. */
                   _("The file is damaged: its part “%s” is not valid XML (line %d: %s)."),
                   name, xml_error != NULL ? xml_error->line : 0, g_strstrip (why));
      g_clear_pointer (&doc, xmlFreeDoc);
    }
  xmlFreeParserCtxt (context);
  return doc;
}

gboolean
_dd_office_is (const xmlNode *node,
               const char    *ns_href,
               const char    *name)
{
  return node->type == XML_ELEMENT_NODE &&
         g_strcmp0 ((const char *) node->name, name) == 0 &&
         node->ns != NULL && g_strcmp0 ((const char *) node->ns->href, ns_href) == 0;
}

char *
_dd_office_dup_prop (const xmlNode *node,
                     const char    *ns_href,
                     const char    *name)
{
  xmlChar *value = ns_href != NULL
                   ? xmlGetNsProp ((xmlNode *) node, (const xmlChar *) name, (const xmlChar *) ns_href)
                   : xmlGetNoNsProp ((xmlNode *) node, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}
