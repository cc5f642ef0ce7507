/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-workdays"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dondoc/dondoc.h"
#include "dd-core-resources.h"
#include "dd-holidays-private.h"

/*
 * A year's days off before any file is involved: the schedules the
 * Government announced (data/holidays/official.json, in the core's
 * resources) and, for the other years, the rule of the Labor Code in force
 * that year with the placement the Government usually picks. DdWorkdays
 * (dd-workdays.c) and DdCalendar start from here.
 */

#define OFFICIAL_PATH "/io/github/dondoc/Dondoc/core/holidays/official.json"

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

static const char * const source_names[] = { "default", "official", "edited" };

const char *
dd_holiday_source_to_string (DdHolidaySource source)
{
  g_return_val_if_fail ((guint) source < G_N_ELEMENTS (source_names), "default");
  return source_names[source];
}

static gboolean
fail_invalid (GError     **error,
                      const char  *message)
{
  g_set_error_literal (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID, message);
  return FALSE;
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

/* The rule */

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

/* Tết: five days from the second day before the new year (four from the
 * last day of the old year before the Labor Code 2012, in force from
 * 2013). Days before the new year that fall on a weekend are not counted:
 * the five days start on the first working day among them, as the
 * Government writes it (16/2 to 20/2/2026, not 15/2 and a day for it). */
static void
add_tet (GPtrArray  *list,
         GHashTable *taken,
         int         year)
{
  DdLunarDate lunar = { 1, 1, year, FALSE };
  int before = year >= 2013 ? 2 : 1;
  int n_days = before + 3;
  GDate day, new_year;

  if (!dd_lunar_to_solar (&lunar, &new_year, NULL))
    return;
  day = new_year;
  g_date_subtract_days (&day, before);
  while (g_date_compare (&day, &new_year) < 0 && is_weekend (&day))
    g_date_add_days (&day, 1);
  for (int i = 0; i < n_days; i++)
    {
      add_default (list, taken, &day, _("Lunar New Year (Tết Nguyên đán)"));
      g_date_add_days (&day, 1);
    }
}

/* Quốc khánh: 2/9, and from 2021 (Labor Code 2019) the day next to it that
 * joins it to a weekend: 3/9 when 2/9 is a Monday or a Thursday, else 1/9. */
static void
add_national_day (GPtrArray  *list,
                  GHashTable *taken,
                  int         year)
{
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 2, G_DATE_SEPTEMBER, (GDateYear) year);
  add_default (list, taken, &day, _("National Day (Quốc khánh)"));
  if (year < 2021)
    return;
  if (g_date_get_weekday (&day) == G_DATE_MONDAY || g_date_get_weekday (&day) == G_DATE_THURSDAY)
    g_date_add_days (&day, 1);
  else
    g_date_subtract_days (&day, 1);
  add_default (list, taken, &day, _("National Day (Quốc khánh)"));
}

/* A holiday on the weekly rest days gives a day off on the next working
 * day; several of them (Tết over a weekend) give consecutive days. */
static void
add_compensatory (GPtrArray  *list,
                  GHashTable *taken)
{
  guint n_holidays = list->len;

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
}

GPtrArray *
dd_holidays_default_for_year (int year)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_holiday_free);
  g_autoptr(GHashTable) taken = g_hash_table_new (NULL, NULL);
  DdLunarDate lunar;
  GDate day;

  g_return_val_if_fail (year >= DD_LUNAR_MIN_YEAR && year <= DD_LUNAR_MAX_YEAR, NULL);

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, G_DATE_JANUARY, (GDateYear) year);
  add_default (list, taken, &day, _("New Year’s Day"));

  add_tet (list, taken, year);

  /* Giỗ Tổ Hùng Vương is a day off since 2007. */
  lunar = (DdLunarDate) { 10, 3, year, FALSE };
  if (year >= 2007 && dd_lunar_to_solar (&lunar, &day, NULL))
    add_default (list, taken, &day, _("Hùng Kings’ Commemoration Day (Giỗ Tổ Hùng Vương)"));

  g_date_set_dmy (&day, 30, G_DATE_APRIL, (GDateYear) year);
  add_default (list, taken, &day, _("Reunification Day (30/4)"));
  g_date_set_dmy (&day, 1, G_DATE_MAY, (GDateYear) year);
  add_default (list, taken, &day, _("International Workers’ Day (1/5)"));
  add_national_day (list, taken, year);

  g_ptr_array_sort (list, compare_holidays);
  add_compensatory (list, taken);
  g_ptr_array_sort (list, compare_holidays);
  return g_steal_pointer (&list);
}

/* The rule before schema 11, for recognizing the years it stored. */

