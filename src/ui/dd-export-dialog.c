/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-export-dialog.h"

struct _DdExportDialog
{
  GtkWindow parent_instance;

  /* Template children */
  GtkDropDown *format_dropdown;
  GtkDropDown *period_dropdown;
  GtkDropDown *language_dropdown;
  GtkCheckButton *filter_check;
  GtkWidget *progress_box;
  GtkSpinner *spinner;
  GtkLabel *error_label;
  GtkWidget *export_button;

  /* Owned state */
  DdExporter *exporter;
  DdTaskQuery filter;
  char *filter_text;          /* owns filter.text */
  gint64 plan_id;             /* the whole plan's (0: all plans) */
  GPtrArray *period_texts;    /* for dd_export_parse_period; NULL entry = whole plan */
  GtkFileChooserNative *chooser;
  gboolean busy;
  DdExportFormat format;      /* of the export under way */
  char *path;                 /* the file it writes */
};

G_DEFINE_FINAL_TYPE (DdExportDialog, dd_export_dialog, GTK_TYPE_WINDOW)

enum {
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* Auxiliary methods */

static void
add_period (DdExportDialog *self,
            GtkStringList  *labels,
            const char     *label,
            char           *period)
{
  gtk_string_list_append (labels, label);
  g_ptr_array_add (self->period_texts, period);
}

/* The periods a meeting asks about, around the reference date. */
static void
fill_periods (DdExportDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint year = g_date_get_year (&self->filter.as_of);
  guint month = g_date_get_month (&self->filter.as_of);
  guint quarter = (month - 1) / 3 + 1;
  guint half = month <= 6 ? 1 : 2;
  g_autofree char *l_month = NULL, *l_quarter = NULL, *l_prev = NULL, *l_half = NULL, *l_year = NULL;

  g_clear_pointer (&self->period_texts, g_ptr_array_unref);
  self->period_texts = g_ptr_array_new_with_free_func (g_free);

  add_period (self, labels, _("The whole plan"), NULL);
  /* Translators: a period: "Quý 4/2026". */
  l_quarter = g_strdup_printf (_("Quarter %u/%u"), quarter, year);
  add_period (self, labels, l_quarter, g_strdup_printf ("Q%u/%u", quarter, year));
  l_prev = g_strdup_printf (_("Quarter %u/%u"), quarter == 1 ? 4 : quarter - 1,
                            quarter == 1 ? year - 1 : year);
  add_period (self, labels, l_prev, g_strdup_printf ("Q%u/%u", quarter == 1 ? 4 : quarter - 1,
                                                     quarter == 1 ? year - 1 : year));
  l_half = half == 1
           /* Translators: "6 tháng đầu năm 2026". */
           ? g_strdup_printf (_("First 6 months of %u"), year)
           /* Translators: "6 tháng cuối năm 2026". */
           : g_strdup_printf (_("Last 6 months of %u"), year);
  add_period (self, labels, l_half, g_strdup_printf ("H%u/%u", half, year));
  /* Translators: "Năm 2026". */
  l_year = g_strdup_printf (_("Year %u"), year);
  add_period (self, labels, l_year, g_strdup_printf ("%u", year));
  /* Translators: "Tháng 11/2026". */
  l_month = g_strdup_printf (_("Month %u/%u"), month, year);
  add_period (self, labels, l_month, g_strdup_printf ("%u/%u", month, year));

  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->period_dropdown, 0);
}

static void
set_busy (DdExportDialog *self,
          gboolean        busy)
{
  self->busy = busy;
  gtk_widget_set_visible (self->progress_box, busy);
  if (busy)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
  gtk_widget_set_sensitive (self->export_button, !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->format_dropdown), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->period_dropdown), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->language_dropdown), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->filter_check), !busy);
}

