/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

/**
 * DdCalendarView:
 * @DD_CALENDAR_VIEW_MONTH: the month of the selected day, Monday first
 * @DD_CALENDAR_VIEW_WEEK: the week of the selected day, every deadline in full
 * @DD_CALENDAR_VIEW_AGENDA: what is overdue, then the next 30 days, day by day
 */
typedef enum
{
  DD_CALENDAR_VIEW_MONTH,
  DD_CALENDAR_VIEW_WEEK,
  DD_CALENDAR_VIEW_AGENDA,
} DdCalendarView;

#define DD_TYPE_CALENDAR_PAGE (dd_calendar_page_get_type ())
G_DECLARE_FINAL_TYPE (DdCalendarPage, dd_calendar_page, DD, CALENDAR_PAGE, GtkWidget)

GtkWidget      *dd_calendar_page_new            (DdStore        *store) G_GNUC_WARN_UNUSED_RESULT;
DdStore        *dd_calendar_page_get_store      (DdCalendarPage *self);
void            dd_calendar_page_set_store      (DdCalendarPage *self,
                                                 DdStore        *store);
void            dd_calendar_page_reload         (DdCalendarPage *self);
/* Whether the deadlines of the days asked for last are still being read
 * (on the calendar's worker; DdCalendarPage:loading notifies). */
gboolean        dd_calendar_page_is_loading     (DdCalendarPage *self);

/* The selected day; the month and week views show the month and week it is in. */
void            dd_calendar_page_get_date       (DdCalendarPage *self,
                                                 GDate          *out);
void            dd_calendar_page_set_date       (DdCalendarPage *self,
                                                 const GDate    *date);
DdCalendarView  dd_calendar_page_get_view       (DdCalendarPage *self);
void            dd_calendar_page_set_view       (DdCalendarPage *self,
                                                 DdCalendarView  view);

/* The cell of @date in the month or week view shown, or %NULL when the
 * view does not show that day. (transfer none) */
GtkWidget      *dd_calendar_page_get_day_widget (DdCalendarPage *self,
                                                 const GDate    *date);

G_END_DECLS
