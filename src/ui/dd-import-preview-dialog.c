/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-import-preview-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-import-preview-dialog.h"

/*
 * DdImportPreviewDialog: what importing a file would do, before anything
 * is written (DdImportPreview, made on the importer's thread): the rows as
 * they will be stored, with the deadline each "Thời gian" became; the
 * units the file names, matched or new, each new one to create or to map
 * onto a unit of the store with a drop-down; what changes against the
 * stored plan of the same number; every warning. "Import" hands back the
 * plan with its units mapped (dd_imported_plan_map_units()); "Cancel" or
 * closing the window leaves everything as it was.
 */

enum
{
  COL_NUMBER,
  COL_TITLE,
  COL_LEAD,
  COL_COORDINATORS,
  COL_TIME,
  COL_DEADLINE,
  COL_PRODUCT,
  COL_DIRECTING,
  N_COLUMNS
};

/* One row of the table of tasks: a task's cells as text, or a section. */
#define DD_TYPE_PREVIEW_ROW (dd_preview_row_get_type ())
G_DECLARE_FINAL_TYPE (DdPreviewRow, dd_preview_row, DD, PREVIEW_ROW, GObject)

struct _DdPreviewRow
{
  GObject parent_instance;
  char *cells[N_COLUMNS];
  gboolean section;             /* a section row: its title in COL_TITLE */
  gboolean flagged;             /* the deadline was not understood */
};

G_DEFINE_FINAL_TYPE (DdPreviewRow, dd_preview_row, G_TYPE_OBJECT)

static void
dd_preview_row_finalize (GObject *object)
{
  DdPreviewRow *self = DD_PREVIEW_ROW (object);

  for (guint i = 0; i < N_COLUMNS; i++)
    g_free (self->cells[i]);
  G_OBJECT_CLASS (dd_preview_row_parent_class)->finalize (object);
}

static void
dd_preview_row_class_init (DdPreviewRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_preview_row_finalize;
}

static void
dd_preview_row_init (DdPreviewRow *self)
{
}

struct _DdImportPreviewDialog
{
  GtkWindow parent_instance;

  DdStore *store;
  DdImportPreview *preview;
  GPtrArray *unit_choices;      /* of GtkDropDown* (borrowed) or NULL, as preview->units */
  GtkStringList *unit_names;    /* "create it", then the store's units */
  gboolean finished;

  /* Template children */
  GtkLabel *title_label;
  GtkLabel *details_label;
  GtkLabel *summary_label;
  GtkNotebook *notebook;
  GtkColumnView *tasks_view;
  GtkLabel *tasks_tab;
  GtkGrid *units_grid;
  GtkLabel *units_tab;
  GtkBox *changes_box;
  GtkLabel *changes_tab;
  GtkBox *warnings_box;
  GtkLabel *warnings_tab;
  GtkButton *cancel_button;
  GtkButton *import_button;
};

G_DEFINE_FINAL_TYPE (DdImportPreviewDialog, dd_import_preview_dialog, GTK_TYPE_WINDOW)

