/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-workdays"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dondoc/dondoc.h"

/* Auxiliary methods: holiday kinds and rows */

static const char * const holiday_kind_names[DD_N_HOLIDAY_KINDS] = {
  "holiday", "compensatory", "working_saturday",
};

const char *
dd_holiday_kind_to_string (DdHolidayKind kind)
{
  g_return_val_if_fail ((guint) kind < DD_N_HOLIDAY_KINDS, "holiday");
  return holiday_kind_names[kind];
}

gboolean
dd_holiday_kind_from_string (const char    *str,
                             DdHolidayKind *out_kind)
{
  g_return_val_if_fail (out_kind != NULL, FALSE);

  for (guint i = 0; str != NULL && i < DD_N_HOLIDAY_KINDS; i++)
    if (g_str_equal (str, holiday_kind_names[i]))
      {
        *out_kind = (DdHolidayKind) i;
        return TRUE;
      }
  return FALSE;
}

G_DEFINE_BOXED_TYPE (DdHoliday, dd_holiday, dd_holiday_copy, dd_holiday_free)

DdHoliday *
dd_holiday_new (const GDate   *date,
                DdHolidayKind  kind,
                const char    *name)
{
  DdHoliday *self;

  g_return_val_if_fail (dd_date_is_set (date), NULL);

  self = g_new0 (DdHoliday, 1);
  self->date = *date;
  self->kind = kind;
  self->name = g_strdup (name != NULL ? name : "");
  return self;
}

DdHoliday *
dd_holiday_copy (const DdHoliday *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return dd_holiday_new (&self->date, self->kind, self->name);
}

void
dd_holiday_free (DdHoliday *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self);
}

static int
compare_holidays (gconstpointer a,
                  gconstpointer b)
{
  const DdHoliday *ha = *(const DdHoliday * const *) a;
  const DdHoliday *hb = *(const DdHoliday * const *) b;

  return g_date_compare (&ha->date, &hb->date);
}

static gboolean
is_weekend (const GDate *date)
{
  GDateWeekday wd = g_date_get_weekday (date);

  return wd == G_DATE_SATURDAY || wd == G_DATE_SUNDAY;
}

static void
add_default (GPtrArray   *list,
             GHashTable  *taken,
             const GDate *date,
             const char  *name)
{
  /* Two holidays on one day (Giỗ Tổ on 30/4, say) give one day off. */
  if (g_hash_table_contains (taken, GUINT_TO_POINTER (g_date_get_julian (date))))
    return;
  g_hash_table_add (taken, GUINT_TO_POINTER (g_date_get_julian (date)));
  g_ptr_array_add (list, dd_holiday_new (date, DD_HOLIDAY_KIND_HOLIDAY, name));
}

