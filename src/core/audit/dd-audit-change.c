/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-history"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dd-audit-private.h"

/*
 * The audit log said for people. The triggers of data/sql/0003-shared.sql
 * record each row's old and new values as JSON objects keyed by column;
 * this file alone knows those tables and columns, and turns an entry into
 * typed changes (DdAuditChange): one per field people know, with the
 * field's translated name and the values written as people write them
 * (unit names for unit ids, dd/mm/yyyy dates, "40 %"). Deleting a task to
 * the recycle bin and restoring it are changes of their own.
 */

typedef enum
{
  VALUE_TEXT,
  VALUE_DATE,
  VALUE_UNIT,
  VALUE_PERCENT,
  VALUE_BOOLEAN,
  VALUE_ROLE,
  VALUE_PERIODS,
  VALUE_DUE_RULE,
} ValueKind;

/* Where the log records each field, by table and column (NULL: the rows
 * of the table themselves), in the order the changes are listed. */
static const struct
{
  const char *table;
  const char *key;
  const char *label;
  ValueKind kind;
} fields[] = {
  [DD_AUDIT_FIELD_NONE] = { "", NULL, "", VALUE_TEXT },
  [DD_AUDIT_FIELD_TASK_NUMBER] = { "tasks", "number", N_("Number"), VALUE_TEXT },
  [DD_AUDIT_FIELD_TASK_TITLE] = { "tasks", "title", N_("Task"), VALUE_TEXT },
  [DD_AUDIT_FIELD_TASK_LEAD_UNIT] = { "tasks", "lead_unit_id", N_("Lead unit"), VALUE_UNIT },
  [DD_AUDIT_FIELD_TASK_TIME_FRAME] = { "tasks", "deadline_text", N_("Time frame"), VALUE_TEXT },
  [DD_AUDIT_FIELD_TASK_DUE_ON] = { "tasks", "due_on", N_("Due on"), VALUE_DATE },
  [DD_AUDIT_FIELD_TASK_YEARLY_DUE] = { "tasks", "annual_due", N_("Yearly due date"), VALUE_TEXT },
  [DD_AUDIT_FIELD_TASK_PRODUCT] = { "tasks", "product", N_("Product"), VALUE_TEXT },
  [DD_AUDIT_FIELD_TASK_DIRECTING] = { "tasks", "directing", N_("Directing leader"), VALUE_TEXT },
  [DD_AUDIT_FIELD_TASK_PROGRESS] = { "tasks", "progress", N_("Progress"), VALUE_PERCENT },
  [DD_AUDIT_FIELD_TASK_COMPLETED_ON] = { "tasks", "completed_on", N_("Completed on"), VALUE_DATE },
  [DD_AUDIT_FIELD_TASK_ACTUAL_RESULT] = { "tasks", "actual_product", N_("Actual result"), VALUE_TEXT },
  [DD_AUDIT_FIELD_TASK_NOTE] = { "tasks", "note", N_("Note"), VALUE_TEXT },
  [DD_AUDIT_FIELD_TASK_COORDINATORS] = { "task_coordinators", NULL, N_("Coordinating units"), VALUE_UNIT },
  [DD_AUDIT_FIELD_TASK_PERSON] = { "task_people", "person", N_("Person in charge"), VALUE_TEXT },
  [DD_AUDIT_FIELD_TASK_SOURCE_KIND] = { "task_sources", "kind", N_("Assigned by (kind of document)"), VALUE_TEXT },
  [DD_AUDIT_FIELD_TASK_SOURCE_NUMBER] = { "task_sources", "number", N_("Assigning document’s number"), VALUE_TEXT },
  [DD_AUDIT_FIELD_TASK_SOURCE_ISSUED_ON] = { "task_sources", "issued_on", N_("Assigning document’s date"), VALUE_DATE },
  [DD_AUDIT_FIELD_TASK_SOURCE_ISSUER] = { "task_sources", "issuer", N_("Assigning document’s issuer"), VALUE_TEXT },
  [DD_AUDIT_FIELD_UPDATE_REPORTED_ON] = { "progress_updates", "reported_on", N_("Reported on"), VALUE_DATE },
  [DD_AUDIT_FIELD_UPDATE_PROGRESS] = { "progress_updates", "progress", N_("Progress"), VALUE_PERCENT },
  [DD_AUDIT_FIELD_UPDATE_COMPLETED_ON] = { "progress_updates", "completed_on", N_("Completed on"), VALUE_DATE },
  [DD_AUDIT_FIELD_UPDATE_ACTUAL_RESULT] = { "progress_updates", "actual_product", N_("Actual result"), VALUE_TEXT },
  [DD_AUDIT_FIELD_UPDATE_NOTE] = { "progress_updates", "note", N_("Note"), VALUE_TEXT },
  [DD_AUDIT_FIELD_UPDATE_REOPENED] = { "progress_updates", "reopened", N_("Reopened"), VALUE_BOOLEAN },
  [DD_AUDIT_FIELD_EXTENSION_NEW_DUE] = { "task_extensions", "new_due", N_("Extended due date"), VALUE_DATE },
  [DD_AUDIT_FIELD_EXTENSION_REASON] = { "task_extensions", "reason", N_("Reason for the extension"), VALUE_TEXT },
  [DD_AUDIT_FIELD_EXTENSION_APPROVED_BY] = { "task_extensions", "approved_by", N_("Extension approved by"), VALUE_TEXT },
  [DD_AUDIT_FIELD_EXTENSION_DECISION] = { "task_extensions", "decision", N_("Document allowing the extension"), VALUE_TEXT },
  [DD_AUDIT_FIELD_EXTENSION_APPROVED_ON] = { "task_extensions", "approved_on", N_("Extension signed on"), VALUE_DATE },
  [DD_AUDIT_FIELD_REPORT_TITLE] = { "occurrence_reports", "title", N_("Periodic report"), VALUE_TEXT },
  [DD_AUDIT_FIELD_REPORT_REPORTED_ON] = { "occurrence_reports", "reported_on", N_("Reported on"), VALUE_DATE },
  [DD_AUDIT_FIELD_REPORT_NOTE] = { "occurrence_reports", "note", N_("Note"), VALUE_TEXT },
  [DD_AUDIT_FIELD_REPORT_NUMBER] = { "occurrence_reports", "report_number", N_("Report number"), VALUE_TEXT },
  [DD_AUDIT_FIELD_SCHEDULE_PERIODS] = { "task_schedules", "periods", N_("Reporting periods"), VALUE_PERIODS },
  [DD_AUDIT_FIELD_SCHEDULE_DUE_RULE] = { "task_schedules", "due_rule", N_("Rule for the report’s due date"), VALUE_DUE_RULE },
  [DD_AUDIT_FIELD_SCHEDULE_DUE_PARAM] = { "task_schedules", "due_param", N_("Day or working days of the rule"), VALUE_TEXT },
  [DD_AUDIT_FIELD_SCHEDULE_UPDATE_EVERY] = { "task_schedules", "update_every_months", N_("Update owed every (months)"), VALUE_TEXT },
  [DD_AUDIT_FIELD_PLAN_NUMBER] = { "plans", "number", N_("Number"), VALUE_TEXT },
  [DD_AUDIT_FIELD_PLAN_ISSUED_ON] = { "plans", "issued_on", N_("Issued on"), VALUE_DATE },
  [DD_AUDIT_FIELD_PLAN_TITLE] = { "plans", "title", N_("Title"), VALUE_TEXT },
  [DD_AUDIT_FIELD_PLAN_ISSUER] = { "plans", "issuer", N_("Issued by"), VALUE_TEXT },
  [DD_AUDIT_FIELD_PLAN_BASIS] = { "plans", "basis", N_("Basis"), VALUE_TEXT },
  [DD_AUDIT_FIELD_UNIT_NAME] = { "units", "name", N_("Name"), VALUE_TEXT },
  [DD_AUDIT_FIELD_UNIT_IS_GROUP] = { "units", "is_group", N_("Group of units"), VALUE_BOOLEAN },
  [DD_AUDIT_FIELD_SETTING_VALUE] = { "settings", "value", N_("Value"), VALUE_TEXT },
  [DD_AUDIT_FIELD_INDICATOR_TITLE] = { "indicators", "title", N_("Indicator"), VALUE_TEXT },
  [DD_AUDIT_FIELD_INDICATOR_TARGET] = { "indicators", "target", N_("Target"), VALUE_TEXT },
  [DD_AUDIT_FIELD_INDICATOR_FIGURES_UNIT] = { "indicator_figures", "unit_id", N_("Unit"), VALUE_UNIT },
  [DD_AUDIT_FIELD_INDICATOR_FIGURES_FROM] = { "indicator_figures", "period_start", N_("Period from"), VALUE_DATE },
  [DD_AUDIT_FIELD_INDICATOR_FIGURES_TO] = { "indicator_figures", "period_end", N_("Period to"), VALUE_DATE },
  [DD_AUDIT_FIELD_INDICATOR_FIGURES_ACHIEVED] = { "indicator_figures", "numerator", N_("Achieved"), VALUE_TEXT },
  [DD_AUDIT_FIELD_INDICATOR_FIGURES_OUT_OF] = { "indicator_figures", "denominator", N_("Out of"), VALUE_TEXT },
  [DD_AUDIT_FIELD_INDICATOR_FIGURES_SOURCE] = { "indicator_figures", "source", N_("Source"), VALUE_TEXT },
  [DD_AUDIT_FIELD_DOSSIER_FIGURES_UNIT] = { "dossier_figures", "unit_id", N_("Unit"), VALUE_UNIT },
  [DD_AUDIT_FIELD_DOSSIER_FIGURES_FROM] = { "dossier_figures", "period_start", N_("Period from"), VALUE_DATE },
  [DD_AUDIT_FIELD_DOSSIER_FIGURES_TO] = { "dossier_figures", "period_end", N_("Period to"), VALUE_DATE },
  [DD_AUDIT_FIELD_DOSSIER_FIGURES_RECEIVED] = { "dossier_figures", "received", N_("Dossiers received"), VALUE_TEXT },
  [DD_AUDIT_FIELD_DOSSIER_FIGURES_ON_TIME] = { "dossier_figures", "on_time", N_("Dossiers resolved on time"), VALUE_TEXT },
  [DD_AUDIT_FIELD_DOSSIER_FIGURES_LATE] = { "dossier_figures", "late", N_("Dossiers resolved late"), VALUE_TEXT },
  [DD_AUDIT_FIELD_DOSSIER_FIGURES_PENDING] = { "dossier_figures", "pending", N_("Dossiers pending"), VALUE_TEXT },
  [DD_AUDIT_FIELD_DOSSIER_FIGURES_APOLOGIES] = { "dossier_figures", "apologies",
                                                 N_("Apology letters sent for late dossiers"), VALUE_TEXT },
  [DD_AUDIT_FIELD_DOSSIER_FIGURES_SOURCE] = { "dossier_figures", "source", N_("Source"), VALUE_TEXT },
  [DD_AUDIT_FIELD_HOLIDAY_DAY] = { "holidays", "day", N_("Day"), VALUE_DATE },
  [DD_AUDIT_FIELD_HOLIDAY_NAME] = { "holidays", "name", N_("Name"), VALUE_TEXT },
  [DD_AUDIT_FIELD_HOLIDAY_KIND] = { "holidays", "kind", N_("Kind"), VALUE_TEXT },
  [DD_AUDIT_FIELD_USER_DISPLAY_NAME] = { "users", "display_name", N_("Display name"), VALUE_TEXT },
  [DD_AUDIT_FIELD_USER_ROLE] = { "users", "role", N_("Role"), VALUE_ROLE },
  [DD_AUDIT_FIELD_USER_UNIT] = { "users", "unit_id", N_("Unit"), VALUE_UNIT },
  [DD_AUDIT_FIELD_OCCURRENCE_DUE] = { "occurrence_due", "due", N_("Due date after the days off changed"),
                                      VALUE_DATE },
};

