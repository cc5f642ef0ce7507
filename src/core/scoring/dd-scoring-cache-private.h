/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dd-store-private.h"
#include "dd-scoring-private.h"

G_BEGIN_DECLS

/*
 * What the scorecards read, kept by their DdScoring between calls
 * (dd-scoring-cache.c), and counted per period (dd-scoring-scan.c).
 */

typedef struct
{
  gint64 id;
  char *name;
  char *match_key;      /* dd_text_unit_match_key (name), computed once */
  gboolean is_group;
} UnitRow;

/* A task's coordinating units: @n unit ids from @first in Context.coordinator_units. */
typedef struct
{
  gint64 task_id;
  guint first;
  guint n;
} TaskCoordinators;

/* A plan as the scorecards see it. */
typedef struct
{
  char *issued_on;      /* the ISO text, NULL for none */
  guint index;          /* 0, 1, …: its place in Period.on_time */
} PlanRow;

/* What the task's own words give the scorecards: its TT and title for the
 * list of a card, and the "6 rõ" bits they decide. */
typedef struct
{
  gint64 id;
  const char *number;   /* in DdScoringCache.strings; NULL for NULL */
  const char *title;
  guint missing;        /* _dd_six_clear_check_words() */
} TaskWords;

/* What the scoring reads besides the tasks' dates, kept between calls
 * (DdScoringCache) while nothing is written. */
typedef struct
{
  DdScoreWeights weights;
  GPtrArray *units;             /* UnitRow*, Vietnamese order */
  GHashTable *unit_index;       /* unit id → position in units + 1 */
  GArray *coordinators;         /* TaskCoordinators, by task id; until the rows are read */
  GArray *coordinator_units;    /* gint64 unit ids, each task's in its order; likewise */
  GHashTable *plans;            /* plan id → PlanRow* */
  GPtrArray *indicators;        /* DdIndicatorInfo* */
  DdWorkdays *workdays;
  guint due_soon_days;
} Context;

/* What a live task is scored on, from one scan of the covering index
 * tasks_scoring (0007-scoring.sql), its words and its coordinators: all
 * that its status and counts in any period need, kept with the cache. */
typedef struct
{
  gint64 id;                    /* the task's */
  const TaskWords *words;       /* its id, TT, title and "6 rõ" words */
  /* The texts as SQL compared them (period_has()), in DdScoringCache.strings. */
  const char *due_text;
  const char *done_text;
  const char *starts;           /* coalesce (plan's issued_on, substr (created_at, 1, 10)) */
  GDate due;
  GDate done;
  guint lead;                   /* its place in Context.units + 1; 0: none */
  guint plan;                   /* PlanRow.index */
  guint coordinators;           /* from here in DdScoringCache.row_units: the places of */
  guint n_coordinators;         /* the units it coordinates with, but the lead */
  DdDeadlineKind kind;
  gboolean six_clear_passed;    /* led and passing the "6 rõ" check */
} ScanRow;

/* The typed figures of a unit summed over a period, for one indicator. */
typedef struct
{
  guint indicator;      /* its place in Context.indicators */
  guint unit;           /* the unit's place in Context.units */
  double numerator;
  double denominator;
} TypedSum;

/* The reports of a unit in a period: on time, late, forgotten, pending. */
typedef guint ReportCounts[4];

/* The reports of every unit in a period, as judged on a day. */
typedef struct
{
  GDate start;                  /* the period */
  GDate end;
  GDate as_of;                  /* the day they are judged on */
  GDate soon;                   /* and the limit of "due soon" then */
  ReportCounts *counts;         /* per unit, in the order of Context.units */
} JudgedReports;

