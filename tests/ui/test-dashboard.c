/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-dashboard"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "dd-chart-card.h"
#include "dd-chart-view.h"
#include "dd-dashboard-page.h"
#include "dd-tasks-page.h"
#include "dd-window.h"
#include "dd-window-private.h"
#include "dd-test-gtk.h"

/*
 * The dashboard page over the sample data, made as of a fixed day: the
 * headline figures against the store's counts, the four charts drawn and
 * redrawn at another size, a click on a segment and on a unit's bar
 * opening exactly those tasks in the window, and the charts saved as PNG,
 * SVG and PDF.
 */

typedef struct
{
  DdStore *store;
  GDate day;
  GtkWindow *window;            /* a plain window around the page, or the DdWindow */
  DdDashboardPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->store = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  /* Not today: nothing may depend on the clock. */
  g_date_clear (&f->day, 1);
  g_date_set_dmy (&f->day, 15, G_DATE_MAY, 2026);
  g_assert_true (dd_store_load_sample (f->store, &f->day, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    {
      gtk_window_destroy (f->window);
      dd_test_iterate (50);
      g_assert_finalize_object (f->window);
    }
  g_assert_finalize_object (f->store);
}

/* The figures are read off the main thread (for a database in memory
 * too, from idle callbacks): what the page shows is waited for. */
static gboolean
page_loaded (gpointer data)
{
  Fixture *f = data;

  return !dd_dashboard_page_is_loading (f->page);
}

static gboolean
views_allocated (gpointer data)
{
  Fixture *f = data;

  if (!page_loaded (f))
    return FALSE;
  for (guint i = 0; i < DD_N_CHART_KINDS; i++)
    {
      GtkWidget *view = GTK_WIDGET (dd_dashboard_page_get_chart_view (f->page, i));

      if (!gtk_widget_get_mapped (view) || gtk_widget_get_width (view) < 100
          || gtk_widget_get_height (view) < 100)
        return FALSE;
    }
  return TRUE;
}

/* The page alone in a window. */
static void
show_page (Fixture *f)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref (f->window);
  gtk_window_set_default_size (f->window, 1200, 900);
  f->page = DD_DASHBOARD_PAGE (dd_dashboard_page_new (f->store));
  dd_dashboard_page_set_as_of (f->page, &f->day);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  dd_test_wait_for (views_allocated, f);
}

/* The page inside the main window, shown. */
static void
show_window (Fixture *f)
{
  GtkStack *stack;

  f->window = GTK_WINDOW (g_object_ref (dd_window_new (NULL, f->store)));
  gtk_window_set_default_size (f->window, 1300, 900);
  stack = DD_WINDOW (f->window)->stack;
  f->page = DD_DASHBOARD_PAGE (dd_window_get_page (DD_WINDOW (f->window), "dashboard"));
  g_assert_true (DD_IS_DASHBOARD_PAGE (f->page));
  dd_dashboard_page_set_as_of (f->page, &f->day);

  dd_window_show_start_page (DD_WINDOW (f->window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "dashboard");
  gtk_window_present (f->window);
  dd_test_wait_for (views_allocated, f);
}

static DdTaskQuery
query_as_of (Fixture *f)
{
  DdTaskQuery query;

  dd_task_query_init (&query);
  query.as_of = f->day;
  query.due_soon_days = dd_store_get_due_soon_days (f->store, NULL);
  return query;
}

static const char *
label_text (Fixture    *f,
            const char *name)
{
  GObject *label;

  dd_test_wait_for (page_loaded, f);
  label = gtk_widget_get_template_child (GTK_WIDGET (f->page), DD_TYPE_DASHBOARD_PAGE, name);
  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

static void
assert_number (Fixture    *f,
               const char *name,
               guint       value)
{
  g_autofree char *expected = dd_format_number (value, 0);

  g_assert_cmpstr (label_text (f, name), ==, expected);
}

/* Headline figures = the store's counts by status as of the same day. */
static void
test_headline (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DdTaskQuery query = query_as_of (f);
  DdStatsQuery stats_query;
  DdStatsHeadline expected;
  const DdStatsHeadline *shown;
  guint counts[DD_N_STATUSES];
  guint total = 0;
  guint done, late_not_done;
  g_autofree char *rate = NULL;

  show_page (f);

  g_assert_true (dd_store_count_by_status (f->store, &query, counts, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < DD_N_STATUSES; i++)
    total += counts[i];

  /* The sample has a task in every status the headline shows. */
  g_assert_cmpuint (counts[DD_STATUS_DONE_ON_TIME], >, 0);
  g_assert_cmpuint (counts[DD_STATUS_DONE_LATE], >, 0);
  g_assert_cmpuint (counts[DD_STATUS_OVERDUE], >, 0);
  g_assert_cmpuint (counts[DD_STATUS_DUE_SOON], >, 0);

  assert_number (f, "tasks_value", total);
  assert_number (f, "on_time_value", counts[DD_STATUS_DONE_ON_TIME]);
  assert_number (f, "late_value", counts[DD_STATUS_DONE_LATE]);
  assert_number (f, "overdue_value", counts[DD_STATUS_OVERDUE]);
  assert_number (f, "due_soon_value", counts[DD_STATUS_DUE_SOON]);
  assert_number (f, "forgotten_value", counts[DD_STATUS_FORGOTTEN]);

  /* The rate as the Government Office counts it. */
  done = counts[DD_STATUS_DONE_ON_TIME] + counts[DD_STATUS_DONE_LATE];
  late_not_done = counts[DD_STATUS_OVERDUE] + counts[DD_STATUS_FORGOTTEN];
  g_assert_cmpuint (done + late_not_done, >, 0);
  rate = dd_format_percent (100.0 * done / (done + late_not_done), 1);
  g_assert_cmpstr (label_text (f, "rate_value"), ==, rate);

  /* … and the stats API agrees. */
  dd_stats_query_init (&stats_query);
  stats_query.tasks = query;
  {
    g_autoptr(DdStats) stats = dd_stats_new (f->store);

    g_assert_true (dd_stats_get_headline (stats, &stats_query, &expected, &error));
  }
  g_assert_no_error (error);
  shown = dd_dashboard_page_get_headline (f->page);
  g_assert_cmpuint (shown->tasks, ==, expected.tasks);
  g_assert_cmpuint (shown->tasks, ==, total);
  for (guint i = 0; i < DD_N_STATUSES; i++)
    g_assert_cmpuint (shown->counts[i], ==, expected.counts[i]);
  g_assert_cmpfloat_with_epsilon (shown->completion_rate, expected.completion_rate, 1e-9);

  /* One plan only: fewer tasks. */
  {
    GtkDropDown *plans = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (f->page),
                                                                       DD_TYPE_DASHBOARD_PAGE,
                                                                       "plan_dropdown"));
    g_autoptr(GListModel) plan_list = dd_store_list_plans (f->store, &error);
    g_autoptr(DdPlan) plan = g_list_model_get_item (plan_list, 0);

    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (plans)), ==,
                      g_list_model_get_n_items (plan_list) + 1);
    gtk_drop_down_set_selected (plans, 1);
    g_assert_cmpint (dd_dashboard_page_get_plan_id (f->page), ==, dd_plan_get_id (plan));
    query.plan_id = dd_plan_get_id (plan);
    g_assert_true (dd_store_count_by_status (f->store, &query, counts, &error));
    total = 0;
    for (guint i = 0; i < DD_N_STATUSES; i++)
      total += counts[i];
    assert_number (f, "tasks_value", total);
    assert_number (f, "overdue_value", counts[DD_STATUS_OVERDUE]);
  }
}

