/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-progress-form"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-progress-form-private.h"
#include "dd-importer-office.h"
#include "dd-store-private.h"
#include "dd-store-reports-private.h"
#include "dondoc/dd-progress-form.h"

/*
 * Reading a filled progress form back: the sheet "Tiến độ" read with the
 * importer's .xlsx reader (libarchive, libxml2, its limits), each row's
 * hidden key checked against its code, the values filled parsed, each row
 * compared with its task as the database has it now. Then, after the
 * user saw it, every change recorded in one transaction.
 */

/* Auxiliary methods */

static void
form_row_free (gpointer data)
{
  DdFormRow *row = data;

  g_free (row->number);
  g_free (row->title);
  g_free (row->product);
  g_free (row->report_number);
  g_free (row->note);
  g_free (row->report_period);
  g_free (row->conflict);
  g_free (row);
}

static const char *
cell (const DdImportGridRow *row,
      guint                  column)
{
  return column < row->cells->len ? g_ptr_array_index (row->cells, column) : NULL;
}

/* The cell's text, trimmed; NULL when empty. (transfer full) */
static char *
dup_clean (const DdImportGridRow *row,
           guint                  column)
{
  g_autofree char *text = dd_text_normalize_space (cell (row, column));

  return text != NULL && *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static const char *
column_name (guint column)
{
  switch (column)
    {
    case DD_FORM_COL_NEW_PROGRESS:
      return _("New progress (%)");
    case DD_FORM_COL_COMPLETED:
      return _("Completion date");
    default:
      return "";
    }
}

static gboolean
refuse (GError     **error,
        int          code,
        const char  *format,
        ...) G_GNUC_PRINTF (3, 4);

static gboolean
refuse (GError     **error,
        int          code,
        const char  *format,
        ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, DD_IMPORT_ERROR, code, message);
  return FALSE;
}

static gboolean
parse_progress (const DdImportGridRow  *row,
                int                    *out,
                GError                **error)
{
  g_autofree char *text = dup_clean (row, DD_FORM_COL_NEW_PROGRESS);
  char *end = NULL;
  double value;

  *out = -1;
  if (text == NULL)
    return TRUE;
  g_strdelimit (text, ",", '.');
  value = g_ascii_strtod (text, &end);
  while (end != NULL && (*end == ' ' || *end == '%'))
    end++;
  if (end == NULL || end == text || *end != '\0' || !(value >= 0 && value <= 100)
      || fabs (value - round (value)) > 1e-6)
    return refuse (error, DD_IMPORT_ERROR_VALUE,
                   /* Translators: a row, a column's name, what it holds. */
                   _("Row %u, column “%s”: “%s” is not a whole number from 0 to 100."),
                   row->line, column_name (DD_FORM_COL_NEW_PROGRESS), text);
  *out = (int) round (value);
  return TRUE;
}

/* A date as Excel keeps it (a serial number) or as typed ("30/6/2026"). */
static gboolean
parse_date (const DdImportGridRow  *row,
            GDate                  *out,
            GError                **error)
{
  g_autofree char *text = dup_clean (row, DD_FORM_COL_COMPLETED);
  char *end = NULL;
  double serial;

  g_date_clear (out, 1);
  if (text == NULL)
    return TRUE;
  serial = g_ascii_strtod (text, &end);
  if (end != text && *end == '\0' && serial >= 36526 && serial < 73051)
    {
      g_date_set_dmy (out, 30, G_DATE_DECEMBER, 1899);
      g_date_add_days (out, (guint) serial);
      return TRUE;
    }
  if (dd_date_parse_any (text, out))
    return TRUE;
  g_date_clear (out, 1);
  return refuse (error, DD_IMPORT_ERROR_DATE,
                 _("Row %u, column “%s”: “%s” is not a date (dd/mm/yyyy)."),
                 row->line, column_name (DD_FORM_COL_COMPLETED), text);
}

