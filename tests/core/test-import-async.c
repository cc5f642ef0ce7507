/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-async"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dd-test-core.h"
#include "dd-test-files.h"

/*
 * DdImporter: a plan's file read, parsed and written on the importer's own
 * thread and connection gives the plan, the summary and the database that
 * dd_importer_parse_file() and dd_store_import_plan() give at once; a bad
 * file or a refused write gives their error and changes nothing; a
 * cancelled import writes nothing.
 */

typedef struct
{
  char *path;
  DdStore *store;
  DdImporter *importer;
  guint changes;                /* "changed" of the store */
  guint changes_at_callback;
} Fixture;

static void
on_store_changed_cb (DdStore *store,
                     Fixture *f)
{
  f->changes++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = dd_test_create_store (&f->path);
  f->importer = dd_importer_new (f->store);
  g_assert_true (dd_importer_get_store (f->importer) == f->store);
  g_signal_connect (f->store, "changed", G_CALLBACK (on_store_changed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->importer);
  g_assert_finalize_object (f->store);
  dd_test_remove_store_file (f->path);
  g_free (f->path);
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
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

/* Imports @path with @f's importer and waits for the end. */
static DdImportedPlan *
import_async (Fixture          *f,
              const char       *path,
              GCancellable     *cancellable,
              DdImportSummary  *out_summary,
              GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dd_importer_import_file_async (f->importer, path, DD_IMPORT_FORMAT_AUTO, cancellable,
                                 on_result_cb, &result);
  /* Never at once: the caller's code after the call runs first. */
  g_assert_null (result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  f->changes_at_callback = f->changes;
  return dd_importer_import_file_finish (f->importer, result, out_summary, error);
}

static guint
count_plans (DdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) plans = dd_store_list_plans (store, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (plans);
}

static void
assert_same_summary (const DdImportSummary *expected,
                     const DdImportSummary *summary)
{
  g_assert_cmpint (summary->plan_id, ==, expected->plan_id);
  g_assert_cmpint (summary->plan_existed, ==, expected->plan_existed);
  g_assert_cmpuint (summary->tasks_added, ==, expected->tasks_added);
  g_assert_cmpuint (summary->tasks_updated, ==, expected->tasks_updated);
  g_assert_cmpuint (summary->tasks_unchanged, ==, expected->tasks_unchanged);
  g_assert_cmpuint (summary->tasks_kept, ==, expected->tasks_kept);
  g_assert_cmpuint (summary->units_added, ==, expected->units_added);
  g_assert_cmpuint (summary->indicators, ==, expected->indicators);
  g_assert_cmpuint (summary->tasks_flagged, ==, expected->tasks_flagged);
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

/* The same import done at once on another database with the same seed. */
static DdImportSummary
import_sync (DdStore    *store,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdImportedPlan) plan = dd_importer_parse_file (path, DD_IMPORT_FORMAT_AUTO, &error);
  DdImportSummary summary = { 0, };

  g_assert_no_error (error);
  g_assert_true (dd_store_import_plan (store, plan, &summary, &error));
  g_assert_no_error (error);
  return summary;
}

static void
test_file (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *good = data_path ("plan-official.txt");
  g_autofree char *other_path = NULL;
  g_autoptr(DdStore) other = dd_test_create_store (&other_path);
  g_autoptr(DdImportedPlan) expected = NULL;
  g_autoptr(DdImportedPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  DdImportSummary sync_summary;
  DdImportSummary summary = { 0, };
  guint n_before = dd_test_count_tasks (f->store);

  expected = dd_importer_parse_file (good, DD_IMPORT_FORMAT_AUTO, &error);
  g_assert_no_error (error);
  sync_summary = import_sync (other, good);

  plan = import_async (f, good, NULL, &summary, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_cmpstr (plan->number, ==, expected->number);
  g_assert_cmpstr (plan->title, ==, expected->title);
  g_assert_cmpuint (plan->tasks->len, ==, expected->tasks->len);
  g_assert_false (summary.plan_existed);
  g_assert_cmpuint (summary.tasks_added, ==, expected->tasks->len);
  assert_same_summary (&sync_summary, &summary);
  /* The store had read the change before the callback. */
  g_assert_cmpuint (f->changes_at_callback, >, 0);
  g_assert_cmpuint (dd_test_count_tasks (f->store), ==, n_before + expected->tasks->len);
  g_assert_cmpuint (dd_test_count_tasks (f->store), ==, dd_test_count_tasks (other));
  g_assert_cmpuint (count_plans (f->store), ==, count_plans (other));
  g_clear_pointer (&plan, dd_imported_plan_free);

  /* Again: the plan is updated in place, as at once. */
  sync_summary = import_sync (other, good);
  plan = import_async (f, good, NULL, &summary, &error);
  g_assert_no_error (error);
  g_assert_true (summary.plan_existed);
  g_assert_cmpuint (summary.tasks_unchanged, ==, expected->tasks->len);
  assert_same_summary (&sync_summary, &summary);
  g_assert_cmpuint (dd_test_count_tasks (f->store), ==, n_before + expected->tasks->len);

  g_assert_finalize_object (g_steal_pointer (&other));
  dd_test_remove_store_file (other_path);
}

/* The window's way: a preview that writes nothing, then the previewed
 * plan written, its new units mapped to the store's. */
static void
test_preview_then_import (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *good = data_path ("plan-official.txt");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DdImportPreview) preview = NULL;
  g_autoptr(GHashTable) map = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GListModel) units_before = NULL;
  g_autoptr(GListModel) units_after = NULL;
  g_autoptr(GError) error = NULL;
  DdImportSummary summary = { 0, };
  guint n_tasks = dd_test_count_tasks (f->store);
  guint n_new = 0;
  const char *existing_name;

  units_before = dd_store_list_units (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (units_before), >, 0);
  existing_name = dd_unit_get_name (g_list_model_get_item (units_before, 0));
  g_object_unref (g_list_model_get_item (units_before, 0));

  dd_importer_preview_file_async (f->importer, good, DD_IMPORT_FORMAT_AUTO, NULL, on_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  preview = dd_importer_preview_file_finish (f->importer, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (preview);
  g_assert_false (preview->plan_exists);
  g_assert_cmpuint (preview->changes->len, ==, 0);
  g_assert_cmpuint (preview->units->len, >, 0);
  g_assert_cmpuint (f->changes, ==, 0);
  g_assert_cmpuint (dd_test_count_tasks (f->store), ==, n_tasks);

  /* Every new unit filed under one the store has. */
  for (guint i = 0; i < preview->units->len; i++)
    {
      DdImportedUnit *unit = g_ptr_array_index (preview->units, i);

      if (unit->existing == NULL)
        {
          g_hash_table_insert (map, unit->name, (gpointer) existing_name);
          n_new++;
        }
    }
  g_assert_cmpuint (n_new, >, 0);
  dd_imported_plan_map_units (preview->plan, map);

  g_clear_object (&result);
  dd_importer_import_plan_async (f->importer, g_steal_pointer (&preview->plan), NULL, on_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (dd_importer_import_plan_finish (f->importer, result, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.units_added, ==, 0);
  g_assert_cmpuint (summary.tasks_added, >, 0);
  g_assert_cmpuint (dd_test_count_tasks (f->store), ==, n_tasks + summary.tasks_added);
  units_after = dd_store_list_units (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (units_after), ==, g_list_model_get_n_items (units_before));

  /* Previewed again: the plan is there now, and the file adds nothing new
   * but the units it names under their own spelling. */
  g_clear_object (&result);
  g_clear_pointer (&preview, dd_import_preview_free);
  dd_importer_preview_file_async (f->importer, good, DD_IMPORT_FORMAT_AUTO, NULL, on_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  preview = dd_importer_preview_file_finish (f->importer, result, &error);
  g_assert_no_error (error);
  g_assert_true (preview->plan_exists);
  for (guint i = 0; i < preview->changes->len; i++)
    g_assert_cmpint (((DdImportChange *) g_ptr_array_index (preview->changes, i))->kind, ==,
                     DD_IMPORT_CHANGE_CHANGED);
}

/* A bad file: the parser's error, and nothing written. */
static void
test_bad_file (Fixture       *f,
               gconstpointer  data)
{
  const char *names[] = { "bad-date.csv", "bad-no-table.txt", "no-task.txt", "no-such-file.csv" };
  guint n_tasks = dd_test_count_tasks (f->store);
  guint n_plans = count_plans (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *bad = data_path (names[i]);
      g_autoptr(DdImportedPlan) plan = NULL;
      g_autoptr(GError) expected = NULL;
      g_autoptr(GError) error = NULL;

      /* As at once: the parser's error, or the store's for a plan without
       * a task. */
      plan = dd_importer_parse_file (bad, DD_IMPORT_FORMAT_AUTO, &expected);
      if (plan != NULL)
        {
          g_assert_false (dd_store_import_plan (f->store, plan, NULL, &expected));
          g_clear_pointer (&plan, dd_imported_plan_free);
        }
      f->changes = 0;

      plan = import_async (f, bad, NULL, NULL, &error);
      g_assert_null (plan);
      assert_same_error (expected, error);
      g_test_message ("%s: %s", names[i], error->message);
      /* Nothing was committed: the store saw no change. */
      g_assert_cmpuint (f->changes, ==, 0);
    }
  g_assert_cmpuint (dd_test_count_tasks (f->store), ==, n_tasks);
  g_assert_cmpuint (count_plans (f->store), ==, n_plans);
}

/* The file open read-only: the store's refusal, as at once. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *good = data_path ("plan-official.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) expected = NULL;
  g_autoptr(DdImportedPlan) plan = NULL;
  g_autoptr(DdStore) read_only = dd_store_open (f->path, DD_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(DdImporter) importer = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  guint n_tasks = dd_test_count_tasks (f->store);

  g_assert_no_error (error);
  plan = dd_importer_parse_file (good, DD_IMPORT_FORMAT_AUTO, &error);
  g_assert_no_error (error);
  g_assert_false (dd_store_import_plan (read_only, plan, NULL, &expected));
  g_assert_error (expected, DD_STORE_ERROR, DD_STORE_ERROR_READ_ONLY);
  g_clear_pointer (&plan, dd_imported_plan_free);

  importer = dd_importer_new (read_only);
  dd_importer_import_file_async (importer, good, DD_IMPORT_FORMAT_AUTO, NULL, on_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  plan = dd_importer_import_file_finish (importer, result, NULL, &error);
  g_assert_null (plan);
  assert_same_error (expected, error);
  g_assert_cmpuint (dd_test_count_tasks (f->store), ==, n_tasks);
}

/* Cancelled before it starts: nothing written; the next import runs. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *good = data_path ("plan-official.txt");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(DdImportedPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  DdImportSummary summary = { 0, };
  guint n_tasks = dd_test_count_tasks (f->store);

  g_cancellable_cancel (cancellable);
  plan = import_async (f, good, cancellable, &summary, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (plan);
  g_clear_error (&error);
  g_assert_cmpuint (f->changes, ==, 0);
  g_assert_cmpuint (dd_test_count_tasks (f->store), ==, n_tasks);

  plan = import_async (f, good, NULL, &summary, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_cmpuint (dd_test_count_tasks (f->store), ==, n_tasks + plan->tasks->len);
}

/* A database in memory has no second connection: the import runs on the
 * main thread, on the store itself. */
static void
test_memory (void)
{
  g_autofree char *good = data_path ("plan-official.txt");
  g_autoptr(DdStore) store = dd_test_new_store (":memory:");
  g_autoptr(DdStore) other = dd_test_new_store (":memory:");
  Fixture f = { NULL, store, dd_importer_new (store), 0, 0 };
  g_autoptr(DdImportedPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  DdImportSummary sync_summary = import_sync (other, good);
  DdImportSummary summary = { 0, };

  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), &f);
  plan = import_async (&f, good, NULL, &summary, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  assert_same_summary (&sync_summary, &summary);
  g_assert_cmpuint (f.changes_at_callback, >, 0);
  g_assert_cmpuint (dd_test_count_tasks (store), ==, dd_test_count_tasks (other));
  g_assert_finalize_object (f.importer);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/import-async/preview-then-import", test_preview_then_import);
  ADD ("/core/import-async/file", test_file);
  ADD ("/core/import-async/bad-file", test_bad_file);
  ADD ("/core/import-async/refused", test_refused);
  ADD ("/core/import-async/cancel", test_cancel);
  g_test_add_func ("/core/import-async/memory", test_memory);
#undef ADD

  return g_test_run ();
}
