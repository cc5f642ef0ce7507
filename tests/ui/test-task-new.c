/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-task-new"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dd-conflict-dialog.h"
#include "dd-date-field.h"
#include "dd-date-popover.h"
#include "dd-extend-dialog.h"
#include "dd-progress-timeline.h"
#include "dd-store-private.h"
#include "dd-task-editor.h"
#include "dd-task-extensions.h"
#include "dd-tasks-page.h"
#include "dd-window.h"
#include "dd-window-private.h"
#include "dd-test-gtk.h"

/*
 * Adding a task through the window (Ctrl+N, the New button), and what the
 * task editor says and asks as one types: the time frame as read, the
 * "6 rõ" check, a lead that is also a coordinator, a new lead unit, done
 * and 100%, reopening a done task, and a changed form before closing.
 * With DD_TEST_SCREENSHOT_DIR set, the program instead walks through the
 * editor in the language of the environment (LANGUAGE=vi LC_ALL=vi_VN.UTF-8
 * for Vietnamese), with the application's style sheet, and saves a
 * screenshot of each step there; the tests proper run in English.
 */

typedef struct
{
  char *path;
  DdStore *store;
  DdWindow *window;
  GListModel *model;
  DdTaskEditor *editor;
} Fixture;

/* Auxiliary methods */

static gpointer
window_child (Fixture    *f,
              const char *name)
{
  return dd_test_template_child (f->window, DD_TYPE_WINDOW, name);
}

static DdTasksPage *
tasks_page (Fixture *f)
{
  return DD_TASKS_PAGE (dd_window_get_page (f->window, "tasks"));
}

static gpointer
tasks_child (Fixture    *f,
             const char *name)
{
  return dd_test_template_child (tasks_page (f), DD_TYPE_TASKS_PAGE, name);
}

static gpointer
child (Fixture    *f,
       const char *name)
{
  return dd_test_template_child (f->editor, DD_TYPE_TASK_EDITOR, name);
}

static gboolean
first_row_shown (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (f->model) > 0
         && gtk_widget_get_mapped (GTK_WIDGET (tasks_child (f, "column_view")));
}

static gboolean
question_shown (gpointer data)
{
  return dd_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG) != NULL;
}

static void
open_window (Fixture *f)
{
  GtkSelectionModel *selection;

  f->window = g_object_ref (dd_window_new (NULL, f->store));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1366, 768);
  gtk_window_present (GTK_WINDOW (f->window));
  gtk_stack_set_visible_child_name (window_child (f, "stack"), "tasks");
  selection = gtk_column_view_get_model (tasks_child (f, "column_view"));
  f->model = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection));
  dd_test_wait_for (first_row_shown, f);
}

/* The editor the window opened (on win.new-task or win.edit-task). */
static void
take_editor (Fixture *f)
{
  dd_test_iterate (50);
  f->editor = DD_TASK_EDITOR (dd_test_find_toplevel (DD_TYPE_TASK_EDITOR));
  g_assert_nonnull (f->editor);
  g_object_add_weak_pointer (G_OBJECT (f->editor), (gpointer *) &f->editor);
}

static void
open_new_task (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-task", NULL));
  take_editor (f);
}

/* An editor over the store alone, on @task or (with %NULL) a new task. */
static void
open_editor (Fixture *f,
             DdTask  *task)
{
  f->editor = task != NULL ? dd_task_editor_new (NULL, f->store, task)
                           : dd_task_editor_new_task (NULL, f->store, 1);
  g_object_add_weak_pointer (G_OBJECT (f->editor), (gpointer *) &f->editor);
  gtk_window_present (GTK_WINDOW (f->editor));
  dd_test_iterate (50);
}

static void
set_text (Fixture    *f,
          const char *name,
          const char *text)
{
  gpointer widget = child (f, name);

  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (widget), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static const char *
label_text (Fixture    *f,
            const char *name)
{
  return gtk_label_get_text (child (f, name));
}

static gboolean
can_save (Fixture *f)
{
  return gtk_widget_get_sensitive (child (f, "save_button"));
}

/* The name of the @nth unit of the file that is not a group. (transfer full) */
static char *
dup_unit_name (DdStore *store,
               guint    nth)
{
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GError) error = NULL;

  units = dd_store_list_units (store, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);

      if (!dd_unit_get_is_group (unit) && nth-- == 0)
        return g_strdup (dd_unit_get_name (unit));
    }
  g_assert_not_reached ();
}

static DdTask *
find_task_titled (DdStore    *store,
                  const char *title)
{
  g_autoptr(DdTaskList) list = NULL;
  g_autoptr(GError) error = NULL;
  DdTaskQuery query;

  dd_task_query_init (&query);
  query.text = title;
  list = dd_store_query_tasks (store, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(DdTask) task = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (g_strcmp0 (dd_task_get_title (task), title) == 0)
        return g_steal_pointer (&task);
    }
  return NULL;
}

