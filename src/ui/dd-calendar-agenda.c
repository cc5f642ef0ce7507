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

/* An item of the agenda's list: a heading, a deadline, or the count of
 * those not listed. */
typedef enum
{
  ITEM_HEADING,
  ITEM_ENTRY,
  ITEM_MORE,
} ItemKind;

struct _DdCalendarAgendaItem
{
  GObject parent_instance;

  ItemKind kind;
  char *text;                 /* a heading's or the "… and 3 more" text */
  char *css_class;            /* a heading's: "overdue", "today", "empty" or NULL */
  const DdCalendarEntry *entry; /* a deadline's, in @owner */
  GPtrArray *owner;           /* the array that holds @entry, or NULL: @entry is a copy */
  gboolean show_date;         /* a deadline's: its date in front (overdue ones) */
};

G_DEFINE_FINAL_TYPE (DdCalendarAgendaItem, dd_calendar_agenda_item, G_TYPE_OBJECT)

static void
dd_calendar_agenda_item_finalize (GObject *object)
{
  DdCalendarAgendaItem *self = DD_CALENDAR_AGENDA_ITEM (object);

  g_free (self->text);
  g_free (self->css_class);
  if (self->owner != NULL)
    g_ptr_array_unref (self->owner);
  else if (self->entry != NULL)
    dd_calendar_entry_free ((DdCalendarEntry *) self->entry);

  G_OBJECT_CLASS (dd_calendar_agenda_item_parent_class)->finalize (object);
}

static void
dd_calendar_agenda_item_class_init (DdCalendarAgendaItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_calendar_agenda_item_finalize;
}

static void
dd_calendar_agenda_item_init (DdCalendarAgendaItem *self)
{
}

/* (transfer full) */
static DdCalendarAgendaItem *
new_heading_item (const char *text,
                  const char *css_class)
{
  DdCalendarAgendaItem *self = g_object_new (DD_TYPE_CALENDAR_AGENDA_ITEM, NULL);

  self->kind = ITEM_HEADING;
  self->text = g_strdup (text);
  self->css_class = g_strdup (css_class);
  return self;
}

/* @owner: the array that holds @entry, kept (no copy of thousands of
 * entries on the main thread), or %NULL. (transfer full) */
static DdCalendarAgendaItem *
new_entry_item (const DdCalendarEntry *entry,
                GPtrArray             *owner,
                gboolean               show_date)
{
  DdCalendarAgendaItem *self = g_object_new (DD_TYPE_CALENDAR_AGENDA_ITEM, NULL);

  self->kind = ITEM_ENTRY;
  if (owner != NULL)
    {
      self->owner = g_ptr_array_ref (owner);
      self->entry = entry;
    }
  else
    self->entry = dd_calendar_entry_copy (entry);
  self->show_date = show_date;
  return self;
}

/* "… and 3 more deadlines: see the task list". (transfer full) */
static DdCalendarAgendaItem *
new_more_item (guint n_more)
{
  DdCalendarAgendaItem *self = g_object_new (DD_TYPE_CALENDAR_AGENDA_ITEM, NULL);

  self->kind = ITEM_MORE;
  /* Translators: at the end of a long list of deadlines. */
  self->text = g_strdup_printf (ngettext ("… and %u more deadline: see the task list",
                                          "… and %u more deadlines: see the task list",
                                          n_more),
                                n_more);
  return self;
}

/**
 * dd_calendar_agenda_item_get_entry:
 *
 * Returns: (transfer none) (nullable): the deadline @self stands for, or
 * %NULL for a heading
 */
const DdCalendarEntry *
dd_calendar_agenda_item_get_entry (DdCalendarAgendaItem *self)
{
  g_return_val_if_fail (DD_IS_CALENDAR_AGENDA_ITEM (self), NULL);

  return self->entry;
}

/**
 * dd_calendar_agenda_item_is_heading:
 *
 * Returns: whether @self is a heading (of the overdue ones, of a day, or
 * the text of an empty agenda)
 */
