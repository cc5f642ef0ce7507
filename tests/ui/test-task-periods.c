/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-task-periods"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "dd-calendar-day.h"
#include "dd-calendar-page.h"
#include "dd-dashboard-page.h"
#include "dd-date-field.h"
#include "dd-extend-dialog.h"
#include "dd-page.h"
#include "dd-reminder.h"
#include "dd-store-private.h"
#include "dd-report-dialog.h"
#include "dd-task-extensions.h"
#include "dd-preferences-window.h"
#include "dd-schedule-fields.h"
#include "dd-task-periods.h"
#include "dd-tasks-page.h"
#include "dd-test-gtk.h"

/*
 * The reports and the extensions of a task, as the task editor shows them,
 * over a temporary database with plan 662/KH-VPUB, driving the real
 * widgets: a late report recorded for a past period of the periodic task
 * 8 (it leaves "Quên việc", on the task list and the dashboard too), taken
 * back, an ad hoc report added, the deadline of a task extended (overdue →
 * in progress) and an extension refused; the reminder bar's forgotten
 * reports. Every status is judged as of a fixed day, never the clock.
 */

typedef struct
{
  char *path;
  DdStore *store;
  GtkWindow *window;
  GtkStack *stack;
  DdTaskPeriods *periods;
  DdTaskExtensions *extensions;
  GDate as_of;
  guint n_changed;
} Fixture;

/* The task list has read its query on its worker. */
static gboolean
list_is_read (gpointer data)
{
  return !dd_tasks_page_is_loading (DD_TASKS_PAGE (data));
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
on_changed_cb (gpointer  widget,
               Fixture  *f)
{
  f->n_changed++;
}

static gint64
task_id_of_number (DdStore    *store,
                   const char *number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTaskList) list = NULL;
  DdTaskQuery query;

  dd_task_query_init (&query);
  list = dd_store_query_tasks (store, &query, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(DdTask) task = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (g_strcmp0 (dd_task_get_number (task), number) == 0)
        return dd_task_get_id (task);
    }

  g_assert_not_reached ();
  return 0;
}

/* Task @number as of the fixture's day. (transfer full) */
static DdTask *
get_task (Fixture    *f,
          const char *number)
{
  g_autoptr(GError) error = NULL;
  DdTask *task = dd_store_get_task (f->store, task_id_of_number (f->store, number), &f->as_of, &error);

  g_assert_no_error (error);
  g_assert_nonnull (task);
  return task;
}

/* Saves a new task of the first plan, due "Trước 30/4/2026" and not done:
 * overdue in May. Returns it as of the fixture's day. (transfer full) */
static DdTask *
add_overdue_task (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) plans = dd_store_list_plans (f->store, &error);
  g_autoptr(DdPlan) plan = NULL;
  g_autoptr(DdTask) task = NULL;
  DdTask *read;

  g_assert_no_error (error);
  plan = g_list_model_get_item (plans, 0);
  task = dd_task_new (dd_plan_get_id (plan));
  dd_task_set_title (task, "Rà soát quy chế làm việc của cơ quan");
  dd_task_set_lead (task, "Phòng Hành chính - Quản trị");
  g_assert_true (dd_task_set_deadline_text (task, "Trước 30/4/2026", &error));
  g_assert_no_error (error);
  g_assert_true (dd_store_save_task (f->store, task, &error));
  g_assert_no_error (error);

  read = dd_store_get_task (f->store, dd_task_get_id (task), &f->as_of, &error);
  g_assert_no_error (error);
  return read;
}

static DdTask *
reread (Fixture *f,
        DdTask  *task)
{
  g_autoptr(GError) error = NULL;
  DdTask *read = dd_store_get_task (f->store, dd_task_get_id (task), &f->as_of, &error);

  g_assert_no_error (error);
  return read;
}

static void
count_as_of (Fixture *f,
             guint    counts[DD_N_STATUSES])
{
  g_autoptr(GError) error = NULL;
  DdTaskQuery query;

  dd_task_query_init (&query);
  query.as_of = f->as_of;
  query.due_soon_days = dd_store_get_due_soon_days (f->store, NULL);
  g_assert_true (dd_store_count_by_status (f->store, &query, counts, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *switcher = gtk_stack_switcher_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  f->store = dd_test_create_store (&f->path);
  f->as_of = dd_test_date ("2026-10-01");

  f->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref (f->window);
  gtk_window_set_default_size (f->window, 1000, 700);
  gtk_window_set_title (f->window, "DdTaskPeriods");

  /* As the editor will hold them: pages of a stack. */
  f->stack = GTK_STACK (gtk_stack_new ());
  f->periods = DD_TASK_PERIODS (dd_task_periods_new ());
  f->extensions = DD_TASK_EXTENSIONS (dd_task_extensions_new ());
  gtk_stack_add_titled (f->stack, gtk_label_new ("General"), "general", "General");
  gtk_stack_add_titled (f->stack, GTK_WIDGET (f->periods), "reports", "Reports");
  gtk_stack_add_titled (f->stack, GTK_WIDGET (f->extensions), "extensions", "Extensions");
  gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), f->stack);
  gtk_widget_set_halign (switcher, GTK_ALIGN_CENTER);
  gtk_widget_set_vexpand (GTK_WIDGET (f->stack), TRUE);
  gtk_box_append (GTK_BOX (box), switcher);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->stack));
  g_object_set (box, "margin-start", 18, "margin-end", 18, "margin-top", 12, "margin-bottom", 12, NULL);
  gtk_window_set_child (f->window, box);

  g_signal_connect (f->periods, "changed", G_CALLBACK (on_changed_cb), f);
  g_signal_connect (f->extensions, "changed", G_CALLBACK (on_changed_cb), f);
  gtk_window_present (f->window);
  dd_test_wait_for (is_mapped, box);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  dd_test_iterate (50);
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->store);

  dd_test_remove_store_file (f->path);
  g_free (f->path);
}

static gpointer
wait_for_toplevel (GType type)
{
  dd_test_iterate (50);
  return dd_test_find_toplevel (type);
}

static const DdOccurrence *
row_period (Fixture          *f,
            DdOccurrenceKind  kind,
            int               year,
            int               index)
{
  GPtrArray *periods = dd_task_periods_get_periods (f->periods);
  GtkListBoxRow *row = dd_task_periods_find_row (f->periods, kind, year, index);

  g_assert_nonnull (row);
  return g_ptr_array_index (periods, gtk_list_box_row_get_index (row));
}

