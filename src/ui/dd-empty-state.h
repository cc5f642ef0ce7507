/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

/*
 * What a list says when it shows nothing (GNOME HIG's status page, which
 * GTK 4.8 lacks): an icon, a title, a line of explanation and the buttons
 * that get out of it. The task list has two: a file without any plan
 * ("No plan yet": Import Plan…, New Task…) and filters that match nothing
 * ("No matching task": Clear Filters). The overview shows the first one
 * instead of empty charts.
 */

typedef enum
{
  DD_EMPTY_STATE_NONE,
  DD_EMPTY_STATE_NO_PLAN,
  DD_EMPTY_STATE_NO_MATCH,
} DdEmptyStateKind;

/* Puts (once) and shows or hides the task list's empty state in @overlay:
 * @n_items the tasks shown, @store to tell an empty file from filters
 * that match nothing. The buttons fire win.import, win.new-task and
 * tasks.clear-filters. Returns the kind shown. */
DdEmptyStateKind dd_empty_state_update_tasks (GtkOverlay *overlay,
                                              DdStore    *store,
                                              guint       n_items);
/* Puts (once) and shows @kind in @overlay, or hides it (NONE). */
void             dd_empty_state_set          (GtkOverlay       *overlay,
                                              DdEmptyStateKind  kind);
/* The kind @overlay shows now, for tests. */
DdEmptyStateKind dd_empty_state_get_kind     (GtkOverlay *overlay);

G_END_DECLS
