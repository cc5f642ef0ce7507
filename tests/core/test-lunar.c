/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "dondoc/dondoc.h"
#include "dd-lunar-private.h"
#include "dd-test-core.h"

static void
assert_solar (int         d,
              int         m,
              int         y,
              gboolean    leap,
              const char *iso)
{
  g_autoptr(GError) error = NULL;
  DdLunarDate lunar = { d, m, y, leap };
  DdLunarDate back;
  g_autofree char *got = NULL;
  GDate solar;

  g_assert_true (dd_lunar_to_solar (&lunar, &solar, &error));
  g_assert_no_error (error);
  got = dd_date_to_iso (&solar);
  g_assert_cmpstr (got, ==, iso);

  g_assert_true (dd_lunar_from_solar (&solar, &back, &error));
  g_assert_cmpint (back.day, ==, d);
  g_assert_cmpint (back.month, ==, m);
  g_assert_cmpint (back.year, ==, y);
  g_assert_cmpint (back.leap, ==, leap);
}

/* Tết Nguyên đán as published by Vietnamese calendars (UTC+7). */
static void
test_tet (void)
{
  static const char * const tet[] = {
    "1900-01-31", "1901-02-19", "1910-02-10", "1920-02-20", "1930-01-30",
    "1940-02-08", "1945-02-13", "1950-02-17", "1960-01-28", "1970-02-06",
    "1975-02-11", "1980-02-16", "1985-01-21", "1990-01-27", "1995-01-31",
    "2000-02-05", "2001-01-24", "2005-02-09", "2007-02-17", "2010-02-14",
    "2012-01-23", "2015-02-19", "2016-02-08", "2017-01-28", "2018-02-16",
    "2019-02-05", "2020-01-25", "2021-02-12", "2022-02-01", "2023-01-22",
    "2024-02-10", "2025-01-29", "2026-02-17", "2027-02-06", "2028-01-26",
    "2029-02-13", "2050-01-23", "2100-02-09",
  };

  for (guint i = 0; i < G_N_ELEMENTS (tet); i++)
    {
      g_autofree char *year = g_strndup (tet[i], 4);

      g_test_message ("Tet %s", year);
      assert_solar (1, 1, atoi (year), FALSE, tet[i]);
    }
}

/* The years where the calendar of UTC+7 and the Chinese one (UTC+8) part:
 * Tết Ất Sửu fell on 21/1/1985 in Vietnam, a month before China's 20/2/1985,
 * because month 11 and the leap month fall differently; Tết Đinh Hợi on
 * 17/2/2007, a day before China's 18/2/2007 (the new moon at 23:14 UTC+7). */
static void
test_vietnam_differs_from_china (void)
{
  DdLunarDate lunar;
  GDate d;

  d = dd_test_date ("1985-01-21");
  g_assert_true (dd_lunar_from_solar (&d, &lunar, NULL));
  g_assert_cmpint (lunar.day, ==, 1);
  g_assert_cmpint (lunar.month, ==, 1);
  g_assert_cmpint (lunar.year, ==, 1985);

  d = dd_test_date ("1985-02-20");
  g_assert_true (dd_lunar_from_solar (&d, &lunar, NULL));
  g_assert_cmpint (lunar.month, !=, 1);

  d = dd_test_date ("2007-02-17");
  g_assert_true (dd_lunar_from_solar (&d, &lunar, NULL));
  g_assert_cmpint (lunar.day, ==, 1);
  g_assert_cmpint (lunar.month, ==, 1);
  g_assert_cmpint (lunar.year, ==, 2007);

  d = dd_test_date ("2007-02-18");
  g_assert_true (dd_lunar_from_solar (&d, &lunar, NULL));
  g_assert_cmpint (lunar.day, ==, 2);
}

