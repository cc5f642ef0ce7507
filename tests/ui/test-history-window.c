/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-history-window"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "dd-history-row.h"
#include "dd-history-window.h"
#include "dd-preferences-window.h"
#include "dd-store-private.h"
#include "dd-task-editor.h"
#include "dd-window.h"
#include "dd-test-gtk.h"

/*
 * The change history for people: a task's history from its editor (field
 * names in words, old → new, who by display name, the recycle bin), the
 * administrator's browser from the main menu (filters by person, unit and
 * dates, pages), and the display name set in Preferences showing in it.
 *
 * With DD_TEST_PAUSE_MS set, each window stays on screen that long (for a
 * screenshot of the display).
 */

#define OTHER_ACCOUNT "binhtt"
#define OTHER_NAME "Trần Thị Bình"

typedef struct
{
  char *path;
  DdStore *store;
} Fixture;

static void
save_as (DdStore    *store,
         const char *account,
         gint64      task_id,
         guint       progress,
         const char *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = NULL;
  g_autoptr(DdTask) copy = NULL;

  _dd_store_set_user (store, account);
  task = dd_store_get_task (store, task_id, NULL, &error);
  g_assert_no_error (error);
  copy = dd_task_copy (task);
  dd_task_set_progress (copy, progress);
  dd_task_set_note (copy, note);
  dd_store_save_task (store, copy, &error);
  g_assert_no_error (error);
  _dd_store_set_user (store, g_get_user_name ());
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
  save_as (f->store, OTHER_ACCOUNT, 2, 45, "Đã trình dự thảo");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *window;

  while ((window = dd_test_find_toplevel (DD_TYPE_HISTORY_WINDOW)) != NULL)
    gtk_window_destroy (window);
  dd_test_iterate (50);
  g_assert_finalize_object (f->store);
  dd_test_remove_store_file (f->path);
  g_free (f->path);
}

static DdHistoryRow *
find_row (GListModel *rows,
          const char *field,
          guint      *out_position)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(DdHistoryRow) row = g_list_model_get_item (rows, i);

      if (g_strcmp0 (dd_history_row_get_field (row), field) == 0)
        {
          if (out_position != NULL)
            *out_position = i;
          return row;   /* the model keeps it alive */
        }
    }
  return NULL;
}

static gboolean
label_shown (gpointer data)
{
  gpointer *args = data;

  return dd_test_find_label (args[0], args[1]) != NULL;
}

static void
wait_for_label (GtkWidget  *widget,
                const char *text)
{
  gpointer args[2] = { widget, (gpointer) text };

  dd_test_wait_for (label_shown, args);
}

static gboolean
window_loaded (gpointer data)
{
  return !dd_history_window_is_loading (data);
}

/* Waits for what @window asked for last (read on the core's worker). */
static void
wait_loaded (DdHistoryWindow *window)
{
  dd_test_wait_for (window_loaded, window);
}