static void
show_error (DdExportDialog *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static char *
dup_suggested_name (DdExportDialog *self,
                    DdExportFormat  format)
{
  g_autofree char *date = dd_date_to_iso (&self->filter.as_of);

  /* Translators: the file name offered for an export; keep it short, with
   * no "/" (%s is the date, 2026-11-25). */
  return g_strdup_printf (format == DD_EXPORT_FORMAT_PDF ? _("progress-report-%s.pdf")
                                                         : _("progress-report-%s.xlsx"),
                          date);
}

/* Callbacks */

static void
on_export_done_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DdExportDialog) self = user_data;
  DdExporter *exporter = DD_EXPORTER (source_object);
  g_autofree char *path = g_steal_pointer (&self->path);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = self->format == DD_EXPORT_FORMAT_PDF
       ? dd_exporter_export_pdf_finish (exporter, result, &error)
       : dd_exporter_export_xlsx_finish (exporter, result, &error);

  /* Closed meanwhile: its widgets are gone. */
  if (self->exporter == NULL)
    return;

  set_busy (self, FALSE);
  if (!ok)
    {
      show_error (self, error->message);
      g_signal_emit (self, signals [SIGNAL_FINISHED], 0, FALSE, error->message);
      return;
    }
  g_signal_emit (self, signals [SIGNAL_FINISHED], 0, TRUE, path);
}

static void
on_chooser_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        DdExportDialog  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  DdExportFormat format = gtk_drop_down_get_selected (self->format_dropdown) == 1
                          ? DD_EXPORT_FORMAT_PDF : DD_EXPORT_FORMAT_XLSX;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = file != NULL ? g_file_get_path (file) : NULL;
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);

  if (path != NULL)
    {
      /* A name typed without its extension gets it. */
      const char *ext = format == DD_EXPORT_FORMAT_PDF ? ".pdf" : ".xlsx";

      if (!g_str_has_suffix (path, ext))
        {
          char *with_ext = g_strconcat (path, ext, NULL);

          g_free (path);
          path = with_ext;
        }
      dd_export_dialog_export_to (self, format, path);
    }
}

static void
on_export_clicked_cb (DdExportDialog *self)
{
  DdExportFormat format = gtk_drop_down_get_selected (self->format_dropdown) == 1
                          ? DD_EXPORT_FORMAT_PDF : DD_EXPORT_FORMAT_XLSX;
  g_autofree char *name = dup_suggested_name (self, format);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->busy || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, format == DD_EXPORT_FORMAT_PDF ? _("PDF documents")
                                                                   : _("Excel workbooks"));
  gtk_file_filter_add_pattern (filter, format == DD_EXPORT_FORMAT_PDF ? "*.pdf" : "*.xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* GObject overrides */

static void
dd_export_dialog_dispose (GObject *object)
{
  DdExportDialog *self = (DdExportDialog *) object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->exporter);

  G_OBJECT_CLASS (dd_export_dialog_parent_class)->dispose (object);
}

static void
dd_export_dialog_finalize (GObject *object)
{
  DdExportDialog *self = (DdExportDialog *) object;

  g_free (self->filter_text);
  g_free (self->path);
  g_clear_pointer (&self->period_texts, g_ptr_array_unref);

  G_OBJECT_CLASS (dd_export_dialog_parent_class)->finalize (object);
}

