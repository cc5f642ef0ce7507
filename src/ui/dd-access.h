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

/* Why nothing can be written to @store now, or, with @admin_only, why
 * this user cannot make an administrator's change; %NULL when they can.
 * (transfer full) (nullable) */
char *dd_access_dup_write_reason (DdStore  *store,
                                  gboolean  admin_only);

/* Why this user cannot change @task (a unit editor changes only the tasks
 * its unit leads); %NULL when they can. (transfer full) (nullable) */
char *dd_access_dup_task_reason  (DdStore  *store,
                                  DdTask   *task);

G_END_DECLS
