/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dd-core-private.h"

G_BEGIN_DECLS

/* One urging letter written: its unit, its file, the tasks it names. */
typedef struct
{
  gint64 unit_id;
  char *unit;
  char *path;                 /* the .pdf when made, else the .docx */
  GArray *task_ids;           /* of gint64 */
} DdUrgingLetterInfo;

void       _dd_urging_letter_info_free    (DdUrgingLetterInfo    *self);
/* dd_urging_letters_write(), each letter with its unit and tasks.
 * (transfer full) (element-type DdUrgingLetterInfo) */
GPtrArray *_dd_urging_letters_write_full  (DdStore               *self,
                                           const DdUrgingOptions *options,
                                           GError               **error);

G_END_DECLS
