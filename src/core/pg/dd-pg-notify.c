/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-pg"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib-unix.h>

#include "dondoc/dondoc.h"
#include "dd-pg-private.h"
#include "dd-store-private.h"

/*
 * DdPgListener (issue #22): a store read in place follows the server.
 *
 * The listener has a connection of its own, made without blocking
 * (PQconnectStartParams(), PQconnectPoll() as its socket is ready), with
 * the parameters of the store's connection (PQconninfo(): the same server,
 * login and password) and TCP keepalives. It says LISTEN dondoc_changes;
 * the server's statement-level triggers (data/pg/0006-notify.sql) notify
 * that channel on every write to the data, once per transaction. The
 * socket is watched from the main loop: when it can be read,
 * PQconsumeInput() and PQnotifies() take the notifications, and a new
 * snapshot is taken COALESCE_MS later (or MIN_INTERVAL_MS after the last
 * one), so that a burst of saves costs one refresh of the window.
 *
 * The socket also says when the server goes away (pg_ctl stop, a crash, a
 * reset connection): the listener then drops its connection, says
 * "connected" FALSE and tries again after a delay that doubles from
 * FIRST_RETRY_MS to LAST_RETRY_MS. Connected again, it listens, then has
 * the store take a new snapshot on a new connection (_dd_pg_live_renew()),
 * and only then says "connected" TRUE: the store saw every change made
 * while it was away.
 */

#define COALESCE_MS 150
#define MIN_INTERVAL_MS 1000
#define BUSY_RETRY_MS 100
#define FIRST_RETRY_MS 1000
#define LAST_RETRY_MS 30000
#define CONNECT_TIMEOUT_S 15

struct _DdPgListener
{
  GObject parent_instance;

  DdStore *store;
  DdPg *pg;                     /* the store's */
  DdPgParams params;            /* its connection's parameters */
  PGconn *conn;                 /* our own, or NULL between attempts */
  guint watch_id;               /* conn's socket */
  guint timeout_id;             /* the attempt in progress gives up */
  guint refresh_id;             /* a new snapshot is due */
  guint retry_id;               /* the next attempt */
  guint retry_ms;               /* the delay after the next failure */
  guint armed_ms;               /* that of the attempt awaited */
  gint64 last_refresh;          /* monotonic µs */
  gboolean connected;
  gboolean listened;            /* connected once: a new connection refreshes */
  char *error;                  /* why not connected */
};

G_DEFINE_FINAL_TYPE (DdPgListener, dd_pg_listener, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONNECTED,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void start_attempt (DdPgListener *self);
static void refresh (DdPgListener *self);

/* The connection's parameters */

/* Those of the store's connection, which connected: the same server, the
 * same login and password; keepalives so that a server gone away without
 * a word (a cable, a power cut) is noticed within a minute. */
static void
read_parameters (DdPgListener *self)
{
  _dd_pg_params_init (&self->params, dd_pg_get_conn (self->pg));
  _dd_pg_params_set (&self->params, "application_name", "dondoc-listen");
  _dd_pg_params_set (&self->params, "keepalives", "1");
  _dd_pg_params_set (&self->params, "keepalives_idle", "20");
  _dd_pg_params_set (&self->params, "keepalives_interval", "5");
  _dd_pg_params_set (&self->params, "keepalives_count", "4");
}

/* States */

static void
set_connected (DdPgListener *self,
               gboolean      connected)
{
  if (connected)
    g_clear_pointer (&self->error, g_free);
  if (self->connected == connected)
    return;
  self->connected = connected;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CONNECTED]);
}

static void
drop_connection (DdPgListener *self)
{
  g_clear_handle_id (&self->watch_id, g_source_remove);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_pointer (&self->conn, PQfinish);
}

static gboolean
retry_cb (gpointer user_data)
{
  DdPgListener *self = user_data;

  self->retry_id = 0;
  start_attempt (self);
  return G_SOURCE_REMOVE;
}

/* The server is away, or would not have us: try again later, each time
 * later, up to LAST_RETRY_MS. */
static void
lose (DdPgListener *self,
      const char   *message)
{
  g_debug ("Not listening to the server: %s", message);
  drop_connection (self);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_free (self->error);
  self->error = g_strdup (message);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  self->retry_id = g_timeout_add (self->retry_ms, retry_cb, self);
  self->armed_ms = self->retry_ms;
  self->retry_ms = MIN (self->retry_ms * 2, LAST_RETRY_MS);
  /* After self->error and the delay: a banner reads them. */
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ERROR]);
  set_connected (self, FALSE);
}

static void
lose_conn (DdPgListener *self)
{
  g_autofree char *reason = g_strstrip (g_strdup (self->conn != NULL ? PQerrorMessage (self->conn) : ""));
  g_autofree char *message = NULL;

  /* Translators: %s is libpq's reason, in English. */
  message = g_strdup_printf (_("The connection to the PostgreSQL server was lost: %s"), reason);
  lose (self, message);
}

/* A new snapshot */

