/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-pg-window"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dd-calendar-page.h"
#include "dd-conflict-dialog.h"
#include "dd-export-dialog.h"
#include "dd-task-editor.h"
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
 * file's store finds in that status. On a store that writes in place
 * (dd_pg_write_store()), the window is writable (no bar), the task
 * editor's save reaches the server, and a save meeting another desktop's
 * save of the same task opens the conflict dialog, which names the server
 * where a file's names the file. The export dialog writes the meeting
 * workbook of the server as it is when the export starts. The calendar
 * page shows the server's deadlines, read on a connection of each load's
 * own, and no longer those of a task another desktop put in the bin. In
 * Vietnamese when the locale is there. With
 * DD_TEST_SCREENSHOT_DIR set, the window is captured. Needs a display (77 without one), like the GUI tests.
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

/* A window on @store at the office laptop's size, presented, once its
 * list shows every live task of the server (@n: its selection, that
 * count). */
static DdWindow *
present_window (DdTestPgFixture *fixture,
                DdStore         *store,
                NItems          *n)
{
  DdWindow *window = g_object_ref (dd_window_new (NULL, store));
  g_autofree char *live = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  n->selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (tasks_child (window, "column_view")));
  live = dd_test_pg_dup_value (fixture->conn, "SELECT count(*) FROM tasks WHERE deleted_at IS NULL");
  n->n_items = (guint) atoi (live);
  g_assert_cmpuint (n->n_items, >, 0);
  dd_test_wait_for (has_n_items, n);
  return window;
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
  DdWindow *window;
  GtkInfoBar *bar;
  GtkLabel *bar_label;
  NItems n;

  g_assert_no_error (error);
  g_assert_true (dd_pg_init_schema (pg, NULL, &error));
  g_assert_true (dd_pg_migrate_from_store (pg, file, NULL, &error));
  g_assert_no_error (error);
  store = dd_pg_read_store (pg, &error);
  g_assert_no_error (error);

  window = present_window (fixture, store, &n);
  dd_test_wait_for (first_row_shown, tasks_child (window, "column_view"));

  /* The bar says where the data is and that it is read-only. */
  g_assert_true (dd_store_is_read_only (store));
  bar = dd_test_template_child (window, DD_TYPE_WINDOW, "read_only_bar");
  bar_label = dd_test_template_child (window, DD_TYPE_WINDOW, "read_only_label");
  g_assert_true (gtk_info_bar_get_revealed (bar));
  g_assert_nonnull (strstr (gtk_label_get_text (bar_label), "PostgreSQL"));
  g_assert_nonnull (strstr (gtk_label_get_text (bar_label), fixture->database));
  /* Said once: the reason is the sentence, no "read-only:" before it. */
  g_assert_cmpstr (gtk_label_get_text (bar_label), ==, dd_store_get_read_only_reason (store));

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

/* The deadline buttons of task @task_id under @widget (0: any task),
 * those of a "+N" popover aside. */
static guint
count_deadlines (GtkWidget *widget,
                 gint64     task_id)
{
  const gint64 *id = g_object_get_data (G_OBJECT (widget), "dd-task-id");
  guint n = id != NULL && (task_id == 0 || *id == task_id);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!GTK_IS_POPOVER (child))
      n += count_deadlines (child, task_id);
  return n;
}

static gboolean
calendar_loaded (gpointer data)
{
  return gtk_widget_get_mapped (data) && !dd_calendar_page_is_loading (DD_CALENDAR_PAGE (data));
}

/* The calendar page of the server's window: task 8's two reports due on
 * Monday 15/06/2026 (Q2 and the first six months), as on the file; once
 * another desktop put the task in the bin, a reload shows them no more
 * (each load reads the server as it is, on a connection of its own, off
 * the main thread: /pg/backends/calendar-in-thread). */
