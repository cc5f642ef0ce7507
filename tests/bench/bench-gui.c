/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-gui"

#include "config.h"

#include <locale.h>
#include <time.h>

#include <glib/gi18n.h>

#include "dd-bench.h"
#include <dondoc/dondoc.h>
#include "dd-calendar-page.h"
#include "dd-chart-view.h"
#include "dd-column-sorter.h"
#include "dd-dashboard-page.h"
#include "dd-renderer.h"
#include "dd-tasks-page.h"
#include "dd-window.h"

/*
 * What the user waits for in the real window on a large file: the window
 * (DdWindow, as the application makes it, at 1366 × 768) is driven under
 * Xvfb through its own widgets and actions, and each figure runs from the
 * moment the input would be handled (the call the event's handler makes:
 * the column header's sort, the text typed into the search entry, the
 * sidebar's page, the window's action) to the end of the first frame
 * painted (GdkFrameClock "after-paint") that shows the result. Beside it,
 * the longest time the main thread did not turn (a frozen window) while
 * waiting for that frame: a timer at high priority every 5 ms notes the
 * longest gap between its turns. And the processor time the main thread
 * spent meanwhile (CLOCK_THREAD_CPUTIME_ID): on a machine shared with
 * other work the times to the frame grow with its load, this one hardly.
 * And the first frame before the result that showed a spinner turning
 * (the window saying it works on it: the "off the main thread
 * with visible progress"), the latest of the runs, if every run had one.
 *
 *   bench-gui DB [RUNS] [WHAT]
 *
 * DB: a file, or a server's postgresql:// URI (its window as the
 * application opens it, the tables read in place).
 * WHAT: a list of dashboard, pages, sorts, typing, dialogs, calendar
 * (default all).
 * DD_BENCH_SCREENSHOT_DIR=dir: the screen after the dashboard, each page,
 * the sorts and each search, as PNG files there.
 * Prints a Markdown table and RESULT lines (see dd-bench.h). A benchmark,
 * not a test: no assertion on time. Needs a display: run it under xvfb-run
 * (run-benchmarks.py does). The file is opened as the application opens
 * it (DD_STORE_OPEN_CHECK_LATER); each action runs once on a fresh window
 * ("the first time"), RUNS windows in all, and the median is printed.
 */

#define TIMEOUT_MS 60000

/* What to measure (the third argument, default "all"). */
enum
{
  PHASE_DASHBOARD = 1 << 0,
  PHASE_PAGES = 1 << 1,
  PHASE_SORTS = 1 << 2,
  PHASE_TYPING = 1 << 3,
  PHASE_DIALOGS = 1 << 4,
  PHASE_CALENDAR = 1 << 5,
};

static const GDebugKey phase_keys[] = {
  { "dashboard", PHASE_DASHBOARD },
  { "pages", PHASE_PAGES },
  { "sorts", PHASE_SORTS },
  { "typing", PHASE_TYPING },
  { "dialogs", PHASE_DIALOGS },
  { "calendar", PHASE_CALENDAR },
};

static guint phases;

/* The processor time of the calling (main) thread, in ms. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* The main thread's processor time when the last input was given
 * (mark_start()) and when the frame that showed it was painted; and the
 * most of it spent between two turns of the stall timer since the input
 * (the longest the main thread worked without turning, whatever the
 * load of the machine, which stretches the time it stood still). */
static double cpu_at_start, cpu_at_frame, longest_burst, cpu_at_tick;

/* The input is given now: the time, and the processor time from now. */
static double
mark_start (void)
{
  cpu_at_start = thread_cpu_ms ();
  cpu_at_tick = cpu_at_start;
  longest_burst = 0;
  return dd_bench_now_ms ();
}

typedef gboolean (*Condition) (gpointer data);

typedef struct
{
  GdkFrameClock *clock;
  Condition      condition;
  gpointer       data;
  double         shown;          /* ms, monotonic: the frame; 0 while waiting */
  double         last_tick;      /* the stall timer's last turn */
  double         longest_stall;
  double         start;
  GtkWidget     *widget;
} Wait;

/* The first frame painted since the input that showed a spinner turning
 * (the window says it is working), ms after the input; 0 if none did. */
static double progress_shown;

static gboolean
stall_timer_cb (gpointer user_data)
{
  Wait *wait = user_data;
  double now = dd_bench_now_ms (), cpu = thread_cpu_ms ();

  wait->longest_stall = MAX (wait->longest_stall, now - wait->last_tick);
  wait->last_tick = now;
  longest_burst = MAX (longest_burst, cpu - cpu_at_tick);
  cpu_at_tick = cpu;
  return G_SOURCE_CONTINUE;
}

