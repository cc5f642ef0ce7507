/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>
#include <dondoc/dondoc.h>

#include "dd-application.h"
#include "dd-renderer.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DdApplication) app = NULL;
  int status;

  g_autofree char *language = NULL;

  /* Before any thread (GLib's workers, the store's) allocates. */
  dd_renderer_keep_frame_memory ();
  setlocale (LC_ALL, "");

  /* The language chosen in Preferences, before anything is translated. */
  language = dd_language_dup_choice ();
  dd_language_apply (language);
  /* GTK would call setlocale (LC_ALL, "") again and undo the choice. */
  gtk_disable_setlocale ();

  /* The core binds the same domain to the installed catalogue: let it do so
   * first, so that DONDOC_LOCALEDIR (tests, running from the build tree)
   * wins. */
  dd_init_i18n ();

  bindtextdomain (GETTEXT_PACKAGE, dd_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Before GTK starts (and any thread that could read the environment). */
  dd_renderer_choose ();

  app = dd_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);

  return status != 0 ? status : dd_application_get_exit_status (app);
}
