/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-urging-letter"
#define DD_DOCUMENT_GETTEXT 1

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <archive.h>
#include <archive_entry.h>
#include <libxml/tree.h>

#include "dd-progress-form-private.h"
#include "dd-urging-letter-private.h"
#include "dd-importer-office.h"
#include "dd-document-language-private.h"
#include "dondoc/dd-urging-letter.h"

/*
 * The urging letters (công văn đôn đốc): for each unit with tasks overdue,
 * due soon or with a forgotten report (dd_stats_list_reminders()), the
 * template (a .docx with {{placeholders}}, data/letters/) filled with
 * libxml2 — each placeholder replaced, the paragraph of {{nhiem_vu}}
 * repeated once per task — and written back into a ZIP with libarchive;
 * then, when asked, converted to PDF by LibreOffice.
 */

#define TEMPLATE_RESOURCE "/io/github/dondoc/Dondoc/core/letters/cong-van-don-doc.docx"
#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define ITEM_PLACEHOLDER "{{nhiem_vu}}"

/* Auxiliary methods */

/* "06" for a day or month below 10 where Nghị định 30 writes one (days
 * 1–9, months 1–2), else the number. */
static char *
dup_date_part (guint value,
               guint pad_below)
{
  return value < pad_below ? g_strdup_printf ("0%u", value) : g_strdup_printf ("%u", value);
}

/* Replaces each {{key}} of @text by its value in @values. (transfer full) */
static char *
dup_filled (const char *text,
            GHashTable *values)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      const char *open = strstr (p, "{{");
      const char *close = open != NULL ? strstr (open, "}}") : NULL;
      g_autofree char *key = NULL;
      const char *value;

      if (open == NULL || close == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, open - p);
      key = g_strndup (open + 2, close - open - 2);
      value = g_hash_table_lookup (values, key);
      g_string_append (out, value != NULL ? value : "");
      p = close + 2;
    }
  return g_string_free (out, FALSE);
}

/* The text runs (w:t) of a paragraph, in order. */
static void
collect_texts (xmlNode   *node,
               GPtrArray *texts)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (_dd_office_is (child, W_NS, "t"))
        g_ptr_array_add (texts, child);
      else if (!_dd_office_is (child, W_NS, "p"))
        collect_texts (child, texts);
    }
}

static char *
dup_paragraph_text (GPtrArray *texts)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < texts->len; i++)
    {
      xmlChar *content = xmlNodeGetContent (g_ptr_array_index (texts, i));

      g_string_append (text, (const char *) content);
      xmlFree (content);
    }
  return g_string_free (text, FALSE);
}

/* The paragraph's text, filled, in its first run (a placeholder Word
 * split across runs is whole again); the other runs emptied. */
static void
fill_paragraph (xmlNode    *paragraph,
                GHashTable *values)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autofree char *text = NULL;
  g_autofree char *filled = NULL;

  collect_texts (paragraph, texts);
  text = dup_paragraph_text (texts);
  if (strstr (text, "{{") == NULL)
    return;
  filled = dup_filled (text, values);
  for (guint i = 0; i < texts->len; i++)
    {
      xmlNode *t = g_ptr_array_index (texts, i);

      xmlNodeSetContent (t, NULL);
      if (i == 0)
        {
          xmlNodeAddContent (t, (const xmlChar *) filled);
          xmlSetProp (t, (const xmlChar *) "xml:space", (const xmlChar *) "preserve");
        }
    }
}

static void
collect_paragraphs (xmlNode   *node,
                    GPtrArray *paragraphs)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (_dd_office_is (child, W_NS, "p"))
        g_ptr_array_add (paragraphs, child);
      else
        collect_paragraphs (child, paragraphs);
    }
}

/* The document with its placeholders filled and the paragraph of
 * {{nhiem_vu}} once per item. (transfer full) */
static GBytes *
fill_document (GHashTable  *parts,
               GHashTable  *values,
               GPtrArray   *items,
               GError     **error)
{
  xmlDoc *doc = _dd_office_parse_part (parts, "word/document.xml", TRUE, error);
  g_autoptr(GPtrArray) paragraphs = g_ptr_array_new ();
  xmlChar *buffer = NULL;
  int size = 0;
  GBytes *bytes;

  if (doc == NULL)
    return NULL;
  collect_paragraphs (xmlDocGetRootElement (doc), paragraphs);
  for (guint i = 0; i < paragraphs->len; i++)
    {
      xmlNode *paragraph = g_ptr_array_index (paragraphs, i);
      g_autoptr(GPtrArray) texts = g_ptr_array_new ();
      g_autofree char *text = NULL;

      collect_texts (paragraph, texts);
      text = dup_paragraph_text (texts);
      if (strstr (text, ITEM_PLACEHOLDER) == NULL)
        {
          fill_paragraph (paragraph, values);
          continue;
        }
      for (guint k = 0; k < items->len; k++)
        {
          xmlNode *copy = xmlCopyNode (paragraph, 1);

          g_hash_table_replace (values, g_strdup ("nhiem_vu"), g_strdup (g_ptr_array_index (items, k)));
          fill_paragraph (copy, values);
          xmlAddPrevSibling (paragraph, copy);
        }
      xmlUnlinkNode (paragraph);
      xmlFreeNode (paragraph);
    }
  xmlDocDumpMemoryEnc (doc, &buffer, &size, "UTF-8");
  xmlFreeDoc (doc);
  bytes = g_bytes_new (buffer, (gsize) size);
  xmlFree (buffer);
  return bytes;
}

