/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <glib-object.h>

#include "dd-types.h"

G_BEGIN_DECLS

/*
 * The PostgreSQL server side (issue #22, first part): connecting with a libpq
 * URI, the schema's migrations (data/pg/NNNN-*.sql, in the core), the group
 * roles and the login roles of an office. The store's other features do not
 * run over PostgreSQL yet.
 */

/* The number of data/pg migrations this program knows. */
#define DD_PG_SCHEMA_VERSION 8
/* The SQLite data version (DD_SCHEMA_VERSION) whose tables they hold. */
#define DD_PG_DATA_VERSION 10

/**
 * DdPgRole:
 * @DD_PG_ROLE_VIEWER: reads everything, writes nothing (group dondoc_viewer)
 * @DD_PG_ROLE_UNIT_EDITOR: writes its unit's tasks, reports and figures
 *   (group dondoc_unit_editor)
 * @DD_PG_ROLE_ADMIN: writes everything but the audit history (group dondoc_admin)
 */
typedef enum
{
  DD_PG_ROLE_VIEWER,
  DD_PG_ROLE_UNIT_EDITOR,
  DD_PG_ROLE_ADMIN,
} DdPgRole;

/**
 * DdPgRoleEntry:
 * @login: the login role
 * @role: its Đôn Đốc role (the highest group it is a member of)
 * @unit_id: its unit's id, 0 for none
 * @unit_name: (nullable): its unit's name
 *
 * A login role of the server with a Đôn Đốc role, as dd_pg_list_roles() lists it.
 */
typedef struct
{
  char *login;
  DdPgRole role;
  gint64 unit_id;
  char *unit_name;
} DdPgRoleEntry;

void dd_pg_role_entry_free (DdPgRoleEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdPgRoleEntry, dd_pg_role_entry_free)

/**
 * dd_pg_role_to_string:
 * @role: a role
 *
 * Returns: (transfer none): its stable name: "viewer", "unit_editor" or "admin"
 */
const char *dd_pg_role_to_string (DdPgRole role);

/**
 * dd_pg_role_from_string:
 * @str: "viewer", "unit-editor" (or "unit_editor") or "admin"
 * @out_role: (out): the role
 *
 * Returns: %TRUE when @str names a role
 */
gboolean dd_pg_role_from_string (const char *str,
                                 DdPgRole   *out_role);

/**
 * dd_pg_location_is_uri:
 * @location: (nullable): what --db names
 *
 * Returns: %TRUE when @location is a libpq URI ("postgresql://…" or
 *   "postgres://…") rather than a file
 */
gboolean dd_pg_location_is_uri (const char *location);

#define DD_TYPE_PG (dd_pg_get_type ())
G_DECLARE_FINAL_TYPE (DdPg, dd_pg, DD, PG, GObject)

/**
 * dd_pg_connect:
 * @uri: a libpq URI: postgresql://[user@][host][:port]/dbname[?host=/socket/folder&sslmode=…]
 * @error: return location for a #GError (%DD_PG_ERROR_CONNECT)
 *
 * Connects to the server as libpq's URI, environment and ~/.pgpass say;
 * the password is never taken from the command line.
 *
 * Returns: (transfer full): the connection, or %NULL
 */
DdPg *dd_pg_connect (const char  *uri,
                     GError     **error);

/**
 * dd_pg_get_database:
 * @self: a connection
 *
 * Returns: (transfer none): the name of the connected database
 */
const char *dd_pg_get_database (DdPg *self);

/**
 * dd_pg_get_schema_version:
 * @self: a connection
 * @error: return location for a #GError
 *
 * Returns: the number of migrations the database has had, 0 when it has no
 *   Đôn Đốc schema, -1 on error
 */
int dd_pg_get_schema_version (DdPg    *self,
                              GError **error);