enum
{
  FINISHED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* Auxiliary methods */

static char *
dup_deadline_text (const DdImportedTask *task)
{
  const DdDeadline *deadline = &task->deadline;

  if (!deadline->understood)
    /* Translators: in the import preview, a "Thời gian" the importer could
     * not read: the task is flagged for a date to be set by hand. */
    return g_strdup (_("Not understood: to be set by hand"));
  if (g_date_valid (&deadline->due))
    {
      g_autofree char *due = dd_format_date (&deadline->due);

      /* Translators: a deadline as understood: its kind, then its date. */
      return g_strdup_printf (C_("deadline understood", "%s %s"),
                              dd_deadline_kind_get_label (deadline->kind), due);
    }
  return g_strdup (dd_deadline_kind_get_label (deadline->kind));
}

static DdPreviewRow *
section_row_new (const DdImportedSection *section)
{
  DdPreviewRow *row = g_object_new (DD_TYPE_PREVIEW_ROW, NULL);

  row->section = TRUE;
  row->cells[COL_TITLE] = g_strdup (section->title);
  return row;
}

static DdPreviewRow *
task_row_new (const DdImportedTask *task)
{
  DdPreviewRow *row = g_object_new (DD_TYPE_PREVIEW_ROW, NULL);
  GString *coordinators = g_string_new (NULL);

  for (guint i = 0; task->coordinators != NULL && i < task->coordinators->len; i++)
    {
      if (i > 0)
        g_string_append_c (coordinators, '\n');
      g_string_append (coordinators, g_ptr_array_index (task->coordinators, i));
    }
  row->cells[COL_NUMBER] = g_strdup (task->number);
  row->cells[COL_TITLE] = g_strdup (task->title);
  row->cells[COL_LEAD] = g_strdup (task->lead);
  row->cells[COL_COORDINATORS] = g_string_free (coordinators, FALSE);
  row->cells[COL_TIME] = g_strdup (task->deadline_text);
  row->cells[COL_DEADLINE] = dup_deadline_text (task);
  row->cells[COL_PRODUCT] = g_strdup (task->product);
  row->cells[COL_DIRECTING] = g_strdup (task->directing);
  row->flagged = !task->deadline.understood;
  return row;
}

/* The plan's rows in the file's order, each section before its tasks. */
static GListModel *
build_rows (const DdImportedPlan *plan)
{
  GListStore *store = g_list_store_new (DD_TYPE_PREVIEW_ROW);
  guint next_section = 0;

  for (guint i = 0; i < plan->tasks->len; i++)
    {
      g_autoptr(DdPreviewRow) row = NULL;

      while (plan->sections != NULL && next_section < plan->sections->len)
        {
          const DdImportedSection *section = g_ptr_array_index (plan->sections, next_section);
          g_autoptr(DdPreviewRow) section_row = NULL;

          if (section->first_task > i)
            break;
          section_row = section_row_new (section);
          g_list_store_append (store, section_row);
          next_section++;
        }
      row = task_row_new (g_ptr_array_index (plan->tasks, i));
      g_list_store_append (store, row);
    }
  return G_LIST_MODEL (store);
}

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_list_item_set_child (item, label);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  DdPreviewRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = row->cells[column];

  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  if (row->section)
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_remove_css_class (label, "heading");
  if (column == COL_DEADLINE && row->flagged)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

static void
add_column (DdImportPreviewDialog *self,
            guint                  column,
            const char            *title,
            int                    width,
            gboolean               expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), GUINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), GUINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_fixed_width (view_column, width);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->tasks_view, view_column);
  g_object_unref (view_column);
}

static void
fill_tasks (DdImportPreviewDialog *self)
{
  const DdImportedPlan *plan = self->preview->plan;
  g_autoptr(GListModel) rows = build_rows (plan);
  g_autofree char *tab = NULL;
  g_autofree char *count = NULL;

  add_column (self, COL_NUMBER, C_("appendix column", "No."), 48, FALSE);
  /* The task takes what the other columns leave; each of those is as wide
   * as its heading in Vietnamese and English ("Trách nhiệm chỉ đạo",
   * "Coordinating units"), so that at the dialog's width (1200 px, on a
   * 1366×768 screen) every heading is whole. */
  add_column (self, COL_TITLE, C_("appendix column", "Task"), 170, TRUE);
  add_column (self, COL_LEAD, C_("appendix column", "Lead unit"), 140, FALSE);
  add_column (self, COL_COORDINATORS, C_("appendix column", "Coordinating units"), 160, FALSE);
  add_column (self, COL_TIME, C_("appendix column", "Deadline"), 110, FALSE);
  /* Translators: a column of the import preview: the deadline each
   * "Thời gian" became. */
  add_column (self, COL_DEADLINE, _("Understood as"), 130, FALSE);
  add_column (self, COL_PRODUCT, C_("appendix column", "Product"), 130, FALSE);
  add_column (self, COL_DIRECTING, C_("appendix column", "Directing"), 170, FALSE);
  gtk_column_view_set_model (self->tasks_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (rows))));
  /* Translators: the tab of the import preview's tasks; %u is their number. */
  count = dd_format_count (plan->tasks->len);
  tab = g_strdup_printf (_("Tasks (%s)"), count);
  gtk_label_set_text (self->tasks_tab, tab);
}

