/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dd-date-popover.h"
#include "dd-progress-timeline.h"
#include "dd-task-extensions.h"
#include "dd-task-periods.h"
#include "dd-task-editor.h"

G_BEGIN_DECLS

/*
 * The task editor is one template spread over files: dd-task-editor.c (the
 * window: saving, conflicts, access, the questions before losing or
 * changing something), dd-task-form.c (the fields: loading them from the
 * task, reading them back into a copy) and dd-task-form-checks.c (what the
 * fields say as the user types: the time frame, the lead and coordinators,
 * the "6 rõ" check).
 */

/* A unit of the file, as the form knows it: for completion, for telling a
 * new unit from an existing one and a group from one unit. */
typedef struct
{
  gint64 id;
  char *name;
  char *key;                      /* dd_text_unit_match_key() */
  gboolean is_group;
} DdTaskFormUnit;

struct _DdTaskEditor
{
  GtkWindow parent_instance;

  DdStore *store;
  DdTask *task;
  guint updating;
  char *read_only_reason;         /* why the user may not change the task, or NULL */
  gboolean saving;
  gboolean is_new;                /* adding a task (dd_task_editor_new_task()) */
  GPtrArray *units;               /* DdTaskFormUnit */
  GArray *plan_ids;               /* gint64, parallel to the plan drop-down */
  char *snapshot;                 /* the fields as loaded: what "changed" is measured against */
  char *new_unit_confirmed;       /* the match key of a new lead the user agreed to create */
  gboolean reopen_confirmed;      /* the user agreed to reopen the done task */
  GtkWidget *question;            /* the question asked, or NULL */
  gboolean viewing;               /* "View Task": read-only until "Edit" (dd-task-view.c) */

  /* Template children */
  GtkInfoBar *read_only_bar;
  GtkLabel *read_only_label;
  GtkSpinner *save_spinner;
  GtkButton *save_button;
  GtkButton *edit_button;
  GtkButton *cancel_button;
  GtkLabel *status_label;
  GtkNotebook *notebook;
  GtkGrid *grid;
  GtkGrid *progress_grid;
  GtkBox *progress_page;
  DdProgressTimeline *timeline;
  GtkBox *reports_box;
  GtkBox *extensions_box;
  DdTaskPeriods *periods;         /* in reports_box */
  DdTaskExtensions *extensions;   /* in extensions_box */
  GtkRevealer *error_revealer;
  GtkLabel *error_label;
  GtkDropDown *plan_dropdown;
  GtkEntry *number_entry;
  GtkTextView *title_view;
  GtkEntry *lead_entry;
  GtkLabel *lead_hint;
  GtkEntry *person_entry;
  GtkEntry *coordinators_entry;
  GtkLabel *coordinators_hint;
  GtkEntry *deadline_entry;
  GtkLabel *deadline_hint;
  DdDatePopover *due_popover;
  GtkEntry *product_entry;
  GtkEntry *directing_entry;
  GtkEntry *source_kind_entry;
  GtkEntry *source_number_entry;
  GtkEntry *source_date_entry;
  DdDatePopover *source_date_popover;
  GtkEntry *source_issuer_entry;
  GtkLabel *source_hint;
  GtkSpinButton *progress_spin;
  GtkEntry *completed_entry;
  GtkLabel *completed_hint;
  GtkPopover *calendar_popover;
  GtkCalendar *completed_calendar;
  GtkCheckButton *done_check;
  GtkEntry *actual_product_entry;
  GtkTextView *note_view;
  GtkLabel *six_clear_summary;
  GtkBox *six_clear_list;
};

/* dd-task-editor.c */
/* Runs the checks of the fields and enables saving when they pass. */
gboolean  _dd_task_editor_validate         (DdTaskEditor *self);
/* Asks whether to reopen the done task; clears "done" when the user agrees. */
void      _dd_task_editor_ask_reopen       (DdTaskEditor *self);
/* What the user may change, viewing or not, and the title that says so. */
void      _dd_task_editor_update_access    (DdTaskEditor *self);

/* dd-task-view.c */
/* The status line: the status and how many working days late. */
void      _dd_task_editor_update_status    (DdTaskEditor *self);
/* The buttons and look of viewing (read-only) or editing. */
void      _dd_task_editor_apply_viewing    (DdTaskEditor *self);

/* dd-task-form.c */
void      _dd_task_form_class_init         (GtkWidgetClass *widget_class);
void      _dd_task_form_init               (DdTaskEditor   *self);
/* Reads the units and plans of the file (once, when the editor opens). */
void      _dd_task_form_load_lists         (DdTaskEditor   *self);
/* Fills the fields from the task. */
void      _dd_task_form_load               (DdTaskEditor   *self);
/* The fields as one text, to tell whether the user changed any. (transfer full) */
char     *_dd_task_form_dup_snapshot       (DdTaskEditor   *self);
/* The task as the fields say, a copy of the one edited (or a new task of
 * the plan chosen); %NULL with @error when a field cannot be read. (transfer full) */
DdTask   *_dd_task_form_dup_task           (DdTaskEditor   *self,
                                            GError        **error);
/* The person in charge when it changed ("" to clear it), else %NULL. (transfer full) */
char     *_dd_task_form_dup_changed_person (DdTaskEditor   *self);
/* The plan chosen, or 0. */
gint64    _dd_task_form_get_plan_id        (DdTaskEditor   *self);
/* The unit of @name (by its match key), or %NULL. */
const DdTaskFormUnit *_dd_task_form_find_unit (DdTaskEditor *self,
                                               const char   *name);
/* The text of an entry, trimmed; %NULL when empty. (transfer full) */
char     *_dd_task_form_dup_entry_text     (GtkEntry       *entry);
void      _dd_task_form_set_entry_text     (GtkEntry       *entry,
                                            const char     *text);
/* Makes the fields read-only, or editable again. */
void      _dd_task_form_set_read_only      (DdTaskEditor   *self,
                                            gboolean        read_only);

/* dd-task-form-checks.c */
/* Runs every check of the fields and shows what each says; FALSE when one
 * of them blocks saving. */
gboolean  _dd_task_form_check              (DdTaskEditor   *self);
/* Reads the completion date into @out (cleared when empty); FALSE when the
 * field holds something that is not a date. */
gboolean  _dd_task_form_check_completed    (DdTaskEditor   *self,
                                            GDate          *out);
/* The lead typed, when saving would create it as a new unit. (transfer full) (nullable) */
char     *_dd_task_form_dup_new_lead       (DdTaskEditor   *self);
void      _dd_task_form_set_hint           (GtkLabel       *hint,
                                            const char     *text,
                                            gboolean        is_error,
                                            gboolean        is_warning);

G_END_DECLS
