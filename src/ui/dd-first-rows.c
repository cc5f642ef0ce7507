/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-first-rows"

#include "config.h"

#include "dd-first-rows.h"

/* Should no frame come (a window being hidden), the next rows after this. */
#define FALLBACK_MS 1000
/* The new rows given first (a screenful at 1920 × 1080), then that many
 * more a frame at a time, up to about the rows GTK 4.8 builds. */
#define FIRST_ROWS 32
#define MORE_ROWS 32
#define VIEW_ROWS 224

static gboolean wait_frame (DdFirstRows *self);

/* Gives the view more rows, or all of them and says it is done. */
static void
step (DdFirstRows *self)
{
  DdTaskList *tasks = self->tasks;
  GSourceFunc done = self->done;
  gpointer data = self->data;
  guint limit = g_list_model_get_n_items (G_LIST_MODEL (tasks)) + MORE_ROWS;
  guint unnotified = dd_task_list_notify_refilled (tasks, self->near, MORE_ROWS);

  g_clear_handle_id (&self->timeout, g_source_remove);
  if (self->handler != 0)
    g_signal_handler_disconnect (self->clock, self->handler);
  self->handler = 0;
  g_clear_object (&self->clock);
  if (limit < VIEW_ROWS && limit < dd_task_list_get_n_tasks (tasks))
    {
      dd_task_list_set_row_limit (tasks, limit);
      if (wait_frame (self))
        return;
    }
  else if (unnotified > 0 && wait_frame (self))
    return;
  dd_first_rows_cancel (self);
  if (done != NULL)
    done (data);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   DdFirstRows   *self)
{
  step (self);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  DdFirstRows *self = user_data;

  self->timeout = 0;
  step (self);
  return G_SOURCE_REMOVE;
}

/* Waits for the view's next frame, when it is drawn. */
static gboolean
wait_frame (DdFirstRows *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (self->view);

  if (clock == NULL || !gtk_widget_get_mapped (self->view))
    return FALSE;
  self->clock = g_object_ref (clock);
  self->handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), self);
  self->timeout = g_timeout_add (FALLBACK_MS, on_timeout_cb, self);
  gtk_widget_queue_draw (self->view);
  return TRUE;
}

/**
 * dd_first_rows_begin:
 * @self: the page's state
 * @tasks: the list, before it takes a new result
 *
 * Cancels what was pending and limits @tasks to the items it has (or a
 * screenful): the result it takes next adds no more items than that.
 */
void
dd_first_rows_begin (DdFirstRows *self,
                     DdTaskList  *tasks)
{
  dd_first_rows_cancel (self);
  dd_task_list_set_row_limit (tasks, MAX (g_list_model_get_n_items (G_LIST_MODEL (tasks)), FIRST_ROWS));
}

/**
 * dd_first_rows_reveal:
 * @self: the page's state
 * @view: the list's view
 * @tasks: the list, with its new result (after dd_first_rows_begin())
 * @near: the position the view shows (its rows are bound again first)
 * @done: called once the view has all the items (its return value is
 *   ignored)
 * @data: for @done
 *
 * Gives @view the rest of @tasks' items, a few after each frame painted
 * when @view is drawn, else at once; likewise the items refilled in
 * place (dd_task_list_set_notify_later()): those nearest to @near at
 * once, the others a few after each frame, so that the view does not
 * bind and measure its 200 rows again in one frame.
 *
 * Returns: whether @done will be called (else @view has all the items)
 */
gboolean
dd_first_rows_reveal (DdFirstRows *self,
                      GtkWidget   *view,
                      DdTaskList  *tasks,
                      guint        near,
                      GSourceFunc  done,
                      gpointer     data)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (tasks));
  guint unnotified = dd_task_list_notify_refilled (tasks, near, FIRST_ROWS);

  self->view = view;
  self->tasks = tasks;
  self->near = near;
  if (((dd_task_list_get_n_tasks (tasks) > n_items && n_items < VIEW_ROWS) || unnotified > 0)
      && wait_frame (self))
    {
      self->done = done;
      self->data = data;
      return TRUE;
    }
  dd_first_rows_cancel (self);
  dd_task_list_set_row_limit (tasks, G_MAXUINT);
  dd_task_list_notify_refilled (tasks, near, G_MAXUINT);
  return FALSE;
}

/* Stops giving rows; the list shows all its items (the items refilled
 * and not notified yet wait for the next result, which refills them
 * again, or for dd_task_list_notify_refilled()). */
void
dd_first_rows_cancel (DdFirstRows *self)
{
  if (self->handler != 0)
    g_signal_handler_disconnect (self->clock, self->handler);
  self->handler = 0;
  g_clear_object (&self->clock);
  g_clear_handle_id (&self->timeout, g_source_remove);
  if (self->tasks != NULL)
    dd_task_list_set_row_limit (self->tasks, G_MAXUINT);
  self->tasks = NULL;
  self->view = NULL;
  self->done = NULL;
  self->data = NULL;
}

gboolean
dd_first_rows_pending (const DdFirstRows *self)
{
  return self->handler != 0;
}

/**
 * dd_first_rows_scroll_to:
 * @view: a column view
 * @position: an item of its model
 *
 * Scrolls @view as little as brings @position into view (GTK 4.8 has
 * only the list view's action for it).
 */
void
dd_first_rows_scroll_to (GtkColumnView *view,
                         guint          position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}
