/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-indicators-page"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "dd-indicators-page.h"
#include "dd-test-gtk.h"

/*
 * The Indicators page over plan 662/KH-VPUB: "Import Figures…" (a good
 * file fills the grid; a bad one changes nothing and says where), and the
 * dossier figures form of the Public Administration Service Center: the
 * gap between late dossiers and apology letters, the checks, saving, and
 * a quarter whose months have figures.
 */

typedef struct
{
  char *path;
  DdStore *store;
  DdFigures *figures;
  GtkWindow *window;
  DdIndicatorsPage *page;
  gint64 typed;
} Fixture;

static GObject *
child (Fixture    *f,
       const char *name)
{
  return dd_test_template_child (f->page, DD_TYPE_INDICATORS_PAGE, name);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) indicators = NULL;
  g_autoptr(GError) error = NULL;

  f->store = dd_test_create_store (&f->path);
  f->figures = dd_figures_new (f->store);
  indicators = dd_figures_list_indicators (f->figures, 0, &error);
  g_assert_no_error (error);
  f->typed = ((DdIndicatorInfo *) g_ptr_array_index (indicators, 0))->id;

  f->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref (f->window);
  /* @data: a narrower window (its width), whose grid scrolls both ways. */
  if (data != NULL)
    gtk_window_set_default_size (f->window, GPOINTER_TO_INT (data), 360);
  else
    gtk_window_set_default_size (f->window, 1300, 800);
  f->page = DD_INDICATORS_PAGE (dd_indicators_page_new (f->store));
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  /* The figures of 2026, whatever the year of the clock. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (f, "year_spin")), 2026);
  dd_test_iterate (100);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  dd_test_iterate (50);
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->figures);
  g_assert_finalize_object (f->store);
  dd_test_remove_store_file (f->path);
  g_free (f->path);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *text)
{
  g_autofree char *dir = g_path_get_dirname (f->path);
  char *path = g_build_filename (dir, name, NULL);

  dd_test_write_file (path, text, -1);
  return path;
}

static gint64
n_figures (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) figures = dd_figures_list_indicator_figures (f->figures, 0, NULL, &error);

  g_assert_no_error (error);
  return figures->len;
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *good = write_file (f, "good.csv",
                                      "Chỉ tiêu;Đơn vị;Kỳ;Tử số;Mẫu số;Nguồn\n"
                                      "662/KH-VPUB#1;Phòng Hành chính - Quản trị;2026-Q2;412;415;BC 12\n"
                                      "662/KH-VPUB#1;Trung tâm Phục vụ Hành chính công;2026-Q3;98;100;\n");
  g_autofree char *bad = write_file (f, "bad.csv",
                                     "662/KH-VPUB#1;Phòng Hành chính - Quản trị;2026-Q1;1;1;\n"
                                     "662/KH-VPUB#1;Phòng Hành chính - Quản trị;2026-Q7;1;1;\n");
  g_autoptr(GFile) good_file = g_file_new_for_path (good);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_autoptr(GError) error = NULL;
  GtkWidget *button = GTK_WIDGET (child (f, "import_button"));
  guint n = 0;

  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Import Figures…");

  /* The button opens a file chooser (not driven here: it is the
   * platform's); the chosen file goes to dd_indicators_page_import_file(). */
  g_assert_true (dd_indicators_page_import_file (f->page, good_file, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (n_figures (f), ==, 2);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (f, "summary_label"))), ==, "Imported 2 figures.");
  /* The grid shows them at once. */
  g_assert_nonnull (dd_test_find_label (GTK_WIDGET (f->page), "Phòng Hành chính - Quản trị"));
  {
    gboolean seen = FALSE;

    /* (The rows in view have cells: its unit's is among them.) */
    for (guint row = 0; row < dd_indicators_page_get_n_rows (f->page); row++)
      for (int q = 1; q <= 4; q++)
        {
          GtkWidget *w = dd_indicators_page_get_cell (f->page, row, q);

          if (!GTK_IS_ENTRY (w) || g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (w)), "412/415") != 0)
            continue;
          seen = TRUE;
          /* Its figure and source in its tooltip; the cell still shown
           * (the tooltip is set while it is hidden). */
          g_assert_cmpstr (gtk_widget_get_tooltip_text (w), ==, "412 of 415 — source: BC 12");
          g_assert_true (gtk_widget_get_visible (w));
          g_assert_true (gtk_widget_get_mapped (w));
        }
    g_assert_true (seen);
  }
  dd_test_screenshot ("indicators-imported");

  g_assert_false (dd_indicators_page_import_file (f->page, bad_file, &n, &error));
  g_assert_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_DATE);
  g_assert_nonnull (strstr (error->message, "Line 2, column 3 (period)"));
  g_assert_cmpint (n_figures (f), ==, 2);
}

