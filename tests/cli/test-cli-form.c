/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-form"

#include <string.h>

#include <glib.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "dd-cli-test.h"
#include "dd-test-smtp.h"

/*
 * The units' progress round trip, run as a script would: `form export`
 * writes a unit's form, python3-openpyxl plays the unit filling it
 * (tests/data/office/fill-form.py), `form import` reads it back — the dry
 * run writes nothing, the import records the progress, the report of the
 * period owed and the history, leaves a conflict alone, and refuses an
 * altered form or one of another unit with nothing written.
 */

static const char plan_csv[] =
  "Kế hoạch số:,700/KH-VPUB\n"
  "Ngày ban hành:,04/1/2026\n"
  "Tên kế hoạch:,Kế hoạch thử\n"
  "\n"
  "TT,Nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian,Sản phẩm\n"
  "1.,Xây dựng kế hoạch,Phòng Tổng hợp,,Trước 30/12/2026,Kế hoạch\n"
  "2.,Báo cáo kết quả,Phòng Tổng hợp,,hằng quý,Báo cáo\n"
  "3.,Số hoá hồ sơ,Phòng Tổng hợp,,Trước 30/12/2026,Kết quả\n"
  "4.,Việc của phòng khác,Phòng Kinh tế,,Trước 30/12/2026,Kết quả\n";

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

static char *
python (const char * const *args)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "data", "office", "fill-form.py", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = -1;

  g_ptr_array_add (argv, (gpointer) "/usr/bin/python3");
  g_ptr_array_add (argv, script);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (status != 0)
    g_error ("fill-form.py failed: %s", err);
  return out;
}

#define py(...) python ((const char * const []) { __VA_ARGS__, NULL })

/* The tasks, by number: their JSON objects. */
static JsonObject *
task_json (Fixture    *f,
           JsonNode  **root,
           const char *number)
{
  Result r = run (f, "--db", f->db, "tasks", "--format", "json");
  JsonArray *tasks;

  assert_ok (&r);
  g_clear_pointer (root, json_node_unref);
  *root = parse_json (r.out);
  result_clear (&r);
  tasks = json_node_get_array (*root);
  for (guint i = 0; i < json_array_get_length (tasks); i++)
    {
      JsonObject *task = json_array_get_object_element (tasks, i);

      if (g_strcmp0 (json_object_get_string_member (task, "number"), number) == 0 &&
          g_strcmp0 (json_object_get_string_member (task, "plan"), "700/KH-VPUB") == 0)
        return task;
    }
  g_assert_not_reached ();
}

/* The form as written: sheets, protection, validation, hidden ids. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *form = g_build_filename (f->dir, "form.xlsx", NULL);
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;
  JsonArray *rows;
  Result r;

  init_csv (f, plan_csv);
  r = run (f, "--db", f->db, "form", "export", "--unit", "Phòng Tổng hợp", "--out", form);
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "Phòng Tổng hợp"));
  result_clear (&r);

  out = py ("describe", form);
  node = parse_json (out);
  object = json_node_get_object (node);
  g_test_message ("%s", out);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "sheets"), 0), ==, "Hướng dẫn");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "sheets"), 1), ==, "Tiến độ");
  /* The instructions, in Vietnamese. */
  g_assert_nonnull (strstr (json_array_get_string_element (json_object_get_array_member (object, "help"), 0),
                            "PHIẾU BÁO CÁO TIẾN ĐỘ"));
  g_assert_cmpstr (json_object_get_string_member (object, "unit"), ==, "Phòng Tổng hợp");
  g_assert_true (json_object_get_boolean_member (object, "protected"));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "hidden"), 0), ==, "A");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "validations")), ==, 2);
  g_assert_nonnull (strstr (json_array_get_string_element (json_object_get_array_member (object, "validations"), 0),
                            "date None 36526 J7:J9"));
  g_assert_nonnull (strstr (json_array_get_string_element (json_object_get_array_member (object, "validations"), 1),
                            "whole None 0 I7:I9"));
  /* Its three tasks (not the other unit's), the cells to fill unlocked. */
  rows = json_object_get_array_member (object, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      JsonArray *cells = json_object_get_array_member (row, "cells");

      g_assert_true (g_str_has_prefix (json_array_get_string_element (cells, 0), "t:"));
      g_assert_true (json_object_get_boolean_member (row, "fill_unlocked"));
      g_assert_true (json_object_get_boolean_member (row, "others_locked"));
    }
  /* The periodic task's reports owed. */
  g_assert_nonnull (strstr (json_array_get_string_element (
    json_object_get_array_member (json_array_get_object_element (rows, 1), "cells"), 5), "Quý"));

  /* Every unit: one file each. */
  r = run (f, "--db", f->db, "form", "export", "--all", "--out", f->dir);
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "2 forms written"));
  result_clear (&r);
  {
    g_autofree char *first = g_build_filename (f->dir, "Tien-do-phong-tong-hop.xlsx", NULL);
    g_autofree char *second = g_build_filename (f->dir, "Tien-do-phong-kinh-te.xlsx", NULL);

    g_assert_true (g_file_test (first, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (second, G_FILE_TEST_EXISTS));
  }
}

