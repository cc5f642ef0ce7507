/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-export"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-pdf-private.h"

/*
 * The handout's content, in blocks (dd-pdf-export.c lays them out and
 * draws them): the document header, I. the headline figures with both
 * rates, II. the lead units, III. the tasks overdue, forgotten or due soon
 * and IV. the indicators.
 */

/* Blocks */

void
_dd_report_table_free (Table *table)
{
  for (guint i = 0; i < table->n_cols; i++)
    g_free (table->head[i]);
  g_free (table);
}

void
_dd_report_block_free (Block *block)
{
  g_free (block->text);
  g_clear_object (&block->chart);
  for (guint i = 0; i < MAX_COLS; i++)
    g_free (block->cells[i]);
  g_free (block);
}

Block *
_dd_report_add_block (DdReport  *self,
           BlockKind  kind)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->status_col = -1;
  g_ptr_array_add (self->blocks, block);
  return block;
}

void
_dd_report_add_text (DdReport   *self,
          TextStyle   style,
          const char *text)
{
  Block *block = _dd_report_add_block (self, BLOCK_TEXT);

  block->style = style;
  block->text = g_strdup (text);
  block->keep_with_next = style == TEXT_SECTION;
}

void
_dd_report_add_gap (DdReport *self,
         double    height)
{
  Block *block = _dd_report_add_block (self, BLOCK_GAP);

  block->height = height;
}

Table *
_dd_report_add_table (DdReport    *self,
           double       font_size,
           guint        n_cols,
           const double widths[],
           const char  *head[])
{
  Table *table = g_new0 (Table, 1);
  double sum = 0;

  g_assert (n_cols <= MAX_COLS);
  table->n_cols = n_cols;
  table->font_size = font_size;
  table->head_size = font_size;
  for (guint i = 0; i < n_cols; i++)
    sum += widths[i];
  for (guint i = 0; i < n_cols; i++)
    {
      table->widths[i] = widths[i] / sum;
      table->head[i] = g_strdup (head[i]);
    }
  g_ptr_array_add (self->tables, table);
  return table;
}

Block *
_dd_report_add_row (DdReport *self,
         Table    *table)
{
  Block *block = _dd_report_add_block (self, BLOCK_ROW);

  block->table = table;
  return block;
}

/* Building the blocks */

static char *
dup_number (guint value)
{
  return dd_format_number (value, 0);
}

/* The document header, the title and what it covers. */
static void
build_heading (DdReport *self)
{
  DdExportData *d = self->data;

  _dd_report_add_block (self, BLOCK_HEADER);
  _dd_report_add_text (self, TEXT_TITLE, d->kind);
  _dd_report_add_text (self, TEXT_TITLE, d->title);
  if (d->subtitle != NULL)
    _dd_report_add_text (self, TEXT_SUBTITLE, d->subtitle);
  if (d->period_label != NULL)
    {
      g_autofree char *line = g_strdup_printf (_("Reporting period: %s"), d->period_label);

      _dd_report_add_text (self, TEXT_SUBTITLE, line);
    }
  if (d->scope_line != NULL)
    _dd_report_add_text (self, TEXT_SUBTITLE, d->scope_line);
  _dd_report_add_gap (self, 8);
}

/* The smallest text of the handout: tables and charts print at no less. */
#define MIN_SIZE 10.0

static double
small_size (DdReport *self,
            double    less)
{
  return MAX (MIN_SIZE, self->data->options.font_size - less);
}

/* I. Headline figures: tasks per status with their shares (largest
 * remainder: they add up, equal counts equal), the total, both rates and
 * how they are counted. */
