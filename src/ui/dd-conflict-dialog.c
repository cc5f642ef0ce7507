/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-conflict-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-conflict-dialog.h"

/*
 * DdConflictDialog: shown when the task editor's save meets
 * DD_STORE_ERROR_CONFLICT. It lists, field by field, what the user typed
 * against what is now in the file (or on the server, for a PostgreSQL
 * store: dd_pg_store_is_server()), with who changed that value and
 * when (from the audit history), and lets the user keep theirs or take the
 * other one for each field. Fields that are the same on both sides are not
 * shown. A field only one side changed starts on that side's value, so that
 * pressing Save straight away keeps both people's work; a field both changed
 * starts on the user's. "resolved" hands the merged task to the editor,
 * which saves it against the file's revision.
 */

typedef struct
{
  const char *key;
  const char *label;
  DdAuditField field;     /* how the audit history knows it */
  char     *(*get)   (DdTask *task);
  void      (*apply) (DdTask *merged, DdTask *mine);
} ConflictField;

typedef struct
{
  const ConflictField *field;
  GtkCheckButton *mine;
  GtkCheckButton *theirs;
} Choice;

struct _DdConflictDialog
{
  GtkWindow parent_instance;

  DdStore *store;
  DdTask *base;
  DdTask *mine;
  DdTask *theirs;
  GPtrArray *choices;   /* Choice */

  /* Template children */
  GtkLabel *intro_label;
  GtkLabel *theirs_heading;
  GtkGrid *fields_grid;
};

enum {
  RESOLVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdConflictDialog, dd_conflict_dialog, GTK_TYPE_WINDOW)

/* The fields */

static char *
text_or_empty (const char *text)
{
  return g_strdup (text != NULL ? text : "");
}

static char *get_number (DdTask *t) { return text_or_empty (dd_task_get_number (t)); }
static char *get_title (DdTask *t) { return text_or_empty (dd_task_get_title (t)); }
static char *get_lead (DdTask *t) { return text_or_empty (dd_task_get_lead (t)); }
static char *get_coordinators (DdTask *t) { return dd_task_dup_coordinators_text (t); }
static char *get_deadline (DdTask *t) { return text_or_empty (dd_task_get_deadline_text (t)); }
static char *get_product (DdTask *t) { return text_or_empty (dd_task_get_product (t)); }
static char *get_directing (DdTask *t) { return text_or_empty (dd_task_get_directing (t)); }
static char *get_actual_product (DdTask *t) { return text_or_empty (dd_task_get_actual_product (t)); }
static char *get_note (DdTask *t) { return text_or_empty (dd_task_get_note (t)); }

static char *
get_progress (DdTask *t)
{
  return dd_format_share (dd_task_get_progress (t));
}

static char *
get_completed (DdTask *t)
{
  if (!dd_date_is_set (dd_task_get_completed_on (t)))
    return g_strdup ("");
  return dd_format_date (dd_task_get_completed_on (t));
}

static void apply_number (DdTask *m, DdTask *s) { dd_task_set_number (m, dd_task_get_number (s)); }
static void apply_title (DdTask *m, DdTask *s) { dd_task_set_title (m, dd_task_get_title (s)); }
static void apply_lead (DdTask *m, DdTask *s) { dd_task_set_lead (m, dd_task_get_lead (s)); }
static void apply_coordinators (DdTask *m, DdTask *s) { dd_task_set_coordinators (m, dd_task_get_coordinators (s)); }
static void apply_product (DdTask *m, DdTask *s) { dd_task_set_product (m, dd_task_get_product (s)); }
static void apply_directing (DdTask *m, DdTask *s) { dd_task_set_directing (m, dd_task_get_directing (s)); }
static void apply_progress (DdTask *m, DdTask *s) { dd_task_set_progress (m, dd_task_get_progress (s)); }
static void apply_completed (DdTask *m, DdTask *s) { dd_task_set_completed_on (m, dd_task_get_completed_on (s)); }
static void apply_actual_product (DdTask *m, DdTask *s) { dd_task_set_actual_product (m, dd_task_get_actual_product (s)); }
static void apply_note (DdTask *m, DdTask *s) { dd_task_set_note (m, dd_task_get_note (s)); }

