/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dd-core-private.h"
#include "dd-chart-private.h"
#include "dondoc/dd-export.h"

G_BEGIN_DECLS

/*
 * The figures shared by the workbook and the PDF (dd-report.c), and the
 * reading of them (dd-store-export.c).
 */

/* The sanitiser of every string of a document (dd-export-text.c). */
typedef enum
{
  DD_CLEAN_NONE = 0,
  DD_CLEAN_ESCAPE_X = 1 << 0,  /* a cell's text: "_xHHHH_" escaped as Excel reads it */
} DdCleanFlags;

/* @text fit for XML 1.0 and for Pango: invalid UTF-8 repaired, C0 controls
 * but tab and line feed replaced (U+000B, U+000C and CR by a line break,
 * the others by a space), noncharacters (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF)
 * by U+FFFD. Returns @text itself when nothing needs changing, else
 * @out->str (valid until @out changes); %NULL for %NULL. */
const char *_dd_export_clean_text (GString      *out,
                                   const char   *text,
                                   DdCleanFlags  flags);
/* The same as a copy. (transfer full) */
char       *_dd_export_dup_clean  (const char   *text);

/* One task as an export writes it. The strings point into the store's
 * current row: valid only during the callback. */
typedef struct
{
  gint64 id;
  const char *plan_number;
  const char *number;
  const char *title;
  const char *lead;            /* nullable */
  gint64 lead_id;              /* 0 when none */
  const char *coordinators;    /* "; "-joined; nullable */
  DdDeadlineKind deadline_kind;
  const char *deadline_text;   /* nullable */
  gboolean deadline_understood;
  GDate due;                   /* invalid when none */
  GDate original_due;          /* before the first extension; invalid when never extended */
  const char *product;
  const char *directing;
  guint progress;
  GDate completed_on;
  const char *actual_product;
  const char *note;
  DdTaskStatus status;
  gint64 plan_id;
} DdExportTask;

typedef gboolean (*DdExportTaskFunc) (const DdExportTask *task,
                                      gpointer            user_data,
                                      GError            **error);

/* Reads the tasks @ids (in that order) with their status as of @as_of;
 * stops at the first FALSE of @func. Without @with_text only the id, lead,
 * deadline kind, dates and status are read (the strings are NULL). */
gboolean _dd_store_export_foreach_task (DdStore          *store,
                                        GArray           *ids,
                                        gboolean          with_text,
                                        const GDate      *as_of,
                                        guint             due_soon_days,
                                        DdExportTaskFunc  func,
                                        gpointer          user_data,
                                        GError          **error);

/* Reads the tasks of @query in the list's order, in one statement, as
 * _dd_store_export_foreach_task() does. */
gboolean _dd_store_export_foreach_query (DdStore           *store,
                                         const DdTaskQuery *query,
                                         gboolean           with_text,
                                         DdExportTaskFunc   func,
                                         gpointer           user_data,
                                         GError           **error);

/* The text columns of the task sheet whose extent is read before its rows. */
typedef enum
{
  DD_EXTENT_PLAN,
  DD_EXTENT_NUMBER,
  DD_EXTENT_TITLE,
  DD_EXTENT_LEAD,
  DD_EXTENT_COORDINATORS,
  DD_EXTENT_TIME_FRAME,
  DD_EXTENT_PRODUCT,
  DD_EXTENT_DIRECTING,
  DD_EXTENT_ACTUAL,
  DD_EXTENT_NOTE,
  DD_N_EXTENTS
} DdExtentColumn;

/* What the text of each column of the tasks of a query takes: the few
 * longest words (one a line, NULL: no text) and the mean characters of
 * its cells (an empty one counting 0); how many tasks have a completion
 * date, whether any has a time frame not understood and whether any task
 * was ever extended. Read from the first tasks only when @sampled. */
typedef struct
{
  char *longest[DD_N_EXTENTS];
  double mean[DD_N_EXTENTS];
  guint64 n_tasks;
  guint64 n_completed;
  gboolean any_not_understood;   /* a time frame not understood (said in the note) */
  gboolean any_extended;
  gboolean sampled;
} DdExportExtent;

/* The extent is read from this many tasks at most, in the list's order:
 * all of any real plan's; a sample of a whole file's 100,000 (reading
 * them all again cost a quarter of the export's time). */
#define _DD_EXPORT_EXTENT_SAMPLE 3000

/* Reads an extent task by task: _dd_extent_reader_add() is FALSE once
 * the sample is full (@out's sampled then TRUE); _dd_extent_reader_finish()
 * fills @out and frees the reader. */
typedef struct _DdExtentReader DdExtentReader;

DdExtentReader *_dd_extent_reader_new    (DdExportExtent     *out);
gboolean        _dd_extent_reader_add    (DdExtentReader     *r,
                                          const DdExportTask *task);
void            _dd_extent_reader_finish (DdExtentReader     *r);

/* Reads the extent of the tasks of @query (no row kept). */
gboolean _dd_store_export_extent      (DdStore           *store,
                                       const DdTaskQuery *query,
                                       DdExportExtent    *out,
                                       GError           **error);
