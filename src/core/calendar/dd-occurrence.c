/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-occurrence"

#include "config.h"

#include <glib/gi18n-lib.h>

/* The periods' names are printed in documents: in the document's language
 * on the thread that makes one (dd-document-language-private.h). */
#define DD_DOCUMENT_GETTEXT
#include "dd-document-language-private.h"

#include "dondoc/dondoc.h"
#include "dd-occurrence-private.h"

static const char * const kind_names[DD_N_OCCURRENCE_KINDS] = {
  "month", "quarter", "half_year", "year", "ad_hoc", "update", "nine_months",
};

const char *
dd_occurrence_kind_to_string (DdOccurrenceKind kind)
{
  g_return_val_if_fail ((guint) kind < DD_N_OCCURRENCE_KINDS, "ad_hoc");
  return kind_names[kind];
}

gboolean
dd_occurrence_kind_from_string (const char       *str,
                                DdOccurrenceKind *out_kind)
{
  g_return_val_if_fail (out_kind != NULL, FALSE);

  for (guint k = 0; k < DD_N_OCCURRENCE_KINDS; k++)
    if (g_strcmp0 (str, kind_names[k]) == 0)
      {
        *out_kind = (DdOccurrenceKind) k;
        return TRUE;
      }
  return FALSE;
}

int
dd_occurrence_kind_get_n_periods (DdOccurrenceKind kind)
{
  switch (kind)
    {
    case DD_OCCURRENCE_MONTH:
      return 12;
    case DD_OCCURRENCE_QUARTER:
      return 4;
    case DD_OCCURRENCE_HALF_YEAR:
    case DD_OCCURRENCE_NINE_MONTHS:
    case DD_OCCURRENCE_YEAR:
      return 1;
    case DD_OCCURRENCE_AD_HOC:
    case DD_OCCURRENCE_UPDATE:
    default:
      return 0;
    }
}

/* The periodic kinds, shortest period first, with the flag that asks for them. */
static const struct
{
  guint flag;
  DdOccurrenceKind kind;
} period_kinds[] = {
  { DD_PERIOD_MONTHLY, DD_OCCURRENCE_MONTH },
  { DD_PERIOD_QUARTERLY, DD_OCCURRENCE_QUARTER },
  { DD_PERIOD_HALF_YEAR, DD_OCCURRENCE_HALF_YEAR },
  { DD_PERIOD_NINE_MONTHS, DD_OCCURRENCE_NINE_MONTHS },
  { DD_PERIOD_YEARLY, DD_OCCURRENCE_YEAR },
};

gboolean
dd_occurrence_kind_for_period_flag (guint             flag,
                                    DdOccurrenceKind *out_kind)
{
  g_return_val_if_fail (out_kind != NULL, FALSE);

  for (guint k = 0; k < G_N_ELEMENTS (period_kinds); k++)
    if (period_kinds[k].flag == flag)
      {
        *out_kind = period_kinds[k].kind;
        return TRUE;
      }
  return FALSE;
}

DdOccurrenceState
dd_occurrence_state_from_status (DdTaskStatus status)
{
  switch (status)
    {
    case DD_STATUS_DONE_ON_TIME:
      return DD_OCCURRENCE_STATE_ON_TIME;
    case DD_STATUS_DONE_LATE:
      return DD_OCCURRENCE_STATE_LATE;
    case DD_STATUS_FORGOTTEN:
    case DD_STATUS_OVERDUE:
      return DD_OCCURRENCE_STATE_FORGOTTEN;
    case DD_STATUS_IN_PROGRESS:
    case DD_STATUS_DUE_SOON:
    case DD_STATUS_NO_DEADLINE:
    default:
      return DD_OCCURRENCE_STATE_COMING;
    }
}

const char *
dd_occurrence_state_to_string (DdOccurrenceState state)
{
  switch (state)
    {
    case DD_OCCURRENCE_STATE_ON_TIME:
      return "on_time";
    case DD_OCCURRENCE_STATE_LATE:
      return "late";
    case DD_OCCURRENCE_STATE_FORGOTTEN:
      return "forgotten";
    case DD_OCCURRENCE_STATE_COMING:
    default:
      return "coming";
    }
}

