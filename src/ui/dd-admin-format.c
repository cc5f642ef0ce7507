/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-admin-format"

#include "config.h"

#include "dd-admin-format.h"

char *
dd_admin_format_date_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (time);
  /* Vietnamese order, whatever the locale: dd/mm/yyyy hh:mm. */
  return g_date_time_format (local, "%d/%m/%Y %H:%M");
}

char *
dd_admin_format_iso_time (const char *iso)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = NULL;

  if (iso == NULL)
    return g_strdup ("");
  time = g_date_time_new_from_iso8601 (iso, utc);
  if (time == NULL)
    return g_strdup (iso);
  return dd_admin_format_date_time (time);
}
