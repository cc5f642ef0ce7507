/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-importer"

#include "config.h"

#include "dd-importer-private.h"

/*
 * The user's answer to the preview's new units: a unit the file names
 * that is in fact one the store has, under another spelling, is renamed
 * before the import writes, so no new unit is created for it.
 */

static char *
dup_key (const char *name)
{
  g_autofree char *clean = dd_text_normalize_space (name);

  return clean != NULL ? dd_text_unit_match_key (clean) : NULL;
}

/* (transfer full) (nullable): the mapped name of @name, or NULL. */
static char *
dup_mapped (GHashTable *by_key,
            const char *name)
{
  g_autofree char *key = name != NULL ? dup_key (name) : NULL;
  const char *to = key != NULL ? g_hash_table_lookup (by_key, key) : NULL;

  return g_strdup (to);
}

void
dd_imported_plan_map_units (DdImportedPlan *self,
                            GHashTable     *map)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer from, to;

  g_return_if_fail (self != NULL);
  g_return_if_fail (map != NULL);

  g_hash_table_iter_init (&iter, map);
  while (g_hash_table_iter_next (&iter, &from, &to))
    if (from != NULL && to != NULL && *(const char *) to != '\0')
      g_hash_table_insert (by_key, dup_key (from), to);

  for (guint i = 0; self->tasks != NULL && i < self->tasks->len; i++)
    {
      DdImportedTask *task = g_ptr_array_index (self->tasks, i);
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      char *mapped = dup_mapped (by_key, task->lead);

      if (mapped != NULL)
        {
          g_free (task->lead);
          task->lead = mapped;
        }
      if (task->lead != NULL)
        g_hash_table_add (seen, dup_key (task->lead));

      for (guint j = 0; task->coordinators != NULL && j < task->coordinators->len;)
        {
          char **slot = (char **) &g_ptr_array_index (task->coordinators, j);
          char *key;

          mapped = dup_mapped (by_key, *slot);
          if (mapped != NULL)
            {
              g_free (*slot);
              *slot = mapped;
            }
          key = dup_key (*slot);
          if (key == NULL || !g_hash_table_add (seen, key))
            {
              /* Already named by the task: once is enough. */
              g_ptr_array_remove_index (task->coordinators, j);
              continue;
            }
          j++;
        }
    }
}
