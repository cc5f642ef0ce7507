/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dd-mail-preview-dialog.h"
#include "dd-mail-settings-window.h"
#include "dd-window-private.h"

/*
 * The window's side of the units' progress forms (dd-progress-form.h):
 * "Export Progress Forms…" writes one form per unit into a folder;
 * "Import Progress Form…" reads a filled one, shows what it would record
 * and its conflicts, and records it only when the user says so; "Write
 * Urging Letters…" writes the letters of the units with late tasks, and
 * "Email Urging Letters…" shows each unit's message (DdMailPreviewDialog)
 * and sends them when the user says so.
 */

/* Auxiliary methods */

/* What the form would record, one paragraph a row. (transfer full) */
static char *
dup_form_text (const DdFormImport *form)
{
  GString *text = g_string_new (NULL);
  g_autofree char *n_changed = dd_format_count (form->n_changed);
  g_autofree char *n_conflicts = dd_format_count (form->n_conflicts);
  g_autofree char *changed = NULL;
  g_autofree char *conflicts = NULL;

  /* Each count its own plural ("1 row", never "1 rows"). */
  /* Translators: the first half of a filled progress form's summary. */
  changed = g_strdup_printf (ngettext ("%s row to record", "%s rows to record", form->n_changed), n_changed);
  /* Translators: the second half of a filled progress form's summary. */
  conflicts = g_strdup_printf (ngettext ("%s conflict (not recorded)", "%s conflicts (not recorded)",
                                         form->n_conflicts), n_conflicts);
  /* Translators: the summary of a filled progress form: "1 dòng sẽ ghi
   * nhận, 0 xung đột (không ghi nhận)." */
  g_string_append_printf (text, C_("form summary", "%s, %s."), changed, conflicts);
  for (guint i = 0; i < form->rows->len; i++)
    {
      const DdFormRow *row = g_ptr_array_index (form->rows, i);

      if (row->state == DD_FORM_ROW_UNCHANGED)
        continue;
      g_string_append (text, "\n\n");
      if (row->state == DD_FORM_ROW_CONFLICT)
        {
          /* Translators: a row of a form not recorded: its row, the task's number and title, why. */
          g_string_append_printf (text, _("Conflict, row %u: %s %s: %s."), row->line,
                                  row->number != NULL ? row->number : "", row->title != NULL ? row->title : "",
                                  row->conflict);
          continue;
        }
      /* Translators: a row of a form to record: its row, the task's number and title. */
      g_string_append_printf (text, _("Row %u: %s %s"), row->line, row->number, row->title);
      if (row->progress >= 0)
        g_string_append_printf (text, _("\nProgress: %d%% → %d%%"), row->old_progress, row->progress);
      if (g_date_valid (&row->completed_on))
        {
          g_autofree char *date = dd_format_date (&row->completed_on);

          g_string_append_printf (text, _("\nCompleted on %s"), date);
        }
      if (row->product != NULL)
        g_string_append_printf (text, _("\nProduct: %s"), row->product);
      if (row->report_number != NULL)
        g_string_append_printf (text, _("\nReport %s for %s"), row->report_number,
                                row->report_period != NULL ? row->report_period : _("no period owed (kept in the note)"));
      if (row->note != NULL)
        g_string_append_printf (text, _("\nNote: %s"), row->note);
    }
  return g_string_free (text, FALSE);
}

/* The letters' temporary folder, with what is in it. */
static void
remove_letters_dir (const char *dir)
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

/* Callbacks */

