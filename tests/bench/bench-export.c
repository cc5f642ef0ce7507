/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Prints how long the meeting workbook takes over 100,000 tasks, and its
 * peak memory, beside python3-xlsxwriter and python3-openpyxl writing the
 * same task sheet from the same database (bench-export-peers.py) and the
 * floor: deflating our task sheet's XML with zlib at its default level (as
 * libxlsxwriter 1.1.4 compresses). Not a test: no assertion on time.
 * Each writer runs in a process of its own, so that its peak memory
 * (getrusage ru_maxrss) is its own.
 *
 * Usage: bench-export [N_TASKS]   (needs python3-xlsxwriter, python3-openpyxl, unzip) */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <zlib.h>
#include <glib/gstdio.h>

#include "dd-store-private.h"

#define AS_OF "2026-06-20"

static const char * const words[] = {
  "Rà soát", "thủ tục hành chính", "số hóa", "hồ sơ", "kiểm tra", "công vụ", "báo cáo",
  "chuyển đổi số", "kỷ luật", "tuyên truyền", "đào tạo", "quy chế", "phối hợp",
};
static const char * const deadlines[] = {
  "Trước 30/4/2026", "Thường xuyên", "Định kỳ", "Theo quy định của Pháp luật",
  "Theo Kế hoạch của Sở Nội vụ", "Quý II/2026", "Tháng 9/2026", "Năm 2026", "Trước 15/12/2026",
};

typedef struct
{
  double seconds;
  double peak_mib;
} Figure;

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The child: one export, then its time and peak memory on stdout. */
static int
export_once (const char *db,
             const char *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (db, DD_STORE_OPEN_EXISTING, &error);
  DdExportOptions options;
  struct rusage usage;
  gint64 start;

  g_assert_no_error (error);
  dd_export_options_init (&options);
  g_assert_true (dd_date_parse_iso (AS_OF, &options.tasks.as_of));
  options.tasks.due_soon_days = dd_store_get_due_soon_days (store);
  start = g_get_monotonic_time ();
  if (!dd_export_xlsx (store, &options, out, &error))
    g_error ("%s", error->message);
  getrusage (RUSAGE_SELF, &usage);
  g_print ("%.3f %ld\n", (g_get_monotonic_time () - start) / 1e6, usage.ru_maxrss);
  return 0;
}

/* Runs @argv three times; the median time and the largest peak. */
static Figure
measure (const char * const *argv)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));
  Figure f = { 0, 0 };

  for (int run = 0; run < 3; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status;
      double seconds;
      long kib;

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error)
          || !g_spawn_check_wait_status (status, NULL) || sscanf (out, "%lf %ld", &seconds, &kib) != 2)
        {
          g_printerr ("%s failed: %s%s\n", argv[0], error != NULL ? error->message : "", err != NULL ? err : "");
          g_array_free (times, TRUE);
          return f;
        }
      g_array_append_val (times, seconds);
      f.peak_mib = MAX (f.peak_mib, kib / 1024.0);
    }
  g_array_sort (times, compare_double);
  f.seconds = g_array_index (times, double, 1);
  g_array_free (times, TRUE);
  return f;
}

