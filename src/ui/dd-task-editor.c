/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-task-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dd-access.h"
#include "dd-conflict-dialog.h"
#include "dd-history-window.h"
#include "dd-task-editor.h"

/*
 * DdTaskEditor: a modal window in which every field of one task can be
 * changed. It edits a copy (dd_task_copy()) and saves it with
 * dd_store_save_task(); the store refuses the save when someone else changed
 * the task meanwhile, and the user's edit then stays open.
 *
 * The save runs in a worker thread on its own connection to the file
 * (dd_store_open_sibling()): when another desktop holds the write lock, the
 * store waits and retries for up to ~10 s, and the window must not freeze
 * meanwhile. A spinner shows, the form is insensitive, and the outcome is
 * handled back on the main thread.
 *
 * Whoever may not change the task (a viewer, a unit editor and another
 * unit's task, a read-only file, an unacknowledged lock warning: see
 * dd_store_can()) gets the editor read-only, with the reason on top.
 */

struct _DdTaskEditor
{
  GtkWindow parent_instance;

  DdStore *store;
  DdTask *task;
  guint updating;
  char *read_only_reason;         /* why the user may not change the task, or NULL */
  gboolean saving;

  /* Template children */
  GtkInfoBar *read_only_bar;
  GtkLabel *read_only_label;
  GtkSpinner *save_spinner;
  GtkButton *save_button;
  GtkGrid *grid;
  GtkRevealer *error_revealer;
  GtkLabel *error_label;
  GtkEntry *number_entry;
  GtkTextView *title_view;
  GtkEntry *lead_entry;
  GtkEntry *person_entry;
  GtkEntry *coordinators_entry;
  GtkEntry *deadline_entry;
  GtkLabel *deadline_hint;
  GtkEntry *product_entry;
  GtkEntry *directing_entry;
  GtkSpinButton *progress_spin;
  GtkEntry *completed_entry;
  GtkLabel *completed_hint;
  GtkPopover *calendar_popover;
  GtkCalendar *completed_calendar;
  GtkCheckButton *done_check;
  GtkEntry *actual_product_entry;
  GtkTextView *note_view;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_TASK,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdTaskEditor, dd_task_editor, GTK_TYPE_WINDOW)

/* Auxiliary methods */

static char *
dup_text_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The text of an entry, trimmed; NULL when empty. (transfer full) */
static char *
dup_entry_text (GtkEntry *entry)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));

  g_strstrip (text);
  if (*text == '\0')
    return NULL;

  return g_steal_pointer (&text);
}

static void
set_entry_text (GtkEntry   *entry,
                const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
}

static void
set_hint (GtkLabel   *hint,
          const char *text,
          gboolean    is_error,
          gboolean    is_warning)
{
  gtk_label_set_text (hint, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (hint), text != NULL && *text != '\0');

  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (hint), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (hint), "error");

  if (is_warning)
    gtk_widget_add_css_class (GTK_WIDGET (hint), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (hint), "warning");
}

static void
show_error (DdTaskEditor *self,
            const char   *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

/* Reads the "Thời gian" field and says what it means. Returns FALSE for an
 * impossible date, which blocks saving. */
static gboolean
check_deadline (DdTaskEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = dup_entry_text (self->deadline_entry);
  g_autofree char *hint = NULL;
  DdDeadline deadline;

  if (!dd_deadline_parse (text, &deadline, &error))
    {
      set_hint (self->deadline_hint, error->message, TRUE, FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (self->deadline_entry), "error");
      return FALSE;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->deadline_entry), "error");

  if (text == NULL)
    {
      set_hint (self->deadline_hint, _("No time frame: the task will be flagged as having no deadline."),
                FALSE, TRUE);
    }
  else if (!deadline.understood)
    {
      set_hint (self->deadline_hint,
                _("This time frame is not understood. It will be kept as written, and the task flagged as having no deadline."),
                FALSE, TRUE);
    }
  else if (deadline.kind == DD_DEADLINE_DATE && dd_date_is_set (&deadline.due))
    {
      g_autofree char *date = dd_format_date (&deadline.due);

      /* Translators: what the time frame was read as: "Hạn: 30/04/2026". */
      hint = g_strdup_printf (_("Due date: %s"), date);
      set_hint (self->deadline_hint, hint, FALSE, FALSE);
    }
  else
    {
      /* Translators: what the time frame was read as: its kind ("Thường xuyên"). */
      hint = g_strdup_printf (_("Read as: %s"), dd_deadline_kind_get_label (deadline.kind));
      set_hint (self->deadline_hint, hint, FALSE, deadline.kind == DD_DEADLINE_NONE);
    }

  return TRUE;
}

