/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dd-calendar-page.h"
#include "dd-column-sorter.h"
#include "dd-dashboard-page.h"
#include "dd-indicators-page.h"
#include "dd-overview-page.h"
#include "dd-reminder.h"
#include "dd-status-pill.h"
#include "dd-task-editor.h"
#include "dd-units-page.h"
#include "dd-window-private.h"

/*
 * DdWindow: the main window. A sidebar chooses among the pages of a
 * GtkStack; the first, "Tasks", is built by the template: a filter bar over
 * a GtkColumnView of the lazy DdTaskList of the store, and a status bar with
 * the counts by status.
 *
 * The list is filtered and sorted by the database (DdTaskQuery), never by a
 * GtkFilterListModel or GtkSortListModel: those read every item, and a plan
 * archive may hold 100,000 tasks.
 */

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (DdWindow, dd_window, GTK_TYPE_APPLICATION_WINDOW)

/* The columns of the task list; each one sorts by the DdTaskSort of the
 * same value. */
typedef enum
{
  COLUMN_NUMBER = DD_TASK_SORT_NUMBER,
  COLUMN_TITLE = DD_TASK_SORT_TITLE,
  COLUMN_LEAD = DD_TASK_SORT_LEAD,
  COLUMN_COORDINATORS = DD_TASK_SORT_COORDINATORS,
  COLUMN_DEADLINE = DD_TASK_SORT_DEADLINE,
  COLUMN_PRODUCT = DD_TASK_SORT_PRODUCT,
  COLUMN_DIRECTING = DD_TASK_SORT_DIRECTING,
  COLUMN_STATUS = DD_TASK_SORT_STATUS,
  COLUMN_PROGRESS = DD_TASK_SORT_PROGRESS,
  /* Sorted like the TT column: by plan, then the appendix order. */
  COLUMN_PLAN = 100,
  /* What the "6 rõ" check finds missing; not sorted (filter instead). */
  COLUMN_SIX_CLEAR = 101,
} Column;

/*
 * The pages after "Tasks". Each is a widget with a read-write "store"
 * property and, optionally, a "show-tasks" signal (plan id, unit id,
 * status or -1) to open the task list filtered. Adding a page is adding a
 * line here.
 *
 * A page is built when it is first shown (or asked for by
 * dd_window_get_page()): the stack holds an empty box for each, which the
 * page then fills. Building, styling and measuring every page (the stack
 * sizes itself to the largest) was most of the time the window took to
 * appear on a large file, for pages the user may not open.
 */
typedef struct
{
  const char *name;
  const char *title;
  const char *icon_name;
  GType (*get_type) (void);
} PageInfo;

static const PageInfo pages[] = {
  { "dashboard", N_("Dashboard"), "x-office-presentation-symbolic", dd_dashboard_page_get_type },
  { "overview", N_("Overview"), "view-grid-symbolic", dd_overview_page_get_type },
  { "calendar", N_("Calendar"), "x-office-calendar-symbolic", dd_calendar_page_get_type },
  { "units", N_("Units"), "system-users-symbolic", dd_units_page_get_type },
  { "indicators", N_("Indicators"), "emblem-ok-symbolic", dd_indicators_page_get_type },
};

/* How often the window looks for changes made on other desktops. */
#define POLL_SECONDS 2

/* The width the task list needs to show every column without scrolling
 * (the sidebar, the fixed columns of dd-window.ui, a title column of a
 * couple of hundred pixels): the window's default width on a screen that
 * wide, like the office's 1,400 × 900 ones. */
#define TASK_LIST_WIDTH 1400

/* Auxiliary methods */

/* The default width: that of the task list, within the screen (the .ui's
 * 1,280 px, for a smaller screen or one whose size is unknown). */
static void
fit_default_size (DdWindow *self)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  g_autoptr(GdkMonitor) monitor = NULL;
  GdkRectangle geometry;
  int width, height;

  if (monitors == NULL || g_list_model_get_n_items (monitors) == 0)
    return;

  monitor = g_list_model_get_item (monitors, 0);
  gdk_monitor_get_geometry (monitor, &geometry);
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (geometry.width > width)
    gtk_window_set_default_size (GTK_WINDOW (self), MIN (geometry.width, TASK_LIST_WIDTH), height);
}

void
_dd_window_show_message (GtkWindow      *parent,
                         GtkMessageType  type,
                         const char     *primary,
                         const char     *secondary)
{
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (parent,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   type,
                                   GTK_BUTTONS_CLOSE,
                                   "%s", primary);
  if (secondary != NULL)
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);

  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_dd_window_show_error (DdWindow     *self,
                       const char   *primary,
                       const GError *error)
{
  g_assert (DD_IS_WINDOW (self));

  _dd_window_show_message (GTK_WINDOW (self), GTK_MESSAGE_ERROR, primary,
                           error != NULL ? error->message : NULL);
}

static gint64
get_selected_id (DdWindow *self)
{
  DdTask *task;

  if (self->selection == NULL)
    return 0;

  task = gtk_single_selection_get_selected_item (self->selection);
  return task != NULL ? dd_task_get_id (task) : 0;
}

DdTask *
_dd_window_dup_selected_task (DdWindow *self)
{
  DdTask *task;

  g_assert (DD_IS_WINDOW (self));

  if (self->selection == NULL)
    return NULL;

  task = gtk_single_selection_get_selected_item (self->selection);
  return task != NULL ? g_object_ref (task) : NULL;
}

static void
select_task (DdWindow *self,
             gint64    task_id)
{
  int position = -1;

  if (self->tasks != NULL && task_id > 0)
    position = dd_task_list_find (self->tasks, task_id);

  gtk_single_selection_set_selected (self->selection,
                                     position >= 0 ? (guint) position : GTK_INVALID_LIST_POSITION);
  _dd_window_actions_update (self);
}