/* The charts of a node tree drawn into a texture: some pixels are not
 * transparent. */
static guint
count_painted_pixels (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint painted = 0;

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  g_assert_cmpint (gsk_render_node_get_node_type (node), ==, GSK_CAIRO_NODE);

  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);

  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  for (gsize i = 0; i < (gsize) width * height; i++)
    if (pixels[i * 4 + 3] != 0)
      painted++;

  return painted;
}

typedef struct
{
  GtkWidget *widget;
  int width;
} WidthChange;

static gboolean
width_changed (gpointer data)
{
  WidthChange *w = data;

  return gtk_widget_get_width (w->widget) > 0 && gtk_widget_get_width (w->widget) != w->width;
}

/* Scans the view for a point whose hit satisfies @match. */
typedef gboolean (*HitMatch) (const DdChartHit *hit,
                              gpointer          data);

static gboolean
find_point (DdChartView *view,
            HitMatch     match,
            gpointer     data,
            double      *out_x,
            double      *out_y,
            DdChartHit  *out_hit)
{
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));

  for (int y = 1; y < height; y += 3)
    for (int x = 1; x < width; x += 3)
      {
        DdChartHit hit;

        if (dd_chart_view_hit_test (view, x, y, &hit) && match (&hit, data))
          {
            *out_x = x;
            *out_y = y;
            *out_hit = hit;
            return TRUE;
          }
        dd_chart_hit_clear (&hit);
      }
  return FALSE;
}

