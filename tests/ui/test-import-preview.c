/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-preview"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dd-import-preview-dialog.h"
#include "dd-mail-preview-dialog.h"
#include "dd-mail-settings-window.h"
#include "dd-window.h"
#include "dd-window-private.h"
#include "dd-test-gtk.h"
#include "dd-test-smtp.h"

/*
 * The window's import through its preview: a file is read and shown
 * (rows, deadlines understood, units matched and new, changes, warnings)
 * before anything is written; Import writes it as mapped, Cancel writes
 * nothing. The assertions hold in any language, so that the screenshots
 * may be taken in Vietnamese (LANGUAGE=vi LC_ALL=vi_VN.UTF-8).
 */

typedef struct
{
  char *path;
  char *dir;
  DdStore *store;
  DdWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = dd_test_create_store (&f->path);
  f->dir = dd_test_make_tmp_dir ("dondoc-preview-XXXXXX");
  f->window = g_object_ref (dd_window_new (NULL, f->store));
  dd_test_present_window (GTK_WINDOW (f->window), 1366, 768, 100);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  dd_test_iterate (50);
  g_clear_object (&f->store);
  dd_test_remove_store_file (f->path);
  dd_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gboolean
preview_shown (gpointer data)
{
  return dd_test_find_toplevel (DD_TYPE_IMPORT_PREVIEW_DIALOG) != NULL;
}

static DdImportPreviewDialog *
wait_for_preview (void)
{
  dd_test_wait_for (preview_shown, NULL);
  dd_test_iterate (100);
  return DD_IMPORT_PREVIEW_DIALOG (dd_test_find_toplevel (DD_TYPE_IMPORT_PREVIEW_DIALOG));
}

static gboolean
message_dialog_shown (gpointer data)
{
  return dd_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG) != NULL;
}

static void
close_message_dialog (void)
{
  dd_test_wait_for (message_dialog_shown, NULL);
  gtk_window_destroy (dd_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG));
  dd_test_iterate (50);
}

static void
click (DdImportPreviewDialog *dialog,
       const char            *name)
{
  GtkWidget *button = dd_test_template_child (dialog, DD_TYPE_IMPORT_PREVIEW_DIALOG, name);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  dd_test_iterate (50);
}

/* A label under @widget whose text holds @part. */
static GtkWidget *
find_label_with (GtkWidget  *widget,
                 const char *part)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), part) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_with (child, part);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The drop-down of the new unit @name in the units' tab, or NULL. */
