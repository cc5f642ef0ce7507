/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-office-settings"

#include "config.h"

#include <locale.h>

#include <gtk/gtk.h>

#include "dd-office-settings.h"
#include "dd-preferences-window.h"
#include "dd-test-core.h"
#include "dd-test-gtk.h"

/*
 * The office's header and signature of its documents, reached from
 * Preferences: typed, previewed, saved into the file's settings, and what
 * the documents then print.
 */

static void
test_office_settings (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DdStore) store = dd_test_create_store (&path);
  g_autoptr(DdExportOffice) office = NULL;
  DdPreferencesWindow *prefs = dd_preferences_window_new (NULL, store);
  DdOfficeSettings *window;
  GtkWidget *button, *save;
  GtkLabel *preview;

  gtk_window_present (GTK_WINDOW (prefs));
  dd_test_iterate (50);
  button = dd_test_template_child (prefs, DD_TYPE_PREFERENCES_WINDOW, "office_button");
  g_assert_true (gtk_widget_get_visible (button));
  g_signal_emit_by_name (button, "clicked");
  dd_test_iterate (50);
  window = DD_OFFICE_SETTINGS (dd_test_find_toplevel (DD_TYPE_OFFICE_SETTINGS));
  g_assert_nonnull (window);

  save = dd_test_template_child (window, DD_TYPE_OFFICE_SETTINGS, "save_button");
  preview = dd_test_template_child (window, DD_TYPE_OFFICE_SETTINGS, "preview_label");
  g_assert_false (gtk_widget_get_sensitive (save));
  gtk_editable_set_text (dd_test_template_child (window, DD_TYPE_OFFICE_SETTINGS, "place_entry"), "Nghệ An");
  gtk_editable_set_text (dd_test_template_child (window, DD_TYPE_OFFICE_SETTINGS, "superior_entry"),
                         "UBND tỉnh Nghệ An");
  gtk_editable_set_text (dd_test_template_child (window, DD_TYPE_OFFICE_SETTINGS, "issuer_entry"), "Văn phòng");
  gtk_editable_set_text (dd_test_template_child (window, DD_TYPE_OFFICE_SETTINGS, "position_entry"),
                         "Chánh Văn phòng");
  gtk_editable_set_text (dd_test_template_child (window, DD_TYPE_OFFICE_SETTINGS, "name_entry"),
                         "  Nguyễn Văn An ");
  /* The preview: the two lines in capitals, as the documents print them. */
  g_assert_cmpstr (gtk_label_get_text (preview), ==, "UBND TỈNH NGHỆ AN\nVĂN PHÒNG\n───────");
  g_assert_true (gtk_widget_get_sensitive (save));
  dd_test_iterate (100);
  dd_test_screenshot ("office-settings");
  g_signal_emit_by_name (save, "clicked");
  g_assert_false (gtk_widget_get_sensitive (save));

  office = dd_export_office_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (office->place, ==, "Nghệ An");
  g_assert_cmpstr (office->issuer_superior, ==, "UBND tỉnh Nghệ An");
  g_assert_cmpstr (office->issuer, ==, "Văn phòng");
  g_assert_cmpstr (office->signer_position, ==, "Chánh Văn phòng");
  g_assert_cmpstr (office->signer_name, ==, "Nguyễn Văn An");

  gtk_window_destroy (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (prefs));
  dd_test_iterate (50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (g_getenv ("DD_TEST_PAUSE_MS") == NULL)
    g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "");
  dd_test_init_i18n ();

  if (!dd_test_init_gtk ())
    return DD_TEST_EXIT_SKIP;

  g_test_add_func ("/ui/office-settings", test_office_settings);
  return g_test_run ();
}
