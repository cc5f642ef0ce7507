/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dd-column-sorter.h"
#include "dd-window.h"

G_BEGIN_DECLS

/* The window's state, shared by dd-window.c and dd-window-actions.c. */
struct _DdWindow
{
  GtkApplicationWindow parent_instance;

  /* Owned state */
  DdStore *store;
  DdTaskList *tasks;
  gboolean importing;
  guint poll_id;                  /* looks for other desktops' changes */             /* a file is being read in a worker thread */
  GtkSingleSelection *selection;
  GArray *unit_ids;               /* gint64, parallel to the unit dropdown */
  GArray *plan_ids;               /* gint64, parallel to the plan dropdown */
  GDate as_of;
  DdColumnSorterProbe probe;
  DdTaskSort sort;
  gboolean descending;
  guint updating_filters;
  gboolean filters_stale;         /* the filters' units and plans to read again */
  GtkNativeDialog *chooser;
  GPtrArray *pages;               /* the pages of the table in dd-window.c */
  GtkWidget *reminder;            /* DdReminder: overdue and due soon, on opening */
  guint deferred_id;              /* the work after the first frame */
  gboolean painted;               /* the first frame is drawn */
  gboolean check_started;         /* the store's damage check is running */
  GtkWidget *status_buttons[DD_N_STATUSES];
  GtkWidget *status_pills[DD_N_STATUSES];

  /* Template children */
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkInfoBar *read_only_bar;
  GtkLabel *read_only_label;
  GtkButton *restore_newest_button;
  GtkInfoBar *lock_bar;
  GtkLabel *lock_label;
  GtkButton *lock_button;
  GtkStack *stack;
  GtkSearchEntry *search_entry;
  GtkDropDown *unit_dropdown;
  GtkToggleButton *lead_only_button;
  GtkDropDown *status_dropdown;
  GtkToggleButton *six_clear_button;
  GtkDropDown *plan_dropdown;
  GtkMenuButton *as_of_button;
  GtkPopover *as_of_popover;
  GtkCalendar *as_of_calendar;
  GtkColumnView *column_view;
  GtkColumnViewColumn *plan_column;
  GtkColumnViewColumn *number_column;
  GtkColumnViewColumn *title_column;
  GtkColumnViewColumn *lead_column;
  GtkColumnViewColumn *coordinators_column;
  GtkColumnViewColumn *deadline_column;
  GtkColumnViewColumn *product_column;
  GtkColumnViewColumn *directing_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *progress_column;
  GtkColumnViewColumn *six_clear_column;
  GtkLabel *count_label;
  GtkBox *status_counts_box;
};

/* dd-window-actions.c */
void    _dd_window_class_actions_init (GtkWidgetClass *widget_class);
void    _dd_window_translate_help_overlay (DdWindow       *self);
void    _dd_window_actions_update     (DdWindow       *self);
/* Opens the task editor on a task (read anew from the store). */
void    _dd_window_edit_task          (DdWindow       *self,
                                       gint64          task_id);

/* Shows the lock warning and the damaged-file banner as the store says. */
void    _dd_window_update_banners     (DdWindow       *self);

/* dd-window.c */
DdTask *_dd_window_dup_selected_task  (DdWindow       *self);
void    _dd_window_reload             (DdWindow       *self,
                                       gint64          select_id);
void    _dd_window_reload_all         (DdWindow       *self);
/* Imports a plan's file: parsed in a thread, written in one transaction,
 * the outcome shown in a dialog. */
void    _dd_window_import_path        (DdWindow       *self,
                                       const char     *path);
gboolean _dd_window_print             (DdWindow       *self,
                                       const char     *export_filename,
                                       GError        **error);
void    _dd_window_show_error         (DdWindow       *self,
                                       const char     *primary,
                                       const GError   *error);
void    _dd_window_show_message       (GtkWindow      *parent,
                                       GtkMessageType  type,
                                       const char     *primary,
                                       const char     *secondary);

G_END_DECLS
