/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DD_TYPE_APPLICATION (dd_application_get_type ())
G_DECLARE_FINAL_TYPE (DdApplication, dd_application, DD, APPLICATION, GtkApplication)

DdApplication *dd_application_new             (void) G_GNUC_WARN_UNUSED_RESULT;
int            dd_application_get_exit_status (DdApplication *self);

G_END_DECLS
