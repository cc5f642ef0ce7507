/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-language"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-document-language-private.h"

/*
 * The Vietnamese catalogue, read once: a GNU message catalogue (.mo) as
 * msgfmt writes it (the GNU gettext manual, "The Format of GNU MO Files":
 * a header of 32-bit words, then the table of original strings sorted by
 * bytes and the table of their translations, each entry a length and an
 * offset). Looked up by binary search on the originals. Vietnamese has one
 * plural form (the catalogue's "nplurals=1"): a plural entry's first
 * translation serves every count.
 */

#define MO_MAGIC 0x950412de
#define MO_MAGIC_SWAPPED 0xde120495

typedef struct
{
  GMappedFile *file;
  const char *data;
  gsize size;
  gboolean swapped;
  guint32 n;
  guint32 originals;
  guint32 translations;
} Catalogue;

static GPrivate document_language = G_PRIVATE_INIT (NULL);

static guint32
read_word (const Catalogue *c,
           gsize            offset)
{
  guint32 w;

  memcpy (&w, c->data + offset, 4);
  return c->swapped ? GUINT32_SWAP_LE_BE (w) : w;
}

/* The string of entry @i of the table at @table, or NULL when the file
 * does not hold it whole. */
static const char *
entry (const Catalogue *c,
       guint32          table,
       guint32          i,
       guint32         *out_len)
{
  gsize at = (gsize) table + (gsize) i * 8;
  guint32 len, offset;

  if (at + 8 > c->size)
    return NULL;
  len = read_word (c, at);
  offset = read_word (c, at + 4);
  if ((gsize) offset + len >= c->size || c->data[offset + len] != '\0')
    return NULL;
  *out_len = len;
  return c->data + offset;
}

static Catalogue *
load_catalogue (void)
{
  Catalogue *c = g_new0 (Catalogue, 1);
  /* Where gettext was told to look, else where dd_init_i18n() would tell it. */
  const char *dirs[] = { bindtextdomain (GETTEXT_PACKAGE, NULL), g_getenv ("DONDOC_LOCALEDIR"), LOCALEDIR };
  guint32 magic;

  for (guint i = 0; i < G_N_ELEMENTS (dirs) && c->file == NULL; i++)
    if (dirs[i] != NULL && *dirs[i] != '\0')
      {
        g_autofree char *path = g_build_filename (dirs[i], "vi", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

        c->file = g_mapped_file_new (path, FALSE, NULL);
      }
  if (c->file == NULL)
    {
      g_message ("The Vietnamese catalogue %s.mo cannot be read: documents are in English", GETTEXT_PACKAGE);
      return c;
    }
  c->data = g_mapped_file_get_contents (c->file);
  c->size = g_mapped_file_get_length (c->file);
  if (c->size < 28)
    return c;
  memcpy (&magic, c->data, 4);
  if (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED)
    {
      c->size = 0;
      return c;
    }
  c->swapped = magic == MO_MAGIC_SWAPPED;
  c->n = read_word (c, 8);
  c->originals = read_word (c, 12);
  c->translations = read_word (c, 16);
  return c;
}

static const Catalogue *
catalogue (void)
{
  static gsize once = 0;
  static Catalogue *c;

  if (g_once_init_enter (&once))
    {
      c = load_catalogue ();
      g_once_init_leave (&once, 1);
    }
  return c;
}

/* The Vietnamese of @key (up to its first NUL), or NULL. */
static const char *
lookup_vi (const char *key)
{
  const Catalogue *c = catalogue ();
  guint32 lo = 0, hi = c->size > 0 ? c->n : 0;

  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;
      guint32 len;
      const char *original = entry (c, c->originals, mid, &len);
      int cmp;

      if (original == NULL)
        return NULL;
      cmp = strcmp (key, original);
      if (cmp == 0)
        {
          const char *translation = entry (c, c->translations, mid, &len);

          return translation != NULL && *translation != '\0' ? translation : NULL;
        }
      if (cmp < 0)
        hi = mid;
      else
        lo = mid + 1;
    }
  return NULL;
}

int
_dd_document_language_push (DdLanguage language)
{
  int previous = _dd_document_language_get ();

  g_private_set (&document_language, GINT_TO_POINTER ((int) language + 1));
  return previous;
}

void
_dd_document_language_pop (int previous)
{
  g_private_set (&document_language, GINT_TO_POINTER (previous + 1));
}

int
_dd_document_language_get (void)
{
  return GPOINTER_TO_INT (g_private_get (&document_language)) - 1;
}

const char *
_dd_document_gettext (const char *msgid)
{
  const char *vi;

  switch (_dd_document_language_get ())
    {
    case DD_LANGUAGE_ENGLISH:
      return msgid;
    case DD_LANGUAGE_VIETNAMESE:
      vi = lookup_vi (msgid);
      return vi != NULL ? vi : msgid;
    default:
      return g_dgettext (GETTEXT_PACKAGE, msgid);
    }
}

const char *
_dd_document_pgettext (const char *msgctxtid,
                       gsize       msgidoffset)
{
  const char *vi;

  switch (_dd_document_language_get ())
    {
    case DD_LANGUAGE_ENGLISH:
      return msgctxtid + msgidoffset;
    case DD_LANGUAGE_VIETNAMESE:
      vi = lookup_vi (msgctxtid);
      return vi != NULL ? vi : msgctxtid + msgidoffset;
    default:
      return g_dpgettext (GETTEXT_PACKAGE, msgctxtid, msgidoffset);
    }
}

const char *
_dd_document_ngettext (const char *msgid,
                       const char *msgid_plural,
                       gulong      n)
{
  const char *vi;

  switch (_dd_document_language_get ())
    {
    case DD_LANGUAGE_ENGLISH:
      return n == 1 ? msgid : msgid_plural;
    case DD_LANGUAGE_VIETNAMESE:
      vi = lookup_vi (msgid);
      return vi != NULL ? vi : n == 1 ? msgid : msgid_plural;
    default:
      return g_dngettext (GETTEXT_PACKAGE, msgid, msgid_plural, n);
    }
}
