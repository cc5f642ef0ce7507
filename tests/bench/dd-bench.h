/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the benchmarks share: medians, and one way of printing a figure.
 *
 * Every figure is printed twice: as a row of a Markdown table for a person,
 * and as a line "RESULT<TAB>key<TAB>value<TAB>unit" that
 * run-benchmarks.py collects into RESULTS.md. Benchmarks print figures;
 * they never assert on time. */
#pragma once

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

static inline int
dd_bench_compare_double (const void *a,
                         const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median of @n values (sorts them). */
static inline double
dd_bench_median (double *values,
                 guint   n)
{
  qsort (values, n, sizeof (double), dd_bench_compare_double);
  return n == 0 ? 0 : values[n / 2];
}

static inline double
dd_bench_max (const double *values,
              guint         n)
{
  double m = 0;

  for (guint i = 0; i < n; i++)
    m = MAX (m, values[i]);
  return m;
}

static inline double
dd_bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* One figure: a table row and a RESULT line. */
static inline void
dd_bench_result (const char *key,
                 const char *label,
                 double      value,
                 const char *unit)
{
  printf ("| %-52s | %10.2f %-4s |\n", label, value, unit);
  printf ("RESULT\t%s\t%.4f\t%s\n", key, value, unit);
  fflush (stdout);
}

/* Times @code @runs times; prints the median. */
#define DD_BENCH_MEASURE(key, label, runs, code)                      \
  G_STMT_START {                                                      \
    double dd_times_[64];                                             \
    guint dd_n_ = MIN ((guint) (runs), 64u);                          \
    for (guint dd_run_ = 0; dd_run_ < dd_n_; dd_run_++)               \
      {                                                               \
        double dd_t0_ = dd_bench_now_ms ();                           \
        code;                                                         \
        dd_times_[dd_run_] = dd_bench_now_ms () - dd_t0_;             \
      }                                                               \
    dd_bench_result (key, label, dd_bench_median (dd_times_, dd_n_), "ms"); \
  } G_STMT_END

/* "VmRSS" or "VmHWM" of /proc/self/status (or of @pid), in MiB; -1 when unknown. */
static inline double
dd_bench_proc_mib (int         pid,
                   const char *field)
{
  g_autofree char *path = pid > 0 ? g_strdup_printf ("/proc/%d/status", pid) : g_strdup ("/proc/self/status");
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return -1;
  line = strstr (text, field);
  if (line == NULL)
    return -1;
  line += strlen (field);
  while (*line == ':' || *line == ' ' || *line == '\t')
    line++;
  return g_ascii_strtod (line, NULL) / 1024.0;
}
