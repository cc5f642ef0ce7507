/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-window-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-access.h"
#include "dd-task-editor.h"
#include "dd-dashboard-page.h"
#include "dd-export-dialog.h"
#include "dd-recycle-bin-window.h"
#include "dd-restore-dialog.h"
#include "dd-users-window.h"
#include "dd-history-window.h"
#include "dd-import-preview-dialog.h"
#include "dd-toast.h"
#include "dd-window-private.h"

/*
 * The window's actions ("win.*"), installed on the class so that tests can
 * fire them with gtk_widget_activate_action(). Their keys are listed in
 * ui/gtk/help-overlay.ui.
 */

/* Auxiliary methods */

static GtkWidget *
find_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_search_entry (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The texts GTK 4.8 puts in the shortcuts window that its Vietnamese
 * catalogue lacks or leaves as key names ("Shortcuts", "Page_Up"), with
 * ours; GTK's own (English or not) is what is looked for. */
static void
translate_labels (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    {
      const struct { const char *gtk; const char *ours; } texts[] = {
        { g_dgettext ("gtk40", "Shortcuts"), _("Keyboard Shortcuts") },
        { g_dgettext ("gtk40", "Search Results"), _("Search Results") },
        { g_dpgettext2 ("gtk40", "keyboard label", "Page_Up"), C_("keyboard key", "Page Up") },
        { g_dpgettext2 ("gtk40", "keyboard label", "Page_Down"), C_("keyboard key", "Page Down") },
      };
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
        if (g_strcmp0 (text, texts[i].gtk) == 0)
          {
            gtk_label_set_text (GTK_LABEL (widget), texts[i].ours);
            break;
          }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    translate_labels (child);
}

/* GTK 4.8's Vietnamese catalogue lacks the shortcuts window's title, its
 * heading and search hint, and names Page Up "Page_Up": they are set here,
 * from our own catalogue. */
void
_dd_window_translate_help_overlay (DdWindow *self)
{
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));
  GtkWidget *entry;

  if (overlay == NULL)
    return;
  gtk_window_set_title (GTK_WINDOW (overlay), _("Keyboard Shortcuts"));
  entry = find_search_entry (GTK_WIDGET (overlay));
  if (entry != NULL)
    g_object_set (entry, "placeholder-text", _("Search shortcuts"), NULL);
  translate_labels (GTK_WIDGET (overlay));
}

static GtkFileFilter *
new_filter (const char         *name,
            const char * const *patterns)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);

  return filter;
}

static void
add_filters (GtkFileChooser     *chooser,
             const char         *name,
             const char * const *patterns)
{
  static const char * const all[] = { "*", NULL };
  g_autoptr(GtkFileFilter) filter = new_filter (name, patterns);
  g_autoptr(GtkFileFilter) all_filter = new_filter (_("All files"), all);

  gtk_file_chooser_add_filter (chooser, filter);
  gtk_file_chooser_add_filter (chooser, all_filter);
  gtk_file_chooser_set_filter (chooser, filter);
}

char *
_dd_window_take_chosen_path (DdWindow        *self,
                             GtkNativeDialog *dialog,
                             int              response)
{
  g_autoptr(GFile) file = NULL;
  char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (file != NULL)
        path = g_file_get_path (file);
    }

  gtk_native_dialog_destroy (dialog);
  if (self->chooser == dialog)
    g_clear_object (&self->chooser);

  return path;
}

void
_dd_window_show_chooser (DdWindow             *self,
                         GtkFileChooserNative *chooser,
                         GCallback             callback)
{
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }

  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect_object (chooser, "response", callback, self, 0);
  gtk_native_dialog_show (self->chooser);
}

static void
open_store (DdWindow         *self,
            const char       *path,
            DdStoreOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;

  /* The damage check of a file that exists runs after the window shows
   * it (dd_window_set_store()). */
  if ((flags & DD_STORE_OPEN_CREATE) == 0)
    flags |= DD_STORE_OPEN_CHECK_LATER;
  store = dd_store_open (path, flags, &error);
  if (store == NULL)
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *primary = NULL;

      /* Translators: %s is a file name. */
      primary = g_strdup_printf ((flags & DD_STORE_OPEN_CREATE) != 0
                                 ? _("Could not create “%s”")
                                 : _("Could not open “%s”"),
                                 name);
      _dd_window_show_error (self, primary, error);
      return;
    }

  dd_window_set_store (self, store);
}

