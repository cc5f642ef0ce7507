/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

#include "dd-admin-list-window.h"

G_BEGIN_DECLS

#define DD_TYPE_RECYCLE_BIN_WINDOW (dd_recycle_bin_window_get_type ())
G_DECLARE_FINAL_TYPE (DdRecycleBinWindow, dd_recycle_bin_window, DD, RECYCLE_BIN_WINDOW, DdAdminListWindow)

DdRecycleBinWindow *dd_recycle_bin_window_new    (GtkWindow          *parent,
                                                  DdStore            *store) G_GNUC_WARN_UNUSED_RESULT;
/* Reads the bin again. */
void                dd_recycle_bin_window_reload (DdRecycleBinWindow *self);
/* The number of tasks listed. */
guint               dd_recycle_bin_window_get_n_entries (DdRecycleBinWindow *self);
/* Selects the @index-th task listed (tests and keyboard users). */
void                dd_recycle_bin_window_select (DdRecycleBinWindow *self,
                                                  guint               index);

G_END_DECLS
