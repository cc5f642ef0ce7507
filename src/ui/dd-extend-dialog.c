/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-extend-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-date-field.h"
#include "dd-extend-dialog.h"

/*
 * DdExtendDialog: "Extend Deadline…" (gia hạn) of one task: the new due
 * date (typed dd/mm/yyyy or picked), the document that allowed it (its
 * number, the day it was signed, who signed it) and the reason.
 *
 * The fields are checked as the user types: the new date must be a real
 * date after the current due date, and the document is required; the hint
 * under a field says what is wrong and "Extend" waits; who signed it and
 * why may be left out. The store checks again (the plan's date, the role)
 * and its refusal, which names the
 * field, is shown on top with nothing written. The write is one
 * transaction on the main thread; then the dialog emits "extended" and
 * closes, and whoever opened it reads the task again (its status is judged
 * against the new date).
 */

struct _DdExtendDialog
{
  GtkWindow parent_instance;

  DdStore *store;
  DdTask *task;

  /* Template children */
  GtkRevealer *error_revealer;
  GtkLabel *error_label;
  GtkLabel *title_label;
  GtkLabel *current_label;
  DdDateField *new_due_field;
  GtkLabel *new_due_hint;
  GtkEntry *decision_entry;
  GtkLabel *decision_hint;
  DdDateField *signed_on_field;
  GtkLabel *signed_on_hint;
  GtkEntry *signer_entry;
  GtkEntry *reason_entry;
  GtkButton *extend_button;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_TASK,
  N_PROPS
};

enum {
  EXTENDED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdExtendDialog, dd_extend_dialog, GTK_TYPE_WINDOW)

/* Auxiliary methods */

/* The text of an entry, trimmed; NULL when empty. (transfer full) */
static char *
dup_entry_text (GtkEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

/* @text under a field: an error in red, else a plain remark (a field
 * still to fill); NULL hides it. */
static void
set_hint (GtkLabel   *hint,
          const char *text,
          gboolean    is_error)
{
  gtk_label_set_text (hint, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (hint), text != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (hint), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (hint), "error");
}

static void
show_error (DdExtendDialog *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static const GDate *
current_due (DdExtendDialog *self)
{
  return dd_task_get_due (self->task);
}

/* Checks the new date; TRUE when it may be sent. */
static gboolean
check_new_due (DdExtendDialog *self)
{
  const GDate *due = current_due (self);
  GDate date;

  if (dd_date_field_is_empty (self->new_due_field))
    {
      set_hint (self->new_due_hint, _("Required: the due date the document allows."), FALSE);
      return FALSE;
    }
  if (!dd_date_field_get_date (self->new_due_field, &date))
    {
      set_hint (self->new_due_hint, _("This is not a date: write it as dd/mm/yyyy, e.g. 30/06/2026."), TRUE);
      return FALSE;
    }
  if (dd_date_is_set (due) && g_date_compare (&date, due) <= 0)
    {
      g_autofree char *text = dd_format_date (due);
      g_autofree char *message = NULL;

      /* Translators: %s is the current due date. */
      message = g_strdup_printf (_("The new due date must be after the current one (%s)."), text);
      set_hint (self->new_due_hint, message, TRUE);
      return FALSE;
    }

  set_hint (self->new_due_hint, NULL, FALSE);
  return TRUE;
}

static gboolean
check_signed_on (DdExtendDialog *self)
{
  GDate date, today;

  if (dd_date_field_is_empty (self->signed_on_field))
    {
      set_hint (self->signed_on_hint, _("Empty: today."), FALSE);
      return TRUE;
    }
  if (!dd_date_field_get_date (self->signed_on_field, &date))
    {
      set_hint (self->signed_on_hint, _("This is not a date: write it as dd/mm/yyyy, e.g. 30/06/2026."), TRUE);
      return FALSE;
    }
  dd_date_set_today (&today);
  if (g_date_compare (&date, &today) > 0)
    {
      set_hint (self->signed_on_hint, _("A document cannot be signed after today."), TRUE);
      return FALSE;
    }
  set_hint (self->signed_on_hint, NULL, FALSE);
  return TRUE;
}

static gboolean
validate (DdExtendDialog *self)
{
  g_autofree char *decision = dup_entry_text (self->decision_entry);
  gboolean ok = check_new_due (self);

  ok = check_signed_on (self) && ok;
  set_hint (self->decision_hint,
            decision == NULL ? _("Required: the document that allows the extension.") : NULL, FALSE);
  ok = ok && decision != NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->extend_button), ok);
  return ok;
}

static gboolean
extend (DdExtendDialog  *self,
        GError         **error)
{
  g_autofree char *decision = dup_entry_text (self->decision_entry);
  g_autofree char *signer = dup_entry_text (self->signer_entry);
  g_autofree char *reason = dup_entry_text (self->reason_entry);
  GDate new_due, signed_on;

  dd_date_field_get_date (self->new_due_field, &new_due);
  dd_date_field_get_date (self->signed_on_field, &signed_on);

  return dd_store_extend_task (self->store, dd_task_get_id (self->task), &new_due, decision, reason, signer,
                               dd_date_is_set (&signed_on) ? &signed_on : NULL, error);
}

