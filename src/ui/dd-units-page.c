/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-units-page"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "dd-units-page.h"
#include "dd-merge-dialog.h"
#include "dd-access.h"
#include "dd-page.h"
#include "dd-scoring-dialog.h"
#include "dd-unit-card.h"

/*
 * DdUnitsPage: the scorecard of every unit for a chosen period (a few
 * hundred rows), sortable by any column (by name, in Vietnamese order, at
 * first), each row with a small trend line. Selecting a unit shows its
 * card: the points of each component of its score, its tasks by status,
 * its indicators, its overdue tasks (a DdUnitCard). Units are renamed and
 * merged here. Activating a unit asks the window to show its tasks
 * ("show-tasks").
 *
 * The cards are counted off the main thread by the core
 * (dd_scoring_list_scorecards_async()): the first count on a file of
 * years of plans reads every task. Until they arrive the page shows the
 * cards it had; cards asked for before (another period, the file changed
 * meanwhile) are dropped when they arrive.
 */

struct _DdUnitsPage
{
  GtkWidget parent_instance;

  DdStore *store;
  DdScoring *scoring;           /* of the store: keeps what the scorecards read */
  GCancellable *cancellable;    /* of the cards asked for last */
  gboolean loading;             /* those cards are still being counted */
  gint64 select_after;          /* the unit to select when they come, or 0 */
  GListStore *cards;
  GtkSortListModel *sorted;
  GtkSingleSelection *selection;
  DdScorePeriod period;
  GDate as_of;
  gboolean dirty;

  /* Template children */
  GtkWidget *box;
  GtkDropDown *kind_dropdown;
  GtkLabel *period_label;
  GtkWidget *rename_button;
  GtkWidget *merge_button;
  GtkWidget *scoring_button;
  GtkInfoBar *access_bar;
  GtkLabel *access_label;
  GtkLabel *summary_label;
  GtkColumnView *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *led_column;
  GtkColumnViewColumn *coordinated_column;
  GtkColumnViewColumn *on_time_column;
  GtkColumnViewColumn *late_column;
  GtkColumnViewColumn *overdue_column;
  GtkColumnViewColumn *forgotten_column;
  GtkColumnViewColumn *rate_column;
  GtkColumnViewColumn *score_column;
  GtkColumnViewColumn *level_column;
  GtkColumnViewColumn *rank_column;
  GtkColumnViewColumn *trend_column;
  DdUnitCard *card;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  SHOW_TASKS,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void dd_units_page_page_init (DdPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdUnitsPage, dd_units_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DD_TYPE_PAGE, dd_units_page_page_init))

typedef enum
{
  COLUMN_NAME,
  COLUMN_LED,
  COLUMN_COORDINATED,
  COLUMN_ON_TIME,
  COLUMN_LATE,
  COLUMN_OVERDUE,
  COLUMN_FORGOTTEN,
  COLUMN_RATE,
  COLUMN_SCORE,
  COLUMN_LEVEL,
  COLUMN_RANK,
  COLUMN_TREND,
} Column;

static const DdOccurrenceKind dropdown_kinds[] = {
  DD_OCCURRENCE_QUARTER, DD_OCCURRENCE_HALF_YEAR, DD_OCCURRENCE_YEAR, DD_OCCURRENCE_MONTH,
};

/* Auxiliary methods */

