/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-workdays"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dondoc/dondoc.h"

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

/* DdWorkdays */

struct _DdWorkdays
{
  GObject parent_instance;

  GHashTable *years;    /* year → GPtrArray of DdHoliday, sorted */
  GHashTable *by_day;   /* julian day → DdHoliday (owned by years) */
  GHashTable *sources;  /* year → YearSource, for the years whose source is known */
};

typedef struct
{
  DdHolidaySource source;
  char *document;
} YearSource;

static void
year_source_free (YearSource *self)
{
  g_free (self->document);
  g_free (self);
}

static void
put_source (DdWorkdays      *self,
            int              year,
            DdHolidaySource  source,
            char            *document)
{
  YearSource *entry = g_new0 (YearSource, 1);

  entry->source = source;
  entry->document = document;
  g_hash_table_insert (self->sources, GINT_TO_POINTER (year), entry);
}

G_DEFINE_FINAL_TYPE (DdWorkdays, dd_workdays, G_TYPE_OBJECT)

static void
dd_workdays_finalize (GObject *object)
{
  DdWorkdays *self = (DdWorkdays *) object;

  g_clear_pointer (&self->by_day, g_hash_table_unref);
  g_clear_pointer (&self->years, g_hash_table_unref);
  g_clear_pointer (&self->sources, g_hash_table_unref);

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
  self->sources = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) year_source_free);
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
    {
      DdHolidaySource source;
      char *document = NULL;

      list = dd_holidays_for_year (year, &source, &document);
      if (!g_hash_table_contains (self->sources, GINT_TO_POINTER (year)))
        put_source (self, year, source, document);
      else
        g_free (document);
    }
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
  /* A table given is someone's, until dd_workdays_set_source() says more. */
  put_source (self, year, DD_HOLIDAY_SOURCE_EDITED, NULL);
}

void
dd_workdays_set_source (DdWorkdays      *self,
                        int              year,
                        DdHolidaySource  source,
                        const char      *document)
{
  g_return_if_fail (DD_IS_WORKDAYS (self));

  put_source (self, year, source, g_strdup (document));
}

DdHolidaySource
dd_workdays_get_source (DdWorkdays  *self,
                        int          year,
                        const char **out_document)
{
  YearSource *entry;

  g_return_val_if_fail (DD_IS_WORKDAYS (self), DD_HOLIDAY_SOURCE_DEFAULT);

  ensure_year (self, year);
  entry = g_hash_table_lookup (self->sources, GINT_TO_POINTER (year));
  if (out_document != NULL)
    *out_document = entry != NULL ? entry->document : NULL;
  return entry != NULL ? entry->source : DD_HOLIDAY_SOURCE_DEFAULT;
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

/* The first and last days arithmetic may reach: a year's compensatory
 * days may fall early in the next one. */
static void
bounds (GDate *first,
        GDate *last)
{
  g_date_clear (first, 1);
  g_date_set_dmy (first, 1, G_DATE_JANUARY, DD_LUNAR_MIN_YEAR);
  g_date_clear (last, 1);
  g_date_set_dmy (last, 31, G_DATE_DECEMBER, DD_LUNAR_MAX_YEAR + 1);
}

gboolean
dd_workdays_add_checked (DdWorkdays  *self,
                         const GDate *date,
                         int          n,
                         GDate       *out)
{
  GDate first, last;

  g_return_val_if_fail (DD_IS_WORKDAYS (self), FALSE);
  g_return_val_if_fail (dd_date_is_set (date) && out != NULL, FALSE);

  bounds (&first, &last);
  if (g_date_compare (date, &first) < 0 || g_date_compare (date, &last) > 0)
    {
      g_date_clear (out, 1);
      return FALSE;
    }
  *out = *date;   /* @out may be @date */
  if (n == 0)
    {
      dd_workdays_roll_forward (self, out, out);
      return g_date_compare (out, &last) <= 0;
    }
  for (; n > 0; n--)
    do
      {
        if (g_date_compare (out, &last) >= 0)
          {
            g_date_clear (out, 1);
            return FALSE;
          }
        g_date_add_days (out, 1);
      }
    while (!dd_workdays_is_working_day (self, out));
  while (n < 0 || !dd_workdays_is_working_day (self, out))
    {
      if (n < 0 && dd_workdays_is_working_day (self, out))
        n++;
      if (g_date_compare (out, &first) <= 0)
        {
          g_date_clear (out, 1);
          return FALSE;
        }
      g_date_subtract_days (out, 1);
    }
  return TRUE;
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
  /* Backwards, the working day e such that (e, date] holds -n working
   * days: from a day off, the working day before it counts as the first. */
  while (n < 0 || !dd_workdays_is_working_day (self, out))
    {
      if (n < 0 && dd_workdays_is_working_day (self, out))
        n++;
      g_date_subtract_days (out, 1);
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
