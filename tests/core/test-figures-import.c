/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-figures-import"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dd-store-private.h"
#include "dd-test-core.h"

/*
 * Indicator figures from CSV (dd_figures_import_indicator_figures()) over
 * plan 662/KH-VPUB: a good file with a header, semicolons and decimal
 * commas; the id or the plan's number and position; the whole office;
 * replacing a figure; and bad files, each refused whole, the error saying
 * the line, the column and why.
 */

typedef struct
{
  DdStore *store;
  DdFigures *figures;
  gint64 typed;      /* indicator 1: documents signed digitally */
  gint64 derived;    /* indicator 2: on time, derived */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = dd_test_new_store (":memory:");
  f->figures = dd_figures_new (f->store);
  f->typed = dd_sql_query_int64 (f->store, "SELECT id FROM indicators WHERE position = 1", 0);
  f->derived = dd_sql_query_int64 (f->store, "SELECT indicator_id FROM indicator_rules", 0);
  g_assert_cmpint (f->typed, >, 0);
  g_assert_cmpint (f->derived, >, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->figures);
  g_assert_finalize_object (f->store);
}

static gint64
n_figures (Fixture *f)
{
  return dd_sql_query_int64 (f->store, "SELECT count(*) FROM indicator_figures", -1);
}

static void
test_good (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autofree char *csv = NULL;
  DdScorePeriod q2;
  guint n = 0;

  csv = g_strdup_printf ("\xef\xbb\xbf" "Chỉ tiêu;Đơn vị;Kỳ;Tử số;Mẫu số;Nguồn\r\n"
                         "%" G_GINT64_FORMAT ";Phòng Hành chính - Quản trị;2026-Q2;412;415;Báo cáo số 12/BC-HCQT\r\n"
                         "662/KH-VPUB#1;trung tam phuc vu hanh chinh cong;2026-Q2;98,5;100;\r\n"
                         "\r\n"
                         "%" G_GINT64_FORMAT ";;2026-05;\"30\";30;\"Sổ theo dõi; tháng 5\"\r\n",
                         f->typed, f->typed);
  g_assert_true (dd_figures_import_indicator_figures (f->figures, csv, -1, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (n_figures (f), ==, 3);

  g_assert_true (dd_score_period_parse ("2026-Q2", &q2, &error));
  figures = dd_figures_list_indicator_figures (f->figures, f->typed, &q2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (figures->len, ==, 3);
  for (guint i = 0; i < figures->len; i++)
    {
      const DdIndicatorFigure *figure = g_ptr_array_index (figures, i);

      if (figure->unit_id == 0)
        {
          g_assert_cmpfloat (figure->numerator, ==, 30);
          g_assert_cmpstr (figure->source, ==, "Sổ theo dõi; tháng 5");
        }
      else if (g_str_has_prefix (figure->unit_name, "Phòng"))
        {
          g_assert_cmpfloat (figure->numerator, ==, 412);
          g_assert_cmpfloat (figure->denominator, ==, 415);
          g_assert_cmpstr (figure->source, ==, "Báo cáo số 12/BC-HCQT");
        }
      else
        {
          g_assert_cmpfloat (figure->numerator, ==, 98.5);
          g_assert_null (figure->source);
        }
    }

  /* Again, with new figures and commas: replaced, not added. */
  g_free (csv);
  csv = g_strdup_printf ("%" G_GINT64_FORMAT ",Phòng Hành chính - Quản trị,2026-Q2,415,415\n", f->typed);
  g_assert_true (dd_figures_import_indicator_figures (f->figures, csv, -1, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (n_figures (f), ==, 3);
  g_assert_cmpint (dd_sql_query_int64 (f->store, "SELECT numerator FROM indicator_figures "
                                                 "WHERE unit_id IS NOT NULL ORDER BY numerator DESC LIMIT 1", 0),
                   ==, 415);
}

/* The source cell, free text stored and shown as is, loses its controls
 * (an ESC sequence) and noncharacters; tab and the words stay. */
static void
test_source_controls (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autofree char *csv = NULL;
  DdScorePeriod q2;
  const DdIndicatorFigure *figure;

  csv = g_strdup_printf ("%" G_GINT64_FORMAT ";Phòng Hành chính - Quản trị;2026-Q2;412;415;"
                         "\x1b[31mBáo cáo\x07 số 12\xef\xbf\xbe/BC\xc2\x9b\n",
                         f->typed);
  g_assert_true (dd_figures_import_indicator_figures (f->figures, csv, -1, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (dd_score_period_parse ("2026-Q2", &q2, &error));
  figures = dd_figures_list_indicator_figures (f->figures, f->typed, &q2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (figures->len, ==, 1);
  figure = g_ptr_array_index (figures, 0);
  g_assert_cmpstr (figure->source, ==, "[31mBáo cáo số 12/BC");
}

typedef struct
{
  const char *row;          /* {T}: the typed indicator's id; {D}: the derived one's */
  int code;
  const char *message;      /* a part of the message */
} BadCase;

static void
test_bad (Fixture       *f,
          gconstpointer  data)
{
  static const BadCase cases[] = {
    { "{T};Ban Không Có;2026-Q2;1;2", DD_IMPORT_ERROR_VALUE,
      "Line 2, column 2 (unit): there is no unit named “Ban Không Có”" },
    { "{T};Phòng Hành chính - Quản trị;2026-Q5;1;2", DD_IMPORT_ERROR_DATE, "Line 2, column 3 (period): " },
    { "{T};Phòng Hành chính - Quản trị;2026-Q2;mười;2", DD_IMPORT_ERROR_VALUE,
      "Line 2, column 4 (numerator): “mười” is not a number of at least 0" },
    { "{T};Phòng Hành chính - Quản trị;2026-Q2;1;-2", DD_IMPORT_ERROR_VALUE, "Line 2, column 5 (denominator)" },
    { "{T};Phòng Hành chính - Quản trị;2026-Q2;5;2", DD_IMPORT_ERROR_VALUE,
      "Line 2, column 4 (numerator): the numerator (5) is larger than the denominator (2)" },
    { "999;Phòng Hành chính - Quản trị;2026-Q2;1;2", DD_IMPORT_ERROR_VALUE,
      "Line 2, column 1 (indicator): there is no indicator “999”" },
    { "{D};Phòng Hành chính - Quản trị;2026-Q2;1;2", DD_IMPORT_ERROR_VALUE, "is derived" },
    { "{T};Phòng Hành chính - Quản trị;2026-Q2", DD_IMPORT_ERROR_COLUMNS, "Line 2: 3 columns" },
    { "{T};Phòng Hành chính - Quản trị;2026-Q1;1;1", DD_IMPORT_ERROR_VALUE,
      "Line 2: the same indicator, unit and period as line 1." },
    { "{T};\"Phòng Hành chính;2026-Q2;1;2", DD_IMPORT_ERROR_FORMAT, "Line 2: a quoted field" },
    /* Decimals only, and bounded: no sum of figures may overflow. */
    { "{T};Phòng Hành chính - Quản trị;2026-Q2;1;1e308", DD_IMPORT_ERROR_VALUE,
      "Line 2, column 5 (denominator): “1e308” is not a number of at least 0" },
    { "{T};Phòng Hành chính - Quản trị;2026-Q2;0x10;20", DD_IMPORT_ERROR_VALUE,
      "Line 2, column 4 (numerator): “0x10” is not a number" },
    { "{T};Phòng Hành chính - Quản trị;2026-Q2;1;inf", DD_IMPORT_ERROR_VALUE, "“inf” is not a number" },
    { "{T};Phòng Hành chính - Quản trị;2026-Q2;1;1000000000001", DD_IMPORT_ERROR_VALUE,
      "Line 2, column 5 (denominator): “1000000000001” is larger than 1,000,000,000,000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *bad = NULL;
      g_autofree char *csv = NULL;

      /* A good first line: nothing of it may be written either. */
      g_autofree char *typed = g_strdup_printf ("%" G_GINT64_FORMAT, f->typed);
      g_autofree char *derived = g_strdup_printf ("%" G_GINT64_FORMAT, f->derived);
      g_auto(GStrv) parts = NULL;
      g_autofree char *half = NULL;

      parts = g_strsplit (cases[i].row, "{T}", -1);
      half = g_strjoinv (typed, parts);
      g_strfreev (parts);
      parts = g_strsplit (half, "{D}", -1);
      bad = g_strjoinv (derived, parts);
      csv = g_strdup_printf ("%ld;Phòng Hành chính - Quản trị;2026-Q1;1;1\n%s\n", (long) f->typed, bad);
      g_assert_false (dd_figures_import_indicator_figures (f->figures, csv, -1, NULL, &error));
      g_test_message ("%s → %s", bad, error->message);
      g_assert_error (error, DD_IMPORT_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message));
      g_assert_cmpint (n_figures (f), ==, 0);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (dd_figures_import_indicator_figures (f->figures, "a,b\n\xff\xfe,1\n", -1, NULL, &error));
    g_assert_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_ENCODING);
    g_assert_nonnull (strstr (error->message, "Line 2"));
    g_clear_error (&error);
    g_assert_false (dd_figures_import_indicator_figures (f->figures, "Chỉ tiêu,Đơn vị,Kỳ,Tử số,Mẫu số\n", -1,
                                                         NULL, &error));
    g_assert_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_EMPTY);
  }
  g_assert_cmpint (n_figures (f), ==, 0);
}

/* A first row is a header only when it looks like one: a mistyped number
 * ("4l2") in a file without a header is an error on line 1, not a row
 * dropped silently as the "header". */
static void
test_headerless (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  guint n = 0;

  csv = g_strdup_printf ("%ld;Phòng Hành chính - Quản trị;2026-Q2;4l2;415\n"
                         "%ld;;2026-Q2;30;30\n", (long) f->typed, (long) f->typed);
  g_assert_false (dd_figures_import_indicator_figures (f->figures, csv, -1, NULL, &error));
  g_assert_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "Line 1, column 4 (numerator): “4l2”"));
  g_assert_cmpint (n_figures (f), ==, 0);
  g_clear_error (&error);

  /* Without the typo both rows are figures. */
  g_free (csv);
  csv = g_strdup_printf ("%ld;Phòng Hành chính - Quản trị;2026-Q2;412;415\n"
                         "%ld;;2026-Q2;30;30\n", (long) f->typed, (long) f->typed);
  g_assert_true (dd_figures_import_indicator_figures (f->figures, csv, -1, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
}

/* A figure typed in the window is bounded as an imported one is. */
static void
test_set_bounded (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DdScorePeriod q2;

  g_assert_true (dd_score_period_parse ("2026-Q2", &q2, &error));
  g_assert_false (dd_figures_set_indicator_figure (f->figures, f->typed, 0, &q2, 1e308, 1e308, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_assert_cmpint (n_figures (f), ==, 0);
  g_clear_error (&error);
  g_assert_true (dd_figures_set_indicator_figure (f->figures, f->typed, 0, &q2, DD_FIGURES_MAX, DD_FIGURES_MAX,
                                                  NULL, &error));
  g_assert_no_error (error);
}

/* Messages in Vietnamese when the language is. */
static void
test_translated (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = g_strdup_printf ("%ld;Phòng Hành chính - Quản trị;2026-Q2;5;2\n", (long) f->typed);

  g_setenv ("LANGUAGE", "vi", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  dd_init_i18n ();
  g_assert_false (dd_figures_import_indicator_figures (f->figures, csv, -1, NULL, &error));
  g_unsetenv ("LANGUAGE");
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Dòng 1, cột 4 (tử số)"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/core/figures-import/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("good", test_good);
  ADD ("bad", test_bad);
  ADD ("headerless", test_headerless);
  ADD ("source-controls", test_source_controls);
  ADD ("set-bounded", test_set_bounded);
  /* Last: the language it sets stays for the process. */
  ADD ("translated", test_translated);

#undef ADD

  return g_test_run ();
}
