/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dondoc/dondoc.h"
#include "dd-store-private.h"

G_BEGIN_DECLS

/* What dd_calendar_list_entries_async() (dd-calendar-async.c) keeps in a
 * calendar: its worker, made by the first load, and a calendar of the
 * worker's own connection, made by the first job and used on the worker's
 * thread only (it keeps the occurrences of the range it listed last, as
 * the calendar on the main thread does). The calendar lets both go when
 * it is finalized: no job of its own runs then (each holds it). */
typedef struct
{
  DdStoreWorker *worker;
  DdCalendar *remote;
} DdCalendarLoads;

/* dd-calendar.c: the loads of @self. (transfer none) */
DdCalendarLoads *_dd_calendar_get_loads (DdCalendar *self);

/* dd-calendar-moves.c: inside the transaction that changed @year's table,
 * the due dates that moved from @before (the table before the change) to
 * the file's tables now, each recorded in the history.
 * (transfer full) (element-type DdMovedDeadline), %NULL with @error */
GPtrArray *_dd_calendar_record_moves_locked (DdStore     *store,
                                             int          year,
                                             DdWorkdays  *before,
                                             GError     **error);

/* dd-calendar.c: keeps @moves (transfer full, nullable) as the moves of
 * the last change (dd_calendar_get_last_moves()). */
void       _dd_calendar_take_last_moves     (DdCalendar  *self,
                                             GPtrArray   *moves);

G_END_DECLS
