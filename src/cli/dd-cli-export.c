/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-cli.h"

/*
 * `export` writes the meeting workbook (.xlsx), `report` the printable
 * handout (.pdf), for scheduled runs. Both write through a temporary file:
 * a file that cannot be written is reported (exit 1) and nothing is left.
 */

typedef enum
{
  KIND_XLSX,
  KIND_PDF,
} ExportKind;

typedef struct
{
  ExportKind kind;
  char *out;
  char *plan_number;
  char *period_text;
  char *as_of_text;
  char *unit_name;
  char *font;
  double font_size;
  char *place;
  char *lang;
  char *display;
  char *period_label;
  DdExportOptions export;
} ExportOptions;

static void
export_init (gpointer data)
{
  ExportOptions *options = data;

  options->kind = KIND_XLSX;
}

static void
report_init (gpointer data)
{
  ExportOptions *options = data;

  options->kind = KIND_PDF;
}

static void
export_clear (gpointer data)
{
  ExportOptions *options = data;

  g_clear_pointer (&options->display, g_free);
  g_clear_pointer (&options->period_label, g_free);
}

static gboolean
check_file (ExportOptions  *options,
            GError        **error)
{
  g_autofree char *lower = NULL;

  if (options->out == NULL)
    return dd_cli_set_usage_error (error, _("Say where to write the file: --out FILE"));
  if (options->font_size != 0 && (options->font_size < 6 || options->font_size > 72))
    return dd_cli_set_usage_error (error, _("The font size must be between 6 and 72"));

  if (options->lang != NULL && g_strcmp0 (options->lang, "vi") != 0 && g_strcmp0 (options->lang, "en") != 0)
    {
      g_autofree char *message = g_strdup_printf (_("--lang: “%s” is not a language of the documents: say vi or en"),
                                                  options->lang);

      return dd_cli_set_usage_error (error, message);
    }

  options->display = g_filename_display_name (options->out);
  lower = g_ascii_strdown (options->out, -1);
  if (options->kind == KIND_XLSX && !g_str_has_suffix (lower, ".xlsx"))
    return dd_cli_set_refused (error, _("“%s”: the name of the workbook must end in .xlsx."),
                               options->display);
  if (options->kind == KIND_PDF && !g_str_has_suffix (lower, ".pdf"))
    return dd_cli_set_refused (error, _("“%s”: the name of the handout must end in .pdf."),
                               options->display);
  return TRUE;
}

static gboolean
export_check (DdCliInvocation  *cli,
              gpointer          data,
              GError          **error)
{
  ExportOptions *options = data;
  DdExportOptions *export = &options->export;
  GDate today;

  if (!check_file (options, error))
    return FALSE;

  dd_export_options_init (export);
  dd_date_set_today (&today);
  if (options->period_text != NULL
      && !dd_export_parse_period (options->period_text, &export->from, &export->to,
                                  &options->period_label, error))
    return FALSE;
  export->period_label = options->period_label;
  if (options->as_of_text != NULL)
    {
      if (!dd_cli_parse_date_option ("--as-of", options->as_of_text, &export->tasks.as_of, error))
        return FALSE;
    }
  else if (dd_date_is_set (&export->to) && g_date_compare (&export->to, &today) < 0)
    export->tasks.as_of = export->to;
  else
    export->tasks.as_of = today;
  export->report_date = today;
  export->font_name = options->font;
  export->font_size = options->font_size;
  export->place = options->place;
  /* Vietnamese unless asked: whatever the locale of the job that runs it. */
  export->language = options->lang;
  return TRUE;
}

/* Completes the export's filters with what the database holds. */
static gboolean
resolve_filters (DdStore        *store,
                 ExportOptions  *options,
                 GError        **error)
{
  DdTaskQuery *tasks = &options->export.tasks;

  tasks->due_soon_days = dd_store_get_due_soon_days (store, error);
  if (error != NULL && *error != NULL)
    return FALSE;

  if (!dd_cli_resolve_plan (store, options->plan_number, &tasks->plan_id, error))
    return FALSE;
  else
    {
      g_autoptr(GListModel) plans = dd_store_list_plans (store, error);

      if (plans == NULL)
        return FALSE;
      if (g_list_model_get_n_items (plans) == 1)
        {
          g_autoptr(DdPlan) plan = g_list_model_get_item (plans, 0);

          tasks->plan_id = dd_plan_get_id (plan);
        }
    }

  if (options->unit_name != NULL)
    {
      g_autoptr(DdUnit) unit = dd_cli_find_unit (store, options->unit_name, error);

      if (unit == NULL)
        return FALSE;
      tasks->unit_id = dd_unit_get_id (unit);
    }
  return TRUE;
}

