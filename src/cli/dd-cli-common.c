/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-cli"

#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dd-cli.h"

/* Auxiliary methods */

/* The default print handlers convert to the locale's charset; the contract
 * of the command line is UTF-8 always (scripts parse it), so write as is —
 * but for the controls and noncharacters a file may hold (an ESC sequence
 * in a task's title would be obeyed by the terminal), written as “\uXXXX”,
 * which a JSON string reads back as the same character. */
void
dd_cli_print_utf8_stdout (const char *string)
{
  g_autofree char *escaped = dd_text_dup_escaped_for_terminal (string);

  fputs (escaped, stdout);
}

void
dd_cli_print_utf8_stderr (const char *string)
{
  g_autofree char *escaped = dd_text_dup_escaped_for_terminal (string);

  fputs (escaped, stderr);
}

void
dd_cli_print_error (const GError *error)
{
  g_printerr (MESSAGE_PREFIX "%s\n", error->message);
}

/* Prints @message, then the help of the command (@context), on stderr. */
static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_autofree char *help = NULL;

  if (message != NULL)
    g_printerr (MESSAGE_PREFIX "%s\n\n", message);

  help = g_option_context_get_help (context, TRUE, NULL);
  g_printerr ("%s", help);

  return EXIT_USAGE;
}

int
dd_cli_usage_error_main (Globals    *globals,
                         const char *message)
{
  if (message != NULL)
    g_printerr (MESSAGE_PREFIX "%s\n\n", message);
  if (globals->main_help != NULL)
    g_printerr ("%s", globals->main_help);

  return EXIT_USAGE;
}

/* Sets @error to the usage error @message and returns FALSE, for a
 * check's "return dd_cli_set_usage_error (error, _(…));". */
gboolean
dd_cli_set_usage_error (GError     **error,
                        const char  *message)
{
  g_set_error_literal (error, DD_CLI_ERROR, DD_CLI_ERROR_USAGE, message);
  return FALSE;
}

/* Sets @error to the refusal (exit 1) of the formatted message and returns
 * FALSE. */
gboolean
dd_cli_set_refused (GError     **error,
                    const char  *format,
                    ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (DD_CLI_ERROR, DD_CLI_ERROR_REFUSED, format, args));
  va_end (args);
  return FALSE;
}

static gboolean
parse_format (const char   *text,
              OutputFormat *out_format)
{
  if (text == NULL || g_str_equal (text, "text"))
    *out_format = FORMAT_TEXT;
  else if (g_str_equal (text, "json"))
    *out_format = FORMAT_JSON;
  else
    return FALSE;

  return TRUE;
}

/* Reads the date @text given to @option ("--as-of") into @date, or refuses
 * it. A NULL @text (the option not given) leaves @date as it is. */
gboolean
dd_cli_parse_date_option (const char  *option,
                          const char  *text,
                          GDate       *date,
                          GError     **error)
{
  if (text == NULL || dd_date_parse_any (text, date))
    return TRUE;

  /* Translators: the first %s is an option name ("--as-of"), the second
   * what the user typed. */
  return dd_cli_set_refused (error, _("%s: “%s” is not a valid date (use YYYY-MM-DD or dd/mm/yyyy)"),
                             option, text);
}

char *
dd_cli_dup_date_iso (const GDate *date)
{
  return dd_date_is_set (date) ? dd_date_to_iso (date) : NULL;
}

char *
dd_cli_dup_date_dmy (const GDate *date)
{
  return dd_date_is_set (date) ? dd_format_date (date) : NULL;
}

void
dd_cli_builder_add_string_or_null (JsonBuilder *builder,
                                   const char  *member,
                                   const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
dd_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *data = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, NULL);
  g_print ("%s\n", data);
}

void
dd_cli_print_table (DdCliTable *table)
{
  g_autofree char *text = dd_cli_table_to_string (table);

  g_print ("%s", text);
}

/* The preamble */

G_DEFINE_QUARK (dd-cli-error-quark, dd_cli_error)

/* A copy of the command's table of options whose values point into
 * @options, and for --format at @format_text. Free with g_free(). */
