/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-cli.h"

/*
 * form export --unit UNIT --out FILE.xlsx [--as-of DATE]
 * form export --all --out DIR [--as-of DATE]
 * form import FILE.xlsx… [--unit UNIT] [--dry-run]
 *
 * The units' progress forms (dd-progress-form.h). An import reads every
 * file first: one refused form refuses them all (exit 1), nothing written.
 */

typedef struct
{
  char *unit;
  char *out;
  char *as_of_text;
  gboolean all;
  gboolean dry_run;
  gboolean export;
  GDate as_of;
} FormOptions;

static const GOptionEntry form_entries[] = {
  { "unit", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (FormOptions, unit),
    N_("The unit whose form to write, or that the forms read must be of"), N_("UNIT") },
  { "all", 0, 0, G_OPTION_ARG_NONE, DD_CLI_OPTION (FormOptions, all),
    N_("Write one form per unit that leads a task, into the folder --out"), NULL },
  { "out", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (FormOptions, out),
    N_("The file to write (with --unit) or the folder (with --all)"), N_("PATH") },
  { "as-of", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (FormOptions, as_of_text),
    N_("The form's date (default: today)"), N_("DATE") },
  { "dry-run", 0, 0, G_OPTION_ARG_NONE, DD_CLI_OPTION (FormOptions, dry_run),
    N_("Print what the forms would record, and write nothing"), NULL },
  { NULL }
};

static gboolean
form_check_usage (DdCliInvocation  *cli,
                  gpointer          data,
                  GError          **error)
{
  FormOptions *options = data;
  const char *action = cli->argc > 1 ? cli->argv[1] : NULL;

  if (g_strcmp0 (action, "export") == 0)
    {
      options->export = TRUE;
      if (cli->argc != 2)
        return dd_cli_set_usage_error (error, _("“form export” takes no arguments, only options"));
      if ((options->unit != NULL) == options->all)
        return dd_cli_set_usage_error (error, _("“form export” needs either --unit UNIT or --all"));
      if (options->out == NULL)
        return dd_cli_set_usage_error (error, _("“form export” needs --out"));
      if (options->dry_run)
        return dd_cli_set_usage_error (error, _("--dry-run goes with “form import”"));
    }
  else if (g_strcmp0 (action, "import") == 0)
    {
      if (cli->argc < 3)
        return dd_cli_set_usage_error (error, _("“form import” needs at least one filled form"));
      if (options->all || options->out != NULL || options->as_of_text != NULL)
        return dd_cli_set_usage_error (error, _("“form import” takes only --unit and --dry-run"));
    }
  else
    return dd_cli_set_usage_error (error, _("Say what to do with the forms: export or import"));
  dd_date_set_today (&options->as_of);
  return options->as_of_text == NULL ||
         dd_cli_parse_date_option ("--as-of", options->as_of_text, &options->as_of, error);
}

static gboolean
form_export (DdCliInvocation  *cli,
             FormOptions      *options,
             GError          **error)
{
  if (options->all)
    {
      g_autoptr(GPtrArray) paths = NULL;

      if (!g_file_test (options->out, G_FILE_TEST_IS_DIR))
        return dd_cli_set_refused (error, _("“%s” is not a folder."), options->out);
      paths = dd_progress_form_export_all (cli->store, &options->as_of, options->out, error);
      if (paths == NULL)
        return FALSE;
      for (guint i = 0; i < paths->len; i++)
        g_print ("%s\n", (const char *) g_ptr_array_index (paths, i));
      /* Translators: after "form export --all". */
      g_print (ngettext ("%u form written\n", "%u forms written\n", paths->len), paths->len);
      return TRUE;
    }
  else
    {
      g_autoptr(DdUnit) unit = dd_cli_find_unit (cli->store, options->unit, error);

      if (unit == NULL ||
          !dd_progress_form_export (cli->store, dd_unit_get_id (unit), &options->as_of, options->out, error))
        return FALSE;
      /* Translators: the unit, then the file written. */
      g_print (_("Progress form of %s written to %s\n"), dd_unit_get_name (unit), options->out);
      return TRUE;
    }
}

