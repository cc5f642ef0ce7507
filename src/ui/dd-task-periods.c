/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-task-periods"

#include "config.h"


#include <glib/gi18n.h>

#include "dd-access.h"
#include "dd-report-dialog.h"
#include "dd-schedule-fields.h"
#include "dd-status-pill.h"
#include "dd-task-periods.h"

/*
 * DdTaskPeriods: the reports of one task, for the task editor's reports
 * page. A list of the task's periods (the store's occurrences: the periodic
 * reports, its ad hoc reports, an ongoing task's update windows), each with
 * its due date, its state as of the date the task was read for (on time,
 * late, forgotten, due soon, not yet due) and the report recorded (date,
 * number). A period's row records its report ("Record Report…", a past
 * period late) or takes a recording back (after a confirmation); "Add Ad
 * Hoc Report…" adds a report asked outside the periods. Under the list,
 * the task's schedule: its periods, the rule of their due dates (the
 * cut-off day of Nghị định 09/2019 or N working days after it) and, for an
 * ongoing task, how often an update is owed.
 *
 * The periods listed are those due from one year before the reference date
 * to one year after it (and never before the plan's date: the store starts
 * there). A year back holds the latest past period of every kind — the
 * annual report included — which are the ones that make a task "forgotten"
 * (dd-store-recurring.c) and the ones an office still records late; a year
 * ahead shows the whole coming cycle. A period asked for outside that
 * window (from the calendar) widens it.
 *
 * Every write is one row through the store (on the main thread: the
 * store's busy handling keeps it short), refused by it with a message that
 * is shown on top; after a write the list is read again and "changed" is
 * emitted so that the editor reloads the task (its status follows).
 * Whoever may not change the task sees everything read-only, with the
 * reason (dd_store_can()).
 */

#define WINDOW_DAYS 365

struct _DdTaskPeriods
{
  GtkWidget parent_instance;

  DdStore *store;
  DdCalendar *calendar;           /* of the store: the task's time */
  DdTask *task;
  GPtrArray *periods;             /* DdOccurrence, in the order of the rows */
  GDate from;                     /* the due dates listed */
  GDate to;
  DdTaskSchedule schedule;        /* as read */
  gboolean can_record;
  gboolean can_schedule;
  GtkSizeGroup *columns[3];       /* period, due date, state */

  /* Template children */
  GtkWidget *box;
  GtkLabel *read_only_label;
  GtkRevealer *error_revealer;
  GtkLabel *error_label;
  GtkLabel *range_label;
  GtkButton *ad_hoc_button;
  GtkListBox *list;
  GtkWidget *schedule_title;
  GtkWidget *schedule_grid;
  DdScheduleFields *schedule_fields;
  GtkButton *schedule_button;
  GtkLabel *schedule_hint;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdTaskPeriods, dd_task_periods, GTK_TYPE_WIDGET)

/* Auxiliary methods */

