/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DD_TYPE_DATE_POPOVER (dd_date_popover_get_type ())
G_DECLARE_FINAL_TYPE (DdDatePopover, dd_date_popover, DD, DATE_POPOVER, GtkPopover)

GtkWidget *dd_date_popover_new      (gboolean       show_today) G_GNUC_WARN_UNUSED_RESULT;
/* Selects @date in the calendar without emitting "day-selected"; an unset
 * date changes nothing. */
void       dd_date_popover_set_date (DdDatePopover *self,
                                     const GDate   *date);
void       dd_date_popover_get_date (DdDatePopover *self,
                                     GDate         *out_date);

G_END_DECLS