/* A clear task: every field the "6 rõ" check asks for. */
static void
fill_clear_task (Fixture    *f,
                 const char *title,
                 const char *lead)
{
  set_text (f, "title_view", title);
  set_text (f, "lead_entry", lead);
  set_text (f, "deadline_entry", "Trước 30/4/2026");
  set_text (f, "product_entry", "Báo cáo kết quả gửi UBND tỉnh");
  set_text (f, "directing_entry", "Phó Chánh Văn phòng phụ trách");
}

static void
answer (int response)
{
  GtkWindow *dialog = dd_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG);

  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), response);
  dd_test_iterate (50);
}

/* The primary text of the question shown. (transfer full) */
static char *
dup_question (void)
{
  GtkWindow *dialog = dd_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG);
  g_autofree char *text = NULL;

  g_assert_nonnull (dialog);
  g_object_get (dialog, "text", &text, NULL);
  return g_steal_pointer (&text);
}

static DdTask *
read_task (Fixture *f,
           gint64   task_id)
{
  g_autoptr(GError) error = NULL;
  DdTask *task = dd_store_get_task (f->store, task_id, NULL, &error);

  g_assert_no_error (error);
  return task;
}

/* The text of the first label of the timeline's row @index. */
static const char *
timeline_headline (Fixture *f,
                   guint    index)
{
  GtkListBox *list = dd_test_template_child (child (f, "timeline"), DD_TYPE_PROGRESS_TIMELINE, "list_box");
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, (int) index);

  g_assert_nonnull (row);
  return gtk_label_get_text (GTK_LABEL (dd_test_find_descendant (GTK_WIDGET (row), GTK_TYPE_LABEL)));
}

/* Fixture */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = dd_test_create_store (&f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *window;

  while ((window = dd_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (window);
  if (f->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (f->editor));
  if (f->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (f->window));
      dd_test_iterate (50);
      g_assert_finalize_object (f->window);
    }
  dd_test_iterate (50);
  g_assert_finalize_object (f->store);
  dd_test_remove_store_file (f->path);
  g_free (f->path);
}

/* Tests */

/* Ctrl+N, fill in, save: the task is in the list, selected, and in the file. */
static void
test_add_through_window (Fixture       *f,
                         gconstpointer  data)
{
  const char *title = "Triển khai kết luận của Chủ tịch UBND tỉnh tại cuộc họp giao ban";
  g_autofree char *key = NULL;
  g_autofree char *lead = dup_unit_name (f->store, 0);
  g_autoptr(DdStore) reopened = NULL;
  g_autoptr(DdTask) saved = NULL;
  g_autoptr(GError) error = NULL;
  guint before = dd_test_count_tasks (f->store);
  DdTask *selected;

  open_window (f);
  key = dd_test_dup_key_of_action (GTK_WIDGET (f->window), "win.new-task");
  g_assert_cmpstr (key, ==, "<Control>n");
  g_assert_true (gtk_widget_get_sensitive (tasks_child (f, "new_button")));

  open_new_task (f);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->editor)), ==, "New Task");
  /* The plan the list shows (all plans: the first one), to be changed at will. */
  g_assert_cmpuint (gtk_drop_down_get_selected (child (f, "plan_dropdown")), ==, 0);
  g_assert_true (gtk_widget_get_sensitive (child (f, "plan_dropdown")));
  g_assert_false (can_save (f));

  fill_clear_task (f, title, lead);
  set_text (f, "person_entry", "Ông Nguyễn Văn A, Trưởng phòng");
  g_assert_true (can_save (f));

  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL);
  dd_test_wait_for (dd_test_pointer_cleared, &f->editor);

  g_assert_cmpuint (dd_test_count_tasks (f->store), ==, before + 1);
  selected = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (
    gtk_column_view_get_model (tasks_child (f, "column_view"))));
  g_assert_nonnull (selected);
  g_assert_cmpstr (dd_task_get_title (selected), ==, title);

  reopened = dd_test_open_other (f->path, NULL);
  saved = find_task_titled (reopened, title);
  g_assert_nonnull (saved);
  g_assert_cmpstr (dd_task_get_lead (saved), ==, lead);
  g_assert_cmpstr (dd_task_get_person (saved), ==, "Ông Nguyễn Văn A, Trưởng phòng");
  g_assert_cmpint (dd_task_get_deadline_kind (saved), ==, DD_DEADLINE_DATE);
  g_assert_cmpint (g_date_get_day (dd_task_get_due (saved)), ==, 30);
  g_assert_cmpint (g_date_get_month (dd_task_get_due (saved)), ==, 4);
  g_assert_cmpuint (dd_task_check_six_clear (saved, NULL), ==, 0);
}

