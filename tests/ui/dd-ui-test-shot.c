/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "dd-ui-test-shot.h"
#include "dd-ui-test-utils.h"

void
dd_test_screenshot (const char *name)
{
  const char *dir = g_getenv ("DD_TEST_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *command = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (dir == NULL || *dir == '\0')
    return;

  dd_test_iterate (500);
  path = g_strdup_printf ("%s/%s.png", dir, name);
  quoted = g_shell_quote (path);
  command = g_strdup_printf ("import -window root %s", quoted);
  if (!g_spawn_command_line_sync (command, NULL, NULL, &status, &error))
    g_printerr ("Could not take the screenshot %s: %s\n", path, error->message);
}
