/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-cli-test"

#include <string.h>
#include <sys/wait.h>

#include "dd-cli-test.h"

const char *
cli_path (void)
{
  return g_getenv ("DONDOC_CLI");
}

void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *data_home = NULL;
  g_autofree char *config_home = NULL;
  g_autofree char *cache_home = NULL;

  f->dir = dd_test_make_tmp_dir ("dondoc-cli-XXXXXX");
  f->db = g_build_filename (f->dir, "test.sqlite", NULL);

  data_home = g_build_filename (f->dir, "data", NULL);
  config_home = g_build_filename (f->dir, "config", NULL);
  cache_home = g_build_filename (f->dir, "cache", NULL);

  f->envp = g_get_environ ();
  f->envp = g_environ_setenv (f->envp, "HOME", f->dir, TRUE);
  f->envp = g_environ_setenv (f->envp, "XDG_DATA_HOME", data_home, TRUE);
  f->envp = g_environ_setenv (f->envp, "XDG_CONFIG_HOME", config_home, TRUE);
  f->envp = g_environ_setenv (f->envp, "XDG_CACHE_HOME", cache_home, TRUE);
  f->envp = g_environ_setenv (f->envp, "LANGUAGE", "en", TRUE);
  f->envp = g_environ_setenv (f->envp, "LC_ALL", "C.UTF-8", TRUE);
  f->envp = g_environ_unsetenv (f->envp, "LANG");
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  dd_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_strfreev (f->envp);
}

Result
run_argv (Fixture            *f,
          const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Result r = { 0, NULL, NULL };
  int wait_status = 0;

  g_ptr_array_add (argv, (char *) cli_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (f->dir, (char **) argv->pdata, f->envp, G_SPAWN_DEFAULT,
                NULL, NULL, &r.out, &r.err, &wait_status, &error);
  g_assert_no_error (error);

  if (g_test_verbose ())
    {
      g_autofree char *line = g_strjoinv (" ", (char **) argv->pdata);

      g_test_message ("$ %s\n%s%s", line, r.out, r.err);
    }

  /* A crash or an abort (a failed assertion, a fatal warning) is a bug. */
  g_assert_true (WIFEXITED (wait_status));
  r.status = WEXITSTATUS (wait_status);

  g_assert_true (g_utf8_validate (r.out, -1, NULL));
  g_assert_true (g_utf8_validate (r.err, -1, NULL));

  return r;
}

void
assert_ok (Result *r)
{
  if (r->status != 0)
    g_test_message ("stderr: %s", r->err);
  g_assert_cmpint (r->status, ==, 0);
}

void
assert_refused (Result *r,
                int     status)
{
  g_assert_cmpint (r->status, ==, status);
  g_assert_true (g_str_has_prefix (r->err, "dondoc-cli: "));
}

JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

void
init_seed (Fixture *f)
{
  g_autofree char *seed = dd_test_seed_path ();
  Result r;

  r = run (f, "--db", f->db, "init");
  assert_ok (&r);
  result_clear (&r);
  r = run (f, "--db", f->db, "import", seed);
  assert_ok (&r);
  result_clear (&r);
}

void
init_csv (Fixture    *f,
          const char *csv)
{
  g_autofree char *path = g_build_filename (f->dir, "plan.csv", NULL);
  Result r;

  dd_test_write_file (path, csv, -1);
  r = run (f, "--db", f->db, "init");
  assert_ok (&r);
  result_clear (&r);
  r = run (f, "--db", f->db, "import", path);
  assert_ok (&r);
  result_clear (&r);
}