static gboolean
write_entry (struct archive *zip,
             const char     *name,
             GBytes         *bytes)
{
  struct archive_entry *entry = archive_entry_new ();
  gsize size = 0;
  const void *data = g_bytes_get_data (bytes, &size);
  gboolean ok;

  archive_entry_set_pathname (entry, name);
  archive_entry_set_size (entry, (la_int64_t) size);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  ok = archive_write_header (zip, entry) == ARCHIVE_OK &&
       (size == 0 || archive_write_data (zip, data, size) == (la_ssize_t) size);
  archive_entry_free (entry);
  return ok;
}

/* The parts into a new ZIP at @path, [Content_Types].xml first. */
static gboolean
write_zip (GHashTable  *parts,
           const char  *path,
           GError     **error)
{
  struct archive *zip = archive_write_new ();
  g_autoptr(GList) names = g_list_sort (g_hash_table_get_keys (parts), (GCompareFunc) g_strcmp0);
  gboolean ok;

  ok = archive_write_set_format_zip (zip) == ARCHIVE_OK &&
       archive_write_set_options (zip, "zip:compression=deflate") == ARCHIVE_OK &&
       archive_write_open_filename (zip, path) == ARCHIVE_OK &&
       write_entry (zip, "[Content_Types].xml", g_hash_table_lookup (parts, "[Content_Types].xml"));
  for (GList *l = names; ok && l != NULL; l = l->next)
    if (!g_str_equal (l->data, "[Content_Types].xml"))
      ok = write_entry (zip, l->data, g_hash_table_lookup (parts, l->data));
  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 g_dgettext (GETTEXT_PACKAGE, N_("Could not write “%s”: %s.")), path,
                 archive_error_string (zip) != NULL ? archive_error_string (zip) : "?");
  ok = archive_write_close (zip) == ARCHIVE_OK && ok;
  archive_write_free (zip);
  return ok;
}