static void
test_task_history (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = NULL;
  DdTaskEditor *editor;
  DdHistoryWindow *window;
  GListModel *rows;
  DdHistoryRow *row;
  guint progress_at = 0, bin_at = 0, restore_at = 0;

  /* To the recycle bin and back. */
  dd_store_delete_task (f->store, 2, &error);
  g_assert_no_error (error);
  dd_store_restore_task (f->store, 2, &error);
  g_assert_no_error (error);

  task = dd_store_get_task (f->store, 2, NULL, &error);
  g_assert_no_error (error);
  editor = dd_task_editor_new (NULL, f->store, task);
  gtk_window_present (GTK_WINDOW (editor));
  dd_test_iterate (50);

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.history", NULL);
  dd_test_iterate (100);
  window = DD_HISTORY_WINDOW (dd_test_find_toplevel (DD_TYPE_HISTORY_WINDOW));
  g_assert_nonnull (window);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (window)) == GTK_WINDOW (editor));
  /* One task's history has no filters. */
  g_assert_false (gtk_widget_get_visible (dd_test_template_child (window, DD_TYPE_HISTORY_WINDOW, "filter_bar")));
  wait_loaded (window);

  rows = dd_history_window_get_rows (window);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(DdHistoryRow) any = g_list_model_get_item (rows, i);

      g_assert_cmpint (dd_history_row_get_task_id (any), ==, 2);
      /* Field names in words, never the database's column names. */
      g_assert_null (strchr (dd_history_row_get_field (any), '_'));
      g_assert_cmpstr (dd_history_row_get_field (any), !=, "progress");
    }

  /* On screen. */
  wait_for_label (GTK_WIDGET (window), "45%");
  dd_test_maybe_pause ();

  row = find_row (rows, "Progress", &progress_at);
  g_assert_nonnull (row);
  g_assert_cmpstr (dd_history_row_get_who (row), ==, OTHER_NAME);
  g_assert_cmpstr (dd_history_row_get_old_value (row), ==, "0%");
  g_assert_cmpstr (dd_history_row_get_new_value (row), ==, "45%");
  g_assert_nonnull (strchr (dd_history_row_get_when (row), '/'));
  row = find_row (rows, "Note", NULL);
  g_assert_nonnull (row);
  g_assert_cmpstr (dd_history_row_get_new_value (row), ==, "Đã trình dự thảo");

  g_assert_nonnull (find_row (rows, "Moved to the recycle bin", &bin_at));
  g_assert_nonnull (find_row (rows, "Restored from the recycle bin", &restore_at));
  /* Newest first. */
  g_assert_cmpuint (restore_at, <, bin_at);
  g_assert_cmpuint (bin_at, <, progress_at);
  g_assert_nonnull (find_row (rows, "Task created", NULL));

  wait_for_label (GTK_WIDGET (window), "Moved to the recycle bin");

  gtk_window_destroy (GTK_WINDOW (editor));
  dd_test_iterate (50);
  g_assert_null (dd_test_find_toplevel (DD_TYPE_HISTORY_WINDOW));
}

static guint
n_rows (DdHistoryWindow *window)
{
  return g_list_model_get_n_items (dd_history_window_get_rows (window));
}

static gboolean
all_rows_by (DdHistoryWindow *window,
             const char      *who)
{
  GListModel *rows = dd_history_window_get_rows (window);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(DdHistoryRow) row = g_list_model_get_item (rows, i);

      if (g_strcmp0 (dd_history_row_get_who (row), who) != 0)
        return FALSE;
    }
  return TRUE;
}

static guint
find_string (GtkDropDown *dropdown,
             const char  *needle)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (strstr (gtk_string_list_get_string (GTK_STRING_LIST (model), i), needle) != NULL)
      return i;
  g_assert_not_reached ();
}

