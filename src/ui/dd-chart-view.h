/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_CHART_VIEW (dd_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (DdChartView, dd_chart_view, DD, CHART_VIEW, GtkWidget)

GtkWidget    *dd_chart_view_new            (DdChart     *chart) G_GNUC_WARN_UNUSED_RESULT;
DdChart      *dd_chart_view_get_chart      (DdChartView *self);
void          dd_chart_view_set_chart      (DdChartView *self,
                                            DdChart     *chart);
/* Redraws after the chart's data changed. */
void          dd_chart_view_update         (DdChartView *self);
/* Draws nothing while the chart's figures are being read. */
void          dd_chart_view_set_loading    (DdChartView *self,
                                            gboolean     loading);
gboolean      dd_chart_view_get_loading    (DdChartView *self);
/* The smallest height the chart is given (the units chart needs a row
 * per unit). */
void          dd_chart_view_set_min_height (DdChartView *self,
                                            int          min_height);

/* What lies under (@x, @y) in the widget's coordinates, at its current
 * size; clear @out_hit with dd_chart_hit_clear(). */
gboolean      dd_chart_view_hit_test       (DdChartView *self,
                                            double       x,
                                            double       y,
                                            DdChartHit  *out_hit);
/* What a click at (@x, @y) does: emits "segment-activated" when a segment
 * is there. Returns: whether one was. */
gboolean      dd_chart_view_activate_at    (DdChartView *self,
                                            double       x,
                                            double       y);

/* The "chart" actions of the view (save-as with "png", "svg" or "pdf";
 * copy), to insert on a widget that shows a menu for it. (transfer none) */
GActionGroup *dd_chart_view_get_actions    (DdChartView *self);
/* The menu of those actions. (transfer none) */
GMenuModel   *dd_chart_view_get_menu_model (DdChartView *self);

/* Writes the chart as it is meant for a slide: dark text on white, with
 * its title, at @width × @height (pixels for PNG, points for SVG and PDF);
 * the format follows @path's extension. */
gboolean      dd_chart_view_save           (DdChartView *self,
                                            const char  *path,
                                            double       width,
                                            double       height,
                                            GError     **error);
/* The same drawing as a texture, @scale times the widget's size.
 * (transfer full) */
GdkTexture   *dd_chart_view_render_texture (DdChartView *self,
                                            int          scale);
/* Puts that texture (scale 2) on the clipboard. */
void          dd_chart_view_copy           (DdChartView *self);

G_END_DECLS
