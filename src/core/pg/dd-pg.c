/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-pg"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "dondoc/dondoc.h"
#include "dd-pg-private.h"
#include "dd-pg-resources.h"

/*
 * The connection to a PostgreSQL server (libpq) and the schema's migrations.
 * Each migration is a file of data/pg, embedded in the core; the table
 * dondoc_schema records the ones a database has had (one row each, with who
 * applied it), so that its version is their number.
 */

G_DEFINE_QUARK (dd-pg-error-quark, dd_pg_error)

struct _DdPg
{
  GObject parent_instance;
  PGconn *conn;
};

G_DEFINE_FINAL_TYPE (DdPg, dd_pg, G_TYPE_OBJECT)

/* The migrations in order: migration N is the Nth. */
static const char * const migrations[] = {
  "0001-tables.sql",
  "0002-roles.sql",
  "0003-status.sql",
  "0004-write-through.sql",
  "0005-letters-mail.sql",
  "0006-notify.sql",
  "0007-import-pending.sql",
  "0008-task-changes.sql",
};
G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == DD_PG_SCHEMA_VERSION);

/* Serializes two administrators upgrading at once (any fixed number). */
#define MIGRATION_LOCK "4422220022"

static void
dd_pg_finalize (GObject *object)
{
  DdPg *self = DD_PG (object);

  g_clear_pointer (&self->conn, PQfinish);
  G_OBJECT_CLASS (dd_pg_parent_class)->finalize (object);
}

static void
dd_pg_class_init (DdPgClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_pg_finalize;
}

static void
dd_pg_init (DdPg *self)
{
}

gboolean
dd_pg_location_is_uri (const char *location)
{
  return location != NULL && (g_str_has_prefix (location, "postgresql://")
                              || g_str_has_prefix (location, "postgres://"));
}

/* Errors */

/* The guard triggers' codes (data/pg/0002-roles.sql), in words. */
static const char *
refusal_text (const char *code)
{
  if (g_strcmp0 (code, "dd:permission:unit") == 0)
    return _("Only an editor of the unit that leads the task may change it.");
  if (g_strcmp0 (code, "dd:permission:admin") == 0)
    return _("Only an administrator may do this.");
  if (g_strcmp0 (code, "dd:builtin") == 0)
    return _("The built-in plan of assignments outside any plan cannot be changed or deleted.");
  return NULL;
}

gboolean
dd_pg_result_ok (PGresult  *result,
                 GError   **error)
{
  ExecStatusType status = result != NULL ? PQresultStatus (result) : PGRES_FATAL_ERROR;
  const char *state;
  const char *primary;
  const char *text;

  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    return TRUE;

  state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  primary = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  if (primary == NULL)
    primary = result != NULL ? PQresultErrorMessage (result) : _("no answer from the server");
  text = refusal_text (primary);

  if (text != NULL)
    g_set_error_literal (error, DD_PG_ERROR, DD_PG_ERROR_PERMISSION, text);
  else if (g_strcmp0 (state, "25006") == 0)
    _dd_pg_set_read_only_error (error);
  /* Two desktops' transactions crossed (a row changed since the snapshot,
   * or a deadlock): the other one's change stays, this one is refused. */
  else if (g_strcmp0 (state, "40001") == 0 || g_strcmp0 (state, "40P01") == 0)
    g_set_error_literal (error, DD_STORE_ERROR, DD_STORE_ERROR_CONFLICT,
                         _("Someone else changed the same data on the server at the same time; nothing "
                           "was saved: read it again and redo the change."));
  else if (g_strcmp0 (state, "42501") == 0)
    g_set_error (error, DD_PG_ERROR, DD_PG_ERROR_PERMISSION,
                 _("The server refused: your role may not do this (%s)."), primary);
  /* libpq's own errors have no SQLSTATE: the connection was lost
   * (the server killed or unreachable) before the answer came. */
  else if (state == NULL || g_str_has_prefix (state, "08") || g_str_has_prefix (state, "57P"))
    g_set_error (error, DD_PG_ERROR, DD_PG_ERROR_CONNECT,
                 _("The connection to the PostgreSQL server was lost: %s"), primary);
  else
    g_set_error (error, DD_PG_ERROR, DD_PG_ERROR_QUERY,
                 _("The PostgreSQL server refused the statement: %s"), primary);
  return FALSE;
}

