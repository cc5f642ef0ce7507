/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dd-export-private.h"

G_BEGIN_DECLS

/*
 * The handout's parts: its blocks and tables, made from the report's
 * figures in dd-pdf-build.c, laid out and drawn by dd-pdf-export.c (which
 * calls the builder, never the reverse).
 */

#define A4_WIDTH 595.28
#define A4_HEIGHT 841.89
/* Nghị định 30/2020/NĐ-CP: left 30–35 mm, right 15–20 mm, top and bottom 20–25 mm. */
#define MARGIN_LEFT (30 / 25.4 * 72)
#define MARGIN_RIGHT (20 / 25.4 * 72)
#define MARGIN_TOP (20 / 25.4 * 72)
#define MARGIN_BOTTOM (20 / 25.4 * 72)
#define CELL_PAD 4.0  /* a cell's text never touches the next one's */
#define MAX_COLS 12

typedef enum
{
  BLOCK_HEADER,                /* the document header */
  BLOCK_TEXT,                  /* a paragraph */
  BLOCK_CHART,
  BLOCK_ROW,                   /* a row of a table */
  BLOCK_GAP,
  BLOCK_SIGNATURE,             /* "Nơi nhận:" and the signature */
} BlockKind;

typedef enum
{
  TEXT_BODY,
  TEXT_TITLE,
  TEXT_SUBTITLE,
  TEXT_SECTION,
  TEXT_NOTE,
} TextStyle;

typedef struct
{
  guint n_cols;
  double widths[MAX_COLS];     /* fractions of the width */
  char *head[MAX_COLS];
  double head_height;
  double font_size;
  double head_size;
} Table;

typedef struct
{
  BlockKind kind;
  double height;
  gboolean keep_with_next;
  /* BLOCK_TEXT */
  char *text;
  TextStyle style;
  /* BLOCK_CHART */
  DdChart *chart;
  double chart_height;
  /* BLOCK_ROW */
  Table *table;
  char *cells[MAX_COLS];
  int status_col;              /* a cell coloured as its status, or -1 */
  DdTaskStatus status;
  gboolean bold;
  gboolean span;               /* one cell over the whole row (a sub-heading) */
} Block;

typedef struct
{
  Block *block;
  double y;
  gboolean with_head;          /* the table's header row goes above it */
} Placement;

struct _DdReport
{
  GObject parent_instance;

  DdExportData *data;
  char *family;                /* the font with its fallbacks */
  GPtrArray *tables;           /* Table* */
  GPtrArray *blocks;           /* Block* */
  GPtrArray *pages;            /* GArray of Placement, one per page */
  double width;
  double height;
  gboolean char_wrap;          /* table cells may break inside a long word */
};


/* Blocks (dd-pdf-build.c) */
void    _dd_report_table_free (Table *table);
void    _dd_report_block_free (Block *block);
Block  *_dd_report_add_block (DdReport    *self,
                              BlockKind    kind);
void    _dd_report_add_text  (DdReport    *self,
                              TextStyle    style,
                              const char  *text);
void    _dd_report_add_gap   (DdReport    *self,
                              double       height);
Table  *_dd_report_add_table (DdReport    *self,
                              double       font_size,
                              guint        n_cols,
                              const double widths[],
                              const char  *head[]);
Block  *_dd_report_add_row   (DdReport    *self,
                              Table       *table);

/* The blocks of the whole report (dd-pdf-build.c), the tasks for action
 * read from @store. */
gboolean _dd_report_build    (DdReport    *self,
                              DdStore     *store,
                              GError     **error);

G_END_DECLS
