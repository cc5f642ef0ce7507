/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-overview-page.h"
#include "dd-page.h"
#include "dd-status-pill.h"

/*
 * DdOverviewPage: how each plan stands as of today: its header (number,
 * date, title, issuer, basis documents) with its own counts of tasks by
 * status. Every count opens the tasks behind it ("show-tasks").
 *
 * It is the lower part of the one overview page, under the dashboard's
 * figures and charts (DdDashboardPage holds it; it scrolls with them), no
 * longer a page of the sidebar of its own. Its counts are read on the
 * main thread, after the page's first frame and once the dashboard's
 * figures have arrived (dd_overview_page_hold()), so that those come first.
 */

struct _DdOverviewPage
{
  GtkWidget parent_instance;

  DdStore *store;
  gboolean dirty;
  gboolean held;                /* the dashboard above is still reading */
  guint reload_id;              /* the reading after the first frame */

  /* Template children */
  GtkWidget *content_box;
  GtkLabel *as_of_label;
  GtkFlowBox *plans_box;
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

static void dd_overview_page_page_init (DdPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdOverviewPage, dd_overview_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DD_TYPE_PAGE, dd_overview_page_page_init))

/* Auxiliary methods */

static void
on_count_clicked_cb (GtkButton      *button,
                     DdOverviewPage *self)
{
  gint64 plan_id = *(gint64 *) g_object_get_data (G_OBJECT (button), "dd-plan-id");
  int status = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "dd-status"));

  g_signal_emit (self, signals [SHOW_TASKS], 0, plan_id, (gint64) 0, status);
}

static GtkWidget *
new_count_button (DdOverviewPage *self,
                  gint64          plan_id,
                  int             status,
                  guint           count,
                  gboolean        big)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *pill = dd_status_pill_new ();
  g_autofree char *number = dd_format_count (count);
  GtkWidget *number_label = gtk_label_new (number);
  gint64 *plan_id_data = g_new (gint64, 1);

  *plan_id_data = plan_id;

  gtk_widget_add_css_class (number_label, big ? "count-number" : "count-number-small");
  gtk_label_set_xalign (GTK_LABEL (number_label), 0.0);
  dd_status_pill_set_status (pill, status, NULL);
  gtk_box_append (GTK_BOX (box), number_label);
  gtk_box_append (GTK_BOX (box), pill);

  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "count-button");
  gtk_widget_set_tooltip_text (button, _("Show these tasks"));
  g_object_set_data_full (G_OBJECT (button), "dd-plan-id", plan_id_data, g_free);
  g_object_set_data (G_OBJECT (button), "dd-status", GINT_TO_POINTER (status));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_count_clicked_cb), self, 0);

  return button;
}

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static gboolean
count (DdOverviewPage *self,
       gint64          plan_id,
       const GDate    *today,
       guint           counts[DD_N_STATUSES])
{
  g_autoptr(GError) error = NULL;
  DdTaskQuery query;

  dd_task_query_init (&query);
  query.as_of = *today;
  query.due_soon_days = dd_store_get_due_soon_days (self->store, NULL);
  query.plan_id = plan_id;

  if (!dd_store_count_by_status (self->store, &query, counts, &error))
    {
      g_debug ("Could not count the tasks: %s", error->message);
      return FALSE;
    }

  return TRUE;
}

/* A plan's counts: in one row when they fit, else in rows as even as the
 * width allows (4 + 3, never 6 + 1), in columns of one width. A GtkFlowBox
 * fills each row before the next, so it leaves a count alone in the last. */

#define COUNT_SPACING 6

/* The columns for @n counts @child_width wide each in @width. */
static int
count_columns (int n,
               int child_width,
               int width)
{
  int fit = MAX (1, (width + COUNT_SPACING) / (child_width + COUNT_SPACING));
  int rows;

  if (n <= 0 || fit >= n)
    return MAX (n, 1);
  rows = (n + fit - 1) / fit;
  return (n + rows - 1) / rows;
}

