/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-history-row"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "dd-history-row.h"

struct _DdHistoryRow
{
  GObject parent_instance;

  gint64 entry_id;
  gint64 task_id;
  char *when;
  char *who;
  char *subject;
  char *field;
  char *old_value;
  char *new_value;
};

G_DEFINE_FINAL_TYPE (DdHistoryRow, dd_history_row, G_TYPE_OBJECT)

typedef enum
{
  VALUE_TEXT,
  VALUE_DATE,
  VALUE_UNIT,
  VALUE_PERCENT,
  VALUE_DEADLINE_KIND,
  VALUE_BOOLEAN,
  VALUE_ROLE,
} ValueKind;

/* The fields people see, by table and column. Columns not listed here (ids,
 * positions, revisions, derived columns) are left out of the history. */
static const struct
{
  const char *table;
  const char *key;
  const char *label;
  ValueKind kind;
} fields[] = {
  { "tasks", "number", N_("Number"), VALUE_TEXT },
  { "tasks", "title", N_("Task"), VALUE_TEXT },
  { "tasks", "lead_unit_id", N_("Lead unit"), VALUE_UNIT },
  { "tasks", "deadline_text", N_("Time frame"), VALUE_TEXT },
  { "tasks", "due_on", N_("Due on"), VALUE_DATE },
  { "tasks", "annual_due", N_("Yearly due date"), VALUE_TEXT },
  { "tasks", "product", N_("Product"), VALUE_TEXT },
  { "tasks", "directing", N_("Directing leader"), VALUE_TEXT },
  { "tasks", "progress", N_("Progress"), VALUE_PERCENT },
  { "tasks", "completed_on", N_("Completed on"), VALUE_DATE },
  { "tasks", "actual_product", N_("Actual result"), VALUE_TEXT },
  { "tasks", "note", N_("Note"), VALUE_TEXT },
  { "progress_updates", "reported_on", N_("Reported on"), VALUE_DATE },
  { "progress_updates", "progress", N_("Progress"), VALUE_PERCENT },
  { "progress_updates", "completed_on", N_("Completed on"), VALUE_DATE },
  { "progress_updates", "actual_product", N_("Actual result"), VALUE_TEXT },
  { "progress_updates", "note", N_("Note"), VALUE_TEXT },
  { "task_extensions", "new_due", N_("Extended due date"), VALUE_DATE },
  { "task_extensions", "reason", N_("Reason for the extension"), VALUE_TEXT },
  { "task_extensions", "approved_by", N_("Extension approved by"), VALUE_TEXT },
  { "task_people", "person", N_("Person in charge"), VALUE_TEXT },
  { "occurrence_reports", "title", N_("Periodic report"), VALUE_TEXT },
  { "occurrence_reports", "reported_on", N_("Reported on"), VALUE_DATE },
  { "occurrence_reports", "note", N_("Note"), VALUE_TEXT },
  { "plans", "number", N_("Number"), VALUE_TEXT },
  { "plans", "issued_on", N_("Issued on"), VALUE_DATE },
  { "plans", "title", N_("Title"), VALUE_TEXT },
  { "plans", "issuer", N_("Issued by"), VALUE_TEXT },
  { "plans", "basis", N_("Basis"), VALUE_TEXT },
  { "units", "name", N_("Name"), VALUE_TEXT },
  { "units", "is_group", N_("Group of units"), VALUE_BOOLEAN },
  { "settings", "value", N_("Value"), VALUE_TEXT },
  { "indicators", "title", N_("Indicator"), VALUE_TEXT },
  { "indicators", "target", N_("Target"), VALUE_TEXT },
  { "indicator_figures", "unit_id", N_("Unit"), VALUE_UNIT },
  { "indicator_figures", "period_start", N_("Period from"), VALUE_DATE },
  { "indicator_figures", "period_end", N_("Period to"), VALUE_DATE },
  { "indicator_figures", "numerator", N_("Achieved"), VALUE_TEXT },
  { "indicator_figures", "denominator", N_("Out of"), VALUE_TEXT },
  { "indicator_figures", "source", N_("Source"), VALUE_TEXT },
  { "dossier_figures", "unit_id", N_("Unit"), VALUE_UNIT },
  { "dossier_figures", "period_start", N_("Period from"), VALUE_DATE },
  { "dossier_figures", "period_end", N_("Period to"), VALUE_DATE },
  { "dossier_figures", "received", N_("Dossiers received"), VALUE_TEXT },
  { "dossier_figures", "on_time", N_("Dossiers resolved on time"), VALUE_TEXT },
  { "dossier_figures", "late", N_("Dossiers resolved late"), VALUE_TEXT },
  { "dossier_figures", "pending", N_("Dossiers pending"), VALUE_TEXT },
  { "dossier_figures", "apologies", N_("Apology letters sent for late dossiers"), VALUE_TEXT },
  { "dossier_figures", "source", N_("Source"), VALUE_TEXT },
  { "holidays", "day", N_("Day"), VALUE_DATE },
  { "holidays", "name", N_("Name"), VALUE_TEXT },
  { "holidays", "kind", N_("Kind"), VALUE_TEXT },
  { "users", "display_name", N_("Display name"), VALUE_TEXT },
  { "users", "role", N_("Role"), VALUE_ROLE },
  { "users", "unit_id", N_("Unit"), VALUE_UNIT },
};

