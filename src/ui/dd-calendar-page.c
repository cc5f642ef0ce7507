/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-calendar-page"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-calendar-page.h"
#include "dd-access.h"
#include "dd-holiday-editor.h"
#include "dd-status-pill.h"

/*
 * DdCalendarPage: the deadline calendar. Three views of the same data, the
 * store's deadline calendar (dd_store_list_calendar(): tasks with a date,
 * the occurrences of periodic tasks, the update months of ongoing tasks,
 * forgotten ones included — what `dondoc-cli calendar` prints):
 *
 * - the month, Monday first, six weeks at most: each day with its
 *   deadlines coloured by status (the most urgent first, "+N" for those
 *   that do not fit), weekends and days off shaded and named, the lunar
 *   day in a corner as on a Vietnamese wall calendar, today marked;
 * - the week, every deadline in full;
 * - the agenda: what is overdue or forgotten, then the next 30 days.
 *
 * Statuses are judged as of today. Arrow keys move between days, Page Up
 * and Page Down between months, Home goes to today. Activating a deadline
 * emits "open-task".
 */

/* Deadlines shown in a day of the month view before "+N". */
#define MAX_MONTH_ENTRIES 3
/* How far back the agenda looks for what is still overdue. */
#define OVERDUE_LOOKBACK_DAYS 730
#define AGENDA_DAYS 30
#define N_MONTH_CELLS 42
/* Widgets are made for this many deadlines of a list at most: a plan
 * archive may have thousands overdue; the task list shows them all. */
#define MAX_LISTED 200

typedef struct
{
  GtkWidget *widget;        /* the focusable box of the day */
  GtkWidget *weekday_label; /* week view only */
  GtkWidget *day_label;
  GtkWidget *holiday_label;
  GtkWidget *lunar_label;
  GtkWidget *entries;       /* a box of the deadlines */
  GDate date;
} DayCell;

struct _DdCalendarPage
{
  GtkWidget parent_instance;

  DdStore *store;
  DdWorkdays *workdays;
  GPtrArray *entries;       /* DdCalendarEntry of [loaded_start, loaded_end] */
  GHashTable *by_day;       /* julian day → GPtrArray of entries (not owned) */
  GDate loaded_start;
  GDate loaded_end;
  GDate selected;
  GDate today;
  DdCalendarView view;
  gboolean dirty;
  guint n_month_rows;
  DayCell month_cells[N_MONTH_CELLS];
  DayCell week_cells[7];

  /* Template children */
  GtkWidget *box;
  GtkWidget *header_box;
  GtkWidget *previous_button;
  GtkWidget *today_button;
  GtkWidget *next_button;
  GtkLabel *title_label;
  GtkWidget *switcher;
  GtkWidget *holidays_button;
  GtkLabel *error_label;
  GtkStack *view_stack;
  GtkGrid *month_header;
  GtkGrid *month_grid;
  GtkGrid *week_grid;
  GtkListBox *agenda_list;
  GtkBox *legend_box;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  OPEN_TASK,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdCalendarPage, dd_calendar_page, GTK_TYPE_WIDGET)

static const char * const view_names[] = { "month", "week", "agenda" };

/* Auxiliary methods */

static int
status_rank (DdTaskStatus status)
{
  /* The most urgent first: what a deputy chief must see in a full day. */
  switch (status)
    {
    case DD_STATUS_OVERDUE:
      return 0;
    case DD_STATUS_FORGOTTEN:
      return 1;
    case DD_STATUS_DUE_SOON:
      return 2;
    case DD_STATUS_IN_PROGRESS:
      return 3;
    case DD_STATUS_NO_DEADLINE:
      return 4;
    case DD_STATUS_DONE_LATE:
      return 5;
    case DD_STATUS_DONE_ON_TIME:
    default:
      return 6;
    }
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const DdCalendarEntry *x = *(const DdCalendarEntry **) a;
  const DdCalendarEntry *y = *(const DdCalendarEntry **) b;
  int cmp;

  cmp = g_date_compare (&x->date, &y->date);
  if (cmp != 0)
    return cmp;
  cmp = status_rank (x->status) - status_rank (y->status);
  if (cmp != 0)
    return cmp;
  return (x->task_id > y->task_id) - (x->task_id < y->task_id);
}

static void
date_add_days (GDate *date,
               int    days)
{
  if (days >= 0)
    g_date_add_days (date, (guint) days);
  else
    g_date_subtract_days (date, (guint) -days);
}

/* The first day of the week of @date (Monday in Vietnam). */
static void
week_start (const GDate *date,
            GDate       *out)
{
  int offset;

  *out = *date;
  offset = ((int) g_date_get_weekday (date) - (int) dd_format_first_weekday () + 7) % 7;
  date_add_days (out, -offset);
}

/* The days the month view shows for the month of @date. */
static guint
month_range (const GDate *date,
             GDate       *out_start,
             GDate       *out_end)
{
  GDate first;
  guint offset;
  guint n_rows;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, g_date_get_month (date), g_date_get_year (date));
  week_start (&first, out_start);
  offset = g_date_days_between (out_start, &first);
  n_rows = (offset + g_date_get_days_in_month (g_date_get_month (date), g_date_get_year (date)) + 6) / 7;

  *out_end = *out_start;
  g_date_add_days (out_end, n_rows * 7 - 1);
  return n_rows;
}

