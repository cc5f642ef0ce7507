/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_TASK_EDITOR (dd_task_editor_get_type ())
G_DECLARE_FINAL_TYPE (DdTaskEditor, dd_task_editor, DD, TASK_EDITOR, GtkWindow)

DdTaskEditor *dd_task_editor_new       (GtkWindow    *parent,
                                        DdStore      *store,
                                        DdTask       *task) G_GNUC_WARN_UNUSED_RESULT;
DdTaskEditor *dd_task_editor_new_task  (GtkWindow    *parent,
                                        DdStore      *store,
                                        gint64        plan_id) G_GNUC_WARN_UNUSED_RESULT;
DdTask       *dd_task_editor_get_task  (DdTaskEditor *self);
void          dd_task_editor_show_period (DdTaskEditor    *self,
                                          DdOccurrenceKind kind,
                                          int              year,
                                          int              index);
DdStore      *dd_task_editor_get_store (DdTaskEditor *self);
void          dd_task_editor_set_viewing (DdTaskEditor *self,
                                          gboolean      viewing);
gboolean      dd_task_editor_get_viewing (DdTaskEditor *self);

G_END_DECLS
