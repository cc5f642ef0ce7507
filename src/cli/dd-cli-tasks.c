/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-cli.h"

/*
 * The tasks: tasks (the list and its filters) and update (recording
 * progress).
 */

/* tasks */

int
dd_cli_command_tasks (Globals  *globals,
                      char   ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdTaskList) list = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *plan_number = NULL;
  g_autofree char *unit_name = NULL;
  g_autofree char *status_text = NULL;
  g_autofree char *search = NULL;
  OutputFormat format;
  DdTaskQuery query;
  DdTaskStatus status = DD_STATUS_IN_PROGRESS;
  int exit_status = EXIT_OK;
  guint n;
  const GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("Work out the status as of DATE (default: today)"), N_("DATE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text,
      N_("Output format: text or json"), N_("FORMAT") },
    { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_number,
      N_("Only the tasks of the plan numbered NUMBER"), N_("NUMBER") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit_name,
      N_("Only the tasks the unit NAME leads or coordinates"), N_("NAME") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_text,
      N_("Only the tasks in STATUS (done_on_time, done_late, in_progress, due_soon, overdue, no_deadline)"),
      N_("STATUS") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search,
      N_("Only the tasks whose text contains all the words of TEXT"), N_("TEXT") },
    { NULL }
  };

  context = g_option_context_new (_("tasks — list the tasks and their status"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dd_cli_parse_command_options (context, argv, &exit_status))
    return exit_status;

  if (g_strv_length (*argv) > 1)
    return dd_cli_usage_error (context, _("“tasks” takes no arguments"));
  if (!dd_cli_parse_format (format_text, &format))
    return dd_cli_usage_error (context, _("The format must be “text” or “json”"));
  if (status_text != NULL && !dd_task_status_from_string (status_text, &status))
    return dd_cli_usage_error (context,
                        _("The status must be one of done_on_time, done_late, in_progress, due_soon, overdue, no_deadline"));

  dd_task_query_init (&query);
  if (as_of_text != NULL && !dd_date_parse_any (as_of_text, &query.as_of))
    {
      dd_cli_print_invalid_date ("--as-of", as_of_text);
      return EXIT_BAD_INPUT;
    }

  store = dd_cli_open_store_or_report (globals);
  if (store == NULL)
    return EXIT_BAD_INPUT;

  query.due_soon_days = dd_store_get_due_soon_days (store);
  if (status_text != NULL)
    query.status = (int) status;
  if (search != NULL)
    query.text = search;

  if (!dd_cli_resolve_plan_or_report (store, plan_number, &query.plan_id))
    return EXIT_BAD_INPUT;

  if (unit_name != NULL)
    {
      g_autoptr(DdUnit) unit = dd_cli_find_unit (store, unit_name, &error);

      if (unit == NULL)
        {
          dd_cli_print_error (error);
          return EXIT_BAD_INPUT;
        }
      query.unit_id = dd_unit_get_id (unit);
    }

  list = dd_store_query_tasks (store, &query, &error);
  if (list == NULL)
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (list));

  if (format == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DdTask) task = g_list_model_get_item (G_LIST_MODEL (list), i);

          if (task == NULL)
            continue;
          dd_cli_add_task_json (builder, task);
        }
      json_builder_end_array (builder);
      dd_cli_print_json (builder);
    }
  else
    {
      g_autoptr(DdCliTable) table = dd_cli_new_task_table ();
      g_autofree char *as_of = dd_date_to_dmy (&query.as_of);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DdTask) task = g_list_model_get_item (G_LIST_MODEL (list), i);

          if (task == NULL)
            continue;
          dd_cli_add_task_row (table, task);
        }

      if (dd_cli_table_get_n_rows (table) > 0)
        dd_cli_print_table (table);
      g_print (ngettext ("%u task as of %s\n",
                         "%u tasks as of %s\n",
                         dd_cli_table_get_n_rows (table)),
               dd_cli_table_get_n_rows (table), as_of);
    }

  return EXIT_OK;
}

/* update */

