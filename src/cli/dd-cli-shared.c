/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-cli.h"

/*
 * The shared file's commands: history, backup, restore, verify, and the
 * recycle bin (delete, restore-task).
 */

/* Auxiliary methods */

static char *
database_path (Globals *globals)
{
  if (globals->db_path != NULL)
    return g_strdup (globals->db_path);
  if (globals->sample_data)
    return dd_cli_sample_default_path ();
  return dd_store_default_path ();
}

static gboolean
parse_task_id (const char *text,
               gint64     *out_id)
{
  guint64 id;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL))
    {
      dd_cli_refuse (_("“%s” is not a task ID (a positive whole number)"), text);
      return FALSE;
    }
  *out_id = (gint64) id;
  return TRUE;
}

/* A JSON object stored as text becomes a JSON value (null when absent). */
static void
add_json_text (JsonBuilder *builder,
               const char  *member,
               const char  *text)
{
  g_autoptr(JsonNode) node = NULL;

  json_builder_set_member_name (builder, member);
  if (text != NULL)
    node = json_from_string (text, NULL);
  if (node != NULL)
    json_builder_add_value (builder, g_steal_pointer (&node));
  else
    json_builder_add_null_value (builder);
}

/* History */

int
dd_cli_command_history (Globals  *globals,
                        char   ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdHistory) history = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *task_text = NULL;
  g_autofree char *since_text = NULL;
  g_autofree char *user = NULL;
  g_autofree char *format_text = NULL;
  OutputFormat format;
  gint64 task_id = 0;
  GDate since;
  int exit_status = EXIT_OK;
  const GOptionEntry entries_options[] = {
    { "task", 0, 0, G_OPTION_ARG_STRING, &task_text,
      N_("Only the changes of the task ID"), N_("ID") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since_text,
      N_("Only the changes made on or after DATE (UTC)"), N_("DATE") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user,
      N_("Only the changes made by the account ACCOUNT"), N_("ACCOUNT") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text,
      N_("Output format: text or json"), N_("FORMAT") },
    { NULL }
  };

  g_date_clear (&since, 1);

  context = g_option_context_new (_("history — who changed what, and when"));
  g_option_context_add_main_entries (context, entries_options, GETTEXT_PACKAGE);
  if (!dd_cli_parse_command_options (context, argv, &exit_status))
    return exit_status;

  if (g_strv_length (*argv) > 1)
    return dd_cli_usage_error (context, _("“history” takes no arguments"));
  if (!dd_cli_parse_format (format_text, &format))
    return dd_cli_usage_error (context, _("The format must be “text” or “json”"));
  if (task_text != NULL && !parse_task_id (task_text, &task_id))
    return EXIT_BAD_INPUT;
  if (since_text != NULL && !dd_date_parse_any (since_text, &since))
    {
      dd_cli_print_invalid_date ("--since", since_text);
      return EXIT_BAD_INPUT;
    }

  store = dd_cli_open_store_or_report (globals);
  if (store == NULL)
    return EXIT_BAD_INPUT;

  history = dd_history_new (store);
  entries = dd_history_list (history, task_id, &since, user, 0, &error);
  if (entries == NULL)
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }

  if (format == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < entries->len; i++)
        {
          const DdAuditEntry *entry = g_ptr_array_index (entries, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, entry->id);
          dd_cli_builder_add_string_or_null (builder, "at", entry->at);
          dd_cli_builder_add_string_or_null (builder, "user", entry->user);
          dd_cli_builder_add_string_or_null (builder, "table", entry->table_name);
          json_builder_set_member_name (builder, "row_id");
          json_builder_add_int_value (builder, entry->row_id);
          json_builder_set_member_name (builder, "task_id");
          if (entry->task_id > 0)
            json_builder_add_int_value (builder, entry->task_id);
          else
            json_builder_add_null_value (builder);
          dd_cli_builder_add_string_or_null (builder, "action", entry->action);
          add_json_text (builder, "old", entry->old_values);
          add_json_text (builder, "new", entry->new_values);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      dd_cli_print_json (builder);
    }
  else
    {
      for (guint i = 0; i < entries->len; i++)
        {
          const DdAuditEntry *entry = g_ptr_array_index (entries, i);

          /* Translators: the time (UTC), the account, the action (insert,
           * update, delete, restore), the table and the row's id. */
          g_print (_("%s %s %s %s #%lld\n"), entry->at,
                   entry->user != NULL ? entry->user : "?", entry->action, entry->table_name,
                   (long long) entry->row_id);
          if (entry->old_values != NULL)
            g_print (_("    old: %s\n"), entry->old_values);
          if (entry->new_values != NULL)
            g_print (_("    new: %s\n"), entry->new_values);
        }
      g_print (ngettext ("%u change\n", "%u changes\n", entries->len), entries->len);
    }
  return EXIT_OK;
}