static void
view_range (DdCalendarPage *self,
            GDate          *out_start,
            GDate          *out_end)
{
  switch (self->view)
    {
    case DD_CALENDAR_VIEW_WEEK:
      week_start (&self->selected, out_start);
      *out_end = *out_start;
      g_date_add_days (out_end, 6);
      break;

    case DD_CALENDAR_VIEW_AGENDA:
      *out_start = self->today;
      date_add_days (out_start, -OVERDUE_LOOKBACK_DAYS);
      *out_end = self->today;
      g_date_add_days (out_end, AGENDA_DAYS - 1);
      break;

    case DD_CALENDAR_VIEW_MONTH:
    default:
      month_range (&self->selected, out_start, out_end);
      break;
    }
}

/* The title of the month view: "May 2026", "Tháng 5 năm 2026". */
static char *
dup_month_title (GDateMonth month,
                 int        year)
{
  switch ((int) month)
    {
    case 1:
      return g_strdup_printf (C_("calendar title", "January %d"), year);
    case 2:
      return g_strdup_printf (C_("calendar title", "February %d"), year);
    case 3:
      return g_strdup_printf (C_("calendar title", "March %d"), year);
    case 4:
      return g_strdup_printf (C_("calendar title", "April %d"), year);
    case 5:
      return g_strdup_printf (C_("calendar title", "May %d"), year);
    case 6:
      return g_strdup_printf (C_("calendar title", "June %d"), year);
    case 7:
      return g_strdup_printf (C_("calendar title", "July %d"), year);
    case 8:
      return g_strdup_printf (C_("calendar title", "August %d"), year);
    case 9:
      return g_strdup_printf (C_("calendar title", "September %d"), year);
    case 10:
      return g_strdup_printf (C_("calendar title", "October %d"), year);
    case 11:
      return g_strdup_printf (C_("calendar title", "November %d"), year);
    case 12:
      return g_strdup_printf (C_("calendar title", "December %d"), year);
    default:
      return g_strdup_printf ("%d/%d", (int) month, year);
    }
}

static GPtrArray *
entries_of_day (DdCalendarPage *self,
                const GDate    *date)
{
  if (self->by_day == NULL)
    return NULL;

  return g_hash_table_lookup (self->by_day, GUINT_TO_POINTER (g_date_get_julian (date)));
}

static char *
dup_entry_text (const DdCalendarEntry *entry)
{
  if (entry->occurrence != NULL)
    /* Translators: a deadline in the calendar: the period ("Quý II/2026"),
     * then the task. */
    return g_strdup_printf (C_("calendar deadline", "%s: %s"), entry->occurrence, entry->title);

  return g_strdup (entry->title);
}

static char *
dup_entry_tooltip (const DdCalendarEntry *entry)
{
  g_autofree char *date = dd_format_date (&entry->date);
  GString *text = g_string_new (entry->title);

  g_string_append_c (text, '\n');
  if (entry->occurrence != NULL)
    {
      /* Translators: in the tooltip of a deadline: which period it is for. */
      g_string_append_printf (text, _("Period: %s"), entry->occurrence);
      g_string_append_c (text, '\n');
    }
  if (entry->lead != NULL)
    {
      /* Translators: in the tooltip of a deadline: its lead unit. */
      g_string_append_printf (text, _("Lead unit: %s"), entry->lead);
      g_string_append_c (text, '\n');
    }
  /* Translators: in the tooltip of a deadline: the due date, then the status. */
  g_string_append_printf (text, _("Due %s — %s"), date, dd_task_status_get_label (entry->status));

  return g_string_free (text, FALSE);
}

static void
set_task_id (GObject *object,
             gint64   task_id)
{
  g_object_set_data_full (object, "dd-task-id", g_memdup2 (&task_id, sizeof task_id), g_free);
}

static gint64
get_task_id (GObject *object)
{
  const gint64 *id = g_object_get_data (object, "dd-task-id");

  return id != NULL ? *id : 0;
}

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

static const DdHoliday *
lookup_holiday (DdCalendarPage *self,
                const GDate    *date)
{
  if (self->workdays == NULL)
    return NULL;

  return dd_workdays_lookup (self->workdays, date);
}

static void
move_selection (DdCalendarPage *self,
                const GDate    *date,
                gboolean        grab_focus);

/* Callbacks */

static void
on_entry_clicked_cb (GtkButton      *button,
                     DdCalendarPage *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);
  gint64 task_id = get_task_id (G_OBJECT (button));

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));

  if (task_id > 0)
    g_signal_emit (self, signals [OPEN_TASK], 0, task_id);
}

static void
on_day_pressed_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   DdCalendarPage  *self)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  const GDate *date = g_object_get_data (G_OBJECT (cell), "dd-date");

  if (date != NULL && g_date_valid (date))
    {
      GDate day = *date;

      move_selection (self, &day, TRUE);
    }
}

/* Widgets */

