/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-task-editor"

#include "config.h"

#include <string.h>

#include "dd-conflict-dialog.h"
#include "dd-task-editor.h"
#include "dd-test-gtk.h"

/*
 * The task editor alone, over a temporary database: what it makes of the
 * "Thời gian" text, how an impossible date blocks saving, and what happens
 * when someone else saved the task first.
 */

typedef struct
{
  char *path;
  DdStore *store;
  DdTask *task;
  DdTaskEditor *editor;
  guint n_saved;
} Fixture;

static gpointer
child (Fixture    *f,
       const char *name)
{
  return dd_test_template_child (f->editor, DD_TYPE_TASK_EDITOR, name);
}

static void
on_saved_cb (DdTaskEditor *editor,
             gint64        task_id,
             Fixture      *f)
{
  g_assert_cmpint (task_id, ==, dd_task_get_id (f->task));
  f->n_saved++;
}

static gboolean
editor_closed (gpointer data)
{
  return ((Fixture *) data)->editor == NULL;
}

static gboolean
conflict_shown (gpointer data)
{
  return dd_test_find_toplevel (DD_TYPE_CONFLICT_DIALOG) != NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GListModel) tasks = NULL;
  g_autoptr(GError) error = NULL;
  DdTaskQuery query;

  f->store = dd_test_create_store (&f->path);

  dd_task_query_init (&query);
  tasks = G_LIST_MODEL (dd_store_query_tasks (f->store, &query, &error));
  g_assert_no_error (error);
  f->task = g_list_model_get_item (tasks, 1);

  f->editor = dd_task_editor_new (NULL, f->store, f->task);
  g_object_add_weak_pointer (G_OBJECT (f->editor), (gpointer *) &f->editor);
  g_signal_connect (f->editor, "saved", G_CALLBACK (on_saved_cb), f);
  gtk_window_present (GTK_WINDOW (f->editor));
  dd_test_iterate (50);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *dialog;

  while ((dialog = dd_test_find_toplevel (DD_TYPE_CONFLICT_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  if (f->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (f->editor));
  dd_test_iterate (50);
  g_assert_null (f->editor);

  g_clear_object (&f->task);
  g_assert_finalize_object (f->store);
  dd_test_remove_store_file (f->path);
  g_free (f->path);
}

static void
test_editor_fields (Fixture       *f,
                    gconstpointer  data)
{
  GtkEditable *number = child (f, "number_entry");
  GtkTextView *title = child (f, "title_view");
  GtkSpinButton *progress = child (f, "progress_spin");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (title);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  g_assert_cmpstr (gtk_editable_get_text (number), ==, dd_task_get_number (f->task));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, dd_task_get_title (f->task));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (progress), ==, (int) dd_task_get_progress (f->task));
}

static void
test_editor_deadline (Fixture       *f,
                      gconstpointer  data)
{
  GtkEditable *deadline = child (f, "deadline_entry");
  GtkLabel *hint = child (f, "deadline_hint");
  g_autoptr(DdTask) again = NULL;
  g_autoptr(GError) error = NULL;

  /* A date is shown as it was read. */
  gtk_editable_set_text (deadline, "Trước 30/6/2026");
  g_assert_nonnull (strstr (gtk_label_get_text (hint), "30/06/2026"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (hint), "error"));

  /* An ongoing task, by its kind. */
  gtk_editable_set_text (deadline, "Thường xuyên");
  g_assert_nonnull (strstr (gtk_label_get_text (hint),
                            dd_deadline_kind_get_label (DD_DEADLINE_ONGOING)));

  /* Text the parser does not know is a warning, not an error. */
  gtk_editable_set_text (deadline, "Khi có chỉ đạo");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (hint), "warning"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (hint), "error"));

  /* An impossible date is an error and blocks saving. */
  gtk_editable_set_text (deadline, "Trước 31/02/2026");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (hint), "error"));
  g_assert_cmpstr (gtk_label_get_text (hint), !=, "");

  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL);
  dd_test_iterate (50);
  g_assert_nonnull (f->editor);
  g_assert_cmpuint (f->n_saved, ==, 0);

  again = dd_store_get_task (f->store, dd_task_get_id (f->task), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_task_get_revision (again), ==, dd_task_get_revision (f->task));
}

