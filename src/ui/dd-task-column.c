/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-task-column"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-status-pill.h"
#include "dd-task-column.h"

/*
 * The cells of the task list's columns (DdTasksPage), made and bound from
 * the row's DdTask alone: binding a row reads nothing from the store.
 */

/* Auxiliary methods */

/* Short names of the six checks for the badge: "thời gian, kết quả". */
static const char *
six_clear_short_label (DdSixClear flag)
{
  switch (flag)
    {
    case DD_SIX_CLEAR_PERSON:
      return C_("6 rõ", "who");
    case DD_SIX_CLEAR_WORK:
      return C_("6 rõ", "what");
    case DD_SIX_CLEAR_AUTHORITY:
      return C_("6 rõ", "authority");
    case DD_SIX_CLEAR_RESPONSIBILITY:
      return C_("6 rõ", "responsibility");
    case DD_SIX_CLEAR_TIME:
      return C_("6 rõ", "time");
    case DD_SIX_CLEAR_RESULT:
      return C_("6 rõ", "result");
    default:
      return "";
    }
}

/* The badge of a row: what is missing, and the six checks in its tooltip,
 * from the row's task alone (no query per row). */
static void
bind_six_clear (GtkWidget *child,
                DdTask    *task)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) tooltip = g_string_new (NULL);
  guint missing = dd_task_check_six_clear (task, messages);
  guint next_message = 0;

  /* Translators: the first line of the tooltip of the "6 rõ" column. */
  g_string_append (tooltip, _("The “6 rõ” rule: every task clear in six ways"));
  for (guint bit = 0; bit < DD_N_SIX_CLEAR; bit++)
    {
      DdSixClear flag = (DdSixClear) (1u << bit);

      g_string_append_c (tooltip, '\n');
      if ((missing & flag) != 0)
        {
          const char *why = next_message < messages->len ? g_ptr_array_index (messages, next_message++) : "";

          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append (names, six_clear_short_label (flag));
          /* Translators: a line of the "6 rõ" tooltip for a check that
           * fails: the check, then why ("✗ rõ thời gian: …"). */
          g_string_append_printf (tooltip, _("✗ %s: %s"), dd_six_clear_get_label (flag), why);
        }
      else
        /* Translators: a line of the "6 rõ" tooltip for a check that passes. */
        g_string_append_printf (tooltip, _("✓ %s"), dd_six_clear_get_label (flag));
    }

  if (missing != 0)
    {
      g_autofree char *text = NULL;

      /* Translators: the "6 rõ" badge of a task: what is missing
       * ("Thiếu: thời gian, kết quả"). */
      text = g_strdup_printf (_("Missing: %s"), names->str);
      gtk_label_set_text (GTK_LABEL (child), text);
      gtk_widget_remove_css_class (child, "six-clear-ok");
      gtk_widget_add_css_class (child, "six-clear-missing");
    }
  else
    {
      /* Translators: the "6 rõ" badge of a task that passes every check. */
      gtk_label_set_text (GTK_LABEL (child), C_("6 rõ badge", "Clear"));
      gtk_widget_remove_css_class (child, "six-clear-missing");
      gtk_widget_add_css_class (child, "six-clear-ok");
    }
  /* Set while the badge is hidden: on a shown widget GTK asks the display
   * where the pointer is (a round trip to the X server), once for each of
   * the 200 rows GTK 4.8 builds after every sort or search. */
  gtk_widget_set_visible (child, FALSE);
  gtk_widget_set_tooltip_text (child, tooltip->str);
  gtk_widget_set_visible (child, TRUE);
}

static char *
dup_column_text (DdTaskColumn  column,
                 DdTask       *task)
{
  switch (column)
    {
    case DD_TASK_COLUMN_PLAN:
      return g_strdup (dd_task_get_plan_number (task));
    case DD_TASK_COLUMN_NUMBER:
      return g_strdup (dd_task_get_number (task));
    case DD_TASK_COLUMN_TITLE:
      return g_strdup (dd_task_get_title (task));
    case DD_TASK_COLUMN_LEAD:
      return g_strdup (dd_task_get_lead (task));
    case DD_TASK_COLUMN_COORDINATORS:
      return dd_task_dup_coordinators_text (task);
    case DD_TASK_COLUMN_DEADLINE:
      return g_strdup (dd_task_get_deadline_text (task));
    case DD_TASK_COLUMN_PRODUCT:
      return g_strdup (dd_task_get_product (task));
    case DD_TASK_COLUMN_DIRECTING:
      return g_strdup (dd_task_get_directing (task));
    case DD_TASK_COLUMN_STATUS:
    case DD_TASK_COLUMN_PROGRESS:
    case DD_TASK_COLUMN_SIX_CLEAR:
    default:
      return NULL;
    }
}

/* Callbacks */

/* A cell's tooltip is kept as data and given when GTK asks for it:
 * gtk_widget_set_tooltip_text() at each bind asks the display where the
 * pointer is (a round trip to the X server per cell), which made the
 * first screenful of the list cost half a second. */
