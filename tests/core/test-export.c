/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-export"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <cairo-pdf.h>

#include "dd-store-private.h"
#include "dd-export-private.h"
#include "dd-pdf-private.h"
#include "dd-test-core.h"

/*
 * The meeting exports, read back as their users' programs read them: the
 * workbook by openpyxl and LibreOffice (tests/core/check-xlsx.py), the
 * handout by poppler's pdfinfo and pdftotext. Everything runs in
 * Vietnamese, as in the offices. A missing python3-openpyxl, soffice or
 * poppler-utils fails the test: CI installs them.
 */

#define SHEET_SUMMARY "Tổng hợp"
#define SHEET_TASKS "Nhiệm vụ"
#define SHEET_UNITS "Đơn vị"
#define SHEET_ACTIONS "Quá hạn - sắp đến hạn"
#define SHEET_INDICATORS "Chỉ tiêu"
#define MARK "… [đã cắt bớt]"

static char *tmp_dir;

/* Auxiliary methods */

static char *
run (const char * const *argv,
     int                *out_status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  if (error != NULL)
    {
      g_test_message ("%s: %s", argv[0], error->message);
      *out_status = -1;
      return g_strdup ("");
    }
  *out_status = g_spawn_check_wait_status (status, NULL) ? 0 : 1;
  if (*out_status != 0)
    g_test_message ("%s failed:\n%s\n%s", argv[0], out, err);
  return g_steal_pointer (&out);
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static DdStore *
seed_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_test_new_store (":memory:");
  GDate done;

  /* Task 3 done late; task 1 is done on 28/4/2026 by the seed itself. */
  g_date_set_dmy (&done, 2, 6, 2026);
  g_assert_true (dd_store_record_progress (store, _dd_store_find_task_by_number (store, 1, "3."), 100, &done,
                                           "Báo cáo số 12/BC-VPUB", NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

static void
options_for (DdExportOptions *options,
             int              d,
             int              m,
             int              y)
{
  dd_export_options_init (options);
  g_date_set_dmy (&options->tasks.as_of, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  g_date_set_dmy (&options->report_date, 25, 11, 2026);
}

/* A plan of @n tasks, titles from @titles (cycled) or numbered. */
static gint64
add_plan (DdStore            *store,
          const char         *number,
          guint               n,
          const char * const *titles,
          const char         *deadline)
{
  g_autoptr(DdImportedPlan) plan = dd_imported_plan_new ();
  g_autoptr(GError) error = NULL;
  DdImportSummary summary = { 0, };

  plan->number = g_strdup (number);
  plan->title = g_strdup ("Kế hoạch kiểm thử xuất báo cáo");
  plan->issuer = g_strdup ("Văn phòng Ủy ban nhân dân tỉnh Nghệ An");
  for (guint i = 0; i < n; i++)
    {
      DdImportedTask *task = g_new0 (DdImportedTask, 1);

      task->line = i + 1;
      task->number = g_strdup_printf ("%u.", i + 1);
      task->title = titles != NULL ? g_strdup (titles[i]) : g_strdup_printf ("Nhiệm vụ kiểm thử số %u", i + 1);
      task->lead = g_strdup_printf ("Phòng số %u", i % 7 + 1);
      task->coordinators = g_ptr_array_new_with_free_func (g_free);
      task->deadline_text = g_strdup (deadline);
      task->product = g_strdup ("Báo cáo");
      task->directing = g_strdup ("Chánh Văn phòng");
      g_assert_true (dd_deadline_parse (task->deadline_text, &task->deadline, NULL));
      g_ptr_array_add (plan->tasks, task);
    }
  g_assert_true (dd_store_import_plan (store, plan, &summary, &error));
  g_assert_no_error (error);
  return summary.plan_id;
}

/* Runs check-xlsx.py on @path with @expect. */
static void
check_workbook (const char  *path,
                JsonBuilder *expect)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (expect);
  g_autoptr(GError) error = NULL;
  g_autofree char *json_path = g_strconcat (path, ".json", NULL);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "core", "check-xlsx.py", NULL);
  g_autofree char *out = NULL;
  const char *argv[] = { "/usr/bin/python3", script, path, json_path, NULL };
  int status;

  json_generator_set_root (gen, root);
  g_assert_true (json_generator_to_file (gen, json_path, &error));
  g_assert_no_error (error);
  out = run (argv, &status);
  g_test_message ("%s", out);
  if (status != 0)
    g_test_message ("check-xlsx.py said:\n%s", out);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "PASS"));
}

static void
add_strings (JsonBuilder        *b,
             const char         *member,
             const char * const *values)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; values[i] != NULL; i++)
    json_builder_add_string_value (b, values[i]);
  json_builder_end_array (b);
}

static void
add_cell (JsonBuilder *b,
          const char  *sheet,
          const char  *ref,
          const char  *value,
          double       number,
          const char  *kind)
{
  json_builder_begin_array (b);
  json_builder_add_string_value (b, sheet);
  json_builder_add_string_value (b, ref);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_double_value (b, number);
  json_builder_add_string_value (b, kind);
  json_builder_end_array (b);
}

/* What every workbook has. Leaves the object open at "cells" (an open array). */
static JsonBuilder *
expect_begin (guint n_tasks)
{
  JsonBuilder *b = json_builder_new ();
  const char * const sheets[] = { SHEET_SUMMARY, SHEET_TASKS, SHEET_UNITS, SHEET_ACTIONS, SHEET_INDICATORS, NULL };
  const char * const landscape[] = { SHEET_SUMMARY, SHEET_TASKS, SHEET_UNITS, SHEET_ACTIONS, NULL };

  json_builder_begin_object (b);
  add_strings (b, "sheets", sheets);
  add_strings (b, "landscape", landscape);
  json_builder_set_member_name (b, "font");
  json_builder_add_string_value (b, "Times New Roman");
  json_builder_set_member_name (b, "size");
  json_builder_add_double_value (b, 13);
  json_builder_set_member_name (b, "repeat_rows");
  json_builder_begin_object (b);
  for (guint i = 1; sheets[i] != NULL; i++)
    {
      json_builder_set_member_name (b, sheets[i]);
      json_builder_add_string_value (b, "2:2");
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "rows");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, SHEET_TASKS);
  json_builder_add_int_value (b, n_tasks);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "autofilter");
  json_builder_add_string_value (b, SHEET_TASKS);
  json_builder_set_member_name (b, "date_columns");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, SHEET_TASKS);
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "I");
  json_builder_add_string_value (b, "J");
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "cells");
  json_builder_begin_array (b);
  return b;
}

/* Tests */

static void
test_period (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GDate f, t;

  g_assert_true (dd_export_parse_period ("Q2/2026", &f, &t, &label, &error));
  g_assert_no_error (error);
  from = dd_date_to_iso (&f);
  to = dd_date_to_iso (&t);
  g_assert_cmpstr (from, ==, "2026-03-15");
  g_assert_cmpstr (to, ==, "2026-06-14");
  g_assert_cmpstr (label, ==, "Quý II/2026");
  g_clear_pointer (&label, g_free);

  g_assert_true (dd_export_parse_period ("2026-H1", &f, &t, &label, &error));
  g_assert_cmpstr (label, ==, "6 tháng đầu năm 2026");
  g_assert_cmpint (g_date_get_day (&f), ==, 15);
  g_assert_cmpint (g_date_get_month (&f), ==, 12);
  g_assert_cmpint (g_date_get_year (&f), ==, 2025);
  g_clear_pointer (&label, g_free);

  /* The decree's 9-month report: 15/12 of the year before to 14/09. */
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (dd_export_parse_period (i == 0 ? "9M/2026" : "2026-9m", &f, &t, &label, &error));
      g_assert_no_error (error);
      g_clear_pointer (&from, g_free);
      g_clear_pointer (&to, g_free);
      from = dd_date_to_iso (&f);
      to = dd_date_to_iso (&t);
      g_assert_cmpstr (from, ==, "2025-12-15");
      g_assert_cmpstr (to, ==, "2026-09-14");
      g_assert_cmpstr (label, ==, "9 tháng đầu năm 2026");
      g_clear_pointer (&label, g_free);
    }
  g_assert_false (dd_export_parse_period ("8M/2026", &f, &t, NULL, &error));
  g_assert_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (dd_export_parse_period ("2026", &f, &t, NULL, &error));
  g_assert_cmpint (g_date_get_month (&t), ==, 12);
  g_assert_cmpint (g_date_get_day (&t), ==, 14);
  g_assert_true (dd_export_parse_period ("1/5/2026..31/5/2026", &f, &t, NULL, &error));
  g_assert_true (dd_export_parse_period ("2026-05", &f, &t, &label, &error));
  g_assert_cmpstr (label, ==, "Tháng 5/2026");
  g_assert_no_error (error);

  g_assert_false (dd_export_parse_period ("Q5/2026", &f, &t, NULL, &error));
  g_assert_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dd_export_parse_period ("hôm qua", &f, &t, NULL, &error));
  g_assert_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_INVALID);
}

