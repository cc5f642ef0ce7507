/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <gio/gio.h>
#include "dd-store.h"

G_BEGIN_DECLS

/**
 * DdUrgingOptions:
 * @dir: the folder the letters are written into
 * @as_of: (nullable): the letters' date, which judges the tasks (today when %NULL)
 * @unit_id: only this unit's letter, or 0 for every unit that has one
 * @template_path: (nullable): the office's own template (a .docx with the
 *   placeholders of data/letters/cong-van-don-doc.fodt); %NULL: the one shipped
 * @pdf: also convert each letter to PDF with LibreOffice
 * @report_days: the units report back within this many days
 *
 * What dd_urging_letters_write() writes. Set with dd_urging_options_init().
 */
typedef struct
{
  const char *dir;
  const GDate *as_of;
  gint64 unit_id;
  const char *template_path;
  gboolean pdf;
  guint report_days;
} DdUrgingOptions;

/* Everything off, a week to report back. */
void       dd_urging_options_init  (DdUrgingOptions        *self);

/**
 * dd_urging_letters_write:
 * @self: the store
 * @options: the folder, the date, the unit, the template, PDF or not
 * @error: the store's errors, %DD_IMPORT_ERROR for a template that is not
 *   a .docx, %G_IO_ERROR when a file cannot be written or LibreOffice is
 *   missing or fails
 *
 * Writes an urging letter (công văn đôn đốc) in the form of Nghị định
 * 30/2020/NĐ-CP for each unit that leads tasks overdue, due soon or with
 * a forgotten report as of the date (dd_stats_list_reminders()), named
 * after the unit ("Cong-van-don-doc-so-noi-vu.docx"): the template filled
 * with libxml2 (the office's issuer, place and signer of the report
 * settings, the unit, its tasks with their due dates and how late they
 * are, the date to report by), the ZIP written with libarchive; with
 * @pdf, also as PDF by LibreOffice.
 *
 * Returns: (transfer full) (element-type utf8) (nullable): the paths
 *   written (the PDFs' with @pdf), or %NULL with @error set
 */
GPtrArray *dd_urging_letters_write (DdStore                *self,
                                    const DdUrgingOptions  *options,
                                    GError                **error);

void       dd_urging_letters_write_async  (DdStore                *self,
                                           const DdUrgingOptions  *options,
                                           GCancellable           *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data);
GPtrArray *dd_urging_letters_write_finish (DdStore                *self,
                                           GAsyncResult           *result,
                                           GError                **error);

G_END_DECLS