static GOptionEntry *
bind_entries (const DdCliCommand  *command,
              gpointer             options,
              char               **format_text)
{
  gboolean has_format = FALSE;
  GOptionEntry *entries;
  guint n = 0;

  while (command->entries != NULL && command->entries[n].long_name != NULL)
    n++;

  entries = g_new0 (GOptionEntry, n + 1);
  for (guint i = 0; i < n; i++)
    {
      entries[i] = command->entries[i];
      if (entries[i].arg_data == DD_CLI_FORMAT_OPTION)
        {
          has_format = TRUE;
          entries[i].arg_data = format_text;
          entries[i].description = N_("Output format: text or json");
          entries[i].arg_description = N_("FORMAT");
        }
      else
        {
          g_assert (GPOINTER_TO_SIZE (entries[i].arg_data) < command->options_size);
          entries[i].arg_data = (char *) options + GPOINTER_TO_SIZE (entries[i].arg_data);
        }
    }
  g_assert (has_format == (command->formats == DD_CLI_FORMATS_TEXT_JSON));

  return entries;
}

/* Frees what the options hold, @options and @entries. */
static void
free_options (const DdCliCommand *command,
              GOptionEntry       *entries,
              gpointer            options)
{
  if (command->clear != NULL)
    command->clear (options);

  for (guint i = 0; entries[i].long_name != NULL; i++)
    {
      if (entries[i].arg == G_OPTION_ARG_STRING || entries[i].arg == G_OPTION_ARG_FILENAME)
        g_clear_pointer ((char **) entries[i].arg_data, g_free);
      else if (entries[i].arg == G_OPTION_ARG_STRING_ARRAY || entries[i].arg == G_OPTION_ARG_FILENAME_ARRAY)
        g_clear_pointer ((char ***) entries[i].arg_data, g_strfreev);
    }

  g_free (entries);
  g_free (options);
}

/* Prints @error and returns the exit status it calls for. */
static int
report_error (GOptionContext *context,
              Globals        *globals,
              const GError   *error)
{
  if (g_error_matches (error, DD_CLI_ERROR, DD_CLI_ERROR_USAGE))
    return usage_error (context, error->message);
  if (g_error_matches (error, DD_CLI_ERROR, DD_CLI_ERROR_USAGE_MAIN))
    return dd_cli_usage_error_main (globals, error->message);

  dd_cli_print_error (error);
  return EXIT_BAD_INPUT;
}

static DdStore *
open_store (DdCliStoreMode   mode,
            Globals         *globals,
            GError         **error)
{
  g_autofree char *path = NULL;

  if (dd_pg_location_is_uri (globals->db_path))
    return dd_cli_open_server_store (globals, error);
  if (mode == DD_CLI_STORE_READ_WRITE)
    return dd_cli_open_store (globals, error);

  /* Read-only: checking a file never changes it (no upgrade, no backup). */
  g_assert (mode == DD_CLI_STORE_READ_ONLY);
  path = dd_cli_dup_database_path (globals);
  return dd_store_open (path, DD_STORE_OPEN_READ_ONLY, error);
}

/* Says on stderr what the output cannot: that the file is damaged or was
 * changed outside Đôn Đốc, or that a command that would write found it
 * read-only (a command that opens it read-only asked for that), and that
 * the daily backup failed. */
static void
warn_about_file (DdStore        *store,
                 DdCliStoreMode  mode)
{
  const char *reason = dd_store_get_read_only_reason (store);
  const char *backup = dd_store_get_backup_warning (store);

  if (reason != NULL &&
      (dd_store_is_damaged (store) || dd_store_is_tampered (store) || mode == DD_CLI_STORE_READ_WRITE))
    g_printerr (MESSAGE_PREFIX "%s\n", reason);
  if (backup != NULL)
    g_printerr (MESSAGE_PREFIX "%s\n", backup);
}

