/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-dashboard-page"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-chart-card.h"
#include "dd-chart-view.h"
#include "dd-dashboard-page.h"
#include "dd-empty-state.h"
#include "dd-overview-page.h"
#include "dd-page.h"
#include "dd-status-pill.h"
#include "dd-date-popover.h"
#include "dd-plan-dropdown.h"

/*
 * DdDashboardPage: how the plan stands, in one look. A row of headline
 * figures over the four charts of the core (DdChart), for one plan or all,
 * as of a reference date, the completion chart and the indicators over a
 * period. Every figure, segment and bar opens the tasks behind it:
 * "show-tasks" (plan, unit, status), or "show-lead-tasks" for a unit's bar,
 * which stands for the tasks that unit leads.
 *
 * The figures are read once per reload and handed to the charts; the page
 * draws nothing itself.
 *
 * They are read off the main thread by the core
 * (dd_stats_load_dashboard_async()): on a file of years of plans they take
 * a few hundred milliseconds, which the window opening on this page would
 * otherwise wait for before its first frame, and a change of filter would
 * freeze it for. Until they arrive the figures show "…" and the charts
 * nothing ("loading"); figures asked for before them (other filters, the
 * file changed meanwhile) are dropped when they arrive.
 */

struct _DdDashboardPage
{
  GtkWidget parent_instance;

  DdStore *store;
  GDate as_of;
  GDate custom_from;
  GDate custom_to;
  guint updating;
  gboolean fresh;                 /* read since the page was last hidden */
  DdStats *stats;                 /* reads the figures on a worker of its own */
  GCancellable *cancellable;      /* of the reading asked for last */
  DdStatsQuery query;             /* the figures asked for last */
  gboolean loading;               /* those figures are still being read */
  gboolean counting;              /* the "6 rõ" count likewise (read after them) */
  gboolean deriving;              /* the derived indicators likewise (read beside them) */
  DdStatsReading *derived;        /* those, when they came before the figures */
  gboolean plans_pending;         /* the plans asked for have not arrived */
  DdStatsHeadline headline;
  DdChartCard *cards[DD_N_CHART_KINDS];
  DdChartView *views[DD_N_CHART_KINDS];     /* the cards' */

  /* Template children */
  GtkOverlay *overlay;            /* bound so that dispose unparents it */
  GtkWidget *content_box;
  GtkDropDown *plan_dropdown;
  GtkDropDown *period_dropdown;
  GtkMenuButton *from_button;
  DdDatePopover *from_popover;
  GtkMenuButton *to_button;
  DdDatePopover *to_popover;
  GtkLabel *period_label;
  GtkMenuButton *as_of_button;
  DdDatePopover *as_of_popover;
  GtkFlowBox *headline_box;
  GtkFlowBox *charts_box;
  DdOverviewPage *plans_section;  /* each plan's header and counts, under the charts */
  GtkButton *tasks_button;
  GtkLabel *tasks_value;
  GtkButton *on_time_button;
  GtkLabel *on_time_value;
  GtkLabel *on_time_caption;
  GtkButton *late_button;
  GtkLabel *late_value;
  GtkLabel *late_caption;
  GtkButton *overdue_button;
  GtkLabel *overdue_value;
  GtkLabel *overdue_caption;
  GtkButton *due_soon_button;
  GtkLabel *due_soon_value;
  GtkLabel *due_soon_caption;
  GtkButton *forgotten_button;
  GtkLabel *forgotten_value;
  GtkLabel *forgotten_caption;
  GtkLabel *rate_value;
  GtkButton *six_clear_button;
  GtkLabel *six_clear_value;
  guint n_six_clear;
};

enum {
  PROP_0,
  PROP_AS_OF,
  PROP_LOADING,
  N_PROPS,

  /* DdPage */
  PROP_STORE = N_PROPS,
};

enum {
  SHOW_TASKS,
  SHOW_LEAD_TASKS,
  SHOW_SIX_CLEAR_TASKS,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void dd_dashboard_page_page_init (DdPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdDashboardPage, dd_dashboard_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DD_TYPE_PAGE, dd_dashboard_page_page_init))

/* Auxiliary methods */

