/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-export"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-store-private.h"
#include "dd-export-private.h"
#include "dd-chart-private.h"

/*
 * The form of Nghị định 30/2020/NĐ-CP around a document: the issuing body
 * in two lines, the number line, the document's kind, the signature, from
 * the office's settings (DdExportOffice, table settings) or the plan.
 */

static const char * const office_keys[] = {
  "report_place", "report_issuer_superior", "report_issuer", "report_signer_position", "report_signer_name",
};

static char **
office_field (DdExportOffice *self,
              guint           i)
{
  char **fields[] = { &self->place, &self->issuer_superior, &self->issuer, &self->signer_position,
                      &self->signer_name };

  return fields[i];
}

DdExportOffice *
dd_export_office_load (DdStore  *store,
                       GError  **error)
{
  g_autoptr(DdExportOffice) self = g_new0 (DdExportOffice, 1);

  g_return_val_if_fail (DD_IS_STORE (store), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (office_keys); i++)
    {
      GError *local_error = NULL;
      char *value = dd_store_dup_setting (store, office_keys[i], &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      if (value != NULL && *g_strstrip (value) == '\0')
        g_clear_pointer (&value, g_free);
      *office_field (self, i) = value;
    }
  return g_steal_pointer (&self);
}

gboolean
dd_export_office_save (const DdExportOffice  *self,
                       DdStore               *store,
                       GError               **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (DD_IS_STORE (store), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (office_keys); i++)
    {
      const char *value = *office_field ((DdExportOffice *) self, i);
      g_autofree char *clean = g_strstrip (g_strdup (value != NULL ? value : ""));

      if (!g_utf8_validate (clean, -1, NULL))
        {
          g_set_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_INVALID,
                       _("The office's setting “%s” is not valid UTF-8 text."), office_keys[i]);
          return FALSE;
        }
      if (!dd_store_set_setting (store, office_keys[i], clean, error))
        return FALSE;
    }
  return TRUE;
}

void
dd_export_office_free (DdExportOffice *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (office_keys); i++)
    g_free (*office_field (self, i));
  g_free (self);
}

