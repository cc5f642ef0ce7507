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
 * dd_holidays_default_for_year:
 * @year: 1900–2100
 *
 * The days off of @year by the Labor Code (Bộ luật Lao động 2019, Article
 * 112): 1/1; Tết Nguyên đán, the last day of the lunar year and the first
 * four of the new one; Giỗ Tổ Hùng Vương, 10/3 of the lunar calendar; 30/4;
 * 1/5; Quốc khánh 2/9 and 1/9. Each of these that falls on a Saturday or
 * Sunday gives a compensatory day on the next working day. Names are
 * translated. This is what a new year's table starts from; the Government's
 * yearly announcement is entered over it.
 *
 * Returns: (transfer full) (element-type DdHoliday): sorted by date
 */
GPtrArray *dd_holidays_default_for_year (int year);

#define DD_TYPE_WORKDAYS (dd_workdays_get_type ())
G_DECLARE_FINAL_TYPE (DdWorkdays, dd_workdays, DD, WORKDAYS, GObject)

/*
 * DdWorkdays: the working-day calendar. Monday to Friday are working days,
 * except the holidays and compensatory days of each year's table; a Saturday
 * marked as a working day is one. A year whose table was not given with
 * dd_workdays_set_year() uses dd_holidays_default_for_year(). Main thread
 * (it fills its tables lazily).
 */

/* (transfer full) */
DdWorkdays      *dd_workdays_new            (void) G_GNUC_WARN_UNUSED_RESULT;

/* Replaces the table of @year by @holidays (element-type DdHoliday, copied;
 * an empty array means no day off that year). */
void             dd_workdays_set_year       (DdWorkdays      *self,
                                             int              year,
                                             GPtrArray       *holidays);

/* The entry of the table for @date, or %NULL. (transfer none) */
const DdHoliday *dd_workdays_lookup         (DdWorkdays      *self,
                                             const GDate     *date);

gboolean         dd_workdays_is_working_day (DdWorkdays      *self,
                                             const GDate     *date);

/**
 * dd_workdays_add:
 * @n: how many working days; negative counts backwards
 * @out: (out caller-allocates): the day @n working days after @date; for
 *   @n = 0, @date itself when it is a working day, else the next one
 */
void             dd_workdays_add            (DdWorkdays      *self,
                                             const GDate     *date,
                                             int              n,
                                             GDate           *out);

/**
 * dd_workdays_between:
 * Counts the working days after @from up to and including @to (negative
 * when @to is before @from), so that
 * dd_workdays_between (d, dd_workdays_add (d, n)) == n for n > 0.
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
