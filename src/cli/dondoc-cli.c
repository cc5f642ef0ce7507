/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-cli"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dd-cli.h"

/* Commands */

static int
command_tasks (Globals  *globals,
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

  if (!dd_cli_resolve_plan (store, plan_number, &query.plan_id))
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

/* Units */

static int
command_units (Globals  *globals,
               char   ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autoptr(GListModel) units = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *plan_number = NULL;
  OutputFormat format;
  gint64 plan_id = 0;
  int exit_status = EXIT_OK;
  guint n;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text,
      N_("Output format: text or json"), N_("FORMAT") },
    { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_number,
      N_("Count only the tasks of the plan numbered NUMBER"), N_("NUMBER") },
    { NULL }
  };

  context = g_option_context_new (_("units — list the units and their tasks"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dd_cli_parse_command_options (context, argv, &exit_status))
    return exit_status;

  if (g_strv_length (*argv) > 1)
    return dd_cli_usage_error (context, _("“units” takes no arguments"));
  if (!dd_cli_parse_format (format_text, &format))
    return dd_cli_usage_error (context, _("The format must be “text” or “json”"));

  store = dd_cli_open_store_or_report (globals);
  if (store == NULL)
    return EXIT_BAD_INPUT;

  if (!dd_cli_resolve_plan (store, plan_number, &plan_id))
    return EXIT_BAD_INPUT;

  units = dd_store_list_units (store, plan_id, &error);
  if (units == NULL)
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }

  n = g_list_model_get_n_items (units);

  if (format == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, dd_unit_get_id (unit));
          dd_cli_builder_add_string_or_null (builder, "name", dd_unit_get_name (unit));
          json_builder_set_member_name (builder, "is_group");
          json_builder_add_boolean_value (builder, dd_unit_get_is_group (unit));
          json_builder_set_member_name (builder, "tasks_led");
          json_builder_add_int_value (builder, dd_unit_get_n_led (unit));
          json_builder_set_member_name (builder, "tasks_coordinated");
          json_builder_add_int_value (builder, dd_unit_get_n_coordinated (unit));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      dd_cli_print_json (builder);
    }
  else
    {
      g_autoptr(DdCliTable) table = dd_cli_table_new (5);

      dd_cli_table_set_column (table, 0, C_("cli column", "ID"), DD_CLI_ALIGN_RIGHT, 0);
      dd_cli_table_set_column (table, 1, C_("cli column", "Unit"), DD_CLI_ALIGN_LEFT, 60);
      /* Translators: a column that says whether a row names several units collectively. */
      dd_cli_table_set_column (table, 2, C_("cli column", "Group"), DD_CLI_ALIGN_LEFT, 0);
      dd_cli_table_set_column (table, 3, C_("cli column", "Leads"), DD_CLI_ALIGN_RIGHT, 0);
      dd_cli_table_set_column (table, 4, C_("cli column", "Coordinates"), DD_CLI_ALIGN_RIGHT, 0);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, dd_unit_get_id (unit));
          g_autofree char *led = g_strdup_printf ("%u", dd_unit_get_n_led (unit));
          g_autofree char *coordinated = g_strdup_printf ("%u", dd_unit_get_n_coordinated (unit));
          const char *cells[] = {
            id,
            dd_unit_get_name (unit),
            /* Translators: in the "Group" column. */
            dd_unit_get_is_group (unit) ? C_("cli column", "yes") : "",
            led,
            coordinated,
          };

          dd_cli_table_add_row (table, cells);
        }

      if (n > 0)
        dd_cli_print_table (table);
      g_print (ngettext ("%u unit\n", "%u units\n", n), n);
    }

  return EXIT_OK;
}

/* Plans */