static gboolean
refresh_cb (gpointer user_data)
{
  DdPgListener *self = user_data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* The store reads the server anew and says so; a store in the middle of a
 * read waits a moment; a store that cannot reach the server makes the
 * listener lose it. */
static void
refresh (DdPgListener *self)
{
  g_autoptr(GError) error = NULL;

  if (!_dd_pg_live_renew (self->store, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY))
        self->refresh_id = g_timeout_add (BUSY_RETRY_MS, refresh_cb, self);
      else
        lose (self, error->message);
      return;
    }
  self->last_refresh = g_get_monotonic_time ();
  self->retry_ms = FIRST_RETRY_MS;
  set_connected (self, TRUE);
  _dd_store_external_change (self->store);
}

/* A notification: a refresh soon, one for the whole burst. */
static void
schedule_refresh (DdPgListener *self)
{
  gint64 since = (g_get_monotonic_time () - self->last_refresh) / 1000;
  guint delay = COALESCE_MS;

  if (self->refresh_id != 0)
    return;
  if (since >= 0 && since < MIN_INTERVAL_MS)
    delay = MAX (delay, (guint) (MIN_INTERVAL_MS - since));
  self->refresh_id = g_timeout_add (delay, refresh_cb, self);
}

/* Listening */

static gboolean
on_input_cb (int           fd,
             GIOCondition  condition,
             gpointer      user_data)
{
  DdPgListener *self = user_data;
  gboolean notified = FALSE;
  PGnotify *notify;

  if (!PQconsumeInput (self->conn) || PQstatus (self->conn) != CONNECTION_OK)
    {
      self->watch_id = 0;
      lose_conn (self);
      return G_SOURCE_REMOVE;
    }
  while ((notify = PQnotifies (self->conn)) != NULL)
    {
      notified = TRUE;
      PQfreemem (notify);
    }
  if (notified)
    schedule_refresh (self);
  return G_SOURCE_CONTINUE;
}

/* The server's snapshot as @conn sees it now, in text (xmin:xmax:xip). */
static char *
dup_snapshot (PGconn *conn)
{
  PGresult *result = PQexec (conn, "SELECT pg_current_snapshot ()::text");
  char *text = NULL;

  if (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1)
    text = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  return text;
}

/* Whether a transaction began or ended on the server since the store's
 * snapshot was taken (then a write may have come before we listened). */
static gboolean
server_moved_on (DdPgListener *self)
{
  g_autofree char *ours = dup_snapshot (self->conn);
  g_autofree char *store = dup_snapshot (dd_pg_get_conn (self->pg));

  return ours == NULL || store == NULL || !g_str_equal (ours, store);
}

static void
on_connected (DdPgListener *self)
{
  PGresult *result;
  gboolean first = !self->listened;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  result = PQexec (self->conn, "LISTEN " DD_PG_CHANGES_CHANNEL);
  /* A hot standby cannot listen (and is not notified of the primary's
   * writes): its window keeps its snapshot, without a bar. */
  if (g_strcmp0 (PQresultErrorField (result, PG_DIAG_SQLSTATE), "25006") == 0)
    {
      g_debug ("A hot standby: no live refresh");
      PQclear (result);
      drop_connection (self);
      set_connected (self, TRUE);
      return;
    }
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      PQclear (result);
      lose_conn (self);
      return;
    }
  PQclear (result);
  self->listened = TRUE;
  self->watch_id = g_unix_fd_add (PQsocket (self->conn), G_IO_IN | G_IO_ERR | G_IO_HUP, on_input_cb, self);
  /* Every write is notified from now on: the store need not hold its
   * snapshot's transaction open between reads (it would hold back the
   * server's VACUUM); its next read begins a new one. */
  _dd_pg_live_end_when_idle (self->store);

  /* Listening from now on. What came before: on a first connection,
   * nothing if the server is where the store's snapshot saw it (no
   * refresh of a window just opened); after a loss, everything. */
  if (first && !server_moved_on (self))
    {
      set_connected (self, TRUE);
      return;
    }
  refresh (self);
}

/* Connecting */

static gboolean on_connect_ready_cb (int fd, GIOCondition condition, gpointer user_data);

/* Waits for the socket as PQconnectPoll() says; the socket may change
 * from one step to the next (another address, TLS refused). */
static void
connect_step (DdPgListener                 *self,
              PostgresPollingStatusType     status)
{
  g_clear_handle_id (&self->watch_id, g_source_remove);
  switch (status)
    {
    case PGRES_POLLING_OK:
      on_connected (self);
      break;
    case PGRES_POLLING_READING:
      self->watch_id = g_unix_fd_add (PQsocket (self->conn), G_IO_IN | G_IO_ERR | G_IO_HUP,
                                      on_connect_ready_cb, self);
      break;
    case PGRES_POLLING_WRITING:
      self->watch_id = g_unix_fd_add (PQsocket (self->conn), G_IO_OUT | G_IO_ERR | G_IO_HUP,
                                      on_connect_ready_cb, self);
      break;
    case PGRES_POLLING_FAILED:
    case PGRES_POLLING_ACTIVE:
    default:
      lose_conn (self);
      break;
    }
}