/**
 * dd_pg_init_schema:
 * @self: a connection as the database's owner (or a role that may create
 *   tables and roles)
 * @out_applied: (out) (optional): how many migrations were applied
 * @error: return location for a #GError
 *
 * Creates the schema and the group roles in a database without one, in one
 * transaction; does nothing on a database already at DD_PG_SCHEMA_VERSION.
 * Refuses an older schema (%DD_PG_ERROR_NEEDS_UPGRADE: dd_pg_upgrade_schema()) and
 * a newer one (%DD_PG_ERROR_NEWER), changing nothing.
 *
 * Returns: %TRUE on success
 */
gboolean dd_pg_init_schema (DdPg     *self,
                            guint    *out_applied,
                            GError  **error);

/**
 * dd_pg_upgrade_schema:
 * @self: a connection as the database's owner
 * @out_applied: (out) (optional): how many migrations were applied
 * @error: return location for a #GError
 *
 * Applies the migrations the database has not had, in one transaction
 * (an administrator's command; a desktop never migrates). Does nothing on a
 * database already at DD_PG_SCHEMA_VERSION; refuses a database without the
 * schema (%DD_PG_ERROR_NOT_INITIALIZED) and a newer one (%DD_PG_ERROR_NEWER).
 *
 * Returns: %TRUE on success
 */
gboolean dd_pg_upgrade_schema (DdPg     *self,
                               guint    *out_applied,
                               GError  **error);

/**
 * dd_pg_grant_role:
 * @self: a connection as a role that may create roles and grant the groups
 * @login: the login role (created, without a password, if it does not exist)
 * @role: the role to give it (replacing any other Đôn Đốc role)
 * @unit: (nullable): the unit's name, required for %DD_PG_ROLE_UNIT_EDITOR
 *   and ignored otherwise
 * @error: return location for a #GError
 *
 * Makes @login a member of the group of @role, and links it to @unit, in
 * one transaction.
 *
 * Returns: %TRUE on success
 */
gboolean dd_pg_grant_role (DdPg        *self,
                           const char  *login,
                           DdPgRole     role,
                           const char  *unit,
                           GError     **error);

/**
 * dd_pg_revoke_role:
 * @self: a connection as a role that may grant the groups
 * @login: the login role
 * @error: return location for a #GError (%DD_PG_ERROR_NOT_FOUND when
 *   @login has no Đôn Đốc role)
 *
 * Takes @login out of the Đôn Đốc groups and forgets its unit; the login
 * role itself stays (it is the server administrator's).
 *
 * Returns: %TRUE on success
 */
gboolean dd_pg_revoke_role (DdPg        *self,
                            const char  *login,
                            GError     **error);

/**
 * dd_pg_list_roles:
 * @self: a connection
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type DdPgRoleEntry): the login roles
 *   with a Đôn Đốc role, by name; %NULL on error
 */
GPtrArray *dd_pg_list_roles (DdPg    *self,
                             GError **error);

/**
 * dd_pg_check_schema:
 * @self: a connection
 * @error: return location for a #GError (%DD_PG_ERROR_NOT_INITIALIZED,
 *   %DD_PG_ERROR_NEEDS_UPGRADE or %DD_PG_ERROR_NEWER)
 *
 * Checks that the database has this program's schema, neither none, nor
 * an older one (an administrator's "upgrade" first), nor a newer one.
 *
 * Returns: %TRUE when it has
 */
gboolean dd_pg_check_schema (DdPg    *self,
                             GError **error);

/**
 * dd_pg_check_reader:
 * @self: a connection
 * @error: return location for a #GError (%DD_PG_ERROR_PERMISSION)
 *
 * Checks that the connected login may read the data: it has a Đôn Đốc
 * role (viewer, unit editor or administrator), or owns the database.
 *
 * Returns: %TRUE when it may
 */
gboolean dd_pg_check_reader (DdPg    *self,
                             GError **error);

/**
 * dd_pg_check_writable:
 * @self: a connection
 * @error: return location for a #GError (%DD_PG_ERROR_STANDBY)
 *
 * Checks that the server takes writes: a hot standby (a streaming
 * replica, in recovery) does not, and a command that would write is
 * refused there before anything is read.
 *
 * Returns: %TRUE when the server is a primary
 */
gboolean dd_pg_check_writable (DdPg    *self,
                               GError **error);

