/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-cli.h"

/*
 * --db postgresql://…: the commands that work on a PostgreSQL server so far
 * (issue #22): init, upgrade, roles and user, an administrator's; the
 * commands of server_commands, reading the server's tables in place
 * (dd_pg_read_store()) or, those that write, writing them in place
 * (dd_pg_write_store()); migrate, between a file and a server.
 * Every other command refuses a server location with a clear message.
 */

/* The commands of the main table that work on the server through
 * dd_cli_open_server_store(): their output is the same as on a file.
 * Those that only read read the server's tables in place
 * (dd_pg_read_store(): no copy); those that write (writes_on_server())
 * write them in place (dd_pg_write_store()). */
static const char * const server_commands[] = {
  "tasks", "summary", "scorecard", "calendar", "units", "plans", "update", "report",
  "history", "check", "indicator", "scoring", "schedule", "holidays", "chart", "export",
  "letters", "dossier", "task", "extend", "delete", "restore-task", "workdays", "lunar", "solar",
  "form", "unit-email", "migrate", "mail", "mail-settings",
};
/* Commands that always write. */
static const char * const writing_commands[] = { "update", "task", "extend", "delete", "restore-task" };
/* Commands whose subcommand is a write unless it is the one named. */
static const char * const reading_subcommands[][2] = {
  { "indicator", "list" }, { "dossier", "show" }, { "scoring", "show" }, { "form", "export" },
};
/* The subcommands of "report" that write (the others, "list" and the
 * handout, read). */
static const char * const report_writes[] = { "record", "undo", "add-ad-hoc" };
/* Commands that write when given an option other than --format. */
static const char * const writing_with_options[] = { "schedule", "holidays", "mail-settings" };

static gboolean
is_one_of (const char *name, const char * const *names, guint n_names)
{
  for (guint i = 0; i < n_names; i++)
    if (g_str_equal (name, names[i]))
      return TRUE;
  return FALSE;
}

/* Whether command @args[1] (with its arguments after it) writes. */
static gboolean
writes_on_server (char **args)
{
  const char *name = args[1];

  if (is_one_of (name, writing_commands, G_N_ELEMENTS (writing_commands)))
    return TRUE;
  if (g_str_equal (name, "report"))
    return args[2] != NULL && is_one_of (args[2], report_writes, G_N_ELEMENTS (report_writes));
  /* "mail --send" records each letter sent (letters_sent); "--dry-run" reads. */
  if (g_str_equal (name, "mail"))
    return g_strv_contains ((const char * const *) args + 2, "--send");
  /* "unit-email UNIT ADDRESS" sets the address, "unit-email UNIT" shows it. */
  if (g_str_equal (name, "unit-email"))
    return args[2] != NULL && args[3] != NULL;
  for (guint i = 0; i < G_N_ELEMENTS (reading_subcommands); i++)
    if (g_str_equal (name, reading_subcommands[i][0]))
      return args[2] != NULL && !g_str_equal (args[2], reading_subcommands[i][1]);
  if (is_one_of (name, writing_with_options, G_N_ELEMENTS (writing_with_options)))
    for (guint i = 2; args[i] != NULL; i++)
      if (g_str_has_prefix (args[i], "--") && !g_str_has_prefix (args[i], "--format"))
        return TRUE;
  return FALSE;
}

DdStore *
dd_cli_open_server_store (Globals  *globals,
                          GError  **error)
{
  g_autoptr(DdPg) pg = dd_pg_connect (globals->db_path, error);

  if (pg == NULL)
    return NULL;
  if (globals->server_reads_only)
    return dd_pg_read_store (pg, error);
  /* A standby refuses the write before anything is read or changed. */
  if (!dd_pg_check_writable (pg, error))
    return NULL;
  return dd_pg_write_store (pg, error);
}

static DdPg *
connect_server (DdCliInvocation  *cli,
                GError          **error)
{
  return dd_pg_connect (cli->globals->db_path, error);
}

/* init, upgrade */

static gboolean
print_migrated (DdPg *pg, guint applied)
{
  if (applied == 0)
    g_print (_("The database “%s” is already at schema version %d; nothing to do.\n"),
             dd_pg_get_database (pg), DD_PG_SCHEMA_VERSION);
  else
    g_print (_("The database “%s” is at schema version %d (%u migrations applied).\n"),
             dd_pg_get_database (pg), DD_PG_SCHEMA_VERSION, applied);
  return TRUE;
}

