/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dd-fuzz.h"
#include "dd-store-private.h"
#include "dd-test-core.h"

/* The indicator figures' CSV, written to a store in memory holding the
 * seed plan (made once): figures written, or a refusal that changed
 * nothing (the figures and the history as they were). */
static gint64
count (DdStore    *store,
       const char *sql)
{
  return dd_sql_query_int64 (store, sql, -1);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static DdStore *store;
  static DdFigures *figures;
  g_autoptr(GError) error = NULL;
  gint64 n_figures, n_history;
  guint n = 0;

  if (store == NULL)
    {
      store = dd_test_new_store (":memory:");
      figures = dd_figures_new (store);
    }
  n_figures = count (store, "SELECT count(*) FROM indicator_figures");
  n_history = count (store, "SELECT count(*) FROM audit_log");
  if (!dd_figures_import_indicator_figures (figures, (const char *) data, (gssize) size, &n, &error))
    {
      dd_fuzz_check_refusal (error);
      g_assert_cmpint (count (store, "SELECT count(*) FROM indicator_figures"), ==, n_figures);
      g_assert_cmpint (count (store, "SELECT count(*) FROM audit_log"), ==, n_history);
      return 0;
    }
  g_assert_no_error (error);
  /* Every stored figure is finite and bounded. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM indicator_figures WHERE NOT "
                                 "(numerator BETWEEN 0 AND 1e12 AND denominator BETWEEN 0 AND 1e12)"), ==, 0);
  return 0;
}