static void
test_browser (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task5 = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *tomorrow_text = g_date_time_format (tomorrow, "%d/%m/%Y");
  g_autofree char *today_text = g_date_time_format (now, "%d/%m/%Y");
  g_autofree char *first_field = NULL;
  DdWindow *main_window;
  DdHistoryWindow *window;
  GtkDropDown *person;
  GtkDropDown *unit;
  GtkEditable *from;
  GtkEditable *to;
  GtkLabel *status;
  GtkWidget *older;
  GtkWidget *newer;
  guint all;

  save_as (f->store, OTHER_ACCOUNT, 5, 70, "Nhiệm vụ năm");

  main_window = dd_window_new (NULL, f->store);
  gtk_window_present (GTK_WINDOW (main_window));
  dd_test_iterate (200);

  /* The main menu's "Change History…" is for administrators: the file's
   * creator is one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (main_window), "win.history", NULL));
  dd_test_iterate (100);
  window = DD_HISTORY_WINDOW (dd_test_find_toplevel (DD_TYPE_HISTORY_WINDOW));
  g_assert_nonnull (window);
  person = dd_test_template_child (window, DD_TYPE_HISTORY_WINDOW, "person_dropdown");
  unit = dd_test_template_child (window, DD_TYPE_HISTORY_WINDOW, "unit_dropdown");
  from = dd_test_template_child (window, DD_TYPE_HISTORY_WINDOW, "from_entry");
  to = dd_test_template_child (window, DD_TYPE_HISTORY_WINDOW, "to_entry");
  status = dd_test_template_child (window, DD_TYPE_HISTORY_WINDOW, "status_label");
  older = dd_test_template_child (window, DD_TYPE_HISTORY_WINDOW, "older_button");
  newer = dd_test_template_child (window, DD_TYPE_HISTORY_WINDOW, "newer_button");
  g_assert_true (gtk_widget_get_visible (dd_test_template_child (window, DD_TYPE_HISTORY_WINDOW, "filter_bar")));

  wait_loaded (window);
  all = n_rows (window);
  g_assert_cmpuint (all, >, 4);
  {
    g_autoptr(DdHistoryRow) first = g_list_model_get_item (dd_history_window_get_rows (window), 0);

    /* Newest first: the other person's last save. */
    g_assert_cmpstr (dd_history_row_get_who (first), ==, OTHER_NAME);
    g_autofree char *subject = g_strdup_printf (_("Task %s"), "5");

    g_assert_cmpstr (dd_history_row_get_subject (first), ==, subject);
  }

  /* By person. */
  gtk_drop_down_set_selected (person, find_string (person, OTHER_NAME));
  wait_loaded (window);
  dd_test_maybe_pause ();
  /* Two saves, each: progress, note and the progress report it records. */
  g_assert_cmpuint (n_rows (window), ==, 6);
  g_assert_true (all_rows_by (window, OTHER_NAME));

  /* By unit: only the tasks the unit leads. */
  task5 = dd_store_get_task (f->store, 5, NULL, &error);
  g_assert_no_error (error);
  gtk_drop_down_set_selected (unit, find_string (unit, dd_task_get_lead (task5)));
  wait_loaded (window);
  g_assert_cmpuint (n_rows (window), >=, 2);
  for (guint i = 0; i < n_rows (window); i++)
    {
      g_autoptr(DdHistoryRow) row = g_list_model_get_item (dd_history_window_get_rows (window), i);
      g_autoptr(DdTask) task = dd_store_get_task (f->store, dd_history_row_get_task_id (row), NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (dd_task_get_lead_id (task), ==, dd_task_get_lead_id (task5));
    }

  /* By dates: nothing from tomorrow on; everything up to today. */
  gtk_drop_down_set_selected (person, 0);
  gtk_drop_down_set_selected (unit, 0);
  wait_loaded (window);
  g_assert_cmpuint (n_rows (window), ==, all);
  gtk_editable_set_text (from, tomorrow_text);
  wait_loaded (window);
  g_assert_cmpuint (n_rows (window), ==, 0);
  g_assert_cmpstr (gtk_label_get_text (status), ==, _("No changes match these filters."));
  gtk_editable_set_text (from, "");
  gtk_editable_set_text (to, today_text);
  wait_loaded (window);
  g_assert_cmpuint (n_rows (window), ==, all);
  /* A date that is not one is marked, and the list left as it was. */
  gtk_editable_set_text (from, "31/02/2026");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (from), "error"));
  g_assert_false (dd_history_window_is_loading (window));
  g_assert_cmpuint (n_rows (window), ==, all);
  g_signal_emit_by_name (dd_test_template_child (window, DD_TYPE_HISTORY_WINDOW, "clear_button"), "clicked");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (from), "error"));
  g_assert_cmpstr (gtk_editable_get_text (to), ==, "");
  wait_loaded (window);

  /* Pages. */
  dd_history_window_set_page_size (window, 2);
  wait_loaded (window);
  g_assert_false (gtk_widget_get_sensitive (newer));
  g_assert_true (gtk_widget_get_sensitive (older));
  {
    g_autoptr(DdHistoryRow) first = g_list_model_get_item (dd_history_window_get_rows (window), 0);

    first_field = g_strdup_printf ("%" G_GINT64_FORMAT, dd_history_row_get_entry_id (first));
  }
  g_signal_emit_by_name (older, "clicked");
  wait_loaded (window);
  g_assert_true (gtk_widget_get_sensitive (newer));
  {
    g_autoptr(DdHistoryRow) first = g_list_model_get_item (dd_history_window_get_rows (window), 0);
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, dd_history_row_get_entry_id (first));

    g_assert_cmpstr (id, !=, first_field);
    g_assert_nonnull (strstr (gtk_label_get_text (status), "2"));
  }
  g_signal_emit_by_name (newer, "clicked");
  wait_loaded (window);
  {
    g_autoptr(DdHistoryRow) first = g_list_model_get_item (dd_history_window_get_rows (window), 0);
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, dd_history_row_get_entry_id (first));

    g_assert_cmpstr (id, ==, first_field);
  }
  g_assert_false (gtk_widget_get_sensitive (newer));

  gtk_window_destroy (GTK_WINDOW (main_window));
  dd_test_iterate (50);
  g_assert_null (dd_test_find_toplevel (DD_TYPE_HISTORY_WINDOW));
}

