/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * DdHolidayKind:
 * @DD_HOLIDAY_KIND_HOLIDAY: a public holiday (ngày nghỉ lễ, tết)
 * @DD_HOLIDAY_KIND_COMPENSATORY: a day off in compensation (nghỉ bù) for a
 *   holiday that fell on a weekend, or one the Government swapped in
 * @DD_HOLIDAY_KIND_WORKING_SATURDAY: a Saturday worked (làm bù), a working day
 *
 * Stored in the database: never renumber.
 */
typedef enum
{
  DD_HOLIDAY_KIND_HOLIDAY = 0,
  DD_HOLIDAY_KIND_COMPENSATORY = 1,
  DD_HOLIDAY_KIND_WORKING_SATURDAY = 2,
} DdHolidayKind;

#define DD_N_HOLIDAY_KINDS 3

/* "holiday", "compensatory", "working_saturday", as the command line prints them. */
const char *dd_holiday_kind_to_string   (DdHolidayKind kind);
gboolean    dd_holiday_kind_from_string (const char    *str,
                                         DdHolidayKind *out_kind);

/**
 * DdHoliday:
 * @date: the day
 * @kind: what the day is
 * @name: its name ("Tết Nguyên đán", …)
 *
 * One row of a year's table of days off. A boxed value type.
 */
typedef struct
{
  GDate date;
  DdHolidayKind kind;
  char *name;
} DdHoliday;

#define DD_TYPE_HOLIDAY (dd_holiday_get_type ())
GType      dd_holiday_get_type (void) G_GNUC_CONST;
DdHoliday *dd_holiday_new      (const GDate   *date,
                                DdHolidayKind  kind,
                                const char    *name) G_GNUC_WARN_UNUSED_RESULT;
DdHoliday *dd_holiday_copy     (const DdHoliday *self) G_GNUC_WARN_UNUSED_RESULT;
void       dd_holiday_free     (DdHoliday *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdHoliday, dd_holiday_free)

/**
 * DdHolidaySource:
 * @DD_HOLIDAY_SOURCE_DEFAULT: no schedule announced for the year: the rule
 *   (dd_holidays_default_for_year()), shown as "dự kiến" (expected)
 * @DD_HOLIDAY_SOURCE_OFFICIAL: the schedule the Government announced, with
 *   the document that set it
 * @DD_HOLIDAY_SOURCE_EDITED: a table the file's administrator entered or
 *   changed (with the notice's number when one was given)
 *
 * Where a year's table of days off comes from. "default", "official",
 * "edited" on the command line (dd_holiday_source_to_string()).
 */
typedef enum
{
  DD_HOLIDAY_SOURCE_DEFAULT = 0,
  DD_HOLIDAY_SOURCE_OFFICIAL = 1,
  DD_HOLIDAY_SOURCE_EDITED = 2,
} DdHolidaySource;

const char *dd_holiday_source_to_string (DdHolidaySource source);

/**
 * dd_holidays_default_for_year:
 * @year: 1900–2100
 *
 * The days off of @year by the Labor Code in force that year, placed as the
 * Government usually places them: 1/1; Tết Nguyên đán, five days from the
 * second day before the lunar new year (2 before + 3 after), starting on
 * the first working day of those two when one is a weekend day (four
 * days, the last of the old year and the first three, before 2013); Giỗ Tổ Hùng
 * Vương, 10/3 of the lunar calendar (from 2007); 30/4; 1/5; Quốc khánh 2/9,
 * and from 2021 (Bộ luật Lao động 2019) the day next to it that joins it to
 * a weekend (3/9 when 2/9 is a Monday or a Thursday, else 1/9). Each of
 * these that falls on a Saturday or Sunday gives a compensatory day on the
 * next working day. Over 2020–2026 this places every holiday as the
 * Government did; only its swaps (a weekday off for a Saturday worked) it
 * cannot foresee. Names are translated.
 *
 * Returns: (transfer full) (element-type DdHoliday): sorted by date
 */
