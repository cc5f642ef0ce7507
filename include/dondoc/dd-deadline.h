/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <glib.h>
#include "dd-types.h"

G_BEGIN_DECLS

/**
 * DdDeadline:
 * @kind: the kind of deadline
 * @due: the due date; valid only when @kind is %DD_DEADLINE_DATE
 * @periods: for %DD_DEADLINE_PERIODIC, the #DdPeriodFlags named (0 = unspecified)
 * @annual_month: for a yearly rule such as "Trước ngày 15/12 hằng năm", the month (1–12), else 0
 * @annual_day: … and the day, else 0
 * @understood: FALSE when the text could not be read; the text is kept and the task flagged
 *
 * What the "Thời gian" cell of a plan says, once read. A plain value type.
 */
typedef struct
{
  DdDeadlineKind kind;
  GDate due;
  guint periods;
  guint8 annual_month;
  guint8 annual_day;
  gboolean understood;
} DdDeadline;

/**
 * dd_deadline_parse:
 * @text: (nullable): the "Thời gian" text as written
 * @out: (out caller-allocates): the deadline read from it
 * @error: %DD_IMPORT_ERROR_DATE when the text holds a date that does not exist
 *
 * Reads a deadline as plans write it: "Trước 30/4/2026", "Thường xuyên",
 * "Định kỳ", "hằng quý, 6 tháng, năm", "Theo quy định của Pháp luật",
 * "Theo Kế hoạch của Sở Nội vụ", "Quý II/2026", "Tháng 6/2026", "Năm 2026",
 * "Trước ngày 15/12/2026", "Trước ngày 15/12 hằng năm". Case and
 * diacritics are tolerated ("thuong xuyen").
 *
 * Text that says nothing the parser knows is not an error: @out gets
 * %DD_DEADLINE_NONE with @understood FALSE, and the caller keeps the text.
 * Empty or %NULL text gives %DD_DEADLINE_NONE with @understood TRUE.
 * The error message names the bad date but not the line: the caller adds it.
 *
 * Returns: FALSE only with @error set
 */
gboolean dd_deadline_parse (const char *text,
                            DdDeadline *out,
                            GError    **error);

G_END_DECLS
