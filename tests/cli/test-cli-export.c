/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-export"

#include <locale.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "dd-cli-test.h"

/*
 * `dondoc-cli export` and `report` as a scheduled job runs them (the
 * built program in $DONDOC_CLI), each case in its own temporary folder.
 */

static void
export_set_up (Fixture       *f,
               gconstpointer  data)
{
  fixture_set_up (f, data);
  init_seed (f);
}

static gboolean
has_part_file (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".part"))
      return TRUE;
  return FALSE;
}

static void
test_export_xlsx (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "họp giao ban.xlsx", NULL);
  g_autofree char *bytes = NULL;
  gsize len = 0;
  g_auto(Result) r = run (f, "--db", f->db, "export", "--out", out, "--plan", "662/KH-VPUB",
                          "--period", "Q2/2026", "--as-of", "2026-06-20");

  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Wrote the workbook"));
  g_assert_true (g_file_get_contents (out, &bytes, &len, NULL));
  g_assert_cmpuint (len, >, 4000);
  g_assert_true (memcmp (bytes, "PK\003\004", 4) == 0);
  g_assert_false (has_part_file (f->dir));
}

static void
test_report_pdf (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *bytes = NULL;
  gsize len = 0;
  g_auto(Result) r = run (f, "--db", f->db, "report", "--out", out, "--period", "2026", "--as-of", "20/06/2026");

  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_get_contents (out, &bytes, &len, NULL));
  g_assert_true (len > 1000 && memcmp (bytes, "%PDF-", 5) == 0);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *nowhere = g_build_filename (f->dir, "no-such-folder", "x.xlsx", NULL);
  g_autofree char *nowhere_pdf = g_build_filename (f->dir, "no-such-folder", "x.pdf", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "folder.xlsx", NULL);
  g_auto(Result) r1 = run (f, "--db", f->db, "export", "--out", nowhere);
  g_auto(Result) r2 = run (f, "--db", f->db, "report", "--out", nowhere_pdf);
  g_auto(Result) r3 = run (f, "--db", f->db, "export", "--out", "x.pdf");
  g_auto(Result) r4 = run (f, "--db", f->db, "export");
  g_auto(Result) r5 = run (f, "--db", f->db, "export", "--out", "x.xlsx", "--period", "Q7/2026");
  g_auto(Result) r6 = run (f, "--db", f->db, "export", "--out", "x.xlsx", "--plan", "1/NONE");
  g_auto(Result) r7 = { 0, };

  g_assert_cmpint (r1.status, ==, 1);
  g_assert_true (g_str_has_prefix (r1.err, "dondoc-cli: "));
  g_assert_nonnull (strstr (r1.err, "Cannot write"));
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  g_assert_cmpint (r2.status, ==, 1);
  g_assert_cmpint (r3.status, ==, 1);
  g_assert_cmpint (r4.status, ==, 2);
  g_assert_cmpint (r5.status, ==, 1);
  g_assert_nonnull (strstr (r5.err, "Q7/2026"));
  g_assert_cmpint (r6.status, ==, 1);

  /* The target is a folder: refused after writing, nothing left behind. */
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  r7 = run (f, "--db", f->db, "export", "--out", folder);
  g_assert_cmpint (r7.status, ==, 1);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_assert_false (has_part_file (f->dir));
  {
    g_autofree char *x = g_build_filename (f->dir, "x.xlsx", NULL);

    g_assert_false (g_file_test (x, G_FILE_TEST_EXISTS));
  }
}

