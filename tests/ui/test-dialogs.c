/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-dialogs"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "dd-calendar-page.h"
#include "dd-conflict-dialog.h"
#include "dd-export-dialog.h"
#include "dd-extend-dialog.h"
#include "dd-history-window.h"
#include "dd-holiday-editor.h"
#include "dd-import-preview-dialog.h"
#include "dd-indicators-page.h"
#include "dd-mail-settings-window.h"
#include "dd-merge-dialog.h"
#include "dd-office-settings.h"
#include "dd-preferences-window.h"
#include "dd-recycle-bin-window.h"
#include "dd-restore-dialog.h"
#include "dd-scoring-dialog.h"
#include "dd-task-editor.h"
#include "dd-tasks-page.h"
#include "dd-units-page.h"
#include "dd-users-window.h"
#include "dd-window.h"
#include "dd-window-private.h"
#include "dd-test-gtk.h"

/*
 * Every dialog and window the main window opens, over plan 662/KH-VPUB
 * with the main window at 1366×768, in the language of the environment
 * (meson runs this program twice: in Vietnamese and in English): each is
 * opened the way a user opens it (its action, its button, the question
 * that a typed figure brings), its texts are shown whole, and with
 * DD_TEST_SCREENSHOT_DIR set it is saved as dialog-NAME-LANGUAGE.png for a
 * person to look at.
 */

typedef struct
{
  char *path;
  DdStore *store;
  DdWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = dd_test_create_store (&f->path);
  f->window = dd_window_new (NULL, f->store);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  dd_test_present_window (GTK_WINDOW (f->window), 1366, 768, 300);
}

/* Every window but the main one. */
static void
destroy_others (Fixture *f)
{
  gboolean again = TRUE;

  while (again)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      again = FALSE;
      for (guint i = 0; i < g_list_model_get_n_items (toplevels) && !again; i++)
        {
          g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

          if (window != GTK_WINDOW (f->window) && gtk_widget_get_visible (GTK_WIDGET (window)))
            {
              gtk_window_destroy (window);
              again = TRUE;
            }
        }
    }
  dd_test_iterate (100);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  destroy_others (f);
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  dd_test_iterate (100);
  g_assert_null (f->window);
  g_object_unref (f->store);
  dd_test_remove_store_file (f->path);
  g_free (f->path);
}

typedef struct
{
  GType type;
  GtkWindow *found;
} Wanted;

static gboolean
toplevel_shown (gpointer data)
{
  Wanted *wanted = data;

  wanted->found = dd_test_find_toplevel (wanted->type);
  return wanted->found != NULL && gtk_widget_get_mapped (GTK_WIDGET (wanted->found));
}

/* Waits for a window of @type to be shown. (transfer none) */
static GtkWindow *
wait_for_toplevel (GType type)
{
  Wanted wanted = { type, NULL };

  dd_test_wait_for (toplevel_shown, &wanted);
  return wanted.found;
}

/* The language of the run, for the screenshots' names. */
static const char *
language (void)
{
  const char *messages = setlocale (LC_MESSAGES, NULL);
  const char *variable = g_getenv ("LANGUAGE");

  if (variable != NULL && *variable != '\0' && messages != NULL && strcmp (messages, "C") != 0
      && strcmp (messages, "POSIX") != 0)
    return variable;
  return "en";
}

/* Lets @dialog draw, saves the screen, and checks that its texts are
 * whole, then closes it. */
static void
look_at (GtkWindow  *dialog,
         const char *name)
{
  g_autofree char *shot = g_strdup_printf ("dialog-%s-%s", name, language ());

  g_assert_nonnull (dialog);
  dd_test_run_for (600);
  dd_test_screenshot (shot);
  dd_test_assert_whole (GTK_WIDGET (dialog), GTK_WIDGET (dialog), name);
  gtk_window_destroy (dialog);
  dd_test_iterate (100);
}

static void
open_by_action (Fixture    *f,
                const char *action,
                GType       type,
                const char *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), action, NULL));
  look_at (wait_for_toplevel (type), name);
}

static void
select_first_task (Fixture *f)
{
  GtkWidget *tasks = dd_window_get_page (f->window, "tasks");
  GtkColumnView *view = dd_test_template_child (tasks, DD_TYPE_TASKS_PAGE, "column_view");

  gtk_stack_set_visible_child_name (dd_test_template_child (f->window, DD_TYPE_WINDOW, "stack"), "tasks");
  dd_test_iterate (300);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), >, 0);
  gtk_selection_model_select_item (gtk_column_view_get_model (view), 0, TRUE);
  dd_test_iterate (100);
}

