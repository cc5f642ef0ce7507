/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * The search of a drop-down of names (units, people): what is typed is
 * found anywhere in a name, with case, diacritics and đ/d ignored, as the
 * task search does ("hanh chinh" finds "Phòng Hành chính - Quản trị"), and
 * the search entry says so in the interface's language.
 */

/* Turns on @dropdown's search over the strings of its GtkStringObject
 * items, matching as above; keeps doing so when its model is replaced. */
void        dd_unit_search_setup            (GtkDropDown *dropdown);
/* The search entry in @dropdown's popup, for tests. (transfer none) */
GtkEditable *dd_unit_search_get_entry       (GtkDropDown *dropdown);
/* How many items @dropdown's popup shows for the current search. */
guint       dd_unit_search_get_n_shown      (GtkDropDown *dropdown);

G_END_DECLS