const char *
dd_occurrence_state_get_label (DdOccurrenceState state)
{
  switch (state)
    {
    case DD_OCCURRENCE_STATE_ON_TIME:
      /* Translators: a period's report, made by its due date. */
      return C_("report", "On time");
    case DD_OCCURRENCE_STATE_LATE:
      /* Translators: a period's report, made after its due date. */
      return C_("report", "Late");
    case DD_OCCURRENCE_STATE_FORGOTTEN:
      /* Translators: a period's report never made by its due date: "Quên việc". */
      return C_("report", "Forgotten");
    case DD_OCCURRENCE_STATE_COMING:
    default:
      /* Translators: a period's report not yet due. */
      return C_("report", "Coming");
    }
}

G_DEFINE_BOXED_TYPE (DdOccurrence, dd_occurrence, dd_occurrence_copy, dd_occurrence_free)

DdOccurrence *
dd_occurrence_copy (const DdOccurrence *self)
{
  DdOccurrence *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new (DdOccurrence, 1);
  *copy = *self;
  copy->label = g_strdup (self->label);
  copy->report_number = g_strdup (self->report_number);
  copy->report_note = g_strdup (self->report_note);
  return copy;
}

void
dd_occurrence_free (DdOccurrence *self)
{
  if (self == NULL)
    return;
  g_free (self->label);
  g_free (self->report_number);
  g_free (self->report_note);
  g_free (self);
}

/* Auxiliary methods */

