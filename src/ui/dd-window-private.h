/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dd-page.h"
#include "dd-task-editor.h"
#include "dd-tasks-page.h"
#include "dd-window.h"

G_BEGIN_DECLS

/* The window's state, shared by dd-window.c and dd-window-actions.c. */
struct _DdWindow
{
  GtkApplicationWindow parent_instance;

  /* Owned state */
  DdStore *store;
  gboolean importing;             /* a file is being read in a worker thread */
  guint poll_id;                  /* looks for other desktops' changes */
  GtkNativeDialog *chooser;
  GPtrArray *pages;               /* the pages built, of the table in dd-window.c */
  GtkWidget *reminder;            /* DdReminder: overdue and due soon, on opening */
  guint deferred_id;              /* the work after the first frame */
  gboolean painted;               /* the first frame is drawn */
  gboolean page_read;             /* the page shown first has read its figures */
  GtkWidget *page_waited;         /* that page, while the work waits for it */
  gulong page_wait_handler;       /* its notify::loading */
  guint page_wait_id;             /* the longest the work waits */
  guint focus_page_id;            /* the focus into the page shown */
  gboolean check_started;         /* the store's damage check is running */
  gboolean backup_dismissed;      /* the user closed the failed-backup bar */
  gboolean backup_age_read;       /* last_good_backup was looked for (after the first frame) */
  GDateTime *last_good_backup;    /* the newest readable backup of the file, or NULL */
  gboolean close_confirmed;       /* closing without the typed figures was chosen */
  GCancellable *letters_cancellable; /* the urging letters being written, or NULL */
  DdPgListener *listener;         /* a server's store follows it (dd-window-server.c) */
  GtkWidget *server_bar;          /* the server is away: reconnecting */
  GtkWidget *server_label;

  /* Template children */
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkInfoBar *read_only_bar;
  GtkLabel *read_only_label;
  GtkButton *restore_newest_button;
  GtkInfoBar *lock_bar;
  GtkLabel *lock_label;
  GtkButton *lock_button;
  GtkInfoBar *backup_bar;
  GtkLabel *backup_label;
  GtkStack *stack;
  DdTasksPage *tasks_page;
  GtkSpinner *busy_spinner;       /* turns while the urging letters are written */
  GtkWidget *toast;               /* DdToast over the pages (dd-window-shell.c) */
};

/* dd-window-actions.c */
void    _dd_window_class_actions_init (GtkWidgetClass *widget_class);
void    _dd_window_translate_help_overlay (DdWindow       *self);
void    _dd_window_actions_update     (DdWindow       *self);
/* Opens the task editor on a task (read anew from the store); the editor,
 * or NULL when the task could not be read (the error is shown). */
DdTaskEditor *_dd_window_edit_task    (DdWindow       *self,
                                       gint64          task_id);
/* The same, shown to read first ("View Task"): from the calendar. */
DdTaskEditor *_dd_window_view_task    (DdWindow       *self,
                                       gint64          task_id);

/* Shows @chooser, modal, as the window's one file chooser (closing the
 * one shown before), with @callback on its "response". */
void    _dd_window_show_chooser       (DdWindow             *self,
                                       GtkFileChooserNative *chooser,
                                       GCallback             callback);
/* In a chooser's "response": the path chosen, or NULL when none was
 * (transfer full); the chooser is closed and dropped. */
char   *_dd_window_take_chosen_path   (DdWindow        *self,
                                       GtkNativeDialog *dialog,
                                       int              response);
/* Shows the lock warning and the damaged-file banner as the store says. */
void    _dd_window_update_banners     (DdWindow       *self);
/* dd-window-shell.c: a toast over the pages. */
void    _dd_window_show_toast         (DdWindow       *self,
                                       const char     *text);
/* dd-window-title.c: the title names the office and the plan. */
void    _dd_window_update_title       (DdWindow       *self);

/* dd-window-server.c: a server's store follows it; the bar of a lost
 * connection. */
void     _dd_window_server_set_store  (DdWindow       *self);
gboolean _dd_window_server_is_live    (DdWindow       *self);
void     _dd_window_server_dispose    (DdWindow       *self);

/* dd-window-shell.c */
void    _dd_window_class_shell_init   (GtkWidgetClass *widget_class);
void    _dd_window_shell_init         (DdWindow       *self);

/* dd-window.c */
DdTask *_dd_window_dup_selected_task  (DdWindow       *self);
/* The page the window shows. */
DdPage *_dd_window_get_visible_page   (DdWindow       *self);
void    _dd_window_reload_all         (DdWindow       *self);
/* Imports a plan's file: parsed in a thread, written in one transaction,
 * the outcome shown in a dialog. */
void    _dd_window_import_path        (DdWindow       *self,
                                       const char     *path);
/* dd-window-forms.c: the units' progress forms, written into @dir, or
 * one read from @path, shown and recorded when the user says so. */
void    _dd_window_class_forms_init   (GtkWidgetClass *widget_class);
void    _dd_window_export_forms_to    (DdWindow       *self,
                                       const char     *dir);
void    _dd_window_import_form_path   (DdWindow       *self,
                                       const char     *path);
/* The same for several forms (NULL-terminated), shown and recorded
 * together; one refused refuses them all. */
void    _dd_window_import_form_paths  (DdWindow           *self,
                                       const char * const *paths);
/* The urging letters of every unit with late tasks, into @dir. */
void    _dd_window_write_letters_to   (DdWindow       *self,
                                       const char     *dir);
gboolean _dd_window_print             (DdWindow       *self,
                                       const char     *export_filename,
                                       gboolean        use_filter,
                                       GError        **error);
void    _dd_window_show_error         (DdWindow       *self,
                                       const char     *primary,
                                       const GError   *error);
void    _dd_window_show_message       (GtkWindow      *parent,
                                       GtkMessageType  type,
                                       const char     *primary,
                                       const char     *secondary);

G_END_DECLS
