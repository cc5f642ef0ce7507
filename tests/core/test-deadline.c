/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-deadline"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dondoc/dondoc.h"

typedef struct
{
  const char *text;
  DdDeadlineKind kind;
  const char *due;       /* ISO, or NULL when there is no due date */
  guint periods;
  guint annual_month;
  guint annual_day;
  gboolean understood;
} DeadlineCase;

#define Q DD_PERIOD_QUARTERLY
#define H DD_PERIOD_HALF_YEAR
#define Y DD_PERIOD_YEARLY
#define M DD_PERIOD_MONTHLY
#define A DD_PERIOD_AD_HOC

static const DeadlineCase good_cases[] = {
  /* Empty: nothing to read, nothing wrong. */
  { NULL, DD_DEADLINE_NONE, NULL, 0, 0, 0, TRUE },
  { "", DD_DEADLINE_NONE, NULL, 0, 0, 0, TRUE },
  { "   ", DD_DEADLINE_NONE, NULL, 0, 0, 0, TRUE },

  /* Dates. */
  { "Trước 30/4/2026", DD_DEADLINE_DATE, "2026-04-30", 0, 0, 0, TRUE },
  { "trước  30/04/2026.", DD_DEADLINE_DATE, "2026-04-30", 0, 0, 0, TRUE },
  { "TRUOC 30/4/2026", DD_DEADLINE_DATE, "2026-04-30", 0, 0, 0, TRUE },
  { "30/4/2026", DD_DEADLINE_DATE, "2026-04-30", 0, 0, 0, TRUE },
  { "30-04-2026", DD_DEADLINE_DATE, "2026-04-30", 0, 0, 0, TRUE },
  { "30.4.2026", DD_DEADLINE_DATE, "2026-04-30", 0, 0, 0, TRUE },
  { "Trước ngày 15/12/2026", DD_DEADLINE_DATE, "2026-12-15", 0, 0, 0, TRUE },
  { "ngày 30 tháng 4 năm 2026", DD_DEADLINE_DATE, "2026-04-30", 0, 0, 0, TRUE },
  { "Trước ngày 30 tháng 4 năm 2026", DD_DEADLINE_DATE, "2026-04-30", 0, 0, 0, TRUE },
  { "Từ 01/5/2026 đến 30/6/2026", DD_DEADLINE_DATE, "2026-06-30", 0, 0, 0, TRUE },
  { "29/02/2028", DD_DEADLINE_DATE, "2028-02-29", 0, 0, 0, TRUE },
  { "Quý II/2026", DD_DEADLINE_DATE, "2026-06-30", 0, 0, 0, TRUE },
  { "quy ii/2026", DD_DEADLINE_DATE, "2026-06-30", 0, 0, 0, TRUE },
  { "Quý I/2026", DD_DEADLINE_DATE, "2026-03-31", 0, 0, 0, TRUE },
  { "Quý III năm 2026", DD_DEADLINE_DATE, "2026-09-30", 0, 0, 0, TRUE },
  { "Quý IV/2026", DD_DEADLINE_DATE, "2026-12-31", 0, 0, 0, TRUE },
  { "Quý 2/2026", DD_DEADLINE_DATE, "2026-06-30", 0, 0, 0, TRUE },
  { "Tháng 6/2026", DD_DEADLINE_DATE, "2026-06-30", 0, 0, 0, TRUE },
  { "Trong tháng 2/2028", DD_DEADLINE_DATE, "2028-02-29", 0, 0, 0, TRUE },
  { "tháng 4 năm 2026", DD_DEADLINE_DATE, "2026-04-30", 0, 0, 0, TRUE },
  { "Năm 2026", DD_DEADLINE_DATE, "2026-12-31", 0, 0, 0, TRUE },
  { "Trong năm 2026", DD_DEADLINE_DATE, "2026-12-31", 0, 0, 0, TRUE },
  { "6 tháng đầu năm 2026", DD_DEADLINE_DATE, "2026-06-30", 0, 0, 0, TRUE },
  { "6 tháng cuối năm 2026", DD_DEADLINE_DATE, "2026-12-31", 0, 0, 0, TRUE },

  /* Ongoing. */
  { "Thường xuyên", DD_DEADLINE_ONGOING, NULL, 0, 0, 0, TRUE },
  { "THƯỜNG XUYÊN", DD_DEADLINE_ONGOING, NULL, 0, 0, 0, TRUE },
  { "thuong  xuyen.", DD_DEADLINE_ONGOING, NULL, 0, 0, 0, TRUE },
  { "Thực hiện thường xuyên", DD_DEADLINE_ONGOING, NULL, 0, 0, 0, TRUE },

  /* Periodic. */
  { "Định kỳ", DD_DEADLINE_PERIODIC, NULL, 0, 0, 0, TRUE },
  { "dinh ky", DD_DEADLINE_PERIODIC, NULL, 0, 0, 0, TRUE },
  { "hằng quý, 6 tháng, năm", DD_DEADLINE_PERIODIC, NULL, Q | H | Y, 0, 0, TRUE },
  { "Định kỳ hằng quý, 6 tháng, năm hoặc đột xuất", DD_DEADLINE_PERIODIC, NULL, Q | H | Y | A, 0, 0, TRUE },
  { "Hằng tháng", DD_DEADLINE_PERIODIC, NULL, M, 0, 0, TRUE },
  { "hàng tháng", DD_DEADLINE_PERIODIC, NULL, M, 0, 0, TRUE },
  { "Hằng năm", DD_DEADLINE_PERIODIC, NULL, Y, 0, 0, TRUE },
  { "Đột xuất", DD_DEADLINE_PERIODIC, NULL, A, 0, 0, TRUE },
  { "Định kỳ theo quy định", DD_DEADLINE_PERIODIC, NULL, 0, 0, 0, TRUE },
  { "Trước ngày 15/12 hằng năm", DD_DEADLINE_PERIODIC, NULL, Y, 12, 15, TRUE },
  { "truoc ngay 15/12 hang nam", DD_DEADLINE_PERIODIC, NULL, Y, 12, 15, TRUE },
  { "Trước ngày 15 tháng 12 hằng năm", DD_DEADLINE_PERIODIC, NULL, Y, 12, 15, TRUE },
  { "Tháng 6 hằng năm", DD_DEADLINE_PERIODIC, NULL, Y, 6, 30, TRUE },

  /* Statutory, external. */
  { "Theo quy định của Pháp luật", DD_DEADLINE_STATUTORY, NULL, 0, 0, 0, TRUE },
  { "theo quy dinh cua phap luat", DD_DEADLINE_STATUTORY, NULL, 0, 0, 0, TRUE },
  { "Theo quy định", DD_DEADLINE_STATUTORY, NULL, 0, 0, 0, TRUE },
  { "Theo Kế hoạch của Sở Nội vụ", DD_DEADLINE_EXTERNAL, NULL, 0, 0, 0, TRUE },
  { "theo ke hoach cua so noi vu", DD_DEADLINE_EXTERNAL, NULL, 0, 0, 0, TRUE },
  { "Theo văn bản của UBND tỉnh", DD_DEADLINE_EXTERNAL, NULL, 0, 0, 0, TRUE },
  { "Theo hướng dẫn của Bộ Nội vụ", DD_DEADLINE_EXTERNAL, NULL, 0, 0, 0, TRUE },

  /* Not understood: kept by the caller, flagged, not an error. */
  { "Khi có yêu cầu", DD_DEADLINE_NONE, NULL, 0, 0, 0, FALSE },
  { "Sớm nhất có thể", DD_DEADLINE_NONE, NULL, 0, 0, 0, FALSE },
  { "Trước 30/4", DD_DEADLINE_NONE, NULL, 0, 0, 0, FALSE },
};