static DdDashboardPeriod
get_period (DdDashboardPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);

  if (selected > DD_DASHBOARD_PERIOD_CUSTOM)
    return DD_DASHBOARD_PERIOD_QUARTER;
  return (DdDashboardPeriod) selected;
}

static void
update_date_buttons (DdDashboardPage *self)
{
  g_autofree char *as_of = dd_format_date (&self->as_of);
  g_autofree char *as_of_text = NULL;
  gboolean custom = get_period (self) == DD_DASHBOARD_PERIOD_CUSTOM;
  GDate from, to;

  /* Translators: the reference date of the task statuses: "Tính đến 28/04/2026". */
  as_of_text = g_strdup_printf (_("As of %s"), as_of);
  gtk_menu_button_set_label (self->as_of_button, as_of_text);

  dd_dashboard_page_get_period (self, &from, &to);

  if (custom)
    {
      g_autofree char *from_date = dd_format_date (&from);
      g_autofree char *to_date = dd_format_date (&to);
      g_autofree char *from_text = NULL;
      g_autofree char *to_text = NULL;

      /* Translators: the first day of the dashboard's custom period: "Từ 01/04/2026". */
      from_text = g_strdup_printf (_("From %s"), from_date);
      /* Translators: the last day of the dashboard's custom period: "Đến 30/06/2026". */
      to_text = g_strdup_printf (_("To %s"), to_date);
      gtk_menu_button_set_label (self->from_button, from_text);
      gtk_menu_button_set_label (self->to_button, to_text);
    }
  else
    {
      g_autofree char *from_date = dd_format_date (&from);
      g_autofree char *to_date = dd_format_date (&to);
      g_autofree char *range = NULL;

      /* Translators: the dates of the dashboard's period, then the cards it
       * applies to (the others count every task as of the reference date):
       * "01/04/2026 – 30/06/2026: completion and indicator charts". */
      range = g_strdup_printf (_("%s – %s: completion and indicator charts"), from_date, to_date);
      gtk_label_set_text (self->period_label, range);
    }

  /* The parents are the GtkFlowBoxChild of the tool bar. */
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->from_button)), custom);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->to_button)), custom);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->period_label)), !custom);
}

/* Fills the plan drop-down with "All plans" and @plan_list (nullable),
 * selecting @plan_id (or all plans when it is not there). */
static void
set_plans (DdDashboardPage *self,
           GListModel      *plan_list,
           gint64           plan_id)
{
  self->updating++;
  dd_plan_dropdown_set_plans (self->plan_dropdown, plan_list, plan_id);
  self->updating--;
}

static void start_load (DdDashboardPage *self,
                        gboolean         with_plans);

/* Reads the plans again, then the figures. */
static void
reload_all (DdDashboardPage *self)
{
  start_load (self, TRUE);
  self->fresh = TRUE;
}

static void
set_number (GtkLabel *label,
            guint     value)
{
  g_autofree char *text = dd_format_number (value, 0);

  gtk_label_set_text (label, text);
}

static void
update_headline (DdDashboardPage *self)
{
  const DdStatsHeadline *hl = &self->headline;
  GtkLabel *values[] = {
    self->tasks_value, self->on_time_value, self->late_value, self->overdue_value,
    self->due_soon_value, self->forgotten_value, self->rate_value,
  };

  /* Neither zeros nor the figures of other filters while they are read. */
  if (self->counting)
    /* Translators: a dashboard figure that is still being read. */
    gtk_label_set_text (self->six_clear_value, C_("figure being read", "…"));
  else
    set_number (self->six_clear_value, self->n_six_clear);

  if (self->loading)
    {
      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        gtk_label_set_text (values[i], C_("figure being read", "…"));
      return;
    }

  set_number (self->tasks_value, hl->tasks);
  set_number (self->on_time_value, hl->counts[DD_STATUS_DONE_ON_TIME]);
  set_number (self->late_value, hl->counts[DD_STATUS_DONE_LATE]);
  set_number (self->overdue_value, hl->counts[DD_STATUS_OVERDUE]);
  set_number (self->due_soon_value, hl->counts[DD_STATUS_DUE_SOON]);
  set_number (self->forgotten_value, hl->counts[DD_STATUS_FORGOTTEN]);

  if (hl->has_rate)
    {
      g_autofree char *rate = dd_format_percent (100.0 * hl->completion_rate, 1);

      gtk_label_set_text (self->rate_value, rate);
    }
  else
    /* Translators: the completion rate when no task is done or overdue yet. */
    gtk_label_set_text (self->rate_value, C_("completion rate", "—"));
}

