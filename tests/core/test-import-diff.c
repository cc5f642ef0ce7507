/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-diff"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dondoc/dondoc.h"
#include "dd-test-core.h"
#include "dd-test-files.h"

/*
 * Re-importing a revised plan: what would change, read before anything
 * is written; and the preview's unit mapping reaching the import.
 */

static DdImportedPlan *
parse_seed (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = dd_test_seed_path ();
  DdImportedPlan *plan = dd_importer_parse_file (path, DD_IMPORT_FORMAT_AUTO, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

static DdStore *
open_with_seed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdImportedPlan) plan = parse_seed ();
  DdStore *store = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_true (dd_store_import_plan (store, plan, NULL, &error));
  g_assert_no_error (error);
  return store;
}

static void
test_diff_new_and_same (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdImportedPlan) plan = parse_seed ();
  g_autoptr(DdStore) empty = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);
  g_autoptr(DdStore) store = open_with_seed ();
  g_autoptr(GPtrArray) changes = NULL;
  gboolean exists = TRUE;

  g_assert_no_error (error);
  changes = dd_store_diff_import (empty, plan, &exists, &error);
  g_assert_no_error (error);
  g_assert_false (exists);
  g_assert_cmpuint (changes->len, ==, 0);
  g_clear_pointer (&changes, g_ptr_array_unref);

  /* The same file again: nothing would change. */
  changes = dd_store_diff_import (store, plan, &exists, &error);
  g_assert_no_error (error);
  g_assert_true (exists);
  g_assert_cmpuint (changes->len, ==, 0);
}

