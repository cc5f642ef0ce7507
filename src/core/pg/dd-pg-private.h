/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libpq-fe.h>
#include <sqlite3.h>

#include "dondoc/dondoc.h"

G_BEGIN_DECLS

/* What the files of src/core/pg share. */
PGconn  *dd_pg_get_conn        (DdPg        *self);

/* Each connection's first statement: the schema is the public one of the
 * database; messages stay in English (their codes are what is read),
 * dates in ISO. */
#define DD_PG_SESSION_SETUP "SET search_path = public; SET datestyle = ISO; SET client_min_messages = warning"

/* A connection's parameters, for PQconnectdbParams() and
 * PQconnectStartParams(): keywords and values, each array ending with a
 * NULL. */
typedef struct
{
  GPtrArray *keywords;
  GPtrArray *values;
} DdPgParams;

/* Those of @conn, which connected (PQconninfo()): the same server, the
 * same login and password. */
void     _dd_pg_params_init    (DdPgParams  *params,
                                PGconn      *conn);
/* Sets @keyword to @value, in place of the value it had. */
void     _dd_pg_params_set     (DdPgParams  *params,
                                const char  *keyword,
                                const char  *value);
void     _dd_pg_params_clear   (DdPgParams  *params);
/* A new connection with @params (a store's: another desktop's work on
 * the same server as the same login). */
DdPg    *_dd_pg_connect_params (const DdPgParams *params,
                                GError          **error);
gboolean dd_pg_result_ok       (PGresult    *result,
                                GError     **error);
gboolean dd_pg_exec            (DdPg        *self,
                                const char  *sql,
                                GError     **error);
void     dd_pg_rollback        (DdPg        *self);
/* Connects @self again as it was (libpq's PQreset()), with the same
 * session settings; its prepared statements and transaction are gone. */
gboolean _dd_pg_reconnect      (DdPg        *self,
                                GError     **error);
/* A whole number the server wrote as @text, within [@min, @max]; else
 * FALSE and @error says what the server answered. */
gboolean dd_pg_parse_int       (const char  *text,
                                gint64       min,
                                gint64       max,
                                gint64      *out,
                                GError     **error);

/* dd-pg-faults.c: a translated sentence for a failed connection's cause
 * that libpq words in its own terms (TLS, certificates), or NULL; the
 * error of a write refused by a standby (SQLSTATE 25006). */
char    *_dd_pg_dup_connect_hint    (PGconn      *conn);
void     _dd_pg_set_read_only_error (GError     **error);

/* dd-pg-copy.c: a column of a table of the file, as the copies see it. */
typedef enum
{
  KIND_TEXT,
  KIND_INTEGER,
  KIND_REAL,
  KIND_BLOB,
} DdPgColumnKind;

typedef struct
{
  char *name;                   /* in the file */
  const char *server_name;      /* on the server */
  DdPgColumnKind kind;          /* the file's declared type */
  gboolean not_null;            /* NOT NULL or the primary key in the file */
  guint pk;                     /* its place in the file's primary key, from 1; 0: not in it */
  char *default_value;          /* the file's DEFAULT, as SQL, or NULL */
} DdPgColumn;

/* The columns of @table in the file (element-type DdPgColumn). */
GPtrArray *_dd_pg_read_columns     (sqlite3     *db,
                                    const char  *table,
                                    GError     **error);
/* Sets @error from @db's last error; returns FALSE. */
gboolean   _dd_pg_set_sqlite_error (sqlite3     *db,
                                    GError     **error);
/* What the server's SELECT reads for @column of @table, in the file's
 * text; @timestamps: "table.column" of the server's timestamptz columns
 * (_dd_pg_read_server_timestamps()). */
void        _dd_pg_append_server_expression (GString          *sql,
                                             const char       *table,
                                             const DdPgColumn *column,
                                             GHashTable       *timestamps);
GHashTable *_dd_pg_read_server_timestamps   (DdPg             *pg,
                                             GError          **error);
/* Binds the server's text @value (NULL: null) as the file stores a
 * column of @kind; _dd_pg_decode_bytea() reads bytea's hex. */
void        _dd_pg_bind_server_value        (sqlite3_stmt     *stmt,
                                             int               index,
                                             DdPgColumnKind    kind,
                                             const char       *value);
guint8     *_dd_pg_decode_bytea             (const char       *text,
                                             gsize            *len);
/* dd-pg-copy.c: the tables of the data, a table after those it refers to. */
const char * const *_dd_pg_data_tables      (guint            *n_tables);

/* dd-pg-live.c: the channel the server's triggers notify on every write
 * to the data (data/pg/0006-notify.sql); a new snapshot of the server for
 * @store, of dd_pg_read_store(), connecting again if the connection was
 * lost (G_IO_ERROR_BUSY: a statement of @store is reading, try later). */
#define DD_PG_CHANGES_CHANNEL "dondoc_changes"
gboolean   _dd_pg_live_renew       (DdStore     *store,
                                    GError     **error);
/* Whether @store is of dd_pg_read_store(); its connection. */
DdPg      *_dd_pg_live_get_pg      (DdStore     *store);
/* Makes @store (a window's, read on the main thread) end its snapshot's
 * transaction after a moment without a read: an idle window holds no
 * transaction open on the server (VACUUM); its next read begins a new
 * snapshot. A command's store keeps one snapshot for the command. */
void       _dd_pg_live_end_when_idle (DdStore   *store);
/* Tests and benchmarks: how many reads @store (of dd_pg_read_store() or
 * dd_pg_write_store()) has sent to the server. */
guint64    _dd_pg_live_count_reads (DdStore     *store);
/* Of them, the round trips that read rows of a task list's batch (those
 * read with the first of a batch, in its round trip, count once). */
guint64    _dd_pg_live_count_batch_trips (DdStore *store);
/* Tests: the task lists the server sorted and counted (dd-pg-list.c). */
guint64    _dd_pg_live_count_lists (DdStore     *store);
/* Of them, how many came from a list kept (as it was, or with the
 * changes since its snapshot), not read whole. */
guint64    _dd_pg_live_count_lists_kept (DdStore *store);
/* Tests: how many batches of an export's rows @store took read ahead
 * (dd-pg-prefetch.c). */
guint64    _dd_pg_live_count_read_ahead (DdStore *store);
/* Tests: how many batches of an export's rows the server joined for
 * @store itself, not read through SQLite (dd-pg-rows.c). */
guint64    _dd_pg_live_count_row_batches (DdStore *store);
/* Tests: how many times the server read every typed figure for @store's
 * export (dd-pg-rows.c). */
guint64    _dd_pg_live_count_figure_reads (DdStore *store);
/* Tests: keep at most @rows rows of lists (0: the store's own limit). */
void       _dd_pg_live_set_kept_rows (DdStore   *store,
                                      guint      rows);
/* Tests: how many times a small table's whole read in one snapshot served
 * the next (unchanged since, data/pg/0008-task-changes.sql). */
guint64    _dd_pg_live_count_wholes_kept (DdStore *store);

G_END_DECLS
