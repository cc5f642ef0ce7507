/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void dd_renderer_choose            (void);
void dd_renderer_keep_frame_memory (void);

G_END_DECLS