/*
 * The scorecards of a year are asked for again and again (each time the
 * page is shown, another period chosen, the window refreshed) while the
 * file rarely changed in between; what they read is kept here: the units
 * and the settings, what each live task is scored on (its dates, units,
 * "6 rõ" result, TT and title: reading its words is reading the whole
 * tasks table, 55 MB on the benchmark file), the occurrences of the
 * periods, and per period the typed indicator sums and the reports as
 * judged on a day. A call then only counts the tasks of each period from
 * memory. Valid while the store's stamp taken when it was filled is
 * current (dd-store-stamp.h: no transaction open, nothing committed by
 * this connection or another). After a commit (of this connection or
 * another desktop), the audit log's entries since the last one read
 * before it was filled say what changed (dd-scoring-log.c): the rows
 * of the tasks they name are read again, the typed sums dropped when
 * indicator figures changed, the occurrences and reports when a task
 * that has them changed; a change the log cannot describe task by task
 * (units, plans, settings, holidays, indicators, an import under way, a
 * schema change, another file in its place) drops all of it but the
 * tasks' words. Those (the one read of the whole table, ~0.3 s
 * on the benchmark file) are kept with the audit log's last entry when
 * they were read: after a commit, only the tasks the log names since are
 * read again (every write of a task goes through the log's triggers,
 * 0003-shared.sql), and all of them when that entry is not there as it
 * was (another file in its place).
 */
typedef struct _DdScoringCache DdScoringCache;

struct _DdScoringCache
{
  DdStoreStamp stamp;
  Context ctx;
  /* The rows read without the tasks' words (ScanRow.words NULL, and no
   * "6 rõ" result): for the derived indicators alone, which count the
   * tasks' dates (_dd_scoring_new_for_derived()); such a cache never
   * makes scorecards. */
  gboolean without_words;
  GArray *words;                /* TaskWords of every live task, by id; NULL until needed */
  GStringChunk *strings;
  DdOccurrenceSet *occurrences; /* over [occurrences_from, occurrences_to] */
  GHashTable *occurrence_patches; /* task id → DdOccurrenceSet of that task alone, read again
                                   * since occurrences was (NULL: it has none now), over the
                                   * same days: its entry in occurrences no longer counts */
  GDate occurrences_from;
  GDate occurrences_to;
  GHashTable *typed_sums;       /* "start end" → GArray of TypedSum (_dd_scoring_cache_typed_sums()) */
  GHashTable *reports;          /* "start end as_of soon" → JudgedReports (dd-scoring-scan.c),
                                 * of the occurrences kept: emptied when they are read again */
  GArray *rows;                 /* ScanRow, by task id (_dd_scoring_cache_load_rows()) */
  GArray *row_units;            /* guint: ScanRow.coordinators */
  GPtrArray *extra_words;       /* TaskWords* read one by one */
  gint64 words_mark;            /* audit_log's last id before the words were read; 0: none */
  char *words_mark_at;          /* and its time, to know the file is the same */
  gboolean words_stale;         /* something was committed since: see the log */
  guint n_words_refreshed;      /* words read again from the log's entries */
  /* What the rest was read after (dd-scoring-log.c). */
  gint64 mark;                  /* audit_log's last id before the context was read; 0: none */
  char *mark_at;                /* and its time */
  gint64 schema_version;        /* PRAGMA schema_version then */
  guint n_partial_refreshes;    /* brought up to date from the log, for the tests */
  guint n_full_reads;           /* read again whole (the context), likewise */
};

/* An empty cache, never current. */
DdScoringCache *_dd_scoring_cache_new  (void);
void            _dd_scoring_cache_free (DdScoringCache *cache);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdScoringCache, _dd_scoring_cache_free)

/* @kept, current: as it is when nothing was committed since it was filled,
 * else emptied and its context read again. NULL (with @error set) when
 * that read fails. When nothing read may be kept (a transaction of this
 * connection is open: the file may hold writes not yet committed),
 * @out_temporary is a cache of this call only, returned and freed by the
 * caller. */
DdScoringCache *_dd_scoring_cache_get  (DdScoringCache  *kept,
                                        DdStore         *store,
                                        DdScoringCache **out_temporary,
                                        GError         **error);
/* After a call that read through @cache: another connection may have
 * committed meanwhile, and what was read is then not kept (the file may
 * have changed between two statements). */
void            _dd_scoring_cache_check_after (DdScoringCache *cache,
                                               DdStore        *store);

/* dd-scoring-log.c: the audit log's last entry (and the schema's version)
 * before the cache is filled, kept as its mark. */
gboolean _dd_scoring_cache_take_mark        (DdScoringCache  *cache,
                                             DdStore         *store,
                                             GError         **error);