/* Clicks the button of a period's row (record or take back). */
static void
click_row_button (Fixture          *f,
                  DdOccurrenceKind  kind,
                  int               year,
                  int               index,
                  const char       *name)
{
  GtkListBoxRow *row = dd_task_periods_find_row (f->periods, kind, year, index);
  GtkWidget *button;

  g_assert_nonnull (row);
  button = dd_test_find_descendant (GTK_WIDGET (row), GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_widget_get_name (button), ==, name);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
set_field (gpointer    dialog,
           GType       type,
           const char *name,
           const char *text)
{
  gpointer child = dd_test_template_child (dialog, type, name);

  if (DD_IS_DATE_FIELD (child))
    child = dd_date_field_get_entry (child);
  gtk_editable_set_text (GTK_EDITABLE (child), text);
}

/* Records the report of Q3/2026 of task 8 on @date through the dialog. */
static void
record_q3 (Fixture    *f,
           const char *date)
{
  DdReportDialog *dialog;

  click_row_button (f, DD_OCCURRENCE_QUARTER, 2026, 3, "record-button");
  dialog = wait_for_toplevel (DD_TYPE_REPORT_DIALOG);
  g_assert_nonnull (dialog);
  set_field (dialog, DD_TYPE_REPORT_DIALOG, "date_field", date);
  set_field (dialog, DD_TYPE_REPORT_DIALOG, "number_entry", "45/BC-HCQT");
  set_field (dialog, DD_TYPE_REPORT_DIALOG, "note_entry", "Gửi qua hệ thống quản lý văn bản");
  dd_test_screenshot ("report-dialog");
  g_signal_emit_by_name (dd_test_template_child (dialog, DD_TYPE_REPORT_DIALOG, "ok_button"), "clicked");
  dd_test_iterate (50);
  g_assert_null (dd_test_find_toplevel (DD_TYPE_REPORT_DIALOG));
}

static void
show_task_8 (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = get_task (f, "8.");
  GDate june;

  /* The 6-month report was made on time; Q3's (due 14/9) was not. */
  june = dd_test_date ("2026-06-12");
  g_assert_true (dd_store_record_report (f->store, dd_task_get_id (task), DD_OCCURRENCE_HALF_YEAR, 2026, 1,
                                         &june, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&task);
  task = get_task (f, "8.");
  g_assert_cmpint (dd_task_get_status (task), ==, DD_STATUS_FORGOTTEN);

  dd_task_periods_set_task (f->periods, f->store, task);
  gtk_stack_set_visible_child (f->stack, GTK_WIDGET (f->periods));
  dd_test_iterate (50);
}

static void
test_record_late (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DdTask) task = NULL;
  GtkWidget *tasks_window = gtk_window_new ();
  GtkWidget *tasks_page;
  guint before[DD_N_STATUSES], after[DD_N_STATUSES];
  g_autofree char *forgotten_before = NULL;
  g_autofree char *forgotten_after = NULL;
  g_autofree char *reported = NULL;
  DdPageState state;

  show_task_8 (f);
  count_as_of (f, before);
  g_assert_cmpint (row_period (f, DD_OCCURRENCE_QUARTER, 2026, 3)->status, ==, DD_STATUS_FORGOTTEN);
  g_assert_cmpint (row_period (f, DD_OCCURRENCE_HALF_YEAR, 2026, 1)->status, ==, DD_STATUS_DONE_ON_TIME);
  g_assert_nonnull (dd_test_find_label (GTK_WIDGET (f->periods),
                                        dd_occurrence_state_get_label (DD_OCCURRENCE_STATE_FORGOTTEN)));
  dd_test_screenshot ("task-periods");

  /* The task list as of the same day counts it forgotten. */
  tasks_page = dd_tasks_page_new (f->store);
  gtk_window_set_child (GTK_WINDOW (tasks_window), tasks_page);
  dd_page_state_init (&state);
  state.as_of = f->as_of;
  dd_page_restore_state (DD_PAGE (tasks_page), &state);
  gtk_window_present (GTK_WINDOW (tasks_window));
  dd_test_wait_for (is_mapped, tasks_page);
  dd_test_wait_for (list_is_read, tasks_page);
  /* The status bar puts the count first: "3 Quên việc". */
  forgotten_before = g_strdup_printf ("%u %s", before[DD_STATUS_FORGOTTEN],
                                      dd_task_status_get_label (DD_STATUS_FORGOTTEN));
  g_assert_nonnull (dd_test_find_label (tasks_page, forgotten_before));

  /* Recorded late, on 25/9: the period is late, the task no longer forgotten. */
  record_q3 (f, "25/09/2026");
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_true (dd_date_is_set (&row_period (f, DD_OCCURRENCE_QUARTER, 2026, 3)->reported_on));
  g_assert_cmpint (row_period (f, DD_OCCURRENCE_QUARTER, 2026, 3)->status, ==, DD_STATUS_DONE_LATE);
  g_assert_cmpstr (row_period (f, DD_OCCURRENCE_QUARTER, 2026, 3)->report_number, ==, "45/BC-HCQT");
  g_assert_cmpstr (row_period (f, DD_OCCURRENCE_QUARTER, 2026, 3)->report_note, ==,
                   "Gửi qua hệ thống quản lý văn bản");
  reported = g_strdup_printf (_("Reported on %s, no. %s"), "25/09/2026", "45/BC-HCQT");
  g_assert_nonnull (dd_test_find_label (GTK_WIDGET (f->periods), reported));
  dd_test_screenshot ("task-periods-recorded");

  task = get_task (f, "8.");
  g_assert_cmpint (dd_task_get_status (task), ==, DD_STATUS_IN_PROGRESS);
  count_as_of (f, after);
  g_assert_cmpuint (after[DD_STATUS_FORGOTTEN], ==, before[DD_STATUS_FORGOTTEN] - 1);
  g_assert_cmpuint (after[DD_STATUS_IN_PROGRESS], ==, before[DD_STATUS_IN_PROGRESS] + 1);

  /* … and so does the task list, read again on the store's change. */
  dd_test_iterate (100);
  dd_test_wait_for (list_is_read, tasks_page);
  forgotten_after = g_strdup_printf ("%u %s", after[DD_STATUS_FORGOTTEN],
                                     dd_task_status_get_label (DD_STATUS_FORGOTTEN));
  g_assert_nonnull (dd_test_find_label (tasks_page, forgotten_after));

  gtk_window_destroy (GTK_WINDOW (tasks_window));
  dd_test_iterate (50);
}

static void
test_take_back (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DdTask) task = NULL;
  GtkDialog *confirm;

  show_task_8 (f);
  record_q3 (f, "20/09/2026");
  g_clear_object (&task);

  /* Cancelled: nothing changes. */
  click_row_button (f, DD_OCCURRENCE_QUARTER, 2026, 3, "take-back-button");
  confirm = wait_for_toplevel (GTK_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (confirm);
  dd_test_screenshot ("take-back-confirm");
  gtk_dialog_response (confirm, GTK_RESPONSE_CANCEL);
  dd_test_iterate (50);
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_true (dd_date_is_set (&row_period (f, DD_OCCURRENCE_QUARTER, 2026, 3)->reported_on));

  /* Confirmed: the period is owed again and the task forgotten again. */
  click_row_button (f, DD_OCCURRENCE_QUARTER, 2026, 3, "take-back-button");
  confirm = wait_for_toplevel (GTK_TYPE_MESSAGE_DIALOG);
  gtk_dialog_response (confirm, GTK_RESPONSE_ACCEPT);
  dd_test_iterate (50);
  g_assert_null (dd_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG));
  g_assert_cmpuint (f->n_changed, ==, 2);
  g_assert_false (dd_date_is_set (&row_period (f, DD_OCCURRENCE_QUARTER, 2026, 3)->reported_on));
  g_assert_cmpint (row_period (f, DD_OCCURRENCE_QUARTER, 2026, 3)->status, ==, DD_STATUS_FORGOTTEN);

  task = get_task (f, "8.");
  g_assert_cmpint (dd_task_get_status (task), ==, DD_STATUS_FORGOTTEN);
}