static GtkDropDown *
find_unit_choice (GtkWidget  *widget,
                  const char *name)
{
  if (GTK_IS_DROP_DOWN (widget) && g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return GTK_DROP_DOWN (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkDropDown *found = find_unit_choice (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
show_tab (DdImportPreviewDialog *dialog,
          int                    page)
{
  GtkNotebook *notebook = dd_test_template_child (dialog, DD_TYPE_IMPORT_PREVIEW_DIALOG, "notebook");

  gtk_notebook_set_current_page (notebook, page);
  dd_test_iterate (150);
}

static guint
count_units (DdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) units = dd_store_list_units (store, 0, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (units);
}

static gboolean
store_has_unit (DdStore    *store,
                const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) units = dd_store_list_units (store, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);

      if (g_strcmp0 (dd_unit_get_name (unit), name) == 0)
        return TRUE;
    }
  return FALSE;
}

static char *
dup_understood (const DdImportedTask *task)
{
  g_autofree char *due = NULL;

  if (!g_date_valid (&task->deadline.due))
    return g_strdup (dd_deadline_kind_get_label (task->deadline.kind));
  due = dd_format_date (&task->deadline.due);
  return g_strdup_printf (C_("deadline understood", "%s %s"),
                          dd_deadline_kind_get_label (task->deadline.kind), due);
}

/* A Word plan: every row with its fields and the deadline it became, every
 * unit matched or new, every warning; Import writes it. */
static void
test_preview_docx (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *docx = g_test_build_filename (G_TEST_DIST, "data", "office", "features.docx", NULL);
  const DdImportPreview *preview;
  DdImportPreviewDialog *dialog;
  guint n_tasks = dd_test_count_tasks (f->store);
  guint n_units = count_units (f->store);
  guint n_new = 0;

  _dd_window_import_path (f->window, docx);
  dialog = wait_for_preview ();
  preview = dd_import_preview_dialog_get_preview (dialog);
  g_assert_cmpuint (preview->plan->tasks->len, ==, 2);
  g_assert_false (preview->plan_exists);
  for (guint i = 0; i < preview->plan->tasks->len; i++)
    {
      const DdImportedTask *task = g_ptr_array_index (preview->plan->tasks, i);
      g_autofree char *understood = dup_understood (task);

      g_assert_true (task->deadline.understood);
      g_assert_nonnull (dd_test_find_label (GTK_WIDGET (dialog), task->title));
      g_assert_nonnull (dd_test_find_label (GTK_WIDGET (dialog), task->deadline_text));
      g_assert_nonnull (dd_test_find_label (GTK_WIDGET (dialog), understood));
      g_assert_nonnull (dd_test_find_label (GTK_WIDGET (dialog), task->lead));
    }
  /* Section rows too. */
  g_assert_cmpuint (preview->plan->sections->len, >, 0);
  g_assert_nonnull (dd_test_find_label (GTK_WIDGET (dialog),
                                        ((DdImportedSection *) g_ptr_array_index (preview->plan->sections, 0))->title));
  dd_test_screenshot ("import-preview-tasks");

  show_tab (dialog, 1);
  for (guint i = 0; i < preview->units->len; i++)
    {
      const DdImportedUnit *unit = g_ptr_array_index (preview->units, i);

      g_assert_nonnull (dd_test_find_label (GTK_WIDGET (dialog), unit->name));
      /* A drop-down for each new unit, none for a matched one. */
      g_assert_true ((find_unit_choice (GTK_WIDGET (dialog), unit->name) != NULL) == (unit->existing == NULL));
      n_new += unit->existing == NULL;
    }
  dd_test_screenshot ("import-preview-units");
  /* The summary counts each with its own plural: never "1 units". */
  {
    g_autofree char *units = g_strdup_printf (ngettext ("%u unit (%u new)", "%u units (%u new)", preview->units->len),
                                              preview->units->len, n_new);
    g_autofree char *tasks = g_strdup_printf (ngettext ("%u task", "%u tasks", 2), 2);

    g_assert_nonnull (find_label_with (GTK_WIDGET (dialog), units));
    g_assert_nonnull (find_label_with (GTK_WIDGET (dialog), tasks));
    g_assert_null (find_label_with (GTK_WIDGET (dialog), "1 units"));
    g_assert_null (find_label_with (GTK_WIDGET (dialog), "1 warnings"));
    g_assert_null (find_label_with (GTK_WIDGET (dialog), "1 changes"));
  }
  show_tab (dialog, 3);
  for (guint i = 0; i < preview->plan->warnings->len; i++)
    g_assert_nonnull (dd_test_find_label (GTK_WIDGET (dialog), g_ptr_array_index (preview->plan->warnings, i)));

  /* Nothing written before Import. */
  g_assert_cmpuint (dd_test_count_tasks (f->store), ==, n_tasks);
  click (dialog, "import_button");
  close_message_dialog ();
  g_assert_null (dd_test_find_toplevel (DD_TYPE_IMPORT_PREVIEW_DIALOG));
  g_assert_cmpuint (dd_test_count_tasks (f->store), ==, n_tasks + 2);
  g_assert_cmpuint (count_units (f->store), ==, n_units + n_new);
}

/* A new unit mapped onto one the database has: no unit created, its
 * tasks filed under the existing one. */
static void
test_preview_map_unit (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->dir, "ke-hoach-moi.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) units = NULL;
  g_autoptr(DdUnit) target = NULL;
  DdImportPreviewDialog *dialog;
  GtkDropDown *choice;
  guint n_units = count_units (f->store);
  guint n_led = 0;

  dd_test_write_file (csv,
                      "TT,Nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian\n"
                      "1.,Rà soát quy trình nội bộ,Tổ công tác đặc biệt,,Trước 30/6/2026\n"
                      "2.,Số hóa hồ sơ lưu trữ,Tổ công tác đặc biệt,,Quý III/2026\n", -1);
  units = dd_store_list_units (f->store, 0, &error);
  g_assert_no_error (error);
  target = g_list_model_get_item (units, 0);
  n_led = dd_unit_get_n_led (target);

  _dd_window_import_path (f->window, csv);
  dialog = wait_for_preview ();
  show_tab (dialog, 1);
  choice = find_unit_choice (GTK_WIDGET (dialog), "Tổ công tác đặc biệt");
  g_assert_nonnull (choice);
  /* The first choice creates the unit; the next ones are the database's,
   * in its order. */
  g_assert_cmpuint (gtk_drop_down_get_selected (choice), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (choice)), ==, n_units + 1);
  gtk_drop_down_set_selected (choice, 1);
  dd_test_iterate (100);
  dd_test_screenshot ("import-preview-map-unit");
  {
    g_autoptr(GHashTable) map = dd_import_preview_dialog_dup_unit_map (dialog);

    g_assert_cmpstr (g_hash_table_lookup (map, "Tổ công tác đặc biệt"), ==, dd_unit_get_name (target));
  }
  click (dialog, "import_button");
  close_message_dialog ();

  g_assert_cmpuint (count_units (f->store), ==, n_units);
  g_assert_false (store_has_unit (f->store, "Tổ công tác đặc biệt"));
  g_clear_object (&units);
  g_clear_object (&target);
  units = dd_store_list_units (f->store, 0, &error);
  g_assert_no_error (error);
  target = g_list_model_get_item (units, 0);
  g_assert_cmpuint (dd_unit_get_n_led (target), ==, n_led + 2);
}

/* Cancel, or closing the window: the database file byte-identical, and
 * the window ready for the next import. */
static void
test_preview_cancel (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *docx = g_test_build_filename (G_TEST_DIST, "data", "office", "plan-662.xlsx", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  DdImportPreviewDialog *dialog;

  dd_test_iterate (200);
  before = dd_test_file_checksum (f->path);
  _dd_window_import_path (f->window, docx);
  dialog = wait_for_preview ();
  click (dialog, "cancel_button");
  g_assert_null (dd_test_find_toplevel (DD_TYPE_IMPORT_PREVIEW_DIALOG));
  dd_test_iterate (200);
  after = dd_test_file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);

  /* Again, closed by the window manager this time. */
  _dd_window_import_path (f->window, docx);
  dialog = wait_for_preview ();
  gtk_window_close (GTK_WINDOW (dialog));
  dd_test_iterate (200);
  g_assert_null (dd_test_find_toplevel (DD_TYPE_IMPORT_PREVIEW_DIALOG));
  g_clear_pointer (&after, g_free);
  after = dd_test_file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_null (dd_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG));
}

