/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "dondoc/dondoc.h"

static void
test_parse (void)
{
  GDate d;

  g_assert_true (dd_date_parse_iso ("2026-04-30", &d));
  g_assert_cmpint (g_date_get_day (&d), ==, 30);
  g_assert_cmpint (g_date_get_month (&d), ==, 4);
  g_assert_cmpint (g_date_get_year (&d), ==, 2026);

  g_assert_false (dd_date_parse_iso ("2026-02-30", &d));
  g_assert_false (dd_date_parse_iso ("2026-4-30", &d));
  g_assert_false (dd_date_parse_iso ("30/04/2026", &d));
  g_assert_false (dd_date_parse_iso (NULL, &d));
  g_assert_false (g_date_valid (&d));

  g_assert_true (dd_date_parse_dmy ("28/4/2026", &d));
  g_assert_cmpint (g_date_get_day (&d), ==, 28);
  g_assert_true (dd_date_parse_dmy ("01.12.2026", &d));
  g_assert_cmpint (g_date_get_month (&d), ==, 12);
  g_assert_false (dd_date_parse_dmy ("31/02/2026", &d));
  g_assert_false (dd_date_parse_dmy ("29/02/2026", &d));
  g_assert_true (dd_date_parse_dmy ("29/02/2028", &d));
  g_assert_false (dd_date_parse_dmy ("1/13/2026", &d));
  g_assert_false (dd_date_parse_dmy ("1/1/26", &d));
  g_assert_false (dd_date_parse_dmy ("1/1-2026", &d));

  g_assert_true (dd_date_parse_any (" 2026-05-01 ", &d));
  g_assert_true (dd_date_parse_any ("1/5/2026", &d));
  g_assert_false (dd_date_parse_any ("tomorrow", &d));
}

static void
test_format (void)
{
  GDate d;
  g_autofree char *iso = NULL;
  g_autofree char *dmy = NULL;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 8, 4, 2026);
  iso = dd_date_to_iso (&d);
  dmy = dd_date_to_dmy (&d);
  g_assert_cmpstr (iso, ==, "2026-04-08");
  g_assert_cmpstr (dmy, ==, "08/04/2026");
  g_assert_null (dd_date_to_iso (NULL));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/date/parse", test_parse);
  g_test_add_func ("/core/date/format", test_format);
  return g_test_run ();
}