struct _DdHistoryContext
{
  GHashTable *unit_names;   /* gint64* → char* */
};

/* DdHistoryRow */

static void
dd_history_row_finalize (GObject *object)
{
  DdHistoryRow *self = DD_HISTORY_ROW (object);

  g_free (self->when);
  g_free (self->who);
  g_free (self->subject);
  g_free (self->field);
  g_free (self->old_value);
  g_free (self->new_value);

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

gint64
dd_history_row_get_entry_id (DdHistoryRow *self)
{
  g_return_val_if_fail (DD_IS_HISTORY_ROW (self), 0);
  return self->entry_id;
}

gint64
dd_history_row_get_task_id (DdHistoryRow *self)
{
  g_return_val_if_fail (DD_IS_HISTORY_ROW (self), 0);
  return self->task_id;
}

const char *
dd_history_row_get_when (DdHistoryRow *self)
{
  g_return_val_if_fail (DD_IS_HISTORY_ROW (self), NULL);
  return self->when;
}

const char *
dd_history_row_get_who (DdHistoryRow *self)
{
  g_return_val_if_fail (DD_IS_HISTORY_ROW (self), NULL);
  return self->who;
}

const char *
dd_history_row_get_subject (DdHistoryRow *self)
{
  g_return_val_if_fail (DD_IS_HISTORY_ROW (self), NULL);
  return self->subject;
}

const char *
dd_history_row_get_field (DdHistoryRow *self)
{
  g_return_val_if_fail (DD_IS_HISTORY_ROW (self), NULL);
  return self->field;
}

const char *
dd_history_row_get_old_value (DdHistoryRow *self)
{
  g_return_val_if_fail (DD_IS_HISTORY_ROW (self), NULL);
  return self->old_value;
}

const char *
dd_history_row_get_new_value (DdHistoryRow *self)
{
  g_return_val_if_fail (DD_IS_HISTORY_ROW (self), NULL);
  return self->new_value;
}

/* Auxiliary methods */

static JsonObject *
parse_object (const char *json,
              JsonNode  **out_root)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  *out_root = NULL;
  if (json == NULL)
    return NULL;

  root = json_from_string (json, &error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_debug ("Not a JSON object in the history: %s", error != NULL ? error->message : json);
      g_clear_pointer (&root, json_node_unref);
      return NULL;
    }
  *out_root = root;
  return json_node_get_object (root);
}

