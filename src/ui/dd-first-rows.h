/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

/*
 * DdFirstRows: waits for the next frame of a view to be painted. GTK
 * 4.8's list view builds a row widget for each new item near those it
 * shows (about 200); a list that grows is given its first screenful of
 * new items, then the others a frame at a time, so that no frame waits
 * for them all. A plain struct kept in the page, zeroed at first.
 */
typedef struct
{
  GdkFrameClock *clock;
  gulong handler;
  guint timeout;
  GSourceFunc done;
  gpointer data;
} DdFirstRows;

gboolean dd_first_rows_wait    (DdFirstRows *self,
                                GtkWidget   *view,
                                GSourceFunc  done,
                                gpointer     data);
void     dd_first_rows_cancel  (DdFirstRows *self);
gboolean dd_first_rows_pending (const DdFirstRows *self);

G_END_DECLS
