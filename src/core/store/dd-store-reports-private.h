/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dd-store-private.h"

G_BEGIN_DECLS

/* dd-store-reports.c: what the readers of occurrences (dd-calendar.c,
 * dd-store-occurrences.c) share with the writes of reports and schedules. */

/* The office-wide default schedule (the built-in one when none is stored
 * or it cannot be read). */
gboolean _dd_store_read_default_schedule (DdStore *self, DdTaskSchedule *out, GError **error);

/* The periods a periodic task's occurrences follow: its own schedule's
 * (@own, 0: none), else those its text named (@text), else the default's
 * (@fallback); 0 then still means quarterly, 6-month and annual
 * (dd_occurrences_expand()). DD_PERIOD_AD_HOC of the text is kept. */
guint _dd_store_effective_periods     (guint own, guint text, guint fallback);

/* dd_store_record_report() inside the caller's transaction
 * (_dd_store_begin()). */
gboolean _dd_store_record_report_locked (DdStore *self, gint64 task_id, DdOccurrenceKind kind,
                                         int year, int index, const GDate *reported_on,
                                         const char *number, const char *note, GError **error);
/* dd-store-occurrences.c: _dd_occurrence_set_judge() choosing the periodic
 * reports and update windows by the last day of the period they report on
 * instead of their due date (ad hoc reports by their due date): what the
 * scorecard of [@from, @to] counts, even when a due date ran past a weekend
 * or holiday into the next period. */
void  _dd_occurrence_set_judge_periods (DdOccurrenceSet *set, guint i, const GDate *from,
                                       const GDate *to, const GDate *as_of, const GDate *soon,
                                       GArray *out);

G_END_DECLS
