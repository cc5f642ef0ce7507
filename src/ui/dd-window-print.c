/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-window-print"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-dashboard-page.h"
#include "dd-window-private.h"

/*
 * The window's printing (win.print): the meeting report's pages, a print
 * dialog with a tab for the scope, the PDF export of the same pages for
 * the tests.
 */

/* Printing: the PDF handout's pages, drawn by the same code (DdReport),
 * for the scope chosen in the print dialog's own tab: the whole plan, or
 * the list's filter named with its count. */
typedef struct
{
  DdWindow *window;
  DdExportOptions whole;       /* the whole plan (or the dashboard's) */
  DdTaskQuery filter;          /* the list's, its text owned below */
  char *filter_text;
  gboolean use_filter;
  GtkCheckButton *check;       /* the tab's choice, while it is shown */
  DdReport *report;
  GError *error;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_object (&job->report);
  g_clear_error (&job->error);
  g_free (job->filter_text);
  g_free (job);
}

static GObject *
on_create_custom_widget_cb (GtkPrintOperation *operation,
                            PrintJob          *job)
{
  g_autofree char *scope = dd_export_dup_scope (job->window->store, &job->filter, NULL);
  g_autofree char *label = g_strdup_printf (_("Only the tasks of the list’s filter: %s"), scope != NULL ? scope : "");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *check = gtk_check_button_new_with_label (label);
  GtkWidget *note = gtk_label_new (_("Otherwise the report covers the whole plan."));

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), job->use_filter);
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), note);
  job->check = GTK_CHECK_BUTTON (check);
  return G_OBJECT (box);
}

static void
on_custom_widget_apply_cb (GtkPrintOperation *operation,
                           GtkWidget         *widget,
                           PrintJob          *job)
{
  if (job->check != NULL)
    job->use_filter = gtk_check_button_get_active (job->check);
  job->check = NULL;
}

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   PrintJob          *job)
{
  DdExportOptions options = job->whole;
  guint n_pages;

  /* Read now: the scope is chosen. */
  if (job->use_filter)
    {
      options.tasks = job->filter;
      g_date_clear (&options.from, 1);
      g_date_clear (&options.to, 1);
      options.period_label = NULL;
    }
  g_clear_object (&job->report);
  job->report = dd_report_new (job->window->store, &options, &job->error);
  if (job->report == NULL)
    {
      gtk_print_operation_cancel (operation);
      return;
    }
  gtk_print_operation_set_job_name (operation, dd_report_get_title (job->report));
  n_pages = dd_report_paginate (job->report, gtk_print_context_get_cairo_context (context),
                                gtk_print_context_get_width (context),
                                gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, (int) n_pages);
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page,
                 PrintJob          *job)
{
  if (job->report != NULL)
    dd_report_draw_page (job->report, gtk_print_context_get_cairo_context (context), (guint) page);
}

/* The whole plan's options: the list's plan and date, or the dashboard's
 * plan, date and period when it is the page shown. */
static void
whole_plan_options (DdWindow        *self,
                    DdExportOptions *options,
                    char           **out_label)
{
  const DdTaskQuery *query = dd_tasks_page_get_query (self->tasks_page);
  DdPage *page = _dd_window_get_visible_page (self);

  dd_export_options_init (options);
  *out_label = NULL;
  if (query != NULL)
    {
      options->tasks.as_of = query->as_of;
      options->tasks.due_soon_days = query->due_soon_days;
      options->tasks.plan_id = query->plan_id;
    }
  if (DD_IS_DASHBOARD_PAGE (page))
    {
      DdDashboardPage *dashboard = DD_DASHBOARD_PAGE (page);
      g_autofree char *f = NULL;
      g_autofree char *t = NULL;

      options->tasks.plan_id = dd_dashboard_page_get_plan_id (dashboard);
      options->tasks.as_of = *dd_dashboard_page_get_as_of (dashboard);
      dd_dashboard_page_get_period (dashboard, &options->from, &options->to);
      f = dd_format_date (&options->from);
      t = dd_format_date (&options->to);
      *out_label = g_strdup_printf (_("from %s to %s"), f, t);
      options->period_label = *out_label;
    }
  if (!dd_date_is_set (&options->tasks.as_of))
    dd_date_set_today (&options->tasks.as_of);
}

/**
 * _dd_window_print:
 * @export_filename: (nullable): write the pages to this PDF instead of
 *   asking for a printer (tests)
 * @use_filter: start with the list's filter rather than the whole plan
 *   (the print dialog's tab changes it; without a dialog it stays)
 *
 * Prints the meeting report: the whole plan (or the dashboard's plan and
 * period), or the task list's current filter when chosen.
 */
gboolean
_dd_window_print (DdWindow    *self,
                  const char  *export_filename,
                  gboolean     use_filter,
                  GError     **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autofree char *period_label = NULL;
  const DdTaskQuery *query;
  PrintJob *job;
  GtkPrintOperationResult result;
  gboolean ok;

  g_return_val_if_fail (DD_IS_WINDOW (self), FALSE);

  if (self->store == NULL)
    return FALSE;

  job = g_new0 (PrintJob, 1);
  job->window = self;
  job->use_filter = use_filter;
  whole_plan_options (self, &job->whole, &period_label);
  /* Printing what the window shows: in the window's language (the export
   * dialog offers the choice, Vietnamese first). */
  job->whole.language = dd_format_get_language () == DD_LANGUAGE_ENGLISH ? "en" : "vi";
  query = dd_tasks_page_get_query (self->tasks_page);
  if (query != NULL)
    job->filter = *query;
  else
    dd_task_query_init (&job->filter);
  job->filter_text = g_strdup (job->filter.text);
  job->filter.text = job->filter_text;
  if (!dd_date_is_set (&job->filter.as_of))
    job->filter.as_of = job->whole.tasks.as_of;

  operation = gtk_print_operation_new ();
  setup = gtk_page_setup_new ();
  gtk_page_setup_set_paper_size (setup, gtk_paper_size_new (GTK_PAPER_NAME_A4));
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  /* Translators: the print dialog's tab where the scope of the report is chosen. */
  gtk_print_operation_set_custom_tab_label (operation, _("Scope"));
  g_signal_connect (operation, "create-custom-widget", G_CALLBACK (on_create_custom_widget_cb), job);
  g_signal_connect (operation, "custom-widget-apply", G_CALLBACK (on_custom_widget_apply_cb), job);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), job);

  if (export_filename != NULL)
    gtk_print_operation_set_export_filename (operation, export_filename);
  result = gtk_print_operation_run (operation,
                                    export_filename != NULL ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                            : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (self), error);
  ok = result != GTK_PRINT_OPERATION_RESULT_ERROR;
  if (ok && job->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&job->error));
      ok = FALSE;
    }
  job->whole.period_label = NULL;
  print_job_free (job);
  return ok;
}
