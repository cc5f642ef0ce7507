/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_TASKS_PAGE (dd_tasks_page_get_type ())
G_DECLARE_FINAL_TYPE (DdTasksPage, dd_tasks_page, DD, TASKS_PAGE, GtkWidget)

GtkWidget         *dd_tasks_page_new               (DdStore     *store) G_GNUC_WARN_UNUSED_RESULT;
DdStore           *dd_tasks_page_get_store         (DdTasksPage *self);
void               dd_tasks_page_set_store         (DdTasksPage *self,
                                                    DdStore     *store);
/* Reads the list again and selects @select_id (-1: keeps the selection). */
void               dd_tasks_page_reload            (DdTasksPage *self,
                                                    gint64       select_id);
/* Reads the list again and selects @task_id, clearing the filters that
 * hide it (they then show @plan_id's tasks). */
void               dd_tasks_page_show_task         (DdTasksPage *self,
                                                    gint64       task_id,
                                                    gint64       plan_id);
/* The list shown, or %NULL until it is first read (when the page is first
 * shown). (transfer none) (nullable) */
gboolean           dd_tasks_page_is_loading        (DdTasksPage *self);
DdTaskList        *dd_tasks_page_get_tasks         (DdTasksPage *self);
/* The query of the list (filters, sort order, reference date), or %NULL
 * until it is first read. (transfer none) (nullable) */
const DdTaskQuery *dd_tasks_page_get_query         (DdTasksPage *self);
/* The selected task, or %NULL. (transfer full) (nullable) */
DdTask            *dd_tasks_page_dup_selected_task (DdTasksPage *self);
/* The reference date of the statuses (today at first). */
const GDate       *dd_tasks_page_get_as_of         (DdTasksPage *self);

G_END_DECLS