static int
command_plans (Globals  *globals,
               char   ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autoptr(GListModel) plans = NULL;
  g_autofree char *format_text = NULL;
  OutputFormat format;
  int exit_status = EXIT_OK;
  guint n;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text,
      N_("Output format: text or json"), N_("FORMAT") },
    { NULL }
  };

  context = g_option_context_new (_("plans — list the plans"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dd_cli_parse_command_options (context, argv, &exit_status))
    return exit_status;

  if (g_strv_length (*argv) > 1)
    return dd_cli_usage_error (context, _("“plans” takes no arguments"));
  if (!dd_cli_parse_format (format_text, &format))
    return dd_cli_usage_error (context, _("The format must be “text” or “json”"));

  store = dd_cli_open_store_or_report (globals);
  if (store == NULL)
    return EXIT_BAD_INPUT;

  plans = dd_store_list_plans (store, &error);
  if (plans == NULL)
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }

  n = g_list_model_get_n_items (plans);

  if (format == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DdPlan) plan = g_list_model_get_item (plans, i);
          g_autofree char *issued_on = dd_cli_dup_date_iso (dd_plan_get_issued_on (plan));

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, dd_plan_get_id (plan));
          dd_cli_builder_add_string_or_null (builder, "number", dd_plan_get_number (plan));
          dd_cli_builder_add_string_or_null (builder, "issued_on", issued_on);
          dd_cli_builder_add_string_or_null (builder, "title", dd_plan_get_title (plan));
          dd_cli_builder_add_string_or_null (builder, "issuer", dd_plan_get_issuer (plan));
          json_builder_set_member_name (builder, "tasks");
          json_builder_add_int_value (builder, dd_plan_get_n_tasks (plan));
          json_builder_set_member_name (builder, "is_sample");
          json_builder_add_boolean_value (builder, dd_plan_get_is_sample (plan));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      dd_cli_print_json (builder);
    }
  else
    {
      g_autoptr(DdCliTable) table = dd_cli_table_new (6);

      dd_cli_table_set_column (table, 0, C_("cli column", "ID"), DD_CLI_ALIGN_RIGHT, 0);
      dd_cli_table_set_column (table, 1, C_("cli column", "Number"), DD_CLI_ALIGN_LEFT, 24);
      dd_cli_table_set_column (table, 2, C_("cli column", "Issued on"), DD_CLI_ALIGN_LEFT, 0);
      dd_cli_table_set_column (table, 3, C_("cli column", "Title"), DD_CLI_ALIGN_LEFT, 60);
      dd_cli_table_set_column (table, 4, C_("cli column", "Issuer"), DD_CLI_ALIGN_LEFT, 30);
      dd_cli_table_set_column (table, 5, C_("cli column", "Tasks"), DD_CLI_ALIGN_RIGHT, 0);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DdPlan) plan = g_list_model_get_item (plans, i);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, dd_plan_get_id (plan));
          g_autofree char *issued_on = dd_cli_dup_date_dmy (dd_plan_get_issued_on (plan));
          g_autofree char *tasks = g_strdup_printf ("%u", dd_plan_get_n_tasks (plan));
          const char *cells[] = {
            id,
            dd_plan_get_number (plan),
            issued_on != NULL ? issued_on : "—",
            dd_plan_get_title (plan),
            dd_plan_get_issuer (plan) != NULL ? dd_plan_get_issuer (plan) : "—",
            tasks,
          };

          dd_cli_table_add_row (table, cells);
        }

      if (n > 0)
        dd_cli_print_table (table);
      g_print (ngettext ("%u plan\n", "%u plans\n", n), n);
    }

  return EXIT_OK;
}

/* Init */

static int
command_init (Globals  *globals,
               char   ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  int exit_status = EXIT_OK;
  const GOptionEntry entries[] = {
    { NULL }
  };

  context = g_option_context_new (_("init — create a new, empty database (needs --db FILE)"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dd_cli_parse_command_options (context, argv, &exit_status))
    return exit_status;

  if (g_strv_length (*argv) > 1)
    return dd_cli_usage_error (context, _("“init” takes no arguments"));
  if (globals->db_path == NULL)
    return dd_cli_usage_error_main (globals, _("“init” needs the database file: dondoc-cli --db FILE init"));

  /* The store refuses too; asking first gives the plainer message and
   * makes sure not a byte of an existing file is touched. */
  if (g_file_test (globals->db_path, G_FILE_TEST_EXISTS))
    {
      dd_cli_refuse (_("“%s” already exists; not overwriting it"), globals->db_path);
      return EXIT_BAD_INPUT;
    }

  if (globals->sample_data)
    store = dd_cli_create_sample_store (globals->db_path, &error);
  else
    store = dd_store_open (globals->db_path, DD_STORE_OPEN_CREATE, &error);

  if (store == NULL)
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }

  if (globals->sample_data)
    g_print (_("Created the sample database %s\n"), globals->db_path);
  else
    g_print (_("Created the empty database %s\n"), globals->db_path);

  return EXIT_OK;
}

/* Import */

