/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <glib.h>
#include "dd-error.h"

G_BEGIN_DECLS

/*
 * The Vietnamese lunisolar calendar (âm lịch), computed for UTC+7 from the
 * astronomy: a month starts on the local day of a new moon; the month that
 * holds the December solstice is month 11; in a year of 13 months the first
 * month without a principal solar term (a multiple of 30° of the sun's
 * longitude) is the leap month and repeats the number of the month before.
 * The sun's and the moon's apparent longitudes come from the Swiss
 * Ephemeris (libswe, Moshier mode); new moons and principal terms are the
 * instants found from them; ΔT the Espenak–Meeus polynomials, the observed
 * values to 2025 and a stated extrapolation (dd-lunar-sun.c). Checked
 * against an ephemeris table (tests/data/lunar) and independent figures.
 * Valid for solar dates 1900-01-01 … 2100-12-31. Pure functions, any
 * thread (libswe keeps its state per thread).
 */

/* The first and last solar years the conversions accept. */
#define DD_LUNAR_MIN_YEAR 1900
#define DD_LUNAR_MAX_YEAR 2100

/**
 * DdLunarDate:
 * @day: 1–30
 * @month: 1–12
 * @year: the lunar year, numbered as the solar year in which it starts
 * @leap: TRUE for the leap month (tháng nhuận) that repeats @month
 */
typedef struct
{
  int day;
  int month;
  int year;
  gboolean leap;
} DdLunarDate;

/**
 * dd_lunar_from_solar:
 * @solar: a valid date
 * @out: (out caller-allocates): the lunar date
 * @error: %DD_LUNAR_ERROR_RANGE outside 1900–2100
 *
 * Returns: TRUE on success
 */
gboolean dd_lunar_from_solar  (const GDate  *solar,
                               DdLunarDate  *out,
                               GError      **error);

/**
 * dd_lunar_to_solar:
 * @lunar: the lunar date
 * @out: (out caller-allocates): the solar date
 * @error: %DD_LUNAR_ERROR_INVALID for a lunar date that does not exist,
 *   %DD_LUNAR_ERROR_RANGE outside 1900–2100
 *
 * Returns: TRUE on success
 */
gboolean dd_lunar_to_solar    (const DdLunarDate  *lunar,
                               GDate              *out,
                               GError            **error);

/* The leap month of lunar year @year (1–12), or 0 when it has none. */
int      dd_lunar_leap_month  (int year);

/* The number of days (29 or 30) of a lunar month, or 0 when it does not exist. */
int      dd_lunar_month_length (int      year,
                                int      month,
                                gboolean leap);

/* "DD/MM/YYYY", with " (nhuận)" after a leap month. (transfer full) */
char    *dd_lunar_date_format (const DdLunarDate *self);

/* Parses "D/M/YYYY" or "DD/MM/YYYY" (no leap flag: @out->leap is FALSE). */
gboolean dd_lunar_date_parse  (const char  *text,
                               DdLunarDate *out);

/**
 * DdLunarEvent:
 * @DD_LUNAR_EVENT_NEW_MOON: a new moon, the start of a month
 * @DD_LUNAR_EVENT_PRINCIPAL_TERM: a principal term (trung khí), the sun at
 *   a multiple of 30°
 */
typedef enum
{
  DD_LUNAR_EVENT_NEW_MOON,
  DD_LUNAR_EVENT_PRINCIPAL_TERM,
} DdLunarEvent;

/**
 * dd_lunar_next_new_moon:
 * @after: an instant, in seconds since 1970-01-01 00:00 UTC (UT)
 *
 * Returns: the instant of the first new moon at or after @after, same unit
 */
double   dd_lunar_next_new_moon (double after);

/**
 * dd_lunar_next_principal_term:
 * @after: an instant, in seconds since 1970-01-01 00:00 UTC (UT)
 * @longitude: (out) (optional): the sun's longitude then, 0, 30, … 330
 *
 * Returns: the instant of the first principal term after @after
 */
double   dd_lunar_next_principal_term (double  after,
                                       int    *longitude);

/**
 * dd_lunar_near_boundary:
 * @solar: a day
 * @event: (out) (optional): what falls near midnight
 * @instant: (out) (optional): when, in seconds since 1970-01-01 UTC
 *
 * Whether a new moon or a principal term falls within a minute of the
 * midnight (UTC+7) that starts or ends @solar, where a small error in the
 * astronomy or a published calendar's time zone could move a month.
 *
 * Returns: TRUE when one does
 */
gboolean dd_lunar_near_boundary (const GDate  *solar,
                                 DdLunarEvent *event,
                                 double       *instant);

G_END_DECLS
