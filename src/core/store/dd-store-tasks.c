/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-store-private.h"

/*
 * The events of a task's life that write it: saving it, recording its
 * progress, extending its deadline, setting the rules of its occurrences,
 * recording its reports. Reading tasks is dd-store-query.c's; importing
 * a plan's tasks dd-store-import.c's.
 */

G_DEFINE_BOXED_TYPE (DdExtension, dd_extension, dd_extension_copy, dd_extension_free)

DdExtension *
dd_extension_copy (const DdExtension *self)
{
  DdExtension *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new (DdExtension, 1);
  *copy = *self;
  copy->decision = g_strdup (self->decision);
  copy->reason = g_strdup (self->reason);
  copy->approved_by = g_strdup (self->approved_by);
  copy->recorded_at = g_strdup (self->recorded_at);
  copy->recorded_by = g_strdup (self->recorded_by);
  return copy;
}

void
dd_extension_free (DdExtension *self)
{
  if (self == NULL)
    return;
  g_free (self->decision);
  g_free (self->reason);
  g_free (self->approved_by);
  g_free (self->recorded_at);
  g_free (self->recorded_by);
  g_free (self);
}

/* Auxiliary methods */

/* Saving */

char *
_dd_store_search_text (const char         *number,
                       const char         *title,
                       const char         *lead,
                       const char * const *coordinators,
                       const char         *deadline_text,
                       const char         *product,
                       const char         *directing,
                       const char         *actual_product)
{
  g_autoptr(GString) all = g_string_new (NULL);
  const char *fields[] = { number, title, lead, deadline_text, product, directing, actual_product };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i] != NULL)
      g_string_append_c (g_string_append (all, fields[i]), '\n');
  for (guint i = 0; coordinators != NULL && coordinators[i] != NULL; i++)
    g_string_append_c (g_string_append (all, coordinators[i]), '\n');
  return dd_text_fold_for_search (all->str);
}

/* Leaves the rows of units that stay as they are, so that saving a task
 * whose coordinators did not change writes nothing to the audit history
 * about them (a delete and re-insert would record a removal and an
 * addition of every coordinator on every save). */