/* A revised plan: what it adds, changes and no longer has, before it is
 * applied. */
static void
test_preview_changes (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *first = g_build_filename (f->dir, "first.csv", NULL);
  g_autofree char *revised = g_build_filename (f->dir, "revised.csv", NULL);
  const char *head = "Kế hoạch số:,700/KH-VPUB\n"
                     "Ngày ban hành:,04/5/2026\n"
                     "Tên kế hoạch:,Kế hoạch thử\n"
                     "\n"
                     "TT,Nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian,Sản phẩm\n";
  g_autofree char *first_text = g_strconcat (head,
                                             "1.,Xây dựng kế hoạch,Sở Nội vụ,,Trước 30/5/2026,Kế hoạch\n"
                                             "2.,Số hoá hồ sơ,Sở Nội vụ,,Quý II/2026,Kết quả\n"
                                             "3.,Báo cáo định kỳ,Sở Nội vụ,,Thường xuyên,Báo cáo\n", NULL);
  g_autofree char *revised_text = g_strconcat (head,
                                               "1.,Xây dựng kế hoạch,Sở Nội vụ,,Trước 30/5/2026,Kế hoạch\n"
                                               "2.,Số hoá toàn bộ hồ sơ,Sở Nội vụ,,Trước 30/9/2026,Kết quả\n"
                                               "4.,Tổng kết,Sở Nội vụ,,Trước 15/12/2026,Báo cáo\n", NULL);
  const DdImportPreview *preview;
  DdImportPreviewDialog *dialog;
  guint n_tasks;

  dd_test_write_file (first, first_text, -1);
  dd_test_write_file (revised, revised_text, -1);
  _dd_window_import_path (f->window, first);
  click (wait_for_preview (), "import_button");
  close_message_dialog ();
  n_tasks = dd_test_count_tasks (f->store);

  _dd_window_import_path (f->window, revised);
  dialog = wait_for_preview ();
  preview = dd_import_preview_dialog_get_preview (dialog);
  g_assert_true (preview->plan_exists);
  g_assert_cmpuint (preview->changes->len, ==, 3);
  show_tab (dialog, 2);
  for (guint i = 0; i < preview->changes->len; i++)
    {
      const DdImportChange *change = g_ptr_array_index (preview->changes, i);

      g_assert_nonnull (find_label_with (GTK_WIDGET (dialog), change->title));
    }
  /* The old title and "Thời gian" of the changed task. */
  g_assert_nonnull (find_label_with (GTK_WIDGET (dialog), "“Số hoá hồ sơ”"));
  g_assert_nonnull (find_label_with (GTK_WIDGET (dialog), "“Quý II/2026”"));
  dd_test_screenshot ("import-preview-changes");
  click (dialog, "import_button");
  close_message_dialog ();
  /* One added; the one no longer in the file kept. */
  g_assert_cmpuint (dd_test_count_tasks (f->store), ==, n_tasks + 1);
}