static void
print_form (const DdFormImport *form)
{
  g_autofree char *date = g_date_valid (&form->made_on) ? dd_cli_dup_date_dmy (&form->made_on) : g_strdup ("?");

  /* Translators: a file, its unit, the date the form was made. */
  g_print (_("%s: progress form of %s of %s\n"), form->path, form->unit, date);
  for (guint i = 0; i < form->rows->len; i++)
    {
      const DdFormRow *row = g_ptr_array_index (form->rows, i);
      g_autofree char *done = g_date_valid (&row->completed_on) ? dd_cli_dup_date_dmy (&row->completed_on) : NULL;

      if (row->state == DD_FORM_ROW_UNCHANGED)
        continue;
      if (row->state == DD_FORM_ROW_CONFLICT)
        {
          /* Translators: a row of a form not recorded: row, task's number, why. */
          g_print (_("  conflict, row %u: task %s %s: %s; not recorded\n"), row->line,
                   row->number != NULL ? row->number : "", row->title != NULL ? row->title : "", row->conflict);
          continue;
        }
      /* Translators: a row of a form to record: the task's number and title. */
      g_print (_("  row %u: task %s %s\n"), row->line, row->number, row->title);
      if (row->progress >= 0)
        g_print (_("      progress: %d%% → %d%%\n"), row->old_progress, row->progress);
      if (done != NULL)
        g_print (_("      completed on: %s\n"), done);
      if (row->product != NULL)
        g_print (_("      product: %s\n"), row->product);
      if (row->report_number != NULL)
        g_print (_("      report number: %s (%s)\n"), row->report_number,
                 row->report_period != NULL ? row->report_period : _("in the note: no report owed"));
      if (row->note != NULL)
        g_print (_("      note: %s\n"), row->note);
    }
  g_print (_("  %u rows to record, %u conflicts\n"), form->n_changed, form->n_conflicts);
}

static gboolean
form_import (DdCliInvocation  *cli,
             FormOptions      *options,
             GError          **error)
{
  g_autoptr(GPtrArray) forms = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_form_import_free);
  gint64 unit_id = 0;
  guint total = 0;

  if (options->unit != NULL)
    {
      g_autoptr(DdUnit) unit = dd_cli_find_unit (cli->store, options->unit, error);

      if (unit == NULL)
        return FALSE;
      unit_id = dd_unit_get_id (unit);
    }
  /* Every file read before anything is written. */
  for (guint i = 2; i < cli->argc; i++)
    {
      DdFormImport *form = dd_progress_form_read (cli->store, cli->argv[i], unit_id, error);

      if (form == NULL)
        return FALSE;
      g_ptr_array_add (forms, form);
      print_form (form);
    }
  if (options->dry_run)
    {
      g_print (_("Dry run: nothing was written.\n"));
      return TRUE;
    }
  for (guint i = 0; i < forms->len; i++)
    {
      guint applied = 0;

      if (!dd_progress_form_apply (cli->store, g_ptr_array_index (forms, i), &applied, error))
        return FALSE;
      total += applied;
    }
  g_print (ngettext ("%u row recorded\n", "%u rows recorded\n", total), total);
  return TRUE;
}

static gboolean
form_run (DdCliInvocation  *cli,
          gpointer          data,
          GError          **error)
{
  FormOptions *options = data;

  if (options->export)
    return form_export (cli, options, error);
  return form_import (cli, options, error);
}

const DdCliCommand dd_cli_command_form = {
  .name = "form",
  .synopsis = N_("form export|import"),
  .description = N_("Write the units’ progress forms (.xlsx), or read them back filled"),
  .parameter_string = N_("form export --unit UNIT --out FILE.xlsx | export --all --out DIR | import FILE.xlsx…"),
  .summary = N_("“form export” writes a unit’s progress form (or one per unit with --all): its tasks, "
                "the reports it owes, its progress, and columns to fill. “form import” reads filled "
                "forms back, prints what they change and records it; a row changed in the database "
                "since the form was made is a conflict and is not recorded; a form that was altered, "
                "or is of another unit than --unit, is refused and nothing is written."),
  .entries = form_entries,
  .options_size = sizeof (FormOptions),
  .n_args = DD_CLI_ARGS_ANY,
  .args_error = N_("Say what to do with the forms: export or import"),
  .formats = DD_CLI_FORMATS_TEXT,
  .store = DD_CLI_STORE_READ_WRITE,
  .check_usage = form_check_usage,
  .run = form_run,
};

/* letters --out DIR [--as-of DATE] [--unit UNIT] [--format docx|pdf] [--template FILE] */

