/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-chart"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <cairo.h>

#include "dd-chart-private.h"
#include "dd-test-core.h"

/*
 * Charts drawn into image surfaces, and what can be measured of them: the
 * colours of the segments, bar lengths against counts, nothing outside the
 * chart, the empty state; the files written; the colour scheme itself.
 */

/* Colour scheme: simulation of colour-vision deficiencies and grey print */

static double
srgb_to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static void
linear_to_lab (const double rgb[3],
               double       lab[3])
{
  double x = 0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2];
  double y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
  double z = 0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2];
  double v[3] = { x / 0.95047, y, z / 1.08883 };

  for (int i = 0; i < 3; i++)
    v[i] = v[i] > 0.008856 ? cbrt (v[i]) : 7.787 * v[i] + 16.0 / 116.0;
  lab[0] = 116 * v[1] - 16;
  lab[1] = 500 * (v[0] - v[1]);
  lab[2] = 200 * (v[1] - v[2]);
}

/* Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB. */
static const double cvd[4][3][3] = {
  { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } },
  { { 0.152286, 1.052583, -0.204868 }, { 0.114503, 0.786281, 0.099216 }, { -0.003882, -0.048116, 1.051998 } },
  { { 0.367322, 0.860646, -0.227968 }, { 0.280085, 0.672501, 0.047413 }, { -0.011820, 0.042940, 0.968881 } },
  { { 1.255528, -0.076749, -0.178779 }, { -0.078411, 0.930809, 0.147602 }, { 0.004733, 0.691367, 0.303900 } },
};

static void
status_lab (int    status,
            int    vision,
            double lab[3])
{
  double rgba[4], lin[3], sim[3];

  dd_status_get_color ((DdTaskStatus) status, rgba);
  for (int i = 0; i < 3; i++)
    lin[i] = srgb_to_linear (rgba[i]);
  for (int i = 0; i < 3; i++)
    sim[i] = CLAMP (cvd[vision][i][0] * lin[0] + cvd[vision][i][1] * lin[1] + cvd[vision][i][2] * lin[2], 0, 1);
  linear_to_lab (sim, lab);
}

static void
test_colors_distinguishable (void)
{
  for (int a = 0; a < DD_N_STATUSES; a++)
    for (int b = a + 1; b < DD_N_STATUSES; b++)
      {
        double la[3], lb[3];

        /* Grey print: the lightness alone. */
        status_lab (a, 0, la);
        status_lab (b, 0, lb);
        g_test_message ("%s / %s: ΔL* %.1f", dd_task_status_to_string (a), dd_task_status_to_string (b),
                        fabs (la[0] - lb[0]));
        g_assert_cmpfloat (fabs (la[0] - lb[0]), >=, 8.0);

        /* Normal vision, protanopia, deuteranopia, tritanopia. */
        for (int v = 0; v < 4; v++)
          {
            status_lab (a, v, la);
            status_lab (b, v, lb);
            g_assert_cmpfloat (sqrt (pow (la[0] - lb[0], 2) + pow (la[1] - lb[1], 2) + pow (la[2] - lb[2], 2)),
                               >=, 15.0);
          }
      }
}

static void
test_colors_hex (void)
{
  for (int s = -1; s <= DD_N_STATUSES; s++)
    {
      double rgba[4];
      const char *hex = dd_status_get_color_hex ((DdTaskStatus) s);
      g_autofree char *expected = NULL;

      dd_status_get_color ((DdTaskStatus) s, rgba);
      expected = g_strdup_printf ("#%02X%02X%02X", (int) lround (rgba[0] * 255),
                                  (int) lround (rgba[1] * 255), (int) lround (rgba[2] * 255));
      g_assert_cmpstr (hex, ==, expected);
      g_assert_cmpfloat (rgba[3], ==, 1.0);
    }
}

/* Drawing helpers */

typedef struct
{
  cairo_surface_t *surface;
  int width;
  int height;
  int margin;
} Image;

/* Draws @chart at @w × @h into an image with a transparent @margin around it. */
static Image
draw (DdChart *chart,
      int      w,
      int      h,
      int      margin)
{
  Image image = { cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w + 2 * margin, h + 2 * margin), w, h, margin };
  cairo_t *cr = cairo_create (image.surface);

  cairo_translate (cr, margin, margin);
  dd_chart_render (chart, cr, w, h);
  cairo_destroy (cr);
  cairo_surface_flush (image.surface);
  return image;
}

