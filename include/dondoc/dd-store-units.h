/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <gio/gio.h>
#include "dd-types.h"
#include "dd-store.h"

G_BEGIN_DECLS

/*
 * DdStore's writes to units (renaming, merging) and to the person in
 * charge of a task in its lead unit (rõ người). Main thread only, like the
 * rest of DdStore; errors in DD_STORE_ERROR.
 */

/* Units */

/**
 * dd_store_rename_unit:
 * Renames a unit (administrators). %DD_STORE_ERROR_INVALID for an empty
 * name; %DD_STORE_ERROR_EXISTS when another unit already answers to the
 * name (merge them instead).
 */
gboolean    dd_store_rename_unit       (DdStore     *self,
                                        gint64       unit_id,
                                        const char  *name,
                                        GError     **error);

/**
 * dd_store_dup_unit_email:
 * The unit's email address, where its urging letters are sent. (transfer
 * full) (nullable): %NULL when none is set.
 */
char       *dd_store_dup_unit_email    (DdStore     *self,
                                        gint64       unit_id,
                                        GError     **error);

/**
 * dd_store_set_unit_email:
 * Sets (or with %NULL or "" clears) the unit's email address
 * (administrators). %DD_STORE_ERROR_INVALID for text that is not one
 * address (name@domain).
 */
gboolean    dd_store_set_unit_email    (DdStore     *self,
                                        gint64       unit_id,
                                        const char  *email,
                                        GError     **error);

/**
 * dd_store_merge_units:
 * @from_id: the unit that disappears
 * @into_id: the unit that stays
 *
 * Moves the tasks @from_id leads and coordinates, its indicator and
 * dossier figures (adding them to @into_id's of the same period) and its
 * users to @into_id, then removes @from_id, in one transaction
 * (administrators). A task both coordinated by both keeps one line; a task
 * @into_id leads and @from_id coordinated loses that coordination.
 */
gboolean    dd_store_merge_units       (DdStore     *self,
                                        gint64       from_id,
                                        gint64       into_id,
                                        GError     **error);

/**
 * DdUnitContents:
 * @led_tasks: tasks the unit leads (those in the recycle bin included)
 * @coordinated_tasks: tasks it coordinates
 * @reports: reports given on the tasks it leads
 * @indicator_figures: its indicator figures (one per indicator and period)
 * @dossier_figures: its dossier figures (one per period)
 * @users: the accounts of the unit
 *
 * What belongs to a unit, and so what dd_store_merge_units() moves.
 */
typedef struct
{
  guint led_tasks;
  guint coordinated_tasks;
  guint reports;
  guint indicator_figures;
  guint dossier_figures;
  guint users;
} DdUnitContents;

/**
 * dd_store_count_unit_contents:
 * @unit_id: the unit
 * @out: (out caller-allocates): the counts
 *
 * Counts what belongs to @unit_id (see #DdUnitContents), for the merge
 * dialog to say what moves before it is confirmed.
 * %DD_STORE_ERROR_NO_SUCH_ROW when there is no such unit.
 */
gboolean    dd_store_count_unit_contents (DdStore        *self,
                                          gint64          unit_id,
                                          DdUnitContents *out,
                                          GError        **error);

/* The person in charge of a task */

/* Sets the person in charge of a task (rõ người); %NULL or "" clears it. */
gboolean    dd_store_set_task_person   (DdStore     *self,
                                        gint64       task_id,
                                        const char  *person,
                                        GError     **error);
/* (transfer full) (nullable): the person, or %NULL when none is set (@error
 * untouched) or with @error set when the file could not be read. */
char       *dd_store_dup_task_person   (DdStore     *self,
                                        gint64       task_id,
                                        GError     **error);

G_END_DECLS
