/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-export-async"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "dd-test-core.h"
#include "dd-test-files.h"

/*
 * DdExporter: the workbook and the handout written on the exporter's own
 * thread and connection are those dd_export_xlsx() and dd_export_pdf()
 * write at once, with the same errors; a cancelled export writes nothing.
 */

typedef struct
{
  char *path;                   /* the database */
  char *dir;                    /* its folder, where the exports go */
  DdStore *store;
  DdExporter *exporter;
  DdExportOptions options;
  char *period_label;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->store = dd_test_create_store (&f->path);
  f->dir = g_path_get_dirname (f->path);
  f->exporter = dd_exporter_new (f->store);
  g_assert_true (dd_exporter_get_store (f->exporter) == f->store);
  dd_test_complete_task (f->store, 1, "3.", "2026-06-02");

  dd_export_options_init (&f->options);
  f->options.tasks.as_of = dd_test_date ("2026-06-20");
  f->options.tasks.plan_id = 1;
  f->options.report_date = dd_test_date ("2026-11-25");
  g_assert_true (dd_export_parse_period ("Q2/2026", &f->options.from, &f->options.to,
                                         &f->period_label, &error));
  g_assert_no_error (error);
  f->options.period_label = f->period_label;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->exporter);
  g_assert_finalize_object (f->store);
  dd_test_remove_store_file (f->path);
  g_free (f->path);
  g_free (f->dir);
  g_free (f->period_label);
}

static char *
out_path (Fixture    *f,
          const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static void
on_result_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* Writes @path with the exporter (PDF when @pdf) and waits for the end. */
static gboolean
export_async (DdExporter             *exporter,
              gboolean                pdf,
              const DdExportOptions  *options,
              const char             *path,
              GCancellable           *cancellable,
              GError                **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (pdf)
    dd_exporter_export_pdf_async (exporter, options, path, cancellable, on_result_cb, &result);
  else
    dd_exporter_export_xlsx_async (exporter, options, path, cancellable, on_result_cb, &result);
  /* Never at once: the caller's code after the call runs first. */
  g_assert_null (result);
  wait_for (&result);
  return pdf ? dd_exporter_export_pdf_finish (exporter, result, error)
             : dd_exporter_export_xlsx_finish (exporter, result, error);
}

static char *
run (const char * const *argv,
     int                *out_status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  *out_status = g_spawn_check_wait_status (status, NULL) ? 0 : 1;
  if (*out_status != 0)
    g_test_message ("%s failed:\n%s\n%s", argv[0], out, err);
  return out;
}

/* The two workbooks hold the same parts with the same bytes, but for the
 * time they were made (docProps/core.xml). */
static void
assert_same_workbook (const char *a,
                      const char *b)
{
  const char *script =
    "import sys, zipfile\n"
    "a, b = (zipfile.ZipFile(p) for p in sys.argv[1:3])\n"
    "names = sorted(a.namelist())\n"
    "if names != sorted(b.namelist()):\n"
    "    sys.exit('parts differ: %s / %s' % (names, sorted(b.namelist())))\n"
    "diff = [n for n in names if n != 'docProps/core.xml' and a.read(n) != b.read(n)]\n"
    "print(len(names), 'parts;', 'differing:', diff)\n"
    "sys.exit(1 if diff or 'xl/worksheets/sheet2.xml' not in names else 0)\n";
  const char *argv[] = { "/usr/bin/python3", "-c", script, a, b, NULL };
  g_autofree char *out = NULL;
  int status;

  out = run (argv, &status);
  g_test_message ("%s", out);
  g_assert_cmpint (status, ==, 0);
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  int status;
  char *out = run (argv, &status);

  g_assert_cmpint (status, ==, 0);
  return out;
}

static void
test_xlsx (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sync = out_path (f, "sync.xlsx");
  g_autofree char *async = out_path (f, "async.xlsx");

  g_assert_true (dd_export_xlsx (f->store, &f->options, sync, &error));
  g_assert_no_error (error);
  g_assert_true (export_async (f->exporter, FALSE, &f->options, async, NULL, &error));
  g_assert_no_error (error);
  assert_same_workbook (sync, async);

  /* Again on the same exporter, into an existing file: replaced. */
  g_assert_true (export_async (f->exporter, FALSE, &f->options, async, NULL, &error));
  g_assert_no_error (error);
  assert_same_workbook (sync, async);
}

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *sync = out_path (f, "sync.pdf");
  g_autofree char *async = out_path (f, "async.pdf");
  g_autofree char *sync_text = NULL;
  g_autofree char *async_text = NULL;
  DdExportOptions options = f->options;
  char *place = g_strdup ("Hà Tĩnh");

  options.place = place;
  g_assert_true (dd_export_pdf (f->store, &options, sync, &error));
  g_assert_no_error (error);
  dd_exporter_export_pdf_async (f->exporter, &options, async, NULL, on_result_cb, &result);
  /* The caller's strings may go once the export is asked for. */
  memset (place, 'x', strlen (place));
  g_free (place);
  wait_for (&result);
  g_assert_true (dd_exporter_export_pdf_finish (f->exporter, result, &error));
  g_assert_no_error (error);

  sync_text = pdf_text (sync);
  async_text = pdf_text (async);
  g_assert_nonnull (strstr (async_text, "Hà Tĩnh"));
  g_assert_nonnull (strstr (async_text, "662/KH-VPUB"));
  g_assert_cmpstr (async_text, ==, sync_text);
}

