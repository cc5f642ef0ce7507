/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-restore-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-access.h"
#include "dd-admin-format.h"
#include "dd-restore-dialog.h"

/*
 * DdRestoreDialog: the backups of the database (dd_backups_list()),
 * newest first, with their date and what they hold, and Restore…, which
 * asks for confirmation (saying that the current file is kept as a backup
 * first) and then emits "restore". The window does the restoring: it has to
 * let go of the file first, and opens the restored file afterwards.
 */

struct _DdRestoreDialog
{
  DdAdminListWindow parent_instance;

  GPtrArray *backups;             /* DdBackupInfo, in the order of the rows */

  /* Template children */
  GtkButton *restore_button;
};

enum {
  SIGNAL_RESTORE,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdRestoreDialog, dd_restore_dialog, DD_TYPE_ADMIN_LIST_WINDOW)

/* Auxiliary methods */

static DdStore *
get_store (DdRestoreDialog *self)
{
  return dd_admin_list_window_get_store (DD_ADMIN_LIST_WINDOW (self));
}

static gboolean
can_restore (const DdBackupInfo *info)
{
  return info != NULL && info->readable && info->schema_version >= 1
         && info->schema_version <= dd_store_get_schema_version_supported ();
}

static char *
dup_kind (const DdBackupInfo *info)
{
  if (info->tag == NULL)
    return g_strdup (_("Daily backup"));
  if (g_str_equal (info->tag, "replaced"))
    return g_strdup (_("The file as it was before a restore"));
  if (info->tag[0] == 'v' && g_ascii_isdigit (info->tag[1]))
    /* Translators: %s is the data version ("2") the file had before an upgrade. */
    return g_strdup_printf (_("Before an upgrade (data version %s)"), info->tag + 1);
  if (g_ascii_isdigit (info->tag[0]))
    return g_strdup (_("Daily backup"));
  return g_strdup (info->tag);
}

static char *
dup_holds (const DdBackupInfo *info)
{
  g_autofree char *plans = NULL;
  g_autofree char *tasks = NULL;
  g_autofree char *count = NULL;

  if (!info->readable)
    return g_strdup (_("Cannot be read"));
  if (info->schema_version > dd_store_get_schema_version_supported ())
    return g_strdup (_("Made by a newer version"));
  plans = g_strdup_printf (ngettext ("%u plan", "%u plans", info->n_plans), info->n_plans);
  count = dd_format_count (info->n_tasks);
  tasks = g_strdup_printf (ngettext ("%s task", "%s tasks", info->n_tasks), count);
  /* Translators: what a backup holds: "2 kế hoạch, 31 nhiệm vụ". */
  return g_strdup_printf (_("%s, %s"), plans, tasks);
}

static const DdBackupInfo *
get_selected (DdRestoreDialog *self)
{
  int index = dd_admin_list_window_get_selected (DD_ADMIN_LIST_WINDOW (self));

  if (index < 0 || self->backups == NULL || (guint) index >= self->backups->len)
    return NULL;
  return g_ptr_array_index (self->backups, index);
}

/* Callbacks */

