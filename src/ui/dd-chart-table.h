/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *dd_chart_table_new (GPtrArray  *rows,
                               const char *label) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
