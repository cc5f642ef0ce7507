/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window-ux"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "dd-dashboard-page.h"
#include "dd-empty-state.h"
#include "dd-task-editor.h"
#include "dd-tasks-page.h"
#include "dd-unit-search.h"
#include "dd-window.h"
#include "dd-window-private.h"
#include "dd-test-gtk.h"

/*
 * What the main window says as a deputy chief reads it, over plan
 * 662/KH-VPUB at 1366×768: a task opened from the calendar is shown to read
 * ("View Task", its status and working days late) with "Edit"; saving says
 * so in a toast; the title names the office, not the file; the primary
 * menu holds about eight entries and still reaches every window; the task
 * list's unit filter finds "hanh chinh" anywhere in a name.
 */

#define HCQT "Phòng Hành chính - Quản trị"

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
  dd_test_present_window (GTK_WINDOW (f->window), 1366, 768, 200);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *other;

  while ((other = dd_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (other);
  while ((other = dd_test_find_toplevel (DD_TYPE_TASK_EDITOR)) != NULL)
    gtk_window_destroy (other);
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  dd_test_iterate (50);
  g_assert_null (f->window);
  g_assert_finalize_object (f->store);
  dd_test_remove_store_file (f->path);
  g_free (f->path);
}

/* The button under @widget that fires @action_name, or NULL. */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action_name)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
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

/* The date pickers (menu buttons) shown under @widget. */
static guint
count_shown_pickers (GtkWidget *widget)
{
  guint n = GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_visible (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_shown_pickers (child);
  return n;
}

static gboolean
list_has_rows (gpointer data)
{
  GtkSelectionModel *model = gtk_column_view_get_model (GTK_COLUMN_VIEW (data));

  return model != NULL && g_list_model_get_n_items (G_LIST_MODEL (model)) > 0;
}

/* A chart's figure opens the tasks behind it; there "View…" shows the
 * selected task to read: the editor's fields look read, its date pickers
 * are gone, and Edit brings them back. */
static void
test_view_from_chart (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *dashboard = dd_window_get_page (f->window, "dashboard");
  GtkWidget *tasks = dd_window_get_page (f->window, "tasks");
  GtkColumnView *view = dd_test_template_child (tasks, DD_TYPE_TASKS_PAGE, "column_view");
  GtkWidget *button = find_action_button (tasks, "win.view-task");
  GtkWidget *grid;
  DdTaskEditor *editor;

  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, _("Read the selected task without changing it"));
  /* As a click on the "Tasks" figure or a chart's segment does. */
  g_signal_emit_by_name (dashboard, "show-tasks", (gint64) 0, (gint64) 0, (int) -1);
  dd_test_wait_for (list_has_rows, view);
  dd_test_iterate (100);
  g_assert_true (gtk_widget_get_mapped (tasks));
  gtk_selection_model_select_item (gtk_column_view_get_model (view), 0, TRUE);
  dd_test_iterate (50);
  g_assert_true (gtk_widget_is_sensitive (button));

  g_signal_emit_by_name (button, "clicked");
  dd_test_iterate (100);
  editor = DD_TASK_EDITOR (dd_test_find_toplevel (DD_TYPE_TASK_EDITOR));
  g_assert_nonnull (editor);
  g_assert_true (dd_task_editor_get_viewing (editor));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (editor), "task-viewing"));
  grid = dd_test_template_child (editor, DD_TYPE_TASK_EDITOR, "grid");
  g_assert_cmpuint (count_shown_pickers (grid), ==, 0);
  dd_test_screenshot ("ux-view-from-chart");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.edit", NULL));
  dd_test_iterate (50);
  g_assert_false (dd_task_editor_get_viewing (editor));
  /* The due date's and the source document date's. */
  g_assert_cmpuint (count_shown_pickers (grid), ==, 2);
}

