/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the core and GUI tests share about the core: stores with the seed
 * plan, another desktop on the same file, dates, the catalogue. */
#pragma once

#include <dondoc/dondoc.h>

#include "dd-test-files.h"

G_BEGIN_DECLS

/* A new database at @path (":memory:" for one in memory) holding plan
 * 662/KH-VPUB; fails the test when it cannot be made. (transfer full) */
DdStore *dd_test_new_store          (const char  *path);
/* The same in a new temporary folder: the file's path in @out_path, for
 * dd_test_remove_store_file(). (transfer full) */
DdStore *dd_test_create_store       (char       **out_path);
/* Removes the folder of a file made by dd_test_create_store() and all in it
 * (journals, backups). */
void     dd_test_remove_store_file  (const char  *path);
/* Another desktop on the file @path: a second store of its own over the
 * same file, acting as @account (NULL: as the user running the test).
 * (transfer full) */
DdStore *dd_test_open_other         (const char  *path,
                                     const char  *account);
/* A fixture for g_test_add(): a store holding the seed plan (as
 * dd_test_new_store()) on the file @db in the new temporary folder @dir. */
typedef struct
{
  char *dir;
  char *db;
  DdStore *store;
} DdTestFileFixture;

void     dd_test_file_fixture_set_up    (DdTestFileFixture *f,
                                         gconstpointer      data);
/* Closes the store, removes the folder and all in it. */
void     dd_test_file_fixture_tear_down (DdTestFileFixture *f,
                                         gconstpointer      data);
/* How many tasks @store lists with the default query. */
guint    dd_test_count_tasks        (DdStore     *store);
/* The id of the unit called @name; fails the test when there is none. */
gint64   dd_test_unit_id            (DdStore     *store,
                                     const char  *name);
/* Records task @number of plan @plan_id as done (100 %) on @iso_date
 * (YYYY-MM-DD). */
void     dd_test_complete_task      (DdStore     *store,
                                     gint64       plan_id,
                                     const char  *number,
                                     const char  *iso_date);
/* The day @iso (YYYY-MM-DD); NULL gives a cleared date. */
GDate    dd_test_date               (const char  *iso);
/* A task of a plan built by dd_test_plan_new(): its title, lead unit,
 * coordinating unit (NULL: none), deadline as the plan writes it, and the
 * day it was done (YYYY-MM-DD, NULL: not done; for the caller to record). */
typedef struct
{
  const char *title;
  const char *lead;
  const char *coordinator;
  const char *deadline;
  const char *completed;
} DdTestPlanTask;

/* A plan "Kế hoạch cải cách hành chính" numbered @number, issued 1/3/2025,
 * holding @tasks[@first] … @tasks[@first + @n - 1] (those of them that
 * exist among @n_tasks), numbered "@first + 1." onwards, each with the
 * product "Báo cáo", and two indicators: "Tỷ lệ văn bản ký số" (target 90)
 * and "Tỷ lệ hồ sơ, nhiệm vụ đúng hạn" (100). (transfer full) */
DdImportedPlan *dd_test_plan_new    (const char           *number,
                                     const DdTestPlanTask *tasks,
                                     guint                 n_tasks,
                                     guint                 first,
                                     guint                 n);
/* The application's message catalogue, bound as src/main.c binds it (from
 * $DONDOC_LOCALEDIR, the build tree's, when it is set). Call it after
 * setlocale(). */
void     dd_test_init_i18n          (void);

G_END_DECLS
