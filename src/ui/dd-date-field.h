/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DD_TYPE_DATE_FIELD (dd_date_field_get_type ())
G_DECLARE_FINAL_TYPE (DdDateField, dd_date_field, DD, DATE_FIELD, GtkWidget)

GtkWidget *dd_date_field_new      (void) G_GNUC_WARN_UNUSED_RESULT;
/* Shows @date as dd/mm/yyyy; %NULL or an unset date empties the field. */
void       dd_date_field_set_date (DdDateField *self,
                                   const GDate *date);
/* The date typed or picked; %FALSE (and @out_date cleared) when the field
 * is empty or holds no real date ("31/02/2026"). */
gboolean   dd_date_field_get_date (DdDateField *self,
                                   GDate       *out_date);
/* Whether nothing (but spaces) is typed. */
gboolean   dd_date_field_is_empty (DdDateField *self);
/* The text field, for a label's mnemonic and for tests. (transfer none) */
GtkEntry  *dd_date_field_get_entry (DdDateField *self);

G_END_DECLS
