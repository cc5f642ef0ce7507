/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * The astronomy under the lunar calendar (dd-lunar-sun.c): instants are
 * Julian Dates, JDE in Terrestrial Time, JD in UT.
 */

#include <glib.h>

G_BEGIN_DECLS

/* ΔT = TT − UT in days at the instant @jd (UT or TT alike: ΔT changes by
 * far less than a second in a minute). */
double dd_lunar_delta_t_days     (double jd);

/* The apparent geocentric longitude of @body (SE_SUN, SE_MOON) in
 * degrees, 0–360, at @jde (TT), from the Swiss Ephemeris (dd-lunar-sun.c). */
double dd_lunar_ephemeris_longitude (int    body,
                                     double jde);

/* The sun's apparent geocentric longitude in degrees, 0–360, at @jde (TT). */
double dd_lunar_sun_longitude    (double jde);

/* The instant (JDE) near @jde_guess when the sun's apparent longitude is
 * @degrees (within ±20 days of the guess). */
double dd_lunar_sun_reaches      (double degrees,
                                  double jde_guess);

/* The moon's apparent geocentric longitude in degrees, 0–360, at @jde (TT). */
double dd_lunar_moon_longitude   (double jde);

/* The instant (JDE) near @jde_guess (within a few hours) when the moon's
 * apparent longitude equals the sun's: a new moon. */
double dd_lunar_conjunction      (double jde_guess);

G_END_DECLS
