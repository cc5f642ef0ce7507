/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-history-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-history-row.h"
#include "dd-history-window.h"
#include "dd-unit-search.h"

/*
 * DdHistoryWindow: the audit history, one row per changed field (when,
 * who, what, field, old → new), newest first. For one task (from the task
 * editor) it shows that task's whole history; for the whole file (the
 * administrator's "Change History…") it filters by person, unit and date
 * range. Either way it reads one page at a time through
 * dd_history_query_async(), which filters and pages in SQL on the core's
 * worker, so a log of millions of entries opens as fast as a small one
 * and the window draws meanwhile. Until a page comes the window shows the
 * one it had; a page asked for before (other filters) is dropped.
 */

#define DEFAULT_PAGE_SIZE 100

struct _DdHistoryWindow
{
  GtkWindow parent_instance;

  DdStore *store;
  gint64 task_id;
  guint page_size;
  GListStore *rows;           /* DdHistoryRow */
  DdHistory *history;         /* says the entries for people */
  GArray *page_starts;        /* gint64: before_id of each page up to this one */
  gint64 next_before_id;      /* 0 when this is the oldest page */
  GPtrArray *people;          /* DdHistoryPerson, parallel to person_dropdown after "Everyone" */
  GArray *unit_ids;           /* gint64, parallel to unit_dropdown after "All units" */
  guint updating;             /* the filters are being set by the window, not the user */
  GCancellable *page_cancellable; /* of the page asked for last */
  gboolean loading;           /* that page is still being read */
  GCancellable *cancellable;  /* of the filters' lists, cancelled with the window */
  guint filters_pending;      /* filter lists still being read */

  /* Template children */
  GtkWidget *filter_bar;
  GtkDropDown *person_dropdown;
  GtkDropDown *unit_dropdown;
  GtkEntry *from_entry;
  GtkEntry *to_entry;
  GtkWidget *clear_button;
  GtkColumnView *column_view;
  GtkLabel *status_label;
  GtkWidget *newer_button;
  GtkWidget *older_button;
};

G_DEFINE_FINAL_TYPE (DdHistoryWindow, dd_history_window, GTK_TYPE_WINDOW)

typedef const char *(*RowGetter) (DdHistoryRow *row);

/* Auxiliary methods */

/* Reads a date entry: FALSE when it holds something that is not a date
 * (marked as an error); @out is cleared when it is empty. */
static gboolean
read_date_entry (GtkEntry *entry,
                 GDate    *out)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  g_date_clear (out, 1);
  if (*text == '\0' || dd_date_parse_any (text, out))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      return TRUE;
    }
  gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  return FALSE;
}

static GDateTime *
local_midnight (const GDate *date,
                int          plus_days)
{
  g_autoptr(GDateTime) day = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                                    g_date_get_day (date), 0, 0, 0);

  return g_date_time_add_days (day, plus_days);
}

/* A read holds the window weakly: a window closed meanwhile is not kept
 * alive for it. */
static gpointer
weak_window_new (DdHistoryWindow *self)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  return ref;
}

static DdHistoryWindow *
weak_window_steal (gpointer data)
{
  GWeakRef *ref = data;
  DdHistoryWindow *self = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return self;
}

static void
show_read_error (DdHistoryWindow *self,
                 const GError    *error)
{
  g_autofree char *message = NULL;

  /* Translators: %s says why the history could not be read. */
  message = g_strdup_printf (_("The history could not be read: %s"), error->message);
  gtk_label_set_text (self->status_label, message);
  gtk_widget_set_sensitive (self->older_button, FALSE);
  g_list_store_remove_all (self->rows);
}

