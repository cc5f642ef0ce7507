/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-scoring-dialog"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "dd-scoring-dialog.h"
#include "dd-access.h"

/*
 * DdScoringDialog: the rules of the unit scores (dd-scoring.h), for an
 * administrator: the four weights, the share a late product keeps, the
 * coordinators' share, the thresholds of the levels and the trend's
 * length, one field each, named as the core names them. Save checks the
 * whole (dd_score_weights_validate(): the weights add up to 100, the
 * thresholds in order) and writes it in one transaction; the store's
 * "changed" makes the Units page score again at once.
 */

struct _DdScoringDialog
{
  GtkWindow parent_instance;

  DdStore *store;
  DdScoring *scoring;           /* of the store */
  GHashTable *spins;            /* key → GtkSpinButton (borrowed) */

  /* Template children */
  GtkLabel *access_label;
  GtkGrid *grid;
  GtkLabel *sum_label;
  GtkLabel *error_label;
  GtkButton *reset_button;
  GtkButton *save_button;
};

G_DEFINE_FINAL_TYPE (DdScoringDialog, dd_scoring_dialog, GTK_TYPE_WINDOW)

/* Auxiliary methods */

static void
show_error (DdScoringDialog *self,
            const char      *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
read_fields (DdScoringDialog *self,
             DdScoreWeights  *out)
{
  const char * const *keys = dd_score_weights_list_keys ();

  dd_score_weights_init_defaults (out);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      GtkSpinButton *spin = g_hash_table_lookup (self->spins, keys[i]);

      /* A whole number of periods; the field cannot hold another. */
      dd_score_weights_set_value (out, keys[i], gtk_spin_button_get_value (spin), NULL);
    }
}

static void
write_fields (DdScoringDialog      *self,
              const DdScoreWeights *weights)
{
  const char * const *keys = dd_score_weights_list_keys ();

  for (guint i = 0; keys[i] != NULL; i++)
    {
      double value = 0;

      dd_score_weights_get_value (weights, keys[i], &value);
      gtk_spin_button_set_value (g_hash_table_lookup (self->spins, keys[i]), value);
    }
}

static void
update_sum (DdScoringDialog *self)
{
  DdScoreWeights weights;
  g_autofree char *sum_text = NULL;
  g_autofree char *text = NULL;
  double sum;

  read_fields (self, &weights);
  sum = weights.weight_tasks + weights.weight_reports + weights.weight_indicators + weights.weight_six_clear;
  sum_text = dd_format_number (sum, fabs (sum - round (sum)) > 0.001 ? 1 : 0);
  /* Translators: under the weights of the score: "Tổng trọng số: 100/100 điểm". */
  text = g_strdup_printf (_("Sum of the weights: %s of 100 points"), sum_text);
  gtk_label_set_text (self->sum_label, text);
  if (fabs (sum - 100.0) > 0.001)
    gtk_widget_add_css_class (GTK_WIDGET (self->sum_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->sum_label), "error");
}

/* One row per setting, in the core's order, with the bounds it checks. */
static void
build_fields (DdScoringDialog *self)
{
  const char * const *keys = dd_score_weights_list_keys ();

  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *key = keys[i];
      gboolean factor = g_str_equal (key, "score.late_factor") || g_str_equal (key, "score.coordinator_share");
      gboolean periods = g_str_equal (key, "score.trend_periods");
      GtkWidget *label = gtk_label_new (dd_score_weights_get_label (key));
      GtkWidget *spin;

      if (factor)
        spin = gtk_spin_button_new_with_range (0, 1, 0.05);
      else if (periods)
        spin = gtk_spin_button_new_with_range (1, 12, 1);
      else
        spin = gtk_spin_button_new_with_range (0, 100, 1);
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), factor ? 2 : periods ? 0 : 1);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
      gtk_widget_set_tooltip_text (spin, key);
      gtk_widget_set_name (spin, key);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), spin);
      g_signal_connect_object (spin, "value-changed", G_CALLBACK (update_sum), self, G_CONNECT_SWAPPED);
      gtk_grid_attach (self->grid, label, 0, (int) i, 1, 1);
      gtk_grid_attach (self->grid, spin, 1, (int) i, 1, 1);
      g_hash_table_insert (self->spins, (gpointer) key, spin);
    }
}

/* The rules are settings: an administrator's, on a file that can be
 * written now. Anyone else sees them, and why they cannot change them.
 * Called again on DdStore::access-changed. */
