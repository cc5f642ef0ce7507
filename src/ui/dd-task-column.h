/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

/**
 * DdTaskColumn:
 *
 * The columns of the task list. Each but the last two sorts by the
 * #DdTaskSort of the same value; the plan's column sorts like the number's
 * (by plan, then the appendix order), the "6 rõ" column does not sort (its
 * filter does the work).
 */
typedef enum
{
  DD_TASK_COLUMN_NUMBER = DD_TASK_SORT_NUMBER,
  DD_TASK_COLUMN_TITLE = DD_TASK_SORT_TITLE,
  DD_TASK_COLUMN_LEAD = DD_TASK_SORT_LEAD,
  DD_TASK_COLUMN_COORDINATORS = DD_TASK_SORT_COORDINATORS,
  DD_TASK_COLUMN_DEADLINE = DD_TASK_SORT_DEADLINE,
  DD_TASK_COLUMN_PRODUCT = DD_TASK_SORT_PRODUCT,
  DD_TASK_COLUMN_DIRECTING = DD_TASK_SORT_DIRECTING,
  DD_TASK_COLUMN_STATUS = DD_TASK_SORT_STATUS,
  DD_TASK_COLUMN_PROGRESS = DD_TASK_SORT_PROGRESS,
  DD_TASK_COLUMN_PLAN = 100,
  DD_TASK_COLUMN_SIX_CLEAR = 101,
} DdTaskColumn;

/* The factory of the cells of @column: a label (wrapped, its whole text
 * in the tooltip), a status pill, a progress bar with its figure, or the
 * "6 rõ" badge. (transfer full) */
GtkListItemFactory *dd_task_column_new_factory (DdTaskColumn column) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
