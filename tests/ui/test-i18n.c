/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-i18n"

/*
 * Every page of the window in Vietnamese shows no English message, and in
 * English no Vietnamese one. The window is walked widget by widget (labels,
 * buttons, tooltips, placeholders, column titles, drop-down items, menu
 * items, page titles) and each text is compared with the catalogue po/vi.po.
 * Each language runs in its own process, started with its own environment.
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "dd-preferences-window.h"
#include "dd-window.h"
#include "dd-test-gtk.h"

typedef struct
{
  GHashTable *english;     /* msgid (no mnemonic) → msgstr, where they differ */
  GHashTable *vietnamese;  /* msgstr (no mnemonic) → msgid, where they differ */
} Catalogue;

static char *
strip_mnemonic (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (*p != '_')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* The text of a PO string line: "…" with C escapes. */
static char *
po_string (const char *line)
{
  const char *start = strchr (line, '"');
  const char *end = strrchr (line, '"');
  g_autofree char *raw = NULL;

  if (start == NULL || end == NULL || end <= start)
    return g_strdup ("");
  raw = g_strndup (start + 1, end - start - 1);
  return g_strcompress (raw);
}

static void
catalogue_add (Catalogue  *cat,
               const char *msgid,
               const char *msgstr)
{
  g_autofree char *id = NULL;
  g_autofree char *str = NULL;

  if (msgid == NULL || msgstr == NULL || *msgid == '\0' || *msgstr == '\0')
    return;
  id = strip_mnemonic (msgid);
  str = strip_mnemonic (msgstr);
  if (g_str_equal (id, str))
    return;   /* "TT", "CCHC", "Đôn Đốc": the same in both languages */
  g_hash_table_replace (cat->english, g_strdup (id), g_strdup (str));
  g_hash_table_replace (cat->vietnamese, g_strdup (str), g_strdup (id));
}

static void
free_string (GString **s)
{
  if (*s != NULL)
    g_string_free (*s, TRUE);
  *s = NULL;
}

/* A small reader of po/vi.po: enough for msgid, msgid_plural, msgstr[N],
 * msgctxt and continuation lines. */
static Catalogue *
catalogue_load (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "po", "vi.po", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  Catalogue *cat = g_new0 (Catalogue, 1);
  GString *msgid = NULL, *plural = NULL, *msgstr = NULL, *current = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  cat->english = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  cat->vietnamese = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; ; i++)
    {
      const char *line = lines[i];

      if (line == NULL || g_str_has_prefix (line, "msgctxt") || g_str_has_prefix (line, "msgid ")
          || *line == '\0')
        {
          /* An entry ends: record it. */
          if (msgid != NULL && msgstr != NULL)
            {
              catalogue_add (cat, msgid->str, msgstr->str);
              if (plural != NULL)
                catalogue_add (cat, plural->str, msgstr->str);
            }
          if (line == NULL)
            break;
          if (g_str_has_prefix (line, "msgctxt") || *line == '\0')
            {
              free_string (&msgid);
              free_string (&plural);
              free_string (&msgstr);
              current = NULL;
              continue;
            }
        }

      if (g_str_has_prefix (line, "msgid "))
        {
          g_autofree char *s = po_string (line);

          if (msgid != NULL)
            g_string_free (msgid, TRUE);
          if (plural != NULL)
            g_string_free (plural, TRUE);
          if (msgstr != NULL)
            g_string_free (msgstr, TRUE);
          plural = msgstr = NULL;
          msgid = g_string_new (s);
          current = msgid;
        }
      else if (g_str_has_prefix (line, "msgid_plural "))
        {
          g_autofree char *s = po_string (line);

          plural = g_string_new (s);
          current = plural;
        }
      else if (g_str_has_prefix (line, "msgstr ") || g_str_has_prefix (line, "msgstr[0]"))
        {
          g_autofree char *s = po_string (line);

          msgstr = g_string_new (s);
          current = msgstr;
        }
      else if (g_str_has_prefix (line, "msgstr["))
        current = NULL;
      else if (line[0] == '"' && current != NULL)
        {
          g_autofree char *s = po_string (line);

          g_string_append (current, s);
        }
    }

  g_assert_cmpuint (g_hash_table_size (cat->english), >, 100);
  return cat;
}

static void
catalogue_free (Catalogue *cat)
{
  g_hash_table_unref (cat->english);
  g_hash_table_unref (cat->vietnamese);
  g_free (cat);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Catalogue, catalogue_free)

/* Collecting the visible texts */

static void
add_text (GPtrArray  *texts,
          const char *text)
{
  if (text != NULL && *text != '\0')
    g_ptr_array_add (texts, strip_mnemonic (text));
}