/* Steps 1 to 7 of DdCliCommand; @cli->argv holds the arguments. */
static int
run_steps (const DdCliCommand  *command,
           DdCliInvocation     *cli,
           GOptionContext      *context,
           gpointer             options,
           char               **format_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_ignore_unknown_options (context, command->negative_numbers);
  if (!g_option_context_parse_strv (context, &cli->argv, &error))
    return usage_error (context, error->message);
  cli->argc = g_strv_length (cli->argv);

  if (command->n_args != DD_CLI_ARGS_ANY && cli->argc != (guint) command->n_args + 1)
    return usage_error (context, _(command->args_error));
  if (command->check_usage != NULL && !command->check_usage (cli, options, &error))
    return report_error (context, cli->globals, error);
  if (!parse_format (*format_text, &cli->format))
    return usage_error (context, _("The format must be “text” or “json”"));
  if (command->check != NULL && !command->check (cli, options, &error))
    return report_error (context, cli->globals, error);

  if (command->store != DD_CLI_STORE_NONE)
    {
      store = open_store (command->store, cli->globals, &error);
      if (store == NULL)
        return report_error (context, cli->globals, error);
      /* A server's data is read into a store of its own, read-only. */
      if (!dd_pg_location_is_uri (cli->globals->db_path))
        warn_about_file (store, command->store);
    }

  cli->store = store;
  if (!command->run (cli, options, &error))
    return report_error (context, cli->globals, error);

  return EXIT_OK;
}

/* Runs @command with its arguments @argv (its own name first), which it
 * may change: the options it parses are taken out. Returns the exit status. */
int
dd_cli_run_command (const DdCliCommand   *command,
                    Globals              *globals,
                    char               ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  DdCliInvocation cli = { globals, *argv, 0, FORMAT_TEXT, NULL };
  char *format_text = NULL;
  gpointer options = g_malloc0 (command->options_size);
  GOptionEntry *entries;
  int status;

  if (command->init != NULL)
    command->init (options);
  entries = bind_entries (command, options, &format_text);

  context = g_option_context_new (_(command->parameter_string));
  if (command->summary != NULL)
    g_option_context_set_summary (context, _(command->summary));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  status = run_steps (command, &cli, context, options, &format_text);

  *argv = cli.argv;
  free_options (command, entries, options);
  return status;
}

/* Store */

char *
dd_cli_sample_default_path (void)
{
  g_autofree char *default_path = dd_store_dup_default_path ();
  g_autofree char *dir = g_path_get_dirname (default_path);

  return g_build_filename (dir, "dondoc-mau.sqlite", NULL);
}

/* The file the global options name, whether or not it exists. */
char *
dd_cli_dup_database_path (Globals *globals)
{
  if (globals->db_path != NULL)
    return g_strdup (globals->db_path);
  if (globals->sample_data)
    return dd_cli_sample_default_path ();
  return dd_store_dup_default_path ();
}

/* Creates @path with the sample data set. Nothing is left behind on failure. */
DdStore *
dd_cli_create_sample_store (const char  *path,
                     GError     **error)
{
  g_autoptr(DdStore) store = NULL;
  GDate today;

  store = dd_store_open (path, DD_STORE_OPEN_CREATE, error);
  if (store == NULL)
    return NULL;

  dd_date_set_today (&today);
  if (!dd_store_load_sample (store, &today, error))
    {
      g_clear_object (&store);
      g_unlink (path);
      return NULL;
    }

  return g_steal_pointer (&store);
}

/* Opens the database the global options name:
 *  --db FILE            FILE, which must exist and be a Đôn Đốc database;
 *  --sample-data        the sample database, created when it does not exist
 *                       (FILE when --db is given, else next to the default);
 *  nothing              the default database, created with plan 662 on
 *                       first use.
 * A file named by --db is never created here (see "init"). */
DdStore *
dd_cli_open_store (Globals  *globals,
            GError  **error)
{
  if (globals->sample_data)
    {
      g_autofree char *path = NULL;

      if (globals->db_path != NULL)
        path = g_strdup (globals->db_path);
      else
        {
          g_autofree char *dir = NULL;

          path = dd_cli_sample_default_path ();
          dir = g_path_get_dirname (path);
          if (g_mkdir_with_parents (dir, 0700) != 0)
            {
              int saved_errno = errno;

              g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                           _("Cannot create the folder “%s”: %s"),
                           dir, g_strerror (saved_errno));
              return NULL;
            }
        }

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return dd_cli_create_sample_store (path, error);

      return dd_store_open (path, DD_STORE_OPEN_EXISTING, error);
    }

  if (globals->db_path != NULL)
    return dd_store_open (globals->db_path, DD_STORE_OPEN_EXISTING, error);

  return dd_store_open_default (error);
}

