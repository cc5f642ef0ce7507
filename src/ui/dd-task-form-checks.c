/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-task-form-checks"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-task-editor-private.h"

/*
 * What the task editor's fields say as the user types, before anything is
 * saved: the time frame as the deadline reader understood it (the same
 * reader as the importer's), the completion date, a lead unit that is new
 * or also a coordinator, the source document, and the "6 rõ" check with
 * what is still missing. A check that fails with an error blocks saving;
 * a warning does not.
 */

static const DdSixClear six_clear_flags[DD_N_SIX_CLEAR] = {
  DD_SIX_CLEAR_PERSON,
  DD_SIX_CLEAR_WORK,
  DD_SIX_CLEAR_AUTHORITY,
  DD_SIX_CLEAR_RESPONSIBILITY,
  DD_SIX_CLEAR_TIME,
  DD_SIX_CLEAR_RESULT,
};

/* Auxiliary methods */

static void
set_entry_error (GtkEntry *entry,
                 gboolean  is_error)
{
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

static char **
split_names (GtkEntry *entry)
{
  g_autofree char *text = _dd_task_form_dup_entry_text (entry);
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ";", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

/* Reads the "Thời gian" field into @deadline and says what it means.
 * Returns FALSE for an impossible date, which blocks saving. */
static gboolean
check_deadline (DdTaskEditor *self,
                DdDeadline   *deadline)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = _dd_task_form_dup_entry_text (self->deadline_entry);
  g_autofree char *hint = NULL;

  if (!dd_deadline_parse (text, deadline, &error))
    {
      /* Translators: the time frame typed, then why it cannot be read. */
      hint = g_strdup_printf (_("“%s”: %s"), text, error->message);
      _dd_task_form_set_hint (self->deadline_hint, hint, TRUE, FALSE);
      set_entry_error (self->deadline_entry, TRUE);
      deadline->kind = DD_DEADLINE_NONE;
      deadline->understood = FALSE;
      g_date_clear (&deadline->due, 1);
      return FALSE;
    }

  set_entry_error (self->deadline_entry, FALSE);

  if (text == NULL)
    {
      _dd_task_form_set_hint (self->deadline_hint,
                              _("No time frame: the task will be flagged as having no deadline."),
                              FALSE, TRUE);
    }
  else if (!deadline->understood)
    {
      /* Translators: %s is the time frame typed, which the deadline reader could not read. */
      hint = g_strdup_printf (_("“%s” is not understood. It will be kept as written, and the task flagged as having no deadline."),
                              text);
      _dd_task_form_set_hint (self->deadline_hint, hint, FALSE, TRUE);
    }
  else if (deadline->kind == DD_DEADLINE_DATE && dd_date_is_set (&deadline->due))
    {
      g_autofree char *date = dd_format_date (&deadline->due);

      /* Translators: what the time frame was read as: "“Trước 30/4/2026” → hạn 30/04/2026". */
      hint = g_strdup_printf (_("“%s” → due %s"), text, date);
      _dd_task_form_set_hint (self->deadline_hint, hint, FALSE, FALSE);
    }
  else
    {
      /* Translators: what the time frame was read as: "“Hằng quý” → Định kỳ". */
      hint = g_strdup_printf (_("“%s” → %s"), text, dd_deadline_kind_get_label (deadline->kind));
      _dd_task_form_set_hint (self->deadline_hint, hint, FALSE, deadline->kind == DD_DEADLINE_NONE);
    }

  return TRUE;
}

/* The lead unit: a new unit or a group is said (saving asks about a new
 * one); the lead among the coordinators is an error. */
static gboolean
check_lead (DdTaskEditor       *self,
            const char * const *coordinators,
            gboolean           *out_lead_is_group)
{
  g_autofree char *lead = _dd_task_form_dup_entry_text (self->lead_entry);
  g_autofree char *new_lead = _dd_task_form_dup_new_lead (self);
  const DdTaskFormUnit *unit = _dd_task_form_find_unit (self, lead);
  g_autofree char *lead_key = NULL;
  g_autofree char *message = NULL;
  gboolean coordinates = FALSE;

  *out_lead_is_group = unit != NULL ? unit->is_group
                                    : lead != NULL && !self->is_new
                                      && g_strcmp0 (lead, dd_task_get_lead (self->task)) == 0
                                      && dd_task_get_lead_is_group (self->task);

  if (new_lead != NULL)
    /* Translators: %s is a lead unit typed that the file does not have yet. */
    message = g_strdup_printf (_("“%s” is not one of the units yet: saving the task adds it."), new_lead);
  else if (*out_lead_is_group)
    message = g_strdup (_("This is a group of units: name the one unit that leads the task."));
  _dd_task_form_set_hint (self->lead_hint, message, FALSE, message != NULL);
  g_clear_pointer (&message, g_free);

  lead_key = lead != NULL ? dd_text_unit_match_key (lead) : NULL;
  for (guint i = 0; lead_key != NULL && coordinators[i] != NULL; i++)
    {
      g_autofree char *key = dd_text_unit_match_key (coordinators[i]);

      if (g_strcmp0 (key, lead_key) == 0)
        coordinates = TRUE;
    }

  if (coordinates)
    /* Translators: %s is the lead unit, also typed among the coordinating units. */
    message = g_strdup_printf (_("“%s” leads the task: it cannot also be one of its coordinating units."), lead);
  _dd_task_form_set_hint (self->coordinators_hint, message, TRUE, FALSE);
  set_entry_error (self->coordinators_entry, coordinates);

  return !coordinates;
}

/* The source document: a date that is a date, a kind or a number to name
 * it by; shown as it will read ("Thông báo kết luận số 125/TB-UBND ngày
 * 02/12/2026 của UBND tỉnh"). */
static gboolean
check_source (DdTaskEditor *self)
{
  g_autofree char *kind = _dd_task_form_dup_entry_text (self->source_kind_entry);
  g_autofree char *number = _dd_task_form_dup_entry_text (self->source_number_entry);
  g_autofree char *date_text = _dd_task_form_dup_entry_text (self->source_date_entry);
  g_autofree char *issuer = _dd_task_form_dup_entry_text (self->source_issuer_entry);
  g_autoptr(DdSourceDocument) source = NULL;
  g_autofree char *message = NULL;
  GDate date;

  g_date_clear (&date, 1);
  set_entry_error (self->source_date_entry, FALSE);
  if (date_text != NULL && !dd_date_parse_any (date_text, &date))
    {
      /* Translators: %s is what the user typed as the source document's date. */
      message = g_strdup_printf (_("“%s” is not a date. Write it as dd/mm/yyyy."), date_text);
      _dd_task_form_set_hint (self->source_hint, message, TRUE, FALSE);
      set_entry_error (self->source_date_entry, TRUE);
      return FALSE;
    }

  if (kind == NULL && number == NULL)
    {
      gboolean partial = date_text != NULL || issuer != NULL;

      _dd_task_form_set_hint (self->source_hint,
                              partial ? _("Give the document's kind or number.") : NULL,
                              partial, FALSE);
      return !partial;
    }

  source = dd_source_document_new (kind, number, dd_date_is_set (&date) ? &date : NULL, issuer);
  message = dd_source_document_format (source);
  _dd_task_form_set_hint (self->source_hint, message, FALSE, FALSE);
  return TRUE;
}

static void
show_six_clear (DdTaskEditor *self,
                guint         missing,
                GPtrArray    *messages)
{
  g_autofree char *summary = NULL;
  guint next_message = 0;
  GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->six_clear_list));

  if (missing == 0)
    summary = g_strdup (_("The task is clear in all six ways."));
  else
    {
      g_autofree char *labels = dd_six_clear_dup_summary (missing);

      /* Translators: %s lists the ways the task is not clear yet ("rõ thời gian, rõ kết quả"). */
      summary = g_strdup_printf (_("Still missing: %s."), labels);
    }
  gtk_label_set_text (self->six_clear_summary, summary);

  /* One row per way, in the order of the check, which gives one message
   * per way missing. */
  for (guint i = 0; i < DD_N_SIX_CLEAR && row != NULL; i++, row = gtk_widget_get_next_sibling (row))
    {
      gboolean clear = (missing & six_clear_flags[i]) == 0;
      const char *message = NULL;
      g_autofree char *markup = NULL;

      if (!clear && next_message < messages->len)
        message = g_ptr_array_index (messages, next_message++);

      if (clear)
        markup = g_markup_printf_escaped ("✓ %s", dd_six_clear_get_label (six_clear_flags[i]));
      else
        markup = g_markup_printf_escaped ("✗ <b>%s</b>\n%s", dd_six_clear_get_label (six_clear_flags[i]),
                                          message != NULL ? message : "");
      gtk_label_set_markup (GTK_LABEL (row), markup);
      if (clear)
        {
          gtk_widget_add_css_class (row, "dim-label");
          gtk_widget_remove_css_class (row, "warning");
        }
      else
        {
          gtk_widget_remove_css_class (row, "dim-label");
          gtk_widget_add_css_class (row, "warning");
        }
    }
}