gboolean
dd_calendar_agenda_item_is_heading (DdCalendarAgendaItem *self)
{
  g_return_val_if_fail (DD_IS_CALENDAR_AGENDA_ITEM (self), FALSE);

  return self->kind == ITEM_HEADING;
}

/**
 * dd_calendar_agenda_item_get_text:
 *
 * Returns: the text @self shows first: a heading's, or a deadline's title
 */
const char *
dd_calendar_agenda_item_get_text (DdCalendarAgendaItem *self)
{
  g_return_val_if_fail (DD_IS_CALENDAR_AGENDA_ITEM (self), NULL);

  return self->entry != NULL ? self->entry->title : self->text;
}

/**
 * dd_calendar_agenda_item_get_css_class:
 *
 * Returns: (nullable): a heading's own style class: "overdue", "today",
 * "empty", or %NULL
 */
const char *
dd_calendar_agenda_item_get_css_class (DdCalendarAgendaItem *self)
{
  g_return_val_if_fail (DD_IS_CALENDAR_AGENDA_ITEM (self), NULL);

  return self->css_class;
}

/* The row of the list view: one widget per row shown, bound in turn to
 * the items scrolled into view. Both shapes are built once; the item's
 * kind chooses which is visible. */

#define HEADING_KEY "dd-agenda-heading"
#define ENTRY_BOX_KEY "dd-agenda-entry-box"
#define DATE_KEY "dd-agenda-date"
#define TITLE_KEY "dd-agenda-title"
#define DETAIL_KEY "dd-agenda-detail"
#define PILL_KEY "dd-agenda-pill"

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  GtkWidget *root = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *heading = gtk_label_new (NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *date_label = gtk_label_new (NULL);
  GtkWidget *text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *detail_label = gtk_label_new (NULL);
  GtkWidget *pill = dd_status_pill_new ();

  gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_box_append (GTK_BOX (root), heading);

  gtk_widget_add_css_class (date_label, "numeric");
  gtk_widget_set_valign (date_label, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), date_label);

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_box_append (GTK_BOX (text_box), title);
  gtk_label_set_wrap (GTK_LABEL (detail_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (detail_label), 0.0);
  gtk_widget_add_css_class (detail_label, "dim-label");
  gtk_box_append (GTK_BOX (text_box), detail_label);
  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_box_append (GTK_BOX (box), text_box);

  gtk_widget_set_valign (pill, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), pill);
  gtk_box_append (GTK_BOX (root), box);

  g_object_set_data (G_OBJECT (root), HEADING_KEY, heading);
  g_object_set_data (G_OBJECT (root), ENTRY_BOX_KEY, box);
  g_object_set_data (G_OBJECT (root), DATE_KEY, date_label);
  g_object_set_data (G_OBJECT (root), TITLE_KEY, title);
  g_object_set_data (G_OBJECT (root), DETAIL_KEY, detail_label);
  g_object_set_data (G_OBJECT (root), PILL_KEY, pill);
  gtk_list_item_set_selectable (list_item, FALSE);
  gtk_list_item_set_child (list_item, root);
}

