/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-merge-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-merge-dialog.h"
#include "dd-unit-search.h"

struct _DdMergeDialog
{
  GtkDialog parent_instance;

  char *from_name;
  char *contents;          /* "5 tasks it leads, 2 reports…", or NULL */
  GArray *ids;             /* gint64, parallel to the drop-down */
  GtkDropDown *dropdown;
  GtkLabel *summary;
  GtkLabel *consequence;
};

G_DEFINE_FINAL_TYPE (DdMergeDialog, dd_merge_dialog, GTK_TYPE_DIALOG)

/* Adds @part (owned) to @text, unless its @count is 0. */
static void
append_part (GString *text,
             guint    count,
             char    *part)
{
  if (count > 0)
    g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", part);
  g_free (part);
}

/* "5 tasks it leads, 3 it coordinates, 2 reports, …", or NULL for nothing. */
static char *
dup_contents_text (const DdUnitContents *c)
{
  GString *text = g_string_new (NULL);
  g_autofree char *led = dd_format_count (c->led_tasks);
  g_autofree char *coordinated = dd_format_count (c->coordinated_tasks);
  g_autofree char *reports = dd_format_count (c->reports);
  g_autofree char *indicators = dd_format_count (c->indicator_figures);
  g_autofree char *dossiers = dd_format_count (c->dossier_figures);
  g_autofree char *users = dd_format_count (c->users);

  append_part (text, c->led_tasks,
               g_strdup_printf (ngettext ("%s task it leads", "%s tasks it leads", c->led_tasks), led));
  append_part (text, c->coordinated_tasks,
               g_strdup_printf (ngettext ("%s task it coordinates", "%s tasks it coordinates",
                                          c->coordinated_tasks), coordinated));
  append_part (text, c->reports, g_strdup_printf (ngettext ("%s report", "%s reports", c->reports), reports));
  append_part (text, c->indicator_figures,
               g_strdup_printf (ngettext ("%s indicator figure", "%s indicator figures", c->indicator_figures),
                                indicators));
  append_part (text, c->dossier_figures,
               g_strdup_printf (ngettext ("%s period of dossier figures", "%s periods of dossier figures",
                                          c->dossier_figures), dossiers));
  append_part (text, c->users, g_strdup_printf (ngettext ("%s account", "%s accounts", c->users), users));
  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

static void
update_summary (DdMergeDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->dropdown);
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->dropdown);
  gboolean chosen = selected < self->ids->len && item != NULL;
  g_autofree char *text = NULL;

  if (!chosen)
    text = self->contents != NULL
           ? g_strdup_printf (_("“%s” has %s. Choose the unit that takes them over."),
                              self->from_name, self->contents)
           : g_strdup_printf (_("“%s” has no tasks, reports, figures or accounts. "
                                "Choose the unit it is merged into."), self->from_name);
  else
    text = self->contents != NULL
           ? g_strdup_printf (_("%s will move from “%s” to “%s”; figures of the same period are "
                                "added up. Then “%s” is removed."),
                              self->contents, self->from_name,
                              gtk_string_object_get_string (item), self->from_name)
           : g_strdup_printf (_("“%s” is removed; nothing moves to “%s”."),
                              self->from_name, gtk_string_object_get_string (item));
  gtk_label_set_text (self->summary, text);
  gtk_widget_set_visible (GTK_WIDGET (self->consequence), chosen);
  gtk_dialog_set_response_sensitive (GTK_DIALOG (self), GTK_RESPONSE_ACCEPT, chosen);
}

static GtkWidget *
new_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 56);
  gtk_label_set_width_chars (GTK_LABEL (label), 40);
  return label;
}