static void
test_window_calendar (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DdStore) file = dd_test_create_store (&path);
  g_autoptr(DdPg) pg = dd_pg_connect (fixture->uri, &error);
  g_autoptr(DdStore) store = NULL;
  g_autofree char *task_8 = NULL;
  DdWindow *window;
  GtkStack *stack;
  GtkWidget *page;
  GDate date;
  NItems n;

  g_assert_no_error (error);
  g_assert_true (dd_pg_init_schema (pg, NULL, &error));
  g_assert_true (dd_pg_migrate_from_store (pg, file, NULL, &error));
  g_assert_no_error (error);
  store = dd_pg_read_store (pg, &error);
  g_assert_no_error (error);
  task_8 = dd_test_pg_dup_value (fixture->conn, "SELECT id FROM tasks WHERE number = '8.'");

  window = present_window (fixture, store, &n);
  stack = dd_test_template_child (window, DD_TYPE_WINDOW, "stack");
  gtk_stack_set_visible_child_name (stack, "calendar");
  page = dd_window_get_page (window, "calendar");
  g_assert_true (DD_IS_CALENDAR_PAGE (page));
  g_date_set_dmy (&date, 15, 6, 2026);
  dd_calendar_page_set_date (DD_CALENDAR_PAGE (page), &date);
  dd_test_wait_for (calendar_loaded, page);
  g_assert_cmpuint (count_deadlines (dd_calendar_page_get_day_widget (DD_CALENDAR_PAGE (page), &date),
                                     g_ascii_strtoll (task_8, NULL, 10)), ==, 2);
  dd_test_iterate (300);
  dd_test_screenshot ("pg-window-calendar");

  dd_test_pg_exec (fixture->conn, "UPDATE tasks SET deleted_at = now () WHERE number = '8.'");
  dd_calendar_page_reload (DD_CALENDAR_PAGE (page));
  dd_test_wait_for (calendar_loaded, page);
  g_assert_cmpuint (count_deadlines (dd_calendar_page_get_day_widget (DD_CALENDAR_PAGE (page), &date),
                                     g_ascii_strtoll (task_8, NULL, 10)), ==, 0);
  g_assert_cmpuint (count_deadlines (page, 0), >, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  dd_test_iterate (50);
  g_assert_finalize_object (window);
  g_clear_object (&store);
  g_clear_object (&pg);
  g_clear_object (&file);
  dd_test_remove_store_file (path);
}

static gboolean
export_dialog_shown (gpointer data)
{
  return dd_test_find_toplevel (DD_TYPE_EXPORT_DIALOG) != NULL;
}

typedef struct
{
  DdWindow *window;
  const char *name;
} ToastWait;

/* Whether the window's toast names the file @data->name. */
static gboolean
export_toast_shown (gpointer data)
{
  ToastWait *wait = data;
  const char *text = dd_window_get_toast_text (wait->window);

  return text != NULL && strstr (text, wait->name) != NULL;
}

/* Export… on the server's window: the dialog, then the toast naming the
 * workbook, whose tasks' sheet lists every live task of the server,
 * among them a title another desktop changed a moment before (the export
 * reads the server as it is when it starts; that it does so on a thread
 * and a connection of its own is /pg/backends/export-in-thread's). */
static void
test_window_export (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DdStore) file = dd_test_create_store (&path);
  g_autoptr(DdPg) pg = dd_pg_connect (fixture->uri, &error);
  g_autoptr(DdStore) store = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *out = g_build_filename (dir, "bao-cao-may-chu.xlsx", NULL);
  g_autofree char *read_back = NULL;
  g_autofree char *expected = NULL;
  const char *script =
    "import openpyxl, sys\n"
    "ws = openpyxl.load_workbook(sys.argv[1], read_only=True).worksheets[1]\n"
    "titles = [r[2] for r in ws.iter_rows(min_row=3, values_only=True) if r[2]]\n"
    "print(len(titles), sys.argv[2] in titles)\n";
  ToastWait wait;
  DdWindow *window;
  GtkWindow *dialog;
  NItems n;
  int status = 0;

  g_assert_no_error (error);
  g_assert_true (dd_pg_init_schema (pg, NULL, &error));
  g_assert_true (dd_pg_migrate_from_store (pg, file, NULL, &error));
  g_assert_no_error (error);
  store = dd_pg_read_store (pg, &error);
  g_assert_no_error (error);

  window = present_window (fixture, store, &n);

  /* Another desktop renames a task after the window has read it. */
  dd_test_pg_exec (fixture->conn, "UPDATE tasks SET title = 'Đổi tên trước khi xuất' WHERE id = 3");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  dd_test_wait_for (export_dialog_shown, NULL);
  dialog = dd_test_find_toplevel (DD_TYPE_EXPORT_DIALOG);
  dd_test_run_for (400);
  dd_test_screenshot ("pg-window-export-dialog");
  dd_export_dialog_export_to (DD_EXPORT_DIALOG (dialog), DD_EXPORT_FORMAT_XLSX, out);
  wait.window = window;
  wait.name = "bao-cao-may-chu.xlsx";
  dd_test_wait_for (export_toast_shown, &wait);
  dd_test_run_for (300);
  dd_test_screenshot ("pg-window-export-done");
  g_assert_null (dd_test_find_toplevel (DD_TYPE_EXPORT_DIALOG));

  {
    const char *argv[] = { "/usr/bin/python3", "-c", script, out, "Đổi tên trước khi xuất", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &read_back, NULL,
                                 &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  expected = g_strdup_printf ("%u True\n", n.n_items);
  g_assert_cmpstr (read_back, ==, expected);

  gtk_window_destroy (GTK_WINDOW (window));
  dd_test_iterate (50);
  g_assert_finalize_object (window);
  g_clear_object (&store);
  g_clear_object (&pg);
  g_clear_object (&file);
  g_unlink (out);
  dd_test_remove_store_file (path);
}

static void
on_saved_cb (DdTaskEditor *editor,
             gint64        task_id,
             gpointer      data)
{
  *(gint64 *) data = task_id;
}

static gboolean
is_saved (gpointer data)
{
  return *(gint64 *) data > 0;
}

static gboolean
conflict_shown (gpointer data)
{
  return dd_test_find_toplevel (DD_TYPE_CONFLICT_DIALOG) != NULL;
}

/* The task editor of task @id over @window, its progress set to @progress
 * and saved (the editor's own action). */
static void
open_editor (DdWindow      *window,
             DdStore       *store,
             gint64         id,
             gint64        *saved,
             DdTaskEditor **editor)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = dd_store_get_task (store, id, NULL, &error);

  g_assert_no_error (error);
  *editor = dd_task_editor_new (GTK_WINDOW (window), store, task);
  g_object_add_weak_pointer (G_OBJECT (*editor), (gpointer *) editor);
  g_signal_connect (*editor, "saved", G_CALLBACK (on_saved_cb), saved);
  gtk_window_present (GTK_WINDOW (*editor));
  dd_test_iterate (50);
}

