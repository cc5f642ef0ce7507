/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* When DD_TEST_SCREENSHOT_DIR is set, saves the whole X screen there as
 * NAME.png (with ImageMagick's import) after letting the windows draw, so
 * that a person can look at what a test drove. Does nothing otherwise. */
void dd_test_screenshot (const char *name);

G_END_DECLS
