/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-application"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <dondoc/dondoc.h>

#include "dd-application.h"
#include "dd-debug.h"
#include "dd-preferences-window.h"
#include "dd-window.h"

/*
 * DdApplication: opens a window on a database chosen by the command line:
 *
 *   dondoc                       the default database (with plan 662/KH-VPUB)
 *   dondoc --db FILE             an existing database
 *   dondoc --sample-data         the labelled sample database next to the default one
 *   dondoc --db FILE --sample-data   FILE, filled with the sample data if it is new
 *
 * The application is not unique: each run is its own process, so several
 * windows (and the tests) can work side by side.
 */

struct _DdApplication
{
  GtkApplication parent_instance;

  int exit_status;
};

G_DEFINE_FINAL_TYPE (DdApplication, dd_application, GTK_TYPE_APPLICATION)

/* Auxiliary methods */

static DdStore *
open_sample (const char  *path,
             GError     **error)
{
  g_autoptr(DdStore) store = NULL;
  g_autofree char *dir = NULL;
  GDate today;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return dd_store_open (path, DD_STORE_OPEN_EXISTING | DD_STORE_OPEN_CHECK_LATER, error);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* Translators: %s is a folder, then the reason. */
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  store = dd_store_open (path, DD_STORE_OPEN_CREATE, error);
  if (store == NULL)
    return NULL;

  dd_date_set_today (&today);
  if (!dd_store_load_sample (store, &today, error))
    return NULL;

  return g_steal_pointer (&store);
}

static char *
default_sample_path (void)
{
  g_autofree char *default_path = dd_store_dup_default_path ();
  g_autofree char *dir = g_path_get_dirname (default_path);

  return g_build_filename (dir, "dondoc-mau.sqlite", NULL);
}

static void
on_error_dialog_response_cb (GtkWidget     *dialog,
                             int            response,
                             DdApplication *self)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_application_release (G_APPLICATION (self));
}

/* Shows why the database could not be opened; the application quits when
 * the dialog is closed. */
