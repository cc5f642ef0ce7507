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

static gboolean
parse_task_id (const char  *text,
               gint64      *out_id,
               GError     **error)
{
  guint64 id;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL))
    return dd_cli_set_refused (error, _("“%s” is not a task ID (a positive whole number)"), text);
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

/* history */

typedef struct
{
  char *task_text;
  char *since_text;
  char *user;
  gint64 task_id;
  GDate since;
} HistoryOptions;

static gboolean
history_check (DdCliInvocation  *cli,
               gpointer          data,
               GError          **error)
{
  HistoryOptions *options = data;

  if (options->task_text != NULL && !parse_task_id (options->task_text, &options->task_id, error))
    return FALSE;
  g_date_clear (&options->since, 1);
  return dd_cli_parse_date_option ("--since", options->since_text, &options->since, error);
}

static void
print_history_json (GPtrArray *entries)
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

static void
print_history_text (GPtrArray *entries)
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

static gboolean
history_run (DdCliInvocation  *cli,
             gpointer          data,
             GError          **error)
{
  HistoryOptions *options = data;
  g_autoptr(DdHistory) history = dd_history_new (cli->store);
  g_autoptr(GPtrArray) entries = NULL;

  entries = dd_history_list (history, options->task_id, &options->since, options->user, 0, error);
  if (entries == NULL)
    return FALSE;

  if (cli->format == FORMAT_JSON)
    print_history_json (entries);
  else
    print_history_text (entries);
  return TRUE;
}

static const GOptionEntry history_entries[] = {
  { "task", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (HistoryOptions, task_text),
    N_("Only the changes of the task ID"), N_("ID") },
  { "since", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (HistoryOptions, since_text),
    N_("Only the changes made on or after DATE (UTC)"), N_("DATE") },
  { "user", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (HistoryOptions, user),
    N_("Only the changes made by the account ACCOUNT"), N_("ACCOUNT") },
  DD_CLI_FORMAT_ENTRY,
  { NULL }
};

const DdCliCommand dd_cli_command_history = {
  .name = "history",
  .synopsis = N_("history"),
  .description = N_("Who changed what and when (--task ID, --since DATE)"),
  .parameter_string = N_("history — who changed what, and when"),
  .entries = history_entries,
  .options_size = sizeof (HistoryOptions),
  .n_args = 0,
  .args_error = N_("“history” takes no arguments"),
  .formats = DD_CLI_FORMATS_TEXT_JSON,
  .store = DD_CLI_STORE_READ_WRITE,
  .check = history_check,
  .run = history_run,
};

/* backup */

typedef struct
{
  char *to;
} BackupOptions;

static gboolean
backup_run (DdCliInvocation  *cli,
            gpointer          data,
            GError          **error)
{
  BackupOptions *options = data;
  g_autoptr(DdBackups) backups = dd_backups_new (cli->store);
  g_autofree char *path = dd_backups_make (backups, options->to, error);

  if (path == NULL)
    return FALSE;
  g_print ("%s\n", path);
  return TRUE;
}

static const GOptionEntry backup_entries[] = {
  { "to", 0, 0, G_OPTION_ARG_FILENAME, DD_CLI_OPTION (BackupOptions, to),
    N_("Write the backup into the folder DIR (default: the database's backup folder)"), N_("DIR") },
  { NULL }
};

const DdCliCommand dd_cli_command_backup = {
  .name = "backup",
  .synopsis = N_("backup"),
  .description = N_("Copy the database into its backup folder (--to DIR)"),
  .parameter_string = N_("backup — copy the database into its backup folder"),
  .entries = backup_entries,
  .options_size = sizeof (BackupOptions),
  .n_args = 0,
  .args_error = N_("“backup” takes no arguments"),
  .store = DD_CLI_STORE_READ_WRITE,
  .run = backup_run,
};

/* restore */