static gboolean
any_hit (const DdChartHit *hit,
         gpointer          data)
{
  return TRUE;
}

/* Each chart draws, and draws again at another size. */
static void
test_charts_draw (Fixture       *f,
                  gconstpointer  data)
{
  int widths[DD_N_CHART_KINDS];

  show_page (f);

  for (guint i = 0; i < DD_N_CHART_KINDS; i++)
    {
      DdChartView *view = dd_dashboard_page_get_chart_view (f->page, i);
      DdChart *chart = dd_chart_view_get_chart (view);
      g_autoptr(GdkTexture) texture = NULL;
      guint painted;

      g_assert_true (DD_IS_CHART (chart));
      g_assert_cmpint (dd_chart_get_kind (chart), ==, i);
      /* The sample data has tasks, units, due dates and indicators: those
       * derived from the tasks ("100% hồ sơ, nhiệm vụ hoàn thành đúng
       * hạn"), whose figures are the scorecards' (they had none before). */
      painted = count_painted_pixels (GTK_WIDGET (view));
      g_test_message ("chart %s: %u pixels painted", dd_chart_kind_to_string (i), painted);
      g_assert_true (dd_chart_has_data (chart));
      g_assert_cmpuint (painted, >, 5000);

      widths[i] = gtk_widget_get_width (GTK_WIDGET (view));
      texture = dd_chart_view_render_texture (view, 2);
      g_assert_cmpint (gdk_texture_get_width (texture), ==, 2 * widths[i]);
      g_assert_cmpint (gdk_texture_get_height (texture), ==, 2 * gtk_widget_get_height (GTK_WIDGET (view)));
    }

  /* A narrower window: one chart per line, each at a new size, drawn and
   * hit-tested at it. */
  gtk_window_set_default_size (f->window, 700, 700);
  {
    WidthChange w = { GTK_WIDGET (dd_dashboard_page_get_chart_view (f->page, DD_CHART_STATUS)),
                      widths[DD_CHART_STATUS] };

    dd_test_wait_for (width_changed, &w);
  }
  dd_test_iterate (100);

  for (guint i = 0; i < DD_N_CHART_KINDS; i++)
    {
      DdChartView *view = dd_dashboard_page_get_chart_view (f->page, i);
      DdChartHit hit;
      double x, y;

      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (view)), !=, widths[i]);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (view)), <=, 700);
      g_assert_cmpuint (count_painted_pixels (GTK_WIDGET (view)), >, i != DD_CHART_INDICATORS ? 5000 : 100);
      if (i != DD_CHART_INDICATORS)
        {
          g_assert_true (find_point (view, any_hit, NULL, &x, &y, &hit));
          g_assert_nonnull (hit.label);
          dd_chart_hit_clear (&hit);
        }
    }
}

typedef struct
{
  DdChartKind kind;
  int status;
  gboolean unit;
} Wanted;