static void
bind_entry (GtkWidget             *root,
            const DdCalendarEntry *entry,
            gboolean               show_date)
{
  g_autofree char *tooltip = dd_calendar_deadline_dup_tooltip (entry);
  GtkWidget *date_label = g_object_get_data (G_OBJECT (root), DATE_KEY);
  GtkWidget *detail_label = g_object_get_data (G_OBJECT (root), DETAIL_KEY);
  GString *detail = g_string_new (NULL);

  gtk_widget_add_css_class (root, "agenda-row");
  gtk_widget_set_tooltip_text (root, tooltip);
  dd_calendar_deadline_set_task_id (G_OBJECT (root), entry->task_id);
  dd_calendar_day_attach_entry (G_OBJECT (root), entry);

  gtk_widget_set_visible (date_label, show_date);
  if (show_date)
    {
      g_autofree char *date = dd_format_date (&entry->date);

      gtk_label_set_text (GTK_LABEL (date_label), date);
    }
  gtk_label_set_text (g_object_get_data (G_OBJECT (root), TITLE_KEY), entry->title);

  if (entry->occurrence != NULL)
    g_string_append (detail, entry->occurrence);
  if (entry->lead != NULL)
    {
      if (detail->len > 0)
        g_string_append (detail, " · ");
      g_string_append (detail, entry->lead);
    }
  gtk_label_set_text (GTK_LABEL (detail_label), detail->str);
  gtk_widget_set_visible (detail_label, detail->len > 0);
  g_string_free (detail, TRUE);

  dd_status_pill_set_status (g_object_get_data (G_OBJECT (root), PILL_KEY), entry->status, NULL);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  DdCalendarAgendaItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *root = gtk_list_item_get_child (list_item);
  GtkWidget *heading = g_object_get_data (G_OBJECT (root), HEADING_KEY);
  gboolean is_entry = item->kind == ITEM_ENTRY;

  gtk_list_item_set_activatable (list_item, is_entry);
  gtk_widget_set_visible (heading, !is_entry);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (root), ENTRY_BOX_KEY), is_entry);
  if (is_entry)
    {
      bind_entry (root, item->entry, item->show_date);
      return;
    }

  gtk_label_set_text (GTK_LABEL (heading), item->text);
  if (item->kind == ITEM_MORE)
    gtk_widget_add_css_class (heading, "dim-label");
  else
    gtk_widget_add_css_class (root, "agenda-heading");
  if (item->css_class != NULL)
    gtk_widget_add_css_class (root, item->css_class);
}

/* What a row was bound to goes: its next item may be of another kind. */
static void
on_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *root = gtk_list_item_get_child (list_item);
  static const char * const classes[] = { "agenda-heading", "agenda-row", "overdue", "today", "empty" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (root, classes[i]);
  gtk_widget_remove_css_class (g_object_get_data (G_OBJECT (root), HEADING_KEY), "dim-label");
  gtk_widget_set_tooltip_text (root, NULL);
  g_object_set_data (G_OBJECT (root), "dd-task-id", NULL);
  g_object_set_data (G_OBJECT (root), "dd-calendar-entry", NULL);
}

/**
 * dd_calendar_agenda_new_factory:
 *
 * The rows of the agenda's list view, over the items of
 * dd_calendar_agenda_fill(): a heading, or a deadline with its title, its
 * period and lead unit, its status; the widget of a deadline carries its
 * task (dd_calendar_deadline_get_task_id()) and its entry
 * (dd_calendar_day_get_attached_entry()).
 *
 * Returns: (transfer full): a new factory
 */
GtkListItemFactory *
dd_calendar_agenda_new_factory (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), NULL);
  return factory;
}