/* Dates that do not exist: an error naming the date. */
static const struct
{
  const char *text;
  const char *named;
} bad_cases[] = {
  { "31/02/2026", "31/02/2026" },
  { "Trước 31/02/2026", "31/02/2026" },
  { "Trước ngày 30/13/2026", "30/13/2026" },
  { "29/02/2026", "29/02/2026" },
  { "0/5/2026", "0/5/2026" },
  { "Quý V/2026", "Quý V/2026" },
  { "Quý 5/2026", "Quý 5/2026" },
  { "Tháng 13/2026", "Tháng 13/2026" },
  { "Tháng 0/2026", "Tháng 0/2026" },
  { "ngày 31 tháng 4 năm 2026", "ngày 31 tháng 4 năm 2026" },
  { "Trước ngày 31/02 hằng năm", "Trước ngày 31/02 hằng năm" },
};

static void
test_deadline_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (good_cases); i++)
    {
      const DeadlineCase *c = &good_cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *due = NULL;
      DdDeadline deadline;
      gboolean ok;

      g_test_message ("“%s”", c->text != NULL ? c->text : "(null)");
      ok = dd_deadline_parse (c->text, &deadline, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpint (deadline.kind, ==, c->kind);
      g_assert_cmpint (deadline.understood, ==, c->understood);
      g_assert_cmpuint (deadline.periods, ==, c->periods);
      g_assert_cmpuint (deadline.annual_month, ==, c->annual_month);
      g_assert_cmpuint (deadline.annual_day, ==, c->annual_day);
      due = dd_date_to_iso (&deadline.due);
      g_assert_cmpstr (due, ==, c->due);
    }
}