static gboolean
write_coordinators (DdStore             *self,
                    DdSqlCache          *cache,
                    gint64               task_id,
                    const char * const  *names,
                    gboolean             fresh,
                    guint               *units_added,
                    GError             **error)
{
  g_autoptr(DdSqlCache) own = cache == NULL ? dd_sql_cache_new () : NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) json = g_string_new ("[");
  sqlite3_stmt *del, *upd, *ins;

  if (cache == NULL)
    cache = own;
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      gboolean created = FALSE;
      gboolean seen = FALSE;
      gint64 unit_id = _dd_store_find_or_create_unit_cached (self, cache, names[i], &created, error);

      if (unit_id < 0)
        return FALSE;
      if (created && units_added != NULL)
        (*units_added)++;
      /* A unit named twice keeps its first place. */
      for (guint j = 0; j < ids->len; j++)
        seen |= g_array_index (ids, gint64, j) == unit_id;
      if (seen)
        continue;
      g_array_append_val (ids, unit_id);
      g_string_append_printf (json, "%s%" G_GINT64_FORMAT, ids->len > 1 ? "," : "", unit_id);
    }
  g_string_append_c (json, ']');

  /* A task just inserted has none to remove. */
  del = fresh ? NULL : dd_sql_cache_get (self, cache,
                          "DELETE FROM task_coordinators WHERE task_id = ?1 "
                          "AND unit_id NOT IN (SELECT value FROM json_each (?2))", error);
  if (!fresh && del == NULL)
    return FALSE;
  if (!fresh)
    {
      sqlite3_bind_int64 (del, 1, task_id);
      dd_sql_bind_text (del, 2, json->str);
      if (!dd_sql_step_done (self, del, error))
        return FALSE;
    }

  upd = dd_sql_cache_get (self, cache,
                          "UPDATE task_coordinators SET position = ?3 WHERE task_id = ?1 AND unit_id = ?2 "
                          "AND position IS NOT ?3", error);
  ins = upd == NULL ? NULL : dd_sql_cache_get (self, cache,
                          "INSERT INTO task_coordinators (task_id, unit_id, position) SELECT ?1, ?2, ?3 "
                          "WHERE NOT EXISTS (SELECT 1 FROM task_coordinators WHERE task_id = ?1 AND unit_id = ?2)",
                          error);
  if (ins == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_stmt *pair[] = { upd, ins };

      for (guint s = 0; s < G_N_ELEMENTS (pair); s++)
        {
          sqlite3_reset (pair[s]);
          sqlite3_bind_int64 (pair[s], 1, task_id);
          sqlite3_bind_int64 (pair[s], 2, g_array_index (ids, gint64, i));
          sqlite3_bind_int (pair[s], 3, (int) i);
        }
      if (!dd_sql_step_upsert (self, upd, ins, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_dd_store_replace_coordinators (DdStore             *self,
                                DdSqlCache          *cache,
                                gint64               task_id,
                                const char * const  *names,
                                guint               *units_added,
                                GError             **error)
{
  return write_coordinators (self, cache, task_id, names, FALSE, units_added, error);
}

gboolean
_dd_store_add_coordinators (DdStore             *self,
                            DdSqlCache          *cache,
                            gint64               task_id,
                            const char * const  *names,
                            guint               *units_added,
                            GError             **error)
{
  return write_coordinators (self, cache, task_id, names, TRUE, units_added, error);
}

char *
_dd_store_annual_due_text (guint8 month,
                           guint8 day)
{
  if (month == 0 || day == 0)
    return NULL;
  return g_strdup_printf ("%02u-%02u", month, day);
}

static gboolean
insert_progress_update (DdStore      *self,
                        gint64        task_id,
                        const GDate  *reported_on,
                        int           progress,
                        const GDate  *completed_on,
                        const char   *actual_product,
                        const char   *note,
                        gboolean      reopened,
                        GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = dd_sql_now_utc ();

  stmt = dd_sql_prepare (self,
                  "INSERT INTO progress_updates (task_id, reported_on, progress, completed_on, "
                  "actual_product, note, recorded_at, recorded_by, reopened) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, task_id);
  dd_sql_bind_date (stmt, 2, reported_on);
  if (progress >= 0)
    sqlite3_bind_int (stmt, 3, progress);
  else
    sqlite3_bind_null (stmt, 3);
  dd_sql_bind_date (stmt, 4, completed_on);
  dd_sql_bind_text (stmt, 5, actual_product);
  dd_sql_bind_text (stmt, 6, note);
  dd_sql_bind_text (stmt, 7, now);
  dd_sql_bind_text (stmt, 8, self->access.user);
  sqlite3_bind_int (stmt, 9, reopened);
  return dd_sql_step_done (self, stmt, error);
}

/* A task cannot have been completed after today. */
static gboolean
check_completed_on (const GDate  *completed_on,
                    GError      **error)
{
  GDate today;

  if (!dd_date_is_set (completed_on))
    return TRUE;
  dd_sql_today (&today);
  if (g_date_compare (completed_on, &today) > 0)
    {
      g_autofree char *dmy = dd_date_to_dmy (completed_on);

      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   /* Translators: %s is a date, “31/12/2099”. */
                   _("Completion date: %s is after today."), dmy);
      return FALSE;
    }
  return TRUE;
}

/* Refuses a task that says nothing, whose progress is out of range, or
 * whose lead unit also coordinates it; a done task is 100% done. Reads
 * nothing: every refusal names the field. */
static gboolean
check_task_fields (DdTask  *task,
                   GError **error)
{
  g_autofree char *lead_key = NULL;

  if (dd_text_is_blank (task->title))
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("A task must say what is to be done: the task title is empty."));
      return FALSE;
    }
  if (task->progress > 100)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("Progress must be between 0 and 100%%."));
      return FALSE;
    }
  if (task->lead != NULL)
    {
      lead_key = dd_text_unit_match_key (task->lead);
      for (guint i = 0; task->coordinators != NULL && task->coordinators[i] != NULL; i++)
        {
          g_autofree char *key = dd_text_unit_match_key (task->coordinators[i]);

          if (g_strcmp0 (key, lead_key) == 0)
            {
              g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                           /* Translators: %s is a unit's name. */
                           _("Coordinating units: “%s” leads the task and cannot coordinate it too."),
                           task->coordinators[i]);
              return FALSE;
            }
        }
    }
  if (!check_completed_on (&task->completed_on, error))
    return FALSE;
  if (dd_date_is_set (&task->completed_on))
    task->progress = 100;
  return TRUE;
}

