/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

/* Queries read ahead on a connection of their own, in the store's
 * snapshot (dd-pg-prefetch.c). */
typedef struct _DdPgPrefetch DdPgPrefetch;

/* A prefetcher connecting as @like does (when first asked). */
DdPgPrefetch *_dd_pg_prefetch_new         (PGconn       *like);
void          _dd_pg_prefetch_free        (DdPgPrefetch *self);
/* The snapshot ended: what was asked in it is dropped. */
void          _dd_pg_prefetch_reset       (DdPgPrefetch *self);
/* Asks for @sql with @params (text, NULL for NULL) in the exported
 * snapshot @snapshot, under @key (the query and its parameters). */
void          _dd_pg_prefetch_ask         (DdPgPrefetch *self,
                                           const char   *snapshot,
                                           const char   *key,
                                           const char   *sql,
                                           GPtrArray    *params);
/* The rows of the query asked under @key, waiting for them if need be;
 * NULL if it was not asked, not started yet, or failed (the store then
 * reads it itself). (transfer full) */
PGresult     *_dd_pg_prefetch_take        (DdPgPrefetch *self,
                                           const char   *key);
/* Tests: how many results were taken. */
guint64       _dd_pg_prefetch_count_taken (DdPgPrefetch *self);

G_END_DECLS
