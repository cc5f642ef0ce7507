/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-calendar-page"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-calendar-page.h"
#include "dd-calendar-actions.h"
#include "dd-access.h"
#include "dd-calendar-agenda.h"
#include "dd-calendar-day.h"
#include "dd-calendar-deadline.h"
#include "dd-calendar-range.h"
#include "dd-page.h"
#include "dd-status-pill.h"

/*
 * DdCalendarPage: the deadline calendar. Three views of the same data, the
 * store's deadline calendar (dd_calendar_list_entries(): tasks with a date,
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
 * emits "open-task"; activating an occurrence (a periodic report, an ad hoc
 * report, an update month, forgotten or due) emits "open-task-period"
 * instead, with the period, when someone listens to it (the window opens
 * the task editor on its reports at that period).
 *
 * Each day of the month and week views is a DdCalendarDay; the agenda is
 * filled by dd_calendar_agenda_fill(). The page reads the deadlines of the
 * days shown, keeps the selection and moves it (the keys and the header's
 * actions are dd-calendar-actions.c's).
 *
 * The deadlines are read on the calendar's worker
 * (dd_calendar_list_entries_async(): a month of a file of years of plans
 * is tens of thousands of entries, longer to read than a frame may wait).
 * While they are read the title already names the month or week asked
 * for, a spinner turns beside it ("loading"), and the days shown stay as
 * they were until the new ones come, all at once; a newer request (the
 * next key, the file changed again) drops the one before. A week inside
 * the days loaded (of its month) is shown at once.
 */

#define N_MONTH_CELLS 42

struct _DdCalendarPage
{
  GtkWidget parent_instance;

  DdStore *store;
  DdCalendar *calendar;     /* of the store: keeps the month last listed */
  DdWorkdays *workdays;
  GPtrArray *entries;       /* DdCalendarEntry of [loaded_start, loaded_end] */
  GHashTable *by_day;       /* julian day → GPtrArray of entries (not owned) */
  GDate loaded_start;
  GDate loaded_end;
  GDate shown_start;        /* the days the view's cells show */
  GDate shown_end;
  GCancellable *cancellable;  /* the load asked for last, while it runs */
  GDate loading_start;      /* its days */
  GDate loading_end;
  GDate selected;
  GDate today;
  DdCalendarView view;
  gboolean dirty;           /* the file changed since the last load asked for */
  gboolean loading;
  gboolean focus_on_load;   /* the selected day takes the focus once shown */
  guint n_month_rows;
  DdCalendarDay *month_cells[N_MONTH_CELLS];
  DdCalendarDay *week_cells[7];

  /* Template children */
  GtkWidget *box;
  GtkWidget *header_box;
  GtkWidget *previous_button;
  GtkWidget *today_button;
  GtkWidget *next_button;
  GtkLabel *title_label;
  GtkSpinner *spinner;
  GtkWidget *switcher;
  GtkWidget *holidays_button;
  GtkLabel *error_label;
  GtkStack *view_stack;
  GtkGrid *month_header;
  GtkGrid *month_grid;
  GtkGrid *week_grid;
  GtkListView *agenda_list;
  GListStore *agenda_items;   /* DdCalendarAgendaItem */
  GtkBox *legend_box;
  GtkLabel *legend_holiday;   /* "Day off", or "(expected)" for a year not announced */
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  OPEN_TASK,
  OPEN_TASK_PERIOD,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void dd_calendar_page_page_init (DdPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdCalendarPage, dd_calendar_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DD_TYPE_PAGE, dd_calendar_page_page_init))

static const char * const view_names[] = { "month", "week", "agenda" };

/* Auxiliary methods */

static void
view_range (DdCalendarPage *self,
            GDate          *out_start,
            GDate          *out_end)
{
  dd_calendar_range_of_view (self->view, &self->selected, &self->today, out_start, out_end);
}

static GPtrArray *
entries_of_day (DdCalendarPage *self,
                const GDate    *date)
{
  if (self->by_day == NULL)
    return NULL;

  return g_hash_table_lookup (self->by_day, GUINT_TO_POINTER (g_date_get_julian (date)));
}

/* Callbacks */

/* The year and index of the occurrence @entry stands for (the entry has
 * its kind, due date and label): read from the task's occurrences due that
 * day. */