static gint64
get_id_at (GArray *ids,
           guint   position)
{
  if (ids == NULL || position == GTK_INVALID_LIST_POSITION || position >= ids->len)
    return 0;

  return g_array_index (ids, gint64, position);
}

static guint
find_id (GArray *ids,
         gint64  id)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;

  return 0;
}

static void
build_query (DdWindow    *self,
             DdTaskQuery *query)
{
  guint status;

  dd_task_query_init (query);

  query->as_of = self->as_of;
  if (self->store != NULL)
    query->due_soon_days = dd_store_get_due_soon_days (self->store);
  query->plan_id = get_id_at (self->plan_ids, gtk_drop_down_get_selected (self->plan_dropdown));
  query->unit_id = get_id_at (self->unit_ids, gtk_drop_down_get_selected (self->unit_dropdown));
  query->lead_only = query->unit_id > 0 && gtk_toggle_button_get_active (self->lead_only_button);

  status = gtk_drop_down_get_selected (self->status_dropdown);
  query->status = (status == 0 || status == GTK_INVALID_LIST_POSITION) ? -1 : (int) status - 1;

  query->six_clear_incomplete = gtk_toggle_button_get_active (self->six_clear_button);

  query->text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (query->text != NULL && query->text[0] == '\0')
    query->text = NULL;

  query->sort = self->sort;
  query->descending = self->descending;
}

static gboolean
tasks_page_visible (DdWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "tasks") == 0;
}

static void
update_counts (DdWindow          *self,
               const DdTaskQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint counts[DD_N_STATUSES] = { 0, };
  guint n_items = 0;

  if (self->tasks != NULL)
    n_items = g_list_model_get_n_items (G_LIST_MODEL (self->tasks));

  text = g_strdup_printf (ngettext ("%u task", "%u tasks", n_items), n_items);
  gtk_label_set_text (self->count_label, text);

  if (self->store != NULL && query != NULL
      && !dd_store_count_by_status (self->store, query, counts, &error))
    g_debug ("Could not count the tasks by status: %s", error->message);

  for (guint i = 0; i < DD_N_STATUSES; i++)
    {
      g_autofree char *pill_text = NULL;

      /* Translators: a status and the number of tasks in it, in the status
       * bar: "Quá hạn: 2". */
      pill_text = g_strdup_printf (_("%s: %u"), dd_task_status_get_label (i), counts[i]);
      dd_status_pill_set_status (self->status_pills[i], i, pill_text);
    }
}

/* Runs the query of the filters and the sort order again and selects
 * @select_id (or keeps the selection when it is -1). */
static void
apply_query (DdWindow *self,
             gint64    select_id)
{
  g_autoptr(GError) error = NULL;
  DdTaskQuery query;

  if (self->store == NULL || self->updating_filters > 0)
    return;

  /* The list is first read when its page is shown (a window opens on the
   * dashboard): see on_stack_visible_child_cb(). */
  if (self->tasks == NULL && !tasks_page_visible (self))
    return;

  if (select_id < 0)
    select_id = get_selected_id (self);

  build_query (self, &query);
  /* "Lead" narrows a unit's tasks: without a unit it has nothing to do. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->lead_only_button), query.unit_id > 0);

  if (self->tasks == NULL)
    {
      self->tasks = dd_store_query_tasks (self->store, &query, &error);
      if (self->tasks == NULL)
        {
          _dd_window_show_error (self, _("Could not read the tasks"), error);
          return;
        }
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->tasks));
    }
  else if (!dd_task_list_set_query (self->tasks, &query, &error))
    {
      _dd_window_show_error (self, _("Could not read the tasks"), error);
      return;
    }

  select_task (self, select_id);
  update_counts (self, &query);
}

void
_dd_window_reload (DdWindow *self,
                   gint64    select_id)
{
  g_autoptr(GError) error = NULL;
  DdTaskQuery query;

  g_assert (DD_IS_WINDOW (self));

  if (self->tasks == NULL)
    {
      apply_query (self, select_id);
      return;
    }

  if (select_id < 0)
    select_id = get_selected_id (self);

  if (!dd_task_list_refresh (self->tasks, &error))
    {
      _dd_window_show_error (self, _("Could not read the tasks"), error);
      return;
    }

  build_query (self, &query);
  select_task (self, select_id);
  update_counts (self, &query);
}

static void
update_as_of_button (DdWindow *self)
{
  g_autofree char *date = dd_format_date (&self->as_of);
  g_autofree char *label = NULL;

  /* Translators: the reference date of the task statuses: "Tính đến 28/04/2026". */
  label = g_strdup_printf (_("As of %s"), date);
  gtk_menu_button_set_label (self->as_of_button, label);
}

