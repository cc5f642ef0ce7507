/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-progress-form"
#define DD_DOCUMENT_GETTEXT 1

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "dd-progress-form-private.h"
#include "dd-document-language-private.h"
#include "dondoc/dd-progress-form.h"

/*
 * Writing a unit's progress form with libxlsxwriter: the instructions,
 * then the tasks the unit leads and has not completed, each with the
 * reports it owes, its progress and status, and the columns to fill —
 * the only cells the protected sheet lets the unit change, checked by
 * Excel's data validation (a whole number 0–100, a date). The form is
 * written in Vietnamese whatever the interface's language.
 */

#define OWED_AHEAD_DAYS 30

typedef struct
{
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *title;
  lxw_format *header;
  lxw_format *cell;
  lxw_format *fill;
  lxw_format *fill_date;
  lxw_format *wrap;
} Form;

/* The tasks sheet's columns: their titles and widths (in characters). */
static const struct { const char *title; double width; } columns[DD_FORM_N_COLUMNS] = {
  { "", 4 },
  { N_("No."), 6 },
  { N_("Plan"), 14 },
  { N_("Task"), 48 },
  { N_("Deadline"), 16 },
  { N_("Reports owed"), 26 },
  { N_("Progress now (%)"), 10 },
  { N_("Status"), 14 },
  { N_("New progress (%)"), 11 },
  { N_("Completion date"), 13 },
  { N_("Product"), 26 },
  { N_("Report number"), 16 },
  { N_("Note"), 30 },
};

/* Auxiliary methods */

/* How many lines @text takes in a column @width characters wide: the
 * row's height, which neither libxlsxwriter nor LibreOffice computes. */
static guint
count_lines (const char *text,
             double      width)
{
  g_auto(GStrv) paragraphs = g_strsplit (text != NULL ? text : "", "\n", -1);
  guint lines = 0;

  for (guint i = 0; paragraphs[i] != NULL; i++)
    lines += MAX (1, (guint) ((g_utf8_strlen (paragraphs[i], -1) + width - 1.5) / (width - 1)));
  return MAX (lines, 1);
}

static void
set_row_lines (lxw_worksheet *sheet,
               lxw_row_t      row,
               guint          lines)
{
  worksheet_set_row (sheet, row, 15.0 * lines + 2, NULL);
}

static void
add_formats (Form *form)
{
  form->title = workbook_add_format (form->workbook);
  format_set_bold (form->title);
  format_set_font_size (form->title, 14);
  form->wrap = workbook_add_format (form->workbook);
  format_set_text_wrap (form->wrap);
  format_set_align (form->wrap, LXW_ALIGN_VERTICAL_TOP);
  form->header = workbook_add_format (form->workbook);
  format_set_bold (form->header);
  format_set_text_wrap (form->header);
  format_set_border (form->header, LXW_BORDER_THIN);
  format_set_bg_color (form->header, 0xD9E2F3);
  format_set_align (form->header, LXW_ALIGN_CENTER);
  format_set_align (form->header, LXW_ALIGN_VERTICAL_CENTER);
  form->cell = workbook_add_format (form->workbook);
  format_set_text_wrap (form->cell);
  format_set_border (form->cell, LXW_BORDER_THIN);
  format_set_align (form->cell, LXW_ALIGN_VERTICAL_TOP);
  form->fill = workbook_add_format (form->workbook);
  format_set_text_wrap (form->fill);
  format_set_border (form->fill, LXW_BORDER_THIN);
  format_set_bg_color (form->fill, 0xFFF2CC);
  format_set_unlocked (form->fill);
  format_set_align (form->fill, LXW_ALIGN_VERTICAL_TOP);
  form->fill_date = workbook_add_format (form->workbook);
  format_set_border (form->fill_date, LXW_BORDER_THIN);
  format_set_bg_color (form->fill_date, 0xFFF2CC);
  format_set_unlocked (form->fill_date);
  format_set_num_format (form->fill_date, "dd/mm/yyyy");
  format_set_align (form->fill_date, LXW_ALIGN_VERTICAL_TOP);
}

