/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

/**
 * DdPageState:
 * @as_of: the reference date of the statuses; invalid (cleared) when the
 *   page has none of its own
 * @plan_id: the plan shown, or 0 for every plan
 * @unit_id: the unit shown, or 0 for every unit
 * @status: the status shown (a #DdTaskStatus), or -1 for every status
 * @lead_only: only the tasks @unit_id leads, not those it coordinates
 * @six_clear_incomplete: only the tasks that fail the "6 rõ" check
 *
 * What a page shows, in the terms the pages share: the choices it keeps
 * when it reads its store again, and that one page hands to another (the
 * tasks behind a chart of the dashboard open in the task list as of the
 * chart's date). A page leaves what it has no use for as
 * dd_page_state_init() set it.
 */
typedef struct
{
  GDate as_of;
  gint64 plan_id;
  gint64 unit_id;
  int status;
  gboolean lead_only;
  gboolean six_clear_incomplete;
} DdPageState;

void dd_page_state_init (DdPageState *state);

#define DD_TYPE_PAGE (dd_page_get_type ())
G_DECLARE_INTERFACE (DdPage, dd_page, DD, PAGE, GtkWidget)

/**
 * DdPageInterface:
 * @title: the page's name in the window's sidebar, untranslated (marked
 *   with N_())
 * @icon_name: the page's icon in the sidebar
 * @refresh: reads the store again, keeping what the user chose (see
 *   #DdPageState); a page that is not shown may wait until it is
 * @search: optional: searches the page for a text (%NULL: keeps the text
 *   it has) and puts the focus in its search field; a page without one
 *   leaves it %NULL
 * @save_state: optional: fills the fields of a #DdPageState the page has
 * @restore_state: optional: shows what a #DdPageState says
 * @focus: optional: puts the keyboard focus on what the page is for (the
 *   task list's rows); without it, the page's first widget that takes it
 *
 * A page of the main window (as GcalView is a view of GNOME Calendar's
 * window): it shows the "store" it is given and reads it again when the
 * store says "changed"; the window switches pages and knows none's insides.
 */
struct _DdPageInterface
{
  GTypeInterface parent_iface;

  const char *title;
  const char *icon_name;

  void     (*refresh)       (DdPage            *self);
  gboolean (*search)        (DdPage            *self,
                             const char        *text);
  void     (*save_state)    (DdPage            *self,
                             DdPageState       *state);
  void     (*restore_state) (DdPage            *self,
                             const DdPageState *state);
  void     (*focus)         (DdPage            *self);
};

DdStore    *dd_page_get_store          (DdPage            *self);
void        dd_page_set_store          (DdPage            *self,
                                        DdStore           *store);
const char *dd_page_get_title          (DdPage            *self);
void        dd_page_refresh            (DdPage            *self);
gboolean    dd_page_search             (DdPage            *self,
                                        const char        *text);
void        dd_page_save_state         (DdPage            *self,
                                        DdPageState       *state);
void        dd_page_restore_state      (DdPage            *self,
                                        const DdPageState *state);
void        dd_page_focus              (DdPage            *self);

/* The title (translated) and icon of the pages of @page_type, a type that
 * implements DdPage: the window names a page before it builds it. */
const char *dd_page_type_get_title     (GType              page_type);
const char *dd_page_type_get_icon_name (GType              page_type);

/* For the pages' own "store" setter: see dd-page.c. */
gboolean    dd_page_swap_store         (gpointer           owner,
                                        DdStore          **field,
                                        DdStore           *store,
                                        GCallback          on_changed);
gboolean    dd_page_set_store_field    (DdPage            *self,
                                        DdStore          **field,
                                        DdStore           *store,
                                        GCallback          on_changed);

G_END_DECLS