static void
fill_filters (DdWindow *self)
{
  g_autoptr(GtkStringList) units = NULL;
  g_autoptr(GtkStringList) plans = NULL;
  g_autoptr(GListModel) unit_list = NULL;
  g_autoptr(GListModel) plan_list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 unit_id;
  gint64 plan_id;

  unit_id = get_id_at (self->unit_ids, gtk_drop_down_get_selected (self->unit_dropdown));
  plan_id = get_id_at (self->plan_ids, gtk_drop_down_get_selected (self->plan_dropdown));

  self->updating_filters++;

  g_array_set_size (self->unit_ids, 0);
  g_array_set_size (self->plan_ids, 0);

  units = gtk_string_list_new (NULL);
  gtk_string_list_append (units, _("All units"));
  g_array_append_val (self->unit_ids, (gint64) { 0 });

  plans = gtk_string_list_new (NULL);
  gtk_string_list_append (plans, _("All plans"));
  g_array_append_val (self->plan_ids, (gint64) { 0 });

  if (self->store != NULL)
    {
      unit_list = dd_store_list_units (self->store, 0, &error);
      if (unit_list == NULL)
        {
          g_debug ("Could not list the units: %s", error->message);
          g_clear_error (&error);
        }

      plan_list = dd_store_list_plans (self->store, &error);
      if (plan_list == NULL)
        {
          g_debug ("Could not list the plans: %s", error->message);
          g_clear_error (&error);
        }
    }

  for (guint i = 0; unit_list != NULL && i < g_list_model_get_n_items (unit_list); i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (unit_list, i);
      gint64 id = dd_unit_get_id (unit);

      gtk_string_list_append (units, dd_unit_get_name (unit));
      g_array_append_val (self->unit_ids, id);
    }

  for (guint i = 0; plan_list != NULL && i < g_list_model_get_n_items (plan_list); i++)
    {
      g_autoptr(DdPlan) plan = g_list_model_get_item (plan_list, i);
      g_autofree char *name = dd_plan_dup_display_name (plan);
      gint64 id = dd_plan_get_id (plan);

      gtk_string_list_append (plans, name != NULL ? name : dd_plan_get_number (plan));
      g_array_append_val (self->plan_ids, id);
    }

  gtk_drop_down_set_model (self->unit_dropdown, G_LIST_MODEL (units));
  gtk_drop_down_set_selected (self->unit_dropdown, find_id (self->unit_ids, unit_id));
  /* With several plans in the file, TT alone is ambiguous: show the plan. */
  gtk_column_view_column_set_visible (self->plan_column, self->plan_ids->len > 2);
  gtk_drop_down_set_model (self->plan_dropdown, G_LIST_MODEL (plans));
  gtk_drop_down_set_selected (self->plan_dropdown, find_id (self->plan_ids, plan_id));

  self->updating_filters--;
}

/* The units and plans of the filters, read with the list: when its page is
 * first shown, or when a page asks for its tasks (go_to_tasks_full()). */
static void
populate_filters (DdWindow *self)
{
  if (self->store != NULL && self->tasks == NULL && !tasks_page_visible (self))
    {
      self->filters_stale = TRUE;
      return;
    }

  self->filters_stale = FALSE;
  fill_filters (self);
}

static void
update_title (DdWindow *self)
{
  const char *path = self->store != NULL ? dd_store_get_path (self->store) : NULL;
  g_autofree char *basename = NULL;
  g_autofree char *title = NULL;
  const char *subtitle = NULL;
  g_autofree char *dirname = NULL;

  if (path != NULL && g_strcmp0 (path, ":memory:") != 0)
    {
      basename = g_path_get_basename (path);
      dirname = g_path_get_dirname (path);
    }

  if (self->store != NULL && dd_store_is_sample (self->store))
    subtitle = _("Sample data");
  else
    subtitle = dirname;

  gtk_label_set_text (self->title_label, basename != NULL ? basename : _("Đôn Đốc"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), path);
  gtk_label_set_text (self->subtitle_label, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL);

  if (basename != NULL)
    /* Translators: the window title: the database file, then the application. */
    title = g_strdup_printf (_("%s — Đôn Đốc"), basename);
  gtk_window_set_title (GTK_WINDOW (self), title != NULL ? title : _("Đôn Đốc"));
}

static void
update_read_only (DdWindow *self)
{
  gboolean read_only = self->store != NULL && dd_store_is_read_only (self->store);
  /* While the file is checked (a second at most), editing waits but there
   * is nothing to tell. */
  gboolean checking = self->store != NULL && dd_store_is_checking (self->store);

  if (read_only)
    {
      const char *reason = dd_store_get_read_only_reason (self->store);
      g_autofree char *text = NULL;

      /* Translators: shown above the task list of a read-only database; %s is why. */
      text = g_strdup_printf (_("This database is open read-only: %s"),
                              reason != NULL ? reason : _("the file cannot be written."));
      gtk_label_set_text (self->read_only_label, text);
    }

  gtk_info_bar_set_revealed (self->read_only_bar, read_only && !checking);
  _dd_window_update_banners (self);
  _dd_window_actions_update (self);
}

static void
on_store_checked_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(DdWindow) self = user_data;
  DdStore *store = DD_STORE (source);
  g_autoptr(GError) error = NULL;

  if (!dd_store_check_finish (store, result, &error))
    g_warning ("Could not check the database: %s", error->message);
  if (self->store != store)
    return;
  /* Writable now, or damaged and read-only for good: either way the bar
   * and the actions follow. */
  update_read_only (self);
}

/* A page with an "as-of" date (the dashboard) counted its tasks as of that
 * day: the list takes it, so that it shows the same tasks. */
static void
take_page_as_of (DdWindow  *self,
                 GtkWidget *page)
{
  GDate *as_of = NULL;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (page), "as-of") == NULL)
    return;

  g_object_get (page, "as-of", &as_of, NULL);
  if (as_of != NULL && g_date_valid (as_of) && g_date_compare (as_of, &self->as_of) != 0)
    {
      g_autoptr(GDateTime) date = g_date_time_new_local (g_date_get_year (as_of),
                                                         g_date_get_month (as_of),
                                                         g_date_get_day (as_of), 0, 0, 0);

      self->as_of = *as_of;
      gtk_calendar_select_day (self->as_of_calendar, date);
      update_as_of_button (self);
    }
  g_clear_pointer (&as_of, g_date_free);
}

