/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-chart"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-chart-private.h"

/*
 * DdChart: the data and style of one chart, its layout into a scene (the
 * title here, the rest by the file of its kind, with the parts of
 * dd-chart-layout.c and the building of dd-chart-scene.c), and what is done
 * with a scene: painting it on a cairo_t, hit-testing it (saving it to PNG,
 * SVG or PDF: dd-chart-save.c).
 */

G_DEFINE_FINAL_TYPE (DdChart, dd_chart, G_TYPE_OBJECT)

G_DEFINE_QUARK (dd-chart-error-quark, dd_chart_error)

static const char * const kind_names[] = { "status", "units", "progress", "indicators" };

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == DD_N_CHART_KINDS);

const char *
dd_chart_kind_to_string (DdChartKind kind)
{
  g_return_val_if_fail ((guint) kind < DD_N_CHART_KINDS, "status");
  return kind_names[kind];
}

gboolean
dd_chart_kind_from_string (const char  *str,
                           DdChartKind *out_kind)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (str, kind_names[i]))
      {
        if (out_kind != NULL)
          *out_kind = (DdChartKind) i;
        return TRUE;
      }
  return FALSE;
}

static void
paint_scene (DdChartScene *scene,
             cairo_t      *cr)
{
  for (guint i = 0; i < scene->items->len; i++)
    {
      const DdChartItem *item = &g_array_index (scene->items, DdChartItem, i);

      cairo_set_source_rgba (cr, item->rgba[0], item->rgba[1], item->rgba[2], item->rgba[3]);
      switch (item->type)
        {
        case ITEM_RECT:
          cairo_rectangle (cr, item->x, item->y, item->w, item->h);
          cairo_fill (cr);
          break;

        case ITEM_ARC:
          cairo_new_path (cr);
          cairo_arc (cr, item->cx, item->cy, item->r1, item->a0, item->a1);
          cairo_arc_negative (cr, item->cx, item->cy, item->r0, item->a1, item->a0);
          cairo_close_path (cr);
          cairo_fill (cr);
          break;

        case ITEM_CIRCLE:
          cairo_new_path (cr);
          cairo_arc (cr, item->cx, item->cy, item->r1, 0, 2 * G_PI);
          cairo_fill (cr);
          break;

        case ITEM_LINE:
          {
            const double *xy = (const double *) item->points->data;
            static const double dash[] = { 6.0, 4.0 };

            cairo_new_path (cr);
            for (guint p = 0; p < item->points->len / 2; p++)
              cairo_line_to (cr, xy[2 * p], xy[2 * p + 1]);
            cairo_set_line_width (cr, item->line_width);
            cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
            cairo_set_dash (cr, dash, item->dashed ? 2 : 0, 0);
            cairo_stroke (cr);
            cairo_set_dash (cr, NULL, 0, 0);
          }
          break;

        case ITEM_TEXT:
          cairo_move_to (cr, item->x, item->y);
          pango_cairo_update_layout (cr, item->layout);
          pango_cairo_show_layout (cr, item->layout);
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

/* Whether (@x, @y) lies on @item. */
static gboolean
item_contains (const DdChartItem *item,
               double             x,
               double             y)
{
  switch (item->type)
    {
    case ITEM_RECT:
    case ITEM_TEXT:
      return x >= item->x && x < item->x + item->w && y >= item->y && y < item->y + item->h;

    case ITEM_CIRCLE:
      return hypot (x - item->cx, y - item->cy) <= item->r1 + 3.0;

    case ITEM_ARC:
      {
        double r = hypot (x - item->cx, y - item->cy);
        double a = atan2 (y - item->cy, x - item->cx);

        if (r < item->r0 || r > item->r1)
          return FALSE;
        /* Bring the angle into [a0, a0 + 2π). */
        while (a < item->a0)
          a += 2 * G_PI;
        while (a >= item->a0 + 2 * G_PI)
          a -= 2 * G_PI;
        return a <= item->a1;
      }

    case ITEM_LINE:
    default:
      return FALSE;
    }
}

/* Layout */

/* Draws "No data" centred in the rectangle. */
static void
layout_empty (DdChartLayout *l,
              double         x0,
              double         y0,
              double         x1,
              double         y1)
{
  double w, h;
  PangoLayout *layout = _dd_chart_make_text (l, _("No data"), 1.2, FALSE, MAX (1.0, x1 - x0), 2,
                                             PANGO_ALIGN_CENTER, &w, &h);
  double fg[4];

  _dd_chart_with_alpha (l->chart->foreground, 0.7, fg);
  _dd_chart_place_text (l, layout, x0, y0 + MAX (0.0, (y1 - y0 - h) / 2), fg, -1);
}

DdChartScene *
_dd_chart_layout (DdChart      *chart,
                  PangoContext *pango,
                  double        width,
                  double        height)
{
  DdChartLayout l = { chart, _dd_chart_scene_new (width, height), pango, 0 };
  double pad = CLAMP (MIN (width, height) * 0.03, 1.0, 16.0);
  double x0 = pad, y0 = pad, x1 = width - pad, y1 = height - pad;

  l.font_px = chart->font_size > 0 ? chart->font_size : CLAMP (MIN (width, height) / 30.0, 6.0, 14.0);

  if (x1 - x0 < 2 || y1 - y0 < 2)
    return l.scene;

  if (chart->title != NULL && *chart->title != '\0' && y1 - y0 > l.font_px * 6)
    {
      double th;
      PangoLayout *layout = _dd_chart_make_text (&l, chart->title, 1.25, TRUE, x1 - x0, 1,
                                                 PANGO_ALIGN_LEFT, NULL, &th);

      _dd_chart_place_text (&l, layout, x0, y0, chart->foreground, -1);
      y0 += th + pad;
    }

  if (!dd_chart_has_data (chart))
    {
      layout_empty (&l, x0, y0, x1, y1);
      return l.scene;
    }

  switch (chart->kind)
    {
    case DD_CHART_STATUS:
      _dd_chart_layout_status (&l, x0, y0, x1, y1);
      break;
    case DD_CHART_UNITS:
      _dd_chart_layout_units (&l, x0, y0, x1, y1);
      break;
    case DD_CHART_PROGRESS:
      _dd_chart_layout_progress (&l, x0, y0, x1, y1);
      break;
    case DD_CHART_INDICATORS:
      _dd_chart_layout_indicators (&l, x0, y0, x1, y1);
      break;
    default:
      g_assert_not_reached ();
    }
  return l.scene;
}

/* GObject overrides */

static void
dd_chart_finalize (GObject *object)
{
  DdChart *self = DD_CHART (object);

  g_free (self->title);
  g_free (self->font_family);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_pointer (&self->indicators, g_ptr_array_unref);
  dd_stats_progress_clear (&self->progress);
  g_clear_pointer (&self->scene, _dd_chart_scene_free);

  G_OBJECT_CLASS (dd_chart_parent_class)->finalize (object);
}

static void
dd_chart_class_init (DdChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_chart_finalize;
}

static void
dd_chart_init (DdChart *self)
{
  static const double black[4] = { 0.12, 0.12, 0.12, 1.0 };

  memcpy (self->foreground, black, sizeof self->foreground);
  g_date_clear (&self->as_of, 1);
  g_date_clear (&self->progress.as_of, 1);
}

/* Public API */

DdChart *
dd_chart_new (DdChartKind kind)
{
  DdChart *self;

  g_return_val_if_fail ((guint) kind < DD_N_CHART_KINDS, NULL);

  self = g_object_new (DD_TYPE_CHART, NULL);
  self->kind = kind;
  return self;
}

DdChartKind
dd_chart_get_kind (DdChart *self)
{
  g_return_val_if_fail (DD_IS_CHART (self), DD_CHART_STATUS);
  return self->kind;
}

static gpointer
copy_unit (gconstpointer src,
           gpointer      user_data)
{
  return dd_stats_unit_copy (src);
}

static gpointer
copy_indicator (gconstpointer src,
                gpointer      user_data)
{
  return dd_stats_indicator_copy (src);
}

static void
invalidate (DdChart *self)
{
  g_clear_pointer (&self->scene, _dd_chart_scene_free);
}

void
dd_chart_set_title (DdChart    *self,
                    const char *title)
{
  g_return_if_fail (DD_IS_CHART (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  invalidate (self);
}

const char *
dd_chart_get_title (DdChart *self)
{
  g_return_val_if_fail (DD_IS_CHART (self), NULL);
  return self->title;
}

char *
dd_chart_dup_default_title (DdChart *self)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (DD_IS_CHART (self), NULL);

  date = dd_format_date (&self->as_of);
  switch (self->kind)
    {
    case DD_CHART_UNITS:
      /* Translators: a chart's title; %s is the reference date. */
      return date != NULL ? g_strdup_printf (_("Task status by lead unit as of %s"), date)
                          : g_strdup (_("Task status by lead unit"));
    case DD_CHART_PROGRESS:
      return date != NULL ? g_strdup_printf (_("Completion over time as of %s"), date)
                          : g_strdup (_("Completion over time"));
    case DD_CHART_INDICATORS:
      return g_strdup (_("Indicators against target"));
    case DD_CHART_STATUS:
    default:
      return date != NULL ? g_strdup_printf (_("Task status as of %s"), date)
                          : g_strdup (_("Task status"));
    }
}

void
dd_chart_set_colors (DdChart      *self,
                     const double  foreground[4],
                     const double  background[4])
{
  g_return_if_fail (DD_IS_CHART (self));

  if (foreground != NULL)
    memcpy (self->foreground, foreground, sizeof self->foreground);
  if (background != NULL)
    memcpy (self->background, background, sizeof self->background);
  invalidate (self);
}

void
dd_chart_set_font (DdChart    *self,
                   const char *family,
                   double      size)
{
  g_return_if_fail (DD_IS_CHART (self));
  g_return_if_fail (size >= 0);

  g_free (self->font_family);
  self->font_family = g_strdup (family);
  self->font_size = size;
  invalidate (self);
}

void
dd_chart_set_unit_sort (DdChart         *self,
                        DdChartUnitSort  sort)
{
  g_return_if_fail (DD_IS_CHART (self));

  if (self->unit_sort == sort)
    return;
  self->unit_sort = sort;
  invalidate (self);
}

DdChartUnitSort
dd_chart_get_unit_sort (DdChart *self)
{
  g_return_val_if_fail (DD_IS_CHART (self), DD_CHART_SORT_BY_NAME);
  return self->unit_sort;
}

void
dd_chart_set_headline (DdChart               *self,
                       const DdStatsHeadline *headline)
{
  g_return_if_fail (DD_IS_CHART (self));

  self->has_headline = headline != NULL;
  if (headline != NULL)
    self->headline = *headline;
  invalidate (self);
}

void
dd_chart_set_units (DdChart   *self,
                    GPtrArray *units)
{
  g_return_if_fail (DD_IS_CHART (self));

  g_clear_pointer (&self->units, g_ptr_array_unref);
  if (units != NULL)
    self->units = g_ptr_array_copy (units, copy_unit, NULL);
  if (self->units != NULL)
    g_ptr_array_set_free_func (self->units, (GDestroyNotify) dd_stats_unit_free);
  invalidate (self);
}

void
dd_chart_set_progress (DdChart               *self,
                       const DdStatsProgress *progress)
{
  g_return_if_fail (DD_IS_CHART (self));

  dd_stats_progress_clear (&self->progress);
  if (progress != NULL)
    {
      dd_stats_progress_copy (progress, &self->progress);
      if (dd_date_is_set (&progress->as_of))
        self->as_of = progress->as_of;
    }
  invalidate (self);
}

void
dd_chart_set_indicators (DdChart   *self,
                         GPtrArray *indicators)
{
  g_return_if_fail (DD_IS_CHART (self));

  g_clear_pointer (&self->indicators, g_ptr_array_unref);
  if (indicators != NULL)
    {
      self->indicators = g_ptr_array_copy (indicators, copy_indicator, NULL);
      g_ptr_array_set_free_func (self->indicators, (GDestroyNotify) dd_stats_indicator_free);
    }
  invalidate (self);
}

void
dd_chart_set_as_of (DdChart     *self,
                    const GDate *as_of)
{
  g_return_if_fail (DD_IS_CHART (self));

  if (dd_date_is_set (as_of))
    self->as_of = *as_of;
  else
    g_date_clear (&self->as_of, 1);
  invalidate (self);
}

void
dd_chart_set_dashboard (DdChart                *self,
                        const DdStatsDashboard *dashboard)
{
  g_return_if_fail (DD_IS_CHART (self));
  g_return_if_fail (dashboard != NULL);

  dd_chart_set_headline (self, &dashboard->headline);
  dd_chart_set_units (self, dashboard->units);
  dd_chart_set_progress (self, &dashboard->progress);
  dd_chart_set_indicators (self, dashboard->indicators);
}

gboolean
dd_chart_load (DdChart            *self,
               DdStore            *store,
               const DdStatsQuery *query,
               GError            **error)
{
  g_autoptr(DdStats) stats = NULL;

  g_return_val_if_fail (DD_IS_CHART (self), FALSE);
  g_return_val_if_fail (DD_IS_STORE (store), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  stats = dd_stats_new (store);
  dd_chart_set_as_of (self, &query->tasks.as_of);
  switch (self->kind)
    {
    case DD_CHART_STATUS:
      {
        DdStatsHeadline headline;

        if (!dd_stats_get_headline (stats, query, &headline, error))
          return FALSE;
        dd_chart_set_headline (self, &headline);
      }
      break;

    case DD_CHART_UNITS:
      {
        g_autoptr(GPtrArray) units = dd_stats_list_units (stats, query, error);

        if (units == NULL)
          return FALSE;
        dd_chart_set_units (self, units);
      }
      break;

    case DD_CHART_PROGRESS:
      {
        DdStatsProgress progress;

        if (!dd_stats_get_progress (stats, query, &progress, error))
          return FALSE;
        dd_chart_set_progress (self, &progress);
        dd_stats_progress_clear (&progress);
      }
      break;

    case DD_CHART_INDICATORS:
      {
        g_autoptr(GPtrArray) indicators = dd_stats_list_indicators (stats, query, error);

        if (indicators == NULL)
          return FALSE;
        dd_chart_set_indicators (self, indicators);
      }
      break;

    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

gboolean
dd_chart_has_data (DdChart *self)
{
  g_return_val_if_fail (DD_IS_CHART (self), FALSE);

  switch (self->kind)
    {
    case DD_CHART_STATUS:
      return self->has_headline && self->headline.tasks > 0;
    case DD_CHART_UNITS:
      for (guint i = 0; self->units != NULL && i < self->units->len; i++)
        if (((DdStatsUnit *) g_ptr_array_index (self->units, i))->total > 0)
          return TRUE;
      return FALSE;
    case DD_CHART_PROGRESS:
      return self->progress.points != NULL && self->progress.points->len > 0
             && self->progress.total_due > 0;
    case DD_CHART_INDICATORS:
      for (guint i = 0; self->indicators != NULL && i < self->indicators->len; i++)
        if (((DdStatsIndicator *) g_ptr_array_index (self->indicators, i))->has_data)
          return TRUE;
      return FALSE;
    default:
      return FALSE;
    }
}

void
dd_chart_render (DdChart *self,
                 cairo_t *cr,
                 double   width,
                 double   height)
{
  PangoContext *pango;

  g_return_if_fail (DD_IS_CHART (self));
  g_return_if_fail (cr != NULL);

  if (!(width >= 1.0 && height >= 1.0))
    return;

  pango = pango_cairo_create_context (cr);
  g_clear_pointer (&self->scene, _dd_chart_scene_free);
  self->scene = _dd_chart_layout (self, pango, width, height);
  g_object_unref (pango);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (self->background[3] > 0)
    {
      cairo_set_source_rgba (cr, self->background[0], self->background[1],
                             self->background[2], self->background[3]);
      cairo_paint (cr);
    }
  paint_scene (self->scene, cr);
  cairo_restore (cr);
}

gboolean
dd_chart_hit_test (DdChart    *self,
                   double      width,
                   double      height,
                   double      x,
                   double      y,
                   DdChartHit *out_hit)
{
  g_return_val_if_fail (DD_IS_CHART (self), FALSE);
  g_return_val_if_fail (out_hit != NULL, FALSE);

  memset (out_hit, 0, sizeof *out_hit);
  out_hit->status = -1;
  out_hit->index = -1;
  g_date_clear (&out_hit->date, 1);

  if (!(width >= 1.0 && height >= 1.0) || x < 0 || y < 0 || x >= width || y >= height)
    return FALSE;

  /* Lay the chart out again only when it was drawn at another size: the
   * texts are measured on a scratch surface with the same font options. */
  if (self->scene == NULL || self->scene->width != width || self->scene->height != height)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      cairo_t *cr = cairo_create (surface);
      PangoContext *pango = pango_cairo_create_context (cr);

      g_clear_pointer (&self->scene, _dd_chart_scene_free);
      self->scene = _dd_chart_layout (self, pango, width, height);
      g_object_unref (pango);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }

  /* The topmost item first. */
  for (guint i = self->scene->items->len; i > 0; i--)
    {
      const DdChartItem *item = &g_array_index (self->scene->items, DdChartItem, i - 1);
      const DdChartHit *hit;

      if (item->hit < 0 || !item_contains (item, x, y))
        continue;
      hit = &g_array_index (self->scene->hits, DdChartHit, item->hit);
      *out_hit = *hit;
      out_hit->label = g_strdup (hit->label);
      return TRUE;
    }
  return FALSE;
}