/* A viewer adds no task: the action is off and the button says why. */
static void
test_viewer (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(DdUsers) accounts = dd_users_new (f->store);
  g_autoptr(GError) error = NULL;
  GtkWidget *button;

  dd_users_set_role (accounts, "xem", "Trần Văn Xem", DD_ROLE_VIEWER, 0, &error);
  g_assert_no_error (error);
  _dd_store_set_user (f->store, "xem");
  open_window (f);

  button = tasks_child (f, "new_button");
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "viewer"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-task", NULL);
  dd_test_iterate (50);
  g_assert_null (dd_test_find_toplevel (DD_TYPE_TASK_EDITOR));
}

/* The time frame and the "6 rõ" check follow the typing. */
static void
test_live_feedback (Fixture       *f,
                    gconstpointer  data)
{
  GtkLabel *hint;
  g_autofree char *lead = dup_unit_name (f->store, 0);

  open_editor (f, NULL);
  hint = child (f, "deadline_hint");

  /* Empty: everything is missing, and said. */
  g_assert_nonnull (strstr (label_text (f, "six_clear_summary"), "clear time"));
  g_assert_nonnull (strstr (label_text (f, "six_clear_summary"), "clear who"));

  set_text (f, "deadline_entry", "Trước 30/4/2026");
  g_assert_cmpstr (gtk_label_get_text (hint), ==, "“Trước 30/4/2026” → due 30/04/2026");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (hint), "error"));
  g_assert_null (strstr (label_text (f, "six_clear_summary"), "clear time"));

  set_text (f, "deadline_entry", "Khi có chỉ đạo");
  g_assert_nonnull (strstr (gtk_label_get_text (hint), "“Khi có chỉ đạo” is not understood"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (hint), "warning"));
  g_assert_nonnull (strstr (label_text (f, "six_clear_summary"), "clear time"));

  set_text (f, "deadline_entry", "Trước 31/02/2026");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (hint), "error"));
  g_assert_false (can_save (f));

  /* A date picked in the calendar is written as a plan writes it. */
  {
    GDate date;

    g_date_clear (&date, 1);
    g_date_set_dmy (&date, 15, 12, 2026);
    gtk_popover_popup (child (f, "due_popover"));
    dd_date_popover_set_date (child (f, "due_popover"), &date);
    g_signal_emit_by_name (child (f, "due_popover"), "day-selected");
    g_assert_cmpstr (gtk_editable_get_text (child (f, "deadline_entry")), ==, "Trước 15/12/2026");
    g_assert_cmpstr (gtk_label_get_text (hint), ==, "“Trước 15/12/2026” → due 15/12/2026");
  }

  fill_clear_task (f, "Tổng hợp báo cáo kết quả cải cách hành chính quý", lead);
  g_assert_cmpstr (label_text (f, "six_clear_summary"), ==, "The task is clear in all six ways.");
  g_assert_true (can_save (f));

  /* A title too short says so, in its row. */
  set_text (f, "title_view", "Báo cáo");
  g_assert_nonnull (strstr (label_text (f, "six_clear_summary"), "clear what"));
  g_assert_nonnull (dd_test_find_label (child (f, "six_clear_list"),
                                        "✗ clear what\nThe title is too short to say what is to be done."));
}

/* A lead that also coordinates is refused where it is typed, and nothing
 * is written. */
static void
test_lead_coordinator (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *lead = dup_unit_name (f->store, 0);
  g_autofree char *other = dup_unit_name (f->store, 1);
  g_autofree char *coordinators = g_strdup_printf ("%s; %s", other, lead);
  GtkLabel *hint;
  guint before = dd_test_count_tasks (f->store);

  open_editor (f, NULL);
  hint = child (f, "coordinators_hint");
  fill_clear_task (f, "Phối hợp tổ chức hội nghị tổng kết công tác năm", lead);
  g_assert_true (can_save (f));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (hint)));

  set_text (f, "coordinators_entry", coordinators);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (hint)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (hint), "error"));
  g_assert_nonnull (strstr (gtk_label_get_text (hint), "cannot also be one of its coordinating units"));
  g_assert_nonnull (strstr (gtk_label_get_text (hint), lead));
  g_assert_false (can_save (f));

  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL);
  dd_test_iterate (100);
  g_assert_nonnull (f->editor);
  g_assert_cmpuint (dd_test_count_tasks (f->store), ==, before);

  set_text (f, "coordinators_entry", other);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (hint)));
  g_assert_true (can_save (f));
}