/* Shows the page of @entries (%NULL: @error says why it was not read). */
static void
show_page (DdHistoryWindow *self,
           GPtrArray       *entries,
           const GError    *error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *status = NULL;
  guint shown;
  guint n_rows;
  guint page;

  if (entries == NULL)
    {
      show_read_error (self, error);
      return;
    }

  shown = MIN (entries->len, self->page_size);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < shown; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GPtrArray) changes = dd_history_list_changes (self->history, g_ptr_array_index (entries, i),
                                                              &local_error);

      if (changes == NULL)
        {
          show_read_error (self, local_error);
          return;
        }
      for (guint j = 0; j < changes->len; j++)
        g_ptr_array_add (items, dd_history_row_new (g_ptr_array_index (changes, j)));
    }

  /* One change of the model, not one per row: the view relays out once. */
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       items->pdata, items->len);

  self->next_before_id = entries->len > self->page_size
                         ? ((DdAuditEntry *) g_ptr_array_index (entries, shown - 1))->id : 0;
  gtk_widget_set_sensitive (self->older_button, self->next_before_id > 0);
  gtk_widget_set_sensitive (self->newer_button, self->page_starts->len > 1);

  page = self->page_starts->len;
  n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  if (shown == 0)
    status = g_strdup (self->task_id > 0 ? _("No changes recorded for this task.")
                                         : _("No changes match these filters."));
  else
    /* Translators: the page of the history shown: "Page 2: 200 changes, newest first." */
    status = g_strdup_printf (ngettext ("Page %u: %u change, newest first.",
                                        "Page %u: %u changes, newest first.", n_rows),
                              page, n_rows);
  gtk_label_set_text (self->status_label, status);
}

static void
on_page_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DdHistoryWindow) self = weak_window_steal (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = dd_history_query_finish (DD_HISTORY (source), result, &error);

  /* Another page asked for since (other filters), or the window is gone:
   * not the one to show. */
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->page_cancellable);
  self->loading = FALSE;
  show_page (self, entries, error);
}

/* Asks for the page self->page_starts ends with, under the filters as
 * they are now; the page asked for before is dropped. */
static void
load_page (DdHistoryWindow *self)
{
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  DdHistoryQuery query;
  GDate from_date, to_date;
  guint selected;

  g_cancellable_cancel (self->page_cancellable);
  g_clear_object (&self->page_cancellable);
  self->loading = FALSE;

  dd_history_query_init (&query);
  query.task_id = self->task_id;

  if (self->task_id == 0)
    {
      gboolean from_ok = read_date_entry (self->from_entry, &from_date);
      gboolean to_ok = read_date_entry (self->to_entry, &to_date);

      if (!from_ok || !to_ok)
        {
          gtk_label_set_text (self->status_label, _("Write dates as dd/mm/yyyy."));
          return;
        }
      if (dd_date_is_set (&from_date))
        query.from = from = local_midnight (&from_date, 0);
      if (dd_date_is_set (&to_date))
        query.to = to = local_midnight (&to_date, 1);

      selected = gtk_drop_down_get_selected (self->person_dropdown);
      if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= self->people->len)
        query.user = ((DdHistoryPerson *) g_ptr_array_index (self->people, selected - 1))->account;
      selected = gtk_drop_down_get_selected (self->unit_dropdown);
      if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= self->unit_ids->len)
        query.unit_id = g_array_index (self->unit_ids, gint64, selected - 1);
    }

  query.before_id = g_array_index (self->page_starts, gint64, self->page_starts->len - 1);
  /* One more than a page tells whether there is an older one. */
  query.limit = self->page_size + 1;

  /* Until it comes, the page shown stays. */
  self->page_cancellable = g_cancellable_new ();
  self->loading = TRUE;
  dd_history_query_async (self->history, &query, self->page_cancellable, on_page_read_cb, weak_window_new (self));
}

static void
restart (DdHistoryWindow *self)
{
  gint64 first = 0;

  g_array_set_size (self->page_starts, 0);
  g_array_append_val (self->page_starts, first);
  load_page (self);
}

