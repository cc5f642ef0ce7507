/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "dd-dashboard-page.h"
#include "dd-task-editor.h"
#include "dd-tasks-page.h"
#include "dd-units-page.h"
#include "dd-export-dialog.h"
#include "dd-import-preview-dialog.h"
#include "dd-window.h"
#include "dd-window-private.h"
#include "dd-test-gtk.h"

/*
 * The main window over a temporary database with plan 662/KH-VPUB: the
 * list, its filters and sort order, and saving a task through the editor.
 */

typedef struct
{
  char *path;
  DdStore *store;
  DdWindow *window;
  GtkColumnView *column_view;
  GListModel *model;
} Fixture;

static GtkWidget *
child (Fixture    *f,
       const char *name)
{
  return dd_test_template_child (f->window, DD_TYPE_WINDOW, name);
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
first_row_shown (gpointer data)
{
  Fixture *f = data;
  g_autoptr(DdTask) first = NULL;

  if (!gtk_widget_get_mapped (GTK_WIDGET (f->column_view))
      || g_list_model_get_n_items (f->model) == 0)
    return FALSE;

  first = g_list_model_get_item (f->model, 0);
  return dd_test_find_label (GTK_WIDGET (f->column_view), dd_task_get_title (first)) != NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkSelectionModel *selection;

  f->store = dd_test_create_store (&f->path);
  f->window = g_object_ref (dd_window_new (NULL, f->store));
  gtk_window_present (GTK_WINDOW (f->window));

  f->column_view = GTK_COLUMN_VIEW (tasks_child (f, "column_view"));
  g_assert_true (GTK_IS_COLUMN_VIEW (f->column_view));

  /* The view shows the store's lazy list itself, not a sorted or filtered
   * copy of it. */
  selection = gtk_column_view_get_model (f->column_view);
  g_assert_true (GTK_IS_SINGLE_SELECTION (selection));
  f->model = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection));
  g_assert_true (DD_IS_TASK_LIST (f->model));

  dd_test_wait_for (first_row_shown, f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (f->window));
      dd_test_iterate (50);
      g_assert_finalize_object (f->window);
    }
  if (f->store != NULL)
    g_assert_finalize_object (f->store);

  dd_test_remove_store_file (f->path);
  g_free (f->path);
}

/* All tasks of the store, in appendix order, as of today. */
static GListModel *
all_tasks (DdStore *store)
{
  g_autoptr(GError) error = NULL;
  DdTaskQuery query;
  DdTaskList *list;

  dd_task_query_init (&query);
  list = dd_store_query_tasks (store, &query, &error);
  g_assert_no_error (error);

  return G_LIST_MODEL (list);
}

typedef struct
{
  GListModel *model;
  guint n_items;
} NItems;

static gboolean
has_n_items (gpointer data)
{
  NItems *n = data;

  return g_list_model_get_n_items (n->model) == n->n_items;
}

static void
wait_for_n_items (Fixture *f,
                  guint    n_items)
{
  NItems n = { f->model, n_items };

  dd_test_wait_for (has_n_items, &n);
}

static gboolean
list_read (gpointer data)
{
  return !dd_tasks_page_is_loading (DD_TASKS_PAGE (data));
}

/* A sort or filter the user sets is read on a worker: until the list
 * shows it. */
static void
wait_for_list (Fixture *f)
{
  dd_test_wait_for (list_read, dd_window_get_page (f->window, "tasks"));
}

static char *
fold_task (DdTask *task)
{
  g_autofree char *coordinators = dd_task_dup_coordinators_text (task);
  g_autofree char *all = NULL;

  all = g_strjoin (" ",
                   dd_task_get_number (task) ? dd_task_get_number (task) : "",
                   dd_task_get_title (task) ? dd_task_get_title (task) : "",
                   dd_task_get_lead (task) ? dd_task_get_lead (task) : "",
                   coordinators ? coordinators : "",
                   dd_task_get_deadline_text (task) ? dd_task_get_deadline_text (task) : "",
                   dd_task_get_product (task) ? dd_task_get_product (task) : "",
                   dd_task_get_directing (task) ? dd_task_get_directing (task) : "",
                   NULL);
  return dd_text_fold_for_search (all);
}

static void
test_window_list (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GListModel) all = all_tasks (f->store);
  g_autoptr(DdTask) first = NULL;
  GtkLabel *count_label = GTK_LABEL (tasks_child (f, "count_label"));
  GtkStack *stack = GTK_STACK (child (f, "stack"));

  g_assert_cmpuint (g_list_model_get_n_items (f->model), ==, 8);
  g_assert_cmpuint (g_list_model_get_n_items (f->model), ==, g_list_model_get_n_items (all));

  first = g_list_model_get_item (f->model, 0);
  g_assert_cmpstr (dd_task_get_number (first), ==, "1.");
  g_assert_nonnull (strstr (gtk_label_get_text (count_label), "8"));

  /* The pages beside the task list. */
  g_assert_nonnull (gtk_stack_get_child_by_name (stack, "tasks"));
  g_assert_nonnull (gtk_stack_get_child_by_name (stack, "dashboard"));
  g_assert_nonnull (gtk_stack_get_child_by_name (stack, "units"));
  /* One overview: the charts and the plans' counts on one page. */
  g_assert_null (gtk_stack_get_child_by_name (stack, "overview"));
  g_assert_cmpstr (gtk_stack_page_get_title (gtk_stack_get_page (stack, gtk_stack_get_child_by_name (stack, "dashboard"))),
                   ==, "Overview");
  /* The pages not shown yet are not built (the window opens faster). */
  g_assert_null (gtk_widget_get_first_child (gtk_stack_get_child_by_name (stack, "units")));
  g_assert_null (gtk_widget_get_first_child (gtk_stack_get_child_by_name (stack, "dashboard")));

  /* The title names the office (the plan's issuer), the subtitle the plan
   * and the file (#18: not "test.sqlite — Đôn Đốc"). */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==,
                   "Văn phòng Ủy ban nhân dân tỉnh Nghệ An — Đôn Đốc");
  g_assert_nonnull (strstr (gtk_label_get_text (dd_test_template_child (f->window, DD_TYPE_WINDOW, "subtitle_label")),
                            "test.sqlite"));
}

