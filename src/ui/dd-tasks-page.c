/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-tasks-page"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-access.h"
#include "dd-choice-width.h"
#include "dd-column-sorter.h"
#include "dd-page.h"
#include "dd-status-pill.h"
#include "dd-task-column.h"
#include "dd-tasks-page.h"
#include "dd-empty-state.h"
#include "dd-filter-choices.h"
#include "dd-first-rows.h"
#include "dd-unit-search.h"

/*
 * DdTasksPage: the task list, the first page of the window. A filter bar
 * (search, unit, status, "6 rõ", plan, reference date) over a
 * GtkColumnView of the lazy DdTaskList of the store, and a status bar with
 * the counts by status, each a button that filters the list.
 *
 * The list is filtered and sorted by the database (DdTaskQuery), never by a
 * GtkFilterListModel or GtkSortListModel: those read every item, and a plan
 * archive may hold 100,000 tasks. It is first read when the page is first
 * shown: a window opens on the dashboard.
 *
 * Activating a row fires the window's "win.edit-task", as the Edit button
 * of the filter bar does.
 */

struct _DdTasksPage
{
  GtkWidget parent_instance;

  DdStore *store;
  DdTaskList *tasks;
  GtkSingleSelection *selection;
  GArray *unit_ids;               /* gint64, parallel to the unit dropdown */
  GArray *plan_ids;               /* gint64, parallel to the plan dropdown */
  GDate as_of;
  DdColumnSorterProbe probe;
  DdTaskSort sort;
  gboolean descending;
  guint updating_filters;
  gboolean filters_stale;         /* the filters' units and plans to read again */
  guint filters_id;               /* their reading after the page's first frame */
  GCancellable *query_cancellable; /* the query being read on the list's worker */
  gint64 pending_select;          /* the task to select when it is read, or -1 */
  DdFirstRows first_rows;         /* a new result's first rows shown before the rest */
  GtkWidget *status_pills[DD_N_STATUSES];

  /* Template children */
  GtkWidget *box;
  GtkSearchEntry *search_entry;
  GtkDropDown *unit_dropdown;
  GtkOverlay *list_overlay;       /* the empty state goes over the list */
  GtkToggleButton *lead_only_button;
  GtkDropDown *status_dropdown;
  GtkToggleButton *six_clear_button;
  GtkDropDown *plan_dropdown;
  GtkMenuButton *as_of_button;
  GtkButton *new_button;
  GtkPopover *as_of_popover;
  GtkCalendar *as_of_calendar;
  GtkColumnView *column_view;
  GtkColumnViewColumn *plan_column;
  GtkColumnViewColumn *number_column;
  GtkColumnViewColumn *title_column;
  GtkColumnViewColumn *lead_column;
  GtkColumnViewColumn *coordinators_column;
  GtkColumnViewColumn *deadline_column;
  GtkColumnViewColumn *product_column;
  GtkColumnViewColumn *directing_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *progress_column;
  GtkColumnViewColumn *six_clear_column;
  GtkLabel *count_label;
  GtkSpinner *spinner;
  GtkBox *status_counts_box;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void dd_tasks_page_page_init (DdPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdTasksPage, dd_tasks_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DD_TYPE_PAGE, dd_tasks_page_page_init))

/* The plan column's width, when shown (several plans). */
#define PLAN_COLUMN_WIDTH 88

/* Auxiliary methods */

static void
show_error (DdTasksPage  *self,
            const char   *primary,
            const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                   "%s", primary);
  if (error != NULL)
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Whether the page is the one its window shows: the visible child of the
 * window's stack (a page on its own always is). */
static gboolean
is_shown (DdTasksPage *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  return !GTK_IS_STACK (parent) || gtk_stack_get_visible_child (GTK_STACK (parent)) == GTK_WIDGET (self);
}

static gint64
get_selected_id (DdTasksPage *self)
{
  DdTask *task;

  if (self->selection == NULL)
    return 0;

  task = gtk_single_selection_get_selected_item (self->selection);
  return task != NULL ? dd_task_get_id (task) : 0;
}

/* Selects @task_id (none when it is not listed), brought into view; with
 * @or_top, the top of the list when none is (a new sort, search or
 * filter). */
static void
select_task (DdTasksPage *self,
             gint64       task_id,
             gboolean     or_top)
{
  int position = -1;

  if (self->tasks != NULL && task_id > 0)
    position = dd_task_list_find (self->tasks, task_id);
  if (position >= 0 && (guint) position >= g_list_model_get_n_items (G_LIST_MODEL (self->tasks)))
    position = -1;

  /* The same position again: the selection would keep the task it took
   * there before (not refilled in place: it does not listen to it). */
  if (position >= 0 && gtk_single_selection_get_selected (self->selection) == (guint) position)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_single_selection_set_selected (self->selection,
                                     position >= 0 ? (guint) position : GTK_INVALID_LIST_POSITION);
  if ((position >= 0 || or_top) && self->tasks != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->tasks)) > 0)
    dd_first_rows_scroll_to (self->column_view, MAX (position, 0));
  /* Also when it is the same task: what may be done with it may have
   * changed with the store. */
  g_signal_emit (self, signals [SELECTION_CHANGED], 0);
}

