/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

/*
 * A status pill is a GtkLabel with the CSS class "status-pill" and one class
 * per status ("done-on-time", "done-late", "in-progress", "due-soon",
 * "overdue", "no-deadline"), coloured by style.css. The pill always shows
 * the status in words, so colour is never the only cue.
 */
GtkWidget  *dd_status_pill_new            (void);
void        dd_status_pill_set_status     (GtkWidget    *pill,
                                           DdTaskStatus  status,
                                           const char   *text);
const char *dd_status_pill_get_css_class  (DdTaskStatus  status);

G_END_DECLS
