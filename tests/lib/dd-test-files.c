/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-test-files"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "dd-test-files.h"

char *
dd_test_make_tmp_dir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);
  return dir;
}

void
dd_test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          dd_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

void
dd_test_write_file (const char *path,
                    const void *data,
                    gssize      len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

char *
dd_test_file_checksum (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

guint
dd_test_count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

char *
dd_test_seed_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "seed", "ke-hoach-662-KH-VPUB.txt", NULL);
}

void
dd_test_damage_tasks_page (const char *path)
{
  g_autofree char *contents = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 root = 0, page_size = 0;
  gsize len = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT rootpage FROM sqlite_master WHERE name = 'tasks'), "
                                       "(SELECT page_size FROM pragma_page_size)", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  root = sqlite3_column_int64 (stmt, 0);
  page_size = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (root, >, 1);

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >=, (gsize) (root * page_size));
  for (gsize i = (gsize) ((root - 1) * page_size); i < (gsize) (root * page_size); i++)
    contents[i] = (char) (i * 7 + 3);
  dd_test_write_file (path, contents, (gssize) len);
}

void
dd_test_make_hot_journal (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *hot = g_strconcat (path, ".hot", NULL);
  g_autofree char *hot_journal = g_strconcat (path, ".hot-journal", NULL);
  g_autofree char *contents = NULL;
  sqlite3 *db = NULL;
  gsize len = 0;

  /* A change larger than a small page cache spills to the file before its
   * commit; the file and its journal are copied while it is under way. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA cache_size = 5; BEGIN; CREATE TABLE junk (x); "
                                     "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c "
                                     "WHERE i < 3000) INSERT INTO junk SELECT randomblob (1000) FROM c",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (g_file_get_contents (journal, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 0);
  dd_test_write_file (hot_journal, contents, (gssize) len);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  dd_test_write_file (hot, contents, (gssize) len);
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_rename (hot, path), ==, 0);
  g_assert_cmpint (g_rename (hot_journal, journal), ==, 0);
}
