/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-calendar-day"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-calendar-day.h"
#include "dd-calendar-deadline.h"
#include "dd-status-pill.h"

/*
 * DdCalendarDay: one day of the calendar's month or week view. Its number
 * (the full date in the week view, with the weekday), the day off or the
 * Saturday worked, the lunar day in a corner as on a Vietnamese wall
 * calendar, and its deadlines coloured by status: in the month view the
 * first few cut short and "+N" for the rest (a popover lists them all), in
 * the week view ("detailed") every one in full.
 *
 * A press on the day emits "pressed" (the page selects it); activating a
 * deadline emits "open-entry" with its DdCalendarEntry (the page opens its
 * task, at its period for an occurrence).
 */

/* Lines of deadlines a day of the month view shows, "+N" included: six
 * weeks of days this tall fit under the week days at 1366 × 768 (with
 * four lines, the rows, all as tall as the fullest, did not, and the last
 * week was hidden below the fold). */
#define MAX_MONTH_LINES 3

struct _DdCalendarDay
{
  GtkWidget parent_instance;

  gboolean detailed;
  GDate date;

  GtkWidget *weekday_label;       /* detailed only */
  GtkWidget *day_label;
  GtkWidget *holiday_label;
  GtkWidget *lunar_label;
  GtkWidget *entries;             /* a box of the deadlines */
};

enum {
  PROP_0,
  PROP_DETAILED,
  N_PROPS
};

enum {
  OPEN_ENTRY,
  PRESSED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdCalendarDay, dd_calendar_day, GTK_TYPE_WIDGET)

/* Auxiliary methods */

static void
remove_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static gboolean
is_weekend (const GDate *date)
{
  GDateWeekday weekday = g_date_get_weekday (date);

  return weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY;
}

static void
set_css_class (GtkWidget  *widget,
               const char *css_class,
               gboolean    set)
{
  if (set)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

/* Callbacks */

static void
on_entry_clicked_cb (GtkButton     *button,
                     DdCalendarDay *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);
  const DdCalendarEntry *entry = dd_calendar_day_get_attached_entry (G_OBJECT (button));

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));

  if (entry != NULL && entry->task_id > 0)
    g_signal_emit (self, signals [OPEN_ENTRY], 0, entry);
}

static void
on_pressed_cb (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               DdCalendarDay   *self)
{
  g_signal_emit (self, signals [PRESSED], 0);
}

/* The deadlines */

static GtkWidget *
new_entry_button (DdCalendarDay         *self,
                  const DdCalendarEntry *entry,
                  gboolean               detailed)
{
  g_autofree char *text = dd_calendar_deadline_dup_text (entry);
  g_autofree char *tooltip = dd_calendar_deadline_dup_tooltip (entry);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *pill = dd_status_pill_new ();

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "calendar-entry");
  /* Set while hidden: on a shown widget GTK asks the display where the
   * pointer is (a round trip to the X server), for each of the month's
   * deadlines. */
  gtk_widget_set_visible (button, FALSE);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_visible (button, TRUE);
  dd_calendar_deadline_set_task_id (G_OBJECT (button), entry->task_id);
  dd_calendar_day_attach_entry (G_OBJECT (button), entry);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_entry_clicked_cb), self, 0);

  gtk_widget_set_halign (pill, GTK_ALIGN_FILL);
  gtk_widget_set_hexpand (pill, TRUE);
  gtk_label_set_xalign (GTK_LABEL (pill), 0.0);

  if (!detailed)
    {
      /* Cut short: the cell's width decides, not the title's. The title
       * alone: a period in front ("Tháng 11/2026: …") left no room for
       * it; the tooltip names the period. */
      gtk_label_set_max_width_chars (GTK_LABEL (pill), 12);
      dd_status_pill_set_status (pill, entry->status, entry->title);
      gtk_button_set_child (GTK_BUTTON (button), pill);
    }
  else
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *title = gtk_label_new (text);

      /* The status in words on top, then the whole task. */
      dd_status_pill_set_status (pill, entry->status, NULL);
      gtk_box_append (GTK_BOX (box), pill);

      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (GTK_LABEL (title), 6);
      gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (title), 0.0);
      gtk_label_set_width_chars (GTK_LABEL (title), 8);
      gtk_label_set_max_width_chars (GTK_LABEL (title), 30);
      gtk_box_append (GTK_BOX (box), title);

      if (entry->lead != NULL)
        {
          GtkWidget *lead = gtk_label_new (entry->lead);

          gtk_label_set_wrap (GTK_LABEL (lead), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (lead), PANGO_WRAP_WORD_CHAR);
          gtk_label_set_xalign (GTK_LABEL (lead), 0.0);
          gtk_label_set_width_chars (GTK_LABEL (lead), 8);
          gtk_label_set_max_width_chars (GTK_LABEL (lead), 30);
          gtk_widget_add_css_class (lead, "dim-label");
          gtk_widget_add_css_class (lead, "field-hint");
          gtk_box_append (GTK_BOX (box), lead);
        }

      gtk_widget_add_css_class (button, "detailed");
      gtk_button_set_child (GTK_BUTTON (button), box);
    }

  return button;
}

