/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-urging-mail"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <curl/curl.h>

#include "dd-store-private.h"
#include "dd-document-language-private.h"
#include "dd-urging-letter-private.h"
#include "dondoc/dd-urging-letter.h"

/*
 * The urging letters sent by email: each unit's letter attached to a short
 * message, or a digest of its items in the message itself, made first and
 * shown whole (the dry run, the window's preview), then sent to the unit's
 * address through the office's SMTP server by libcurl (its SMTP client,
 * STARTTLS or SMTPS, its MIME builder) and recorded in letters_sent, one
 * row per task the message names, which the task's history shows. The server's settings are the shared file's; the
 * password is the desktop keyring's (dd-urging-secret.c).
 */

G_DEFINE_QUARK (dd-mail-error-quark, dd_mail_error)

#define KEY_HOST   "mail_host"
#define KEY_PORT   "mail_port"
#define KEY_TLS    "mail_tls"
#define KEY_SENDER "mail_sender"
#define KEY_USER   "mail_user"

static const char * const tls_names[] = { "starttls", "tls", "none" };

/* Settings */

DdMailSettings *
dd_mail_settings_load (DdStore  *self,
                       GError  **error)
{
  g_autoptr(DdMailSettings) settings = g_new0 (DdMailSettings, 1);
  g_autofree char *port = NULL;
  g_autofree char *tls = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);

  settings->host = dd_store_dup_setting (self, KEY_HOST, &local_error);
  if (local_error == NULL)
    port = dd_store_dup_setting (self, KEY_PORT, &local_error);
  if (local_error == NULL)
    tls = dd_store_dup_setting (self, KEY_TLS, &local_error);
  if (local_error == NULL)
    settings->sender = dd_store_dup_setting (self, KEY_SENDER, &local_error);
  if (local_error == NULL)
    settings->user = dd_store_dup_setting (self, KEY_USER, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  /* A setting cleared is kept as "". */
  if (g_strcmp0 (settings->host, "") == 0)
    g_clear_pointer (&settings->host, g_free);
  if (g_strcmp0 (settings->sender, "") == 0)
    g_clear_pointer (&settings->sender, g_free);
  if (g_strcmp0 (settings->user, "") == 0)
    g_clear_pointer (&settings->user, g_free);
  settings->port = port != NULL ? (guint) g_ascii_strtoull (port, NULL, 10) : 0;
  for (guint i = 0; tls != NULL && i < G_N_ELEMENTS (tls_names); i++)
    if (g_str_equal (tls, tls_names[i]))
      settings->tls = (DdMailTls) i;
  return g_steal_pointer (&settings);
}

/* A setting's text, trimmed; "" clears it (the store keeps no NULL). */
static gboolean
save_one (DdStore     *store,
          const char  *key,
          const char  *value,
          GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (value != NULL ? value : ""));

  return dd_store_set_setting (store, key, clean, error);
}

gboolean
dd_mail_settings_save (const DdMailSettings  *self,
                       DdStore               *store,
                       GError               **error)
{
  g_autofree char *port = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (DD_IS_STORE (store), FALSE);

  port = self->port > 0 ? g_strdup_printf ("%u", self->port) : NULL;
  return save_one (store, KEY_HOST, self->host, error) &&
         save_one (store, KEY_PORT, port, error) &&
         save_one (store, KEY_TLS, tls_names[MIN ((guint) self->tls, G_N_ELEMENTS (tls_names) - 1)], error) &&
         save_one (store, KEY_SENDER, self->sender, error) &&
         save_one (store, KEY_USER, self->user, error);
}

void
dd_mail_settings_free (DdMailSettings *self)
{
  if (self == NULL)
    return;
  g_free (self->host);
  g_free (self->sender);
  g_free (self->user);
  g_free (self);
}

gboolean
dd_mail_settings_check (const DdMailSettings  *self,
                        GError               **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->host == NULL || *self->host == '\0' || self->sender == NULL || *self->sender == '\0')
    {
      g_set_error_literal (error, DD_MAIL_ERROR, DD_MAIL_ERROR_SETTINGS,
                           _("No mail server is set: give its address and the office’s sender address in "
                             "Preferences (Email) first; nothing was sent."));
      return FALSE;
    }
  return TRUE;
}