/* A file of more than 999 figures: the count is grouped ("1,200", "1.200"
 * in Vietnamese), as every count the user reads. */
static void
test_import_count (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("Chỉ tiêu;Đơn vị;Kỳ;Tử số;Mẫu số;Nguồn\n");
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GPtrArray) indicators = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  guint n_rows = 0, n = 0;

  units = dd_store_list_units (f->store, 0, &error);
  g_assert_no_error (error);
  indicators = dd_figures_list_indicators (f->figures, 0, &error);
  g_assert_no_error (error);
  /* Each typed indicator (by its id), the whole office ("") and each
   * unit, every quarter back from 2026. */
  for (guint k = 0; n_rows < 1200 && k < indicators->len; k++)
    {
      const DdIndicatorInfo *info = g_ptr_array_index (indicators, k);

      if (info->derived)
        continue;
      for (guint i = 0; n_rows < 1200 && i <= g_list_model_get_n_items (units); i++)
        {
          g_autoptr(DdUnit) unit = i > 0 ? g_list_model_get_item (units, i - 1) : NULL;

          if (unit != NULL && dd_unit_get_is_group (unit))
            continue;
          for (int year = 2026; year >= 1950 && n_rows < 1200; year--)
            for (int q = 1; q <= 4 && n_rows < 1200; q++, n_rows++)
              g_string_append_printf (text, "%" G_GINT64_FORMAT ";%s;%d-Q%d;9;10;\n", info->id,
                                      unit != NULL ? dd_unit_get_name (unit) : "", year, q);
        }
    }
  g_assert_cmpuint (n_rows, ==, 1200);
  path = write_file (f, "many.csv", text->str);
  file = g_file_new_for_path (path);

  g_assert_true (dd_indicators_page_import_file (f->page, file, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1200);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (f, "summary_label"))), ==, "Imported 1,200 figures.");
}

static void
set_spins (Fixture *f,
           int      received,
           int      on_time,
           int      late,
           int      pending,
           int      apologies)
{
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (f, "received_spin")), received);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (f, "on_time_spin")), on_time);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (f, "late_spin")), late);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (f, "pending_spin")), pending);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (f, "apologies_spin")), apologies);
}

/* Selects the period of the drop-down whose label is @label. */
static void
select_period (Fixture    *f,
               const char *label)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (child (f, "dossier_period_dropdown"));
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      const char *text = gtk_string_list_get_string (GTK_STRING_LIST (model), i);

      if (g_str_has_suffix (text, label))
        {
          gtk_drop_down_set_selected (dropdown, i);
          return;
        }
    }
  g_error ("No period “%s”", label);
}

/* Clicks @label in the question the page asks (a message dialog). */
static void
answer_question (const char *label)
{
  GtkWindow *dialog = dd_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG);
  GtkWidget *found;

  g_assert_nonnull (dialog);
  found = dd_test_find_label (GTK_WIDGET (dialog), label);
  g_assert_nonnull (found);
  g_signal_emit_by_name (gtk_widget_get_ancestor (found, GTK_TYPE_BUTTON), "clicked");
  dd_test_iterate (50);
  g_assert_null (dd_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG));
}