static void
test_ad_hoc (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *button = dd_test_template_child (f->periods, DD_TYPE_TASK_PERIODS, "ad_hoc_button");
  DdReportDialog *dialog;
  GtkWidget *ok;
  GPtrArray *periods;
  guint n_before;
  gboolean found = FALSE;

  show_task_8 (f);
  n_before = dd_task_periods_get_periods (f->periods)->len;

  g_signal_emit_by_name (button, "clicked");
  dialog = wait_for_toplevel (DD_TYPE_REPORT_DIALOG);
  g_assert_nonnull (dialog);
  ok = dd_test_template_child (dialog, DD_TYPE_REPORT_DIALOG, "ok_button");

  /* No title, an impossible date: refused as typed. */
  set_field (dialog, DD_TYPE_REPORT_DIALOG, "due_field", "31/02/2026");
  g_assert_false (gtk_widget_is_sensitive (ok));
  g_assert_true (gtk_widget_get_visible (dd_test_template_child (dialog, DD_TYPE_REPORT_DIALOG, "title_hint")));
  g_assert_true (gtk_widget_get_visible (dd_test_template_child (dialog, DD_TYPE_REPORT_DIALOG, "due_hint")));
  g_assert_false (dd_report_dialog_apply (dialog));
  g_assert_cmpuint (dd_task_periods_get_periods (f->periods)->len, ==, n_before);

  set_field (dialog, DD_TYPE_REPORT_DIALOG, "title_entry", "Báo cáo đột xuất về kết quả CCHC");
  set_field (dialog, DD_TYPE_REPORT_DIALOG, "due_field", "20/10/2026");
  g_assert_true (gtk_widget_is_sensitive (ok));
  dd_test_screenshot ("ad-hoc-dialog");
  g_signal_emit_by_name (ok, "clicked");
  dd_test_iterate (50);
  g_assert_null (dd_test_find_toplevel (DD_TYPE_REPORT_DIALOG));
  g_assert_cmpuint (f->n_changed, ==, 1);

  periods = dd_task_periods_get_periods (f->periods);
  g_assert_cmpuint (periods->len, ==, n_before + 1);
  for (guint i = 0; i < periods->len; i++)
    {
      const DdOccurrence *occ = g_ptr_array_index (periods, i);

      if (occ->kind == DD_OCCURRENCE_AD_HOC)
        {
          g_assert_cmpstr (occ->label, ==, "Báo cáo đột xuất về kết quả CCHC");
          g_assert_cmpint (g_date_get_day (&occ->due), ==, 20);
          /* As of 1/10 it is not due yet: it can be recorded. */
          g_assert_false (dd_date_is_set (&occ->reported_on));
          g_assert_nonnull (dd_task_periods_find_row (f->periods, occ->kind, occ->year, occ->index));
          found = TRUE;
        }
    }
  g_assert_true (found);
}

static void
test_select_period (Fixture       *f,
                    gconstpointer  data)
{
  GtkListBox *list = dd_test_template_child (f->periods, DD_TYPE_TASK_PERIODS, "list");
  GtkListBoxRow *row;

  show_task_8 (f);
  gtk_stack_set_visible_child_name (f->stack, "general");
  dd_test_iterate (50);

  /* The calendar's link: the reports page is shown, the period selected. */
  g_assert_true (dd_task_periods_select_period (f->periods, DD_OCCURRENCE_QUARTER, 2026, 3));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->stack), ==, "reports");
  row = gtk_list_box_get_selected_row (list);
  g_assert_true (row == dd_task_periods_find_row (f->periods, DD_OCCURRENCE_QUARTER, 2026, 3));

  /* A period the task does not have. */
  g_assert_false (dd_task_periods_select_period (f->periods, DD_OCCURRENCE_MONTH, 2026, 5));

  /* In a notebook's page, inside a box, as the task editor holds it. */
  {
    GtkWidget *window = gtk_window_new ();
    GtkWidget *notebook = gtk_notebook_new ();
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    GtkWidget *periods = dd_task_periods_new ();

    gtk_box_append (GTK_BOX (box), periods);
    gtk_notebook_append_page (GTK_NOTEBOOK (notebook), gtk_label_new ("General"), NULL);
    gtk_notebook_append_page (GTK_NOTEBOOK (notebook), box, NULL);
    gtk_window_set_child (GTK_WINDOW (window), notebook);
    gtk_window_present (GTK_WINDOW (window));
    dd_test_wait_for (is_mapped, notebook);
    dd_task_periods_set_task (DD_TASK_PERIODS (periods), f->store, dd_task_periods_get_task (f->periods));
    g_assert_cmpint (gtk_notebook_get_current_page (GTK_NOTEBOOK (notebook)), ==, 0);

    g_assert_true (dd_task_periods_select_period (DD_TASK_PERIODS (periods), DD_OCCURRENCE_HALF_YEAR, 2026, 1));
    g_assert_cmpint (gtk_notebook_get_current_page (GTK_NOTEBOOK (notebook)), ==, 1);
    gtk_window_destroy (GTK_WINDOW (window));
    dd_test_iterate (50);
  }
}

