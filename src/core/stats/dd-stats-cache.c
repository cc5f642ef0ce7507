/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-stats"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "dd-store-private.h"
#include "dondoc/dondoc.h"
#include "dd-stats-private.h"

/*
 * The dashboard's readings kept on disk between two openings of the same
 * file (the user's cache folder, dondoc/dashboard/): on a file of 100,000
 * tasks the figures, the "6 rõ" count and the derived indicators' scorecards
 * take about a second of processor time, while the file most often has not
 * changed since the window last showed them. Each part is kept with the
 * key it was read for: the file's state (its device, inode, size, time of
 * last change to the nanosecond and SQLite's file change counter, which
 * each committed write moves), what was asked (every field of the query,
 * the due-soon setting as read from the file) and what judged it (this
 * version, the language of the names). A reading whose file changed while
 * it was made is not kept. Only a file in SQLite's format with a rollback
 * journal is kept this way (in WAL mode the counter does not move); a
 * database in memory or on a server is always read.
 */

/* Bump when a kept part would be read differently. */
#define CACHE_FORMAT 1

static gboolean
is_wal (DdStore *connection)
{
  g_autoptr(sqlite3_stmt) stmt = dd_sql_prepare (connection, "PRAGMA journal_mode", NULL);

  return stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW
         || g_ascii_strcasecmp (dd_sql_column_text (stmt, 0), "wal") == 0;
}

char *
_dd_stats_cache_state (DdStore *connection)
{
  const char *path = dd_store_get_path (connection);
  GStatBuf st;
  guchar header[100];
  FILE *file;
  gboolean read;

  if (path == NULL || g_str_equal (path, ":memory:") || g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return NULL;
  if (is_wal (connection))
    return NULL;
  file = g_fopen (path, "rb");
  if (file == NULL)
    return NULL;
  read = fread (header, 1, sizeof header, file) == sizeof header;
  fclose (file);
  if (!read || memcmp (header, "SQLite format 3", 16) != 0)
    return NULL;

  /* Bytes 24–27: the file change counter, big-endian. */
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT
                          ".%ld:%u",
                          (guint64) st.st_dev, (guint64) st.st_ino, (gint64) st.st_size,
                          (gint64) st.st_mtim.tv_sec, (long) st.st_mtim.tv_nsec,
                          (guint) header[24] << 24 | (guint) header[25] << 16 | (guint) header[26] << 8 | header[27]);
}

static void
append_date (GString     *key,
             const GDate *date)
{
  g_string_append_printf (key, "|%u", dd_date_is_set (date) ? g_date_get_julian (date) : 0);
}

char *
_dd_stats_cache_key (const char         *state,
                     const DdStatsQuery *query,
                     const char         *part)
{
  const DdTaskQuery *tq = &query->tasks;
  GString *key;

  if (state == NULL)
    return NULL;
  key = g_string_new (NULL);
  g_string_append_printf (key, "%d|%s|%s|%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%d|%d|%d|%u|%d|%s",
                          CACHE_FORMAT, PACKAGE_VERSION, part, state, setlocale (LC_MESSAGES, NULL),
                          tq->plan_id, tq->unit_id, tq->lead_only ? 1 : 0, tq->six_clear_incomplete ? 1 : 0,
                          tq->status, tq->due_soon_days, (int) query->interval, tq->text != NULL ? tq->text : "");
  append_date (key, &tq->as_of);
  append_date (key, &query->from);
  append_date (key, &query->to);
  return g_string_free (key, FALSE);
}

/* One file for each file of tasks and part: a new key replaces the old. */
static char *
cache_path (DdStore    *connection,
            const char *part)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, dd_store_get_path (connection), -1);
  g_autofree char *name = g_strdup_printf ("%s-%s.gvariant", hash, part);

  return g_build_filename (g_get_user_cache_dir (), "dondoc", "dashboard", name, NULL);
}