static void
write_help (Form       *form,
            const char *unit)
{
  lxw_worksheet *help = workbook_add_worksheet (form->workbook, DD_FORM_SHEET_HELP);
  g_autofree char *heading = g_strdup_printf (_("PROGRESS FORM OF %s"), unit);
  const char *lines[] = {
    _("How to fill in this form"),
    _("1. Open the sheet “Tiến độ”: one row per task your unit leads and has not completed."),
    _("2. Fill in only the yellow columns: the new progress (a whole number from 0 to 100), "
      "the completion date (dd/mm/yyyy) when the task is done, the product that proves the "
      "work, the number of the report you sent for the first period owed, and a note."),
    _("3. Leave a cell empty when nothing changed. Do not add, remove or move rows, and do not "
      "change the other columns: the sheet is protected."),
    _("4. Save the file as it is (Excel workbook, .xlsx) and send it back to the office."),
    _("A row the office changed after this form was made is not overwritten: the office will "
      "ask you about it. A form altered outside the yellow cells is refused."),
    NULL
  };

  worksheet_set_column (help, 0, 0, 110, form->wrap);
  worksheet_write_string (help, 0, 0, heading, form->title);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      worksheet_write_string (help, (lxw_row_t) (i + 2), 0, lines[i], i == 0 ? form->header : form->wrap);
      set_row_lines (help, (lxw_row_t) (i + 2), count_lines (lines[i], 110));
    }
  worksheet_set_paper (help, 9);
  worksheet_fit_to_pages (help, 1, 0);
}

static void
add_validation (Form     *form,
                guint     n_rows)
{
  lxw_data_validation percent = { 0 };
  lxw_data_validation date = { 0 };
  lxw_row_t last = (lxw_row_t) (DD_FORM_ROW_FIRST + MAX (n_rows, 1) - 1);

  percent.validate = LXW_VALIDATION_TYPE_INTEGER;
  percent.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
  percent.minimum_number = 0;
  percent.maximum_number = 100;
  percent.error_title = (char *) _("Progress");
  percent.error_message = (char *) _("A whole number from 0 to 100.");
  worksheet_data_validation_range (form->sheet, DD_FORM_ROW_FIRST, DD_FORM_COL_NEW_PROGRESS,
                                   last, DD_FORM_COL_NEW_PROGRESS, &percent);

  date.validate = LXW_VALIDATION_TYPE_DATE;
  date.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
  date.minimum_datetime = (lxw_datetime) { 2000, 1, 1, 0, 0, 0 };
  date.maximum_datetime = (lxw_datetime) { 2099, 12, 31, 0, 0, 0 };
  date.error_title = (char *) _("Completion date");
  date.error_message = (char *) _("A date, as dd/mm/yyyy.");
  worksheet_data_validation_range (form->sheet, DD_FORM_ROW_FIRST, DD_FORM_COL_COMPLETED,
                                   last, DD_FORM_COL_COMPLETED, &date);
}

