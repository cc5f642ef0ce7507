/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dd-core-private.h"

G_BEGIN_DECLS

/*
 * The layout of a progress form, shared by its writer
 * (dd-progress-form-write.c) and its reader (dd-progress-form-read.c).
 */

/* The sheets, by name (never translated: the reader finds them so). */
#define DD_FORM_SHEET_HELP   "Hướng dẫn"
#define DD_FORM_SHEET_TASKS  "Tiến độ"

/* The tasks sheet: its rows (0-based) and columns. */
#define DD_FORM_ROW_UNIT     2          /* A: the hidden key of the form; C: the unit */
#define DD_FORM_ROW_DATE     3          /* C: the form's date */
#define DD_FORM_ROW_HEADER   5
#define DD_FORM_ROW_FIRST    6

enum
{
  DD_FORM_COL_KEY,           /* hidden: "t:task_id:revision:period:code", period "quarter.2026.2" or "-" */
  DD_FORM_COL_NUMBER,
  DD_FORM_COL_PLAN,
  DD_FORM_COL_TITLE,
  DD_FORM_COL_DEADLINE,
  DD_FORM_COL_PERIODS,       /* the reports owed */
  DD_FORM_COL_PROGRESS,      /* current */
  DD_FORM_COL_STATUS,
  DD_FORM_COL_NEW_PROGRESS,  /* to fill: from here on */
  DD_FORM_COL_COMPLETED,
  DD_FORM_COL_PRODUCT,
  DD_FORM_COL_REPORT,
  DD_FORM_COL_NOTE,
  DD_FORM_N_COLUMNS
};

/* The check code of a row's key (or of the form's, with @task_id 0):
 * 12 hex digits of a SHA-256 over what the key says. (transfer full) */
char *_dd_progress_form_code (gint64      unit_id,
                              gint64      task_id,
                              gint64      revision,
                              const char *period);

/* A file's name for a unit's document: @prefix, the unit's name without
 * diacritics, in lower case, words joined by "-", then @suffix.
 * (transfer full) */
char *_dd_office_dup_file_name (const char *prefix,
                                const char *unit,
                                const char *suffix);

G_END_DECLS
