/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-date-popover"

#include "config.h"

#include <glib/gi18n.h>
#include <dondoc/dondoc.h>

#include "dd-date-popover.h"

/*
 * DdDatePopover: a popover to pick a day, for a menu button: a calendar,
 * and with "show-today" a Today button under it. The person's choice
 * emits "day-selected" (Today closes the popover first); a day set by the
 * program does not.
 */

struct _DdDatePopover
{
  GtkPopover parent_instance;

  gboolean show_today;
  guint setting;                  /* the calendar's day is being set */
  GtkCalendar *calendar;
};

enum {
  PROP_0,
  PROP_SHOW_TODAY,
  N_PROPS
};

enum {
  DAY_SELECTED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdDatePopover, dd_date_popover, GTK_TYPE_POPOVER)

/* Callbacks */

static void
on_calendar_day_selected_cb (DdDatePopover *self)
{
  if (self->setting == 0)
    g_signal_emit (self, signals [DAY_SELECTED], 0);
}

static void
on_today_clicked_cb (DdDatePopover *self)
{
  GDate today;

  dd_date_set_today (&today);
  gtk_popover_popdown (GTK_POPOVER (self));
  dd_date_popover_set_date (self, &today);
  g_signal_emit (self, signals [DAY_SELECTED], 0);
}

/* GObject overrides */

static void
dd_date_popover_constructed (GObject *object)
{
  DdDatePopover *self = DD_DATE_POPOVER (object);
  GtkWidget *calendar = gtk_calendar_new ();

  G_OBJECT_CLASS (dd_date_popover_parent_class)->constructed (object);

  self->calendar = GTK_CALENDAR (calendar);
  g_signal_connect_object (calendar, "day-selected",
                           G_CALLBACK (on_calendar_day_selected_cb), self, G_CONNECT_SWAPPED);

  if (self->show_today)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *today = gtk_button_new_with_mnemonic (_("_Today"));

      g_signal_connect_object (today, "clicked", G_CALLBACK (on_today_clicked_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (box), calendar);
      gtk_box_append (GTK_BOX (box), today);
      gtk_popover_set_child (GTK_POPOVER (self), box);
    }
  else
    gtk_popover_set_child (GTK_POPOVER (self), calendar);
}

static void
dd_date_popover_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DdDatePopover *self = DD_DATE_POPOVER (object);

  switch (prop_id)
    {
    case PROP_SHOW_TODAY:
      g_value_set_boolean (value, self->show_today);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_date_popover_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DdDatePopover *self = DD_DATE_POPOVER (object);

  switch (prop_id)
    {
    case PROP_SHOW_TODAY:
      self->show_today = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_date_popover_class_init (DdDatePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = dd_date_popover_constructed;
  object_class->get_property = dd_date_popover_get_property;
  object_class->set_property = dd_date_popover_set_property;

  /**
   * DdDatePopover:show-today:
   *
   * Whether a Today button is under the calendar.
   */
  properties [PROP_SHOW_TODAY] =
    g_param_spec_boolean ("show-today", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_CONSTRUCT_ONLY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DdDatePopover::day-selected:
   *
   * The person picked a day (dd_date_popover_get_date() says which).
   */
  signals [DAY_SELECTED] =
    g_signal_new ("day-selected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
dd_date_popover_init (DdDatePopover *self)
{
}

/* Public API */

/**
 * dd_date_popover_new:
 * @show_today: whether to put a Today button under the calendar
 *
 * Returns: (transfer floating): a new popover
 */
GtkWidget *
dd_date_popover_new (gboolean show_today)
{
  return g_object_new (DD_TYPE_DATE_POPOVER, "show-today", show_today, NULL);
}

void
dd_date_popover_set_date (DdDatePopover *self,
                          const GDate   *date)
{
  g_autoptr(GDateTime) dt = NULL;

  g_return_if_fail (DD_IS_DATE_POPOVER (self));

  if (!dd_date_is_set (date))
    return;

  dt = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                              g_date_get_day (date), 0, 0, 0);
  self->setting++;
  gtk_calendar_select_day (self->calendar, dt);
  self->setting--;
}

void
dd_date_popover_get_date (DdDatePopover *self,
                          GDate         *out_date)
{
  g_autoptr(GDateTime) dt = NULL;

  g_return_if_fail (DD_IS_DATE_POPOVER (self));
  g_return_if_fail (out_date != NULL);

  dt = gtk_calendar_get_date (self->calendar);
  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date,
                  g_date_time_get_day_of_month (dt),
                  g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
}
