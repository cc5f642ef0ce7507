/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-progress-timeline"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-progress-timeline.h"

/*
 * DdProgressTimeline: a task's progress updates, newest first, as the
 * store keeps them (dd_store_list_progress()): for each, the date it was
 * reported for and the progress, whether it completed or reopened the
 * task, the note and the product, and who recorded it when. Read-only:
 * the updates are written by saving the task.
 */

struct _DdProgressTimeline
{
  GtkWidget parent_instance;

  guint n_updates;

  /* Template children */
  GtkLabel *empty_label;
  GtkListBox *list_box;
};

G_DEFINE_FINAL_TYPE (DdProgressTimeline, dd_progress_timeline, GTK_TYPE_WIDGET)

/* Auxiliary methods */

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* "06/12/2026 14:05", in local time, from the store's ISO 8601 UTC. (transfer full) */
/* The first line: the date and what happened. (transfer full) */
static char *
dup_headline (const DdProgressUpdate *update)
{
  g_autofree char *date = dd_format_date (&update->date);
  g_autofree char *progress = NULL;
  g_autofree char *completed = NULL;

  if (update->progress >= 0)
    {
      g_autofree char *percent = dd_format_percent (update->progress, 0);

      /* Translators: a progress update's figure: "40% done". */
      progress = g_strdup_printf (_("%s done"), percent);
    }
  else
    progress = g_strdup (_("progress not given"));

  if (update->reopened)
    /* Translators: a progress update's date, its figure, and that it reopened the task. */
    return g_strdup_printf (_("%s — %s — the task was reopened"), date != NULL ? date : "", progress);

  if (dd_date_is_set (&update->completed_on))
    {
      completed = dd_format_date (&update->completed_on);
      /* Translators: a progress update's date, its figure, and the completion date it recorded. */
      return g_strdup_printf (_("%s — %s — completed on %s"), date != NULL ? date : "", progress, completed);
    }

  /* Translators: a progress update's date and its figure: "06/12/2026 — 40% done". */
  return g_strdup_printf (_("%s — %s"), date != NULL ? date : "", progress);
}

static GtkWidget *
new_row (const DdProgressUpdate *update)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *headline = dup_headline (update);
  g_autofree char *when = dd_format_iso_time (update->recorded_at);
  g_autofree char *footer = NULL;
  const char *who;

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_box_append (GTK_BOX (box), new_label (headline, "heading"));

  if (update->note != NULL && *update->note != '\0')
    gtk_box_append (GTK_BOX (box), new_label (update->note, NULL));

  if (update->actual_product != NULL && *update->actual_product != '\0')
    {
      g_autofree char *product = NULL;

      /* Translators: the product that proves a progress update's work. */
      product = g_strdup_printf (_("Product: %s"), update->actual_product);
      gtk_box_append (GTK_BOX (box), new_label (product, NULL));
    }

  /* Translators: who recorded a progress update, when the store does not say. */
  who = update->recorded_by != NULL ? update->recorded_by : _("unknown");
  /* Translators: who recorded a progress update (an account), and when. */
  footer = g_strdup_printf (_("Recorded by %s on %s"), who, when != NULL ? when : "");
  gtk_box_append (GTK_BOX (box), new_label (footer, "dim-label"));

  return box;
}

/* GObject overrides */

static void
dd_progress_timeline_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), DD_TYPE_PROGRESS_TIMELINE);
  /* The heading has no name in the template: it goes too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (dd_progress_timeline_parent_class)->dispose (object);
}

static void
dd_progress_timeline_class_init (DdProgressTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_progress_timeline_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-progress-timeline.ui");
  gtk_widget_class_bind_template_child (widget_class, DdProgressTimeline, empty_label);
  gtk_widget_class_bind_template_child (widget_class, DdProgressTimeline, list_box);
}

static void
dd_progress_timeline_init (DdProgressTimeline *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
}

/* Public API */

/**
 * dd_progress_timeline_new:
 *
 * Returns: (transfer floating): a new, empty timeline
 */
GtkWidget *
dd_progress_timeline_new (void)
{
  return g_object_new (DD_TYPE_PROGRESS_TIMELINE, NULL);
}

/**
 * dd_progress_timeline_set_updates:
 * @updates: (nullable) (element-type DdProgressUpdate): the updates, newest first
 *
 * Shows @updates in place of those shown.
 */
void
dd_progress_timeline_set_updates (DdProgressTimeline *self,
                                  GPtrArray          *updates)
{
  GtkWidget *row;

  g_return_if_fail (DD_IS_PROGRESS_TIMELINE (self));

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, row);

  self->n_updates = updates != NULL ? updates->len : 0;
  for (guint i = 0; i < self->n_updates; i++)
    gtk_list_box_append (self->list_box, new_row (g_ptr_array_index (updates, i)));

  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), self->n_updates == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->list_box), self->n_updates > 0);
}

guint
dd_progress_timeline_get_n_updates (DdProgressTimeline *self)
{
  g_return_val_if_fail (DD_IS_PROGRESS_TIMELINE (self), 0);

  return self->n_updates;
}
