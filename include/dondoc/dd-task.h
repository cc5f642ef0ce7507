/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <glib-object.h>
#include "dd-types.h"

G_BEGIN_DECLS

/**
 * DdSourceDocument:
 * @kind: (nullable): the kind of document: "Thông báo kết luận", "Công văn"
 * @number: (nullable): its number: "125/TB-UBND"
 * @date: the date it was signed (cleared when unknown)
 * @issuer: (nullable): who issued it: "UBND tỉnh"
 *
 * The document that assigned a task (a plan, a meeting's conclusions, an
 * official letter): "Thông báo kết luận số 125/TB-UBND ngày 02/12/2026 của
 * UBND tỉnh". At least the kind or the number is set. A boxed value type;
 * the strings are owned by it.
 */
typedef struct
{
  char *kind;
  char *number;
  GDate date;
  char *issuer;
} DdSourceDocument;

#define DD_TYPE_SOURCE_DOCUMENT (dd_source_document_get_type ())
GType             dd_source_document_get_type (void) G_GNUC_CONST;

/**
 * dd_source_document_new:
 * @kind: (nullable): the kind
 * @number: (nullable): the number
 * @date: (nullable): the date signed
 * @issuer: (nullable): the issuer
 *
 * A document from its parts, each trimmed (an empty text is %NULL).
 *
 * Returns: (transfer full): the new document
 */
DdSourceDocument *dd_source_document_new      (const char  *kind,
                                               const char  *number,
                                               const GDate *date,
                                               const char  *issuer) G_GNUC_WARN_UNUSED_RESULT;
/* A deep copy. (transfer full) */
DdSourceDocument *dd_source_document_copy     (const DdSourceDocument *self) G_GNUC_WARN_UNUSED_RESULT;
/* Frees @self and its strings; %NULL is a no-op. */
void              dd_source_document_free     (DdSourceDocument *self);
/* Whether two documents (either %NULL) say the same. */
gboolean          dd_source_document_equal    (const DdSourceDocument *a,
                                               const DdSourceDocument *b);

/**
 * dd_source_document_format:
 *
 * The document as an office writes it, translated: "Thông báo kết luận số
 * 125/TB-UBND ngày 02/12/2026 của UBND tỉnh" (each part only when known).
 * dd_source_document_parse() reads it back.
 *
 * Returns: (transfer full): the text
 */
char             *dd_source_document_format   (const DdSourceDocument *self) G_GNUC_WARN_UNUSED_RESULT;

/**
 * dd_source_document_parse:
 * @text: "Thông báo kết luận số 125/TB-UBND ngày 02/12/2026 của UBND tỉnh"
 *
 * Reads a document as dd_source_document_format() writes it (in Vietnamese
 * or in the words of the current language): the kind is the text before
 * " số ", then the number, then "ngày dd/mm/yyyy" (or yyyy-mm-dd), then
 * the issuer after " của ", the last two optional. A text without " số "
 * is a kind alone ("Chỉ đạo tại cuộc họp giao ban").
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error
 *   (%DD_STORE_ERROR_INVALID: an empty text, a missing number after " số ",
 *   an impossible date such as 31/02/2026)
 */
DdSourceDocument *dd_source_document_parse    (const char  *text,
                                               GError     **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdSourceDocument, dd_source_document_free)

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
/* The document that assigned the task, or NULL. (transfer none) (nullable) */
const DdSourceDocument *dd_task_get_source (DdTask *self);

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
/* Sets the completion date; a date sets the progress to 100 (a done task
 * is 100% done), %NULL reopens the task (its progress is left). */
void          dd_task_set_completed_on    (DdTask *self, const GDate *date);
void          dd_task_set_actual_product  (DdTask *self, const char *product);
void          dd_task_set_note            (DdTask *self, const char *note);

/**
 * dd_task_set_plan_id:
 * @plan_id: the plan the task moves to (dd_store_get_adhoc_plan_id() for
 *   an assignment outside any plan)
 *
 * Moves the task to another plan; dd_store_save_task() puts it last there.
 */
void          dd_task_set_plan_id         (DdTask *self, gint64 plan_id);

/**
 * dd_task_set_due:
 * @due: (nullable): the due date, or %NULL for none
 *
 * Sets a due date directly (a date picker), as if the deadline text were
 * that date: the kind becomes %DD_DEADLINE_DATE (or %DD_DEADLINE_NONE for
 * %NULL) and the deadline text "Trước dd/mm/yyyy" unless the text already
 * reads as that date.
 */
void          dd_task_set_due             (DdTask *self, const GDate *due);

/**
 * dd_task_set_source:
 * @source: (nullable): the document that assigned the task; %NULL removes it
 *
 * Sets the source document, written by the next dd_store_save_task().
 */
void          dd_task_set_source          (DdTask *self, const DdSourceDocument *source);

/**
 * dd_task_set_person:
 * @person: (nullable): the person in charge in the lead unit; %NULL or ""
 *   removes it
 *
 * Sets the person in charge, written by the next dd_store_save_task() (a
 * task whose person was not set leaves the stored one as it is).
 */
void          dd_task_set_person          (DdTask *self, const char *person);

G_END_DECLS