/* Filled by the unit, read back: dry run, conflict, import, history. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *form = g_build_filename (f->dir, "form.xlsx", NULL);
  g_autofree char *filled = g_build_filename (f->dir, "filled.xlsx", NULL);
  g_autofree char *id3 = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  JsonObject *task;
  Result r;

  init_csv (f, plan_csv);
  r = run (f, "--db", f->db, "form", "export", "--unit", "Phòng Tổng hợp", "--out", form);
  assert_ok (&r);
  result_clear (&r);
  g_free (py ("fill", form, filled,
              "{\"I7\": 60, \"M7\": \"Đang hoàn thiện dự thảo\","
              " \"I8\": 50, \"L8\": \"45/BC-PTH\","
              " \"J9\": \"date:2026-12-01\", \"K9\": \"Hệ thống số hoá\"}"));

  /* Meanwhile the office changes task 3: a conflict. */
  task = task_json (f, &root, "3.");
  id3 = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (task, "id"));
  r = run (f, "--db", f->db, "update", id3, "--progress", "30");
  assert_ok (&r);
  result_clear (&r);

  before = read_bytes (f->db);
  r = run (f, "--db", f->db, "form", "import", filled, "--dry-run");
  assert_ok (&r);
  g_test_message ("%s", r.out);
  g_assert_nonnull (strstr (r.out, "progress form of Phòng Tổng hợp"));
  g_assert_nonnull (strstr (r.out, "  row 7: task 1. Xây dựng kế hoạch\n      progress: 0% → 60%\n"));
  g_assert_nonnull (strstr (r.out, "      note: Đang hoàn thiện dự thảo\n"));
  g_assert_nonnull (strstr (r.out, "      report number: 45/BC-PTH (Quarter I/2026)\n"));
  g_assert_nonnull (strstr (r.out, "  conflict, row 9: task 3. Số hoá hồ sơ: changed in the database"));
  g_assert_nonnull (strstr (r.out, "  2 rows to record, 1 conflicts\n"));
  g_assert_nonnull (strstr (r.out, "nothing was written"));
  result_clear (&r);
  after = read_bytes (f->db);
  g_assert_true (g_bytes_equal (before, after));

  r = run (f, "--db", f->db, "form", "import", filled);
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "2 rows recorded"));
  result_clear (&r);
  task = task_json (f, &root, "1.");
  g_assert_cmpint (json_object_get_int_member (task, "progress"), ==, 60);
  task = task_json (f, &root, "2.");
  g_assert_cmpint (json_object_get_int_member (task, "progress"), ==, 50);
  /* The conflict was not overwritten. */
  task = task_json (f, &root, "3.");
  g_assert_cmpint (json_object_get_int_member (task, "progress"), ==, 30);
  g_assert_true (json_object_get_null_member (task, "completed_on"));

  /* The report of the period owed, with its number. */
  task = task_json (f, &root, "2.");
  {
    g_autofree char *id2 = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (task, "id"));

    r = run (f, "--db", f->db, "report", "list", id2);
    assert_ok (&r);
    g_test_message ("%s", r.out);
    g_assert_nonnull (strstr (r.out, "45/BC-PTH"));
    result_clear (&r);
  }
  /* The history: the update, noted as the unit's form. */
  r = run (f, "--db", f->db, "history", "--format", "json");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "From the progress form of Phòng Tổng hợp: Đang hoàn thiện dự thảo"));
  result_clear (&r);
}

