/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-lunar"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "dd-lunar-private.h"

/*
 * The moon's longitude from the ELP-2000/82 theory as truncated by Meeus
 * ("Astronomical Algorithms", 2nd ed., ch. 47: the 59 largest terms of the
 * longitude and the additive terms for Venus, Jupiter and the flattening of
 * the Earth), referred to the mean equinox of date; the new moon is the
 * instant its apparent longitude equals the sun's (dd-lunar-sun.c).
 */

#define DEG (G_PI / 180.0)

typedef struct
{
  signed char d, m, mp, f;   /* multiples of D, M, M′, F */
  int l;                     /* coefficient of the sine, in 10⁻⁶ degrees */
} MoonTerm;

static const MoonTerm terms[] = {
  { 0, 0, 1, 0, 6288774 }, { 2, 0, -1, 0, 1274027 }, { 2, 0, 0, 0, 658314 },
  { 0, 0, 2, 0, 213618 }, { 0, 1, 0, 0, -185116 }, { 0, 0, 0, 2, -114332 },
  { 2, 0, -2, 0, 58793 }, { 2, -1, -1, 0, 57066 }, { 2, 0, 1, 0, 53322 },
  { 2, -1, 0, 0, 45758 }, { 0, 1, -1, 0, -40923 }, { 1, 0, 0, 0, -34720 },
  { 0, 1, 1, 0, -30383 }, { 2, 0, 0, -2, 15327 }, { 0, 0, 1, 2, -12528 },
  { 0, 0, 1, -2, 10980 }, { 4, 0, -1, 0, 10675 }, { 0, 0, 3, 0, 10034 },
  { 4, 0, -2, 0, 8548 }, { 2, 1, -1, 0, -7888 }, { 2, 1, 0, 0, -6766 },
  { 1, 0, -1, 0, -5163 }, { 1, 1, 0, 0, 4987 }, { 2, -1, 1, 0, 4036 },
  { 2, 0, 2, 0, 3994 }, { 4, 0, 0, 0, 3861 }, { 2, 0, -3, 0, 3665 },
  { 0, 1, -2, 0, -2689 }, { 2, 0, -1, 2, -2602 }, { 2, -1, -2, 0, 2390 },
  { 1, 0, 1, 0, -2348 }, { 2, -2, 0, 0, 2236 }, { 0, 1, 2, 0, -2120 },
  { 0, 2, 0, 0, -2069 }, { 2, -2, -1, 0, 2048 }, { 2, 0, 1, -2, -1773 },
  { 2, 0, 0, 2, -1595 }, { 4, -1, -1, 0, 1215 }, { 0, 0, 2, 2, -1110 },
  { 3, 0, -1, 0, -892 }, { 2, 1, 1, 0, -810 }, { 4, -1, -2, 0, 759 },
  { 0, 2, -1, 0, -713 }, { 2, 2, -1, 0, -700 }, { 2, 1, -2, 0, 691 },
  { 2, -1, 0, -2, 596 }, { 4, 0, 1, 0, 549 }, { 0, 0, 4, 0, 537 },
  { 4, -1, 0, 0, 520 }, { 1, 0, -2, 0, -487 }, { 2, 1, 0, -2, -399 },
  { 0, 0, 2, -2, -381 }, { 1, 1, 1, 0, 351 }, { 3, 0, -2, 0, -340 },
  { 4, 0, -3, 0, 330 }, { 2, -1, 2, 0, 327 }, { 0, 2, 1, 0, -323 },
  { 1, 1, -1, 0, 299 }, { 2, 0, 3, 0, 294 },
};

/* An angle in degrees given by a polynomial of T, in radians. */
static double
angle (double a0, double a1, double a2, double a3, double a4, double T)
{
  return fmod (a0 + T * (a1 + T * (a2 + T * (a3 + T * a4))), 360.0) * DEG;
}

double
dd_lunar_moon_longitude (double jde)
{
  double T = (jde - 2451545.0) / 36525.0;
  double Lp = angle (218.3164477, 481267.88123421, -0.0015786, 1.0 / 538841, -1.0 / 65194000, T);
  double D = angle (297.8501921, 445267.1114034, -0.0018819, 1.0 / 545868, -1.0 / 113065000, T);
  double M = angle (357.5291092, 35999.0502909, -0.0001536, 1.0 / 24490000, 0, T);
  double Mp = angle (134.9633964, 477198.8675055, 0.0087414, 1.0 / 69699, -1.0 / 14712000, T);
  double F = angle (93.2720950, 483202.0175233, -0.0036539, -1.0 / 3526000, 1.0 / 863310000, T);
  double A1 = angle (119.75, 131.849, 0, 0, 0, T);
  double A2 = angle (53.09, 479264.290, 0, 0, 0, T);
  double E = 1 - 0.002516 * T - 0.0000074 * T * T;
  double sum = 3958 * sin (A1) + 1962 * sin (Lp - F) + 318 * sin (A2);
  double lon;

  for (gsize i = 0; i < G_N_ELEMENTS (terms); i++)
    {
      const MoonTerm *t = &terms[i];
      double arg = t->d * D + t->m * M + t->mp * Mp + t->f * F;
      double c = t->l;

      /* The terms in M are multiplied by E, those in 2M by E². */
      if (t->m != 0)
        c *= abs (t->m) == 2 ? E * E : E;
      sum += c * sin (arg);
    }
  lon = fmod (Lp / DEG + sum * 1e-6
              + (dd_lunar_nutation_longitude (jde) + DD_LUNAR_PRECESSION_2006 * T) / 3600.0, 360.0);
  return lon < 0 ? lon + 360.0 : lon;
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

  /* From within a minute, one step at the mean rate (the moon gains about
   * 12.19° a day on the sun) and one secant step: the elongation is
   * straight to 10⁻⁴ s over a minute, so two evaluations place the new
   * moon to a millisecond. */
  f0 = elongation (t0);
  t1 = t0 - f0 / 12.190749;
  f1 = elongation (t1);
  if (f1 == f0)
    return t1;
  return t1 - f1 * (t1 - t0) / (f1 - f0);
}