/* The units' progress forms through the window: written into a folder,
 * one filled by the unit (openpyxl) read back, shown, and recorded. */
static void
test_progress_form (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "data", "office", "fill-form.py", NULL);
  g_autofree char *form = NULL;
  g_autofree char *filled = g_build_filename (f->dir, "filled.xlsx", NULL);
  g_autofree char *command = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *secondary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(DdTask) task = NULL;
  g_autoptr(DdTaskList) list = NULL;
  GtkWindow *dialog;
  DdTaskQuery query;
  const char *name;
  int status = -1;

  _dd_window_export_forms_to (f->window, f->dir);
  close_message_dialog ();
  dir = g_dir_open (f->dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "Tien-do-") && form == NULL)
      form = g_build_filename (f->dir, name, NULL);
  g_assert_nonnull (form);

  /* The unit sets its first task to 45 %. */
  command = g_strdup_printf ("/usr/bin/python3 %s fill %s %s '{\"I7\": 45, \"M7\": \"Đã xong dự thảo\"}'",
                             script, form, filled);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);

  /* Shown, then Cancel: nothing written. */
  dd_test_iterate (200);
  before = dd_test_file_checksum (f->path);
  _dd_window_import_form_path (f->window, filled);
  dd_test_wait_for (message_dialog_shown, NULL);
  dialog = dd_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG);
  g_object_get (dialog, "secondary-text", &secondary, NULL);
  g_assert_nonnull (strstr (secondary, "45%"));
  /* One row: "1 row to record", not "1 rows". */
  g_assert_true (g_str_has_prefix (secondary, "1 row to record, 0 conflicts (not recorded)."));
  g_assert_nonnull (strstr (secondary, "Đã xong dự thảo"));
  dd_test_screenshot ("progress-form-preview");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  dd_test_iterate (200);
  after = dd_test_file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);

  /* Again, recorded. */
  _dd_window_import_form_path (f->window, filled);
  dd_test_wait_for (message_dialog_shown, NULL);
  gtk_dialog_response (GTK_DIALOG (dd_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG)), GTK_RESPONSE_ACCEPT);
  dd_test_iterate (50);
  close_message_dialog ();
  dd_task_query_init (&query);
  list = dd_store_query_tasks (f->store, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(DdTask) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (dd_task_get_progress (item) == 45)
        g_set_object (&task, item);
    }
  g_assert_nonnull (task);
}

/* Several units' forms back at once: read together, shown in one
 * preview (each form under its unit), recorded together. */
static void
test_progress_forms_several (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "data", "office", "fill-form.py", NULL);
  g_autoptr(GPtrArray) forms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) filled = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(DdTaskList) list = NULL;
  g_autofree char *primary = NULL;
  g_autofree char *secondary = NULL;
  GtkWindow *dialog;
  DdTaskQuery query;
  const char *name;
  guint n_45 = 0, n_55 = 0;

  _dd_window_export_forms_to (f->window, f->dir);
  close_message_dialog ();
  dir = g_dir_open (f->dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "Tien-do-") && forms->len < 2)
      g_ptr_array_add (forms, g_build_filename (f->dir, name, NULL));
  g_assert_cmpuint (forms->len, ==, 2);

  /* Two units each set their first task: 45 % and 55 %. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *out = g_strdup_printf ("%s/filled-%u.xlsx", f->dir, i);
      g_autofree char *command = g_strdup_printf ("/usr/bin/python3 %s fill %s %s '{\"I7\": %u}'", script,
                                                  (char *) g_ptr_array_index (forms, i), out, i == 0 ? 45 : 55);
      int status = -1;

      g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_cmpint (status, ==, 0);
      g_ptr_array_add (filled, g_steal_pointer (&out));
    }
  g_ptr_array_add (filled, NULL);

  _dd_window_import_form_paths (f->window, (const char * const *) filled->pdata);
  dd_test_wait_for (message_dialog_shown, NULL);
  dialog = dd_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG);
  g_object_get (dialog, "text", &primary, "secondary-text", &secondary, NULL);
  g_assert_cmpstr (primary, ==, "Record the 2 progress forms?");
  g_assert_nonnull (strstr (secondary, "45%"));
  g_assert_nonnull (strstr (secondary, "55%"));
  g_assert_nonnull (strstr (secondary, "Form of "));
  g_assert_true (strstr (secondary, "Form of ") != g_strrstr (secondary, "Form of "));
  dd_test_screenshot ("progress-forms-several");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  dd_test_iterate (50);
  close_message_dialog ();

  dd_task_query_init (&query);
  list = dd_store_query_tasks (f->store, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(DdTask) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      n_45 += dd_task_get_progress (item) == 45;
      n_55 += dd_task_get_progress (item) == 55;
    }
  g_assert_cmpuint (n_45, ==, 1);
  g_assert_cmpuint (n_55, ==, 1);
}

static gboolean
on_tick_cb (gpointer data)
{
  guint *ticks = data;

  (*ticks)++;
  return G_SOURCE_CONTINUE;
}

/* The urging letters through the window: one per unit with late tasks,
 * written on a worker while the window goes on (LibreOffice's PDF
 * conversion takes seconds), a spinner turning meanwhile. */
