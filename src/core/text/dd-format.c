/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-format"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dondoc/dondoc.h"
#include "dd-document-language-private.h"

static int forced_language = -1;

DdLanguage
dd_format_get_language (void)
{
  const char *probe = "Done on time";

  /* A document being made on this thread speaks its own language. */
  if (_dd_document_language_get () >= 0)
    return (DdLanguage) _dd_document_language_get ();
  if (forced_language >= 0)
    return (DdLanguage) forced_language;

  /* Whatever decided the catalogue's language (LANGUAGE, LC_MESSAGES, the
   * Preferences), the numbers follow it: ask the catalogue. */
  if (g_strcmp0 (dgettext (GETTEXT_PACKAGE, probe), probe) != 0)
    return DD_LANGUAGE_VIETNAMESE;
  return DD_LANGUAGE_ENGLISH;
}

void
dd_format_set_language (int language)
{
  g_return_if_fail (language >= -1 && language <= DD_LANGUAGE_VIETNAMESE);
  forced_language = language;
}

char *
dd_format_date (const GDate *date)
{
  return dd_date_to_dmy (date);
}

char *
dd_format_date_long (const GDate *date)
{
  static const char * const months[] = {
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
  };

  if (!dd_date_is_set (date))
    return NULL;

  if (dd_format_get_language () == DD_LANGUAGE_VIETNAMESE)
    return g_strdup_printf ("ngày %u tháng %u năm %u", g_date_get_day (date),
                            g_date_get_month (date), g_date_get_year (date));
  return g_strdup_printf ("%u %s %u", g_date_get_day (date), months[g_date_get_month (date) - 1],
                          g_date_get_year (date));
}

const char *
dd_format_weekday (GDateWeekday weekday)
{
  static const char * const vi[] = {
    "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật",
  };
  static const char * const en[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
  };

  g_return_val_if_fail (weekday >= G_DATE_MONDAY && weekday <= G_DATE_SUNDAY, "");

  if (dd_format_get_language () == DD_LANGUAGE_VIETNAMESE)
    return vi[weekday - 1];
  return en[weekday - 1];
}

GDateWeekday
dd_format_first_weekday (void)
{
  return G_DATE_MONDAY;
}

char *
dd_format_number (double value,
                  guint  decimals)
{
  gboolean vi = dd_format_get_language () == DD_LANGUAGE_VIETNAMESE;
  const char group = vi ? '.' : ',';
  const char point = vi ? ',' : '.';
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_autoptr(GString) out = g_string_new (NULL);
  const char *digits, *dot;
  gsize n_int;

  decimals = MIN (decimals, 10);
  if (!isfinite (value))
    return g_strdup ("—");

  /* g_ascii_formatd always writes '.', whatever the C locale says. */
  {
    g_autofree char *fmt = g_strdup_printf ("%%.%uf", decimals);
    g_ascii_formatd (buf, sizeof buf, fmt, value);
  }

  digits = buf;
  if (*digits == '-')
    {
      /* No "-0" for a value that rounds to zero. */
      if (strspn (digits + 1, "0.") != strlen (digits + 1))
        g_string_append_c (out, '-');
      digits++;
    }
  dot = strchr (digits, '.');
  n_int = dot != NULL ? (gsize) (dot - digits) : strlen (digits);

  for (gsize i = 0; i < n_int; i++)
    {
      if (i > 0 && (n_int - i) % 3 == 0)
        g_string_append_c (out, group);
      g_string_append_c (out, digits[i]);
    }
  if (dot != NULL)
    {
      g_string_append_c (out, point);
      g_string_append (out, dot + 1);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
dd_format_percent (double value,
                   guint  decimals)
{
  g_autofree char *number = dd_format_number (value, decimals);

  return g_strconcat (number, "%", NULL);
}

char *
dd_format_count (guint64 count)
{
  return dd_format_number ((double) count, 0);
}

char *
dd_format_share (double value)
{
  g_autofree char *number = NULL;

  if (!isfinite (value))
    return g_strdup ("—");
  /* One rule for every share: one decimal, none when it is whole, so that
   * equal counts of the same total always read the same. */
  value = round (value * 10.0) / 10.0;
  number = dd_format_number (value, fabs (value - round (value)) < 0.05 ? 0 : 1);
  return g_strconcat (number, "%", NULL);
}

void
dd_format_split_shares (const guint *counts,
                        guint        n,
                        guint        total_units,
                        guint       *out)
{
  guint64 sum = 0;
  guint given = 0;
  g_autofree guint64 *rest = g_new0 (guint64, n);

  for (guint i = 0; i < n; i++)
    sum += counts[i];
  memset (out, 0, n * sizeof *out);
  if (sum == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      guint64 scaled = (guint64) counts[i] * total_units;

      out[i] = (guint) (scaled / sum);
      rest[i] = scaled % sum;
      given += out[i];
    }
  /* The largest remainders get one more each, a whole group of equal
   * remainders at a time: equal counts always get equal shares, even when
   * the shares then fall short of the whole by a unit or two (three
   * thirds are 33.3 % each). Each group is looked at once. */
  while (given < total_units)
    {
      guint64 best = 0;
      guint n_best = 0;

      for (guint i = 0; i < n; i++)
        if (rest[i] > best)
          {
            best = rest[i];
            n_best = 1;
          }
        else if (rest[i] == best && best > 0)
          n_best++;
      if (best == 0)
        break;
      /* A group too big for what is left gets nothing; the next may. */
      for (guint i = 0; i < n; i++)
        if (rest[i] == best)
          {
            if (given + n_best <= total_units)
              out[i]++;
            rest[i] = 0;
          }
      if (given + n_best <= total_units)
        given += n_best;
    }
}

char *
dd_format_date_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (time);
  /* dd/mm/yyyy hh:mm in both languages, as dates are. */
  return g_date_time_format (local, "%d/%m/%Y %H:%M");
}

char *
dd_format_iso_time (const char *iso)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = NULL;

  if (iso == NULL)
    return g_strdup ("");
  time = g_date_time_new_from_iso8601 (iso, utc);
  if (time == NULL)
    return g_strdup (iso);
  return dd_format_date_time (time);
}

char *
dd_format_task_number (const char *number)
{
  g_autofree char *text = NULL;
  gsize len;

  if (number == NULL)
    return NULL;
  text = g_strstrip (g_strdup (number));
  len = strlen (text);
  while (len > 0 && (text[len - 1] == '.' || text[len - 1] == ' '))
    text[--len] = '\0';
  return len > 0 ? g_steal_pointer (&text) : NULL;
}
