/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dd-calendar-page.h"

G_BEGIN_DECLS

/*
 * The days each view of the calendar page shows and the title it has:
 * date arithmetic only, no widget and no store.
 */

/* Adds @days (negative: subtracts). */
void   dd_calendar_range_add_days   (GDate          *date,
                                     int             days);
/* The first day of the week of @date (Monday in Vietnam). */
void   dd_calendar_range_week_start (const GDate    *date,
                                     GDate          *out);
/* The days the month view shows for the month of @date, whole weeks:
 * returns how many weeks (4 to 6). */
guint  dd_calendar_range_month      (const GDate    *date,
                                     GDate          *out_start,
                                     GDate          *out_end);
/* The days @view reads around the selected day @selected: its month's
 * weeks, its week, or for the agenda what may still be overdue before
 * @today and the next DD_CALENDAR_AGENDA_DAYS days. */
void   dd_calendar_range_of_view    (DdCalendarView  view,
                                     const GDate    *selected,
                                     const GDate    *today,
                                     GDate          *out_start,
                                     GDate          *out_end);
/* The title of @view: "Tháng 5 năm 2026", "Tuần 25: 15/06/2026 – 21/06/2026",
 * "30 ngày tới: …". (transfer full) */
char  *dd_calendar_range_dup_title  (DdCalendarView  view,
                                     const GDate    *selected,
                                     const GDate    *today);

G_END_DECLS
