/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dd-store-private.h"

/*
 * dd_store_can(): what each role may do, on a file that may or may not be
 * written now, and that the store's own refusals agree with it.
 */

typedef struct
{
  DdStore *store;
  DdTask *own_task;      /* led by the unit editor's unit */
  DdTask *other_task;    /* led by another unit */
  gint64 unit;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DdUsers) accounts = NULL;
  g_autoptr(GError) error = NULL;

  f->store = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  dd_store_load_default (f->store, &error);
  g_assert_no_error (error);

  f->own_task = dd_store_get_task (f->store, 2, NULL, &error);
  g_assert_no_error (error);
  f->unit = dd_task_get_lead_id (f->own_task);
  g_assert_cmpint (f->unit, >, 0);
  for (gint64 id = 1; id <= 8 && f->other_task == NULL; id++)
    {
      g_autoptr(DdTask) task = dd_store_get_task (f->store, id, NULL, &error);

      g_assert_no_error (error);
      if (dd_task_get_lead_id (task) != f->unit)
        f->other_task = g_steal_pointer (&task);
    }
  g_assert_nonnull (f->other_task);

  accounts = dd_users_new (f->store);
  dd_users_set_role (accounts, "donvi", NULL, DD_ROLE_UNIT_EDITOR, f->unit, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->own_task);
  g_clear_object (&f->other_task);
  g_clear_object (&f->store);
}

/* dd_store_can() with no task, its reason (NULL when allowed) in @reason. */
static gboolean
can (DdStore   *store,
     DdAction   action,
     char     **reason)
{
  g_autofree char *why = NULL;
  gboolean allowed = dd_store_can (store, action, NULL, &why);

  if (allowed)
    g_assert_null (why);
  else
    g_assert_nonnull (why);
  *reason = g_steal_pointer (&why);
  return allowed;
}

static void
assert_reason_has (const char *reason,
                   const char *part)
{
  if (reason == NULL || strstr (reason, part) == NULL)
    g_error ("“%s” does not say “%s”", reason != NULL ? reason : "(null)", part);
}

static void
test_admin (Fixture       *f,
            gconstpointer  data)
{
  g_assert_cmpint (dd_store_get_role (f->store), ==, DD_ROLE_ADMIN);
  for (DdAction action = DD_ACTION_SET_DISPLAY_NAME; action <= DD_ACTION_RECORD_FIGURES; action++)
    {
      g_autofree char *reason = NULL;

      g_assert_true (can (f->store, action, &reason));
    }
  g_assert_true (dd_store_can (f->store, DD_ACTION_EDIT_TASK, f->other_task, NULL));
  g_assert_true (dd_store_can_for_unit (f->store, DD_ACTION_RECORD_FIGURES, 0, NULL));
}

