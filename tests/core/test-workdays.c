/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "dondoc/dondoc.h"
#include "dd-test-core.h"

typedef struct
{
  const char *date;
  DdHolidayKind kind;
} Expected;

static void
assert_table (GPtrArray      *list,
              const Expected *expected,
              guint           n)
{
  g_assert_cmpuint (list->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const DdHoliday *holiday = g_ptr_array_index (list, i);
      g_autofree char *iso = dd_date_to_iso (&holiday->date);

      g_assert_cmpstr (iso, ==, expected[i].date);
      g_assert_cmpint (holiday->kind, ==, expected[i].kind);
      g_assert_cmpstr (holiday->name, !=, "");
    }
}

static const Expected table_2026[] = {
  { "2026-01-01", DD_HOLIDAY_KIND_HOLIDAY },
  /* Tết Bính Ngọ: 29 Tết (16/2, the year Ất Tỵ ends on a 29-day month) to mùng 4. */
  { "2026-02-16", DD_HOLIDAY_KIND_HOLIDAY },
  { "2026-02-17", DD_HOLIDAY_KIND_HOLIDAY },
  { "2026-02-18", DD_HOLIDAY_KIND_HOLIDAY },
  { "2026-02-19", DD_HOLIDAY_KIND_HOLIDAY },
  { "2026-02-20", DD_HOLIDAY_KIND_HOLIDAY },
  /* Giỗ Tổ on Sunday 26/4: a day off on Monday 27/4. */
  { "2026-04-26", DD_HOLIDAY_KIND_HOLIDAY },
  { "2026-04-27", DD_HOLIDAY_KIND_COMPENSATORY },
  { "2026-04-30", DD_HOLIDAY_KIND_HOLIDAY },
  { "2026-05-01", DD_HOLIDAY_KIND_HOLIDAY },
  { "2026-09-01", DD_HOLIDAY_KIND_HOLIDAY },
  { "2026-09-02", DD_HOLIDAY_KIND_HOLIDAY },
};

static const Expected table_2027[] = {
  { "2027-01-01", DD_HOLIDAY_KIND_HOLIDAY },
  /* Tết Đinh Mùi: 6/2/2027 is a Saturday; two weekend days of Tết give
   * Wednesday 10/2 and Thursday 11/2. */
  { "2027-02-05", DD_HOLIDAY_KIND_HOLIDAY },
  { "2027-02-06", DD_HOLIDAY_KIND_HOLIDAY },
  { "2027-02-07", DD_HOLIDAY_KIND_HOLIDAY },
  { "2027-02-08", DD_HOLIDAY_KIND_HOLIDAY },
  { "2027-02-09", DD_HOLIDAY_KIND_HOLIDAY },
  { "2027-02-10", DD_HOLIDAY_KIND_COMPENSATORY },
  { "2027-02-11", DD_HOLIDAY_KIND_COMPENSATORY },
  { "2027-04-16", DD_HOLIDAY_KIND_HOLIDAY },
  { "2027-04-30", DD_HOLIDAY_KIND_HOLIDAY },
  /* 1/5/2027 is a Saturday: Monday 3/5 off. */
  { "2027-05-01", DD_HOLIDAY_KIND_HOLIDAY },
  { "2027-05-03", DD_HOLIDAY_KIND_COMPENSATORY },
  { "2027-09-01", DD_HOLIDAY_KIND_HOLIDAY },
  { "2027-09-02", DD_HOLIDAY_KIND_HOLIDAY },
};

static void
test_defaults (void)
{
  g_autoptr(GPtrArray) y2026 = dd_holidays_default_for_year (2026);
  g_autoptr(GPtrArray) y2027 = dd_holidays_default_for_year (2027);
  g_autoptr(GPtrArray) y2024 = dd_holidays_default_for_year (2024);
  const DdHoliday *first;

  assert_table (y2026, table_2026, G_N_ELEMENTS (table_2026));
  assert_table (y2027, table_2027, G_N_ELEMENTS (table_2027));

  /* 2024: Tết 10/2 (Saturday) → 9/2 to 13/2, two days back on 14/2 and 15/2;
   * 1/9 Sunday → a day on 3/9. */
  g_assert_cmpuint (y2024->len, ==, 14);
  first = g_ptr_array_index (y2024, 1);
  g_assert_cmpint (g_date_get_day (&first->date), ==, 9);
}

static void
test_kinds (void)
{
  DdHolidayKind kind;

  g_assert_cmpstr (dd_holiday_kind_to_string (DD_HOLIDAY_KIND_WORKING_SATURDAY), ==, "working_saturday");
  g_assert_true (dd_holiday_kind_from_string ("compensatory", &kind));
  g_assert_cmpint (kind, ==, DD_HOLIDAY_KIND_COMPENSATORY);
  g_assert_false (dd_holiday_kind_from_string ("sunday", &kind));
}

static void
assert_add (DdWorkdays *w,
            const char *from,
            int         n,
            const char *expected)
{
  GDate d = dd_test_date (from);
  GDate out;
  g_autofree char *iso = NULL;

  dd_workdays_add (w, &d, n, &out);
  iso = dd_date_to_iso (&out);
  g_assert_cmpstr (iso, ==, expected);
  if (n > 0)
    g_assert_cmpint (dd_workdays_between (w, &d, &out), ==, n);
}