static GtkWidget *
new_entry_button (DdCalendarPage        *self,
                  const DdCalendarEntry *entry,
                  gboolean               detailed)
{
  g_autofree char *text = dup_entry_text (entry);
  g_autofree char *tooltip = dup_entry_tooltip (entry);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *pill = dd_status_pill_new ();

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "calendar-entry");
  gtk_widget_set_tooltip_text (button, tooltip);
  set_task_id (G_OBJECT (button), entry->task_id);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_entry_clicked_cb), self, 0);

  gtk_widget_set_halign (pill, GTK_ALIGN_FILL);
  gtk_widget_set_hexpand (pill, TRUE);
  gtk_label_set_xalign (GTK_LABEL (pill), 0.0);

  if (!detailed)
    {
      /* Cut short: the cell's width decides, not the title's. */
      gtk_label_set_max_width_chars (GTK_LABEL (pill), 12);
      dd_status_pill_set_status (pill, entry->status, text);
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

static GtkWidget *
new_more_label (guint n_more)
{
  g_autofree char *text = NULL;
  GtkWidget *label;

  /* Translators: at the end of a long list of deadlines. */
  text = g_strdup_printf (ngettext ("… and %u more deadline: see the task list",
                                    "… and %u more deadlines: see the task list",
                                    n_more),
                          n_more);
  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* "+N": a menu button whose popover lists every deadline of the day. */
static GtkWidget *
new_more_button (DdCalendarPage *self,
                 const GDate    *date,
                 GPtrArray      *day_entries,
                 guint           n_hidden)
{
  g_autofree char *label = NULL;
  g_autofree char *heading_text = dd_format_date_long (date);
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *heading = gtk_label_new (heading_text);

  /* Translators: in a full day of the month view, the deadlines that do not fit. */
  label = g_strdup_printf (ngettext ("+%u more", "+%u more", n_hidden), n_hidden);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), label);
  gtk_menu_button_set_always_show_arrow (GTK_MENU_BUTTON (button), FALSE);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "calendar-more");
  gtk_widget_set_tooltip_text (button, _("Show every deadline of this day"));

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
  gtk_box_append (GTK_BOX (list), heading);
  for (guint i = 0; i < MIN (day_entries->len, MAX_LISTED); i++)
    gtk_box_append (GTK_BOX (list), new_entry_button (self, g_ptr_array_index (day_entries, i), TRUE));
  if (day_entries->len > MAX_LISTED)
    gtk_box_append (GTK_BOX (list), new_more_label (day_entries->len - MAX_LISTED));

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 480);
  gtk_widget_set_size_request (scrolled, 300, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_popover_set_child (GTK_POPOVER (popover), scrolled);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);

  return button;
}

