/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-cli.h"

/*
 * The database and its plans: init, import, plans and units.
 */

/* init */

int
dd_cli_command_init (Globals  *globals,
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

/* import */

int
dd_cli_command_import (Globals  *globals,
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

/* plans */

int
dd_cli_command_plans (Globals  *globals,
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

/* units */

int
dd_cli_command_units (Globals  *globals,
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
