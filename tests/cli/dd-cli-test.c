/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

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
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *config_home = NULL;
  g_autofree char *cache_home = NULL;

  f->dir = g_dir_make_tmp ("dondoc-cli-XXXXXX", &error);
  g_assert_no_error (error);
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
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
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
