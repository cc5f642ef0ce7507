/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

/* The days the agenda lists, from today. */
#define DD_CALENDAR_AGENDA_DAYS 30

/* An item of the agenda's list: a heading or a deadline. */
#define DD_TYPE_CALENDAR_AGENDA_ITEM (dd_calendar_agenda_item_get_type ())
G_DECLARE_FINAL_TYPE (DdCalendarAgendaItem, dd_calendar_agenda_item, DD, CALENDAR_AGENDA_ITEM, GObject)

const DdCalendarEntry *dd_calendar_agenda_item_get_entry     (DdCalendarAgendaItem *self);
gboolean               dd_calendar_agenda_item_is_heading    (DdCalendarAgendaItem *self);
const char            *dd_calendar_agenda_item_get_text      (DdCalendarAgendaItem *self);
const char            *dd_calendar_agenda_item_get_css_class (DdCalendarAgendaItem *self);

/* The rows of the agenda's list view over the items of
 * dd_calendar_agenda_fill(). (transfer full) */
GtkListItemFactory *dd_calendar_agenda_new_factory (void);

/* Called when the last items of a fill are in the list. */
typedef void (*DdCalendarAgendaFilled) (gpointer data);

/*
 * The calendar's agenda, items (DdCalendarAgendaItem) of a list model
 * shown by a list view, which makes widgets only for the rows in view: what is overdue or forgotten (before
 * @today), oldest first, then the next DD_CALENDAR_AGENDA_DAYS days, day by
 * day, each headed by its date and day off. @entries: every deadline
 * loaded, sorted by dd_calendar_deadline_compare(); @by_day: the same by
 * day (julian day → GPtrArray of DdCalendarEntry); @workdays: the days off,
 * or %NULL. @store's items are all replaced: the first at once, the rest
 * in steps from the main loop, short enough not to hold the window (see
 * dd_calendar_agenda_is_filling()), then @filled is called, unless the
 * store is filled again or finalized first. Each row of a
 * deadline carries its task (dd_calendar_deadline_get_task_id()).
 */
void dd_calendar_agenda_fill (GListStore  *store,
                              GPtrArray   *entries,
                              GHashTable  *by_day,
                              DdWorkdays  *workdays,
                              const GDate *today,
                              DdCalendarAgendaFilled filled,
                              gpointer     filled_data);
gboolean dd_calendar_agenda_is_filling   (GListStore *store);
void     dd_calendar_agenda_stop_filling (GListStore *store);

G_END_DECLS
