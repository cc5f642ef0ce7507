/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dd-calendar-page.h"
#include "dd-dashboard-page.h"
#include "dd-indicators-page.h"
#include "dd-reminder.h"
#include "dd-units-page.h"
#include "dd-window-private.h"

/*
 * DdWindow: the main window, a shell around its pages (DdPage). A sidebar
 * chooses among the pages of a GtkStack: the task list (DdTasksPage, built
 * by the template), then the pages of the table below, built when first
 * shown. Above them, the banners of a read-only, locked or damaged file
 * and the reminder bar; in the header, the file's name and the main menu,
 * whose actions ("win.*") are in dd-window-actions.c.
 *
 * The window gives each page its store, routes its search to the page
 * shown, and opens the task list on what a page asks for ("show-tasks" and
 * the like) or the task editor on a task ("open-task").
 */

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (DdWindow, dd_window, GTK_TYPE_APPLICATION_WINDOW)

/* How often the window looks for changes made on other desktops. */
#define POLL_SECONDS 2

/* The width the task list needs to show every column without scrolling
 * (the sidebar, the fixed columns of dd-tasks-page.ui, a title column of a
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

static void
update_title (DdWindow *self)
{
  _dd_window_update_title (self);
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

      /* A file changed outside Đôn Đốc: the reason names what was added or
       * changed; nobody should work in it until someone checks it. */
      if (dd_store_is_tampered (self->store))
        /* Translators: shown above the task list; %s names the objects changed. */
        text = g_strdup_printf (_("Do not work in this database until it is checked. %s Call the office's "
                                  "IT officer or an administrator of Đôn Đốc, who can restore the newest good "
                                  "backup."), reason);
      else if (reason != NULL)
        /* Each reason is a sentence that says the database is read-only
         * and why (a file, a server's standby, a viewer's role): said
         * once, not after "read-only:" again. */
        text = g_strdup (reason);
      else
        /* Translators: shown above the task list of a read-only database. */
        text = g_strdup (_("This database is open read-only: the file cannot be written."));
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

DdTask *
_dd_window_dup_selected_task (DdWindow *self)
{
  g_assert (DD_IS_WINDOW (self));

  if (self->tasks_page == NULL)
    return NULL;
  return dd_tasks_page_dup_selected_task (self->tasks_page);
}

/* Opens the task list on what @request says; as of the reference date of
 * @source (the page that asks, or the reminder bar) when it has one: the
 * dashboard counted its tasks as of that day, and the list then shows the
 * same tasks. */
static void
show_tasks (DdWindow          *self,
            gpointer           source,
            const DdPageState *request)
{
  DdPageState state = *request;

  if (DD_IS_PAGE (source))
    {
      DdPageState shown;

      dd_page_save_state (DD_PAGE (source), &shown);
      state.as_of = shown.as_of;
    }

  dd_page_restore_state (DD_PAGE (self->tasks_page), &state);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->tasks_page));
}

/* Callbacks */

static void
on_page_show_tasks_cb (GtkWidget *page,
                       gint64     plan_id,
                       gint64     unit_id,
                       int        status,
                       DdWindow  *self)
{
  DdPageState state;

  dd_page_state_init (&state);
  state.plan_id = plan_id;
  state.unit_id = unit_id;
  state.status = status;
  show_tasks (self, page, &state);
}

static void
on_page_show_lead_tasks_cb (GtkWidget *page,
                            gint64     plan_id,
                            gint64     unit_id,
                            int        status,
                            DdWindow  *self)
{
  DdPageState state;

  dd_page_state_init (&state);
  state.plan_id = plan_id;
  state.unit_id = unit_id;
  state.status = status;
  state.lead_only = TRUE;
  show_tasks (self, page, &state);
}

static void
on_page_show_six_clear_tasks_cb (GtkWidget *page,
                                 gint64     plan_id,
                                 DdWindow  *self)
{
  DdPageState state;

  dd_page_state_init (&state);
  state.plan_id = plan_id;
  state.six_clear_incomplete = TRUE;
  show_tasks (self, page, &state);
}

static void
on_page_open_task_cb (GtkWidget *page,
                      gint64     task_id,
                      DdWindow  *self)
{
  _dd_window_view_task (self, task_id);
}

