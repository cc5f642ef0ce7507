/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dondoc/dondoc.h"
#include "dd-store-private.h"

G_BEGIN_DECLS

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
