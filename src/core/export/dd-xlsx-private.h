/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <xlsxwriter.h>
#include <pango/pango.h>

#include "dd-export-private.h"

G_BEGIN_DECLS

/*
 * The parts of the meeting workbook (dd-xlsx-export.c): the workbook and
 * its formats, what every sheet shares (dd-xlsx-sheet.c), the cell writers
 * (dd-xlsx-cells.c) and one writer per sheet (dd-xlsx-summary.c,
 * dd-xlsx-tasks.c, dd-xlsx-figures.c). Only these files include
 * xlsxwriter.h.
 */

/* The columns of the tasks sheet. */
typedef enum
{
  COL_PLAN,
  COL_NUMBER,
  COL_TITLE,
  COL_LEAD,
  COL_COORDINATORS,
  COL_TIME_FRAME,
  COL_PRODUCT,
  COL_DIRECTING,
  COL_STATUS,
  COL_DUE,
  COL_COMPLETED,
  COL_ACTUAL,
  COL_NOTE,
  COL_PROGRESS,
  N_TASK_COLUMNS
} TaskColumn;

/* The data rows of a big sheet, formatted as XML (dd-xlsx-cells.c). */
typedef struct _DdXlsxRowStream DdXlsxRowStream;

#define MAX_STREAMS 3

/* One workbook being written. */
typedef struct
{
  DdExportData *data;
  DdStore *store;
  lxw_workbook *wb;
  DdXlsxRowStream *streams[MAX_STREAMS];
  guint n_streams;
  DdXlsxRowStream *current;    /* the sheet being streamed, or NULL */
  lxw_error lxw;               /* the first error of libxlsxwriter */
  GString *buf;                /* scratch for _dd_xlsx_clean_text() */
  GString *cut;                /* the same, for a text cut at Excel's limit */
  char *mark;                  /* the truncation mark */
  double size;

  char *sheet_summary;
  char *sheet_tasks;
  char *sheet_units;
  char *sheet_actions;
  char *sheet_indicators;

  lxw_format *f_text;
  lxw_format *f_text_bold;
  lxw_format *f_center;
  lxw_format *f_head;
  lxw_format *f_sheet_title;
  lxw_format *f_sheet_title_font;  /* its first line in a rich string */
  lxw_format *f_scope_font;        /* the scope line under it */
  lxw_format *f_title;
  lxw_format *f_subtitle;
  lxw_format *f_issuer;
  lxw_format *f_superior;
  lxw_format *f_recipients;
  lxw_format *f_motto;
  lxw_format *f_motto2;
  lxw_format *f_date_line;
  lxw_format *f_section;
  lxw_format *f_plain;
  lxw_format *f_note;
  lxw_format *f_note_wrap;     /* a note over merged cells, wrapped */
  lxw_format *f_date;
  lxw_format *f_int;
  lxw_format *f_int_bold;
  lxw_format *f_pct;
  lxw_format *f_pct_bold;
  lxw_format *f_progress;      /* "45%" of a task's progress */
  lxw_format *f_tt;            /* a task's number (TT) as a number: "12" */
  lxw_format *f_tt_dot;        /* the same written "12." */
  lxw_format *f_status[DD_N_STATUSES];

  /* Copies of the tasks for action read with the task sheet, so that
   * their sheet need not read them again (id → DdExportTask copy). */
  GHashTable *action_rows;
  gsize action_bytes;

  /* The streamed sheets' shared strings: text → index + 1 (dd-xlsx-cells.c). */
  GHashTable *shared;

  /* Measures text in the workbook's font (dd-xlsx-sheet.c), made when first needed. */
  PangoLayout *measure;
  double letter;               /* _dd_xlsx_letter_points(), 0 until measured */

  /* The columns of the tasks sheet. */
  guint n_columns;
  int col[N_TASK_COLUMNS];     /* column of each, or -1 */
} DdXlsx;

/* Keeps the first error of libxlsxwriter in @x; the workbook fails with it. */
#define CHECK(x, expr) \
  G_STMT_START { lxw_error e_ = (expr); if (e_ != LXW_NO_ERROR && (x)->lxw == LXW_NO_ERROR) (x)->lxw = e_; } G_STMT_END

/* What the sheets share (dd-xlsx-sheet.c) */

lxw_color_t  _dd_xlsx_status_color      (DdTaskStatus status);
/* A4, fitted to the page's width only; rows @repeat_first to @repeat_last on
 * every page (-1: none). */
void         _dd_xlsx_setup_print       (DdXlsx        *x,
                                         lxw_worksheet *ws,
                                         gboolean       landscape,
                                         int            repeat_first,
                                         int            repeat_last);
/* The first line of a sheet: @title, then the report's; under it the
 * scope line, over columns A to @last_col (together @width wide). */
void         _dd_xlsx_write_sheet_title (DdXlsx        *x,
                                         lxw_worksheet *ws,
                                         const char    *title,
                                         lxw_col_t      last_col,
                                         double         width);

/* Measuring text (dd-xlsx-cells.c) */

/* The width in points of the widest line of @text in the workbook's font
 * at its body size (bold when @bold), as the fonts of this machine set it:
 * those LibreOffice prints with. */
double       _dd_xlsx_text_points       (DdXlsx        *x,
                                         const char    *text,
                                         gboolean       bold);
/* The width of the widest piece of @text that no line may break (a word,
 * or its part up to a hyphen or a slash). */
