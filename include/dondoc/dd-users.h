/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <gio/gio.h>
#include "dd-store.h"
#include "dd-store-shared.h"

G_BEGIN_DECLS

/*
 * The accounts recorded in a file (table users): their display names and
 * their roles (DdRole, see dd-store-shared.h for what each may do; the
 * store enforces them on every write). Main thread only, like DdStore.
 */

typedef struct
{
  char *account;        /* OS account */
  char *display_name;   /* NULL when none was set */
  DdRole role;
  gint64 unit_id;       /* a unit editor's unit, 0 otherwise */
  char *unit_name;      /* NULL when unit_id is 0 */
} DdUserInfo;

#define DD_TYPE_USER_INFO (dd_user_info_get_type ())
GType       dd_user_info_get_type      (void) G_GNUC_CONST;
DdUserInfo *dd_user_info_copy          (const DdUserInfo *self);
void        dd_user_info_free          (DdUserInfo *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdUserInfo, dd_user_info_free)

/**
 * DdUsers:
 *
 * The accounts of a store's file, and the display name of the store's own
 * user (dd_store_get_user()).
 */
#define DD_TYPE_USERS (dd_users_get_type ())
G_DECLARE_FINAL_TYPE (DdUsers, dd_users, DD, USERS, GObject)

/* Returns: (transfer full): the accounts of @store (holds a reference on it) */
DdUsers    *dd_users_new               (DdStore *store) G_GNUC_WARN_UNUSED_RESULT;

/**
 * dd_users_list:
 *
 * The accounts recorded in the file (given a role, or that set their display
 * name), administrators first, then unit editors, then viewers, each in
 * Vietnamese order of their display name (or account). Every role may read
 * it; only administrators change it (dd_users_set_role()).
 *
 * Returns: (transfer full) (element-type DdUserInfo): the users, or %NULL
 * with @error set
 */
GPtrArray  *dd_users_list              (DdUsers  *self,
                                        GError  **error);

/**
 * dd_users_set_role:
 * @unit_id: the unit of a unit editor, 0 for the other roles
 * @display_name: (nullable): the account's display name; %NULL keeps it
 *
 * Administrators only (%DD_ACTION_MANAGE_USERS): gives @account a role.
 * The last administrator cannot give theirs up (%DD_STORE_ERROR_INVALID),
 * nor can a unit editor be without a unit.
 */
gboolean    dd_users_set_role          (DdUsers     *self,
                                        const char  *account,
                                        const char  *display_name,
                                        DdRole       role,
                                        gint64       unit_id,
                                        GError     **error);

/* The display name recorded for the store's user, or the account itself.
 * (transfer full): %NULL with @error set when the file could not be read. */
char       *dd_users_dup_display_name  (DdUsers  *self,
                                        GError  **error);
/* Records the store's user's own display name ("" for none); every role may
 * do this (%DD_ACTION_SET_DISPLAY_NAME). */
gboolean    dd_users_set_display_name  (DdUsers     *self,
                                        const char  *display_name,
                                        GError     **error);

G_END_DECLS