static void
test_window_search (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GListModel) all = all_tasks (f->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTaskList) found = NULL;
  GtkEditable *search = GTK_EDITABLE (tasks_child (f, "search_entry"));
  guint expected = 0;
  guint with_title = 0;
  DdTaskQuery query;

  /* What the search must find, computed from the tasks themselves. */
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(DdTask) task = g_list_model_get_item (all, i);
      g_autofree char *folded = fold_task (task);

      if (strstr (folded, "hanh chinh") != NULL)
        expected++;
      if (strstr (dd_task_get_title (task), "hành chính") != NULL
          || strstr (dd_task_get_title (task), "Hành chính") != NULL)
        with_title++;
    }
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, 8);
  g_assert_cmpuint (expected, >=, with_title);

  /* … and by the store's own query. */
  dd_task_query_init (&query);
  query.text = "hanh chinh";
  found = dd_store_query_tasks (f->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (found)), ==, expected);

  gtk_editable_set_text (search, "hanh chinh");
  wait_for_n_items (f, expected);

  for (guint i = 0; i < g_list_model_get_n_items (f->model); i++)
    {
      g_autoptr(DdTask) task = g_list_model_get_item (f->model, i);
      g_autofree char *folded = fold_task (task);

      g_assert_nonnull (strstr (folded, "hanh chinh"));
    }

  gtk_editable_set_text (search, "");
  wait_for_n_items (f, 8);
}

static void
test_window_status_filter (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GListModel) all = all_tasks (f->store);
  GtkDropDown *status_dropdown = GTK_DROP_DOWN (tasks_child (f, "status_dropdown"));
  guint counts[DD_N_STATUSES] = { 0, };
  DdTaskStatus status = DD_STATUS_NO_DEADLINE;
  guint best = 0;

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(DdTask) task = g_list_model_get_item (all, i);

      counts[dd_task_get_status (task)]++;
    }

  /* The commonest status that does not hold every task. */
  for (guint i = 0; i < DD_N_STATUSES; i++)
    if (counts[i] > best && counts[i] < 8)
      {
        best = counts[i];
        status = i;
      }
  g_assert_cmpuint (best, >, 0);

  /* Entry 0 is "all statuses". */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (status_dropdown)), ==,
                    DD_N_STATUSES + 1);
  gtk_drop_down_set_selected (status_dropdown, status + 1);
  wait_for_n_items (f, best);

  for (guint i = 0; i < g_list_model_get_n_items (f->model); i++)
    {
      g_autoptr(DdTask) task = g_list_model_get_item (f->model, i);

      g_assert_cmpint (dd_task_get_status (task), ==, status);
    }

  gtk_drop_down_set_selected (status_dropdown, 0);
  wait_for_n_items (f, 8);
}