static gboolean
wanted_hit (const DdChartHit *hit,
            gpointer          data)
{
  Wanted *w = data;

  if (hit->kind != w->kind || hit->status != w->status)
    return FALSE;
  return w->unit ? (hit->has_unit && hit->unit_id > 0) : !hit->has_unit;
}

static DdTasksPage *
tasks_page (Fixture *f)
{
  return DD_TASKS_PAGE (dd_window_get_page (DD_WINDOW (f->window), "tasks"));
}

/* A template child of the window's task list. */
static gpointer
tasks_child (Fixture    *f,
             const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (tasks_page (f)), DD_TYPE_TASKS_PAGE, name);

  g_assert_nonnull (object);
  return object;
}

static GListModel *
window_list (Fixture *f)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (tasks_child (f, "column_view")));

  return gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection));
}

static void
assert_same_tasks (GListModel *shown,
                   GListModel *expected)
{
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, g_list_model_get_n_items (expected));
  for (guint i = 0; i < g_list_model_get_n_items (expected); i++)
    {
      g_autoptr(DdTask) a = g_list_model_get_item (shown, i);
      g_autoptr(DdTask) b = g_list_model_get_item (expected, i);

      g_assert_cmpint (dd_task_get_id (a), ==, dd_task_get_id (b));
    }
}

static void
check_segment (Fixture *f,
               int      status)
{
  DdChartView *view = dd_dashboard_page_get_chart_view (f->page, DD_CHART_STATUS);
  Wanted wanted = { DD_CHART_STATUS, status, FALSE };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTaskList) expected = NULL;
  DdTaskQuery query = query_as_of (f);
  GtkStack *stack = DD_WINDOW (f->window)->stack;
  DdChartHit hit;
  double x = 0, y = 0;

  gtk_stack_set_visible_child_name (stack, "dashboard");
  dd_test_wait_for (views_allocated, f);

  g_assert_true (find_point (view, wanted_hit, &wanted, &x, &y, &hit));
  g_assert_true (dd_chart_view_activate_at (view, x, y));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "tasks");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (tasks_child (f, "status_dropdown"))), ==, status + 1);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (tasks_child (f, "lead_only_button"))));
  /* The list counts the statuses as of the dashboard's day. */
  g_assert_cmpint (g_date_compare (dd_tasks_page_get_as_of (tasks_page (f)), &f->day), ==, 0);

  query.status = status;
  expected = dd_store_query_tasks (f->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (expected)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (expected)), ==, hit.count);
  assert_same_tasks (window_list (f), G_LIST_MODEL (expected));
  dd_chart_hit_clear (&hit);
}

/* A segment of the status chart opens exactly the tasks in that status. */
static void
test_click_status (Fixture       *f,
                   gconstpointer  data)
{
  show_window (f);

  check_segment (f, DD_STATUS_OVERDUE);
  check_segment (f, DD_STATUS_DONE_LATE);
  check_segment (f, DD_STATUS_DUE_SOON);
  check_segment (f, DD_STATUS_FORGOTTEN);
}

/* A headline card opens exactly the tasks it counts. */
static void
test_click_headline (Fixture       *f,
                     gconstpointer  data)
{
  const struct { const char *button; int status; } cards[] = {
    { "overdue_button", DD_STATUS_OVERDUE },
    { "due_soon_button", DD_STATUS_DUE_SOON },
    { "forgotten_button", DD_STATUS_FORGOTTEN },
  };
  GtkStack *stack;

  show_window (f);
  stack = DD_WINDOW (f->window)->stack;
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DdTaskList) expected = NULL;
      DdTaskQuery query = query_as_of (f);
      GtkWidget *button;

      gtk_stack_set_visible_child_name (stack, "dashboard");
      button = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (f->page), DD_TYPE_DASHBOARD_PAGE, cards[i].button);
      g_assert_nonnull (button);
      g_signal_emit_by_name (button, "clicked");

      g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "tasks");
      g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (tasks_child (f, "status_dropdown"))), ==, cards[i].status + 1);
      query.status = cards[i].status;
      expected = dd_store_query_tasks (f->store, &query, &error);
      g_assert_no_error (error);
      /* The sample has tasks in each of these statuses. */
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (expected)), >, 0);
      assert_same_tasks (window_list (f), G_LIST_MODEL (expected));
    }
}

