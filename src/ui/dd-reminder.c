/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-reminder"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-page.h"
#include "dd-reminder.h"

/*
 * DdReminder: the bar at the top of the window that says, as soon as a
 * database is opened, how many tasks are overdue, how many have forgotten
 * a report or update (quên việc) and how many fall due soon (as of today),
 * with buttons that open the task list filtered ("show-tasks", as the
 * pages ask). When the window is not the active one
 * a second after opening — the app was started in the background, or the
 * user went elsewhere — a desktop notification says the same.
 *
 * The counts are the core's (dd_stats_count_reminders()), by the task
 * list's one status rule, so that the list a button opens holds exactly
 * the number the bar said: the forgotten ones are the tasks in
 * DD_STATUS_FORGOTTEN (a periodic task whose latest report, or an ongoing
 * task whose latest update, was not made), and "Show Forgotten" lists
 * exactly those. They are counted on a worker of the reminder's own (a
 * thread and a connection): on a 100,000-task file the count reads every
 * task (35-40 ms), which on the main thread came after every save and,
 * at the opening, in the same stretch as the overview's plans (a freeze
 * of 115-125 ms). The bar keeps its last counts until the new ones come.
 */

/* How long after a database is opened the window must have become active
 * for the notification to be spared. */
#define NOTIFY_DELAY_MS 1000
#define NOTIFICATION_ID "dondoc-reminder"

struct _DdReminder
{
  GtkWidget parent_instance;

  DdStore *store;
  DdStoreWorker *worker;    /* of the store: the counts */
  GCancellable *counting;   /* the count being made, if any */
  guint n_overdue;
  guint n_forgotten;
  guint n_due_soon;
  gboolean dismissed;       /* closed by the user for this store */
  gboolean notify_pending;  /* a store was set and not yet announced */
  guint notify_source;

  /* Template children */
  GtkInfoBar *info_bar;
  GtkLabel *label;
  GtkWidget *overdue_button;
  GtkWidget *forgotten_button;
  GtkWidget *due_soon_button;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  SHOW_TASKS,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdReminder, dd_reminder, GTK_TYPE_WIDGET)

/* Auxiliary methods */

/* Drops the count being made, if any: its result will not be shown. */
static void
stop_counting (DdReminder *self)
{
  g_cancellable_cancel (self->counting);
  g_clear_object (&self->counting);
}

/* On the worker's thread: the three counts as of today. */
static gpointer
count_job (DdStore       *connection,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(DdStats) stats = dd_stats_new (connection);
  g_autofree DdReminderCounts *counts = g_new0 (DdReminderCounts, 1);
  DdTaskQuery query;

  dd_task_query_init (&query);
  query.due_soon_days = dd_store_get_due_soon_days (connection, NULL);
  if (!dd_stats_count_reminders (stats, &query, counts, error))
    return NULL;
  return g_steal_pointer (&counts);
}

static gboolean
needs_attention (DdReminder *self)
{
  return self->n_overdue > 0 || self->n_forgotten > 0 || self->n_due_soon > 0;
}

static void
send_notification (DdReminder *self)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GApplication *application = NULL;

  if (!needs_attention (self))
    return;

  /* The person is looking at the window: the bar says it all. */
  if (GTK_IS_WINDOW (root) && gtk_window_is_active (GTK_WINDOW (root)))
    return;

  if (GTK_IS_WINDOW (root))
    application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (root)));
  if (application == NULL)
    application = g_application_get_default ();
  if (application == NULL
      || !g_application_get_is_registered (application)
      || g_application_get_is_remote (application))
    return;

  body = dd_reminder_dup_text (self);
  notification = g_notification_new (_("Tasks need attention"));
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, self->n_overdue > 0 || self->n_forgotten > 0
                               ? G_NOTIFICATION_PRIORITY_HIGH
                               : G_NOTIFICATION_PRIORITY_NORMAL);
  /* Without a default action, clicking it brings the application up. */
  g_application_send_notification (application, NOTIFICATION_ID, notification);
}

/* Callbacks */

static gboolean
on_notify_timeout_cb (gpointer user_data)
{
  DdReminder *self = user_data;

  self->notify_source = 0;
  send_notification (self);

  return G_SOURCE_REMOVE;
}

static void
on_info_bar_response_cb (DdReminder *self,
                         int         response)
{
  if (response == GTK_RESPONSE_CLOSE)
    {
      self->dismissed = TRUE;
      gtk_info_bar_set_revealed (self->info_bar, FALSE);
    }
}

