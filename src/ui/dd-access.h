/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

/*
 * What the user may change, as the window shows it: the same rules the
 * store enforces (read-only file, the lock warning not yet acknowledged,
 * roles), said before the user tries rather than after. The store stays
 * the one that refuses.
 */

/* Why nothing at all can be written to @store now, whatever the role: no
 * file, a read-only file, the lock warning not yet acknowledged; %NULL when
 * writes may be tried (a viewer records their own display name).
 * (transfer full) (nullable) */
char *dd_access_dup_file_reason  (DdStore  *store);

/* Why nothing can be written to @store now, or, with @admin_only, why
 * this user cannot make an administrator's change; %NULL when they can.
 * (transfer full) (nullable) */
char *dd_access_dup_write_reason (DdStore  *store,
                                  gboolean  admin_only);

/* Why this user cannot change @task (a unit editor changes only the tasks
 * its unit leads); %NULL when they can. (transfer full) (nullable) */
char *dd_access_dup_task_reason  (DdStore  *store,
                                  DdTask   *task);

/* Why this user cannot record the indicator and dossier figures of
 * @unit_id (0: the whole office): a unit editor records only its own
 * unit's; %NULL when they can. (transfer full) (nullable) */
char *dd_access_dup_figures_reason (DdStore *store,
                                    gint64   unit_id);

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
