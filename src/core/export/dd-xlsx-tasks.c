/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-export"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-xlsx-private.h"

/*
 * The two sheets that grow with the plan, written row after row: every task
 * ("Nhiệm vụ"), then the tasks overdue or due soon ("Quá hạn - sắp đến
 * hạn"), most of them copied from the first sheet's rows as they pass.
 */

/* The tasks sheet */

typedef enum
{
  FIT_TEXT,                    /* wraps; wider for more text */
  FIT_FIXED,                   /* as wide as its longest value, no wider */
} FitKind;

/* What a column holds besides its text, for its least width. */
typedef enum
{
  HOLDS_TEXT,
  HOLDS_STATUS,                /* a status label */
  HOLDS_DUE,                   /* the due date */
  HOLDS_COMPLETED,             /* the completion date */
  HOLDS_PROGRESS,              /* "100%" */
  HOLDS_NOTE,                  /* the notes the export adds */
  HOLDS_DAYS,                  /* a count of working days (its widest given) */
} Holds;

typedef struct
{
  const char *name;            /* English msgid, context "export column" */
  int extent;                  /* DdExtentColumn of its text, or -1 */
  FitKind fit;
  gboolean wraps;              /* text that may take several lines */
  Holds holds;
  gboolean repeats;            /* texts that repeat from task to task: shared strings */
} ColumnSpec;

static const ColumnSpec task_columns[N_TASK_COLUMNS] = {
  [COL_PLAN] = { NC_("export column", "Plan"), DD_EXTENT_PLAN, FIT_FIXED, TRUE, HOLDS_TEXT, TRUE },
  [COL_NUMBER] = { NC_("export column", "No."), DD_EXTENT_NUMBER, FIT_FIXED, TRUE, HOLDS_TEXT, TRUE },
  [COL_TITLE] = { NC_("export column", "Task"), DD_EXTENT_TITLE, FIT_TEXT, TRUE, HOLDS_TEXT, FALSE },
  [COL_LEAD] = { NC_("export column", "Lead unit"), DD_EXTENT_LEAD, FIT_TEXT, TRUE, HOLDS_TEXT, TRUE },
  [COL_COORDINATORS] = { NC_("export column", "Coordinating units"), DD_EXTENT_COORDINATORS, FIT_TEXT, TRUE,
                         HOLDS_TEXT, TRUE },
  [COL_TIME_FRAME] = { NC_("export column", "Time frame"), DD_EXTENT_TIME_FRAME, FIT_TEXT, TRUE, HOLDS_TEXT, TRUE },
  [COL_PRODUCT] = { NC_("export column", "Product"), DD_EXTENT_PRODUCT, FIT_TEXT, TRUE, HOLDS_TEXT, TRUE },
  [COL_DIRECTING] = { NC_("export column", "Directing leader"), DD_EXTENT_DIRECTING, FIT_TEXT, TRUE, HOLDS_TEXT, TRUE },
  [COL_STATUS] = { NC_("export column", "Status"), -1, FIT_TEXT, TRUE, HOLDS_STATUS, TRUE },
  [COL_DUE] = { NC_("export column", "Due"), -1, FIT_FIXED, FALSE, HOLDS_DUE, FALSE },
  [COL_COMPLETED] = { NC_("export column", "Completed on"), -1, FIT_FIXED, FALSE, HOLDS_COMPLETED, FALSE },
  [COL_ACTUAL] = { NC_("export column", "Actual result / product"), DD_EXTENT_ACTUAL, FIT_TEXT, TRUE, HOLDS_TEXT,
                   FALSE },
  [COL_NOTE] = { NC_("export column", "Note"), DD_EXTENT_NOTE, FIT_TEXT, TRUE, HOLDS_NOTE, FALSE },
  [COL_PROGRESS] = { NC_("export column", "Progress"), -1, FIT_FIXED, FALSE, HOLDS_PROGRESS, FALSE },
};

/* The columns of the sheet for action, in their order. */
typedef enum
{
  ACT_PLAN,
  ACT_NUMBER,
  ACT_TITLE,
  ACT_LEAD,
  ACT_COORDINATORS,
  ACT_DUE,
  ACT_STATUS,
  ACT_LATE,
  ACT_LEFT,
  ACT_DIRECTING,
  ACT_NOTE,
  N_ACTION_COLUMNS
} ActionColumn;

