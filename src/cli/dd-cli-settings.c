/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-cli.h"

/*
 * `settings office`: the office's header and signature of its documents
 * (DdExportOffice): shown, or set option by option (an empty value clears
 * one).
 */

typedef struct
{
  char *place;
  char *issuer_superior;
  char *issuer;
  char *signer_position;
  char *signer_name;
} SettingsOptions;

static gboolean
settings_check_usage (DdCliInvocation  *cli,
                      gpointer          data,
                      GError          **error)
{
  if (!g_str_equal (cli->argv[1], "office"))
    {
      g_autofree char *message = g_strdup_printf (_("“settings”: “%s” is not a group of settings: say office"),
                                                  cli->argv[1]);

      return dd_cli_set_usage_error (error, message);
    }
  return TRUE;
}

static void
print_office (DdCliInvocation      *cli,
              const DdExportOffice *office)
{
  const char *names[] = { "place", "issuer_superior", "issuer", "signer_position", "signer_name" };
  const char *labels[] = { N_("Place"), N_("Superior body"), N_("Issuing body"), N_("Signer's position"),
                           N_("Signer's name") };
  const char *values[] = { office->place, office->issuer_superior, office->issuer, office->signer_position,
                           office->signer_name };

  if (cli->format == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        dd_cli_builder_add_string_or_null (builder, names[i], values[i]);
      json_builder_end_object (builder);
      dd_cli_print_json (builder);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *line = g_strdup_printf ("%s: %s\n", _(labels[i]), values[i] != NULL ? values[i] : "—");

      dd_cli_print_utf8_stdout (line);
    }
}

static gboolean
settings_run (DdCliInvocation  *cli,
              gpointer          data,
              GError          **error)
{
  SettingsOptions *options = data;
  g_autoptr(DdExportOffice) office = dd_export_office_load (cli->store, error);
  char *given[] = { options->place, options->issuer_superior, options->issuer, options->signer_position,
                    options->signer_name };
  char **fields[] = { NULL, NULL, NULL, NULL, NULL };
  gboolean changed = FALSE;

  if (office == NULL)
    return FALSE;
  fields[0] = &office->place;
  fields[1] = &office->issuer_superior;
  fields[2] = &office->issuer;
  fields[3] = &office->signer_position;
  fields[4] = &office->signer_name;
  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    if (given[i] != NULL)
      {
        g_free (*fields[i]);
        *fields[i] = *g_strstrip (given[i]) != '\0' ? g_strdup (given[i]) : NULL;
        changed = TRUE;
      }
  if (changed && !dd_export_office_save (office, cli->store, error))
    return FALSE;
  print_office (cli, office);
  return TRUE;
}

static const GOptionEntry settings_entries[] = {
  DD_CLI_FORMAT_ENTRY,
  { "place", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (SettingsOptions, place),
    N_("The place of the documents' date line (“Nghệ An”)"), N_("TEXT") },
  { "issuer-superior", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (SettingsOptions, issuer_superior),
    N_("The body above the issuer, first line of the header (“UBND tỉnh Nghệ An”)"), N_("TEXT") },
  { "issuer", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (SettingsOptions, issuer),
    N_("The issuing body, second line of the header (“Văn phòng”)"), N_("TEXT") },
  { "signer-position", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (SettingsOptions, signer_position),
    N_("The signer's position (“Chánh Văn phòng”)"), N_("TEXT") },
  { "signer-name", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (SettingsOptions, signer_name),
    N_("The signer's name"), N_("TEXT") },
  { NULL }
};

const DdCliCommand dd_cli_command_settings = {
  .name = "settings",
  .synopsis = N_("settings office"),
  .description = N_("Show or set the office's header and signature of its documents"),
  .parameter_string = N_("settings office — show or set the header and signature of the documents"),
  .summary = N_("Without options, shows them; an option sets one (an empty value clears it)."),
  .entries = settings_entries,
  .options_size = sizeof (SettingsOptions),
  .n_args = 1,
  .args_error = N_("“settings” needs one group of settings: office"),
  .formats = DD_CLI_FORMATS_TEXT_JSON,
  .store = DD_CLI_STORE_READ_WRITE,
  .check_usage = settings_check_usage,
  .run = settings_run,
};