/* The first task of the file in @status (as of today), or NULL. */
static DdTask *
find_task (Fixture      *f,
           DdTaskStatus  status)
{
  g_autoptr(GListModel) tasks = NULL;
  g_autoptr(GError) error = NULL;
  DdTaskQuery query;

  dd_task_query_init (&query);
  query.status = status;
  tasks = G_LIST_MODEL (dd_store_query_tasks (f->store, &query, &error));
  g_assert_no_error (error);
  return g_list_model_get_n_items (tasks) > 0 ? g_list_model_get_item (tasks, 0) : NULL;
}

/* From the calendar: read first, then Edit; saving closes with a toast. */
static void
test_view_task (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DdTask) task = NULL;
  g_autofree char *number = NULL;
  g_autofree char *view_title = NULL;
  g_autofree char *toast = NULL;
  DdTaskEditor *editor;
  GtkWidget *save, *edit;
  GtkLabel *status;
  GtkEditable *product;

  /* Task 1 (due 30/04/2026) done on 15/05/2026: done late, by 10 working
   * days (1 May is a holiday, two weekends). */
  {
    g_autoptr(GListModel) plans = dd_store_list_plans (f->store, NULL);
    g_autoptr(DdPlan) plan = g_list_model_get_item (plans, 0);

    dd_test_complete_task (f->store, dd_plan_get_id (plan), "1.", "2026-05-15");
  }
  task = find_task (f, DD_STATUS_DONE_LATE);
  g_assert_nonnull (task);
  number = dd_format_task_number (dd_task_get_number (task));
  g_assert_nonnull (number);
  g_assert_false (g_str_has_suffix (number, "."));
  editor = _dd_window_view_task (f->window, dd_task_get_id (task));
  g_assert_nonnull (editor);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  dd_test_iterate (100);

  /* Read-only, titled so, "Edit" instead of "Save". */
  save = dd_test_template_child (editor, DD_TYPE_TASK_EDITOR, "save_button");
  edit = dd_test_template_child (editor, DD_TYPE_TASK_EDITOR, "edit_button");
  status = dd_test_template_child (editor, DD_TYPE_TASK_EDITOR, "status_label");
  product = dd_test_template_child (editor, DD_TYPE_TASK_EDITOR, "product_entry");
  g_assert_true (dd_task_editor_get_viewing (editor));
  view_title = g_strdup_printf (_("View Task %s"), number);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, view_title);
  g_assert_false (gtk_widget_get_visible (save));
  g_assert_true (gtk_widget_get_visible (edit));
  g_assert_false (gtk_editable_get_editable (product));
  /* Ctrl+S does nothing while viewing. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  dd_test_iterate (100);
  g_assert_nonnull (editor);
  g_assert_true (dd_task_editor_get_viewing (editor));
  /* The status and how many working days late. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (status)));
  {
    g_autofree char *expected = g_strdup_printf (ngettext ("Status: %s — %d working day late",
                                                           "Status: %s — %d working days late", 10),
                                                 dd_task_status_get_label (DD_STATUS_DONE_LATE), 10);

    g_assert_cmpstr (gtk_label_get_text (status), ==, expected);
  }
  dd_test_screenshot ("ux-view-task");

  /* Edit: the editor as it was, and Save. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.edit", NULL));
  dd_test_iterate (50);
  g_assert_false (dd_task_editor_get_viewing (editor));
  g_assert_true (gtk_widget_get_visible (save));
  g_assert_false (gtk_widget_get_visible (edit));
  g_assert_true (gtk_editable_get_editable (product));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), !=, view_title);
  gtk_editable_set_text (product, "Báo cáo kết quả (đã sửa)");
  dd_test_iterate (50);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  dd_test_wait_for (dd_test_pointer_cleared, &editor);
  toast = g_strdup_printf (_("Task %s saved"), number);
  g_assert_cmpstr (dd_window_get_toast_text (f->window), ==, toast);
  dd_test_run_for (500);
  /* Shown whole, its text on one line. */
  g_assert_true (gtk_widget_get_mapped (f->window->toast));
  g_assert_cmpint (gtk_widget_get_height (f->window->toast), >, 0);
  g_assert_cmpint (gtk_widget_get_height (f->window->toast), <, 60);
  dd_test_screenshot ("ux-saved-toast");
}