static void
update_access (DdScoringDialog *self)
{
  g_autofree char *reason = dd_access_dup_reason (self->store, DD_ACTION_EDIT_SCORING, NULL);

  dd_access_set_sensitive (GTK_WIDGET (self->grid), reason == NULL);
  dd_access_set_sensitive (GTK_WIDGET (self->reset_button), reason == NULL);
  dd_access_set_sensitive (GTK_WIDGET (self->save_button), reason == NULL);
  dd_access_set_tooltip (GTK_WIDGET (self->save_button), reason);
  if (reason != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: on top of the scoring rules; %s says why they cannot be changed. */
      text = g_strdup_printf (_("You can see the scoring rules, but not change them. %s"), reason);
      gtk_label_set_text (self->access_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->access_label), reason != NULL);
}

/* Callbacks */

static void
on_reset_clicked_cb (DdScoringDialog *self)
{
  dd_scoring_dialog_reset (self);
}

static void
on_save_clicked_cb (DdScoringDialog *self)
{
  g_autoptr(GError) error = NULL;

  dd_scoring_dialog_save (self, &error);
}

/* GObject overrides */

static void
dd_scoring_dialog_dispose (GObject *object)
{
  DdScoringDialog *self = DD_SCORING_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->scoring);
  g_clear_pointer (&self->spins, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_SCORING_DIALOG);

  G_OBJECT_CLASS (dd_scoring_dialog_parent_class)->dispose (object);
}

static void
dd_scoring_dialog_class_init (DdScoringDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_scoring_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-scoring-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DdScoringDialog, access_label);
  gtk_widget_class_bind_template_child (widget_class, DdScoringDialog, grid);
  gtk_widget_class_bind_template_child (widget_class, DdScoringDialog, sum_label);
  gtk_widget_class_bind_template_child (widget_class, DdScoringDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, DdScoringDialog, reset_button);
  gtk_widget_class_bind_template_child (widget_class, DdScoringDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, gtk_window_destroy);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dd_scoring_dialog_init (DdScoringDialog *self)
{
  self->spins = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_widget_init_template (GTK_WIDGET (self));
  build_fields (self);
}

/* Public API */

/**
 * dd_scoring_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @store: the database whose rules it edits
 *
 * The fields show the rules of @store (the defaults where one cannot be
 * read, with a note). Only an administrator of a writable file may change
 * them; others see them.
 *
 * Returns: (transfer floating): the dialog, not yet shown
 */
GtkWidget *
dd_scoring_dialog_new (GtkWindow *parent,
                       DdStore   *store)
{
  DdScoringDialog *self;
  g_autoptr(GError) error = NULL;
  DdScoreWeights weights;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DD_IS_STORE (store), NULL);

  self = g_object_new (DD_TYPE_SCORING_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->scoring = dd_scoring_new (store);

  if (!dd_scoring_get_weights (self->scoring, &weights, &error))
    {
      dd_score_weights_init_defaults (&weights);
      show_error (self, error->message);
    }
  write_fields (self, &weights);
  update_sum (self);

  update_access (self);
  dd_access_connect (store, G_CALLBACK (update_access), self);
  return GTK_WIDGET (self);
}

GtkSpinButton *
dd_scoring_dialog_get_spin (DdScoringDialog *self,
                            const char      *key)
{
  g_return_val_if_fail (DD_IS_SCORING_DIALOG (self), NULL);

  return g_hash_table_lookup (self->spins, key);
}

void
dd_scoring_dialog_reset (DdScoringDialog *self)
{
  DdScoreWeights defaults;

  g_return_if_fail (DD_IS_SCORING_DIALOG (self));

  dd_score_weights_init_defaults (&defaults);
  write_fields (self, &defaults);
  show_error (self, NULL);
}

gboolean
dd_scoring_dialog_save (DdScoringDialog  *self,
                        GError          **error)
{
  g_autoptr(GError) local = NULL;
  DdScoreWeights weights;

  g_return_val_if_fail (DD_IS_SCORING_DIALOG (self), FALSE);

  /* A value typed but not yet committed by the field counts. */
  {
    GHashTableIter iter;
    gpointer spin;

    g_hash_table_iter_init (&iter, self->spins);
    while (g_hash_table_iter_next (&iter, NULL, &spin))
      gtk_spin_button_update (spin);
  }
  read_fields (self, &weights);
  if (!dd_score_weights_validate (&weights, &local) ||
      !dd_scoring_set_weights (self->scoring, &weights, &local))
    {
      show_error (self, local->message);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
