/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-window-private.h"

/*
 * The window's side of the units' progress forms (dd-progress-form.h):
 * "Export Progress Forms…" writes one form per unit into a folder;
 * "Import Progress Form…" reads a filled one, shows what it would record
 * and its conflicts, and records it only when the user says so; "Write
 * Urging Letters…" writes the letters of the units with late tasks.
 */

/* Auxiliary methods */

static GtkFileChooserNative *
chooser_new (DdWindow             *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action,
                                                               accept, _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  return chooser;
}

static char *
take_path (GtkNativeDialog *dialog,
           int              response)
{
  g_autoptr(GFile) file = NULL;
  char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    path = g_file_get_path (file);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  return path;
}

/* What the form would record, one paragraph a row. (transfer full) */
static char *
dup_form_text (const DdFormImport *form)
{
  GString *text = g_string_new (NULL);

  /* Translators: the summary of a filled progress form: rows to record, conflicts. */
  g_string_append_printf (text, _("%u rows to record, %u conflicts (not recorded)."),
                          form->n_changed, form->n_conflicts);
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

/* Callbacks */

static void
on_form_response_cb (GtkDialog *dialog,
                     int        response,
                     DdWindow  *self)
{
  DdFormImport *form = g_object_get_data (G_OBJECT (dialog), "dd-form");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint applied = 0;

  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL)
    {
      if (!dd_progress_form_apply (self->store, form, &applied, &error))
        _dd_window_show_error (self, _("The progress form could not be recorded"), error);
      else
        {
          /* Translators: after a progress form was recorded: how many rows, whose form. */
          text = g_strdup_printf (ngettext ("%u row of the form of %s was recorded.",
                                            "%u rows of the form of %s were recorded.", applied),
                                  applied, form->unit);
          _dd_window_show_message (GTK_WINDOW (self), GTK_MESSAGE_INFO, _("Progress form recorded"), text);
          gtk_widget_activate_action (GTK_WIDGET (self), "win.refresh", NULL);
        }
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_export_forms_response_cb (GtkNativeDialog *dialog,
                             int              response,
                             DdWindow        *self)
{
  g_autofree char *dir = take_path (dialog, response);

  if (dir != NULL)
    _dd_window_export_forms_to (self, dir);
}

static void
on_import_form_response_cb (GtkNativeDialog *dialog,
                            int              response,
                            DdWindow        *self)
{
  g_autofree char *path = take_path (dialog, response);

  if (path != NULL)
    _dd_window_import_form_path (self, path);
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
  chooser = chooser_new (self, _("Export Progress Forms"), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Export"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_forms_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
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
  chooser = chooser_new (self, _("Import Progress Form"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
  gtk_file_filter_set_name (filter, _("Progress forms (Excel .xlsx)"));
  gtk_file_filter_add_pattern (filter, "*.xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_form_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_letters_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        DdWindow        *self)
{
  g_autofree char *dir = take_path (dialog, response);

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
  chooser = chooser_new (self, _("Write Urging Letters"), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Write"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_letters_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Shared with the window */

void
_dd_window_write_letters_to (DdWindow   *self,
                             const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *text = NULL;
  DdUrgingOptions options;

  g_return_if_fail (DD_IS_WINDOW (self));

  if (self->store == NULL)
    return;
  dd_urging_options_init (&options);
  options.dir = dir;
  /* A PDF beside each letter when LibreOffice can make it. */
  options.pdf = soffice != NULL;
  paths = dd_urging_letters_write (self->store, &options, &error);
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
                          paths->len, options.pdf ? _(" and PDF") : "", dir);
  _dd_window_show_message (GTK_WINDOW (self), GTK_MESSAGE_INFO, _("Urging letters written"), text);
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
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *primary = NULL;
  DdFormImport *form;
  GtkWidget *dialog;

  g_return_if_fail (DD_IS_WINDOW (self));

  if (self->store == NULL)
    return;
  /* Read and compared, nothing written: a refused form says why. */
  form = dd_progress_form_read (self->store, path, 0, &error);
  if (form == NULL)
    {
      _dd_window_show_error (self, _("The progress form could not be read"), error);
      return;
    }
  text = dup_form_text (form);
  /* Translators: %s is the unit whose form it is. */
  primary = g_strdup_printf (_("Record the progress form of %s?"), form->unit);
  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s", primary);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", text);
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Record"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_response_sensitive (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT, form->n_changed > 0);
  g_object_set_data_full (G_OBJECT (dialog), "dd-form", form, (GDestroyNotify) dd_form_import_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_form_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_dd_window_class_forms_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-forms", NULL, export_forms_action);
  gtk_widget_class_install_action (widget_class, "win.import-form", NULL, import_form_action);
  gtk_widget_class_install_action (widget_class, "win.urging-letters", NULL, letters_action);
}
