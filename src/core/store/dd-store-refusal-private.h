/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dd-store-private.h"

G_BEGIN_DECLS

/* Refusing a write (dd-store-refusal.c), for dd-store-access.c. */

/* Why an action is refused. */
typedef enum
{
  DENIAL_NONE,
  DENIAL_READ_ONLY,           /* the file cannot be written now */
  DENIAL_LOCK_WARNING,        /* the lock warning is not acknowledged yet */
  DENIAL_VIEWER,              /* a viewer writes nothing */
  DENIAL_ADMIN_ONLY,          /* an administrator's change */
  DENIAL_OTHER_UNIT_TASK,     /* a unit editor, and a task another unit leads */
  DENIAL_OTHER_UNIT_FIGURES,  /* a unit editor, and another unit's figures */
} Denial;

/* Sets @error to @denial as the store says it when it refuses a write,
 * which may be anything the guard triggers stop; returns FALSE. */
gboolean _dd_store_refuse (DdStore  *self,
                           Denial    denial,
                           GError  **error);

G_END_DECLS