static void
build_query (DdTasksPage *self,
             DdTaskQuery *query)
{
  guint status;

  dd_task_query_init (query);

  query->as_of = self->as_of;
  if (self->store != NULL)
    query->due_soon_days = dd_store_get_due_soon_days (self->store, NULL);
  query->plan_id = dd_filter_choices_get_id (self->plan_ids, gtk_drop_down_get_selected (self->plan_dropdown));
  query->unit_id = dd_filter_choices_get_id (self->unit_ids, gtk_drop_down_get_selected (self->unit_dropdown));
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

/* The count of the list and, in the status bar, of each status (read
 * with the list). At 1366 px the seven "status: count" did not fit and
 * their counts were cut: each says its count first, in bold, and gives up
 * the end of its status' name (an ellipsis) before its count; the tooltip
 * and the accessible name say it whole. */
static void
update_counts (DdTasksPage *self)
{
  g_autofree char *text = NULL;
  g_autofree char *total = NULL;
  guint counts[DD_N_STATUSES] = { 0, };
  guint n_items = 0;

  /* The whole result, also while its rows are given to the view. */
  if (self->tasks != NULL)
    {
      n_items = dd_task_list_get_n_tasks (self->tasks);
      dd_task_list_get_status_counts (self->tasks, counts);
    }

  total = dd_format_number (n_items, 0);
  /* Translators: the number of tasks listed, in the status bar: "11.383 nhiệm vụ". */
  text = g_strdup_printf (ngettext ("%s task", "%s tasks", n_items), total);
  gtk_label_set_text (self->count_label, text);
  dd_empty_state_update_tasks (self->list_overlay, self->store, n_items);

  for (guint i = 0; i < DD_N_STATUSES; i++)
    {
      GtkWidget *pill = self->status_pills[i];
      g_autofree char *count = dd_format_number (counts[i], 0);
      g_autofree char *markup = NULL;
      g_autofree char *whole = NULL;
      g_autofree char *tooltip = NULL;

      dd_status_pill_set_status (pill, i, NULL);
      markup = g_markup_printf_escaped ("<b>%s</b> %s", count, dd_task_status_get_label (i));
      gtk_label_set_markup (GTK_LABEL (pill), markup);
      /* The count and one letter at least. */
      gtk_label_set_width_chars (GTK_LABEL (pill), (int) g_utf8_strlen (count, -1) + 2);
      /* Translators: a status and the number of tasks in it, in the status
       * bar: "Quá hạn: 2". */
      whole = g_strdup_printf (_("%s: %s"), dd_task_status_get_label (i), count);
      /* Translators: the tooltip of a status' count in the status bar: the
       * status and its count, then what a click does. */
      tooltip = g_strdup_printf (_("%s. Show only the tasks in this status"), whole);
      /* Only when it changes: setting a tooltip asks the display where the
       * pointer is (a round trip to the X server). */
      if (g_strcmp0 (gtk_widget_get_tooltip_text (gtk_widget_get_parent (pill)), tooltip) != 0)
        gtk_widget_set_tooltip_text (gtk_widget_get_parent (pill), tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (pill)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, whole, -1);
    }
}

/* The spinner of the status bar, while a query is read on the worker. */
static void
set_loading (DdTasksPage *self,
             gboolean     loading)
{
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
}

static gboolean reveal_done (gpointer data);

/* Forgets the query being read, if any: its result will not be shown. */
static void
drop_pending_query (DdTasksPage *self)
{
  if (dd_first_rows_pending (&self->first_rows)) /* the caller reads the list anew */
    {
      dd_first_rows_cancel (&self->first_rows);
      set_loading (self, FALSE);
    }
  if (self->query_cancellable == NULL)
    return;
  g_cancellable_cancel (self->query_cancellable);
  g_clear_object (&self->query_cancellable);
  set_loading (self, FALSE);
}

/* Reads the list again (@query NULL) or with @query (refilled in place:
 * dd_task_list_set_refill_items()). The caller selects its task again by
 * its id (select_task()). */
static gboolean
change_list (DdTasksPage        *self,
             const DdTaskQuery  *query,
             GError            **error)
{
  gboolean ok;

  /* A refresh makes every item new: out of the view while it changes, or
   * GTK 4.8 looks for its tracked rows among all 100,000, reading each. */
  drop_pending_query (self);
  gtk_single_selection_set_model (self->selection, NULL);
  ok = query != NULL ? dd_task_list_set_query (self->tasks, query, error) : dd_task_list_refresh (self->tasks, error);
  dd_task_list_notify_refilled (self->tasks, 0, G_MAXUINT);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->tasks));
  return ok;
}

