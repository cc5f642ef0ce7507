/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-conflict"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "dd-conflict-dialog.h"
#include "dd-task-editor.h"
#include "dd-test-gtk.h"

/*
 * Two people edit the same task of one file: the task editor's save meets
 * the other's save and shows the conflict dialog, field by field, with who
 * changed the file's value; keeping one's own value, taking the other's,
 * going back to the editor and meeting yet another save all do what they
 * say, and a field only one side changed keeps that side's change.
 *
 * With DD_TEST_PAUSE_MS set, the dialog stays on screen that long (for a
 * screenshot of the display).
 */

#define OTHER_ACCOUNT "binhtt"
#define OTHER_NAME "Trần Thị Bình"

typedef struct
{
  char *path;
  DdStore *store;
  DdStore *other;
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

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DdUsers) accounts = NULL;
  g_autoptr(GError) error = NULL;

  f->store = dd_test_create_store (&f->path);
  accounts = dd_users_new (f->store);
  dd_users_set_role (accounts, OTHER_ACCOUNT, OTHER_NAME, DD_ROLE_ADMIN, 0, &error);
  g_assert_no_error (error);

  /* The other desktop: another connection to the same file, as another person. */
  f->other = dd_test_open_other (f->path, OTHER_ACCOUNT);

  f->task = dd_store_get_task (f->store, 2, NULL, &error);
  g_assert_no_error (error);

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
  g_assert_finalize_object (f->other);
  g_assert_finalize_object (f->store);
  dd_test_remove_store_file (f->path);
  g_free (f->path);
}

/* The other person saves progress and note. */
static void
other_saves (Fixture    *f,
             guint       progress,
             const char *note)
{
  g_autoptr(DdTask) theirs = NULL;
  g_autoptr(DdTask) copy = NULL;
  g_autoptr(GError) error = NULL;

  theirs = dd_store_get_task (f->other, dd_task_get_id (f->task), NULL, &error);
  g_assert_no_error (error);
  copy = dd_task_copy (theirs);
  dd_task_set_progress (copy, progress);
  if (note != NULL)
    dd_task_set_note (copy, note);
  dd_store_save_task (f->other, copy, &error);
  g_assert_no_error (error);
}

/* The user edits progress and the directing leader, and saves. */
static DdConflictDialog *
user_saves (Fixture *f)
{
  DdConflictDialog *dialog;

  gtk_spin_button_set_value (child (f, "progress_spin"), 80);
  gtk_editable_set_text (child (f, "directing_entry"), "Phó Chánh Văn phòng phụ trách");
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL);
  dd_test_iterate (100);

  g_assert_nonnull (f->editor);
  g_assert_cmpuint (f->n_saved, ==, 0);
  dialog = DD_CONFLICT_DIALOG (dd_test_find_toplevel (DD_TYPE_CONFLICT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  return dialog;
}

static DdTask *
stored (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  DdTask *task = dd_store_get_task (f->store, dd_task_get_id (f->task), NULL, &error);

  g_assert_no_error (error);
  return task;
}

static void
test_dialog_lists_fields (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(DdTask) now = NULL;
  g_auto(GStrv) fields = NULL;
  DdConflictDialog *dialog;
  GtkWidget *theirs;

  other_saves (f, 30, "Bình đã cập nhật ghi chú");
  dialog = user_saves (f);

  /* Progress (both changed), note (only the other), directing (only the
   * user); nothing else, since the rest is the same on both sides. */
  fields = dd_conflict_dialog_dup_fields (dialog);
  g_assert_cmpstrv (fields, ((const char * const[]) { "directing", "progress", "note", NULL }));

  /* Each value is on screen, the file's with who changed it. */
  g_assert_nonnull (dd_test_find_label (GTK_WIDGET (dialog), "80%"));
  g_assert_nonnull (dd_test_find_label (GTK_WIDGET (dialog), "30%"));
  g_assert_nonnull (dd_test_find_label (GTK_WIDGET (dialog), "Bình đã cập nhật ghi chú"));
  g_assert_nonnull (dd_test_find_label (GTK_WIDGET (dialog), "Phó Chánh Văn phòng phụ trách"));
  theirs = GTK_WIDGET (dd_conflict_dialog_get_choice (dialog, "progress", FALSE));
  {
    gboolean found = FALSE;

    for (GtkWidget *w = gtk_widget_get_first_child (gtk_check_button_get_child (GTK_CHECK_BUTTON (theirs)));
         w != NULL; w = gtk_widget_get_next_sibling (w))
      if (GTK_IS_LABEL (w) && strstr (gtk_label_get_text (GTK_LABEL (w)), OTHER_NAME) != NULL)
        found = TRUE;
    g_assert_true (found);
  }

  /* Each side's own change is chosen to begin with. */
  g_assert_true (gtk_check_button_get_active (dd_conflict_dialog_get_choice (dialog, "progress", TRUE)));
  g_assert_true (gtk_check_button_get_active (dd_conflict_dialog_get_choice (dialog, "directing", TRUE)));
  g_assert_true (gtk_check_button_get_active (dd_conflict_dialog_get_choice (dialog, "note", FALSE)));
  g_assert_null (dd_conflict_dialog_get_choice (dialog, "title", TRUE));

  /* Until the user chooses, the file keeps the other person's save. */
  now = stored (f);
  g_assert_cmpuint (dd_task_get_progress (now), ==, 30);

  dd_test_maybe_pause ();
}

static void
test_keep_mine (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DdTask) now = NULL;
  DdConflictDialog *dialog;

  other_saves (f, 30, "Bình đã cập nhật ghi chú");
  dialog = user_saves (f);

  gtk_check_button_set_active (dd_conflict_dialog_get_choice (dialog, "progress", TRUE), TRUE);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "conflict.save", NULL);
  dd_test_iterate (100);

  g_assert_null (dd_test_find_toplevel (DD_TYPE_CONFLICT_DIALOG));
  g_assert_null (f->editor);
  g_assert_cmpuint (f->n_saved, ==, 1);

  now = stored (f);
  g_assert_cmpuint (dd_task_get_progress (now), ==, 80);
  /* The fields only one side changed keep that side's change. */
  g_assert_cmpstr (dd_task_get_note (now), ==, "Bình đã cập nhật ghi chú");
  g_assert_cmpstr (dd_task_get_directing (now), ==, "Phó Chánh Văn phòng phụ trách");
}