static void
show_startup_error (DdApplication *self,
                    const char    *primary,
                    const GError  *error)
{
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (NULL, GTK_DIALOG_MODAL,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                   "%s", primary);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
  gtk_window_set_title (GTK_WINDOW (dialog), _("Đôn Đốc"));

  self->exit_status = EXIT_FAILURE;
  g_application_hold (G_APPLICATION (self));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_error_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_window (DdApplication *self,
             DdStore       *store)
{
  /* The start page chosen before the store is given: the task list is
   * not read for a window that opens on the dashboard. */
  DdWindow *window = dd_window_new (GTK_APPLICATION (self), NULL);

  dd_debug_watch_window (window);
  dd_window_open (window, store);
  gtk_window_present (GTK_WINDOW (window));
}

/* Actions */

static gboolean
has_window (GtkApplication *app,
            GtkWindow      *window)
{
  return g_list_find (gtk_application_get_windows (app), window) != NULL;
}

/* Closes each window as its close button would, editors first: a task
 * editor with changes and a main window with typed figures ask, and the
 * quitting stops at the first that stays open (nothing typed is lost).
 * The application ends with its last window. */
static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func (g_object_unref);

  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (!DD_IS_WINDOW (l->data))
      g_ptr_array_add (windows, g_object_ref (l->data));
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (DD_IS_WINDOW (l->data))
      g_ptr_array_add (windows, g_object_ref (l->data));

  for (guint i = 0; i < windows->len; i++)
    {
      GtkWindow *window = g_ptr_array_index (windows, i);

      if (!has_window (app, window))
        continue;
      gtk_window_close (window);
      if (has_window (app, window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return;
    }

  g_application_quit (G_APPLICATION (app));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *authors[] = { "Đôn Đốc developers", NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (app),
                         "program-name", _("Đôn Đốc"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Follow up the tasks of an administrative-reform plan: "
                                       "who must do what, by when, and how far each unit has got."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         /* Translators: your names, one per line. */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (app);
  DdStore *store = DD_IS_WINDOW (parent) ? dd_window_get_store (DD_WINDOW (parent)) : NULL;
  DdPreferencesWindow *preferences = dd_preferences_window_new (parent, store);

  gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry app_entries[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "preferences", .activate = preferences_activated },
  { .name = "about", .activate = about_activated },
};

/* GApplication overrides */

static void
dd_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Primary>q", NULL };
  static const char *preferences_accels[] = { "<Primary>comma", NULL };
  g_autoptr(GtkCssProvider) provider = NULL;

  G_APPLICATION_CLASS (dd_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_entries,
                                   G_N_ELEMENTS (app_entries), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.preferences",
                                         preferences_accels);

  /* A plain GtkApplication does not load the style sheet by itself. */
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
dd_application_activate (GApplication *application)
{
  DdApplication *self = DD_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;

  store = dd_store_open_default (&error);
  if (store == NULL)
    {
      g_printerr ("%s: %s\n", _("Could not open the default database"), error->message);
      show_startup_error (self, _("Could not open the default database"), error);
      return;
    }

  open_window (self, store);
}

/* --db postgresql://…: the window on the server's tables in place
 * (dd_pg_write_store()): it writes when the login's role may, else it is
 * read-only (a viewer, a standby) and its bar says why; kept up to date
 * as others save (LISTEN/NOTIFY: dd-window-server.c). */
static int
open_server (DdApplication           *self,
             GApplicationCommandLine *command_line,
             const char              *uri)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPg) pg = dd_pg_connect (uri, &error);
  g_autoptr(DdStore) store = pg != NULL ? dd_pg_write_store (pg, &error) : NULL;

  if (store == NULL)
    {
      const char *primary = _("Could not open the PostgreSQL database");

      g_application_command_line_printerr (command_line, "%s: %s\n", primary, error->message);
      show_startup_error (self, primary, error);
      return EXIT_FAILURE;
    }
  open_window (self, store);
  return EXIT_SUCCESS;
}

static int
dd_application_command_line (GApplication            *application,
                             GApplicationCommandLine *command_line)
{
  DdApplication *self = DD_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autofree char *db_arg = NULL;
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;
  g_autofree char *primary = NULL;
  gboolean sample = FALSE;

  g_variant_dict_lookup (options, "db", "^ay", &db_arg);
  g_variant_dict_lookup (options, "sample-data", "b", &sample);

  /* A PostgreSQL server (issue #22): its tables in place. */
  if (db_arg != NULL && dd_pg_location_is_uri (db_arg))
    return open_server (self, command_line, db_arg);

  if (db_arg != NULL)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, db_arg);

      path = g_file_get_path (file);
    }

  if (path == NULL && !sample)
    {
      g_application_activate (application);
      return EXIT_SUCCESS;
    }

  if (sample && path == NULL)
    path = default_sample_path ();

  if (sample)
    store = open_sample (path, &error);
  else
    store = dd_store_open (path, DD_STORE_OPEN_EXISTING | DD_STORE_OPEN_CHECK_LATER, &error);

  if (store == NULL)
    {
      display = g_filename_display_name (path);
      /* Translators: %s is a file name. */
      primary = g_strdup_printf (_("Could not open the database “%s”"), display);
      g_application_command_line_printerr (command_line, "%s: %s\n", primary, error->message);
      show_startup_error (self, primary, error);
      return EXIT_FAILURE;
    }

  open_window (self, store);

  return EXIT_SUCCESS;
}

static void
dd_application_class_init (DdApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = dd_application_startup;
  app_class->activate = dd_application_activate;
  app_class->command_line = dd_application_command_line;
}

static void
dd_application_init (DdApplication *self)
{
  static const GOptionEntry entries[] = {
    { "db", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the database FILE (it must exist), or a PostgreSQL server's (postgresql://…, read-only for now)"),
      N_("FILE") },
    { "sample-data", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("Open a database of labelled sample data (with --db, create FILE with it)"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Follow up the tasks of an administrative-reform plan."));
}

/* Public API */

/**
 * dd_application_get_exit_status:
 *
 * GApplication reports success for a local command line that kept the main
 * loop running, as showing the error dialog does; main() returns this
 * instead when it is not zero.
 *
 * Returns: %EXIT_FAILURE when the database of the command line could not
 *   be opened, else %EXIT_SUCCESS
 */
int
dd_application_get_exit_status (DdApplication *self)
{
  g_return_val_if_fail (DD_IS_APPLICATION (self), EXIT_FAILURE);

  return self->exit_status;
}

DdApplication *
dd_application_new (void)
{
  return g_object_new (DD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", RESOURCE_BASE,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE,
                       NULL);
}