static void
test_deadline_impossible (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      DdDeadline deadline;
      gboolean ok;

      g_test_message ("“%s”", bad_cases[i].text);
      ok = dd_deadline_parse (bad_cases[i].text, &deadline, &error);
      g_assert_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_DATE);
      g_assert_false (ok);
      g_assert_nonnull (strstr (error->message, bad_cases[i].named));
    }
}

/* A year of five digits is refused whole: the first four digits of it are
 * not a year ("1/1/10000" was read as 01/01/1000, "30/4/20265" as
 * 30/04/2026). */
static void
test_deadline_long_year (void)
{
  static const char * const texts[] = {
    "Trước 1/1/10000", "30/4/20265", "ngày 30 tháng 4 năm 20265", "Quý II/20265",
    "Tháng 6/20265", "Năm 20265", "6 tháng đầu năm 20265", "30/4/99999999999999999999",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      DdDeadline deadline;

      g_test_message ("“%s”", texts[i]);
      g_assert_false (dd_deadline_parse (texts[i], &deadline, &error));
      g_assert_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_DATE);
      g_assert_nonnull (strstr (error->message, "four digits"));
    }
}

static void
test_deadline_clears_output (void)
{
  g_autoptr(GError) error = NULL;
  DdDeadline deadline;

  g_assert_true (dd_deadline_parse ("Trước ngày 15/12 hằng năm", &deadline, &error));
  g_assert_no_error (error);
  g_assert_true (dd_deadline_parse ("Thường xuyên", &deadline, &error));
  g_assert_no_error (error);
  g_assert_cmpint (deadline.kind, ==, DD_DEADLINE_ONGOING);
  g_assert_cmpuint (deadline.periods, ==, 0);
  g_assert_cmpuint (deadline.annual_month, ==, 0);
  g_assert_cmpuint (deadline.annual_day, ==, 0);
  g_assert_false (g_date_valid (&deadline.due));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/deadline/table", test_deadline_table);
  g_test_add_func ("/core/deadline/impossible", test_deadline_impossible);
  g_test_add_func ("/core/deadline/clears-output", test_deadline_clears_output);
  g_test_add_func ("/core/deadline/long-year", test_deadline_long_year);

  return g_test_run ();
}