/* A report or an update in the calendar: its task, at that period. */
static void
on_page_open_task_period_cb (GtkWidget *page,
                             gint64     task_id,
                             int        kind,
                             int        year,
                             int        index,
                             DdWindow  *self)
{
  DdTaskEditor *editor = _dd_window_view_task (self, task_id);

  if (editor != NULL)
    dd_task_editor_show_period (editor, (DdOccurrenceKind) kind, year, index);
}

static void
on_tasks_page_selection_changed_cb (DdWindow *self)
{
  _dd_window_actions_update (self);
}

/* The pages */

/* What each page asks of the window, connected when it is built. */

static void
connect_dashboard_page (DdWindow  *self,
                        GtkWidget *page)
{
  g_assert (DD_IS_DASHBOARD_PAGE (page));

  g_signal_connect_object (page, "show-tasks", G_CALLBACK (on_page_show_tasks_cb), self, 0);
  g_signal_connect_object (page, "show-lead-tasks", G_CALLBACK (on_page_show_lead_tasks_cb), self, 0);
  g_signal_connect_object (page, "show-six-clear-tasks",
                           G_CALLBACK (on_page_show_six_clear_tasks_cb), self, 0);
}

static void
connect_calendar_page (DdWindow  *self,
                       GtkWidget *page)
{
  g_assert (DD_IS_CALENDAR_PAGE (page));

  g_signal_connect_object (page, "open-task", G_CALLBACK (on_page_open_task_cb), self, 0);
  g_signal_connect_object (page, "open-task-period", G_CALLBACK (on_page_open_task_period_cb), self, 0);
}

static void
connect_units_page (DdWindow  *self,
                    GtkWidget *page)
{
  g_assert (DD_IS_UNITS_PAGE (page));

  g_signal_connect_object (page, "show-tasks", G_CALLBACK (on_page_show_tasks_cb), self, 0);
}

/*
 * The pages after "Tasks", in the order of the sidebar, which names each
 * as the page says (DdPage). Adding a page is adding a line here.
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
  GType (*get_type) (void);
  void (*connect) (DdWindow  *self,
                   GtkWidget *page);
} PageInfo;

static const PageInfo pages[] = {
  { "dashboard", dd_dashboard_page_get_type, connect_dashboard_page },
  { "calendar", dd_calendar_page_get_type, connect_calendar_page },
  { "units", dd_units_page_get_type, connect_units_page },
  { "indicators", dd_indicators_page_get_type, NULL },
};

/* A page gets the window's store when it is first shown (or now, if it is
 * showing): a file with years of plans is not read for pages nobody looks
 * at (the unit scorecards of 100,000 tasks take seconds). */
static void
give_store_to_page (DdWindow *self,
                    DdPage   *page,
                    gboolean  force)
{
  DdStore *current = dd_page_get_store (page);
  gboolean shown = gtk_stack_get_visible_child (self->stack) == gtk_widget_get_parent (GTK_WIDGET (page));

  if (current == self->store && !force)
    return;
  if (force && current != NULL)
    dd_page_set_store (page, NULL);
  if (self->store == NULL || shown)
    dd_page_set_store (page, self->store);
  else if (current != NULL)
    /* Not shown: drop the old store now, read the new one when shown. */
    dd_page_set_store (page, NULL);
}

/* Builds the page @i of the table above in its box of the stack, or
 * returns it if it is built. */
static DdPage *
ensure_page (DdWindow *self,
             guint     i)
{
  GtkWidget *holder = gtk_stack_get_child_by_name (self->stack, pages[i].name);
  GtkWidget *page = gtk_widget_get_first_child (holder);

  if (page != NULL)
    return DD_PAGE (page);

  page = g_object_new (pages[i].get_type (), NULL);
  gtk_widget_set_hexpand (page, TRUE);
  gtk_widget_set_vexpand (page, TRUE);
  if (pages[i].connect != NULL)
    pages[i].connect (self, page);
  gtk_box_append (GTK_BOX (holder), page);
  g_ptr_array_add (self->pages, page);

  return DD_PAGE (page);
}

