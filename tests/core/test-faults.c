/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-faults"

#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "dd-store-private.h"
#include "dd-test-core.h"

/*
 * Fault injection (issue #20): the store's write paths — a task's save, a
 * report recorded, a plan imported, a backup restored — run over a SQLite
 * VFS shim, registered here only, that makes the n-th I/O call fail (a
 * read, a write, a sync, a truncation, a size, a lock, an open or a
 * delete), for n = 1, 2, … until the operation completes without reaching
 * its n-th call. After each failure: the operation said so with a message,
 * the file (once another connection rolled back what was left) passes
 * integrity_check and holds the whole change or none of it.
 */

/* The shim */

typedef struct
{
  sqlite3_file base;
  sqlite3_file *real;   /* follows this struct in the same allocation */
} FaultFile;

static sqlite3_vfs *real_vfs;
static int fault_countdown;   /* 0: disarmed; else the calls left before the failing one */
static gboolean fault_fired;
static guint fault_calls;

/* Whether this call is the one that fails. */
static gboolean
fault_now (void)
{
  if (fault_countdown <= 0)
    return FALSE;
  fault_calls++;
  if (--fault_countdown > 0)
    return FALSE;
  fault_fired = TRUE;
  return TRUE;
}

static void
fault_arm (int n)
{
  fault_countdown = n;
  fault_fired = FALSE;
  fault_calls = 0;
}

static void
fault_disarm (void)
{
  fault_countdown = 0;
}

#define REAL(f) (((FaultFile *) (f))->real)

static int
f_close (sqlite3_file *file)
{
  sqlite3_file *real = REAL (file);
  int rc = real->pMethods != NULL ? real->pMethods->xClose (real) : SQLITE_OK;

  file->pMethods = NULL;
  return rc;
}

static int
f_read (sqlite3_file *file, void *buf, int amount, sqlite3_int64 offset)
{
  if (fault_now ())
    return SQLITE_IOERR_READ;
  return REAL (file)->pMethods->xRead (REAL (file), buf, amount, offset);
}

static int
f_write (sqlite3_file *file, const void *buf, int amount, sqlite3_int64 offset)
{
  if (fault_now ())
    return SQLITE_IOERR_WRITE;
  return REAL (file)->pMethods->xWrite (REAL (file), buf, amount, offset);
}

static int
f_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  if (fault_now ())
    return SQLITE_IOERR_TRUNCATE;
  return REAL (file)->pMethods->xTruncate (REAL (file), size);
}

static int
f_sync (sqlite3_file *file, int flags)
{
  if (fault_now ())
    return SQLITE_IOERR_FSYNC;
  return REAL (file)->pMethods->xSync (REAL (file), flags);
}

static int
f_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  if (fault_now ())
    return SQLITE_IOERR_FSTAT;
  return REAL (file)->pMethods->xFileSize (REAL (file), size);
}

static int
f_lock (sqlite3_file *file, int level)
{
  if (fault_now ())
    return SQLITE_IOERR_LOCK;
  return REAL (file)->pMethods->xLock (REAL (file), level);
}

static int
f_unlock (sqlite3_file *file, int level)
{
  return REAL (file)->pMethods->xUnlock (REAL (file), level);
}

static int
f_check_reserved_lock (sqlite3_file *file, int *out)
{
  return REAL (file)->pMethods->xCheckReservedLock (REAL (file), out);
}

static int
f_file_control (sqlite3_file *file, int op, void *arg)
{
  return REAL (file)->pMethods->xFileControl (REAL (file), op, arg);
}

static int
f_sector_size (sqlite3_file *file)
{
  return REAL (file)->pMethods->xSectorSize (REAL (file));
}

static int
f_device_characteristics (sqlite3_file *file)
{
  return REAL (file)->pMethods->xDeviceCharacteristics (REAL (file));
}

static int
f_shm_map (sqlite3_file *file, int page, int size, int extend, void volatile **out)
{
  return REAL (file)->pMethods->xShmMap (REAL (file), page, size, extend, out);
}

static int
f_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  return REAL (file)->pMethods->xShmLock (REAL (file), offset, n, flags);
}

static void
f_shm_barrier (sqlite3_file *file)
{
  REAL (file)->pMethods->xShmBarrier (REAL (file));
}

static int
f_shm_unmap (sqlite3_file *file, int delete_flag)
{
  return REAL (file)->pMethods->xShmUnmap (REAL (file), delete_flag);
}

