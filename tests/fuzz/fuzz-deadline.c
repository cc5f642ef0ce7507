/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dd-fuzz.h"

/* The deadline reader on one cell: a deadline whose due date, when set, is
 * a valid day of a four-digit year, or a refusal. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strndup ((const char *) data, size);
  DdDeadline deadline;

  /* A cell is valid UTF-8 by the time it reaches the reader. */
  if (!g_utf8_validate (text, -1, NULL))
    return 0;
  memset (&deadline, 0, sizeof deadline);
  if (!dd_deadline_parse (text, &deadline, &error))
    {
      dd_fuzz_check_refusal (error);
      return 0;
    }
  g_assert_no_error (error);
  if (g_date_valid (&deadline.due))
    g_assert_cmpuint (g_date_get_year (&deadline.due), <=, 9999);
  return 0;
}