static int
command_import (Globals  *globals,
               char   ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdImportedPlan) plan = NULL;
  g_autofree char *display_path = NULL;
  DdImportSummary summary = { 0, };
  int exit_status = EXIT_OK;
  const char *path;
  const GOptionEntry entries[] = {
    { NULL }
  };

  context = g_option_context_new (_("import FILE — import a plan's appendix table (plan text or CSV)"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dd_cli_parse_command_options (context, argv, &exit_status))
    return exit_status;

  if (g_strv_length (*argv) != 2)
    return dd_cli_usage_error (context, _("“import” needs exactly one file"));

  path = (*argv)[1];
  display_path = g_filename_display_name (path);

  /* Read the file before opening the store: a bad file never even creates
   * the default database. */
  plan = dd_importer_parse_file (path, DD_IMPORT_FORMAT_AUTO, &error);
  if (plan == NULL)
    {
      g_printerr (MESSAGE_PREFIX "%s: %s\n", display_path, error->message);
      return EXIT_BAD_INPUT;
    }

  store = dd_cli_open_store_or_report (globals);
  if (store == NULL)
    return EXIT_BAD_INPUT;

  if (!dd_store_import_plan (store, plan, &summary, &error))
    {
      g_printerr (MESSAGE_PREFIX "%s: %s\n", display_path, error->message);
      return EXIT_BAD_INPUT;
    }

  if (summary.plan_existed)
    /* Translators: %s is the plan's number ("662/KH-VPUB"), then its title. */
    g_print (_("Updated plan %s: %s\n"), plan->number, plan->title);
  else
    /* Translators: %s is the plan's number ("662/KH-VPUB"), then its title. */
    g_print (_("Imported plan %s: %s\n"), plan->number, plan->title);

  g_print (_("  Tasks: %u added, %u updated, %u unchanged\n"),
           summary.tasks_added, summary.tasks_updated, summary.tasks_unchanged);
  if (summary.tasks_kept > 0)
    g_print (_("  Tasks in the database but not in the file, kept as they were: %u\n"),
             summary.tasks_kept);
  g_print (_("  Units added: %u\n"), summary.units_added);
  g_print (_("  Indicators: %u\n"), summary.indicators);
  g_print (_("  Deadlines not understood: %u\n"), summary.tasks_flagged);

  for (guint i = 0; plan->tasks != NULL && i < plan->tasks->len; i++)
    {
      const DdImportedTask *task = g_ptr_array_index (plan->tasks, i);

      if (task->deadline.understood)
        continue;
      /* Translators: a task whose deadline could not be read: its number,
       * the line of the file, then the deadline as written. */
      g_print (_("    task %s (line %u): “%s”\n"),
               task->number != NULL ? task->number : "?",
               task->line,
               task->deadline_text != NULL ? task->deadline_text : "");
    }

  return EXIT_OK;
}

/* Update */

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

