/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-deadline"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dondoc/dondoc.h"

/*
 * The "Thời gian" cell of a plan is free text. It is read on its folded form
 * (lower case, no diacritics, "đ" → "d", single spaces: see
 * dd_text_fold_for_search()), so "Thường xuyên", "THƯỜNG XUYÊN" and
 * "thuong  xuyen" are one text. The folded form of Vietnamese is plain ASCII,
 * which keeps the patterns below simple.
 *
 * The order of the checks matters: a text that starts with a kind of its own
 * ("Thường xuyên", "Theo quy định …", "Theo Kế hoạch của …") is that kind even
 * if it quotes a date; then the yearly rules ("Trước ngày 15/12 hằng năm"),
 * then the dates, the most precise first ("ngày 30 tháng 4 năm 2026" before
 * "Tháng 4/2026" before "Năm 2026"), then the periodic words.
 */

/* Auxiliary methods */

static GRegex *
get_regex (GRegex     **cache,
           const char  *pattern)
{
  if (g_once_init_enter (cache))
    {
      g_autoptr(GError) error = NULL;
      GRegex *regex = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, &error);

      /* The patterns are constants of this file: a failure is a bug. */
      if (regex == NULL)
        g_error ("Bad deadline pattern “%s”: %s", pattern, error->message);
      g_once_init_leave (cache, regex);
    }
  return *cache;
}

static guint
match_uint (GMatchInfo *match,
            int         group)
{
  g_autofree char *str = g_match_info_fetch (match, group);

  if (str == NULL || *str == '\0')
    return 0;
  /* More digits than any day, month or year has: out of range, never
   * wrapped around to a small number. */
  if (strlen (str) > 9)
    return G_MAXUINT;
  return (guint) strtoul (str, NULL, 10);
}

static void
set_error_date (GError     **error,
                const char  *what)
{
  g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_DATE,
               /* Translators: %s is the date as written in the plan,
                * e.g. “31/02/2026” or “Quý V/2026”. */
               _("the date “%s” does not exist"), what);
}

/* Sets @out to a DATE deadline, or fails when the date does not exist. */
static gboolean
set_date (DdDeadline  *out,
          guint        day,
          guint        month,
          guint        year,
          const char  *what,
          GError     **error)
{
  if (year > 9999)
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_DATE,
                   /* Translators: %s is the date as written, e.g. “1/1/10000”. */
                   _("the year of “%s” has more than four digits"), what);
      return FALSE;
    }
  if (year < 1000 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      set_error_date (error, what);
      return FALSE;
    }
  out->kind = DD_DEADLINE_DATE;
  g_date_set_dmy (&out->due, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  out->understood = TRUE;
  return TRUE;
}

static guint
last_day_of_month (guint month,
                   guint year)
{
  if (month < 1 || month > 12 || year < 1)
    return 0;
  return g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year);
}

/* "i", "ii", "iii", "iv" or "1"–"4"; 0 for anything else ("v", "5"). */
static guint
parse_quarter (const char *str)
{
  static const char * const romans[] = { "i", "ii", "iii", "iv" };

  for (guint i = 0; i < G_N_ELEMENTS (romans); i++)
    if (g_str_equal (str, romans[i]))
      return i + 1;
  if (g_ascii_isdigit (str[0]) && str[1] == '\0' && str[0] >= '1' && str[0] <= '4')
    return (guint) (str[0] - '0');
  return 0;
}

static gboolean
has_word_prefix (const char *folded,
                 const char *prefix)
{
  gsize len = strlen (prefix);

  return strncmp (folded, prefix, len) == 0 &&
         (folded[len] == '\0' || !g_ascii_isalnum (folded[len]));
}

