/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A real SMTP server for the tests of the letters sent by email: the sink
 * of tests/lib/smtp-sink.py (aiosmtpd) on a free port of 127.0.0.1. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  GSubprocess *process;
  char *dir;                  /* where it writes each message, as N.json */
  char *port;
} DdTestSmtpSink;

/* Starts the sink, its messages in @dir (made here); @option and @value
 * (nullable): "--refuse ADDRESS" or "--auth USER:PASSWORD". Fails the test
 * when it cannot start. */
void   dd_test_smtp_sink_start        (DdTestSmtpSink *sink,
                                       const char     *dir,
                                       const char     *option,
                                       const char     *value);
/* Stops it (its standard input closed) and waits for its end. */
void   dd_test_smtp_sink_stop         (DdTestSmtpSink *sink);
/* The JSON text of the @n-th message it took (from 1), or NULL when it
 * took no such message. (transfer full) */
char  *dd_test_smtp_sink_dup_message  (DdTestSmtpSink *sink,
                                       guint           n);

G_END_DECLS