static gboolean
restore_run (DdCliInvocation  *cli,
             gpointer          options,
             GError          **error)
{
  g_autofree char *path = dd_cli_dup_database_path (cli->globals);

  /* The database is not opened: the file is replaced whole. */
  if (!dd_backups_restore_file (path, cli->argv[1], error))
    return FALSE;
  /* Translators: the database file, then the backup it was restored from. */
  g_print (_("Restored %s from %s\n"), path, cli->argv[1]);
  return TRUE;
}

const DdCliCommand dd_cli_command_restore = {
  .name = "restore",
  .synopsis = N_("restore BACKUP_FILE"),
  .description = N_("Replace the database by a backup (the current file is kept as a backup)"),
  .parameter_string = N_("restore BACKUP_FILE — replace the database by a backup "
                         "(the current file is kept as a backup too)"),
  .n_args = 1,
  .args_error = N_("“restore” needs exactly one backup file"),
  .store = DD_CLI_STORE_NONE,
  .run = restore_run,
};

/* verify */

static gboolean
verify_run (DdCliInvocation  *cli,
            gpointer          options,
            GError          **error)
{
  g_autofree char *report = NULL;
  const char *lock_warning;

  if (!dd_store_verify (cli->store, &report, error))
    {
      if (report != NULL)
        g_print ("%s", report);
      return FALSE;
    }
  g_print ("%s", report);
  lock_warning = dd_store_get_lock_warning (cli->store);
  if (lock_warning != NULL)
    g_printerr (MESSAGE_PREFIX "%s\n", lock_warning);
  g_print (_("The database is in good order.\n"));
  return TRUE;
}

const DdCliCommand dd_cli_command_verify = {
  .name = "verify",
  .synopsis = N_("verify"),
  .description = N_("Check the database's integrity and data version"),
  .parameter_string = N_("verify — check the database's integrity and data version"),
  .n_args = 0,
  .args_error = N_("“verify” takes no arguments"),
  .store = DD_CLI_STORE_READ_ONLY,
  .run = verify_run,
};

/* delete, restore-task: the recycle bin */

typedef struct
{
  gint64 task_id;
} RecycleOptions;

static gboolean
recycle_check (DdCliInvocation  *cli,
               gpointer          data,
               GError          **error)
{
  RecycleOptions *options = data;

  return parse_task_id (cli->argv[1], &options->task_id, error);
}

static gboolean
delete_run (DdCliInvocation  *cli,
            gpointer          data,
            GError          **error)
{
  RecycleOptions *options = data;

  if (!dd_store_delete_task (cli->store, options->task_id, error))
    return FALSE;
  g_print (_("Task %s moved to the recycle bin.\n"), cli->argv[1]);
  return TRUE;
}

static gboolean
restore_task_run (DdCliInvocation  *cli,
                  gpointer          data,
                  GError          **error)
{
  RecycleOptions *options = data;

  if (!dd_store_restore_task (cli->store, options->task_id, error))
    return FALSE;
  g_print (_("Task %s restored from the recycle bin.\n"), cli->argv[1]);
  return TRUE;
}

const DdCliCommand dd_cli_command_delete = {
  .name = "delete",
  .synopsis = N_("delete TASK_ID"),
  .description = N_("Move a task to the recycle bin"),
  .parameter_string = N_("delete TASK_ID — move a task to the recycle bin"),
  .options_size = sizeof (RecycleOptions),
  .n_args = 1,
  .args_error = N_("Give exactly one task ID"),
  .store = DD_CLI_STORE_READ_WRITE,
  .check = recycle_check,
  .run = delete_run,
};

const DdCliCommand dd_cli_command_restore_task = {
  .name = "restore-task",
  .synopsis = N_("restore-task TASK_ID"),
  .description = N_("Bring a task back from the recycle bin"),
  .parameter_string = N_("restore-task TASK_ID — bring a task back from the recycle bin"),
  .options_size = sizeof (RecycleOptions),
  .n_args = 1,
  .args_error = N_("Give exactly one task ID"),
  .store = DD_CLI_STORE_READ_WRITE,
  .check = recycle_check,
  .run = restore_task_run,
};