static void
dd_export_dialog_class_init (DdExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_export_dialog_dispose;
  object_class->finalize = dd_export_dialog_finalize;

  /**
   * DdExportDialog::finished:
   * @ok: whether the file was written
   * @detail: the file's path, or the error message
   */
  signals [SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DdExportDialog, format_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdExportDialog, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdExportDialog, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdExportDialog, filter_check);
  gtk_widget_class_bind_template_child (widget_class, DdExportDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, DdExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, DdExportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, DdExportDialog, export_button);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dd_export_dialog_init (DdExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

DdExportDialog *
dd_export_dialog_new (GtkWindow         *parent,
                      DdStore           *store,
                      const DdTaskQuery *current_filter)
{
  DdExportDialog *self;

  g_return_val_if_fail (DD_IS_STORE (store), NULL);

  self = g_object_new (DD_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->exporter = dd_exporter_new (store);
  if (current_filter != NULL)
    {
      self->filter = *current_filter;
      self->filter_text = g_strdup (current_filter->text);
      self->filter.text = self->filter_text;
    }
  else
    dd_task_query_init (&self->filter);
  if (!dd_date_is_set (&self->filter.as_of))
    dd_date_set_today (&self->filter.as_of);
  self->plan_id = self->filter.plan_id;
  fill_periods (self);
  /* The list's filter is a choice that names itself and its count; the
   * whole plan otherwise. */
  {
    g_autofree char *scope = dd_export_dup_scope (store, &self->filter, NULL);

    if (scope != NULL)
      {
        g_autofree char *label = g_strdup_printf (_("Only the tasks of the list’s filter: %s"), scope);

        gtk_check_button_set_label (self->filter_check, label);
      }
  }
  return self;
}

void
dd_export_dialog_export_to (DdExportDialog *self,
                            DdExportFormat  format,
                            const char     *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *period_label = NULL;
  DdExportOptions options;
  guint selected;
  const char *period;

  g_return_if_fail (DD_IS_EXPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  if (self->busy)
    return;

  dd_export_options_init (&options);
  /* The whole plan unless the list's filter is asked for, explicitly. */
  if (gtk_check_button_get_active (self->filter_check))
    options.tasks = self->filter;
  else
    {
      options.tasks.as_of = self->filter.as_of;
      options.tasks.due_soon_days = self->filter.due_soon_days;
      options.tasks.plan_id = self->plan_id;
    }
  /* Vietnamese first, whatever the window's language: the languages are
   * named in their own words. */
  options.language = gtk_drop_down_get_selected (self->language_dropdown) == 1 ? "en" : "vi";

  selected = gtk_drop_down_get_selected (self->period_dropdown);
  period = selected < self->period_texts->len ? g_ptr_array_index (self->period_texts, selected) : NULL;
  if (period != NULL &&
      !dd_export_parse_period (period, &options.from, &options.to, &period_label, &error))
    {
      show_error (self, error->message);
      return;
    }
  options.period_label = period_label;

  show_error (self, NULL);
  set_busy (self, TRUE);
  self->format = format;
  g_free (self->path);
  self->path = g_strdup (path);
  /* Written on the exporter's own thread and connection (it copies the
   * options): the window does not wait. The export holds the dialog until
   * its callback. */
  if (format == DD_EXPORT_FORMAT_PDF)
    dd_exporter_export_pdf_async (self->exporter, &options, path, NULL,
                                  on_export_done_cb, g_object_ref (self));
  else
    dd_exporter_export_xlsx_async (self->exporter, &options, path, NULL,
                                   on_export_done_cb, g_object_ref (self));
}

void
dd_export_dialog_start_from (DdExportDialog *self,
                             gint64          plan_id,
                             const GDate    *as_of,
                             const GDate    *from,
                             const GDate    *to)
{
  GtkStringList *labels;
  guint found = G_MAXUINT;

  g_return_if_fail (DD_IS_EXPORT_DIALOG (self));
  g_return_if_fail (as_of != NULL && dd_date_is_set (as_of));

  self->plan_id = plan_id;
  /* The statuses as of the dashboard's date; the periods around it. */
  self->filter.as_of = *as_of;
  fill_periods (self);
  if (from == NULL || to == NULL || !dd_date_is_set (from) || !dd_date_is_set (to))
    return;

  /* The dashboard's period, if the list has it; else as it is. */
  for (guint i = 0; i < self->period_texts->len && found == G_MAXUINT; i++)
    {
      const char *text = g_ptr_array_index (self->period_texts, i);
      GDate f, t;

      if (text != NULL && dd_export_parse_period (text, &f, &t, NULL, NULL)
          && g_date_compare (&f, from) == 0 && g_date_compare (&t, to) == 0)
        found = i;
    }
  if (found == G_MAXUINT)
    {
      g_autofree char *f = dd_format_date (from);
      g_autofree char *t = dd_format_date (to);
      g_autofree char *label = NULL;
      g_autofree char *iso_from = dd_date_to_iso (from);
      g_autofree char *iso_to = dd_date_to_iso (to);

      /* Translators: the dashboard's period in the export dialog: "Kỳ của bảng tổng hợp: 01/04/2026 – 30/06/2026". */
      label = g_strdup_printf (_("The dashboard’s period: %s – %s"), f, t);
      labels = GTK_STRING_LIST (gtk_drop_down_get_model (self->period_dropdown));
      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->period_texts, g_strdup_printf ("%s..%s", iso_from, iso_to));
      found = self->period_texts->len - 1;
    }
  gtk_drop_down_set_selected (self->period_dropdown, found);
}