void
dd_urging_message_free (DdUrgingMessage *self)
{
  if (self == NULL)
    return;
  g_free (self->unit);
  g_free (self->address);
  g_free (self->subject);
  g_free (self->body);
  g_free (self->attachment);
  g_clear_pointer (&self->task_ids, g_array_unref);
  g_free (self);
}

/* Auxiliary methods */

static guint
effective_port (const DdMailSettings *settings)
{
  if (settings->port > 0)
    return settings->port;
  return settings->tls == DD_MAIL_TLS_IMPLICIT ? 465 : settings->tls == DD_MAIL_TLS_STARTTLS ? 587 : 25;
}

/* An RFC 2047 encoded word for a header's UTF-8 text. (transfer full) */
static char *
dup_encoded_word (const char *text)
{
  g_autofree char *base64 = g_base64_encode ((const guchar *) text, strlen (text));

  return g_strdup_printf ("=?UTF-8?B?%s?=", base64);
}

/* "Sun, 06 Dec 2026 11:08:40 +0000", whatever the locale. (transfer full) */
static char *
dup_rfc5322_date (void)
{
  static const char * const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *zone = g_date_time_format (now, "%z");

  return g_strdup_printf ("%s, %02d %s %d %02d:%02d:%02d %s", days[g_date_time_get_day_of_week (now) - 1],
                          g_date_time_get_day_of_month (now), months[g_date_time_get_month (now) - 1],
                          g_date_time_get_year (now), g_date_time_get_hour (now), g_date_time_get_minute (now),
                          g_date_time_get_second (now), zone);
}

/* libcurl's outcome as our error, in words the office understands. */
static void
set_curl_error (CURLcode              code,
                const char           *detail,
                const DdMailSettings *settings,
                const char           *address,
                GError              **error)
{
  const char *why = detail != NULL && *detail != '\0' ? detail : curl_easy_strerror (code);
  guint port = effective_port (settings);

  switch (code)
    {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
      g_set_error (error, DD_MAIL_ERROR, DD_MAIL_ERROR_CONNECT,
                   /* Translators: the mail server (host and port) is down or unknown; %s at the end: why. */
                   _("The mail server %s:%u could not be reached (%s). Check the server in Preferences, "
                     "or try again later."), settings->host, port, why);
      return;
    case CURLE_USE_SSL_FAILED:
      g_set_error (error, DD_MAIL_ERROR, DD_MAIL_ERROR_TLS,
                   _("The mail server %s:%u does not offer TLS (STARTTLS): nothing was sent. Choose the "
                     "server’s TLS mode in Preferences."), settings->host, port);
      return;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
      g_set_error (error, DD_MAIL_ERROR, DD_MAIL_ERROR_TLS,
                   _("The secure connection (TLS) to the mail server %s:%u failed (%s): nothing was sent."),
                   settings->host, port, why);
      return;
    case CURLE_LOGIN_DENIED:
      g_set_error (error, DD_MAIL_ERROR, DD_MAIL_ERROR_LOGIN,
                   _("The mail server %s refused the account “%s” or its password."),
                   settings->host, settings->user != NULL ? settings->user : "");
      return;
    default:
      break;
    }
  if (g_str_has_prefix (why, "RCPT failed"))
    g_set_error (error, DD_MAIL_ERROR, DD_MAIL_ERROR_RECIPIENT,
                 /* Translators: %s: an email address, the server's reply. */
                 _("The mail server refused the address %s (%s): correct the unit’s email address."),
                 address, why);
  else
    g_set_error (error, DD_MAIL_ERROR, DD_MAIL_ERROR_FAILED,
                 _("The mail server did not take the letter to %s: %s."), address, why);
}

static size_t
read_nothing (char   *buffer,
              size_t  size,
              size_t  n,
              void   *data)
{
  return 0;
}

