/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-lunar"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <glib/gi18n-lib.h>

#include "dondoc/dondoc.h"
#include "dd-lunar-private.h"

/*
 * Days are counted as Julian Day Numbers (JDN): the integer day whose noon
 * is that Julian Date. GDate counts days from 1 January of year 1, which is
 * JDN 1721426. Instants are Julian Dates, in Terrestrial (dynamical) Time
 * for the astronomy (JDE) and in UT for the civil day; Vietnam keeps UTC+7.
 */

#define JDN_OFFSET_GDATE 1721425
#define TIME_ZONE_DAYS (7.0 / 24.0)
#define SYNODIC_MONTH 29.530588861
#define DEG (G_PI / 180.0)

G_DEFINE_QUARK (dd-lunar-error-quark, dd_lunar_error)

/* Auxiliary methods: astronomy */

/* The instant (JDE) of the new moon of lunation @k (k = 0 near 6 January
 * 2000): the mean new moon corrected by the periodic terms of Meeus ch. 49,
 * then refined to the instant the moon meets the sun (dd-lunar-moon.c). */
static double
compute_new_moon_jde (int k)
{
  static const double planetary[14][3] = {
    { 299.77, 0.107408, 0.000325 }, { 251.88, 0.016321, 0.000165 },
    { 251.83, 26.651886, 0.000164 }, { 349.42, 36.412478, 0.000126 },
    { 84.66, 18.206239, 0.000110 },  { 141.74, 53.303771, 0.000062 },
    { 207.14, 2.453732, 0.000060 },  { 154.84, 7.306860, 0.000056 },
    { 34.52, 27.261239, 0.000047 },  { 207.19, 0.121824, 0.000042 },
    { 291.34, 1.844379, 0.000040 },  { 161.72, 24.198154, 0.000037 },
    { 239.56, 25.513099, 0.000035 }, { 331.55, 3.592518, 0.000023 },
  };
  double T = k / 1236.85;
  double T2 = T * T, T3 = T2 * T, T4 = T3 * T;
  double jde = 2451550.09766 + SYNODIC_MONTH * k + 0.00015437 * T2
               - 0.000000150 * T3 + 0.00000000073 * T4;
  double E = 1 - 0.002516 * T - 0.0000074 * T2;
  double M = (2.5534 + 29.10535670 * k - 0.0000014 * T2 - 0.00000011 * T3) * DEG;
  double Mp = (201.5643 + 385.81693528 * k + 0.0107582 * T2 + 0.00001238 * T3
               - 0.000000058 * T4) * DEG;
  double F = (160.7108 + 390.67050284 * k - 0.0016118 * T2 - 0.00000227 * T3
              + 0.000000011 * T4) * DEG;
  double Om = (124.7746 - 1.56375588 * k + 0.0020672 * T2 + 0.00000215 * T3) * DEG;
  double c;

  c = -0.40720 * sin (Mp)
      + 0.17241 * E * sin (M)
      + 0.01608 * sin (2 * Mp)
      + 0.01039 * sin (2 * F)
      + 0.00739 * E * sin (Mp - M)
      - 0.00514 * E * sin (Mp + M)
      + 0.00208 * E * E * sin (2 * M)
      - 0.00111 * sin (Mp - 2 * F)
      - 0.00057 * sin (Mp + 2 * F)
      + 0.00056 * E * sin (2 * Mp + M)
      - 0.00042 * sin (3 * Mp)
      + 0.00042 * E * sin (M + 2 * F)
      + 0.00038 * E * sin (M - 2 * F)
      - 0.00024 * E * sin (2 * Mp - M)
      - 0.00017 * sin (Om)
      - 0.00007 * sin (Mp + 2 * M)
      + 0.00004 * sin (2 * Mp - 2 * F)
      + 0.00004 * sin (3 * M)
      + 0.00003 * sin (Mp + M - 2 * F)
      + 0.00003 * sin (2 * Mp + 2 * F)
      - 0.00003 * sin (Mp + M + 2 * F)
      + 0.00003 * sin (Mp - M + 2 * F)
      - 0.00002 * sin (Mp - M - 2 * F)
      - 0.00002 * sin (3 * Mp + M)
      + 0.00002 * sin (4 * Mp);

  for (guint i = 0; i < G_N_ELEMENTS (planetary); i++)
    {
      double a = planetary[i][0] + planetary[i][1] * k;

      if (i == 0)
        a -= 0.009173 * T2;
      c += planetary[i][2] * sin (a * DEG);
    }
  return dd_lunar_conjunction (jde + c);
}

/* Lunations 1899–2101 and a margin: each is computed once (about 0.2 ms),
 * then read (a converted day needs a few). */
#define K_MIN (-1300)
#define K_MAX 1300

