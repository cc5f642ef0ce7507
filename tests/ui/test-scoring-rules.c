/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-scoring-rules"

#include "config.h"

#include <string.h>

#include "dd-scoring-dialog.h"
#include "dd-store-private.h"
#include "dd-units-page.h"
#include "dd-test-gtk.h"

/*
 * "Scoring Rules…" of the Units page, for the administrator (the account
 * that made the file): the fields show the rules, weights that do not add
 * up to 100 are refused with a message and nothing written, a good change
 * is saved and the Units page scores with it at once, and "Reset to
 * Defaults" brings back the documented rules.
 */

#define HCQT "Phòng Hành chính - Quản trị"

typedef struct
{
  DdStore *store;
  DdScoring *scoring;
  char *path;
  GtkWindow *window;
  DdUnitsPage *page;
} Fixture;

static gboolean
page_counted (gpointer data)
{
  return !dd_units_page_is_loading (data);
}

/* Waits for the page's cards, counted on a worker thread. */
static void
wait_for_cards (Fixture *f)
{
  dd_test_wait_for (page_counted, f->page);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  DdScorePeriod q2;
  GDate as_of;

  f->store = dd_test_create_store (&f->path);
  f->scoring = dd_scoring_new (f->store);
  f->page = DD_UNITS_PAGE (dd_units_page_new (f->store));
  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, 14, G_DATE_JUNE, 2026);
  dd_units_page_set_as_of (f->page, &as_of);
  dd_score_period_init (&q2, DD_OCCURRENCE_QUARTER, 2026, 2);
  dd_units_page_set_period (f->page, &q2);

  f->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref (f->window);
  gtk_window_set_default_size (f->window, 1200, 700);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  dd_test_iterate (100);
  wait_for_cards (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *dialog = dd_test_find_toplevel (DD_TYPE_SCORING_DIALOG);

  if (dialog != NULL)
    gtk_window_destroy (dialog);
  gtk_window_destroy (f->window);
  dd_test_iterate (50);
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->scoring);
  g_assert_finalize_object (f->store);
  dd_test_remove_store_file (f->path);
  g_free (f->path);
}

static DdScoringDialog *
open_dialog (Fixture *f)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "units.scoring-rules", NULL));
  dd_test_iterate (100);
  dialog = dd_test_find_toplevel (DD_TYPE_SCORING_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  return DD_SCORING_DIALOG (dialog);
}

static GtkWidget *
dialog_child (DdScoringDialog *dialog,
              const char      *name)
{
  return dd_test_template_child (dialog, DD_TYPE_SCORING_DIALOG, name);
}

static GtkWidget *
scoring_button (Fixture *f)
{
  GtkWidget *label = dd_test_find_label (GTK_WIDGET (f->page), "Scoring Rules…");

  g_assert_nonnull (label);
  return gtk_widget_get_ancestor (label, GTK_TYPE_BUTTON);
}