static void
collect_menu (GMenuModel *model,
              GPtrArray  *texts)
{
  for (int i = 0; model != NULL && i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        add_text (texts, label);
      link = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      if (link != NULL)
        {
          collect_menu (link, texts);
          g_object_unref (link);
        }
      link = g_menu_model_get_item_link (model, i, G_MENU_LINK_SUBMENU);
      if (link != NULL)
        {
          collect_menu (link, texts);
          g_object_unref (link);
        }
    }
}

static void
collect_widget (GtkWidget *widget,
                GPtrArray *texts)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (!gtk_widget_get_visible (widget))
    return;

  add_text (texts, tooltip);

  if (GTK_IS_LABEL (widget))
    add_text (texts, gtk_label_get_text (GTK_LABEL (widget)));
  else if (GTK_IS_BUTTON (widget))
    add_text (texts, gtk_button_get_label (GTK_BUTTON (widget)));
  else if (GTK_IS_MENU_BUTTON (widget))
    {
      add_text (texts, gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)));
      collect_menu (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)), texts);
    }
  else if (GTK_IS_DROP_DOWN (widget))
    {
      GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (widget));

      for (guint i = 0; GTK_IS_STRING_LIST (model) && i < g_list_model_get_n_items (model); i++)
        add_text (texts, gtk_string_list_get_string (GTK_STRING_LIST (model), i));
    }
  else if (GTK_IS_COLUMN_VIEW (widget))
    {
      GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (widget));

      for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
        {
          g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

          if (gtk_column_view_column_get_visible (column))
            add_text (texts, gtk_column_view_column_get_title (column));
        }
    }
  else if (GTK_IS_STACK (widget))
    {
      GListModel *pages = G_LIST_MODEL (gtk_stack_get_pages (GTK_STACK (widget)));

      for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (pages, i);
          GtkStackPage *page = GTK_STACK_PAGE (item);

          add_text (texts, gtk_stack_page_get_title (page));
        }
      g_object_unref (pages);
    }

  if (GTK_IS_EDITABLE (widget) && g_object_class_find_property (G_OBJECT_GET_CLASS (widget),
                                                                "placeholder-text") != NULL)
    {
      g_autofree char *placeholder = NULL;

      g_object_get (widget, "placeholder-text", &placeholder, NULL);
      add_text (texts, placeholder);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widget (child, texts);
}

/* The texts that come from the database (a deadline written "Thường xuyên"
 * is data, not a message): they are not judged. */
static GHashTable *
collect_data_texts (DdStore *store)
{
  GHashTable *data = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdTaskList) tasks = NULL;
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GListModel) plans = NULL;
  DdTaskQuery query;

  dd_task_query_init (&query);
  tasks = dd_store_query_tasks (store, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (tasks)); i++)
    {
      g_autoptr(DdTask) task = g_list_model_get_item (G_LIST_MODEL (tasks), i);
      const char *fields[] = { dd_task_get_title (task), dd_task_get_deadline_text (task),
                               dd_task_get_product (task), dd_task_get_directing (task),
                               dd_task_get_lead (task), dd_task_get_actual_product (task) };

      for (guint j = 0; j < G_N_ELEMENTS (fields); j++)
        if (fields[j] != NULL)
          g_hash_table_add (data, g_strdup (fields[j]));
    }
  units = dd_store_list_units (store, 0, &error);
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(DdUnit) unit = g_list_model_get_item (units, i);
      g_hash_table_add (data, g_strdup (dd_unit_get_name (unit)));
    }
  plans = dd_store_list_plans (store, &error);
  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(DdPlan) plan = g_list_model_get_item (plans, i);
      g_hash_table_add (data, g_strdup (dd_plan_get_title (plan)));
    }
  return data;
}

/* Walks every page of a window over the sample data; returns the texts of all
 * pages, each page shown in turn, less those that are data. */