/**
 * DdPgTableCount:
 * @table: the table
 * @source: its rows where they were copied from
 * @target: its rows where they were copied to (equal, when the copy is kept)
 *
 * A table's verified count after dd_pg_migrate_from_store() or
 * dd_pg_migrate_to_file().
 */
typedef struct
{
  char *table;
  gint64 source;
  gint64 target;
} DdPgTableCount;

void dd_pg_table_count_free (DdPgTableCount *count);

/**
 * dd_pg_migrate_from_store:
 * @self: a connection as the owner of the database's tables
 * @source: the office's file
 * @out_counts: (out) (optional) (transfer full) (element-type DdPgTableCount):
 *   every table's rows in the file and on the server
 * @error: return location for a #GError (%DD_PG_ERROR_NOT_EMPTY when the
 *   database already holds data)
 *
 * Moves an office to the server: every row of every table of @source
 * (tasks, the recycle bin, the revisions, the audit history as it was
 * written), with their ids, into a database just made by "init", in one
 * transaction, its triggers off meanwhile; the counts of every table are
 * compared before it commits. The login roles are not made: each person's
 * role on the server is given with dd_pg_grant_role().
 *
 * Returns: %TRUE on success; on failure nothing was written
 */
gboolean dd_pg_migrate_from_store (DdPg       *self,
                                   DdStore    *source,
                                   GPtrArray **out_counts,
                                   GError    **error);

/**
 * dd_pg_migrate_to_file:
 * @self: a connection that may read the data
 * @path: the new file (an existing file is refused)
 * @out_counts: (out) (optional) (transfer full) (element-type DdPgTableCount):
 *   every table's rows on the server and in the file
 * @error: return location for a #GError
 *
 * Copies the server's data into a new Đôn Đốc file (a laptop going
 * offline), every table of one snapshot, the counts compared; the file's
 * users have the roles their login roles have on the server.
 *
 * Returns: %TRUE on success; on failure no file is left
 */
gboolean dd_pg_migrate_to_file (DdPg        *self,
                                const char  *path,
                                GPtrArray  **out_counts,
                                GError     **error);

/**
 * dd_pg_read_store:
 * @self: a connection that may read the data
 * @error: return location for a #GError
 *
 * A store whose reads run on the server's tables in place, without a
 * copy: every read of the store and of the domains runs on it as on a
 * file, with the same results, each scan of a table a query on the server
 * that reads only the rows and columns the statement needs. Every read
 * sees one snapshot (a REPEATABLE READ transaction that lasts as long as
 * the store). It is read-only; its user is the connected login, with its
 * role on the server. @self is kept by the store.
 *
 * Returns: (transfer full): the store, or %NULL
 */
DdStore *dd_pg_read_store (DdPg    *self,
                           GError **error);

/**
 * dd_pg_write_store:
 * @self: a connection that may read the data
 * @error: return location for a #GError
 *
 * A store on the server's tables in place, as dd_pg_read_store(), that
 * also writes in place when the server lets the login write: each row the
 * store inserts, updates or deletes is a statement on the server, in one
 * transaction of the server's per write transaction of the store; a row
 * is updated or deleted only if its revision is still the one read (else
 * %DD_STORE_ERROR_CONFLICT); a new row gets its id from the server. Each
 * write transaction begins on a new snapshot of the server's data and the
 * reads after it see the next one. On a standby, or for a viewer, the
 * store is read-only and dd_store_get_read_only_reason() says why. Some
 * tables are not written this way yet (settings, users): a change of one
 * is refused, saying so. @self is kept by the store.
 *
 * Returns: (transfer full): the store, or %NULL
 */
DdStore *dd_pg_write_store (DdPg    *self,
                            GError **error);

/**
 * dd_pg_store_is_server:
 * @self: a store
 *
 * Whether @self is a PostgreSQL server's data read in place
 * (dd_pg_read_store(), dd_pg_write_store()) rather than a file's: the
 * window and its dialogs say "on the server" where a file's say "in the
 * file".
 *
 * Returns: %TRUE for a server's store
 */
gboolean dd_pg_store_is_server (DdStore *self);

G_END_DECLS