/* A lead unit the file does not have is created only once confirmed. */
static void
test_new_unit (Fixture       *f,
               gconstpointer  data)
{
  const char *unit = "Ban Chỉ đạo chuyển đổi số tỉnh";
  const char *title = "Xây dựng kế hoạch chuyển đổi số năm 2027";
  g_autofree char *question = NULL;
  g_autoptr(DdTask) saved = NULL;
  guint before = dd_test_count_tasks (f->store);

  open_editor (f, NULL);
  fill_clear_task (f, title, unit);
  g_assert_true (gtk_widget_get_visible (child (f, "lead_hint")));
  g_assert_nonnull (strstr (label_text (f, "lead_hint"), "is not one of the units yet"));

  /* Asked; "Cancel" writes nothing and keeps the editor. */
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL);
  dd_test_wait_for (question_shown, NULL);
  question = dup_question ();
  g_assert_cmpstr (question, ==, "Create a new unit “Ban Chỉ đạo chuyển đổi số tỉnh”?");
  answer (GTK_RESPONSE_CANCEL);
  g_assert_nonnull (f->editor);
  g_assert_cmpuint (dd_test_count_tasks (f->store), ==, before);

  /* Confirmed: saved, with the new unit. */
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL);
  dd_test_wait_for (question_shown, NULL);
  answer (GTK_RESPONSE_ACCEPT);
  dd_test_wait_for (dd_test_pointer_cleared, &f->editor);
  g_assert_cmpuint (dd_test_count_tasks (f->store), ==, before + 1);
  saved = find_task_titled (f->store, title);
  g_assert_nonnull (saved);
  g_assert_cmpstr (dd_task_get_lead (saved), ==, unit);
  g_assert_cmpint (dd_test_unit_id (f->store, unit), >, 0);
}

/* Done is 100%; reopening a done task is asked, then saved. */
static void
test_done_and_reopen (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DdTask) task = NULL;
  g_autoptr(DdTask) done = NULL;
  g_autoptr(DdTask) reopened = NULL;
  g_autofree char *question = NULL;
  GtkCheckButton *check;
  gint64 task_id = 0;

  /* A task in progress, below 100%. */
  for (gint64 id = 1; task_id == 0; id++)
    {
      g_autoptr(DdTask) candidate = read_task (f, id);

      if (!dd_date_is_set (dd_task_get_completed_on (candidate)) && dd_task_get_progress (candidate) < 100)
        task_id = id;
    }

  task = read_task (f, task_id);
  open_editor (f, task);
  check = child (f, "done_check");
  gtk_notebook_set_current_page (child (f, "notebook"), 1);
  gtk_check_button_set_active (check, TRUE);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (child (f, "progress_spin")), ==, 100);
  g_assert_cmpstr (gtk_editable_get_text (child (f, "completed_entry")), !=, "");
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL);
  dd_test_wait_for (dd_test_pointer_cleared, &f->editor);

  done = read_task (f, task_id);
  g_assert_true (dd_date_is_set (dd_task_get_completed_on (done)));
  g_assert_cmpuint (dd_task_get_progress (done), ==, 100);

  /* Unticking "done" asks; "Cancel" leaves it done. */
  open_editor (f, done);
  check = child (f, "done_check");
  g_assert_true (gtk_check_button_get_active (check));
  gtk_check_button_set_active (check, FALSE);
  dd_test_wait_for (question_shown, NULL);
  question = dup_question ();
  g_assert_cmpstr (question, ==, "Reopen the task?");
  g_assert_true (gtk_check_button_get_active (check));
  answer (GTK_RESPONSE_CANCEL);
  g_assert_true (gtk_check_button_get_active (check));
  g_assert_cmpstr (gtk_editable_get_text (child (f, "completed_entry")), !=, "");

  /* "Reopen": the date goes, and the save records it. */
  gtk_check_button_set_active (check, FALSE);
  dd_test_wait_for (question_shown, NULL);
  answer (GTK_RESPONSE_ACCEPT);
  g_assert_false (gtk_check_button_get_active (check));
  g_assert_cmpstr (gtk_editable_get_text (child (f, "completed_entry")), ==, "");
  gtk_spin_button_set_value (child (f, "progress_spin"), 80);
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL);
  dd_test_wait_for (dd_test_pointer_cleared, &f->editor);

  reopened = read_task (f, task_id);
  g_assert_false (dd_date_is_set (dd_task_get_completed_on (reopened)));
  g_assert_cmpuint (dd_task_get_progress (reopened), ==, 80);

  /* The timeline says so, newest first, above the completion. */
  open_editor (f, reopened);
  g_assert_nonnull (strstr (timeline_headline (f, 0), "80% done — the task was reopened"));
  g_assert_nonnull (strstr (timeline_headline (f, 1), "100% done — completed on"));
}

