/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-preferences-window.h"
#include "dd-access.h"
#include "dd-office-settings.h"
#include "dd-mail-settings-window.h"
#include "dd-schedule-fields.h"
#include "dd-server-profile-window.h"

struct _DdPreferencesWindow
{
  GtkWindow parent_instance;

  /* Template children */
  GtkDropDown *language_dropdown;
  GtkLabel *language_note;
  GtkSpinButton *due_soon_spin;
  GtkSpinButton *backup_days_spin;
  GtkWidget *due_soon_row;
  GtkLabel *due_soon_hint;
  GtkLabel *error_label;
  GtkWidget *display_name_label;
  GtkWidget *display_name_row;
  GtkEntry *display_name_entry;
  GtkWidget *display_name_button;
  GtkLabel *display_name_hint;
  GtkWidget *schedule_label;
  DdScheduleFields *schedule_fields;
  GtkWidget *schedule_row;
  GtkLabel *schedule_hint;
  GtkWidget *schedule_button;
  GtkWidget *office_button;
  GtkWidget *mail_button;
  GtkWidget *server_button;

  /* Owned state */
  char *display_name_usual_hint;
  char *display_name;             /* as recorded in the file; "" when none */
  DdStore *store;
  char *initial_language;
  gboolean loading;
  gboolean can_schedule;          /* the user may set the office's default */
};

G_DEFINE_FINAL_TYPE (DdPreferencesWindow, dd_preferences_window, GTK_TYPE_WINDOW)

/* In the order of the drop-down. */
static const char * const language_choices[] = {
  DD_LANGUAGE_SYSTEM, DD_LANGUAGE_VI, DD_LANGUAGE_EN,
};

/* Auxiliary methods */

static void
show_error (DdPreferencesWindow *self,
            const GError        *error)
{
  gtk_label_set_text (self->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

/* The days of warning are a setting of the file, the same for everyone:
 * an administrator's (the guard triggers of settings). Anyone may set their
 * own name, unless the file cannot be written now. Called again on
 * DdStore::access-changed. */
static void
update_access (DdPreferencesWindow *self)
{
  g_autofree char *admin_reason = NULL;
  g_autofree char *file_reason = NULL;

  if (self->store == NULL)
    return;

  admin_reason = dd_access_dup_reason (self->store, DD_ACTION_EDIT_SETTINGS, NULL);
  file_reason = dd_access_dup_reason (self->store, DD_ACTION_SET_DISPLAY_NAME, NULL);

  dd_access_set_sensitive (self->due_soon_row, admin_reason == NULL);
  if (admin_reason != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: under the days of warning, when the user may not change them; %s says why. */
      text = g_strdup_printf (_("This setting is the same for everyone who opens the file. %s"), admin_reason);
      gtk_label_set_text (self->due_soon_hint, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->due_soon_hint), admin_reason != NULL);

  /* The default schedule is the office's rule, an administrator's. */
  self->can_schedule = admin_reason == NULL;
  dd_schedule_fields_set_editable (self->schedule_fields, self->can_schedule);
  if (admin_reason != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s %s", _("The schedule of every task that has none of its own."),
                                               admin_reason);

      gtk_label_set_text (self->schedule_hint, text);
    }
  else
    gtk_label_set_text (self->schedule_hint, _("The schedule of every task that has none of its own."));
  gtk_widget_set_sensitive (self->schedule_button,
                            self->can_schedule && dd_schedule_fields_is_edited (self->schedule_fields));

  dd_access_set_sensitive (self->display_name_row, file_reason == NULL);
  if (file_reason != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s\n%s", self->display_name_usual_hint, file_reason);

      gtk_label_set_text (self->display_name_hint, text);
    }
  else
    gtk_label_set_text (self->display_name_hint, self->display_name_usual_hint);
}

static void
load (DdPreferencesWindow *self)
{
  g_autofree char *choice = dd_language_dup_choice ();

  self->loading = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (language_choices); i++)
    if (g_str_equal (choice, language_choices[i]))
      gtk_drop_down_set_selected (self->language_dropdown, i);
  self->initial_language = g_steal_pointer (&choice);

  gtk_widget_set_visible (self->due_soon_row, self->store != NULL);
  if (self->store != NULL)
    {
      gtk_spin_button_set_value (self->due_soon_spin, dd_store_get_due_soon_days (self->store, NULL));
      gtk_spin_button_set_value (self->backup_days_spin, dd_store_get_backup_warn_days (self->store, NULL));
    }

  gtk_widget_set_visible (self->schedule_label, self->store != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->schedule_fields), self->store != NULL);
  gtk_widget_set_visible (self->schedule_row, self->store != NULL);
  if (self->store != NULL)
    {
      g_autoptr(GError) error = NULL;
      DdTaskSchedule schedule;

      if (!dd_store_get_default_schedule (self->store, &schedule, &error))
        {
          show_error (self, error);
          dd_task_schedule_init (&schedule);
        }
      /* None named: those a periodic task then follows. */
      if ((schedule.periods & DD_PERIOD_ALL_PERIODS) == 0)
        schedule.periods |= DD_PERIOD_DEFAULT_PERIODS;
      dd_schedule_fields_show_rows (self->schedule_fields, TRUE, TRUE);
      dd_schedule_fields_set_schedule (self->schedule_fields, &schedule);
    }

  /* Everyone, viewers too, may set their own name. */
  gtk_widget_set_visible (self->display_name_label, self->store != NULL);
  gtk_widget_set_visible (self->display_name_row, self->store != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->display_name_hint), self->store != NULL);
  if (self->store != NULL)
    {
      g_autoptr(DdUsers) users = dd_users_new (self->store);
      g_autoptr(GError) error = NULL;
      g_autofree char *name = dd_users_dup_display_name (users, &error);
      const char *account = dd_store_get_user (self->store);

      if (name == NULL)
        show_error (self, error);
      /* The store gives the account when no name was set. */
      g_free (self->display_name);
      self->display_name = g_strdup (name != NULL && g_strcmp0 (name, account) != 0 ? name : "");
      gtk_editable_set_text (GTK_EDITABLE (self->display_name_entry), self->display_name);
      gtk_entry_set_placeholder_text (self->display_name_entry, account);
      /* Translators: %s is the user's account on the computer. */
      g_free (self->display_name_usual_hint);
      self->display_name_usual_hint =
        g_strdup_printf (_("Shown in the change history and when your changes meet someone else’s, "
                           "instead of your account “%s”."), account);
      update_access (self);
    }
  self->loading = FALSE;
}

