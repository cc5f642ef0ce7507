/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-task-extensions"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-access.h"
#include "dd-admin-format.h"
#include "dd-extend-dialog.h"
#include "dd-task-extensions.h"

/*
 * DdTaskExtensions: the deadline of one task and its extensions (gia hạn),
 * for the task editor: the original due date, the current one, and each
 * extension, oldest first — old → new date, the document that allowed it
 * and who signed it, the reason, who recorded it and when. "Extend
 * Deadline…" opens a DdExtendDialog; after an extension the list is read
 * again and "changed" is emitted so that the editor reads the task again
 * (its status is judged against the new date). Extending is an
 * administrator's (the store's guard); others see the list read-only with
 * the reason.
 */

struct _DdTaskExtensions
{
  GtkWidget parent_instance;

  DdStore *store;
  DdCalendar *calendar;
  DdTask *task;
  GPtrArray *extensions;          /* DdExtension, oldest first */

  /* Template children */
  GtkWidget *box;
  GtkRevealer *error_revealer;
  GtkLabel *error_label;
  GtkLabel *original_label;
  GtkLabel *current_label;
  GtkLabel *read_only_label;
  GtkButton *extend_button;
  GtkListBox *list;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdTaskExtensions, dd_task_extensions, GTK_TYPE_WIDGET)

/* Auxiliary methods */

static void
show_error (DdTaskExtensions *self,
            const char       *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static GtkWidget *
new_line (const char *text,
          const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static gboolean
is_blank (const char *text)
{
  return text == NULL || *text == '\0';
}

/* "Công văn số 45/UBND-TH, signed on 10/06/2026, by Phó Chủ tịch …", each
 * part when known. (transfer full) */
static char *
dup_document_text (const DdExtension *extension)
{
  g_autofree char *signed_on = dd_format_date (&extension->approved_on);
  g_autoptr(GString) text = g_string_new (NULL);

  if (!is_blank (extension->decision))
    /* Translators: the document that allowed an extension: "Theo Công văn số 45/UBND-TH". */
    g_string_append_printf (text, _("By %s"), extension->decision);
  else
    /* Translators: an extension recorded before its document was kept. */
    g_string_append (text, _("No document recorded"));
  if (signed_on != NULL)
    /* Translators: appended to the document of an extension: ", ký ngày 10/06/2026". */
    g_string_append_printf (text, _(", signed on %s"), signed_on);
  if (!is_blank (extension->approved_by))
    /* Translators: appended to the document of an extension: ", người ký: Phó Chủ tịch UBND tỉnh". */
    g_string_append_printf (text, _(", signed by %s"), extension->approved_by);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
new_row (const DdExtension *extension,
         guint              number)
{
  g_autofree char *old_due = dd_format_date (&extension->old_due);
  g_autofree char *new_due = dd_format_date (&extension->new_due);
  g_autofree char *dates = NULL;
  g_autofree char *document = dup_document_text (extension);
  g_autofree char *reason = NULL;
  g_autofree char *when = dd_admin_format_iso_time (extension->recorded_at);
  g_autofree char *recorded = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 10);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  /* Translators: one extension of a deadline: "Lần 1: 30/04/2026 → 30/06/2026". */
  dates = g_strdup_printf (_("Extension %u: %s → %s"), number, old_due, new_due);
  gtk_box_append (GTK_BOX (box), new_line (dates, "heading"));
  gtk_box_append (GTK_BOX (box), new_line (document, NULL));
  if (!is_blank (extension->reason))
    {
      /* Translators: the reason of an extension. */
      reason = g_strdup_printf (_("Reason: %s"), extension->reason);
      gtk_box_append (GTK_BOX (box), new_line (reason, NULL));
    }
  /* Translators: who recorded an extension, and when: "Ghi nhận bởi hcqt lúc 10/06/2026 08:30". */
  recorded = g_strdup_printf (_("Recorded by %s on %s"),
                              extension->recorded_by != NULL ? extension->recorded_by : "?",
                              when != NULL ? when : "?");
  gtk_box_append (GTK_BOX (box), new_line (recorded, "dim-label"));

  return box;
}

static void
remove_rows (DdTaskExtensions *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL && GTK_IS_LIST_BOX_ROW (child))
    gtk_list_box_remove (self->list, child);
}

static void
update_labels (DdTaskExtensions *self)
{
  const GDate *due = self->task != NULL ? dd_task_get_due (self->task) : NULL;
  const GDate *original = self->task != NULL ? dd_task_get_original_due (self->task) : NULL;
  g_autofree char *due_text = dd_format_date (due);
  g_autofree char *original_text = dd_format_date (dd_date_is_set (original) ? original : due);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  guint n = self->extensions != NULL ? self->extensions->len : 0;

  if (due_text == NULL)
    first = g_strdup (self->task != NULL ? _("This task has no due date: there is nothing to extend.") : "");
  else
    {
      /* Translators: the due date a task was given first. */
      first = g_strdup_printf (_("Original due date: %s"), original_text);
      /* Translators: "Thời hạn hiện tại: 30/06/2026 (gia hạn 1 lần)". */
      second = n > 0 ? g_strdup_printf (ngettext ("Current due date: %s (extended %u time)",
                                                  "Current due date: %s (extended %u times)", n),
                                        due_text, n)
                     : g_strdup_printf (_("Current due date: %s"), due_text);
    }

  gtk_label_set_text (self->original_label, first);
  gtk_label_set_text (self->current_label, second != NULL ? second : "");
  gtk_widget_set_visible (GTK_WIDGET (self->current_label), second != NULL);
}

static void
update_access (DdTaskExtensions *self)
{
  g_autofree char *reason = NULL;
  gboolean has_due = self->task != NULL && dd_task_get_id (self->task) > 0
                     && dd_date_is_set (dd_task_get_due (self->task));

  if (self->task != NULL)
    reason = dd_access_dup_reason (self->store, DD_ACTION_EXTEND_TASK, self->task);

  gtk_label_set_text (self->read_only_label, reason != NULL ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->read_only_label), reason != NULL && has_due);
  gtk_widget_set_sensitive (GTK_WIDGET (self->extend_button), has_due && reason == NULL);
  dd_access_set_tooltip (GTK_WIDGET (self->extend_button), reason);
}

