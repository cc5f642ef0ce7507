/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-pg-profile"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dd-preferences-window.h"
#include "dd-server-profile-window.h"
#include "dd-window.h"
#include "dd-test-core.h"
#include "dd-test-gtk.h"
#include "dd-test-pg.h"

/*
 * The connection profile in Preferences, driven through its widgets in
 * Vietnamese, against a throwaway server (a login with a password) and a
 * real GNOME Keyring on a session bus of the test's own: the fields go to
 * the user's settings, the password to the keyring through libsecret and
 * never to a file; a wrong password is refused in words and opens
 * nothing; the right one opens a main window on the server's tasks. With
 * DD_TEST_SCREENSHOT_DIR set, the profile and the window are captured
 * (run under a 1366×768 screen). Needs a display (77 without one) and
 * gnome-keyring (skipped without it).
 */

static DdTestPgCluster *cluster;
/* A session bus of the test's own with GNOME Keyring on it, started
 * before GTK (which keeps the first session bus it connects to). */
static GTestDBus *bus;
static GSubprocess *keyring;

static gboolean
name_owned (gpointer data)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  if (bus == NULL)
    return FALSE;
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

/* GNOME Keyring, unlocked, on the test's session bus. */
static GSubprocess *
start_keyring (const char *daemon, const char *runtime)
{
  const char * const argv[] = { daemon, "--unlock", "--components=secrets", "--foreground", NULL };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = g_build_filename (runtime, "data", NULL);
  GSubprocess *keyring;

  g_assert_cmpint (g_mkdir_with_parents (data, 0700), ==, 0);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  /* Its files in a folder of the test's own: its "login" collection,
   * made unlocked with the password it reads below, in data/keyrings. */
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", runtime, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", data, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  keyring = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  /* The keyring's own password, read from its input to the end. */
  g_output_stream_write_all (g_subprocess_get_stdin_pipe (keyring), "dondoc-test", 11, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (g_subprocess_get_stdin_pipe (keyring), NULL, &error);
  g_assert_no_error (error);
  for (guint tries = 0; !name_owned (NULL); tries++)
    {
      if (tries == 600)
        g_error ("GNOME Keyring did not come up on the test's bus");
      g_usleep (50000);
    }
  return keyring;
}

static gpointer
child (gpointer window, const char *name)
{
  return dd_test_template_child (window, DD_TYPE_SERVER_PROFILE_WINDOW, name);
}

static void
type_text (gpointer window, const char *name, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (window, name)), text);
}

static gboolean
main_window_shown (gpointer data)
{
  return dd_test_find_toplevel (DD_TYPE_WINDOW) != NULL;
}

static gboolean
error_shown (gpointer window)
{
  return gtk_widget_get_visible (child (window, "error_label"));
}

