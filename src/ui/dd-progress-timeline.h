/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_PROGRESS_TIMELINE (dd_progress_timeline_get_type ())
G_DECLARE_FINAL_TYPE (DdProgressTimeline, dd_progress_timeline, DD, PROGRESS_TIMELINE, GtkWidget)

GtkWidget *dd_progress_timeline_new         (void) G_GNUC_WARN_UNUSED_RESULT;
/* Shows @updates (element-type DdProgressUpdate), in their order (newest
 * first, as dd_store_list_progress() gives them); %NULL or empty shows
 * that none was recorded. */
void       dd_progress_timeline_set_updates (DdProgressTimeline *self,
                                             GPtrArray          *updates);
/* How many updates are shown. */
guint      dd_progress_timeline_get_n_updates (DdProgressTimeline *self);

G_END_DECLS
