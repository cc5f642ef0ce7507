/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dd-window.h"

G_BEGIN_DECLS

/* What the environment variable DONDOC_DEBUG asks for (dd-debug.c). */
typedef enum
{
  DD_DEBUG_FIRST_FRAME = 1 << 0,
} DdDebugFlags;

DdDebugFlags dd_debug_get_flags     (void);
void         dd_debug_watch_window  (DdWindow *window);

G_END_DECLS
