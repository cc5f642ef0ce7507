/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-calendar"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dd-calendar-agenda.h"
#include "dd-calendar-day.h"
#include "dd-calendar-page.h"
#include "dd-holiday-editor.h"
#include "dd-reminder.h"
#include "dd-task-editor.h"
#include "dd-task-periods.h"
#include "dd-tasks-page.h"
#include "dd-window.h"
#include "dd-window-private.h"
#include "dd-test-gtk.h"

/*
 * The deadline calendar over a temporary database with plan 662/KH-VPUB:
 * navigation by buttons and keys, the days off of 2026, the occurrences of
 * the periodic task 8, opening a task from a deadline, the holiday editor;
 * and the reminder bar over the sample data. The page reads the deadlines
 * on the calendar's worker: after each change of the days shown, a test
 * waits for them (wait_loaded()) before it reads the days.
 */

typedef struct
{
  char *path;
  DdStore *store;
  GtkWindow *window;
  DdCalendarPage *page;
  gint64 opened;
  guint n_opened;
} Fixture;

static void
set_dmy (GDate *date,
         guint  day,
         guint  month,
         guint  year)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
page_loaded (gpointer data)
{
  return !dd_calendar_page_is_loading (DD_CALENDAR_PAGE (data));
}

/* The deadlines of the days asked for last are read (on the calendar's
 * worker) and shown. */
static void
wait_loaded (Fixture *f)
{
  dd_test_wait_for (page_loaded, f->page);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = dd_test_create_store (&f->path);
  f->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref (f->window);
  gtk_window_set_default_size (f->window, 1280, 800);

  f->page = DD_CALENDAR_PAGE (dd_calendar_page_new (f->store));
  g_object_ref (f->page);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  dd_test_wait_for (is_mapped, f->page);
  wait_loaded (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  dd_test_iterate (50);
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->page);
  g_assert_finalize_object (f->store);

  dd_test_remove_store_file (f->path);
  g_free (f->path);
}

static GtkWidget *
page_child (DdCalendarPage *page,
            const char     *name)
{
  return dd_test_template_child (page, DD_TYPE_CALENDAR_PAGE, name);
}

static gint64
first_plan_id (DdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) plans = dd_store_list_plans (store, &error);
  g_autoptr(DdPlan) plan = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (plans), >, 0);
  plan = g_list_model_get_item (plans, 0);
  return dd_plan_get_id (plan);
}

/* Saves a new task of the first plan due "Trước" @due. */
static gint64
add_task (DdStore     *store,
          const char  *title,
          const GDate *due)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTask) task = dd_task_new (first_plan_id (store));
  g_autofree char *dmy = dd_date_to_dmy (due);
  g_autofree char *deadline = g_strdup_printf ("Trước %s", dmy);

  dd_task_set_title (task, title);
  dd_task_set_lead (task, "Phòng Hành chính - Quản trị");
  g_assert_true (dd_task_set_deadline_text (task, deadline, &error));
  g_assert_no_error (error);
  g_assert_true (dd_store_save_task (store, task, &error));
  g_assert_no_error (error);

  return dd_task_get_id (task);
}

static gint64
task_id_of_number (DdStore    *store,
                   const char *number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTaskList) list = NULL;
  DdTaskQuery query;

  dd_task_query_init (&query);
  list = dd_store_query_tasks (store, &query, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(DdTask) task = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (g_strcmp0 (dd_task_get_number (task), number) == 0)
        return dd_task_get_id (task);
    }

  g_assert_not_reached ();
  return 0;
}

/* The widgets under @widget (a day, a list) that stand for a deadline of
 * @task_id (0: of any task), popovers left out. */
static void
collect_deadlines (GtkWidget *widget,
                   gint64     task_id,
                   GPtrArray *out)
{
  const gint64 *id = g_object_get_data (G_OBJECT (widget), "dd-task-id");

  if (id != NULL && (task_id == 0 || *id == task_id))
    g_ptr_array_add (out, widget);

  /* Not those of a "+N" popover, which is not shown. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!GTK_IS_POPOVER (child))
      collect_deadlines (child, task_id, out);
}

static guint
count_deadlines (GtkWidget *widget,
                 gint64     task_id)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_deadlines (widget, task_id, found);
  return found->len;
}

static GtkWidget *
day_widget (Fixture *f,
            guint    day,
            guint    month,
            guint    year)
{
  GtkWidget *cell;
  GDate date;

  set_dmy (&date, day, month, year);
  cell = dd_calendar_page_get_day_widget (f->page, &date);
  g_assert_nonnull (cell);
  return cell;
}

static void
assert_selected (Fixture *f,
                 guint    day,
                 guint    month,
                 guint    year)
{
  GDate date;

  dd_calendar_page_get_date (f->page, &date);
  g_assert_cmpuint (g_date_get_day (&date), ==, day);
  g_assert_cmpuint (g_date_get_month (&date), ==, month);
  g_assert_cmpuint (g_date_get_year (&date), ==, year);
}

static gboolean
press_key (Fixture *f,
           guint    keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->page));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
          return handled;
        }
    }

  g_assert_not_reached ();
  return FALSE;
}

static void
test_calendar_navigate (Fixture       *f,
                        gconstpointer  data)
{
  GtkLabel *title = GTK_LABEL (page_child (f->page, "title_label"));
  GtkWidget *focus;
  GDate date, today;

  g_assert_cmpint (dd_calendar_page_get_view (f->page), ==, DD_CALENDAR_VIEW_MONTH);

  /* It opens on today. */
  g_date_clear (&today, 1);
  dd_date_set_today (&today);
  assert_selected (f, g_date_get_day (&today), g_date_get_month (&today), g_date_get_year (&today));
  g_assert_true (gtk_widget_has_css_class (dd_calendar_page_get_day_widget (f->page, &today), "today"));

  set_dmy (&date, 15, 5, 2026);
  dd_calendar_page_set_date (f->page, &date);
  wait_loaded (f);
  g_assert_cmpstr (gtk_label_get_text (title), ==, "May 2026");

  /* May 2026 begins on a Friday: the grid starts on Monday 27 April and
   * shows five weeks, to Sunday 31 May. */
  g_assert_nonnull (day_widget (f, 27, 4, 2026));
  g_assert_nonnull (day_widget (f, 31, 5, 2026));
  set_dmy (&date, 26, 4, 2026);
  g_assert_null (dd_calendar_page_get_day_widget (f->page, &date));
  set_dmy (&date, 1, 6, 2026);
  g_assert_null (dd_calendar_page_get_day_widget (f->page, &date));
  g_assert_true (gtk_widget_has_css_class (day_widget (f, 27, 4, 2026), "other-month"));
  g_assert_true (gtk_widget_has_css_class (day_widget (f, 15, 5, 2026), "selected"));

  /* The buttons. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "calendar.next", NULL);
  assert_selected (f, 15, 6, 2026);
  g_assert_cmpstr (gtk_label_get_text (title), ==, "June 2026");
  gtk_widget_activate_action (GTK_WIDGET (f->page), "calendar.previous", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "calendar.previous", NULL);
  assert_selected (f, 15, 4, 2026);
  g_assert_cmpstr (gtk_label_get_text (title), ==, "April 2026");
  wait_loaded (f);

  /* The keys: arrows between days, Page Up/Down between months. */
  g_assert_true (press_key (f, GDK_KEY_Right));
  assert_selected (f, 16, 4, 2026);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus == day_widget (f, 16, 4, 2026));
  g_assert_true (gtk_widget_has_css_class (focus, "selected"));
  g_assert_false (gtk_widget_has_css_class (day_widget (f, 15, 4, 2026), "selected"));

  g_assert_true (press_key (f, GDK_KEY_Down));
  assert_selected (f, 23, 4, 2026);
  g_assert_true (press_key (f, GDK_KEY_Left));
  assert_selected (f, 22, 4, 2026);
  g_assert_true (press_key (f, GDK_KEY_Up));
  assert_selected (f, 15, 4, 2026);
  g_assert_true (press_key (f, GDK_KEY_Page_Down));
  assert_selected (f, 15, 5, 2026);
  g_assert_cmpstr (gtk_label_get_text (title), ==, "May 2026");
  g_assert_true (press_key (f, GDK_KEY_Page_Up));
  g_assert_true (press_key (f, GDK_KEY_Page_Up));
  assert_selected (f, 15, 3, 2026);
  g_assert_cmpstr (gtk_label_get_text (title), ==, "March 2026");
  /* Across the end of a month and of a year. */
  set_dmy (&date, 31, 12, 2026);
  dd_calendar_page_set_date (f->page, &date);
  wait_loaded (f);
  g_assert_true (press_key (f, GDK_KEY_Right));
  assert_selected (f, 1, 1, 2027);
  g_assert_cmpstr (gtk_label_get_text (title), ==, "January 2027");
  g_assert_true (press_key (f, GDK_KEY_Home));
  assert_selected (f, g_date_get_day (&today), g_date_get_month (&today), g_date_get_year (&today));
  g_assert_false (press_key (f, GDK_KEY_a));

  /* The week view moves by weeks. */
  set_dmy (&date, 15, 6, 2026);
  dd_calendar_page_set_date (f->page, &date);
  dd_calendar_page_set_view (f->page, DD_CALENDAR_VIEW_WEEK);
  wait_loaded (f);
  g_assert_cmpint (dd_calendar_page_get_view (f->page), ==, DD_CALENDAR_VIEW_WEEK);
  g_assert_cmpstr (gtk_label_get_text (title), ==, "Week 25: 15/06/2026 – 21/06/2026");
  gtk_widget_activate_action (GTK_WIDGET (f->page), "calendar.next", NULL);
  assert_selected (f, 22, 6, 2026);
  wait_loaded (f);
  g_assert_nonnull (day_widget (f, 28, 6, 2026));
  set_dmy (&date, 21, 6, 2026);
  g_assert_null (dd_calendar_page_get_day_widget (f->page, &date));

  /* The agenda has no previous and next; its keys scroll it. */
  dd_calendar_page_set_view (f->page, DD_CALENDAR_VIEW_AGENDA);
  wait_loaded (f);
  g_assert_false (gtk_widget_get_sensitive (page_child (f->page, "next_button")));
  g_assert_false (press_key (f, GDK_KEY_Page_Down));
  g_assert_null (dd_calendar_page_get_day_widget (f->page, &date));
}