static void
test_diff_revised (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdImportedPlan) plan = parse_seed ();
  g_autoptr(DdStore) store = open_with_seed ();
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *removed_number = NULL;
  g_autofree char *old_title = NULL;
  DdImportedTask *changed, *added, *last;
  DdImportChange *change;
  DdImportSummary summary = { 0 };
  gboolean exists = FALSE;
  guint n_before = dd_test_count_tasks (store);

  g_assert_cmpuint (plan->tasks->len, >=, 3);

  /* Task 2: a new title and a new deadline. */
  changed = g_ptr_array_index (plan->tasks, 1);
  old_title = g_strdup (changed->title);
  g_free (changed->title);
  changed->title = g_strdup ("Tham mưu trình phê duyệt quy trình nội bộ (sửa đổi)");
  g_free (changed->deadline_text);
  changed->deadline_text = g_strdup ("Trước 30/9/2026");
  g_assert_true (dd_deadline_parse (changed->deadline_text, &changed->deadline, NULL));

  /* The last task removed from the file. */
  last = g_ptr_array_index (plan->tasks, plan->tasks->len - 1);
  removed_number = g_strdup (last->number);
  g_ptr_array_remove_index (plan->tasks, plan->tasks->len - 1);

  /* A new task, "99.". */
  added = g_new0 (DdImportedTask, 1);
  added->line = 999;
  added->number = g_strdup ("99.");
  added->title = g_strdup ("Tổng kết thực hiện kế hoạch");
  added->lead = g_strdup ("Phòng Hành chính - Quản trị");
  added->coordinators = g_ptr_array_new_with_free_func (g_free);
  added->deadline_text = g_strdup ("Trước 15/12/2026");
  g_assert_true (dd_deadline_parse (added->deadline_text, &added->deadline, NULL));
  g_ptr_array_add (plan->tasks, added);

  changes = dd_store_diff_import (store, plan, &exists, &error);
  g_assert_no_error (error);
  g_assert_true (exists);
  g_assert_cmpuint (changes->len, ==, 3);

  change = g_ptr_array_index (changes, 0);
  g_assert_cmpint (change->kind, ==, DD_IMPORT_CHANGE_CHANGED);
  g_assert_cmpstr (change->number, ==, changed->number);
  g_assert_cmpint (change->fields, ==, DD_IMPORT_FIELD_TITLE | DD_IMPORT_FIELD_DEADLINE);
  g_assert_cmpstr (change->old_title, ==, old_title);
  g_assert_cmpstr (change->title, ==, changed->title);
  g_assert_nonnull (change->old_deadline);
  fields = dd_import_change_dup_fields_text (change);
  g_assert_cmpstr (fields, ==, "Task, Deadline");

  change = g_ptr_array_index (changes, 1);
  g_assert_cmpint (change->kind, ==, DD_IMPORT_CHANGE_ADDED);
  g_assert_cmpstr (change->number, ==, "99.");
  g_assert_cmpuint (change->line, ==, 999);

  change = g_ptr_array_index (changes, 2);
  g_assert_cmpint (change->kind, ==, DD_IMPORT_CHANGE_REMOVED);
  g_assert_cmpstr (change->number, ==, removed_number);
  g_assert_cmpuint (change->line, ==, 0);

  /* The diff wrote nothing; the import then does what it announced. */
  g_assert_cmpuint (dd_test_count_tasks (store), ==, n_before);
  g_assert_true (dd_store_import_plan (store, plan, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.tasks_added, ==, 1);
  g_assert_cmpuint (summary.tasks_updated, ==, 1);
  g_assert_cmpuint (summary.tasks_kept, ==, 1);
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = dd_store_diff_import (store, plan, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpint (((DdImportChange *) g_ptr_array_index (changes, 0))->kind, ==, DD_IMPORT_CHANGE_REMOVED);
}

/* A lead and a coordinator of the file mapped to units the store has:
 * the import creates no unit for them. */
static void
test_map_units (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdImportedPlan) plan = parse_seed ();
  g_autoptr(DdStore) store = open_with_seed ();
  g_autoptr(GHashTable) map = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GListModel) before = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autoptr(GPtrArray) units = NULL;
  DdImportedTask *task = g_ptr_array_index (plan->tasks, 0);
  DdImportSummary summary = { 0 };

  g_free (plan->number);
  plan->number = g_strdup ("700/KH-VPUB");
  g_free (task->lead);
  task->lead = g_strdup ("P. HC-QT");
  g_ptr_array_add (task->coordinators, g_strdup ("TT Phục vụ HCC"));
  g_ptr_array_add (task->coordinators, g_strdup ("Trung tâm Phục vụ Hành chính công"));

  units = dd_imported_plan_match_units (plan, store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < units->len; i++)
    {
      DdImportedUnit *unit = g_ptr_array_index (units, i);

      if (g_str_equal (unit->name, "P. HC-QT") || g_str_equal (unit->name, "TT Phục vụ HCC"))
        g_assert_null (unit->existing);
    }

  g_hash_table_insert (map, "P. HC-QT", "Phòng Hành chính - Quản trị");
  g_hash_table_insert (map, "TT Phục vụ HCC", "Trung tâm Phục vụ Hành chính công");
  dd_imported_plan_map_units (plan, map);
  g_assert_cmpstr (task->lead, ==, "Phòng Hành chính - Quản trị");
  /* The two coordinators are one unit now: named once. */
  for (guint i = 0, n = 0; i < task->coordinators->len; i++)
    {
      n += g_str_equal (g_ptr_array_index (task->coordinators, i), "Trung tâm Phục vụ Hành chính công");
      g_assert_cmpuint (n, <=, 1);
    }

  before = dd_store_list_units (store, 0, &error);
  g_assert_no_error (error);
  g_assert_true (dd_store_import_plan (store, plan, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.units_added, ==, 0);
  after = dd_store_list_units (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, g_list_model_get_n_items (before));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/import-diff/new-and-same", test_diff_new_and_same);
  g_test_add_func ("/core/import-diff/revised", test_diff_revised);
  g_test_add_func ("/core/import-diff/map-units", test_map_units);
  return g_test_run ();
}