/* "u:12:code" of the form: the unit it was made for. */
static gboolean
read_unit_key (GPtrArray     *rows,
               DdFormImport  *form,
               GError       **error)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const DdImportGridRow *row = g_ptr_array_index (rows, i);
      const char *key = cell (row, DD_FORM_COL_KEY);
      g_auto(GStrv) parts = NULL;
      g_autofree char *code = NULL;
      g_autoptr(DdUnit) unit = NULL;
      g_autofree char *date = NULL;

      if (key == NULL || !g_str_has_prefix (key, "u:"))
        continue;
      parts = g_strsplit (key, ":", -1);
      form->unit_id = g_strv_length (parts) == 3 ? g_ascii_strtoll (parts[1], NULL, 10) : 0;
      code = _dd_progress_form_code (form->unit_id, 0, 0, "-");
      if (form->unit_id <= 0 || g_strcmp0 (code, parts[2]) != 0)
        break;
      form->unit = dup_clean (row, DD_FORM_COL_TITLE);
      if (i + 1 < rows->len)
        {
          date = dup_clean (g_ptr_array_index (rows, i + 1), DD_FORM_COL_TITLE);
          if (date != NULL)
            dd_date_parse_any (date, &form->made_on);
        }
      return TRUE;
    }
  return refuse (error, DD_IMPORT_ERROR_FORMAT,
                 _("This workbook is not a progress form made by Đôn Đốc, or its hidden key was altered."));
}

/* The period @key ("quarter.2026.2") names, if the task still owes it. */
static void
find_period (DdCalendar  *calendar,
             DdFormRow   *row,
             const char  *key,
             const GDate *today)
{
  g_auto(GStrv) parts = g_strsplit (key, ".", -1);
  g_autoptr(GPtrArray) periods = NULL;
  DdOccurrenceKind kind;
  GDate from = *today, to = *today;

  if (g_strv_length (parts) != 3 || !dd_occurrence_kind_from_string (parts[0], &kind))
    return;
  g_date_subtract_years (&from, 3);
  g_date_add_days (&to, 366);
  periods = dd_calendar_list_task_periods (calendar, row->task_id, &from, &to, today, NULL);
  for (guint i = 0; periods != NULL && i < periods->len; i++)
    {
      const DdOccurrence *occurrence = g_ptr_array_index (periods, i);

      /* The key is the form's cell: a number that does not parse is 0,
       * which no period has. */
      if (occurrence->kind == kind && occurrence->year == g_ascii_strtoll (parts[1], NULL, 10) &&
          occurrence->index == g_ascii_strtoll (parts[2], NULL, 10) && !g_date_valid (&occurrence->reported_on))
        {
          row->report_period = g_strdup (occurrence->label);
          row->period_kind = kind;
          row->period_year = occurrence->year;
          row->period_index = occurrence->index;
        }
    }
}

/* Whether @row says something the database does not. */
static gboolean
row_differs (const DdFormRow *row,
             DdTask          *task)
{
  const GDate *completed = dd_task_get_completed_on (task);

  return (row->progress >= 0 && (guint) row->progress != dd_task_get_progress (task)) ||
         (g_date_valid (&row->completed_on) && (completed == NULL || g_date_compare (completed, &row->completed_on) != 0)) ||
         (row->product != NULL && g_strcmp0 (row->product, dd_task_get_actual_product (task)) != 0) ||
         row->report_number != NULL || row->note != NULL;
}