typedef struct
{
  guint day;
  guint month;
  DdHolidayKind kind;
} ExpectedDay;

static void
test_calendar_holidays (Fixture       *f,
                        gconstpointer  data)
{
  static const ExpectedDay expected[] = {
    { 1, 1, DD_HOLIDAY_KIND_HOLIDAY },
    { 16, 2, DD_HOLIDAY_KIND_HOLIDAY },
    { 17, 2, DD_HOLIDAY_KIND_HOLIDAY },
    { 18, 2, DD_HOLIDAY_KIND_HOLIDAY },
    { 19, 2, DD_HOLIDAY_KIND_HOLIDAY },
    { 20, 2, DD_HOLIDAY_KIND_HOLIDAY },
    { 26, 4, DD_HOLIDAY_KIND_HOLIDAY },
    { 27, 4, DD_HOLIDAY_KIND_COMPENSATORY },
    { 30, 4, DD_HOLIDAY_KIND_HOLIDAY },
    { 1, 5, DD_HOLIDAY_KIND_HOLIDAY },
    { 1, 9, DD_HOLIDAY_KIND_HOLIDAY },
    { 2, 9, DD_HOLIDAY_KIND_HOLIDAY },
  };
  g_autoptr(GPtrArray) defaults = dd_holidays_default_for_year (2026);
  GDate date;

  /* The page shows the Labor Code days of 2026 … */
  g_assert_cmpuint (defaults->len, ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const DdHoliday *holiday = g_ptr_array_index (defaults, i);
      GtkWidget *cell;

      g_assert_cmpuint (g_date_get_day (&holiday->date), ==, expected[i].day);
      g_assert_cmpuint (g_date_get_month (&holiday->date), ==, expected[i].month);
      g_assert_cmpint (holiday->kind, ==, expected[i].kind);

      /* … each on its day, shaded and named. */
      set_dmy (&date, expected[i].day, expected[i].month, 2026);
      dd_calendar_page_set_date (f->page, &date);
      wait_loaded (f);
      cell = day_widget (f, expected[i].day, expected[i].month, 2026);
      g_assert_true (gtk_widget_has_css_class (cell, "holiday"));
      g_assert_nonnull (dd_test_find_label (cell, holiday->name));
    }

  /* Tết: 17/2/2026 is the first day of the first lunar month. */
  set_dmy (&date, 1, 2, 2026);
  dd_calendar_page_set_date (f->page, &date);
  wait_loaded (f);
  g_assert_nonnull (dd_test_find_label (day_widget (f, 17, 2, 2026), "1/1"));
  g_assert_nonnull (dd_test_find_label (day_widget (f, 18, 2, 2026), "2"));
  g_assert_nonnull (dd_test_find_label (day_widget (f, 16, 2, 2026), "29"));

  /* Around them: a working Monday, a weekend not off. */
  g_assert_false (gtk_widget_has_css_class (day_widget (f, 23, 2, 2026), "holiday"));
  g_assert_false (gtk_widget_has_css_class (day_widget (f, 23, 2, 2026), "weekend"));
  g_assert_true (gtk_widget_has_css_class (day_widget (f, 21, 2, 2026), "weekend"));
  g_assert_false (gtk_widget_has_css_class (day_widget (f, 21, 2, 2026), "holiday"));

  /* 2027: Tết falls on 6/2/2027 (a Saturday): 5/2 to 9/2 off, and a
   * compensatory day after. */
  set_dmy (&date, 1, 2, 2027);
  dd_calendar_page_set_date (f->page, &date);
  wait_loaded (f);
  g_assert_nonnull (dd_test_find_label (day_widget (f, 6, 2, 2027), "1/1"));
  g_assert_true (gtk_widget_has_css_class (day_widget (f, 5, 2, 2027), "holiday"));
  g_assert_true (gtk_widget_has_css_class (day_widget (f, 9, 2, 2027), "holiday"));
}

