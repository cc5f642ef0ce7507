/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-cli.h"

/*
 * The events of a task's life (issue 15): task add, task edit, task delete
 * and extend (gia hạn). The rules are the store's (dd_store_save_task(),
 * dd_store_extend_task()); this file reads the options and prints.
 */

/* Auxiliary methods */

/* The task @text names (a positive whole number), or a refusal. */
static gboolean
parse_task_id (const char  *text,
               gint64      *out_id,
               GError     **error)
{
  guint64 id = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL))
    return dd_cli_set_refused (error, _("“%s” is not a task ID (a positive whole number)"), text);
  *out_id = (gint64) id;
  return TRUE;
}

/* The task @task_id as of today, or the refusal that there is none. */
static DdTask *
get_task (DdStore     *store,
          gint64       task_id,
          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  DdTask *task;
  GDate today;

  dd_date_set_today (&today);
  task = dd_store_get_task (store, task_id, &today, &local_error);
  if (task != NULL)
    return task;
  if (local_error == NULL || g_error_matches (local_error, DD_STORE_ERROR, DD_STORE_ERROR_NO_SUCH_ROW))
    g_set_error (error, DD_CLI_ERROR, DD_CLI_ERROR_REFUSED,
                 _("There is no task with ID %lld"), (long long) task_id);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* The plan --plan names: "adhoc" (the built-in plan of assignments
 * outside any plan), a plan's id, or its number. */
static gboolean
resolve_plan (DdStore     *store,
              const char  *text,
              gint64      *out_id,
              GError     **error)
{
  g_autoptr(GListModel) plans = NULL;
  guint64 id = 0;

  if (g_ascii_strcasecmp (text, "adhoc") == 0)
    {
      *out_id = dd_store_get_adhoc_plan_id (store, error);
      return *out_id > 0;
    }
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL))
    return dd_cli_resolve_plan (store, text, out_id, error);

  plans = dd_store_list_plans (store, error);
  if (plans == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(DdPlan) plan = g_list_model_get_item (plans, i);

      if (dd_plan_get_id (plan) == (gint64) id)
        {
          *out_id = (gint64) id;
          return TRUE;
        }
    }
  /* A plan numbered with digits only. */
  return dd_cli_resolve_plan (store, text, out_id, error);
}

/* The source document as a JSON object (null when none): its parts, as
 * stored (the sentence an office writes is the text output's). */
static JsonNode *
source_json (const DdSourceDocument *source)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *date = NULL;

  if (source == NULL)
    return json_node_new (JSON_NODE_NULL);

  builder = json_builder_new ();
  date = dd_cli_dup_date_iso (&source->date);
  json_builder_begin_object (builder);
  dd_cli_builder_add_string_or_null (builder, "kind", source->kind);
  dd_cli_builder_add_string_or_null (builder, "number", source->number);
  dd_cli_builder_add_string_or_null (builder, "date", date);
  dd_cli_builder_add_string_or_null (builder, "issuer", source->issuer);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Prints @task_id as the task list's JSON prints a task, with what only
 * one task's reading holds: its source document ("source"). */
static gboolean
print_task_json (DdStore  *store,
                 gint64    task_id,
                 GError  **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(DdTask) task = get_task (store, task_id, error);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;

  if (task == NULL)
    return FALSE;
  dd_cli_add_task_json (builder, task);
  root = json_builder_get_root (builder);
  json_object_set_member (json_node_get_object (root), "source", source_json (dd_task_get_source (task)));
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, NULL);
  g_print ("%s\n", data);
  return TRUE;
}

/* task */

typedef enum
{
  TASK_ADD,
  TASK_EDIT,
  TASK_DELETE,
} TaskAction;

typedef struct
{
  char *plan;
  char *title;
  char *lead;
  char *coordinators;
  char *deadline;
  char *due_text;
  char *product;
  char *directing;
  char *source_text;
  char *person;
  TaskAction action;
  gint64 task_id;
  GDate due;
  DdSourceDocument *source;
} TaskOptions;

static void
task_clear (gpointer data)
{
  TaskOptions *options = data;

  g_clear_pointer (&options->source, dd_source_document_free);
}