/* What changed since a cache's mark, as the log says it. */
typedef struct
{
  gboolean described;           /* FALSE: the log cannot say; read it all again */
  GArray *tasks;                /* gint64 ids of the tasks named, in increasing order */
  gboolean occurrences;         /* one of them had or has a schedule, reports or ad hoc reports */
  gboolean figures;             /* typed indicator figures */
  gint64 mark;                  /* the log's last entry, read before what changed is */
  char *mark_at;
} DdScoringChanges;

/* What changed since @cache's mark (dd-scoring-log.c). */
gboolean _dd_scoring_log_changes            (DdStore           *store,
                                             DdScoringCache    *cache,
                                             DdScoringChanges  *out,
                                             GError           **error);
void     _dd_scoring_changes_clear          (DdScoringChanges  *changes);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DdScoringChanges, _dd_scoring_changes_clear)
/* The audit log's last entry: its id (0 for none) and time. */
gboolean _dd_scoring_read_log_mark          (DdStore         *store,
                                             gint64          *out_id,
                                             char           **out_at,
                                             GError         **error);
/* Whether an import runs on the file (its rollback marker is there): its
 * history may be taken back, and entries since a mark with it. */
gboolean _dd_scoring_import_pending         (DdStore         *store,
                                             gboolean        *out_pending,
                                             GError         **error);

/* The ScanRow of every live task with a plan, in id order, read once while
 * the cache holds. */
gboolean _dd_scoring_cache_load_rows        (DdScoringCache  *cache,
                                             DdStore         *store,
                                             GError         **error);
/* The occurrences of the tasks over [@from, @to], read in one pass and kept. */
gboolean _dd_scoring_cache_load_occurrences (DdScoringCache  *cache,
                                             DdStore         *store,
                                             const GDate     *from,
                                             const GDate     *to,
                                             GError         **error);
/* The sums of every typed indicator over @period, in the order of
 * Context.indicators (GArray of TypedSum; owned by the cache). */
GArray  *_dd_scoring_cache_typed_sums       (DdScoringCache       *cache,
                                             DdStore              *store,
                                             const DdScorePeriod  *period,
                                             GError              **error);

/* dd-scoring-reports.c: the reports of every task of the occurrences kept
 * (those read again alone instead of theirs in the set read for all) in
 * [@start, @end] as of @as_of, @soon the limit of "due soon" (may be unset). */
JudgedReports *_dd_scoring_judge_reports (DdScoringCache *cache, const GDate *start, const GDate *end,
                                          const GDate *as_of, const GDate *soon);
void           _dd_scoring_judged_reports_free (JudgedReports *judged);
/* Adds (@sign 1) or takes away (-1) the reports of task @t of @set to
 * @judged's counts; @occurrences is a GArray of DdOccurrence to work in. */
void           _dd_scoring_count_task_reports (const Context *ctx, DdOccurrenceSet *set, guint t,
                                               const JudgedReports *judged, int sign, GArray *occurrences);

/* dd-scoring-scan.c: the scorecards of every unit for @period as of @day
 * (already at most the period's end), with ranks and trends, counted from
 * @cache (filled further as needed). (transfer full) */
GListModel *_dd_scoring_cache_list_scorecards (DdScoringCache       *cache,
                                               DdStore              *store,
                                               const DdScorePeriod  *period,
                                               const GDate          *day,
                                               GError              **error);
/* dd-scoring-scan.c: the sums of every derived indicator's figures over
 * the scorecards of @period as of @day (already at most the period's end),
 * as dd_scorecards_sum_indicator() sums them (for @unit_id, or every unit
 * when 0), without the scorecards: DdDerivedSum, in the order of
 * Context.indicators, those with a denominator only. (transfer full) */
GArray     *_dd_scoring_cache_sum_derived     (DdScoringCache       *cache,
                                               DdStore              *store,
                                               const DdScorePeriod  *period,
                                               const GDate          *day,
                                               gint64                unit_id,
                                               GError              **error);

/* The place of @unit_id in Context.units + 1; 0 for a unit not there. */
static inline guint
_dd_scoring_context_unit_position (const Context *ctx,
                                   gint64         unit_id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (ctx->unit_index, &unit_id));
}

/* A failed step of a read, or its end. */
static inline gboolean
_dd_scoring_read_done (DdStore  *store,
                       int       rc,
                       GError  **error)
{
  if (rc != SQLITE_DONE)
    return dd_sql_set_sqlite_error (store, rc, error);
  return TRUE;
}

G_END_DECLS