char *
_dd_holidays_dup_legacy_key (int year)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_holiday_free);
  g_autoptr(GHashTable) taken = g_hash_table_new (NULL, NULL);
  static const int fixed[][2] = { { 1, 1 }, { 30, 4 }, { 1, 5 }, { 1, 9 }, { 2, 9 } };
  DdLunarDate lunar = { 1, 1, year, FALSE };
  GString *key = g_string_new (NULL);
  GDate day;

  if (year < DD_LUNAR_MIN_YEAR || year > DD_LUNAR_MAX_YEAR)
    return g_string_free (key, FALSE);

  g_date_clear (&day, 1);
  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      g_date_set_dmy (&day, (GDateDay) fixed[i][0], (GDateMonth) fixed[i][1], (GDateYear) year);
      add_default (list, taken, &day, "");
    }
  /* Tết: the last day of the old year and the first four; Giỗ Tổ every year. */
  if (dd_lunar_to_solar (&lunar, &day, NULL))
    {
      g_date_subtract_days (&day, 1);
      for (int i = 0; i < 5; i++, g_date_add_days (&day, 1))
        add_default (list, taken, &day, "");
    }
  lunar = (DdLunarDate) { 10, 3, year, FALSE };
  if (dd_lunar_to_solar (&lunar, &day, NULL))
    add_default (list, taken, &day, "");

  g_ptr_array_sort (list, compare_holidays);
  add_compensatory (list, taken);
  g_ptr_array_sort (list, compare_holidays);
  for (guint i = 0; i < list->len; i++)
    {
      const DdHoliday *holiday = g_ptr_array_index (list, i);

      g_string_append_printf (key, "%s%04u-%02u-%02u:%d", i > 0 ? "," : "", g_date_get_year (&holiday->date),
                              g_date_get_month (&holiday->date), g_date_get_day (&holiday->date), holiday->kind);
    }
  return g_string_free (key, FALSE);
}

/* The official schedules */

typedef struct
{
  GDate date;
  DdHolidayKind kind;
  char *holiday;     /* the key of its name: "tet", "swap", … */
} OfficialDay;

typedef struct
{
  char *document;
  GArray *days;      /* OfficialDay, sorted */
} OfficialYear;

static void
official_day_clear (gpointer data)
{
  g_free (((OfficialDay *) data)->holiday);
}

static void
official_year_free (gpointer data)
{
  OfficialYear *year = data;

  g_free (year->document);
  g_array_unref (year->days);
  g_free (year);
}

static int
compare_official_days (gconstpointer a,
                       gconstpointer b)
{
  return g_date_compare (&((const OfficialDay *) a)->date, &((const OfficialDay *) b)->date);
}

/* The name of a day of the data file, translated. */
static char *
official_name (const char    *holiday,
               DdHolidayKind  kind)
{
  static const struct { const char *key; const char *name; } names[] = {
    { "new_year", N_("New Year’s Day") },
    { "tet", N_("Lunar New Year (Tết Nguyên đán)") },
    { "hung_kings", N_("Hùng Kings’ Commemoration Day (Giỗ Tổ Hùng Vương)") },
    { "reunification", N_("Reunification Day (30/4)") },
    { "labour", N_("International Workers’ Day (1/5)") },
    { "national", N_("National Day (Quốc khánh)") },
  };

  if (g_strcmp0 (holiday, "swap") == 0)
    return g_strdup (kind == DD_HOLIDAY_KIND_WORKING_SATURDAY ? _("Working Saturday in exchange for a day off")
                                                               : _("Day off in exchange for a working Saturday"));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (holiday, names[i].key) == 0)
      {
        if (kind == DD_HOLIDAY_KIND_COMPENSATORY)
          return g_strdup_printf (_("Compensatory day off for %s"), _(names[i].name));
        return g_strdup (_(names[i].name));
      }
  return NULL;
}

static OfficialYear *
read_official_year (JsonObject *object)
{
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (OfficialDay));
  JsonArray *array = json_object_get_array_member (object, "days");
  OfficialYear *year;

  g_array_set_clear_func (days, official_day_clear);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *day = json_array_get_object_element (array, i);
      g_autofree char *name = NULL;
      OfficialDay row = { 0 };

      /* The file is the program's own: a bad row is a bug, said loudly. */
      if (day == NULL || !dd_date_parse_iso (json_object_get_string_member_with_default (day, "date", ""), &row.date)
          || !dd_holiday_kind_from_string (json_object_get_string_member_with_default (day, "kind", ""), &row.kind))
        g_error ("Bad day %u in %s", i, OFFICIAL_PATH);
      row.holiday = g_strdup (json_object_get_string_member_with_default (day, "holiday", ""));
      name = official_name (row.holiday, row.kind);
      if (name == NULL)
        g_error ("Unknown holiday “%s” in %s", row.holiday, OFFICIAL_PATH);
      g_array_append_val (days, row);
    }
  g_array_sort (days, compare_official_days);

  year = g_new0 (OfficialYear, 1);
  year->document = g_strdup (json_object_get_string_member_with_default (object, "document", ""));
  year->days = g_steal_pointer (&days);
  return year;
}

