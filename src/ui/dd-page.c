/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dd-page.h"

/*
 * DdPage: what the main window knows of its pages (the task list, the
 * dashboard, the overview, the calendar, the units, the indicators). Each
 * is given the window's store through its "store" property, reads it again
 * on the store's "changed" and when asked to (dd_page_refresh()), names
 * itself in the sidebar, and may take the window's search and say or take
 * what it shows (DdPageState). The window builds a page when it is first
 * shown and hands it the store then.
 *
 * The pages, and the reminder bar, keep their store with one setter:
 * dd_page_swap_store() lets go of the old store's signals and follows the
 * new one's "changed"; dd_page_set_store_field() then has the page read it
 * and says so.
 */

G_DEFINE_INTERFACE (DdPage, dd_page, GTK_TYPE_WIDGET)

/* Auxiliary methods */

static DdPageInterface *
type_get_iface (GType page_type)
{
  gpointer klass = g_type_class_peek (page_type);

  /* The window names a page before building it. The class is kept once
   * made: a static type's class lives as long as the program anyway. */
  if (klass == NULL)
    klass = g_type_class_ref (page_type);
  return g_type_interface_peek (klass, DD_TYPE_PAGE);
}

/* GTypeInterface */

static void
dd_page_default_init (DdPageInterface *iface)
{
  /**
   * DdPage:store:
   *
   * The database the page shows, or %NULL. The page follows its
   * "changed" signal, and lets go of it when given another.
   */
  g_object_interface_install_property (iface,
                                       g_param_spec_object ("store", NULL, NULL,
                                                            DD_TYPE_STORE,
                                                            (G_PARAM_READWRITE |
                                                             G_PARAM_EXPLICIT_NOTIFY |
                                                             G_PARAM_STATIC_STRINGS)));
}

/* Public API */

/**
 * dd_page_state_init:
 * @state: a #DdPageState
 *
 * Sets @state to "nothing chosen": no reference date, every plan, unit
 * and status, every task.
 */
void
dd_page_state_init (DdPageState *state)
{
  g_return_if_fail (state != NULL);

  memset (state, 0, sizeof *state);
  g_date_clear (&state->as_of, 1);
  state->status = -1;
}

/**
 * dd_page_get_store:
 *
 * Returns: (transfer none) (nullable): the database the page shows
 */
DdStore *
dd_page_get_store (DdPage *self)
{
  g_autoptr(DdStore) store = NULL;

  g_return_val_if_fail (DD_IS_PAGE (self), NULL);

  g_object_get (self, "store", &store, NULL);
  /* The page holds its own reference. */
  return store;
}

/**
 * dd_page_set_store:
 * @store: (nullable): the database to show
 *
 * Gives the page @store (nothing happens when it has it already): the
 * page reads it, now or when it is next shown.
 */
void
dd_page_set_store (DdPage  *self,
                   DdStore *store)
{
  g_return_if_fail (DD_IS_PAGE (self));
  g_return_if_fail (store == NULL || DD_IS_STORE (store));

  g_object_set (self, "store", store, NULL);
}

/**
 * dd_page_get_title:
 *
 * Returns: (transfer none): the page's name in the sidebar, translated
 */
const char *
dd_page_get_title (DdPage *self)
{
  g_return_val_if_fail (DD_IS_PAGE (self), NULL);

  return _(DD_PAGE_GET_IFACE (self)->title);
}

/**
 * dd_page_refresh:
 *
 * Reads the store again, keeping what the user chose on the page (the
 * selection, the filters, the date shown). A page that is not shown may
 * wait until it is.
 */
void
dd_page_refresh (DdPage *self)
{
  g_return_if_fail (DD_IS_PAGE (self));
  g_return_if_fail (DD_PAGE_GET_IFACE (self)->refresh != NULL);

  DD_PAGE_GET_IFACE (self)->refresh (self);
}

/**
 * dd_page_search:
 * @text: (nullable): what to search for, or %NULL to keep the text the
 *   page's search field has
 *
 * Routes the window's search to the page: its search field gets @text and
 * the focus.
 *
 * Returns: %FALSE when the page has nothing to search (the window then
 *   searches the task list)
 */
gboolean
dd_page_search (DdPage     *self,
                const char *text)
{
  DdPageInterface *iface;

  g_return_val_if_fail (DD_IS_PAGE (self), FALSE);

  iface = DD_PAGE_GET_IFACE (self);
  return iface->search != NULL && iface->search (self, text);
}