static void
write_header (Form        *form,
              gint64       unit_id,
              const char  *unit,
              const GDate *as_of)
{
  g_autofree char *date = dd_date_to_dmy (as_of);
  g_autofree char *code = _dd_progress_form_code (unit_id, 0, 0, "-");
  g_autofree char *key = g_strdup_printf ("u:%" G_GINT64_FORMAT ":%s", unit_id, code);
  lxw_row_col_options hidden = { .hidden = 1 };

  worksheet_write_string (form->sheet, 0, DD_FORM_COL_NUMBER, _("PROGRESS REPORT ON THE TASKS"), form->title);
  worksheet_write_string (form->sheet, DD_FORM_ROW_UNIT, DD_FORM_COL_KEY, key, NULL);
  worksheet_write_string (form->sheet, DD_FORM_ROW_UNIT, DD_FORM_COL_NUMBER, _("Unit:"), NULL);
  worksheet_write_string (form->sheet, DD_FORM_ROW_UNIT, DD_FORM_COL_TITLE, unit, NULL);
  worksheet_write_string (form->sheet, DD_FORM_ROW_DATE, DD_FORM_COL_NUMBER, _("As of:"), NULL);
  worksheet_write_string (form->sheet, DD_FORM_ROW_DATE, DD_FORM_COL_TITLE, date, NULL);
  for (guint j = 0; j < DD_FORM_N_COLUMNS; j++)
    {
      worksheet_set_column_opt (form->sheet, (lxw_col_t) j, (lxw_col_t) j, columns[j].width, NULL,
                                j == DD_FORM_COL_KEY ? &hidden : NULL);
      worksheet_write_string (form->sheet, DD_FORM_ROW_HEADER, (lxw_col_t) j,
                              j == DD_FORM_COL_KEY ? "id" : _(columns[j].title), form->header);
    }
  set_row_lines (form->sheet, DD_FORM_ROW_HEADER, 2);
  worksheet_freeze_panes (form->sheet, DD_FORM_ROW_FIRST, DD_FORM_COL_TITLE + 1);
  /* Printed: A4 landscape, one page wide, the header on every page. */
  worksheet_set_paper (form->sheet, 9);
  worksheet_set_landscape (form->sheet);
  worksheet_fit_to_pages (form->sheet, 1, 0);
  worksheet_repeat_rows (form->sheet, DD_FORM_ROW_HEADER, DD_FORM_ROW_HEADER);
}

/* The status and the period, as the application names them, in the
 * form's language (the model's and the calendar's labels follow the
 * interface's). */
static const char *
status_label (DdTaskStatus status)
{
  switch (status)
    {
    case DD_STATUS_DONE_ON_TIME:
      return _("Done on time");
    case DD_STATUS_DONE_LATE:
      return _("Done late");
    case DD_STATUS_DUE_SOON:
      return _("Due soon");
    case DD_STATUS_OVERDUE:
      return _("Overdue");
    case DD_STATUS_FORGOTTEN:
      return _("Forgotten");
    case DD_STATUS_NO_DEADLINE:
      return _("No deadline");
    case DD_STATUS_IN_PROGRESS:
    default:
      return _("In progress");
    }
}

static char *
dup_period_label (const DdOccurrence *occurrence)
{
  if (occurrence->kind == DD_OCCURRENCE_AD_HOC || occurrence->kind == DD_OCCURRENCE_UPDATE)
    return g_strdup (occurrence->label);
  return dd_period_dup_label (occurrence->kind, occurrence->year, occurrence->index,
                              DD_PERIOD_LABEL_DEFAULT);
}

/* The reports @task owes by @as_of (and in the days after), one a line;
 * the first one's key ("quarter.2026.2") in @out_period, "-" when none. */
static char *
dup_owed (DdCalendar   *calendar,
          DdTask       *task,
          const GDate  *as_of,
          char        **out_period,
          GError      **error)
{
  g_autoptr(GPtrArray) periods = NULL;
  GString *text = g_string_new (NULL);
  GDate from = *as_of, to = *as_of;

  *out_period = NULL;
  g_date_subtract_years (&from, 2);
  g_date_add_days (&to, OWED_AHEAD_DAYS);
  periods = dd_calendar_list_task_periods (calendar, dd_task_get_id (task), &from, &to, as_of, error);
  if (periods == NULL)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  for (guint i = 0; i < periods->len; i++)
    {
      const DdOccurrence *occurrence = g_ptr_array_index (periods, i);
      g_autofree char *due = NULL;
      g_autofree char *label = NULL;

      if (g_date_valid (&occurrence->reported_on) || occurrence->kind == DD_OCCURRENCE_UPDATE)
        continue;
      due = dd_date_to_dmy (&occurrence->due);
      label = dup_period_label (occurrence);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: a report owed, in a progress form: "Quý II/2026 (hạn 14/07/2026)". */
      g_string_append_printf (text, _("%s (due %s)"), label, due);
      if (*out_period == NULL)
        *out_period = g_strdup_printf ("%s.%d.%d", dd_occurrence_kind_to_string (occurrence->kind),
                                       occurrence->year, occurrence->index);
    }
  if (*out_period == NULL)
    *out_period = g_strdup ("-");
  return g_string_free (text, FALSE);
}