static void
apply_deadline (DdTask *m,
                DdTask *s)
{
  g_autoptr(GError) error = NULL;

  /* The user's text was read once already, when it was typed. */
  if (!dd_task_set_deadline_text (m, dd_task_get_deadline_text (s), &error))
    g_critical ("The time frame “%s” was accepted, then refused: %s",
                dd_task_get_deadline_text (s), error->message);
}

static const ConflictField conflict_fields[] = {
  { "number", N_("Number"), DD_AUDIT_FIELD_TASK_NUMBER, get_number, apply_number },
  { "title", N_("Task"), DD_AUDIT_FIELD_TASK_TITLE, get_title, apply_title },
  { "lead", N_("Lead unit"), DD_AUDIT_FIELD_TASK_LEAD_UNIT, get_lead, apply_lead },
  { "coordinators", N_("Coordinating units"), DD_AUDIT_FIELD_TASK_COORDINATORS, get_coordinators,
    apply_coordinators },
  { "deadline", N_("Time frame"), DD_AUDIT_FIELD_TASK_TIME_FRAME, get_deadline, apply_deadline },
  { "product", N_("Product"), DD_AUDIT_FIELD_TASK_PRODUCT, get_product, apply_product },
  { "directing", N_("Directing leader"), DD_AUDIT_FIELD_TASK_DIRECTING, get_directing, apply_directing },
  { "progress", N_("Progress"), DD_AUDIT_FIELD_TASK_PROGRESS, get_progress, apply_progress },
  { "completed", N_("Completed on"), DD_AUDIT_FIELD_TASK_COMPLETED_ON, get_completed, apply_completed },
  { "actual_product", N_("Actual result"), DD_AUDIT_FIELD_TASK_ACTUAL_RESULT, get_actual_product,
    apply_actual_product },
  { "note", N_("Note"), DD_AUDIT_FIELD_TASK_NOTE, get_note, apply_note },
};

/* Auxiliary methods */

/* Who last changed @field in the file, and when: "Trần Thị Bình, 25/11/2026 14:05". */
static char *
describe_last_change (GPtrArray           *history,
                      const ConflictField *field)
{
  for (guint i = 0; history != NULL && i < history->len; i++)
    {
      const DdAuditEntry *entry = g_ptr_array_index (history, i);

      if (dd_audit_entry_sets (entry, field->field))
        {
          g_autofree char *when = dd_audit_entry_dup_when (entry);

          /* Translators: who changed the value now in the file, and when:
           * "Changed by Trần Thị Bình, 25/11/2026 14:05". */
          return g_strdup_printf (_("Changed by %s, %s"), dd_audit_entry_get_who (entry), when);
        }
    }
  return NULL;
}

static GtkWidget *
value_box (const char *value,
           const char *detail)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label;

  label = gtk_label_new (*value != '\0' ? value : _("(empty)"));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  if (*value == '\0')
    gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  if (detail != NULL)
    {
      label = gtk_label_new (detail);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
    }
  return box;
}

