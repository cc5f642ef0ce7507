/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-date"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dondoc/dondoc.h"

/* Reads 1–@max_digits ASCII digits; advances *p. */
static gboolean
read_number (const char **p,
             guint        max_digits,
             guint       *out)
{
  guint n = 0, digits = 0;

  while (g_ascii_isdigit (**p) && digits < max_digits)
    {
      n = n * 10 + (guint) (**p - '0');
      (*p)++;
      digits++;
    }
  if (digits == 0 || g_ascii_isdigit (**p))
    return FALSE;
  *out = n;
  return TRUE;
}

static gboolean
set_checked (GDate *out,
             guint  day,
             guint  month,
             guint  year)
{
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

gboolean
dd_date_parse_iso (const char *str,
                   GDate      *out)
{
  guint y, m, d;
  const char *p = str;

  g_return_val_if_fail (out != NULL, FALSE);
  g_date_clear (out, 1);

  if (str == NULL || strlen (str) != 10 || str[4] != '-' || str[7] != '-')
    return FALSE;
  if (!read_number (&p, 4, &y) || *p++ != '-' ||
      !read_number (&p, 2, &m) || *p++ != '-' ||
      !read_number (&p, 2, &d) || *p != '\0')
    return FALSE;
  return set_checked (out, d, m, y);
}

gboolean
dd_date_parse_dmy (const char *str,
                   GDate      *out)
{
  guint y, m, d;
  const char *p = str;
  char sep;

  g_return_val_if_fail (out != NULL, FALSE);
  g_date_clear (out, 1);

  if (str == NULL)
    return FALSE;
  while (g_ascii_isspace (*p))
    p++;
  if (!read_number (&p, 2, &d))
    return FALSE;
  sep = *p;
  if (sep != '/' && sep != '-' && sep != '.')
    return FALSE;
  p++;
  if (!read_number (&p, 2, &m) || *p++ != sep || !read_number (&p, 4, &y))
    return FALSE;
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0' || y < 1000)
    return FALSE;
  return set_checked (out, d, m, y);
}

gboolean
dd_date_parse_any (const char *str,
                   GDate      *out)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (out != NULL, FALSE);
  g_date_clear (out, 1);
  if (str == NULL)
    return FALSE;
  stripped = g_strstrip (g_strdup (str));
  return dd_date_parse_iso (stripped, out) || dd_date_parse_dmy (stripped, out);
}

char *
dd_date_to_iso (const GDate *date)
{
  if (!dd_date_is_set (date))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

char *
dd_date_to_dmy (const GDate *date)
{
  if (!dd_date_is_set (date))
    return NULL;
  return g_strdup_printf ("%02u/%02u/%04u",
                          (guint) g_date_get_day (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_year (date));
}

void
dd_date_set_today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (date != NULL);
  g_date_clear (date, 1);
  g_date_set_dmy (date,
                  (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

gboolean
dd_date_is_set (const GDate *date)
{
  return date != NULL && g_date_valid (date);
}
