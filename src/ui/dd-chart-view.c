/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-chart-view"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "dd-chart-view.h"

/*
 * DdChartView: a DdChart in a widget. The drawing is the core's: the
 * snapshot hands dd_chart_render() a cairo_t from
 * gtk_snapshot_append_cairo() at the widget's size, so a resize simply lays
 * the chart out again. Hovering shows the figures under the pointer
 * (dd_chart_hit_test()) in a tooltip; a click emits "segment-activated";
 * the context menu (right click, Menu or Shift+F10) saves the chart as
 * PNG, SVG or PDF, or copies it to the clipboard as an image.
 */

struct _DdChartView
{
  GtkWidget parent_instance;

  DdChart *chart;
  double font_px;                 /* the text size set on the chart, 0: the core's */
  int min_height;
  gboolean loading;               /* figures on their way: nothing to show */
  double foreground[4];

  GSimpleActionGroup *actions;
  GMenuModel *menu_model;
  GtkWidget *context_menu;
  GtkNativeDialog *chooser;
};

enum {
  PROP_0,
  PROP_CHART,
  N_PROPS
};

enum {
  SEGMENT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdChartView, dd_chart_view, GTK_TYPE_WIDGET)

/* Charts saved or copied are meant for a slide or a printed handout. */
#define EXPORT_PNG_WIDTH 1200.0
#define EXPORT_VECTOR_WIDTH 720.0
#define DEFAULT_ASPECT 0.6

/* The chart's body text on screen, in pixels: the core's rule follows the
 * chart's size (its shorter side ÷ 30, 6–14 px), which gave legends and
 * axes of about 7 px on a small card. On screen it never goes under
 * 11 px (the interface's small text, 8 pt at 96 dpi); titles are 1.25 times
 * that. Saved and printed charts keep the core's rule, at their size. */
#define SCREEN_FONT_MIN_PX 11.0
#define SCREEN_FONT_MAX_PX 14.0

static const double export_foreground[4] = { 0.1, 0.1, 0.1, 1.0 };
static const double export_background[4] = { 1.0, 1.0, 1.0, 1.0 };
static const double no_background[4] = { 0.0, 0.0, 0.0, 0.0 };

/* Auxiliary methods */

/* The text size for the chart drawn at @width × @height on screen. */
static void
fit_font (DdChartView *self,
          int          width,
          int          height)
{
  double px = CLAMP (MIN (width, height) / 30.0, SCREEN_FONT_MIN_PX, SCREEN_FONT_MAX_PX);

  if (self->chart == NULL || px == self->font_px)
    return;
  self->font_px = px;
  dd_chart_set_font (self->chart, NULL, px);
}

/* The core's own rule, for a chart saved at another size. */
static void
unfit_font (DdChartView *self)
{
  if (self->chart == NULL || self->font_px == 0)
    return;
  self->font_px = 0;
  dd_chart_set_font (self->chart, NULL, 0);
}

/* A hit the dashboard can open tasks for: a status or a unit. */
static gboolean
hit_is_activatable (const DdChartHit *hit)
{
  return hit->status >= 0 || hit->has_unit;
}

static void
get_export_size (DdChartView *self,
                 double       width,
                 double      *out_width,
                 double      *out_height)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));
  double aspect = (w > 0 && h > 0) ? (double) h / w : DEFAULT_ASPECT;

  /* The widget's proportions, at a width fit for a slide. */
  *out_width = width;
  *out_height = MAX (1.0, round (width * CLAMP (aspect, 0.3, 2.0)));
}

/* Runs @func with the chart styled for export: its title, dark on white. */
typedef gboolean (*ExportFunc) (DdChartView *self,
                                gpointer     data);

static gboolean
with_export_style (DdChartView *self,
                   ExportFunc   func,
                   gpointer     data)
{
  g_autofree char *saved_title = g_strdup (dd_chart_get_title (self->chart));
  g_autofree char *title = NULL;
  gboolean ret;

  if (saved_title == NULL)
    title = dd_chart_dup_default_title (self->chart);

  if (title != NULL)
    dd_chart_set_title (self->chart, title);
  dd_chart_set_colors (self->chart, export_foreground, export_background);
  unfit_font (self);

  ret = func (self, data);

  dd_chart_set_title (self->chart, saved_title);
  dd_chart_set_colors (self->chart, self->foreground, no_background);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  return ret;
}