static void
show_error (DdTaskPeriods *self,
            const char    *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static GtkWindow *
get_window (DdTaskPeriods *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* The day the periods are judged as of: the task's reference date (today
 * for a task not read from the store). */
static void
get_as_of (DdTaskPeriods *self,
           GDate         *out)
{
  const GDate *as_of = self->task != NULL ? dd_task_get_as_of (self->task) : NULL;

  if (dd_date_is_set (as_of))
    *out = *as_of;
  else
    {
      g_date_clear (out, 1);
      dd_date_set_today (out);
    }
}

/* Whether the task is in the store (a new one has no periods yet). */
static gboolean
has_stored_task (DdTaskPeriods *self)
{
  return self->task != NULL && dd_task_get_id (self->task) > 0;
}

static void
remove_rows (DdTaskPeriods *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    {
      if (!GTK_IS_LIST_BOX_ROW (child))
        break;
      gtk_list_box_remove (self->list, child);
    }
}

/* The state of a period in the core's words (on time, late, forgotten,
 * coming), a coming one due soon in the task list's. */
static const char *
state_label (DdTaskStatus status)
{
  if (status == DD_STATUS_DUE_SOON)
    return dd_task_status_get_label (status);
  return dd_occurrence_state_get_label (dd_occurrence_state_from_status (status));
}

static gboolean
is_recorded (const DdOccurrence *occ)
{
  return dd_date_is_set (&occ->reported_on);
}

/* What the row says of the report made. (transfer full) */
static char *
dup_report_text (const DdOccurrence *occ)
{
  g_autofree char *date = NULL;

  if (!is_recorded (occ))
    return g_strdup ("");

  date = dd_format_date (&occ->reported_on);
  if (occ->kind == DD_OCCURRENCE_UPDATE)
    /* Translators: an ongoing task's update window: "Cập nhật ngày 12/05/2026". */
    return g_strdup_printf (_("Updated on %s"), date);
  if (occ->report_number != NULL && *occ->report_number != '\0')
    /* Translators: a period's report: "Báo cáo ngày 20/09/2026, số 45/BC-HCQT". */
    return g_strdup_printf (_("Reported on %s, no. %s"), date, occ->report_number);
  /* Translators: a period's report: "Báo cáo ngày 20/09/2026". */
  return g_strdup_printf (_("Reported on %s"), date);
}

static GtkWidget *
new_cell (DdTaskPeriods *self,
          int            column,
          const char    *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (column >= 0)
    gtk_size_group_add_widget (self->columns[column], label);
  return label;
}

static GtkWidget *
new_row_button (DdTaskPeriods      *self,
                const DdOccurrence *occ,
                guint               position);

static GtkWidget *
new_row (DdTaskPeriods      *self,
         const DdOccurrence *occ,
         guint               position)
{
  g_autofree char *due = dd_format_date (&occ->due);
  /* Translators: the due date of a period in the task's list of reports. */
  g_autofree char *due_text = g_strdup_printf (_("Due %s"), due);
  g_autofree char *report = dup_report_text (occ);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label, *pill, *state_box, *button;

  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);

  label = new_cell (self, 0, occ->label);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 18);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
  gtk_widget_set_tooltip_text (label, occ->label);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), new_cell (self, 1, due_text));

  state_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  pill = dd_status_pill_new ();
  dd_status_pill_set_status (pill, occ->status, state_label (occ->status));
  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (state_box), pill);
  gtk_size_group_add_widget (self->columns[2], state_box);
  gtk_box_append (GTK_BOX (box), state_box);

  label = new_cell (self, -1, report);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* The note recorded with the report, and the whole text when cut short. */
  if (occ->report_note != NULL && *occ->report_note != '\0')
    {
      g_autofree char *tooltip = g_strdup_printf ("%s\n%s", report, occ->report_note);

      gtk_widget_set_tooltip_text (label, tooltip);
    }
  else if (*report != '\0')
    gtk_widget_set_tooltip_text (label, report);
  gtk_box_append (GTK_BOX (box), label);

  button = new_row_button (self, occ, position);
  if (button != NULL)
    gtk_box_append (GTK_BOX (box), button);
  else
    gtk_widget_set_tooltip_text (row, _("An ongoing task’s update is its progress: record it with the task’s "
                                        "progress, not here."));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
fill_list (DdTaskPeriods *self)
{
  remove_rows (self);
  if (self->periods == NULL)
    return;

  for (guint i = 0; i < self->periods->len; i++)
    gtk_list_box_append (self->list, new_row (self, g_ptr_array_index (self->periods, i), i));
}

static void
update_range_label (DdTaskPeriods *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *as_of = NULL;
  g_autofree char *text = NULL;
  GDate day;

  if (!has_stored_task (self))
    {
      gtk_label_set_text (self->range_label, "");
      return;
    }

  get_as_of (self, &day);
  from = dd_format_date (&self->from);
  to = dd_format_date (&self->to);
  as_of = dd_format_date (&day);
  /* Translators: under the heading of a task's reports. */
  text = g_strdup_printf (_("Periods due from %s to %s, as of %s."), from, to, as_of);
  gtk_label_set_text (self->range_label, text);
}

