/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-history"

#include "config.h"

#include <string.h>

#include <glib.h>

#include "dd-store-private.h"
#include "dd-test-core.h"

/*
 * The history browser's queries: dd_history_query() filtered by
 * person, unit and date range, newest first, paged; the people it can be
 * filtered by; and that a page stays fast on a log of hundreds of
 * thousands of entries.
 */

typedef struct
{
  char *dir;
  char *db;
  DdStore *store;
  DdHistory *history;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = dd_test_make_tmp_dir ("dondoc-history-XXXXXX");
  f->db = g_build_filename (f->dir, "dondoc.sqlite", NULL);
  f->store = dd_test_new_store (f->db);
  f->history = dd_history_new (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->history);
  g_clear_object (&f->store);
  dd_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static void
save_product (DdStore    *store,
              gint64      task_id,
              const char *product)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = dd_store_get_task (store, task_id, NULL, &error);
  g_autoptr(DdTask) copy = NULL;

  g_assert_no_error (error);
  copy = dd_task_copy (task);
  dd_task_set_product (copy, product);
  dd_store_save_task (store, copy, &error);
  g_assert_no_error (error);
}

static void
test_query_filters (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DdUsers) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 1);
  g_autoptr(GDateTime) earlier = g_date_time_add_hours (now, -1);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(DdTask) task2 = NULL;
  DdHistoryQuery query;
  gint64 unit_id;
  gint64 last_id;
  gboolean found_bob = FALSE;

  accounts = dd_users_new (f->store);
  dd_users_set_display_name (accounts, "Phó Chánh Văn phòng", &error);
  g_assert_no_error (error);
  dd_users_set_role (accounts, "bob", "Trần Thị Bình", DD_ROLE_ADMIN, 0, &error);
  g_assert_no_error (error);

  save_product (f->store, 1, "Sản phẩm của tôi");
  _dd_store_set_user (f->store, "bob");
  save_product (f->store, 2, "Sản phẩm của Bình");
  save_product (f->store, 3, "Sản phẩm khác của Bình");
  _dd_store_set_user (f->store, g_get_user_name ());

  /* Everything, newest first, with display names. */
  dd_history_query_init (&query);
  all = dd_history_query (f->history, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, >, 10);
  for (guint i = 1; i < all->len; i++)
    g_assert_cmpint (((DdAuditEntry *) all->pdata[i - 1])->id, >, ((DdAuditEntry *) all->pdata[i])->id);
  g_assert_cmpstr (((DdAuditEntry *) all->pdata[0])->user, ==, "bob");
  g_assert_cmpstr (((DdAuditEntry *) all->pdata[0])->display_name, ==, "Trần Thị Bình");

  /* By person. */
  query.user = "bob";
  entries = dd_history_query (f->history, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >=, 2);
  for (guint i = 0; i < entries->len; i++)
    g_assert_cmpstr (((DdAuditEntry *) entries->pdata[i])->user, ==, "bob");
  g_assert_cmpint (((DdAuditEntry *) entries->pdata[0])->task_id, ==, 3);
  g_assert_cmpint (((DdAuditEntry *) entries->pdata[entries->len - 1])->task_id, ==, 2);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* By unit: only the tasks it leads. */
  task2 = dd_store_get_task (f->store, 2, NULL, &error);
  g_assert_no_error (error);
  unit_id = dd_task_get_lead_id (task2);
  g_assert_cmpint (unit_id, >, 0);
  dd_history_query_init (&query);
  query.unit_id = unit_id;
  entries = dd_history_query (f->history, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >=, 2);
  for (guint i = 0; i < entries->len; i++)
    {
      g_autoptr(DdTask) task = dd_store_get_task (f->store, ((DdAuditEntry *) entries->pdata[i])->task_id,
                                                  NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (dd_task_get_lead_id (task), ==, unit_id);
    }
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* By date range. */
  dd_history_query_init (&query);
  query.from = earlier;
  query.to = later;
  entries = dd_history_query (f->history, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, all->len);
  g_clear_pointer (&entries, g_ptr_array_unref);
  query.from = later;
  query.to = tomorrow;
  entries = dd_history_query (f->history, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);
  query.from = NULL;
  query.to = earlier;
  entries = dd_history_query (f->history, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Pages of 4 put together give the whole log, in order, once. */
  dd_history_query_init (&query);
  query.limit = 4;
  last_id = 0;
  for (guint seen = 0; seen < all->len;)
    {
      query.before_id = last_id;
      entries = dd_history_query (f->history, &query, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (entries->len, ==, MIN (4, all->len - seen));
      for (guint i = 0; i < entries->len; i++)
        g_assert_cmpint (((DdAuditEntry *) entries->pdata[i])->id, ==,
                         ((DdAuditEntry *) all->pdata[seen + i])->id);
      seen += entries->len;
      last_id = ((DdAuditEntry *) entries->pdata[entries->len - 1])->id;
      g_clear_pointer (&entries, g_ptr_array_unref);
    }
  query.before_id = last_id;
  entries = dd_history_query (f->history, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);

  /* The people to filter by. */
  people = dd_history_list_people (f->history, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < people->len; i++)
    {
      DdHistoryPerson *person = people->pdata[i];

      if (g_str_equal (person->account, "bob"))
        {
          g_assert_cmpstr (person->display_name, ==, "Trần Thị Bình");
          found_bob = TRUE;
        }
      if (i > 0)
        g_assert_cmpstr (((DdHistoryPerson *) people->pdata[i - 1])->account, <, person->account);
    }
  g_assert_true (found_bob);
}

static double
time_query (DdHistory            *history,
            const DdHistoryQuery *query,
            guint                *out_len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 start = g_get_monotonic_time ();

  entries = dd_history_query (history, query, &error);
  g_assert_no_error (error);
  *out_len = entries->len;
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
test_query_large_log (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GDateTime) from = g_date_time_new_utc (2025, 3, 1, 0, 0, 0);
  g_autoptr(GDateTime) to = g_date_time_new_utc (2025, 3, 2, 0, 0, 0);
  g_autoptr(DdTask) task2 = dd_store_get_task (f->store, 2, NULL, &error);
  DdHistoryQuery query;
  const guint n = 300000;
  g_autofree char *sql = NULL;
  double ms;
  guint len;

  g_assert_no_error (error);

  /* The times are printed, not asserted (a loaded machine is no failure of
   * the code); what is asserted is that each filter finds what it should.
   * Years of changes by 40 people over 100,000 tasks, one every ~5 minutes
   * from 1/1/2024; the task ids of the file's own tasks (1–8) are among them. */
  sql = g_strdup_printf ("WITH RECURSIVE i (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < %u) "
                         "INSERT INTO audit_log (at, user, table_name, row_id, task_id, action, "
                         "old_values, new_values) "
                         "SELECT strftime ('%%Y-%%m-%%dT%%H:%%M:%%fZ', '2024-01-01', '+' || (n * 5) || ' minutes'), "
                         "'user' || (n %% 40), 'tasks', (n * 7) %% 100000 + 9, (n * 7) %% 100000 + 9, 'update', "
                         "'{\"progress\":10}', '{\"progress\":20}' FROM i", n);
  dd_sql_exec (f->store, "BEGIN", &error);
  g_assert_no_error (error);
  dd_sql_exec (f->store, sql, &error);
  g_assert_no_error (error);
  dd_sql_exec (f->store, "COMMIT", &error);
  g_assert_no_error (error);
  dd_sql_exec (f->store, "ANALYZE", &error);
  g_assert_no_error (error);

  dd_history_query_init (&query);
  query.limit = 200;
  ms = time_query (f->history, &query, &len);
  g_test_message ("newest page of %u entries: %.1f ms", n, ms);
  g_assert_cmpuint (len, ==, 200);

  query.user = "user7";
  ms = time_query (f->history, &query, &len);
  g_test_message ("one person's page: %.1f ms", ms);
  g_assert_cmpuint (len, ==, 200);

  /* A unit whose few tasks were rarely changed, far down the log. */
  query.user = NULL;
  query.unit_id = dd_task_get_lead_id (task2);
  ms = time_query (f->history, &query, &len);
  g_test_message ("one unit's page: %.1f ms (%u entries)", ms, len);
  g_assert_cmpuint (len, >, 0);

  query.unit_id = 0;
  query.from = from;
  query.to = to;
  ms = time_query (f->history, &query, &len);
  g_test_message ("one day's page: %.1f ms (%u entries)", ms, len);
  g_assert_cmpuint (len, ==, 200);

  query.user = "user3";
  ms = time_query (f->history, &query, &len);
  g_test_message ("one person on one day: %.1f ms (%u entries)", ms, len);
  /* 288 entries a day, one in 40 of them this person's. */
  g_assert_cmpuint (len, >=, 7);
  g_assert_cmpuint (len, <=, 8);

  {
    gint64 start = g_get_monotonic_time ();

    people = dd_history_list_people (f->history, &error);
    g_assert_no_error (error);
    ms = (g_get_monotonic_time () - start) / 1000.0;
  }
  g_test_message ("people in the log: %u in %.1f ms", people->len, ms);
  g_assert_cmpuint (people->len, >=, 40);
}

static void
test_unit_names (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) full = dd_store_list_units (f->store, 0, &error);
  g_autoptr(GListModel) names = NULL;
  g_autoptr(GListModel) store_names = NULL;

  g_assert_no_error (error);
  names = dd_history_list_units (f->history, &error);
  g_assert_no_error (error);
  /* The task list's unit filter reads them so (dd-filter-choices.c). */
  store_names = dd_store_list_unit_names (f->store, &error);
  g_assert_no_error (error);

  /* The same units in the same order, without the counts. */
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, g_list_model_get_n_items (full));
  g_assert_cmpuint (g_list_model_get_n_items (store_names), ==, g_list_model_get_n_items (full));
  g_assert_cmpuint (g_list_model_get_n_items (names), >, 2);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      g_autoptr(DdUnit) a = g_list_model_get_item (full, i);
      g_autoptr(DdUnit) b = g_list_model_get_item (names, i);
      g_autoptr(DdUnit) c = g_list_model_get_item (store_names, i);

      g_assert_cmpint (dd_unit_get_id (a), ==, dd_unit_get_id (b));
      g_assert_cmpstr (dd_unit_get_name (a), ==, dd_unit_get_name (b));
      g_assert_cmpint (dd_unit_get_is_group (a), ==, dd_unit_get_is_group (b));
      g_assert_cmpint (dd_unit_get_id (a), ==, dd_unit_get_id (c));
      g_assert_cmpstr (dd_unit_get_name (a), ==, dd_unit_get_name (c));
      g_assert_cmpint (dd_unit_get_is_group (a), ==, dd_unit_get_is_group (c));
    }
}

