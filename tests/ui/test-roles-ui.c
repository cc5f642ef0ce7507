/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-roles-ui"

#include "config.h"

#include <string.h>

#include "dd-calendar-page.h"
#include "dd-holiday-editor.h"
#include "dd-indicators-page.h"
#include "dd-preferences-window.h"
#include "dd-schedule-fields.h"
#include "dd-scoring-dialog.h"
#include "dd-task-editor.h"
#include "dd-store-private.h"
#include "dd-units-page.h"
#include "dd-test-gtk.h"

/*
 * The write controls of the pages follow the role recorded in the file, as
 * the store's guard triggers do: the Units page (rename, merge, scoring
 * rules: administrators), the Indicators page (figures: administrators, and
 * a unit editor for its own unit), the calendar's days off and their editor
 * (administrators), Preferences (the days of warning: administrators; one's
 * own name: everyone) and the scoring rules. For a viewer, a unit editor
 * and an administrator in turn, on the same open pages: what is on, what is
 * off, and that the reason is shown; then the role changed by another
 * desktop (found by the poll), the lock warning and a read-only file.
 *
 * With DD_TEST_SCREENSHOT_DIR set, the pages are captured as a viewer and
 * as a unit editor.
 */

#define HCQT "Phòng Hành chính - Quản trị"

typedef struct
{
  char *path;
  DdStore *store;
  gint64 unit;                  /* the unit editor's unit: HCQT */
  gint64 other_unit;            /* another unit with figures in the grid */
  GtkWindow *units_window;
  DdUnitsPage *units;
  GtkWindow *indicators_window;
  DdIndicatorsPage *indicators;
  GtkWindow *calendar_window;
  DdCalendarPage *calendar;
  DdHolidayEditor *holidays;
  DdPreferencesWindow *preferences;
} Fixture;

/* Auxiliary methods */

#define UNITS(f, name) dd_test_template_child ((f)->units, DD_TYPE_UNITS_PAGE, name)
#define INDICATORS(f, name) dd_test_template_child ((f)->indicators, DD_TYPE_INDICATORS_PAGE, name)
#define HOLIDAYS(f, name) dd_test_template_child ((f)->holidays, DD_TYPE_HOLIDAY_EDITOR, name)
#define PREFERENCES(f, name) dd_test_template_child ((f)->preferences, DD_TYPE_PREFERENCES_WINDOW, name)
#define SCHEDULE(f, name) dd_test_template_child (PREFERENCES (f, "schedule_fields"), DD_TYPE_SCHEDULE_FIELDS, name)
#define CALENDAR(f, name) dd_test_template_child ((f)->calendar, DD_TYPE_CALENDAR_PAGE, name)

static gint64
find_unit (DdStore    *store,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) units = dd_store_list_units (store, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);

      if (g_strcmp0 (dd_unit_get_name (unit), name) == 0)
        return dd_unit_get_id (unit);
    }
  g_assert_not_reached ();
}

static gint64
find_other_unit (DdStore *store,
                 gint64   not_this)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) units = dd_store_list_units (store, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);

      if (!dd_unit_get_is_group (unit) && dd_unit_get_id (unit) != not_this)
        return dd_unit_get_id (unit);
    }
  g_assert_not_reached ();
}

static GtkWindow *
new_window (GtkWidget *content)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  g_object_ref (window);
  gtk_window_set_default_size (window, 1300, 820);
  gtk_window_set_child (window, content);
  gtk_window_present (window);
  return window;
}

static gboolean
units_counted (gpointer data)
{
  return !dd_units_page_is_loading (data);
}

/* Waits for the Units page's cards (counted on a worker thread). */
static void
wait_for_units (Fixture *f)
{
  dd_test_wait_for (units_counted, f->units);
}

/* Only @window shown, for a screenshot of it alone. */
static void
show_only (Fixture   *f,
           GtkWindow *window)
{
  GtkWindow *all[] = {
    f->units_window, f->indicators_window, f->calendar_window,
    GTK_WINDOW (f->holidays), GTK_WINDOW (f->preferences),
  };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (all[i] != NULL)
      gtk_widget_set_visible (GTK_WIDGET (all[i]), all[i] == window);
  dd_test_iterate (100);
}

