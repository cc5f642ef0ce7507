/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include "dondoc/dondoc.h"

/*
 * The lunar calendar's cost: the first conversion of a date (what
 * "dondoc-cli lunar DATE" does once), the new moons 1900–2100 one after
 * the other (each computed then), and converting every day of 1900–2100 in
 * one process (what a calendar scrolling through the years does). Prints figures; asserts nothing.
 */

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  DdLunarDate lunar;
  GDate day;
  double start, first, all, moons;
  double instant = -2208988800.0;   /* 1900-01-01T00:00:00Z */
  guint n_days = 0, n_moons = 0;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 15, G_DATE_JUNE, 2026);
  start = now_ms ();
  dd_lunar_from_solar (&day, &lunar, NULL);
  first = now_ms () - start;

  start = now_ms ();
  while (instant < 4133894400.0)    /* 2101-01-01 */
    {
      instant = dd_lunar_next_new_moon (instant + 60.0);
      n_moons++;
    }
  moons = now_ms () - start;

  g_date_set_dmy (&day, 1, G_DATE_JANUARY, 1900);
  start = now_ms ();
  while (g_date_get_year (&day) <= 2100)
    {
      dd_lunar_from_solar (&day, &lunar, NULL);
      g_date_add_days (&day, 1);
      n_days++;
    }
  all = now_ms () - start;

  printf ("first conversion (2026-06-15): %.2f ms\n", first);
  printf ("new moons 1900-2100: %u in %.1f ms (%.1f µs each)\n", n_moons, moons, moons * 1000.0 / n_moons);
  printf ("every day 1900-2100: %u days in %.0f ms (%.2f µs a day)\n", n_days, all, all * 1000.0 / n_days);
  return 0;
}