static void
test_dossier (Fixture       *f,
              gconstpointer  data)
{
  GtkLabel *gap = GTK_LABEL (child (f, "apology_gap_label"));
  GtkLabel *message = GTK_LABEL (child (f, "dossier_message_label"));
  GtkDropDown *units = GTK_DROP_DOWN (child (f, "dossier_unit_dropdown"));
  g_autoptr(GError) error = NULL;
  DdDossierFigures sum;
  DdScorePeriod q2, may;
  gboolean found = FALSE;

  /* The Service Center is chosen at first. */
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (units)),
                                               gtk_drop_down_get_selected (units)),
                   ==, "Trung tâm Phục vụ Hành chính công");

  select_period (f, "Month 5/2026");
  set_spins (f, 1200, 1150, 12, 38, 9);
  g_assert_cmpstr (gtk_label_get_text (gap), ==, "3 late dossiers have no apology letter (12 late, 9 letters).");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (gap), "error"));
  gtk_editable_set_text (GTK_EDITABLE (child (f, "dossier_source_entry")), "Báo cáo số 45/BC-TTPVHCC");
  g_signal_emit_by_name (child (f, "dossier_save_button"), "clicked");
  g_assert_cmpstr (gtk_label_get_text (message), ==, "Dossier figures of Month 5/2026 saved.");
  dd_test_screenshot ("indicators-dossier");

  dd_score_period_init (&may, DD_OCCURRENCE_MONTH, 2026, 5);
  g_assert_true (dd_figures_get_dossier_figures (f->figures, -1, &may, &sum, &found, &error));
  g_assert_true (found);
  g_assert_cmpuint (sum.received, ==, 1200);
  g_assert_cmpuint (sum.late, ==, 12);
  g_assert_cmpuint (sum.apologies, ==, 9);

  /* Figures that cannot be: refused, said in the form, nothing written. */
  set_spins (f, 100, 90, 20, 0, 0);
  g_signal_emit_by_name (child (f, "dossier_save_button"), "clicked");
  g_assert_nonnull (strstr (gtk_label_get_text (message), "on time (90) and late (20) add up to 110, more than the 100 received"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (message), "error"));
  set_spins (f, 100, 80, 5, 0, 6);
  g_assert_cmpstr (gtk_label_get_text (gap), ==, "Apology letters were sent for all 5 late dossiers.");
  g_assert_false (dd_indicators_page_save_dossier (f->page, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (dd_figures_get_dossier_figures (f->figures, -1, &may, &sum, &found, &error));
  g_assert_cmpuint (sum.received, ==, 1200);

  /* The quarter shows the sums of its months, and is not edited whole.
   * The figures typed (and refused) are not dropped unasked: discarded. */
  select_period (f, "Quarter II/2026");
  answer_question ("Discard");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child (f, "received_spin"))), ==, 1200);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (child (f, "dossier_save_button"))));
  g_assert_cmpstr (gtk_label_get_text (message), ==, "These are the sums of the quarter's months: edit the months.");

  /* Back to May: what was saved is read again. */
  select_period (f, "Month 5/2026");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child (f, "late_spin"))), ==, 12);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (child (f, "dossier_save_button"))));

  /* A quarter recorded whole locks its months. */
  select_period (f, "Quarter III/2026");
  set_spins (f, 50, 45, 2, 3, 2);
  g_assert_cmpstr (gtk_label_get_text (gap), ==, "Apology letters were sent for all 2 late dossiers.");
  g_assert_true (dd_indicators_page_save_dossier (f->page, &error));
  g_assert_no_error (error);
  dd_score_period_init (&q2, DD_OCCURRENCE_QUARTER, 2026, 3);
  g_assert_true (dd_figures_get_dossier_figures (f->figures, -1, &q2, &sum, &found, &error));
  g_assert_cmpuint (sum.received, ==, 50);
  select_period (f, "Month 8/2026");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (child (f, "dossier_save_button"))));
}