static void
save_progress (DdTaskEditor *editor,
               int           progress)
{
  gtk_spin_button_set_value (dd_test_template_child (editor, DD_TYPE_TASK_EDITOR, "progress_spin"), progress);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
}

/* The conflict dialog's other side is "on the server" for a server's
 * store, "in the file" for a file's: its column and a field only the
 * other side changed (the note). */
static void
check_conflict_wording (GtkWidget *dialog,
                        gboolean   server)
{
  const char *heading = server ? _("Now on the server") : _("Now in the file");
  const char *not_heading = server ? _("Now in the file") : _("Now on the server");
  const char *note = server ? _("Only changed on the server") : _("Only changed in the file");
  const char *not_note = server ? _("Only changed in the file") : _("Only changed on the server");

  g_assert_nonnull (dd_test_find_label (dialog, heading));
  g_assert_null (dd_test_find_label (dialog, not_heading));
  g_assert_nonnull (dd_test_find_label (dialog, note));
  g_assert_null (dd_test_find_label (dialog, not_note));
  /* In Vietnamese, the words the office reads. */
  if (g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "vi"))
    {
      g_assert_cmpstr (heading, ==, server ? "Hiện có trên máy chủ" : "Hiện có trong tệp");
      g_assert_cmpstr (note, ==, server ? "Chỉ người khác sửa trên máy chủ" : "Chỉ người khác sửa");
    }
}

/* The same dialog on a file's store (task 3, its progress changed here
 * and its note there) keeps the file's words. */
static void
check_file_conflict (DdStore *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) base = dd_store_get_task (file, 3, NULL, &error);
  g_autoptr(DdTask) mine = NULL;
  g_autoptr(DdTask) theirs = NULL;
  DdConflictDialog *dialog;

  g_assert_no_error (error);
  g_assert_false (dd_pg_store_is_server (file));
  mine = dd_task_copy (base);
  theirs = dd_task_copy (base);
  dd_task_set_progress (mine, 95);
  dd_task_set_note (theirs, "Đã sửa ở máy khác");
  dialog = dd_conflict_dialog_new (NULL, file, base, mine, theirs);
  gtk_window_present (GTK_WINDOW (dialog));
  dd_test_iterate (50);
  check_conflict_wording (GTK_WIDGET (dialog), FALSE);
  gtk_window_destroy (GTK_WINDOW (dialog));
  dd_test_iterate (50);
}