static void
on_confirm_response_cb (GtkDialog       *dialog,
                        int              response,
                        DdRestoreDialog *self)
{
  g_autofree char *path = g_strdup (g_object_get_data (G_OBJECT (dialog), "dd-backup"));

  /* The handler of "restore" closes this window, the question's parent,
   * while the question is still being let go of. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == GTK_RESPONSE_ACCEPT && path != NULL)
    g_signal_emit (self, signals [SIGNAL_RESTORE], 0, path);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  DdRestoreDialog *self = DD_RESTORE_DIALOG (widget);
  const DdBackupInfo *info = get_selected (self);
  g_autofree char *when = NULL;
  g_autofree char *holds = NULL;
  g_autofree char *primary = NULL;
  g_autofree char *secondary = NULL;
  g_autofree char *name = NULL;
  GtkWidget *dialog;
  GtkWidget *button;

  if (!can_restore (info) || get_store (self) == NULL)
    return;

  when = dd_admin_format_date_time (info->made_at);
  holds = dup_holds (info);
  name = g_path_get_basename (dd_store_get_path (get_store (self)));
  /* Translators: %s is the date and time of the backup. */
  primary = g_strdup_printf (_("Restore the backup of %s?"), when);
  /* Translators: %s: the database file; %s: what the backup holds ("2 plans, 31 tasks"). */
  secondary = g_strdup_printf (_("“%s” will be replaced by this backup (%s). The current file is "
                                 "first kept as a backup (its name ends in “-replaced”), so this "
                                 "can be undone. Changes made after the backup was taken will no "
                                 "longer be in the database, and other desktops that have it open "
                                 "must open it again."), name, holds);

  dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s", primary);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Restore"), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_object_set_data_full (G_OBJECT (dialog), "dd-backup", g_strdup (info->path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* DdAdminListWindow */

static int
dd_restore_dialog_load (DdAdminListWindow *list)
{
  DdRestoreDialog *self = DD_RESTORE_DIALOG (list);
  DdStore *store = get_store (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdBackups) store_backups = store != NULL ? dd_backups_new (store) : NULL;
  g_autofree char *dir = NULL;

  g_clear_pointer (&self->backups, g_ptr_array_unref);
  dd_admin_list_window_show_error (list, NULL);

  dir = store_backups != NULL ? dd_backups_dup_folder (store_backups, &error) : NULL;
  if (error != NULL)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Could not read the backup folder: %s"), error->message);
      dd_admin_list_window_show_error (list, message);
    }
  if (dir != NULL)
    {
      /* Reading a backup's counts opens it: a few milliseconds each, and
       * the store keeps 10 by default. */
      self->backups = dd_backups_list_folder (dir, &error);
      if (self->backups == NULL && !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf (_("Could not read the backup folder: %s"), error->message);
          dd_admin_list_window_show_error (list, message);
        }
    }

  for (guint i = 0; self->backups != NULL && i < self->backups->len; i++)
    {
      DdBackupInfo *info = g_ptr_array_index (self->backups, i);
      g_autofree char *when = dd_admin_format_date_time (info->made_at);
      g_autofree char *kind = dup_kind (info);
      g_autofree char *holds = dup_holds (info);
      g_autofree char *file = g_filename_display_basename (info->path);
      const char *cells[] = { when, kind, holds, file };
      GtkWidget *box = dd_admin_list_window_append_row (list, cells);

      if (!can_restore (info))
        gtk_widget_add_css_class (box, "dim-label");
    }

  /* No folder yet, or one that cannot be read: no backup to show. */
  return self->backups != NULL ? (int) self->backups->len : 0;
}

static void
dd_restore_dialog_update (DdAdminListWindow *list)
{
  DdRestoreDialog *self = DD_RESTORE_DIALOG (list);
  DdStore *store = get_store (self);
  g_autofree char *reason = NULL;
  g_autoptr(DdBackups) store_backups = store != NULL ? dd_backups_new (store) : NULL;
  g_autofree char *dir = store_backups != NULL ? dd_backups_dup_folder (store_backups, NULL) : NULL;
  g_autofree char *display = dir != NULL ? g_filename_display_name (dir) : g_strdup ("");
  g_autofree char *text = NULL;

  /* A damaged file is read-only, and restoring is exactly what it needs:
   * only the role counts here. */
  if (store != NULL)
    dd_store_can (store, DD_ACTION_RESTORE_BACKUP, NULL, &reason);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "restore.restore",
                                 reason == NULL && can_restore (get_selected (self)));
  if (reason != NULL)
    /* Translators: %s is the backup folder; then why the user cannot restore. */
    text = g_strdup_printf (_("Backups in %s. %s"), display, reason);
  else
    text = g_strdup_printf (_("Backups in %s, newest first. Restoring one replaces the whole "
                              "database with it; the current file is kept as a backup first."),
                            display);
  dd_admin_list_window_set_hint (list, text);
}


