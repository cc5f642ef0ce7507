/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <cairo.h>
#include <gio/gio.h>
#include "dd-types.h"
#include "dd-error.h"
#include "dd-task-list.h"

G_BEGIN_DECLS

/*
 * Meeting exports: the progress report of a plan as an Excel workbook
 * (dd_export_xlsx()) and as a printable A4 PDF (dd_export_pdf()). Both are
 * made from the same figures (DdReport), in the language the options ask
 * for (Vietnamese by default); their errors, for the person who runs them,
 * in the interface's language.
 */

/* The default font of the exports, as the Government's documents use it
 * (Nghị định 30/2020/NĐ-CP); a PDF falls back through fontconfig to a font
 * with full Vietnamese coverage when it is not installed. */
#define DD_EXPORT_DEFAULT_FONT "Times New Roman"
#define DD_EXPORT_DEFAULT_FONT_SIZE 13.0

/* Excel's limit on the text of one cell, in UTF-16 code units. Longer text
 * is cut and ends in a visible mark (translated "… [truncated]"). */
#define DD_EXPORT_MAX_CELL_CHARS 32767

/**
 * DdExportOptions:
 * @tasks: which tasks, as the task list's filter: its @as_of (the reference
 *   date of every status: required), @due_soon_days, @plan_id (0: every
 *   plan), @unit_id (0: every unit; else the tasks it leads or coordinates),
 *   @status (-1: every status), @text and the order (@sort, @descending) of
 *   the task sheet. Export from the task list's page with its current query.
 * @from: first day of the reporting period, or an invalid date for none
 * @to: last day of the reporting period, or an invalid date for none
 * @period_label: (nullable): the period as people say it ("Quý II/2026");
 *   %NULL: made from @from and @to
 * @report_date: the date of the report's date line; invalid: @tasks.as_of
 * @place: (nullable): the place of the date line ("Nghệ An"); %NULL: the
 *   store's setting "report_place", else the province named by the plan's issuer
 * @issuer: (nullable): the issuing body at the top left; %NULL: the store's
 *   setting "report_issuer", else the plan's issuer
 * @font_name: (nullable): the font; %NULL: %DD_EXPORT_DEFAULT_FONT
 * @font_size: the body size in points; 0: %DD_EXPORT_DEFAULT_FONT_SIZE
 * @language: (nullable): the language of the document, "vi" or "en"; %NULL:
 *   Vietnamese, whatever the locale of the process (a Vietnamese
 *   administrative document is Vietnamese, even when made by a scheduled
 *   job without LANG)
 *
 * What to export. A plain value, like DdTaskQuery: copy it freely; the
 * strings stay owned by the caller. The period selects the indicator
 * figures (those whose reporting period lies inside it) and names the
 * report; every task of the filter is listed with its status as of
 * @tasks.as_of.
 */
typedef struct
{
  DdTaskQuery tasks;
  GDate from;
  GDate to;
  const char *period_label;
  GDate report_date;
  const char *place;
  const char *issuer;
  const char *font_name;
  double font_size;
  const char *language;
} DdExportOptions;

/* Fills @self: dd_task_query_init() (every task, as of today), no
 * period, the default font. */
void     dd_export_options_init  (DdExportOptions *self);

/**
 * DdExportOffice:
 * @place: the place of the date line ("Nghệ An")
 * @issuer_superior: the body above the issuer ("UBND tỉnh Nghệ An")
 * @issuer: the issuing body ("Văn phòng"); alone (no @issuer_superior), the
 *   whole name, which documents split in two lines
 * @signer_position: who signs ("Chánh Văn phòng")
 * @signer_name: the signer's name
 *
 * The office's own header and signature of its documents (Nghị định
 * 30/2020/NĐ-CP), kept in the file's settings: every desktop prints the
 * same. Each string may be %NULL (not set). Documents of one plan without
 * an issuer here take the plan's issuer; documents of all plans take
 * these.
 */
