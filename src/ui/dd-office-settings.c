/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-office-settings"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-office-settings.h"
#include "dd-access.h"

/*
 * The office's header and signature of its documents: five fields, a
 * preview of the header's left block as the documents print it, Save. The
 * settings are the file's (everyone prints the same): an administrator's.
 */

#define N_FIELDS 5

struct _DdOfficeSettings
{
  GtkWindow parent_instance;

  /* Template children */
  GtkEntry *place_entry;
  GtkEntry *superior_entry;
  GtkEntry *issuer_entry;
  GtkEntry *position_entry;
  GtkEntry *name_entry;
  GtkLabel *preview_label;
  GtkLabel *error_label;
  GtkWidget *save_button;

  /* Owned state */
  DdStore *store;
  char *saved[N_FIELDS];          /* as in the file, "" when not set */
  gboolean can_edit;
};

G_DEFINE_FINAL_TYPE (DdOfficeSettings, dd_office_settings, GTK_TYPE_WINDOW)

/* Auxiliary methods */

static GtkEntry *
field_entry (DdOfficeSettings *self,
             guint             i)
{
  GtkEntry *entries[N_FIELDS] = { self->place_entry, self->superior_entry, self->issuer_entry,
                                  self->position_entry, self->name_entry };

  return entries[i];
}

static char **
office_field (DdExportOffice *office,
              guint           i)
{
  char **fields[N_FIELDS] = { &office->place, &office->issuer_superior, &office->issuer,
                              &office->signer_position, &office->signer_name };

  return fields[i];
}

static const char *
entry_text (DdOfficeSettings *self,
            guint             i)
{
  return gtk_editable_get_text (GTK_EDITABLE (field_entry (self, i)));
}

static void
show_error (DdOfficeSettings *self,
            const GError     *error)
{
  gtk_label_set_text (self->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

static gboolean
is_edited (DdOfficeSettings *self)
{
  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (entry_text (self, i)));

      if (g_strcmp0 (text, self->saved[i]) != 0)
        return TRUE;
    }
  return FALSE;
}

/* The header's left block as the documents print it: the superior body in
 * capitals, the issuer in bold capitals, a short rule. */
static void
update_preview (DdOfficeSettings *self)
{
  g_autofree char *superior = g_utf8_strup (entry_text (self, 1), -1);
  g_autofree char *issuer = g_utf8_strup (entry_text (self, 2), -1);
  g_autofree char *markup = NULL;

  if (*issuer == '\0')
    {
      gtk_label_set_text (self->preview_label, _("The plan's issuer"));
      return;
    }
  markup = g_markup_printf_escaped ("%s\n<b>%s</b>\n───────", superior, issuer);
  gtk_label_set_markup (self->preview_label, markup);
}

static void
update_access (DdOfficeSettings *self)
{
  g_autofree char *reason = dd_access_dup_reason (self->store, DD_ACTION_EDIT_SETTINGS, NULL);

  self->can_edit = reason == NULL;
  for (guint i = 0; i < N_FIELDS; i++)
    {
      dd_access_set_sensitive (GTK_WIDGET (field_entry (self, i)), self->can_edit);
      dd_access_set_tooltip (GTK_WIDGET (field_entry (self, i)), reason);
    }
  gtk_widget_set_sensitive (self->save_button, self->can_edit && is_edited (self));
}

static void
load (DdOfficeSettings *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdExportOffice) office = dd_export_office_load (self->store, &error);

  if (office == NULL)
    {
      show_error (self, error);
      return;
    }
  for (guint i = 0; i < N_FIELDS; i++)
    {
      const char *value = *office_field (office, i);

      g_free (self->saved[i]);
      self->saved[i] = g_strdup (value != NULL ? value : "");
      gtk_editable_set_text (GTK_EDITABLE (field_entry (self, i)), self->saved[i]);
    }
  update_preview (self);
  update_access (self);
}

/* Callbacks */

static void
on_changed_cb (DdOfficeSettings *self)
{
  update_preview (self);
  gtk_widget_set_sensitive (self->save_button, self->can_edit && is_edited (self));
}

static void
on_save_clicked_cb (DdOfficeSettings *self)
{
  g_autoptr(GError) error = NULL;
  DdExportOffice office = { NULL, };

  for (guint i = 0; i < N_FIELDS; i++)
    *office_field (&office, i) = (char *) entry_text (self, i);
  if (!dd_export_office_save (&office, self->store, &error))
    {
      show_error (self, error);
      return;
    }
  show_error (self, NULL);
  load (self);
}

/* GObject overrides */

static void
dd_office_settings_dispose (GObject *object)
{
  DdOfficeSettings *self = (DdOfficeSettings *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_OFFICE_SETTINGS);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dd_office_settings_parent_class)->dispose (object);
}

static void
dd_office_settings_finalize (GObject *object)
{
  DdOfficeSettings *self = (DdOfficeSettings *) object;

  for (guint i = 0; i < N_FIELDS; i++)
    g_free (self->saved[i]);

  G_OBJECT_CLASS (dd_office_settings_parent_class)->finalize (object);
}

static void
dd_office_settings_class_init (DdOfficeSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_office_settings_dispose;
  object_class->finalize = dd_office_settings_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-office-settings.ui");
  gtk_widget_class_bind_template_child (widget_class, DdOfficeSettings, place_entry);
  gtk_widget_class_bind_template_child (widget_class, DdOfficeSettings, superior_entry);
  gtk_widget_class_bind_template_child (widget_class, DdOfficeSettings, issuer_entry);
  gtk_widget_class_bind_template_child (widget_class, DdOfficeSettings, position_entry);
  gtk_widget_class_bind_template_child (widget_class, DdOfficeSettings, name_entry);
  gtk_widget_class_bind_template_child (widget_class, DdOfficeSettings, preview_label);
  gtk_widget_class_bind_template_child (widget_class, DdOfficeSettings, error_label);
  gtk_widget_class_bind_template_child (widget_class, DdOfficeSettings, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, gtk_window_destroy);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dd_office_settings_init (DdOfficeSettings *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

DdOfficeSettings *
dd_office_settings_new (GtkWindow *parent,
                        DdStore   *store)
{
  DdOfficeSettings *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DD_IS_STORE (store), NULL);

  self = g_object_new (DD_TYPE_OFFICE_SETTINGS,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->store = g_object_ref (store);
  dd_access_connect (store, G_CALLBACK (update_access), self);
  load (self);
  return self;
}
