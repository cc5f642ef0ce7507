/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-import-office"

#include <locale.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "dd-cli-test.h"

/*
 * `dondoc-cli import FILE.docx|FILE.xlsx [--dry-run]`, run as a script
 * would: the office fixtures of tests/data/office (make-fixtures.py).
 */

static char *
office_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "office", name, NULL);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
init_empty (Fixture *f)
{
  Result r = run (f, "--db", f->db, "init");

  assert_ok (&r);
  result_clear (&r);
}

/* The dry run reports and writes nothing; the import then writes. */
static void
test_dry_run (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *docx = office_path ("plan-662.docx");
  g_autofree char *xlsx = office_path ("plan-662.xlsx");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  Result r;

  init_empty (f);
  before = read_bytes (f->db);
  r = run (f, "--db", f->db, "import", docx, "--dry-run");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "nothing was written"));
  g_assert_nonnull (strstr (r.out, "Plan 662/KH-VPUB of 28/04/2026"));
  g_assert_nonnull (strstr (r.out, "Tasks (8):"));
  g_assert_nonnull (strstr (r.out, "  I. NHIỆM VỤ CHUNG\n"));
  g_assert_nonnull (strstr (r.out, "Deadline: “Trước 30/4/2026” → Due date 30/04/2026"));
  g_assert_nonnull (strstr (r.out, "  new: Phòng Hành chính - Quản trị (6 tasks)"));
  g_assert_nonnull (strstr (r.out, "Summary: 8 tasks, 0 units matched, 6 new units, 8 deadlines understood"));
  result_clear (&r);
  after = read_bytes (f->db);
  g_assert_true (g_bytes_equal (before, after));
  g_clear_pointer (&after, g_bytes_unref);

  /* A dry run without the database does not create it. */
  {
    g_autofree char *missing = g_build_filename (f->dir, "none.sqlite", NULL);

    r = run (f, "--db", missing, "import", xlsx, "--dry-run");
    assert_ok (&r);
    result_clear (&r);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }

  r = run (f, "--db", f->db, "import", xlsx);
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "Tasks: 8 added, 0 updated, 0 unchanged"));
  result_clear (&r);

  /* The same plan from Word: its units are now the database's. */
  r = run (f, "--db", f->db, "import", docx, "--dry-run");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "  matched: Phòng Hành chính - Quản trị = Phòng Hành chính - Quản trị (6 tasks)"));
  g_assert_nonnull (strstr (r.out, "6 units matched, 0 new units"));
  result_clear (&r);

  r = run (f, "--db", f->db, "import", docx);
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "Updated plan 662/KH-VPUB"));
  result_clear (&r);
}

/* A revised plan: the dry run's "Changes" section names the task added,
 * the task changed with its fields, the task no longer in the file. */
static const char plan_csv[] =
  "Kế hoạch số:,700/KH-VPUB\n"
  "Ngày ban hành:,04/5/2026\n"
  "Tên kế hoạch:,Kế hoạch thử\n"
  "\n"
  "TT,Nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian,Sản phẩm,Trách nhiệm chỉ đạo\n"
  "1.,Xây dựng kế hoạch,Phòng Tổng hợp,,Trước 30/5/2026,Kế hoạch,\n"
  "2.,Số hoá hồ sơ,Phòng Kinh tế,Phòng Tổng hợp,Quý II/2026,Kết quả,\n"
  "3.,Báo cáo định kỳ,Phòng Tổng hợp,,Thường xuyên,Báo cáo,\n";

static void
test_dry_run_changes (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "revised.csv", NULL);
  g_autofree char *seed = dd_test_seed_path ();
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  Result r;

  init_csv (f, plan_csv);
  dd_test_write_file (path,
                      "Kế hoạch số:,700/KH-VPUB\n"
                      "Ngày ban hành:,04/5/2026\n"
                      "Tên kế hoạch:,Kế hoạch thử\n"
                      "\n"
                      "TT,Nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian,Sản phẩm,Trách nhiệm chỉ đạo\n"
                      "1.,Xây dựng kế hoạch,Phòng Tổng hợp,,Trước 30/5/2026,Kế hoạch,\n"
                      "2.,Số hoá toàn bộ hồ sơ,Phòng Kinh tế,Phòng Tổng hợp,Trước 30/9/2026,Kết quả,\n"
                      "4.,Tổng kết,Phòng Tổng hợp,,Trước 15/12/2026,Báo cáo tổng kết,\n", -1);
  before = read_bytes (f->db);
  r = run (f, "--db", f->db, "import", path, "--dry-run");
  assert_ok (&r);
  g_test_message ("%s", r.out);
  /* The report as before … */
  g_assert_nonnull (strstr (r.out, "nothing was written"));
  g_assert_nonnull (strstr (r.out, "Summary: 3 tasks, 2 units matched, 0 new units, 3 deadlines understood\n"));
  /* … and what would change. */
  g_assert_nonnull (strstr (r.out, "Changes to the stored plan 700/KH-VPUB:\n"
                                   "  changed: 2. Số hoá toàn bộ hồ sơ (Task, Deadline)\n"
                                   "      task was: Số hoá hồ sơ\n"
                                   "      deadline was: “Quý II/2026”\n"
                                   "  added: 4. Tổng kết\n"
                                   "  not in the file (kept as it is): 3. Báo cáo định kỳ\n"));
  g_assert_null (strstr (r.out, "  changed: 1."));
  result_clear (&r);
  after = read_bytes (f->db);
  g_assert_true (g_bytes_equal (before, after));

  /* A plan the database does not have: no such section. */
  r = run (f, "--db", f->db, "import", seed, "--dry-run");
  assert_ok (&r);
  g_assert_null (strstr (r.out, "Changes to the stored plan"));
  result_clear (&r);

  /* The same file again: nothing to change. */
  r = run (f, "--db", f->db, "import", path);
  assert_ok (&r);
  result_clear (&r);
  r = run (f, "--db", f->db, "import", path, "--dry-run");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "Changes to the stored plan 700/KH-VPUB:\n"
                                   "  not in the file (kept as it is): 3. Báo cáo định kỳ\n"));
  result_clear (&r);
}

