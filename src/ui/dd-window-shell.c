/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dd-indicators-page.h"
#include "dd-toast.h"
#include "dd-window-private.h"

/*
 * The main window's shell around its pages, beside dd-window.c: closing
 * without losing typed work, and the keys that switch pages.
 *
 * Closing (the close button, Ctrl+W, Ctrl+Q through app.quit) first records
 * the figures typed in the Indicators page's grid, as leaving a cell does;
 * a cell that holds no figure, or dossier figures typed and not saved, keep
 * the window open on that page with a question: save and close, close
 * without saving, or keep editing.
 *
 * Alt+1…5 show the pages in the order of the sidebar; Ctrl+Page Down and
 * Ctrl+Page Up the next and previous one. The sidebar is for the pointer:
 * it takes no keyboard focus, so that Tab goes from the header to the page
 * (through GtkStackSidebar, Tab selected each row it passed, switching
 * pages, and never reached the task list).
 */

static gboolean (*parent_close_request) (GtkWindow *window);

static DdIndicatorsPage *
find_indicators_page (DdWindow *self)
{
  for (guint i = 0; self->pages != NULL && i < self->pages->len; i++)
    if (DD_IS_INDICATORS_PAGE (g_ptr_array_index (self->pages, i)))
      return g_ptr_array_index (self->pages, i);
  return NULL;
}

static void
on_close_question_response_cb (GtkDialog *dialog,
                               int        response,
                               DdWindow  *self)
{
  DdIndicatorsPage *page = find_indicators_page (self);
  g_autoptr(GError) error = NULL;

  /* The dialog lives until its "response" is over, and the answer may
   * destroy the window: it must not look back at it then. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == GTK_RESPONSE_ACCEPT && page != NULL
      && !dd_indicators_page_save_dossier (page, &error))
    {
      _dd_window_show_error (self, _("The dossier figures were not saved"), error);
      return;
    }
  if (response == GTK_RESPONSE_ACCEPT || response == GTK_RESPONSE_REJECT)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static void
ask_before_closing (DdWindow     *self,
                    const GError *cell_error,
                    const char   *dossier_period)
{
  GtkWidget *dialog;
  GtkWidget *button;
  g_autofree char *secondary = NULL;

  if (cell_error != NULL)
    /* Translators: asked when closing the window; %s says which figure is wrong. */
    secondary = g_strdup_printf (_("A figure typed in the indicator grid cannot be recorded: %s"),
                                 cell_error->message);
  else
    /* Translators: asked when closing the window; %s is a period, “Quý IV/2026”. */
    secondary = g_strdup_printf (_("The dossier figures typed for %s have not been saved."), dossier_period);

  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   "%s", _("Save the typed figures before closing?"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Keep Editing"), GTK_RESPONSE_CANCEL);
  button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("Close _Without Saving"), GTK_RESPONSE_REJECT);
  gtk_widget_add_css_class (button, "destructive-action");
  if (cell_error == NULL)
    {
      button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Save and Close"), GTK_RESPONSE_ACCEPT);
      gtk_widget_add_css_class (button, "suggested-action");
    }
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_question_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
dd_window_close_request (GtkWindow *window)
{
  DdWindow *self = DD_WINDOW (window);
  DdIndicatorsPage *page = find_indicators_page (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *dossier_period = NULL;
  gboolean recorded;

  if (self->close_confirmed || page == NULL)
    return parent_close_request (window);

  recorded = dd_indicators_page_save_typed (page, &error);
  dossier_period = dd_indicators_page_dup_unsaved_dossier (page);
  if (recorded && dossier_period == NULL)
    return parent_close_request (window);

  gtk_stack_set_visible_child_name (self->stack, "indicators");
  ask_before_closing (self, error, dossier_period);
  return TRUE;
}

/* Page keys */

static void
show_page_at (DdWindow *self,
              int       index)
{
  GtkSelectionModel *pages = gtk_stack_get_pages (self->stack);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));
  GtkStackPage *page;

  if (n > 0)
    {
      index = ((index % (int) n) + (int) n) % (int) n;
      page = g_list_model_get_item (G_LIST_MODEL (pages), (guint) index);
      gtk_stack_set_visible_child (self->stack, gtk_stack_page_get_child (page));
      g_object_unref (page);
    }
  g_object_unref (pages);
}

static int
visible_page_index (DdWindow *self)
{
  GtkWidget *visible = gtk_stack_get_visible_child (self->stack);
  int i = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stack));
       child != NULL; child = gtk_widget_get_next_sibling (child), i++)
    if (child == visible)
      return i;
  return 0;
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  show_page_at (DD_WINDOW (widget), g_variant_get_int32 (param));
}

static void
next_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);

  show_page_at (self, visible_page_index (self) + g_variant_get_int32 (param));
}

void
_dd_window_class_shell_init (GtkWidgetClass *widget_class)
{
  parent_close_request = GTK_WINDOW_CLASS (g_type_class_peek_parent (widget_class))->close_request;
  GTK_WINDOW_CLASS (widget_class)->close_request = dd_window_close_request;

  gtk_widget_class_install_action (widget_class, "win.show-page", "i", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.next-page", "i", next_page_action);
}

static void
add_shortcut (GtkShortcutController *controller,
              guint                  key,
              GdkModifierType        modifiers,
              const char            *action_name,
              int                    value)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (key, modifiers),
                                            gtk_named_action_new (action_name));

  gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 (value));
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

/* In the capture phase: a scrolled window of the page shown would take
 * Ctrl+Page Up/Down (horizontal scrolling) first. */
void
_dd_window_shell_init (DdWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (controller);

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (int i = 0; i < 5; i++)
    add_shortcut (shortcuts, GDK_KEY_1 + i, GDK_ALT_MASK, "win.show-page", i);
  add_shortcut (shortcuts, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "win.next-page", 1);
  add_shortcut (shortcuts, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "win.next-page", -1);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  /* Short news ("Task 5 saved") over the pages, at the bottom. */
  self->toast = dd_toast_new ();
  gtk_overlay_add_overlay (GTK_OVERLAY (gtk_widget_get_parent (GTK_WIDGET (self->stack))), self->toast);
}

void
_dd_window_show_toast (DdWindow   *self,
                       const char *text)
{
  g_return_if_fail (DD_IS_WINDOW (self));

  dd_toast_show (DD_TOAST (self->toast), text, NULL, NULL, NULL);
}

const char *
dd_window_get_toast_text (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);

  return dd_toast_get_text (DD_TOAST (self->toast));
}