/* Refuses a plan that does not exist, and a due date before the plan's
 * date (a task cannot fall due before it was assigned). */
static gboolean
check_task_plan (DdStore  *self,
                 DdTask   *task,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GDate issued;
  int rc;

  stmt = dd_sql_prepare (self, "SELECT issued_on, number FROM plans WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, task->plan_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("Plan: there is no plan with id %lld."), (long long) task->plan_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return dd_sql_set_sqlite_error (self, rc, error);
  dd_sql_column_date (stmt, 0, &issued);
  if (dd_date_is_set (&task->due) && dd_date_is_set (&issued) && g_date_compare (&task->due, &issued) < 0)
    {
      g_autofree char *due = dd_date_to_dmy (&task->due);
      g_autofree char *plan = dd_date_to_dmy (&issued);

      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   /* Translators: the task's due date, then the plan's number and date. */
                   _("Deadline: the due date %s is before the date of plan %s (%s)."),
                   due, dd_sql_column_text (stmt, 1), plan);
      return FALSE;
    }
  return TRUE;
}

/* For a task already in the file: refuses the save when the task was
 * deleted or changed by someone else since @task was read, and says
 * whether its progress, completion or actual product change, and whether
 * its note does. */
static gboolean
check_revision (DdStore   *self,
                DdTask    *task,
                gboolean  *out_progress_changed,
                gboolean  *out_note_changed,
                gboolean  *out_was_done,
                GError   **error)
{
  g_autoptr(sqlite3_stmt) check = NULL;
  GDate old_completed;

  check = dd_sql_prepare (self,
                   "SELECT revision, progress, completed_on, actual_product, updated_by, updated_at, note "
                   "FROM tasks WHERE id = ?1 AND deleted_at IS NULL", error);
  if (check == NULL)
    return FALSE;
  sqlite3_bind_int64 (check, 1, task->id);
  if (sqlite3_step (check) != SQLITE_ROW)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
                   _("The task “%s” no longer exists: it was deleted by someone else."),
                   task->title);
      return FALSE;
    }
  if (sqlite3_column_int64 (check, 0) != task->revision)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_CONFLICT,
                   _("The task “%s” was changed by %s at %s after you opened it. "
                     "Your changes were not saved, so as not to overwrite theirs."),
                   task->title,
                   dd_sql_column_text (check, 4) != NULL ? dd_sql_column_text (check, 4) : "?",
                   dd_sql_column_text (check, 5) != NULL ? dd_sql_column_text (check, 5) : "?");
      return FALSE;
    }
  dd_sql_column_date (check, 2, &old_completed);
  *out_was_done = dd_date_is_set (&old_completed);
  *out_progress_changed = (guint) sqlite3_column_int (check, 1) != task->progress ||
                          g_strcmp0 (dd_sql_column_text (check, 3), task->actual_product) != 0 ||
                          dd_date_is_set (&old_completed) != dd_date_is_set (&task->completed_on) ||
                          (dd_date_is_set (&old_completed) &&
                           g_date_compare (&old_completed, &task->completed_on) != 0);
  *out_note_changed = g_strcmp0 (dd_sql_column_text (check, 6), task->note) != 0;
  return TRUE;
}

/* Writes the task's own row (an update, or an insert at the end of its
 * plan); @task gets its id when new. */
