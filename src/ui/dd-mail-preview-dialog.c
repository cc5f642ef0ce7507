/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-mail-preview-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dd-mail-preview-dialog.h"

/*
 * The urging letters by email, each message shown before anything is
 * sent: the list of the units' messages on the left, the one selected on
 * the right as it will go (recipient, subject, the letter attached and its
 * size, the text). The user chooses the letter attached or a digest of the
 * items in the message (the messages are made again), goes through them,
 * and sends them all with one click — or cancels, and nothing is sent.
 * The messages are made on a worker (dd_urging_messages_prepare_async():
 * LibreOffice takes seconds a letter), the dialog going on meanwhile.
 */

struct _DdMailPreviewDialog
{
  GtkWindow parent_instance;

  /* Template children */
  GtkLabel *details_label;
  GtkCheckButton *letter_check;
  GtkCheckButton *digest_check;
  GtkSpinner *spinner;
  GtkListBox *messages_list;
  GtkLabel *to_label;
  GtkLabel *subject_label;
  GtkLabel *attachment_label;
  GtkTextView *body_view;
  GtkLabel *summary_label;
  GtkWidget *cancel_button;
  GtkWidget *send_button;

  /* Owned state */
  DdStore *store;
  GPtrArray *messages;          /* DdUrgingMessage; NULL while they are made */
  char *dir;                    /* the letters' folder, the dialog's own */
  GCancellable *cancellable;    /* of the messages being made, or NULL */
  gboolean finished;
};

G_DEFINE_FINAL_TYPE (DdMailPreviewDialog, dd_mail_preview_dialog, GTK_TYPE_WINDOW)

enum
{
  FINISHED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* One making of the messages: the dialog, or nobody once it is closed;
 * then the job removes the letters' folder it wrote into. */
typedef struct
{
  DdMailPreviewDialog *dialog;
  GCancellable *cancellable;
  char *dir;
} PrepareJob;

/* Auxiliary methods */

/* The letters' folder and the letters in it. */
static void
remove_folder (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
show_message (DdMailPreviewDialog   *self,
              const DdUrgingMessage *message)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  g_autofree char *to = NULL;
  g_autofree char *attachment = NULL;

  if (message == NULL)
    {
      gtk_label_set_text (self->to_label, "");
      gtk_label_set_text (self->subject_label, "");
      gtk_label_set_text (self->attachment_label, "");
      gtk_text_buffer_set_text (buffer, "", -1);
      return;
    }
  /* Translators: the recipient of a message: the unit, its address. */
  to = g_strdup_printf (_("%s <%s>"), message->unit, message->address);
  if (message->attachment != NULL)
    {
      g_autofree char *name = g_path_get_basename (message->attachment);
      g_autofree char *size = g_format_size ((guint64) message->attachment_size);

      /* Translators: the letter attached to a message: its file, its size ("45.2 kB"). */
      attachment = g_strdup_printf (_("%s (%s)"), name, size);
    }
  gtk_label_set_text (self->to_label, to);
  gtk_label_set_text (self->subject_label, message->subject);
  gtk_label_set_text (self->attachment_label,
                      attachment != NULL ? attachment : _("None: the items are in the text"));
  gtk_text_buffer_set_text (buffer, message->body, -1);
}

static GtkWidget *
message_row_new (const DdUrgingMessage *message)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *unit = gtk_label_new (message->unit);
  GtkWidget *address = gtk_label_new (message->address);

  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (unit), 0);
  gtk_label_set_ellipsize (GTK_LABEL (unit), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (unit, "heading");
  gtk_label_set_xalign (GTK_LABEL (address), 0);
  gtk_label_set_ellipsize (GTK_LABEL (address), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (address, "dim-label");
  gtk_box_append (GTK_BOX (box), unit);
  gtk_box_append (GTK_BOX (box), address);
  /* A long name is cut in the list: whole in its tooltip. */
  gtk_widget_set_tooltip_text (box, message->unit);
  return box;
}

/* While the messages are made: nothing to send, nothing to choose. */
static void
set_busy (DdMailPreviewDialog *self,
          gboolean             busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->letter_check), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->digest_check), !busy);
  if (busy)
    {
      gtk_widget_set_sensitive (self->send_button, FALSE);
      gtk_label_set_text (self->summary_label, _("Preparing the messages…"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "error");
    }
}