static void
save_display_name (DdPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdUsers) users = NULL;
  g_autofree char *name = NULL;

  if (self->store == NULL || !gtk_widget_get_sensitive (self->display_name_row))
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->display_name_entry))));
  if (g_strcmp0 (name, self->display_name) == 0)
    return;

  users = dd_users_new (self->store);
  if (!dd_users_set_display_name (users, name, &error))
    {
      show_error (self, error);
      return;
    }
  show_error (self, NULL);
  g_free (self->display_name);
  self->display_name = g_steal_pointer (&name);
  gtk_widget_set_sensitive (self->display_name_button, FALSE);
}

static void
save_schedule (DdPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  DdTaskSchedule schedule;

  if (self->store == NULL || !self->can_schedule || !dd_schedule_fields_is_edited (self->schedule_fields))
    return;

  dd_schedule_fields_get_schedule (self->schedule_fields, &schedule);
  if (!dd_store_set_default_schedule (self->store, &schedule, &error))
    {
      show_error (self, error);
      return;
    }
  show_error (self, NULL);
  dd_schedule_fields_set_schedule (self->schedule_fields, &schedule);
  gtk_widget_set_sensitive (self->schedule_button, FALSE);
}

/* Callbacks */

static void
on_schedule_changed_cb (DdPreferencesWindow *self)
{
  gtk_widget_set_sensitive (self->schedule_button,
                            self->can_schedule && dd_schedule_fields_is_edited (self->schedule_fields));
}

static void
on_schedule_button_clicked_cb (DdPreferencesWindow *self)
{
  save_schedule (self);
}

static void
on_office_button_clicked_cb (DdPreferencesWindow *self)
{
  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (dd_office_settings_new (GTK_WINDOW (self), self->store)));
}

static void
on_mail_button_clicked_cb (DdPreferencesWindow *self)
{
  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (dd_mail_settings_window_new (GTK_WINDOW (self), self->store)));
}

/* The server's connection profile is this desktop's, not the file's. */
static void
on_server_button_clicked_cb (DdPreferencesWindow *self)
{
  gtk_window_present (GTK_WINDOW (dd_server_profile_window_new (GTK_WINDOW (self))));
}