/* A unit's bar opens the tasks that unit leads, in that status. */
static void
test_click_unit (Fixture       *f,
                 gconstpointer  data)
{
  DdChartView *view;
  Wanted wanted = { DD_CHART_UNITS, DD_STATUS_IN_PROGRESS, TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTaskList) expected = NULL;
  g_autoptr(DdTaskList) led_or_coordinated = NULL;
  g_autoptr(GListModel) units = NULL;
  const char *unit_name = NULL;
  DdTaskQuery query;
  GListModel *shown;
  DdChartHit hit;
  double x = 0, y = 0;

  show_window (f);
  view = dd_dashboard_page_get_chart_view (f->page, DD_CHART_UNITS);

  g_assert_true (find_point (view, wanted_hit, &wanted, &x, &y, &hit));
  g_assert_true (dd_chart_view_activate_at (view, x, y));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (DD_WINDOW (f->window)->stack), ==, "tasks");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (tasks_child (f, "lead_only_button"))));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (tasks_child (f, "lead_only_button"))));

  query = query_as_of (f);
  query.unit_id = hit.unit_id;
  query.status = DD_STATUS_IN_PROGRESS;
  query.lead_only = TRUE;
  expected = dd_store_query_tasks (f->store, &query, &error);
  g_assert_no_error (error);

  shown = window_list (f);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, hit.count);
  assert_same_tasks (shown, G_LIST_MODEL (expected));

  /* Each one led by the unit of the bar. */
  units = dd_store_list_units (f->store, 0, &error);
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);

      if (dd_unit_get_id (unit) == hit.unit_id)
        unit_name = g_intern_string (dd_unit_get_name (unit));
    }
  g_assert_nonnull (unit_name);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(DdTask) task = g_list_model_get_item (shown, i);

      g_assert_cmpstr (dd_task_get_lead (task), ==, unit_name);
    }

  /* The "Lead" toggle off: the tasks it coordinates come back. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tasks_child (f, "lead_only_button")), FALSE);
  query.lead_only = FALSE;
  led_or_coordinated = dd_store_query_tasks (f->store, &query, &error);
  g_assert_no_error (error);
  assert_same_tasks (window_list (f), G_LIST_MODEL (led_or_coordinated));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (led_or_coordinated)), >=, hit.count);

  /* A status segment afterwards turns it off. */
  check_segment (f, DD_STATUS_OVERDUE);
  dd_chart_hit_clear (&hit);
}

static void
assert_file_starts (const char *path,
                    const char *prefix,
                    gsize       prefix_len)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 200);
  g_assert_cmpmem (contents, prefix_len, prefix, prefix_len);
}

