/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-pg"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "dondoc/dondoc.h"

/*
 * A desktop's connection profile: the fields in the user's settings file
 * (group [server]), the password in the desktop's keyring, looked up by
 * host, port, database and user. The connection is made from libpq's
 * key/value form, built in memory only.
 */

#define GROUP "server"

static const char * const ssl_modes[] = { "disable", "prefer", "require", "verify-ca", "verify-full" };

G_DEFINE_BOXED_TYPE (DdPgProfile, dd_pg_profile, dd_pg_profile_copy, dd_pg_profile_free)

DdPgProfile *
dd_pg_profile_new (void)
{
  DdPgProfile *self = g_new0 (DdPgProfile, 1);

  self->port = 5432;
  self->sslmode = g_strdup ("prefer");
  return self;
}

DdPgProfile *
dd_pg_profile_copy (const DdPgProfile *self)
{
  DdPgProfile *copy = g_new0 (DdPgProfile, 1);

  g_return_val_if_fail (self != NULL, NULL);

  copy->host = g_strdup (self->host);
  copy->port = self->port;
  copy->database = g_strdup (self->database);
  copy->user = g_strdup (self->user);
  copy->sslmode = g_strdup (self->sslmode);
  return copy;
}

void
dd_pg_profile_free (DdPgProfile *self)
{
  if (self == NULL)
    return;
  g_free (self->host);
  g_free (self->database);
  g_free (self->user);
  g_free (self->sslmode);
  g_free (self);
}

static char *
settings_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "dondoc", "settings.ini", NULL);
}

DdPgProfile *
dd_pg_profile_load (GError **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *path = settings_path ();
  g_autoptr(DdPgProfile) self = NULL;
  GError *local_error = NULL;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_clear_error (&local_error);
      else
        g_propagate_error (error, local_error);
      return NULL;
    }
  if (!g_key_file_has_group (file, GROUP))
    return NULL;
  self = dd_pg_profile_new ();
  self->host = g_key_file_get_string (file, GROUP, "host", NULL);
  self->port = (guint) CLAMP (g_key_file_get_integer (file, GROUP, "port", NULL), 0, 65535);
  self->database = g_key_file_get_string (file, GROUP, "database", NULL);
  self->user = g_key_file_get_string (file, GROUP, "user", NULL);
  g_free (self->sslmode);
  self->sslmode = g_key_file_get_string (file, GROUP, "sslmode", NULL);
  return g_steal_pointer (&self);
}

static gboolean
check_text (const char  *value,
            const char  *field,
            GError     **error)
{
  if (value == NULL || *value == '\0')
    {
      /* Translators: %s is a field of the server's connection (Server, Database, Login). */
      g_set_error (error, DD_PG_ERROR, DD_PG_ERROR_PROFILE, _("%s: give a value."), field);
      return FALSE;
    }
  for (const char *p = value; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p) || g_ascii_isspace (*p))
      {
        g_set_error (error, DD_PG_ERROR, DD_PG_ERROR_PROFILE,
                     _("%s: “%s” holds a space or a control character."), field, value);
        return FALSE;
      }
  return TRUE;
}

gboolean
dd_pg_profile_check (const DdPgProfile  *self,
                     GError            **error)
{
  gboolean known = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!check_text (self->host, _("Server"), error) || !check_text (self->database, _("Database"), error)
      || !check_text (self->user, _("Login"), error))
    return FALSE;
  if (self->port < 1 || self->port > 65535)
    {
      g_set_error (error, DD_PG_ERROR, DD_PG_ERROR_PROFILE,
                   _("Port: %u is not a port number (1 to 65535)."), self->port);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (ssl_modes); i++)
    known |= g_strcmp0 (self->sslmode, ssl_modes[i]) == 0;
  if (!known)
    {
      g_set_error (error, DD_PG_ERROR, DD_PG_ERROR_PROFILE,
                   _("Encryption: “%s” is not one of disable, prefer, require, verify-ca, verify-full."),
                   self->sslmode != NULL ? self->sslmode : "");
      return FALSE;
    }
  return TRUE;
}

gboolean
dd_pg_profile_save (const DdPgProfile  *self,
                    GError            **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *path = settings_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  g_return_val_if_fail (self != NULL, FALSE);

  if (!dd_pg_profile_check (self, error))
    return FALSE;
  /* Keep whatever else the file holds (the language). */
  g_key_file_load_from_file (file, path, G_KEY_FILE_KEEP_COMMENTS, NULL);
  g_key_file_set_string (file, GROUP, "host", self->host);
  g_key_file_set_integer (file, GROUP, "port", (int) self->port);
  g_key_file_set_string (file, GROUP, "database", self->database);
  g_key_file_set_string (file, GROUP, "user", self->user);
  g_key_file_set_string (file, GROUP, "sslmode", self->sslmode);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (errno));
      return FALSE;
    }
  return g_key_file_save_to_file (file, path, error);
}

