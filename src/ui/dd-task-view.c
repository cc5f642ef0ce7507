/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-task-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-task-editor-private.h"

/*
 * What the task editor says of the task above its fields, and its "View
 * Task" mode. The status line gives the status on the reference date and,
 * when the task is overdue or was done late, by how many working days (the
 * file's working-day calendar: weekends, holidays, make-up days).
 *
 * Viewing (a task opened from the calendar or a chart, or by someone who
 * may not change it): the fields are read-only and look it, "Close" instead
 * of "Cancel", no "Save"; "Edit" turns the editor into the usual one for
 * those who may change the task.
 */

/* Working days from @from to @to, or -1 when the calendar cannot be read. */
static int
working_days (DdStore     *store,
              const GDate *from,
              const GDate *to)
{
  g_autoptr(DdCalendar) calendar = dd_calendar_new (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdWorkdays) workdays = dd_calendar_get_workdays (calendar, &error);

  if (workdays == NULL)
    {
      g_debug ("No working-day calendar: %s", error->message);
      return -1;
    }
  return dd_workdays_between (workdays, from, to);
}

/* "Overdue — 12 working days late", or the status alone. (transfer full) */
static char *
dup_status_text (DdTaskEditor *self)
{
  DdTaskStatus status = dd_task_get_status (self->task);
  const GDate *due = dd_task_get_due (self->task);
  const GDate *until = NULL;
  int days;

  if (status == DD_STATUS_OVERDUE)
    until = dd_task_get_as_of (self->task);
  else if (status == DD_STATUS_DONE_LATE)
    until = dd_task_get_completed_on (self->task);
  if (due == NULL || until == NULL || !dd_date_is_set (due) || !dd_date_is_set (until) ||
      (days = working_days (self->store, due, until)) <= 0)
    /* Translators: the status line of the task editor, "Tình trạng: Đang thực hiện". */
    return g_strdup_printf (_("Status: %s"), dd_task_status_get_label (status));
  /* Translators: the status line of the task editor when late, "Tình trạng:
   * Quá hạn — trễ 12 ngày làm việc". */
  return g_strdup_printf (ngettext ("Status: %s — %d working day late", "Status: %s — %d working days late",
                                    days),
                          dd_task_status_get_label (status), days);
}

void
_dd_task_editor_update_status (DdTaskEditor *self)
{
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->status_label), !self->is_new && self->task != NULL);
  if (self->is_new || self->task == NULL)
    return;
  text = dup_status_text (self);
  gtk_label_set_text (self->status_label, text);
}

void
_dd_task_editor_apply_viewing (DdTaskEditor *self)
{
  gboolean viewing = dd_task_editor_get_viewing (self);

  gtk_widget_set_visible (GTK_WIDGET (self->save_button), !viewing);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), self->viewing && self->read_only_reason == NULL);
  gtk_button_set_label (self->cancel_button, viewing ? _("_Close") : _("_Cancel"));
  if (viewing)
    gtk_widget_add_css_class (GTK_WIDGET (self), "task-viewing");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "task-viewing");
}

/* Public API */

/**
 * dd_task_editor_set_viewing:
 * @viewing: whether to show the task read-only first
 *
 * Shows the task to read ("View Task"), with "Edit" for those who may change
 * it, or as the editor it is (what "Edit" does).
 */
void
dd_task_editor_set_viewing (DdTaskEditor *self,
                            gboolean      viewing)
{
  g_return_if_fail (DD_IS_TASK_EDITOR (self));

  viewing = viewing && !self->is_new;
  if (self->viewing == viewing)
    return;
  self->viewing = viewing;
  _dd_task_editor_update_access (self);
  if (!viewing)
    gtk_widget_grab_focus (GTK_WIDGET (self->title_view));
}

/**
 * dd_task_editor_get_viewing:
 *
 * Returns: whether the editor shows the task to read only: viewing, or
 *   the user may not change it
 */
gboolean
dd_task_editor_get_viewing (DdTaskEditor *self)
{
  g_return_val_if_fail (DD_IS_TASK_EDITOR (self), FALSE);

  return !self->is_new && (self->viewing || self->read_only_reason != NULL);
}
