/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libpq-fe.h>

#include "dondoc/dondoc.h"

G_BEGIN_DECLS

/* What the files of src/core/pg share. */
PGconn  *dd_pg_get_conn        (DdPg        *self);
gboolean dd_pg_result_ok       (PGresult    *result,
                                GError     **error);
gboolean dd_pg_exec            (DdPg        *self,
                                const char  *sql,
                                GError     **error);
void     dd_pg_rollback        (DdPg        *self);

G_END_DECLS
