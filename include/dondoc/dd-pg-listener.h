/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <glib-object.h>

#include "dd-pg.h"
#include "dd-store.h"

G_BEGIN_DECLS

/*
 * DdPgListener: keeps a store of dd_pg_read_store() up to date with the
 * server. It listens, on a connection of its own, to the notification the
 * server's triggers send on every write to the data (LISTEN
 * dondoc_changes); on one (a burst of them counts once), the store takes a
 * new snapshot of the server and emits "external-change" and "changed", as
 * a file's store does after another desktop's commit. Nothing is polled:
 * the connection's socket is watched from the thread-default main context
 * of the thread that made the listener.
 *
 * When the server goes away, #DdPgListener:connected turns %FALSE and the
 * listener tries again after 1 s, then a delay that doubles up to 30 s;
 * once the server answers again, the store reads it anew and "connected"
 * turns %TRUE.
 *
 * Properties:
 *   "connected": the listener's connection listens and the store's
 *     snapshot is the server's (read-only, notified)
 *   "error": while not connected, why (read-only, notified after each
 *     failed attempt)
 */

#define DD_TYPE_PG_LISTENER (dd_pg_listener_get_type ())
G_DECLARE_FINAL_TYPE (DdPgListener, dd_pg_listener, DD, PG_LISTENER, GObject)

/**
 * dd_pg_listener_new:
 * @store: a store
 *
 * Starts listening for @store, when it is a store of dd_pg_read_store();
 * the connection is made without blocking. The store's read-only reason
 * then says that it follows the server.
 *
 * Returns: (transfer full) (nullable): a new listener, or %NULL when
 *   @store does not read a server
 */
DdPgListener *dd_pg_listener_new               (DdStore      *store);

/**
 * dd_pg_listener_get_connected:
 * @self: a listener
 *
 * Returns: %FALSE from the moment the server was found gone until it
 *   answers again and the store has read it anew
 */
gboolean      dd_pg_listener_get_connected     (DdPgListener *self);

/**
 * dd_pg_listener_get_database:
 * @self: a listener
 *
 * Returns: (transfer none): the name of the server's database
 */
const char   *dd_pg_listener_get_database      (DdPgListener *self);

/**
 * dd_pg_listener_get_error:
 * @self: a listener
 *
 * Returns: (transfer none) (nullable): while not connected, why (the
 *   last attempt's error, translated); else %NULL
 */
const char   *dd_pg_listener_get_error         (DdPgListener *self);

/**
 * dd_pg_listener_get_retry_seconds:
 * @self: a listener
 *
 * Returns: while not connected, the delay before the next attempt (it
 *   grows from 1 s to 30 s); else 0
 */
guint         dd_pg_listener_get_retry_seconds (DdPgListener *self);

/**
 * dd_pg_listener_retry_now:
 * @self: a listener
 *
 * While not connected and not trying already, tries at once (the delay
 * then goes on growing if the server is still away).
 */
void          dd_pg_listener_retry_now         (DdPgListener *self);

G_END_DECLS
