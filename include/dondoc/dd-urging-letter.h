/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <gio/gio.h>
#include "dd-store.h"

G_BEGIN_DECLS

/**
 * DdUrgingOptions:
 * @dir: the folder the letters are written into
 * @as_of: (nullable): the letters' date, which judges the tasks (today when %NULL)
 * @unit_id: only this unit's letter, or 0 for every unit that has one
 * @template_path: (nullable): the office's own template (a .docx with the
 *   placeholders of data/letters/cong-van-don-doc.fodt); %NULL: the one shipped
 * @pdf: also convert each letter to PDF with LibreOffice
 * @report_days: the units report back within this many days
 * @digest: for dd_urging_messages_prepare(): each unit's items listed in
 *   the message itself (a digest), no letter written or attached; @dir,
 *   @template_path and @pdf are then unused
 *
 * What dd_urging_letters_write() writes. Set with dd_urging_options_init().
 */
typedef struct
{
  const char *dir;
  const GDate *as_of;
  gint64 unit_id;
  const char *template_path;
  gboolean pdf;
  guint report_days;
  gboolean digest;
} DdUrgingOptions;

/* Everything off, a week to report back. */
void       dd_urging_options_init  (DdUrgingOptions        *self);

/**
 * dd_urging_letters_write:
 * @self: the store
 * @options: the folder, the date, the unit, the template, PDF or not
 * @error: the store's errors, %DD_IMPORT_ERROR for a template that is not
 *   a .docx, %G_IO_ERROR when a file cannot be written or LibreOffice is
 *   missing or fails
 *
 * Writes an urging letter (công văn đôn đốc) in the form of Nghị định
 * 30/2020/NĐ-CP for each unit that leads tasks overdue, due soon or with
 * a forgotten report as of the date (dd_stats_list_reminders()), named
 * after the unit ("Cong-van-don-doc-so-noi-vu.docx"): the template filled
 * with libxml2 (the office's issuer, place and signer of the report
 * settings, the unit, its tasks with their due dates and how late they
 * are, the date to report by), the ZIP written with libarchive; with
 * @pdf, also as PDF by LibreOffice.
 *
 * Returns: (transfer full) (element-type utf8) (nullable): the paths
 *   written (the PDFs' with @pdf), or %NULL with @error set
 */
GPtrArray *dd_urging_letters_write (DdStore                *self,
                                    const DdUrgingOptions  *options,
                                    GError                **error);

/**
 * DdMailTls:
 * @DD_MAIL_TLS_STARTTLS: plain connection turned to TLS (STARTTLS, port 587)
 * @DD_MAIL_TLS_IMPLICIT: TLS from the start (SMTPS, port 465)
 * @DD_MAIL_TLS_NONE: no TLS (a server on the office's own network only)
 */
typedef enum
{
  DD_MAIL_TLS_STARTTLS,
  DD_MAIL_TLS_IMPLICIT,
  DD_MAIL_TLS_NONE,
} DdMailTls;

/**
 * DdMailSettings:
 * @host: the office's SMTP server ("smtp.example.gov.vn"), or %NULL when unset
 * @port: its port (0: 587, 465 or 25 as @tls says)
 * @tls: how the connection is secured
 * @sender: the office's address the letters come from
 * @user: the account to log in with, or %NULL for a server without login
 *
 * The office's mail server, kept in the shared file's settings (never the
 * password: dd_mail_settings_dup_password()).
 */
typedef struct
{
  char *host;
  guint port;
  DdMailTls tls;
  char *sender;
  char *user;
} DdMailSettings;

/* The settings of @self's file; empty when never set. (transfer full) */
DdMailSettings *dd_mail_settings_load  (DdStore               *self,
                                        GError               **error);
/* Writes @settings into @store's settings (administrators). */
gboolean   dd_mail_settings_save       (const DdMailSettings  *self,
                                        DdStore               *store,
                                        GError               **error);
/* %TRUE when @self names a server and a sender; else %DD_MAIL_ERROR_SETTINGS
 * saying what to set (checked before anything is written or sent). */
gboolean   dd_mail_settings_check      (const DdMailSettings  *self,
                                        GError               **error);
void       dd_mail_settings_free       (DdMailSettings        *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdMailSettings, dd_mail_settings_free)

/**
 * dd_mail_settings_dup_password:
 * @self: the settings (the server and account the password is for)
 * @cancellable: (nullable): cancels the keyring's look-up
 * @error: %DD_MAIL_ERROR_KEYRING when the keyring cannot be read
 *
 * The account's password, from the desktop's keyring (libsecret); with no
 * keyring (a test machine), from $DONDOC_TEST_SMTP_PASSWORD when set.
 * Blocks: call it on a worker or the command line.
 *
 * Returns: (transfer full) (nullable): the password, %NULL when the
 *   keyring has none (@error unset) or on error
 */