/* The completion date cleared by hand reopens too: asked when saving. */
static void
test_reopen_on_save (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DdTask) task = NULL;
  g_autoptr(DdTask) saved = NULL;
  gint64 task_id = 0;

  for (gint64 id = 1; task_id == 0; id++)
    {
      g_autoptr(DdTask) candidate = read_task (f, id);

      if (dd_date_is_set (dd_task_get_completed_on (candidate)))
        task_id = id;
    }

  task = read_task (f, task_id);
  open_editor (f, task);
  set_text (f, "completed_entry", "");
  g_assert_false (gtk_check_button_get_active (child (f, "done_check")));
  g_assert_null (dd_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG));

  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL);
  dd_test_wait_for (question_shown, NULL);
  answer (GTK_RESPONSE_CANCEL);
  g_assert_nonnull (f->editor);
  saved = read_task (f, task_id);
  g_assert_true (dd_date_is_set (dd_task_get_completed_on (saved)));
  g_clear_object (&saved);

  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL);
  dd_test_wait_for (question_shown, NULL);
  answer (GTK_RESPONSE_ACCEPT);
  dd_test_wait_for (dd_test_pointer_cleared, &f->editor);
  saved = read_task (f, task_id);
  g_assert_false (dd_date_is_set (dd_task_get_completed_on (saved)));
}

/* A changed form is not closed without asking (Escape, Cancel, closing). */
static void
test_unsaved_changes (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *question = NULL;
  g_autoptr(DdTask) task = read_task (f, 1);

  /* Unchanged: closes at once. */
  open_editor (f, task);
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.cancel", NULL);
  dd_test_iterate (50);
  g_assert_null (f->editor);
  g_assert_null (dd_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG));

  /* Changed: Escape asks; keeping on editing keeps the text. */
  open_editor (f, NULL);
  set_text (f, "title_view", "Một việc mới giao tại cuộc họp");
  {
    g_autofree char *key = dd_test_dup_key_of_action (GTK_WIDGET (f->editor), "editor.cancel");

    g_assert_cmpstr (key, ==, "Escape");
  }
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.cancel", NULL);
  dd_test_wait_for (question_shown, NULL);
  question = dup_question ();
  g_assert_cmpstr (question, ==, "Discard the changes?");
  answer (GTK_RESPONSE_CANCEL);
  g_assert_nonnull (f->editor);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->editor)));

  /* Closing the window asks too; "Discard" closes it, writing nothing. */
  gtk_window_close (GTK_WINDOW (f->editor));
  dd_test_wait_for (question_shown, NULL);
  g_assert_nonnull (f->editor);
  answer (GTK_RESPONSE_ACCEPT);
  dd_test_wait_for (dd_test_pointer_cleared, &f->editor);
  g_assert_null (find_task_titled (f->store, "Một việc mới giao tại cuộc họp"));
}

/* "Giao việc ngoài kế hoạch": a task outside any plan goes to the
 * built-in plan, made with its first task. */
static void
test_outside_any_plan (Fixture       *f,
                       gconstpointer  data)
{
  const char *title = "Kiểm tra tiến độ các công trình trọng điểm theo chỉ đạo tại cuộc họp";
  g_autofree char *lead = dup_unit_name (f->store, 0);
  g_autoptr(DdTask) saved = NULL;
  g_autoptr(GError) error = NULL;
  GtkDropDown *plans;
  GtkStringList *names;
  guint last;
  DdTask *selected;

  open_window (f);
  open_new_task (f);
  plans = child (f, "plan_dropdown");
  names = GTK_STRING_LIST (gtk_drop_down_get_model (plans));
  last = g_list_model_get_n_items (G_LIST_MODEL (names)) - 1;
  g_assert_cmpstr (gtk_string_list_get_string (names, last), ==, "Assignments outside any plan");
  gtk_drop_down_set_selected (plans, last);
  fill_clear_task (f, title, lead);
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL);
  dd_test_wait_for (dd_test_pointer_cleared, &f->editor);

  saved = find_task_titled (f->store, title);
  g_assert_nonnull (saved);
  g_assert_cmpint (dd_task_get_plan_id (saved), ==, dd_store_get_adhoc_plan_id (f->store, &error));
  g_assert_no_error (error);
  /* The list shows it, selected, although it showed another plan's tasks. */
  selected = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (
    gtk_column_view_get_model (tasks_child (f, "column_view"))));
  g_assert_nonnull (selected);
  g_assert_cmpint (dd_task_get_id (selected), ==, dd_task_get_id (saved));

  /* The next new task offers the plan by its name, once. */
  open_new_task (f);
  names = GTK_STRING_LIST (gtk_drop_down_get_model (child (f, "plan_dropdown")));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (names)), ==, last + 1);
}

