/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The harness shared by the command-line tests: each case runs the built
 * dondoc-cli (DONDOC_CLI) in a folder and environment of its own. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "dd-test-files.h"

G_BEGIN_DECLS

typedef struct
{
  char *dir;
  char *db;       /* dir/test.sqlite, not created */
  char **envp;
} Fixture;

typedef struct
{
  int status;
  char *out;
  char *err;
} Result;

const char *cli_path (void);
void result_clear (Result *r);
void fixture_set_up (Fixture *f, gconstpointer data);
void fixture_tear_down (Fixture *f, gconstpointer data);
Result run_argv (Fixture *f, const char * const *args);
void assert_ok (Result *r);
void assert_refused (Result *r, int status);
JsonNode * parse_json (const char *text);
/* Creates f->db and imports the seed plan 662/KH-VPUB into it. */
void init_seed (Fixture *f);
/* Creates f->db and imports the plan @csv (a CSV text, written to
 * plan.csv in the case's folder) into it. */
void init_csv (Fixture *f, const char *csv);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

/* Runs dondoc-cli with the arguments given. */
#define run(f, ...) run_argv ((f), (const char * const []) { __VA_ARGS__, NULL })

G_END_DECLS