static void
test_extend (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(DdTask) task = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCalendar) calendar = dd_calendar_new (f->store);
  DdExtendDialog *dialog;
  GtkWidget *extend;
  const DdExtension *extension;
  g_autofree char *original = NULL;
  g_autofree char *first = NULL;
  guint before[DD_N_STATUSES], after[DD_N_STATUSES];

  /* Due "Trước 30/4/2026": overdue on 15/5. */
  f->as_of = dd_test_date ("2026-05-15");
  task = add_overdue_task (f);
  g_assert_cmpint (dd_task_get_status (task), ==, DD_STATUS_OVERDUE);
  count_as_of (f, before);
  dd_task_extensions_set_task (f->extensions, f->store, task);
  gtk_stack_set_visible_child (f->stack, GTK_WIDGET (f->extensions));
  original = g_strdup_printf (_("Original due date: %s"), "30/04/2026");
  g_assert_nonnull (dd_test_find_label (GTK_WIDGET (f->extensions), original));
  g_assert_cmpuint (dd_task_extensions_get_extensions (f->extensions)->len, ==, 0);

  dialog = DD_EXTEND_DIALOG (dd_task_extensions_open_dialog (f->extensions));
  g_assert_nonnull (dialog);
  extend = dd_test_template_child (dialog, DD_TYPE_EXTEND_DIALOG, "extend_button");
  g_assert_false (gtk_widget_is_sensitive (extend));

  set_field (dialog, DD_TYPE_EXTEND_DIALOG, "new_due_field", "30/06/2026");
  g_assert_false (gtk_widget_is_sensitive (extend));
  set_field (dialog, DD_TYPE_EXTEND_DIALOG, "decision_entry", "Công văn số 1234/UBND-TH");
  set_field (dialog, DD_TYPE_EXTEND_DIALOG, "signed_on_field", "12/05/2026");
  set_field (dialog, DD_TYPE_EXTEND_DIALOG, "signer_entry", "Phó Chủ tịch UBND tỉnh");
  set_field (dialog, DD_TYPE_EXTEND_DIALOG, "reason_entry", "Chờ ý kiến của Sở Nội vụ");
  g_assert_true (gtk_widget_is_sensitive (extend));
  dd_test_iterate (50);
  dd_test_screenshot ("extend-dialog");
  g_signal_emit_by_name (extend, "clicked");
  dd_test_iterate (50);
  g_assert_null (dd_test_find_toplevel (DD_TYPE_EXTEND_DIALOG));
  g_assert_cmpuint (f->n_changed, ==, 1);

  /* The status follows the new date: in progress on 15/5. */
  {
    DdTask *read = reread (f, task);

    g_object_unref (task);
    task = read;
  }
  g_assert_cmpint (dd_task_get_status (task), ==, DD_STATUS_IN_PROGRESS);
  g_assert_cmpint (g_date_get_month (dd_task_get_due (task)), ==, 6);
  count_as_of (f, after);
  g_assert_cmpuint (after[DD_STATUS_OVERDUE], ==, before[DD_STATUS_OVERDUE] - 1);
  g_assert_cmpuint (after[DD_STATUS_IN_PROGRESS], ==, before[DD_STATUS_IN_PROGRESS] + 1);

  stored = dd_calendar_list_extensions (calendar, dd_task_get_id (task), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 1);
  extension = g_ptr_array_index (stored, 0);
  g_assert_cmpint (g_date_get_day (&extension->old_due), ==, 30);
  g_assert_cmpint (g_date_get_month (&extension->new_due), ==, 6);
  g_assert_cmpstr (extension->decision, ==, "Công văn số 1234/UBND-TH");
  g_assert_cmpstr (extension->approved_by, ==, "Phó Chủ tịch UBND tỉnh");
  g_assert_cmpint (g_date_get_day (&extension->approved_on), ==, 12);
  g_assert_cmpstr (extension->reason, ==, "Chờ ý kiến của Sở Nội vụ");

  /* The widget lists it, the original due date kept. */
  g_assert_cmpuint (dd_task_extensions_get_extensions (f->extensions)->len, ==, 1);
  first = g_strdup_printf (_("Extension %u: %s → %s"), 1, "30/04/2026", "30/06/2026");
  g_assert_nonnull (dd_test_find_label (GTK_WIDGET (f->extensions), first));
  g_assert_nonnull (dd_test_find_label (GTK_WIDGET (f->extensions), original));
  dd_test_screenshot ("task-extensions");
}

static void
test_extend_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DdTask) task = NULL;
  g_autoptr(DdTask) again = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCalendar) calendar = dd_calendar_new (f->store);
  DdExtendDialog *dialog;
  GtkWidget *extend, *hint;

  f->as_of = dd_test_date ("2026-05-15");
  task = add_overdue_task (f);
  dd_task_extensions_set_task (f->extensions, f->store, task);
  gtk_stack_set_visible_child (f->stack, GTK_WIDGET (f->extensions));
  dialog = DD_EXTEND_DIALOG (dd_task_extensions_open_dialog (f->extensions));
  extend = dd_test_template_child (dialog, DD_TYPE_EXTEND_DIALOG, "extend_button");
  hint = dd_test_template_child (dialog, DD_TYPE_EXTEND_DIALOG, "new_due_hint");

  /* Before the current due date (30/4): said under the field as typed. */
  set_field (dialog, DD_TYPE_EXTEND_DIALOG, "decision_entry", "Công văn số 1234/UBND-TH");
  set_field (dialog, DD_TYPE_EXTEND_DIALOG, "signer_entry", "Phó Chủ tịch UBND tỉnh");
  set_field (dialog, DD_TYPE_EXTEND_DIALOG, "new_due_field", "20/04/2026");
  g_assert_true (gtk_widget_get_visible (hint));
  g_assert_true (gtk_widget_has_css_class (hint, "error"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (hint)), "30/04/2026"));
  g_assert_false (gtk_widget_is_sensitive (extend));
  dd_test_iterate (50);
  dd_test_screenshot ("extend-dialog-refused");
  g_assert_false (dd_extend_dialog_apply (dialog));

  /* Not a date either. */
  set_field (dialog, DD_TYPE_EXTEND_DIALOG, "new_due_field", "31/02/2026");
  g_assert_true (gtk_widget_has_css_class (hint, "error"));
  g_assert_false (dd_extend_dialog_is_valid (dialog));

  /* No document: refused too. */
  set_field (dialog, DD_TYPE_EXTEND_DIALOG, "new_due_field", "30/06/2026");
  g_assert_true (dd_extend_dialog_is_valid (dialog));
  set_field (dialog, DD_TYPE_EXTEND_DIALOG, "decision_entry", "  ");
  g_assert_false (dd_extend_dialog_is_valid (dialog));
  g_assert_true (gtk_widget_get_visible (dd_test_template_child (dialog, DD_TYPE_EXTEND_DIALOG, "decision_hint")));
  gtk_window_destroy (GTK_WINDOW (dialog));
  dd_test_iterate (50);

  /* Nothing was written. */
  g_assert_cmpuint (f->n_changed, ==, 0);
  stored = dd_calendar_list_extensions (calendar, dd_task_get_id (task), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 0);
  again = reread (f, task);
  g_assert_cmpint (dd_task_get_revision (again), ==, dd_task_get_revision (task));
  g_assert_cmpint (dd_task_get_status (again), ==, DD_STATUS_OVERDUE);
}

