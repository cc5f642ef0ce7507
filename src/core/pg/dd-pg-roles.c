/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-pg"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "dondoc/dondoc.h"
#include "dd-pg-private.h"

/*
 * The office's people on the server: a login role is a viewer, a unit
 * editor or an administrator by being a member of dondoc_viewer,
 * dondoc_unit_editor or dondoc_admin (data/pg/0002-roles.sql); a unit
 * editor's unit is its row of "users". Its password is the server
 * administrator's business (ALTER ROLE … PASSWORD, or pg_hba.conf's
 * peer or certificate login), never the program's.
 */

static const char * const groups[] = {
  [DD_PG_ROLE_VIEWER] = "dondoc_viewer",
  [DD_PG_ROLE_UNIT_EDITOR] = "dondoc_unit_editor",
  [DD_PG_ROLE_ADMIN] = "dondoc_admin",
};

static const char * const names[] = {
  [DD_PG_ROLE_VIEWER] = "viewer",
  [DD_PG_ROLE_UNIT_EDITOR] = "unit_editor",
  [DD_PG_ROLE_ADMIN] = "admin",
};

void
dd_pg_role_entry_free (DdPgRoleEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->login);
  g_free (entry->unit_name);
  g_free (entry);
}

const char *
dd_pg_role_to_string (DdPgRole role)
{
  g_return_val_if_fail (role <= DD_PG_ROLE_ADMIN, NULL);

  return names[role];
}

gboolean
dd_pg_role_from_string (const char *str,
                        DdPgRole   *out_role)
{
  g_return_val_if_fail (out_role != NULL, FALSE);

  if (g_strcmp0 (str, "unit-editor") == 0)
    str = "unit_editor";
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (str, names[i]) == 0)
      {
        *out_role = i;
        return TRUE;
      }
  return FALSE;
}

/* Runs @sql with text parameters; the result, or NULL with @error set. */
static PGresult *
exec_params (DdPg        *self,
             const char  *sql,
             int          n_params,
             const char  *const *params,
             GError     **error)
{
  PGresult *result = PQexecParams (dd_pg_get_conn (self), sql, n_params, NULL, params,
                                   NULL, NULL, 0);

  if (!dd_pg_result_ok (result, error))
    {
      PQclear (result);
      return NULL;
    }
  return result;
}

/* Runs "@verb [@group] TO|FROM @login" (@login quoted): GRANT, REVOKE,
 * CREATE ROLE. */
static gboolean
exec_on_role (DdPg        *self,
              const char  *verb,
              const char  *group,
              const char  *preposition,
              const char  *login,
              GError     **error)
{
  PGconn *conn = dd_pg_get_conn (self);
  char *quoted = PQescapeIdentifier (conn, login, strlen (login));
  g_autofree char *sql = NULL;

  if (quoted == NULL)
    {
      g_set_error (error, DD_PG_ERROR, DD_PG_ERROR_QUERY, "%s", PQerrorMessage (conn));
      return FALSE;
    }
  sql = g_strdup_printf ("%s %s %s %s", verb, group, preposition, quoted);
  PQfreemem (quoted);
  return dd_pg_exec (self, sql, error);
}

/* Takes @login out of every Đôn Đốc group it is in; the number it was in. */
static int
leave_groups (DdPg        *self,
              const char  *login,
              GError     **error)
{
  const char *params[] = { login };
  PGresult *result;
  int n;

  result = exec_params (self,
                        "SELECT g.rolname FROM pg_auth_members m "
                        "JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member "
                        "WHERE r.rolname = $1 AND g.rolname IN "
                        "('dondoc_viewer', 'dondoc_unit_editor', 'dondoc_admin')",
                        1, params, error);
  if (result == NULL)
    return -1;
  n = PQntuples (result);
  for (int i = 0; i < n; i++)
    if (!exec_on_role (self, "REVOKE", PQgetvalue (result, i, 0), "FROM", login, error))
      {
        PQclear (result);
        return -1;
      }
  PQclear (result);
  return n;
}

/* The id of the unit named @unit, as its match key finds it; 0 with
 * @error set when there is none. */
static gint64
find_unit (DdPg        *self,
           const char  *unit,
           GError     **error)
{
  g_autofree char *key = dd_text_unit_match_key (unit);
  const char *params[] = { key };
  PGresult *result;
  gint64 id = 0;

  result = exec_params (self, "SELECT id FROM units WHERE match_key = $1", 1, params, error);
  if (result == NULL)
    return 0;
  if (PQntuples (result) == 1)
    id = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  else
    g_set_error (error, DD_PG_ERROR, DD_PG_ERROR_NOT_FOUND,
                 _("No unit named “%s” in the database."), unit);
  PQclear (result);
  return id;
}

static gboolean
check_login (const char  *login,
             GError     **error)
{
  if (login == NULL || *login == '\0' || g_str_has_prefix (login, "dondoc_")
      || g_str_has_prefix (login, "pg_") || g_str_equal (login, "public"))
    {
      g_set_error (error, DD_PG_ERROR, DD_PG_ERROR_QUERY,
                   _("“%s” cannot be a person’s login role (the names “dondoc_…”, “pg_…” "
                     "and “public” are the server’s)."), login != NULL ? login : "");
      return FALSE;
    }
  return TRUE;
}