/* The source document: shown as it reads, kept, and read back. */
static void
test_source_document (Fixture       *f,
                      gconstpointer  data)
{
  const char *title = "Hoàn thiện hồ sơ đề án sắp xếp đơn vị sự nghiệp công lập";
  g_autofree char *lead = dup_unit_name (f->store, 0);
  g_autoptr(DdTask) saved = NULL;
  const DdSourceDocument *source;

  open_editor (f, NULL);
  fill_clear_task (f, title, lead);

  /* A date and an issuer alone do not name a document. */
  set_text (f, "source_issuer_entry", "UBND tỉnh");
  g_assert_true (gtk_widget_has_css_class (child (f, "source_hint"), "error"));
  g_assert_false (can_save (f));

  set_text (f, "source_kind_entry", "Thông báo kết luận");
  set_text (f, "source_number_entry", "125/TB-UBND");
  set_text (f, "source_date_entry", "2/12/2026");
  g_assert_false (gtk_widget_has_css_class (child (f, "source_hint"), "error"));
  /* As the interface's language writes it (the tests run in English). */
  g_assert_cmpstr (label_text (f, "source_hint"), ==,
                   "Thông báo kết luận No. 125/TB-UBND dated 02/12/2026 by UBND tỉnh");
  g_assert_true (can_save (f));

  set_text (f, "source_date_entry", "31/02/2026");
  g_assert_true (gtk_widget_has_css_class (child (f, "source_hint"), "error"));
  g_assert_false (can_save (f));
  set_text (f, "source_date_entry", "02/12/2026");

  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL);
  dd_test_wait_for (dd_test_pointer_cleared, &f->editor);

  saved = find_task_titled (f->store, title);
  g_assert_nonnull (saved);
  source = dd_task_get_source (saved);
  g_assert_nonnull (source);
  g_assert_cmpstr (source->kind, ==, "Thông báo kết luận");
  g_assert_cmpstr (source->number, ==, "125/TB-UBND");
  g_assert_cmpint (g_date_get_day (&source->date), ==, 2);
  g_assert_cmpstr (source->issuer, ==, "UBND tỉnh");

  /* Read back into the editor, unchanged. */
  open_editor (f, saved);
  g_assert_cmpstr (gtk_editable_get_text (child (f, "source_number_entry")), ==, "125/TB-UBND");
  g_assert_cmpstr (gtk_editable_get_text (child (f, "source_date_entry")), ==, "02/12/2026");
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.cancel", NULL);
  dd_test_iterate (50);
  g_assert_null (f->editor);
}

static void
save_progress (Fixture    *f,
               DdTask     *task,
               int         progress,
               const char *product)
{
  open_editor (f, task);
  gtk_spin_button_set_value (child (f, "progress_spin"), progress);
  set_text (f, "actual_product_entry", product);
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL);
  dd_test_wait_for (dd_test_pointer_cleared, &f->editor);
}

/* Each progress update is kept and shown, newest first. */
static void
test_progress_timeline (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(DdTask) task = NULL;
  gint64 task_id = 0;
  guint before;

  for (gint64 id = 1; task_id == 0; id++)
    {
      g_autoptr(DdTask) candidate = read_task (f, id);

      if (!dd_date_is_set (dd_task_get_completed_on (candidate)) && dd_task_get_progress (candidate) < 40)
        task_id = id;
    }

  /* A new task has none yet. */
  open_editor (f, NULL);
  g_assert_cmpuint (dd_progress_timeline_get_n_updates (child (f, "timeline")), ==, 0);
  gtk_window_destroy (GTK_WINDOW (f->editor));

  task = read_task (f, task_id);
  open_editor (f, task);
  before = dd_progress_timeline_get_n_updates (child (f, "timeline"));
  gtk_window_destroy (GTK_WINDOW (f->editor));
  g_clear_object (&task);

  task = read_task (f, task_id);
  save_progress (f, task, 40, "Dự thảo kế hoạch");
  g_clear_object (&task);
  task = read_task (f, task_id);
  save_progress (f, task, 70, "Tờ trình số 12/TTr-VPUB");
  g_clear_object (&task);

  task = read_task (f, task_id);
  open_editor (f, task);
  gtk_notebook_set_current_page (child (f, "notebook"), 1);
  g_assert_cmpuint (dd_progress_timeline_get_n_updates (child (f, "timeline")), ==, before + 2);
  g_assert_nonnull (strstr (timeline_headline (f, 0), "70% done"));
  g_assert_nonnull (strstr (timeline_headline (f, 1), "40% done"));
  g_assert_nonnull (dd_test_find_label (child (f, "timeline"), "Product: Tờ trình số 12/TTr-VPUB"));
  g_assert_nonnull (dd_test_find_label (child (f, "timeline"), "Product: Dự thảo kế hoạch"));
}

