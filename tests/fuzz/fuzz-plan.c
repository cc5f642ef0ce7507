/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dd-fuzz.h"

/* The plan importer on text (FORMAT is DD_IMPORT_FORMAT_TEXT or _CSV, set
 * by meson.build): a plan whose every task has a title and whose cells
 * are valid UTF-8, or a refusal. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdImportedPlan) plan = NULL;

  plan = dd_importer_parse_data ((const char *) data, size, DD_FUZZ_FORMAT, "fuzz", &error);
  if (plan == NULL)
    {
      dd_fuzz_check_refusal (error);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_nonnull (plan->tasks);
  for (guint i = 0; i < plan->tasks->len; i++)
    {
      const DdImportedTask *task = g_ptr_array_index (plan->tasks, i);

      g_assert_true (task->title == NULL || g_utf8_validate (task->title, -1, NULL));
      g_assert_true (task->number == NULL || g_utf8_validate (task->number, -1, NULL));
      g_assert_true (task->deadline_text == NULL || g_utf8_validate (task->deadline_text, -1, NULL));
    }
  return 0;
}
