/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dd-scoring-cache-private.h"

G_BEGIN_DECLS

/*
 * DdScoring's struct, shared by dd-scoring.c (the calls on the main
 * thread) and dd-scoring-async.c (the loads on its worker).
 */

/* The cache while the loads have it (dd-scoring-async.c): touched by the
 * worker's jobs, one after the other, and by the main thread only while
 * no load is asked for. */
typedef struct
{
  DdScoringCache *cache;
  gboolean filled;              /* holds what a load read, which succeeded */
  guint loan;                   /* the loan it was read under (DdScoring.loan) */
} DdScoringRelay;

struct _DdScoring
{
  GObject parent_instance;

  DdStore *store;
  DdScoringCache *cache;        /* NULL while lent to the loads */
  DdStoreWorker *worker;        /* made by the first load */
  DdScoringRelay relay;         /* the cache while lent */
  DdStoreStamp loan_stamp;      /* current: the lent cache holds the file as it is */
  guint loan;                   /* counts the loan stamps taken */
  guint n_loads;                /* loads asked for whose end has not come back */
};

/* The day the scorecards of @period are judged on: @as_of (today when
 * unset), at most the period's end. */
void _dd_scoring_judged_day (const DdScorePeriod *period,
                             const GDate         *as_of,
                             GDate               *out_day);

G_END_DECLS
