/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dd-pg-private.h"
#include "dd-pg-prefetch-private.h"
#include "dd-store-private.h"

G_BEGIN_DECLS

/* What the server's tables in place share between their reads
 * (dd-pg-live.c) and their writes (dd-pg-live-write.c). */

/* Where the server's transaction of a store in place stands. */
typedef enum
{
  LIVE_READING,                 /* a snapshot, nothing written in it */
  LIVE_WRITING,                 /* the store's write transaction sent rows */
  LIVE_COMMITTED,               /* the server committed; a new snapshot comes next */
  LIVE_FAILED,                  /* the server refused a row: only a rollback follows */
} LiveState;

typedef struct
{
  DdPg *pg;                     /* kept by the store */
  DdStore *store;               /* not kept: it owns the database that owns this */
  sqlite3 *db;
  GHashTable *timestamps;       /* "table.column" of the timestamptz columns */
  GHashTable *dates;            /* "table.column" of the date columns */
  GHashTable *columns;          /* table → GPtrArray of DdPgColumn */
  GHashTable *prepared;         /* SQL → statement name */
  GPtrArray *tables;            /* LiveTable, not kept */
  gboolean writable;            /* the store writes to the server in place */
  LiveState state;
  gboolean in_transaction;      /* between SQLite's xBegin and its end */
  sqlite3_int64 next_rowid;     /* the rowids of the rows of tables without an id */
  gboolean snapshot_open;       /* the server's transaction of the reads is open */
  char *snapshot;               /* its pg_current_snapshot (), or NULL: not asked yet */
  char *pending;                /* the plans being imported in it, "1,5" (import_pending) */
  char *previous;               /* the last snapshot's, once it ended: the small tables' wholes
                                 * read in it are kept unless changed since (table_changes) */
  gboolean end_when_idle;       /* a window's: ended after IDLE_END_MS without a read */
  GMainContext *idle_context;   /* where that timeout runs (the window's thread) */
  guint idle_id;                /* the timeout that ends it */
  gint64 last_read;             /* monotonic time of the last scan */
  guint n_cursors;              /* open cursors (they may borrow a retired whole) */
  GHashTable *batches;          /* a scan's shape → LiveBatch, this snapshot's */
  GPtrArray *retired_batches;   /* LiveBatch replaced, freed with the last cursor */
  GHashTable *scan_counts;      /* a scan's shape → how many this snapshot (AUTO_BATCH_SCANS) */
  GHashTable *batch_shapes;     /* a scan's shape → BatchShape: the scans a task list's batch made */
  GArray *round_ids;            /* the ids of the task list's last batch read (gint64), or NULL */
  guint64 round;                /* counts the task list's batches of other ids */
  guint64 n_batch_trips;        /* round trips that read batches (_dd_pg_live_count_batch_trips()) */
  guint64 n_reads;              /* queries sent (_dd_pg_live_count_reads()) */
  guint64 n_row_batches;        /* an export's batches of rows read here (dd-pg-rows.c) */
  guint64 n_figure_reads;       /* an export's typed figures read here (dd-pg-rows.c) */
  guint64 n_lists;              /* task lists sorted on the server (_dd_pg_live_count_lists()) */
  guint64 n_lists_kept;         /* of them, a kept list (as it was, or with the changes since) */
  guint64 n_wholes_kept;        /* small tables' wholes kept from one snapshot to the next */
  GPtrArray *lists;             /* ListKept: the last lists read, the latest last */
  guint kept_rows_max;          /* their rows at most, or 0: KEPT_ROWS (dd-pg-list.c) */
  DdPgPrefetch *prefetch;       /* the next batch read ahead (dd-pg-prefetch.c), or NULL */
  char *exported;               /* pg_export_snapshot () of this snapshot, or NULL */
  gboolean no_prefetch;         /* the server would not export it */
} Live;

typedef struct
{
  sqlite3_vtab base;
  Live *live;
  char *table;
  GPtrArray *columns;           /* owned by live->columns */
  gboolean id_first;            /* column 0 is the INTEGER id */
  gboolean small;               /* one of small_tables */
  gboolean writable;            /* one of the tables a store in place may write */
  int revision;                 /* the column "revision", or -1 */
  PGresult *whole;              /* a small table, read once a snapshot */
  GHashTable *whole_rows;       /* its rows by id (gint64 → row + 1), made at the first lookup */
  PGresult *carried;            /* the whole of the last snapshot, till the next one says it is
                                 * unchanged (its whole again) or not */
  GHashTable *carried_rows;     /* its whole_rows */
  GPtrArray *retired;           /* wholes a write made stale, freed with the snapshot */
  GHashTable *read_rows;        /* rowid → LiveRow, in a write transaction */
  int batch_column;             /* a task's rows: its task's id, read in batches; or -1 */
} LiveTable;

typedef struct
{
  sqlite3_vtab_cursor base;
  PGresult *result;             /* the table's whole when borrowed */
  gboolean borrowed;
  int row;
  int end;                      /* the row after its last (a batch's part), -1: the result's end */
  int *fields;                  /* the result's field of each column, -1: not read (NULL) */
  gboolean keys;                /* read the key and revision (a write transaction's) */
} LiveCursor;

