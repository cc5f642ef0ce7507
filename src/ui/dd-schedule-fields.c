/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-schedule-fields"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-access.h"
#include "dd-schedule-fields.h"

struct _DdScheduleFields
{
  GtkWidget parent_instance;

  /* Template children */
  GtkWidget *grid;
  GtkWidget *periods_title;
  GtkBox *periods_box;
  GtkWidget *due_rule_title;
  GtkWidget *due_rule_box;
  GtkDropDown *due_rule_dropdown;
  GtkSpinButton *due_param_spin;
  GtkLabel *due_param_label;
  GtkWidget *update_title;
  GtkWidget *update_box;
  GtkSpinButton *update_spin;

  /* Owned state */
  GtkWidget *period_checks[5];
  DdTaskSchedule schedule;        /* as last set */
  gboolean periodic;              /* the periods are the task's to choose */
  guint updating;
};

G_DEFINE_FINAL_TYPE (DdScheduleFields, dd_schedule_fields, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* The periods a schedule may name, in the order shown (their names:
 * dd_period_flag_get_label()). */
static const DdPeriodFlags period_kinds[] = {
  DD_PERIOD_MONTHLY, DD_PERIOD_QUARTERLY, DD_PERIOD_HALF_YEAR,
  DD_PERIOD_NINE_MONTHS, DD_PERIOD_YEARLY,
};

G_STATIC_ASSERT (G_N_ELEMENTS (period_kinds) == G_N_ELEMENTS (((DdScheduleFields *) 0)->period_checks));

/* Auxiliary methods */

/* The parameter's field follows the rule: none for the cut-off day, a day
 * of the month, or a number of working days. */
static void
update_due_param (DdScheduleFields *self)
{
  guint rule = gtk_drop_down_get_selected (self->due_rule_dropdown);

  gtk_widget_set_visible (GTK_WIDGET (self->due_param_spin), rule != DD_DUE_RULE_PERIOD_END);
  gtk_widget_set_visible (GTK_WIDGET (self->due_param_label), rule != DD_DUE_RULE_PERIOD_END);
  self->updating++;
  if (rule == DD_DUE_RULE_DAY_OF_MONTH)
    {
      gtk_spin_button_set_range (self->due_param_spin, 1, 31);
      gtk_label_set_text (self->due_param_label, _("(the day of the month)"));
    }
  else
    {
      gtk_spin_button_set_range (self->due_param_spin, 0, 60);
      gtk_label_set_text (self->due_param_label, _("working days"));
    }
  self->updating--;
}

static guint
read_period_checks (DdScheduleFields *self)
{
  guint periods = 0;

  for (guint i = 0; i < G_N_ELEMENTS (period_kinds); i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->period_checks[i])))
      periods |= period_kinds[i];
  return periods;
}

/* Callbacks */

static void
on_field_changed_cb (DdScheduleFields *self)
{
  if (self->updating > 0)
    return;
  update_due_param (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* GObject overrides */

static void
dd_schedule_fields_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DD_TYPE_SCHEDULE_FIELDS);

  G_OBJECT_CLASS (dd_schedule_fields_parent_class)->dispose (object);
}