G_STATIC_ASSERT (G_N_ELEMENTS (fields) == DD_AUDIT_FIELD_OCCURRENCE_DUE + 1);


G_DEFINE_BOXED_TYPE (DdAuditChange, dd_audit_change, dd_audit_change_copy, dd_audit_change_free)

/* What one entry is said with, for each of its changes. */
typedef struct
{
  const DdAuditEntry *entry;
  GHashTable *unit_names;
  JsonObject *old_values;
  JsonObject *new_values;
  char *subject;
  char *when;
  GPtrArray *changes;
} Decoding;

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
unit_name (Decoding *d,
           gint64    unit_id)
{
  return d->unit_names != NULL ? g_hash_table_lookup (d->unit_names, &unit_id) : NULL;
}

static const char *
due_rule_label (gint64 rule)
{
  switch (rule)
    {
    case DD_DUE_RULE_PERIOD_END:
      return _("the cut-off day of Decree 09/2019/NĐ-CP");
    case DD_DUE_RULE_DAY_OF_MONTH:
      return _("a day of the month after the period");
    case DD_DUE_RULE_WORKDAYS_AFTER:
      return _("working days after the cut-off day");
    default:
      return NULL;
    }
}

static char *
format_value (Decoding   *d,
              JsonObject *object,
              const char *key,
              ValueKind   kind)
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
        const char *name = unit_name (d, g_ascii_strtoll (text, NULL, 10));

        if (name != NULL)
          return g_strdup (name);
        /* Translators: a unit that no longer exists, by its number in the database. */
        return g_strdup_printf (_("Unit #%s"), text);
      }

    case VALUE_PERCENT:
      /* Translators: a progress figure, "40%" (no space, as every
       * percentage of the app, dd_format_share()). */
      return g_strdup_printf (_("%s%%"), text);

    case VALUE_BOOLEAN:
      return g_strdup (g_str_equal (text, "0") ? _("No") : _("Yes"));

    case VALUE_ROLE:
      {
        DdRole role;

        if (dd_role_from_string (text, &role))
          return g_strdup (dd_role_get_label (role));
        return g_steal_pointer (&text);
      }

    case VALUE_PERIODS:
      return dd_period_flags_format ((guint) g_ascii_strtoull (text, NULL, 10));

    case VALUE_DUE_RULE:
      {
        const char *label = due_rule_label (g_ascii_strtoll (text, NULL, 10));

        return label != NULL ? g_strdup (label) : g_steal_pointer (&text);
      }

    case VALUE_TEXT:
    default:
      return g_steal_pointer (&text);
    }
}

