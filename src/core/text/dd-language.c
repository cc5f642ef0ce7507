/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-language"

#include "config.h"

#include <locale.h>
#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dondoc/dondoc.h"

#define GROUP "interface"
#define KEY "language"

static char *
settings_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "dondoc", "settings.ini", NULL);
}

static gboolean
is_valid_choice (const char *choice)
{
  return g_strcmp0 (choice, DD_LANGUAGE_SYSTEM) == 0 ||
         g_strcmp0 (choice, DD_LANGUAGE_VI) == 0 ||
         g_strcmp0 (choice, DD_LANGUAGE_EN) == 0;
}

char *
dd_language_dup_choice (void)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *path = settings_path ();
  g_autofree char *choice = NULL;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL))
    return g_strdup (DD_LANGUAGE_SYSTEM);
  choice = g_key_file_get_string (file, GROUP, KEY, NULL);
  if (!is_valid_choice (choice))
    return g_strdup (DD_LANGUAGE_SYSTEM);
  return g_steal_pointer (&choice);
}

gboolean
dd_language_save_choice (const char  *choice,
                         GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *path = settings_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  g_return_val_if_fail (is_valid_choice (choice), FALSE);

  /* Keep whatever else the file holds. */
  g_key_file_load_from_file (file, path, G_KEY_FILE_KEEP_COMMENTS, NULL);
  g_key_file_set_string (file, GROUP, KEY, choice);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (errno));
      return FALSE;
    }
  return g_key_file_save_to_file (file, path, error);
}

static gboolean
messages_locale_is_c (void)
{
  const char *current = setlocale (LC_MESSAGES, NULL);

  return current == NULL || g_str_equal (current, "C") || g_str_equal (current, "POSIX");
}

void
dd_language_apply (const char *choice)
{
  if (g_strcmp0 (choice, DD_LANGUAGE_VI) == 0)
    {
      /* gettext ignores LANGUAGE under the "C" locale: when the desktop has
       * no usable locale, take vi_VN.UTF-8 if installed, else C.UTF-8 (which
       * every Debian has), so that the Vietnamese catalogue is used anyway. */
      g_setenv ("LANGUAGE", "vi", TRUE);
      if (messages_locale_is_c () || strstr (setlocale (LC_MESSAGES, NULL), "UTF-8") == NULL)
        {
          if (setlocale (LC_MESSAGES, "vi_VN.UTF-8") == NULL)
            setlocale (LC_MESSAGES, "C.UTF-8");
        }
      dd_format_set_language (DD_LANGUAGE_VIETNAMESE);
    }
  else if (g_strcmp0 (choice, DD_LANGUAGE_EN) == 0)
    {
      /* There is no English catalogue: the messages are English already. */
      g_setenv ("LANGUAGE", "en", TRUE);
      dd_format_set_language (DD_LANGUAGE_ENGLISH);
    }
  else
    dd_format_set_language (-1);
}