static void
test_profile (DdTestPgFixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DdStore) file = NULL;
  g_autoptr(DdPg) pg = NULL;
  g_autoptr(DdPgProfile) saved = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *settings = NULL;
  g_autofree char *settings_path = g_build_filename (g_get_user_config_dir (), "dondoc", "settings.ini", NULL);
  g_autofree char *port = g_strdup_printf ("%u", dd_test_pg_cluster_get_port (fixture->cluster));
  DdPreferencesWindow *preferences;
  GtkWindow *window;
  GtkWidget *found;

  if (keyring == NULL)
    {
      g_test_skip ("gnome-keyring-daemon or dbus-daemon is not installed");
      return;
    }

  /* The office on the server; a viewer's login with a password. */
  file = dd_test_create_store (&path);
  pg = dd_pg_connect (fixture->uri, &error);
  g_assert_no_error (error);
  g_assert_true (dd_pg_init_schema (pg, NULL, &error));
  g_assert_true (dd_pg_migrate_from_store (pg, file, NULL, &error));
  g_assert_no_error (error);
  dd_test_pg_exec (fixture->conn, "CREATE ROLE " DD_TEST_PG_PASSWORD_ROLE " LOGIN PASSWORD 'mat-khau-dung' "
                                  "IN ROLE dondoc_viewer");

  /* Preferences → the server's profile. */
  preferences = dd_preferences_window_new (NULL, NULL);
  gtk_window_present (GTK_WINDOW (preferences));
  found = dd_test_template_child (preferences, DD_TYPE_PREFERENCES_WINDOW, "server_button");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (found)), ==, "Máy chủ _PostgreSQL của cơ quan…");
  g_signal_emit_by_name (found, "clicked");
  window = dd_test_find_toplevel (DD_TYPE_SERVER_PROFILE_WINDOW);
  g_assert_nonnull (window);
  g_assert_cmpstr (gtk_window_get_title (window), ==, "Máy chủ PostgreSQL của cơ quan");

  /* A field missing: said, nothing saved. */
  type_text (window, "host_entry", dd_test_pg_cluster_get_socket_dir (fixture->cluster));
  g_signal_emit_by_name (child (window, "save_button"), "clicked");
  g_assert_true (error_shown (window));
  g_assert_nonnull (strstr (gtk_label_get_text (child (window, "error_label")), "Cơ sở dữ liệu: cần nhập"));
  g_assert_false (g_file_test (settings_path, G_FILE_TEST_EXISTS));

  /* A wrong password: kept, refused by the server in words, no window. */
  gtk_spin_button_set_value (child (window, "port_spin"), dd_test_pg_cluster_get_port (fixture->cluster));
  type_text (window, "database_entry", fixture->database);
  type_text (window, "user_entry", DD_TEST_PG_PASSWORD_ROLE);
  gtk_drop_down_set_selected (child (window, "tls_dropdown"), 0);
  type_text (window, "password_entry", "mat-khau-sai");
  g_signal_emit_by_name (child (window, "open_button"), "clicked");
  g_assert_true (error_shown (window));
  if (strstr (gtk_label_get_text (child (window, "error_label")), "password authentication failed") == NULL)
    g_error ("expected a refused password: %s", gtk_label_get_text (child (window, "error_label")));
  g_assert_nonnull (strstr (gtk_label_get_text (child (window, "error_label")), "Không kết nối được"));
  g_assert_nonnull (strstr (gtk_label_get_text (child (window, "error_label")),
                            "Máy chủ không chấp nhận mật khẩu của tài khoản “" DD_TEST_PG_PASSWORD_ROLE "”"));
  g_assert_null (dd_test_find_toplevel (DD_TYPE_WINDOW));
  /* The same server for the command line, shown once saved, without the
   * password. */
  {
    const char *uri = gtk_label_get_text (child (window, "uri_label"));

    g_assert_true (gtk_widget_get_visible (child (window, "uri_label")));
    g_assert_true (g_str_has_prefix (uri, "Trên dòng lệnh: dondoc-cli --db 'postgresql://"));
    g_assert_nonnull (strstr (uri, fixture->database));
    g_assert_nonnull (strstr (uri, "sslmode=disable"));
    g_assert_null (strstr (uri, "mat-khau"));
  }
  dd_test_iterate (200);
  dd_test_screenshot ("pg-profile-refused");

  /* The right one: the profile in the settings, the password in the
   * keyring only, a main window on the server's tasks. */
  type_text (window, "password_entry", "mat-khau-dung");
  g_signal_emit_by_name (child (window, "open_button"), "clicked");
  dd_test_wait_for (main_window_shown, NULL);
  {
    DdWindow *main_window = DD_WINDOW (dd_test_find_toplevel (DD_TYPE_WINDOW));
    GtkLabel *bar_label = dd_test_template_child (main_window, DD_TYPE_WINDOW, "read_only_label");

    g_assert_true (dd_store_is_read_only (dd_window_get_store (main_window)));
    g_assert_nonnull (strstr (gtk_label_get_text (bar_label), fixture->database));
    g_assert_null (dd_test_find_toplevel (DD_TYPE_SERVER_PROFILE_WINDOW));
  }

  saved = dd_pg_profile_load (&error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_assert_cmpstr (saved->host, ==, dd_test_pg_cluster_get_socket_dir (fixture->cluster));
  g_assert_cmpuint (saved->port, ==, dd_test_pg_cluster_get_port (fixture->cluster));
  g_assert_cmpstr (saved->database, ==, fixture->database);
  g_assert_cmpstr (saved->user, ==, DD_TEST_PG_PASSWORD_ROLE);
  g_assert_cmpstr (saved->sslmode, ==, "disable");
  kept = dd_pg_profile_dup_password (saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, "mat-khau-dung");
  g_assert_true (g_file_get_contents (settings_path, &settings, NULL, NULL));
  g_assert_nonnull (strstr (settings, "[server]"));
  g_assert_nonnull (strstr (settings, port));
  g_assert_null (strstr (settings, "mat-khau"));


  gtk_window_set_default_size (GTK_WINDOW (dd_test_find_toplevel (DD_TYPE_WINDOW)), 1366, 768);
  gtk_window_maximize (GTK_WINDOW (dd_test_find_toplevel (DD_TYPE_WINDOW)));
  dd_test_iterate (500);
  dd_test_screenshot ("pg-profile-opened");

  /* Opened again from the saved profile and the keyring alone. */
  {
    g_autoptr(DdPg) again = dd_pg_profile_connect (saved, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (again);
  }

  gtk_window_destroy (GTK_WINDOW (dd_test_find_toplevel (DD_TYPE_WINDOW)));
  gtk_window_destroy (GTK_WINDOW (preferences));
  dd_test_iterate (100);
  g_clear_object (&pg);
  g_clear_object (&file);
  dd_test_remove_store_file (path);
}

int
main (int argc, char **argv)
{
  int status;

  /* In Vietnamese, whatever the environment says. */
  g_setenv ("LANGUAGE", "vi", TRUE);
  g_setenv ("LC_ALL", "vi_VN.UTF-8", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (setlocale (LC_ALL, "") == NULL)
    {
      g_printerr ("No vi_VN.UTF-8 locale: skipping.\n");
      return DD_TEST_EXIT_SKIP;
    }
  dd_test_init_i18n ();
  {
    g_autofree char *daemon = g_find_program_in_path ("gnome-keyring-daemon");
    g_autofree char *dbus_daemon = g_find_program_in_path ("dbus-daemon");
    g_autofree char *runtime = g_dir_make_tmp ("dd-profile-run-XXXXXX", NULL);

    /* The keyring's control socket goes in a runtime folder of its own
     * (the isolated tests' folders are /dev/null outside a test). */
    if (daemon != NULL && dbus_daemon != NULL)
      {
        g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));

        /* GTestDBus unsets DISPLAY (against the person's session): the
         * test's own X server is given back. */
        bus = g_test_dbus_new (G_TEST_DBUS_NONE);
        g_test_dbus_up (bus);
        if (display != NULL)
          g_setenv ("DISPLAY", display, TRUE);
        keyring = start_keyring (daemon, runtime);
      }
  }
  if (!dd_test_init_gtk ())
    return DD_TEST_EXIT_SKIP;

  cluster = dd_test_pg_cluster_start ();
  g_test_add ("/pg/profile/preferences", DdTestPgFixture, cluster, dd_test_pg_fixture_setup, test_profile,
              dd_test_pg_fixture_teardown);
  status = g_test_run ();
  dd_test_pg_cluster_stop (cluster);
  if (keyring != NULL)
    {
      g_subprocess_force_exit (keyring);
      g_subprocess_wait (keyring, NULL, NULL);
      g_clear_object (&keyring);
      /* GTK and libsecret keep the bus's connection to the end: stop the
       * daemon without waiting for it to go (g_test_dbus_down() and the
       * object's finalizer would): the object is left to the exit. */
      g_test_dbus_stop (bus);
    }
  return status;
}