static gboolean
focus_visible_page_cb (gpointer data)
{
  DdWindow *self = data;
  DdPage *page = _dd_window_get_visible_page (self);

  self->focus_page_id = 0;
  if (page != NULL)
    dd_page_focus (page);
  return G_SOURCE_REMOVE;
}

static void
on_stack_visible_child_cb (DdWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  /* The task list reads its store itself when shown (it has it). */
  if (self->pages == NULL || name == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (strcmp (name, pages[i].name) == 0)
      give_store_to_page (self, ensure_page (self, i), FALSE);

  /* The focus goes with the page, to what it is for (dd_page_focus()):
   * GtkStack gives it, once this signal is handled, to the page's first
   * focusable widget (the task list's status counts, where Enter set a
   * filter) or leaves it on the page hidden. By a key, a click in the
   * sidebar (which takes none) or a chart's drill-down alike. */
  if (self->focus_page_id == 0)
    self->focus_page_id = g_idle_add (focus_visible_page_cb, self);
}

DdPage *
_dd_window_get_visible_page (DdWindow *self)
{
  GtkWidget *child;

  g_assert (DD_IS_WINDOW (self));

  child = gtk_stack_get_visible_child (self->stack);
  /* The pages of the table sit in a box of their own. */
  if (child != NULL && !DD_IS_PAGE (child))
    child = gtk_widget_get_first_child (child);
  return DD_IS_PAGE (child) ? DD_PAGE (child) : NULL;
}

/* What the first frame of the window need not wait for: the reminder's
 * counts (a pass over every task) and the damage check and daily backup of
 * a file opened with DD_STORE_OPEN_CHECK_LATER (a thread that reads the
 * whole file, on a machine with two cores). They start once the window has
 * drawn its first frame, or at once for a window that is not shown; on the
 * dashboard, once it has read its figures too (their two workers would
 * otherwise share the cores with them), PAGE_WAIT_MS at most. */
#define PAGE_WAIT_MS 3000

/* When the file's last good backup was made, for the backup bar: reading
 * the backups folder opens each backup, so after the first frame. */
static void
read_backup_age (DdWindow *self)
{
  g_autoptr(DdBackups) backups = NULL;

  if (self->store == NULL || self->backup_age_read || dd_store_get_path (self->store) == NULL ||
      g_str_equal (dd_store_get_path (self->store), ":memory:"))
    return;
  self->backup_age_read = TRUE;
  backups = dd_backups_new (self->store);
  self->last_good_backup = dd_backups_dup_last_good (backups, NULL);
  _dd_window_update_banners (self);
}

static void
run_deferred_work (DdWindow *self)
{
  dd_reminder_set_store (DD_REMINDER (self->reminder), self->store);
  read_backup_age (self);

  if (self->store != NULL && dd_store_is_checking (self->store) && !self->check_started)
    {
      self->check_started = TRUE;
      dd_store_check_async (self->store, NULL, on_store_checked_cb, g_object_ref (self));
    }
}

static void schedule_deferred_work (DdWindow *self);

static void
stop_waiting_for_page (DdWindow *self)
{
  g_clear_handle_id (&self->page_wait_id, g_source_remove);
  if (self->page_waited != NULL)
    g_clear_signal_handler (&self->page_wait_handler, self->page_waited);
  g_clear_object (&self->page_waited);
}

/* The page has read its figures, or waited long enough: the work runs. */
static void
end_page_wait (DdWindow *self)
{
  stop_waiting_for_page (self);
  self->page_read = TRUE;
  schedule_deferred_work (self);
}

static void
on_page_loading_cb (GObject    *page,
                    GParamSpec *pspec,
                    DdWindow   *self)
{
  if (!dd_dashboard_page_is_loading (DD_DASHBOARD_PAGE (page)))
    end_page_wait (self);
}

static gboolean
on_page_wait_timeout_cb (gpointer user_data)
{
  DdWindow *self = user_data;

  self->page_wait_id = 0;
  end_page_wait (self);
  return G_SOURCE_REMOVE;
}

/* Whether the work waits for the page shown (the dashboard reading its
 * figures); it is scheduled again when the page has read them. */
static gboolean
wait_for_page (DdWindow *self)
{
  DdPage *page = _dd_window_get_visible_page (self);

  if (self->page_read || self->page_waited != NULL)
    return self->page_waited != NULL;
  if (!DD_IS_DASHBOARD_PAGE (page) || !dd_dashboard_page_is_loading (DD_DASHBOARD_PAGE (page)))
    return FALSE;
  self->page_waited = g_object_ref (GTK_WIDGET (page));
  self->page_wait_handler = g_signal_connect (page, "notify::loading", G_CALLBACK (on_page_loading_cb), self);
  self->page_wait_id = g_timeout_add (PAGE_WAIT_MS, on_page_wait_timeout_cb, self);
  return TRUE;
}

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
      /* The first frame may have been drawn already, before this idle
       * ran (drawing comes first): ask for one more, or nothing that does
       * not change would ever paint again and the work would wait forever. */
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return G_SOURCE_REMOVE;
    }
  if (clock == NULL && gtk_widget_get_mapped (GTK_WIDGET (self)) && wait_for_page (self))
    return G_SOURCE_REMOVE;

  run_deferred_work (self);
  return G_SOURCE_REMOVE;
}

