/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "dd-core-private.h"
#define DD_DOCUMENT_GETTEXT
#include "dd-document-language-private.h"
#include "dondoc/dd-chart.h"

G_BEGIN_DECLS

/* dd_task_status_get_label() in the language of the document being made
 * (see dd-document-language-private.h), for the charts and the exports. */
const char *_dd_chart_status_label (DdTaskStatus status);

/*
 * A chart is laid out into a scene: a list of shapes and texts, each with
 * its colour and, where it stands for figures, the index of a hit. Drawing
 * paints the scene; hit-testing searches it. So the geometry exists once.
 */

typedef enum
{
  ITEM_RECT,
  ITEM_ARC,      /* an annulus sector */
  ITEM_LINE,     /* a polyline */
  ITEM_TEXT,
  ITEM_CIRCLE,   /* a dot */
} ItemType;

typedef struct
{
  ItemType type;
  double rgba[4];
  double x, y, w, h;             /* rect; text origin (w, h: its extents) */
  double cx, cy, r0, r1, a0, a1; /* arc; circle (cx, cy, r1) */
  GArray *points;                /* line: x, y pairs */
  double line_width;
  gboolean dashed;
  PangoLayout *layout;           /* text */
  int hit;                       /* index in DdChartScene.hits, or -1 */
} DdChartItem;

typedef struct
{
  double width;
  double height;
  GArray *items;                 /* of DdChartItem */
  GArray *hits;                  /* of DdChartHit (labels owned) */
} DdChartScene;

DdChartScene *_dd_chart_scene_new  (double width, double height);
void          _dd_chart_scene_free (DdChartScene *scene);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdChartScene, _dd_chart_scene_free)

/* The chart's state, shared by dd-chart.c and the layout of the kinds. */
struct _DdChart
{
  GObject parent_instance;

  DdChartKind kind;
  char *title;
  double foreground[4];
  double background[4];
  char *font_family;
  double font_size;
  DdChartUnitSort unit_sort;
  GDate as_of;

  gboolean has_headline;
  DdStatsHeadline headline;
  GPtrArray *units;          /* of DdStatsUnit* */
  DdStatsProgress progress;
  GPtrArray *indicators;     /* of DdStatsIndicator* */

  DdChartScene *scene;       /* the last layout, for hit-testing */
};

/* What the layout code needs besides the chart. */
typedef struct
{
  DdChart *chart;
  DdChartScene *scene;
  PangoContext *pango;
  double font_px;            /* the body text size */
} DdChartLayout;

/* Builds the scene of @chart at @width × @height, measuring texts with @pango
 * (dd-chart.c: the title, "No data", or the kind's layout). */
DdChartScene *_dd_chart_layout (DdChart      *chart,
                                PangoContext *pango,
                                double        width,
                                double        height);

/* Scene building (dd-chart-scene.c). */
DdChartItem *_dd_chart_add_rect   (DdChartLayout *l, double x, double y, double w, double h,
                                   const double rgba[4], int hit);
DdChartItem *_dd_chart_add_arc    (DdChartLayout *l, double cx, double cy, double r0, double r1,
                                   double a0, double a1, const double rgba[4], int hit);
DdChartItem *_dd_chart_add_line   (DdChartLayout *l, const double *xy, guint n_points,
                                   double line_width, gboolean dashed, const double rgba[4]);
DdChartItem *_dd_chart_add_circle (DdChartLayout *l, double cx, double cy, double r,
                                   const double rgba[4], int hit);
/* A text laid out in at most @max_width (ellipsized) and @max_lines lines
 * (wrapped at words), @scale times the body size, @weight bold or not.
 * Returns its layout's extents in @out_w / @out_h; it is added to the scene
 * only by _dd_chart_place_text(). (transfer full) */
PangoLayout *_dd_chart_make_text  (DdChartLayout *l, const char *text, double scale, gboolean bold,
                                   double max_width, int max_lines, PangoAlignment align,
                                   double *out_w, double *out_h);
/* Adds @layout (taking it) at (@x, @y), its top-left corner. */
DdChartItem *_dd_chart_place_text (DdChartLayout *l, PangoLayout *layout, double x, double y,
                                   const double rgba[4], int hit);
/* Adds a hit (the label is taken) and returns its index. */
int          _dd_chart_add_hit    (DdChartLayout *l, const DdChartHit *hit);

/* Layout parts shared by the kinds of chart (dd-chart-layout.c). */

/* @rgba with its alpha times @alpha, in @out. */
void    _dd_chart_with_alpha    (const double rgba[4], double alpha, double out[4]);
/* A step of 1, 2 or 5 × 10ⁿ giving about @n_ticks ticks up to @max. */
double  _dd_chart_nice_step     (double max, int n_ticks, gboolean integer);
/* The height of a line of body text. */
double  _dd_chart_line_height   (DdChartLayout *l);
/* Percentages of @counts adding up to exactly 100 at one decimal. */
void    _dd_chart_percentages   (const guint *counts, guint n, double *out);
/* @count as the interface writes numbers. (transfer full) */
char   *_dd_chart_count_label   (guint count);
/* "Done on time: 12 of 40 tasks (30,0%)", after "@prefix — " if any. (transfer full) */
char   *_dd_chart_segment_label (const char *prefix, int status, guint count, guint total,
                                 double percent);
/* A legend entry, a swatch and a text, at (@x, @y) when @place (else only
 * measured); returns its width, 0 when it does not fit in @max_width. */
double  _dd_chart_legend_entry  (DdChartLayout *l, double x, double y, double max_width,
                                 const double swatch[4], const char *text, double line_h,
                                 int hit, gboolean place);
/* A horizontal value axis from 0 to @max at @step over [@px0, @px1]: grid
 * lines from @gy0 to @gy1, labels under them that do not touch. */
void    _dd_chart_value_axis    (DdChartLayout *l, double px0, double px1, double gy0, double gy1,
                                 double max, double step, gboolean percent);

/* The kinds of chart, each laid out in the rectangle (@x0, @y0)–(@x1, @y1):
 * dd-chart-status.c, dd-chart-units.c, dd-chart-progress.c,
 * dd-chart-indicators.c. Only _dd_chart_layout() calls them; they call the
 * parts above, the scene's building and the colours, never dd-chart.c. */
void    _dd_chart_layout_status     (DdChartLayout *l, double x0, double y0, double x1, double y1);
void    _dd_chart_layout_units      (DdChartLayout *l, double x0, double y0, double x1, double y1);
void    _dd_chart_layout_progress   (DdChartLayout *l, double x0, double y0, double x1, double y1);
void    _dd_chart_layout_indicators (DdChartLayout *l, double x0, double y0, double x1, double y1);

G_END_DECLS