static void
show_all (Fixture *f)
{
  GtkWindow *all[] = {
    f->units_window, f->indicators_window, f->calendar_window,
    GTK_WINDOW (f->holidays), GTK_WINDOW (f->preferences),
  };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (all[i] != NULL)
      gtk_widget_set_visible (GTK_WIDGET (all[i]), TRUE);
}

static gboolean
bar_shown (GtkWidget  *bar,
           const char *text)
{
  GtkWidget *label;

  if (!gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)))
    return FALSE;
  /* The label is the bar's only child of its content area. */
  for (label = gtk_widget_get_first_child (bar); label != NULL && !GTK_IS_LABEL (label);
       label = gtk_widget_get_first_child (label))
    ;
  g_assert_nonnull (label);
  if (strstr (gtk_label_get_text (GTK_LABEL (label)), text) == NULL)
    {
      g_test_message ("The bar says “%s”, not “%s”", gtk_label_get_text (GTK_LABEL (label)), text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
tooltip_has (GtkWidget  *widget,
             const char *text)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  return tooltip != NULL && strstr (tooltip, text) != NULL;
}

/* The cells of the grid in the row of @unit_id, in their order. */
static GPtrArray *
grid_cells (Fixture *f,
            gint64   unit_id)
{
  GPtrArray *cells = g_ptr_array_new ();

  /* The rows in view have cells (the grid makes no other). */
  for (guint row = 0; row < dd_indicators_page_get_n_rows (f->indicators); row++)
    for (int q = 1; q <= 4; q++)
      {
        GtkWidget *cell = dd_indicators_page_get_cell (f->indicators, row, q);

        if (GTK_IS_ENTRY (cell)
            && (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (cell), "unit-id")) == unit_id)
          g_ptr_array_add (cells, cell);
      }
  g_assert_cmpuint (cells->len, ==, 4);
  return cells;
}

static gboolean
row_sensitive (Fixture *f,
               gint64   unit_id)
{
  g_autoptr(GPtrArray) cells = grid_cells (f, unit_id);
  gboolean all = TRUE, none = TRUE;

  for (guint i = 0; i < cells->len; i++)
    {
      gboolean on = gtk_widget_get_sensitive (g_ptr_array_index (cells, i));

      all &= on;
      none &= !on;
    }
  /* A row is all on or all off. */
  g_assert_true (all || none);
  return all;
}

static void
select_dossier_unit (Fixture *f,
                     gint64   unit_id)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (INDICATORS (f, "dossier_unit_dropdown"));
  GListModel *names = gtk_drop_down_get_model (dropdown);
  g_autofree char *wanted = NULL;
  g_autoptr(GListModel) units = dd_store_list_units (f->store, 0, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);

      if (dd_unit_get_id (unit) == unit_id)
        wanted = g_strdup (dd_unit_get_name (unit));
    }
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (unit_id == 0 ? i == 0
                     : g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), wanted) == 0)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }
  g_assert_not_reached ();
}

static DdScoringDialog *
open_scoring_rules (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->units), "units.scoring-rules", NULL));
  dd_test_iterate (50);
  return DD_SCORING_DIALOG (dd_test_find_toplevel (DD_TYPE_SCORING_DIALOG));
}

