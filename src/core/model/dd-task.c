/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-task"

#include "config.h"

#include "dd-core-private.h"

G_DEFINE_FINAL_TYPE (DdTask, dd_task, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PLAN_NUMBER,
  PROP_NUMBER,
  PROP_TITLE,
  PROP_LEAD,
  PROP_COORDINATORS_TEXT,
  PROP_DEADLINE_TEXT,
  PROP_DUE_TEXT,
  PROP_PRODUCT,
  PROP_DIRECTING,
  PROP_STATUS,
  PROP_STATUS_NAME,
  PROP_STATUS_LABEL,
  PROP_PROGRESS,
  PROP_COMPLETED_TEXT,
  PROP_ACTUAL_PRODUCT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Frees what @self owns (the pointers are left dangling: the caller
 * finalizes @self or assigns every field). */
static void
free_fields (DdTask *self)
{
  g_free (self->plan_number);
  g_free (self->number);
  g_free (self->title);
  g_free (self->lead);
  g_strfreev (self->coordinators);
  g_free (self->deadline_text);
  g_free (self->product);
  g_free (self->directing);
  g_free (self->actual_product);
  g_free (self->note);
  g_free (self->updated_by);
  g_free (self->updated_at);
  g_free (self->person);
  dd_source_document_free (self->source);
}

static void
dd_task_finalize (GObject *object)
{
  DdTask *self = (DdTask *) object;

  free_fields (self);

  G_OBJECT_CLASS (dd_task_parent_class)->finalize (object);
}

static void
dd_task_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  DdTask *self = DD_TASK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_PLAN_NUMBER:
      g_value_set_string (value, self->plan_number);
      break;
    case PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_LEAD:
      g_value_set_string (value, self->lead);
      break;
    case PROP_COORDINATORS_TEXT:
      g_value_take_string (value, dd_task_dup_coordinators_text (self));
      break;
    case PROP_DEADLINE_TEXT:
      g_value_set_string (value, self->deadline_text);
      break;
    case PROP_DUE_TEXT:
      g_value_take_string (value, dd_date_to_dmy (dd_task_get_due (self)));
      break;
    case PROP_PRODUCT:
      g_value_set_string (value, self->product);
      break;
    case PROP_DIRECTING:
      g_value_set_string (value, self->directing);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case PROP_STATUS_NAME:
      g_value_set_string (value, dd_task_status_to_string (self->status));
      break;
    case PROP_STATUS_LABEL:
      g_value_set_string (value, dd_task_status_get_label (self->status));
      break;
    case PROP_PROGRESS:
      g_value_set_uint (value, self->progress);
      break;
    case PROP_COMPLETED_TEXT:
      g_value_take_string (value, dd_date_to_dmy (dd_task_get_completed_on (self)));
      break;
    case PROP_ACTUAL_PRODUCT:
      g_value_set_string (value, self->actual_product);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
dd_task_class_init (DdTaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_task_finalize;
  object_class->get_property = dd_task_get_property;

  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_PLAN_NUMBER] = string_property ("plan-number");
  properties [PROP_NUMBER] = string_property ("number");
  properties [PROP_TITLE] = string_property ("title");
  properties [PROP_LEAD] = string_property ("lead");
  properties [PROP_COORDINATORS_TEXT] = string_property ("coordinators-text");
  properties [PROP_DEADLINE_TEXT] = string_property ("deadline-text");
  properties [PROP_DUE_TEXT] = string_property ("due-text");
  properties [PROP_PRODUCT] = string_property ("product");
  properties [PROP_DIRECTING] = string_property ("directing");
  properties [PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, 0, DD_N_STATUSES - 1, DD_STATUS_NO_DEADLINE,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_STATUS_NAME] = string_property ("status-name");
  properties [PROP_STATUS_LABEL] = string_property ("status-label");
  properties [PROP_PROGRESS] =
    g_param_spec_uint ("progress", NULL, NULL, 0, 100, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_COMPLETED_TEXT] = string_property ("completed-text");
  properties [PROP_ACTUAL_PRODUCT] = string_property ("actual-product");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_task_init (DdTask *self)
{
  g_date_clear (&self->due, 1);
  g_date_clear (&self->completed_on, 1);
  g_date_clear (&self->as_of, 1);
  g_date_clear (&self->original_due, 1);
  self->coordinators = g_new0 (char *, 1);
  self->deadline_understood = TRUE;
  self->status = DD_STATUS_NO_DEADLINE;
  self->number = g_strdup ("");
  self->title = g_strdup ("");
}

DdTask *
_dd_task_new_empty (void)
{
  return g_object_new (DD_TYPE_TASK, NULL);
}

DdTask *
dd_task_new (gint64 plan_id)
{
  DdTask *self = _dd_task_new_empty ();

  self->plan_id = plan_id;
  return self;
}

/* Makes @self hold @from's content (every field, its identity aside):
 * dd_task_copy(), and a task list's item refilled in place
 * (dd_task_list_set_refill_items()). */
void
_dd_task_assign (DdTask *self,
                 DdTask *from)
{
  free_fields (self);

  self->id = from->id;
  self->plan_id = from->plan_id;
  self->revision = from->revision;
  self->lead_id = from->lead_id;
  self->position = from->position;
  self->plan_number = g_strdup (from->plan_number);
  self->number = g_strdup (from->number);
  self->title = g_strdup (from->title);
  self->lead = g_strdup (from->lead);
  self->coordinators = g_strdupv (from->coordinators);
  self->deadline_kind = from->deadline_kind;
  self->deadline_text = g_strdup (from->deadline_text);
  self->deadline_understood = from->deadline_understood;
  self->periods = from->periods;
  self->annual_month = from->annual_month;
  self->annual_day = from->annual_day;
  self->due = from->due;
  self->product = g_strdup (from->product);
  self->directing = g_strdup (from->directing);
  self->progress = from->progress;
  self->completed_on = from->completed_on;
  self->actual_product = g_strdup (from->actual_product);
  self->note = g_strdup (from->note);
  self->status = from->status;
  self->as_of = from->as_of;
  self->updated_by = g_strdup (from->updated_by);
  self->updated_at = g_strdup (from->updated_at);
  self->original_due = from->original_due;
  self->n_extensions = from->n_extensions;
  self->lead_is_group = from->lead_is_group;
  self->person = g_strdup (from->person);
  self->source = from->source != NULL ? dd_source_document_copy (from->source) : NULL;
  self->person_set = from->person_set;
  self->source_set = from->source_set;
}

/* Tells whoever shows @self that all of it may have changed: each of its
 * properties notified (a task list's item refilled in place). */
void
_dd_task_notify_all (DdTask *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

DdTask *
dd_task_copy (DdTask *self)
{
  DdTask *copy;

  g_return_val_if_fail (DD_IS_TASK (self), NULL);

  copy = _dd_task_new_empty ();
  _dd_task_assign (copy, self);
  return copy;
}

#define GETTER(type, name, expr) \
  type dd_task_get_##name (DdTask *self) \
  { \
    g_return_val_if_fail (DD_IS_TASK (self), (type) 0); \
    return (expr); \
  }

GETTER (gint64, id, self->id)
GETTER (gint64, plan_id, self->plan_id)
GETTER (const char *, plan_number, self->plan_number)
GETTER (gint64, revision, self->revision)
GETTER (const char *, number, self->number)
GETTER (const char *, title, self->title)
GETTER (gint64, lead_id, self->lead_id)
GETTER (const char *, lead, self->lead)
GETTER (const char * const *, coordinators, (const char * const *) self->coordinators)
GETTER (DdDeadlineKind, deadline_kind, self->deadline_kind)
GETTER (const char *, deadline_text, self->deadline_text)
GETTER (gboolean, deadline_understood, self->deadline_understood)
GETTER (guint, periods, self->periods)
GETTER (const GDate *, due, dd_date_is_set (&self->due) ? &self->due : NULL)
GETTER (const char *, product, self->product)
GETTER (const char *, directing, self->directing)
GETTER (guint, progress, self->progress)
GETTER (const GDate *, completed_on, dd_date_is_set (&self->completed_on) ? &self->completed_on : NULL)
GETTER (const GDate *, original_due, dd_date_is_set (&self->original_due) ? &self->original_due : NULL)
GETTER (guint, n_extensions, self->n_extensions)
GETTER (const char *, actual_product, self->actual_product)
GETTER (const char *, note, self->note)
GETTER (DdTaskStatus, status, self->status)
GETTER (const GDate *, as_of, dd_date_is_set (&self->as_of) ? &self->as_of : NULL)
GETTER (const char *, updated_by, self->updated_by)
GETTER (const char *, updated_at, self->updated_at)
GETTER (const char *, person, self->person)
GETTER (gboolean, lead_is_group, self->lead_is_group)
GETTER (const DdSourceDocument *, source, self->source)

#undef GETTER

char *
dd_task_dup_coordinators_text (DdTask *self)
{
  g_return_val_if_fail (DD_IS_TASK (self), NULL);
  return g_strjoinv ("; ", self->coordinators);
}

/* Stores a trimmed copy, or NULL for empty text. */
static void
set_text (char       **field,
          const char  *value)
{
  g_autofree char *copy = value != NULL ? g_strstrip (g_strdup (value)) : NULL;

  g_free (*field);
  *field = (copy != NULL && *copy != '\0') ? g_steal_pointer (&copy) : NULL;
}

void
dd_task_set_number (DdTask     *self,
                    const char *number)
{
  g_return_if_fail (DD_IS_TASK (self));
  set_text (&self->number, number);
  if (self->number == NULL)
    self->number = g_strdup ("");
}

void
dd_task_set_title (DdTask     *self,
                   const char *title)
{
  g_return_if_fail (DD_IS_TASK (self));
  set_text (&self->title, title);
  if (self->title == NULL)
    self->title = g_strdup ("");
}

void
dd_task_set_lead (DdTask     *self,
                  const char *lead)
{
  g_return_if_fail (DD_IS_TASK (self));
  set_text (&self->lead, lead);
  self->lead_id = 0;
}

void
dd_task_set_coordinators (DdTask             *self,
                          const char * const *names)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_if_fail (DD_IS_TASK (self));

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (names[i]));

      if (*name != '\0')
        g_strv_builder_add (builder, name);
    }
  g_strfreev (self->coordinators);
  self->coordinators = g_strv_builder_end (builder);
}

