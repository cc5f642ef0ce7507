/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "dd-fuzz.h"
#include "dd-store-private.h"
#include "dd-test-core.h"

/* The reader of a unit's filled progress form (.xlsx: libarchive and
 * libxml2), over a store in memory holding the seed plan, as the form's
 * codes were made from (the corpus: forms made by `dondoc-cli form export`
 * of the seed, filled in or not). Its contract: the form, every row of it
 * with a title, a progress of 0–100 or -1 and valid UTF-8, or a refusal;
 * and nothing written either way. */

static DdStore *store;
static char *path;

static void
set_up_once (void)
{
  g_autoptr(GError) error = NULL;
  int fd;

  if (store != NULL)
    return;
  store = dd_test_new_store (":memory:");
  /* The reader takes a path: one file, rewritten for each input. */
  fd = g_file_open_tmp ("dondoc-fuzz-form-XXXXXX.xlsx", &path, &error);
  g_assert_no_error (error);
  close (fd);
}

static void
check_text (const char *text)
{
  g_assert_true (text == NULL || g_utf8_validate (text, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdFormImport) form = NULL;
  int changes;

  set_up_once ();
  g_assert_true (g_file_set_contents (path, (const char *) data, (gssize) size, NULL));
  changes = sqlite3_total_changes (_dd_store_get_db (store));
  form = dd_progress_form_read (store, path, 0, &error);
  g_assert_cmpint (sqlite3_total_changes (_dd_store_get_db (store)), ==, changes);
  if (form == NULL)
    {
      dd_fuzz_check_refusal (error);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_cmpint (form->unit_id, >, 0);
  check_text (form->unit);
  for (guint i = 0; i < form->rows->len; i++)
    {
      const DdFormRow *row = g_ptr_array_index (form->rows, i);

      g_assert_cmpuint (row->line, >, 0);
      g_assert_cmpint (row->progress, >=, -1);
      g_assert_cmpint (row->progress, <=, 100);
      check_text (row->number);
      check_text (row->title);
      check_text (row->product);
      check_text (row->report_number);
      check_text (row->note);
      check_text (row->conflict);
      g_assert_true (row->state != DD_FORM_ROW_CONFLICT || row->conflict != NULL);
    }
  return 0;
}