static gboolean
pg_init_run (DdCliInvocation  *cli,
             gpointer          options,
             GError          **error)
{
  g_autoptr(DdPg) pg = connect_server (cli, error);
  guint applied;

  if (pg == NULL || !dd_pg_init_schema (pg, &applied, error))
    return FALSE;
  return print_migrated (pg, applied);
}

static gboolean
pg_upgrade_run (DdCliInvocation  *cli,
                gpointer          options,
                GError          **error)
{
  g_autoptr(DdPg) pg = connect_server (cli, error);
  guint applied;

  if (pg == NULL || !dd_pg_upgrade_schema (pg, &applied, error))
    return FALSE;
  return print_migrated (pg, applied);
}

static const DdCliCommand pg_command_init = {
  .name = "init",
  .synopsis = N_("init"),
  .description = N_("Create the schema in an empty database on the server"),
  .parameter_string = N_("init — create the schema and the group roles in an empty PostgreSQL database"),
  .n_args = 0,
  .args_error = N_("“init” takes no arguments"),
  .store = DD_CLI_STORE_NONE,
  .run = pg_init_run,
};

static const DdCliCommand pg_command_upgrade = {
  .name = "upgrade",
  .synopsis = N_("upgrade"),
  .description = N_("Bring the server's schema up to this version (an administrator's command)"),
  .parameter_string = N_("upgrade — apply the migrations a PostgreSQL database has not had"),
  .n_args = 0,
  .args_error = N_("“upgrade” takes no arguments"),
  .store = DD_CLI_STORE_NONE,
  .run = pg_upgrade_run,
};

/* roles */

static gboolean
roles_check_usage (DdCliInvocation  *cli,
                   gpointer          options,
                   GError          **error)
{
  const char *action = cli->argc > 1 ? cli->argv[1] : NULL;
  DdPgRole role;

  if (g_strcmp0 (action, "list") == 0 && cli->argc == 2)
    return TRUE;
  if (g_strcmp0 (action, "revoke") == 0 && cli->argc == 3)
    return TRUE;
  if (g_strcmp0 (action, "grant") == 0 && cli->argc >= 4)
    {
      if (!dd_pg_role_from_string (cli->argv[3], &role))
        return dd_cli_set_usage_error (error, _("The role must be viewer, unit-editor or admin"));
      if ((role == DD_PG_ROLE_UNIT_EDITOR) != (cli->argc == 5) || cli->argc > 5)
        return dd_cli_set_usage_error (error, _("“roles grant LOGIN unit-editor” needs the unit; "
                                                "viewer and admin take none"));
      return TRUE;
    }
  return dd_cli_set_usage_error (error, _("Use “roles list”, “roles grant LOGIN viewer|unit-editor UNIT|admin” "
                                          "or “roles revoke LOGIN”"));
}

static void
print_roles (GPtrArray *entries, OutputFormat format)
{
  if (format == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < entries->len; i++)
        {
          DdPgRoleEntry *entry = g_ptr_array_index (entries, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "login");
          json_builder_add_string_value (builder, entry->login);
          json_builder_set_member_name (builder, "role");
          json_builder_add_string_value (builder, dd_pg_role_to_string (entry->role));
          dd_cli_builder_add_string_or_null (builder, "unit", entry->unit_name);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      dd_cli_print_json (builder);
      return;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      DdPgRoleEntry *entry = g_ptr_array_index (entries, i);

      g_print ("%s\t%s\t%s\n", entry->login, dd_pg_role_to_string (entry->role),
               entry->unit_name != NULL ? entry->unit_name : "");
    }
  if (entries->len == 0)
    g_print (_("No login role has a Đôn Đốc role yet.\n"));
}

static gboolean
roles_run (DdCliInvocation  *cli,
           gpointer          options,
           GError          **error)
{
  g_autoptr(DdPg) pg = connect_server (cli, error);
  const char *action = cli->argv[1];
  DdPgRole role;

  if (pg == NULL)
    return FALSE;
  if (g_str_equal (action, "list"))
    {
      g_autoptr(GPtrArray) entries = dd_pg_list_roles (pg, error);

      if (entries == NULL)
        return FALSE;
      print_roles (entries, cli->format);
      return TRUE;
    }
  if (g_str_equal (action, "revoke"))
    {
      if (!dd_pg_revoke_role (pg, cli->argv[2], error))
        return FALSE;
      g_print (_("“%s” no longer has a Đôn Đốc role.\n"), cli->argv[2]);
      return TRUE;
    }
  dd_pg_role_from_string (cli->argv[3], &role);
  if (!dd_pg_grant_role (pg, cli->argv[2], role, cli->argc == 5 ? cli->argv[4] : NULL, error))
    return FALSE;
  g_print (_("“%s” is now %s.\n"), cli->argv[2], dd_pg_role_to_string (role));
  return TRUE;
}