static void
test_arithmetic (void)
{
  g_autoptr(DdWorkdays) w = dd_workdays_new ();
  GDate a, b, out;

  /* Across Tết 2026: Friday 13/2 + 1 is Monday 23/2. */
  assert_add (w, "2026-02-13", 1, "2026-02-23");
  assert_add (w, "2026-02-12", 2, "2026-02-23");
  assert_add (w, "2026-02-23", -1, "2026-02-13");
  /* Across the compensatory Monday 27/4 and 30/4–1/5. */
  assert_add (w, "2026-04-24", 1, "2026-04-28");
  assert_add (w, "2026-04-24", 3, "2026-05-04");
  assert_add (w, "2026-04-24", 5, "2026-05-06");
  /* Across Tết 2027 and its two compensatory days. */
  assert_add (w, "2027-02-04", 1, "2027-02-12");
  /* A plain week. */
  assert_add (w, "2026-06-01", 5, "2026-06-08");
  /* 0: the day itself, or the next working day. */
  assert_add (w, "2026-06-03", 0, "2026-06-03");
  assert_add (w, "2026-04-26", 0, "2026-04-28");

  a = dd_test_date ("2026-01-01");
  b = dd_test_date ("2026-12-31");
  /* 261 weekdays in 2026, 11 of them off (26/4 is a Sunday, 27/4 makes up for it). */
  g_assert_cmpint (dd_workdays_between (w, &a, &b), ==, 261 - 11 - 0);
  g_assert_cmpint (dd_workdays_between (w, &b, &a), ==, -(261 - 11));

  a = dd_test_date ("2026-02-14");
  dd_workdays_next (w, &a, &out);
  g_assert_cmpint (g_date_get_day (&out), ==, 23);
  a = dd_test_date ("2026-04-27");
  g_assert_false (dd_workdays_is_working_day (w, &a));
  g_assert_nonnull (dd_workdays_lookup (w, &a));
  a = dd_test_date ("2026-04-28");
  g_assert_true (dd_workdays_is_working_day (w, &a));
  g_assert_null (dd_workdays_lookup (w, &a));
}

static void
test_edited_year (void)
{
  g_autoptr(DdWorkdays) w = dd_workdays_new ();
  g_autoptr(GPtrArray) table = dd_holidays_default_for_year (2026);
  GDate sat = dd_test_date ("2026-02-28");
  GDate fri = dd_test_date ("2026-02-13");

  /* The Government's Tết 2026: 14/2 to 22/2, with Friday 13/2 off and the
   * Saturday 28/2 worked in exchange. */
  g_ptr_array_add (table, dd_holiday_new (&fri, DD_HOLIDAY_KIND_COMPENSATORY, "Nghỉ hoán đổi"));
  g_ptr_array_add (table, dd_holiday_new (&sat, DD_HOLIDAY_KIND_WORKING_SATURDAY, "Làm bù"));
  dd_workdays_set_year (w, 2026, table);

  g_assert_false (dd_workdays_is_working_day (w, &fri));
  g_assert_true (dd_workdays_is_working_day (w, &sat));
  assert_add (w, "2026-02-12", 1, "2026-02-23");
  assert_add (w, "2026-02-27", 1, "2026-02-28");
}

static void
test_due_soon_limit (void)
{
  GDate as_of = dd_test_date ("2026-02-11");
  GDate limit;
  g_autofree char *iso = NULL;

  /* Wednesday 11/2/2026, five working days: 12, 13, 23, 24, 25/2. */
  dd_rules_due_soon_limit (NULL, &as_of, 5, &limit);
  iso = dd_date_to_iso (&limit);
  g_assert_cmpstr (iso, ==, "2026-02-25");
}

static void
test_store_holidays (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);
  g_autoptr(DdCalendar) calendar = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) edited = NULL;
  g_autoptr(DdWorkdays) w = NULL;
  GDate sat = dd_test_date ("2026-02-28");
  GDate mon = dd_test_date ("2026-04-27");
  GDate tue = dd_test_date ("2026-03-03");

  g_assert_no_error (error);
  calendar = dd_calendar_new (store);
  list = dd_calendar_list_holidays (calendar, 2026, &error);
  g_assert_no_error (error);
  assert_table (list, table_2026, G_N_ELEMENTS (table_2026));

  g_assert_true (dd_calendar_add_holiday (calendar, &sat, DD_HOLIDAY_KIND_WORKING_SATURDAY, "Làm bù Tết", &error));
  g_assert_no_error (error);
  g_assert_true (dd_calendar_remove_holiday (calendar, &mon, &error));
  g_assert_no_error (error);
  g_assert_false (dd_calendar_remove_holiday (calendar, &mon, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW);
  g_clear_error (&error);
  g_assert_false (dd_calendar_add_holiday (calendar, &tue, DD_HOLIDAY_KIND_WORKING_SATURDAY, "x", &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dd_calendar_add_holiday (calendar, &tue, DD_HOLIDAY_KIND_HOLIDAY, "  ", &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  edited = dd_calendar_list_holidays (calendar, 2026, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (edited->len, ==, G_N_ELEMENTS (table_2026));

  w = dd_calendar_get_workdays (calendar, &error);
  g_assert_no_error (error);
  g_assert_true (dd_workdays_is_working_day (w, &sat));
  g_assert_true (dd_workdays_is_working_day (w, &mon));
  /* 2027 is not stored: the defaults. */
  assert_add (w, "2027-02-04", 1, "2027-02-12");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/workdays/defaults", test_defaults);
  g_test_add_func ("/workdays/kinds", test_kinds);
  g_test_add_func ("/workdays/arithmetic", test_arithmetic);
  g_test_add_func ("/workdays/edited-year", test_edited_year);
  g_test_add_func ("/workdays/due-soon-limit", test_due_soon_limit);
  g_test_add_func ("/workdays/store-holidays", test_store_holidays);

  return g_test_run ();
}