/* Callbacks */

static void
on_open_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     DdWindow        *self)
{
  g_autofree char *path = _dd_window_take_chosen_path (self, dialog, response);

  if (path != NULL)
    open_store (self, path, DD_STORE_OPEN_EXISTING);
}

static void
on_new_database_response_cb (GtkNativeDialog *dialog,
                             int              response,
                             DdWindow        *self)
{
  g_autofree char *path = _dd_window_take_chosen_path (self, dialog, response);

  if (path != NULL)
    open_store (self, path, DD_STORE_OPEN_CREATE);
}

static char *
dup_import_summary_text (const DdImportSummary *summary)
{
  GString *text = g_string_new (NULL);
  /* A plan of a whole province may add thousands: "11.383". */
  g_autofree char *added = dd_format_count (summary->tasks_added);
  g_autofree char *updated = dd_format_count (summary->tasks_updated);
  g_autofree char *unchanged = dd_format_count (summary->tasks_unchanged);
  g_autofree char *kept = dd_format_count (summary->tasks_kept);

  g_string_append_printf (text, ngettext ("%s task added", "%s tasks added", summary->tasks_added), added);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, ngettext ("%s task updated", "%s tasks updated", summary->tasks_updated), updated);
  if (summary->tasks_unchanged > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text,
                              ngettext ("%s task unchanged", "%s tasks unchanged",
                                        summary->tasks_unchanged),
                              unchanged);
    }
  if (summary->tasks_kept > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text,
                              ngettext ("%s task not in the file was kept as it was",
                                        "%s tasks not in the file were kept as they were",
                                        summary->tasks_kept),
                              kept);
    }
  g_string_append_c (text, '\n');
  g_string_append_printf (text, ngettext ("%u unit added", "%u units added", summary->units_added),
                          summary->units_added);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, ngettext ("%u indicator", "%u indicators", summary->indicators),
                          summary->indicators);
  if (summary->tasks_flagged > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text,
                              ngettext ("%u task has a time frame that could not be read: please check it",
                                        "%u tasks have a time frame that could not be read: please check them",
                                        summary->tasks_flagged),
                              summary->tasks_flagged);
    }
  return g_string_free (text, FALSE);
}

/* One import from the window: the file previewed, then perhaps written. */
typedef struct
{
  DdWindow *window;
  DdImporter *importer;
  char *number;                  /* the plan's, for the summary */
  char *removed_note;            /* characters removed from the file, or NULL */
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  job->window->importing = FALSE;
  _dd_window_actions_update (job->window);
  g_object_unref (job->window);
  g_object_unref (job->importer);
  g_free (job->number);
  g_free (job->removed_note);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportJob, import_job_free)

static void
on_import_done_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ImportJob) job = user_data;
  DdWindow *self = job->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *primary = NULL;
  DdImportSummary summary = { 0, };

  /* One transaction: a plan that cannot be written leaves the database
   * as it was. */
  if (!dd_importer_import_plan_finish (DD_IMPORTER (source_object), result, &summary, &error))
    {
      _dd_window_show_error (self, _("The plan could not be imported"), error);
      return;
    }

  /* The window was closed meanwhile. */
  if (self->store == NULL)
    return;

  text = dup_import_summary_text (&summary);
  if (job->removed_note != NULL)
    {
      g_autofree char *summary_text = g_steal_pointer (&text);

      text = g_strconcat (summary_text, "\n", job->removed_note, NULL);
    }
  primary = g_strdup_printf (summary.plan_existed
                             /* Translators: %s is the plan's number, "662/KH-VPUB". */
                             ? _("Plan %s updated")
                             : _("Plan %s imported"),
                             job->number);
  _dd_window_show_message (GTK_WINDOW (self), GTK_MESSAGE_INFO, primary, text);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.refresh", NULL);
}

/* Import: the plan, its units mapped as chosen, written on the importer's
 * thread; Cancel: nothing written. */
