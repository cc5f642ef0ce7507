/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-admin-format"

#include "config.h"

#include <dondoc/dondoc.h>

#include "dd-admin-format.h"

/* The app's one formatter (dd-format.h) says how. */
char *
dd_admin_format_date_time (GDateTime *time)
{
  return dd_format_date_time (time);
}

char *
dd_admin_format_iso_time (const char *iso)
{
  return dd_format_iso_time (iso);
}