static const ColumnSpec action_columns[N_ACTION_COLUMNS] = {
  [ACT_PLAN] = { NC_("export column", "Plan"), DD_EXTENT_PLAN, FIT_FIXED, TRUE, HOLDS_TEXT, TRUE },
  [ACT_NUMBER] = { NC_("export column", "No."), DD_EXTENT_NUMBER, FIT_FIXED, TRUE, HOLDS_TEXT, TRUE },
  [ACT_TITLE] = { NC_("export column", "Task"), DD_EXTENT_TITLE, FIT_TEXT, TRUE, HOLDS_TEXT, FALSE },
  [ACT_LEAD] = { NC_("export column", "Lead unit"), DD_EXTENT_LEAD, FIT_TEXT, TRUE, HOLDS_TEXT, TRUE },
  [ACT_COORDINATORS] = { NC_("export column", "Coordinating units"), DD_EXTENT_COORDINATORS, FIT_TEXT, TRUE,
                         HOLDS_TEXT, TRUE },
  [ACT_DUE] = { NC_("export column", "Due"), -1, FIT_FIXED, FALSE, HOLDS_DUE, FALSE },
  [ACT_STATUS] = { NC_("export column", "Status"), -1, FIT_TEXT, TRUE, HOLDS_STATUS, TRUE },
  [ACT_LATE] = { NC_("export column", "Working days late"), -1, FIT_FIXED, TRUE, HOLDS_DAYS, FALSE },
  [ACT_LEFT] = { NC_("export column", "Working days left"), -1, FIT_FIXED, TRUE, HOLDS_DAYS, FALSE },
  [ACT_DIRECTING] = { NC_("export column", "Directing leader"), DD_EXTENT_DIRECTING, FIT_TEXT, TRUE, HOLDS_TEXT, TRUE },
  [ACT_NOTE] = { NC_("export column", "Note"), DD_EXTENT_NOTE, FIT_TEXT, TRUE, HOLDS_TEXT, FALSE },
};

/* The columns of a sheet: their specs, the sheet's column of each (-1:
 * left out), and for those that hold a count of days, the widest count
 * (NULL: none in the sheet). */
typedef struct
{
  const ColumnSpec *spec;
  const int *col;
  const char *const *widest_days;
  int n;
} Columns;

/* What the columns of a landscape sheet may add up to (in pixels of 7 a
 * width unit plus 5 a column) for 13 pt text to print at 10 pt or more
 * once fitted to the page's width: A4 landscape less the margins is 706
 * points. Measured in LibreOffice's PDF (the sizes of its text operators,
 * its column widths in Carlito, Calibri's twin): 1,150 printed 13 pt at
 * 9.8; 1,060 at about 10.6. */
#define PAGE_PIXELS 1060.0
/* No single word makes a column wider than this share of the page (a long
 * web address breaks rather than squeeze every other column). */
#define MAX_WORD_SHARE 0.3

static const char *column_title (const ColumnSpec *spec);

/* The narrowest a column may be, in pixels: its widest word (the head's
 * in bold, the longest words of its text, a whole date, "100%"), and
 * in @weight how much text a cell of it holds (pixels of one line). */
static double
column_least_pixels (DdXlsx               *x,
                     const DdExportExtent *e,
                     const Columns        *columns,
                     int                   c,
                     double               *weight)
{
  const ColumnSpec *spec = &columns->spec[c];
  double points = _dd_xlsx_word_points (x, column_title (spec), TRUE);
  /* An average letter of the body, in pixels (as line_chars() counts). */
  double letter = _dd_xlsx_letter_points (x) / 0.75;
  int ext = spec->extent;

  *weight = 0;
  if (ext >= 0)
    {
      points = MAX (points, _dd_xlsx_word_points (x, e->longest[ext], FALSE));
      *weight = e->mean[ext] * letter;
    }
  switch (spec->holds)
    {
    case HOLDS_STATUS:
      for (int s = 0; s < DD_N_STATUSES; s++)
        {
          const char *label = _dd_chart_status_label ((DdTaskStatus) s);

          points = MAX (points, _dd_xlsx_word_points (x, label, FALSE));
          *weight = MAX (*weight, g_utf8_strlen (label, -1) * letter / 2);
        }
      break;
    case HOLDS_DUE:
    case HOLDS_COMPLETED:
      /* A date never wraps: where the sample may have missed one, room for it. */
      if (spec->holds == HOLDS_DUE ? e->n_tasks > 0 : e->n_completed > 0 || e->sampled)
        points = MAX (points, _dd_xlsx_text_points (x, "00/00/0000", FALSE));
      break;
    case HOLDS_PROGRESS:
      points = MAX (points, _dd_xlsx_text_points (x, "100%", FALSE));
      break;
    case HOLDS_NOTE:
      /* The notes the export adds: the first due date, the time frame not understood. */
      if (e->any_extended || e->sampled)
        points = MAX (points, _dd_xlsx_text_points (x, "00/00/0000", FALSE));
      if (e->any_not_understood || e->sampled)
        points = MAX (points, _dd_xlsx_word_points (x, _("Time frame not understood"), FALSE));
      break;
    case HOLDS_DAYS:
      /* A narrow column of figures: its head in three lines at most. */
      points = MAX (points, _dd_xlsx_text_points (x, column_title (spec), TRUE) / 3);
      if (columns->widest_days != NULL && columns->widest_days[c] != NULL)
        points = MAX (points, _dd_xlsx_text_points (x, columns->widest_days[c], FALSE));
      break;
    case HOLDS_TEXT:
    default:
      break;
    }
  return MIN (_dd_xlsx_width_for_points (points) * 7 + 5, PAGE_PIXELS * MAX_WORD_SHARE);
}