/* Reads the completion date into @out (cleared when empty). Returns FALSE
 * when the field holds something that is not a date. */
static gboolean
check_completed (DdTaskEditor *self,
                 GDate        *out)
{
  g_autofree char *text = dup_entry_text (self->completed_entry);
  GDate date;

  g_date_clear (&date, 1);

  if (text != NULL && !dd_date_parse_any (text, &date))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is what the user typed as a completion date. */
      message = g_strdup_printf (_("“%s” is not a date. Write it as dd/mm/yyyy."), text);
      set_hint (self->completed_hint, message, TRUE, FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (self->completed_entry), "error");
      if (out != NULL)
        *out = date;
      return FALSE;
    }

  set_hint (self->completed_hint, NULL, FALSE, FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->completed_entry), "error");
  if (out != NULL)
    *out = date;

  return TRUE;
}

static gboolean
validate (DdTaskEditor *self)
{
  g_autofree char *title = dup_text_view_text (self->title_view);
  gboolean valid = TRUE;

  valid &= check_deadline (self);
  valid &= check_completed (self, NULL);

  g_strstrip (title);
  if (*title == '\0')
    valid = FALSE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 valid && self->store != NULL && self->task != NULL
                                 && self->read_only_reason == NULL && !self->saving);

  return valid;
}

/* Makes the fields read-only (their text can still be selected and
 * copied) and the other widgets insensitive, or editable again. */
static void
set_read_only (GtkWidget *widget,
               gboolean   read_only)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SPIN_BUTTON (child) || GTK_IS_CHECK_BUTTON (child) || GTK_IS_MENU_BUTTON (child))
        gtk_widget_set_sensitive (child, !read_only);
      else if (GTK_IS_EDITABLE (child))
        gtk_editable_set_editable (GTK_EDITABLE (child), !read_only);
      else if (GTK_IS_TEXT_VIEW (child))
        gtk_text_view_set_editable (GTK_TEXT_VIEW (child), !read_only);
      else
        set_read_only (child, read_only);
    }
}

/* What the user may change of the task: when the editor opens, and again
 * on DdStore::access-changed (a role given or taken away on this desktop or
 * another while the editor is open). The fields typed so far are kept. */
static void
update_access (DdTaskEditor *self)
{
  g_clear_pointer (&self->read_only_reason, g_free);
  if (self->store != NULL && self->task != NULL)
    dd_store_can (self->store, DD_ACTION_EDIT_TASK, self->task, &self->read_only_reason);

  set_read_only (GTK_WIDGET (self->grid), self->read_only_reason != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->lead_entry), NULL);
  if (self->read_only_reason != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: on top of a read-only task editor; %s says why. */
      text = g_strdup_printf (_("You can read this task but not change it. %s"), self->read_only_reason);
      gtk_label_set_text (self->read_only_label, text);
    }
  else if (self->store != NULL && self->task != NULL
           && !dd_store_can (self->store, DD_ACTION_CHANGE_TASK_LEAD, self->task, NULL))
    {
      /* The store refuses to move a task to another unit for a unit editor. */
      gtk_editable_set_editable (GTK_EDITABLE (self->lead_entry), FALSE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->lead_entry),
                                   _("Only an administrator can give the task to another unit."));
    }
  gtk_info_bar_set_revealed (self->read_only_bar, self->read_only_reason != NULL);
}

static void
on_access_changed (DdTaskEditor *self)
{
  update_access (self);
  validate (self);
}