typedef struct
{
  const char *path;
  double width;
  double height;
  GError **error;
} SaveData;

static gboolean
save_func (DdChartView *self,
           gpointer     data)
{
  SaveData *save = data;

  return dd_chart_save (self->chart, save->path, save->width, save->height, save->error);
}

typedef struct
{
  int scale;
  GdkTexture *texture;
} TextureData;

static gboolean
texture_func (DdChartView *self,
              gpointer     data)
{
  TextureData *td = data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  int stride;

  if (width <= 0 || height <= 0)
    {
      width = 600;
      height = 600 * DEFAULT_ASPECT;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * td->scale, height * td->scale);
  cr = cairo_create (surface);
  cairo_scale (cr, td->scale, td->scale);
  /* The image of what is on screen. */
  fit_font (self, width, height);
  dd_chart_render (self->chart, cr, width, height);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Cairo's ARGB32 is premultiplied BGRA in memory on little-endian and
   * ARGB on big-endian: GDK_MEMORY_DEFAULT is that same layout. */
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) stride * cairo_image_surface_get_height (surface));
  td->texture = gdk_memory_texture_new (cairo_image_surface_get_width (surface),
                                        cairo_image_surface_get_height (surface),
                                        GDK_MEMORY_DEFAULT, bytes, stride);
  cairo_surface_destroy (surface);

  return TRUE;
}

static void
show_error (DdChartView  *self,
            const char   *primary,
            const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                   "%s", primary);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The suggested file name: the chart's subject, without the date (a
 * slash is no character for a file name). */
static const char *
get_file_base_name (DdChartView *self)
{
  switch (dd_chart_get_kind (self->chart))
    {
    case DD_CHART_UNITS:
      /* Translators: the suggested name of a saved chart's file. */
      return _("Task status by unit");
    case DD_CHART_PROGRESS:
      /* Translators: the suggested name of a saved chart's file. */
      return _("Completion over time");
    case DD_CHART_INDICATORS:
      /* Translators: the suggested name of a saved chart's file. */
      return _("Indicators against target");
    case DD_CHART_STATUS:
    default:
      /* Translators: the suggested name of a saved chart's file. */
      return _("Task status");
    }
}

static void
popup_context_menu (DdChartView *self,
                    double       x,
                    double       y)
{
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  /* Made when first asked for: building a menu per chart was part of the
   * time the dashboard took to appear. */
  if (self->context_menu == NULL)
    {
      self->context_menu = gtk_popover_menu_new_from_model (self->menu_model);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
      gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
    }

  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

/* Callbacks */

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        DdChartView     *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  const char *format = g_object_get_data (G_OBJECT (chooser), "dd-format");
  double width, height;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);

  if (path != NULL)
    {
      /* The extension picks the format: add the chosen one when the name
       * has none the core knows. */
      g_autofree char *lower = g_ascii_strdown (path, -1);

      if (!g_str_has_suffix (lower, ".png") && !g_str_has_suffix (lower, ".svg")
          && !g_str_has_suffix (lower, ".pdf"))
        {
          char *with_ext = g_strconcat (path, ".", format, NULL);

          g_free (path);
          path = with_ext;
        }

      get_export_size (self, g_str_equal (format, "png") ? EXPORT_PNG_WIDTH : EXPORT_VECTOR_WIDTH,
                       &width, &height);
      if (!dd_chart_view_save (self, path, width, height, &error))
        show_error (self, _("Could not save the chart"), error);
    }

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static void
on_save_as_activated_cb (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  DdChartView *self = DD_CHART_VIEW (user_data);
  const char *format = g_variant_get_string (parameter, NULL);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL || self->chart == NULL)
    return;

  if (g_str_equal (format, "svg"))
    {
      gtk_file_filter_set_name (filter, _("SVG images"));
      gtk_file_filter_add_mime_type (filter, "image/svg+xml");
      gtk_file_filter_add_suffix (filter, "svg");
    }
  else if (g_str_equal (format, "pdf"))
    {
      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
      gtk_file_filter_add_suffix (filter, "pdf");
    }
  else
    {
      format = "png";
      gtk_file_filter_set_name (filter, _("PNG images"));
      gtk_file_filter_add_mime_type (filter, "image/png");
      gtk_file_filter_add_suffix (filter, "png");
    }

  chooser = gtk_file_chooser_native_new (_("Save Chart"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  name = g_strdup_printf ("%s.%s", get_file_base_name (self), format);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "dd-format", (gpointer) g_intern_string (format));

  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response_cb), self, 0);
  gtk_native_dialog_show (self->chooser);
}