static gboolean
has_spinning (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_SPINNER (widget))
    return gtk_spinner_get_spinning (GTK_SPINNER (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_spinning (child))
      return TRUE;
  return FALSE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Wait          *wait)
{
  if (wait->shown == 0 && progress_shown == 0 && has_spinning (GTK_WIDGET (gtk_widget_get_root (wait->widget))))
    progress_shown = dd_bench_now_ms () - wait->start;
  if (wait->shown == 0 && (wait->condition == NULL || wait->condition (wait->data)))
    {
      wait->shown = dd_bench_now_ms ();
      cpu_at_frame = thread_cpu_ms ();
    }
}

/* Runs the main loop until a frame of @widget's toplevel is painted after
 * @condition holds; the time from @start to that frame, and in
 * @out_stall the longest the main thread stood still meanwhile. */
static double
wait_for_frame (GtkWidget *widget,
                double     start,
                Condition  condition,
                gpointer   data,
                double    *out_stall)
{
  Wait wait = { 0, };
  guint timer;
  gulong handler;

  cpu_at_frame = 0;
  progress_shown = 0;
  wait.start = start;
  wait.widget = widget;
  /* The toplevel's clock: a page not shown yet has none of its own. */
  wait.clock = gtk_widget_get_frame_clock (GTK_WIDGET (gtk_widget_get_root (widget)));
  g_assert (wait.clock != NULL);
  wait.condition = condition;
  wait.data = data;
  wait.last_tick = start;
  timer = g_timeout_add_full (G_PRIORITY_HIGH, 5, stall_timer_cb, &wait, NULL);
  handler = g_signal_connect (wait.clock, "after-paint", G_CALLBACK (after_paint_cb), &wait);
  /* Something must be drawn: a frame that shows nothing new is not asked
   * for by GTK, so ask for one (as any change would). */
  gtk_widget_queue_draw (widget);
  while (wait.shown == 0 && dd_bench_now_ms () - start < TIMEOUT_MS)
    {
      g_main_context_iteration (NULL, TRUE);
      if (wait.shown == 0 && condition != NULL && condition (data))
        gtk_widget_queue_draw (widget);
    }
  g_signal_handler_disconnect (wait.clock, handler);
  g_source_remove (timer);
  stall_timer_cb (&wait);
  if (out_stall != NULL)
    *out_stall = wait.longest_stall;
  if (wait.shown == 0)
    {
      g_printerr ("no frame within %d s\n", TIMEOUT_MS / 1000);
      return TIMEOUT_MS;
    }
  return wait.shown - start;
}