/* What a "+N" button's popover lists, kept until it is first opened. */
typedef struct
{
  char *heading;
  GPtrArray *entries;   /* DdCalendarEntry copies: the page's go with its next reading */
  guint n_entries;      /* the day's, also those past DD_CALENDAR_MAX_LISTED */
} MoreEntries;

static void
more_entries_free (MoreEntries *more)
{
  g_free (more->heading);
  g_ptr_array_unref (more->entries);
  g_free (more);
}

#define MORE_KEY "dd-calendar-more"

/* The popover of a "+N" button, made when first opened: a month of the
 * large file has hundreds of deadlines a day, and making every day's
 * list with the month (up to 200 buttons a day) took most of the
 * calendar's first showing. */
static void
create_more_popup (GtkMenuButton *button,
                   gpointer       user_data)
{
  DdCalendarDay *self = user_data;
  MoreEntries *more = g_object_get_data (G_OBJECT (button), MORE_KEY);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *heading = gtk_label_new (more->heading);

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
  gtk_box_append (GTK_BOX (list), heading);
  for (guint i = 0; i < more->entries->len; i++)
    gtk_box_append (GTK_BOX (list), new_entry_button (self, g_ptr_array_index (more->entries, i), TRUE));
  if (more->n_entries > DD_CALENDAR_MAX_LISTED)
    gtk_box_append (GTK_BOX (list), dd_calendar_deadline_new_more_label (more->n_entries - DD_CALENDAR_MAX_LISTED));

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 480);
  gtk_widget_set_size_request (scrolled, 300, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_popover_set_child (GTK_POPOVER (popover), scrolled);
  gtk_menu_button_set_popover (button, popover);
}

/* "+N": a menu button whose popover lists every deadline of the day. */
static GtkWidget *
new_more_button (DdCalendarDay *self,
                 const GDate   *date,
                 GPtrArray     *day_entries,
                 guint          n_hidden)
{
  g_autofree char *label = NULL;
  g_autofree char *count = dd_format_count (n_hidden);
  GtkWidget *button = gtk_menu_button_new ();
  MoreEntries *more = g_new0 (MoreEntries, 1);

  more->heading = dd_format_date_long (date);
  more->n_entries = day_entries->len;
  more->entries = g_ptr_array_new_full (MIN (day_entries->len, DD_CALENDAR_MAX_LISTED),
                                        (GDestroyNotify) dd_calendar_entry_free);
  for (guint i = 0; i < MIN (day_entries->len, DD_CALENDAR_MAX_LISTED); i++)
    g_ptr_array_add (more->entries, dd_calendar_entry_copy (g_ptr_array_index (day_entries, i)));
  g_object_set_data_full (G_OBJECT (button), MORE_KEY, more, (GDestroyNotify) more_entries_free);

  /* Translators: in a full day of the month view, the deadlines that do
   * not fit; %s is their number, grouped ("+12.875"). */
  label = g_strdup_printf (ngettext ("+%s more", "+%s more", n_hidden), count);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), label);
  gtk_menu_button_set_always_show_arrow (GTK_MENU_BUTTON (button), FALSE);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "calendar-more");
  gtk_widget_set_visible (button, FALSE);
  gtk_widget_set_tooltip_text (button, _("Show every deadline of this day"));
  gtk_widget_set_visible (button, TRUE);
  /* The button is the day's child: the day outlives it. */
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_more_popup, self, NULL);

  return button;
}