static void
assert_same_error (const GError *expected,
                   const GError *error)
{
  g_assert_nonnull (expected);
  g_assert_nonnull (error);
  g_assert_cmpstr (g_quark_to_string (error->domain), ==, g_quark_to_string (expected->domain));
  g_assert_cmpint (error->code, ==, expected->code);
  g_assert_cmpstr (error->message, ==, expected->message);
}

/* A failed export leaves no temporary file (".existing.pdf.XXXXXX.part"). */
static void
assert_no_part_file (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_suffix (name, ".part"));
}

/* The errors of the synchronous functions, and no file left behind. */
static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *nowhere = g_build_filename (f->dir, "no-such-folder", "x.out", NULL);
  g_autofree char *existing = out_path (f, "existing.pdf");
  g_autofree char *content = NULL;
  DdExportOptions options = f->options;

  for (guint pdf = 0; pdf <= 1; pdf++)
    {
      g_autoptr(GError) expected = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_false (pdf ? dd_export_pdf (f->store, &options, nowhere, &expected)
                          : dd_export_xlsx (f->store, &options, nowhere, &expected));
      g_assert_false (export_async (f->exporter, pdf, &options, nowhere, NULL, &error));
      g_assert_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_WRITE);
      assert_same_error (expected, error);
      g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
    }

  /* An unknown plan: the existing file stays as it was. */
  g_assert_true (g_file_set_contents (existing, "old", -1, NULL));
  options.tasks.plan_id = 999;
  for (guint pdf = 0; pdf <= 1; pdf++)
    {
      g_autoptr(GError) expected = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_false (pdf ? dd_export_pdf (f->store, &options, existing, &expected)
                          : dd_export_xlsx (f->store, &options, existing, &expected));
      g_assert_false (export_async (f->exporter, pdf, &options, existing, NULL, &error));
      g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW);
      assert_same_error (expected, error);
      g_assert_true (g_file_get_contents (existing, &content, NULL, NULL));
      g_assert_cmpstr (content, ==, "old");
      g_clear_pointer (&content, g_free);
    }
  assert_no_part_file (f->dir);
}

/* Cancelled before it starts: no file; the exporter goes on with the next. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *xlsx = out_path (f, "cancelled.xlsx");
  g_autofree char *pdf = out_path (f, "cancelled.pdf");
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (export_async (f->exporter, FALSE, &f->options, xlsx, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (export_async (f->exporter, TRUE, &f->options, pdf, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (g_file_test (xlsx, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  g_assert_true (export_async (f->exporter, FALSE, &f->options, xlsx, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));
}

/* A database in memory has no second connection: the export runs on the
 * main thread, on the store itself, with the same result. */
static void
test_memory (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_test_new_store (":memory:");
  g_autoptr(DdExporter) exporter = dd_exporter_new (store);
  g_autofree char *dir = dd_test_make_tmp_dir ("dondoc-export-async-XXXXXX");
  g_autofree char *sync = g_build_filename (dir, "sync.xlsx", NULL);
  g_autofree char *async = g_build_filename (dir, "async.xlsx", NULL);
  DdExportOptions options;

  dd_export_options_init (&options);
  options.tasks.as_of = dd_test_date ("2026-06-20");
  g_assert_true (dd_export_xlsx (store, &options, sync, &error));
  g_assert_no_error (error);
  g_assert_true (export_async (exporter, FALSE, &options, async, NULL, &error));
  g_assert_no_error (error);
  assert_same_workbook (sync, async);
  dd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/export-async/xlsx", test_xlsx);
  ADD ("/core/export-async/pdf", test_pdf);
  ADD ("/core/export-async/errors", test_errors);
  ADD ("/core/export-async/cancel", test_cancel);
  g_test_add_func ("/core/export-async/memory", test_memory);
#undef ADD

  return g_test_run ();
}