static void
test_xlsx_seed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = seed_store ();
  g_autoptr(JsonBuilder) b = NULL;
  g_autofree char *path = tmp_path ("seed.xlsx");
  g_autofree char *period_label = NULL;
  const char * const header[] = {
    "TT", "Nhiệm vụ", "Cơ quan chủ trì", "Phối hợp", "Thời gian", "Sản phẩm", "Trách nhiệm chỉ đạo",
    "Tình trạng", "Hạn", "Ngày hoàn thành", "Kết quả / sản phẩm thực tế", "Ghi chú", NULL };
  const char * const lo_text[] = {
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
    "Nghệ An, ngày 25 tháng 11 năm 2026", "Kế hoạch số 662/KH-VPUB", "Phòng Hành chính - Quản trị",
    "Hoàn thành đúng hạn", "Trang 1/", NULL };
  DdExportOptions options;

  options_for (&options, 20, 6, 2026);
  options.tasks.plan_id = 1;
  g_assert_true (dd_export_parse_period ("Q2/2026", &options.from, &options.to, &period_label, &error));
  options.period_label = period_label;
  g_assert_true (dd_export_xlsx (store, &options, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  b = expect_begin (8);
  add_cell (b, SHEET_SUMMARY, "E1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0, "s");
  add_cell (b, SHEET_SUMMARY, "E2", "Độc lập - Tự do - Hạnh phúc", 0, "s");
  add_cell (b, SHEET_SUMMARY, "E4", "Nghệ An, ngày 25 tháng 11 năm 2026", 0, "s");
  /* The issuer in the two lines of Nghị định 30/2020, the number left blank, the kind. */
  add_cell (b, SHEET_SUMMARY, "A1", "UBND TỈNH NGHỆ AN", 0, "s");
  add_cell (b, SHEET_SUMMARY, "A2", "VĂN PHÒNG", 0, "s");
  add_cell (b, SHEET_SUMMARY, "A4", "Số:          /BC-VPUB", 0, "s");
  add_cell (b, SHEET_SUMMARY, "A5", "BÁO CÁO", 0, "s");
  add_cell (b, SHEET_SUMMARY, "A9", "Phạm vi: toàn bộ nhiệm vụ, 8 nhiệm vụ", 0, "s");
  add_cell (b, SHEET_SUMMARY, "A6",
            "Tình hình thực hiện Kế hoạch số 662/KH-VPUB — tính đến ngày 20/06/2026", 0, "s");
  add_cell (b, SHEET_SUMMARY, "A8", "Kỳ báo cáo: Quý II/2026", 0, "s");
  add_cell (b, SHEET_SUMMARY, "A12", "Hoàn thành đúng hạn", 0, "s");
  add_cell (b, SHEET_SUMMARY, "B12", NULL, 2, "n");
  add_cell (b, SHEET_SUMMARY, "B13", NULL, 0, "n");
  add_cell (b, SHEET_SUMMARY, "C12", NULL, 0.25, "pct");
  add_cell (b, SHEET_SUMMARY, "C17", NULL, 0.125, "pct");
  add_cell (b, SHEET_SUMMARY, "B19", NULL, 8, "n");
  /* 2 done; none overdue, but the ongoing tasks 2, 4 and 7 had no update in May and the periodic
   * task 8 missed its Q2 report (due 14/6): 4 forgotten, so 2 / (2 + 4). */
  add_cell (b, SHEET_SUMMARY, "B20", NULL, 2.0 / 6.0, "pct");
  add_cell (b, SHEET_TASKS, "H4", "Quên việc", 0, "s");
  add_cell (b, SHEET_TASKS, "H10", "Quên việc", 0, "s");
  /* TT a number (it sorts as one: 1, 2, 10), printed as written. */
  add_cell (b, SHEET_TASKS, "A3", NULL, 1, "tt");
  add_cell (b, SHEET_TASKS, "K5", "Báo cáo số 12/BC-VPUB", 0, "s");
  /* The progress, last: 100 % for the tasks done, 0 for one not begun. */
  add_cell (b, SHEET_TASKS, "M3", NULL, 1.0, "pct");
  add_cell (b, SHEET_TASKS, "M5", NULL, 1.0, "pct");
  add_cell (b, SHEET_TASKS, "M4", NULL, 0.0, "pct");
  add_cell (b, SHEET_TASKS, "H3", "Hoàn thành đúng hạn", 0, "s");
  add_cell (b, SHEET_TASKS, "I3", "2026-04-30", 0, "d");
  add_cell (b, SHEET_TASKS, "J3", "2026-04-28", 0, "d");
  add_cell (b, SHEET_TASKS, "C3", "Phòng Hành chính - Quản trị", 0, "s");
  /* An ongoing task completed: done on time; its completion date as a date. */
  add_cell (b, SHEET_TASKS, "H5", "Hoàn thành đúng hạn", 0, "s");
  add_cell (b, SHEET_TASKS, "J5", "2026-06-02", 0, "d");
  add_cell (b, SHEET_TASKS, "E4", "Thường xuyên", 0, "s");
  add_cell (b, SHEET_UNITS, "A2", "Cơ quan chủ trì", 0, "s");
  add_cell (b, SHEET_INDICATORS, "A3", "1. 100% văn bản trao đổi công việc", 0, "prefix");
  add_cell (b, SHEET_INDICATORS, "F4", "Chưa có dữ liệu", 0, "s");
  add_cell (b, SHEET_INDICATORS, "E4", NULL, 1.0, "pct");
  /* The derived "đúng hạn" indicator with its figures, as the scorecards
   * of Q2 count them, not "no data". */
  add_cell (b, SHEET_INDICATORS, "A5", "2. 100% hồ sơ, nhiệm vụ", 0, "prefix");
  add_cell (b, SHEET_INDICATORS, "A6", "Toàn cơ quan", 0, "s");
  add_cell (b, SHEET_INDICATORS, "B6", NULL, 2, "n");
  add_cell (b, SHEET_INDICATORS, "C6", NULL, 2, "n");
  add_cell (b, SHEET_INDICATORS, "F6", "Đạt chỉ tiêu", 0, "s");
  add_cell (b, SHEET_INDICATORS, "A7", "Phòng Hành chính - Quản trị", 0, "s");
  add_cell (b, SHEET_INDICATORS, "A8", "3. 100% cán bộ", 0, "prefix");
  /* Both rates side by side, and how they are counted. */
  add_cell (b, SHEET_SUMMARY, "A21", "Tỷ lệ đúng hạn", 0, "s");
  add_cell (b, SHEET_SUMMARY, "B21", NULL, 2.0 / 6.0, "pct");
  add_cell (b, SHEET_SUMMARY, "A22", "Tỷ lệ hoàn thành = số nhiệm vụ hoàn thành ÷ (số nhiệm vụ hoàn thành + số "
            "nhiệm vụ quá hạn, quên việc chưa hoàn thành); tỷ lệ đúng hạn", 0, "prefix");
  add_cell (b, SHEET_SUMMARY, "A27", "II. TÌNH HÌNH THỰC HIỆN THEO CƠ QUAN CHỦ TRÌ", 0, "s");
  add_cell (b, SHEET_SUMMARY, "A29", "Phòng Hành chính - Quản trị", 0, "s");
  add_cell (b, SHEET_SUMMARY, "I29", NULL, 6, "n");
  add_cell (b, SHEET_SUMMARY, "J28", "Tỷ lệ hoàn thành", 0, "s");
  add_cell (b, SHEET_SUMMARY, "K28", "Tỷ lệ đúng hạn", 0, "s");
  add_cell (b, SHEET_SUMMARY, "J29", NULL, 0.4, "pct");
  add_cell (b, SHEET_SUMMARY, "K29", NULL, 0.4, "pct");
  add_cell (b, SHEET_SUMMARY, "J31", "—", 0, "s");
  add_cell (b, SHEET_UNITS, "K2", "Tỷ lệ đúng hạn", 0, "s");
  /* The forgotten tasks listed, with the report or update they missed,
   * its due date and the working days since (14 from Monday 1/6 to 20/6). */
  add_cell (b, SHEET_ACTIONS, "A3", "II. Quên việc: 4 nhiệm vụ", 0, "s");
  add_cell (b, SHEET_ACTIONS, "A4", NULL, 2, "tt");
  add_cell (b, SHEET_ACTIONS, "C4", "Trung tâm Phục vụ Hành chính công", 0, "s");
  add_cell (b, SHEET_ACTIONS, "E4", "2026-06-01", 0, "d");
  add_cell (b, SHEET_ACTIONS, "F4", "Quên việc", 0, "s");
  add_cell (b, SHEET_ACTIONS, "G4", NULL, 14, "n");
  add_cell (b, SHEET_ACTIONS, "J4", "Chưa báo cáo: Tháng 5/2026", 0, "s");
  add_cell (b, SHEET_ACTIONS, "A7", NULL, 8, "tt");
  add_cell (b, SHEET_ACTIONS, "E7", "2026-06-15", 0, "d");
  add_cell (b, SHEET_ACTIONS, "G7", NULL, 4, "n");
  add_cell (b, SHEET_ACTIONS, "J7", "Chưa báo cáo: Quý II/2026", 0, "s");
  json_builder_end_array (b);
  json_builder_set_member_name (b, "header");
  json_builder_begin_object (b);
  add_strings (b, SHEET_TASKS, header);
  json_builder_end_object (b);
  /* Part II of the summary on a page of its own: a manual break before
   * row 27, which Excel reads from <rowBreaks> and LibreOffice follows. */
  json_builder_set_member_name (b, "row_breaks");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, SHEET_SUMMARY);
  json_builder_begin_array (b);
  json_builder_add_int_value (b, 26);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "lo_page_starts");
  json_builder_begin_array (b);
  json_builder_begin_array (b);
  json_builder_add_int_value (b, 2);
  json_builder_add_string_value (b, "II. TÌNH HÌNH THỰC HIỆN THEO CƠ QUAN CHỦ TRÌ");
  json_builder_end_array (b);
  json_builder_end_array (b);
  /* The indicators' titles over the whole width, the sheet streamed. */
  json_builder_set_member_name (b, "merged");
  json_builder_begin_object (b);
  add_strings (b, SHEET_INDICATORS, (const char * const[]) { "A1:F1", "A3:F3", "A5:F5", "A8:F8", NULL });
  json_builder_end_object (b);
  json_builder_set_member_name (b, "charts");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, SHEET_SUMMARY);
  json_builder_begin_array (b);
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "doughnut");
  json_builder_add_int_value (b, 1);
  json_builder_add_string_value (b, "'" SHEET_SUMMARY "'!$A$12:$A$18");
  json_builder_end_array (b);
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "bar");
  /* Statuses that occur: done on time, in progress, forgotten, no deadline. */
  json_builder_add_int_value (b, 4);
  json_builder_add_string_value (b, "'" SHEET_SUMMARY "'!$A$29:$A$31");
  json_builder_end_array (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  /* Rows as high as their wrapped text: task 2's title (about 170
   * characters in a narrow column) takes five lines or more; the header's
   * "Kết quả / sản phẩm thực tế" three. */
  json_builder_set_member_name (b, "row_heights");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, SHEET_TASKS);
  json_builder_begin_array (b);
  json_builder_begin_array (b);
  json_builder_add_int_value (b, 4);
  json_builder_add_int_value (b, 5 * 13);
  json_builder_end_array (b);
  json_builder_begin_array (b);
  json_builder_add_int_value (b, 2);
  json_builder_add_int_value (b, 3 * 13);
  json_builder_end_array (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, SHEET_ACTIONS);
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  add_strings (b, "libreoffice", lo_text);
  /* Printed legibility: LibreOffice's PDF of the workbook, every word at
   * 10 pt or more, the lead unit never cut (check-pdf-text.py). */
  json_builder_set_member_name (b, "legible");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "min");
  json_builder_add_double_value (b, 10);
  add_strings (b, "phrases", (const char * const[]) { "Phòng Hành chính - Quản trị", NULL });
  /* No word broken in the middle ("Thủ trưởn/g cơ quan", "Trách nhiệ/m
   * chỉ đạo"): every word of the heads, of each task's lead unit and
   * directing leader, and of the statuses, printed whole. */
  json_builder_set_member_name (b, "whole_words");
  json_builder_begin_array (b);
  {
    g_autoptr(sqlite3_stmt) stmt = dd_sql_prepare (store, "SELECT coalesce (lu.name, ''), coalesce (t.directing, '') FROM tasks t "
                                                   "LEFT JOIN units lu ON lu.id = t.lead_unit_id", &error);
    const char * const statuses[] = { "Hoàn thành đúng hạn", "Quên việc", "Đang thực hiện", "Chưa có thời hạn", NULL };
    g_autoptr(GString) texts = g_string_new (NULL);
    g_auto(GStrv) words = NULL;

    g_assert_no_error (error);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_string_append_printf (texts, "%s %s ", dd_sql_column_text (stmt, 0), dd_sql_column_text (stmt, 1));
    for (guint i = 0; header[i] != NULL; i++)
      g_string_append_printf (texts, "%s ", header[i]);
    for (guint i = 0; statuses[i] != NULL; i++)
      g_string_append_printf (texts, "%s ", statuses[i]);
    g_assert_nonnull (strstr (texts->str, "Thủ trưởng cơ quan"));
    words = g_strsplit (texts->str, " ", -1);
    for (guint i = 0; words[i] != NULL; i++)
      if (g_utf8_strlen (words[i], -1) > 1)
        json_builder_add_string_value (b, words[i]);
  }
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  check_workbook (path, b);
}