/* Compares @row with its task now; FALSE for a row that may not be read. */
static gboolean
judge_row (DdStore      *store,
           DdFormImport *form,
           DdFormRow    *row,
           GError      **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(DdTask) task = dd_store_get_task (store, row->task_id, NULL, &local);

  if (task == NULL && !g_error_matches (local, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (task == NULL)
    {
      row->state = DD_FORM_ROW_CONFLICT;
      row->conflict = g_strdup (_("the task was deleted since the form was made"));
      return TRUE;
    }
  row->number = g_strdup (dd_task_get_number (task));
  row->title = g_strdup (dd_task_get_title (task));
  row->old_progress = (int) dd_task_get_progress (task);
  if (dd_task_get_lead_id (task) != form->unit_id && dd_task_get_revision (task) == row->revision)
    return refuse (error, DD_IMPORT_ERROR_VALUE,
                   _("Row %u: task %s is not led by “%s”: the form is refused."),
                   row->line, row->number, form->unit);
  if (!row_differs (row, task))
    row->state = DD_FORM_ROW_UNCHANGED;
  else if (dd_task_get_revision (task) != row->revision)
    {
      row->state = DD_FORM_ROW_CONFLICT;
      /* Translators: why a row of a progress form is not recorded: who, then when. */
      row->conflict = g_strdup_printf (_("changed in the database since the form was made (by %s, %s)"),
                                       dd_task_get_updated_by (task) != NULL ? dd_task_get_updated_by (task) : "?",
                                       dd_task_get_updated_at (task) != NULL ? dd_task_get_updated_at (task) : "?");
    }
  else
    row->state = DD_FORM_ROW_CHANGED;
  return TRUE;
}

static gboolean
read_row (DdStore               *store,
          DdCalendar            *calendar,
          DdFormImport          *form,
          const DdImportGridRow *grid,
          const GDate           *today,
          GError               **error)
{
  const char *key = cell (grid, DD_FORM_COL_KEY);
  g_auto(GStrv) parts = NULL;
  g_autofree char *code = NULL;
  DdFormRow *row;

  if (key == NULL || !g_str_has_prefix (key, "t:"))
    {
      for (guint j = DD_FORM_COL_NEW_PROGRESS; j < DD_FORM_N_COLUMNS; j++)
        if (!dd_text_is_blank (cell (grid, j)))
          return refuse (error, DD_IMPORT_ERROR_VALUE,
                         _("Row %u is not a task of the form (it has no id): rows cannot be added."),
                         grid->line);
      return TRUE;
    }
  parts = g_strsplit (key, ":", 5);
  row = g_new0 (DdFormRow, 1);
  g_ptr_array_add (form->rows, row);
  row->line = grid->line;
  if (g_strv_length (parts) == 5)
    {
      row->task_id = g_ascii_strtoll (parts[1], NULL, 10);
      row->revision = g_ascii_strtoll (parts[2], NULL, 10);
      code = _dd_progress_form_code (form->unit_id, row->task_id, row->revision, parts[3]);
    }
  if (code == NULL || g_strcmp0 (code, parts[4]) != 0)
    return refuse (error, DD_IMPORT_ERROR_VALUE,
                   _("Row %u: the task’s hidden id was altered: the form is refused."), grid->line);
  if (!parse_progress (grid, &row->progress, error) || !parse_date (grid, &row->completed_on, error))
    return FALSE;
  row->product = dup_clean (grid, DD_FORM_COL_PRODUCT);
  row->report_number = dup_clean (grid, DD_FORM_COL_REPORT);
  row->note = dup_clean (grid, DD_FORM_COL_NOTE);
  if (row->report_number != NULL)
    find_period (calendar, row, parts[3], today);
  if (!judge_row (store, form, row, error))
    return FALSE;
  form->n_changed += row->state == DD_FORM_ROW_CHANGED;
  form->n_conflicts += row->state == DD_FORM_ROW_CONFLICT;
  return TRUE;
}

/* Shared with the writer */

char *
_dd_progress_form_code (gint64      unit_id,
                        gint64      task_id,
                        gint64      revision,
                        const char *period)
{
  g_autofree char *text = g_strdup_printf ("dondoc-progress-form|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT
                                           "|%" G_GINT64_FORMAT "|%s", unit_id, task_id, revision, period);
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  return g_strndup (sum, 12);
}

/* "Tien-do-", "Sở Nội vụ", ".xlsx" → "Tien-do-so-noi-vu.xlsx" */
char *
_dd_office_dup_file_name (const char *prefix,
                          const char *unit,
                          const char *suffix)
{
  g_autofree char *folded = dd_text_fold_for_search (unit);
  GString *name = g_string_new (prefix);
  gsize start = name->len;
  gboolean dash = FALSE;

  for (const char *p = folded; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash && name->len > start)
            g_string_append_c (name, '-');
          g_string_append_c (name, *p);
          dash = FALSE;
        }
      else
        dash = TRUE;
    }
  g_string_append (name, suffix);
  return g_string_free (name, FALSE);
}

/* Public API */

void
dd_form_import_free (DdFormImport *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_free (self->unit);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self);
}

