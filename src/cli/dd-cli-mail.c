/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-cli"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dd-cli.h"

/*
 * mail [--out DIR] [--as-of DATE] [--unit UNIT] [--format docx|pdf] [--digest] --dry-run|--send
 * mail-settings [--host H] [--port N] [--tls starttls|tls|none] [--sender ADDRESS]
 *               [--user ACCOUNT] [--password-stdin]
 * unit-email UNIT [ADDRESS]
 *
 * The urging letters sent by email (dd_urging_messages_prepare(), then
 * dd_urging_messages_send()): the office's server in the file's settings,
 * the password in the desktop's keyring, each unit's address. The dry run
 * prints each message whole: recipient, subject, attachment and text.
 */

typedef struct
{
  char *out;
  char *as_of_text;
  char *unit;
  char *format;
  gboolean dry_run;
  gboolean send;
  gboolean digest;
} MailOptions;

static const GOptionEntry mail_entries[] = {
  { "out", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (MailOptions, out),
    N_("The folder to keep the letters in (default: a temporary one, removed after)"), N_("DIR") },
  { "as-of", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (MailOptions, as_of_text),
    N_("The letters’ date, which judges the tasks (default: today)"), N_("DATE") },
  { "unit", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (MailOptions, unit),
    N_("Only this unit’s letter"), N_("UNIT") },
  { "format", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (MailOptions, format),
    N_("docx (the default), or pdf: also converted by LibreOffice"), N_("FORMAT") },
  { "dry-run", 0, 0, G_OPTION_ARG_NONE, DD_CLI_OPTION (MailOptions, dry_run),
    N_("Write the letters and show each message whole (recipient, subject, attachment, text); send nothing"),
    NULL },
  { "send", 0, 0, G_OPTION_ARG_NONE, DD_CLI_OPTION (MailOptions, send),
    N_("Send each letter to its unit’s address"), NULL },
  { "digest", 0, 0, G_OPTION_ARG_NONE, DD_CLI_OPTION (MailOptions, digest),
    N_("Send each unit a digest of its items in the message itself, no letter attached"), NULL },
  { NULL }
};

static gboolean
mail_check_usage (DdCliInvocation  *cli,
                  gpointer          data,
                  GError          **error)
{
  MailOptions *options = data;

  if (options->dry_run == options->send)
    return dd_cli_set_usage_error (error, _("“mail” needs either --dry-run or --send"));
  if (options->format != NULL && !g_str_equal (options->format, "docx") && !g_str_equal (options->format, "pdf"))
    return dd_cli_set_usage_error (error, _("--format is docx or pdf"));
  if (options->digest && (options->format != NULL || options->out != NULL))
    return dd_cli_set_usage_error (error, _("--digest writes no letter: it takes neither --format nor --out"));
  return TRUE;
}

