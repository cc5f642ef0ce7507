/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-toast"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-toast.h"

#define TOAST_SECONDS 5
/* Long enough to reach its button ("Mở tệp"). */
#define TOAST_BUTTON_SECONDS 10

struct _DdToast
{
  GtkWidget parent_instance;

  GtkWidget *revealer;
  GtkLabel *label;
  GtkButton *button;
  guint timeout_id;
};

G_DEFINE_FINAL_TYPE (DdToast, dd_toast, GTK_TYPE_WIDGET)

static gboolean
on_timeout_cb (gpointer data)
{
  DdToast *self = data;

  self->timeout_id = 0;
  dd_toast_dismiss (self);
  return G_SOURCE_REMOVE;
}

static void
on_child_revealed_cb (DdToast *self)
{
  /* Hidden, it takes no clicks from the page under it. */
  if (!gtk_revealer_get_child_revealed (GTK_REVEALER (self->revealer)) &&
      !gtk_revealer_get_reveal_child (GTK_REVEALER (self->revealer)))
    gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

static void
dd_toast_dispose (GObject *object)
{
  DdToast *self = DD_TOAST (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_pointer (&self->revealer, gtk_widget_unparent);
  G_OBJECT_CLASS (dd_toast_parent_class)->dispose (object);
}

static void
dd_toast_class_init (DdToastClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dd_toast_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "toast");
}

static void
dd_toast_init (DdToast *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic");

  self->revealer = gtk_revealer_new ();
  gtk_revealer_set_transition_type (GTK_REVEALER (self->revealer), GTK_REVEALER_TRANSITION_TYPE_CROSSFADE);
  gtk_widget_set_parent (self->revealer, GTK_WIDGET (self));
  gtk_widget_add_css_class (box, "dd-toast");
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (self->label, 12);
  gtk_label_set_max_width_chars (self->label, 80);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));
  self->button = GTK_BUTTON (gtk_button_new ());
  gtk_button_set_use_underline (self->button, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->button));
  gtk_widget_add_css_class (close, "flat");
  gtk_widget_set_tooltip_text (close, _("Close"));
  g_signal_connect_swapped (close, "clicked", G_CALLBACK (dd_toast_dismiss), self);
  gtk_box_append (GTK_BOX (box), close);
  gtk_revealer_set_child (GTK_REVEALER (self->revealer), box);
  g_signal_connect_swapped (self->revealer, "notify::child-revealed", G_CALLBACK (on_child_revealed_cb), self);

  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_END);
  /* Above the task list's status bar. */
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 48);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Notification"), -1);
}

GtkWidget *
dd_toast_new (void)
{
  return g_object_new (DD_TYPE_TOAST, NULL);
}

void
dd_toast_show (DdToast    *self,
               const char *text,
               const char *button_label,
               const char *action_name,
               GVariant   *target)
{
  g_return_if_fail (DD_IS_TOAST (self));
  g_return_if_fail (text != NULL);

  gtk_label_set_text (self->label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->button), button_label != NULL && action_name != NULL);
  if (button_label != NULL && action_name != NULL)
    {
      gtk_button_set_label (self->button, button_label);
      /* The target first: an action with a parameter refuses no target. */
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->button), NULL);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->button), target);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->button), action_name);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), TRUE);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_seconds (gtk_widget_get_visible (GTK_WIDGET (self->button))
                                           ? TOAST_BUTTON_SECONDS : TOAST_SECONDS,
                                           on_timeout_cb, self);
}

void
dd_toast_dismiss (DdToast *self)
{
  g_return_if_fail (DD_IS_TOAST (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), FALSE);
}

const char *
dd_toast_get_text (DdToast *self)
{
  g_return_val_if_fail (DD_IS_TOAST (self), NULL);

  if (!gtk_revealer_get_reveal_child (GTK_REVEALER (self->revealer)))
    return NULL;
  return gtk_label_get_text (self->label);
}
