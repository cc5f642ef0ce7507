/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "dondoc/dondoc.h"
#include "dd-test-core.h"

static void
test_status_table (void)
{
  struct {
    DdDeadlineKind kind;
    const char *due;
    const char *completed;
    const char *as_of;
    DdTaskStatus expected;
  } cases[] = {
    /* Task 1 of the seed: due 30/4/2026, done 28/4/2026. */
    { DD_DEADLINE_DATE, "2026-04-30", "2026-04-28", "2026-05-15", DD_STATUS_DONE_ON_TIME },
    { DD_DEADLINE_DATE, "2026-04-30", "2026-04-30", "2026-05-15", DD_STATUS_DONE_ON_TIME },
    { DD_DEADLINE_DATE, "2026-04-30", "2026-05-02", "2026-05-15", DD_STATUS_DONE_LATE },
    /* Looking back before the completion: not yet done then. */
    { DD_DEADLINE_DATE, "2026-04-30", "2026-05-02", "2026-04-20", DD_STATUS_IN_PROGRESS },
    { DD_DEADLINE_DATE, "2026-04-30", "2026-05-02", "2026-04-29", DD_STATUS_DUE_SOON },
    { DD_DEADLINE_DATE, "2026-04-30", NULL, "2026-05-01", DD_STATUS_OVERDUE },
    { DD_DEADLINE_DATE, "2026-04-30", NULL, "2026-04-30", DD_STATUS_DUE_SOON },
    { DD_DEADLINE_DATE, "2026-04-30", NULL, "2026-04-25", DD_STATUS_DUE_SOON },
    /* Five working days: from Friday 24/4 the window skips the compensatory
     * Monday 27/4 (Giỗ Tổ fell on Sunday 26/4), 30/4, 1/5 and the weekend:
     * 28, 29/4, 4, 5, 6/5. */
    { DD_DEADLINE_DATE, "2026-04-30", NULL, "2026-04-24", DD_STATUS_DUE_SOON },
    { DD_DEADLINE_DATE, "2026-05-06", NULL, "2026-04-24", DD_STATUS_DUE_SOON },
    { DD_DEADLINE_DATE, "2026-05-07", NULL, "2026-04-24", DD_STATUS_IN_PROGRESS },
    { DD_DEADLINE_DATE, "2026-04-30", NULL, "2026-04-22", DD_STATUS_DUE_SOON },
    { DD_DEADLINE_DATE, "2026-04-30", NULL, "2026-04-21", DD_STATUS_IN_PROGRESS },
    { DD_DEADLINE_ONGOING, NULL, NULL, "2026-05-01", DD_STATUS_IN_PROGRESS },
    { DD_DEADLINE_PERIODIC, NULL, NULL, "2026-05-01", DD_STATUS_IN_PROGRESS },
    { DD_DEADLINE_STATUTORY, NULL, NULL, "2026-05-01", DD_STATUS_IN_PROGRESS },
    { DD_DEADLINE_EXTERNAL, NULL, NULL, "2026-05-01", DD_STATUS_NO_DEADLINE },
    { DD_DEADLINE_NONE, NULL, NULL, "2026-05-01", DD_STATUS_NO_DEADLINE },
    { DD_DEADLINE_EXTERNAL, NULL, "2026-04-01", "2026-05-01", DD_STATUS_DONE_ON_TIME },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate due = dd_test_date (cases[i].due);
      GDate completed = dd_test_date (cases[i].completed);
      GDate as_of = dd_test_date (cases[i].as_of);
      GDate soon;
      DdTaskStatus status;

      dd_rules_due_soon_limit (NULL, &as_of, DD_DEFAULT_DUE_SOON_DAYS, &soon);
      status = dd_rules_task_status (cases[i].kind, &due, &completed, &as_of, &soon);
      g_test_message ("case %u: %s", i, dd_task_status_to_string (status));
      g_assert_cmpstr (dd_task_status_to_string (status), ==,
                       dd_task_status_to_string (cases[i].expected));
    }
}

static void
test_names (void)
{
  DdTaskStatus s;
  DdDeadlineKind k;

  for (guint i = 0; i < DD_N_STATUSES; i++)
    {
      g_assert_true (dd_task_status_from_string (dd_task_status_to_string (i), &s));
      g_assert_cmpint (s, ==, i);
    }
  for (guint i = 0; i < DD_N_DEADLINE_KINDS; i++)
    {
      g_assert_true (dd_deadline_kind_from_string (dd_deadline_kind_to_string (i), &k));
      g_assert_cmpint (k, ==, i);
    }
  g_assert_false (dd_task_status_from_string ("late", &s));
  g_assert_cmpstr (dd_task_status_to_string (DD_STATUS_DUE_SOON), ==, "due_soon");
  g_assert_cmpstr (dd_deadline_kind_to_string (DD_DEADLINE_STATUTORY), ==, "statutory");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/rules/status-table", test_status_table);
  g_test_add_func ("/core/rules/names", test_names);
  return g_test_run ();
}
