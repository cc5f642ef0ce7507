/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-first-rows"

#include "config.h"

#include "dd-first-rows.h"

/* Should no frame come (a window being hidden), the rest after this. */
#define FALLBACK_MS 1000

static void
finish (DdFirstRows *self)
{
  GSourceFunc done = self->done;
  gpointer data = self->data;

  dd_first_rows_cancel (self);
  if (done != NULL)
    done (data);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   DdFirstRows   *self)
{
  finish (self);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  DdFirstRows *self = user_data;

  self->timeout = 0;
  finish (self);
  return G_SOURCE_REMOVE;
}

/**
 * dd_first_rows_limit:
 * @self: the page's state
 * @view: the list's view
 * @tasks: the list just given a new result, not yet given to @view
 * @n_rows: how many rows to show first
 * @done: called once the frame with the first rows is painted, after
 *   the list shows all its tasks again (its return value is ignored)
 * @data: for @done
 *
 * Limits @tasks to its first @n_rows when @view is drawn and the result
 * has more; cancels what was pending.
 *
 * Returns: whether @done will be called (else the list shows every task)
 */
gboolean
dd_first_rows_limit (DdFirstRows *self,
                     GtkWidget   *view,
                     DdTaskList  *tasks,
                     guint        n_rows,
                     GSourceFunc  done,
                     gpointer     data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (view);

  dd_first_rows_cancel (self);
  if (clock == NULL || !gtk_widget_get_mapped (view) || dd_task_list_get_n_tasks (tasks) <= n_rows)
    return FALSE;
  dd_task_list_set_row_limit (tasks, n_rows);
  self->clock = g_object_ref (clock);
  self->handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), self);
  self->timeout = g_timeout_add (FALLBACK_MS, on_timeout_cb, self);
  self->done = done;
  self->data = data;
  return TRUE;
}

/* Stops waiting; the caller shows the whole list itself if it wants. */
void
dd_first_rows_cancel (DdFirstRows *self)
{
  if (self->handler != 0)
    g_signal_handler_disconnect (self->clock, self->handler);
  self->handler = 0;
  g_clear_object (&self->clock);
  g_clear_handle_id (&self->timeout, g_source_remove);
  self->done = NULL;
  self->data = NULL;
}

gboolean
dd_first_rows_pending (const DdFirstRows *self)
{
  return self->handler != 0;
}
