/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-report-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-date-field.h"
#include "dd-report-dialog.h"

/*
 * DdReportDialog: the small dialog of a task's reports, in one of two
 * forms. "Record" says that the report of one period was made: its date
 * (today by default; a past period may be recorded late), its number
 * ("45/BC-HCQT") and a note. "Ad hoc" adds a report asked of the task
 * outside its periods (đột xuất): a title and a due date.
 *
 * The fields are checked as the user types (the hint under a field says
 * what is wrong, and the primary button waits); the store checks again
 * and its refusal is shown on top, the dialog staying open. A write is one
 * row in one transaction: it runs on the main thread (the store's busy
 * handling keeps it short). After it the dialog emits "done" and closes.
 */

struct _DdReportDialog
{
  GtkWindow parent_instance;

  DdStore *store;
  DdTask *task;
  DdOccurrence *period;           /* NULL: an ad hoc report is added */

  /* Template children */
  GtkRevealer *error_revealer;
  GtkLabel *error_label;
  GtkLabel *heading_label;
  GtkWidget *record_grid;
  DdDateField *date_field;
  GtkLabel *date_hint;
  GtkEntry *number_entry;
  GtkEntry *note_entry;
  GtkWidget *ad_hoc_grid;
  GtkEntry *title_entry;
  GtkLabel *title_hint;
  DdDateField *due_field;
  GtkLabel *due_hint;
  GtkButton *ok_button;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_TASK,
  PROP_PERIOD,
  N_PROPS
};

enum {
  DONE,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdReportDialog, dd_report_dialog, GTK_TYPE_WINDOW)

/* Auxiliary methods */

/* The text of an entry, trimmed; NULL when empty. (transfer full) */
static char *
dup_entry_text (GtkEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
set_hint (GtkLabel   *hint,
          const char *text)
{
  gtk_label_set_text (hint, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (hint), text != NULL);
  if (text != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (hint), "error");
}

static void
show_error (DdReportDialog *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

/* What is wrong with the date in @field, or NULL; @out gets the date.
 * @not_after: (nullable): the last day allowed. (transfer full) */
static char *
check_date (DdDateField *field,
            const GDate *not_after,
            GDate       *out)
{
  if (dd_date_field_is_empty (field))
    return g_strdup (_("Enter a date."));
  if (!dd_date_field_get_date (field, out))
    return g_strdup (_("This is not a date: write it as dd/mm/yyyy, e.g. 30/06/2026."));
  if (not_after != NULL && g_date_compare (out, not_after) > 0)
    return g_strdup (_("A report cannot be dated after today."));
  return NULL;
}

/* Checks the fields, shows what is wrong under each and enables the
 * primary button when nothing is. */
static gboolean
validate (DdReportDialog *self)
{
  g_autofree char *date_problem = NULL;
  g_autofree char *title_problem = NULL;
  g_autofree char *due_problem = NULL;
  g_autofree char *title = NULL;
  GDate date, today;
  gboolean ok;

  dd_date_set_today (&today);
  if (self->period != NULL)
    {
      date_problem = check_date (self->date_field, &today, &date);
      set_hint (self->date_hint, date_problem);
      ok = date_problem == NULL;
    }
  else
    {
      title = dup_entry_text (self->title_entry);
      if (title == NULL)
        title_problem = g_strdup (_("Say what the report is about."));
      due_problem = check_date (self->due_field, NULL, &date);
      set_hint (self->title_hint, title_problem);
      set_hint (self->due_hint, due_problem);
      ok = title_problem == NULL && due_problem == NULL;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->ok_button), ok);
  return ok;
}

static gboolean
record (DdReportDialog  *self,
        GError         **error)
{
  g_autofree char *number = dup_entry_text (self->number_entry);
  g_autofree char *note = dup_entry_text (self->note_entry);
  GDate date;

  dd_date_field_get_date (self->date_field, &date);
  return dd_store_record_report (self->store, dd_task_get_id (self->task), self->period->kind,
                                 self->period->year, self->period->index, &date,
                                 number != NULL ? number : "", note != NULL ? note : "", error);
}

static gboolean
add_ad_hoc (DdReportDialog  *self,
            GError         **error)
{
  g_autofree char *title = dup_entry_text (self->title_entry);
  GDate due;

  dd_date_field_get_date (self->due_field, &due);
  return dd_store_add_ad_hoc_report (self->store, dd_task_get_id (self->task), title, &due, error) > 0;
}

/* Callbacks */

static void
on_field_changed_cb (DdReportDialog *self)
{
  validate (self);
}

static void
on_cancel_button_clicked_cb (DdReportDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_ok_button_clicked_cb (DdReportDialog *self)
{
  dd_report_dialog_apply (self);
}

/* GObject overrides */

static void
dd_report_dialog_constructed (GObject *object)
{
  DdReportDialog *self = DD_REPORT_DIALOG (object);
  GDate today;

  G_OBJECT_CLASS (dd_report_dialog_parent_class)->constructed (object);

  g_assert (DD_IS_STORE (self->store));
  g_assert (DD_IS_TASK (self->task));

  gtk_widget_set_visible (self->record_grid, self->period != NULL);
  gtk_widget_set_visible (self->ad_hoc_grid, self->period == NULL);

  if (self->period != NULL)
    {
      g_autofree char *due = dd_format_date (&self->period->due);
      /* Translators: the heading of the dialog that records a report:
       * "Quý III/2026 — hạn 14/09/2026". */
      g_autofree char *heading = g_strdup_printf (_("%s — due %s"), self->period->label, due);

      gtk_label_set_text (self->heading_label, heading);
      dd_date_set_today (&today);
      dd_date_field_set_date (self->date_field, &today);
      gtk_widget_grab_focus (GTK_WIDGET (self->date_field));
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Add an Ad Hoc Report"));
      gtk_button_set_label (self->ok_button, _("_Add"));
      gtk_label_set_text (self->heading_label, dd_task_get_title (self->task));
      gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));
    }

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->ok_button));
  validate (self);
}

