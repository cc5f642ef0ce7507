/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A plain-text table for the terminal: columns are aligned by their display
 * width (so "Hành chính" and wide characters line up), long cells are cut
 * with "…" where a column has a limit.
 */

typedef struct _DdCliTable DdCliTable;

typedef enum
{
  DD_CLI_ALIGN_LEFT = 0,
  DD_CLI_ALIGN_RIGHT,
} DdCliAlign;

DdCliTable *dd_cli_table_new        (guint        n_columns);
void        dd_cli_table_free       (DdCliTable  *self);
/* Sets a column's header (copied), alignment and maximum width (0: none). */
void        dd_cli_table_set_column (DdCliTable  *self,
                                     guint        column,
                                     const char  *header,
                                     DdCliAlign   align,
                                     guint        max_width);
/* Adds a row of n_columns cells (copied; NULL prints as empty). */
void        dd_cli_table_add_row    (DdCliTable  *self,
                                     const char * const *cells);
guint       dd_cli_table_get_n_rows (DdCliTable  *self);
/* The whole table as UTF-8 text, one line per row. (transfer full) */
char       *dd_cli_table_to_string  (DdCliTable  *self);

/* The number of terminal columns @text takes. */
guint       dd_cli_display_width    (const char  *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdCliTable, dd_cli_table_free)

G_END_DECLS