static void
test_letters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  GtkWidget *spinner = dd_test_template_child (f->window, DD_TYPE_WINDOW, "busy_spinner");
  GtkMessageType type = GTK_MESSAGE_OTHER;
  gint64 end = g_get_monotonic_time () + 300 * G_USEC_PER_SEC;
  const char *name;
  guint n_docx = 0;
  guint n_pdf = 0;
  guint ticks = 0;
  guint tick_id;
  /* A button of the action in the header bar: enabled with it. */
  GtkWidget *probe = gtk_button_new_with_label ("probe");

  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), "win.urging-letters");
  gtk_header_bar_pack_start (GTK_HEADER_BAR (gtk_window_get_titlebar (GTK_WINDOW (f->window))), probe);
  dd_test_iterate (50);
  g_assert_true (gtk_widget_get_sensitive (probe));
  g_assert_false (gtk_widget_get_visible (spinner));
  _dd_window_write_letters_to (f->window, f->dir);
  /* Back at once: the job runs, the spinner turns, the action waits. */
  g_assert_null (dd_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG));
  g_assert_true (gtk_widget_get_visible (spinner));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  g_assert_false (gtk_widget_get_sensitive (probe));

  /* The main loop runs while the letters are written. */
  tick_id = g_timeout_add (20, on_tick_cb, &ticks);
  dd_test_screenshot ("urging-letters-writing");
  while (!message_dialog_shown (NULL))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_source_remove (tick_id);
  g_test_message ("%u ticks of 20 ms while the letters were written", ticks);
  /* LibreOffice needs far longer than a few ticks for a letter. */
  if (soffice != NULL)
    g_assert_cmpuint (ticks, >, 5);
  dd_test_screenshot ("urging-letters");
  g_object_get (dd_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG), "message-type", &type, NULL);
  g_assert_cmpint (type, ==, GTK_MESSAGE_INFO);
  g_assert_false (gtk_widget_get_visible (spinner));
  g_assert_true (gtk_widget_get_sensitive (probe));
  close_message_dialog ();
  dir = g_dir_open (f->dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      n_docx += g_str_has_prefix (name, "Cong-van-don-doc-") && g_str_has_suffix (name, ".docx");
      n_pdf += g_str_has_prefix (name, "Cong-van-don-doc-") && g_str_has_suffix (name, ".pdf");
    }
  /* The seed plan has late tasks; a PDF beside each letter when
   * LibreOffice is there. */
  g_assert_cmpuint (n_docx, >, 0);
  g_assert_cmpuint (n_pdf, ==, soffice != NULL ? n_docx : 0);
}

/* Closing the window while its letters are written: the job ends
 * without it, nothing is shown. */
static void
test_letters_close (Fixture       *f,
                    gconstpointer  data)
{
  DdWindow *window = f->window;
  GObject *weak = G_OBJECT (window);

  _dd_window_write_letters_to (window, f->dir);
  g_object_add_weak_pointer (weak, (gpointer *) &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&f->window);
  /* The job holds the window until its end, then lets it go. */
  while (weak != NULL)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_null (dd_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG));
  f->window = g_object_ref (dd_window_new (NULL, f->store));
}

static gboolean
mail_settings_shown (gpointer data)
{
  return dd_test_find_toplevel (DD_TYPE_MAIL_SETTINGS_WINDOW) != NULL;
}

static void
set_entry (GtkWidget  *window,
           const char *name,
           const char *text)
{
  GtkEditable *entry = dd_test_template_child (window, DD_TYPE_MAIL_SETTINGS_WINDOW, name);

  gtk_editable_set_text (entry, text);
}

