/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_HOLIDAY_EDITOR (dd_holiday_editor_get_type ())
G_DECLARE_FINAL_TYPE (DdHolidayEditor, dd_holiday_editor, DD, HOLIDAY_EDITOR, GtkWindow)

DdHolidayEditor *dd_holiday_editor_new       (GtkWindow       *parent,
                                              DdStore         *store,
                                              int              year) G_GNUC_WARN_UNUSED_RESULT;
DdStore         *dd_holiday_editor_get_store (DdHolidayEditor *self);
int              dd_holiday_editor_get_year  (DdHolidayEditor *self);
void             dd_holiday_editor_set_year  (DdHolidayEditor *self,
                                              int              year);

G_END_DECLS
