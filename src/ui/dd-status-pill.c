/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-status-pill"

#include "config.h"

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