/* Each chart to PNG, SVG and PDF, and to the clipboard. */
static void
test_save (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = dd_test_make_tmp_dir ("dondoc-charts-XXXXXX");

  show_page (f);

  for (guint i = 0; i < DD_N_CHART_KINDS; i++)
    {
      DdChartView *view = dd_dashboard_page_get_chart_view (f->page, i);
      const char *kind = dd_chart_kind_to_string (i);
      g_autofree char *png_name = g_strdup_printf ("%s.png", kind);
      g_autofree char *svg_name = g_strdup_printf ("%s.svg", kind);
      g_autofree char *pdf_name = g_strdup_printf ("%s.PDF", kind);
      g_autofree char *png = g_build_filename (dir, png_name, NULL);
      g_autofree char *svg = g_build_filename (dir, svg_name, NULL);
      g_autofree char *pdf = g_build_filename (dir, pdf_name, NULL);
      g_autofree char *svg_text = NULL;
      g_autoptr(GdkTexture) texture = NULL;

      g_assert_true (dd_chart_view_save (view, png, 800, 500, &error));
      g_assert_no_error (error);
      g_assert_true (dd_chart_view_save (view, svg, 600, 400, &error));
      g_assert_no_error (error);
      g_assert_true (dd_chart_view_save (view, pdf, 600, 400, &error));
      g_assert_no_error (error);

      assert_file_starts (png, "\x89PNG\r\n\x1a\n", 8);
      texture = gdk_texture_new_from_filename (png, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gdk_texture_get_width (texture), ==, 800);
      g_assert_cmpint (gdk_texture_get_height (texture), ==, 500);

      assert_file_starts (svg, "<?xml", 5);
      g_file_get_contents (svg, &svg_text, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (strstr (svg_text, "<svg"));
      g_assert_nonnull (strstr (svg_text, "</svg>"));

      assert_file_starts (pdf, "%PDF-", 5);

      /* The view is drawn as before: the export style does not stay. */
      g_assert_null (dd_chart_get_title (dd_chart_view_get_chart (view)));

      g_remove (png);
      g_remove (svg);
      g_remove (pdf);
    }

  /* An unknown extension is refused, and nothing is written. */
  {
    g_autofree char *bad = g_build_filename (dir, "chart.bmp", NULL);

    g_assert_false (dd_chart_view_save (dd_dashboard_page_get_chart_view (f->page, DD_CHART_STATUS),
                                        bad, 300, 200, &error));
    g_assert_error (error, DD_CHART_ERROR, DD_CHART_ERROR_FORMAT);
    g_clear_error (&error);
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  }
  g_assert_cmpint (g_rmdir (dir), ==, 0);

  /* Copy: the clipboard holds a texture. */
  {
    DdChartView *view = dd_dashboard_page_get_chart_view (f->page, DD_CHART_UNITS);
    GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
    GdkContentFormats *formats;

    gtk_widget_activate_action (GTK_WIDGET (view), "chart.copy", NULL);
    formats = gdk_clipboard_get_formats (clipboard);
    g_assert_true (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE));
    g_assert_true (gdk_clipboard_is_local (clipboard));
  }
}

/* The page follows the store: a change is read again at once (off the
 * main thread, as every reading), and shows when read. */