/* The store checks again: another desktop extended the task to 31/7
 * while the dialog was open, so 30/6 is no longer after the due date. The
 * store's refusal is shown on top, the dialog stays, nothing is written. */
static void
test_extend_store_refuses (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(DdTask) task = NULL;
  g_autoptr(DdTask) again = NULL;
  g_autoptr(DdStore) other = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCalendar) calendar = dd_calendar_new (f->store);
  DdExtendDialog *dialog;
  GtkWidget *error_revealer;
  GDate july = dd_test_date ("2026-07-31");

  f->as_of = dd_test_date ("2026-05-15");
  task = add_overdue_task (f);
  dd_task_extensions_set_task (f->extensions, f->store, task);
  dialog = DD_EXTEND_DIALOG (dd_task_extensions_open_dialog (f->extensions));
  error_revealer = dd_test_template_child (dialog, DD_TYPE_EXTEND_DIALOG, "error_revealer");
  set_field (dialog, DD_TYPE_EXTEND_DIALOG, "new_due_field", "30/06/2026");
  set_field (dialog, DD_TYPE_EXTEND_DIALOG, "decision_entry", "Công văn số 1234/UBND-TH");
  g_assert_true (dd_extend_dialog_is_valid (dialog));

  other = dd_test_open_other (f->path, NULL);
  g_assert_true (dd_store_extend_task (other, dd_task_get_id (task), &july, "Công văn số 99/UBND-TH", NULL,
                                       NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (dd_store_poll_external_changes (f->store, NULL));

  g_assert_false (dd_extend_dialog_apply (dialog));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (error_revealer)));
  /* The dialog now checks against the new due date. */
  g_assert_nonnull (strstr (gtk_label_get_text (dd_test_template_child (dialog, DD_TYPE_EXTEND_DIALOG,
                                                                        "new_due_hint")), "31/07/2026"));
  g_assert_false (dd_extend_dialog_is_valid (dialog));
  g_assert_true (dd_test_find_toplevel (DD_TYPE_EXTEND_DIALOG) == GTK_WINDOW (dialog));
  dd_test_iterate (50);
  dd_test_screenshot ("extend-dialog-store-refused");
  gtk_window_destroy (GTK_WINDOW (dialog));
  dd_test_iterate (50);

  /* Only the other desktop's extension. */
  g_assert_cmpuint (f->n_changed, ==, 0);
  stored = dd_calendar_list_extensions (calendar, dd_task_get_id (task), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 1);
  g_assert_cmpstr (((DdExtension *) g_ptr_array_index (stored, 0))->decision, ==, "Công văn số 99/UBND-TH");
  again = reread (f, task);
  g_assert_cmpint (g_date_get_month (dd_task_get_due (again)), ==, 7);
}

static void
on_show_tasks_cb (DdReminder *reminder,
                  gint64      plan_id,
                  gint64      unit_id,
                  int         status,
                  int        *out_status)
{
  *out_status = status;
}

/* The reminder counts as of today, over the sample data (dd_store_load_sample()
 * as of today: tasks overdue, due soon, and forgotten reports). */
static gboolean
reminder_counted (gpointer data)
{
  return !dd_reminder_is_counting (DD_REMINDER (data));
}

