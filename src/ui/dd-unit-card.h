/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_UNIT_CARD (dd_unit_card_get_type ())
G_DECLARE_FINAL_TYPE (DdUnitCard, dd_unit_card, DD, UNIT_CARD, GtkWidget)

GtkWidget *dd_unit_card_new      (void) G_GNUC_WARN_UNUSED_RESULT;
void       dd_unit_card_show     (DdUnitCard  *self,
                                  DdScorecard *card);
char      *dd_unit_card_dup_text (DdUnitCard  *self);

G_END_DECLS