GVariant *
_dd_stats_cache_load (DdStore    *connection,
                      const char *key,
                      const char *part)
{
  g_autofree char *path = NULL;
  char *contents = NULL;
  g_autoptr(GVariant) data = NULL;
  g_autoptr(GVariant) kept = NULL;
  g_autoptr(GVariant) value = NULL;
  const char *kept_key;
  gsize length;

  if (key == NULL)
    return NULL;
  path = cache_path (connection, part);
  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  data = g_variant_ref_sink (g_variant_new_from_data (G_VARIANT_TYPE ("(sv)"), contents, length, FALSE, g_free,
                                                      contents));
  /* A damaged or foreign file reads as another key. */
  kept = g_variant_get_normal_form (data);
  g_variant_get (kept, "(&sv)", &kept_key, &value);
  if (!g_str_equal (kept_key, key))
    return NULL;
  return g_steal_pointer (&value);
}

void
_dd_stats_cache_save (DdStore    *connection,
                      const char *state,
                      const char *key,
                      const char *part,
                      GVariant   *value)
{
  g_autoptr(GVariant) kept = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  kept = g_variant_ref_sink (g_variant_new ("(sv)", key != NULL ? key : "", value));
  /* The file changed while it was read: what was read may mix both. */
  now = key != NULL ? _dd_stats_cache_state (connection) : NULL;
  if (now == NULL || g_strcmp0 (now, state) != 0)
    return;
  path = cache_path (connection, part);
  dir = g_path_get_dirname (path);
  bytes = g_variant_get_data_as_bytes (kept);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_debug ("Could not keep the dashboard's figures in %s: %s", path, error != NULL ? error->message : "");
}

/* The parts, as GVariants. */

#define INDICATORS_TYPE "a(xsdbddd)"
#define DASHBOARD_TYPE "(aua(xmsuau)(uuua(uuuub))" INDICATORS_TYPE ")"

static guint
julian (const GDate *date)
{
  return dd_date_is_set (date) ? g_date_get_julian (date) : 0;
}

static void
set_julian (GDate *date,
            guint  day)
{
  g_date_clear (date, 1);
  if (day > 0 && g_date_valid_julian (day))
    g_date_set_julian (date, day);
}

static GVariant *
encode_counts (const guint counts[DD_N_STATUSES])
{
  return g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, counts, DD_N_STATUSES, sizeof (guint32));
}

static gboolean
decode_counts (GVariant *value,
               guint     counts[DD_N_STATUSES])
{
  gsize n;
  const guint32 *items = g_variant_get_fixed_array (value, &n, sizeof (guint32));

  if (n != DD_N_STATUSES)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    counts[i] = items[i];
  return TRUE;
}

GVariant *
_dd_stats_cache_encode_indicators (GPtrArray *indicators)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE (INDICATORS_TYPE));
  for (guint i = 0; indicators != NULL && i < indicators->len; i++)
    {
      const DdStatsIndicator *it = g_ptr_array_index (indicators, i);

      g_variant_builder_add (&builder, "(xsdbddd)", it->indicator_id, it->title != NULL ? it->title : "",
                             it->target, it->has_data, it->numerator, it->denominator, it->achieved);
    }
  return g_variant_builder_end (&builder);
}

GPtrArray *
_dd_stats_cache_decode_indicators (GVariant *value)
{
  GPtrArray *indicators;
  GVariantIter iter;
  DdStatsIndicator it = { 0 };
  const char *title;

  if (!g_variant_is_of_type (value, G_VARIANT_TYPE (INDICATORS_TYPE)))
    return NULL;
  indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_stats_indicator_free);
  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "(x&sdbddd)", &it.indicator_id, &title, &it.target, &it.has_data,
                              &it.numerator, &it.denominator, &it.achieved))
    {
      it.title = (char *) title;
      g_ptr_array_add (indicators, dd_stats_indicator_copy (&it));
    }
  return indicators;
}