static void
test_xlsx_injection (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autofree char *path = tmp_path ("injection.xlsx");
  const char *titles[] = { "=1+2", "+SUM(A1:A2)", "-2+3", "@cmd|' /C calc'!A0", NULL, "=HYPERLINK(\"http://x\")" };
  DdExportOptions options;

  /* 40,000 characters, and a control character XML cannot carry. */
  g_string_append (huge, "Rà soát\x01 ");
  while (huge->len < 60000)
    g_string_append (huge, "thủ tục hành chính ");
  titles[4] = huge->str;
  options_for (&options, 20, 6, 2026);
  options.tasks.plan_id = add_plan (store, "1/KH-TEST", G_N_ELEMENTS (titles), titles, "Trước 30/4/2026");
  g_assert_true (dd_export_xlsx (store, &options, path, &error));
  g_assert_no_error (error);

  b = expect_begin (G_N_ELEMENTS (titles));
  add_cell (b, SHEET_TASKS, "B3", "=1+2", 0, "s");
  add_cell (b, SHEET_TASKS, "B4", "+SUM(A1:A2)", 0, "s");
  add_cell (b, SHEET_TASKS, "B5", "-2+3", 0, "s");
  add_cell (b, SHEET_TASKS, "B6", "@cmd|' /C calc'!A0", 0, "s");
  add_cell (b, SHEET_TASKS, "B7", MARK, 0, "truncated");
  add_cell (b, SHEET_TASKS, "B7", "Rà soát  thủ tục", 0, "prefix");
  add_cell (b, SHEET_TASKS, "B8", "=HYPERLINK(\"http://x\")", 0, "s");
  add_cell (b, SHEET_TASKS, "H3", "Quá hạn", 0, "s");
  /* The list for action: overdue since 30/4/2026, 51 days on 20/6/2026,
   * of which 35 working days (weekends and 1/5 off). */
  add_cell (b, SHEET_ACTIONS, "A3", "I. Quá hạn: 6 nhiệm vụ", 0, "s");
  add_cell (b, SHEET_ACTIONS, "B4", "=1+2", 0, "s");
  add_cell (b, SHEET_ACTIONS, "G4", NULL, 35, "n");
  add_cell (b, SHEET_ACTIONS, "E4", "2026-04-30", 0, "d");
  add_cell (b, SHEET_SUMMARY, "B20", NULL, 0, "pct");
  json_builder_end_array (b);
  json_builder_end_object (b);
  check_workbook (path, b);
}