/* The ids of the query read on the worker: shown at once (change_list()),
 * the task asked for (or the one selected until now) selected again and
 * scrolled to. The view binds its rows again: that, not the query, is
 * what the main thread does. */
static void
on_query_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(DdTasksPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 select_id;
  int position;

  /* A later query (or a reading at once) replaced this one, or the page
   * lost its store: nothing to show, the list stays as it is. */
  if (g_task_get_cancellable (G_TASK (result)) != self->query_cancellable
      || self->store == NULL || self->tasks != DD_TASK_LIST (source))
    {
      dd_task_list_set_query_finish (DD_TASK_LIST (source), result, NULL);
      return;
    }
  g_clear_object (&self->query_cancellable);
  set_loading (self, FALSE);

  select_id = self->pending_select >= 0 ? self->pending_select : get_selected_id (self);
  /* No more rows than the list has now (or a screenful), for a start. */
  dd_first_rows_begin (&self->first_rows, self->tasks);
  if (!dd_task_list_set_query_finish (self->tasks, result, &error))
    {
      dd_first_rows_cancel (&self->first_rows);
      dd_task_list_notify_refilled (self->tasks, 0, G_MAXUINT);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("Could not read the tasks"), error);
      return;
    }
  update_counts (self);
  /* Selected and scrolled to at once when the view has its item (or it
   * is not listed: the top), else with the rest of the rows. */
  position = select_id > 0 ? dd_task_list_find (self->tasks, select_id) : -1;
  if (position < 0 || (guint) position < g_list_model_get_n_items (G_LIST_MODEL (self->tasks)))
    {
      select_task (self, select_id, TRUE);
      select_id = -1;
    }
  /* The rows bound again from those shown there, over a few frames. */
  self->pending_select = select_id;
  if (dd_first_rows_reveal (&self->first_rows, GTK_WIDGET (self->column_view), self->tasks,
                            MAX (position, 0), reveal_done, self))
    set_loading (self, TRUE);
  else if (select_id >= 0)
    reveal_done (self);
}

/* The view has all the rows: the task asked for selected. */
static gboolean
reveal_done (gpointer data)
{
  DdTasksPage *self = data;

  set_loading (self, FALSE);
  if (self->pending_select >= 0)
    select_task (self, self->pending_select, TRUE);
  self->pending_select = -1;
  return G_SOURCE_REMOVE;
}

/* Reads @query on the list's worker, the old rows shown meanwhile with
 * a spinner: a sort or a search of 100,000 tasks takes longer than a
 * frame. A query asked for while one is read replaces it. */
static void
read_query_later (DdTasksPage       *self,
                  const DdTaskQuery *query,
                  gint64             select_id)
{
  drop_pending_query (self);
  self->query_cancellable = g_cancellable_new ();
  self->pending_select = select_id;
  set_loading (self, TRUE);
  dd_task_list_set_query_async (self->tasks, query, self->query_cancellable,
                                on_query_read_cb, g_object_ref (self));
}

/* Runs the query of the filters and the sort order again and selects
 * @select_id (or keeps the selection when it is -1): on the worker when
 * @later (what the user changed: the rows stay until the new ones are
 * read), else at once (the first reading, and the other pages' requests,
 * which select a task next). */
static void
run_query (DdTasksPage *self,
           gint64       select_id,
           gboolean     later)
{
  g_autoptr(GError) error = NULL;
  DdTaskQuery query;

  if (self->store == NULL || self->updating_filters > 0)
    return;

  /* The list is first read when the page is shown (a window opens on the
   * dashboard): see dd_tasks_page_map(). */
  if (self->tasks == NULL && !is_shown (self))
    return;

  build_query (self, &query);
  /* "Lead" narrows a unit's tasks: without a unit it has nothing to do. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->lead_only_button), query.unit_id > 0);

  if (later)
    {
      /* The first reading too: the page shows at once, empty, with the
       * spinner. */
      if (self->tasks == NULL)
        {
          self->tasks = dd_task_list_new (self->store);
          dd_task_list_set_refill_items (self->tasks, TRUE);
          dd_task_list_set_notify_later (self->tasks, TRUE);
          gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->tasks));
        }
      read_query_later (self, &query, select_id);
      return;
    }

  if (select_id < 0)
    select_id = get_selected_id (self);

  if (self->tasks == NULL)
    {
      self->tasks = dd_store_query_tasks (self->store, &query, &error);
      if (self->tasks == NULL)
        {
          show_error (self, _("Could not read the tasks"), error);
          return;
        }
      dd_task_list_set_refill_items (self->tasks, TRUE);
      dd_task_list_set_notify_later (self->tasks, TRUE);
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->tasks));
    }
  else if (!change_list (self, &query, &error))
    {
      show_error (self, _("Could not read the tasks"), error);
      return;
    }

  select_task (self, select_id, TRUE);
  update_counts (self);
}