/* Fixture */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DdUsers) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdFigures) figures = NULL;
  g_autoptr(GPtrArray) indicators = NULL;

  f->store = dd_test_create_store (&f->path);
  f->unit = find_unit (f->store, HCQT);
  f->other_unit = find_other_unit (f->store, f->unit);

  /* The creator of the file is its administrator; the others are listed. */
  accounts = dd_users_new (f->store);
  g_assert_true (dd_users_set_role (accounts, "xem", "Trần Văn Xem", DD_ROLE_VIEWER, 0, &error));
  g_assert_no_error (error);
  g_assert_true (dd_users_set_role (accounts, "donvi", "Lê Thị Đơn Vị", DD_ROLE_UNIT_EDITOR,
                                         f->unit, &error));
  g_assert_no_error (error);

  f->units = DD_UNITS_PAGE (dd_units_page_new (f->store));
  f->units_window = new_window (GTK_WIDGET (f->units));
  wait_for_units (f);
  g_assert_true (dd_units_page_select_unit (f->units, f->unit));

  f->indicators = DD_INDICATORS_PAGE (dd_indicators_page_new (f->store));
  f->indicators_window = new_window (GTK_WIDGET (f->indicators));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (INDICATORS (f, "year_spin")), 2026);
  /* A typed indicator (the first; the second is derived). */
  figures = dd_figures_new (f->store);
  indicators = dd_figures_list_indicators (figures, 0, &error);
  g_assert_no_error (error);
  g_assert_false (((DdIndicatorInfo *) g_ptr_array_index (indicators, 0))->derived);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (INDICATORS (f, "indicator_dropdown")), 0);

  f->calendar = DD_CALENDAR_PAGE (dd_calendar_page_new (f->store));
  f->calendar_window = new_window (GTK_WIDGET (f->calendar));
  dd_test_iterate (100);

  /* The days off, opened by an administrator and kept open. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->calendar), "calendar.holidays", NULL));
  dd_test_iterate (50);
  f->holidays = DD_HOLIDAY_EDITOR (dd_test_find_toplevel (DD_TYPE_HOLIDAY_EDITOR));
  g_assert_nonnull (f->holidays);
  g_object_ref (f->holidays);
  dd_holiday_editor_set_year (f->holidays, 2026);
  /* Not modal here: the other windows are driven meanwhile. */
  gtk_window_set_modal (GTK_WINDOW (f->holidays), FALSE);

  f->preferences = g_object_ref (dd_preferences_window_new (NULL, f->store));
  gtk_window_present (GTK_WINDOW (f->preferences));
  dd_test_iterate (100);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *windows[] = {
    GTK_WINDOW (f->preferences), GTK_WINDOW (f->holidays), f->calendar_window,
    f->indicators_window, f->units_window,
  };
  GtkWindow *dialog;

  while ((dialog = dd_test_find_toplevel (DD_TYPE_SCORING_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    {
      gtk_window_destroy (windows[i]);
      dd_test_iterate (20);
      g_assert_finalize_object (windows[i]);
    }
  g_assert_finalize_object (f->store);
  dd_test_remove_store_file (f->path);
  g_free (f->path);
}

/* What each role may use */

static void
assert_admin (Fixture *f)
{
  g_autoptr(GPtrArray) remove_buttons = g_ptr_array_new ();

  g_assert_cmpint (dd_store_get_role (f->store), ==, DD_ROLE_ADMIN);

  /* Units: rename, merge, the scoring rules. */
  g_assert_true (gtk_widget_get_sensitive (UNITS (f, "rename_button")));
  g_assert_true (gtk_widget_get_sensitive (UNITS (f, "merge_button")));
  g_assert_true (gtk_widget_get_sensitive (UNITS (f, "scoring_button")));
  g_assert_false (gtk_info_bar_get_revealed (GTK_INFO_BAR (UNITS (f, "access_bar"))));
  g_assert_true (tooltip_has (UNITS (f, "rename_button"), "Rename the selected unit"));

  /* Indicators: every unit's figures, the import, any dossier form. */
  g_assert_true (row_sensitive (f, f->unit));
  g_assert_true (row_sensitive (f, f->other_unit));
  g_assert_true (gtk_widget_get_sensitive (INDICATORS (f, "import_button")));
  g_assert_true (tooltip_has (INDICATORS (f, "import_button"), "Import indicator figures from a CSV file"));
  g_assert_false (gtk_info_bar_get_revealed (GTK_INFO_BAR (INDICATORS (f, "access_bar"))));
  select_dossier_unit (f, 0);
  g_assert_true (gtk_widget_get_sensitive (INDICATORS (f, "dossier_save_button")));
  select_dossier_unit (f, f->other_unit);
  g_assert_true (gtk_widget_get_sensitive (INDICATORS (f, "dossier_save_button")));
  g_assert_true (gtk_widget_get_sensitive (INDICATORS (f, "received_spin")));

  /* The days off. */
  g_assert_true (gtk_widget_get_sensitive (CALENDAR (f, "holidays_button")));
  g_assert_true (tooltip_has (CALENDAR (f, "holidays_button"), "Add or remove"));
  g_assert_true (gtk_widget_get_sensitive (HOLIDAYS (f, "add_grid")));
  g_assert_false (gtk_info_bar_get_revealed (GTK_INFO_BAR (HOLIDAYS (f, "access_bar"))));

  /* Preferences. */
  g_assert_true (gtk_widget_get_sensitive (PREFERENCES (f, "due_soon_row")));
  g_assert_false (gtk_widget_get_visible (PREFERENCES (f, "due_soon_hint")));
  g_assert_true (gtk_widget_get_sensitive (PREFERENCES (f, "display_name_row")));
  g_assert_true (gtk_widget_get_sensitive (SCHEDULE (f, "due_rule_dropdown")));
  g_assert_true (gtk_widget_get_sensitive (SCHEDULE (f, "update_spin")));
}

static void
assert_unit_editor (Fixture *f)
{
  g_autoptr(GPtrArray) others = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (dd_store_get_role (f->store), ==, DD_ROLE_UNIT_EDITOR);

  /* Units are an administrator's. */
  g_assert_false (gtk_widget_get_sensitive (UNITS (f, "rename_button")));
  g_assert_false (gtk_widget_get_sensitive (UNITS (f, "merge_button")));
  g_assert_false (gtk_widget_get_sensitive (UNITS (f, "scoring_button")));
  g_assert_true (bar_shown (UNITS (f, "access_bar"), "your role is “unit editor”"));
  g_assert_true (tooltip_has (UNITS (f, "rename_button"), "Only an administrator can do this"));

  /* Its own unit's figures, not the others'. */
  g_assert_true (row_sensitive (f, f->unit));
  g_assert_false (row_sensitive (f, f->other_unit));
  others = grid_cells (f, f->other_unit);
  g_assert_true (tooltip_has (g_ptr_array_index (others, 0), "your unit, “" HCQT "”"));
  g_assert_true (gtk_widget_get_sensitive (INDICATORS (f, "import_button")));
  g_assert_true (bar_shown (INDICATORS (f, "access_bar"), "only the figures of your unit, “" HCQT "”"));
  select_dossier_unit (f, f->unit);
  g_assert_true (gtk_widget_get_sensitive (INDICATORS (f, "dossier_save_button")));
  select_dossier_unit (f, f->other_unit);
  g_assert_false (gtk_widget_get_sensitive (INDICATORS (f, "dossier_save_button")));
  g_assert_false (gtk_widget_get_sensitive (INDICATORS (f, "received_spin")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (INDICATORS (f, "dossier_message_label"))),
                            "your unit, “" HCQT "”"));
  select_dossier_unit (f, 0);
  g_assert_false (gtk_widget_get_sensitive (INDICATORS (f, "dossier_save_button")));
  select_dossier_unit (f, f->unit);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (INDICATORS (f, "dossier_message_label"))), ==, "");
  /* What is on can be used: the store takes the unit's own figure. */
  g_assert_true (dd_indicators_page_enter (f->indicators, f->unit, 1, "3/4", &error));
  g_assert_no_error (error);
  g_assert_false (dd_indicators_page_enter (f->indicators, f->other_unit, 1, "3/4", &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  dd_test_iterate (50);

  /* The days off are settings. */
  g_assert_true (gtk_widget_get_sensitive (CALENDAR (f, "holidays_button")));
  g_assert_true (tooltip_has (CALENDAR (f, "holidays_button"), "See the days off"));
  g_assert_false (gtk_widget_get_sensitive (HOLIDAYS (f, "add_grid")));
  g_assert_true (bar_shown (HOLIDAYS (f, "access_bar"), "your role is “unit editor”"));

  /* Preferences: the shared setting is off, one's own name is not. */
  g_assert_false (gtk_widget_get_sensitive (PREFERENCES (f, "due_soon_row")));
  g_assert_true (gtk_widget_get_visible (PREFERENCES (f, "due_soon_hint")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (PREFERENCES (f, "due_soon_hint"))),
                            "your role is “unit editor”"));
  g_assert_true (gtk_widget_get_sensitive (PREFERENCES (f, "display_name_row")));
  /* The office's default schedule is an administrator's too. */
  g_assert_false (gtk_widget_get_sensitive (SCHEDULE (f, "due_rule_dropdown")));
  g_assert_false (gtk_widget_get_sensitive (SCHEDULE (f, "update_spin")));
  g_assert_false (gtk_widget_get_sensitive (PREFERENCES (f, "schedule_button")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (PREFERENCES (f, "schedule_hint"))),
                            "your role is “unit editor”"));
}

