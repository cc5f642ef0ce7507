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

typedef struct
{
  char *as_of_text;
  char *plan_number;
  char *unit_name;
  char *status_text;
  char *search;
  DdTaskQuery query;
} TasksOptions;

static gboolean
tasks_check (DdCliInvocation  *cli,
             gpointer          data,
             GError          **error)
{
  TasksOptions *options = data;
  DdTaskStatus status = DD_STATUS_IN_PROGRESS;

  if (options->status_text != NULL && !dd_task_status_from_string (options->status_text, &status))
    return dd_cli_set_usage_error (error, _("The status must be one of done_on_time, done_late, in_progress, due_soon, overdue, no_deadline"));

  dd_task_query_init (&options->query);
  if (options->status_text != NULL)
    options->query.status = (int) status;
  if (options->search != NULL)
    options->query.text = options->search;
  return dd_cli_parse_date_option ("--as-of", options->as_of_text, &options->query.as_of, error);
}

static void
print_tasks_json (DdTaskList *list)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

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

static void
print_tasks_text (DdTaskList  *list,
                  const GDate *as_of_date)
{
  g_autoptr(DdCliTable) table = dd_cli_new_task_table ();
  g_autofree char *as_of = dd_date_to_dmy (as_of_date);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

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

static gboolean
tasks_run (DdCliInvocation  *cli,
           gpointer          data,
           GError          **error)
{
  TasksOptions *options = data;
  DdTaskQuery *query = &options->query;
  g_autoptr(DdTaskList) list = NULL;

  query->due_soon_days = dd_store_get_due_soon_days (cli->store, error);
  if (error != NULL && *error != NULL)
    return FALSE;
  if (!dd_cli_resolve_plan (cli->store, options->plan_number, &query->plan_id, error))
    return FALSE;

  if (options->unit_name != NULL)
    {
      g_autoptr(DdUnit) unit = dd_cli_find_unit (cli->store, options->unit_name, error);

      if (unit == NULL)
        return FALSE;
      query->unit_id = dd_unit_get_id (unit);
    }

  list = dd_store_query_tasks (cli->store, query, error);
  if (list == NULL)
    return FALSE;

  if (cli->format == FORMAT_JSON)
    print_tasks_json (list);
  else
    print_tasks_text (list, &query->as_of);
  return TRUE;
}

static const GOptionEntry tasks_entries[] = {
  { "as-of", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (TasksOptions, as_of_text),
    N_("Work out the status as of DATE (default: today)"), N_("DATE") },
  DD_CLI_FORMAT_ENTRY,
  { "plan", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (TasksOptions, plan_number),
    N_("Only the tasks of the plan numbered NUMBER"), N_("NUMBER") },
  { "unit", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (TasksOptions, unit_name),
    N_("Only the tasks the unit NAME leads or coordinates"), N_("NAME") },
  { "status", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (TasksOptions, status_text),
    N_("Only the tasks in STATUS (done_on_time, done_late, in_progress, due_soon, overdue, no_deadline)"),
    N_("STATUS") },
  { "search", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (TasksOptions, search),
    N_("Only the tasks whose text contains all the words of TEXT"), N_("TEXT") },
  { NULL }
};

const DdCliCommand dd_cli_command_tasks = {
  .name = "tasks",
  .synopsis = N_("tasks"),
  .description = N_("List the tasks and their status"),
  .parameter_string = N_("tasks — list the tasks and their status"),
  .entries = tasks_entries,
  .options_size = sizeof (TasksOptions),
  .n_args = 0,
  .args_error = N_("“tasks” takes no arguments"),
  .formats = DD_CLI_FORMATS_TEXT_JSON,
  .store = DD_CLI_STORE_READ_WRITE,
  .check = tasks_check,
  .run = tasks_run,
};

/* update */

typedef struct
{
  char *progress_text;
  char *completed_text;
  char *product;
  char *note;
  gint64 task_id;
  gint64 progress;  /* -1: not given */
  GDate completed_on;
} UpdateOptions;

static gboolean
update_check_usage (DdCliInvocation  *cli,
                    gpointer          data,
                    GError          **error)
{
  UpdateOptions *options = data;

  if (options->progress_text == NULL && options->completed_text == NULL
      && options->product == NULL && options->note == NULL)
    return dd_cli_set_usage_error (error, _("Say what to record: --progress, --completed-on, --product or --note"));
  return TRUE;
}

static gboolean
update_check (DdCliInvocation  *cli,
              gpointer          data,
              GError          **error)
{
  UpdateOptions *options = data;
  guint64 task_id = 0;

  if (!g_ascii_string_to_unsigned (cli->argv[1], 10, 1, G_MAXINT64, &task_id, NULL))
    return dd_cli_set_refused (error, _("“%s” is not a task ID (a positive whole number)"), cli->argv[1]);
  options->task_id = (gint64) task_id;

  options->progress = -1;
  if (options->progress_text != NULL
      && !g_ascii_string_to_signed (options->progress_text, 10, 0, 100, &options->progress, NULL))
    return dd_cli_set_refused (error, _("The progress must be a whole number from 0 to 100, not “%s”"),
                                      options->progress_text);

  g_date_clear (&options->completed_on, 1);
  if (!dd_cli_parse_date_option ("--completed-on", options->completed_text, &options->completed_on, error))
    return FALSE;

  if (options->completed_text != NULL && options->progress_text != NULL && options->progress != 100)
    return dd_cli_set_refused (error, _("A completed task has progress 100, not %d"), (int) options->progress);
  return TRUE;
}

static void
print_task_state (DdTask *task)
{
  g_autofree char *deadline = dd_cli_dup_task_deadline_cell (task);
  g_autofree char *completed_on = dd_cli_dup_date_dmy (dd_task_get_completed_on (task));
  g_autofree char *as_of = dd_cli_dup_date_dmy (dd_task_get_as_of (task));
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, dd_task_get_id (task));
  g_autofree char *number = dd_format_task_number (dd_task_get_number (task));
  const char *actual_product = dd_task_get_actual_product (task);
  const char *note = dd_task_get_note (task);

  /* Translators: the task's number in the plan without its dot ("1"), its
   * ID in the database, the plan's number, then the task's title. */
  g_print (_("Task %s (ID %s) of plan %s: %s\n"),
           number != NULL ? number : "", id,
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

static gboolean
update_run (DdCliInvocation  *cli,
            gpointer          data,
            GError          **error)
{
  UpdateOptions *options = data;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(DdTask) task = NULL;
  GDate today;

  dd_date_set_today (&today);

  /* Asking first names the missing task plainly, before any write. */
  task = dd_store_get_task (cli->store, options->task_id, &today, &local_error);
  if (task == NULL)
    {
      if (local_error == NULL
          || g_error_matches (local_error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW))
        g_set_error (error, DD_CLI_ERROR, DD_CLI_ERROR_REFUSED,
                     _("There is no task with ID %s"), cli->argv[1]);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_object (&task);

  if (!dd_store_record_progress (cli->store, options->task_id, (int) options->progress,
                                 options->completed_text != NULL ? &options->completed_on : NULL,
                                 options->product, options->note, error))
    return FALSE;

  task = dd_store_get_task (cli->store, options->task_id, &today, error);
  if (task == NULL)
    return FALSE;

  if (cli->format == FORMAT_JSON)
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
  return TRUE;
}

static const GOptionEntry update_entries[] = {
  { "progress", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (UpdateOptions, progress_text),
    N_("The progress in percent, 0 to 100"), N_("N") },
  { "completed-on", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (UpdateOptions, completed_text),
    N_("The date the task was completed (YYYY-MM-DD or dd/mm/yyyy)"), N_("DATE") },
  { "product", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (UpdateOptions, product),
    N_("The product that proves the work"), N_("TEXT") },
  { "note", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (UpdateOptions, note),
    N_("A remark stored with the update"), N_("TEXT") },
  DD_CLI_FORMAT_ENTRY,
  { NULL }
};

const DdCliCommand dd_cli_command_update = {
  .name = "update",
  .synopsis = N_("update TASK_ID"),
  .description = N_("Record the progress of a task"),
  .parameter_string = N_("update TASK_ID — record the progress of a task"),
  .entries = update_entries,
  .options_size = sizeof (UpdateOptions),
  .n_args = 1,
  .args_error = N_("“update” needs exactly one task ID"),
  .formats = DD_CLI_FORMATS_TEXT_JSON,
  .store = DD_CLI_STORE_READ_WRITE,
  .check_usage = update_check_usage,
  .check = update_check,
  .run = update_run,
};