static gboolean
export_run (DdCliInvocation  *cli,
            gpointer          data,
            GError          **error)
{
  ExportOptions *options = data;
  g_autofree char *line = NULL;
  gboolean ok;

  if (!resolve_filters (cli->store, options, error))
    return FALSE;

  if (options->kind == KIND_XLSX)
    ok = dd_export_xlsx (cli->store, &options->export, options->out, error);
  else
    ok = dd_export_pdf (cli->store, &options->export, options->out, error);
  if (!ok)
    return FALSE;

  line = options->kind == KIND_XLSX
           ? g_strdup_printf (_("Wrote the workbook “%s”.\n"), options->display)
           : g_strdup_printf (_("Wrote the handout “%s”.\n"), options->display);
  dd_cli_print_utf8_stdout (line);
  return TRUE;
}

/* The options of both, but for the description of --out. */
#define EXPORT_ENTRIES(out_description) \
  { "out", 'o', 0, G_OPTION_ARG_FILENAME, DD_CLI_OPTION (ExportOptions, out), \
    out_description, N_("FILE") }, \
  { "plan", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (ExportOptions, plan_number), \
    N_("Only the tasks of the plan numbered NUMBER (default: the only plan, else all)"), N_("NUMBER") }, \
  { "period", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (ExportOptions, period_text), \
    N_("The reporting period: 2026, Q2/2026, H1/2026, 9M/2026, 5/2026 or DATE..DATE"), N_("PERIOD") }, \
  { "as-of", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (ExportOptions, as_of_text), \
    N_("Work out the status as of DATE (default: today, or the end of a past period)"), N_("DATE") }, \
  { "unit", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (ExportOptions, unit_name), \
    N_("Only the tasks the unit NAME leads or coordinates"), N_("NAME") }, \
  { "font", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (ExportOptions, font), \
    N_("The font (default: Times New Roman)"), N_("NAME") }, \
  { "font-size", 0, 0, G_OPTION_ARG_DOUBLE, DD_CLI_OPTION (ExportOptions, font_size), \
    N_("The body text size in points (default: 13)"), N_("SIZE") }, \
  { "place", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (ExportOptions, place), \
    N_("The place of the date line (default: the province of the plan's issuer)"), N_("PLACE") }, \
  { "lang", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (ExportOptions, lang), \
    N_("The language of the document: vi (default) or en"), N_("LANGUAGE") }, \
  { NULL }

static const GOptionEntry export_entries[] = {
  EXPORT_ENTRIES (N_("Write the workbook to FILE (.xlsx)"))
};

static const GOptionEntry report_entries[] = {
  EXPORT_ENTRIES (N_("Write the handout to FILE (.pdf)"))
};

const DdCliCommand dd_cli_command_export = {
  .name = "export",
  .synopsis = N_("export --out FILE.xlsx"),
  .description = N_("Write the meeting workbook (--plan, --period, --as-of)"),
  .parameter_string = N_("— write the meeting workbook (.xlsx)"),
  .entries = export_entries,
  .options_size = sizeof (ExportOptions),
  .init = export_init,
  .clear = export_clear,
  .n_args = 0,
  .args_error = N_("“export” takes no arguments"),
  .store = DD_CLI_STORE_READ_WRITE,
  .check = export_check,
  .run = export_run,
};

const DdCliCommand dd_cli_command_report = {
  .name = "report",
  .synopsis = N_("report --out FILE.pdf"),
  .description = N_("Write the printable meeting handout (--plan, --period, --as-of)"),
  .parameter_string = N_("— write the printable meeting handout (.pdf)"),
  .entries = report_entries,
  .options_size = sizeof (ExportOptions),
  .init = report_init,
  .clear = export_clear,
  .n_args = 0,
  .args_error = N_("“report” takes no arguments"),
  .store = DD_CLI_STORE_READ_WRITE,
  .check = export_check,
  .run = export_run,
};
