/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "dondoc/dondoc.h"
#include "dd-test-core.h"
#include "dd-store-private.h"

typedef struct
{
  const char *date;
  DdHolidayKind kind;
} Expected;

static void assert_add (DdWorkdays *w, const char *from, int n, const char *expected);

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
  /* Tết Đinh Mùi: 6/2/2027 is a Saturday. Two days before it and three
   * after (Thursday 4/2 to Monday 8/2); the two weekend days of Tết give
   * Tuesday 9/2 and Wednesday 10/2. */
  { "2027-02-04", DD_HOLIDAY_KIND_HOLIDAY },
  { "2027-02-05", DD_HOLIDAY_KIND_HOLIDAY },
  { "2027-02-06", DD_HOLIDAY_KIND_HOLIDAY },
  { "2027-02-07", DD_HOLIDAY_KIND_HOLIDAY },
  { "2027-02-08", DD_HOLIDAY_KIND_HOLIDAY },
  { "2027-02-09", DD_HOLIDAY_KIND_COMPENSATORY },
  { "2027-02-10", DD_HOLIDAY_KIND_COMPENSATORY },
  { "2027-04-16", DD_HOLIDAY_KIND_HOLIDAY },
  { "2027-04-30", DD_HOLIDAY_KIND_HOLIDAY },
  /* 1/5/2027 is a Saturday: Monday 3/5 off. */
  { "2027-05-01", DD_HOLIDAY_KIND_HOLIDAY },
  { "2027-05-03", DD_HOLIDAY_KIND_COMPENSATORY },
  /* 2/9/2027 is a Thursday: the day next to it is Friday 3/9. */
  { "2027-09-02", DD_HOLIDAY_KIND_HOLIDAY },
  { "2027-09-03", DD_HOLIDAY_KIND_HOLIDAY },
};

/* The official table of 2026 (9441/TB-BNV): the rule's days, and 2/1 and
 * 31/8 off for Saturdays 10/1 and 22/8 worked. */
static const Expected official_2026[] = {
  { "2026-01-01", DD_HOLIDAY_KIND_HOLIDAY },
  { "2026-01-02", DD_HOLIDAY_KIND_COMPENSATORY },
  { "2026-01-10", DD_HOLIDAY_KIND_WORKING_SATURDAY },
  { "2026-02-16", DD_HOLIDAY_KIND_HOLIDAY },
  { "2026-02-17", DD_HOLIDAY_KIND_HOLIDAY },
  { "2026-02-18", DD_HOLIDAY_KIND_HOLIDAY },
  { "2026-02-19", DD_HOLIDAY_KIND_HOLIDAY },
  { "2026-02-20", DD_HOLIDAY_KIND_HOLIDAY },
  { "2026-04-26", DD_HOLIDAY_KIND_HOLIDAY },
  { "2026-04-27", DD_HOLIDAY_KIND_COMPENSATORY },
  { "2026-04-30", DD_HOLIDAY_KIND_HOLIDAY },
  { "2026-05-01", DD_HOLIDAY_KIND_HOLIDAY },
  { "2026-08-22", DD_HOLIDAY_KIND_WORKING_SATURDAY },
  { "2026-08-31", DD_HOLIDAY_KIND_COMPENSATORY },
  { "2026-09-01", DD_HOLIDAY_KIND_HOLIDAY },
  { "2026-09-02", DD_HOLIDAY_KIND_HOLIDAY },
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

  /* 2024: Tết 10/2 (Saturday) → 8/2 to 12/2, two days back on 13/2 and
   * 14/2; 2/9 a Monday → 3/9 with it. */
  g_assert_cmpuint (y2024->len, ==, 13);
  first = g_ptr_array_index (y2024, 1);
  g_assert_cmpint (g_date_get_day (&first->date), ==, 8);
}

static gboolean
has_day (GPtrArray  *list,
         const char *iso)
{
  GDate date = dd_test_date (iso);

  for (guint i = 0; i < list->len; i++)
    if (g_date_compare (&((DdHoliday *) g_ptr_array_index (list, i))->date, &date) == 0)
      return TRUE;
  return FALSE;
}

/* The law in force each year: Quốc khánh one day until 2020, two from
 * 2021; Tết four days and no Giỗ Tổ in the older codes. */
