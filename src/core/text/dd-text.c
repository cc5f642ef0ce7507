/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-text"

#include "config.h"

#include <string.h>
#include <unicode/ucol.h>

#include "dondoc/dondoc.h"

/*
 * Vietnamese collation comes from ICU's "vi" collator (libicu), not from a
 * table of our own. An ICU collator is not safe for concurrent use, so one
 * shared instance is guarded by a mutex.
 */
static GMutex collator_lock;

static UCollator *
get_collator (void)
{
  static UCollator *collator = NULL;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      UErrorCode status = U_ZERO_ERROR;

      collator = ucol_open ("vi", &status);
      if (U_FAILURE (status))
        g_error ("ICU cannot open the Vietnamese collator: %s", u_errorName (status));
      g_once_init_leave (&initialized, 1);
    }
  return collator;
}

char *
dd_text_normalize_space (const char *text)
{
  GString *out;
  gboolean pending_space = FALSE;

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0)
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Appends @c of the decomposed text to @out, folded: marks dropped, a run
 * of spaces one space (none first), Đ/đ as d, lower case. */
static inline void
fold_char (GString  *out,
           gunichar  c,
           gboolean *pending_space)
{
  GUnicodeType type;

  if (c < 0x80)
    {
      /* ASCII has no mark; g_unichar_isspace()'s spaces. */
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')
        {
          *pending_space = out->len > 0;
          return;
        }
      if (*pending_space)
        g_string_append_c (out, ' ');
      *pending_space = FALSE;
      g_string_append_c (out, g_ascii_tolower ((char) c));
      return;
    }
  type = g_unichar_type (c);
  if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK ||
      type == G_UNICODE_ENCLOSING_MARK)
    return;
  if (g_unichar_isspace (c) || c == 0x00A0)
    {
      *pending_space = out->len > 0;
      return;
    }
  if (c == 0x0110 || c == 0x0111)   /* Đ, đ: a letter of its own, not d + mark */
    c = 'd';
  if (*pending_space)
    g_string_append_c (out, ' ');
  *pending_space = FALSE;
  g_string_append_unichar (out, g_unichar_tolower (c));
}

/* The text in NFD with its marks dropped. Each character is decomposed on
 * its own (g_unichar_fully_decompose(), the tables g_utf8_normalize()
 * reads), ASCII not at all: the canonical reordering that NFD adds only
 * moves characters of a combining class, which are all marks, dropped
 * here; so the result is g_utf8_normalize (G_NORMALIZE_NFD)'s, folded, at
 * a fraction of its cost (an import folds every row's text). */
char *
dd_text_fold_for_search (const char *text)
{
  GString *out;
  gboolean pending_space = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0';)
    {
      gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gunichar c = (guchar) *p;
      gsize n;

      if (c < 0x80)
        {
          fold_char (out, c, &pending_space);
          p++;
          continue;
        }
      c = g_utf8_get_char (p);
      p = g_utf8_next_char (p);
      n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
      for (gsize i = 0; i < n; i++)
        fold_char (out, decomposed[i], &pending_space);
    }
  return g_string_free (out, FALSE);
}

char *
dd_text_unit_match_key (const char *name)
{
  g_autofree char *nfc = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *spaced = NULL;
  GString *out;

  if (name == NULL)
    return g_strdup ("");

  nfc = g_utf8_normalize (name, -1, G_NORMALIZE_NFC);
  folded = g_utf8_casefold (nfc != NULL ? nfc : "", -1);

  /* Dashes of every kind become "-" with no space around them, so that
   * "Hành chính - Quản trị" and "Hành chính–Quản trị" are one unit. */
  out = g_string_new (NULL);
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2212)
        c = '-';
      if (c == '-')
        {
          while (out->len > 0 && out->str[out->len - 1] == ' ')
            g_string_truncate (out, out->len - 1);
          g_string_append_c (out, '-');
          while (p[1] == ' ')
            p++;
          continue;
        }
      g_string_append_unichar (out, c);
    }
  spaced = dd_text_normalize_space (out->str);
  g_string_free (out, TRUE);
  /* Never NULL for a string (gcc -fanalyzer does not see that GString's
   * str is one). */
  g_assert (spaced != NULL);

  /* Trailing punctuation and the trailing "tỉnh" (of the province) do not make
   * another unit. */
  for (;;)
    {
      gsize len = strlen (spaced);

      if (len > 0 && strchr (".,;:", spaced[len - 1]) != NULL)
        {
          spaced[len - 1] = '\0';
          g_strchomp (spaced);
          continue;
        }
      if (g_str_has_suffix (spaced, " tỉnh"))
        {
          spaced[len - strlen (" tỉnh")] = '\0';
          continue;
        }
      break;
    }
  return g_steal_pointer (&spaced);
}

