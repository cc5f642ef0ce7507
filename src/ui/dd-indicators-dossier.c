/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-indicators-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dd-indicators-page.h"
#include "dd-indicators-page-private.h"
#include "dd-access.h"

/*
 * The dossier figures form of DdIndicatorsPage (hồ sơ TTHC): a unit's
 * figures for a quarter or a month of the shown year. See
 * dd-indicators-page.c for the page.
 */

static const DdScorePeriod *
current_dossier_period (DdIndicatorsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->dossier_period_dropdown);

  if (self->dossier_periods == NULL || selected >= self->dossier_periods->len)
    return NULL;
  return &g_array_index (self->dossier_periods, DdScorePeriod, selected);
}

static gint64
current_dossier_unit (DdIndicatorsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->dossier_unit_dropdown);

  if (self->dossier_unit_ids == NULL || selected >= self->dossier_unit_ids->len)
    return 0;
  return g_array_index (self->dossier_unit_ids, gint64, selected);
}

static void
read_dossier_spins (DdIndicatorsPage *self,
                    DdDossierFigures *out)
{
  out->received = (guint) gtk_spin_button_get_value_as_int (self->received_spin);
  out->on_time = (guint) gtk_spin_button_get_value_as_int (self->on_time_spin);
  out->late = (guint) gtk_spin_button_get_value_as_int (self->late_spin);
  out->pending = (guint) gtk_spin_button_get_value_as_int (self->pending_spin);
  out->apologies = (guint) gtk_spin_button_get_value_as_int (self->apologies_spin);
}

/* The gap the plan asks to close: a late dossier without an apology. */
static void
update_apology_gap (DdIndicatorsPage *self)
{
  DdDossierFigures figures;
  g_autofree char *text = NULL;

  read_dossier_spins (self, &figures);
  gtk_widget_remove_css_class (GTK_WIDGET (self->apology_gap_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->apology_gap_label), "success");
  if (figures.late == 0)
    text = g_strdup (_("No dossier was resolved late."));
  else if (figures.apologies >= figures.late)
    {
      text = g_strdup_printf (ngettext ("An apology letter was sent for the %u late dossier.",
                                        "Apology letters were sent for all %u late dossiers.",
                                        figures.late), figures.late);
      gtk_widget_add_css_class (GTK_WIDGET (self->apology_gap_label), "success");
    }
  else
    {
      guint gap = figures.late - figures.apologies;

      /* Translators: the plan asks for an apology for every late dossier. */
      text = g_strdup_printf (ngettext ("%u late dossier has no apology letter (%u late, %u letters).",
                                        "%u late dossiers have no apology letter (%u late, %u letters).",
                                        gap), gap, figures.late, figures.apologies);
      gtk_widget_add_css_class (GTK_WIDGET (self->apology_gap_label), "error");
    }
  gtk_label_set_text (self->apology_gap_label, text);
}

static gboolean
same_figures (const DdDossierFigures *a,
              const DdDossierFigures *b)
{
  return a->received == b->received && a->on_time == b->on_time && a->late == b->late &&
         a->pending == b->pending && a->apologies == b->apologies;
}

static void
add_figures (DdDossierFigures       *sum,
             const DdDossierFigures *figures)
{
  sum->received += figures->received;
  sum->on_time += figures->on_time;
  sum->late += figures->late;
  sum->pending += figures->pending;
  sum->apologies += figures->apologies;
}

/* Whether the figures of @period come from other periods: the months of a
 * quarter, or the quarter a month lies in. Sets @out_reason. */
static gboolean
dossier_period_is_derived (DdIndicatorsPage     *self,
                           gint64                unit_id,
                           const DdScorePeriod  *period,
                           const char          **out_reason)
{
  DdScorePeriod quarter;
  DdDossierFigures months = { 0, }, whole = { 0, };
  gboolean any_month = FALSE, found = FALSE;
  int first_month;

  if (period->kind == DD_OCCURRENCE_QUARTER)
    quarter = *period;
  else
    dd_score_period_init (&quarter, DD_OCCURRENCE_QUARTER, period->year, (period->index + 2) / 3);

  first_month = (quarter.index - 1) * 3 + 1;
  for (int m = first_month; m < first_month + 3; m++)
    {
      DdScorePeriod month;
      DdDossierFigures figures;

      dd_score_period_init (&month, DD_OCCURRENCE_MONTH, quarter.year, m);
      if (dd_figures_get_dossier_figures (self->figures, unit_id, &month, &figures, &found, NULL) && found)
        {
          any_month = TRUE;
          add_figures (&months, &figures);
        }
    }
  if (!dd_figures_get_dossier_figures (self->figures, unit_id, &quarter, &whole, &found, NULL) || !found)
    return FALSE;

  if (period->kind == DD_OCCURRENCE_QUARTER && any_month)
    {
      *out_reason = _("These are the sums of the quarter's months: edit the months.");
      return TRUE;
    }
  if (period->kind == DD_OCCURRENCE_MONTH && !same_figures (&whole, &months))
    {
      *out_reason = _("The figures of this quarter were recorded for the whole quarter: edit the quarter.");
      return TRUE;
    }
  return FALSE;
}

