/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The days off the rule before schema 11 gave @year (Tết the last day of
 * the old year and four more, 1/9 and 2/9 every year, Giỗ Tổ every year,
 * compensatory days), as "YYYY-MM-DD:KIND" joined by commas in date order:
 * what a year stored by merely reading it holds (migration 0011).
 * (transfer full); "" outside 1900–2100. */
char *_dd_holidays_dup_legacy_key (int year);

G_END_DECLS