typedef struct
{
  char *place;
  char *issuer_superior;
  char *issuer;
  char *signer_position;
  char *signer_name;
} DdExportOffice;

/**
 * dd_export_office_load:
 * @store: the store
 * @error: %DD_STORE_ERROR
 *
 * Returns: (transfer full): the office's settings, %NULL on error.
 */
DdExportOffice *dd_export_office_load (DdStore  *store,
                                       GError  **error);

/**
 * dd_export_office_save:
 * @self: the settings; a %NULL or empty string clears one
 * @store: the store (an administrator's: settings are theirs)
 * @error: %DD_STORE_ERROR
 *
 * Writes the office's settings, trimmed (one write each).
 */
gboolean dd_export_office_save        (const DdExportOffice  *self,
                                       DdStore               *store,
                                       GError               **error);

/* Frees @self and its strings. */
void     dd_export_office_free        (DdExportOffice *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdExportOffice, dd_export_office_free)

/**
 * dd_export_dup_scope:
 * @store: the store
 * @query: the tasks
 * @error: %DD_STORE_ERROR
 *
 * What @query selects and how many tasks, as documents print it under
 * their title ("các nhiệm vụ quá hạn của Phòng Hành chính - Quản trị, 2
 * nhiệm vụ"), in the interface's language: for a choice of scope.
 *
 * Returns: (transfer full): the phrase, %NULL on error.
 */
char    *dd_export_dup_scope          (DdStore            *store,
                                       const DdTaskQuery  *query,
                                       GError            **error);

/**
 * dd_export_parse_period:
 * @text: "2026" (the year's report), "Q2/2026" or "2026-Q2" (a quarter),
 *   "H1/2026" or "2026-H1" (the 6-month report), "5/2026" or "2026-05" (a
 *   month), or "DATE..DATE" (any two dates, dd/mm/yyyy or yyyy-mm-dd)
 * @out_from: (out caller-allocates): its first day
 * @out_to: (out caller-allocates): its last day
 * @out_label: (out) (optional) (transfer full): "Quý II/2026", … (translated)
 * @error: %DD_EXPORT_ERROR_INVALID
 *
 * Reads a reporting period. The report periods run as Nghị định
 * 09/2019/NĐ-CP sets them (dd_period_bounds()): the second quarter of 2026
 * is 15/3/2026–14/6/2026.
 */
gboolean dd_export_parse_period  (const char  *text,
                                  GDate       *out_from,
                                  GDate       *out_to,
                                  char       **out_label,
                                  GError     **error);

/**
 * dd_export_xlsx:
 * @store: the store (read on the calling thread)
 * @options: what to export
 * @path: the .xlsx file to write; an existing file is replaced
 * @error: %DD_EXPORT_ERROR or %DD_STORE_ERROR
 *
 * Writes the meeting workbook: sheets "Tổng hợp" (the header of an
 * administrative document, the headline figures and native Excel charts of
 * them), "Nhiệm vụ" (every task), "Đơn vị" (the units' figures), "Quá hạn -
 * sắp đến hạn" and "Chỉ tiêu", each set up to print on A4. The workbook is
 * written to a temporary file beside @path and renamed: on any failure no
 * file is left and an existing @path is untouched. Main thread (the store).
 */
gboolean dd_export_xlsx          (DdStore               *store,
                                  const DdExportOptions *options,
                                  const char            *path,
                                  GError               **error);

/**
 * dd_export_pdf:
 * @path: the .pdf file to write; an existing file is replaced
 *
 * Writes the same report as a printable A4 handout (DdReport) through a
 * temporary file, as dd_export_xlsx() does.
 */
gboolean dd_export_pdf           (DdStore               *store,
                                  const DdExportOptions *options,
                                  const char            *path,
                                  GError               **error);