static void
on_import_preview_finished_cb (DdImportPreviewDialog *dialog,
                               gboolean               confirmed,
                               ImportJob             *job)
{
  DdImportedPlan *plan;

  if (!confirmed || job->window->store == NULL
      || (plan = dd_import_preview_dialog_steal_plan (dialog)) == NULL)
    {
      import_job_free (job);
      return;
    }
  job->number = g_strdup (plan->number);
  job->removed_note = dd_imported_plan_dup_removed_note (plan);
  dd_importer_import_plan_async (job->importer, plan, NULL, on_import_done_cb, job);
}

static void
on_import_preview_done_cb (GObject      *source_object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  ImportJob *job = user_data;
  DdWindow *self = job->window;
  g_autoptr(GError) error = NULL;
  DdImportPreview *preview;
  DdImportPreviewDialog *dialog;

  /* A file that cannot be read is refused before anything is shown. */
  preview = dd_importer_preview_file_finish (DD_IMPORTER (source_object), result, &error);
  if (preview == NULL || self->store == NULL)
    {
      if (preview == NULL)
        _dd_window_show_error (self, _("The plan could not be imported"), error);
      g_clear_pointer (&preview, dd_import_preview_free);
      import_job_free (job);
      return;
    }
  dialog = dd_import_preview_dialog_new (GTK_WINDOW (self), self->store, preview);
  g_signal_connect (dialog, "finished", G_CALLBACK (on_import_preview_finished_cb), job);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_dd_window_import_path (DdWindow   *self,
                        const char *path)
{
  ImportJob *job;

  g_return_if_fail (DD_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->store == NULL || self->importing)
    return;

  self->importing = TRUE;
  _dd_window_actions_update (self);

  /* Read and parsed off the main thread, on the importer's own connection,
   * opened for this import: it sees the file's access as it is now. The
   * preview dialog shows what the import would do; only its Import writes.
   * The job holds the importer until the end. */
  job = g_new0 (ImportJob, 1);
  job->window = g_object_ref (self);
  job->importer = dd_importer_new (self->store);
  dd_importer_preview_file_async (job->importer, path, DD_IMPORT_FORMAT_AUTO, NULL,
                                  on_import_preview_done_cb, job);
}

static void
on_import_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       DdWindow        *self)
{
  g_autofree char *path = _dd_window_take_chosen_path (self, dialog, response);

  if (path != NULL)
    _dd_window_import_path (self, path);
}

static void
on_editor_saved_cb (DdWindow     *self,
                    gint64        task_id,
                    DdTaskEditor *editor)
{
  DdTask *task = dd_task_editor_get_task (editor);
  g_autofree char *number = task != NULL ? dd_format_task_number (dd_task_get_number (task)) : NULL;
  g_autofree char *text = NULL;

  dd_tasks_page_reload (self->tasks_page, task_id);
  /* Translators: a toast once a task is saved: "Đã lưu nhiệm vụ 5". */
  text = number != NULL ? g_strdup_printf (_("Task %s saved"), number) : g_strdup (_("Task saved"));
  _dd_window_show_toast (self, text);
}

/* Actions */

/* The file is written: a toast says so, with a button that opens it (a
 * failure stays in the export dialog, which shows the error). */
static void
on_export_finished_cb (DdExportDialog *dialog,
                       gboolean        ok,
                       const char     *detail,
                       DdWindow       *self)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (!ok)
    return;

  name = g_path_get_basename (detail);
  /* Translators: a toast once the report is written: the file's name. */
  text = g_strdup_printf (_("Report exported: %s"), name);
  dd_toast_show (DD_TOAST (self->toast), text, _("_Open the File"), "win.open-file",
                 g_variant_new_string (detail));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Opens the file at the path @parameter with the desktop's application. */
