/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-column-sorter"

#include "config.h"

#include "dd-column-sorter.h"

/*
 * DdColumnSorter: the sorter of one GtkColumnViewColumn of the task list.
 *
 * The task list is sorted by the database (DdTaskQuery.sort), never by a
 * GtkSortListModel: with 100,000 tasks a sort model would read every task.
 * The column view's sorter is therefore used only to draw the header arrows
 * and to tell us which column the user clicked.
 *
 * GTK 4.8 has no API to read the primary sort column of a
 * GtkColumnViewSorter (gtk_column_view_sorter_get_primary_sort_column() is
 * new in 4.10). We find it by probing instead: the column view's sorter
 * compares two items by asking its column sorters in order, primary first,
 * stopping at the first one that does not answer "equal", and inverting the
 * answer of a descending column. Each of our sorters records that it was
 * asked and answers "smaller"; so the one recorded is the primary column,
 * and an overall "larger" means it is sorted in descending order.
 */

struct _DdColumnSorter
{
  GtkSorter parent_instance;

  DdTaskSort sort;
  DdColumnSorterProbe *probe;
};

G_DEFINE_FINAL_TYPE (DdColumnSorter, dd_column_sorter, GTK_TYPE_SORTER)

/* GObject overrides */

static GtkOrdering
dd_column_sorter_compare (GtkSorter *sorter,
                          gpointer   item1,
                          gpointer   item2)
{
  DdColumnSorter *self = DD_COLUMN_SORTER (sorter);

  if (self->probe != NULL && self->probe->primary == NULL)
    self->probe->primary = self;

  return GTK_ORDERING_SMALLER;
}

static GtkSorterOrder
dd_column_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

static void
dd_column_sorter_class_init (DdColumnSorterClass *klass)
{
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  sorter_class->compare = dd_column_sorter_compare;
  sorter_class->get_order = dd_column_sorter_get_order;
}

static void
dd_column_sorter_init (DdColumnSorter *self)
{
  self->sort = DD_TASK_SORT_NUMBER;
}

/* Public API */

/**
 * dd_column_sorter_new:
 * @sort: the database order this column stands for
 * @probe: (nullable): the probe shared by the sorters of the column view; it
 *   must outlive the sorter
 *
 * Returns: (transfer full): a new sorter
 */
DdColumnSorter *
dd_column_sorter_new (DdTaskSort           sort,
                      DdColumnSorterProbe *probe)
{
  DdColumnSorter *self = g_object_new (DD_TYPE_COLUMN_SORTER, NULL);

  self->sort = sort;
  self->probe = probe;

  return self;
}

DdTaskSort
dd_column_sorter_get_sort (DdColumnSorter *self)
{
  g_return_val_if_fail (DD_IS_COLUMN_SORTER (self), DD_TASK_SORT_NUMBER);

  return self->sort;
}

/**
 * dd_column_sorter_probe:
 * @view_sorter: the sorter of a GtkColumnView whose columns have
 *   DdColumnSorters sharing @probe
 * @probe: the shared probe
 * @out_sort: (out): the order of the primary column
 * @out_descending: (out): whether it is descending
 *
 * Finds the primary sort column of @view_sorter (see above).
 *
 * Returns: %TRUE when a column is sorted, %FALSE when none is (then
 *   @out_sort is the appendix order, ascending)
 */
gboolean
dd_column_sorter_probe (GtkSorter           *view_sorter,
                        DdColumnSorterProbe *probe,
                        DdTaskSort          *out_sort,
                        gboolean            *out_descending)
{
  g_autoptr(GObject) a = NULL;
  g_autoptr(GObject) b = NULL;
  GtkOrdering result;

  g_return_val_if_fail (GTK_IS_SORTER (view_sorter), FALSE);
  g_return_val_if_fail (probe != NULL, FALSE);

  *out_sort = DD_TASK_SORT_NUMBER;
  *out_descending = FALSE;

  a = g_object_new (G_TYPE_OBJECT, NULL);
  b = g_object_new (G_TYPE_OBJECT, NULL);

  probe->primary = NULL;
  result = gtk_sorter_compare (view_sorter, a, b);

  if (probe->primary == NULL)
    return FALSE;

  *out_sort = probe->primary->sort;
  *out_descending = (result == GTK_ORDERING_LARGER);
  probe->primary = NULL;

  return TRUE;
}
