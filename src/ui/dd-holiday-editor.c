/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-holiday-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-holiday-editor.h"
#include "dd-access.h"

/*
 * DdHolidayEditor: the days off of one year, as the store keeps them
 * (dd_calendar_list_holidays(): the Labor Code defaults until the year is
 * edited). The Government's yearly announcement is entered here: add a
 * day (a holiday, a compensatory day off), remove one, or mark a Saturday
 * as a working day. Every change is written at once; the calendar and the
 * working-day arithmetic follow the store's "changed" signal.
 *
 * The days off are settings: an administrator changes them. Anyone else
 * (or anyone, on a file that cannot be written now) sees them read-only,
 * with the reason on top, until DdStore::access-changed says otherwise.
 */

struct _DdHolidayEditor
{
  GtkWindow parent_instance;

  DdStore *store;
  DdCalendar *calendar;     /* of the store */
  int year;
  gboolean constructed;

  /* Template children */
  GtkLabel *title_label;
  GtkInfoBar *access_bar;
  GtkLabel *access_label;
  GtkRevealer *error_revealer;
  GtkLabel *error_label;
  GtkListBox *list_box;
  GtkWidget *add_grid;
  GtkEntry *date_entry;
  GtkDropDown *kind_dropdown;
  GtkEntry *name_entry;
  GtkWidget *add_button;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_YEAR,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (DdHolidayEditor, dd_holiday_editor, GTK_TYPE_WINDOW)

/* The kinds in the order of the dropdown (DdHolidayKind values). */
static const char * const kind_labels[DD_N_HOLIDAY_KINDS] = {
  [DD_HOLIDAY_KIND_HOLIDAY] = N_("Holiday"),
  [DD_HOLIDAY_KIND_COMPENSATORY] = N_("Compensatory day off"),
  [DD_HOLIDAY_KIND_WORKING_SATURDAY] = N_("Working Saturday"),
};

/* Auxiliary methods */

static char *
dup_access_reason (DdHolidayEditor *self)
{
  return dd_access_dup_reason (self->store, DD_ACTION_EDIT_HOLIDAYS, NULL);
}

static gboolean
is_writable (DdHolidayEditor *self)
{
  g_autofree char *reason = dup_access_reason (self);

  return reason == NULL;
}

/* The add form, the remove buttons and the bar, as the user may now. */
static void
update_access (DdHolidayEditor *self)
{
  g_autofree char *reason = dup_access_reason (self);

  dd_access_set_sensitive (self->add_grid, reason == NULL);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *button = g_object_get_data (G_OBJECT (row), "remove-button");

      if (button == NULL)
        continue;
      dd_access_set_sensitive (button, reason == NULL);
      dd_access_set_tooltip (button, reason);
    }

  if (reason != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: on top of the days off of a year; %s says why. */
      text = g_strdup_printf (_("You can see the days off, but not change them. %s"), reason);
      gtk_label_set_text (self->access_label, text);
    }
  gtk_info_bar_set_revealed (self->access_bar, reason != NULL);
}

