/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

/*
 * DdFirstRows: a task list's new rows given to its view a few at a time.
 * GTK 4.8's list view builds a row widget for each new item near those it
 * shows (about 200); a result longer than the list was is given its
 * first screenful of new items, then more after each painted frame, so
 * that no frame waits for them all; so are the rows a new result refills
 * in place (dd_task_list_set_notify_later()). A plain struct kept in the page,
 * zeroed at first.
 */
typedef struct
{
  GdkFrameClock *clock;
  gulong handler;
  guint timeout;
  GtkWidget *view;
  DdTaskList *tasks;
  guint near;             /* the position shown: its rows bound again first */
  GSourceFunc done;
  gpointer data;
} DdFirstRows;

void     dd_first_rows_begin   (DdFirstRows *self,
                                DdTaskList  *tasks);
gboolean dd_first_rows_reveal  (DdFirstRows *self,
                                GtkWidget   *view,
                                DdTaskList  *tasks,
                                guint        near,
                                GSourceFunc  done,
                                gpointer     data);
void     dd_first_rows_cancel  (DdFirstRows *self);
gboolean dd_first_rows_pending (const DdFirstRows *self);
void     dd_first_rows_scroll_to (GtkColumnView *view,
                                  guint          position);

G_END_DECLS