static gboolean
find_period (DdCalendarPage        *self,
             const DdCalendarEntry *entry,
             int                   *out_year,
             int                   *out_index)
{
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autoptr(GError) error = NULL;

  if (self->calendar == NULL)
    return FALSE;

  occurrences = dd_calendar_list_occurrences (self->calendar, entry->task_id, &entry->date, &entry->date,
                                              &self->today, &error);
  if (occurrences == NULL)
    {
      g_debug ("Could not read the occurrences of task %" G_GINT64_FORMAT ": %s",
               entry->task_id, error->message);
      return FALSE;
    }

  for (guint i = 0; i < occurrences->len; i++)
    {
      const DdOccurrence *occ = g_ptr_array_index (occurrences, i);

      if (occ->kind == entry->kind && g_strcmp0 (occ->label, entry->occurrence) == 0)
        {
          *out_year = occ->year;
          *out_index = occ->index;
          return TRUE;
        }
    }
  return FALSE;
}

/* Asks for the task of @entry, at its period when it is an occurrence. */
static void
open_entry (DdCalendarPage        *self,
            const DdCalendarEntry *entry)
{
  int year, index;

  if (entry->occurrence != NULL
      && g_signal_has_handler_pending (self, signals [OPEN_TASK_PERIOD], 0, FALSE)
      && find_period (self, entry, &year, &index))
    g_signal_emit (self, signals [OPEN_TASK_PERIOD], 0, entry->task_id, (int) entry->kind, year, index);
  else
    g_signal_emit (self, signals [OPEN_TASK], 0, entry->task_id);
}

static void
on_day_open_entry_cb (DdCalendarDay         *day,
                      const DdCalendarEntry *entry,
                      DdCalendarPage        *self)
{
  open_entry (self, entry);
}

static void
on_day_pressed_cb (DdCalendarDay  *day,
                   DdCalendarPage *self)
{
  const GDate *date = dd_calendar_day_get_date (day);

  if (g_date_valid (date))
    {
      GDate selected = *date;

      _dd_calendar_page_select (self, &selected, TRUE);
    }
}

/* The days */

static DdCalendarDay *
new_day (DdCalendarPage *self,
         gboolean        week)
{
  GtkWidget *day = dd_calendar_day_new (week);

  g_signal_connect_object (day, "open-entry", G_CALLBACK (on_day_open_entry_cb), self, 0);
  g_signal_connect_object (day, "pressed", G_CALLBACK (on_day_pressed_cb), self, 0);
  return DD_CALENDAR_DAY (day);
}

static void
show_day (DdCalendarPage *self,
          DdCalendarDay  *day,
          const GDate    *date,
          gboolean        other_month)
{
  DdCalendarDayFlags flags = 0;

  if (other_month)
    flags |= DD_CALENDAR_DAY_OTHER_MONTH;
  if (g_date_compare (date, &self->today) == 0)
    flags |= DD_CALENDAR_DAY_TODAY;
  if (g_date_compare (date, &self->selected) == 0)
    flags |= DD_CALENDAR_DAY_SELECTED;

  dd_calendar_day_show (day, date, self->workdays, entries_of_day (self, date), flags);
}

/* Loading and showing */

/* The spinner turns while deadlines are read, and while a long agenda
 * comes into its list. */
