/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_TASK_PERIODS (dd_task_periods_get_type ())
G_DECLARE_FINAL_TYPE (DdTaskPeriods, dd_task_periods, DD, TASK_PERIODS, GtkWidget)

GtkWidget     *dd_task_periods_new           (void) G_GNUC_WARN_UNUSED_RESULT;
/* Shows the periods of @task (judged as of dd_task_get_as_of()) and its
 * schedule, read from @store; %NULL empties the widget. */
void           dd_task_periods_set_task      (DdTaskPeriods    *self,
                                              DdStore          *store,
                                              DdTask           *task);
DdTask        *dd_task_periods_get_task      (DdTaskPeriods    *self);
/* Reads the periods and the schedule again. */
void           dd_task_periods_reload        (DdTaskPeriods    *self);
/* Selects and scrolls to the row of a period (the calendar's link); shows
 * the widget's page when it is in a GtkStack or GtkNotebook. %FALSE when
 * the task has no such period. */
gboolean       dd_task_periods_select_period (DdTaskPeriods    *self,
                                              DdOccurrenceKind  kind,
                                              int               year,
                                              int               index);
/* The periods listed, in the order of the rows. (transfer none) (element-type DdOccurrence) */
GPtrArray     *dd_task_periods_get_periods   (DdTaskPeriods    *self);
/* The row of a period, or %NULL. (transfer none) */
GtkListBoxRow *dd_task_periods_find_row      (DdTaskPeriods    *self,
                                              DdOccurrenceKind  kind,
                                              int               year,
                                              int               index);

G_END_DECLS