static void
on_copy_activated_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  dd_chart_view_copy (DD_CHART_VIEW (user_data));
}

static void
on_click_released_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      DdChartView     *self)
{
  if (n_press == 1)
    dd_chart_view_activate_at (self, x, y);
}

static void
on_secondary_pressed_cb (GtkGestureClick *gesture,
                         int              n_press,
                         double           x,
                         double           y,
                         DdChartView     *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_context_menu (self, x, y);
}

static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              DdChartView              *self)
{
  DdChartHit hit;
  gboolean over = dd_chart_view_hit_test (self, x, y, &hit) && hit_is_activatable (&hit);

  /* A hand over what a click opens. */
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), over ? "pointer" : NULL);
  dd_chart_hit_clear (&hit);
}

static gboolean
popup_menu_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  DdChartView *self = DD_CHART_VIEW (widget);

  popup_context_menu (self, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
  return TRUE;
}

/* GObject overrides */

static gboolean
dd_chart_view_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard_mode,
                             GtkTooltip *tooltip)
{
  DdChartView *self = DD_CHART_VIEW (widget);
  DdChartHit hit;
  gboolean ret = FALSE;

  if (keyboard_mode)
    return FALSE;

  if (dd_chart_view_hit_test (self, x, y, &hit) && hit.label != NULL)
    {
      gtk_tooltip_set_text (tooltip, hit.label);
      ret = TRUE;
    }
  dd_chart_hit_clear (&hit);

  return ret;
}

static void
dd_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  DdChartView *self = DD_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->chart == NULL || self->loading || width <= 0 || height <= 0)
    return;

  fit_font (self, width, height);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  dd_chart_render (self->chart, cr, width, height);
  cairo_destroy (cr);
}

static GtkSizeRequestMode
dd_chart_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
dd_chart_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  DdChartView *self = DD_CHART_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 260;
      *natural = 440;
    }
  else
    {
      /* Landscape, like a slide, but never so flat that the labels go. */
      int width = for_size > 0 ? for_size : 440;

      *minimum = self->min_height;
      *natural = MAX (self->min_height, (int) CLAMP (width * DEFAULT_ASPECT, 220, 460));
    }
}

static void
dd_chart_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  DdChartView *self = DD_CHART_VIEW (widget);

  if (self->context_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->context_menu));
}

static void
dd_chart_view_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  DdChartView *self = DD_CHART_VIEW (widget);
  GdkRGBA color;

  GTK_WIDGET_CLASS (dd_chart_view_parent_class)->css_changed (widget, change);

  /* The theme's text colour (dark or light theme). */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  self->foreground[0] = color.red;
  self->foreground[1] = color.green;
  self->foreground[2] = color.blue;
  self->foreground[3] = color.alpha;
  if (self->chart != NULL)
    dd_chart_set_colors (self->chart, self->foreground, no_background);
  gtk_widget_queue_draw (widget);
}

static void
dd_chart_view_dispose (GObject *object)
{
  DdChartView *self = DD_CHART_VIEW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  g_clear_object (&self->chart);

  G_OBJECT_CLASS (dd_chart_view_parent_class)->dispose (object);
}

static void
dd_chart_view_finalize (GObject *object)
{
  DdChartView *self = DD_CHART_VIEW (object);

  g_clear_object (&self->actions);
  g_clear_object (&self->menu_model);

  G_OBJECT_CLASS (dd_chart_view_parent_class)->finalize (object);
}