static gboolean
is_loading (DdDashboardPage *self)
{
  return self->loading || self->counting || self->deriving;
}

/* @loading: the figures and charts are being read; @counting: the "6 rõ"
 * count; @deriving: the derived indicators, whose chart waits for them
 * too. */
static void
set_loading (DdDashboardPage *self,
             gboolean         loading,
             gboolean         counting,
             gboolean         deriving)
{
  gboolean was = is_loading (self);

  for (guint i = 0; i < DD_N_CHART_KINDS; i++)
    dd_chart_view_set_loading (self->views[i], loading || (i == DD_CHART_INDICATORS && deriving));

  self->loading = loading;
  self->counting = counting;
  self->deriving = deriving;
  update_headline (self);
  /* The plans' counts under the charts are read on this thread, which
   * hands the figures over: after them. */
  dd_overview_page_hold (self->plans_section, is_loading (self));

  if (was != is_loading (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

/* The figures are read on the DdStats's worker (a thread and a connection
 * of its own, below drawing and input), followed there by the "6 rõ"
 * count: that one reads every task's text, and the figures need not wait
 * for it. The derived indicators (the scorecards of the period, the
 * longest reading) are asked at the same time and read beside them, on
 * the DdStats's second worker: the page is complete when the longer of
 * the two is, not their sum. A new reading cancels the one before: what
 * it brings is dropped. */

/* A file without any plan says so, with the buttons that import one or
 * add a task, instead of zeros and empty charts. */
static void
show_plans (DdDashboardPage *self,
            GListModel      *plans)
{
  gboolean none = plans == NULL || g_list_model_get_n_items (plans) == 0;

  gtk_widget_set_visible (self->content_box, !none);
  dd_empty_state_set (self->overlay, none ? DD_EMPTY_STATE_NO_PLAN : DD_EMPTY_STATE_NONE);
}

/* Shows the figures of @reading (the empty dashboard when NULL). */
static void
apply_figures (DdDashboardPage      *self,
               const DdStatsReading *reading)
{
  DdStatsDashboard empty;
  const DdStatsDashboard *dashboard = &empty;

  memset (&empty, 0, sizeof empty);
  if (reading != NULL && (reading->loaded & DD_STATS_LOAD_PLANS))
    {
      set_plans (self, reading->plans, reading->query.tasks.plan_id);
      show_plans (self, reading->plans);
      self->plans_pending = FALSE;
    }
  if (reading != NULL && (reading->loaded & DD_STATS_LOAD_FIGURES))
    dashboard = &reading->dashboard;

  self->headline = dashboard->headline;
  for (guint i = 0; i < DD_N_CHART_KINDS; i++)
    dd_chart_card_set_dashboard (self->cards[i], dashboard);
}

/* A reading holds the page weakly: a page closed meanwhile is not kept
 * alive for its figures. */
static gpointer
weak_page_new (DdDashboardPage *self)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  return ref;
}

static DdDashboardPage *
weak_page_steal (gpointer data)
{
  GWeakRef *ref = data;
  DdDashboardPage *self = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return self;
}

/* The indicators chart again, with the derived indicators' figures. */
static void
apply_derived (DdDashboardPage *self)
{
  DdStatsDashboard indicators;

  if (self->derived == NULL)
    return;
  memset (&indicators, 0, sizeof indicators);
  indicators.indicators = self->derived->dashboard.indicators;
  dd_chart_card_set_dashboard (self->cards[DD_CHART_INDICATORS], &indicators);
  g_clear_pointer (&self->derived, dd_stats_reading_free);
}

/* The derived indicators' figures, read beside the others: shown at once
 * when the other figures are, else kept until they come (the chart would
 * otherwise show them, then lose them to the figures without). */
static void
on_derived_read_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(DdDashboardPage) self = weak_page_steal (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStatsReading) reading = dd_stats_load_dashboard_finish (DD_STATS (source), result, &error);

  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->views[0] == NULL)
    return;
  if (reading == NULL)
    g_debug ("Could not read the derived indicators' figures: %s", error->message);
  g_clear_pointer (&self->derived, dd_stats_reading_free);
  self->derived = g_steal_pointer (&reading);
  if (!self->loading)
    apply_derived (self);
  set_loading (self, self->loading, self->counting, FALSE);
}

