/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "dd-store-private.h"
#include "dd-test-core.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = dd_test_make_tmp_dir ("dondoc-store-XXXXXX");
  f->path = g_build_filename (f->dir, "test.sqlite", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  dd_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
sql_int (DdStore    *store,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_prepare_v2 (_dd_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static DdStore *
open_with_seed (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *seed = dd_test_seed_path ();
  g_autoptr(DdImportedPlan) plan = NULL;
  DdStore *store;
  DdImportSummary summary;

  store = dd_store_open (f->path, DD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  plan = dd_importer_parse_file (seed, DD_IMPORT_FORMAT_AUTO, &error);
  g_assert_no_error (error);
  g_assert_true (dd_store_import_plan (store, plan, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.tasks_added, ==, 8);
  g_assert_false (summary.plan_existed);
  return store;
}

static void
test_migrate_from_empty (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (f->path, DD_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_cmpint (dd_store_get_schema_version (store), ==, DD_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (store, "PRAGMA user_version"), ==, DD_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (store, "PRAGMA application_id"), ==, DD_APPLICATION_ID);
  g_assert_cmpint (sql_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                                   "('plans','units','tasks','task_coordinators','progress_updates',"
                                   "'indicators','indicator_figures','settings','deadline_kinds')"), ==, 9);
  g_assert_false (dd_store_is_read_only (store));
  g_assert_cmpuint (dd_test_count_tasks (store), ==, 0);
}

static void
test_create_refuses_existing (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (f->path, "precious notes", -1, NULL));
  before = dd_test_file_checksum (f->path);
  store = dd_store_open (f->path, DD_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_EXISTS);
  after = dd_test_file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_missing_not_created (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (f->path, DD_STORE_OPEN_EXISTING, &error);

  g_assert_null (store);
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = open_with_seed (f);

  g_clear_object (&store);
  store = dd_store_open (f->path, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_test_count_tasks (store), ==, 8);
  g_assert_cmpint (dd_store_get_schema_version (store), ==, DD_SCHEMA_VERSION);
  /* The shared-file rule: rollback journal, never WAL. */
  {
    sqlite3_stmt *stmt = NULL;
    sqlite3_prepare_v2 (_dd_store_get_db (store), "PRAGMA journal_mode", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "delete");
    sqlite3_finalize (stmt);
  }
}

static void
test_foreign_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = dd_test_file_checksum (f->path);

  store = dd_store_open (f->path, DD_STORE_OPEN_EXISTING, &error);
  g_assert_null (store);
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FOREIGN);
  after = dd_test_file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_not_database (Fixture       *f,
                   gconstpointer  data)
{
  const char *contents[] = { "", "TT\tNhiệm vụ\n1.\tx\n", "SQLite format 3" /* truncated header */ };

  for (guint i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DdStore) store = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;

      g_assert_true (g_file_set_contents (f->path, contents[i], -1, NULL));
      before = dd_test_file_checksum (f->path);
      store = dd_store_open (f->path, DD_STORE_OPEN_EXISTING, &error);
      g_assert_null (store);
      g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NOT_DATABASE);
      after = dd_test_file_checksum (f->path);
      g_assert_cmpstr (before, ==, after);
    }
}

static void
test_read_only_flag (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = open_with_seed (f);
  g_autoptr(DdTask) task = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_clear_object (&store);
  before = dd_test_file_checksum (f->path);
  store = dd_store_open (f->path, DD_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (dd_store_is_read_only (store));
  g_assert_nonnull (dd_store_get_read_only_reason (store));
  g_assert_cmpuint (dd_test_count_tasks (store), ==, 8);
  g_assert_false (dd_store_record_progress (store, 1, 50, NULL, NULL, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_READ_ONLY);
  g_clear_object (&store);
  after = dd_test_file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

/* A file the user may not write is opened read-only with a message. Root
 * may write anything, so as root the check runs as "nobody" in a child. */
static void
test_read_only_permissions (Fixture       *f,
                            gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DdStore) store = NULL;
      const char *path = g_getenv ("DD_TEST_RO_PATH");

      if (getuid () == 0)
        {
          g_assert_cmpint (setgid (65534), ==, 0);
          g_assert_cmpint (setuid (65534), ==, 0);
        }
      store = dd_store_open (path, DD_STORE_OPEN_EXISTING, &error);
      g_assert_no_error (error);
      g_assert_true (dd_store_is_read_only (store));
      g_assert_nonnull (strstr (dd_store_get_read_only_reason (store), "test.sqlite"));
      g_assert_cmpuint (dd_test_count_tasks (store), ==, 8);
      g_assert_false (dd_store_set_setting (store, "x", "y", &error));
      g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_READ_ONLY);
      return;
    }
  else
    {
      g_autoptr(DdStore) store = open_with_seed (f);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;

      g_clear_object (&store);
      g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
      g_assert_cmpint (g_chmod (f->dir, 0555), ==, 0);
      before = dd_test_file_checksum (f->path);
      g_setenv ("DD_TEST_RO_PATH", f->path, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      after = dd_test_file_checksum (f->path);
      g_assert_cmpstr (before, ==, after);
    }
}

static void
test_newer_version_read_only (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = open_with_seed (f);
  sqlite3 *db = NULL;

  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = dd_store_open (f->path, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_true (dd_store_is_read_only (store));
  g_assert_nonnull (strstr (dd_store_get_read_only_reason (store), "99"));
  g_assert_cmpuint (dd_test_count_tasks (store), ==, 8);
}

static void
test_import_idempotent (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = open_with_seed (f);
  g_autofree char *seed = dd_test_seed_path ();
  g_autoptr(DdImportedPlan) plan = dd_importer_parse_file (seed, DD_IMPORT_FORMAT_AUTO, &error);
  g_autoptr(GListModel) plans = NULL;
  g_autoptr(GListModel) units = NULL;
  DdImportSummary summary;
  gint64 units_before;

  g_assert_no_error (error);
  g_assert_true (dd_store_record_progress (store, 1, 40, NULL, "bản nháp", NULL, &error));
  g_assert_no_error (error);
  units_before = sql_int (store, "SELECT count(*) FROM units");

  g_assert_true (dd_store_import_plan (store, plan, &summary, &error));
  g_assert_no_error (error);
  g_assert_true (summary.plan_existed);
  g_assert_cmpuint (summary.tasks_added, ==, 0);
  g_assert_cmpuint (summary.tasks_updated, ==, 0);
  g_assert_cmpuint (summary.tasks_unchanged, ==, 8);
  g_assert_cmpuint (summary.tasks_kept, ==, 0);
  g_assert_cmpuint (summary.units_added, ==, 0);
  g_assert_cmpuint (dd_test_count_tasks (store), ==, 8);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM units"), ==, units_before);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM indicators"), ==, 3);

  plans = dd_store_list_plans (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);

  /* Re-import keeps the progress the units reported. */
  {
    g_autoptr(DdTask) task = dd_store_get_task (store, 1, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (dd_task_get_progress (task), ==, 40);
    g_assert_cmpstr (dd_task_get_actual_product (task), ==, "bản nháp");
  }

  /* A revised plan: one task reworded, the last one gone. */
  {
    g_autoptr(DdImportedPlan) revised = dd_importer_parse_file (seed, DD_IMPORT_FORMAT_AUTO, &error);
    DdImportedTask *second;

    g_assert_no_error (error);
    second = g_ptr_array_index (revised->tasks, 1);
    g_free (second->title);
    second->title = g_strdup ("Tham mưu quy trình nội bộ, quy trình điện tử (sửa đổi)");
    g_ptr_array_remove_index (revised->tasks, 7);
    g_assert_true (dd_store_import_plan (store, revised, &summary, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (summary.tasks_added, ==, 0);
    g_assert_cmpuint (summary.tasks_updated, ==, 1);
    g_assert_cmpuint (summary.tasks_unchanged, ==, 6);
    g_assert_cmpuint (summary.tasks_kept, ==, 1);
    g_assert_cmpuint (dd_test_count_tasks (store), ==, 8);
  }

  /* "Trung tâm Phục vụ Hành chính công" (appendix) is one unit, whatever
   * the case or a trailing "tỉnh". */
  units = dd_store_list_units (store, 0, &error);
  g_assert_no_error (error);
  {
    guint n = 0;
    for (guint i = 0; i < g_list_model_get_n_items (units); i++)
      {
        g_autoptr(DdUnit) u = g_list_model_get_item (units, i);
        g_autofree char *key = dd_text_unit_match_key (dd_unit_get_name (u));
        if (g_str_equal (key, "trung tâm phục vụ hành chính công"))
          n++;
        if (g_str_equal (dd_unit_get_name (u), "Phòng Hành chính - Quản trị"))
          {
            g_assert_cmpuint (dd_unit_get_n_led (u), ==, 6);
            g_assert_false (dd_unit_get_is_group (u));
          }
        if (g_str_equal (dd_unit_get_name (u), "Các phòng, ban, đơn vị liên quan"))
          {
            g_assert_true (dd_unit_get_is_group (u));
            g_assert_cmpuint (dd_unit_get_n_coordinated (u), ==, 4);
          }
      }
    g_assert_cmpuint (n, ==, 1);
  }
}

static void
test_failed_import_changes_nothing (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = open_with_seed (f);
  g_autoptr(DdImportedPlan) plan = dd_imported_plan_new ();
  gint64 changes_before = sql_int (store, "SELECT total_changes ()");
  gint64 units_before = sql_int (store, "SELECT count(*) FROM units");

  plan->number = g_strdup ("99/KH-TEST");
  plan->title = g_strdup ("Kế hoạch thử");
  for (guint i = 0; i < 3; i++)
    {
      DdImportedTask *task = g_new0 (DdImportedTask, 1);
      task->line = 10 + i;
      task->number = g_strdup (i == 2 ? "1." : (i == 0 ? "1." : "2."));
      task->title = g_strdup_printf ("Nhiệm vụ %u", i);
      task->lead = g_strdup_printf ("Đơn vị mới %u", i);
      task->coordinators = g_ptr_array_new_with_free_func (g_free);
      task->deadline.understood = TRUE;
      g_date_clear (&task->deadline.due, 1);
      g_ptr_array_add (plan->tasks, task);
    }

  g_assert_false (dd_store_import_plan (store, plan, NULL, &error));
  g_assert_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "12"));
  g_assert_cmpuint (dd_test_count_tasks (store), ==, 8);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM plans"), ==, 1);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM units"), ==, units_before);
  g_assert_cmpint (sql_int (store, "SELECT total_changes ()"), ==, changes_before);
}

static void
test_save_and_conflict (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = open_with_seed (f);
  g_autoptr(DdTask) original = dd_store_get_task (store, 2, NULL, &error);
  g_autoptr(DdTask) mine = NULL;
  g_autoptr(DdTask) theirs = NULL;
  g_autoptr(DdTask) reread = NULL;
  /* Not the lead: a unit cannot lead and coordinate a task (issue 15). */
  const char *coordinators[] = { "Văn phòng Đảng ủy", "Trung tâm Phục vụ hành chính công tỉnh", NULL };
  GDate done;

  g_assert_no_error (error);
  mine = dd_task_copy (original);
  theirs = dd_task_copy (original);

  dd_task_set_title (mine, "Tham mưu quy trình nội bộ (sửa)");
  dd_task_set_lead (mine, "Phòng Tổng hợp");
  dd_task_set_coordinators (mine, coordinators);
  g_assert_true (dd_task_set_deadline_text (mine, "Trước 15/6/2026", &error));
  g_assert_no_error (error);
  dd_task_set_progress (mine, 100);
  g_date_clear (&done, 1);
  g_date_set_dmy (&done, 10, 6, 2026);
  dd_task_set_completed_on (mine, &done);
  dd_task_set_actual_product (mine, "Quyết định số 12/QĐ-UBND");
  g_assert_true (dd_store_save_task (store, mine, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dd_task_get_revision (mine), ==, dd_task_get_revision (original) + 1);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM progress_updates WHERE task_id = 2"), ==, 1);

  /* The other desktop read the old revision: its save is refused. */
  dd_task_set_title (theirs, "Một sửa đổi khác");
  g_assert_false (dd_store_save_task (store, theirs, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  reread = dd_store_get_task (store, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_task_get_title (reread), ==, "Tham mưu quy trình nội bộ (sửa)");
  g_assert_cmpstr (dd_task_get_lead (reread), ==, "Phòng Tổng hợp");
  g_assert_cmpstr (dd_task_get_coordinators (reread)[1], ==, "Trung tâm Phục vụ Hành chính công");
  g_assert_cmpint (dd_task_get_deadline_kind (reread), ==, DD_DEADLINE_DATE);
  g_assert_cmpint (dd_task_get_status (reread), ==, DD_STATUS_DONE_ON_TIME);
  g_assert_cmpstr (dd_task_get_actual_product (reread), ==, "Quyết định số 12/QĐ-UBND");

  /* An empty title is refused and nothing changes. */
  {
    g_autoptr(DdTask) bad = dd_task_copy (reread);
    dd_task_set_title (bad, "   ");
    g_assert_false (dd_store_save_task (store, bad, &error));
    g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  }
}

static void
test_record_progress (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = open_with_seed (f);
  g_autoptr(DdTask) task = NULL;
  GDate as_of, done;

  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, 15, 5, 2026);
  task = dd_store_get_task (store, 1, &as_of, &error);
  g_assert_cmpint (dd_task_get_status (task), ==, DD_STATUS_OVERDUE);
  g_clear_object (&task);

  g_assert_false (dd_store_record_progress (store, 1, 150, NULL, NULL, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dd_store_record_progress (store, 999, 10, NULL, NULL, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW);
  g_clear_error (&error);

  g_date_clear (&done, 1);
  g_date_set_dmy (&done, 2, 5, 2026);
  g_assert_true (dd_store_record_progress (store, 1, -1, &done, "Kế hoạch", "ghi chú", &error));
  g_assert_no_error (error);
  task = dd_store_get_task (store, 1, &as_of, &error);
  g_assert_cmpuint (dd_task_get_progress (task), ==, 100);
  g_assert_cmpint (dd_task_get_status (task), ==, DD_STATUS_DONE_LATE);
  g_clear_object (&task);

  /* Back to 60%: no longer completed. */
  g_assert_true (dd_store_record_progress (store, 1, 60, NULL, NULL, NULL, &error));
  task = dd_store_get_task (store, 1, &as_of, &error);
  g_assert_null (dd_task_get_completed_on (task));
  g_assert_cmpint (dd_task_get_status (task), ==, DD_STATUS_OVERDUE);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM progress_updates WHERE task_id = 1"), ==, 2);
}

static void
test_load_default (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (f->path, DD_STORE_OPEN_CREATE, &error);
  g_autoptr(DdTask) task = NULL;
  g_autofree char *completed = NULL;
  GDate as_of;

  g_assert_no_error (error);
  g_assert_false (dd_store_has_tasks (store, &error));
  g_assert_no_error (error);
  g_assert_true (dd_store_load_default (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dd_test_count_tasks (store), ==, 8);
  g_assert_true (dd_store_has_tasks (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM indicators"), ==, 3);
  g_assert_false (dd_store_is_sample (store));

  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, 15, 5, 2026);
  task = dd_store_get_task (store, 1, &as_of, &error);
  g_assert_no_error (error);
  completed = dd_date_to_iso (dd_task_get_completed_on (task));
  g_assert_cmpstr (completed, ==, "2026-04-28");
  g_assert_cmpint (dd_task_get_status (task), ==, DD_STATUS_DONE_ON_TIME);
  g_assert_nonnull (strstr (dd_task_get_actual_product (task), "662/KH-VPUB"));
  /* Nothing else is claimed. */
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM tasks WHERE completed_on IS NOT NULL"), ==, 1);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM tasks WHERE progress > 0"), ==, 1);

  /* Tasks in the recycle bin do not count. */
  g_assert_cmpint (sqlite3_exec (_dd_store_get_db (store), "UPDATE tasks SET deleted_at = '2026-05-01 00:00:00'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (dd_store_has_tasks (store, &error));
  g_assert_no_error (error);
}

static void
test_open_default (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autofree char *path = NULL;

  /* G_TEST_OPTION_ISOLATE_DIRS gives each test its own XDG data folder. */
  path = dd_store_dup_default_path ();
  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  store = dd_store_open_default (&error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (dd_test_count_tasks (store), ==, 8);
  g_clear_object (&store);
  /* Second start: the same file, not loaded twice. */
  store = dd_store_open_default (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_test_count_tasks (store), ==, 8);
  g_clear_object (&store);
  {
    g_autofree char *dir = g_path_get_dirname (path);
    dd_test_remove_tree (dir);
  }
}

static void
test_sample (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (f->path, DD_STORE_OPEN_CREATE, &error);
  g_autoptr(GListModel) plans = NULL;
  g_autoptr(GListModel) units = NULL;
  guint counts[DD_N_STATUSES];
  DdTaskQuery q;
  GDate today;

  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 25, 11, 2026);
  g_assert_true (dd_store_load_sample (store, &today, &error));
  g_assert_no_error (error);
  g_assert_true (dd_store_is_sample (store));

  plans = dd_store_list_plans (store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (plans), >=, 3);
  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(DdPlan) plan = g_list_model_get_item (plans, i);
      g_assert_true (dd_plan_get_is_sample (plan));
      g_assert_nonnull (strstr (dd_plan_get_title (plan), "Dữ liệu mẫu"));
    }
  /* The plan pickers' list: the same plans in the same order, no count. */
  {
    g_autoptr(GListModel) names = dd_store_list_plan_names (store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (names), ==, g_list_model_get_n_items (plans));
    for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
      {
        g_autoptr(DdPlan) plan = g_list_model_get_item (plans, i);
        g_autoptr(DdPlan) named = g_list_model_get_item (names, i);
        g_autofree char *display = dd_plan_dup_display_name (plan);
        g_autofree char *named_display = dd_plan_dup_display_name (named);

        g_assert_cmpint (dd_plan_get_id (named), ==, dd_plan_get_id (plan));
        g_assert_cmpstr (dd_plan_get_number (named), ==, dd_plan_get_number (plan));
        g_assert_cmpstr (dd_plan_get_title (named), ==, dd_plan_get_title (plan));
        g_assert_cmpstr (named_display, ==, display);
        g_assert_cmpint (dd_plan_get_is_sample (named), ==, dd_plan_get_is_sample (plan));
        g_assert_cmpuint (dd_plan_get_n_tasks (plan), >, 0);
        g_assert_cmpuint (dd_plan_get_n_tasks (named), ==, 0);
      }
  }
  units = dd_store_list_units (store, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (units), >=, 12);

  dd_task_query_init (&q);
  q.as_of = today;
  g_assert_true (dd_store_count_by_status (store, &q, counts, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < DD_N_STATUSES; i++)
    {
      g_test_message ("%s: %u", dd_task_status_to_string (i), counts[i]);
      /* "Forgotten" is the status of an occurrence (a month or a report
       * period), not yet of a task as a whole. */
      if (i != DD_STATUS_FORGOTTEN)
        g_assert_cmpuint (counts[i], >, 0);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/core/store/migrate-from-empty", test_migrate_from_empty);
  ADD ("/core/store/create-refuses-existing", test_create_refuses_existing);
  ADD ("/core/store/missing-not-created", test_missing_not_created);
  ADD ("/core/store/reopen", test_reopen);
  ADD ("/core/store/foreign-refused", test_foreign_refused);
  ADD ("/core/store/not-database", test_not_database);
  ADD ("/core/store/read-only-flag", test_read_only_flag);
  ADD ("/core/store/read-only-permissions", test_read_only_permissions);
  ADD ("/core/store/newer-version-read-only", test_newer_version_read_only);
  ADD ("/core/store/import-idempotent", test_import_idempotent);
  ADD ("/core/store/failed-import-changes-nothing", test_failed_import_changes_nothing);
  ADD ("/core/store/save-and-conflict", test_save_and_conflict);
  ADD ("/core/store/record-progress", test_record_progress);
  ADD ("/core/store/load-default", test_load_default);
  ADD ("/core/store/open-default", test_open_default);
  ADD ("/core/store/sample", test_sample);
#undef ADD

  return g_test_run ();
}