static double
column_value (DdScorecard *card,
              Column       column)
{
  double rate;

  switch (column)
    {
    case COLUMN_LED:
      return dd_scorecard_get_n_led (card);
    case COLUMN_COORDINATED:
      return dd_scorecard_get_n_coordinated (card);
    case COLUMN_ON_TIME:
      return dd_scorecard_get_count (card, DD_STATUS_DONE_ON_TIME);
    case COLUMN_LATE:
      return dd_scorecard_get_count (card, DD_STATUS_DONE_LATE);
    case COLUMN_OVERDUE:
      return dd_scorecard_get_count (card, DD_STATUS_OVERDUE);
    case COLUMN_FORGOTTEN:
      return dd_scorecard_get_n_forgotten (card);
    case COLUMN_RATE:
      return dd_scorecard_get_completion_rate (card, &rate) ? rate : NAN;
    case COLUMN_SCORE:
    case COLUMN_TREND:
      return dd_scorecard_has_score (card) ? dd_scorecard_get_score (card) : NAN;
    case COLUMN_LEVEL:
      return dd_scorecard_has_score (card) ? (double) dd_scorecard_get_level (card) : NAN;
    case COLUMN_RANK:
      return dd_scorecard_has_score (card) ? (double) dd_scorecard_get_rank (card) : NAN;
    case COLUMN_NAME:
    default:
      return 0;
    }
}

static int
compare_cards (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  DdScorecard *ca = DD_SCORECARD ((gpointer) a);
  DdScorecard *cb = DD_SCORECARD ((gpointer) b);
  Column column = GPOINTER_TO_INT (user_data);
  double va, vb;

  if (column == COLUMN_NAME)
    return dd_text_collate (dd_scorecard_get_unit_name (ca), dd_scorecard_get_unit_name (cb));

  /* A row without a value (no score) counts as the worst: after the others
   * when the best come first (score and rate descending, rank and level
   * ascending). Ties by name. */
  va = column_value (ca, column);
  vb = column_value (cb, column);
  if (isnan (va) || isnan (vb))
    {
      double worst = column == COLUMN_RANK || column == COLUMN_LEVEL ? INFINITY : -INFINITY;

      va = isnan (va) ? worst : va;
      vb = isnan (vb) ? worst : vb;
    }
  if (va != vb)
    return va < vb ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  return dd_text_collate (dd_scorecard_get_unit_name (ca), dd_scorecard_get_unit_name (cb));
}

static char *
format_count (guint n)
{
  return dd_format_count (n);
}

static char *
format_score (double score)
{
  return isnan (score) ? g_strdup ("—") : dd_format_number (score, 1);
}

static void
update_period_label (DdUnitsPage *self)
{
  g_autofree char *label = dd_score_period_dup_label (&self->period);
  g_autofree char *from = dd_format_date (&self->period.start);
  g_autofree char *to = dd_format_date (&self->period.end);
  /* Translators: the scoring period is a reporting window, not the calendar
   * quarter the dashboard shows: "Kỳ báo cáo Quý II/2026 (15/03/2026 –
   * 14/06/2026)". */
  g_autofree char *text = g_strdup_printf (_("Reporting period %s (%s – %s)"), label, from, to);

  gtk_label_set_text (self->period_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->period_label),
                               _("Units are scored over the reporting period (from the 15th of the month "
                                 "before to the 14th of the last month), as reports are due; the dashboard's "
                                 "quarters and months are calendar ones."));
}

/* Units and the scoring rules are an administrator's (the guard triggers of
 * units and settings): for anyone else, or on a file that cannot be
 * written now, the buttons are off and the bar and their tooltips say why.
 * Called again on DdStore::access-changed. */
static void
update_actions (DdUnitsPage *self)
{
  gboolean selected = dd_units_page_get_selected (self) != NULL;
  g_autofree char *reason = NULL;
  gboolean admin;

  if (self->store != NULL)
    reason = dd_access_dup_reason (self->store, DD_ACTION_EDIT_UNITS, NULL);
  admin = self->store != NULL && reason == NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "units.rename", selected && admin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "units.merge", selected && admin);
  /* The rules are the same for every unit: an administrator's matter. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "units.scoring-rules", admin);
  dd_access_set_tooltip (self->rename_button, reason);
  dd_access_set_tooltip (self->merge_button, reason);
  dd_access_set_tooltip (self->scoring_button, reason);

  if (reason != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: on top of the Units page; %s says why. */
      text = g_strdup_printf (_("You can see the scorecards, but not rename or merge units or change "
                                "the scoring rules. %s"), reason);
      gtk_label_set_text (self->access_label, text);
    }
  gtk_info_bar_set_revealed (self->access_bar, reason != NULL);
}

