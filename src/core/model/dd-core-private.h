/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dondoc/dondoc.h"

G_BEGIN_DECLS

struct _DdTask
{
  GObject parent_instance;

  gint64 id;
  gint64 plan_id;
  gint64 revision;
  gint64 lead_id;
  guint position;
  char *plan_number;
  char *number;
  char *title;
  char *lead;
  GStrv coordinators;
  DdDeadlineKind deadline_kind;
  char *deadline_text;
  gboolean deadline_understood;
  guint periods;
  guint8 annual_month;
  guint8 annual_day;
  GDate due;
  char *product;
  char *directing;
  guint progress;
  GDate completed_on;
  char *actual_product;
  char *note;
  DdTaskStatus status;
  GDate as_of;
  char *updated_by;
  char *updated_at;
  GDate original_due;      /* before the first extension; invalid when never extended */
  guint n_extensions;
  gboolean lead_is_group;  /* the lead is a collective phrase (units.is_group) */
  char *person;            /* the person in charge (task_people), or NULL */
  DdSourceDocument *source; /* the document that assigned it (task_sources), or NULL */
  /* Set by dd_task_set_person() / dd_task_set_source(): the next save
   * writes them (otherwise it leaves the stored ones alone). */
  gboolean person_set;
  gboolean source_set;
};

DdPlan *_dd_plan_new (gint64       id,
                      const char  *number,
                      const GDate *issued_on,
                      const char  *title,
                      const char  *issuer,
                      const char  *basis,
                      guint        n_tasks,
                      gboolean     is_sample);

DdUnit *_dd_unit_new (gint64      id,
                      const char *name,
                      gboolean    is_group,
                      guint       n_led,
                      guint       n_coordinated);

DdTask *_dd_task_new_empty (void);
void    _dd_task_assign     (DdTask *self,
                             DdTask *from);
void    _dd_task_notify_all (DdTask *self);

/* Lets the task list read tasks from its store. */
DdTask *_dd_store_load_task (DdStore     *self,
                             gint64       task_id,
                             const GDate *as_of,
                             const GDate *soon_limit,
                             GError     **error);
GArray *_dd_store_query_task_ids (DdStore           *self,
                                  const DdTaskQuery *query,
                                  GError           **error);
DdTaskList *_dd_task_list_new (DdStore           *store,
                               const DdTaskQuery *query);

/* dd_rules_task_status() on Julian days, 0 for a date not set (dd-rules.c). */
DdTaskStatus _dd_rules_task_status_days (DdDeadlineKind kind, guint32 due, guint32 completed_on,
                                         guint32 as_of, guint32 soon_limit);

/* The "due soon" limit with the store's working-day calendar (dd-store-workdays.c). */
void _dd_store_due_soon_limit (DdStore     *self,
                               const GDate *as_of,
                               guint        due_soon_days,
                               GDate       *out_limit);

/* dd_six_clear_check() with whether the lead is among the coordinators
 * already answered (1 or 0; -1: compare their names' match keys here), for
 * a caller that judges many tasks of the same few units (the scorecards). */
guint _dd_six_clear_check_with (const DdSixClearInput *input, int lead_coordinates_known,
                                GPtrArray *messages);
/* What the check finds in a task's own words alone (a title of three words
 * or more, the directing leader, the product): the DD_SIX_CLEAR_WORDS bits,
 * which the scorecards keep between calls instead of reading every task's
 * text again. _dd_six_clear_check_known_words() is then the whole check
 * without reading @input's title, product and directing; together they
 * equal _dd_six_clear_check_with(). */
#define DD_SIX_CLEAR_WORDS (DD_SIX_CLEAR_WORK | DD_SIX_CLEAR_AUTHORITY | DD_SIX_CLEAR_RESULT)
guint _dd_six_clear_check_words       (const char *title, const char *product, const char *directing);
guint _dd_six_clear_check_known_words (const DdSixClearInput *input, int lead_coordinates_known,
                                       guint words_missing);

G_END_DECLS