/* Whether the form holds figures typed, and not saved, for the unit,
 * period and year it shows (whatever the drop-downs now say). */
static gboolean
form_is_unsaved (DdIndicatorsPage *self)
{
  DdDossierFigures figures;

  if (self->store == NULL || !gtk_widget_get_sensitive (GTK_WIDGET (self->dossier_save_button)))
    return FALSE;
  gtk_spin_button_update (self->received_spin);  /* what is typed in it */
  gtk_spin_button_update (self->on_time_spin);
  gtk_spin_button_update (self->late_spin);
  gtk_spin_button_update (self->pending_spin);
  gtk_spin_button_update (self->apologies_spin);
  read_dossier_spins (self, &figures);
  return !same_figures (&figures, &self->dossier_loaded);
}

/* Whether the unit, period and year chosen are those of the figures shown. */
static gboolean
shows_chosen (DdIndicatorsPage *self)
{
  return current_dossier_unit (self) == self->dossier_shown_unit
         && gtk_drop_down_get_selected (self->dossier_period_dropdown) == self->dossier_shown_period
         && _dd_indicators_page_current_year (self) == self->dossier_shown_year;
}

static guint
unit_position (DdIndicatorsPage *self,
               gint64            unit_id)
{
  for (guint i = 0; i < self->dossier_unit_ids->len; i++)
    if (g_array_index (self->dossier_unit_ids, gint64, i) == unit_id)
      return i;
  return 0;
}

static void
fill_dossier (DdIndicatorsPage *self)
{
  const DdScorePeriod *period = current_dossier_period (self);
  g_autoptr(GError) error = NULL;
  DdDossierFigures figures = { 0, };
  const char *reason = NULL;
  gboolean found = FALSE;
  gint64 unit_id = current_dossier_unit (self);
  guint period_position = gtk_drop_down_get_selected (self->dossier_period_dropdown);

  /* Read again (the file changed) on the same unit and period: what is
   * typed and not saved stays typed. */
  if (unit_id == self->dossier_shown_unit && period_position == self->dossier_shown_period
      && _dd_indicators_page_current_year (self) == self->dossier_shown_year && form_is_unsaved (self))
    {
      _dd_indicators_dossier_apply_access (self);
      return;
    }
  self->dossier_shown_unit = unit_id;
  self->dossier_shown_period = period_position;
  self->dossier_shown_year = _dd_indicators_page_current_year (self);

  self->dossier_filling = TRUE;
  self->dossier_locked = FALSE;
  self->dossier_locked_reason = NULL;
  gtk_label_set_text (self->dossier_message_label, "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->dossier_message_label), "error");
  if (self->store != NULL && period != NULL)
    {
      if (!dd_figures_get_dossier_figures (self->figures, unit_id, period, &figures, &found, &error))
        gtk_label_set_text (self->dossier_message_label, error->message);
      self->dossier_locked = dossier_period_is_derived (self, unit_id, period, &reason);
      self->dossier_locked_reason = reason;
    }
  gtk_spin_button_set_value (self->received_spin, figures.received);
  gtk_spin_button_set_value (self->on_time_spin, figures.on_time);
  gtk_spin_button_set_value (self->late_spin, figures.late);
  gtk_spin_button_set_value (self->pending_spin, figures.pending);
  gtk_spin_button_set_value (self->apologies_spin, figures.apologies);
  gtk_editable_set_text (GTK_EDITABLE (self->dossier_source_entry), "");
  read_dossier_spins (self, &self->dossier_loaded);
  self->dossier_filling = FALSE;
  _dd_indicators_dossier_apply_access (self);
  update_apology_gap (self);
}

/* The form is for whoever may record the chosen unit's figures, on a
 * period that is not the sum (or part) of others; the label says why not. */
void
_dd_indicators_dossier_apply_access (DdIndicatorsPage *self)
{
  const DdScorePeriod *period = current_dossier_period (self);
  g_autofree char *reason = NULL;
  gboolean writable;

  if (self->store != NULL)
    dd_store_can_for_unit (self->store, DD_ACTION_RECORD_FIGURES, current_dossier_unit (self), &reason);
  writable = self->store != NULL && period != NULL && reason == NULL && !self->dossier_locked;
  dd_access_set_sensitive (GTK_WIDGET (self->received_spin), writable);
  dd_access_set_sensitive (GTK_WIDGET (self->on_time_spin), writable);
  dd_access_set_sensitive (GTK_WIDGET (self->late_spin), writable);
  dd_access_set_sensitive (GTK_WIDGET (self->pending_spin), writable);
  dd_access_set_sensitive (GTK_WIDGET (self->apologies_spin), writable);
  dd_access_set_sensitive (GTK_WIDGET (self->dossier_source_entry), writable);
  dd_access_set_sensitive (GTK_WIDGET (self->dossier_save_button), writable);
  dd_access_set_tooltip (GTK_WIDGET (self->dossier_save_button), reason);

  /* A message of the last save (or a read error) stays until the form is
   * filled again. */
  if (gtk_widget_has_css_class (GTK_WIDGET (self->dossier_message_label), "error"))
    return;
  if (reason != NULL && self->store != NULL && period != NULL)
    gtk_label_set_text (self->dossier_message_label, reason);
  else if (self->dossier_locked_reason != NULL)
    gtk_label_set_text (self->dossier_message_label, self->dossier_locked_reason);
  else if (self->dossier_access_shown)
    gtk_label_set_text (self->dossier_message_label, "");
  self->dossier_access_shown = reason != NULL;
}

/* Whether the unit drop-down's model lists @names, whose ids were @old_ids. */
static gboolean
same_units (DdIndicatorsPage *self,
            GArray           *old_ids,
            GtkStringList    *names)
{
  GListModel *model = gtk_drop_down_get_model (self->dossier_unit_dropdown);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (names));

  if (!GTK_IS_STRING_LIST (model) || g_list_model_get_n_items (model) != n || old_ids->len != n
      || memcmp (old_ids->data, self->dossier_unit_ids->data, n * sizeof (gint64)) != 0)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), gtk_string_list_get_string (names, i)) != 0)
      return FALSE;
  return TRUE;
}