/* The entry of unit @name in the settings' list, or NULL. */
static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (GTK_IS_ENTRY (widget) && g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
mail_preview_shown (gpointer data)
{
  return dd_test_find_toplevel (DD_TYPE_MAIL_PREVIEW_DIALOG) != NULL;
}

/* Iterates until the preview's messages are made (its Send button
 * sensitive), for up to 300 s: the letters go through LibreOffice. */
static void
wait_for_messages (DdMailPreviewDialog *dialog)
{
  GtkWidget *send = dd_test_template_child (dialog, DD_TYPE_MAIL_PREVIEW_DIALOG, "send_button");
  gint64 end = g_get_monotonic_time () + 300 * G_USEC_PER_SEC;

  while (dd_mail_preview_dialog_get_messages (dialog) == NULL || !gtk_widget_get_sensitive (send))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  dd_test_run_for (100);
}

static DdMailPreviewDialog *
open_mail_preview (DdWindow *window)
{
  DdMailPreviewDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.email-letters", NULL);
  dd_test_wait_for (mail_preview_shown, NULL);
  dialog = DD_MAIL_PREVIEW_DIALOG (dd_test_find_toplevel (DD_TYPE_MAIL_PREVIEW_DIALOG));
  wait_for_messages (dialog);
  return dialog;
}

static const char *
preview_label (DdMailPreviewDialog *dialog,
               const char          *name)
{
  return gtk_label_get_text (dd_test_template_child (dialog, DD_TYPE_MAIL_PREVIEW_DIALOG, name));
}

/* Goes through every message of the preview as a person would, choosing
 * each unit in the list: what the dialog shows is the message as it will
 * be sent. Returns the texts shown, by address. (transfer full) */
static GHashTable *
go_through_messages (DdMailPreviewDialog *dialog,
                     gboolean             digest)
{
  GtkListBox *list = dd_test_template_child (dialog, DD_TYPE_MAIL_PREVIEW_DIALOG, "messages_list");
  GtkTextView *view = dd_test_template_child (dialog, DD_TYPE_MAIL_PREVIEW_DIALOG, "body_view");
  GPtrArray *messages = dd_mail_preview_dialog_get_messages (dialog);
  GHashTable *texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_assert_cmpuint (messages->len, >, 0);
  for (guint i = 0; i < messages->len; i++)
    {
      const DdUrgingMessage *message = g_ptr_array_index (messages, i);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, (int) i);
      g_autofree char *to = g_strdup_printf ("%s <%s>", message->unit, message->address);
      g_autofree char *subject = g_strdup_printf (digest ? "Tổng hợp nhiệm vụ cần đôn đốc: %s"
                                                         : "Công văn đôn đốc thực hiện nhiệm vụ: %s", message->unit);
      g_autofree char *dear = g_strdup_printf ("Kính gửi: %s,\n", message->unit);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      g_assert_nonnull (row);
      g_assert_nonnull (dd_test_find_label (GTK_WIDGET (row), message->unit));
      gtk_list_box_select_row (list, row);
      dd_test_run_for (30);
      g_assert_cmpstr (preview_label (dialog, "to_label"), ==, to);
      g_assert_true (g_str_has_suffix (message->address, "@ubnd.example.vn"));
      g_assert_cmpstr (preview_label (dialog, "subject_label"), ==, subject);
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_assert_true (g_str_has_prefix (text, dear));
      g_assert_cmpstr (text, ==, message->body);
      if (digest)
        {
          g_assert_null (message->attachment);
          g_assert_nonnull (strstr (text, "- Nhiệm vụ "));
          g_assert_nonnull (strstr (text, "báo cáo kết quả trước ngày "));
          g_assert_null (strstr (preview_label (dialog, "attachment_label"), "Cong-van-don-doc-"));
        }
      else
        {
          g_autofree char *name = g_path_get_basename (message->attachment);

          g_assert_true (g_str_has_prefix (name, "Cong-van-don-doc-"));
          g_assert_true (g_file_test (message->attachment, G_FILE_TEST_IS_REGULAR));
          g_assert_cmpint (message->attachment_size, >, 1000);
          g_assert_true (g_str_has_prefix (preview_label (dialog, "attachment_label"), name));
          g_assert_nonnull (strstr (text, "công văn đôn đốc"));
        }
      g_hash_table_insert (texts, g_strdup (message->address), g_steal_pointer (&text));
    }
  return texts;
}

/* The urging letters emailed from the window to a real SMTP server on
 * 127.0.0.1: the server and each unit's address typed in the settings
 * window; each unit's message shown whole before anything is sent, as a
 * letter attached or as a digest; Cancel sends nothing; Send sends on a
 * worker exactly the messages shown, each unit's received, the result
 * shown. */