static void
test_editor_bad_completion_date (Fixture       *f,
                                 gconstpointer  data)
{
  GtkEditable *completed = child (f, "completed_entry");
  GtkCheckButton *done = child (f, "done_check");
  GtkSpinButton *progress = child (f, "progress_spin");

  /* Ticking "done" fills in today and 100 %. */
  gtk_check_button_set_active (done, TRUE);
  g_assert_cmpstr (gtk_editable_get_text (completed), !=, "");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (progress), ==, 100);

  gtk_editable_set_text (completed, "32/13/2026");
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL);
  dd_test_iterate (50);
  g_assert_nonnull (f->editor);
  g_assert_cmpuint (f->n_saved, ==, 0);

  gtk_editable_set_text (completed, "");
  g_assert_false (gtk_check_button_get_active (done));
}

static void
test_editor_save (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DdTask) saved = NULL;
  g_autoptr(GError) error = NULL;

  gtk_editable_set_text (child (f, "coordinators_entry"), "Phòng Tổng hợp; Phòng Kinh tế ;");
  gtk_editable_set_text (child (f, "completed_entry"), "5/5/2026");
  gtk_editable_set_text (child (f, "directing_entry"),
                         "Lãnh đạo Văn phòng");
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL);
  /* The save runs in a worker thread; the editor closes when it is done. */
  dd_test_wait_for (editor_closed, f);
  g_assert_null (f->editor);
  g_assert_cmpuint (f->n_saved, ==, 1);

  saved = dd_store_get_task (f->store, dd_task_get_id (f->task), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (dd_task_get_coordinators (saved),
                    ((const char * const[]) { "Phòng Tổng hợp", "Phòng Kinh tế", NULL }));
  g_assert_cmpstr (dd_task_get_directing (saved), ==, "Lãnh đạo Văn phòng");
  g_assert_true (dd_date_is_set (dd_task_get_completed_on (saved)));
  g_assert_cmpint (g_date_get_day (dd_task_get_completed_on (saved)), ==, 5);
  g_assert_cmpint (g_date_get_month (dd_task_get_completed_on (saved)), ==, 5);
}

static void
test_editor_conflict (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DdStore) other = NULL;
  g_autoptr(DdTask) theirs = NULL;
  g_autoptr(DdTask) copy = NULL;
  g_autoptr(DdTask) stored = NULL;
  g_autoptr(GError) error = NULL;

  /* Someone else saves the task first, on another connection. */
  other = dd_test_open_other (f->path, NULL);
  theirs = dd_store_get_task (other, dd_task_get_id (f->task), NULL, &error);
  g_assert_no_error (error);
  copy = dd_task_copy (theirs);
  dd_task_set_progress (copy, 30);
  dd_store_save_task (other, copy, &error);
  g_assert_no_error (error);

  gtk_spin_button_set_value (child (f, "progress_spin"), 80);
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL);
  /* The save runs in a worker thread; the conflict comes back from it. */
  dd_test_wait_for (conflict_shown, NULL);

  /* The edit stays open, the user is told, and nothing was overwritten. */
  g_assert_nonnull (f->editor);
  g_assert_cmpuint (f->n_saved, ==, 0);
  g_assert_nonnull (dd_test_find_toplevel (DD_TYPE_CONFLICT_DIALOG));
  g_assert_true (gtk_revealer_get_reveal_child (child (f, "error_revealer")));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (child (f, "progress_spin")), ==, 80);

  stored = dd_store_get_task (f->store, dd_task_get_id (f->task), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_task_get_progress (stored), ==, 30);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!dd_test_init_gtk ())
    return DD_TEST_EXIT_SKIP;

#define ADD(path, func) \
  g_test_add ("/ui/task-editor/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("fields", test_editor_fields);
  ADD ("deadline", test_editor_deadline);
  ADD ("bad-completion-date", test_editor_bad_completion_date);
  ADD ("save", test_editor_save);
  ADD ("conflict", test_editor_conflict);

#undef ADD

  return g_test_run ();
}