static void
init_cell (DdCalendarPage *self,
           DayCell        *cell,
           gboolean        week)
{
  GtkGesture *gesture;
  GtkWidget *top;

  cell->widget = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_focusable (cell->widget, TRUE);
  gtk_widget_add_css_class (cell->widget, "calendar-day");
  gtk_widget_set_overflow (cell->widget, GTK_OVERFLOW_HIDDEN);
  g_date_clear (&cell->date, 1);
  g_object_set_data (G_OBJECT (cell->widget), "dd-date", &cell->date);

  gesture = gtk_gesture_click_new ();
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (on_day_pressed_cb), self, 0);
  gtk_widget_add_controller (cell->widget, GTK_EVENT_CONTROLLER (gesture));

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_box_append (GTK_BOX (cell->widget), top);

  cell->day_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (cell->day_label, "day-number");
  gtk_widget_set_valign (cell->day_label, GTK_ALIGN_START);

  cell->holiday_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (cell->holiday_label, "holiday-name");
  gtk_label_set_xalign (GTK_LABEL (cell->holiday_label), 0.0);

  cell->lunar_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (cell->lunar_label, "lunar-day");
  gtk_widget_set_valign (cell->lunar_label, GTK_ALIGN_START);
  gtk_widget_set_halign (cell->lunar_label, GTK_ALIGN_END);

  if (week)
    {
      /* Weekday and lunar day; the date; the day off, in full. */
      cell->weekday_label = gtk_label_new (NULL);
      gtk_widget_add_css_class (cell->weekday_label, "weekday-name");
      gtk_label_set_xalign (GTK_LABEL (cell->weekday_label), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (cell->weekday_label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (cell->weekday_label, TRUE);
      gtk_box_append (GTK_BOX (top), cell->weekday_label);
      gtk_box_append (GTK_BOX (top), cell->lunar_label);

      gtk_label_set_xalign (GTK_LABEL (cell->day_label), 0.0);
      gtk_widget_set_halign (cell->day_label, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (cell->widget), cell->day_label);

      gtk_label_set_wrap (GTK_LABEL (cell->holiday_label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (cell->holiday_label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (cell->holiday_label), 6);
      gtk_label_set_max_width_chars (GTK_LABEL (cell->holiday_label), 20);
      gtk_box_append (GTK_BOX (cell->widget), cell->holiday_label);
    }
  else
    {
      /* Day, day off (cut short, whole in the tooltip), lunar day. */
      gtk_label_set_ellipsize (GTK_LABEL (cell->holiday_label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (cell->holiday_label), 1);
      gtk_widget_set_hexpand (cell->holiday_label, TRUE);
      gtk_box_append (GTK_BOX (top), cell->day_label);
      gtk_box_append (GTK_BOX (top), cell->holiday_label);
      gtk_box_append (GTK_BOX (top), cell->lunar_label);
    }

  cell->entries = gtk_box_new (GTK_ORIENTATION_VERTICAL, week ? 4 : 1);
  gtk_box_append (GTK_BOX (cell->widget), cell->entries);
}

static void
update_cell (DdCalendarPage *self,
             DayCell        *cell,
             const GDate    *date,
             gboolean        week,
             gboolean        other_month)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *day_text = NULL;
  g_autofree char *lunar_text = NULL;
  g_autofree char *lunar_tooltip = NULL;
  g_autofree char *date_long = dd_format_date_long (date);
  g_autofree char *cell_tooltip = NULL;
  const DdHoliday *holiday = lookup_holiday (self, date);
  gboolean day_off = holiday != NULL && holiday->kind != DD_HOLIDAY_KIND_WORKING_SATURDAY;
  gboolean working_saturday = holiday != NULL && holiday->kind == DD_HOLIDAY_KIND_WORKING_SATURDAY;
  GPtrArray *day_entries = entries_of_day (self, date);
  guint n_entries = day_entries != NULL ? day_entries->len : 0;
  guint n_shown;
  DdLunarDate lunar;

  cell->date = *date;

  /* Day number; the weekday and full date in the week view. */
  if (week)
    {
      day_text = dd_format_date (date);
      gtk_label_set_text (GTK_LABEL (cell->weekday_label), dd_format_weekday (g_date_get_weekday (date)));
    }
  else
    day_text = g_strdup_printf ("%u", g_date_get_day (date));
  gtk_label_set_text (GTK_LABEL (cell->day_label), day_text);

  /* The lunar day: "1/M" on the first day of a lunar month, as wall
   * calendars print it, else the day alone. */
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
      if (lunar.day == 1)
        gtk_widget_add_css_class (cell->lunar_label, "month-start");
      else
        gtk_widget_remove_css_class (cell->lunar_label, "month-start");
    }
  gtk_label_set_text (GTK_LABEL (cell->lunar_label), lunar_text != NULL ? lunar_text : "");
  gtk_widget_set_tooltip_text (cell->lunar_label, lunar_tooltip);

  /* The day off, or the Saturday worked. */
  gtk_label_set_text (GTK_LABEL (cell->holiday_label), holiday != NULL ? holiday->name : "");
  gtk_widget_set_tooltip_text (cell->holiday_label, holiday != NULL ? holiday->name : NULL);
  if (week)
    gtk_widget_set_visible (cell->holiday_label, holiday != NULL);

  if (holiday != NULL)
    /* Translators: the tooltip of a day of the calendar: the date, then its day off. */
    cell_tooltip = g_strdup_printf (C_("calendar day", "%s\n%s"), date_long, holiday->name);
  else
    cell_tooltip = g_strdup (date_long);
  gtk_widget_set_tooltip_text (cell->widget, cell_tooltip);

  /* Shading. */
  if (day_off)
    gtk_widget_add_css_class (cell->widget, "holiday");
  else
    gtk_widget_remove_css_class (cell->widget, "holiday");
  if (is_weekend (date) && !working_saturday)
    gtk_widget_add_css_class (cell->widget, "weekend");
  else
    gtk_widget_remove_css_class (cell->widget, "weekend");
  if (working_saturday)
    gtk_widget_add_css_class (cell->widget, "working-day");
  else
    gtk_widget_remove_css_class (cell->widget, "working-day");
  if (other_month)
    gtk_widget_add_css_class (cell->widget, "other-month");
  else
    gtk_widget_remove_css_class (cell->widget, "other-month");
  if (g_date_compare (date, &self->today) == 0)
    gtk_widget_add_css_class (cell->widget, "today");
  else
    gtk_widget_remove_css_class (cell->widget, "today");
  if (g_date_compare (date, &self->selected) == 0)
    gtk_widget_add_css_class (cell->widget, "selected");
  else
    gtk_widget_remove_css_class (cell->widget, "selected");

  /* The deadlines. */
  remove_children (cell->entries);
  n_shown = week ? n_entries : MIN (n_entries, MAX_MONTH_ENTRIES);
  /* "+1" would take the room of the deadline it hides. */
  if (!week && n_entries == MAX_MONTH_ENTRIES + 1)
    n_shown = n_entries;
  if (week && n_shown > MAX_LISTED)
    n_shown = MAX_LISTED;
  for (guint i = 0; i < n_shown; i++)
    gtk_box_append (GTK_BOX (cell->entries),
                    new_entry_button (self, g_ptr_array_index (day_entries, i), week));
  if (week && n_shown < n_entries)
    gtk_box_append (GTK_BOX (cell->entries), new_more_label (n_entries - n_shown));
  if (!week && n_shown < n_entries)
    gtk_box_append (GTK_BOX (cell->entries),
                    new_more_button (self, date, day_entries, n_entries - n_shown));
}

/* The agenda */

static GtkWidget *
new_agenda_heading (const char *text,
                    const char *css_class)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (row, "agenda-heading");
  if (css_class != NULL)
    gtk_widget_add_css_class (row, css_class);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);

  return row;
}

