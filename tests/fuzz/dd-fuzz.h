/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fuzz targets (issue #20): each defines LLVMFuzzerTestOneInput() over
 * one of the parsers that read what users give, and asserts its contract:
 * a result, or a GError with a message. Built two ways (meson.build):
 * with clang's libFuzzer (-fsanitize=fuzzer) for long runs (.ci/dev fuzz),
 * and with replay.c, a g_test program that runs every file of the
 * target's corpus (tests/fuzz/corpus/TARGET/) through the same function,
 * in every test run. A crash found by a fuzzer is kept in the corpus. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <dondoc/dondoc.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* A refusal says what and where: a GError with a message. */
static inline void
dd_fuzz_check_refusal (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_nonnull (error->message);
  g_assert_cmpuint (strlen (error->message), >, 0);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}
