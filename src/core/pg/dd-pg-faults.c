/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-pg"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dondoc/dondoc.h"
#include "dd-pg-private.h"

/*
 * The faults of a connection that libpq reports in its own words (and in
 * English where it has no translation, as for Vietnamese): a wrong
 * password, TLS required
 * by the location but refused by the server, a certificate that cannot
 * be checked, a hot standby that cannot take a write. Each gets a
 * translated sentence saying why and what to do.
 */

/* libpq's own message, in the language libpq speaks here. */
#define LIBPQ_DOMAIN "libpq5-15"

/* The value of @keyword in @conn's options, or NULL. (transfer full) */
static char *
dup_option (PGconn     *conn,
            const char *keyword)
{
  PQconninfoOption *options = PQconninfo (conn);
  char *value = NULL;

  for (PQconninfoOption *option = options; option != NULL && option->keyword != NULL; option++)
    if (g_str_equal (option->keyword, keyword) && option->val != NULL && option->val[0] != '\0')
      value = g_strdup (option->val);
  PQconninfoFree (options);
  return value;
}

/* Whether @message holds libpq's @msgid, in English or as translated. */
static gboolean
says (const char *message,
      const char *msgid)
{
  g_autofree char *english = g_strndup (msgid, strlen (msgid) - (g_str_has_suffix (msgid, "\n") ? 1 : 0));
  const char *translated = g_dgettext (LIBPQ_DOMAIN, msgid);
  g_autofree char *local = g_strndup (translated, strlen (translated)
                                                  - (g_str_has_suffix (translated, "\n") ? 1 : 0));

  return strstr (message, english) != NULL || strstr (message, local) != NULL;
}

/* The certificate authority's file libpq reads for @conn. (transfer full) */
static char *
dup_root_certificate (PGconn *conn)
{
  char *file = dup_option (conn, "sslrootcert");

  if (file == NULL)
    file = g_build_filename (g_get_home_dir (), ".postgresql", "root.crt", NULL);
  return file;
}

char *
_dd_pg_dup_connect_hint (PGconn *conn)
{
  const char *message = PQerrorMessage (conn);
  g_autofree char *mode = dup_option (conn, "sslmode");
  g_autofree char *root = NULL;
  gboolean verifies = g_strcmp0 (mode, "verify-ca") == 0 || g_strcmp0 (mode, "verify-full") == 0;

  if (message == NULL)
    return NULL;
  /* The server's words (in its own lc_messages: English by default). */
  if (strstr (message, "password authentication failed") != NULL)
    return g_strdup_printf (_("The server refused the password of the login “%s”: check it (Preferences → "
                              "Office’s PostgreSQL Server…, or ~/.pgpass). Nothing was read or written."),
                            PQuser (conn) != NULL ? PQuser (conn) : "");
  if (mode == NULL)
    return NULL;
  if (says (message, "server does not support SSL, but SSL was required\n"))
    return g_strdup_printf (_("This connection requires encryption (TLS, sslmode=%s) but the server does not "
                              "offer it: its administrator must turn on ssl in postgresql.conf. Nothing was "
                              "sent to the server."), mode);
  root = dup_root_certificate (conn);
  if (verifies && !g_file_test (root, G_FILE_TEST_EXISTS))
    return g_strdup_printf (_("This connection must check the server’s certificate (sslmode=%s) but the "
                              "certificate authority’s file “%s” does not exist: ask the server’s "
                              "administrator for it and give its path as sslrootcert. Nothing was sent "
                              "to the server."), mode, root);
  if (verifies && strstr (message, "certificate verify failed") != NULL)
    return g_strdup_printf (_("The server’s certificate is not signed by the certificate authority of “%s”: "
                              "this may not be the office’s server. Nothing was sent to it."), root);
  if (g_strcmp0 (mode, "verify-full") == 0 && strstr (message, "does not match host name") != NULL)
    return g_strdup_printf (_("The server’s certificate is not for the host name “%s”: connect with the name "
                              "its certificate was made for. Nothing was sent to the server."),
                            PQhost (conn) != NULL ? PQhost (conn) : "");
  return NULL;
}

void
_dd_pg_set_read_only_error (GError **error)
{
  g_set_error_literal (error, DD_PG_ERROR, DD_PG_ERROR_STANDBY,
                       _("This server is a standby, a read-only copy of the office’s server: changes are "
                         "made on the primary server. Nothing was saved."));
}
