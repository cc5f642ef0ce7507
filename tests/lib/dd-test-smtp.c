/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-test-smtp"

#include <glib/gstdio.h>

#include "dd-test-smtp.h"

void
dd_test_smtp_sink_start (DdTestSmtpSink *sink,
                         const char     *dir,
                         const char     *option,
                         const char     *value)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "lib", "smtp-sink.py", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  const char *argv[] = { "/usr/bin/python3", script, dir, option, value, NULL };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  sink->dir = g_strdup (dir);
  sink->process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                     &error);
  g_assert_no_error (error);
  /* Its first line is the port it listens on. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sink->process));
  sink->port = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sink->port);
}

void
dd_test_smtp_sink_stop (DdTestSmtpSink *sink)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_close (g_subprocess_get_stdin_pipe (sink->process), NULL, NULL);
  g_subprocess_wait (sink->process, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&sink->process);
  g_clear_pointer (&sink->dir, g_free);
  g_clear_pointer (&sink->port, g_free);
}

char *
dd_test_smtp_sink_dup_message (DdTestSmtpSink *sink,
                               guint           n)
{
  g_autofree char *name = g_strdup_printf ("%u.json", n);
  g_autofree char *path = g_build_filename (sink->dir, name, NULL);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  return text;
}
