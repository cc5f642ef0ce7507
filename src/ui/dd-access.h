/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

/*
 * What the user may change, as the window shows it: the core judges
 * (dd_store_can()); these helpers show its answer on the widgets.
 */

/* Why the user cannot do @action now (dd_store_can()), or "No database is
 * open." when @store is %NULL; %NULL when they can. @task: as for
 * dd_store_can(). (transfer full) (nullable) */
char *dd_access_dup_reason       (DdStore  *store,
                                  DdAction  action,
                                  DdTask   *task);

/*
 * Shows on @widget why it cannot be used: @reason as its tooltip, or, with
 * @reason %NULL, the tooltip it had the first time (the one the template
 * gave it). Its sensitivity is left to the caller (or its action).
 */
void  dd_access_set_tooltip      (GtkWidget  *widget,
                                  const char *reason);

/* gtk_widget_set_sensitive(), moving the window's focus out of @widget
 * first when it goes off: a text field losing its sensitivity with the
 * focus would miss its focus-out (the role may change while one types). */
void  dd_access_set_sensitive    (GtkWidget  *widget,
                                  gboolean    sensitive);

/*
 * Connects @callback (swapped: it gets @object) to the signals after which
 * what the user may change must be looked at again: "access-changed" of
 * @store (role, read-only state, lock warning). Disconnected with @object.
 */
void  dd_access_connect          (DdStore    *store,
                                  GCallback   callback,
                                  gpointer    object);

G_END_DECLS
