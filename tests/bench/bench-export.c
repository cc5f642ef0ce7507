/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Prints how long the meeting workbook takes over the large database, and its
 * peak memory, beside python3-xlsxwriter and python3-openpyxl writing the
 * same task sheet from the same database (bench-export-peers.py) and the
 * floor: deflating our task sheet's XML with zlib at level 2, the level
 * the export deflates the big sheets' rows at (dd-xlsx-stream.c). Not a
 * test: no assertion on time.
 * Each writer runs in a process of its own, so that its peak memory
 * (getrusage ru_maxrss) is its own.
 *
 * What the floor is, exactly: the task sheet (xl/worksheets/sheet2.xml)
 * taken out of the workbook we just wrote, in memory, deflated once on one
 * thread (raw deflate as in a zip, level 2, zlib's default window and memory
 * level; no CRC, no file written): the part of the work no writer of that
 * same XML can skip. Our figure is the whole export: reading the database,
 * all five sheets, the charts, the ~63 MB of task sheet XML deflated at
 * that same level (plus the sheet for action, ~16 MB, and the indicators,
 * ~20 MB; the repeated texts as shared strings), the zip written and
 * renamed into place. The export deflates the task sheet on a thread of its
 * own while it reads and formats the rows (dd-xlsx-stream.c), so on two
 * cores "ours ÷ floor" can come near 1 but not under it; it says how much
 * of the export is not compression.
 *
 * Usage: bench-export DB [PYTHON3]   (DB from dd-bench-generate; needs
 * python3-xlsxwriter, python3-openpyxl, unzip) */
#include "config.h"

#include <locale.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <zlib.h>
#include <glib/gstdio.h>

#include "dd-store-private.h"

#define AS_OF "2026-11-25"


typedef struct
{
  double seconds;
  double peak_mib;
  double export_peak_mib;      /* ours: what the export added at its peak (0 for the peers) */
  double cpu_seconds;          /* ours: processor time of the export, median */
} Figure;

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* A figure of /proc/self/status ("VmHWM:", the high-water mark of the
 * resident memory since it was last reset, or "VmRSS:"), in KiB; 0 when
 * unknown. */
static long
status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || (p = strstr (status, field)) == NULL)
    return 0;
  return strtol (p + strlen (field), NULL, 10);
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* The child: one export, then on stdout its time, the process's peak
 * memory, what the export itself added to the resident memory at its
 * peak (the high-water mark reset once the store is open, less the
 * resident memory then: opening checks the file, which peaks on its own)
 * and the processor time of the export (its threads together). */
static int
export_once (const char *db,
             const char *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (db, DD_STORE_OPEN_EXISTING, &error);
  DdExportOptions options;
  struct rusage usage;
  gint64 start;
  double cpu;
  long before;

  g_assert_no_error (error);
  dd_export_options_init (&options);
  g_assert_true (dd_date_parse_iso (AS_OF, &options.tasks.as_of));
  options.tasks.due_soon_days = dd_store_get_due_soon_days (store, NULL);
  /* What opening freed given back (glibc keeps it otherwise, resident),
   * then (Linux) "5" resets VmHWM to the resident size. */
  malloc_trim (0);
  g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
  before = status_kib ("VmRSS:");
  cpu = cpu_seconds ();
  start = g_get_monotonic_time ();
  if (!dd_export_xlsx (store, &options, out, &error))
    g_error ("%s", error->message);
  getrusage (RUSAGE_SELF, &usage);
  g_print ("%.3f %ld %ld %.3f\n", (g_get_monotonic_time () - start) / 1e6, usage.ru_maxrss,
           MAX (0, status_kib ("VmHWM:") - before), cpu_seconds () - cpu);
  return 0;
}

/* Runs @argv three times; the median time and the largest peak. */
static Figure
measure (const char * const *argv)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *cpus = g_array_new (FALSE, FALSE, sizeof (double));
  Figure f = { 0, 0, 0, 0 };

  for (int run = 0; run < 3; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status;
      double seconds, cpu = 0;
      long kib, export_kib = 0;

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error)
          || !g_spawn_check_wait_status (status, NULL)
          || sscanf (out, "%lf %ld %ld %lf", &seconds, &kib, &export_kib, &cpu) < 2)
        {
          g_printerr ("%s failed: %s%s\n", argv[0], error != NULL ? error->message : "", err != NULL ? err : "");
          g_array_free (times, TRUE);
          g_array_free (cpus, TRUE);
          return f;
        }
      g_array_append_val (times, seconds);
      g_array_append_val (cpus, cpu);
      f.peak_mib = MAX (f.peak_mib, kib / 1024.0);
      f.export_peak_mib = MAX (f.export_peak_mib, export_kib / 1024.0);
    }
  g_array_sort (times, compare_double);
  g_array_sort (cpus, compare_double);
  f.seconds = g_array_index (times, double, 1);
  f.cpu_seconds = g_array_index (cpus, double, 1);
  g_array_free (times, TRUE);
  g_array_free (cpus, TRUE);
  return f;
}