/* Refused, with the row named, and nothing written. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *form = g_build_filename (f->dir, "form.xlsx", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.xlsx", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  Result r;

  init_csv (f, plan_csv);
  r = run (f, "--db", f->db, "form", "export", "--unit", "Phòng Tổng hợp", "--out", form);
  assert_ok (&r);
  result_clear (&r);
  before = read_bytes (f->db);

  /* An id altered. */
  g_free (py ("fill", form, bad, "{\"A8\": \"t:4:1:-:000000000000\", \"I8\": 90}"));
  r = run (f, "--db", f->db, "form", "import", bad);
  assert_refused (&r, 1);
  g_assert_nonnull (strstr (r.err, "Row 8: the task’s hidden id was altered"));
  result_clear (&r);

  /* Not a percentage. */
  g_free (py ("fill", form, bad, "{\"I7\": \"nhiều\"}"));
  r = run (f, "--db", f->db, "form", "import", bad);
  assert_refused (&r, 1);
  g_assert_nonnull (strstr (r.err, "Row 7, column “New progress (%)”: “nhiều” is not a whole number from 0 to 100."));
  result_clear (&r);

  /* A row added. */
  g_free (py ("fill", form, bad, "{\"D12\": \"Việc thêm\", \"I12\": 10}"));
  r = run (f, "--db", f->db, "form", "import", bad);
  assert_refused (&r, 1);
  g_assert_nonnull (strstr (r.err, "Row 12 is not a task of the form"));
  result_clear (&r);

  /* Another unit's form. */
  g_free (py ("fill", form, bad, "{\"I7\": 10}"));
  r = run (f, "--db", f->db, "form", "import", bad, "--unit", "Phòng Kinh tế");
  assert_refused (&r, 1);
  g_assert_nonnull (strstr (r.err, "progress form of “Phòng Tổng hợp”"));
  result_clear (&r);

  /* Not a form at all: a plan's table. Two files, one bad: nothing. */
  {
    g_autofree char *xlsx = g_test_build_filename (G_TEST_DIST, "data", "office", "plan-662.xlsx", NULL);

    r = run (f, "--db", f->db, "form", "import", bad, xlsx);
    assert_refused (&r, 1);
    g_assert_nonnull (strstr (r.err, "is not a progress form"));
    result_clear (&r);
  }
  after = read_bytes (f->db);
  g_assert_true (g_bytes_equal (before, after));
}

static char *
read_letter (const char *path)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "data", "office", "check-letter.py", NULL);
  const char *argv[] = { "/usr/bin/python3", script, path, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (status != 0)
    g_error ("check-letter.py failed: %s", err);
  return out;
}

/* The urging letters: one per unit with late items, the template filled
 * (no placeholder left, each task a line), well-formed; as PDF by
 * LibreOffice. */