GVariant *
_dd_stats_cache_encode_dashboard (const DdStatsDashboard *dashboard)
{
  GVariantBuilder units, points;
  const DdStatsProgress *progress = &dashboard->progress;

  g_variant_builder_init (&units, G_VARIANT_TYPE ("a(xmsuau)"));
  for (guint i = 0; dashboard->units != NULL && i < dashboard->units->len; i++)
    {
      const DdStatsUnit *unit = g_ptr_array_index (dashboard->units, i);

      g_variant_builder_add (&units, "(xmsu@au)", unit->unit_id, unit->name, unit->total,
                             encode_counts (unit->counts));
    }
  g_variant_builder_init (&points, G_VARIANT_TYPE ("a(uuuub)"));
  for (guint i = 0; progress->points != NULL && i < progress->points->len; i++)
    {
      const DdStatsPoint *point = &g_array_index (progress->points, DdStatsPoint, i);

      g_variant_builder_add (&points, "(uuuub)", julian (&point->start), julian (&point->end), point->due,
                             point->completed, point->future);
    }
  return g_variant_new ("(@au@a(xmsuau)(uuu@a(uuuub))@" INDICATORS_TYPE ")",
                        encode_counts (dashboard->headline.counts), g_variant_builder_end (&units),
                        (guint) progress->interval, julian (&progress->as_of), progress->total_due,
                        g_variant_builder_end (&points),
                        _dd_stats_cache_encode_indicators (dashboard->indicators));
}

gboolean
_dd_stats_cache_decode_dashboard (GVariant         *value,
                                  DdStatsDashboard *out_dashboard)
{
  g_autoptr(GVariant) counts = NULL;
  g_autoptr(GVariant) units = NULL;
  g_autoptr(GVariant) points = NULL;
  g_autoptr(GVariant) indicators = NULL;
  DdStatsProgress *progress = &out_dashboard->progress;
  guint interval, as_of;
  GVariantIter iter;

  memset (out_dashboard, 0, sizeof *out_dashboard);
  if (!g_variant_is_of_type (value, G_VARIANT_TYPE (DASHBOARD_TYPE)))
    return FALSE;
  g_variant_get (value, "(@au@a(xmsuau)(uuu@a(uuuub))@" INDICATORS_TYPE ")", &counts, &units, &interval, &as_of,
                 &progress->total_due, &points, &indicators);
  if (!decode_counts (counts, out_dashboard->headline.counts))
    return FALSE;
  dd_stats_headline_update (&out_dashboard->headline);

  out_dashboard->units = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_stats_unit_free);
  g_variant_iter_init (&iter, units);
  for (GVariant *child; (child = g_variant_iter_next_value (&iter)) != NULL; g_variant_unref (child))
    {
      g_autoptr(GVariant) unit_counts = NULL;
      DdStatsUnit *unit = g_new0 (DdStatsUnit, 1);

      g_variant_get (child, "(xmsu@au)", &unit->unit_id, &unit->name, &unit->total, &unit_counts);
      g_ptr_array_add (out_dashboard->units, unit);
      if (!decode_counts (unit_counts, unit->counts))
        {
          g_variant_unref (child);
          dd_stats_dashboard_clear (out_dashboard);
          return FALSE;
        }
    }

  progress->interval = (DdStatsInterval) interval;
  set_julian (&progress->as_of, as_of);
  progress->points = g_array_new (FALSE, TRUE, sizeof (DdStatsPoint));
  g_variant_iter_init (&iter, points);
  for (gboolean more = TRUE; more;)
    {
      DdStatsPoint point = { 0 };
      guint start, end;

      more = g_variant_iter_next (&iter, "(uuuub)", &start, &end, &point.due, &point.completed, &point.future);
      if (!more)
        break;
      set_julian (&point.start, start);
      set_julian (&point.end, end);
      g_array_append_val (progress->points, point);
    }

  out_dashboard->indicators = _dd_stats_cache_decode_indicators (indicators);
  return TRUE;
}