static void
image_clear (Image *image)
{
  g_clear_pointer (&image->surface, cairo_surface_destroy);
}

/* The un-premultiplied colour at (x, y) of the chart (margin excluded). */
static guint32
pixel (const Image *image,
       int          x,
       int          y)
{
  const guint8 *data = cairo_image_surface_get_data (image->surface);
  int stride = cairo_image_surface_get_stride (image->surface);

  return *(const guint32 *) (data + (y + image->margin) * stride + 4 * (x + image->margin));
}

static gboolean
is_color (guint32       argb,
          const double  rgba[4])
{
  int a = argb >> 24, r = (argb >> 16) & 0xff, g = (argb >> 8) & 0xff, b = argb & 0xff;

  return a == 255
         && abs (r - (int) lround (rgba[0] * 255)) <= 2
         && abs (g - (int) lround (rgba[1] * 255)) <= 2
         && abs (b - (int) lround (rgba[2] * 255)) <= 2;
}

static int
status_at (const Image *image,
           int          x,
           int          y)
{
  guint32 p = pixel (image, x, y);

  for (int s = 0; s < DD_N_STATUSES; s++)
    {
      double c[4];

      dd_status_get_color ((DdTaskStatus) s, c);
      if (is_color (p, c))
        return s;
    }
  return -1;
}

static void
assert_nothing_outside (const Image *image)
{
  const guint8 *data = cairo_image_surface_get_data (image->surface);
  int stride = cairo_image_surface_get_stride (image->surface);
  int W = image->width + 2 * image->margin, H = image->height + 2 * image->margin;

  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      {
        gboolean inside = x >= image->margin && x < image->margin + image->width
                          && y >= image->margin && y < image->margin + image->height;

        if (!inside)
          g_assert_cmpuint (*(const guint32 *) (data + y * stride + 4 * x), ==, 0);
      }
}

static guint
count_drawn (const Image *image)
{
  guint n = 0;

  for (int y = 0; y < image->height; y++)
    for (int x = 0; x < image->width; x++)
      n += pixel (image, x, y) != 0;
  return n;
}

/* Fixtures: charts with known figures */

static DdChart *
status_chart (const guint counts[DD_N_STATUSES])
{
  DdChart *chart = dd_chart_new (DD_CHART_STATUS);
  DdStatsHeadline h = { 0 };

  memcpy (h.counts, counts, sizeof h.counts);
  dd_stats_headline_update (&h);
  dd_chart_set_headline (chart, &h);
  return chart;
}

static DdStatsUnit *
make_unit (gint64      id,
           const char *name)
{
  DdStatsUnit *u = g_new0 (DdStatsUnit, 1);

  u->unit_id = id;
  u->name = g_strdup (name);
  return u;
}

/* Unit 1 "Ban Tiếp công dân…" 4 done on time, 2 done late, 6 overdue;
 * unit 2, with a very long name, 3 in progress. */
static DdChart *
units_chart (void)
{
  DdChart *chart = dd_chart_new (DD_CHART_UNITS);
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_stats_unit_free);
  DdStatsUnit *u;

  u = make_unit (1, "Ban Tiếp công dân tỉnh");
  u->counts[DD_STATUS_DONE_ON_TIME] = 4;
  u->counts[DD_STATUS_DONE_LATE] = 2;
  u->counts[DD_STATUS_OVERDUE] = 6;
  u->total = 12;
  g_ptr_array_add (units, u);
  u = make_unit (2, "Trung tâm Phục vụ hành chính công tỉnh và các đơn vị sự nghiệp trực thuộc Văn phòng");
  u->counts[DD_STATUS_IN_PROGRESS] = 3;
  u->total = 3;
  g_ptr_array_add (units, u);
  dd_chart_set_units (chart, units);
  return chart;
}