static void
go_to_tasks_full (DdWindow  *self,
                  GtkWidget *page,
                  gint64     plan_id,
                  gint64     unit_id,
                  int        status,
                  gboolean   lead_only,
                  gboolean   six_clear_incomplete)
{
  if (self->filters_stale)
    {
      self->filters_stale = FALSE;
      fill_filters (self);
    }

  self->updating_filters++;
  take_page_as_of (self, page);
  gtk_toggle_button_set_active (self->six_clear_button, six_clear_incomplete);
  gtk_drop_down_set_selected (self->plan_dropdown, find_id (self->plan_ids, plan_id));
  gtk_drop_down_set_selected (self->unit_dropdown, find_id (self->unit_ids, unit_id));
  gtk_toggle_button_set_active (self->lead_only_button, lead_only);
  gtk_drop_down_set_selected (self->status_dropdown,
                              status >= 0 && status < DD_N_STATUSES ? (guint) status + 1 : 0);
  self->updating_filters--;

  gtk_stack_set_visible_child_name (self->stack, "tasks");
  apply_query (self, -1);
}

static void
go_to_tasks (DdWindow  *self,
             GtkWidget *page,
             gint64     plan_id,
             gint64     unit_id,
             int        status,
             gboolean   lead_only)
{
  go_to_tasks_full (self, page, plan_id, unit_id, status, lead_only, FALSE);
}

/* Short names of the six checks for the badge: "thời gian, kết quả". */
static const char *
six_clear_short_label (DdSixClear flag)
{
  switch (flag)
    {
    case DD_SIX_CLEAR_PERSON:
      return C_("6 rõ", "who");
    case DD_SIX_CLEAR_WORK:
      return C_("6 rõ", "what");
    case DD_SIX_CLEAR_AUTHORITY:
      return C_("6 rõ", "authority");
    case DD_SIX_CLEAR_RESPONSIBILITY:
      return C_("6 rõ", "responsibility");
    case DD_SIX_CLEAR_TIME:
      return C_("6 rõ", "time");
    case DD_SIX_CLEAR_RESULT:
      return C_("6 rõ", "result");
    default:
      return "";
    }
}

/* The badge of a row: what is missing, and the six checks in its tooltip,
 * from the row's task alone (no query per row). */
static void
bind_six_clear (GtkWidget *child,
                DdTask    *task)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) tooltip = g_string_new (NULL);
  guint missing = dd_task_check_six_clear (task, messages);
  guint next_message = 0;

  /* Translators: the first line of the tooltip of the "6 rõ" column. */
  g_string_append (tooltip, _("The “6 rõ” rule: every task clear in six ways"));
  for (guint bit = 0; bit < DD_N_SIX_CLEAR; bit++)
    {
      DdSixClear flag = (DdSixClear) (1u << bit);

      g_string_append_c (tooltip, '\n');
      if ((missing & flag) != 0)
        {
          const char *why = next_message < messages->len ? g_ptr_array_index (messages, next_message++) : "";

          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append (names, six_clear_short_label (flag));
          /* Translators: a line of the "6 rõ" tooltip for a check that
           * fails: the check, then why ("✗ rõ thời gian: …"). */
          g_string_append_printf (tooltip, _("✗ %s: %s"), dd_six_clear_get_label (flag), why);
        }
      else
        /* Translators: a line of the "6 rõ" tooltip for a check that passes. */
        g_string_append_printf (tooltip, _("✓ %s"), dd_six_clear_get_label (flag));
    }

  if (missing != 0)
    {
      g_autofree char *text = NULL;

      /* Translators: the "6 rõ" badge of a task: what is missing
       * ("Thiếu: thời gian, kết quả"). */
      text = g_strdup_printf (_("Missing: %s"), names->str);
      gtk_label_set_text (GTK_LABEL (child), text);
      gtk_widget_remove_css_class (child, "six-clear-ok");
      gtk_widget_add_css_class (child, "six-clear-missing");
    }
  else
    {
      /* Translators: the "6 rõ" badge of a task that passes every check. */
      gtk_label_set_text (GTK_LABEL (child), C_("6 rõ badge", "Clear"));
      gtk_widget_remove_css_class (child, "six-clear-missing");
      gtk_widget_add_css_class (child, "six-clear-ok");
    }
  gtk_widget_set_tooltip_text (child, tooltip->str);
}

static char *
dup_column_text (Column  column,
                 DdTask *task)
{
  switch (column)
    {
    case COLUMN_PLAN:
      return g_strdup (dd_task_get_plan_number (task));
    case COLUMN_NUMBER:
      return g_strdup (dd_task_get_number (task));
    case COLUMN_TITLE:
      return g_strdup (dd_task_get_title (task));
    case COLUMN_LEAD:
      return g_strdup (dd_task_get_lead (task));
    case COLUMN_COORDINATORS:
      return dd_task_dup_coordinators_text (task);
    case COLUMN_DEADLINE:
      return g_strdup (dd_task_get_deadline_text (task));
    case COLUMN_PRODUCT:
      return g_strdup (dd_task_get_product (task));
    case COLUMN_DIRECTING:
      return g_strdup (dd_task_get_directing (task));
    case COLUMN_STATUS:
    case COLUMN_PROGRESS:
    case COLUMN_SIX_CLEAR:
    default:
      return NULL;
    }
}

/* Callbacks */

/* A cell's tooltip is kept as data and given when GTK asks for it:
 * gtk_widget_set_tooltip_text() at each bind asks the display where the
 * pointer is (a round trip to the X server per cell), which made the
 * first screenful of the list cost half a second. */
