/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void dd_choice_width_set (GtkDropDown *dropdown,
                          int          chars);

G_END_DECLS
