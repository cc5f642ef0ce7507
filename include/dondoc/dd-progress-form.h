/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <glib.h>
#include "dd-occurrence.h"
#include "dd-store.h"

G_BEGIN_DECLS

/*
 * The units' progress forms (phiếu báo cáo tiến độ): an Excel workbook per
 * unit, for the units that do not use the application. The office writes
 * it; the unit fills the empty columns (progress, completion date,
 * product, report number, note) and sends it back; the office reads it
 * back and, after a preview, records every change in one transaction, as
 * the unit's report, by way of the user who imports it. The sheet is
 * protected but for the columns to fill; each row carries the task's id,
 * the revision it was read at and a check code in a hidden column, so
 * that a row changed in the database since the form was made is a
 * conflict (never overwritten), and a row whose id was altered, or a form
 * of another unit, is refused with its row named.
 */

/**
 * dd_progress_form_export:
 * @self: the store
 * @unit_id: the unit whose form to write: the tasks it leads
 * @as_of: (nullable): the date of the form (today when %NULL): the
 *   progress as of that day, and the reports owed by then (and in the
 *   30 days after)
 * @path: the .xlsx file to write (replaced)
 * @error: %DD_STORE_ERROR_NO_SUCH_ROW for no such unit, the store's
 *   errors, or a %G_IO_ERROR when the file cannot be written
 *
 * Writes the progress form of one unit (libxlsxwriter): an instructions
 * sheet in Vietnamese first, then the sheet of its tasks.
 *
 * Returns: %TRUE when written
 */
gboolean    dd_progress_form_export      (DdStore      *self,
                                          gint64        unit_id,
                                          const GDate  *as_of,
                                          const char   *path,
                                          GError      **error);

/**
 * dd_progress_form_export_all:
 * @self: the store
 * @as_of: (nullable): as dd_progress_form_export()
 * @dir: an existing folder
 * @error: the first error; the files written before it stay
 *
 * One form per unit that leads a task, named after the unit
 * ("Tien-do-So-Noi-vu.xlsx").
 *
 * Returns: (transfer full) (element-type utf8) (nullable): the paths
 *   written, or %NULL with @error set
 */
GPtrArray  *dd_progress_form_export_all  (DdStore      *self,
                                          const GDate  *as_of,
                                          const char   *dir,
                                          GError      **error);

typedef enum
{
  DD_FORM_ROW_UNCHANGED,   /* nothing filled, or what the database already says */
  DD_FORM_ROW_CHANGED,     /* will be recorded */
  DD_FORM_ROW_CONFLICT,    /* changed in the database since the form was made: left out */
} DdFormRowState;

/**
 * DdFormRow:
 * @line: the sheet's row (1-based), for messages
 * @revision: the task's revision when the form was made
 * @progress: the progress filled in (0–100), or -1
 * @old_progress: the task's progress in the database
 * @completed_on: the completion date filled in; invalid when none
 * @report_period: (nullable): the period the report number is recorded
 *   for ("Quý II/2026"), the first the form said was owed; %NULL when the
 *   task owed none (the number then goes into the note)
 * @conflict: (nullable): why the row is a conflict, translated
 *
 * One task's row of a filled form, compared with the database.
 */
typedef struct
{
  guint line;
  gint64 task_id;
  gint64 revision;         /* the task's revision when the form was made */
  char *number;
  char *title;
  DdFormRowState state;
  int progress;
  int old_progress;
  GDate completed_on;
  char *product;
  char *report_number;
  char *note;
  char *report_period;
  DdOccurrenceKind period_kind;
  int period_year;
  int period_index;
  char *conflict;
} DdFormRow;

/* A filled form, read and compared with the database (nothing written). */
typedef struct
{
  char *path;
  char *unit;              /* the unit the form was made for */
  gint64 unit_id;
  GDate made_on;           /* the form's date */
  GPtrArray *rows;         /* of DdFormRow*, every task row of the form */
  guint n_changed;
  guint n_conflicts;
} DdFormImport;

void          dd_form_import_free       (DdFormImport *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdFormImport, dd_form_import_free)

/**
 * dd_progress_form_read:
 * @self: the store
 * @path: a filled form (.xlsx)
 * @unit_id: the unit the form must be of, or 0 for any
 * @error: a %DD_IMPORT_ERROR whose translated message names the row and
 *   column: not a form, a form of another unit or database, a row whose
 *   id was altered, a value that is not a percentage or a date
 *
 * Reads a filled form (libarchive and libxml2, with the importer's limits)
 * and compares each row with the database, writing nothing.
 *
 * Returns: (transfer full) (nullable): the form, or %NULL with @error set
 */
DdFormImport *dd_progress_form_read     (DdStore      *self,
                                         const char   *path,
                                         gint64        unit_id,
                                         GError      **error);

/**
 * dd_progress_form_apply:
 * @self: the store
 * @form: a form read by dd_progress_form_read()
 * @out_applied: (out) (optional): how many rows were recorded
 * @error: the store's errors (%DD_STORE_ERROR_CONFLICT when a task changed
 *   since the form was read, %DD_STORE_ERROR_PERMISSION, …)
 *
 * Records each changed row (not the conflicts) in one transaction: a
 * progress update (progress, completion date, product, note naming the
 * unit's form) and the report of the period owed with its number, through
 * the store's checks and audit. On an error nothing is written.
 *
 * Returns: %TRUE when written
 */
gboolean      dd_progress_form_apply    (DdStore             *self,
                                         const DdFormImport  *form,
                                         guint               *out_applied,
                                         GError             **error);

G_END_DECLS