void     _dd_export_extent_clear      (DdExportExtent    *extent);

/* One figure of an indicator: the sums over the period for one unit or
 * (@unit NULL) for the whole office. @has_data FALSE: no figure at all. */
typedef struct
{
  gint64 indicator_id;
  char *title;
  double target;               /* percent */
  char *unit;                  /* nullable: the whole office */
  gboolean has_data;
  gboolean derived;            /* computed from the tasks ("đúng hạn"), not typed */
  double numerator;
  double denominator;
} DdExportIndicator;

void _dd_export_indicator_free (DdExportIndicator *row);

/* A task of the list for action: overdue or forgotten (working days late
 * since @due), or due soon (working days left). */
typedef struct
{
  gint64 id;
  DdTaskStatus status;
  int days;
  GDate due;                   /* a forgotten task's: the missed report or update's */
  const char *what;            /* a forgotten task's missed report ("Quý I/2026"), or NULL */
} DdExportAction;

/* The report's figures (dd-report.c). */
typedef struct
{
  DdExportOptions options;     /* options.language is NULL: see language */
  DdLanguage language;         /* of the document */
  char *font_name;
  char *period_label;
  char *place;
  char *issuer;                /* the whole name, one line */
  char *issuer_superior;       /* "UBND TỈNH NGHỆ AN", or NULL */
  char *issuer_body;           /* "VĂN PHÒNG", or NULL */
  char *number_line;           /* "Số:          /BC-VPUB" */
  char *kind;                  /* "BÁO CÁO" */
  char *signer_position;       /* "CHÁNH VĂN PHÒNG", or NULL */
  char *signer_name;           /* or NULL */
  char *scope_line;            /* "Phạm vi: các nhiệm vụ quá hạn …, 2 nhiệm vụ" (after finish) */
  char *title;                 /* "Báo cáo tiến độ … — tính đến ngày dd/mm/yyyy" */
  char *subtitle;              /* the plan's title, or "All plans" */
  char *date_line;             /* "Nghệ An, ngày 25 tháng 11 năm 2026" */
  gboolean all_plans;
  char *text;                  /* options.tasks.text, owned */
  GHashTable *unit_counts;     /* lead id → guint[DD_N_STATUSES], while gathering */
  GHashTable *plan_counts;     /* plan id → (lead id → guint[DD_N_STATUSES]) of the rows when they are
                                * every task of their plans (no filter but the plan), else NULL */
  DdStatsHeadline headline;
  GPtrArray *units;            /* DdStatsUnit*: per lead unit, Vietnamese order, no lead last */
  GArray *actions;             /* DdExportAction: overdue, forgotten (most late first), due soon */
  GPtrArray *indicators;       /* DdExportIndicator*: each indicator, the whole office first */
  DdWorkdays *workdays;        /* the file's calendar of days off */
  GHashTable *late_days;       /* due date (Julian) → working days late, counted once */
  GArray *days_back;           /* int: [k] working days in (as_of − k, as_of] */
  GArray *days_ahead;          /* int: [k] working days in (as_of, as_of + k] */
  GStringChunk *strings;       /* the actions' texts */
} DdExportData;

/* The indicators of the plan (all plans') with their true figures
 * (dd-export-figures.c): a typed one per unit, the whole office first,
 * from the figures whose period lies in the report's, never a period and
 * one inside it added together; a derived one ("đúng hạn") as the
 * scorecards compute it for the report's period, else from every task of
 * its plan as of the report's date. */
gboolean      _dd_export_data_fill_indicators (DdExportData  *data,
                                               DdStore       *store,
                                               GError       **error);
/* The due date, working days late and what was missed of each forgotten
 * task of the actions (dd-export-figures.c). */
gboolean      _dd_export_fill_forgotten (DdExportData  *data,
                                         DdStore       *store,
                                         GError       **error);
/* Working days from @due to the report's date (negative: left). */
int           _dd_export_workdays_late  (DdExportData  *data,
                                         const GDate   *due);
/* The note of a row for action: "Chưa báo cáo: Quý I/2026" for a
 * forgotten task, then @note. (transfer full) */
char         *_dd_export_dup_action_note (const DdExportAction *action,
                                          const char           *note);
/* How the two rates are counted, for the note under them (translated). */
const char   *_dd_export_rates_note     (void);
/* Whether white text contrasts more than black with @rgba (WCAG 2's
 * contrast ratio: the better of the two, at least 4.5 on the statuses'
 * colours). */
gboolean      _dd_export_white_on          (const double rgba[4]);
gboolean      _dd_export_status_white_text (DdTaskStatus status);

/* The document's language of @options ("en", else Vietnamese). */
DdLanguage    _dd_export_language  (const DdExportOptions *options);

/* The issuer's two lines, the place, the number line, the kind and the
 * signature of @data from @options, the office's settings and @plan
 * (nullable: all plans) (dd-export-form.c). */