guint8 *
dd_text_collate_key (const char *text,
                     gsize      *out_len)
{
  g_autofree gunichar2 *utf16 = NULL;
  glong n_units = 0;
  guint8 *key;
  guint8 small[512];
  int32_t len;
  UCollator *collator;

  g_return_val_if_fail (out_len != NULL, NULL);

  utf16 = g_utf8_to_utf16 (text != NULL ? text : "", -1, NULL, &n_units, NULL);
  if (utf16 == NULL)
    {
      utf16 = g_new0 (gunichar2, 1);
      n_units = 0;
    }

  /* Most keys fit in @small: ICU makes each key once, not once to size
   * it and again to write it (an import makes 100,000 of them). */
  collator = get_collator ();
  g_mutex_lock (&collator_lock);
  len = ucol_getSortKey (collator, (const UChar *) utf16, (int32_t) n_units, small, (int32_t) sizeof small);
  if (len > 0 && len <= (int32_t) sizeof small)
    key = g_memdup2 (small, (gsize) len);
  else
    {
      key = g_malloc (MAX (len, 1));
      len = ucol_getSortKey (collator, (const UChar *) utf16, (int32_t) n_units, key, MAX (len, 1));
    }
  g_mutex_unlock (&collator_lock);

  /* The key ends with a NUL byte, which memcmp needs no more than we do. */
  *out_len = len > 0 ? (gsize) len - 1 : 0;
  return key;
}

int
dd_text_collate (const char *a,
                 const char *b)
{
  UErrorCode status = U_ZERO_ERROR;
  UCollationResult r;

  if (a == NULL || b == NULL)
    return (a == NULL ? 0 : 1) - (b == NULL ? 0 : 1);

  g_mutex_lock (&collator_lock);
  r = ucol_strcollUTF8 (get_collator (), a, -1, b, -1, &status);
  g_mutex_unlock (&collator_lock);

  if (U_FAILURE (status))
    return strcmp (a, b);
  return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

/**
 * dd_text_is_blank:
 * @text: (nullable): UTF-8 text
 *
 * Returns: %TRUE when @text is %NULL, empty or only white space (Unicode:
 *   a no-break space that Word inserts counts as space)
 */
gboolean
dd_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

gboolean
dd_text_is_forbidden_char (gunichar c)
{
  if (c < 0x20)
    return c != '\t' && c != '\n' && c != '\r';
  if (c >= 0x7F && c <= 0x9F)
    return TRUE;
  if (c >= 0xFDD0 && c <= 0xFDEF)
    return TRUE;
  return (c & 0xFFFE) == 0xFFFE;
}

guint
dd_text_remove_forbidden (char  *text,
                          guint *out_first_line)
{
  guint removed = 0, line = 1, first_line = 0;
  char *out = text;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p != '\0';)
    {
      const char *next = g_utf8_next_char (p);
      gunichar c = g_utf8_get_char (p);

      if (dd_text_is_forbidden_char (c))
        {
          if (removed++ == 0)
            first_line = line;
        }
      else
        {
          line += c == '\n';
          memmove (out, p, (gsize) (next - p));
          out += next - p;
        }
      p = next;
    }
  *out = '\0';
  if (out_first_line != NULL)
    *out_first_line = first_line;
  return removed;
}

char *
dd_text_dup_escaped_for_terminal (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *p;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (dd_text_is_forbidden_char (c))
        {
          /* Beyond the BMP, JSON spells a character as its surrogates. */
          if (c > 0xFFFF)
            g_string_append_printf (out, "\\u%04X\\u%04X",
                                    0xD800 + ((c - 0x10000) >> 10), 0xDC00 + ((c - 0x10000) & 0x3FF));
          else
            g_string_append_printf (out, "\\u%04X", c);
        }
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}