static const GOptionEntry roles_entries[] = {
  DD_CLI_FORMAT_ENTRY,
  { NULL }
};

static const DdCliCommand pg_command_roles = {
  .name = "roles",
  .synopsis = N_("roles list|grant|revoke"),
  .description = N_("The server's login roles and their Đôn Đốc roles (an administrator's command)"),
  .parameter_string = N_("roles list | grant LOGIN viewer|unit-editor UNIT|admin | revoke LOGIN"),
  .entries = roles_entries,
  .n_args = DD_CLI_ARGS_ANY,
  .formats = DD_CLI_FORMATS_TEXT_JSON,
  .store = DD_CLI_STORE_NONE,
  .check_usage = roles_check_usage,
  .run = roles_run,
};

/* user list | user set ACCOUNT --role ROLE [--unit UNIT] */

typedef struct
{
  char *role;
  char *unit;
} UserOptions;

static const GOptionEntry user_entries[] = {
  { "role", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (UserOptions, role),
    N_("viewer, unit_editor or admin"), N_("ROLE") },
  { "unit", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (UserOptions, unit),
    N_("A unit editor's unit"), N_("UNIT") },
  DD_CLI_FORMAT_ENTRY,
  { NULL }
};

static gboolean
user_check_usage (DdCliInvocation  *cli,
                  gpointer          data,
                  GError          **error)
{
  UserOptions *options = data;
  const char *action = cli->argc > 1 ? cli->argv[1] : NULL;
  DdPgRole role;

  if (g_strcmp0 (action, "list") == 0 && cli->argc == 2 && options->role == NULL && options->unit == NULL)
    return TRUE;
  if (g_strcmp0 (action, "set") != 0 || cli->argc != 3 || options->role == NULL)
    return dd_cli_set_usage_error (error, _("Use “user list” or “user set ACCOUNT --role "
                                            "viewer|unit_editor|admin [--unit UNIT]”"));
  if (!dd_pg_role_from_string (options->role, &role))
    return dd_cli_set_usage_error (error, _("The role must be viewer, unit_editor or admin"));
  if ((role == DD_PG_ROLE_UNIT_EDITOR) != (options->unit != NULL))
    return dd_cli_set_usage_error (error, _("A unit editor needs --unit; viewer and admin take none"));
  return TRUE;
}

static gboolean
user_run (DdCliInvocation  *cli,
          gpointer          data,
          GError          **error)
{
  UserOptions *options = data;
  g_autoptr(DdPg) pg = connect_server (cli, error);
  DdPgRole role;

  if (pg == NULL)
    return FALSE;
  if (g_str_equal (cli->argv[1], "list"))
    {
      g_autoptr(GPtrArray) entries = dd_pg_list_roles (pg, error);

      if (entries == NULL)
        return FALSE;
      print_roles (entries, cli->format);
      return TRUE;
    }
  dd_pg_role_from_string (options->role, &role);
  if (!dd_pg_grant_role (pg, cli->argv[2], role, options->unit, error))
    return FALSE;
  g_print (_("“%s” is now %s.\n"), cli->argv[2], dd_pg_role_to_string (role));
  return TRUE;
}

static const DdCliCommand pg_command_user = {
  .name = "user",
  .synopsis = N_("user list|set"),
  .description = N_("The server's accounts and their roles (an administrator's command)"),
  .parameter_string = N_("user list | set ACCOUNT --role viewer|unit_editor|admin [--unit UNIT]"),
  .entries = user_entries,
  .options_size = sizeof (UserOptions),
  .n_args = DD_CLI_ARGS_ANY,
  .formats = DD_CLI_FORMATS_TEXT_JSON,
  .store = DD_CLI_STORE_NONE,
  .check_usage = user_check_usage,
  .run = user_run,
};

/* migrate --from FILE --to URL, or --from URL --to FILE */

typedef struct
{
  char *from;
  char *to;
} MigrateOptions;

