/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-importer-office"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "dondoc/dondoc.h"
#include "dd-test-core.h"

/*
 * The plan from Word and the table from Excel: the fixtures of
 * tests/data/office, made by LibreOffice from the seed plan (see
 * make-fixtures.py), give the same tasks as the seed's text; the hostile
 * files give an error.
 */

static char *
office_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "office", name, NULL);
}

static DdImportedPlan *
parse_seed_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = dd_test_seed_path ();
  DdImportedPlan *plan = dd_importer_parse_file (path, DD_IMPORT_FORMAT_AUTO, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

static DdImportedPlan *
parse_office (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = office_path (name);
  DdImportedPlan *plan = dd_importer_parse_file (path, DD_IMPORT_FORMAT_AUTO, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

static char *
join (GPtrArray *names)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " | " : "", (const char *) g_ptr_array_index (names, i));
  return g_string_free (out, FALSE);
}

/* Every field of every task, but the line it came from. */
static void
assert_same_tasks (DdImportedPlan *expected,
                   DdImportedPlan *plan)
{
  g_assert_cmpuint (plan->tasks->len, ==, expected->tasks->len);
  for (guint i = 0; i < expected->tasks->len; i++)
    {
      DdImportedTask *e = g_ptr_array_index (expected->tasks, i);
      DdImportedTask *t = g_ptr_array_index (plan->tasks, i);
      g_autofree char *e_coordinators = join (e->coordinators);
      g_autofree char *t_coordinators = join (t->coordinators);

      g_test_message ("task %u", i + 1);
      g_assert_cmpstr (t->number, ==, e->number);
      g_assert_cmpstr (t->title, ==, e->title);
      g_assert_cmpstr (t->lead, ==, e->lead);
      g_assert_cmpstr (t_coordinators, ==, e_coordinators);
      g_assert_cmpstr (t->deadline_text, ==, e->deadline_text);
      g_assert_cmpint (t->deadline.kind, ==, e->deadline.kind);
      g_assert_cmpint (t->deadline.understood, ==, e->deadline.understood);
      g_assert_cmpint (g_date_valid (&t->deadline.due), ==, g_date_valid (&e->deadline.due));
      if (g_date_valid (&e->deadline.due))
        g_assert_cmpint (g_date_compare (&t->deadline.due, &e->deadline.due), ==, 0);
      g_assert_cmpuint (t->deadline.periods, ==, e->deadline.periods);
      g_assert_cmpstr (t->product, ==, e->product);
      g_assert_cmpstr (t->directing, ==, e->directing);
    }
}

static void
assert_section (DdImportedPlan *plan,
                guint           index,
                const char     *title,
                guint           first_task)
{
  DdImportedSection *section;

  g_assert_cmpuint (plan->sections->len, >, index);
  section = g_ptr_array_index (plan->sections, index);
  g_assert_cmpstr (section->title, ==, title);
  g_assert_cmpuint (section->first_task, ==, first_task);
}

/* The whole plan document: its head as the text gives it, and the
 * appendix table split over two pages, with merged cells and sections. */
static void
test_office_docx_seed (void)
{
  g_autoptr(DdImportedPlan) text = parse_seed_text ();
  g_autoptr(DdImportedPlan) plan = parse_office ("plan-662.docx");
  DdImportedTask *task;

  g_assert_cmpstr (plan->number, ==, text->number);
  g_assert_cmpint (g_date_compare (&plan->issued_on, &text->issued_on), ==, 0);
  g_assert_cmpstr (plan->title, ==, text->title);
  g_assert_cmpstr (plan->issuer, ==, text->issuer);
  g_assert_cmpstr (plan->basis, ==, text->basis);
  g_assert_cmpstr (plan->source_name, ==, "plan-662.docx");
  g_assert_cmpuint (plan->indicators->len, ==, text->indicators->len);
  for (guint i = 0; i < text->indicators->len; i++)
    g_assert_cmpstr (((DdImportedIndicator *) g_ptr_array_index (plan->indicators, i))->title, ==,
                     ((DdImportedIndicator *) g_ptr_array_index (text->indicators, i))->title);
  assert_same_tasks (text, plan);

  g_assert_cmpuint (plan->sections->len, ==, 2);
  assert_section (plan, 0, "I. NHIỆM VỤ CHUNG", 0);
  assert_section (plan, 1, "II. NHIỆM VỤ CỤ THỂ", 5);
  /* The rows count from the first of the table (two header rows and a
   * section row above task 1); the second page's header is counted too. */
  task = g_ptr_array_index (plan->tasks, 0);
  g_assert_cmpuint (task->line, ==, 4);
  task = g_ptr_array_index (plan->tasks, 5);
  g_assert_cmpuint (task->line, ==, 12);
}

static void
test_office_xlsx_seed (void)
{
  g_autoptr(DdImportedPlan) text = parse_seed_text ();
  g_autoptr(DdImportedPlan) plan = parse_office ("plan-662.xlsx");
  DdImportedTask *task;

  g_assert_cmpstr (plan->number, ==, "662/KH-VPUB");
  g_assert_cmpint (g_date_compare (&plan->issued_on, &text->issued_on), ==, 0);
  /* A table names no title: the plan is named after its file. */
  g_assert_cmpstr (plan->title, ==, "plan-662");
  assert_same_tasks (text, plan);
  g_assert_cmpuint (plan->sections->len, ==, 2);
  assert_section (plan, 1, "II. NHIỆM VỤ CỤ THỂ", 5);
  /* The sheet's own row numbers. */
  task = g_ptr_array_index (plan->tasks, 0);
  g_assert_cmpuint (task->line, ==, 6);
}

/* Tracked changes, list numbers, a bulleted list of units, vertical merges,
 * a line break, a one-line header without "TT" in its words. */
static void
test_office_docx_features (void)
{
  g_autoptr(DdImportedPlan) plan = parse_office ("features.docx");
  DdImportedTask *task;
  g_autofree char *coordinators = NULL;

  g_assert_cmpuint (plan->tasks->len, ==, 2);
  assert_section (plan, 0, "I. NHIỆM VỤ CHUNG", 0);

  task = g_ptr_array_index (plan->tasks, 0);
  g_assert_cmpstr (task->number, ==, "1.");
  g_assert_cmpstr (task->title, ==, "Rà soát các thủ tục hành chính");
  g_assert_cmpstr (task->lead, ==, "Sở Tư pháp");
  coordinators = join (task->coordinators);
  g_assert_cmpstr (coordinators, ==, "Sở Nội vụ | Sở Tài chính");
  g_assert_cmpint (task->deadline.kind, ==, DD_DEADLINE_DATE);
  g_assert_cmpstr (task->directing, ==, "Chủ tịch UBND tỉnh");

  task = g_ptr_array_index (plan->tasks, 1);
  g_assert_cmpstr (task->number, ==, "2.");
  g_assert_cmpstr (task->title, ==, "Công bố thủ tục mới (quý III)");
  g_assert_cmpstr (task->lead, ==, "Sở Tư pháp");
  g_assert_cmpstr (task->directing, ==, "Chủ tịch UBND tỉnh");
  g_assert_cmpstr (task->deadline_text, ==, "Quý III/2026");
}

/* Inline strings, a header without diacritics, numbers as numbers. */
static void
test_office_xlsx_inline (void)
{
  g_autoptr(DdImportedPlan) plan = parse_office ("inline.xlsx");
  DdImportedTask *task;

  g_assert_cmpuint (plan->tasks->len, ==, 2);
  task = g_ptr_array_index (plan->tasks, 0);
  g_assert_cmpstr (task->number, ==, "1");
  g_assert_cmpstr (task->title, ==, "Rà soát quy chế");
  g_assert_cmpstr (task->lead, ==, "Phòng Tổng hợp");
  g_assert_cmpstr (task->deadline_text, ==, "Tháng 6/2026");
  task = g_ptr_array_index (plan->tasks, 1);
  g_assert_cmpstr (task->lead, ==, "Phòng Tổng hợp");
  g_assert_cmpstr (task->title, ==, "Kiểm tra công vụ");
  /* Every task has its number and its lead: nothing to warn about. */
  g_assert_cmpuint (plan->warnings->len, ==, 0);
}

/* What was read but may not be what was meant: a task without a number
 * in a table with a TT column, a task without a lead unit. */
static void
test_office_warnings (void)
{
  static const char sheet_part[] =
    "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<sheetData>"
    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>TT</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>Nhiệm vụ</t></is></c>"
    "<c r=\"C2\" t=\"inlineStr\"><is><t>Chủ trì</t></is></c></row>"
    "<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>Rà soát</t></is></c><c r=\"C3\" t=\"inlineStr\"><is><t>Sở Nội vụ</t></is></c></row>"
    "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>2.</t></is></c><c r=\"B4\" t=\"inlineStr\"><is><t>Báo cáo</t></is></c></row>"
    "</sheetData></worksheet>";
  g_autoptr(GError) error = NULL;
  g_autoptr(DdImportedPlan) plan = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dd-office-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *command = NULL;
  int status = -1;

  g_assert_no_error (error);
  path = g_build_filename (dir, "warnings.xlsx", NULL);
  /* A workbook of one sheet, zipped by Python's zipfile. */
  command = g_strdup_printf ("/usr/bin/python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], \"w\"); "
                             "z.writestr(\"xl/workbook.xml\", \"<workbook/>\"); "
                             "z.writestr(\"xl/worksheets/sheet1.xml\", sys.argv[2]); z.close()' '%s' '%s'",
                             path, sheet_part);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);

  plan = dd_importer_parse_file (path, DD_IMPORT_FORMAT_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->tasks->len, ==, 2);
  g_assert_cmpstr (((DdImportedTask *) g_ptr_array_index (plan->tasks, 0))->number, ==, "1.");
  g_assert_cmpuint (plan->warnings->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (plan->warnings, 0), ==, "Row 3: the task has no number (TT); it is numbered “1.”.");
  g_assert_cmpstr (g_ptr_array_index (plan->warnings, 1), ==, "Row 4: task 2. has no lead unit (Chủ trì).");
  g_unlink (path);
  g_rmdir (dir);
}