static void
test_browser_for_administrators (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(DdUsers) accounts = NULL;
  g_autoptr(GError) error = NULL;
  DdWindow *main_window;

  /* The creator makes someone else the administrator and becomes a viewer. */
  accounts = dd_users_new (f->store);
  dd_users_set_role (accounts, g_get_user_name (), NULL, DD_ROLE_VIEWER, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_store_get_role (f->store), ==, DD_ROLE_VIEWER);

  main_window = dd_window_new (NULL, f->store);
  gtk_window_present (GTK_WINDOW (main_window));
  dd_test_iterate (200);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (main_window), "win.history", NULL)
                  && dd_test_find_toplevel (DD_TYPE_HISTORY_WINDOW) != NULL);
  g_assert_null (dd_test_find_toplevel (DD_TYPE_HISTORY_WINDOW));
  gtk_window_destroy (GTK_WINDOW (main_window));
  dd_test_iterate (50);
}

static void
test_display_name (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DdUsers) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *subject = NULL;
  DdPreferencesWindow *prefs;
  DdHistoryWindow *window;
  GtkEditable *entry;
  GtkWidget *button;
  GListModel *rows;
  g_autoptr(DdHistoryRow) first = NULL;

  prefs = dd_preferences_window_new (NULL, f->store);
  gtk_window_present (GTK_WINDOW (prefs));
  dd_test_iterate (50);

  entry = dd_test_template_child (prefs, DD_TYPE_PREFERENCES_WINDOW, "display_name_entry");
  button = dd_test_template_child (prefs, DD_TYPE_PREFERENCES_WINDOW, "display_name_button");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (entry)));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  g_assert_false (gtk_widget_get_sensitive (button));

  gtk_editable_set_text (entry, "  Lê Văn An  ");
  g_assert_true (gtk_widget_get_sensitive (button));
  dd_test_maybe_pause ();
  g_signal_emit_by_name (button, "clicked");
  g_assert_false (gtk_widget_get_sensitive (button));
  accounts = dd_users_new (f->store);
  name = dd_users_dup_display_name (accounts, NULL);
  g_assert_cmpstr (name, ==, "Lê Văn An");
  g_clear_pointer (&name, g_free);

  /* A name typed and the window closed is set too. */
  gtk_editable_set_text (entry, "Lê Văn An (Văn phòng)");
  gtk_window_close (GTK_WINDOW (prefs));
  dd_test_iterate (50);
  name = dd_users_dup_display_name (accounts, NULL);
  g_assert_cmpstr (name, ==, "Lê Văn An (Văn phòng)");

  /* The user's next change shows under that name. */
  save_as (f->store, g_get_user_name (), 3, 15, NULL);
  window = dd_history_window_new (NULL, f->store, 0);
  gtk_window_present (GTK_WINDOW (window));
  wait_loaded (window);
  rows = dd_history_window_get_rows (window);
  first = g_list_model_get_item (rows, 0);
  g_assert_cmpstr (dd_history_row_get_who (first), ==, "Lê Văn An (Văn phòng)");
  subject = g_strdup_printf (_("Task %s"), "3");
  g_assert_cmpstr (dd_history_row_get_subject (first), ==, subject);
  wait_for_label (GTK_WIDGET (window), "Lê Văn An (Văn phòng)");
  gtk_window_destroy (GTK_WINDOW (window));
  dd_test_iterate (50);
  (void) error;
}

