/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-pg-live"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "dd-task-editor.h"
#include "dd-tasks-page.h"
#include "dd-window.h"
#include "dd-window-private.h"
#include "dd-test-core.h"
#include "dd-test-gtk.h"
#include "dd-test-pg.h"

/*
 * The window on a PostgreSQL server follows it (issue #22): LISTEN/NOTIFY
 * on a connection of the window's own, no polling. On a throwaway cluster
 * of its own, in Vietnamese, at 1,366 × 768:
 *
 *   /pg/live/refresh: another connection renames a task (SQL, as psql
 *     would) and records progress (dondoc-cli update): the open window
 *     shows each within seconds, without anyone touching it, its status
 *     filter and selection kept; a burst of twenty saves is one refresh.
 *   /pg/live/lost: the server stopped (pg_ctl stop -m fast, then
 *     immediate) shows the lost-connection bar while an editor stays open
 *     and the search typed stays; started again, the bar goes and the
 *     window shows what was saved meanwhile, and follows the server again.
 *
 * With DD_TEST_SCREENSHOT_DIR set, the window is captured (the bar).
 */

static DdTestPgCluster *cluster;

typedef struct
{
  DdTestPgFixture *fixture;
  char *path;                   /* the file the office came from */
  DdStore *file;
  DdStore *store;               /* the server's, read in place */
  DdWindow *window;
  GtkSelectionModel *selection;
  guint n_external;             /* the store's "external-change"s */
  guint n_all;                  /* the tasks of the list, unfiltered */
} Live;

static gpointer
tasks_child (DdWindow *window, const char *name)
{
  GtkWidget *page = dd_window_get_page (window, "tasks");
  GObject *object = gtk_widget_get_template_child (page, DD_TYPE_TASKS_PAGE, name);

  g_assert_nonnull (object);
  return object;
}

static GListModel *
shown (GtkSelectionModel *selection)
{
  return gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection));
}

static guint
n_shown (Live *live)
{
  GListModel *model = shown (live->selection);

  return model != NULL ? g_list_model_get_n_items (model) : 0;
}

/* Waits up to @seconds for @condition; how long it took, in ms. */
static gint64
wait_up_to (DdTestCondition condition,
            gpointer        data,
            guint           seconds)
{
  gint64 start = g_get_monotonic_time ();
  gint64 end = start + seconds * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return (g_get_monotonic_time () - start) / 1000;
}

typedef struct
{
  Live *live;
  const char *text;
} Shown;

/* A label of the task list reads @text (its rows are painted). */
static gboolean
label_shown (gpointer data)
{
  Shown *shown_text = data;
  GtkWidget *column_view = tasks_child (shown_text->live->window, "column_view");

  return gtk_widget_get_mapped (column_view) && dd_test_find_label (column_view, shown_text->text) != NULL;
}

static void
on_external_change_cb (DdStore *store,
                       Live    *live)
{
  live->n_external++;
}

static void
live_open (Live            *live,
           DdTestPgFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPg) pg = NULL;
  g_autofree char *n_live = NULL;
  GtkWidget *column_view;

  live->fixture = fixture;
  live->file = dd_test_create_store (&live->path);
  pg = dd_pg_connect (fixture->uri, &error);
  g_assert_no_error (error);
  g_assert_true (dd_pg_init_schema (pg, NULL, &error));
  g_assert_true (dd_pg_migrate_from_store (pg, live->file, NULL, &error));
  g_assert_no_error (error);
  live->store = dd_pg_read_store (pg, &error);
  g_assert_no_error (error);
  g_signal_connect (live->store, "external-change", G_CALLBACK (on_external_change_cb), live);

  live->window = g_object_ref (dd_window_new (NULL, live->store));
  gtk_window_set_default_size (GTK_WINDOW (live->window), 1366, 768);
  gtk_stack_set_visible_child_name (live->window->stack, "tasks");
  gtk_window_present (GTK_WINDOW (live->window));
  column_view = tasks_child (live->window, "column_view");
  live->selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view));
  n_live = dd_test_pg_dup_value (fixture->conn, "SELECT count(*) FROM tasks WHERE deleted_at IS NULL");
  while (n_shown (live) != (guint) atoi (n_live) || !gtk_widget_get_mapped (column_view))
    dd_test_iterate (20);
  /* The bar says that the window follows the server. */
  g_assert_nonnull (strstr (dd_store_get_read_only_reason (live->store), fixture->database));
  g_assert_nonnull (live->window->listener);
  g_assert_true (dd_pg_listener_get_connected (live->window->listener));
}

