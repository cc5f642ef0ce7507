/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-cli.h"

/*
 * The database and its plans: init, import, plans and units.
 */

/* init */

static gboolean
init_check_usage (DdCliInvocation  *cli,
                  gpointer          options,
                  GError          **error)
{
  if (cli->globals->db_path == NULL)
    {
      g_set_error_literal (error, DD_CLI_ERROR, DD_CLI_ERROR_USAGE_MAIN,
                           _("“init” needs the database file: dondoc-cli --db FILE init"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
init_check (DdCliInvocation  *cli,
            gpointer          options,
            GError          **error)
{
  /* The store refuses too; asking first gives the plainer message and
   * makes sure not a byte of an existing file is touched. */
  if (g_file_test (cli->globals->db_path, G_FILE_TEST_EXISTS))
    return dd_cli_set_refused (error, _("“%s” already exists; not overwriting it"), cli->globals->db_path);
  return TRUE;
}

static gboolean
init_run (DdCliInvocation  *cli,
          gpointer          options,
          GError          **error)
{
  Globals *globals = cli->globals;
  g_autoptr(DdStore) store = NULL;

  if (globals->sample_data)
    store = dd_cli_create_sample_store (globals->db_path, error);
  else
    store = dd_store_open (globals->db_path, DD_STORE_OPEN_CREATE, error);
  if (store == NULL)
    return FALSE;

  if (globals->sample_data)
    g_print (_("Created the sample database %s\n"), globals->db_path);
  else
    g_print (_("Created the empty database %s\n"), globals->db_path);
  return TRUE;
}

const DdCliCommand dd_cli_command_init = {
  .name = "init",
  .synopsis = N_("init"),
  .description = N_("Create a new, empty database (with --db FILE)"),
  .parameter_string = N_("init — create a new, empty database (needs --db FILE)"),
  .n_args = 0,
  .args_error = N_("“init” takes no arguments"),
  .store = DD_CLI_STORE_NONE,
  .check_usage = init_check_usage,
  .check = init_check,
  .run = init_run,
};

/* import */

typedef struct
{
  gboolean dry_run;
  char *display_path;
  DdImportedPlan *plan;
} ImportOptions;

static const GOptionEntry import_entries[] = {
  { "dry-run", 0, 0, G_OPTION_ARG_NONE, DD_CLI_OPTION (ImportOptions, dry_run),
    N_("Print what the import would do (tasks, units, deadlines, warnings) and write nothing"), NULL },
  { NULL }
};

static void
import_clear (gpointer data)
{
  ImportOptions *options = data;

  g_clear_pointer (&options->display_path, g_free);
  g_clear_pointer (&options->plan, dd_imported_plan_free);
}

static gboolean
import_check (DdCliInvocation  *cli,
              gpointer          data,
              GError          **error)
{
  ImportOptions *options = data;
  const char *path = cli->argv[1];

  options->display_path = g_filename_display_name (path);

  /* Read the file before opening the store: a bad file never even creates
   * the default database. */
  options->plan = dd_importer_parse_file (path, DD_IMPORT_FORMAT_AUTO, error);
  if (options->plan == NULL)
    {
      g_prefix_error (error, "%s: ", options->display_path);
      return FALSE;
    }
  return TRUE;
}

static void
print_import_summary (const DdImportedPlan    *plan,
                      const DdImportSummary   *summary)
{
  if (summary->plan_existed)
    /* Translators: %s is the plan's number ("662/KH-VPUB"), then its title. */
    g_print (_("Updated plan %s: %s\n"), plan->number, plan->title);
  else
    /* Translators: %s is the plan's number ("662/KH-VPUB"), then its title. */
    g_print (_("Imported plan %s: %s\n"), plan->number, plan->title);

  g_print (_("  Tasks: %u added, %u updated, %u unchanged\n"),
           summary->tasks_added, summary->tasks_updated, summary->tasks_unchanged);
  if (summary->tasks_kept > 0)
    g_print (_("  Tasks in the database but not in the file, kept as they were: %u\n"),
             summary->tasks_kept);
  g_print (_("  Units added: %u\n"), summary->units_added);
  g_print (_("  Indicators: %u\n"), summary->indicators);
  g_print (_("  Deadlines not understood: %u\n"), summary->tasks_flagged);
  if (plan->n_removed_chars > 0 && plan->table_rows)
    /* Translators: how many characters were removed, then the row of the
     * table (.docx, .xlsx) of the first of them. */
    g_printerr (_("Warning: %u control characters or noncharacters removed from the file (the first on "
                  "row %u of the table).\n"), plan->n_removed_chars, plan->removed_line);
  else if (plan->n_removed_chars > 0)
    /* Translators: how many characters were removed, then the line of the
     * first of them. */
    g_printerr (_("Warning: %u control characters or noncharacters removed from the file (the first on "
                  "line %u).\n"), plan->n_removed_chars, plan->removed_line);

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
}

/* The store a dry run compares the plan with: the database opened
 * read-only when it exists (never created, upgraded or backed up), else
 * none — every unit is then new. */
static gboolean
open_dry_run_store (DdCliInvocation  *cli,
                    DdStore         **out_store,
                    GError          **error)
{
  g_autofree char *path = dd_cli_dup_database_path (cli->globals);

  *out_store = NULL;
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  *out_store = dd_store_open (path, DD_STORE_OPEN_READ_ONLY, error);
  return *out_store != NULL;
}

/* "Due date 30/04/2026", "Ongoing". (transfer full) */
static char *
dup_deadline_text (const DdDeadline *deadline)
{
  g_autofree char *due = g_date_valid (&deadline->due) ? dd_cli_dup_date_dmy (&deadline->due) : NULL;

  if (due != NULL)
    return g_strdup_printf ("%s %s", dd_deadline_kind_get_label (deadline->kind), due);
  return g_strdup (dd_deadline_kind_get_label (deadline->kind));
}

static void
print_preview_tasks (const DdImportedPlan *plan)
{
  guint next_section = 0;

  for (guint i = 0; i < plan->tasks->len; i++)
    {
      const DdImportedTask *task = g_ptr_array_index (plan->tasks, i);
      g_autofree char *deadline = dup_deadline_text (&task->deadline);

      while (next_section < plan->sections->len &&
             ((DdImportedSection *) g_ptr_array_index (plan->sections, next_section))->first_task <= i)
        g_print ("  %s\n", ((DdImportedSection *) g_ptr_array_index (plan->sections, next_section++))->title);
      g_print ("  %s %s\n", task->number != NULL ? task->number : "?", task->title);
      if (task->lead != NULL)
        g_print (_("      Lead: %s\n"), task->lead);
      for (guint j = 0; j < task->coordinators->len; j++)
        g_print (_("      Coordinating: %s\n"), (const char *) g_ptr_array_index (task->coordinators, j));
      if (task->deadline.understood)
        /* Translators: the deadline as written → as understood. */
        g_print (_("      Deadline: “%s” → %s\n"), task->deadline_text != NULL ? task->deadline_text : "", deadline);
      else
        g_print (_("      Deadline: “%s” → not understood: to be set by hand\n"),
                 task->deadline_text != NULL ? task->deadline_text : "");
      if (task->product != NULL)
        g_print (_("      Product: %s\n"), task->product);
      if (task->directing != NULL)
        g_print (_("      Directing: %s\n"), task->directing);
    }
}

/* A re-import's "Changes" section: what the import would add, change
 * (which fields) and no longer find in the file. */
static gboolean
print_preview_changes (const DdImportedPlan  *plan,
                       DdStore               *store,
                       GError               **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  gboolean exists = FALSE;

  if (store == NULL)
    return TRUE;
  changes = dd_store_diff_import (store, plan, &exists, error);
  if (changes == NULL)
    return FALSE;
  if (!exists)
    return TRUE;

  /* Translators: %s is the plan's number; the section of a dry run
   * listing what re-importing the plan would change. */
  g_print (_("Changes to the stored plan %s:\n"), plan->number);
  for (guint i = 0; i < changes->len; i++)
    {
      const DdImportChange *change = g_ptr_array_index (changes, i);
      g_autofree char *fields = dd_import_change_dup_fields_text (change);

      switch (change->kind)
        {
        case DD_IMPORT_CHANGE_ADDED:
          /* Translators: a task of the file the database does not have: TT, title. */
          g_print (_("  added: %s %s\n"), change->number, change->title);
          break;
        case DD_IMPORT_CHANGE_CHANGED:
          /* Translators: TT, title, then the fields that changed ("Task, Deadline"). */
          g_print (_("  changed: %s %s (%s)\n"), change->number, change->title, fields);
          if (change->old_title != NULL)
            g_print (_("      task was: %s\n"), change->old_title);
          if (change->fields & DD_IMPORT_FIELD_DEADLINE)
            g_print (_("      deadline was: “%s”\n"), change->old_deadline != NULL ? change->old_deadline : "");
          break;
        case DD_IMPORT_CHANGE_REMOVED:
        default:
          /* Translators: a stored task the file no longer has: TT, title. */
          g_print (_("  not in the file (kept as it is): %s %s\n"), change->number, change->title);
          break;
        }
    }
  if (changes->len == 0)
    g_print (_("  none: the file is the same as the stored plan\n"));
  return TRUE;
}

/* The dry run's report: what the import would write, and nothing written. */
static gboolean
import_preview (DdCliInvocation  *cli,
                ImportOptions    *options,
                GError          **error)
{
  const DdImportedPlan *plan = options->plan;
  g_autoptr(DdStore) store = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autofree char *issued = dd_cli_dup_date_dmy (&plan->issued_on);
  guint n_new = 0, n_flagged = 0;

  if (!open_dry_run_store (cli, &store, error) ||
      (units = dd_imported_plan_match_units (plan, store, error)) == NULL)
    return FALSE;

  /* Translators: %s is the file; a dry run writes nothing. */
  g_print (_("Dry run of the import of %s: nothing was written.\n"), options->display_path);
  g_print (_("Plan %s of %s: %s\n"), plan->number, issued != NULL ? issued : "—", plan->title);
  if (plan->issuer != NULL)
    g_print (_("  Issued by: %s\n"), plan->issuer);
  g_print (_("Tasks (%u):\n"), plan->tasks->len);
  print_preview_tasks (plan);

  g_print (_("Units:\n"));
  for (guint i = 0; i < units->len; i++)
    {
      DdImportedUnit *unit = g_ptr_array_index (units, i);

      if (unit->existing != NULL)
        /* Translators: a unit of the file, the unit of the database it
         * matches, then how many tasks name it. */
        g_print (g_dngettext (GETTEXT_PACKAGE, "  matched: %s = %s (%u task)\n", "  matched: %s = %s (%u tasks)\n",
                              unit->n_tasks),
                 unit->name, unit->existing, unit->n_tasks);
      else
        g_print (g_dngettext (GETTEXT_PACKAGE, "  new: %s (%u task)\n", "  new: %s (%u tasks)\n", unit->n_tasks),
                 unit->name, unit->n_tasks);
      n_new += unit->existing == NULL;
    }
  for (guint i = 0; i < plan->tasks->len; i++)
    n_flagged += !((DdImportedTask *) g_ptr_array_index (plan->tasks, i))->deadline.understood;

  g_print (_("Warnings:\n"));
  if (n_flagged > 0)
    g_print (_("  %u deadlines not understood: they will be flagged for a date to be set by hand\n"), n_flagged);
  for (guint i = 0; i < plan->warnings->len; i++)
    g_print ("  %s\n", (const char *) g_ptr_array_index (plan->warnings, i));
  if (plan->n_removed_chars > 0)
    {
      g_autofree char *removed = dd_imported_plan_dup_removed_note (plan);

      g_print ("  %s\n", removed);
    }
  if (n_flagged == 0 && plan->warnings->len == 0 && plan->n_removed_chars == 0)
    g_print (_("  none\n"));
  g_print (_("Summary: %u tasks, %u units matched, %u new units, %u deadlines understood\n"),
           plan->tasks->len, units->len - n_new, n_new, plan->tasks->len - n_flagged);
  return print_preview_changes (plan, store, error);
}

static gboolean
import_run (DdCliInvocation  *cli,
            gpointer          data,
            GError          **error)
{
  ImportOptions *options = data;
  DdImportSummary summary = { 0, };
  g_autoptr(DdStore) store = NULL;

  if (options->dry_run)
    return import_preview (cli, options, error);

  store = dd_cli_open_store (cli->globals, error);
  if (store == NULL)
    return FALSE;
  if (!dd_store_import_plan (store, options->plan, &summary, error))
    {
      g_prefix_error (error, "%s: ", options->display_path);
      return FALSE;
    }
  print_import_summary (options->plan, &summary);
  return TRUE;
}

const DdCliCommand dd_cli_command_import = {
  .name = "import",
  .synopsis = N_("import FILE [--dry-run]"),
  .description = N_("Import a plan's appendix table (plan text, CSV, .docx or .xlsx)"),
  .parameter_string = N_("import FILE — import a plan's appendix table (plan text, CSV, .docx or .xlsx)"),
  .summary = N_("A Word document (.docx) gives the plan's number, date, issuer and title and its "
                "appendix table; an Excel workbook (.xlsx) its first sheet's table. With --dry-run, "
                "the tasks, the units matched and new, the deadlines understood and the warnings are "
                "printed, and what re-importing a stored plan would change (tasks added, changed and "
                "no longer in the file); nothing is written."),
  .entries = import_entries,
  .options_size = sizeof (ImportOptions),
  .clear = import_clear,
  .n_args = 1,
  .args_error = N_("“import” needs exactly one file"),
  /* Opened by the command: read-only, or not at all, for a dry run. */
  .store = DD_CLI_STORE_NONE,
  .check = import_check,
  .run = import_run,
};

/* plans */

static void
print_plans_json (GListModel *plans)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n = g_list_model_get_n_items (plans);

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

static void
print_plans_text (GListModel *plans)
{
  g_autoptr(DdCliTable) table = dd_cli_table_new (6);
  guint n = g_list_model_get_n_items (plans);

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

static gboolean
plans_run (DdCliInvocation  *cli,
           gpointer          options,
           GError          **error)
{
  g_autoptr(GListModel) plans = dd_store_list_plans (cli->store, error);

  if (plans == NULL)
    return FALSE;

  if (cli->format == FORMAT_JSON)
    print_plans_json (plans);
  else
    print_plans_text (plans);
  return TRUE;
}

static const GOptionEntry plans_entries[] = {
  DD_CLI_FORMAT_ENTRY,
  { NULL }
};

const DdCliCommand dd_cli_command_plans = {
  .name = "plans",
  .synopsis = N_("plans"),
  .description = N_("List the plans"),
  .parameter_string = N_("plans — list the plans"),
  .entries = plans_entries,
  .n_args = 0,
  .args_error = N_("“plans” takes no arguments"),
  .formats = DD_CLI_FORMATS_TEXT_JSON,
  .store = DD_CLI_STORE_READ_WRITE,
  .run = plans_run,
};

/* units */

typedef struct
{
  char *plan_number;
} UnitsOptions;

static void
print_units_json (GListModel *units)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n = g_list_model_get_n_items (units);

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

static void
print_units_text (GListModel *units)
{
  g_autoptr(DdCliTable) table = dd_cli_table_new (5);
  guint n = g_list_model_get_n_items (units);

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

static gboolean
units_run (DdCliInvocation  *cli,
           gpointer          data,
           GError          **error)
{
  UnitsOptions *options = data;
  g_autoptr(GListModel) units = NULL;
  gint64 plan_id = 0;

  if (!dd_cli_resolve_plan (cli->store, options->plan_number, &plan_id, error))
    return FALSE;
  units = dd_store_list_units (cli->store, plan_id, error);
  if (units == NULL)
    return FALSE;

  if (cli->format == FORMAT_JSON)
    print_units_json (units);
  else
    print_units_text (units);
  return TRUE;
}

static const GOptionEntry units_entries[] = {
  DD_CLI_FORMAT_ENTRY,
  { "plan", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (UnitsOptions, plan_number),
    N_("Count only the tasks of the plan numbered NUMBER"), N_("NUMBER") },
  { NULL }
};

const DdCliCommand dd_cli_command_units = {
  .name = "units",
  .synopsis = N_("units"),
  .description = N_("List the units and how many tasks they lead and coordinate"),
  .parameter_string = N_("units — list the units and their tasks"),
  .entries = units_entries,
  .options_size = sizeof (UnitsOptions),
  .n_args = 0,
  .args_error = N_("“units” takes no arguments"),
  .formats = DD_CLI_FORMATS_TEXT_JSON,
  .store = DD_CLI_STORE_READ_WRITE,
  .run = units_run,
};