static void
test_store_changed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTaskList) overdue = NULL;
  g_autoptr(DdTask) task = NULL;
  DdTaskQuery query = query_as_of (f);
  guint before;

  show_page (f);
  before = dd_dashboard_page_get_headline (f->page)->counts[DD_STATUS_OVERDUE];
  query.status = DD_STATUS_OVERDUE;
  overdue = dd_store_query_tasks (f->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before, ==, g_list_model_get_n_items (G_LIST_MODEL (overdue)));
  task = g_list_model_get_item (G_LIST_MODEL (overdue), 0);

  /* Done today (late): one overdue task less, one done late more. */
  g_assert_true (dd_store_record_progress (f->store, dd_task_get_id (task), 100, &f->day,
                                           NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (dd_dashboard_page_is_loading (f->page));
  dd_test_wait_for (page_loaded, f);
  g_assert_cmpuint (dd_dashboard_page_get_headline (f->page)->counts[DD_STATUS_OVERDUE], ==, before - 1);
  assert_number (f, "overdue_value", before - 1);
}

/* The window opens on the dashboard when there are tasks, else on the list. */
static void
test_start_page (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) empty = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);
  DdWindow *window;

  g_assert_no_error (error);

  window = g_object_ref_sink (dd_window_new (NULL, f->store));
  dd_window_show_start_page (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "dashboard");
  /* The dashboard is the first page after the task list. */
  {
    GListModel *pages = G_LIST_MODEL (gtk_stack_get_pages (window->stack));
    g_autoptr(GObject) first = g_list_model_get_item (pages, 0);
    g_autoptr(GObject) second = g_list_model_get_item (pages, 1);

    g_assert_cmpstr (gtk_stack_page_get_name (GTK_STACK_PAGE (first)), ==, "tasks");
    g_assert_cmpstr (gtk_stack_page_get_name (GTK_STACK_PAGE (second)), ==, "dashboard");
    g_object_unref (pages);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  /* The reading the dashboard had asked for ends (dropped) first. */
  dd_test_iterate (50);
  g_assert_finalize_object (window);

  window = g_object_ref_sink (dd_window_new (NULL, empty));
  dd_window_show_start_page (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "tasks");
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* The periods: the month, quarter, half-year and year of the day. */
/* A widget of type @type below @widget (depth first), or NULL. */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      found = find_descendant (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The text of the cell (@row, @column) of a chart's table, as drawn. */
static const char *
table_cell (GtkColumnView *table,
            guint          row,
            guint          column)
{
  GtkWidget *rows = gtk_widget_get_last_child (GTK_WIDGET (table));
  guint i = 0;

  /* The column view's list of rows, each row its cells in order. */
  for (GtkWidget *r = gtk_widget_get_first_child (rows); r != NULL; r = gtk_widget_get_next_sibling (r))
    {
      GtkWidget *cell = gtk_widget_get_first_child (r);

      if (!gtk_widget_get_visible (r) || gtk_widget_get_first_child (r) == NULL)
        continue;
      if (i++ != row)
        continue;
      for (guint c = 0; c < column && cell != NULL; c++)
        cell = gtk_widget_get_next_sibling (cell);
      g_assert_nonnull (cell);
      cell = find_descendant (cell, GTK_TYPE_LABEL);
      g_assert_nonnull (cell);
      return gtk_label_get_text (GTK_LABEL (cell));
    }
  g_assert_not_reached ();
  return NULL;
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
widget_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* Each chart card's "Table view" toggle shows the chart's figures as a
 * table: the status chart's counts are the store's, row by row; the
 * toggle is reached with the keyboard and brings the chart back. */
static void
test_table_view (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DdTaskQuery query = query_as_of (f);
  guint counts[DD_N_STATUSES];
  guint total = 0;

  show_window (f);
  gtk_window_set_default_size (f->window, 1366, 768);
  g_assert_true (dd_store_count_by_status (f->store, &query, counts, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < DD_N_STATUSES; i++)
    total += counts[i];

  for (guint kind = 0; kind < DD_N_CHART_KINDS; kind++)
    {
      GtkWidget *view = GTK_WIDGET (dd_dashboard_page_get_chart_view (f->page, kind));
      GtkWidget *card = gtk_widget_get_ancestor (view, DD_TYPE_CHART_CARD);
      GtkWidget *toggle = find_descendant (card, GTK_TYPE_TOGGLE_BUTTON);
      GtkWidget *table;

      g_assert_nonnull (toggle);
      g_assert_true (gtk_widget_get_focusable (toggle) || gtk_widget_get_focus_on_click (toggle));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (toggle), ==, "Show the figures as a table");
      g_assert_null (dd_chart_card_get_table (DD_CHART_CARD (card)));
      /* As Space does (the button's "clicked" comes after its pressed look). */
      g_assert_true (gtk_widget_activate (toggle));
      dd_test_wait_for (widget_unmapped, view);
      table = dd_chart_card_get_table (DD_CHART_CARD (card));
      g_assert_true (gtk_widget_get_mapped (table));
      if (!dd_chart_has_data (dd_chart_card_get_chart (DD_CHART_CARD (card))))
        {
          /* A chart without figures: the table says so. */
          g_assert_cmpuint (kind, ==, DD_CHART_INDICATORS);
          g_assert_true (GTK_IS_LABEL (table));
          g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (table)), ==, "No data");
          g_assert_true (gtk_widget_activate (toggle));
          dd_test_wait_for (widget_mapped, view);
          continue;
        }
      g_assert_true (GTK_IS_COLUMN_VIEW (table));
      g_assert_true (gtk_widget_get_mapped (table));
      g_assert_false (gtk_widget_get_mapped (view));
      /* The headings and at least one row of figures. */
      g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (GTK_COLUMN_VIEW (table))), >=, 3);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (table)))), >, 0);

      if (kind == DD_CHART_STATUS)
        {
          GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (table));
          g_autoptr(GtkColumnViewColumn) second = g_list_model_get_item (columns, 1);
          g_autofree char *all = dd_format_number (total, 0);

          g_assert_cmpstr (gtk_column_view_column_get_title (second), ==, "Tasks");
          /* A row per status, then the total. */
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (table)))),
                            ==, DD_N_STATUSES + 1);
          for (guint i = 0; i < DD_N_STATUSES; i++)
            {
              g_autofree char *n = dd_format_number (counts[i], 0);

              g_assert_cmpstr (table_cell (GTK_COLUMN_VIEW (table), i, 0), ==, dd_task_status_get_label (i));
              g_assert_cmpstr (table_cell (GTK_COLUMN_VIEW (table), i, 1), ==, n);
            }
          g_assert_cmpstr (table_cell (GTK_COLUMN_VIEW (table), DD_N_STATUSES, 1), ==, all);
          dd_test_screenshot ("dashboard-table-view");
        }

      /* Back to the chart. */
      g_assert_true (gtk_widget_activate (toggle));
      dd_test_wait_for (widget_mapped, view);
      g_assert_false (gtk_widget_get_mapped (table));
    }
}

