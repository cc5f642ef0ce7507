/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

/*
 * DdFirstRows: a new result's first rows shown before the rest. GTK 4.8's
 * list view builds about 200 rows for a new list; given only the first
 * screenful, it shows the result a frame sooner, and the rest is given
 * once that frame is painted (or after a moment, should no frame come).
 * A plain struct kept in the page, zeroed at first.
 */
typedef struct
{
  GdkFrameClock *clock;
  gulong handler;
  guint timeout;
  GSourceFunc done;
  gpointer data;
} DdFirstRows;

gboolean dd_first_rows_limit   (DdFirstRows *self,
                                GtkWidget   *view,
                                DdTaskList  *tasks,
                                guint        n_rows,
                                GSourceFunc  done,
                                gpointer     data);
void     dd_first_rows_cancel  (DdFirstRows *self);
gboolean dd_first_rows_pending (const DdFirstRows *self);

G_END_DECLS