/* The people to filter by (%NULL: none could be read). */
static void
set_people (DdHistoryWindow *self,
            GPtrArray       *people)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, _("Everyone"));
  g_clear_pointer (&self->people, g_ptr_array_unref);
  self->people = people != NULL ? g_ptr_array_ref (people) : g_ptr_array_new ();
  for (guint i = 0; i < self->people->len; i++)
    {
      DdHistoryPerson *person = g_ptr_array_index (self->people, i);
      g_autofree char *text = NULL;

      if (person->display_name != NULL && *person->display_name != '\0')
        /* Translators: a person in the history filter: display name (account). */
        text = g_strdup_printf (_("%s (%s)"), person->display_name, person->account);
      else
        text = g_strdup (person->account);
      gtk_string_list_append (list, text);
    }

  self->updating++;
  gtk_drop_down_set_model (self->person_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->person_dropdown, 0);
  self->updating--;
}

/* The units to filter by (%NULL: none could be read). */
static void
set_units (DdHistoryWindow *self,
           GListModel      *units)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, _("All units"));
  g_array_set_size (self->unit_ids, 0);
  for (guint i = 0; units != NULL && i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);
      gint64 id = dd_unit_get_id (unit);

      if (dd_unit_get_is_group (unit))
        continue;
      gtk_string_list_append (list, dd_unit_get_name (unit));
      g_array_append_val (self->unit_ids, id);
    }

  self->updating++;
  gtk_drop_down_set_model (self->unit_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->unit_dropdown, 0);
  self->updating--;
}

static void
on_people_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DdHistoryWindow) self = weak_window_steal (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = dd_history_list_people_finish (DD_HISTORY (source), result, &error);

  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (people == NULL)
    g_debug ("No people to filter the history by: %s", error->message);
  set_people (self, people);
  self->filters_pending--;
}

static void
on_units_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(DdHistoryWindow) self = weak_window_steal (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) units = dd_history_list_units_finish (DD_HISTORY (source), result, &error);

  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (units == NULL)
    g_debug ("No units to filter the history by: %s", error->message);
  set_units (self, units);
  self->filters_pending--;
}

/* The people and units to filter by, read after the first page. */
static void
fill_filters (DdHistoryWindow *self)
{
  self->filters_pending = 2;
  dd_history_list_people_async (self->history, self->cancellable, on_people_read_cb, weak_window_new (self));
  dd_history_list_units_async (self->history, self->cancellable, on_units_read_cb, weak_window_new (self));
}

/* Callbacks */

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_list_item_set_child (item, label);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  RowGetter getter = user_data;
  DdHistoryRow *row = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), getter (row));
}

static void
on_filter_changed_cb (DdHistoryWindow *self)
{
  if (self->updating > 0 || self->store == NULL || self->task_id > 0)
    return;
  restart (self);
}

static void
on_clear_clicked_cb (DdHistoryWindow *self)
{
  self->updating++;
  gtk_drop_down_set_selected (self->person_dropdown, 0);
  gtk_drop_down_set_selected (self->unit_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), "");
  self->updating--;
  restart (self);
}

static void
on_older_clicked_cb (DdHistoryWindow *self)
{
  /* The older page is the one after the page shown: none while another
   * is being read. */
  if (self->next_before_id <= 0 || self->loading)
    return;
  g_array_append_val (self->page_starts, self->next_before_id);
  load_page (self);
}

static void
on_newer_clicked_cb (DdHistoryWindow *self)
{
  if (self->page_starts->len <= 1 || self->loading)
    return;
  g_array_set_size (self->page_starts, self->page_starts->len - 1);
  load_page (self);
}

/* GObject overrides */

static void
dd_history_window_dispose (GObject *object)
{
  DdHistoryWindow *self = DD_HISTORY_WINDOW (object);

  /* Reads still running are dropped when they end. */
  g_cancellable_cancel (self->page_cancellable);
  g_clear_object (&self->page_cancellable);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_HISTORY_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->rows);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (dd_history_window_parent_class)->dispose (object);
}

static void
dd_history_window_finalize (GObject *object)
{
  DdHistoryWindow *self = DD_HISTORY_WINDOW (object);

  g_array_unref (self->page_starts);
  g_array_unref (self->unit_ids);
  g_clear_pointer (&self->people, g_ptr_array_unref);

  G_OBJECT_CLASS (dd_history_window_parent_class)->finalize (object);
}