/* At a low priority, below drawing (GDK_PRIORITY_REDRAW) and input, and
 * below the pages' own idle readings (G_PRIORITY_LOW): GLib runs every
 * source ready at the same priority in one turn of the main loop, and at
 * the opening of the 100,000-task file the overview's plans (60-70 ms)
 * and this work (the backups' folder, 20 ms) made one stretch of 100 ms. */
#define DEFERRED_WORK_PRIORITY (G_PRIORITY_LOW + 10)

static void
schedule_deferred_work (DdWindow *self)
{
  if (self->deferred_id == 0)
    self->deferred_id = g_idle_add_full (DEFERRED_WORK_PRIORITY, deferred_work_cb, self, NULL);
}

static void
on_backup_bar_response (DdWindow *self,
                        int       response)
{
  if (response != GTK_RESPONSE_CLOSE)
    return;
  self->backup_dismissed = TRUE;
  _dd_window_update_banners (self);
}

static gboolean
poll_external_changes_cb (gpointer user_data)
{
  DdWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  /* A file that cannot be read now (a share gone away) is said by the
   * next read of the pages; the poll tries again in a moment. */
  if (self->store != NULL && !dd_store_poll_external_changes (self->store, &error) && error != NULL)
    g_debug ("Polling for other desktops' changes: %s", error->message);
  return G_SOURCE_CONTINUE;
}

/* Reads everything from the store anew: the pages built (a page reads its
 * store again when it is given it again) and the task list, which keeps
 * its filters and selection. */
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

  dd_page_refresh (DD_PAGE (self->tasks_page));
}

/* GObject overrides */

static void
dd_window_dispose (GObject *object)
{
  DdWindow *self = (DdWindow *)object;

  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_handle_id (&self->deferred_id, g_source_remove);
  g_clear_handle_id (&self->focus_page_id, g_source_remove);
  stop_waiting_for_page (self);
  _dd_window_server_dispose (self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->last_good_backup, g_date_time_unref);
  /* A job still running ends without the window. */
  g_cancellable_cancel (self->letters_cancellable);
  g_clear_object (&self->letters_cancellable);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_WINDOW);

  g_clear_pointer (&self->pages, g_ptr_array_unref);

  G_OBJECT_CLASS (dd_window_parent_class)->dispose (object);
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

  g_type_ensure (DD_TYPE_TASKS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DdWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, read_only_bar);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, restore_newest_button);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, lock_bar);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, lock_label);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, lock_button);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, backup_bar);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, backup_label);
  gtk_widget_class_bind_template_callback (widget_class, on_backup_bar_response);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, tasks_page);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, busy_spinner);

  _dd_window_class_actions_init (widget_class);
  _dd_window_class_shell_init (widget_class);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    g_type_ensure (pages[i].get_type ());
}

