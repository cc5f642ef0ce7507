/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dondoc/dondoc.h"

G_BEGIN_DECLS

/*
 * dd_occurrences_expand() and dd_occurrences_expand_updates() choosing the
 * occurrences either by their due date (@by_period FALSE, as the public
 * functions do) or by their period's last day (@by_period TRUE): the
 * scorecards count a report in the period it reports on, even when its due
 * date runs past a weekend or a holiday into the next one.
 */
GPtrArray *_dd_occurrences_expand_by         (guint        periods,
                                              DdDueRule    rule,
                                              int          param,
                                              DdWorkdays  *workdays,
                                              const GDate *from,
                                              const GDate *to,
                                              gboolean     by_period);
GPtrArray *_dd_occurrences_expand_updates_by (guint        every_months,
                                              DdWorkdays  *workdays,
                                              const GDate *from,
                                              const GDate *to,
                                              gboolean     by_period);

G_END_DECLS