/* The width of each column present (@columns->col[c] >= 0), by its
 * content: each at least as wide as its widest word, so that no word
 * breaks in the middle; what is left of the page shared among the
 * columns of text so that their cells take about as many lines (a column
 * as wide as its mean text over the same number of lines, and a word more
 * for what the ends of its lines leave), an empty column left at its
 * head's widest word. */
static void
fit_widths (DdXlsx               *x,
            const DdExportExtent *e,
            const Columns        *columns,
            double               *widths)
{
  double least[N_TASK_COLUMNS], weight[N_TASK_COLUMNS], px[N_TASK_COLUMNS];
  double total = 0, total_weight = 0, lo = 0, hi = 0;
  /* Widths are for 13 pt and a page of it; a larger body needs more room. */
  double page = PAGE_PIXELS * MAX (1.0, x->size / DD_EXPORT_DEFAULT_FONT_SIZE);
  /* What the end of a line leaves unused, about a word of five letters:
   * a narrow column loses more of its width to it than a wide one. */
  double word = 5 * _dd_xlsx_letter_points (x) / 0.75;
  int n = columns->n;

  g_assert (n <= N_TASK_COLUMNS);
  for (int c = 0; c < n; c++)
    {
      if (columns->col[c] < 0)
        continue;
      least[c] = column_least_pixels (x, e, columns, c, &weight[c]);
      if (columns->spec[c].fit != FIT_TEXT)
        weight[c] = 0;
      total += least[c];
      total_weight += weight[c];
      hi = MAX (hi, weight[c] > 0 ? page / weight[c] : 0);
    }
  if (total_weight == 0)
    {
      /* Nothing to read: the text columns share the page as their heads. */
      for (int c = 0; c < n; c++)
        if (columns->col[c] >= 0 && columns->spec[c].fit == FIT_TEXT)
          weight[c] = least[c];
      hi = page;
    }
  /* The widest k with Σ max (least, k × weight) within the page. */
  for (int i = 0; i < 60 && total < page; i++)
    {
      double k = (lo + hi) / 2, sum = 0;

      for (int c = 0; c < n; c++)
        if (columns->col[c] >= 0)
          sum += MAX (least[c], k * weight[c] + (weight[c] > 0 ? word : 0));
      if (sum <= page)
        lo = k;
      else
        hi = k;
    }
  for (int c = 0; c < n; c++)
    {
      if (columns->col[c] < 0)
        continue;
      /* More words than the page holds: every column narrowed alike. */
      px[c] = total >= page ? least[c] * page / total : MAX (least[c], lo * weight[c] + (weight[c] > 0 ? word : 0));
      widths[c] = floor ((px[c] - 5) / 7 * 4) / 4;
      g_debug ("column %d: least %.0f px, weight %.0f, %.0f px", c, least[c], weight[c], px[c]);
    }
}

static const char *
column_title (const ColumnSpec *spec)
{
  const char *name = spec->name;
  char key[96];
  gsize offset = sizeof "export column";
  const char *translated;

  g_snprintf (key, sizeof key, "export column\004%s", name);
  translated = _dd_document_pgettext (key, offset);
  /* Untranslated: the message itself, not the key on this stack. */
  return translated == key + offset ? name : translated;
}

/* The note of a task, with what the export knows besides it: the task's
 * own note when there is nothing to add (most rows: no allocation), else
 * a new string put in @out_owned. */
