/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dondoc/dondoc.h"

static void
test_fold (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { "Hành chính", "hanh chinh" },
    { "Phòng Hành chính - Quản trị", "phong hanh chinh - quan tri" },
    { "ĐÔN ĐỐC", "don doc" },
    { "  Trung   tâm\tPhục vụ\n", "trung tam phuc vu" },
    { "Ủy ban nhân dân", "uy ban nhan dan" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = dd_text_fold_for_search (cases[i].in);
      g_assert_cmpstr (folded, ==, cases[i].out);
    }

  /* NFC and NFD input fold alike. */
  {
    g_autofree char *nfd = g_utf8_normalize ("Hạnh", -1, G_NORMALIZE_NFD);
    g_autofree char *a = dd_text_fold_for_search (nfd);
    g_autofree char *b = dd_text_fold_for_search ("Hạnh");
    g_assert_cmpstr (a, ==, b);
  }
}

/* The folding as it was written first: the whole text through
 * g_utf8_normalize (NFD), then each character. dd_text_fold_for_search()
 * must give the same for any text. */
static char *
fold_reference (const char *text)
{
  g_autofree char *nfd = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  nfd = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  if (nfd == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (nfd));
  for (const char *p = nfd; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK ||
          type == G_UNICODE_ENCLOSING_MARK)
        continue;
      if (g_unichar_isspace (c) || c == 0x00A0)
        {
          pending_space = out->len > 0;
          continue;
        }
      if (c == 0x0110 || c == 0x0111)
        c = 'd';
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, g_unichar_tolower (c));
    }
  return g_string_free (out, FALSE);
}

static void
assert_folds_as_reference (const char *text)
{
  g_autofree char *folded = dd_text_fold_for_search (text);
  g_autofree char *expected = fold_reference (text);

  g_assert_cmpstr (folded, ==, expected);
}

/* Every character alone (after "A" and before " b", so that spaces and
 * marks are seen beside others), random texts of Vietnamese letters, marks
 * in both orders, spaces and characters of other scripts, and invalid
 * UTF-8: the same folding as the reference. */
static void
test_fold_same_as_normalize (void)
{
  static const gunichar pool[] = {
    'a', 'D', 'z', ' ', '\t', '\n', 0x00A0, 0x2003, 0x0300, 0x0301, 0x0303, 0x0309, 0x0323, 0x0302, 0x0306,
    0x031B, 0x0110, 0x0111, 0x00C2, 0x1EA0, 0x1EA1, 0x1EDB, 0x1EE9, 0x01A0, 0x01AF, 0x00D0, 0x1E9E, 0x00DF,
    0x0130, 0xAC00, 0x1100, 0x1161, 0x0F73, 0x0F71, 0x05B8, 0x0591, 0x20DD, 0x0903, 0xFB01, 0x2126, 0x212B,
    0x1F80, 0x0344, 0x0958, 0x1D15E, 0x2F800, 0x00E0, 0x00C0, 0x0041,
  };
  GRand *rand = g_rand_new_with_seed (20);
  char buffer[16];

  for (gunichar c = 1; c < 0x110000; c++)
    {
      g_autofree char *text = NULL;

      if (c >= 0xD800 && c <= 0xDFFF)
        continue;
      buffer[g_unichar_to_utf8 (c, buffer)] = '\0';
      text = g_strconcat ("A", buffer, " b", NULL);
      assert_folds_as_reference (text);
    }
  for (guint i = 0; i < 20000; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n = (guint) g_rand_int_range (rand, 0, 24);

      for (guint j = 0; j < n; j++)
        g_string_append_unichar (text, pool[g_rand_int_range (rand, 0, G_N_ELEMENTS (pool))]);
      assert_folds_as_reference (text->str);
    }
  assert_folds_as_reference ("Ha\xcc\xa3\xcc\x82nh");
  assert_folds_as_reference ("H\xff\xfe");
  assert_folds_as_reference ("\xc3");
  g_rand_free (rand);
}

