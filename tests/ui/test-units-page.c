/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-units-page"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "dd-indicators-page.h"
#include "dd-merge-dialog.h"
#include "dd-unit-search.h"
#include "dd-units-page.h"
#include "dd-test-gtk.h"

/*
 * The Units page over the seed plan 662/KH-VPUB (task 1 done on
 * 28/04/2026), second quarter of 2026 judged at its end: rows sorted by
 * name in Vietnamese order, by score on demand; selecting a unit shows its
 * card; rename and merge. And the Indicators page's grid.
 */

#define HCQT "Phòng Hành chính - Quản trị"
#define TTPV "Trung tâm Phục vụ Hành chính công"

typedef struct
{
  DdStore *store;
  char *path;
  GtkWindow *window;
  DdUnitsPage *page;
} Fixture;

static gboolean
page_counted (gpointer data)
{
  return !dd_units_page_is_loading (data);
}

/* Waits for the cards, counted on a worker thread. */
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
  f->page = DD_UNITS_PAGE (dd_units_page_new (f->store));
  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, 14, G_DATE_JUNE, 2026);
  dd_units_page_set_as_of (f->page, &as_of);
  dd_score_period_init (&q2, DD_OCCURRENCE_QUARTER, 2026, 2);
  dd_units_page_set_period (f->page, &q2);

  f->window = GTK_WINDOW (gtk_window_new ());
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
  gtk_window_destroy (f->window);
  dd_test_iterate (50);
  g_clear_object (&f->store);
  dd_test_remove_store_file (f->path);
  g_free (f->path);
}

static gint64
unit_id (Fixture    *f,
         const char *name)
{
  GListModel *model = dd_units_page_get_model (f->page);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DdScorecard) card = g_list_model_get_item (model, i);

      if (g_strcmp0 (dd_scorecard_get_unit_name (card), name) == 0)
        return dd_scorecard_get_unit_id (card);
    }
  return 0;
}

static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  GListModel *model = dd_units_page_get_model (f->page);
  GtkColumnView *view = NULL;
  GtkColumnViewColumn *score_column = NULL;
  guint n = g_list_model_get_n_items (model);
  double previous = INFINITY;
  gboolean seen_unscored = FALSE;

  g_assert_cmpuint (n, >=, 3);
  /* By name at first, in Vietnamese order ("Các…" before "Phòng…" before "Trung…"). */
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(DdScorecard) a = g_list_model_get_item (model, i - 1);
      g_autoptr(DdScorecard) b = g_list_model_get_item (model, i);

      g_assert_cmpint (dd_text_collate (dd_scorecard_get_unit_name (a), dd_scorecard_get_unit_name (b)), <=, 0);
    }

  /* By score, best first; units without a score last. */
  view = GTK_COLUMN_VIEW (dd_test_find_descendant (GTK_WIDGET (f->page), GTK_TYPE_COLUMN_VIEW));
  g_assert_nonnull (view);
  for (guint i = 0; i < g_list_model_get_n_items (gtk_column_view_get_columns (view)); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (gtk_column_view_get_columns (view), i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), "Score") == 0)
        score_column = column;
    }
  g_assert_nonnull (score_column);
  gtk_column_view_sort_by_column (view, score_column, GTK_SORT_DESCENDING);
  dd_test_iterate (50);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdScorecard) card = g_list_model_get_item (model, i);

      if (!dd_scorecard_has_score (card))
        {
          seen_unscored = TRUE;
          continue;
        }
      g_assert_false (seen_unscored);
      g_assert_cmpfloat (dd_scorecard_get_score (card), <=, previous);
      previous = dd_scorecard_get_score (card);
    }
}

