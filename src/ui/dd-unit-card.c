/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-unit-card"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "dd-unit-card.h"
#include "dd-status-pill.h"

/*
 * DdUnitCard: the scorecard of one unit for a period, under the Units
 * page's table. Its score and level, how the score is made (the points of
 * each component and what they come from), its tasks by status and its
 * forgotten reports, its indicators, its overdue tasks. Without a unit it
 * asks for one to be selected.
 */

struct _DdUnitCard
{
  GtkWidget parent_instance;

  /* Template children */
  GtkWidget *box;
  GtkLabel *title_label;
  GtkBox *content_box;
};

G_DEFINE_FINAL_TYPE (DdUnitCard, dd_unit_card, GTK_TYPE_WIDGET)

/* Auxiliary methods */

/* An amount a component is made of: whole task counts as "4", weighted
 * ones (a late report counts half) as "1,75". */
static char *
format_amount (double value)
{
  return dd_format_number (value, value == floor (value) ? 0 : 2);
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkWidget *
add_label (GtkBox     *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);
  return label;
}

static void
add_heading (GtkBox     *box,
             const char *text)
{
  GtkWidget *label = add_label (box, text, "heading");

  gtk_widget_set_margin_top (label, 6);
}

/* The parts of the card */

/* "Điểm 87,5/100 — Hoàn thành tốt nhiệm vụ (hạng 2)", or why there is no
 * score. */
static void
add_score (DdUnitCard  *self,
           DdScorecard *card)
{
  g_autofree char *score = NULL;

  if (dd_scorecard_has_score (card))
    {
      /* A scorecard with a score has a number (0–100), never NaN. */
      g_autofree char *number = dd_format_number (dd_scorecard_get_score (card), 1);
      /* Translators: "Điểm 87,5/100 — Hoàn thành tốt nhiệm vụ (hạng 2)". */
      if (dd_scorecard_get_score (card) > 0)
        score = g_strdup_printf (_("Score %s/100 — %s (rank %u)"), number,
                                 dd_score_level_get_label (dd_scorecard_get_level (card)),
                                 dd_scorecard_get_rank (card));
      else
        /* Translators: a score of 0 takes no rank beside the others. */
        score = g_strdup_printf (_("Score %s/100 — %s (not ranked)"), number,
                                 dd_score_level_get_label (dd_scorecard_get_level (card)));
      add_label (self->content_box, score, "title-4");
    }
  else
    add_label (self->content_box, dd_scorecard_get_no_score_reason (card), "dim-label");
}

/* The components: where each point comes from. */
static void
add_components (DdUnitCard  *self,
                DdScorecard *card)
{
  double total_weight = 0.0;
  GtkWidget *grid;

  add_heading (self->content_box, _("How the score is made"));
  for (guint c = 0; c < DD_N_SCORE_COMPONENTS; c++)
    if (dd_scorecard_get_component (card, (DdScoreComponent) c)->applies)
      total_weight += dd_scorecard_get_component (card, (DdScoreComponent) c)->weight;
  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  for (guint c = 0; c < DD_N_SCORE_COMPONENTS; c++)
    {
      const DdScoreComponentResult *result = dd_scorecard_get_component (card, (DdScoreComponent) c);
      g_autofree char *points = NULL;
      g_autofree char *detail = NULL;
      g_autofree char *earned = format_amount (result->earned);
      g_autofree char *possible = format_amount (result->possible);
      GtkWidget *name, *value, *note;

      if (result->applies && total_weight > 0)
        {
          g_autofree char *p = dd_format_number (result->points, 1);
          g_autofree char *most = dd_format_number (result->weight * 100.0 / total_weight, 1);

          /* Translators: points earned of the most a component can give
           * (its weight scaled to 100 over the components that apply): "43,8 / 75,0". */
          points = g_strdup_printf (_("%s / %s"), p, most);
        }
      else
        points = g_strdup (result->weight > 0 ? _("no data") : _("not scored"));
      /* Translators: what a component's points come from: "1,75 of 3". */
      detail = g_strdup_printf (_("%s of %s"), earned, possible);

      name = gtk_label_new (dd_score_component_get_label ((DdScoreComponent) c));
      value = gtk_label_new (points);
      note = gtk_label_new (detail);
      gtk_label_set_xalign (GTK_LABEL (name), 0.0);
      gtk_label_set_xalign (GTK_LABEL (value), 1.0);
      gtk_label_set_xalign (GTK_LABEL (note), 1.0);
      gtk_widget_add_css_class (value, "numeric");
      gtk_widget_add_css_class (note, "dim-label");
      gtk_grid_attach (GTK_GRID (grid), name, 0, (int) c, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), value, 1, (int) c, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), note, 2, (int) c, 1, 1);
    }
  gtk_box_append (self->content_box, grid);
}

/* Tasks by status, and the reports forgotten. */
static void
add_statuses (DdUnitCard  *self,
              DdScorecard *card)
{
  GtkWidget *grid;
  guint row = 0;

  add_heading (self->content_box, _("Tasks by status"));
  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  for (int s = 0; s < DD_N_STATUSES; s++)
    {
      guint n = dd_scorecard_get_count (card, (DdTaskStatus) s);
      g_autofree char *count = NULL;
      GtkWidget *pill, *label;

      if (n == 0)
        continue;
      count = dd_format_count (n);
      pill = dd_status_pill_new ();
      dd_status_pill_set_status (pill, (DdTaskStatus) s, NULL);
      gtk_widget_set_halign (pill, GTK_ALIGN_START);
      label = gtk_label_new (count);
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_grid_attach (GTK_GRID (grid), pill, 0, (int) row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), label, 1, (int) row, 1, 1);
      row++;
    }
  if (dd_scorecard_get_n_forgotten (card) > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u report forgotten (quên việc)",
                                                         "%u reports forgotten (quên việc)",
                                                         dd_scorecard_get_n_forgotten (card)),
                                               dd_scorecard_get_n_forgotten (card));
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_grid_attach (GTK_GRID (grid), label, 0, (int) row, 2, 1);
      row++;
    }
  if (row == 0)
    {
      /* Nothing to list: the empty grid goes. */
      g_object_ref_sink (grid);
      g_object_unref (grid);
      add_label (self->content_box, _("No task in this period."), "dim-label");
    }
  else
    gtk_box_append (self->content_box, grid);
}