static const char *
task_note (const DdExportTask  *task,
           char               **out_owned)
{
  g_autoptr(GString) note = NULL;

  *out_owned = NULL;
  if (!dd_date_is_set (&task->original_due) && task->deadline_understood)
    return task->note;
  note = g_string_new (NULL);

  if (task->note != NULL && *task->note != '\0')
    g_string_append (note, task->note);
  if (dd_date_is_set (&task->original_due))
    {
      g_autofree char *old = dd_format_date (&task->original_due);

      if (note->len > 0)
        g_string_append_c (note, '\n');
      /* Translators: in the note of an extended task. */
      g_string_append_printf (note, _("Extended; first due %s"), old);
    }
  if (!task->deadline_understood)
    {
      if (note->len > 0)
        g_string_append_c (note, '\n');
      g_string_append (note, _("Time frame not understood"));
    }
  *out_owned = g_string_free (g_steal_pointer (&note), FALSE);
  return *out_owned;
}

typedef struct
{
  DdXlsx *x;
  lxw_worksheet *ws;
  lxw_row_t row;
} TaskSheet;

/* At most this much is kept of the tasks for action; past it, the rest are
 * read again by id for their sheet (as many overdue tasks as that is rare). */
#define ACTION_CACHE_MAX_BYTES (24u << 20)
gsize _dd_export_action_cache_max = ACTION_CACHE_MAX_BYTES;

/* The strings of a DdExportTask the sheet for action shows (the copy's
 * others are NULL: its time frame, product and result are not there). */
static const gsize text_fields[] = {
  G_STRUCT_OFFSET (DdExportTask, plan_number), G_STRUCT_OFFSET (DdExportTask, number),
  G_STRUCT_OFFSET (DdExportTask, title), G_STRUCT_OFFSET (DdExportTask, lead),
  G_STRUCT_OFFSET (DdExportTask, coordinators), G_STRUCT_OFFSET (DdExportTask, directing),
  G_STRUCT_OFFSET (DdExportTask, note),
};

#define TEXT_FIELD(task, offset) (*(const char **) ((char *) (task) + (offset)))

static gsize
task_size (const DdExportTask *task)
{
  gsize size = sizeof (DdExportTask);

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    if (TEXT_FIELD (task, text_fields[i]) != NULL)
      size += strlen (TEXT_FIELD (task, text_fields[i])) + 1;
  return size;
}

/* A copy of a task with the strings of text_fields in the same block (g_free). */
static DdExportTask *
copy_task (const DdExportTask *task,
           gsize              *out_size)
{
  gsize size = task_size (task);
  DdExportTask *copy;
  char *p;

  copy = g_malloc (size);
  *copy = *task;
  copy->deadline_text = NULL;
  copy->product = NULL;
  copy->actual_product = NULL;
  p = (char *) (copy + 1);
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    if (TEXT_FIELD (task, text_fields[i]) != NULL)
      {
        TEXT_FIELD (copy, text_fields[i]) = p;
        p = g_stpcpy (p, TEXT_FIELD (task, text_fields[i])) + 1;
      }
  *out_size = size;
  return copy;
}

static gboolean
write_task_row (const DdExportTask  *task,
                gpointer             user_data,
                GError             **error)
{
  TaskSheet *t = user_data;
  DdXlsx *x = t->x;
  lxw_worksheet *ws = t->ws;
  lxw_row_t r = t->row++;
  g_autofree char *owned_note = NULL;
  const char *note = task_note (task, &owned_note);
  DdTaskStatus status = (guint) task->status < DD_N_STATUSES ? task->status : DD_STATUS_NO_DEADLINE;

  /* The figures come from the same rows as the sheet. */
  _dd_export_data_add_task (x->data, task);

  if (x->col[COL_PLAN] >= 0)
    _dd_xlsx_write_text (x, ws, r, (lxw_col_t) x->col[COL_PLAN], task->plan_number, x->f_text);
  _dd_xlsx_write_tt (x, ws, r, (lxw_col_t) x->col[COL_NUMBER], task->number);
  _dd_xlsx_write_text (x, ws, r, (lxw_col_t) x->col[COL_TITLE], task->title, x->f_text);
  _dd_xlsx_write_text (x, ws, r, (lxw_col_t) x->col[COL_LEAD], task->lead, x->f_text);
  _dd_xlsx_write_text (x, ws, r, (lxw_col_t) x->col[COL_COORDINATORS], task->coordinators, x->f_text);
  _dd_xlsx_write_text (x, ws, r, (lxw_col_t) x->col[COL_TIME_FRAME], task->deadline_text, x->f_text);
  _dd_xlsx_write_text (x, ws, r, (lxw_col_t) x->col[COL_PRODUCT], task->product, x->f_text);
  _dd_xlsx_write_text (x, ws, r, (lxw_col_t) x->col[COL_DIRECTING], task->directing, x->f_text);
  _dd_xlsx_put_string (x, ws, r, (lxw_col_t) x->col[COL_STATUS], _dd_chart_status_label (status), x->f_status[status]);
  _dd_xlsx_write_date (x, ws, r, (lxw_col_t) x->col[COL_DUE], &task->due, x->f_date);
  _dd_xlsx_write_date (x, ws, r, (lxw_col_t) x->col[COL_COMPLETED], &task->completed_on, x->f_date);
  _dd_xlsx_write_text (x, ws, r, (lxw_col_t) x->col[COL_ACTUAL], task->actual_product, x->f_text);
  _dd_xlsx_write_text (x, ws, r, (lxw_col_t) x->col[COL_NOTE], note, x->f_text);
  _dd_xlsx_write_number (x, ws, r, (lxw_col_t) x->col[COL_PROGRESS], MIN (task->progress, 100) / 100.0,
                         x->f_progress);

  if (x->lxw != LXW_NO_ERROR)
    {
      g_set_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_FAILED,
                   dgettext (GETTEXT_PACKAGE, "Cannot write the workbook: %s"), lxw_strerror (x->lxw));
      return FALSE;
    }
  return TRUE;
}