static void
show_entries (DdCalendarDay *self,
              GPtrArray     *day_entries)
{
  gboolean week = self->detailed;
  guint n_entries = day_entries != NULL ? day_entries->len : 0;
  guint n_shown, max_lines;

  remove_children (self->entries);
  /* A day of the week shows more than one of the month, but not hundreds
   * (200 widgets a day froze the window on a large file): the rest in
   * the "+N" popover, made when opened. "+1" would take the room of the
   * deadline it hides: a day that fits shows them all. */
  max_lines = week ? DD_CALENDAR_MAX_WEEK_ENTRIES + 1 : MAX_MONTH_LINES;
  n_shown = n_entries <= max_lines ? n_entries : max_lines - 1;
  for (guint i = 0; i < n_shown; i++)
    gtk_box_append (GTK_BOX (self->entries),
                    new_entry_button (self, g_ptr_array_index (day_entries, i), week));
  if (n_shown < n_entries)
    gtk_box_append (GTK_BOX (self->entries),
                    new_more_button (self, &self->date, day_entries, n_entries - n_shown));
}

/* The day's own labels */

/* The lunar day: "1/M" on the first day of a lunar month, as wall
 * calendars print it, else the day alone. */
static void
show_lunar_day (DdCalendarDay *self,
                const GDate   *date)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lunar_text = NULL;
  g_autofree char *lunar_tooltip = NULL;
  DdLunarDate lunar;

  if (dd_lunar_from_solar (date, &lunar, &error))
    {
      g_autofree char *lunar_full = dd_lunar_date_format (&lunar);

      if (lunar.day == 1 && lunar.leap)
        /* Translators: the first day of a leap lunar month, short, in a
         * corner of a day of the calendar: "1/4N" (N: nhuận). */
        lunar_text = g_strdup_printf (_("%d/%dL"), lunar.day, lunar.month);
      else if (lunar.day == 1)
        lunar_text = g_strdup_printf ("%d/%d", lunar.day, lunar.month);
      else
        lunar_text = g_strdup_printf ("%d", lunar.day);

      /* Translators: %s is a lunar date, "15/3/2026". */
      lunar_tooltip = g_strdup_printf (_("Lunar date: %s"), lunar_full);
      set_css_class (self->lunar_label, "month-start", lunar.day == 1);
    }
  gtk_label_set_text (GTK_LABEL (self->lunar_label), lunar_text != NULL ? lunar_text : "");
  gtk_widget_set_tooltip_text (self->lunar_label, lunar_tooltip);
}

/* Where the days off of a year come from, for a tooltip. (transfer full) */
static char *
dup_source_text (DdHolidaySource  source,
                 const char      *document)
{
  if (source == DD_HOLIDAY_SOURCE_DEFAULT)
    return g_strdup (_("Expected: no schedule announced yet for this year"));
  if (document != NULL)
    /* Translators: where a year's days off come from; %s is the document. */
    return g_strdup_printf (_("Official: document %s"), document);
  return g_strdup (_("Entered in this file"));
}

/* The day off, or the Saturday worked, in its label and the day's tooltip,
 * with where the year's days come from (official or expected). */