typedef struct
{
  char *out;
  char *as_of_text;
  char *unit;
  char *format;
  char *template_path;
} LettersOptions;

static const GOptionEntry letters_entries[] = {
  { "out", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (LettersOptions, out),
    N_("The folder to write the letters into"), N_("DIR") },
  { "as-of", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (LettersOptions, as_of_text),
    N_("The letters’ date, which judges the tasks (default: today)"), N_("DATE") },
  { "unit", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (LettersOptions, unit),
    N_("Only this unit’s letter"), N_("UNIT") },
  { "format", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (LettersOptions, format),
    N_("docx (the default), or pdf: also converted by LibreOffice"), N_("FORMAT") },
  { "template", 0, 0, G_OPTION_ARG_FILENAME, DD_CLI_OPTION (LettersOptions, template_path),
    N_("The office’s own template (.docx with the placeholders of the one shipped)"), N_("FILE") },
  { NULL }
};

static gboolean
letters_check_usage (DdCliInvocation  *cli,
                     gpointer          data,
                     GError          **error)
{
  LettersOptions *options = data;

  if (options->out == NULL)
    return dd_cli_set_usage_error (error, _("“letters” needs --out DIR"));
  if (options->format != NULL && !g_str_equal (options->format, "docx") && !g_str_equal (options->format, "pdf"))
    return dd_cli_set_usage_error (error, _("--format is docx or pdf"));
  return TRUE;
}

/* The letters' options shared by `letters` and `mail`: --as-of (into
 * @as_of, which must outlive @urging) and --unit. */
gboolean
dd_cli_urging_options_init (DdCliInvocation  *cli,
                            const char       *as_of_text,
                            const char       *unit_name,
                            DdUrgingOptions  *urging,
                            GDate            *as_of,
                            GError          **error)
{
  dd_urging_options_init (urging);
  if (as_of_text != NULL)
    {
      if (!dd_cli_parse_date_option ("--as-of", as_of_text, as_of, error))
        return FALSE;
      urging->as_of = as_of;
    }
  if (unit_name != NULL)
    {
      g_autoptr(DdUnit) unit = dd_cli_find_unit (cli->store, unit_name, error);

      if (unit == NULL)
        return FALSE;
      urging->unit_id = dd_unit_get_id (unit);
    }
  return TRUE;
}

static gboolean
letters_run (DdCliInvocation  *cli,
             gpointer          data,
             GError          **error)
{
  LettersOptions *options = data;
  g_autoptr(GPtrArray) paths = NULL;
  DdUrgingOptions urging;
  GDate as_of;

  if (!dd_cli_urging_options_init (cli, options->as_of_text, options->unit, &urging, &as_of, error))
    return FALSE;
  if (!g_file_test (options->out, G_FILE_TEST_IS_DIR))
    return dd_cli_set_refused (error, _("“%s” is not a folder."), options->out);
  urging.dir = options->out;
  urging.template_path = options->template_path;
  urging.pdf = g_strcmp0 (options->format, "pdf") == 0;
  paths = dd_urging_letters_write (cli->store, &urging, error);
  if (paths == NULL)
    return FALSE;
  for (guint i = 0; i < paths->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (paths, i));
  /* Translators: after "letters": how many were written. */
  g_print (ngettext ("%u letter written\n", "%u letters written\n", paths->len), paths->len);
  return TRUE;
}

const DdCliCommand dd_cli_command_letters = {
  .name = "letters",
  .synopsis = N_("letters"),
  .description = N_("Write the urging letters (công văn đôn đốc) of the units with late items"),
  .parameter_string = N_("letters --out DIR — one urging letter per unit with overdue, due-soon or forgotten items"),
  .summary = N_("Each letter is the template (data/letters) filled in the form of Nghị định 30/2020/NĐ-CP "
                "with the office's issuer, place and signer (the report settings), the unit and its "
                "tasks, named after the unit. --format pdf also converts them with LibreOffice."),
  .entries = letters_entries,
  .options_size = sizeof (LettersOptions),
  .n_args = 0,
  .args_error = N_("“letters” takes no arguments, only options"),
  .formats = DD_CLI_FORMATS_TEXT,
  .store = DD_CLI_STORE_READ_ONLY,
  .check_usage = letters_check_usage,
  .run = letters_run,
};