static void
build_headline (DdReport *self)
{
  DdExportData *d = self->data;
  const double widths[] = { 3, 1.2, 1.2 };
  const char *head[] = { C_("export column", "Status"), C_("export column", "Tasks"),
                         C_("export column", "Share") };
  guint shares[DD_N_STATUSES];
  g_autofree char *rate_text = NULL;
  double rate;
  Table *t;
  Block *b;

  _dd_report_add_text (self, TEXT_SECTION, _("I. HEADLINE FIGURES"));
  t = _dd_report_add_table (self, small_size (self, 2), 3, widths, head);
  dd_format_split_shares (d->headline.counts, DD_N_STATUSES, 1000, shares);
  for (int s = 0; s < DD_N_STATUSES; s++)
    {
      b = _dd_report_add_row (self, t);
      b->cells[0] = g_strdup (_dd_chart_status_label ((DdTaskStatus) s));
      b->cells[1] = dup_number (d->headline.counts[s]);
      b->cells[2] = dd_format_percent (shares[s] / 10.0, 1);
      b->status_col = 0;
      b->status = (DdTaskStatus) s;
    }
  b = _dd_report_add_row (self, t);
  b->bold = TRUE;
  b->cells[0] = g_strdup (_("Total"));
  b->cells[1] = dup_number (d->headline.tasks);
  b->cells[2] = dd_format_percent (d->headline.tasks > 0 ? 100 : 0, 1);
  _dd_report_add_gap (self, 6);

  if (_dd_export_rate (d->headline.counts, &rate))
    {
      g_autofree char *pct = dd_format_percent (100 * rate, 1);
      g_autofree char *on_time = NULL;
      double on_time_rate;

      _dd_export_on_time_rate (d->headline.counts, &on_time_rate);
      on_time = dd_format_percent (100 * on_time_rate, 1);
      /* Translators: under the headline figures of the handout. */
      rate_text = g_strdup_printf (_("Completion rate: %s (done ÷ (done + overdue or forgotten))."), pct);
      _dd_report_add_text (self, TEXT_BODY, rate_text);
      g_free (rate_text);
      /* Translators: under the completion rate of the handout. */
      rate_text = g_strdup_printf (_("On-time rate: %s."), on_time);
      _dd_report_add_text (self, TEXT_BODY, rate_text);
      _dd_report_add_text (self, TEXT_NOTE, _dd_export_rates_note ());
    }
  else
    _dd_report_add_text (self, TEXT_BODY, _("Completion rate: none yet (no task done or overdue)."));
  _dd_report_add_gap (self, 6);
}

/* A chart drawn by the dashboard's code, with a short title; @units
 * for the units chart (the most overdue first). */
static void
add_chart (DdReport    *self,
           DdChartKind  kind,
           GPtrArray   *units,
           double       height)
{
  DdExportData *d = self->data;
  Block *b = _dd_report_add_block (self, BLOCK_CHART);
  g_autofree char *title = NULL;

  b->chart = dd_chart_new (kind);
  if (units != NULL)
    dd_chart_set_units (b->chart, units);
  dd_chart_set_headline (b->chart, &d->headline);
  dd_chart_set_as_of (b->chart, &d->options.tasks.as_of);
  if (units != NULL)
    dd_chart_set_unit_sort (b->chart, DD_CHART_SORT_BY_LATENESS);
  /* Its small text is 0.9 of the size: 10 pt at the least. */
  dd_chart_set_font (b->chart, self->family, MAX (MIN_SIZE / 0.9 + 0.05, self->data->options.font_size - 2));
  /* Without the date the document's title gives: on one line. */
  title = g_strdup (units != NULL ? _("Task status by lead unit") : _("Tasks by status"));
  dd_chart_set_title (b->chart, title);
  b->chart_height = height;
}

/* The columns of the units' table: those of a report on its
 * implementation (total, done on time, done late, in progress — due soon
 * and without a deadline with it —, overdue, forgotten), then both rates. */
static void
unit_cells (Block       *b,
            guint        c,
            const guint *counts,
            guint        total)
{
  double rate;

  b->cells[c++] = dup_number (total);
  b->cells[c++] = dup_number (counts[DD_STATUS_DONE_ON_TIME]);
  b->cells[c++] = dup_number (counts[DD_STATUS_DONE_LATE]);
  b->cells[c++] = dup_number (counts[DD_STATUS_IN_PROGRESS] + counts[DD_STATUS_DUE_SOON]
                              + counts[DD_STATUS_NO_DEADLINE]);
  b->cells[c++] = dup_number (counts[DD_STATUS_OVERDUE]);
  b->cells[c++] = dup_number (counts[DD_STATUS_FORGOTTEN]);
  b->cells[c++] = _dd_export_rate (counts, &rate) ? dd_format_percent (100 * rate, 1) : g_strdup ("—");
  b->cells[c++] = _dd_export_on_time_rate (counts, &rate) ? dd_format_percent (100 * rate, 1) : g_strdup ("—");
}

