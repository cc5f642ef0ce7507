/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <cairo.h>
#include <glib-object.h>
#include "dd-types.h"
#include "dd-error.h"
#include "dd-stats.h"

G_BEGIN_DECLS

/*
 * Charts of the dashboard. A DdChart holds the figures to show and the
 * style; dd_chart_render() draws it on any cairo_t (the GTK widget's
 * snapshot, an image, an SVG or a PDF surface), laying out every text with
 * Pango. The geometry is computed once per size, by one piece of code, and
 * serves drawing and hit-testing alike.
 */

/* Status colours, used everywhere in the application */

/**
 * dd_status_get_color:
 * @status: any value; one out of range gets a neutral grey
 * @rgba: (out caller-allocates) (array fixed-size=4): red, green, blue, alpha in 0–1
 *
 * The colour of a status in lists, calendar, charts and exports. The scheme
 * is built on the Okabe–Ito palette, its lightness spread so that the
 * statuses stay apart for protanopia, deuteranopia and tritanopia
 * (Machado 2009 simulation: CIELAB ΔE ≥ 18 between any two) and printed in
 * grey (CIE L* at least 8 apart: 32, 46, 70, 89, 54, 81, 14 in status
 * order). tests/core/test-chart.c checks both.
 */
void        dd_status_get_color     (DdTaskStatus status,
                                     double       rgba[4]);
/* The same colour as CSS hex, "#00573F". (transfer none) */
const char *dd_status_get_color_hex (DdTaskStatus status);

/**
 * DdIndicatorLevel:
 * @DD_INDICATOR_NO_DATA: no figure for the period
 * @DD_INDICATOR_RED: achieved below 90% of the target
 * @DD_INDICATOR_AMBER: achieved from 90% of the target up to the target
 * @DD_INDICATOR_GREEN: the target is reached
 *
 * The thresholds of the indicators chart, relative to each indicator's
 * target (%DD_INDICATOR_AMBER_RATIO). Red, amber and green take the colours
 * of "overdue", "due soon" and "done on time", so they too survive colour
 * blindness and grey print; each bar also says its level in words.
 */
typedef enum
{
  DD_INDICATOR_NO_DATA = -1,
  DD_INDICATOR_RED = 0,
  DD_INDICATOR_AMBER = 1,
  DD_INDICATOR_GREEN = 2,
} DdIndicatorLevel;

#define DD_INDICATOR_AMBER_RATIO 0.9

DdIndicatorLevel dd_indicator_level_for        (const DdStatsIndicator *indicator);
void             dd_indicator_level_get_color  (DdIndicatorLevel        level,
                                                double                  rgba[4]);
/* Translated: "Target reached", "Close to target", "Below target", "No data". */
const char      *dd_indicator_level_get_label  (DdIndicatorLevel        level);

/* The chart */

typedef enum
{
  DD_CHART_STATUS = 0,      /* donut of the statuses, completion rate in the centre */
  DD_CHART_UNITS = 1,       /* a stacked bar of statuses per lead unit */
  DD_CHART_PROGRESS = 2,    /* cumulative completed against cumulative due */
  DD_CHART_INDICATORS = 3,  /* bullet bars of each indicator against its target */
} DdChartKind;

#define DD_N_CHART_KINDS 4

/* "status", "units", "progress", "indicators". */
const char *dd_chart_kind_to_string   (DdChartKind  kind);
gboolean    dd_chart_kind_from_string (const char  *str,
                                       DdChartKind *out_kind);

typedef enum
{
  DD_CHART_SORT_BY_NAME = 0,      /* Vietnamese order of the unit's name (the default) */
  DD_CHART_SORT_BY_LATENESS = 1,  /* most overdue first, then most done late, then name */
} DdChartUnitSort;

#define DD_TYPE_CHART (dd_chart_get_type ())
G_DECLARE_FINAL_TYPE (DdChart, dd_chart, DD, CHART, GObject)

DdChart    *dd_chart_new             (DdChartKind kind) G_GNUC_WARN_UNUSED_RESULT;
DdChartKind dd_chart_get_kind        (DdChart    *self);

/* A title drawn at the top; %NULL for none (the default). */
void        dd_chart_set_title       (DdChart    *self,
                                      const char *title);
const char *dd_chart_get_title       (DdChart    *self);
/* The usual title of the chart's kind, with its reference date. (transfer full) */
char       *dd_chart_dup_default_title (DdChart  *self);
/* Its figures in words, for a screen reader (dd-chart-describe.c). (transfer full) */
char       *dd_chart_dup_description (DdChart   *self);
/* Its figures as a table: a GPtrArray of GStrv rows, the headings first
 * (dd-chart-table.c). (transfer full) */
