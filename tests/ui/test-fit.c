/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-fit"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "dd-window.h"
#include "dd-window-private.h"
#include "dd-test-gtk.h"

/*
 * The window in Vietnamese at 1366×768 over the sample data (three plans,
 * a dozen units): on every page, no text outside the lists' rows is cut,
 * whether by an ellipsis, by a width smaller than the text or by the edge
 * of what shows it. (The rows' long names, and the calendar's chips, end in
 * "…" by design, with the whole text in their tooltip.)
 */

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
  g_autofree char *dir = dd_test_make_tmp_dir ("dondoc-test-XXXXXX");
  g_autoptr(GError) error = NULL;
  GDate today;

  f->path = g_build_filename (dir, "sample.sqlite", NULL);
  f->store = dd_store_open (f->path, DD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  dd_date_set_today (&today);
  g_assert_true (dd_store_load_sample (f->store, &today, &error));
  g_assert_no_error (error);

  f->window = dd_window_new (NULL, f->store);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1366, 768);
  gtk_window_present (GTK_WINDOW (f->window));
  dd_test_iterate (200);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  dd_test_iterate (50);
  g_assert_null (f->window);
  g_assert_finalize_object (f->store);
  dd_test_remove_store_file (f->path);
  g_free (f->path);
}

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

static void
assert_whole (GtkWidget  *widget,
              GtkWidget  *frame,
              const char *where)
{
  g_autoptr(GString) cut = g_string_new (NULL);

  collect_cut (widget, frame, cut);
  if (cut->len > 0)
    g_test_message ("%s: cut: %s", where, cut->str);
  g_assert_cmpstr (cut->str, ==, "");
}

static void
show_page (Fixture    *f,
           const char *name)
{
  dd_window_get_page (f->window, name);
  gtk_stack_set_visible_child_name (GTK_STACK (dd_test_template_child (f->window, DD_TYPE_WINDOW, "stack")), name);
  dd_test_run_for (1500);
}

/* Every page: what is not a list row is shown whole, inside the window. */
static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  static const char * const pages[] = { "tasks", "dashboard", "calendar", "units", "indicators" };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *shot = g_strdup_printf ("fit-%s-1366", pages[i]);

      show_page (f, pages[i]);
      dd_test_screenshot (shot);
      assert_whole (GTK_WIDGET (f->window), GTK_WIDGET (f->window), pages[i]);
    }
}

/* The task list's columns, the plan's among them: the last one ends inside
 * the list, each header is whole. */
static void
test_task_columns (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *tasks = dd_window_get_page (f->window, "tasks");
  GtkWidget *view = GTK_WIDGET (gtk_widget_get_template_child (tasks, G_OBJECT_TYPE (tasks), "column_view"));
  GtkWidget *scrolled = gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW);
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (view));
  g_autoptr(GtkColumnViewColumn) plan = g_list_model_get_item (columns, 0);
  g_autoptr(GtkColumnViewColumn) last = g_list_model_get_item (columns, g_list_model_get_n_items (columns) - 1);
  GtkWidget *header;
  graphene_rect_t bounds;

  show_page (f, "tasks");
  /* Three plans: the plan's number has its column. */
  g_assert_true (gtk_column_view_column_get_visible (plan));
  header = dd_test_find_label (view, gtk_column_view_column_get_title (last));
  g_assert_nonnull (header);
  g_assert_true (gtk_widget_compute_bounds (header, scrolled, &bounds));
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (scrolled));
  assert_whole (view, scrolled, "task list headers");
}

int
main (int   argc,
      char *argv[])
{
  /* In Vietnamese, whatever the environment says. */
  g_setenv ("LANGUAGE", "vi", TRUE);
  g_setenv ("LC_ALL", "vi_VN.UTF-8", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (setlocale (LC_ALL, "") == NULL)
    {
      g_printerr ("No vi_VN.UTF-8 locale: skipping.\n");
      return DD_TEST_EXIT_SKIP;
    }
  dd_test_init_i18n ();

  if (!dd_test_init_gtk ())
    return DD_TEST_EXIT_SKIP;

  /* The application's style sheet, as DdApplication loads it. */
  {
    g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (provider, RESOURCE_BASE "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

#define ADD(path, func) \
  g_test_add ("/ui/fit/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("pages", test_pages);
  ADD ("task-columns", test_task_columns);

#undef ADD

  return g_test_run ();
}