static void
spin (guint ms)
{
  double end = dd_bench_now_ms () + ms;

  while (dd_bench_now_ms () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The figures: each action's times over the runs. */
typedef struct
{
  const char *key;
  char       *label;
  GArray     *shown;    /* double ms */
  GArray     *stall;
  GArray     *cpu;      /* the main thread's processor time, ms */
  GArray     *burst;    /* its longest stretch without turning, ms */
  GArray     *progress; /* the first frame with a spinner turning, ms (0: none) */
} Figure;

static GPtrArray *figures;

static void
figure_free (gpointer data)
{
  Figure *figure = data;

  g_free (figure->label);
  g_array_unref (figure->shown);
  g_array_unref (figure->stall);
  g_array_unref (figure->cpu);
  g_array_unref (figure->burst);
  g_array_unref (figure->progress);
  g_free (figure);
}

static void
record (const char *key,
        const char *label,
        double      shown,
        double      stall)
{
  /* The processor time of the main thread from the start of the wait to
   * its frame (the start is taken by the caller, mark_start()). */
  double cpu = cpu_at_frame > 0 ? cpu_at_frame - cpu_at_start : 0;
  Figure *figure = NULL;

  for (guint i = 0; i < figures->len && figure == NULL; i++)
    if (g_strcmp0 (((Figure *) figures->pdata[i])->key, key) == 0)
      figure = figures->pdata[i];
  if (figure == NULL)
    {
      figure = g_new0 (Figure, 1);
      figure->key = g_intern_string (key);
      figure->label = g_strdup (label);
      figure->shown = g_array_new (FALSE, FALSE, sizeof (double));
      figure->stall = g_array_new (FALSE, FALSE, sizeof (double));
      figure->cpu = g_array_new (FALSE, FALSE, sizeof (double));
      figure->burst = g_array_new (FALSE, FALSE, sizeof (double));
      figure->progress = g_array_new (FALSE, FALSE, sizeof (double));
      g_ptr_array_add (figures, figure);
    }
  g_array_append_val (figure->shown, shown);
  g_array_append_val (figure->stall, stall);
  g_array_append_val (figure->cpu, cpu);
  g_array_append_val (figure->burst, longest_burst);
  g_array_append_val (figure->progress, progress_shown);
  g_printerr ("  %-40s %8.1f ms (main thread still for %.1f ms, busy for %.1f ms, at most %.1f ms at once; "
              "progress shown at %.1f ms)\n", key, shown, stall, cpu, longest_burst, progress_shown);
}

/* The window */

typedef struct
{
  DdWindow *window;
  DdStore *store;
} Bench;

static gboolean
window_painted (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
dashboard_charts_shown (gpointer data)
{
  DdDashboardPage *page = data;

  for (guint i = 0; i < DD_N_CHART_KINDS; i++)
    if (dd_chart_view_get_loading (dd_dashboard_page_get_chart_view (page, i)))
      return FALSE;
  return TRUE;
}

static gboolean
dashboard_complete (gpointer data)
{
  return dashboard_charts_shown (data) && !dd_dashboard_page_is_loading (DD_DASHBOARD_PAGE (data));
}

/* With DD_BENCH_SCREENSHOT_DIR set, the screen as @name.png there (to
 * look at what was measured). */
static void
screenshot (const char *name)
{
  const char *dir = g_getenv ("DD_BENCH_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *command = NULL;

  if (dir == NULL || *dir == '\0')
    return;
  spin (300);
  path = g_strdup_printf ("%s/%s.png", dir, name);
  quoted = g_shell_quote (path);
  command = g_strdup_printf ("import -window root %s", quoted);
  if (!g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL))
    g_printerr ("Could not take the screenshot %s\n", path);
}

/* The whole screen (Xvfb's, 1366 × 768 in run-benchmarks.py). */
static void
fit_screen (GtkWindow *window)
{
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  g_autoptr(GdkMonitor) monitor = g_list_model_get_n_items (monitors) > 0
                                  ? g_list_model_get_item (monitors, 0) : NULL;
  GdkRectangle geometry = { 0, 0, 1366, 768 };

  if (monitor != NULL)
    gdk_monitor_get_geometry (monitor, &geometry);
  gtk_window_set_default_size (window, geometry.width, geometry.height);
}

static void
open_window (Bench      *bench,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *dashboard;
  double start, first, shown, stall;

  start = mark_start ();
  if (dd_pg_location_is_uri (path))
    {
      /* A server (issue #22): its tables in place, as `dondoc --db URI`
       * opens them (dd-application.c). */
      g_autoptr(DdPg) pg = dd_pg_connect (path, &error);

      bench->store = pg != NULL ? dd_pg_write_store (pg, &error) : NULL;
    }
  else
    bench->store = dd_store_open (path, DD_STORE_OPEN_EXISTING | DD_STORE_OPEN_CHECK_LATER, &error);
  if (bench->store == NULL)
    g_error ("%s: %s", path, error->message);
  /* As the application opens a file (dd-application.c): on the
   * dashboard when it has tasks. */
  bench->window = g_object_ref_sink (dd_window_new (NULL, NULL));
  dd_window_open (bench->window, bench->store);
  fit_screen (GTK_WINDOW (bench->window));
  gtk_window_present (GTK_WINDOW (bench->window));
  while (gtk_widget_get_frame_clock (GTK_WIDGET (bench->window)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  first = wait_for_frame (GTK_WIDGET (bench->window), start, window_painted, bench->window, &stall);
  record ("gui_first_frame", "First frame of the window (store opened, window built)", first, stall);
  if (!(phases & PHASE_DASHBOARD))
    return;

  /* The window opens on the dashboard: its figures, charts and "6 rõ"
   * count are read on a thread after the first frame. */
  dashboard = dd_window_get_page (bench->window, "dashboard");
  start += first;
  /* From the first frame on: building the window is the first frame's
   * figure (no window on the screen to freeze before it). */
  cpu_at_start = cpu_at_tick = thread_cpu_ms ();
  longest_burst = 0;
  shown = wait_for_frame (dashboard, start, dashboard_charts_shown, dashboard, &stall);
  record ("gui_dash_charts", "Dashboard: figures and charts shown, after the first frame", shown, stall);
  /* The stall is the longest of both waits, as for the sorts below. */
  {
    double again = dd_bench_now_ms (), rest, rest_stall;

    rest = wait_for_frame (dashboard, again, dashboard_complete, dashboard, &rest_stall);
    record ("gui_dash_complete", "Dashboard: complete with the \"6 rõ\" count, after the first frame",
            again - start + rest, MAX (stall, rest_stall));
  }
  screenshot ("dashboard");
}

static void
close_window (Bench *bench)
{
  gtk_window_destroy (GTK_WINDOW (bench->window));
  spin (200);
  g_clear_object (&bench->window);
  g_clear_object (&bench->store);
}

/* Switching pages: the sidebar sets the stack's visible child. */
static gboolean
page_shown (gpointer data)
{
  GtkWidget *page = data;

  if (!gtk_widget_get_mapped (page))
    return FALSE;
  if (DD_IS_DASHBOARD_PAGE (page))
    return dashboard_complete (page);
  /* Pages that read on a thread say so with a spinner. */
  for (GtkWidget *spinner = find_descendant (page, GTK_TYPE_SPINNER); spinner != NULL; spinner = NULL)
    if (gtk_widget_get_mapped (spinner) && gtk_spinner_get_spinning (GTK_SPINNER (spinner)))
      return FALSE;
  return TRUE;
}

static void
bench_pages (Bench *bench)
{
  /* The window opens on the dashboard (measured in open_window()). */
  static const char *names[] = { "tasks", "calendar", "units", "indicators" };
  GtkStack *stack = GTK_STACK (find_descendant (GTK_WIDGET (bench->window), GTK_TYPE_STACK));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *key = g_strdup_printf ("gui_page_%s", names[i]);
      g_autofree char *label = g_strdup_printf ("Switch to the page \"%s\" the first time", names[i]);
      double start = mark_start (), shown, stall;
      GtkWidget *page;

      gtk_stack_set_visible_child_name (stack, names[i]);
      page = dd_window_get_page (bench->window, names[i]);
      shown = wait_for_frame (page, start, page_shown, page, &stall);
      record (key, label, shown, stall);
      screenshot (key);
      spin (300);
    }
}

/* The calendar: its first showing, then the month changed by the
 * page's actions (those of Page Down and Page Up, and of the buttons),
 * the week and the agenda. Each is shown once the page shows the day
 * asked for and no spinner of its spins (the deadlines read). */

typedef struct
{
  GtkWidget *page;
  GDate date;
} CalendarWait;

static gboolean
calendar_shown (gpointer data)
{
  CalendarWait *wait = data;
  GDate date;

  if (!page_shown (wait->page))
    return FALSE;
  dd_calendar_page_get_date (DD_CALENDAR_PAGE (wait->page), &date);
  return !g_date_valid (&wait->date) || g_date_compare (&date, &wait->date) == 0;
}

static void
calendar_step (CalendarWait *wait,
               const char   *action,
               guint         times,
               const char   *key,
               const char   *label)
{
  double start = 0, shown, stall = 0;

  for (guint i = 0; i < times; i++)
    {
      /* Each key's call, as fast as a held key repeats (30 ms): the
       * figure runs from the last one. */
      if (i > 0)
        spin (30);
      start = mark_start ();
      gtk_widget_activate_action (wait->page, action, NULL);
    }
  dd_calendar_page_get_date (DD_CALENDAR_PAGE (wait->page), &wait->date);
  shown = wait_for_frame (wait->page, start, calendar_shown, wait, &stall);
  record (key, label, shown, stall);
  spin (300);
}

static void
bench_calendar (Bench *bench)
{
  GtkStack *stack = GTK_STACK (find_descendant (GTK_WIDGET (bench->window), GTK_TYPE_STACK));
  CalendarWait wait = { NULL, };
  double start = mark_start (), shown, stall;
  GtkWidget *page;

  /* The sidebar's page: built when first shown. */
  gtk_stack_set_visible_child_name (stack, "calendar");
  page = dd_window_get_page (bench->window, "calendar");
  wait.page = page;
  g_date_clear (&wait.date, 1);
  shown = wait_for_frame (page, start, calendar_shown, &wait, &stall);
  record ("gui_calendar_shown", "Calendar: first showing, the month's deadlines shown", shown, stall);
  screenshot ("gui_calendar_shown");
  spin (300);
  calendar_step (&wait, "calendar.next", 1, "gui_calendar_next", "Calendar: next month (Page Down)");
  calendar_step (&wait, "calendar.previous", 1, "gui_calendar_back",
                 "Calendar: back to the month before (Page Up)");
  calendar_step (&wait, "calendar.next", 3, "gui_calendar_next3",
                 "Calendar: three months on, a key every 30 ms, last key to its month");
  screenshot ("gui_calendar_next3");
  calendar_step (&wait, "calendar.today", 1, "gui_calendar_today", "Calendar: back to today (Home)");
  {
    GVariant *week = g_variant_new_int32 (DD_CALENDAR_VIEW_WEEK);

    start = mark_start ();
    gtk_widget_activate_action_variant (page, "calendar.view", week);
    shown = wait_for_frame (page, start, calendar_shown, &wait, &stall);
    record ("gui_calendar_week", "Calendar: the week view (Ctrl+2)", shown, stall);
    spin (300);
    calendar_step (&wait, "calendar.next", 1, "gui_calendar_next_week", "Calendar: next week");
  }
  {
    GVariant *agenda = g_variant_new_int32 (DD_CALENDAR_VIEW_AGENDA);

    start = mark_start ();
    gtk_widget_activate_action_variant (page, "calendar.view", agenda);
    shown = wait_for_frame (page, start, calendar_shown, &wait, &stall);
    record ("gui_calendar_agenda", "Calendar: the agenda (Ctrl+3)", shown, stall);
    screenshot ("gui_calendar_agenda");
    spin (300);
  }
}

/* The task list */

/* The task list */

typedef struct
{
  DdTasksPage *page;
  DdTaskSort sort;
  gboolean descending;
  const char *text;
} ListWait;

static gboolean
list_sorted (gpointer data)
{
  ListWait *wait = data;
  const DdTaskQuery *query = dd_tasks_page_get_query (wait->page);

  /* The list takes the query with its result (read on a worker), and is
   * given back to the view at once: the next frame shows the result (its
   * first rows; see list_complete()). */
  return query != NULL && query->sort == wait->sort && query->descending == wait->descending;
}

/* Every row the view keeps built for the result, not only the first. */
static gboolean
list_complete (gpointer data)
{
  ListWait *wait = data;

  return list_sorted (data) && !dd_tasks_page_is_loading (wait->page);
}

static gboolean
list_searched (gpointer data)
{
  ListWait *wait = data;
  const DdTaskQuery *query = dd_tasks_page_get_query (wait->page);
  const char *text = query != NULL && query->text != NULL ? query->text : "";

  return g_strcmp0 (text, wait->text) == 0;
}

static void
bench_sorts (Bench *bench)
{
  DdTasksPage *page = DD_TASKS_PAGE (dd_window_get_page (bench->window, "tasks"));
  GtkColumnView *view = GTK_COLUMN_VIEW (find_descendant (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW));
  GListModel *columns = gtk_column_view_get_columns (view);

  /* The page shown and its list read and built, as a user sees it
   * before clicking a header: the first sort is then the list's first
   * change, not its first reading. */
  {
    ListWait shown_wait = { page, DD_TASK_SORT_NUMBER, FALSE, NULL };
    double start = mark_start (), shown, stall;

    gtk_stack_set_visible_child (GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (page))), GTK_WIDGET (page));
    shown = wait_for_frame (GTK_WIDGET (view), start, list_complete, &shown_wait, &stall);
    record ("gui_tasks_shown", "Task list: shown the first time, every row built", shown, stall);
  }
  spin (300);
  /* From the last column to the first: the first ("TT") is the order the
   * list opens with. */
  for (guint i = g_list_model_get_n_items (columns); i-- > 0;)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      g_autofree char *key = NULL;
      g_autofree char *label = NULL;
      ListWait wait = { page, 0, FALSE, NULL };
      double start, shown, stall;

      if (gtk_column_view_column_get_sorter (column) == NULL)
        continue;
      for (guint j = 0; j < 2; j++)
        {
          g_free (key);
          g_free (label);
          key = g_strdup_printf ("gui_sort_%u%s", i, j == 0 ? "" : "_desc");
          label = g_strdup_printf ("Task list: first sort by column %u (\"%s\")%s", i,
                                   gtk_column_view_column_get_title (column),
                                   j == 0 ? "" : ", then descending");
          start = mark_start ();
          /* A click on the header: ascending, a second one descending. */
          gtk_column_view_sort_by_column (view, column, j == 0 ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING);
          /* The list shows the sort once read (on a worker). */
          wait.sort = dd_column_sorter_get_sort (DD_COLUMN_SORTER (gtk_column_view_column_get_sorter (column)));
          wait.descending = j == 1;
          shown = wait_for_frame (GTK_WIDGET (view), start, list_sorted, &wait, &stall);
          record (key, label, shown, stall);
          g_free (key);
          key = g_strdup_printf ("gui_sort_%u%s_all", i, j == 0 ? "" : "_desc");
          /* From the first frame on: the stall is the longest of both. */
          {
            double again = dd_bench_now_ms (), rest, rest_stall;

            rest = wait_for_frame (GTK_WIDGET (view), again, list_complete, &wait, &rest_stall);
            record (key, "(every row built, the spinner stopped)", again - start + rest, MAX (stall, rest_stall));
          }
          spin (200);
        }
    }
  /* The list as the last sort left it ("Kế hoạch", descending), and how
   * many rows GTK keeps built for it (the cost of each change). */
  {
    GtkWidget *rows = find_descendant (GTK_WIDGET (view), GTK_TYPE_LIST_VIEW);
    guint n_rows = 0;

    for (GtkWidget *row = rows != NULL ? gtk_widget_get_first_child (rows) : NULL; row != NULL;
         row = gtk_widget_get_next_sibling (row))
      n_rows++;
    g_printerr ("  rows built by the list view after a sort: %u\n", n_rows);
  }
  screenshot ("gui_tasks_sorted");
}

static void
bench_typing (Bench      *bench,
              const char *words,
              const char *key,
              const char *label)
{
  DdTasksPage *page = DD_TASKS_PAGE (dd_window_get_page (bench->window, "tasks"));
  GtkEditable *entry = GTK_EDITABLE (find_descendant (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY));
  g_autofree char *max_key = g_strdup_printf ("%s_max", key);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  double longest_stall = 0, cpu, burst = 0;
  const char *p = words;

  gtk_widget_grab_focus (GTK_WIDGET (entry));
  while (*p != '\0')
    {
      g_autofree char *typed = NULL;
      ListWait wait = { page, 0, FALSE, NULL };
      double start, shown, stall;

      p = g_utf8_next_char (p);
      typed = g_strndup (words, p - words);
      wait.text = typed;
      start = mark_start ();
      gtk_editable_set_text (entry, typed);
      gtk_editable_set_position (entry, -1);
      shown = wait_for_frame (GTK_WIDGET (entry), start, list_searched, &wait, &stall);
      g_array_append_val (times, shown);
      cpu = cpu_at_frame - cpu_at_start;
      g_array_append_val (cpus, cpu);
      longest_stall = MAX (longest_stall, stall);
      burst = MAX (burst, longest_burst);
    }
  /* The processor time of the median and of the busiest keystroke. */
  cpu_at_start = 0;
  longest_burst = burst;
  cpu_at_frame = dd_bench_median ((double *) cpus->data, cpus->len);
  record (key, label, dd_bench_median ((double *) times->data, times->len), longest_stall);
  cpu_at_frame = dd_bench_max ((double *) cpus->data, cpus->len);
  record (max_key, "(slowest keystroke)", dd_bench_max ((double *) times->data, times->len), longest_stall);
  g_autofree char *shot = g_strdup_printf ("%s_searched", key);
  screenshot (shot);
  gtk_editable_set_text (entry, "");
  spin (400);
}

/* Typing on without waiting: a key every @gap_ms, as a fast typist
 * does; the figure runs from the last key to the frame that shows the
 * whole word's result (earlier results, still being read, are dropped),
 * and the stall is the longest the window stood still while typing and
 * waiting. */
static void
bench_typing_on (Bench      *bench,
                 const char *words,
                 guint       gap_ms,
                 const char *key,
                 const char *label)
{
  DdTasksPage *page = DD_TASKS_PAGE (dd_window_get_page (bench->window, "tasks"));
  GtkEditable *entry = GTK_EDITABLE (find_descendant (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY));
  ListWait wait = { page, 0, FALSE, words };
  Wait typing = { 0, };
  double start, shown, stall;
  guint timer;

  gtk_widget_grab_focus (GTK_WIDGET (entry));
  typing.last_tick = dd_bench_now_ms ();
  /* The processor time of the whole word, from its first key. */
  mark_start ();
  timer = g_timeout_add_full (G_PRIORITY_HIGH, 5, stall_timer_cb, &typing, NULL);
  for (const char *p = words; *p != '\0';)
    {
      g_autofree char *typed = NULL;

      p = g_utf8_next_char (p);
      typed = g_strndup (words, p - words);
      gtk_editable_set_text (entry, typed);
      gtk_editable_set_position (entry, -1);
      if (*p != '\0')
        spin (gap_ms);
    }
  g_source_remove (timer);
  start = dd_bench_now_ms ();
  shown = wait_for_frame (GTK_WIDGET (entry), start, list_searched, &wait, &stall);
  record (key, label, shown, MAX (stall, typing.longest_stall));
  gtk_editable_set_text (entry, "");
  spin (400);
}

/* A new window (the editor, a dialog): to its first frame. */

static GtkWidget *
new_toplevel (GListModel *toplevels,
              guint       n_before)
{
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n && n > n_before; i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (window) && !DD_IS_WINDOW (window)
          && gtk_widget_get_frame_clock (window) != NULL)
        return window;
    }
  return NULL;
}

