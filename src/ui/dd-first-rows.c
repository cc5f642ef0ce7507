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
 * dd_first_rows_wait:
 * @self: the page's state
 * @view: the list's view
 * @done: called once the next frame of @view is painted (or after a
 *   moment, should none come); its return value is ignored
 * @data: for @done
 *
 * Cancels what was pending, then waits for @view's next frame when @view
 * is drawn.
 *
 * Returns: whether @done will be called (not when @view is not drawn)
 */
gboolean
dd_first_rows_wait (DdFirstRows *self,
                    GtkWidget   *view,
                    GSourceFunc  done,
                    gpointer     data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (view);

  dd_first_rows_cancel (self);
  if (clock == NULL || !gtk_widget_get_mapped (view))
    return FALSE;
  self->clock = g_object_ref (clock);
  self->handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), self);
  self->timeout = g_timeout_add (FALLBACK_MS, on_timeout_cb, self);
  self->done = done;
  self->data = data;
  /* A frame to wait for, should nothing else ask for one. */
  gtk_widget_queue_draw (view);
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
