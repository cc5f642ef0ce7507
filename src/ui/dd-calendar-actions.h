/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dd-calendar-page.h"

G_BEGIN_DECLS

/*
 * The calendar page's keys and header actions (dd-calendar-actions.c), and
 * what they ask of the page (dd-calendar-page.c). Private to the page.
 */

/* dd-calendar-actions.c: from the page's class_init and init. */
void _dd_calendar_actions_class_init (GtkWidgetClass *widget_class);
void _dd_calendar_actions_init       (DdCalendarPage *self);

/* dd-calendar-page.c: selects @date (the view follows it), the day's cell
 * taking the focus when @grab_focus; today, read again. */
void _dd_calendar_page_select        (DdCalendarPage *self,
                                      const GDate    *date,
                                      gboolean        grab_focus);
void _dd_calendar_page_go_to_today   (DdCalendarPage *self,
                                      gboolean        grab_focus);

G_END_DECLS