static void
dd_chart_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DdChartView *self = DD_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_object (value, self->chart);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_chart_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DdChartView *self = DD_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      dd_chart_view_set_chart (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_chart_view_class_init (DdChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_chart_view_dispose;
  object_class->finalize = dd_chart_view_finalize;
  object_class->get_property = dd_chart_view_get_property;
  object_class->set_property = dd_chart_view_set_property;

  widget_class->snapshot = dd_chart_view_snapshot;
  widget_class->get_request_mode = dd_chart_view_get_request_mode;
  widget_class->measure = dd_chart_view_measure;
  widget_class->size_allocate = dd_chart_view_size_allocate;
  widget_class->css_changed = dd_chart_view_css_changed;
  widget_class->query_tooltip = dd_chart_view_query_tooltip;

  /**
   * DdChartView:chart:
   *
   * The chart shown.
   */
  properties [PROP_CHART] =
    g_param_spec_object ("chart", NULL, NULL,
                         DD_TYPE_CHART,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DdChartView::segment-activated:
   * @hit: (type gpointer): the const DdChartHit clicked, valid during the emission
   *
   * A segment, bar, point or legend entry was clicked.
   */
  signals [SEGMENT_ACTIVATED] =
    g_signal_new ("segment-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, popup_menu_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, popup_menu_cb, NULL);

  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dd_chart_view_init (DdChartView *self)
{
  static const GActionEntry entries[] = {
    { "save-as", on_save_as_activated_cb, "s", NULL, NULL, { 0 } },
    { "copy", on_copy_activated_cb, NULL, NULL, NULL, { 0 } },
  };
  GtkGesture *click;
  GtkEventController *motion;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) save_section = g_menu_new ();
  g_autoptr(GMenu) copy_section = g_menu_new ();

  self->min_height = 200;
  self->foreground[3] = 1.0;

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "chart", G_ACTION_GROUP (self->actions));

  g_menu_append (save_section, _("Save as _PNG Image…"), "chart.save-as::png");
  g_menu_append (save_section, _("Save as _SVG Image…"), "chart.save-as::svg");
  g_menu_append (save_section, _("Save as P_DF…"), "chart.save-as::pdf");
  g_menu_append (copy_section, _("_Copy Image"), "chart.copy");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (save_section));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (copy_section));
  self->menu_model = G_MENU_MODEL (g_steal_pointer (&menu));


  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_secondary_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
}

/* Public API */

/**
 * dd_chart_view_new:
 * @chart: (nullable): the chart to show
 *
 * Returns: (transfer full): a new view
 */
GtkWidget *
dd_chart_view_new (DdChart *chart)
{
  g_return_val_if_fail (chart == NULL || DD_IS_CHART (chart), NULL);

  return g_object_new (DD_TYPE_CHART_VIEW, "chart", chart, NULL);
}

/**
 * dd_chart_view_get_chart:
 *
 * Returns: (transfer none) (nullable): the chart shown
 */
DdChart *
dd_chart_view_get_chart (DdChartView *self)
{
  g_return_val_if_fail (DD_IS_CHART_VIEW (self), NULL);

  return self->chart;
}

void
dd_chart_view_set_chart (DdChartView *self,
                         DdChart     *chart)
{
  g_return_if_fail (DD_IS_CHART_VIEW (self));
  g_return_if_fail (chart == NULL || DD_IS_CHART (chart));

  if (!g_set_object (&self->chart, chart))
    return;

  /* Set again at the next drawing. */
  self->font_px = 0;
  if (self->chart != NULL)
    dd_chart_set_colors (self->chart, self->foreground, no_background);
  dd_chart_view_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CHART]);
}

/**
 * dd_chart_view_update:
 *
 * Draws the chart again (after its data or its reference date changed).
 */
