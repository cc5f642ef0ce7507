/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "dd-core-private.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* 'DnDc': PRAGMA application_id of every Đôn Đốc database. */
#define DD_APPLICATION_ID 0x446E4463
#define DD_SCHEMA_VERSION 1

/* Internal, for dd-sample.c and tests: these run inside a transaction that
 * the caller opened with _dd_store_begin(). */
gboolean _dd_store_begin              (DdStore *self, GError **error);
gboolean _dd_store_commit             (DdStore *self, GError **error);
void     _dd_store_rollback           (DdStore *self);
gboolean _dd_store_import_plan_locked (DdStore *self, const DdImportedPlan *plan,
                                       gboolean is_sample, DdImportSummary *summary,
                                       GError **error);
gboolean _dd_store_record_progress_locked (DdStore *self, gint64 task_id, int progress,
                                           const GDate *completed_on, const char *actual_product,
                                           const char *note, const GDate *reported_on,
                                           GError **error);
gint64   _dd_store_find_task_by_number (DdStore *self, gint64 plan_id, const char *number);
sqlite3 *_dd_store_get_db             (DdStore *self);

G_END_DECLS