static void
test_window_unit_filter (Fixture       *f,
                         gconstpointer  data)
{
  GtkDropDown *unit_dropdown = GTK_DROP_DOWN (tasks_child (f, "unit_dropdown"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) units = dd_store_list_units (f->store, 0, &error);
  g_autoptr(DdUnit) unit = NULL;
  guint expected;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (units), >, 0);
  /* "All units", then the store's units in its order. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (unit_dropdown)), ==,
                    g_list_model_get_n_items (units) + 1);

  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) candidate = g_list_model_get_item (units, i);

      if (dd_unit_get_n_led (candidate) + dd_unit_get_n_coordinated (candidate) > 0
          && dd_unit_get_n_led (candidate) + dd_unit_get_n_coordinated (candidate) < 8)
        {
          gtk_drop_down_set_selected (unit_dropdown, i + 1);
          unit = g_steal_pointer (&candidate);
          break;
        }
    }
  g_assert_nonnull (unit);

  {
    g_autoptr(DdTaskList) list = NULL;
    DdTaskQuery query;

    dd_task_query_init (&query);
    query.unit_id = dd_unit_get_id (unit);
    list = dd_store_query_tasks (f->store, &query, &error);
    g_assert_no_error (error);
    expected = g_list_model_get_n_items (G_LIST_MODEL (list));
  }
  g_assert_cmpuint (expected, >, 0);
  wait_for_n_items (f, expected);

  gtk_drop_down_set_selected (unit_dropdown, 0);
  wait_for_n_items (f, 8);
}

static void
test_window_sort (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GListModel) all = all_tasks (f->store);
  g_autoptr(DdTask) first = NULL;
  g_autoptr(DdTask) last = NULL;
  GtkColumnViewColumn *title_column;
  GtkColumnViewColumn *number_column;
  const DdTaskQuery *query;
  g_autofree char *greatest = NULL;
  g_autofree char *least = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(DdTask) task = g_list_model_get_item (all, i);
      const char *title = dd_task_get_title (task);

      if (greatest == NULL || dd_text_collate (title, greatest) > 0)
        {
          g_free (greatest);
          greatest = g_strdup (title);
        }
      if (least == NULL || dd_text_collate (title, least) < 0)
        {
          g_free (least);
          least = g_strdup (title);
        }
    }

  title_column = GTK_COLUMN_VIEW_COLUMN (tasks_child (f, "title_column"));
  number_column = GTK_COLUMN_VIEW_COLUMN (tasks_child (f, "number_column"));

  gtk_column_view_sort_by_column (f->column_view, title_column, GTK_SORT_DESCENDING);
  wait_for_list (f);
  query = dd_task_list_get_query (DD_TASK_LIST (f->model));
  g_assert_cmpint (query->sort, ==, DD_TASK_SORT_TITLE);
  g_assert_true (query->descending);

  first = g_list_model_get_item (f->model, 0);
  last = g_list_model_get_item (f->model, g_list_model_get_n_items (f->model) - 1);
  g_assert_cmpstr (dd_task_get_title (first), ==, greatest);
  g_assert_cmpstr (dd_task_get_title (last), ==, least);
  g_clear_object (&first);

  gtk_column_view_sort_by_column (f->column_view, title_column, GTK_SORT_ASCENDING);
  wait_for_list (f);
  query = dd_task_list_get_query (DD_TASK_LIST (f->model));
  g_assert_cmpint (query->sort, ==, DD_TASK_SORT_TITLE);
  g_assert_false (query->descending);
  first = g_list_model_get_item (f->model, 0);
  g_assert_cmpstr (dd_task_get_title (first), ==, least);
  g_clear_object (&first);

  /* Back to the appendix order. */
  gtk_column_view_sort_by_column (f->column_view, number_column, GTK_SORT_ASCENDING);
  wait_for_list (f);
  query = dd_task_list_get_query (DD_TASK_LIST (f->model));
  g_assert_cmpint (query->sort, ==, DD_TASK_SORT_NUMBER);
  first = g_list_model_get_item (f->model, 0);
  g_assert_cmpstr (dd_task_get_number (first), ==, "1.");
}

static gboolean
editor_shown (gpointer data)
{
  return dd_test_find_toplevel (DD_TYPE_TASK_EDITOR) != NULL;
}

static void
test_window_edit (Fixture       *f,
                  gconstpointer  data)
{
  const char *product = "Báo cáo số 15/BC-VPUB ngày 05/5/2026";
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (f->column_view));
  g_autoptr(DdStore) reopened = NULL;
  g_autoptr(DdTask) task = NULL;
  g_autoptr(DdTask) saved = NULL;
  g_autoptr(GError) error = NULL;
  DdTaskEditor *editor;
  GObject *spin;
  GObject *entry;
  gint64 task_id;

  /* Nothing selected: nothing to edit. */
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, GTK_INVALID_LIST_POSITION);

  gtk_single_selection_set_selected (selection, 2);
  task = g_object_ref (gtk_single_selection_get_selected_item (selection));
  task_id = dd_task_get_id (task);
  g_assert_cmpuint (dd_task_get_progress (task), !=, 60);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.edit-task", NULL);
  dd_test_wait_for (editor_shown, NULL);
  editor = DD_TASK_EDITOR (dd_test_find_toplevel (DD_TYPE_TASK_EDITOR));
  g_assert_cmpint (dd_task_get_id (dd_task_editor_get_task (editor)), ==, task_id);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);

  spin = gtk_widget_get_template_child (GTK_WIDGET (editor), DD_TYPE_TASK_EDITOR, "progress_spin");
  entry = gtk_widget_get_template_child (GTK_WIDGET (editor), DD_TYPE_TASK_EDITOR, "actual_product_entry");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==,
                   (int) dd_task_get_progress (task));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 60);
  gtk_editable_set_text (GTK_EDITABLE (entry), product);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);

  /* Saved and closed; the list shows the new progress, same selection. */
  dd_test_wait_for (dd_test_pointer_cleared, &editor);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 2);
  {
    g_autoptr(DdTask) shown = g_list_model_get_item (f->model, 2);

    g_assert_cmpint (dd_task_get_id (shown), ==, task_id);
    g_assert_cmpuint (dd_task_get_progress (shown), ==, 60);
  }

  /* Close everything, then read the file with a new store. */
  gtk_window_destroy (GTK_WINDOW (f->window));
  dd_test_iterate (50);
  g_assert_finalize_object (g_steal_pointer (&f->window));
  g_assert_finalize_object (g_steal_pointer (&f->store));

  reopened = dd_store_open (f->path, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  saved = dd_store_get_task (reopened, task_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_task_get_progress (saved), ==, 60);
  g_assert_cmpstr (dd_task_get_actual_product (saved), ==, product);
  g_assert_cmpstr (dd_task_get_title (saved), ==, dd_task_get_title (task));
}

static gboolean
units_counted (gpointer data)
{
  return !dd_units_page_is_loading (data);
}