static void
on_six_clear_read_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(DdDashboardPage) self = weak_page_steal (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStatsReading) reading = dd_stats_load_dashboard_finish (DD_STATS (source), result, &error);

  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->views[0] == NULL)
    return;
  if (reading == NULL)
    g_debug ("Could not count the tasks not clear in 6 ways: %s", error->message);
  self->n_six_clear = reading != NULL ? reading->n_six_clear : 0;
  set_loading (self, self->loading, FALSE, self->deriving);
}

static void
on_figures_read_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(DdDashboardPage) self = weak_page_steal (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStatsReading) reading = dd_stats_load_dashboard_finish (DD_STATS (source), result, &error);

  /* Other figures asked for since (other filters, the file changed), or
   * the page is gone: these are not the ones to show. */
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->views[0] == NULL)
    return;
  if (reading == NULL)
    g_debug ("Could not read the figures of the dashboard: %s", error->message);

  apply_figures (self, reading);
  /* The derived indicators, when they came first. */
  apply_derived (self);
  set_loading (self, FALSE, self->counting, self->deriving);
}

/* Asks for the figures of the filters as they are now (and the plans of
 * the drop-down first when @with_plans); those asked for before are
 * dropped. */
static void
start_load (DdDashboardPage *self,
            gboolean         with_plans)
{
  DdStatsQuery *query = &self->query;

  if (self->views[0] == NULL)
    return;

  update_date_buttons (self);
  memset (&self->headline, 0, sizeof self->headline);
  self->n_six_clear = 0;
  g_clear_pointer (&self->derived, dd_stats_reading_free);
  /* Plans asked for by a reading that was dropped are still to read. */
  self->plans_pending |= with_plans;

  dd_stats_query_init (query);
  query->tasks.as_of = self->as_of;
  query->tasks.plan_id = dd_dashboard_page_get_plan_id (self);
  dd_dashboard_page_get_period (self, &query->from, &query->to);
  /* Weeks over a quarter at most, months beyond. */
  query->interval = g_date_days_between (&query->from, &query->to) <= 92
                    ? DD_STATS_BY_WEEK : DD_STATS_BY_MONTH;

  /* The titles say the reference date: right at once. */
  for (guint i = 0; i < DD_N_CHART_KINDS; i++)
    dd_chart_card_set_as_of (self->cards[i], &self->as_of);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->stats == NULL)
    {
      /* Nothing to read: the empty dashboard. */
      apply_figures (self, NULL);
      set_loading (self, FALSE, FALSE, FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE, TRUE, TRUE);
  /* All asked at once: the figures on one worker, the "6 rõ" count on the
   * other meanwhile, then the derived indicators after the count there. */
  dd_stats_load_dashboard_async (self->stats, query,
                                 DD_STATS_LOAD_FIGURES | (self->plans_pending ? DD_STATS_LOAD_PLANS : 0),
                                 self->cancellable, on_figures_read_cb, weak_page_new (self));
  dd_stats_load_dashboard_async (self->stats, query, DD_STATS_LOAD_SIX_CLEAR, self->cancellable,
                                 on_six_clear_read_cb, weak_page_new (self));
  dd_stats_load_dashboard_async (self->stats, query, DD_STATS_LOAD_DERIVED, self->cancellable,
                                 on_derived_read_cb, weak_page_new (self));
}

/* Callbacks */

static void
on_segment_activated_cb (DdChartView      *view,
                         const DdChartHit *hit,
                         DdDashboardPage  *self)
{
  gint64 plan_id = dd_dashboard_page_get_plan_id (self);

  switch (hit->kind)
    {
    case DD_CHART_STATUS:
      if (hit->status >= 0)
        g_signal_emit (self, signals [SHOW_TASKS], 0, plan_id, (gint64) 0, hit->status);
      break;

    case DD_CHART_UNITS:
      /* A bar stands for the tasks its unit leads. The tasks without a
       * lead unit (unit 0) cannot be filtered apart: they open nothing. */
      if (hit->has_unit && hit->unit_id > 0)
        g_signal_emit (self, signals [SHOW_LEAD_TASKS], 0, plan_id, hit->unit_id, hit->status);
      else if (!hit->has_unit && hit->status >= 0)
        g_signal_emit (self, signals [SHOW_TASKS], 0, plan_id, (gint64) 0, hit->status);
      break;

    case DD_CHART_PROGRESS:
    case DD_CHART_INDICATORS:
    default:
      break;
    }
}