/* The trend of a row */

static void
draw_trend (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  DdScorecard *card = user_data;
  GArray *trend = dd_scorecard_get_trend (card);
  GdkRGBA color;
  gboolean pen_down = FALSE;
  double step;

  if (trend == NULL || trend->len == 0)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &color);

  /* A faint line at the "good" level (70) as the reference. */
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.2);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, 0, 2 + (height - 4) * 0.3);
  cairo_line_to (cr, width, 2 + (height - 4) * 0.3);
  cairo_stroke (cr);

  step = trend->len > 1 ? (width - 6.0) / (trend->len - 1) : 0;
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.9);
  cairo_set_line_width (cr, 1.5);
  for (guint i = 0; i < trend->len; i++)
    {
      double value = g_array_index (trend, double, i);
      double x = 3 + step * i;
      double y;

      if (isnan (value))
        {
          pen_down = FALSE;
          continue;
        }
      y = 2 + (height - 4) * (1.0 - CLAMP (value, 0, 100) / 100.0);
      if (pen_down)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      pen_down = TRUE;
    }
  cairo_stroke (cr);

  /* The last point, where the line ends today. */
  {
    double last = g_array_index (trend, double, trend->len - 1);

    if (!isnan (last))
      {
        cairo_arc (cr, 3 + step * (trend->len - 1), 2 + (height - 4) * (1.0 - CLAMP (last, 0, 100) / 100.0),
                   2.5, 0, 2 * G_PI);
        cairo_fill (cr);
      }
  }
}

/* Shows @cards (%NULL: none; @error says why when set), keeping the
 * selected unit selected, or selecting the one a rename or a merge asked
 * for. */
static void
show_cards (DdUnitsPage  *self,
            GListModel   *cards,
            const GError *error)
{
  g_autofree char *summary = NULL;
  DdScorecard *selected = dd_units_page_get_selected (self);
  gint64 selected_id = self->select_after;
  guint n = 0, scored = 0, n_groups = 0;

  if (selected_id == 0 && selected != NULL)
    selected_id = dd_scorecard_get_unit_id (selected);
  self->select_after = 0;

  if (cards == NULL && error != NULL)
    summary = g_strdup_printf (_("The scorecards could not be read: %s"), error->message);

  g_list_store_remove_all (self->cards);
  for (guint i = 0; cards != NULL && i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(DdScorecard) card = g_list_model_get_item (cards, i);

      /* A collective phrase ("các sở, ngành"): counted apart. */
      if (dd_scorecard_get_is_group (card))
        n_groups++;
      else
        n++;
      if (dd_scorecard_has_score (card))
        scored++;
      g_list_store_append (self->cards, card);
    }

  if (summary == NULL)
    summary = g_strdup_printf (ngettext ("%u unit, %u with a score. Select a unit to see how its score is made; "
                                         "activate it to see its tasks.",
                                         "%u units, %u with a score. Select a unit to see how its score is made; "
                                         "activate it to see its tasks.",
                                         n),
                               n, scored);
  if (n_groups > 0 && cards != NULL)
    {
      g_autofree char *units = g_steal_pointer (&summary);

      summary = g_strdup_printf (ngettext ("%s %u row is a collective phrase of the plan (“the departments” "
                                           "and the like): not a unit, not scored.",
                                           "%s %u rows are collective phrases of the plan (“the departments” "
                                           "and the like): not units, not scored.", n_groups), units, n_groups);
    }
  gtk_label_set_text (self->summary_label, summary);

  if (selected_id == 0 || !dd_units_page_select_unit (self, selected_id))
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  dd_unit_card_show (self->card, dd_units_page_get_selected (self));
  update_actions (self);
}

