/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/tree.h>

#include "dd-importer-private.h"

G_BEGIN_DECLS

/*
 * The office documents' readers: the ZIP container and its XML parts
 * (dd-importer-zip.c, on libarchive and libxml2), the rows of a table
 * however they were laid out (dd-importer-grid.c), the Word document
 * (dd-importer-docx.c) and the Excel workbook (dd-importer-xlsx.c).
 */

/* What one file may make us read: beyond these, the file is refused. */
#define DD_OFFICE_MAX_ENTRIES    2000                 /* entries in the ZIP */
#define DD_OFFICE_MAX_PART       (48u * 1024 * 1024)  /* one XML part, uncompressed */
#define DD_OFFICE_MAX_TOTAL      (96u * 1024 * 1024)  /* every part read, uncompressed */
#define DD_OFFICE_MAX_CELL       (10u * 1024 * 1024)  /* the text of one cell */
#define DD_OFFICE_MAX_ROWS       10000                /* the rows of one table */
#define DD_OFFICE_MAX_COLUMNS    64

/* The XML parts (*.xml, *.rels) of the ZIP @data, by name (GBytes). Fails
 * when @data is no ZIP or breaks a limit above. (transfer full) */
GHashTable *_dd_office_read_zip   (const char  *data,
                                   gsize        length,
                                   GError     **error);
/* Part @name of @parts parsed without network, entities or DTD; a part
 * with a DOCTYPE is refused. NULL with @error set when @required and
 * missing, or silently when not @required. (transfer full) */
xmlDoc     *_dd_office_parse_part (GHashTable  *parts,
                                   const char  *name,
                                   gboolean     required,
                                   GError     **error);
/* Whether @node is the element @name of the namespace @ns_href. */
gboolean    _dd_office_is         (const xmlNode *node,
                                   const char    *ns_href,
                                   const char    *name);
/* Attribute @name of @node in @ns_href (NULL: no namespace). (transfer full) */
char       *_dd_office_dup_prop   (const xmlNode *node,
                                   const char    *ns_href,
                                   const char    *name);

/* One row of a table, its cells by column (char*, NULL when empty); the
 * text of a vertically merged cell repeated on each row it covers. */
typedef struct
{
  guint line;            /* the row's number, for messages */
  GPtrArray *cells;      /* of char* (nullable) */
} DdImportGridRow;

void        _dd_import_grid_row_free (gpointer data);
/* The header's column of @name ("Chủ trì", "Chu tri"), or -1
 * (dd-importer-csv.c). */
int         _dd_import_column_for_name (const char *name);
/* The tasks of @rows: the header found by its titles, repeated headers
 * and section rows ("I. NHIỆM VỤ CHUNG") skipped, a task per row. FALSE
 * with @error when there is no header or a row is bad. */
gboolean    _dd_import_read_grid  (DdImportedPlan  *plan,
                                   GPtrArray       *rows,
                                   GError         **error);
/* Whether one of @rows is a header with the appendix's task column. */
gboolean    _dd_import_grid_has_header (GPtrArray *rows);
/* The index of that header row in @rows, or -1. */
int         _dd_import_grid_find_header (GPtrArray *rows);

/* Controls and noncharacters removed from @lines above the table, as the
 * text reader removes them; counted in @plan (the first's line: its index
 * + 1). The table's cells get the same in _dd_import_read_grid(). */
void        _dd_import_remove_forbidden_lines (DdImportedPlan  *plan,
                                               char           **lines);

/* The plan's number, date, issuer, title and basis from the paragraphs
 * above its table (dd-importer-text.c). */
gboolean    _dd_import_parse_text_head (DdImportedPlan  *plan,
                                        char           **lines,
                                        GError         **error);

gboolean    _dd_import_parse_docx (DdImportedPlan  *plan,
                                   GHashTable      *parts,
                                   GError         **error);
gboolean    _dd_import_parse_xlsx (DdImportedPlan  *plan,
                                   GHashTable      *parts,
                                   GError         **error);
/* The rows (DdImportGridRow, in order) of the sheet @sheet_name (NULL: the
 * first) of the workbook @data, read with the limits above; for the
 * progress forms (src/core/office). (transfer full) */
GPtrArray  *_dd_office_read_xlsx_sheet (const char  *data,
                                        gsize        length,
                                        const char  *sheet_name,
                                        GError     **error);

G_END_DECLS

G_BEGIN_DECLS

/* dd-importer-office.c, for dd-importer.c */
gboolean    _dd_import_is_office_data (const char *data,
                                       gsize       length);
gboolean    _dd_import_parse_office   (DdImportedPlan  *plan,
                                       const char      *data,
                                       gsize            length,
                                       DdImportFormat   format,
                                       const char      *source_name,
                                       GError         **error);

G_END_DECLS
