/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dondoc.h: the one header that users of the Đôn Đốc core include. */
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
#include "dd-importer.h"
#include "dd-store.h"
#include "dd-store-tasks.h"
#include "dd-store-shared.h"
#include "dd-history.h"
#include "dd-users.h"
#include "dd-backups.h"
#include "dd-stats.h"
#include "dd-chart.h"
#include "dd-store-calendar.h"
#include "dd-scoring.h"
#include "dd-six-clear.h"
#include "dd-export.h"
#undef DONDOC_INSIDE