static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_autofree char *uri = g_filename_to_uri (g_variant_get_string (parameter, NULL), NULL, NULL);

  if (uri != NULL)
    gtk_show_uri (GTK_WINDOW (widget), uri, GDK_CURRENT_TIME);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  DdExportDialog *dialog;

  if (self->store == NULL)
    return;

  /* What is exported follows what the user is looking at: the task list's
   * filter and reference date (a choice in the dialog); from the
   * dashboard, its plan, date and period. */
  dialog = dd_export_dialog_new (GTK_WINDOW (self), self->store,
                                 dd_tasks_page_get_query (self->tasks_page));
  {
    DdPage *page = _dd_window_get_visible_page (self);

    if (DD_IS_DASHBOARD_PAGE (page))
      {
        GDate from, to;

        dd_dashboard_page_get_period (DD_DASHBOARD_PAGE (page), &from, &to);
        dd_export_dialog_start_from (dialog, dd_dashboard_page_get_plan_id (DD_DASHBOARD_PAGE (page)),
                                     dd_dashboard_page_get_as_of (DD_DASHBOARD_PAGE (page)), &from, &to);
      }
  }
  g_signal_connect_object (dialog, "finished", G_CALLBACK (on_export_finished_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!_dd_window_print (self, NULL, FALSE, &error))
    _dd_window_show_error (self, _("The report could not be printed"), error);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);
  static const char * const patterns[] = { "*.sqlite", "*.db", "*.sqlite3", NULL };
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open Database"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  add_filters (GTK_FILE_CHOOSER (chooser), _("Đôn Đốc databases"), patterns);
  _dd_window_show_chooser (self, chooser, G_CALLBACK (on_open_response_cb));
}

static void
new_database_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);
  static const char * const patterns[] = { "*.sqlite", "*.db", "*.sqlite3", NULL };
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("New Database"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("C_reate"), _("_Cancel"));
  add_filters (GTK_FILE_CHOOSER (chooser), _("Đôn Đốc databases"), patterns);
  /* Translators: the proposed file name of a new database. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("dondoc.sqlite"));
  _dd_window_show_chooser (self, chooser, G_CALLBACK (on_new_database_response_cb));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);
  static const char * const patterns[] = { "*.txt", "*.csv", "*.tsv", "*.docx", "*.xlsx", NULL };
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import Plan"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  add_filters (GTK_FILE_CHOOSER (chooser), _("Plan tables (text, CSV, Word .docx, Excel .xlsx)"), patterns);
  _dd_window_show_chooser (self, chooser, G_CALLBACK (on_import_response_cb));
}

static DdTaskEditor *
open_editor (DdWindow    *self,
             gint64       task_id,
             const GDate *as_of)
{
  g_autoptr(DdTask) task = NULL;
  g_autoptr(GError) error = NULL;
  DdTaskEditor *editor;

  g_assert (DD_IS_WINDOW (self));

  if (self->store == NULL || task_id <= 0)
    return NULL;

  /* Read the task again: the list may hold an older copy, and editing an
   * older copy would end in a conflict. */
  task = dd_store_get_task (self->store, task_id, as_of, &error);
  if (task == NULL)
    {
      _dd_window_show_error (self, _("Could not read the task"), error);
      return NULL;
    }

  editor = dd_task_editor_new (GTK_WINDOW (self), self->store, task);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

static void
on_new_task_saved_cb (DdWindow     *self,
                      gint64        task_id,
                      DdTaskEditor *editor)
{
  g_autoptr(DdTask) task = NULL;
  g_autoptr(GError) error = NULL;
  gint64 plan_id = 0;

  /* The task list shows the new task, selected, whatever its filters
   * were. */
  task = dd_store_get_task (self->store, task_id, NULL, &error);
  if (task != NULL)
    plan_id = dd_task_get_plan_id (task);
  else
    g_debug ("Could not read the new task: %s", error->message);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->tasks_page));
  dd_tasks_page_show_task (self->tasks_page, task_id, plan_id);
}

static void
new_task_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);
  const DdTaskQuery *query;
  DdTaskEditor *editor;

  if (self->store == NULL || !dd_store_can (self->store, DD_ACTION_ADD_TASK, NULL, NULL))
    return;

  /* The plan the list shows, if it shows one. */
  query = dd_tasks_page_get_query (self->tasks_page);
  editor = dd_task_editor_new_task (GTK_WINDOW (self), self->store, query != NULL ? query->plan_id : 0);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_new_task_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
edit_task_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);
  g_autoptr(DdTask) selected = NULL;

  if (self->store == NULL)
    return;

  selected = _dd_window_dup_selected_task (self);
  if (selected == NULL)
    return;

  open_editor (self, dd_task_get_id (selected), dd_task_get_as_of (selected));
}

/* "View…": the selected task to read first ("View Task"), with "Edit"
 * for those who may change it; for a list reached from a chart's figure,
 * where one looks before one edits. */
