/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "dd-store-private.h"
#include "dd-test-core.h"

/*
 * The events of a task's life (issue 15): adding and editing a task with
 * its source document, the bad input the store refuses without writing
 * anything, done and reopened tasks in the progress timeline, extensions
 * and their rules, the built-in plan of assignments outside any plan, the
 * roles, and the scorecard of an extended task.
 */

typedef struct
{
  DdStore *store;
  gint64 plan_id;     /* 662/KH-VPUB, dated 28/04/2026 */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = dd_test_new_store (":memory:");
  f->plan_id = dd_sql_query_int64 (f->store, "SELECT id FROM plans WHERE number = '662/KH-VPUB'", 0);
  g_assert_cmpint (f->plan_id, >, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
}

/* What any write changes: the rows of every table a task event writes,
 * the revisions, and the history. Equal before and after a refused event
 * means nothing was written. (transfer full) */
static char *
snapshot (DdStore *store)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
                          "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                          dd_sql_query_int64 (store, "SELECT count(*) FROM tasks", -1),
                          dd_sql_query_int64 (store, "SELECT total (revision) FROM tasks", -1),
                          dd_sql_query_int64 (store, "SELECT count(*) FROM units", -1),
                          dd_sql_query_int64 (store, "SELECT count(*) FROM plans", -1),
                          dd_sql_query_int64 (store, "SELECT count(*) FROM progress_updates", -1),
                          dd_sql_query_int64 (store, "SELECT count(*) FROM task_sources", -1),
                          dd_sql_query_int64 (store, "SELECT count(*) FROM task_extensions", -1),
                          dd_sql_query_int64 (store, "SELECT count(*) FROM audit_log", -1));
}

static DdTask *
new_task (Fixture    *f,
          const char *title,
          const char *lead,
          const char *due_iso)
{
  DdTask *task = dd_task_new (f->plan_id);
  GDate due = dd_test_date (due_iso);

  dd_task_set_title (task, title);
  dd_task_set_lead (task, lead);
  if (due_iso != NULL)
    dd_task_set_due (task, &due);
  return task;
}

static gint64
add_task (Fixture    *f,
          const char *title,
          const char *lead,
          const char *due_iso)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = new_task (f, title, lead, due_iso);

  g_assert_true (dd_store_save_task (f->store, task, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dd_task_get_id (task), >, 0);
  return dd_task_get_id (task);
}