static void
test_card (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *text = NULL;
  gint64 hcqt = unit_id (f, HCQT);
  DdScorecard *card;

  g_assert_cmpint (hcqt, >, 0);
  g_assert_null (dd_units_page_get_selected (f->page));
  g_assert_true (dd_units_page_select_unit (f->page, hcqt));
  dd_test_iterate (50);
  card = dd_units_page_get_selected (f->page);
  g_assert_nonnull (card);
  g_assert_cmpint (dd_scorecard_get_unit_id (card), ==, hcqt);

  text = dd_units_page_dup_card_text (f->page);
  g_assert_true (g_str_has_prefix (text, HCQT));
  /* The components with their points, and the tasks by status. */
  g_assert_nonnull (strstr (text, dd_score_component_get_label (DD_SCORE_COMPONENT_TASKS)));
  g_assert_nonnull (strstr (text, dd_score_component_get_label (DD_SCORE_COMPONENT_REPORTS)));
  g_assert_nonnull (strstr (text, dd_task_status_get_label (DD_STATUS_DONE_ON_TIME)));
  if (dd_scorecard_has_score (card))
    g_assert_nonnull (strstr (text, dd_score_level_get_label (dd_scorecard_get_level (card))));
  /* The "6 rõ" component is made of task counts, shown as whole numbers
   * ("4 of 5", not "4.00 of 5.00"). */
  {
    const DdScoreComponentResult *six = dd_scorecard_get_component (card, DD_SCORE_COMPONENT_SIX_CLEAR);
    g_autofree char *expected = NULL;

    g_assert_cmpfloat (six->possible, >, 0);
    g_assert_cmpfloat (six->earned, ==, floor (six->earned));
    /* Each cell of the card is a line of its text. */
    expected = g_strdup_printf ("\n%.0f of %.0f\n", six->earned, six->possible);
    g_assert_nonnull (strstr (text, expected));
  }

  /* Unselecting empties the card. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "units.next-period", NULL));
  g_assert_cmpint (dd_units_page_get_period (f->page)->index, ==, 3);
}

static void
test_rename_merge (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 ttpv = unit_id (f, TTPV);
  gint64 hcqt = unit_id (f, HCQT);
  guint before = g_list_model_get_n_items (dd_units_page_get_model (f->page));

  g_assert_cmpint (ttpv, >, 0);
  g_assert_true (dd_units_page_select_unit (f->page, ttpv));
  g_assert_true (dd_units_page_rename_selected (f->page, "Trung tâm Phục vụ hành chính công tỉnh", &error));
  g_assert_no_error (error);
  /* The rows stay as they were until the cards are counted again. */
  g_assert_true (dd_units_page_is_loading (f->page));
  g_assert_cmpint (unit_id (f, TTPV), ==, ttpv);
  wait_for_cards (f);
  g_assert_cmpint (unit_id (f, "Trung tâm Phục vụ hành chính công tỉnh"), ==, ttpv);
  g_assert_cmpint (dd_scorecard_get_unit_id (dd_units_page_get_selected (f->page)), ==, ttpv);

  /* A name another unit answers to is refused. */
  g_assert_false (dd_units_page_rename_selected (f->page, HCQT, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  /* Merge it into HCQT: one row less, HCQT selected, leading its task. */
  g_assert_true (dd_units_page_merge_selected (f->page, hcqt, &error));
  g_assert_no_error (error);
  wait_for_cards (f);
  g_assert_cmpuint (g_list_model_get_n_items (dd_units_page_get_model (f->page)), ==, before - 1);
  g_assert_cmpint (unit_id (f, "Trung tâm Phục vụ hành chính công tỉnh"), ==, 0);
  g_assert_cmpint (dd_scorecard_get_unit_id (dd_units_page_get_selected (f->page)), ==, hcqt);
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

/* Types @text in @dropdown's search and waits until @n names are shown;
 * every one shown holds @folded once folded. */
static void
search_for (GtkDropDown *dropdown,
            const char  *text,
            guint        n,
            const char  *folded)
{
  GtkWidget *list = dd_test_find_descendant (GTK_WIDGET (dropdown), GTK_TYPE_LIST_VIEW);
  GListModel *shown;
  Shown wanted = { dropdown, n };

  gtk_editable_set_text (dd_unit_search_get_entry (dropdown), text);
  dd_test_wait_for (shows_n, &wanted);
  shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (shown, i);
      g_autofree char *name = dd_text_fold_for_search (gtk_string_object_get_string (item));

      g_assert_nonnull (strstr (name, folded));
    }
}

/* How many of the page's units (not collective phrases) other than
 * @except hold @folded once folded. */
static guint
count_units_with (Fixture    *f,
                  const char *folded,
                  gint64      except)
{
  GListModel *model = dd_units_page_get_model (f->page);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DdScorecard) card = g_list_model_get_item (model, i);
      g_autofree char *name = dd_text_fold_for_search (dd_scorecard_get_unit_name (card));

      if (!dd_scorecard_get_is_group (card) && dd_scorecard_get_unit_id (card) != except &&
          strstr (name, folded) != NULL)
        n++;
    }
  return n;
}