/* The window's title names the office (or plan), never the file. */
static void
test_title (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *basename = g_path_get_basename (f->path);
  const char *title = gtk_window_get_title (GTK_WINDOW (f->window));

  g_assert_nonnull (title);
  g_assert_null (strstr (title, basename));
  g_assert_null (strstr (title, ".sqlite"));
  g_assert_true (g_str_has_suffix (title, "Đôn Đốc"));
  g_assert_cmpstr (title, !=, "Đôn Đốc");

  /* Office Settings' issuer wins, at once. */
  g_assert_true (dd_store_set_setting (f->store, "report_issuer", "VĂN PHÒNG UBND TỈNH NGHỆ AN", NULL));
  dd_test_iterate (50);
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (f->window)), "VĂN PHÒNG UBND TỈNH NGHỆ AN"));
}

static void
collect_actions (GMenuModel *model,
                 GHashTable *actions,
                 guint      *n_top)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (model, i, G_MENU_LINK_SUBMENU);
      char *action = NULL;

      if (section != NULL)
        {
          collect_actions (section, actions, n_top);
          continue;
        }
      if (n_top != NULL)
        (*n_top)++;
      if (submenu != NULL)
        collect_actions (submenu, actions, NULL);
      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        g_hash_table_add (actions, action);
    }
}

/* The button of @widget and its descendants that fires @action. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* About eight entries; every window still in reach. */
static void
test_primary_menu (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const reached[] = {
    "win.open", "win.new-database", "win.import", "win.export", "win.print", "win.recycle-bin",
    "win.users", "win.restore", "win.history", "app.preferences", "win.show-help-overlay", "app.about",
    "win.export-forms", "win.import-form", "win.urging-letters",
  };
  GtkMenuButton *button = GTK_MENU_BUTTON (dd_test_find_descendant (gtk_window_get_titlebar (GTK_WINDOW (f->window)),
                                                                    GTK_TYPE_MENU_BUTTON));
  g_autoptr(GHashTable) actions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_top = 0;

  collect_actions (gtk_menu_button_get_menu_model (button), actions, &n_top);
  g_assert_cmpuint (n_top, <=, 9);
  for (guint i = 0; i < G_N_ELEMENTS (reached); i++)
    g_assert_true (g_hash_table_contains (actions, reached[i]));
  /* Selection actions are by the list. */
  g_assert_false (g_hash_table_contains (actions, "win.delete-task"));
  g_assert_nonnull (find_button (GTK_WIDGET (f->window->tasks_page), "win.delete-task"));
  g_assert_nonnull (find_button (GTK_WIDGET (f->window->tasks_page), "win.new-task"));
  gtk_menu_button_popup (button);
  dd_test_screenshot ("ux-primary-menu");
  gtk_menu_button_popdown (button);
}

typedef struct
{
  GtkDropDown *dropdown;
  guint n;
} Shown;

static gboolean
shows_n (gpointer data)
{
  Shown *shown = data;

  return dd_unit_search_get_n_shown (shown->dropdown) == shown->n;
}

