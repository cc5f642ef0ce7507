/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-task-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-access.h"
#include "dd-conflict-dialog.h"
#include "dd-history-window.h"
#include "dd-task-editor-private.h"

/*
 * DdTaskEditor: a modal window in which every field of one task can be
 * changed, or a new task entered (dd_task_editor_new_task()). It edits a
 * copy (dd_task_copy()) and saves it with dd_store_save_task_async(); the
 * store refuses the save when someone else changed the task meanwhile, and
 * the user's edit then stays open.
 *
 * The save runs on the store's writing worker: when another desktop holds
 * the write lock, the store waits and retries for up to ~10 s, and the
 * window must not freeze meanwhile. A spinner shows, the form is
 * insensitive, and the outcome is handled back on the main thread.
 *
 * Whoever may not change the task (a viewer, a unit editor and another
 * unit's task, a read-only file, an unacknowledged lock warning: see
 * dd_store_can()) gets the editor read-only, with the reason on top.
 *
 * Nothing typed is lost without asking: closing a changed form asks
 * first, and so do saving a lead unit the file does not have and
 * reopening a done task. The fields live in dd-task-form.c and
 * dd-task-form-checks.c; the "Periodic Reports" and "Extensions" pages are
 * boxes the window fills (reports_box, extensions_box).
 */

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

static gboolean save (DdTaskEditor *self);

/* Auxiliary methods */