static char *
task_label (const DdAuditEntry *entry)
{
  g_autofree char *number = dd_format_task_number (entry->task_number);

  if (number != NULL)
    /* Translators: what a change was made to: a task, by its number without its dot ("Nhiệm vụ 3"). */
    return g_strdup_printf (_("Task %s"), number);
  /* Translators: a task without a number, by its id in the database. */
  return g_strdup_printf (_("Task #%lld"), (long long) entry->task_id);
}

/* What an entry changed, in words. (transfer full) */
static char *
describe_subject (Decoding *d)
{
  JsonObject *any = d->new_values != NULL ? d->new_values : d->old_values;
  const DdAuditEntry *entry = d->entry;
  const char *table = entry->table_name;

  if (entry->task_id > 0)
    return task_label (entry);

  if (g_strcmp0 (table, "units") == 0)
    {
      const char *name = unit_name (d, entry->row_id);
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
  if (g_strcmp0 (table, "file") == 0)
    /* Translators: what a change was made to: the whole database file. */
    return g_strdup (_("The whole database"));

  return g_strdup (table);
}

/* The one value that names a row when it is added or removed. */
static char *
summarize (Decoding   *d,
           const char *table,
           JsonObject *values)
{
  static const char * const keys[] = { "title", "name", "person", "display_name", "number", "value", "account" };

  if (g_strcmp0 (table, "task_coordinators") == 0)
    return format_value (d, values, "unit_id", VALUE_UNIT);
  if (g_strcmp0 (table, "letters_sent") == 0)
    {
      g_autofree char *address = member_text (values, "address");
      g_autofree char *subject = member_text (values, "subject");

      /* Translators: an urging letter sent: to whom, its subject. */
      return g_strdup_printf (_("to %s — %s"), address, subject);
    }
  if (g_strcmp0 (table, "progress_updates") == 0)
    {
      g_autofree char *progress = format_value (d, values, "progress", VALUE_PERCENT);
      g_autofree char *note = member_text (values, "note");

      if (*note != '\0')
        /* Translators: a progress report: the figure and the note ("60 % — giữa kỳ"). */
        return g_strdup_printf (_("%s — %s"), progress, note);
      return g_steal_pointer (&progress);
    }
  if (g_strcmp0 (table, "task_extensions") == 0)
    {
      g_autofree char *due = format_value (d, values, "new_due", VALUE_DATE);
      g_autofree char *decision = member_text (values, "decision");

      if (*decision != '\0')
        /* Translators: an extension: the new due date and the document that allowed it. */
        return g_strdup_printf (_("%s — %s"), due, decision);
      return g_steal_pointer (&due);
    }
  if (g_strcmp0 (table, "task_sources") == 0)
    {
      g_autofree char *kind = member_text (values, "kind");
      g_autofree char *number = member_text (values, "number");

      return g_strstrip (g_strjoin (" ", kind, number, NULL));
    }
  if (g_strcmp0 (table, "task_schedules") == 0)
    return format_value (d, values, "periods", VALUE_PERIODS);
  if (g_strcmp0 (table, "indicator_figures") == 0 || g_strcmp0 (table, "dossier_figures") == 0)
    {
      g_autofree char *start = format_value (d, values, "period_start", VALUE_DATE);
      g_autofree char *end = format_value (d, values, "period_end", VALUE_DATE);

      /* Translators: a reporting period, "15/12/2025 – 14/03/2026". */
      return g_strdup_printf (_("%s – %s"), start, end);
    }
  if (g_strcmp0 (table, "holidays") == 0)
    return format_value (d, values, "day", VALUE_DATE);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (values != NULL && json_object_has_member (values, keys[i]))
      return member_text (values, keys[i]);
  return g_strdup ("");
}

/* Takes @old_value and @new_value (NULL: ""). */
static void
add_change (Decoding          *d,
            DdAuditChangeKind  kind,
            DdAuditField       field,
            const char        *label,
            char              *old_value,
            char              *new_value)
{
  DdAuditChange *change = g_new0 (DdAuditChange, 1);

  change->entry_id = d->entry->id;
  change->task_id = d->entry->task_id;
  change->kind = kind;
  change->field = field;
  change->label = g_strdup (label);
  change->subject = g_strdup (d->subject);
  change->old_value = old_value != NULL ? old_value : g_strdup ("");
  change->new_value = new_value != NULL ? new_value : g_strdup ("");
  change->who = g_strdup (dd_audit_entry_get_who (d->entry));
  change->when = g_strdup (d->when);
  g_ptr_array_add (d->changes, change);
}

/* A row added or removed: one change, named by its summary. */
static void
decode_row (Decoding   *d,
            const char *table,
            gboolean    insert)
{
  char *summary = summarize (d, table, insert ? d->new_values : d->old_values);
  DdAuditField field = DD_AUDIT_FIELD_NONE;
  const char *what;

  if (g_str_equal (table, "tasks"))
    what = _("Task created");
  else if (g_str_equal (table, "task_coordinators"))
    {
      what = insert ? _("Coordinating unit added") : _("Coordinating unit removed");
      field = DD_AUDIT_FIELD_TASK_COORDINATORS;
    }
  else if (g_str_equal (table, "progress_updates"))
    {
      g_autofree char *reopened = member_text (insert ? d->new_values : d->old_values, "reopened");

      if (insert && g_str_equal (reopened, "1"))
        what = _("Task reopened");
      else
        what = insert ? _("Progress reported") : _("Progress report removed");
    }
  else if (g_str_equal (table, "task_sources"))
    what = insert ? _("Assigning document recorded") : _("Assigning document removed");
  else if (g_str_equal (table, "task_schedules"))
    what = insert ? _("Reporting schedule set") : _("Reporting schedule removed");
  else if (g_str_equal (table, "task_extensions"))
    what = insert ? _("Deadline extended") : _("Extension removed");
  else if (g_str_equal (table, "letters_sent"))
    what = _("Urging letter sent by email");
  else if (g_str_equal (table, "indicator_rules"))
    what = insert ? _("Figures computed from the tasks and dossiers") : _("Figures entered by hand");
  else
    what = insert ? _("Added") : _("Removed");

  add_change (d, insert ? DD_AUDIT_CHANGE_ADDED : DD_AUDIT_CHANGE_REMOVED, field, what,
              insert ? NULL : summary, insert ? summary : NULL);
}

/* An update: one change per field people know. */
static void
decode_update (Decoding   *d,
               const char *table)
{
  guint n_changes = 0;

  for (guint i = DD_AUDIT_FIELD_NONE + 1; i < G_N_ELEMENTS (fields); i++)
    {
      const char *key = fields[i].key;

      if (key == NULL || !g_str_equal (fields[i].table, table))
        continue;
      if ((d->new_values == NULL || !json_object_has_member (d->new_values, key))
          && (d->old_values == NULL || !json_object_has_member (d->old_values, key)))
        continue;

      if (i == DD_AUDIT_FIELD_OCCURRENCE_DUE)
        {
          g_autofree char *occurrence = member_text (d->new_values, "occurrence");
          g_autofree char *label = NULL;

          /* Translators: in the history, a due date moved by a change of the
           * days off; %s is what is due ("Quý II/2026"). */
          label = g_strdup_printf (_("Due date of %s, after the days off changed"), occurrence);
          add_change (d, DD_AUDIT_CHANGE_FIELD, (DdAuditField) i, label,
                      format_value (d, d->old_values, key, fields[i].kind),
                      format_value (d, d->new_values, key, fields[i].kind));
          n_changes++;
          continue;
        }
      add_change (d, DD_AUDIT_CHANGE_FIELD, (DdAuditField) i, _(fields[i].label),
                  format_value (d, d->old_values, key, fields[i].kind),
                  format_value (d, d->new_values, key, fields[i].kind));
      n_changes++;
    }

  /* Columns nobody edits by hand (positions, the deadline's derived kind)
   * changed alone: say so rather than show nothing. */
  if (n_changes == 0 && !g_str_equal (table, "tasks"))
    add_change (d, DD_AUDIT_CHANGE_OTHER, DD_AUDIT_FIELD_NONE, _("Changed"), NULL, NULL);
}

void
_dd_audit_entry_decode (const DdAuditEntry *entry,
                        GHashTable         *unit_names,
                        GPtrArray          *changes)
{
  g_autoptr(JsonNode) old_root = NULL;
  g_autoptr(JsonNode) new_root = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *when = NULL;
  Decoding d = { entry, unit_names, NULL, NULL, NULL, NULL, changes };
  const char *table = entry->table_name != NULL ? entry->table_name : "";
  const char *action = entry->action != NULL ? entry->action : "";

  d.old_values = parse_object (entry->old_values, &old_root);
  d.new_values = parse_object (entry->new_values, &new_root);
  /* when and subject own the strings d borrows, to free them at the end of
   * the scope (g_autofree): the analyzer sees stores never read. */
  d.when = when = dd_audit_entry_dup_when (entry);  /* NOLINT(clang-analyzer-deadcode.DeadStores) */
  d.subject = subject = describe_subject (&d);      /* NOLINT(clang-analyzer-deadcode.DeadStores) */

  if (g_str_equal (table, "tasks") && g_str_equal (action, "delete"))
    add_change (&d, DD_AUDIT_CHANGE_TO_RECYCLE_BIN, DD_AUDIT_FIELD_NONE,
                _("Moved to the recycle bin"), NULL, NULL);
  else if (g_str_equal (table, "tasks") && g_str_equal (action, "restore"))
    add_change (&d, DD_AUDIT_CHANGE_FROM_RECYCLE_BIN, DD_AUDIT_FIELD_NONE,
                _("Restored from the recycle bin"), NULL, NULL);
  else if (g_str_equal (table, "file") && g_str_equal (action, "restore"))
    /* dd_backups_restore_file(): the new value is the backup's name. */
    add_change (&d, DD_AUDIT_CHANGE_OTHER, DD_AUDIT_FIELD_NONE,
                _("Replaced by a backup"), NULL, member_text (d.new_values, "backup"));
  else if (g_str_equal (action, "insert") || g_str_equal (action, "delete"))
    decode_row (&d, table, g_str_equal (action, "insert"));
  else
    decode_update (&d, table);
}

/* Public API */

DdAuditChange *
dd_audit_change_copy (const DdAuditChange *self)
{
  DdAuditChange *copy = g_new0 (DdAuditChange, 1);

  *copy = *self;
  copy->label = g_strdup (self->label);
  copy->subject = g_strdup (self->subject);
  copy->old_value = g_strdup (self->old_value);
  copy->new_value = g_strdup (self->new_value);
  copy->who = g_strdup (self->who);
  copy->when = g_strdup (self->when);
  return copy;
}

void
dd_audit_change_free (DdAuditChange *self)
{
  if (self == NULL)
    return;
  g_free (self->label);
  g_free (self->subject);
  g_free (self->old_value);
  g_free (self->new_value);
  g_free (self->who);
  g_free (self->when);
  g_free (self);
}

const char *
dd_audit_field_get_label (DdAuditField field)
{
  g_return_val_if_fail ((guint) field < G_N_ELEMENTS (fields), "");

  if (field == DD_AUDIT_FIELD_NONE)
    return "";
  return _(fields[field].label);
}

const char *
dd_audit_entry_get_who (const DdAuditEntry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->display_name != NULL && *self->display_name != '\0')
    return self->display_name;
  if (self->user != NULL)
    return self->user;
  return _("Unknown");
}

char *
dd_audit_entry_dup_when (const DdAuditEntry *self)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) date_time = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->at == NULL)
    return g_strdup ("");
  date_time = g_date_time_new_from_iso8601 (self->at, utc);
  if (date_time == NULL)
    return g_strdup (self->at);
  local = g_date_time_to_local (date_time);
  return g_date_time_format (local, "%d/%m/%Y %H:%M");
}

gboolean
dd_audit_entry_sets (const DdAuditEntry *self,
                     DdAuditField        field)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *values;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (field > DD_AUDIT_FIELD_NONE && (guint) field < G_N_ELEMENTS (fields), FALSE);

  if (g_strcmp0 (self->table_name, fields[field].table) != 0)
    return FALSE;
  if (fields[field].key == NULL)
    return TRUE;

  values = parse_object (self->new_values, &root);
  return values != NULL && json_object_has_member (values, fields[field].key);
}