static DdChart *
progress_chart (void)
{
  DdChart *chart = dd_chart_new (DD_CHART_PROGRESS);
  DdStatsProgress p = { 0 };
  GDate day;

  p.interval = DD_STATS_BY_WEEK;
  g_assert_true (dd_date_parse_iso ("2026-06-17", &p.as_of));
  p.points = g_array_new (FALSE, FALSE, sizeof (DdStatsPoint));
  p.total_due = 20;
  g_assert_true (dd_date_parse_iso ("2026-06-01", &day));
  for (guint i = 0; i < 6; i++)
    {
      DdStatsPoint point = { 0 };

      point.start = day;
      g_date_add_days (&day, 7);
      point.end = day;
      g_date_subtract_days (&point.end, 1);
      point.due = 3 * (i + 1) + 2;
      point.completed = 2 * (i + 1);
      point.future = g_date_compare (&point.start, &p.as_of) > 0;
      g_array_append_val (p.points, point);
    }
  dd_chart_set_progress (chart, &p);
  dd_stats_progress_clear (&p);
  return chart;
}

static DdChart *
indicators_chart (double achieved)
{
  DdChart *chart = dd_chart_new (DD_CHART_INDICATORS);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_stats_indicator_free);
  DdStatsIndicator *i = g_new0 (DdStatsIndicator, 1);
  DdStatsIndicator *none = g_new0 (DdStatsIndicator, 1);

  i->indicator_id = 1;
  i->title = g_strdup ("100% văn bản trao đổi công việc được xử lý trên môi trường điện tử");
  i->target = 100;
  i->has_data = TRUE;
  i->numerator = achieved;
  i->denominator = 100;
  i->achieved = achieved;
  g_ptr_array_add (list, i);
  none->indicator_id = 2;
  none->title = g_strdup ("100% hồ sơ giải quyết đúng hạn");
  none->target = 100;
  g_ptr_array_add (list, none);
  dd_chart_set_indicators (chart, list);
  return chart;
}

static DdChart *
any_chart (DdChartKind kind)
{
  static const guint counts[DD_N_STATUSES] = { 5, 2, 9, 3, 4, 1 };

  switch (kind)
    {
    case DD_CHART_STATUS:
      return status_chart (counts);
    case DD_CHART_UNITS:
      return units_chart ();
    case DD_CHART_PROGRESS:
      return progress_chart ();
    case DD_CHART_INDICATORS:
    default:
      return indicators_chart (92);
    }
}

static const int sizes[][2] = {
  { 1200, 800 }, { 640, 480 }, { 300, 200 }, { 120, 90 }, { 40, 30 }, { 3000, 160 }, { 140, 1200 }, { 1, 1 },
};

/* Tests */

static void
test_nothing_outside (void)
{
  for (int k = 0; k < DD_N_CHART_KINDS; k++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        g_autoptr(DdChart) chart = any_chart ((DdChartKind) k);
        Image image;

        dd_chart_set_title (chart, "Tình hình thực hiện nhiệm vụ — một tiêu đề khá dài để thử");
        image = draw (chart, sizes[s][0], sizes[s][1], 25);
        assert_nothing_outside (&image);
        if (sizes[s][0] >= 120)
          g_assert_cmpuint (count_drawn (&image), >, 0);
        image_clear (&image);
      }
}

/* The donut: each segment's area in its status colour is proportional to
 * its count, hit-testing a pixel of that colour names that status, and the
 * percentages of the hits are equal for equal counts and add up to 100 but
 * for what equal counts cannot share. */