static void
show_error (DdTaskEditor *self,
            const char   *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static gboolean
is_changed (DdTaskEditor *self)
{
  g_autofree char *snapshot = NULL;

  if (self->snapshot == NULL || self->read_only_reason != NULL)
    return FALSE;

  snapshot = _dd_task_form_dup_snapshot (self);
  return g_strcmp0 (snapshot, self->snapshot) != 0;
}

/* Questions */

typedef void (*AnswerFunc) (DdTaskEditor *self);

static void
on_question_response_cb (GtkDialog    *dialog,
                         int           response,
                         DdTaskEditor *self)
{
  AnswerFunc on_yes = (AnswerFunc) g_object_get_data (G_OBJECT (dialog), "dd-on-yes");

  if (self->question == GTK_WIDGET (dialog))
    self->question = NULL;
  /* The dialog lives until its "response" is over, and the answer may
   * destroy the editor: it must not look back at it then. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));

  if (response == GTK_RESPONSE_ACCEPT)
    on_yes (self);
}

/* Asks @primary; @on_yes runs when the user answers @yes_label. */
static void
ask (DdTaskEditor *self,
     const char   *primary,
     const char   *secondary,
     const char   *no_label,
     const char   *yes_label,
     gboolean      destructive,
     AnswerFunc    on_yes)
{
  GtkWidget *dialog;
  GtkWidget *button;

  if (self->question != NULL)
    gtk_window_destroy (GTK_WINDOW (self->question));

  dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s", primary);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  gtk_dialog_add_button (GTK_DIALOG (dialog), no_label, GTK_RESPONSE_CANCEL);
  button = gtk_dialog_add_button (GTK_DIALOG (dialog), yes_label, GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (button, destructive ? "destructive-action" : "suggested-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_object_set_data (G_OBJECT (dialog), "dd-on-yes", (gpointer) on_yes);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_question_response_cb), self, 0);

  self->question = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
discard (DdTaskEditor *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Closes the editor, asking first when the form was changed. */
static void
request_close (DdTaskEditor *self)
{
  if (!is_changed (self))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  ask (self,
       _("Discard the changes?"),
       self->is_new ? _("The new task has not been saved. Closing the editor loses what was typed.")
                    : _("The changes to this task have not been saved. Closing the editor loses them."),
       _("_Keep Editing"), _("_Discard"), TRUE, discard);
}

static void
confirm_new_unit (DdTaskEditor *self)
{
  g_autofree char *lead = _dd_task_form_dup_new_lead (self);

  g_free (self->new_unit_confirmed);
  self->new_unit_confirmed = lead != NULL ? dd_text_unit_match_key (lead) : NULL;
  save (self);
}

static void
ask_new_unit (DdTaskEditor *self,
              const char   *lead)
{
  g_autofree char *primary = NULL;

  /* Translators: asked before saving a task whose lead unit is not in the file; %s is its name. */
  primary = g_strdup_printf (_("Create a new unit “%s”?"), lead);
  ask (self, primary,
       _("No unit of the file has this name. Saving the task adds it to the units. "
         "If the unit is there under another name, choose that name instead."),
       _("_Cancel"), _("C_reate Unit"), FALSE, confirm_new_unit);
}

static void
reopen (DdTaskEditor *self)
{
  self->reopen_confirmed = TRUE;
  /* Clears the completion date (on_done_check_toggled_cb()). */
  gtk_check_button_set_active (self->done_check, FALSE);
}

static void
reopen_and_save (DdTaskEditor *self)
{
  reopen (self);
  save (self);
}

static void
ask_reopen (DdTaskEditor *self,
            AnswerFunc    on_yes)
{
  g_autofree char *date = dd_format_date (dd_task_get_completed_on (self->task));
  g_autofree char *secondary = NULL;

  /* Translators: asked before a done task is reopened; %s is the date it was completed. */
  secondary = g_strdup_printf (_("The task was completed on %s. Reopening it clears its completion date; "
                                 "the task's history keeps the change."), date);
  ask (self, _("Reopen the task?"), secondary, _("_Cancel"), _("_Reopen"), FALSE, on_yes);
}

static gboolean
reopens (DdTaskEditor *self)
{
  return !self->is_new
         && dd_date_is_set (dd_task_get_completed_on (self->task))
         && !gtk_check_button_get_active (self->done_check);
}

/* Access */

static void
update_title (DdTaskEditor *self)
{
  g_autofree char *title = NULL;
  g_autofree char *number = NULL;

  if (self->is_new)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New Task"));
      return;
    }

  number = dd_format_task_number (dd_task_get_number (self->task));
  if (dd_task_editor_get_viewing (self))
    /* Translators: the title of a task shown read-only; %s is its number ("3"). */
    title = g_strdup_printf (_("View Task %s"), number != NULL ? number : "");
  else
    /* Translators: the editor's title; %s is the task's number ("3"). */
    title = g_strdup_printf (_("Edit Task %s"), number != NULL ? number : "");
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static gboolean
can_change (DdTaskEditor  *self,
            char         **reason)
{
  /* A new task: a unit editor adds those its unit leads (its lead is
   * filled in and kept: fill_own_unit()). */
  if (self->is_new)
    return dd_store_can (self->store, DD_ACTION_ADD_TASK, NULL, reason);
  return dd_store_can (self->store, DD_ACTION_EDIT_TASK, self->task, reason);
}

/* The task's progress updates, newest first. */
static void
load_timeline (DdTaskEditor *self)
{
  g_autoptr(GPtrArray) updates = NULL;
  g_autoptr(GError) error = NULL;

  if (self->is_new || self->store == NULL)
    {
      dd_progress_timeline_set_updates (self->timeline, NULL);
      return;
    }

  updates = dd_store_list_progress (self->store, dd_task_get_id (self->task), &error);
  if (updates == NULL)
    g_debug ("Could not read the progress updates: %s", error->message);
  dd_progress_timeline_set_updates (self->timeline, updates);
}

/* The reports' and extensions' pages: they write the task themselves
 * (one transaction each) and say so with "changed". */
static void
load_followup (DdTaskEditor *self)
{
  DdTask *task = self->is_new ? NULL : self->task;

  dd_task_periods_set_task (self->periods, self->store, task);
  dd_task_extensions_set_task (self->extensions, self->store, task);
}

/* A report recorded or a deadline extended from the editor's pages: the
 * task's revision and due date changed in the file. The editor takes the
 * task as it is now, so that its own save neither conflicts with that write
 * nor undoes it; what the user typed and did not save stays typed. */
static void
on_followup_changed_cb (DdTaskEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = NULL;
  gboolean changed = is_changed (self);

  task = dd_store_get_task (self->store, dd_task_get_id (self->task), dd_task_get_as_of (self->task), &error);
  if (task == NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_set_object (&self->task, task);
  if (!changed)
    {
      self->updating++;
      _dd_task_form_load (self);
      self->updating--;
      g_free (self->snapshot);
      self->snapshot = _dd_task_form_dup_snapshot (self);
    }
  load_timeline (self);
  load_followup (self);
  _dd_task_editor_update_status (self);
  _dd_task_editor_validate (self);
  g_signal_emit (self, signals[SAVED], 0, dd_task_get_id (self->task));
}

/* A unit editor adds tasks for the unit it edits: its lead, to begin with. */
static void
fill_own_unit (DdTaskEditor *self)
{
  gint64 unit_id = dd_store_get_role_unit_id (self->store);

  if (!self->is_new || unit_id <= 0 || gtk_editable_get_text (GTK_EDITABLE (self->lead_entry))[0] != '\0')
    return;

  for (guint i = 0; i < self->units->len; i++)
    {
      const DdTaskFormUnit *unit = g_ptr_array_index (self->units, i);

      if (unit->id == unit_id)
        _dd_task_form_set_entry_text (self->lead_entry, unit->name);
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
    can_change (self, &self->read_only_reason);

  _dd_task_form_set_read_only (self, self->read_only_reason != NULL || self->viewing);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->lead_entry), NULL);
  if (self->read_only_reason != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: on top of a read-only task editor; %s says why. */
      text = g_strdup_printf (self->is_new ? _("You cannot add a task. %s")
                                           : _("You can read this task but not change it. %s"),
                              self->read_only_reason);
      gtk_label_set_text (self->read_only_label, text);
    }
  else if (self->store != NULL && self->task != NULL
           && !dd_store_can (self->store, DD_ACTION_CHANGE_TASK_LEAD, self->task, NULL))
    {
      /* The store refuses to move a task to another unit for a unit editor. */
      fill_own_unit (self);
      gtk_editable_set_editable (GTK_EDITABLE (self->lead_entry), FALSE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->lead_entry),
                                   self->is_new ? _("A unit editor adds tasks that its own unit leads.")
                                                : _("Only an administrator can give the task to another unit."));
    }
  gtk_info_bar_set_revealed (self->read_only_bar, self->read_only_reason != NULL);
  _dd_task_editor_apply_viewing (self);
  update_title (self);
}

static void
on_access_changed (DdTaskEditor *self)
{
  update_access (self);
  _dd_task_editor_validate (self);
}

/* Saving */

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
  g_auto(GStrv) fields = NULL;
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
  fields = dd_conflict_dialog_dup_fields (dialog);
  if (fields[0] == NULL)
    {
      g_autoptr(DdTask) merged = dd_conflict_dialog_dup_merged (dialog);

      gtk_window_destroy (GTK_WINDOW (dialog));
      save_async (self, theirs, merged);
      return;
    }

  g_signal_connect_object (dialog, "resolved", G_CALLBACK (on_conflict_resolved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
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
  gtk_widget_set_sensitive (GTK_WIDGET (self->progress_grid), !saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.cancel", !saving);
  _dd_task_editor_validate (self);
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
  g_autofree char *person = _dd_task_form_dup_changed_person (self);
  SaveData *data = g_new0 (SaveData, 1);

  data->self = g_object_ref (self);
  data->base = g_object_ref (base);
  data->copy = g_object_ref (copy);
  set_saving (self, TRUE);
  dd_store_save_task_async (self->store, copy, person, NULL, on_save_done_cb, data);
}

/* Starts saving the form, after the questions it needs; FALSE when it
 * cannot be saved as it is (or a question was asked). */
static gboolean
save (DdTaskEditor *self)
{
  g_autoptr(DdTask) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *new_lead = NULL;
  g_autofree char *new_key = NULL;

  if (!_dd_task_editor_validate (self))
    {
      show_error (self, _("Some fields need correcting before the task can be saved."));
      return FALSE;
    }

  new_lead = _dd_task_form_dup_new_lead (self);
  new_key = new_lead != NULL ? dd_text_unit_match_key (new_lead) : NULL;
  if (new_lead != NULL && g_strcmp0 (new_key, self->new_unit_confirmed) != 0)
    {
      ask_new_unit (self, new_lead);
      return FALSE;
    }

  /* The completion date cleared by hand: reopening is asked here. */
  if (reopens (self) && !self->reopen_confirmed)
    {
      ask_reopen (self, reopen_and_save);
      return FALSE;
    }

  copy = _dd_task_form_dup_task (self, &error);
  if (copy == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }

  save_async (self, self->task, copy);
  return TRUE;
}

/* Callbacks */

static void
on_field_changed_cb (DdTaskEditor *self)
{
  if (self->updating == 0)
    _dd_task_editor_validate (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DdTaskEditor *self = DD_TASK_EDITOR (widget);

  /* The editor closes when the save is done (on_save_done_cb()). */
  if (!self->saving && self->read_only_reason == NULL && !self->viewing)
    save (self);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  dd_task_editor_set_viewing (DD_TASK_EDITOR (widget), FALSE);
  _dd_task_editor_validate (DD_TASK_EDITOR (widget));
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
  DdTaskEditor *self = DD_TASK_EDITOR (widget);

  if (!self->saving)
    request_close (self);
}

/* While a save is under way the editor stays: it shows the outcome. A
 * changed form asks first. */
static gboolean
dd_task_editor_close_request (GtkWindow *window)
{
  DdTaskEditor *self = DD_TASK_EDITOR (window);

  if (self->saving)
    return TRUE;
  if (is_changed (self))
    {
      request_close (self);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (dd_task_editor_parent_class)->close_request (window);
}

/* GObject overrides */

static void
dd_task_editor_constructed (GObject *object)
{
  DdTaskEditor *self = DD_TASK_EDITOR (object);

  G_OBJECT_CLASS (dd_task_editor_parent_class)->constructed (object);

  self->is_new = self->task != NULL && dd_task_get_id (self->task) <= 0;
  _dd_task_form_load_lists (self);
  _dd_task_form_load (self);
  load_timeline (self);
  self->periods = DD_TASK_PERIODS (dd_task_periods_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->periods), TRUE);
  gtk_box_append (self->reports_box, GTK_WIDGET (self->periods));
  self->extensions = DD_TASK_EXTENSIONS (dd_task_extensions_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->extensions), TRUE);
  gtk_box_append (self->extensions_box, GTK_WIDGET (self->extensions));
  g_signal_connect_object (self->periods, "changed", G_CALLBACK (on_followup_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->extensions, "changed", G_CALLBACK (on_followup_changed_cb), self,
                           G_CONNECT_SWAPPED);
  load_followup (self);
  _dd_task_editor_update_status (self);
  update_access (self);
  _dd_task_editor_validate (self);
  self->snapshot = _dd_task_form_dup_snapshot (self);
  if (self->store != NULL)
    dd_access_connect (self->store, G_CALLBACK (on_access_changed), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.history", !self->is_new && self->task != NULL);
}

static void
dd_task_editor_dispose (GObject *object)
{
  DdTaskEditor *self = DD_TASK_EDITOR (object);

  if (self->question != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->question)));

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_TASK_EDITOR);

  g_clear_object (&self->task);
  g_clear_object (&self->store);
  g_clear_pointer (&self->read_only_reason, g_free);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_pointer (&self->plan_ids, g_array_unref);
  g_clear_pointer (&self->snapshot, g_free);
  g_clear_pointer (&self->new_unit_confirmed, g_free);

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
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-task-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, read_only_bar);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, save_spinner);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, edit_button);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, notebook);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, grid);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, progress_grid);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, progress_page);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, timeline);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, reports_box);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, extensions_box);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, plan_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, number_entry);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, title_view);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, lead_entry);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, lead_hint);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, person_entry);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, coordinators_entry);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, coordinators_hint);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, deadline_entry);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, deadline_hint);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, due_popover);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, product_entry);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, directing_entry);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, source_kind_entry);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, source_number_entry);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, source_date_entry);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, source_date_popover);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, source_issuer_entry);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, source_hint);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, progress_spin);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, completed_entry);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, completed_hint);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, calendar_popover);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, completed_calendar);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, done_check);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, actual_product_entry);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, note_view);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, six_clear_summary);
  gtk_widget_class_bind_template_child (widget_class, DdTaskEditor, six_clear_list);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
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
   * The task as read from the store, or a new task (dd_task_new(), id 0);
   * the editor saves an edited copy.
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
   * @task_id: the id of the saved task (the new one's, for a new task)
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

  bind_template (widget_class);
  _dd_task_form_class_init (widget_class);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "editor.history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "editor.edit", NULL, edit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
}

