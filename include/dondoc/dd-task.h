/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <glib-object.h>
#include "dd-types.h"

G_BEGIN_DECLS

#define DD_TYPE_TASK (dd_task_get_type ())
G_DECLARE_FINAL_TYPE (DdTask, dd_task, DD, TASK, GObject)

/*
 * A task (nhiệm vụ): one row of a plan's appendix, with its progress and its
 * status as of the reference date it was loaded for.
 *
 * A DdTask is a snapshot. To change a task, take a copy with dd_task_copy(),
 * change it with the setters, and give it to dd_store_save_task(): the store
 * refuses the save (DD_STORE_ERROR_CONFLICT) if the task was changed by
 * someone else since it was read (its revision moved on).
 *
 * Properties (read-only, for binding in list views): "id", "number", "title",
 * "lead", "coordinators-text", "deadline-text", "due-text", "product",
 * "directing", "status", "status-label", "progress", "plan-number".
 */

gint64        dd_task_get_id              (DdTask *self);
gint64        dd_task_get_plan_id         (DdTask *self);
const char   *dd_task_get_plan_number     (DdTask *self);
gint64        dd_task_get_revision        (DdTask *self);
const char   *dd_task_get_number          (DdTask *self);   /* TT as written: "1." */
const char   *dd_task_get_title           (DdTask *self);
gint64        dd_task_get_lead_id         (DdTask *self);   /* 0 when none */
const char   *dd_task_get_lead            (DdTask *self);   /* nullable */
const char * const *dd_task_get_coordinators (DdTask *self); /* NULL-terminated, never NULL */
/* The coordinators joined with "; ". (transfer full) */
char         *dd_task_dup_coordinators_text (DdTask *self);
DdDeadlineKind dd_task_get_deadline_kind  (DdTask *self);
const char   *dd_task_get_deadline_text   (DdTask *self);   /* as written; nullable */
gboolean      dd_task_get_deadline_understood (DdTask *self);
guint         dd_task_get_periods         (DdTask *self);   /* DdPeriodFlags */
const GDate  *dd_task_get_due             (DdTask *self);   /* nullable */
const char   *dd_task_get_product         (DdTask *self);   /* planned product; nullable */
const char   *dd_task_get_directing       (DdTask *self);   /* Trách nhiệm chỉ đạo; nullable */
guint         dd_task_get_progress        (DdTask *self);   /* 0–100 */
const GDate  *dd_task_get_completed_on    (DdTask *self);   /* nullable */
/* The due date before the first extension (gia hạn), or NULL when never extended. */
const GDate  *dd_task_get_original_due    (DdTask *self);
/* How many times the due date was extended (dd_store_extend_task()). */
guint         dd_task_get_n_extensions    (DdTask *self);
const char   *dd_task_get_actual_product  (DdTask *self);   /* nullable */
const char   *dd_task_get_note            (DdTask *self);   /* nullable */
DdTaskStatus  dd_task_get_status          (DdTask *self);
const GDate  *dd_task_get_as_of           (DdTask *self);
const char   *dd_task_get_updated_by      (DdTask *self);   /* nullable */
const char   *dd_task_get_updated_at      (DdTask *self);   /* ISO 8601 UTC; nullable */
/* The person in charge in the lead unit ("rõ người"), as read from the
 * store; set with dd_store_set_task_person(). Nullable. */
const char   *dd_task_get_person          (DdTask *self);
/* The lead is a group of units ("Các phòng, ban, đơn vị liên quan"). */
gboolean      dd_task_get_lead_is_group   (DdTask *self);

/* A detached, editable copy (same id and revision). (transfer full) */
DdTask       *dd_task_copy                (DdTask *self) G_GNUC_WARN_UNUSED_RESULT;
/* A new task for @plan_id, not yet in the store (id 0). (transfer full) */
DdTask       *dd_task_new                 (gint64 plan_id) G_GNUC_WARN_UNUSED_RESULT;

void          dd_task_set_number          (DdTask *self, const char *number);
void          dd_task_set_title           (DdTask *self, const char *title);
/* The lead unit by name: the store finds the unit (tolerantly) or creates it. */
void          dd_task_set_lead            (DdTask *self, const char *lead);
void          dd_task_set_coordinators    (DdTask *self, const char * const *names);
/* Sets the text and re-reads the kind and due date from it (dd_deadline_parse()).
 * Returns FALSE with @error for an impossible date; the task is then unchanged. */
gboolean      dd_task_set_deadline_text   (DdTask *self, const char *text, GError **error);
void          dd_task_set_product         (DdTask *self, const char *product);
void          dd_task_set_directing       (DdTask *self, const char *directing);
void          dd_task_set_progress        (DdTask *self, guint progress);
void          dd_task_set_completed_on    (DdTask *self, const GDate *date);
void          dd_task_set_actual_product  (DdTask *self, const char *product);
void          dd_task_set_note            (DdTask *self, const char *note);

G_END_DECLS