static void
print_task_state (DdTask *task)
{
  g_autofree char *deadline = dd_cli_dup_task_deadline_cell (task);
  g_autofree char *completed_on = dd_cli_dup_date_dmy (dd_task_get_completed_on (task));
  g_autofree char *as_of = dd_cli_dup_date_dmy (dd_task_get_as_of (task));
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, dd_task_get_id (task));
  const char *actual_product = dd_task_get_actual_product (task);
  const char *note = dd_task_get_note (task);

  /* Translators: the task's number in the plan ("1."), its ID in the
   * database, the plan's number, then the task's title. */
  g_print (_("Task %s (ID %s) of plan %s: %s\n"),
           dd_task_get_number (task), id,
           dd_task_get_plan_number (task), dd_task_get_title (task));
  g_print (_("  Lead: %s\n"), dd_task_get_lead (task) != NULL ? dd_task_get_lead (task) : "—");
  g_print (_("  Deadline: %s\n"), deadline);
  g_print (_("  Progress: %u%%\n"), dd_task_get_progress (task));
  g_print (_("  Completed on: %s\n"), completed_on != NULL ? completed_on : "—");
  if (actual_product != NULL)
    g_print (_("  Product: %s\n"), actual_product);
  if (note != NULL)
    g_print (_("  Note: %s\n"), note);
  /* Translators: the status, then the date it is worked out for. */
  g_print (_("  Status: %s (as of %s)\n"),
           dd_task_status_get_label (dd_task_get_status (task)),
           as_of != NULL ? as_of : "—");
}

int
dd_cli_command_update (Globals  *globals,
                       char   ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdTask) task = NULL;
  g_autofree char *progress_text = NULL;
  g_autofree char *completed_text = NULL;
  g_autofree char *product = NULL;
  g_autofree char *note = NULL;
  g_autofree char *format_text = NULL;
  OutputFormat format;
  GDate completed_on;
  GDate today;
  gint64 progress = -1;
  guint64 task_id = 0;
  int exit_status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "progress", 0, 0, G_OPTION_ARG_STRING, &progress_text,
      N_("The progress in percent, 0 to 100"), N_("N") },
    { "completed-on", 0, 0, G_OPTION_ARG_STRING, &completed_text,
      N_("The date the task was completed (YYYY-MM-DD or dd/mm/yyyy)"), N_("DATE") },
    { "product", 0, 0, G_OPTION_ARG_STRING, &product,
      N_("The product that proves the work"), N_("TEXT") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note,
      N_("A remark stored with the update"), N_("TEXT") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text,
      N_("Output format: text or json"), N_("FORMAT") },
    { NULL }
  };

  g_date_clear (&completed_on, 1);

  context = g_option_context_new (_("update TASK_ID — record the progress of a task"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dd_cli_parse_command_options (context, argv, &exit_status))
    return exit_status;

  if (g_strv_length (*argv) != 2)
    return dd_cli_usage_error (context, _("“update” needs exactly one task ID"));
  if (progress_text == NULL && completed_text == NULL && product == NULL && note == NULL)
    return dd_cli_usage_error (context,
                        _("Say what to record: --progress, --completed-on, --product or --note"));
  if (!dd_cli_parse_format (format_text, &format))
    return dd_cli_usage_error (context, _("The format must be “text” or “json”"));

  if (!g_ascii_string_to_unsigned ((*argv)[1], 10, 1, G_MAXINT64, &task_id, NULL))
    {
      dd_cli_refuse (_("“%s” is not a task ID (a positive whole number)"), (*argv)[1]);
      return EXIT_BAD_INPUT;
    }

  if (progress_text != NULL
      && !g_ascii_string_to_signed (progress_text, 10, 0, 100, &progress, NULL))
    {
      dd_cli_refuse (_("The progress must be a whole number from 0 to 100, not “%s”"),
                  progress_text);
      return EXIT_BAD_INPUT;
    }

  if (completed_text != NULL && !dd_date_parse_any (completed_text, &completed_on))
    {
      dd_cli_print_invalid_date ("--completed-on", completed_text);
      return EXIT_BAD_INPUT;
    }

  if (completed_text != NULL && progress_text != NULL && progress != 100)
    {
      dd_cli_refuse (_("A completed task has progress 100, not %d"), (int) progress);
      return EXIT_BAD_INPUT;
    }

  store = dd_cli_open_store_or_report (globals);
  if (store == NULL)
    return EXIT_BAD_INPUT;

  dd_date_set_today (&today);

  /* Asking first names the missing task plainly, before any write. */
  task = dd_store_get_task (store, (gint64) task_id, &today, &error);
  if (task == NULL)
    {
      if (g_error_matches (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW) || error == NULL)
        dd_cli_refuse (_("There is no task with ID %s"), (*argv)[1]);
      else
        dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }
  g_clear_object (&task);

  if (!dd_store_record_progress (store, (gint64) task_id, (int) progress,
                                 completed_text != NULL ? &completed_on : NULL,
                                 product, note, &error))
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }

  task = dd_store_get_task (store, (gint64) task_id, &today, &error);
  if (task == NULL)
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }

  if (format == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      dd_cli_add_task_json (builder, task);
      dd_cli_print_json (builder);
    }
  else
    {
      g_print (_("Progress recorded.\n"));
      print_task_state (task);
    }

  return EXIT_OK;
}
