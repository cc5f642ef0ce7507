/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-history-row"

#include "config.h"

#include "dd-history-row.h"

struct _DdHistoryRow
{
  GObject parent_instance;

  DdAuditChange *change;
};

G_DEFINE_FINAL_TYPE (DdHistoryRow, dd_history_row, G_TYPE_OBJECT)

/* GObject overrides */

static void
dd_history_row_finalize (GObject *object)
{
  DdHistoryRow *self = DD_HISTORY_ROW (object);

  g_clear_pointer (&self->change, dd_audit_change_free);

  G_OBJECT_CLASS (dd_history_row_parent_class)->finalize (object);
}

static void
dd_history_row_class_init (DdHistoryRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_history_row_finalize;
}

static void
dd_history_row_init (DdHistoryRow *self)
{
}

/* Public API */

DdHistoryRow *
dd_history_row_new (const DdAuditChange *change)
{
  DdHistoryRow *self;

  g_return_val_if_fail (change != NULL, NULL);

  self = g_object_new (DD_TYPE_HISTORY_ROW, NULL);
  self->change = dd_audit_change_copy (change);
  return self;
}

gint64
dd_history_row_get_entry_id (DdHistoryRow *self)
{
  g_return_val_if_fail (DD_IS_HISTORY_ROW (self), 0);
  return self->change->entry_id;
}

gint64
dd_history_row_get_task_id (DdHistoryRow *self)
{
  g_return_val_if_fail (DD_IS_HISTORY_ROW (self), 0);
  return self->change->task_id;
}

const char *
dd_history_row_get_when (DdHistoryRow *self)
{
  g_return_val_if_fail (DD_IS_HISTORY_ROW (self), NULL);
  return self->change->when;
}

const char *
dd_history_row_get_who (DdHistoryRow *self)
{
  g_return_val_if_fail (DD_IS_HISTORY_ROW (self), NULL);
  return self->change->who;
}

const char *
dd_history_row_get_subject (DdHistoryRow *self)
{
  g_return_val_if_fail (DD_IS_HISTORY_ROW (self), NULL);
  return self->change->subject;
}

const char *
dd_history_row_get_field (DdHistoryRow *self)
{
  g_return_val_if_fail (DD_IS_HISTORY_ROW (self), NULL);
  return self->change->label;
}

const char *
dd_history_row_get_old_value (DdHistoryRow *self)
{
  g_return_val_if_fail (DD_IS_HISTORY_ROW (self), NULL);
  return self->change->old_value;
}

const char *
dd_history_row_get_new_value (DdHistoryRow *self)
{
  g_return_val_if_fail (DD_IS_HISTORY_ROW (self), NULL);
  return self->change->new_value;
}