static void
build (DdConflictDialog *self)
{
  g_autoptr(DdHistory) log = dd_history_new (self->store);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  gboolean server = dd_pg_store_is_server (self->store);
  DdHistoryQuery query;
  int row = 1;

  /* The other side is a file's or a server's, as the store is. */
  if (server)
    gtk_label_set_text (self->theirs_heading, _("Now on the server"));
  dd_history_query_init (&query);
  query.task_id = dd_task_get_id (self->theirs);
  query.limit = 200;
  history = dd_history_query (log, &query, &error);
  if (history == NULL)
    g_debug ("No history for the conflict: %s", error->message);

  for (guint i = 0; i < G_N_ELEMENTS (conflict_fields); i++)
    {
      const ConflictField *field = &conflict_fields[i];
      g_autofree char *base = field->get (self->base);
      g_autofree char *mine = field->get (self->mine);
      g_autofree char *theirs = field->get (self->theirs);
      g_autofree char *who = NULL;
      g_autofree char *mine_name = NULL;
      g_autofree char *theirs_name = NULL;
      gboolean mine_changed = g_strcmp0 (base, mine) != 0;
      gboolean theirs_changed = g_strcmp0 (base, theirs) != 0;
      const char *note;
      GtkWidget *label_box;
      GtkWidget *label;
      Choice *choice;

      if (g_strcmp0 (mine, theirs) == 0)
        continue;

      who = describe_last_change (history, field);

      label_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      label = gtk_label_new (_(field->label));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (label_box), label);
      if (mine_changed && theirs_changed)
        note = _("Changed on both sides");
      else if (mine_changed)
        note = _("Only you changed it");
      else if (server)
        note = _("Only changed on the server");
      else
        note = _("Only changed in the file");
      label = gtk_label_new (note);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (label_box), label);
      gtk_grid_attach (self->fields_grid, label_box, 0, row, 1, 1);

      choice = g_new0 (Choice, 1);
      choice->field = field;
      choice->mine = GTK_CHECK_BUTTON (gtk_check_button_new ());
      gtk_check_button_set_child (choice->mine, value_box (mine, _("Keep mine")));
      mine_name = g_strconcat ("mine-", field->key, NULL);
      gtk_widget_set_name (GTK_WIDGET (choice->mine), mine_name);
      gtk_widget_set_hexpand (GTK_WIDGET (choice->mine), TRUE);
      gtk_widget_set_valign (GTK_WIDGET (choice->mine), GTK_ALIGN_START);

      choice->theirs = GTK_CHECK_BUTTON (gtk_check_button_new ());
      gtk_check_button_set_group (choice->theirs, choice->mine);
      {
        g_autofree char *detail = NULL;

        /* Translators: under the value now in the file (or on the server):
         * "Take theirs — Changed by …". */
        detail = who != NULL ? g_strdup_printf (_("Take theirs — %s"), who) : g_strdup (_("Take theirs"));
        gtk_check_button_set_child (choice->theirs, value_box (theirs, detail));
      }
      theirs_name = g_strconcat ("theirs-", field->key, NULL);
      gtk_widget_set_name (GTK_WIDGET (choice->theirs), theirs_name);
      gtk_widget_set_hexpand (GTK_WIDGET (choice->theirs), TRUE);
      gtk_widget_set_valign (GTK_WIDGET (choice->theirs), GTK_ALIGN_START);

      /* Each person's own change is kept unless the user says otherwise. */
      if (theirs_changed && !mine_changed)
        gtk_check_button_set_active (choice->theirs, TRUE);
      else
        gtk_check_button_set_active (choice->mine, TRUE);

      gtk_grid_attach (self->fields_grid, GTK_WIDGET (choice->mine), 1, row, 1, 1);
      gtk_grid_attach (self->fields_grid, GTK_WIDGET (choice->theirs), 2, row, 1, 1);
      g_ptr_array_add (self->choices, choice);
      row++;

      gtk_grid_attach (self->fields_grid, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), 0, row, 3, 1);
      row++;
    }

  gtk_label_set_text (self->intro_label,
                      _("Someone else saved this task while you were editing it. Nothing has been "
                        "overwritten. For each field that differs, choose the value to keep, then save."));
}

static Choice *
find_choice (DdConflictDialog *self,
             const char       *key)
{
  for (guint i = 0; i < self->choices->len; i++)
    {
      Choice *choice = g_ptr_array_index (self->choices, i);

      if (g_str_equal (choice->field->key, key))
        return choice;
    }
  return NULL;
}

/* Callbacks */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DdConflictDialog *self = DD_CONFLICT_DIALOG (widget);
  g_autoptr(DdTask) merged = dd_conflict_dialog_dup_merged (self);

  /* The editor may show a new dialog, or close: this one lets go of it
   * first, since it goes on living until the emission is over. */
  g_object_ref (self);
  gtk_widget_set_visible (widget, FALSE);
  gtk_window_set_transient_for (GTK_WINDOW (self), NULL);
  g_signal_emit (self, signals [RESOLVED], 0, merged);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

/* GObject overrides */

