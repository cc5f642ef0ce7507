/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <glib.h>
#include "dd-deadline.h"

G_BEGIN_DECLS

/*
 * The importer reads a plan's appendix table into plain data, without
 * touching any database: dd_store_import_plan() then writes it in one
 * transaction, so a bad file changes nothing.
 */

typedef struct
{
  guint line;              /* line of the file where the row starts (1-based) */
  char *number;            /* TT as written ("1.") */
  char *title;             /* Nhiệm vụ */
  char *lead;              /* Cơ quan chủ trì; nullable */
  GPtrArray *coordinators; /* of char*: each a unit or a collective group */
  char *deadline_text;     /* Thời gian as written; nullable */
  DdDeadline deadline;
  char *product;           /* Sản phẩm; nullable */
  char *directing;         /* Trách nhiệm chỉ đạo; nullable */
} DdImportedTask;

typedef struct
{
  char *title;             /* "100% văn bản trao đổi công việc (trừ văn bản mật) …" */
  double target;           /* percent: 100.0 */
} DdImportedIndicator;

typedef enum
{
  DD_IMPORT_FORMAT_AUTO = 0,
  DD_IMPORT_FORMAT_TEXT,   /* the plan document as plain text, with its "Phụ lục" */
  DD_IMPORT_FORMAT_CSV,    /* RFC 4180, UTF-8 (BOM allowed), a header row */
  DD_IMPORT_FORMAT_DOCX,   /* the plan document from Word: its appendix is a table */
  DD_IMPORT_FORMAT_XLSX,   /* a workbook whose first sheet is the appendix's table */
} DdImportFormat;

/* A section row of the table ("I. NHIỆM VỤ CHUNG"): the tasks from
 * @first_task (an index of the plan's tasks) up to the next section. */
typedef struct
{
  char *title;             /* "I. NHIỆM VỤ CHUNG" */
  guint first_task;
} DdImportedSection;

typedef struct
{
  char *number;            /* "662/KH-VPUB"; never NULL after a successful parse */
  GDate issued_on;         /* may be invalid (CSV) */
  char *title;             /* never NULL after a successful parse */
  char *issuer;            /* nullable */
  char *basis;             /* nullable: basis documents, one per line */
  char *source_name;       /* file name it came from; nullable */
  GPtrArray *tasks;        /* of DdImportedTask* */
  GPtrArray *indicators;   /* of DdImportedIndicator* */
  GPtrArray *sections;     /* of DdImportedSection*: the table's section rows, in order */
  GPtrArray *warnings;     /* of char*: translated, what was read but may not be what was meant */
  guint n_removed_chars;   /* controls and noncharacters removed from the file */
  guint removed_line;      /* the line of the first of them; 0 when none */
  gboolean table_rows;     /* the tasks' lines are rows of a table (.docx, .xlsx), not lines of text */
} DdImportedPlan;

DdImportedPlan *dd_imported_plan_new  (void);
void            dd_imported_plan_free (DdImportedPlan *self);
char           *dd_imported_plan_dup_removed_note (const DdImportedPlan *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdImportedPlan, dd_imported_plan_free)

/**
 * dd_importer_parse_data:
 * @data: the file's bytes
 * @length: their length
 * @format: the format, or %DD_IMPORT_FORMAT_AUTO to detect it (a plan
 *   document has a "Phụ lục" line; a CSV file has a header row with the
 *   appendix's column names, separated by commas or semicolons; a ZIP is a
 *   .docx or an .xlsx file by its parts). An OpenDocument file (.odt,
 *   .ods) or an old binary Word or Excel file (.doc, .xls) is refused with
 *   a message saying to save it as .docx or .xlsx.
 * @source_name: (nullable): the file's name, for messages and a CSV plan's default number
 * @error: a %DD_IMPORT_ERROR whose translated message names the line (and the
 *   column where it applies): "Dòng 12, cột “Thời gian”: ngày “31/02/2026” không tồn tại."
 *
 * Returns: (transfer full) (nullable): the plan, or %NULL with @error set
 */