static void
add_stack_pages (DdWindow *self)
{
  GtkStackPage *tasks = gtk_stack_get_page (self->stack, GTK_WIDGET (self->tasks_page));

  gtk_stack_page_set_title (tasks, dd_page_get_title (DD_PAGE (self->tasks_page)));
  gtk_stack_page_set_icon_name (tasks, dd_page_type_get_icon_name (DD_TYPE_TASKS_PAGE));

  /* The other pages, built when first shown: see the table above. */
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *holder = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GType type = pages[i].get_type ();
      GtkStackPage *stack_page;

      stack_page = gtk_stack_add_titled (self->stack, holder, pages[i].name, dd_page_type_get_title (type));
      gtk_stack_page_set_icon_name (stack_page, dd_page_type_get_icon_name (type));
    }
}

static void
dd_window_init (DdWindow *self)
{
  self->pages = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  fit_default_size (self);

  g_signal_connect_object (self->tasks_page, "selection-changed",
                           G_CALLBACK (on_tasks_page_selection_changed_cb), self, G_CONNECT_SWAPPED);

  add_stack_pages (self);
  _dd_window_shell_init (self);
  g_signal_connect_object (self->stack, "notify::visible-child",
                           G_CALLBACK (on_stack_visible_child_cb), self, G_CONNECT_SWAPPED);

  /* What is overdue or due soon, said as soon as a database is open. */
  self->reminder = dd_reminder_new ();
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->read_only_bar))),
                              self->reminder, GTK_WIDGET (self->read_only_bar));
  g_signal_connect_object (self->reminder, "show-tasks", G_CALLBACK (on_page_show_tasks_cb), self, 0);

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
    g_signal_handlers_disconnect_by_func (self->store, update_title, self);
  g_set_object (&self->store, store);
  /* An import or Office Settings may change what the title names. */
  if (self->store != NULL)
    g_signal_connect_object (self->store, "changed", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);

  /* Other desktops write to the same file: look every couple of seconds
   * (PRAGMA data_version is cheap); the store then says "changed" and every
   * page refreshes in place. A server's store is told instead
   * (LISTEN/NOTIFY: dd-window-server.c). */
  _dd_window_server_set_store (self);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->store != NULL && !_dd_window_server_is_live (self))
    self->poll_id = g_timeout_add_seconds (POLL_SECONDS, poll_external_changes_cb, self);

  /* The task list has the store at once (it reads it when shown); the
   * other pages when they are shown. */
  dd_tasks_page_set_store (self->tasks_page, store);
  for (guint i = 0; i < self->pages->len; i++)
    give_store_to_page (self, g_ptr_array_index (self->pages, i), FALSE);
  /* The reminder speaks of the new store once the window is drawn. */
  dd_reminder_set_store (DD_REMINDER (self->reminder), NULL);
  self->check_started = FALSE;
  stop_waiting_for_page (self);
  self->page_read = FALSE;
  self->backup_dismissed = FALSE;
  self->backup_age_read = FALSE;
  g_clear_pointer (&self->last_good_backup, g_date_time_unref);
  schedule_deferred_work (self);

  update_title (self);
  update_read_only (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE]);
}

/* Whether the start page is the dashboard, without reading the list if it
 * has not been read. */
static gboolean
store_has_tasks (DdStore    *store,
                 DdTaskList *tasks)
{
  g_autoptr(GError) error = NULL;

  if (tasks != NULL)
    return g_list_model_get_n_items (G_LIST_MODEL (tasks)) > 0;
  if (store == NULL || dd_store_has_tasks (store, &error))
    return store != NULL;

  /* The task list, shown instead, says what cannot be read. */
  if (error != NULL)
    g_debug ("Could not tell whether the file has tasks: %s", error->message);
  return FALSE;
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

  has_tasks = store_has_tasks (self->store, dd_tasks_page_get_tasks (self->tasks_page));
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
 * @name: the name of a page of the stack: "tasks", "dashboard",
 *   "calendar", "units" or "indicators"
 *
 * Pages after the task list are built when first shown; this builds the
 * page if it is not.
 *
 * Returns: (transfer none) (nullable): the page, or %NULL for an unknown name
 */
GtkWidget *
dd_window_get_page (DdWindow   *self,
                    const char *name)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (strcmp (name, "tasks") == 0)
    return GTK_WIDGET (self->tasks_page);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (strcmp (name, pages[i].name) == 0)
      return GTK_WIDGET (ensure_page (self, i));

  return NULL;
}