static gboolean
on_cell_query_tooltip_cb (GtkWidget  *widget,
                          int         x,
                          int         y,
                          gboolean    keyboard_mode,
                          GtkTooltip *tooltip,
                          gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), "dd-cell-tooltip");

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *child;

  switch (column)
    {
    case COLUMN_STATUS:
      child = dd_status_pill_new ();
      break;

    case COLUMN_PROGRESS:
      {
        GtkWidget *label = gtk_label_new (NULL);
        GtkWidget *bar = gtk_progress_bar_new ();

        /* The figure in words above a thin bar. */
        child = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
        gtk_widget_set_valign (child, GTK_ALIGN_CENTER);
        gtk_widget_add_css_class (child, "progress-cell");
        gtk_label_set_xalign (GTK_LABEL (label), 1.0);
        gtk_widget_add_css_class (label, "numeric");
        gtk_box_append (GTK_BOX (child), label);
        gtk_box_append (GTK_BOX (child), bar);
      }
      break;

    case COLUMN_SIX_CLEAR:
      child = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (child), 0.0);
      gtk_label_set_wrap (GTK_LABEL (child), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (child), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (GTK_LABEL (child), 2);
      gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (child, "six-clear-badge");
      break;

    case COLUMN_PLAN:
    case COLUMN_NUMBER:
    case COLUMN_TITLE:
    case COLUMN_LEAD:
    case COLUMN_COORDINATORS:
    case COLUMN_DEADLINE:
    case COLUMN_PRODUCT:
    case COLUMN_DIRECTING:
    default:
      child = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (child), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
      if (column != COLUMN_NUMBER && column != COLUMN_PLAN)
        {
          /* Long cells wrap to a few lines, then end in "…"; the tooltip
           * has the whole text. */
          gtk_label_set_wrap (GTK_LABEL (child), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (child), PANGO_WRAP_WORD_CHAR);
          gtk_label_set_lines (GTK_LABEL (child), column == COLUMN_TITLE ? 3 : 2);
          gtk_label_set_width_chars (GTK_LABEL (child), 6);
          gtk_label_set_max_width_chars (GTK_LABEL (child), column == COLUMN_TITLE ? 40 : 20);
        }
      gtk_widget_set_has_tooltip (child, TRUE);
      g_signal_connect (child, "query-tooltip", G_CALLBACK (on_cell_query_tooltip_cb), NULL);
      break;
    }

  gtk_list_item_set_child (list_item, child);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  DdTask *task = gtk_list_item_get_item (list_item);

  if (task == NULL)
    return;

  if (column == COLUMN_STATUS)
    {
      dd_status_pill_set_status (child, dd_task_get_status (task), NULL);
    }
  else if (column == COLUMN_SIX_CLEAR)
    {
      bind_six_clear (child, task);
    }
  else if (column == COLUMN_PROGRESS)
    {
      guint progress = dd_task_get_progress (task);
      g_autofree char *text = NULL;

      text = dd_format_percent (progress, 0);
      gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (child)), text);
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (gtk_widget_get_last_child (child)),
                                     MIN (progress, 100) / 100.0);
    }
  else
    {
      g_autofree char *text = dup_column_text (column, task);
      g_autofree char *tooltip = NULL;

      gtk_label_set_text (GTK_LABEL (child), text != NULL ? text : "");

      if (column == COLUMN_DEADLINE)
        {
          const GDate *due = dd_task_get_due (task);

          if (!dd_task_get_deadline_understood (task))
            tooltip = g_strdup_printf (_("%s\nThis time frame could not be read."),
                                       text != NULL ? text : "");
          else if (dd_date_is_set (due))
            {
              g_autofree char *date = dd_format_date (due);

              /* Translators: tooltip of the time frame: the text, then the due date. */
              tooltip = g_strdup_printf (_("%s\nDue: %s"), text != NULL ? text : "", date);
            }
          else
            tooltip = g_strdup_printf ("%s\n%s", text != NULL ? text : "",
                                       dd_deadline_kind_get_label (dd_task_get_deadline_kind (task)));
        }

      g_object_set_data_full (G_OBJECT (child), "dd-cell-tooltip",
                              tooltip != NULL ? g_steal_pointer (&tooltip) : g_strdup (text),
                              g_free);
    }
}

static void
on_view_sorter_changed_cb (DdWindow        *self,
                           GtkSorterChange  change,
                           GtkSorter       *sorter)
{
  DdTaskSort sort;
  gboolean descending;

  /* The columns leave the sorter while the window is disposed. */
  if (self->store == NULL)
    return;

  dd_column_sorter_probe (sorter, &self->probe, &sort, &descending);

  if (sort == self->sort && descending == self->descending)
    return;

  self->sort = sort;
  self->descending = descending;
  apply_query (self, -1);
}

static void
on_selection_changed_cb (DdWindow *self)
{
  _dd_window_actions_update (self);
}

static void
on_column_view_activate_cb (DdWindow *self,
                            guint     position)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.edit-task", NULL);
}

static void
on_search_entry_search_changed_cb (DdWindow *self)
{
  apply_query (self, -1);
}

static void
on_filter_changed_cb (DdWindow *self)
{
  apply_query (self, -1);
}

static void
on_as_of_calendar_day_selected_cb (DdWindow *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->as_of_calendar);

  g_date_set_dmy (&self->as_of,
                  g_date_time_get_day_of_month (date),
                  g_date_time_get_month (date),
                  g_date_time_get_year (date));
  update_as_of_button (self);
  apply_query (self, -1);
}

static void
on_as_of_today_clicked_cb (DdWindow *self)
{
  GDate today;
  g_autoptr(GDateTime) date = NULL;

  dd_date_set_today (&today);
  date = g_date_time_new_local (g_date_get_year (&today), g_date_get_month (&today),
                                g_date_get_day (&today), 0, 0, 0);
  /* Selecting the day in the calendar runs the query. */
  gtk_calendar_select_day (self->as_of_calendar, date);
  gtk_popover_popdown (self->as_of_popover);
}

static void
on_status_button_clicked_cb (GtkButton *button,
                             DdWindow  *self)
{
  guint status = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "dd-status"));

  if (gtk_drop_down_get_selected (self->status_dropdown) == status + 1)
    gtk_drop_down_set_selected (self->status_dropdown, 0);
  else
    gtk_drop_down_set_selected (self->status_dropdown, status + 1);
}

