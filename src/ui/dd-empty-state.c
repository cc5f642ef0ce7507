/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-empty-state"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-empty-state.h"

#define KEY "dd-empty-state"

typedef struct
{
  GtkWidget *box;
  GtkLabel *title;
  GtkLabel *description;
  GtkWidget *buttons;
  DdEmptyStateKind kind;
} EmptyState;

static GtkWidget *
new_button (const char *label,
            const char *action,
            gboolean    suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_add_css_class (button, "pill");
  return button;
}

static EmptyState *
ensure (GtkOverlay *overlay)
{
  EmptyState *state = g_object_get_data (G_OBJECT (overlay), KEY);

  if (state != NULL)
    return state;
  state = g_new0 (EmptyState, 1);
  state->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_halign (state->box, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (state->box, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (state->box, "empty-state");
  state->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (state->title), "title-2");
  state->description = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (state->description, TRUE);
  gtk_label_set_justify (state->description, GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (state->description, 50);
  state->buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (state->buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (state->box), GTK_WIDGET (state->title));
  gtk_box_append (GTK_BOX (state->box), GTK_WIDGET (state->description));
  gtk_box_append (GTK_BOX (state->box), state->buttons);
  gtk_widget_set_visible (state->box, FALSE);
  gtk_overlay_add_overlay (overlay, state->box);
  g_object_set_data_full (G_OBJECT (overlay), KEY, state, g_free);
  return state;
}

static void
show (EmptyState       *state,
      DdEmptyStateKind  kind)
{
  GtkWidget *child;

  if (state->kind == kind)
    return;
  state->kind = kind;
  gtk_widget_set_visible (state->box, kind != DD_EMPTY_STATE_NONE);
  while ((child = gtk_widget_get_first_child (state->buttons)) != NULL)
    gtk_box_remove (GTK_BOX (state->buttons), child);
  if (kind == DD_EMPTY_STATE_NO_PLAN)
    {
      gtk_label_set_text (state->title, _("No plan yet"));
      gtk_label_set_text (state->description,
                          _("Import a plan's appendix table (text, Word or Excel), or add the tasks "
                            "one by one."));
      gtk_box_append (GTK_BOX (state->buttons), new_button (_("_Import Plan…"), "win.import", TRUE));
      gtk_box_append (GTK_BOX (state->buttons), new_button (_("_Add Task…"), "win.new-task", FALSE));
    }
  else if (kind == DD_EMPTY_STATE_NO_MATCH)
    {
      gtk_label_set_text (state->title, _("No matching task"));
      gtk_label_set_text (state->description,
                          _("No task matches the search and the filters. Clear them to see every task."));
      gtk_box_append (GTK_BOX (state->buttons), new_button (_("_Clear Filters"), "tasks.clear-filters", TRUE));
    }
}

DdEmptyStateKind
dd_empty_state_update_tasks (GtkOverlay *overlay,
                             DdStore    *store,
                             guint       n_items)
{
  EmptyState *state;
  DdEmptyStateKind kind = DD_EMPTY_STATE_NONE;

  g_return_val_if_fail (GTK_IS_OVERLAY (overlay), DD_EMPTY_STATE_NONE);

  state = ensure (overlay);
  if (n_items == 0 && store != NULL)
    {
      g_autoptr(GListModel) plans = dd_store_list_plans (store, NULL);

      kind = plans == NULL || g_list_model_get_n_items (plans) == 0 ? DD_EMPTY_STATE_NO_PLAN
                                                                   : DD_EMPTY_STATE_NO_MATCH;
    }
  show (state, kind);
  return kind;
}

void
dd_empty_state_set (GtkOverlay       *overlay,
                    DdEmptyStateKind  kind)
{
  g_return_if_fail (GTK_IS_OVERLAY (overlay));

  show (ensure (overlay), kind);
}

DdEmptyStateKind
dd_empty_state_get_kind (GtkOverlay *overlay)
{
  EmptyState *state = g_object_get_data (G_OBJECT (overlay), KEY);

  return state != NULL ? state->kind : DD_EMPTY_STATE_NONE;
}
