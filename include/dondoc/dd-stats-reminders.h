/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <gio/gio.h>
#include "dd-stats.h"
#include "dd-task-list.h"

G_BEGIN_DECLS

/*
 * What needs attention (the reminder bar on opening, the desktop
 * notification): the tasks overdue, those with a forgotten report or update
 * (quên việc: a periodic or ongoing task whose latest report or update of a
 * kind was not made by its due date) and those due soon, by the one status
 * rule of the task list, so that the list opened holds exactly the number
 * counted. Main thread only, like DdStats' other reads.
 */

/**
 * DdReminderCounts:
 * @overdue: tasks overdue (%DD_STATUS_OVERDUE)
 * @forgotten: tasks with a forgotten report or update (%DD_STATUS_FORGOTTEN)
 * @due_soon: tasks due soon (%DD_STATUS_DUE_SOON)
 */
typedef struct
{
  guint overdue;
  guint forgotten;
  guint due_soon;
} DdReminderCounts;

/**
 * dd_stats_count_reminders:
 * @query: which tasks (its as_of, due_soon_days, plan, unit, text; its status
 *   is ignored)
 * @out: (out caller-allocates): the counts
 *
 * Counts what needs attention (dd_store_count_by_status() for the three
 * statuses). Errors are in DD_STORE_ERROR.
 */
gboolean   dd_stats_count_reminders (DdStats            *self,
                                     const DdTaskQuery  *query,
                                     DdReminderCounts   *out,
                                     GError            **error);

/**
 * dd_stats_list_reminders:
 * @query: as for dd_stats_count_reminders()
 *
 * Exactly the tasks dd_stats_count_reminders() counts: the overdue ones,
 * then those with a forgotten report, then those due soon, each group in
 * the order of @query's sort.
 *
 * Returns: (transfer full) (element-type DdTask): the tasks, or %NULL with @error
 */
GPtrArray *dd_stats_list_reminders  (DdStats            *self,
                                     const DdTaskQuery  *query,
                                     GError            **error);

G_END_DECLS