static void
test_letters_email (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *sink_dir = g_build_filename (f->dir, "sink", NULL);
  g_autofree char *secondary = NULL;
  g_autofree char *letter = NULL;
  g_autoptr(GListModel) units = NULL;
  g_autoptr(DdMailSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) texts = NULL;
  gint64 end = g_get_monotonic_time () + 300 * G_USEC_PER_SEC;
  DdTestSmtpSink sink = { 0 };
  DdMailPreviewDialog *preview;
  GObject *weak;
  GtkWindow *window;
  GtkWindow *dialog;
  guint n_units = 0;
  guint n_messages = 0;

  dd_test_smtp_sink_start (&sink, sink_dir, NULL, NULL);

  /* The settings, typed in their window. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.mail-settings", NULL);
  dd_test_wait_for (mail_settings_shown, NULL);
  window = dd_test_find_toplevel (DD_TYPE_MAIL_SETTINGS_WINDOW);
  set_entry (GTK_WIDGET (window), "host_entry", "127.0.0.1");
  gtk_spin_button_set_value (dd_test_template_child (window, DD_TYPE_MAIL_SETTINGS_WINDOW, "port_spin"),
                             g_ascii_strtod (sink.port, NULL));
  gtk_drop_down_set_selected (dd_test_template_child (window, DD_TYPE_MAIL_SETTINGS_WINDOW, "tls_dropdown"),
                              DD_MAIL_TLS_NONE);
  set_entry (GTK_WIDGET (window), "sender_entry", "vanphong@ubnd.example.vn");
  units = dd_store_list_units (f->store, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);
      g_autofree char *address = g_strdup_printf ("donvi%u@ubnd.example.vn", i);
      GtkWidget *entry = find_named (GTK_WIDGET (window), dd_unit_get_name (unit));

      if (dd_unit_get_is_group (unit))
        continue;
      g_assert_nonnull (entry);
      gtk_editable_set_text (GTK_EDITABLE (entry), address);
      n_units++;
    }
  g_assert_cmpuint (n_units, >, 0);
  dd_test_screenshot ("mail-settings");
  g_signal_emit_by_name (dd_test_template_child (window, DD_TYPE_MAIL_SETTINGS_WINDOW, "save_button"), "clicked");
  g_assert_false (gtk_widget_get_visible (dd_test_template_child (window, DD_TYPE_MAIL_SETTINGS_WINDOW,
                                                                  "error_label")));
  settings = dd_mail_settings_load (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (settings->host, ==, "127.0.0.1");
  g_assert_cmpuint (settings->port, ==, (guint) g_ascii_strtoull (sink.port, NULL, 10));
  g_assert_cmpint (settings->tls, ==, DD_MAIL_TLS_NONE);
  gtk_window_destroy (window);
  dd_test_iterate (50);

  /* Each message shown first, the letter attached; then as a digest;
   * Cancel sends nothing. */
  preview = open_mail_preview (f->window);
  g_assert_nonnull (strstr (preview_label (preview, "details_label"), "vanphong@ubnd.example.vn"));
  g_clear_pointer (&texts, g_hash_table_unref);
  texts = go_through_messages (preview, FALSE);
  letter = g_strdup (((DdUrgingMessage *) g_ptr_array_index (dd_mail_preview_dialog_get_messages (preview), 0))
                     ->attachment);
  dd_test_screenshot ("email-preview-letter");
  gtk_check_button_set_active (dd_test_template_child (preview, DD_TYPE_MAIL_PREVIEW_DIALOG, "digest_check"), TRUE);
  wait_for_messages (preview);
  g_clear_pointer (&texts, g_hash_table_unref);
  texts = go_through_messages (preview, TRUE);
  gtk_list_box_select_row (dd_test_template_child (preview, DD_TYPE_MAIL_PREVIEW_DIALOG, "messages_list"),
                           gtk_list_box_get_row_at_index (dd_test_template_child (preview, DD_TYPE_MAIL_PREVIEW_DIALOG,
                                                                                  "messages_list"), 0));
  dd_test_screenshot ("email-preview-digest");
  weak = G_OBJECT (preview);
  g_object_add_weak_pointer (weak, (gpointer *) &weak);
  g_signal_emit_by_name (dd_test_template_child (preview, DD_TYPE_MAIL_PREVIEW_DIALOG, "cancel_button"), "clicked");
  dd_test_wait_for (dd_test_pointer_cleared, &weak);
  dd_test_iterate (100);
  g_assert_null (dd_test_smtp_sink_dup_message (&sink, 1));
  /* The letters made for the preview went with it. */
  g_assert_false (g_file_test (letter, G_FILE_TEST_EXISTS));

  /* Send: the window goes on while the messages shown are sent. */
  preview = open_mail_preview (f->window);
  g_clear_pointer (&texts, g_hash_table_unref);
  texts = go_through_messages (preview, FALSE);
  g_signal_emit_by_name (dd_test_template_child (preview, DD_TYPE_MAIL_PREVIEW_DIALOG, "send_button"), "clicked");
  g_assert_null (dd_test_find_toplevel (DD_TYPE_MAIL_PREVIEW_DIALOG));
  g_assert_true (gtk_widget_get_visible (dd_test_template_child (f->window, DD_TYPE_WINDOW, "busy_spinner")));
  while (!message_dialog_shown (NULL))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  dialog = dd_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG);
  g_clear_pointer (&secondary, g_free);
  g_object_get (dialog, "secondary-text", &secondary, NULL);
  g_test_message ("%s", secondary);
  dd_test_screenshot ("email-letters-sent");
  for (char *text; (text = dd_test_smtp_sink_dup_message (&sink, n_messages + 1)) != NULL; g_free (text))
    {
      JsonNode *node = json_from_string (text, &error);
      JsonObject *object;
      const char *rcpt;
      g_autoptr(GString) body = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (strstr (text, "\"rcpt_tos\": [\n  \"donvi"));
      g_assert_nonnull (strstr (text, "\"subject\": \"Công văn đôn đốc thực hiện nhiệm vụ: "));
      g_assert_nonnull (strstr (text, "\"filename\": \"Cong-van-don-doc-"));
      /* The very text shown for that address. */
      object = json_node_get_object (node);
      rcpt = json_array_get_string_element (json_object_get_array_member (object, "rcpt_tos"), 0);
      body = g_string_new (json_object_get_string_member (object, "body"));
      g_string_replace (body, "\r", "", 0);
      g_assert_cmpstr (body->str, ==, g_hash_table_lookup (texts, rcpt));
      json_node_unref (node);
      n_messages++;
    }
  /* The seed plan's late units (two) each got theirs, all that were shown. */
  g_assert_cmpuint (n_messages, >, 0);
  g_assert_cmpuint (n_messages, ==, g_hash_table_size (texts));
  g_assert_nonnull (strstr (secondary, "@ubnd.example.vn>"));
  close_message_dialog ();
  dd_test_smtp_sink_stop (&sink);
}