static void
dd_restore_dialog_row_activated (DdAdminListWindow *list,
                                 int                index)
{
  gtk_widget_activate_action (GTK_WIDGET (list), "restore.restore", NULL);
}

/* GObject overrides */

static void
dd_restore_dialog_dispose (GObject *object)
{
  DdRestoreDialog *self = DD_RESTORE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_RESTORE_DIALOG);
  g_clear_pointer (&self->backups, g_ptr_array_unref);

  G_OBJECT_CLASS (dd_restore_dialog_parent_class)->dispose (object);
}

static void
dd_restore_dialog_class_init (DdRestoreDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DdAdminListWindowClass *list_class = DD_ADMIN_LIST_WINDOW_CLASS (klass);

  object_class->dispose = dd_restore_dialog_dispose;

  list_class->load = dd_restore_dialog_load;
  list_class->update = dd_restore_dialog_update;
  list_class->row_activated = dd_restore_dialog_row_activated;
  /* The backups do not change with what the file holds. */
  list_class->store_changed = NULL;

  /**
   * DdRestoreDialog::restore:
   * @backup_path: the backup the user chose and confirmed
   *
   * Emitted when the user confirmed restoring a backup. The handler
   * restores it (dd_backups_restore_file()) and closes the dialog.
   */
  signals [SIGNAL_RESTORE] =
    g_signal_new ("restore",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-restore-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DdRestoreDialog, restore_button);

  gtk_widget_class_install_action (widget_class, "restore.restore", NULL, restore_action);
}

static void
dd_restore_dialog_init (DdRestoreDialog *self)
{
  const DdAdminColumn columns[] = {
    { _("Made on"), 16, 0 },
    { _("Kind"), 22, 0 },
    { _("Holds"), 22, 0 },
    { _("File"), 20, 60 },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  dd_admin_list_window_set_columns (DD_ADMIN_LIST_WINDOW (self), columns, G_N_ELEMENTS (columns));
}

/* Public API */

/**
 * dd_restore_dialog_new:
 * @parent: (nullable): the window it is modal to
 * @store: the database whose backups are listed
 *
 * Returns: (transfer none): a new dialog, owned by GTK like every toplevel
 */
DdRestoreDialog *
dd_restore_dialog_new (GtkWindow *parent,
                       DdStore   *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DD_IS_STORE (store), NULL);

  return g_object_new (DD_TYPE_RESTORE_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

void
dd_restore_dialog_reload (DdRestoreDialog *self)
{
  g_return_if_fail (DD_IS_RESTORE_DIALOG (self));

  dd_admin_list_window_reload (DD_ADMIN_LIST_WINDOW (self));
}

guint
dd_restore_dialog_get_n_backups (DdRestoreDialog *self)
{
  g_return_val_if_fail (DD_IS_RESTORE_DIALOG (self), 0);

  return self->backups != NULL ? self->backups->len : 0;
}

void
dd_restore_dialog_select (DdRestoreDialog *self,
                          guint            index)
{
  g_return_if_fail (DD_IS_RESTORE_DIALOG (self));

  dd_admin_list_window_select (DD_ADMIN_LIST_WINDOW (self), index);
}

gboolean
dd_restore_dialog_select_newest_good (DdRestoreDialog *self)
{
  g_return_val_if_fail (DD_IS_RESTORE_DIALOG (self), FALSE);

  /* Newest first: the first that can be restored. */
  for (guint i = 0; self->backups != NULL && i < self->backups->len; i++)
    if (can_restore (g_ptr_array_index (self->backups, i)))
      {
        dd_restore_dialog_select (self, i);
        return TRUE;
      }
  return FALSE;
}

const DdBackupInfo *
dd_restore_dialog_get_selected (DdRestoreDialog *self)
{
  g_return_val_if_fail (DD_IS_RESTORE_DIALOG (self), NULL);

  return get_selected (self);
}