static void
set_window (DdTaskPeriods *self)
{
  GDate as_of;

  get_as_of (self, &as_of);
  self->from = as_of;
  g_date_subtract_days (&self->from, WINDOW_DAYS);
  self->to = as_of;
  g_date_add_days (&self->to, WINDOW_DAYS);
}

static void load_schedule (DdTaskPeriods *self);
static void update_access (DdTaskPeriods *self);

static void
load (DdTaskPeriods *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->periods, g_ptr_array_unref);
  show_error (self, NULL);

  if (has_stored_task (self))
    {
      GDate as_of;

      get_as_of (self, &as_of);
      self->periods = dd_calendar_list_task_periods (self->calendar, dd_task_get_id (self->task),
                                                     &self->from, &self->to, &as_of, &error);
      if (self->periods == NULL)
        show_error (self, error->message);
    }

  update_range_label (self);
  load_schedule (self);
  /* Fills the list: the rows' buttons follow the role. */
  update_access (self);
}

static void
after_write (DdTaskPeriods *self)
{
  load (self);
  g_signal_emit (self, signals [CHANGED], 0);
}

/* The schedule */

static gboolean
has_schedule (DdTaskPeriods *self)
{
  DdDeadlineKind kind;

  if (!has_stored_task (self))
    return FALSE;
  kind = dd_task_get_deadline_kind (self->task);
  return kind == DD_DEADLINE_PERIODIC || kind == DD_DEADLINE_ONGOING;
}

static void
update_schedule_button (DdTaskPeriods *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->schedule_button),
                            self->can_schedule && dd_schedule_fields_is_edited (self->schedule_fields));
}

static void
show_schedule_rows (DdTaskPeriods *self)
{
  gboolean periodic = has_schedule (self) && dd_task_get_deadline_kind (self->task) == DD_DEADLINE_PERIODIC;
  gboolean ongoing = has_schedule (self) && dd_task_get_deadline_kind (self->task) == DD_DEADLINE_ONGOING;

  gtk_widget_set_visible (self->schedule_title, periodic || ongoing);
  gtk_widget_set_visible (self->schedule_grid, periodic || ongoing);
  dd_schedule_fields_show_rows (self->schedule_fields, periodic, ongoing);
}

static void
load_schedule (DdTaskPeriods *self)
{
  g_autoptr(GError) error = NULL;

  dd_task_schedule_init (&self->schedule);

  if (has_schedule (self)
      && !dd_calendar_get_task_schedule (self->calendar, dd_task_get_id (self->task),
                                         &self->schedule, &error))
    show_error (self, error->message);

  /* The periods as the store writes them out: the task's own, or those
   * of its text, or the office's default. */
  show_schedule_rows (self);
  dd_schedule_fields_set_schedule (self->schedule_fields, &self->schedule);
}

static void
update_access (DdTaskPeriods *self)
{
  g_autofree char *record_reason = NULL;
  g_autofree char *schedule_reason = NULL;

  if (has_stored_task (self))
    {
      record_reason = dd_access_dup_reason (self->store, DD_ACTION_EDIT_TASK, self->task);
      /* The store's guard lets only an administrator change a schedule. */
      schedule_reason = dd_access_dup_reason (self->store, DD_ACTION_EDIT_SETTINGS, NULL);
    }
  self->can_record = has_stored_task (self) && record_reason == NULL;
  self->can_schedule = has_stored_task (self) && schedule_reason == NULL;

  gtk_label_set_text (self->read_only_label, record_reason != NULL ? record_reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->read_only_label), record_reason != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->ad_hoc_button), self->can_record);
  dd_access_set_tooltip (GTK_WIDGET (self->ad_hoc_button), record_reason);

  dd_schedule_fields_set_editable (self->schedule_fields, self->can_schedule);
  if (schedule_reason != NULL)
    gtk_label_set_text (self->schedule_hint, schedule_reason);
  else if (self->schedule.inherited)
    gtk_label_set_text (self->schedule_hint, _("This task follows the office’s default schedule."));
  else
    gtk_label_set_text (self->schedule_hint, "");
  update_schedule_button (self);

  /* The rows' buttons follow the role too. */
  fill_list (self);
}

