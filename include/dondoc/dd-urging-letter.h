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
 * DdSentLetter:
 * @unit: the unit's name
 * @address: where the letter went
 * @path: the letter attached (.pdf when made, else .docx)
 */
typedef struct
{
  char *unit;
  char *address;
  char *path;
} DdSentLetter;

void       dd_sent_letter_free         (DdSentLetter          *self);

/**
 * dd_urging_letters_send:
 * @self: the store
 * @options: what dd_urging_letters_write() writes (into @options->dir)
 * @settings: (nullable): the office's mail server; %NULL for a dry run:
 *   the letters written and their addresses checked, nothing sent
 * @password: (nullable): the account's password (dd_mail_settings_dup_password())
 * @sent: (out) (optional) (transfer full) (element-type DdSentLetter): the
 *   letters sent (or, for a dry run, to send), those before a failure included
 * @error: %DD_MAIL_ERROR (a unit without an address is refused before
 *   anything is sent), or dd_urging_letters_write()'s errors
 *
 * Writes the letters, then sends each by SMTP (libcurl) to its unit's
 * address (dd_store_set_unit_email()), the letter attached, and records
 * each one sent in the history of its tasks. A letter the server did not
 * take is not recorded; the ones before it were sent and are.
 *
 * Returns: %TRUE when every letter was sent
 */
gboolean   dd_urging_letters_send      (DdStore                *self,
                                        const DdUrgingOptions  *options,
                                        const DdMailSettings   *settings,
                                        const char             *password,
                                        GPtrArray             **sent,
                                        GError                **error);
/* dd_urging_letters_send() on a worker; the password is looked up there.
 * The result: the GPtrArray of DdSentLetter, or the error. */
void       dd_urging_letters_send_async  (DdStore                *self,
                                          const DdUrgingOptions  *options,
                                          GCancellable           *cancellable,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data);
/* (transfer full) (element-type DdSentLetter): the letters sent, or %NULL
 * with @error set (the letters sent before the failure are recorded). */
GPtrArray *dd_urging_letters_send_finish (DdStore                *self,
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