static void
test_window_writes (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DdStore) file = dd_test_create_store (&path);
  g_autoptr(DdPg) pg = dd_pg_connect (fixture->uri, &error);
  g_autoptr(DdPg) other_pg = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdStore) other = NULL;
  g_autoptr(DdTask) theirs = NULL;
  g_autofree char *progress = NULL;
  DdTaskEditor *editor = NULL;
  GtkInfoBar *bar;
  GtkWindow *dialog;
  DdWindow *window;
  gint64 saved = 0;
  NItems n;

  g_assert_no_error (error);
  g_assert_true (dd_pg_init_schema (pg, NULL, &error));
  g_assert_true (dd_pg_migrate_from_store (pg, file, NULL, &error));
  g_assert_no_error (error);
  store = dd_pg_write_store (pg, &error);
  g_assert_no_error (error);
  g_assert_false (dd_store_is_read_only (store));

  window = present_window (fixture, store, &n);
  bar = dd_test_template_child (window, DD_TYPE_WINDOW, "read_only_bar");
  g_assert_false (gtk_info_bar_get_revealed (bar));

  /* The editor's save is on the server, audited by its triggers. */
  open_editor (window, store, 2, &saved, &editor);
  save_progress (editor, 85);
  dd_test_wait_for (is_saved, &saved);
  g_assert_cmpint (saved, ==, 2);
  progress = dd_test_pg_dup_value (fixture->conn, "SELECT progress FROM tasks WHERE id = 2");
  g_assert_cmpstr (progress, ==, "85");
  g_clear_pointer (&progress, g_free);
  progress = dd_test_pg_dup_value (fixture->conn, "SELECT count(*) FROM audit_log WHERE table_name = 'tasks' "
                                                  "AND row_id = 2 AND action = 'update'");
  g_assert_cmpstr (progress, !=, "0");
  g_clear_pointer (&progress, g_free);
  if (editor != NULL)
    gtk_window_destroy (GTK_WINDOW (editor));
  dd_test_iterate (300);
  dd_test_screenshot ("pg-window-saved");

  /* Another desktop saves task 3 after this one read it: the same
   * conflict dialog as on a file, and the other's save stays. */
  other_pg = dd_pg_connect (fixture->uri, &error);
  g_assert_no_error (error);
  other = dd_pg_write_store (other_pg, &error);
  g_assert_no_error (error);
  saved = 0;
  open_editor (window, store, 3, &saved, &editor);
  theirs = dd_store_get_task (other, 3, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(DdTask) copy = dd_task_copy (theirs);

    dd_task_set_progress (copy, 40);
    dd_task_set_note (copy, "Đã sửa ở máy khác");
    g_assert_true (dd_store_save_task (other, copy, &error));
    g_assert_no_error (error);
  }
  save_progress (editor, 95);
  dd_test_wait_for (conflict_shown, NULL);
  g_assert_cmpint (saved, ==, 0);
  progress = dd_test_pg_dup_value (fixture->conn, "SELECT progress FROM tasks WHERE id = 3");
  g_assert_cmpstr (progress, ==, "40");
  g_assert_true (dd_pg_store_is_server (store));
  check_conflict_wording (GTK_WIDGET (dd_test_find_toplevel (DD_TYPE_CONFLICT_DIALOG)), TRUE);
  dd_test_iterate (100);
  dd_test_screenshot ("pg-window-conflict");

  while ((dialog = dd_test_find_toplevel (DD_TYPE_CONFLICT_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  if (editor != NULL)
    gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (window));
  dd_test_iterate (50);
  g_assert_finalize_object (window);
  check_file_conflict (file);
  g_clear_object (&other);
  g_clear_object (&store);
  g_clear_object (&pg);
  g_clear_object (&file);
  dd_test_remove_store_file (path);
}

/* The transactions open on the server's database, the test's own aside:
 * a store's snapshot between its reads is one ("idle in transaction"). */
static int
open_transactions (PGconn *conn)
{
  g_autofree char *n = dd_test_pg_dup_value (conn, "SELECT count(*) FROM pg_stat_activity WHERE datname = "
                                                   "current_database () AND pid <> pg_backend_pid () AND "
                                                   "state LIKE 'idle in transaction%'");

  return atoi (n);
}

/* The same among the connections made since @since (a server timestamp):
 * a command's, not the window's, whose later reads may be under way. */
static int
open_transactions_since (PGconn     *conn,
                         const char *since)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database () "
                                          "AND pid <> pg_backend_pid () AND backend_start >= '%s' AND "
                                          "state LIKE 'idle in transaction%%'", since);
  g_autofree char *n = dd_test_pg_dup_value (conn, sql);

  return atoi (n);
}

typedef struct
{
  PGconn *conn;
  const char *since;
} Since;