static void
on_overdue_button_clicked_cb (DdReminder *self)
{
  g_signal_emit (self, signals [SHOW_TASKS], 0, (gint64) 0, (gint64) 0, (int) DD_STATUS_OVERDUE);
}

static void
on_forgotten_button_clicked_cb (DdReminder *self)
{
  g_signal_emit (self, signals [SHOW_TASKS], 0, (gint64) 0, (gint64) 0, (int) DD_STATUS_FORGOTTEN);
}

static void
on_due_soon_button_clicked_cb (DdReminder *self)
{
  g_signal_emit (self, signals [SHOW_TASKS], 0, (gint64) 0, (gint64) 0, (int) DD_STATUS_DUE_SOON);
}

static void
on_store_changed_cb (DdReminder *self)
{
  dd_reminder_update (self);
}

/* GObject overrides */

static void
dd_reminder_dispose (GObject *object)
{
  DdReminder *self = DD_REMINDER (object);

  g_clear_handle_id (&self->notify_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  stop_counting (self);
  g_clear_object (&self->worker);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_REMINDER);

  G_OBJECT_CLASS (dd_reminder_parent_class)->dispose (object);
}

static void
dd_reminder_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DdReminder *self = DD_REMINDER (object);

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
dd_reminder_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DdReminder *self = DD_REMINDER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      dd_reminder_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_reminder_class_init (DdReminderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_reminder_dispose;
  object_class->get_property = dd_reminder_get_property;
  object_class->set_property = dd_reminder_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DD_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DdReminder::show-tasks:
   * @plan_id: 0
   * @unit_id: 0
   * @status: %DD_STATUS_OVERDUE, %DD_STATUS_FORGOTTEN or %DD_STATUS_DUE_SOON
   *
   * Asks the window to show the tasks in a status, like the pages do.
   */
  signals [SHOW_TASKS] =
    g_signal_new ("show-tasks",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-reminder.ui");
  gtk_widget_class_bind_template_child (widget_class, DdReminder, info_bar);
  gtk_widget_class_bind_template_child (widget_class, DdReminder, label);
  gtk_widget_class_bind_template_child (widget_class, DdReminder, overdue_button);
  gtk_widget_class_bind_template_child (widget_class, DdReminder, forgotten_button);
  gtk_widget_class_bind_template_child (widget_class, DdReminder, due_soon_button);
  gtk_widget_class_bind_template_callback (widget_class, on_info_bar_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_overdue_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_forgotten_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_due_soon_button_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dd_reminder_init (DdReminder *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * dd_reminder_new:
 *
 * Returns: (transfer floating): a new, hidden reminder bar
 */
GtkWidget *
dd_reminder_new (void)
{
  return g_object_new (DD_TYPE_REMINDER, NULL);
}

/**
 * dd_reminder_get_store:
 *
 * Returns: (transfer none) (nullable): the database counted
 */
DdStore *
dd_reminder_get_store (DdReminder *self)
{
  g_return_val_if_fail (DD_IS_REMINDER (self), NULL);

  return self->store;
}

/**
 * dd_reminder_set_store:
 * @store: (nullable): the database just opened
 *
 * Counts what is overdue and due soon in @store and shows the bar (and,
 * a second later, the notification when the window is not active).
 */
void
dd_reminder_set_store (DdReminder *self,
                       DdStore    *store)
{
  g_return_if_fail (DD_IS_REMINDER (self));
  g_return_if_fail (store == NULL || DD_IS_STORE (store));

  /* The pages' setter: the reminder counts what they show. */
  if (!dd_page_swap_store (self, &self->store, store, G_CALLBACK (on_store_changed_cb)))
    return;

  /* A newly opened database is announced again, counted by a worker of
   * its own. */
  stop_counting (self);
  g_clear_object (&self->worker);
  self->dismissed = FALSE;
  self->notify_pending = self->store != NULL;
  g_clear_handle_id (&self->notify_source, g_source_remove);

  dd_reminder_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE]);
}

/* Shows the counts: the bar, its buttons, the notification to come. */
static void
show_counts (DdReminder *self)
{
  g_autofree char *text = NULL;
  gboolean any = self->store != NULL && needs_attention (self);

  text = dd_reminder_dup_text (self);
  gtk_label_set_text (self->label, text);
  gtk_widget_set_visible (self->overdue_button, self->n_overdue > 0);
  gtk_widget_set_visible (self->forgotten_button, self->n_forgotten > 0);
  gtk_widget_set_visible (self->due_soon_button, self->n_due_soon > 0);
  gtk_info_bar_set_message_type (self->info_bar, self->n_overdue > 0 || self->n_forgotten > 0
                                 ? GTK_MESSAGE_WARNING : GTK_MESSAGE_INFO);
  gtk_info_bar_set_revealed (self->info_bar, any && !self->dismissed);

  if (any && self->notify_pending && self->notify_source == 0)
    {
      self->notify_pending = FALSE;
      self->notify_source = g_timeout_add (NOTIFY_DELAY_MS, on_notify_timeout_cb, self);
    }
}

static void
on_counted_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(DdReminder) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree DdReminderCounts *counts = dd_store_worker_run_finish (DD_STORE_WORKER (source), result, &error);

  /* Asked again since, or the store changed: a later count shows. */
  if (g_task_get_cancellable (G_TASK (result)) != self->counting)
    return;
  g_clear_object (&self->counting);
  if (counts == NULL)
    {
      g_debug ("Could not count the tasks that need attention: %s", error->message);
      self->n_overdue = self->n_forgotten = self->n_due_soon = 0;
    }
  else
    {
      self->n_overdue = counts->overdue;
      self->n_forgotten = counts->forgotten;
      self->n_due_soon = counts->due_soon;
    }
  show_counts (self);
}

/**
 * dd_reminder_update:
 *
 * Counts again (as of today) on the reminder's worker, then shows or
 * hides the bar; a count asked for while one is made replaces it.
 */
void
dd_reminder_update (DdReminder *self)
{
  g_return_if_fail (DD_IS_REMINDER (self));

  stop_counting (self);
  if (self->store == NULL)
    {
      self->n_overdue = self->n_forgotten = self->n_due_soon = 0;
      show_counts (self);
      return;
    }
  if (self->worker == NULL)
    self->worker = dd_store_worker_new (self->store, DD_STORE_WORKER_READS | DD_STORE_WORKER_SMALL_CACHE);
  self->counting = g_cancellable_new ();
  dd_store_worker_run_async (self->worker, count_job, NULL, NULL, g_free, self->counting, on_counted_cb,
                             g_object_ref (self));
}

/**
 * dd_reminder_is_counting:
 *
 * Returns: whether a count is being made (the bar shows the last one)
 */
gboolean
dd_reminder_is_counting (DdReminder *self)
{
  g_return_val_if_fail (DD_IS_REMINDER (self), FALSE);

  return self->counting != NULL;
}

guint
dd_reminder_get_n_overdue (DdReminder *self)
{
  g_return_val_if_fail (DD_IS_REMINDER (self), 0);

  return self->n_overdue;
}

guint
dd_reminder_get_n_forgotten (DdReminder *self)
{
  g_return_val_if_fail (DD_IS_REMINDER (self), 0);

  return self->n_forgotten;
}

guint
dd_reminder_get_n_due_soon (DdReminder *self)
{
  g_return_val_if_fail (DD_IS_REMINDER (self), 0);

  return self->n_due_soon;
}

gboolean
dd_reminder_get_revealed (DdReminder *self)
{
  g_return_val_if_fail (DD_IS_REMINDER (self), FALSE);

  return gtk_info_bar_get_revealed (self->info_bar);
}

/**
 * dd_reminder_dup_text:
 *
 * Returns: (transfer full): "3 tasks overdue, 2 tasks with a forgotten
 *   report, 4 tasks due soon" (translated), or an empty string when there
 *   is nothing to say
 */
char *
dd_reminder_dup_text (DdReminder *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (DD_IS_REMINDER (self), NULL);

  g_autofree char *overdue = dd_format_count (self->n_overdue);
  g_autofree char *forgotten = dd_format_count (self->n_forgotten);
  g_autofree char *due_soon = dd_format_count (self->n_due_soon);

  if (self->n_overdue > 0)
    /* Translators: in the reminder shown on opening a database; %s is a
     * count ("11.383"). */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%s task overdue", "%s tasks overdue", self->n_overdue),
                                             overdue));
  if (self->n_forgotten > 0)
    /* Translators: in the reminder shown on opening a database: tasks
     * "quên việc", whose latest periodic report or update was not made. */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%s task with a forgotten report",
                                                       "%s tasks with a forgotten report", self->n_forgotten),
                                             forgotten));
  if (self->n_due_soon > 0)
    /* Translators: in the reminder shown on opening a database. */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%s task due soon", "%s tasks due soon", self->n_due_soon),
                                             due_soon));

  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        /* Translators: what separates the parts of the reminder:
         * "3 nhiệm vụ quá hạn, 2 nhiệm vụ quên báo cáo, 4 nhiệm vụ sắp đến hạn". */
        g_string_append (text, C_("reminder", ", "));
      g_string_append (text, g_ptr_array_index (parts, i));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