static void
test_xlsx_empty_and_one (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);
  g_autofree char *empty = tmp_path ("empty.xlsx");
  g_autofree char *one = tmp_path ("one.xlsx");
  g_autoptr(JsonBuilder) b = NULL;
  const char *titles[] = { "Nhiệm vụ duy nhất" };
  const char * const lo_text[] = { "Nhiệm vụ duy nhất", "Phòng số 1", "CUỐIĐỀ", NULL };
  DdExportOptions options;

  /* An empty database: every sheet, no row. */
  options_for (&options, 20, 6, 2026);
  g_assert_true (dd_export_xlsx (store, &options, empty, &error));
  g_assert_no_error (error);
  b = expect_begin (0);
  add_cell (b, SHEET_SUMMARY, "B19", NULL, 0, "n");
  add_cell (b, SHEET_SUMMARY, "A6", "Tình hình thực hiện các kế hoạch — tính đến ngày 20/06/2026", 0, "s");
  add_cell (b, SHEET_ACTIONS, "A3", "Không có nhiệm vụ quá hạn hoặc sắp đến hạn.", 0, "s");
  add_cell (b, SHEET_INDICATORS, "A3", "Kế hoạch chưa có chỉ tiêu.", 0, "s");
  json_builder_end_array (b);
  json_builder_set_member_name (b, "charts");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, SHEET_SUMMARY);
  json_builder_begin_array (b);
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "doughnut");
  json_builder_add_int_value (b, 1);
  json_builder_add_string_value (b, "'" SHEET_SUMMARY "'!$A$12:$A$18");
  json_builder_end_array (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  check_workbook (empty, b);
  g_clear_object (&b);

  /* One task, due soon (25/6 is 3 working days after 20/6), of a plan
   * whose title is 408 characters: printed whole, its last line too. */
  options.tasks.plan_id = add_plan (store, "2/KH-TEST", 1, titles, "Trước 25/6/2026");
  {
    g_autoptr(GString) title = g_string_new (NULL);
    g_autofree char *sql = NULL;

    while (g_utf8_strlen (title->str, -1) < 400)
      g_string_append (title, "Kế hoạch cải cách hành chính của tỉnh Nghệ An, ");
    g_string_truncate (title, strlen (title->str) - 2);
    g_string_append (title, " CUỐIĐỀ");
    g_assert_cmpint (g_utf8_strlen (title->str, -1), >=, 400);
    sql = g_strdup_printf ("UPDATE plans SET title = '%s' WHERE id = %lld", title->str,
                           (long long) options.tasks.plan_id);
    g_assert_cmpint (sqlite3_exec (_dd_store_get_db (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  g_assert_true (dd_export_xlsx (store, &options, one, &error));
  g_assert_no_error (error);
  b = expect_begin (1);
  add_cell (b, SHEET_TASKS, "B3", "Nhiệm vụ duy nhất", 0, "s");
  add_cell (b, SHEET_TASKS, "H3", "Sắp đến hạn", 0, "s");
  add_cell (b, SHEET_TASKS, "I3", "2026-06-25", 0, "d");
  add_cell (b, SHEET_ACTIONS, "A3", "III. Sắp đến hạn: 1 nhiệm vụ", 0, "s");
  /* Days left in working days, as time limits run: Saturday 20/6 to
   * Thursday 25/6 is 4 (22, 23, 24, 25), not 5. */
  add_cell (b, SHEET_ACTIONS, "H4", NULL, 4, "n");
  add_cell (b, SHEET_UNITS, "A3", "Phòng số 1", 0, "s");
  add_cell (b, SHEET_UNITS, "B3", NULL, 1, "n");
  json_builder_end_array (b);
  add_strings (b, "libreoffice", lo_text);
  json_builder_end_object (b);
  check_workbook (one, b);
}

/* The sheet for action is the same whether its rows come from the copies
 * kept while the task sheet was written or are read again by id (past the
 * memory budget, on a file with very many overdue tasks). */
static void
test_xlsx_actions_read_again (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = seed_store ();
  g_autofree char *kept = tmp_path ("actions-kept.xlsx");
  g_autofree char *again = tmp_path ("actions-again.xlsx");
  g_autofree char *xml_kept = NULL;
  g_autofree char *xml_again = NULL;
  gsize saved = _dd_export_action_cache_max;
  DdExportOptions options;
  int status;

  /* Late in the year: most of the seed's dated tasks are overdue. */
  options_for (&options, 20, 11, 2026);
  g_assert_true (dd_export_xlsx (store, &options, kept, &error));
  g_assert_no_error (error);
  _dd_export_action_cache_max = 0;
  g_assert_true (dd_export_xlsx (store, &options, again, &error));
  _dd_export_action_cache_max = saved;
  g_assert_no_error (error);

  {
    const char *argv[] = { "unzip", "-p", kept, "xl/worksheets/sheet4.xml", NULL };
    xml_kept = run (argv, &status);
    g_assert_cmpint (status, ==, 0);
  }
  {
    const char *argv[] = { "unzip", "-p", again, "xl/worksheets/sheet4.xml", NULL };
    xml_again = run (argv, &status);
    g_assert_cmpint (status, ==, 0);
  }
  g_assert_nonnull (strstr (xml_kept, "Quá hạn"));
  g_assert_cmpstr (xml_kept, ==, xml_again);
}

/* The rows of the big sheets are formatted by the export itself: what XML
 * must escape comes back as it was. And under a locale with a decimal
 * comma (as vi_VN) the numbers libxlsxwriter prints keep their point. */
static void
test_xlsx_markup_and_decimal_comma (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(GRegex) comma = g_regex_new ("(width|ht)=\"[0-9]+,[0-9]", 0, 0, NULL);
  g_autoptr(GRegex) point = g_regex_new ("width=\"[0-9]+\\.[0-9]+\"", 0, 0, NULL);
  g_autofree char *path = tmp_path ("markup.xlsx");
  const char *titles[] = { "Sở A & Sở B <phối hợp> \"rà soát\" > 2 lần", "Báo cáo 6 tháng", "Nhiệm vụ cuối" };
  const char *locales[] = { "vi_VN.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8" };
  const char *sheets[] = { "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml" };
  const char *numeric = NULL;
  DdExportOptions options;

  g_assert_no_error (error);
  options_for (&options, 20, 6, 2026);
  options.tasks.plan_id = add_plan (store, "1/KH-TEST", G_N_ELEMENTS (titles), titles, "Trước 30/4/2026");
  for (guint i = 0; i < G_N_ELEMENTS (locales) && numeric == NULL; i++)
    numeric = setlocale (LC_NUMERIC, locales[i]);
  if (numeric == NULL)
    g_test_message ("no locale with a decimal comma here: only the markup is checked");
  g_assert_true (dd_export_xlsx (store, &options, path, &error));
  setlocale (LC_NUMERIC, "C.UTF-8");
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (sheets); i++)
    {
      const char *argv[] = { "unzip", "-p", path, sheets[i], NULL };
      g_autofree char *xml = NULL;
      int status;

      xml = run (argv, &status);
      g_assert_cmpint (status, ==, 0);
      g_assert_false (g_regex_match (comma, xml, 0, NULL));
      g_assert_true (g_regex_match (point, xml, 0, NULL));
    }

  b = expect_begin (G_N_ELEMENTS (titles));
  add_cell (b, SHEET_TASKS, "B3", titles[0], 0, "s");
  add_cell (b, SHEET_TASKS, "B4", titles[1], 0, "s");
  add_cell (b, SHEET_TASKS, "B5", titles[2], 0, "s");
  add_cell (b, SHEET_TASKS, "H3", "Quá hạn", 0, "s");
  add_cell (b, SHEET_TASKS, "I5", "2026-04-30", 0, "d");
  add_cell (b, SHEET_ACTIONS, "B4", titles[0], 0, "s");
  add_cell (b, SHEET_ACTIONS, "G6", NULL, 35, "n");
  json_builder_end_array (b);
  json_builder_end_object (b);
  check_workbook (path, b);
}

/* The width of column @col (1 = A) of a sheet's XML, or -1. */
static double
column_width (const char *xml,
              int         col)
{
  g_autofree char *tag = g_strdup_printf ("<col min=\"%d\" max=\"%d\" width=\"", col, col);
  const char *at = strstr (xml, tag);

  return at != NULL ? g_ascii_strtod (at + strlen (tag), NULL) : -1;
}

/* The sheet for action sizes its columns by what they hold, as the task
 * sheet does: the columns nothing is written in (no coordinating unit, no
 * note, no task due soon) keep only their heads' widest word, and the
 * tasks' titles take the room they leave (they had fixed widths: 34 for
 * the title, 15 for the coordinating units, 10 for the days left). */
static void
test_xlsx_action_widths (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);
  g_autofree char *path = tmp_path ("action-widths.xlsx");
  const char *titles[] = {
    "Rà soát, đánh giá việc thực hiện quy trình nội bộ giải quyết thủ tục hành chính tại các cơ quan",
    "Tuyên truyền, nâng cao nhận thức về cải cách hành chính trên cổng thông tin điện tử của tỉnh",
  };
  const char *argv[] = { "unzip", "-p", path, "xl/worksheets/sheet4.xml", NULL };
  g_autofree char *xml = NULL;
  double total = 0;
  int status;
  DdExportOptions options;

  g_assert_no_error (error);
  options_for (&options, 20, 6, 2026);
  options.tasks.plan_id = add_plan (store, "1/KH-TEST", G_N_ELEMENTS (titles), titles, "Trước 30/4/2026");
  g_assert_true (dd_export_xlsx (store, &options, path, &error));
  g_assert_no_error (error);
  xml = run (argv, &status);
  g_assert_cmpint (status, ==, 0);
  /* Columns: TT, Nhiệm vụ, Cơ quan chủ trì, Phối hợp, Hạn, Tình trạng,
   * quá hạn, còn lại, Trách nhiệm chỉ đạo, Ghi chú. */
  g_assert_nonnull (strstr (xml, "Số ngày làm việc còn lại"));
  g_assert_cmpfloat (column_width (xml, 2), >, 40);
  g_assert_cmpfloat (column_width (xml, 4), >, 0);
  g_assert_cmpfloat (column_width (xml, 4), <, 12);
  g_assert_cmpfloat (column_width (xml, 8), >, 0);
  g_assert_cmpfloat (column_width (xml, 8), <, 10);
  g_assert_cmpfloat (column_width (xml, 10), <, 12);
  /* Still within the page (the task sheet's 1,060 pixels; a width as
   * stored has the column's 5 pixels of padding in it). */
  for (int c = 1; c <= 10; c++)
    total += column_width (xml, c) * 7;
  g_assert_cmpfloat (total, <=, 1060);
  g_assert_cmpfloat (column_width (xml, 11), <, 0);
}

static void
test_write_failures (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = seed_store ();
  g_autofree char *nowhere = g_build_filename (tmp_dir, "no-such-folder", "x.xlsx", NULL);
  g_autofree char *folder = tmp_path ("a-folder.xlsx");
  g_autofree char *existing = tmp_path ("existing.pdf");
  g_autofree char *content = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  DdExportOptions options;

  options_for (&options, 20, 6, 2026);

  g_assert_false (dd_export_xlsx (store, &options, nowhere, &error));
  g_assert_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_WRITE);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_assert_false (dd_export_pdf (store, &options, nowhere, &error));
  g_assert_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_WRITE);
  g_clear_error (&error);

  /* The target is a folder: the rename fails after the whole workbook was
   * written; the temporary file goes, the folder stays. */
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_false (dd_export_xlsx (store, &options, folder, &error));
  g_assert_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_WRITE);
  g_clear_error (&error);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));

  /* An unknown plan: the existing file is left as it was. */
  g_assert_true (g_file_set_contents (existing, "old", -1, NULL));
  options.tasks.plan_id = 999;
  g_assert_false (dd_export_pdf (store, &options, existing, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW);
  g_assert_true (g_file_get_contents (existing, &content, NULL, NULL));
  g_assert_cmpstr (content, ==, "old");

  /* No temporary file anywhere. */
  dir = g_dir_open (tmp_dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_suffix (name, ".part"));
  g_rmdir (folder);
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", path, "-", NULL };
  int status;
  char *out = run (argv, &status);

  g_assert_cmpint (status, ==, 0);
  return out;
}

/* The top of the first word @word on the first page of @path, in points. */
static int
pdf_word_top (const char *path,
              const char *word)
{
  const char *argv[] = { "pdftotext", "-f", "1", "-l", "1", "-bbox", path, "-", NULL };
  int status;
  g_autofree char *out = run (argv, &status);
  g_autofree char *tail = g_strdup_printf (">%s</word>", word);
  const char *end = strstr (out, tail);
  const char *y;

  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (end);
  y = g_strrstr_len (out, end - out, "yMin=\"");
  g_assert_nonnull (y);
  return (int) g_ascii_strtod (y + 6, NULL);
}

