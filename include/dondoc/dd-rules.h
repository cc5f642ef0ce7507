/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <glib.h>
#include "dd-types.h"
#include "dd-workdays.h"

G_BEGIN_DECLS

/* The default of the "due soon" window, in working days (a setting: "due_soon_days"). */
#define DD_DEFAULT_DUE_SOON_DAYS 5

/**
 * dd_rules_due_soon_limit:
 * @workdays: (nullable): the working-day calendar (the store's, with each
 *   year's official days off); %NULL for the Labor Code defaults
 * @as_of: the reference date
 * @due_soon_days: the "due soon" window, in working days
 * @out_limit: (out caller-allocates): the last due date that counts as "due soon"
 *
 * A task not done whose due date lies in [@as_of, @out_limit] is due soon:
 * @out_limit is @due_soon_days working days after @as_of
 * (dd_workdays_add()). The one place the window is computed.
 */
void dd_rules_due_soon_limit (DdWorkdays  *workdays,
                              const GDate *as_of,
                              guint        due_soon_days,
                              GDate       *out_limit);

/**
 * dd_rules_task_status:
 * @kind: the deadline kind
 * @due: (nullable): the due date, or %NULL / an invalid date when there is none
 * @completed_on: (nullable): the completion date, or %NULL when not completed
 * @as_of: the reference date
 * @soon_limit: from dd_rules_due_soon_limit()
 *
 * The status of a task by the table in PRODUCT.md. A task completed after
 * @as_of is counted as not yet completed (looking back at an earlier date
 * shows the plan as it stood then). Ongoing, periodic and statutory tasks
 * without a date are in progress until completed; a task whose date cannot
 * be derived has no deadline.
 */
DdTaskStatus dd_rules_task_status (DdDeadlineKind kind,
                                   const GDate   *due,
                                   const GDate   *completed_on,
                                   const GDate   *as_of,
                                   const GDate   *soon_limit);

G_END_DECLS