static void
load_task (DdTaskEditor *self)
{
  g_autofree char *coordinators = NULL;
  g_autofree char *completed = NULL;
  g_autofree char *title = NULL;
  const GDate *completed_on;

  if (self->task == NULL)
    return;

  self->updating++;

  set_entry_text (self->number_entry, dd_task_get_number (self->task));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->title_view),
                            dd_task_get_title (self->task) != NULL ? dd_task_get_title (self->task) : "",
                            -1);
  set_entry_text (self->lead_entry, dd_task_get_lead (self->task));
  set_entry_text (self->person_entry, dd_task_get_person (self->task));
  coordinators = dd_task_dup_coordinators_text (self->task);
  set_entry_text (self->coordinators_entry, coordinators);
  set_entry_text (self->deadline_entry, dd_task_get_deadline_text (self->task));
  set_entry_text (self->product_entry, dd_task_get_product (self->task));
  set_entry_text (self->directing_entry, dd_task_get_directing (self->task));
  gtk_spin_button_set_value (self->progress_spin, dd_task_get_progress (self->task));

  completed_on = dd_task_get_completed_on (self->task);
  if (dd_date_is_set (completed_on))
    completed = dd_format_date (completed_on);
  set_entry_text (self->completed_entry, completed);
  gtk_check_button_set_active (self->done_check, completed != NULL);

  set_entry_text (self->actual_product_entry, dd_task_get_actual_product (self->task));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view),
                            dd_task_get_note (self->task) != NULL ? dd_task_get_note (self->task) : "",
                            -1);

  /* Translators: the editor's title; %s is the task's number ("3."). */
  title = g_strdup_printf (_("Edit Task %s"),
                           dd_task_get_number (self->task) != NULL ? dd_task_get_number (self->task) : "");
  gtk_window_set_title (GTK_WINDOW (self), title);

  self->updating--;

  validate (self);
}

static gboolean
match_unit_cb (GtkEntryCompletion *completion,
               const char         *key,
               GtkTreeIter        *iter,
               gpointer            user_data)
{
  GtkTreeModel *model = gtk_entry_completion_get_model (completion);
  g_autofree char *name = NULL;
  g_autofree char *folded_name = NULL;
  g_autofree char *folded_key = NULL;

  gtk_tree_model_get (model, iter, 0, &name, -1);
  if (name == NULL)
    return FALSE;

  /* "noi vu" finds "Sở Nội vụ": match anywhere, ignoring diacritics. */
  folded_name = dd_text_fold_for_search (name);
  folded_key = dd_text_fold_for_search (key);

  return strstr (folded_name, folded_key) != NULL;
}

static void
setup_lead_completion (DdTaskEditor *self)
{
  g_autoptr(GtkEntryCompletion) completion = NULL;
  g_autoptr(GtkListStore) names = NULL;
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  units = dd_store_list_units (self->store, 0, &error);
  if (units == NULL)
    {
      g_debug ("No unit names to complete: %s", error->message);
      return;
    }

  names = gtk_list_store_new (1, G_TYPE_STRING);
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);

      if (dd_unit_get_is_group (unit))
        continue;
      gtk_list_store_insert_with_values (names, NULL, -1, 0, dd_unit_get_name (unit), -1);
    }

  completion = gtk_entry_completion_new ();
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (names));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  gtk_entry_completion_set_match_func (completion, match_unit_cb, NULL, NULL);
  gtk_entry_set_completion (self->lead_entry, completion);
}

