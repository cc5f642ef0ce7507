/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dondoc/dondoc.h"

G_BEGIN_DECLS

/* dd-audit-change.c: appends to @changes (of DdAuditChange) what @entry
 * changed, naming units by @unit_names (gint64* → const char*). */
void _dd_audit_entry_decode (const DdAuditEntry *entry,
                             GHashTable         *unit_names,
                             GPtrArray          *changes);

G_END_DECLS
