/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store-stamp"

#include "config.h"

#include "dd-store-private.h"
#include "dd-store-stamp.h"

gboolean
dd_store_stamp_take (DdStore      *self,
                     DdStoreStamp *stamp)
{
  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (stamp != NULL, FALSE);

  stamp->serial = self->commit_serial;
  stamp->data_version = self->flags.in_transaction ? -1 : dd_sql_query_int64 (self, "PRAGMA data_version", -1);
  stamp->valid = stamp->data_version >= 0;
  return stamp->valid;
}

gboolean
dd_store_stamp_is_current (DdStore            *self,
                           const DdStoreStamp *stamp)
{
  g_return_val_if_fail (DD_IS_STORE (self), FALSE);
  g_return_val_if_fail (stamp != NULL, FALSE);

  if (!stamp->valid || self->flags.in_transaction || stamp->serial != self->commit_serial)
    return FALSE;
  return stamp->data_version == dd_sql_query_int64 (self, "PRAGMA data_version", -1);
}

void
dd_store_stamp_clear (DdStoreStamp *stamp)
{
  g_return_if_fail (stamp != NULL);

  stamp->data_version = -1;
  stamp->serial = 0;
  stamp->valid = FALSE;
}