static GPtrArray *
collect_all_pages (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = dd_test_make_tmp_dir ("dondoc-i18n-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "sample.sqlite", NULL);
  g_autoptr(DdStore) store = NULL;
  g_autoptr(DdWindow) window = NULL;
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  GtkStack *stack;
  GListModel *pages;
  GDate today;

  store = dd_store_open (path, DD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_date_clear (&today, 1);
  dd_date_set_today (&today);
  g_assert_true (dd_store_load_sample (store, &today, &error));
  g_assert_no_error (error);

  window = g_object_ref_sink (dd_window_new (NULL, store));
  gtk_window_present (GTK_WINDOW (window));
  dd_test_iterate (500);

  add_text (texts, gtk_window_get_title (GTK_WINDOW (window)));
  stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), DD_TYPE_WINDOW, "stack"));
  g_assert_true (GTK_IS_STACK (stack));
  pages = G_LIST_MODEL (gtk_stack_get_pages (stack));
  g_assert_cmpuint (g_list_model_get_n_items (pages), >=, 3);
  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (pages, i);
      GtkStackPage *page = GTK_STACK_PAGE (item);

      gtk_stack_set_visible_child (stack, gtk_stack_page_get_child (page));
      dd_test_iterate (300);
      g_test_message ("page %s", gtk_stack_page_get_name (page));
      collect_widget (GTK_WIDGET (window), texts);
    }
  g_object_unref (pages);

  /* The shortcuts window, which GtkApplication builds from
   * ui/gtk/help-overlay.ui for a window of the application. */
  {
    g_autoptr(GtkApplication) app = g_object_new (GTK_TYPE_APPLICATION,
                                                  "application-id", APP_ID ".I18nTest",
                                                  "resource-base-path", RESOURCE_BASE,
                                                  "flags", G_APPLICATION_NON_UNIQUE,
                                                  NULL);
    DdWindow *app_window;
    GtkShortcutsWindow *overlay;

    g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
    g_assert_no_error (error);
    app_window = dd_window_new (app, store);
    overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (app_window));
    g_assert_nonnull (overlay);
    /* GTK's own title and search hint, which its Vietnamese catalogue
     * lacks, are replaced by ours. */
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (overlay)), ==, _("Keyboard Shortcuts"));
    /* So are its heading and the key names GTK leaves as they are spelt
     * in code ("Page_Up"). */
    g_assert_null (dd_test_find_label (GTK_WIDGET (overlay), "Shortcuts"));
    g_assert_nonnull (dd_test_find_label (GTK_WIDGET (overlay), _("Keyboard Shortcuts")));
    g_assert_nonnull (dd_test_find_label (GTK_WIDGET (overlay), _("Search Results")));
    g_assert_null (dd_test_find_label (GTK_WIDGET (overlay), "Page_Up"));
    g_assert_null (dd_test_find_label (GTK_WIDGET (overlay), "Page_Down"));
    g_assert_nonnull (dd_test_find_label (GTK_WIDGET (overlay), C_("keyboard key", "Page Up")));
    g_assert_nonnull (dd_test_find_label (GTK_WIDGET (overlay), C_("keyboard key", "Page Down")));
    add_text (texts, gtk_window_get_title (GTK_WINDOW (overlay)));
    /* Its search field's hint, read without showing the window (its icons
     * would need the MIME database, which the test's own data dirs lack). */
    {
      GtkWidget *entry = dd_test_find_descendant (GTK_WIDGET (overlay), GTK_TYPE_SEARCH_ENTRY);
      g_autofree char *hint = NULL;

      g_assert_nonnull (entry);
      g_object_get (entry, "placeholder-text", &hint, NULL);
      g_assert_cmpstr (hint, ==, _("Search shortcuts"));
      add_text (texts, hint);
    }
    gtk_window_destroy (GTK_WINDOW (app_window));
    dd_test_iterate (50);
  }

  {
    g_autoptr(GHashTable) data = collect_data_texts (store);

    for (guint i = texts->len; i > 0; i--)
      if (g_hash_table_contains (data, g_ptr_array_index (texts, i - 1)))
        g_ptr_array_remove_index (texts, i - 1);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  dd_test_iterate (50);
  g_clear_object (&window);
  g_clear_object (&store);
  dd_test_remove_tree (dir);
  return texts;
}

/* In Vietnamese: no text is an English message, and many are Vietnamese. */
static void
check_vietnamese (void)
{
  g_autoptr(Catalogue) cat = catalogue_load ();
  g_autoptr(GPtrArray) texts = collect_all_pages ();
  g_autoptr(GString) english = g_string_new (NULL);
  guint vietnamese = 0;

  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      if (g_hash_table_contains (cat->english, text))
        g_string_append_printf (english, "  “%s”\n", text);
      if (g_hash_table_contains (cat->vietnamese, text))
        vietnamese++;
    }
  g_test_message ("%u texts, %u of them Vietnamese messages", texts->len, vietnamese);
  if (english->len > 0)
    g_error ("English left in the Vietnamese window:\n%s", english->str);
  g_assert_cmpuint (vietnamese, >=, 30);
}

/* In English: no text is a Vietnamese translation. */
static void
check_english (void)
{
  g_autoptr(Catalogue) cat = catalogue_load ();
  g_autoptr(GPtrArray) texts = collect_all_pages ();
  g_autoptr(GString) vietnamese = g_string_new (NULL);
  guint english = 0;

  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      if (g_hash_table_contains (cat->vietnamese, text))
        g_string_append_printf (vietnamese, "  “%s”\n", text);
      if (g_hash_table_contains (cat->english, text))
        english++;
    }
  g_test_message ("%u texts, %u of them English messages", texts->len, english);
  if (vietnamese->len > 0)
    g_error ("Vietnamese left in the English window:\n%s", vietnamese->str);
  g_assert_cmpuint (english, >=, 30);
}