static void
test_rule_by_law (void)
{
  g_autoptr(GPtrArray) y2020 = dd_holidays_default_for_year (2020);
  g_autoptr(GPtrArray) y2021 = dd_holidays_default_for_year (2021);
  g_autoptr(GPtrArray) y2010 = dd_holidays_default_for_year (2010);
  g_autoptr(GPtrArray) y2005 = dd_holidays_default_for_year (2005);

  g_assert_true (has_day (y2020, "2020-09-02"));
  g_assert_false (has_day (y2020, "2020-09-01"));
  g_assert_false (has_day (y2020, "2020-09-03"));
  /* 2/9/2021 a Thursday: 3/9, as the Government chose. */
  g_assert_true (has_day (y2021, "2021-09-03"));
  g_assert_false (has_day (y2021, "2021-09-01"));
  /* Tết Canh Dần 14/2/2010 (Sunday), four days: the last day of the old
   * year is a Saturday, so 14/2 to 17/2, and 18/2 for the Sunday. */
  g_assert_false (has_day (y2010, "2010-02-12"));
  g_assert_true (has_day (y2010, "2010-02-15"));
  g_assert_true (has_day (y2010, "2010-02-17"));
  g_assert_true (has_day (y2010, "2010-02-18"));
  g_assert_false (has_day (y2010, "2010-02-19"));
  /* Giỗ Tổ 23/4/2010 is a day off, 18/4/2005 is not. */
  g_assert_true (has_day (y2010, "2010-04-23"));
  g_assert_false (has_day (y2005, "2005-04-18"));
}

/* The shipped schedules 2020–2026 against the rule: the rule places every
 * holiday and compensatory day as the Government did; they differ only on
 * the swaps, which no rule foresees. */
static void
test_official_against_rule (void)
{
  const char *swaps[] = { "2024-04-29", "2024-05-04", "2026-01-02", "2026-01-10", "2026-08-22", "2026-08-31" };
  g_autoptr(DdWorkdays) official = dd_workdays_new ();
  g_autoptr(DdWorkdays) rule = dd_workdays_new ();
  g_autoptr(GHashTable) expected = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_different = 0;
  GDate day = dd_test_date ("2020-01-01");
  GDate end = dd_test_date ("2026-12-31");

  for (guint i = 0; i < G_N_ELEMENTS (swaps); i++)
    g_hash_table_add (expected, (gpointer) swaps[i]);
  for (int year = 2020; year <= 2026; year++)
    {
      g_autoptr(GPtrArray) table = dd_holidays_default_for_year (year);
      g_autoptr(GPtrArray) shipped = NULL;
      g_autofree char *document = NULL;
      DdHolidaySource source;

      dd_workdays_set_year (rule, year, table);
      shipped = dd_holidays_for_year (year, &source, &document);
      g_assert_cmpint (source, ==, DD_HOLIDAY_SOURCE_OFFICIAL);
      g_assert_nonnull (document);
      g_assert_cmpstr (document, !=, "");
    }
  for (; g_date_compare (&day, &end) <= 0; g_date_add_days (&day, 1))
    if (dd_workdays_is_working_day (official, &day) != dd_workdays_is_working_day (rule, &day))
      {
        g_autofree char *iso = dd_date_to_iso (&day);

        g_assert_true (g_hash_table_contains (expected, iso));
        n_different++;
      }
  g_assert_cmpuint (n_different, ==, G_N_ELEMENTS (swaps));

  /* The days the issue named. */
  {
    const char *off[] = { "2020-01-23", "2020-01-29", "2021-02-10", "2021-02-16", "2021-09-03", "2023-01-20",
                          "2023-01-26", "2024-02-08", "2024-02-14", "2024-04-29", "2025-01-27", "2025-01-31",
                          "2026-01-02", "2026-08-31" };
    const char *working[] = { "2020-09-01", "2021-09-01", "2024-05-04", "2026-01-10", "2026-08-22", "2025-02-03" };

    for (guint i = 0; i < G_N_ELEMENTS (off); i++)
      {
        GDate d = dd_test_date (off[i]);

        g_assert_false (dd_workdays_is_working_day (official, &d));
      }
    for (guint i = 0; i < G_N_ELEMENTS (working); i++)
      {
        GDate d = dd_test_date (working[i]);

        g_assert_true (dd_workdays_is_working_day (official, &d));
      }
  }
  g_assert_null (dd_holidays_official_for_year (2027, NULL));
  g_assert_null (dd_holidays_official_for_year (2019, NULL));
}

/* between (d, add (d, n)) == n, and add (d, between (d, e)) == e for a
 * working day e, whether d is a working day or not, both ways. */