static void
on_language_selected_cb (DdPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = gtk_drop_down_get_selected (self->language_dropdown);
  const char *choice;

  if (self->loading || selected >= G_N_ELEMENTS (language_choices))
    return;

  choice = language_choices[selected];
  if (!dd_language_save_choice (choice, &error))
    {
      show_error (self, error);
      return;
    }
  show_error (self, NULL);
  /* gettext and GTK read the language once, at start. */
  gtk_widget_set_visible (GTK_WIDGET (self->language_note),
                          g_strcmp0 (choice, self->initial_language) != 0);
}

static void
on_due_soon_changed_cb (DdPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  if (self->loading || self->store == NULL)
    return;

  value = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (self->due_soon_spin));
  if (!dd_store_set_setting (self->store, "due_soon_days", value, &error))
    show_error (self, error);
  else
    show_error (self, NULL);
}

/* The window's backup bar warns after this many days without one. */
static void
on_backup_days_changed_cb (DdPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  if (self->loading || self->store == NULL)
    return;

  value = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (self->backup_days_spin));
  if (!dd_store_set_setting (self->store, "backup_warn_days", value, &error))
    show_error (self, error);
  else
    show_error (self, NULL);
}

static void
on_display_name_changed_cb (DdPreferencesWindow *self)
{
  g_autofree char *name = NULL;

  if (self->loading)
    return;
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->display_name_entry))));
  gtk_widget_set_sensitive (self->display_name_button, g_strcmp0 (name, self->display_name) != 0);
}

static void
on_display_name_activate_cb (DdPreferencesWindow *self)
{
  save_display_name (self);
}

/* A name typed but not yet set, or a schedule changed but not yet saved,
 * is set when the window closes, as the other preferences are. */
static gboolean
dd_preferences_window_close_request (GtkWindow *window)
{
  save_display_name (DD_PREFERENCES_WINDOW (window));
  save_schedule (DD_PREFERENCES_WINDOW (window));

  return GTK_WINDOW_CLASS (dd_preferences_window_parent_class)->close_request (window);
}

/* GObject overrides */

static void
dd_preferences_window_dispose (GObject *object)
{
  DdPreferencesWindow *self = (DdPreferencesWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dd_preferences_window_parent_class)->dispose (object);
}

static void
dd_preferences_window_finalize (GObject *object)
{
  DdPreferencesWindow *self = (DdPreferencesWindow *) object;

  g_free (self->initial_language);
  g_free (self->display_name);
  g_free (self->display_name_usual_hint);

  G_OBJECT_CLASS (dd_preferences_window_parent_class)->finalize (object);
}

static void
dd_preferences_window_class_init (DdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_preferences_window_dispose;
  object_class->finalize = dd_preferences_window_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = dd_preferences_window_close_request;

  g_type_ensure (DD_TYPE_SCHEDULE_FIELDS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/dd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesWindow, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesWindow, language_note);
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesWindow, due_soon_spin);
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesWindow, backup_days_spin);
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesWindow, due_soon_row);
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesWindow, due_soon_hint);
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesWindow, display_name_label);
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesWindow, display_name_row);
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesWindow, display_name_entry);
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesWindow, display_name_button);
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesWindow, display_name_hint);
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesWindow, schedule_label);
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesWindow, schedule_fields);
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesWindow, schedule_row);
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesWindow, schedule_hint);
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesWindow, schedule_button);
  gtk_widget_class_bind_template_callback (widget_class, on_language_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_schedule_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesWindow, office_button);
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesWindow, mail_button);
  gtk_widget_class_bind_template_callback (widget_class, on_schedule_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_office_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_mail_button_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesWindow, server_button);
  gtk_widget_class_bind_template_callback (widget_class, on_server_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_due_soon_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_backup_days_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_display_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_display_name_activate_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dd_preferences_window_init (DdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

DdPreferencesWindow *
dd_preferences_window_new (GtkWindow *parent,
                           DdStore   *store)
{
  DdPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (store == NULL || DD_IS_STORE (store), NULL);

  self = g_object_new (DD_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  g_set_object (&self->store, store);
  gtk_widget_set_visible (self->office_button, store != NULL);
  gtk_widget_set_visible (self->mail_button, store != NULL);
  if (store != NULL)
    dd_access_connect (store, G_CALLBACK (update_access), self);
  load (self);
  return self;
}