/* A count holds the page weakly: a page gone meanwhile is not kept alive
 * for its cards. */
static gpointer
weak_page_new (DdUnitsPage *self)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  return ref;
}

static DdUnitsPage *
weak_page_steal (gpointer data)
{
  GWeakRef *ref = data;
  DdUnitsPage *self = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return self;
}

/* Callbacks */

static void
on_cards_counted_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(DdUnitsPage) self = weak_page_steal (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cards = dd_scoring_list_scorecards_finish (DD_SCORING (source), result, &error);

  /* Other cards asked for since (another period, the file changed), or
   * the page is gone: these are not the ones to show. */
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  self->loading = FALSE;
  show_cards (self, cards, error);
}

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *child;

  if (column == COLUMN_TREND)
    {
      child = gtk_drawing_area_new ();
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (child), 72);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (child), 20);
    }
  else
    {
      child = gtk_label_new (NULL);
      /* Two lines, as the level's take two: at 1366 px a unit's name
       * ("Trung tâm Phục vụ Hành chính công") is read whole. */
      if (column == COLUMN_NAME || column == COLUMN_LEVEL)
        {
          gtk_label_set_xalign (GTK_LABEL (child), 0.0);
          gtk_label_set_wrap (GTK_LABEL (child), TRUE);
          gtk_label_set_lines (GTK_LABEL (child), 2);
          gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
        }
      else
        {
          gtk_label_set_xalign (GTK_LABEL (child), 1.0);
          gtk_widget_add_css_class (child, "numeric");
        }
    }
  gtk_list_item_set_child (list_item, child);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  DdScorecard *card = gtk_list_item_get_item (list_item);
  g_autofree char *text = NULL;
  gboolean ranked;
  double rate;

  if (card == NULL)
    return;

  switch (column)
    {
    case COLUMN_TREND:
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (child), draw_trend, g_object_ref (card), g_object_unref);
      {
        GArray *trend = dd_scorecard_get_trend (card);
        g_autoptr(GString) tip = g_string_new (NULL);

        for (guint i = 0; trend != NULL && i < trend->len; i++)
          {
            g_autofree char *value = format_score (g_array_index (trend, double, i));

            g_string_append_printf (tip, "%s%s", i > 0 ? " → " : "", value);
          }
        gtk_widget_set_tooltip_text (child, tip->str);
      }
      return;

    case COLUMN_NAME:
      /* Translators: a row of the Units page that is a plan's collective
       * phrase, not a unit: “Tên gọi chung: Các sở, ban, ngành”. */
      text = dd_scorecard_get_is_group (card) ? g_strdup_printf (_("Collective phrase: %s"),
                                                                 dd_scorecard_get_unit_name (card))
                                              : g_strdup (dd_scorecard_get_unit_name (card));
      gtk_label_set_text (GTK_LABEL (child), text);
      gtk_widget_set_tooltip_text (child, dd_scorecard_get_is_group (card)
                                   ? _("A group of units named collectively in the plan")
                                   : dd_scorecard_get_unit_name (card));
      if (dd_scorecard_get_is_group (card))
        gtk_widget_add_css_class (child, "dim-label");
      else
        gtk_widget_remove_css_class (child, "dim-label");
      return;

    case COLUMN_RATE:
      text = dd_scorecard_get_completion_rate (card, &rate) ? dd_format_share (100.0 * rate)
                                                            : g_strdup ("—");
      break;

    case COLUMN_SCORE:
      text = format_score (column_value (card, column));
      break;

    case COLUMN_LEVEL:
      if (dd_scorecard_has_score (card))
        text = g_strdup (dd_score_level_get_label (dd_scorecard_get_level (card)));
      else
        text = g_strdup (dd_scorecard_get_no_score_reason (card));
      gtk_widget_set_tooltip_text (child, text);
      break;

    case COLUMN_RANK:
      /* Equal scores share a rank (1, 2, 2, 4); a score of 0 ranks nothing. */
      ranked = dd_scorecard_has_score (card) && dd_scorecard_get_score (card) > 0;
      text = ranked ? format_count (dd_scorecard_get_rank (card)) : g_strdup ("—");
      gtk_widget_set_tooltip_text (child, dd_scorecard_has_score (card) && !ranked
                                          ? _("A score of 0 is not ranked") : NULL);
      break;

    case COLUMN_LED:
    case COLUMN_COORDINATED:
    case COLUMN_ON_TIME:
    case COLUMN_LATE:
    case COLUMN_OVERDUE:
    case COLUMN_FORGOTTEN:
    default:
      text = format_count ((guint) column_value (card, column));
      break;
    }
  gtk_label_set_text (GTK_LABEL (child), text);
}