static void
test_unit_editor (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DdUsers) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *unit_name = NULL;
  g_autoptr(DdTask) copy = NULL;

  unit_name = g_strdup (dd_task_get_lead (f->own_task));
  _dd_store_set_user (f->store, "donvi");
  g_assert_cmpint (dd_store_get_role (f->store), ==, DD_ROLE_UNIT_EDITOR);

  /* Its own unit's tasks and figures. */
  g_assert_true (dd_store_can (f->store, DD_ACTION_EDIT_TASK, f->own_task, NULL));
  g_assert_true (dd_store_can (f->store, DD_ACTION_EDIT_TASK, NULL, NULL));
  g_assert_true (dd_store_can_for_unit (f->store, DD_ACTION_EDIT_TASK, f->unit, NULL));
  g_assert_true (dd_store_can (f->store, DD_ACTION_RECORD_FIGURES, NULL, NULL));
  g_assert_true (dd_store_can_for_unit (f->store, DD_ACTION_RECORD_FIGURES, f->unit, NULL));
  g_assert_true (can (f->store, DD_ACTION_SET_DISPLAY_NAME, &reason));

  /* Not another unit's, nor the whole office's figures. */
  g_assert_false (dd_store_can (f->store, DD_ACTION_EDIT_TASK, f->other_task, &reason));
  assert_reason_has (reason, "led by another unit");
  g_clear_pointer (&reason, g_free);
  g_assert_false (dd_store_can_for_unit (f->store, DD_ACTION_RECORD_FIGURES, 0, &reason));
  assert_reason_has (reason, unit_name);
  g_clear_pointer (&reason, g_free);
  g_assert_false (dd_store_can_for_unit (f->store, DD_ACTION_RECORD_FIGURES,
                                         dd_task_get_lead_id (f->other_task), NULL));

  /* Nothing of an administrator's. */
  for (DdAction action = DD_ACTION_CHANGE_TASK_LEAD; action <= DD_ACTION_READ_HISTORY; action++)
    {
      g_assert_false (can (f->store, action, &reason));
      assert_reason_has (reason, "your role is “unit editor”");
      g_clear_pointer (&reason, g_free);
    }

  /* The store refuses what dd_store_can() said no to. */
  g_assert_false (dd_store_delete_task (f->store, 2, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  copy = dd_task_copy (f->other_task);
  dd_task_set_note (copy, "Đơn vị khác");
  g_assert_false (dd_store_save_task (f->store, copy, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  accounts = dd_users_new (f->store);
  g_assert_false (dd_users_set_role (accounts, "donvi", NULL, DD_ROLE_ADMIN, 0, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION);
  assert_reason_has (error->message, "Only an administrator can do this (plans");
}

static void
test_viewer (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;

  _dd_store_set_user (f->store, "nobody-listed");
  g_assert_cmpint (dd_store_get_role (f->store), ==, DD_ROLE_VIEWER);

  g_assert_true (can (f->store, DD_ACTION_SET_DISPLAY_NAME, &reason));
  for (DdAction action = DD_ACTION_EDIT_TASK; action <= DD_ACTION_RECORD_FIGURES; action++)
    {
      g_assert_false (can (f->store, action, &reason));
      assert_reason_has (reason, "“viewer”");
      g_clear_pointer (&reason, g_free);
    }
  g_assert_false (dd_store_can (f->store, DD_ACTION_EDIT_TASK, f->own_task, NULL));

  g_assert_false (dd_store_record_progress (f->store, 2, 10, NULL, NULL, NULL, &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION);
}

static void
test_file (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;

  /* Until the lock warning is acknowledged, nothing is written, not even a
   * display name; the role alone counts for restoring a backup. */
  _dd_store_set_lock_warning (f->store, "Không có khoá tệp");
  g_assert_false (can (f->store, DD_ACTION_SET_DISPLAY_NAME, &reason));
  assert_reason_has (reason, "“I Understand”");
  g_clear_pointer (&reason, g_free);
  g_assert_false (can (f->store, DD_ACTION_EDIT_SETTINGS, &reason));
  g_clear_pointer (&reason, g_free);
  g_assert_true (can (f->store, DD_ACTION_RESTORE_BACKUP, &reason));
  g_assert_true (can (f->store, DD_ACTION_READ_HISTORY, &reason));
  g_assert_false (dd_store_set_setting (f->store, "due_soon_days", "9", &error));
  g_assert_error (error, DD_STORE_ERROR, DD_STORE_ERROR_UNSAFE_FILESYSTEM);
  g_clear_error (&error);
  dd_store_acknowledge_lock_warning (f->store);
  g_assert_true (can (f->store, DD_ACTION_EDIT_SETTINGS, &reason));

  /* A read-only file says why. */
  f->store->access.read_only = TRUE;
  f->store->access.read_only_reason = g_strdup ("Tệp chỉ đọc");
  g_assert_false (can (f->store, DD_ACTION_EDIT_TASK, &reason));
  g_assert_cmpstr (reason, ==, "Tệp chỉ đọc");
  g_clear_pointer (&reason, g_free);
  g_assert_true (can (f->store, DD_ACTION_RESTORE_BACKUP, &reason));

  /* A unit editor may not restore one, and is told the file's state first. */
  _dd_store_set_user (f->store, "donvi");
  g_assert_false (can (f->store, DD_ACTION_RESTORE_BACKUP, &reason));
  g_assert_cmpstr (reason, ==, "Tệp chỉ đọc");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "en", TRUE);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/core/access/admin", test_admin);
  ADD ("/core/access/unit-editor", test_unit_editor);
  ADD ("/core/access/viewer", test_viewer);
  ADD ("/core/access/file", test_file);
#undef ADD

  return g_test_run ();
}