static gboolean
task_has_fields (TaskOptions *options)
{
  return options->plan != NULL || options->title != NULL || options->lead != NULL ||
         options->coordinators != NULL || options->deadline != NULL || options->due_text != NULL ||
         options->product != NULL || options->directing != NULL || options->source_text != NULL ||
         options->person != NULL;
}

static gboolean
task_check_usage (DdCliInvocation  *cli,
                  gpointer          data,
                  GError          **error)
{
  TaskOptions *options = data;
  const char *action = cli->argc > 1 ? cli->argv[1] : NULL;

  if (g_strcmp0 (action, "add") == 0)
    options->action = TASK_ADD;
  else if (g_strcmp0 (action, "edit") == 0)
    options->action = TASK_EDIT;
  else if (g_strcmp0 (action, "delete") == 0)
    options->action = TASK_DELETE;
  else
    return dd_cli_set_usage_error (error, _("Say what to do with the task: add, edit ID or delete ID"));

  if (options->action == TASK_ADD && cli->argc != 2)
    return dd_cli_set_usage_error (error, _("“task add” takes no arguments, only options"));
  if (options->action != TASK_ADD && cli->argc != 3)
    return dd_cli_set_usage_error (error, _("“task edit” and “task delete” need exactly one task ID"));
  if (options->action == TASK_ADD && (options->plan == NULL || options->title == NULL || options->lead == NULL))
    return dd_cli_set_usage_error (error, _("“task add” needs --plan, --title and --lead"));
  if (options->action == TASK_EDIT && !task_has_fields (options))
    return dd_cli_set_usage_error (error, _("Say what to change: --plan, --title, --lead, --coordinators, "
                                            "--deadline, --due, --product, --directing, --source or --person"));
  if (options->action == TASK_DELETE && task_has_fields (options))
    return dd_cli_set_usage_error (error, _("“task delete” takes no options other than --format"));
  if (options->deadline != NULL && options->due_text != NULL)
    return dd_cli_set_usage_error (error, _("Give either --deadline or --due, not both"));
  return TRUE;
}

static gboolean
task_check (DdCliInvocation  *cli,
            gpointer          data,
            GError          **error)
{
  TaskOptions *options = data;
  g_autoptr(GError) local_error = NULL;

  if (options->action != TASK_ADD && !parse_task_id (cli->argv[2], &options->task_id, error))
    return FALSE;

  g_date_clear (&options->due, 1);
  if (!dd_cli_parse_date_option ("--due", options->due_text, &options->due, error))
    return FALSE;

  if (options->source_text != NULL && !dd_text_is_blank (options->source_text))
    {
      options->source = dd_source_document_parse (options->source_text, &local_error);
      if (options->source == NULL)
        /* Translators: %s says what is wrong with the text given to --source. */
        return dd_cli_set_refused (error, _("--source: %s"), local_error->message);
    }
  return TRUE;
}

/* Sets on @task what the options give. */
static gboolean
apply_fields (DdCliInvocation  *cli,
              TaskOptions      *options,
              DdTask           *task,
              GError          **error)
{
  g_autoptr(GError) local_error = NULL;

  if (options->plan != NULL && options->action == TASK_EDIT)
    {
      gint64 plan_id = 0;

      if (!resolve_plan (cli->store, options->plan, &plan_id, error))
        return FALSE;
      dd_task_set_plan_id (task, plan_id);
    }
  if (options->title != NULL)
    dd_task_set_title (task, options->title);
  if (options->lead != NULL)
    dd_task_set_lead (task, options->lead);
  if (options->coordinators != NULL)
    {
      g_auto(GStrv) names = g_strsplit (options->coordinators, ";", -1);

      dd_task_set_coordinators (task, (const char * const *) names);
    }
  if (options->deadline != NULL && !dd_task_set_deadline_text (task, options->deadline, &local_error))
    /* Translators: %s says what is wrong with the text given to --deadline. */
    return dd_cli_set_refused (error, _("--deadline: %s"), local_error->message);
  if (options->due_text != NULL)
    dd_task_set_due (task, &options->due);
  if (options->product != NULL)
    dd_task_set_product (task, options->product);
  if (options->directing != NULL)
    dd_task_set_directing (task, options->directing);
  if (options->source_text != NULL)
    dd_task_set_source (task, options->source);
  if (options->person != NULL)
    dd_task_set_person (task, options->person);
  return TRUE;
}

