/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_HISTORY_WINDOW (dd_history_window_get_type ())
G_DECLARE_FINAL_TYPE (DdHistoryWindow, dd_history_window, DD, HISTORY_WINDOW, GtkWindow)

/* @task_id: the history of one task (no filters), or 0 for the whole
 * file's, filterable by person, unit and dates (the administrator's browser). */
DdHistoryWindow *dd_history_window_new           (GtkWindow       *parent,
                                                  DdStore         *store,
                                                  gint64           task_id) G_GNUC_WARN_UNUSED_RESULT;
/* The rows shown (DdHistoryRow), one per changed field, newest first. */
GListModel      *dd_history_window_get_rows      (DdHistoryWindow *self);
/* Whether the page asked for last, or the people and units to filter by,
 * are still being read (on the core's worker thread). */
gboolean         dd_history_window_is_loading    (DdHistoryWindow *self);
/* How many log entries a page holds (default 100); for tests. */
void             dd_history_window_set_page_size (DdHistoryWindow *self,
                                                  guint            page_size);

G_END_DECLS
