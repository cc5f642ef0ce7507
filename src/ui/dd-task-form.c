/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-task-form"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dd-task-editor-private.h"

/*
 * The fields of the task editor (its "General" and "Progress" pages): the
 * lists they choose from (plans, units), filling them from the task, and
 * reading them back into a copy to save. What they say as the user types
 * is in dd-task-form-checks.c.
 */

/* Auxiliary methods */

static void
unit_free (gpointer data)
{
  DdTaskFormUnit *unit = data;

  g_free (unit->name);
  g_free (unit->key);
  g_free (unit);
}

static char *
dup_text_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_text_view_text (GtkTextView *view,
                    const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
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

static void
set_date_entry (GtkEntry    *entry,
                const GDate *date)
{
  g_autofree char *text = NULL;

  if (date != NULL && dd_date_is_set (date))
    text = dd_format_date (date);
  _dd_task_form_set_entry_text (entry, text);
}

/* The date in @entry, or today when it holds none. */
static void
get_date_or_today (GtkEntry *entry,
                   GDate    *out)
{
  g_autofree char *text = _dd_task_form_dup_entry_text (entry);

  g_date_clear (out, 1);
  if (text == NULL || !dd_date_parse_any (text, out))
    dd_date_set_today (out);
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
set_completion (GtkEntry     *entry,
                GtkListStore *names)
{
  g_autoptr(GtkEntryCompletion) completion = gtk_entry_completion_new ();

  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (names));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  gtk_entry_completion_set_match_func (completion, match_unit_cb, NULL, NULL);
  gtk_entry_set_completion (entry, completion);
}

/* The kinds of documents that assign tasks, offered as one types. */
static void
setup_source_kind_completion (DdTaskEditor *self)
{
  static const char * const kinds[] = {
    /* Translators: kinds of official documents that assign tasks, offered
     * in the task editor (Vietnamese: Thông báo kết luận, Công văn,
     * Quyết định, Kế hoạch, Chỉ thị, Biên bản cuộc họp). */
    NC_("document kind", "Conclusion notice"),
    NC_("document kind", "Official letter"),
    NC_("document kind", "Decision"),
    NC_("document kind", "Plan"),
    NC_("document kind", "Directive"),
    NC_("document kind", "Meeting minutes"),
  };
  g_autoptr(GtkListStore) names = gtk_list_store_new (1, G_TYPE_STRING);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_list_store_insert_with_values (names, NULL, -1, 0, g_dpgettext2 (NULL, "document kind", kinds[i]), -1);
  set_completion (self->source_kind_entry, names);
}

static void
load_units (DdTaskEditor *self)
{
  g_autoptr(GtkListStore) names = gtk_list_store_new (1, G_TYPE_STRING);
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_set_size (self->units, 0);
  units = dd_store_list_units (self->store, 0, &error);
  if (units == NULL)
    {
      g_debug ("No unit names to complete: %s", error->message);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);
      DdTaskFormUnit *item = g_new0 (DdTaskFormUnit, 1);

      item->id = dd_unit_get_id (unit);
      item->name = g_strdup (dd_unit_get_name (unit));
      item->key = dd_text_unit_match_key (item->name);
      item->is_group = dd_unit_get_is_group (unit);
      g_ptr_array_add (self->units, item);

      if (!item->is_group)
        gtk_list_store_insert_with_values (names, NULL, -1, 0, item->name, -1);
    }

  set_completion (self->lead_entry, names);
}

/* The plan of the drop-down's entry that stands for the built-in plan of
 * assignments outside any plan before the file has it: it is made when
 * the task is saved (dd_store_get_adhoc_plan_id()). */
#define ADHOC_PLAN_TO_MAKE ((gint64) -1)