DdImportedPlan *dd_importer_parse_data (const char     *data,
                                        gsize           length,
                                        DdImportFormat  format,
                                        const char     *source_name,
                                        GError        **error);

/* Reads @path and calls dd_importer_parse_data(); the format is guessed from
 * the content and the extension (.csv, .txt, .docx, .xlsx). */
DdImportedPlan *dd_importer_parse_file (const char     *path,
                                        DdImportFormat  format,
                                        GError        **error);

/* The file name patterns of the files dd_importer_parse_file() reads, for
 * a file chooser's filter: "*.txt", "*.csv", "*.docx", "*.xlsx". */
const char * const *dd_importer_get_patterns (void);

G_END_DECLS

/*
 * DdImporter writes through a store: it needs the store's types
 * (DdStore, DdImportSummary), which need the plan's above.
 */
#include <gio/gio.h>
#include "dd-store.h"

G_BEGIN_DECLS

/* A unit named by an imported plan (lead or coordinator), and the unit of
 * the store it will be: matched by the same tolerant key as the import. */
typedef struct
{
  char *name;              /* as the file writes it */
  char *existing;          /* the store's unit it matches; NULL: a new unit */
  guint n_tasks;           /* tasks of the file naming it */
} DdImportedUnit;

/**
 * dd_imported_plan_match_units:
 * @self: a parsed plan
 * @store: (nullable): the store it would go into; %NULL: every unit is new
 * @error: the store's error when its units cannot be read
 *
 * What the import of @self would do to the units, without writing: each
 * unit the plan names, once, in the order of the file, with the store's
 * unit it matches.
 *
 * Returns: (transfer full) (element-type DdImportedUnit) (nullable): the
 *   units, or %NULL with @error set
 */
GPtrArray      *dd_imported_plan_match_units   (const DdImportedPlan  *self,
                                                DdStore               *store,
                                                GError               **error);

/**
 * DdImporter:
 *
 * Imports plans' files into one store's file off the main thread: one
 * import is read, parsed (dd_importer_parse_file()) and written in one
 * transaction (dd_store_import_plan()) on a thread and a connection of the
 * object's own (a writing #DdStoreWorker, made when the first import
 * comes), one import after the other. A bad file, or a plan the store
 * refuses, changes nothing. The store reads the change (and emits
 * "changed") before the callback, which runs on the thread that called
 * (the store's). Cancelled before the writing starts, an import writes
 * nothing and fails with %G_IO_ERROR_CANCELLED; once started it cannot be
 * stopped: the plan is written, and the result is still
 * %G_IO_ERROR_CANCELLED.
 */
#define DD_TYPE_IMPORTER (dd_importer_get_type ())
G_DECLARE_FINAL_TYPE (DdImporter, dd_importer, DD, IMPORTER, GObject)

/* (transfer full): holds a reference on @store */
DdImporter     *dd_importer_new                (DdStore              *store) G_GNUC_WARN_UNUSED_RESULT;
/* (transfer none) */
DdStore        *dd_importer_get_store          (DdImporter           *self);

/* dd_importer_parse_file (@path, @format) and dd_store_import_plan() on
 * the importer's thread. */
void            dd_importer_import_file_async  (DdImporter           *self,
                                                const char           *path,
                                                DdImportFormat        format,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
/**
 * dd_importer_import_file_finish:
 * @out_summary: (out caller-allocates) (optional): what the import did
 * @error: the %DD_IMPORT_ERROR of dd_importer_parse_file(), the errors of
 *   dd_store_import_plan(), or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): the plan as the file gave it (its
 *   number names it in messages), or %NULL with @error set
 */
DdImportedPlan *dd_importer_import_file_finish (DdImporter           *self,
                                                GAsyncResult         *result,
                                                DdImportSummary      *out_summary,
                                                GError              **error);

G_END_DECLS