/* One row read, one row written: the rows are formatted straight from the
 * statement's row, while the thread of the stream deflates what was
 * formatted before. (A thread that read ahead used to overlap SQLite with
 * libxlsxwriter's slow formatting; with the formatting done here, copying
 * every row across threads cost more than it saved.) */
static gboolean
write_and_keep_task_row (const DdExportTask  *task,
                         gpointer             user_data,
                         GError             **error)
{
  TaskSheet *t = user_data;
  DdXlsx *x = t->x;

  if (!write_task_row (task, t, error))
    return FALSE;
  /* A task for action keeps a copy for the sheet of its own. */
  if ((((task->status == DD_STATUS_OVERDUE || task->status == DD_STATUS_DUE_SOON) && dd_date_is_set (&task->due))
       || task->status == DD_STATUS_FORGOTTEN)
      && x->action_bytes < _dd_export_action_cache_max
      && !g_hash_table_contains (x->action_rows, &task->id))
    {
      gsize size;
      DdExportTask *copy = copy_task (task, &size);

      x->action_bytes += size;
      g_hash_table_insert (x->action_rows, &copy->id, copy);
    }
  return TRUE;
}

static gboolean
read_and_write_tasks (DdXlsx     *x,
                      TaskSheet  *t,
                      GError    **error)
{
  return _dd_store_export_foreach_query (x->store, &x->data->options.tasks, TRUE,
                                         write_and_keep_task_row, t, error);
}

