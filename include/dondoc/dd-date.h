/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/*
 * Dates are GDate (no time zone, no DST). In files and SQL they are ISO
 * "YYYY-MM-DD"; for people they are "dd/mm/yyyy".
 */

/* Parses strict "YYYY-MM-DD". Returns FALSE (and leaves @out cleared) on anything else. */
gboolean dd_date_parse_iso (const char *str,
                            GDate      *out);
/* Parses "d/m/yyyy" or "dd/mm/yyyy" (also with "-" or "."). FALSE on an impossible date. */
gboolean dd_date_parse_dmy (const char *str,
                            GDate      *out);
/* Accepts either form: what a person may type on the command line or in the editor. */
gboolean dd_date_parse_any (const char *str,
                            GDate      *out);
/* "2026-04-28"; NULL for NULL or an invalid date. (transfer full) */
char    *dd_date_to_iso     (const GDate *date);
/* "28/04/2026"; NULL for NULL or an invalid date. (transfer full) */
char    *dd_date_to_dmy     (const GDate *date);
/* Today in the local time zone. */
void     dd_date_set_today  (GDate *date);
/* Returns TRUE when @date is non-NULL and valid. */
gboolean dd_date_is_set     (const GDate *date);

G_END_DECLS