static void
assert_viewer (Fixture *f)
{
  g_assert_cmpint (dd_store_get_role (f->store), ==, DD_ROLE_VIEWER);

  g_assert_false (gtk_widget_get_sensitive (UNITS (f, "rename_button")));
  g_assert_false (gtk_widget_get_sensitive (UNITS (f, "merge_button")));
  g_assert_false (gtk_widget_get_sensitive (UNITS (f, "scoring_button")));
  g_assert_true (bar_shown (UNITS (f, "access_bar"), "role in this database is “viewer”"));
  g_assert_true (tooltip_has (UNITS (f, "merge_button"), "“viewer”"));

  g_assert_false (row_sensitive (f, f->unit));
  g_assert_false (row_sensitive (f, f->other_unit));
  g_assert_false (gtk_widget_get_sensitive (INDICATORS (f, "import_button")));
  g_assert_true (tooltip_has (INDICATORS (f, "import_button"), "“viewer”"));
  g_assert_true (bar_shown (INDICATORS (f, "access_bar"), "You can see the figures, but not enter or import them"));
  select_dossier_unit (f, f->unit);
  g_assert_false (gtk_widget_get_sensitive (INDICATORS (f, "dossier_save_button")));
  g_assert_false (gtk_widget_get_sensitive (INDICATORS (f, "dossier_source_entry")));

  g_assert_true (gtk_widget_get_sensitive (CALENDAR (f, "holidays_button")));
  g_assert_false (gtk_widget_get_sensitive (HOLIDAYS (f, "add_grid")));
  g_assert_true (bar_shown (HOLIDAYS (f, "access_bar"), "“viewer”"));
  {
    GtkWidget *row = gtk_widget_get_first_child (HOLIDAYS (f, "list_box"));
    GtkWidget *button = g_object_get_data (G_OBJECT (row), "remove-button");

    g_assert_nonnull (button);
    g_assert_false (gtk_widget_get_sensitive (button));
    g_assert_true (tooltip_has (button, "“viewer”"));
  }

  g_assert_false (gtk_widget_get_sensitive (PREFERENCES (f, "due_soon_row")));
  g_assert_true (gtk_widget_get_visible (PREFERENCES (f, "due_soon_hint")));
  /* A viewer sets their own name too. */
  g_assert_true (gtk_widget_get_sensitive (PREFERENCES (f, "display_name_row")));
}