/* The merge dialog: no unit chosen at first, no collective phrase offered,
 * a search that finds "hanh chinh" anywhere, and what moves said before
 * "Merge" can be pressed. */
static void
test_merge_dialog (Fixture       *f,
                   gconstpointer  data)
{
  gint64 ttpv = unit_id (f, TTPV);
  gint64 hcqt = unit_id (f, HCQT);
  g_autoptr(GError) error = NULL;
  g_autofree char *placeholder = NULL;
  g_autofree char *led = NULL;
  g_autofree char *n_led = NULL;
  DdUnitContents contents;
  DdMergeDialog *dialog;
  GtkDropDown *dropdown;
  GListModel *names;
  GtkWidget *merge;
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_free);
  guint hcqt_position = G_MAXUINT;

  g_assert_true (dd_units_page_select_unit (f->page, ttpv));
  g_assert_true (dd_store_count_unit_contents (f->store, ttpv, &contents, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (contents.led_tasks, >, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "units.merge", NULL));
  dialog = DD_MERGE_DIALOG (dd_test_find_toplevel (DD_TYPE_MERGE_DIALOG));
  g_assert_nonnull (dialog);
  dropdown = dd_merge_dialog_get_dropdown (dialog);
  merge = gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);

  /* Nothing chosen, Merge off; what the unit has is said already. */
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, GTK_INVALID_LIST_POSITION);
  g_assert_cmpint (dd_merge_dialog_get_target (dialog), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (merge));
  n_led = dd_format_count (contents.led_tasks);
  led = g_strdup_printf (ngettext ("%s task it leads", "%s tasks it leads", contents.led_tasks), n_led);
  g_assert_nonnull (strstr (dd_merge_dialog_get_summary (dialog), led));
  g_assert_nonnull (strstr (dd_merge_dialog_get_summary (dialog), TTPV));

  /* Every unit but itself and the collective phrases. */
  names = gtk_drop_down_get_model (dropdown);
  for (guint i = 0; i < g_list_model_get_n_items (dd_units_page_get_model (f->page)); i++)
    {
      g_autoptr(DdScorecard) card = g_list_model_get_item (dd_units_page_get_model (f->page), i);

      if (dd_scorecard_get_is_group (card))
        g_ptr_array_add (groups, g_strdup (dd_scorecard_get_unit_name (card)));
    }
  g_assert_cmpuint (groups->len, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (names), ==,
                    g_list_model_get_n_items (dd_units_page_get_model (f->page)) - 1 - groups->len);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      g_autoptr(GtkStringObject) name = g_list_model_get_item (names, i);

      g_assert_cmpstr (gtk_string_object_get_string (name), !=, TTPV);
      g_assert_false (g_ptr_array_find_with_equal_func (groups, gtk_string_object_get_string (name),
                                                        g_str_equal, NULL));
      if (g_strcmp0 (gtk_string_object_get_string (name), HCQT) == 0)
        hcqt_position = i;
    }
  g_assert_cmpuint (hcqt_position, <, G_MAXUINT);

  /* Our own placeholder, and a search anywhere in the name, without
   * diacritics or case. */
  g_object_get (dd_unit_search_get_entry (dropdown), "placeholder-text", &placeholder, NULL);
  g_assert_cmpstr (placeholder, ==, _("Type part of a name…"));
  g_assert_cmpuint (count_units_with (f, "hanh chinh", ttpv), >, 0);
  search_for (dropdown, "hanh chinh", count_units_with (f, "hanh chinh", ttpv), "hanh chinh");
  search_for (dropdown, "HÀNH CHÍNH", count_units_with (f, "hanh chinh", ttpv), "hanh chinh");
  search_for (dropdown, "quan tri", count_units_with (f, "quan tri", ttpv), "quan tri");
  search_for (dropdown, "zzzz", 0, "zzzz");
  search_for (dropdown, "", g_list_model_get_n_items (names), "");
  dd_test_screenshot ("units-merge-dialog");

  /* Choosing the unit names it and turns Merge on. */
  gtk_drop_down_set_selected (dropdown, hcqt_position);
  g_assert_cmpint (dd_merge_dialog_get_target (dialog), ==, hcqt);
  g_assert_true (gtk_widget_get_sensitive (merge));
  g_assert_nonnull (strstr (dd_merge_dialog_get_summary (dialog), HCQT));
  dd_test_screenshot ("units-merge-dialog-chosen");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  wait_for_cards (f);
  g_assert_cmpint (unit_id (f, TTPV), ==, 0);
  g_assert_cmpint (dd_scorecard_get_unit_id (dd_units_page_get_selected (f->page)), ==, hcqt);
}