/* Callbacks */

static void
on_report_dialog_done_cb (DdTaskPeriods *self)
{
  after_write (self);
}

static void
on_record_button_clicked_cb (GtkButton     *button,
                             DdTaskPeriods *self)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "dd-period"));
  DdReportDialog *dialog;

  if (self->periods == NULL || position >= self->periods->len)
    return;

  dialog = dd_report_dialog_new_record (get_window (self), self->store, self->task,
                                        g_ptr_array_index (self->periods, position));
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_report_dialog_done_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_take_back_response_cb (GtkDialog     *dialog,
                          int            response,
                          DdTaskPeriods *self)
{
  const DdOccurrence *occ = g_object_get_data (G_OBJECT (dialog), "dd-period");
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->task != NULL)
    {
      if (dd_store_record_report (self->store, dd_task_get_id (self->task), occ->kind, occ->year,
                                  occ->index, NULL, NULL, NULL, &error))
        after_write (self);
      else
        show_error (self, error->message);
    }

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_take_back_button_clicked_cb (GtkButton     *button,
                                DdTaskPeriods *self)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "dd-period"));
  const DdOccurrence *occ;
  GtkWidget *dialog;

  if (self->periods == NULL || position >= self->periods->len)
    return;
  occ = g_ptr_array_index (self->periods, position);

  dialog = gtk_message_dialog_new (get_window (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   /* Translators: %s is the period: "Quý III/2026". */
                                   _("Take back the report of %s?"), occ->label);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("The period will be owed again. The history keeps "
                                              "both the recording and its taking back."));
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  gtk_widget_add_css_class (gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Take Back"), GTK_RESPONSE_ACCEPT),
                            "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_object_set_data_full (G_OBJECT (dialog), "dd-period", dd_occurrence_copy (occ),
                          (GDestroyNotify) dd_occurrence_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_take_back_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
new_row_button (DdTaskPeriods      *self,
                const DdOccurrence *occ,
                guint               position)
{
  GtkWidget *button;
  GDate today;

  /* An ongoing task's update is its progress, recorded in the editor. */
  if (occ->kind == DD_OCCURRENCE_UPDATE)
    return NULL;

  if (is_recorded (occ))
    {
      button = gtk_button_new_with_mnemonic (_("_Take Back…"));
      gtk_widget_set_name (button, "take-back-button");
      gtk_widget_set_tooltip_text (button, _("Take back the recording of this report"));
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_take_back_button_clicked_cb), self, 0);
    }
  else
    {
      button = gtk_button_new_with_mnemonic (_("_Record Report…"));
      gtk_widget_set_name (button, "record-button");
      gtk_widget_set_tooltip_text (button, _("Record that this period’s report was made: its date, number and a note"));
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_record_button_clicked_cb), self, 0);
    }
  g_object_set_data (G_OBJECT (button), "dd-period", GUINT_TO_POINTER (position));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);

  /* A period that has not begun cannot have been reported on. */
  dd_date_set_today (&today);
  if (!self->can_record)
    gtk_widget_set_sensitive (button, FALSE);
  else if (!is_recorded (occ) && occ->kind != DD_OCCURRENCE_AD_HOC && dd_date_is_set (&occ->start)
           && g_date_compare (&occ->start, &today) > 0)
    {
      gtk_widget_set_sensitive (button, FALSE);
      gtk_widget_set_tooltip_text (button, _("This period has not begun yet."));
    }
  return button;
}