/* With DD_TEST_HISTORY_DB=FILE (a large file, e.g. from dd-bench-generate):
 * how long the browser takes to open and to change filters there. */
static void
test_large_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (g_getenv ("DD_TEST_HISTORY_DB"), DD_STORE_OPEN_EXISTING, &error);
  DdHistoryWindow *window;
  GtkDropDown *person;
  GtkDropDown *unit;
  gint64 start;
  double ms;

  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  window = dd_history_window_new (NULL, store, 0);
  wait_loaded (window);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_test_message ("open the browser: %.1f ms (%u rows)", ms, n_rows (window));
  gtk_window_present (GTK_WINDOW (window));
  dd_test_iterate (200);

  person = dd_test_template_child (window, DD_TYPE_HISTORY_WINDOW, "person_dropdown");
  unit = dd_test_template_child (window, DD_TYPE_HISTORY_WINDOW, "unit_dropdown");
  start = g_get_monotonic_time ();
  gtk_drop_down_set_selected (person, 1);
  wait_loaded (window);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_test_message ("filter by a person: %.1f ms (%u rows)", ms, n_rows (window));
  start = g_get_monotonic_time ();
  gtk_drop_down_set_selected (person, 0);
  gtk_drop_down_set_selected (unit, 150);
  wait_loaded (window);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_test_message ("filter by a unit: %.1f ms (%u rows)", ms, n_rows (window));
  start = g_get_monotonic_time ();
  gtk_editable_set_text (dd_test_template_child (window, DD_TYPE_HISTORY_WINDOW, "from_entry"), "1/1/2025");
  gtk_editable_set_text (dd_test_template_child (window, DD_TYPE_HISTORY_WINDOW, "to_entry"), "31/1/2025");
  wait_loaded (window);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_test_message ("and by dates: %.1f ms (%u rows)", ms, n_rows (window));
  start = g_get_monotonic_time ();
  g_signal_emit_by_name (dd_test_template_child (window, DD_TYPE_HISTORY_WINDOW, "older_button"), "clicked");
  wait_loaded (window);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_test_message ("older page: %.1f ms (%u rows)", ms, n_rows (window));
  gtk_window_destroy (GTK_WINDOW (window));
  dd_test_iterate (50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* The language of the environment, as the application takes it (the
   * tests themselves run in English; a screenshot may be taken in
   * Vietnamese with LANGUAGE=vi LC_ALL=vi_VN.UTF-8). */
  if (g_getenv ("DD_TEST_PAUSE_MS") == NULL)
    g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "");
  dd_test_init_i18n ();

  if (!dd_test_init_gtk ())
    return DD_TEST_EXIT_SKIP;

#define ADD(path, func) \
  g_test_add ("/ui/history/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("task", test_task_history);
  ADD ("browser", test_browser);
  ADD ("browser-for-administrators", test_browser_for_administrators);
  ADD ("display-name", test_display_name);
  if (g_getenv ("DD_TEST_HISTORY_DB") != NULL)
    g_test_add_func ("/ui/history/large-file", test_large_file);

#undef ADD

  return g_test_run ();
}
