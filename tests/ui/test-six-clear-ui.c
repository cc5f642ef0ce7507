/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-six-clear-ui"

#include "config.h"

#include <string.h>

#include "dd-dashboard-page.h"
#include "dd-tasks-page.h"
#include "dd-window.h"
#include "dd-window-private.h"
#include "dd-test-gtk.h"

/*
 * The "6 rõ" check in the window, over plan 662/KH-VPUB: the badge of the
 * task list (task 5, "Theo Kế hoạch của Sở Nội vụ", is missing its time;
 * task 6, led by a group, its person), its tooltip listing the six checks,
 * the "Not 6 rõ" filter, and the dashboard's count that opens the list
 * filtered to those tasks.
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
  f->window = g_object_ref (dd_window_new (NULL, f->store));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 850);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  dd_test_iterate (50);
  g_assert_finalize_object (f->window);
  /* A reading of the task list still on its worker (the first one, which
   * a dashboard figure replaced) holds the store until it returns. */
  g_object_add_weak_pointer (G_OBJECT (f->store), (gpointer *) &f->store);
  g_object_unref (f->store);
  dd_test_wait_for (dd_test_pointer_cleared, &f->store);
  dd_test_remove_store_file (f->path);
  g_free (f->path);
}

/* A template child of the window's task list. */
static gpointer
tasks_child (Fixture    *f,
             const char *name)
{
  GtkWidget *page = dd_window_get_page (f->window, "tasks");
  GObject *object = gtk_widget_get_template_child (page, DD_TYPE_TASKS_PAGE, name);

  g_assert_nonnull (object);
  return object;
}

static gboolean
list_read (gpointer data)
{
  return !dd_tasks_page_is_loading (DD_TASKS_PAGE (data));
}

/* A filter the user sets is read on a worker: until the list shows it. */
static void
wait_for_list (Fixture *f)
{
  dd_test_wait_for (list_read, dd_window_get_page (f->window, "tasks"));
}

static GListModel *
window_list (Fixture *f)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (tasks_child (f, "column_view"));

  return gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection));
}

typedef struct
{
  Fixture *f;
  const char *text;
} Wanted;

static gboolean
label_shown (gpointer data)
{
  Wanted *w = data;
  GtkWidget *label = dd_test_find_label (GTK_WIDGET (tasks_child (w->f, "column_view")), w->text);

  return label != NULL && gtk_widget_get_mapped (label);
}

/* The row (a child of the list view) that holds @widget. */
static GtkWidget *
row_of (GtkWidget *widget)
{
  while (widget != NULL && gtk_widget_get_parent (widget) != NULL
         && !GTK_IS_LIST_VIEW (gtk_widget_get_parent (widget)))
    widget = gtk_widget_get_parent (widget);
  return widget;
}

/* The badge of task 5 says time is missing, and only time; its tooltip
 * lists the six checks, the failing one with why. */
static void
test_badge (Fixture       *f,
            gconstpointer  data)
{
  Wanted wanted = { f, "Missing: time" };
  GtkWidget *badge, *row;
  const char *tooltip;

  gtk_stack_set_visible_child_name (f->window->stack, "tasks");
  dd_test_wait_for (label_shown, &wanted);
  badge = dd_test_find_label (GTK_WIDGET (tasks_child (f, "column_view")), "Missing: time");
  g_assert_true (gtk_widget_has_css_class (badge, "six-clear-missing"));
  row = row_of (badge);
  g_assert_nonnull (dd_test_find_label (row, "5."));
  g_assert_nonnull (dd_test_find_label (row, "Theo Kế hoạch của Sở Nội vụ"));

  tooltip = gtk_widget_get_tooltip_text (badge);
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, "✓ clear who"));
  g_assert_nonnull (strstr (tooltip, "✓ clear what"));
  g_assert_nonnull (strstr (tooltip, "✓ clear authority"));
  g_assert_nonnull (strstr (tooltip, "✓ clear responsibility"));
  g_assert_nonnull (strstr (tooltip, "✗ clear time: The time is set by another body's plan"));
  g_assert_nonnull (strstr (tooltip, "✓ clear result"));

  /* Task 6 is led by a group of units: no named person. */
  badge = dd_test_find_label (GTK_WIDGET (tasks_child (f, "column_view")), "Missing: who");
  g_assert_nonnull (badge);
  g_assert_nonnull (dd_test_find_label (row_of (badge), "6."));

  /* A clear task says so, quietly. */
  badge = dd_test_find_label (GTK_WIDGET (tasks_child (f, "column_view")), "Clear");
  g_assert_nonnull (badge);
  g_assert_true (gtk_widget_has_css_class (badge, "six-clear-ok"));
  dd_test_screenshot ("six-clear-task-list");

  /* The filter keeps exactly the two unclear tasks. */
  gtk_toggle_button_set_active (tasks_child (f, "six_clear_button"), TRUE);
  g_assert_true (dd_tasks_page_is_loading (DD_TASKS_PAGE (dd_window_get_page (f->window, "tasks"))));
  wait_for_list (f);
  g_assert_cmpuint (g_list_model_get_n_items (window_list (f)), ==, 2);
  {
    g_autoptr(DdTask) a = g_list_model_get_item (window_list (f), 0);
    g_autoptr(DdTask) b = g_list_model_get_item (window_list (f), 1);

    g_assert_cmpstr (dd_task_get_number (a), ==, "5.");
    g_assert_cmpstr (dd_task_get_number (b), ==, "6.");
  }
  gtk_toggle_button_set_active (tasks_child (f, "six_clear_button"), FALSE);
  wait_for_list (f);
  g_assert_cmpuint (g_list_model_get_n_items (window_list (f)), >, 2);
}

