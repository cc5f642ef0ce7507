/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-test-core"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-store-private.h"
#include "dd-test-core.h"

DdStore *
dd_test_new_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (path, DD_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (dd_store_load_default (store, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

DdStore *
dd_test_create_store (char **out_path)
{
  g_autofree char *dir = dd_test_make_tmp_dir ("dondoc-test-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "test.sqlite", NULL);
  DdStore *store = dd_test_new_store (path);

  *out_path = g_steal_pointer (&path);
  return store;
}

void
dd_test_remove_store_file (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  dd_test_remove_tree (dir);
}

DdStore *
dd_test_open_other (const char *path,
                    const char *account)
{
  g_autoptr(GError) error = NULL;
  DdStore *other = dd_store_open (path, DD_STORE_OPEN_EXISTING, &error);

  g_assert_no_error (error);
  g_assert_nonnull (other);
  if (account != NULL)
    _dd_store_set_user (other, account);
  return other;
}

guint
dd_test_count_tasks (DdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTaskList) list = NULL;
  DdTaskQuery query;

  dd_task_query_init (&query);
  list = dd_store_query_tasks (store, &query, &error);
  g_assert_no_error (error);
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

gint64
dd_test_unit_id (DdStore    *store,
                 const char *name)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (_dd_store_get_db (store), "SELECT id FROM units WHERE name = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  g_assert_cmpint (id, >, 0);
  return id;
}

void
dd_test_complete_task (DdStore    *store,
                       gint64      plan_id,
                       const char *number,
                       const char *iso_date)
{
  g_autoptr(GError) error = NULL;
  GDate done = dd_test_date (iso_date);

  g_assert_true (dd_store_record_progress (store, _dd_store_find_task_by_number (store, plan_id, number),
                                           100, &done, NULL, NULL, &error));
  g_assert_no_error (error);
}

GDate
dd_test_date (const char *iso)
{
  GDate date;

  g_date_clear (&date, 1);
  if (iso != NULL)
    g_assert_true (dd_date_parse_iso (iso, &date));
  return date;
}

void
dd_test_init_i18n (void)
{
  const char *localedir = g_getenv ("DONDOC_LOCALEDIR");

  dd_init_i18n ();
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

void
dd_test_file_fixture_set_up (DdTestFileFixture *f,
                             gconstpointer      data)
{
  f->dir = dd_test_make_tmp_dir ("dondoc-test-XXXXXX");
  f->db = g_build_filename (f->dir, "dondoc.sqlite", NULL);
  f->store = dd_test_new_store (f->db);
}

void
dd_test_file_fixture_tear_down (DdTestFileFixture *f,
                                gconstpointer      data)
{
  g_clear_object (&f->store);
  dd_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

DdImportedPlan *
dd_test_plan_new (const char           *number,
                  const DdTestPlanTask *tasks,
                  guint                 n_tasks,
                  guint                 first,
                  guint                 n)
{
  DdImportedPlan *plan = dd_imported_plan_new ();
  DdImportedIndicator *indicator;

  plan->number = g_strdup (number);
  plan->title = g_strdup ("Kế hoạch cải cách hành chính");
  g_date_set_dmy (&plan->issued_on, 1, G_DATE_MARCH, 2025);
  for (guint i = first; i < first + n && i < n_tasks; i++)
    {
      DdImportedTask *task = g_new0 (DdImportedTask, 1);

      task->line = i + 1;
      task->number = g_strdup_printf ("%u.", i + 1);
      task->title = g_strdup (tasks[i].title);
      task->lead = g_strdup (tasks[i].lead);
      task->coordinators = g_ptr_array_new_with_free_func (g_free);
      if (tasks[i].coordinator != NULL)
        g_ptr_array_add (task->coordinators, g_strdup (tasks[i].coordinator));
      task->deadline_text = g_strdup (tasks[i].deadline);
      task->product = g_strdup ("Báo cáo");
      task->directing = g_strdup ("Thủ trưởng cơ quan");
      g_assert_true (dd_deadline_parse (task->deadline_text, &task->deadline, NULL));
      g_ptr_array_add (plan->tasks, task);
    }
  indicator = g_new0 (DdImportedIndicator, 1);
  indicator->title = g_strdup ("Tỷ lệ văn bản ký số");
  indicator->target = 90;
  g_ptr_array_add (plan->indicators, indicator);
  indicator = g_new0 (DdImportedIndicator, 1);
  indicator->title = g_strdup ("Tỷ lệ hồ sơ, nhiệm vụ đúng hạn");
  indicator->target = 100;
  g_ptr_array_add (plan->indicators, indicator);
  return plan;
}