static double
new_moon_jde (int k)
{
  static double cache[K_MAX - K_MIN + 1];
  static GMutex lock;
  double jde;

  if (k < K_MIN || k > K_MAX)
    return compute_new_moon_jde (k);

  g_mutex_lock (&lock);
  jde = cache[k - K_MIN];
  g_mutex_unlock (&lock);
  if (jde != 0)
    return jde;

  jde = compute_new_moon_jde (k);
  g_mutex_lock (&lock);
  cache[k - K_MIN] = jde;
  g_mutex_unlock (&lock);
  return jde;
}

/* The local (UTC+7) day on which an instant given in TT falls. */
static int
local_day_of (double jde)
{
  double ut = jde - dd_lunar_delta_t_days (jde);

  return (int) floor (ut + TIME_ZONE_DAYS + 0.5);
}

/* The local day of the new moon of lunation @k: the first day of a month. */
static int
new_moon_day (int k)
{
  return local_day_of (new_moon_jde (k));
}

/* Which 30° sector of the ecliptic the sun is in at the local midnight that
 * starts day @jdn. A month holds a principal term when the sector at its
 * first midnight differs from the one at the next month's. */
static int
sun_sector_at_day_start (int jdn)
{
  double ut = jdn - 0.5 - TIME_ZONE_DAYS;

  return (int) (dd_lunar_sun_longitude (ut + dd_lunar_delta_t_days (ut)) / 30.0);
}

/* The lunation whose first day is on or before @jdn, the next one's after. */
static int
lunation_of_day (int jdn)
{
  int k = (int) floor ((jdn + 0.5 - TIME_ZONE_DAYS - 2451550.09766) / SYNODIC_MONTH);

  while (new_moon_day (k + 1) <= jdn)
    k++;
  while (new_moon_day (k) > jdn)
    k--;
  return k;
}

/* The lunation that is month 11: the one in which the December solstice of
 * solar year @year falls (on the local calendar day). */
static int
compute_month11_lunation (int year)
{
  double Y = (year - 2000) / 1000.0;
  double jde = 2451900.05952 + 365242.74049 * Y - 0.06223 * Y * Y - 0.00823 * Y * Y * Y
               + 0.00032 * Y * Y * Y * Y;

  /* Meeus ch. 27 gives the mean solstice; the sun fixes it. */
  jde = dd_lunar_sun_reaches (270.0, jde);
  return lunation_of_day (local_day_of (jde));
}

/* The months from month 11 of lunar year @year − 1 to the month before
 * month 11 of lunar year @year: 12 or 13 lunations from @k11. */
typedef struct
{
  int k11;
  int n_months;
  int leap_index;   /* 0, or the index (1–12) of the leap month from k11 */
} Period;

/* Month 11 of the solar years CACHE_FIRST_YEAR … CACHE_LAST_YEAR, each
 * computed the first time it is asked for (the conversions ask for them
 * again and again; a first conversion needs only its own years). */
#define CACHE_FIRST_YEAR (DD_LUNAR_MIN_YEAR - 2)
#define CACHE_LAST_YEAR (DD_LUNAR_MAX_YEAR + 1)
#define N_CACHED_YEARS (CACHE_LAST_YEAR - CACHE_FIRST_YEAR + 1)

static GMutex cache_lock;

static int
month11_lunation (int year)
{
  static int cache[N_CACHED_YEARS];
  static gboolean known[N_CACHED_YEARS];
  gboolean found;
  int k;

  if (year < CACHE_FIRST_YEAR || year > CACHE_LAST_YEAR)
    return compute_month11_lunation (year);
  g_mutex_lock (&cache_lock);
  found = known[year - CACHE_FIRST_YEAR];
  k = cache[year - CACHE_FIRST_YEAR];
  g_mutex_unlock (&cache_lock);
  if (found)
    return k;

  k = compute_month11_lunation (year);
  g_mutex_lock (&cache_lock);
  cache[year - CACHE_FIRST_YEAR] = k;
  known[year - CACHE_FIRST_YEAR] = TRUE;
  g_mutex_unlock (&cache_lock);
  return k;
}

static void
compute_period (int     year,
                Period *p)
{
  int k_next = month11_lunation (year);

  p->k11 = month11_lunation (year - 1);
  p->n_months = k_next - p->k11;
  p->leap_index = 0;
  if (p->n_months == 13)
    {
      int sector = sun_sector_at_day_start (new_moon_day (p->k11 + 1));

      for (int i = 1; i <= 12; i++)
        {
          int next = sun_sector_at_day_start (new_moon_day (p->k11 + i + 1));

          if (next == sector)
            {
              p->leap_index = i;
              break;
            }
          sector = next;
        }
    }
}

