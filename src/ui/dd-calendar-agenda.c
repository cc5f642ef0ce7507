/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-calendar-agenda"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-calendar-agenda.h"
#include "dd-calendar-day.h"
#include "dd-calendar-deadline.h"
#include "dd-status-pill.h"

static gboolean
is_overdue (const DdCalendarEntry *entry,
            const GDate           *today)
{
  return g_date_compare (&entry->date, today) < 0
         && (entry->status == DD_STATUS_OVERDUE || entry->status == DD_STATUS_FORGOTTEN);
}

static GtkWidget *
new_agenda_heading (const char *text,
                    const char *css_class)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (row, "agenda-heading");
  if (css_class != NULL)
    gtk_widget_add_css_class (row, css_class);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);

  return row;
}

static GtkWidget *
new_agenda_row (const DdCalendarEntry *entry,
                gboolean               show_date)
{
  g_autofree char *tooltip = dd_calendar_deadline_dup_tooltip (entry);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (entry->title);
  GtkWidget *pill = dd_status_pill_new ();
  GString *detail = g_string_new (NULL);
  GtkWidget *detail_label;

  gtk_widget_add_css_class (row, "agenda-row");
  gtk_widget_set_tooltip_text (row, tooltip);
  dd_calendar_deadline_set_task_id (G_OBJECT (row), entry->task_id);
  dd_calendar_day_attach_entry (G_OBJECT (row), entry);

  if (show_date)
    {
      g_autofree char *date = dd_format_date (&entry->date);
      GtkWidget *date_label = gtk_label_new (date);

      gtk_widget_add_css_class (date_label, "numeric");
      gtk_widget_set_valign (date_label, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (box), date_label);
    }

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_box_append (GTK_BOX (text_box), title);

  if (entry->occurrence != NULL)
    g_string_append (detail, entry->occurrence);
  if (entry->lead != NULL)
    {
      if (detail->len > 0)
        g_string_append (detail, " · ");
      g_string_append (detail, entry->lead);
    }
  detail_label = gtk_label_new (detail->str);
  gtk_label_set_wrap (GTK_LABEL (detail_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (detail_label), 0.0);
  gtk_widget_add_css_class (detail_label, "dim-label");
  gtk_widget_set_visible (detail_label, detail->len > 0);
  gtk_box_append (GTK_BOX (text_box), detail_label);
  g_string_free (detail, TRUE);

  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_box_append (GTK_BOX (box), text_box);

  dd_status_pill_set_status (pill, entry->status, NULL);
  gtk_widget_set_valign (pill, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), pill);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

/* What is overdue or forgotten, oldest first, on top. */
static void
fill_overdue (GtkListBox  *list,
              GPtrArray   *entries,
              const GDate *today)
{
  g_autofree char *heading = NULL;
  g_autofree char *count = NULL;
  guint n_overdue = 0;
  guint n_listed = 0;

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    if (is_overdue (g_ptr_array_index (entries, i), today))
      n_overdue++;

  if (n_overdue == 0)
    return;

  /* Translators: the first heading of the agenda. */
  count = dd_format_count (n_overdue);
  heading = g_strdup_printf (ngettext ("Overdue or forgotten: %s deadline",
                                       "Overdue or forgotten: %s deadlines",
                                       n_overdue),
                             count);
  gtk_list_box_append (list, new_agenda_heading (heading, "overdue"));

  for (guint i = 0; i < entries->len && n_listed < DD_CALENDAR_MAX_LISTED; i++)
    {
      const DdCalendarEntry *entry = g_ptr_array_index (entries, i);

      if (is_overdue (entry, today))
        {
          gtk_list_box_append (list, new_agenda_row (entry, TRUE));
          n_listed++;
        }
    }
  if (n_listed < n_overdue)
    gtk_list_box_append (list, dd_calendar_deadline_new_more_label (n_overdue - n_listed));
}

/* "Thứ Năm, ngày 26 tháng 11 năm 2026 (Tết Dương lịch)". (transfer full) */
static char *
dup_day_heading (const GDate     *day,
                 gboolean         is_today,
                 const DdHoliday *holiday)
{
  g_autofree char *date_long = dd_format_date_long (day);
  char *heading;

  if (is_today)
    /* Translators: a day heading of the agenda: "Hôm nay, Thứ Tư, ngày 25 tháng 11 năm 2026". */
    heading = g_strdup_printf (_("Today, %s, %s"),
                               dd_format_weekday (g_date_get_weekday (day)), date_long);
  else
    /* Translators: a day heading of the agenda: "Thứ Năm, ngày 26 tháng 11 năm 2026". */
    heading = g_strdup_printf (C_("agenda day", "%s, %s"),
                               dd_format_weekday (g_date_get_weekday (day)), date_long);
  if (holiday != NULL)
    {
      char *with_holiday;

      /* Translators: a day heading of the agenda, then the day off it is. */
      with_holiday = g_strdup_printf (C_("agenda day", "%s (%s)"), heading, holiday->name);
      g_free (heading);
      heading = with_holiday;
    }

  return heading;
}

void
dd_calendar_agenda_fill (GtkListBox  *list,
                         GPtrArray   *entries,
                         GHashTable  *by_day,
                         DdWorkdays  *workdays,
                         const GDate *today)
{
  GtkWidget *child;
  guint n_upcoming = 0;

  g_return_if_fail (GTK_IS_LIST_BOX (list));
  g_return_if_fail (today != NULL && g_date_valid (today));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);

  fill_overdue (list, entries, today);

  /* Then the next 30 days, day by day. */
  for (guint d = 0; d < DD_CALENDAR_AGENDA_DAYS; d++)
    {
      GDate day = *today;
      GPtrArray *day_entries;
      g_autofree char *heading = NULL;

      g_date_add_days (&day, d);
      day_entries = by_day != NULL
                    ? g_hash_table_lookup (by_day, GUINT_TO_POINTER (g_date_get_julian (&day)))
                    : NULL;
      if (day_entries == NULL || day_entries->len == 0)
        continue;

      heading = dup_day_heading (&day, d == 0, workdays != NULL ? dd_workdays_lookup (workdays, &day) : NULL);
      gtk_list_box_append (list, new_agenda_heading (heading, d == 0 ? "today" : NULL));
      for (guint i = 0; i < MIN (day_entries->len, DD_CALENDAR_MAX_LISTED); i++)
        gtk_list_box_append (list, new_agenda_row (g_ptr_array_index (day_entries, i), FALSE));
      if (day_entries->len > DD_CALENDAR_MAX_LISTED)
        gtk_list_box_append (list, dd_calendar_deadline_new_more_label (day_entries->len - DD_CALENDAR_MAX_LISTED));
      n_upcoming += day_entries->len;
    }

  if (n_upcoming == 0)
    gtk_list_box_append (list, new_agenda_heading (_("Nothing falls due in the next 30 days."), "empty"));
}