DdFormImport *
dd_progress_form_read (DdStore     *self,
                       const char  *path,
                       gint64       unit_id,
                       GError     **error)
{
  g_autoptr(DdFormImport) form = g_new0 (DdFormImport, 1);
  g_autoptr(DdCalendar) calendar = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  GDate today;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, &local))
    {
      g_set_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_IO, "%s", local->message);
      return NULL;
    }
  rows = _dd_office_read_xlsx_sheet (data, length, DD_FORM_SHEET_TASKS, &local);
  if (rows == NULL)
    {
      g_set_error (error, DD_IMPORT_ERROR, local->domain == DD_IMPORT_ERROR ? local->code : DD_IMPORT_ERROR_FORMAT,
                   /* Translators: a file's name, then why it is refused. */
                   _("“%s” is not a progress form: %s"), path, local->message);
      return NULL;
    }
  form->path = g_strdup (path);
  form->rows = g_ptr_array_new_with_free_func (form_row_free);
  g_date_clear (&form->made_on, 1);
  if (!read_unit_key (rows, form, error))
    return NULL;
  if (unit_id > 0 && unit_id != form->unit_id)
    {
      refuse (error, DD_IMPORT_ERROR_VALUE,
              _("This form is the progress form of “%s”, not of the unit it was to be imported for."),
              form->unit != NULL ? form->unit : "?");
      return NULL;
    }
  calendar = dd_calendar_new (self);
  dd_date_set_today (&today);
  for (guint i = 0; i < rows->len; i++)
    {
      const DdImportGridRow *grid = g_ptr_array_index (rows, i);

      if (grid->line <= DD_FORM_ROW_HEADER + 1)
        continue;
      if (!read_row (self, calendar, form, grid, &today, error))
        return NULL;
    }
  return g_steal_pointer (&form);
}

/* The progress update's note: whose form, the note, a report number that
 * has no period to go to. (transfer full) */
static char *
dup_note (const DdFormImport *form,
          const DdFormRow    *row)
{
  GString *note = g_string_new (NULL);

  /* Translators: the note of a progress update recorded from a unit's form. */
  g_string_append_printf (note, _("From the progress form of %s"), form->unit);
  if (row->note != NULL)
    g_string_append_printf (note, ": %s", row->note);
  if (row->report_number != NULL && row->report_period == NULL)
    /* Translators: a report number with no period owed to record it for. */
    g_string_append_printf (note, _(" (report %s)"), row->report_number);
  return g_string_free (note, FALSE);
}

/* The task still at the revision the form was judged at. */
static gboolean
check_revision (DdStore          *self,
                const DdFormRow  *row,
                GError          **error)
{
  g_autoptr(DdTask) task = dd_store_get_task (self, row->task_id, NULL, error);

  if (task == NULL)
    return FALSE;
  if (dd_task_get_revision (task) != row->revision)
    {
      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_CONFLICT,
                   _("Task %s was changed while the form was being imported; nothing was written. "
                     "Read the form again."), row->number);
      return FALSE;
    }
  return TRUE;
}

gboolean
dd_progress_form_apply (DdStore             *self,
                        const DdFormImport  *form,
                        guint               *out_applied,
                        GError             **error)
{
  guint applied = 0;
  GDate today;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (form != NULL, FALSE);

  dd_date_set_today (&today);
  if (!_dd_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < form->rows->len; i++)
    {
      const DdFormRow *row = g_ptr_array_index (form->rows, i);
      g_autofree char *note = NULL;

      if (row->state != DD_FORM_ROW_CHANGED)
        continue;
      note = dup_note (form, row);
      if (!check_revision (self, row, error) ||
          !_dd_store_record_progress_locked (self, row->task_id, row->progress,
                                             g_date_valid (&row->completed_on) ? &row->completed_on : NULL,
                                             row->product, note, NULL, error) ||
          (row->report_period != NULL &&
           !_dd_store_record_report_locked (self, row->task_id, row->period_kind, row->period_year,
                                            row->period_index, &today, row->report_number, NULL, error)))
        {
          _dd_store_rollback (self);
          return FALSE;
        }
      applied++;
    }
  if (!_dd_store_commit (self, error))
    return FALSE;
  if (out_applied != NULL)
    *out_applied = applied;
  return TRUE;
}