/* The warnings of a table: a column the appendix does not have, an Excel
 * date kept as a number, a row without a title, a number given twice, a
 * due date before the plan's own; controls removed as from a text file. */
static void
test_office_more_warnings (void)
{
  static const char sheet_part[] =
    "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Số: 12/KH-UBND ngày 10/3/2026</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>TT</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>Nhiệm vụ</t></is></c>"
    "<c r=\"C2\" t=\"inlineStr\"><is><t>Chủ trì</t></is></c><c r=\"D2\" t=\"inlineStr\"><is><t>Thời gian</t></is></c>"
    "<c r=\"E2\" t=\"inlineStr\"><is><t>Ghi chú</t></is></c></row>"
    "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>1.</t></is></c><c r=\"B3\" t=\"inlineStr\"><is><t>Rà\xc2\x9b soát\xef\xb7\x90</t></is></c>"
    "<c r=\"C3\" t=\"inlineStr\"><is><t>Sở Nội vụ</t></is></c><c r=\"D3\"><v>46203</v></c>"
    "<c r=\"E3\" t=\"inlineStr\"><is><t>ghi chú bỏ qua</t></is></c></row>"
    "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>2.</t></is></c><c r=\"C4\" t=\"inlineStr\"><is><t>Sở Tư pháp</t></is></c></row>"
    "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>1.</t></is></c><c r=\"B5\" t=\"inlineStr\"><is><t>Báo cáo</t></is></c>"
    "<c r=\"C5\" t=\"inlineStr\"><is><t>Sở Tư pháp</t></is></c><c r=\"D5\" t=\"inlineStr\"><is><t>Trước 30/1/2026</t></is></c></row>"
    "</sheetData></worksheet>";
  g_autoptr(GError) error = NULL;
  g_autoptr(DdImportedPlan) plan = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dd-office-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *part_path = NULL;
  g_autofree char *command = NULL;
  DdImportedTask *task;
  int status = -1;

  g_assert_no_error (error);
  path = g_build_filename (dir, "more-warnings.xlsx", NULL);
  part_path = g_build_filename (dir, "sheet1.xml", NULL);
  g_assert_true (g_file_set_contents (part_path, sheet_part, -1, &error));
  g_assert_no_error (error);
  command = g_strdup_printf ("/usr/bin/python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], \"w\"); "
                             "z.writestr(\"xl/workbook.xml\", \"<workbook/>\"); "
                             "z.write(sys.argv[2], \"xl/worksheets/sheet1.xml\"); z.close()' '%s' '%s'",
                             path, part_path);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);

  plan = dd_importer_parse_file (path, DD_IMPORT_FORMAT_AUTO, &error);
  g_assert_no_error (error);
  /* The row without a title is left out. */
  g_assert_cmpuint (plan->tasks->len, ==, 2);
  task = g_ptr_array_index (plan->tasks, 0);
  g_assert_cmpstr (task->title, ==, "Rà soát");
  g_assert_cmpstr (task->deadline_text, ==, "30/6/2026");
  g_assert_true (task->deadline.understood);
  g_assert_cmpint (task->deadline.kind, ==, DD_DEADLINE_DATE);
  g_assert_cmpuint (g_date_get_day (&task->deadline.due), ==, 30);
  g_assert_cmpuint (g_date_get_month (&task->deadline.due), ==, 6);
  g_assert_cmpuint (g_date_get_year (&task->deadline.due), ==, 2026);
  g_assert_cmpuint (plan->n_removed_chars, ==, 2);
  g_assert_cmpuint (plan->removed_line, ==, 3);
  for (guint i = 0; i < plan->warnings->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (plan->warnings, i));
  g_assert_cmpuint (plan->warnings->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (plan->warnings, 0), ==,
                   "Column “Ghi chú” (row 2) is not one of the appendix’s columns: it is ignored.");
  g_assert_cmpstr (g_ptr_array_index (plan->warnings, 1), ==,
                   "Row 3: the deadline is a date kept by Excel as the number 46203; it is read as 30/6/2026.");
  g_assert_cmpstr (g_ptr_array_index (plan->warnings, 2), ==,
                   "Row 4: task 2. has no title (Nhiệm vụ); the row is left out.");
  g_assert_cmpstr (g_ptr_array_index (plan->warnings, 3), ==,
                   "Row 5: the number 1. is already the number of the task on row 3.");
  g_assert_cmpstr (g_ptr_array_index (plan->warnings, 4), ==,
                   "Row 5: task 1. is due on 30/01/2026, before the plan’s date (10/03/2026).");
  g_unlink (path);
  g_unlink (part_path);
  g_rmdir (dir);
}

