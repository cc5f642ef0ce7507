/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-import"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "dd-store-private.h"
#include "dd-bench.h"

/*
 * The import paths that were quadratic (issue #20):
 *
 * - a plan of N rows imported into a new database, then again (every row
 *   matched with its task by (plan_id, number): the update path);
 * - a 10 MB plan text parsed;
 * - a text of "Phụ lục" lines and no table, which find_appendix() once
 *   scanned to the end from every line.
 *
 *   bench-import [N_ROWS] [FOLDER]
 *
 * N_ROWS defaults to 100,000; FOLDER to the temporary folder.
 */

static const char *units[] = {
  "Phòng Hành chính - Quản trị", "Phòng Tổng hợp", "Trung tâm Phục vụ hành chính công",
  "Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính",
};

/* A CSV plan of @n rows, as the appendix's columns. */
static char *
make_csv (guint n)
{
  GString *csv = g_string_new ("TT,Nhiệm vụ,Chủ trì,Phối hợp,Thời gian,Sản phẩm,Trách nhiệm chỉ đạo\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "%u.,Rà soát thủ tục hành chính số %u của lĩnh vực %u,%s,%s,"
                            "Trước %u/%u/2027,Báo cáo,Chánh Văn phòng\n",
                            i + 1, i + 1, i % 97, units[i % G_N_ELEMENTS (units)],
                            units[(i + 1) % G_N_ELEMENTS (units)], 1 + i % 28, 1 + i % 12);
  return g_string_free (csv, FALSE);
}

/* A plan text of about @bytes: a heading, "Phụ lục", the table. */
static char *
make_text (gsize bytes)
{
  GString *text = g_string_new ("KẾ HOẠCH\nCải cách hành chính năm 2027\n\nPhụ lục\n"
                                "(Kèm theo Kế hoạch số 1/KH-BENCH ngày 2/1/2027 của Văn phòng)\n\n"
                                "TT\tNhiệm vụ\tCơ quan\t\tThời gian\tSản phẩm\tTrách nhiệm chỉ đạo\n"
                                "\t\tChủ trì\tPhối hợp\t\t\t\n");

  for (guint i = 0; text->len < bytes; i++)
    /* A text plan numbers its rows with at most three digits a level. */
    g_string_append_printf (text, "%u.%u.\tRà soát thủ tục hành chính số %u của lĩnh vực %u\t%s\t%s\t"
                            "Trước %u/%u/2027\tBáo cáo\tChánh Văn phòng\n",
                            i / 999 + 1, i % 999 + 1, i + 1, i % 97, units[i % G_N_ELEMENTS (units)],
                            units[(i + 1) % G_N_ELEMENTS (units)], 1 + i % 28, 1 + i % 12);
  return g_string_free (text, FALSE);
}

static double
import_once (DdStore              *store,
             const DdImportedPlan *plan,
             DdImportSummary      *summary)
{
  g_autoptr(GError) error = NULL;
  double start = dd_bench_now_ms ();

  if (!dd_store_import_plan (store, plan, summary, &error))
    g_error ("import: %s", error->message);
  return dd_bench_now_ms () - start;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdImportedPlan) plan = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;
  DdImportSummary summary = { 0, };
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  double start, ms;

  if (argc > 2)
    {
      g_autofree char *tmpl = g_build_filename (argv[2], "bench-import-XXXXXX", NULL);

      dir = g_mkdtemp (g_steal_pointer (&tmpl));
    }
  else
    dir = g_dir_make_tmp ("bench-import-XXXXXX", &error);
  if (dir == NULL)
    g_error ("no folder: %s", error != NULL ? error->message : g_strerror (errno));
  db = g_build_filename (dir, "bench.dondoc", NULL);
  store = dd_store_open (db, DD_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    g_error ("open: %s", error->message);

  printf ("| %-52s | %15s |\n|---|---|\n", "Figure", "Value");

  csv = make_csv (n);
  start = dd_bench_now_ms ();
  plan = dd_importer_parse_data (csv, strlen (csv), DD_IMPORT_FORMAT_CSV, "bench.csv", &error);
  if (plan == NULL)
    g_error ("parse: %s", error->message);
  label = g_strdup_printf ("parse a CSV plan of %u rows (%.1f MB)", n, strlen (csv) / 1e6);
  dd_bench_result ("import_parse_csv_ms", label, dd_bench_now_ms () - start, "ms");

  ms = import_once (store, plan, &summary);
  g_free (label);
  label = g_strdup_printf ("import %u rows into a new database", n);
  dd_bench_result ("import_new_ms", label, ms, "ms");
  g_assert (summary.tasks_added == n);

  memset (&summary, 0, sizeof summary);
  ms = import_once (store, plan, &summary);
  g_free (label);
  label = g_strdup_printf ("import the same %u rows again (update path)", n);
  dd_bench_result ("import_again_ms", label, ms, "ms");
  g_assert (summary.tasks_unchanged + summary.tasks_updated == n);
  g_clear_pointer (&plan, dd_imported_plan_free);

  text = make_text (10 * 1000 * 1000);
  start = dd_bench_now_ms ();
  plan = dd_importer_parse_data (text, strlen (text), DD_IMPORT_FORMAT_AUTO, NULL, &error);
  if (plan == NULL)
    g_error ("parse text: %s", error->message);
  g_free (label);
  label = g_strdup_printf ("parse a %.1f MB plan text (%u tasks)", strlen (text) / 1e6, plan->tasks->len);
  dd_bench_result ("import_parse_text_ms", label, dd_bench_now_ms () - start, "ms");
  g_clear_pointer (&plan, dd_imported_plan_free);
  g_free (text);

  /* 1.2 MB of "Phụ lục" lines and no table: refused, in one pass. */
  {
    GString *bad = g_string_new (NULL);

    while (bad->len < 1200 * 1000)
      g_string_append (bad, "Phụ lục\n");
    text = g_string_free (bad, FALSE);
  }
  start = dd_bench_now_ms ();
  plan = dd_importer_parse_data (text, strlen (text), DD_IMPORT_FORMAT_TEXT, NULL, &error);
  g_assert (plan == NULL && error != NULL);
  g_clear_error (&error);
  dd_bench_result ("import_many_appendix_ms", "refuse 1.2 MB of “Phụ lục” lines without a table",
                   dd_bench_now_ms () - start, "ms");

  g_clear_object (&store);
  {
    g_autofree char *journal = g_strconcat (db, "-journal", NULL);

    g_unlink (journal);
    g_unlink (db);
    g_rmdir (dir);
  }
  return 0;
}