/* Every hostile file: exit 1, a message naming it, the database as it was. */
static void
test_hostile (Fixture       *f,
              gconstpointer  data)
{
  static const char * const names[] = {
    "hostile-not-zip.docx", "hostile-bomb.docx", "hostile-entries.xlsx", "hostile-no-table.docx",
    "hostile-xxe.docx", "hostile-big-cell.docx", "hostile-rows.docx", "plan-662.ods",
  };
  g_autoptr(GBytes) before = NULL;

  init_empty (f);
  before = read_bytes (f->db);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = office_path (names[i]);
      g_autoptr(GBytes) after = NULL;

      for (guint dry = 0; dry < 2; dry++)
        {
          Result r = dry ? run (f, "--db", f->db, "import", path, "--dry-run")
                         : run (f, "--db", f->db, "import", path);

          g_test_message ("%s: %s", names[i], r.err);
          assert_refused (&r, 1);
          g_assert_nonnull (strstr (r.err, names[i]));
          result_clear (&r);
        }
      after = read_bytes (f->db);
      g_assert_true (g_bytes_equal (before, after));
    }
}

/* The messages in Vietnamese. */
static void
test_vietnamese (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = office_path ("hostile-bomb.docx");
  Result r;

  init_empty (f);
  f->envp = g_environ_setenv (f->envp, "LANGUAGE", "vi", TRUE);
  f->envp = g_environ_setenv (f->envp, "LC_ALL", "C.UTF-8", TRUE);
  r = run (f, "--db", f->db, "import", path);
  assert_refused (&r, 1);
  g_assert_nonnull (strstr (r.err, "bom ZIP"));
  result_clear (&r);
}

/* Control characters removed from a table's cell: the dry run and the
 * import say which row of the table, as every message of a table does,
 * never "line". */
static void
test_removed_controls (Fixture       *f,
                       gconstpointer  data)
{
  static const char sheet_part[] =
    "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Số: 12/KH-UBND ngày 10/3/2026</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>TT</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>Nhiệm vụ</t></is></c>"
    "<c r=\"C2\" t=\"inlineStr\"><is><t>Chủ trì</t></is></c><c r=\"D2\" t=\"inlineStr\"><is><t>Thời gian</t></is></c></row>"
    "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>1.</t></is></c><c r=\"B3\" t=\"inlineStr\"><is><t>Rà soát</t></is></c>"
    "<c r=\"C3\" t=\"inlineStr\"><is><t>Sở Nội vụ</t></is></c><c r=\"D3\" t=\"inlineStr\"><is><t>Trước 30/6/2026</t></is></c></row>"
    "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>2.</t></is></c><c r=\"B4\" t=\"inlineStr\"><is><t>Báo\xc2\x9b cáo\xef\xb7\x90</t></is></c>"
    "<c r=\"C4\" t=\"inlineStr\"><is><t>Sở Tư pháp</t></is></c><c r=\"D4\" t=\"inlineStr\"><is><t>Trước 30/9/2026</t></is></c></row>"
    "</sheetData></worksheet>";
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "controls.xlsx", NULL);
  g_autofree char *part_path = g_build_filename (f->dir, "sheet1.xml", NULL);
  const char *argv[] = {
    "/usr/bin/python3", "-c",
    "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], 'w'); z.writestr('xl/workbook.xml', '<workbook/>'); "
    "z.write(sys.argv[2], 'xl/worksheets/sheet1.xml'); z.close()",
    path, part_path, NULL
  };
  int status = -1;
  Result r;

  g_assert_true (g_file_set_contents (part_path, sheet_part, -1, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);

  init_empty (f);
  r = run (f, "--db", f->db, "import", path, "--dry-run");
  assert_ok (&r);
  g_test_message ("%s", r.out);
  g_assert_nonnull (strstr (r.out, "Warnings:\n"));
  g_assert_nonnull (strstr (r.out, "  2 control characters or noncharacters were removed "
                                   "(the first on row 4 of the table)\n"));
  g_assert_null (strstr (r.out, "on line"));
  result_clear (&r);
  r = run (f, "--db", f->db, "import", path);
  assert_ok (&r);
  g_test_message ("%s", r.err);
  g_assert_nonnull (strstr (r.err, "Warning: 2 control characters or noncharacters removed from the file "
                                   "(the first on row 4 of the table).\n"));
  g_assert_null (strstr (r.err, "on line"));
  result_clear (&r);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (cli_path () == NULL)
    {
      g_printerr ("DONDOC_CLI is not set\n");
      return 77;
    }

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/import-office/dry-run", test_dry_run);
  ADD ("/cli/import-office/dry-run-changes", test_dry_run_changes);
  ADD ("/cli/import-office/hostile", test_hostile);
  ADD ("/cli/import-office/vietnamese", test_vietnamese);
  ADD ("/cli/import-office/removed-controls", test_removed_controls);
#undef ADD

  return g_test_run ();
}
