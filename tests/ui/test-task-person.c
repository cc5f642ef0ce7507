/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-task-person"

#include "config.h"

#include <string.h>

#include "dd-task-editor.h"
#include "dd-test-gtk.h"

/*
 * The person in charge of a task ("rõ người") in the task editor, beside
 * the lead unit: shown as stored, saved with the task, cleared when
 * emptied, and nothing written when it did not change.
 */

typedef struct
{
  char *path;
  DdStore *store;
  gint64 task_id;
  DdTaskEditor *editor;
} Fixture;

static gpointer
child (Fixture    *f,
       const char *name)
{
  return dd_test_template_child (f->editor, DD_TYPE_TASK_EDITOR, name);
}

static void
open_editor (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = dd_store_get_task (f->store, f->task_id, NULL, &error);

  g_assert_no_error (error);
  f->editor = dd_task_editor_new (NULL, f->store, task);
  g_object_add_weak_pointer (G_OBJECT (f->editor), (gpointer *) &f->editor);
  gtk_window_present (GTK_WINDOW (f->editor));
  dd_test_iterate (50);
}

static void
save_and_close (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL));
  dd_test_iterate (50);
  if (f->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (f->editor));
  dd_test_iterate (50);
  g_assert_null (f->editor);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GListModel) tasks = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = NULL;
  DdTaskQuery query;

  f->store = dd_test_create_store (&f->path);
  dd_task_query_init (&query);
  tasks = G_LIST_MODEL (dd_store_query_tasks (f->store, &query, &error));
  g_assert_no_error (error);
  task = g_list_model_get_item (tasks, 4);     /* task 5. */
  g_assert_cmpstr (dd_task_get_number (task), ==, "5.");
  f->task_id = dd_task_get_id (task);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (f->editor));
  dd_test_iterate (50);
  g_assert_finalize_object (f->store);
  dd_test_remove_store_file (f->path);
  g_free (f->path);
}

/* The audit entries of the task's person. */
static guint
n_person_changes (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdHistory) log = dd_history_new (f->store);
  g_autoptr(GPtrArray) history = dd_history_list (log, 0, NULL, NULL, 0, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < history->len; i++)
    {
      const DdAuditEntry *entry = g_ptr_array_index (history, i);

      if (g_strcmp0 (entry->table_name, "task_people") == 0 && entry->row_id == f->task_id)
        n++;
    }
  return n;
}

static void
test_person (Fixture       *f,
             gconstpointer  data)
{
  GtkEditable *person;
  g_autofree char *stored = NULL;

  /* None at first; the field is there, beside the lead unit. */
  open_editor (f);
  person = child (f, "person_entry");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (person)));
  g_assert_true (gtk_widget_get_parent (GTK_WIDGET (person)) ==
                 gtk_widget_get_parent (GTK_WIDGET (child (f, "lead_entry"))));
  g_assert_cmpstr (gtk_editable_get_text (person), ==, "");
  g_assert_nonnull (dd_test_find_label (GTK_WIDGET (f->editor), "Person in charge"));

  gtk_editable_set_text (person, "  Nguyễn Văn An, Trưởng phòng  ");
  dd_test_screenshot ("task-editor-person");
  save_and_close (f);
  stored = dd_store_dup_task_person (f->store, f->task_id, NULL);
  g_assert_cmpstr (stored, ==, "Nguyễn Văn An, Trưởng phòng");

  /* Shown again; the task as read carries it. */
  open_editor (f);
  g_assert_cmpstr (gtk_editable_get_text (child (f, "person_entry")), ==, "Nguyễn Văn An, Trưởng phòng");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DdTask) task = dd_store_get_task (f->store, f->task_id, NULL, &error);

    g_assert_cmpstr (dd_task_get_person (task), ==, "Nguyễn Văn An, Trưởng phòng");
  }

  /* Another field changed, the person not: still the same. */
  gtk_editable_set_text (child (f, "product_entry"), "Kho dữ liệu số hoá");
  g_assert_cmpuint (n_person_changes (f), ==, 1);
  save_and_close (f);
  g_assert_cmpuint (n_person_changes (f), ==, 1);
  g_clear_pointer (&stored, g_free);
  stored = dd_store_dup_task_person (f->store, f->task_id, NULL);
  g_assert_cmpstr (stored, ==, "Nguyễn Văn An, Trưởng phòng");

  /* Emptied: cleared. */
  open_editor (f);
  gtk_editable_set_text (child (f, "person_entry"), "");
  save_and_close (f);
  g_clear_pointer (&stored, g_free);
  stored = dd_store_dup_task_person (f->store, f->task_id, NULL);
  g_assert_null (stored);
  g_assert_cmpuint (n_person_changes (f), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!dd_test_init_gtk ())
    return DD_TEST_EXIT_SKIP;

  g_test_add ("/ui/task-editor/person", Fixture, NULL, fixture_set_up, test_person, fixture_tear_down);

  return g_test_run ();
}
