/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "dd-fuzz.h"

/*
 * Runs every file of a fuzz target's corpus through its
 * LLVMFuzzerTestOneInput(), one test case a file, without libFuzzer:
 *
 *   fuzz-TARGET-replay CORPUS_FOLDER [--tap]
 *
 * so that every test run (any compiler) checks the contract on the inputs
 * a fuzzer found interesting, and keeps each crash found fixed.
 */

static void
replay_file (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *corpus;
  const char *name;

  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    g_error ("usage: %s CORPUS_FOLDER", argv[0]);
  corpus = argv[1];
  dir = g_dir_open (corpus, 0, &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_assert_cmpuint (names->len, >, 0);
  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *test = g_strdup_printf ("/fuzz/replay/%s", file);

      g_test_add_data_func_full (test, g_build_filename (corpus, file, NULL), replay_file, g_free);
    }
  return g_test_run ();
}
