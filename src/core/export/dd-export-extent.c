/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-export"

#include "config.h"

#include <string.h>
#include <glib.h>

#include "dd-export-private.h"

/*
 * The extent of the columns' text: what the widths of a sheet's columns
 * are computed from, before its rows are written. Read from the tasks in
 * the order they will be printed, at most _DD_EXPORT_EXTENT_SAMPLE of
 * them.
 */

/* The longest words kept of each column. */
#define LONGEST_WORDS 4

struct _DdExtentReader
{
  DdExportExtent *out;
  GPtrArray *words[DD_N_EXTENTS];  /* the longest words, longest first */
  GArray *lengths[DD_N_EXTENTS];   /* their lengths in characters */
  double sum[DD_N_EXTENTS];
  guint n;
};

DdExtentReader *
_dd_extent_reader_new (DdExportExtent *out)
{
  DdExtentReader *r = g_new0 (DdExtentReader, 1);

  memset (out, 0, sizeof *out);
  r->out = out;
  for (int c = 0; c < DD_N_EXTENTS; c++)
    {
      r->words[c] = g_ptr_array_new_with_free_func (g_free);
      r->lengths[c] = g_array_new (FALSE, FALSE, sizeof (glong));
    }
  return r;
}

/* Keeps the words of @text among the LONGEST_WORDS longest of @words. */
static void
keep_longest (GPtrArray  *words,
              GArray     *lengths,
              const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0';)
    {
      gsize n = strcspn (p, " \t\n\r");
      glong chars;
      guint at;
      gboolean known = FALSE;

      if (n == 0)
        {
          p++;
          continue;
        }
      chars = g_utf8_strlen (p, (gssize) n);
      for (at = words->len; at > 0 && g_array_index (lengths, glong, at - 1) < chars; at--)
        ;
      for (guint i = 0; i < words->len && !known; i++)
        known = strncmp (g_ptr_array_index (words, i), p, n) == 0 && ((char *) g_ptr_array_index (words, i))[n] == '\0';
      if (!known && at < LONGEST_WORDS)
        {
          g_ptr_array_insert (words, (gint) at, g_strndup (p, n));
          g_array_insert_val (lengths, at, chars);
          if (words->len > LONGEST_WORDS)
            {
              g_ptr_array_remove_index (words, LONGEST_WORDS);
              g_array_set_size (lengths, LONGEST_WORDS);
            }
        }
      p += n;
    }
}

gboolean
_dd_extent_reader_add (DdExtentReader     *r,
                       const DdExportTask *task)
{
  const char *texts[DD_N_EXTENTS] = {
    [DD_EXTENT_PLAN] = task->plan_number, [DD_EXTENT_NUMBER] = task->number, [DD_EXTENT_TITLE] = task->title,
    [DD_EXTENT_LEAD] = task->lead, [DD_EXTENT_COORDINATORS] = task->coordinators,
    [DD_EXTENT_TIME_FRAME] = task->deadline_text, [DD_EXTENT_PRODUCT] = task->product,
    [DD_EXTENT_DIRECTING] = task->directing, [DD_EXTENT_ACTUAL] = task->actual_product,
    [DD_EXTENT_NOTE] = task->note,
  };

  if (r->n >= _DD_EXPORT_EXTENT_SAMPLE)
    {
      /* Read in part: what the sample did not meet may be further on. */
      r->out->sampled = TRUE;
      return FALSE;
    }
  for (int c = 0; c < DD_N_EXTENTS; c++)
    if (texts[c] != NULL)
      {
        r->sum[c] += g_utf8_strlen (texts[c], -1);
        keep_longest (r->words[c], r->lengths[c], texts[c]);
      }
  r->out->n_completed += dd_date_is_set (&task->completed_on);
  r->out->any_not_understood |= !task->deadline_understood;
  r->out->any_extended |= dd_date_is_set (&task->original_due);
  r->n++;
  if (r->n >= _DD_EXPORT_EXTENT_SAMPLE)
    r->out->sampled = TRUE;
  return r->n < _DD_EXPORT_EXTENT_SAMPLE;
}

void
_dd_extent_reader_finish (DdExtentReader *r)
{
  DdExportExtent *out = r->out;

  out->n_tasks = r->n;
  for (int c = 0; c < DD_N_EXTENTS; c++)
    {
      if (r->words[c]->len > 0)
        {
          g_ptr_array_add (r->words[c], NULL);
          out->longest[c] = g_strjoinv ("\n", (char **) r->words[c]->pdata);
        }
      out->mean[c] = r->n > 0 ? r->sum[c] / r->n : 0;
      g_ptr_array_unref (r->words[c]);
      g_array_unref (r->lengths[c]);
    }
  g_free (r);
}

void
_dd_export_extent_clear (DdExportExtent *extent)
{
  for (int c = 0; c < DD_N_EXTENTS; c++)
    g_clear_pointer (&extent->longest[c], g_free);
}