static gboolean
write_task_row (DdStore     *self,
                DdTask      *task,
                gint64       lead_id,
                const char  *now,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *search = NULL;
  g_autofree char *annual = NULL;
  guint8 *title_key;
  gsize title_key_len;

  if (task->id > 0)
    stmt = dd_sql_prepare (self,
                    "UPDATE tasks SET number = ?2, title = ?3, lead_unit_id = ?4, deadline_kind = ?5, "
                    "deadline_text = ?6, deadline_understood = ?7, due_on = ?8, periods = ?9, "
                    "annual_due = ?10, product = ?11, directing = ?12, progress = ?13, "
                    "completed_on = ?14, actual_product = ?15, note = ?16, search_text = ?17, "
                    "title_key = ?18, updated_at = ?19, updated_by = ?20, revision = revision + 1, "
                    "position = CASE WHEN plan_id = ?21 THEN position ELSE "
                    "(SELECT ifnull (max (position), 0) + 1 FROM tasks WHERE plan_id = ?21) END, "
                    "plan_id = ?21 WHERE id = ?1",
                    error);
  else
    stmt = dd_sql_prepare (self,
                    "INSERT INTO tasks (plan_id, position, number, title, lead_unit_id, deadline_kind, "
                    "deadline_text, deadline_understood, due_on, periods, annual_due, product, directing, "
                    "progress, completed_on, actual_product, note, search_text, title_key, created_at, "
                    "updated_at, updated_by) VALUES (?21, "
                    "(SELECT ifnull (max (position), 0) + 1 FROM tasks WHERE plan_id = ?21), "
                    "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?19, ?20)",
                    error);
  if (stmt == NULL)
    return FALSE;

  search = _dd_store_search_text (task->number, task->title, task->lead,
                                  (const char * const *) task->coordinators, task->deadline_text,
                                  task->product, task->directing, task->actual_product);
  annual = _dd_store_annual_due_text (task->annual_month, task->annual_day);
  title_key = dd_text_collate_key (task->title, &title_key_len);
  if (task->id > 0)
    sqlite3_bind_int64 (stmt, 1, task->id);
  sqlite3_bind_int64 (stmt, 21, task->plan_id);
  dd_sql_bind_text (stmt, 2, task->number);
  dd_sql_bind_text (stmt, 3, task->title);
  dd_sql_bind_id (stmt, 4, lead_id);
  sqlite3_bind_int (stmt, 5, task->deadline_kind);
  dd_sql_bind_text (stmt, 6, task->deadline_text);
  sqlite3_bind_int (stmt, 7, task->deadline_understood);
  dd_sql_bind_date (stmt, 8, &task->due);
  sqlite3_bind_int (stmt, 9, (int) task->periods);
  dd_sql_bind_text (stmt, 10, annual);
  dd_sql_bind_text (stmt, 11, task->product);
  dd_sql_bind_text (stmt, 12, task->directing);
  sqlite3_bind_int (stmt, 13, (int) task->progress);
  dd_sql_bind_date (stmt, 14, &task->completed_on);
  dd_sql_bind_text (stmt, 15, task->actual_product);
  dd_sql_bind_text (stmt, 16, task->note);
  dd_sql_bind_text (stmt, 17, search);
  dd_sql_bind_blob (stmt, 18, title_key, title_key_len);
  dd_sql_bind_text (stmt, 19, now);
  dd_sql_bind_text (stmt, 20, self->access.user);
  if (!dd_sql_step_done (self, stmt, error))
    return FALSE;

  if (task->id <= 0)
    task->id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/* A new task: an administrator's, or a unit editor's for its own unit
 * (found by name, without creating it: a unit editor creates no unit). */
static gboolean
check_can_add (DdStore  *self,
               DdTask   *task,
               GError  **error)
{
  gint64 lead_id = 0;

  if (task->lead != NULL)
    {
      lead_id = _dd_store_lookup_unit (self, task->lead, error);
      if (lead_id < 0)
        return FALSE;
    }
  return _dd_store_check_can_for_unit (self, DD_ACTION_ADD_TASK, lead_id, error);
}

/* Reads the task's new revision back into @task. */
static gboolean
read_revision (DdStore  *self,
               DdTask   *task,
               GError  **error)
{
  g_autoptr(sqlite3_stmt) rev = dd_sql_prepare (self, "SELECT revision FROM tasks WHERE id = ?1", error);

  if (rev == NULL)
    return FALSE;
  sqlite3_bind_int64 (rev, 1, task->id);
  if (sqlite3_step (rev) == SQLITE_ROW)
    task->revision = sqlite3_column_int64 (rev, 0);
  return TRUE;
}

static gboolean
save_task_locked (DdStore  *self,
                  DdTask   *task,
                  GError  **error)
{
  g_autofree char *now = dd_sql_now_utc ();
  gint64 lead_id = 0;
  gboolean progress_changed = FALSE;
  gboolean note_changed = FALSE;
  gboolean was_done = FALSE;

  if (!check_task_fields (task, error) || !check_task_plan (self, task, error))
    return FALSE;

  if (task->id > 0)
    {
      if (!check_revision (self, task, &progress_changed, &note_changed, &was_done, error))
        return FALSE;
    }
  else
    {
      if (!check_can_add (self, task, error))
        return FALSE;
      progress_changed = task->progress > 0 || dd_date_is_set (&task->completed_on) ||
                         task->actual_product != NULL;
      note_changed = !dd_text_is_blank (task->note);
    }

  if (task->lead != NULL)
    {
      lead_id = _dd_store_find_or_create_unit (self, task->lead, NULL, error);
      if (lead_id < 0)
        return FALSE;
    }

  if (!write_task_row (self, task, lead_id, now, error))
    return FALSE;

  if (!_dd_store_replace_coordinators (self, NULL, task->id, (const char * const *) task->coordinators, NULL,
                                       error))
    return FALSE;

  if (task->person_set && !_dd_store_set_task_person_locked (self, task->id, task->person, error))
    return FALSE;
  if (task->source_set && !_dd_store_write_task_source (self, task->id, task->source, error))
    return FALSE;

  if (progress_changed)
    {
      GDate reported;
      gboolean reopened = was_done && !dd_date_is_set (&task->completed_on);

      /* The note written with the new progress explains it ("đã trình
       * UBND tỉnh ngày …"): the timeline keeps it with the update. */
      dd_sql_today (&reported);
      if (!insert_progress_update (self, task->id, &reported, (int) task->progress,
                                   &task->completed_on, task->actual_product,
                                   note_changed ? task->note : NULL, reopened, error))
        return FALSE;
    }

  if (!read_revision (self, task, error))
    return FALSE;
  task->lead_id = lead_id;
  g_free (task->updated_by);
  task->updated_by = g_strdup (self->access.user);
  g_free (task->updated_at);
  task->updated_at = g_steal_pointer (&now);
  return TRUE;
}

gboolean
dd_store_save_task (DdStore  *self,
                    DdTask   *task,
                    GError  **error)
{
  return dd_store_save_task_full (self, task, NULL, error);
}

gboolean
dd_store_save_task_full (DdStore     *self,
                         DdTask      *task,
                         const char  *person,
                         GError     **error)
{
  gint64 old_id, old_revision;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (DD_IS_TASK (task), FALSE);

  old_id = task->id;
  old_revision = task->revision;
  if (!_dd_store_begin (self, error))
    return FALSE;
  if (!save_task_locked (self, task, error)
      || (person != NULL
          && !_dd_store_set_task_person_locked (self, task->id, *person != '\0' ? person : NULL, error))
      || !_dd_store_commit (self, error))
    {
      _dd_store_rollback (self);
      task->id = old_id;
      task->revision = old_revision;
      return FALSE;
    }
  if (person != NULL)
    {
      g_free (task->person);
      task->person = *person != '\0' ? g_strdup (person) : NULL;
    }
  task->person_set = task->source_set = FALSE;
  return TRUE;
}

/* The async save: the task (a copy of the caller's, given back saved) on a
 * writing worker. */
typedef struct
{
  DdTask *task;
  char *person;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_object (&job->task);
  g_free (job->person);
  g_free (job);
}

static gpointer
save_job_run (DdStore       *connection,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  SaveJob *job = data;

  if (!dd_store_save_task_full (connection, job->task, job->person, error))
    return NULL;
  return g_object_ref (job->task);
}

static void
on_save_job_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  DdTask *saved = dd_store_worker_run_finish (DD_STORE_WORKER (source), result, &error);

  if (saved == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, saved, g_object_unref);
}