gboolean
_dd_xlsx_write_tasks_sheet (DdXlsx         *x,
                            lxw_worksheet  *ws,
                            GError        **error)
{
  TaskSheet t = { x, ws, 2 };
  guint n = 0;
  double widths[N_TASK_COLUMNS];
  guint head_lines = 1;
  DdExportExtent extent;
  gint64 start;

  for (int c = 0; c < N_TASK_COLUMNS; c++)
    x->col[c] = (c == COL_PLAN && !x->data->all_plans) ? -1 : (int) n++;
  x->n_columns = n;
  /* The columns by what they will hold, read before the rows. */
  start = g_get_monotonic_time ();
  if (!_dd_store_export_extent (x->store, &x->data->options.tasks, &extent, error))
    return FALSE;
  fit_widths (x, &extent, &(Columns) { task_columns, x->col, NULL, N_TASK_COLUMNS }, widths);
  _dd_export_extent_clear (&extent);
  g_debug ("the task sheet's columns sized in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);

  for (int c = 0; c < N_TASK_COLUMNS; c++)
    if (x->col[c] >= 0)
      CHECK (x, worksheet_set_column (ws, (lxw_col_t) x->col[c], (lxw_col_t) x->col[c], widths[c], NULL));

  {
    double width = 0;

    for (int c = 0; c < N_TASK_COLUMNS; c++)
      if (x->col[c] >= 0)
        width += widths[c];
    /* Its scope is counted before its rows are read. */
    if (!_dd_export_data_fill_scope (x->data, x->store, TRUE, error))
      return FALSE;
    _dd_xlsx_write_sheet_title (x, ws, x->sheet_tasks, (lxw_col_t) (n - 1), width);
  }
  for (int c = 0; c < N_TASK_COLUMNS; c++)
    if (x->col[c] >= 0)
      {
        const char *title = column_title (&task_columns[c]);

        CHECK (x, worksheet_write_string (ws, 1, (lxw_col_t) x->col[c], title, x->f_head));
        /* Bold: wider than the estimate's letters. */
        head_lines = MAX (head_lines, _dd_xlsx_text_lines (x, title, widths[c] * 0.85));
      }
  CHECK (x, worksheet_set_row (ws, 1, head_lines * x->size * 1.25 + 3, NULL));

  if (!_dd_xlsx_stream_begin (x, ws, error))
    return FALSE;
  for (int c = 0; c < N_TASK_COLUMNS; c++)
    if (x->col[c] >= 0)
      {
        if (task_columns[c].wraps)
          _dd_xlsx_stream_wrap_column (x, (lxw_col_t) x->col[c], widths[c]);
        if (task_columns[c].repeats)
          _dd_xlsx_stream_share_column (x, (lxw_col_t) x->col[c]);
      }
  if (!read_and_write_tasks (x, &t, error))
    return FALSE;
  _dd_xlsx_stream_end (x);

  worksheet_freeze_panes (ws, 2, 0);
  CHECK (x, worksheet_autofilter (ws, 1, 0, MAX (t.row - 1, 1), (lxw_col_t) (n - 1)));
  _dd_xlsx_setup_print (x, ws, TRUE, 1, 1);
  return TRUE;
}

/* The overdue and due-soon sheet */

typedef struct
{
  DdXlsx *x;
  lxw_worksheet *ws;
  lxw_row_t row;
  int section;                 /* the status of the last row, -1 before any */
  guint n[3];                  /* overdue, forgotten, due soon */
  guint next;                  /* the action of the next row */
  int col[N_ACTION_COLUMNS];   /* column of each, or -1 */
  guint n_cols;
} ActionSheet;

static void
write_section (ActionSheet  *a,
               DdTaskStatus  status)
{
  g_autofree char *line = NULL;

  if (status == DD_STATUS_OVERDUE)
    line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "I. Overdue: %u task", "I. Overdue: %u tasks", a->n[0]),
                            a->n[0]);
  else if (status == DD_STATUS_FORGOTTEN)
    /* Translators: a section of the list for action: the tasks whose report or update was forgotten. */
    line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "II. Forgotten: %u task", "II. Forgotten: %u tasks",
                                         a->n[1]), a->n[1]);
  else
    line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "III. Due soon: %u task", "III. Due soon: %u tasks",
                                         a->n[2]), a->n[2]);
  _dd_xlsx_put_string (a->x, a->ws, a->row, 0, line, a->x->f_section);
  a->row++;
  a->section = status;
}

/* The action of @id: the rows come in the actions' order, a task deleted
 * meanwhile skipped. */
static const DdExportAction *
action_of (ActionSheet *a,
           gint64       id)
{
  GArray *actions = a->x->data->actions;

  for (guint i = a->next; i < actions->len; i++)
    if (g_array_index (actions, DdExportAction, i).id == id)
      {
        a->next = i + 1;
        return &g_array_index (actions, DdExportAction, i);
      }
  return NULL;
}