/* A JSON scalar as text; "" for null or absent. (transfer full) */
static char *
member_text (JsonObject *object,
             const char *key)
{
  JsonNode *node;
  GType type;

  if (object == NULL || (node = json_object_get_member (object, key)) == NULL
      || !JSON_NODE_HOLDS_VALUE (node))
    return g_strdup ("");

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (type == G_TYPE_DOUBLE)
    return dd_format_number (json_node_get_double (node), 2);
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));
  return g_strdup ("");
}

static const char *
unit_name (DdHistoryContext *context,
           gint64            unit_id)
{
  const char *name = g_hash_table_lookup (context->unit_names, &unit_id);

  return name;
}

static char *
format_value (DdHistoryContext *context,
              JsonObject       *object,
              const char       *key,
              ValueKind         kind)
{
  g_autofree char *text = member_text (object, key);

  if (*text == '\0')
    return g_steal_pointer (&text);

  switch (kind)
    {
    case VALUE_DATE:
      {
        GDate date;

        if (dd_date_parse_iso (text, &date))
          return dd_format_date (&date);
        return g_steal_pointer (&text);
      }

    case VALUE_UNIT:
      {
        gint64 id = g_ascii_strtoll (text, NULL, 10);
        const char *name = unit_name (context, id);

        if (name != NULL)
          return g_strdup (name);
        /* Translators: a unit that no longer exists, by its number in the database. */
        return g_strdup_printf (_("Unit #%s"), text);
      }

    case VALUE_PERCENT:
      /* Translators: a progress figure, "40 %". */
      return g_strdup_printf (_("%s %%"), text);

    case VALUE_DEADLINE_KIND:
      return g_strdup (dd_deadline_kind_get_label ((DdDeadlineKind) g_ascii_strtoll (text, NULL, 10)));

    case VALUE_BOOLEAN:
      return g_strdup (g_str_equal (text, "0") ? _("No") : _("Yes"));

    case VALUE_ROLE:
      {
        DdRole role;

        if (dd_role_from_string (text, &role))
          return g_strdup (dd_role_get_label (role));
        return g_steal_pointer (&text);
      }

    case VALUE_TEXT:
    default:
      return g_steal_pointer (&text);
    }
}

static char *
task_label (const DdAuditEntry *entry)
{
  if (entry->task_number != NULL && *entry->task_number != '\0')
    /* Translators: what a change was made to: a task, by its number ("Nhiệm vụ 3."). */
    return g_strdup_printf (_("Task %s"), entry->task_number);
  /* Translators: a task without a number, by its id in the database. */
  return g_strdup_printf (_("Task #%lld"), (long long) entry->task_id);
}

/* What an entry changed, in words. (transfer full) */
static char *
describe_subject (DdHistoryContext   *context,
                  const DdAuditEntry *entry,
                  JsonObject         *old_values,
                  JsonObject         *new_values)
{
  JsonObject *any = new_values != NULL ? new_values : old_values;
  const char *table = entry->table_name;

  if (entry->task_id > 0)
    return task_label (entry);

  if (g_strcmp0 (table, "units") == 0)
    {
      const char *name = unit_name (context, entry->row_id);
      g_autofree char *json_name = member_text (any, "name");

      /* Translators: what a change was made to: a unit, by name. */
      return g_strdup_printf (_("Unit “%s”"), name != NULL ? name : json_name);
    }
  if (g_strcmp0 (table, "plans") == 0)
    /* Translators: what a change was made to: a plan, by its id in the database. */
    return g_strdup_printf (_("Plan #%lld"), (long long) entry->row_id);
  if (g_strcmp0 (table, "settings") == 0)
    {
      g_autofree char *key = member_text (any, "key");

      /* Translators: what a change was made to: a setting, by its key. */
      return *key != '\0' ? g_strdup_printf (_("Setting “%s”"), key) : g_strdup (_("Setting"));
    }
  if (g_strcmp0 (table, "users") == 0)
    {
      g_autofree char *account = member_text (any, "account");

      /* Translators: what a change was made to: a user's account. */
      return *account != '\0' ? g_strdup_printf (_("User “%s”"), account) : g_strdup (_("User"));
    }
  if (g_strcmp0 (table, "indicators") == 0 || g_strcmp0 (table, "indicator_rules") == 0)
    return g_strdup (_("Indicator"));
  if (g_strcmp0 (table, "indicator_figures") == 0)
    return g_strdup (_("Indicator figures"));
  if (g_strcmp0 (table, "dossier_figures") == 0)
    return g_strdup (_("Dossier figures"));
  if (g_strcmp0 (table, "holidays") == 0 || g_strcmp0 (table, "holiday_years") == 0)
    return g_strdup (_("Holidays"));

  return g_strdup (table);
}