gboolean
dd_pg_parse_int (const char  *text,
                 gint64       min,
                 gint64       max,
                 gint64      *out,
                 GError     **error)
{
  if (text != NULL && g_ascii_string_to_signed (text, 10, min, max, out, NULL))
    return TRUE;
  g_set_error (error, DD_PG_ERROR, DD_PG_ERROR_QUERY,
               _("The PostgreSQL server answered “%s” where a whole number was expected."),
               text != NULL ? text : "");
  return FALSE;
}

gboolean
dd_pg_exec (DdPg        *self,
            const char  *sql,
            GError     **error)
{
  PGresult *result = PQexec (self->conn, sql);
  gboolean ok = dd_pg_result_ok (result, error);

  PQclear (result);
  return ok;
}

void
dd_pg_rollback (DdPg *self)
{
  PQclear (PQexec (self->conn, "ROLLBACK"));
}

void
_dd_pg_params_set (DdPgParams *params,
                   const char *keyword,
                   const char *value)
{
  for (guint i = 0; i + 1 < params->keywords->len; i++)
    if (g_str_equal (params->keywords->pdata[i], keyword))
      {
        g_free (params->values->pdata[i]);
        params->values->pdata[i] = g_strdup (value);
        return;
      }
  /* Before the NULL that ends each array. */
  g_ptr_array_insert (params->keywords, (int) params->keywords->len - 1, g_strdup (keyword));
  g_ptr_array_insert (params->values, (int) params->values->len - 1, g_strdup (value));
}

void
_dd_pg_params_init (DdPgParams *params,
                    PGconn     *conn)
{
  PQconninfoOption *options = PQconninfo (conn);

  params->keywords = g_ptr_array_new_with_free_func (g_free);
  params->values = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (params->keywords, NULL);
  g_ptr_array_add (params->values, NULL);
  for (PQconninfoOption *option = options; option != NULL && option->keyword != NULL; option++)
    if (option->val != NULL && option->val[0] != '\0')
      _dd_pg_params_set (params, option->keyword, option->val);
  PQconninfoFree (options);
}

void
_dd_pg_params_clear (DdPgParams *params)
{
  g_clear_pointer (&params->keywords, g_ptr_array_unref);
  g_clear_pointer (&params->values, g_ptr_array_unref);
}

PGconn *
dd_pg_get_conn (DdPg *self)
{
  return self->conn;
}

/* Connection */

/* Whether @self's connection, just made, is up, saying why not (with the
 * hint of _dd_pg_dup_connect_hint() when @with_hint: never the URI
 * itself, which may hold a password); then its session set up. */
static gboolean
set_up_session (DdPg      *self,
                gboolean   with_hint,
                GError   **error)
{
  g_autofree char *message = NULL;
  g_autofree char *hint = NULL;

  if (self->conn == NULL)
    {
      g_set_error_literal (error, DD_PG_ERROR, DD_PG_ERROR_CONNECT, _("Out of memory"));
      return FALSE;
    }
  if (PQstatus (self->conn) != CONNECTION_OK)
    {
      message = g_strstrip (g_strdup (PQerrorMessage (self->conn)));
      hint = with_hint ? _dd_pg_dup_connect_hint (self->conn) : NULL;
      g_set_error (error, DD_PG_ERROR, DD_PG_ERROR_CONNECT,
                   _("Cannot connect to the database “%s” on the PostgreSQL server “%s”: %s"),
                   PQdb (self->conn) != NULL ? PQdb (self->conn) : "",
                   PQhost (self->conn) != NULL ? PQhost (self->conn) : "", message);
      if (hint != NULL)
        g_prefix_error (error, "%s\n", hint);
      return FALSE;
    }
  return dd_pg_exec (self, DD_PG_SESSION_SETUP, error);
}

gboolean
_dd_pg_reconnect (DdPg    *self,
                  GError **error)
{
  PQreset (self->conn);
  return set_up_session (self, FALSE, error);
}

