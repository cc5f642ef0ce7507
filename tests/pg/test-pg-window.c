/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-pg-window"

#include "config.h"

#include <string.h>

#include "dd-tasks-page.h"
#include "dd-window.h"
#include "dd-test-core.h"
#include "dd-test-gtk.h"
#include "dd-test-pg.h"

/*
 * The window on a PostgreSQL server (a throwaway cluster), its tables read
 * in place (dd_pg_read_store()): the task list holds the server's live
 * tasks, its first row painted, and the read-only bar names the server and
 * its database; the status drop-down narrows the list to the tasks the
 * file's store finds in that status. With DD_TEST_SCREENSHOT_DIR set, the
 * window is captured. Needs a display (77 without one), like the GUI tests.
 */

static DdTestPgCluster *cluster;

static gpointer
tasks_child (DdWindow *window, const char *name)
{
  GtkWidget *page = dd_window_get_page (window, "tasks");
  GObject *object = gtk_widget_get_template_child (page, DD_TYPE_TASKS_PAGE, name);

  g_assert_nonnull (object);
  return object;
}

typedef struct
{
  GtkSelectionModel *selection;  /* the list's, whose model the page replaces */
  guint n_items;
} NItems;

/* The column view shows the title of its first task (its first rows are
 * painted: the page reads a new query only after). */
static gboolean
first_row_shown (gpointer data)
{
  GtkWidget *column_view = data;
  GtkSelectionModel *selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view));
  GListModel *model = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection));
  g_autoptr(DdTask) first = NULL;

  if (!gtk_widget_get_mapped (column_view) || model == NULL || g_list_model_get_n_items (model) == 0)
    return FALSE;
  first = g_list_model_get_item (model, 0);
  return dd_test_find_label (column_view, dd_task_get_title (first)) != NULL;
}

static GListModel *
shown (GtkSelectionModel *selection)
{
  return gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection));
}

static gboolean
has_n_items (gpointer data)
{
  NItems *n = data;

  return shown (n->selection) != NULL && g_list_model_get_n_items (shown (n->selection)) == n->n_items;
}

/* The commonest status of @file's tasks that does not hold them all, and
 * how many tasks are in it. */
static DdTaskStatus
commonest_status (DdStore *file,
                  guint   *n_tasks)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTaskList) all = NULL;
  guint counts[DD_N_STATUSES] = { 0, };
  DdTaskStatus status = DD_STATUS_NO_DEADLINE;
  guint n_all;
  DdTaskQuery query;

  dd_task_query_init (&query);
  all = dd_store_query_tasks (file, &query, &error);
  g_assert_no_error (error);
  n_all = g_list_model_get_n_items (G_LIST_MODEL (all));
  for (guint i = 0; i < n_all; i++)
    {
      g_autoptr(DdTask) task = g_list_model_get_item (G_LIST_MODEL (all), i);

      counts[dd_task_get_status (task)]++;
    }
  *n_tasks = 0;
  for (guint i = 0; i < DD_N_STATUSES; i++)
    if (counts[i] > *n_tasks && counts[i] < n_all)
      {
        *n_tasks = counts[i];
        status = i;
      }
  g_assert_cmpuint (*n_tasks, >, 0);
  return status;
}

/* The status drop-down (entry 0 is "all statuses") narrows the list to the
 * tasks of that status, as many as on the file, and back. */
static void
check_status_filter (DdWindow *window,
                     DdStore  *file,
                     NItems   *n)
{
  GtkDropDown *status_dropdown = tasks_child (window, "status_dropdown");
  guint n_all = n->n_items;
  DdTaskStatus status = commonest_status (file, &n->n_items);

  gtk_drop_down_set_selected (status_dropdown, status + 1);
  dd_test_wait_for (has_n_items, n);
  for (guint i = 0; i < n->n_items; i++)
    {
      g_autoptr(DdTask) task = g_list_model_get_item (shown (n->selection), i);

      g_assert_cmpint (dd_task_get_status (task), ==, status);
    }
  dd_test_iterate (100);
  dd_test_screenshot ("pg-window-status");

  gtk_drop_down_set_selected (status_dropdown, 0);
  n->n_items = n_all;
  dd_test_wait_for (has_n_items, n);
}

static void
test_window_on_server (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DdStore) file = dd_test_create_store (&path);
  g_autoptr(DdPg) pg = dd_pg_connect (fixture->uri, &error);
  g_autoptr(DdStore) store = NULL;
  g_autofree char *live = NULL;
  DdWindow *window;
  GtkSelectionModel *selection;
  GtkInfoBar *bar;
  GtkLabel *bar_label;
  NItems n;

  g_assert_no_error (error);
  g_assert_true (dd_pg_init_schema (pg, NULL, &error));
  g_assert_true (dd_pg_migrate_from_store (pg, file, NULL, &error));
  g_assert_no_error (error);
  store = dd_pg_read_store (pg, &error);
  g_assert_no_error (error);

  window = g_object_ref (dd_window_new (NULL, store));
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (tasks_child (window, "column_view")));
  n.selection = selection;
  live = dd_test_pg_dup_value (fixture->conn, "SELECT count(*) FROM tasks WHERE deleted_at IS NULL");
  n.n_items = (guint) atoi (live);
  g_assert_cmpuint (n.n_items, >, 0);
  dd_test_wait_for (has_n_items, &n);
  dd_test_wait_for (first_row_shown, tasks_child (window, "column_view"));

  /* The bar says where the data is and that it is read-only. */
  g_assert_true (dd_store_is_read_only (store));
  bar = dd_test_template_child (window, DD_TYPE_WINDOW, "read_only_bar");
  bar_label = dd_test_template_child (window, DD_TYPE_WINDOW, "read_only_label");
  g_assert_true (gtk_info_bar_get_revealed (bar));
  g_assert_nonnull (strstr (gtk_label_get_text (bar_label), "PostgreSQL"));
  g_assert_nonnull (strstr (gtk_label_get_text (bar_label), fixture->database));

  dd_test_iterate (300);
  dd_test_screenshot ("pg-window-tasks");

  check_status_filter (window, file, &n);

  gtk_window_destroy (GTK_WINDOW (window));
  dd_test_iterate (50);
  g_assert_finalize_object (window);
  g_clear_object (&store);
  g_clear_object (&pg);
  g_clear_object (&file);
  dd_test_remove_store_file (path);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!dd_test_init_gtk ())
    return 77;

  cluster = dd_test_pg_cluster_start ();
  g_test_add ("/pg/window/read-in-place", DdTestPgFixture, cluster, dd_test_pg_fixture_setup,
              test_window_on_server, dd_test_pg_fixture_teardown);
  status = g_test_run ();
  dd_test_pg_cluster_stop (cluster);
  return status;
}