static GtkWidget *
new_agenda_row (const DdCalendarEntry *entry,
                gboolean               show_date)
{
  g_autofree char *tooltip = dup_entry_tooltip (entry);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (entry->title);
  GtkWidget *pill = dd_status_pill_new ();
  GString *detail = g_string_new (NULL);
  GtkWidget *detail_label;

  gtk_widget_add_css_class (row, "agenda-row");
  gtk_widget_set_tooltip_text (row, tooltip);
  set_task_id (G_OBJECT (row), entry->task_id);

  if (show_date)
    {
      g_autofree char *date = dd_format_date (&entry->date);
      GtkWidget *date_label = gtk_label_new (date);

      gtk_widget_add_css_class (date_label, "numeric");
      gtk_widget_set_valign (date_label, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (box), date_label);
    }

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_box_append (GTK_BOX (text_box), title);

  if (entry->occurrence != NULL)
    g_string_append (detail, entry->occurrence);
  if (entry->lead != NULL)
    {
      if (detail->len > 0)
        g_string_append (detail, " · ");
      g_string_append (detail, entry->lead);
    }
  detail_label = gtk_label_new (detail->str);
  gtk_label_set_wrap (GTK_LABEL (detail_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (detail_label), 0.0);
  gtk_widget_add_css_class (detail_label, "dim-label");
  gtk_widget_set_visible (detail_label, detail->len > 0);
  gtk_box_append (GTK_BOX (text_box), detail_label);
  g_string_free (detail, TRUE);

  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_box_append (GTK_BOX (box), text_box);

  dd_status_pill_set_status (pill, entry->status, NULL);
  gtk_widget_set_valign (pill, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), pill);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
fill_agenda (DdCalendarPage *self)
{
  GtkWidget *child;
  guint n_overdue = 0;
  guint n_upcoming = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->agenda_list))) != NULL)
    gtk_list_box_remove (self->agenda_list, child);

  /* What is overdue or forgotten, oldest first, on top. */
  for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
    {
      const DdCalendarEntry *entry = g_ptr_array_index (self->entries, i);

      if (g_date_compare (&entry->date, &self->today) < 0
          && (entry->status == DD_STATUS_OVERDUE || entry->status == DD_STATUS_FORGOTTEN))
        n_overdue++;
    }

  if (n_overdue > 0)
    {
      g_autofree char *heading = NULL;

      /* Translators: the first heading of the agenda. */
      heading = g_strdup_printf (ngettext ("Overdue or forgotten: %u deadline",
                                           "Overdue or forgotten: %u deadlines",
                                           n_overdue),
                                 n_overdue);
      gtk_list_box_append (self->agenda_list, new_agenda_heading (heading, "overdue"));

      guint n_listed = 0;

      for (guint i = 0; i < self->entries->len && n_listed < MAX_LISTED; i++)
        {
          const DdCalendarEntry *entry = g_ptr_array_index (self->entries, i);

          if (g_date_compare (&entry->date, &self->today) < 0
              && (entry->status == DD_STATUS_OVERDUE || entry->status == DD_STATUS_FORGOTTEN))
            {
              gtk_list_box_append (self->agenda_list, new_agenda_row (entry, TRUE));
              n_listed++;
            }
        }
      if (n_listed < n_overdue)
        gtk_list_box_append (self->agenda_list, new_more_label (n_overdue - n_listed));
    }

  /* Then the next 30 days, day by day. */
  for (guint d = 0; d < AGENDA_DAYS; d++)
    {
      GDate day = self->today;
      GPtrArray *day_entries;
      const DdHoliday *holiday;
      g_autofree char *date_long = NULL;
      g_autofree char *heading = NULL;

      g_date_add_days (&day, d);
      day_entries = entries_of_day (self, &day);
      if (day_entries == NULL || day_entries->len == 0)
        continue;

      date_long = dd_format_date_long (&day);
      holiday = lookup_holiday (self, &day);
      if (d == 0)
        /* Translators: a day heading of the agenda: "Hôm nay, Thứ Tư, ngày 25 tháng 11 năm 2026". */
        heading = g_strdup_printf (_("Today, %s, %s"),
                                   dd_format_weekday (g_date_get_weekday (&day)), date_long);
      else
        /* Translators: a day heading of the agenda: "Thứ Năm, ngày 26 tháng 11 năm 2026". */
        heading = g_strdup_printf (C_("agenda day", "%s, %s"),
                                   dd_format_weekday (g_date_get_weekday (&day)), date_long);
      if (holiday != NULL)
        {
          char *with_holiday;

          /* Translators: a day heading of the agenda, then the day off it is. */
          with_holiday = g_strdup_printf (C_("agenda day", "%s (%s)"), heading, holiday->name);
          g_free (heading);
          heading = with_holiday;
        }

      gtk_list_box_append (self->agenda_list, new_agenda_heading (heading, d == 0 ? "today" : NULL));
      for (guint i = 0; i < MIN (day_entries->len, MAX_LISTED); i++)
        gtk_list_box_append (self->agenda_list, new_agenda_row (g_ptr_array_index (day_entries, i), FALSE));
      if (day_entries->len > MAX_LISTED)
        gtk_list_box_append (self->agenda_list, new_more_label (day_entries->len - MAX_LISTED));
      n_upcoming += day_entries->len;
    }

  if (n_upcoming == 0)
    gtk_list_box_append (self->agenda_list,
                         new_agenda_heading (_("Nothing falls due in the next 30 days."), "empty"));
}

/* Loading and showing */

static void
load_range (DdCalendarPage *self,
            const GDate    *start,
            const GDate    *end)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->by_day, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_object (&self->workdays);
  self->loaded_start = *start;
  self->loaded_end = *end;
  self->dirty = FALSE;
  self->by_day = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  if (self->store == NULL)
    return;

  self->workdays = dd_store_get_workdays (self->store, &error);
  if (self->workdays != NULL)
    self->entries = dd_store_list_calendar (self->store, start, end, &self->today, &error);

  if (self->workdays == NULL || self->entries == NULL)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (_("The deadlines could not be read: %s"), error->message);
      gtk_label_set_text (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  g_ptr_array_sort (self->entries, compare_entries);
  for (guint i = 0; i < self->entries->len; i++)
    {
      DdCalendarEntry *entry = g_ptr_array_index (self->entries, i);
      gpointer key = GUINT_TO_POINTER (g_date_get_julian (&entry->date));
      GPtrArray *day = g_hash_table_lookup (self->by_day, key);

      if (day == NULL)
        {
          day = g_ptr_array_new ();
          g_hash_table_insert (self->by_day, key, day);
        }
      g_ptr_array_add (day, entry);
    }
}