/* Where @widget lies in the window. */
static graphene_rect_t
bounds_in_window (Fixture   *f,
                  GtkWidget *widget)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (f->window), &bounds));
  return bounds;
}

/* The grid's headings (the units, the quarters) stay in view however far
 * the grid scrolls, down or across, each over its own column. */
static void
test_headings (Fixture       *f,
               gconstpointer  data)
{
  GtkGrid *header_grid = GTK_GRID (child (f, "header_grid"));
  GtkScrolledWindow *grid_window = GTK_SCROLLED_WINDOW (child (f, "grid_window"));
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (grid_window);
  GtkAdjustment *hadjustment = gtk_scrolled_window_get_hadjustment (grid_window);
  graphene_rect_t window_bounds;
  g_autoptr(GError) error = NULL;
  GtkWidget *unit_label;
  guint last_row;

  /* A unit's name longer than the window is wide: the grid scrolls across. */
  g_assert_true (dd_store_rename_unit (f->store, dd_test_unit_id (f->store, "Phòng Hành chính - Quản trị"),
                                       "Phòng Hành chính - Quản trị, Tổng hợp, Thi đua - Khen thưởng, "
                                       "Công nghệ thông tin và Chuyển đổi số của Văn phòng",
                                       &error));
  g_assert_no_error (error);
  dd_test_iterate (300);
  window_bounds = bounds_in_window (f, GTK_WIDGET (grid_window));
  last_row = dd_indicators_page_get_n_rows (f->page) - 1;
  /* The narrow window scrolls both ways. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), >, gtk_adjustment_get_page_size (vadjustment));
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), >, gtk_adjustment_get_page_size (hadjustment));

  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
  gtk_adjustment_set_value (hadjustment, 40);
  dd_test_iterate (200);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 0);
  g_assert_cmpfloat (gtk_adjustment_get_value (hadjustment), ==, 40);
  /* The last row is in view, so it has cells; its unit's name before them. */
  g_assert_nonnull (dd_indicators_page_get_cell (f->page, last_row, 1));
  unit_label = gtk_widget_get_first_child (gtk_widget_get_parent (dd_indicators_page_get_cell (f->page, last_row, 1)));
  g_assert_true (GTK_IS_LABEL (unit_label));
  for (int q = 0; q <= 4; q++)
    {
      GtkWidget *heading = gtk_grid_get_child_at (header_grid, q, 0);
      GtkWidget *cell = q > 0 ? dd_indicators_page_get_cell (f->page, last_row, q) : unit_label;
      graphene_rect_t h;
      graphene_rect_t c;

      g_assert_true (GTK_IS_LABEL (heading));
      g_assert_true (gtk_widget_get_mapped (heading));
      h = bounds_in_window (f, heading);
      c = bounds_in_window (f, cell);
      /* Above the scrolled rows, in view. */
      g_assert_cmpfloat (h.origin.y + h.size.height, <=, window_bounds.origin.y);
      g_assert_cmpfloat (h.origin.y, >=, 0);
      /* Over its column, scrolled across with it. */
      g_assert_cmpfloat (fabs (h.origin.x - c.origin.x), <, 1);
      g_assert_cmpfloat (fabs (h.size.width - c.size.width), <, 1);
    }
  {
    DdScorePeriod first;
    g_autofree char *label = NULL;
    g_autofree char *cell_label = NULL;
    g_autofree char *problem = NULL;

    dd_score_period_init (&first, DD_OCCURRENCE_QUARTER, 2026, 1);
    label = dd_score_period_dup_label (&first);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (header_grid, 1, 0))), ==, label);
    /* A screen reader names each cell by its unit and quarter. */
    cell_label = g_strdup_printf ("%s, %s", gtk_label_get_text (GTK_LABEL (unit_label)), label);
    problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (dd_indicators_page_get_cell (f->page, last_row, 1)),
                                                  GTK_ACCESSIBLE_PROPERTY_LABEL, cell_label);
    g_assert_null (problem);
    /* (The check does compare: the next quarter's cell is not named so.) */
    g_free (problem);
    problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (dd_indicators_page_get_cell (f->page, last_row, 2)),
                                                  GTK_ACCESSIBLE_PROPERTY_LABEL, cell_label);
    g_assert_nonnull (problem);
  }
  dd_test_screenshot ("indicators-headings-scrolled");
}