static void
test_indicators_page (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdFigures) store_figures = dd_figures_new (f->store);
  g_autoptr(GPtrArray) figures = NULL;
  GtkWidget *page = dd_indicators_page_new (f->store);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  gint64 hcqt = unit_id (f, HCQT);

  gtk_window_set_child (window, page);
  gtk_window_present (window);
  dd_test_iterate (50);

  g_assert_true (dd_indicators_page_enter (DD_INDICATORS_PAGE (page), hcqt, 2, "412/415", &error));
  g_assert_no_error (error);
  figures = dd_figures_list_indicator_figures (store_figures, 0, NULL, &error);
  g_assert_cmpuint (figures->len, ==, 1);
  g_assert_false (dd_indicators_page_enter (DD_INDICATORS_PAGE (page), hcqt, 2, "416/415", &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dd_indicators_page_enter (DD_INDICATORS_PAGE (page), hcqt, 2, "nhiều", &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (dd_indicators_page_enter (DD_INDICATORS_PAGE (page), hcqt, 2, " ", &error));
  g_clear_pointer (&figures, g_ptr_array_unref);
  figures = dd_figures_list_indicator_figures (store_figures, 0, NULL, &error);
  g_assert_cmpuint (figures->len, ==, 0);

  gtk_window_destroy (window);
  dd_test_iterate (50);
}

/* The list and the card share the page's height at 1366 × 768 and at
 * 1920 × 1080 (neither keeps a fixed 420 px with the rest empty), and
 * before a unit is chosen the card says what choosing one shows. */
static void
test_pane (Fixture       *f,
           gconstpointer  data)
{
  const int sizes[][2] = { { 1366, 768 }, { 1920, 1080 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      GtkWindow *window = GTK_WINDOW (gtk_window_new ());
      DdUnitsPage *page = DD_UNITS_PAGE (dd_units_page_new (f->store));
      g_autofree char *text = NULL;
      GtkPaned *paned;
      int height, position;

      gtk_window_set_child (window, GTK_WIDGET (page));
      dd_test_present_window (window, sizes[i][0], sizes[i][1], 200);
      dd_test_wait_for (page_counted, page);
      dd_test_iterate (100);
      paned = GTK_PANED (dd_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_PANED));
      height = gtk_widget_get_height (GTK_WIDGET (paned));
      position = gtk_paned_get_position (paned);
      g_test_message ("%d × %d: the list %d px of %d", sizes[i][0], sizes[i][1], position, height);
      g_assert_cmpint (height, >, sizes[i][1] / 2);
      g_assert_cmpint (position, >=, height * 35 / 100);
      g_assert_cmpint (position, <=, height * 65 / 100);
      g_assert_null (dd_units_page_get_selected (page));
      text = dd_units_page_dup_card_text (page);
      g_assert_nonnull (strstr (text, "Select a row of the list above"));
      gtk_window_destroy (window);
      dd_test_iterate (50);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!dd_test_init_gtk ())
    return DD_TEST_EXIT_SKIP;

#define ADD(path, func) \
  g_test_add ("/ui/units-page/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("sort", test_sort);
  ADD ("card", test_card);
  ADD ("rename-merge", test_rename_merge);
  ADD ("indicators-page", test_indicators_page);
  ADD ("merge-dialog", test_merge_dialog);
  ADD ("pane", test_pane);

#undef ADD

  return g_test_run ();
}
