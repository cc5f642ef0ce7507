/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-unit-search"

#include "config.h"

#include <glib/gi18n.h>
#include <dondoc/dondoc.h>

#include "dd-unit-search.h"

/*
 * GtkDropDown (GTK 4.8) filters its popup with a GtkStringFilter that
 * matches the start of the text, case-folded but with its diacritics. We
 * keep that filter (the drop-down clears its search when a row is chosen,
 * so that positions match the model again) and change what it compares:
 * the expression gives each name folded for search, the filter matches a
 * substring, and whatever is typed is folded the same way before the filter
 * sees it. The names themselves are shown by our own factory, not through
 * the folded expression.
 */

static char *
fold_item (GObject  *item,
           gpointer  user_data)
{
  if (!GTK_IS_STRING_OBJECT (item))
    return g_strdup ("");
  return dd_text_fold_for_search (gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
}

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_label (GtkSignalListItemFactory *factory,
            GtkListItem              *item)
{
  GObject *object = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = GTK_IS_STRING_OBJECT (object)
                     ? gtk_string_object_get_string (GTK_STRING_OBJECT (object)) : "";

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, text);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The filter of the popup's list, or NULL. */
static GtkStringFilter *
get_filter (GtkDropDown *dropdown)
{
  GtkWidget *list = find_descendant (GTK_WIDGET (dropdown), GTK_TYPE_LIST_VIEW);
  GtkSelectionModel *selection = list != NULL ? gtk_list_view_get_model (GTK_LIST_VIEW (list)) : NULL;
  GListModel *model;
  GtkFilter *filter;

  if (!GTK_IS_SINGLE_SELECTION (selection))
    return NULL;
  model = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection));
  if (!GTK_IS_FILTER_LIST_MODEL (model))
    return NULL;
  filter = gtk_filter_list_model_get_filter (GTK_FILTER_LIST_MODEL (model));
  return GTK_IS_STRING_FILTER (filter) ? GTK_STRING_FILTER (filter) : NULL;
}

static void
on_search_notify_cb (GtkStringFilter *filter)
{
  const char *search = gtk_string_filter_get_search (filter);
  g_autofree char *folded = NULL;

  if (search == NULL || *search == '\0')
    return;
  folded = dd_text_fold_for_search (search);
  /* Setting the folded text notifies again, with nothing left to fold. */
  if (g_strcmp0 (folded, search) != 0)
    gtk_string_filter_set_search (filter, folded);
}

/* The drop-down makes a new filter with each model or expression. */
static void
adapt_filter (GtkDropDown *dropdown)
{
  GtkStringFilter *filter = get_filter (dropdown);

  if (filter == NULL || g_object_get_data (G_OBJECT (filter), "dd-unit-search") != NULL)
    return;
  g_object_set_data (G_OBJECT (filter), "dd-unit-search", GINT_TO_POINTER (1));
  gtk_string_filter_set_match_mode (filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (filter, TRUE);
  g_signal_connect (filter, "notify::search", G_CALLBACK (on_search_notify_cb), NULL);
}

void
dd_unit_search_setup (GtkDropDown *dropdown)
{
  g_autoptr(GtkExpression) expression = NULL;
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEditable *entry;

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label), NULL);
  gtk_drop_down_set_factory (dropdown, factory);
  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (fold_item), NULL, NULL);
  gtk_drop_down_set_expression (dropdown, expression);
  gtk_drop_down_set_enable_search (dropdown, TRUE);

  entry = dd_unit_search_get_entry (dropdown);
  if (entry != NULL)
    /* Translators: the placeholder of the search in a list of units or
     * people; the search ignores case and diacritics. */
    g_object_set (entry, "placeholder-text", _("Type part of a name…"), NULL);
  g_signal_connect (dropdown, "notify::model", G_CALLBACK (adapt_filter), NULL);
  g_signal_connect (dropdown, "notify::expression", G_CALLBACK (adapt_filter), NULL);
  adapt_filter (dropdown);
}

GtkEditable *
dd_unit_search_get_entry (GtkDropDown *dropdown)
{
  GtkWidget *entry = find_descendant (GTK_WIDGET (dropdown), GTK_TYPE_SEARCH_ENTRY);

  return entry != NULL ? GTK_EDITABLE (entry) : NULL;
}

guint
dd_unit_search_get_n_shown (GtkDropDown *dropdown)
{
  GtkWidget *list = find_descendant (GTK_WIDGET (dropdown), GTK_TYPE_LIST_VIEW);
  GtkSelectionModel *selection = list != NULL ? gtk_list_view_get_model (GTK_LIST_VIEW (list)) : NULL;

  return selection != NULL ? g_list_model_get_n_items (G_LIST_MODEL (selection)) : 0;
}