char      *dd_mail_settings_dup_password   (const DdMailSettings  *self,
                                            GCancellable          *cancellable,
                                            GError               **error);
/* Keeps @password for @self's account in the desktop's keyring (libsecret),
 * never in a file; %NULL or "" removes it. %DD_MAIL_ERROR_KEYRING. Blocks. */
gboolean   dd_mail_settings_store_password (const DdMailSettings  *self,
                                            const char            *password,
                                            GCancellable          *cancellable,
                                            GError               **error);

/**
 * DdUrgingMessage:
 * @unit_id: the unit's id
 * @unit: the unit's name
 * @address: where the message goes (the unit's address)
 * @subject: its subject
 * @body: its text, plain, lines ending in "\n" (CR LF on the wire)
 * @attachment: (nullable): the letter attached (.pdf when made, else
 *   .docx), or %NULL for a digest
 * @attachment_size: the letter's size in bytes (0 for a digest)
 * @task_ids: (element-type gint64): the tasks it names, recorded in their
 *   history once it is sent
 * @sent: whether it was sent (dd_urging_messages_send())
 *
 * One message of the urging letters by email, as it will be sent: shown
 * whole before anything goes.
 */
typedef struct
{
  gint64 unit_id;
  char *unit;
  char *address;
  char *subject;
  char *body;
  char *attachment;
  goffset attachment_size;
  GArray *task_ids;
  gboolean sent;
} DdUrgingMessage;

void       dd_urging_message_free      (DdUrgingMessage       *self);

/**
 * dd_urging_messages_prepare:
 * @self: the store
 * @options: what dd_urging_letters_write() writes (into @options->dir),
 *   or with @options->digest, the digests (nothing written)
 * @error: %DD_MAIL_ERROR (a unit without an address: nothing is sent),
 *   or dd_urging_letters_write()'s errors
 *
 * Makes each message of the urging letters by email, one per unit with
 * overdue, due-soon or forgotten tasks, in Vietnamese: its letter written
 * and attached to a short message, or its digest (the unit's items with
 * their due dates and working days late) in the message itself. Nothing
 * is sent: show them (the dry run, the window's preview), then send them
 * with dd_urging_messages_send().
 *
 * Returns: (transfer full) (element-type DdUrgingMessage) (nullable): the
 *   messages, or %NULL with @error set
 */
GPtrArray *dd_urging_messages_prepare  (DdStore                *self,
                                        const DdUrgingOptions  *options,
                                        GError                **error);

/**
 * dd_urging_messages_send:
 * @self: the store
 * @messages: (element-type DdUrgingMessage): dd_urging_messages_prepare()'s
 *   messages, sent in order; each one sent gets its @sent set
 * @settings: the office's mail server
 * @password: (nullable): the account's password (dd_mail_settings_dup_password())
 * @error: %DD_MAIL_ERROR
 *
 * Sends each message by SMTP (libcurl) to its address, then records it in
 * the history of the tasks it names (letters_sent). A message the server
 * did not take is not recorded and the ones after it are not sent; the
 * ones before it were sent and are recorded.
 *
 * Returns: %TRUE when every message was sent
 */
gboolean   dd_urging_messages_send     (DdStore                *self,
                                        GPtrArray              *messages,
                                        const DdMailSettings   *settings,
                                        const char             *password,
                                        GError                **error);

/* dd_urging_messages_prepare() on a worker (the letters' PDFs take
 * seconds). The result: the GPtrArray of DdUrgingMessage, or the error. */
void       dd_urging_messages_prepare_async  (DdStore                *self,
                                              const DdUrgingOptions  *options,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
GPtrArray *dd_urging_messages_prepare_finish (DdStore                *self,
                                              GAsyncResult           *result,
                                              GError                **error);
/* dd_urging_messages_send() on a worker, the settings read and the password
 * looked up there; @messages is kept until the end and each one sent gets
 * its @sent set. */
void       dd_urging_messages_send_async     (DdStore                *self,
                                              GPtrArray              *messages,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
/* %TRUE when every message was sent; else @error (those sent before the
 * failure are recorded, and have @sent set). */
gboolean   dd_urging_messages_send_finish    (DdStore                *self,
                                              GAsyncResult           *result,
                                              GError                **error);

void       dd_urging_letters_write_async  (DdStore                *self,
                                           const DdUrgingOptions  *options,
                                           GCancellable           *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data);
GPtrArray *dd_urging_letters_write_finish (DdStore                *self,
                                           GAsyncResult           *result,
                                           GError                **error);

G_END_DECLS
