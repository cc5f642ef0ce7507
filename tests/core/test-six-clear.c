/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-six-clear"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dd-store-private.h"

/*
 * The "6 rõ" check: each of the six on a task written here, then the
 * findings on the seed plan 662/KH-VPUB: task 5 ("Theo Kế hoạch của Sở Nội
 * vụ") is not clear in time until a date is set, task 6 (led by "Các phòng
 * chuyên môn liên quan") is not clear in who; the others are clear.
 */

static DdSixClearInput
clear_task (void)
{
  static const char * const coordinators[] = { "Các phòng, ban, đơn vị liên quan", NULL };
  DdSixClearInput input = { 0 };

  input.title = "Xây dựng kế hoạch triển khai tại cơ quan";
  input.lead = "Phòng Hành chính - Quản trị";
  input.coordinators = coordinators;
  input.kind = DD_DEADLINE_DATE;
  input.has_due = TRUE;
  input.deadline_understood = TRUE;
  input.product = "Kế hoạch được ban hành";
  input.directing = "Thủ trưởng cơ quan";
  return input;
}

static void
test_each (void)
{
  static const char * const lead_too[] = { "Ban B", "phòng hành chính -  quản trị", NULL };
  DdSixClearInput input = clear_task ();
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *summary = NULL;

  g_assert_cmpuint (dd_six_clear_check (&input, messages), ==, 0);
  g_assert_cmpuint (messages->len, ==, 0);

  input = clear_task ();
  input.lead = NULL;
  g_assert_cmpuint (dd_six_clear_check (&input, NULL), ==, DD_SIX_CLEAR_PERSON | DD_SIX_CLEAR_RESPONSIBILITY);

  input = clear_task ();
  input.lead_is_group = TRUE;
  g_assert_cmpuint (dd_six_clear_check (&input, NULL), ==, DD_SIX_CLEAR_PERSON);

  input = clear_task ();
  input.title = "  ";
  g_assert_cmpuint (dd_six_clear_check (&input, NULL), ==, DD_SIX_CLEAR_WORK);
  input.title = "Kế hoạch";
  g_assert_cmpuint (dd_six_clear_check (&input, NULL), ==, DD_SIX_CLEAR_WORK);

  input = clear_task ();
  input.directing = "";
  g_assert_cmpuint (dd_six_clear_check (&input, NULL), ==, DD_SIX_CLEAR_AUTHORITY);

  input = clear_task ();
  input.coordinators = lead_too;
  g_assert_cmpuint (dd_six_clear_check (&input, NULL), ==, DD_SIX_CLEAR_RESPONSIBILITY);

  input = clear_task ();
  input.kind = DD_DEADLINE_EXTERNAL;
  input.has_due = FALSE;
  g_assert_cmpuint (dd_six_clear_check (&input, NULL), ==, DD_SIX_CLEAR_TIME);
  input.has_due = TRUE;
  g_assert_cmpuint (dd_six_clear_check (&input, NULL), ==, 0);
  input.kind = DD_DEADLINE_NONE;
  g_assert_cmpuint (dd_six_clear_check (&input, NULL), ==, DD_SIX_CLEAR_TIME);
  input.kind = DD_DEADLINE_ONGOING;
  input.has_due = FALSE;
  g_assert_cmpuint (dd_six_clear_check (&input, NULL), ==, 0);
  input.kind = DD_DEADLINE_PERIODIC;
  input.deadline_understood = FALSE;
  g_assert_cmpuint (dd_six_clear_check (&input, NULL), ==, DD_SIX_CLEAR_TIME);

  input = clear_task ();
  input.product = NULL;
  g_assert_cmpuint (dd_six_clear_check (&input, NULL), ==, DD_SIX_CLEAR_RESULT);

  /* Everything missing: six findings, one sentence each at least. */
  memset (&input, 0, sizeof input);
  g_ptr_array_set_size (messages, 0);
  g_assert_cmpuint (dd_six_clear_check (&input, messages), ==, DD_SIX_CLEAR_ALL);
  g_assert_cmpuint (messages->len, >=, DD_N_SIX_CLEAR);

  summary = dd_six_clear_dup_summary (DD_SIX_CLEAR_PERSON | DD_SIX_CLEAR_TIME);
  g_assert_nonnull (strstr (summary, ", "));
  g_assert_cmpstr (dd_six_clear_to_string (DD_SIX_CLEAR_TIME), ==, "time");
  g_assert_cmpstr (dd_six_clear_to_string (DD_SIX_CLEAR_PERSON), ==, "person");
}

static const DdSixClearFinding *
finding_for (GPtrArray  *findings,
             const char *number)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const DdSixClearFinding *finding = g_ptr_array_index (findings, i);

      if (g_strcmp0 (finding->number, number) == 0)
        return finding;
    }
  g_assert_not_reached ();
}

static void
test_seed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(DdTask) task = NULL;
  gint64 plan_id, task5;

  g_assert_no_error (error);
  g_assert_true (dd_store_load_default (store, &error));
  g_assert_no_error (error);

  findings = dd_store_check_six_clear (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (findings->len, >=, 7);
  for (guint i = 0; i < findings->len; i++)
    {
      const DdSixClearFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_equal (finding->number, "5."))
        g_assert_cmpuint (finding->missing, ==, DD_SIX_CLEAR_TIME);
      else if (g_str_equal (finding->number, "6."))
        g_assert_cmpuint (finding->missing, ==, DD_SIX_CLEAR_PERSON);
      else
        g_assert_cmpuint (finding->missing, ==, 0);
    }
  g_assert_cmpuint (finding_for (findings, "5.")->messages->len, ==, 1);
  g_assert_nonnull (strstr (finding_for (findings, "6.")->title, "Thẩm tra"));

  /* Once a date is set, task 5 is clear. */
  plan_id = dd_sql_query_int64 (store, "SELECT id FROM plans", 0);
  task5 = _dd_store_find_task_by_number (store, plan_id, "5.");
  task = dd_store_get_task (store, task5, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&task);
  {
    g_autoptr(DdTask) stored = dd_store_get_task (store, task5, NULL, &error);
    g_autoptr(DdTask) copy = dd_task_copy (stored);

    g_assert_true (dd_task_set_deadline_text (copy, "Trước 31/12/2026", &error));
    g_assert_true (dd_store_save_task (store, copy, &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&findings, g_ptr_array_unref);
  findings = dd_store_check_six_clear (store, plan_id, &error);
  g_assert_cmpuint (finding_for (findings, "5.")->missing, ==, 0);

  /* A person in charge does not change a group lead into a named unit. */
  g_assert_true (dd_store_set_task_person (store, _dd_store_find_task_by_number (store, plan_id, "6."),
                                           "Nguyễn Văn A", &error));
  g_clear_pointer (&findings, g_ptr_array_unref);
  findings = dd_store_check_six_clear (store, plan_id, &error);
  g_assert_cmpuint (finding_for (findings, "6.")->missing, ==, DD_SIX_CLEAR_PERSON);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/six-clear/each", test_each);
  g_test_add_func ("/core/six-clear/seed", test_seed);

  return g_test_run ();
}