gboolean
dd_task_set_deadline_text (DdTask      *self,
                           const char  *text,
                           GError     **error)
{
  DdDeadline deadline;

  g_return_val_if_fail (DD_IS_TASK (self), FALSE);

  if (!dd_deadline_parse (text, &deadline, error))
    return FALSE;

  set_text (&self->deadline_text, text);
  self->deadline_kind = deadline.kind;
  self->deadline_understood = deadline.understood;
  self->due = deadline.due;
  self->periods = deadline.periods;
  self->annual_month = deadline.annual_month;
  self->annual_day = deadline.annual_day;
  return TRUE;
}

void
dd_task_set_product (DdTask     *self,
                     const char *product)
{
  g_return_if_fail (DD_IS_TASK (self));
  set_text (&self->product, product);
}

void
dd_task_set_directing (DdTask     *self,
                       const char *directing)
{
  g_return_if_fail (DD_IS_TASK (self));
  set_text (&self->directing, directing);
}

void
dd_task_set_progress (DdTask *self,
                      guint   progress)
{
  g_return_if_fail (DD_IS_TASK (self));
  self->progress = MIN (progress, 100);
}

void
dd_task_set_completed_on (DdTask      *self,
                          const GDate *date)
{
  g_return_if_fail (DD_IS_TASK (self));
  if (dd_date_is_set (date))
    {
      self->completed_on = *date;
      self->progress = 100;
    }
  else
    g_date_clear (&self->completed_on, 1);
}