static GtkWidget *
grid_label (const char *text,
            gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

/* The choices of a new unit: create it (the first), or one of the store's. */
static void
load_unit_names (DdImportPreviewDialog *self)
{
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GError) error = NULL;

  self->unit_names = gtk_string_list_new (NULL);
  /* Translators: the first choice of a new unit in the import preview. */
  gtk_string_list_append (self->unit_names, _("Create it as a new unit"));
  units = dd_store_list_units (self->store, 0, &error);
  if (units == NULL)
    {
      g_warning ("The units could not be read: %s", error->message);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);

      gtk_string_list_append (self->unit_names, dd_unit_get_name (unit));
    }
}

static GtkWidget *
unit_choice_new (DdImportPreviewDialog *self,
                 const DdImportedUnit  *unit)
{
  GtkExpression *expression =
    gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  GtkWidget *choice = gtk_drop_down_new (g_object_ref (G_LIST_MODEL (self->unit_names)), expression);

  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (choice), TRUE);
  gtk_widget_set_name (choice, unit->name);
  gtk_widget_set_halign (choice, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (choice), GTK_ACCESSIBLE_PROPERTY_LABEL, unit->name, -1);
  return choice;
}

static void
fill_units (DdImportPreviewDialog *self)
{
  GPtrArray *units = self->preview->units;
  g_autofree char *tab = NULL;
  guint n_new = 0;

  load_unit_names (self);
  /* Translators: the columns of the import preview's units. */
  gtk_grid_attach (self->units_grid, grid_label (_("Unit in the file"), TRUE), 0, 0, 1, 1);
  gtk_grid_attach (self->units_grid, grid_label (_("Tasks"), TRUE), 1, 0, 1, 1);
  gtk_grid_attach (self->units_grid, grid_label (_("In the database"), TRUE), 2, 0, 1, 1);
  self->unit_choices = g_ptr_array_new ();
  for (guint i = 0; i < units->len; i++)
    {
      const DdImportedUnit *unit = g_ptr_array_index (units, i);
      g_autofree char *count = dd_format_count (unit->n_tasks);
      GtkWidget *choice = NULL;

      gtk_grid_attach (self->units_grid, grid_label (unit->name, FALSE), 0, (int) i + 1, 1, 1);
      gtk_grid_attach (self->units_grid, grid_label (count, FALSE), 1, (int) i + 1, 1, 1);
      if (unit->existing != NULL)
        {
          /* Translators: a unit of the file that the database has; %s is its name there. */
          g_autofree char *text = g_strdup_printf (_("Matched: %s"), unit->existing);

          gtk_grid_attach (self->units_grid, grid_label (text, FALSE), 2, (int) i + 1, 1, 1);
        }
      else
        {
          choice = unit_choice_new (self, unit);
          gtk_grid_attach (self->units_grid, choice, 2, (int) i + 1, 1, 1);
          n_new++;
        }
      g_ptr_array_add (self->unit_choices, choice);
    }
  /* Translators: the tab of the import preview's units: all, then the new ones. */
  tab = g_strdup_printf (_("Units (%u, %u new)"), units->len, n_new);
  gtk_label_set_text (self->units_tab, tab);
}

static void
append_line (GtkBox     *box,
             const char *text,
             const char *css_class)
{
  GtkWidget *label = grid_label (text, FALSE);

  gtk_label_set_max_width_chars (GTK_LABEL (label), 120);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);
}