static void
test_letters (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "letters", NULL);
  g_autofree char *letter = NULL;
  g_autofree char *text = NULL;
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  Result r;

  init_csv (f, plan_csv);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  r = run (f, "--db", f->db, "letters", "--out", dir, "--as-of", "2026-12-06");
  assert_ok (&r);
  g_test_message ("%s", r.out);
  /* Phòng Tổng hợp: a forgotten quarterly report (task 2.) and two tasks
   * due on 30/12 (not yet due soon); Phòng Kinh tế: nothing late. */
  g_assert_nonnull (strstr (r.out, "Cong-van-don-doc-phong-tong-hop.docx"));
  g_assert_null (strstr (r.out, "phong-kinh-te"));
  g_assert_nonnull (strstr (r.out, "1 letter written"));
  result_clear (&r);

  letter = g_build_filename (dir, "Cong-van-don-doc-phong-tong-hop.docx", NULL);
  text = read_letter (letter);
  g_test_message ("%s", text);
  g_assert_null (strstr (text, "{{"));
  g_assert_nonnull (strstr (text, "V/v đôn đốc thực hiện nhiệm vụ\n"));
  g_assert_nonnull (strstr (text, ", ngày 06 tháng 12 năm 2026\n"));
  g_assert_nonnull (strstr (text, "\nKính gửi: Phòng Tổng hợp.\n"));
  g_assert_nonnull (strstr (text, "Đến ngày 06/12/2026, Phòng Tổng hợp còn 01 nhiệm vụ"));
  g_assert_nonnull (strstr (text, "\n- Nhiệm vụ 2 (700/KH-VPUB) Báo cáo kết quả: "));
  g_assert_null (strstr (text, "Xây dựng kế hoạch"));
  g_assert_nonnull (strstr (text, "báo cáo kết quả thực hiện trước ngày 13/12/2026."));
  g_assert_nonnull (strstr (text, "Nơi nhận:"));

  /* A unit that does not exist; a bad format. */
  r = run (f, "--db", f->db, "letters", "--out", dir, "--unit", "Phòng Không Có");
  assert_refused (&r, 1);
  result_clear (&r);
  r = run (f, "--db", f->db, "letters", "--out", dir, "--format", "odt");
  assert_refused (&r, 2);
  result_clear (&r);

  if (soffice == NULL)
    {
      g_test_message ("LibreOffice is not installed: no PDF");
      return;
    }
  r = run (f, "--db", f->db, "letters", "--out", dir, "--as-of", "2026-12-06", "--unit", "Phòng Tổng hợp",
           "--format", "pdf");
  assert_ok (&r);
  result_clear (&r);
  {
    g_autofree char *pdf = g_build_filename (dir, "Cong-van-don-doc-phong-tong-hop.pdf", NULL);
    const char *argv[] = { "pdftotext", pdf, "-", NULL };
    g_autofree char *out = NULL;
    g_autoptr(GError) error = NULL;
    int status = -1;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                  &out, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_cmpint (status, ==, 0);
    g_test_message ("%s", out);
    g_assert_nonnull (strstr (out, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    g_assert_nonnull (strstr (out, "Kính gửi: Phòng Tổng hợp."));
    g_assert_nonnull (strstr (out, "Báo cáo kết quả"));
  }
}

/* The message the sink took as its @n-th, or NULL. */
static JsonObject *
sink_message (DdTestSmtpSink *sink,
              guint           n)
{
  g_autofree char *text = dd_test_smtp_sink_dup_message (sink, n);
  JsonNode *node;
  JsonObject *object;

  if (text == NULL)
    return NULL;
  node = parse_json (text);
  object = json_object_ref (json_node_get_object (node));
  json_node_unref (node);
  return object;
}

static guint
count_sent (Fixture *f)
{
  Result r = run (f, "--db", f->db, "history");
  guint n = 0;

  assert_ok (&r);
  for (const char *p = r.out; (p = strstr (p, " insert letters_sent #")) != NULL; p++)
    n++;
  result_clear (&r);
  return n;
}

/* The urging letters by email, against a real SMTP server on 127.0.0.1:
 * each unit's letter to its address with the right subject and the letter
 * attached, recorded in its tasks' history; a refused recipient, a server
 * down and a server without TLS each say so, and nothing is recorded. */
static void
test_mail (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "letters", NULL);
  g_autofree char *sink_dir = g_build_filename (f->dir, "sink", NULL);
  g_autofree char *refusing_dir = g_build_filename (f->dir, "sink-refusing", NULL);
  g_autofree char *letter = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonObject) message = NULL;
  g_autofree char *sha = NULL;
  JsonObject *attachment;
  JsonArray *rcpt;
  DdTestSmtpSink sink = { 0 };
  Result r;

  init_csv (f, plan_csv);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);

  /* No server set; then no unit address: refused, nothing sent. */
  r = run (f, "--db", f->db, "mail", "--send", "--as-of", "2026-12-06");
  assert_refused (&r, 1);
  g_assert_nonnull (strstr (r.err, "No mail server is set"));
  result_clear (&r);
  dd_test_smtp_sink_start (&sink, sink_dir, NULL, NULL);
  r = run (f, "--db", f->db, "mail-settings", "--host", "127.0.0.1", "--port", sink.port, "--tls", "none",
           "--sender", "vanphong@ubnd.example.vn");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "Server: 127.0.0.1\n"));
  result_clear (&r);
  r = run (f, "--db", f->db, "mail", "--dry-run", "--as-of", "2026-12-06");
  assert_refused (&r, 1);
  g_assert_nonnull (strstr (r.err, "Phòng Tổng hợp has no email address"));
  result_clear (&r);
  /* Said before any letter is written (LibreOffice takes seconds each). */
  r = run (f, "--db", f->db, "mail", "--send", "--as-of", "2026-12-06", "--out", dir);
  assert_refused (&r, 1);
  g_assert_nonnull (strstr (r.err, "Phòng Tổng hợp has no email address"));
  result_clear (&r);
  g_assert_cmpuint (dd_test_count_files (dir), ==, 0);
  r = run (f, "--db", f->db, "unit-email", "Phòng Tổng hợp", "not an address");
  assert_refused (&r, 1);
  result_clear (&r);
  r = run (f, "--db", f->db, "unit-email", "Phòng Tổng hợp", "tonghop@ubnd.example.vn");
  assert_ok (&r);
  g_assert_cmpstr (r.out, ==, "Phòng Tổng hợp: tonghop@ubnd.example.vn\n");
  result_clear (&r);

  /* The dry run sends nothing. */
  r = run (f, "--db", f->db, "mail", "--dry-run", "--as-of", "2026-12-06");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "Phòng Tổng hợp <tonghop@ubnd.example.vn>: Cong-van-don-doc-phong-tong-hop.docx "
                                   "(not sent)\n"));
  /* Each message whole, as it would go: recipient, subject, the letter
   * attached and its size, the text. */
  g_test_message ("%s", r.out);
  g_assert_nonnull (strstr (r.out, "\nTo: Phòng Tổng hợp <tonghop@ubnd.example.vn>\n"
                                   "Subject: Công văn đôn đốc thực hiện nhiệm vụ: Phòng Tổng hợp\n"
                                   "Attachment: Cong-van-don-doc-phong-tong-hop.docx ("));
  /* g_format_size (): "5.6 kB", a no-break space before the unit. */
  g_assert_nonnull (strstr (r.out, "\xc2\xa0kB)\n\nKính gửi: Phòng Tổng hợp,\n"));
  g_assert_nonnull (strstr (r.out, "đôn đốc thực hiện các nhiệm vụ"));
  g_assert_nonnull (strstr (r.out, "\n-----\n1 letter to send\n"));
  result_clear (&r);
  g_assert_null (sink_message (&sink, 1));
  g_assert_cmpuint (count_sent (f), ==, 0);

  /* Sent: the message arrives with its recipient, subject and letter. */
  r = run (f, "--db", f->db, "mail", "--send", "--as-of", "2026-12-06", "--out", dir);
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "1 letter sent\n"));
  result_clear (&r);
  message = sink_message (&sink, 1);
  g_assert_nonnull (message);
  rcpt = json_object_get_array_member (message, "rcpt_tos");
  g_assert_cmpuint (json_array_get_length (rcpt), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (rcpt, 0), ==, "tonghop@ubnd.example.vn");
  g_assert_cmpstr (json_object_get_string_member (message, "mail_from"), ==, "vanphong@ubnd.example.vn");
  g_assert_cmpstr (json_object_get_string_member (message, "to"), ==, "tonghop@ubnd.example.vn");
  g_assert_cmpstr (json_object_get_string_member (message, "subject"), ==,
                   "Công văn đôn đốc thực hiện nhiệm vụ: Phòng Tổng hợp");
  g_assert_nonnull (strstr (json_object_get_string_member (message, "body"), "Kính gửi: Phòng Tổng hợp"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (message, "attachments")), ==, 1);
  attachment = json_array_get_object_element (json_object_get_array_member (message, "attachments"), 0);
  g_assert_cmpstr (json_object_get_string_member (attachment, "filename"), ==, "Cong-van-don-doc-phong-tong-hop.docx");
  g_assert_cmpstr (json_object_get_string_member (attachment, "type"), ==,
                   "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  letter = g_build_filename (dir, "Cong-van-don-doc-phong-tong-hop.docx", NULL);
  bytes = read_bytes (letter);
  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_assert_cmpstr (json_object_get_string_member (attachment, "sha256"), ==, sha);
  /* The letter names one task (2.): its history says it was sent. */
  g_assert_cmpuint (count_sent (f), ==, 1);
  r = run (f, "--db", f->db, "history");
  g_assert_nonnull (strstr (r.out, "\"address\":\"tonghop@ubnd.example.vn\""));
  result_clear (&r);
  dd_test_smtp_sink_stop (&sink);

  /* The server refuses the recipient: said, not recorded. */
  dd_test_smtp_sink_start (&sink, refusing_dir, "--refuse", "tonghop@ubnd.example.vn");
  r = run (f, "--db", f->db, "mail-settings", "--port", sink.port);
  assert_ok (&r);
  result_clear (&r);
  r = run (f, "--db", f->db, "mail", "--send", "--as-of", "2026-12-06");
  assert_refused (&r, 1);
  g_assert_nonnull (strstr (r.err, "refused the address tonghop@ubnd.example.vn"));
  result_clear (&r);
  g_assert_null (sink_message (&sink, 1));
  g_assert_cmpuint (count_sent (f), ==, 1);

  /* A server without STARTTLS when TLS is asked for. */
  r = run (f, "--db", f->db, "mail-settings", "--tls", "starttls");
  assert_ok (&r);
  result_clear (&r);
  r = run (f, "--db", f->db, "mail", "--send", "--as-of", "2026-12-06");
  assert_refused (&r, 1);
  g_assert_nonnull (strstr (r.err, "does not offer TLS"));
  result_clear (&r);
  g_assert_cmpuint (count_sent (f), ==, 1);

  /* The server down (its port closed). */
  dd_test_smtp_sink_stop (&sink);
  r = run (f, "--db", f->db, "mail-settings", "--tls", "none");
  assert_ok (&r);
  result_clear (&r);
  r = run (f, "--db", f->db, "mail", "--send", "--as-of", "2026-12-06");
  assert_refused (&r, 1);
  g_assert_nonnull (strstr (r.err, "could not be reached"));
  result_clear (&r);
  g_assert_cmpuint (count_sent (f), ==, 1);
}

