/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <glib.h>
#include "dd-types.h"
#include "dd-store.h"

G_BEGIN_DECLS

/*
 * The "6 rõ" rule of the plan: every task clear in six ways. The check is
 * one pure function of a task's fields (dd_six_clear_check()); DdScoring
 * runs it over a plan (dd_scoring_check_six_clear()).
 */

/**
 * DdSixClear:
 * @DD_SIX_CLEAR_PERSON: rõ người — a named lead unit (not a group such as
 *   "Các phòng chuyên môn liên quan")
 * @DD_SIX_CLEAR_WORK: rõ việc — a title that says what to do (at least
 *   three words)
 * @DD_SIX_CLEAR_AUTHORITY: rõ thẩm quyền — the leader accountable
 *   ("Trách nhiệm chỉ đạo")
 * @DD_SIX_CLEAR_RESPONSIBILITY: rõ trách nhiệm — a lead unit, and no unit
 *   both leading and coordinating
 * @DD_SIX_CLEAR_TIME: rõ thời gian — a due date, or a period rule
 *   (ongoing, periodic, statutory); "Theo Kế hoạch của Sở Nội vụ" without a
 *   date, or text not understood, is not clear
 * @DD_SIX_CLEAR_RESULT: rõ kết quả — an expected product
 */
typedef enum
{
  DD_SIX_CLEAR_PERSON         = 1 << 0,
  DD_SIX_CLEAR_WORK           = 1 << 1,
  DD_SIX_CLEAR_AUTHORITY      = 1 << 2,
  DD_SIX_CLEAR_RESPONSIBILITY = 1 << 3,
  DD_SIX_CLEAR_TIME           = 1 << 4,
  DD_SIX_CLEAR_RESULT         = 1 << 5,
} DdSixClear;

#define DD_N_SIX_CLEAR 6
#define DD_SIX_CLEAR_ALL 0x3f

/**
 * DdSixClearInput:
 * @title: the task (Nhiệm vụ)
 * @lead: (nullable): the lead unit's name
 * @lead_is_group: the lead is a collective phrase
 * @person: (nullable): the person in charge, where one is set
 * @coordinators: (nullable) (array zero-terminated=1): the coordinators
 * @kind: the deadline kind
 * @has_due: a due date is known
 * @deadline_understood: the "Thời gian" text was understood
 * @product: (nullable): the expected product
 * @directing: (nullable): Trách nhiệm chỉ đạo
 */
typedef struct
{
  const char *title;
  const char *lead;
  gboolean lead_is_group;
  const char *person;
  const char * const *coordinators;
  DdDeadlineKind kind;
  gboolean has_due;
  gboolean deadline_understood;
  const char *product;
  const char *directing;
} DdSixClearInput;

/**
 * dd_six_clear_check:
 * @input: the task's fields
 * @messages: (nullable) (element-type utf8): receives one translated
 *   sentence per finding, in the order of #DdSixClear
 *
 * Returns: the #DdSixClear flags that are missing; 0 when the task is clear
 */
guint       dd_six_clear_check        (const DdSixClearInput *input,
                                       GPtrArray             *messages);

/**
 * dd_task_check_six_clear:
 * @self: a task read from the store (its person and lead group included)
 * @messages: (nullable) (element-type utf8): as for dd_six_clear_check()
 *
 * The check of one task from its own fields, with no query: what the task
 * list shows on each row.
 *
 * Returns: the missing #DdSixClear flags
 */
guint       dd_task_check_six_clear   (DdTask    *self,
                                       GPtrArray *messages);

/* "person", "work", "authority", "responsibility", "time", "result". */
const char *dd_six_clear_to_string    (DdSixClear flag);
/* "rõ người", … (translated). */
const char *dd_six_clear_get_label    (DdSixClear flag);
/* The labels of @missing joined by ", " (translated). (transfer full) */
char       *dd_six_clear_dup_summary  (guint missing);

/**
 * DdSixClearFinding:
 * The check of one task: its id, TT, title, the missing flags and one
 * translated sentence per finding.
 */
typedef struct
{
  gint64 task_id;
  char *number;
  char *title;
  guint missing;
  GPtrArray *messages;
} DdSixClearFinding;

void        dd_six_clear_finding_free (DdSixClearFinding *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdSixClearFinding, dd_six_clear_finding_free)

G_END_DECLS
