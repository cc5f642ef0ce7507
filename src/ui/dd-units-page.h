/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_UNITS_PAGE (dd_units_page_get_type ())
G_DECLARE_FINAL_TYPE (DdUnitsPage, dd_units_page, DD, UNITS_PAGE, GtkWidget)

GtkWidget *dd_units_page_new       (DdStore     *store);
DdStore   *dd_units_page_get_store (DdUnitsPage *self);
void       dd_units_page_set_store (DdUnitsPage *self,
                                    DdStore     *store);
void       dd_units_page_reload    (DdUnitsPage *self);

G_END_DECLS
