/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "dondoc/dondoc.h"

static void
check_number (double v, guint decimals, const char *expected)
{
  g_autofree char *s = dd_format_number (v, decimals);
  g_assert_cmpstr (s, ==, expected);
}

static void
test_numbers (void)
{
  dd_format_set_language (DD_LANGUAGE_VIETNAMESE);
  check_number (1234.5, 1, "1.234,5");
  check_number (1234567, 0, "1.234.567");
  check_number (999, 0, "999");
  check_number (-1234.56, 2, "-1.234,56");
  check_number (-0.001, 1, "0,0");
  check_number (0.5, 0, "0");
  {
    g_autofree char *p = dd_format_percent (95.2, 1);
    g_assert_cmpstr (p, ==, "95,2%");
  }

  dd_format_set_language (DD_LANGUAGE_ENGLISH);
  check_number (1234.5, 1, "1,234.5");
  check_number (1234567.891, 2, "1,234,567.89");
  {
    g_autofree char *p = dd_format_percent (95.2, 1);
    g_assert_cmpstr (p, ==, "95.2%");
  }
  dd_format_set_language (-1);
}

static void
check_owned (char *got, const char *expected)
{
  g_assert_cmpstr (got, ==, expected);
  g_free (got);
}

/* Counts grouped, shares with one rule, task numbers as sentences say
 * them, moments in local time. */
static void
test_counts_and_shares (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) moment = g_date_time_new (utc, 2026, 12, 5, 22, 52, 39);
  g_autoptr(GDateTime) local = g_date_time_to_local (moment);
  g_autofree char *expected_time = g_date_time_format (local, "%d/%m/%Y %H:%M");

  dd_format_set_language (DD_LANGUAGE_VIETNAMESE);
  check_owned (dd_format_count (11383), "11.383");
  check_owned (dd_format_count (100000), "100.000");
  check_owned (dd_format_count (0), "0");
  check_owned (dd_format_share (100.0), "100%");
  check_owned (dd_format_share (99.96), "100%");
  check_owned (dd_format_share (95.24), "95,2%");
  check_owned (dd_format_share (2.0 / 3.0 * 100.0), "66,7%");
  check_owned (dd_format_share (0), "0%");
  check_owned (dd_format_share (NAN), "—");
  dd_format_set_language (DD_LANGUAGE_ENGLISH);
  check_owned (dd_format_count (11383), "11,383");
  check_owned (dd_format_share (95.24), "95.2%");
  dd_format_set_language (-1);

  check_owned (dd_format_task_number ("5."), "5");
  check_owned (dd_format_task_number (" 12.3. "), "12.3");
  check_owned (dd_format_task_number ("II"), "II");
  g_assert_null (dd_format_task_number ("."));
  g_assert_null (dd_format_task_number (NULL));

  check_owned (dd_format_iso_time ("2026-12-05T22:52:39Z"), expected_time);
  check_owned (dd_format_date_time (moment), expected_time);
  check_owned (dd_format_iso_time ("not a time"), "not a time");
  check_owned (dd_format_iso_time (NULL), "");
}

/* A program run from the build tree finds the build's catalogues without
 * DONDOC_LOCALEDIR (as `_build/src/cli/dondoc-cli` does); the variable
 * still wins. */
static void
test_locale_dir (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("DONDOC_LOCALEDIR"));

  g_unsetenv ("DONDOC_LOCALEDIR");
  g_assert_cmpstr (dd_get_locale_dir (), ==, BUILD_LOCALEDIR);
  g_setenv ("DONDOC_LOCALEDIR", "/somewhere/else", TRUE);
  g_assert_cmpstr (dd_get_locale_dir (), ==, "/somewhere/else");
  if (saved != NULL)
    g_setenv ("DONDOC_LOCALEDIR", saved, TRUE);
  else
    g_unsetenv ("DONDOC_LOCALEDIR");
}

static void
test_dates (void)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 28, 4, 2026);

  dd_format_set_language (DD_LANGUAGE_VIETNAMESE);
  {
    g_autofree char *s = dd_format_date (&d);
    g_autofree char *l = dd_format_date_long (&d);
    g_assert_cmpstr (s, ==, "28/04/2026");
    g_assert_cmpstr (l, ==, "ngày 28 tháng 4 năm 2026");
  }
  g_assert_cmpstr (dd_format_weekday (g_date_get_weekday (&d)), ==, "Thứ Ba");
  g_assert_cmpstr (dd_format_weekday (G_DATE_SUNDAY), ==, "Chủ nhật");
  g_assert_cmpint (dd_format_first_weekday (), ==, G_DATE_MONDAY);

  dd_format_set_language (DD_LANGUAGE_ENGLISH);
  {
    g_autofree char *l = dd_format_date_long (&d);
    g_assert_cmpstr (l, ==, "28 April 2026");
  }
  g_assert_cmpstr (dd_format_weekday (G_DATE_TUESDAY), ==, "Tuesday");
  g_assert_null (dd_format_date_long (NULL));
  dd_format_set_language (-1);
}

/* Without a forced choice, the language is the catalogue's. */
static void
test_follows_catalogue (void)
{
  g_setenv ("LANGUAGE", "vi", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  dd_init_i18n ();
  if (g_strcmp0 (g_dgettext (GETTEXT_PACKAGE, "Done on time"), "Done on time") == 0)
    {
      /* The build-tree catalogue (DONDOC_LOCALEDIR) is missing: say so. */
      g_test_fail_printf ("No Vietnamese catalogue under %s", g_getenv ("DONDOC_LOCALEDIR"));
      return;
    }
  g_assert_cmpint (dd_format_get_language (), ==, DD_LANGUAGE_VIETNAMESE);
  {
    g_autofree char *s = dd_format_number (1234.5, 1);
    g_assert_cmpstr (s, ==, "1.234,5");
  }
}

/* The reporting periods' names: one list for the editor's check boxes and
 * the history's sentences, in the decree's order whatever the bits. */
static void
test_period_names (void)
{
  g_autofree char *all = NULL;
  g_autofree char *some = NULL;
  g_autofree char *none = dd_period_flags_format (0);

  g_setenv ("LANGUAGE", "vi", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  dd_init_i18n ();

  g_assert_cmpstr (dd_period_flag_get_label (DD_PERIOD_QUARTERLY), ==, "Hằng quý");
  g_assert_cmpstr (dd_period_flag_get_label (DD_PERIOD_NINE_MONTHS), ==, "9 tháng");
  g_assert_cmpstr (dd_period_flag_get_label (DD_PERIOD_AD_HOC), ==, "Đột xuất");
  g_assert_null (dd_period_flag_get_label (DD_PERIOD_MONTHLY | DD_PERIOD_YEARLY));

  some = dd_period_flags_format (DD_PERIOD_AD_HOC | DD_PERIOD_YEARLY | DD_PERIOD_QUARTERLY);
  g_assert_cmpstr (some, ==, "hằng quý, hằng năm, đột xuất");
  all = dd_period_flags_format (DD_PERIOD_ALL_PERIODS);
  g_assert_cmpstr (all, ==, "hằng tháng, hằng quý, 6 tháng, 9 tháng, hằng năm");
  g_assert_cmpstr (none, ==, "");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/format/numbers", test_numbers);
  g_test_add_func ("/core/format/dates", test_dates);
  g_test_add_func ("/core/format/counts-and-shares", test_counts_and_shares);
  g_test_add_func ("/core/format/locale-dir", test_locale_dir);
  g_test_add_func ("/core/format/follows-catalogue", test_follows_catalogue);
  g_test_add_func ("/core/format/period-names", test_period_names);
  return g_test_run ();
}