static gboolean
write_task (Form         *form,
            DdCalendar   *calendar,
            gint64        unit_id,
            DdTask       *task,
            lxw_row_t     row,
            const GDate  *as_of,
            GError      **error)
{
  g_autofree char *period = NULL;
  g_autofree char *owed = dup_owed (calendar, task, as_of, &period, error);
  g_autofree char *code = NULL;
  g_autofree char *key = NULL;
  const GDate *due = dd_task_get_due (task);
  g_autofree char *deadline = NULL;

  if (owed == NULL)
    return FALSE;
  code = _dd_progress_form_code (unit_id, dd_task_get_id (task), dd_task_get_revision (task), period);
  key = g_strdup_printf ("t:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%s:%s",
                         dd_task_get_id (task), dd_task_get_revision (task), period, code);
  if (due != NULL)
    {
      g_autofree char *due_text = dd_date_to_dmy (due);

      deadline = dd_task_get_deadline_text (task) != NULL
                 ? g_strdup_printf ("%s\n(%s)", dd_task_get_deadline_text (task), due_text)
                 : g_steal_pointer (&due_text);
    }
  else
    deadline = g_strdup (dd_task_get_deadline_text (task) != NULL ? dd_task_get_deadline_text (task) : "");

  worksheet_write_string (form->sheet, row, DD_FORM_COL_KEY, key, NULL);
  worksheet_write_string (form->sheet, row, DD_FORM_COL_NUMBER, dd_task_get_number (task), form->cell);
  worksheet_write_string (form->sheet, row, DD_FORM_COL_PLAN, dd_task_get_plan_number (task), form->cell);
  worksheet_write_string (form->sheet, row, DD_FORM_COL_TITLE, dd_task_get_title (task), form->cell);
  worksheet_write_string (form->sheet, row, DD_FORM_COL_DEADLINE, deadline, form->cell);
  worksheet_write_string (form->sheet, row, DD_FORM_COL_PERIODS, owed, form->cell);
  worksheet_write_number (form->sheet, row, DD_FORM_COL_PROGRESS, dd_task_get_progress (task), form->cell);
  worksheet_write_string (form->sheet, row, DD_FORM_COL_STATUS,
                          status_label (dd_task_get_status (task)), form->cell);
  set_row_lines (form->sheet, row,
                 MAX (MAX (count_lines (dd_task_get_title (task), columns[DD_FORM_COL_TITLE].width),
                           count_lines (deadline, columns[DD_FORM_COL_DEADLINE].width)),
                      count_lines (owed, columns[DD_FORM_COL_PERIODS].width)));
  for (guint j = DD_FORM_COL_NEW_PROGRESS; j < DD_FORM_N_COLUMNS; j++)
    worksheet_write_blank (form->sheet, row, (lxw_col_t) j,
                           j == DD_FORM_COL_COMPLETED ? form->fill_date : form->fill);
  return TRUE;
}

/* The tasks @unit_id leads and has not completed, in the appendix's order. */
static GPtrArray *
list_tasks (DdStore      *store,
            gint64        unit_id,
            const GDate  *as_of,
            GError      **error)
{
  g_autoptr(DdTaskList) list = NULL;
  GPtrArray *tasks;
  DdTaskQuery query;

  dd_task_query_init (&query);
  query.as_of = *as_of;
  query.unit_id = unit_id;
  query.lead_only = TRUE;
  list = dd_store_query_tasks (store, &query, error);
  if (list == NULL)
    return NULL;
  tasks = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      DdTask *task = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (dd_task_get_completed_on (task) == NULL)
        g_ptr_array_add (tasks, task);
      else
        g_object_unref (task);
    }
  return tasks;
}

static char *
dup_unit_name (DdStore  *store,
               gint64    unit_id,
               GError  **error)
{
  g_autoptr(GListModel) units = dd_store_list_units (store, 0, error);

  if (units == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);

      if (dd_unit_get_id (unit) == unit_id)
        return g_strdup (dd_unit_get_name (unit));
    }
  g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
               g_dgettext (GETTEXT_PACKAGE, N_("There is no unit with id %lld.")), (long long) unit_id);
  return NULL;
}