static void
on_open_task_cb (DdCalendarPage *page,
                 gint64          task_id,
                 Fixture        *f)
{
  f->opened = task_id;
  f->n_opened++;
}

static void
test_calendar_periodic (Fixture       *f,
                        gconstpointer  data)
{
  /* Task 8: "báo cáo định kỳ hằng quý, 6 tháng, năm". Its 2026 reports
   * fall due at the ends of the periods of Nghị định 09/2019: Q2 and the
   * 6 months on 14/6 (a Sunday: Monday 15/6), Q3 on 14/9, Q4 and the year
   * on 14/12. */
  static const struct { guint day, month, n; } due[] = {
    { 15, 6, 2 }, { 14, 9, 1 }, { 14, 12, 2 },
  };
  gint64 task_8 = task_id_of_number (f->store, "8.");
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  guint total = 0;
  GDate date;

  dd_calendar_page_set_view (f->page, DD_CALENDAR_VIEW_WEEK);
  wait_loaded (f);
  for (guint i = 0; i < G_N_ELEMENTS (due); i++)
    {
      set_dmy (&date, due[i].day, due[i].month, 2026);
      dd_calendar_page_set_date (f->page, &date);
      wait_loaded (f);
      g_assert_cmpuint (count_deadlines (day_widget (f, due[i].day, due[i].month, 2026), task_8),
                        ==, due[i].n);
    }

  /* Nothing else of task 8 in 2026: week by week through the year. */
  set_dmy (&date, 1, 1, 2026);
  dd_calendar_page_set_date (f->page, &date);
  wait_loaded (f);
  while (TRUE)
    {
      GDate shown;

      total += count_deadlines (page_child (f->page, "week_grid"), task_8);
      gtk_widget_activate_action (GTK_WIDGET (f->page), "calendar.next", NULL);
      wait_loaded (f);
      dd_calendar_page_get_date (f->page, &shown);
      if (g_date_get_year (&shown) > 2026)
        break;
    }
  g_assert_cmpuint (total, ==, 5);

  /* In the month view, activating a deadline asks for its task. */
  dd_calendar_page_set_view (f->page, DD_CALENDAR_VIEW_MONTH);
  wait_loaded (f);
  set_dmy (&date, 14, 9, 2026);
  dd_calendar_page_set_date (f->page, &date);
  wait_loaded (f);
  collect_deadlines (day_widget (f, 14, 9, 2026), task_8, buttons);
  g_assert_cmpuint (buttons->len, ==, 1);
  g_assert_true (GTK_IS_BUTTON (g_ptr_array_index (buttons, 0)));

  g_signal_connect (f->page, "open-task", G_CALLBACK (on_open_task_cb), f);
  g_signal_emit_by_name (g_ptr_array_index (buttons, 0), "clicked");
  g_assert_cmpuint (f->n_opened, ==, 1);
  g_assert_cmpint (f->opened, ==, task_8);
}

static void
test_calendar_more (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *cell;
  GtkWidget *more = NULL;
  GDate date;

  /* Five deadlines on one day: two shown, "+3" for the rest (three
   * lines in all, so that six weeks fit at 1366 × 768). */
  set_dmy (&date, 9, 7, 2026);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *title = g_strdup_printf ("Nhiệm vụ thử số %u có tên rất dài để xem có bị tràn ô hay không", i);

      add_task (f->store, title, &date);
    }

  dd_calendar_page_set_date (f->page, &date);
  wait_loaded (f);
  cell = day_widget (f, 9, 7, 2026);
  g_assert_cmpuint (count_deadlines (cell, 0), ==, 2);

  for (GtkWidget *w = gtk_widget_get_first_child (gtk_widget_get_last_child (cell));
       w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_MENU_BUTTON (w))
      more = w;
  g_assert_nonnull (more);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (more)), ==, "+3 more");
  /* Its popover, made when opened, lists all five. */
  g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (more)));
  gtk_menu_button_popup (GTK_MENU_BUTTON (more));
  g_assert_nonnull (gtk_menu_button_get_popover (GTK_MENU_BUTTON (more)));
  g_assert_cmpuint (count_deadlines (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (more))), 0), ==, 5);
  dd_test_screenshot ("calendar-more-open");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (more));

  /* The week view shows them all. */
  dd_calendar_page_set_view (f->page, DD_CALENDAR_VIEW_WEEK);
  wait_loaded (f);
  g_assert_cmpuint (count_deadlines (day_widget (f, 9, 7, 2026), 0), ==, 5);
}

/* The agenda's list view makes widgets for the rows in view only: its
 * items are found through its model. */
static GListModel *
agenda_items (Fixture *f)
{
  return G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (page_child (f->page, "agenda_list"))));
}

/* The position of the first deadline of @task_id in the agenda, or -1;
 * @n_found: how many deadlines of @task_id it lists. */
static int
find_agenda_entry (Fixture *f,
                   gint64   task_id,
                   guint   *n_found)
{
  GListModel *items = agenda_items (f);
  int found = -1;

  *n_found = 0;
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(DdCalendarAgendaItem) item = g_list_model_get_item (items, i);
      const DdCalendarEntry *entry = dd_calendar_agenda_item_get_entry (item);

      if (entry != NULL && entry->task_id == task_id)
        {
          if (found < 0)
            found = (int) i;
          (*n_found)++;
        }
    }
  return found;
}

/* Scrolls the agenda to @position as its keys do, and lets it draw. */
static void
scroll_agenda_to (Fixture *f,
                  guint    position)
{
  GtkWidget *list = page_child (f->page, "agenda_list");

  gtk_widget_grab_focus (list);
  g_assert_true (gtk_widget_activate_action (list, "list.scroll-to-item", "u", position));
  dd_test_iterate (100);
}

