/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_WINDOW (dd_window_get_type ())
G_DECLARE_FINAL_TYPE (DdWindow, dd_window, DD, WINDOW, GtkApplicationWindow)

DdWindow *dd_window_new       (GtkApplication *application,
                               DdStore        *store) G_GNUC_WARN_UNUSED_RESULT;
DdStore  *dd_window_get_store (DdWindow       *self);
void      dd_window_set_store (DdWindow       *self,
                               DdStore        *store);
/* The dashboard when the store has tasks, else the task list. */
void      dd_window_show_start_page (DdWindow *self);
void      dd_window_open      (DdWindow       *self,
                               DdStore        *store);
GtkWidget *dd_window_get_page (DdWindow       *self,
                               const char     *name);
/* The text of the toast shown at the bottom ("Task 5 saved"), or %NULL. */
const char *dd_window_get_toast_text (DdWindow *self);

G_END_DECLS