static const char digest_csv[] =
  "Kế hoạch số:,700/KH-VPUB\n"
  "Ngày ban hành:,04/1/2026\n"
  "Tên kế hoạch:,Kế hoạch thử\n"
  "\n"
  "TT,Nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian,Sản phẩm\n"
  "1.,Xây dựng kế hoạch,Phòng Tổng hợp,,Trước 16/11/2026,Kế hoạch\n"
  "2.,Báo cáo kết quả,Phòng Tổng hợp,,hằng quý,Báo cáo\n"
  "3.,Số hoá hồ sơ,Phòng Tổng hợp,,Trước 09/12/2026,Kết quả\n"
  "4.,Việc của phòng khác,Phòng Kinh tế,,Trước 30/12/2026,Kết quả\n";

/* A line of @text that starts with @prefix, whole. (transfer full) */
static char *
dup_line_with (const char *text,
               const char *prefix)
{
  const char *start = strstr (text, prefix);

  if (start == NULL)
    return NULL;
  return g_strndup (start, strcspn (start, "\n"));
}

/* The digest by email: each unit's overdue, forgotten and due-soon items in
 * the message itself (due dates dd/mm/yyyy, working days late), no letter;
 * the dry run shows it whole, the sink receives the very same text, and
 * its tasks' history records it as a letter's. */