static int
command_update (Globals  *globals,
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

/* Main */

/* A new command: one line here, its function in a file of its own. */
static const Command commands[] = {
  { "init", command_init, N_("init"),
    N_("Create a new, empty database (with --db FILE)") },
  { "import", command_import, N_("import FILE"),
    N_("Import a plan's appendix table (plan text or CSV)") },
  { "tasks", command_tasks, N_("tasks"),
    N_("List the tasks and their status") },
  { "units", command_units, N_("units"),
    N_("List the units and how many tasks they lead and coordinate") },
  { "plans", command_plans, N_("plans"),
    N_("List the plans") },
  { "update", command_update, N_("update TASK_ID"),
    N_("Record the progress of a task") },
  { "holidays", dd_cli_command_holidays, N_("holidays YEAR"),
    N_("List (or edit) the days off of a year") },
  { "workdays", dd_cli_command_workdays, N_("workdays add DATE N | between DATE1 DATE2"),
    N_("Working-day arithmetic") },
  { "lunar", dd_cli_command_lunar, N_("lunar DATE"),
    N_("The lunar date of a solar date") },
  { "solar", dd_cli_command_solar, N_("solar LUNAR_DATE"),
    N_("The solar date of a lunar date (--leap for a leap month)") },
  { "calendar", dd_cli_command_calendar, N_("calendar"),
    N_("Everything due between --from and --to") },
  { "chart", dd_cli_command_chart, N_("chart KIND"),
    N_("Draw a chart (status, units, progress, indicators) into --out FILE") },
  { "summary", dd_cli_command_summary, N_("summary"),
    N_("Print the headline figures: tasks per status, completion rate") },
  { "export", dd_cli_command_export, N_("export --out FILE.xlsx"),
    N_("Write the meeting workbook (--plan, --period, --as-of)") },
  { "report", dd_cli_command_report, N_("report --out FILE.pdf"),
    N_("Write the printable meeting handout (--plan, --period, --as-of)") },
  { "history", dd_cli_command_history, N_("history"),
    N_("Who changed what and when (--task ID, --since DATE)") },
  { "backup", dd_cli_command_backup, N_("backup"),
    N_("Copy the database into its backup folder (--to DIR)") },
  { "restore", dd_cli_command_restore, N_("restore BACKUP_FILE"),
    N_("Replace the database by a backup (the current file is kept as a backup)") },
  { "verify", dd_cli_command_verify, N_("verify"),
    N_("Check the database's integrity and data version") },
  { "delete", dd_cli_command_delete, N_("delete TASK_ID"),
    N_("Move a task to the recycle bin") },
  { "restore-task", dd_cli_command_restore_task, N_("restore-task TASK_ID"),
    N_("Bring a task back from the recycle bin") },
  { "scorecard", dd_cli_command_scorecard, N_("scorecard"),
    N_("Score each unit for a period (--period, --as-of)") },
  { "indicator", dd_cli_command_indicator, N_("indicator set INDICATOR_ID | list | import FILE.csv"),
    N_("Record, list or import (CSV) the figures of the plan's indicators") },
  { "dossier", dd_cli_command_dossier, N_("dossier set | show"),
    N_("Record or show the dossier figures of a period") },
  { "check", dd_cli_command_check, N_("check"),
    N_("Check every task against the “6 rõ” rule") },
  { "scoring", dd_cli_command_scoring, N_("scoring show | set KEY VALUE | reset"),
    N_("Show or change the rules of the unit scores (weights, thresholds)") },
};

/* The commands for --help, aligned in characters (not bytes: the
 * Vietnamese synopses have multi-byte letters). */
static char *
commands_description (void)
{
  GString *text = g_string_new (_("Commands:"));
  glong width = 0;

  g_string_append_c (text, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, g_utf8_strlen (_(commands[i].synopsis), -1));
  width = MIN (width, 22);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *synopsis = _(commands[i].synopsis);
      glong len = g_utf8_strlen (synopsis, -1);

      g_string_append_printf (text, "  %s", synopsis);
      if (len > width)
        g_string_append_printf (text, "\n  %*s", (int) width, "");
      else
        g_string_append_printf (text, "%*s", (int) (width - len), "");
      g_string_append_printf (text, "  %s\n", _(commands[i].description));
    }
  g_string_append_c (text, '\n');
  g_string_append (text, _("Global options come before the command; “dondoc-cli COMMAND --help” "
                           "shows the options of a command."));
  g_string_append (text, "\n\n");
  g_string_append (text, _("Exit status: 0 success, 1 bad input or refused, 2 usage error."));
  return g_string_free (text, FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *description = NULL;
  Globals globals = { NULL, };
  const char *localedir;
  const char *name;
  int status;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("Use the database FILE (default: the database in your data folder)"), N_("FILE") },
    { "sample-data", 0, 0, G_OPTION_ARG_NONE, &globals.sample_data,
      N_("Use the labelled sample database, creating it if needed"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &globals.version,
      N_("Show the version and exit"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  dd_init_i18n ();
  localedir = g_getenv ("DONDOC_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("dondoc-cli");
  g_set_print_handler (dd_cli_print_utf8_stdout);
  g_set_printerr_handler (dd_cli_print_utf8_stderr);

  context = g_option_context_new (_("COMMAND [OPTION…] — follow up the tasks of a plan"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  description = commands_description ();
  g_option_context_set_description (context, description);
  /* Options after the command belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);
  globals.main_help = g_option_context_get_help (context, TRUE, NULL);

  args = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      status = dd_cli_usage_error_main (&globals, error->message);
      goto out;
    }
  globals.db_path = db_path;

  if (globals.version)
    {
      g_print ("dondoc-cli %s\n", PACKAGE_VERSION);
      status = EXIT_OK;
      goto out;
    }

  if (g_strv_length (args) < 2)
    {
      status = dd_cli_usage_error_main (&globals, _("No command given"));
      goto out;
    }

  name = args[1];
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (name, commands[i].name))
        {
          /* The command sees its own name as argv[0]. */
          g_auto(GStrv) command_argv = g_strdupv (args + 1);

          status = commands[i].func (&globals, &command_argv);
          goto out;
        }
    }

  {
    g_autofree char *message = g_strdup_printf (_("Unknown command “%s”"), name);

    status = dd_cli_usage_error_main (&globals, message);
  }

out:
  g_free (globals.main_help);
  fflush (stdout);

  return status;
}
