/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dd-fuzz.h"

/* The holiday notice's CSV: a notice, or a refusal. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdHolidayNotice) notice = NULL;

  notice = dd_holiday_notice_parse_csv ((const char *) data, size, &error);
  if (notice == NULL)
    dd_fuzz_check_refusal (error);
  else
    g_assert_no_error (error);
  return 0;
}
