/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/*
 * Dates, numbers and percentages for people, in one place: the window, the
 * exports and the command line all format through these functions, in the
 * language the interface speaks (not the C library's LC_NUMERIC, which may be
 * English on a Vietnamese-speaking desktop or missing altogether).
 */

typedef enum
{
  DD_LANGUAGE_ENGLISH = 0,
  DD_LANGUAGE_VIETNAMESE = 1,
} DdLanguage;

/* The language of the interface: the one set with dd_format_set_language(),
 * or else the one the message catalogue answers in. */
DdLanguage dd_format_get_language (void);
/* Forces a language (the Preferences choice); -1 goes back to following the catalogue. */
void       dd_format_set_language (int language);

/* "28/04/2026" in both languages; NULL for an unset date. (transfer full) */
char *dd_format_date       (const GDate *date);
/* "ngày 28 tháng 4 năm 2026" / "28 April 2026". (transfer full) */
char *dd_format_date_long  (const GDate *date);
/* "Thứ Hai" … "Chủ nhật" / "Monday" … "Sunday". */
const char *dd_format_weekday (GDateWeekday weekday);
/* The first day of the week: Monday, as in Vietnam (and ISO 8601). */
GDateWeekday dd_format_first_weekday (void);
/* "1.234,5" / "1,234.5", with @decimals digits after the separator
 * (trailing zeros kept). (transfer full) */
char *dd_format_number     (double value,
                            guint  decimals);
/* "95,2%" / "95.2%". (transfer full) */
char *dd_format_percent    (double value,
                            guint  decimals);

/* A count with the language's grouping: "11.383" / "11,383". (transfer full) */
char *dd_format_count      (guint64 count);
/* A share in percent with the one rule of the app: one decimal, none when
 * it is whole ("100%", "95,2%", never "100,0 %"); "—" for NaN. (transfer full) */
char *dd_format_share      (double  value);
/* Splits @total_units (1000: tenths of a percent) among @counts[@n] by the
 * largest remainder, so that shares add up, except that equal counts always
 * get equal shares: a group of equal remainders too large for what is left
 * gets nothing more (three thirds are 333 each). All 0 when the counts are.
 * The charts and the documents share it, so a share reads the same in both. */
void  dd_format_split_shares (const guint *counts,
                              guint        n,
                              guint        total_units,
                              guint       *out);
/* A task's number as a sentence names it: "5" for "5." ("nhiệm vụ 5 của
 * Kế hoạch 662/KH-VPUB"); %NULL for %NULL or an empty number. (transfer full) */
char *dd_format_task_number (const char *number);
/* A moment in local time, "05/12/2026 22:52"; "" for %NULL. (transfer full) */
char *dd_format_date_time  (GDateTime  *time);
/* The same for an ISO 8601 time (UTC when it names no zone), as the file
 * keeps them; the text itself when it cannot be read. (transfer full) */
char *dd_format_iso_time   (const char *iso);

G_END_DECLS
