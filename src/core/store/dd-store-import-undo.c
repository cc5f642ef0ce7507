/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "dd-store-private.h"

/*
 * The marker of an import written in chunks (dd-store-import.c), and taking
 * such an import back.
 *
 * A large plan new to the file is written in transactions of a few hundred
 * milliseconds each, so that other desktops' saves go through between them.
 * The first one writes the plan's row, the units the plan names that the
 * file does not have, and a marker: the setting "import_pending.<plan id>",
 * whose value says who imports (host, process), since when, the last
 * history entry before the import and the units it created; and it lists
 * the plan in import_pending (0016-import-pending.sql), which hides the
 * plan and its tasks from every reader. The last chunk writes the
 * indicators and removes the marker, its history entries and the plan's
 * row of import_pending in the same transaction: from then on the plan is
 * whole, and shown. A re-import hides the plan the same way: other
 * desktops do not see it, old or new, until its last chunk (showing the
 * old version meanwhile would need every query to read the copies below).
 *
 * A large plan imported again over the one the file has is written in
 * chunks as well. Its plan row and indicators are written by the last
 * chunk only; before a chunk changes a task it copies the columns the
 * import writes, or the task's coordinators, into import_undo_tasks and
 * import_undo_coordinators (0014-import-undo.sql), and lists the tasks it
 * adds there; its marker (field "R") also lists the history entries each
 * chunk wrote, as ranges of ids. Taking such an import back, in one
 * transaction: the added tasks deleted, the changed ones given back their
 * columns and coordinators (and their revision, unless someone else saved
 * the task meanwhile: then one more), the units it created deleted as
 * below, the history entries of its chunks and of the taking back
 * deleted, the copies and the marker too. The last chunk deletes the
 * copies with the marker.
 *
 * An import that fails between the first and the last chunk is taken back
 * in one transaction: the plan deleted (its tasks, their coordinators and
 * whatever was attached to them meanwhile go with it), the units it created
 * and nobody else uses since, every history entry about any of these rows
 * after the marker's, and the marker. Row ids are not AUTOINCREMENT, so the
 * file then holds what it held before, row for row. An import that was
 * killed leaves its marker; the next read-write open by an administrator
 * takes it back once it is stale: its process is gone (same host) or it
 * began more than IMPORT_STALE_SECONDS ago (another host; an import of
 * 100,000 rows takes seconds).
 */

#define MARKER_PREFIX "import_pending."
#define IMPORT_STALE_SECONDS (60 * 60)

typedef struct
{
  char *host;
  gint64 pid;
  gint64 started;               /* Unix time */
  gint64 audit_mark;            /* the last audit_log id before the import */
  GArray *units;                /* gint64: the units the import created */
  gboolean replacing;           /* a re-import of a plan the file had */
  GArray *ranges;               /* gint64 pairs: the history entries of its chunks */
} Marker;

