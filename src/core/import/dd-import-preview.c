/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-importer"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-importer-private.h"

/*
 * What an import would do, before it is done: the units a plan names and
 * the store's units they are, by the key the import itself matches them
 * with (dd_text_unit_match_key(), as dd_store_import_plan() does).
 */

/* Auxiliary methods */

static void
imported_unit_free (gpointer data)
{
  DdImportedUnit *unit = data;

  g_free (unit->name);
  g_free (unit->existing);
  g_free (unit);
}

/* The coordinators' names, split as the store splits them. */
static void
count_name (GPtrArray   *units,
            GHashTable  *by_key,
            GHashTable  *existing,
            const char  *name,
            GHashTable  *seen_in_task)
{
  g_autofree char *clean = dd_text_normalize_space (name);
  g_autofree char *key = NULL;
  DdImportedUnit *unit;

  if (clean == NULL || *clean == '\0')
    return;
  key = dd_text_unit_match_key (clean);
  if (!g_hash_table_add (seen_in_task, g_strdup (key)))
    return;
  unit = g_hash_table_lookup (by_key, key);
  if (unit == NULL)
    {
      const char *match = existing != NULL ? g_hash_table_lookup (existing, key) : NULL;

      unit = g_new0 (DdImportedUnit, 1);
      unit->name = g_steal_pointer (&clean);
      unit->existing = g_strdup (match);
      g_ptr_array_add (units, unit);
      g_hash_table_insert (by_key, g_steal_pointer (&key), unit);
    }
  unit->n_tasks++;
}

/* Public API */

GPtrArray *
dd_imported_plan_match_units (const DdImportedPlan  *self,
                              DdStore               *store,
                              GError               **error)
{
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (imported_unit_free);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) existing = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (store == NULL || DD_IS_STORE (store), NULL);

  if (store != NULL)
    {
      g_autoptr(GListModel) list = dd_store_list_units (store, 0, error);

      if (list == NULL)
        return NULL;
      existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(DdUnit) unit = g_list_model_get_item (list, i);
          const char *name = dd_unit_get_name (unit);

          g_hash_table_insert (existing, dd_text_unit_match_key (name), g_strdup (name));
        }
    }

  for (guint i = 0; self->tasks != NULL && i < self->tasks->len; i++)
    {
      const DdImportedTask *task = g_ptr_array_index (self->tasks, i);
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      if (task->lead != NULL)
        count_name (units, by_key, existing, task->lead, seen);
      for (guint j = 0; task->coordinators != NULL && j < task->coordinators->len; j++)
        count_name (units, by_key, existing, g_ptr_array_index (task->coordinators, j), seen);
    }
  return g_steal_pointer (&units);
}