static void
show_messages (DdMailPreviewDialog *self)
{
  g_autofree char *summary = NULL;
  g_autofree char *send = NULL;
  guint n = self->messages->len;

  for (guint i = 0; i < n; i++)
    gtk_list_box_append (self->messages_list, message_row_new (g_ptr_array_index (self->messages, i)));
  if (n == 0)
    {
      gtk_label_set_text (self->summary_label,
                          _("No unit has overdue, due-soon or forgotten tasks: there is nothing to send."));
      return;
    }
  /* Translators: under the messages: how many; nothing goes before Send. */
  summary = g_strdup_printf (ngettext ("%u message, one for each unit with overdue, due-soon or forgotten "
                                       "tasks. Nothing is sent until you choose Send; each message sent is "
                                       "recorded in its tasks’ history.",
                                       "%u messages, one for each unit with overdue, due-soon or forgotten "
                                       "tasks. Nothing is sent until you choose Send; each message sent is "
                                       "recorded in its tasks’ history.", n), n);
  gtk_label_set_text (self->summary_label, summary);
  /* Translators: the button that sends the messages shown. */
  send = g_strdup_printf (ngettext ("_Send %u Message", "_Send %u Messages", n), n);
  gtk_button_set_label (GTK_BUTTON (self->send_button), send);
  gtk_widget_set_sensitive (self->send_button, TRUE);
  gtk_list_box_select_row (self->messages_list, gtk_list_box_get_row_at_index (self->messages_list, 0));
}

static void
on_prepared_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PrepareJob *job = user_data;
  DdMailPreviewDialog *self = job->dialog;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = dd_urging_messages_prepare_finish (DD_STORE (source), result, &error);

  if (self != NULL && !g_cancellable_is_cancelled (job->cancellable))
    {
      g_clear_object (&self->cancellable);
      set_busy (self, FALSE);
      if (messages == NULL)
        {
          gtk_label_set_text (self->summary_label, error->message);
          gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
        }
      else
        {
          self->messages = g_steal_pointer (&messages);
          show_messages (self);
        }
    }
  else if (job->dir != NULL)
    /* The dialog is closed: the letters just written go too. */
    remove_folder (job->dir);
  if (self != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self), (gpointer *) &job->dialog);
  g_object_unref (job->cancellable);
  g_free (job->dir);
  g_free (job);
}

/* The messages made again, as the choice now says. */
static void
prepare (DdMailPreviewDialog *self)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autoptr(GError) error = NULL;
  DdUrgingOptions options;
  PrepareJob *job;

  if (self->cancellable != NULL)
    return;
  g_clear_pointer (&self->messages, g_ptr_array_unref);
  for (GtkWidget *row; (row = gtk_widget_get_first_child (GTK_WIDGET (self->messages_list))) != NULL;)
    gtk_list_box_remove (self->messages_list, row);
  show_message (self, NULL);
  dd_urging_options_init (&options);
  options.digest = gtk_check_button_get_active (self->digest_check);
  if (!options.digest && self->dir == NULL && (self->dir = g_dir_make_tmp ("dondoc-letters-XXXXXX", &error)) == NULL)
    {
      gtk_label_set_text (self->summary_label, error->message);
      return;
    }
  if (!options.digest)
    {
      options.dir = self->dir;
      /* A PDF when LibreOffice can make it: every office reads it. */
      options.pdf = soffice != NULL;
    }
  set_busy (self, TRUE);
  self->cancellable = g_cancellable_new ();
  job = g_new0 (PrepareJob, 1);
  job->dialog = self;
  job->cancellable = g_object_ref (self->cancellable);
  job->dir = g_strdup (options.dir);
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *) &job->dialog);
  dd_urging_messages_prepare_async (self->store, &options, self->cancellable, on_prepared_cb, job);
}