static void
on_headline_clicked_cb (GtkButton       *button,
                        DdDashboardPage *self)
{
  int status = -1;

  if (button == self->on_time_button)
    status = DD_STATUS_DONE_ON_TIME;
  else if (button == self->late_button)
    status = DD_STATUS_DONE_LATE;
  else if (button == self->overdue_button)
    status = DD_STATUS_OVERDUE;
  else if (button == self->due_soon_button)
    status = DD_STATUS_DUE_SOON;
  else if (button == self->forgotten_button)
    status = DD_STATUS_FORGOTTEN;

  g_signal_emit (self, signals [SHOW_TASKS], 0, dd_dashboard_page_get_plan_id (self), (gint64) 0, status);
}

/* A count of the plans under the charts: the same as a figure's. */
static void
on_plans_show_tasks_cb (DdOverviewPage  *section,
                        gint64           plan_id,
                        gint64           unit_id,
                        int              status,
                        DdDashboardPage *self)
{
  g_signal_emit (self, signals [SHOW_TASKS], 0, plan_id, unit_id, status);
}

static void
on_six_clear_clicked_cb (DdDashboardPage *self)
{
  g_signal_emit (self, signals [SHOW_SIX_CLEAR_TASKS], 0, dd_dashboard_page_get_plan_id (self));
}

static void
on_filter_changed_cb (DdDashboardPage *self)
{
  if (self->updating == 0)
    dd_dashboard_page_reload (self);
}

static void
on_period_changed_cb (DdDashboardPage *self)
{
  if (self->updating > 0)
    return;

  /* A custom period starts from the one shown until now. */
  if (get_period (self) == DD_DASHBOARD_PERIOD_CUSTOM && !dd_date_is_set (&self->custom_from))
    {
      dd_dashboard_period_get_range (DD_DASHBOARD_PERIOD_QUARTER, &self->as_of, NULL, NULL,
                                     &self->custom_from, &self->custom_to);
      self->updating++;
      dd_date_popover_set_date (self->from_popover, &self->custom_from);
      dd_date_popover_set_date (self->to_popover, &self->custom_to);
      self->updating--;
    }

  dd_dashboard_page_reload (self);
}

static void
on_from_popover_day_selected_cb (DdDashboardPage *self)
{
  if (self->updating > 0)
    return;

  dd_date_popover_get_date (self->from_popover, &self->custom_from);
  gtk_popover_popdown (GTK_POPOVER (self->from_popover));
  dd_dashboard_page_reload (self);
}

static void
on_to_popover_day_selected_cb (DdDashboardPage *self)
{
  if (self->updating > 0)
    return;

  dd_date_popover_get_date (self->to_popover, &self->custom_to);
  gtk_popover_popdown (GTK_POPOVER (self->to_popover));
  dd_dashboard_page_reload (self);
}

/* A day, or Today (which closes the popover). */
static void
on_as_of_popover_day_selected_cb (DdDashboardPage *self)
{
  GDate date;

  if (self->updating > 0)
    return;

  dd_date_popover_get_date (self->as_of_popover, &date);
  dd_dashboard_page_set_as_of (self, &date);
}

