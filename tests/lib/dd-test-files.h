/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Folders and files for the tests of every suite: GLib and SQLite only, so
 * that the command-line tests, which run the built program and do not link
 * the core, can use them too. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A new empty folder in the temporary folder, named after @tmpl
 * ("dondoc-store-XXXXXX"); fails the test when it cannot be made.
 * (transfer full) */
char  *dd_test_make_tmp_dir      (const char *tmpl);
/* Removes @path and, when it is a folder, all that is in it. Links are
 * removed, never followed; folders a test made read-only are made
 * writable first. */
void   dd_test_remove_tree       (const char *path);
/* Writes @len bytes of @data (-1: a text up to its NUL) to @path; fails the
 * test when it cannot. */
void   dd_test_write_file        (const char *path,
                                  const void *data,
                                  gssize      len);
/* The SHA-256 of the file @path, to tell whether it was written; fails the
 * test when the file cannot be read. (transfer full) */
char  *dd_test_file_checksum     (const char *path);
/* How many entries the folder @dir holds (0 when there is no such folder). */
guint  dd_test_count_files       (const char *dir);
/* The seed plan 662/KH-VPUB as the importer reads it
 * (data/seed/ke-hoach-662-KH-VPUB.txt). (transfer full) */
char  *dd_test_seed_path         (void);
/* Overwrites the root page of the tasks table of the database @path: its
 * schema stays readable, its tasks do not. */
void   dd_test_damage_tasks_page (const char *path);
/* Leaves the database @path as a writer killed in the middle of a change
 * would: the file with part of a change written and its hot journal
 * (@path-journal) beside it. The change, when rolled back, changes nothing. */
void   dd_test_make_hot_journal  (const char *path);

G_END_DECLS