static void
show_holiday (DdCalendarDay   *self,
              const GDate     *date,
              const DdHoliday *holiday,
              DdHolidaySource  source,
              const char      *document)
{
  g_autofree char *date_long = dd_format_date_long (date);
  g_autofree char *cell_tooltip = NULL;
  g_autofree char *name = NULL;
  gboolean expected = holiday != NULL && source == DD_HOLIDAY_SOURCE_DEFAULT;

  if (holiday != NULL && expected && self->detailed)
    /* Translators: a day off in the week view, of a year not announced yet. */
    name = g_strdup_printf (_("%s (expected)"), holiday->name);
  else if (holiday != NULL)
    name = g_strdup (holiday->name);
  gtk_label_set_text (GTK_LABEL (self->holiday_label), name != NULL ? name : "");
  if (self->detailed)
    gtk_widget_set_visible (self->holiday_label, holiday != NULL);

  if (holiday != NULL)
    {
      g_autofree char *source_text = dup_source_text (source, document);

      gtk_widget_set_tooltip_text (self->holiday_label, source_text);
      /* Translators: the tooltip of a day of the calendar: the date, its day
       * off, where the year's days off come from. */
      cell_tooltip = g_strdup_printf (C_("calendar day", "%s\n%s\n%s"), date_long, holiday->name, source_text);
    }
  else
    {
      gtk_widget_set_tooltip_text (self->holiday_label, NULL);
      cell_tooltip = g_strdup (date_long);
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), cell_tooltip);
  set_css_class (GTK_WIDGET (self), "expected", expected);
}

/* GObject overrides */