static void
dd_history_window_class_init (DdHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_history_window_dispose;
  object_class->finalize = dd_history_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DdHistoryWindow, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, DdHistoryWindow, person_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdHistoryWindow, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdHistoryWindow, from_entry);
  gtk_widget_class_bind_template_child (widget_class, DdHistoryWindow, to_entry);
  gtk_widget_class_bind_template_child (widget_class, DdHistoryWindow, clear_button);
  gtk_widget_class_bind_template_child (widget_class, DdHistoryWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, DdHistoryWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, DdHistoryWindow, newer_button);
  gtk_widget_class_bind_template_child (widget_class, DdHistoryWindow, older_button);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_older_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_newer_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
add_column (DdHistoryWindow *self,
            const char      *title,
            RowGetter        getter,
            int              width,
            gboolean         expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), getter);
  column = gtk_column_view_column_new (title, g_steal_pointer (&factory));
  gtk_column_view_column_set_fixed_width (column, width);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_append_column (self->column_view, column);
}

static void
dd_history_window_init (DdHistoryWindow *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  dd_unit_search_setup (self->person_dropdown);
  dd_unit_search_setup (self->unit_dropdown);

  self->page_size = DEFAULT_PAGE_SIZE;
  self->rows = g_list_store_new (DD_TYPE_HISTORY_ROW);
  self->page_starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->people = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
}

/* Public API */

DdHistoryWindow *
dd_history_window_new (GtkWindow *parent,
                       DdStore   *store,
                       gint64     task_id)
{
  DdHistoryWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DD_IS_STORE (store), NULL);

  self = g_object_new (DD_TYPE_HISTORY_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->history = dd_history_new (store);
  self->task_id = task_id;

  /* Translators: column titles of the change history. */
  add_column (self, C_("history", "When"), dd_history_row_get_when, 125, FALSE);
  add_column (self, C_("history", "Who"), dd_history_row_get_who, 150, FALSE);
  if (task_id == 0)
    add_column (self, C_("history", "What"), dd_history_row_get_subject, 150, FALSE);
  add_column (self, C_("history", "Field"), dd_history_row_get_field, 170, FALSE);
  add_column (self, C_("history", "Old value"), dd_history_row_get_old_value, 180, TRUE);
  add_column (self, C_("history", "New value"), dd_history_row_get_new_value, 180, TRUE);

  if (task_id > 0)
    {
      g_autoptr(DdTask) task = dd_store_get_task (store, task_id, NULL, NULL);
      g_autofree char *number = task != NULL ? dd_format_task_number (dd_task_get_number (task)) : NULL;
      g_autofree char *title = NULL;

      gtk_widget_set_visible (self->filter_bar, FALSE);
      /* Translators: the title of a task's history window; %s is its number ("3"). */
      title = g_strdup_printf (_("History of Task %s"), number != NULL ? number : "");
      gtk_window_set_title (GTK_WINDOW (self), title);
      gtk_window_set_modal (GTK_WINDOW (self), parent != NULL);
      gtk_window_set_default_size (GTK_WINDOW (self), 900, 520);
    }

  restart (self);
  if (task_id == 0)
    fill_filters (self);
  return self;
}

GListModel *
dd_history_window_get_rows (DdHistoryWindow *self)
{
  g_return_val_if_fail (DD_IS_HISTORY_WINDOW (self), NULL);

  return G_LIST_MODEL (self->rows);
}

/**
 * dd_history_window_is_loading:
 *
 * Returns: whether the page asked for last, or the people and units to
 *   filter by, are still being read (on the core's worker thread)
 */
gboolean
dd_history_window_is_loading (DdHistoryWindow *self)
{
  g_return_val_if_fail (DD_IS_HISTORY_WINDOW (self), FALSE);

  return self->loading || self->filters_pending > 0;
}

void
dd_history_window_set_page_size (DdHistoryWindow *self,
                                 guint            page_size)
{
  g_return_if_fail (DD_IS_HISTORY_WINDOW (self));
  g_return_if_fail (page_size > 0);

  self->page_size = page_size;
  restart (self);
}