static gboolean
none_open_since (gpointer data)
{
  Since *since = data;

  return open_transactions_since (since->conn, since->since) == 0;
}

static gboolean
no_open_transaction (gpointer data)
{
  DdTestPgFixture *fixture = data;

  dd_test_iterate (50);
  return open_transactions (fixture->conn) == 0;
}

/* A window's store holds no transaction open on the server while it is
 * idle (it would hold back VACUUM): its snapshot ends a moment after its
 * last read, and its next read begins a new one, which sees the server as
 * it is now. A command's store keeps its one snapshot. */
static void
test_idle_snapshot (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DdStore) file = dd_test_create_store (&path);
  g_autoptr(DdPg) pg = dd_pg_connect (fixture->uri, &error);
  g_autoptr(DdPg) command_pg = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdStore) command = NULL;
  g_autoptr(DdTask) task = NULL;
  g_autofree char *since = NULL;
  DdWindow *window;
  NItems n;

  g_assert_no_error (error);
  g_assert_true (dd_pg_init_schema (pg, NULL, &error));
  g_assert_true (dd_pg_migrate_from_store (pg, file, NULL, &error));
  g_assert_no_error (error);
  store = dd_pg_write_store (pg, &error);
  g_assert_no_error (error);
  /* Its snapshot, open since its opening. */
  g_assert_cmpint (open_transactions (fixture->conn), ==, 1);

  window = present_window (fixture, store, &n);
  /* The pages have read; idle, the window holds no transaction. */
  dd_test_wait_for (no_open_transaction, fixture);

  /* A read begins a new snapshot, the server's as it is now… */
  dd_test_pg_exec (fixture->conn, "UPDATE tasks SET title = 'Đổi khi cửa sổ nghỉ' WHERE id = 3");
  task = dd_store_get_task (store, 3, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_task_get_title (task), ==, "Đổi khi cửa sổ nghỉ");
  g_assert_cmpint (open_transactions (fixture->conn), ==, 1);
  /* …which ends in turn (after the window's refresh for that change). */
  dd_test_wait_for (no_open_transaction, fixture);

  /* A command's store keeps its snapshot for the whole command. (The
   * window's scorecards may still be reading on its workers meanwhile:
   * only the command's connection is counted.) */
  since = dd_test_pg_dup_value (fixture->conn, "SELECT clock_timestamp ()");
  command_pg = dd_pg_connect (fixture->uri, &error);
  g_assert_no_error (error);
  command = dd_pg_read_store (command_pg, &error);
  g_assert_no_error (error);
  g_clear_object (&task);
  task = dd_store_get_task (command, 3, NULL, &error);
  g_assert_no_error (error);
  dd_test_iterate (4500);
  g_assert_cmpint (open_transactions_since (fixture->conn, since), ==, 1);
  g_clear_object (&command);
  g_clear_object (&command_pg);
  /* Closed, its backend ends (the server takes a moment to see it go). */
  dd_test_wait_for (none_open_since, &(Since) { fixture->conn, since });
  /* And the window's, idle again, ends its own. */
  dd_test_wait_for (no_open_transaction, fixture);

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

  /* In Vietnamese when the machine has it (else in English). */
  g_setenv ("LANGUAGE", "vi", TRUE);
  g_setenv ("LC_ALL", "vi_VN.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (setlocale (LC_ALL, "") == NULL)
    g_unsetenv ("LC_ALL");
  dd_test_init_i18n ();
  if (!dd_test_init_gtk ())
    return 77;

  cluster = dd_test_pg_cluster_start ();
  g_test_add ("/pg/window/read-in-place", DdTestPgFixture, cluster, dd_test_pg_fixture_setup,
              test_window_on_server, dd_test_pg_fixture_teardown);
  g_test_add ("/pg/window/write-in-place", DdTestPgFixture, cluster, dd_test_pg_fixture_setup,
              test_window_writes, dd_test_pg_fixture_teardown);
  g_test_add ("/pg/window/idle-snapshot", DdTestPgFixture, cluster, dd_test_pg_fixture_setup,
              test_idle_snapshot, dd_test_pg_fixture_teardown);
  g_test_add ("/pg/window/export", DdTestPgFixture, cluster, dd_test_pg_fixture_setup,
              test_window_export, dd_test_pg_fixture_teardown);
  g_test_add ("/pg/window/calendar", DdTestPgFixture, cluster, dd_test_pg_fixture_setup,
              test_window_calendar, dd_test_pg_fixture_teardown);
  status = g_test_run ();
  dd_test_pg_cluster_stop (cluster);
  return status;
}