static void
dd_calendar_day_constructed (GObject *object)
{
  DdCalendarDay *self = DD_CALENDAR_DAY (object);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  G_OBJECT_CLASS (dd_calendar_day_parent_class)->constructed (object);

  gtk_widget_set_parent (top, GTK_WIDGET (self));

  if (self->detailed)
    {
      /* Weekday and lunar day; the date; the day off, in full. */
      self->weekday_label = gtk_label_new (NULL);
      gtk_widget_add_css_class (self->weekday_label, "weekday-name");
      gtk_label_set_xalign (GTK_LABEL (self->weekday_label), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (self->weekday_label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (self->weekday_label, TRUE);
      gtk_box_append (GTK_BOX (top), self->weekday_label);
      gtk_box_append (GTK_BOX (top), self->lunar_label);

      gtk_label_set_xalign (GTK_LABEL (self->day_label), 0.0);
      gtk_widget_set_halign (self->day_label, GTK_ALIGN_START);
      gtk_widget_set_parent (self->day_label, GTK_WIDGET (self));

      gtk_label_set_wrap (GTK_LABEL (self->holiday_label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (self->holiday_label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (self->holiday_label), 6);
      gtk_label_set_max_width_chars (GTK_LABEL (self->holiday_label), 20);
      gtk_widget_set_parent (self->holiday_label, GTK_WIDGET (self));
    }
  else
    {
      /* Day, day off (cut short, whole in the tooltip), lunar day. */
      gtk_label_set_ellipsize (GTK_LABEL (self->holiday_label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (self->holiday_label), 1);
      gtk_widget_set_hexpand (self->holiday_label, TRUE);
      gtk_box_append (GTK_BOX (top), self->day_label);
      gtk_box_append (GTK_BOX (top), self->holiday_label);
      gtk_box_append (GTK_BOX (top), self->lunar_label);
    }

  self->entries = gtk_box_new (GTK_ORIENTATION_VERTICAL, self->detailed ? 4 : 1);
  gtk_widget_set_parent (self->entries, GTK_WIDGET (self));
}

static void
dd_calendar_day_dispose (GObject *object)
{
  DdCalendarDay *self = DD_CALENDAR_DAY (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (dd_calendar_day_parent_class)->dispose (object);
}

static void
dd_calendar_day_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DdCalendarDay *self = DD_CALENDAR_DAY (object);

  switch (prop_id)
    {
    case PROP_DETAILED:
      g_value_set_boolean (value, self->detailed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_calendar_day_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DdCalendarDay *self = DD_CALENDAR_DAY (object);

  switch (prop_id)
    {
    case PROP_DETAILED:
      self->detailed = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_calendar_day_class_init (DdCalendarDayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dd_calendar_day_constructed;
  object_class->dispose = dd_calendar_day_dispose;
  object_class->get_property = dd_calendar_day_get_property;
  object_class->set_property = dd_calendar_day_set_property;

  /**
   * DdCalendarDay:detailed:
   *
   * Whether the day is one of the week view: the weekday and the full
   * date, the day off in full, every deadline with its lead unit.
   */
  properties [PROP_DETAILED] =
    g_param_spec_boolean ("detailed", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_CONSTRUCT_ONLY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DdCalendarDay::open-entry:
   * @entry: the deadline activated
   *
   * A deadline of the day (or of its "+N" popover) was activated.
   */
  signals [OPEN_ENTRY] =
    g_signal_new ("open-entry",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, DD_TYPE_CALENDAR_ENTRY | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * DdCalendarDay::pressed:
   *
   * The day was clicked: the page selects it.
   */
  signals [PRESSED] =
    g_signal_new ("pressed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "calendarday");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dd_calendar_day_init (DdCalendarDay *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkGesture *gesture;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 2);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "calendar-day");
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  g_date_clear (&self->date, 1);

  gesture = gtk_gesture_click_new ();
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (on_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  self->day_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->day_label, "day-number");
  gtk_widget_set_valign (self->day_label, GTK_ALIGN_START);

  self->holiday_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->holiday_label, "holiday-name");
  gtk_label_set_xalign (GTK_LABEL (self->holiday_label), 0.0);

  self->lunar_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->lunar_label, "lunar-day");
  gtk_widget_set_valign (self->lunar_label, GTK_ALIGN_START);
  gtk_widget_set_halign (self->lunar_label, GTK_ALIGN_END);
}

/* Public API */

/**
 * dd_calendar_day_new:
 * @detailed: a day of the week view rather than of the month view
 *
 * Returns: (transfer floating): a new day, showing none until
 *   dd_calendar_day_show()
 */
GtkWidget *
dd_calendar_day_new (gboolean detailed)
{
  return g_object_new (DD_TYPE_CALENDAR_DAY, "detailed", detailed, NULL);
}

/**
 * dd_calendar_day_show:
 * @date: the day
 * @workdays: (nullable): the working-day calendar: the day off or
 *   Saturday worked of @date, and whether its year's days are official
 *   or expected
 * @entries: (nullable) (element-type DdCalendarEntry): its deadlines, the
 *   most urgent first
 * @flags: how it stands to the month, today and the selection
 *
 * Shows @date with its shading, its lunar day and its deadlines.
 */
void
dd_calendar_day_show (DdCalendarDay      *self,
                      const GDate        *date,
                      DdWorkdays         *workdays,
                      GPtrArray          *entries,
                      DdCalendarDayFlags  flags)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const DdHoliday *holiday = workdays != NULL ? dd_workdays_lookup (workdays, date) : NULL;
  const char *document = NULL;
  DdHolidaySource source = DD_HOLIDAY_SOURCE_EDITED;
  gboolean day_off = holiday != NULL && holiday->kind != DD_HOLIDAY_KIND_WORKING_SATURDAY;
  gboolean working_saturday = holiday != NULL && holiday->kind == DD_HOLIDAY_KIND_WORKING_SATURDAY;
  g_autofree char *day_text = NULL;

  g_return_if_fail (DD_IS_CALENDAR_DAY (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  self->date = *date;

  /* Day number; the weekday and full date in the week view. */
  if (self->detailed)
    {
      day_text = dd_format_date (date);
      gtk_label_set_text (GTK_LABEL (self->weekday_label), dd_format_weekday (g_date_get_weekday (date)));
    }
  else
    day_text = g_strdup_printf ("%u", g_date_get_day (date));
  gtk_label_set_text (GTK_LABEL (self->day_label), day_text);

  show_lunar_day (self, date);
  if (holiday != NULL)
    source = dd_workdays_get_source (workdays, g_date_get_year (&holiday->date), &document);
  show_holiday (self, date, holiday, source, document);

  /* Shading. */
  set_css_class (widget, "holiday", day_off);
  set_css_class (widget, "weekend", is_weekend (date) && !working_saturday);
  set_css_class (widget, "working-day", working_saturday);
  set_css_class (widget, "other-month", (flags & DD_CALENDAR_DAY_OTHER_MONTH) != 0);
  set_css_class (widget, "today", (flags & DD_CALENDAR_DAY_TODAY) != 0);
  set_css_class (widget, "selected", (flags & DD_CALENDAR_DAY_SELECTED) != 0);

  show_entries (self, entries);
}

/**
 * dd_calendar_day_clear:
 *
 * Forgets the day shown (a cell of the month view's sixth week, hidden in
 * a month of five).
 */
void
dd_calendar_day_clear (DdCalendarDay *self)
{
  g_return_if_fail (DD_IS_CALENDAR_DAY (self));

  g_date_clear (&self->date, 1);
}

const GDate *
dd_calendar_day_get_date (DdCalendarDay *self)
{
  g_return_val_if_fail (DD_IS_CALENDAR_DAY (self), NULL);

  return &self->date;
}

/* Moves the selection without showing the day again. */
void
dd_calendar_day_set_selected (DdCalendarDay *self,
                              gboolean       selected)
{
  g_return_if_fail (DD_IS_CALENDAR_DAY (self));

  set_css_class (GTK_WIDGET (self), "selected", selected);
}

#define ENTRY_KEY "dd-calendar-entry"

/**
 * dd_calendar_day_attach_entry:
 * @object: a widget that stands for @entry
 *
 * Keeps a copy of @entry on @object, for the page to open its task at
 * its period.
 */
void
dd_calendar_day_attach_entry (GObject               *object,
                              const DdCalendarEntry *entry)
{
  g_return_if_fail (G_IS_OBJECT (object));
  g_return_if_fail (entry != NULL);

  g_object_set_data_full (object, ENTRY_KEY, dd_calendar_entry_copy (entry),
                          (GDestroyNotify) dd_calendar_entry_free);
}

/**
 * dd_calendar_day_get_attached_entry:
 *
 * Returns: (transfer none) (nullable): the entry kept on @object
 */
const DdCalendarEntry *
dd_calendar_day_get_attached_entry (GObject *object)
{
  g_return_val_if_fail (G_IS_OBJECT (object), NULL);

  return g_object_get_data (object, ENTRY_KEY);
}

/**
 * dd_calendar_day_describe_year:
 * @label: the legend's label of the days off
 * @workdays: (nullable): the working-day calendar
 * @year: the year shown
 *
 * Says on @label whether the days off of @year are official (the document
 * in its tooltip) or expected ("dự kiến", the rule's until a notice).
 */
void
dd_calendar_day_describe_year (GtkLabel   *label,
                               DdWorkdays *workdays,
                               int         year)
{
  const char *document = NULL;
  DdHolidaySource source;
  g_autofree char *source_text = NULL;
  g_autofree char *tooltip = NULL;

  g_return_if_fail (GTK_IS_LABEL (label));

  if (workdays == NULL)
    {
      gtk_label_set_text (label, _("Day off"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), NULL);
      return;
    }
  source = dd_workdays_get_source (workdays, year, &document);
  source_text = dup_source_text (source, document);
  gtk_label_set_text (label, source == DD_HOLIDAY_SOURCE_DEFAULT ? _("Day off (expected)") : _("Day off"));
  /* Translators: the tooltip of the legend's "Day off": the year, then where its days off come from. */
  tooltip = g_strdup_printf (_("Days off of %d — %s"), year, source_text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
  set_css_class (GTK_WIDGET (label), "legend-expected", source == DD_HOLIDAY_SOURCE_DEFAULT);
}
