/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

/* The days the agenda lists, from today. */
#define DD_CALENDAR_AGENDA_DAYS 30

/*
 * The calendar's agenda, a list box: what is overdue or forgotten (before
 * @today), oldest first, then the next DD_CALENDAR_AGENDA_DAYS days, day by
 * day, each headed by its date and day off. @entries: every deadline
 * loaded, sorted by dd_calendar_deadline_compare(); @by_day: the same by
 * day (julian day → GPtrArray of DdCalendarEntry); @workdays: the days off,
 * or %NULL. Each row of a deadline carries its task
 * (dd_calendar_deadline_get_task_id()).
 */
void dd_calendar_agenda_fill (GtkListBox  *list,
                              GPtrArray   *entries,
                              GHashTable  *by_day,
                              DdWorkdays  *workdays,
                              const GDate *today);

G_END_DECLS