GPtrArray *dd_holidays_default_for_year (int year);

/**
 * dd_holidays_official_for_year:
 * @year: a year
 * @out_document: (out) (optional) (transfer full): the document(s) that set
 *   it ("9441/TB-BNV ngày 16/10/2025"), %NULL when there is none
 *
 * The schedule the Government announced for @year, as shipped with the
 * program (2020–2026): its holidays, compensatory days, days off swapped
 * for a working Saturday and those Saturdays.
 *
 * Returns: (transfer full) (element-type DdHoliday) (nullable): sorted by
 *   date, or %NULL for a year without one
 */
GPtrArray *dd_holidays_official_for_year (int    year,
                                          char **out_document);

/**
 * dd_holidays_for_year:
 * @year: 1900–2100
 * @out_source: (out) (optional): %DD_HOLIDAY_SOURCE_OFFICIAL or %DD_HOLIDAY_SOURCE_DEFAULT
 * @out_document: (out) (optional) (transfer full): the document, or %NULL
 *
 * The official schedule of @year when there is one, else the rule.
 *
 * Returns: (transfer full) (element-type DdHoliday): sorted by date
 */
GPtrArray *dd_holidays_for_year (int               year,
                                 DdHolidaySource  *out_source,
                                 char            **out_document);

/**
 * DdHolidayNotice:
 * @document: the notice's number ("9441/TB-BNV"), or %NULL
 * @days_off: (element-type GDate): the days off it lists (holidays,
 *   compensatory days, days swapped for a working Saturday)
 * @working_saturdays: (element-type GDate): the Saturdays it makes working days
 *
 * A year's schedule as the Government's notice states it, entered in the
 * holiday editor or read from a CSV file (dd_holiday_notice_parse_csv()).
 */
typedef struct
{
  char *document;
  GArray *days_off;
  GArray *working_saturdays;
} DdHolidayNotice;

/* An empty notice (transfer full). */
DdHolidayNotice *dd_holiday_notice_new  (const char      *document) G_GNUC_WARN_UNUSED_RESULT;
void             dd_holiday_notice_free (DdHolidayNotice *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdHolidayNotice, dd_holiday_notice_free)

/**
 * dd_holiday_notice_parse_csv:
 * @text: the file's contents (UTF-8)
 * @length: its length in bytes
 * @error: %DD_IMPORT_ERROR with the line and what is wrong with it
 *
 * Reads a notice from lines "document,NUMBER", "off,DATE" and "work,DATE"
 * (a third column is a comment; an optional header line "what,value,…",
 * blank lines and lines starting with "#" are skipped; dates as YYYY-MM-DD
 * or DD/MM/YYYY).
 *
 * Returns: (transfer full): the notice, or %NULL with @error set
 */
DdHolidayNotice *dd_holiday_notice_parse_csv (const char  *text,
                                              gsize        length,
                                              GError     **error);

/**
 * dd_holiday_notice_to_table:
 * @year: the notice's year
 * @error: %DD_STORE_ERROR_INVALID for a notice without number or day off,
 *   a day outside @year, a working Saturday that is not a Saturday, a day
 *   given twice
 *
 * The table of days off @self makes for @year: a day off the rule knows
 * (dd_holidays_default_for_year()) keeps its name and kind, another one is
 * a compensatory day "under" the notice, and the Saturdays are working
 * Saturdays.
 *
 * Returns: (transfer full) (element-type DdHoliday): sorted by date, or %NULL with @error
 */
GPtrArray *dd_holiday_notice_to_table (const DdHolidayNotice  *self,
                                       int                     year,
                                       GError                **error);

#define DD_TYPE_WORKDAYS (dd_workdays_get_type ())
G_DECLARE_FINAL_TYPE (DdWorkdays, dd_workdays, DD, WORKDAYS, GObject)