/* The first widget of the agenda (depth first) with @css_class. */
static GtkWidget *
find_css_class (GtkWidget  *widget,
                const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_css_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_calendar_agenda (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(DdCalendarAgendaItem) first_item = NULL;
  GtkWidget *list = page_child (f->page, "agenda_list");
  GtkWidget *first_row;
  gint64 task_id;
  guint n_found;
  int position;
  GDate soon, today;

  /* A task due in three days. */
  g_date_clear (&today, 1);
  dd_date_set_today (&today);
  soon = today;
  g_date_add_days (&soon, 3);
  task_id = add_task (f->store, "Nhiệm vụ của chương trình nghị sự", &soon);

  dd_calendar_page_set_view (f->page, DD_CALENDAR_VIEW_AGENDA);
  wait_loaded (f);
  dd_test_iterate (100);
  collect_deadlines (list, 0, rows);
  g_assert_cmpuint (rows->len, >, 0);

  /* Overdue ones on top: the seed plan's task 1 was due on 30/4/2026, and
   * the ongoing tasks' forgotten months. */
  first_item = g_list_model_get_item (agenda_items (f), 0);
  g_assert_true (dd_calendar_agenda_item_is_heading (first_item));
  g_assert_cmpstr (dd_calendar_agenda_item_get_css_class (first_item), ==, "overdue");
  first_row = find_css_class (list, "agenda-heading");
  g_assert_nonnull (first_row);
  g_assert_true (gtk_widget_has_css_class (first_row, "overdue"));

  g_signal_connect (f->page, "open-task", G_CALLBACK (on_open_task_cb), f);
  /* A row is activated through the list view's row that holds it. */
  gtk_widget_activate (gtk_widget_get_parent (g_ptr_array_index (rows, 0)));
  g_assert_cmpuint (f->n_opened, ==, 1);
  g_assert_cmpint (f->opened, ==, *(gint64 *) g_object_get_data (g_ptr_array_index (rows, 0), "dd-task-id"));

  /* The new task once, in its day; its row shows its title once in view. */
  position = find_agenda_entry (f, task_id, &n_found);
  g_assert_cmpuint (n_found, ==, 1);
  g_assert_cmpint (position, >, 0);
  scroll_agenda_to (f, position);
  g_assert_cmpuint (count_deadlines (list, task_id), ==, 1);
  g_assert_nonnull (dd_test_find_label (list, "Nhiệm vụ của chương trình nghị sự"));
}

/* Many deadlines a day: the list view makes row widgets for those in view
 * only, and the first and last items are reached by scrolling. */
static GtkWidget *
find_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = GTK_IS_POPOVER (child) ? NULL : find_menu_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_calendar_agenda_many (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *list = page_child (f->page, "agenda_list");
  g_autoptr(DdCalendarAgendaItem) last = NULL;
  g_autoptr(DdCalendarAgendaItem) first = NULL;
  guint n_items, n_widgets = 0;
  g_autofree char *more_label = NULL;
  GtkWidget *cell, *more;
  guint n_day;
  GDate today;

  g_date_clear (&today, 1);
  dd_date_set_today (&today);
  for (guint d = 1; d <= 4; d++)
    for (guint i = 0; i < 160; i++)
      {
        g_autofree char *title = g_strdup_printf ("Việc %u của ngày %u", i + 1, d);
        GDate due = today;

        g_date_add_days (&due, d);
        add_task (f->store, title, &due);
      }

  dd_calendar_page_set_view (f->page, DD_CALENDAR_VIEW_AGENDA);
  wait_loaded (f);
  dd_test_iterate (100);
  n_items = g_list_model_get_n_items (agenda_items (f));
  g_assert_cmpuint (n_items, >=, 4 * 161);
  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n_widgets++;
  g_assert_cmpuint (n_widgets, >, 0);
  /* GTK 4.8's list view keeps about 200 rows however long the list
   * (6,000 items on a large file); not one per item. */
  g_assert_cmpuint (n_widgets * 2, <, n_items);

  /* The last item, then the first again. */
  last = g_list_model_get_item (agenda_items (f), n_items - 1);
  scroll_agenda_to (f, n_items - 1);
  g_assert_nonnull (dd_test_find_label (list, dd_calendar_agenda_item_get_text (last)));
  first = g_list_model_get_item (agenda_items (f), 0);
  scroll_agenda_to (f, 0);
  g_assert_nonnull (dd_test_find_label (list, dd_calendar_agenda_item_get_text (first)));
  g_assert_true (gtk_widget_has_css_class (find_css_class (list, "agenda-heading"),
                                           dd_calendar_agenda_item_get_css_class (first)));

  /* The week view shows the first of each day, the rest in "+N". */
  g_date_add_days (&today, 1);
  dd_calendar_page_set_date (f->page, &today);
  dd_calendar_page_set_view (f->page, DD_CALENDAR_VIEW_WEEK);
  wait_loaded (f);
  cell = dd_calendar_page_get_day_widget (f->page, &today);
  g_assert_nonnull (cell);
  g_assert_cmpuint (count_deadlines (cell, 0), ==, DD_CALENDAR_MAX_WEEK_ENTRIES);
  more = find_menu_button (cell);
  g_assert_nonnull (more);
  /* Its popover lists them all: the 160 due that day (and any other). */
  gtk_menu_button_popup (GTK_MENU_BUTTON (more));
  n_day = count_deadlines (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (more))), 0);
  g_assert_cmpuint (n_day, >=, 160);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (more));
  more_label = g_strdup_printf ("+%u more", n_day - DD_CALENDAR_MAX_WEEK_ENTRIES);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (more)), ==, more_label);
}

/* Two months on by Page Down without waiting: the title follows each key
 * at once, the days shown stay (never emptied) while the deadlines are
 * read, a spinner turns; then the last month asked for shows its own
 * deadlines, none of the month skipped, and its selected day takes the
 * focus. */
static void
test_calendar_quick_months (Fixture       *f,
                            gconstpointer  data)
{
  GtkLabel *title = GTK_LABEL (page_child (f->page, "title_label"));
  GtkWidget *spinner = page_child (f->page, "spinner");
  GtkWidget *grid = page_child (f->page, "month_grid");
  gint64 february, march, april;
  GDate date;

  set_dmy (&date, 10, 2, 2027);
  february = add_task (f->store, "Nhiệm vụ hạn tháng hai", &date);
  set_dmy (&date, 10, 3, 2027);
  march = add_task (f->store, "Nhiệm vụ hạn tháng ba", &date);
  set_dmy (&date, 12, 4, 2027);
  april = add_task (f->store, "Nhiệm vụ hạn tháng tư", &date);

  set_dmy (&date, 15, 2, 2027);
  dd_calendar_page_set_date (f->page, &date);
  wait_loaded (f);
  g_assert_false (gtk_widget_get_visible (spinner));
  g_assert_cmpuint (count_deadlines (day_widget (f, 10, 2, 2027), february), ==, 1);

  g_assert_true (press_key (f, GDK_KEY_Page_Down));
  g_assert_true (dd_calendar_page_is_loading (f->page));
  g_assert_cmpstr (gtk_label_get_text (title), ==, "March 2027");
  g_assert_true (press_key (f, GDK_KEY_Page_Down));
  g_assert_true (dd_calendar_page_is_loading (f->page));
  assert_selected (f, 15, 4, 2027);
  g_assert_cmpstr (gtk_label_get_text (title), ==, "April 2027");
  g_assert_true (gtk_widget_get_visible (spinner));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  /* February stays until April comes. */
  g_assert_cmpuint (count_deadlines (day_widget (f, 10, 2, 2027), february), ==, 1);

  wait_loaded (f);
  g_assert_false (gtk_widget_get_visible (spinner));
  g_assert_cmpstr (gtk_label_get_text (title), ==, "April 2027");
  g_assert_cmpuint (count_deadlines (day_widget (f, 12, 4, 2027), april), ==, 1);
  g_assert_cmpuint (count_deadlines (grid, march), ==, 0);
  g_assert_cmpuint (count_deadlines (grid, february), ==, 0);
  set_dmy (&date, 10, 3, 2027);
  g_assert_null (dd_calendar_page_get_day_widget (f->page, &date));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == day_widget (f, 15, 4, 2027));

  /* Nothing of March comes late: April stays. */
  dd_test_iterate (200);
  g_assert_false (dd_calendar_page_is_loading (f->page));
  g_assert_cmpuint (count_deadlines (day_widget (f, 12, 4, 2027), april), ==, 1);
  g_assert_cmpuint (count_deadlines (grid, march), ==, 0);

  /* Back a month and forth again before March is read: April's days,
   * kept, are shown again at once (the request for March dropped). */
  g_assert_true (press_key (f, GDK_KEY_Page_Up));
  g_assert_true (dd_calendar_page_is_loading (f->page));
  g_assert_true (press_key (f, GDK_KEY_Page_Down));
  g_assert_false (dd_calendar_page_is_loading (f->page));
  g_assert_false (gtk_widget_get_visible (spinner));
  g_assert_cmpuint (count_deadlines (day_widget (f, 12, 4, 2027), april), ==, 1);
  dd_test_iterate (200);
  g_assert_cmpuint (count_deadlines (day_widget (f, 12, 4, 2027), april), ==, 1);
  g_assert_cmpuint (count_deadlines (grid, march), ==, 0);
}

