/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include <dondoc/dondoc.h>

G_BEGIN_DECLS

GtkStringList *dd_filter_choices_units (DdStore *store,
                                        GArray  *ids);
GtkStringList *dd_filter_choices_plans (DdStore *store,
                                        GArray  *ids);

/* The id at a choice's position (0 for none), and a choice's position
 * for an id (0, the first choice "all", when not there). */
gint64         dd_filter_choices_get_id (GArray  *ids,
                                         guint    position);
guint          dd_filter_choices_find   (GArray  *ids,
                                         gint64   id);

G_END_DECLS