static DdTask *
get_task (DdStore *store,
          gint64   id)
{
  g_autoptr(GError) error = NULL;
  DdTask *task = dd_store_get_task (store, id, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (task);
  return task;
}

static void
assert_date (const GDate *date,
             const char  *iso)
{
  g_autofree char *text = dd_date_to_iso (date);

  g_assert_cmpstr (text, ==, iso);
}

/* Source documents */

static void
test_source_format_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdSourceDocument) doc = NULL;
  g_autoptr(DdSourceDocument) back = NULL;
  g_autoptr(DdSourceDocument) kind_only = NULL;
  g_autoptr(DdSourceDocument) meeting = NULL;
  g_autofree char *text = NULL;
  GDate date = dd_test_date ("2026-12-02");

  doc = dd_source_document_parse ("Thông báo kết luận số 125/TB-UBND ngày 02/12/2026 của UBND tỉnh", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (doc->kind, ==, "Thông báo kết luận");
  g_assert_cmpstr (doc->number, ==, "125/TB-UBND");
  assert_date (&doc->date, "2026-12-02");
  g_assert_cmpstr (doc->issuer, ==, "UBND tỉnh");

  /* The tests run in English: the format's words are the translation's,
   * and they read back. */
  text = dd_source_document_format (doc);
  g_assert_cmpstr (text, ==, "Thông báo kết luận No. 125/TB-UBND dated 02/12/2026 by UBND tỉnh");
  back = dd_source_document_parse (text, &error);
  g_assert_no_error (error);
  g_assert_true (dd_source_document_equal (doc, back));

  g_clear_pointer (&doc, dd_source_document_free);
  doc = dd_source_document_parse ("Công văn số 45/UBND-TH ngày 2026-06-10", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (doc->kind, ==, "Công văn");
  g_assert_cmpstr (doc->number, ==, "45/UBND-TH");
  assert_date (&doc->date, "2026-06-10");
  g_assert_null (doc->issuer);

  kind_only = dd_source_document_parse ("Kết luận của Chủ tịch tại cuộc họp giao ban", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kind_only->kind, ==, "Kết luận của Chủ tịch tại cuộc họp giao ban");
  g_assert_null (kind_only->number);
  g_assert_false (dd_date_is_set (&kind_only->date));

  meeting = dd_source_document_parse ("Cuộc họp giao ban ngày 05/01/2027 của Văn phòng", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (meeting->kind, ==, "Cuộc họp giao ban");
  assert_date (&meeting->date, "2027-01-05");
  g_assert_cmpstr (meeting->issuer, ==, "Văn phòng");

  g_clear_pointer (&doc, dd_source_document_free);
  doc = dd_source_document_new (NULL, " 12/TB-VPUB ", &date, "");
  g_clear_pointer (&text, g_free);
  text = dd_source_document_format (doc);
  g_assert_cmpstr (text, ==, "No. 12/TB-VPUB dated 02/12/2026");
  g_assert_null (doc->issuer);

  /* Bad input: an impossible date, a missing number, nothing at all. */
  g_assert_null (dd_source_document_parse ("Thông báo số 12/TB ngày 31/02/2026", &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "31/02/2026"));
  g_clear_error (&error);
  g_assert_null (dd_source_document_parse ("Thông báo số  ngày 02/12/2026", &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (dd_source_document_parse ("   ", &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
}

/* Adding and editing */

static void
test_add_task (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = new_task (f, "Rà soát quy chế làm việc của Văn phòng",
                                     "Phòng Hành chính - Quản trị", "2026-09-30");
  g_autoptr(DdTask) read = NULL;
  g_autoptr(DdSourceDocument) source = NULL;
  const char *coordinators[] = { "Trung tâm Phục vụ Hành chính công", "Ban Tiếp công dân", NULL };
  guint n_before = dd_test_count_tasks (f->store);
  gint64 units_before = dd_sql_query_int64 (f->store, "SELECT count(*) FROM units", -1);

  source = dd_source_document_parse ("Thông báo kết luận số 125/TB-UBND ngày 02/12/2026 của UBND tỉnh", &error);
  g_assert_no_error (error);
  dd_task_set_coordinators (task, coordinators);
  dd_task_set_product (task, "Quy chế sửa đổi");
  dd_task_set_directing (task, "Chánh Văn phòng");
  dd_task_set_source (task, source);
  dd_task_set_person (task, "Nguyễn Văn An");
  g_assert_true (dd_store_save_task (f->store, task, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (dd_test_count_tasks (f->store), ==, n_before + 1);
  /* "Ban Tiếp công dân" was new: created in the same transaction. */
  g_assert_cmpint (dd_sql_query_int64 (f->store, "SELECT count(*) FROM units", -1), ==, units_before + 1);

  read = get_task (f->store, dd_task_get_id (task));
  g_assert_cmpstr (dd_task_get_title (read), ==, "Rà soát quy chế làm việc của Văn phòng");
  g_assert_cmpstr (dd_task_get_lead (read), ==, "Phòng Hành chính - Quản trị");
  g_assert_cmpstr (dd_task_get_coordinators (read)[1], ==, "Ban Tiếp công dân");
  assert_date (dd_task_get_due (read), "2026-09-30");
  g_assert_cmpint (dd_task_get_deadline_kind (read), ==, DD_DEADLINE_DATE);
  g_assert_cmpstr (dd_task_get_deadline_text (read), ==, "Trước 30/09/2026");
  g_assert_cmpstr (dd_task_get_person (read), ==, "Nguyễn Văn An");
  g_assert_nonnull (dd_task_get_source (read));
  g_assert_true (dd_source_document_equal (dd_task_get_source (read), source));
  g_assert_cmpint (dd_task_get_plan_id (read), ==, f->plan_id);

  /* The history has the source and the person. */
  g_assert_cmpint (dd_sql_query_int64 (f->store, "SELECT count(*) FROM audit_log WHERE table_name = "
                                       "'task_sources' AND action = 'insert'", -1), ==, 1);
  g_assert_cmpint (dd_sql_query_int64 (f->store, "SELECT count(*) FROM audit_log WHERE table_name = "
                                       "'task_people' AND action = 'insert'", -1), ==, 1);
}

static void
test_edit_every_field (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_task (f, "Xây dựng kế hoạch kiểm tra công vụ", "Phòng Tổng hợp", "2026-08-31");
  g_autoptr(DdTask) read = get_task (f->store, id);
  g_autoptr(DdTask) edit = dd_task_copy (read);
  g_autoptr(DdTask) after = NULL;
  g_autoptr(DdSourceDocument) source = dd_source_document_parse ("Công văn số 7/VPUB ngày 05/05/2026", NULL);
  const char *coordinators[] = { "Phòng Hành chính - Quản trị", NULL };
  gint64 adhoc = dd_store_get_adhoc_plan_id (f->store, &error);
  gint64 audit_sources;
  GDate due = dd_test_date ("2026-10-15");

  g_assert_no_error (error);
  dd_task_set_plan_id (edit, adhoc);
  dd_task_set_title (edit, "Xây dựng kế hoạch kiểm tra công vụ năm 2026");
  dd_task_set_lead (edit, "Phòng Kiểm soát thủ tục hành chính");
  dd_task_set_coordinators (edit, coordinators);
  dd_task_set_due (edit, &due);
  dd_task_set_product (edit, "Kế hoạch kiểm tra");
  dd_task_set_directing (edit, "Phó Chánh Văn phòng");
  dd_task_set_person (edit, "Trần Thị Bình");
  dd_task_set_source (edit, source);
  g_assert_true (dd_store_save_task (f->store, edit, &error));
  g_assert_no_error (error);

  after = get_task (f->store, id);
  g_assert_cmpint (dd_task_get_plan_id (after), ==, adhoc);
  g_assert_cmpstr (dd_task_get_title (after), ==, "Xây dựng kế hoạch kiểm tra công vụ năm 2026");
  g_assert_cmpstr (dd_task_get_lead (after), ==, "Phòng Kiểm soát thủ tục hành chính");
  g_assert_cmpstr (dd_task_get_coordinators (after)[0], ==, "Phòng Hành chính - Quản trị");
  g_assert_null (dd_task_get_coordinators (after)[1]);
  assert_date (dd_task_get_due (after), "2026-10-15");
  g_assert_cmpstr (dd_task_get_product (after), ==, "Kế hoạch kiểm tra");
  g_assert_cmpstr (dd_task_get_directing (after), ==, "Phó Chánh Văn phòng");
  g_assert_cmpstr (dd_task_get_person (after), ==, "Trần Thị Bình");
  g_assert_cmpstr (dd_task_get_source (after)->number, ==, "7/VPUB");
  g_assert_cmpint (dd_task_get_revision (after), ==, dd_task_get_revision (read) + 1);

  /* A save that does not set the source leaves it; one that clears it
   * removes it, and the history says so. */
  g_clear_object (&edit);
  edit = dd_task_copy (after);
  dd_task_set_note (edit, "Ghi chú");
  audit_sources = dd_sql_query_int64 (f->store, "SELECT count(*) FROM audit_log WHERE table_name = 'task_sources'", -1);
  g_assert_true (dd_store_save_task (f->store, edit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dd_sql_query_int64 (f->store, "SELECT count(*) FROM audit_log WHERE table_name = 'task_sources'", -1),
                   ==, audit_sources);
  dd_task_set_source (edit, NULL);
  g_assert_true (dd_store_save_task (f->store, edit, &error));
  g_assert_no_error (error);
  g_clear_object (&after);
  after = get_task (f->store, id);
  g_assert_null (dd_task_get_source (after));
  g_assert_cmpint (dd_sql_query_int64 (f->store, "SELECT count(*) FROM audit_log WHERE table_name = "
                                       "'task_sources' AND action = 'delete'", -1), ==, 1);
}

/* Each refusal names the field and writes nothing. */
static void
assert_refused (Fixture    *f,
                DdTask     *task,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (f->store);
  g_autofree char *after = NULL;
  gint64 id = dd_task_get_id (task);

  g_assert_false (dd_store_save_task (f->store, task, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, words));
  after = snapshot (f->store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (dd_task_get_id (task), ==, id);
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_task (f, "Tổng hợp báo cáo cải cách hành chính", "Phòng Tổng hợp", "2026-06-30");
  g_autoptr(DdTask) stored = get_task (f->store, id);
  const char *same[] = { "Phòng Hành chính - Quản trị", " phòng tổng  hợp ", NULL };
  GDate early = dd_test_date ("2026-04-01");

  {
    g_autoptr(DdTask) task = new_task (f, "   ", "Phòng Tổng hợp", "2026-06-30");

    assert_refused (f, task, "title");
  }
  {
    g_autoptr(DdTask) task = dd_task_copy (stored);

    dd_task_set_title (task, "");
    assert_refused (f, task, "title");
  }
  {
    /* The lead as a coordinator, however it is typed. */
    g_autoptr(DdTask) task = new_task (f, "Cập nhật danh mục thủ tục", "Phòng Tổng hợp", "2026-06-30");

    dd_task_set_coordinators (task, same);
    assert_refused (f, task, "Coordinating units");
  }
  {
    g_autoptr(DdTask) task = dd_task_copy (stored);

    dd_task_set_coordinators (task, same);
    assert_refused (f, task, "Coordinating units");
  }
  {
    /* Due before the plan's date (28/04/2026). */
    g_autoptr(DdTask) task = dd_task_copy (stored);

    dd_task_set_due (task, &early);
    assert_refused (f, task, "Deadline: the due date 01/04/2026 is before the date of plan 662/KH-VPUB (28/04/2026)");
  }
  {
    g_autoptr(DdTask) task = new_task (f, "Việc của một kế hoạch không có", "Phòng Tổng hợp", NULL);

    dd_task_set_plan_id (task, 9999);
    assert_refused (f, task, "Plan");
  }
  {
    /* A date that does not exist: the task is left as it was. */
    g_autoptr(DdTask) task = dd_task_copy (stored);

    g_assert_false (dd_task_set_deadline_text (task, "Trước 31/02/2026", &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "31/02"));
    assert_date (dd_task_get_due (task), "2026-06-30");
    g_clear_error (&error);
  }
  {
    /* Completed after today: refused, by the editor's save and by a
     * progress update alike; nothing is written. */
    g_autoptr(DdTask) task = dd_task_copy (stored);
    GDate later;

    dd_date_set_today (&later);
    g_date_add_days (&later, 1);
    dd_task_set_completed_on (task, &later);
    assert_refused (f, task, "Completion date");
    g_assert_false (dd_store_record_progress (f->store, id, 100, &later, NULL, NULL, &error));
    g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "after today"));
    g_clear_error (&error);
    g_clear_object (&stored);
    stored = get_task (f->store, id);
    g_assert_null (dd_task_get_completed_on (stored));
  }
}

/* Done, reopened, and the timeline */

static void
test_done_and_reopen (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_task (f, "Số hóa hồ sơ lưu trữ của Văn phòng", "Phòng Hành chính - Quản trị", "2026-11-30");
  g_autoptr(DdTask) task = get_task (f->store, id);
  g_autoptr(DdTask) edit = dd_task_copy (task);
  g_autoptr(GPtrArray) timeline = NULL;
  GDate done = dd_test_date ("2026-10-01");
  DdProgressUpdate *update;

  /* Some progress first (the first row of the timeline). */
  g_assert_true (dd_store_record_progress (f->store, id, 20, NULL, NULL, "Đã số hóa 20%", &error));
  g_assert_no_error (error);

  /* Marking it done at 20%: saved at 100%. */
  g_clear_object (&edit);
  g_clear_object (&task);
  task = get_task (f->store, id);
  edit = dd_task_copy (task);
  dd_task_set_progress (edit, 20);
  dd_task_set_completed_on (edit, &done);
  g_assert_cmpuint (dd_task_get_progress (edit), ==, 100);
  dd_task_set_progress (edit, 20);
  g_assert_true (dd_store_save_task (f->store, edit, &error));
  g_assert_no_error (error);
  g_clear_object (&task);
  task = get_task (f->store, id);
  g_assert_cmpuint (dd_task_get_progress (task), ==, 100);
  assert_date (dd_task_get_completed_on (task), "2026-10-01");

  /* Reopening it: possible, and recorded. */
  g_clear_object (&edit);
  edit = dd_task_copy (task);
  dd_task_set_completed_on (edit, NULL);
  dd_task_set_progress (edit, 90);
  g_assert_true (dd_store_save_task (f->store, edit, &error));
  g_assert_no_error (error);
  g_clear_object (&task);
  task = get_task (f->store, id);
  g_assert_null (dd_task_get_completed_on (task));
  g_assert_cmpuint (dd_task_get_progress (task), ==, 90);

  timeline = dd_store_list_progress (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, ==, 3);
  /* Newest first: the reopening, the completion, the 20%. */
  update = g_ptr_array_index (timeline, 0);
  g_assert_true (update->reopened);
  g_assert_cmpint (update->progress, ==, 90);
  g_assert_false (dd_date_is_set (&update->completed_on));
  g_assert_cmpstr (update->recorded_by, ==, dd_store_get_user (f->store));
  g_assert_nonnull (update->recorded_at);
  update = g_ptr_array_index (timeline, 1);
  g_assert_false (update->reopened);
  g_assert_cmpint (update->progress, ==, 100);
  assert_date (&update->completed_on, "2026-10-01");
  update = g_ptr_array_index (timeline, 2);
  g_assert_cmpint (update->progress, ==, 20);
  g_assert_cmpstr (update->note, ==, "Đã số hóa 20%");
  g_assert_cmpint (dd_sql_query_int64 (f->store, "SELECT count(*) FROM audit_log WHERE table_name = "
                                       "'progress_updates' AND json_extract (new_values, '$.reopened') = 1", -1),
                   ==, 1);

  /* Done again through the progress command, then reopened there too. */
  g_assert_true (dd_store_record_progress (f->store, id, -1, &done, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (dd_store_record_progress (f->store, id, 50, NULL, NULL, "Làm lại", &error));
  g_assert_no_error (error);
  g_clear_pointer (&timeline, g_ptr_array_unref);
  timeline = dd_store_list_progress (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, ==, 5);
  g_assert_true (((DdProgressUpdate *) g_ptr_array_index (timeline, 0))->reopened);
  g_assert_false (((DdProgressUpdate *) g_ptr_array_index (timeline, 1))->reopened);

  /* A save that changes no progress adds no row. */
  g_clear_object (&task);
  g_clear_object (&edit);
  task = get_task (f->store, id);
  edit = dd_task_copy (task);
  dd_task_set_title (edit, "Số hóa hồ sơ lưu trữ của Văn phòng năm 2026");
  g_assert_true (dd_store_save_task (f->store, edit, &error));
  g_assert_no_error (error);
  g_clear_pointer (&timeline, g_ptr_array_unref);
  timeline = dd_store_list_progress (f->store, id, &error);
  g_assert_cmpuint (timeline->len, ==, 5);

  /* The editor's note written with a new progress goes with the update;
   * a note left as it was is not repeated on the next one. */
  g_clear_object (&task);
  g_clear_object (&edit);
  task = get_task (f->store, id);
  edit = dd_task_copy (task);
  dd_task_set_progress (edit, 70);
  dd_task_set_note (edit, "Đã trình UBND tỉnh ngày 20/11/2026");
  g_assert_true (dd_store_save_task (f->store, edit, &error));
  g_assert_no_error (error);
  g_clear_object (&task);
  g_clear_object (&edit);
  task = get_task (f->store, id);
  edit = dd_task_copy (task);
  dd_task_set_progress (edit, 80);
  g_assert_true (dd_store_save_task (f->store, edit, &error));
  g_assert_no_error (error);
  g_clear_pointer (&timeline, g_ptr_array_unref);
  timeline = dd_store_list_progress (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, ==, 7);
  update = g_ptr_array_index (timeline, 0);
  g_assert_cmpint (update->progress, ==, 80);
  g_assert_null (update->note);
  update = g_ptr_array_index (timeline, 1);
  g_assert_cmpint (update->progress, ==, 70);
  g_assert_cmpstr (update->note, ==, "Đã trình UBND tỉnh ngày 20/11/2026");
  g_assert_cmpstr (dd_task_get_note (task), ==, "Đã trình UBND tỉnh ngày 20/11/2026");
}

/* Extensions */

static void
assert_extend_refused (Fixture     *f,
                       gint64       id,
                       const char  *to,
                       const char  *decision,
                       GQuark       domain,
                       int          code,
                       const char  *words)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (f->store);
  g_autofree char *after = NULL;
  GDate day = dd_test_date (to);

  g_assert_false (dd_store_extend_task (f->store, id, &day, decision, NULL, NULL, NULL, &error));
  g_assert_error (error, domain, code);
  if (words != NULL)
    g_assert_nonnull (strstr (error->message, words));
  after = snapshot (f->store);
  g_assert_cmpstr (after, ==, before);
}

static void
test_extension_rules (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCalendar) calendar = dd_calendar_new (f->store);
  gint64 id = add_task (f, "Trình đề án vị trí việc làm", "Phòng Tổng hợp", "2026-06-30");
  g_autoptr(DdTask) task = NULL;
  g_autoptr(GPtrArray) extensions = NULL;
  DdExtension *ext;
  GDate as_of = dd_test_date ("2026-07-15");
  GDate new_due = dd_test_date ("2026-08-31");
  GDate signed_on = dd_test_date ("2026-06-25");

  assert_extend_refused (f, id, "2026-08-31", "  ", DD_STORE_ERROR, DD_STORE_ERROR_INVALID, "Decision");
  assert_extend_refused (f, id, "2026-06-30", "Công văn số 1/VPUB", DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                         "30/06/2026");
  assert_extend_refused (f, id, "2026-06-01", "Công văn số 1/VPUB", DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                         "New due date");
  assert_extend_refused (f, 999999, "2026-08-31", "Công văn số 1/VPUB", DD_STORE_ERROR,
                         DD_STORE_ERROR_NO_SUCH_ROW, NULL);

  /* A due date before the plan's (as an old import may have): the new
   * date must not be before the plan's date either. */
  g_assert_true (dd_sql_exec (f->store, "UPDATE tasks SET due_on = '2026-03-01' WHERE id = "
                              "(SELECT max (id) FROM tasks)", &error));
  g_assert_no_error (error);
  assert_extend_refused (f, id, "2026-04-01", "Công văn số 1/VPUB", DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                         "28/04/2026");
  g_assert_true (dd_sql_exec (f->store, "UPDATE tasks SET due_on = '2026-06-30' WHERE id = "
                              "(SELECT max (id) FROM tasks)", &error));
  g_assert_no_error (error);

  /* Overdue on 15/07 until it is extended. */
  task = dd_store_get_task (f->store, id, &as_of, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_task_get_status (task), ==, DD_STATUS_OVERDUE);
  g_clear_object (&task);

  g_assert_true (dd_store_extend_task (f->store, id, &new_due, " Công văn số 45/UBND-TH ", NULL,
                                       "Chánh Văn phòng", &signed_on, &error));
  g_assert_no_error (error);

  task = dd_store_get_task (f->store, id, &as_of, &error);
  g_assert_no_error (error);
  assert_date (dd_task_get_due (task), "2026-08-31");
  assert_date (dd_task_get_original_due (task), "2026-06-30");
  g_assert_cmpuint (dd_task_get_n_extensions (task), ==, 1);
  g_assert_cmpint (dd_task_get_status (task), ==, DD_STATUS_IN_PROGRESS);

  extensions = dd_calendar_list_extensions (calendar, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (extensions->len, ==, 1);
  ext = g_ptr_array_index (extensions, 0);
  g_assert_cmpstr (ext->decision, ==, "Công văn số 45/UBND-TH");
  g_assert_null (ext->reason);
  g_assert_cmpstr (ext->approved_by, ==, "Chánh Văn phòng");
  assert_date (&ext->approved_on, "2026-06-25");
  assert_date (&ext->old_due, "2026-06-30");
  g_assert_cmpint (dd_sql_query_int64 (f->store, "SELECT count(*) FROM audit_log WHERE table_name = "
                                       "'task_extensions' AND json_extract (new_values, '$.decision') = "
                                       "'Công văn số 45/UBND-TH'", -1), ==, 1);
}

/* The scorecards: a task extended before it fell due is not late; one
 * extended after it fell due is judged against the date it missed. */
static void
test_extension_scorecard (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdScoring) scoring = dd_scoring_new (f->store);
  g_autoptr(GListModel) cards = NULL;
  gint64 in_time = add_task (f, "Gia hạn trước khi đến hạn", "Phòng Thử nghiệm gia hạn", "2026-05-01");
  gint64 too_late = add_task (f, "Gia hạn sau khi đã quá hạn", "Phòng Thử nghiệm gia hạn", "2026-05-01");
  gint64 unit = dd_test_unit_id (f->store, "Phòng Thử nghiệm gia hạn");
  GDate new_due = dd_test_date ("2026-06-01");
  GDate before = dd_test_date ("2026-04-29");
  GDate after = dd_test_date ("2026-05-05");
  GDate done = dd_test_date ("2026-05-25");
  DdScorePeriod period;
  DdScorecard *card = NULL;
  guint checked = 0;

  g_assert_true (dd_store_extend_task (f->store, in_time, &new_due, "Công văn số 1/VPUB", NULL, NULL, &before, &error));
  g_assert_no_error (error);
  g_assert_true (dd_store_extend_task (f->store, too_late, &new_due, "Công văn số 2/VPUB", NULL, NULL, &after, &error));
  g_assert_no_error (error);
  g_assert_true (dd_store_record_progress (f->store, in_time, -1, &done, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (dd_store_record_progress (f->store, too_late, -1, &done, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Both are done on time by the task's own status (the current due date). */
  {
    g_autoptr(DdTask) a = get_task (f->store, in_time);
    g_autoptr(DdTask) b = get_task (f->store, too_late);

    g_assert_cmpint (dd_task_get_status (a), ==, DD_STATUS_DONE_ON_TIME);
    g_assert_cmpint (dd_task_get_status (b), ==, DD_STATUS_DONE_ON_TIME);
  }

  dd_score_period_init (&period, DD_OCCURRENCE_QUARTER, 2026, 2);
  cards = dd_scoring_list_scorecards (scoring, &period, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(DdScorecard) item = g_list_model_get_item (cards, i);

      if (dd_scorecard_get_unit_id (item) == unit)
        card = item;
    }
  g_assert_nonnull (card);
  g_assert_cmpuint (dd_scorecard_get_count (card, DD_STATUS_DONE_ON_TIME), ==, 1);
  g_assert_cmpuint (dd_scorecard_get_count (card, DD_STATUS_DONE_LATE), ==, 1);
  for (guint i = 0; i < dd_scorecard_get_tasks (card)->len; i++)
    {
      DdScoreTask *task = g_ptr_array_index (dd_scorecard_get_tasks (card), i);

      if (task->task_id == in_time)
        {
          g_assert_cmpint (task->status, ==, DD_STATUS_DONE_ON_TIME);
          checked++;
        }
      else if (task->task_id == too_late)
        {
          g_assert_cmpint (task->status, ==, DD_STATUS_DONE_LATE);
          assert_date (&task->due, "2026-05-01");
          checked++;
        }
    }
  g_assert_cmpuint (checked, ==, 2);
}

/* The built-in plan */

static void
test_adhoc_plan (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) plans_before = dd_store_list_plans (f->store, &error);
  g_autoptr(GListModel) plans = NULL;
  gint64 id = dd_store_get_adhoc_plan_id (f->store, &error);
  gboolean found = FALSE;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (dd_store_get_adhoc_plan_id (f->store, &error), ==, id);
  g_assert_no_error (error);

  plans = dd_store_list_plans (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, g_list_model_get_n_items (plans_before) + 1);
  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(DdPlan) plan = g_list_model_get_item (plans, i);

      if (dd_plan_get_id (plan) == id)
        {
          g_autofree char *name = dd_plan_dup_display_name (plan);

          g_assert_cmpstr (dd_plan_get_title (plan), ==, "Assignments outside any plan");
          g_assert_cmpstr (name, ==, "Assignments outside any plan");
          found = TRUE;
        }
    }
  g_assert_true (found);

  /* Neither deleted nor renamed, by anyone. */
  before = snapshot (f->store);
  g_assert_false (dd_sql_exec (f->store, "DELETE FROM plans WHERE builtin = 'adhoc'", &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dd_sql_exec (f->store, "UPDATE plans SET number = '1/KH' WHERE builtin = 'adhoc'", &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  after = snapshot (f->store);
  g_assert_cmpstr (after, ==, before);

  /* A task outside any plan has no plan date to respect. */
  {
    g_autoptr(DdTask) task = dd_task_new (id);
    GDate due = dd_test_date ("2026-01-15");

    dd_task_set_title (task, "Chuẩn bị nội dung họp giao ban");
    dd_task_set_lead (task, "Phòng Tổng hợp");
    dd_task_set_due (task, &due);
    g_assert_true (dd_store_save_task (f->store, task, &error));
    g_assert_no_error (error);
  }
}

static void
test_find_unit (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = dd_test_unit_id (f->store, "Phòng Hành chính - Quản trị");

  g_assert_cmpint (dd_store_find_unit (f->store, "  phòng hành chính -  quản trị ", &error), ==, id);
  g_assert_no_error (error);
  g_assert_cmpint (dd_store_find_unit (f->store, "Phòng Chưa Có", &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (dd_store_find_unit (f->store, "", &error), ==, 0);
}

/* Roles */

static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdUsers) users = dd_users_new (f->store);
  g_autoptr(DdTask) own = NULL;
  g_autoptr(DdTask) other = NULL;
  gint64 own_id = add_task (f, "Việc của Phòng Tổng hợp", "Phòng Tổng hợp", "2026-09-30");
  gint64 unit = dd_test_unit_id (f->store, "Phòng Tổng hợp");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *reason = NULL;
  GDate new_due = dd_test_date ("2026-12-31");

  g_assert_true (dd_users_set_role (users, dd_store_get_user (f->store), NULL, DD_ROLE_ADMIN, 0, &error));
  g_assert_no_error (error);
  g_assert_true (dd_users_set_role (users, "donvi", NULL, DD_ROLE_UNIT_EDITOR, unit, &error));
  g_assert_no_error (error);
  _dd_store_set_user (f->store, "donvi");

  g_assert_true (dd_store_can_for_unit (f->store, DD_ACTION_ADD_TASK, unit, NULL));
  g_assert_false (dd_store_can_for_unit (f->store, DD_ACTION_ADD_TASK, unit + 1000, &reason));
  g_assert_nonnull (reason);
  g_clear_pointer (&reason, g_free);
  g_assert_false (dd_store_can (f->store, DD_ACTION_EXTEND_TASK, NULL, &reason));
  g_assert_nonnull (reason);

  /* Its own unit's task: added, and outside any plan too. */
  own = new_task (f, "Việc mới của Phòng Tổng hợp", "phòng tổng hợp", "2026-10-31");
  g_assert_true (dd_store_save_task (f->store, own, &error));
  g_assert_no_error (error);
  g_clear_object (&own);
  own = dd_task_new (dd_store_get_adhoc_plan_id (f->store, &error));
  g_assert_no_error (error);
  dd_task_set_title (own, "Việc giao tại cuộc họp giao ban");
  dd_task_set_lead (own, "Phòng Tổng hợp");
  g_assert_true (dd_store_save_task (f->store, own, &error));
  g_assert_no_error (error);

  /* Another unit's, or a new unit: refused, nothing written. */
  before = snapshot (f->store);
  other = new_task (f, "Việc của đơn vị khác", "Phòng Hành chính - Quản trị", "2026-10-31");
  g_assert_false (dd_store_save_task (f->store, other, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_clear_object (&other);
  other = new_task (f, "Việc của một đơn vị mới", "Phòng Mới Lập", "2026-10-31");
  g_assert_false (dd_store_save_task (f->store, other, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  /* Extensions are an administrator's. */
  g_assert_false (dd_store_extend_task (f->store, own_id, &new_due, "Công văn số 9/VPUB", NULL, NULL, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  after = snapshot (f->store);
  g_assert_cmpstr (after, ==, before);
}


/* Upgrading */

static void
sql_stub (sqlite3_context *ctx,
          int              argc,
          sqlite3_value  **argv)
{
  sqlite3_result_text (ctx, "admin", -1, SQLITE_STATIC);
}

/* A file of schema version 7 with an extension and a progress update, as
 * an earlier Đôn Đốc wrote it, opened by this one: the rebuilt
 * task_extensions keeps its rows, and the history of the new columns
 * starts empty. */
static void
test_migrate_from_7 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) memory = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);
  g_autofree char *dir = dd_test_make_tmp_dir ("dondoc-migrate-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "v7.sqlite", NULL);
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdCalendar) calendar = NULL;
  g_autoptr(GPtrArray) extensions = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  DdExtension *ext;
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_create_function (db, "dd_user", 0, SQLITE_UTF8, NULL, sql_stub, NULL, NULL);
  sqlite3_create_function (db, "dd_role", 0, SQLITE_UTF8, NULL, sql_stub, NULL, NULL);
  sqlite3_create_function (db, "dd_unit", 0, SQLITE_UTF8, NULL, sql_stub, NULL, NULL);
  for (int version = 1; version <= 7; version++)
    {
      g_auto(GStrv) names = g_resources_enumerate_children ("/io/github/dondoc/Dondoc/core/sql/", 0, NULL);
      g_autofree char *prefix = g_strdup_printf ("%04d-", version);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *sql = NULL;

      for (guint i = 0; names != NULL && names[i] != NULL; i++)
        if (g_str_has_prefix (names[i], prefix))
          {
            g_autofree char *resource = g_strconcat ("/io/github/dondoc/Dondoc/core/sql/", names[i], NULL);

            bytes = g_resources_lookup_data (resource, 0, NULL);
          }
      g_assert_nonnull (bytes);
      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA user_version = 7; PRAGMA application_id = 1148077155;"
                                 "INSERT INTO plans (id, number, issued_on, title) VALUES (1, '1/KH', '2026-01-05', 'Kế hoạch');"
                                 "INSERT INTO tasks (id, plan_id, position, title, due_on, deadline_kind) "
                                 "VALUES (1, 1, 1, 'Việc cũ', '2026-03-31', 1);"
                                 "INSERT INTO task_extensions (task_id, old_due, new_due, reason, approved_by, approved_on) "
                                 "VALUES (1, '2026-02-28', '2026-03-31', 'Chờ số liệu', 'Chánh Văn phòng', '2026-02-20');"
                                 "INSERT INTO progress_updates (task_id, reported_on, progress) VALUES (1, '2026-02-01', 30);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  store = dd_store_open (path, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_store_get_schema_version (store), ==, DD_SCHEMA_VERSION);

  calendar = dd_calendar_new (store);
  extensions = dd_calendar_list_extensions (calendar, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (extensions->len, ==, 1);
  ext = g_ptr_array_index (extensions, 0);
  g_assert_null (ext->decision);
  g_assert_cmpstr (ext->reason, ==, "Chờ số liệu");
  g_assert_cmpstr (ext->approved_by, ==, "Chánh Văn phòng");
  assert_date (&ext->new_due, "2026-03-31");

  timeline = dd_store_list_progress (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, ==, 1);
  g_assert_false (((DdProgressUpdate *) g_ptr_array_index (timeline, 0))->reopened);

  /* The rebuilt table still has its triggers: a new extension is audited. */
  {
    GDate new_due = dd_test_date ("2026-05-31");

    g_assert_true (dd_store_extend_task (store, 1, &new_due, "Công văn số 3/VPUB", NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (dd_sql_query_int64 (store, "SELECT count(*) FROM audit_log WHERE table_name = "
                                         "'task_extensions' AND action = 'insert'", -1), ==, 2);
  }
  g_clear_object (&calendar);
  g_clear_object (&store);
  dd_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  setlocale (LC_ALL, "");
  dd_test_init_i18n ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/followup/source-format-parse", test_source_format_parse);
  g_test_add_func ("/core/followup/migrate-from-7", test_migrate_from_7);
#define ADD(path, func) \
  g_test_add ("/core/followup/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("add-task", test_add_task);
  ADD ("edit-every-field", test_edit_every_field);
  ADD ("bad-input", test_bad_input);
  ADD ("done-and-reopen", test_done_and_reopen);
  ADD ("extension-rules", test_extension_rules);
  ADD ("extension-scorecard", test_extension_scorecard);
  ADD ("adhoc-plan", test_adhoc_plan);
  ADD ("find-unit", test_find_unit);
  ADD ("roles", test_roles);
#undef ADD

  return g_test_run ();
}