/* A task another desktop adds to the month shown appears once the window's
 * polling sees the change: the days are read again on the worker, those
 * shown staying meanwhile. */
static void
test_calendar_external_change (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) other = dd_test_open_other (f->path, NULL);
  gint64 task_id;
  GDate date;

  set_dmy (&date, 15, 5, 2027);
  dd_calendar_page_set_date (f->page, &date);
  wait_loaded (f);

  set_dmy (&date, 20, 5, 2027);
  task_id = add_task (other, "Nhiệm vụ do máy khác thêm", &date);
  g_assert_cmpuint (count_deadlines (day_widget (f, 20, 5, 2027), task_id), ==, 0);
  g_assert_true (dd_store_poll_external_changes (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (dd_calendar_page_is_loading (f->page));
  g_assert_nonnull (day_widget (f, 20, 5, 2027));
  wait_loaded (f);
  g_assert_cmpuint (count_deadlines (day_widget (f, 20, 5, 2027), task_id), ==, 1);
  g_assert_nonnull (dd_test_find_label (day_widget (f, 20, 5, 2027), "Nhiệm vụ do máy khác thêm"));
}

static gboolean
has_holiday_editor (gpointer data)
{
  return dd_test_find_toplevel (DD_TYPE_HOLIDAY_EDITOR) != NULL;
}

static GtkWidget *
editor_child (GtkWindow  *editor,
              const char *name)
{
  return dd_test_template_child (editor, DD_TYPE_HOLIDAY_EDITOR, name);
}

static void
test_calendar_holiday_editor (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) holidays = NULL;
  g_autoptr(DdCalendar) calendar = dd_calendar_new (f->store);
  GtkWindow *editor;
  GtkWidget *cell;
  GDate date;

  set_dmy (&date, 10, 6, 2026);
  dd_calendar_page_set_date (f->page, &date);
  wait_loaded (f);
  g_assert_false (gtk_widget_has_css_class (day_widget (f, 10, 6, 2026), "holiday"));
  g_assert_true (gtk_widget_get_sensitive (page_child (f->page, "holidays_button")));

  gtk_widget_activate_action (GTK_WIDGET (f->page), "calendar.holidays", NULL);
  dd_test_wait_for (has_holiday_editor, NULL);
  editor = dd_test_find_toplevel (DD_TYPE_HOLIDAY_EDITOR);
  g_assert_cmpint (dd_holiday_editor_get_year (DD_HOLIDAY_EDITOR (editor)), ==, 2026);
  g_assert_true (gtk_window_get_transient_for (editor) == f->window);
  /* The year's twelve days, one row each. */
  g_assert_nonnull (dd_test_find_label (editor_child (editor, "list_box"), "16/02/2026"));

  /* A day off … */
  gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, "date_entry")), "10/06/2026");
  gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, "name_entry")), "Ngày nghỉ thử nghiệm");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (editor_child (editor, "kind_dropdown")), DD_HOLIDAY_KIND_HOLIDAY);
  gtk_widget_activate_action (GTK_WIDGET (editor), "holidays.add", NULL);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (editor_child (editor, "error_revealer"))));
  g_assert_nonnull (dd_test_find_label (editor_child (editor, "list_box"), "Ngày nghỉ thử nghiệm"));

  /* … and a Saturday worked. */
  gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, "date_entry")), "13/06/2026");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (editor_child (editor, "kind_dropdown")),
                              DD_HOLIDAY_KIND_WORKING_SATURDAY);
  gtk_widget_activate_action (GTK_WIDGET (editor), "holidays.add", NULL);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (editor_child (editor, "error_revealer"))));

  /* A weekday cannot be a working Saturday: said, not written. */
  gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, "date_entry")), "11/06/2026");
  gtk_widget_activate_action (GTK_WIDGET (editor), "holidays.add", NULL);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (editor_child (editor, "error_revealer"))));
  gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, "date_entry")), "31/02/2026");
  gtk_widget_activate_action (GTK_WIDGET (editor), "holidays.add", NULL);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (editor_child (editor, "error_revealer"))));

  holidays = dd_calendar_list_holidays (calendar, 2026, &error);
  g_assert_no_error (error);
  /* The 16 days of the official 2026 table (9441/TB-BNV) and these two. */
  g_assert_cmpuint (holidays->len, ==, 18);

  /* The month shows both once read again. */
  wait_loaded (f);
  cell = day_widget (f, 10, 6, 2026);
  g_assert_true (gtk_widget_has_css_class (cell, "holiday"));
  g_assert_nonnull (dd_test_find_label (cell, "Ngày nghỉ thử nghiệm"));
  cell = day_widget (f, 13, 6, 2026);
  g_assert_false (gtk_widget_has_css_class (cell, "weekend"));
  g_assert_true (gtk_widget_has_css_class (cell, "working-day"));

  /* Removing a day (the first row's button: 1/1/2026). */
  {
    g_autoptr(GPtrArray) after = NULL;
    GtkWidget *list = editor_child (editor, "list_box");
    GtkWidget *row = gtk_widget_get_first_child (list);
    GtkWidget *button = gtk_widget_get_last_child (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)));

    g_assert_true (GTK_IS_BUTTON (button));
    g_signal_emit_by_name (button, "clicked");
    after = dd_calendar_list_holidays (calendar, 2026, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (after->len, ==, 17);
    /* The first left is Friday 2/1, the day off swapped for Saturday 10/1. */
    g_assert_cmpuint (g_date_get_month (&((DdHoliday *) g_ptr_array_index (after, 0))->date), ==, 1);
    g_assert_cmpuint (g_date_get_day (&((DdHoliday *) g_ptr_array_index (after, 0))->date), ==, 2);
  }

  gtk_window_destroy (editor);
  dd_test_iterate (20);
  g_assert_null (dd_test_find_toplevel (DD_TYPE_HOLIDAY_EDITOR));
}

static DdHolidaySource
year_source (DdStore *store,
             int      year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCalendar) calendar = dd_calendar_new (store);
  g_autoptr(DdHolidayYear) table = dd_calendar_read_holiday_year (calendar, year, &error);

  g_assert_no_error (error);
  return table->source;
}