static char *
dup_change_text (const DdImportChange *change)
{
  g_autofree char *fields = NULL;
  GString *text = g_string_new (NULL);

  switch (change->kind)
    {
    case DD_IMPORT_CHANGE_ADDED:
      /* Translators: a change of the import preview: TT and title. */
      g_string_append_printf (text, _("Added: %s %s"), change->number, change->title);
      break;
    case DD_IMPORT_CHANGE_CHANGED:
      fields = dd_import_change_dup_fields_text (change);
      /* Translators: a change of the import preview: TT, title, then the changed columns. */
      g_string_append_printf (text, _("Changed: %s %s (%s)"), change->number, change->title, fields);
      if (change->old_title != NULL)
        /* Translators: the title a changed task had in the database. */
        g_string_append_printf (text, _("\n    was: “%s”"), change->old_title);
      if (change->old_deadline != NULL)
        /* Translators: the "Thời gian" a changed task had in the database. */
        g_string_append_printf (text, _("\n    deadline was: “%s”"), change->old_deadline);
      break;
    case DD_IMPORT_CHANGE_REMOVED:
    default:
      /* Translators: a task of the stored plan that the file no longer has. */
      g_string_append_printf (text, _("Not in the file, kept: %s %s"), change->number, change->title);
      break;
    }
  return g_string_free (text, FALSE);
}

static void
fill_changes (DdImportPreviewDialog *self)
{
  GPtrArray *changes = self->preview->changes;
  g_autofree char *tab = NULL;

  if (!self->preview->plan_exists)
    append_line (self->changes_box,
                 _("A new plan: every task will be added."), "dim-label");
  else if (changes->len == 0)
    append_line (self->changes_box,
                 _("The file is the same as the plan in the database: nothing will change."), "dim-label");
  for (guint i = 0; i < changes->len; i++)
    {
      const DdImportChange *change = g_ptr_array_index (changes, i);
      g_autofree char *text = dup_change_text (change);

      append_line (self->changes_box, text,
                   change->kind == DD_IMPORT_CHANGE_REMOVED ? "warning" : NULL);
    }
  /* Translators: the tab of the import preview's changes to the stored plan. */
  tab = g_strdup_printf (_("Changes (%u)"), changes->len);
  gtk_label_set_text (self->changes_tab, tab);
}

static guint
fill_warnings (DdImportPreviewDialog *self)
{
  const DdImportedPlan *plan = self->preview->plan;
  g_autofree char *tab = NULL;
  guint n = plan->warnings->len;

  for (guint i = 0; i < plan->warnings->len; i++)
    append_line (self->warnings_box, g_ptr_array_index (plan->warnings, i), "warning");
  if (plan->n_removed_chars > 0)
    {
      g_autofree char *text = dd_imported_plan_dup_removed_note (plan);

      append_line (self->warnings_box, text, "warning");
      n++;
    }
  if (n == 0)
    append_line (self->warnings_box, _("No warnings."), "dim-label");
  /* Translators: the tab of the import preview's warnings. */
  tab = g_strdup_printf (_("Warnings (%u)"), n);
  gtk_label_set_text (self->warnings_tab, tab);
  return n;
}

