/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

/*
 * One deadline of the calendar (a DdCalendarEntry) as the calendar's views
 * show it: its text, its tooltip, the task it opens, and the line that
 * stands for those a list leaves out.
 */

/* Widgets are made for this many deadlines of a list at most: a plan
 * archive may have thousands overdue; the task list shows them all. */
#define DD_CALENDAR_MAX_LISTED 200

/* For g_ptr_array_sort() on DdCalendarEntry pointers: by day, the most
 * urgent status first, then by task. */
int        dd_calendar_deadline_compare        (gconstpointer          a,
                                                gconstpointer          b);
/* "Quý II/2026: <title>" for an occurrence, else the title. (transfer full) */
char      *dd_calendar_deadline_dup_text       (const DdCalendarEntry *entry);
/* The title, the period, the lead unit, the due date and the status, one a
 * line. (transfer full) */
char      *dd_calendar_deadline_dup_tooltip    (const DdCalendarEntry *entry);
/* The task a widget opens, kept as its "dd-task-id" data (0 when none). */
void       dd_calendar_deadline_set_task_id    (GObject               *object,
                                                gint64                 task_id);
gint64     dd_calendar_deadline_get_task_id    (GObject               *object);
/* "… and 3 more deadlines: see the task list". (transfer floating) */
GtkWidget *dd_calendar_deadline_new_more_label (guint                  n_more);

G_END_DECLS