static void
on_page_show_tasks_cb (GtkWidget *page,
                       gint64     plan_id,
                       gint64     unit_id,
                       int        status,
                       DdWindow  *self)
{
  go_to_tasks (self, page, plan_id, unit_id, status, FALSE);
}

static void
on_page_show_six_clear_tasks_cb (GtkWidget *page,
                                 gint64     plan_id,
                                 DdWindow  *self)
{
  go_to_tasks_full (self, page, plan_id, 0, -1, FALSE, TRUE);
}

static void
on_page_open_task_cb (GtkWidget *page,
                      gint64     task_id,
                      DdWindow  *self)
{
  _dd_window_edit_task (self, task_id);
}

static void
on_page_show_lead_tasks_cb (GtkWidget *page,
                            gint64     plan_id,
                            gint64     unit_id,
                            int        status,
                            DdWindow  *self)
{
  go_to_tasks (self, page, plan_id, unit_id, status, TRUE);
}

/* A page gets the window's store when it is first shown (or now, if it is
 * showing): a file with years of plans is not read for pages nobody looks
 * at (the unit scorecards of 100,000 tasks take seconds). */
static void
give_store_to_page (DdWindow  *self,
                    GtkWidget *page,
                    gboolean   force)
{
  g_autoptr(DdStore) current = NULL;

  g_object_get (page, "store", &current, NULL);
  if (current == self->store && !force)
    return;
  if (force && current != NULL)
    g_object_set (page, "store", NULL, NULL);
  if (self->store == NULL || gtk_stack_get_visible_child (self->stack) == gtk_widget_get_parent (page))
    g_object_set (page, "store", self->store, NULL);
  else if (current != NULL)
    /* Not shown: drop the old store now, read the new one when shown. */
    g_object_set (page, "store", NULL, NULL);
}

/* Builds the page @i of the table at the top in its box of the stack, or
 * returns it if it is built. */
static GtkWidget *
ensure_page (DdWindow *self,
             guint     i)
{
  GtkWidget *holder = gtk_stack_get_child_by_name (self->stack, pages[i].name);
  GtkWidget *page = gtk_widget_get_first_child (holder);

  if (page != NULL)
    return page;

  page = g_object_new (pages[i].get_type (), NULL);
  gtk_widget_set_hexpand (page, TRUE);
  gtk_widget_set_vexpand (page, TRUE);
  if (g_signal_lookup ("show-tasks", G_OBJECT_TYPE (page)) != 0)
    g_signal_connect_object (page, "show-tasks", G_CALLBACK (on_page_show_tasks_cb), self, 0);
  if (g_signal_lookup ("open-task", G_OBJECT_TYPE (page)) != 0)
    g_signal_connect_object (page, "open-task", G_CALLBACK (on_page_open_task_cb), self, 0);
  if (g_signal_lookup ("show-six-clear-tasks", G_OBJECT_TYPE (page)) != 0)
    g_signal_connect_object (page, "show-six-clear-tasks",
                             G_CALLBACK (on_page_show_six_clear_tasks_cb), self, 0);
  if (g_signal_lookup ("show-lead-tasks", G_OBJECT_TYPE (page)) != 0)
    g_signal_connect_object (page, "show-lead-tasks", G_CALLBACK (on_page_show_lead_tasks_cb), self, 0);
  gtk_box_append (GTK_BOX (holder), page);
  g_ptr_array_add (self->pages, page);

  return page;
}

static void
on_stack_visible_child_cb (DdWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  if (self->pages == NULL || name == NULL)
    return;

  if (strcmp (name, "tasks") == 0)
    {
      if (self->filters_stale)
        populate_filters (self);
      if (self->tasks == NULL)
        apply_query (self, -1);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (strcmp (name, pages[i].name) == 0)
      give_store_to_page (self, ensure_page (self, i), FALSE);
}

/* What the first frame of the window need not wait for: the reminder's
 * counts (a pass over every task) and the damage check and daily backup of
 * a file opened with DD_STORE_OPEN_CHECK_LATER (a thread that reads the
 * whole file, on a machine with two cores). They start once the window has
 * drawn its first frame, or at once for a window that is not shown. */
static void
run_deferred_work (DdWindow *self)
{
  dd_reminder_set_store (DD_REMINDER (self->reminder), self->store);

  if (self->store != NULL && dd_store_is_checking (self->store) && !self->check_started)
    {
      self->check_started = TRUE;
      dd_store_check_async (self->store, NULL, on_store_checked_cb, g_object_ref (self));
    }
}

static void schedule_deferred_work (DdWindow *self);

static void
on_after_first_paint_cb (GdkFrameClock *clock,
                         DdWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_first_paint_cb, self);
  self->painted = TRUE;
  schedule_deferred_work (self);
}

static gboolean
deferred_work_cb (gpointer user_data)
{
  DdWindow *self = user_data;
  GdkFrameClock *clock;

  self->deferred_id = 0;

  /* Shown but not drawn yet: after the first frame. */
  clock = gtk_widget_get_mapped (GTK_WIDGET (self)) && !self->painted
          ? gtk_widget_get_frame_clock (GTK_WIDGET (self)) : NULL;
  if (clock != NULL)
    {
      g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_after_first_paint_cb), self, 0);
      return G_SOURCE_REMOVE;
    }

  run_deferred_work (self);
  return G_SOURCE_REMOVE;
}

/* At a low priority, below drawing (GDK_PRIORITY_REDRAW) and input. */
static void
schedule_deferred_work (DdWindow *self)
{
  if (self->deferred_id == 0)
    self->deferred_id = g_idle_add_full (G_PRIORITY_LOW, deferred_work_cb, self, NULL);
}

static gboolean
poll_external_changes_cb (gpointer user_data)
{
  DdWindow *self = user_data;

  if (self->store != NULL)
    dd_store_poll_external_changes (self->store);
  return G_SOURCE_CONTINUE;
}