/* The changes of task @task_id, newest first, from dd_history_list_changes(). */
static GPtrArray *
task_changes (Fixture *f,
              gint64   task_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_audit_change_free);
  DdHistoryQuery query;

  dd_history_query_init (&query);
  query.task_id = task_id;
  entries = dd_history_query (f->history, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      g_autoptr(GPtrArray) some = dd_history_list_changes (f->history, entries->pdata[i], &error);

      g_assert_no_error (error);

      for (guint j = 0; j < some->len; j++)
        g_ptr_array_add (changes, dd_audit_change_copy (some->pdata[j]));
    }
  return changes;
}

static const DdAuditChange *
find_change (GPtrArray         *changes,
             DdAuditChangeKind  kind,
             DdAuditField       field)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const DdAuditChange *change = changes->pdata[i];

      if (change->kind == kind && change->field == field)
        return change;
    }
  g_error ("No change of kind %d and field %d", kind, field);
}

static void
test_changes (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = dd_store_get_task (f->store, 2, NULL, &error);
  g_autoptr(DdTask) copy = NULL;
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *number = NULL;
  g_autofree char *old_lead = NULL;
  g_autofree char *new_lead = NULL;
  const DdAuditChange *change;
  DdHistoryQuery query;
  gint64 new_lead_id = 0;

  g_assert_no_error (error);
  /* Its number as a sentence names it, without the plan's dot ("Task 2"). */
  g_assert_true (g_str_has_suffix (dd_task_get_number (task), "."));
  number = dd_format_task_number (dd_task_get_number (task));
  subject = g_strdup_printf ("Task %s", number);
  old_lead = g_strdup (dd_task_get_lead (task));

  /* A progress report: the task's field, and the report added. */
  dd_store_record_progress (f->store, 2, 45, NULL, NULL, "giữa kỳ", &error);
  g_assert_no_error (error);
  changes = task_changes (f, 2);
  change = find_change (changes, DD_AUDIT_CHANGE_FIELD, DD_AUDIT_FIELD_TASK_PROGRESS);
  g_assert_cmpstr (change->label, ==, "Progress");
  g_assert_cmpstr (change->label, ==, dd_audit_field_get_label (DD_AUDIT_FIELD_TASK_PROGRESS));
  g_assert_cmpstr (change->new_value, ==, "45%");
  g_assert_cmpstr (change->subject, ==, subject);
  g_assert_cmpstr (change->who, ==, g_get_user_name ());
  g_assert_nonnull (strchr (change->when, '/'));
  g_assert_cmpint (change->task_id, ==, 2);
  change = find_change (changes, DD_AUDIT_CHANGE_ADDED, DD_AUDIT_FIELD_NONE);
  g_assert_cmpstr (change->label, ==, "Progress reported");
  g_assert_cmpstr (change->new_value, ==, "45% — giữa kỳ");
  g_assert_cmpstr (change->old_value, ==, "");
  g_clear_pointer (&changes, g_ptr_array_unref);

  /* Another lead unit: both said by name, as they are called now. */
  units = dd_history_list_units (f->history, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (units) && new_lead_id == 0; i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);

      if (!dd_unit_get_is_group (unit) && dd_unit_get_id (unit) != dd_task_get_lead_id (task))
        {
          new_lead_id = dd_unit_get_id (unit);
          new_lead = g_strdup (dd_unit_get_name (unit));
        }
    }
  g_assert_cmpint (new_lead_id, >, 0);
  g_clear_object (&task);
  task = dd_store_get_task (f->store, 2, NULL, &error);
  g_assert_no_error (error);
  copy = dd_task_copy (task);
  dd_task_set_lead (copy, new_lead);
  dd_store_save_task (f->store, copy, &error);
  g_assert_no_error (error);
  changes = task_changes (f, 2);
  change = find_change (changes, DD_AUDIT_CHANGE_FIELD, DD_AUDIT_FIELD_TASK_LEAD_UNIT);
  g_assert_cmpstr (change->label, ==, "Lead unit");
  g_assert_cmpstr (change->old_value, ==, old_lead);
  g_assert_cmpstr (change->new_value, ==, new_lead);
  g_clear_pointer (&changes, g_ptr_array_unref);

  dd_store_rename_unit (f->store, new_lead_id, "Đơn vị đổi tên", &error);
  g_assert_no_error (error);
  changes = task_changes (f, 2);
  change = find_change (changes, DD_AUDIT_CHANGE_FIELD, DD_AUDIT_FIELD_TASK_LEAD_UNIT);
  g_assert_cmpstr (change->new_value, ==, "Đơn vị đổi tên");
  g_clear_pointer (&changes, g_ptr_array_unref);

  /* Which entry set which field (the conflict dialog asks). */
  dd_history_query_init (&query);
  query.task_id = 2;
  query.limit = 1;
  entries = dd_history_query (f->history, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_true (dd_audit_entry_sets (entries->pdata[0], DD_AUDIT_FIELD_TASK_LEAD_UNIT));
  g_assert_false (dd_audit_entry_sets (entries->pdata[0], DD_AUDIT_FIELD_TASK_NOTE));
  g_assert_false (dd_audit_entry_sets (entries->pdata[0], DD_AUDIT_FIELD_TASK_COORDINATORS));

  /* The recycle bin. */
  dd_store_delete_task (f->store, 2, &error);
  g_assert_no_error (error);
  dd_store_restore_task (f->store, 2, &error);
  g_assert_no_error (error);
  changes = task_changes (f, 2);
  change = find_change (changes, DD_AUDIT_CHANGE_TO_RECYCLE_BIN, DD_AUDIT_FIELD_NONE);
  g_assert_cmpstr (change->label, ==, "Moved to the recycle bin");
  change = find_change (changes, DD_AUDIT_CHANGE_FROM_RECYCLE_BIN, DD_AUDIT_FIELD_NONE);
  g_assert_cmpstr (change->label, ==, "Restored from the recycle bin");
  g_assert_cmpstr (change->new_value, ==, "");
}