/**
 * dd_page_focus:
 *
 * Puts the keyboard focus in the page, on what it is for, when the window
 * shows it by a key (Alt+1…5): the focus otherwise stayed on the page left,
 * now hidden, and GTK moved it outside the pages (the status bar's first
 * count, which Enter then turned into a filter).
 */
void
dd_page_focus (DdPage *self)
{
  DdPageInterface *iface;

  g_return_if_fail (DD_IS_PAGE (self));

  iface = DD_PAGE_GET_IFACE (self);
  if (iface->focus != NULL)
    iface->focus (self);
  else
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

/**
 * dd_page_save_state:
 * @state: (out caller-allocates): what the page shows
 *
 * Fills @state with what the page shows; what it has no use for stays as
 * dd_page_state_init() sets it.
 */
void
dd_page_save_state (DdPage      *self,
                    DdPageState *state)
{
  DdPageInterface *iface;

  g_return_if_fail (DD_IS_PAGE (self));
  g_return_if_fail (state != NULL);

  dd_page_state_init (state);
  iface = DD_PAGE_GET_IFACE (self);
  if (iface->save_state != NULL)
    iface->save_state (self, state);
}

/**
 * dd_page_restore_state:
 * @state: what to show
 *
 * Has the page show what @state says (a page that keeps no state ignores
 * it).
 */
void
dd_page_restore_state (DdPage            *self,
                       const DdPageState *state)
{
  DdPageInterface *iface;

  g_return_if_fail (DD_IS_PAGE (self));
  g_return_if_fail (state != NULL);

  iface = DD_PAGE_GET_IFACE (self);
  if (iface->restore_state != NULL)
    iface->restore_state (self, state);
}

/**
 * dd_page_type_get_title:
 * @page_type: a type that implements #DdPage
 *
 * Returns: (transfer none): the title of the pages of @page_type, translated
 */
const char *
dd_page_type_get_title (GType page_type)
{
  g_return_val_if_fail (g_type_is_a (page_type, DD_TYPE_PAGE), NULL);

  return _(type_get_iface (page_type)->title);
}

/**
 * dd_page_type_get_icon_name:
 * @page_type: a type that implements #DdPage
 *
 * Returns: (transfer none): the icon of the pages of @page_type
 */
const char *
dd_page_type_get_icon_name (GType page_type)
{
  g_return_val_if_fail (g_type_is_a (page_type, DD_TYPE_PAGE), NULL);

  return type_get_iface (page_type)->icon_name;
}

/**
 * dd_page_swap_store:
 * @owner: the widget that keeps a store in @field (a page, the reminder bar)
 * @field: where @owner keeps its store (a reference)
 * @store: (nullable): the store to keep
 * @on_changed: (nullable): connected, swapped (it gets @owner), to the
 *   "changed" signal of @store, until @owner lets go of @store or goes away
 *
 * The first half of a "store" setter: disconnects every handler @owner
 * connected to the store it had (its "changed", and "access-changed" from
 * dd_access_connect()), keeps @store instead and follows its "changed".
 *
 * Returns: %FALSE when @owner had @store already (nothing was done)
 */
gboolean
dd_page_swap_store (gpointer   owner,
                    DdStore  **field,
                    DdStore   *store,
                    GCallback  on_changed)
{
  g_return_val_if_fail (G_IS_OBJECT (owner), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (store == NULL || DD_IS_STORE (store), FALSE);

  if (*field == store)
    return FALSE;

  if (*field != NULL)
    g_signal_handlers_disconnect_by_data (*field, owner);
  g_set_object (field, store);
  if (store != NULL && on_changed != NULL)
    g_signal_connect_object (store, "changed", on_changed, owner, G_CONNECT_SWAPPED);

  return TRUE;
}

/**
 * dd_page_set_store_field:
 * @field: where the page keeps its store
 * @store: (nullable): the store to show
 * @on_changed: (nullable): the page's handler of the store's "changed"
 *
 * A page's "store" setter: dd_page_swap_store(), then dd_page_refresh()
 * and the notification of DdPage:store.
 *
 * Returns: %FALSE when the page had @store already
 */
gboolean
dd_page_set_store_field (DdPage     *self,
                         DdStore   **field,
                         DdStore    *store,
                         GCallback   on_changed)
{
  g_return_val_if_fail (DD_IS_PAGE (self), FALSE);

  if (!dd_page_swap_store (self, field, store, on_changed))
    return FALSE;

  dd_page_refresh (self);
  g_object_notify (G_OBJECT (self), "store");
  return TRUE;
}