static void
period_for (int     year,
            Period *p)
{
  static Period cache[N_CACHED_YEARS];
  static gboolean known[N_CACHED_YEARS];
  gboolean found;

  if (year < CACHE_FIRST_YEAR || year > CACHE_LAST_YEAR)
    {
      compute_period (year, p);
      return;
    }
  g_mutex_lock (&cache_lock);
  found = known[year - CACHE_FIRST_YEAR];
  *p = cache[year - CACHE_FIRST_YEAR];
  g_mutex_unlock (&cache_lock);
  if (found)
    return;

  compute_period (year, p);
  g_mutex_lock (&cache_lock);
  cache[year - CACHE_FIRST_YEAR] = *p;
  known[year - CACHE_FIRST_YEAR] = TRUE;
  g_mutex_unlock (&cache_lock);
}

/* The month number (1–12) and leap flag of the month at @index in @p. */
static void
month_at_index (const Period *p,
                int           index,
                int          *month,
                gboolean     *leap)
{
  int shift = (p->leap_index != 0 && index >= p->leap_index) ? 1 : 0;

  *leap = p->leap_index != 0 && index == p->leap_index;
  *month = (11 + index - shift - 1) % 12 + 1;
}

static gboolean
check_solar_range (int      year,
                   GError **error)
{
  if (year < DD_LUNAR_MIN_YEAR || year > DD_LUNAR_MAX_YEAR)
    {
      g_set_error (error, DD_LUNAR_ERROR, DD_LUNAR_ERROR_RANGE,
                   _("The lunar calendar is computed for the years %d to %d only."),
                   DD_LUNAR_MIN_YEAR, DD_LUNAR_MAX_YEAR);
      return FALSE;
    }
  return TRUE;
}

/* Public API */

#define UNIX_EPOCH_JD 2440587.5
#define BOUNDARY_SECONDS 60.0

static double
jd_to_unix (double jd)
{
  return (jd - UNIX_EPOCH_JD) * 86400.0;
}

static double
unix_to_jd (double unix_time)
{
  return unix_time / 86400.0 + UNIX_EPOCH_JD;
}

double
dd_lunar_next_new_moon (double after)
{
  double jd = unix_to_jd (after);
  int k = (int) floor ((jd - 2451550.09766) / SYNODIC_MONTH) - 1;

  for (;; k++)
    {
      double jde = new_moon_jde (k);
      double ut = jde - dd_lunar_delta_t_days (jde);

      if (ut >= jd)
        return jd_to_unix (ut);
    }
}

double
dd_lunar_next_principal_term (double  after,
                              int    *longitude)
{
  double jd = unix_to_jd (after);
  double jde = jd + dd_lunar_delta_t_days (jd);
  double now = dd_lunar_sun_longitude (jde);
  int target = ((int) floor (now / 30.0) + 1) % 12 * 30;
  double ahead = fmod (target - now + 360.0, 360.0);
  double found = dd_lunar_sun_reaches (target, jde + ahead * 365.2422 / 360.0);

  if (longitude != NULL)
    *longitude = target;
  return jd_to_unix (found - dd_lunar_delta_t_days (found));
}