static void
apply_query (DdTasksPage *self,
             gint64       select_id)
{
  run_query (self, select_id, FALSE);
}

/* What the user changed: the sort, the search, a filter. */
static void
apply_query_later (DdTasksPage *self)
{
  run_query (self, -1, TRUE);
}

static void
update_as_of_button (DdTasksPage *self)
{
  g_autofree char *date = dd_format_date (&self->as_of);
  g_autofree char *label = NULL;

  /* Translators: the reference date of the task statuses: "Tính đến 28/04/2026". */
  label = g_strdup_printf (_("As of %s"), date);
  gtk_menu_button_set_label (self->as_of_button, label);
}

/* Selects @date in the calendar of the reference date (which runs the
 * query, unless the filters are being set). */
static void
select_calendar_day (DdTasksPage *self,
                     const GDate *date)
{
  g_autoptr(GDateTime) day = g_date_time_new_local (g_date_get_year (date),
                                                    g_date_get_month (date),
                                                    g_date_get_day (date), 0, 0, 0);

  gtk_calendar_select_day (self->as_of_calendar, day);
}

static void
fill_filters (DdTasksPage *self)
{
  g_autoptr(GtkStringList) units = NULL;
  g_autoptr(GtkStringList) plans = NULL;
  gint64 unit_id;
  gint64 plan_id;

  unit_id = dd_filter_choices_get_id (self->unit_ids, gtk_drop_down_get_selected (self->unit_dropdown));
  plan_id = dd_filter_choices_get_id (self->plan_ids, gtk_drop_down_get_selected (self->plan_dropdown));

  self->updating_filters++;

  units = dd_filter_choices_units (self->store, self->unit_ids);
  plans = dd_filter_choices_plans (self->store, self->plan_ids);

  gtk_drop_down_set_model (self->unit_dropdown, G_LIST_MODEL (units));
  gtk_drop_down_set_selected (self->unit_dropdown, dd_filter_choices_find (self->unit_ids, unit_id));
  /* With several plans in the file, TT alone is ambiguous: show the plan. */
  gtk_column_view_column_set_visible (self->plan_column, self->plan_ids->len > 2);
  /* GTK 4.8 still counts a hidden column's fixed width against the one
   * that expands: the title column lost it, and as much stayed empty on
   * the right. */
  gtk_column_view_column_set_fixed_width (self->plan_column, self->plan_ids->len > 2 ? PLAN_COLUMN_WIDTH : 0);
  gtk_drop_down_set_model (self->plan_dropdown, G_LIST_MODEL (plans));
  gtk_drop_down_set_selected (self->plan_dropdown, dd_filter_choices_find (self->plan_ids, plan_id));

  self->updating_filters--;
}

/* The units and plans of the filters, read with the list: when the page is
 * first shown, or when another page asks for its tasks
 * (dd_page_restore_state()). */
static void
populate_filters (DdTasksPage *self)
{
  if (self->store != NULL && self->tasks == NULL && !is_shown (self))
    {
      self->filters_stale = TRUE;
      return;
    }

  self->filters_stale = FALSE;
  fill_filters (self);
}

/* Callbacks */

/* The filters' units and plans, read after the page's first frame. A unit
 * or plan chosen before that the file no longer has is dropped from them:
 * the list is read again without it. */
static gboolean
on_fill_filters_idle_cb (gpointer data)
{
  DdTasksPage *self = data;
  DdTaskQuery before, after;

  self->filters_id = 0;
  if (!self->filters_stale)
    return G_SOURCE_REMOVE;
  build_query (self, &before);
  populate_filters (self);
  build_query (self, &after);
  if (before.unit_id != after.unit_id || before.plan_id != after.plan_id)
    apply_query_later (self);
  return G_SOURCE_REMOVE;
}

static void
on_view_sorter_changed_cb (DdTasksPage     *self,
                           GtkSorterChange  change,
                           GtkSorter       *sorter)
{
  DdTaskSort sort;
  gboolean descending;

  /* The columns leave the sorter while the page is disposed. */
  if (self->store == NULL)
    return;

  dd_column_sorter_probe (sorter, &self->probe, &sort, &descending);

  if (sort == self->sort && descending == self->descending)
    return;

  self->sort = sort;
  self->descending = descending;
  apply_query_later (self);
}