static gboolean
task_add (DdCliInvocation  *cli,
          TaskOptions      *options,
          GError          **error)
{
  g_autoptr(DdTask) task = NULL;
  gint64 plan_id = 0;

  if (!resolve_plan (cli->store, options->plan, &plan_id, error))
    return FALSE;
  task = dd_task_new (plan_id);
  if (!apply_fields (cli, options, task, error) || !dd_store_save_task (cli->store, task, error))
    return FALSE;

  if (cli->format == FORMAT_JSON)
    return print_task_json (cli->store, dd_task_get_id (task), error);
  g_print (_("Task %lld added.\n"), (long long) dd_task_get_id (task));
  return TRUE;
}

static gboolean
task_edit (DdCliInvocation  *cli,
           TaskOptions      *options,
           GError          **error)
{
  g_autoptr(DdTask) stored = get_task (cli->store, options->task_id, error);
  g_autoptr(DdTask) task = NULL;

  if (stored == NULL)
    return FALSE;
  task = dd_task_copy (stored);
  if (!apply_fields (cli, options, task, error) || !dd_store_save_task (cli->store, task, error))
    return FALSE;

  if (cli->format == FORMAT_JSON)
    return print_task_json (cli->store, options->task_id, error);
  g_print (_("Task %lld saved.\n"), (long long) options->task_id);
  return TRUE;
}

static gboolean
task_delete (DdCliInvocation  *cli,
             TaskOptions      *options,
             GError          **error)
{
  g_autoptr(DdTask) task = get_task (cli->store, options->task_id, error);

  if (task == NULL || !dd_store_delete_task (cli->store, options->task_id, error))
    return FALSE;

  if (cli->format == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      dd_cli_add_task_json (builder, task);
      dd_cli_print_json (builder);
    }
  else
    g_print (_("Task %lld moved to the recycle bin.\n"), (long long) options->task_id);
  return TRUE;
}

static gboolean
task_run (DdCliInvocation  *cli,
          gpointer          data,
          GError          **error)
{
  TaskOptions *options = data;

  switch (options->action)
    {
    case TASK_ADD:
      return task_add (cli, options, error);
    case TASK_EDIT:
      return task_edit (cli, options, error);
    case TASK_DELETE:
    default:
      return task_delete (cli, options, error);
    }
}

static const GOptionEntry task_entries[] = {
  { "plan", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (TaskOptions, plan),
    N_("The plan: its number, its ID, or “adhoc” for the assignments outside any plan"), N_("PLAN") },
  { "title", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (TaskOptions, title),
    N_("What is to be done"), N_("TEXT") },
  { "lead", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (TaskOptions, lead),
    N_("The lead unit (a unit not yet in the database is created)"), N_("UNIT") },
  { "coordinators", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (TaskOptions, coordinators),
    N_("The coordinating units, separated by “;”"), N_("UNITS") },
  { "deadline", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (TaskOptions, deadline),
    N_("The time as the plan writes it (“Trước 30/4/2026”, “Thường xuyên”, “Quý II/2026”)"), N_("TEXT") },
  { "due", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (TaskOptions, due_text),
    N_("The due date (YYYY-MM-DD or dd/mm/yyyy)"), N_("DATE") },
  { "product", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (TaskOptions, product),
    N_("The planned product"), N_("TEXT") },
  { "directing", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (TaskOptions, directing),
    N_("The leader accountable (Trách nhiệm chỉ đạo)"), N_("TEXT") },
  { "source", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (TaskOptions, source_text),
    N_("The document that assigned the task (“Thông báo kết luận số 125/TB-UBND ngày 02/12/2026”)"),
    N_("TEXT") },
  { "person", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (TaskOptions, person),
    N_("The person in charge in the lead unit"), N_("NAME") },
  DD_CLI_FORMAT_ENTRY,
  { NULL }
};