gboolean
dd_lunar_near_boundary (const GDate  *solar,
                        DdLunarEvent *event,
                        double       *instant)
{
  int jdn;

  g_return_val_if_fail (dd_date_is_set (solar), FALSE);

  jdn = (int) g_date_get_julian (solar) + JDN_OFFSET_GDATE;
  /* The midnight that starts the day, then the one that ends it. */
  for (int i = 0; i < 2; i++)
    {
      double midnight = jd_to_unix (jdn + i - 0.5 - TIME_ZONE_DAYS);
      double moon = dd_lunar_next_new_moon (midnight - BOUNDARY_SECONDS);
      double term = dd_lunar_next_principal_term (midnight - BOUNDARY_SECONDS, NULL);

      if (moon <= midnight + BOUNDARY_SECONDS || term <= midnight + BOUNDARY_SECONDS)
        {
          gboolean is_moon = moon <= midnight + BOUNDARY_SECONDS;

          if (event != NULL)
            *event = is_moon ? DD_LUNAR_EVENT_NEW_MOON : DD_LUNAR_EVENT_PRINCIPAL_TERM;
          if (instant != NULL)
            *instant = is_moon ? moon : term;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
dd_lunar_from_solar (const GDate  *solar,
                     DdLunarDate  *out,
                     GError      **error)
{
  int jdn, year, k, index;
  Period p;

  g_return_val_if_fail (dd_date_is_set (solar), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  year = g_date_get_year (solar);
  if (!check_solar_range (year, error))
    return FALSE;

  jdn = (int) g_date_get_julian (solar) + JDN_OFFSET_GDATE;
  /* From the December month 11 on, the day belongs to the next period. */
  if (jdn >= new_moon_day (month11_lunation (year)))
    year++;
  period_for (year, &p);

  k = lunation_of_day (jdn);
  index = k - p.k11;
  g_assert (index >= 0 && index < p.n_months);

  month_at_index (&p, index, &out->month, &out->leap);
  out->day = jdn - new_moon_day (k) + 1;
  out->year = (out->month >= 11 && index < 4) ? year - 1 : year;
  return TRUE;
}

gboolean
dd_lunar_to_solar (const DdLunarDate  *lunar,
                   GDate              *out,
                   GError            **error)
{
  Period p;
  int period_year, offset, index, start, length;

  g_return_val_if_fail (lunar != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (lunar->month < 1 || lunar->month > 12 || lunar->day < 1 || lunar->day > 30)
    {
      g_set_error (error, DD_LUNAR_ERROR, DD_LUNAR_ERROR_INVALID,
                   _("%d/%d is not a lunar date: the day is 1 to 30, the month 1 to 12."),
                   lunar->day, lunar->month);
      return FALSE;
    }
  if (lunar->year < DD_LUNAR_MIN_YEAR - 1 || lunar->year > DD_LUNAR_MAX_YEAR)
    return check_solar_range (lunar->year, error);

  period_year = lunar->month >= 11 ? lunar->year + 1 : lunar->year;
  period_for (period_year, &p);
  offset = (lunar->month - 11 + 12) % 12;

  if (lunar->leap)
    {
      if (p.leap_index == 0 || p.leap_index != offset + 1)
        {
          g_set_error (error, DD_LUNAR_ERROR, DD_LUNAR_ERROR_INVALID,
                       _("Lunar year %d has no leap month %d."), lunar->year, lunar->month);
          return FALSE;
        }
      index = offset + 1;
    }
  else
    index = (p.leap_index != 0 && offset >= p.leap_index) ? offset + 1 : offset;

  start = new_moon_day (p.k11 + index);
  length = new_moon_day (p.k11 + index + 1) - start;
  if (lunar->day > length)
    {
      g_set_error (error, DD_LUNAR_ERROR, DD_LUNAR_ERROR_INVALID,
                   _("Lunar month %d of year %d has only %d days."),
                   lunar->month, lunar->year, length);
      return FALSE;
    }

  g_date_clear (out, 1);
  g_date_set_julian (out, (guint32) (start + lunar->day - 1 - JDN_OFFSET_GDATE));
  if (!check_solar_range (g_date_get_year (out), error))
    {
      g_date_clear (out, 1);
      return FALSE;
    }
  return TRUE;
}

int
dd_lunar_leap_month (int year)
{
  Period p;
  int month;
  gboolean leap;

  if (year < DD_LUNAR_MIN_YEAR || year > DD_LUNAR_MAX_YEAR)
    return 0;

  /* A leap month 11 or 12 of @year lies in the next period; one of 1–10 in
   * this one. */
  period_for (year, &p);
  if (p.leap_index != 0)
    {
      month_at_index (&p, p.leap_index, &month, &leap);
      if (month <= 10)
        return month;
    }
  period_for (year + 1, &p);
  if (p.leap_index != 0)
    {
      month_at_index (&p, p.leap_index, &month, &leap);
      if (month >= 11)
        return month;
    }
  return 0;
}

int
dd_lunar_month_length (int      year,
                       int      month,
                       gboolean leap)
{
  DdLunarDate first = { 1, month, year, leap };
  GDate start;
  DdLunarDate probe;

  if (!dd_lunar_to_solar (&first, &start, NULL))
    return 0;
  g_date_add_days (&start, 29);
  if (g_date_get_year (&start) > DD_LUNAR_MAX_YEAR)
    return 0;
  if (!dd_lunar_from_solar (&start, &probe, NULL))
    return 0;
  return probe.day == 30 ? 30 : 29;
}

char *
dd_lunar_date_format (const DdLunarDate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  /* Vietnamese wall calendars mark a leap month "nhuận" whatever the
   * language of the application, as the command line contract requires. */
  return g_strdup_printf ("%02d/%02d/%04d%s", self->day, self->month, self->year,
                          self->leap ? " (nhuận)" : "");
}

gboolean
dd_lunar_date_parse (const char  *text,
                     DdLunarDate *out)
{
  g_auto(GStrv) parts = NULL;
  guint64 values[3];

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, "/", -1);
  if (g_strv_length (parts) != 3)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    if (!g_ascii_string_to_unsigned (parts[i], 10, 1, i == 2 ? 9999 : 30,
                                     &values[i], NULL))
      return FALSE;
  if (values[1] > 12)
    return FALSE;
  out->day = (int) values[0];
  out->month = (int) values[1];
  out->year = (int) values[2];
  out->leap = FALSE;
  return TRUE;
}
