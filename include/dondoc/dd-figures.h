/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <gio/gio.h>
#include "dd-types.h"
#include "dd-store.h"
#include "dd-scoring.h"

G_BEGIN_DECLS

/*
 * What is typed for the scorecards besides the tasks: the indicators of the
 * plans with their figures per unit and period, and the dossier figures
 * (hồ sơ TTHC). DdFigures reads and writes them in a DdStore; it keeps
 * nothing between calls. Main thread, like the store; errors in
 * DD_STORE_ERROR unless said otherwise.
 */

/**
 * DdIndicatorInfo:
 * An indicator of a plan: id, plan, position, title, target (percent),
 * and whether it is derived ('on_time') rather than typed.
 */
typedef struct
{
  gint64 id;
  gint64 plan_id;
  int position;
  char *title;
  double target;
  gboolean derived;
} DdIndicatorInfo;

void        dd_indicator_info_free     (DdIndicatorInfo *self);

/**
 * DdIndicatorFigure:
 * One figure: numerator of denominator for an indicator, a unit (0: the
 * whole office) and a period window, with its source ("Báo cáo số …").
 */
typedef struct
{
  gint64 id;
  gint64 indicator_id;
  gint64 unit_id;
  char *unit_name;
  GDate period_start;
  GDate period_end;
  double numerator;
  double denominator;
  char *source;
} DdIndicatorFigure;

void        dd_indicator_figure_free   (DdIndicatorFigure *self);

/**
 * DdDossierFigures:
 * The dossier figures (hồ sơ TTHC) of a period: received, resolved on
 * time, resolved late, pending, and apology letters sent for late dossiers.
 */
typedef struct
{
  guint received;
  guint on_time;
  guint late;
  guint pending;
  guint apologies;
} DdDossierFigures;

/* %FALSE with a %DD_STORE_ERROR_INVALID (translated, with the figures)
 * when on time + late > received, on time + late + pending > received, or
 * there are more apology letters than late dossiers. */
gboolean    dd_dossier_figures_validate  (const DdDossierFigures *self,
                                          GError                **error);

/* The largest numerator or denominator a figure may have: a trillion is
 * more than any count an office keeps, and any sum of such figures stays
 * finite. */
#define DD_FIGURES_MAX 1e12

#define DD_TYPE_FIGURES (dd_figures_get_type ())
G_DECLARE_FINAL_TYPE (DdFigures, dd_figures, DD, FIGURES, GObject)

/**
 * dd_figures_new:
 * @store: the store that holds the figures
 *
 * Returns: (transfer full): the indicator and dossier figures of @store
 */
DdFigures  *dd_figures_new             (DdStore *store) G_GNUC_WARN_UNUSED_RESULT;
/* (transfer none) */
DdStore    *dd_figures_get_store       (DdFigures *self);

/* Indicators and their figures */

/* The indicators of @plan_id (all when 0), by plan and position.
 * (transfer full) (element-type DdIndicatorInfo) */
GPtrArray  *dd_figures_list_indicators (DdFigures  *self,
                                        gint64      plan_id,
                                        GError    **error);

/**
 * dd_figures_set_indicator_figure:
 * @unit_id: the unit, or 0 for the whole office
 * @period: the figure's period
 * @source: (nullable): where the figure comes from
 *
 * Records (or replaces) a figure. %DD_STORE_ERROR_INVALID (translated) when
 * a number is negative, not finite or above %DD_FIGURES_MAX, @numerator > @denominator, or
 * @denominator is 0 while @numerator is not, or the indicator is derived;
 * %DD_STORE_ERROR_NO_SUCH_ROW when the indicator or unit does not exist.
 */
gboolean    dd_figures_set_indicator_figure   (DdFigures           *self,
                                               gint64               indicator_id,
                                               gint64               unit_id,
                                               const DdScorePeriod *period,
                                               double               numerator,
                                               double               denominator,
                                               const char          *source,
                                               GError             **error);
/* Removes the figure of exactly that indicator, unit and period; TRUE
 * when there was none. */
gboolean    dd_figures_clear_indicator_figure (DdFigures           *self,
                                               gint64               indicator_id,
                                               gint64               unit_id,
                                               const DdScorePeriod *period,
                                               GError             **error);
/* The figures of @indicator_id (all when 0) whose window lies inside
 * @period (all when %NULL). (transfer full) (element-type DdIndicatorFigure) */
GPtrArray  *dd_figures_list_indicator_figures (DdFigures           *self,
                                               gint64               indicator_id,
                                               const DdScorePeriod *period,
                                               GError             **error);

/**
 * dd_figures_sum_indicator:
 * @unit_ids: (array length=n_units) (nullable): the units; %NULL: every figure
 * @periods: (array length=n_periods): the periods
 * @out: (out caller-allocates): the indicator with its sums
 *
 * An indicator over several units and periods: the sum of the numerators
 * over the sum of the denominators (never a mean of ratios).
 */
gboolean    dd_figures_sum_indicator   (DdFigures           *self,
                                        gint64               indicator_id,
                                        const gint64        *unit_ids,
                                        guint                n_units,
                                        const DdScorePeriod *periods,
                                        guint                n_periods,
                                        DdScoreIndicator    *out,
                                        GError             **error);

/**
 * dd_figures_import_indicator_figures:
 * @text: the CSV file's content (UTF-8, a BOM allowed)
 * @length: its length, or -1 when NUL-terminated
 * @out_n_figures: (out) (optional): the figures written
 *
 * Imports indicator figures, one a row, in six columns: indicator (its id,
 * or the plan's number and its position: "662/KH-VPUB#1"), unit (a name;
 * empty: the whole office), period ("2026-Q2", "2026-H1", "2026",
 * "2026-05"), numerator, denominator, source (optional). A first row whose
 * numerator is not a number is a header. Comma, semicolon or tab
 * separated; RFC 4180 quoting; decimal dot or comma. A figure already
 * recorded for the same indicator, unit and period is replaced.
 *
 * Every row is checked before anything is written, then all are written in
 * one transaction: one bad row and nothing is imported.
 *
 * Returns: %FALSE with a %DD_IMPORT_ERROR (translated, "Line 4, column 3
 *   (period): …") for bad input, or a %DD_STORE_ERROR
 */
gboolean    dd_figures_import_indicator_figures (DdFigures   *self,
                                                 const char  *text,
                                                 gssize       length,
                                                 guint       *out_n_figures,
                                                 GError     **error);

/* Dossier figures */

/* Records (or replaces) the figures of @unit_id (0: the whole office) for
 * @period, once dd_dossier_figures_validate() accepts them. @source is
 * nullable. Administrators and the unit's editors. */
gboolean    dd_figures_set_dossier_figures (DdFigures              *self,
                                            gint64                  unit_id,
                                            const DdScorePeriod    *period,
                                            const DdDossierFigures *figures,
                                            const char             *source,
                                            GError                **error);
/* The sums over the figures of @unit_id (0: the whole office; -1: every
 * unit and the office) whose window lies in @period. *@out_found is
 * %FALSE when there are none. */
gboolean    dd_figures_get_dossier_figures (DdFigures           *self,
                                            gint64               unit_id,
                                            const DdScorePeriod *period,
                                            DdDossierFigures    *out,
                                            gboolean            *out_found,
                                            GError             **error);

G_END_DECLS
