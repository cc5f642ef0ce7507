/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

/*
 * A drop-down of plans: "All plans" (plan 0) first, then each plan by its
 * display name. The plan of each item is kept with the drop-down.
 */

/* Fills @dropdown with @plans (nullable: "All plans" alone) and selects
 * @plan_id, or all plans when it is not there. The same names keep the
 * drop-down's model as it is. */
void   dd_plan_dropdown_set_plans   (GtkDropDown *dropdown,
                                     GListModel  *plans,
                                     gint64       plan_id);
/* The plan selected, or 0 for all plans. */
gint64 dd_plan_dropdown_get_plan_id (GtkDropDown *dropdown);

G_END_DECLS