static void
add_indicators (DdUnitCard  *self,
                DdScorecard *card)
{
  GPtrArray *indicators = dd_scorecard_get_indicators (card);

  if (indicators == NULL || indicators->len == 0)
    return;

  add_heading (self->content_box, _("Indicators"));
  for (guint i = 0; i < indicators->len; i++)
    {
      const DdScoreIndicator *indicator = g_ptr_array_index (indicators, i);
      g_autofree char *achieved = dd_format_share (indicator->achieved);
      g_autofree char *target = dd_format_share (indicator->target);
      g_autofree char *num = dd_format_number (indicator->numerator, 0);
      g_autofree char *den = dd_format_number (indicator->denominator, 0);
      /* Translators: "412/415 = 99,3% (chỉ tiêu 100%): 100% văn bản …". */
      g_autofree char *text = g_strdup_printf (_("%s/%s = %s (target %s): %s"), num, den, achieved, target,
                                               indicator->title);

      add_label (self->content_box, text, NULL);
    }
}

static void
add_overdue (DdUnitCard  *self,
             DdScorecard *card)
{
  GPtrArray *tasks = dd_scorecard_get_tasks (card);
  guint overdue = 0;

  for (guint i = 0; tasks != NULL && i < tasks->len; i++)
    {
      const DdScoreTask *task = g_ptr_array_index (tasks, i);
      g_autofree char *due = NULL;
      g_autofree char *text = NULL;

      if (task->status != DD_STATUS_OVERDUE)
        continue;
      if (overdue++ == 0)
        add_heading (self->content_box, _("Overdue"));
      due = dd_format_date (&task->due);
      /* Translators: an overdue task: "3. Số hoá hồ sơ (hạn 30/04/2026)". */
      text = g_strdup_printf (task->led ? _("%s %s (due %s)") : _("%s %s (due %s, coordinating)"),
                              task->number != NULL ? task->number : "", task->title, due != NULL ? due : "—");
      add_label (self->content_box, text, NULL);
    }
}

/* GObject overrides */

static void
dd_unit_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DD_TYPE_UNIT_CARD);

  G_OBJECT_CLASS (dd_unit_card_parent_class)->dispose (object);
}

static void
dd_unit_card_class_init (DdUnitCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_unit_card_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-unit-card.ui");
  gtk_widget_class_bind_template_child (widget_class, DdUnitCard, box);
  gtk_widget_class_bind_template_child (widget_class, DdUnitCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, DdUnitCard, content_box);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "unitcard");
}

static void
dd_unit_card_init (DdUnitCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * dd_unit_card_new:
 *
 * Returns: (transfer floating): a card asking for a unit to be selected
 */
GtkWidget *
dd_unit_card_new (void)
{
  return g_object_new (DD_TYPE_UNIT_CARD, NULL);
}

/**
 * dd_unit_card_show:
 * @card: (nullable): the scorecard to show, or %NULL to ask for a unit
 *
 * Shows @card in full. The card keeps no reference to it.
 */
void
dd_unit_card_show (DdUnitCard  *self,
                   DdScorecard *card)
{
  g_return_if_fail (DD_IS_UNIT_CARD (self));
  g_return_if_fail (card == NULL || DD_IS_SCORECARD (card));

  clear_box (self->content_box);
  /* No unit: a status in the middle of the pane, not a line on top of an
   * empty one. */
  gtk_widget_set_valign (self->box, card == NULL ? GTK_ALIGN_CENTER : GTK_ALIGN_FILL);
  gtk_label_set_xalign (self->title_label, card == NULL ? 0.5 : 0.0);
  if (card == NULL)
    {
      GtkWidget *hint;

      gtk_label_set_text (self->title_label, _("Select a unit to see its scorecard."));
      hint = add_label (self->content_box,
                        _("Select a row of the list above (or move to it with the arrow keys): its score and level, "
                          "how each part of the score is made, its tasks by status, its indicators and its overdue "
                          "tasks are shown here."),
                        "dim-label");
      gtk_label_set_xalign (GTK_LABEL (hint), 0.5);
      gtk_label_set_justify (GTK_LABEL (hint), GTK_JUSTIFY_CENTER);
      return;
    }
  gtk_label_set_text (self->title_label, dd_scorecard_get_unit_name (card));

  add_score (self, card);
  add_components (self, card);
  add_statuses (self, card);
  add_indicators (self, card);
  add_overdue (self, card);
}

/**
 * dd_unit_card_dup_text:
 *
 * Returns: (transfer full): the card as text, one line per label (the
 *   title first, then each label and each cell of its tables)
 */
char *
dd_unit_card_dup_text (DdUnitCard *self)
{
  GString *text;

  g_return_val_if_fail (DD_IS_UNIT_CARD (self), NULL);

  text = g_string_new (gtk_label_get_text (self->title_label));
  g_string_append_c (text, '\n');
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->content_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (child)));
      else
        for (GtkWidget *cell = gtk_widget_get_first_child (child); cell != NULL;
             cell = gtk_widget_get_next_sibling (cell))
          if (GTK_IS_LABEL (cell))
            g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (cell)));
    }
  return g_string_free (text, FALSE);
}
