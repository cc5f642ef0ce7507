/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dondoc/dd-store.h"

G_BEGIN_DECLS

/* What a cache remembers of the store's data when it reads it: kept values
 * are still valid while neither another connection (PRAGMA data_version)
 * nor this one (its own commit counter) committed, and never inside a
 * transaction of this connection (its writes are not committed yet).
 *
 *   DdStoreStamp stamp;
 *
 *   if (dd_store_stamp_is_current (store, &cache->stamp))
 *     return cache;                       // still valid
 *   dd_store_stamp_take (store, &stamp);  // before reading
 *   … read …
 *   if (dd_store_stamp_is_current (store, &stamp))
 *     keep what was read, with cache->stamp = stamp;
 *   else
 *     use it for this call only (a transaction is open, or another
 *     connection committed while it was read)
 *
 * A zeroed stamp, or one passed to dd_store_stamp_clear(), is never current. */
typedef struct
{
  gint64 data_version;          /* PRAGMA data_version */
  guint64 serial;               /* the store's own commit counter */
  gboolean valid;               /* FALSE: never current */
} DdStoreStamp;

/* Fills @stamp with the store's state now. Returns FALSE, and a stamp that
 * is never current, inside a transaction of this connection or when
 * PRAGMA data_version cannot be read: nothing read then may be kept. */
gboolean dd_store_stamp_take       (DdStore *self, DdStoreStamp *stamp);
/* TRUE when nothing was committed since @stamp was taken and no transaction
 * is open on this connection. */
gboolean dd_store_stamp_is_current (DdStore *self, const DdStoreStamp *stamp);
/* Makes @stamp never current (a cache emptied or being refilled). */
void     dd_store_stamp_clear      (DdStoreStamp *stamp);

G_END_DECLS