/* The task list's unit filter: "hanh chinh" and "phong hanh" find HCQT. */
static void
test_unit_filter (Fixture       *f,
                  gconstpointer  data)
{
  GtkDropDown *dropdown = dd_test_template_child (f->window->tasks_page, DD_TYPE_TASKS_PAGE, "unit_dropdown");
  GListModel *names;
  guint n_match = 0, hcqt = G_MAXUINT;
  g_autofree char *placeholder = NULL;
  Shown shown;

  gtk_stack_set_visible_child (GTK_STACK (dd_test_template_child (f->window, DD_TYPE_WINDOW, "stack")),
                               GTK_WIDGET (f->window->tasks_page));
  dd_test_iterate (300);
  names = gtk_drop_down_get_model (dropdown);
  g_assert_nonnull (names);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      g_autoptr(GtkStringObject) name = g_list_model_get_item (names, i);
      g_autofree char *folded = dd_text_fold_for_search (gtk_string_object_get_string (name));

      n_match += strstr (folded, "phong hanh") != NULL;
      if (g_strcmp0 (gtk_string_object_get_string (name), HCQT) == 0)
        hcqt = i;
    }
  g_assert_cmpuint (hcqt, <, G_MAXUINT);
  g_assert_cmpuint (n_match, >=, 1);

  g_object_get (dd_unit_search_get_entry (dropdown), "placeholder-text", &placeholder, NULL);
  g_assert_cmpstr (placeholder, ==, _("Type part of a name…"));
  gtk_editable_set_text (dd_unit_search_get_entry (dropdown), "Phong Hanh");
  shown = (Shown) { dropdown, n_match };
  dd_test_wait_for (shows_n, &shown);
  dd_test_screenshot ("ux-unit-filter-search");

  /* Choosing the row found selects that unit in the whole list. */
  {
    GtkWidget *list = dd_test_find_descendant (GTK_WIDGET (dropdown), GTK_TYPE_LIST_VIEW);
    GListModel *filtered = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
    guint row = G_MAXUINT;

    for (guint i = 0; i < g_list_model_get_n_items (filtered); i++)
      {
        g_autoptr(GtkStringObject) name = g_list_model_get_item (filtered, i);

        if (g_strcmp0 (gtk_string_object_get_string (name), HCQT) == 0)
          row = i;
      }
    g_assert_cmpuint (row, <, G_MAXUINT);
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (filtered), row, TRUE);
    g_signal_emit_by_name (list, "activate", row);
    dd_test_iterate (100);
    g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, hcqt);
  }
}

typedef struct
{
  GtkOverlay *overlay;
  DdEmptyStateKind kind;
} Empty;

static gboolean
empty_is (gpointer data)
{
  Empty *empty = data;

  return dd_empty_state_get_kind (empty->overlay) == empty->kind;
}

static gboolean
editor_shown (gpointer data)
{
  return dd_test_find_toplevel (DD_TYPE_TASK_EDITOR) != NULL;
}

/* The overview of a file without any plan: "No plan yet" with Import
 * Plan… and Add Task…, not the charts; Add Task… opens the editor. */
static void
check_overview_empty (Fixture *f)
{
  GtkStack *stack = dd_test_template_child (f->window, DD_TYPE_WINDOW, "stack");
  GtkWidget *dashboard = dd_window_get_page (f->window, "dashboard");
  Empty overview = { dd_test_template_child (dashboard, DD_TYPE_DASHBOARD_PAGE, "overlay"),
                     DD_EMPTY_STATE_NO_PLAN };
  GtkWidget *add;
  GtkWindow *editor;

  gtk_stack_set_visible_child_name (stack, "dashboard");
  dd_test_wait_for (empty_is, &overview);
  g_assert_false (gtk_widget_get_visible (dd_test_template_child (dashboard, DD_TYPE_DASHBOARD_PAGE, "content_box")));
  g_assert_nonnull (dd_test_find_label (GTK_WIDGET (overview.overlay), _("No plan yet")));
  g_assert_nonnull (find_action_button (GTK_WIDGET (overview.overlay), "win.import"));
  g_assert_true (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (overview.overlay), "win.import")));
  add = find_action_button (GTK_WIDGET (overview.overlay), "win.new-task");
  g_assert_nonnull (add);
  g_assert_true (gtk_widget_get_mapped (add));
  /* The stack's crossfade ended (slow on a loaded machine). */
  dd_test_run_for (1000);
  dd_test_screenshot ("ux-empty-overview");

  g_assert_null (dd_test_find_toplevel (DD_TYPE_TASK_EDITOR));
  gtk_widget_activate (add);
  dd_test_wait_for (editor_shown, NULL);
  editor = dd_test_find_toplevel (DD_TYPE_TASK_EDITOR);
  gtk_window_destroy (editor);
  dd_test_iterate (100);
}

/* A search that finds nothing says so, with Clear Filters; a file without
 * any plan offers Import Plan… and Add Task…. */
