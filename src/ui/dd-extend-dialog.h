/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_EXTEND_DIALOG (dd_extend_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DdExtendDialog, dd_extend_dialog, DD, EXTEND_DIALOG, GtkWindow)

/* Extends the deadline of @task (a task with a due date). */
DdExtendDialog *dd_extend_dialog_new   (GtkWindow      *parent,
                                        DdStore        *store,
                                        DdTask         *task) G_GNUC_WARN_UNUSED_RESULT;
/* Whether the fields, as typed, may be sent to the store. */
gboolean        dd_extend_dialog_is_valid (DdExtendDialog *self);
/* Checks the fields and writes, as "Extend" does: %TRUE when the store
 * took it (the dialog then emits "extended" and closes). */
gboolean        dd_extend_dialog_apply (DdExtendDialog *self);

G_END_DECLS
