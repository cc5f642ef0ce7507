/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-holiday-editor"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dd-holiday-editor.h"
#include "dd-access.h"

/*
 * DdHolidayEditor: the days off of one year (dd_calendar_read_holiday_year():
 * as stored when someone changed the year, else the official schedule
 * shipped, else the rule, "dự kiến"), and where they come from on top.
 * The Government's yearly notice is entered here in one form (its number,
 * its days off and working Saturdays: dd_calendar_apply_notice(), one
 * transaction), after a preview of the due dates it moves; or one day at a
 * time: add a day (a holiday, a compensatory day off), remove one, or mark
 * a Saturday as a working day. Every change says which due dates counted
 * in working days it moved (the history records them too); the calendar
 * and the working-day arithmetic follow the store's "changed" signal.
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
  GtkLabel *source_label;
  GtkRevealer *result_revealer;
  GtkLabel *result_label;
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
  GtkStack *form_stack;
  GtkWidget *notice_grid;
  GtkEntry *notice_number_entry;
  GtkEntry *notice_days_entry;
  GtkEntry *notice_saturdays_entry;
  GtkRevealer *confirm_revealer;
  GtkLabel *confirm_label;

  DdHolidayNotice *pending;   /* the notice previewed, until applied or cancelled */
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
  dd_access_set_sensitive (self->notice_grid, reason == NULL);
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

/* Where the year's days come from, on top of the list. */
static void
show_source (DdHolidayEditor *self,
             DdHolidaySource  source,
             const char      *document)
{
  GtkWidget *label = GTK_WIDGET (self->source_label);
  g_autofree char *text = NULL;

  if (source == DD_HOLIDAY_SOURCE_DEFAULT)
    text = g_strdup (_("Expected: no schedule has been announced for this year. These are the Labor Code’s "
                       "days, placed as the Government usually places them; enter the notice when it "
                       "comes out."));
  else if (document != NULL)
    /* Translators: the source of a year's days off; %s is the document ("9441/TB-BNV ngày 16/10/2025"). */
    text = g_strdup_printf (_("Official: as set by document %s."), document);
  else
    text = g_strdup (_("Entered in this file, without the number of a notice."));
  gtk_label_set_text (self->source_label, text);
  gtk_widget_remove_css_class (label, "expected");
  gtk_widget_remove_css_class (label, "official");
  if (source == DD_HOLIDAY_SOURCE_DEFAULT)
    gtk_widget_add_css_class (label, "expected");
  else if (source == DD_HOLIDAY_SOURCE_OFFICIAL)
    gtk_widget_add_css_class (label, "official");
}

/* The due dates @moves moves, one a line, at most ten. (transfer full) */
static char *
format_moves (GPtrArray *moves)
{
  GString *text = g_string_new (NULL);
  guint shown = MIN (moves->len, 10);

  if (moves->len == 0)
    return g_strdup (_("No due date counted in working days moves."));

  g_string_append_printf (text,
                          /* Translators: before the list of due dates moved by a change of days off. */
                          ngettext ("%u due date counted in working days moves:",
                                       "%u due dates counted in working days move:", moves->len),
                          moves->len);
  for (guint i = 0; i < shown; i++)
    {
      const DdMovedDeadline *move = g_ptr_array_index (moves, i);
      g_autofree char *old_due = dd_format_date (&move->old_due);
      g_autofree char *new_due = dd_format_date (&move->new_due);

      g_string_append_c (text, '\n');
      /* Translators: a due date moved: the task, what is due, the old and the new date. */
      g_string_append_printf (text, _("• %s — %s: %s → %s"),
                              move->title != NULL ? move->title : "", move->occurrence, old_due, new_due);
    }
  if (moves->len > shown)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("… and %u more (see the history)",
                                                 "… and %u more (see the history)", moves->len - shown),
                              moves->len - shown);
    }
  return g_string_free (text, FALSE);
}