static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(DdUsers) other_accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) other = NULL;
  DdScoringDialog *dialog;
  const char *me = g_get_user_name ();

  assert_admin (f);

  /* The scoring rules, open while the role changes. */
  dialog = open_scoring_rules (f);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_sensitive (dd_test_template_child (dialog, DD_TYPE_SCORING_DIALOG, "save_button")));
  g_assert_false (gtk_widget_get_visible (dd_test_template_child (dialog, DD_TYPE_SCORING_DIALOG, "access_label")));

  /* The same pages, as a unit editor: they follow at once. */
  _dd_store_set_user (f->store, "donvi");
  dd_test_iterate (50);
  assert_unit_editor (f);
  g_assert_false (gtk_widget_get_sensitive (dd_test_template_child (dialog, DD_TYPE_SCORING_DIALOG, "save_button")));
  g_assert_true (gtk_widget_get_visible (dd_test_template_child (dialog, DD_TYPE_SCORING_DIALOG, "access_label")));
  gtk_window_destroy (GTK_WINDOW (dialog));
  show_only (f, f->indicators_window);
  select_dossier_unit (f, f->other_unit);
  dd_test_screenshot ("roles-indicators-unit-editor");
  show_only (f, GTK_WINDOW (f->preferences));
  dd_test_screenshot ("roles-preferences-unit-editor");
  show_all (f);

  /* As a viewer. */
  _dd_store_set_user (f->store, "xem");
  dd_test_iterate (50);
  assert_viewer (f);
  show_only (f, f->units_window);
  dd_test_screenshot ("roles-units-viewer");
  show_only (f, GTK_WINDOW (f->holidays));
  dd_test_screenshot ("roles-holidays-viewer");
  show_all (f);
  /* Nothing opens the scoring rules for a viewer. */
  gtk_widget_activate_action (GTK_WIDGET (f->units), "units.scoring-rules", NULL);
  dd_test_iterate (50);
  g_assert_null (dd_test_find_toplevel (DD_TYPE_SCORING_DIALOG));

  /* A year whose days off were never written: a viewer cannot write its
   * table from the defaults, and sees the defaults. */
  dd_holiday_editor_set_year (f->holidays, 2031);
  dd_test_iterate (50);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (HOLIDAYS (f, "error_revealer"))));
  g_assert_nonnull (g_object_get_data (G_OBJECT (gtk_widget_get_first_child (HOLIDAYS (f, "list_box"))),
                                       "remove-button"));
  dd_holiday_editor_set_year (f->holidays, 2026);

  /* Another desktop makes the viewer a unit editor, then an administrator:
   * the pages follow at the next poll (the window polls every 2 s). */
  other = dd_test_open_other (f->path, me);
  g_assert_cmpint (dd_store_get_role (other), ==, DD_ROLE_ADMIN);
  other_accounts = dd_users_new (other);
  g_assert_true (dd_users_set_role (other_accounts, "xem", NULL, DD_ROLE_UNIT_EDITOR, f->unit, &error));
  g_assert_no_error (error);
  dd_test_iterate (50);
  assert_viewer (f);
  g_assert_true (dd_store_poll_external_changes (f->store, NULL));
  dd_test_iterate (50);
  assert_unit_editor (f);
  g_assert_true (dd_users_set_role (other_accounts, "xem", NULL, DD_ROLE_ADMIN, 0, &error));
  g_assert_no_error (error);
  g_assert_true (dd_store_poll_external_changes (f->store, NULL));
  dd_test_iterate (50);
  assert_admin (f);
}