static void
test_take_theirs (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DdTask) now = NULL;
  DdConflictDialog *dialog;

  other_saves (f, 30, "Bình đã cập nhật ghi chú");
  dialog = user_saves (f);

  gtk_check_button_set_active (dd_conflict_dialog_get_choice (dialog, "progress", FALSE), TRUE);
  g_assert_false (gtk_check_button_get_active (dd_conflict_dialog_get_choice (dialog, "progress", TRUE)));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "conflict.save", NULL);
  dd_test_iterate (100);

  g_assert_null (f->editor);
  g_assert_cmpuint (f->n_saved, ==, 1);

  now = stored (f);
  g_assert_cmpuint (dd_task_get_progress (now), ==, 30);
  g_assert_cmpstr (dd_task_get_note (now), ==, "Bình đã cập nhật ghi chú");
  g_assert_cmpstr (dd_task_get_directing (now), ==, "Phó Chánh Văn phòng phụ trách");
}

static void
test_cancel_keeps_edit (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(DdTask) now = NULL;
  DdConflictDialog *dialog;

  other_saves (f, 30, NULL);
  dialog = user_saves (f);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "conflict.cancel", NULL);
  dd_test_iterate (100);

  g_assert_null (dd_test_find_toplevel (DD_TYPE_CONFLICT_DIALOG));
  g_assert_nonnull (f->editor);
  g_assert_cmpuint (f->n_saved, ==, 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (child (f, "progress_spin")), ==, 80);
  g_assert_cmpstr (gtk_editable_get_text (child (f, "directing_entry")), ==, "Phó Chánh Văn phòng phụ trách");

  now = stored (f);
  g_assert_cmpuint (dd_task_get_progress (now), ==, 30);
  g_clear_object (&now);

  /* Saving again shows the dialog again. */
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL);
  dd_test_iterate (100);
  g_assert_nonnull (dd_test_find_toplevel (DD_TYPE_CONFLICT_DIALOG));
}

static void
test_conflict_again (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DdTask) now = NULL;
  g_auto(GStrv) fields = NULL;
  DdConflictDialog *dialog;

  other_saves (f, 30, NULL);
  dialog = user_saves (f);

  /* While the user reads the dialog, the other person saves once more. */
  other_saves (f, 50, "Lần thứ hai");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "conflict.save", NULL);
  dd_test_iterate (100);

  /* Nothing was written; a new dialog shows what changed since. */
  now = stored (f);
  g_assert_cmpuint (dd_task_get_progress (now), ==, 50);
  g_clear_object (&now);
  g_assert_nonnull (f->editor);
  g_assert_cmpuint (f->n_saved, ==, 0);
  dialog = DD_CONFLICT_DIALOG (dd_test_find_toplevel (DD_TYPE_CONFLICT_DIALOG));
  g_assert_nonnull (dialog);
  fields = dd_conflict_dialog_dup_fields (dialog);
  g_assert_cmpstrv (fields, ((const char * const[]) { "directing", "progress", "note", NULL }));
  /* The note changed only in the file since the user's choices. */
  g_assert_true (gtk_check_button_get_active (dd_conflict_dialog_get_choice (dialog, "note", FALSE)));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "conflict.save", NULL);
  dd_test_iterate (100);
  g_assert_null (f->editor);
  g_assert_cmpuint (f->n_saved, ==, 1);
  now = stored (f);
  g_assert_cmpuint (dd_task_get_progress (now), ==, 80);
  g_assert_cmpstr (dd_task_get_note (now), ==, "Lần thứ hai");
  g_assert_cmpstr (dd_task_get_directing (now), ==, "Phó Chánh Văn phòng phụ trách");
}

static void
test_same_values (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DdTask) now = NULL;

  /* The other person saved exactly what the user is about to save. */
  other_saves (f, 80, NULL);
  gtk_spin_button_set_value (child (f, "progress_spin"), 80);
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL);
  dd_test_iterate (100);

  /* Nothing to choose: saved without a dialog. */
  g_assert_null (dd_test_find_toplevel (DD_TYPE_CONFLICT_DIALOG));
  g_assert_null (f->editor);
  g_assert_cmpuint (f->n_saved, ==, 1);
  now = stored (f);
  g_assert_cmpuint (dd_task_get_progress (now), ==, 80);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* The language of the environment, as the application takes it (the
   * tests themselves run in English; a screenshot may be taken in
   * Vietnamese with LANGUAGE=vi LC_ALL=vi_VN.UTF-8). */
  setlocale (LC_ALL, "");
  dd_test_init_i18n ();

  if (!dd_test_init_gtk ())
    return DD_TEST_EXIT_SKIP;

#define ADD(path, func) \
  g_test_add ("/ui/conflict/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("lists-fields", test_dialog_lists_fields);
  ADD ("keep-mine", test_keep_mine);
  ADD ("take-theirs", test_take_theirs);
  ADD ("cancel-keeps-edit", test_cancel_keeps_edit);
  ADD ("conflict-again", test_conflict_again);
  ADD ("same-values", test_same_values);

#undef ADD

  return g_test_run ();
}