static void
show_current_due (DdExtendDialog *self)
{
  g_autofree char *due = dd_format_date (current_due (self));
  g_autofree char *text = NULL;

  /* Translators: in the dialog that extends a deadline. */
  text = due != NULL ? g_strdup_printf (_("Current due date: %s"), due)
                     : g_strdup (_("This task has no due date to extend."));
  gtk_label_set_text (self->current_label, text);
}

/* After a refusal: someone may have changed the task meanwhile (another
 * desktop extended it); the current due date shown and checked follows. */
static void
reread_task (DdExtendDialog *self)
{
  g_autoptr(DdTask) task = NULL;
  g_autoptr(GError) error = NULL;

  task = dd_store_get_task (self->store, dd_task_get_id (self->task), dd_task_get_as_of (self->task), &error);
  if (task == NULL)
    {
      g_debug ("Could not read the task again: %s", error->message);
      return;
    }
  g_set_object (&self->task, task);
  show_current_due (self);
  validate (self);
}

/* Callbacks */

static void
on_field_changed_cb (DdExtendDialog *self)
{
  validate (self);
}

static void
on_cancel_button_clicked_cb (DdExtendDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_extend_button_clicked_cb (DdExtendDialog *self)
{
  dd_extend_dialog_apply (self);
}

/* GObject overrides */

static void
dd_extend_dialog_constructed (GObject *object)
{
  DdExtendDialog *self = DD_EXTEND_DIALOG (object);
  GDate today;

  G_OBJECT_CLASS (dd_extend_dialog_parent_class)->constructed (object);

  g_assert (DD_IS_STORE (self->store));
  g_assert (DD_IS_TASK (self->task));

  gtk_label_set_text (self->title_label, dd_task_get_title (self->task));
  show_current_due (self);

  dd_date_set_today (&today);
  dd_date_field_set_date (self->signed_on_field, &today);

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->extend_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->new_due_field));
  validate (self);
}

static void
dd_extend_dialog_dispose (GObject *object)
{
  DdExtendDialog *self = DD_EXTEND_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_EXTEND_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->task);

  G_OBJECT_CLASS (dd_extend_dialog_parent_class)->dispose (object);
}

static void
dd_extend_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DdExtendDialog *self = DD_EXTEND_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_TASK:
      g_value_set_object (value, self->task);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_extend_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DdExtendDialog *self = DD_EXTEND_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_TASK:
      self->task = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_extend_dialog_class_init (DdExtendDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dd_extend_dialog_constructed;
  object_class->dispose = dd_extend_dialog_dispose;
  object_class->get_property = dd_extend_dialog_get_property;
  object_class->set_property = dd_extend_dialog_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DD_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_TASK] =
    g_param_spec_object ("task", NULL, NULL,
                         DD_TYPE_TASK,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DdExtendDialog::extended:
   *
   * The store moved the task's due date; the dialog closes.
   */
  signals [EXTENDED] =
    g_signal_new ("extended",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (DD_TYPE_DATE_FIELD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-extend-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DdExtendDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, DdExtendDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, DdExtendDialog, title_label);
  gtk_widget_class_bind_template_child (widget_class, DdExtendDialog, current_label);
  gtk_widget_class_bind_template_child (widget_class, DdExtendDialog, new_due_field);
  gtk_widget_class_bind_template_child (widget_class, DdExtendDialog, new_due_hint);
  gtk_widget_class_bind_template_child (widget_class, DdExtendDialog, decision_entry);
  gtk_widget_class_bind_template_child (widget_class, DdExtendDialog, decision_hint);
  gtk_widget_class_bind_template_child (widget_class, DdExtendDialog, signed_on_field);
  gtk_widget_class_bind_template_child (widget_class, DdExtendDialog, signed_on_hint);
  gtk_widget_class_bind_template_child (widget_class, DdExtendDialog, signer_entry);
  gtk_widget_class_bind_template_child (widget_class, DdExtendDialog, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, DdExtendDialog, extend_button);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_extend_button_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dd_extend_dialog_init (DdExtendDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * dd_extend_dialog_new:
 * @parent: (nullable): the window it belongs to
 *
 * Returns: (transfer none): a new dialog, not yet shown (it destroys itself
 *   when closed)
 */
DdExtendDialog *
dd_extend_dialog_new (GtkWindow *parent,
                      DdStore   *store,
                      DdTask    *task)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DD_IS_STORE (store), NULL);
  g_return_val_if_fail (DD_IS_TASK (task), NULL);

  return g_object_new (DD_TYPE_EXTEND_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "task", task,
                       NULL);
}

gboolean
dd_extend_dialog_is_valid (DdExtendDialog *self)
{
  g_return_val_if_fail (DD_IS_EXTEND_DIALOG (self), FALSE);

  return validate (self);
}

gboolean
dd_extend_dialog_apply (DdExtendDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (DD_IS_EXTEND_DIALOG (self), FALSE);

  if (!validate (self))
    return FALSE;

  if (!extend (self, &error))
    {
      show_error (self, error->message);
      reread_task (self);
      return FALSE;
    }

  show_error (self, NULL);
  g_signal_emit (self, signals [EXTENDED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
