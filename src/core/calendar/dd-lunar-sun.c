/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-lunar"

#include "config.h"

#include <math.h>

#include "dd-lunar-private.h"

/*
 * The sun to a fraction of an arcsecond, so that a principal term (the sun
 * at a multiple of 30°; it moves 1″ in 24 s) is placed to a few seconds:
 * the Earth's heliocentric longitude from the terms of VSOP87 kept by Meeus
 * ("Astronomical Algorithms", 2nd ed., ch. 32 and appendix III), converted
 * to FK5, the nutation in longitude of the IAU 1980 theory (Meeus ch. 22,
 * terms of 0.001″ and more) and the annual aberration.
 */

#define DEG (G_PI / 180.0)
#define ARCSEC (DEG / 3600.0)

typedef struct
{
  double a, b, c;   /* a · cos (b + c τ), a in 10⁻⁸ rad (or AU) */
} Term;

static const Term L0[] = {
  { 175347046, 0, 0 }, { 3341656, 4.6692568, 6283.0758500 }, { 34894, 4.62610, 12566.15170 },
  { 3497, 2.7441, 5753.3849 }, { 3418, 2.8289, 3.5231 }, { 3136, 3.6277, 77713.7715 },
  { 2676, 4.4181, 7860.4194 }, { 2343, 6.1352, 3930.2097 }, { 1324, 0.7425, 11506.7698 },
  { 1273, 2.0371, 529.6910 }, { 1199, 1.1096, 1577.3435 }, { 990, 5.233, 5884.927 },
  { 902, 2.045, 26.298 }, { 857, 3.508, 398.149 }, { 780, 1.179, 5223.694 },
  { 753, 2.533, 5507.553 }, { 505, 4.583, 18849.228 }, { 492, 4.205, 775.523 },
  { 357, 2.920, 0.067 }, { 317, 5.849, 11790.629 }, { 284, 1.899, 796.298 },
  { 271, 0.315, 10977.079 }, { 243, 0.345, 5486.778 }, { 206, 4.806, 2544.314 },
  { 205, 1.869, 5573.143 }, { 202, 2.458, 6069.777 }, { 156, 0.833, 213.299 },
  { 132, 3.411, 2942.463 }, { 126, 1.083, 20.775 }, { 115, 0.645, 0.980 },
  { 103, 0.636, 4694.003 }, { 102, 0.976, 15720.839 }, { 102, 4.267, 7.114 },
  { 99, 6.21, 2146.17 }, { 98, 0.68, 155.42 }, { 86, 5.98, 161000.69 },
  { 85, 1.30, 6275.96 }, { 85, 3.67, 71430.70 }, { 80, 1.81, 17260.15 },
  { 79, 3.04, 12036.46 }, { 75, 1.76, 5088.63 }, { 74, 3.50, 3154.69 },
  { 74, 4.68, 801.82 }, { 70, 0.83, 9437.76 }, { 62, 3.98, 8827.39 },
  { 61, 1.82, 7084.90 }, { 57, 2.78, 6286.60 }, { 56, 4.39, 14143.50 },
  { 56, 3.47, 6279.55 }, { 52, 0.19, 12139.55 }, { 52, 1.33, 1748.02 },
  { 51, 0.28, 5856.48 }, { 49, 0.49, 1194.45 }, { 41, 5.37, 8429.24 },
  { 41, 2.40, 19651.05 }, { 39, 6.17, 10447.39 }, { 37, 6.04, 10213.29 },
  { 37, 2.57, 1059.38 }, { 36, 1.71, 2352.87 }, { 36, 1.78, 6812.77 },
  { 33, 0.59, 17789.85 }, { 30, 0.44, 83996.85 }, { 30, 2.74, 1349.87 },
  { 25, 3.16, 4690.48 },
};

static const Term L1[] = {
  { 628331966747.0, 0, 0 }, { 206059, 2.678235, 6283.075850 }, { 4303, 2.6351, 12566.1517 },
  { 425, 1.590, 3.523 }, { 119, 5.796, 26.298 }, { 109, 2.966, 1577.344 },
  { 93, 2.59, 18849.23 }, { 72, 1.14, 529.69 }, { 68, 1.87, 398.15 },
  { 67, 4.41, 5507.55 }, { 59, 2.89, 5223.69 }, { 56, 2.17, 155.42 },
  { 45, 0.40, 796.30 }, { 36, 0.47, 775.52 }, { 29, 2.65, 7.11 },
  { 21, 5.34, 0.98 }, { 19, 1.85, 5486.78 }, { 19, 4.97, 213.30 },
  { 17, 2.99, 6275.96 }, { 16, 0.03, 2544.31 }, { 16, 1.43, 2146.17 },
  { 15, 1.21, 10977.08 }, { 12, 2.83, 1748.02 }, { 12, 3.26, 5088.63 },
  { 12, 5.27, 1194.45 }, { 12, 2.08, 4694.00 }, { 11, 0.77, 553.57 },
  { 10, 1.30, 6286.60 }, { 10, 4.24, 1349.87 }, { 9, 2.70, 242.73 },
  { 9, 5.64, 951.72 }, { 8, 5.30, 2352.87 }, { 6, 2.65, 9437.76 },
  { 6, 4.67, 4690.48 },
};