static GBytes *
load_template (const char  *template_path,
               GError     **error)
{
  char *data = NULL;
  gsize length = 0;

  if (template_path == NULL)
    return g_resources_lookup_data (TEMPLATE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (!g_file_get_contents (template_path, &data, &length, error))
    return NULL;
  return g_bytes_new_take (data, length);
}

/* Converts @docx to a PDF beside it with LibreOffice. */
static gboolean
convert_to_pdf (const char  *docx,
                GError     **error)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *dir = g_path_get_dirname (docx);
  g_autofree char *profile_dir = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *err = NULL;
  int status = -1;
  gboolean ok;

  if (soffice == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           g_dgettext (GETTEXT_PACKAGE, N_("LibreOffice is not installed on this computer: the "
                                       "letters can be written as .docx only.")));
      return FALSE;
    }
  profile_dir = g_dir_make_tmp ("dondoc-soffice-XXXXXX", error);
  if (profile_dir == NULL)
    return FALSE;
  profile = g_strdup_printf ("-env:UserInstallation=file://%s", profile_dir);
  {
    const char *argv[] = { soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", dir, docx, NULL };
    g_auto(GStrv) envp = g_get_environ ();

    /* LibreOffice headless, whatever display the caller has, and GLib's
     * debugging flags of the caller (a test's fatal warnings) not its. */
    envp = g_environ_unsetenv (envp, "G_DEBUG");
    envp = g_environ_setenv (envp, "SAL_USE_VCLPLUGIN", "svp", TRUE);
    ok = g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                       &status, error) &&
         g_spawn_check_wait_status (status, error);
  }
  {
    /* LibreOffice's profile: a folder of our own (g_dir_make_tmp()), removed. */
    const char *rm[] = { "rm", "-rf", "--", profile_dir, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  if (!ok && err != NULL && error != NULL && *error != NULL)
    g_prefix_error (error, "%s: ", g_strstrip (err));
  return ok;
}

/* The values of the placeholders for @unit's letter. (transfer full) */
static GHashTable *
build_values (const DdExportOffice *office,
              const char           *unit,
              GListModel           *tasks,
              const GDate          *as_of,
              guint                 report_days)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (g_free);
  GString *plan_text = g_string_new (NULL);
  GDate report_by = *as_of;
  guint n = g_list_model_get_n_items (tasks);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdTask) task = g_list_model_get_item (tasks, i);
      const char *number = dd_task_get_plan_number (task);

      if (number != NULL && !g_ptr_array_find_with_equal_func (plans, number, g_str_equal, NULL))
        g_ptr_array_add (plans, g_strdup (number));
    }
  for (guint i = 0; i < plans->len; i++)
    g_string_append_printf (plan_text, "%s%s", i > 0 ? ", " : "", (char *) g_ptr_array_index (plans, i));
  g_date_add_days (&report_by, report_days);

  g_hash_table_insert (values, g_strdup ("co_quan_cap_tren"),
                       g_utf8_strup (office->issuer_superior != NULL ? office->issuer_superior : "", -1));
  g_hash_table_insert (values, g_strdup ("co_quan"),
                       g_strdup (office->issuer != NULL ? office->issuer : _("The Office")));
  g_hash_table_insert (values, g_strdup ("co_quan_in_hoa"),
                       g_utf8_strup (office->issuer != NULL ? office->issuer : _("The Office"), -1));
  g_hash_table_insert (values, g_strdup ("so"), g_strdup ("        /VP-TH"));
  /* Translators: under "V/v đôn đốc thực hiện nhiệm vụ": the plans. */
  g_hash_table_insert (values, g_strdup ("trich_yeu"), g_strdup_printf (_("of plan %s"), plan_text->str));
  g_hash_table_insert (values, g_strdup ("dia_danh"), g_strdup (office->place != NULL ? office->place : "……"));
  g_hash_table_insert (values, g_strdup ("ngay"), dup_date_part (g_date_get_day (as_of), 10));
  g_hash_table_insert (values, g_strdup ("thang"), dup_date_part (g_date_get_month (as_of), 3));
  g_hash_table_insert (values, g_strdup ("nam"), g_strdup_printf ("%u", g_date_get_year (as_of)));
  g_hash_table_insert (values, g_strdup ("don_vi"), g_strdup (unit));
  /* Translators: "Thực hiện {plan}, …": the plans the tasks come from. */
  g_hash_table_insert (values, g_strdup ("ke_hoach"), g_strdup_printf (_("plan %s"), plan_text->str));
  g_hash_table_insert (values, g_strdup ("ngay_theo_doi"), dd_date_to_dmy (as_of));
  g_hash_table_insert (values, g_strdup ("so_nhiem_vu"), g_strdup_printf ("%02u", n));
  g_hash_table_insert (values, g_strdup ("han_bao_cao"), dd_date_to_dmy (&report_by));
  g_hash_table_insert (values, g_strdup ("chuc_vu"),
                       g_utf8_strup (office->signer_position != NULL ? office->signer_position
                                     /* Translators: who signs an urging letter when the settings name no one. */
                                     : _("Chief of the Office"), -1));
  g_hash_table_insert (values, g_strdup ("nguoi_ky"), g_strdup (office->signer_name != NULL ? office->signer_name : ""));
  g_string_free (plan_text, TRUE);
  return values;
}

/* One unit's letter at @path. */
static gboolean
write_letter (GBytes               *template,
              const DdExportOffice *office,
              const char           *unit,
              GListModel           *tasks,
              GPtrArray            *items,
              const DdUrgingOptions *options,
              const GDate          *as_of,
              const char           *path,
              GError              **error)
{
  g_autoptr(GHashTable) parts = NULL;
  g_autoptr(GHashTable) values = build_values (office, unit, tasks, as_of, options->report_days);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GBytes *document;
  gsize size = 0;
  const char *data = g_bytes_get_data (template, &size);

  parts = _dd_office_read_zip (data, size, error);
  if (parts == NULL)
    return FALSE;
  if (!g_hash_table_contains (parts, "[Content_Types].xml"))
    {
      g_set_error_literal (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_FORMAT,
                           g_dgettext (GETTEXT_PACKAGE, N_("The letter’s template is not a Word document (.docx).")));
      return FALSE;
    }
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (lines, _dd_urging_item_dup_line (g_ptr_array_index (items, i)));
  document = fill_document (parts, values, lines, error);
  if (document == NULL)
    return FALSE;
  g_hash_table_replace (parts, g_strdup ("word/document.xml"), document);
  return write_zip (parts, path, error);
}

/* Public API */

void
dd_urging_options_init (DdUrgingOptions *self)
{
  memset (self, 0, sizeof *self);
  self->report_days = 7;
}