static gboolean
write_action_row (const DdExportTask  *task,
                  gpointer             user_data,
                  GError             **error)
{
  ActionSheet *a = user_data;
  DdXlsx *x = a->x;
  lxw_worksheet *ws = a->ws;
  g_autofree char *owned_note = NULL;
  g_autofree char *row_note = NULL;
  const char *note = task_note (task, &owned_note);
  const DdExportAction *action = action_of (a, task->id);
  lxw_row_t r;

  if (action == NULL || task->status != action->status)
    return TRUE;   /* changed meanwhile */
  if (a->section != (int) action->status)
    write_section (a, action->status);
  r = a->row++;
  row_note = _dd_export_dup_action_note (action, note);

  if (a->col[ACT_PLAN] >= 0)
    _dd_xlsx_write_text (x, ws, r, (lxw_col_t) a->col[ACT_PLAN], task->plan_number, x->f_text);
  _dd_xlsx_write_tt (x, ws, r, (lxw_col_t) a->col[ACT_NUMBER], task->number);
  _dd_xlsx_write_text (x, ws, r, (lxw_col_t) a->col[ACT_TITLE], task->title, x->f_text);
  _dd_xlsx_write_text (x, ws, r, (lxw_col_t) a->col[ACT_LEAD], task->lead, x->f_text);
  _dd_xlsx_write_text (x, ws, r, (lxw_col_t) a->col[ACT_COORDINATORS], task->coordinators, x->f_text);
  _dd_xlsx_write_date (x, ws, r, (lxw_col_t) a->col[ACT_DUE], &action->due, x->f_date);
  _dd_xlsx_put_string (x, ws, r, (lxw_col_t) a->col[ACT_STATUS], _dd_chart_status_label (action->status),
                       x->f_status[action->status]);
  if (action->status == DD_STATUS_DUE_SOON)
    {
      _dd_xlsx_put_blank (x, ws, r, (lxw_col_t) a->col[ACT_LATE], x->f_int);
      _dd_xlsx_write_number (x, ws, r, (lxw_col_t) a->col[ACT_LEFT], action->days, x->f_int);
    }
  else if (dd_date_is_set (&action->due))
    {
      _dd_xlsx_write_number (x, ws, r, (lxw_col_t) a->col[ACT_LATE], action->days, x->f_int);
      _dd_xlsx_put_blank (x, ws, r, (lxw_col_t) a->col[ACT_LEFT], x->f_int);
    }
  else
    {
      _dd_xlsx_put_blank (x, ws, r, (lxw_col_t) a->col[ACT_LATE], x->f_int);
      _dd_xlsx_put_blank (x, ws, r, (lxw_col_t) a->col[ACT_LEFT], x->f_int);
    }
  _dd_xlsx_write_text (x, ws, r, (lxw_col_t) a->col[ACT_DIRECTING], task->directing, x->f_text);
  _dd_xlsx_write_text (x, ws, r, (lxw_col_t) a->col[ACT_NOTE], row_note, x->f_text);

  if (x->lxw != LXW_NO_ERROR)
    {
      g_set_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_FAILED,
                   dgettext (GETTEXT_PACKAGE, "Cannot write the workbook: %s"), lxw_strerror (x->lxw));
      return FALSE;
    }
  return TRUE;
}

/* The extent of the sheet for action, read as its rows will be written. */
typedef struct
{
  DdExtentReader *reader;
  GHashTable *actions;         /* id → its DdExportAction, of the tasks read again */
} ActionExtent;

static void
add_action_extent (DdExtentReader       *reader,
                   const DdExportAction *action,
                   const DdExportTask   *task)
{
  g_autofree char *owned_note = NULL;
  g_autofree char *row_note = NULL;
  DdExportTask copy = *task;

  /* The note as this sheet writes it. */
  row_note = _dd_export_dup_action_note (action, task_note (task, &owned_note));
  copy.note = row_note;
  _dd_extent_reader_add (reader, &copy);
}

static gboolean
read_action_extent (const DdExportTask  *task,
                    gpointer             user_data,
                    GError             **error)
{
  ActionExtent *e = user_data;
  const DdExportAction *action = g_hash_table_lookup (e->actions, &task->id);

  if (action != NULL)
    add_action_extent (e->reader, action, task);
  return TRUE;
}

/* The widths of the sheet for action, by what its rows will hold: the
 * extent of its first tasks (those kept from the task sheet, the others
 * read again), the notes as this sheet writes them, the widest counts of
 * days. */
static gboolean
fit_action_widths (ActionSheet  *a,
                   double        widths[N_ACTION_COLUMNS],
                   GError      **error)
{
  DdXlsx *x = a->x;
  DdExportExtent extent;
  ActionExtent e = { _dd_extent_reader_new (&extent), g_hash_table_new (g_int64_hash, g_int64_equal) };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean ok = TRUE;
  int late = -1, left = -1;
  char late_text[16], left_text[16];
  const char *widest[N_ACTION_COLUMNS] = { NULL, };

  for (guint i = 0; i < x->data->actions->len; i++)
    {
      const DdExportAction *action = &g_array_index (x->data->actions, DdExportAction, i);
      const DdExportTask *kept = g_hash_table_lookup (x->action_rows, &action->id);

      if (action->status == DD_STATUS_DUE_SOON)
        left = MAX (left, action->days);
      else if (dd_date_is_set (&action->due))
        late = MAX (late, action->days);
      if (i >= _DD_EXPORT_EXTENT_SAMPLE)
        continue;
      if (kept != NULL)
        add_action_extent (e.reader, action, kept);
      else
        {
          g_array_append_val (ids, action->id);
          g_hash_table_insert (e.actions, (gpointer) &action->id, (gpointer) action);
        }
    }
  if (ids->len > 0)
    ok = _dd_store_export_foreach_task (x->store, ids, TRUE, &x->data->options.tasks.as_of,
                                        x->data->options.tasks.due_soon_days, read_action_extent, &e, error);
  _dd_extent_reader_finish (e.reader);
  g_hash_table_unref (e.actions);
  if (late >= 0)
    widest[ACT_LATE] = (g_snprintf (late_text, sizeof late_text, "%d", late), late_text);
  if (left >= 0)
    widest[ACT_LEFT] = (g_snprintf (left_text, sizeof left_text, "%d", left), left_text);
  if (ok)
    fit_widths (x, &extent, &(Columns) { action_columns, a->col, widest, N_ACTION_COLUMNS }, widths);
  _dd_export_extent_clear (&extent);
  return ok;
}