static void
load_plans (DdTaskEditor *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GListModel) plans = NULL;
  g_autoptr(GError) error = NULL;
  gint64 plan_id = dd_task_get_plan_id (self->task);
  guint selected = GTK_INVALID_LIST_POSITION;
  gboolean has_adhoc = FALSE;

  g_array_set_size (self->plan_ids, 0);
  plans = dd_store_list_plans (self->store, &error);
  if (plans == NULL)
    g_debug ("No plans to choose from: %s", error->message);

  for (guint i = 0; plans != NULL && i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(DdPlan) plan = g_list_model_get_item (plans, i);
      g_autofree char *name = dd_plan_dup_display_name (plan);
      gint64 id = dd_plan_get_id (plan);

      /* The built-in plan has no number (dd_plan_dup_display_name()). */
      has_adhoc |= dd_text_is_blank (dd_plan_get_number (plan));
      gtk_string_list_append (names, name != NULL ? name : dd_plan_get_number (plan));
      g_array_append_val (self->plan_ids, id);
      if (id == plan_id)
        selected = i;
    }

  if (!has_adhoc)
    {
      gint64 id = ADHOC_PLAN_TO_MAKE;

      gtk_string_list_append (names, _("Assignments outside any plan"));
      g_array_append_val (self->plan_ids, id);
    }

  /* A new task from the list of all plans: the first plan, to begin with. */
  if (selected == GTK_INVALID_LIST_POSITION && self->is_new && self->plan_ids->len > 0)
    selected = 0;

  self->updating++;
  gtk_drop_down_set_model (self->plan_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->plan_dropdown, selected);
  self->updating--;
}

/* The plan chosen, the built-in one made if need be; 0 with @error. */
static gint64
resolve_plan_id (DdTaskEditor  *self,
                 GError       **error)
{
  gint64 plan_id = _dd_task_form_get_plan_id (self);

  if (plan_id == ADHOC_PLAN_TO_MAKE)
    return dd_store_get_adhoc_plan_id (self->store, error);
  if (plan_id <= 0)
    g_set_error_literal (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID, _("Choose the plan of the task."));
  return plan_id;
}

/* The source document as typed, or %NULL when none is. (transfer full) */
static DdSourceDocument *
dup_source (DdTaskEditor *self)
{
  g_autofree char *kind = _dd_task_form_dup_entry_text (self->source_kind_entry);
  g_autofree char *number = _dd_task_form_dup_entry_text (self->source_number_entry);
  g_autofree char *date_text = _dd_task_form_dup_entry_text (self->source_date_entry);
  g_autofree char *issuer = _dd_task_form_dup_entry_text (self->source_issuer_entry);
  GDate date;

  g_date_clear (&date, 1);
  if (date_text != NULL)
    dd_date_parse_any (date_text, &date);
  if (kind == NULL && number == NULL && date_text == NULL && issuer == NULL)
    return NULL;

  return dd_source_document_new (kind, number, dd_date_is_set (&date) ? &date : NULL, issuer);
}

static void
load_source (DdTaskEditor *self)
{
  const DdSourceDocument *source = dd_task_get_source (self->task);

  _dd_task_form_set_entry_text (self->source_kind_entry, source != NULL ? source->kind : NULL);
  _dd_task_form_set_entry_text (self->source_number_entry, source != NULL ? source->number : NULL);
  set_date_entry (self->source_date_entry, source != NULL ? &source->date : NULL);
  _dd_task_form_set_entry_text (self->source_issuer_entry, source != NULL ? source->issuer : NULL);
}

static void
set_read_only (GtkWidget *widget,
               gboolean   read_only)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      /* A date's picker: nothing to pick on a task that is read. */
      if (GTK_IS_MENU_BUTTON (child))
        {
          gtk_widget_set_sensitive (child, !read_only);
          gtk_widget_set_visible (child, !read_only);
        }
      else if (GTK_IS_SPIN_BUTTON (child) || GTK_IS_CHECK_BUTTON (child))
        gtk_widget_set_sensitive (child, !read_only);
      else if (GTK_IS_EDITABLE (child))
        gtk_editable_set_editable (GTK_EDITABLE (child), !read_only);
      else if (GTK_IS_TEXT_VIEW (child))
        gtk_text_view_set_editable (GTK_TEXT_VIEW (child), !read_only);
      else if (!GTK_IS_DROP_DOWN (child))
        set_read_only (child, read_only);
    }
}