/* The one value that names a row when it is added or removed. */
static char *
summarize (DdHistoryContext *context,
           const char       *table,
           JsonObject       *values)
{
  static const char * const keys[] = { "title", "name", "person", "display_name", "number", "value", "account" };

  if (g_strcmp0 (table, "task_coordinators") == 0)
    return format_value (context, values, "unit_id", VALUE_UNIT);
  if (g_strcmp0 (table, "progress_updates") == 0)
    {
      g_autofree char *progress = format_value (context, values, "progress", VALUE_PERCENT);
      g_autofree char *note = member_text (values, "note");

      if (*note != '\0')
        /* Translators: a progress report: the figure and the note ("60 % — giữa kỳ"). */
        return g_strdup_printf (_("%s — %s"), progress, note);
      return g_steal_pointer (&progress);
    }
  if (g_strcmp0 (table, "task_extensions") == 0)
    return format_value (context, values, "new_due", VALUE_DATE);
  if (g_strcmp0 (table, "indicator_figures") == 0 || g_strcmp0 (table, "dossier_figures") == 0)
    {
      g_autofree char *start = format_value (context, values, "period_start", VALUE_DATE);
      g_autofree char *end = format_value (context, values, "period_end", VALUE_DATE);

      /* Translators: a reporting period, "15/12/2025 – 14/03/2026". */
      return g_strdup_printf (_("%s – %s"), start, end);
    }
  if (g_strcmp0 (table, "holidays") == 0)
    return format_value (context, values, "day", VALUE_DATE);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (values != NULL && json_object_has_member (values, keys[i]))
      return member_text (values, keys[i]);
  return g_strdup ("");
}

static void
add_row (GListStore         *rows,
         const DdAuditEntry *entry,
         const char         *when,
         const char         *subject,
         const char         *field,
         char               *old_value,
         char               *new_value)
{
  g_autoptr(DdHistoryRow) row = g_object_new (DD_TYPE_HISTORY_ROW, NULL);

  row->entry_id = entry->id;
  row->task_id = entry->task_id;
  row->when = g_strdup (when);
  row->who = g_strdup (dd_history_entry_get_who (entry));
  row->subject = g_strdup (subject);
  row->field = g_strdup (field);
  row->old_value = old_value != NULL ? old_value : g_strdup ("");
  row->new_value = new_value != NULL ? new_value : g_strdup ("");
  g_list_store_append (rows, row);
}

/* Public API */

DdHistoryContext *
dd_history_context_new (DdStore *store)
{
  DdHistoryContext *context = g_new0 (DdHistoryContext, 1);
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (DD_IS_STORE (store), NULL);

  context->unit_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  units = dd_store_list_unit_names (store, &error);
  if (units == NULL)
    g_debug ("No unit names for the history: %s", error->message);
  for (guint i = 0; units != NULL && i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);
      gint64 *key = g_new (gint64, 1);

      *key = dd_unit_get_id (unit);
      g_hash_table_insert (context->unit_names, key, g_strdup (dd_unit_get_name (unit)));
    }
  return context;
}

void
dd_history_context_free (DdHistoryContext *context)
{
  if (context == NULL)
    return;
  g_hash_table_unref (context->unit_names);
  g_free (context);
}