/*
 * DdReport: the figures of a report, read once from the store, and the
 * drawing of its pages. The PDF export and the window's GtkPrintOperation
 * use the same code: "begin-print" calls dd_report_paginate() with the
 * print context's cairo_t and size (the operation's unit set to
 * GTK_UNIT_POINTS), "draw-page" calls dd_report_draw_page().
 */
#define DD_TYPE_REPORT (dd_report_get_type ())
G_DECLARE_FINAL_TYPE (DdReport, dd_report, DD, REPORT, GObject)

/* Reads the figures. Main thread (the store). (transfer full) */
DdReport   *dd_report_new           (DdStore               *store,
                                     const DdExportOptions *options,
                                     GError               **error) G_GNUC_WARN_UNUSED_RESULT;
/* "Báo cáo tiến độ thực hiện Kế hoạch số 662/KH-VPUB — tính đến ngày
 * 25/11/2026" (translated). (transfer none) */
const char *dd_report_get_title     (DdReport *self);

/**
 * dd_report_paginate:
 * @cr: a context of the target (its font options shape the text)
 * @width: the printable width, in points
 * @height: the printable height, in points
 *
 * Lays the report out on pages of that size. Returns: the number of pages (at least 1)
 */
guint       dd_report_paginate      (DdReport *self,
                                     cairo_t  *cr,
                                     double    width,
                                     double    height);

/**
 * dd_report_draw_page:
 * @cr: its origin at the top left of the printable area, units in points
 * @page: from 0 to the count of the last dd_report_paginate(), less one
 *
 * Draws one page of the last dd_report_paginate(), with its number
 * ("Trang 1/3") at the bottom.
 */
void        dd_report_draw_page     (DdReport *self,
                                     cairo_t  *cr,
                                     guint     page);

/**
 * DdExporter:
 *
 * The meeting exports of one store's file, written off the main thread: the
 * same work as dd_export_xlsx() and dd_export_pdf(), with the same options
 * and errors, run on a thread and a read connection of the object's own (a
 * #DdStoreWorker, made when the first export comes), one export after the
 * other. The options and the path are copied at the call. The callback runs
 * on the thread that called (the store's). Cancelled before it starts, an
 * export writes nothing and fails with %G_IO_ERROR_CANCELLED; once started
 * it cannot be stopped: the file is written, and the result is still
 * %G_IO_ERROR_CANCELLED.
 */
#define DD_TYPE_EXPORTER (dd_exporter_get_type ())
G_DECLARE_FINAL_TYPE (DdExporter, dd_exporter, DD, EXPORTER, GObject)

/* (transfer full): holds a reference on @store */
DdExporter *dd_exporter_new                (DdStore               *store) G_GNUC_WARN_UNUSED_RESULT;
/* (transfer none) */
DdStore    *dd_exporter_get_store          (DdExporter            *self);

/* dd_export_xlsx() on the exporter's thread. */
void        dd_exporter_export_xlsx_async  (DdExporter            *self,
                                            const DdExportOptions *options,
                                            const char            *path,
                                            GCancellable          *cancellable,
                                            GAsyncReadyCallback    callback,
                                            gpointer               user_data);
/* Returns: %TRUE when the workbook was written; else %FALSE with @error
 * set as dd_export_xlsx() sets it (or %G_IO_ERROR_CANCELLED) */
gboolean    dd_exporter_export_xlsx_finish (DdExporter            *self,
                                            GAsyncResult          *result,
                                            GError               **error);
/* dd_export_pdf() on the exporter's thread. */
void        dd_exporter_export_pdf_async   (DdExporter            *self,
                                            const DdExportOptions *options,
                                            const char            *path,
                                            GCancellable          *cancellable,
                                            GAsyncReadyCallback    callback,
                                            gpointer               user_data);
gboolean    dd_exporter_export_pdf_finish  (DdExporter            *self,
                                            GAsyncResult          *result,
                                            GError               **error);

G_END_DECLS