static int
f_fetch (sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
  /* No memory-mapped reads: every read goes through xRead. */
  *out = NULL;
  return SQLITE_OK;
}

static int
f_unfetch (sqlite3_file *file, sqlite3_int64 offset, void *p)
{
  return SQLITE_OK;
}

static const sqlite3_io_methods fault_methods = {
  3, f_close, f_read, f_write, f_truncate, f_sync, f_file_size, f_lock, f_unlock,
  f_check_reserved_lock, f_file_control, f_sector_size, f_device_characteristics,
  f_shm_map, f_shm_lock, f_shm_barrier, f_shm_unmap, f_fetch, f_unfetch,
};

static int
v_open (sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags, int *out_flags)
{
  FaultFile *f = (FaultFile *) file;
  int rc;

  f->real = (sqlite3_file *) &f[1];
  file->pMethods = NULL;
  /* Files in memory (statement journals, temporary tables) do no I/O. */
  if (name != NULL && fault_now ())
    return SQLITE_CANTOPEN;
  rc = real_vfs->xOpen (real_vfs, name, f->real, flags, out_flags);
  if (f->real->pMethods != NULL)
    file->pMethods = &fault_methods;
  return rc;
}

static int
v_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  if (fault_now ())
    return SQLITE_IOERR_DELETE;
  return real_vfs->xDelete (real_vfs, name, sync_dir);
}

static int
v_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  if (fault_now ())
    return SQLITE_IOERR_ACCESS;
  return real_vfs->xAccess (real_vfs, name, flags, out);
}

static int
v_full_pathname (sqlite3_vfs *vfs, const char *name, int n, char *out)
{
  return real_vfs->xFullPathname (real_vfs, name, n, out);
}

static void *
v_dl_open (sqlite3_vfs *vfs, const char *name)
{
  return real_vfs->xDlOpen (real_vfs, name);
}

static void
v_dl_error (sqlite3_vfs *vfs, int n, char *out)
{
  real_vfs->xDlError (real_vfs, n, out);
}

static void (*v_dl_sym (sqlite3_vfs *vfs, void *handle, const char *symbol)) (void)
{
  return real_vfs->xDlSym (real_vfs, handle, symbol);
}

static void
v_dl_close (sqlite3_vfs *vfs, void *handle)
{
  real_vfs->xDlClose (real_vfs, handle);
}

static int
v_randomness (sqlite3_vfs *vfs, int n, char *out)
{
  return real_vfs->xRandomness (real_vfs, n, out);
}

static int
v_sleep (sqlite3_vfs *vfs, int microseconds)
{
  return real_vfs->xSleep (real_vfs, microseconds);
}

static int
v_current_time (sqlite3_vfs *vfs, double *out)
{
  return real_vfs->xCurrentTime (real_vfs, out);
}

static int
v_get_last_error (sqlite3_vfs *vfs, int n, char *out)
{
  return real_vfs->xGetLastError (real_vfs, n, out);
}

static int
v_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  return real_vfs->xCurrentTimeInt64 (real_vfs, out);
}

static sqlite3_vfs fault_vfs = {
  2, 0, 1024, NULL, "dd-faults", NULL,
  v_open, v_delete, v_access, v_full_pathname, v_dl_open, v_dl_error, v_dl_sym, v_dl_close,
  v_randomness, v_sleep, v_current_time, v_get_last_error, v_current_time_int64,
  NULL, NULL, NULL,
};

/* Makes the shim the default VFS of every connection opened after. */
static void
register_fault_vfs (void)
{
  real_vfs = sqlite3_vfs_find (NULL);
  g_assert_nonnull (real_vfs);
  fault_vfs.szOsFile = (int) sizeof (FaultFile) + real_vfs->szOsFile;
  fault_vfs.mxPathname = real_vfs->mxPathname;
  g_assert_cmpint (sqlite3_vfs_register (&fault_vfs, 1), ==, SQLITE_OK);
}

/* The operations */

typedef struct
{
  char *dir;
  char *template_db;   /* the file every round starts from */
  char *db;            /* this round's copy */
  char *backup;        /* a backup of the template, one task's progress older */
  DdImportedPlan *plan;  /* the plan the import writes, parsed once */
} Fixture;