void
dd_chart_view_update (DdChartView *self)
{
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (DD_IS_CHART_VIEW (self));

  if (self->chart != NULL)
    title = dd_chart_dup_default_title (self->chart);
  if (self->chart != NULL)
    description = dd_chart_dup_description (self->chart);
  /* The title, and the figures in words for a screen reader. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title != NULL ? title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description != NULL ? description : "",
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * dd_chart_view_set_loading:
 * @loading: whether the chart's figures are being read
 *
 * While the figures are on their way the view draws nothing, answers no
 * click or tooltip and offers nothing to save: the chart's data are those
 * of before (or none yet), and the user must not take them for the new
 * ones; "No data" would be as wrong.
 */
void
dd_chart_view_set_loading (DdChartView *self,
                           gboolean     loading)
{
  g_return_if_fail (DD_IS_CHART_VIEW (self));

  loading = !!loading;
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                                            "save-as")), !loading);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                                            "copy")), !loading);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
dd_chart_view_get_loading (DdChartView *self)
{
  g_return_val_if_fail (DD_IS_CHART_VIEW (self), FALSE);

  return self->loading;
}

void
dd_chart_view_set_min_height (DdChartView *self,
                              int          min_height)
{
  g_return_if_fail (DD_IS_CHART_VIEW (self));

  min_height = MAX (min_height, 0);
  if (self->min_height == min_height)
    return;

  self->min_height = min_height;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

gboolean
dd_chart_view_hit_test (DdChartView *self,
                        double       x,
                        double       y,
                        DdChartHit  *out_hit)
{
  int width, height;

  g_return_val_if_fail (DD_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (out_hit != NULL, FALSE);

  memset (out_hit, 0, sizeof *out_hit);
  out_hit->status = -1;
  out_hit->index = -1;

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (self->chart == NULL || self->loading || width <= 0 || height <= 0)
    return FALSE;

  fit_font (self, width, height);
  return dd_chart_hit_test (self->chart, width, height, x, y, out_hit);
}

gboolean
dd_chart_view_activate_at (DdChartView *self,
                           double       x,
                           double       y)
{
  DdChartHit hit;
  gboolean found;

  g_return_val_if_fail (DD_IS_CHART_VIEW (self), FALSE);

  found = dd_chart_view_hit_test (self, x, y, &hit);
  if (found)
    g_signal_emit (self, signals [SEGMENT_ACTIVATED], 0, &hit);
  dd_chart_hit_clear (&hit);

  return found;
}

GActionGroup *
dd_chart_view_get_actions (DdChartView *self)
{
  g_return_val_if_fail (DD_IS_CHART_VIEW (self), NULL);

  return G_ACTION_GROUP (self->actions);
}

GMenuModel *
dd_chart_view_get_menu_model (DdChartView *self)
{
  g_return_val_if_fail (DD_IS_CHART_VIEW (self), NULL);

  return self->menu_model;
}

/**
 * dd_chart_view_save:
 * @error: %DD_CHART_ERROR_FORMAT or %DD_CHART_ERROR_WRITE
 *
 * Saves the chart with its title, dark on white, through dd_chart_save().
 */
gboolean
dd_chart_view_save (DdChartView  *self,
                    const char   *path,
                    double        width,
                    double        height,
                    GError      **error)
{
  SaveData data = { path, width, height, error };

  g_return_val_if_fail (DD_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (self->chart != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return with_export_style (self, save_func, &data);
}

/**
 * dd_chart_view_render_texture:
 * @scale: 1 or more
 *
 * Returns: (transfer full): the chart as an image, with its title, dark on white
 */
GdkTexture *
dd_chart_view_render_texture (DdChartView *self,
                              int          scale)
{
  TextureData data = { MAX (scale, 1), NULL };

  g_return_val_if_fail (DD_IS_CHART_VIEW (self), NULL);
  g_return_val_if_fail (self->chart != NULL, NULL);

  with_export_style (self, texture_func, &data);
  return data.texture;
}

void
dd_chart_view_copy (DdChartView *self)
{
  g_autoptr(GdkTexture) texture = NULL;

  g_return_if_fail (DD_IS_CHART_VIEW (self));

  if (self->chart == NULL)
    return;

  texture = dd_chart_view_render_texture (self, 2);
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
}