/* The text of the first page's header (above the kind of document, "BÁO
 * CÁO") between x and x + w points, its spaces and line breaks as single
 * spaces. */
static char *
pdf_region_text (const char *path,
                 int         x,
                 int         w)
{
  g_autofree char *xs = g_strdup_printf ("%d", x);
  g_autofree char *ws = g_strdup_printf ("%d", w);
  g_autofree char *hs = g_strdup_printf ("%d", pdf_word_top (path, "BÁO"));
  const char *argv[] = { "pdftotext", "-f", "1", "-l", "1", "-x", xs, "-y", "0", "-W", ws, "-H", hs,
                         path, "-", NULL };
  int status;
  g_autofree char *out = run (argv, &status);
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  char *flat;

  g_assert_cmpint (status, ==, 0);
  flat = g_regex_replace (spaces, out, -1, 0, " ", 0, NULL);
  return g_strstrip (flat);
}

/* Every word of the handout @path at 10 pt or more, the lead unit whole on
 * a line: check-pdf-text.py, calibrated on the scope line ("Phạm vi: …",
 * the body size, 13 pt, regular weight) of the handout itself. */
static void
check_pdf_legible (const char *path)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "core", "check-pdf-text.py", NULL);
  const char *argv[] = { "/usr/bin/python3", script, path, "10", "Phạm", "13", "Phòng Hành chính - Quản trị",
                         NULL };
  int status;
  g_autofree char *out = run (argv, &status);

  g_test_message ("%s", out);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "PASS"));
}

static guint
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  int status;
  g_autofree char *out = run (argv, &status);
  const char *p;

  g_assert_cmpint (status, ==, 0);
  p = strstr (out, "Pages:");
  g_assert_nonnull (p);
  return (guint) g_ascii_strtoull (p + 6 + strspn (p + 6, " "), NULL, 10);
}

static void
test_pdf (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = seed_store ();
  g_autoptr(DdReport) report = NULL;
  g_autofree char *path = tmp_path ("seed.pdf");
  g_autofree char *big = tmp_path ("big.pdf");
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *footer = NULL;
  const char *expected[] = {
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
    "Nghệ An, ngày 25 tháng 11 năm 2026", "Kế hoạch số 662/KH-VPUB", "I. SỐ LIỆU TỔNG HỢP",
    "Hoàn thành đúng hạn", "Phòng Hành chính - Quản trị", "Trang 1/", "UBND TỈNH NGHỆ AN", "VĂN PHÒNG",
    "BÁO CÁO Tình hình thực hiện Kế hoạch số 662/KH-VPUB", "Nơi nhận:",
  };
  DdExportOptions options;
  guint pages;
  GRegex *spaces = g_regex_new ("\\s+", 0, 0, NULL);

  options_for (&options, 20, 6, 2026);
  options.tasks.plan_id = 1;
  g_assert_true (dd_export_pdf (store, &options, path, &error));
  g_assert_no_error (error);

  report = dd_report_new (store, &options, &error);
  g_assert_no_error (error);
  {
    /* Laid out for a PDF (no output), as dd_export_pdf() does. */
    cairo_surface_t *surface = cairo_pdf_surface_create (NULL, 595.28, 841.89);
    cairo_t *cr = cairo_create (surface);

    pages = dd_report_paginate (report, cr, 595.28 - (30 + 20) / 25.4 * 72, 841.89 - 40 / 25.4 * 72);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
  g_assert_cmpuint (pdf_pages (path), ==, pages);
  g_assert_cmpuint (pages, >=, 2);
  {
    /* Whatever the page's height, the signature and "Nơi nhận:" never
     * stand alone on the last page: some of the report goes with them. */
    cairo_surface_t *surface = cairo_pdf_surface_create (NULL, 595.28, 841.89);
    cairo_t *cr = cairo_create (surface);
    guint alone = 0, tried = 0;

    for (double height = 420; height <= 842; height += 6, tried++)
      {
        guint n = dd_report_paginate (report, cr, 595.28 - (30 + 20) / 25.4 * 72, height);
        GArray *last = g_ptr_array_index (report->pages, n - 1);
        guint content = 0;

        g_assert_cmpuint (last->len, >, 0);
        g_assert_cmpint (g_array_index (last, Placement, last->len - 1).block->kind, ==, BLOCK_SIGNATURE);
        for (guint i = 0; i < last->len; i++)
          if (g_array_index (last, Placement, i).block->kind != BLOCK_SIGNATURE
              && g_array_index (last, Placement, i).block->kind != BLOCK_GAP)
            content++;
        if (content == 0)
          {
            g_test_message ("at a page %.0f pt high, the signature is alone on page %u", height, n);
            alone++;
          }
        /* Nothing left out: every block but a gap on a page, once. */
        {
          guint placed = 0, blocks = 0;

          for (guint p = 0; p < n; p++)
            {
              GArray *page = g_ptr_array_index (report->pages, p);

              for (guint i = 0; i < page->len; i++)
                placed += g_array_index (page, Placement, i).block->kind != BLOCK_GAP;
            }
          for (guint i = 0; i < report->blocks->len; i++)
            blocks += ((Block *) g_ptr_array_index (report->blocks, i))->kind != BLOCK_GAP;
          g_assert_cmpuint (placed, ==, blocks);
        }
      }
    g_assert_cmpuint (alone, ==, 0);
    g_assert_cmpuint (tried, >, 60);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }

  text = pdf_text (path);
  flat = g_regex_replace (spaces, text, -1, 0, " ", 0, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      if (strstr (flat, expected[i]) == NULL)
        g_test_message ("missing “%s” in:\n%s", expected[i], flat);
      g_assert_nonnull (strstr (flat, expected[i]));
    }
  footer = g_strdup_printf ("Trang %u/%u", pages, pages);
  g_assert_nonnull (strstr (flat, footer));
  g_free (flat);
  g_free (text);
  check_pdf_legible (path);

  /* 300 overdue tasks: the list runs over several pages, each with its
   * number and the table's header again. */
  {
    g_autoptr(DdStore) store2 = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);

    options.tasks.plan_id = add_plan (store2, "3/KH-TEST", 300, NULL, "Trước 30/4/2026");
    g_assert_true (dd_export_pdf (store2, &options, big, &error));
    g_assert_no_error (error);
    pages = pdf_pages (big);
    g_assert_cmpuint (pages, >=, 8);
    text = pdf_text (big);
    flat = g_regex_replace (spaces, text, -1, 0, " ", 0, NULL);
    g_assert_nonnull (strstr (flat, "I. Quá hạn: 300 nhiệm vụ"));
    /* 35 working days late (51 days: weekends and 1/5 are not counted),
     * then the progress. */
    g_assert_nonnull (strstr (flat, "30/04/2026 Quá hạn 35 0%"));
    /* A cell's text never runs into the next one's ("Phòng số 130/04/2026"). */
    g_assert_false (g_regex_match_simple ("[^\\s]30/04/2026|30/04/2026[^\\s]", text, 0, 0));
    /* The last row (its text may wrap in its cell). */
    g_assert_nonnull (strstr (flat, "300."));
    g_assert_nonnull (strstr (flat, "Nhiệm vụ kiểm thử"));
    footer = (g_free (footer), g_strdup_printf ("Trang %u/%u", pages, pages));
    g_assert_nonnull (strstr (flat, footer));
  }
  g_regex_unref (spaces);
}

/* Shares that add up (largest remainder) and are equal for equal counts. */
static void
test_shares (void)
{
  const guint thirds[] = { 1, 1, 1 };
  const guint mixed[] = { 3, 3, 16 };
  const guint sevenths[] = { 3, 3, 1 };
  const guint none[] = { 0, 0 };
  guint out[3];

  /* Equal shares win: three thirds are 33.3 % each (99.9 %). */
  dd_format_split_shares (thirds, 3, 1000, out);
  g_assert_cmpuint (out[0], ==, 333);
  g_assert_cmpuint (out[1], ==, 333);
  g_assert_cmpuint (out[2], ==, 333);
  /* 13.636… twice and 72.727…: the two equal ones stay equal (13.6 %, not
   * 13.6 % and 13.7 %), the third takes the tenth left: 100.0 %. */
  dd_format_split_shares (mixed, 3, 1000, out);
  g_assert_cmpuint (out[0], ==, 136);
  g_assert_cmpuint (out[1], ==, 136);
  g_assert_cmpuint (out[2], ==, 728);
  dd_format_split_shares (sevenths, 3, 1000, out);
  g_assert_cmpuint (out[0], ==, out[1]);
  g_assert_cmpuint (out[0] + out[1] + out[2], >=, 999);
  g_assert_cmpuint (out[2], ==, 143);
  dd_format_split_shares (none, 2, 1000, out);
  g_assert_cmpuint (out[0] + out[1], ==, 0);
}

/* The indicators' true figures: a quarter's figure and those of its months
 * are never added together; months alone are. */