/* The floor: raw deflate (as in a zip) of the sheet's XML at the export's level 2 (ROWS_LEVEL). */
static Figure
deflate_floor (const char *xlsx,
               gsize      *out_xml_size)
{
  const char *argv[] = { "unzip", "-p", xlsx, "xl/worksheets/sheet2.xml", NULL };
  g_autofree char *xml = NULL;
  gsize len = 0;
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));
  Figure f = { 0, 0 };
  guchar *buf = g_malloc (1 << 20);
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &xml, NULL, &status, NULL) || !g_spawn_check_wait_status (status, NULL))
    g_error ("unzip failed");
  len = strlen (xml);
  *out_xml_size = len;
  for (int run = 0; run < 3; run++)
    {
      z_stream z = { 0, };
      gint64 start = g_get_monotonic_time ();
      double seconds;
      int rc;

      g_assert_cmpint (deflateInit2 (&z, 2, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY), ==, Z_OK);
      z.next_in = (guchar *) xml;
      z.avail_in = (uInt) len;
      do
        {
          z.next_out = buf;
          z.avail_out = 1 << 20;
          rc = deflate (&z, Z_FINISH);
        }
      while (rc == Z_OK);
      g_assert_cmpint (rc, ==, Z_STREAM_END);
      deflateEnd (&z);
      seconds = (g_get_monotonic_time () - start) / 1e6;
      g_array_append_val (times, seconds);
    }
  g_array_sort (times, compare_double);
  f.seconds = g_array_index (times, double, 1);
  g_array_free (times, TRUE);
  g_free (buf);
  return f;
}

int
main (int argc, char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *ours = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *self = NULL;
  g_autofree char *peers = NULL;
  const char *db;
  const char *python3;
  Figure us, xw, op, floor;
  gsize xml_size = 0;
  GStatBuf st;

  setlocale (LC_ALL, "");
  if (argc == 4 && g_str_equal (argv[1], "--export"))
    return export_once (argv[2], argv[3]);
  if (argc < 2)
    {
      g_printerr ("Usage: %s DB [PYTHON3]  (DB from dd-bench-generate)\n", argv[0]);
      return 2;
    }

  db = argv[1];
  python3 = argc > 2 ? argv[2] : "/usr/bin/python3";
  dir = g_dir_make_tmp ("dondoc-bench-export-XXXXXX", NULL);
  ours = g_build_filename (dir, "ours.xlsx", NULL);
  theirs = g_build_filename (dir, "theirs.xlsx", NULL);
  self = g_file_read_link ("/proc/self/exe", NULL);
  peers = g_build_filename (SRCDIR, "bench-export-peers.py", NULL);

  {
    const char *a[] = { self, "--export", db, ours, NULL };
    us = measure (a);
  }
  {
    const char *a[] = { python3, peers, "xlsxwriter", db, theirs, AS_OF, NULL };
    xw = measure (a);
  }
  {
    const char *a[] = { python3, peers, "openpyxl", db, theirs, AS_OF, NULL };
    op = measure (a);
  }
  floor = deflate_floor (ours, &xml_size);
  g_stat (ours, &st);

  g_print ("| writer (median of 3) | time | peak memory | time ÷ ours |\n|---|---:|---:|---:|\n");
  g_print ("| Đôn Đốc, whole workbook (5 sheets, charts) | %.2f s | %.0f MiB | 1.0 |\n", us.seconds, us.peak_mib);
  g_print ("| python3-xlsxwriter constant_memory, task sheet only | %.2f s | %.0f MiB | %.1f |\n",
           xw.seconds, xw.peak_mib, xw.seconds / us.seconds);
  g_print ("| python3-openpyxl write_only, task sheet only | %.2f s | %.0f MiB | %.1f |\n",
           op.seconds, op.peak_mib, op.seconds / us.seconds);
  g_print ("| floor: zlib deflate of our task sheet XML (%.1f MB), level 2 | %.2f s | - | %.2f |\n",
           xml_size / 1e6, floor.seconds, floor.seconds / us.seconds);
  g_print ("\nOurs ÷ floor: %.2f×; workbook %.1f MB. The export alone (the store already open): %.0f MiB more at its peak, "
           "%.2f s of processor time (its threads together).\n", us.seconds / floor.seconds, st.st_size / 1e6,
           us.export_peak_mib, us.cpu_seconds);
  g_print ("RESULT\texport_time\t%.4f\ts\n", us.seconds);
  g_print ("RESULT\texport_peak\t%.4f\tMiB\n", us.peak_mib);
  g_print ("RESULT\texport_peak_alone\t%.4f\tMiB\n", us.export_peak_mib);
  g_print ("RESULT\texport_cpu\t%.4f\ts\n", us.cpu_seconds);
  g_print ("RESULT\tpeer_xlsxwriter\t%.4f\ts\n", xw.seconds);
  g_print ("RESULT\tpeer_openpyxl\t%.4f\ts\n", op.seconds);
  g_print ("RESULT\texport_floor\t%.4f\ts\n", floor.seconds);
  g_print ("RESULT\tratio_xlsxwriter_vs_export\t%.4f\t×\n", xw.seconds / us.seconds);
  g_print ("RESULT\tratio_openpyxl_vs_export\t%.4f\t×\n", op.seconds / us.seconds);
  g_print ("RESULT\tratio_export_vs_floor\t%.4f\t×\n", us.seconds / floor.seconds);
  g_unlink (ours);
  g_unlink (theirs);
  g_rmdir (dir);
  return 0;
}