/* The units (the Service Center first chosen) and the quarters and months
 * of the shown year. */
void
_dd_indicators_dossier_populate (DdIndicatorsPage *self)
{
  g_autoptr(GtkStringList) unit_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) period_names = gtk_string_list_new (NULL);
  g_autoptr(GArray) old_ids = NULL;
  GListModel *units = NULL;
  gint64 unit_id = current_dossier_unit (self);
  /* No unit listed yet (0 is also "the whole office", which a reload keeps). */
  gboolean first = self->dossier_unit_ids->len <= 1;
  guint period_selected = gtk_drop_down_get_selected (self->dossier_period_dropdown);
  guint unit_selected = 0;
  int year = _dd_indicators_page_current_year (self);
  gint64 own = 0;

  self->dossier_filling = TRUE;
  /* A unit editor records its own unit's dossiers: shown first. */
  if (self->store != NULL && dd_store_get_role (self->store) == DD_ROLE_UNIT_EDITOR)
    own = dd_store_get_role_unit_id (self->store);

  old_ids = g_array_copy (self->dossier_unit_ids);
  g_array_set_size (self->dossier_unit_ids, 0);
  gtk_string_list_append (unit_names, _("The whole office"));
  g_array_append_val (self->dossier_unit_ids, (gint64) { 0 });
  if (self->store != NULL)
    units = _dd_indicators_page_get_units (self, NULL);
  for (guint i = 0; units != NULL && i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);
      gint64 id = dd_unit_get_id (unit);
      g_autofree char *folded = NULL;

      if (dd_unit_get_is_group (unit))
        continue;
      gtk_string_list_append (unit_names, dd_unit_get_name (unit));
      g_array_append_val (self->dossier_unit_ids, id);
      folded = dd_text_fold_for_search (dd_unit_get_name (unit));
      if ((!first && id == unit_id) || (first && own > 0 && id == own)
          || (first && own == 0 && unit_selected == 0 && strstr (folded, "phuc vu hanh chinh cong") != NULL))
        unit_selected = self->dossier_unit_ids->len - 1;
    }

  g_array_set_size (self->dossier_periods, 0);
  for (int q = 1; q <= 4; q++)
    {
      DdScorePeriod period;
      g_autofree char *label = NULL;

      dd_score_period_init (&period, DD_OCCURRENCE_QUARTER, year, q);
      label = dd_score_period_dup_label (&period);
      gtk_string_list_append (period_names, label);
      g_array_append_val (self->dossier_periods, period);
      for (int m = (q - 1) * 3 + 1; m <= q * 3; m++)
        {
          g_autofree char *month_label = NULL;
          g_autofree char *indented = NULL;

          dd_score_period_init (&period, DD_OCCURRENCE_MONTH, year, m);
          month_label = dd_score_period_dup_label (&period);
          indented = g_strdup_printf ("    %s", month_label);
          gtk_string_list_append (period_names, indented);
          g_array_append_val (self->dossier_periods, period);
        }
    }

  /* A drop-down of 300 units makes a row widget for each of the first 200
   * at once: a new model only when the units changed. */
  if (!same_units (self, old_ids, unit_names))
    gtk_drop_down_set_model (self->dossier_unit_dropdown, G_LIST_MODEL (unit_names));
  gtk_drop_down_set_selected (self->dossier_unit_dropdown, unit_selected);
  gtk_drop_down_set_model (self->dossier_period_dropdown, G_LIST_MODEL (period_names));
  if (period_selected == GTK_INVALID_LIST_POSITION || period_selected >= self->dossier_periods->len)
    {
      GDate today;
      DdScorePeriod now;

      /* The current quarter when the year is this one. */
      dd_date_set_today (&today);
      dd_score_period_for_date (&now, DD_OCCURRENCE_QUARTER, &today);
      period_selected = now.year == year ? (guint) (now.index - 1) * 4 : 0;
    }
  gtk_drop_down_set_selected (self->dossier_period_dropdown, period_selected);
  self->dossier_filling = FALSE;
  fill_dossier (self);
}