static gboolean
on_cell_query_tooltip_cb (GtkWidget  *widget,
                          int         x,
                          int         y,
                          gboolean    keyboard_mode,
                          GtkTooltip *tooltip,
                          gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), "dd-cell-tooltip");

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  DdTaskColumn column = GPOINTER_TO_INT (user_data);
  GtkWidget *child;

  switch (column)
    {
    case DD_TASK_COLUMN_STATUS:
      child = dd_status_pill_new ();
      break;

    case DD_TASK_COLUMN_PROGRESS:
      {
        GtkWidget *label = gtk_label_new (NULL);
        GtkWidget *bar = gtk_progress_bar_new ();

        /* The figure in words above a thin bar. */
        child = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
        gtk_widget_set_valign (child, GTK_ALIGN_CENTER);
        gtk_widget_add_css_class (child, "progress-cell");
        gtk_label_set_xalign (GTK_LABEL (label), 1.0);
        gtk_widget_add_css_class (label, "numeric");
        gtk_box_append (GTK_BOX (child), label);
        gtk_box_append (GTK_BOX (child), bar);
      }
      break;

    case DD_TASK_COLUMN_SIX_CLEAR:
      child = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (child), 0.0);
      gtk_label_set_wrap (GTK_LABEL (child), TRUE);
      /* By words: "Thiếu: thời gian" over "kết quả", never "Missi-ng". */
      gtk_label_set_wrap_mode (GTK_LABEL (child), PANGO_WRAP_WORD);
      gtk_label_set_lines (GTK_LABEL (child), 2);
      gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (child, "six-clear-badge");
      break;

    case DD_TASK_COLUMN_PLAN:
    case DD_TASK_COLUMN_NUMBER:
    case DD_TASK_COLUMN_TITLE:
    case DD_TASK_COLUMN_LEAD:
    case DD_TASK_COLUMN_COORDINATORS:
    case DD_TASK_COLUMN_DEADLINE:
    case DD_TASK_COLUMN_PRODUCT:
    case DD_TASK_COLUMN_DIRECTING:
    default:
      child = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (child), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
      if (column != DD_TASK_COLUMN_NUMBER && column != DD_TASK_COLUMN_PLAN)
        {
          /* Long cells wrap to a few lines, then end in "…"; the tooltip
           * has the whole text. */
          gtk_label_set_wrap (GTK_LABEL (child), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (child), PANGO_WRAP_WORD_CHAR);
          gtk_label_set_lines (GTK_LABEL (child), column == DD_TASK_COLUMN_TITLE ? 3 : 2);
          gtk_label_set_width_chars (GTK_LABEL (child), 6);
          gtk_label_set_max_width_chars (GTK_LABEL (child), column == DD_TASK_COLUMN_TITLE ? 40 : 20);
        }
      gtk_widget_set_has_tooltip (child, TRUE);
      g_signal_connect (child, "query-tooltip", G_CALLBACK (on_cell_query_tooltip_cb), NULL);
      break;
    }

  gtk_list_item_set_child (list_item, child);
}

/* Shows @list_item's task in its cell of @column. */
static void
bind_cell (GtkListItem  *list_item,
           DdTaskColumn  column)
{
  GtkWidget *child = gtk_list_item_get_child (list_item);
  DdTask *task = gtk_list_item_get_item (list_item);

  if (task == NULL)
    return;

  if (column == DD_TASK_COLUMN_STATUS)
    {
      dd_status_pill_set_status (child, dd_task_get_status (task), NULL);
    }
  else if (column == DD_TASK_COLUMN_SIX_CLEAR)
    {
      bind_six_clear (child, task);
    }
  else if (column == DD_TASK_COLUMN_PROGRESS)
    {
      guint progress = dd_task_get_progress (task);
      g_autofree char *text = NULL;

      text = dd_format_percent (progress, 0);
      gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (child)), text);
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (gtk_widget_get_last_child (child)),
                                     MIN (progress, 100) / 100.0);
    }
  else
    {
      g_autofree char *text = dup_column_text (column, task);
      g_autofree char *tooltip = NULL;

      gtk_label_set_text (GTK_LABEL (child), text != NULL ? text : "");

      if (column == DD_TASK_COLUMN_DEADLINE)
        {
          const GDate *due = dd_task_get_due (task);

          if (!dd_task_get_deadline_understood (task))
            tooltip = g_strdup_printf (_("%s\nThis time frame could not be read."),
                                       text != NULL ? text : "");
          else if (dd_date_is_set (due))
            {
              g_autofree char *date = dd_format_date (due);

              /* Translators: tooltip of the time frame: the text, then the due date. */
              tooltip = g_strdup_printf (_("%s\nDue: %s"), text != NULL ? text : "", date);
            }
          else
            tooltip = g_strdup_printf ("%s\n%s", text != NULL ? text : "",
                                       dd_deadline_kind_get_label (dd_task_get_deadline_kind (task)));
        }

      g_object_set_data_full (G_OBJECT (child), "dd-cell-tooltip",
                              tooltip != NULL ? g_steal_pointer (&tooltip) : g_strdup (text),
                              g_free);
    }
}

/* The task list refilled the row's task in place with another task
 * (dd_task_list_set_refill_items()): it notifies all its properties, of
 * which "id" stands for all. */
static void
on_task_notify_cb (DdTask      *task,
                   GParamSpec  *pspec,
                   GtkListItem *list_item)
{
  bind_cell (list_item, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (list_item), "dd-task-column")));
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  DdTask *task = gtk_list_item_get_item (list_item);

  if (task == NULL)
    return;
  g_object_set_data (G_OBJECT (list_item), "dd-task-column", user_data);
  bind_cell (list_item, GPOINTER_TO_INT (user_data));
  g_signal_connect_object (task, "notify::id", G_CALLBACK (on_task_notify_cb), list_item, 0);
}

static void
on_cell_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  DdTask *task = gtk_list_item_get_item (list_item);

  if (task != NULL)
    g_signal_handlers_disconnect_by_func (task, on_task_notify_cb, list_item);
}

/* Public API */

/**
 * dd_task_column_new_factory:
 * @column: the column
 *
 * Returns: (transfer full): the factory of the cells of @column
 */
GtkListItemFactory *
dd_task_column_new_factory (DdTaskColumn column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "unbind", G_CALLBACK (on_cell_unbind_cb), GINT_TO_POINTER (column));
  return factory;
}