/* Backup */

int
dd_cli_command_backup (Globals  *globals,
                       char   ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdBackups) backups = NULL;
  g_autofree char *to = NULL;
  g_autofree char *path = NULL;
  int exit_status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to,
      N_("Write the backup into the folder DIR (default: the database's backup folder)"), N_("DIR") },
    { NULL }
  };

  context = g_option_context_new (_("backup — copy the database into its backup folder"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dd_cli_parse_command_options (context, argv, &exit_status))
    return exit_status;
  if (g_strv_length (*argv) > 1)
    return dd_cli_usage_error (context, _("“backup” takes no arguments"));

  store = dd_cli_open_store_or_report (globals);
  if (store == NULL)
    return EXIT_BAD_INPUT;
  backups = dd_backups_new (store);
  path = dd_backups_make (backups, to, &error);
  if (path == NULL)
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }
  g_print ("%s\n", path);
  return EXIT_OK;
}

/* Restore */

int
dd_cli_command_restore (Globals  *globals,
                        char   ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int exit_status = EXIT_OK;
  const GOptionEntry entries[] = {
    { NULL }
  };

  context = g_option_context_new (_("restore BACKUP_FILE — replace the database by a backup "
                                    "(the current file is kept as a backup too)"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dd_cli_parse_command_options (context, argv, &exit_status))
    return exit_status;
  if (g_strv_length (*argv) != 2)
    return dd_cli_usage_error (context, _("“restore” needs exactly one backup file"));

  path = database_path (globals);
  if (!dd_backups_restore_file (path, (*argv)[1], &error))
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }
  /* Translators: the database file, then the backup it was restored from. */
  g_print (_("Restored %s from %s\n"), path, (*argv)[1]);
  return EXIT_OK;
}

/* Verify */

int
dd_cli_command_verify (Globals  *globals,
                       char   ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autofree char *path = NULL;
  g_autofree char *report = NULL;
  int exit_status = EXIT_OK;
  const GOptionEntry entries[] = {
    { NULL }
  };

  context = g_option_context_new (_("verify — check the database's integrity and data version"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dd_cli_parse_command_options (context, argv, &exit_status))
    return exit_status;
  if (g_strv_length (*argv) > 1)
    return dd_cli_usage_error (context, _("“verify” takes no arguments"));

  /* Read-only: checking a file never changes it (no upgrade, no backup). */
  path = database_path (globals);
  store = dd_store_open (path, DD_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }
  if (!dd_store_verify (store, &report, &error))
    {
      if (report != NULL)
        g_print ("%s", report);
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }
  g_print ("%s", report);
  if (dd_store_get_lock_warning (store) != NULL)
    g_printerr (MESSAGE_PREFIX "%s\n", dd_store_get_lock_warning (store));
  g_print (_("The database is in good order.\n"));
  return EXIT_OK;
}

/* The recycle bin */

static int
delete_or_restore (Globals    *globals,
                   char     ***argv,
                   gboolean    delete)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  gint64 task_id;
  int exit_status = EXIT_OK;
  const GOptionEntry entries[] = {
    { NULL }
  };

  context = g_option_context_new (delete
                                  ? _("delete TASK_ID — move a task to the recycle bin")
                                  : _("restore-task TASK_ID — bring a task back from the recycle bin"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dd_cli_parse_command_options (context, argv, &exit_status))
    return exit_status;
  if (g_strv_length (*argv) != 2)
    return dd_cli_usage_error (context, _("Give exactly one task ID"));
  if (!parse_task_id ((*argv)[1], &task_id))
    return EXIT_BAD_INPUT;

  store = dd_cli_open_store_or_report (globals);
  if (store == NULL)
    return EXIT_BAD_INPUT;
  if (!(delete ? dd_store_delete_task (store, task_id, &error)
               : dd_store_restore_task (store, task_id, &error)))
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }
  if (delete)
    g_print (_("Task %s moved to the recycle bin.\n"), (*argv)[1]);
  else
    g_print (_("Task %s restored from the recycle bin.\n"), (*argv)[1]);
  return EXIT_OK;
}

int
dd_cli_command_delete (Globals  *globals,
                       char   ***argv)
{
  return delete_or_restore (globals, argv, TRUE);
}

int
dd_cli_command_restore_task (Globals  *globals,
                             char   ***argv)
{
  return delete_or_restore (globals, argv, FALSE);
}