static char **
split_names (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return g_strv_builder_end (builder);

  parts = g_strsplit (text, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

static void show_conflict (DdTaskEditor *self,
                           DdTask       *base,
                           DdTask       *mine);

/* Writes @copy in a worker; on a conflict shows what differs from @base,
 * field by field, keeping the editor open with the user's edit; closes the
 * editor once saved (on_save_done_cb()). */
static void save_async (DdTaskEditor *self,
                        DdTask       *base,
                        DdTask       *copy);

static void
on_conflict_resolved_cb (DdTaskEditor     *self,
                         DdTask           *merged,
                         DdConflictDialog *dialog)
{
  g_autoptr(DdTask) shown = g_object_ref (dd_conflict_dialog_get_theirs (dialog));

  /* If yet another save came in meanwhile, the dialog comes back with the
   * merged task as the user's version and what they saw as the base. */
  save_async (self, shown, merged);
}

static void
show_conflict (DdTaskEditor *self,
               DdTask       *base,
               DdTask       *mine)
{
  g_autoptr(DdTask) theirs = NULL;
  g_autoptr(GError) error = NULL;
  DdConflictDialog *dialog;

  theirs = dd_store_get_task (self->store, dd_task_get_id (mine), dd_task_get_as_of (self->task), &error);
  if (theirs == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: the task was changed by someone else, and reading it again failed; %s says why. */
      message = g_strdup_printf (_("Someone else changed this task, and it could not be read again: %s. "
                                   "Your changes are still in the editor."), error->message);
      show_error (self, message);
      return;
    }

  dialog = dd_conflict_dialog_new (GTK_WINDOW (self), self->store, base, mine, theirs);

  /* The other save left every field the way the user has it: nothing to
   * choose, and saving over it loses nothing. */
  {
    g_auto(GStrv) fields = dd_conflict_dialog_dup_fields (dialog);

    if (fields[0] == NULL)
      {
        g_autoptr(DdTask) merged = dd_conflict_dialog_dup_merged (dialog);

        gtk_window_destroy (GTK_WINDOW (dialog));
        save_async (self, theirs, merged);
        return;
      }
  }

  g_signal_connect_object (dialog, "resolved", G_CALLBACK (on_conflict_resolved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The person in charge ("rõ người") is kept apart from the task's row
 * (dd_store_set_task_person()): written after the task, when it changed.
 * Returns the new text ("" to clear it), or NULL when it did not change. */
static char *
dup_changed_person (DdTaskEditor *self)
{
  g_autofree char *person = dup_entry_text (self->person_entry);
  const char *was = dd_task_get_person (self->task);

  if (g_strcmp0 (person != NULL ? person : "", was != NULL ? was : "") == 0)
    return NULL;
  return person != NULL ? g_steal_pointer (&person) : g_strdup ("");
}

/* Saving: the task and its person in charge in one transaction, off the
 * main thread (dd_store_save_task_async()). */

typedef struct
{
  DdTaskEditor *self;   /* strong while the save runs */
  DdTask *base;         /* the task as the user saw it before editing */
  DdTask *copy;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->base);
  g_clear_object (&data->copy);
  g_free (data);
}

static void
set_saving (DdTaskEditor *self,
            gboolean      saving)
{
  self->saving = saving;
  /* A field that loses its sensitivity while it has the focus does not
   * get its focus-out: let go of the focus first. */
  if (saving)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->save_spinner), saving);
  gtk_spinner_set_spinning (self->save_spinner, saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->grid), !saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.cancel", !saving);
  validate (self);
}

static void
on_save_done_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SaveData *data = user_data;
  DdTaskEditor *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) saved = dd_store_save_task_finish (DD_STORE (source_object), result, &error);

  /* Closed with its parent meanwhile. */
  if (self->store == NULL)
    {
      save_data_free (data);
      return;
    }

  set_saving (self, FALSE);

  if (saved == NULL)
    {
      if (g_error_matches (error, DD_STORE_ERROR, DD_STORE_ERROR_CONFLICT))
        {
          show_error (self, error->message);
          show_conflict (self, data->base, data->copy);
        }
      else
        {
          g_autofree char *message = NULL;

          /* Translators: %s is the reason. */
          message = g_strdup_printf (_("The task could not be saved: %s"), error->message);
          show_error (self, message);
        }
      save_data_free (data);
      return;
    }

  g_signal_emit (self, signals [SAVED], 0, dd_task_get_id (saved));
  show_error (self, NULL);
  save_data_free (data);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_async (DdTaskEditor *self,
            DdTask       *base,
            DdTask       *copy)
{
  g_autofree char *person = dup_changed_person (self);
  SaveData *data = g_new0 (SaveData, 1);

  data->self = g_object_ref (self);
  data->base = g_object_ref (base);
  data->copy = g_object_ref (copy);
  set_saving (self, TRUE);
  dd_store_save_task_async (self->store, copy, person, NULL, on_save_done_cb, data);
}

/* Starts saving the form; FALSE when it cannot be saved as it is. */
static gboolean
save (DdTaskEditor *self)
{
  g_autoptr(DdTask) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = dup_entry_text (self->number_entry);
  g_autofree char *title = dup_text_view_text (self->title_view);
  g_autofree char *lead = dup_entry_text (self->lead_entry);
  g_autofree char *coordinators_text = dup_entry_text (self->coordinators_entry);
  g_autofree char *deadline = dup_entry_text (self->deadline_entry);
  g_autofree char *product = dup_entry_text (self->product_entry);
  g_autofree char *directing = dup_entry_text (self->directing_entry);
  g_autofree char *actual_product = dup_entry_text (self->actual_product_entry);
  g_autofree char *note = dup_text_view_text (self->note_view);
  g_auto(GStrv) coordinators = NULL;
  GDate completed_on;

  if (!validate (self) || !check_completed (self, &completed_on))
    {
      show_error (self, _("Some fields need correcting before the task can be saved."));
      return FALSE;
    }

  g_strstrip (title);
  g_strstrip (note);
  coordinators = split_names (coordinators_text);

  copy = dd_task_copy (self->task);
  dd_task_set_number (copy, number);
  dd_task_set_title (copy, title);
  dd_task_set_lead (copy, lead);
  dd_task_set_coordinators (copy, (const char * const *) coordinators);
  if (!dd_task_set_deadline_text (copy, deadline, &error))
    {
      set_hint (self->deadline_hint, error->message, TRUE, FALSE);
      show_error (self, error->message);
      return FALSE;
    }
  dd_task_set_product (copy, product);
  dd_task_set_directing (copy, directing);
  dd_task_set_progress (copy, (guint) gtk_spin_button_get_value_as_int (self->progress_spin));
  dd_task_set_completed_on (copy, dd_date_is_set (&completed_on) ? &completed_on : NULL);
  dd_task_set_actual_product (copy, actual_product);
  dd_task_set_note (copy, *note != '\0' ? note : NULL);

  save_async (self, self->task, copy);
  return TRUE;
}

/* Callbacks */

static void
on_field_changed_cb (DdTaskEditor *self)
{
  if (self->updating == 0)
    validate (self);
}

static void
on_completed_entry_changed_cb (DdTaskEditor *self)
{
  GDate date;

  if (self->updating > 0)
    return;

  self->updating++;
  if (check_completed (self, &date))
    gtk_check_button_set_active (self->done_check, dd_date_is_set (&date));
  self->updating--;

  validate (self);
}

static void
on_done_check_toggled_cb (DdTaskEditor *self)
{
  if (self->updating > 0)
    return;

  self->updating++;
  if (gtk_check_button_get_active (self->done_check))
    {
      GDate date;

      if (!check_completed (self, &date) || !dd_date_is_set (&date))
        {
          g_autofree char *today = NULL;

          dd_date_set_today (&date);
          today = dd_format_date (&date);
          set_entry_text (self->completed_entry, today);
        }
      gtk_spin_button_set_value (self->progress_spin, 100);
    }
  else
    {
      set_entry_text (self->completed_entry, NULL);
    }
  self->updating--;

  validate (self);
}

static void
on_calendar_popover_show_cb (DdTaskEditor *self)
{
  g_autoptr(GDateTime) date_time = NULL;
  GDate date;

  if (!check_completed (self, &date) || !dd_date_is_set (&date))
    dd_date_set_today (&date);

  date_time = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                     g_date_get_day (&date), 0, 0, 0);
  self->updating++;
  gtk_calendar_select_day (self->completed_calendar, date_time);
  self->updating--;
}