static void
on_selection_changed_cb (DdTasksPage *self)
{
  g_signal_emit (self, signals [SELECTION_CHANGED], 0);
}

static void
on_column_view_activate_cb (DdTasksPage *self,
                            guint        position)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.edit-task", NULL);
}

static void
on_search_entry_search_changed_cb (DdTasksPage *self)
{
  apply_query_later (self);
}

static void
on_filter_changed_cb (DdTasksPage *self)
{
  apply_query_later (self);
}

static void
on_as_of_calendar_day_selected_cb (DdTasksPage *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->as_of_calendar);

  g_date_set_dmy (&self->as_of,
                  g_date_time_get_day_of_month (date),
                  g_date_time_get_month (date),
                  g_date_time_get_year (date));
  update_as_of_button (self);
  apply_query_later (self);
}

static void
on_as_of_today_clicked_cb (DdTasksPage *self)
{
  GDate today;

  dd_date_set_today (&today);
  /* Selecting the day in the calendar runs the query. */
  select_calendar_day (self, &today);
  gtk_popover_popdown (self->as_of_popover);
}

static void
on_status_button_clicked_cb (GtkButton   *button,
                             DdTasksPage *self)
{
  guint status = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "dd-status"));

  if (gtk_drop_down_get_selected (self->status_dropdown) == status + 1)
    gtk_drop_down_set_selected (self->status_dropdown, 0);
  else
    gtk_drop_down_set_selected (self->status_dropdown, status + 1);
}

/* The New button's action is the window's (win.new-task), enabled as the
 * store allows; its tooltip says why not. */
static void
update_new_button (DdTasksPage *self)
{
  g_autofree char *reason = dd_access_dup_reason (self->store, DD_ACTION_ADD_TASK, NULL);

  dd_access_set_tooltip (GTK_WIDGET (self->new_button), reason);
}

static void
on_store_changed_cb (DdTasksPage *self)
{
  populate_filters (self);
  dd_tasks_page_reload (self, -1);
}

/* DdPage */

/* Reads the filters' units and plans and the list again, keeping the
 * filters and the selection. */
static void
dd_tasks_page_refresh (DdPage *page)
{
  DdTasksPage *self = DD_TASKS_PAGE (page);

  populate_filters (self);
  dd_tasks_page_reload (self, -1);
  /* Not read (no store, or not shown yet): nothing counted. */
  if (self->store == NULL || self->tasks == NULL)
    update_counts (self);
}