/* A date for task 5 clears its badge, as soon as it is saved. */
static void
test_badge_follows_edit (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Wanted wanted = { f, "Missing: time" };
  gint64 plan_id = 0, task5 = 0;

  gtk_stack_set_visible_child_name (f->window->stack, "tasks");
  dd_test_wait_for (label_shown, &wanted);

  for (guint i = 0; i < g_list_model_get_n_items (window_list (f)); i++)
    {
      g_autoptr(DdTask) task = g_list_model_get_item (window_list (f), i);

      if (g_str_equal (dd_task_get_number (task), "5."))
        {
          g_autoptr(DdTask) copy = dd_task_copy (task);

          task5 = dd_task_get_id (task);
          plan_id = dd_task_get_plan_id (task);
          g_assert_true (dd_task_set_deadline_text (copy, "Trước 31/12/2026", &error));
          g_assert_true (dd_store_save_task (f->store, copy, &error));
          g_assert_no_error (error);
          break;
        }
    }
  g_assert_cmpint (task5, >, 0);
  g_assert_cmpint (plan_id, >, 0);
  dd_test_iterate (100);
  g_assert_null (dd_test_find_label (GTK_WIDGET (tasks_child (f, "column_view")), "Missing: time"));
}

static gboolean
dashboard_loaded (gpointer data)
{
  return !dd_dashboard_page_is_loading (DD_DASHBOARD_PAGE (data));
}

/* The dashboard counts the unclear tasks; the figure opens them. */
static void
test_dashboard (Fixture       *f,
                gconstpointer  data)
{
  DdDashboardPage *page;
  GtkWidget *button;
  GListModel *shown;

  dd_window_show_start_page (f->window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->stack), ==, "dashboard");
  page = DD_DASHBOARD_PAGE (dd_window_get_page (f->window, "dashboard"));
  /* The figures are read on a worker thread. */
  dd_test_wait_for (dashboard_loaded, page);
  dd_test_iterate (50);

  g_assert_cmpuint (dd_dashboard_page_get_n_six_clear (page), ==, 2);
  button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), DD_TYPE_DASHBOARD_PAGE,
                                                      "six_clear_button"));
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_nonnull (dd_test_find_label (button, "2"));
  g_assert_nonnull (dd_test_find_label (button, "Not clear (“6 rõ”)"));
  dd_test_screenshot ("six-clear-dashboard");

  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->stack), ==, "tasks");
  g_assert_true (gtk_toggle_button_get_active (tasks_child (f, "six_clear_button")));
  shown = window_list (f);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(DdTask) task = g_list_model_get_item (shown, i);

      g_assert_cmpuint (dd_task_check_six_clear (task, NULL), !=, 0);
    }
  dd_test_screenshot ("six-clear-filtered");

  /* Another figure of the dashboard opens the list without the filter. */
  gtk_stack_set_visible_child_name (f->window->stack, "dashboard");
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (page), DD_TYPE_DASHBOARD_PAGE,
                                                        "tasks_button"), "clicked");
  g_assert_false (gtk_toggle_button_get_active (tasks_child (f, "six_clear_button")));
  g_assert_cmpuint (g_list_model_get_n_items (window_list (f)), >, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!dd_test_init_gtk ())
    return DD_TEST_EXIT_SKIP;

#define ADD(path, func) \
  g_test_add ("/ui/six-clear/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("badge", test_badge);
  ADD ("badge-follows-edit", test_badge_follows_edit);
  ADD ("dashboard", test_dashboard);

#undef ADD

  return g_test_run ();
}