static void
on_form_response_cb (GtkDialog *dialog,
                     int        response,
                     DdWindow  *self)
{
  GPtrArray *forms = g_object_get_data (G_OBJECT (dialog), "dd-forms");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint applied = 0;

  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL)
    {
      /* One transaction a form, as the command line records them. */
      for (guint i = 0; i < forms->len && error == NULL; i++)
        {
          guint n = 0;

          if (dd_progress_form_apply (self->store, g_ptr_array_index (forms, i), &n, &error))
            applied += n;
        }
      if (error != NULL)
        _dd_window_show_error (self, forms->len > 1 ? _("The progress forms could not all be recorded")
                                                    : _("The progress form could not be recorded"), error);
      else
        {
          const DdFormImport *first = g_ptr_array_index (forms, 0);

          if (forms->len == 1)
            /* Translators: after a progress form was recorded: how many rows, whose form. */
            text = g_strdup_printf (ngettext ("%u row of the form of %s was recorded.",
                                              "%u rows of the form of %s were recorded.", applied),
                                    applied, first->unit);
          else
            /* Translators: after several progress forms were recorded: how many rows, how many forms. */
            text = g_strdup_printf (ngettext ("%u row of %u forms was recorded.",
                                              "%u rows of %u forms were recorded.", applied),
                                    applied, forms->len);
          _dd_window_show_message (GTK_WINDOW (self), GTK_MESSAGE_INFO,
                                   forms->len > 1 ? _("Progress forms recorded") : _("Progress form recorded"),
                                   text);
        }
      gtk_widget_activate_action (GTK_WIDGET (self), "win.refresh", NULL);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_export_forms_response_cb (GtkNativeDialog *dialog,
                             int              response,
                             DdWindow        *self)
{
  g_autofree char *dir = _dd_window_take_chosen_path (self, dialog, response);

  if (dir != NULL)
    _dd_window_export_forms_to (self, dir);
}

static void
on_import_form_response_cb (GtkNativeDialog *dialog,
                            int              response,
                            DdWindow        *self)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  /* Every form chosen, then the chooser closed as the window's others. */
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          char *path = g_file_get_path (file);

          if (path != NULL)
            g_ptr_array_add (paths, path);
        }
    }
  g_free (_dd_window_take_chosen_path (self, dialog, GTK_RESPONSE_CANCEL));
  if (paths->len > 0)
    {
      g_ptr_array_add (paths, NULL);
      _dd_window_import_form_paths (self, (const char * const *) paths->pdata);
    }
}

static void
export_forms_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);
  GtkFileChooserNative *chooser;

  if (self->store == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Export Progress Forms"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Export"), _("_Cancel"));
  _dd_window_show_chooser (self, chooser, G_CALLBACK (on_export_forms_response_cb));
}

static void
import_form_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->store == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Import Progress Forms"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  /* The forms of several units, back together, in one preview. */
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Progress forms (Excel .xlsx)"));
  gtk_file_filter_add_pattern (filter, "*.xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  _dd_window_show_chooser (self, chooser, G_CALLBACK (on_import_form_response_cb));
}

/* The window's side of one letters job. */
typedef struct
{
  DdWindow *window;
  GCancellable *cancellable;
  char *dir;
  gboolean pdf;
  GPtrArray *messages;          /* DdUrgingMessage, when they are sent */
} LettersJob;

static void
letters_job_free (LettersJob *job)
{
  g_object_unref (job->window);
  g_object_unref (job->cancellable);
  g_free (job->dir);
  g_clear_pointer (&job->messages, g_ptr_array_unref);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LettersJob, letters_job_free)

/* While the letters are written, a spinner turns in the header bar and
 * the action waits; the window goes on. */
static void
set_letters_busy (DdWindow     *self,
                  GCancellable *cancellable)
{
  g_set_object (&self->letters_cancellable, cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), cancellable != NULL);
  gtk_spinner_set_spinning (self->busy_spinner, cancellable != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->busy_spinner),
                               cancellable != NULL ? _("Writing the urging letters…") : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.urging-letters", cancellable == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.email-letters", cancellable == NULL);
}

/* The letters are written: what and where, or why not. */
static void
on_letters_written_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(LettersJob) job = user_data;
  DdWindow *self = job->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = dd_urging_letters_write_finish (DD_STORE (source), result, &error);
  g_autofree char *text = NULL;

  /* The window was closed meanwhile: nobody to tell. */
  if (g_cancellable_is_cancelled (job->cancellable))
    return;
  set_letters_busy (self, NULL);
  if (paths == NULL)
    {
      _dd_window_show_error (self, _("The urging letters could not be written"), error);
      return;
    }
  if (paths->len == 0)
    {
      /* Nothing owed: say so, not "0 letters were written". */
      _dd_window_show_message (GTK_WINDOW (self), GTK_MESSAGE_INFO, _("No urging letter to write"),
                               _("No unit has overdue, due-soon or forgotten tasks: nothing was written."));
      return;
    }
  /* Translators: how many letters, the folder they are in. */
  text = g_strdup_printf (ngettext ("%u letter (.docx%s) was written to %s, one for each unit with overdue, "
                                    "due-soon or forgotten tasks.",
                                    "%u letters (.docx%s) were written to %s, one for each unit with overdue, "
                                    "due-soon or forgotten tasks.", paths->len),
                          paths->len, job->pdf ? _(" and PDF") : "", job->dir);
  _dd_window_show_message (GTK_WINDOW (self), GTK_MESSAGE_INFO, _("Urging letters written"), text);
}