static void
test_indicator_figures (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = seed_store ();
  g_autoptr(DdFigures) figures = dd_figures_new (store);
  g_autoptr(GPtrArray) indicators = dd_figures_list_indicators (figures, 1, &error);
  g_autoptr(JsonBuilder) b = NULL;
  g_autofree char *path = tmp_path ("figures.xlsx");
  g_autofree char *period_label = NULL;
  const DdIndicatorInfo *typed = NULL;
  DdScorePeriod q2, april, may;
  gint64 unit;
  DdExportOptions options;

  g_assert_no_error (error);
  for (guint i = 0; i < indicators->len && typed == NULL; i++)
    if (!((DdIndicatorInfo *) g_ptr_array_index (indicators, i))->derived)
      typed = g_ptr_array_index (indicators, i);
  g_assert_nonnull (typed);
  g_assert_cmpint (typed->position, ==, 1);
  unit = _dd_store_lookup_unit (store, "Phòng Hành chính - Quản trị", &error);
  g_assert_no_error (error);
  g_assert_true (dd_score_period_parse ("2026-Q2", &q2, &error));
  g_assert_true (dd_score_period_parse ("2026-04", &april, &error));
  g_assert_true (dd_score_period_parse ("2026-05", &may, &error));
  /* The whole office: the quarter 120/120, and its months 40/40 and 38/40. */
  g_assert_true (dd_figures_set_indicator_figure (figures, typed->id, 0, &q2, 120, 120, NULL, &error));
  g_assert_true (dd_figures_set_indicator_figure (figures, typed->id, 0, &april, 40, 40, NULL, &error));
  g_assert_true (dd_figures_set_indicator_figure (figures, typed->id, 0, &may, 38, 40, NULL, &error));
  /* A unit: its months only, 10/12 and 5/6. */
  g_assert_true (dd_figures_set_indicator_figure (figures, typed->id, unit, &april, 10, 12, NULL, &error));
  g_assert_true (dd_figures_set_indicator_figure (figures, typed->id, unit, &may, 5, 6, NULL, &error));
  g_assert_no_error (error);

  options_for (&options, 20, 6, 2026);
  options.tasks.plan_id = 1;
  g_assert_true (dd_export_parse_period ("Q2/2026", &options.from, &options.to, &period_label, &error));
  options.period_label = period_label;
  g_assert_true (dd_export_xlsx (store, &options, path, &error));
  g_assert_no_error (error);

  b = expect_begin (8);
  add_cell (b, SHEET_INDICATORS, "A3", "1. 100% văn bản trao đổi công việc", 0, "prefix");
  add_cell (b, SHEET_INDICATORS, "A4", "Toàn cơ quan", 0, "s");
  add_cell (b, SHEET_INDICATORS, "B4", NULL, 120, "n");
  add_cell (b, SHEET_INDICATORS, "C4", NULL, 120, "n");
  add_cell (b, SHEET_INDICATORS, "D4", NULL, 1.0, "pct");
  add_cell (b, SHEET_INDICATORS, "A5", "Phòng Hành chính - Quản trị", 0, "s");
  add_cell (b, SHEET_INDICATORS, "B5", NULL, 15, "n");
  add_cell (b, SHEET_INDICATORS, "C5", NULL, 18, "n");
  json_builder_end_array (b);
  json_builder_end_object (b);
  check_workbook (path, b);
}

/* Each character that once made a corrupt workbook or a failed handout, in
 * a plan's title, a task's title, its product and its lead unit's name:
 * U+000B (Word's line break), U+FFFE, U+FFFF, U+FDD0, U+FDEF, and text
 * that reads as Excel's "_xHHHH_" escapes. */
#define VT "\v"
#define U_FFFE "\xEF\xBF\xBE"
#define U_FFFF "\xEF\xBF\xBF"
#define U_FDD0 "\xEF\xB7\x90"
#define U_FDEF "\xEF\xB7\xAF"
#define U_FFFD "\xEF\xBF\xBD"

static void
test_hostile_characters (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);
  g_autoptr(DdImportedPlan) plan = dd_imported_plan_new ();
  g_autoptr(JsonBuilder) b = NULL;
  g_autofree char *path = tmp_path ("hostile.xlsx");
  g_autofree char *pdf = tmp_path ("hostile.pdf");
  g_autofree char *text = NULL;
  DdImportSummary summary = { 0, };
  DdExportOptions options;
  const char *titles[] = { "Rà soát" U_FFFF " thủ tục" U_FDD0 " _x0041_ xong" VT "bước hai",
                           "Nhiệm vụ cuối cùng" };
  const char *products[] = { "Báo cáo" U_FDEF VT "_x00E9_", "Quyết định" };
  const char *leads[] = { "Phòng Tư pháp" U_FFFE, "Phòng Hành chính - Quản trị" };

  plan->number = g_strdup ("5/KH-TEST");
  plan->title = g_strdup ("Kế hoạch" VT "cải cách" U_FFFE " hành chính _x0041_");
  plan->issuer = g_strdup ("Văn phòng Ủy ban nhân dân tỉnh Nghệ An");
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      DdImportedTask *task = g_new0 (DdImportedTask, 1);

      task->line = i + 1;
      task->number = g_strdup_printf ("%u.", i + 1);
      task->title = g_strdup (titles[i]);
      task->lead = g_strdup (leads[i]);
      task->coordinators = g_ptr_array_new_with_free_func (g_free);
      task->deadline_text = g_strdup ("Trước 30/4/2026");
      task->product = g_strdup (products[i]);
      task->directing = g_strdup ("Chánh Văn phòng");
      g_assert_true (dd_deadline_parse (task->deadline_text, &task->deadline, NULL));
      g_ptr_array_add (plan->tasks, task);
    }
  g_assert_true (dd_store_import_plan (store, plan, &summary, &error));
  g_assert_no_error (error);

  options_for (&options, 20, 6, 2026);
  options.tasks.plan_id = summary.plan_id;
  g_assert_true (dd_export_xlsx (store, &options, path, &error));
  g_assert_no_error (error);

  b = expect_begin (G_N_ELEMENTS (titles));
  add_cell (b, SHEET_TASKS, "B3", "Rà soát" U_FFFD " thủ tục" U_FFFD " _x0041_ xong\nbước hai", 0, "xs");
  add_cell (b, SHEET_TASKS, "C3", "Phòng Tư pháp" U_FFFD, 0, "xs");
  add_cell (b, SHEET_TASKS, "F3", "Báo cáo" U_FFFD "\n_x00E9_", 0, "xs");
  add_cell (b, SHEET_TASKS, "B4", "Nhiệm vụ cuối cùng", 0, "xs");
  add_cell (b, SHEET_ACTIONS, "B4", "Rà soát" U_FFFD " thủ tục" U_FFFD " _x0041_ xong\nbước hai", 0, "xs");
  /* The summary's shared strings: the plan's title under the report's. */
  add_cell (b, SHEET_SUMMARY, "A7", "Kế hoạch\ncải cách" U_FFFD " hành chính _x0041_", 0, "s");
  json_builder_end_array (b);
  json_builder_set_member_name (b, "strict_xml");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_set_member_name (b, "properties");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "subject");
  json_builder_add_string_value (b, "Kế hoạch\ncải cách" U_FFFD " hành chính _x0041_");
  json_builder_end_object (b);
  {
    /* LibreOffice keeps every row after the hostile ones. */
    const char *lo_text[] = { "Nhiệm vụ cuối cùng", "Phòng Hành chính - Quản trị", "_x0041_", NULL };

    add_strings (b, "libreoffice", lo_text);
  }
  json_builder_end_object (b);
  check_workbook (path, b);

  /* The handout renders, with the same text. */
  g_assert_true (dd_export_pdf (store, &options, pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "_x0041_"));
  g_assert_nonnull (strstr (text, "Nhiệm vụ cuối cùng"));
}

/* Working days late as the export counts them (a table built once from the
 * report's date) are those of dd_workdays_between(), for due dates years
 * back and ahead asked in any order (Tết, 30/4–1/5 and 2/9 among them),
 * and for one too far for the table. */
static void
test_workdays_late (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = seed_store ();
  g_autoptr(DdExportData) data = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261206);
  DdExportOptions options;
  GDate far;

  options_for (&options, 20, 6, 2026);
  data = _dd_export_data_new (store, &options, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 4000; i++)
    {
      GDate due = options.tasks.as_of;
      int offset = g_rand_int_range (rand, -2200, 800);

      if (offset < 0)
        g_date_subtract_days (&due, (guint) -offset);
      else
        g_date_add_days (&due, (guint) offset);
      g_assert_cmpint (_dd_export_workdays_late (data, &due), ==,
                       dd_workdays_between (data->workdays, &due, &options.tasks.as_of));
    }
  /* The same day: none; 30/4 and 1/5/2026 are days off. */
  g_assert_cmpint (_dd_export_workdays_late (data, &options.tasks.as_of), ==, 0);
  g_date_set_dmy (&far, 29, 4, 2026);
  g_assert_cmpint (_dd_export_workdays_late (data, &far), ==,
                   dd_workdays_between (data->workdays, &far, &options.tasks.as_of));
  g_date_set_dmy (&far, 1, 1, 2200);
  g_assert_cmpint (_dd_export_workdays_late (data, &far), ==,
                   dd_workdays_between (data->workdays, &far, &options.tasks.as_of));
  g_assert_cmpint (_dd_export_workdays_late (data, &far), <, -40000 * 5 / 7 + 1000);
}

/* The place and date line as Nghị định 30/2020 writes it: leading zeros
 * for days under 10 and the months 1 and 2; English as English writes it. */
