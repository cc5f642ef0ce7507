/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-status-pill"

#include "config.h"

#include <math.h>

#include "dd-status-pill.h"

static const char * const css_classes[DD_N_STATUSES] = {
  [DD_STATUS_DONE_ON_TIME] = "done-on-time",
  [DD_STATUS_DONE_LATE] = "done-late",
  [DD_STATUS_IN_PROGRESS] = "in-progress",
  [DD_STATUS_DUE_SOON] = "due-soon",
  [DD_STATUS_OVERDUE] = "overdue",
  [DD_STATUS_NO_DEADLINE] = "no-deadline",
  [DD_STATUS_FORGOTTEN] = "forgotten",
};

static double
linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/* The pills take their colours from the core's status colours
 * (dd_status_get_color), the same as the charts and the exports: one
 * scheme everywhere. The text is white or near-black, whichever contrasts
 * more with the background (WCAG relative luminance); the border is the
 * background darkened, and style.css gives overdue, forgotten and "no
 * deadline" their own border styles so that they differ in grey print too. */
static void
ensure_css (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GString) css = NULL;
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "dd-status-pill-css") != NULL)
    return;

  css = g_string_new (NULL);
  for (guint i = 0; i < DD_N_STATUSES; i++)
    {
      double rgba[4];
      double luminance;

      dd_status_get_color ((DdTaskStatus) i, rgba);
      luminance = 0.2126 * linear (rgba[0]) + 0.7152 * linear (rgba[1]) + 0.0722 * linear (rgba[2]);
      g_string_append_printf (css,
                              ".status-pill.%s { background-color: %s; color: %s; "
                              "border-color: rgb(%d,%d,%d); }\n",
                              css_classes[i], dd_status_get_color_hex ((DdTaskStatus) i),
                              luminance > 0.179 ? "#1a1a1a" : "#ffffff",
                              (int) (rgba[0] * 153), (int) (rgba[1] * 153), (int) (rgba[2] * 153));
    }

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css->str, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "dd-status-pill-css",
                          g_steal_pointer (&provider), g_object_unref);
}

const char *
dd_status_pill_get_css_class (DdTaskStatus status)
{
  if ((guint) status >= DD_N_STATUSES)
    return "no-deadline";

  return css_classes[status];
}

GtkWidget *
dd_status_pill_new (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  ensure_css ();
  gtk_widget_add_css_class (label, "status-pill");
  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);

  return label;
}

/**
 * dd_status_pill_set_status:
 * @pill: a label made by dd_status_pill_new()
 * @status: the status to show
 * @text: (nullable): the text, or %NULL for the status' own label
 */
void
dd_status_pill_set_status (GtkWidget    *pill,
                           DdTaskStatus  status,
                           const char   *text)
{
  g_return_if_fail (GTK_IS_LABEL (pill));

  for (guint i = 0; i < DD_N_STATUSES; i++)
    gtk_widget_remove_css_class (pill, css_classes[i]);

  gtk_widget_add_css_class (pill, dd_status_pill_get_css_class (status));
  gtk_label_set_text (GTK_LABEL (pill),
                      text != NULL ? text : dd_task_status_get_label (status));
}