static gboolean
dd_tasks_page_search (DdPage     *page,
                      const char *text)
{
  DdTasksPage *self = DD_TASKS_PAGE (page);

  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

/* The rows, where Enter opens the task and the arrows move: what a key
 * that shows this page is for; the search field when there is none. */
static void
dd_tasks_page_focus (DdPage *page)
{
  DdTasksPage *self = DD_TASKS_PAGE (page);

  if (!gtk_widget_grab_focus (GTK_WIDGET (self->column_view)))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
dd_tasks_page_save_state (DdPage      *page,
                          DdPageState *state)
{
  DdTasksPage *self = DD_TASKS_PAGE (page);
  DdTaskQuery query;

  build_query (self, &query);
  state->as_of = self->as_of;
  state->plan_id = query.plan_id;
  state->unit_id = query.unit_id;
  state->status = query.status;
  state->lead_only = query.lead_only;
  state->six_clear_incomplete = query.six_clear_incomplete;
}

/* Sets the filters (and the reference date, when @state has one) as
 * @state says and reads the list again, when the page is shown. */
static void
dd_tasks_page_restore_state (DdPage            *page,
                             const DdPageState *state)
{
  DdTasksPage *self = DD_TASKS_PAGE (page);
  int status = state->status;

  if (self->filters_stale)
    {
      self->filters_stale = FALSE;
      fill_filters (self);
    }

  self->updating_filters++;
  if (g_date_valid (&state->as_of) && g_date_compare (&state->as_of, &self->as_of) != 0)
    {
      self->as_of = state->as_of;
      select_calendar_day (self, &self->as_of);
      update_as_of_button (self);
    }
  gtk_toggle_button_set_active (self->six_clear_button, state->six_clear_incomplete);
  gtk_drop_down_set_selected (self->plan_dropdown, dd_filter_choices_find (self->plan_ids, state->plan_id));
  gtk_drop_down_set_selected (self->unit_dropdown, dd_filter_choices_find (self->unit_ids, state->unit_id));
  gtk_toggle_button_set_active (self->lead_only_button, state->lead_only);
  gtk_drop_down_set_selected (self->status_dropdown,
                              status >= 0 && status < DD_N_STATUSES ? (guint) status + 1 : 0);
  self->updating_filters--;

  apply_query (self, -1);
}

static void
dd_tasks_page_page_init (DdPageInterface *iface)
{
  iface->title = N_("Tasks");
  iface->icon_name = "view-list-symbolic";
  iface->refresh = dd_tasks_page_refresh;
  iface->search = dd_tasks_page_search;
  iface->save_state = dd_tasks_page_save_state;
  iface->restore_state = dd_tasks_page_restore_state;
  iface->focus = dd_tasks_page_focus;
}

/* GObject overrides */

static void
dd_tasks_page_map (GtkWidget *widget)
{
  DdTasksPage *self = DD_TASKS_PAGE (widget);

  GTK_WIDGET_CLASS (dd_tasks_page_parent_class)->map (widget);

  /* Shown for the first time since the store was given: the list is read
   * on its worker (the page shows at once), the filters' units and plans
   * once the page has drawn its first frame (an idle below drawing): on
   * the large file they take ~90 ms of the main thread, which with the
   * page's first layout made one freeze of 160-190 ms. The list is read
   * with the unit and plan chosen before (kept by the filling, or read
   * again without them). */
  if (self->filters_stale && self->filters_id == 0)
    self->filters_id = g_idle_add_full (G_PRIORITY_LOW, on_fill_filters_idle_cb, self, NULL);
  if (self->tasks == NULL)
    apply_query_later (self);
}

static void
dd_tasks_page_dispose (GObject *object)
{
  DdTasksPage *self = DD_TASKS_PAGE (object);

  /* Without a store, the signals that the columns emit while they go away
   * no longer reach the database. */
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  if (self->query_cancellable != NULL)
    g_cancellable_cancel (self->query_cancellable);
  g_clear_object (&self->query_cancellable);
  dd_first_rows_cancel (&self->first_rows);
  g_clear_handle_id (&self->filters_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_TASKS_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->tasks);

  G_OBJECT_CLASS (dd_tasks_page_parent_class)->dispose (object);
}

static void
dd_tasks_page_finalize (GObject *object)
{
  DdTasksPage *self = DD_TASKS_PAGE (object);

  g_clear_pointer (&self->unit_ids, g_array_unref);
  g_clear_pointer (&self->plan_ids, g_array_unref);

  G_OBJECT_CLASS (dd_tasks_page_parent_class)->finalize (object);
}

static void
dd_tasks_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DdTasksPage *self = DD_TASKS_PAGE (object);

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
dd_tasks_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DdTasksPage *self = DD_TASKS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      dd_tasks_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* "Clear Filters" of the empty state: every task of every plan. */
static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DdTasksPage *self = DD_TASKS_PAGE (widget);

  self->updating_filters++;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->unit_dropdown, 0);
  gtk_toggle_button_set_active (self->lead_only_button, FALSE);
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_toggle_button_set_active (self->six_clear_button, FALSE);
  gtk_drop_down_set_selected (self->plan_dropdown, 0);
  self->updating_filters--;
  apply_query (self, -1);
}