static void
test_status_segments (void)
{
  static const guint counts[DD_N_STATUSES] = { 1, 1, 1, 0, 3, 0 };
  guint n_px[DD_N_STATUSES] = { 0 };
  double pct[DD_N_STATUSES] = { 0 };
  g_autoptr(DdChart) chart = status_chart (counts);
  Image image = draw (chart, 600, 400, 0);
  double sum = 0;
  guint total_px = 0;

  for (int y = 0; y < image.height; y++)
    for (int x = 0; x < image.width; x++)
      {
        int s = status_at (&image, x, y);
        DdChartHit hit;

        if (s < 0)
          continue;
        n_px[s]++;
        if ((x + y) % 13 == 0)
          {
            g_assert_true (dd_chart_hit_test (chart, 600, 400, x + 0.5, y + 0.5, &hit));
            g_assert_cmpint (hit.status, ==, s);
            g_assert_cmpuint (hit.count, ==, counts[s]);
            g_assert_cmpuint (hit.total, ==, 6);
            g_assert_nonnull (hit.label);
            pct[s] = hit.value;
            dd_chart_hit_clear (&hit);
          }
      }
  for (int s = 0; s < DD_N_STATUSES; s++)
    {
      total_px += n_px[s];
      sum += pct[s];
      if (counts[s] == 0)
        g_assert_cmpuint (n_px[s], ==, 0);
    }
  for (int s = 0; s < DD_N_STATUSES; s++)
    if (counts[s] > 0)
      g_assert_cmpfloat_with_epsilon ((double) n_px[s] / total_px, counts[s] / 6.0, 0.02);
  /* 16.6 three times and 50.0: equal counts read the same (the workbook's
   * rule), never 16.7 beside 16.6; the 0.2 left cannot be split equally. */
  g_assert_cmpfloat_with_epsilon (pct[0], 16.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (pct[1], pct[0], 1e-9);
  g_assert_cmpfloat_with_epsilon (pct[2], pct[0], 1e-9);
  g_assert_cmpfloat_with_epsilon (pct[4], 50.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (sum, 99.8, 1e-9);
  image_clear (&image);
}

/* A run of one status colour along row @y from @x. */
static int
run_end (const Image *image,
         int          x,
         int          y,
         int          status)
{
  while (x < image->width && status_at (image, x, y) == status)
    x++;
  return x;
}

/* The stacked bars: each segment's length is its count times the same
 * scale, to within a pixel, at several sizes. */
static void
test_units_bar_lengths (void)
{
  static const int unit_sizes[][2] = { { 800, 500 }, { 2400, 220 }, { 420, 260 }, { 200, 150 } };

  for (guint k = 0; k < G_N_ELEMENTS (unit_sizes); k++)
    {
      g_autoptr(DdChart) chart = units_chart ();
      Image image = draw (chart, unit_sizes[k][0], unit_sizes[k][1], 0);
      gboolean found_a = FALSE, found_b = FALSE;
      double scale = 0, b_len = 0;
      int a_y = -1;

      for (int y = 0; y < image.height && !(found_a && found_b); y++)
        for (int x = 0; x < image.width; x++)
          {
            int s = status_at (&image, x, y);

            /* Unit A: on time, late, overdue, in one contiguous bar. */
            if (!found_a && s == DD_STATUS_DONE_ON_TIME)
              {
                /* A run of pure colour misses at most one partly covered
                 * pixel at each end: its length + 1 is the segment's to
                 * within a pixel. */
                int e1 = run_end (&image, x, y, DD_STATUS_DONE_ON_TIME);
                int s2 = status_at (&image, e1, y) == DD_STATUS_DONE_LATE ? e1 : e1 + 1;
                int e2 = run_end (&image, s2, y, DD_STATUS_DONE_LATE);
                int s3 = status_at (&image, e2, y) == DD_STATUS_OVERDUE ? e2 : e2 + 1;
                int e3 = run_end (&image, s3, y, DD_STATUS_OVERDUE);
                double l1 = e1 - x + 1, l2 = e2 - s2 + 1, l3 = e3 - s3 + 1;

                if (e1 - x < 2 || e2 - s2 < 2 || e3 - s3 < 2)
                  continue;
                scale = (e3 - x + 1) / 12.0;
                g_test_message ("%dx%d: scale %.2f px/task, lengths %.0f %.0f %.0f",
                                image.width, image.height, scale, l1, l2, l3);
                g_assert_cmpfloat (fabs (l1 - 4 * scale), <=, 1.0);
                g_assert_cmpfloat (fabs (l2 - 2 * scale), <=, 1.0);
                g_assert_cmpfloat (fabs (l3 - 6 * scale), <=, 1.0);
                found_a = TRUE;
                a_y = y;

                /* Hit-testing the middle of the overdue segment. */
                {
                  DdChartHit hit;

                  g_assert_true (dd_chart_hit_test (chart, image.width, image.height, (e2 + e3) / 2.0, y + 0.5, &hit));
                  g_assert_cmpint (hit.status, ==, DD_STATUS_OVERDUE);
                  g_assert_true (hit.has_unit);
                  g_assert_cmpint (hit.unit_id, ==, 1);
                  g_assert_cmpuint (hit.count, ==, 6);
                  g_assert_cmpuint (hit.total, ==, 12);
                  dd_chart_hit_clear (&hit);
                }
                break;
              }
            if (found_a && !found_b && s == DD_STATUS_IN_PROGRESS && y > a_y)
              {
                int e = run_end (&image, x, y, DD_STATUS_IN_PROGRESS);

                if (e - x < 2)
                  continue;
                b_len = e - x + 1;
                found_b = TRUE;
                break;
              }
          }
      g_assert_true (found_a);
      g_assert_true (found_b);
      g_assert_cmpfloat (fabs (b_len - 3 * scale), <=, 1.0);
      image_clear (&image);
    }
}

static void
test_units_many (void)
{
  g_autoptr(DdChart) chart = dd_chart_new (DD_CHART_UNITS);
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_stats_unit_free);
  Image image;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("Phòng số %u của Văn phòng Ủy ban nhân dân tỉnh", i);
      DdStatsUnit *u = make_unit (i + 1, name);

      u->counts[i % DD_N_STATUSES] = i % 7 + 1;
      u->total = i % 7 + 1;
      g_ptr_array_add (units, u);
    }
  dd_chart_set_units (chart, units);
  dd_chart_set_unit_sort (chart, DD_CHART_SORT_BY_LATENESS);
  image = draw (chart, 1200, 800, 10);
  assert_nothing_outside (&image);
  g_assert_cmpuint (count_drawn (&image), >, 1000);
  image_clear (&image);
}

