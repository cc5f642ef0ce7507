/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dd-core-private.h"

G_BEGIN_DECLS

/* One task an urging letter or digest names, as of the letter's date. */
typedef struct
{
  DdTask *task;
  DdTaskStatus status;
  GDate due;                  /* the task's; a forgotten one's: the report missed's; cleared when unknown */
  int days_late;              /* working days from @due to the letter's date; 0 when not late */
  char *missed;               /* a forgotten task's report or update missed ("Quý IV/2026"), or NULL */
} DdUrgingItem;

void       _dd_urging_item_free           (DdUrgingItem          *self);
/* The item's line of a letter or digest, in the document language
 * ("- Nhiệm vụ 1. (…) …: hạn 30/11/2026, đã quá hạn 4 ngày làm việc;"). */
char      *_dd_urging_item_dup_line       (const DdUrgingItem    *item);

/* Judges the items of the letters of one date: the file's working days,
 * the forgotten tasks' missed reports (read once for every unit). */
typedef struct _DdUrgingJudge DdUrgingJudge;
DdUrgingJudge *_dd_urging_judge_new       (DdStore               *store,
                                           const GDate           *as_of,
                                           GError               **error);
void       _dd_urging_judge_free          (DdUrgingJudge         *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdUrgingJudge, _dd_urging_judge_free)
/* (transfer full) (element-type DdUrgingItem): one item per task of @tasks. */
GPtrArray *_dd_urging_judge_list_items    (DdUrgingJudge         *self,
                                           GListModel            *tasks,
                                           GError               **error);

/* One urging letter written (or, for a digest, its unit's items): its
 * unit, its file, the tasks it names. */
typedef struct
{
  gint64 unit_id;
  char *unit;
  char *path;                 /* the .pdf when made, else the .docx; NULL for a digest */
  GArray *task_ids;           /* of gint64 */
  GPtrArray *items;           /* of DdUrgingItem, in the letter's order */
  GDate as_of;                /* the letter's date */
  GDate report_by;            /* the date the unit reports back by */
} DdUrgingLetterInfo;

void       _dd_urging_letter_info_free    (DdUrgingLetterInfo    *self);
/* dd_urging_letters_write(), each letter with its unit and tasks; with
 * @options->digest, nothing written: each unit's items only.
 * (transfer full) (element-type DdUrgingLetterInfo) */
GPtrArray *_dd_urging_letters_write_full  (DdStore               *self,
                                           const DdUrgingOptions *options,
                                           GError               **error);

G_END_DECLS
