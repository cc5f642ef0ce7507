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