static void
marker_clear (Marker *marker)
{
  g_clear_pointer (&marker->host, g_free);
  g_clear_pointer (&marker->units, g_array_unref);
  g_clear_pointer (&marker->ranges, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Marker, marker_clear)

static char *
marker_key (gint64 plan_id)
{
  return g_strdup_printf (MARKER_PREFIX "%" G_GINT64_FORMAT, plan_id);
}

/* A re-import's "R;first-last;first-last…" */
static gboolean
ranges_parse (const char *field,
              Marker     *out)
{
  g_auto(GStrv) ranges = g_strsplit (field, ";", -1);

  out->ranges = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (g_strcmp0 (ranges[0], "R") != 0)
    return FALSE;
  for (guint i = 1; ranges[i] != NULL; i++)
    {
      g_auto(GStrv) ends = g_strsplit (ranges[i], "-", 3);
      guint64 first = 0, last = 0;
      gint64 pair[2];

      if (g_strv_length (ends) != 2 ||
          !g_ascii_string_to_unsigned (ends[0], 10, 1, G_MAXINT64, &first, NULL) ||
          !g_ascii_string_to_unsigned (ends[1], 10, 0, G_MAXINT64, &last, NULL))
        return FALSE;
      pair[0] = (gint64) first;
      pair[1] = (gint64) last;
      g_array_append_vals (out->ranges, pair, 2);
    }
  out->replacing = TRUE;
  return TRUE;
}

/* Deletes the copies a re-import of @plan_id kept. */
static gboolean
delete_copies (DdStore  *self,
               gint64    plan_id,
               GError  **error)
{
  g_autoptr(sqlite3_stmt) coordinators = NULL;
  g_autoptr(sqlite3_stmt) tasks = NULL;

  coordinators = dd_sql_prepare (self, "DELETE FROM import_undo_coordinators WHERE task_id IN "
                                 "(SELECT task_id FROM import_undo_tasks WHERE plan_id = ?1)", error);
  tasks = dd_sql_prepare (self, "DELETE FROM import_undo_tasks WHERE plan_id = ?1", error);
  if (coordinators == NULL || tasks == NULL)
    return FALSE;
  sqlite3_bind_int64 (coordinators, 1, plan_id);
  sqlite3_bind_int64 (tasks, 1, plan_id);
  return dd_sql_step_done (self, coordinators, error) && dd_sql_step_done (self, tasks, error);
}

/* Appends to @history the id of the history entry just written (about
 * the marker): finishing then deletes them by id, not by reading the
 * import's hundreds of thousands of entries. */
static gboolean
note_history (DdStore  *self,
              GArray   *history,
              GError  **error)
{
  gint64 id;

  if (history == NULL)
    return TRUE;
  id = dd_sql_query_int64 (self, "SELECT ifnull (max (id), 0) FROM audit_log", -1);
  if (id < 0)
    return dd_sql_set_sqlite_error (self, sqlite3_errcode (self->db), error);
  g_array_append_val (history, id);
  return TRUE;
}

gboolean
_dd_import_marker_add_range (DdStore  *self,
                             gint64    plan_id,
                             gint64    chunk_mark,
                             GArray   *history,
                             GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *key = marker_key (plan_id);
  g_autofree char *range = NULL;
  gint64 last;

  g_assert (self->flags.in_transaction);
  last = dd_sql_query_int64 (self, "SELECT ifnull (max (id), 0) FROM audit_log", -1);
  if (last < 0)
    return dd_sql_set_sqlite_error (self, sqlite3_errcode (self->db), error);
  range = g_strdup_printf (";%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, chunk_mark + 1, last);
  stmt = dd_sql_prepare (self, "UPDATE settings SET value = value || ?2 WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;
  dd_sql_bind_text (stmt, 1, key);
  dd_sql_bind_text (stmt, 2, range);
  return dd_sql_step_done (self, stmt, error) && note_history (self, history, error);
}

gboolean
_dd_import_undo_note_added (DdStore     *self,
                            DdSqlCache  *cache,
                            gint64       plan_id,
                            gint64       task_id,
                            GError     **error)
{
  sqlite3_stmt *stmt = dd_sql_cache_get (self, cache, "INSERT OR REPLACE INTO import_undo_tasks "
                                         "(task_id, plan_id, added) VALUES (?1, ?2, 1)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, task_id);
  sqlite3_bind_int64 (stmt, 2, plan_id);
  return dd_sql_step_done (self, stmt, error);
}

gboolean
_dd_import_undo_save_coordinators (DdStore     *self,
                                   DdSqlCache  *cache,
                                   gint64       plan_id,
                                   gint64       task_id,
                                   GError     **error)
{
  sqlite3_stmt *note, *copy;

  note = dd_sql_cache_get (self, cache, "INSERT INTO import_undo_tasks (task_id, plan_id, coordinators_saved) "
                           "VALUES (?1, ?2, 1) ON CONFLICT (task_id) DO UPDATE SET coordinators_saved = 1 "
                           "WHERE coordinators_saved = 0", error);
  if (note == NULL)
    return FALSE;
  sqlite3_bind_int64 (note, 1, task_id);
  sqlite3_bind_int64 (note, 2, plan_id);
  if (!dd_sql_step_done (self, note, error))
    return FALSE;
  /* Saved already (not by this import, whose rows each name a task once). */
  if (sqlite3_changes (self->db) == 0)
    return TRUE;
  copy = dd_sql_cache_get (self, cache, "INSERT INTO import_undo_coordinators (task_id, unit_id, position) "
                           "SELECT task_id, unit_id, position FROM task_coordinators WHERE task_id = ?1", error);
  if (copy == NULL)
    return FALSE;
  sqlite3_bind_int64 (copy, 1, task_id);
  return dd_sql_step_done (self, copy, error);
}

/* "host\tpid\tstarted\taudit mark\tunit,unit,…", and for a re-import
 * "\tR;first-last;…" */
static gboolean
marker_parse (const char *value,
              Marker     *out)
{
  g_auto(GStrv) fields = g_strsplit (value, "\t", 6);
  g_auto(GStrv) units = NULL;
  guint64 number = 0;
  guint n_fields = g_strv_length (fields);

  if ((n_fields != 5 && n_fields != 6) || (n_fields == 6 && !ranges_parse (fields[5], out)) ||
      !g_ascii_string_to_unsigned (fields[1], 10, 1, G_MAXINT, &number, NULL))
    return FALSE;
  out->pid = (gint64) number;
  if (!g_ascii_string_to_unsigned (fields[2], 10, 0, G_MAXINT64, &number, NULL))
    return FALSE;
  out->started = (gint64) number;
  if (!g_ascii_string_to_unsigned (fields[3], 10, 0, G_MAXINT64, &number, NULL))
    return FALSE;
  out->audit_mark = (gint64) number;
  out->units = g_array_new (FALSE, FALSE, sizeof (gint64));
  units = g_strsplit (fields[4], ",", -1);
  for (guint i = 0; units[i] != NULL; i++)
    {
      gint64 id;

      if (*units[i] == '\0')
        continue;
      if (!g_ascii_string_to_unsigned (units[i], 10, 1, G_MAXINT64, &number, NULL))
        return FALSE;
      id = (gint64) number;
      g_array_append_val (out->units, id);
    }
  out->host = g_strdup (fields[0]);
  return TRUE;
}

gboolean
_dd_import_marker_write (DdStore  *self,
                         gint64    plan_id,
                         gint64    audit_mark,
                         gboolean  replacing,
                         GArray   *units,
                         GArray   *history,
                         GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) hide = NULL;
  g_autoptr(GString) value = g_string_new (NULL);
  g_autofree char *now = dd_sql_now_utc ();
  g_autofree char *key = marker_key (plan_id);

  g_assert (self->flags.in_transaction);
  g_string_append_printf (value, "%s\t%d\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t", g_get_host_name (),
                          (int) getpid (), g_get_real_time () / G_USEC_PER_SEC, audit_mark);
  for (guint i = 0; i < units->len; i++)
    g_string_append_printf (value, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (units, gint64, i));
  if (replacing)
    {
      g_string_append (value, "\tR");
      /* Copies a killed re-import of this plan left, with no marker any
       * more, are not this one's. */
      if (!delete_copies (self, plan_id, error))
        return FALSE;
    }
  stmt = dd_sql_prepare (self, "INSERT INTO settings (key, value, updated_by) VALUES (?1, ?2, ?3)", error);
  hide = dd_sql_prepare (self, "INSERT INTO import_pending (plan_id, started_at) VALUES (?1, ?2)", error);
  if (stmt == NULL || hide == NULL)
    return FALSE;
  dd_sql_bind_text (stmt, 1, key);
  dd_sql_bind_text (stmt, 2, value->str);
  dd_sql_bind_text (stmt, 3, self->access.user);
  sqlite3_bind_int64 (hide, 1, plan_id);
  sqlite3_bind_text (hide, 2, now, -1, SQLITE_TRANSIENT);
  return dd_sql_step_done (self, stmt, error) && note_history (self, history, error) &&
         dd_sql_step_done (self, hide, error);
}

/* Deletes the marker of @plan_id and the history entries about it: those
 * in @history (and that of the deletion), or when NULL, every one after
 * @audit_mark. */
static gboolean
marker_delete (DdStore       *self,
               gint64         plan_id,
               gint64         audit_mark,
               GArray        *history,
               GError       **error)
{
  g_autoptr(sqlite3_stmt) rowid = NULL;
  g_autoptr(sqlite3_stmt) del = NULL;
  g_autoptr(sqlite3_stmt) entries = NULL;
  g_autoptr(sqlite3_stmt) show = NULL;
  g_autofree char *key = marker_key (plan_id);
  gint64 id;

  /* The plan is shown again, in the same transaction. */
  show = dd_sql_prepare (self, "DELETE FROM import_pending WHERE plan_id = ?1", error);
  rowid = dd_sql_prepare (self, "SELECT rowid FROM settings WHERE key = ?1", error);
  if (show == NULL || rowid == NULL)
    return FALSE;
  sqlite3_bind_int64 (show, 1, plan_id);
  if (!dd_sql_step_done (self, show, error))
    return FALSE;
  dd_sql_bind_text (rowid, 1, key);
  if (sqlite3_step (rowid) != SQLITE_ROW)
    return TRUE;
  id = sqlite3_column_int64 (rowid, 0);
  del = dd_sql_prepare (self, "DELETE FROM settings WHERE rowid = ?1", error);
  entries = dd_sql_prepare (self, history != NULL
                            ? "DELETE FROM audit_log WHERE id = ?1 AND table_name = 'settings' AND row_id = ?2"
                            : "DELETE FROM audit_log WHERE id > ?1 AND table_name = 'settings' AND row_id = ?2",
                            error);
  if (del == NULL || entries == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, id);
  if (!dd_sql_step_done (self, del, error) || !note_history (self, history, error))
    return FALSE;
  for (guint i = 0; i < (history != NULL ? history->len : 1); i++)
    {
      sqlite3_reset (entries);
      sqlite3_bind_int64 (entries, 1, history != NULL ? g_array_index (history, gint64, i) : audit_mark);
      sqlite3_bind_int64 (entries, 2, id);
      if (!dd_sql_step_done (self, entries, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_dd_import_marker_finish (DdStore  *self,
                          gint64    plan_id,
                          gint64    audit_mark,
                          GArray   *history,
                          GError  **error)
{
  g_assert (self->flags.in_transaction);
  return delete_copies (self, plan_id, error) && marker_delete (self, plan_id, audit_mark, history, error);
}

/* Deletes the units of @marker that nothing refers to any more; their ids
 * go into temp.dd_import_undo_units. */
static gboolean
delete_units (DdStore       *self,
              const Marker  *marker,
              GError       **error)
{
  g_autoptr(sqlite3_stmt) del = NULL;
  g_autoptr(sqlite3_stmt) note = NULL;

  del = dd_sql_prepare (self, "DELETE FROM units WHERE id = ?1", error);
  note = dd_sql_prepare (self, "INSERT OR IGNORE INTO temp.dd_import_undo_units (id) VALUES (?1)", error);
  if (del == NULL || note == NULL)
    return FALSE;
  for (guint i = 0; i < marker->units->len; i++)
    {
      gint64 id = g_array_index (marker->units, gint64, i);
      int rc;

      sqlite3_reset (del);
      sqlite3_bind_int64 (del, 1, id);
      rc = sqlite3_step (del);
      /* A unit someone gave a task or a user meanwhile stays. */
      if ((rc & 0xff) == SQLITE_CONSTRAINT)
        continue;
      if (rc != SQLITE_DONE)
        return dd_sql_set_sqlite_error (self, rc, error);
      if (sqlite3_changes (self->db) == 0)
        continue;
      sqlite3_reset (note);
      sqlite3_bind_int64 (note, 1, id);
      if (!dd_sql_step_done (self, note, error))
        return FALSE;
    }
  return TRUE;
}

/* What taking back a re-import does, in order, each with the plan as ?1. */
static const char * const undo_replace_sql[] = {
  "DELETE FROM tasks WHERE id IN (SELECT task_id FROM import_undo_tasks WHERE plan_id = ?1 AND added = 1)",
  "UPDATE tasks SET (position, title, lead_unit_id, deadline_kind, deadline_text, deadline_understood, due_on, "
  "periods, annual_due, product, directing, search_text, title_key, updated_at, updated_by, revision) = "
  "(SELECT u.position, u.title, u.lead_unit_id, u.deadline_kind, u.deadline_text, u.deadline_understood, "
  "u.due_on, u.periods, u.annual_due, u.product, u.directing, u.search_text, u.title_key, u.updated_at, "
  "u.updated_by, CASE WHEN tasks.revision = u.revision + 1 THEN u.revision ELSE tasks.revision + 1 END "
  "FROM import_undo_tasks u WHERE u.task_id = tasks.id) "
  "WHERE id IN (SELECT task_id FROM import_undo_tasks WHERE plan_id = ?1 AND row_saved = 1)",
  "DELETE FROM task_coordinators WHERE task_id IN "
  "(SELECT task_id FROM import_undo_tasks WHERE plan_id = ?1 AND coordinators_saved = 1)",
  "INSERT INTO task_coordinators (task_id, unit_id, position) SELECT c.task_id, c.unit_id, c.position "
  "FROM import_undo_coordinators c JOIN import_undo_tasks u ON u.task_id = c.task_id "
  "WHERE u.plan_id = ?1 AND u.coordinators_saved = 1 AND c.task_id IN (SELECT id FROM tasks) "
  "ORDER BY c.task_id, c.position",
};

static gboolean
exec_with_plan (DdStore     *self,
                const char  *sql,
                gint64       plan_id,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = dd_sql_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  return dd_sql_step_done (self, stmt, error);
}

/* Deletes the history entries with ids in [@first, @last]. */
static gboolean
delete_history (DdStore  *self,
                gint64    first,
                gint64    last,
                GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = dd_sql_prepare (self, "DELETE FROM audit_log WHERE id BETWEEN ?1 AND ?2", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, last);
  return dd_sql_step_done (self, stmt, error);
}

/* Inside a write transaction: takes back the re-import of @plan_id that
 * @marker describes, from the copies its chunks kept. */
static gboolean
undo_replace_locked (DdStore       *self,
                     gint64         plan_id,
                     const Marker  *marker,
                     GError       **error)
{
  gint64 undo_mark = dd_sql_query_int64 (self, "SELECT ifnull (max (id), 0) FROM audit_log", -1);

  if (undo_mark < 0)
    return dd_sql_set_sqlite_error (self, sqlite3_errcode (self->db), error);
  for (guint i = 0; i < G_N_ELEMENTS (undo_replace_sql); i++)
    if (!exec_with_plan (self, undo_replace_sql[i], plan_id, error))
      return FALSE;
  if (!delete_units (self, marker, error) || !delete_copies (self, plan_id, error) ||
      !marker_delete (self, plan_id, marker->audit_mark, NULL, error))
    return FALSE;
  /* The history of the chunks, and of the taking back. */
  for (guint i = 0; i + 1 < marker->ranges->len; i += 2)
    if (!delete_history (self, g_array_index (marker->ranges, gint64, i),
                         g_array_index (marker->ranges, gint64, i + 1), error))
      return FALSE;
  return delete_history (self, undo_mark + 1, G_MAXINT64, error);
}

/* Inside a write transaction: takes back the import of @plan_id that
 * @marker describes. */
static gboolean
undo_locked (DdStore       *self,
             gint64         plan_id,
             const Marker  *marker,
             GError       **error)
{
  g_autoptr(sqlite3_stmt) tasks = NULL;
  g_autoptr(sqlite3_stmt) plan = NULL;
  g_autoptr(sqlite3_stmt) history = NULL;

  if (!dd_sql_exec (self,
                    "CREATE TEMP TABLE IF NOT EXISTS dd_import_undo_tasks (id INTEGER PRIMARY KEY);"
                    "CREATE TEMP TABLE IF NOT EXISTS dd_import_undo_units (id INTEGER PRIMARY KEY);"
                    "DELETE FROM temp.dd_import_undo_tasks; DELETE FROM temp.dd_import_undo_units;",
                    error))
    return FALSE;
  if (marker->replacing)
    return undo_replace_locked (self, plan_id, marker, error) &&
           dd_sql_exec (self, "DELETE FROM temp.dd_import_undo_units;", error);
  tasks = dd_sql_prepare (self, "INSERT INTO temp.dd_import_undo_tasks (id) SELECT id FROM tasks WHERE plan_id = ?1",
                          error);
  /* The tasks, their coordinators and all attached to them follow the plan
   * (ON DELETE CASCADE). */
  plan = dd_sql_prepare (self, "DELETE FROM plans WHERE id = ?1", error);
  history = dd_sql_prepare (self,
                            "DELETE FROM audit_log WHERE id > ?1 AND ("
                            "task_id IN (SELECT id FROM temp.dd_import_undo_tasks) OR "
                            "(table_name = 'tasks' AND row_id IN (SELECT id FROM temp.dd_import_undo_tasks)) OR "
                            "(table_name = 'plans' AND row_id = ?2) OR "
                            "(table_name = 'units' AND row_id IN (SELECT id FROM temp.dd_import_undo_units)))",
                            error);
  if (tasks == NULL || plan == NULL || history == NULL)
    return FALSE;
  sqlite3_bind_int64 (tasks, 1, plan_id);
  sqlite3_bind_int64 (plan, 1, plan_id);
  sqlite3_bind_int64 (history, 1, marker->audit_mark);
  sqlite3_bind_int64 (history, 2, plan_id);
  return dd_sql_step_done (self, tasks, error) &&
         dd_sql_step_done (self, plan, error) &&
         delete_units (self, marker, error) &&
         dd_sql_step_done (self, history, error) &&
         marker_delete (self, plan_id, marker->audit_mark, NULL, error) &&
         dd_sql_exec (self, "DELETE FROM temp.dd_import_undo_tasks; DELETE FROM temp.dd_import_undo_units;", error);
}

/* Reads the marker of @plan_id; FALSE when there is none (or it is not
 * one this program wrote). */
static gboolean
read_marker (DdStore *self,
             gint64   plan_id,
             Marker  *out)
{
  g_autoptr(sqlite3_stmt) stmt = dd_sql_prepare (self, "SELECT value FROM settings WHERE key = ?1", NULL);
  g_autofree char *key = marker_key (plan_id);

  if (stmt == NULL)
    return FALSE;
  dd_sql_bind_text (stmt, 1, key);
  return sqlite3_step (stmt) == SQLITE_ROW && marker_parse (dd_sql_column_text (stmt, 0), out);
}

gboolean
_dd_import_undo (DdStore  *self,
                 gint64    plan_id,
                 GError  **error)
{
  g_auto(Marker) marker = { 0, };

  if (!_dd_store_begin (self, error))
    return FALSE;
  /* No marker: the last chunk committed after all, or someone else took
   * it back. */
  if (!read_marker (self, plan_id, &marker))
    {
      _dd_store_rollback (self);
      return TRUE;
    }
  if (!undo_locked (self, plan_id, &marker, error) || !_dd_store_commit (self, error))
    {
      _dd_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

static gboolean
marker_is_stale (const Marker *marker)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (now - marker->started > IMPORT_STALE_SECONDS)
    return TRUE;
  if (g_strcmp0 (marker->host, g_get_host_name ()) != 0)
    return FALSE;
  /* The same host: stale once its process is gone. */
  return marker->pid != (gint64) getpid () && kill ((pid_t) marker->pid, 0) != 0 && errno == ESRCH;
}

void
_dd_store_undo_stale_imports (DdStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) stale = NULL;

  if (self->access.read_only || self->access.role != DD_ROLE_ADMIN)
    return;
  stmt = dd_sql_prepare (self, "SELECT key, value FROM settings WHERE key >= '" MARKER_PREFIX "' "
                         "AND key < 'import_pending/'", NULL);
  if (stmt == NULL)
    return;
  stale = g_array_new (FALSE, FALSE, sizeof (gint64));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_auto(Marker) marker = { 0, };
      guint64 plan_id = 0;
      gint64 id;

      if (!g_ascii_string_to_unsigned (dd_sql_column_text (stmt, 0) + strlen (MARKER_PREFIX), 10, 1,
                                       G_MAXINT64, &plan_id, NULL) ||
          !marker_parse (dd_sql_column_text (stmt, 1), &marker) || !marker_is_stale (&marker))
        continue;
      id = (gint64) plan_id;
      g_array_append_val (stale, id);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  for (guint i = 0; i < stale->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!_dd_import_undo (self, g_array_index (stale, gint64, i), &error))
        g_debug ("Cannot take back an interrupted import: %s", error->message);
      else
        g_debug ("Took back the interrupted import of plan %" G_GINT64_FORMAT, g_array_index (stale, gint64, i));
    }
}