/* One unit's letter (or digest) of @tasks, not empty. (transfer full) */
static DdUrgingLetterInfo *
write_unit_letter (DdUrgingJudge         *judge,
                   GBytes                *template,
                   const DdExportOffice  *office,
                   DdUnit                *unit,
                   GListModel            *tasks,
                   const DdUrgingOptions *options,
                   const GDate           *as_of,
                   GError               **error)
{
  g_autoptr(GPtrArray) items = _dd_urging_judge_list_items (judge, tasks, error);
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  DdUrgingLetterInfo *info;

  if (items == NULL)
    return NULL;
  if (!options->digest)
    {
      name = _dd_office_dup_file_name ("Cong-van-don-doc-", dd_unit_get_name (unit), ".docx");
      path = g_build_filename (options->dir, name, NULL);
      if (!write_letter (template, office, dd_unit_get_name (unit), tasks, items, options, as_of, path, error) ||
          (options->pdf && !convert_to_pdf (path, error)))
        return NULL;
    }
  info = g_new0 (DdUrgingLetterInfo, 1);
  info->unit_id = dd_unit_get_id (unit);
  info->unit = g_strdup (dd_unit_get_name (unit));
  info->task_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint k = 0; k < items->len; k++)
    {
      const DdUrgingItem *item = g_ptr_array_index (items, k);
      gint64 id = dd_task_get_id (item->task);

      g_array_append_val (info->task_ids, id);
    }
  info->items = g_steal_pointer (&items);
  info->as_of = *as_of;
  info->report_by = *as_of;
  g_date_add_days (&info->report_by, options->report_days);
  if (path != NULL && options->pdf)
    {
      g_autofree char *stem = g_strndup (path, strlen (path) - strlen (".docx"));

      info->path = g_strconcat (stem, ".pdf", NULL);
    }
  else
    info->path = g_steal_pointer (&path);
  return info;
}

/* The letters written, each with its unit and tasks (DdUrgingLetterInfo),
 * for dd_urging_messages_prepare(). (transfer full) */
GPtrArray *
_dd_urging_letters_write_full (DdStore                *self,
                               const DdUrgingOptions  *options,
                               GError                **error)
{
  g_autoptr(GPtrArray) letters = g_ptr_array_new_with_free_func ((GDestroyNotify) _dd_urging_letter_info_free);
  g_autoptr(DdExportOffice) office = NULL;
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GBytes) template = NULL;
  g_autoptr(DdStats) stats = NULL;
  g_autoptr(DdUrgingJudge) judge = NULL;
  GDate as_of;
  int previous;
  gboolean ok = TRUE;

  if (options->as_of != NULL)
    as_of = *options->as_of;
  else
    dd_date_set_today (&as_of);
  if ((!options->digest && (template = load_template (options->template_path, error)) == NULL) ||
      (office = dd_export_office_load (self, error)) == NULL ||
      (units = dd_store_list_units (self, 0, error)) == NULL ||
      (judge = _dd_urging_judge_new (self, &as_of, error)) == NULL)
    return NULL;
  stats = dd_stats_new (self);
  previous = _dd_document_language_push (DD_LANGUAGE_VIETNAMESE);
  for (guint i = 0; ok && i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);
      g_autoptr(GListModel) tasks = NULL;
      DdTaskQuery query;

      if ((options->unit_id != 0 && dd_unit_get_id (unit) != options->unit_id) ||
          dd_unit_get_n_led (unit) == 0 || dd_unit_get_is_group (unit))
        continue;
      dd_task_query_init (&query);
      query.as_of = as_of;
      query.unit_id = dd_unit_get_id (unit);
      query.lead_only = TRUE;
      tasks = dd_stats_list_reminders (stats, &query, error);
      if (tasks == NULL)
        ok = FALSE;
      else if (g_list_model_get_n_items (tasks) > 0)
        {
          DdUrgingLetterInfo *info = write_unit_letter (judge, template, office, unit, tasks, options, &as_of,
                                                        error);

          ok = info != NULL;
          if (ok)
            g_ptr_array_add (letters, info);
        }
    }
  _dd_document_language_pop (previous);
  return ok ? g_steal_pointer (&letters) : NULL;
}

void
_dd_urging_letter_info_free (DdUrgingLetterInfo *self)
{
  if (self == NULL)
    return;
  g_free (self->unit);
  g_free (self->path);
  g_clear_pointer (&self->task_ids, g_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_free (self);
}

GPtrArray *
dd_urging_letters_write (DdStore                *self,
                         const DdUrgingOptions  *options,
                         GError                **error)
{
  g_autoptr(GPtrArray) letters = NULL;
  GPtrArray *paths;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);
  g_return_val_if_fail (options != NULL && options->dir != NULL && !options->digest, NULL);

  letters = _dd_urging_letters_write_full (self, options, error);
  if (letters == NULL)
    return NULL;
  paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < letters->len; i++)
    {
      DdUrgingLetterInfo *info = g_ptr_array_index (letters, i);

      g_ptr_array_add (paths, g_steal_pointer (&info->path));
    }
  return paths;
}