static void
build (DdMergeDialog *self)
{
  GtkWidget *area = gtk_dialog_get_content_area (GTK_DIALOG (self));
  GtkWidget *heading = new_label ();
  GtkWidget *button;

  gtk_dialog_add_button (GTK_DIALOG (self), _("_Cancel"), GTK_RESPONSE_CANCEL);
  button = gtk_dialog_add_button (GTK_DIALOG (self), _("_Merge"), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (self), GTK_RESPONSE_CANCEL);

  gtk_box_set_spacing (GTK_BOX (area), 12);
  gtk_widget_set_margin_start (area, 18);
  gtk_widget_set_margin_end (area, 18);
  gtk_widget_set_margin_top (area, 18);
  gtk_widget_set_margin_bottom (area, 18);
  gtk_label_set_text_with_mnemonic (GTK_LABEL (heading), _("Merge _into:"));
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (area), heading);
  self->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  dd_unit_search_setup (self->dropdown);
  gtk_label_set_mnemonic_widget (GTK_LABEL (heading), GTK_WIDGET (self->dropdown));
  gtk_box_append (GTK_BOX (area), GTK_WIDGET (self->dropdown));
  self->summary = GTK_LABEL (new_label ());
  gtk_label_set_selectable (self->summary, TRUE);
  gtk_box_append (GTK_BOX (area), GTK_WIDGET (self->summary));
  self->consequence = GTK_LABEL (new_label ());
  gtk_label_set_text (self->consequence, _("This cannot be undone."));
  gtk_widget_add_css_class (GTK_WIDGET (self->consequence), "warning");
  gtk_box_append (GTK_BOX (area), GTK_WIDGET (self->consequence));
}

static void
dd_merge_dialog_finalize (GObject *object)
{
  DdMergeDialog *self = DD_MERGE_DIALOG (object);

  g_free (self->from_name);
  g_free (self->contents);
  g_array_unref (self->ids);
  G_OBJECT_CLASS (dd_merge_dialog_parent_class)->finalize (object);
}

static void
dd_merge_dialog_class_init (DdMergeDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_merge_dialog_finalize;
}

static void
dd_merge_dialog_init (DdMergeDialog *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

GtkWidget *
dd_merge_dialog_new (GtkWindow   *parent,
                     DdStore     *store,
                     DdScorecard *card,
                     GListModel  *cards)
{
  DdMergeDialog *self = g_object_new (DD_TYPE_MERGE_DIALOG, "use-header-bar", TRUE, "modal", TRUE,
                                      "transient-for", parent, "destroy-with-parent", TRUE,
                                      "title", _("Merge Units"), NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  DdUnitContents contents;
  gint64 from_id = dd_scorecard_get_unit_id (card);

  build (self);
  self->from_name = g_strdup (dd_scorecard_get_unit_name (card));
  if (dd_store_count_unit_contents (store, from_id, &contents, &error))
    self->contents = dup_contents_text (&contents);
  else
    g_warning ("Could not count what unit %" G_GINT64_FORMAT " has: %s", from_id, error->message);

  /* Every other unit; a collective phrase is not a unit one can merge into. */
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(DdScorecard) other = g_list_model_get_item (cards, i);
      gint64 id = dd_scorecard_get_unit_id (other);

      if (id == from_id || dd_scorecard_get_is_group (other))
        continue;
      gtk_string_list_append (names, dd_scorecard_get_unit_name (other));
      g_array_append_val (self->ids, id);
    }
  gtk_drop_down_set_model (self->dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->dropdown, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->dropdown, "notify::selected", G_CALLBACK (update_summary),
                           self, G_CONNECT_SWAPPED);
  update_summary (self);
  return GTK_WIDGET (self);
}

gint64
dd_merge_dialog_get_target (DdMergeDialog *self)
{
  guint selected;

  g_return_val_if_fail (DD_IS_MERGE_DIALOG (self), 0);

  selected = gtk_drop_down_get_selected (self->dropdown);
  return selected < self->ids->len ? g_array_index (self->ids, gint64, selected) : 0;
}

GtkDropDown *
dd_merge_dialog_get_dropdown (DdMergeDialog *self)
{
  g_return_val_if_fail (DD_IS_MERGE_DIALOG (self), NULL);

  return self->dropdown;
}

const char *
dd_merge_dialog_get_summary (DdMergeDialog *self)
{
  g_return_val_if_fail (DD_IS_MERGE_DIALOG (self), NULL);

  return gtk_label_get_text (self->summary);
}