/* The legend's "Day off". */
static GtkWidget *
legend_holiday (Fixture *f)
{
  for (GtkWidget *child = gtk_widget_get_first_child (page_child (f->page, "legend_box"));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_has_css_class (child, "legend-holiday"))
      return child;
  g_assert_not_reached ();
  return NULL;
}

/* 2027 has no notice yet: its days are "expected" in the calendar and the
 * editor. The notice is entered in one form, checked (a bad date refused,
 * nothing written), previewed with the due dates it moves (task 8's Q1/2027
 * report, 5 working days after 14/3, moves from 19/3 to 22/3 with 16/3
 * off), then applied: the year is official, with its number, and the
 * calendar shows the report on its new day. */
static void
test_calendar_holiday_notice (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 task_8 = task_id_of_number (f->store, "8.");
  DdTaskSchedule schedule;
  GtkWindow *editor;
  GtkWidget *source;
  GDate date;

  dd_task_schedule_init (&schedule);
  schedule.periods = DD_PERIOD_QUARTERLY | DD_PERIOD_HALF_YEAR | DD_PERIOD_YEARLY;
  schedule.due_rule = DD_DUE_RULE_WORKDAYS_AFTER;
  schedule.due_param = 5;
  g_assert_true (dd_store_set_task_schedule (f->store, task_8, &schedule, &error));
  g_assert_no_error (error);

  set_dmy (&date, 8, 2, 2027);
  dd_calendar_page_set_date (f->page, &date);
  wait_loaded (f);
  g_assert_true (gtk_widget_has_css_class (day_widget (f, 8, 2, 2027), "holiday"));
  g_assert_true (gtk_widget_has_css_class (day_widget (f, 8, 2, 2027), "expected"));
  g_assert_true (gtk_widget_has_css_class (legend_holiday (f), "legend-expected"));
  dd_test_iterate (200);
  dd_test_screenshot ("calendar-expected-2027");
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (day_widget (f, 8, 2, 2027)), "\n"));

  gtk_widget_activate_action (GTK_WIDGET (f->page), "calendar.holidays", NULL);
  dd_test_wait_for (has_holiday_editor, NULL);
  editor = dd_test_find_toplevel (DD_TYPE_HOLIDAY_EDITOR);
  g_assert_cmpint (dd_holiday_editor_get_year (DD_HOLIDAY_EDITOR (editor)), ==, 2027);
  source = editor_child (editor, "source_label");
  g_assert_true (gtk_widget_has_css_class (source, "expected"));

  /* The form: a bad date is said, nothing written. */
  gtk_stack_set_visible_child_name (GTK_STACK (editor_child (editor, "form_stack")), "notice");
  gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, "notice_number_entry")), "15/TB-TEST ngày 01/11/2026");
  gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, "notice_days_entry")), "01/01, 31/02");
  gtk_widget_activate_action (GTK_WIDGET (editor), "holidays.preview-notice", NULL);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (editor_child (editor, "error_revealer"))));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (editor_child (editor, "error_label"))), "31/02"));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (editor_child (editor, "confirm_revealer"))));
  g_assert_cmpint (year_source (f->store, 2027), ==, DD_HOLIDAY_SOURCE_DEFAULT);

  /* A working Saturday that is not a Saturday: refused too. */
  gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, "notice_days_entry")), "01/01");
  gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, "notice_saturdays_entry")), "11/01");
  gtk_widget_activate_action (GTK_WIDGET (editor), "holidays.preview-notice", NULL);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (editor_child (editor, "error_revealer"))));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (editor_child (editor, "confirm_revealer"))));

  /* The preview: what moves, nothing written yet. */
  gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, "notice_days_entry")),
                         "01/01, 04/02 – 10/02, 16/03, 16/04, 30/04, 03/05, 02/09 – 03/09");
  gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, "notice_saturdays_entry")), "13/03");
  gtk_widget_activate_action (GTK_WIDGET (editor), "holidays.preview-notice", NULL);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (editor_child (editor, "error_revealer"))));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (editor_child (editor, "confirm_revealer"))));
  {
    const char *text = gtk_label_get_text (GTK_LABEL (editor_child (editor, "confirm_label")));

    g_assert_nonnull (strstr (text, "15/TB-TEST"));
    g_assert_nonnull (strstr (text, "→ 22/03/2027"));
  }
  g_assert_cmpint (year_source (f->store, 2027), ==, DD_HOLIDAY_SOURCE_DEFAULT);
  dd_test_iterate (300);
  dd_test_screenshot ("holiday-notice-preview");

  /* Applied: one transaction, the year official with its number. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "holidays.apply-notice", NULL);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (editor_child (editor, "error_revealer"))));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (editor_child (editor, "confirm_revealer"))));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (editor_child (editor, "result_revealer"))));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (editor_child (editor, "result_label"))),
                            "19/03/2027 → 22/03/2027"));
  g_assert_true (gtk_widget_has_css_class (source, "official"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (source)), "15/TB-TEST ngày 01/11/2026"));
  g_assert_nonnull (dd_test_find_label (editor_child (editor, "list_box"), "16/03/2027"));
  g_assert_nonnull (dd_test_find_label (editor_child (editor, "list_box"), "13/03/2027"));
  {
    g_autoptr(DdCalendar) calendar = dd_calendar_new (f->store);
    g_autoptr(DdHolidayYear) year = dd_calendar_read_holiday_year (calendar, 2027, &error);

    g_assert_no_error (error);
    g_assert_cmpint (year->source, ==, DD_HOLIDAY_SOURCE_OFFICIAL);
    g_assert_cmpstr (year->document, ==, "15/TB-TEST ngày 01/11/2026");
    /* 4–10/2 (7), 1/1, 16/3, 16/4, 30/4, 3/5, 2–3/9 and Saturday 13/3. */
    g_assert_cmpuint (year->days->len, ==, 15);
  }
  dd_test_iterate (300);
  dd_test_screenshot ("holiday-notice-applied");

  /* The calendar follows: no longer expected, the report on its new day. */
  dd_test_iterate (50);
  wait_loaded (f);
  g_assert_false (gtk_widget_has_css_class (day_widget (f, 8, 2, 2027), "expected"));
  g_assert_false (gtk_widget_has_css_class (legend_holiday (f), "legend-expected"));
  set_dmy (&date, 22, 3, 2027);
  dd_calendar_page_set_date (f->page, &date);
  wait_loaded (f);
  g_assert_true (gtk_widget_has_css_class (day_widget (f, 16, 3, 2027), "holiday"));
  g_assert_true (gtk_widget_has_css_class (day_widget (f, 13, 3, 2027), "working-day"));
  g_assert_cmpuint (count_deadlines (day_widget (f, 22, 3, 2027), task_8), ==, 1);
  g_assert_cmpuint (count_deadlines (day_widget (f, 19, 3, 2027), task_8), ==, 0);
  dd_test_iterate (200);
  dd_test_screenshot ("calendar-official-2027");

  /* 2026 is official by the shipped schedule. */
  dd_holiday_editor_set_year (DD_HOLIDAY_EDITOR (editor), 2026);
  g_assert_true (gtk_widget_has_css_class (source, "official"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (source)), "9441/TB-BNV"));

  gtk_window_destroy (editor);
  dd_test_iterate (20);
}

