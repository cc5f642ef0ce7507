/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <gio/gio.h>

#include "dd-pg.h"

G_BEGIN_DECLS

/**
 * DdPgProfile:
 * @host: the server's name or address, or a folder of its Unix socket
 * @port: its port (1–65535)
 * @database: the office's database
 * @user: the login
 * @sslmode: libpq's TLS mode: disable, prefer, require, verify-ca or verify-full
 *
 * The connection profile of one person's desktop (Preferences): where the
 * office's PostgreSQL server is and who logs in. It is kept in the user's
 * own settings (~/.config/dondoc/settings.ini), the password apart in the
 * desktop's keyring (the Secret Service, through libsecret), never in a file.
 */
typedef struct
{
  char *host;
  guint port;
  char *database;
  char *user;
  char *sslmode;
} DdPgProfile;

#define DD_TYPE_PG_PROFILE (dd_pg_profile_get_type ())
GType        dd_pg_profile_get_type (void) G_GNUC_CONST;

/**
 * dd_pg_profile_new:
 *
 * Returns: (transfer full): an empty profile: port 5432, sslmode "prefer"
 */
DdPgProfile *dd_pg_profile_new  (void);
/**
 * dd_pg_profile_copy:
 * @self: a profile
 *
 * Returns: (transfer full): a copy
 */
DdPgProfile *dd_pg_profile_copy (const DdPgProfile *self);
/**
 * dd_pg_profile_free:
 * @self: a profile
 */
void         dd_pg_profile_free (DdPgProfile *self);

/**
 * dd_pg_profile_load:
 * @error: return location for a #GError (the settings file cannot be read)
 *
 * Returns: (transfer full) (nullable): the profile saved on this desktop,
 *   or %NULL (without an error) when none is
 */
DdPgProfile *dd_pg_profile_load (GError **error);

/**
 * dd_pg_profile_check:
 * @self: a profile
 * @error: return location for a #GError (%DD_PG_ERROR_PROFILE)
 *
 * Returns: %TRUE when every field is given and valid; else @error names
 *   the field and says why
 */
gboolean     dd_pg_profile_check (const DdPgProfile  *self,
                                  GError            **error);

/**
 * dd_pg_profile_save:
 * @self: a profile
 * @error: return location for a #GError (%DD_PG_ERROR_PROFILE, a file error)
 *
 * Checks @self and keeps it in the user's settings, without a password.
 * Nothing is written when it is not valid.
 *
 * Returns: %TRUE when saved
 */
gboolean     dd_pg_profile_save  (const DdPgProfile  *self,
                                  GError            **error);

/**
 * dd_pg_profile_dup_uri:
 * @self: a profile
 *
 * Returns: (transfer full): the libpq URI of @self, without a password
 *   (as `dondoc --db` and `dondoc-cli --db` take it)
 */
char        *dd_pg_profile_dup_uri (const DdPgProfile *self);

/**
 * dd_pg_profile_store_password:
 * @self: a profile
 * @password: (nullable): the login's password; %NULL or "" forgets it
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError (%DD_PG_ERROR_KEYRING)
 *
 * Keeps the password of @self's login on its server and database in the
 * desktop's keyring. Blocks on the Secret Service.
 *
 * Returns: %TRUE when kept (or forgotten)
 */
gboolean     dd_pg_profile_store_password (const DdPgProfile  *self,
                                           const char         *password,
                                           GCancellable       *cancellable,
                                           GError            **error);

/**
 * dd_pg_profile_dup_password:
 * @self: a profile
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError (%DD_PG_ERROR_KEYRING)
 *
 * Returns: (transfer full) (nullable): the password the keyring keeps for
 *   @self, or %NULL (without an error) when it keeps none
 */
char        *dd_pg_profile_dup_password (const DdPgProfile  *self,
                                         GCancellable       *cancellable,
                                         GError            **error);

/**
 * dd_pg_profile_connect:
 * @self: a profile
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Connects as @self says, with the password from the keyring (if it keeps
 * one; else libpq's ~/.pgpass or none). Blocks.
 *
 * Returns: (transfer full): the connection, or %NULL
 */
DdPg        *dd_pg_profile_connect (const DdPgProfile  *self,
                                    GCancellable       *cancellable,
                                    GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdPgProfile, dd_pg_profile_free)

G_END_DECLS