static void
test_reminder_forgotten (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);
  GtkWidget *reminder = dd_reminder_new ();
  GtkWidget *button;
  g_autofree char *text = NULL;
  g_autofree char *part = NULL;
  guint counts[DD_N_STATUSES];
  DdTaskQuery query;
  int asked = -1;

  g_assert_no_error (error);
  dd_date_set_today (&f->as_of);
  g_assert_true (dd_store_load_sample (store, &f->as_of, &error));
  g_assert_no_error (error);
  dd_task_query_init (&query);
  query.as_of = f->as_of;
  query.due_soon_days = dd_store_get_due_soon_days (store, NULL);
  g_assert_true (dd_store_count_by_status (store, &query, counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts[DD_STATUS_FORGOTTEN], >, 0);

  gtk_widget_set_valign (reminder, GTK_ALIGN_START);
  gtk_stack_add_named (f->stack, reminder, "reminder");
  gtk_stack_set_visible_child (f->stack, reminder);
  dd_reminder_set_store (DD_REMINDER (reminder), store);
  /* Counted on the reminder's worker. */
  dd_test_wait_for (reminder_counted, reminder);

  g_assert_true (dd_reminder_get_revealed (DD_REMINDER (reminder)));
  g_assert_cmpuint (dd_reminder_get_n_forgotten (DD_REMINDER (reminder)), ==, counts[DD_STATUS_FORGOTTEN]);
  g_assert_cmpuint (dd_reminder_get_n_overdue (DD_REMINDER (reminder)), ==, counts[DD_STATUS_OVERDUE]);
  g_assert_cmpuint (dd_reminder_get_n_due_soon (DD_REMINDER (reminder)), ==, counts[DD_STATUS_DUE_SOON]);
  text = dd_reminder_dup_text (DD_REMINDER (reminder));
  part = g_strdup_printf (ngettext ("%u task with a forgotten report", "%u tasks with a forgotten report",
                                    counts[DD_STATUS_FORGOTTEN]),
                          counts[DD_STATUS_FORGOTTEN]);
  g_assert_nonnull (strstr (text, part));
  g_assert_nonnull (dd_test_find_label (reminder, text));
  dd_test_screenshot ("reminder");

  /* Its button opens the list of exactly those tasks. */
  g_signal_connect (reminder, "show-tasks", G_CALLBACK (on_show_tasks_cb), &asked);
  button = dd_test_template_child (reminder, DD_TYPE_REMINDER, "forgotten_button");
  g_assert_true (gtk_widget_get_visible (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpint (asked, ==, DD_STATUS_FORGOTTEN);

  dd_reminder_set_store (DD_REMINDER (reminder), NULL);
}

/* After a late report the dashboard, as of the same day, counts one
 * forgotten task less: its headline, DdStats and the store agree. */
static gboolean
page_loaded (gpointer data)
{
  return !dd_dashboard_page_is_loading (data);
}

static void
test_dashboard_after (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStats) stats = dd_stats_new (f->store);
  GtkWidget *window = gtk_window_new ();
  DdDashboardPage *page = DD_DASHBOARD_PAGE (dd_dashboard_page_new (f->store));
  const DdStatsHeadline *shown;
  DdStatsHeadline expected;
  DdStatsQuery query;
  guint before[DD_N_STATUSES], after[DD_N_STATUSES];
  guint shown_before;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  dd_dashboard_page_set_as_of (page, &f->as_of);
  gtk_window_present (GTK_WINDOW (window));
  dd_test_wait_for (is_mapped, page);
  dd_test_wait_for (page_loaded, page);

  show_task_8 (f);
  dd_test_wait_for (page_loaded, page);
  count_as_of (f, before);
  shown_before = dd_dashboard_page_get_headline (page)->counts[DD_STATUS_FORGOTTEN];
  g_assert_cmpuint (shown_before, ==, before[DD_STATUS_FORGOTTEN]);

  record_q3 (f, "25/09/2026");
  dd_test_wait_for (page_loaded, page);
  count_as_of (f, after);
  g_assert_cmpuint (after[DD_STATUS_FORGOTTEN], ==, before[DD_STATUS_FORGOTTEN] - 1);

  shown = dd_dashboard_page_get_headline (page);
  dd_stats_query_init (&query);
  dd_task_query_init (&query.tasks);
  query.tasks.as_of = f->as_of;
  query.tasks.due_soon_days = dd_store_get_due_soon_days (f->store, NULL);
  g_assert_true (dd_stats_get_headline (stats, &query, &expected, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < DD_N_STATUSES; i++)
    {
      g_assert_cmpuint (shown->counts[i], ==, expected.counts[i]);
      g_assert_cmpuint (shown->counts[i], ==, after[i]);
    }
  g_assert_cmpuint (shown->counts[DD_STATUS_FORGOTTEN], ==, shown_before - 1);

  gtk_window_destroy (GTK_WINDOW (window));
  dd_test_iterate (50);
}

typedef struct
{
  gint64 task_id;
  int kind, year, index;
  guint n_periods;
  guint n_tasks;
} Opened;

static void
on_open_task_period_cb (DdCalendarPage *page,
                        gint64          task_id,
                        int             kind,
                        int             year,
                        int             index,
                        Opened         *opened)
{
  opened->task_id = task_id;
  opened->kind = kind;
  opened->year = year;
  opened->index = index;
  opened->n_periods++;
}

static void
on_open_task_cb (DdCalendarPage *page,
                 gint64          task_id,
                 Opened         *opened)
{
  opened->task_id = task_id;
  opened->n_tasks++;
}

/* The first widget under @widget that stands for an entry of @task_id of
 * @kind. */
static GtkWidget *
find_entry_widget (GtkWidget        *widget,
                   gint64            task_id,
                   DdOccurrenceKind  kind)
{
  const DdCalendarEntry *entry = dd_calendar_day_get_attached_entry (G_OBJECT (widget));

  if (entry != NULL && entry->task_id == task_id && entry->occurrence != NULL && entry->kind == kind)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry_widget (child, task_id, kind);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The calendar's link: a report of task 8 opens the task at its period. */
static void
test_calendar_link (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = dd_calendar_page_new (f->store);
  gint64 task_8 = task_id_of_number (f->store, "8.");
  Opened opened = { 0, };
  GtkWidget *button;
  GDate date = dd_test_date ("2026-09-14");

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  dd_test_wait_for (is_mapped, page);
  dd_calendar_page_set_view (DD_CALENDAR_PAGE (page), DD_CALENDAR_VIEW_MONTH);
  dd_calendar_page_set_date (DD_CALENDAR_PAGE (page), &date);
  dd_test_iterate (50);

  /* Without a listener for the period, the task as before. */
  g_signal_connect (page, "open-task", G_CALLBACK (on_open_task_cb), &opened);
  button = find_entry_widget (page, task_8, DD_OCCURRENCE_QUARTER);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (opened.n_tasks, ==, 1);
  g_assert_cmpint (opened.task_id, ==, task_8);

  /* With one, the period: Q3/2026, due 14/9. */
  g_signal_connect (page, "open-task-period", G_CALLBACK (on_open_task_period_cb), &opened);
  button = find_entry_widget (page, task_8, DD_OCCURRENCE_QUARTER);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (opened.n_tasks, ==, 1);
  g_assert_cmpuint (opened.n_periods, ==, 1);
  g_assert_cmpint (opened.task_id, ==, task_8);
  g_assert_cmpint (opened.kind, ==, DD_OCCURRENCE_QUARTER);
  g_assert_cmpint (opened.year, ==, 2026);
  g_assert_cmpint (opened.index, ==, 3);

  /* … which the reports of the task select. */
  show_task_8 (f);
  gtk_stack_set_visible_child_name (f->stack, "general");
  g_assert_true (dd_task_periods_select_period (f->periods, opened.kind, opened.year, opened.index));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->stack), ==, "reports");

  gtk_window_destroy (GTK_WINDOW (window));
  dd_test_iterate (50);
}

static GtkWidget *
row_button (Fixture          *f,
            DdOccurrenceKind  kind,
            int               year,
            int               index)
{
  GtkListBoxRow *row = dd_task_periods_find_row (f->periods, kind, year, index);

  g_assert_nonnull (row);
  return dd_test_find_descendant (GTK_WIDGET (row), GTK_TYPE_BUTTON);
}

/* A field of the task's schedule (DdScheduleFields). */
static gpointer
schedule_child (Fixture    *f,
                const char *name)
{
  gpointer fields = dd_test_template_child (f->periods, DD_TYPE_TASK_PERIODS, "schedule_fields");

  return dd_test_template_child (fields, DD_TYPE_SCHEDULE_FIELDS, name);
}

/* What each role may do: a unit editor records its unit's reports but
 * neither sets a schedule nor extends a deadline; a viewer does nothing. */
static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(DdUsers) users = dd_users_new (f->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) overdue = NULL;
  GtkWidget *read_only = dd_test_template_child (f->periods, DD_TYPE_TASK_PERIODS, "read_only_label");
  GtkWidget *ad_hoc = dd_test_template_child (f->periods, DD_TYPE_TASK_PERIODS, "ad_hoc_button");
  GtkWidget *due_rule = schedule_child (f, "due_rule_dropdown");
  GtkWidget *extend = dd_test_template_child (f->extensions, DD_TYPE_TASK_EXTENSIONS, "extend_button");

  g_assert_true (dd_users_set_role (users, "xem", NULL, DD_ROLE_VIEWER, 0, &error));
  g_assert_no_error (error);
  g_assert_true (dd_users_set_role (users, "donvi", NULL, DD_ROLE_UNIT_EDITOR,
                                    dd_test_unit_id (f->store, "Phòng Hành chính - Quản trị"), &error));
  g_assert_no_error (error);

  show_task_8 (f);
  overdue = add_overdue_task (f);
  dd_task_extensions_set_task (f->extensions, f->store, overdue);

  /* The administrator may do everything. */
  g_assert_true (gtk_widget_is_sensitive (row_button (f, DD_OCCURRENCE_QUARTER, 2026, 3)));
  g_assert_true (gtk_widget_is_sensitive (ad_hoc));
  g_assert_true (gtk_widget_is_sensitive (due_rule));
  g_assert_true (gtk_widget_is_sensitive (extend));
  g_assert_false (gtk_widget_get_visible (read_only));

  /* The unit editor of the lead unit records reports only. */
  _dd_store_set_user (f->store, "donvi");
  dd_test_iterate (50);
  g_assert_true (gtk_widget_is_sensitive (row_button (f, DD_OCCURRENCE_QUARTER, 2026, 3)));
  g_assert_true (gtk_widget_is_sensitive (ad_hoc));
  g_assert_false (gtk_widget_is_sensitive (due_rule));
  g_assert_false (gtk_widget_is_sensitive (extend));
  g_assert_nonnull (gtk_widget_get_tooltip_text (extend));
  dd_test_screenshot ("task-periods-unit-editor");

  /* A viewer reads. */
  _dd_store_set_user (f->store, "xem");
  dd_test_iterate (50);
  g_assert_false (gtk_widget_is_sensitive (row_button (f, DD_OCCURRENCE_QUARTER, 2026, 3)));
  g_assert_false (gtk_widget_is_sensitive (row_button (f, DD_OCCURRENCE_HALF_YEAR, 2026, 1)));
  g_assert_false (gtk_widget_is_sensitive (ad_hoc));
  g_assert_true (gtk_widget_get_visible (read_only));
  g_assert_false (gtk_widget_is_sensitive (extend));

  _dd_store_set_user (f->store, g_get_user_name ());
  dd_test_iterate (50);
  g_assert_true (gtk_widget_is_sensitive (row_button (f, DD_OCCURRENCE_QUARTER, 2026, 3)));
}