/* The empty state: text, no segment of any status colour, no hit. */
static void
test_empty (void)
{
  for (int k = 0; k < DD_N_CHART_KINDS; k++)
    for (guint s = 0; s < 4; s++)
      {
        g_autoptr(DdChart) chart = dd_chart_new ((DdChartKind) k);
        Image image = draw (chart, sizes[s][0], sizes[s][1], 5);
        DdChartHit hit;

        g_assert_false (dd_chart_has_data (chart));
        g_assert_cmpuint (count_drawn (&image), >, 0);
        for (int y = 0; y < image.height; y++)
          for (int x = 0; x < image.width; x++)
            g_assert_cmpint (status_at (&image, x, y), ==, -1);
        g_assert_false (dd_chart_hit_test (chart, sizes[s][0], sizes[s][1], sizes[s][0] / 2.0, sizes[s][1] / 2.0, &hit));
        assert_nothing_outside (&image);
        image_clear (&image);
      }

  /* Zero counts are no data either. */
  {
    static const guint zero[DD_N_STATUSES] = { 0 };
    g_autoptr(DdChart) chart = status_chart (zero);

    g_assert_false (dd_chart_has_data (chart));
  }
}

static void
test_progress_hits (void)
{
  g_autoptr(DdChart) chart = progress_chart ();
  Image image = draw (chart, 900, 500, 0);
  double done[4];
  guint n_done = 0, hits = 0;
  int last = -1;

  /* The completed line is drawn up to the reference date only. */
  dd_status_get_color (DD_STATUS_DONE_ON_TIME, done);
  for (int y = 0; y < image.height; y++)
    for (int x = 0; x < image.width; x++)
      if (is_color (pixel (&image, x, y), done))
        n_done++;
  g_assert_cmpuint (n_done, >, 50);

  for (int x = 0; x < image.width; x += 3)
    {
      DdChartHit hit;

      if (!dd_chart_hit_test (chart, 900, 500, x, 250, &hit))
        continue;
      g_assert_cmpint (hit.kind, ==, DD_CHART_PROGRESS);
      g_assert_cmpint (hit.index, >=, last);
      last = hit.index;
      g_assert_cmpfloat (hit.reference, ==, 3 * (hit.index + 1) + 2);
      if (hit.index <= 2)
        g_assert_cmpfloat (hit.value, ==, 2 * (hit.index + 1));
      else
        g_assert_cmpfloat (hit.value, ==, 0);   /* after the reference date */
      hits++;
      dd_chart_hit_clear (&hit);
    }
  g_assert_cmpint (last, ==, 5);
  g_assert_cmpuint (hits, >, 100);
  image_clear (&image);
}