static void
test_add_between_agree (void)
{
  g_autoptr(DdWorkdays) w = dd_workdays_new ();
  GDate start = dd_test_date ("2019-12-01");

  for (guint i = 0; i < 4000; i++)
    {
      GDate d = start, out, e;
      int n = g_test_rand_int_range (-40, 41);

      g_date_add_days (&d, g_test_rand_int_range (0, 365 * 8));
      if (n == 0)
        continue;
      dd_workdays_add (w, &d, n, &out);
      g_assert_true (dd_workdays_is_working_day (w, &out));
      g_assert_cmpint (dd_workdays_between (w, &d, &out), ==, n);

      e = d;
      g_date_add_days (&e, 60);
      g_date_subtract_days (&e, g_test_rand_int_range (0, 121));
      n = dd_workdays_between (w, &d, &e);
      /* 0 is the day itself, or the next working day (n = 0 of add). */
      if (!dd_workdays_is_working_day (w, &e) || n == 0)
        continue;
      dd_workdays_add (w, &d, n, &out);
      g_assert_cmpint (g_date_compare (&out, &e), ==, 0);
    }

  /* The case: Saturday 14/2/2026, one working day back. From a
   * day off, the working day before it (Friday 13/2) is the first one
   * back: the answer is Thursday 12/2, so that between agrees. */
  assert_add (w, "2026-02-14", -1, "2026-02-12");
  assert_add (w, "2026-02-14", -2, "2026-02-11");
  /* From a working day, as before. */
  assert_add (w, "2026-02-13", -1, "2026-02-12");
  {
    GDate sat = dd_test_date ("2026-02-14");
    GDate fri = dd_test_date ("2026-02-13");
    GDate thu = dd_test_date ("2026-02-12");

    g_assert_cmpint (dd_workdays_between (w, &sat, &thu), ==, -1);
    g_assert_cmpint (dd_workdays_between (w, &sat, &fri), ==, 0);
    g_assert_cmpint (dd_workdays_between (w, &fri, &sat), ==, 0);
    g_assert_cmpint (dd_workdays_between (w, &sat, &sat), ==, 0);
  }
}

static void
test_bounds (void)
{
  g_autoptr(DdWorkdays) w = dd_workdays_new ();
  GDate d = dd_test_date ("2026-01-01");
  GDate out;

  g_assert_false (dd_workdays_add_checked (w, &d, -100000, &out));
  g_assert_false (g_date_valid (&out));
  g_assert_false (dd_workdays_add_checked (w, &d, 100000, &out));
  /* 1/1/2026 is a day off: the working day before it, 31/12, is the
   * first one back. */
  g_assert_true (dd_workdays_add_checked (w, &d, -1, &out));
  g_assert_cmpint (g_date_get_day (&out), ==, 30);
  /* Wednesday 3/1/1900 - 1 is Tuesday 2/1; before it, only New Year's Day. */
  d = dd_test_date ("1900-01-03");
  g_assert_true (dd_workdays_add_checked (w, &d, -1, &out));
  g_assert_cmpint (g_date_get_day (&out), ==, 2);
  g_assert_false (dd_workdays_add_checked (w, &out, -1, &out));
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
  assert_add (w, "2027-02-03", 1, "2027-02-11");
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
  assert_table (list, official_2026, G_N_ELEMENTS (official_2026));
  /* Reading a year writes nothing, even for an administrator. */
  g_assert_cmpint (dd_sql_query_int64 (store, "SELECT count(*) FROM holiday_years", -1), ==, 0);

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
  g_assert_cmpuint (edited->len, ==, G_N_ELEMENTS (official_2026));
  /* The year edited is stored, with the document it started from. */
  {
    g_autoptr(DdHolidayYear) year = dd_calendar_read_holiday_year (calendar, 2026, &error);

    g_assert_no_error (error);
    g_assert_cmpint (year->source, ==, DD_HOLIDAY_SOURCE_OFFICIAL);
    g_assert_cmpstr (year->document, ==, "9441/TB-BNV ngày 16/10/2025");
  }

  w = dd_calendar_get_workdays (calendar, &error);
  g_assert_no_error (error);
  g_assert_true (dd_workdays_is_working_day (w, &sat));
  g_assert_true (dd_workdays_is_working_day (w, &mon));
  /* 2027 is not stored: the defaults. */
  assert_add (w, "2027-02-03", 1, "2027-02-11");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/workdays/defaults", test_defaults);
  g_test_add_func ("/workdays/kinds", test_kinds);
  g_test_add_func ("/workdays/arithmetic", test_arithmetic);
  g_test_add_func ("/workdays/rule-by-law", test_rule_by_law);
  g_test_add_func ("/workdays/official-against-rule", test_official_against_rule);
  g_test_add_func ("/workdays/add-between-agree", test_add_between_agree);
  g_test_add_func ("/workdays/bounds", test_bounds);
  g_test_add_func ("/workdays/edited-year", test_edited_year);
  g_test_add_func ("/workdays/due-soon-limit", test_due_soon_limit);
  g_test_add_func ("/workdays/store-holidays", test_store_holidays);

  return g_test_run ();
}
