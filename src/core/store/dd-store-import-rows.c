/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store"

#include "config.h"

#include "dd-store-import-rows.h"

/*
 * What an import writes of each row beside the file's own columns (the
 * search text, the collation key of the title), computed before the write
 * lock is taken or, for an import in chunks, on a thread of its own while
 * the first chunks are written (dd-store-import.c).
 */

void
_dd_import_rows_free (ImportRows *rows)
{
  if (rows->thread != NULL)
    {
      g_atomic_int_set (&rows->stop, 1);
      g_thread_join (rows->thread);
    }
  g_mutex_clear (&rows->mutex);
  g_cond_clear (&rows->cond);
  for (guint i = 0; i < rows->n_rows; i++)
    {
      g_free (rows->rows[i].search);
      g_free (rows->rows[i].annual);
      g_free (rows->rows[i].title_key);
      if (rows->rows[i].names != NULL)
        g_ptr_array_unref (rows->rows[i].names);
    }
  g_free (rows->rows);
  g_free (rows);
}

static void
import_row_compute (ImportRow            *row,
                    const DdImportedTask *in)
{
  row->names = g_ptr_array_new ();
  if (in->coordinators != NULL)
    for (guint j = 0; j < in->coordinators->len; j++)
      g_ptr_array_add (row->names, g_ptr_array_index (in->coordinators, j));
  g_ptr_array_add (row->names, NULL);
  row->search = _dd_store_search_text (in->number, in->title, in->lead,
                                       (const char * const *) row->names->pdata, in->deadline_text,
                                       in->product, in->directing, NULL);
  row->annual = _dd_store_annual_due_text (in->deadline.annual_month, in->deadline.annual_day);
  row->title_key = dd_text_collate_key (in->title, &row->title_key_len);
}

static ImportRows *
import_rows_alloc (const DdImportedPlan *plan)
{
  ImportRows *rows = g_new0 (ImportRows, 1);

  rows->n_rows = plan->tasks != NULL ? plan->tasks->len : 0;
  rows->rows = g_new0 (ImportRow, rows->n_rows);
  rows->plan = plan;
  g_mutex_init (&rows->mutex);
  g_cond_init (&rows->cond);
  return rows;
}

ImportRows *
_dd_import_rows_new (const DdImportedPlan *plan)
{
  ImportRows *rows = import_rows_alloc (plan);

  for (guint i = 0; i < rows->n_rows; i++)
    import_row_compute (&rows->rows[i], g_ptr_array_index (plan->tasks, i));
  rows->ready = rows->n_rows;
  return rows;
}

/* Says how far it got every ROWS_STEP rows. */
#define ROWS_STEP 64

static gpointer
compute_rows_thread (gpointer data)
{
  ImportRows *rows = data;

  for (guint i = 0; i < rows->n_rows && !g_atomic_int_get (&rows->stop); i++)
    {
      import_row_compute (&rows->rows[i], g_ptr_array_index (rows->plan->tasks, i));
      if ((i + 1) % ROWS_STEP == 0 || i + 1 == rows->n_rows)
        {
          g_mutex_lock (&rows->mutex);
          rows->ready = i + 1;
          g_cond_broadcast (&rows->cond);
          g_mutex_unlock (&rows->mutex);
        }
    }
  return NULL;
}

/* The rows of @plan, computed by a thread while the first chunks are
 * written (_dd_import_rows_wait()): on two cores the text folding and the
 * collation keys no longer come before the first write. Only the thread
 * writes the rows until _dd_import_rows_wait() says they are ready. */
ImportRows *
_dd_import_rows_start (const DdImportedPlan *plan)
{
  ImportRows *rows = import_rows_alloc (plan);

  rows->thread = g_thread_new ("dd-import-rows", compute_rows_thread, rows);
  return rows;
}

/* Waits until the rows [0, @end) are computed. */
void
_dd_import_rows_wait (ImportRows *rows,
                  guint       end)
{
  end = MIN (end, rows->n_rows);
  g_mutex_lock (&rows->mutex);
  while (rows->ready < end)
    g_cond_wait (&rows->cond, &rows->mutex);
  g_mutex_unlock (&rows->mutex);
}

