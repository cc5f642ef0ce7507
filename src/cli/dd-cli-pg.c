/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-cli.h"

/*
 * --db postgresql://…: the commands that work on a PostgreSQL server so far
 * (issue #22, first part): init, upgrade and roles, an administrator's.
 * Every other command refuses a server location with a clear message.
 */

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

static const DdCliCommand * const pg_commands[] = {
  &pg_command_init,
  &pg_command_upgrade,
  &pg_command_roles,
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

  message = g_strdup_printf (_("“%s” does not work on a PostgreSQL server yet: only “init”, "
                               "“upgrade” and “roles” do (see the README)"), name);
  g_printerr ("%s%s\n", MESSAGE_PREFIX, message);
  return EXIT_BAD_INPUT;
}