/* The cells made for the rows of the grid, in view or about to be. */
static guint
n_cells_made (Fixture *f)
{
  guint n = 0;

  for (guint row = 0; row < dd_indicators_page_get_n_rows (f->page); row++)
    for (int q = 1; q <= 4; q++)
      n += dd_indicators_page_get_cell (f->page, row, q) != NULL;
  return n;
}

/* 300 units more: the grid makes cells for the rows in view only, and a
 * figure typed in a cell that scrolls out of view and back is kept, then
 * recorded with the others. */
static void
test_many_units (Fixture       *f,
                 gconstpointer  data)
{
  GtkScrolledWindow *grid_window = GTK_SCROLLED_WINDOW (child (f, "grid_window"));
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (grid_window);
  g_autoptr(GString) csv = g_string_new ("task;lead;deadline\n");
  g_autoptr(DdImportedPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *figures = NULL;
  guint n_rows;

  for (guint i = 1; i <= 300; i++)
    g_string_append_printf (csv, "Nhiệm vụ %u;Phòng thử nghiệm số %03u;Tháng 6/2026\n", i, i);
  plan = dd_importer_parse_data (csv->str, csv->len, DD_IMPORT_FORMAT_CSV, "many-units.csv", &error);
  g_assert_no_error (error);
  g_assert_true (dd_store_import_plan (f->store, plan, NULL, &error));
  g_assert_no_error (error);
  dd_test_iterate (300);

  n_rows = dd_indicators_page_get_n_rows (f->page);
  g_assert_cmpuint (n_rows, >, 300);
  g_assert_cmpuint (n_cells_made (f), <, n_rows * 4 / 2);
  g_assert_nonnull (dd_indicators_page_get_cell (f->page, 0, 1));

  /* Typed in the last row (the focus elsewhere), scrolled away and back:
   * its widgets went to other rows meanwhile. */
  gtk_widget_grab_focus (GTK_WIDGET (child (f, "source_entry")));
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
  dd_test_iterate (200);
  g_assert_null (dd_indicators_page_get_cell (f->page, n_rows / 2, 1));
  gtk_editable_set_text (GTK_EDITABLE (dd_indicators_page_get_cell (f->page, n_rows - 1, 1)), "5/6");
  gtk_adjustment_set_value (vadjustment, 0);
  dd_test_iterate (200);
  g_assert_null (dd_indicators_page_get_cell (f->page, n_rows - 1, 1));
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
  dd_test_iterate (200);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dd_indicators_page_get_cell (f->page, n_rows - 1, 1))), ==,
                   "5/6");
  g_assert_cmpint (n_figures (f), ==, 0);

  /* Recorded as before the window closes. */
  g_assert_true (dd_indicators_page_save_typed (f->page, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_figures (f), ==, 1);
  dd_test_screenshot ("indicators-many-units");
}

/* Whether the window's focus is in @cell (its text). */
static gboolean
focus_in (Fixture   *f,
          GtkWidget *cell)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  return cell != NULL && focus != NULL && (focus == cell || gtk_widget_is_ancestor (focus, cell));
}

