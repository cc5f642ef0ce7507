/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

#include "dd-chart-view.h"

G_BEGIN_DECLS

/* The periods of the dashboard, in the order of its drop-down. Each but
 * the custom one is the month, quarter, half-year or year that holds the
 * reference date. */
typedef enum
{
  DD_DASHBOARD_PERIOD_MONTH = 0,
  DD_DASHBOARD_PERIOD_QUARTER = 1,
  DD_DASHBOARD_PERIOD_HALF_YEAR = 2,
  DD_DASHBOARD_PERIOD_YEAR = 3,
  DD_DASHBOARD_PERIOD_CUSTOM = 4,
} DdDashboardPeriod;

#define DD_TYPE_DASHBOARD_PAGE (dd_dashboard_page_get_type ())
G_DECLARE_FINAL_TYPE (DdDashboardPage, dd_dashboard_page, DD, DASHBOARD_PAGE, GtkWidget)

GtkWidget         *dd_dashboard_page_new            (DdStore          *store) G_GNUC_WARN_UNUSED_RESULT;
DdStore           *dd_dashboard_page_get_store      (DdDashboardPage  *self);
void               dd_dashboard_page_set_store      (DdDashboardPage  *self,
                                                     DdStore          *store);
/* The reference date of the statuses (today at first). */
const GDate       *dd_dashboard_page_get_as_of      (DdDashboardPage  *self);
void               dd_dashboard_page_set_as_of      (DdDashboardPage  *self,
                                                     const GDate      *as_of);
/* The plan shown, or 0 for all. */
gint64             dd_dashboard_page_get_plan_id    (DdDashboardPage  *self);
/* The first and last day of the chosen period. */
void               dd_dashboard_page_get_period     (DdDashboardPage  *self,
                                                     GDate            *out_from,
                                                     GDate            *out_to);
/* The period @period of @as_of (for the custom period, @from–@to kept in
 * order). Pure: the page's own rule, tested headless. */
void               dd_dashboard_period_get_range    (DdDashboardPeriod period,
                                                     const GDate      *as_of,
                                                     const GDate      *custom_from,
                                                     const GDate      *custom_to,
                                                     GDate            *out_from,
                                                     GDate            *out_to);
/* The figures of the headline row, as last read (zeros while the figures
 * asked for are being read: see dd_dashboard_page_is_loading()). */
const DdStatsHeadline *dd_dashboard_page_get_headline (DdDashboardPage *self);
/* (transfer none) */
DdChartView       *dd_dashboard_page_get_chart_view (DdDashboardPage  *self,
                                                     DdChartKind       kind);
void               dd_dashboard_page_reload         (DdDashboardPage  *self);
/* Whether the figures asked for last are still being read. */
gboolean           dd_dashboard_page_is_loading     (DdDashboardPage  *self);
gboolean           dd_dashboard_page_is_counting    (DdDashboardPage  *self);
/* The tasks failing the "6 rõ" check, as last counted (0 while counted). */
guint              dd_dashboard_page_get_n_six_clear (DdDashboardPage *self);

G_END_DECLS