/* The lock warning and a read-only file turn the same controls off, with
 * their own reason. */
static void
test_lock_warning (Fixture       *f,
                   gconstpointer  data)
{
  const char *warning = "Thư mục dùng chung không có khoá tệp.";

  assert_admin (f);
  _dd_store_set_lock_warning (f->store, warning);
  dd_test_iterate (50);
  g_assert_false (gtk_widget_get_sensitive (UNITS (f, "rename_button")));
  g_assert_true (bar_shown (UNITS (f, "access_bar"), "“I Understand”"));
  g_assert_false (row_sensitive (f, f->unit));
  g_assert_false (gtk_widget_get_sensitive (INDICATORS (f, "import_button")));
  g_assert_false (gtk_widget_get_sensitive (HOLIDAYS (f, "add_grid")));
  g_assert_false (gtk_widget_get_sensitive (PREFERENCES (f, "due_soon_row")));
  /* Nothing at all may be written: one's own name neither. */
  g_assert_false (gtk_widget_get_sensitive (PREFERENCES (f, "display_name_row")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (PREFERENCES (f, "display_name_hint"))),
                            "“I Understand”"));

  dd_store_acknowledge_lock_warning (f->store);
  dd_test_iterate (50);
  assert_admin (f);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) read_only = dd_store_open (f->path, DD_STORE_OPEN_READ_ONLY, &error);
  const char *reason;

  g_assert_no_error (error);
  reason = dd_store_get_read_only_reason (read_only);
  g_assert_nonnull (reason);
  g_assert_cmpint (dd_store_get_role (read_only), ==, DD_ROLE_ADMIN);

  dd_units_page_set_store (f->units, read_only);
  dd_indicators_page_set_store (f->indicators, read_only);
  dd_test_iterate (50);
  wait_for_units (f);
  g_assert_true (dd_units_page_select_unit (f->units, f->unit));
  g_assert_false (gtk_widget_get_sensitive (UNITS (f, "rename_button")));
  g_assert_true (bar_shown (UNITS (f, "access_bar"), reason));
  g_assert_true (tooltip_has (UNITS (f, "rename_button"), reason));
  g_assert_false (row_sensitive (f, f->unit));
  g_assert_true (bar_shown (INDICATORS (f, "access_bar"), reason));
  g_assert_false (gtk_widget_get_sensitive (INDICATORS (f, "dossier_save_button")));

  /* Back to the writable file. */
  dd_units_page_set_store (f->units, f->store);
  dd_indicators_page_set_store (f->indicators, f->store);
  dd_test_iterate (50);
  wait_for_units (f);
  g_assert_true (dd_units_page_select_unit (f->units, f->unit));
  assert_admin (f);
  dd_units_page_set_store (f->units, NULL);
  dd_indicators_page_set_store (f->indicators, NULL);
  g_assert_finalize_object (g_steal_pointer (&read_only));
  dd_units_page_set_store (f->units, f->store);
  dd_indicators_page_set_store (f->indicators, f->store);
}