static void
test_window_units_page (Fixture       *f,
                        gconstpointer  data)
{
  GtkStack *stack = GTK_STACK (child (f, "stack"));
  GtkDropDown *unit_dropdown = GTK_DROP_DOWN (tasks_child (f, "unit_dropdown"));
  GtkWidget *page = dd_window_get_page (DD_WINDOW (f->window), "units");
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdUnit) unit = NULL;
  GtkColumnView *view;
  GListModel *model;
  guint position = 0;

  gtk_stack_set_visible_child_name (stack, "units");
  dd_test_iterate (100);
  /* The cards are counted on a worker thread. */
  dd_test_wait_for (units_counted, page);

  view = GTK_COLUMN_VIEW (gtk_widget_get_template_child (page, G_OBJECT_TYPE (page), "column_view"));
  model = G_LIST_MODEL (gtk_column_view_get_model (view));
  units = dd_store_list_units (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, g_list_model_get_n_items (units));
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);

  /* Activating a unit shows its tasks. */
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) candidate = g_list_model_get_item (units, i);

      if (dd_unit_get_n_led (candidate) > 0)
        {
          unit = g_steal_pointer (&candidate);
          position = i;
          break;
        }
    }
  g_assert_nonnull (unit);

  g_signal_emit_by_name (view, "activate", position);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "tasks");
  g_assert_cmpuint (gtk_drop_down_get_selected (unit_dropdown), ==, position + 1);
  g_assert_cmpuint (g_list_model_get_n_items (f->model), >=, dd_unit_get_n_led (unit));

  /* The overview shows the plan's header, under the charts. */
  dd_window_get_page (DD_WINDOW (f->window), "dashboard");
  gtk_stack_set_visible_child_name (stack, "dashboard");
  dd_test_iterate (100);
  {
    g_autoptr(GListModel) plans = dd_store_list_plans (f->store, &error);
    g_autoptr(DdPlan) plan = NULL;
    g_autofree char *name = NULL;
    GtkWidget *overview = dd_window_get_page (DD_WINDOW (f->window), "dashboard");

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);
    plan = g_list_model_get_item (plans, 0);
    g_assert_cmpstr (dd_plan_get_number (plan), ==, "662/KH-VPUB");
    name = dd_plan_dup_display_name (plan);
    g_assert_nonnull (strstr (name, "662/KH-VPUB"));
    g_assert_nonnull (dd_test_find_label (overview, name));
    g_assert_nonnull (dd_test_find_label (overview, dd_plan_get_title (plan)));
  }
}

static gboolean
message_dialog_shown (gpointer data)
{
  return dd_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG) != NULL;
}

/* Takes the message dialog the window showed: its text and secondary text. */
static void
take_message_dialog (char **text,
                     char **secondary)
{
  GtkWindow *dialog;

  dd_test_wait_for (message_dialog_shown, NULL);
  dialog = dd_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG);
  g_object_get (dialog, "text", text, "secondary-text", secondary, NULL);
  gtk_window_destroy (dialog);
  dd_test_iterate (50);
}

static gboolean
import_preview_shown (gpointer data)
{
  return dd_test_find_toplevel (DD_TYPE_IMPORT_PREVIEW_DIALOG) != NULL;
}

/* The window previews a file before importing it: confirm it. */
static void
confirm_import_preview (void)
{
  GtkWindow *dialog;

  dd_test_wait_for (import_preview_shown, NULL);
  dialog = dd_test_find_toplevel (DD_TYPE_IMPORT_PREVIEW_DIALOG);
  g_signal_emit_by_name (dd_test_template_child (dialog, DD_TYPE_IMPORT_PREVIEW_DIALOG, "import_button"),
                         "clicked");
}

static void
test_window_import (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "data", "plan-official.txt", NULL);
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "bad-date.csv", NULL);
  g_autoptr(DdImportedPlan) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *secondary = NULL;
  guint n_new;

  expected = dd_importer_parse_file (good, DD_IMPORT_FORMAT_AUTO, &error);
  g_assert_no_error (error);
  n_new = expected->tasks->len;
  g_assert_cmpuint (n_new, >, 0);

  /* A good file: a summary, and its tasks in the list. */
  _dd_window_import_path (f->window, good);
  confirm_import_preview ();
  take_message_dialog (&text, &secondary);
  g_assert_nonnull (strstr (text, expected->number));
  g_assert_nonnull (strstr (secondary, "added"));
  wait_for_n_items (f, 8 + n_new);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&secondary, g_free);

  /* A bad one: the error names the line, and nothing changes. */
  _dd_window_import_path (f->window, bad);
  take_message_dialog (&text, &secondary);
  g_assert_nonnull (strstr (text, "could not be imported"));
  g_assert_nonnull (strstr (secondary, "Line "));
  dd_test_iterate (200);
  g_assert_cmpuint (g_list_model_get_n_items (f->model), ==, 8 + n_new);
  {
    g_autoptr(GListModel) plans = dd_store_list_plans (f->store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 2);
  }
}

/* A Word document and a hostile one, through the window's import. */
static void
test_window_import_office (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "data", "office", "features.docx", NULL);
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "office", "hostile-bomb.docx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) plans = NULL;
  g_autofree char *text = NULL;
  g_autofree char *secondary = NULL;

  _dd_window_import_path (f->window, good);
  confirm_import_preview ();
  dd_test_wait_for (message_dialog_shown, NULL);
  dd_test_screenshot ("import-docx-summary");
  take_message_dialog (&text, &secondary);
  g_assert_nonnull (strstr (text, "features"));
  g_assert_nonnull (strstr (secondary, "2 tasks added"));
  wait_for_n_items (f, 8 + 2);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&secondary, g_free);

  _dd_window_import_path (f->window, bad);
  dd_test_wait_for (message_dialog_shown, NULL);
  dd_test_screenshot ("import-docx-bomb");
  take_message_dialog (&text, &secondary);
  g_assert_nonnull (strstr (text, "could not be imported"));
  g_assert_nonnull (strstr (secondary, "ZIP bomb"));
  dd_test_iterate (200);
  g_assert_cmpuint (g_list_model_get_n_items (f->model), ==, 8 + 2);
  plans = dd_store_list_plans (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 2);
}