/* The events of the follow-up loop (#15) said in words: the assigning
 * document, an extension with its decision, a reopened task. */
static const DdAuditChange *
find_added (GPtrArray  *changes,
            const char *label)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const DdAuditChange *change = changes->pdata[i];

      if (change->kind == DD_AUDIT_CHANGE_ADDED && g_str_equal (change->label, label))
        return change;
    }
  g_error ("No change added as “%s”", label);
}

static void
test_followup_changes (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = dd_store_get_task (f->store, 2, NULL, &error);
  g_autoptr(DdTask) copy = NULL;
  g_autoptr(DdSourceDocument) source = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  const DdAuditChange *change;
  GDate due, later, signed_on, done;

  g_assert_no_error (error);
  g_date_clear (&due, 1);
  g_date_set_dmy (&due, 15, G_DATE_JANUARY, 2027);
  g_date_clear (&later, 1);
  g_date_set_dmy (&later, 15, G_DATE_FEBRUARY, 2027);
  g_date_clear (&signed_on, 1);
  g_date_set_dmy (&signed_on, 2, G_DATE_DECEMBER, 2026);
  source = dd_source_document_new ("Thông báo kết luận", "125/TB-UBND", &signed_on, "UBND tỉnh");
  copy = dd_task_copy (task);
  dd_task_set_due (copy, &due);
  dd_task_set_source (copy, source);
  g_assert_true (dd_store_save_task (f->store, copy, &error));
  g_assert_no_error (error);
  g_assert_true (dd_store_extend_task (f->store, 2, &later, "Công văn số 45/UBND-TH", "Chờ số liệu",
                                       "Nguyễn Văn A", &signed_on, &error));
  g_assert_no_error (error);

  g_clear_object (&task);
  g_clear_object (&copy);
  task = dd_store_get_task (f->store, 2, NULL, &error);
  g_assert_no_error (error);
  copy = dd_task_copy (task);
  g_date_clear (&done, 1);
  g_date_set_dmy (&done, 3, G_DATE_DECEMBER, 2026);
  dd_task_set_completed_on (copy, &done);
  g_assert_true (dd_store_save_task (f->store, copy, &error));
  g_assert_no_error (error);
  g_clear_object (&task);
  g_clear_object (&copy);
  task = dd_store_get_task (f->store, 2, NULL, &error);
  g_assert_no_error (error);
  copy = dd_task_copy (task);
  dd_task_set_completed_on (copy, NULL);
  g_assert_true (dd_store_save_task (f->store, copy, &error));
  g_assert_no_error (error);

  changes = task_changes (f, 2);
  change = find_added (changes, "Assigning document recorded");
  g_assert_cmpstr (change->new_value, ==, "Thông báo kết luận 125/TB-UBND");
  change = find_added (changes, "Deadline extended");
  g_assert_cmpstr (change->new_value, ==, "15/02/2027 — Công văn số 45/UBND-TH");
  change = find_added (changes, "Task reopened");
  g_assert_cmpstr (change->who, ==, g_get_user_name ());
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "en", TRUE);

  g_test_add ("/core/history/query-filters", Fixture, NULL, fixture_set_up, test_query_filters,
              fixture_tear_down);
  g_test_add ("/core/history/followup-changes", Fixture, NULL, fixture_set_up, test_followup_changes,
              fixture_tear_down);
  g_test_add ("/core/history/changes", Fixture, NULL, fixture_set_up, test_changes,
              fixture_tear_down);
  g_test_add ("/core/history/unit-names", Fixture, NULL, fixture_set_up, test_unit_names,
              fixture_tear_down);
  g_test_add ("/core/history/query-large-log", Fixture, NULL, fixture_set_up, test_query_large_log,
              fixture_tear_down);

  return g_test_run ();
}