static void
view_task_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);
  g_autoptr(DdTask) selected = NULL;
  DdTaskEditor *editor;

  if (self->store == NULL)
    return;

  selected = _dd_window_dup_selected_task (self);
  if (selected == NULL)
    return;

  editor = open_editor (self, dd_task_get_id (selected), dd_task_get_as_of (selected));
  if (editor != NULL)
    dd_task_editor_set_viewing (editor, TRUE);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);
  DdPage *page = _dd_window_get_visible_page (self);

  /* The page shown takes the search when it has one; otherwise the task
   * list does. */
  if (page != NULL && dd_page_search (page, NULL))
    return;

  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->tasks_page));
  dd_page_search (DD_PAGE (self->tasks_page), NULL);
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);
  DdHistoryWindow *window;

  if (self->store == NULL)
    return;

  window = dd_history_window_new (GTK_WINDOW (self), self->store, 0);
  gtk_window_present (GTK_WINDOW (window));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  _dd_window_reload_all (DD_WINDOW (widget));
}

/* Shared file: deleting tasks, the recycle bin, roles, backups, the lock
 * warning */

static void
on_delete_response_cb (GtkDialog *dialog,
                       int        response,
                       DdWindow  *self)
{
  gint64 task_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "dd-task-id"));
  g_autoptr(GError) error = NULL;

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response != GTK_RESPONSE_ACCEPT || self->store == NULL)
    return;

  /* The store says "changed" and the list drops the task. */
  if (!dd_store_delete_task (self->store, task_id, &error))
    _dd_window_show_error (self, _("The task could not be deleted"), error);
}

static void
delete_task_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);
  g_autoptr(DdTask) task = _dd_window_dup_selected_task (self);
  g_autofree char *reason = NULL;
  g_autofree char *number = NULL;
  g_autofree char *primary = NULL;
  g_autofree char *secondary = NULL;
  GtkWidget *dialog;
  GtkWidget *button;

  if (self->store == NULL || task == NULL)
    return;

  if (!dd_store_can (self->store, DD_ACTION_DELETE_TASK, task, &reason))
    {
      _dd_window_show_message (GTK_WINDOW (self), GTK_MESSAGE_INFO,
                               _("The task cannot be deleted"), reason);
      return;
    }

  number = dd_format_task_number (dd_task_get_number (task));
  /* Translators: %s is the task's number in its plan, without its dot ("3"). */
  primary = g_strdup_printf (_("Move task %s to the recycle bin?"), number != NULL ? number : "");
  /* Translators: %s is the task's title. */
  secondary = g_strdup_printf (_("“%s” will no longer appear in the lists, charts and reports. "
                                 "Nothing is erased: an administrator can restore it from "
                                 "Recycle Bin in the main menu, with its progress and history."),
                               dd_task_get_title (task));
  dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s", primary);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Move to Recycle Bin"), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_object_set_data (G_OBJECT (dialog), "dd-task-id", GSIZE_TO_POINTER ((gsize) dd_task_get_id (task)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
recycle_bin_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);

  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (dd_recycle_bin_window_new (GTK_WINDOW (self), self->store)));
}

static void
users_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);

  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (dd_users_window_new (GTK_WINDOW (self), self->store)));
}

/* The restore dialog's choice, confirmed: let go of the file, replace it,
 * open it again. */
static void
on_restore_cb (DdRestoreDialog *dialog,
               const char      *backup_path,
               DdWindow        *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) reopen_error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  gboolean restored;

  if (self->store == NULL)
    return;

  path = g_strdup (dd_store_get_path (self->store));
  name = g_filename_display_basename (path);

  /* The dialog and the pages hold the store too: they let go with it. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  dd_window_set_store (self, NULL);

  restored = dd_backups_restore_file (path, backup_path, &error);

  store = dd_store_open (path, DD_STORE_OPEN_EXISTING, &reopen_error);
  if (store != NULL)
    dd_window_set_store (self, store);

  if (!restored)
    {
      _dd_window_show_error (self, _("The backup could not be restored"), error);
      return;
    }
  if (store == NULL)
    {
      /* Translators: %s is a file name. */
      message = g_strdup_printf (_("Could not open “%s”"), name);
      _dd_window_show_error (self, message, reopen_error);
      return;
    }

  /* Translators: %s is the database file. */
  message = g_strdup_printf (_("The backup was restored into “%s”"), name);
  _dd_window_show_message (GTK_WINDOW (self), GTK_MESSAGE_INFO, message,
                           _("The file as it was before is kept among the backups (its name ends "
                             "in “-replaced”). Ask the others who have the database open to open "
                             "it again."));
}