typedef struct
{
  GListModel *model;
  gint64 task_id;
} ProgressDone;

static gboolean
task_shows_done (gpointer data)
{
  ProgressDone *p = data;

  for (guint i = 0; i < g_list_model_get_n_items (p->model); i++)
    {
      g_autoptr(DdTask) task = g_list_model_get_item (p->model, i);

      if (dd_task_get_id (task) == p->task_id)
        return dd_task_get_progress (task) == 100;
    }
  return FALSE;
}

/* Another desktop (a second connection to the same file) records progress:
 * the open window shows it without anyone pressing anything. */
static void
test_window_live_refresh (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) other = dd_test_open_other (f->path, NULL);
  g_autoptr(DdTask) task = NULL;
  ProgressDone p = { f->model, 0 };
  gint64 start;
  GDate done;

  task = g_list_model_get_item (f->model, 2);
  p.task_id = dd_task_get_id (task);
  g_assert_cmpuint (dd_task_get_progress (task), <, 100);

  g_date_clear (&done, 1);
  dd_date_set_today (&done);
  g_assert_true (dd_store_record_progress (other, p.task_id, 100, &done, "Báo cáo", NULL, &error));
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  dd_test_wait_for (task_shows_done, &p);
  g_test_message ("the change showed after %.1f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (g_list_model_get_n_items (f->model), ==, 8);
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

/* The button under @widget that fires @action_name, or NULL. */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action_name)
{
  if (GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Export… (Ctrl+E): the workbook and the handout are written in a worker
 * thread, and a toast says where they are. */
static void
test_window_export (Fixture       *f,
                    gconstpointer  data)
{
  const DdExportFormat formats[] = { DD_EXPORT_FORMAT_XLSX, DD_EXPORT_FORMAT_PDF };
  const char *names[] = { "bao-cao.xlsx", "bao-cao.pdf" };
  const char *magic[] = { "PK", "%PDF" };
  g_autofree char *dir = g_path_get_dirname (f->path);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *out = g_build_filename (dir, names[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;
      GtkWindow *dialog;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
      dd_test_wait_for (export_dialog_shown, NULL);
      dialog = dd_test_find_toplevel (DD_TYPE_EXPORT_DIALOG);
      if (i == 0)
        {
          /* The whole plan, in Vietnamese, unless chosen otherwise. */
          GtkDropDown *language = dd_test_template_child (dialog, DD_TYPE_EXPORT_DIALOG, "language_dropdown");
          GtkCheckButton *filter = dd_test_template_child (dialog, DD_TYPE_EXPORT_DIALOG, "filter_check");

          g_assert_cmpuint (gtk_drop_down_get_selected (language), ==, 0);
          g_assert_false (gtk_check_button_get_active (filter));
          /* The filter's choice names it and its count. */
          g_test_message ("filter choice: %s", gtk_check_button_get_label (filter));
          g_assert_true (g_str_has_prefix (gtk_check_button_get_label (filter), "Only the tasks of the list’s filter: "));
          g_assert_true (g_regex_match_simple (", [0-9]+ tasks?$", gtk_check_button_get_label (filter), 0, 0));
          dd_test_run_for (400);
          dd_test_screenshot ("export-dialog");
        }
      dd_export_dialog_export_to (DD_EXPORT_DIALOG (dialog), formats[i], out);

      /* Not a modal message: a toast names the file, with a button that
       * opens it. */
      {
        ToastWait wait = { DD_WINDOW (f->window), names[i] };

        dd_test_wait_for (export_toast_shown, &wait);
      }
      g_assert_null (dd_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG));
      {
        GtkWidget *open = find_action_button (GTK_WIDGET (f->window), "win.open-file");
        GVariant *target;

        g_assert_nonnull (open);
        g_assert_true (gtk_widget_get_visible (open));
        target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (open));
        g_assert_cmpstr (g_variant_get_string (target, NULL), ==, out);
      }
      g_assert_null (dd_test_find_toplevel (DD_TYPE_EXPORT_DIALOG));
      g_assert_true (g_file_get_contents (out, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 1000);
      g_assert_true (g_str_has_prefix (contents, magic[i]));
      if (formats[i] == DD_EXPORT_FORMAT_XLSX)
        {
          /* The window speaks English here; the document is Vietnamese
           * unless the dialog is told otherwise. */
          const char *script =
            "import re, sys, zipfile\n"
            "xml = zipfile.ZipFile(sys.argv[1]).read('xl/workbook.xml').decode('utf-8')\n"
            "print(re.findall(r'<sheet name=\"([^\"]*)\"', xml)[0])\n";
          const char *argv[] = { "/usr/bin/python3", "-c", script, out, NULL };
          g_autofree char *first = NULL;
          int status = 0;

          g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &first, NULL,
                                       &status, NULL));
          g_assert_cmpstr (first, ==, "Tổng hợp\n");
        }
      g_unlink (out);
    }
}