/* The province named at the end of an issuer ("… tỉnh Nghệ An" → "Nghệ An"). */
static char *
place_from_issuer (const char *issuer)
{
  static const char * const markers[] = { "thành phố ", "Thành phố ", "tỉnh ", "Tỉnh ", "TỈNH ", "THÀNH PHỐ " };
  const char *best = NULL;
  g_autofree char *place = NULL;

  if (issuer == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    {
      const char *p = issuer, *hit;

      while ((hit = strstr (p, markers[i])) != NULL)
        {
          if (best == NULL || hit + strlen (markers[i]) > best)
            best = hit + strlen (markers[i]);
          p = hit + 1;
        }
    }
  if (best == NULL || *best == '\0')
    return NULL;
  place = g_strstrip (g_strdup (best));
  /* "NGHỆ AN" in a header in capitals: write it as a name. */
  if (g_utf8_validate (place, -1, NULL))
    {
      g_autofree char *lower = g_utf8_strdown (place, -1);
      g_autoptr(GString) out = g_string_new (NULL);
      gboolean start = TRUE;

      for (const char *c = lower; *c != '\0'; c = g_utf8_next_char (c))
        {
          gunichar ch = g_utf8_get_char (c);

          g_string_append_unichar (out, start ? g_unichar_totitle (ch) : ch);
          start = g_unichar_isspace (ch) || ch == '-';
        }
      return g_string_free (g_steal_pointer (&out), FALSE);
    }
  return g_steal_pointer (&place);
}

/* The bodies that are an issuer's superior, as they begin its name's
 * second part, and how the form writes them ("Ủy ban nhân dân" → "UBND"). */
static const struct { const char *name; const char *short_name; } superiors[] = {
  { "Ủy ban nhân dân ", "UBND " }, { "Uỷ ban nhân dân ", "UBND " }, { "ỦY BAN NHÂN DÂN ", "UBND " },
  { "UBND ", "UBND " }, { "Hội đồng nhân dân ", "HĐND " }, { "HỘI ĐỒNG NHÂN DÂN ", "HĐND " },
  { "HĐND ", "HĐND " },
};

/* Splits a one-line issuer in the form's two lines, in capitals: "Văn
 * phòng Ủy ban nhân dân tỉnh Nghệ An" → "UBND TỈNH NGHỆ AN" over "VĂN
 * PHÒNG". A name without a superior body is one line (@superior NULL). */
static void
split_issuer (const char  *issuer,
              char       **superior,
              char       **body)
{
  const char *best = NULL;
  guint which = 0;

  for (guint i = 0; i < G_N_ELEMENTS (superiors); i++)
    {
      const char *hit = strstr (issuer, superiors[i].name);

      if (hit != NULL && hit > issuer && hit[-1] == ' ' && (best == NULL || hit < best))
        {
          best = hit;
          which = i;
        }
    }
  if (best == NULL)
    {
      *superior = NULL;
      *body = g_utf8_strup (issuer, -1);
      return;
    }
  {
    g_autofree char *first = g_strstrip (g_strndup (issuer, (gsize) (best - issuer)));
    g_autofree char *second = g_strconcat (superiors[which].short_name, best + strlen (superiors[which].name),
                                           NULL);

    *superior = g_utf8_strup (g_strstrip (second), -1);
    *body = g_utf8_strup (first, -1);
  }
}

/* "662/KH-VPUB" → "VPUB": the office's code in a document's number. */
static char *
office_code (const char *number)
{
  const char *slash = number != NULL ? strrchr (number, '/') : NULL;
  const char *dash = slash != NULL ? strchr (slash, '-') : NULL;

  if (dash == NULL || dash[1] == '\0')
    return NULL;
  return g_strdup (dash + 1);
}

gboolean
_dd_export_data_fill_form (DdExportData           *data,
                           DdStore                *store,
                           DdPlan                 *plan,
                           const DdExportOptions  *options,
                           GError                **error)
{
  g_autoptr(DdExportOffice) office = dd_export_office_load (store, error);
  g_autofree char *code = NULL;
  const char *issuer;

  if (office == NULL)
    return FALSE;

  issuer = options->issuer != NULL && *options->issuer != '\0' ? options->issuer : NULL;
  if (issuer == NULL && office->issuer != NULL && office->issuer_superior != NULL)
    {
      data->issuer_superior = g_utf8_strup (office->issuer_superior, -1);
      data->issuer_body = g_utf8_strup (office->issuer, -1);
      data->issuer = g_strdup_printf ("%s %s", office->issuer, office->issuer_superior);
    }
  else
    {
      if (issuer == NULL)
        issuer = office->issuer;
      if (issuer == NULL && plan != NULL)
        issuer = dd_plan_get_issuer (plan);
      if (issuer != NULL && *issuer != '\0')
        {
          data->issuer = g_strdup (issuer);
          split_issuer (issuer, &data->issuer_superior, &data->issuer_body);
        }
    }

  if (options->place != NULL && *options->place != '\0')
    data->place = g_strdup (options->place);
  else if (office->place != NULL)
    data->place = g_strdup (office->place);
  else
    data->place = place_from_issuer (data->issuer);

  /* The number is the clerk's to write in: "Số:     /BC-VPUB". */
  code = office_code (plan != NULL ? dd_plan_get_number (plan) : NULL);
  {
    g_autofree char *tail = code != NULL ? g_strdup_printf ("BC-%s", code) : g_strdup ("BC");

    /* Translators: the number line of a report, left blank for the clerk; %s: "BC-VPUB". */
    data->number_line = g_strdup_printf (_("No.:          /%s"), tail);
  }
  /* Translators: the kind of document above its title, in capitals. */
  data->kind = g_strdup (_("REPORT"));
  data->signer_position = office->signer_position != NULL ? g_utf8_strup (office->signer_position, -1) : NULL;
  data->signer_name = g_strdup (office->signer_name);
  return TRUE;
}

/* The scope line, as documents can carry it (the words searched for). */
static void
clean_scope (DdExportData *data)
{
  char *clean = _dd_export_dup_clean (data->scope_line);

  g_free (data->scope_line);
  data->scope_line = clean;
}

/* The name of unit @id, or NULL. */
static char *
dup_unit_name (DdStore  *store,
               gint64    id,
               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = dd_sql_prepare (store, "SELECT name FROM units WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup (dd_sql_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    dd_sql_set_sqlite_error (store, rc, error);
  return NULL;
}

/* "các nhiệm vụ quá hạn của Phòng Hành chính - Quản trị, 2 nhiệm vụ":
 * what @q selects and @n_tasks, or NULL with @error set. */
static char *
dup_scope_phrase (DdStore            *store,
                  const DdTaskQuery  *q,
                  guint               n_tasks,
                  GError            **error)
{
  g_autofree char *what = NULL;
  g_autofree char *count = NULL;

  if (q->status >= 0 && q->status < DD_N_STATUSES)
    {
      g_autofree char *status = g_utf8_strdown (_dd_chart_status_label ((DdTaskStatus) q->status), -1);

      /* Translators: the scope of a document: the tasks of one status ("các nhiệm vụ quá hạn"). */
      what = g_strdup_printf (_("the %s tasks"), status);
    }
  else
    /* Translators: the scope of a document when the list has no filter. */
    what = g_strdup (_("every task"));
  if (q->unit_id > 0)
    {
      GError *local_error = NULL;
      g_autofree char *unit = dup_unit_name (store, q->unit_id, &local_error);
      char *next;

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      /* Translators: the scope of a document: "các nhiệm vụ quá hạn của Phòng Hành chính - Quản trị". */
      next = g_strdup_printf (q->lead_only ? C_("document scope", "%s led by %s")
                                           : C_("document scope", "%s of %s"),
                              what, unit != NULL ? unit : "?");
      g_free (what);
      what = next;
    }
  if (q->text != NULL && *q->text != '\0')
    {
      /* Translators: the scope of a document: the words searched for in the task list. */
      char *next = g_strdup_printf (_("%s matching “%s”"), what, q->text);

      g_free (what);
      what = next;
    }
  if (q->six_clear_incomplete)
    {
      /* Translators: the scope of a document: the tasks that fail the "6 rõ" check. */
      char *next = g_strdup_printf (_("%s failing the “6 rõ” check"), what);

      g_free (what);
      what = next;
    }
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u task", "%u tasks", n_tasks), n_tasks);
  /* Translators: what a document covers, then its count of tasks: "các nhiệm vụ quá hạn, 2 nhiệm vụ". */
  return g_strdup_printf (C_("document scope", "%s, %s"), what, count);
}

gboolean
_dd_export_data_fill_scope (DdExportData  *data,
                            DdStore       *store,
                            gboolean       count,
                            GError       **error)
{
  g_autofree char *phrase = NULL;
  guint n = data->headline.tasks;

  /* Before the tasks are read (the title of the sheet that lists them):
   * counted on its own, in the same read transaction. */
  if (count && !dd_store_count_tasks (store, &data->options.tasks, &n, error))
    return FALSE;
  g_clear_pointer (&data->scope_line, g_free);
  phrase = dup_scope_phrase (store, &data->options.tasks, n, error);
  if (phrase == NULL)
    return FALSE;
  /* Translators: under the title of every document: what it covers and how many tasks. */
  data->scope_line = g_strdup_printf (_("Scope: %s"), phrase);
  clean_scope (data);
  return TRUE;
}

char *
dd_export_dup_scope (DdStore            *store,
                     const DdTaskQuery  *query,
                     GError            **error)
{
  guint n = 0;

  g_return_val_if_fail (DD_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!dd_store_count_tasks (store, query, &n, error))
    return NULL;
  return dup_scope_phrase (store, query, n, error);
}