static void
set_dmy (GDate *date,
         int    day,
         int    month,
         int    year)
{
  /* Months before January belong to the year before. */
  while (month < 1)
    {
      month += 12;
      year--;
    }
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

void
dd_period_bounds (DdOccurrenceKind  kind,
                  int               year,
                  int               index,
                  GDate            *out_start,
                  GDate            *out_end)
{
  g_return_if_fail (out_start != NULL && out_end != NULL);

  switch (kind)
    {
    case DD_OCCURRENCE_MONTH:
      set_dmy (out_start, 15, index - 1, year);
      set_dmy (out_end, 14, index, year);
      break;
    case DD_OCCURRENCE_QUARTER:
      set_dmy (out_start, 15, 3 * (index - 1), year);
      set_dmy (out_end, 14, 3 * index, year);
      break;
    case DD_OCCURRENCE_HALF_YEAR:
      set_dmy (out_start, 15, 0, year);
      set_dmy (out_end, 14, 6, year);
      break;
    case DD_OCCURRENCE_NINE_MONTHS:
      set_dmy (out_start, 15, 0, year);
      set_dmy (out_end, 14, 9, year);
      break;
    case DD_OCCURRENCE_YEAR:
      set_dmy (out_start, 15, 0, year);
      set_dmy (out_end, 14, 12, year);
      break;
    case DD_OCCURRENCE_UPDATE:
      set_dmy (out_start, 1, index, year);
      set_dmy (out_end, 1, index + 1 > 12 ? 1 : index + 1, index + 1 > 12 ? year + 1 : year);
      g_date_subtract_days (out_end, 1);
      break;
    case DD_OCCURRENCE_AD_HOC:
    default:
      g_return_if_reached ();
    }
}

static const char *
roman (int quarter)
{
  static const char * const numerals[] = { "I", "II", "III", "IV" };

  return numerals[CLAMP (quarter, 1, 4) - 1];
}

char *
dd_period_dup_label (DdOccurrenceKind   kind,
                     int                year,
                     int                index,
                     DdPeriodLabelFlags flags)
{
  switch (kind)
    {
    case DD_OCCURRENCE_MONTH:
    case DD_OCCURRENCE_UPDATE:
      /* Translators: a month of a year, "Tháng 5/2026". */
      return g_strdup_printf (_("Month %d/%d"), index, year);
    case DD_OCCURRENCE_QUARTER:
      /* Translators: %s is the quarter in Roman numerals, "Quý II/2026". */
      return g_strdup_printf (_("Quarter %s/%d"), roman (index), year);
    case DD_OCCURRENCE_HALF_YEAR:
      if (index == 2)
        /* Translators: the second half of a year, "6 tháng cuối năm 2026". */
        return g_strdup_printf (_("Last 6 months of %d"), year);
      if (flags & DD_PERIOD_LABEL_FIRST_HALF)
        /* Translators: the 6-month reporting period: "6 tháng đầu năm 2026". */
        return g_strdup_printf (_("First 6 months of %d"), year);
      return g_strdup_printf (_("6 months of %d"), year);
    case DD_OCCURRENCE_NINE_MONTHS:
      /* Translators: the 9-month report of a year, "9 tháng đầu năm 2026". */
      return g_strdup_printf (_("First 9 months of %d"), year);
    case DD_OCCURRENCE_YEAR:
      /* Translators: the annual reporting period: "Năm 2026". */
      return g_strdup_printf (_("Year %d"), year);
    case DD_OCCURRENCE_AD_HOC:
    default:
      return g_strdup (_("Ad hoc report"));
    }
}

static void
due_by_rule (DdWorkdays  *workdays,
             const GDate *end,
             DdDueRule    rule,
             int          param,
             GDate       *out)
{
  GDate due = *end;

  switch (rule)
    {
    case DD_DUE_RULE_DAY_OF_MONTH:
      {
        int day = CLAMP (param, 1, 31);

        /* The first day numbered @day after the end, clamped to short months. */
        do
          {
            g_date_add_days (&due, 1);
          }
        while ((int) g_date_get_day (&due) != MIN (day, (int) g_date_get_days_in_month (g_date_get_month (&due), g_date_get_year (&due))));
      }
      break;
    case DD_DUE_RULE_WORKDAYS_AFTER:
      dd_workdays_add (workdays, end, MAX (param, 0), &due);
      break;
    case DD_DUE_RULE_PERIOD_END:
    default:
      break;
    }
  dd_workdays_roll_forward (workdays, &due, out);
}

static DdOccurrence *
occurrence_new (DdOccurrenceKind kind,
                int              year,
                int              index)
{
  DdOccurrence *occ = g_new0 (DdOccurrence, 1);

  occ->kind = kind;
  occ->year = year;
  occ->index = index;
  g_date_clear (&occ->due, 1);
  g_date_clear (&occ->reported_on, 1);
  occ->status = DD_STATUS_IN_PROGRESS;
  occ->label = dd_period_dup_label (kind, year, index, DD_PERIOD_LABEL_DEFAULT);
  return occ;
}

/* The kinds by the length of their periods (the 9-month one came last). */
static int
kind_rank (DdOccurrenceKind kind)
{
  return kind == DD_OCCURRENCE_NINE_MONTHS ? (int) DD_OCCURRENCE_HALF_YEAR * 2 + 1 : (int) kind * 2;
}

static int
compare_occurrences (gconstpointer a,
                     gconstpointer b)
{
  const DdOccurrence *oa = *(const DdOccurrence * const *) a;
  const DdOccurrence *ob = *(const DdOccurrence * const *) b;
  int c = g_date_compare (&oa->due, &ob->due);

  if (c != 0)
    return c;
  /* Same due date: the shorter period first (quarter before 6 months). */
  return kind_rank (oa->kind) - kind_rank (ob->kind);
}

/* Keeps @occ in @list when @date (its due date or its period's end) lies in
 * [@from, @to]. */
static void
add_if_in (GPtrArray    *list,
           DdOccurrence *occ,
           const GDate  *date,
           const GDate  *from,
           const GDate  *to)
{
  if (g_date_compare (date, from) >= 0 && g_date_compare (date, to) <= 0)
    g_ptr_array_add (list, occ);
  else
    dd_occurrence_free (occ);
}

/* Public API */

GPtrArray *
dd_occurrences_expand (guint        periods,
                       DdDueRule    rule,
                       int          param,
                       DdWorkdays  *workdays,
                       const GDate *from,
                       const GDate *to)
{
  return _dd_occurrences_expand_by (periods, rule, param, workdays, from, to, FALSE);
}

GPtrArray *
dd_occurrences_expand_updates (guint        every_months,
                               DdWorkdays  *workdays,
                               const GDate *from,
                               const GDate *to)
{
  return _dd_occurrences_expand_updates_by (every_months, workdays, from, to, FALSE);
}

GPtrArray *
_dd_occurrences_expand_by (guint        periods,
                           DdDueRule    rule,
                           int          param,
                           DdWorkdays  *workdays,
                           const GDate *from,
                           const GDate *to,
                           gboolean     by_period)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_occurrence_free);
  g_autoptr(DdWorkdays) defaults = NULL;
  int first, last;

  g_return_val_if_fail (dd_date_is_set (from) && dd_date_is_set (to), NULL);

  /* defaults owns the calendar it lends, to free it at the end (g_autoptr). */
  if (workdays == NULL)
    workdays = defaults = dd_workdays_new ();  /* NOLINT(clang-analyzer-deadcode.DeadStores) */
  if ((periods & ~DD_PERIOD_AD_HOC) == 0)
    periods |= DD_PERIOD_DEFAULT_PERIODS;

  /* A due date can fall up to a couple of months after its period's year
   * (a rule of "N working days after"), so look at the neighbours too; a
   * rule of up to 366 working days after the end, further still. */
  first = g_date_get_year (from) - (by_period ? 0 : 1 + MAX (param, 0) / 240);
  last = g_date_get_year (to) + 1;
  for (int year = first; year <= last; year++)
    {
      for (guint k = 0; k < G_N_ELEMENTS (period_kinds); k++)
        {
          int n = dd_occurrence_kind_get_n_periods (period_kinds[k].kind);

          if ((periods & period_kinds[k].flag) == 0)
            continue;
          for (int index = 1; index <= n; index++)
            {
              DdOccurrence *occ = occurrence_new (period_kinds[k].kind, year, index);

              dd_period_bounds (occ->kind, year, index, &occ->start, &occ->end);
              due_by_rule (workdays, &occ->end, rule, param, &occ->due);
              add_if_in (list, occ, by_period ? &occ->end : &occ->due, from, to);
            }
        }
    }
  g_ptr_array_sort (list, compare_occurrences);
  return g_steal_pointer (&list);
}