static void
check_six_clear (DdTaskEditor       *self,
                 const DdDeadline   *deadline,
                 const char * const *coordinators,
                 gboolean            lead_is_group)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = NULL;
  g_autofree char *lead = _dd_task_form_dup_entry_text (self->lead_entry);
  g_autofree char *person = _dd_task_form_dup_entry_text (self->person_entry);
  g_autofree char *product = _dd_task_form_dup_entry_text (self->product_entry);
  g_autofree char *directing = _dd_task_form_dup_entry_text (self->directing_entry);
  DdSixClearInput input = { 0 };
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->title_view);
  GtkTextIter start, end;
  guint missing;

  /* The rows, once. */
  if (gtk_widget_get_first_child (GTK_WIDGET (self->six_clear_list)) == NULL)
    for (guint i = 0; i < DD_N_SIX_CLEAR; i++)
      {
        GtkWidget *row = gtk_label_new (NULL);

        gtk_label_set_xalign (GTK_LABEL (row), 0);
        gtk_label_set_wrap (GTK_LABEL (row), TRUE);
        gtk_widget_add_css_class (row, "field-hint");
        gtk_box_append (self->six_clear_list, row);
      }

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  title = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  input.title = title;
  input.lead = lead;
  input.lead_is_group = lead_is_group;
  input.person = person;
  input.coordinators = coordinators;
  input.kind = deadline->kind;
  input.has_due = dd_date_is_set (&deadline->due);
  input.deadline_understood = deadline->understood;
  input.product = product;
  input.directing = directing;
  missing = dd_six_clear_check (&input, messages);

  show_six_clear (self, missing, messages);
}

