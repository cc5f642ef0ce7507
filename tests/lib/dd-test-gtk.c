/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-test-gtk"

#include "config.h"

#include <string.h>

#include "dd-test-gtk.h"

gboolean
dd_test_init_gtk (void)
{
  if (gtk_init_check ())
    return TRUE;

  g_printerr ("No display: skipping the GUI tests.\n");
  return FALSE;
}

void
dd_test_iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

void
dd_test_load_app_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

void
dd_test_present_window (GtkWindow *window,
                        int        width,
                        int        height,
                        guint      settle_ms)
{
  gtk_window_set_default_size (window, width, height);
  gtk_window_present (window);
  dd_test_iterate (settle_ms);
}

void
dd_test_run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

void
dd_test_wait_for (DdTestCondition condition,
                  gpointer        data)
{
  /* A guard against a hang, not a measure of speed: under CI's load
   * (two GUI tests at once on two cores, GTK drawing with llvmpipe, and
   * MALLOC_CHECK_) a calendar's agenda took more than the 10 s this was. */
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      /* Sleep only when nothing was pending: a sleep after each event
       * made a page that fills in many steps wait a millisecond a step. */
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

gboolean
dd_test_pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

void
dd_test_maybe_pause (void)
{
  const char *pause = g_getenv ("DD_TEST_PAUSE_MS");

  if (pause != NULL)
    dd_test_iterate ((guint) g_ascii_strtoull (pause, NULL, 10));
}

gpointer
dd_test_template_child (gpointer    widget,
                        GType       type,
                        const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

GtkWidget *
dd_test_find_label (GtkWidget  *widget,
                    const char *text)
{
  if (GTK_IS_LABEL (widget)
      && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = dd_test_find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
dd_test_find_descendant (GtkWidget *widget,
                         GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = dd_test_find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWindow *
dd_test_find_toplevel (GType type)
{
  /* (transfer none) */
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

char *
dd_test_dup_key_of_action (GtkWidget  *widget,
                           const char *action_name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_NAMED_ACTION (action)
              && g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), action_name) == 0)
            return gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
        }
    }
  return NULL;
}

void
dd_test_screenshot (const char *name)
{
  const char *dir = g_getenv ("DD_TEST_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *command = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (dir == NULL || *dir == '\0')
    return;

  /* One event at a time: a spinner on screen would hold dd_test_iterate(). */
  dd_test_run_for (500);
  path = g_strdup_printf ("%s/%s.png", dir, name);
  quoted = g_shell_quote (path);
  command = g_strdup_printf ("import -window root %s", quoted);
  if (!g_spawn_command_line_sync (command, NULL, NULL, &status, &error))
    g_printerr ("Could not take the screenshot %s: %s\n", path, error->message);
}

/* Texts shown whole */

/* Whether @widget is inside a list's rows (GtkListView, or the rows of a
 * GtkColumnView, whose headers are not in its list view). */
static gboolean
is_row_content (GtkWidget *widget)
{
  return GTK_IS_LIST_VIEW (widget) || GTK_IS_LIST_BOX (widget) || GTK_IS_GRID_VIEW (widget);
}

/* Whether @widget lies inside each ancestor that clips what overflows it,
 * up to @frame, and inside @frame. */
static gboolean
inside_clips (GtkWidget *widget,
              GtkWidget *frame)
{
  graphene_rect_t bounds;

  for (GtkWidget *clip = gtk_widget_get_parent (widget); clip != NULL; clip = gtk_widget_get_parent (clip))
    {
      if (clip == frame || gtk_widget_get_overflow (clip) == GTK_OVERFLOW_HIDDEN)
        {
          if (!gtk_widget_compute_bounds (widget, clip, &bounds))
            return FALSE;
          if (bounds.origin.x < -0.5
              || bounds.origin.x + bounds.size.width > gtk_widget_get_width (clip) + 0.5)
            return FALSE;
        }
      if (clip == frame)
        break;
    }
  return TRUE;
}

/* Whether the whole of @text is in the tooltip of @widget or of one of its
 * ancestors (a calendar chip's title, cut by design). */
static gboolean
in_tooltip (GtkWidget  *widget,
            const char *text)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (widget);

      if (tooltip != NULL && strstr (tooltip, text) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Adds to @cut each label under @widget (rows left out) that is not shown
 * whole: ellipsized, narrower than its text, or past an edge of @frame. */
static void
collect_cut (GtkWidget *widget,
             GtkWidget *frame,
             GString   *cut)
{
  if (!gtk_widget_get_mapped (widget) || is_row_content (widget))
    return;

  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    {
      GtkLabel *label = GTK_LABEL (widget);
      PangoLayout *layout = gtk_label_get_layout (label);
      int natural = 0;
      gboolean whole = TRUE;

      /* An ellipsis, or (no ellipsis asked) a text wider than the label. */
      pango_layout_get_pixel_size (layout, &natural, NULL);
      if (gtk_label_get_ellipsize (label) != PANGO_ELLIPSIZE_NONE || gtk_label_get_wrap (label))
        whole = !pango_layout_is_ellipsized (layout) || in_tooltip (widget, gtk_label_get_text (label));
      else
        whole = gtk_widget_get_width (widget) >= natural;
      if (whole)
        whole = inside_clips (widget, frame);
      if (!whole)
        g_string_append_printf (cut, "“%s” (%d of %d px); ", gtk_label_get_text (label),
                                gtk_widget_get_width (widget), natural);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cut (child, frame, cut);
}

void
dd_test_assert_whole (GtkWidget  *widget,
                      GtkWidget  *frame,
                      const char *where)
{
  g_autoptr(GString) cut = g_string_new (NULL);

  collect_cut (widget, frame, cut);
  if (cut->len > 0)
    g_test_message ("%s: cut: %s", where, cut->str);
  g_assert_cmpstr (cut->str, ==, "");
}
