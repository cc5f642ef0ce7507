/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_TASK_EXTENSIONS (dd_task_extensions_get_type ())
G_DECLARE_FINAL_TYPE (DdTaskExtensions, dd_task_extensions, DD, TASK_EXTENSIONS, GtkWidget)

GtkWidget *dd_task_extensions_new      (void) G_GNUC_WARN_UNUSED_RESULT;
/* Shows the original due date of @task and its extensions, read from
 * @store; %NULL empties the widget. */
void       dd_task_extensions_set_task (DdTaskExtensions *self,
                                        DdStore          *store,
                                        DdTask           *task);
/* The extensions listed, oldest first. (transfer none) (element-type DdExtension) (nullable) */
GPtrArray *dd_task_extensions_get_extensions (DdTaskExtensions *self);
/* Opens the dialog of "Extend Deadline…" (when the user may). (transfer none) (nullable) */
GtkWindow *dd_task_extensions_open_dialog (DdTaskExtensions *self);

G_END_DECLS