gboolean      _dd_export_data_fill_form (DdExportData           *data,
                                         DdStore                *store,
                                         DdPlan                 *plan,
                                         const DdExportOptions  *options,
                                         GError                **error);

/* The scope line of @data from its query and its count of tasks, once
 * they are gathered, or counted now when @count (dd-export-form.c). */
gboolean      _dd_export_data_fill_scope (DdExportData  *data,
                                          DdStore       *store,
                                          gboolean       count,
                                          GError       **error);

/* Reads everything but the tasks' text (which the writers read in order). */
DdExportData *_dd_export_data_new  (DdStore               *store,
                                    const DdExportOptions *options,
                                    GError               **error);
void          _dd_export_data_free (DdExportData *data);

/* The same in steps, for a writer that reads the tasks' text anyway and
 * gathers the figures from the same rows (one pass instead of two):
 * _dd_export_data_prepare(), _dd_export_data_add_task() for each task of
 * options.tasks in the list's order, then _dd_export_data_finish(). */
DdExportData *_dd_export_data_prepare  (DdStore               *store,
                                        const DdExportOptions *options,
                                        GError               **error);
void          _dd_export_data_add_task (DdExportData       *data,
                                        const DdExportTask *task);
gboolean      _dd_export_data_finish   (DdExportData  *data,
                                        DdStore       *store,
                                        GError       **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdExportData, _dd_export_data_free)

/* How much of the tasks for action the workbook keeps from its task sheet
 * (bytes) before it reads the others again by id; tests set it to 0. */
extern gsize _dd_export_action_cache_max;

/* Tests: at most this many rows in one short read transaction of an export
 * (0: as many as its time allows), and a function called between two of
 * them (after the first has ended and its rows are written); on a
 * server's tables, whose rows the server reads in batches, between two
 * batches. */
extern guint _dd_export_slice_rows;
/* Tests: the tasks whose rows a server's tables read at once (0: 4,096). */
extern guint _dd_export_batch_ids;
/* Tests: FALSE counts the derived indicators with a query a plan even when
 * the export's rows are every task of their plans (TRUE by default). */
extern gboolean _dd_export_gather_plan_counts;
extern void (*_dd_export_slice_hook) (gpointer data);
extern gpointer _dd_export_slice_hook_data;

/* The units chart shows at most this many units; the rest are summed in
 * one "Other units" bar (the full table is on the units sheet). */
#define DD_EXPORT_CHART_UNITS 15

/* The units for the charts: most overdue first, at most
 * DD_EXPORT_CHART_UNITS and one "Other units". (transfer full) */
GPtrArray    *_dd_export_chart_units (const DdExportData *data);
/* Completion rate of one set of counts: done ÷ (done + overdue or forgotten); FALSE
 * when there is nothing to divide by. */
gboolean      _dd_export_rate        (const guint counts[DD_N_STATUSES],
                                      double     *out_rate);
/* On-time rate: done on time ÷ the same (done + overdue or forgotten). */
gboolean      _dd_export_on_time_rate (const guint counts[DD_N_STATUSES],
                                       double     *out_rate);

/* One read transaction over a whole export: one snapshot of a file other
 * desktops may be writing, and one shared lock instead of one per
 * statement (each of which re-reads the file's header: 20× slower).
 * Returns TRUE when it began one (none when the store is already in a
 * transaction); give that to _dd_export_read_end(). */
gboolean      _dd_export_read_begin  (DdStore *store);
void          _dd_export_read_end    (DdStore *store,
                                      gboolean began);

/* A temporary file beside @path ("<dir>/.<name>.XXXXXX.part"), created
 * empty; %NULL with DD_EXPORT_ERROR_WRITE when the folder is not writable.
 * (transfer full) */
char         *_dd_export_temp_path   (const char *path,
                                      GError    **error);
/* Renames @tmp onto @path, or removes @tmp and fails. */
gboolean      _dd_export_commit      (const char *tmp,
                                      const char *path,
                                      GError    **error);

/* The rows of a big sheet, deflated on a thread of their own while they are
 * made, then put into the workbook libxlsxwriter wrote (dd-xlsx-stream.c).
 * Failures set errno. */
typedef struct _DdDeflateStream DdDeflateStream;

DdDeflateStream *_dd_deflate_stream_new    (void);
/* Takes @chunk (XML, in order); waits while the thread is far behind. */
void             _dd_deflate_stream_push   (DdDeflateStream *stream,
                                            GString         *chunk);
gboolean         _dd_deflate_stream_finish (DdDeflateStream *stream);
void             _dd_deflate_stream_free   (DdDeflateStream *stream);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdDeflateStream, _dd_deflate_stream_free)

/* Copies the zip @from to @to with the entries @names[i] holding their
 * own XML up to "</sheetData>", then @rows[i], then the rest. */
gboolean         _dd_xlsx_splice           (const char             *from,
                                            const char             *to,
                                            const char * const     *names,
                                            DdDeflateStream *const *rows,
                                            guint                   n_splices);

G_END_DECLS