static void
on_ad_hoc_button_clicked_cb (DdTaskPeriods *self)
{
  DdReportDialog *dialog;

  if (!has_stored_task (self))
    return;

  dialog = dd_report_dialog_new_ad_hoc (get_window (self), self->store, self->task);
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_report_dialog_done_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_schedule_changed_cb (DdTaskPeriods *self)
{
  update_schedule_button (self);
}

static void
on_schedule_button_clicked_cb (DdTaskPeriods *self)
{
  g_autoptr(GError) error = NULL;
  DdTaskSchedule schedule;

  if (!has_stored_task (self))
    return;

  dd_schedule_fields_get_schedule (self->schedule_fields, &schedule);
  if (!dd_store_set_task_schedule (self->store, dd_task_get_id (self->task), &schedule, &error))
    {
      show_error (self, error->message);
      return;
    }
  after_write (self);
}

static void
on_access_changed_cb (DdTaskPeriods *self)
{
  update_access (self);
}

/* GObject overrides */

static void
dd_task_periods_dispose (GObject *object)
{
  DdTaskPeriods *self = DD_TASK_PERIODS (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->calendar);
  g_clear_object (&self->task);
  g_clear_pointer (&self->periods, g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->columns); i++)
    g_clear_object (&self->columns[i]);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_TASK_PERIODS);

  G_OBJECT_CLASS (dd_task_periods_parent_class)->dispose (object);
}