GPtrArray *
dd_holidays_default_for_year (int year)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_holiday_free);
  g_autoptr(GHashTable) taken = g_hash_table_new (NULL, NULL);
  DdLunarDate lunar;
  GDate day;
  guint n_holidays;

  g_return_val_if_fail (year >= DD_LUNAR_MIN_YEAR && year <= DD_LUNAR_MAX_YEAR, NULL);

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, G_DATE_JANUARY, (GDateYear) year);
  add_default (list, taken, &day, _("New Year’s Day"));

  /* Tết: the last day of the old lunar year and the first four of the new. */
  lunar = (DdLunarDate) { 1, 1, year, FALSE };
  if (dd_lunar_to_solar (&lunar, &day, NULL))
    {
      g_date_subtract_days (&day, 1);
      add_default (list, taken, &day, _("Lunar New Year (Tết Nguyên đán)"));
      for (int i = 0; i < 4; i++)
        {
          g_date_add_days (&day, 1);
          add_default (list, taken, &day, _("Lunar New Year (Tết Nguyên đán)"));
        }
    }

  lunar = (DdLunarDate) { 10, 3, year, FALSE };
  if (dd_lunar_to_solar (&lunar, &day, NULL))
    add_default (list, taken, &day, _("Hùng Kings’ Commemoration Day (Giỗ Tổ Hùng Vương)"));

  g_date_set_dmy (&day, 30, G_DATE_APRIL, (GDateYear) year);
  add_default (list, taken, &day, _("Reunification Day (30/4)"));
  g_date_set_dmy (&day, 1, G_DATE_MAY, (GDateYear) year);
  add_default (list, taken, &day, _("International Workers’ Day (1/5)"));
  g_date_set_dmy (&day, 1, G_DATE_SEPTEMBER, (GDateYear) year);
  add_default (list, taken, &day, _("National Day (Quốc khánh)"));
  g_date_set_dmy (&day, 2, G_DATE_SEPTEMBER, (GDateYear) year);
  add_default (list, taken, &day, _("National Day (Quốc khánh)"));

  g_ptr_array_sort (list, compare_holidays);

  /* A holiday on the weekly rest days gives a day off on the next working
   * day; several of them (Tết over a weekend) give consecutive days. */
  n_holidays = list->len;
  for (guint i = 0; i < n_holidays; i++)
    {
      const DdHoliday *holiday = g_ptr_array_index (list, i);
      g_autofree char *name = NULL;
      GDate comp = holiday->date;

      if (!is_weekend (&holiday->date))
        continue;
      do
        g_date_add_days (&comp, 1);
      while (is_weekend (&comp) ||
             g_hash_table_contains (taken, GUINT_TO_POINTER (g_date_get_julian (&comp))));
      g_hash_table_add (taken, GUINT_TO_POINTER (g_date_get_julian (&comp)));
      /* Translators: %s is the name of the holiday that fell on a weekend. */
      name = g_strdup_printf (_("Compensatory day off for %s"), holiday->name);
      g_ptr_array_add (list, dd_holiday_new (&comp, DD_HOLIDAY_KIND_COMPENSATORY, name));
    }

  g_ptr_array_sort (list, compare_holidays);
  return g_steal_pointer (&list);
}

/* DdWorkdays */

struct _DdWorkdays
{
  GObject parent_instance;

  GHashTable *years;    /* year → GPtrArray of DdHoliday, sorted */
  GHashTable *by_day;   /* julian day → DdHoliday (owned by years) */
};

G_DEFINE_FINAL_TYPE (DdWorkdays, dd_workdays, G_TYPE_OBJECT)

static void
dd_workdays_finalize (GObject *object)
{
  DdWorkdays *self = (DdWorkdays *) object;

  g_clear_pointer (&self->by_day, g_hash_table_unref);
  g_clear_pointer (&self->years, g_hash_table_unref);

  G_OBJECT_CLASS (dd_workdays_parent_class)->finalize (object);
}

static void
dd_workdays_class_init (DdWorkdaysClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_workdays_finalize;
}

static void
dd_workdays_init (DdWorkdays *self)
{
  self->years = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->by_day = g_hash_table_new (NULL, NULL);
}

DdWorkdays *
dd_workdays_new (void)
{
  return g_object_new (DD_TYPE_WORKDAYS, NULL);
}

static void
index_year (DdWorkdays *self,
            GPtrArray  *list)
{
  for (guint i = 0; i < list->len; i++)
    {
      DdHoliday *holiday = g_ptr_array_index (list, i);

      g_hash_table_insert (self->by_day, GUINT_TO_POINTER (g_date_get_julian (&holiday->date)),
                           holiday);
    }
}

static void
unindex_year (DdWorkdays *self,
              GPtrArray  *list)
{
  for (guint i = 0; i < list->len; i++)
    {
      DdHoliday *holiday = g_ptr_array_index (list, i);
      gpointer key = GUINT_TO_POINTER (g_date_get_julian (&holiday->date));

      if (g_hash_table_lookup (self->by_day, key) == holiday)
        g_hash_table_remove (self->by_day, key);
    }
}

/* Makes sure the table of @year is there, from the defaults if not given. */
static GPtrArray *
ensure_year (DdWorkdays *self,
             int         year)
{
  GPtrArray *list = g_hash_table_lookup (self->years, GINT_TO_POINTER (year));

  if (list != NULL)
    return list;
  if (year >= DD_LUNAR_MIN_YEAR && year <= DD_LUNAR_MAX_YEAR)
    list = dd_holidays_default_for_year (year);
  else
    list = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_holiday_free);
  g_hash_table_insert (self->years, GINT_TO_POINTER (year), list);
  index_year (self, list);
  return list;
}