static void
on_cell_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  GtkWidget *child = gtk_list_item_get_child (list_item);

  if (GPOINTER_TO_INT (user_data) == COLUMN_TREND)
    gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (child), NULL, NULL, NULL);
}

static void
on_selection_changed_cb (DdUnitsPage *self)
{
  dd_unit_card_show (self->card, dd_units_page_get_selected (self));
  update_actions (self);
}

static void
on_column_view_activate_cb (DdUnitsPage *self,
                            guint        position)
{
  g_autoptr(DdScorecard) card = NULL;

  card = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (card != NULL)
    g_signal_emit (self, signals [SHOW_TASKS], 0, (gint64) 0, dd_scorecard_get_unit_id (card), -1);
}

static void
on_kind_dropdown_selected_cb (DdUnitsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);
  DdOccurrenceKind kind;
  DdScorePeriod period;
  GDate day;

  if (selected >= G_N_ELEMENTS (dropdown_kinds))
    return;
  kind = dropdown_kinds[selected];
  if (kind == self->period.kind)
    return;
  /* The period of the new kind that holds the end of the one shown. */
  day = self->period.end;
  dd_score_period_for_date (&period, kind, &day);
  dd_units_page_set_period (self, &period);
}

static void
on_store_changed_cb (DdUnitsPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    dd_units_page_reload (self);
  else
    self->dirty = TRUE;
}

/* Actions */

static void
shift_period (DdUnitsPage *self,
              int          offset)
{
  DdScorePeriod period;

  dd_score_period_shift (&self->period, offset, &period);
  dd_units_page_set_period (self, &period);
}

static void
previous_period_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  shift_period (DD_UNITS_PAGE (widget), -1);
}

static void
next_period_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  shift_period (DD_UNITS_PAGE (widget), 1);
}

static void
show_error (DdUnitsPage  *self,
            const char   *primary,
            const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", primary);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A small dialog: a message, one input widget, Cancel and an action. */
static GtkWidget *
new_dialog (DdUnitsPage *self,
            const char  *title,
            const char  *message,
            GtkWidget   *input,
            const char  *action)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = gtk_dialog_new_with_buttons (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT |
                                                   GTK_DIALOG_USE_HEADER_BAR,
                                                   _("_Cancel"), GTK_RESPONSE_CANCEL,
                                                   action, GTK_RESPONSE_ACCEPT,
                                                   NULL);
  GtkWidget *area = gtk_dialog_get_content_area (GTK_DIALOG (dialog));
  GtkWidget *label = gtk_label_new (message);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
  gtk_box_set_spacing (GTK_BOX (area), 12);
  gtk_widget_set_margin_start (area, 18);
  gtk_widget_set_margin_end (area, 18);
  gtk_widget_set_margin_top (area, 18);
  gtk_widget_set_margin_bottom (area, 18);
  gtk_box_append (GTK_BOX (area), label);
  gtk_box_append (GTK_BOX (area), input);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT),
                            "suggested-action");
  return dialog;
}