static void
on_completed_calendar_day_selected_cb (DdTaskEditor *self)
{
  g_autoptr(GDateTime) date_time = NULL;
  g_autofree char *text = NULL;
  GDate date;

  if (self->updating > 0)
    return;

  date_time = gtk_calendar_get_date (self->completed_calendar);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date,
                  g_date_time_get_day_of_month (date_time),
                  g_date_time_get_month (date_time),
                  g_date_time_get_year (date_time));
  text = dd_format_date (&date);
  set_entry_text (self->completed_entry, text);
  gtk_popover_popdown (self->calendar_popover);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DdTaskEditor *self = DD_TASK_EDITOR (widget);

  /* The editor closes when the save is done (on_save_done_cb()). */
  if (!self->saving && self->read_only_reason == NULL)
    save (self);
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  DdTaskEditor *self = DD_TASK_EDITOR (widget);
  DdHistoryWindow *window;

  if (self->task == NULL || dd_task_get_id (self->task) <= 0)
    return;

  window = dd_history_window_new (GTK_WINDOW (self), self->store, dd_task_get_id (self->task));
  gtk_window_present (GTK_WINDOW (window));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  if (!DD_TASK_EDITOR (widget)->saving)
    gtk_window_destroy (GTK_WINDOW (widget));
}