/* The table of II: each lead unit's tasks and rates, then their total. */
static void
build_units_table (DdReport *self)
{
  DdExportData *d = self->data;
  const double widths[] = { 2.3, 1, 1.1, 1.1, 1.1, 1, 1, 1.2, 1.2 };
  const char *head[] = {
    C_("export column", "Lead unit"), _("Total"), _dd_chart_status_label (DD_STATUS_DONE_ON_TIME),
    _dd_chart_status_label (DD_STATUS_DONE_LATE), _dd_chart_status_label (DD_STATUS_IN_PROGRESS),
    _dd_chart_status_label (DD_STATUS_OVERDUE), _dd_chart_status_label (DD_STATUS_FORGOTTEN),
    _("Completion rate"), _("On-time rate"),
  };
  guint totals[DD_N_STATUSES] = { 0, };
  guint total = 0;
  Table *t;

  t = _dd_report_add_table (self, MIN_SIZE, G_N_ELEMENTS (widths), widths, head);
  for (guint u = 0; u <= d->units->len; u++)
    {
      gboolean is_total = u == d->units->len;
      const DdStatsUnit *unit = is_total ? NULL : g_ptr_array_index (d->units, u);
      Block *b;

      if (is_total && d->units->len == 0)
        break;
      b = _dd_report_add_row (self, t);
      b->bold = is_total;
      b->cells[0] = g_strdup (is_total ? _("Total") : unit->name != NULL ? unit->name : _("No lead unit"));
      unit_cells (b, 1, is_total ? totals : unit->counts, is_total ? total : unit->total);
      if (!is_total)
        {
          for (int s = 0; s < DD_N_STATUSES; s++)
            totals[s] += unit->counts[s];
          total += unit->total;
        }
    }
  _dd_report_add_gap (self, 4);
  _dd_report_add_text (self, TEXT_NOTE, _("In progress: with the tasks due soon and those without a deadline."));
}

static void
build (DdReport *self)
{
  g_autoptr(GPtrArray) chart_units = _dd_export_chart_units (self->data);

  build_heading (self);
  build_headline (self);
  add_chart (self, DD_CHART_STATUS, NULL, 220);

  /* II. By lead unit */
  _dd_report_add_gap (self, 8);
  _dd_report_add_text (self, TEXT_SECTION, _("II. BY LEAD UNIT"));
  if (chart_units->len > 0)
    {
      add_chart (self, DD_CHART_UNITS, chart_units, MIN (560, 100 + 26.0 * chart_units->len));
      _dd_report_add_gap (self, 6);
    }
  build_units_table (self);
}

/* III. The tasks for action */

typedef struct
{
  DdReport *self;
  Table *table;
  int section;
  guint n[3];                  /* overdue, forgotten, due soon */
  guint next;
} ActionRows;

static const char *
section_title (ActionRows   *a,
               DdTaskStatus  status,
               char        **owned)
{
  if (status == DD_STATUS_OVERDUE)
    *owned = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "I. Overdue: %u task", "I. Overdue: %u tasks", a->n[0]),
                              a->n[0]);
  else if (status == DD_STATUS_FORGOTTEN)
    *owned = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "II. Forgotten: %u task", "II. Forgotten: %u tasks",
                                           a->n[1]), a->n[1]);
  else
    *owned = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "III. Due soon: %u task", "III. Due soon: %u tasks",
                                           a->n[2]), a->n[2]);
  return *owned;
}

static gboolean
add_action_row (const DdExportTask  *task,
                gpointer             user_data,
                GError             **error)
{
  ActionRows *a = user_data;
  GArray *actions = a->self->data->actions;
  const DdExportAction *action = NULL;
  Block *b;
  g_autofree char *note = NULL;

  for (guint i = a->next; i < actions->len && action == NULL; i++)
    if (g_array_index (actions, DdExportAction, i).id == task->id)
      {
        action = &g_array_index (actions, DdExportAction, i);
        a->next = i + 1;
      }
  if (action == NULL || action->status != task->status)
    return TRUE;   /* changed meanwhile */
  if (a->section != (int) action->status)
    {
      char *title = NULL;

      b = _dd_report_add_row (a->self, a->table);
      b->span = TRUE;
      b->bold = TRUE;
      /* A sub-heading never ends a page, away from its first row. */
      b->keep_with_next = TRUE;
      b->cells[0] = (char *) section_title (a, action->status, &title);
      a->section = action->status;
    }
  b = _dd_report_add_row (a->self, a->table);
  b->cells[0] = g_strdup (task->number);
  note = _dd_export_dup_action_note (action, NULL);
  b->cells[1] = note != NULL ? g_strconcat (task->title, "\n", note, NULL) : g_strdup (task->title);
  b->cells[2] = g_strdup (task->lead);
  b->cells[3] = dd_date_is_set (&action->due) ? dd_format_date (&action->due) : g_strdup ("—");
  b->cells[4] = g_strdup (_dd_chart_status_label (action->status));
  if (!dd_date_is_set (&action->due))
    b->cells[5] = g_strdup ("—");
  else
    b->cells[5] = g_strdup_printf ("%d", action->days);
  b->cells[6] = g_strdup_printf ("%u%%", MIN (task->progress, 100));
  b->status_col = 4;
  b->status = action->status;
  return TRUE;
}