/* After a change: what it did, and the due dates it moved. */
static void
show_result (DdHolidayEditor *self,
             const char      *done)
{
  GPtrArray *moves = self->calendar != NULL ? dd_calendar_get_last_moves (self->calendar) : NULL;
  g_autofree char *moved = NULL;
  g_autofree char *text = NULL;

  if (done == NULL)
    {
      gtk_revealer_set_reveal_child (self->result_revealer, FALSE);
      return;
    }
  if (moves != NULL)
    moved = format_moves (moves);
  text = moved != NULL ? g_strdup_printf ("%s %s", done, moved) : g_strdup (done);
  gtk_label_set_text (self->result_label, text);
  gtk_revealer_set_reveal_child (self->result_revealer, TRUE);
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
  g_autoptr(DdHolidayYear) table = NULL;
  GPtrArray *holidays;
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

  /* Reading writes nothing. A file that cannot be read still has the
   * official schedule or the rule, as the calendar counts with them. */
  table = dd_calendar_read_holiday_year (self->calendar, self->year, &error);
  if (table == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The days off could not be read: %s"), error->message);

      show_error (self, text);
      table = g_new0 (DdHolidayYear, 1);
      table->year = self->year;
      table->days = dd_holidays_for_year (self->year, &table->source, &table->document);
    }
  show_source (self, table->source, table->document);
  holidays = table->days;

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
  g_autofree char *dmy = NULL;

  if (self->store == NULL || date == NULL)
    return;

  if (!dd_calendar_remove_holiday (self->calendar, date, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The day could not be removed: %s"), error->message);

      show_error (self, text);
      return;
    }

  /* The button and its date go with the list. */
  dmy = dd_format_date (date);
  show_error (self, NULL);
  reload (self);
  {
    /* Translators: after removing a day off; %s is its date. */
    g_autofree char *done = g_strdup_printf (_("%s removed."), dmy);

    show_result (self, done);
  }
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
  {
    g_autofree char *dmy = dd_format_date (&date);
    /* Translators: after adding a day off; %s is its date. */
    g_autofree char *done = g_strdup_printf (_("%s added."), dmy);

    show_result (self, done);
  }
}

/* The notice */

/* Reads one date of a notice's list: "dd/mm/yyyy", "yyyy-mm-dd", or
 * "dd/mm" in the year shown. */
static gboolean
parse_notice_date (DdHolidayEditor *self,
                   const char      *text,
                   GDate           *out)
{
  g_autofree char *with_year = NULL;

  g_date_clear (out, 1);
  if (dd_date_parse_any (text, out))
    return TRUE;
  with_year = g_strdup_printf ("%s/%d", text, self->year);
  return strchr (text, '/') != NULL && strchr (text, '/') == strrchr (text, '/')
         && dd_date_parse_dmy (with_year, out);
}

/* Appends to @days the dates @text lists: separated by commas, semicolons
 * or lines, each a date or a range "16/02 – 20/02". */
static gboolean
parse_notice_dates (DdHolidayEditor  *self,
                    const char       *text,
                    GArray           *days,
                    GError          **error)
{
  static const char * const range_marks[] = { "–", " - ", " đến ", ".." };
  g_auto(GStrv) items = g_regex_split_simple ("[,;\n]+", text != NULL ? text : "", 0, 0);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autofree char *item = g_strstrip (g_strdup (items[i]));
      GDate first, last;
      gboolean parsed = FALSE;

      if (*item == '\0')
        continue;
      g_date_clear (&first, 1);
      g_date_clear (&last, 1);
      if (parse_notice_date (self, item, &first))
        {
          last = first;
          parsed = TRUE;
        }
      for (guint m = 0; !parsed && m < G_N_ELEMENTS (range_marks); m++)
        {
          g_auto(GStrv) ends = g_strsplit (item, range_marks[m], 2);

          if (ends[0] == NULL || ends[1] == NULL)
            continue;
          parsed = parse_notice_date (self, g_strstrip (ends[0]), &first)
                   && parse_notice_date (self, g_strstrip (ends[1]), &last)
                   && g_date_compare (&first, &last) <= 0
                   && g_date_days_between (&first, &last) <= 31;
        }
      if (!parsed)
        {
          g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_INVALID,
                       /* Translators: %s is what was typed among a notice's days. */
                       _("“%s” is not a date or a range of dates: write 16/02/2026, 16/02 or 16/02 – 20/02."),
                       item);
          return FALSE;
        }
      for (GDate day = first; g_date_compare (&day, &last) <= 0; g_date_add_days (&day, 1))
        g_array_append_val (days, day);
    }
  return TRUE;
}