static void
run_in_child (const char *const *env)
{
  /* The child inherits the environment at the time of the spawn. */
  for (guint i = 0; env[i] != NULL; i += 2)
    {
      if (env[i + 1] != NULL)
        g_setenv (env[i], env[i + 1], TRUE);
      else
        g_unsetenv (env[i]);
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_vietnamese (void)
{
  const char *env[] = { "LANGUAGE", "vi", "LC_ALL", "vi_VN.UTF-8", "DD_TEST_CHOICE", NULL, NULL };

  if (g_test_subprocess ())
    {
      /* CI generates the locale; without it this would test nothing. */
      g_assert_cmpstr (setlocale (LC_MESSAGES, NULL), ==, "vi_VN.UTF-8");
      check_vietnamese ();
      return;
    }
  run_in_child (env);
}

static void
test_english (void)
{
  const char *env[] = { "LANGUAGE", "en", "LC_ALL", "C.UTF-8", "DD_TEST_CHOICE", NULL, NULL };

  if (g_test_subprocess ())
    {
      check_english ();
      return;
    }
  run_in_child (env);
}

/* The Preferences choice works on a machine with no Vietnamese locale and a
 * plain "C" locale. */
static void
test_choice_without_locale (void)
{
  const char *env[] = { "LANGUAGE", NULL, "LC_ALL", "C", "LANG", "C",
                        "DD_TEST_CHOICE", DD_LANGUAGE_VI, NULL };

  if (g_test_subprocess ())
    {
      check_vietnamese ();
      return;
    }
  run_in_child (env);
}

static void
test_choice_saved (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *choice = NULL;

  choice = dd_language_dup_choice ();
  g_assert_cmpstr (choice, ==, DD_LANGUAGE_SYSTEM);
  g_assert_true (dd_language_save_choice (DD_LANGUAGE_EN, &error));
  g_assert_no_error (error);
  g_clear_pointer (&choice, g_free);
  choice = dd_language_dup_choice ();
  g_assert_cmpstr (choice, ==, DD_LANGUAGE_EN);
}

/* The Preferences window: the language choice is saved for the next start,
 * the "due soon" window is saved in the database. */
static void
test_preferences_window (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdStore) store = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, &error);
  g_autoptr(DdPreferencesWindow) prefs = NULL;
  g_autofree char *choice = NULL;
  GtkDropDown *dropdown;
  GtkSpinButton *spin;
  GtkWidget *note;

  g_assert_no_error (error);
  prefs = g_object_ref_sink (dd_preferences_window_new (NULL, store));
  gtk_window_present (GTK_WINDOW (prefs));
  dd_test_iterate (100);

  dropdown = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (prefs), DD_TYPE_PREFERENCES_WINDOW,
                                                           "language_dropdown"));
  spin = GTK_SPIN_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (prefs), DD_TYPE_PREFERENCES_WINDOW,
                                                         "due_soon_spin"));
  note = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (prefs), DD_TYPE_PREFERENCES_WINDOW,
                                                    "language_note"));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_false (gtk_widget_get_visible (note));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, DD_DEFAULT_DUE_SOON_DAYS);

  gtk_drop_down_set_selected (dropdown, 2);   /* English */
  choice = dd_language_dup_choice ();
  g_assert_cmpstr (choice, ==, DD_LANGUAGE_EN);
  g_assert_true (gtk_widget_get_visible (note));

  gtk_spin_button_set_value (spin, 8);
  g_assert_cmpuint (dd_store_get_due_soon_days (store, NULL), ==, 8);

  gtk_window_destroy (GTK_WINDOW (prefs));
  dd_test_iterate (50);
  g_assert_finalize_object (g_steal_pointer (&prefs));
}

int
main (int   argc,
      char *argv[])
{
  const char *choice = g_getenv ("DD_TEST_CHOICE");

  /* As src/main.c does: the locale, then the chosen language, before GTK. */
  setlocale (LC_ALL, "");
  if (choice != NULL)
    dd_language_apply (choice);
  gtk_disable_setlocale ();
  dd_test_init_i18n ();

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!dd_test_init_gtk ())
    return DD_TEST_EXIT_SKIP;

  g_test_add_func ("/ui/i18n/vietnamese", test_vietnamese);
  g_test_add_func ("/ui/i18n/english", test_english);
  g_test_add_func ("/ui/i18n/choice-without-locale", test_choice_without_locale);
  g_test_add_func ("/ui/i18n/choice-saved", test_choice_saved);
  g_test_add_func ("/ui/i18n/preferences-window", test_preferences_window);

  return g_test_run ();
}