static void
test_calendar_read_only (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) read_only = dd_store_open (f->path, DD_STORE_OPEN_READ_ONLY, &error);
  GtkWidget *page;
  GtkWidget *window;
  GtkWindow *editor;

  g_assert_no_error (error);
  g_assert_true (dd_store_is_read_only (read_only));

  page = g_object_ref_sink (dd_calendar_page_new (read_only));
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  dd_test_iterate (20);
  dd_test_wait_for (page_loaded, page);
  /* The days off can be seen, not changed: the editor opens read-only and
   * says why. */
  g_assert_true (gtk_widget_get_sensitive (page_child (DD_CALENDAR_PAGE (page), "holidays_button")));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (page_child (DD_CALENDAR_PAGE (page), "holidays_button")),
                            "See the days off"));
  gtk_widget_activate_action (page, "calendar.holidays", NULL);
  dd_test_iterate (20);
  editor = dd_test_find_toplevel (DD_TYPE_HOLIDAY_EDITOR);
  g_assert_nonnull (editor);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                                                      DD_TYPE_HOLIDAY_EDITOR,
                                                                                      "add_grid"))));
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                                                       DD_TYPE_HOLIDAY_EDITOR,
                                                                                       "access_bar"))));
  gtk_window_destroy (editor);
  dd_test_iterate (20);
  gtk_window_destroy (GTK_WINDOW (window));
  dd_test_iterate (20);

  dd_calendar_page_set_store (DD_CALENDAR_PAGE (page), NULL);
  g_assert_finalize_object (page);
  g_assert_finalize_object (g_steal_pointer (&read_only));
}

/* In the window */

static gboolean
has_task_editor (gpointer data)
{
  return dd_test_find_toplevel (DD_TYPE_TASK_EDITOR) != NULL;
}

static void
test_calendar_window (void)
{
  g_autofree char *path = NULL;
  DdStore *store = dd_test_create_store (&path);
  DdWindow *window = g_object_ref (dd_window_new (NULL, store));
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GtkStack *stack;
  GtkWidget *page;
  GtkWindow *editor;
  gint64 task_8 = task_id_of_number (store, "8.");
  GtkStackPage *stack_page;
  GDate date;

  gtk_window_present (GTK_WINDOW (window));
  stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), DD_TYPE_WINDOW, "stack"));
  /* The page is built when first shown, in its box of the stack. */
  stack_page = gtk_stack_get_page (stack, gtk_stack_get_child_by_name (stack, "calendar"));
  g_assert_cmpstr (gtk_stack_page_get_title (stack_page), ==, "Calendar");
  g_assert_cmpstr (gtk_stack_page_get_icon_name (stack_page), ==, "x-office-calendar-symbolic");
  g_assert_true (gtk_widget_get_prev_sibling (gtk_stack_page_get_child (stack_page))
                 == gtk_stack_get_child_by_name (stack, "dashboard"));
  g_assert_null (gtk_widget_get_first_child (gtk_stack_page_get_child (stack_page)));

  gtk_stack_set_visible_child_name (stack, "calendar");
  page = gtk_widget_get_first_child (gtk_stack_page_get_child (stack_page));
  g_assert_true (DD_IS_CALENDAR_PAGE (page));
  g_assert_true (dd_window_get_page (window, "calendar") == page);
  dd_test_wait_for (is_mapped, page);

  set_dmy (&date, 15, 6, 2026);
  dd_calendar_page_set_date (DD_CALENDAR_PAGE (page), &date);
  dd_test_wait_for (page_loaded, page);
  collect_deadlines (dd_calendar_page_get_day_widget (DD_CALENDAR_PAGE (page), &date), task_8, buttons);
  g_assert_cmpuint (buttons->len, ==, 2);

  /* Task 8's reports of Q2 and of the first 6 months, both due on Monday
   * 15/06 (the cut-off day 14/06 is a Sunday): each opens the editor on
   * the task's reports, at its own period. */
  for (guint i = 0; i < buttons->len; i++)
    {
      const DdCalendarEntry *entry = dd_calendar_day_get_attached_entry (g_ptr_array_index (buttons, i));
      GtkWidget *periods, *notebook;
      GtkListBox *list;
      GtkListBoxRow *row;

      g_assert_nonnull (entry);
      g_assert_nonnull (entry->occurrence);
      g_assert_true (entry->kind == DD_OCCURRENCE_QUARTER || entry->kind == DD_OCCURRENCE_HALF_YEAR);
      g_signal_emit_by_name (g_ptr_array_index (buttons, i), "clicked");
      dd_test_wait_for (has_task_editor, NULL);
      editor = dd_test_find_toplevel (DD_TYPE_TASK_EDITOR);
      g_assert_cmpint (dd_task_get_id (dd_task_editor_get_task (DD_TASK_EDITOR (editor))), ==, task_8);
      g_assert_true (gtk_window_get_transient_for (editor) == GTK_WINDOW (window));
      dd_test_iterate (50);

      periods = dd_test_find_descendant (GTK_WIDGET (editor), DD_TYPE_TASK_PERIODS);
      notebook = dd_test_template_child (editor, DD_TYPE_TASK_EDITOR, "notebook");
      g_assert_true (gtk_widget_is_ancestor (periods,
                                             gtk_notebook_get_nth_page (GTK_NOTEBOOK (notebook),
                                                                        gtk_notebook_get_current_page (GTK_NOTEBOOK (notebook)))));
      g_assert_true (gtk_widget_is_drawable (periods));
      list = GTK_LIST_BOX (dd_test_template_child (periods, DD_TYPE_TASK_PERIODS, "list"));
      row = dd_task_periods_find_row (DD_TASK_PERIODS (periods), entry->kind, 2026,
                                      entry->kind == DD_OCCURRENCE_QUARTER ? 2 : 1);
      g_assert_nonnull (row);
      g_assert_true (gtk_list_box_get_selected_row (list) == row);
      if (i == 0)
        dd_test_screenshot ("calendar-window-open-period");
      gtk_window_destroy (editor);
      dd_test_iterate (50);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  dd_test_iterate (50);
  g_assert_finalize_object (window);
  g_assert_finalize_object (store);
  dd_test_remove_store_file (path);
}

/* The reminder */

/* The reminder has its store and has counted it (on its worker). */
static gboolean
reminder_counted (gpointer data)
{
  return dd_reminder_get_store (DD_REMINDER (data)) != NULL && !dd_reminder_is_counting (DD_REMINDER (data));
}