GPtrArray  *dd_chart_dup_table       (DdChart   *self);

/* Style. Colours are RGBA in 0–1; a background with alpha 0 (the default)
 * is not painted. The font size is in device units (pixels, or points on
 * a PDF); 0 picks one from the size of the chart. */
void        dd_chart_set_colors      (DdChart      *self,
                                      const double  foreground[4],
                                      const double  background[4]);
void        dd_chart_set_font        (DdChart      *self,
                                      const char   *family,
                                      double        size);
void        dd_chart_set_unit_sort   (DdChart        *self,
                                      DdChartUnitSort sort);
DdChartUnitSort dd_chart_get_unit_sort (DdChart   *self);

/* Data: copied. Each setter is for one kind but harmless on another. */
void        dd_chart_set_headline    (DdChart               *self,
                                      const DdStatsHeadline *headline);
void        dd_chart_set_units       (DdChart               *self,
                                      GPtrArray             *units);
void        dd_chart_set_progress    (DdChart               *self,
                                      const DdStatsProgress *progress);
void        dd_chart_set_indicators  (DdChart               *self,
                                      GPtrArray             *indicators);
/* The reference date shown in titles and marked on the progress chart. */
void        dd_chart_set_as_of       (DdChart               *self,
                                      const GDate           *as_of);

/* Fills the chart of its kind from the store's figures (DdStats). */
gboolean    dd_chart_load            (DdChart            *self,
                                      DdStore            *store,
                                      const DdStatsQuery *query,
                                      GError            **error);
/* Fills it from figures already computed. */
void        dd_chart_set_dashboard   (DdChart                *self,
                                      const DdStatsDashboard *dashboard);

/* FALSE when there is nothing to draw (the chart then says "No data"). */
gboolean    dd_chart_has_data        (DdChart    *self);

/**
 * dd_chart_render:
 * @cr: any cairo context; its current transformation places the chart
 * @width: the chart's width in @cr's user units
 * @height: its height
 *
 * Draws the chart into the rectangle (0, 0, @width, @height), and nothing
 * outside it: the drawing is clipped to it. Any size is accepted; texts
 * that do not fit are ellipsized or left out, never overlapped.
 */
void        dd_chart_render          (DdChart    *self,
                                      cairo_t    *cr,
                                      double      width,
                                      double      height);

/**
 * DdChartHit:
 * @kind: the chart's kind
 * @status: the status of the segment, or -1
 * @has_unit: %TRUE on a unit's bar (units chart)
 * @unit_id: that unit, 0 for the tasks without a lead unit
 * @index: the unit row, progress bucket or indicator, or -1
 * @count: the tasks in the segment (status and units charts)
 * @total: the tasks of the whole: all (status chart) or the unit's (units chart)
 * @value: progress: cumulative completed; indicators: achieved percent
 * @reference: progress: cumulative due; indicators: target percent
 * @date: progress: the bucket's first day (otherwise invalid)
 * @label: the figures as one translated line, for a tooltip
 *
 * What lies under a point of the chart. Clear with dd_chart_hit_clear().
 */
typedef struct
{
  DdChartKind kind;
  int status;
  gboolean has_unit;
  gint64 unit_id;
  int index;
  guint count;
  guint total;
  double value;
  double reference;
  GDate date;
  char *label;
} DdChartHit;

void        dd_chart_hit_clear       (DdChartHit *self);

/**
 * dd_chart_hit_test:
 * @width: the size the chart is drawn at
 * @height: idem
 * @x: a point, in the chart's coordinates
 * @y: idem
 * @out_hit: (out caller-allocates): filled when something is there
 *
 * Uses the geometry of the last dd_chart_render() at that size, or lays
 * the chart out again. Returns: %TRUE when a segment, bar, point or legend
 * entry is under (@x, @y).
 */
gboolean    dd_chart_hit_test        (DdChart    *self,
                                      double      width,
                                      double      height,
                                      double      x,
                                      double      y,
                                      DdChartHit *out_hit);

/**
 * dd_chart_save:
 * @path: the file; its extension (.png, .svg, .pdf, any case) picks the format
 * @width: in pixels (PNG) or points (SVG, PDF)
 * @height: idem
 * @error: %DD_CHART_ERROR_FORMAT or %DD_CHART_ERROR_WRITE
 *
 * Writes the chart to a temporary file beside @path and renames it, so a
 * failure never leaves a half-written file. Any thread, on a chart no other
 * thread touches.
 */
gboolean    dd_chart_save            (DdChart    *self,
                                      const char *path,
                                      double      width,
                                      double      height,
                                      GError    **error);

G_END_DECLS