static void
on_store_changed_cb (DdDashboardPage *self)
{
  /* A hidden page reads the store again when it is shown. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload_all (self);
}

static GtkWidget *
new_chart_card (DdDashboardPage *self,
                DdChartKind      kind)
{
  g_autoptr(DdChart) chart = dd_chart_new (kind);
  GtkWidget *card = dd_chart_card_new (chart);

  self->cards[kind] = DD_CHART_CARD (card);
  self->views[kind] = dd_chart_card_get_view (self->cards[kind]);
  g_signal_connect_object (self->views[kind], "segment-activated",
                           G_CALLBACK (on_segment_activated_cb), self, 0);

  return card;
}

/* GObject overrides */

static void
dd_dashboard_page_map (GtkWidget *widget)
{
  DdDashboardPage *self = DD_DASHBOARD_PAGE (widget);

  GTK_WIDGET_CLASS (dd_dashboard_page_parent_class)->map (widget);

  /* Shown again: the tasks may have changed meanwhile, here or on
   * another desktop. (Not when the store was just given: the window opens
   * on this page, and the figures of 100,000 tasks are read once.) */
  if (self->store != NULL && !self->fresh)
    reload_all (self);
}

static void
dd_dashboard_page_unmap (GtkWidget *widget)
{
  DdDashboardPage *self = DD_DASHBOARD_PAGE (widget);

  self->fresh = FALSE;

  GTK_WIDGET_CLASS (dd_dashboard_page_parent_class)->unmap (widget);
}

static void
dd_dashboard_page_dispose (GObject *object)
{
  DdDashboardPage *self = DD_DASHBOARD_PAGE (object);

  /* A reading still running is dropped when it ends. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->stats);
  g_clear_pointer (&self->derived, dd_stats_reading_free);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_DASHBOARD_PAGE);

  for (guint i = 0; i < DD_N_CHART_KINDS; i++)
    {
      self->cards[i] = NULL;
      self->views[i] = NULL;
    }

  G_OBJECT_CLASS (dd_dashboard_page_parent_class)->dispose (object);
}

static void
dd_dashboard_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DdDashboardPage *self = DD_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_AS_OF:
      g_value_set_boxed (value, &self->as_of);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, is_loading (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_dashboard_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DdDashboardPage *self = DD_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      dd_dashboard_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_AS_OF:
      if (g_value_get_boxed (value) != NULL)
        dd_dashboard_page_set_as_of (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The template, its children and its callbacks. */
static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, overlay);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, content_box);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, plan_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, from_button);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, from_popover);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, to_button);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, to_popover);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, as_of_button);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, as_of_popover);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, headline_box);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, charts_box);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, tasks_button);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, tasks_value);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, on_time_button);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, on_time_value);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, on_time_caption);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, late_button);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, late_value);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, late_caption);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, overdue_button);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, overdue_value);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, overdue_caption);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, due_soon_button);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, due_soon_value);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, due_soon_caption);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, forgotten_button);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, forgotten_value);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, forgotten_caption);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, rate_value);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, six_clear_button);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, six_clear_value);
  gtk_widget_class_bind_template_callback (widget_class, on_six_clear_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_from_popover_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_to_popover_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_as_of_popover_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_headline_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, DdDashboardPage, plans_section);
  gtk_widget_class_bind_template_callback (widget_class, on_plans_show_tasks_cb);
}

static void
dd_dashboard_page_refresh (DdPage *page)
{
  reload_all (DD_DASHBOARD_PAGE (page));
}

/* The reference date and the plan of the figures: the window lists the
 * tasks behind a figure as of that date, so that they are the same tasks. */
static void
dd_dashboard_page_save_state (DdPage      *page,
                              DdPageState *state)
{
  DdDashboardPage *self = DD_DASHBOARD_PAGE (page);

  state->as_of = self->as_of;
  state->plan_id = dd_dashboard_page_get_plan_id (self);
}

static void
dd_dashboard_page_page_init (DdPageInterface *iface)
{
  /* The one overview: the figures and charts, then each plan's counts. */
  iface->title = N_("Overview");
  iface->icon_name = "x-office-presentation-symbolic";
  iface->refresh = dd_dashboard_page_refresh;
  iface->save_state = dd_dashboard_page_save_state;
}

