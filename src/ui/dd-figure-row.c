/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-figure-row"

#include "config.h"

#include "dd-figure-row.h"

/*
 * The rows of the Indicators page's grid (dd-indicators-grid.c): see the
 * header. A quarter is typed when its text differs from its saved text;
 * the page records it when the focus leaves its cell, before it shows
 * another indicator or year, and before the window closes. When the
 * grid is read again for a change made elsewhere, the typed texts are
 * put back in the new rows.
 */

typedef struct
{
  char *saved;
  char *typed;                  /* NULL: the saved text is shown */
  char *tip;
  char *error;
} Quarter;

struct _DdFigureRow
{
  GObject parent_instance;

  gint64 unit_id;
  char *unit_name;
  Quarter quarters[4];
};

G_DEFINE_FINAL_TYPE (DdFigureRow, dd_figure_row, G_TYPE_OBJECT)

static Quarter *
get_quarter (DdFigureRow *self,
             int          quarter)
{
  g_return_val_if_fail (quarter >= 1 && quarter <= 4, &self->quarters[0]);
  return &self->quarters[quarter - 1];
}

static void
dd_figure_row_finalize (GObject *object)
{
  DdFigureRow *self = DD_FIGURE_ROW (object);

  g_free (self->unit_name);
  for (guint i = 0; i < G_N_ELEMENTS (self->quarters); i++)
    {
      g_free (self->quarters[i].saved);
      g_free (self->quarters[i].typed);
      g_free (self->quarters[i].tip);
      g_free (self->quarters[i].error);
    }

  G_OBJECT_CLASS (dd_figure_row_parent_class)->finalize (object);
}

static void
dd_figure_row_class_init (DdFigureRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_figure_row_finalize;
}

static void
dd_figure_row_init (DdFigureRow *self)
{
}

DdFigureRow *
dd_figure_row_new (gint64      unit_id,
                   const char *unit_name)
{
  DdFigureRow *self = g_object_new (DD_TYPE_FIGURE_ROW, NULL);

  self->unit_id = unit_id;
  self->unit_name = g_strdup (unit_name);
  return self;
}

gint64
dd_figure_row_get_unit_id (DdFigureRow *self)
{
  g_return_val_if_fail (DD_IS_FIGURE_ROW (self), 0);
  return self->unit_id;
}

const char *
dd_figure_row_get_unit_name (DdFigureRow *self)
{
  g_return_val_if_fail (DD_IS_FIGURE_ROW (self), NULL);
  return self->unit_name;
}

const char *
dd_figure_row_get_text (DdFigureRow *self,
                        int          quarter)
{
  Quarter *q;

  g_return_val_if_fail (DD_IS_FIGURE_ROW (self), "");
  q = get_quarter (self, quarter);
  if (q->typed != NULL)
    return q->typed;
  return q->saved != NULL ? q->saved : "";
}

void
dd_figure_row_set_text (DdFigureRow *self,
                        int          quarter,
                        const char  *text)
{
  Quarter *q;

  g_return_if_fail (DD_IS_FIGURE_ROW (self));
  q = get_quarter (self, quarter);
  g_clear_pointer (&q->typed, g_free);
  if (g_strcmp0 (text != NULL ? text : "", q->saved != NULL ? q->saved : "") != 0)
    q->typed = g_strdup (text);
}

gboolean
dd_figure_row_is_typed (DdFigureRow *self,
                        int          quarter)
{
  g_return_val_if_fail (DD_IS_FIGURE_ROW (self), FALSE);
  return get_quarter (self, quarter)->typed != NULL;
}

void
dd_figure_row_set_saved (DdFigureRow *self,
                         int          quarter,
                         const char  *saved,
                         const char  *tip)
{
  Quarter *q;

  g_return_if_fail (DD_IS_FIGURE_ROW (self));
  q = get_quarter (self, quarter);
  g_free (q->saved);
  q->saved = g_strdup (saved);
  g_free (q->tip);
  q->tip = g_strdup (tip);
  g_clear_pointer (&q->typed, g_free);
  g_clear_pointer (&q->error, g_free);
}

const char *
dd_figure_row_get_tip (DdFigureRow *self,
                       int          quarter)
{
  g_return_val_if_fail (DD_IS_FIGURE_ROW (self), NULL);
  return get_quarter (self, quarter)->tip;
}

void
dd_figure_row_set_error (DdFigureRow *self,
                         int          quarter,
                         const char  *message)
{
  Quarter *q;

  g_return_if_fail (DD_IS_FIGURE_ROW (self));
  q = get_quarter (self, quarter);
  g_free (q->error);
  q->error = g_strdup (message);
}

const char *
dd_figure_row_get_error (DdFigureRow *self,
                         int          quarter)
{
  g_return_val_if_fail (DD_IS_FIGURE_ROW (self), NULL);
  return get_quarter (self, quarter)->error;
}

static char *
dup_key (gint64 unit_id,
         int    quarter)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%d", unit_id, quarter);
}

GHashTable *
dd_figure_rows_dup_typed (GListModel *rows)
{
  GHashTable *typed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; rows != NULL && i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(DdFigureRow) row = g_list_model_get_item (rows, i);

      for (int q = 1; q <= 4; q++)
        if (dd_figure_row_is_typed (row, q))
          g_hash_table_insert (typed, dup_key (row->unit_id, q), g_strdup (dd_figure_row_get_text (row, q)));
    }
  return typed;
}

void
dd_figure_rows_restore_typed (GPtrArray  *rows,
                              GHashTable *typed)
{
  if (typed == NULL || g_hash_table_size (typed) == 0)
    return;
  for (guint i = 0; i < rows->len; i++)
    {
      DdFigureRow *row = g_ptr_array_index (rows, i);

      for (int q = 1; q <= 4; q++)
        {
          g_autofree char *key = dup_key (row->unit_id, q);
          const char *text = g_hash_table_lookup (typed, key);

          if (text != NULL)
            dd_figure_row_set_text (row, q, text);
        }
    }
}