/* year → OfficialYear, read once from the resources (any thread). */
static GHashTable *
official_years (void)
{
  static gsize once = 0;
  static GHashTable *years = NULL;

  if (g_once_init_enter (&once))
    {
      GHashTable *table = g_hash_table_new_full (NULL, NULL, NULL, official_year_free);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      JsonArray *array;

      g_assert (dd_core_get_resource () != NULL);
      bytes = g_resources_lookup_data (OFFICIAL_PATH, 0, &error);
      if (bytes == NULL
          || !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
        g_error ("Cannot read %s: %s", OFFICIAL_PATH, error->message);
      array = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "years");
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *object = json_array_get_object_element (array, i);

          g_hash_table_insert (table, GINT_TO_POINTER ((int) json_object_get_int_member (object, "year")),
                               read_official_year (object));
        }
      years = table;
      g_once_init_leave (&once, 1);
    }
  return years;
}

/* The days of a year, named in the language of the moment. */
static GPtrArray *
official_days (GArray *days)
{
  GPtrArray *list = g_ptr_array_new_full (days->len, (GDestroyNotify) dd_holiday_free);

  for (guint i = 0; i < days->len; i++)
    {
      const OfficialDay *day = &g_array_index (days, OfficialDay, i);
      g_autofree char *name = official_name (day->holiday, day->kind);

      g_ptr_array_add (list, dd_holiday_new (&day->date, day->kind, name));
    }
  return list;
}

GPtrArray *
dd_holidays_official_for_year (int    year,
                               char **out_document)
{
  OfficialYear *official = g_hash_table_lookup (official_years (), GINT_TO_POINTER (year));

  if (out_document != NULL)
    *out_document = official != NULL ? g_strdup (official->document) : NULL;
  return official != NULL ? official_days (official->days) : NULL;
}

GPtrArray *
dd_holidays_for_year (int               year,
                      DdHolidaySource  *out_source,
                      char            **out_document)
{
  GPtrArray *official = dd_holidays_official_for_year (year, out_document);

  if (out_source != NULL)
    *out_source = official != NULL ? DD_HOLIDAY_SOURCE_OFFICIAL : DD_HOLIDAY_SOURCE_DEFAULT;
  if (official != NULL)
    return official;
  return dd_holidays_default_for_year (year);
}

/* A notice */

DdHolidayNotice *
dd_holiday_notice_new (const char *document)
{
  DdHolidayNotice *self = g_new0 (DdHolidayNotice, 1);

  self->document = g_strdup (document);
  self->days_off = g_array_new (FALSE, FALSE, sizeof (GDate));
  self->working_saturdays = g_array_new (FALSE, FALSE, sizeof (GDate));
  return self;
}

void
dd_holiday_notice_free (DdHolidayNotice *self)
{
  if (self == NULL)
    return;
  g_free (self->document);
  g_array_unref (self->days_off);
  g_array_unref (self->working_saturdays);
  g_free (self);
}

static gboolean
notice_error (GError     **error,
              int          code,
              guint        line,
              const char  *message)
{
  /* Translators: the first %u is a line of the file, %s what is wrong with it. */
  g_set_error (error, DD_IMPORT_ERROR, code, _("Line %u: %s"), line, message);
  return FALSE;
}

/* One line "what,value[,comment]" of a notice's CSV. */
static gboolean
notice_parse_line (DdHolidayNotice  *self,
                   const char       *text,
                   guint             number,
                   GError          **error)
{
  g_auto(GStrv) fields = g_strsplit (text, ",", 3);
  g_autofree char *what = NULL;
  g_autofree char *value = NULL;
  GDate date;

  if (g_strv_length (fields) < 2)
    return notice_error (error, DD_IMPORT_ERROR_COLUMNS, number,
                         _("write “document,NUMBER”, “off,DATE” or “work,DATE”"));
  what = g_ascii_strdown (g_strstrip (fields[0]), -1);
  value = g_strdup (g_strstrip (fields[1]));
  if (g_str_equal (what, "what") || g_str_equal (what, "loai"))
    return TRUE;    /* the header */
  if (g_str_equal (what, "document"))
    {
      if (*value == '\0')
        return notice_error (error, DD_IMPORT_ERROR_VALUE, number, _("the document’s number is empty"));
      g_free (self->document);
      self->document = g_steal_pointer (&value);
      return TRUE;
    }
  if (!g_str_equal (what, "off") && !g_str_equal (what, "work"))
    return notice_error (error, DD_IMPORT_ERROR_FORMAT, number,
                         _("the first column must be “document”, “off” or “work”"));
  if (!dd_date_parse_any (value, &date))
    return notice_error (error, DD_IMPORT_ERROR_DATE, number,
                         _("not a date (write YYYY-MM-DD or DD/MM/YYYY)"));
  g_array_append_val (g_str_equal (what, "off") ? self->days_off : self->working_saturdays, date);
  return TRUE;
}