static double
tasks_weight_on_page (Fixture *f)
{
  GListModel *model = dd_units_page_get_model (f->page);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DdScorecard) card = g_list_model_get_item (model, i);

      if (g_strcmp0 (dd_scorecard_get_unit_name (card), HCQT) == 0)
        return dd_scorecard_get_component (card, DD_SCORE_COMPONENT_TASKS)->weight;
    }
  g_assert_not_reached ();
}

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DdScoringDialog *dialog;
  GtkWidget *button;
  GtkWidget *error_label;
  DdScoreWeights stored;
  g_autoptr(GtkWidget) keep = NULL;

  /* The button is there and, for the administrator, enabled. */
  button = scoring_button (f);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_cmpint (dd_store_get_role (f->store), ==, DD_ROLE_ADMIN);
  g_assert_cmpfloat (tasks_weight_on_page (f), ==, 60.0);

  dialog = open_dialog (f);
  keep = g_object_ref (GTK_WIDGET (dialog));
  error_label = dialog_child (dialog, "error_label");
  g_assert_cmpfloat (gtk_spin_button_get_value (dd_scoring_dialog_get_spin (dialog, "score.weight.tasks")), ==, 60);
  g_assert_cmpfloat (gtk_spin_button_get_value (dd_scoring_dialog_get_spin (dialog, "score.late_factor")), ==, 0.75);
  g_assert_cmpfloat (gtk_spin_button_get_value (dd_scoring_dialog_get_spin (dialog, "score.coordinator_share")), ==, 0.3);
  g_assert_cmpfloat (gtk_spin_button_get_value (dd_scoring_dialog_get_spin (dialog, "score.level.excellent")), ==, 90);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (dialog_child (dialog, "sum_label"))), ==,
                   "Sum of the weights: 100 of 100 points");
  g_assert_nonnull (dd_test_find_label (GTK_WIDGET (dialog), "Share of its points a late product keeps"));
  g_assert_nonnull (dd_test_find_label (GTK_WIDGET (dialog), "Lowest score of “Tasks completed well”"));

  /* 70 + 20 + 20 = 110: said at once, refused on Save, nothing written. */
  gtk_spin_button_set_value (dd_scoring_dialog_get_spin (dialog, "score.weight.tasks"), 70);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (dialog_child (dialog, "sum_label"))), ==,
                   "Sum of the weights: 110 of 100 points");
  g_assert_true (gtk_widget_has_css_class (dialog_child (dialog, "sum_label"), "error"));
  g_signal_emit_by_name (dialog_child (dialog, "save_button"), "clicked");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)),
                            "must add up to 100 points; they add up to 110"));
  dd_test_screenshot ("scoring-rules-refused");
  g_assert_true (dd_scoring_get_weights (f->scoring, &stored, &error));
  g_assert_cmpfloat (stored.weight_tasks, ==, 60);

  /* Thresholds out of order. */
  gtk_spin_button_set_value (dd_scoring_dialog_get_spin (dialog, "score.weight.reports"), 10);
  gtk_spin_button_set_value (dd_scoring_dialog_get_spin (dialog, "score.level.pass"), 80);
  g_assert_false (dd_scoring_dialog_save (dialog, &error));
  g_assert_error (error, DD_SCORING_ERROR, DD_SCORING_ERROR_WEIGHTS);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "“Tasks completed” (80) is above"));
  g_clear_error (&error);

  /* A good set: saved, the dialog closes, the page scores with it. */
  gtk_spin_button_set_value (dd_scoring_dialog_get_spin (dialog, "score.level.pass"), 50);
  gtk_spin_button_set_value (dd_scoring_dialog_get_spin (dialog, "score.late_factor"), 0.5);
  g_signal_emit_by_name (dialog_child (dialog, "save_button"), "clicked");
  dd_test_iterate (100);
  g_assert_null (dd_test_find_toplevel (DD_TYPE_SCORING_DIALOG));
  g_assert_true (dd_scoring_get_weights (f->scoring, &stored, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (stored.weight_tasks, ==, 70);
  g_assert_cmpfloat (stored.weight_reports, ==, 10);
  g_assert_cmpfloat (stored.late_factor, ==, 0.5);
  wait_for_cards (f);
  g_assert_cmpfloat (tasks_weight_on_page (f), ==, 70.0);
  g_clear_object (&keep);

  /* Reset to Defaults, then Save: the documented rules again. */
  dialog = open_dialog (f);
  g_assert_cmpfloat (gtk_spin_button_get_value (dd_scoring_dialog_get_spin (dialog, "score.weight.tasks")), ==, 70);
  g_signal_emit_by_name (dialog_child (dialog, "reset_button"), "clicked");
  g_assert_cmpfloat (gtk_spin_button_get_value (dd_scoring_dialog_get_spin (dialog, "score.weight.tasks")), ==, 60);
  g_assert_cmpfloat (gtk_spin_button_get_value (dd_scoring_dialog_get_spin (dialog, "score.late_factor")), ==, 0.75);
  dd_test_screenshot ("scoring-rules-defaults");
  g_assert_true (dd_scoring_dialog_save (dialog, &error));
  g_assert_no_error (error);
  dd_test_iterate (100);
  g_assert_true (dd_scoring_get_weights (f->scoring, &stored, &error));
  g_assert_cmpfloat (stored.weight_tasks, ==, 60);
  g_assert_cmpfloat (stored.late_factor, ==, 0.75);
  wait_for_cards (f);
  g_assert_cmpfloat (tasks_weight_on_page (f), ==, 60.0);
}

/* A viewer sees the rules and cannot change them. */
static void
test_viewer (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(DdUsers) accounts = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  DdScoreWeights weights;

  accounts = dd_users_new (f->store);
  g_assert_true (dd_users_set_role (accounts, "xem", "Người xem", DD_ROLE_VIEWER, 0, &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (f->page)));
  _dd_store_set_user (f->store, "xem");
  g_assert_cmpint (dd_store_get_role (f->store), ==, DD_ROLE_VIEWER);
  dd_units_page_reload (f->page);
  dd_test_iterate (50);
  /* The button follows its action: disabled; activating it opens nothing. */
  g_assert_false (gtk_widget_get_sensitive (scoring_button (f)));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "units.scoring-rules", NULL);
  dd_test_iterate (50);
  g_assert_null (dd_test_find_toplevel (DD_TYPE_SCORING_DIALOG));

  dialog = dd_scoring_dialog_new (NULL, f->store);
  gtk_window_present (GTK_WINDOW (dialog));
  dd_test_iterate (50);
  g_assert_false (gtk_widget_get_sensitive (dialog_child (DD_SCORING_DIALOG (dialog), "save_button")));
  g_assert_false (gtk_widget_get_sensitive (dialog_child (DD_SCORING_DIALOG (dialog), "reset_button")));
  g_assert_true (gtk_widget_get_visible (dialog_child (DD_SCORING_DIALOG (dialog), "access_label")));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (dialog_child (DD_SCORING_DIALOG (dialog),
                                                                                "access_label"))),
                                   "You can see the scoring rules, but not change them. Your role in this "
                                   "database is “viewer”"));
  g_assert_false (gtk_widget_get_visible (dialog_child (DD_SCORING_DIALOG (dialog), "error_label")));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The file itself refuses a viewer's change. */
  dd_score_weights_init_defaults (&weights);
  weights.weight_tasks = 70;
  weights.weight_reports = 10;
  g_assert_false (dd_scoring_set_weights (f->scoring, &weights, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!dd_test_init_gtk ())
    return DD_TEST_EXIT_SKIP;

  g_test_add ("/ui/scoring-rules/edit", Fixture, NULL, fixture_set_up, test_edit, fixture_tear_down);
  g_test_add ("/ui/scoring-rules/viewer", Fixture, NULL, fixture_set_up, test_viewer, fixture_tear_down);

  return g_test_run ();
}