static gboolean
write_form (DdStore      *store,
            gint64        unit_id,
            const GDate  *as_of,
            const char   *tmp,
            GError      **error)
{
  g_autofree char *unit = dup_unit_name (store, unit_id, error);
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(DdCalendar) calendar = NULL;
  lxw_protection protection = { 0 };
  lxw_error lxw;
  Form form = { 0 };

  if (unit == NULL || (tasks = list_tasks (store, unit_id, as_of, error)) == NULL)
    return FALSE;
  calendar = dd_calendar_new (store);
  form.workbook = workbook_new (tmp);
  if (form.workbook == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   g_dgettext (GETTEXT_PACKAGE, N_("Could not write “%s”.")), tmp);
      return FALSE;
    }
  add_formats (&form);
  write_help (&form, unit);
  form.sheet = workbook_add_worksheet (form.workbook, DD_FORM_SHEET_TASKS);
  write_header (&form, unit_id, unit, as_of);
  for (guint i = 0; i < tasks->len; i++)
    if (!write_task (&form, calendar, unit_id, g_ptr_array_index (tasks, i),
                     (lxw_row_t) (DD_FORM_ROW_FIRST + i), as_of, error))
      {
        workbook_close (form.workbook);
        return FALSE;
      }
  add_validation (&form, tasks->len);
  protection.no_select_locked_cells = 0;
  worksheet_protect (form.sheet, NULL, &protection);
  worksheet_activate (form.sheet);
  lxw = workbook_close (form.workbook);
  if (lxw != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   g_dgettext (GETTEXT_PACKAGE, N_("Could not write “%s”: %s.")), tmp, lxw_strerror (lxw));
      return FALSE;
    }
  return TRUE;
}

/* Public API */

gboolean
dd_progress_form_export (DdStore      *self,
                         gint64        unit_id,
                         const GDate  *as_of,
                         const char   *path,
                         GError      **error)
{
  g_autofree char *tmp = NULL;
  GDate today;
  locale_t c_locale, previous_locale;
  int previous;
  gboolean ok;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (as_of == NULL)
    {
      dd_date_set_today (&today);
      as_of = &today;
    }
  tmp = g_strconcat (path, ".part", NULL);
  /* Numbers as Excel reads them, whatever the locale's decimal mark. */
  c_locale = newlocale (LC_NUMERIC_MASK, "C", (locale_t) 0);
  previous_locale = uselocale (c_locale);
  previous = _dd_document_language_push (DD_LANGUAGE_VIETNAMESE);
  ok = write_form (self, unit_id, as_of, tmp, error);
  _dd_document_language_pop (previous);
  uselocale (previous_locale);
  freelocale (c_locale);
  if (ok && g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   g_dgettext (GETTEXT_PACKAGE, N_("Could not write “%s”: %s.")), path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  return ok;
}

GPtrArray *
dd_progress_form_export_all (DdStore      *self,
                             const GDate  *as_of,
                             const char   *dir,
                             GError      **error)
{
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (DD_IS_STORE (self), NULL);
  g_return_val_if_fail (dir != NULL, NULL);

  units = dd_store_list_units (self, 0, error);
  if (units == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);
      g_autofree char *name = NULL;
      char *path;

      if (dd_unit_get_n_led (unit) == 0 || dd_unit_get_is_group (unit))
        continue;
      name = _dd_office_dup_file_name ("Tien-do-", dd_unit_get_name (unit), ".xlsx");
      /* Two units whose names fold alike: the second gets its id. */
      if (g_hash_table_contains (names, name))
        {
          g_autofree char *stem = g_strndup (name, strlen (name) - strlen (".xlsx"));

          g_free (name);
          name = g_strdup_printf ("%s-%" G_GINT64_FORMAT ".xlsx", stem, dd_unit_get_id (unit));
        }
      path = g_build_filename (dir, name, NULL);
      g_ptr_array_add (paths, path);
      g_hash_table_add (names, g_strdup (name));
      if (!dd_progress_form_export (self, dd_unit_get_id (unit), as_of, path, error))
        return NULL;
    }
  return g_steal_pointer (&paths);
}