/* The widest and tallest count (natural sizes), and how many are shown. */
static void
measure_counts (GtkWidget *box,
                int       *width,
                int       *height,
                int       *n)
{
  *width = *height = *n = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_width;
      int child_height;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &child_width, NULL, NULL);
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, -1, NULL, &child_height, NULL, NULL);
      *width = MAX (*width, child_width);
      *height = MAX (*height, child_height);
      (*n)++;
    }
}

static void
counts_measure (GtkWidget      *box,
                GtkOrientation  orientation,
                int             for_size,
                int            *minimum,
                int            *natural,
                int            *minimum_baseline,
                int            *natural_baseline)
{
  int width;
  int height;
  int n;

  measure_counts (box, &width, &height, &n);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = width;
      *natural = n * width + MAX (n - 1, 0) * COUNT_SPACING;
    }
  else if (for_size < 0)
    {
      /* At the narrowest width: one a row. */
      *minimum = *natural = n * height + MAX (n - 1, 0) * COUNT_SPACING;
    }
  else
    {
      int columns = count_columns (n, width, for_size);
      int rows = (n + columns - 1) / columns;

      *minimum = *natural = rows * height + MAX (rows - 1, 0) * COUNT_SPACING;
    }
}

static GtkSizeRequestMode
counts_request_mode (GtkWidget *box)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
counts_allocate (GtkWidget *box,
                 int        width,
                 int        height,
                 int        baseline)
{
  int child_width;
  int child_height;
  int n;
  int columns;
  int column_width;
  int i = 0;

  measure_counts (box, &child_width, &child_height, &n);
  columns = count_columns (n, child_width, width);
  column_width = MAX (child_width, (width - (columns - 1) * COUNT_SPACING) / columns);
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkAllocation allocation;

      if (!gtk_widget_should_layout (child))
        continue;
      allocation.x = (i % columns) * (column_width + COUNT_SPACING);
      allocation.y = (i / columns) * (child_height + COUNT_SPACING);
      allocation.width = column_width;
      allocation.height = child_height;
      gtk_widget_size_allocate (child, &allocation, -1);
      i++;
    }
}

static GtkWidget *
new_counts_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_set_layout_manager (box, gtk_custom_layout_new (counts_request_mode, counts_measure, counts_allocate));
  gtk_widget_add_css_class (box, "plan-counts");
  return box;
}

static GtkWidget *
new_plan_card (DdOverviewPage *self,
               DdPlan         *plan,
               const GDate    *today)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *counts_box;
  GtkWidget *button;
  g_autofree char *name = dd_plan_dup_display_name (plan);
  g_autofree char *n_tasks = NULL;
  guint counts[DD_N_STATUSES] = { 0, };
  const char *basis = dd_plan_get_basis (plan);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "plan-card");

  gtk_box_append (GTK_BOX (card), new_label (name != NULL ? name : dd_plan_get_number (plan), "title-3"));
  gtk_box_append (GTK_BOX (card), new_label (dd_plan_get_title (plan), "plan-title"));

  if (dd_plan_get_issuer (plan) != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: the body that issued a plan. */
      text = g_strdup_printf (_("Issued by: %s"), dd_plan_get_issuer (plan));
      gtk_box_append (GTK_BOX (card), new_label (text, NULL));
    }

  if (basis != NULL && *basis != '\0')
    {
      g_auto(GStrv) lines = g_strsplit (basis, "\n", -1);

      gtk_box_append (GTK_BOX (card), new_label (_("Based on:"), "heading"));
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_autofree char *line = NULL;

          g_strstrip (lines[i]);
          if (*lines[i] == '\0')
            continue;

          line = g_strdup_printf ("• %s", lines[i]);
          gtk_box_append (GTK_BOX (card), new_label (line, "basis"));
        }
    }

  {
    g_autofree char *count = dd_format_count (dd_plan_get_n_tasks (plan));

    n_tasks = g_strdup_printf (ngettext ("%s task", "%s tasks", dd_plan_get_n_tasks (plan)), count);
  }
  if (dd_plan_get_is_sample (plan))
    {
      g_autofree char *text = NULL;

      /* Translators: the number of tasks of a plan that is sample data. */
      text = g_strdup_printf (_("%s — sample data"), n_tasks);
      gtk_box_append (GTK_BOX (card), new_label (text, "dim-label"));
    }
  else
    gtk_box_append (GTK_BOX (card), new_label (n_tasks, "dim-label"));

  counts_box = new_counts_box ();
  if (count (self, dd_plan_get_id (plan), today, counts))
    for (guint i = 0; i < DD_N_STATUSES; i++)
      gtk_box_append (GTK_BOX (counts_box), new_count_button (self, dd_plan_get_id (plan), i, counts[i], FALSE));
  gtk_box_append (GTK_BOX (card), counts_box);

  button = gtk_button_new_with_mnemonic (_("Show the plan’s _tasks"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  g_object_set_data_full (G_OBJECT (button), "dd-plan-id",
                          g_memdup2 (&(gint64) { dd_plan_get_id (plan) }, sizeof (gint64)), g_free);
  g_object_set_data (G_OBJECT (button), "dd-status", GINT_TO_POINTER (-1));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_count_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (card), button);

  return card;
}