/* After "Save" (saved) or "Discard": the unit, period or year chosen
 * while the question was asked. */
static void
switch_to_wanted (DdIndicatorsPage *self)
{
  self->dossier_switching = TRUE;
  if (self->dossier_want_year != _dd_indicators_page_current_year (self))
    {
      /* The grid and the form follow the year (its handler). */
      gtk_spin_button_set_value (self->year_spin, self->dossier_want_year);
    }
  else
    {
      self->dossier_filling = TRUE;
      gtk_drop_down_set_selected (self->dossier_unit_dropdown, self->dossier_want_unit);
      gtk_drop_down_set_selected (self->dossier_period_dropdown, self->dossier_want_period);
      self->dossier_filling = FALSE;
      fill_dossier (self);
    }
  self->dossier_switching = FALSE;
}

static void
on_question_response_cb (GtkDialog        *dialog,
                         int               response,
                         DdIndicatorsPage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_weak_pointer (&self->dossier_question);
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response != GTK_RESPONSE_ACCEPT && response != GTK_RESPONSE_REJECT)
    return;
  /* Figures that do not add up are not saved: the form stays, and says why. */
  if (response == GTK_RESPONSE_ACCEPT && !dd_indicators_page_save_dossier (self, &error))
    {
      gtk_label_set_text (self->dossier_message_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->dossier_message_label), "error");
      return;
    }
  switch_to_wanted (self);
}