/* Printing goes through GtkPrintOperation with the handout's drawing code:
 * exported to a PDF here, as a printer would receive it. */
static void
test_window_print (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autofree char *out = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "pdftotext", "-layout", out, "-", NULL };
  g_autofree char *pct = NULL;
  g_autofree char *expected = NULL;
  DdStatsQuery query;
  DdStatsHeadline headline;
  int status = 0;

  g_assert_true (_dd_window_print (f->window, out, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &text, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  /* The handout of the whole file as of today: the national heading and the
   * seed's completion rate as the core counts it today (task 1 done on time;
   * the ongoing and periodic tasks forgotten, dated ones overdue by then). */
  dd_stats_query_init (&query);
  {
    g_autoptr(DdStats) stats = dd_stats_new (f->store);

    g_assert_true (dd_stats_get_headline (stats, &query, &headline, &error));
  }
  g_assert_no_error (error);
  g_assert_cmpuint (headline.done, ==, 1);
  g_assert_cmpuint (headline.late_not_done, >=, 4);
  pct = dd_format_percent (100 * headline.completion_rate, 1);
  expected = g_strdup_printf ("Completion rate: %s", pct);
  g_assert_nonnull (strstr (text, "SOCIALIST REPUBLIC OF VIETNAM"));
  /* The decree's form: the kind of document, and the scope under the title. */
  g_assert_nonnull (strstr (text, "REPORT"));
  g_assert_nonnull (strstr (text, "Scope: every task"));
  g_assert_nonnull (strstr (text, expected));
  g_unlink (out);
}

static gboolean
dashboard_loaded_cb (gpointer data)
{
  return !dd_dashboard_page_is_loading (DD_DASHBOARD_PAGE (data));
}

/* The print dialog's scope: the whole plan by default, even with the list
 * filtered; the list's filter when chosen, said under the title. */
static void
test_window_print_scope (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autofree char *out = g_build_filename (dir, "printed-scope.pdf", NULL);
  GtkDropDown *status_dropdown = GTK_DROP_DOWN (tasks_child (f, "status_dropdown"));
  const char *argv[] = { "pdftotext", out, "-", NULL };
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);

  /* The list shows the forgotten tasks only. */
  gtk_drop_down_set_selected (status_dropdown, DD_STATUS_FORGOTTEN + 1);
  dd_test_run_for (300);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *text = NULL;
      g_autofree char *flat = NULL;
      int status = 0;

      g_assert_true (_dd_window_print (f->window, out, i == 1, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text, NULL,
                                   &status, &error));
      g_assert_no_error (error);
      flat = g_regex_replace (spaces, text, -1, 0, " ", 0, NULL);
      g_test_message ("printed: %.400s", flat);
      if (i == 0)
        g_assert_nonnull (strstr (flat, "Scope: every task, 8 tasks"));
      else
        g_assert_true (g_regex_match_simple ("Scope: the forgotten tasks, [0-9]+ tasks?", flat, 0, 0));
      g_unlink (out);
    }
}

/* Export… from the dashboard starts from its plan, date and period. */
static void
test_window_export_from_dashboard (Fixture       *f,
                                   gconstpointer  data)
{
  GtkWidget *page = dd_window_get_page (f->window, "dashboard");
  GtkDropDown *period;
  GtkStringObject *item;
  GtkWindow *dialog;
  GDate from, to;
  g_autofree char *f_text = NULL;

  gtk_stack_set_visible_child_name (f->window->stack, "dashboard");
  dd_test_wait_for (dashboard_loaded_cb, page);
  dd_dashboard_page_get_period (DD_DASHBOARD_PAGE (page), &from, &to);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
  dd_test_wait_for (export_dialog_shown, NULL);
  dialog = dd_test_find_toplevel (DD_TYPE_EXPORT_DIALOG);
  period = dd_test_template_child (dialog, DD_TYPE_EXPORT_DIALOG, "period_dropdown");
  /* Not "the whole plan": the dashboard's period, by its name or its days. */
  g_assert_cmpuint (gtk_drop_down_get_selected (period), !=, 0);
  item = GTK_STRING_OBJECT (gtk_drop_down_get_selected_item (period));
  g_test_message ("period: %s (the dashboard's: %s)", gtk_string_object_get_string (item),
                  (f_text = dd_format_date (&from)));
  dd_test_run_for (300);
  dd_test_screenshot ("export-from-dashboard");
  gtk_window_destroy (dialog);
}

static gboolean
dashboard_loaded (gpointer data)
{
  return !dd_dashboard_page_is_loading (DD_DASHBOARD_PAGE (data));
}