static void
dd_conflict_dialog_dispose (GObject *object)
{
  DdConflictDialog *self = DD_CONFLICT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_CONFLICT_DIALOG);

  g_clear_object (&self->store);
  g_clear_object (&self->base);
  g_clear_object (&self->mine);
  g_clear_object (&self->theirs);

  G_OBJECT_CLASS (dd_conflict_dialog_parent_class)->dispose (object);
}

static void
dd_conflict_dialog_finalize (GObject *object)
{
  DdConflictDialog *self = DD_CONFLICT_DIALOG (object);

  g_ptr_array_unref (self->choices);

  G_OBJECT_CLASS (dd_conflict_dialog_parent_class)->finalize (object);
}

static void
dd_conflict_dialog_class_init (DdConflictDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_conflict_dialog_dispose;
  object_class->finalize = dd_conflict_dialog_finalize;

  /**
   * DdConflictDialog::resolved:
   * @merged: the task to save: the file's version with the user's choices
   *
   * Emitted when the user presses Save; the dialog is hidden by then and
   * destroyed right after.
   */
  signals [RESOLVED] =
    g_signal_new ("resolved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, DD_TYPE_TASK);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-conflict-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DdConflictDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, DdConflictDialog, theirs_heading);
  gtk_widget_class_bind_template_child (widget_class, DdConflictDialog, fields_grid);

  gtk_widget_class_install_action (widget_class, "conflict.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "conflict.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "conflict.cancel", NULL);
}

static void
dd_conflict_dialog_init (DdConflictDialog *self)
{
  self->choices = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * dd_conflict_dialog_new:
 * @parent: the task editor
 * @store: the store, for the history of the task
 * @base: the task as the user read it
 * @mine: the user's edited copy
 * @theirs: the task as it is now in the file (or on the server)
 *
 * Returns: (transfer none): the dialog, owned by GTK like every toplevel
 */
DdConflictDialog *
dd_conflict_dialog_new (GtkWindow *parent,
                        DdStore   *store,
                        DdTask    *base,
                        DdTask    *mine,
                        DdTask    *theirs)
{
  DdConflictDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DD_IS_STORE (store), NULL);
  g_return_val_if_fail (DD_IS_TASK (base), NULL);
  g_return_val_if_fail (DD_IS_TASK (mine), NULL);
  g_return_val_if_fail (DD_IS_TASK (theirs), NULL);

  self = g_object_new (DD_TYPE_CONFLICT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->base = g_object_ref (base);
  self->mine = g_object_ref (mine);
  self->theirs = g_object_ref (theirs);
  build (self);
  return self;
}

GStrv
dd_conflict_dialog_dup_fields (DdConflictDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (DD_IS_CONFLICT_DIALOG (self), NULL);

  for (guint i = 0; i < self->choices->len; i++)
    g_strv_builder_add (builder, ((Choice *) g_ptr_array_index (self->choices, i))->field->key);
  return g_strv_builder_end (builder);
}

GtkCheckButton *
dd_conflict_dialog_get_choice (DdConflictDialog *self,
                               const char       *field,
                               gboolean          mine)
{
  Choice *choice;

  g_return_val_if_fail (DD_IS_CONFLICT_DIALOG (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  choice = find_choice (self, field);
  if (choice == NULL)
    return NULL;
  return mine ? choice->mine : choice->theirs;
}

DdTask *
dd_conflict_dialog_get_theirs (DdConflictDialog *self)
{
  g_return_val_if_fail (DD_IS_CONFLICT_DIALOG (self), NULL);

  return self->theirs;
}

DdTask *
dd_conflict_dialog_dup_merged (DdConflictDialog *self)
{
  DdTask *merged;

  g_return_val_if_fail (DD_IS_CONFLICT_DIALOG (self), NULL);

  /* The file's version carries the file's revision: saving it is saving
   * against what the user has now seen. */
  merged = dd_task_copy (self->theirs);
  for (guint i = 0; i < self->choices->len; i++)
    {
      Choice *choice = g_ptr_array_index (self->choices, i);

      if (gtk_check_button_get_active (choice->mine))
        choice->field->apply (merged, self->mine);
    }
  return merged;
}