static void
test_indicator_levels (void)
{
  const struct { double achieved; DdIndicatorLevel level; } cases[] = {
    { 100, DD_INDICATOR_GREEN }, { 93, DD_INDICATOR_AMBER }, { 60, DD_INDICATOR_RED },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(DdChart) chart = indicators_chart (cases[k].achieved);
      Image image = draw (chart, 700, 300, 0);
      guint n[3] = { 0 };

      for (int y = 0; y < image.height; y++)
        for (int x = 0; x < image.width; x++)
          for (int level = 0; level < 3; level++)
            {
              double c[4];

              dd_indicator_level_get_color ((DdIndicatorLevel) level, c);
              n[level] += is_color (pixel (&image, x, y), c);
            }
      for (int level = 0; level < 3; level++)
        if (level == (int) cases[k].level)
          g_assert_cmpuint (n[level], >, 100);
        else
          g_assert_cmpuint (n[level], ==, 0);
      image_clear (&image);
    }
}

/* Files */

typedef struct
{
  gboolean svg_root;
} SvgState;

static void
svg_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              user_data,
           GError              **error)
{
  SvgState *state = user_data;

  if (g_markup_parse_context_get_element_stack (context)->next == NULL)
    state->svg_root = g_str_equal (element, "svg");
}

static void
test_save (void)
{
  g_autofree char *dir = dd_test_make_tmp_dir ("dondoc-chart-XXXXXX");
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "chart.SVG", NULL);
  g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdChart) chart = units_chart ();
  cairo_surface_t *surface;

  dd_chart_set_title (chart, "Tình hình thực hiện theo đơn vị chủ trì");

  /* PNG: loads back, at the size asked. */
  g_assert_true (dd_chart_save (chart, png, 640, 400, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 400);
  cairo_surface_destroy (surface);

  /* SVG: well-formed XML whose root is <svg>. */
  g_assert_true (dd_chart_save (chart, svg, 640, 400, &error));
  g_assert_no_error (error);
  {
    g_autofree char *text = NULL;
    gsize len;
    GMarkupParser parser = { svg_start, NULL, NULL, NULL, NULL };
    SvgState state = { FALSE };
    GMarkupParseContext *context;

    g_assert_true (g_file_get_contents (svg, &text, &len, &error));
    context = g_markup_parse_context_new (&parser, 0, &state, NULL);
    g_assert_true (g_markup_parse_context_parse (context, text, len, &error));
    g_assert_no_error (error);
    g_assert_true (g_markup_parse_context_end_parse (context, &error));
    g_assert_no_error (error);
    g_markup_parse_context_free (context);
    g_assert_true (state.svg_root);
  }

  /* PDF: a PDF, which pdftoppm (poppler-utils) renders when installed. */
  g_assert_true (dd_chart_save (chart, pdf, 640, 400, &error));
  g_assert_no_error (error);
  {
    g_autofree char *text = NULL;
    gsize len;
    g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");

    g_assert_true (g_file_get_contents (pdf, &text, &len, &error));
    g_assert_cmpuint (len, >, 100);
    g_assert_cmpmem (text, 5, "%PDF-", 5);
    if (pdftoppm != NULL)
      {
        g_autofree char *prefix = g_build_filename (dir, "page", NULL);
        g_autofree char *page = g_build_filename (dir, "page.png", NULL);
        const char *argv[] = { pdftoppm, "-png", "-singlefile", "-r", "36", pdf, prefix, NULL };
        int status = -1;

        g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                     NULL, NULL, &status, &error));
        g_assert_no_error (error);
        g_assert_true (g_spawn_check_wait_status (status, &error));
        g_assert_no_error (error);
        surface = cairo_image_surface_create_from_png (page);
        g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
        g_assert_cmpint (cairo_image_surface_get_width (surface), >, 100);
        cairo_surface_destroy (surface);
        g_unlink (page);
      }
    else
      g_test_message ("pdftoppm not installed (package poppler-utils): PDF checked by its header only");
  }

  /* No temporary file is left beside them. */
  g_assert_cmpuint (dd_test_count_files (dir), ==, 3);
  g_unlink (png);
  g_unlink (svg);
  g_unlink (pdf);
  g_rmdir (dir);
}

