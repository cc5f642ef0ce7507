/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <dondoc/dondoc.h>

#include "dd-tasks-page.h"
#include "dd-test-core.h"
#include "dd-test-gtk.h"
#include "dd-window.h"

/*
 * The task list's view across a sort, on a list longer than the window
 * (the test data and 250 more tasks): the view keeps its row widgets (a
 * new sort binds them again rather than building new ones: what made a
 * sort of 100,000 tasks slow), and the selected task stays selected and
 * is brought into view.
 */

#define N_EXTRA 250

typedef struct
{
  char *path;
  DdStore *store;
  DdWindow *window;
  GtkColumnView *column_view;
  GtkWidget *list_view;
  GtkSingleSelection *selection;
  GListModel *model;
} Fixture;

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
  Fixture *f = data;

  return g_list_model_get_n_items (f->model) == 8 + N_EXTRA
         && !dd_tasks_page_is_loading (DD_TASKS_PAGE (dd_window_get_page (f->window, "tasks")));
}

static void
add_tasks (DdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) first = dd_store_get_task (store, 1, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < N_EXTRA; i++)
    {
      g_autoptr(DdTask) task = dd_task_new (dd_task_get_plan_id (first));
      g_autofree char *number = g_strdup_printf ("%u.", 100 + i);
      g_autofree char *title = g_strdup_printf ("Việc thêm %03u", i);

      dd_task_set_number (task, number);
      dd_task_set_title (task, title);
      dd_task_set_lead (task, dd_task_get_lead (first));
      g_assert_true (dd_store_save_task (store, task, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = dd_test_create_store (&f->path);
  add_tasks (f->store);
  f->window = g_object_ref (dd_window_new (NULL, f->store));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1366, 768);
  gtk_window_present (GTK_WINDOW (f->window));
  f->column_view = GTK_COLUMN_VIEW (tasks_child (f, "column_view"));
  f->list_view = dd_test_find_descendant (GTK_WIDGET (f->column_view), GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (f->list_view);
  f->selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (f->column_view));
  f->model = gtk_single_selection_get_model (f->selection);
  dd_test_wait_for (list_read, f);
  dd_test_iterate (300);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  dd_test_iterate (50);
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->store);
  dd_test_remove_store_file (f->path);
  g_free (f->path);
}

static GPtrArray *
dup_rows (Fixture *f)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (f->list_view); row != NULL; row = gtk_widget_get_next_sibling (row))
    g_ptr_array_add (rows, row);
  return rows;
}

static void
sort_by_title (Fixture     *f,
               GtkSortType  order)
{
  gtk_column_view_sort_by_column (f->column_view, tasks_child (f, "title_column"), order);
  dd_test_wait_for (list_read, f);
  dd_test_iterate (300);
}

/* Whether @widget lies within the list view's visible height. */
static gboolean
in_view (Fixture   *f,
         GtkWidget *widget)
{
  graphene_rect_t bounds;

  if (widget == NULL || !gtk_widget_compute_bounds (widget, f->list_view, &bounds))
    return FALSE;
  return bounds.origin.y >= 0 && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (f->list_view);
}

/* A sort shows the new order in the rows the view had: none is built
 * anew (GTK 4.8 builds about 200 for new items). */
static void
test_sort_keeps_rows (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) before = dup_rows (f);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(DdTask) first = g_list_model_get_item (f->model, 0);
  gint64 first_id = dd_task_get_id (first);

  g_clear_object (&first);
  g_assert_cmpuint (before->len, >, 20);
  sort_by_title (f, GTK_SORT_ASCENDING);
  first = g_list_model_get_item (f->model, 0);
  /* Its first row is another task now, and shows it. */
  g_assert_cmpint (dd_task_get_id (first), !=, first_id);
  g_assert_true (in_view (f, dd_test_find_label (f->list_view, dd_task_get_title (first))));
  after = dup_rows (f);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    g_assert_true (g_ptr_array_find (after, before->pdata[i], NULL));
  /* The rows are bound again over a few frames, those shown first: once
   * the list says it is done, every row the view keeps shows its new
   * task, not only the first screenful. */
  for (guint i = 0; i < MIN (after->len, g_list_model_get_n_items (f->model)); i++)
    {
      g_autoptr(DdTask) task = g_list_model_get_item (f->model, i);

      g_assert_nonnull (dd_test_find_label (f->list_view, dd_task_get_title (task)));
    }
}

/* The selected task stays selected after a sort, and in view. */
static void
test_sort_keeps_selection (Fixture       *f,
                           gconstpointer  data)
{
  const char *title = "Việc thêm 020";
  g_autoptr(DdTask) selected = NULL;
  gint64 id;
  int position;

  position = -1;
  for (guint i = 0; i < g_list_model_get_n_items (f->model) && position < 0; i++)
    {
      g_autoptr(DdTask) task = g_list_model_get_item (f->model, i);

      if (g_strcmp0 (dd_task_get_title (task), title) == 0)
        position = (int) i;
    }
  g_assert_cmpint (position, >=, 0);
  g_assert_cmpint (position, <, 40);
  /* As a click on it would: in view, then selected. */
  gtk_widget_activate_action (f->list_view, "list.scroll-to-item", "u", (guint) position);
  gtk_single_selection_set_selected (f->selection, (guint) position);
  selected = dd_tasks_page_dup_selected_task (DD_TASKS_PAGE (dd_window_get_page (f->window, "tasks")));
  g_assert_cmpstr (dd_task_get_title (selected), ==, title);
  id = dd_task_get_id (selected);
  dd_test_iterate (200);
  g_assert_true (in_view (f, dd_test_find_label (f->list_view, title)));

  /* Descending: it moves from near the top to near the end. */
  sort_by_title (f, GTK_SORT_DESCENDING);
  g_clear_object (&selected);
  selected = g_object_ref (gtk_single_selection_get_selected_item (f->selection));
  g_assert_cmpint (dd_task_get_id (selected), ==, id);
  g_assert_cmpuint (gtk_single_selection_get_selected (f->selection), >, 200);
  g_assert_true (in_view (f, dd_test_find_label (f->list_view, title)));
  dd_test_screenshot ("task-list-sorted-selection");

  /* And back. */
  sort_by_title (f, GTK_SORT_ASCENDING);
  g_assert_cmpint (dd_task_get_id (gtk_single_selection_get_selected_item (f->selection)), ==, id);
  g_assert_true (in_view (f, dd_test_find_label (f->list_view, title)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (!dd_test_init_gtk ())
    return DD_TEST_EXIT_SKIP;

  g_test_add ("/ui/task-list-view/sort-keeps-rows", Fixture, NULL, fixture_set_up, test_sort_keeps_rows,
              fixture_tear_down);
  g_test_add ("/ui/task-list-view/sort-keeps-selection", Fixture, NULL, fixture_set_up,
              test_sort_keeps_selection, fixture_tear_down);
  return g_test_run ();
}
