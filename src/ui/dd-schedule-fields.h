/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_SCHEDULE_FIELDS (dd_schedule_fields_get_type ())
G_DECLARE_FINAL_TYPE (DdScheduleFields, dd_schedule_fields, DD, SCHEDULE_FIELDS, GtkWidget)

/*
 * DdScheduleFields: the fields of a report schedule (DdTaskSchedule) — the
 * periods of a periodic task, the rule of their due dates, how often an
 * ongoing task's update is owed. Used by the task editor (a task's own
 * schedule) and by Preferences (the office's default). Emits "changed"
 * when the user changes a field, never for dd_schedule_fields_set_schedule().
 */
GtkWidget *dd_schedule_fields_new          (void) G_GNUC_WARN_UNUSED_RESULT;
/* Shows @schedule in the fields. */
void       dd_schedule_fields_set_schedule (DdScheduleFields     *self,
                                            const DdTaskSchedule *schedule);
/* The schedule last set, with what the fields now say. */
void       dd_schedule_fields_get_schedule (DdScheduleFields     *self,
                                            DdTaskSchedule       *out);
/* Whether the fields differ from the schedule last set. */
gboolean   dd_schedule_fields_is_edited    (DdScheduleFields     *self);
/* Which rows show: the periods and due rule (@periodic), the update's
 * frequency (@ongoing). */
void       dd_schedule_fields_show_rows    (DdScheduleFields     *self,
                                            gboolean              periodic,
                                            gboolean              ongoing);
/* Whether the user may change the fields (a focused field loses focus
 * when it may not). */
void       dd_schedule_fields_set_editable (DdScheduleFields     *self,
                                            gboolean              editable);

G_END_DECLS