/* A task not saved yet (the editor's new task) has no periods nor
 * extensions yet, and nothing to write. */
static void
test_new_task (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(DdTask) task = dd_task_new (0);

  dd_task_set_title (task, "Nhiệm vụ mới");
  dd_task_periods_set_task (f->periods, f->store, task);
  dd_task_extensions_set_task (f->extensions, f->store, task);
  dd_test_iterate (50);

  g_assert_null (dd_task_periods_get_periods (f->periods));
  g_assert_false (gtk_revealer_get_reveal_child (dd_test_template_child (f->periods, DD_TYPE_TASK_PERIODS,
                                                                         "error_revealer")));
  g_assert_false (gtk_widget_is_sensitive (dd_test_template_child (f->periods, DD_TYPE_TASK_PERIODS,
                                                                   "ad_hoc_button")));
  g_assert_false (dd_task_periods_select_period (f->periods, DD_OCCURRENCE_QUARTER, 2026, 3));
  g_assert_false (gtk_revealer_get_reveal_child (dd_test_template_child (f->extensions, DD_TYPE_TASK_EXTENSIONS,
                                                                         "error_revealer")));
  g_assert_false (gtk_widget_is_sensitive (dd_test_template_child (f->extensions, DD_TYPE_TASK_EXTENSIONS,
                                                                   "extend_button")));
  g_assert_null (dd_task_extensions_open_dialog (f->extensions));

  /* And back to nothing. */
  dd_task_periods_set_task (f->periods, NULL, NULL);
  dd_task_extensions_set_task (f->extensions, NULL, NULL);
  g_assert_null (dd_task_periods_get_task (f->periods));
}

/* The schedule: monthly reports added, due 5 working days after the
 * cut-off day; the list follows and the store keeps it. */
static void
test_schedule (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(DdCalendar) calendar = dd_calendar_new (f->store);
  g_autoptr(GError) error = NULL;
  GtkWidget *periods_box = schedule_child (f, "periods_box");
  GtkWidget *due_rule = schedule_child (f, "due_rule_dropdown");
  GtkWidget *due_param = schedule_child (f, "due_param_spin");
  GtkWidget *save = dd_test_template_child (f->periods, DD_TYPE_TASK_PERIODS, "schedule_button");
  GtkWidget *monthly;
  DdTaskSchedule schedule;
  guint n_before;

  show_task_8 (f);
  n_before = dd_task_periods_get_periods (f->periods)->len;
  g_assert_false (gtk_widget_is_sensitive (save));

  /* The first check is "Monthly", not among task 8's periods. */
  monthly = gtk_widget_get_first_child (periods_box);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (monthly)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (monthly), TRUE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (due_rule), DD_DUE_RULE_WORKDAYS_AFTER);
  g_assert_true (gtk_widget_get_visible (due_param));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (due_param), 5);
  g_assert_true (gtk_widget_is_sensitive (save));
  dd_test_screenshot ("task-periods-schedule");
  g_signal_emit_by_name (save, "clicked");
  dd_test_iterate (50);

  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_false (gtk_widget_is_sensitive (save));
  g_assert_true (dd_calendar_get_task_schedule (calendar, dd_task_get_id (dd_task_periods_get_task (f->periods)),
                                                &schedule, &error));
  g_assert_no_error (error);
  g_assert_false (schedule.inherited);
  g_assert_cmpint (schedule.due_rule, ==, DD_DUE_RULE_WORKDAYS_AFTER);
  g_assert_cmpint (schedule.due_param, ==, 5);
  g_assert_cmpuint (schedule.periods & DD_PERIOD_MONTHLY, !=, 0);
  g_assert_cmpuint (schedule.periods & DD_PERIOD_QUARTERLY, !=, 0);
  /* Twelve months more in the window, at least. */
  g_assert_cmpuint (dd_task_periods_get_periods (f->periods)->len, >, n_before + 12);
  g_assert_nonnull (dd_task_periods_find_row (f->periods, DD_OCCURRENCE_MONTH, 2026, 9));
}

/* The office's default schedule, set in Preferences, is the schedule of
 * every task without one of its own: task 8's reports fall due 5 working
 * days after the cut-off day, in its Reports page too. */
