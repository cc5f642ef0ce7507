/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <glib-object.h>
#include "dd-types.h"

G_BEGIN_DECLS

#define DD_TYPE_PLAN (dd_plan_get_type ())
G_DECLARE_FINAL_TYPE (DdPlan, dd_plan, DD, PLAN, GObject)

/* A plan (kế hoạch) as read from the store. Read-only snapshot. */
gint64       dd_plan_get_id        (DdPlan *self);
const char  *dd_plan_get_number    (DdPlan *self);   /* "662/KH-VPUB" */
const GDate *dd_plan_get_issued_on (DdPlan *self);   /* nullable */
const char  *dd_plan_get_title     (DdPlan *self);
const char  *dd_plan_get_issuer    (DdPlan *self);   /* nullable */
const char  *dd_plan_get_basis     (DdPlan *self);   /* nullable; one document per line */
guint        dd_plan_get_n_tasks   (DdPlan *self);
gboolean     dd_plan_get_is_sample (DdPlan *self);
/* "Kế hoạch số 662/KH-VPUB ngày 28/04/2026" (translated). (transfer full) */
char        *dd_plan_dup_display_name (DdPlan *self);

G_END_DECLS
