/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "28/04/2026 14:05" in local time, for an ISO 8601 time the store wrote
 * (UTC); the text itself when it cannot be read. (transfer full) */
char *dd_admin_format_iso_time  (const char *iso);
/* The same for a GDateTime. (transfer full) */
char *dd_admin_format_date_time (GDateTime  *time);

G_END_DECLS