char *
dd_pg_profile_dup_uri (const DdPgProfile *self)
{
  g_autofree char *user = NULL;
  g_autofree char *database = NULL;
  g_autofree char *host = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  user = g_uri_escape_string (self->user != NULL ? self->user : "", NULL, FALSE);
  database = g_uri_escape_string (self->database != NULL ? self->database : "", NULL, FALSE);
  host = g_uri_escape_string (self->host != NULL ? self->host : "", NULL, FALSE);

  /* A socket folder is given as host=, as libpq wants it. */
  if (self->host != NULL && self->host[0] == '/')
    return g_strdup_printf ("postgresql://%s@/%s?host=%s&port=%u&sslmode=%s", user, database, host,
                            self->port, self->sslmode);
  return g_strdup_printf ("postgresql://%s@%s:%u/%s?sslmode=%s", user, host, self->port, database,
                          self->sslmode);
}

/* Keyring */

static const SecretSchema *
server_schema (void)
{
  static const SecretSchema schema = {
    "io.github.dondoc.Dondoc.Postgres", SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static void
set_keyring_error (GError  *cause,
                   GError **error)
{
  g_set_error (error, DD_PG_ERROR, DD_PG_ERROR_KEYRING,
               /* Translators: %s says why (from the Secret Service). */
               _("The desktop’s keyring (where the server’s password is kept) could not be used: %s."),
               cause->message);
  g_error_free (cause);
}

gboolean
dd_pg_profile_store_password (const DdPgProfile  *self,
                              const char         *password,
                              GCancellable       *cancellable,
                              GError            **error)
{
  GError *local_error = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!dd_pg_profile_check (self, error))
    return FALSE;
  if (password == NULL || *password == '\0')
    secret_password_clear_sync (server_schema (), cancellable, &local_error, "host", self->host,
                                "port", (int) self->port, "database", self->database, "user", self->user, NULL);
  else
    {
      /* Translators: the keyring's name for the password; login, database, server. */
      label = g_strdup_printf (_("Đôn Đốc server: %s on %s at %s"), self->user, self->database, self->host);
      secret_password_store_sync (server_schema (), SECRET_COLLECTION_DEFAULT, label, password, cancellable,
                                  &local_error, "host", self->host, "port", (int) self->port,
                                  "database", self->database, "user", self->user, NULL);
    }
  if (local_error != NULL)
    {
      set_keyring_error (local_error, error);
      return FALSE;
    }
  return TRUE;
}

char *
dd_pg_profile_dup_password (const DdPgProfile  *self,
                            GCancellable       *cancellable,
                            GError            **error)
{
  GError *local_error = NULL;
  char *password;
  char *copy;

  g_return_val_if_fail (self != NULL, NULL);

  password = secret_password_lookup_sync (server_schema (), cancellable, &local_error, "host", self->host,
                                          "port", (int) self->port, "database", self->database,
                                          "user", self->user, NULL);
  if (local_error != NULL)
    {
      set_keyring_error (local_error, error);
      return NULL;
    }
  if (password == NULL)
    return NULL;
  copy = g_strdup (password);
  secret_password_free (password);
  return copy;
}

/* @value quoted for libpq's key/value form. */
static void
append_value (GString    *conninfo,
              const char *keyword,
              const char *value)
{
  g_string_append_printf (conninfo, "%s%s='", conninfo->len > 0 ? " " : "", keyword);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (conninfo, '\\');
      g_string_append_c (conninfo, *p);
    }
  g_string_append_c (conninfo, '\'');
}

DdPg *
dd_pg_profile_connect (const DdPgProfile  *self,
                       GCancellable       *cancellable,
                       GError            **error)
{
  g_autofree char *password = NULL;
  g_autofree char *port = NULL;
  GString *conninfo;
  DdPg *pg;

  g_return_val_if_fail (self != NULL, NULL);

  if (!dd_pg_profile_check (self, error))
    return NULL;
  password = dd_pg_profile_dup_password (self, cancellable, error);
  if (password == NULL && error != NULL && *error != NULL)
    return NULL;
  port = g_strdup_printf ("%u", self->port);
  conninfo = g_string_new (NULL);
  append_value (conninfo, "host", self->host);
  append_value (conninfo, "port", port);
  append_value (conninfo, "dbname", self->database);
  append_value (conninfo, "user", self->user);
  append_value (conninfo, "sslmode", self->sslmode);
  if (password != NULL)
    append_value (conninfo, "password", password);
  pg = dd_pg_connect (conninfo->str, error);
  /* The password does not stay in freed memory. */
  memset (conninfo->str, 0, conninfo->len);
  g_string_free (conninfo, TRUE);
  if (password != NULL)
    memset (password, 0, strlen (password));
  return pg;
}