static void
update_title (DdCalendarPage *self)
{
  g_autofree char *title = NULL;

  switch (self->view)
    {
    case DD_CALENDAR_VIEW_WEEK:
      {
        g_autofree char *first = NULL;
        g_autofree char *last = NULL;
        GDate start, end;

        view_range (self, &start, &end);
        first = dd_format_date (&start);
        last = dd_format_date (&end);
        /* Translators: the title of the week view: the ISO week number, its first and last days. */
        title = g_strdup_printf (_("Week %u: %s – %s"),
                                 g_date_get_iso8601_week_of_year (&self->selected), first, last);
      }
      break;

    case DD_CALENDAR_VIEW_AGENDA:
      {
        g_autofree char *first = dd_format_date (&self->today);
        g_autofree char *last = NULL;
        GDate end = self->today;

        g_date_add_days (&end, AGENDA_DAYS - 1);
        last = dd_format_date (&end);
        /* Translators: the title of the agenda view. */
        title = g_strdup_printf (_("The next 30 days: %s – %s"), first, last);
      }
      break;

    case DD_CALENDAR_VIEW_MONTH:
    default:
      title = dup_month_title (g_date_get_month (&self->selected), g_date_get_year (&self->selected));
      break;
    }

  gtk_label_set_text (self->title_label, title);
}

static void
update_actions (DdCalendarPage *self)
{
  gboolean agenda = self->view == DD_CALENDAR_VIEW_AGENDA;
  g_autofree char *reason = NULL;

  /* The days off are settings, an administrator's; everyone else sees them
   * in the editor, read-only, with the reason on top. */
  if (self->store != NULL)
    reason = dd_access_dup_reason (self->store, DD_ACTION_EDIT_HOLIDAYS, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.previous", !agenda);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.next", !agenda);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.holidays", self->store != NULL);

  gtk_widget_set_tooltip_text (self->previous_button,
                               self->view == DD_CALENDAR_VIEW_WEEK
                               ? _("Previous week") : _("Previous month (Page Up)"));
  gtk_widget_set_tooltip_text (self->next_button,
                               self->view == DD_CALENDAR_VIEW_WEEK
                               ? _("Next week") : _("Next month (Page Down)"));
  if (reason == NULL)
    gtk_widget_set_tooltip_text (self->holidays_button,
                                 _("Add or remove the days off of the year shown, or mark a Saturday as a working day"));
  else
    {
      g_autofree char *text = NULL;

      /* Translators: the tooltip of "Days Off…" for whoever may not change them; %s says why. */
      text = g_strdup_printf (_("See the days off of the year shown. %s"), reason);
      gtk_widget_set_tooltip_text (self->holidays_button, text);
    }
}

/* Shows the view: reads the store again when the range it needs is not the
 * one loaded, or when the store changed. */
static void
refresh (DdCalendarPage *self)
{
  GDate start, end;

  view_range (self, &start, &end);
  if (self->dirty || self->by_day == NULL
      || g_date_compare (&start, &self->loaded_start) != 0
      || g_date_compare (&end, &self->loaded_end) != 0)
    load_range (self, &start, &end);

  switch (self->view)
    {
    case DD_CALENDAR_VIEW_WEEK:
      for (guint i = 0; i < 7; i++)
        {
          GDate day = start;

          g_date_add_days (&day, i);
          update_cell (self, &self->week_cells[i], &day, TRUE, FALSE);
        }
      break;

    case DD_CALENDAR_VIEW_AGENDA:
      fill_agenda (self);
      break;

    case DD_CALENDAR_VIEW_MONTH:
    default:
      self->n_month_rows = month_range (&self->selected, &start, &end);
      for (guint i = 0; i < N_MONTH_CELLS; i++)
        {
          GDate day = start;
          gboolean shown = i < self->n_month_rows * 7;

          g_date_add_days (&day, i);
          gtk_widget_set_visible (self->month_cells[i].widget, shown);
          if (shown)
            update_cell (self, &self->month_cells[i], &day, FALSE,
                         g_date_get_month (&day) != g_date_get_month (&self->selected));
          else
            g_date_clear (&self->month_cells[i].date, 1);
        }
      break;
    }

  update_title (self);
  update_actions (self);
}

static DayCell *
find_cell (DdCalendarPage *self,
           const GDate    *date)
{
  if (self->view == DD_CALENDAR_VIEW_MONTH)
    {
      for (guint i = 0; i < self->n_month_rows * 7; i++)
        if (g_date_valid (&self->month_cells[i].date)
            && g_date_compare (&self->month_cells[i].date, date) == 0)
          return &self->month_cells[i];
    }
  else if (self->view == DD_CALENDAR_VIEW_WEEK)
    {
      for (guint i = 0; i < 7; i++)
        if (g_date_valid (&self->week_cells[i].date)
            && g_date_compare (&self->week_cells[i].date, date) == 0)
          return &self->week_cells[i];
    }

  return NULL;
}

static void
move_selection (DdCalendarPage *self,
                const GDate    *date,
                gboolean        grab_focus)
{
  GDate start, end;
  DayCell *old_cell;
  DayCell *new_cell;

  if (!g_date_valid (date)
      || g_date_get_year (date) < DD_LUNAR_MIN_YEAR
      || g_date_get_year (date) > DD_LUNAR_MAX_YEAR)
    return;

  old_cell = find_cell (self, &self->selected);
  self->selected = *date;

  view_range (self, &start, &end);
  if (self->view != DD_CALENDAR_VIEW_AGENDA
      && g_date_compare (&start, &self->loaded_start) == 0
      && g_date_compare (&end, &self->loaded_end) == 0
      && !self->dirty)
    {
      /* The same month or week: only the selection moves. */
      if (old_cell != NULL)
        gtk_widget_remove_css_class (old_cell->widget, "selected");
      new_cell = find_cell (self, &self->selected);
      if (new_cell != NULL)
        gtk_widget_add_css_class (new_cell->widget, "selected");
      update_title (self);
    }
  else
    refresh (self);

  new_cell = find_cell (self, &self->selected);
  if (grab_focus && new_cell != NULL)
    gtk_widget_grab_focus (new_cell->widget);
}

