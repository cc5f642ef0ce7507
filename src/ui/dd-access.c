/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-access"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-access.h"

char *
dd_access_dup_write_reason (DdStore  *store,
                            gboolean  admin_only)
{
  DdRole role;

  if (store == NULL)
    return g_strdup (_("No database is open."));

  if (dd_store_is_read_only (store))
    {
      const char *reason = dd_store_get_read_only_reason (store);

      return g_strdup (reason != NULL ? reason : _("The database is open read-only."));
    }

  if (!dd_store_is_lock_warning_acknowledged (store))
    return g_strdup (_("Nothing can be changed until you have read the warning about where the "
                       "database is stored, at the top of the window, and pressed “I Understand”."));

  role = dd_store_get_role (store);
  if (role == DD_ROLE_VIEWER)
    return g_strdup (_("Your role in this database is “viewer”: you can read and export, but not "
                       "change anything. An administrator can give you more rights in Users and "
                       "Roles."));
  if (admin_only && role != DD_ROLE_ADMIN)
    /* Translators: %s is the user's role ("unit editor"). */
    return g_strdup_printf (_("Only an administrator can do this; your role is “%s”."),
                            dd_role_get_label (role));
  return NULL;
}

char *
dd_access_dup_task_reason (DdStore *store,
                           DdTask  *task)
{
  char *reason = dd_access_dup_write_reason (store, FALSE);

  if (reason != NULL)
    return reason;

  if (dd_store_get_role (store) == DD_ROLE_UNIT_EDITOR
      && dd_task_get_lead_id (task) != dd_store_get_role_unit_id (store))
    return g_strdup (_("As a unit editor you can change only the tasks your unit leads; this task "
                       "is led by another unit. You can read it here."));
  return NULL;
}
