/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-unit"

#include "config.h"

#include "dd-core-private.h"

struct _DdUnit
{
  GObject parent_instance;

  gint64 id;
  char *name;
  gboolean is_group;
  guint n_led;
  guint n_coordinated;
};

G_DEFINE_FINAL_TYPE (DdUnit, dd_unit, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_IS_GROUP,
  PROP_N_LED,
  PROP_N_COORDINATED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
dd_unit_finalize (GObject *object)
{
  DdUnit *self = (DdUnit *) object;

  g_free (self->name);

  G_OBJECT_CLASS (dd_unit_parent_class)->finalize (object);
}

static void
dd_unit_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  DdUnit *self = DD_UNIT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_IS_GROUP:
      g_value_set_boolean (value, self->is_group);
      break;
    case PROP_N_LED:
      g_value_set_uint (value, self->n_led);
      break;
    case PROP_N_COORDINATED:
      g_value_set_uint (value, self->n_coordinated);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_unit_class_init (DdUnitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_unit_finalize;
  object_class->get_property = dd_unit_get_property;

  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_IS_GROUP] =
    g_param_spec_boolean ("is-group", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_N_LED] =
    g_param_spec_uint ("n-led", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_N_COORDINATED] =
    g_param_spec_uint ("n-coordinated", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_unit_init (DdUnit *self)
{
}

DdUnit *
_dd_unit_new (gint64      id,
              const char *name,
              gboolean    is_group,
              guint       n_led,
              guint       n_coordinated)
{
  DdUnit *self = g_object_new (DD_TYPE_UNIT, NULL);

  self->id = id;
  self->name = g_strdup (name);
  self->is_group = is_group;
  self->n_led = n_led;
  self->n_coordinated = n_coordinated;

  return self;
}

gint64
dd_unit_get_id (DdUnit *self)
{
  g_return_val_if_fail (DD_IS_UNIT (self), 0);
  return self->id;
}

const char *
dd_unit_get_name (DdUnit *self)
{
  g_return_val_if_fail (DD_IS_UNIT (self), NULL);
  return self->name;
}

gboolean
dd_unit_get_is_group (DdUnit *self)
{
  g_return_val_if_fail (DD_IS_UNIT (self), FALSE);
  return self->is_group;
}

guint
dd_unit_get_n_led (DdUnit *self)
{
  g_return_val_if_fail (DD_IS_UNIT (self), 0);
  return self->n_led;
}

guint
dd_unit_get_n_coordinated (DdUnit *self)
{
  g_return_val_if_fail (DD_IS_UNIT (self), 0);
  return self->n_coordinated;
}
