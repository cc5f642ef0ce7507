/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-lunar"

#include "config.h"

#include <math.h>
#include <swephexp.h>

#include "dd-lunar-private.h"

/*
 * The new moon: the instant the moon's apparent geocentric longitude
 * equals the sun's, both from the Swiss Ephemeris (dd-lunar-sun.c).
 */

double
dd_lunar_moon_longitude (double jde)
{
  return dd_lunar_ephemeris_longitude (SE_MOON, jde);
}

/* The moon's longitude less the sun's, in degrees, −180 to 180. */
static double
elongation (double jde)
{
  return fmod (dd_lunar_moon_longitude (jde) - dd_lunar_sun_longitude (jde) + 540.0, 360.0) - 180.0;
}

double
dd_lunar_conjunction (double jde_guess)
{
  double t0 = jde_guess, t1, f0, f1;

  /* One step at the mean rate (the moon gains about 12.19° a day on the
   * sun), then secant steps: from within an hour the elongation is close
   * to straight, and the steps shrink below a millisecond in two or three. */
  f0 = elongation (t0);
  t1 = t0 - f0 / 12.190749;
  for (int i = 0; i < 8; i++)
    {
      double t2;

      f1 = elongation (t1);
      if (f1 == f0)
        break;
      t2 = t1 - f1 * (t1 - t0) / (f1 - f0);
      t0 = t1;
      f0 = f1;
      t1 = t2;
      if (fabs (t1 - t0) < 1e-8)
        break;
    }
  return t1;
}
