/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

#include "dd-chart-view.h"

G_BEGIN_DECLS

#define DD_TYPE_CHART_CARD (dd_chart_card_get_type ())
G_DECLARE_FINAL_TYPE (DdChartCard, dd_chart_card, DD, CHART_CARD, GtkWidget)

GtkWidget   *dd_chart_card_new           (DdChart                *chart) G_GNUC_WARN_UNUSED_RESULT;
DdChart     *dd_chart_card_get_chart     (DdChartCard            *self);
DdChartView *dd_chart_card_get_view      (DdChartCard            *self);
/* The figures as a table instead of the chart (the card's toggle). */
void         dd_chart_card_set_table_shown (DdChartCard          *self,
                                            gboolean              shown);
GtkWidget   *dd_chart_card_get_table     (DdChartCard            *self);
/* Sets the chart's reference date; the title says it. */
void         dd_chart_card_set_as_of     (DdChartCard            *self,
                                          const GDate            *as_of);
/* Gives the chart its figures and redraws it; the units chart's card
 * grows with the units. */
void         dd_chart_card_set_dashboard (DdChartCard            *self,
                                          const DdStatsDashboard *dashboard);

G_END_DECLS