static void
move_months (DdCalendarPage *self,
             int             months,
             gboolean        grab_focus)
{
  GDate date = self->selected;

  if (months >= 0)
    g_date_add_months (&date, (guint) months);
  else
    g_date_subtract_months (&date, (guint) -months);
  move_selection (self, &date, grab_focus);
}

static void
move_days (DdCalendarPage *self,
           int             days,
           gboolean        grab_focus)
{
  GDate date = self->selected;

  date_add_days (&date, days);
  move_selection (self, &date, grab_focus);
}

static void
go_to_today (DdCalendarPage *self,
             gboolean        grab_focus)
{
  GDate today;

  g_date_clear (&today, 1);
  dd_date_set_today (&today);
  if (g_date_compare (&today, &self->today) != 0)
    {
      self->today = today;
      self->dirty = TRUE;
    }
  move_selection (self, &self->today, grab_focus);
}

/* Callbacks */

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   DdCalendarPage        *self)
{
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;

  /* The agenda is a list: its keys scroll it. */
  if (self->view == DD_CALENDAR_VIEW_AGENDA)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_days (self, gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? 1 : -1, TRUE);
      return TRUE;

    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_days (self, gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? -1 : 1, TRUE);
      return TRUE;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_days (self, -7, TRUE);
      return TRUE;

    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_days (self, 7, TRUE);
      return TRUE;

    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      move_months (self, -1, TRUE);
      return TRUE;

    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      move_months (self, 1, TRUE);
      return TRUE;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      go_to_today (self, TRUE);
      return TRUE;

    default:
      return FALSE;
    }
}

static void
on_view_stack_visible_child_cb (DdCalendarPage *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->view_stack);

  for (guint i = 0; i < G_N_ELEMENTS (view_names); i++)
    if (g_strcmp0 (name, view_names[i]) == 0 && self->view != (DdCalendarView) i)
      {
        self->view = i;
        refresh (self);
        break;
      }
}

static void
on_agenda_list_row_activated_cb (DdCalendarPage *self,
                                 GtkListBoxRow  *row)
{
  gint64 task_id = get_task_id (G_OBJECT (row));

  if (task_id > 0)
    g_signal_emit (self, signals [OPEN_TASK], 0, task_id);
}

static void
on_store_changed_cb (DdCalendarPage *self)
{
  self->dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
}

/* Actions */

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  DdCalendarPage *self = DD_CALENDAR_PAGE (widget);

  if (self->view == DD_CALENDAR_VIEW_WEEK)
    move_days (self, -7, FALSE);
  else
    move_months (self, -1, FALSE);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DdCalendarPage *self = DD_CALENDAR_PAGE (widget);

  if (self->view == DD_CALENDAR_VIEW_WEEK)
    move_days (self, 7, FALSE);
  else
    move_months (self, 1, FALSE);
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  go_to_today (DD_CALENDAR_PAGE (widget), FALSE);
}

static void
holidays_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  DdCalendarPage *self = DD_CALENDAR_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  DdHolidayEditor *editor;

  if (self->store == NULL)
    return;

  editor = dd_holiday_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                  self->store, (int) g_date_get_year (&self->selected));
  gtk_window_present (GTK_WINDOW (editor));
}

/* GObject overrides */

static void
dd_calendar_page_map (GtkWidget *widget)
{
  DdCalendarPage *self = DD_CALENDAR_PAGE (widget);
  GDate today;

  GTK_WIDGET_CLASS (dd_calendar_page_parent_class)->map (widget);

  /* The day may have turned while the page was hidden. */
  g_date_clear (&today, 1);
  dd_date_set_today (&today);
  if (g_date_compare (&today, &self->today) != 0)
    {
      self->today = today;
      self->dirty = TRUE;
    }

  if (self->dirty)
    refresh (self);
}

static void
dd_calendar_page_dispose (GObject *object)
{
  DdCalendarPage *self = DD_CALENDAR_PAGE (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_CALENDAR_PAGE);

  g_clear_pointer (&self->by_day, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_object (&self->workdays);

  G_OBJECT_CLASS (dd_calendar_page_parent_class)->dispose (object);
}

static void
dd_calendar_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DdCalendarPage *self = DD_CALENDAR_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_calendar_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DdCalendarPage *self = DD_CALENDAR_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      dd_calendar_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_calendar_page_class_init (DdCalendarPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_calendar_page_dispose;
  object_class->get_property = dd_calendar_page_get_property;
  object_class->set_property = dd_calendar_page_set_property;

  widget_class->map = dd_calendar_page_map;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DD_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DdCalendarPage::open-task:
   * @task_id: the task of the deadline activated
   *
   * Asks the window to open a task.
   */
  signals [OPEN_TASK] =
    g_signal_new ("open-task",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-calendar-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, box);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, header_box);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, previous_button);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, today_button);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, switcher);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, holidays_button);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, month_header);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, month_grid);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, week_grid);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, agenda_list);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, legend_box);
  gtk_widget_class_bind_template_callback (widget_class, on_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_stack_visible_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_agenda_list_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "calendar.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "calendar.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "calendar.today", NULL, today_action);
  gtk_widget_class_install_action (widget_class, "calendar.holidays", NULL, holidays_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "calendarpage");
}