static gboolean
contains_any (const char         *folded,
              const char * const *needles)
{
  for (guint i = 0; needles[i] != NULL; i++)
    if (strstr (folded, needles[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* The reporting periods named in a periodic text: "hằng quý, 6 tháng, năm
 * hoặc đột xuất" names four of them. */
static guint
scan_periods (const char *folded)
{
  g_auto(GStrv) words = NULL;
  guint periods = 0;
  guint n;

  words = g_regex_split_simple ("[^a-z0-9]+", folded, 0, 0);
  n = g_strv_length (words);
  for (guint i = 0; i < n; i++)
    {
      const char *w = words[i];
      const char *prev = i > 0 ? words[i - 1] : "";
      const char *next = i + 1 < n ? words[i + 1] : "";

      if (g_str_equal (w, "quy"))
        {
          /* "quy định", "quy chế", "quy trình" are rules, not quarters. */
          if (!g_str_equal (next, "dinh") && !g_str_equal (next, "che") &&
              !g_str_equal (next, "trinh") && !g_str_equal (next, "mo"))
            periods |= DD_PERIOD_QUARTERLY;
        }
      else if (g_str_equal (w, "thang"))
        {
          if (g_str_equal (prev, "6") || g_str_equal (prev, "sau"))
            periods |= DD_PERIOD_HALF_YEAR;
          else if (g_str_equal (prev, "9") || g_str_equal (prev, "chin"))
            periods |= DD_PERIOD_NINE_MONTHS;
          else if (g_str_equal (prev, "3") || g_str_equal (prev, "ba"))
            periods |= DD_PERIOD_QUARTERLY;
          else if (g_str_equal (prev, "12"))
            periods |= DD_PERIOD_YEARLY;
          else
            periods |= DD_PERIOD_MONTHLY;
        }
      else if (g_str_equal (w, "nam"))
        periods |= DD_PERIOD_YEARLY;
      else if (g_str_equal (w, "xuat") && g_str_equal (prev, "dot"))
        periods |= DD_PERIOD_AD_HOC;
    }
  return periods;
}

/* "Trước ngày 15/12 hằng năm", "Tháng 6 hằng năm": a yearly rule. */
static gboolean
parse_yearly_rule (const char  *folded,
                   const char  *text,
                   DdDeadline  *out,
                   gboolean    *found,
                   GError     **error)
{
  static GRegex *day_month_re = NULL;
  static GRegex *month_re = NULL;
  static const char * const yearly[] = { "hang nam", "moi nam", NULL };
  g_autoptr(GMatchInfo) match = NULL;
  guint day = 0, month = 0;

  *found = FALSE;
  if (!contains_any (folded, yearly))
    return TRUE;

  if (g_regex_match (get_regex (&day_month_re,
                                "(?<![\\d/.-])(\\d{1,2})\\s*[/.-]\\s*(\\d{1,2})(?!\\s*[/.-]?\\s*\\d)"
                                "|ngay\\s+(\\d{1,2})\\s+thang\\s+(\\d{1,2})(?!\\s*(?:[/.-]|nam\\s+\\d)\\s*\\d)"),
                     folded, 0, &match))
    {
      day = match_uint (match, 1);
      month = match_uint (match, 2);
      if (day == 0 && month == 0)
        {
          day = match_uint (match, 3);
          month = match_uint (match, 4);
        }
      /* A leap year, so that "29/02 hằng năm" is a rule that exists. */
      if (month < 1 || month > 12 || day < 1 ||
          !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, 2024))
        {
          set_error_date (error, text);
          return FALSE;
        }
    }
  else
    {
      g_clear_pointer (&match, g_match_info_free);
      if (!g_regex_match (get_regex (&month_re, "\\bthang\\s+(\\d{1,2})(?!\\s*[/.-]?\\s*\\d)(?!\\s+nam\\s+\\d)"),
                          folded, 0, &match))
        return TRUE;
      month = match_uint (match, 1);
      if (month < 1 || month > 12)
        {
          set_error_date (error, text);
          return FALSE;
        }
      /* Not a leap year: the rule must hold every year. */
      day = last_day_of_month (month, 2025);
    }

  out->kind = DD_DEADLINE_PERIODIC;
  out->periods = DD_PERIOD_YEARLY;
  out->annual_month = (guint8) month;
  out->annual_day = (guint8) day;
  out->understood = TRUE;
  *found = TRUE;
  return TRUE;
}

/* Full dates: "30/4/2026", "30-04-2026", "ngày 30 tháng 4 năm 2026". When
 * a text holds a range, the last date is the due date. */
static gboolean
parse_full_date (const char  *folded,
                 const char  *text,
                 DdDeadline  *out,
                 gboolean    *found,
                 GError     **error)
{
  static GRegex *regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  guint day = 0, month = 0, year = 0;

  *found = FALSE;
  g_regex_match (get_regex (&regex,
                            "(?<![\\d/.-])(\\d{1,2})\\s*([/.-])\\s*(\\d{1,2})\\s*\\2\\s*(\\d{4,})(?!\\d)(?![/.-]\\d)"
                            "|ngay\\s+(\\d{1,2})\\s+thang\\s+(\\d{1,2})\\s+nam\\s+(\\d{4,})(?!\\d)"),
                 folded, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *numeric = g_match_info_fetch (match, 0);
      const char *what;

      day = match_uint (match, 1);
      month = match_uint (match, 3);
      year = match_uint (match, 4);
      if (year == 0)
        {
          day = match_uint (match, 5);
          month = match_uint (match, 6);
          year = match_uint (match, 7);
        }
      /* "31/02/2026" names itself; the folded "ngay 31 thang 2 …" would lose
       * its diacritics, so the whole text is named instead. */
      what = match_uint (match, 4) != 0 ? numeric : text;
      if (!set_date (out, day, month, year, what, error))
        return FALSE;
      *found = TRUE;
      g_match_info_next (match, NULL);
    }
  return TRUE;
}

/* "6 tháng đầu năm 2026", "9 tháng đầu năm 2026" (or "9 tháng/2026"),
 * "Quý II/2026", "Tháng 6/2026", "Năm 2026". */
static gboolean
parse_period_date (const char  *folded,
                   const char  *text,
                   DdDeadline  *out,
                   gboolean    *found,
                   GError     **error)
{
  static GRegex *half_re = NULL;
  static GRegex *nine_re = NULL;
  static GRegex *quarter_re = NULL;
  static GRegex *month_re = NULL;
  static GRegex *year_re = NULL;
  g_autoptr(GMatchInfo) match = NULL;

  *found = TRUE;

  if (g_regex_match (get_regex (&half_re, "\\b(?:6|sau) thang (dau|cuoi) nam\\s*(\\d{4,})(?!\\d)"),
                     folded, 0, &match))
    {
      g_autofree char *which = g_match_info_fetch (match, 1);
      guint year = match_uint (match, 2);

      if (g_str_equal (which, "dau"))
        return set_date (out, 30, 6, year, text, error);
      return set_date (out, 31, 12, year, text, error);
    }
  g_clear_pointer (&match, g_match_info_free);

  /* The 9-month report of Nghị định 09/2019 covers the year to September. */
  if (g_regex_match (get_regex (&nine_re, "\\b(?:9|chin) thang\\s*(?:dau nam|nam|[/.-])\\s*(\\d{4,})(?!\\d)"),
                     folded, 0, &match))
    return set_date (out, 30, 9, match_uint (match, 1), text, error);
  g_clear_pointer (&match, g_match_info_free);

  if (g_regex_match (get_regex (&quarter_re,
                                "\\bquy\\s+([ivxl]+|\\d+)\\s*(?:[/.-]|\\s|nam)\\s*(?:nam\\s+)?(\\d{4,})(?!\\d)"),
                     folded, 0, &match))
    {
      g_autofree char *which = g_match_info_fetch (match, 1);
      guint quarter = parse_quarter (which);
      guint year = match_uint (match, 2);

      if (quarter == 0)
        {
          set_error_date (error, text);
          return FALSE;
        }
      return set_date (out, last_day_of_month (quarter * 3, year), quarter * 3, year, text, error);
    }
  g_clear_pointer (&match, g_match_info_free);

  if (g_regex_match (get_regex (&month_re,
                                "\\bthang\\s+(\\d{1,2})\\s*(?:[/.-]|\\s)\\s*(?:nam\\s+)?(\\d{4,})(?!\\d)"),
                     folded, 0, &match))
    {
      guint month = match_uint (match, 1);
      guint year = match_uint (match, 2);

      if (month < 1 || month > 12)
        {
          set_error_date (error, text);
          return FALSE;
        }
      return set_date (out, last_day_of_month (month, year), month, year, text, error);
    }
  g_clear_pointer (&match, g_match_info_free);

  if (g_regex_match (get_regex (&year_re, "\\bnam\\s+(\\d{4,})(?!\\d)"), folded, 0, &match))
    return set_date (out, 31, 12, match_uint (match, 1), text, error);

  *found = FALSE;
  return TRUE;
}

/* Public API */

gboolean
dd_deadline_parse (const char  *text,
                   DdDeadline  *out,
                   GError     **error)
{
  static const char * const statutory[] = {
    "theo quy dinh", "theo luat", "quy dinh cua phap luat", "thoi han luat dinh",
    "thoi han theo quy dinh", NULL
  };
  static const char * const external_docs[] = {
    "ke hoach", "van ban", "huong dan", "chi dao", "thong bao", "quyet dinh", "cong van",
    "chuong trinh", "de an", "lich", "tien do", NULL
  };
  static const char * const periodic[] = {
    "dinh ky", "hang quy", "hang thang", "hang nam", "hang tuan", "moi quy", "moi thang",
    "moi nam", "tung quy", "dot xuat", NULL
  };
  g_autofree char *display = NULL;
  g_autofree char *folded = NULL;
  gsize len;
  gboolean found = FALSE;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (out, 0, sizeof *out);
  g_date_clear (&out->due, 1);
  out->kind = DD_DEADLINE_NONE;

  display = dd_text_normalize_space (text != NULL ? text : "");
  folded = dd_text_fold_for_search (display);
  /* Trailing punctuation says nothing: "Thường xuyên." */
  len = strlen (folded);
  while (len > 0 && strchr (".,;: ", folded[len - 1]) != NULL)
    folded[--len] = '\0';

  if (*folded == '\0')
    {
      out->understood = TRUE;
      return TRUE;
    }

  if (has_word_prefix (folded, "thuong xuyen"))
    {
      out->kind = DD_DEADLINE_ONGOING;
      out->understood = TRUE;
      return TRUE;
    }

  if (has_word_prefix (folded, "theo"))
    {
      const char *rest = folded + strlen ("theo");

      while (*rest == ' ')
        rest++;
      if (contains_any (folded, statutory))
        {
          out->kind = DD_DEADLINE_STATUTORY;
          out->understood = TRUE;
          return TRUE;
        }
      for (guint i = 0; external_docs[i] != NULL; i++)
        if (has_word_prefix (rest, external_docs[i]))
          {
            out->kind = DD_DEADLINE_EXTERNAL;
            out->understood = TRUE;
            return TRUE;
          }
    }

  if (!parse_yearly_rule (folded, display, out, &found, error))
    return FALSE;
  if (found)
    return TRUE;

  if (!parse_full_date (folded, display, out, &found, error))
    return FALSE;
  if (found)
    return TRUE;

  if (!parse_period_date (folded, display, out, &found, error))
    return FALSE;
  if (found)
    return TRUE;

  if (contains_any (folded, periodic))
    {
      out->kind = DD_DEADLINE_PERIODIC;
      out->periods = scan_periods (folded);
      out->understood = TRUE;
      return TRUE;
    }

  if (strstr (folded, "thuong xuyen") != NULL)
    {
      out->kind = DD_DEADLINE_ONGOING;
      out->understood = TRUE;
      return TRUE;
    }
  if (contains_any (folded, statutory))
    {
      out->kind = DD_DEADLINE_STATUTORY;
      out->understood = TRUE;
      return TRUE;
    }

  /* Not an error: the caller keeps the text and flags the task. */
  out->kind = DD_DEADLINE_NONE;
  out->understood = FALSE;
  return TRUE;
}