static void
bench_dialog (Bench      *bench,
              const char *action,
              const char *key,
              const char *label)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n_before = g_list_model_get_n_items (toplevels);
  double start = mark_start (), shown, stall, opened_stall;
  GtkWidget *dialog = NULL;

  if (!gtk_widget_activate_action (GTK_WIDGET (bench->window), action, NULL))
    g_error ("%s: not enabled", action);
  /* Built and presented within the call, or a moment after. */
  while ((dialog = new_toplevel (toplevels, n_before)) == NULL && dd_bench_now_ms () - start < TIMEOUT_MS)
    g_main_context_iteration (NULL, TRUE);
  opened_stall = dd_bench_now_ms () - start;
  g_assert (dialog != NULL);
  shown = wait_for_frame (dialog, start, window_painted, dialog, &stall);
  record (key, label, shown, MAX (stall, opened_stall));
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (300);
}

static void
bench_editor (Bench *bench)
{
  DdTasksPage *page = DD_TASKS_PAGE (dd_window_get_page (bench->window, "tasks"));
  GtkColumnView *view = GTK_COLUMN_VIEW (find_descendant (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW));
  GtkSelectionModel *selection = gtk_column_view_get_model (view);
  ListWait shown_wait = { page, DD_TASK_SORT_NUMBER, FALSE, NULL };

  /* The list shown (also without the sorts before), a task selected. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (page)))
    {
      gtk_stack_set_visible_child (GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (page))), GTK_WIDGET (page));
      wait_for_frame (GTK_WIDGET (view), mark_start (), list_complete, &shown_wait, NULL);
    }
  gtk_selection_model_select_item (selection, 3, TRUE);
  spin (200);
  bench_dialog (bench, "win.edit-task", "gui_editor", "Open the task editor (a selected task)");
}

static void
print_figures (void)
{
  printf ("| the window on the large file, 1366 × 768 (median of the runs) | to the frame | main thread still "
          "| main thread busy | busy at once | progress shown |\n"
          "|---|---:|---:|---:|---:|---:|\n");
  for (guint i = 0; i < figures->len; i++)
    {
      Figure *figure = figures->pdata[i];
      g_autofree char *stall_key = g_strdup_printf ("%s_stall", figure->key);
      g_autofree char *cpu_key = g_strdup_printf ("%s_cpu", figure->key);
      g_autofree char *burst_key = g_strdup_printf ("%s_burst", figure->key);
      double shown = dd_bench_median ((double *) figure->shown->data, figure->shown->len);
      double stall = dd_bench_max ((double *) figure->stall->data, figure->stall->len);
      double cpu = dd_bench_median ((double *) figure->cpu->data, figure->cpu->len);
      double burst = dd_bench_max ((double *) figure->burst->data, figure->burst->len);
      char shown_text[G_ASCII_DTOSTR_BUF_SIZE], stall_text[G_ASCII_DTOSTR_BUF_SIZE];
      char cpu_text[G_ASCII_DTOSTR_BUF_SIZE], burst_text[G_ASCII_DTOSTR_BUF_SIZE];
      char progress_text[G_ASCII_DTOSTR_BUF_SIZE] = "—";
      g_autofree char *progress_key = g_strdup_printf ("%s_progress", figure->key);
      double progress = 0;

      /* A spinner in a frame before the result, in every run: the latest. */
      for (guint r = 0; r < figure->progress->len; r++)
        {
          double at = g_array_index (figure->progress, double, r);

          progress = at > 0 && (r == 0 || progress > 0) ? MAX (progress, at) : 0;
        }

      /* Whatever the locale's decimal mark: run-benchmarks.py reads them. */
      g_ascii_formatd (shown_text, sizeof shown_text, "%.1f", shown);
      g_ascii_formatd (stall_text, sizeof stall_text, "%.1f", stall);
      g_ascii_formatd (cpu_text, sizeof cpu_text, "%.1f", cpu);
      g_ascii_formatd (burst_text, sizeof burst_text, "%.1f", burst);
      if (progress > 0)
        g_ascii_formatd (progress_text, sizeof progress_text, "%.1f", progress);
      printf ("| %-70s | %8s ms | %8s ms | %8s ms | %8s ms | %8s%s |\n", figure->label, shown_text, stall_text,
              cpu_text, burst_text, progress_text, progress > 0 ? " ms" : "");
      printf ("LABEL\t%s\t%s\n", figure->key, figure->label);
      printf ("LABEL\t%s\t%s: longest the main thread stood still\n", stall_key, figure->label);
      printf ("LABEL\t%s\t%s: processor time of the main thread\n", cpu_key, figure->label);
      printf ("RESULT\t%s\t%s\tms\n", figure->key, shown_text);
      printf ("RESULT\t%s\t%s\tms\n", stall_key, stall_text);
      printf ("RESULT\t%s\t%s\tms\n", cpu_key, cpu_text);
      printf ("LABEL\t%s\t%s: longest the main thread worked at once\n", burst_key, figure->label);
      printf ("RESULT\t%s\t%s\tms\n", burst_key, burst_text);
      if (progress > 0)
        {
          printf ("LABEL\t%s\t%s: first frame with a spinner turning\n", progress_key, figure->label);
          printf ("RESULT\t%s\t%s\tms\n", progress_key, progress_text);
        }
    }
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  guint runs = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 3;

  phases = g_parse_debug_string (argc > 3 ? argv[3] : "all", phase_keys, G_N_ELEMENTS (phase_keys));
  if (argc < 2)
    {
      g_printerr ("usage: %s DB [RUNS] [dashboard,pages,sorts,typing,dialogs,calendar|all]\n", argv[0]);
      return 2;
    }
  /* As the application does (src/main.c). */
  dd_renderer_keep_frame_memory ();
  setlocale (LC_ALL, "");
  dd_init_i18n ();
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DONDOC_LOCALEDIR") != NULL ? g_getenv ("DONDOC_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* As the application does: GTK's cairo renderer where OpenGL is software. */
  dd_renderer_choose ();
  if (!gtk_init_check ())
    {
      g_printerr ("no display: run under xvfb-run\n");
      return 77;
    }
  figures = g_ptr_array_new_with_free_func (figure_free);

  for (guint run = 0; run < MAX (runs, 1); run++)
    {
      Bench bench = { 0, };

      g_printerr ("run %u\n", run + 1);
      /* Pages, then the task list and the dialogs, on a fresh window each. */
      open_window (&bench, argv[1]);
      spin (1500);
      if (phases & PHASE_PAGES)
        bench_pages (&bench);
      close_window (&bench);
      if (phases & PHASE_CALENDAR)
        {
          open_window (&bench, argv[1]);
          spin (1500);
          bench_calendar (&bench);
          close_window (&bench);
        }
      if (!(phases & (PHASE_SORTS | PHASE_TYPING | PHASE_DIALOGS)))
        continue;

      open_window (&bench, argv[1]);
      spin (1500);
      if (phases & PHASE_SORTS)
        bench_sorts (&bench);
      if (phases & PHASE_TYPING)
        {
          bench_typing (&bench, "hành chính", "gui_typing", "Task list: typing \"hành chính\", median keystroke");
          bench_typing (&bench, "quynh luu", "gui_typing_ascii", "Task list: typing \"quynh luu\", median keystroke");
          bench_typing_on (&bench, "hành chính", 200, "gui_typing_on",
                           "Task list: typing \"hành chính\" on (a key every 200 ms), last key to its result");
        }
      if (phases & PHASE_DIALOGS)
        {
          bench_editor (&bench);
          bench_dialog (&bench, "win.export", "gui_export_dialog", "Open the export dialog");
        }
      close_window (&bench);
    }
  print_figures ();
  g_ptr_array_unref (figures);
  return 0;
}
