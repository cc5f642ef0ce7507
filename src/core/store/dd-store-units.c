/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store-units"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dd-store-private.h"

/*
 * Writes to units and to the people of tasks that are not part of a task's
 * own row (dd-store-units.h): the person in charge of a task, renaming a
 * unit, merging two units. Each is one transaction of the store. None of
 * them calls the scorecards' code: what the scorecards keep sees their
 * commits as it sees any other. Bound parameters only.
 */

static gboolean
unit_exists (DdStore *self,
             gint64   unit_id)
{
  g_autoptr(sqlite3_stmt) stmt = dd_sql_prepare (self, "SELECT 1 FROM units WHERE id = ?1", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, unit_id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
no_such_unit (gint64   unit_id,
              GError **error)
{
  g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
               _("There is no unit with id %lld."), (long long) unit_id);
  return FALSE;
}

/* The person of a task */

/* Inside a transaction the caller opened (dd_store_save_task_full()). */
gboolean
_dd_store_set_task_person_locked (DdStore     *self,
                                  gint64       task_id,
                                  const char  *person,
                                  GError     **error)
{
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *clean = dd_text_normalize_space (person);
  g_autofree char *now = dd_sql_now_utc ();

  find = dd_sql_prepare (self, "SELECT 1 FROM tasks WHERE id = ?1", error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_int64 (find, 1, task_id);
  if (sqlite3_step (find) != SQLITE_ROW)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
                   _("There is no task with id %lld."), (long long) task_id);
      return FALSE;
    }
  if (clean == NULL || *clean == '\0')
    {
      stmt = dd_sql_prepare (self, "DELETE FROM task_people WHERE task_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, task_id);
      return dd_sql_step_done (self, stmt, error);
    }
  stmt = dd_sql_prepare (self,
                         "UPDATE task_people SET person = ?2, revision = revision + 1, updated_at = ?3, "
                         "updated_by = ?4 WHERE task_id = ?1 AND person IS NOT ?2", error);
  insert = stmt == NULL ? NULL : dd_sql_prepare (self,
                         "INSERT INTO task_people (task_id, person, updated_at, updated_by) "
                         "SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS (SELECT 1 FROM task_people WHERE task_id = ?1)",
                         error);
  if (insert == NULL)
    return FALSE;
  for (guint s = 0; s < 2; s++)
    {
      sqlite3_stmt *one = s == 0 ? stmt : insert;

      sqlite3_bind_int64 (one, 1, task_id);
      dd_sql_bind_text (one, 2, clean);
      dd_sql_bind_text (one, 3, now);
      dd_sql_bind_text (one, 4, dd_store_get_user (self));
    }
  return dd_sql_step_upsert (self, stmt, insert, error);
}

gboolean
dd_store_set_task_person (DdStore     *self,
                          gint64       task_id,
                          const char  *person,
                          GError     **error)
{
  g_return_val_if_fail (DD_IS_STORE (self), FALSE);

  if (!_dd_store_begin (self, error))
    return FALSE;
  if (!_dd_store_set_task_person_locked (self, task_id, person, error) || !_dd_store_commit (self, error))
    {
      _dd_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

char *
dd_store_dup_task_person (DdStore  *self,
                          gint64    task_id,
                          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);

  stmt = dd_sql_prepare (self, "SELECT person FROM task_people WHERE task_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, task_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup (dd_sql_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    dd_sql_set_sqlite_error (self, rc, error);
  return NULL;
}

/* Units: rename and merge */

/* The tasks of a unit answer a search for its new name too (the old one
 * stays in their search text: a name people still use). */
static gboolean
add_search_name (DdStore     *self,
                 gint64       unit_id,
                 const char  *name,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *folded = dd_text_fold_for_search (name);

  stmt = dd_sql_prepare (self,
                         "UPDATE tasks SET search_text = search_text || char (10) || ?1 "
                         "WHERE (lead_unit_id = ?2 OR id IN (SELECT task_id FROM task_coordinators "
                         "WHERE unit_id = ?2)) AND instr (search_text, ?1) = 0", error);
  if (stmt == NULL)
    return FALSE;
  dd_sql_bind_text (stmt, 1, folded);
  sqlite3_bind_int64 (stmt, 2, unit_id);
  return dd_sql_step_done (self, stmt, error);
}

gboolean
dd_store_rename_unit (DdStore     *self,
                      gint64       unit_id,
                      const char  *name,
                      GError     **error)
{
  g_autofree char *clean = dd_text_normalize_space (name);
  g_autofree char *key = NULL;
  g_autofree char *now = dd_sql_now_utc ();
  g_autoptr(sqlite3_stmt) other = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint8 *sort_key;
  gsize sort_len;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);

  if (clean == NULL || *clean == '\0')
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID, _("A unit needs a name"));
      return FALSE;
    }
  if (!unit_exists (self, unit_id))
    return no_such_unit (unit_id, error);

  key = dd_text_unit_match_key (clean);
  other = dd_sql_prepare (self, "SELECT name FROM units WHERE match_key = ?1 AND id <> ?2", error);
  if (other == NULL)
    return FALSE;
  dd_sql_bind_text (other, 1, key);
  sqlite3_bind_int64 (other, 2, unit_id);
  rc = sqlite3_step (other);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_EXISTS,
                   _("Another unit is already called “%s”: merge the two units instead"),
                   dd_sql_column_text (other, 0));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return dd_sql_set_sqlite_error (self, rc, error);

  if (!_dd_store_begin (self, error))
    return FALSE;
  stmt = dd_sql_prepare (self,
                         "UPDATE units SET name = ?1, match_key = ?2, sort_key = ?3, "
                         "revision = revision + 1, updated_at = ?4, updated_by = ?5 WHERE id = ?6 "
                         "AND name IS NOT ?1", error);
  if (stmt == NULL)
    goto fail;
  sort_key = dd_text_collate_key (clean, &sort_len);
  dd_sql_bind_text (stmt, 1, clean);
  dd_sql_bind_text (stmt, 2, key);
  dd_sql_bind_blob (stmt, 3, sort_key, sort_len);
  dd_sql_bind_text (stmt, 4, now);
  dd_sql_bind_text (stmt, 5, dd_store_get_user (self));
  sqlite3_bind_int64 (stmt, 6, unit_id);
  if (!dd_sql_step_done (self, stmt, error))
    goto fail;
  if (!add_search_name (self, unit_id, clean, error))
    goto fail;
  return _dd_store_commit (self, error);