GPtrArray *
_dd_occurrences_expand_updates_by (guint        every_months,
                                   DdWorkdays  *workdays,
                                   const GDate *from,
                                   const GDate *to,
                                   gboolean     by_period)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_occurrence_free);
  g_autoptr(DdWorkdays) defaults = NULL;

  g_return_val_if_fail (dd_date_is_set (from) && dd_date_is_set (to), NULL);

  /* defaults owns the calendar it lends, to free it at the end (g_autoptr). */
  if (workdays == NULL)
    workdays = defaults = dd_workdays_new ();  /* NOLINT(clang-analyzer-deadcode.DeadStores) */
  if (every_months == 0 || every_months > 12)
    every_months = 1;

  for (int year = g_date_get_year (from) - 1; year <= (int) g_date_get_year (to); year++)
    for (int month = 1; month <= 12; month += (int) every_months)
      {
        DdOccurrence *occ = occurrence_new (DD_OCCURRENCE_UPDATE, year, month);
        int last_month = MIN (12, month + (int) every_months - 1);
        GDate last_start, unused;

        dd_period_bounds (DD_OCCURRENCE_UPDATE, year, month, &occ->start, &unused);
        dd_period_bounds (DD_OCCURRENCE_UPDATE, year, last_month, &last_start, &occ->end);
        dd_workdays_roll_forward (workdays, &occ->end, &occ->due);
        add_if_in (list, occ, by_period ? &occ->end : &occ->due, from, to);
      }
  g_ptr_array_sort (list, compare_occurrences);
  return g_steal_pointer (&list);
}

void
dd_occurrence_judge (DdOccurrence *self,
                     const GDate  *reported_on,
                     const GDate  *as_of,
                     const GDate  *soon_limit)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (dd_date_is_set (as_of));

  if (dd_date_is_set (reported_on))
    self->reported_on = *reported_on;
  else
    g_date_clear (&self->reported_on, 1);

  /* The one status rule decides; a report missed is "forgotten" rather than
   * merely overdue: the plan's "quên việc". */
  self->status = dd_rules_task_status (DD_DEADLINE_DATE, &self->due, reported_on, as_of, soon_limit);
  if (self->status == DD_STATUS_OVERDUE)
    self->status = DD_STATUS_FORGOTTEN;
}