static void
test_periods (void)
{
  GDate day, from, to, a, b;

  g_date_clear (&day, 1);
  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_set_dmy (&day, 15, G_DATE_MAY, 2026);

#define CHECK(period, d1, m1, d2, m2) G_STMT_START { \
    dd_dashboard_period_get_range (period, &day, &a, &b, &from, &to); \
    g_assert_cmpint (g_date_get_day (&from), ==, d1); \
    g_assert_cmpint (g_date_get_month (&from), ==, m1); \
    g_assert_cmpint (g_date_get_day (&to), ==, d2); \
    g_assert_cmpint (g_date_get_month (&to), ==, m2); \
    g_assert_cmpint (g_date_get_year (&from), ==, 2026); \
    g_assert_cmpint (g_date_get_year (&to), ==, 2026); \
  } G_STMT_END

  CHECK (DD_DASHBOARD_PERIOD_MONTH, 1, 5, 31, 5);
  CHECK (DD_DASHBOARD_PERIOD_QUARTER, 1, 4, 30, 6);
  CHECK (DD_DASHBOARD_PERIOD_HALF_YEAR, 1, 1, 30, 6);
  CHECK (DD_DASHBOARD_PERIOD_YEAR, 1, 1, 31, 12);
  /* Custom without dates: the quarter. */
  CHECK (DD_DASHBOARD_PERIOD_CUSTOM, 1, 4, 30, 6);
  /* Custom, given backwards. */
  g_date_set_dmy (&a, 20, G_DATE_SEPTEMBER, 2026);
  g_date_set_dmy (&b, 3, G_DATE_FEBRUARY, 2026);
  CHECK (DD_DASHBOARD_PERIOD_CUSTOM, 3, 2, 20, 9);

  g_date_set_dmy (&day, 2, G_DATE_NOVEMBER, 2026);
  CHECK (DD_DASHBOARD_PERIOD_QUARTER, 1, 10, 31, 12);
  CHECK (DD_DASHBOARD_PERIOD_HALF_YEAR, 1, 7, 31, 12);
  g_date_set_dmy (&day, 10, G_DATE_FEBRUARY, 2028);
  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  dd_dashboard_period_get_range (DD_DASHBOARD_PERIOD_MONTH, &day, &a, &b, &from, &to);
  g_assert_cmpint (g_date_get_day (&to), ==, 29);

#undef CHECK
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ui/dashboard/periods", test_periods);

  if (!dd_test_init_gtk ())
    return DD_TEST_EXIT_SKIP;

#define ADD(path, func) \
  g_test_add ("/ui/dashboard/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("headline", test_headline);
  ADD ("charts-draw", test_charts_draw);
  ADD ("click-status", test_click_status);
  ADD ("click-headline", test_click_headline);
  ADD ("click-unit", test_click_unit);
  ADD ("save", test_save);
  ADD ("store-changed", test_store_changed);
  ADD ("start-page", test_start_page);
  ADD ("table-view", test_table_view);

#undef ADD

  return g_test_run ();
}