static void
dd_schedule_fields_class_init (DdScheduleFieldsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_schedule_fields_dispose;

  /**
   * DdScheduleFields::changed:
   *
   * The user changed a field.
   */
  signals [SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-schedule-fields.ui");
  gtk_widget_class_bind_template_child (widget_class, DdScheduleFields, grid);
  gtk_widget_class_bind_template_child (widget_class, DdScheduleFields, periods_title);
  gtk_widget_class_bind_template_child (widget_class, DdScheduleFields, periods_box);
  gtk_widget_class_bind_template_child (widget_class, DdScheduleFields, due_rule_title);
  gtk_widget_class_bind_template_child (widget_class, DdScheduleFields, due_rule_box);
  gtk_widget_class_bind_template_child (widget_class, DdScheduleFields, due_rule_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdScheduleFields, due_param_spin);
  gtk_widget_class_bind_template_child (widget_class, DdScheduleFields, due_param_label);
  gtk_widget_class_bind_template_child (widget_class, DdScheduleFields, update_title);
  gtk_widget_class_bind_template_child (widget_class, DdScheduleFields, update_box);
  gtk_widget_class_bind_template_child (widget_class, DdScheduleFields, update_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dd_schedule_fields_init (DdScheduleFields *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (period_kinds); i++)
    {
      self->period_checks[i] = gtk_check_button_new_with_label (dd_period_flag_get_label (period_kinds[i]));
      g_signal_connect_object (self->period_checks[i], "toggled", G_CALLBACK (on_field_changed_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_box_append (self->periods_box, self->period_checks[i]);
    }
  dd_task_schedule_init (&self->schedule);
  self->periodic = TRUE;
  dd_schedule_fields_set_schedule (self, &self->schedule);
}

/* Public API */

GtkWidget *
dd_schedule_fields_new (void)
{
  return g_object_new (DD_TYPE_SCHEDULE_FIELDS, NULL);
}

void
dd_schedule_fields_set_schedule (DdScheduleFields     *self,
                                 const DdTaskSchedule *schedule)
{
  g_return_if_fail (DD_IS_SCHEDULE_FIELDS (self));
  g_return_if_fail (schedule != NULL);

  self->schedule = *schedule;
  self->updating++;
  for (guint i = 0; i < G_N_ELEMENTS (period_kinds); i++)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->period_checks[i]),
                                 (schedule->periods & period_kinds[i]) != 0);
  gtk_drop_down_set_selected (self->due_rule_dropdown, schedule->due_rule);
  update_due_param (self);
  gtk_spin_button_set_value (self->due_param_spin, schedule->due_param);
  gtk_spin_button_set_value (self->update_spin, schedule->update_every_months);
  self->updating--;
}

void
dd_schedule_fields_get_schedule (DdScheduleFields *self,
                                 DdTaskSchedule   *out)
{
  g_return_if_fail (DD_IS_SCHEDULE_FIELDS (self));
  g_return_if_fail (out != NULL);

  *out = self->schedule;
  if (self->periodic)
    out->periods = read_period_checks (self);
  out->due_rule = (DdDueRule) gtk_drop_down_get_selected (self->due_rule_dropdown);
  out->due_param = out->due_rule == DD_DUE_RULE_PERIOD_END
                   ? 0 : gtk_spin_button_get_value_as_int (self->due_param_spin);
  out->update_every_months = (guint) gtk_spin_button_get_value_as_int (self->update_spin);
}

gboolean
dd_schedule_fields_is_edited (DdScheduleFields *self)
{
  DdTaskSchedule fields;

  g_return_val_if_fail (DD_IS_SCHEDULE_FIELDS (self), FALSE);

  dd_schedule_fields_get_schedule (self, &fields);
  return fields.due_rule != self->schedule.due_rule
         || fields.due_param != self->schedule.due_param
         || fields.update_every_months != self->schedule.update_every_months
         || fields.periods != self->schedule.periods;
}

void
dd_schedule_fields_show_rows (DdScheduleFields *self,
                              gboolean          periodic,
                              gboolean          ongoing)
{
  g_return_if_fail (DD_IS_SCHEDULE_FIELDS (self));

  self->periodic = periodic;
  gtk_widget_set_visible (self->periods_title, periodic);
  gtk_widget_set_visible (GTK_WIDGET (self->periods_box), periodic);
  gtk_widget_set_visible (self->due_rule_title, periodic);
  gtk_widget_set_visible (self->due_rule_box, periodic);
  gtk_widget_set_visible (self->update_title, ongoing);
  gtk_widget_set_visible (self->update_box, ongoing);
}

void
dd_schedule_fields_set_editable (DdScheduleFields *self,
                                 gboolean          editable)
{
  g_return_if_fail (DD_IS_SCHEDULE_FIELDS (self));

  for (guint i = 0; i < G_N_ELEMENTS (period_kinds); i++)
    dd_access_set_sensitive (self->period_checks[i], editable);
  dd_access_set_sensitive (GTK_WIDGET (self->due_rule_dropdown), editable);
  dd_access_set_sensitive (GTK_WIDGET (self->due_param_spin), editable);
  dd_access_set_sensitive (GTK_WIDGET (self->update_spin), editable);
}