/* Sends @message: its text, its letter attached (if any). */
static gboolean
send_one (const DdMailSettings   *settings,
          const char             *password,
          const DdUrgingMessage  *message,
          GError                **error)
{
  CURL *curl = curl_easy_init ();
  struct curl_slist *recipients = NULL;
  struct curl_slist *headers = NULL;
  curl_mime *mime;
  curl_mimepart *part;
  char detail[CURL_ERROR_SIZE] = "";
  g_autofree char *url = NULL;
  g_autofree char *from = g_strdup_printf ("<%s>", settings->sender);
  g_autofree char *to = g_strdup_printf ("<%s>", message->address);
  g_autofree char *encoded = dup_encoded_word (message->subject);
  g_autofree char *date = dup_rfc5322_date ();
  g_autofree char *header_subject = g_strdup_printf ("Subject: %s", encoded);
  g_autofree char *header_from = g_strdup_printf ("From: %s", from);
  g_autofree char *header_to = g_strdup_printf ("To: %s", to);
  g_autofree char *header_date = g_strdup_printf ("Date: %s", date);
  g_auto(GStrv) lines = g_strsplit (message->body, "\n", -1);
  /* SMTP's lines end in CR LF. */
  g_autofree char *body = g_strjoinv ("\r\n", lines);
  CURLcode code;

  if (curl == NULL)
    {
      g_set_error_literal (error, DD_MAIL_ERROR, DD_MAIL_ERROR_FAILED, "curl_easy_init () failed");
      return FALSE;
    }
  url = g_strdup_printf ("%s://%s:%u", settings->tls == DD_MAIL_TLS_IMPLICIT ? "smtps" : "smtp",
                         settings->host, effective_port (settings));
  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, detail);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, 20L);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, 300L);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  if (settings->tls == DD_MAIL_TLS_STARTTLS)
    curl_easy_setopt (curl, CURLOPT_USE_SSL, (long) CURLUSESSL_ALL);
  if (settings->user != NULL && *settings->user != '\0')
    {
      curl_easy_setopt (curl, CURLOPT_USERNAME, settings->user);
      curl_easy_setopt (curl, CURLOPT_PASSWORD, password != NULL ? password : "");
    }
  curl_easy_setopt (curl, CURLOPT_MAIL_FROM, from);
  recipients = curl_slist_append (recipients, to);
  curl_easy_setopt (curl, CURLOPT_MAIL_RCPT, recipients);
  headers = curl_slist_append (headers, header_date);
  headers = curl_slist_append (headers, header_from);
  headers = curl_slist_append (headers, header_to);
  headers = curl_slist_append (headers, header_subject);
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);

  mime = curl_mime_init (curl);
  part = curl_mime_addpart (mime);
  curl_mime_data (part, body, CURL_ZERO_TERMINATED);
  curl_mime_type (part, "text/plain; charset=UTF-8");
  curl_mime_encoder (part, "quoted-printable");
  if (message->attachment != NULL)
    {
      g_autofree char *name = g_path_get_basename (message->attachment);

      part = curl_mime_addpart (mime);
      curl_mime_filedata (part, message->attachment);
      curl_mime_filename (part, name);
      curl_mime_encoder (part, "base64");
      curl_mime_type (part, g_str_has_suffix (message->attachment, ".pdf") ? "application/pdf"
                      : "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }
  curl_easy_setopt (curl, CURLOPT_MIMEPOST, mime);
  curl_easy_setopt (curl, CURLOPT_READFUNCTION, read_nothing);
  curl_easy_setopt (curl, CURLOPT_UPLOAD, 1L);

  code = curl_easy_perform (curl);
  if (code != CURLE_OK)
    set_curl_error (code, detail, settings, message->address, error);
  curl_slist_free_all (recipients);
  curl_slist_free_all (headers);
  curl_mime_free (mime);
  curl_easy_cleanup (curl);
  return code == CURLE_OK;
}

/* @message is sent: the history of the tasks it names says so. */
static gboolean
record_sent (DdStore                *self,
             const DdUrgingMessage  *message,
             GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_dd_store_begin (self, error))
    return FALSE;
  stmt = dd_sql_prepare (self, "INSERT INTO letters_sent (task_id, unit_id, address, subject, sent_by) "
                         "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  for (guint i = 0; stmt != NULL && i < message->task_ids->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_array_index (message->task_ids, gint64, i));
      sqlite3_bind_int64 (stmt, 2, message->unit_id);
      dd_sql_bind_text (stmt, 3, message->address);
      dd_sql_bind_text (stmt, 4, message->subject);
      dd_sql_bind_text (stmt, 5, dd_store_get_user (self));
      if (!dd_sql_step_done (self, stmt, error))
        {
          _dd_store_rollback (self);
          return FALSE;
        }
    }
  if (stmt == NULL)
    {
      _dd_store_rollback (self);
      return FALSE;
    }
  return _dd_store_commit (self, error);
}