static void
dd_dashboard_page_class_init (DdDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_dashboard_page_dispose;
  object_class->get_property = dd_dashboard_page_get_property;
  object_class->set_property = dd_dashboard_page_set_property;

  widget_class->map = dd_dashboard_page_map;
  widget_class->unmap = dd_dashboard_page_unmap;

  g_object_class_override_property (object_class, PROP_STORE, "store");

  /**
   * DdDashboardPage:as-of:
   *
   * The reference date of the statuses (a #GDate). The window lists the
   * tasks behind a chart as of this date, so that they are the same tasks.
   */
  properties [PROP_AS_OF] =
    g_param_spec_boxed ("as-of", NULL, NULL,
                        G_TYPE_DATE,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * DdDashboardPage:loading:
   *
   * Whether the figures asked for last are still being read (on a worker
   * thread); the page shows "…" until they arrive.
   */
  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DdDashboardPage::show-tasks:
   * @plan_id: the plan, or 0 for all
   * @unit_id: 0
   * @status: the status, or -1 for all
   *
   * Asks the window to show the tasks behind a figure or a segment.
   */
  signals [SHOW_TASKS] =
    g_signal_new ("show-tasks",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT);

  /**
   * DdDashboardPage::show-lead-tasks:
   * @plan_id: the plan, or 0 for all
   * @unit_id: the unit
   * @status: the status, or -1 for all
   *
   * Asks the window to show the tasks @unit_id leads (not those it only
   * coordinates): a bar of the units chart.
   */
  signals [SHOW_LEAD_TASKS] =
    g_signal_new ("show-lead-tasks",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT);

  /**
   * DdDashboardPage::show-six-clear-tasks:
   * @plan_id: the plan, or 0 for all
   *
   * Asks the window to show the tasks that fail the "6 rõ" check.
   */
  signals [SHOW_SIX_CLEAR_TASKS] =
    g_signal_new ("show-six-clear-tasks",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (DD_TYPE_CHART_VIEW);
  g_type_ensure (DD_TYPE_DATE_POPOVER);
  g_type_ensure (DD_TYPE_OVERVIEW_PAGE);

  bind_template (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dd_dashboard_page_init (DdDashboardPage *self)
{
  g_date_clear (&self->as_of, 1);
  g_date_clear (&self->custom_from, 1);
  g_date_clear (&self->custom_to, 1);
  dd_date_set_today (&self->as_of);

  self->updating++;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* A quarter at first: long enough for a trend, short enough to act on. */
  gtk_drop_down_set_selected (self->period_dropdown, DD_DASHBOARD_PERIOD_QUARTER);
  dd_date_popover_set_date (self->as_of_popover, &self->as_of);

  dd_status_pill_set_status (GTK_WIDGET (self->on_time_caption), DD_STATUS_DONE_ON_TIME, NULL);
  dd_status_pill_set_status (GTK_WIDGET (self->late_caption), DD_STATUS_DONE_LATE, NULL);
  dd_status_pill_set_status (GTK_WIDGET (self->overdue_caption), DD_STATUS_OVERDUE, NULL);
  dd_status_pill_set_status (GTK_WIDGET (self->due_soon_caption), DD_STATUS_DUE_SOON, NULL);
  dd_status_pill_set_status (GTK_WIDGET (self->forgotten_caption), DD_STATUS_FORGOTTEN, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->on_time_caption), "status-pill");
  gtk_widget_add_css_class (GTK_WIDGET (self->late_caption), "status-pill");
  gtk_widget_add_css_class (GTK_WIDGET (self->overdue_caption), "status-pill");
  gtk_widget_add_css_class (GTK_WIDGET (self->due_soon_caption), "status-pill");
  gtk_widget_add_css_class (GTK_WIDGET (self->forgotten_caption), "status-pill");

  for (guint i = 0; i < DD_N_CHART_KINDS; i++)
    gtk_flow_box_append (self->charts_box, new_chart_card (self, i));

  /* Nothing in the grids is selected or activated: only their buttons and
   * charts are. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->charts_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->headline_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);

  set_plans (self, NULL, 0);
  update_date_buttons (self);
  update_headline (self);

  self->updating--;
}

/* Public API */

/**
 * dd_dashboard_page_new:
 * @store: (nullable): the database
 *
 * Returns: (transfer full): a new page
 */
GtkWidget *
dd_dashboard_page_new (DdStore *store)
{
  g_return_val_if_fail (store == NULL || DD_IS_STORE (store), NULL);

  return g_object_new (DD_TYPE_DASHBOARD_PAGE, "store", store, NULL);
}

/**
 * dd_dashboard_page_get_store:
 *
 * Returns: (transfer none) (nullable): the database
 */
DdStore *
dd_dashboard_page_get_store (DdDashboardPage *self)
{
  g_return_val_if_fail (DD_IS_DASHBOARD_PAGE (self), NULL);

  return self->store;
}

void
dd_dashboard_page_set_store (DdDashboardPage *self,
                             DdStore         *store)
{
  g_return_if_fail (DD_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (store == NULL || DD_IS_STORE (store));

  if (self->store == store)
    return;

  /* The worker's connection was to the other file. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->stats);
  if (store != NULL)
    self->stats = dd_stats_new (store);

  dd_page_set_store_field (DD_PAGE (self), &self->store, store, G_CALLBACK (on_store_changed_cb));
  dd_overview_page_set_store (self->plans_section, store);
}

const GDate *
dd_dashboard_page_get_as_of (DdDashboardPage *self)
{
  g_return_val_if_fail (DD_IS_DASHBOARD_PAGE (self), NULL);

  return &self->as_of;
}

/**
 * dd_dashboard_page_set_as_of:
 * @as_of: a valid date
 *
 * Sets the reference date and reads the figures again.
 */
void
dd_dashboard_page_set_as_of (DdDashboardPage *self,
                             const GDate     *as_of)
{
  g_return_if_fail (DD_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (as_of != NULL && g_date_valid (as_of));

  if (g_date_compare (&self->as_of, as_of) == 0)
    return;

  self->as_of = *as_of;

  self->updating++;
  dd_date_popover_set_date (self->as_of_popover, &self->as_of);
  self->updating--;

  dd_dashboard_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_AS_OF]);
}

gint64
dd_dashboard_page_get_plan_id (DdDashboardPage *self)
{
  g_return_val_if_fail (DD_IS_DASHBOARD_PAGE (self), 0);

  return dd_plan_dropdown_get_plan_id (self->plan_dropdown);
}

void
dd_dashboard_page_get_period (DdDashboardPage *self,
                              GDate           *out_from,
                              GDate           *out_to)
{
  g_return_if_fail (DD_IS_DASHBOARD_PAGE (self));

  dd_dashboard_period_get_range (get_period (self), &self->as_of,
                                 &self->custom_from, &self->custom_to,
                                 out_from, out_to);
}

const DdStatsHeadline *
dd_dashboard_page_get_headline (DdDashboardPage *self)
{
  g_return_val_if_fail (DD_IS_DASHBOARD_PAGE (self), NULL);

  return &self->headline;
}

DdChartView *
dd_dashboard_page_get_chart_view (DdDashboardPage *self,
                                  DdChartKind      kind)
{
  g_return_val_if_fail (DD_IS_DASHBOARD_PAGE (self), NULL);
  g_return_val_if_fail ((guint) kind < DD_N_CHART_KINDS, NULL);

  return self->views[kind];
}

/**
 * dd_dashboard_page_get_n_six_clear:
 *
 * Returns: the number of tasks shown as failing the "6 rõ" check
 */
guint
dd_dashboard_page_get_n_six_clear (DdDashboardPage *self)
{
  g_return_val_if_fail (DD_IS_DASHBOARD_PAGE (self), 0);

  return self->n_six_clear;
}

/**
 * dd_dashboard_page_reload:
 *
 * Reads every figure from the store again (the plans are read again when
 * the store changes or the page is shown). On a file they arrive later,
 * from a worker thread: see dd_dashboard_page_is_loading().
 */
void
dd_dashboard_page_reload (DdDashboardPage *self)
{
  g_return_if_fail (DD_IS_DASHBOARD_PAGE (self));

  start_load (self, FALSE);
}

/**
 * dd_dashboard_page_is_loading:
 *
 * Returns: whether the figures asked for last are still being read; the
 *   headline figures and the charts are those figures once it is %FALSE
 */
gboolean
dd_dashboard_page_is_loading (DdDashboardPage *self)
{
  g_return_val_if_fail (DD_IS_DASHBOARD_PAGE (self), FALSE);

  return is_loading (self);
}

/**
 * dd_dashboard_page_is_counting:
 *
 * Returns: whether the headline figures, the charts or the "6 rõ" count
 *   asked for last are still being read (the derived indicators may be,
 *   once it is %FALSE: see dd_dashboard_page_is_loading())
 */
gboolean
dd_dashboard_page_is_counting (DdDashboardPage *self)
{
  g_return_val_if_fail (DD_IS_DASHBOARD_PAGE (self), FALSE);

  return self->loading || self->counting;
}
