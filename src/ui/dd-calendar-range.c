/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-calendar-range"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-calendar-range.h"
#include "dd-calendar-agenda.h"

/*
 * The days each view of the calendar page (dd-calendar-page.c) shows, and
 * its title: the month's whole weeks, Monday first; the week; the agenda's
 * look back at what is still overdue and its next 30 days.
 */

/* How far back the agenda looks for what is still overdue. */
#define OVERDUE_LOOKBACK_DAYS 730

void
dd_calendar_range_add_days (GDate *date,
                            int    days)
{
  if (days >= 0)
    g_date_add_days (date, (guint) days);
  else
    g_date_subtract_days (date, (guint) -days);
}

void
dd_calendar_range_week_start (const GDate *date,
                              GDate       *out)
{
  int offset;

  *out = *date;
  offset = ((int) g_date_get_weekday (date) - (int) dd_format_first_weekday () + 7) % 7;
  dd_calendar_range_add_days (out, -offset);
}

guint
dd_calendar_range_month (const GDate *date,
                         GDate       *out_start,
                         GDate       *out_end)
{
  GDate first;
  guint offset;
  guint n_rows;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, g_date_get_month (date), g_date_get_year (date));
  dd_calendar_range_week_start (&first, out_start);
  offset = g_date_days_between (out_start, &first);
  n_rows = (offset + g_date_get_days_in_month (g_date_get_month (date), g_date_get_year (date)) + 6) / 7;

  *out_end = *out_start;
  g_date_add_days (out_end, n_rows * 7 - 1);
  return n_rows;
}

void
dd_calendar_range_of_view (DdCalendarView  view,
                           const GDate    *selected,
                           const GDate    *today,
                           GDate          *out_start,
                           GDate          *out_end)
{
  switch (view)
    {
    case DD_CALENDAR_VIEW_WEEK:
      dd_calendar_range_week_start (selected, out_start);
      *out_end = *out_start;
      g_date_add_days (out_end, 6);
      break;

    case DD_CALENDAR_VIEW_AGENDA:
      *out_start = *today;
      dd_calendar_range_add_days (out_start, -OVERDUE_LOOKBACK_DAYS);
      *out_end = *today;
      g_date_add_days (out_end, DD_CALENDAR_AGENDA_DAYS - 1);
      break;

    case DD_CALENDAR_VIEW_MONTH:
    default:
      dd_calendar_range_month (selected, out_start, out_end);
      break;
    }
}

/* The title of the month view: "May 2026", "Tháng 5 năm 2026". */
static char *
dup_month_title (GDateMonth month,
                 int        year)
{
  switch ((int) month)
    {
    case 1:
      return g_strdup_printf (C_("calendar title", "January %d"), year);
    case 2:
      return g_strdup_printf (C_("calendar title", "February %d"), year);
    case 3:
      return g_strdup_printf (C_("calendar title", "March %d"), year);
    case 4:
      return g_strdup_printf (C_("calendar title", "April %d"), year);
    case 5:
      return g_strdup_printf (C_("calendar title", "May %d"), year);
    case 6:
      return g_strdup_printf (C_("calendar title", "June %d"), year);
    case 7:
      return g_strdup_printf (C_("calendar title", "July %d"), year);
    case 8:
      return g_strdup_printf (C_("calendar title", "August %d"), year);
    case 9:
      return g_strdup_printf (C_("calendar title", "September %d"), year);
    case 10:
      return g_strdup_printf (C_("calendar title", "October %d"), year);
    case 11:
      return g_strdup_printf (C_("calendar title", "November %d"), year);
    case 12:
      return g_strdup_printf (C_("calendar title", "December %d"), year);
    default:
      return g_strdup_printf ("%d/%d", (int) month, year);
    }
}

char *
dd_calendar_range_dup_title (DdCalendarView  view,
                             const GDate    *selected,
                             const GDate    *today)
{
  char *title = NULL;

  switch (view)
    {
    case DD_CALENDAR_VIEW_WEEK:
      {
        g_autofree char *first = NULL;
        g_autofree char *last = NULL;
        GDate start, end;

        dd_calendar_range_of_view (view, selected, today, &start, &end);
        first = dd_format_date (&start);
        last = dd_format_date (&end);
        /* Translators: the title of the week view: the ISO week number, its first and last days. */
        title = g_strdup_printf (_("Week %u: %s – %s"),
                                 g_date_get_iso8601_week_of_year (selected), first, last);
      }
      break;

    case DD_CALENDAR_VIEW_AGENDA:
      {
        g_autofree char *first = dd_format_date (today);
        g_autofree char *last = NULL;
        GDate end = *today;

        g_date_add_days (&end, DD_CALENDAR_AGENDA_DAYS - 1);
        last = dd_format_date (&end);
        /* Translators: the title of the agenda view. */
        title = g_strdup_printf (_("The next 30 days: %s – %s"), first, last);
      }
      break;

    case DD_CALENDAR_VIEW_MONTH:
    default:
      title = dup_month_title (g_date_get_month (selected), g_date_get_year (selected));
      break;
    }

  return title;
}