static void
on_store_changed_cb (DdWindow *self)
{
  populate_filters (self);
  _dd_window_reload (self, -1);
}

/* Reads everything from the store anew: the filters, the list and the pages
 * (a page reads its store again when it is given it again). */
void
_dd_window_reload_all (DdWindow *self)
{
  g_autoptr(DdStore) store = NULL;

  g_assert (DD_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  store = g_object_ref (self->store);
  for (guint i = 0; i < self->pages->len; i++)
    give_store_to_page (self, g_ptr_array_index (self->pages, i), TRUE);

  populate_filters (self);
  _dd_window_reload (self, -1);
}

/* GObject overrides */

static void
dd_window_dispose (GObject *object)
{
  DdWindow *self = (DdWindow *)object;

  /* Without a store, the signals that the columns emit while they go away
   * no longer reach the database. */
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_handle_id (&self->deferred_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_WINDOW);

  g_clear_object (&self->selection);
  g_clear_object (&self->tasks);
  g_clear_pointer (&self->pages, g_ptr_array_unref);

  G_OBJECT_CLASS (dd_window_parent_class)->dispose (object);
}

static void
dd_window_finalize (GObject *object)
{
  DdWindow *self = (DdWindow *)object;

  g_clear_pointer (&self->unit_ids, g_array_unref);
  g_clear_pointer (&self->plan_ids, g_array_unref);

  G_OBJECT_CLASS (dd_window_parent_class)->finalize (object);
}

static void
dd_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DdWindow *self = DD_WINDOW (object);

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
dd_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DdWindow *self = DD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      dd_window_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_window_class_init (DdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_window_dispose;
  object_class->finalize = dd_window_finalize;
  object_class->get_property = dd_window_get_property;
  object_class->set_property = dd_window_set_property;

  /**
   * DdWindow:store:
   *
   * The database the window shows. Given at construction; dd_window_set_store()
   * replaces it when the user opens another file.
   */
  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DD_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DdWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, read_only_bar);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, restore_newest_button);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, lock_bar);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, lock_label);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, lock_button);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, lead_only_button);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, six_clear_button);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, plan_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, as_of_button);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, as_of_popover);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, as_of_calendar);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, plan_column);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, number_column);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, title_column);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, lead_column);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, coordinators_column);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, deadline_column);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, product_column);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, directing_column);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, status_column);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, progress_column);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, six_clear_column);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, status_counts_box);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_as_of_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_as_of_today_clicked_cb);

  _dd_window_class_actions_init (widget_class);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    g_type_ensure (pages[i].get_type ());
}

static void
setup_column (DdWindow            *self,
              GtkColumnViewColumn *view_column,
              Column               column)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  DdTaskSort sort = column == COLUMN_PLAN ? DD_TASK_SORT_NUMBER : (DdTaskSort) column;
  g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), GINT_TO_POINTER (column));
  gtk_column_view_column_set_factory (view_column, factory);
  if (column != COLUMN_SIX_CLEAR)
    {
      g_autoptr(DdColumnSorter) sorter = dd_column_sorter_new (sort, &self->probe);

      gtk_column_view_column_set_sorter (view_column, GTK_SORTER (sorter));
    }
}

static void
dd_window_init (DdWindow *self)
{
  g_autoptr(GtkStringList) statuses = NULL;
  g_autoptr(GtkExpression) expression = NULL;

  self->unit_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->plan_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->pages = g_ptr_array_new ();
  self->sort = DD_TASK_SORT_NUMBER;
  dd_date_set_today (&self->as_of);

  self->updating_filters++;

  gtk_widget_init_template (GTK_WIDGET (self));
  fit_default_size (self);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  setup_column (self, self->plan_column, COLUMN_PLAN);
  setup_column (self, self->number_column, COLUMN_NUMBER);
  setup_column (self, self->title_column, COLUMN_TITLE);
  setup_column (self, self->lead_column, COLUMN_LEAD);
  setup_column (self, self->coordinators_column, COLUMN_COORDINATORS);
  setup_column (self, self->deadline_column, COLUMN_DEADLINE);
  setup_column (self, self->product_column, COLUMN_PRODUCT);
  setup_column (self, self->directing_column, COLUMN_DIRECTING);
  setup_column (self, self->status_column, COLUMN_STATUS);
  setup_column (self, self->progress_column, COLUMN_PROGRESS);
  setup_column (self, self->six_clear_column, COLUMN_SIX_CLEAR);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_view_sorter_changed_cb), self, G_CONNECT_SWAPPED);

  /* The filters. Units and plans are filled from the store. */
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->unit_dropdown, expression);
  gtk_drop_down_set_enable_search (self->unit_dropdown, TRUE);
  gtk_drop_down_set_expression (self->plan_dropdown, expression);

  statuses = gtk_string_list_new (NULL);
  gtk_string_list_append (statuses, _("All statuses"));
  for (guint i = 0; i < DD_N_STATUSES; i++)
    gtk_string_list_append (statuses, dd_task_status_get_label (i));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));

  for (guint i = 0; i < DD_N_STATUSES; i++)
    {
      GtkWidget *button = gtk_button_new ();
      GtkWidget *pill = dd_status_pill_new ();

      gtk_button_set_child (GTK_BUTTON (button), pill);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "status-button");
      gtk_widget_set_tooltip_text (button, _("Show only the tasks in this status"));
      g_object_set_data (G_OBJECT (button), "dd-status", GUINT_TO_POINTER (i));
      g_signal_connect_object (button, "clicked",
                               G_CALLBACK (on_status_button_clicked_cb), self, 0);
      gtk_box_append (self->status_counts_box, button);
      self->status_buttons[i] = button;
      self->status_pills[i] = pill;
      dd_status_pill_set_status (pill, i, NULL);
    }

  update_as_of_button (self);
  {
    g_autoptr(GDateTime) date = g_date_time_new_local (g_date_get_year (&self->as_of),
                                                       g_date_get_month (&self->as_of),
                                                       g_date_get_day (&self->as_of),
                                                       0, 0, 0);
    gtk_calendar_select_day (self->as_of_calendar, date);
  }

  /* The other pages, built when first shown: see the table at the top. */
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *holder = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkStackPage *stack_page;

      stack_page = gtk_stack_add_titled (self->stack, holder, pages[i].name, _(pages[i].title));
      gtk_stack_page_set_icon_name (stack_page, pages[i].icon_name);
    }
  g_signal_connect_object (self->stack, "notify::visible-child",
                           G_CALLBACK (on_stack_visible_child_cb), self, G_CONNECT_SWAPPED);

  /* What is overdue or due soon, said as soon as a database is open. */
  self->reminder = dd_reminder_new ();
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->read_only_bar))),
                              self->reminder, GTK_WIDGET (self->read_only_bar));
  g_signal_connect_object (self->reminder, "show-tasks", G_CALLBACK (on_page_show_tasks_cb), self, 0);

  self->updating_filters--;

  /* The appendix order, marked on the TT column. */
  gtk_column_view_sort_by_column (self->column_view, self->number_column, GTK_SORT_ASCENDING);

  populate_filters (self);
  update_title (self);
  update_read_only (self);
}