static void
dd_task_editor_init (DdTaskEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _dd_task_form_init (self);

  g_signal_connect_object (gtk_text_view_get_buffer (self->title_view), "changed",
                           G_CALLBACK (on_field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->note_view), "changed",
                           G_CALLBACK (on_field_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Private API */

gboolean
_dd_task_editor_validate (DdTaskEditor *self)
{
  gboolean valid = _dd_task_form_check (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 valid && self->store != NULL && self->task != NULL
                                 && self->read_only_reason == NULL && !self->viewing && !self->saving);

  return valid;
}

void
_dd_task_editor_update_access (DdTaskEditor *self)
{
  update_access (self);
}

void
_dd_task_editor_ask_reopen (DdTaskEditor *self)
{
  ask_reopen (self, reopen);
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

/**
 * dd_task_editor_new_task:
 * @parent: (nullable): the window the editor is modal to
 * @store: the store to save to
 * @plan_id: the plan chosen at first (the user may choose another), or 0
 *
 * An editor of a new task ("New Task"): saving adds it to the plan chosen,
 * and "saved" gives its id.
 *
 * Returns: (transfer none): a new editor, as dd_task_editor_new()
 */
DdTaskEditor *
dd_task_editor_new_task (GtkWindow *parent,
                         DdStore   *store,
                         gint64     plan_id)
{
  g_autoptr(DdTask) task = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DD_IS_STORE (store), NULL);

  task = dd_task_new (plan_id);
  return dd_task_editor_new (parent, store, task);
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

/**
 * dd_task_editor_show_period:
 *
 * Turns to the reports' page with the row of one period selected (the
 * calendar opens a report or an update there).
 */
void
dd_task_editor_show_period (DdTaskEditor     *self,
                            DdOccurrenceKind  kind,
                            int               year,
                            int               index)
{
  g_return_if_fail (DD_IS_TASK_EDITOR (self));

  dd_task_periods_select_period (self->periods, kind, year, index);
}