/* What is overdue or forgotten, oldest first, on top. */
static void
fill_overdue (GPtrArray   *items,
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
  g_ptr_array_add (items, new_heading_item (heading, "overdue"));

  for (guint i = 0; i < entries->len && n_listed < DD_CALENDAR_MAX_LISTED; i++)
    {
      const DdCalendarEntry *entry = g_ptr_array_index (entries, i);

      if (is_overdue (entry, today))
        {
          g_ptr_array_add (items, new_entry_item (entry, entries, TRUE));
          n_listed++;
        }
    }
  if (n_listed < n_overdue)
    g_ptr_array_add (items, new_more_item (n_overdue - n_listed));
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

/* Filling the model step by step: each row the list view makes for a new
 * item in view costs (GTK 4.8 makes some 200 at once), so the items come
 * in growing steps from the main loop, each step short enough not to hold the
 * window; the first step shows the top of the agenda at once. */

#define FILL_KEY "dd-agenda-fill"
#define FIRST_STEP 40
#define STEP_BUDGET_US (20 * G_TIME_SPAN_MILLISECOND)

typedef struct
{
  GListStore *store;          /* (unowned): it owns this */
  GPtrArray *items;
  guint n_added;
  guint step;
  guint source_id;
  DdCalendarAgendaFilled filled;
  gpointer filled_data;
} Fill;

static void
fill_free (Fill *fill)
{
  g_clear_handle_id (&fill->source_id, g_source_remove);
  g_ptr_array_unref (fill->items);
  g_free (fill);
}

/* Appends the next step of items; a quick step doubles the next. */
static gboolean
fill_step_cb (gpointer data)
{
  Fill *fill = data;
  guint n = MIN (fill->step, fill->items->len - fill->n_added);
  gint64 start = g_get_monotonic_time ();

  g_list_store_splice (fill->store, fill->n_added, 0, fill->items->pdata + fill->n_added, n);
  fill->n_added += n;
  if (g_get_monotonic_time () - start < STEP_BUDGET_US / 2)
    fill->step *= 2;
  if (fill->n_added < fill->items->len)
    return G_SOURCE_CONTINUE;

  {
    DdCalendarAgendaFilled filled = fill->filled;
    gpointer filled_data = fill->filled_data;

    fill->source_id = 0;
    /* Frees @fill. */
    g_object_set_data (G_OBJECT (fill->store), FILL_KEY, NULL);
    if (filled != NULL)
      filled (filled_data);
  }
  return G_SOURCE_REMOVE;
}

/**
 * dd_calendar_agenda_stop_filling:
 *
 * Drops the items of the last dd_calendar_agenda_fill() on @store still to
 * come; its callback is not called.
 */
void
dd_calendar_agenda_stop_filling (GListStore *store)
{
  g_return_if_fail (G_IS_LIST_STORE (store));

  g_object_set_data (G_OBJECT (store), FILL_KEY, NULL);
}

/**
 * dd_calendar_agenda_is_filling:
 *
 * Returns: whether items of the last dd_calendar_agenda_fill() on @store
 * are still to come
 */
gboolean
dd_calendar_agenda_is_filling (GListStore *store)
{
  g_return_val_if_fail (G_IS_LIST_STORE (store), FALSE);

  return g_object_get_data (G_OBJECT (store), FILL_KEY) != NULL;
}

/**
 * dd_calendar_agenda_fill:
 *
 * See the header.
 */
void
dd_calendar_agenda_fill (GListStore  *store,
                         GPtrArray   *entries,
                         GHashTable  *by_day,
                         DdWorkdays  *workdays,
                         const GDate *today,
                         DdCalendarAgendaFilled filled,
                         gpointer     filled_data)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_upcoming = 0;

  g_return_if_fail (G_IS_LIST_STORE (store));
  g_return_if_fail (today != NULL && g_date_valid (today));

  fill_overdue (items, entries, today);

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
      g_ptr_array_add (items, new_heading_item (heading, d == 0 ? "today" : NULL));
      for (guint i = 0; i < MIN (day_entries->len, DD_CALENDAR_MAX_LISTED); i++)
        g_ptr_array_add (items, new_entry_item (g_ptr_array_index (day_entries, i), entries, FALSE));
      if (day_entries->len > DD_CALENDAR_MAX_LISTED)
        g_ptr_array_add (items, new_more_item (day_entries->len - DD_CALENDAR_MAX_LISTED));
      n_upcoming += day_entries->len;
    }

  if (n_upcoming == 0)
    g_ptr_array_add (items, new_heading_item (_("Nothing falls due in the next 30 days."), "empty"));

  /* The first items now, the rest step by step. */
  dd_calendar_agenda_stop_filling (store);
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, MIN (items->len, FIRST_STEP));
  if (items->len > FIRST_STEP)
    {
      Fill *fill = g_new0 (Fill, 1);

      fill->store = store;
      fill->items = g_steal_pointer (&items);
      fill->n_added = FIRST_STEP;
      fill->step = FIRST_STEP;
      fill->filled = filled;
      fill->filled_data = filled_data;
      /* After the window's layout and drawing (GDK_PRIORITY_REDRAW), so
       * that a frame comes between two steps, but before the default
       * idles, which a window that keeps drawing (a spinner turns) may
       * starve. */
      fill->source_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 30, fill_step_cb, fill, NULL);
      g_object_set_data_full (G_OBJECT (store), FILL_KEY, fill, (GDestroyNotify) fill_free);
    }
}