/* Tab goes along a row and on to the next one, Shift+Tab back. */
static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  gtk_widget_grab_focus (dd_indicators_page_get_cell (f->page, 0, 3));
  g_assert_true (focus_in (f, dd_indicators_page_get_cell (f->page, 0, 3)));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
  g_assert_true (focus_in (f, dd_indicators_page_get_cell (f->page, 0, 4)));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
  dd_test_iterate (50);
  g_assert_true (focus_in (f, dd_indicators_page_get_cell (f->page, 1, 1)));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_BACKWARD));
  dd_test_iterate (50);
  g_assert_true (focus_in (f, dd_indicators_page_get_cell (f->page, 0, 4)));
}

static gboolean
page_loaded (gpointer data)
{
  Fixture *f = data;

  return !dd_indicators_page_is_loading (f->page);
}

/* The texts of @unit_id's four quarters of 2026 as the core gives them
 * (the scorecards of each quarter), "—" where nothing was counted (the
 * unit has no card, or no task due and no dossier in the quarter). */
static void
expected_derived (Fixture *f,
                  gint64   indicator_id,
                  gint64   unit_id,
                  char    *out[4])
{
  g_autoptr(DdScoring) scoring = dd_scoring_new (f->store);

  for (int q = 1; q <= 4; q++)
    {
      g_autoptr(GListModel) cards = NULL;
      g_autoptr(GError) error = NULL;
      DdScorePeriod quarter;

      dd_score_period_init (&quarter, DD_OCCURRENCE_QUARTER, 2026, q);
      cards = dd_scoring_list_scorecards (scoring, &quarter, NULL, &error);
      g_assert_no_error (error);
      out[q - 1] = g_strdup ("—");
      for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
        {
          g_autoptr(DdScorecard) card = g_list_model_get_item (cards, i);
          const DdScoreIndicator *figure = dd_scorecard_find_indicator (card, indicator_id);

          if (dd_scorecard_get_unit_id (card) == unit_id && figure != NULL && figure->denominator > 0)
            {
              g_free (out[q - 1]);
              out[q - 1] = g_strdup_printf ("%g/%g", figure->numerator, figure->denominator);
            }
        }
    }
}

/* A derived indicator ("đúng hạn"): its cells show the scorecards'
 * figures of each unit and quarter, counted off the main thread, read-only
 * (never typed, whoever looks), named by unit and quarter; the dossier
 * figures of a quarter count in it, as in the scorecards. */