/* Public API */

/**
 * dd_window_new:
 * @application: (nullable): the application
 * @store: (nullable): the database to show
 *
 * Returns: (transfer full): a new window
 */
DdWindow *
dd_window_new (GtkApplication *application,
               DdStore        *store)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (store == NULL || DD_IS_STORE (store), NULL);

  DdWindow *window = g_object_new (DD_TYPE_WINDOW,
                                   "application", application,
                                   "store", store,
                                   NULL);

  /* The shortcuts window exists once the application has the window. */
  _dd_window_translate_help_overlay (window);
  return window;
}

/**
 * dd_window_get_store:
 *
 * Returns: (transfer none) (nullable): the database the window shows
 */
DdStore *
dd_window_get_store (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * dd_window_set_store:
 * @store: (nullable): the database to show
 *
 * Shows another database: the filters, the list and every page are read
 * from it again.
 */
void
dd_window_set_store (DdWindow *self,
                     DdStore  *store)
{
  g_return_if_fail (DD_IS_WINDOW (self));
  g_return_if_fail (store == NULL || DD_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  g_set_object (&self->store, store);

  if (self->store != NULL && g_signal_lookup ("changed", DD_TYPE_STORE) != 0)
    g_signal_connect_object (self->store, "changed",
                             G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);

  /* Other desktops write to the same file: look every couple of seconds
   * (PRAGMA data_version is cheap); the store then says "changed" and every
   * view refreshes in place. */
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->store != NULL)
    self->poll_id = g_timeout_add_seconds (POLL_SECONDS, poll_external_changes_cb, self);

  /* A new list for the new store. */
  gtk_single_selection_set_model (self->selection, NULL);
  g_clear_object (&self->tasks);

  for (guint i = 0; i < self->pages->len; i++)
    give_store_to_page (self, g_ptr_array_index (self->pages, i), FALSE);
  /* The reminder speaks of the new store once the window is drawn. */
  dd_reminder_set_store (DD_REMINDER (self->reminder), NULL);
  self->check_started = FALSE;
  schedule_deferred_work (self);

  populate_filters (self);
  update_title (self);
  update_read_only (self);
  apply_query (self, 0);
  if (self->store == NULL || self->tasks == NULL)
    update_counts (self, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE]);
}

/* Whether the start page is the dashboard, without reading the list if it
 * has not been read. */
static gboolean
store_has_tasks (DdStore    *store,
                 DdTaskList *tasks)
{
  if (tasks != NULL)
    return g_list_model_get_n_items (G_LIST_MODEL (tasks)) > 0;

  return store != NULL && dd_store_has_tasks (store);
}

/**
 * dd_window_show_start_page:
 *
 * Shows the page a window opens on: the dashboard, which answers "how does
 * the plan stand?" at once, when the store has tasks; otherwise the task
 * list, where a plan is imported. The task list stays one click away in
 * the sidebar.
 */
void
dd_window_show_start_page (DdWindow *self)
{
  gboolean has_tasks;

  g_return_if_fail (DD_IS_WINDOW (self));

  has_tasks = store_has_tasks (self->store, self->tasks);
  gtk_stack_set_visible_child_name (self->stack, has_tasks ? "dashboard" : "tasks");
}

/**
 * dd_window_open:
 * @store: (nullable): the database to show
 *
 * Shows @store on the page a window opens on (see
 * dd_window_show_start_page()), the page chosen first: on the dashboard the
 * task list is not read until its page is shown.
 */
void
dd_window_open (DdWindow *self,
                DdStore  *store)
{
  g_return_if_fail (DD_IS_WINDOW (self));
  g_return_if_fail (store == NULL || DD_IS_STORE (store));

  if (store != self->store)
    gtk_stack_set_visible_child_name (self->stack, store_has_tasks (store, NULL) ? "dashboard" : "tasks");
  dd_window_set_store (self, store);
}

/**
 * dd_window_get_page:
 * @name: the name of a page of the stack after "tasks": "dashboard",
 *   "overview", "calendar", "units" or "indicators"
 *
 * Pages are built when first shown; this builds the page if it is not.
 *
 * Returns: (transfer none) (nullable): the page, or %NULL for an unknown name
 */
GtkWidget *
dd_window_get_page (DdWindow   *self,
                    const char *name)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (strcmp (name, pages[i].name) == 0)
      return ensure_page (self, i);

  return NULL;
}