/* The BEGIN of a store's snapshot. */
const char *_dd_pg_live_begin_sql  (gboolean        writable);
/* Whether column @c is in @table's key (the id, else the file's primary
 * key) or its revision: always read by a store that writes. */
gboolean _dd_pg_live_is_key        (LiveTable      *table,
                                    guint           c);
/* The rowid of @cursor's row; in a write transaction, its key and
 * revision are kept for the xUpdate that may follow. */
sqlite3_int64 _dd_pg_live_row_id   (LiveTable      *table,
                                    LiveCursor     *cursor);
void     _dd_pg_live_table_init    (LiveTable      *table);
void     _dd_pg_live_table_clear   (LiveTable      *table);
/* Ends the server's transaction (rolled back: nothing written is in it)
 * and forgets what it read; the next read begins a new one. */
void     _dd_pg_live_end_snapshot  (Live           *live);
/* Asks the open snapshot for live->snapshot and live->pending, unless
 * its BEGIN did. */
gboolean _dd_pg_live_snapshot_info (Live           *live,
                                    GError        **error);
/* Ends the server's transaction and begins a new snapshot. */
gboolean _dd_pg_live_new_snapshot  (Live           *live,
                                    GError        **error);
/* A snapshot for a read or a write: the open one, else a new one. */
gboolean _dd_pg_live_use_snapshot  (Live           *live,
                                    GError        **error);
/* A window's snapshot ends after this long without a read
 * (_dd_pg_live_end_when_idle()). */
#define IDLE_END_MS 2000
/* Arms the timeout that ends a window's snapshot when idle, in its main
 * context (live->idle_context). */
void     _dd_pg_live_arm_idle_end  (Live           *live);
/* Whether a statement of @db is between its first step and its reset: a
 * scan of it may hold a small table's rows. */
gboolean _dd_pg_live_reading       (sqlite3        *db);
/* Forgets the rows read in batches (a new snapshot, a write). */
void     _dd_pg_live_drop_batches  (Live           *live);
/* Sets up @store's transactions with the server (the begin hook). */
void     _dd_pg_live_set_writable  (Live           *live,
                                    DdStore        *store);

/* The tables in place of a store, or NULL (a file's store, a copy). */
Live    *_dd_pg_live_of            (DdStore        *store);

/* Forgets the lists kept (dd-pg-list.c): a connection made again may
 * reach another server. */
void     _dd_pg_live_drop_lists    (Live           *live);
/* Forgets the small tables' wholes kept from the last snapshot, for the
 * same reason. */
void     _dd_pg_live_drop_carried  (Live           *live);

/* The store's DdStoreListReader (dd-pg-list.c); @data is the Live. */
GArray  *_dd_pg_live_read_list     (DdStore           *store,
                                    const DdTaskQuery *query,
                                    const GDate       *soon,
                                    const char        *words,
                                    gpointer           data);

/* The store's DdStoreRowsReader (dd-pg-rows.c); @data is the Live. */
int      _dd_pg_live_read_rows     (DdStore           *store,
                                    const gint64      *ids,
                                    guint              n_ids,
                                    const gint64      *next_ids,
                                    guint              n_next_ids,
                                    gboolean           with_text,
                                    DdStoreRowFunc     func,
                                    gpointer           func_data,
                                    gpointer           data,
                                    GError           **error);
/* The store's DdStoreFiguresReader (dd-pg-rows.c); @data is the Live. */
int      _dd_pg_live_read_figures  (DdStore           *store,
                                    const GDate       *from,
                                    const GDate       *to,
                                    double             max,
                                    DdStoreRowFunc     func,
                                    gpointer           func_data,
                                    gpointer           data,
                                    GError           **error);
/* Runs @sql on the server, prepared the first time its shape is seen. */
PGresult *_dd_pg_live_run_select   (Live              *live,
                                    const char        *sql,
                                    GPtrArray         *params);
/* @ids as an array's text, "{1,2,3}". (transfer full) */
char     *_dd_pg_ids_array         (const gint64      *ids,
                                    guint              n_ids);
/* What a query read ahead is known by: its SQL and its parameters.
 * (transfer full) */
char     *_dd_pg_live_request_key  (const char        *sql,
                                    GPtrArray         *params);
/* Whether this snapshot can be read ahead: exported for the prefetcher
 * (once a snapshot: one round trip; live->exported, live->prefetch). Only
 * the reads of a snapshot, never a write's transaction. */
gboolean  _dd_pg_live_export_snapshot (Live           *live);
int _dd_pg_live_update   (sqlite3_vtab   *vtab,
                          int             argc,
                          sqlite3_value **argv,
                          sqlite3_int64  *rowid);
int _dd_pg_live_begin    (sqlite3_vtab   *vtab);
int _dd_pg_live_sync     (sqlite3_vtab   *vtab);
int _dd_pg_live_commit   (sqlite3_vtab   *vtab);
int _dd_pg_live_rollback (sqlite3_vtab   *vtab);

G_END_DECLS