static void
live_close (Live *live)
{
  gtk_window_destroy (GTK_WINDOW (live->window));
  dd_test_iterate (50);
  g_assert_finalize_object (live->window);
  g_clear_object (&live->store);
  g_clear_object (&live->file);
  dd_test_remove_store_file (live->path);
  g_free (live->path);
}

/* Runs the built dondoc-cli with the NULL-terminated arguments; asserts
 * that it succeeds. */
static void
run_cli (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *cli = g_getenv ("DONDOC_CLI");
  va_list args;
  int status;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("dondoc-cli failed: %s%s", out, err);
}

static void
rename_task (PGconn     *conn,
             gint64      task_id,
             const char *title)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE tasks SET title = '%s' WHERE id = %" G_GINT64_FORMAT,
                                          title, task_id);

  dd_test_pg_exec (conn, sql);
}

static gint64
selected_id (Live *live)
{
  g_autoptr(DdTask) task = dd_tasks_page_dup_selected_task (DD_TASKS_PAGE (dd_window_get_page (live->window,
                                                                                                "tasks")));

  return task != NULL ? dd_task_get_id (task) : 0;
}

typedef struct
{
  Live *live;
  gint64 task_id;
  guint progress;
} Progress;

static gboolean
progress_shown (gpointer data)
{
  Progress *p = data;
  GListModel *model = shown (p->live->selection);

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DdTask) task = g_list_model_get_item (model, i);

      if (dd_task_get_id (task) == p->task_id)
        return dd_task_get_progress (task) == p->progress;
    }
  return FALSE;
}

typedef struct
{
  Live *live;
  DdTaskStatus status;
} StatusShown;

/* The list shows tasks, all of them in one status. */
static gboolean
only_status_shown (gpointer data)
{
  StatusShown *s = data;
  GListModel *model = shown (s->live->selection);
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdTask) task = g_list_model_get_item (model, i);

      if (dd_task_get_status (task) != s->status)
        return FALSE;
    }
  return n > 0;
}