/* Every letter's address, or an error naming the first unit without one. */
static GPtrArray *
list_addresses (DdStore    *self,
                GPtrArray  *letters,
                GError    **error)
{
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < letters->len; i++)
    {
      const DdUrgingLetterInfo *letter = g_ptr_array_index (letters, i);
      GError *local_error = NULL;
      char *address = dd_store_dup_unit_email (self, letter->unit_id, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      if (address == NULL)
        {
          g_set_error (error, DD_MAIL_ERROR, DD_MAIL_ERROR_SETTINGS,
                       /* Translators: %s is a unit; nothing was sent. */
                       _("%s has no email address: set it (Units page, or “dondoc-cli unit-email”) and send "
                         "again; nothing was sent."), letter->unit);
          return NULL;
        }
      g_ptr_array_add (addresses, address);
    }
  return g_steal_pointer (&addresses);
}

/* The text of @letter's digest: its items by kind, each with its due date
 * and working days late, and the date to report by. (transfer full) */
static char *
dup_digest_body (const DdUrgingLetterInfo *letter)
{
  static const DdTaskStatus kinds[] = { DD_STATUS_OVERDUE, DD_STATUS_FORGOTTEN, DD_STATUS_DUE_SOON };
  GString *text = g_string_new (NULL);
  g_autofree char *as_of = dd_date_to_dmy (&letter->as_of);
  g_autofree char *report_by = dd_date_to_dmy (&letter->report_by);

  /* Translators: the start of a digest email: the unit, the date, how many tasks. */
  g_string_append_printf (text, _dd_document_gettext (N_("Dear %s,\n\nAs of %s, the Office’s follow-up shows %u "
                                                         "tasks your unit leads that need your attention:\n")),
                          letter->unit, as_of, letter->items->len);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      guint n = 0;

      for (guint i = 0; i < letter->items->len; i++)
        n += ((DdUrgingItem *) g_ptr_array_index (letter->items, i))->status == kinds[k];
      if (n == 0)
        continue;
      if (kinds[k] == DD_STATUS_OVERDUE)
        /* Translators: a heading of a digest email; %u: how many tasks. */
        g_string_append_printf (text, _dd_document_gettext (N_("\nOverdue (%u):\n")), n);
      else if (kinds[k] == DD_STATUS_FORGOTTEN)
        /* Translators: a heading of a digest email; %u: how many tasks. */
        g_string_append_printf (text, _dd_document_gettext (N_("\nReport or progress update not sent (%u):\n")), n);
      else
        /* Translators: a heading of a digest email; %u: how many tasks. */
        g_string_append_printf (text, _dd_document_gettext (N_("\nDue soon (%u):\n")), n);
      for (guint i = 0; i < letter->items->len; i++)
        {
          const DdUrgingItem *item = g_ptr_array_index (letter->items, i);
          g_autofree char *line = NULL;

          if (item->status != kinds[k])
            continue;
          line = _dd_urging_item_dup_line (item);
          g_string_append_printf (text, "%s\n", line);
        }
    }
  /* Translators: the end of a digest email: the date to report by. */
  g_string_append_printf (text, _dd_document_gettext (N_("\nPlease carry them out and report the results by "
                                                         "%s.\n\nThis message was sent by Đôn Đốc, the Office’s "
                                                         "follow-up program.\n")),
                          report_by);
  return g_string_free (text, FALSE);
}

