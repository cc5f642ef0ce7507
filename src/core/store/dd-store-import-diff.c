/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-store-private.h"

/*
 * What re-importing a plan would change, read without writing: the same
 * matching as dd_store_import_plan() (the plan by its number and date, a
 * task by its TT, a unit by its tolerant key), the same columns compared.
 */

/* Auxiliary methods */

static void
import_change_free (gpointer data)
{
  DdImportChange *change = data;

  g_free (change->number);
  g_free (change->title);
  g_free (change->old_title);
  g_free (change->old_deadline);
  g_free (change);
}

static gboolean
unit_differs (const char *stored_key,
              const char *name)
{
  g_autofree char *clean = name != NULL ? dd_text_normalize_space (name) : NULL;
  g_autofree char *key = NULL;

  if (clean == NULL || *clean == '\0')
    return stored_key != NULL;
  key = dd_text_unit_match_key (clean);
  return g_strcmp0 (key, stored_key) != 0;
}

/* The fields of @task that differ from the stored row @stmt (columns as
 * selected by dd_store_diff_import()). */
static DdImportFields
compare_task (DdStore               *self,
              sqlite3_stmt          *stmt,
              const DdImportedTask  *task)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  DdImportFields fields = 0;
  GDate due;

  if (g_strcmp0 (task->title, dd_sql_column_text (stmt, 2)) != 0)
    fields |= DD_IMPORT_FIELD_TITLE;
  if (unit_differs (dd_sql_column_text (stmt, 3), task->lead))
    fields |= DD_IMPORT_FIELD_LEAD;
  dd_sql_column_date (stmt, 5, &due);
  if (g_strcmp0 (task->deadline_text, dd_sql_column_text (stmt, 4)) != 0 ||
      sqlite3_column_int (stmt, 6) != (int) task->deadline.kind ||
      g_date_valid (&due) != g_date_valid (&task->deadline.due) ||
      (g_date_valid (&due) && g_date_compare (&due, &task->deadline.due) != 0))
    fields |= DD_IMPORT_FIELD_DEADLINE;
  if (g_strcmp0 (task->product, dd_sql_column_text (stmt, 7)) != 0)
    fields |= DD_IMPORT_FIELD_PRODUCT;
  if (g_strcmp0 (task->directing, dd_sql_column_text (stmt, 8)) != 0)
    fields |= DD_IMPORT_FIELD_DIRECTING;

  for (guint i = 0; task->coordinators != NULL && i < task->coordinators->len; i++)
    g_ptr_array_add (names, g_ptr_array_index (task->coordinators, i));
  g_ptr_array_add (names, NULL);
  if (_dd_store_coordinators_differ (self, NULL, sqlite3_column_int64 (stmt, 0),
                                     (const char * const *) names->pdata))
    fields |= DD_IMPORT_FIELD_COORDINATORS;
  return fields;
}

static DdImportChange *
import_change_new (DdImportChangeKind  kind,
                   const char         *number,
                   const char         *title,
                   guint               line)
{
  DdImportChange *change = g_new0 (DdImportChange, 1);

  change->kind = kind;
  change->number = g_strdup (number != NULL ? number : "");
  change->title = g_strdup (title);
  change->line = line;
  return change;
}

/* Public API */

char *
dd_import_change_dup_fields_text (const DdImportChange *self)
{
  static const struct { DdImportFields field; const char *label; } labels[] = {
    /* Translators: the appendix's column names, as the plan's table writes them. */
    { DD_IMPORT_FIELD_TITLE, NC_("appendix column", "Task") },
    { DD_IMPORT_FIELD_LEAD, NC_("appendix column", "Lead unit") },
    { DD_IMPORT_FIELD_COORDINATORS, NC_("appendix column", "Coordinating units") },
    { DD_IMPORT_FIELD_DEADLINE, NC_("appendix column", "Deadline") },
    { DD_IMPORT_FIELD_PRODUCT, NC_("appendix column", "Product") },
    { DD_IMPORT_FIELD_DIRECTING, NC_("appendix column", "Directing") },
  };
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      if ((self->fields & labels[i].field) == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, g_dpgettext2 (GETTEXT_PACKAGE, "appendix column", labels[i].label));
    }
  return g_string_free (text, FALSE);
}

GPtrArray *
dd_store_diff_import (DdStore               *self,
                      const DdImportedPlan  *plan,
                      gboolean              *out_plan_exists,
                      GError               **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (import_change_free);
  g_autoptr(GHashTable) in_file = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 plan_id;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);
  g_return_val_if_fail (plan != NULL, NULL);

  plan_id = plan->number != NULL ? _dd_store_find_import_plan (self, plan) : 0;
  if (out_plan_exists != NULL)
    *out_plan_exists = plan_id > 0;
  if (plan_id <= 0 || plan->tasks == NULL)
    return g_steal_pointer (&changes);

  stmt = dd_sql_prepare (self,
                         "SELECT t.id, t.number, t.title, u.match_key, t.deadline_text, t.due_on, "
                         "t.deadline_kind, t.product, t.directing, t.deleted_at IS NOT NULL "
                         "FROM tasks t LEFT JOIN units u ON u.id = t.lead_unit_id "
                         "WHERE t.plan_id = ?1 AND t.number = ?2 ORDER BY t.position LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < plan->tasks->len; i++)
    {
      const DdImportedTask *task = g_ptr_array_index (plan->tasks, i);
      const char *number = task->number != NULL ? task->number : "";
      DdImportChange *change;
      DdImportFields fields;

      g_hash_table_add (in_file, (gpointer) number);
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, plan_id);
      dd_sql_bind_text (stmt, 2, number);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          g_ptr_array_add (changes, import_change_new (DD_IMPORT_CHANGE_ADDED, number, task->title, task->line));
          continue;
        }
      fields = compare_task (self, stmt, task);
      if (fields == 0)
        continue;
      change = import_change_new (DD_IMPORT_CHANGE_CHANGED, number, task->title, task->line);
      change->fields = fields;
      if (fields & DD_IMPORT_FIELD_TITLE)
        change->old_title = g_strdup (dd_sql_column_text (stmt, 2));
      if (fields & DD_IMPORT_FIELD_DEADLINE)
        change->old_deadline = g_strdup (dd_sql_column_text (stmt, 4));
      g_ptr_array_add (changes, change);
    }

  /* The stored tasks the file no longer has (those in the recycle bin
   * are already gone for the user). */
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = dd_sql_prepare (self,
                         "SELECT number, title FROM tasks WHERE plan_id = ?1 AND deleted_at IS NULL "
                         "ORDER BY position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *number = dd_sql_column_text (stmt, 0);

      if (!g_hash_table_contains (in_file, number != NULL ? number : ""))
        g_ptr_array_add (changes, import_change_new (DD_IMPORT_CHANGE_REMOVED, number,
                                                     dd_sql_column_text (stmt, 1), 0));
    }
  return g_steal_pointer (&changes);
}