/* The first task @unit_id leads. (transfer full) */
static DdTask *
task_led_by (DdStore *store,
             gint64   unit_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTaskList) list = NULL;
  DdTaskQuery query;

  dd_task_query_init (&query);
  query.unit_id = unit_id;
  query.lead_only = TRUE;
  list = dd_store_query_tasks (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
  return g_list_model_get_item (G_LIST_MODEL (list), 0);
}

#define EDITOR(editor, name) \
  GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), DD_TYPE_TASK_EDITOR, name))

static gboolean
editor_can_save (DdTaskEditor *editor)
{
  gboolean enabled = FALSE;

  /* As the Save button asks. */
  g_object_get (EDITOR (editor, "save_button"), "sensitive", &enabled, NULL);
  return enabled;
}

/* A task editor left open follows the role both ways: read-only with the
 * reason when the user may no longer change the task, editable again when
 * they may; the text typed meanwhile is kept. */
static void
test_task_editor (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DdTask) other_task = task_led_by (f->store, f->other_unit);
  g_autoptr(DdTask) own_task = task_led_by (f->store, f->unit);
  const char *me = g_get_user_name ();
  DdTaskEditor *editor;
  GtkTextView *title;
  GtkEditable *lead;

  editor = dd_task_editor_new (NULL, f->store, other_task);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_window_present (GTK_WINDOW (editor));
  dd_test_iterate (50);
  title = GTK_TEXT_VIEW (EDITOR (editor, "title_view"));
  lead = GTK_EDITABLE (EDITOR (editor, "lead_entry"));
  g_assert_true (gtk_text_view_get_editable (title));
  g_assert_false (gtk_info_bar_get_revealed (GTK_INFO_BAR (EDITOR (editor, "read_only_bar"))));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (title), "Tiêu đề đang sửa", -1);
  dd_test_iterate (20);
  g_assert_true (editor_can_save (editor));

  /* Made a unit editor of another unit while the editor is open. */
  _dd_store_set_user (f->store, "donvi");
  dd_test_iterate (50);
  g_assert_false (gtk_text_view_get_editable (title));
  g_assert_false (gtk_editable_get_editable (lead));
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (EDITOR (editor, "read_only_bar"))));
  g_assert_false (editor_can_save (editor));

  /* An administrator again: editable, and the typed title is still there. */
  _dd_store_set_user (f->store, me);
  dd_test_iterate (50);
  g_assert_true (gtk_text_view_get_editable (title));
  g_assert_true (gtk_editable_get_editable (lead));
  g_assert_false (gtk_info_bar_get_revealed (GTK_INFO_BAR (EDITOR (editor, "read_only_bar"))));
  g_assert_true (editor_can_save (editor));
  {
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (title), &start, &end);
    text = gtk_text_buffer_get_text (gtk_text_view_get_buffer (title), &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "Tiêu đề đang sửa");
  }
  gtk_window_destroy (GTK_WINDOW (editor));
  dd_test_iterate (50);
  g_assert_null (editor);

  /* A task of the unit editor's own unit: editable, but not its lead unit;
   * and the lead unit editable again once an administrator. */
  _dd_store_set_user (f->store, "donvi");
  editor = dd_task_editor_new (NULL, f->store, own_task);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_window_present (GTK_WINDOW (editor));
  dd_test_iterate (50);
  title = GTK_TEXT_VIEW (EDITOR (editor, "title_view"));
  lead = GTK_EDITABLE (EDITOR (editor, "lead_entry"));
  g_assert_true (gtk_text_view_get_editable (title));
  g_assert_false (gtk_editable_get_editable (lead));
  g_assert_nonnull (gtk_widget_get_tooltip_text (GTK_WIDGET (lead)));
  _dd_store_set_user (f->store, me);
  dd_test_iterate (50);
  g_assert_true (gtk_editable_get_editable (lead));
  g_assert_null (gtk_widget_get_tooltip_text (GTK_WIDGET (lead)));
  gtk_window_destroy (GTK_WINDOW (editor));
  dd_test_iterate (50);
  g_assert_null (editor);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!dd_test_init_gtk ())
    return DD_TEST_EXIT_SKIP;

#define ADD(path, func) \
  g_test_add ("/ui/roles/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("each-role", test_roles);
  ADD ("lock-warning", test_lock_warning);
  ADD ("read-only", test_read_only);
  ADD ("task-editor", test_task_editor);
#undef ADD

  return g_test_run ();
}
