/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-dashboard-period"

#include "config.h"

#include "dd-dashboard-page.h"

/*
 * The periods of the dashboard (DdDashboardPeriod, declared with the page
 * in dd-dashboard-page.h): which days a period of a reference date spans.
 * Pure date arithmetic, the page's own rule, tested headless.
 */

/**
 * dd_dashboard_period_get_range:
 * @period: the period chosen
 * @as_of: the reference date
 * @custom_from: (nullable): the first day of the custom period
 * @custom_to: (nullable): its last day
 * @out_from: (out): the first day of the period
 * @out_to: (out): its last day
 *
 * The month, quarter, half-year or year that holds @as_of; for the custom
 * period @custom_from–@custom_to in order (the quarter while either is
 * unset).
 */
void
dd_dashboard_period_get_range (DdDashboardPeriod  period,
                               const GDate       *as_of,
                               const GDate       *custom_from,
                               const GDate       *custom_to,
                               GDate             *out_from,
                               GDate             *out_to)
{
  GDateYear year;
  guint first_month;
  guint n_months;

  g_return_if_fail (as_of != NULL && g_date_valid (as_of));
  g_return_if_fail (out_from != NULL && out_to != NULL);

  g_date_clear (out_from, 1);
  g_date_clear (out_to, 1);
  year = g_date_get_year (as_of);

  switch (period)
    {
    case DD_DASHBOARD_PERIOD_CUSTOM:
      if (custom_from != NULL && custom_to != NULL
          && g_date_valid (custom_from) && g_date_valid (custom_to))
        {
          *out_from = *custom_from;
          *out_to = *custom_to;
          if (g_date_compare (out_from, out_to) > 0)
            {
              GDate tmp = *out_from;

              *out_from = *out_to;
              *out_to = tmp;
            }
          return;
        }
      /* No dates yet: the quarter. */
      G_GNUC_FALLTHROUGH;
    case DD_DASHBOARD_PERIOD_QUARTER:
      first_month = 3 * ((g_date_get_month (as_of) - 1) / 3) + 1;
      n_months = 3;
      break;

    case DD_DASHBOARD_PERIOD_MONTH:
      first_month = g_date_get_month (as_of);
      n_months = 1;
      break;

    case DD_DASHBOARD_PERIOD_HALF_YEAR:
      first_month = g_date_get_month (as_of) <= 6 ? 1 : 7;
      n_months = 6;
      break;

    case DD_DASHBOARD_PERIOD_YEAR:
    default:
      first_month = 1;
      n_months = 12;
      break;
    }

  g_date_set_dmy (out_from, 1, first_month, year);
  g_date_set_dmy (out_to,
                  g_date_get_days_in_month (first_month + n_months - 1, year),
                  first_month + n_months - 1, year);
}