static gboolean
build_actions (DdReport  *self,
               DdStore   *store,
               GError   **error)
{
  DdExportData *d = self->data;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const double widths[] = { 0.9, 4.0, 2.2, 1.8, 1.7, 1.3, 1.2 };
  const char *head[] = { C_("export column", "No."), C_("export column", "Task"),
                         C_("export column", "Lead unit"), C_("export column", "Due"),
                         C_("export column", "Status"), C_("export column", "Working days late / left"),
                         C_("export column", "Progress") };
  ActionRows a = { self, NULL, -1, { 0, }, 0 };

  _dd_report_add_gap (self, 10);
  _dd_report_add_text (self, TEXT_SECTION, _("III. OVERDUE, FORGOTTEN AND DUE SOON"));
  if (d->actions->len == 0)
    {
      _dd_report_add_text (self, TEXT_NOTE, _("No task is overdue or due soon."));
      return TRUE;
    }
  for (guint i = 0; i < d->actions->len; i++)
    {
      const DdExportAction *action = &g_array_index (d->actions, DdExportAction, i);

      g_array_append_val (ids, action->id);
      a.n[action->status == DD_STATUS_OVERDUE ? 0 : action->status == DD_STATUS_FORGOTTEN ? 1 : 2]++;
    }
  a.table = _dd_report_add_table (self, small_size (self, 3), G_N_ELEMENTS (widths), widths, head);
  return _dd_store_export_foreach_task (store, ids, TRUE, &d->options.tasks.as_of, d->options.tasks.due_soon_days,
                                        add_action_row, &a, error);
}

/* IV. The indicators: each with its figure for the whole office and per
 * unit, the rate, the target and how it stands. */
static void
build_indicators (DdReport *self)
{
  DdExportData *d = self->data;
  const double widths[] = { 3.6, 1.2, 1.2, 1.1, 1.1, 1.8 };
  const char *head[] = {
    C_("export column", "Unit"), C_("export column", "Achieved"), C_("export column", "Out of"),
    C_("export column", "Rate"), C_("export column", "Target"), C_("export column", "Assessment"),
  };
  gint64 last = -1;
  guint n = 0;
  Table *t;

  _dd_report_add_gap (self, 10);
  _dd_report_add_text (self, TEXT_SECTION, _("IV. INDICATORS"));
  if (d->indicators->len == 0)
    {
      _dd_report_add_text (self, TEXT_NOTE, _("The plan has no indicator."));
      return;
    }
  t = _dd_report_add_table (self, small_size (self, 3), G_N_ELEMENTS (widths), widths, head);
  for (guint i = 0; i < d->indicators->len; i++)
    {
      const DdExportIndicator *row = g_ptr_array_index (d->indicators, i);
      DdStatsIndicator level_of = { 0, };
      Block *b;

      if (row->indicator_id != last)
        {
          b = _dd_report_add_row (self, t);
          b->span = TRUE;
          b->bold = TRUE;
          b->keep_with_next = TRUE;
          b->cells[0] = row->derived
            /* Translators: an indicator computed from the tasks ("đúng hạn"), not typed. */
            ? g_strdup_printf (_("%u. %s (computed from the tasks)"), ++n, row->title)
            : g_strdup_printf ("%u. %s", ++n, row->title);
          last = row->indicator_id;
        }
      level_of.target = row->target;
      level_of.has_data = row->has_data;
      level_of.numerator = row->numerator;
      level_of.denominator = row->denominator;
      level_of.achieved = row->has_data ? 100.0 * row->numerator / row->denominator : 0;
      b = _dd_report_add_row (self, t);
      b->cells[0] = g_strdup (row->unit != NULL ? row->unit : _("Whole office"));
      b->cells[1] = row->has_data ? dd_format_number (row->numerator, 0) : g_strdup ("—");
      b->cells[2] = row->has_data ? dd_format_number (row->denominator, 0) : g_strdup ("—");
      b->cells[3] = row->has_data ? dd_format_percent (level_of.achieved, 1) : g_strdup ("—");
      b->cells[4] = dd_format_percent (row->target, 0);
      b->cells[5] = g_strdup (dd_indicator_level_get_label (dd_indicator_level_for (&level_of)));
    }
  if (d->period_label != NULL)
    {
      g_autofree char *line = g_strdup_printf (_("Figures reported for the period %s."), d->period_label);

      _dd_report_add_gap (self, 4);
      _dd_report_add_text (self, TEXT_NOTE, line);
    }
}

gboolean
_dd_report_build (DdReport  *self,
                  DdStore   *store,
                  GError   **error)
{
  build (self);
  if (!build_actions (self, store, error))
    return FALSE;
  build_indicators (self);
  return TRUE;
}