static void
dd_tasks_page_class_init (DdTasksPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_tasks_page_dispose;
  object_class->finalize = dd_tasks_page_finalize;
  object_class->get_property = dd_tasks_page_get_property;
  object_class->set_property = dd_tasks_page_set_property;

  widget_class->map = dd_tasks_page_map;

  g_object_class_override_property (object_class, PROP_STORE, "store");

  /**
   * DdTasksPage::selection-changed:
   *
   * Emitted when the selected task changed, and after each reading of the
   * list (what may be done with the task may have changed with the store).
   */
  signals [SELECTION_CHANGED] =
    g_signal_new ("selection-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-tasks-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DdTasksPage, box);
  gtk_widget_class_bind_template_child (widget_class, DdTasksPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DdTasksPage, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdTasksPage, list_overlay);
  gtk_widget_class_install_action (widget_class, "tasks.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_bind_template_child (widget_class, DdTasksPage, lead_only_button);
  gtk_widget_class_bind_template_child (widget_class, DdTasksPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdTasksPage, six_clear_button);
  gtk_widget_class_bind_template_child (widget_class, DdTasksPage, plan_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdTasksPage, as_of_button);
  gtk_widget_class_bind_template_child (widget_class, DdTasksPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, DdTasksPage, as_of_popover);
  gtk_widget_class_bind_template_child (widget_class, DdTasksPage, as_of_calendar);
  gtk_widget_class_bind_template_child (widget_class, DdTasksPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, DdTasksPage, plan_column);
  gtk_widget_class_bind_template_child (widget_class, DdTasksPage, number_column);
  gtk_widget_class_bind_template_child (widget_class, DdTasksPage, title_column);
  gtk_widget_class_bind_template_child (widget_class, DdTasksPage, lead_column);
  gtk_widget_class_bind_template_child (widget_class, DdTasksPage, coordinators_column);
  gtk_widget_class_bind_template_child (widget_class, DdTasksPage, deadline_column);
  gtk_widget_class_bind_template_child (widget_class, DdTasksPage, product_column);
  gtk_widget_class_bind_template_child (widget_class, DdTasksPage, directing_column);
  gtk_widget_class_bind_template_child (widget_class, DdTasksPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, DdTasksPage, progress_column);
  gtk_widget_class_bind_template_child (widget_class, DdTasksPage, six_clear_column);
  gtk_widget_class_bind_template_child (widget_class, DdTasksPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, DdTasksPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, DdTasksPage, status_counts_box);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_as_of_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_as_of_today_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
setup_column (DdTasksPage         *self,
              GtkColumnViewColumn *view_column,
              DdTaskColumn         column)
{
  g_autoptr(GtkListItemFactory) factory = dd_task_column_new_factory (column);
  DdTaskSort sort = column == DD_TASK_COLUMN_PLAN ? DD_TASK_SORT_NUMBER : (DdTaskSort) column;

  gtk_column_view_column_set_factory (view_column, factory);
  if (column != DD_TASK_COLUMN_SIX_CLEAR)
    {
      g_autoptr(DdColumnSorter) sorter = dd_column_sorter_new (sort, &self->probe);

      gtk_column_view_column_set_sorter (view_column, GTK_SORTER (sorter));
    }
}

static void
setup_columns (DdTasksPage *self)
{
  setup_column (self, self->plan_column, DD_TASK_COLUMN_PLAN);
  setup_column (self, self->number_column, DD_TASK_COLUMN_NUMBER);
  setup_column (self, self->title_column, DD_TASK_COLUMN_TITLE);
  setup_column (self, self->lead_column, DD_TASK_COLUMN_LEAD);
  setup_column (self, self->coordinators_column, DD_TASK_COLUMN_COORDINATORS);
  setup_column (self, self->deadline_column, DD_TASK_COLUMN_DEADLINE);
  setup_column (self, self->product_column, DD_TASK_COLUMN_PRODUCT);
  setup_column (self, self->directing_column, DD_TASK_COLUMN_DIRECTING);
  setup_column (self, self->status_column, DD_TASK_COLUMN_STATUS);
  setup_column (self, self->progress_column, DD_TASK_COLUMN_PROGRESS);
  setup_column (self, self->six_clear_column, DD_TASK_COLUMN_SIX_CLEAR);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_view_sorter_changed_cb), self, G_CONNECT_SWAPPED);
}

/* The filters (units and plans are filled from the store) and the status
 * bar's buttons, one per status. */
static void
setup_filters (DdTasksPage *self)
{
  g_autoptr(GtkStringList) statuses = NULL;
  g_autoptr(GtkExpression) expression = NULL;

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  dd_unit_search_setup (self->unit_dropdown);
  gtk_drop_down_set_expression (self->plan_dropdown, expression);
  dd_choice_width_set (self->unit_dropdown, 12);
  dd_choice_width_set (self->status_dropdown, 15);
  dd_choice_width_set (self->plan_dropdown, 13);

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
      g_object_set_data (G_OBJECT (button), "dd-status", GUINT_TO_POINTER (i));
      g_signal_connect_object (button, "clicked",
                               G_CALLBACK (on_status_button_clicked_cb), self, 0);
      gtk_box_append (self->status_counts_box, button);
      self->status_pills[i] = pill;
      dd_status_pill_set_status (pill, i, NULL);
    }
}

static void
dd_tasks_page_init (DdTasksPage *self)
{
  self->unit_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->plan_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->sort = DD_TASK_SORT_NUMBER;
  self->pending_select = -1;
  g_date_clear (&self->as_of, 1);
  dd_date_set_today (&self->as_of);

  self->updating_filters++;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  setup_columns (self);
  setup_filters (self);

  update_as_of_button (self);
  select_calendar_day (self, &self->as_of);

  self->updating_filters--;

  /* The appendix order, marked on the TT column. */
  gtk_column_view_sort_by_column (self->column_view, self->number_column, GTK_SORT_ASCENDING);

  populate_filters (self);
}

/* Public API */

/**
 * dd_tasks_page_new:
 * @store: (nullable): the database
 *
 * Returns: (transfer floating): a new task list
 */
GtkWidget *
dd_tasks_page_new (DdStore *store)
{
  g_return_val_if_fail (store == NULL || DD_IS_STORE (store), NULL);

  return g_object_new (DD_TYPE_TASKS_PAGE, "store", store, NULL);
}

/**
 * dd_tasks_page_get_store:
 *
 * Returns: (transfer none) (nullable): the database listed
 */