/* A unit editor adds tasks its unit leads: the lead is filled in and kept. */
static void
test_unit_editor (Fixture       *f,
                  gconstpointer  data)
{
  const char *title = "Rà soát, cập nhật quy chế làm việc của đơn vị";
  g_autofree char *lead = dup_unit_name (f->store, 1);
  g_autoptr(DdUsers) accounts = dd_users_new (f->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) saved = NULL;

  dd_users_set_role (accounts, "donvi", NULL, DD_ROLE_UNIT_EDITOR, dd_test_unit_id (f->store, lead), &error);
  g_assert_no_error (error);
  _dd_store_set_user (f->store, "donvi");
  open_window (f);
  g_assert_true (gtk_widget_get_sensitive (tasks_child (f, "new_button")));

  open_new_task (f);
  g_assert_cmpstr (gtk_editable_get_text (child (f, "lead_entry")), ==, lead);
  g_assert_false (gtk_editable_get_editable (child (f, "lead_entry")));
  g_assert_false (gtk_info_bar_get_revealed (child (f, "read_only_bar")));
  fill_clear_task (f, title, lead);
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL);
  dd_test_wait_for (dd_test_pointer_cleared, &f->editor);

  saved = find_task_titled (f->store, title);
  g_assert_nonnull (saved);
  g_assert_cmpstr (dd_task_get_lead (saved), ==, lead);
}

/* Screenshots */

/* The editor's steps as a person sees them, in the environment's language. */
static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *lead = dup_unit_name (f->store, 0);
  g_autofree char *other = dup_unit_name (f->store, 1);
  g_autofree char *coordinators = g_strdup_printf ("%s; %s", other, lead);

  dd_test_load_app_style ();
  open_window (f);
  dd_test_screenshot ("01-task-list-new-button");

  open_new_task (f);
  dd_test_screenshot ("02-new-task-empty");

  set_text (f, "title_view", "Triển khai kết luận của Chủ tịch UBND tỉnh tại cuộc họp giao ban tháng 12");
  set_text (f, "lead_entry", lead);
  set_text (f, "deadline_entry", "Trước 30/4/2026");
  dd_test_screenshot ("03-new-task-typing");

  set_text (f, "coordinators_entry", coordinators);
  dd_test_screenshot ("04-lead-also-coordinator");

  set_text (f, "coordinators_entry", other);
  set_text (f, "person_entry", "Ông Nguyễn Văn A, Trưởng phòng");
  set_text (f, "product_entry", "Báo cáo kết quả gửi UBND tỉnh");
  set_text (f, "directing_entry", "Phó Chánh Văn phòng phụ trách");
  set_text (f, "source_kind_entry", "Thông báo kết luận");
  set_text (f, "source_number_entry", "125/TB-UBND");
  set_text (f, "source_date_entry", "02/12/2026");
  set_text (f, "source_issuer_entry", "UBND tỉnh");
  dd_test_screenshot ("05-new-task-filled");

  gtk_notebook_set_current_page (child (f, "notebook"), 1);
  gtk_check_button_set_active (child (f, "done_check"), TRUE);
  dd_test_screenshot ("06-progress-done");
  gtk_check_button_set_active (child (f, "done_check"), FALSE);
  gtk_spin_button_set_value (child (f, "progress_spin"), 0);
  gtk_notebook_set_current_page (child (f, "notebook"), 0);

  set_text (f, "lead_entry", "Ban Chỉ đạo chuyển đổi số tỉnh");
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL);
  dd_test_wait_for (question_shown, NULL);
  dd_test_screenshot ("07-new-unit-question");
  answer (GTK_RESPONSE_CANCEL);

  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.cancel", NULL);
  dd_test_wait_for (question_shown, NULL);
  dd_test_screenshot ("08-discard-question");
  answer (GTK_RESPONSE_CANCEL);

  set_text (f, "lead_entry", lead);
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL);
  dd_test_wait_for (dd_test_pointer_cleared, &f->editor);
  dd_test_screenshot ("09-task-list-new-task-selected");

  {
    g_autoptr(DdTask) task = read_task (f, 3);

    save_progress (f, task, 40, "Dự thảo kế hoạch");
    g_clear_object (&task);
    task = read_task (f, 3);
    save_progress (f, task, 70, "Tờ trình số 12/TTr-VPUB");
    g_clear_object (&task);
    task = read_task (f, 3);
    open_editor (f, task);
    gtk_notebook_set_current_page (child (f, "notebook"), 1);
    dd_test_screenshot ("10-progress-timeline");
    gtk_window_destroy (GTK_WINDOW (f->editor));
    dd_test_iterate (50);

    /* The seed's task 8, periodic: its reports and its extensions, in the
     * editor as the window opens it. */
    g_clear_object (&task);
    task = read_task (f, 8);
    open_editor (f, task);
    gtk_notebook_set_current_page (child (f, "notebook"), 2);
    dd_test_iterate (50);
    dd_test_screenshot ("11-reports-page");
    gtk_notebook_set_current_page (child (f, "notebook"), 3);
    dd_test_iterate (50);
    dd_test_screenshot ("12-extensions-page");
  }
}