void
dd_store_save_task_async (DdStore             *self,
                          DdTask              *task,
                          const char          *person,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(DdStoreWorker) worker = NULL;
  GTask *outer;
  SaveJob *job;

  g_return_if_fail (DD_IS_STORE (self));
  g_return_if_fail (DD_IS_TASK (task));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, dd_store_save_task_async);
  job = g_new0 (SaveJob, 1);
  job->task = dd_task_copy (task);
  job->person = g_strdup (person);
  /* A worker of its own: the save waits for no reading, and another
   * desktop's lock is waited for off the main thread. */
  worker = dd_store_worker_new (self, DD_STORE_WORKER_WRITES);
  dd_store_worker_run_async (worker, save_job_run, job, (GDestroyNotify) save_job_free, g_object_unref,
                             cancellable, on_save_job_done_cb, outer);
}

DdTask *
dd_store_save_task_finish (DdStore       *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (DD_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
_dd_store_record_progress_locked (DdStore      *self,
                                  gint64        task_id,
                                  int           progress,
                                  const GDate  *completed_on,
                                  const char   *actual_product,
                                  const char   *note,
                                  const GDate  *reported_on,
                                  GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) read = NULL;
  g_autofree char *now = dd_sql_now_utc ();
  g_autofree char *search = NULL;
  g_autoptr(DdTask) task = NULL;
  gboolean was_done;
  GDate day;

  if (progress > 100 || progress < -1)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   _("Progress must be between 0 and 100%%."));
      return FALSE;
    }
  if (!check_completed_on (completed_on, error))
    return FALSE;
  if (dd_date_is_set (completed_on))
    {
      if (progress >= 0 && progress < 100)
        {
          g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                       _("A task with a completion date is 100%% done; the progress given was %d%%."),
                       progress);
          return FALSE;
        }
      progress = 100;
    }

  dd_sql_today (&day);
  task = _dd_store_load_task (self, task_id, &day, &day, error);
  if (task == NULL)
    return FALSE;

  /* A progress under 100% means the task is not completed (any more). */
  was_done = dd_date_is_set (&task->completed_on);
  if (progress >= 0)
    task->progress = (guint) progress;
  if (dd_date_is_set (completed_on))
    task->completed_on = *completed_on;
  else if (progress >= 0 && progress < 100)
    g_date_clear (&task->completed_on, 1);
  if (actual_product != NULL)
    {
      g_free (task->actual_product);
      task->actual_product = g_strstrip (g_strdup (actual_product));
    }

  search = _dd_store_search_text (task->number, task->title, task->lead,
                            (const char * const *) task->coordinators, task->deadline_text,
                            task->product, task->directing, task->actual_product);
  stmt = dd_sql_prepare (self,
                  "UPDATE tasks SET progress = ?2, completed_on = ?3, actual_product = ?4, "
                  "search_text = ?5, updated_at = ?6, updated_by = ?7, revision = revision + 1 "
                  "WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, task_id);
  sqlite3_bind_int (stmt, 2, (int) task->progress);
  dd_sql_bind_date (stmt, 3, &task->completed_on);
  dd_sql_bind_text (stmt, 4, task->actual_product);
  dd_sql_bind_text (stmt, 5, search);
  dd_sql_bind_text (stmt, 6, now);
  dd_sql_bind_text (stmt, 7, self->access.user);
  if (!dd_sql_step_done (self, stmt, error))
    return FALSE;

  return insert_progress_update (self, task_id, dd_date_is_set (reported_on) ? reported_on : &day,
                                 progress, completed_on, actual_product, note,
                                 was_done && !dd_date_is_set (&task->completed_on), error);
}