static const char *
dashboard_label (DdDashboardPage *page,
                 const char      *name)
{
  GObject *label = gtk_widget_get_template_child (GTK_WIDGET (page), DD_TYPE_DASHBOARD_PAGE, name);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

/* What the dashboard must show for @store as of today, all plans. */
static void
expected_headline (DdStore         *store,
                   DdStatsHeadline *out_headline,
                   guint           *out_six_clear)
{
  g_autoptr(GError) error = NULL;
  DdStatsQuery query;

  dd_stats_query_init (&query);
  dd_date_set_today (&query.tasks.as_of);
  query.tasks.due_soon_days = dd_store_get_due_soon_days (store, NULL);
  {
    g_autoptr(DdStats) stats = dd_stats_new (store);

    g_assert_true (dd_stats_get_headline (stats, &query, out_headline, &error));
  }
  g_assert_no_error (error);

  query.tasks.six_clear_incomplete = TRUE;
  g_assert_true (dd_store_count_tasks (store, &query.tasks, out_six_clear, &error));
  g_assert_no_error (error);
}

static void
assert_dashboard_shows (DdDashboardPage *page,
                        DdStore         *store)
{
  const DdStatsHeadline *shown = dd_dashboard_page_get_headline (page);
  g_autofree char *tasks = NULL;
  g_autofree char *overdue = NULL;
  g_autofree char *six_clear = NULL;
  DdStatsHeadline expected;
  guint n_six_clear;

  expected_headline (store, &expected, &n_six_clear);
  g_assert_cmpuint (shown->tasks, ==, expected.tasks);
  for (guint i = 0; i < DD_N_STATUSES; i++)
    g_assert_cmpuint (shown->counts[i], ==, expected.counts[i]);
  g_assert_cmpuint (dd_dashboard_page_get_n_six_clear (page), ==, n_six_clear);

  tasks = dd_format_number (expected.tasks, 0);
  overdue = dd_format_number (expected.counts[DD_STATUS_OVERDUE], 0);
  six_clear = dd_format_number (n_six_clear, 0);
  g_assert_cmpstr (dashboard_label (page, "tasks_value"), ==, tasks);
  g_assert_cmpstr (dashboard_label (page, "overdue_value"), ==, overdue);
  g_assert_cmpstr (dashboard_label (page, "six_clear_value"), ==, six_clear);
  for (guint i = 0; i < DD_N_CHART_KINDS; i++)
    g_assert_false (dd_chart_view_get_loading (dd_dashboard_page_get_chart_view (page, i)));
}

/* The window opens on the dashboard without waiting for its figures: they
 * are read on a worker thread, "…" until they arrive; and those shown in
 * the end are the file's as it is then, not as it was when they were
 * first asked for. */
static void
test_window_dashboard_figures (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  DdStore *store = dd_test_create_store (&path);
  DdDashboardPage *page;
  DdWindow *window;
  guint tasks_before;

  /* As the application opens a file. */
  window = g_object_ref (dd_window_new (NULL, NULL));
  dd_window_open (window, store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "dashboard");
  page = DD_DASHBOARD_PAGE (dd_window_get_page (window, "dashboard"));

  /* Asked for, not arrived (they come back through the main loop): no
   * zeros, no empty charts. */
  g_assert_true (dd_dashboard_page_is_loading (page));
  g_assert_cmpstr (dashboard_label (page, "tasks_value"), ==, "…");
  g_assert_cmpstr (dashboard_label (page, "overdue_value"), ==, "…");
  g_assert_cmpstr (dashboard_label (page, "six_clear_value"), ==, "…");
  g_assert_true (dd_chart_view_get_loading (dd_dashboard_page_get_chart_view (page, DD_CHART_STATUS)));

  dd_test_wait_for (dashboard_loaded, page);
  assert_dashboard_shows (page, store);
  tasks_before = dd_dashboard_page_get_headline (page)->tasks;
  g_assert_cmpuint (tasks_before, >, 1);

  /* The file changes while the figures are read: "changed" asks for them
   * again, and only those arrive. */
  dd_dashboard_page_reload (page);
  g_assert_true (dd_dashboard_page_is_loading (page));
  g_assert_true (dd_store_delete_task (store, 1, &error));
  g_assert_no_error (error);
  dd_test_wait_for (dashboard_loaded, page);
  assert_dashboard_shows (page, store);
  g_assert_cmpuint (dd_dashboard_page_get_headline (page)->tasks, ==, tasks_before - 1);

  /* Another filter while they are read: the figures of the last one. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                            DD_TYPE_DASHBOARD_PAGE,
                                                                            "period_dropdown")),
                              DD_DASHBOARD_PERIOD_YEAR);
  dd_dashboard_page_reload (page);
  dd_test_wait_for (dashboard_loaded, page);
  assert_dashboard_shows (page, store);

  gtk_window_destroy (GTK_WINDOW (window));
  dd_test_iterate (50);
  g_assert_finalize_object (window);
  g_assert_finalize_object (store);
  dd_test_remove_store_file (path);
}

/* The daily backup of opening failed (its folder cannot be made): a bar
 * says so and why, and the user may close it; the file stays writable. */
static void
test_window_backup_warning (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DdStore) store = dd_test_create_store (&path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *blocker = g_build_filename (dir, "not-a-folder", NULL);
  g_autofree char *folder = g_build_filename (blocker, "backups", NULL);
  Fixture f = { 0 };
  GtkInfoBar *bar;
  const char *text;

  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  dd_store_set_setting (store, "backup_dir", folder, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  f.path = g_steal_pointer (&path);
  f.store = dd_store_open (f.path, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  f.window = g_object_ref (dd_window_new (NULL, f.store));
  gtk_window_present (GTK_WINDOW (f.window));
  dd_test_iterate (100);

  bar = GTK_INFO_BAR (child (&f, "backup_bar"));
  g_assert_true (gtk_info_bar_get_revealed (bar));
  text = gtk_label_get_text (GTK_LABEL (child (&f, "backup_label")));
  g_assert_nonnull (strstr (text, "not-a-folder"));
  g_assert_nonnull (strstr (text, _("Preferences")));
  g_assert_false (gtk_info_bar_get_revealed (GTK_INFO_BAR (child (&f, "read_only_bar"))));
  dd_test_screenshot ("window-backup-warning");

  gtk_info_bar_response (bar, GTK_RESPONSE_CLOSE);
  g_assert_false (gtk_info_bar_get_revealed (bar));

  fixture_tear_down (&f, NULL);
}

static gboolean
backup_bar_revealed (gpointer data)
{
  return gtk_info_bar_get_revealed (GTK_INFO_BAR (child (data, "backup_bar")));
}

/* The last good backup is older than the office accepts (7 days unless
 * set): opened read-only (no daily backup is made then), the bar says so
 * and gives its date; with the setting raised it says nothing. */
static void
test_window_backup_overdue (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DdStore) store = dd_test_create_store (&path);
  g_autoptr(DdBackups) backups = dd_backups_new (store);
  g_autofree char *backup = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *old = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *shown = NULL;
  Fixture f = { 0 };
  const char *text;

  backup = dd_backups_make (backups, NULL, &error);
  g_assert_no_error (error);
  folder = g_path_get_dirname (backup);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *stem = g_path_get_basename (path);

    *strrchr (stem, '.') = '\0';
    when = g_date_time_add_days (now, -10);
    stamp = g_date_time_format (when, "%Y%m%d-%H%M%S");
    old = g_strdup_printf ("%s/%s-%s.sqlite", folder, stem, stamp);
  }
  g_assert_cmpint (g_rename (backup, old), ==, 0);
  /* Only that one: not the daily backup made when the file was opened. */
  {
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *file = g_build_filename (folder, name, NULL);

        if (!g_str_equal (file, old))
          g_assert_cmpint (g_unlink (file), ==, 0);
      }
  }
  g_clear_object (&backups);
  g_clear_object (&store);

  f.path = g_steal_pointer (&path);
  f.store = dd_store_open (f.path, DD_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  {
    g_autoptr(DdBackups) check = dd_backups_new (f.store);
    g_autoptr(GDateTime) last = dd_backups_dup_last_good (check, &error);

    g_assert_no_error (error);
    g_assert_nonnull (last);
  }
  f.window = g_object_ref (dd_window_new (NULL, f.store));
  gtk_window_present (GTK_WINDOW (f.window));
  /* The backups folder is read after the first frame. */
  dd_test_wait_for (backup_bar_revealed, &f);

  text = gtk_label_get_text (GTK_LABEL (child (&f, "backup_label")));
  shown = g_date_time_format (when, "%d/%m/%Y");
  g_assert_nonnull (strstr (text, shown));
  g_assert_nonnull (strstr (text, " 7 "));
  dd_test_iterate (100);
  dd_test_screenshot ("window-backup-overdue");
  fixture_tear_down (&f, NULL);
}

/* A file changed outside Đôn Đốc (an extra trigger): the read-only bar is
 * an error, names the trigger, says not to work in the file and whom to
 * call, and offers the restore of the newest good backup. */
static void
test_window_tampered (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DdStore) store = dd_test_create_store (&path);
  g_autofree char *expected = NULL;
  Fixture f = { 0 };
  sqlite3 *db = NULL;
  const char *text;

  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER wipe AFTER UPDATE ON tasks BEGIN DELETE FROM tasks; END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  f.path = g_steal_pointer (&path);
  f.store = dd_store_open (f.path, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_true (dd_store_is_tampered (f.store));
  f.window = g_object_ref (dd_window_new (NULL, f.store));
  gtk_window_present (GTK_WINDOW (f.window));
  dd_test_iterate (100);

  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (child (&f, "read_only_bar"))));
  g_assert_cmpint (gtk_info_bar_get_message_type (GTK_INFO_BAR (child (&f, "read_only_bar"))), ==,
                   GTK_MESSAGE_ERROR);
  text = gtk_label_get_text (GTK_LABEL (child (&f, "read_only_label")));
  g_assert_nonnull (strstr (text, "wipe"));
  expected = g_strdup_printf (_("Do not work in this database until it is checked. %s Call the office's "
                                "IT officer or an administrator of Đôn Đốc, who can restore the newest good "
                                "backup."), dd_store_get_read_only_reason (f.store));
  g_assert_cmpstr (text, ==, expected);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (child (&f, "restore_newest_button"))));
  dd_test_screenshot ("window-tampered");
  fixture_tear_down (&f, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!dd_test_init_gtk ())
    return DD_TEST_EXIT_SKIP;

#define ADD(path, func) \
  g_test_add ("/ui/window/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("list", test_window_list);
  ADD ("search", test_window_search);
  ADD ("status-filter", test_window_status_filter);
  ADD ("unit-filter", test_window_unit_filter);
  ADD ("sort", test_window_sort);
  ADD ("edit", test_window_edit);
  ADD ("units-page", test_window_units_page);
  ADD ("import", test_window_import);
  ADD ("import-office", test_window_import_office);
  ADD ("live-refresh", test_window_live_refresh);
  ADD ("export", test_window_export);
  ADD ("print", test_window_print);
  ADD ("print-scope", test_window_print_scope);
  ADD ("export-from-dashboard", test_window_export_from_dashboard);

#undef ADD

  g_test_add_func ("/ui/window/dashboard-figures", test_window_dashboard_figures);
  g_test_add_func ("/ui/window/backup-warning", test_window_backup_warning);
  g_test_add_func ("/ui/window/backup-overdue", test_window_backup_overdue);
  g_test_add_func ("/ui/window/tampered", test_window_tampered);

  return g_test_run ();
}