static void
test_mail_digest (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *sink_dir = g_build_filename (f->dir, "sink", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *overdue = NULL;
  g_autofree char *forgotten = NULL;
  g_autofree char *due_soon = NULL;
  g_autoptr(JsonObject) message = NULL;
  g_autoptr(GString) body = NULL;
  DdTestSmtpSink sink = { 0 };
  Result r;

  init_csv (f, digest_csv);
  dd_test_smtp_sink_start (&sink, sink_dir, NULL, NULL);
  r = run (f, "--db", f->db, "mail-settings", "--host", "127.0.0.1", "--port", sink.port, "--tls", "none",
           "--sender", "vanphong@ubnd.example.vn");
  assert_ok (&r);
  result_clear (&r);
  r = run (f, "--db", f->db, "unit-email", "Phòng Tổng hợp", "tonghop@ubnd.example.vn");
  assert_ok (&r);
  result_clear (&r);

  /* How late task 1. is, in the file's working days. */
  r = run (f, "--db", f->db, "workdays", "between", "2026-11-16", "2026-12-06");
  assert_ok (&r);
  expected = g_strdup_printf ("- Nhiệm vụ 1 (700/KH-VPUB) Xây dựng kế hoạch: hạn 16/11/2026, đã quá hạn %d ngày "
                              "làm việc;", (int) g_ascii_strtoll (r.out, NULL, 10));
  g_assert_cmpint ((int) g_ascii_strtoll (r.out, NULL, 10), <, 20);
  result_clear (&r);

  /* Neither a format nor a folder: no letter is written. */
  r = run (f, "--db", f->db, "mail", "--digest", "--format", "pdf", "--dry-run");
  assert_refused (&r, 2);
  result_clear (&r);

  r = run (f, "--db", f->db, "mail", "--digest", "--dry-run", "--as-of", "2026-12-06");
  assert_ok (&r);
  g_test_message ("%s", r.out);
  g_assert_nonnull (strstr (r.out, "Phòng Tổng hợp <tonghop@ubnd.example.vn>: digest (not sent)\n"));
  g_assert_nonnull (strstr (r.out, "\nTo: Phòng Tổng hợp <tonghop@ubnd.example.vn>\n"
                                   "Subject: Tổng hợp nhiệm vụ cần đôn đốc: Phòng Tổng hợp\n\n"
                                   "Kính gửi: Phòng Tổng hợp,\n"));
  g_assert_null (strstr (r.out, "Attachment:"));
  g_assert_null (strstr (r.out, "Phòng Kinh tế"));
  g_assert_nonnull (strstr (r.out, "Đến ngày 06/12/2026"));
  g_assert_nonnull (strstr (r.out, "\nQuá hạn (1):\n"));
  g_assert_nonnull (strstr (r.out, "\nChưa gửi báo cáo, cập nhật tiến độ (1):\n"));
  g_assert_nonnull (strstr (r.out, "\nSắp đến hạn (1):\n"));
  overdue = dup_line_with (r.out, "- Nhiệm vụ 1 ");
  g_assert_cmpstr (overdue, ==, expected);
  forgotten = dup_line_with (r.out, "- Nhiệm vụ 2 ");
  g_assert_nonnull (forgotten);
  g_assert_true (g_str_has_prefix (forgotten, "- Nhiệm vụ 2 (700/KH-VPUB) Báo cáo kết quả: chưa gửi báo cáo"));
  due_soon = dup_line_with (r.out, "- Nhiệm vụ 3 ");
  g_assert_cmpstr (due_soon, ==, "- Nhiệm vụ 3 (700/KH-VPUB) Số hoá hồ sơ: hạn 09/12/2026;");
  g_assert_nonnull (strstr (r.out, "báo cáo kết quả trước ngày 13/12/2026."));
  g_assert_nonnull (strstr (r.out, "1 digest to send\n"));
  result_clear (&r);
  g_assert_null (sink_message (&sink, 1));
  g_assert_cmpuint (count_sent (f), ==, 0);

  /* Sent: the same text, no attachment, each of its tasks' history. */
  r = run (f, "--db", f->db, "mail", "--digest", "--send", "--as-of", "2026-12-06");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "Phòng Tổng hợp <tonghop@ubnd.example.vn>: digest sent\n"));
  g_assert_nonnull (strstr (r.out, "1 digest sent\n"));
  result_clear (&r);
  message = sink_message (&sink, 1);
  g_assert_nonnull (message);
  g_assert_null (sink_message (&sink, 2));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (message, "rcpt_tos"), 0), ==,
                   "tonghop@ubnd.example.vn");
  g_assert_cmpstr (json_object_get_string_member (message, "subject"), ==,
                   "Tổng hợp nhiệm vụ cần đôn đốc: Phòng Tổng hợp");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (message, "attachments")), ==, 0);
  body = g_string_new (json_object_get_string_member (message, "body"));
  g_string_replace (body, "\r", "", 0);
  g_test_message ("%s", body->str);
  g_assert_true (g_str_has_prefix (body->str, "Kính gửi: Phòng Tổng hợp,\n"));
  g_assert_nonnull (strstr (body->str, overdue));
  g_assert_nonnull (strstr (body->str, forgotten));
  g_assert_nonnull (strstr (body->str, due_soon));
  g_assert_cmpuint (count_sent (f), ==, 3);
  r = run (f, "--db", f->db, "history");
  g_assert_nonnull (strstr (r.out, "\"subject\":\"Tổng hợp nhiệm vụ cần đôn đốc: Phòng Tổng hợp\""));
  result_clear (&r);
  dd_test_smtp_sink_stop (&sink);
}