/* A query over everything the operations change, and the history. */
#define DIGEST_SQL \
  "SELECT (SELECT count (*) FROM audit_log) || ':' || " \
  "(SELECT count (*) FROM plans) || ':' || " \
  "(SELECT group_concat (id || '/' || progress || '/' || ifnull (completed_on, '') || '/' || revision, ',') " \
  "   FROM (SELECT * FROM tasks ORDER BY id)) || ':' || " \
  "ifnull ((SELECT group_concat (quote (task_id) || quote (year) || quote (period_index) " \
  "   || quote (reported_on) || quote (report_number), ',') FROM occurrence_reports), '')"

/* The file's digest and integrity, read with the shim disarmed on a
 * connection of its own (which rolls back a hot journal first). */
static char *
digest_file (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *digest;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, DIGEST_SQL, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  digest = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return digest;
}

typedef gboolean (*Operation) (Fixture *f, DdStore *store, GError **error);

static gboolean
op_save_task (Fixture  *f,
              DdStore  *store,
              GError  **error)
{
  GDate today = dd_test_date ("2026-05-01");
  g_autoptr(DdTask) task = dd_store_get_task (store, 2, &today, error);

  if (task == NULL)
    return FALSE;
  dd_task_set_progress (task, 60);
  dd_task_set_note (task, "Đã họp, chờ số liệu");
  return dd_store_save_task (store, task, error);
}

static gboolean
op_record_report (Fixture  *f,
                  DdStore  *store,
                  GError  **error)
{
  GDate on = dd_test_date ("2026-04-02");

  return dd_store_record_report (store, 901, DD_OCCURRENCE_QUARTER, 2026, 1, &on, "45/BC-HCQT", "Gửi muộn",
                                 error);
}

static gboolean
op_import (Fixture  *f,
           DdStore  *store,
           GError  **error)
{
  DdImportSummary summary = { 0, };

  return dd_store_import_plan (store, f->plan, &summary, error);
}

/* The same plan in chunks of one row, each its own transaction
 * (dd-store-import.c): a failure in any of them takes back the others. */
static gboolean
op_import_chunks (Fixture  *f,
                  DdStore  *store,
                  GError  **error)
{
  DdImportSummary summary = { 0, };

  g_assert_cmpuint (f->plan->tasks->len, >, 1);
  _dd_store_set_import_chunk_rows (store, 1);
  return dd_store_import_plan (store, f->plan, &summary, error);
}

/* Needs no store: none may be open on the file it replaces. */
static gboolean
op_restore (Fixture  *f,
            DdStore  *store,
            GError  **error)
{
  return dd_backups_restore_file (f->db, f->backup, error);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
  dd_test_write_file (to, contents, (gssize) len);
}

/* The template: the seed plan, and a plan of our own with a quarterly task
 * (901) whose report for Q1/2026 is owed; its backup is taken before task
 * 2 is half done. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *plan_path = g_test_build_filename (G_TEST_DIST, "data", "plan-official.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;

  f->dir = dd_test_make_tmp_dir ("dondoc-faults-XXXXXX");
  f->template_db = g_build_filename (f->dir, "template.sqlite", NULL);
  f->db = g_build_filename (f->dir, "test.sqlite", NULL);
  f->backup = g_build_filename (f->dir, "backup.sqlite", NULL);
  store = dd_test_new_store (f->template_db);
  g_assert_cmpint (sqlite3_exec (_dd_store_get_db (store),
                                 "INSERT INTO units (id, name, match_key, sort_key) VALUES "
                                 " (901, 'Phòng Một', 'phong mot', x'01');"
                                 "INSERT INTO plans (id, number, issued_on, title) VALUES "
                                 " (900, '9/KH-TEST', '2025-12-01', 'Kế hoạch thử');"
                                 "INSERT INTO tasks (id, plan_id, position, number, title, lead_unit_id, "
                                 "                   deadline_kind, periods) VALUES "
                                 " (901, 900, 1, '1.', 'Báo cáo quý', 901, 3, 2)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&store);
  copy_file (f->template_db, f->backup);
  store = dd_store_open (f->template_db, DD_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_true (dd_store_record_progress (store, 3, 40, NULL, NULL, "Họp lần một", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  f->plan = dd_importer_parse_file (plan_path, DD_IMPORT_FORMAT_AUTO, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  fault_disarm ();
  dd_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->template_db);
  g_free (f->db);
  g_free (f->backup);
  dd_imported_plan_free (f->plan);
}

/* One round: the operation on a fresh copy of the template with its n-th
 * I/O call failing. Returns FALSE when it completed before its n-th call. */
