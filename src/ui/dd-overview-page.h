/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_OVERVIEW_PAGE (dd_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (DdOverviewPage, dd_overview_page, DD, OVERVIEW_PAGE, GtkWidget)

GtkWidget *dd_overview_page_new       (DdStore        *store);
DdStore   *dd_overview_page_get_store (DdOverviewPage *self);
void       dd_overview_page_set_store (DdOverviewPage *self,
                                       DdStore        *store);
void       dd_overview_page_reload    (DdOverviewPage *self);
void       dd_overview_page_hold      (DdOverviewPage *self,
                                       gboolean        held);

G_END_DECLS