static void
ask_save (DdIndicatorsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GListModel *units = gtk_drop_down_get_model (self->dossier_unit_dropdown);
  const DdScorePeriod *period;
  g_autofree char *label = NULL;
  g_autofree char *secondary = NULL;
  GtkWidget *dialog;
  GtkWidget *button;

  period = self->dossier_shown_period < self->dossier_periods->len
           ? &g_array_index (self->dossier_periods, DdScorePeriod, self->dossier_shown_period) : NULL;
  label = period != NULL ? dd_score_period_dup_label (period) : g_strdup ("");
  /* Translators: asked before the dossier form shows another unit, period
   * or year; the first %s is a period (“Quý IV/2026”), the second a unit. */
  secondary = g_strdup_printf (_("The dossier figures typed for %s of %s have not been saved."), label,
                               gtk_string_list_get_string (GTK_STRING_LIST (units),
                                                           unit_position (self, self->dossier_shown_unit)));
  dialog = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   "%s", _("Save the typed dossier figures?"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Discard"), GTK_RESPONSE_REJECT);
  gtk_widget_add_css_class (button, "destructive-action");
  button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Save"), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_question_response_cb), self, 0);
  /* Weak: the question goes with the window (destroy-with-parent). */
  g_set_weak_pointer (&self->dossier_question, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * _dd_indicators_dossier_ask_before_leaving:
 *
 * Before the form shows another unit, period or year (already chosen):
 * when it holds figures typed and not saved, the choice is put back and
 * the user asked to save them, discard them or stay ("Lưu / Bỏ / Hủy").
 *
 * Returns: %TRUE when asked (the caller shows nothing else)
 */
gboolean
_dd_indicators_dossier_ask_before_leaving (DdIndicatorsPage *self)
{
  /* The drop-down put back tells it later, when it shows what it did. */
  if (self->dossier_switching || shows_chosen (self) || !form_is_unsaved (self))
    return FALSE;

  self->dossier_want_unit = gtk_drop_down_get_selected (self->dossier_unit_dropdown);
  self->dossier_want_period = gtk_drop_down_get_selected (self->dossier_period_dropdown);
  self->dossier_want_year = _dd_indicators_page_current_year (self);

  self->dossier_filling = TRUE;
  gtk_drop_down_set_selected (self->dossier_unit_dropdown, unit_position (self, self->dossier_shown_unit));
  gtk_drop_down_set_selected (self->dossier_period_dropdown, self->dossier_shown_period);
  self->dossier_filling = FALSE;
  self->filling = TRUE;
  gtk_spin_button_set_value (self->year_spin, self->dossier_shown_year);
  self->filling = FALSE;

  if (self->dossier_question != NULL)
    gtk_window_present (GTK_WINDOW (self->dossier_question));
  else
    ask_save (self);
  return TRUE;
}

static void
on_dossier_selection_changed_cb (DdIndicatorsPage *self)
{
  if (self->dossier_filling || _dd_indicators_dossier_ask_before_leaving (self))
    return;
  fill_dossier (self);
}

static void
on_dossier_value_changed_cb (DdIndicatorsPage *self)
{
  if (!self->dossier_filling)
    update_apology_gap (self);
}

static void
on_dossier_save_clicked_cb (DdIndicatorsPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!dd_indicators_page_save_dossier (self, &error))
    {
      gtk_label_set_text (self->dossier_message_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->dossier_message_label), "error");
    }
}

void
_dd_indicators_dossier_dispose (DdIndicatorsPage *self)
{
  GtkWidget *question = self->dossier_question;

  g_clear_weak_pointer (&self->dossier_question);
  if (question != NULL)
    gtk_window_destroy (GTK_WINDOW (question));
}

void
_dd_indicators_dossier_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_dossier_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_dossier_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_dossier_save_clicked_cb);
}

/* Public API */

/**
 * dd_indicators_page_save_dossier:
 *
 * What "Save Dossier Figures" does: records the figures of the form for
 * the chosen unit and period, once they add up.
 */
gboolean
dd_indicators_page_save_dossier (DdIndicatorsPage  *self,
                                 GError           **error)
{
  const DdScorePeriod *period;
  DdDossierFigures figures;
  const char *source;

  g_return_val_if_fail (DD_IS_INDICATORS_PAGE (self), FALSE);

  period = current_dossier_period (self);
  if (self->store == NULL || period == NULL || self->dossier_locked)
    return TRUE;
  read_dossier_spins (self, &figures);
  source = gtk_editable_get_text (GTK_EDITABLE (self->dossier_source_entry));
  if (!dd_figures_set_dossier_figures (self->figures, current_dossier_unit (self), period, &figures,
                                       source, error))
    return FALSE;
  {
    g_autofree char *label = dd_score_period_dup_label (period);
    g_autofree char *text = NULL;

    /* Translators: after saving the dossier figures of a period. */
    text = g_strdup_printf (_("Dossier figures of %s saved."), label);
    self->dossier_loaded = figures;
    gtk_label_set_text (self->dossier_message_label, text);
    gtk_widget_remove_css_class (GTK_WIDGET (self->dossier_message_label), "error");
  }
  return TRUE;
}

/**
 * dd_indicators_page_dup_unsaved_dossier:
 * @self: the page
 *
 * Whether the dossier form holds figures typed and not saved.
 *
 * Returns: (transfer full) (nullable): the form's period ("Quý IV/2026"),
 *   or %NULL when nothing typed is unsaved
 */
char *
dd_indicators_page_dup_unsaved_dossier (DdIndicatorsPage *self)
{
  const DdScorePeriod *period;

  g_return_val_if_fail (DD_IS_INDICATORS_PAGE (self), NULL);

  period = current_dossier_period (self);
  if (period == NULL || !form_is_unsaved (self))
    return NULL;
  return dd_score_period_dup_label (period);
}