/* Writes @sheet_part as the one sheet of a workbook at @dir/@name. (transfer full) */
static char *
make_workbook (const char *dir,
               const char *name,
               const char *sheet_part)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *part_path = g_build_filename (dir, "sheet1.xml", NULL);
  g_autofree char *command = NULL;
  char *path = g_build_filename (dir, name, NULL);
  int status = -1;

  g_assert_true (g_file_set_contents (part_path, sheet_part, -1, &error));
  g_assert_no_error (error);
  command = g_strdup_printf ("/usr/bin/python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], \"w\"); "
                             "z.writestr(\"xl/workbook.xml\", \"<workbook/>\"); "
                             "z.write(sys.argv[2], \"xl/worksheets/sheet1.xml\"); z.close()' '%s' '%s'",
                             path, part_path);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  g_unlink (part_path);
  return path;
}

/* The rules shared with the text and CSV readers name a row of the table
 * ("Row 4 of the table"), not a line, when the tasks come from one. */
static void
test_office_table_rows (void)
{
  static const char bad_date[] =
    "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<sheetData>"
    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>TT</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>Nhiệm vụ</t></is></c>"
    "<c r=\"C2\" t=\"inlineStr\"><is><t>Chủ trì</t></is></c><c r=\"D2\" t=\"inlineStr\"><is><t>Thời gian</t></is></c></row>"
    "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>1.</t></is></c><c r=\"B3\" t=\"inlineStr\"><is><t>Rà soát</t></is></c>"
    "<c r=\"C3\" t=\"inlineStr\"><is><t>Sở Nội vụ</t></is></c></row>"
    "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>2.</t></is></c><c r=\"B4\" t=\"inlineStr\"><is><t>Báo cáo</t></is></c>"
    "<c r=\"C4\" t=\"inlineStr\"><is><t>Sở Tư pháp</t></is></c><c r=\"D4\" t=\"inlineStr\"><is><t>31/02/2026</t></is></c></row>"
    "</sheetData></worksheet>";
  static const char twice[] =
    "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Kế hoạch số 12/KH-UBND ngày 10/3/2026</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>TT</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>Nhiệm vụ</t></is></c>"
    "<c r=\"C2\" t=\"inlineStr\"><is><t>Chủ trì</t></is></c></row>"
    "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>1.</t></is></c><c r=\"B3\" t=\"inlineStr\"><is><t>Rà soát</t></is></c>"
    "<c r=\"C3\" t=\"inlineStr\"><is><t>Sở Nội vụ</t></is></c></row>"
    "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>1.</t></is></c><c r=\"B5\" t=\"inlineStr\"><is><t>Báo cáo</t></is></c>"
    "<c r=\"C5\" t=\"inlineStr\"><is><t>Sở Tư pháp</t></is></c></row>"
    "</sheetData></worksheet>";
  g_autoptr(GError) error = NULL;
  g_autoptr(DdImportedPlan) plan = NULL;
  g_autoptr(DdStore) store = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);
  g_autofree char *dir = g_dir_make_tmp ("dd-office-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *path2 = NULL;

  g_assert_no_error (error);
  path = make_workbook (dir, "bad-date.xlsx", bad_date);
  plan = dd_importer_parse_file (path, DD_IMPORT_FORMAT_AUTO, &error);
  g_assert_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_DATE);
  g_assert_null (plan);
  g_assert_true (g_str_has_prefix (error->message, "Row 4 of the table, column “Thời gian”: "));
  g_clear_error (&error);

  /* The same number twice: warned by the reader, refused by the store. */
  path2 = make_workbook (dir, "twice.xlsx", twice);
  plan = dd_importer_parse_file (path2, DD_IMPORT_FORMAT_AUTO, &error);
  g_assert_no_error (error);
  g_assert_true (plan->table_rows);
  if (plan->number == NULL)
    plan->number = g_strdup ("12/KH-UBND");
  if (plan->title == NULL)
    plan->title = g_strdup ("Kế hoạch");
  g_assert_false (dd_store_import_plan (store, plan, NULL, &error));
  g_assert_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "Row 5 of the table, column “TT”: the number “1.” was already used on row 3.");
  g_clear_error (&error);

  /* A text plan still says "Line". */
  plan->table_rows = FALSE;
  g_assert_false (dd_store_import_plan (store, plan, NULL, &error));
  g_assert_true (g_str_has_prefix (error->message, "Line 5, column “TT”: "));
  g_unlink (path);
  g_unlink (path2);
  g_rmdir (dir);
}

