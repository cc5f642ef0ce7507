/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

#include "dd-admin-list-window.h"

G_BEGIN_DECLS

#define DD_TYPE_USERS_WINDOW (dd_users_window_get_type ())
G_DECLARE_FINAL_TYPE (DdUsersWindow, dd_users_window, DD, USERS_WINDOW, DdAdminListWindow)

DdUsersWindow *dd_users_window_new         (GtkWindow     *parent,
                                            DdStore       *store) G_GNUC_WARN_UNUSED_RESULT;
void           dd_users_window_reload      (DdUsersWindow *self);
/* The number of users listed. */
guint          dd_users_window_get_n_users (DdUsersWindow *self);
/* Selects the @index-th user listed: the form below shows them. */
void           dd_users_window_select      (DdUsersWindow *self,
                                            guint          index);
/* Chooses the unit called @name in the form's unit list. */
gboolean       dd_users_window_choose_unit (DdUsersWindow *self,
                                            const char    *name);

G_END_DECLS
