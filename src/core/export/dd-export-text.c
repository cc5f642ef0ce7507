/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-export"

#include "config.h"

#include <string.h>

#include "dd-export-private.h"

/*
 * The one sanitiser of the documents: every string that goes into a part
 * of the workbook (cells, shared and inline strings, document properties,
 * headers and footers, merged titles, the charts' cached labels) or to
 * Pango for the handout passes through _dd_export_clean_text().
 *
 * XML 1.0 allows no C0 control character but tab, line feed and carriage
 * return, and no U+FFFE or U+FFFF; Unicode's noncharacters (U+FDD0–U+FDEF
 * and the last two code points of every plane) make strict readers (and
 * GLib's validation under Pango) refuse the text. Excel reads "_xHHHH_" in
 * a cell as the character HHHH, so a literal one is escaped as
 * "_x005F_xHHHH_" (how Excel itself writes it).
 */

/* Bytes after which the text may need a change: C0 controls (but tab and
 * line feed), '_' (a "_xHHHH_"), and the lead bytes of the noncharacters
 * (EF: U+FDD0–U+FDEF, U+FFFE, U+FFFF; F0–F4: U+1FFFE … U+10FFFF). */
static gboolean
is_suspect_byte (guchar b)
{
  return (b < 0x20 && b != '\t' && b != '\n') || b == '_' || b == 0xEF || b >= 0xF0;
}

static gboolean
is_noncharacter (gunichar ch)
{
  return (ch >= 0xFDD0 && ch <= 0xFDEF) || (ch & 0xFFFE) == 0xFFFE;
}

/* "_xHHHH_" at @p: four hexadecimal digits between "_x" and "_". */
static gboolean
is_escape_sequence (const char *p)
{
  if (p[0] != '_' || p[1] != 'x')
    return FALSE;
  for (int i = 2; i < 6; i++)
    if (!g_ascii_isxdigit (p[i]))
      return FALSE;
  return p[6] == '_';
}

/* Whether @text (valid UTF-8) needs any change at all: one quick pass over
 * its bytes, most of which (Vietnamese letters included) are not suspect. */
static gboolean
needs_cleaning (const char    *text,
                gsize          len,
                DdCleanFlags   flags)
{
  for (gsize i = 0; i < len; i++)
    {
      guchar b = (guchar) text[i];

      if (G_LIKELY (!is_suspect_byte (b)))
        continue;
      if (b < 0x20)
        return TRUE;
      if (b == '_')
        {
          if ((flags & DD_CLEAN_ESCAPE_X) && is_escape_sequence (text + i))
            return TRUE;
          continue;
        }
      if (is_noncharacter (g_utf8_get_char (text + i)))
        return TRUE;
    }
  return FALSE;
}

/* Appends @ch as a document can carry it. */
static void
append_clean (GString    *out,
              const char *p,
              gunichar    ch)
{
  if (ch == 0x0B || ch == 0x0C)
    /* Word's line break and the page break: a line break. */
    g_string_append_c (out, '\n');
  else if (ch == '\r')
    {
      /* CR LF and CR alone: one line break. */
      if (p[1] != '\n')
        g_string_append_c (out, '\n');
    }
  else if (ch < 0x20 && ch != '\t' && ch != '\n')
    g_string_append_c (out, ' ');
  else if (is_noncharacter (ch))
    /* Visible: the reader sees that something was there. */
    g_string_append (out, "\xEF\xBF\xBD");
  else
    g_string_append_unichar (out, ch);
}

/**
 * _dd_export_clean_text:
 * @out: where the cleaned text is written when it needs a change (cleared first)
 * @text: (nullable): any bytes
 * @flags: %DD_CLEAN_ESCAPE_X for a cell's text
 *
 * Returns: @text itself when it is fit as it is (the common case, after
 *   one pass), else @out->str; %NULL for %NULL
 */
const char *
_dd_export_clean_text (GString      *out,
                       const char   *text,
                       DdCleanFlags  flags)
{
  g_autofree char *valid = NULL;
  gsize len;

  if (text == NULL)
    return NULL;
  len = strlen (text);
  if (!g_utf8_validate (text, (gssize) len, NULL))
    {
      valid = g_utf8_make_valid (text, (gssize) len);
      text = valid;
    }
  else if (!needs_cleaning (text, len, flags))
    return text;

  g_string_truncate (out, 0);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if ((flags & DD_CLEAN_ESCAPE_X) && is_escape_sequence (p))
        g_string_append (out, "_x005F");
      append_clean (out, p, g_utf8_get_char (p));
    }
  return out->str;
}

/* A cleaned copy of @text (%NULL for %NULL). (transfer full) */
char *
_dd_export_dup_clean (const char *text)
{
  g_autoptr(GString) out = NULL;
  const char *clean;

  if (text == NULL)
    return NULL;
  out = g_string_new (NULL);
  clean = _dd_export_clean_text (out, text, DD_CLEAN_NONE);
  return clean == text ? g_strdup (text) : g_string_free (g_steal_pointer (&out), FALSE);
}
