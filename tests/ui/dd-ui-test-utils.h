/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

typedef gboolean (*DdTestCondition) (gpointer data);

/* A new database in a new temporary folder, with plan 662/KH-VPUB. */
DdStore   *dd_test_create_store      (char           **out_path);
void       dd_test_remove_store_file (const char      *path);
/* Iterates the main loop until @condition holds (fails the test after 10 s). */
void       dd_test_wait_for          (DdTestCondition  condition,
                                      gpointer         data);
/* Iterates the main loop for @ms milliseconds. */
void       dd_test_iterate           (guint            ms);
/* A descendant label of @widget that shows @text, or NULL. */
GtkWidget *dd_test_find_label        (GtkWidget       *widget,
                                      const char      *text);
/* The first toplevel window of @type, or NULL. */
GtkWindow *dd_test_find_toplevel     (GType            type);

G_END_DECLS
