/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <gio/gio.h>
#include "dd-types.h"

G_BEGIN_DECLS

typedef enum
{
  DD_TASK_SORT_NUMBER = 0,    /* plan, then the order of the appendix */
  DD_TASK_SORT_TITLE,
  DD_TASK_SORT_LEAD,
  DD_TASK_SORT_COORDINATORS,
  DD_TASK_SORT_DEADLINE,      /* due date; tasks without one last */
  DD_TASK_SORT_PRODUCT,
  DD_TASK_SORT_DIRECTING,
  DD_TASK_SORT_STATUS,
  DD_TASK_SORT_PROGRESS,
} DdTaskSort;

/**
 * DdTaskQuery:
 * @as_of: reference date for the status (must be valid)
 * @due_soon_days: the "due soon" window
 * @plan_id: only this plan's tasks, or 0 for all
 * @unit_id: only tasks this unit leads or coordinates, or 0 for all
 * @status: only tasks in this status, or -1 for all
 * @text: (nullable): words that must all appear (diacritics ignored) in the
 *   task's number, title, units, deadline, product or directing
 * @sort: the column to sort by; ties keep the appendix order
 * @descending: reverse the order
 * @lead_only: with @unit_id, only the tasks that unit leads (not those it
 *   only coordinates); %FALSE after dd_task_query_init()
 * @six_clear_incomplete: only the tasks that fail the "6 rõ" check
 *   (dd_task_check_six_clear()); %FALSE after dd_task_query_init()
 *
 * A plain value: copy it freely (own the @text yourself).
 */
typedef struct
{
  GDate as_of;
  guint due_soon_days;
  gint64 plan_id;
  gint64 unit_id;
  int status;
  const char *text;
  DdTaskSort sort;
  gboolean descending;
  gboolean lead_only;
  gboolean six_clear_incomplete;
} DdTaskQuery;

/* Fills @self with: today, the default window, everything, appendix order. */
void dd_task_query_init (DdTaskQuery *self);

#define DD_TYPE_TASK_LIST (dd_task_list_get_type ())
G_DECLARE_FINAL_TYPE (DdTaskList, dd_task_list, DD, TASK_LIST, GObject)

/*
 * DdTaskList is a GListModel of DdTask made by dd_store_query_tasks(). It
 * holds only the ids of the matching tasks; a task is read from the store
 * when a view asks for it (and kept in a small cache), so a list of 100,000
 * tasks costs 800 KB, not 100,000 objects. Main thread only; its
 * dd_task_list_set_query_async() reads on a worker of its own.
 */

/* An empty list, to read its first query with dd_task_list_set_query_async(). */
DdTaskList *dd_task_list_new   (DdStore           *store) G_GNUC_WARN_UNUSED_RESULT;

/* Runs the query again (after a change of the store) and emits
 * items-changed for the whole list when the result differs. */
gboolean dd_task_list_refresh  (DdTaskList        *self,
                                GError           **error);
/* Replaces the query and refreshes. */
gboolean dd_task_list_set_query (DdTaskList        *self,
                                 const DdTaskQuery *query,
                                 GError           **error);
void     dd_task_list_set_query_async  (DdTaskList          *self,
                                        const DdTaskQuery   *query,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean dd_task_list_set_query_finish (DdTaskList          *self,
                                        GAsyncResult        *result,
                                        GError             **error);
void     dd_task_list_get_status_counts (DdTaskList        *self,
                                         guint              counts[DD_N_STATUSES]);
const DdTaskQuery *dd_task_list_get_query (DdTaskList *self);
gint64   dd_task_list_get_id_at (DdTaskList        *self,
                                 guint              position);
/* Only the first @limit tasks as items (G_MAXUINT: all), until changed. */
void     dd_task_list_set_row_limit (DdTaskList    *self,
                                     guint          limit);
guint    dd_task_list_get_n_tasks   (DdTaskList    *self);
void     dd_task_list_set_refill_items (DdTaskList *self,
                                        gboolean    refill);
void     dd_task_list_set_notify_later (DdTaskList *self,
                                        gboolean    later);
/* Notifies at most @max refilled items, nearest to @near first; how many wait. */
guint    dd_task_list_notify_refilled  (DdTaskList *self,
                                        guint       near,
                                        guint       max);
/* Position of a task in the list, or -1. */
int      dd_task_list_find      (DdTaskList        *self,
                                 gint64             task_id);

G_END_DECLS