const DdCliCommand dd_cli_command_task = {
  .name = "task",
  .synopsis = N_("task add|edit|delete"),
  .description = N_("Add, change or delete a task"),
  .parameter_string = N_("task add|edit ID|delete ID — add, change or delete a task"),
  .summary = N_("“task add” needs --plan, --title and --lead; “task edit ID” changes only the "
                "fields given; “task delete ID” moves the task to the recycle bin."),
  .entries = task_entries,
  .options_size = sizeof (TaskOptions),
  .clear = task_clear,
  .n_args = DD_CLI_ARGS_ANY,
  .args_error = N_("Say what to do with the task: add, edit ID or delete ID"),
  .formats = DD_CLI_FORMATS_TEXT_JSON,
  .store = DD_CLI_STORE_READ_WRITE,
  .check_usage = task_check_usage,
  .check = task_check,
  .run = task_run,
};

/* extend */

typedef struct
{
  char *to_text;
  char *decision;
  char *reason;
  char *signed_by;
  char *signed_on_text;
  gint64 task_id;
  GDate to;
  GDate signed_on;
} ExtendOptions;

static gboolean
extend_check_usage (DdCliInvocation  *cli,
                    gpointer          data,
                    GError          **error)
{
  ExtendOptions *options = data;

  if (options->to_text == NULL || options->decision == NULL)
    return dd_cli_set_usage_error (error, _("“extend” needs --to DATE and --decision TEXT"));
  return TRUE;
}

static gboolean
extend_check (DdCliInvocation  *cli,
              gpointer          data,
              GError          **error)
{
  ExtendOptions *options = data;

  g_date_clear (&options->to, 1);
  g_date_clear (&options->signed_on, 1);
  return parse_task_id (cli->argv[1], &options->task_id, error) &&
         dd_cli_parse_date_option ("--to", options->to_text, &options->to, error) &&
         dd_cli_parse_date_option ("--signed-on", options->signed_on_text, &options->signed_on, error);
}

static gboolean
extend_run (DdCliInvocation  *cli,
            gpointer          data,
            GError          **error)
{
  ExtendOptions *options = data;
  g_autoptr(DdTask) task = get_task (cli->store, options->task_id, error);
  g_autofree char *to = NULL;

  if (task == NULL)
    return FALSE;
  if (!dd_store_extend_task (cli->store, options->task_id, &options->to, options->decision,
                             options->reason, options->signed_by,
                             options->signed_on_text != NULL ? &options->signed_on : NULL, error))
    return FALSE;

  if (cli->format == FORMAT_JSON)
    return print_task_json (cli->store, options->task_id, error);
  to = dd_format_date (&options->to);
  /* Translators: the task's ID, then its new due date. */
  g_print (_("Task %lld extended to %s.\n"), (long long) options->task_id, to);
  return TRUE;
}

static const GOptionEntry extend_entries[] = {
  { "to", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (ExtendOptions, to_text),
    N_("The new due date (YYYY-MM-DD or dd/mm/yyyy), after the current one"), N_("DATE") },
  { "decision", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (ExtendOptions, decision),
    N_("The document that allows it (“Công văn số 45/UBND-TH ngày 10/06/2026”)"), N_("TEXT") },
  { "reason", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (ExtendOptions, reason),
    N_("Why the deadline moves"), N_("TEXT") },
  { "signed-by", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (ExtendOptions, signed_by),
    N_("Who signed the decision"), N_("NAME") },
  { "signed-on", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (ExtendOptions, signed_on_text),
    N_("The date the decision was signed (default: today)"), N_("DATE") },
  DD_CLI_FORMAT_ENTRY,
  { NULL }
};

const DdCliCommand dd_cli_command_extend = {
  .name = "extend",
  .synopsis = N_("extend TASK_ID"),
  .description = N_("Extend the deadline of a task (administrators)"),
  .parameter_string = N_("extend TASK_ID — extend the deadline of a task"),
  .entries = extend_entries,
  .options_size = sizeof (ExtendOptions),
  .n_args = 1,
  .args_error = N_("“extend” needs exactly one task ID"),
  .formats = DD_CLI_FORMATS_TEXT_JSON,
  .store = DD_CLI_STORE_READ_WRITE,
  .check_usage = extend_check_usage,
  .check = extend_check,
  .run = extend_run,
};
