/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_PREFERENCES_WINDOW (dd_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (DdPreferencesWindow, dd_preferences_window, DD, PREFERENCES_WINDOW, GtkWindow)

/* Preferences: the interface language (per user) and, when @store is given
 * and writable, the "due soon" window of that database. */
DdPreferencesWindow *dd_preferences_window_new (GtkWindow *parent,
                                                DdStore   *store) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
