/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_ADMIN_LIST_WINDOW (dd_admin_list_window_get_type ())
G_DECLARE_DERIVABLE_TYPE (DdAdminListWindow, dd_admin_list_window, DD, ADMIN_LIST_WINDOW, GtkWindow)

/**
 * DdAdminListWindowClass:
 * @load: reads the items from the store and appends a row for each with
 *   dd_admin_list_window_append_row(), in order; returns how many, or -1
 *   when they could not be read (said with
 *   dd_admin_list_window_show_error())
 * @update: shows what may be done now (the hint, the actions); called
 *   after each reading and, by default, when the selection changes
 * @row_selected: the row of the item @index was selected (-1: none);
 *   by default calls @update
 * @row_activated: optional: the row of the item @index was activated
 * @store_changed: optional: the store said "changed"; by default the list
 *   is read again; %NULL leaves the list as it is
 *
 * The class of the administrators' list windows (the recycle bin, users
 * and roles, the backups): a modal window of the store's items as rows of
 * cells under a row of column titles, a hint above and an error line.
 */
struct _DdAdminListWindowClass
{
  GtkWindowClass parent_class;

  int  (*load)          (DdAdminListWindow *self);
  void (*update)        (DdAdminListWindow *self);
  void (*row_selected)  (DdAdminListWindow *self,
                         int                index);
  void (*row_activated) (DdAdminListWindow *self,
                         int                index);
  void (*store_changed) (DdAdminListWindow *self);
};

/**
 * DdAdminColumn:
 * @title: the column's title, translated
 * @width_chars: the width of its cells, in characters
 * @expand_to_chars: when > 0, the column takes the spare width, up to
 *   that many characters (see dd_table_cell_new())
 */
typedef struct
{
  const char *title;
  int width_chars;
  int expand_to_chars;
} DdAdminColumn;

DdStore   *dd_admin_list_window_get_store    (DdAdminListWindow   *self);
/* The columns, once, in the subclass's init. */
void       dd_admin_list_window_set_columns  (DdAdminListWindow   *self,
                                              const DdAdminColumn *columns,
                                              guint                n_columns);
/* Reads the list again (the subclass's load()). */
void       dd_admin_list_window_reload       (DdAdminListWindow   *self);
/* For load(): a row of one cell per column. (transfer none) */
GtkWidget *dd_admin_list_window_append_row   (DdAdminListWindow   *self,
                                              const char * const  *cells);
/* The number of items listed. */
guint      dd_admin_list_window_get_n_items  (DdAdminListWindow   *self);
/* The index of the item selected, or -1. */
int        dd_admin_list_window_get_selected (DdAdminListWindow   *self);
/* Selects the @index-th item listed (tests and keyboard users). */
void       dd_admin_list_window_select       (DdAdminListWindow   *self,
                                              guint                index);
void       dd_admin_list_window_set_hint     (DdAdminListWindow   *self,
                                              const char          *text);
/* Shows @message above the list, or hides the error with %NULL. */
void       dd_admin_list_window_show_error   (DdAdminListWindow   *self,
                                              const char          *message);

G_END_DECLS