static const Term L2[] = {
  { 52919, 0, 0 }, { 8720, 1.0721, 6283.0758 }, { 309, 0.867, 12566.152 },
  { 27, 0.05, 3.52 }, { 16, 5.19, 26.30 }, { 16, 3.68, 155.42 },
  { 10, 0.76, 18849.23 }, { 9, 2.06, 77713.77 }, { 7, 0.83, 775.52 },
  { 5, 4.66, 1577.34 }, { 4, 1.03, 7.11 }, { 4, 3.44, 5573.14 },
  { 3, 5.14, 796.30 }, { 3, 6.05, 5507.55 }, { 3, 1.19, 242.73 },
  { 3, 6.12, 529.69 }, { 3, 0.31, 398.15 }, { 3, 2.28, 553.57 },
  { 2, 4.38, 5223.69 }, { 2, 3.75, 0.98 },
};

static const Term L3[] = {
  { 289, 5.844, 6283.076 }, { 35, 0, 0 }, { 17, 5.49, 12566.15 },
  { 3, 5.20, 155.42 }, { 1, 4.72, 3.52 }, { 1, 5.30, 18849.23 }, { 1, 5.97, 242.73 },
};

static const Term L4[] = {
  { 114, 3.142, 0 }, { 8, 4.13, 6283.08 }, { 1, 3.84, 12566.15 },
};

static const Term L5[] = {
  { 1, 3.14, 0 },
};

static const Term B0[] = {
  { 280, 3.199, 84334.662 }, { 102, 5.422, 5507.553 }, { 80, 3.88, 5223.69 },
  { 44, 3.70, 2352.87 }, { 32, 4.00, 1577.34 },
};

static const Term B1[] = {
  { 9, 3.90, 5507.55 }, { 6, 1.73, 5223.69 },
};

/* The radius serves only the aberration (20″ / R): its main terms. */
static const Term R0[] = {
  { 100013989, 0, 0 }, { 1670700, 3.0984635, 6283.0758500 }, { 13956, 3.05525, 12566.15170 },
  { 3084, 5.1985, 77713.7715 }, { 1628, 1.1739, 5753.3849 }, { 1576, 2.8469, 7860.4194 },
  { 925, 5.453, 11506.770 }, { 542, 4.564, 3930.210 }, { 472, 3.661, 5884.927 },
};

static const Term R1[] = {
  { 103019, 1.107490, 6283.075850 }, { 1721, 1.0644, 12566.1517 }, { 702, 3.142, 0 },
};

static const Term R2[] = {
  { 4359, 5.7846, 6283.0758 }, { 124, 5.579, 12566.152 },
};

static double
series (const Term *terms,
        gsize       n,
        double      tau)
{
  double sum = 0;

  for (gsize i = 0; i < n; i++)
    sum += terms[i].a * cos (terms[i].b + terms[i].c * tau);
  return sum;
}

#define SERIES(t, tau) series ((t), G_N_ELEMENTS (t), (tau))

/* The nutation in longitude, Δψ in arcseconds: the IAU 1980 terms of
 * 0.001″ and more, arguments D, M, M′, F, Ω then the coefficients in
 * 0.0001″ (constant, per century). */
