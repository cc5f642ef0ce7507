/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-lunar"

#include "config.h"

#include <math.h>
#include <swephexp.h>

#include "dd-lunar-private.h"

/*
 * The sun and the moon of the lunar calendar come from the Swiss Ephemeris
 * (Debian's libswe, AGPL-3.0, which GPLv3 §13 lets this GPL-3.0-or-later
 * program combine with) in its built-in Moshier mode: an analytical theory
 * fitted to JPL's DE404 that needs no data files, and that places the sun
 * and the moon to a fraction of an arcsecond over 1900–2100 — a new moon or
 * a principal term to well under a second. The positions are apparent and
 * geocentric (light time, aberration, nutation, true equinox of date), the
 * ones a calendar is computed from. The rest is this file's: ΔT (the
 * future's is a choice, not an ephemeris) and the instants found from the
 * positions (here and in dd-lunar-moon.c).
 */

double
dd_lunar_ephemeris_longitude (int    body,
                              double jde)
{
  double xx[6];
  char message[AS_MAXCH];

  /* Moshier's theory is valid far beyond 1900–2100 (from 3000 BC to AD
   * 3000); it reads no file, so it cannot fail there. */
  if (swe_calc (jde, body, SEFLG_MOSEPH, xx, message) < 0)
    g_error ("Swiss Ephemeris: %s", message);
  return xx[0];
}

double
dd_lunar_sun_longitude (double jde)
{
  return dd_lunar_ephemeris_longitude (SE_SUN, jde);
}

double
dd_lunar_sun_reaches (double degrees,
                      double jde_guess)
{
  double jde = jde_guess;

  /* The sun moves about 360° in 365.24 days; Newton's steps converge to a
   * millisecond in three or four. */
  for (int i = 0; i < 8; i++)
    {
      double delta = fmod (degrees - dd_lunar_sun_longitude (jde) + 540.0, 360.0) - 180.0;
      double step = delta * 365.2422 / 360.0;

      jde += step;
      if (fabs (step) < 1e-8)
        break;
    }
  return jde;
}

/* ΔT observed (IERS) on 1 January of 2005 … 2025, in seconds. */
static const double observed_delta_t[] = {
  64.69, 64.85, 65.15, 65.46, 65.78, 66.07, 66.32, 66.60, 66.91, 67.28, 67.64,
  68.10, 68.59, 68.97, 69.22, 69.36, 69.36, 69.29, 69.20, 69.17, 69.14,
};

/* ΔT = TT − UT: the polynomials of Espenak and Meeus (NASA, "Five
 * Millennium Canon of Solar Eclipses") to 2005, the values observed since,
 * then from 2025 on 69.14 + 0.1965 t + 0.0016 t² s (t in years after 2025),
 * a parabola that meets current models (about 84 s late in 2077 and 87 s
 * late in 2085; Espenak and Meeus's 2006 extrapolation gives 150 s there).
 * tests/data/lunar/make-lunar-table.c uses the same model. */
double
dd_lunar_delta_t_days (double jd)
{
  double y = 2000.0 + (jd - 2451545.0) / 365.25;
  double t, seconds;

  if (y < 1900)
    {
      t = y - 1860;
      seconds = 7.62 + 0.5737 * t - 0.251754 * t * t + 0.01680668 * t * t * t
                - 0.0004473624 * pow (t, 4) + pow (t, 5) / 233174;
    }
  else if (y < 1920)
    {
      t = y - 1900;
      seconds = -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * t * t * t
                - 0.000197 * pow (t, 4);
    }
  else if (y < 1941)
    {
      t = y - 1920;
      seconds = 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * t * t * t;
    }
  else if (y < 1961)
    {
      t = y - 1950;
      seconds = 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547;
    }
  else if (y < 1986)
    {
      t = y - 1975;
      seconds = 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718;
    }
  else if (y < 2005)
    {
      t = y - 2000;
      seconds = 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t
                + 0.000651814 * pow (t, 4) + 0.00002373599 * pow (t, 5);
    }
  else if (y < 2025)
    {
      int i = (int) floor (y - 2005);
      double f = y - 2005 - i;

      seconds = observed_delta_t[i] + f * (observed_delta_t[i + 1] - observed_delta_t[i]);
    }
  else
    {
      t = y - 2025;
      seconds = 69.14 + 0.1965 * t + 0.0016 * t * t;
    }
  return seconds / 86400.0;
}
