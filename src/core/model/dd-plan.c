/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-plan"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-core-private.h"

struct _DdPlan
{
  GObject parent_instance;

  gint64 id;
  char *number;
  GDate issued_on;
  char *title;
  char *issuer;
  char *basis;
  guint n_tasks;
  gboolean is_sample;
};

G_DEFINE_FINAL_TYPE (DdPlan, dd_plan, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NUMBER,
  PROP_TITLE,
  PROP_DISPLAY_NAME,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
dd_plan_finalize (GObject *object)
{
  DdPlan *self = (DdPlan *) object;

  g_free (self->number);
  g_free (self->title);
  g_free (self->issuer);
  g_free (self->basis);

  G_OBJECT_CLASS (dd_plan_parent_class)->finalize (object);
}

static void
dd_plan_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  DdPlan *self = DD_PLAN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DISPLAY_NAME:
      g_value_take_string (value, dd_plan_dup_display_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_plan_class_init (DdPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_plan_finalize;
  object_class->get_property = dd_plan_get_property;

  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_NUMBER] =
    g_param_spec_string ("number", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_plan_init (DdPlan *self)
{
  g_date_clear (&self->issued_on, 1);
}

DdPlan *
_dd_plan_new (gint64       id,
              const char  *number,
              const GDate *issued_on,
              const char  *title,
              const char  *issuer,
              const char  *basis,
              guint        n_tasks,
              gboolean     is_sample)
{
  DdPlan *self = g_object_new (DD_TYPE_PLAN, NULL);

  self->id = id;
  self->number = g_strdup (number);
  if (dd_date_is_set (issued_on))
    self->issued_on = *issued_on;
  self->title = g_strdup (title);
  self->issuer = g_strdup (issuer);
  self->basis = g_strdup (basis);
  self->n_tasks = n_tasks;
  self->is_sample = is_sample;

  return self;
}

gint64
dd_plan_get_id (DdPlan *self)
{
  g_return_val_if_fail (DD_IS_PLAN (self), 0);
  return self->id;
}

const char *
dd_plan_get_number (DdPlan *self)
{
  g_return_val_if_fail (DD_IS_PLAN (self), NULL);
  return self->number;
}

const GDate *
dd_plan_get_issued_on (DdPlan *self)
{
  g_return_val_if_fail (DD_IS_PLAN (self), NULL);
  return dd_date_is_set (&self->issued_on) ? &self->issued_on : NULL;
}

const char *
dd_plan_get_title (DdPlan *self)
{
  g_return_val_if_fail (DD_IS_PLAN (self), NULL);
  return self->title;
}

const char *
dd_plan_get_issuer (DdPlan *self)
{
  g_return_val_if_fail (DD_IS_PLAN (self), NULL);
  return self->issuer;
}

const char *
dd_plan_get_basis (DdPlan *self)
{
  g_return_val_if_fail (DD_IS_PLAN (self), NULL);
  return self->basis;
}

guint
dd_plan_get_n_tasks (DdPlan *self)
{
  g_return_val_if_fail (DD_IS_PLAN (self), 0);
  return self->n_tasks;
}

gboolean
dd_plan_get_is_sample (DdPlan *self)
{
  g_return_val_if_fail (DD_IS_PLAN (self), FALSE);
  return self->is_sample;
}

char *
dd_plan_dup_display_name (DdPlan *self)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (DD_IS_PLAN (self), NULL);

  /* A plan without a number is the built-in plan of assignments outside
   * any plan: its (translated) title names it. */
  if (self->number == NULL || *self->number == '\0')
    return g_strdup (self->title);
  date = dd_date_to_dmy (dd_plan_get_issued_on (self));
  if (date != NULL)
    /* Translators: "Plan no. 662/KH-VPUB of 28/04/2026" */
    return g_strdup_printf (_("Plan no. %s of %s"), self->number, date);
  /* Translators: "Plan no. 662/KH-VPUB" */
  return g_strdup_printf (_("Plan no. %s"), self->number);
}