/* Runs the command line with @input on its standard input. */
static Result
run_with_input (Fixture            *f,
                const char         *input,
                const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Result r = { 0, NULL, NULL };

  g_ptr_array_add (argv, (char *) cli_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_set_environ (launcher, f->envp);
  g_subprocess_launcher_set_cwd (launcher, f->dir);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &r.out, &r.err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  r.status = g_subprocess_get_exit_status (process);
  return r;
}

/* Whether @name has an owner on the bus at @address, within 20 s. */
static gboolean
wait_for_name (const char *address,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  bus = g_dbus_connection_new_for_address_sync (address, G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION, NULL, NULL,
                                                &error);
  g_assert_no_error (error);
  while (g_get_monotonic_time () < end)
    {
      g_autoptr(GVariant) reply = NULL;
      gboolean owned = FALSE;

      reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "NameHasOwner", g_variant_new ("(s)", name),
                                           G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
      g_assert_no_error (error);
      g_variant_get (reply, "(b)", &owned);
      if (owned)
        return TRUE;
      g_usleep (100 * 1000);
    }
  return FALSE;
}

/* The password through the desktop's keyring for real: a session bus of
 * the test's own with GNOME Keyring on it (unlocked with a password of
 * the test's), the password kept by `mail-settings --password-stdin`
 * through libsecret and read back by `mail --send` to log in to a sink
 * that wants it — never in the file; a wrong one stored, refused. Skipped
 * where gnome-keyring is not installed. */
static void
test_mail_keyring (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *keyring_daemon = g_find_program_in_path ("gnome-keyring-daemon");
  g_autofree char *dbus_daemon = g_find_program_in_path ("dbus-daemon");
  g_autofree char *sink_dir = g_build_filename (f->dir, "sink", NULL);
  g_autofree char *runtime_dir = g_build_filename (f->dir, "runtime", NULL);
  g_autoptr(GTestDBus) bus = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) keyring = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) message = NULL;
  g_autoptr(GBytes) file = NULL;
  const char *address;
  const char * const keyring_argv[] = { keyring_daemon, "--unlock", "--components=secrets", "--foreground", NULL };
  DdTestSmtpSink sink = { 0 };
  gsize size = 0;
  const char *bytes;
  Result r;

  if (keyring_daemon == NULL || dbus_daemon == NULL)
    {
      g_test_skip ("gnome-keyring-daemon or dbus-daemon is not installed");
      return;
    }
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  address = g_test_dbus_get_bus_address (bus);
  g_assert_cmpint (g_mkdir_with_parents (runtime_dir, 0700), ==, 0);
  f->envp = g_environ_setenv (f->envp, "DBUS_SESSION_BUS_ADDRESS", address, TRUE);
  f->envp = g_environ_setenv (f->envp, "XDG_RUNTIME_DIR", runtime_dir, TRUE);
  f->envp = g_environ_unsetenv (f->envp, "DONDOC_TEST_SMTP_PASSWORD");

  /* The keyring reads its own password from its input, to the end. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_environ (launcher, f->envp);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  keyring = g_subprocess_launcher_spawnv (launcher, keyring_argv, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_subprocess_get_stdin_pipe (keyring), "dondoc-test", strlen ("dondoc-test"), NULL,
                             NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (g_subprocess_get_stdin_pipe (keyring), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (wait_for_name (address, "org.freedesktop.secrets"));

  init_csv (f, plan_csv);
  dd_test_smtp_sink_start (&sink, sink_dir, "--auth", "vanphong:mat-khau");
  r = run (f, "--db", f->db, "mail-settings", "--host", "127.0.0.1", "--port", sink.port, "--tls", "none",
           "--sender", "vanphong@ubnd.example.vn", "--user", "vanphong");
  assert_ok (&r);
  result_clear (&r);
  r = run (f, "--db", f->db, "unit-email", "Phòng Tổng hợp", "tonghop@ubnd.example.vn");
  assert_ok (&r);
  result_clear (&r);

  /* A wrong password kept: the server refuses it, nothing sent. */
  r = run_with_input (f, "sai\n", (const char * const []) { "--db", f->db, "mail-settings", "--password-stdin",
                                                              NULL });
  assert_ok (&r);
  result_clear (&r);
  r = run (f, "--db", f->db, "mail", "--send", "--as-of", "2026-12-06");
  assert_refused (&r, 1);
  g_assert_nonnull (strstr (r.err, "refused the account “vanphong”"));
  result_clear (&r);
  g_assert_null (sink_message (&sink, 1));

  /* The right one replaces it: read from the keyring, the letter goes. */
  r = run_with_input (f, "mat-khau\n", (const char * const []) { "--db", f->db, "mail-settings",
                                                                   "--password-stdin", NULL });
  assert_ok (&r);
  result_clear (&r);
  r = run (f, "--db", f->db, "mail", "--send", "--as-of", "2026-12-06");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "1 letter sent\n"));
  result_clear (&r);
  message = sink_message (&sink, 1);
  g_assert_nonnull (message);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (message, "rcpt_tos"), 0), ==,
                   "tonghop@ubnd.example.vn");
  dd_test_smtp_sink_stop (&sink);

  /* The shared file never holds it. */
  file = read_bytes (f->db);
  bytes = g_bytes_get_data (file, &size);
  g_assert_null (memmem (bytes, size, "mat-khau", strlen ("mat-khau")));

  g_subprocess_force_exit (keyring);
  g_subprocess_wait (keyring, NULL, NULL);
  g_test_dbus_down (bus);
}