DdPg *
dd_pg_connect (const char  *uri,
               GError     **error)
{
  g_autoptr(DdPg) self = NULL;

  g_return_val_if_fail (uri != NULL, NULL);

  self = g_object_new (DD_TYPE_PG, NULL);
  self->conn = PQconnectdb (uri);
  if (!set_up_session (self, TRUE, error))
    return NULL;
  return g_steal_pointer (&self);
}

DdPg *
_dd_pg_connect_params (const DdPgParams  *params,
                       GError           **error)
{
  g_autoptr(DdPg) self = g_object_new (DD_TYPE_PG, NULL);

  self->conn = PQconnectdbParams ((const char * const *) params->keywords->pdata,
                                  (const char * const *) params->values->pdata, FALSE);
  if (!set_up_session (self, FALSE, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
dd_pg_get_database (DdPg *self)
{
  g_return_val_if_fail (DD_IS_PG (self), NULL);

  return PQdb (self->conn);
}

/* Migrations */

/* The version, or -1; within a transaction or not. */
static int
read_schema_version (DdPg    *self,
                     GError **error)
{
  PGresult *result;
  gint64 number = 0;
  int version = -1;

  result = PQexec (self->conn, "SELECT to_regclass ('public.dondoc_schema') IS NOT NULL");
  if (dd_pg_result_ok (result, error))
    {
      if (g_str_equal (PQgetvalue (result, 0, 0), "f"))
        version = 0;
      else
        {
          PQclear (result);
          result = PQexec (self->conn, "SELECT coalesce (max (version), 0) FROM dondoc_schema");
          if (dd_pg_result_ok (result, error) &&
              dd_pg_parse_int (PQgetvalue (result, 0, 0), 0, G_MAXINT, &number, error))
            version = (int) number;
        }
    }
  PQclear (result);
  return version;
}

int
dd_pg_get_schema_version (DdPg    *self,
                          GError **error)
{
  g_return_val_if_fail (DD_IS_PG (self), -1);

  return read_schema_version (self, error);
}

static gboolean
apply_migration (DdPg     *self,
                 guint     version,
                 GError  **error)
{
  g_autofree char *path = g_strconcat ("/io/github/dondoc/Dondoc/pg/", migrations[version - 1], NULL);
  g_autofree char *record = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sql = NULL;
  gsize size;

  bytes = g_resource_lookup_data (dd_pg_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;
  sql = g_strndup (g_bytes_get_data (bytes, &size), g_bytes_get_size (bytes));
  if (!dd_pg_exec (self, sql, error))
    {
      g_prefix_error (error, _("Migration %s: "), migrations[version - 1]);
      return FALSE;
    }
  record = g_strdup_printf ("INSERT INTO dondoc_schema (version, name) VALUES (%u, '%s')",
                            version, migrations[version - 1]);
  return dd_pg_exec (self, record, error);
}

typedef enum
{
  MIGRATE_INIT,
  MIGRATE_UPGRADE,
  MIGRATE_NONE,                 /* using the data: the version must be this program's */
} MigrateMode;

/* Checks the version found against what @mode may do; FALSE with @error
 * set when it must not go on. */
static gboolean
check_version (DdPg         *self,
               MigrateMode   mode,
               int           version,
               GError      **error)
{
  const char *db = PQdb (self->conn);

  if (version > DD_PG_SCHEMA_VERSION)
    {
      g_set_error (error, DD_PG_ERROR, DD_PG_ERROR_NEWER,
                   _("The database “%s” has schema version %d, newer than this program’s (%d): "
                     "use a newer version of Đôn Đốc; nothing was changed."),
                   db, version, DD_PG_SCHEMA_VERSION);
      return FALSE;
    }
  if (mode == MIGRATE_INIT && version > 0 && version < DD_PG_SCHEMA_VERSION)
    {
      g_set_error (error, DD_PG_ERROR, DD_PG_ERROR_NEEDS_UPGRADE,
                   _("The database “%s” has schema version %d, older than this program’s (%d): "
                     "run “upgrade” to bring it up to date."),
                   db, version, DD_PG_SCHEMA_VERSION);
      return FALSE;
    }
  if (mode == MIGRATE_NONE && version > 0 && version < DD_PG_SCHEMA_VERSION)
    {
      g_set_error (error, DD_PG_ERROR, DD_PG_ERROR_NEEDS_UPGRADE,
                   _("The database “%s” has schema version %d, older than this program’s (%d): "
                     "an administrator must run “upgrade” first; nothing was changed."),
                   db, version, DD_PG_SCHEMA_VERSION);
      return FALSE;
    }
  if (mode != MIGRATE_INIT && version == 0)
    {
      g_set_error (error, DD_PG_ERROR, DD_PG_ERROR_NOT_INITIALIZED,
                   _("The database “%s” has no Đôn Đốc schema yet: run “init” first."), db);
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (DdPg         *self,
         MigrateMode   mode,
         guint        *out_applied,
         GError      **error)
{
  int version;
  guint applied = 0;

  if (out_applied != NULL)
    *out_applied = 0;
  if (!dd_pg_exec (self, "BEGIN; SELECT pg_advisory_xact_lock (" MIGRATION_LOCK ")", error))
    return FALSE;

  version = read_schema_version (self, error);
  if (version < 0 || !check_version (self, mode, version, error))
    goto fail;

  if (version == 0
      && !dd_pg_exec (self,
                      "CREATE TABLE dondoc_schema ("
                      "  version integer PRIMARY KEY,"
                      "  name text NOT NULL,"
                      "  applied_at timestamptz NOT NULL DEFAULT now(),"
                      "  applied_by text NOT NULL DEFAULT session_user)", error))
    goto fail;

  for (guint v = version + 1; v <= DD_PG_SCHEMA_VERSION; v++, applied++)
    if (!apply_migration (self, v, error))
      goto fail;

  if (!dd_pg_exec (self, "COMMIT", error))
    goto fail;
  if (out_applied != NULL)
    *out_applied = applied;
  return TRUE;

fail:
  dd_pg_rollback (self);
  return FALSE;
}

gboolean
dd_pg_init_schema (DdPg     *self,
                   guint    *out_applied,
                   GError  **error)
{
  g_return_val_if_fail (DD_IS_PG (self), FALSE);

  return migrate (self, MIGRATE_INIT, out_applied, error);
}

gboolean
dd_pg_upgrade_schema (DdPg     *self,
                      guint    *out_applied,
                      GError  **error)
{
  g_return_val_if_fail (DD_IS_PG (self), FALSE);

  return migrate (self, MIGRATE_UPGRADE, out_applied, error);
}

gboolean
dd_pg_check_schema (DdPg    *self,
                    GError **error)
{
  int version;

  g_return_val_if_fail (DD_IS_PG (self), FALSE);

  version = read_schema_version (self, error);
  return version >= 0 && check_version (self, MIGRATE_NONE, version, error);
}

gboolean
dd_pg_check_reader (DdPg    *self,
                    GError **error)
{
  PGresult *result;
  gboolean may;

  g_return_val_if_fail (DD_IS_PG (self), FALSE);

  result = PQexec (self->conn, "SELECT has_table_privilege ('public.tasks', 'SELECT') "
                               "AND has_table_privilege ('public.audit_log', 'SELECT')");
  if (!dd_pg_result_ok (result, error))
    {
      PQclear (result);
      return FALSE;
    }
  may = g_str_equal (PQgetvalue (result, 0, 0), "t");
  PQclear (result);
  if (!may)
    g_set_error (error, DD_PG_ERROR, DD_PG_ERROR_PERMISSION,
                 _("The login “%s” has no Đôn Đốc role on the database “%s”: an administrator gives "
                   "it one with “user set %s --role viewer” (or unit_editor, admin); nothing was read."),
                 PQuser (self->conn), PQdb (self->conn), PQuser (self->conn));
  return may;
}

/* A hot standby (in recovery) takes no write: refused before anything
 * is read (dd-pg-faults.c words it). */
gboolean
dd_pg_check_writable (DdPg    *self,
                      GError **error)
{
  PGresult *result;
  gboolean standby;

  g_return_val_if_fail (DD_IS_PG (self), FALSE);

  result = PQexec (dd_pg_get_conn (self), "SELECT pg_is_in_recovery ()");
  if (!dd_pg_result_ok (result, error))
    {
      PQclear (result);
      return FALSE;
    }
  standby = g_str_equal (PQgetvalue (result, 0, 0), "t");
  PQclear (result);
  if (standby)
    _dd_pg_set_read_only_error (error);
  return !standby;
}