/* Creates @login (LOGIN, no password) unless it exists. */
static gboolean
ensure_login (DdPg        *self,
              const char  *login,
              GError     **error)
{
  const char *params[] = { login };
  PGresult *result;
  gboolean exists;

  result = exec_params (self, "SELECT 1 FROM pg_roles WHERE rolname = $1", 1, params, error);
  if (result == NULL)
    return FALSE;
  exists = PQntuples (result) > 0;
  PQclear (result);
  return exists || exec_on_role (self, "CREATE", "USER", "", login, error);
}

gboolean
dd_pg_grant_role (DdPg        *self,
                  const char  *login,
                  DdPgRole     role,
                  const char  *unit,
                  GError     **error)
{
  g_autofree char *unit_text = NULL;
  const char *params[2];
  PGresult *result;
  gint64 unit_id = 0;

  g_return_val_if_fail (DD_IS_PG (self), FALSE);
  g_return_val_if_fail (role <= DD_PG_ROLE_ADMIN, FALSE);

  if (!check_login (login, error))
    return FALSE;
  if (role == DD_PG_ROLE_UNIT_EDITOR && (unit == NULL || *unit == '\0'))
    {
      g_set_error_literal (error, DD_PG_ERROR, DD_PG_ERROR_QUERY,
                           _("A unit editor needs the unit it edits for."));
      return FALSE;
    }
  if (!dd_pg_exec (self, "BEGIN", error))
    return FALSE;
  if (role == DD_PG_ROLE_UNIT_EDITOR && (unit_id = find_unit (self, unit, error)) == 0)
    goto fail;
  if (!ensure_login (self, login, error) || leave_groups (self, login, error) < 0
      || !exec_on_role (self, "GRANT", groups[role], "TO", login, error))
    goto fail;

  unit_text = unit_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, unit_id) : NULL;
  params[0] = login;
  params[1] = unit_text;
  result = exec_params (self,
                        "INSERT INTO users (account, unit_id) VALUES ($1, $2::bigint) "
                        "ON CONFLICT (account) DO UPDATE SET unit_id = EXCLUDED.unit_id "
                        "WHERE users.unit_id IS DISTINCT FROM EXCLUDED.unit_id",
                        2, params, error);
  if (result == NULL)
    goto fail;
  PQclear (result);
  return dd_pg_exec (self, "COMMIT", error);

fail:
  dd_pg_rollback (self);
  return FALSE;
}

gboolean
dd_pg_revoke_role (DdPg        *self,
                   const char  *login,
                   GError     **error)
{
  const char *params[] = { login };
  PGresult *result;
  int n;

  g_return_val_if_fail (DD_IS_PG (self), FALSE);
  g_return_val_if_fail (login != NULL, FALSE);

  if (!dd_pg_exec (self, "BEGIN", error))
    return FALSE;
  n = leave_groups (self, login, error);
  if (n < 0)
    goto fail;
  if (n == 0)
    {
      g_set_error (error, DD_PG_ERROR, DD_PG_ERROR_NOT_FOUND,
                   _("“%s” has no Đôn Đốc role on this server."), login);
      goto fail;
    }
  result = exec_params (self, "DELETE FROM users WHERE account = $1", 1, params, error);
  if (result == NULL)
    goto fail;
  PQclear (result);
  return dd_pg_exec (self, "COMMIT", error);

fail:
  dd_pg_rollback (self);
  return FALSE;
}

GPtrArray *
dd_pg_list_roles (DdPg    *self,
                  GError **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_pg_role_entry_free);
  PGresult *result;

  g_return_val_if_fail (DD_IS_PG (self), NULL);

  /* The highest role of each member: admin (2), unit editor (1), viewer (0). */
  result = exec_params (self,
                        "SELECT r.rolname, max (CASE g.rolname WHEN 'dondoc_admin' THEN 2 "
                        "  WHEN 'dondoc_unit_editor' THEN 1 ELSE 0 END), "
                        "  max (u.unit_id), max (n.name) "
                        "FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                        "JOIN pg_roles r ON r.oid = m.member "
                        "LEFT JOIN users u ON u.account = r.rolname "
                        "LEFT JOIN units n ON n.id = u.unit_id "
                        "WHERE g.rolname IN ('dondoc_viewer', 'dondoc_unit_editor', 'dondoc_admin') "
                        "GROUP BY r.rolname ORDER BY r.rolname",
                        0, NULL, error);
  if (result == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (result); i++)
    {
      g_autoptr(DdPgRoleEntry) entry = g_new0 (DdPgRoleEntry, 1);
      gint64 role = 0, unit_id = 0;

      if (!dd_pg_parse_int (PQgetvalue (result, i, 1), 0, 2, &role, error) ||
          (!PQgetisnull (result, i, 2) &&
           !dd_pg_parse_int (PQgetvalue (result, i, 2), 1, G_MAXINT64, &unit_id, error)))
        {
          PQclear (result);
          return NULL;
        }
      entry->login = g_strdup (PQgetvalue (result, i, 0));
      entry->role = (DdPgRole) role;
      entry->unit_id = unit_id;
      entry->unit_name = PQgetisnull (result, i, 3) ? NULL : g_strdup (PQgetvalue (result, i, 3));
      g_ptr_array_add (entries, g_steal_pointer (&entry));
    }
  PQclear (result);
  return g_steal_pointer (&entries);
}