fail:
  _dd_store_rollback (self);
  return FALSE;
}

static gboolean
run_bound (DdStore     *self,
           const char  *sql,
           gint64       from_id,
           gint64       into_id,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = dd_sql_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from_id);
  sqlite3_bind_int64 (stmt, 2, into_id);
  return dd_sql_step_done (self, stmt, error);
}

gboolean
dd_store_merge_units (DdStore  *self,
                      gint64    from_id,
                      gint64    into_id,
                      GError  **error)
{
  /* Each statement binds ?1 = the unit that goes, ?2 = the unit that stays.
   * Figures of the same period are added (sums, so ratios stay right). */
  static const char * const steps[] = {
    "UPDATE tasks SET lead_unit_id = ?2, revision = revision + 1 WHERE lead_unit_id = ?1",
    /* A task led by the unit that stays does not coordinate with itself. */
    "DELETE FROM task_coordinators WHERE unit_id = ?1 "
    "AND task_id IN (SELECT id FROM tasks WHERE lead_unit_id = ?2)",
    "DELETE FROM task_coordinators WHERE unit_id = ?1 "
    "AND task_id IN (SELECT task_id FROM task_coordinators WHERE unit_id = ?2)",
    "UPDATE task_coordinators SET unit_id = ?2 WHERE unit_id = ?1",
    "UPDATE indicator_figures AS k SET numerator = k.numerator + g.numerator, "
    "denominator = k.denominator + g.denominator, revision = k.revision + 1 "
    "FROM indicator_figures AS g WHERE g.unit_id = ?1 AND k.unit_id = ?2 "
    "AND g.indicator_id = k.indicator_id AND g.period_start = k.period_start "
    "AND g.period_end = k.period_end",
    "DELETE FROM indicator_figures WHERE unit_id = ?1 AND EXISTS (SELECT 1 FROM indicator_figures k "
    "WHERE k.unit_id = ?2 AND k.indicator_id = indicator_figures.indicator_id "
    "AND k.period_start = indicator_figures.period_start AND k.period_end = indicator_figures.period_end)",
    "UPDATE indicator_figures SET unit_id = ?2, revision = revision + 1 WHERE unit_id = ?1",
    "UPDATE dossier_figures AS k SET received = k.received + g.received, on_time = k.on_time + g.on_time, "
    "late = k.late + g.late, pending = k.pending + g.pending, apologies = k.apologies + g.apologies, "
    "revision = k.revision + 1 FROM dossier_figures AS g WHERE g.unit_id = ?1 AND k.unit_id = ?2 "
    "AND g.period_start = k.period_start AND g.period_end = k.period_end",
    "DELETE FROM dossier_figures WHERE unit_id = ?1 AND EXISTS (SELECT 1 FROM dossier_figures k "
    "WHERE k.unit_id = ?2 AND k.period_start = dossier_figures.period_start "
    "AND k.period_end = dossier_figures.period_end)",
    "UPDATE dossier_figures SET unit_id = ?2, revision = revision + 1 WHERE unit_id = ?1",
    "UPDATE users SET unit_id = ?2 WHERE unit_id = ?1",
    "DELETE FROM units WHERE id = ?1 AND ?1 <> ?2",
  };
  g_autoptr(sqlite3_stmt) into_name = NULL;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);

  if (from_id == into_id)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID, _("A unit cannot be merged into itself"));
      return FALSE;
    }
  if (!unit_exists (self, from_id))
    return no_such_unit (from_id, error);
  if (!unit_exists (self, into_id))
    return no_such_unit (into_id, error);

  into_name = dd_sql_prepare (self, "SELECT name FROM units WHERE id = ?1", error);
  if (into_name == NULL)
    return FALSE;
  sqlite3_bind_int64 (into_name, 1, into_id);
  if (sqlite3_step (into_name) != SQLITE_ROW)
    return no_such_unit (into_id, error);

  if (!_dd_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (!run_bound (self, steps[i], from_id, into_id, error))
      {
        _dd_store_rollback (self);
        return FALSE;
      }
  if (!add_search_name (self, into_id, dd_sql_column_text (into_name, 0), error))
    {
      _dd_store_rollback (self);
      return FALSE;
    }
  return _dd_store_commit (self, error);
}