static void
dd_report_dialog_dispose (GObject *object)
{
  DdReportDialog *self = DD_REPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_REPORT_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->task);
  g_clear_pointer (&self->period, dd_occurrence_free);

  G_OBJECT_CLASS (dd_report_dialog_parent_class)->dispose (object);
}

static void
dd_report_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DdReportDialog *self = DD_REPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_TASK:
      g_value_set_object (value, self->task);
      break;

    case PROP_PERIOD:
      g_value_set_boxed (value, self->period);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_report_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DdReportDialog *self = DD_REPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_TASK:
      self->task = g_value_dup_object (value);
      break;

    case PROP_PERIOD:
      self->period = g_value_dup_boxed (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_report_dialog_class_init (DdReportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dd_report_dialog_constructed;
  object_class->dispose = dd_report_dialog_dispose;
  object_class->get_property = dd_report_dialog_get_property;
  object_class->set_property = dd_report_dialog_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DD_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_TASK] =
    g_param_spec_object ("task", NULL, NULL,
                         DD_TYPE_TASK,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * DdReportDialog:period: (nullable)
   *
   * The period whose report is recorded; %NULL to add an ad hoc report.
   */
  properties [PROP_PERIOD] =
    g_param_spec_boxed ("period", NULL, NULL,
                        DD_TYPE_OCCURRENCE,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DdReportDialog::done:
   *
   * The store took the report; the dialog closes.
   */
  signals [DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (DD_TYPE_DATE_FIELD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-report-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DdReportDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, DdReportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, DdReportDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, DdReportDialog, record_grid);
  gtk_widget_class_bind_template_child (widget_class, DdReportDialog, date_field);
  gtk_widget_class_bind_template_child (widget_class, DdReportDialog, date_hint);
  gtk_widget_class_bind_template_child (widget_class, DdReportDialog, number_entry);
  gtk_widget_class_bind_template_child (widget_class, DdReportDialog, note_entry);
  gtk_widget_class_bind_template_child (widget_class, DdReportDialog, ad_hoc_grid);
  gtk_widget_class_bind_template_child (widget_class, DdReportDialog, title_entry);
  gtk_widget_class_bind_template_child (widget_class, DdReportDialog, title_hint);
  gtk_widget_class_bind_template_child (widget_class, DdReportDialog, due_field);
  gtk_widget_class_bind_template_child (widget_class, DdReportDialog, due_hint);
  gtk_widget_class_bind_template_child (widget_class, DdReportDialog, ok_button);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_ok_button_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dd_report_dialog_init (DdReportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

static DdReportDialog *
new_dialog (GtkWindow          *parent,
            DdStore            *store,
            DdTask             *task,
            const DdOccurrence *period)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DD_IS_STORE (store), NULL);
  g_return_val_if_fail (DD_IS_TASK (task), NULL);

  return g_object_new (DD_TYPE_REPORT_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "task", task,
                       "period", period,
                       NULL);
}

/**
 * dd_report_dialog_new_record:
 * @parent: (nullable): the window it belongs to
 * @period: the period, as dd_calendar_list_task_periods() gives it
 *
 * Returns: (transfer none): a new dialog, not yet shown (it is owned by
 *   GTK's list of toplevels and destroys itself when closed)
 */
DdReportDialog *
dd_report_dialog_new_record (GtkWindow          *parent,
                             DdStore            *store,
                             DdTask             *task,
                             const DdOccurrence *period)
{
  g_return_val_if_fail (period != NULL, NULL);

  return new_dialog (parent, store, task, period);
}

/**
 * dd_report_dialog_new_ad_hoc:
 * @parent: (nullable): the window it belongs to
 *
 * Returns: (transfer none): a new dialog, not yet shown
 */
DdReportDialog *
dd_report_dialog_new_ad_hoc (GtkWindow *parent,
                             DdStore   *store,
                             DdTask    *task)
{
  return new_dialog (parent, store, task, NULL);
}

gboolean
dd_report_dialog_apply (DdReportDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_return_val_if_fail (DD_IS_REPORT_DIALOG (self), FALSE);

  if (!validate (self))
    return FALSE;

  ok = self->period != NULL ? record (self, &error) : add_ad_hoc (self, &error);
  if (!ok)
    {
      show_error (self, error->message);
      return FALSE;
    }

  show_error (self, NULL);
  g_signal_emit (self, signals [DONE], 0);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