typedef struct
{
  const char *name;
  int code;
  const char *words;    /* in the (English) message */
} Hostile;

static void
test_office_hostile (void)
{
  static const Hostile files[] = {
    { "hostile-not-zip.docx", DD_IMPORT_ERROR_FORMAT, "not a ZIP" },
    { "hostile-bomb.docx", DD_IMPORT_ERROR_TOO_LARGE, "ZIP bomb" },
    { "hostile-entries.xlsx", DD_IMPORT_ERROR_TOO_LARGE, "ZIP bomb" },
    { "hostile-no-table.docx", DD_IMPORT_ERROR_FORMAT, "No table of tasks" },
    { "hostile-xxe.docx", DD_IMPORT_ERROR_FORMAT, "DTD or entities" },
    { "hostile-big-cell.docx", DD_IMPORT_ERROR_TOO_LARGE, "more than 10 MB" },
    { "hostile-rows.docx", DD_IMPORT_ERROR_TOO_LARGE, "10000" },
    { "plan-662.ods", DD_IMPORT_ERROR_FORMAT, "save it as .xlsx" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = office_path (files[i].name);
      g_autoptr(DdImportedPlan) plan = dd_importer_parse_file (path, DD_IMPORT_FORMAT_AUTO, &error);

      g_test_message ("%s: %s", files[i].name, error != NULL ? error->message : "(no error)");
      g_assert_null (plan);
      g_assert_error (error, DD_IMPORT_ERROR, files[i].code);
      g_assert_nonnull (strstr (error->message, files[i].words));
    }
}

/* The old binary formats, by their signature. */
static void
test_office_old_formats (void)
{
  static const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 and the rest of a compound file";
  g_autoptr(GError) error = NULL;
  g_autoptr(DdImportedPlan) plan = NULL;

  plan = dd_importer_parse_data (ole, sizeof ole - 1, DD_IMPORT_FORMAT_AUTO, "ke-hoach.doc", &error);
  g_assert_null (plan);
  g_assert_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "(.doc)"));
  g_assert_nonnull (strstr (error->message, ".docx"));
  g_clear_error (&error);

  plan = dd_importer_parse_data (ole, sizeof ole - 1, DD_IMPORT_FORMAT_AUTO, "bang.xls", &error);
  g_assert_null (plan);
  g_assert_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, ".xlsx"));
}

