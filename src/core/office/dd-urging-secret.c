/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-urging-mail"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "dondoc/dondoc.h"

/*
 * The mail account's password, kept in the desktop's keyring (the Secret
 * Service, through libsecret), never in the shared file: each person who
 * sends letters keeps their own. Sending runs on a worker
 * (dd_urging_messages_send_async()), where the keyring is asked.
 */

static const SecretSchema *
mail_schema (void)
{
  static const SecretSchema schema = {
    "io.github.dondoc.Dondoc.Smtp", SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static void
set_keyring_error (GError  *cause,
                   GError **error)
{
  g_set_error (error, DD_MAIL_ERROR, DD_MAIL_ERROR_KEYRING,
               /* Translators: %s says why (from the Secret Service). */
               _("The desktop’s keyring (where the mail password is kept) could not be used: %s."),
               cause->message);
  g_error_free (cause);
}

char *
dd_mail_settings_dup_password (const DdMailSettings  *self,
                               GCancellable          *cancellable,
                               GError               **error)
{
  const char *test_password = g_getenv ("DONDOC_TEST_SMTP_PASSWORD");
  GError *local_error = NULL;
  char *password;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->user == NULL || *self->user == '\0' || self->host == NULL)
    return NULL;
  /* Only for machines without a keyring (the tests' CI). */
  if (test_password != NULL)
    return g_strdup (test_password);
  password = secret_password_lookup_sync (mail_schema (), cancellable, &local_error,
                                          "host", self->host, "user", self->user, NULL);
  if (local_error != NULL)
    {
      set_keyring_error (local_error, error);
      return NULL;
    }
  if (password == NULL)
    return NULL;
  /* Secret memory is freed by libsecret's own function. */
  {
    char *copy = g_strdup (password);

    secret_password_free (password);
    return copy;
  }
}

gboolean
dd_mail_settings_store_password (const DdMailSettings  *self,
                                 const char            *password,
                                 GCancellable          *cancellable,
                                 GError               **error)
{
  GError *local_error = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->user == NULL || *self->user == '\0' || self->host == NULL || *self->host == '\0')
    {
      g_set_error_literal (error, DD_MAIL_ERROR, DD_MAIL_ERROR_SETTINGS,
                           _("A password is kept for an account: give the mail server and the account first."));
      return FALSE;
    }
  if (password == NULL || *password == '\0')
    secret_password_clear_sync (mail_schema (), cancellable, &local_error,
                                "host", self->host, "user", self->user, NULL);
  else
    {
      /* Translators: the keyring's name for the password; %s: account, server. */
      label = g_strdup_printf (_("Đôn Đốc mail: %s on %s"), self->user, self->host);
      secret_password_store_sync (mail_schema (), SECRET_COLLECTION_DEFAULT, label, password, cancellable,
                                  &local_error, "host", self->host, "user", self->user, NULL);
    }
  if (local_error != NULL)
    {
      set_keyring_error (local_error, error);
      return FALSE;
    }
  return TRUE;
}

/* Sending on a worker */

typedef struct
{
  GPtrArray *messages;
} SendJob;

static void
send_job_free (SendJob *job)
{
  g_ptr_array_unref (job->messages);
  g_free (job);
}

/* The messages sent, or the error: the result's value is only a mark. */
static gpointer
send_job_run (DdStore       *connection,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  SendJob *job = data;
  g_autoptr(DdMailSettings) settings = dd_mail_settings_load (connection, error);
  g_autofree char *password = NULL;
  GError *local_error = NULL;

  if (settings == NULL || !dd_mail_settings_check (settings, error))
    return NULL;
  password = dd_mail_settings_dup_password (settings, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (!dd_urging_messages_send (connection, job->messages, settings, password, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
on_send_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (dd_store_worker_run_finish (DD_STORE_WORKER (source), result, &error) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * dd_urging_messages_send_async:
 * @self: the store
 * @messages: (element-type DdUrgingMessage): the messages to send (kept by
 *   the job: the caller does not touch them until @callback)
 * @cancellable: (nullable): cancels the job before it starts
 * @callback: called on the caller's thread once sent, or not
 * @user_data: for @callback
 *
 * Loads the mail settings, asks the keyring for the password and runs
 * dd_urging_messages_send(), on a thread and a connection of its own; the
 * store reads the messages recorded before @callback runs.
 */
void
dd_urging_messages_send_async (DdStore             *self,
                               GPtrArray           *messages,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(DdStoreWorker) worker = NULL;
  g_autoptr(GTask) task = NULL;
  SendJob *job;

  g_return_if_fail (DD_IS_STORE (self));
  g_return_if_fail (messages != NULL);

  job = g_new0 (SendJob, 1);
  job->messages = g_ptr_array_ref (messages);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_urging_messages_send_async);
  worker = dd_store_worker_new (self, DD_STORE_WORKER_WRITES);
  dd_store_worker_run_async (worker, send_job_run, job, (GDestroyNotify) send_job_free, NULL, cancellable,
                             on_send_done_cb, g_steal_pointer (&task));
}

/**
 * dd_urging_messages_send_finish:
 * @self: the store
 * @result: the result given to the callback
 * @error: dd_urging_messages_send()'s errors, %DD_MAIL_ERROR_KEYRING, or
 *   %G_IO_ERROR_CANCELLED
 *
 * Returns: %TRUE when every message was sent; those sent before a failure
 *   have their @sent set
 */
gboolean
dd_urging_messages_send_finish (DdStore       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