/* While a save is under way the editor stays: it shows the outcome. */
static gboolean
dd_task_editor_close_request (GtkWindow *window)
{
  if (DD_TASK_EDITOR (window)->saving)
    return TRUE;
  return GTK_WINDOW_CLASS (dd_task_editor_parent_class)->close_request (window);
}

/* GObject overrides */

static void
dd_task_editor_constructed (GObject *object)
{
  DdTaskEditor *self = DD_TASK_EDITOR (object);

  G_OBJECT_CLASS (dd_task_editor_parent_class)->constructed (object);

  setup_lead_completion (self);
  load_task (self);
  update_access (self);
  validate (self);
  if (self->store != NULL)
    dd_access_connect (self->store, G_CALLBACK (on_access_changed), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.history",
                                 self->task != NULL && dd_task_get_id (self->task) > 0);
}

static void
dd_task_editor_dispose (GObject *object)
{
  DdTaskEditor *self = DD_TASK_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_TASK_EDITOR);

  g_clear_object (&self->task);
  g_clear_object (&self->store);
  g_clear_pointer (&self->read_only_reason, g_free);

  G_OBJECT_CLASS (dd_task_editor_parent_class)->dispose (object);
}

static void
dd_task_editor_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DdTaskEditor *self = DD_TASK_EDITOR (object);

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
dd_task_editor_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DdTaskEditor *self = DD_TASK_EDITOR (object);

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
dd_task_editor_class_init (DdTaskEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dd_task_editor_constructed;
  object_class->dispose = dd_task_editor_dispose;
  object_class->get_property = dd_task_editor_get_property;
  object_class->set_property = dd_task_editor_set_property;
  GTK_WINDOW_CLASS (klass)->close_request = dd_task_editor_close_request;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DD_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * DdTaskEditor:task:
   *
   * The task as read from the store; the editor saves an edited copy.
   */
  properties [PROP_TASK] =
    g_param_spec_object ("task", NULL, NULL,
                         DD_TYPE_TASK,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DdTaskEditor::saved:
   * @task_id: the id of the saved task
   *
   * Emitted after the task was written to the store, before the editor
   * closes.
   */
  signals [SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-task-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, read_only_bar);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, save_spinner);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, grid);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, number_entry);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, title_view);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, lead_entry);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, person_entry);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, coordinators_entry);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, deadline_entry);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, deadline_hint);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, product_entry);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, directing_entry);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, progress_spin);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, completed_entry);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, completed_hint);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, calendar_popover);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, completed_calendar);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, done_check);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, actual_product_entry);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, note_view);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_completed_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_done_check_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_completed_calendar_day_selected_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "editor.history", NULL, history_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
}

static void
dd_task_editor_init (DdTaskEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->title_view), "changed",
                           G_CALLBACK (on_field_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Public API */

/**
 * dd_task_editor_new:
 * @parent: (nullable): the window the editor is modal to
 * @store: the store to save to
 * @task: the task to edit
 *
 * Returns: (transfer none): a new editor, owned by GTK like every toplevel
 *   window; it destroys itself when saved or cancelled
 */
DdTaskEditor *
dd_task_editor_new (GtkWindow *parent,
                    DdStore   *store,
                    DdTask    *task)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DD_IS_STORE (store), NULL);
  g_return_val_if_fail (DD_IS_TASK (task), NULL);

  return g_object_new (DD_TYPE_TASK_EDITOR,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       "store", store,
                       "task", task,
                       NULL);
}

DdTask *
dd_task_editor_get_task (DdTaskEditor *self)
{
  g_return_val_if_fail (DD_IS_TASK_EDITOR (self), NULL);

  return self->task;
}

DdStore *
dd_task_editor_get_store (DdTaskEditor *self)
{
  g_return_val_if_fail (DD_IS_TASK_EDITOR (self), NULL);

  return self->store;
}