/* The notice the form holds, checked against the year; %NULL with @error. */
static DdHolidayNotice *
read_notice (DdHolidayEditor  *self,
             GPtrArray       **out_table,
             GError          **error)
{
  g_autofree char *number = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->notice_number_entry))));
  g_autoptr(DdHolidayNotice) notice = dd_holiday_notice_new (*number != '\0' ? number : NULL);

  if (!parse_notice_dates (self, gtk_editable_get_text (GTK_EDITABLE (self->notice_days_entry)),
                           notice->days_off, error)
      || !parse_notice_dates (self, gtk_editable_get_text (GTK_EDITABLE (self->notice_saturdays_entry)),
                              notice->working_saturdays, error))
    return NULL;
  *out_table = dd_holiday_notice_to_table (notice, self->year, error);
  if (*out_table == NULL)
    return NULL;
  return g_steal_pointer (&notice);
}

static void
cancel_notice (DdHolidayEditor *self)
{
  g_clear_pointer (&self->pending, dd_holiday_notice_free);
  gtk_revealer_set_reveal_child (self->confirm_revealer, FALSE);
}

/* "Preview": checks the form and says what applying it would replace and move. */
static void
preview_notice_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  DdHolidayEditor *self = DD_HOLIDAY_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) table = NULL;
  g_autoptr(GPtrArray) moves = NULL;
  g_autoptr(DdHolidayNotice) notice = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *text = NULL;

  if (!is_writable (self))
    return;
  cancel_notice (self);
  show_result (self, NULL);
  notice = read_notice (self, &table, &error);
  if (notice != NULL)
    moves = dd_calendar_list_moved_deadlines (self->calendar, self->year, table, &error);
  if (moves == NULL)
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);

  moved = format_moves (moves);
  /* Translators: the confirmation of a notice: its number, its year, how many
   * days off and working Saturdays, then the due dates it moves. */
  text = g_strdup_printf (_("Replace the days off of %d by those of notice %s: %u days off and %u working "
                            "Saturdays.\n%s"),
                          self->year, notice->document, notice->days_off->len, notice->working_saturdays->len,
                          moved);
  gtk_label_set_text (self->confirm_label, text);
  self->pending = g_steal_pointer (&notice);
  gtk_revealer_set_reveal_child (self->confirm_revealer, TRUE);
}

static void
cancel_notice_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  cancel_notice (DD_HOLIDAY_EDITOR (widget));
}

/* "Apply": the previewed notice replaces the year's table, in one transaction. */
static void
apply_notice_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  DdHolidayEditor *self = DD_HOLIDAY_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (self->pending == NULL || !is_writable (self))
    return;
  if (!dd_calendar_apply_notice (self->calendar, self->year, self->pending, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The notice could not be applied: %s"), error->message);

      show_error (self, text);
      return;
    }
  /* Translators: after a notice was applied; %s is its number, %d the year. */
  done = g_strdup_printf (_("Notice %s applied to %d."), self->pending->document, self->year);
  cancel_notice (self);
  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->notice_number_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->notice_days_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->notice_saturdays_entry), "");
  reload (self);
  show_result (self, done);
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
  g_clear_pointer (&self->pending, dd_holiday_notice_free);
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
  gtk_widget_class_bind_template_child (widget_class, DdHolidayEditor, source_label);
  gtk_widget_class_bind_template_child (widget_class, DdHolidayEditor, result_revealer);
  gtk_widget_class_bind_template_child (widget_class, DdHolidayEditor, result_label);
  gtk_widget_class_bind_template_child (widget_class, DdHolidayEditor, form_stack);
  gtk_widget_class_bind_template_child (widget_class, DdHolidayEditor, notice_grid);
  gtk_widget_class_bind_template_child (widget_class, DdHolidayEditor, notice_number_entry);
  gtk_widget_class_bind_template_child (widget_class, DdHolidayEditor, notice_days_entry);
  gtk_widget_class_bind_template_child (widget_class, DdHolidayEditor, notice_saturdays_entry);
  gtk_widget_class_bind_template_child (widget_class, DdHolidayEditor, confirm_revealer);
  gtk_widget_class_bind_template_child (widget_class, DdHolidayEditor, confirm_label);
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
  gtk_widget_class_install_action (widget_class, "holidays.preview-notice", NULL, preview_notice_action);
  gtk_widget_class_install_action (widget_class, "holidays.apply-notice", NULL, apply_notice_action);
  gtk_widget_class_install_action (widget_class, "holidays.cancel-notice", NULL, cancel_notice_action);
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
    {
      cancel_notice (self);
      show_result (self, NULL);
      reload (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_YEAR]);
}