static void
on_letters_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        DdWindow        *self)
{
  g_autofree char *dir = _dd_window_take_chosen_path (self, dialog, response);

  if (dir != NULL)
    _dd_window_write_letters_to (self, dir);
}

static void
letters_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);
  GtkFileChooserNative *chooser;

  if (self->store == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Write Urging Letters"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Write"), _("_Cancel"));
  _dd_window_show_chooser (self, chooser, G_CALLBACK (on_letters_response_cb));
}

static void
mail_settings_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);

  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (dd_mail_settings_window_new (GTK_WINDOW (self), self->store)));
}

/* The messages are sent, or one was not: those sent are recorded in their
 * tasks' history and listed. */
static void
on_messages_sent_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(LettersJob) job = user_data;
  DdWindow *self = job->window;
  g_autoptr(GError) error = NULL;
  gboolean ok = dd_urging_messages_send_finish (DD_STORE (source), result, &error);
  GString *text;
  guint n_sent = 0;

  if (job->dir != NULL)
    remove_letters_dir (job->dir);
  if (g_cancellable_is_cancelled (job->cancellable))
    return;
  set_letters_busy (self, NULL);
  for (guint i = 0; i < job->messages->len; i++)
    n_sent += ((DdUrgingMessage *) g_ptr_array_index (job->messages, i))->sent;
  text = g_string_new (NULL);
  if (!ok)
    /* Translators: after a failure: the error, then how many messages had gone. */
    g_string_append_printf (text, ngettext ("%s\n\n%u message was sent before it:",
                                            "%s\n\n%u messages were sent before it:", n_sent),
                            error->message, n_sent);
  else
    /* Translators: how many messages were emailed; the list of units follows. */
    g_string_append_printf (text, ngettext ("%u message was sent by email:", "%u messages were sent by email:",
                                            n_sent), n_sent);
  for (guint i = 0; i < job->messages->len; i++)
    {
      const DdUrgingMessage *message = g_ptr_array_index (job->messages, i);

      if (message->sent)
        /* Translators: one letter sent: the unit, its address. */
        g_string_append_printf (text, _("\n%s <%s>"), message->unit, message->address);
    }
  _dd_window_show_message (GTK_WINDOW (self), ok ? GTK_MESSAGE_INFO : GTK_MESSAGE_ERROR,
                           ok ? _("Urging letters sent") : _("The urging letters were not all sent"), text->str);
  g_string_free (text, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.refresh", NULL);
}

/* Sends the messages the user saw and confirmed, on a worker. */
static void
on_mail_preview_finished_cb (DdMailPreviewDialog *dialog,
                             gboolean             confirmed,
                             DdWindow            *self)
{
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autofree char *dir = NULL;
  LettersJob *job;

  if (!confirmed)
    return;
  messages = dd_mail_preview_dialog_steal_messages (dialog, &dir);
  if (messages == NULL || self->store == NULL || self->letters_cancellable != NULL)
    {
      if (dir != NULL)
        remove_letters_dir (dir);
      return;
    }
  cancellable = g_cancellable_new ();
  set_letters_busy (self, cancellable);
  job = g_new0 (LettersJob, 1);
  job->window = g_object_ref (self);
  job->cancellable = g_object_ref (cancellable);
  job->dir = g_steal_pointer (&dir);
  job->messages = g_ptr_array_ref (messages);
  dd_urging_messages_send_async (self->store, messages, cancellable, on_messages_sent_cb, job);
}