/* Callbacks */

static void
on_completed_entry_changed_cb (DdTaskEditor *self)
{
  GDate date;

  if (self->updating > 0)
    return;

  /* A completion date means done, and done means 100%. Clearing it
   * reopens the task: asked when saving (dd-task-editor.c). */
  self->updating++;
  if (_dd_task_form_check_completed (self, &date))
    {
      gtk_check_button_set_active (self->done_check, dd_date_is_set (&date));
      if (dd_date_is_set (&date))
        gtk_spin_button_set_value (self->progress_spin, 100);
    }
  self->updating--;

  _dd_task_editor_validate (self);
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

      if (!_dd_task_form_check_completed (self, &date) || !dd_date_is_set (&date))
        {
          g_autofree char *today = NULL;

          dd_date_set_today (&date);
          today = dd_format_date (&date);
          _dd_task_form_set_entry_text (self->completed_entry, today);
        }
      gtk_spin_button_set_value (self->progress_spin, 100);
    }
  else if (dd_date_is_set (dd_task_get_completed_on (self->task)) && !self->reopen_confirmed)
    {
      /* Reopening a done task is asked first: the box stays ticked until
       * the user agrees (then it is cleared again, and this runs on). */
      gtk_check_button_set_active (self->done_check, TRUE);
      self->updating--;
      _dd_task_editor_ask_reopen (self);
      return;
    }
  else
    {
      _dd_task_form_set_entry_text (self->completed_entry, NULL);
    }
  self->updating--;

  _dd_task_editor_validate (self);
}

static void
on_calendar_popover_show_cb (DdTaskEditor *self)
{
  g_autoptr(GDateTime) date_time = NULL;
  GDate date;

  get_date_or_today (self->completed_entry, &date);
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
  GDate date;

  if (self->updating > 0)
    return;

  date_time = gtk_calendar_get_date (self->completed_calendar);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date,
                  g_date_time_get_day_of_month (date_time),
                  g_date_time_get_month (date_time),
                  g_date_time_get_year (date_time));
  set_date_entry (self->completed_entry, &date);
  gtk_popover_popdown (self->calendar_popover);
}

static void
on_due_popover_show_cb (DdTaskEditor *self)
{
  g_autofree char *text = _dd_task_form_dup_entry_text (self->deadline_entry);
  DdDeadline deadline;
  GDate date;

  dd_date_set_today (&date);
  if (dd_deadline_parse (text, &deadline, NULL) && dd_date_is_set (&deadline.due))
    date = deadline.due;
  dd_date_popover_set_date (self->due_popover, &date);
}

/* A date picked sets the time frame to that date, written as a plan
 * writes it, so that the deadline reader reads it back the same. */
static void
on_due_popover_day_selected_cb (DdTaskEditor *self)
{
  g_autofree char *date_text = NULL;
  g_autofree char *text = NULL;
  GDate date;

  dd_date_popover_get_date (self->due_popover, &date);
  date_text = dd_format_date (&date);
  /* Not translated: "Trước" (before) is the word of the plans that the
   * deadline reader knows, in every language of the interface. */
  text = g_strdup_printf ("Trước %s", date_text);
  _dd_task_form_set_entry_text (self->deadline_entry, text);
  gtk_popover_popdown (GTK_POPOVER (self->due_popover));
}

static void
on_source_date_popover_show_cb (DdTaskEditor *self)
{
  GDate date;

  get_date_or_today (self->source_date_entry, &date);
  dd_date_popover_set_date (self->source_date_popover, &date);
}

static void
on_source_date_popover_day_selected_cb (DdTaskEditor *self)
{
  GDate date;

  dd_date_popover_get_date (self->source_date_popover, &date);
  set_date_entry (self->source_date_entry, &date);
  gtk_popover_popdown (GTK_POPOVER (self->source_date_popover));
}

