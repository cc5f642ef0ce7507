/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-window-private.h"

/*
 * The window's title names what a deputy chief follows, not the file: the
 * office (the report's issuer, set in Office Settings, else the issuer of a
 * plan), then the plan (or how many) and the file in the subtitle. A file
 * that names neither (a new one) is titled with the application's name,
 * the file in the subtitle, as GNOME's editors title an untitled document;
 * the window's own title (the task switcher's) is then the application's
 * name alone. The file's full path stays in the tooltip.
 */

/* The office, the plan(s): (transfer full) (nullable) each. */
static void
read_heading (DdStore  *store,
              char    **office,
              char    **plans_text)
{
  g_autoptr(GListModel) plans = dd_store_list_plans (store, NULL);
  guint n = plans != NULL ? g_list_model_get_n_items (plans) : 0;

  *office = dd_store_dup_setting (store, "report_issuer", NULL);
  if (*office != NULL && **office == '\0')
    g_clear_pointer (office, g_free);
  for (guint i = 0; *office == NULL && i < n; i++)
    {
      g_autoptr(DdPlan) plan = g_list_model_get_item (plans, i);
      const char *issuer = dd_plan_get_issuer (plan);

      if (issuer != NULL && *issuer != '\0')
        *office = g_strdup (issuer);
    }
  if (n == 1)
    {
      g_autoptr(DdPlan) plan = g_list_model_get_item (plans, 0);

      *plans_text = dd_plan_dup_display_name (plan);
    }
  else if (n > 1)
    {
      g_autofree char *count = dd_format_count (n);

      *plans_text = g_strdup_printf (ngettext ("%s plan", "%s plans", n), count);
    }
  else
    *plans_text = NULL;
}

void
_dd_window_update_title (DdWindow *self)
{
  const char *path = self->store != NULL ? dd_store_get_path (self->store) : NULL;
  g_autofree char *basename = NULL;
  g_autofree char *office = NULL;
  g_autofree char *plans = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *heading;
  const char *where;

  if (path != NULL && g_strcmp0 (path, ":memory:") != 0)
    basename = g_path_get_basename (path);
  if (self->store != NULL)
    read_heading (self->store, &office, &plans);

  heading = office != NULL ? office : plans;
  where = self->store != NULL && dd_store_is_sample (self->store) ? _("Sample data") : basename;
  if (heading == NULL || heading == plans)
    subtitle = g_strdup (where);
  else if (plans != NULL && where != NULL)
    /* Translators: the window's subtitle: the plan(s), then the file. */
    subtitle = g_strdup_printf (_("%s · %s"), plans, where);
  else
    subtitle = g_strdup (plans != NULL ? plans : where);

  gtk_label_set_text (self->title_label, heading != NULL ? heading : _("Đôn Đốc"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), path);
  gtk_label_set_text (self->subtitle_label, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label), path);

  if (heading != NULL)
    /* Translators: the window title: the office (or plan), then the application. */
    title = g_strdup_printf (_("%s — Đôn Đốc"), heading);
  gtk_window_set_title (GTK_WINDOW (self), title != NULL ? title : _("Đôn Đốc"));
}