static void
test_refresh (DdTestPgFixture *fixture, gconstpointer data)
{
  Live live = { NULL, };
  GtkDropDown *status_dropdown;
  guint n_before, status_before, n_external;
  gint64 task_id, ms;
  Shown renamed = { &live, "Đổi tên từ máy khác" };
  Shown last = { &live, "Lần lưu 20" };
  Progress progress = { &live, 0, 65 };

  live_open (&live, fixture);

  /* The user's state: a status filter and a task selected in it (the
   * last task of the list, in the status of the first). */
  status_dropdown = tasks_child (live.window, "status_dropdown");
  {
    g_autoptr(DdTask) first = g_list_model_get_item (shown (live.selection), 0);
    StatusShown filtered = { &live, dd_task_get_status (first) };

    gtk_drop_down_set_selected (status_dropdown, filtered.status + 1);
    wait_up_to (only_status_shown, &filtered, 10);
  }
  gtk_selection_model_select_item (live.selection, n_shown (&live) - 1, TRUE);
  dd_test_iterate (50);
  task_id = selected_id (&live);
  g_assert_cmpint (task_id, >, 0);
  n_before = n_shown (&live);
  status_before = gtk_drop_down_get_selected (status_dropdown);

  /* Another connection renames the task: the window shows it by itself. */
  rename_task (fixture->conn, task_id, renamed.text);
  ms = wait_up_to (label_shown, &renamed, 10);
  g_test_message ("A rename on the server shown after %" G_GINT64_FORMAT " ms", ms);
  g_assert_cmpuint (live.n_external, ==, 1);
  g_assert_cmpint (selected_id (&live), ==, task_id);
  g_assert_cmpuint (gtk_drop_down_get_selected (status_dropdown), ==, status_before);
  g_assert_cmpuint (n_shown (&live), ==, n_before);

  /* A burst of saves, each its own transaction: one refresh (at most one
   * more for a notification that came as it started), not twenty. */
  n_external = live.n_external;
  for (int i = 1; i <= 20; i++)
    {
      g_autofree char *title = g_strdup_printf ("Lần lưu %d", i);

      rename_task (fixture->conn, task_id, title);
    }
  ms = wait_up_to (label_shown, &last, 10);
  g_test_message ("Twenty saves shown after %" G_GINT64_FORMAT " ms", ms);
  dd_test_iterate (1500);
  g_test_message ("Refreshes for the twenty saves: %u", live.n_external - n_external);
  g_assert_cmpuint (live.n_external - n_external, >=, 1);
  g_assert_cmpuint (live.n_external - n_external, <=, 2);
  g_assert_cmpint (selected_id (&live), ==, task_id);

  /* The command line records progress (a copy written through), which
   * may change the task's status: every status shown first. */
  gtk_drop_down_set_selected (status_dropdown, 0);
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, task_id);

    progress.task_id = task_id;
    run_cli ("--db", fixture->uri, "update", id, "--progress", "65", "--note", "Cập nhật từ dòng lệnh", NULL);
    ms = wait_up_to (progress_shown, &progress, 10);
    g_test_message ("dondoc-cli update shown after %" G_GINT64_FORMAT " ms", ms);
  }
  dd_test_screenshot ("pg-live-refresh");

  live_close (&live);
}

static gboolean
bar_revealed (gpointer data)
{
  Live *live = data;

  return live->window->server_bar != NULL && gtk_info_bar_get_revealed (GTK_INFO_BAR (live->window->server_bar));
}

static gboolean
bar_hidden (gpointer data)
{
  return !bar_revealed (data);
}

/* The server goes away with @mode and comes back: the bar, the editor and
 * the search kept; the rename made meanwhile shown; notifications again. */
static void
lose_and_reconnect (Live         *live,
                    const char   *mode,
                    DdTaskEditor *editor,
                    const char   *search,
                    gint64        task_id)
{
  GtkEditable *search_entry = tasks_child (live->window, "search_entry");
  GtkLabel *label = GTK_LABEL (live->window->server_label);
  g_autofree char *while_away = g_strdup_printf ("Tìm thấy: sửa khi mất kết nối (%s)", mode);
  g_autofree char *after = g_strdup_printf ("Tìm thấy: sửa sau khi kết nối lại (%s)", mode);
  Shown away = { live, while_away };
  Shown back = { live, after };
  guint n_before = n_shown (live);
  gint64 ms;

  dd_test_pg_cluster_halt (cluster, mode);
  ms = wait_up_to (bar_revealed, live, 10);
  g_test_message ("pg_ctl stop -m %s: the bar after %" G_GINT64_FORMAT " ms", mode, ms);
  g_assert_false (dd_pg_listener_get_connected (live->window->listener));
  g_assert_nonnull (strstr (gtk_label_get_text (label), "Mất kết nối tới máy chủ"));
  g_assert_nonnull (strstr (gtk_label_get_text (label), "đang thử kết nối lại"));
  g_assert_nonnull (strstr (gtk_label_get_text (label), live->fixture->database));
  dd_test_iterate (300);
  if (g_str_equal (mode, "fast"))
    {
      /* The window above its editor, for the picture of the bar. */
      gtk_window_present (GTK_WINDOW (live->window));
      dd_test_iterate (300);
      dd_test_screenshot ("pg-live-lost");
    }

  /* Nothing the user has is closed or reset meanwhile. */
  dd_test_iterate (2500);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpint (dd_task_get_id (dd_task_editor_get_task (editor)), ==, task_id);
  g_assert_cmpstr (gtk_editable_get_text (search_entry), ==, search);
  g_assert_cmpuint (n_shown (live), ==, n_before);
  g_assert_true (bar_revealed (live));

  /* Back: what was saved as it came back is shown, the bar goes. */
  dd_test_pg_cluster_restart (cluster);
  PQreset (live->fixture->conn);
  rename_task (live->fixture->conn, task_id, while_away);
  ms = wait_up_to (bar_hidden, live, 40);
  g_test_message ("pg_ctl start: the bar gone after %" G_GINT64_FORMAT " ms", ms);
  wait_up_to (label_shown, &away, 10);
  g_assert_true (dd_pg_listener_get_connected (live->window->listener));
  g_assert_cmpstr (gtk_editable_get_text (search_entry), ==, search);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));

  /* And the window listens again. */
  rename_task (live->fixture->conn, task_id, after);
  ms = wait_up_to (label_shown, &back, 10);
  g_test_message ("After reconnecting, a rename shown after %" G_GINT64_FORMAT " ms", ms);
}

