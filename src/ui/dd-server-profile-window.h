/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_SERVER_PROFILE_WINDOW (dd_server_profile_window_get_type ())
G_DECLARE_FINAL_TYPE (DdServerProfileWindow, dd_server_profile_window, DD, SERVER_PROFILE_WINDOW, GtkWindow)

/* The connection profile of this desktop (Preferences), loaded from the
 * user's settings and the keyring; Save keeps it, Open connects and opens
 * a main window on the server's data. */
DdServerProfileWindow *dd_server_profile_window_new (GtkWindow *parent);

G_END_DECLS