/* Nothing is sent without the user's word: each message is shown first. */
static void
email_letters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);
  g_autoptr(DdMailSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  DdMailPreviewDialog *dialog;

  if (self->store == NULL || self->letters_cancellable != NULL)
    return;
  settings = dd_mail_settings_load (self->store, &error);
  if (settings == NULL)
    {
      _dd_window_show_error (self, _("The email settings could not be read"), error);
      return;
    }
  if (!dd_mail_settings_check (settings, NULL))
    {
      gtk_widget_activate_action (widget, "win.mail-settings", NULL);
      return;
    }
  dialog = dd_mail_preview_dialog_new (GTK_WINDOW (self), self->store, settings);
  g_signal_connect_object (dialog, "finished", G_CALLBACK (on_mail_preview_finished_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Shared with the window */

void
_dd_window_write_letters_to (DdWindow   *self,
                             const char *dir)
{
  g_autoptr(GCancellable) cancellable = NULL;
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  LettersJob *job;
  DdUrgingOptions options;

  g_return_if_fail (DD_IS_WINDOW (self));

  if (self->store == NULL || self->letters_cancellable != NULL)
    return;
  dd_urging_options_init (&options);
  options.dir = dir;
  /* A PDF beside each letter when LibreOffice can make it. */
  options.pdf = soffice != NULL;
  cancellable = g_cancellable_new ();
  set_letters_busy (self, cancellable);
  job = g_new0 (LettersJob, 1);
  job->window = g_object_ref (self);
  job->cancellable = g_object_ref (cancellable);
  job->dir = g_strdup (dir);
  job->pdf = options.pdf;
  dd_urging_letters_write_async (self->store, &options, cancellable, on_letters_written_cb, job);
}

void
_dd_window_export_forms_to (DdWindow   *self,
                            const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (DD_IS_WINDOW (self));

  if (self->store == NULL)
    return;
  paths = dd_progress_form_export_all (self->store, NULL, dir, &error);
  if (paths == NULL)
    {
      _dd_window_show_error (self, _("The progress forms could not be written"), error);
      return;
    }
  if (paths->len == 0)
    {
      _dd_window_show_message (GTK_WINDOW (self), GTK_MESSAGE_INFO, _("No progress form to write"),
                               _("No unit has a task to report on: nothing was written."));
      return;
    }
  /* Translators: how many forms, the folder they are in. */
  text = g_strdup_printf (ngettext ("%u form was written to %s: send each unit its own.",
                                    "%u forms were written to %s: send each unit its own.", paths->len),
                          paths->len, dir);
  _dd_window_show_message (GTK_WINDOW (self), GTK_MESSAGE_INFO, _("Progress forms written"), text);
}

void
_dd_window_import_form_path (DdWindow   *self,
                             const char *path)
{
  const char *paths[] = { path, NULL };

  _dd_window_import_form_paths (self, paths);
}

void
_dd_window_import_form_paths (DdWindow           *self,
                              const char * const *paths)
{
  g_autoptr(GPtrArray) forms = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_form_import_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *primary = NULL;
  GString *text = g_string_new (NULL);
  gboolean changed = FALSE;
  GtkWidget *dialog;

  g_return_if_fail (DD_IS_WINDOW (self));
  g_return_if_fail (paths != NULL && paths[0] != NULL);

  if (self->store == NULL)
    return;
  /* Every form read and compared before anything is written: a refused
   * one says which and why, and none is recorded. */
  for (guint i = 0; paths[i] != NULL; i++)
    {
      DdFormImport *form = dd_progress_form_read (self->store, paths[i], 0, &error);
      g_autofree char *form_text = NULL;

      if (form == NULL)
        {
          g_autofree char *name = g_filename_display_basename (paths[i]);

          g_prefix_error (&error, "%s: ", name);
          _dd_window_show_error (self, _("The progress form could not be read"), error);
          g_string_free (text, TRUE);
          return;
        }
      g_ptr_array_add (forms, form);
      changed |= form->n_changed > 0;
      form_text = dup_form_text (form);
      if (paths[1] != NULL)
        /* Translators: the heading of one form among several: its unit. */
        g_string_append_printf (text, _("%sForm of %s:\n"), i > 0 ? "\n\n" : "", form->unit);
      g_string_append (text, form_text);
    }
  if (forms->len == 1)
    /* Translators: %s is the unit whose form it is. */
    primary = g_strdup_printf (_("Record the progress form of %s?"), ((DdFormImport *) forms->pdata[0])->unit);
  else
    /* Translators: asked before recording several progress forms. */
    primary = g_strdup_printf (ngettext ("Record the %u progress form?", "Record the %u progress forms?",
                                         forms->len), forms->len);
  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s", primary);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", text->str);
  g_string_free (text, TRUE);
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Record"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_response_sensitive (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT, changed);
  g_object_set_data_full (G_OBJECT (dialog), "dd-forms", g_steal_pointer (&forms), (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_form_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_dd_window_class_forms_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-forms", NULL, export_forms_action);
  gtk_widget_class_install_action (widget_class, "win.import-form", NULL, import_form_action);
  gtk_widget_class_install_action (widget_class, "win.urging-letters", NULL, letters_action);
  gtk_widget_class_install_action (widget_class, "win.email-letters", NULL, email_letters_action);
  gtk_widget_class_install_action (widget_class, "win.mail-settings", NULL, mail_settings_action);
}
