/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <glib-object.h>
#include "dd-types.h"

G_BEGIN_DECLS

#define DD_TYPE_UNIT (dd_unit_get_type ())
G_DECLARE_FINAL_TYPE (DdUnit, dd_unit, DD, UNIT, GObject)

/*
 * A unit (phòng, ban, đơn vị) or a group of units named collectively ("Các
 * phòng, ban, đơn vị liên quan"). Read-only snapshot from the store, with the
 * number of tasks it leads and coordinates.
 */
gint64      dd_unit_get_id             (DdUnit *self);
const char *dd_unit_get_name           (DdUnit *self);
gboolean    dd_unit_get_is_group       (DdUnit *self);
guint       dd_unit_get_n_led          (DdUnit *self);
guint       dd_unit_get_n_coordinated  (DdUnit *self);

G_END_DECLS