DdStore *
dd_tasks_page_get_store (DdTasksPage *self)
{
  g_return_val_if_fail (DD_IS_TASKS_PAGE (self), NULL);

  return self->store;
}

/**
 * dd_tasks_page_set_store:
 * @store: (nullable): the database to list
 *
 * Lists @store: its units and plans in the filters (the filters stay on
 * the ones with the same ids), its tasks from the first, when the page is
 * shown.
 */
void
dd_tasks_page_set_store (DdTasksPage *self,
                         DdStore     *store)
{
  g_return_if_fail (DD_IS_TASKS_PAGE (self));
  g_return_if_fail (store == NULL || DD_IS_STORE (store));

  if (self->store == store)
    return;

  /* A new list for the new store. */
  drop_pending_query (self);
  gtk_single_selection_set_model (self->selection, NULL);
  g_clear_object (&self->tasks);

  dd_page_set_store_field (DD_PAGE (self), &self->store, store, G_CALLBACK (on_store_changed_cb));
  if (store != NULL)
    dd_access_connect (store, G_CALLBACK (update_new_button), self);
  update_new_button (self);
}

/**
 * dd_tasks_page_show_task:
 * @task_id: a task just added or changed
 * @plan_id: its plan
 *
 * Reads the list again and selects the task; when the filters hide it,
 * they are cleared to show the tasks of its plan.
 */
void
dd_tasks_page_show_task (DdTasksPage *self,
                         gint64       task_id,
                         gint64       plan_id)
{
  g_return_if_fail (DD_IS_TASKS_PAGE (self));

  /* The plan may be new (the built-in plan of assignments outside any
   * plan is made with its first task). */
  populate_filters (self);
  dd_tasks_page_reload (self, task_id);
  if (get_selected_id (self) == task_id)
    return;

  self->updating_filters++;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->unit_dropdown, 0);
  gtk_toggle_button_set_active (self->lead_only_button, FALSE);
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_toggle_button_set_active (self->six_clear_button, FALSE);
  gtk_drop_down_set_selected (self->plan_dropdown, dd_filter_choices_find (self->plan_ids, plan_id));
  self->updating_filters--;

  apply_query (self, task_id);
}

/**
 * dd_tasks_page_reload:
 * @select_id: the task to select, or -1 to keep the selection
 *
 * Reads the list again, with the same filters (or reads it the first
 * time, when the page is shown).
 */
void
dd_tasks_page_reload (DdTasksPage *self,
                      gint64       select_id)
{
  g_autoptr(GError) error = NULL;
  DdTaskQuery query;

  g_return_if_fail (DD_IS_TASKS_PAGE (self));

  if (self->tasks == NULL)
    {
      apply_query (self, select_id);
      return;
    }

  if (select_id < 0)
    select_id = get_selected_id (self);

  /* A query of the user's still being read: read it now instead. */
  if (self->query_cancellable != NULL)
    build_query (self, &query);
  if (!change_list (self, self->query_cancellable != NULL ? &query : NULL, &error))
    {
      show_error (self, _("Could not read the tasks"), error);
      return;
    }

  select_task (self, select_id, FALSE);
  update_counts (self);
}

/**
 * dd_tasks_page_is_loading:
 *
 * Returns: whether a query the user asked for (a sort, a search, a
 *   filter) is being read (the list shows the previous one meanwhile),
 *   or the view shows only its first rows yet
 */
gboolean
dd_tasks_page_is_loading (DdTasksPage *self)
{
  g_return_val_if_fail (DD_IS_TASKS_PAGE (self), FALSE);

  return self->query_cancellable != NULL || dd_first_rows_pending (&self->first_rows);
}

DdTaskList *
dd_tasks_page_get_tasks (DdTasksPage *self)
{
  g_return_val_if_fail (DD_IS_TASKS_PAGE (self), NULL);

  return self->tasks;
}

const DdTaskQuery *
dd_tasks_page_get_query (DdTasksPage *self)
{
  g_return_val_if_fail (DD_IS_TASKS_PAGE (self), NULL);

  return self->tasks != NULL ? dd_task_list_get_query (self->tasks) : NULL;
}

DdTask *
dd_tasks_page_dup_selected_task (DdTasksPage *self)
{
  DdTask *task;

  g_return_val_if_fail (DD_IS_TASKS_PAGE (self), NULL);

  if (self->selection == NULL)
    return NULL;

  /* A copy: the list refills its items in place with each result. */
  task = gtk_single_selection_get_selected_item (self->selection);
  return task != NULL ? dd_task_copy (task) : NULL;
}

const GDate *
dd_tasks_page_get_as_of (DdTasksPage *self)
{
  g_return_val_if_fail (DD_IS_TASKS_PAGE (self), NULL);

  return &self->as_of;
}