static DdRestoreDialog *
show_restore_dialog (DdWindow *self)
{
  DdRestoreDialog *dialog;

  dialog = dd_restore_dialog_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (dialog, "restore", G_CALLBACK (on_restore_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);

  if (self->store != NULL)
    show_restore_dialog (self);
}

static void
restore_newest_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);

  if (self->store != NULL)
    dd_restore_dialog_select_newest_good (show_restore_dialog (self));
}

static void
acknowledge_lock_warning_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);

  if (self->store == NULL)
    return;

  dd_store_acknowledge_lock_warning (self->store);
  _dd_window_update_banners (self);
  _dd_window_actions_update (self);
}

/* Public to the window */

/* The editor of a task that is not (necessarily) selected in the list. */
DdTaskEditor *
_dd_window_edit_task (DdWindow *self,
                      gint64    task_id)
{
  g_assert (DD_IS_WINDOW (self));

  return open_editor (self, task_id, dd_tasks_page_get_as_of (self->tasks_page));
}

/* The task of a deadline the calendar shows: to read first ("View Task"),
 * with "Edit" for those who may change it. */
DdTaskEditor *
_dd_window_view_task (DdWindow *self,
                      gint64    task_id)
{
  DdTaskEditor *editor = _dd_window_edit_task (self, task_id);

  if (editor != NULL)
    dd_task_editor_set_viewing (editor, TRUE);
  return editor;
}

/* "06/12/2026 08:15", or "none" */
static char *
dup_backup_time (GDateTime *time)
{
  if (time == NULL)
    return g_strdup (_("none was found"));
  return g_date_time_format (time, "%d/%m/%Y %H:%M");
}

static void
update_backup_failed_text (DdWindow   *self,
                           const char *failure)
{
  g_autofree char *last = dup_backup_time (self->last_good_backup);
  g_autofree char *text = NULL;

  text = g_strdup_printf (_("Today's backup copy of this database could not be made: %s. "
                            "Your changes are still saved in the database, but there is no copy of "
                            "today's file to go back to. Ask the office's IT officer to check the "
                            "backup folder (Preferences)."), failure);
  if (self->backup_age_read)
    {
      g_autofree char *more = g_strdup_printf (_("Last good backup: %s."), last);
      g_autofree char *both = g_strconcat (text, " ", more, NULL);

      gtk_label_set_text (self->backup_label, both);
    }
  else
    gtk_label_set_text (self->backup_label, text);
}

/* Whether the last good backup is older than the setting allows; if so,
 * the bar's text says when it was made. */
static gboolean
update_backup_age_text (DdWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  guint days = dd_store_get_backup_warn_days (self->store, NULL);
  g_autofree char *last = NULL;
  g_autofree char *text = NULL;

  /* Without any backup, the failure of today's says why (the store makes
   * one each day it is opened for writing): a new file has none yet. */
  if (self->last_good_backup == NULL || !dd_backups_is_overdue (self->last_good_backup, now, days))
    return FALSE;
  last = dup_backup_time (self->last_good_backup);
  text = g_strdup_printf (ngettext (
                                       "No backup copy of this database was made in the last %u day "
                                       "(last good backup: %s). Your changes are saved, but there is no "
                                       "recent copy to go back to. Ask the office's IT officer to check "
                                       "the backup folder (Preferences).",
                                       "No backup copy of this database was made in the last %u days "
                                       "(last good backup: %s). Your changes are saved, but there is no "
                                       "recent copy to go back to. Ask the office's IT officer to check "
                                       "the backup folder (Preferences).", days),
                          days, last);
  gtk_label_set_text (self->backup_label, text);
  return TRUE;
}

