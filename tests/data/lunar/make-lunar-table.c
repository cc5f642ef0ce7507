/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates the reference table of tests/core/test-lunar.c ONCE from an
 * ephemeris: the Swiss Ephemeris of Debian (libswe-dev), in its built-in
 * Moshier mode (an analytical fit to JPL's DE404, no data files needed).
 *
 *   gcc -O2 -o /tmp/make-lunar-table make-lunar-table.c -lswe -lm
 *   /tmp/make-lunar-table .
 *   /tmp/make-lunar-table --utc8
 *
 * writes instants.csv (every new moon and principal term, the sun at a
 * multiple of 30° of apparent longitude, in UTC+7 to 0.1 s) and years.csv
 * (Tết and the leap month of each lunar year 1900–2100, derived here from
 * those instants alone, independently of the application's code).
 * With --utc8 it writes nothing and prints how the calendar of 1900–1967
 * computed for UTC+8 (the zone of Vietnam until 1967) differs from the one
 * computed for UTC+7 (README).
 *
 * ΔT (TT − UT) is no part of an ephemeris for the future: the instants are
 * found in TT, then converted with the model of src/core/calendar/
 * dd-lunar-sun.c (Espenak–Meeus to 2005, observed to 2025, then
 * 69.14 + 0.1965 t + 0.0016 t² s, t in years after 2025).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <swephexp.h>

static const double observed[] = {
  64.69, 64.85, 65.15, 65.46, 65.78, 66.07, 66.32, 66.60, 66.91, 67.28, 67.64,
  68.10, 68.59, 68.97, 69.22, 69.36, 69.36, 69.29, 69.20, 69.17, 69.14,
};

static double
delta_t_seconds (double jd)
{
  double y = 2000.0 + (jd - 2451545.0) / 365.25, t;

  if (y < 1900) { t = y - 1860; return 7.62 + 0.5737 * t - 0.251754 * t * t + 0.01680668 * pow (t, 3) - 0.0004473624 * pow (t, 4) + pow (t, 5) / 233174; }
  if (y < 1920) { t = y - 1900; return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * pow (t, 3) - 0.000197 * pow (t, 4); }
  if (y < 1941) { t = y - 1920; return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * pow (t, 3); }
  if (y < 1961) { t = y - 1950; return 29.07 + 0.407 * t - t * t / 233 + pow (t, 3) / 2547; }
  if (y < 1986) { t = y - 1975; return 45.45 + 1.067 * t - t * t / 260 - pow (t, 3) / 718; }
  if (y < 2005) { t = y - 2000; return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * pow (t, 3) + 0.000651814 * pow (t, 4) + 0.00002373599 * pow (t, 5); }
  if (y < 2025) { int i = (int) floor (y - 2005); double f = y - 2005 - i; return observed[i] + f * (observed[i + 1] - observed[i]); }
  t = y - 2025;
  return 69.14 + 0.1965 * t + 0.0016 * t * t;
}

static double
longitude (double jd_tt, int body)
{
  double xx[6];
  char err[AS_MAXCH];

  if (swe_calc (jd_tt, body, SEFLG_MOSEPH, xx, err) < 0)
    {
      fprintf (stderr, "%s\n", err);
      exit (1);
    }
  return xx[0];
}

static double
wrap180 (double d)
{
  d = fmod (d + 540.0, 360.0);
  return d - 180.0;
}

/* Newton's method on the moon's elongation, or on the sun's longitude. */
static double
new_moon_tt (double guess)
{
  for (int i = 0; i < 20; i++)
    {
      double e = wrap180 (longitude (guess, SE_MOON) - longitude (guess, SE_SUN));
      double step = -e / 12.19075;

      guess += step;
      if (fabs (step) < 1e-9)
        break;
    }
  return guess;
}

static double
term_tt (double degrees, double guess)
{
  for (int i = 0; i < 20; i++)
    {
      double step = wrap180 (degrees - longitude (guess, SE_SUN)) * 365.2422 / 360.0;

      guess += step;
      if (fabs (step) < 1e-9)
        break;
    }
  return guess;
}

/* The zone of the calendar, hours east of Greenwich: UTC+7 (UTC+8 for the
 * comparison of --utc8). */
static double zone_hours = 7.0;
#define MAX 3000

static double moons[MAX], terms[MAX];
static int term_lon[MAX];
static long moon_day[MAX], term_day[MAX];
static int n_moons, n_terms;

static long
local_day (double jd_ut)   /* Julian Day Number of the UTC+7 civil day */
{
  return (long) floor (jd_ut + zone_hours / 24.0 + 0.5);
}

static void
format_local (double jd_ut, char *out, size_t size)
{
  double local = jd_ut + zone_hours / 24.0 + 0.5;
  long jdn = (long) floor (local);
  double tenths = round ((local - jdn) * 864000.0);
  int y, m, d;
  double hour;

  if (tenths >= 864000.0) { jdn++; tenths -= 864000.0; }
  swe_revjul (jdn, SE_GREG_CAL, &y, &m, &d, &hour);
  snprintf (out, size, "%04d-%02d-%02dT%02d:%02d:%02d.%d", y, m, d,
            (int) (tenths / 36000), (int) fmod (tenths / 600, 60), (int) fmod (tenths / 10, 60),
            (int) fmod (tenths, 10));
}

static void
format_day (long jdn, char *out, size_t size)
{
  int y, m, d;
  double hour;

  swe_revjul (jdn, SE_GREG_CAL, &y, &m, &d, &hour);
  snprintf (out, size, "%04d-%02d-%02d", y, m, d);
}

static int
month11 (int year)   /* the index of the new moon that starts month 11 */
{
  int i, k;

  for (i = 0; i < n_terms; i++)
    {
      int y, m, d;
      double h;

      swe_revjul (terms[i], SE_GREG_CAL, &y, &m, &d, &h);
      if (term_lon[i] == 270 && y == year)
        break;
    }
  for (k = n_moons - 1; moon_day[k] > term_day[i]; k--)
    ;
  return k;
}

static int
has_term (int k)
{
  for (int i = 0; i < n_terms; i++)
    if (term_day[i] >= moon_day[k] && term_day[i] < moon_day[k + 1])
      return 1;
  return 0;
}

/* The month of the year (1–12) that holds the 12 or 13 lunations from
 * month 11 of @year − 1 (@k0) to month 11 of @year (@k1): the first
 * month without a principal term is the leap one (0: none). */
static int
leap_index (int k0, int k1)
{
  if (k1 - k0 == 13)
    for (int i = 1; i <= 12; i++)
      if (!has_term (k0 + i))
        return i;
  return 0;
}

static void
set_zone (double hours)
{
  zone_hours = hours;
  for (int i = 0; i < n_moons; i++)
    moon_day[i] = local_day (moons[i]);
  for (int i = 0; i < n_terms; i++)
    term_day[i] = local_day (terms[i]);
}

/* Each day's name, month × 1000 + leap × 100 + day, from @from on (JDN). */
static void
name_days (long from, long n, int *names)
{
  for (int y = 1899; y <= 2100; y++)
    {
      int k0 = month11 (y - 1), k1 = month11 (y), leap = leap_index (k0, k1);

      for (int i = 0; i < k1 - k0; i++)
        {
          int n_month = leap && i >= leap ? i - 1 : i;
          int month = (10 + n_month) % 12 + 1;

          for (long d = moon_day[k0 + i]; d < moon_day[k0 + i + 1]; d++)
            if (d >= from && d < from + n)
              names[d - from] = month * 1000 + (leap && i == leap) * 100 + (int) (d - moon_day[k0 + i] + 1);
        }
    }
}

/* --utc8: the calendar of 1900–1967 computed for UTC+8, the zone Vietnam
 * kept until 1967, against the one computed for UTC+7. */
static int
report_utc8 (void)
{
  long from = (long) floor (swe_julday (1900, 1, 1, 12, SE_GREG_CAL));
  long to = (long) floor (swe_julday (1967, 12, 31, 12, SE_GREG_CAL));
  long n = to - from + 1;
  int *names7 = calloc ((size_t) n, sizeof (int)), *names8 = calloc ((size_t) n, sizeof (int));
  long *day7 = calloc ((size_t) n_moons, sizeof (long));
  int n_apart = 0, n_renamed = 0;
  long last_month = -1;
  char text[64];

  set_zone (7);
  name_days (from, n, names7);
  memcpy (day7, moon_day, (size_t) n_moons * sizeof (long));
  set_zone (8);
  name_days (from, n, names8);
  for (int k = 0; k < n_moons; k++)
    if (day7[k] >= from && day7[k] <= to && day7[k] != moon_day[k])
      {
        format_day (day7[k], text, sizeof text);
        printf ("month starting %s (UTC+7) starts a day later under UTC+8\n", text);
        n_apart++;
      }
  for (long d = 0; d < n; d++)
    if (names7[d] != names8[d])
      {
        int k = 0;

        while (k + 1 < n_moons && day7[k + 1] <= from + d)
          k++;
        if (k != last_month)
          {
            format_day (day7[k], text, sizeof text);
            printf ("month starting %s (UTC+7) has a day named differently under UTC+8: "
                    "%d/%d%s there, %d/%d%s under UTC+7\n", text,
                    names8[d] % 100, names8[d] / 1000, names8[d] / 100 % 10 ? " (leap)" : "",
                    names7[d] % 100, names7[d] / 1000, names7[d] / 100 % 10 ? " (leap)" : "");
            n_renamed++;
            last_month = k;
          }
      }
  printf ("1900-1967: %d lunar months start a day apart under UTC+8; "
          "%d months hold at least one day named differently\n", n_apart, n_renamed);
  free (names7);
  free (names8);
  free (day7);
  return 0;
}

int
main (int argc, char **argv)
{
  const char *dir = argc > 1 ? argv[1] : ".";
  double start = swe_julday (1898, 11, 1, 0, SE_GREG_CAL);
  double stop = swe_julday (2102, 2, 1, 0, SE_GREG_CAL);
  double keep_from = swe_julday (1899, 12, 1, 0, SE_GREG_CAL);
  double keep_to = swe_julday (2101, 2, 1, 0, SE_GREG_CAL);
  char path[4096], text[64], text2[64];
  int leap_month[2200] = { 0 };
  long leap_start[2200] = { 0 }, tet[2200] = { 0 };
  FILE *f;

  /* The first new moon after the start, then one every 29.53 days. */
  for (double t = new_moon_tt (start + 15); t < stop; t = new_moon_tt (t + 29.530589))
    {
      double ut = t - delta_t_seconds (t) / 86400.0;

      moons[n_moons++] = ut;
    }
  for (int lon = ((int) (longitude (start, SE_SUN) / 30) + 1) * 30 % 360,
       dummy = 0; ; lon = (lon + 30) % 360, dummy++)
    {
      double guess = n_terms ? terms[n_terms - 1] + 30.44 : start + 15;
      double t = term_tt (lon, guess);
      double ut = t - delta_t_seconds (t) / 86400.0;

      if (t >= stop)
        break;
      terms[n_terms] = ut;
      term_lon[n_terms++] = lon;
    }

  set_zone (7);
  if (strcmp (dir, "--utc8") == 0)
    return report_utc8 ();

  snprintf (path, sizeof path, "%s/instants.csv", dir);
  f = fopen (path, "w");
  fprintf (f, "kind,longitude,instant_utc7\n");
  for (int i = 0; i < n_moons; i++)
    if (moons[i] >= keep_from && moons[i] < keep_to)
      {
        format_local (moons[i], text, sizeof text);
        fprintf (f, "new_moon,,%s\n", text);
      }
  for (int i = 0; i < n_terms; i++)
    if (terms[i] >= keep_from && terms[i] < keep_to)
      {
        format_local (terms[i], text, sizeof text);
        fprintf (f, "term,%d,%s\n", term_lon[i], text);
      }
  fclose (f);

  /* Month 11 holds the December solstice; a period of 13 months repeats
   * the first month without a principal term. */
  for (int y = 1899; y <= 2101; y++)
    {
      int k0 = month11 (y - 1), k1 = month11 (y), leap = leap_index (k0, k1);

      if (leap)
        {
          int month = (11 + leap - 2) % 12 + 1;
          int ly = month >= 11 ? y - 1 : y;

          leap_month[ly] = month;
          leap_start[ly] = moon_day[k0 + leap];
        }
      if (y >= 1900 && y <= 2100)
        tet[y] = moon_day[k0 + ((leap == 1 || leap == 2) ? 3 : 2)];
    }
  snprintf (path, sizeof path, "%s/years.csv", dir);
  f = fopen (path, "w");
  fprintf (f, "year,tet,leap_month,leap_start\n");
  for (int y = 1900; y <= 2100; y++)
    {
      format_day (tet[y], text, sizeof text);
      text2[0] = 0;
      if (leap_month[y])
        format_day (leap_start[y], text2, sizeof text2);
      fprintf (f, "%d,%s,%d,%s\n", y, text, leap_month[y], text2);
    }
  fclose (f);
  return 0;
}