/* Private API */

void
_dd_task_form_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (DD_TYPE_DATE_POPOVER);
  g_type_ensure (DD_TYPE_PROGRESS_TIMELINE);

  gtk_widget_class_bind_template_callback (widget_class, on_completed_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_done_check_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_completed_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_due_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_due_popover_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_source_date_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_source_date_popover_day_selected_cb);
}

void
_dd_task_form_init (DdTaskEditor *self)
{
  self->units = g_ptr_array_new_with_free_func (unit_free);
  self->plan_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  setup_source_kind_completion (self);
}

void
_dd_task_form_load_lists (DdTaskEditor *self)
{
  if (self->store == NULL || self->task == NULL)
    return;

  load_units (self);
  load_plans (self);
}

void
_dd_task_form_load (DdTaskEditor *self)
{
  g_autofree char *coordinators = NULL;
  DdTask *task = self->task;

  if (task == NULL)
    return;

  self->updating++;

  _dd_task_form_set_entry_text (self->number_entry, dd_task_get_number (task));
  set_text_view_text (self->title_view, dd_task_get_title (task));
  _dd_task_form_set_entry_text (self->lead_entry, dd_task_get_lead (task));
  _dd_task_form_set_entry_text (self->person_entry, dd_task_get_person (task));
  coordinators = dd_task_dup_coordinators_text (task);
  _dd_task_form_set_entry_text (self->coordinators_entry, coordinators);
  _dd_task_form_set_entry_text (self->deadline_entry, dd_task_get_deadline_text (task));
  _dd_task_form_set_entry_text (self->product_entry, dd_task_get_product (task));
  _dd_task_form_set_entry_text (self->directing_entry, dd_task_get_directing (task));
  gtk_spin_button_set_value (self->progress_spin, dd_task_get_progress (task));
  set_date_entry (self->completed_entry, dd_task_get_completed_on (task));
  gtk_check_button_set_active (self->done_check, dd_date_is_set (dd_task_get_completed_on (task)));
  _dd_task_form_set_entry_text (self->actual_product_entry, dd_task_get_actual_product (task));
  set_text_view_text (self->note_view, dd_task_get_note (task));
  load_source (self);

  self->updating--;
}

char *
_dd_task_form_dup_snapshot (DdTaskEditor *self)
{
  GtkEntry *entries[] = {
    self->number_entry, self->lead_entry, self->person_entry, self->coordinators_entry,
    self->deadline_entry, self->product_entry, self->directing_entry, self->source_kind_entry,
    self->source_number_entry, self->source_date_entry, self->source_issuer_entry,
    self->completed_entry, self->actual_product_entry,
  };
  g_autofree char *title = dup_text_view_text (self->title_view);
  g_autofree char *note = dup_text_view_text (self->note_view);
  GString *snapshot = g_string_new (NULL);

  /* Text as typed (not trimmed): what the user would lose. */
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_string_append_printf (snapshot, "%s\x1f", gtk_editable_get_text (GTK_EDITABLE (entries[i])));
  g_string_append_printf (snapshot, "%s\x1f%s\x1f%d\x1f%d\x1f%u",
                          title, note,
                          gtk_spin_button_get_value_as_int (self->progress_spin),
                          gtk_check_button_get_active (self->done_check),
                          gtk_drop_down_get_selected (self->plan_dropdown));

  return g_string_free (snapshot, FALSE);
}