void
dd_workdays_set_year (DdWorkdays *self,
                      int         year,
                      GPtrArray  *holidays)
{
  GPtrArray *old;
  GPtrArray *list;

  g_return_if_fail (DD_IS_WORKDAYS (self));
  g_return_if_fail (holidays != NULL);

  old = g_hash_table_lookup (self->years, GINT_TO_POINTER (year));
  if (old != NULL)
    unindex_year (self, old);

  list = g_ptr_array_new_full (holidays->len, (GDestroyNotify) dd_holiday_free);
  for (guint i = 0; i < holidays->len; i++)
    g_ptr_array_add (list, dd_holiday_copy (g_ptr_array_index (holidays, i)));
  g_ptr_array_sort (list, compare_holidays);

  /* Replacing the entry frees the old rows after they left the index. */
  g_hash_table_insert (self->years, GINT_TO_POINTER (year), list);
  index_year (self, list);
}

const DdHoliday *
dd_workdays_lookup (DdWorkdays  *self,
                    const GDate *date)
{
  int year;

  g_return_val_if_fail (DD_IS_WORKDAYS (self), NULL);
  g_return_val_if_fail (dd_date_is_set (date), NULL);

  /* A compensatory day may fall in the next year (for a 31/12 holiday the
   * Government might add); look at the tables on both sides. */
  year = g_date_get_year (date);
  ensure_year (self, year);
  ensure_year (self, year - 1);
  return g_hash_table_lookup (self->by_day, GUINT_TO_POINTER (g_date_get_julian (date)));
}

gboolean
dd_workdays_is_working_day (DdWorkdays  *self,
                            const GDate *date)
{
  const DdHoliday *entry;

  g_return_val_if_fail (DD_IS_WORKDAYS (self), FALSE);
  g_return_val_if_fail (dd_date_is_set (date), FALSE);

  entry = dd_workdays_lookup (self, date);
  if (entry != NULL)
    return entry->kind == DD_HOLIDAY_KIND_WORKING_SATURDAY;
  return !is_weekend (date);
}

void
dd_workdays_next (DdWorkdays  *self,
                  const GDate *date,
                  GDate       *out)
{
  g_return_if_fail (DD_IS_WORKDAYS (self));
  g_return_if_fail (dd_date_is_set (date) && out != NULL);

  *out = *date;
  do
    g_date_add_days (out, 1);
  while (!dd_workdays_is_working_day (self, out));
}

void
dd_workdays_roll_forward (DdWorkdays  *self,
                          const GDate *date,
                          GDate       *out)
{
  g_return_if_fail (DD_IS_WORKDAYS (self));
  g_return_if_fail (dd_date_is_set (date) && out != NULL);

  if (dd_workdays_is_working_day (self, date))
    *out = *date;
  else
    dd_workdays_next (self, date, out);
}

void
dd_workdays_add (DdWorkdays  *self,
                 const GDate *date,
                 int          n,
                 GDate       *out)
{
  g_return_if_fail (DD_IS_WORKDAYS (self));
  g_return_if_fail (dd_date_is_set (date) && out != NULL);

  if (n == 0)
    {
      dd_workdays_roll_forward (self, date, out);
      return;
    }

  *out = *date;
  while (n > 0)
    {
      dd_workdays_next (self, out, out);
      n--;
    }
  while (n < 0)
    {
      do
        g_date_subtract_days (out, 1);
      while (!dd_workdays_is_working_day (self, out));
      n++;
    }
}

int
dd_workdays_between (DdWorkdays  *self,
                     const GDate *from,
                     const GDate *to)
{
  GDate day;
  int count = 0;
  int sign = 1;

  g_return_val_if_fail (DD_IS_WORKDAYS (self), 0);
  g_return_val_if_fail (dd_date_is_set (from) && dd_date_is_set (to), 0);

  if (g_date_compare (to, from) < 0)
    {
      const GDate *swap = from;

      from = to;
      to = swap;
      sign = -1;
    }
  day = *from;
  while (g_date_compare (&day, to) < 0)
    {
      g_date_add_days (&day, 1);
      if (dd_workdays_is_working_day (self, &day))
        count++;
    }
  return sign * count;
}