/* The search narrowed the list. */
static gboolean
some_shown (gpointer data)
{
  Live *live = data;

  return n_shown (live) > 0 && n_shown (live) < live->n_all;
}

static void
test_lost (DdTestPgFixture *fixture, gconstpointer data)
{
  Live live = { NULL, };
  GtkEditable *search_entry;
  DdTaskEditor *editor;
  g_autofree char *title = NULL;
  g_autofree char *search = NULL;
  gint64 task_id;
  Shown typed = { &live, NULL };

  live_open (&live, fixture);

  /* The user searched for a task by its title and opened it. (A rename
   * in SQL leaves the folded text the app searches, tasks.search_text:
   * the task stays found whatever the renames below.) */
  {
    /* The list's first row, which is painted. */
    g_autoptr(DdTask) first = g_list_model_get_item (shown (live.selection), 0);

    task_id = dd_task_get_id (first);
    search = g_strdup (dd_task_get_title (first));
  }
  search_entry = tasks_child (live.window, "search_entry");
  gtk_editable_set_text (search_entry, search);
  live.n_all = n_shown (&live);
  wait_up_to (some_shown, &live, 10);
  title = g_strdup_printf ("Tìm thấy nhiệm vụ %" G_GINT64_FORMAT, task_id);
  rename_task (fixture->conn, task_id, title);
  typed.text = title;
  wait_up_to (label_shown, &typed, 10);
  editor = _dd_window_edit_task (live.window, task_id);
  g_assert_nonnull (editor);
  dd_test_iterate (100);
  /* (Each rename below keeps matching the search.) */
  lose_and_reconnect (&live, "fast", editor, search, task_id);
  typed.text = "Tìm thấy lần nữa";
  rename_task (fixture->conn, task_id, typed.text);
  wait_up_to (label_shown, &typed, 10);
  lose_and_reconnect (&live, "immediate", editor, search, task_id);

  gtk_window_destroy (GTK_WINDOW (editor));
  live_close (&live);
}

int
main (int argc, char **argv)
{
  int status;

  /* In Vietnamese, whatever the environment says. */
  g_setenv ("LANGUAGE", "vi", TRUE);
  g_setenv ("LC_ALL", "vi_VN.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (setlocale (LC_ALL, "") == NULL)
    {
      g_printerr ("No vi_VN.UTF-8 locale: skipping.\n");
      return DD_TEST_EXIT_SKIP;
    }
  dd_test_init_i18n ();
  if (!dd_test_init_gtk ())
    return DD_TEST_EXIT_SKIP;
  dd_test_load_app_style ();

  cluster = dd_test_pg_cluster_start ();
  g_test_add ("/pg/live/refresh", DdTestPgFixture, cluster, dd_test_pg_fixture_setup, test_refresh,
              dd_test_pg_fixture_teardown);
  g_test_add ("/pg/live/lost", DdTestPgFixture, cluster, dd_test_pg_fixture_setup, test_lost,
              dd_test_pg_fixture_teardown);
  status = g_test_run ();
  dd_test_pg_cluster_stop (cluster);
  return status;
}