/* The sheet names of the workbook @path, one a line (read with Python's zipfile). */
static char *
sheet_names (const char *path)
{
  const char *script =
    "import re, sys, zipfile\n"
    "xml = zipfile.ZipFile(sys.argv[1]).read('xl/workbook.xml').decode('utf-8')\n"
    "print('\\n'.join(re.findall(r'<sheet name=\"([^\"]*)\"', xml)))\n";
  const char *argv[] = { "/usr/bin/python3", "-c", script, path, NULL };
  g_autofree char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* The text of the PDF @path (pdftotext, one line of the page a line). */
static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  g_autofree char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* A scheduled job has no LANG (cron): the document is Vietnamese all the
 * same, unless --lang en asks for English; --lang takes nothing else. */
static void
test_export_language (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *vi = g_build_filename (f->dir, "vi.xlsx", NULL);
  g_autofree char *en = g_build_filename (f->dir, "en.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "vi.pdf", NULL);
  g_autofree char *vi_names = NULL;
  g_autofree char *en_names = NULL;
  g_auto(Result) r1 = { 0, };
  g_auto(Result) r2 = { 0, };
  g_auto(Result) r3 = { 0, };
  g_auto(Result) r4 = { 0, };
  g_autofree char *text = NULL;

  f->envp = g_environ_unsetenv (f->envp, "LANGUAGE");
  f->envp = g_environ_setenv (f->envp, "LC_ALL", "C", TRUE);
  f->envp = g_environ_setenv (f->envp, "LANG", "C", TRUE);
  r1 = run (f, "--db", f->db, "export", "--out", vi, "--plan", "662/KH-VPUB", "--as-of", "2026-06-20");
  g_assert_cmpint (r1.status, ==, 0);
  vi_names = sheet_names (vi);
  g_assert_cmpstr (vi_names, ==, "Tổng hợp\nNhiệm vụ\nĐơn vị\nQuá hạn - sắp đến hạn\nChỉ tiêu\n");
  {
    /* Vietnamese arguments work with no LANG, as a scheduled job runs. */
    g_auto(Result) set = run (f, "--db", f->db, "settings", "office", "--signer-name", "Nguyễn Văn An");
    g_auto(Result) unit = run (f, "--db", f->db, "export", "--out", vi, "--plan", "662/KH-VPUB",
                               "--unit", "Phòng Hành chính - Quản trị");
    g_auto(Result) shown = run (f, "--db", f->db, "settings", "office", "--format", "json");

    g_assert_cmpint (set.status, ==, 0);
    g_assert_cmpint (unit.status, ==, 0);
    g_assert_cmpint (shown.status, ==, 0);
    g_assert_nonnull (strstr (shown.out, "\"Nguyễn Văn An\""));
  }

  r2 = run (f, "--db", f->db, "export", "--out", en, "--plan", "662/KH-VPUB", "--lang", "en");
  g_assert_cmpint (r2.status, ==, 0);
  en_names = sheet_names (en);
  g_assert_cmpstr (en_names, ==, "Summary\nTasks\nUnits\nOverdue - due soon\nIndicators\n");

  /* The handout too; and a failure says so in the document's language. */
  r3 = run (f, "--db", f->db, "report", "--out", pdf, "--plan", "662/KH-VPUB", "--as-of", "2026-12-06");
  g_assert_cmpint (r3.status, ==, 0);
  /* Every word, the periods of the missed reports too (the calendar's
   * labels, not only the export's own). */
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Chưa báo cáo: Tháng"));
  g_assert_null (strstr (text, "Month"));
  g_assert_null (strstr (text, "months of"));
  {
    /* A named period is named in the document's language too. */
    g_auto(Result) r = run (f, "--db", f->db, "report", "--out", pdf, "--plan", "662/KH-VPUB",
                            "--period", "Q2/2026");
    g_autofree char *period_text = NULL;

    g_assert_cmpint (r.status, ==, 0);
    period_text = pdf_text (pdf);
    g_assert_nonnull (strstr (period_text, "Kỳ báo cáo: Quý II/2026"));
    g_assert_null (strstr (period_text, "Quarter"));
  }
  r4 = run (f, "--db", f->db, "export", "--out", vi, "--lang", "fr");
  g_assert_cmpint (r4.status, ==, 2);
  g_assert_nonnull (strstr (r4.err, "--lang"));
}

/* `settings office` sets the header of the documents and shows it; the
 * export of every plan prints it. */
static void
test_settings_office (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "all.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o;

  {
    g_auto(Result) r = run (f, "--db", f->db, "settings", "office", "--issuer-superior", "UBND tỉnh Nghệ An",
                            "--issuer", "Văn phòng", "--signer-position", "Chánh Văn phòng",
                            "--signer-name", "Nguyễn Văn An", "--place", "Nghệ An", "--format", "json");

    assert_ok (&r);
    node = parse_json (r.out);
  }
  o = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (o, "issuer_superior"), ==, "UBND tỉnh Nghệ An");
  g_assert_cmpstr (json_object_get_string_member (o, "signer_name"), ==, "Nguyễn Văn An");
  {
    /* An empty value clears one; the others stay. */
    g_auto(Result) r = run (f, "--db", f->db, "settings", "office", "--place", "");

    assert_ok (&r);
    g_assert_nonnull (strstr (r.out, "Nguyễn Văn An"));
  }
  {
    g_auto(Result) r = run (f, "--db", f->db, "settings", "printer");

    assert_refused (&r, 2);
  }
  {
    const char *argv[] = { "pdftotext", out, "-", NULL };
    g_auto(Result) r = run (f, "--db", f->db, "report", "--out", out, "--as-of", "2026-06-20");

    assert_ok (&r);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &text, NULL, NULL, NULL));
  }
  g_assert_nonnull (strstr (text, "UBND TỈNH NGHỆ AN"));
  g_assert_nonnull (strstr (text, "CHÁNH VĂN PHÒNG"));
  g_assert_nonnull (strstr (text, "Nguyễn Văn An"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/export/xlsx", Fixture, NULL, export_set_up, test_export_xlsx, fixture_tear_down);
  g_test_add ("/cli/export/report-pdf", Fixture, NULL, export_set_up, test_report_pdf, fixture_tear_down);
  g_test_add ("/cli/export/language", Fixture, NULL, export_set_up, test_export_language, fixture_tear_down);
  g_test_add ("/cli/export/settings-office", Fixture, NULL, export_set_up, test_settings_office, fixture_tear_down);
  g_test_add ("/cli/export/refusals", Fixture, NULL, export_set_up, test_refusals, fixture_tear_down);
  return g_test_run ();
}
