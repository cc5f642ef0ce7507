/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _DdStore    DdStore;
typedef struct _DdPlan     DdPlan;
typedef struct _DdUnit     DdUnit;
typedef struct _DdTask     DdTask;
typedef struct _DdTaskList DdTaskList;

/**
 * DdDeadlineKind:
 * @DD_DEADLINE_NONE: nothing could be derived from the "Thời gian" text (or it is empty)
 * @DD_DEADLINE_DATE: a due date ("Trước 30/4/2026", "Quý II/2026", "Tháng 6/2026", "Năm 2026")
 * @DD_DEADLINE_ONGOING: "Thường xuyên": no end date, reported on every period
 * @DD_DEADLINE_PERIODIC: "Định kỳ", "hằng quý, 6 tháng, năm": one occurrence per period
 * @DD_DEADLINE_STATUTORY: "Theo quy định của Pháp luật": statutory time limits
 * @DD_DEADLINE_EXTERNAL: "Theo Kế hoạch của Sở Nội vụ": set by another body, no date yet
 *
 * The values are stored in the database: never renumber them.
 */
typedef enum
{
  DD_DEADLINE_NONE = 0,
  DD_DEADLINE_DATE = 1,
  DD_DEADLINE_ONGOING = 2,
  DD_DEADLINE_PERIODIC = 3,
  DD_DEADLINE_STATUTORY = 4,
  DD_DEADLINE_EXTERNAL = 5,
} DdDeadlineKind;

#define DD_N_DEADLINE_KINDS 6

/**
 * DdPeriodFlags:
 * @DD_PERIOD_MONTHLY: monthly reports
 * @DD_PERIOD_QUARTERLY: quarterly reports
 * @DD_PERIOD_HALF_YEAR: the 6-month report
 * @DD_PERIOD_YEARLY: the annual report
 * @DD_PERIOD_AD_HOC: ad hoc (đột xuất) reports are asked for too
 * @DD_PERIOD_NINE_MONTHS: the 9-month report (15/12 of the year before to 14/9)
 *
 * Which reporting periods a periodic task recurs on. 0 means "Định kỳ"
 * without saying which. Stored in the database: never renumber.
 */
typedef enum
{
  DD_PERIOD_MONTHLY   = 1 << 0,
  DD_PERIOD_QUARTERLY = 1 << 1,
  DD_PERIOD_HALF_YEAR = 1 << 2,
  DD_PERIOD_YEARLY    = 1 << 3,
  DD_PERIOD_AD_HOC    = 1 << 4,
  DD_PERIOD_NINE_MONTHS = 1 << 5,
} DdPeriodFlags;

/* Every reporting period of Nghị định 09/2019/NĐ-CP (not DD_PERIOD_AD_HOC). */
#define DD_PERIOD_ALL_PERIODS (DD_PERIOD_MONTHLY | DD_PERIOD_QUARTERLY | DD_PERIOD_HALF_YEAR | \
                               DD_PERIOD_NINE_MONTHS | DD_PERIOD_YEARLY)

/* The periods of a periodic task that names none, when the office's default
 * schedule names none either: the quarterly, 6-month and annual reports. */
#define DD_PERIOD_DEFAULT_PERIODS (DD_PERIOD_QUARTERLY | DD_PERIOD_HALF_YEAR | DD_PERIOD_YEARLY)

/**
 * dd_period_flag_get_label:
 * @flag: one #DdPeriodFlags bit
 *
 * The translated name of a reporting period as a schedule names it, for a
 * label or a check box: "Hằng tháng", "Hằng quý", "6 tháng", "9 tháng",
 * "Hằng năm", "Đột xuất".
 *
 * Returns: (transfer none): the name; %NULL for a value that is not one bit
 */
const char *dd_period_flag_get_label (DdPeriodFlags flag);

/**
 * dd_period_flags_format:
 * @periods: #DdPeriodFlags bits
 *
 * The periods of @periods in words, in the decree's order (month, quarter,
 * 6 months, 9 months, year, then ad hoc), as a sentence writes them:
 * "hằng quý, 6 tháng, đột xuất". Empty for 0.
 *
 * Returns: (transfer full): the text
 */
char       *dd_period_flags_format   (guint periods) G_GNUC_WARN_UNUSED_RESULT;

/**
 * DdTaskStatus:
 * The status of a task as of a reference date (PRODUCT.md, "Task status").
 * The order is the order statuses are listed and sorted in.
 */
typedef enum
{
  DD_STATUS_DONE_ON_TIME = 0,
  DD_STATUS_DONE_LATE = 1,
  DD_STATUS_IN_PROGRESS = 2,
  DD_STATUS_DUE_SOON = 3,
  DD_STATUS_OVERDUE = 4,
  DD_STATUS_NO_DEADLINE = 5,
  DD_STATUS_FORGOTTEN = 6,
} DdTaskStatus;

/* DD_STATUS_FORGOTTEN (quên việc): an ongoing task's month, or a periodic
 * report, that passed without the expected update or report. */
#define DD_N_STATUSES 7

/* Stable machine names ("date", "ongoing", …), as the command line prints them. */
const char *dd_deadline_kind_to_string (DdDeadlineKind kind);
gboolean    dd_deadline_kind_from_string (const char     *str,
                                          DdDeadlineKind *out_kind);
/* Translated, human name ("Thường xuyên", …). */
const char *dd_deadline_kind_get_label (DdDeadlineKind kind);

/* Stable machine names ("done_on_time", …), as the command line prints them. */
const char *dd_task_status_to_string (DdTaskStatus status);
gboolean    dd_task_status_from_string (const char   *str,
                                        DdTaskStatus *out_status);
/* Translated label ("Hoàn thành đúng hạn", …). */
const char *dd_task_status_get_label (DdTaskStatus status);

/**
 * dd_init_i18n:
 *
 * Binds the text domain of the core to its locale directory. Programs call
 * it once at start; it is harmless to call it again.
 */
void dd_init_i18n (void);

/**
 * dd_get_locale_dir:
 *
 * Where the message catalogues are: $DONDOC_LOCALEDIR when set, else the
 * build tree's (_build/po/locale) for a program started from the build
 * tree it was built in (so that `_build/src/cli/dondoc-cli` speaks the
 * user's language as the installed one does), else the installed ones.
 *
 * Returns: (transfer none): a folder
 */
const char *dd_get_locale_dir (void);

G_END_DECLS