static void
test_leap_months (void)
{
  struct { int year; int leap; } years[] = {
    { 2001, 4 }, { 2004, 2 }, { 2006, 7 }, { 2009, 5 }, { 2012, 4 }, { 2014, 9 },
    { 2017, 6 }, { 2020, 4 }, { 2023, 2 }, { 2025, 6 }, { 2028, 5 },
    { 2019, 0 }, { 2024, 0 }, { 2026, 0 }, { 2027, 0 },
  };
  g_autoptr(GError) error = NULL;
  DdLunarDate lunar = { 1, 3, 2026, TRUE };
  GDate d;

  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      g_test_message ("leap month of %d", years[i].year);
      g_assert_cmpint (dd_lunar_leap_month (years[i].year), ==, years[i].leap);
    }

  /* The first days of the leap months of 2020, 2023 and 2025. */
  assert_solar (1, 4, 2020, TRUE, "2020-05-23");
  assert_solar (1, 2, 2023, TRUE, "2023-03-22");
  assert_solar (1, 6, 2025, TRUE, "2025-07-25");
  assert_solar (1, 7, 2025, FALSE, "2025-08-23");

  /* No leap month 3 in 2026. */
  g_assert_false (dd_lunar_to_solar (&lunar, &d, &error));
  g_assert_error (error, DD_LUNAR_ERROR, DD_LUNAR_ERROR_INVALID);
}

static void
test_known_days (void)
{
  /* Giỗ Tổ Hùng Vương (10/3) and Tết Trung thu (15/8). */
  assert_solar (10, 3, 2024, FALSE, "2024-04-18");
  assert_solar (10, 3, 2025, FALSE, "2025-04-07");
  assert_solar (10, 3, 2026, FALSE, "2026-04-26");
  assert_solar (15, 8, 2025, FALSE, "2025-10-06");
  /* The last day of the year Ất Tỵ: 29 Tết, a 29-day twelfth month. */
  assert_solar (29, 12, 2025, FALSE, "2026-02-16");
  g_assert_cmpint (dd_lunar_month_length (2025, 12, FALSE), ==, 29);
}

static void
test_round_trip_range (void)
{
  GDate d, end, back;
  DdLunarDate lunar, previous = { 0, };
  guint n = 0;

  d = dd_test_date ("1900-01-01");
  end = dd_test_date ("2100-12-31");
  while (g_date_compare (&d, &end) <= 0)
    {
      g_assert_true (dd_lunar_from_solar (&d, &lunar, NULL));
      g_assert_true (dd_lunar_to_solar (&lunar, &back, NULL));
      g_assert_cmpint (g_date_compare (&d, &back), ==, 0);

      /* Days run 1, 2, … 29 or 30, then 1 of the next month. */
      if (previous.day != 0)
        {
          if (lunar.day == 1)
            g_assert_cmpint (previous.day, >=, 29);
          else
            g_assert_cmpint (lunar.day, ==, previous.day + 1);
        }
      previous = lunar;
      g_date_add_days (&d, 1);
      n++;
    }
  g_assert_cmpuint (n, ==, 73414);
}

static void
test_range_and_format (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  DdLunarDate lunar = { 1, 6, 2025, TRUE };
  DdLunarDate parsed;
  GDate d = dd_test_date ("1899-12-31");

  g_assert_false (dd_lunar_from_solar (&d, &parsed, &error));
  g_assert_error (error, DD_LUNAR_ERROR, DD_LUNAR_ERROR_RANGE);

  text = dd_lunar_date_format (&lunar);
  g_assert_cmpstr (text, ==, "01/06/2025 (nhuận)");
  g_assert_true (dd_lunar_date_parse ("10/3/2026", &parsed));
  g_assert_cmpint (parsed.day, ==, 10);
  g_assert_cmpint (parsed.month, ==, 3);
  g_assert_cmpint (parsed.year, ==, 2026);
  g_assert_false (dd_lunar_date_parse ("31/1/2026", &parsed));
  g_assert_false (dd_lunar_date_parse ("1/13/2026", &parsed));
  g_assert_false (dd_lunar_date_parse ("x", &parsed));
}

/* The reference table (tests/data/lunar), generated once from an ephemeris
 * by make-lunar-table.c beside it. */