static void
fill_header (DdImportPreviewDialog *self,
             guint                  n_warnings)
{
  const DdImportedPlan *plan = self->preview->plan;
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  GString *details = g_string_new (NULL);
  guint n_new = 0, n_flagged = 0;

  for (guint i = 0; i < self->preview->units->len; i++)
    n_new += ((DdImportedUnit *) g_ptr_array_index (self->preview->units, i))->existing == NULL;
  for (guint i = 0; i < plan->tasks->len; i++)
    n_flagged += !((DdImportedTask *) g_ptr_array_index (plan->tasks, i))->deadline.understood;

  /* Translators: the import preview's title: the plan's number and title. */
  title = g_strdup_printf (_("Plan %s: %s"), plan->number, plan->title);
  gtk_label_set_text (self->title_label, title);
  if (g_date_valid (&plan->issued_on))
    {
      g_autofree char *date = dd_format_date (&plan->issued_on);

      /* Translators: the date a plan was issued, in the import preview. */
      g_string_append_printf (details, _("Issued on %s"), date);
    }
  if (plan->issuer != NULL)
    g_string_append_printf (details, "%s%s", details->len > 0 ? " · " : "", plan->issuer);
  if (plan->source_name != NULL)
    /* Translators: the file being imported, in the import preview. */
    g_string_append_printf (details, _("%sFile: %s"), details->len > 0 ? " · " : "", plan->source_name);
  g_string_append (details, details->len > 0 ? " · " : "");
  g_string_append (details, self->preview->plan_exists
                   ? _("The database has this plan: the import updates it")
                   : _("A new plan"));
  gtk_label_set_text (self->details_label, details->str);
  g_string_free (details, TRUE);

  /* The import preview's summary line, each count with its own plural. */
  {
    guint n_tasks = plan->tasks->len, n_units = self->preview->units->len;
    guint n_understood = plan->tasks->len - n_flagged, n_changes = self->preview->changes->len;
    g_autofree char *tasks = g_strdup_printf (ngettext ("%u task", "%u tasks", n_tasks), n_tasks);
    /* Translators: in the import preview's summary: the units the plan names, and how many are new. */
    g_autofree char *units = g_strdup_printf (ngettext ("%u unit (%u new)", "%u units (%u new)", n_units),
                                              n_units, n_new);
    g_autofree char *understood = g_strdup_printf (ngettext ("%u deadline understood", "%u deadlines understood",
                                                             n_understood), n_understood);
    g_autofree char *warnings = g_strdup_printf (ngettext ("%u warning", "%u warnings", n_warnings), n_warnings);
    g_autofree char *changes = g_strdup_printf (ngettext ("%u change", "%u changes", n_changes), n_changes);

    /* Translators: the import preview's summary line: the five counts above, in this order. */
    summary = g_strdup_printf (_("%s, %s, %s, %s, %s. Nothing is written until you choose Import."),
                               tasks, units, understood, warnings, changes);
  }
  gtk_label_set_text (self->summary_label, summary);
}