static void
test_unit_key (void)
{
  g_autofree char *a = dd_text_unit_match_key ("Trung tâm Phục vụ Hành chính công");
  g_autofree char *b = dd_text_unit_match_key ("Trung tâm Phục vụ hành chính công tỉnh");
  g_autofree char *c = dd_text_unit_match_key ("Phòng Hành chính - Quản trị");
  g_autofree char *d = dd_text_unit_match_key ("Phòng Hành chính–Quản trị.");
  g_autofree char *e = dd_text_unit_match_key ("Phòng Hạnh chính - Quản trị");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (c, ==, d);
  /* Diacritics are kept: another tone is another name. */
  g_assert_cmpstr (c, !=, e);
}

static void
test_collate (void)
{
  /* Vietnamese order differs from byte order: "Đ" comes right after "D",
   * before "E" (its UTF-8 bytes sort after "Z"). */
  const char *words[] = { "an", "Án", "anh", "ăn", "ân", "bà", "Dũng", "Đức", "Em", "Ê", "Giang", "Zô" };
  gsize n = G_N_ELEMENTS (words);

  for (gsize i = 0; i + 1 < n; i++)
    {
      gsize la, lb;
      g_autofree guint8 *ka = dd_text_collate_key (words[i], &la);
      g_autofree guint8 *kb = dd_text_collate_key (words[i + 1], &lb);
      int cmp = memcmp (ka, kb, MIN (la, lb));

      if (cmp == 0)
        cmp = la < lb ? -1 : la > lb ? 1 : 0;
      g_test_message ("%s < %s", words[i], words[i + 1]);
      g_assert_cmpint (dd_text_collate (words[i], words[i + 1]), <, 0);
      g_assert_cmpint (cmp, <, 0);
    }
  g_assert_cmpint (strcmp ("Đức", "Zô"), >, 0);
  g_assert_cmpint (dd_text_collate ("Đức", "Zô"), <, 0);
}

static void
test_normalize_space (void)
{
  g_autofree char *s = dd_text_normalize_space ("  a \t b\n\nc  ");
  g_assert_cmpstr (s, ==, "a b c");
  g_assert_null (dd_text_normalize_space (NULL));
}

/* Controls (but tab, line feed, carriage return) and noncharacters go, and
 * are written visibly for a terminal. */
static void
test_forbidden (void)
{
  g_autofree char *text = g_strdup ("A\tB\x1b[2Jc\r\nd\xc2\x9b" "31m\xef\xbf\xbe" "e\xef\xb7\x90" "f\x7f\xf4\x8f\xbf\xbf" "Đ");
  g_autofree char *escaped = NULL;
  guint line = 0;

  escaped = dd_text_dup_escaped_for_terminal (text);
  g_assert_cmpstr (escaped, ==, "A\tB\\u001B[2Jc\r\nd\\u009B31m\\uFFFEe\\uFDD0f\\u007F\\uDBFF\\uDFFFĐ");
  g_assert_cmpuint (dd_text_remove_forbidden (text, &line), ==, 6);
  g_assert_cmpuint (line, ==, 1);
  g_assert_cmpstr (text, ==, "A\tB[2Jc\r\nd31mefĐ");
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_false (dd_text_is_forbidden_char (0x1EA0));   /* Ạ */
  g_assert_false (dd_text_is_forbidden_char (0xFFFD));
  g_assert_true (dd_text_is_forbidden_char (0x1FFFF));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/text/fold", test_fold);
  g_test_add_func ("/core/text/fold-same-as-normalize", test_fold_same_as_normalize);
  g_test_add_func ("/core/text/unit-key", test_unit_key);
  g_test_add_func ("/core/text/collate", test_collate);
  g_test_add_func ("/core/text/normalize-space", test_normalize_space);
  g_test_add_func ("/core/text/forbidden", test_forbidden);
  return g_test_run ();
}