static DdTask *
first_task (Fixture *f)
{
  GtkWidget *tasks = dd_window_get_page (f->window, "tasks");
  GtkColumnView *view = dd_test_template_child (tasks, DD_TYPE_TASKS_PAGE, "column_view");

  return g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)), 0);
}

/* The window's menu */

static void
test_menu_windows (Fixture       *f,
                   gconstpointer  data)
{
  open_by_action (f, "win.export", DD_TYPE_EXPORT_DIALOG, "export");
  open_by_action (f, "win.recycle-bin", DD_TYPE_RECYCLE_BIN_WINDOW, "recycle-bin");
  open_by_action (f, "win.users", DD_TYPE_USERS_WINDOW, "users");
  open_by_action (f, "win.restore", DD_TYPE_RESTORE_DIALOG, "restore");
  open_by_action (f, "win.history", DD_TYPE_HISTORY_WINDOW, "history");
  open_by_action (f, "win.mail-settings", DD_TYPE_MAIL_SETTINGS_WINDOW, "mail-settings");

  /* The application's Preferences, and Office Settings from there. */
  gtk_window_present (GTK_WINDOW (dd_preferences_window_new (GTK_WINDOW (f->window), f->store)));
  look_at (wait_for_toplevel (DD_TYPE_PREFERENCES_WINDOW), "preferences");
  gtk_window_present (GTK_WINDOW (dd_office_settings_new (GTK_WINDOW (f->window), f->store)));
  look_at (wait_for_toplevel (DD_TYPE_OFFICE_SETTINGS), "office-settings");
}

/* A task */

static void
test_task_windows (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DdTask) task = NULL;
  g_autoptr(DdTask) mine = NULL;
  g_autoptr(DdTask) theirs = NULL;

  open_by_action (f, "win.new-task", DD_TYPE_TASK_EDITOR, "new-task");
  select_first_task (f);
  open_by_action (f, "win.view-task", DD_TYPE_TASK_EDITOR, "view-task");
  open_by_action (f, "win.edit-task", DD_TYPE_TASK_EDITOR, "edit-task");
  task = first_task (f);
  g_assert_cmpstr (dd_task_get_number (task), ==, "1.");
  /* The question names the task as a sentence does: "task 1", no dot. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-task", NULL));
  {
    GtkWindow *question = wait_for_toplevel (GTK_TYPE_MESSAGE_DIALOG);
    g_autofree char *text = NULL;
    g_autofree char *expected = g_strdup_printf (_("Move task %s to the recycle bin?"), "1");

    g_object_get (question, "text", &text, NULL);
    g_assert_cmpstr (text, ==, expected);
    look_at (question, "delete-task");
  }

  gtk_window_present (GTK_WINDOW (dd_extend_dialog_new (GTK_WINDOW (f->window), f->store, task)));
  look_at (wait_for_toplevel (DD_TYPE_EXTEND_DIALOG), "extend");

  /* Two desktops changed the same task. */
  mine = dd_task_copy (task);
  theirs = dd_task_copy (task);
  dd_task_set_note (mine, "Đã gửi văn bản đôn đốc lần 2.");
  dd_task_set_note (theirs, "Chờ Sở Nội vụ trả lời.");
  dd_task_set_lead (theirs, "Sở Nội vụ");
  gtk_window_present (GTK_WINDOW (dd_conflict_dialog_new (GTK_WINDOW (f->window), f->store, task, mine, theirs)));
  look_at (wait_for_toplevel (DD_TYPE_CONFLICT_DIALOG), "conflict");
}

/* The pages' own dialogs */

static void
test_page_windows (Fixture       *f,
                   gconstpointer  data)
{
  GtkStack *stack = dd_test_template_child (f->window, DD_TYPE_WINDOW, "stack");
  GtkWidget *calendar = dd_window_get_page (f->window, "calendar");
  GtkWidget *units = dd_window_get_page (f->window, "units");
  GListModel *cards;

  gtk_stack_set_visible_child_name (stack, "calendar");
  dd_test_iterate (300);
  g_assert_true (gtk_widget_activate_action (calendar, "calendar.holidays", NULL));
  look_at (wait_for_toplevel (DD_TYPE_HOLIDAY_EDITOR), "holidays");

  gtk_stack_set_visible_child_name (stack, "units");
  cards = dd_units_page_get_model (DD_UNITS_PAGE (units));
  for (int i = 0; i < 100 && (dd_units_page_is_loading (DD_UNITS_PAGE (units))
                               || g_list_model_get_n_items (cards) == 0); i++)
    dd_test_iterate (100);
  g_assert_cmpuint (g_list_model_get_n_items (cards), >, 0);
  g_assert_true (gtk_widget_activate_action (units, "units.scoring-rules", NULL));
  look_at (wait_for_toplevel (DD_TYPE_SCORING_DIALOG), "scoring-rules");
  {
    g_autoptr(DdScorecard) card = g_list_model_get_item (cards, 0);

    g_assert_true (dd_units_page_select_unit (DD_UNITS_PAGE (units), dd_scorecard_get_unit_id (card)));
  }
  dd_test_iterate (100);
  g_assert_true (gtk_widget_activate_action (units, "units.merge", NULL));
  look_at (wait_for_toplevel (DD_TYPE_MERGE_DIALOG), "merge");
  g_assert_true (gtk_widget_activate_action (units, "units.rename", NULL));
  look_at (wait_for_toplevel (GTK_TYPE_DIALOG), "rename");
}