static void
on_rename_response_cb (GtkDialog *dialog,
                       int        response,
                       gpointer   user_data)
{
  DdUnitsPage *self = DD_UNITS_PAGE (user_data);
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      !dd_units_page_rename_selected (self, gtk_editable_get_text (entry), &error))
    show_error (self, _("The unit could not be renamed"), error);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DdUnitsPage *self = DD_UNITS_PAGE (widget);
  DdScorecard *card = dd_units_page_get_selected (self);
  GtkWidget *entry, *dialog;
  g_autofree char *message = NULL;

  if (card == NULL)
    return;
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), dd_scorecard_get_unit_name (card));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  message = g_strdup_printf (_("New name of “%s”:"), dd_scorecard_get_unit_name (card));
  dialog = new_dialog (self, _("Rename Unit"), message, entry, _("_Rename"));
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_merge_response_cb (GtkDialog *dialog,
                      int        response,
                      gpointer   user_data)
{
  DdUnitsPage *self = DD_UNITS_PAGE (user_data);
  gint64 target = dd_merge_dialog_get_target (DD_MERGE_DIALOG (dialog));
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && target > 0 &&
      !dd_units_page_merge_selected (self, target, &error))
    show_error (self, _("The units could not be merged"), error);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DdUnitsPage *self = DD_UNITS_PAGE (widget);
  DdScorecard *card = dd_units_page_get_selected (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (card == NULL || self->store == NULL)
    return;
  dialog = dd_merge_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                                card, G_LIST_MODEL (self->cards));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_merge_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
scoring_rules_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DdUnitsPage *self = DD_UNITS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->store == NULL)
    return;
  dialog = dd_scoring_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject overrides */

static void
dd_units_page_map (GtkWidget *widget)
{
  DdUnitsPage *self = DD_UNITS_PAGE (widget);

  GTK_WIDGET_CLASS (dd_units_page_parent_class)->map (widget);

  /* The figures may have changed while another page was shown. */
  if (self->dirty)
    dd_units_page_reload (self);
}

static void
dd_units_page_dispose (GObject *object)
{
  DdUnitsPage *self = DD_UNITS_PAGE (object);

  /* Cards still being counted are dropped when they come. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->scoring);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_UNITS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->cards);

  G_OBJECT_CLASS (dd_units_page_parent_class)->dispose (object);
}

static void
dd_units_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DdUnitsPage *self = DD_UNITS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_units_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DdUnitsPage *self = DD_UNITS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      dd_units_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_units_page_refresh (DdPage *page)
{
  dd_units_page_reload (DD_UNITS_PAGE (page));
}

static void
dd_units_page_page_init (DdPageInterface *iface)
{
  iface->title = N_("Units");
  iface->icon_name = "system-users-symbolic";
  iface->refresh = dd_units_page_refresh;
}

static void
dd_units_page_class_init (DdUnitsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_units_page_dispose;
  object_class->get_property = dd_units_page_get_property;
  object_class->set_property = dd_units_page_set_property;

  widget_class->map = dd_units_page_map;

  g_object_class_override_property (object_class, PROP_STORE, "store");

  /**
   * DdUnitsPage::show-tasks:
   * @plan_id: 0
   * @unit_id: the unit activated
   * @status: -1
   *
   * Asks the window to show the tasks of a unit.
   */
  signals [SHOW_TASKS] =
    g_signal_new ("show-tasks",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT);

  gtk_widget_class_install_action (widget_class, "units.previous-period", NULL, previous_period_action);
  gtk_widget_class_install_action (widget_class, "units.next-period", NULL, next_period_action);
  gtk_widget_class_install_action (widget_class, "units.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "units.merge", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "units.scoring-rules", NULL, scoring_rules_action);

  g_type_ensure (DD_TYPE_UNIT_CARD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-units-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, box);
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, rename_button);
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, merge_button);
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, scoring_button);
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, access_bar);
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, access_label);
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, led_column);
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, coordinated_column);
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, on_time_column);
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, late_column);
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, overdue_column);
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, forgotten_column);
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, rate_column);
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, score_column);
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, level_column);
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, rank_column);
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, trend_column);
  gtk_widget_class_bind_template_child (widget_class, DdUnitsPage, card);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_dropdown_selected_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