/* A server that wants a login: the account from the settings, the
 * password from the keyring — here, with no keyring on the test machine,
 * from DONDOC_TEST_SMTP_PASSWORD; a wrong one is refused. */
static void
test_mail_login (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *sink_dir = g_build_filename (f->dir, "sink", NULL);
  g_autoptr(JsonObject) message = NULL;
  DdTestSmtpSink sink = { 0 };
  Result r;

  init_csv (f, plan_csv);
  dd_test_smtp_sink_start (&sink, sink_dir, "--auth", "vanphong:mat-khau");
  r = run (f, "--db", f->db, "mail-settings", "--host", "127.0.0.1", "--port", sink.port, "--tls", "none",
           "--sender", "vanphong@ubnd.example.vn", "--user", "vanphong");
  assert_ok (&r);
  result_clear (&r);
  r = run (f, "--db", f->db, "unit-email", "Phòng Tổng hợp", "tonghop@ubnd.example.vn");
  assert_ok (&r);
  result_clear (&r);

  f->envp = g_environ_setenv (f->envp, "DONDOC_TEST_SMTP_PASSWORD", "sai", TRUE);
  r = run (f, "--db", f->db, "mail", "--send", "--as-of", "2026-12-06");
  assert_refused (&r, 1);
  g_assert_nonnull (strstr (r.err, "refused the account “vanphong”"));
  result_clear (&r);
  g_assert_null (sink_message (&sink, 1));

  f->envp = g_environ_setenv (f->envp, "DONDOC_TEST_SMTP_PASSWORD", "mat-khau", TRUE);
  r = run (f, "--db", f->db, "mail", "--send", "--as-of", "2026-12-06");
  assert_ok (&r);
  result_clear (&r);
  message = sink_message (&sink, 1);
  g_assert_nonnull (message);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (message, "rcpt_tos"), 0), ==,
                   "tonghop@ubnd.example.vn");
  dd_test_smtp_sink_stop (&sink);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/form/export", test_export);
  ADD ("/cli/form/round-trip", test_round_trip);
  ADD ("/cli/form/refused", test_refused);
  ADD ("/cli/letters", test_letters);
  ADD ("/cli/mail", test_mail);
  ADD ("/cli/mail/login", test_mail_login);
  ADD ("/cli/mail/digest", test_mail_digest);
  ADD ("/cli/mail/keyring", test_mail_keyring);
#undef ADD

  return g_test_run ();
}