static void
remove_folder (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* One line a message: the unit, its address, the letter or the digest. */
static void
print_sent (GPtrArray *messages,
            gboolean   dry_run)
{
  for (guint i = 0; messages != NULL && i < messages->len; i++)
    {
      const DdUrgingMessage *message = g_ptr_array_index (messages, i);
      g_autofree char *name = message->attachment != NULL ? g_path_get_basename (message->attachment) : NULL;
      g_autofree char *line = NULL;

      if (!dry_run && !message->sent)
        continue;
      if (name != NULL)
        /* Translators: one letter of "mail": unit, address, file. */
        line = g_strdup_printf (dry_run ? _("%s <%s>: %s (not sent)\n") : _("%s <%s>: %s sent\n"),
                                message->unit, message->address, name);
      else
        /* Translators: one digest of "mail": unit, address. */
        line = g_strdup_printf (dry_run ? _("%s <%s>: digest (not sent)\n") : _("%s <%s>: digest sent\n"),
                                message->unit, message->address);
      dd_cli_print_utf8_stdout (line);
    }
}

/* The dry run's messages whole, as they would be sent. */
static void
print_messages (GPtrArray *messages)
{
  for (guint i = 0; i < messages->len; i++)
    {
      const DdUrgingMessage *message = g_ptr_array_index (messages, i);
      g_autofree char *size = g_format_size ((guint64) message->attachment_size);
      g_autofree char *name = message->attachment != NULL ? g_path_get_basename (message->attachment) : NULL;
      GString *text = g_string_new ("\n");

      /* Translators: the heading of a message of "mail --dry-run": its recipient, its subject. */
      g_string_append_printf (text, _("To: %s <%s>\nSubject: %s\n"), message->unit, message->address,
                              message->subject);
      if (name != NULL)
        /* Translators: the letter attached to a message: its file, its size ("12.3 kB"). */
        g_string_append_printf (text, _("Attachment: %s (%s)\n"), name, size);
      g_string_append_printf (text, "\n%s", message->body);
      if (!g_str_has_suffix (message->body, "\n"))
        g_string_append_c (text, '\n');
      g_string_append (text, "-----\n");
      dd_cli_print_utf8_stdout (text->str);
      g_string_free (text, TRUE);
    }
}

static gboolean
mail_run (DdCliInvocation  *cli,
          gpointer          data,
          GError          **error)
{
  MailOptions *options = data;
  g_autoptr(DdMailSettings) settings = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autofree char *password = NULL;
  g_autofree char *tmp_dir = NULL;
  DdUrgingOptions urging;
  GDate as_of;
  gboolean ok;
  guint n_sent = 0;

  if (!dd_cli_urging_options_init (cli, options->as_of_text, options->unit, &urging, &as_of, error))
    return FALSE;
  if (options->out != NULL && !g_file_test (options->out, G_FILE_TEST_IS_DIR))
    return dd_cli_set_refused (error, _("“%s” is not a folder."), options->out);
  if (options->send)
    {
      GError *local_error = NULL;

      if ((settings = dd_mail_settings_load (cli->store, error)) == NULL ||
          !dd_mail_settings_check (settings, error))
        return FALSE;
      password = dd_mail_settings_dup_password (settings, NULL, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
    }
  if (!options->digest && options->out == NULL &&
      (tmp_dir = g_dir_make_tmp ("dondoc-mail-XXXXXX", error)) == NULL)
    return FALSE;
  urging.dir = options->out != NULL ? options->out : tmp_dir;
  urging.pdf = g_strcmp0 (options->format, "pdf") == 0;
  urging.digest = options->digest;
  messages = dd_urging_messages_prepare (cli->store, &urging, error);
  ok = messages != NULL && (settings == NULL || dd_urging_messages_send (cli->store, messages, settings, password,
                                                                         error));
  print_sent (messages, options->dry_run);
  if (ok && options->dry_run)
    print_messages (messages);
  if (tmp_dir != NULL)
    remove_folder (tmp_dir);
  for (guint i = 0; messages != NULL && i < messages->len; i++)
    n_sent += ((DdUrgingMessage *) g_ptr_array_index (messages, i))->sent;
  if (ok && options->digest)
    /* Translators: after "mail --digest": how many digests were sent, or would be. */
    g_print (options->dry_run ? ngettext ("%u digest to send\n", "%u digests to send\n", messages->len)
                              : ngettext ("%u digest sent\n", "%u digests sent\n", n_sent),
             options->dry_run ? messages->len : n_sent);
  else if (ok)
    /* Translators: after "mail": how many letters were sent, or would be. */
    g_print (options->dry_run ? ngettext ("%u letter to send\n", "%u letters to send\n", messages->len)
                              : ngettext ("%u letter sent\n", "%u letters sent\n", n_sent),
             options->dry_run ? messages->len : n_sent);
  return ok;
}

const DdCliCommand dd_cli_command_mail = {
  .name = "mail",
  .synopsis = N_("mail"),
  .description = N_("Send the urging letters by email, each to its unit’s address"),
  .parameter_string = N_("mail --dry-run|--send — email each unit with late items its urging letter"),
  .summary = N_("The letters of “letters”, each attached to a message to its unit’s address (unit-email) "
                "through the office’s mail server (mail-settings; the password from the desktop’s "
                "keyring). Each letter sent is recorded in its tasks’ history; one that fails is not."),
  .entries = mail_entries,
  .options_size = sizeof (MailOptions),
  .n_args = 0,
  .args_error = N_("“mail” takes no arguments, only options"),
  .formats = DD_CLI_FORMATS_TEXT,
  .store = DD_CLI_STORE_READ_WRITE,
  .check_usage = mail_check_usage,
  .run = mail_run,
};

/* mail-settings */

typedef struct
{
  char *host;
  int port;
  char *tls;
  char *sender;
  char *user;
  gboolean password_stdin;
} MailSettingsOptions;

static const GOptionEntry mail_settings_entries[] = {
  { "host", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (MailSettingsOptions, host),
    N_("The office’s SMTP server"), N_("HOST") },
  { "port", 0, 0, G_OPTION_ARG_INT, DD_CLI_OPTION (MailSettingsOptions, port),
    N_("Its port (default: 587 with starttls, 465 with tls, 25 with none)"), N_("PORT") },
  { "tls", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (MailSettingsOptions, tls),
    N_("starttls (the default), tls or none"), N_("MODE") },
  { "sender", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (MailSettingsOptions, sender),
    N_("The office’s address the letters come from"), N_("ADDRESS") },
  { "user", 0, 0, G_OPTION_ARG_STRING, DD_CLI_OPTION (MailSettingsOptions, user),
    N_("The account to log in with (empty: none)"), N_("ACCOUNT") },
  { "password-stdin", 0, 0, G_OPTION_ARG_NONE, DD_CLI_OPTION (MailSettingsOptions, password_stdin),
    N_("Read the account’s password from standard input and keep it in the desktop’s keyring"), NULL },
  { NULL }
};

static gboolean
mail_settings_check_usage (DdCliInvocation  *cli,
                           gpointer          data,
                           GError          **error)
{
  MailSettingsOptions *options = data;

  if (options->tls != NULL && !g_str_equal (options->tls, "starttls") && !g_str_equal (options->tls, "tls") &&
      !g_str_equal (options->tls, "none"))
    return dd_cli_set_usage_error (error, _("--tls is starttls, tls or none"));
  if (options->port < 0 || options->port > 65535)
    return dd_cli_set_usage_error (error, _("--port is a number from 1 to 65535"));
  return TRUE;
}

static void
replace (char       **field,
         const char  *given)
{
  if (given == NULL)
    return;
  g_free (*field);
  *field = *given != '\0' ? g_strstrip (g_strdup (given)) : NULL;
}

static gboolean
mail_settings_run (DdCliInvocation  *cli,
                   gpointer          data,
                   GError          **error)
{
  static const char * const tls_names[] = { "starttls", "tls", "none" };
  MailSettingsOptions *options = data;
  g_autoptr(DdMailSettings) settings = dd_mail_settings_load (cli->store, error);
  g_autofree char *text = NULL;

  if (settings == NULL)
    return FALSE;
  replace (&settings->host, options->host);
  replace (&settings->sender, options->sender);
  replace (&settings->user, options->user);
  if (options->port > 0)
    settings->port = (guint) options->port;
  for (guint i = 0; options->tls != NULL && i < G_N_ELEMENTS (tls_names); i++)
    if (g_str_equal (options->tls, tls_names[i]))
      settings->tls = (DdMailTls) i;
  if ((options->host != NULL || options->sender != NULL || options->user != NULL || options->port > 0 ||
       options->tls != NULL) && !dd_mail_settings_save (settings, cli->store, error))
    return FALSE;
  if (options->password_stdin)
    {
      char line[1024] = "";

      if (fgets (line, sizeof line, stdin) == NULL)
        line[0] = '\0';
      line[strcspn (line, "\r\n")] = '\0';
      if (!dd_mail_settings_store_password (settings, line, NULL, error))
        return FALSE;
    }
  /* Translators: the mail settings: server, port, TLS mode, sender, account. */
  text = g_strdup_printf (_("Server: %s\nPort: %u\nTLS: %s\nSender: %s\nAccount: %s\n"),
                          settings->host != NULL ? settings->host : "—", settings->port,
                          tls_names[settings->tls], settings->sender != NULL ? settings->sender : "—",
                          settings->user != NULL ? settings->user : "—");
  dd_cli_print_utf8_stdout (text);
  return TRUE;
}

const DdCliCommand dd_cli_command_mail_settings = {
  .name = "mail-settings",
  .synopsis = N_("mail-settings"),
  .description = N_("Show or set the office’s mail server for the urging letters"),
  .parameter_string = N_("mail-settings — show or set the mail server (the password goes to the keyring)"),
  .summary = N_("Without options, shows them; an option sets one (an empty value clears it). The "
                "password is never kept in the file: --password-stdin keeps it in the desktop’s keyring."),
  .entries = mail_settings_entries,
  .options_size = sizeof (MailSettingsOptions),
  .n_args = 0,
  .args_error = N_("“mail-settings” takes no arguments, only options"),
  .formats = DD_CLI_FORMATS_TEXT,
  .store = DD_CLI_STORE_READ_WRITE,
  .check_usage = mail_settings_check_usage,
  .run = mail_settings_run,
};

/* unit-email */

static gboolean
unit_email_run (DdCliInvocation  *cli,
                gpointer          data,
                GError          **error)
{
  g_autoptr(DdUnit) unit = dd_cli_find_unit (cli->store, cli->argv[1], error);
  g_autofree char *email = NULL;
  g_autofree char *text = NULL;

  if (unit == NULL)
    return FALSE;
  if (cli->argc > 2 && !dd_store_set_unit_email (cli->store, dd_unit_get_id (unit), cli->argv[2], error))
    return FALSE;
  email = dd_store_dup_unit_email (cli->store, dd_unit_get_id (unit), error);
  if (email == NULL && error != NULL && *error != NULL)
    return FALSE;
  /* Translators: a unit and its email address. */
  text = g_strdup_printf (_("%s: %s\n"), dd_unit_get_name (unit), email != NULL ? email : "—");
  dd_cli_print_utf8_stdout (text);
  return TRUE;
}

static gboolean
unit_email_check_usage (DdCliInvocation  *cli,
                        gpointer          data,
                        GError          **error)
{
  if (cli->argc < 2 || cli->argc > 3)
    return dd_cli_set_usage_error (error, _("“unit-email” needs a unit, and the address to set (\"\" clears it)"));
  return TRUE;
}

const DdCliCommand dd_cli_command_unit_email = {
  .name = "unit-email",
  .synopsis = N_("unit-email UNIT [ADDRESS]"),
  .description = N_("Show or set the email address a unit’s urging letters go to"),
  .parameter_string = N_("unit-email UNIT [ADDRESS] — show or set a unit’s email address"),
  .summary = N_("An empty ADDRESS (\"\") clears it."),
  .entries = NULL,
  .options_size = 0,
  .n_args = DD_CLI_ARGS_ANY,
  .args_error = N_("“unit-email” needs a unit, and the address to set (\"\" clears it)"),
  .formats = DD_CLI_FORMATS_TEXT,
  .store = DD_CLI_STORE_READ_WRITE,
  .check_usage = unit_email_check_usage,
  .run = unit_email_run,
};
