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
  g_test_add_func ("/core/text/unit-key", test_unit_key);
  g_test_add_func ("/core/text/collate", test_collate);
  g_test_add_func ("/core/text/normalize-space", test_normalize_space);
  g_test_add_func ("/core/text/forbidden", test_forbidden);
  return g_test_run ();
}