static void
test_date_line (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = seed_store ();
  const struct { int d, m; const char *lang; const char *line; } cases[] = {
    { 5, 12, NULL, "Nghệ An, ngày 05 tháng 12 năm 2026" },
    { 5, 2, "vi", "Nghệ An, ngày 05 tháng 02 năm 2026" },
    { 28, 4, NULL, "Nghệ An, ngày 28 tháng 4 năm 2026" },
    { 9, 1, "vi", "Nghệ An, ngày 09 tháng 01 năm 2026" },
    { 5, 12, "en", "Nghệ An, 5 December 2026" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DdExportData) data = NULL;
      DdExportOptions options;

      options_for (&options, 20, 6, 2026);
      options.tasks.plan_id = 1;
      options.language = cases[i].lang;
      g_date_set_dmy (&options.report_date, (GDateDay) cases[i].d, (GDateMonth) cases[i].m, 2026);
      data = _dd_export_data_new (store, &options, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (data->date_line, ==, cases[i].line);
    }
}

/* The fixture's header in the form of Nghị định 30/2020, exact in the
 * workbook and the handout; then the office's own settings, which the
 * export of all plans takes. */
static void
test_form_header (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = seed_store ();
  g_autoptr(JsonBuilder) b = NULL;
  g_autofree char *xlsx = tmp_path ("form.xlsx");
  g_autofree char *pdf = tmp_path ("form.pdf");
  g_autofree char *all_pdf = tmp_path ("form-all.pdf");
  g_autofree char *text = NULL;
  g_autoptr(DdExportOffice) loaded = NULL;
  DdExportOffice office = { NULL, "UBND tỉnh Nghệ An", "Văn phòng", "Chánh Văn phòng", "Nguyễn Văn An" };
  DdExportOptions options;

  options_for (&options, 20, 6, 2026);
  options.tasks.plan_id = 1;
  g_date_set_dmy (&options.report_date, 28, 4, 2026);
  g_assert_true (dd_export_xlsx (store, &options, xlsx, &error));
  g_assert_no_error (error);
  b = expect_begin (8);
  add_cell (b, SHEET_SUMMARY, "A1", "UBND TỈNH NGHỆ AN", 0, "s");
  add_cell (b, SHEET_SUMMARY, "A2", "VĂN PHÒNG", 0, "s");
  add_cell (b, SHEET_SUMMARY, "A4", "Số:          /BC-VPUB", 0, "s");
  add_cell (b, SHEET_SUMMARY, "E4", "Nghệ An, ngày 28 tháng 4 năm 2026", 0, "s");
  add_cell (b, SHEET_SUMMARY, "A5", "BÁO CÁO", 0, "s");
  json_builder_end_array (b);
  json_builder_end_object (b);
  check_workbook (xlsx, b);

  /* The handout: the header's left block (x under 250 pt) and right
   * block, read apart, exactly. */
  g_assert_true (dd_export_pdf (store, &options, pdf, &error));
  g_assert_no_error (error);
  text = pdf_region_text (pdf, 0, 250);
  g_assert_cmpstr (text, ==, "UBND TỈNH NGHỆ AN VĂN PHÒNG Số: /BC-VPUB");
  g_free (text);
  text = pdf_region_text (pdf, 250, 345);
  g_assert_cmpstr (text, ==, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
                             "Nghệ An, ngày 28 tháng 4 năm 2026");

  /* The office's settings, read back; all plans take them. */
  g_assert_true (dd_export_office_save (&office, store, &error));
  g_assert_no_error (error);
  loaded = dd_export_office_load (store, &error);
  g_assert_no_error (error);
  g_assert_null (loaded->place);
  g_assert_cmpstr (loaded->signer_name, ==, "Nguyễn Văn An");
  options.tasks.plan_id = 0;
  {
    g_autoptr(DdExportData) all = _dd_export_data_new (store, &options, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (all->issuer_superior, ==, "UBND TỈNH NGHỆ AN");
    g_assert_cmpstr (all->issuer_body, ==, "VĂN PHÒNG");
    g_assert_cmpstr (all->number_line, ==, "Số:          /BC");
    g_assert_cmpstr (all->date_line, ==, "Nghệ An, ngày 28 tháng 4 năm 2026");
    g_assert_cmpstr (all->signer_position, ==, "CHÁNH VĂN PHÒNG");
  }
  g_assert_true (dd_export_pdf (store, &options, all_pdf, &error));
  g_assert_no_error (error);
  g_free (text);
  text = pdf_text (all_pdf);
  g_assert_nonnull (strstr (text, "CHÁNH VĂN PHÒNG"));
  g_assert_nonnull (strstr (text, "Nguyễn Văn An"));
  g_assert_nonnull (strstr (text, "Nơi nhận:"));
}

/* An export of the list filtered says so under its title, with its count;
 * the whole plan says that too. */
static void
test_scope_line (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = seed_store ();
  g_autoptr(GListModel) units = dd_store_list_units (store, 1, &error);
  g_autoptr(JsonBuilder) b = NULL;
  g_autofree char *xlsx = tmp_path ("scope.xlsx");
  g_autofree char *pdf = tmp_path ("scope.pdf");
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *scope = NULL;
  DdExportOptions options;
  guint n;

  g_assert_no_error (error);
  options_for (&options, 20, 6, 2026);
  options.tasks.plan_id = 1;
  {
    g_autoptr(DdExportData) whole = _dd_export_data_new (store, &options, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (whole->scope_line, ==, "Phạm vi: toàn bộ nhiệm vụ, 8 nhiệm vụ");
  }
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);

      if (g_str_equal (dd_unit_get_name (unit), "Phòng Hành chính - Quản trị"))
        options.tasks.unit_id = dd_unit_get_id (unit);
    }
  g_assert_cmpint (options.tasks.unit_id, >, 0);
  /* The unit's forgotten tasks (none is overdue in the seed on 20/06). */
  options.tasks.status = DD_STATUS_FORGOTTEN;
  {
    g_autoptr(DdExportData) filtered = _dd_export_data_new (store, &options, &error);

    g_assert_no_error (error);
    n = filtered->headline.tasks;
    g_assert_cmpuint (n, >, 0);
    g_assert_cmpuint (n, ==, filtered->headline.counts[DD_STATUS_FORGOTTEN]);
  }
  scope = g_strdup_printf ("Phạm vi: các nhiệm vụ quên việc của Phòng Hành chính - Quản trị, %u nhiệm vụ", n);
  g_assert_true (dd_export_xlsx (store, &options, xlsx, &error));
  g_assert_no_error (error);
  b = expect_begin (n);
  add_cell (b, SHEET_SUMMARY, "A9", scope, 0, "s");
  json_builder_end_array (b);
  json_builder_end_object (b);
  check_workbook (xlsx, b);

  g_assert_true (dd_export_pdf (store, &options, pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  flat = g_regex_replace (spaces, text, -1, 0, " ", 0, NULL);
  if (strstr (flat, scope) == NULL)
    g_test_message ("handout text: %s", flat);
  g_assert_nonnull (strstr (flat, scope));
}

/* Another desktop's saves between two of an export's short read
 * transactions: each is in the export whole (a task read after it: its
 * progress and product both new) or not at all (one read before it: both
 * old); a task it put in the recycle bin is left out; and no lock is held
 * between the transactions (each save commits at once, in the same thread:
 * a held lock would make it wait its whole busy time and fail). */
typedef struct
{
  DdStore *other;
  gint64 before;        /* read in the first transaction */
  gint64 after;         /* read in the last */
  gint64 binned;
  guint calls;
  guint saves;          /* in the workbook's export: one save each time */
} Between;

static void
save_between_slices (gpointer data)
{
  Between *b = data;
  g_autoptr(GError) error = NULL;

  if (b->saves > 0)
    {
      g_assert_true (dd_store_record_progress (b->other, b->before, (int) (b->calls++ % 90), NULL, NULL, NULL,
                                               &error));
      g_assert_no_error (error);
      return;
    }
  if (b->calls++ > 0)
    return;
  g_assert_true (dd_store_record_progress (b->other, b->before, 61, NULL, "Sản phẩm A mới", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (dd_store_record_progress (b->other, b->after, 72, NULL, "Sản phẩm B mới", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (dd_store_delete_task (b->other, b->binned, &error));
  g_assert_no_error (error);
}

typedef struct
{
  GHashTable *rows;     /* id → "progress|title|product" */
  GArray *order;        /* the ids as they came */
} Collected;

static gboolean
collect_row (const DdExportTask  *task,
             gpointer             user_data,
             GError             **error)
{
  Collected *c = user_data;
  gint64 *id = g_memdup2 (&task->id, sizeof task->id);

  g_array_append_val (c->order, task->id);
  g_hash_table_insert (c->rows, id, g_strdup_printf ("%u|%s|%s", task->progress, task->title,
                                                  task->actual_product != NULL ? task->actual_product : ""));
  return TRUE;
}

static void
test_saves_between_slices (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DdStore) store = dd_test_create_store (&path);
  g_autoptr(DdStore) other = dd_test_open_other (path, NULL);
  g_autoptr(GHashTable) rows0 = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *xlsx = tmp_path ("between-slices.xlsx");
  Between b = { other, 0, };
  DdExportOptions options;
  GHashTableIter iter;
  gpointer key, value;

  options_for (&options, 25, 11, 2026);
  /* The rows as they are, in the list's order. */
  g_assert_true (_dd_store_export_foreach_query (store, &options.tasks, TRUE, collect_row,
                                                 &(Collected) { rows0, ids }, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >=, 6);
  g_assert_cmpuint (g_hash_table_size (rows0), ==, ids->len);
  b.before = g_array_index (ids, gint64, 0);
  b.after = g_array_index (ids, gint64, ids->len - 1);
  b.binned = g_array_index (ids, gint64, ids->len - 2);

  _dd_export_slice_rows = 2;
  _dd_export_slice_hook = save_between_slices;
  _dd_export_slice_hook_data = &b;
  g_assert_true (_dd_store_export_foreach_query (store, &options.tasks, TRUE, collect_row,
                                                 &(Collected) { rows, order }, &error));
  g_assert_no_error (error);
  /* In the same order, less the task put in the bin. */
  for (guint i = 0, j = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) != b.binned)
      g_assert_cmpint (g_array_index (order, gint64, j++), ==, g_array_index (ids, gint64, i));
  /* One call between each two transactions of two rows. */
  g_assert_cmpuint (b.calls, ==, (ids->len + 1) / 2 - 1);

  g_assert_cmpuint (g_hash_table_size (rows), ==, ids->len - 1);
  g_assert_false (g_hash_table_contains (rows, &b.binned));
  g_assert_cmpstr (g_hash_table_lookup (rows, &b.before), ==, g_hash_table_lookup (rows0, &b.before));
  g_assert_true (g_str_has_prefix (g_hash_table_lookup (rows, &b.after), "72|"));
  g_assert_true (g_str_has_suffix (g_hash_table_lookup (rows, &b.after), "|Sản phẩm B mới"));
  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (*(gint64 *) key != b.after)
      g_assert_cmpstr (value, ==, g_hash_table_lookup (rows0, key));

  /* The whole workbook, a save between each two of its transactions. */
  b.calls = 0;
  b.saves = 1;
  g_assert_true (dd_export_xlsx (store, &options, xlsx, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (b.calls, >=, (ids->len - 1) / 2 - 1);

  _dd_export_slice_rows = 0;
  _dd_export_slice_hook = NULL;
  _dd_export_slice_hook_data = NULL;
  g_clear_object (&other);
  g_clear_object (&store);
  dd_test_remove_store_file (path);
}

/* The indicators' rows of @data as text, one line a row. */
static char *
indicator_rows (DdExportData *data)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < data->indicators->len; i++)
    {
      DdExportIndicator *row = g_ptr_array_index (data->indicators, i);

      g_string_append_printf (text, "%" G_GINT64_FORMAT "|%s|%s|%g|%g|%d\n", row->indicator_id, row->title,
                              row->unit != NULL ? row->unit : "(office)", row->numerator, row->denominator,
                              row->has_data);
    }
  return g_string_free (text, FALSE);
}

/* The values of the workbook @path's indicators sheet, one line a row. */
static char *
indicators_sheet (const char *path)
{
  const char *script =
    "import openpyxl, sys\n"
    "ws = openpyxl.load_workbook(sys.argv[1], read_only=True)['" SHEET_INDICATORS "']\n"
    "for r in ws.iter_rows(values_only=True): print(r)\n";
  const char *argv[] = { "/usr/bin/python3", "-c", script, path, NULL };
  int status;
  char *out = run (argv, &status);

  g_assert_cmpint (status, ==, 0);
  return out;
}

/* The derived ("đúng hạn") indicators of an export of every task of their
 * plans come from the counts the export gathers from its rows, not from a
 * query a plan: the same rows, unit by unit, as that query gives, on
 * three plans whose tasks are done on time, done late, overdue and not
 * yet due, for all plans and for one; in the workbook's sheet as in the
 * report's figures. An export filtered by unit counts with the query. */
static void
test_indicators_from_rows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = seed_store ();
  g_autofree char *gathered_xlsx = tmp_path ("indicators-gathered.xlsx");
  g_autofree char *queried_xlsx = tmp_path ("indicators-queried.xlsx");
  g_autofree char *gathered_sheet = NULL;
  g_autofree char *queried_sheet = NULL;
  const char *deadlines[] = { "Trước 30/4/2026", "Trước 31/12/2026" };
  gint64 plans[G_N_ELEMENTS (deadlines)];
  DdExportOptions options;
  guint n_done = 0;

  for (guint p = 0; p < G_N_ELEMENTS (deadlines); p++)
    {
      g_autofree char *number = g_strdup_printf ("%u/KH-KT", 10 + p);
      g_autofree char *sql = NULL;

      plans[p] = add_plan (store, number, 30, NULL, deadlines[p]);
      /* Its "on time" indicator (the rule is the title's, by trigger). */
      sql = g_strdup_printf ("INSERT INTO indicators (plan_id, position, title, target, updated_at, updated_by) "
                             "VALUES (%" G_GINT64_FORMAT ", 1, '100%% nhiệm vụ hoàn thành đúng hạn', 100, "
                             "'2026-01-01T00:00:00Z', 'test')", plans[p]);
      g_assert_cmpint (sqlite3_exec (_dd_store_get_db (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
      /* Some done before their deadline, some after, the rest not. */
      for (guint i = 0; i < 30; i += 3)
        {
          g_autofree char *task_number = g_strdup_printf ("%u.", i + 1);
          gint64 task = _dd_store_find_task_by_number (store, plans[p], task_number);
          GDate done;

          g_date_set_dmy (&done, i % 2 == 0 ? 10 : 20, i % 2 == 0 ? 4 : 5, 2026);
          g_assert_true (dd_store_record_progress (store, task, 100, &done, "Xong", NULL, &error));
          g_assert_no_error (error);
          n_done++;
        }
    }
  g_assert_cmpuint (n_done, ==, 20);

  options_for (&options, 20, 6, 2026);
  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(DdExportData) gathered = NULL;
      g_autoptr(DdExportData) queried = NULL;
      g_autofree char *gathered_rows = NULL;
      g_autofree char *queried_rows = NULL;

      options.tasks.plan_id = pass == 0 ? 0 : plans[0];
      gathered = _dd_export_data_new (store, &options, &error);
      g_assert_no_error (error);
      g_assert_nonnull (gathered->plan_counts);
      _dd_export_gather_plan_counts = FALSE;
      queried = _dd_export_data_new (store, &options, &error);
      _dd_export_gather_plan_counts = TRUE;
      g_assert_no_error (error);
      g_assert_null (queried->plan_counts);
      gathered_rows = indicator_rows (gathered);
      queried_rows = indicator_rows (queried);
      g_test_message ("%s", gathered_rows);
      g_assert_cmpstr (gathered_rows, ==, queried_rows);
      /* Figures there: of the first plan (deadline 30/4), 5 done on time
       * in April, 5 late in May, 20 overdue; of the second, 10 done on
       * time, 20 not yet due and not counted. */
      g_assert_nonnull (strstr (gathered_rows, "|(office)|5|30|1\n"));
      if (pass == 0)
        g_assert_nonnull (strstr (gathered_rows, "|(office)|10|10|1\n"));
    }

  /* The workbook's sheet, the same either way. */
  options.tasks.plan_id = 0;
  g_assert_true (dd_export_xlsx (store, &options, gathered_xlsx, &error));
  g_assert_no_error (error);
  _dd_export_gather_plan_counts = FALSE;
  g_assert_true (dd_export_xlsx (store, &options, queried_xlsx, &error));
  _dd_export_gather_plan_counts = TRUE;
  g_assert_no_error (error);
  gathered_sheet = indicators_sheet (gathered_xlsx);
  queried_sheet = indicators_sheet (queried_xlsx);
  g_assert_cmpstr (gathered_sheet, ==, queried_sheet);
  g_assert_nonnull (strstr (gathered_sheet, "100% nhiệm vụ hoàn thành đúng hạn"));

  /* Filtered by a unit: the rows are not every task of the plans. */
  options.tasks.unit_id = _dd_store_lookup_unit (store, "Phòng số 1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (options.tasks.unit_id, >, 0);
  {
    g_autoptr(DdExportData) filtered = _dd_export_data_new (store, &options, &error);

    g_assert_no_error (error);
    g_assert_null (filtered->plan_counts);
  }
}

int
main (int    argc,
      char **argv)
{
  int result;

  tmp_dir = dd_test_make_tmp_dir ("dondoc-export-XXXXXX");
  g_setenv ("LANGUAGE", "vi", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  dd_init_i18n ();

  g_test_add_func ("/core/export/period", test_period);
  g_test_add_func ("/core/export/xlsx/seed", test_xlsx_seed);
  g_test_add_func ("/core/export/xlsx/injection-and-long-text", test_xlsx_injection);
  g_test_add_func ("/core/export/xlsx/empty-and-one-task", test_xlsx_empty_and_one);
  g_test_add_func ("/core/export/xlsx/actions-read-again", test_xlsx_actions_read_again);
  g_test_add_func ("/core/export/xlsx/markup-and-decimal-comma", test_xlsx_markup_and_decimal_comma);
  g_test_add_func ("/core/export/xlsx/action-widths", test_xlsx_action_widths);
  g_test_add_func ("/core/export/write-failures", test_write_failures);
  g_test_add_func ("/core/export/pdf", test_pdf);
  g_test_add_func ("/core/export/hostile-characters", test_hostile_characters);
  g_test_add_func ("/core/export/date-line", test_date_line);
  g_test_add_func ("/core/export/workdays-late", test_workdays_late);
  g_test_add_func ("/core/export/form-header", test_form_header);
  g_test_add_func ("/core/export/scope-line", test_scope_line);
  g_test_add_func ("/core/export/shares", test_shares);
  g_test_add_func ("/core/export/indicator-figures", test_indicator_figures);
  g_test_add_func ("/core/export/saves-between-slices", test_saves_between_slices);
  g_test_add_func ("/core/export/indicators-from-rows", test_indicators_from_rows);

  result = g_test_run ();
  if (g_getenv ("DONDOC_KEEP_EXPORTS") == NULL)
    dd_test_remove_tree (tmp_dir);
  else
    g_printerr ("exports kept in %s\n", tmp_dir);
  g_free (tmp_dir);
  return result;
}