static void
load (DdTaskExtensions *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->extensions, g_ptr_array_unref);
  remove_rows (self);
  show_error (self, NULL);

  if (self->task != NULL && dd_task_get_id (self->task) > 0)
    {
      self->extensions = dd_calendar_list_extensions (self->calendar, dd_task_get_id (self->task), &error);
      if (self->extensions == NULL)
        show_error (self, error->message);
    }

  for (guint i = 0; self->extensions != NULL && i < self->extensions->len; i++)
    gtk_list_box_append (self->list, new_row (g_ptr_array_index (self->extensions, i), i + 1));

  update_labels (self);
  update_access (self);
}

/* Callbacks */

static void
on_dialog_extended_cb (DdTaskExtensions *self)
{
  g_autoptr(DdTask) task = NULL;
  g_autoptr(GError) error = NULL;

  /* The task's due date moved: read it again, as of the same day. */
  task = dd_store_get_task (self->store, dd_task_get_id (self->task), dd_task_get_as_of (self->task), &error);
  if (task != NULL)
    g_set_object (&self->task, task);
  load (self);
  if (error != NULL)
    show_error (self, error->message);

  g_signal_emit (self, signals [CHANGED], 0);
}

static void
on_extend_button_clicked_cb (DdTaskExtensions *self)
{
  dd_task_extensions_open_dialog (self);
}

static void
on_access_changed_cb (DdTaskExtensions *self)
{
  update_access (self);
}

/* GObject overrides */

static void
dd_task_extensions_dispose (GObject *object)
{
  DdTaskExtensions *self = DD_TASK_EXTENSIONS (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->calendar);
  g_clear_object (&self->task);
  g_clear_pointer (&self->extensions, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_TASK_EXTENSIONS);

  G_OBJECT_CLASS (dd_task_extensions_parent_class)->dispose (object);
}

static void
dd_task_extensions_class_init (DdTaskExtensionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_task_extensions_dispose;

  /**
   * DdTaskExtensions::changed:
   *
   * The task's deadline was extended: its status follows the new date
   * (the editor reads the task again).
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-task-extensions.ui");
  gtk_widget_class_bind_template_child (widget_class, DdTaskExtensions, box);
  gtk_widget_class_bind_template_child (widget_class, DdTaskExtensions, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, DdTaskExtensions, error_label);
  gtk_widget_class_bind_template_child (widget_class, DdTaskExtensions, original_label);
  gtk_widget_class_bind_template_child (widget_class, DdTaskExtensions, current_label);
  gtk_widget_class_bind_template_child (widget_class, DdTaskExtensions, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, DdTaskExtensions, extend_button);
  gtk_widget_class_bind_template_child (widget_class, DdTaskExtensions, list);
  gtk_widget_class_bind_template_callback (widget_class, on_extend_button_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dd_task_extensions_init (DdTaskExtensions *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  load (self);
}

/* Public API */

/**
 * dd_task_extensions_new:
 *
 * Returns: (transfer floating): an empty widget; dd_task_extensions_set_task() fills it
 */
GtkWidget *
dd_task_extensions_new (void)
{
  return g_object_new (DD_TYPE_TASK_EXTENSIONS, NULL);
}

/**
 * dd_task_extensions_set_task:
 * @store: (nullable): the task's database
 * @task: (nullable): the task
 */
void
dd_task_extensions_set_task (DdTaskExtensions *self,
                             DdStore          *store,
                             DdTask           *task)
{
  g_return_if_fail (DD_IS_TASK_EXTENSIONS (self));
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
  g_set_object (&self->task, task);

  load (self);
}

/**
 * dd_task_extensions_get_extensions:
 *
 * Returns: (transfer none) (element-type DdExtension) (nullable): the extensions listed
 */
GPtrArray *
dd_task_extensions_get_extensions (DdTaskExtensions *self)
{
  g_return_val_if_fail (DD_IS_TASK_EXTENSIONS (self), NULL);

  return self->extensions;
}

/**
 * dd_task_extensions_open_dialog:
 *
 * Returns: (transfer none) (nullable): the dialog shown, or %NULL when the
 *   user may not extend this task's deadline
 */
GtkWindow *
dd_task_extensions_open_dialog (DdTaskExtensions *self)
{
  DdExtendDialog *dialog;
  GtkRoot *root;

  g_return_val_if_fail (DD_IS_TASK_EXTENSIONS (self), NULL);

  if (self->task == NULL || !gtk_widget_get_sensitive (GTK_WIDGET (self->extend_button)))
    return NULL;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = dd_extend_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store, self->task);
  g_signal_connect_object (dialog, "extended", G_CALLBACK (on_dialog_extended_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}