static gboolean
run_round (Fixture   *f,
           Operation  op,
           gboolean   with_store,
           int        n,
           const char *before,
           const char *after)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autofree char *journal = g_strconcat (f->db, "-journal", NULL);
  g_autofree char *digest = NULL;
  gboolean ok;

  g_unlink (journal);
  copy_file (f->template_db, f->db);
  if (with_store)
    {
      store = dd_store_open (f->db, DD_STORE_OPEN_EXISTING, &error);
      g_assert_no_error (error);
    }
  fault_arm (n);
  ok = op (f, store, &error);
  fault_disarm ();
  g_clear_object (&store);
  if (!fault_fired)
    {
      /* It needed fewer calls: done, and the change is whole. */
      g_assert_no_error (error);
      g_assert_true (ok);
      digest = digest_file (f->db);
      g_assert_cmpstr (digest, ==, after);
      return FALSE;
    }
  /* The failure was said (a failure the operation survived, as a read
   * retried, is no failure). */
  if (!ok)
    {
      g_assert_nonnull (error);
      g_assert_cmpuint (strlen (error->message), >, 10);
      /* Said as what it is: neither SQLite's bare words nor a false
       * "this is not a backup". */
      g_assert_null (strstr (error->message, "Database error"));
      g_assert_null (strstr (error->message, "is not a backup"));
      if (g_test_verbose ())
        g_test_message ("call %d: %s", n, error->message);
    }
  digest = digest_file (f->db);
  if (g_strcmp0 (digest, before) != 0)
    g_assert_cmpstr (digest, ==, after);
  /* What the user sees: a change reported as failed is not in the file. */
  if (!ok)
    g_assert_cmpstr (digest, ==, before);
  return TRUE;
}

static void
run_operation (Fixture   *f,
               Operation  op,
               gboolean   with_store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(DdStore) store = NULL;
  int n;

  /* The file before and after the operation, without faults. */
  copy_file (f->template_db, f->db);
  before = digest_file (f->db);
  if (with_store)
    {
      store = dd_store_open (f->db, DD_STORE_OPEN_EXISTING, &error);
      g_assert_no_error (error);
    }
  g_assert_true (op (f, store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  after = digest_file (f->db);
  g_assert_cmpstr (before, !=, after);

  for (n = 1; run_round (f, op, with_store, n, before, after); n++)
    g_assert_cmpint (n, <, 100000);
  g_test_message ("%d I/O calls, each made to fail in turn", n - 1);
}

static void
test_save_task (Fixture       *f,
                gconstpointer  data)
{
  run_operation (f, op_save_task, TRUE);
}

static void
test_record_report (Fixture       *f,
                    gconstpointer  data)
{
  run_operation (f, op_record_report, TRUE);
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  run_operation (f, op_import, TRUE);
}

static void
test_import_chunks (Fixture       *f,
                    gconstpointer  data)
{
  run_operation (f, op_import_chunks, TRUE);
}

/* A plan the template has, imported again in chunks of one row with
 * every other task renamed and the first given another coordinator
 * (dd-store-import-undo.c keeps copies to give the old plan back). */
static void
test_reimport_chunks (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (f->template_db, DD_STORE_OPEN_EXISTING, &error);
  DdImportedTask *first;

  g_assert_no_error (error);
  g_assert_true (dd_store_import_plan (store, f->plan, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  for (guint i = 0; i < f->plan->tasks->len; i += 2)
    {
      DdImportedTask *task = g_ptr_array_index (f->plan->tasks, i);
      char *title = g_strconcat (task->title, " (sửa)", NULL);

      g_free (task->title);
      task->title = title;
    }
  first = g_ptr_array_index (f->plan->tasks, 0);
  if (first->coordinators == NULL)
    first->coordinators = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (first->coordinators, g_strdup ("Phòng Một"));
  run_operation (f, op_import_chunks, TRUE);
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  run_operation (f, op_restore, FALSE);
}

int
main (int    argc,
      char **argv)
{
  dd_test_init_i18n ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  register_fault_vfs ();

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/core/faults/save-task", test_save_task);
  ADD ("/core/faults/record-report", test_record_report);
  ADD ("/core/faults/import", test_import);
  ADD ("/core/faults/import-chunks", test_import_chunks);
  ADD ("/core/faults/reimport-chunks", test_reimport_chunks);
  ADD ("/core/faults/restore", test_restore);
#undef ADD

  return g_test_run ();
}