double       _dd_xlsx_word_points       (DdXlsx        *x,
                                         const char    *text,
                                         gboolean       bold);
/* The mean width of a letter of Vietnamese text in the workbook's font at
 * its body size, in points, on the safe side: what the row heights count
 * lines with. */
double       _dd_xlsx_letter_points     (DdXlsx        *x);
/* The column width (as worksheet_set_column() takes it) whose cells hold
 * a line of @points. */
double       _dd_xlsx_width_for_points  (double         points);
void         _dd_xlsx_measure_free      (DdXlsx        *x);

/* The cells (dd-xlsx-cells.c). In a sheet being streamed, rows come in
 * order and the cells of a row in the order of their columns. */

/* @text made fit for a cell; @text itself, or a string of @x valid until
 * the next call. */
const char  *_dd_xlsx_clean_text        (DdXlsx     *x,
                                         const char *text);
/* Text from the database: always a string cell, never a formula; a blank
 * cell for NULL or "". */
void         _dd_xlsx_write_text        (DdXlsx        *x,
                                         lxw_worksheet *ws,
                                         lxw_row_t      row,
                                         lxw_col_t      col,
                                         const char    *text,
                                         lxw_format    *format);
/* A date cell, or a blank one for an unset date. */
void         _dd_xlsx_write_date        (DdXlsx        *x,
                                         lxw_worksheet *ws,
                                         lxw_row_t      row,
                                         lxw_col_t      col,
                                         const GDate   *date,
                                         lxw_format    *format);
void         _dd_xlsx_write_number      (DdXlsx        *x,
                                         lxw_worksheet *ws,
                                         lxw_row_t      row,
                                         lxw_col_t      col,
                                         double         value,
                                         lxw_format    *format);
/* A task's number (TT): a number cell when it is one ("12", "12."), so
 * that it sorts as one (1, 2, 10); else text ("1.2", "II"). */
void         _dd_xlsx_write_tt          (DdXlsx        *x,
                                         lxw_worksheet *ws,
                                         lxw_row_t      row,
                                         lxw_col_t      col,
                                         const char    *number);
/* A string from the program (a label, a section line), taken as it is. */
void         _dd_xlsx_put_string        (DdXlsx        *x,
                                         lxw_worksheet *ws,
                                         lxw_row_t      row,
                                         lxw_col_t      col,
                                         const char    *text,
                                         lxw_format    *format);
void         _dd_xlsx_put_blank         (DdXlsx        *x,
                                         lxw_worksheet *ws,
                                         lxw_row_t      row,
                                         lxw_col_t      col,
                                         lxw_format    *format);
/* The data rows of @ws are streamed from here to _dd_xlsx_stream_end(). */
gboolean     _dd_xlsx_stream_begin      (DdXlsx         *x,
                                         lxw_worksheet  *ws,
                                         GError        **error);
void         _dd_xlsx_stream_end        (DdXlsx *x);
/* In the sheet being streamed, the text of column @col (@width as
 * worksheet_set_column() takes it) wraps: each row gets the height of its
 * most lines. Every row of the stream gets a height once one column is set. */
void         _dd_xlsx_stream_wrap_column (DdXlsx    *x,
                                          lxw_col_t  col,
                                          double     width);
/* In the sheet being streamed, @text (from the program or the database)
 * over the merged cells @first_col to @last_col of @row (together @width
 * wide), its row as high as the text takes there. */
void         _dd_xlsx_stream_share_column (DdXlsx    *x,
                                          lxw_col_t  col);
void         _dd_xlsx_stream_merged_text (DdXlsx        *x,
                                          lxw_row_t      row,
                                          lxw_col_t      first_col,
                                          lxw_col_t      last_col,
                                          const char    *text,
                                          lxw_format    *format,
                                          double         width);
/* How many lines @text takes in a column @width wide (an estimate on the
 * safe side: a row too high rather than text cut). */
guint        _dd_xlsx_text_lines        (DdXlsx     *x,
                                         const char *text,
                                         double      width);
/* Once the workbook @from is closed: waits for the rows to be deflated and
 * writes @to, the workbook with them. FALSE with errno set on failure. */
gboolean     _dd_xlsx_stream_splice     (DdXlsx     *x,
                                         const char *from,
                                         const char *to);
void         _dd_xlsx_stream_free       (DdXlsxRowStream *s);

/* The completion and on-time rates of @counts in columns @c and @c + 1
 * ("—" where there is nothing to divide by) (dd-xlsx-summary.c). */
void         _dd_xlsx_write_rates       (DdXlsx        *x,
                                         lxw_worksheet *ws,
                                         lxw_row_t      r,
                                         lxw_col_t      c,
                                         const guint   *counts,
                                         lxw_format    *format);

/* The sheets, which only the workbook (dd-xlsx-export.c) calls */

gboolean     _dd_xlsx_write_tasks_sheet      (DdXlsx         *x,
                                              lxw_worksheet  *ws,
                                              GError        **error);
gboolean     _dd_xlsx_write_actions_sheet    (DdXlsx         *x,
                                              lxw_worksheet  *ws,
                                              GError        **error);
void         _dd_xlsx_write_summary_sheet    (DdXlsx        *x,
                                              lxw_worksheet *ws);
void         _dd_xlsx_write_units_sheet      (DdXlsx        *x,
                                              lxw_worksheet *ws);
gboolean     _dd_xlsx_write_indicators_sheet (DdXlsx         *x,
                                              lxw_worksheet  *ws,
                                              GError        **error);

G_END_DECLS