gboolean
dd_store_count_unit_contents (DdStore        *self,
                              gint64          unit_id,
                              DdUnitContents *out,
                              GError        **error)
{
  static const char sql[] =
    "SELECT (SELECT count(*) FROM tasks WHERE lead_unit_id = ?1), "
    "(SELECT count(*) FROM task_coordinators WHERE unit_id = ?1), "
    "(SELECT count(*) FROM occurrence_reports r JOIN tasks t ON t.id = r.task_id "
    " WHERE t.lead_unit_id = ?1 AND r.reported_on IS NOT NULL), "
    "(SELECT count(*) FROM indicator_figures WHERE unit_id = ?1), "
    "(SELECT count(*) FROM dossier_figures WHERE unit_id = ?1), "
    "(SELECT count(*) FROM users WHERE unit_id = ?1)";
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  if (!unit_exists (self, unit_id))
    return no_such_unit (unit_id, error);
  stmt = dd_sql_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, unit_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return dd_sql_set_sqlite_error (self, rc, error);
  out->led_tasks = sqlite3_column_int (stmt, 0);
  out->coordinated_tasks = sqlite3_column_int (stmt, 1);
  out->reports = sqlite3_column_int (stmt, 2);
  out->indicator_figures = sqlite3_column_int (stmt, 3);
  out->dossier_figures = sqlite3_column_int (stmt, 4);
  out->users = sqlite3_column_int (stmt, 5);
  return TRUE;
}

/* The units' email addresses */

/* One address, "name@domain.tld": no spaces, no list, no display name. */
static gboolean
is_email_address (const char *text)
{
  const char *at = strchr (text, '@');

  if (at == NULL || at == text || strchr (at + 1, '@') != NULL || strchr (at + 1, '.') == NULL ||
      at[1] == '.' || g_str_has_suffix (text, "."))
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p <= ' ' || strchr ("<>,;:\"()[]\\", *p) != NULL)
      return FALSE;
  return TRUE;
}

char *
dd_store_dup_unit_email (DdStore  *self,
                         gint64    unit_id,
                         GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);

  stmt = dd_sql_prepare (self, "SELECT email FROM units WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, unit_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup (dd_sql_column_text (stmt, 0));
  if (rc == SQLITE_DONE)
    no_such_unit (unit_id, error);
  else
    dd_sql_set_sqlite_error (self, rc, error);
  return NULL;
}

gboolean
dd_store_set_unit_email (DdStore     *self,
                         gint64       unit_id,
                         const char  *email,
                         GError     **error)
{
  g_autofree char *clean = email != NULL ? g_strstrip (g_strdup (email)) : NULL;
  g_autofree char *now = dd_sql_now_utc ();
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);

  if (clean != NULL && *clean == '\0')
    g_clear_pointer (&clean, g_free);
  if (clean != NULL && !is_email_address (clean))
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   /* Translators: %s is what was typed as a unit's email address. */
                   _("“%s” is not an email address (write one address, like vanthu@snv.gov.vn)."), clean);
      return FALSE;
    }
  if (!unit_exists (self, unit_id))
    return no_such_unit (unit_id, error);
  if (!_dd_store_begin (self, error))
    return FALSE;
  stmt = dd_sql_prepare (self,
                         "UPDATE units SET email = ?1, revision = revision + 1, updated_at = ?2, "
                         "updated_by = ?3 WHERE id = ?4 AND email IS NOT ?1", error);
  if (stmt == NULL)
    goto fail;
  dd_sql_bind_text (stmt, 1, clean);
  dd_sql_bind_text (stmt, 2, now);
  dd_sql_bind_text (stmt, 3, dd_store_get_user (self));
  sqlite3_bind_int64 (stmt, 4, unit_id);
  if (!dd_sql_step_done (self, stmt, error))
    goto fail;
  return _dd_store_commit (self, error);

fail:
  _dd_store_rollback (self);
  return FALSE;
}
