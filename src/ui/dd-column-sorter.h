/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_COLUMN_SORTER (dd_column_sorter_get_type ())
G_DECLARE_FINAL_TYPE (DdColumnSorter, dd_column_sorter, DD, COLUMN_SORTER, GtkSorter)

/**
 * DdColumnSorterProbe:
 * @primary: the first column sorter that was asked to compare, or %NULL
 *
 * Shared by the sorters of one column view: see dd_column_sorter_probe().
 */
typedef struct
{
  DdColumnSorter *primary;
} DdColumnSorterProbe;

DdColumnSorter *dd_column_sorter_new      (DdTaskSort           sort,
                                           DdColumnSorterProbe *probe) G_GNUC_WARN_UNUSED_RESULT;
DdTaskSort      dd_column_sorter_get_sort (DdColumnSorter      *self);

gboolean        dd_column_sorter_probe    (GtkSorter           *view_sorter,
                                           DdColumnSorterProbe *probe,
                                           DdTaskSort          *out_sort,
                                           gboolean            *out_descending);

G_END_DECLS
