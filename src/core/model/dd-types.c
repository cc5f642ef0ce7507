/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-types"

#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "dondoc/dondoc.h"

G_DEFINE_QUARK (dd-store-error-quark, dd_store_error)
G_DEFINE_QUARK (dd-import-error-quark, dd_import_error)

static const char * const deadline_kind_names[DD_N_DEADLINE_KINDS] = {
  "none", "date", "ongoing", "periodic", "statutory", "external",
};

static const char * const status_names[DD_N_STATUSES] = {
  "done_on_time", "done_late", "in_progress", "due_soon", "overdue", "no_deadline",
  "forgotten",
};

void
dd_init_i18n (void)
{
  bindtextdomain (GETTEXT_PACKAGE, dd_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}

/* Whether this program was started from the build tree it was built in
 * (the build's catalogues are then in BUILD_LOCALEDIR, "_build/po/locale"). */
static gboolean
runs_from_build_tree (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *po_dir = g_path_get_dirname (BUILD_LOCALEDIR);
  g_autofree char *build_root = g_path_get_dirname (po_dir);
  g_autofree char *prefix = g_strconcat (build_root, G_DIR_SEPARATOR_S, NULL);

  return exe != NULL && g_str_has_prefix (exe, prefix) && g_file_test (BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR);
}

const char *
dd_get_locale_dir (void)
{
  static const char *dir;
  static gsize chosen;
  const char *env = g_getenv ("DONDOC_LOCALEDIR");

  if (env != NULL && *env != '\0')
    return env;
  if (g_once_init_enter (&chosen))
    {
      dir = runs_from_build_tree () ? BUILD_LOCALEDIR : LOCALEDIR;
      g_once_init_leave (&chosen, 1);
    }
  return dir;
}

const char *
dd_deadline_kind_to_string (DdDeadlineKind kind)
{
  g_return_val_if_fail ((guint) kind < DD_N_DEADLINE_KINDS, "none");
  return deadline_kind_names[kind];
}

gboolean
dd_deadline_kind_from_string (const char     *str,
                              DdDeadlineKind *out_kind)
{
  g_return_val_if_fail (out_kind != NULL, FALSE);

  for (guint i = 0; str != NULL && i < DD_N_DEADLINE_KINDS; i++)
    if (g_str_equal (str, deadline_kind_names[i]))
      {
        *out_kind = (DdDeadlineKind) i;
        return TRUE;
      }
  return FALSE;
}

/* The decree's order of the periods. */
static const DdPeriodFlags period_order[] = {
  DD_PERIOD_MONTHLY, DD_PERIOD_QUARTERLY, DD_PERIOD_HALF_YEAR,
  DD_PERIOD_NINE_MONTHS, DD_PERIOD_YEARLY, DD_PERIOD_AD_HOC,
};

const char *
dd_period_flag_get_label (DdPeriodFlags flag)
{
  switch (flag)
    {
    case DD_PERIOD_MONTHLY:
      return _("Monthly");
    case DD_PERIOD_QUARTERLY:
      return _("Quarterly");
    case DD_PERIOD_HALF_YEAR:
      return _("6 months");
    case DD_PERIOD_NINE_MONTHS:
      return _("9 months");
    case DD_PERIOD_YEARLY:
      return _("Yearly");
    case DD_PERIOD_AD_HOC:
      /* Translators: reports asked for outside the schedule ("đột xuất"). */
      return _("Ad hoc");
    default:
      return NULL;
    }
}

char *
dd_period_flags_format (guint periods)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (period_order); i++)
    if (periods & period_order[i])
      {
        g_autofree char *word = g_utf8_strdown (dd_period_flag_get_label (period_order[i]), -1);

        if (text->len > 0)
          g_string_append (text, ", ");
        g_string_append (text, word);
      }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

const char *
dd_deadline_kind_get_label (DdDeadlineKind kind)
{
  switch (kind)
    {
    case DD_DEADLINE_DATE:
      return _("Due date");
    case DD_DEADLINE_ONGOING:
      return _("Ongoing");
    case DD_DEADLINE_PERIODIC:
      return _("Periodic");
    case DD_DEADLINE_STATUTORY:
      return _("By statutory time limits");
    case DD_DEADLINE_EXTERNAL:
      return _("Set by another body’s plan");
    case DD_DEADLINE_NONE:
    default:
      return _("No deadline");
    }
}

const char *
dd_task_status_to_string (DdTaskStatus status)
{
  g_return_val_if_fail ((guint) status < DD_N_STATUSES, "no_deadline");
  return status_names[status];
}

gboolean
dd_task_status_from_string (const char   *str,
                            DdTaskStatus *out_status)
{
  g_return_val_if_fail (out_status != NULL, FALSE);

  for (guint i = 0; str != NULL && i < DD_N_STATUSES; i++)
    if (g_str_equal (str, status_names[i]))
      {
        *out_status = (DdTaskStatus) i;
        return TRUE;
      }
  return FALSE;
}

const char *
dd_task_status_get_label (DdTaskStatus status)
{
  switch (status)
    {
    case DD_STATUS_DONE_ON_TIME:
      return _("Done on time");
    case DD_STATUS_DONE_LATE:
      return _("Done late");
    case DD_STATUS_IN_PROGRESS:
      return _("In progress");
    case DD_STATUS_DUE_SOON:
      return _("Due soon");
    case DD_STATUS_OVERDUE:
      return _("Overdue");
    case DD_STATUS_FORGOTTEN:
      /* Translators: the plan's "quên việc": a period passed without the expected report. */
      return _("Forgotten");
    case DD_STATUS_NO_DEADLINE:
    default:
      return _("No deadline");
    }
}