/* The message of @letter to @address, in Vietnamese. (transfer full) */
static DdUrgingMessage *
make_message (const DdUrgingLetterInfo *letter,
              const char               *address)
{
  DdUrgingMessage *message = g_new0 (DdUrgingMessage, 1);
  int previous = _dd_document_language_push (DD_LANGUAGE_VIETNAMESE);

  message->unit_id = letter->unit_id;
  message->unit = g_strdup (letter->unit);
  message->address = g_strdup (address);
  message->task_ids = g_array_ref (letter->task_ids);
  if (letter->path == NULL)
    {
      /* Translators: the subject of a digest email; %s: the unit. */
      message->subject = g_strdup_printf (_dd_document_gettext (N_("Digest of the tasks to urge: %s")), letter->unit);
      message->body = dup_digest_body (letter);
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_path (letter->path);
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                                                     NULL, NULL);

      /* Translators: the subject of an urging letter's email; %s: the unit. */
      message->subject = g_strdup_printf (_dd_document_gettext (N_("Urging letter: the tasks of %s")),
                                          letter->unit);
      /* Translators: the message an urging letter is attached to; %s: the unit. */
      message->body = g_strdup_printf (_dd_document_gettext (N_("Dear %s,\n\nThe Office sends you the attached "
                                                                "letter urging the tasks your unit leads that are "
                                                                "overdue, due soon or without their report.\n\nThis "
                                                                "message was sent by Đôn Đốc, the Office’s "
                                                                "follow-up program.\n")),
                                       letter->unit);
      message->attachment = g_strdup (letter->path);
      message->attachment_size = info != NULL ? g_file_info_get_size (info) : 0;
    }
  _dd_document_language_pop (previous);
  return message;
}

/* Public API */

GPtrArray *
dd_urging_messages_prepare (DdStore                *self,
                            const DdUrgingOptions  *options,
                            GError                **error)
{
  g_autoptr(GPtrArray) letters = NULL;
  g_autoptr(GPtrArray) addresses = NULL;
  GPtrArray *messages;

  g_return_val_if_fail (DD_IS_STORE (self), NULL);
  g_return_val_if_fail (options != NULL && (options->dir != NULL || options->digest), NULL);

  if (!options->digest)
    {
      /* A unit without an address is said before any letter is written:
       * LibreOffice takes seconds a letter. The units are those of the
       * digests, which write nothing. */
      DdUrgingOptions first = *options;

      first.digest = TRUE;
      letters = _dd_urging_letters_write_full (self, &first, error);
      if (letters == NULL || (addresses = list_addresses (self, letters, error)) == NULL)
        return NULL;
      g_clear_pointer (&letters, g_ptr_array_unref);
      g_clear_pointer (&addresses, g_ptr_array_unref);
    }
  letters = _dd_urging_letters_write_full (self, options, error);
  if (letters == NULL || (addresses = list_addresses (self, letters, error)) == NULL)
    return NULL;
  messages = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_urging_message_free);
  for (guint i = 0; i < letters->len; i++)
    g_ptr_array_add (messages, make_message (g_ptr_array_index (letters, i), g_ptr_array_index (addresses, i)));
  return messages;
}

gboolean
dd_urging_messages_send (DdStore               *self,
                         GPtrArray             *messages,
                         const DdMailSettings  *settings,
                         const char            *password,
                         GError               **error)
{
  static gsize curl_ready = 0;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (messages != NULL, FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  if (!dd_mail_settings_check (settings, error))
    return FALSE;
  if (g_once_init_enter (&curl_ready))
    {
      curl_global_init (CURL_GLOBAL_DEFAULT);
      g_once_init_leave (&curl_ready, 1);
    }
  for (guint i = 0; i < messages->len; i++)
    {
      DdUrgingMessage *message = g_ptr_array_index (messages, i);

      if (message->sent)
        continue;
      if (!send_one (settings, password, message, error))
        return FALSE;
      message->sent = TRUE;
      if (!record_sent (self, message, error))
        return FALSE;
    }
  return TRUE;
}