void
dd_task_set_actual_product (DdTask     *self,
                            const char *product)
{
  g_return_if_fail (DD_IS_TASK (self));
  set_text (&self->actual_product, product);
}

void
dd_task_set_note (DdTask     *self,
                  const char *note)
{
  g_return_if_fail (DD_IS_TASK (self));
  set_text (&self->note, note);
}

void
dd_task_set_plan_id (DdTask *self,
                     gint64  plan_id)
{
  g_return_if_fail (DD_IS_TASK (self));
  if (self->plan_id == plan_id)
    return;
  self->plan_id = plan_id;
  g_clear_pointer (&self->plan_number, g_free);
}

void
dd_task_set_due (DdTask      *self,
                 const GDate *due)
{
  DdDeadline deadline;

  g_return_if_fail (DD_IS_TASK (self));

  if (!dd_date_is_set (due))
    {
      g_clear_pointer (&self->deadline_text, g_free);
      self->deadline_kind = DD_DEADLINE_NONE;
      self->deadline_understood = TRUE;
      g_date_clear (&self->due, 1);
      self->periods = 0;
      self->annual_month = self->annual_day = 0;
      return;
    }

  /* Keeps the text as written when it already says this date. */
  if (!dd_deadline_parse (self->deadline_text, &deadline, NULL) ||
      deadline.kind != DD_DEADLINE_DATE || g_date_compare (&deadline.due, due) != 0)
    {
      g_autofree char *dmy = dd_date_to_dmy (due);

      g_free (self->deadline_text);
      /* The words of the plans' own "Thời gian" column, not translated:
       * the deadline text is data, read back by dd_deadline_parse(). */
      self->deadline_text = g_strdup_printf ("Trước %s", dmy);
    }
  self->deadline_kind = DD_DEADLINE_DATE;
  self->deadline_understood = TRUE;
  self->due = *due;
  self->periods = 0;
  self->annual_month = self->annual_day = 0;
}

void
dd_task_set_source (DdTask                 *self,
                    const DdSourceDocument *source)
{
  g_return_if_fail (DD_IS_TASK (self));

  g_clear_pointer (&self->source, dd_source_document_free);
  if (source != NULL && (source->kind != NULL || source->number != NULL))
    self->source = dd_source_document_copy (source);
  self->source_set = TRUE;
}

void
dd_task_set_person (DdTask     *self,
                    const char *person)
{
  g_return_if_fail (DD_IS_TASK (self));
  set_text (&self->person, person);
  self->person_set = TRUE;
}
