/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dondoc.h: the one header that users of the Đôn Đốc core include.
 *
 * Rules of the whole API (src/ARCHITECTURE.md, "Public API rules"): the
 * instance parameter is `self`; owned strings come from `dd_xxx_dup_*`
 * (a `get_` returns a borrowed one); a call that reads or writes the file
 * takes `GError **error` last; error domains and codes are in dd-error.h.
 * Collections: a list of objects (GObjects: plans, units, scorecards, tasks)
 * is a GListModel, as GTK's list views take it and as the lazy task list
 * DdTaskList is; a list of records (boxed structs) is a `GPtrArray`
 * (transfer full, with its element free function set and its element type
 * in the doc comment). */
#pragma once

#define DONDOC_INSIDE
#include "dd-types.h"
#include "dd-error.h"
#include "dd-date.h"
#include "dd-format.h"
#include "dd-language.h"
#include "dd-text.h"
#include "dd-deadline.h"
#include "dd-lunar.h"
#include "dd-workdays.h"
#include "dd-rules.h"
#include "dd-occurrence.h"
#include "dd-plan.h"
#include "dd-unit.h"
#include "dd-task.h"
#include "dd-task-list.h"
#include "dd-store-worker.h"
#include "dd-importer.h"
#include "dd-store.h"
#include "dd-store-tasks.h"
#include "dd-store-reports.h"
#include "dd-store-shared.h"
#include "dd-store-units.h"
#include "dd-store-import-diff.h"
#include "dd-history.h"
#include "dd-users.h"
#include "dd-backups.h"
#include "dd-stats.h"
#include "dd-stats-reminders.h"
#include "dd-chart.h"
#include "dd-calendar.h"
#include "dd-scoring.h"
#include "dd-figures.h"
#include "dd-six-clear.h"
#include "dd-export.h"
#include "dd-progress-form.h"
#include "dd-urging-letter.h"
#include "dd-pg.h"
#include "dd-pg-profile.h"
#include "dd-pg-listener.h"
#undef DONDOC_INSIDE
