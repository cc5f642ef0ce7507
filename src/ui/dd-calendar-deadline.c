/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-calendar-deadline"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-calendar-deadline.h"

static int
status_rank (DdTaskStatus status)
{
  /* The most urgent first: what a deputy chief must see in a full day. */
  switch (status)
    {
    case DD_STATUS_OVERDUE:
      return 0;
    case DD_STATUS_FORGOTTEN:
      return 1;
    case DD_STATUS_DUE_SOON:
      return 2;
    case DD_STATUS_IN_PROGRESS:
      return 3;
    case DD_STATUS_NO_DEADLINE:
      return 4;
    case DD_STATUS_DONE_LATE:
      return 5;
    case DD_STATUS_DONE_ON_TIME:
    default:
      return 6;
    }
}

int
dd_calendar_deadline_compare (gconstpointer a,
                              gconstpointer b)
{
  const DdCalendarEntry *x = *(const DdCalendarEntry **) a;
  const DdCalendarEntry *y = *(const DdCalendarEntry **) b;
  int cmp;

  cmp = g_date_compare (&x->date, &y->date);
  if (cmp != 0)
    return cmp;
  cmp = status_rank (x->status) - status_rank (y->status);
  if (cmp != 0)
    return cmp;
  return (x->task_id > y->task_id) - (x->task_id < y->task_id);
}

char *
dd_calendar_deadline_dup_text (const DdCalendarEntry *entry)
{
  if (entry->occurrence != NULL)
    /* Translators: a deadline in the calendar: the period ("Quý II/2026"),
     * then the task. */
    return g_strdup_printf (C_("calendar deadline", "%s: %s"), entry->occurrence, entry->title);

  return g_strdup (entry->title);
}

char *
dd_calendar_deadline_dup_tooltip (const DdCalendarEntry *entry)
{
  g_autofree char *date = dd_format_date (&entry->date);
  GString *text = g_string_new (entry->title);

  g_string_append_c (text, '\n');
  if (entry->occurrence != NULL)
    {
      /* Translators: in the tooltip of a deadline: which period it is for. */
      g_string_append_printf (text, _("Period: %s"), entry->occurrence);
      g_string_append_c (text, '\n');
    }
  if (entry->lead != NULL)
    {
      /* Translators: in the tooltip of a deadline: its lead unit. */
      g_string_append_printf (text, _("Lead unit: %s"), entry->lead);
      g_string_append_c (text, '\n');
    }
  /* Translators: in the tooltip of a deadline: the due date, then the status. */
  g_string_append_printf (text, _("Due %s — %s"), date, dd_task_status_get_label (entry->status));

  return g_string_free (text, FALSE);
}

void
dd_calendar_deadline_set_task_id (GObject *object,
                                  gint64   task_id)
{
  g_object_set_data_full (object, "dd-task-id", g_memdup2 (&task_id, sizeof task_id), g_free);
}

gint64
dd_calendar_deadline_get_task_id (GObject *object)
{
  const gint64 *id = g_object_get_data (object, "dd-task-id");

  return id != NULL ? *id : 0;
}

GtkWidget *
dd_calendar_deadline_new_more_label (guint n_more)
{
  g_autofree char *text = NULL;
  GtkWidget *label;

  /* Translators: at the end of a long list of deadlines. */
  text = g_strdup_printf (ngettext ("… and %u more deadline: see the task list",
                                    "… and %u more deadlines: see the task list",
                                    n_more),
                          n_more);
  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}