/*
 * DdWorkdays: the working-day calendar. Monday to Friday are working days,
 * except the holidays and compensatory days of each year's table; a Saturday
 * marked as a working day is one. A year whose table was not given with
 * dd_workdays_set_year() uses dd_holidays_for_year(). Main thread
 * (it fills its tables lazily).
 */

/* (transfer full) */
DdWorkdays      *dd_workdays_new            (void) G_GNUC_WARN_UNUSED_RESULT;

/* Replaces the table of @year by @holidays (element-type DdHoliday, copied;
 * an empty array means no day off that year). */
void             dd_workdays_set_year       (DdWorkdays      *self,
                                             int              year,
                                             GPtrArray       *holidays);

/* Says where the table of @year comes from (given by dd_workdays_set_year(),
 * the official schedule, or the rule) and the document that set it. */
void             dd_workdays_set_source     (DdWorkdays      *self,
                                             int              year,
                                             DdHolidaySource  source,
                                             const char      *document);

/**
 * dd_workdays_get_source:
 * @out_document: (out) (optional) (transfer none) (nullable): the document
 *
 * Where the table of @year comes from: as dd_workdays_set_source() said,
 * else as dd_holidays_for_year() says for a year not given (official or
 * "dự kiến").
 */
DdHolidaySource  dd_workdays_get_source     (DdWorkdays      *self,
                                             int              year,
                                             const char     **out_document);

/* The entry of the table for @date, or %NULL. (transfer none) */
const DdHoliday *dd_workdays_lookup         (DdWorkdays      *self,
                                             const GDate     *date);

gboolean         dd_workdays_is_working_day (DdWorkdays      *self,
                                             const GDate     *date);

/**
 * dd_workdays_add:
 * @n: how many working days; negative counts backwards
 * @out: (out caller-allocates): for @n > 0, the @n-th working day after
 *   @date; for @n < 0, the working day e such that the days after e up to
 *   and including @date hold -@n working days (from a working day, the
 *   -@n-th working day before it; from a day off, the working day before
 *   it counts as the first: Saturday 14/2/2026 - 1 is Thursday 12/2); for
 *   @n = 0, @date itself when it is a working day, else the next one.
 *   Either way dd_workdays_between (@date, @out) is @n.
 */
void             dd_workdays_add            (DdWorkdays      *self,
                                             const GDate     *date,
                                             int              n,
                                             GDate           *out);

/**
 * dd_workdays_add_checked:
 * @out: (out caller-allocates): as dd_workdays_add()
 *
 * dd_workdays_add() within the years the calendar knows: %FALSE (and @out
 * cleared) when @date or the result lies before 1/1/1900 or after
 * 31/12/2101, the search stopping at the bound.
 */
gboolean         dd_workdays_add_checked    (DdWorkdays      *self,
                                             const GDate     *date,
                                             int              n,
                                             GDate           *out);

/**
 * dd_workdays_between:
 * Counts the working days after @from up to and including @to (minus the
 * count from @to to @from when @to is before @from), so that for every day
 * d and every n != 0, dd_workdays_between (d, dd_workdays_add (d, n)) == n,
 * and for a working day e such that dd_workdays_between (d, e) != 0,
 * dd_workdays_add (d, dd_workdays_between (d, e)) == e, whether d is a
 * working day or not.
 */
int              dd_workdays_between        (DdWorkdays      *self,
                                             const GDate     *from,
                                             const GDate     *to);

/* The first working day strictly after @date. */
void             dd_workdays_next           (DdWorkdays      *self,
                                             const GDate     *date,
                                             GDate           *out);

/* A time limit whose last day is not a working day runs to the next working
 * day: @date itself when it is one, else dd_workdays_next(). */
void             dd_workdays_roll_forward   (DdWorkdays      *self,
                                             const GDate     *date,
                                             GDate           *out);

G_END_DECLS