/* An extension recorded on the editor's "Gia hạn" page, then the editor's
 * own save: the save neither conflicts with the extension (the editor took
 * the task's new revision) nor undoes it (the time frame's text, unchanged,
 * is not read again over the extended due date). */
static void
test_extend_then_save (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(DdTask) task = dd_task_new (1);
  g_autoptr(DdTask) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lead = dup_unit_name (f->store, 0);
  DdTaskExtensions *extensions;
  GtkWindow *dialog;
  gpointer field;

  dd_task_set_title (task, "Rà soát thủ tục hành chính quý II");
  dd_task_set_lead (task, lead);
  g_assert_true (dd_task_set_deadline_text (task, "Trước 30/4/2026", &error));
  g_assert_true (dd_store_save_task (f->store, task, &error));
  g_assert_no_error (error);

  open_editor (f, task);
  extensions = DD_TASK_EXTENSIONS (dd_test_find_descendant (child (f, "extensions_box"),
                                                            DD_TYPE_TASK_EXTENSIONS));
  g_assert_nonnull (extensions);
  dialog = dd_task_extensions_open_dialog (extensions);
  g_assert_nonnull (dialog);
  field = dd_test_template_child (dialog, DD_TYPE_EXTEND_DIALOG, "new_due_field");
  gtk_editable_set_text (GTK_EDITABLE (dd_date_field_get_entry (field)), "30/06/2026");
  gtk_editable_set_text (dd_test_template_child (dialog, DD_TYPE_EXTEND_DIALOG, "decision_entry"),
                         "Công văn số 1234/UBND-TH");
  g_signal_emit_by_name (dd_test_template_child (dialog, DD_TYPE_EXTEND_DIALOG, "extend_button"), "clicked");
  dd_test_iterate (50);
  g_assert_null (dd_test_find_toplevel (DD_TYPE_EXTEND_DIALOG));

  /* The editor holds the task as extended. */
  g_assert_cmpint (g_date_get_month (dd_task_get_due (dd_task_editor_get_task (f->editor))), ==, 6);

  set_text (f, "product_entry", "Báo cáo rà soát");
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL);
  dd_test_wait_for (dd_test_pointer_cleared, &f->editor);
  g_assert_null (dd_test_find_toplevel (DD_TYPE_CONFLICT_DIALOG));

  saved = dd_store_get_task (f->store, dd_task_get_id (task), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_task_get_product (saved), ==, "Báo cáo rà soát");
  g_assert_cmpint (g_date_get_day (dd_task_get_due (saved)), ==, 30);
  g_assert_cmpint (g_date_get_month (dd_task_get_due (saved)), ==, 6);
  g_assert_cmpint (g_date_get_month (dd_task_get_original_due (saved)), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  const char *shots_dir = g_getenv ("DD_TEST_SCREENSHOT_DIR");
  gboolean screenshots = shots_dir != NULL && *shots_dir != '\0';

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* The tests compare English text; the screenshots are in the language
   * of the environment, as the application takes it. */
  if (!screenshots)
    g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "");
  dd_test_init_i18n ();

  if (!dd_test_init_gtk ())
    return DD_TEST_EXIT_SKIP;

  if (screenshots)
    {
      g_test_add ("/ui/task-new/screenshots", Fixture, NULL, fixture_set_up, test_screenshots, fixture_tear_down);
      return g_test_run ();
    }

#define ADD(path, func) \
  g_test_add ("/ui/task-new/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("add-through-window", test_add_through_window);
  ADD ("viewer", test_viewer);
  ADD ("live-feedback", test_live_feedback);
  ADD ("lead-coordinator", test_lead_coordinator);
  ADD ("new-unit", test_new_unit);
  ADD ("done-and-reopen", test_done_and_reopen);
  ADD ("reopen-on-save", test_reopen_on_save);
  ADD ("unsaved-changes", test_unsaved_changes);
  ADD ("outside-any-plan", test_outside_any_plan);
  ADD ("source-document", test_source_document);
  ADD ("progress-timeline", test_progress_timeline);
  ADD ("unit-editor", test_unit_editor);
  ADD ("extend-then-save", test_extend_then_save);

#undef ADD

  return g_test_run ();
}
