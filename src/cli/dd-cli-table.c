/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-cli"

#include "config.h"

#include <string.h>

#include "dd-cli-table.h"

typedef struct
{
  char *header;
  DdCliAlign align;
  guint max_width;
} Column;

struct _DdCliTable
{
  guint n_columns;
  Column *columns;
  GPtrArray *rows; /* of GStrv, n_columns cells each */
};

/* Auxiliary methods */

static guint
unichar_width (gunichar c)
{
  if (g_unichar_iszerowidth (c))
    return 0;
  if (g_unichar_iswide (c))
    return 2;
  return 1;
}

guint
dd_cli_display_width (const char *text)
{
  guint width = 0;

  if (text == NULL)
    return 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += unichar_width (g_utf8_get_char (p));

  return width;
}

/* Composes the text (a title typed with combining marks takes as many
 * columns as a precomposed one) and turns line breaks and tabs into spaces,
 * so that one cell stays on one line. */
static char *
clean_cell (const char *text)
{
  g_autofree char *valid = NULL;
  char *composed;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  composed = g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);
  if (composed == NULL)
    composed = g_steal_pointer (&valid);

  for (char *p = composed; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r' || *p == '\t')
        *p = ' ';
    }

  return composed;
}

/* Cuts @text to at most @max_width columns, ending in "…" when cut. */
static char *
truncate_cell (const char *text,
               guint       max_width)
{
  GString *out;
  guint width = 0;

  if (max_width == 0 || dd_cli_display_width (text) <= max_width)
    return g_strdup (text);

  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint w = unichar_width (c);

      /* Keep one column for the ellipsis. */
      if (width + w > max_width - 1)
        break;
      g_string_append_unichar (out, c);
      width += w;
    }
  g_string_append (out, "…");

  return g_string_free (out, FALSE);
}

static void
append_padded (GString    *out,
               const char *text,
               guint       width,
               DdCliAlign  align,
               gboolean    last)
{
  guint text_width = dd_cli_display_width (text);
  guint pad = width > text_width ? width - text_width : 0;

  if (align == DD_CLI_ALIGN_RIGHT)
    {
      for (guint i = 0; i < pad; i++)
        g_string_append_c (out, ' ');
      g_string_append (out, text);
      return;
    }

  g_string_append (out, text);
  if (last)
    return;
  for (guint i = 0; i < pad; i++)
    g_string_append_c (out, ' ');
}

static void
append_line (GString            *out,
             DdCliTable         *self,
             const char * const *cells,
             const guint        *widths)
{
  gsize start = out->len;

  for (guint i = 0; i < self->n_columns; i++)
    {
      if (i > 0)
        g_string_append (out, "  ");
      append_padded (out, cells[i], widths[i], self->columns[i].align,
                     i + 1 == self->n_columns);
    }

  /* A right-aligned or empty last column may leave trailing blanks. */
  while (out->len > start && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '\n');
}

/* Public API */

DdCliTable *
dd_cli_table_new (guint n_columns)
{
  DdCliTable *self;

  g_return_val_if_fail (n_columns > 0, NULL);

  self = g_new0 (DdCliTable, 1);
  self->n_columns = n_columns;
  self->columns = g_new0 (Column, n_columns);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  return self;
}

void
dd_cli_table_free (DdCliTable *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->n_columns; i++)
    g_free (self->columns[i].header);
  g_free (self->columns);
  g_ptr_array_unref (self->rows);
  g_free (self);
}

void
dd_cli_table_set_column (DdCliTable *self,
                         guint       column,
                         const char *header,
                         DdCliAlign  align,
                         guint       max_width)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (column < self->n_columns);

  g_free (self->columns[column].header);
  self->columns[column].header = clean_cell (header);
  self->columns[column].align = align;
  self->columns[column].max_width = max_width;
}

void
dd_cli_table_add_row (DdCliTable         *self,
                      const char * const *cells)
{
  char **row;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cells != NULL);

  row = g_new0 (char *, self->n_columns + 1);
  for (guint i = 0; i < self->n_columns; i++)
    {
      g_autofree char *clean = clean_cell (cells[i]);

      row[i] = truncate_cell (clean, self->columns[i].max_width);
    }
  g_ptr_array_add (self->rows, row);
}

guint
dd_cli_table_get_n_rows (DdCliTable *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->rows->len;
}

char *
dd_cli_table_to_string (DdCliTable *self)
{
  g_autofree guint *widths = NULL;
  g_autofree const char **headers = NULL;
  GString *out;
  guint total = 0;

  g_return_val_if_fail (self != NULL, NULL);

  widths = g_new0 (guint, self->n_columns);
  headers = g_new0 (const char *, self->n_columns + 1);

  for (guint i = 0; i < self->n_columns; i++)
    {
      headers[i] = self->columns[i].header != NULL ? self->columns[i].header : "";
      widths[i] = dd_cli_display_width (headers[i]);
    }

  for (guint r = 0; r < self->rows->len; r++)
    {
      char **row = g_ptr_array_index (self->rows, r);

      for (guint i = 0; i < self->n_columns; i++)
        widths[i] = MAX (widths[i], dd_cli_display_width (row[i]));
    }

  for (guint i = 0; i < self->n_columns; i++)
    total += widths[i] + (i > 0 ? 2 : 0);

  out = g_string_new (NULL);
  append_line (out, self, headers, widths);

  for (guint i = 0; i < total; i++)
    g_string_append (out, "─");
  g_string_append_c (out, '\n');

  for (guint r = 0; r < self->rows->len; r++)
    append_line (out, self, (const char * const *) g_ptr_array_index (self->rows, r), widths);

  return g_string_free (out, FALSE);
}