setup_column (GtkColumnViewColumn *view_column,
              Column               column)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSorter) sorter = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "unbind", G_CALLBACK (on_cell_unbind_cb), GINT_TO_POINTER (column));
  gtk_column_view_column_set_factory (view_column, factory);

  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_cards, GINT_TO_POINTER (column), NULL));
  gtk_column_view_column_set_sorter (view_column, sorter);
}

static void
dd_units_page_init (DdUnitsPage *self)
{
  GtkColumnViewColumn *columns[] = {
    self->name_column, self->led_column, self->coordinated_column, self->on_time_column,
    self->late_column, self->overdue_column, self->forgotten_column, self->rate_column,
    self->score_column, self->level_column, self->rank_column, self->trend_column,
  };
  GDate today;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The template children exist only now. */
  columns[COLUMN_NAME] = self->name_column;
  columns[COLUMN_LED] = self->led_column;
  columns[COLUMN_COORDINATED] = self->coordinated_column;
  columns[COLUMN_ON_TIME] = self->on_time_column;
  columns[COLUMN_LATE] = self->late_column;
  columns[COLUMN_OVERDUE] = self->overdue_column;
  columns[COLUMN_FORGOTTEN] = self->forgotten_column;
  columns[COLUMN_RATE] = self->rate_column;
  columns[COLUMN_SCORE] = self->score_column;
  columns[COLUMN_LEVEL] = self->level_column;
  columns[COLUMN_RANK] = self->rank_column;
  columns[COLUMN_TREND] = self->trend_column;
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    setup_column (columns[i], (Column) i);

  self->cards = g_list_store_new (DD_TYPE_SCORECARD);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->cards)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);

  /* By name, in Vietnamese order. */
  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);

  g_date_clear (&self->as_of, 1);
  dd_date_set_today (&today);
  dd_score_period_for_date (&self->period, DD_OCCURRENCE_QUARTER, &today);
  update_period_label (self);
  update_actions (self);
}

/* Public API */

GtkWidget *
dd_units_page_new (DdStore *store)
{
  return g_object_new (DD_TYPE_UNITS_PAGE, "store", store, NULL);
}

DdStore *
dd_units_page_get_store (DdUnitsPage *self)
{
  g_return_val_if_fail (DD_IS_UNITS_PAGE (self), NULL);

  return self->store;
}

