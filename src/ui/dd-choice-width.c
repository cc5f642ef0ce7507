/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-choice-width"

#include "config.h"

#include "dd-choice-width.h"

/*
 * The filter bar's drop-downs at a width of their own, in characters (it
 * follows the font), rather than the width of what is chosen.
 */

static void
setup_choice_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  int chars = GPOINTER_TO_INT (user_data);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  if (chars > 0)
    {
      /* The button: always @chars wide. */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), chars);
      gtk_label_set_max_width_chars (GTK_LABEL (label), chars);
    }
  else
    {
      /* The list: the names whole. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_choice_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));

  gtk_label_set_text (GTK_LABEL (label), text);
  /* The whole name, when the button's is cut. */
  if (gtk_label_get_ellipsize (GTK_LABEL (label)) != PANGO_ELLIPSIZE_NONE)
    gtk_widget_set_tooltip_text (label, text);
}

/**
 * dd_choice_width_set:
 * @dropdown: a drop-down of GtkStringObjects
 * @chars: the width of its button's text, in characters
 *
 * Shows the chosen item of @dropdown in a width of @chars characters,
 * whatever it is (cut with an ellipsis, whole in its tooltip): a drop-down
 * as wide as its choice moved the controls after it, and a click aimed at
 * "Lead" landed on the status. The list shows the names whole.
 */
void
dd_choice_width_set (GtkDropDown *dropdown,
                     int          chars)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list_factory = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_choice_cb), GINT_TO_POINTER (chars));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_choice_cb), NULL);
  list_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (list_factory, "setup", G_CALLBACK (setup_choice_cb), GINT_TO_POINTER (0));
  g_signal_connect (list_factory, "bind", G_CALLBACK (bind_choice_cb), NULL);
  gtk_drop_down_set_factory (dropdown, factory);
  gtk_drop_down_set_list_factory (dropdown, list_factory);
}