/* Private API */

void
_dd_task_form_set_hint (GtkLabel   *hint,
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

gboolean
_dd_task_form_check_completed (DdTaskEditor *self,
                               GDate        *out)
{
  g_autofree char *text = _dd_task_form_dup_entry_text (self->completed_entry);
  GDate date;

  g_date_clear (&date, 1);
  if (out != NULL)
    g_date_clear (out, 1);

  if (text != NULL && !dd_date_parse_any (text, &date))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is what the user typed as a completion date. */
      message = g_strdup_printf (_("“%s” is not a date. Write it as dd/mm/yyyy."), text);
      _dd_task_form_set_hint (self->completed_hint, message, TRUE, FALSE);
      set_entry_error (self->completed_entry, TRUE);
      return FALSE;
    }

  _dd_task_form_set_hint (self->completed_hint, NULL, FALSE, FALSE);
  set_entry_error (self->completed_entry, FALSE);
  if (out != NULL)
    *out = date;

  return TRUE;
}

char *
_dd_task_form_dup_new_lead (DdTaskEditor *self)
{
  g_autofree char *lead = _dd_task_form_dup_entry_text (self->lead_entry);
  g_autofree char *key = NULL;
  g_autofree char *was_key = NULL;

  if (lead == NULL || _dd_task_form_find_unit (self, lead) != NULL)
    return NULL;

  /* The lead the task has is a unit of the file, whatever the list says. */
  key = dd_text_unit_match_key (lead);
  if (!self->is_new && dd_task_get_lead (self->task) != NULL)
    was_key = dd_text_unit_match_key (dd_task_get_lead (self->task));
  if (g_strcmp0 (key, was_key) == 0)
    return NULL;

  return g_steal_pointer (&lead);
}

gboolean
_dd_task_form_check (DdTaskEditor *self)
{
  g_auto(GStrv) coordinators = split_names (self->coordinators_entry);
  g_autofree char *title = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->title_view);
  GtkTextIter start, end;
  DdDeadline deadline = { 0 };
  gboolean lead_is_group = FALSE;
  gboolean valid = TRUE;

  g_date_clear (&deadline.due, 1);
  valid &= check_deadline (self, &deadline);
  valid &= _dd_task_form_check_completed (self, NULL);
  valid &= check_lead (self, (const char * const *) coordinators, &lead_is_group);
  valid &= check_source (self);
  check_six_clear (self, &deadline, (const char * const *) coordinators, lead_is_group);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  title = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (dd_text_is_blank (title))
    valid = FALSE;
  /* No plan chosen (the built-in plan yet to be made is one: -1). */
  if (_dd_task_form_get_plan_id (self) == 0)
    valid = FALSE;

  return valid;
}