/* Plans shown with their own counts; a file may hold hundreds. */
#define MAX_PLAN_CARDS 12

/* Callbacks */

static void
on_store_changed_cb (DdOverviewPage *self)
{
  dd_page_refresh (DD_PAGE (self));
}

static gboolean
reload_idle_cb (gpointer data)
{
  DdOverviewPage *self = data;

  self->reload_id = 0;
  dd_overview_page_reload (self);
  return G_SOURCE_REMOVE;
}

/* DdPage */

/* Read when shown: a file with years of plans is not read for a page
 * nobody looks at. */
static void
dd_overview_page_refresh (DdPage *page)
{
  DdOverviewPage *self = DD_OVERVIEW_PAGE (page);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && !self->held)
    dd_overview_page_reload (self);
  else
    self->dirty = TRUE;
}

/* At a low priority, after the frame being drawn: when shown, not held,
 * and with something to read. */
static void
schedule_reload (DdOverviewPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && !self->held && (self->dirty || self->store != NULL)
      && self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_LOW, reload_idle_cb, self, NULL);
}

static void
dd_overview_page_page_init (DdPageInterface *iface)
{
  iface->title = N_("Overview");
  iface->icon_name = "view-grid-symbolic";
  iface->refresh = dd_overview_page_refresh;
}

/* GObject overrides */

static void
dd_overview_page_map (GtkWidget *widget)
{
  DdOverviewPage *self = DD_OVERVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (dd_overview_page_parent_class)->map (widget);

  /* Tasks may have been edited on the task page meanwhile: the counts are
   * cheap, read them again each time the page is shown, once the
   * dashboard above has drawn its first frame. */
  if (self->held)
    self->dirty = TRUE;
  schedule_reload (self);
}