static void
test_default_schedule (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(DdCalendar) calendar = dd_calendar_new (f->store);
  g_autoptr(GError) error = NULL;
  DdPreferencesWindow *preferences;
  GtkWidget *fields, *due_rule, *due_param, *save, *update;
  const DdOccurrence *q3;
  DdTaskSchedule schedule;
  gint64 task_8;

  show_task_8 (f);
  task_8 = dd_task_get_id (dd_task_periods_get_task (f->periods));
  g_assert_true (dd_calendar_get_task_schedule (calendar, task_8, &schedule, &error));
  g_assert_true (schedule.inherited);
  g_assert_cmpint (schedule.due_rule, ==, DD_DUE_RULE_PERIOD_END);

  preferences = g_object_ref (dd_preferences_window_new (f->window, f->store));
  gtk_window_present (GTK_WINDOW (preferences));
  dd_test_iterate (50);
  fields = dd_test_template_child (preferences, DD_TYPE_PREFERENCES_WINDOW, "schedule_fields");
  due_rule = dd_test_template_child (fields, DD_TYPE_SCHEDULE_FIELDS, "due_rule_dropdown");
  due_param = dd_test_template_child (fields, DD_TYPE_SCHEDULE_FIELDS, "due_param_spin");
  update = dd_test_template_child (fields, DD_TYPE_SCHEDULE_FIELDS, "update_spin");
  save = dd_test_template_child (preferences, DD_TYPE_PREFERENCES_WINDOW, "schedule_button");
  g_assert_true (gtk_widget_get_visible (fields));
  g_assert_false (gtk_widget_is_sensitive (save));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (update)), ==, 1);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (due_rule), DD_DUE_RULE_WORKDAYS_AFTER);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (due_param), 5);
  g_assert_true (gtk_widget_is_sensitive (save));
  dd_test_screenshot ("preferences-default-schedule");
  g_signal_emit_by_name (save, "clicked");
  dd_test_iterate (50);
  g_assert_false (gtk_widget_is_sensitive (save));
  g_assert_false (gtk_widget_get_visible (dd_test_template_child (preferences, DD_TYPE_PREFERENCES_WINDOW,
                                                                  "error_label")));

  g_assert_true (dd_store_get_default_schedule (f->store, &schedule, &error));
  g_assert_no_error (error);
  g_assert_cmpint (schedule.due_rule, ==, DD_DUE_RULE_WORKDAYS_AFTER);
  g_assert_cmpint (schedule.due_param, ==, 5);
  g_assert_true (dd_calendar_get_task_schedule (calendar, task_8, &schedule, &error));
  g_assert_true (schedule.inherited);
  g_assert_cmpint (schedule.due_rule, ==, DD_DUE_RULE_WORKDAYS_AFTER);

  /* The task's page, opened again, follows: Q3 (cut-off 14/9/2026, a
   * Monday) is due five working days later. */
  {
    g_autoptr(DdTask) task = get_task (f, "8.");

    dd_task_periods_set_task (f->periods, f->store, task);
    dd_test_iterate (100);
  }
  g_assert_cmpstr (gtk_label_get_text (dd_test_template_child (f->periods, DD_TYPE_TASK_PERIODS, "schedule_hint")),
                   ==, _("This task follows the office’s default schedule."));
  q3 = NULL;
  for (guint i = 0; i < dd_task_periods_get_periods (f->periods)->len; i++)
    {
      const DdOccurrence *occ = g_ptr_array_index (dd_task_periods_get_periods (f->periods), i);

      if (occ->kind == DD_OCCURRENCE_QUARTER && occ->year == 2026 && occ->index == 3)
        q3 = occ;
    }
  g_assert_nonnull (q3);
  {
    g_autofree char *due = dd_date_to_iso (&q3->due);

    g_assert_cmpstr (due, ==, "2026-09-21");
  }

  gtk_window_destroy (GTK_WINDOW (preferences));
  dd_test_iterate (50);
  g_assert_finalize_object (preferences);
}

/* An ongoing task (2, "Thường xuyên") lists its update windows, which are
 * its progress updates (no report to record), and its schedule says how
 * often one is owed. */
static void
test_ongoing (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(DdTask) task = get_task (f, "2.");
  GPtrArray *periods;

  g_assert_cmpint (dd_task_get_deadline_kind (task), ==, DD_DEADLINE_ONGOING);
  dd_task_periods_set_task (f->periods, f->store, task);
  gtk_stack_set_visible_child (f->stack, GTK_WIDGET (f->periods));
  dd_test_iterate (50);

  periods = dd_task_periods_get_periods (f->periods);
  g_assert_cmpuint (periods->len, >, 0);
  for (guint i = 0; i < periods->len; i++)
    {
      const DdOccurrence *occ = g_ptr_array_index (periods, i);
      GtkListBoxRow *row = dd_task_periods_find_row (f->periods, occ->kind, occ->year, occ->index);

      g_assert_cmpint (occ->kind, ==, DD_OCCURRENCE_UPDATE);
      g_assert_null (dd_test_find_descendant (GTK_WIDGET (row), GTK_TYPE_BUTTON));
    }
  g_assert_true (gtk_widget_get_visible (schedule_child (f, "update_box")));
  g_assert_false (gtk_widget_get_visible (schedule_child (f, "periods_box")));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (schedule_child (f, "update_spin")), ==, 1);
  dd_test_screenshot ("task-periods-ongoing");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* The language of the environment, as the application takes it (the
   * tests run in English; the screenshots are taken in Vietnamese with
   * LANG=vi_VN.UTF-8). */
  setlocale (LC_ALL, "");
  dd_test_init_i18n ();

  if (!dd_test_init_gtk ())
    return DD_TEST_EXIT_SKIP;

  dd_test_load_app_style ();

#define ADD(path, func) \
  g_test_add ("/ui/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("task-periods/record-late", test_record_late);
  ADD ("task-periods/take-back", test_take_back);
  ADD ("task-periods/ad-hoc", test_ad_hoc);
  ADD ("task-periods/select-period", test_select_period);
  ADD ("follow-up/calendar-link", test_calendar_link);
  ADD ("task-periods/roles", test_roles);
  ADD ("task-periods/new-task", test_new_task);
  ADD ("task-periods/schedule", test_schedule);
  ADD ("task-periods/default-schedule", test_default_schedule);
  ADD ("task-periods/ongoing", test_ongoing);
  ADD ("task-extensions/extend", test_extend);
  ADD ("task-extensions/refused", test_extend_refused);
  ADD ("task-extensions/store-refuses", test_extend_store_refuses);
  ADD ("reminder/forgotten", test_reminder_forgotten);
  ADD ("follow-up/dashboard", test_dashboard_after);

  return g_test_run ();
}