DdTask *
_dd_task_form_dup_task (DdTaskEditor  *self,
                        GError       **error)
{
  g_autoptr(DdTask) copy = NULL;
  g_autofree char *number = _dd_task_form_dup_entry_text (self->number_entry);
  g_autofree char *title = dup_text_view_text (self->title_view);
  g_autofree char *lead = _dd_task_form_dup_entry_text (self->lead_entry);
  g_autofree char *coordinators_text = _dd_task_form_dup_entry_text (self->coordinators_entry);
  g_autofree char *deadline = _dd_task_form_dup_entry_text (self->deadline_entry);
  g_autofree char *product = _dd_task_form_dup_entry_text (self->product_entry);
  g_autofree char *directing = _dd_task_form_dup_entry_text (self->directing_entry);
  g_autofree char *actual_product = _dd_task_form_dup_entry_text (self->actual_product_entry);
  g_autofree char *note = dup_text_view_text (self->note_view);
  g_auto(GStrv) coordinators = split_names (coordinators_text);
  g_autoptr(DdSourceDocument) source = dup_source (self);
  GDate completed_on;
  gint64 plan_id;

  if (!_dd_task_form_check_completed (self, &completed_on))
    {
      g_set_error_literal (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                           gtk_label_get_text (self->completed_hint));
      return NULL;
    }

  g_strstrip (title);
  g_strstrip (note);

  plan_id = resolve_plan_id (self, error);
  if (plan_id <= 0)
    return NULL;

  copy = self->is_new ? dd_task_new (plan_id) : dd_task_copy (self->task);
  dd_task_set_plan_id (copy, plan_id);
  dd_task_set_number (copy, number);
  dd_task_set_title (copy, title);
  dd_task_set_lead (copy, lead);
  dd_task_set_coordinators (copy, (const char * const *) coordinators);
  /* The time frame as typed sets the due date only when it was changed: an
   * extended task keeps its text ("Trước 30/4/2026") and its later due date,
   * which reading the text again would undo. */
  if ((self->is_new || g_strcmp0 (deadline, dd_task_get_deadline_text (self->task) != NULL
                                            ? dd_task_get_deadline_text (self->task) : "") != 0)
      && !dd_task_set_deadline_text (copy, deadline, error))
    return NULL;
  dd_task_set_product (copy, product);
  dd_task_set_directing (copy, directing);
  dd_task_set_progress (copy, (guint) gtk_spin_button_get_value_as_int (self->progress_spin));
  dd_task_set_completed_on (copy, dd_date_is_set (&completed_on) ? &completed_on : NULL);
  dd_task_set_actual_product (copy, actual_product);
  dd_task_set_note (copy, *note != '\0' ? note : NULL);
  dd_task_set_source (copy, source);

  return g_steal_pointer (&copy);
}

char *
_dd_task_form_dup_changed_person (DdTaskEditor *self)
{
  g_autofree char *person = _dd_task_form_dup_entry_text (self->person_entry);
  const char *was = dd_task_get_person (self->task);

  if (g_strcmp0 (person != NULL ? person : "", was != NULL ? was : "") == 0)
    return NULL;
  return person != NULL ? g_steal_pointer (&person) : g_strdup ("");
}

gint64
_dd_task_form_get_plan_id (DdTaskEditor *self)
{
  guint selected = gtk_drop_down_get_selected (self->plan_dropdown);

  if (selected >= self->plan_ids->len)
    return 0;
  return g_array_index (self->plan_ids, gint64, selected);
}

const DdTaskFormUnit *
_dd_task_form_find_unit (DdTaskEditor *self,
                         const char   *name)
{
  g_autofree char *key = NULL;

  if (name == NULL || self->units == NULL)
    return NULL;

  key = dd_text_unit_match_key (name);
  for (guint i = 0; i < self->units->len; i++)
    {
      const DdTaskFormUnit *unit = g_ptr_array_index (self->units, i);

      if (g_strcmp0 (unit->key, key) == 0)
        return unit;
    }

  return NULL;
}

char *
_dd_task_form_dup_entry_text (GtkEntry *entry)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));

  g_strstrip (text);
  if (*text == '\0')
    return NULL;

  return g_steal_pointer (&text);
}

void
_dd_task_form_set_entry_text (GtkEntry   *entry,
                              const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
}

void
_dd_task_form_set_read_only (DdTaskEditor *self,
                             gboolean      read_only)
{
  set_read_only (GTK_WIDGET (self->grid), read_only);
  set_read_only (GTK_WIDGET (self->progress_grid), read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->plan_dropdown), !read_only);
}