DdPlan *
dd_cli_find_plan (DdStore     *store,
           const char  *number,
           GError     **error)
{
  g_autoptr(GListModel) plans = NULL;
  g_autofree char *wanted = NULL;
  guint n;

  plans = dd_store_list_plans (store, error);
  if (plans == NULL)
    return NULL;

  n = g_list_model_get_n_items (plans);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdPlan) plan = g_list_model_get_item (plans, i);

      if (g_strcmp0 (dd_plan_get_number (plan), number) == 0)
        return g_steal_pointer (&plan);
    }

  /* "662/kh-vpub" or "662 / KH-VPUB" as typed by a person. */
  wanted = dd_text_fold_for_search (number);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdPlan) plan = g_list_model_get_item (plans, i);
      g_autofree char *folded = dd_text_fold_for_search (dd_plan_get_number (plan));

      if (g_strcmp0 (folded, wanted) == 0)
        return g_steal_pointer (&plan);
    }

  g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
               _("There is no plan numbered “%s”"), number);
  return NULL;
}

DdUnit *
dd_cli_find_unit (DdStore     *store,
           const char  *name,
           GError     **error)
{
  g_autoptr(GListModel) units = NULL;
  g_autofree char *key = NULL;
  g_autofree char *folded = NULL;
  guint n;

  units = dd_store_list_units (store, 0, error);
  if (units == NULL)
    return NULL;

  n = g_list_model_get_n_items (units);

  /* First the store's own notion of "the same unit", which keeps
   * diacritics; then a diacritic-blind match for a name typed without them. */
  key = dd_text_unit_match_key (name);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);
      g_autofree char *unit_key = dd_text_unit_match_key (dd_unit_get_name (unit));

      if (g_strcmp0 (unit_key, key) == 0)
        return g_steal_pointer (&unit);
    }

  folded = dd_text_fold_for_search (name);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);
      g_autofree char *unit_folded = dd_text_fold_for_search (dd_unit_get_name (unit));

      if (g_strcmp0 (unit_folded, folded) == 0)
        return g_steal_pointer (&unit);
    }

  g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW,
               _("There is no unit named “%s”"), name);
  return NULL;
}

/* The id of the plan numbered @number (when @number is not NULL), or FALSE
 * with the error that there is no such plan. @out_id is left as it is when
 * @number is NULL. */
gboolean
dd_cli_resolve_plan (DdStore     *store,
                     const char  *number,
                     gint64      *out_id,
                     GError     **error)
{
  g_autoptr(DdPlan) plan = NULL;

  if (number == NULL)
    return TRUE;
  plan = dd_cli_find_plan (store, number, error);
  if (plan == NULL)
    return FALSE;
  *out_id = dd_plan_get_id (plan);
  return TRUE;
}

/* Tasks */

