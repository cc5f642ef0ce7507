/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-chart"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-chart-private.h"

/*
 * The colours of the statuses and of the indicators' levels, for the
 * charts and the exports. They call nothing else of the charts.
 */

/* Colours */

/*
 * Okabe & Ito's palette ("Color Universal Design", 2002), with the lightness
 * of some entries moved so that the statuses also differ in grey (CIE L*
 * in brackets) and under simulated colour blindness. See dd-chart.h.
 */
static const struct
{
  const char *hex;
  double rgb[3];
} status_colors[] = {
  { "#00573F", { 0x00 / 255.0, 0x57 / 255.0, 0x3F / 255.0 } }, /* done on time: dark bluish green (32) */
  { "#0072B2", { 0x00 / 255.0, 0x72 / 255.0, 0xB2 / 255.0 } }, /* done late: blue (46) */
  { "#56B4E9", { 0x56 / 255.0, 0xB4 / 255.0, 0xE9 / 255.0 } }, /* in progress: sky blue (70) */
  { "#F0E442", { 0xF0 / 255.0, 0xE4 / 255.0, 0x42 / 255.0 } }, /* due soon: yellow (89) */
  { "#D55E00", { 0xD5 / 255.0, 0x5E / 255.0, 0x00 / 255.0 } }, /* overdue: vermillion (54) */
  { "#C8C8C8", { 0xC8 / 255.0, 0xC8 / 255.0, 0xC8 / 255.0 } }, /* no deadline: light grey (81) */
  { "#3A1830", { 0x3A / 255.0, 0x18 / 255.0, 0x30 / 255.0 } }, /* forgotten: darkest reddish purple (14) */
};

static const char *unknown_status_hex = "#999999";

G_STATIC_ASSERT (DD_N_STATUSES <= G_N_ELEMENTS (status_colors));

void
dd_status_get_color (DdTaskStatus status,
                     double       rgba[4])
{
  g_return_if_fail (rgba != NULL);

  if ((int) status >= 0 && (int) status < DD_N_STATUSES)
    {
      rgba[0] = status_colors[status].rgb[0];
      rgba[1] = status_colors[status].rgb[1];
      rgba[2] = status_colors[status].rgb[2];
    }
  else
    rgba[0] = rgba[1] = rgba[2] = 0x99 / 255.0;
  rgba[3] = 1.0;
}

const char *
dd_status_get_color_hex (DdTaskStatus status)
{
  if ((int) status >= 0 && (int) status < DD_N_STATUSES)
    return status_colors[status].hex;
  return unknown_status_hex;
}

DdIndicatorLevel
dd_indicator_level_for (const DdStatsIndicator *indicator)
{
  g_return_val_if_fail (indicator != NULL, DD_INDICATOR_NO_DATA);

  if (!indicator->has_data)
    return DD_INDICATOR_NO_DATA;
  /* A rounding hair below the target counts as reached. */
  if (indicator->achieved + 1e-9 >= indicator->target)
    return DD_INDICATOR_GREEN;
  if (indicator->achieved + 1e-9 >= DD_INDICATOR_AMBER_RATIO * indicator->target)
    return DD_INDICATOR_AMBER;
  return DD_INDICATOR_RED;
}

void
dd_indicator_level_get_color (DdIndicatorLevel level,
                              double           rgba[4])
{
  switch (level)
    {
    case DD_INDICATOR_GREEN:
      dd_status_get_color (DD_STATUS_DONE_ON_TIME, rgba);
      break;
    case DD_INDICATOR_AMBER:
      dd_status_get_color (DD_STATUS_DUE_SOON, rgba);
      break;
    case DD_INDICATOR_RED:
      dd_status_get_color (DD_STATUS_OVERDUE, rgba);
      break;
    case DD_INDICATOR_NO_DATA:
    default:
      dd_status_get_color (DD_STATUS_NO_DEADLINE, rgba);
      break;
    }
}

const char *
dd_indicator_level_get_label (DdIndicatorLevel level)
{
  switch (level)
    {
    case DD_INDICATOR_GREEN:
      return _("Target reached");
    case DD_INDICATOR_AMBER:
      return _("Close to target");
    case DD_INDICATOR_RED:
      return _("Below target");
    case DD_INDICATOR_NO_DATA:
    default:
      return _("No data");
    }
}

const char *
_dd_chart_status_label (DdTaskStatus status)
{
  /* The same messages as dd_task_status_get_label(). */
  switch (status)
    {
    case DD_STATUS_DONE_ON_TIME:
      return _("Done on time");
    case DD_STATUS_DONE_LATE:
      return _("Done late");
    case DD_STATUS_IN_PROGRESS:
      return _("In progress");
    case DD_STATUS_DUE_SOON:
      return _("Due soon");
    case DD_STATUS_OVERDUE:
      return _("Overdue");
    case DD_STATUS_FORGOTTEN:
      /* Translators: the plan's "quên việc": a period passed without the expected report. */
      return _("Forgotten");
    case DD_STATUS_NO_DEADLINE:
    default:
      return _("No deadline");
    }
}