static double
nutation_longitude (double T)
{
  static const struct { signed char d, m, mp, f, om; double s0, s1; } terms[] = {
    { 0, 0, 0, 0, 1, -171996, -174.2 }, { -2, 0, 0, 2, 2, -13187, -1.6 },
    { 0, 0, 0, 2, 2, -2274, -0.2 },     { 0, 0, 0, 0, 2, 2062, 0.2 },
    { 0, 1, 0, 0, 0, 1426, -3.4 },      { 0, 0, 1, 0, 0, 712, 0.1 },
    { -2, 1, 0, 2, 2, -517, 1.2 },      { 0, 0, 0, 2, 1, -386, -0.4 },
    { 0, 0, 1, 2, 2, -301, 0 },         { -2, -1, 0, 2, 2, 217, -0.5 },
    { -2, 0, 1, 0, 0, -158, 0 },        { -2, 0, 0, 2, 1, 129, 0.1 },
    { 0, 0, -1, 2, 2, 123, 0 },         { 2, 0, 0, 0, 0, 63, 0 },
    { 0, 0, 1, 0, 1, 63, 0.1 },         { 2, 0, -1, 2, 2, -59, 0 },
    { 0, 0, -1, 0, 1, -58, -0.1 },      { 0, 0, 1, 2, 1, -51, 0 },
    { -2, 0, 2, 0, 0, 48, 0 },          { 0, 0, -2, 2, 1, 46, 0 },
    { 2, 0, 0, 2, 2, -38, 0 },          { 0, 0, 2, 2, 2, -31, 0 },
    { 0, 0, 2, 0, 0, 29, 0 },           { -2, 0, 1, 2, 2, 29, 0 },
    { 0, 0, 0, 2, 0, 26, 0 },           { -2, 0, 0, 2, 0, -22, 0 },
    { 0, 0, -1, 2, 1, 21, 0 },          { 0, 2, 0, 0, 0, 17, -0.1 },
    { 2, 0, -1, 0, 1, 16, 0 },          { -2, 2, 0, 2, 2, -16, 0.1 },
    { 0, 1, 0, 0, 1, -15, 0 },          { -2, 0, 1, 0, 1, -13, 0 },
    { 0, -1, 0, 0, 1, -12, 0 },         { 0, 0, 2, -2, 0, 11, 0 },
    { 2, 0, -1, 2, 1, -10, 0 },
  };
  double T2 = T * T, T3 = T2 * T;
  double D = (297.85036 + 445267.111480 * T - 0.0019142 * T2 + T3 / 189474) * DEG;
  double M = (357.52772 + 35999.050340 * T - 0.0001603 * T2 - T3 / 300000) * DEG;
  double Mp = (134.96298 + 477198.867398 * T + 0.0086972 * T2 + T3 / 56250) * DEG;
  double F = (93.27191 + 483202.017538 * T - 0.0036825 * T2 + T3 / 327270) * DEG;
  double Om = (125.04452 - 1934.136261 * T + 0.0020708 * T2 + T3 / 450000) * DEG;
  double sum = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (terms); i++)
    {
      double arg = terms[i].d * D + terms[i].m * M + terms[i].mp * Mp + terms[i].f * F
                   + terms[i].om * Om;

      sum += (terms[i].s0 + terms[i].s1 * T) * sin (arg);
    }
  return sum * 0.0001;
}

double
dd_lunar_sun_longitude (double jde)
{
  double tau = (jde - 2451545.0) / 365250.0;
  double T = tau * 10;
  double L, B, R, lon, lat, lambda_p;

  L = (SERIES (L0, tau) + tau * (SERIES (L1, tau) + tau * (SERIES (L2, tau) + tau
       * (SERIES (L3, tau) + tau * (SERIES (L4, tau) + tau * SERIES (L5, tau)))))) * 1e-8;
  B = (SERIES (B0, tau) + tau * SERIES (B1, tau)) * 1e-8;
  R = (SERIES (R0, tau) + tau * (SERIES (R1, tau) + tau * SERIES (R2, tau))) * 1e-8;

  /* Geocentric, then from the dynamical ecliptic to FK5 (Meeus 32.3). */
  lon = L + G_PI;
  lat = -B;
  lambda_p = lon - (1.397 * T + 0.00031 * T * T) * DEG;
  lon += (-0.09033 + 0.03916 * (cos (lambda_p) + sin (lambda_p)) * tan (lat)) * ARCSEC;

  /* Nutation, aberration, and the equinox of date moved to the IAU 2006
   * precession the ephemerides use (0.29965″ a century slower than the
   * IAU 1976 precession VSOP87's "of date" longitudes assume; without it
   * the principal terms drift from 8 s late in 1900 to 6 s early in 2100). */
  lon += (nutation_longitude (T) - 20.4898 / R + DD_LUNAR_PRECESSION_2006 * T) * ARCSEC;
  lon = fmod (lon / DEG, 360.0);
  return lon < 0 ? lon + 360.0 : lon;
}

double
dd_lunar_nutation_longitude (double jde)
{
  return nutation_longitude ((jde - 2451545.0) / 36525.0);
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
 * tests/data/lunar/make-lunar-table.js uses the same model. */
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
