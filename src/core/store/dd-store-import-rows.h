/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dd-store-private.h"

G_BEGIN_DECLS

/* What a row of the file becomes in the tasks table, computed before the
 * write lock is taken: the lock is held only for the SQL. */
typedef struct
{
  char *search;
  char *annual;
  guint8 *title_key;
  gsize title_key_len;
  GPtrArray *names;             /* the coordinators, borrowed, NULL-terminated */
} ImportRow;

typedef struct
{
  ImportRow *rows;
  guint n_rows;
  /* An import in chunks computes the rows in a thread of their own while
   * it writes the first ones: rows [0, ready) are done. */
  const DdImportedPlan *plan;
  GThread *thread;
  GMutex mutex;
  GCond cond;
  guint ready;
  gint stop;                    /* atomic: the import ended early */
} ImportRows;

ImportRows *_dd_import_rows_new   (const DdImportedPlan *plan);
ImportRows *_dd_import_rows_start (const DdImportedPlan *plan);
void        _dd_import_rows_wait  (ImportRows *rows, guint end);
void        _dd_import_rows_free  (ImportRows *rows);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportRows, _dd_import_rows_free)

G_END_DECLS