static const GOptionEntry migrate_entries[] = {
  { "from", 0, 0, G_OPTION_ARG_FILENAME, DD_CLI_OPTION (MigrateOptions, from),
    N_("The office's file, or the server's libpq URI"), N_("LOCATION") },
  { "to", 0, 0, G_OPTION_ARG_FILENAME, DD_CLI_OPTION (MigrateOptions, to),
    N_("The server's empty database (after “init”), or a new file"), N_("LOCATION") },
  DD_CLI_FORMAT_ENTRY,
  { NULL }
};

static gboolean
migrate_check (DdCliInvocation  *cli,
               gpointer          data,
               GError          **error)
{
  MigrateOptions *options = data;

  if (options->from == NULL || options->to == NULL)
    return dd_cli_set_usage_error (error, _("“migrate” needs --from and --to"));
  if (dd_pg_location_is_uri (options->from) == dd_pg_location_is_uri (options->to))
    return dd_cli_set_usage_error (error, _("One of --from and --to must be a file and the other a "
                                            "postgresql:// URI"));
  return TRUE;
}

static void
print_counts (GPtrArray *counts, OutputFormat format)
{
  if (format == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < counts->len; i++)
        {
          DdPgTableCount *count = counts->pdata[i];

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "table");
          json_builder_add_string_value (builder, count->table);
          json_builder_set_member_name (builder, "source");
          json_builder_add_int_value (builder, count->source);
          json_builder_set_member_name (builder, "target");
          json_builder_add_int_value (builder, count->target);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      dd_cli_print_json (builder);
      return;
    }
  for (guint i = 0; i < counts->len; i++)
    {
      DdPgTableCount *count = counts->pdata[i];

      /* The table's name, its rows in the source and in the copy. */
      g_print ("%-20s %8lld → %8lld\n", count->table, (long long) count->source,
               (long long) count->target);
    }
  g_print (_("Every table was copied and its rows counted on both sides: the counts are equal.\n"));
}

static gboolean
migrate_run (DdCliInvocation  *cli,
             gpointer          data,
             GError          **error)
{
  MigrateOptions *options = data;
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(DdPg) pg = NULL;

  if (dd_pg_location_is_uri (options->to))
    {
      g_autoptr(DdStore) source = dd_store_open (options->from, DD_STORE_OPEN_EXISTING, error);

      pg = source != NULL ? dd_pg_connect (options->to, error) : NULL;
      if (pg == NULL || !dd_pg_migrate_from_store (pg, source, &counts, error))
        return FALSE;
    }
  else
    {
      pg = dd_pg_connect (options->from, error);
      if (pg == NULL || !dd_pg_migrate_to_file (pg, options->to, &counts, error))
        return FALSE;
    }
  print_counts (counts, cli->format);
  return TRUE;
}

const DdCliCommand dd_cli_command_migrate = {
  .name = "migrate",
  .synopsis = N_("migrate --from … --to …"),
  .description = N_("Move an office's data from a file to a PostgreSQL server, or back to a new file"),
  .parameter_string = N_("migrate --from FILE --to postgresql://… | --from postgresql://… --to FILE"),
  .entries = migrate_entries,
  .options_size = sizeof (MigrateOptions),
  .n_args = 0,
  .args_error = N_("“migrate” takes no arguments"),
  .formats = DD_CLI_FORMATS_TEXT_JSON,
  .store = DD_CLI_STORE_NONE,
  .check = migrate_check,
  .run = migrate_run,
};

static const DdCliCommand * const pg_commands[] = {
  &pg_command_init,
  &pg_command_upgrade,
  &pg_command_roles,
  &pg_command_user,
};

int
dd_cli_pg_main (Globals  *globals,
                char    **args)
{
  const char *name = args[1];
  g_autofree char *message = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (pg_commands); i++)
    if (g_str_equal (name, pg_commands[i]->name))
      {
        g_auto(GStrv) command_argv = g_strdupv (args + 1);

        return dd_cli_run_command (pg_commands[i], globals, &command_argv);
      }

  if (is_one_of (name, server_commands, G_N_ELEMENTS (server_commands)))
    {
      globals->server_reads_only = !writes_on_server (args);
      return -1;
    }

  message = g_strdup_printf (_("“%s” does not work on a PostgreSQL server yet: “import”, “settings”, "
                               "“backup”, “restore” and “verify” work on a file only (see the README)"),
                             name);
  g_printerr ("%s%s\n", MESSAGE_PREFIX, message);
  return EXIT_BAD_INPUT;
}