static void
test_save_errors (void)
{
  g_autofree char *dir = dd_test_make_tmp_dir ("dondoc-chart-XXXXXX");
  g_autofree char *jpg = g_build_filename (dir, "chart.jpg", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "chart.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdChart) chart = any_chart (DD_CHART_STATUS);

  g_assert_false (dd_chart_save (chart, jpg, 100, 100, &error));
  g_assert_error (error, DD_CHART_ERROR, DD_CHART_ERROR_FORMAT);
  g_clear_error (&error);

  g_assert_false (dd_chart_save (chart, missing, 100, 100, &error));
  g_assert_error (error, DD_CHART_ERROR, DD_CHART_ERROR_WRITE);

  g_assert_cmpuint (dd_test_count_files (dir), ==, 0);
  g_rmdir (dir);
}

static void
test_kind_names (void)
{
  for (int k = 0; k < DD_N_CHART_KINDS; k++)
    {
      DdChartKind back;

      g_assert_true (dd_chart_kind_from_string (dd_chart_kind_to_string ((DdChartKind) k), &back));
      g_assert_cmpint (back, ==, k);
    }
  g_assert_false (dd_chart_kind_from_string ("pie", NULL));
  g_assert_false (dd_chart_kind_from_string (NULL, NULL));
}

/* Each chart's figures in words, for a screen reader. */
static void
test_description (void)
{
  static const guint counts[DD_N_STATUSES] = { 5, 2, 9, 3, 4, 1 };
  g_autoptr(DdChart) status = status_chart (counts);
  g_autoptr(DdChart) units = units_chart ();
  g_autoptr(DdChart) progress = progress_chart ();
  g_autoptr(DdChart) indicators = indicators_chart (93);
  g_autoptr(DdChart) empty = dd_chart_new (DD_CHART_UNITS);
  g_autofree char *status_text = dd_chart_dup_description (status);
  g_autofree char *units_text = dd_chart_dup_description (units);
  g_autofree char *progress_text = dd_chart_dup_description (progress);
  g_autofree char *indicators_text = dd_chart_dup_description (indicators);
  g_autofree char *empty_text = dd_chart_dup_description (empty);
  g_autofree char *overdue = g_strdup_printf ("%s: 4", dd_task_status_get_label (DD_STATUS_OVERDUE));
  g_autofree char *unit_overdue = g_strdup_printf ("%s: 6", dd_task_status_get_label (DD_STATUS_OVERDUE));

  g_assert_true (g_str_has_prefix (status_text, "24 tasks. "));
  g_assert_nonnull (strstr (status_text, overdue));
  g_assert_nonnull (strstr (units_text, "Ban Tiếp công dân tỉnh, 12 tasks: "));
  g_assert_nonnull (strstr (units_text, unit_overdue));
  g_assert_nonnull (strstr (units_text, ", 3 tasks: "));
  /* The last week begun by 17/06: 15–21/06, 11 due and 6 done. */
  g_assert_nonnull (strstr (progress_text, "By 21/06/2026, 11 tasks due and 6 completed, of 20 tasks"));
  g_assert_nonnull (strstr (indicators_text, "of a target of 100%"));
  g_assert_nonnull (strstr (indicators_text, "93"));
  g_assert_nonnull (strstr (indicators_text, "100% hồ sơ giải quyết đúng hạn: no figures, target 100%"));
  g_assert_cmpstr (empty_text, ==, "No data");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/chart/colors-distinguishable", test_colors_distinguishable);
  g_test_add_func ("/core/chart/colors-hex", test_colors_hex);
  g_test_add_func ("/core/chart/kind-names", test_kind_names);
  g_test_add_func ("/core/chart/nothing-outside", test_nothing_outside);
  g_test_add_func ("/core/chart/status-segments", test_status_segments);
  g_test_add_func ("/core/chart/units-bar-lengths", test_units_bar_lengths);
  g_test_add_func ("/core/chart/units-many", test_units_many);
  g_test_add_func ("/core/chart/empty", test_empty);
  g_test_add_func ("/core/chart/progress-hits", test_progress_hits);
  g_test_add_func ("/core/chart/indicator-levels", test_indicator_levels);
  g_test_add_func ("/core/chart/save", test_save);
  g_test_add_func ("/core/chart/description", test_description);
  g_test_add_func ("/core/chart/save-errors", test_save_errors);

  return g_test_run ();
}