static void
update_spinner (DdCalendarPage *self)
{
  gboolean busy = self->loading || dd_calendar_agenda_is_filling (self->agenda_items);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
set_loading (DdCalendarPage *self,
             gboolean        loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  update_spinner (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

/* The last of a long agenda is in its list. */
static void
on_agenda_filled (gpointer data)
{
  DdCalendarPage *self = data;

  update_spinner (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

/* Drops the load asked for last, if it still runs: its days are not those
 * to show any more. */
static void
cancel_load (DdCalendarPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

/* Keeps the deadlines of [@start, @end] (@entries and @workdays: transfer
 * full, %NULL with @error), sorted as the days show them. */
static void
take_entries (DdCalendarPage *self,
              const GDate    *start,
              const GDate    *end,
              DdWorkdays     *workdays,
              GPtrArray      *entries,
              const GError   *error)
{
  g_clear_pointer (&self->by_day, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_object (&self->workdays);
  self->loaded_start = *start;
  self->loaded_end = *end;
  self->by_day = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->workdays = workdays;
  self->entries = entries;

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  if (error != NULL)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (_("The deadlines could not be read: %s"), error->message);
      gtk_label_set_text (self->error_label, text);
      return;
    }

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
  g_autofree char *title = dd_calendar_range_dup_title (self->view, &self->selected, &self->today);

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

/* Fills the view's cells with the days of [@start, @end], from the
 * deadlines loaded (which hold them). */
static void
show_view (DdCalendarPage *self,
           const GDate    *start,
           const GDate    *end)
{
  self->shown_start = *start;
  self->shown_end = *end;
  /* The rest of an agenda no longer shown: it is filled again when it is. */
  if (self->view != DD_CALENDAR_VIEW_AGENDA && dd_calendar_agenda_is_filling (self->agenda_items))
    {
      dd_calendar_agenda_stop_filling (self->agenda_items);
      on_agenda_filled (self);
    }
  switch (self->view)
    {
    case DD_CALENDAR_VIEW_WEEK:
      for (guint i = 0; i < 7; i++)
        {
          GDate day = *start;

          g_date_add_days (&day, i);
          show_day (self, self->week_cells[i], &day, FALSE);
        }
      break;

    case DD_CALENDAR_VIEW_AGENDA:
      dd_calendar_agenda_fill (self->agenda_items, self->entries, self->by_day, self->workdays, &self->today,
                               on_agenda_filled, self);
      update_spinner (self);
      break;

    case DD_CALENDAR_VIEW_MONTH:
    default:
      self->n_month_rows = (g_date_days_between (start, end) + 1) / 7;
      for (guint i = 0; i < N_MONTH_CELLS; i++)
        {
          GDate day = *start;
          gboolean shown = i < self->n_month_rows * 7;

          g_date_add_days (&day, i);
          gtk_widget_set_visible (GTK_WIDGET (self->month_cells[i]), shown);
          if (shown)
            show_day (self, self->month_cells[i], &day,
                      g_date_get_month (&day) != g_date_get_month (&self->selected));
          else
            dd_calendar_day_clear (self->month_cells[i]);
        }
      break;
    }

  dd_calendar_day_describe_year (self->legend_holiday, self->workdays, g_date_get_year (&self->selected));
}

/* Whether the deadlines loaded are those of [@start, @end] as the file
 * is: for the agenda, its very days; a month or a week, within them. */
static gboolean
is_loaded (DdCalendarPage *self,
           const GDate    *start,
           const GDate    *end)
{
  if (self->dirty || self->by_day == NULL)
    return FALSE;
  if (self->view == DD_CALENDAR_VIEW_AGENDA)
    return g_date_compare (start, &self->loaded_start) == 0 && g_date_compare (end, &self->loaded_end) == 0;
  return g_date_compare (start, &self->loaded_start) >= 0 && g_date_compare (end, &self->loaded_end) <= 0;
}

static void on_entries_loaded_cb (GObject      *source,
                                  GAsyncResult *result,
                                  gpointer      user_data);

/* Asks the worker for the deadlines of [@start, @end], unless they are
 * asked for already and the file did not change since. */
static void
start_load (DdCalendarPage *self,
            const GDate    *start,
            const GDate    *end)
{
  if (self->cancellable != NULL && !self->dirty
      && g_date_compare (start, &self->loading_start) == 0 && g_date_compare (end, &self->loading_end) == 0)
    return;

  cancel_load (self);
  self->dirty = FALSE;
  self->loading_start = *start;
  self->loading_end = *end;
  self->cancellable = g_cancellable_new ();
  dd_calendar_list_entries_async (self->calendar, start, end, &self->today, dd_calendar_deadline_compare,
                                  self->cancellable, on_entries_loaded_cb, self);
  set_loading (self, TRUE);
}

/* Shows the view of the selected day: at once when its deadlines are
 * loaded; else the title says what comes, and the days shown stay until
 * the deadlines are read (on_entries_loaded_cb()). */
static void
refresh (DdCalendarPage *self)
{
  GDate start, end;

  view_range (self, &start, &end);
  update_title (self);
  update_actions (self);
  if (self->store != NULL && !is_loaded (self, &start, &end))
    {
      start_load (self, &start, &end);
      return;
    }

  /* Whatever was asked for before is not what to show now. */
  cancel_load (self);
  set_loading (self, FALSE);
  show_view (self, &start, &end);
}

/* The day of @date in the month or week view shown, or %NULL. */
static DdCalendarDay *
find_cell (DdCalendarPage *self,
           const GDate    *date)
{
  DdCalendarDay **cells = NULL;
  guint n_cells = 0;

  if (self->view == DD_CALENDAR_VIEW_MONTH)
    {
      cells = self->month_cells;
      n_cells = self->n_month_rows * 7;
    }
  else if (self->view == DD_CALENDAR_VIEW_WEEK)
    {
      cells = self->week_cells;
      n_cells = 7;
    }

  for (guint i = 0; i < n_cells; i++)
    {
      const GDate *cell_date = dd_calendar_day_get_date (cells[i]);

      if (g_date_valid (cell_date) && g_date_compare (cell_date, date) == 0)
        return cells[i];
    }

  return NULL;
}

void
_dd_calendar_page_select (DdCalendarPage *self,
                          const GDate    *date,
                          gboolean        grab_focus)
{
  GDate start, end;
  DdCalendarDay *old_cell;
  DdCalendarDay *new_cell;

  if (!g_date_valid (date)
      || g_date_get_year (date) < DD_LUNAR_MIN_YEAR
      || g_date_get_year (date) > DD_LUNAR_MAX_YEAR)
    return;

  old_cell = find_cell (self, &self->selected);
  self->selected = *date;

  view_range (self, &start, &end);
  if (self->view != DD_CALENDAR_VIEW_AGENDA
      && g_date_compare (&start, &self->shown_start) == 0
      && g_date_compare (&end, &self->shown_end) == 0
      && !self->dirty && !self->loading)
    {
      /* The same month or week: only the selection moves. */
      if (old_cell != NULL)
        dd_calendar_day_set_selected (old_cell, FALSE);
      new_cell = find_cell (self, &self->selected);
      if (new_cell != NULL)
        dd_calendar_day_set_selected (new_cell, TRUE);
      update_title (self);
    }
  else
    refresh (self);

  /* While the days come, the focus stays where it is, and goes to the
   * selected day once it is shown. */
  self->focus_on_load = grab_focus && self->loading;
  new_cell = self->loading ? NULL : find_cell (self, &self->selected);
  if (grab_focus && new_cell != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (new_cell));
}

void
_dd_calendar_page_go_to_today (DdCalendarPage *self,
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
  _dd_calendar_page_select (self, &self->today, grab_focus);
}

/* Callbacks */

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

/* A deadline of the agenda opens its task, at its period; headings are
 * not activatable. */
static void
on_agenda_list_activate_cb (DdCalendarPage *self,
                            guint           position)
{
  g_autoptr(DdCalendarAgendaItem) item = g_list_model_get_item (G_LIST_MODEL (self->agenda_items), position);
  const DdCalendarEntry *entry = item != NULL ? dd_calendar_agenda_item_get_entry (item) : NULL;

  if (entry != NULL && entry->task_id > 0)
    open_entry (self, entry);
}

/* The deadlines asked for last. A request dropped since (a newer one, the
 * page disposed: it cancels its request) gives G_IO_ERROR_CANCELLED, and
 * the page is not touched. */
static void
on_entries_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  DdCalendarPage *self = user_data;
  g_autoptr(GError) error = NULL;
  DdWorkdays *workdays = NULL;
  GPtrArray *entries = dd_calendar_list_entries_finish (DD_CALENDAR (source), result, &workdays, &error);
  DdCalendarDay *cell;
  GDate start, end;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  take_entries (self, &self->loading_start, &self->loading_end, workdays, entries, error);
  set_loading (self, FALSE);
  /* The days asked for last are those of the view. */
  view_range (self, &start, &end);
  show_view (self, &start, &end);

  cell = find_cell (self, &self->selected);
  if (self->focus_on_load && cell != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (cell));
  self->focus_on_load = FALSE;
}

static void
on_store_changed_cb (DdCalendarPage *self)
{
  self->dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
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
  cancel_load (self);
  if (self->agenda_items != NULL)
    dd_calendar_agenda_stop_filling (self->agenda_items);
  g_clear_object (&self->calendar);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_CALENDAR_PAGE);

  g_clear_pointer (&self->by_day, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_object (&self->workdays);
  g_clear_object (&self->agenda_items);

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

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
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
dd_calendar_page_refresh (DdPage *page)
{
  dd_calendar_page_reload (DD_CALENDAR_PAGE (page));
}

static void
dd_calendar_page_page_init (DdPageInterface *iface)
{
  iface->title = N_("Calendar");
  iface->icon_name = "x-office-calendar-symbolic";
  iface->refresh = dd_calendar_page_refresh;
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

  g_object_class_override_property (object_class, PROP_STORE, "store");

  /**
   * DdCalendarPage:loading:
   *
   * Whether the deadlines of the days asked for last are still being read
   * (a spinner turns beside the title); the days shown are theirs once it
   * is %FALSE.
   */
  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, PROP_LOADING, properties [PROP_LOADING]);

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

  /**
   * DdCalendarPage::open-task-period:
   * @task_id: the task of the occurrence activated
   * @kind: its #DdOccurrenceKind
   * @year: its year
   * @index: its index (the report's id for an ad hoc one)
   *
   * Asks the window to open a task at one of its periods (the editor's
   * reports, that period's row selected: dd_task_periods_select_period()).
   * Emitted instead of "open-task" for an occurrence, when connected.
   */
  signals [OPEN_TASK_PERIOD] =
    g_signal_new ("open-task-period",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_INT64, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-calendar-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, box);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, header_box);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, previous_button);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, today_button);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, switcher);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, holidays_button);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, month_header);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, month_grid);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, week_grid);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, agenda_list);
  gtk_widget_class_bind_template_child (widget_class, DdCalendarPage, legend_box);
  gtk_widget_class_bind_template_callback (widget_class, on_view_stack_visible_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_agenda_list_activate_cb);

  /* The keys (Page Up and Down, Home, the arrows, Ctrl+1, 2, 3) and the
   * header's actions. */
  _dd_calendar_actions_class_init (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "calendarpage");
}