void
dd_history_context_expand (DdHistoryContext   *context,
                           const DdAuditEntry *entry,
                           GListStore         *rows)
{
  g_autoptr(JsonNode) old_root = NULL;
  g_autoptr(JsonNode) new_root = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subject = NULL;
  JsonObject *old_values;
  JsonObject *new_values;
  const char *table;
  const char *action;
  guint n_rows = 0;

  g_return_if_fail (context != NULL);
  g_return_if_fail (entry != NULL);
  g_return_if_fail (G_IS_LIST_STORE (rows));

  old_values = parse_object (entry->old_values, &old_root);
  new_values = parse_object (entry->new_values, &new_root);
  when = dd_history_format_time (entry->at);
  subject = describe_subject (context, entry, old_values, new_values);
  table = entry->table_name != NULL ? entry->table_name : "";
  action = entry->action != NULL ? entry->action : "";

  if (g_str_equal (table, "tasks") && g_str_equal (action, "delete"))
    {
      add_row (rows, entry, when, subject, _("Moved to the recycle bin"), NULL, NULL);
      return;
    }
  if (g_str_equal (table, "tasks") && g_str_equal (action, "restore"))
    {
      add_row (rows, entry, when, subject, _("Restored from the recycle bin"), NULL, NULL);
      return;
    }

  if (g_str_equal (action, "insert") || g_str_equal (action, "delete"))
    {
      gboolean insert = g_str_equal (action, "insert");
      char *summary = summarize (context, table, insert ? new_values : old_values);
      const char *what;

      if (g_str_equal (table, "tasks"))
        what = _("Task created");
      else if (g_str_equal (table, "task_coordinators"))
        what = insert ? _("Coordinating unit added") : _("Coordinating unit removed");
      else if (g_str_equal (table, "progress_updates"))
        what = insert ? _("Progress reported") : _("Progress report removed");
      else if (g_str_equal (table, "task_extensions"))
        what = insert ? _("Deadline extended") : _("Extension removed");
      else if (g_str_equal (table, "indicator_rules"))
        what = insert ? _("Figures computed from the tasks and dossiers") : _("Figures entered by hand");
      else
        what = insert ? _("Added") : _("Removed");

      add_row (rows, entry, when, subject, what,
               insert ? NULL : summary, insert ? summary : NULL);
      return;
    }

  /* An update: one row per field people know. */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (!g_str_equal (fields[i].table, table))
        continue;
      if ((new_values == NULL || !json_object_has_member (new_values, fields[i].key))
          && (old_values == NULL || !json_object_has_member (old_values, fields[i].key)))
        continue;

      add_row (rows, entry, when, subject, _(fields[i].label),
               format_value (context, old_values, fields[i].key, fields[i].kind),
               format_value (context, new_values, fields[i].key, fields[i].kind));
      n_rows++;
    }

  /* Columns nobody edits by hand (positions, the deadline's derived kind)
   * changed alone: say so rather than show nothing. */
  if (n_rows == 0 && !g_str_equal (table, "tasks"))
    add_row (rows, entry, when, subject, _("Changed"), NULL, NULL);
}

char *
dd_history_format_time (const char *at)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) date_time = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (at == NULL)
    return g_strdup ("");
  date_time = g_date_time_new_from_iso8601 (at, utc);
  if (date_time == NULL)
    return g_strdup (at);
  local = g_date_time_to_local (date_time);
  return g_date_time_format (local, "%d/%m/%Y %H:%M");
}

const char *
dd_history_entry_get_who (const DdAuditEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  if (entry->display_name != NULL && *entry->display_name != '\0')
    return entry->display_name;
  if (entry->user != NULL)
    return entry->user;
  return _("Unknown");
}

gboolean
dd_history_entry_sets (const DdAuditEntry *entry,
                       const char         *table,
                       const char         *key)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *values;

  g_return_val_if_fail (entry != NULL, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);

  if (g_strcmp0 (entry->table_name, table) != 0)
    return FALSE;
  if (key == NULL)
    return TRUE;

  values = parse_object (entry->new_values, &root);
  return values != NULL && json_object_has_member (values, key);
}