static GStrv
read_table (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "lunar", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return g_strsplit (g_strchomp (text), "\n", -1);
}

/* An instant written in UTC+7 as the table does, in Unix seconds. */
static double
local_instant (const char *iso)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (7 * 3600);
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, zone);

  g_assert_nonnull (dt);
  return (double) g_date_time_to_unix (dt) + g_date_time_get_microsecond (dt) / 1e6;
}

/* The largest error allowed against the table, in seconds: the sun and the
 * moon are the table's ephemeris (the Swiss Ephemeris, Moshier mode) and
 * the table is written to 0.1 s, so what is left is its rounding (worst
 * 0.05 s, both). The table checks the search for the instants and ΔT; the
 * ephemeris itself is checked against others below
 * (test_independent_instants). */
#define MOON_TOLERANCE 0.1
#define TERM_TOLERANCE 0.1

static void
test_ephemeris_instants (void)
{
  g_auto(GStrv) rows = read_table ("instants.csv");
  double worst_moon = 0, worst_term = 0;
  guint n_moons = 0, n_terms = 0;

  g_assert_cmpstr (rows[0], ==, "kind,longitude,instant_utc7");
  for (guint i = 1; rows[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (rows[i], ",", -1);
      double expected, got, error;
      int longitude;

      g_assert_cmpuint (g_strv_length (f), ==, 3);
      expected = local_instant (f[2]);
      if (g_str_equal (f[0], "new_moon"))
        {
          got = dd_lunar_next_new_moon (expected - 3 * 86400.0);
          error = got - expected;
          if (fabs (error) > fabs (worst_moon))
            worst_moon = error;
          if (fabs (error) > MOON_TOLERANCE)
            g_test_message ("new moon %s: %+.3f s", f[2], error);
          g_assert_cmpfloat (fabs (error), <=, MOON_TOLERANCE);
          n_moons++;
        }
      else
        {
          g_assert_cmpstr (f[0], ==, "term");
          got = dd_lunar_next_principal_term (expected - 3 * 86400.0, &longitude);
          g_assert_cmpint (longitude, ==, atoi (f[1]));
          error = got - expected;
          if (fabs (error) > fabs (worst_term))
            worst_term = error;
          if (fabs (error) > TERM_TOLERANCE)
            g_test_message ("term %s %s: %+.3f s", f[1], f[2], error);
          g_assert_cmpfloat (fabs (error), <=, TERM_TOLERANCE);
          n_terms++;
        }
    }
  g_test_message ("%u new moons, worst %+.3f s; %u principal terms, worst %+.3f s",
                  n_moons, worst_moon, n_terms, worst_term);
  g_assert_cmpuint (n_moons, >=, 2487);
  g_assert_cmpuint (n_terms, >=, 2412);
}

static void
assert_first_day (const char *iso)
{
  DdLunarDate lunar;
  GDate d = dd_test_date (iso);

  g_test_message ("%s", iso);
  g_assert_true (dd_lunar_from_solar (&d, &lunar, NULL));
  g_assert_cmpint (lunar.day, ==, 1);
  g_date_subtract_days (&d, 1);
  g_assert_true (dd_lunar_from_solar (&d, &lunar, NULL));
  g_assert_cmpint (lunar.day, >=, 29);
}

/* Every Tết and leap month 1900–2100 as the table's instants place them. */
static void
test_ephemeris_years (void)
{
  g_auto(GStrv) rows = read_table ("years.csv");
  guint n = 0, n_leap = 0;

  g_assert_cmpstr (rows[0], ==, "year,tet,leap_month,leap_start");
  for (guint i = 1; rows[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (rows[i], ",", -1);
      int year = atoi (f[0]), leap = atoi (f[2]);

      g_assert_cmpuint (g_strv_length (f), ==, 4);
      g_test_message ("lunar year %d", year);
      assert_solar (1, 1, year, FALSE, f[1]);
      g_assert_cmpint (dd_lunar_leap_month (year), ==, leap);
      if (leap != 0)
        {
          assert_solar (1, leap, year, TRUE, f[3]);
          n_leap++;
        }
      n++;
    }
  g_assert_cmpuint (n, ==, 201);
  g_assert_cmpuint (n_leap, >=, 70);
}

/* The months an ephemeris starts a day after the old computation did
 * (1967-07-08, 2077-11-16, 2085-10-19). The last two follow from ΔT (about
 * 84 and 87 s, not 152 and 170). The new moon of July 1967 is 5.8 s after
 * midnight UTC+7 on 1967-07-08 by the Swiss Ephemeris and 6 s after by
 * JPL's DE431 (the figure, to the second): Meeus ch. 49's moon put
 * it 3 s before, the month on 1967-07-07. Both days are flagged as near a
 * boundary, as published calendars do. */
static void
test_months_near_midnight (void)
{
  GDate d;
  DdLunarEvent event;
  DdLunarDate lunar;
  double instant = 0;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *iso = NULL;

  assert_first_day ("1967-07-08");
  assert_first_day ("2077-11-16");
  assert_first_day ("2085-10-19");
  d = dd_test_date ("1967-07-07");
  g_assert_true (dd_lunar_from_solar (&d, &lunar, NULL));
  g_assert_cmpint (lunar.day, ==, 30);
  g_assert_cmpint (lunar.month, ==, 5);

  g_assert_true (dd_lunar_near_boundary (&d, &event, &instant));
  g_assert_cmpint (event, ==, DD_LUNAR_EVENT_NEW_MOON);
  dt = g_date_time_new_from_unix_utc ((gint64) floor (instant));
  iso = g_date_time_format_iso8601 (dt);
  g_test_message ("new moon of July 1967: %s", iso);
  g_assert_cmpfloat (instant, >, local_instant ("1967-07-08T00:00:00.0"));
  g_assert_cmpfloat (fabs (instant - local_instant ("1967-07-08T00:00:05.8")), <=, MOON_TOLERANCE);
  /* DE431, to the second. */
  g_assert_cmpfloat (fabs (instant - local_instant ("1967-07-08T00:00:06.0")), <=, 0.5);

  /* The day after starts at that midnight too; a day in mid-month does not. */
  d = dd_test_date ("1967-07-08");
  g_assert_true (dd_lunar_near_boundary (&d, NULL, NULL));
  d = dd_test_date ("1967-07-20");
  g_assert_false (dd_lunar_near_boundary (&d, NULL, NULL));
}

/* The ephemeris against figures computed from other theories, where ΔT
 * plays no part (instants in Terrestrial Time): the new moon of February
 * 1977 is at 3h37m40s TD by the full ELP-2000/82 and VSOP87 (Meeus,
 * "Astronomical Algorithms", 2nd ed., example 49.a, against the 3h37m42s
 * of his ch. 49 series). */
static void
test_independent_instants (void)
{
  /* 1977 February 18, 0h TD, as a Julian Ephemeris Day. */
  double midnight = 2443192.5;
  double jde = dd_lunar_conjunction (2443192.65118);
  double seconds = (jde - midnight) * 86400.0;

  g_test_message ("new moon of February 1977: %.2f s after 0h TD", seconds);
  g_assert_cmpfloat (fabs (seconds - (3 * 3600 + 37 * 60 + 40)), <=, 1.0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lunar/tet", test_tet);
  g_test_add_func ("/lunar/vietnam-differs-from-china", test_vietnam_differs_from_china);
  g_test_add_func ("/lunar/leap-months", test_leap_months);
  g_test_add_func ("/lunar/known-days", test_known_days);
  g_test_add_func ("/lunar/round-trip-range", test_round_trip_range);
  g_test_add_func ("/lunar/range-and-format", test_range_and_format);
  g_test_add_func ("/lunar/ephemeris-instants", test_ephemeris_instants);
  g_test_add_func ("/lunar/ephemeris-years", test_ephemeris_years);
  g_test_add_func ("/lunar/months-near-midnight", test_months_near_midnight);
  g_test_add_func ("/lunar/independent-instants", test_independent_instants);

  return g_test_run ();
}
