/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * The astronomy under the lunar calendar (dd-lunar-sun.c): instants are
 * Julian Dates, JDE in Terrestrial Time, JD in UT.
 */

#include <glib.h>

G_BEGIN_DECLS

/* The correction of the IAU 1976 general precession in longitude to IAU
 * 2006, in arcseconds a Julian century from J2000 (both the sun's and the
 * moon's longitudes of date get it, so a new moon does not move). */
#define DD_LUNAR_PRECESSION_2006 (-0.29965)

/* ΔT = TT − UT in days at the instant @jd (UT or TT alike: ΔT changes by
 * far less than a second in a minute). */
double dd_lunar_delta_t_days     (double jd);

/* The sun's apparent geocentric longitude in degrees, 0–360, at @jde (TT):
 * VSOP87 truncated as in Meeus ch. 32, FK5, IAU 1980 nutation, aberration. */
double dd_lunar_sun_longitude    (double jde);

/* The instant (JDE) near @jde_guess when the sun's apparent longitude is
 * @degrees (within ±20 days of the guess). */
double dd_lunar_sun_reaches      (double degrees,
                                  double jde_guess);

/* The nutation in longitude (IAU 1980) at @jde, in arcseconds. */
double dd_lunar_nutation_longitude (double jde);

/* The moon's apparent geocentric longitude in degrees, 0–360, at @jde (TT):
 * ELP-2000/82 truncated as in Meeus ch. 47, with the nutation (dd-lunar-moon.c). */
double dd_lunar_moon_longitude   (double jde);

/* The instant (JDE) near @jde_guess (within a few hours) when the moon's
 * apparent longitude equals the sun's: a new moon. */
double dd_lunar_conjunction      (double jde_guess);

G_END_DECLS