static void
test_empty_states (Fixture       *f,
                   gconstpointer  data)
{
  GtkStack *stack = dd_test_template_child (f->window, DD_TYPE_WINDOW, "stack");
  GtkEditable *search = dd_test_template_child (f->window->tasks_page, DD_TYPE_TASKS_PAGE, "search_entry");
  Empty empty = { dd_test_template_child (f->window->tasks_page, DD_TYPE_TASKS_PAGE, "list_overlay"),
                  DD_EMPTY_STATE_NONE };
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  DdStore *empty_store;

  gtk_stack_set_visible_child (stack, GTK_WIDGET (f->window->tasks_page));
  dd_test_iterate (300);
  dd_test_wait_for (empty_is, &empty);
  gtk_editable_set_text (search, "không có nhiệm vụ nào như thế");
  empty.kind = DD_EMPTY_STATE_NO_MATCH;
  dd_test_wait_for (empty_is, &empty);
  g_assert_nonnull (dd_test_find_label (GTK_WIDGET (empty.overlay), _("No matching task")));
  dd_test_screenshot ("ux-empty-no-match");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window->tasks_page), "tasks.clear-filters", NULL));
  empty.kind = DD_EMPTY_STATE_NONE;
  dd_test_wait_for (empty_is, &empty);
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dd_tasks_page_get_tasks (f->window->tasks_page))), >, 0);

  /* A new file. */
  dir = dd_test_make_tmp_dir ("dondoc-empty-XXXXXX");
  path = g_build_filename (dir, "empty.sqlite", NULL);
  empty_store = dd_store_open (path, DD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  dd_window_set_store (f->window, empty_store);
  gtk_stack_set_visible_child (stack, GTK_WIDGET (f->window->tasks_page));
  empty.kind = DD_EMPTY_STATE_NO_PLAN;
  dd_test_wait_for (empty_is, &empty);
  g_assert_nonnull (dd_test_find_label (GTK_WIDGET (empty.overlay), _("No plan yet")));
  dd_test_screenshot ("ux-empty-no-plan");

  /* Neither an office nor a plan to name: the application, then the file
   * (not "empty.sqlite" as the title). */
  g_assert_cmpstr (gtk_label_get_text (dd_test_template_child (f->window, DD_TYPE_WINDOW, "title_label")),
                   ==, _("Đôn Đốc"));
  g_assert_cmpstr (gtk_label_get_text (dd_test_template_child (f->window, DD_TYPE_WINDOW, "subtitle_label")),
                   ==, "empty.sqlite");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, _("Đôn Đốc"));

  /* The overview says the same, with the same buttons, instead of zeros
   * and empty charts; the one button adds a task. */
  check_overview_empty (f);

  dd_window_set_store (f->window, f->store);
  dd_test_iterate (100);
  /* A file with plans: the figures again. */
  {
    GtkWidget *dashboard = dd_window_get_page (f->window, "dashboard");
    Empty overview = { dd_test_template_child (dashboard, DD_TYPE_DASHBOARD_PAGE, "overlay"), DD_EMPTY_STATE_NONE };

    gtk_stack_set_visible_child_name (stack, "dashboard");
    dd_test_wait_for (empty_is, &overview);
    g_assert_true (gtk_widget_get_visible (dd_test_template_child (dashboard, DD_TYPE_DASHBOARD_PAGE, "content_box")));
    gtk_stack_set_visible_child (stack, GTK_WIDGET (f->window->tasks_page));
    dd_test_iterate (300);
  }
  g_assert_finalize_object (empty_store);
  dd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* In the environment's language (English under meson; LANGUAGE=vi
   * LC_ALL=vi_VN.UTF-8 for the screenshots in Vietnamese). */
  setlocale (LC_ALL, "");
  dd_test_init_i18n ();

  if (!dd_test_init_gtk ())
    return DD_TEST_EXIT_SKIP;

#define ADD(path, func) \
  g_test_add ("/ui/window-ux/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("view-task", test_view_task);
  ADD ("view-from-chart", test_view_from_chart);
  ADD ("title", test_title);
  ADD ("primary-menu", test_primary_menu);
  ADD ("unit-filter", test_unit_filter);
  ADD ("empty-states", test_empty_states);

#undef ADD

  return g_test_run ();
}