DdHolidayNotice *
dd_holiday_notice_parse_csv (const char  *text,
                             gsize        length,
                             GError     **error)
{
  g_autoptr(DdHolidayNotice) self = dd_holiday_notice_new (NULL);
  g_autofree char *copy = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_utf8_validate_len (text, length, NULL))
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_ENCODING, _("The file is not in UTF-8."));
      return NULL;
    }
  copy = g_strndup (text, length);
  /* A byte-order mark, as spreadsheets write it. */
  lines = g_strsplit (g_str_has_prefix (copy, "\xEF\xBB\xBF") ? copy + 3 : copy, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      if (!notice_parse_line (self, lines[i], i + 1, error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

/* Checks the days of @self for @year: in the year, a working Saturday a
 * Saturday, no day twice. */
static gboolean
notice_check (const DdHolidayNotice  *self,
              int                     year,
              GError                **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GArray *lists[] = { self->days_off, self->working_saturdays };

  if (dd_text_is_blank (self->document))
    return fail_invalid (error, _("A notice needs its number."));
  if (self->days_off->len == 0)
    return fail_invalid (error, _("A notice needs at least one day off."));
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        const GDate *date = &g_array_index (lists[l], GDate, i);
        gpointer key = GUINT_TO_POINTER (g_date_get_julian (date));
        g_autofree char *dmy = dd_date_to_dmy (date);

        if ((int) g_date_get_year (date) != year)
          {
            /* Translators: %s is a date, %d the year of the notice. */
            g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID, _("%s is not in %d."), dmy, year);
            return FALSE;
          }
        if (l == 1 && g_date_get_weekday (date) != G_DATE_SATURDAY)
          {
            g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                         _("%s is not a Saturday: only a Saturday can be worked in exchange."), dmy);
            return FALSE;
          }
        if (g_hash_table_contains (seen, key))
          {
            g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID, _("%s is given twice."), dmy);
            return FALSE;
          }
        g_hash_table_add (seen, key);
      }
  return TRUE;
}

GPtrArray *
dd_holiday_notice_to_table (const DdHolidayNotice  *self,
                            int                     year,
                            GError                **error)
{
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_holiday_free);
  g_autoptr(GPtrArray) rule = NULL;
  g_autoptr(GHashTable) by_day = g_hash_table_new (NULL, NULL);

  g_return_val_if_fail (self != NULL, NULL);

  if (year < DD_LUNAR_MIN_YEAR || year > DD_LUNAR_MAX_YEAR)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("The days off are known for the years %d to %d only."),
                   DD_LUNAR_MIN_YEAR, DD_LUNAR_MAX_YEAR);
      return NULL;
    }
  if (!notice_check (self, year, error))
    return NULL;

  /* A day off the rule knows keeps its name and kind; another one is a day
   * the notice gave (a swap). */
  rule = dd_holidays_default_for_year (year);
  for (guint i = 0; i < rule->len; i++)
    {
      DdHoliday *holiday = g_ptr_array_index (rule, i);

      g_hash_table_insert (by_day, GUINT_TO_POINTER (g_date_get_julian (&holiday->date)), holiday);
    }
  for (guint i = 0; i < self->days_off->len; i++)
    {
      const GDate *date = &g_array_index (self->days_off, GDate, i);
      const DdHoliday *known = g_hash_table_lookup (by_day, GUINT_TO_POINTER (g_date_get_julian (date)));
      /* Translators: %s is the notice's number ("9441/TB-BNV"). */
      g_autofree char *name = g_strdup_printf (_("Day off under %s"), self->document);

      if (known != NULL && known->kind != DD_HOLIDAY_KIND_WORKING_SATURDAY)
        g_ptr_array_add (table, dd_holiday_copy (known));
      else
        g_ptr_array_add (table, dd_holiday_new (date, DD_HOLIDAY_KIND_COMPENSATORY, name));
    }
  for (guint i = 0; i < self->working_saturdays->len; i++)
    {
      /* Translators: %s is the notice's number ("9441/TB-BNV"). */
      g_autofree char *name = g_strdup_printf (_("Working Saturday under %s"), self->document);

      g_ptr_array_add (table, dd_holiday_new (&g_array_index (self->working_saturdays, GDate, i),
                                              DD_HOLIDAY_KIND_WORKING_SATURDAY, name));
    }
  g_ptr_array_sort (table, compare_holidays);
  return g_steal_pointer (&table);
}