static void
test_reminder_sample (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = dd_test_make_tmp_dir ("dondoc-ui-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "sample.sqlite", NULL);
  g_autofree char *text = NULL;
  g_autofree char *expected_text = NULL;
  DdStore *store;
  DdWindow *window;
  DdReminder *reminder;
  GtkWidget *button;
  GtkStack *stack;
  GtkWidget *tasks;
  GtkDropDown *status_dropdown;
  GtkColumnView *column_view;
  GListModel *model;
  guint counts[DD_N_STATUSES] = { 0, };
  DdTaskQuery query;
  GDate today;

  store = dd_store_open (path, DD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_date_clear (&today, 1);
  dd_date_set_today (&today);
  dd_store_load_sample (store, &today, &error);
  g_assert_no_error (error);

  dd_task_query_init (&query);
  query.due_soon_days = dd_store_get_due_soon_days (store, NULL);
  dd_store_count_by_status (store, &query, counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts[DD_STATUS_OVERDUE], >, 0);
  g_assert_cmpuint (counts[DD_STATUS_DUE_SOON], >, 0);

  window = g_object_ref (dd_window_new (NULL, store));
  gtk_window_present (GTK_WINDOW (window));
  reminder = DD_REMINDER (window->reminder);
  /* It counts once the window has drawn its first frame, on a worker. */
  dd_test_wait_for (reminder_counted, reminder);
  dd_test_iterate (50);

  g_assert_true (dd_reminder_get_store (reminder) == store);
  g_assert_true (dd_reminder_get_revealed (reminder));
  g_assert_cmpuint (dd_reminder_get_n_overdue (reminder), ==, counts[DD_STATUS_OVERDUE]);
  g_assert_cmpuint (dd_reminder_get_n_due_soon (reminder), ==, counts[DD_STATUS_DUE_SOON]);
  /* Under the title bar, above the pages. */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (reminder)));

  /* The tasks whose latest report was forgotten are counted in between. */
  g_assert_cmpuint (dd_reminder_get_n_forgotten (reminder), ==, counts[DD_STATUS_FORGOTTEN]);
  if (counts[DD_STATUS_FORGOTTEN] == 0)
    expected_text = g_strdup_printf ("%u tasks overdue, %u tasks due soon",
                                     counts[DD_STATUS_OVERDUE], counts[DD_STATUS_DUE_SOON]);
  else
    expected_text = g_strdup_printf (counts[DD_STATUS_FORGOTTEN] == 1
                                     ? "%u tasks overdue, %u task with a forgotten report, %u tasks due soon"
                                     : "%u tasks overdue, %u tasks with a forgotten report, %u tasks due soon",
                                     counts[DD_STATUS_OVERDUE], counts[DD_STATUS_FORGOTTEN],
                                     counts[DD_STATUS_DUE_SOON]);
  text = dd_reminder_dup_text (reminder);
  if (counts[DD_STATUS_OVERDUE] > 1 && counts[DD_STATUS_DUE_SOON] > 1)
    g_assert_cmpstr (text, ==, expected_text);
  g_assert_nonnull (dd_test_find_label (GTK_WIDGET (reminder), text));

  stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), DD_TYPE_WINDOW, "stack"));
  tasks = dd_window_get_page (window, "tasks");
  status_dropdown = GTK_DROP_DOWN (gtk_widget_get_template_child (tasks, DD_TYPE_TASKS_PAGE, "status_dropdown"));
  column_view = GTK_COLUMN_VIEW (gtk_widget_get_template_child (tasks, DD_TYPE_TASKS_PAGE, "column_view"));
  gtk_stack_set_visible_child_name (stack, "calendar");

  /* "Show overdue" opens the list of the overdue tasks. */
  button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (reminder), DD_TYPE_REMINDER, "overdue_button"));
  g_assert_true (gtk_widget_get_visible (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "tasks");
  g_assert_cmpuint (gtk_drop_down_get_selected (status_dropdown), ==, DD_STATUS_OVERDUE + 1);
  model = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (gtk_column_view_get_model (column_view)));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, counts[DD_STATUS_OVERDUE]);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DdTask) task = g_list_model_get_item (model, i);

      g_assert_cmpint (dd_task_get_status (task), ==, DD_STATUS_OVERDUE);
    }

  /* "Show due soon" the others. */
  button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (reminder), DD_TYPE_REMINDER, "due_soon_button"));
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (gtk_drop_down_get_selected (status_dropdown), ==, DD_STATUS_DUE_SOON + 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, counts[DD_STATUS_DUE_SOON]);

  /* Closed, it stays closed for this database. */
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (reminder), DD_TYPE_REMINDER, "info_bar"),
                         "response", GTK_RESPONSE_CLOSE);
  g_assert_false (dd_reminder_get_revealed (reminder));
  dd_reminder_update (reminder);
  g_assert_true (dd_reminder_is_counting (reminder));
  dd_test_wait_for (reminder_counted, reminder);
  g_assert_cmpuint (dd_reminder_get_n_overdue (reminder), ==, counts[DD_STATUS_OVERDUE]);
  g_assert_false (dd_reminder_get_revealed (reminder));

  gtk_window_destroy (GTK_WINDOW (window));
  dd_test_iterate (50);
  g_assert_finalize_object (window);
  g_assert_finalize_object (store);
  dd_test_remove_store_file (path);
}

static void
test_reminder_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);
  GtkWidget *reminder = g_object_ref_sink (dd_reminder_new ());

  g_assert_no_error (error);
  g_assert_false (dd_reminder_get_revealed (DD_REMINDER (reminder)));

  /* An empty database: nothing to say. */
  dd_reminder_set_store (DD_REMINDER (reminder), store);
  dd_test_wait_for (reminder_counted, reminder);
  g_assert_false (dd_reminder_get_revealed (DD_REMINDER (reminder)));
  g_assert_cmpuint (dd_reminder_get_n_overdue (DD_REMINDER (reminder)), ==, 0);

  dd_reminder_set_store (DD_REMINDER (reminder), NULL);
  g_assert_finalize_object (reminder);
  g_assert_finalize_object (g_steal_pointer (&store));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* The language of the environment, as the application takes it (the
   * tests run in English; the screenshots are taken in Vietnamese with
   * LANGUAGE=vi LC_ALL=vi_VN.UTF-8). */
  setlocale (LC_ALL, "");
  dd_test_init_i18n ();

  if (!dd_test_init_gtk ())
    return DD_TEST_EXIT_SKIP;

  dd_test_load_app_style ();

#define ADD(path, func) \
  g_test_add ("/ui/calendar/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("navigate", test_calendar_navigate);
  ADD ("holidays", test_calendar_holidays);
  ADD ("periodic", test_calendar_periodic);
  ADD ("more", test_calendar_more);
  ADD ("agenda", test_calendar_agenda);
  ADD ("agenda-many", test_calendar_agenda_many);
  ADD ("quick-months", test_calendar_quick_months);
  ADD ("external-change", test_calendar_external_change);
  ADD ("holiday-editor", test_calendar_holiday_editor);
  ADD ("holiday-notice", test_calendar_holiday_notice);
  ADD ("read-only", test_calendar_read_only);
  g_test_add_func ("/ui/calendar/window", test_calendar_window);
  g_test_add_func ("/ui/reminder/sample", test_reminder_sample);
  g_test_add_func ("/ui/reminder/nothing", test_reminder_nothing);

  return g_test_run ();
}