/* The units the preview announces: matched by the import's own key. */
static void
test_office_match_units (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdImportedPlan) plan = parse_office ("plan-662.docx");
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(DdStore) store = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);
  guint n_new = 0;

  g_assert_no_error (error);
  units = dd_imported_plan_match_units (plan, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, >, 3);
  for (guint i = 0; i < units->len; i++)
    g_assert_null (((DdImportedUnit *) g_ptr_array_index (units, i))->existing);
  g_clear_pointer (&units, g_ptr_array_unref);

  g_assert_true (dd_store_import_plan (store, plan, NULL, &error));
  g_assert_no_error (error);
  units = dd_imported_plan_match_units (plan, store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < units->len; i++)
    {
      DdImportedUnit *unit = g_ptr_array_index (units, i);

      if (unit->existing == NULL)
        n_new++;
      if (g_str_equal (unit->name, "Phòng Hành chính - Quản trị"))
        g_assert_cmpuint (unit->n_tasks, ==, 6);
    }
  g_assert_cmpuint (n_new, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/importer-office/docx-seed", test_office_docx_seed);
  g_test_add_func ("/core/importer-office/xlsx-seed", test_office_xlsx_seed);
  g_test_add_func ("/core/importer-office/docx-features", test_office_docx_features);
  g_test_add_func ("/core/importer-office/xlsx-inline", test_office_xlsx_inline);
  g_test_add_func ("/core/importer-office/warnings", test_office_warnings);
  g_test_add_func ("/core/importer-office/more-warnings", test_office_more_warnings);
  g_test_add_func ("/core/importer-office/hostile", test_office_hostile);
  g_test_add_func ("/core/importer-office/table-rows", test_office_table_rows);
  g_test_add_func ("/core/importer-office/old-formats", test_office_old_formats);
  g_test_add_func ("/core/importer-office/match-units", test_office_match_units);
  return g_test_run ();
}