static gboolean
on_connect_ready_cb (int           fd,
                     GIOCondition  condition,
                     gpointer      user_data)
{
  DdPgListener *self = user_data;

  self->watch_id = 0;
  connect_step (self, PQconnectPoll (self->conn));
  return G_SOURCE_REMOVE;
}

/* libpq's connect_timeout is for blocking connections only. */
static gboolean
on_connect_timeout_cb (gpointer user_data)
{
  DdPgListener *self = user_data;
  g_autofree char *message = NULL;

  self->timeout_id = 0;
  /* Translators: %s is a database name. */
  message = g_strdup_printf (_("The PostgreSQL server of the database “%s” did not answer within %d seconds."),
                             dd_pg_get_database (self->pg), CONNECT_TIMEOUT_S);
  lose (self, message);
  return G_SOURCE_REMOVE;
}

/* What the server says outside a query ("terminating connection due to
 * administrator command") is for the log, not the terminal. */
static void
on_notice (void       *data,
           const char *message)
{
  g_debug ("The server: %s", message);
}

static void
start_attempt (DdPgListener *self)
{
  drop_connection (self);
  self->conn = PQconnectStartParams ((const char * const *) self->params.keywords->pdata,
                                     (const char * const *) self->params.values->pdata, FALSE);
  if (self->conn == NULL || PQstatus (self->conn) == CONNECTION_BAD || PQsocket (self->conn) < 0)
    {
      lose_conn (self);
      return;
    }
  PQsetNoticeProcessor (self->conn, on_notice, NULL);
  self->timeout_id = g_timeout_add_seconds (CONNECT_TIMEOUT_S, on_connect_timeout_cb, self);
  /* As libpq's manual says: first wait until the socket can be written. */
  connect_step (self, PGRES_POLLING_WRITING);
}

/* GObject */

static void
dd_pg_listener_dispose (GObject *object)
{
  DdPgListener *self = DD_PG_LISTENER (object);

  drop_connection (self);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_object (&self->pg);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (dd_pg_listener_parent_class)->dispose (object);
}

static void
dd_pg_listener_finalize (GObject *object)
{
  DdPgListener *self = DD_PG_LISTENER (object);

  _dd_pg_params_clear (&self->params);
  g_free (self->error);
  G_OBJECT_CLASS (dd_pg_listener_parent_class)->finalize (object);
}

static void
dd_pg_listener_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DdPgListener *self = DD_PG_LISTENER (object);

  switch (prop_id)
    {
    case PROP_CONNECTED:
      g_value_set_boolean (value, self->connected);
      break;

    case PROP_ERROR:
      g_value_set_string (value, dd_pg_listener_get_error (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_pg_listener_class_init (DdPgListenerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_pg_listener_dispose;
  object_class->finalize = dd_pg_listener_finalize;
  object_class->get_property = dd_pg_listener_get_property;

  /**
   * DdPgListener:connected:
   *
   * Whether the listener listens and the store's snapshot is the
   * server's; %FALSE while the server is away.
   */
  properties [PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * DdPgListener:error:
   *
   * While not connected, why (see dd_pg_listener_get_error()); notified
   * after each failed attempt, the next one's delay then known.
   */
  properties [PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_pg_listener_init (DdPgListener *self)
{
  /* Until the server is found away, as the store was just read. */
  self->connected = TRUE;
  self->retry_ms = FIRST_RETRY_MS;
  self->last_refresh = g_get_monotonic_time ();
}

/* Public API */

DdPgListener *
dd_pg_listener_new (DdStore *store)
{
  DdPgListener *self;
  DdPg *pg;

  g_return_val_if_fail (DD_IS_STORE (store), NULL);

  pg = _dd_pg_live_get_pg (store);
  if (pg == NULL)
    return NULL;
  self = g_object_new (DD_TYPE_PG_LISTENER, NULL);
  self->store = g_object_ref (store);
  self->pg = g_object_ref (pg);
  read_parameters (self);
  /* A read-only store (a viewer, a standby) keeps the reason its opening
   * gave (dd_pg_write_store()). */
  start_attempt (self);
  return self;
}

gboolean
dd_pg_listener_get_connected (DdPgListener *self)
{
  g_return_val_if_fail (DD_IS_PG_LISTENER (self), FALSE);

  return self->connected;
}

const char *
dd_pg_listener_get_database (DdPgListener *self)
{
  g_return_val_if_fail (DD_IS_PG_LISTENER (self), NULL);

  return dd_pg_get_database (self->pg);
}

const char *
dd_pg_listener_get_error (DdPgListener *self)
{
  g_return_val_if_fail (DD_IS_PG_LISTENER (self), NULL);

  return self->connected ? NULL : self->error;
}

guint
dd_pg_listener_get_retry_seconds (DdPgListener *self)
{
  g_return_val_if_fail (DD_IS_PG_LISTENER (self), 0);

  return self->connected ? 0 : self->armed_ms / 1000;
}

void
dd_pg_listener_retry_now (DdPgListener *self)
{
  g_return_if_fail (DD_IS_PG_LISTENER (self));

  if (self->connected || self->retry_id == 0)
    return;
  g_clear_handle_id (&self->retry_id, g_source_remove);
  start_attempt (self);
}
