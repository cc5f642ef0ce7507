/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the GUI tests share: the display, the main loop, finding widgets,
 * screenshots. Only the ui suite links it. */
#pragma once

#include <gtk/gtk.h>

#include "dd-test-core.h"

G_BEGIN_DECLS

/* What a test program returns when it cannot run (meson: SKIP). */
#define DD_TEST_EXIT_SKIP 77

typedef gboolean (*DdTestCondition) (gpointer data);

/* gtk_init_check(), saying so when there is no display (the caller then
 * returns DD_TEST_EXIT_SKIP). */
gboolean   dd_test_init_gtk             (void);
/* Loads the application's style sheet for the display, as DdApplication
 * does, so that widgets are measured and drawn as a user sees them. */
void       dd_test_load_app_style       (void);
/* Gives @window a default size of @width × @height (the office laptop's
 * 1366 × 768 in most tests), presents it and lets it draw for @settle_ms. */
void       dd_test_present_window       (GtkWindow       *window,
                                         int              width,
                                         int              height,
                                         guint            settle_ms);
/* Iterates the main loop until @condition holds (fails the test after 10 s). */
void       dd_test_wait_for             (DdTestCondition  condition,
                                         gpointer         data);
/* A DdTestCondition: whether the pointer at @data is NULL (a weak pointer
 * to a window that should go). */
gboolean   dd_test_pointer_cleared      (gpointer         data);
/* Iterates the main loop for @ms milliseconds. */
void       dd_test_iterate              (guint            ms);
/* The same one event at a time: a spinning spinner always has a frame
 * pending, and dd_test_iterate() would not come back until it stops. */
void       dd_test_run_for              (guint            ms);
/* With DD_TEST_PAUSE_MS set, iterates the main loop that long (for a
 * person to look at the screen or take a screenshot). */
void       dd_test_maybe_pause          (void);
/* The template child @name of @widget, an instance of @type; fails the
 * test when there is none. (transfer none) */
gpointer   dd_test_template_child       (gpointer         widget,
                                         GType            type,
                                         const char      *name);
/* A descendant label of @widget that shows @text, or NULL. */
GtkWidget *dd_test_find_label           (GtkWidget       *widget,
                                         const char      *text);
/* The first of @widget and its descendants (depth first) that is a @type,
 * or NULL. */
GtkWidget *dd_test_find_descendant      (GtkWidget       *widget,
                                         GType            type);
/* The first toplevel window of @type, or NULL. */
GtkWindow *dd_test_find_toplevel        (GType            type);
/* The key that fires @action_name among @widget's own shortcuts, as text
 * ("Delete"), or NULL. (transfer full) */
char      *dd_test_dup_key_of_action    (GtkWidget       *widget,
                                         const char      *action_name);
/* Fails the test, naming them, when labels under @widget are not shown
 * whole: ellipsized (unless their tooltip or an ancestor's holds the whole
 * text), narrower than their text, or past an edge of @frame or of an
 * ancestor that clips. The rows of lists are left out (their long names
 * end in "…" by design). @where names the place in the message. */
void       dd_test_assert_whole         (GtkWidget       *widget,
                                         GtkWidget       *frame,
                                         const char      *where);
/* When DD_TEST_SCREENSHOT_DIR is set, saves the whole X screen there as
 * NAME.png (with ImageMagick's import) after letting the windows draw, so
 * that a person can look at what a test drove. Does nothing otherwise. */
void       dd_test_screenshot           (const char      *name);

G_END_DECLS