/* A plan to import: the preview's columns, the last one's heading whole
 * inside the list at the dialog's width. */
static void
test_import_preview (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "plan-official.txt", NULL);
  GtkWindow *dialog;
  GtkColumnView *view;
  GtkWidget *scrolled;
  GListModel *columns;
  g_autoptr(GtkColumnViewColumn) last = NULL;
  GtkWidget *heading;
  graphene_rect_t bounds;

  _dd_window_import_path (f->window, path);
  dialog = wait_for_toplevel (DD_TYPE_IMPORT_PREVIEW_DIALOG);
  view = dd_test_template_child (dialog, DD_TYPE_IMPORT_PREVIEW_DIALOG, "tasks_view");
  scrolled = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);
  columns = gtk_column_view_get_columns (view);
  last = g_list_model_get_item (columns, g_list_model_get_n_items (columns) - 1);
  dd_test_run_for (600);
  heading = dd_test_find_label (GTK_WIDGET (view), gtk_column_view_column_get_title (last));
  g_assert_nonnull (heading);
  g_assert_true (gtk_widget_compute_bounds (heading, scrolled, &bounds));
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (scrolled));
  dd_test_assert_whole (GTK_WIDGET (view), scrolled, "import preview headings");
  look_at (dialog, "import-preview");
}

/* Dossier figures typed, then another unit chosen: the question. */
static void
test_dossier_question (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *page = dd_window_get_page (f->window, "indicators");
  GtkSpinButton *received = dd_test_template_child (page, DD_TYPE_INDICATORS_PAGE, "received_spin");
  GtkDropDown *units = dd_test_template_child (page, DD_TYPE_INDICATORS_PAGE, "dossier_unit_dropdown");
  GtkDropDown *periods = dd_test_template_child (page, DD_TYPE_INDICATORS_PAGE, "dossier_period_dropdown");

  gtk_stack_set_visible_child_name (dd_test_template_child (f->window, DD_TYPE_WINDOW, "stack"), "indicators");
  dd_test_iterate (300);
  gtk_drop_down_set_selected (periods, 0);
  dd_test_iterate (50);
  g_assert_cmpuint (gtk_drop_down_get_selected (units), >, 0);
  gtk_widget_grab_focus (GTK_WIDGET (received));
  gtk_editable_set_text (GTK_EDITABLE (received), "30");
  gtk_spin_button_update (received);
  gtk_drop_down_set_selected (units, 0);
  look_at (wait_for_toplevel (GTK_TYPE_MESSAGE_DIALOG), "dossier-question");
}

int
main (int   argc,
      char *argv[])
{
  /* --language vi|en (as meson runs it), else the environment's. */
  if (argc > 2 && strcmp (argv[1], "--language") == 0)
    {
      gboolean vi = strcmp (argv[2], "vi") == 0;

      g_setenv ("LANGUAGE", vi ? "vi" : "en", TRUE);
      g_setenv ("LC_ALL", vi ? "vi_VN.UTF-8" : "C.UTF-8", TRUE);
      argv[2] = argv[0];
      argv += 2;
      argc -= 2;
    }
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (setlocale (LC_ALL, "") == NULL)
    {
      g_printerr ("No such locale: skipping.\n");
      return DD_TEST_EXIT_SKIP;
    }
  dd_test_init_i18n ();

  if (!dd_test_init_gtk ())
    return DD_TEST_EXIT_SKIP;

  dd_test_load_app_style ();

#define ADD(path, func) \
  g_test_add ("/ui/dialogs/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("menu", test_menu_windows);
  ADD ("task", test_task_windows);
  ADD ("pages", test_page_windows);
  ADD ("dossier-question", test_dossier_question);
  ADD ("import-preview", test_import_preview);

#undef ADD

  return g_test_run ();
}
