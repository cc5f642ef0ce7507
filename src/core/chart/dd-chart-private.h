/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "dd-core-private.h"
#include "dondoc/dd-chart.h"

G_BEGIN_DECLS

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

/* The chart's state, shared by dd-chart.c and dd-chart-layout.c. */
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

/* Builds the scene of @chart at @width × @height, measuring texts with @pango. */
DdChartScene *_dd_chart_layout (DdChart      *chart,
                                PangoContext *pango,
                                double        width,
                                double        height);

/* Scene building (dd-chart.c). */
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

G_END_DECLS
