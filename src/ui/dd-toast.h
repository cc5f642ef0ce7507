/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * A toast (GTK 4.8 has none without libadwaita): a short message at the
 * bottom of the window ("Đã lưu nhiệm vụ 5"), with at most one button, that
 * goes by itself after a few seconds or with its close button. Put it in a
 * GtkOverlay over the pages.
 */

#define DD_TYPE_TOAST (dd_toast_get_type ())
G_DECLARE_FINAL_TYPE (DdToast, dd_toast, DD, TOAST, GtkWidget)

GtkWidget  *dd_toast_new      (void);
/* Shows @text, replacing what was shown; @button_label and @action_name
 * (both nullable) add a button that fires the action (with @target, nullable). */
void        dd_toast_show     (DdToast    *self,
                               const char *text,
                               const char *button_label,
                               const char *action_name,
                               GVariant   *target);
void        dd_toast_dismiss  (DdToast    *self);
/* The text shown, or %NULL when the toast is hidden. */
const char *dd_toast_get_text (DdToast    *self);

G_END_DECLS
