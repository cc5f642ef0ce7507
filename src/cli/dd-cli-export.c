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

static int
run_export (Globals     *globals,
            char      ***argv,
            ExportKind   kind)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autofree char *out = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *plan_number = NULL;
  g_autofree char *unit_name = NULL;
  g_autofree char *period_text = NULL;
  g_autofree char *period_label = NULL;
  g_autofree char *font = NULL;
  g_autofree char *place = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *display = NULL;
  double font_size = 0;
  int exit_status = EXIT_OK;
  const char *suffix = kind == KIND_XLSX ? ".xlsx" : ".pdf";
  DdExportOptions options;
  GDate today;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out,
      kind == KIND_XLSX ? N_("Write the workbook to FILE (.xlsx)") : N_("Write the handout to FILE (.pdf)"),
      N_("FILE") },
    { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_number,
      N_("Only the tasks of the plan numbered NUMBER (default: the only plan, else all)"), N_("NUMBER") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period_text,
      N_("The reporting period: 2026, Q2/2026, H1/2026, 5/2026 or DATE..DATE"), N_("PERIOD") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("Work out the status as of DATE (default: today, or the end of a past period)"), N_("DATE") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit_name,
      N_("Only the tasks the unit NAME leads or coordinates"), N_("NAME") },
    { "font", 0, 0, G_OPTION_ARG_STRING, &font,
      N_("The font (default: Times New Roman)"), N_("NAME") },
    { "font-size", 0, 0, G_OPTION_ARG_DOUBLE, &font_size,
      N_("The body text size in points (default: 13)"), N_("SIZE") },
    { "place", 0, 0, G_OPTION_ARG_STRING, &place,
      N_("The place of the date line (default: the province of the plan's issuer)"), N_("PLACE") },
    { NULL }
  };

  context = g_option_context_new (kind == KIND_XLSX
                                    ? _("— write the meeting workbook (.xlsx)")
                                    : _("— write the printable meeting handout (.pdf)"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dd_cli_parse_command_options (context, argv, &exit_status))
    return exit_status;

  if (g_strv_length (*argv) > 1)
    return dd_cli_usage_error (context, kind == KIND_XLSX ? _("“export” takes no arguments")
                                                          : _("“report” takes no arguments"));
  if (out == NULL)
    return dd_cli_usage_error (context, _("Say where to write the file: --out FILE"));
  if (font_size != 0 && (font_size < 6 || font_size > 72))
    return dd_cli_usage_error (context, _("The font size must be between 6 and 72"));

  display = g_filename_display_name (out);
  lower = g_ascii_strdown (out, -1);
  if (!g_str_has_suffix (lower, suffix))
    {
      if (kind == KIND_XLSX)
        dd_cli_refuse (_("“%s”: the name of the workbook must end in .xlsx."), display);
      else
        dd_cli_refuse (_("“%s”: the name of the handout must end in .pdf."), display);
      return EXIT_BAD_INPUT;
    }

  dd_export_options_init (&options);
  dd_date_set_today (&today);
  if (period_text != NULL
      && !dd_export_parse_period (period_text, &options.from, &options.to, &period_label, &error))
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }
  options.period_label = period_label;
  if (as_of_text != NULL)
    {
      if (!dd_date_parse_any (as_of_text, &options.tasks.as_of))
        {
          dd_cli_print_invalid_date ("--as-of", as_of_text);
          return EXIT_BAD_INPUT;
        }
    }
  else if (dd_date_is_set (&options.to) && g_date_compare (&options.to, &today) < 0)
    options.tasks.as_of = options.to;
  else
    options.tasks.as_of = today;
  options.report_date = today;
  options.font_name = font;
  options.font_size = font_size;
  options.place = place;

  store = dd_cli_open_store_or_report (globals);
  if (store == NULL)
    return EXIT_BAD_INPUT;
  options.tasks.due_soon_days = dd_store_get_due_soon_days (store);

  if (!dd_cli_resolve_plan_or_report (store, plan_number, &options.tasks.plan_id))
    return EXIT_BAD_INPUT;
  else
    {
      g_autoptr(GListModel) plans = dd_store_list_plans (store, &error);

      if (plans == NULL)
        {
          dd_cli_print_error (error);
          return EXIT_BAD_INPUT;
        }
      if (g_list_model_get_n_items (plans) == 1)
        {
          g_autoptr(DdPlan) plan = g_list_model_get_item (plans, 0);

          options.tasks.plan_id = dd_plan_get_id (plan);
        }
    }

  if (unit_name != NULL)
    {
      g_autoptr(DdUnit) unit = dd_cli_find_unit (store, unit_name, &error);

      if (unit == NULL)
        {
          dd_cli_print_error (error);
          return EXIT_BAD_INPUT;
        }
      options.tasks.unit_id = dd_unit_get_id (unit);
    }

  if (kind == KIND_XLSX)
    ok = dd_export_xlsx (store, &options, out, &error);
  else
    ok = dd_export_pdf (store, &options, out, &error);
  if (!ok)
    {
      dd_cli_print_error (error);
      return EXIT_BAD_INPUT;
    }

  {
    g_autofree char *line = kind == KIND_XLSX
                              ? g_strdup_printf (_("Wrote the workbook “%s”.\n"), display)
                              : g_strdup_printf (_("Wrote the handout “%s”.\n"), display);

    dd_cli_print_utf8_stdout (line);
  }
  return EXIT_OK;
}

int
dd_cli_command_export (Globals  *globals,
                       char   ***argv)
{
  return run_export (globals, argv, KIND_XLSX);
}

int
dd_cli_command_report (Globals  *globals,
                       char   ***argv)
{
  return run_export (globals, argv, KIND_PDF);
}
