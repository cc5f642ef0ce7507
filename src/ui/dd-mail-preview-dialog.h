/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_MAIL_PREVIEW_DIALOG (dd_mail_preview_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DdMailPreviewDialog, dd_mail_preview_dialog, DD, MAIL_PREVIEW_DIALOG, GtkWindow)

/* Makes the urging letters' messages of @store (on a worker: the letters
 * into a folder of the dialog's own, or the digests) and shows each one
 * whole — recipient, subject, attachment, text — before anything is sent.
 * Nothing is sent by the dialog: "finished" says whether the user
 * confirmed, then dd_mail_preview_dialog_steal_messages() gives them. */
DdMailPreviewDialog *dd_mail_preview_dialog_new            (GtkWindow           *parent,
                                                            DdStore             *store,
                                                            const DdMailSettings *settings) G_GNUC_WARN_UNUSED_RESULT;
/* (transfer none) (element-type DdUrgingMessage) (nullable): the messages
 * shown, NULL while they are being made */
GPtrArray           *dd_mail_preview_dialog_get_messages   (DdMailPreviewDialog *self);
/* After "finished" with TRUE: the messages to send, and the folder of the
 * letters they attach (%NULL for digests), to remove once they are sent.
 * (transfer full) (element-type DdUrgingMessage) (nullable) */
GPtrArray           *dd_mail_preview_dialog_steal_messages (DdMailPreviewDialog *self,
                                                            char               **dir);

G_END_DECLS
