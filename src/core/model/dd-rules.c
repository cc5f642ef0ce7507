/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-rules"

#include "config.h"

#include "dd-core-private.h"

void
dd_rules_due_soon_limit (DdWorkdays  *workdays,
                         const GDate *as_of,
                         guint        due_soon_days,
                         GDate       *out_limit)
{
  g_autoptr(DdWorkdays) defaults = NULL;

  g_return_if_fail (workdays == NULL || DD_IS_WORKDAYS (workdays));
  g_return_if_fail (dd_date_is_set (as_of));
  g_return_if_fail (out_limit != NULL);

  /* defaults owns the calendar it lends, to free it at the end (g_autoptr). */
  if (workdays == NULL)
    workdays = defaults = dd_workdays_new ();  /* NOLINT(clang-analyzer-deadcode.DeadStores) */

  /* A window of 0 working days still counts a task due today as due soon. */
  if (due_soon_days == 0)
    *out_limit = *as_of;
  else
    dd_workdays_add (workdays, as_of, (int) due_soon_days, out_limit);
}

/* The rule itself, on Julian days (0: none), for the scans that read
 * dates as days and judge a hundred thousand tasks (dd-store-stats.c). */
DdTaskStatus
_dd_rules_task_status_days (DdDeadlineKind kind,
                            guint32        due,
                            guint32        completed_on,
                            guint32        as_of,
                            guint32        soon_limit)
{
  g_return_val_if_fail (as_of > 0, DD_STATUS_NO_DEADLINE);

  /* Completed on or before the reference date: judged against the due date. */
  if (completed_on > 0 && completed_on <= as_of)
    {
      if (due > 0 && completed_on > due)
        return DD_STATUS_DONE_LATE;
      return DD_STATUS_DONE_ON_TIME;
    }

  if (due > 0)
    {
      if (due < as_of)
        return DD_STATUS_OVERDUE;
      if (soon_limit > 0 && due <= soon_limit)
        return DD_STATUS_DUE_SOON;
      return DD_STATUS_IN_PROGRESS;
    }

  switch (kind)
    {
    case DD_DEADLINE_ONGOING:
    case DD_DEADLINE_PERIODIC:
    case DD_DEADLINE_STATUTORY:
      return DD_STATUS_IN_PROGRESS;
    case DD_DEADLINE_DATE:
    case DD_DEADLINE_EXTERNAL:
    case DD_DEADLINE_NONE:
    default:
      return DD_STATUS_NO_DEADLINE;
    }
}

static guint32
julian_or_zero (const GDate *date)
{
  return dd_date_is_set (date) ? g_date_get_julian (date) : 0;
}

DdTaskStatus
dd_rules_task_status (DdDeadlineKind kind,
                      const GDate   *due,
                      const GDate   *completed_on,
                      const GDate   *as_of,
                      const GDate   *soon_limit)
{
  g_return_val_if_fail (dd_date_is_set (as_of), DD_STATUS_NO_DEADLINE);

  return _dd_rules_task_status_days (kind, julian_or_zero (due), julian_or_zero (completed_on),
                                     g_date_get_julian (as_of), julian_or_zero (soon_limit));
}
