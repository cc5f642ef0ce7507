/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-export"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include <glib.h>
#include <glib/gstdio.h>

/*
 * `dondoc-cli export` and `report` as a scheduled job runs them (the
 * built program in $DONDOC_CLI), each case in its own temporary folder.
 */

typedef struct
{
  char *dir;
  char *db;
  char **envp;
} Fixture;

typedef struct
{
  int status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static Result
run_argv (Fixture            *f,
          const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Result r = { 0, NULL, NULL };
  int wait_status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("DONDOC_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (f->dir, (char **) argv->pdata, f->envp, G_SPAWN_DEFAULT, NULL, NULL,
                &r.out, &r.err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r.status = WEXITSTATUS (wait_status);
  if (r.status != 0)
    g_test_message ("stderr: %s", r.err);
  return r;
}

#define run(f, ...) run_argv ((f), (const char * const []) { __VA_ARGS__, NULL })

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *seed = g_test_build_filename (G_TEST_DIST, "..", "data", "seed", "ke-hoach-662-KH-VPUB.txt", NULL);
  g_auto(Result) r1 = { 0, };
  g_auto(Result) r2 = { 0, };

  f->dir = g_dir_make_tmp ("dondoc-cli-export-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "test.sqlite", NULL);
  f->envp = g_get_environ ();
  f->envp = g_environ_setenv (f->envp, "HOME", f->dir, TRUE);
  f->envp = g_environ_setenv (f->envp, "XDG_DATA_HOME", f->dir, TRUE);
  f->envp = g_environ_setenv (f->envp, "XDG_CONFIG_HOME", f->dir, TRUE);
  f->envp = g_environ_setenv (f->envp, "LANGUAGE", "en", TRUE);
  f->envp = g_environ_setenv (f->envp, "LC_ALL", "C.UTF-8", TRUE);

  r1 = run (f, "--db", f->db, "init");
  g_assert_cmpint (r1.status, ==, 0);
  r2 = run (f, "--db", f->db, "import", seed);
  g_assert_cmpint (r2.status, ==, 0);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_strfreev (f->envp);
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

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/export/xlsx", Fixture, NULL, fixture_set_up, test_export_xlsx, fixture_tear_down);
  g_test_add ("/cli/export/report-pdf", Fixture, NULL, fixture_set_up, test_report_pdf, fixture_tear_down);
  g_test_add ("/cli/export/refusals", Fixture, NULL, fixture_set_up, test_refusals, fixture_tear_down);
  return g_test_run ();
}
