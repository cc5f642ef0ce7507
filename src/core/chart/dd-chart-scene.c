/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-chart"

#include "config.h"

#include <string.h>

#include "dd-chart-private.h"

/*
 * Building a scene (see dd-chart-private.h): its shapes, texts and hits,
 * for the layout of every kind of chart. The bottom of the charts: it
 * calls nothing else of them. dd-chart.c paints and hit-tests the scene.
 */

/* Scene */

DdChartScene *
_dd_chart_scene_new (double width,
                     double height)
{
  DdChartScene *scene = g_new0 (DdChartScene, 1);

  scene->width = width;
  scene->height = height;
  scene->items = g_array_new (FALSE, TRUE, sizeof (DdChartItem));
  scene->hits = g_array_new (FALSE, TRUE, sizeof (DdChartHit));
  return scene;
}

void
_dd_chart_scene_free (DdChartScene *scene)
{
  if (scene == NULL)
    return;
  for (guint i = 0; i < scene->items->len; i++)
    {
      DdChartItem *item = &g_array_index (scene->items, DdChartItem, i);

      g_clear_pointer (&item->points, g_array_unref);
      g_clear_object (&item->layout);
    }
  for (guint i = 0; i < scene->hits->len; i++)
    dd_chart_hit_clear (&g_array_index (scene->hits, DdChartHit, i));
  g_array_unref (scene->items);
  g_array_unref (scene->hits);
  g_free (scene);
}

static DdChartItem *
add_item (DdChartLayout *l,
          ItemType       type,
          const double   rgba[4],
          int            hit)
{
  DdChartItem item = { 0 };

  item.type = type;
  memcpy (item.rgba, rgba, sizeof item.rgba);
  item.hit = hit;
  g_array_append_val (l->scene->items, item);
  return &g_array_index (l->scene->items, DdChartItem, l->scene->items->len - 1);
}

DdChartItem *
_dd_chart_add_rect (DdChartLayout *l,
                    double         x,
                    double         y,
                    double         w,
                    double         h,
                    const double   rgba[4],
                    int            hit)
{
  DdChartItem *item = add_item (l, ITEM_RECT, rgba, hit);

  item->x = x;
  item->y = y;
  item->w = w;
  item->h = h;
  return item;
}

DdChartItem *
_dd_chart_add_arc (DdChartLayout *l,
                   double         cx,
                   double         cy,
                   double         r0,
                   double         r1,
                   double         a0,
                   double         a1,
                   const double   rgba[4],
                   int            hit)
{
  DdChartItem *item = add_item (l, ITEM_ARC, rgba, hit);

  item->cx = cx;
  item->cy = cy;
  item->r0 = r0;
  item->r1 = r1;
  item->a0 = a0;
  item->a1 = a1;
  return item;
}

DdChartItem *
_dd_chart_add_line (DdChartLayout *l,
                    const double  *xy,
                    guint          n_points,
                    double         line_width,
                    gboolean       dashed,
                    const double   rgba[4])
{
  DdChartItem *item = add_item (l, ITEM_LINE, rgba, -1);

  item->points = g_array_sized_new (FALSE, FALSE, sizeof (double), n_points * 2);
  g_array_append_vals (item->points, xy, n_points * 2);
  item->line_width = line_width;
  item->dashed = dashed;
  return item;
}

DdChartItem *
_dd_chart_add_circle (DdChartLayout *l,
                      double         cx,
                      double         cy,
                      double         r,
                      const double   rgba[4],
                      int            hit)
{
  DdChartItem *item = add_item (l, ITEM_CIRCLE, rgba, hit);

  item->cx = cx;
  item->cy = cy;
  item->r1 = r;
  return item;
}

PangoLayout *
_dd_chart_make_text (DdChartLayout  *l,
                     const char     *text,
                     double          scale,
                     gboolean        bold,
                     double          max_width,
                     int             max_lines,
                     PangoAlignment  align,
                     double         *out_w,
                     double         *out_h)
{
  PangoLayout *layout = pango_layout_new (l->pango);
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();
  PangoRectangle logical;

  pango_font_description_set_family (font, l->chart->font_family != NULL ? l->chart->font_family : "Sans");
  pango_font_description_set_absolute_size (font, MAX (1.0, l->font_px * scale) * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_alignment (layout, align);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (MAX (1.0, max_width) * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, -MAX (1, max_lines));
    }
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  if (out_w != NULL)
    *out_w = max_width > 0 ? MIN (max_width, logical.x + logical.width) : logical.x + logical.width;
  if (out_h != NULL)
    *out_h = logical.height;
  return layout;
}

DdChartItem *
_dd_chart_place_text (DdChartLayout *l,
                      PangoLayout   *layout,
                      double         x,
                      double         y,
                      const double   rgba[4],
                      int            hit)
{
  DdChartItem *item = add_item (l, ITEM_TEXT, rgba, hit);
  PangoRectangle logical;

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  item->layout = layout;
  item->x = x;
  item->y = y;
  item->w = pango_layout_get_width (layout) > 0
    ? pango_layout_get_width (layout) / (double) PANGO_SCALE
    : logical.x + logical.width;
  item->h = logical.height;
  return item;
}

int
_dd_chart_add_hit (DdChartLayout    *l,
                   const DdChartHit *hit)
{
  g_array_append_vals (l->scene->hits, hit, 1);
  return (int) l->scene->hits->len - 1;
}

void
dd_chart_hit_clear (DdChartHit *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->label, g_free);
}