gboolean
dd_store_record_progress (DdStore      *self,
                          gint64        task_id,
                          int           progress,
                          const GDate  *completed_on,
                          const char   *actual_product,
                          const char   *note,
                          GError      **error)
{
  g_return_val_if_fail (DD_IS_STORE (self), FALSE);

  if (!_dd_store_begin (self, error))
    return FALSE;
  if (!_dd_store_record_progress_locked (self, task_id, progress, completed_on, actual_product,
                                         note, NULL, error) ||
      !_dd_store_commit (self, error))
    {
      _dd_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/* Extensions */

/* The task's current due date and its plan's date and number, for an
 * extension; refuses a task that is not there or has no due date. */
static gboolean
read_extended_task (DdStore   *self,
                    gint64     task_id,
                    GDate     *old_due,
                    GDate     *plan_date,
                    char     **plan_number,
                    GError   **error)
{
  g_autoptr(sqlite3_stmt) read = NULL;
  int rc;

  read = dd_sql_prepare (self,
                         "SELECT t.due_on, p.issued_on, p.number FROM tasks t JOIN plans p ON p.id = t.plan_id "
                         "WHERE t.id = ?1 AND t.deleted_at IS NULL", error);
  if (read == NULL)
    return FALSE;
  sqlite3_bind_int64 (read, 1, task_id);
  rc = sqlite3_step (read);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
                   _("There is no task with id %lld."), (long long) task_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return dd_sql_set_sqlite_error (self, rc, error);
  dd_sql_column_date (read, 0, old_due);
  dd_sql_column_date (read, 1, plan_date);
  *plan_number = g_strdup (dd_sql_column_text (read, 2));
  if (!dd_date_is_set (old_due))
    return _dd_store_invalid (error, _("Only a task with a due date can be extended."));
  return TRUE;
}

/* The new date must move the deadline on, and not before the plan. */
static gboolean
check_new_due (const GDate  *new_due,
               const GDate  *old_due,
               const GDate  *plan_date,
               const char   *plan_number,
               GError      **error)
{
  g_autofree char *new_text = dd_date_to_dmy (new_due);

  if (g_date_compare (new_due, old_due) <= 0)
    {
      g_autofree char *old_text = dd_date_to_dmy (old_due);

      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   /* Translators: the new due date, then the current one. */
                   _("New due date: %s is not after the current due date, %s."), new_text, old_text);
      return FALSE;
    }
  if (dd_date_is_set (plan_date) && g_date_compare (new_due, plan_date) < 0)
    {
      g_autofree char *plan_text = dd_date_to_dmy (plan_date);

      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                   /* Translators: the new due date, then the plan's number and date. */
                   _("New due date: %s is before the date of plan %s (%s)."),
                   new_text, plan_number != NULL ? plan_number : "", plan_text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_extension (DdStore      *self,
                  gint64        task_id,
                  const GDate  *old_due,
                  const GDate  *new_due,
                  const char   *decision,
                  const char   *reason,
                  const char   *signed_by,
                  const GDate  *signed_on,
                  GError      **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *now = dd_sql_now_utc ();
  g_autofree char *clean_decision = g_strstrip (g_strdup (decision));
  g_autofree char *clean_reason = dd_text_is_blank (reason) ? NULL : g_strstrip (g_strdup (reason));
  g_autofree char *clean_signer = dd_text_is_blank (signed_by) ? NULL : g_strstrip (g_strdup (signed_by));

  insert = dd_sql_prepare (self,
                           "INSERT INTO task_extensions (task_id, old_due, new_due, decision, reason, "
                           "approved_by, approved_on, recorded_at, recorded_by) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, task_id);
  dd_sql_bind_date (insert, 2, old_due);
  dd_sql_bind_date (insert, 3, new_due);
  dd_sql_bind_text (insert, 4, clean_decision);
  dd_sql_bind_text (insert, 5, clean_reason);
  dd_sql_bind_text (insert, 6, clean_signer);
  dd_sql_bind_date (insert, 7, signed_on);
  dd_sql_bind_text (insert, 8, now);
  dd_sql_bind_text (insert, 9, self->access.user);
  return dd_sql_step_done (self, insert, error);
}

gboolean
dd_store_extend_task (DdStore      *self,
                      gint64        task_id,
                      const GDate  *new_due,
                      const char   *decision,
                      const char   *reason,
                      const char   *signed_by,
                      const GDate  *signed_on,
                      GError      **error)
{
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autofree char *now = dd_sql_now_utc ();
  g_autofree char *plan_number = NULL;
  GDate old_due, plan_date, signed_day;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (dd_date_is_set (new_due), FALSE);

  if (dd_text_is_blank (decision))
    return _dd_store_invalid (error, _("Decision: an extension needs the document that allows it "
                                       "(for example “Công văn số 45/UBND-TH ngày 10/06/2026”)."));
  if (dd_date_is_set (signed_on))
    signed_day = *signed_on;
  else
    dd_sql_today (&signed_day);

  if (!_dd_store_begin (self, error))
    return FALSE;
  if (!_dd_store_check_can (self, DD_ACTION_EXTEND_TASK, error) ||
      !read_extended_task (self, task_id, &old_due, &plan_date, &plan_number, error) ||
      !check_new_due (new_due, &old_due, &plan_date, plan_number, error) ||
      !insert_extension (self, task_id, &old_due, new_due, decision, reason, signed_by, &signed_day, error))
    goto fail;

  update = dd_sql_prepare (self,
                           "UPDATE tasks SET due_on = ?2, revision = revision + 1, updated_at = ?3, "
                           "updated_by = ?4 WHERE id = ?1", error);
  if (update == NULL)
    goto fail;
  sqlite3_bind_int64 (update, 1, task_id);
  dd_sql_bind_date (update, 2, new_due);
  dd_sql_bind_text (update, 3, now);
  dd_sql_bind_text (update, 4, self->access.user);
  if (!dd_sql_step_done (self, update, error))
    goto fail;
  return _dd_store_commit (self, error);

fail:
  _dd_store_rollback (self);
  return FALSE;
}

/* The reports and schedules of periodic and ongoing tasks: dd-store-reports.c. */