static void
test_derived (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) indicators = NULL;
  g_autoptr(GError) error = NULL;
  GtkDropDown *dropdown = GTK_DROP_DOWN (child (f, "indicator_dropdown"));
  gint64 center = dd_test_unit_id (f->store, "Trung tâm Phục vụ Hành chính công");
  DdDossierFigures dossiers = { .received = 40, .on_time = 30, .late = 6, .pending = 4, .apologies = 6 };
  DdScorePeriod second;
  guint derived = G_MAXUINT;
  guint n_figures = 0, n_dashes = 0, n_checked = 0;
  gboolean center_seen = FALSE;

  indicators = dd_figures_list_indicators (f->figures, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < indicators->len && derived == G_MAXUINT; i++)
    if (((DdIndicatorInfo *) g_ptr_array_index (indicators, i))->derived)
      derived = i;
  g_assert_cmpuint (derived, <, indicators->len);
  dd_score_period_init (&second, DD_OCCURRENCE_QUARTER, 2026, 2);
  g_assert_true (dd_figures_set_dossier_figures (f->figures, center, &second, &dossiers, NULL, &error));
  g_assert_no_error (error);
  dd_test_iterate (100);

  gtk_drop_down_set_selected (dropdown, derived);
  /* Counted on the scoring's worker: the page says so meanwhile. */
  g_assert_true (dd_indicators_page_is_loading (f->page));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (f, "summary_label"))), ==,
                   "Counting the figures from the tasks…");
  dd_test_wait_for (page_loaded, f);
  dd_test_iterate (200);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (f, "summary_label"))), ==,
                   "This indicator is computed from the tasks done on time and the dossier figures, "
                   "as the unit scorecards count them: it cannot be typed.");

  for (guint row = 0; row < dd_indicators_page_get_n_rows (f->page); row++)
    {
      GtkWidget *first = dd_indicators_page_get_cell (f->page, row, 1);
      const char *name;
      gint64 unit_id;
      char *expected[4];

      if (first == NULL)
        continue;
      name = gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (gtk_widget_get_parent (first))));
      unit_id = dd_test_unit_id (f->store, name);
      expected_derived (f, ((DdIndicatorInfo *) g_ptr_array_index (indicators, derived))->id, unit_id, expected);
      for (int q = 1; q <= 4; q++)
        {
          GtkWidget *cell = dd_indicators_page_get_cell (f->page, row, q);
          DdScorePeriod quarter;
          g_autofree char *label = NULL;
          g_autofree char *quarter_label = NULL;
          g_autofree char *problem = NULL;

          g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell)), ==, expected[q - 1]);
          n_figures += g_strcmp0 (expected[q - 1], "—") != 0;
          n_dashes += g_strcmp0 (expected[q - 1], "—") == 0;
          /* Readable and reached with Tab, never edited. */
          g_assert_true (gtk_widget_get_sensitive (cell));
          g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (cell)));
          g_assert_true (gtk_widget_has_css_class (cell, "computed"));
          dd_score_period_init (&quarter, DD_OCCURRENCE_QUARTER, 2026, q);
          quarter_label = dd_score_period_dup_label (&quarter);
          label = g_strdup_printf ("%s, %s", name, quarter_label);
          problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, label);
          g_assert_null (problem);
          n_checked++;
          g_free (expected[q - 1]);
        }
      if (unit_id == center)
        {
          /* 30 of its 36 dossiers resolved on time, and its tasks. */
          GtkWidget *cell = dd_indicators_page_get_cell (f->page, row, 2);
          double numerator = 0, denominator = 0;

          g_assert_cmpint (sscanf (gtk_editable_get_text (GTK_EDITABLE (cell)), "%lf/%lf", &numerator, &denominator),
                           ==, 2);
          g_assert_cmpfloat (numerator, >=, 30);
          g_assert_cmpfloat (denominator, >=, 36);
          center_seen = TRUE;
        }
    }
  g_assert_cmpuint (n_checked, >=, 8);
  g_assert_cmpuint (n_figures, >, 0);
  g_assert_cmpuint (n_dashes, >, 0);
  g_assert_true (center_seen);
  dd_test_screenshot ("indicators-derived");

  /* Back to a typed indicator: its cells may be typed in again. */
  gtk_drop_down_set_selected (dropdown, 0);
  dd_test_iterate (200);
  g_assert_false (dd_indicators_page_is_loading (f->page));
  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (dd_indicators_page_get_cell (f->page, 0, 1))));
  g_assert_false (gtk_widget_has_css_class (dd_indicators_page_get_cell (f->page, 0, 1), "computed"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* GTK's test accessibility backend keeps the cells' accessible labels
   * for gtk_test_accessible_check_property(). */
  g_setenv ("GTK_A11Y", "test", TRUE);

  if (!dd_test_init_gtk ())
    return DD_TEST_EXIT_SKIP;
  /* The app's style sheet: the grid's rows line up with its headings. */
  dd_test_load_app_style ();

#define ADD(path, func) \
  g_test_add ("/ui/indicators/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("import", test_import);
  ADD ("import-count", test_import_count);
  ADD ("dossier", test_dossier);
  ADD ("many-units", test_many_units);
  ADD ("keyboard", test_keyboard);
  ADD ("derived", test_derived);
  g_test_add ("/ui/indicators/headings", Fixture, GINT_TO_POINTER (640), fixture_set_up, test_headings,
              fixture_tear_down);

#undef ADD

  return g_test_run ();
}
