/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-shared"

#include "config.h"

#include <time.h>
#include <utime.h>

#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "dd-store-private.h"
#include "dd-test-core.h"

/*
 * One file, many desktops: audit history, recycle bin, roles, filesystems
 * without locks, others' changes, damaged files, busy retries, backups.
 * Each test has its own folder with a database holding plan 662/KH-VPUB.
 */

/* dir, db and the store on it (tests/lib/dd-test-core.h). */
typedef DdTestFileFixture Fixture;

/* Auxiliary methods */

static gint64
sql_int (DdStore    *store,
         const char *sql)
{
  return dd_sql_query_int64 (store, sql, -1);
}

static char *
sql_text (DdStore    *store,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_dd_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static void
become (DdStore    *store,
        const char *account)
{
  _dd_store_set_user (store, account);
}

/* Audit history */

static void
test_audit (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(DdUsers) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = NULL;
  g_autoptr(DdTask) copy = NULL;
  g_autoptr(DdTask) stale = NULL;
  g_autoptr(DdHistory) log = dd_history_new (f->store);
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *old_product = NULL;
  g_autofree char *text = NULL;
  GDate day;
  gint64 before;

  /* The import wrote an insert for every row, by the user. */
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM audit_log WHERE table_name = 'plans' "
                                      "AND action = 'insert'"), ==, 1);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM audit_log WHERE table_name = 'tasks' "
                                      "AND action = 'insert'"), ==, 8);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM audit_log WHERE table_name = 'units'"), >, 0);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM audit_log WHERE table_name = 'indicators'"), >, 0);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM audit_log WHERE table_name = 'task_coordinators'"), >, 0);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM audit_log WHERE table_name = 'progress_updates'"), ==, 1);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM audit_log WHERE table_name = 'users'"), ==, 1);
  text = sql_text (f->store, "SELECT DISTINCT user FROM audit_log");
  g_assert_cmpstr (text, ==, g_get_user_name ());
  g_clear_pointer (&text, g_free);

  /* An update by alice: only the changed columns, old and new. */
  accounts = dd_users_new (f->store);
  dd_users_set_role (accounts, "alice", "Nguyễn Thị Alice", DD_ROLE_ADMIN, 0, &error);
  g_assert_no_error (error);
  become (f->store, "alice");
  task = dd_store_get_task (f->store, 2, NULL, &error);
  g_assert_no_error (error);
  old_product = g_strdup (dd_task_get_product (task));
  stale = dd_task_copy (task);
  copy = dd_task_copy (task);
  dd_task_set_product (copy, "Quyết định số 12/QĐ-VPUB");
  dd_store_save_task (f->store, copy, &error);
  g_assert_no_error (error);

  text = sql_text (f->store, "SELECT user || ' ' || action || ' ' || old_values || ' ' || new_values "
                             "FROM audit_log WHERE table_name = 'tasks' ORDER BY id DESC LIMIT 1");
  {
    g_autofree char *expected = g_strdup_printf ("alice update {\"product\":\"%s\",\"revision\":1} "
                                                 "{\"product\":\"Quyết định số 12/QĐ-VPUB\",\"revision\":2}",
                                                 old_product);
    g_assert_cmpstr (text, ==, expected);
  }
  g_clear_pointer (&text, g_free);

  /* A conflict writes nothing, not even to the history. */
  before = sql_int (f->store, "SELECT count(*) FROM audit_log");
  dd_task_set_product (stale, "Sản phẩm khác");
  g_assert_false (dd_store_save_task (f->store, stale, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM audit_log"), ==, before);

  /* Progress: the update and the new progress row. */
  dd_store_record_progress (f->store, 2, 60, NULL, NULL, "giữa kỳ", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->store, "SELECT json_extract (new_values, '$.progress') FROM audit_log "
                                      "WHERE table_name = 'tasks' ORDER BY id DESC LIMIT 1"), ==, 60);
  g_assert_cmpint (sql_int (f->store, "SELECT json_extract (old_values, '$.progress') FROM audit_log "
                                      "WHERE table_name = 'tasks' ORDER BY id DESC LIMIT 1"), ==, 0);
  text = sql_text (f->store, "SELECT json_extract (new_values, '$.note') FROM audit_log "
                             "WHERE table_name = 'progress_updates' ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (text, ==, "giữa kỳ");
  g_clear_pointer (&text, g_free);

  /* Settings: insert, then update with the old value. */
  dd_store_set_setting (f->store, "due_soon_days", "7", &error);
  g_assert_no_error (error);
  dd_store_set_setting (f->store, "due_soon_days", "3", &error);
  g_assert_no_error (error);
  text = sql_text (f->store, "SELECT action || ' ' || old_values || ' ' || new_values FROM audit_log "
                             "WHERE table_name = 'settings' ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (text, ==, "update {\"value\":\"7\",\"revision\":1} {\"value\":\"3\",\"revision\":2}");
  g_clear_pointer (&text, g_free);

  /* The deadline engine's tables are covered too. */
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 10, G_DATE_JUNE, 2026);
  {
    g_autoptr(DdCalendar) calendar = dd_calendar_new (f->store);

    dd_calendar_add_holiday (calendar, &day, DD_HOLIDAY_KIND_COMPENSATORY, "Nghỉ bù", &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM audit_log WHERE table_name = 'holidays' "
                                      "AND action = 'insert' AND user = 'alice'"), >=, 1);

  /* To the recycle bin and back. */
  dd_store_delete_task (f->store, 3, &error);
  g_assert_no_error (error);
  dd_store_restore_task (f->store, 3, &error);
  g_assert_no_error (error);
  text = sql_text (f->store, "SELECT group_concat (action, ',') FROM audit_log WHERE table_name = 'tasks' "
                             "AND row_id = 3 AND action <> 'insert'");
  g_assert_cmpstr (text, ==, "delete,restore");
  g_clear_pointer (&text, g_free);

  /* Reading it back. */
  history = dd_history_list (log, 2, NULL, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, >=, 4);
  for (guint i = 0; i < history->len; i++)
    g_assert_cmpint (((DdAuditEntry *) g_ptr_array_index (history, i))->task_id, ==, 2);
  g_clear_pointer (&history, g_ptr_array_unref);

  history = dd_history_list (log, 0, NULL, "alice", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, >=, 8);
  g_clear_pointer (&history, g_ptr_array_unref);

  dd_date_set_today (&day);
  g_date_add_days (&day, 2);
  history = dd_history_list (log, 0, &day, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 0);
}

/* Recycle bin */

static void
test_recycle_bin (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = NULL;
  g_autoptr(DdTask) copy = NULL;
  g_autoptr(GPtrArray) bin = NULL;
  g_autoptr(GListModel) plans = NULL;
  g_autoptr(DdPlan) plan = NULL;
  DdBinEntry *entry;
  DdTaskQuery query;
  guint counts[DD_N_STATUSES], total = 0;

  task = dd_store_get_task (f->store, 3, NULL, &error);
  g_assert_no_error (error);
  copy = dd_task_copy (task);

  g_assert_cmpuint (dd_test_count_tasks (f->store), ==, 8);
  dd_store_delete_task (f->store, 3, &error);
  g_assert_no_error (error);

  /* Gone from every query … */
  g_assert_cmpuint (dd_test_count_tasks (f->store), ==, 7);
  g_clear_object (&task);
  task = dd_store_get_task (f->store, 3, NULL, &error);
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW);
  g_assert_null (task);
  g_clear_error (&error);
  dd_task_query_init (&query);
  dd_store_count_by_status (f->store, &query, counts, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < DD_N_STATUSES; i++)
    total += counts[i];
  g_assert_cmpuint (total, ==, 7);
  plans = dd_store_list_plans (f->store, &error);
  g_assert_no_error (error);
  plan = g_list_model_get_item (plans, 0);
  g_assert_cmpuint (dd_plan_get_n_tasks (plan), ==, 7);

  /* … an edit of it is refused … */
  dd_task_set_product (copy, "x");
  g_assert_false (dd_store_save_task (f->store, copy, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW);
  g_clear_error (&error);
  g_assert_false (dd_store_record_progress (f->store, 3, 10, NULL, NULL, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW);
  g_clear_error (&error);
  g_assert_false (dd_store_delete_task (f->store, 3, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW);
  g_clear_error (&error);

  /* … but it is all still in the file, in the bin. */
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM tasks"), ==, 8);
  bin = dd_store_list_recycle_bin (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bin->len, ==, 1);
  entry = g_ptr_array_index (bin, 0);
  g_assert_cmpint (entry->task_id, ==, 3);
  g_assert_cmpstr (entry->deleted_by, ==, g_get_user_name ());
  g_assert_cmpstr (entry->plan_number, ==, "662/KH-VPUB");
  g_assert_nonnull (entry->deleted_at);

  dd_store_restore_task (f->store, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_test_count_tasks (f->store), ==, 8);
  g_assert_false (dd_store_restore_task (f->store, 3, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW);
}

/* Roles */

static gint64
lead_of (DdStore *store,
         gint64   task_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = dd_store_get_task (store, task_id, NULL, &error);

  g_assert_no_error (error);
  return dd_task_get_lead_id (task);
}

static void
assert_permission_error (GError **error)
{
  g_assert_error (*error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION);
  g_assert_null (strstr ((*error)->message, "dd:"));
  g_assert_cmpuint (strlen ((*error)->message), >, 20);
  g_clear_error (error);
}

static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(DdUsers) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = NULL;
  g_autoptr(DdTask) copy = NULL;
  g_autofree char *name = NULL;
  g_autofree char *seed = NULL;
  g_autoptr(DdImportedPlan) plan = NULL;
  gint64 unit, other_task = 0, before;

  /* The account that made the file is its administrator. */
  g_assert_cmpint (dd_store_get_role (f->store), ==, DD_ROLE_ADMIN);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM users WHERE role = 'admin'"), ==, 1);

  unit = lead_of (f->store, 2);
  for (gint64 id = 1; id <= 8; id++)
    if (lead_of (f->store, id) != unit)
      other_task = id;
  g_assert_cmpint (other_task, >, 0);

  accounts = dd_users_new (f->store);
  dd_users_set_role (accounts, "xem", NULL, DD_ROLE_VIEWER, 0, &error);
  g_assert_no_error (error);
  dd_users_set_role (accounts, "donvi", "Đầu mối đơn vị", DD_ROLE_UNIT_EDITOR, unit, &error);
  g_assert_no_error (error);
  g_assert_false (dd_users_set_role (accounts, "donvi2", NULL, DD_ROLE_UNIT_EDITOR, 0, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* The only administrator cannot step down. */
  g_assert_false (dd_users_set_role (accounts, g_get_user_name (), NULL, DD_ROLE_VIEWER, 0, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A viewer writes nothing, but may set their display name. */
  become (f->store, "xem");
  g_assert_cmpint (dd_store_get_role (f->store), ==, DD_ROLE_VIEWER);
  before = sql_int (f->store, "SELECT count(*) FROM audit_log");
  g_assert_false (dd_store_record_progress (f->store, 2, 10, NULL, NULL, NULL, &error));
  assert_permission_error (&error);
  g_assert_false (dd_store_set_setting (f->store, "due_soon_days", "9", &error));
  assert_permission_error (&error);
  g_assert_false (dd_store_delete_task (f->store, 2, &error));
  assert_permission_error (&error);
  /* A year nobody opened yet: the viewer sees its default days off, and
   * nothing is written for it. */
  {
    g_autoptr(DdCalendar) calendar = dd_calendar_new (f->store);
    g_autoptr(GPtrArray) days = dd_calendar_list_holidays (calendar, 2031, &error);

    g_assert_no_error (error);
    g_assert_nonnull (days);
    g_assert_cmpuint (days->len, >, 5);
    g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM holiday_years WHERE year = 2031"), ==, 0);
  }
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM audit_log"), ==, before);
  dd_users_set_display_name (accounts, "Trần Văn Xem", &error);
  g_assert_no_error (error);
  name = dd_users_dup_display_name (accounts, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Trần Văn Xem");
  g_assert_cmpint (dd_store_get_role (f->store), ==, DD_ROLE_VIEWER);

  /* An account nobody listed is a viewer. */
  become (f->store, "la");
  g_assert_cmpint (dd_store_get_role (f->store), ==, DD_ROLE_VIEWER);
  g_assert_false (dd_store_record_progress (f->store, 2, 10, NULL, NULL, NULL, &error));
  assert_permission_error (&error);

  /* A unit editor: the tasks its unit leads, nothing else. */
  become (f->store, "donvi");
  g_assert_cmpint (dd_store_get_role (f->store), ==, DD_ROLE_UNIT_EDITOR);
  g_assert_cmpint (dd_store_get_role_unit_id (f->store), ==, unit);
  dd_store_record_progress (f->store, 2, 30, NULL, "Báo cáo", NULL, &error);
  g_assert_no_error (error);
  task = dd_store_get_task (f->store, 2, NULL, &error);
  g_assert_no_error (error);
  copy = dd_task_copy (task);
  dd_task_set_note (copy, "Đơn vị cập nhật");
  dd_store_save_task (f->store, copy, &error);
  g_assert_no_error (error);
  g_clear_object (&copy);
  g_clear_object (&task);

  g_assert_false (dd_store_record_progress (f->store, other_task, 30, NULL, NULL, NULL, &error));
  assert_permission_error (&error);
  task = dd_store_get_task (f->store, 2, NULL, &error);
  g_assert_no_error (error);
  copy = dd_task_copy (task);
  dd_task_set_lead (copy, "Một đơn vị khác hẳn");
  g_assert_false (dd_store_save_task (f->store, copy, &error));
  assert_permission_error (&error);
  g_assert_false (dd_store_delete_task (f->store, 2, &error));
  assert_permission_error (&error);
  g_assert_false (dd_store_set_setting (f->store, "due_soon_days", "9", &error));
  assert_permission_error (&error);
  g_assert_false (dd_users_set_role (accounts, "donvi", NULL, DD_ROLE_ADMIN, 0, &error));
  assert_permission_error (&error);

  seed = g_test_build_filename (G_TEST_DIST, "..", "data", "seed", "ke-hoach-662-KH-VPUB.txt", NULL);
  plan = dd_importer_parse_file (seed, DD_IMPORT_FORMAT_AUTO, &error);
  g_assert_no_error (error);
  g_assert_false (dd_store_import_plan (f->store, plan, NULL, &error));
  assert_permission_error (&error);

  /* While no account is an administrator, everyone is. */
  become (f->store, g_get_user_name ());
  g_assert_true (dd_sql_exec (f->store, "DELETE FROM users", NULL));
  become (f->store, "bat-ky-ai");
  g_assert_cmpint (dd_store_get_role (f->store), ==, DD_ROLE_ADMIN);
  dd_store_record_progress (f->store, other_task, 40, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* Filesystems without working locks */

static char *
check_mountinfo (const char *fixture,
                 const char *path)
{
  g_autofree char *file = g_test_build_filename (G_TEST_DIST, "data", fixture, NULL);

  return _dd_store_check_mountinfo (file, path);
}

static void
test_mountinfo (void)
{
  g_autofree char *w = NULL;

#define CHECK(fixture, path, warned)                                         \
  G_STMT_START {                                                             \
    g_autofree char *warning = check_mountinfo (fixture, path);              \
    if (warned)                                                              \
      g_assert_nonnull (warning);                                            \
    else                                                                     \
      g_assert_null (warning);                                               \
  } G_STMT_END

  CHECK ("mountinfo-cifs-nobrl.txt", "/mnt/share/vp/dondoc.sqlite", TRUE);
  CHECK ("mountinfo-cifs-nobrl.txt", "/mnt/share/dondoc.sqlite", TRUE);
  CHECK ("mountinfo-cifs-nobrl.txt", "/mnt/share/local/dondoc.sqlite", FALSE);
  CHECK ("mountinfo-cifs-nobrl.txt", "/mnt/sharp/dondoc.sqlite", FALSE);
  CHECK ("mountinfo-cifs-nobrl.txt", "/mnt/other/dondoc.sqlite", FALSE);
  CHECK ("mountinfo-cifs-nobrl.txt", "/home/canbo/dondoc.sqlite", FALSE);
  CHECK ("mountinfo-cifs-ok.txt", "/mnt/share/vp/dondoc.sqlite", FALSE);
  CHECK ("mountinfo-nfs.txt", "/srv/nfs-nolock/dondoc.sqlite", TRUE);
  CHECK ("mountinfo-nfs.txt", "/srv/nfs-local/dondoc.sqlite", TRUE);
  CHECK ("mountinfo-nfs.txt", "/srv/nfs-ok/dondoc.sqlite", FALSE);
  CHECK ("mountinfo-fuse.txt", "/home/canbo/may-chu/vp/dondoc.sqlite", TRUE);
  CHECK ("mountinfo-fuse.txt", "/run/user/1000/gvfs/smb-share:server=srv,share=chung/dondoc.sqlite", TRUE);
  CHECK ("mountinfo-fuse.txt", "/mnt/Ổ đĩa chung/dondoc.sqlite", TRUE);
  CHECK ("mountinfo-fuse.txt", "/mnt/Ổ/dondoc.sqlite", FALSE);
  CHECK ("mountinfo-missing.txt", "/mnt/share/dondoc.sqlite", FALSE);
#undef CHECK

  /* The warning names the mount and the option. */
  w = check_mountinfo ("mountinfo-cifs-nobrl.txt", "/mnt/share/vp/dondoc.sqlite");
  g_assert_nonnull (strstr (w, "/mnt/share"));
  g_assert_nonnull (strstr (w, "nobrl"));
}

static void
test_lock_warning (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *after = NULL;

  /* This folder is on a local disk. */
  g_assert_null (dd_store_get_lock_warning (f->store));

  /* As if it were on a share mounted with nobrl. */
  f->store->access.lock_warning = check_mountinfo ("mountinfo-cifs-nobrl.txt", "/mnt/share/dondoc.sqlite");
  g_assert_nonnull (dd_store_get_lock_warning (f->store));
  g_clear_object (&f->store);
  sum = dd_test_file_checksum (f->db);
  f->store = dd_store_open (f->db, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  f->store->access.lock_warning = check_mountinfo ("mountinfo-cifs-nobrl.txt", "/mnt/share/dondoc.sqlite");

  g_assert_false (dd_store_record_progress (f->store, 2, 10, NULL, NULL, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_UNSAFE_FILESYSTEM);
  g_assert_cmpstr (error->message, ==, dd_store_get_lock_warning (f->store));
  g_clear_error (&error);
  after = dd_test_file_checksum (f->db);
  g_assert_cmpstr (sum, ==, after);

  dd_store_acknowledge_lock_warning (f->store);
  dd_store_record_progress (f->store, 2, 10, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* Others' changes */

static void
on_external_change_cb (DdStore *store,
                       guint   *count)
{
  (*count)++;
}

static void
test_data_version (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DdUsers) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) other = NULL;
  guint seen = 0, seen_self = 0;

  other = dd_test_open_other (f->db, NULL);
  g_signal_connect (other, "external-change", G_CALLBACK (on_external_change_cb), &seen);
  g_signal_connect (f->store, "external-change", G_CALLBACK (on_external_change_cb), &seen_self);

  g_assert_false (dd_store_poll_external_changes (other, NULL));
  g_assert_false (dd_store_poll_external_changes (f->store, NULL));

  dd_store_record_progress (f->store, 2, 20, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* One's own commits are not "external". */
  g_assert_false (dd_store_poll_external_changes (f->store, NULL));
  g_assert_true (dd_store_poll_external_changes (other, NULL));
  g_assert_cmpuint (seen, ==, 1);
  g_assert_false (dd_store_poll_external_changes (other, NULL));
  g_assert_cmpuint (seen, ==, 1);

  /* A role given on one desktop reaches the other at its next poll. */
  accounts = dd_users_new (f->store);
  dd_users_set_role (accounts, "nguoi-khac", NULL, DD_ROLE_ADMIN, 0, &error);
  g_assert_no_error (error);
  _dd_store_set_user (other, "tham-quan");
  g_assert_true (dd_store_poll_external_changes (other, NULL));
  g_assert_cmpint (dd_store_get_role (other), ==, DD_ROLE_VIEWER);

  _dd_store_set_user (other, "nguoi-khac");
  dd_store_record_progress (other, 3, 50, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (dd_store_poll_external_changes (f->store, NULL));
  g_assert_cmpuint (seen_self, ==, 1);
  g_assert_false (dd_store_poll_external_changes (other, NULL));
}

/* Busy retries */

static gpointer
release_later (gpointer data)
{
  DdStore *holder = data;

  g_usleep (400 * 1000);
  _dd_store_rollback (holder);
  return NULL;
}

static void
test_busy (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) other = NULL;
  GThread *thread;
  gint64 start, elapsed;

  other = dd_test_open_other (f->db, NULL);

  /* The other desktop holds the write lock for longer than we wait. */
  g_assert_true (_dd_store_begin (f->store, &error));
  _dd_store_set_busy_policy (other, 3, 100, 50);
  start = g_get_monotonic_time ();
  g_assert_false (dd_store_record_progress (other, 2, 10, NULL, NULL, NULL, &error));
  elapsed = g_get_monotonic_time () - start;
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_BUSY);
  g_assert_null (strstr (error->message, "locked"));
  g_clear_error (&error);
  /* 3 tries of 100 ms with pauses of about 50 and 100 ms between them. */
  g_assert_cmpint (elapsed, >=, 380 * 1000);
  g_assert_cmpint (elapsed, <, 3 * G_USEC_PER_SEC);
  _dd_store_rollback (f->store);

  /* The lock is released while we retry: the write goes through. */
  g_assert_true (_dd_store_begin (f->store, &error));
  thread = g_thread_new ("release", release_later, f->store);
  _dd_store_set_busy_policy (other, 5, 100, 100);
  start = g_get_monotonic_time ();
  dd_store_record_progress (other, 2, 15, NULL, NULL, NULL, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  g_thread_join (thread);
  g_assert_cmpint (elapsed, >=, 300 * 1000);
  g_test_message ("write went through after %.0f ms of retries", elapsed / 1000.0);
}

/* Damaged and foreign files: each refused or read-only, and never written */

typedef struct
{
  const char *name;
  void (*damage) (const char *path);
  gboolean opens;     /* TRUE: opened read-only; FALSE: refused */
  int code;           /* when refused */
  gboolean either;    /* refused or opened read-only, depending on what was cut */
} Damage;

static void
truncate_half (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  dd_test_write_file (path, contents, (gssize) (len / 2));
}

static void
random_bytes (const char *path)
{
  guint8 bytes[8192];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8) g_test_rand_int_range (0, 256);
  dd_test_write_file (path, bytes, (gssize) sizeof bytes);
}

static void
sqlite_header_then_garbage (const char *path)
{
  guint8 bytes[8192];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8) g_test_rand_int_range (0, 256);
  memcpy (bytes, "SQLite format 3", 16);
  dd_test_write_file (path, bytes, (gssize) sizeof bytes);
}

static void
foreign_sqlite (const char *path)
{
  sqlite3 *db = NULL;

  g_unlink (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  const Damage *damage = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *after = NULL;

  /* A bigger file: the sample data set on top of the plan. */
  {
    GDate today;

    dd_date_set_today (&today);
    dd_store_load_sample (f->store, &today, NULL);
  }
  g_clear_object (&f->store);
  damage->damage (f->db);
  sum = dd_test_file_checksum (f->db);
  g_assert_cmpuint (dd_test_count_files (f->dir), ==, 1);

  store = dd_store_open (f->db, DD_STORE_OPEN_EXISTING, &error);
  if (damage->opens || (damage->either && store != NULL))
    {
      g_assert_no_error (error);
      g_assert_true (dd_store_is_damaged (store));
      g_assert_true (dd_store_is_read_only (store));
      g_assert_nonnull (strstr (dd_store_get_read_only_reason (store), "damaged"));
      g_test_message ("%s: %s", damage->name, dd_store_get_read_only_reason (store));
      g_assert_false (dd_store_record_progress (store, 2, 10, NULL, NULL, NULL, &error));
      g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_READ_ONLY);
      g_clear_error (&error);
      g_assert_false (dd_store_verify (store, NULL, &error));
      g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NOT_DATABASE);
      g_clear_object (&store);
    }
  else
    {
      g_assert_null (store);
      g_assert_error (error, DD_STORE_ERROR, damage->code);
      if (damage->either)
        g_assert_nonnull (strstr (error->message, "damaged"));
      g_test_message ("%s: %s", damage->name, error->message);
    }

  /* Not a byte written, no journal, no backup. */
  after = dd_test_file_checksum (f->db);
  g_assert_cmpstr (sum, ==, after);
  g_assert_cmpuint (dd_test_count_files (f->dir), ==, 1);
}

/* DD_STORE_OPEN_CHECK_LATER: the window opens a file at once and checks it
 * on another thread. Until the check has passed nothing may be written. */
static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_store_check_finish (DD_STORE (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
run_check (DdStore *store)
{
  gboolean done = FALSE;

  dd_store_check_async (store, NULL, on_checked, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_check_later (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *after = NULL;
  g_autofree char *backups = g_build_filename (f->dir, "backups", NULL);

  g_clear_object (&f->store);
  sum = dd_test_file_checksum (f->db);
  store = dd_store_open (f->db, DD_STORE_OPEN_EXISTING | DD_STORE_OPEN_CHECK_LATER, &error);
  g_assert_no_error (error);
  g_assert_true (dd_store_is_checking (store));
  g_assert_true (dd_store_is_read_only (store));
  g_assert_false (dd_store_is_damaged (store));
  /* Readable at once, not writable yet, and nothing written. */
  g_assert_cmpuint (dd_test_count_tasks (store), ==, 8);
  g_assert_false (dd_store_record_progress (store, 2, 10, NULL, NULL, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  after = dd_test_file_checksum (f->db);
  g_assert_cmpstr (sum, ==, after);
  g_assert_cmpuint (dd_test_count_files (backups), ==, 0);

  run_check (store);
  g_assert_false (dd_store_is_checking (store));
  g_assert_false (dd_store_is_read_only (store));
  g_assert_null (dd_store_get_read_only_reason (store));
  g_assert_true (dd_store_record_progress (store, 2, 10, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* The daily backup was made by the check, from a sound file. */
  g_assert_cmpuint (dd_test_count_files (backups), ==, 1);

  /* Checking a store that was checked already is nothing. */
  run_check (store);
  g_assert_false (dd_store_is_read_only (store));
}

static void
test_check_later_damaged (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *after = NULL;

  {
    GDate today;

    dd_date_set_today (&today);
    dd_store_load_sample (f->store, &today, NULL);
  }
  g_clear_object (&f->store);
  dd_test_damage_tasks_page (f->db);
  sum = dd_test_file_checksum (f->db);

  store = dd_store_open (f->db, DD_STORE_OPEN_EXISTING | DD_STORE_OPEN_CHECK_LATER, &error);
  g_assert_no_error (error);
  g_assert_true (dd_store_is_checking (store));
  g_assert_true (dd_store_is_read_only (store));
  g_assert_false (dd_store_record_progress (store, 2, 10, NULL, NULL, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  run_check (store);
  g_assert_false (dd_store_is_checking (store));
  g_assert_true (dd_store_is_damaged (store));
  g_assert_true (dd_store_is_read_only (store));
  g_assert_nonnull (strstr (dd_store_get_read_only_reason (store), "damaged"));
  g_assert_false (dd_store_record_progress (store, 2, 10, NULL, NULL, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_READ_ONLY);
  g_clear_object (&store);

  /* Not a byte written, no journal, no backup. */
  after = dd_test_file_checksum (f->db);
  g_assert_cmpstr (sum, ==, after);
  g_assert_cmpuint (dd_test_count_files (f->dir), ==, 1);
}

static void
test_read_only_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DdUsers) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *after = NULL;
  gboolean root = geteuid () == 0;

  g_clear_object (&f->store);
  sum = dd_test_file_checksum (f->db);
  /* root may write any file: then the read-only flag stands in for it. */
  g_chmod (f->db, 0444);
  g_chmod (f->dir, 0555);
  f->store = dd_store_open (f->db, root ? DD_STORE_OPEN_READ_ONLY : DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_true (dd_store_is_read_only (f->store));
  g_assert_nonnull (dd_store_get_read_only_reason (f->store));
  g_assert_cmpuint (dd_test_count_tasks (f->store), ==, 8);
  g_assert_false (dd_store_record_progress (f->store, 2, 10, NULL, NULL, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  accounts = dd_users_new (f->store);
  g_assert_false (dd_users_set_display_name (accounts, "x", &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_READ_ONLY);
  g_clear_object (&f->store);
  g_chmod (f->dir, 0700);
  after = dd_test_file_checksum (f->db);
  g_assert_cmpstr (sum, ==, after);
  g_assert_cmpuint (dd_test_count_files (f->dir), ==, 1);
}

static void
test_path_disappears (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *moved = g_build_filename (f->dir, "moved.sqlite", NULL);
  g_autofree char *sum = NULL;
  g_autofree char *after = NULL;

  /* Renamed (or the share remounted elsewhere) while open. */
  g_assert_cmpint (g_rename (f->db, moved), ==, 0);
  sum = dd_test_file_checksum (moved);
  g_assert_false (dd_store_record_progress (f->store, 2, 10, NULL, NULL, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "moved"));
  g_clear_error (&error);
  after = dd_test_file_checksum (moved);
  g_assert_cmpstr (sum, ==, after);
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));

  /* Deleted while open. */
  g_clear_object (&f->store);
  g_assert_cmpint (g_rename (moved, f->db), ==, 0);
  f->store = dd_store_open (f->db, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_unlink (f->db), ==, 0);
  g_assert_false (dd_store_set_setting (f->store, "due_soon_days", "4", &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
  {
    g_autofree char *journal = g_strconcat (f->db, "-journal", NULL);

    g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  }
}

/* Backups */

/* The store's backups, asked through a DdBackups of the moment: the tests
 * close and reopen their store between calls. */
static char *
make_backup (DdStore     *store,
             const char  *folder,
             GError     **error)
{
  g_autoptr(DdBackups) backups = dd_backups_new (store);

  return dd_backups_make (backups, folder, error);
}

static char *
dup_backup_folder (DdStore *store)
{
  g_autoptr(DdBackups) backups = dd_backups_new (store);

  return dd_backups_dup_folder (backups, NULL);
}

static guint
count_backups (const char *dir)
{
  g_autoptr(GPtrArray) list = dd_backups_list_folder (dir, NULL);

  return list != NULL ? list->len : 0;
}

/* The ".part" files of a killed backup are removed by the next one, once
 * they are old enough not to be another desktop's backup under way. */
static void
test_backup_stale_parts (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (f->dir, "parts", NULL);
  g_autofree char *first = make_backup (f->store, folder, &error);
  g_autofree char *stale = NULL;
  g_autofree char *stale_journal = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *other = g_build_filename (folder, "khac.dondoc.part", NULL);
  g_autofree char *second = NULL;
  struct utimbuf old = { 0, };

  g_assert_no_error (error);
  g_assert_nonnull (first);
  stale = g_strconcat (first, "-killed.part", NULL);
  stale_journal = g_strconcat (first, "-killed.part-journal", NULL);
  fresh = g_strconcat (first, "-running.part", NULL);
  old.actime = old.modtime = time (NULL) - 3600;
  for (guint i = 0; i < 4; i++)
    {
      const char *path = (const char *[]) { stale, stale_journal, fresh, other }[i];

      dd_test_write_file (path, "x", -1);
      if (path != fresh)
        g_assert_cmpint (utime (path, &old), ==, 0);
    }

  second = make_backup (f->store, folder, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (stale_journal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  /* Not a part of this file's backups. */
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
}

static void
test_backup_daily (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = dup_backup_folder (f->store);
  g_autoptr(GPtrArray) list = NULL;
  DdBackupInfo *info;

  /* A new file has nothing to back up yet. */
  g_assert_cmpuint (count_backups (dir), ==, 0);

  g_clear_object (&f->store);
  f->store = dd_store_open (f->db, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_null (dd_store_get_backup_warning (f->store));
  g_assert_cmpuint (count_backups (dir), ==, 1);

  /* At most once a day. */
  g_clear_object (&f->store);
  f->store = dd_store_open (f->db, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_backups (dir), ==, 1);

  list = dd_backups_list_folder (dir, &error);
  g_assert_no_error (error);
  info = g_ptr_array_index (list, 0);
  g_assert_true (info->readable);
  g_assert_cmpint (info->schema_version, ==, DD_SCHEMA_VERSION);
  g_assert_cmpuint (info->n_plans, ==, 1);
  g_assert_cmpuint (info->n_tasks, ==, 8);
  g_assert_null (info->tag);
  g_assert_nonnull (info->made_at);
  g_assert_true (g_str_has_prefix (strrchr (info->path, '/') + 1, "dondoc-"));
}

/* A backup folder that cannot be made (a file stands in its place): the
 * file opens, writable, and the store says why there is no copy today. */
static void
test_backup_warning (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *blocker = g_build_filename (f->dir, "not-a-folder", NULL);
  g_autofree char *folder = g_build_filename (blocker, "backups", NULL);
  const char *warning;

  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  dd_store_set_setting (f->store, "backup_dir", folder, &error);
  g_assert_no_error (error);

  g_clear_object (&f->store);
  f->store = dd_store_open (f->db, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  warning = dd_store_get_backup_warning (f->store);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "not-a-folder"));
  g_assert_false (dd_store_is_read_only (f->store));
  dd_store_record_progress (f->store, 2, 40, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_backup_keep (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (f->dir, "elsewhere", NULL);
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) list = NULL;

  dd_store_set_setting (f->store, "backup_keep", "3", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    {
      char *path;

      dd_store_record_progress (f->store, 2, (int) i * 10, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      path = make_backup (f->store, folder, &error);
      g_assert_no_error (error);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      g_ptr_array_add (made, path);
    }
  /* The newest three are kept. */
  list = dd_backups_list_folder (folder, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (((DdBackupInfo *) g_ptr_array_index (list, i))->path, ==,
                     g_ptr_array_index (made, 4 - i));
  g_assert_false (g_file_test (g_ptr_array_index (made, 0), G_FILE_TEST_EXISTS));

  /* The setting "backup_dir" moves the backups. */
  dd_store_set_setting (f->store, "backup_dir", folder, &error);
  g_assert_no_error (error);
  {
    g_autofree char *dir = dup_backup_folder (f->store);

    g_assert_cmpstr (dir, ==, folder);
  }
}

static void
test_backup_before_upgrade (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old = g_build_filename (f->dir, "cu.sqlite", NULL);
  g_autofree char *backups = g_build_filename (f->dir, "backups", NULL);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(DdStore) store = NULL;
  DdBackupInfo *info;
  sqlite3 *db = NULL;

  /* A file of data version 2, as an older Đôn Đốc left it. */
  g_assert_cmpint (sqlite3_open (old, &db), ==, SQLITE_OK);
  for (guint v = 1; v <= 2; v++)
    {
      g_autofree char *name = g_strdup_printf (v == 1 ? "0001-initial.sql" : "0002-deadlines.sql");
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "sql", name, NULL);
      g_autofree char *sql = NULL;

      g_assert_true (g_file_get_contents (path, &sql, NULL, NULL));
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO plans (number, title) VALUES ('1/KH', 'Kế hoạch cũ'); "
                                            "PRAGMA user_version = 2; PRAGMA application_id = %d",
                                            DD_APPLICATION_ID);

    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  sqlite3_close (db);

  store = dd_store_open (old, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_store_get_schema_version (store), ==, DD_SCHEMA_VERSION);

  list = dd_backups_list_folder (backups, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  info = g_ptr_array_index (list, 0);
  g_assert_cmpstr (info->tag, ==, "v2");
  g_assert_true (info->readable);
  g_assert_cmpint (info->schema_version, ==, 2);
  g_assert_cmpuint (info->n_plans, ==, 1);
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) old_handle = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *backups = g_build_filename (f->dir, "backups", NULL);
  g_autofree char *foreign = g_build_filename (f->dir, "foreign.sqlite", NULL);
  g_autofree char *broken = g_build_filename (f->dir, "broken.sqlite", NULL);
  g_autofree char *sum = NULL;
  g_autofree char *after = NULL;
  gboolean found_replaced = FALSE;

  backup = make_backup (f->store, NULL, &error);
  g_assert_no_error (error);

  /* Changes made after the backup. */
  dd_store_delete_task (f->store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_test_count_tasks (f->store), ==, 7);

  /* Bad backups are refused, and the database is untouched. */
  g_clear_object (&f->store);
  sum = dd_test_file_checksum (f->db);
  foreign_sqlite (foreign);
  g_assert_false (dd_backups_restore_file (f->db, foreign, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NOT_DATABASE);
  g_clear_error (&error);
  {
    g_autofree char *contents = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (backup, &contents, &len, NULL));
    dd_test_write_file (broken, contents, (gssize) len);
    dd_test_damage_tasks_page (broken);
  }
  g_assert_false (dd_backups_restore_file (f->db, broken, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NOT_DATABASE);
  g_clear_error (&error);
  after = dd_test_file_checksum (f->db);
  g_assert_cmpstr (sum, ==, after);

  /* Another desktop still has the file open while it is restored. */
  old_handle = dd_store_open (f->db, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);

  dd_backups_restore_file (f->db, backup, &error);
  g_assert_no_error (error);

  f->store = dd_store_open (f->db, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_test_count_tasks (f->store), ==, 8);

  /* The old handle cannot write into the replaced file. */
  g_assert_false (dd_store_record_progress (old_handle, 3, 10, NULL, NULL, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The replaced file was kept as a backup, with what it held. */
  list = dd_backups_list_folder (backups, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      DdBackupInfo *info = g_ptr_array_index (list, i);

      if (g_strcmp0 (info->tag, "replaced") == 0)
        {
          found_replaced = TRUE;
          g_assert_true (info->readable);
          g_assert_cmpuint (info->n_tasks, ==, 7);
        }
    }
  g_assert_true (found_replaced);

  /* A damaged database is replaced just the same. */
  g_clear_object (&f->store);
  g_clear_object (&old_handle);
  random_bytes (f->db);
  dd_backups_restore_file (f->db, backup, &error);
  g_assert_no_error (error);
  f->store = dd_store_open (f->db, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_false (dd_store_is_damaged (f->store));
  g_assert_true (dd_store_verify (f->store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_verify (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;

  g_assert_true (dd_store_verify (f->store, &report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (report, "ok"));
  g_assert_false (dd_store_is_damaged (f->store));
}

static const Damage damages[] = {
  { "truncated", truncate_half, FALSE, DD_STORE_ERROR_NOT_DATABASE, TRUE },
  { "scrambled", dd_test_damage_tasks_page, TRUE, 0, FALSE },
  { "random-bytes", random_bytes, FALSE, DD_STORE_ERROR_NOT_DATABASE, FALSE },
  { "sqlite-header-garbage", sqlite_header_then_garbage, FALSE, DD_STORE_ERROR_NOT_DATABASE, FALSE },
  { "foreign", foreign_sqlite, FALSE, DD_STORE_ERROR_FOREIGN, FALSE },
};

/* The users screen's list, and a second connection for a worker thread */

static void
test_list_users (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DdUsers) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;
  gint64 unit = lead_of (f->store, 2);
  const DdUserInfo *info;

  accounts = dd_users_new (f->store);
  dd_users_set_role (accounts, "xem", "Trần Văn Xem", DD_ROLE_VIEWER, 0, &error);
  g_assert_no_error (error);
  dd_users_set_role (accounts, "donvi", "Đầu mối đơn vị", DD_ROLE_UNIT_EDITOR, unit, &error);
  g_assert_no_error (error);
  dd_users_set_role (accounts, "an", "Ánh", DD_ROLE_VIEWER, 0, &error);
  g_assert_no_error (error);

  users = dd_users_list (accounts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, 4);

  /* Administrators, unit editors, viewers; each in Vietnamese order. */
  info = g_ptr_array_index (users, 0);
  g_assert_cmpstr (info->account, ==, g_get_user_name ());
  g_assert_cmpint (info->role, ==, DD_ROLE_ADMIN);
  g_assert_null (info->display_name);
  g_assert_cmpint (info->unit_id, ==, 0);
  info = g_ptr_array_index (users, 1);
  g_assert_cmpstr (info->account, ==, "donvi");
  g_assert_cmpint (info->role, ==, DD_ROLE_UNIT_EDITOR);
  g_assert_cmpint (info->unit_id, ==, unit);
  g_assert_nonnull (info->unit_name);
  g_assert_cmpstr (info->display_name, ==, "Đầu mối đơn vị");
  info = g_ptr_array_index (users, 2);
  g_assert_cmpstr (info->display_name, ==, "Ánh");
  info = g_ptr_array_index (users, 3);
  g_assert_cmpstr (info->display_name, ==, "Trần Văn Xem");
  g_assert_cmpint (info->role, ==, DD_ROLE_VIEWER);

  /* Every role may read it. */
  become (f->store, "xem");
  g_clear_pointer (&users, g_ptr_array_unref);
  users = dd_users_list (accounts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, 4);
}

typedef struct
{
  DdStore *store;
  DdTask *task;
  gboolean ok;
  GError *error;
} SiblingSave;

static gpointer
save_in_thread (gpointer data)
{
  SiblingSave *save = data;

  save->ok = dd_store_save_task (save->store, save->task, &save->error);
  return NULL;
}

static void
test_sibling (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) sibling = NULL;
  g_autoptr(DdStore) memory = NULL;
  g_autoptr(DdTask) task = NULL;
  g_autoptr(DdTask) copy = NULL;
  g_autoptr(DdTask) again = NULL;
  SiblingSave save = { 0, };
  GThread *thread;

  /* A database in memory has no file to open again. */
  memory = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_null (dd_store_open_sibling (memory, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Opening needs no lock of its own: it succeeds while a write is under
   * way (how long it takes is bench-save-blocking's business, not a test's). */
  g_assert_true (_dd_store_begin (f->store, &error));
  sibling = dd_store_open_sibling (f->store, &error);
  g_assert_no_error (error);
  _dd_store_rollback (f->store);
  g_assert_cmpstr (dd_store_get_path (sibling), ==, dd_store_get_path (f->store));
  g_assert_cmpint (dd_store_get_role (sibling), ==, DD_ROLE_ADMIN);

  /* A save in another thread, through the sibling, is an outside change
   * for the first store; the audit names the same user. */
  task = dd_store_get_task (f->store, 2, NULL, &error);
  g_assert_no_error (error);
  copy = dd_task_copy (task);
  dd_task_set_actual_product (copy, "Báo cáo số 1");
  save.store = sibling;
  save.task = copy;
  thread = g_thread_new ("save", save_in_thread, &save);
  g_thread_join (thread);
  g_assert_no_error (save.error);
  g_assert_true (save.ok);
  g_assert_cmpint (dd_task_get_revision (copy), ==, dd_task_get_revision (task) + 1);
  g_assert_true (dd_store_poll_external_changes (f->store, NULL));
  again = dd_store_get_task (f->store, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_task_get_actual_product (again), ==, "Báo cáo số 1");
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM audit_log WHERE table_name = 'tasks' "
                                       "AND row_id = 2 AND action = 'update' AND user IS NOT NULL"), >=, 1);
  {
    g_autofree char *user = sql_text (f->store, "SELECT user FROM audit_log WHERE table_name = 'tasks' "
                                                "AND row_id = 2 ORDER BY id DESC LIMIT 1");
    g_assert_cmpstr (user, ==, dd_store_get_user (f->store));
  }

  /* It takes the first store's user, role and acknowledgement as they are. */
  g_assert_true (dd_store_is_lock_warning_acknowledged (f->store));
  _dd_store_set_lock_warning (f->store, "Không an toàn");
  become (f->store, "xem");
  g_clear_object (&sibling);
  sibling = dd_store_open_sibling (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_store_get_user (sibling), ==, "xem");
  g_assert_cmpstr (dd_store_get_lock_warning (sibling), ==, "Không an toàn");
  g_assert_false (dd_store_record_progress (sibling, 2, 40, NULL, NULL, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_UNSAFE_FILESYSTEM);
  g_clear_error (&error);
  g_assert_false (dd_store_is_lock_warning_acknowledged (f->store));
  dd_store_acknowledge_lock_warning (f->store);
  g_assert_true (dd_store_is_lock_warning_acknowledged (f->store));
  g_clear_object (&sibling);
  sibling = dd_store_open_sibling (f->store, &error);
  g_assert_no_error (error);
  /* "xem" is not recorded: while an administrator exists, a viewer. */
  g_assert_false (dd_store_record_progress (sibling, 2, 40, NULL, NULL, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  /* The access state and the busy policy are copied whole, as they are. */
  _dd_store_set_busy_policy (f->store, 2, 150, 50);
  g_clear_object (&sibling);
  sibling = dd_store_open_sibling (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sibling->busy.tries, ==, 2);
  g_assert_cmpint (sibling->busy.attempt_ms, ==, 150);
  g_assert_cmpint (sibling->busy.backoff_ms, ==, 50);
  g_assert_cmpint (sibling->access.role, ==, f->store->access.role);
  g_assert_cmpint (sibling->access.role_unit_id, ==, f->store->access.role_unit_id);
  g_assert_cmpint (sibling->access.read_only, ==, f->store->access.read_only);
  g_assert_cmpint (sibling->access.lock_acknowledged, ==, f->store->access.lock_acknowledged);
  g_assert_cmpstr (sibling->access.user, ==, f->store->access.user);
  g_assert_true (sibling->access.user != f->store->access.user);
  g_assert_cmpstr (sibling->access.lock_warning, ==, f->store->access.lock_warning);
  g_assert_true (sibling->access.lock_warning != f->store->access.lock_warning);
}

/* What the user may change, said when it changes */

typedef struct
{
  guint count;
  gboolean in_write;    /* a handler ran inside a write transaction */
  DdRole role;          /* the role its last emission saw */
} AccessSeen;

static void
on_access_changed_cb (DdStore    *store,
                      AccessSeen *seen)
{
  seen->count++;
  seen->in_write |= store->flags.in_transaction;
  seen->role = dd_store_get_role (store);
}

static void
test_access_changed (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DdUsers) other_accounts = NULL;
  g_autoptr(DdUsers) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) other = NULL;
  g_autoptr(DdStore) later = NULL;
  AccessSeen seen = { 0, }, seen_later = { 0, };
  const char *me = g_get_user_name ();
  gint64 unit = lead_of (f->store, 2);

  g_signal_connect (f->store, "access-changed", G_CALLBACK (on_access_changed_cb), &seen);

  /* Giving others roles changes nothing for this user. */
  accounts = dd_users_new (f->store);
  dd_users_set_role (accounts, "nguoi-khac", NULL, DD_ROLE_ADMIN, 0, &error);
  g_assert_no_error (error);
  g_assert_true (dd_store_record_progress (f->store, 2, 10, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.count, ==, 0);

  /* Another desktop makes this user a unit editor: said at the next poll,
   * once. */
  other = dd_test_open_other (f->db, "nguoi-khac");
  other_accounts = dd_users_new (other);
  g_assert_true (dd_users_set_role (other_accounts, me, NULL, DD_ROLE_UNIT_EDITOR, unit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.count, ==, 0);
  g_assert_true (dd_store_poll_external_changes (f->store, NULL));
  g_assert_cmpuint (seen.count, ==, 1);
  g_assert_cmpint (seen.role, ==, DD_ROLE_UNIT_EDITOR);
  g_assert_cmpint (dd_store_get_role_unit_id (f->store), ==, unit);
  g_assert_false (dd_store_poll_external_changes (f->store, NULL));
  /* Another change of the file that leaves the role as it was. */
  g_assert_true (dd_store_record_progress (other, 3, 20, NULL, NULL, NULL, &error));
  g_assert_true (dd_store_poll_external_changes (f->store, NULL));
  g_assert_cmpuint (seen.count, ==, 1);

  /* Made a viewer there, and this desktop writes before it polls: the
   * write reads the role under the lock and is refused, and the signal
   * comes once the transaction is over, never inside it. */
  g_assert_true (dd_users_set_role (other_accounts, me, NULL, DD_ROLE_VIEWER, 0, &error));
  g_assert_no_error (error);
  g_assert_false (dd_store_record_progress (f->store, 2, 30, NULL, NULL, NULL, &error));
  assert_permission_error (&error);
  g_assert_cmpuint (seen.count, ==, 2);
  g_assert_cmpint (seen.role, ==, DD_ROLE_VIEWER);
  g_assert_false (seen.in_write);
  /* The poll finds the change already known. */
  g_assert_true (dd_store_poll_external_changes (f->store, NULL));
  g_assert_cmpuint (seen.count, ==, 2);

  /* Administrator again (on the other desktop), then a write of one's
   * own: the role is read under the lock, the signal follows the commit. */
  g_assert_true (dd_users_set_role (other_accounts, me, NULL, DD_ROLE_ADMIN, 0, &error));
  g_assert_true (dd_store_record_progress (f->store, 2, 40, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.count, ==, 3);
  g_assert_cmpint (seen.role, ==, DD_ROLE_ADMIN);
  g_assert_false (seen.in_write);

  /* The lock warning: shown, then acknowledged (once). */
  _dd_store_set_lock_warning (f->store, "Không có khoá tệp");
  g_assert_cmpuint (seen.count, ==, 4);
  dd_store_acknowledge_lock_warning (f->store);
  g_assert_cmpuint (seen.count, ==, 5);
  dd_store_acknowledge_lock_warning (f->store);
  g_assert_cmpuint (seen.count, ==, 5);

  /* A file checked after opening: writable once the check passed. */
  g_clear_object (&other_accounts);
  g_clear_object (&other);
  later = dd_store_open (f->db, DD_STORE_OPEN_EXISTING | DD_STORE_OPEN_CHECK_LATER, &error);
  g_assert_no_error (error);
  g_signal_connect (later, "access-changed", G_CALLBACK (on_access_changed_cb), &seen_later);
  g_assert_true (dd_store_is_read_only (later));
  run_check (later);
  g_assert_false (dd_store_is_read_only (later));
  g_assert_cmpuint (seen_later.count, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "en", TRUE);

#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, dd_test_file_fixture_set_up, fn, dd_test_file_fixture_tear_down)
  ADD ("/core/shared/audit", test_audit);
  ADD ("/core/shared/recycle-bin", test_recycle_bin);
  ADD ("/core/shared/roles", test_roles);
  g_test_add_func ("/core/shared/mountinfo", test_mountinfo);
  ADD ("/core/shared/lock-warning", test_lock_warning);
  ADD ("/core/shared/data-version", test_data_version);
  ADD ("/core/shared/busy-retry", test_busy);
  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/shared/damaged/%s", damages[i].name);

      g_test_add (path, Fixture, &damages[i], dd_test_file_fixture_set_up, test_damaged,
                  dd_test_file_fixture_tear_down);
    }
  ADD ("/core/shared/damaged/read-only-file", test_read_only_file);
  ADD ("/core/shared/damaged/checked-later", test_check_later_damaged);
  ADD ("/core/shared/check-later", test_check_later);
  ADD ("/core/shared/access-changed", test_access_changed);
  ADD ("/core/shared/damaged/path-disappears", test_path_disappears);
  ADD ("/core/shared/verify", test_verify);
  ADD ("/core/shared/backup/daily", test_backup_daily);
  ADD ("/core/shared/backup/stale-parts", test_backup_stale_parts);
  ADD ("/core/shared/backup/keep", test_backup_keep);
  ADD ("/core/shared/backup/warning", test_backup_warning);
  ADD ("/core/shared/backup/before-upgrade", test_backup_before_upgrade);
  ADD ("/core/shared/backup/restore", test_restore);
  ADD ("/core/shared/users", test_list_users);
  ADD ("/core/shared/sibling", test_sibling);
#undef ADD

  return g_test_run ();
}