static void
show_error (DdHolidayEditor *self,
            const char      *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
on_remove_clicked_cb (GtkButton       *button,
                      DdHolidayEditor *self);

static GtkWidget *
new_row (DdHolidayEditor *self,
         const DdHoliday *holiday)
{
  g_autofree char *date = dd_format_date (&holiday->date);
  g_autofree char *remove_label = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *date_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *date_label = gtk_label_new (date);
  GtkWidget *weekday_label = gtk_label_new (dd_format_weekday (g_date_get_weekday (&holiday->date)));
  GtkWidget *name_label = gtk_label_new (holiday->name);
  GtkWidget *kind_label = gtk_label_new (_(kind_labels[holiday->kind]));
  GtkWidget *remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GDate *row_date = g_new (GDate, 1);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "holiday-row");
  gtk_widget_add_css_class (row, dd_holiday_kind_to_string (holiday->kind));

  gtk_widget_add_css_class (date_label, "numeric");
  gtk_label_set_xalign (GTK_LABEL (date_label), 0.0);
  gtk_label_set_xalign (GTK_LABEL (weekday_label), 0.0);
  gtk_widget_add_css_class (weekday_label, "dim-label");
  gtk_box_append (GTK_BOX (date_box), date_label);
  gtk_box_append (GTK_BOX (date_box), weekday_label);
  gtk_widget_set_size_request (date_box, 100, -1);
  gtk_box_append (GTK_BOX (box), date_box);

  gtk_label_set_wrap (GTK_LABEL (name_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (name_label), 0.0);
  gtk_label_set_xalign (GTK_LABEL (kind_label), 0.0);
  gtk_widget_add_css_class (kind_label, "dim-label");
  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_box_append (GTK_BOX (text_box), name_label);
  gtk_box_append (GTK_BOX (text_box), kind_label);
  gtk_box_append (GTK_BOX (box), text_box);

  /* Translators: the tooltip of the button that removes a day off; %s is its date. */
  remove_label = g_strdup_printf (_("Remove %s from the table"), date);
  gtk_widget_set_tooltip_text (remove_button, remove_label);
  gtk_widget_add_css_class (remove_button, "flat");
  gtk_widget_set_valign (remove_button, GTK_ALIGN_CENTER);
  *row_date = holiday->date;
  g_object_set_data_full (G_OBJECT (remove_button), "dd-date", row_date, g_free);
  g_signal_connect_object (remove_button, "clicked", G_CALLBACK (on_remove_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (box), remove_button);
  g_object_set_data (G_OBJECT (row), "remove-button", remove_button);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
reload (DdHolidayEditor *self)
{
  g_autoptr(GPtrArray) holidays = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GtkWidget *child;

  /* Translators: the title of the holiday editor; %d is a year. */
  title = g_strdup_printf (_("Days Off of %d"), self->year);
  gtk_label_set_text (self->title_label, title);
  gtk_window_set_title (GTK_WINDOW (self), title);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "holidays.previous-year", self->year > DD_LUNAR_MIN_YEAR);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "holidays.next-year", self->year < DD_LUNAR_MAX_YEAR);

  if (self->store == NULL)
    {
      update_access (self);
      return;
    }

  /* The first time a year is listed its table is written from the
   * defaults (and the store says it changed). Whoever may not write the
   * settings gets an error instead, as a read-only file would get the
   * defaults: they are what the calendar counts with too. */
  holidays = dd_calendar_list_holidays (self->calendar, self->year, &error);
  if (holidays == NULL
      && (g_error_matches (error, DD_STORE_ERROR, DD_STORE_ERROR_PERMISSION)
          || g_error_matches (error, DD_STORE_ERROR, DD_STORE_ERROR_UNSAFE_FILESYSTEM)))
    {
      g_clear_error (&error);
      holidays = dd_holidays_default_for_year (self->year);
    }
  if (holidays == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The days off could not be read: %s"), error->message);

      show_error (self, text);
      update_access (self);
      return;
    }

  for (guint i = 0; i < holidays->len; i++)
    gtk_list_box_append (self->list_box, new_row (self, g_ptr_array_index (holidays, i)));

  if (holidays->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("No day off in this year."));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "page-summary");
      gtk_list_box_append (self->list_box, label);
    }
  update_access (self);
}

/* Callbacks */

static void
on_remove_clicked_cb (GtkButton       *button,
                      DdHolidayEditor *self)
{
  const GDate *date = g_object_get_data (G_OBJECT (button), "dd-date");
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || date == NULL)
    return;

  if (!dd_calendar_remove_holiday (self->calendar, date, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The day could not be removed: %s"), error->message);

      show_error (self, text);
      return;
    }

  show_error (self, NULL);
  reload (self);
}

static void
on_kind_dropdown_selected_cb (DdHolidayEditor *self)
{
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);

  gtk_entry_set_placeholder_text (self->name_entry,
                                  kind == DD_HOLIDAY_KIND_WORKING_SATURDAY
                                  ? _("Working Saturday in exchange for a day off")
                                  : kind == DD_HOLIDAY_KIND_COMPENSATORY
                                  ? _("Compensatory day off for National Day")
                                  : _("Lunar New Year (Tết Nguyên đán)"));
}

/* Actions */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  DdHolidayEditor *self = DD_HOLIDAY_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  const char *date_text;
  guint kind;
  GDate date;

  if (!is_writable (self))
    return;

  date_text = gtk_editable_get_text (GTK_EDITABLE (self->date_entry));
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  kind = gtk_drop_down_get_selected (self->kind_dropdown);
  if (kind >= DD_N_HOLIDAY_KINDS)
    kind = DD_HOLIDAY_KIND_HOLIDAY;

  g_date_clear (&date, 1);
  if (!dd_date_parse_any (date_text, &date))
    {
      g_autofree char *text = NULL;

      /* Translators: %s is what was typed in the date field. */
      text = g_strdup_printf (_("“%s” is not a date: write it as dd/mm/yyyy."), date_text);
      show_error (self, text);
      gtk_widget_grab_focus (GTK_WIDGET (self->date_entry));
      return;
    }

  /* A Saturday worked needs no name of its own. */
  if (*name == '\0' && kind == DD_HOLIDAY_KIND_WORKING_SATURDAY)
    {
      g_free (name);
      name = g_strdup (_("Working Saturday"));
    }
  if (*name == '\0')
    {
      show_error (self, _("Give the day a name."));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
      return;
    }

  if (!dd_calendar_add_holiday (self->calendar, &date, kind, name, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The day could not be added: %s"), error->message);

      show_error (self, text);
      return;
    }

  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");

  if ((int) g_date_get_year (&date) != self->year)
    dd_holiday_editor_set_year (self, g_date_get_year (&date));
  else
    reload (self);
}