void
dd_cli_add_task_json (JsonBuilder *builder,
               DdTask      *task)
{
  const char * const *coordinators = dd_task_get_coordinators (task);
  g_autofree char *due = dd_cli_dup_date_iso (dd_task_get_due (task));
  g_autofree char *completed_on = dd_cli_dup_date_iso (dd_task_get_completed_on (task));

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, dd_task_get_id (task));
  dd_cli_builder_add_string_or_null (builder, "plan", dd_task_get_plan_number (task));
  dd_cli_builder_add_string_or_null (builder, "number", dd_task_get_number (task));
  dd_cli_builder_add_string_or_null (builder, "title", dd_task_get_title (task));
  dd_cli_builder_add_string_or_null (builder, "lead", dd_task_get_lead (task));

  json_builder_set_member_name (builder, "coordinators");
  json_builder_begin_array (builder);
  for (guint i = 0; coordinators != NULL && coordinators[i] != NULL; i++)
    json_builder_add_string_value (builder, coordinators[i]);
  json_builder_end_array (builder);

  dd_cli_builder_add_string_or_null (builder, "deadline_kind",
                              dd_deadline_kind_to_string (dd_task_get_deadline_kind (task)));
  dd_cli_builder_add_string_or_null (builder, "due", due);
  dd_cli_builder_add_string_or_null (builder, "deadline_text", dd_task_get_deadline_text (task));
  json_builder_set_member_name (builder, "deadline_understood");
  json_builder_add_boolean_value (builder, dd_task_get_deadline_understood (task));
  dd_cli_builder_add_string_or_null (builder, "product", dd_task_get_product (task));
  dd_cli_builder_add_string_or_null (builder, "directing", dd_task_get_directing (task));
  dd_cli_builder_add_string_or_null (builder, "status",
                              dd_task_status_to_string (dd_task_get_status (task)));
  dd_cli_builder_add_string_or_null (builder, "completed_on", completed_on);
  json_builder_set_member_name (builder, "progress");
  json_builder_add_int_value (builder, dd_task_get_progress (task));
  dd_cli_builder_add_string_or_null (builder, "actual_product", dd_task_get_actual_product (task));
  dd_cli_builder_add_string_or_null (builder, "note", dd_task_get_note (task));
  json_builder_set_member_name (builder, "revision");
  json_builder_add_int_value (builder, dd_task_get_revision (task));

  json_builder_end_object (builder);
}

/* What the "Deadline" column shows: the date, else the kind of deadline,
 * else the text as written. */
char *
dd_cli_dup_task_deadline_cell (DdTask *task)
{
  const GDate *due = dd_task_get_due (task);
  DdDeadlineKind kind = dd_task_get_deadline_kind (task);
  const char *text = dd_task_get_deadline_text (task);

  if (dd_date_is_set (due))
    return dd_format_date (due);
  if (kind != DD_DEADLINE_NONE)
    return g_strdup (dd_deadline_kind_get_label (kind));
  if (text != NULL && *text != '\0')
    return g_strdup (text);

  return g_strdup ("—");
}

DdCliTable *
dd_cli_new_task_table (void)
{
  DdCliTable *table = dd_cli_table_new (8);

  dd_cli_table_set_column (table, 0, C_("cli column", "ID"), DD_CLI_ALIGN_RIGHT, 0);
  dd_cli_table_set_column (table, 1, C_("cli column", "Plan"), DD_CLI_ALIGN_LEFT, 16);
  /* Translators: the task's number in the plan's appendix (TT). */
  dd_cli_table_set_column (table, 2, C_("cli column", "No."), DD_CLI_ALIGN_LEFT, 6);
  dd_cli_table_set_column (table, 3, C_("cli column", "Task"), DD_CLI_ALIGN_LEFT, 48);
  dd_cli_table_set_column (table, 4, C_("cli column", "Lead"), DD_CLI_ALIGN_LEFT, 28);
  dd_cli_table_set_column (table, 5, C_("cli column", "Deadline"), DD_CLI_ALIGN_LEFT, 30);
  dd_cli_table_set_column (table, 6, C_("cli column", "Status"), DD_CLI_ALIGN_LEFT, 0);
  dd_cli_table_set_column (table, 7, C_("cli column", "Progress"), DD_CLI_ALIGN_RIGHT, 0);

  return table;
}

void
dd_cli_add_task_row (DdCliTable *table,
              DdTask     *task)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, dd_task_get_id (task));
  g_autofree char *deadline = dd_cli_dup_task_deadline_cell (task);
  g_autofree char *progress = dd_format_percent (dd_task_get_progress (task), 0);
  const char *cells[] = {
    id,
    dd_task_get_plan_number (task),
    dd_task_get_number (task),
    dd_task_get_title (task),
    dd_task_get_lead (task) != NULL ? dd_task_get_lead (task) : "—",
    deadline,
    dd_task_status_get_label (dd_task_get_status (task)),
    progress,
  };

  dd_cli_table_add_row (table, cells);
}

