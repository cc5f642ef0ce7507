/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_MAIL_SETTINGS_WINDOW (dd_mail_settings_window_get_type ())
G_DECLARE_FINAL_TYPE (DdMailSettingsWindow, dd_mail_settings_window, DD, MAIL_SETTINGS_WINDOW, GtkWindow)

/* Where the urging letters are emailed from and to (DdMailSettings in
 * @store): the office's SMTP server, its security, the sender and the
 * account, the password (kept in the desktop's keyring, never in the
 * file), and each unit's address; an administrator saves them. */
DdMailSettingsWindow *dd_mail_settings_window_new (GtkWindow *parent,
                                                   DdStore   *store) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
