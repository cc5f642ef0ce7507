/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

/**
 * DdCalendarDayFlags:
 * @DD_CALENDAR_DAY_OTHER_MONTH: a day of the month before or after (shown faint)
 * @DD_CALENDAR_DAY_TODAY: today (its number marked)
 * @DD_CALENDAR_DAY_SELECTED: the selected day
 */
typedef enum
{
  DD_CALENDAR_DAY_OTHER_MONTH = 1 << 0,
  DD_CALENDAR_DAY_TODAY = 1 << 1,
  DD_CALENDAR_DAY_SELECTED = 1 << 2,
} DdCalendarDayFlags;

/* The deadlines a day of the week view shows; the rest are in its "+N"
 * popover, as in the month view. */
#define DD_CALENDAR_MAX_WEEK_ENTRIES 20

#define DD_TYPE_CALENDAR_DAY (dd_calendar_day_get_type ())
G_DECLARE_FINAL_TYPE (DdCalendarDay, dd_calendar_day, DD, CALENDAR_DAY, GtkWidget)

GtkWidget   *dd_calendar_day_new          (gboolean            detailed) G_GNUC_WARN_UNUSED_RESULT;
void         dd_calendar_day_show         (DdCalendarDay      *self,
                                           const GDate        *date,
                                           DdWorkdays         *workdays,
                                           GPtrArray          *entries,
                                           DdCalendarDayFlags  flags);
void         dd_calendar_day_clear        (DdCalendarDay      *self);
void         dd_calendar_day_describe_year (GtkLabel          *label,
                                            DdWorkdays        *workdays,
                                            int                year);
/* The day shown: an invalid date once cleared. */
const GDate *dd_calendar_day_get_date     (DdCalendarDay      *self);
void         dd_calendar_day_set_selected (DdCalendarDay      *self,
                                           gboolean            selected);

/* The deadline a widget of the calendar stands for (a button of a day, a
 * row of the agenda), kept as a copy on it. */
void                   dd_calendar_day_attach_entry       (GObject               *object,
                                                           const DdCalendarEntry *entry);
const DdCalendarEntry *dd_calendar_day_get_attached_entry (GObject               *object);

G_END_DECLS