void
_dd_window_update_banners (DdWindow *self)
{
  const char *warning = self->store != NULL ? dd_store_get_lock_warning (self->store) : NULL;
  gboolean damaged = self->store != NULL && dd_store_is_damaged (self->store);
  gboolean tampered = self->store != NULL && dd_store_is_tampered (self->store);
  gboolean overdue;
  const char *backup;

  g_assert (DD_IS_WINDOW (self));

  /* Before any write: the store refuses them until this is acknowledged
   * (DD_STORE_ERROR_UNSAFE_FILESYSTEM), and the actions say so meanwhile. */
  if (warning != NULL)
    gtk_label_set_text (self->lock_label, warning);
  gtk_info_bar_set_revealed (self->lock_bar,
                             warning != NULL && !dd_store_is_read_only (self->store)
                             && !dd_store_is_lock_warning_acknowledged (self->store));

  /* The daily backup of opening failed, or the last good backup is older
   * than the office accepts (Preferences): the work is safe, but there is
   * no recent copy to go back to; said until the user closes it. */
  backup = self->store != NULL ? dd_store_get_backup_warning (self->store) : NULL;
  overdue = backup == NULL && self->store != NULL && self->backup_age_read &&
            update_backup_age_text (self);
  if (backup != NULL)
    update_backup_failed_text (self, backup);
  gtk_info_bar_set_revealed (self->backup_bar, (backup != NULL || overdue) && !self->backup_dismissed);

  /* A damaged or tampered file: the read-only bar says why, and offers the
   * way out (an administrator's; a tampered backup is refused). */
  gtk_info_bar_set_message_type (self->read_only_bar,
                                 damaged || tampered ? GTK_MESSAGE_ERROR : GTK_MESSAGE_WARNING);
  gtk_widget_set_visible (GTK_WIDGET (self->restore_newest_button), damaged || tampered);
}

void
_dd_window_actions_update (DdWindow *self)
{
  g_autoptr(DdTask) task = NULL;
  gboolean writable;
  gboolean admin;
  gboolean selected;

  g_assert (DD_IS_WINDOW (self));

  /* Importing a plan is an administrator's change, like every plan change;
   * so is deleting a task. */
  writable = self->store != NULL && dd_store_can (self->store, DD_ACTION_IMPORT_PLAN, NULL, NULL);
  admin = self->store != NULL && dd_store_can (self->store, DD_ACTION_DELETE_TASK, NULL, NULL);
  task = _dd_window_dup_selected_task (self);
  selected = task != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", writable && !self->importing);
  /* The editor opens read-only, saying why, for whoever may not change the
   * task; deleting and restoring are for administrators (dd_store_can()). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-task", self->store != NULL && selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.view-task", self->store != NULL && selected);
  /* A unit editor adds tasks its unit leads; a viewer adds none (the
   * task list's button says why). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-task",
                                 self->store != NULL
                                 && dd_store_can (self->store, DD_ACTION_ADD_TASK, NULL, NULL));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-task", admin && selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.recycle-bin", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.users", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore", self->store != NULL);
  /* The dialog of win.restore says why a non-administrator cannot restore;
   * its one-click form is an administrator's only. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-newest",
                                 self->store != NULL
                                 && dd_store_can (self->store, DD_ACTION_RESTORE_BACKUP, NULL, NULL));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.acknowledge-lock-warning",
                                 self->store != NULL
                                 && !dd_store_is_lock_warning_acknowledged (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.history",
                                 self->store != NULL
                                 && dd_store_can (self->store, DD_ACTION_READ_HISTORY, NULL, NULL));
}

void
_dd_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.new-database", NULL, new_database_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.new-task", NULL, new_task_action);
  gtk_widget_class_install_action (widget_class, "win.edit-task", NULL, edit_task_action);
  gtk_widget_class_install_action (widget_class, "win.view-task", NULL, view_task_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.delete-task", NULL, delete_task_action);
  gtk_widget_class_install_action (widget_class, "win.recycle-bin", NULL, recycle_bin_action);
  gtk_widget_class_install_action (widget_class, "win.users", NULL, users_action);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "win.restore-newest", NULL, restore_newest_action);
  gtk_widget_class_install_action (widget_class, "win.acknowledge-lock-warning", NULL,
                                   acknowledge_lock_warning_action);
  gtk_widget_class_install_action (widget_class, "win.history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.open-file", "s", open_file_action);
  _dd_window_class_forms_init (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.new-database", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-task", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.edit-task", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete-task", NULL);
}