/* A file with no task: no letter and no form to write, and the window
 * says so rather than "0 letters were written". */
static void
test_nothing_to_write (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "empty.sqlite", NULL);
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (path, DD_STORE_OPEN_CREATE, &error);
  DdWindow *window;
  GtkWindow *dialog;
  g_autofree char *primary = NULL;
  g_autofree char *secondary = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (out, 0700), ==, 0);
  window = g_object_ref (dd_window_new (NULL, store));
  gtk_window_present (GTK_WINDOW (window));
  dd_test_iterate (100);

  _dd_window_write_letters_to (window, out);
  dd_test_wait_for (message_dialog_shown, NULL);
  dialog = dd_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG);
  g_object_get (dialog, "text", &primary, "secondary-text", &secondary, NULL);
  g_assert_cmpstr (primary, ==, "No urging letter to write");
  g_assert_nonnull (strstr (secondary, "nothing was written"));
  close_message_dialog ();
  g_clear_pointer (&primary, g_free);
  g_clear_pointer (&secondary, g_free);

  _dd_window_export_forms_to (window, out);
  dd_test_wait_for (message_dialog_shown, NULL);
  dialog = dd_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG);
  g_object_get (dialog, "text", &primary, "secondary-text", &secondary, NULL);
  g_assert_cmpstr (primary, ==, "No progress form to write");
  g_assert_nonnull (strstr (secondary, "nothing was written"));
  dd_test_screenshot ("nothing-to-write");
  close_message_dialog ();
  g_assert_cmpuint (dd_test_count_files (out), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  dd_test_iterate (50);
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  setlocale (LC_ALL, "");
  dd_test_init_i18n ();

  if (!dd_test_init_gtk ())
    return DD_TEST_EXIT_SKIP;

#define ADD(path, func) \
  g_test_add ("/ui/import-preview/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("docx", test_preview_docx);
  ADD ("map-unit", test_preview_map_unit);
  ADD ("cancel", test_preview_cancel);
  ADD ("changes", test_preview_changes);
  g_test_add ("/ui/letters/window", Fixture, NULL, fixture_set_up, test_letters, fixture_tear_down);
  g_test_add ("/ui/letters/email", Fixture, NULL, fixture_set_up, test_letters_email, fixture_tear_down);
  g_test_add ("/ui/letters/close-while-writing", Fixture, NULL, fixture_set_up, test_letters_close,
              fixture_tear_down);
  g_test_add ("/ui/progress-form/window", Fixture, NULL, fixture_set_up, test_progress_form, fixture_tear_down);
  g_test_add ("/ui/progress-form/several", Fixture, NULL, fixture_set_up, test_progress_forms_several,
              fixture_tear_down);
  g_test_add ("/ui/letters/nothing", Fixture, NULL, fixture_set_up, test_nothing_to_write, fixture_tear_down);

#undef ADD

  return g_test_run ();
}
