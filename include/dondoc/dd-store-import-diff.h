/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <glib.h>
#include "dd-importer.h"

G_BEGIN_DECLS

/*
 * What re-importing a revised plan would change, before it is written:
 * each task of the file compared with the task of the same TT in the
 * stored plan of the same number.
 */

typedef enum
{
  DD_IMPORT_CHANGE_ADDED,    /* in the file, not in the database: will be added */
  DD_IMPORT_CHANGE_CHANGED,  /* in both, some of the plan's own fields differ */
  DD_IMPORT_CHANGE_REMOVED,  /* in the database, not in the file: kept as it is */
} DdImportChangeKind;

typedef enum /*< flags >*/
{
  DD_IMPORT_FIELD_TITLE        = 1 << 0,  /* Nhiệm vụ */
  DD_IMPORT_FIELD_LEAD         = 1 << 1,  /* Cơ quan chủ trì */
  DD_IMPORT_FIELD_COORDINATORS = 1 << 2,  /* Cơ quan phối hợp */
  DD_IMPORT_FIELD_DEADLINE     = 1 << 3,  /* Thời gian */
  DD_IMPORT_FIELD_PRODUCT      = 1 << 4,  /* Sản phẩm */
  DD_IMPORT_FIELD_DIRECTING    = 1 << 5,  /* Trách nhiệm chỉ đạo */
} DdImportFields;

typedef struct
{
  DdImportChangeKind kind;
  char *number;            /* TT */
  char *title;             /* the file's title; the stored one for a removed task */
  char *old_title;         /* the stored title when it changed; else NULL */
  char *old_deadline;      /* the stored "Thời gian" when it changed; else NULL */
  DdImportFields fields;   /* CHANGED: the fields that differ */
  guint line;              /* line of the file; 0 for a removed task */
} DdImportChange;

/**
 * dd_import_change_dup_fields_text:
 * @self: a change
 *
 * Returns: (transfer full): the changed fields, translated and separated
 *   by commas, with the appendix's column names ("Nhiệm vụ, Thời gian");
 *   an empty string when none
 */
char      *dd_import_change_dup_fields_text (const DdImportChange *self);

/**
 * dd_store_diff_import:
 * @self: the store
 * @plan: a parsed plan
 * @out_plan_exists: (out) (optional): whether the store has a plan the
 *   import would update (same number, and date when both know it)
 * @error: the store's error when it cannot be read
 *
 * Compares @plan with the stored plan it would update, without writing:
 * the tasks the import would add, those it would change (and which of the
 * plan's fields), and the stored tasks the file no longer has (the import
 * keeps them), in the file's order then the database's. Empty when the
 * plan is new or the same.
 *
 * Returns: (transfer full) (element-type DdImportChange) (nullable): the
 *   changes, or %NULL with @error set
 */
GPtrArray *dd_store_diff_import             (DdStore               *self,
                                             const DdImportedPlan  *plan,
                                             gboolean              *out_plan_exists,
                                             GError               **error);

/**
 * dd_imported_plan_map_units:
 * @self: a parsed plan
 * @map: (element-type utf8 utf8): a unit's name as the file writes it (a
 *   #DdImportedUnit's name) to the name of the unit it is to be, usually
 *   one the store has
 *
 * Renames the units the plan's tasks name (leads and coordinators),
 * matched by the tolerant unit key, so that the import files them under
 * the mapped unit instead of creating a new one. A task naming two units
 * mapped to the same one names it once.
 */
void       dd_imported_plan_map_units       (DdImportedPlan        *self,
                                             GHashTable            *map);

G_END_DECLS

G_BEGIN_DECLS

/* What a preview shows before an import is written: the parsed plan, the
 * units it names (DdImportedUnit) and, for a plan the store has, the
 * changes (DdImportChange). */
typedef struct
{
  DdImportedPlan *plan;
  GPtrArray *units;        /* of DdImportedUnit* */
  GPtrArray *changes;      /* of DdImportChange*; empty for a new plan */
  gboolean plan_exists;    /* the import would update a stored plan */
} DdImportPreview;

void dd_import_preview_free (DdImportPreview *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdImportPreview, dd_import_preview_free)

/* Reads and parses @path (dd_importer_parse_file()) and compares it with
 * the store (dd_imported_plan_match_units(), dd_store_diff_import()) on the
 * importer's thread, writing nothing. */
void             dd_importer_preview_file_async  (DdImporter           *self,
                                                  const char           *path,
                                                  DdImportFormat        format,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
/**
 * dd_importer_preview_file_finish:
 * @error: the %DD_IMPORT_ERROR of dd_importer_parse_file(), the store's
 *   errors, or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): the preview, or %NULL with @error set
 */
DdImportPreview *dd_importer_preview_file_finish (DdImporter           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* Writes @plan (transfer full: the importer owns it from now on), as
 * previewed and perhaps mapped (dd_imported_plan_map_units()), with
 * dd_store_import_plan() on the importer's thread. */
void             dd_importer_import_plan_async   (DdImporter           *self,
                                                  DdImportedPlan       *plan,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
/**
 * dd_importer_import_plan_finish:
 * @out_summary: (out caller-allocates) (optional): what the import did
 * @error: the errors of dd_store_import_plan(), or %G_IO_ERROR_CANCELLED
 *
 * Returns: %TRUE when the plan was written
 */
gboolean         dd_importer_import_plan_finish  (DdImporter           *self,
                                                  GAsyncResult         *result,
                                                  DdImportSummary      *out_summary,
                                                  GError              **error);

G_END_DECLS
