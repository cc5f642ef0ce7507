/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-calendar-actions"

#include "config.h"

#include "dd-calendar-actions.h"
#include "dd-calendar-range.h"
#include "dd-holiday-editor.h"

/*
 * The calendar page's keys and the actions of its header
 * (dd-calendar-page.c): arrow keys move between days, Page Up and Page
 * Down between months, Home goes to today, Ctrl+1, 2, 3 show the month,
 * the week and the agenda; "calendar.previous", "calendar.next" (a month,
 * or a week in the week view), "calendar.today", "calendar.view" and
 * "calendar.holidays" (the editor of the days off of the year shown).
 */

/* Moves */

static void
move_months (DdCalendarPage *self,
             int             months,
             gboolean        grab_focus)
{
  GDate date;

  dd_calendar_page_get_date (self, &date);
  if (months >= 0)
    g_date_add_months (&date, (guint) months);
  else
    g_date_subtract_months (&date, (guint) -months);
  _dd_calendar_page_select (self, &date, grab_focus);
}

static void
move_days (DdCalendarPage *self,
           int             days,
           gboolean        grab_focus)
{
  GDate date;

  dd_calendar_page_get_date (self, &date);
  dd_calendar_range_add_days (&date, days);
  _dd_calendar_page_select (self, &date, grab_focus);
}

/* Keys */

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   DdCalendarPage        *self)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;

  /* Seen before the focused widget (capture): a text field, and a popover
   * (another native) of the page, keep their keys. */
  if (focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus)
                        || gtk_widget_get_ancestor (focus, GTK_TYPE_EDITABLE) != NULL
                        || gtk_widget_get_native (focus) != gtk_widget_get_native (GTK_WIDGET (self))))
    return FALSE;

  /* The agenda is a list: its keys scroll it. */
  if (dd_calendar_page_get_view (self) == DD_CALENDAR_VIEW_AGENDA)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_days (self, gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? 1 : -1, TRUE);
      return TRUE;

    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_days (self, gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? -1 : 1, TRUE);
      return TRUE;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_days (self, -7, TRUE);
      return TRUE;

    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_days (self, 7, TRUE);
      return TRUE;

    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      move_months (self, -1, TRUE);
      return TRUE;

    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      move_months (self, 1, TRUE);
      return TRUE;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      _dd_calendar_page_go_to_today (self, TRUE);
      return TRUE;

    default:
      return FALSE;
    }
}

/* Actions */

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  DdCalendarPage *self = DD_CALENDAR_PAGE (widget);

  if (dd_calendar_page_get_view (self) == DD_CALENDAR_VIEW_WEEK)
    move_days (self, -7, FALSE);
  else
    move_months (self, -1, FALSE);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DdCalendarPage *self = DD_CALENDAR_PAGE (widget);

  if (dd_calendar_page_get_view (self) == DD_CALENDAR_VIEW_WEEK)
    move_days (self, 7, FALSE);
  else
    move_months (self, 1, FALSE);
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  _dd_calendar_page_go_to_today (DD_CALENDAR_PAGE (widget), FALSE);
}

/* Ctrl+1, 2, 3 (Alt+1… switch pages): the month, the week, the agenda. */
static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  int view = g_variant_get_int32 (param);

  if (view >= 0 && view <= (int) DD_CALENDAR_VIEW_AGENDA)
    dd_calendar_page_set_view (DD_CALENDAR_PAGE (widget), view);
}

/* Managed: the keys work wherever the focus is while the page is shown
 * (GTK skips them while it is not). */
void
_dd_calendar_actions_init (DdCalendarPage *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_MANAGED);
  for (int i = 0; i <= (int) DD_CALENDAR_VIEW_AGENDA; i++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_1 + i, GDK_CONTROL_MASK),
                                                gtk_named_action_new ("calendar.view"));

      gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 (i));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
holidays_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  DdCalendarPage *self = DD_CALENDAR_PAGE (widget);
  DdStore *store = dd_calendar_page_get_store (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  DdHolidayEditor *editor;
  GDate selected;

  if (store == NULL)
    return;

  dd_calendar_page_get_date (self, &selected);
  editor = dd_holiday_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                  store, (int) g_date_get_year (&selected));
  gtk_window_present (GTK_WINDOW (editor));
}

/* Class and instance */

void
_dd_calendar_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_key_pressed_cb);

  gtk_widget_class_install_action (widget_class, "calendar.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "calendar.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "calendar.today", NULL, today_action);
  gtk_widget_class_install_action (widget_class, "calendar.holidays", NULL, holidays_action);
  gtk_widget_class_install_action (widget_class, "calendar.view", "i", view_action);
}