gboolean
_dd_xlsx_write_actions_sheet (DdXlsx         *x,
                              lxw_worksheet  *ws,
                              GError        **error)
{
  ActionSheet a = { 0, };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint head_lines = 1;
  double widths[N_ACTION_COLUMNS], width = 0;

  a.x = x;
  a.ws = ws;
  a.row = 2;
  a.section = -1;
  for (guint i = 0; i < x->data->actions->len; i++)
    {
      const DdExportAction *action = &g_array_index (x->data->actions, DdExportAction, i);

      a.n[action->status == DD_STATUS_OVERDUE ? 0 : action->status == DD_STATUS_FORGOTTEN ? 1 : 2]++;
    }
  for (int c = 0; c < N_ACTION_COLUMNS; c++)
    a.col[c] = (c == ACT_PLAN && !x->data->all_plans) ? -1 : (int) a.n_cols++;
  if (!fit_action_widths (&a, widths, error))
    return FALSE;

  for (int c = 0; c < N_ACTION_COLUMNS; c++)
    if (a.col[c] >= 0)
      {
        CHECK (x, worksheet_set_column (ws, (lxw_col_t) a.col[c], (lxw_col_t) a.col[c], widths[c], NULL));
        head_lines = MAX (head_lines, _dd_xlsx_text_lines (x, column_title (&action_columns[c]), widths[c] * 0.85));
        width += widths[c];
      }
  _dd_xlsx_write_sheet_title (x, ws, x->sheet_actions, (lxw_col_t) (a.n_cols - 1), width);
  for (int c = 0; c < N_ACTION_COLUMNS; c++)
    if (a.col[c] >= 0)
      CHECK (x, worksheet_write_string (ws, 1, (lxw_col_t) a.col[c], column_title (&action_columns[c]), x->f_head));

  CHECK (x, worksheet_set_row (ws, 1, head_lines * x->size * 1.25 + 3, NULL));
  if (x->data->actions->len == 0)
    {
      CHECK (x, worksheet_set_row (ws, 2, x->size * 1.25 + 3, NULL));
      CHECK (x, worksheet_write_string (ws, 2, 0, _("No task is overdue or due soon."), x->f_note));
    }
  if (!_dd_xlsx_stream_begin (x, ws, error))
    return FALSE;
  for (int c = 0; c < N_ACTION_COLUMNS; c++)
    if (a.col[c] >= 0)
      {
        if (action_columns[c].wraps)
          _dd_xlsx_stream_wrap_column (x, (lxw_col_t) a.col[c], widths[c]);
        if (action_columns[c].repeats)
          _dd_xlsx_stream_share_column (x, (lxw_col_t) a.col[c]);
      }
  /* In the list's order for action: the copies kept from the task sheet,
   * and the others (if any) read again by id, in runs. */
  for (guint i = 0; i < x->data->actions->len; i++)
    {
      const DdExportAction *action = &g_array_index (x->data->actions, DdExportAction, i);
      const DdExportTask *kept = g_hash_table_lookup (x->action_rows, &action->id);

      if (kept == NULL)
        {
          g_array_append_val (ids, action->id);
          if (i + 1 < x->data->actions->len)
            continue;
        }
      if (ids->len > 0)
        {
          if (!_dd_store_export_foreach_task (x->store, ids, TRUE, &x->data->options.tasks.as_of,
                                              x->data->options.tasks.due_soon_days,
                                              write_action_row, &a, error))
            return FALSE;
          g_array_set_size (ids, 0);
        }
      if (kept != NULL && !write_action_row (kept, &a, error))
        return FALSE;
    }
  _dd_xlsx_stream_end (x);
  /* Not needed any more: the sheets after this one have their own rows. */
  g_hash_table_remove_all (x->action_rows);
  x->action_bytes = 0;

  worksheet_freeze_panes (ws, 2, 0);
  _dd_xlsx_setup_print (x, ws, TRUE, 1, 1);
  return TRUE;
}