void
dd_units_page_set_store (DdUnitsPage *self,
                         DdStore     *store)
{
  g_return_if_fail (DD_IS_UNITS_PAGE (self));
  g_return_if_fail (store == NULL || DD_IS_STORE (store));

  if (store == self->store)
    return;
  /* The scorecards' object first: the refresh below reads through it.
   * Cards still being counted from the other store are dropped. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->scoring);
  if (store != NULL)
    self->scoring = dd_scoring_new (store);
  if (!dd_page_set_store_field (DD_PAGE (self), &self->store, store, G_CALLBACK (on_store_changed_cb)))
    return;
  if (self->store != NULL)
    dd_access_connect (self->store, G_CALLBACK (update_actions), self);
}

const DdScorePeriod *
dd_units_page_get_period (DdUnitsPage *self)
{
  g_return_val_if_fail (DD_IS_UNITS_PAGE (self), NULL);

  return &self->period;
}

void
dd_units_page_set_period (DdUnitsPage         *self,
                          const DdScorePeriod *period)
{
  g_return_if_fail (DD_IS_UNITS_PAGE (self));
  g_return_if_fail (period != NULL);

  self->period = *period;
  for (guint i = 0; i < G_N_ELEMENTS (dropdown_kinds); i++)
    if (dropdown_kinds[i] == period->kind && gtk_drop_down_get_selected (self->kind_dropdown) != i)
      gtk_drop_down_set_selected (self->kind_dropdown, i);
  update_period_label (self);
  dd_units_page_reload (self);
}

void
dd_units_page_set_as_of (DdUnitsPage *self,
                         const GDate *as_of)
{
  g_return_if_fail (DD_IS_UNITS_PAGE (self));

  if (dd_date_is_set (as_of))
    self->as_of = *as_of;
  else
    g_date_clear (&self->as_of, 1);
  dd_units_page_reload (self);
}

GListModel *
dd_units_page_get_model (DdUnitsPage *self)
{
  g_return_val_if_fail (DD_IS_UNITS_PAGE (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

gboolean
dd_units_page_select_unit (DdUnitsPage *self,
                           gint64       unit_id)
{
  guint n;

  g_return_val_if_fail (DD_IS_UNITS_PAGE (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdScorecard) card = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      if (dd_scorecard_get_unit_id (card) == unit_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

DdScorecard *
dd_units_page_get_selected (DdUnitsPage *self)
{
  g_return_val_if_fail (DD_IS_UNITS_PAGE (self), NULL);

  if (self->selection == NULL)
    return NULL;
  return gtk_single_selection_get_selected_item (self->selection);
}

char *
dd_units_page_dup_card_text (DdUnitsPage *self)
{
  g_return_val_if_fail (DD_IS_UNITS_PAGE (self), NULL);

  return dd_unit_card_dup_text (self->card);
}

gboolean
dd_units_page_rename_selected (DdUnitsPage  *self,
                               const char   *name,
                               GError      **error)
{
  DdScorecard *card;
  gint64 unit_id;

  g_return_val_if_fail (DD_IS_UNITS_PAGE (self), FALSE);

  card = dd_units_page_get_selected (self);
  if (card == NULL || self->store == NULL)
    return TRUE;
  unit_id = dd_scorecard_get_unit_id (card);
  if (!dd_store_rename_unit (self->store, unit_id, name, error))
    return FALSE;
  self->select_after = unit_id;
  dd_units_page_reload (self);
  return TRUE;
}

gboolean
dd_units_page_merge_selected (DdUnitsPage  *self,
                              gint64        into_unit_id,
                              GError      **error)
{
  DdScorecard *card;

  g_return_val_if_fail (DD_IS_UNITS_PAGE (self), FALSE);

  card = dd_units_page_get_selected (self);
  if (card == NULL || self->store == NULL)
    return TRUE;
  if (!dd_store_merge_units (self->store, dd_scorecard_get_unit_id (card), into_unit_id, error))
    return FALSE;
  self->select_after = into_unit_id;
  dd_units_page_reload (self);
  return TRUE;
}

/**
 * dd_units_page_reload:
 *
 * Counts the scorecards of the period from the store again, keeping the
 * selected unit selected. On a file they arrive later, from a worker
 * thread (see dd_units_page_is_loading()); the cards shown stay until then.
 */
void
dd_units_page_reload (DdUnitsPage *self)
{
  g_return_if_fail (DD_IS_UNITS_PAGE (self));

  self->dirty = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->scoring == NULL)
    {
      /* No store: no cards. */
      self->loading = FALSE;
      show_cards (self, NULL, NULL);
      return;
    }

  /* What the user may do follows the store at once, not the cards. */
  update_actions (self);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  dd_scoring_list_scorecards_async (self->scoring, &self->period,
                                    dd_date_is_set (&self->as_of) ? &self->as_of : NULL,
                                    self->cancellable, on_cards_counted_cb, weak_page_new (self));
}

/**
 * dd_units_page_is_loading:
 *
 * Returns: whether the cards asked for last are still being counted; the
 *   rows are those cards once it is %FALSE
 */
gboolean
dd_units_page_is_loading (DdUnitsPage *self)
{
  g_return_val_if_fail (DD_IS_UNITS_PAGE (self), FALSE);

  return self->loading;
}
