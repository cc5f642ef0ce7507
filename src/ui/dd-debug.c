/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-debug"

#include "config.h"

#include <string.h>

#include "dd-chart-view.h"
#include "dd-dashboard-page.h"
#include "dd-debug.h"

/*
 * The one switch for what exists only to measure or debug the application,
 * kept out of its normal paths: the environment variable DONDOC_DEBUG, a
 * list of keys separated by commas (or "help" to list them). Nothing here
 * runs without it.
 *
 *   first-frame[=SECONDS]   (tests/bench/bench-first-frame.py) prints the
 *     monotonic time of the window's first painted frame and of the first
 *     frames that show the dashboard's figures (read on a thread), then,
 *     SECONDS (default 3) after the first frame, when the work left to the
 *     background is done, the resident memory; and quits.
 */

static const GDebugKey debug_keys[] = {
  { "first-frame", DD_DEBUG_FIRST_FRAME },
};

/* "first-frame=2.5" → 2.5; the keys without their values for GLib. */
static double settle_seconds = 3;

static DdDebugFlags
parse_flags (void)
{
  const char *value = g_getenv ("DONDOC_DEBUG");
  g_auto(GStrv) items = NULL;
  g_autoptr(GString) keys = g_string_new (NULL);

  if (value == NULL || *value == '\0')
    return 0;

  items = g_strsplit_set (value, ",:; ", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *equals = strchr (items[i], '=');

      if (equals != NULL)
        {
          *equals = '\0';
          if (g_strcmp0 (items[i], "first-frame") == 0)
            settle_seconds = CLAMP (g_ascii_strtod (equals + 1, NULL), 0, 60);
        }
      if (keys->len > 0)
        g_string_append_c (keys, ',');
      g_string_append (keys, items[i]);
    }

  return g_parse_debug_string (keys->str, debug_keys, G_N_ELEMENTS (debug_keys));
}

static double
first_frame_settle_seconds (void)
{
  return settle_seconds;
}

static void
bench_report_memory (void)
{
  g_autofree char *status = NULL;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    {
      g_auto(GStrv) lines = g_strsplit (status, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        if (g_str_has_prefix (lines[i], "VmRSS:") || g_str_has_prefix (lines[i], "VmHWM:"))
          g_print ("bench %s\n", lines[i]);
    }
}

static gboolean
bench_quit_cb (gpointer user_data)
{
  GApplication *app = user_data;

  bench_report_memory ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

/* Each frame from the first: the first that shows the dashboard's headline
 * figures and charts, the first that shows its "6 rõ" count too, then the
 * first with the derived indicators as well (all read on threads, see
 * dd-dashboard-page.c). */
static void
bench_frames_cb (GdkFrameClock *clock,
                 gpointer       user_data)
{
  static gboolean figures_shown = FALSE;
  static gboolean counted_shown = FALSE;
  DdWindow *window = user_data;
  DdDashboardPage *page = DD_DASHBOARD_PAGE (dd_window_get_page (window, "dashboard"));
  gint64 now = g_get_monotonic_time ();

  if (!figures_shown && !dd_chart_view_get_loading (dd_dashboard_page_get_chart_view (page, DD_CHART_STATUS)))
    {
      g_print ("bench figures-shown %" G_GINT64_FORMAT "\n", now);
      figures_shown = TRUE;
    }
  if (!counted_shown && !dd_dashboard_page_is_counting (page))
    {
      g_print ("bench counted-shown %" G_GINT64_FORMAT "\n", now);
      counted_shown = TRUE;
    }
  if (!dd_dashboard_page_is_loading (page))
    {
      g_print ("bench all-figures-shown %" G_GINT64_FORMAT "\n", now);
      g_signal_handlers_disconnect_by_func (clock, bench_frames_cb, user_data);
    }
}

static void
bench_after_paint_cb (GdkFrameClock *clock,
                      gpointer       user_data)
{
  GtkWindow *window = user_data;
  double seconds = first_frame_settle_seconds ();

  g_print ("bench first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, bench_after_paint_cb, user_data);
  g_timeout_add ((guint) (CLAMP (seconds, 0, 60) * 1000), bench_quit_cb,
                 gtk_window_get_application (window));

  /* A window that opened on the dashboard (a file with tasks). */
  if (gtk_widget_get_mapped (dd_window_get_page (DD_WINDOW (window), "dashboard")))
    {
      g_signal_connect (clock, "after-paint", G_CALLBACK (bench_frames_cb), window);
      bench_frames_cb (clock, window);
    }
}

static void
bench_on_map_cb (GtkWidget *widget,
                 gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  if (clock != NULL)
    g_signal_connect (clock, "after-paint", G_CALLBACK (bench_after_paint_cb), widget);
}

/* Public API */

DdDebugFlags
dd_debug_get_flags (void)
{
  static gsize initialized = 0;
  static DdDebugFlags flags = 0;

  if (g_once_init_enter (&initialized))
    {
      flags = parse_flags ();
      g_once_init_leave (&initialized, 1);
    }
  return flags;
}

/* Called with each new window before it is shown. */
void
dd_debug_watch_window (DdWindow *window)
{
  g_return_if_fail (DD_IS_WINDOW (window));

  if (dd_debug_get_flags () & DD_DEBUG_FIRST_FRAME)
    g_signal_connect (window, "map", G_CALLBACK (bench_on_map_cb), NULL);
}
