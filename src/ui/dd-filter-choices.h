/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include <dondoc/dondoc.h>

G_BEGIN_DECLS

GtkStringList *dd_filter_choices_units (DdStore *store,
                                        GArray  *ids);
GtkStringList *dd_filter_choices_plans (DdStore *store,
                                        GArray  *ids);

G_END_DECLS