static void
previous_year_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  DdHolidayEditor *self = DD_HOLIDAY_EDITOR (widget);

  dd_holiday_editor_set_year (self, self->year - 1);
}

static void
next_year_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  DdHolidayEditor *self = DD_HOLIDAY_EDITOR (widget);

  dd_holiday_editor_set_year (self, self->year + 1);
}

/* GObject overrides */

static void
dd_holiday_editor_constructed (GObject *object)
{
  DdHolidayEditor *self = DD_HOLIDAY_EDITOR (object);

  G_OBJECT_CLASS (dd_holiday_editor_parent_class)->constructed (object);

  self->constructed = TRUE;
  if (self->store != NULL)
    {
      self->calendar = dd_calendar_new (self->store);
      dd_access_connect (self->store, G_CALLBACK (update_access), self);
    }
  reload (self);
}

static void
dd_holiday_editor_dispose (GObject *object)
{
  DdHolidayEditor *self = DD_HOLIDAY_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_HOLIDAY_EDITOR);
  g_clear_object (&self->calendar);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dd_holiday_editor_parent_class)->dispose (object);
}

static void
dd_holiday_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DdHolidayEditor *self = DD_HOLIDAY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_holiday_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DdHolidayEditor *self = DD_HOLIDAY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_YEAR:
      dd_holiday_editor_set_year (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_holiday_editor_class_init (DdHolidayEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dd_holiday_editor_constructed;
  object_class->dispose = dd_holiday_editor_dispose;
  object_class->get_property = dd_holiday_editor_get_property;
  object_class->set_property = dd_holiday_editor_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DD_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties [PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL,
                      DD_LUNAR_MIN_YEAR, DD_LUNAR_MAX_YEAR, 2026,
                      (G_PARAM_READWRITE |
                       G_PARAM_CONSTRUCT |
                       G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/dd-holiday-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DdHolidayEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, DdHolidayEditor, access_bar);
  gtk_widget_class_bind_template_child (widget_class, DdHolidayEditor, access_label);
  gtk_widget_class_bind_template_child (widget_class, DdHolidayEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, DdHolidayEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, DdHolidayEditor, list_box);
  gtk_widget_class_bind_template_child (widget_class, DdHolidayEditor, add_grid);
  gtk_widget_class_bind_template_child (widget_class, DdHolidayEditor, date_entry);
  gtk_widget_class_bind_template_child (widget_class, DdHolidayEditor, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdHolidayEditor, name_entry);
  gtk_widget_class_bind_template_child (widget_class, DdHolidayEditor, add_button);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_dropdown_selected_cb);

  gtk_widget_class_install_action (widget_class, "holidays.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "holidays.previous-year", NULL, previous_year_action);
  gtk_widget_class_install_action (widget_class, "holidays.next-year", NULL, next_year_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dd_holiday_editor_init (DdHolidayEditor *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  self->year = 2026;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < DD_N_HOLIDAY_KINDS; i++)
    gtk_string_list_append (kinds, _(kind_labels[i]));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  on_kind_dropdown_selected_cb (self);

  gtk_window_set_default_widget (GTK_WINDOW (self), self->add_button);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->date_entry));
}

/* Public API */

/**
 * dd_holiday_editor_new:
 * @parent: (nullable): the window it belongs to
 * @store: the database
 * @year: the year to show first
 *
 * Returns: (transfer none): a new editor; it is destroyed when closed
 */
DdHolidayEditor *
dd_holiday_editor_new (GtkWindow *parent,
                       DdStore   *store,
                       int        year)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DD_IS_STORE (store), NULL);

  year = CLAMP (year, DD_LUNAR_MIN_YEAR, DD_LUNAR_MAX_YEAR);

  return g_object_new (DD_TYPE_HOLIDAY_EDITOR,
                       "transient-for", parent,
                       "store", store,
                       "year", year,
                       NULL);
}

DdStore *
dd_holiday_editor_get_store (DdHolidayEditor *self)
{
  g_return_val_if_fail (DD_IS_HOLIDAY_EDITOR (self), NULL);

  return self->store;
}

int
dd_holiday_editor_get_year (DdHolidayEditor *self)
{
  g_return_val_if_fail (DD_IS_HOLIDAY_EDITOR (self), 0);

  return self->year;
}

void
dd_holiday_editor_set_year (DdHolidayEditor *self,
                            int              year)
{
  g_return_if_fail (DD_IS_HOLIDAY_EDITOR (self));

  year = CLAMP (year, DD_LUNAR_MIN_YEAR, DD_LUNAR_MAX_YEAR);
  if (self->year == year)
    return;

  self->year = year;
  /* During construction the store may not be there yet: constructed() reads. */
  if (self->constructed)
    reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_YEAR]);
}