static void
finish (DdMailPreviewDialog *self,
        gboolean             confirmed)
{
  if (self->finished)
    return;
  self->finished = TRUE;
  g_signal_emit (self, signals [FINISHED], 0, confirmed);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Callbacks */

static void
on_kind_toggled_cb (DdMailPreviewDialog *self)
{
  /* Not while the template is built: the store comes after. */
  if (self->store != NULL)
    prepare (self);
}

static void
on_messages_list_row_selected_cb (DdMailPreviewDialog *self,
                                  GtkListBoxRow       *row)
{
  int i = row != NULL ? gtk_list_box_row_get_index (row) : -1;

  /* The list lets its rows go as the dialog closes: nothing to show. */
  if (self->finished)
    return;
  show_message (self, self->messages != NULL && i >= 0 && (guint) i < self->messages->len
                      ? g_ptr_array_index (self->messages, i) : NULL);
}

static void
on_cancel_button_clicked_cb (DdMailPreviewDialog *self)
{
  finish (self, FALSE);
}

static void
on_send_button_clicked_cb (DdMailPreviewDialog *self)
{
  if (self->messages != NULL && self->messages->len > 0)
    finish (self, TRUE);
}

static gboolean
dd_mail_preview_dialog_close_request (GtkWindow *window)
{
  finish (DD_MAIL_PREVIEW_DIALOG (window), FALSE);
  return GTK_WINDOW_CLASS (dd_mail_preview_dialog_parent_class)->close_request (window);
}

/* GObject overrides */

static void
dd_mail_preview_dialog_dispose (GObject *object)
{
  DdMailPreviewDialog *self = DD_MAIL_PREVIEW_DIALOG (object);

  /* Closed with its parent: a cancel. */
  if (!self->finished)
    {
      self->finished = TRUE;
      g_signal_emit (self, signals [FINISHED], 0, FALSE);
    }
  if (self->cancellable != NULL)
    {
      /* Letters still being written: the job removes them at its end. */
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      g_clear_pointer (&self->dir, g_free);
    }
  if (self->dir != NULL)
    remove_folder (self->dir);
  g_clear_pointer (&self->dir, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_MAIL_PREVIEW_DIALOG);
  g_clear_pointer (&self->messages, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dd_mail_preview_dialog_parent_class)->dispose (object);
}

static void
dd_mail_preview_dialog_class_init (DdMailPreviewDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dd_mail_preview_dialog_dispose;
  window_class->close_request = dd_mail_preview_dialog_close_request;

  /**
   * DdMailPreviewDialog::finished:
   * @confirmed: TRUE for Send (take the messages with
   *   dd_mail_preview_dialog_steal_messages()), FALSE for Cancel or close
   *
   * Emitted once, just before the dialog closes.
   */
  signals [FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-mail-preview-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DdMailPreviewDialog, details_label);
  gtk_widget_class_bind_template_child (widget_class, DdMailPreviewDialog, letter_check);
  gtk_widget_class_bind_template_child (widget_class, DdMailPreviewDialog, digest_check);
  gtk_widget_class_bind_template_child (widget_class, DdMailPreviewDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, DdMailPreviewDialog, messages_list);
  gtk_widget_class_bind_template_child (widget_class, DdMailPreviewDialog, to_label);
  gtk_widget_class_bind_template_child (widget_class, DdMailPreviewDialog, subject_label);
  gtk_widget_class_bind_template_child (widget_class, DdMailPreviewDialog, attachment_label);
  gtk_widget_class_bind_template_child (widget_class, DdMailPreviewDialog, body_view);
  gtk_widget_class_bind_template_child (widget_class, DdMailPreviewDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DdMailPreviewDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DdMailPreviewDialog, send_button);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_messages_list_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_send_button_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dd_mail_preview_dialog_init (DdMailPreviewDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

DdMailPreviewDialog *
dd_mail_preview_dialog_new (GtkWindow            *parent,
                            DdStore              *store,
                            const DdMailSettings *settings)
{
  DdMailPreviewDialog *self;
  g_autofree char *details = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DD_IS_STORE (store), NULL);
  g_return_val_if_fail (settings != NULL, NULL);

  self = g_object_new (DD_TYPE_MAIL_PREVIEW_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  /* Translators: above the messages: the sender, the mail server. */
  details = g_strdup_printf (_("Each unit with overdue, due-soon or forgotten tasks gets a message at its address, "
                               "from %s through %s. Choose a unit to read its message as it will be sent."),
                             settings->sender, settings->host);
  gtk_label_set_text (self->details_label, details);
  prepare (self);
  return self;
}

GPtrArray *
dd_mail_preview_dialog_get_messages (DdMailPreviewDialog *self)
{
  g_return_val_if_fail (DD_IS_MAIL_PREVIEW_DIALOG (self), NULL);

  return self->messages;
}

GPtrArray *
dd_mail_preview_dialog_steal_messages (DdMailPreviewDialog  *self,
                                       char                **dir)
{
  g_return_val_if_fail (DD_IS_MAIL_PREVIEW_DIALOG (self), NULL);
  g_return_val_if_fail (dir != NULL, NULL);

  *dir = g_steal_pointer (&self->dir);
  return g_steal_pointer (&self->messages);
}