static void
finish (DdImportPreviewDialog *self,
        gboolean               confirmed)
{
  if (self->finished)
    return;
  self->finished = TRUE;
  if (confirmed)
    {
      g_autoptr(GHashTable) map = dd_import_preview_dialog_dup_unit_map (self);

      dd_imported_plan_map_units (self->preview->plan, map);
    }
  g_signal_emit (self, signals [FINISHED], 0, confirmed);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Callbacks */

static void
on_cancel_button_clicked_cb (DdImportPreviewDialog *self)
{
  finish (self, FALSE);
}

static void
on_import_button_clicked_cb (DdImportPreviewDialog *self)
{
  finish (self, TRUE);
}

static gboolean
dd_import_preview_dialog_close_request (GtkWindow *window)
{
  finish (DD_IMPORT_PREVIEW_DIALOG (window), FALSE);
  return GTK_WINDOW_CLASS (dd_import_preview_dialog_parent_class)->close_request (window);
}

/* GObject overrides */

static void
dd_import_preview_dialog_dispose (GObject *object)
{
  DdImportPreviewDialog *self = DD_IMPORT_PREVIEW_DIALOG (object);

  /* Closed with its parent: a cancel. */
  if (!self->finished)
    {
      self->finished = TRUE;
      g_signal_emit (self, signals [FINISHED], 0, FALSE);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_IMPORT_PREVIEW_DIALOG);
  g_clear_pointer (&self->unit_choices, g_ptr_array_unref);
  g_clear_object (&self->unit_names);
  g_clear_pointer (&self->preview, dd_import_preview_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dd_import_preview_dialog_parent_class)->dispose (object);
}

static void
dd_import_preview_dialog_class_init (DdImportPreviewDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dd_import_preview_dialog_dispose;
  window_class->close_request = dd_import_preview_dialog_close_request;

  /**
   * DdImportPreviewDialog::finished:
   * @confirmed: TRUE for Import (take the plan with
   *   dd_import_preview_dialog_steal_plan()), FALSE for Cancel or close
   *
   * Emitted once, just before the dialog closes.
   */
  signals [FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-import-preview-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DdImportPreviewDialog, title_label);
  gtk_widget_class_bind_template_child (widget_class, DdImportPreviewDialog, details_label);
  gtk_widget_class_bind_template_child (widget_class, DdImportPreviewDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DdImportPreviewDialog, notebook);
  gtk_widget_class_bind_template_child (widget_class, DdImportPreviewDialog, tasks_view);
  gtk_widget_class_bind_template_child (widget_class, DdImportPreviewDialog, tasks_tab);
  gtk_widget_class_bind_template_child (widget_class, DdImportPreviewDialog, units_grid);
  gtk_widget_class_bind_template_child (widget_class, DdImportPreviewDialog, units_tab);
  gtk_widget_class_bind_template_child (widget_class, DdImportPreviewDialog, changes_box);
  gtk_widget_class_bind_template_child (widget_class, DdImportPreviewDialog, changes_tab);
  gtk_widget_class_bind_template_child (widget_class, DdImportPreviewDialog, warnings_box);
  gtk_widget_class_bind_template_child (widget_class, DdImportPreviewDialog, warnings_tab);
  gtk_widget_class_bind_template_child (widget_class, DdImportPreviewDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DdImportPreviewDialog, import_button);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_import_button_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dd_import_preview_dialog_init (DdImportPreviewDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

DdImportPreviewDialog *
dd_import_preview_dialog_new (GtkWindow       *parent,
                              DdStore         *store,
                              DdImportPreview *preview)
{
  DdImportPreviewDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DD_IS_STORE (store), NULL);
  g_return_val_if_fail (preview != NULL && preview->plan != NULL, NULL);

  self = g_object_new (DD_TYPE_IMPORT_PREVIEW_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->preview = preview;
  fill_tasks (self);
  fill_units (self);
  fill_changes (self);
  fill_header (self, fill_warnings (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->import_button));
  return self;
}

const DdImportPreview *
dd_import_preview_dialog_get_preview (DdImportPreviewDialog *self)
{
  g_return_val_if_fail (DD_IS_IMPORT_PREVIEW_DIALOG (self), NULL);

  return self->preview;
}

GHashTable *
dd_import_preview_dialog_dup_unit_map (DdImportPreviewDialog *self)
{
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_return_val_if_fail (DD_IS_IMPORT_PREVIEW_DIALOG (self), map);

  for (guint i = 0; self->unit_choices != NULL && i < self->unit_choices->len; i++)
    {
      GtkDropDown *choice = g_ptr_array_index (self->unit_choices, i);
      const DdImportedUnit *unit = g_ptr_array_index (self->preview->units, i);
      guint selected;

      if (choice == NULL)
        continue;
      selected = gtk_drop_down_get_selected (choice);
      /* The first choice creates the unit: no mapping. */
      if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
        continue;
      g_hash_table_insert (map, g_strdup (unit->name),
                           g_strdup (gtk_string_list_get_string (self->unit_names, selected)));
    }
  return map;
}

DdImportedPlan *
dd_import_preview_dialog_steal_plan (DdImportPreviewDialog *self)
{
  g_return_val_if_fail (DD_IS_IMPORT_PREVIEW_DIALOG (self), NULL);

  if (self->preview == NULL || !self->finished)
    return NULL;
  return g_steal_pointer (&self->preview->plan);
}