static void
dd_calendar_page_init (DdCalendarPage *self)
{
  GDateWeekday first = dd_format_first_weekday ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_date_clear (&self->today, 1);
  dd_date_set_today (&self->today);
  self->selected = self->today;
  g_date_clear (&self->loaded_start, 1);
  g_date_clear (&self->loaded_end, 1);
  self->view = DD_CALENDAR_VIEW_MONTH;

  /* Weekday names, Monday first. */
  for (guint i = 0; i < 7; i++)
    {
      GDateWeekday weekday = (GDateWeekday) ((first - 1 + i) % 7 + 1);
      GtkWidget *label = gtk_label_new (dd_format_weekday (weekday));

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "weekday-name");
      if (weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY)
        gtk_widget_add_css_class (label, "weekend");
      gtk_grid_attach (self->month_header, label, i, 0, 1, 1);
    }

  for (guint i = 0; i < N_MONTH_CELLS; i++)
    {
      init_cell (self, &self->month_cells[i], FALSE);
      gtk_grid_attach (self->month_grid, self->month_cells[i].widget, i % 7, i / 7, 1, 1);
    }

  for (guint i = 0; i < 7; i++)
    {
      init_cell (self, &self->week_cells[i], TRUE);
      gtk_grid_attach (self->week_grid, self->week_cells[i].widget, i, 0, 1, 1);
    }

  /* What the colours mean. */
  {
    static const DdTaskStatus legend[] = {
      DD_STATUS_OVERDUE, DD_STATUS_FORGOTTEN, DD_STATUS_DUE_SOON, DD_STATUS_IN_PROGRESS,
      DD_STATUS_DONE_LATE, DD_STATUS_DONE_ON_TIME,
    };
    GtkWidget *holiday = gtk_label_new (_("Day off"));
    GtkWidget *weekend = gtk_label_new (_("Weekend"));

    for (guint i = 0; i < G_N_ELEMENTS (legend); i++)
      {
        GtkWidget *pill = dd_status_pill_new ();

        dd_status_pill_set_status (pill, legend[i], NULL);
        gtk_box_append (self->legend_box, pill);
      }

    gtk_widget_set_hexpand (holiday, TRUE);
    gtk_widget_set_halign (holiday, GTK_ALIGN_END);
    gtk_widget_add_css_class (holiday, "legend-holiday");
    gtk_box_append (self->legend_box, holiday);
    gtk_widget_add_css_class (weekend, "legend-weekend");
    gtk_box_append (self->legend_box, weekend);
  }

  refresh (self);
}

/* Public API */

/**
 * dd_calendar_page_new:
 * @store: (nullable): the database
 *
 * Returns: (transfer floating): a new calendar page
 */
GtkWidget *
dd_calendar_page_new (DdStore *store)
{
  return g_object_new (DD_TYPE_CALENDAR_PAGE, "store", store, NULL);
}

/**
 * dd_calendar_page_get_store:
 *
 * Returns: (transfer none) (nullable): the database shown
 */
DdStore *
dd_calendar_page_get_store (DdCalendarPage *self)
{
  g_return_val_if_fail (DD_IS_CALENDAR_PAGE (self), NULL);

  return self->store;
}

void
dd_calendar_page_set_store (DdCalendarPage *self,
                            DdStore        *store)
{
  g_return_if_fail (DD_IS_CALENDAR_PAGE (self));
  g_return_if_fail (store == NULL || DD_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  g_set_object (&self->store, store);

  if (self->store != NULL)
    {
      /* The page's own writes (the days off) and those of other desktops. */
      g_signal_connect_object (self->store, "changed",
                               G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
      if (g_signal_lookup ("external-change", DD_TYPE_STORE) != 0)
        g_signal_connect_object (self->store, "external-change",
                                 G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
      dd_access_connect (self->store, G_CALLBACK (update_actions), self);
    }

  dd_calendar_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE]);
}

/**
 * dd_calendar_page_reload:
 *
 * Reads the deadlines and the days off from the store again.
 */
void
dd_calendar_page_reload (DdCalendarPage *self)
{
  g_return_if_fail (DD_IS_CALENDAR_PAGE (self));

  self->dirty = TRUE;
  refresh (self);
}

void
dd_calendar_page_get_date (DdCalendarPage *self,
                           GDate          *out)
{
  g_return_if_fail (DD_IS_CALENDAR_PAGE (self));
  g_return_if_fail (out != NULL);

  *out = self->selected;
}

void
dd_calendar_page_set_date (DdCalendarPage *self,
                           const GDate    *date)
{
  g_return_if_fail (DD_IS_CALENDAR_PAGE (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  move_selection (self, date, FALSE);
}

DdCalendarView
dd_calendar_page_get_view (DdCalendarPage *self)
{
  g_return_val_if_fail (DD_IS_CALENDAR_PAGE (self), DD_CALENDAR_VIEW_MONTH);

  return self->view;
}

void
dd_calendar_page_set_view (DdCalendarPage *self,
                           DdCalendarView  view)
{
  g_return_if_fail (DD_IS_CALENDAR_PAGE (self));
  g_return_if_fail ((guint) view < G_N_ELEMENTS (view_names));

  /* The stack's notification refreshes the page. */
  gtk_stack_set_visible_child_name (self->view_stack, view_names[view]);
}

GtkWidget *
dd_calendar_page_get_day_widget (DdCalendarPage *self,
                                 const GDate    *date)
{
  DayCell *cell;

  g_return_val_if_fail (DD_IS_CALENDAR_PAGE (self), NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  cell = find_cell (self, date);
  return cell != NULL ? cell->widget : NULL;
}