static void
dd_calendar_page_init (DdCalendarPage *self)
{
  GDateWeekday first = dd_format_first_weekday ();

  gtk_widget_init_template (GTK_WIDGET (self));
  _dd_calendar_actions_init (self);

  g_date_clear (&self->today, 1);
  dd_date_set_today (&self->today);
  self->selected = self->today;
  g_date_clear (&self->loaded_start, 1);
  g_date_clear (&self->loaded_end, 1);
  g_date_clear (&self->shown_start, 1);
  g_date_clear (&self->shown_end, 1);
  g_date_clear (&self->loading_start, 1);
  g_date_clear (&self->loading_end, 1);
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
      self->month_cells[i] = new_day (self, FALSE);
      gtk_grid_attach (self->month_grid, GTK_WIDGET (self->month_cells[i]), i % 7, i / 7, 1, 1);
    }

  for (guint i = 0; i < 7; i++)
    {
      self->week_cells[i] = new_day (self, TRUE);
      gtk_grid_attach (self->week_grid, GTK_WIDGET (self->week_cells[i]), i, 0, 1, 1);
    }

  /* The agenda: a row widget only for the items in view, however many
   * deadlines (some 6,000 on a 100,000-task file). */
  {
    g_autoptr(GtkListItemFactory) factory = dd_calendar_agenda_new_factory ();

    self->agenda_items = g_list_store_new (DD_TYPE_CALENDAR_AGENDA_ITEM);
    gtk_list_view_set_factory (self->agenda_list, factory);
    gtk_list_view_set_model (self->agenda_list,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->agenda_items)))));
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
    self->legend_holiday = GTK_LABEL (holiday);
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

  if (store == self->store)
    return;
  /* The calendar's object first: the refresh below reads through it. */
  g_clear_object (&self->calendar);
  if (store != NULL)
    self->calendar = dd_calendar_new (store);
  /* "changed": the page's own writes (the days off) and, found by the
   * window's polling, those of other desktops. */
  if (!dd_page_set_store_field (DD_PAGE (self), &self->store, store, G_CALLBACK (on_store_changed_cb)))
    return;
  if (self->store != NULL)
    dd_access_connect (self->store, G_CALLBACK (update_actions), self);
}

/**
 * dd_calendar_page_reload:
 *
 * Reads the deadlines and the days off from the store again, on the
 * calendar's worker: the days shown stay until they are read (see
 * dd_calendar_page_is_loading()).
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

  _dd_calendar_page_select (self, date, FALSE);
}

/**
 * dd_calendar_page_is_loading:
 *
 * Returns: whether the deadlines of the days asked for last are still
 *   being read (or, in the agenda, still coming into its list); the days
 *   shown are theirs once it is %FALSE
 */
gboolean
dd_calendar_page_is_loading (DdCalendarPage *self)
{
  g_return_val_if_fail (DD_IS_CALENDAR_PAGE (self), FALSE);

  return self->loading || dd_calendar_agenda_is_filling (self->agenda_items);
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
  DdCalendarDay *cell;

  g_return_val_if_fail (DD_IS_CALENDAR_PAGE (self), NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  cell = find_cell (self, date);
  return cell != NULL ? GTK_WIDGET (cell) : NULL;
}
