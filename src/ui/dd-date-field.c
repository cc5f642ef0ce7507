/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-date-field"

#include "config.h"

#include <glib/gi18n.h>
#include <dondoc/dondoc.h>

#include "dd-date-field.h"
#include "dd-date-popover.h"

/*
 * DdDateField: a date as an office writes it, typed ("30/6/2026") or
 * picked from a calendar (the button beside the field). The dialogs of the
 * follow-up loop check what it holds as the user types: "changed" is
 * emitted on every edit and every pick.
 */

struct _DdDateField
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkEntry *entry;
  GtkMenuButton *button;
  DdDatePopover *popover;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdDateField, dd_date_field, GTK_TYPE_WIDGET)

/* Callbacks */

static void
on_entry_changed_cb (DdDateField *self)
{
  g_signal_emit (self, signals [CHANGED], 0);
}

static void
on_popover_day_selected_cb (DdDateField *self)
{
  GDate date;

  dd_date_popover_get_date (self->popover, &date);
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  dd_date_field_set_date (self, &date);
}

static void
on_popover_show_cb (DdDateField *self)
{
  GDate date;

  /* The calendar opens on the day typed, or on today. */
  if (!dd_date_field_get_date (self, &date))
    dd_date_set_today (&date);
  dd_date_popover_set_date (self->popover, &date);
}

/* GObject overrides */

static void
dd_date_field_dispose (GObject *object)
{
  DdDateField *self = DD_DATE_FIELD (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (dd_date_field_parent_class)->dispose (object);
}

static gboolean
dd_date_field_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (DD_DATE_FIELD (widget)->entry));
}

static void
dd_date_field_class_init (DdDateFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_date_field_dispose;
  widget_class->grab_focus = dd_date_field_grab_focus;

  /**
   * DdDateField::changed:
   *
   * The text was edited or a day picked.
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dd_date_field_init (DdDateField *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->box, "linked");
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->entry = GTK_ENTRY (gtk_entry_new ());
  /* Translators: the placeholder of a date field. */
  gtk_entry_set_placeholder_text (self->entry, _("dd/mm/yyyy"));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 11);
  gtk_widget_set_hexpand (GTK_WIDGET (self->entry), TRUE);
  g_signal_connect_object (self->entry, "changed", G_CALLBACK (on_entry_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->entry));

  self->popover = DD_DATE_POPOVER (dd_date_popover_new (TRUE));
  g_signal_connect_object (self->popover, "day-selected",
                           G_CALLBACK (on_popover_day_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->popover, "show", G_CALLBACK (on_popover_show_cb), self, G_CONNECT_SWAPPED);

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->button, "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (self->button, GTK_WIDGET (self->popover));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Pick a day in a calendar"));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->button));
}

/* Public API */

/**
 * dd_date_field_new:
 *
 * Returns: (transfer floating): an empty date field
 */
GtkWidget *
dd_date_field_new (void)
{
  return g_object_new (DD_TYPE_DATE_FIELD, NULL);
}

void
dd_date_field_set_date (DdDateField *self,
                        const GDate *date)
{
  g_autofree char *text = NULL;

  g_return_if_fail (DD_IS_DATE_FIELD (self));

  text = dd_date_is_set (date) ? dd_format_date (date) : NULL;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
}

gboolean
dd_date_field_get_date (DdDateField *self,
                        GDate       *out_date)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (DD_IS_DATE_FIELD (self), FALSE);
  g_return_val_if_fail (out_date != NULL, FALSE);

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  g_date_clear (out_date, 1);
  return *text != '\0' && dd_date_parse_dmy (text, out_date);
}

gboolean
dd_date_field_is_empty (DdDateField *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (DD_IS_DATE_FIELD (self), TRUE);

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  return *text == '\0';
}

/**
 * dd_date_field_get_entry:
 *
 * Returns: (transfer none): the text field
 */
GtkEntry *
dd_date_field_get_entry (DdDateField *self)
{
  g_return_val_if_fail (DD_IS_DATE_FIELD (self), NULL);

  return self->entry;
}