static void
dd_overview_page_dispose (GObject *object)
{
  DdOverviewPage *self = DD_OVERVIEW_PAGE (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_handle_id (&self->reload_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_OVERVIEW_PAGE);

  G_OBJECT_CLASS (dd_overview_page_parent_class)->dispose (object);
}

static void
dd_overview_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DdOverviewPage *self = DD_OVERVIEW_PAGE (object);

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
dd_overview_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DdOverviewPage *self = DD_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      dd_overview_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_overview_page_class_init (DdOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_overview_page_dispose;
  object_class->get_property = dd_overview_page_get_property;
  object_class->set_property = dd_overview_page_set_property;

  widget_class->map = dd_overview_page_map;

  g_object_class_override_property (object_class, PROP_STORE, "store");

  /**
   * DdOverviewPage::show-tasks:
   * @plan_id: the plan, or 0 for all
   * @unit_id: 0
   * @status: the status, or -1 for all
   *
   * Asks the window to show the tasks behind a count.
   */
  signals [SHOW_TASKS] =
    g_signal_new ("show-tasks",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DdOverviewPage, content_box);
  gtk_widget_class_bind_template_child (widget_class, DdOverviewPage, as_of_label);
  gtk_widget_class_bind_template_child (widget_class, DdOverviewPage, plans_box);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dd_overview_page_init (DdOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
dd_overview_page_new (DdStore *store)
{
  return g_object_new (DD_TYPE_OVERVIEW_PAGE, "store", store, NULL);
}

DdStore *
dd_overview_page_get_store (DdOverviewPage *self)
{
  g_return_val_if_fail (DD_IS_OVERVIEW_PAGE (self), NULL);

  return self->store;
}

void
dd_overview_page_set_store (DdOverviewPage *self,
                            DdStore        *store)
{
  g_return_if_fail (DD_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (store == NULL || DD_IS_STORE (store));

  dd_page_set_store_field (DD_PAGE (self), &self->store, store, G_CALLBACK (on_store_changed_cb));
}

/**
 * dd_overview_page_hold:
 * @held: whether the counts wait
 *
 * Keeps the counts from being read while @held (the dashboard above reads
 * its figures on its workers: these are read on the main thread, which
 * hands the figures over), and reads them when let go if the page is
 * shown meanwhile.
 */
void
dd_overview_page_hold (DdOverviewPage *self,
                       gboolean        held)
{
  g_return_if_fail (DD_IS_OVERVIEW_PAGE (self));

  self->held = held;
  if (held)
    {
      if (self->reload_id != 0)
        self->dirty = TRUE;
      g_clear_handle_id (&self->reload_id, g_source_remove);
    }
  else if (self->dirty)
    schedule_reload (self);
}

/**
 * dd_overview_page_reload:
 *
 * Reads the plans and the counts from the store again, as of today.
 */
void
dd_overview_page_reload (DdOverviewPage *self)
{
  g_autoptr(GListModel) plans = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *child;
  guint n_plans;
  GDate today;

  g_return_if_fail (DD_IS_OVERVIEW_PAGE (self));

  self->dirty = FALSE;
  g_clear_handle_id (&self->reload_id, g_source_remove);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->plans_box))) != NULL)
    gtk_flow_box_remove (self->plans_box, child);

  dd_date_set_today (&today);
  date = dd_format_date (&today);
  /* Translators: the heading of the plans on the overview page, under the
   * charts: "Các kế hoạch, tính đến ngày 28/04/2026". */
  heading = g_strdup_printf (_("The plans as of %s"), date);
  gtk_label_set_text (self->as_of_label, heading);

  if (self->store == NULL)
    return;

  plans = dd_store_list_plans (self->store, &error);
  if (plans == NULL)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (_("The plans could not be read: %s"), error->message);
      gtk_flow_box_append (self->plans_box, new_label (text, "error"));
      return;
    }

  if (g_list_model_get_n_items (plans) == 0)
    gtk_flow_box_append (self->plans_box,
                         new_label (_("There is no plan in this database yet. Import one with “Import Plan…” in the main menu."),
                                    "dim-label"));

  /* The most recent plans (the list comes newest first); older ones are a
   * choice of the plan filter away on the task page. */
  n_plans = g_list_model_get_n_items (plans);
  for (guint i = 0; i < MIN (n_plans, MAX_PLAN_CARDS); i++)
    {
      g_autoptr(DdPlan) plan = g_list_model_get_item (plans, i);

      gtk_flow_box_append (self->plans_box, new_plan_card (self, plan, &today));
    }
  if (n_plans > MAX_PLAN_CARDS)
    {
      g_autofree char *more = NULL;

      more = g_strdup_printf (ngettext ("%u older plan is not shown here: choose it in the plan filter of the task list.",
                                        "%u older plans are not shown here: choose them in the plan filter of the task list.",
                                        n_plans - MAX_PLAN_CARDS),
                              n_plans - MAX_PLAN_CARDS);
      gtk_flow_box_append (self->plans_box, new_label (more, "dim-label"));
    }
}