/* The floor: raw deflate (as in a zip) of the sheet's XML at zlib's default level. */
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

      g_assert_cmpint (deflateInit2 (&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY), ==, Z_OK);
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
  guint n;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *ours = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *self = NULL;
  g_autofree char *peers = NULL;
  g_autoptr(DdStore) store = NULL;
  GRand *rand;
  gint64 start;
  guint per_plan = 200;
  Figure us, xw, op, floor;
  gsize xml_size = 0;
  GStatBuf st;

  setlocale (LC_ALL, "");
  if (argc == 4 && g_str_equal (argv[1], "--export"))
    return export_once (argv[2], argv[3]);

  n = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  dir = g_dir_make_tmp ("dondoc-bench-export-XXXXXX", NULL);
  path = g_build_filename (dir, "bench.sqlite", NULL);
  ours = g_build_filename (dir, "ours.xlsx", NULL);
  theirs = g_build_filename (dir, "theirs.xlsx", NULL);
  self = g_file_read_link ("/proc/self/exe", NULL);
  peers = g_build_filename (SRCDIR, "bench-export-peers.py", NULL);
  store = dd_store_open (path, DD_STORE_OPEN_CREATE, &error);
  rand = g_rand_new_with_seed (662);

  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  for (guint p = 0; p * per_plan < n; p++)
    {
      g_autoptr(DdImportedPlan) plan = dd_imported_plan_new ();

      plan->number = g_strdup_printf ("%u/KH-BENCH", p + 1);
      plan->title = g_strdup_printf ("Kế hoạch thử số %u", p + 1);
      plan->issuer = g_strdup ("Văn phòng Ủy ban nhân dân tỉnh Nghệ An");
      for (guint i = 0; i < per_plan && p * per_plan + i < n; i++)
        {
          DdImportedTask *task = g_new0 (DdImportedTask, 1);

          task->line = i + 1;
          task->number = g_strdup_printf ("%u.", i + 1);
          task->title = g_strdup_printf ("%s %s và %s, đợt %u",
                                         words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                                         words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                                         words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))], i);
          task->lead = g_strdup_printf ("Phòng số %u", g_rand_int_range (rand, 0, 300));
          task->coordinators = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (task->coordinators, g_strdup_printf ("Phòng số %u", g_rand_int_range (rand, 0, 300)));
          task->deadline_text = g_strdup (deadlines[g_rand_int_range (rand, 0, G_N_ELEMENTS (deadlines))]);
          task->product = g_strdup ("Báo cáo kết quả");
          task->directing = g_strdup ("Thủ trưởng cơ quan");
          g_assert_true (dd_deadline_parse (task->deadline_text, &task->deadline, NULL));
          g_ptr_array_add (plan->tasks, task);
        }
      g_assert_true (dd_store_import_plan (store, plan, NULL, &error));
    }
  g_clear_object (&store);
  g_rand_free (rand);
  g_print ("Made %u tasks in %.1f s (%s)\n\n", n, (g_get_monotonic_time () - start) / 1e6, path);

  {
    const char *a[] = { self, "--export", path, ours, NULL };
    us = measure (a);
  }
  {
    const char *a[] = { "/usr/bin/python3", peers, "xlsxwriter", path, theirs, AS_OF, NULL };
    xw = measure (a);
  }
  {
    const char *a[] = { "/usr/bin/python3", peers, "openpyxl", path, theirs, AS_OF, NULL };
    op = measure (a);
  }
  floor = deflate_floor (ours, &xml_size);
  g_stat (ours, &st);

  g_print ("| writer (median of 3) | time | peak memory | time ÷ ours |\n|---|---:|---:|---:|\n");
  g_print ("| Đôn Đốc, whole workbook (5 sheets, charts) | %.2f s | %.0f MiB | 1.0 |\n", us.seconds, us.peak_mib);
  g_print ("| python3-xlsxwriter %s, task sheet only | %.2f s | %.0f MiB | %.1f |\n", "constant_memory",
           xw.seconds, xw.peak_mib, xw.seconds / us.seconds);
  g_print ("| python3-openpyxl write_only, task sheet only | %.2f s | %.0f MiB | %.1f |\n",
           op.seconds, op.peak_mib, op.seconds / us.seconds);
  g_print ("| floor: zlib deflate of our task sheet XML (%.1f MB), default level | %.2f s | - | %.2f |\n",
           xml_size / 1e6, floor.seconds, floor.seconds / us.seconds);
  g_print ("\nOurs ÷ floor: %.2f×; workbook %.1f MB.\n", us.seconds / floor.seconds, st.st_size / 1e6);
  return 0;
}
