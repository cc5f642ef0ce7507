/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-source-document"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-core-private.h"

/*
 * The document that assigned a task: its parts, the line an office writes
 * ("Thông báo kết luận số 125/TB-UBND ngày 02/12/2026 của UBND tỉnh") and
 * reading such a line back (the command line's --source).
 */

G_DEFINE_BOXED_TYPE (DdSourceDocument, dd_source_document, dd_source_document_copy, dd_source_document_free)

/* The words between the parts, in Vietnamese and in English (the
 * translations' own, so that a formatted line always reads back). */
static const char * const number_words[] = { " số ", " No. ", NULL };
static const char * const date_words[] = { " ngày ", " dated ", NULL };
static const char * const issuer_words[] = { " của ", " by ", NULL };

/* Auxiliary methods */

static char *
dup_trimmed (const char *text,
             gssize      len)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (len < 0 ? g_strdup (text) : g_strndup (text, (gsize) len));
  if (*copy == '\0')
    return NULL;
  return g_steal_pointer (&copy);
}

/* The first of @words in @text (and its length), or NULL. A word at the
 * very start of @text counts too, without its leading space ("số 12/TB",
 * or "Số 12/TB" as a document's header writes it). */
static const char *
find_word (const char         *text,
           const char * const *words,
           gsize              *out_len)
{
  const char *best = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *at = strstr (text, words[i]);
      gsize len = strlen (words[i]);

      if (at == NULL && g_str_has_prefix (text, words[i] + 1))
        {
          at = text;
          len--;
        }
      if (at != NULL && (best == NULL || at < best))
        {
          best = at;
          *out_len = len;
        }
    }
  if (best == NULL && words == number_words && g_str_has_prefix (text, "Số "))
    {
      best = text;
      *out_len = strlen ("Số ");
    }
  return best;
}

/* Splits "@rest của @issuer" off @text: @text is cut, the issuer returned. */
static char *
take_issuer (char *text)
{
  gsize len = 0;
  const char *at = find_word (text, issuer_words, &len);
  char *issuer;

  if (at == NULL)
    return NULL;
  issuer = dup_trimmed (at + len, -1);
  text[at - text] = '\0';
  return issuer;
}

/* Splits "@rest ngày dd/mm/yyyy" off @text into @date. With @strict, a
 * date that cannot be read is an error; otherwise the text stays whole. */
static gboolean
take_date (char      *text,
           GDate     *date,
           gboolean   strict,
           GError   **error)
{
  gsize len = 0;
  const char *at = find_word (text, date_words, &len);
  g_autofree char *written = NULL;

  g_date_clear (date, 1);
  if (at == NULL)
    return TRUE;
  written = dup_trimmed (at + len, -1);
  if (written != NULL && dd_date_parse_any (written, date))
    {
      text[at - text] = '\0';
      return TRUE;
    }
  g_date_clear (date, 1);
  if (!strict)
    return TRUE;
  g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
               /* Translators: %s is the date as typed ("31/02/2026"). */
               _("Source document: the date “%s” does not exist (write it dd/mm/yyyy)."),
               written != NULL ? written : "");
  return FALSE;
}

/* Public API */

DdSourceDocument *
dd_source_document_new (const char  *kind,
                        const char  *number,
                        const GDate *date,
                        const char  *issuer)
{
  DdSourceDocument *self = g_new0 (DdSourceDocument, 1);

  self->kind = dup_trimmed (kind, -1);
  self->number = dup_trimmed (number, -1);
  if (date != NULL && dd_date_is_set (date))
    self->date = *date;
  else
    g_date_clear (&self->date, 1);
  self->issuer = dup_trimmed (issuer, -1);
  return self;
}

DdSourceDocument *
dd_source_document_copy (const DdSourceDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return dd_source_document_new (self->kind, self->number, &self->date, self->issuer);
}

void
dd_source_document_free (DdSourceDocument *self)
{
  if (self == NULL)
    return;
  g_free (self->kind);
  g_free (self->number);
  g_free (self->issuer);
  g_free (self);
}

gboolean
dd_source_document_equal (const DdSourceDocument *a,
                          const DdSourceDocument *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (dd_date_is_set (&a->date) != dd_date_is_set (&b->date) ||
      (dd_date_is_set (&a->date) && g_date_compare (&a->date, &b->date) != 0))
    return FALSE;
  return g_strcmp0 (a->kind, b->kind) == 0 && g_strcmp0 (a->number, b->number) == 0 &&
         g_strcmp0 (a->issuer, b->issuer) == 0;
}

char *
dd_source_document_format (const DdSourceDocument *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  text = g_strdup (self->kind != NULL ? self->kind : "");
  if (self->number != NULL)
    {
      char *next;

      if (*text != '\0')
        /* Translators: a document's kind, then its number:
         * "Thông báo kết luận số 125/TB-UBND". */
        next = g_strdup_printf (C_("source document", "%s No. %s"), text, self->number);
      else
        /* Translators: a document's number alone: "Số 125/TB-UBND". */
        next = g_strdup_printf (C_("source document", "No. %s"), self->number);
      g_free (text);
      text = next;
    }
  if (dd_date_is_set (&self->date))
    {
      g_autofree char *date = dd_date_to_dmy (&self->date);
      char *next;

      /* Translators: a document, then the date it was signed:
       * "Thông báo kết luận số 125/TB-UBND ngày 02/12/2026". */
      next = g_strdup_printf (C_("source document", "%s dated %s"), text, date);
      g_free (text);
      text = next;
    }
  if (self->issuer != NULL)
    {
      char *next;

      /* Translators: a document, then who issued it:
       * "Thông báo kết luận số 125/TB-UBND ngày 02/12/2026 của UBND tỉnh". */
      next = g_strdup_printf (C_("source document", "%s by %s"), text, self->issuer);
      g_free (text);
      text = next;
    }
  return g_strstrip (g_steal_pointer (&text));
}

DdSourceDocument *
dd_source_document_parse (const char  *text,
                          GError     **error)
{
  g_autofree char *line = dup_trimmed (text, -1);
  g_autofree char *kind = NULL;
  g_autofree char *number = NULL;
  g_autofree char *issuer = NULL;
  const char *at;
  gsize len = 0;
  GDate date;

  if (line == NULL)
    {
      g_set_error_literal (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                           _("Source document: the text is empty; write for example "
                             "“Thông báo kết luận số 125/TB-UBND ngày 02/12/2026”."));
      return NULL;
    }

  at = find_word (line, number_words, &len);
  if (at == NULL)
    {
      /* A kind alone, perhaps with its date and issuer ("Kết luận tại
       * cuộc họp giao ban ngày 02/12/2026"): " của " counts only after a
       * date, since a kind may say "của" itself. */
      g_autofree char *rest = g_strdup (line);

      issuer = take_issuer (rest);
      if (!take_date (rest, &date, FALSE, error))
        return NULL;
      if (!dd_date_is_set (&date))
        return dd_source_document_new (line, NULL, NULL, NULL);
      return dd_source_document_new (rest, NULL, &date, issuer);
    }

  kind = dup_trimmed (line, at - line);
  {
    g_autofree char *tail = g_strdup (at + len);

    issuer = take_issuer (tail);
    if (!take_date (tail, &date, TRUE, error))
      return NULL;
    number = dup_trimmed (tail, -1);
  }
  if (number == NULL)
    {
      g_set_error_literal (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                           _("Source document: the number is missing after “số” "
                             "(for example “số 125/TB-UBND”)."));
      return NULL;
    }
  return dd_source_document_new (kind, number, &date, issuer);
}