static void
dd_task_periods_class_init (DdTaskPeriodsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_task_periods_dispose;

  g_type_ensure (DD_TYPE_SCHEDULE_FIELDS);

  /**
   * DdTaskPeriods::changed:
   *
   * A report, an ad hoc report or the schedule was written: the task's
   * status may have changed (the editor reads the task again).
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-task-periods.ui");
  gtk_widget_class_bind_template_child (widget_class, DdTaskPeriods, box);
  gtk_widget_class_bind_template_child (widget_class, DdTaskPeriods, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, DdTaskPeriods, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, DdTaskPeriods, error_label);
  gtk_widget_class_bind_template_child (widget_class, DdTaskPeriods, range_label);
  gtk_widget_class_bind_template_child (widget_class, DdTaskPeriods, ad_hoc_button);
  gtk_widget_class_bind_template_child (widget_class, DdTaskPeriods, list);
  gtk_widget_class_bind_template_child (widget_class, DdTaskPeriods, schedule_title);
  gtk_widget_class_bind_template_child (widget_class, DdTaskPeriods, schedule_grid);
  gtk_widget_class_bind_template_child (widget_class, DdTaskPeriods, schedule_fields);
  gtk_widget_class_bind_template_child (widget_class, DdTaskPeriods, schedule_button);
  gtk_widget_class_bind_template_child (widget_class, DdTaskPeriods, schedule_hint);
  gtk_widget_class_bind_template_callback (widget_class, on_ad_hoc_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_schedule_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_schedule_button_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dd_task_periods_init (DdTaskPeriods *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (self->columns); i++)
    self->columns[i] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  g_date_clear (&self->from, 1);
  g_date_clear (&self->to, 1);
  update_access (self);
}

/* Public API */

/**
 * dd_task_periods_new:
 *
 * Returns: (transfer floating): an empty widget; dd_task_periods_set_task() fills it
 */
GtkWidget *
dd_task_periods_new (void)
{
  return g_object_new (DD_TYPE_TASK_PERIODS, NULL);
}

/**
 * dd_task_periods_set_task:
 * @store: (nullable): the task's database
 * @task: (nullable): the task, read as of the date its periods are judged for
 */
void
dd_task_periods_set_task (DdTaskPeriods *self,
                          DdStore       *store,
                          DdTask        *task)
{
  g_return_if_fail (DD_IS_TASK_PERIODS (self));
  g_return_if_fail (store == NULL || DD_IS_STORE (store));
  g_return_if_fail (task == NULL || DD_IS_TASK (task));
  g_return_if_fail (task == NULL || store != NULL);

  if (store != self->store)
    {
      if (self->store != NULL)
        g_signal_handlers_disconnect_by_data (self->store, self);
      g_set_object (&self->store, store);
      g_clear_object (&self->calendar);
      if (store != NULL)
        {
          self->calendar = dd_calendar_new (store);
          dd_access_connect (store, G_CALLBACK (on_access_changed_cb), self);
        }
    }

  /* Another task starts on its own window; the same task keeps a window
   * widened for a period asked for. */
  if (task == NULL || self->task == NULL || dd_task_get_id (task) != dd_task_get_id (self->task)
      || !g_date_valid (&self->from))
    {
      g_set_object (&self->task, task);
      if (task != NULL)
        set_window (self);
    }
  else
    g_set_object (&self->task, task);

  load (self);
}

/**
 * dd_task_periods_get_task:
 *
 * Returns: (transfer none) (nullable): the task shown
 */
DdTask *
dd_task_periods_get_task (DdTaskPeriods *self)
{
  g_return_val_if_fail (DD_IS_TASK_PERIODS (self), NULL);

  return self->task;
}

void
dd_task_periods_reload (DdTaskPeriods *self)
{
  g_return_if_fail (DD_IS_TASK_PERIODS (self));

  load (self);
}

/**
 * dd_task_periods_get_periods:
 *
 * Returns: (transfer none) (element-type DdOccurrence) (nullable): the periods listed
 */
GPtrArray *
dd_task_periods_get_periods (DdTaskPeriods *self)
{
  g_return_val_if_fail (DD_IS_TASK_PERIODS (self), NULL);

  return self->periods;
}

static int
find_period (DdTaskPeriods    *self,
             DdOccurrenceKind  kind,
             int               year,
             int               index)
{
  for (guint i = 0; self->periods != NULL && i < self->periods->len; i++)
    {
      const DdOccurrence *occ = g_ptr_array_index (self->periods, i);

      if (occ->kind == kind && occ->index == index && (kind == DD_OCCURRENCE_AD_HOC || occ->year == year))
        return (int) i;
    }
  return -1;
}

/**
 * dd_task_periods_find_row:
 *
 * Returns: (transfer none) (nullable): the row of the period
 */
GtkListBoxRow *
dd_task_periods_find_row (DdTaskPeriods    *self,
                          DdOccurrenceKind  kind,
                          int               year,
                          int               index)
{
  int position;

  g_return_val_if_fail (DD_IS_TASK_PERIODS (self), NULL);

  position = find_period (self, kind, year, index);
  return position >= 0 ? gtk_list_box_get_row_at_index (self->list, position) : NULL;
}

/* Shows the page of a stack or notebook that holds @widget. */
static void
show_page_of (GtkWidget *widget)
{
  for (GtkWidget *w = widget, *parent; (parent = gtk_widget_get_parent (w)) != NULL; w = parent)
    {
      GtkWidget *grandparent = gtk_widget_get_parent (parent);

      if (GTK_IS_NOTEBOOK (grandparent))
        gtk_notebook_set_current_page (GTK_NOTEBOOK (grandparent),
                                       gtk_notebook_page_num (GTK_NOTEBOOK (grandparent), w));
      else if (GTK_IS_STACK (parent))
        gtk_stack_set_visible_child (GTK_STACK (parent), w);
    }
}

gboolean
dd_task_periods_select_period (DdTaskPeriods    *self,
                               DdOccurrenceKind  kind,
                               int               year,
                               int               index)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (DD_IS_TASK_PERIODS (self), FALSE);

  if (!has_stored_task (self))
    return FALSE;

  /* A period outside the window (an old one from the agenda) widens it. */
  if (find_period (self, kind, year, index) < 0 && kind != DD_OCCURRENCE_AD_HOC && year > 1900)
    {
      GDate from, to;

      g_date_clear (&from, 1);
      g_date_set_dmy (&from, 1, G_DATE_JANUARY, (GDateYear) (year - 1));
      g_date_clear (&to, 1);
      g_date_set_dmy (&to, 31, G_DATE_DECEMBER, (GDateYear) (year + 1));
      if (g_date_compare (&from, &self->from) < 0)
        self->from = from;
      if (g_date_compare (&to, &self->to) > 0)
        self->to = to;
      load (self);
    }

  row = dd_task_periods_find_row (self, kind, year, index);
  if (row == NULL)
    return FALSE;

  show_page_of (GTK_WIDGET (self));
  gtk_list_box_select_row (self->list, row);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  return TRUE;
}
