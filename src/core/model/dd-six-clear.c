/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-six-clear"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-core-private.h"
#include "dondoc/dd-six-clear.h"

/*
 * The "6 rõ" check: a pure function of a task's fields, so that the task
 * list, the scorecard and the command line all judge a task the same way.
 */

/* The words of @text, counted up to @enough: the check asks whether a
 * title has three, and the "6 rõ" count asks it of every task of the
 * file, so the rest of a long title is not read. */
static guint
count_words (const char *text,
             guint       enough)
{
  guint words = 0;
  gboolean in_word = FALSE;

  if (text == NULL)
    return 0;
  for (const char *p = text; *p != '\0' && words < enough; p = g_utf8_next_char (p))
    {
      guchar byte = (guchar) *p;
      gboolean word_char;

      /* ASCII (most of the letters of Vietnamese text, the spaces and the
       * punctuation) without decoding; the same answer as below. */
      if (byte < 0x80)
        word_char = g_ascii_isalnum (byte);
      else
        {
          gunichar c = g_utf8_get_char (p);

          word_char = g_unichar_isalnum (c) || g_unichar_ismark (c);
        }
      if (word_char)
        {
          if (!in_word)
            words++;
          in_word = TRUE;
        }
      else
        in_word = FALSE;
    }
  return words;
}

static void
add_message (GPtrArray  *messages,
             const char *message)
{
  if (messages != NULL)
    g_ptr_array_add (messages, g_strdup (message));
}

guint
dd_six_clear_check (const DdSixClearInput *input,
                    GPtrArray             *messages)
{
  return _dd_six_clear_check_with (input, -1, messages);
}

guint
_dd_six_clear_check_words (const char *title,
                           const char *product,
                           const char *directing)
{
  guint missing = 0;

  if (dd_text_is_blank (title) || count_words (title, 3) < 3)
    missing |= DD_SIX_CLEAR_WORK;
  if (dd_text_is_blank (directing))
    missing |= DD_SIX_CLEAR_AUTHORITY;
  if (dd_text_is_blank (product))
    missing |= DD_SIX_CLEAR_RESULT;
  return missing;
}

/* The check itself; with @words_known, the bits the task's words decide
 * are @words_missing and its title, product and directing are not read
 * (nor is any message written: only the scorecards know them). */
static guint
check (const DdSixClearInput *input,
       int                    lead_coordinates_known,
       gboolean               words_known,
       guint                  words_missing,
       GPtrArray             *messages)
{
  guint missing = 0;
  gboolean lead_coordinates = lead_coordinates_known > 0;

  if (dd_text_is_blank (input->lead))
    {
      missing |= DD_SIX_CLEAR_PERSON;
      add_message (messages, _("No lead unit is named."));
    }
  else if (input->lead_is_group)
    {
      missing |= DD_SIX_CLEAR_PERSON;
      add_message (messages, _("The lead is a group of units, not one named unit."));
    }

  if (words_known)
    missing |= words_missing & DD_SIX_CLEAR_WORDS;
  else if (dd_text_is_blank (input->title))
    {
      missing |= DD_SIX_CLEAR_WORK;
      add_message (messages, _("The task has no title."));
    }
  else if (count_words (input->title, 3) < 3)
    {
      missing |= DD_SIX_CLEAR_WORK;
      add_message (messages, _("The title is too short to say what is to be done."));
    }

  if (!words_known && dd_text_is_blank (input->directing))
    {
      missing |= DD_SIX_CLEAR_AUTHORITY;
      add_message (messages, _("No leader is named as accountable (Trách nhiệm chỉ đạo)."));
    }

  if (lead_coordinates_known < 0 && !dd_text_is_blank (input->lead) && input->coordinators != NULL)
    {
      g_autofree char *lead_key = dd_text_unit_match_key (input->lead);

      for (guint i = 0; input->coordinators[i] != NULL; i++)
        {
          g_autofree char *key = dd_text_unit_match_key (input->coordinators[i]);

          if (g_strcmp0 (key, lead_key) == 0)
            lead_coordinates = TRUE;
        }
    }
  if (dd_text_is_blank (input->lead))
    {
      missing |= DD_SIX_CLEAR_RESPONSIBILITY;
      add_message (messages, _("No unit is responsible for the task."));
    }
  else if (lead_coordinates)
    {
      missing |= DD_SIX_CLEAR_RESPONSIBILITY;
      add_message (messages, _("The lead unit is also listed among the coordinators."));
    }

  switch (input->kind)
    {
    case DD_DEADLINE_DATE:
      if (!input->has_due)
        {
          missing |= DD_SIX_CLEAR_TIME;
          add_message (messages, _("The due date is missing."));
        }
      break;
    case DD_DEADLINE_ONGOING:
    case DD_DEADLINE_PERIODIC:
    case DD_DEADLINE_STATUTORY:
      if (!input->deadline_understood)
        {
          missing |= DD_SIX_CLEAR_TIME;
          add_message (messages, _("The time (Thời gian) could not be understood."));
        }
      break;
    case DD_DEADLINE_EXTERNAL:
      if (!input->has_due)
        {
          missing |= DD_SIX_CLEAR_TIME;
          add_message (messages, _("The time is set by another body's plan and no date has been entered yet."));
        }
      break;
    case DD_DEADLINE_NONE:
    default:
      missing |= DD_SIX_CLEAR_TIME;
      add_message (messages, _("No due date or period can be derived from the time (Thời gian)."));
      break;
    }

  if (!words_known && dd_text_is_blank (input->product))
    {
      missing |= DD_SIX_CLEAR_RESULT;
      add_message (messages, _("No expected product (Sản phẩm) is given."));
    }

  return missing;
}

guint
_dd_six_clear_check_with (const DdSixClearInput *input,
                          int                    lead_coordinates_known,
                          GPtrArray             *messages)
{
  g_return_val_if_fail (input != NULL, DD_SIX_CLEAR_ALL);

  return check (input, lead_coordinates_known, FALSE, 0, messages);
}

guint
_dd_six_clear_check_known_words (const DdSixClearInput *input,
                                 int                    lead_coordinates_known,
                                 guint                  words_missing)
{
  g_return_val_if_fail (input != NULL, DD_SIX_CLEAR_ALL);

  return check (input, lead_coordinates_known, TRUE, words_missing, NULL);
}

guint
dd_task_check_six_clear (DdTask    *self,
                         GPtrArray *messages)
{
  DdSixClearInput input = { 0 };

  g_return_val_if_fail (DD_IS_TASK (self), DD_SIX_CLEAR_ALL);

  input.title = self->title;
  input.lead = self->lead;
  input.lead_is_group = self->lead_is_group;
  input.person = self->person;
  input.coordinators = (const char * const *) self->coordinators;
  input.kind = self->deadline_kind;
  input.has_due = dd_date_is_set (&self->due);
  input.deadline_understood = self->deadline_understood;
  input.product = self->product;
  input.directing = self->directing;
  return dd_six_clear_check (&input, messages);
}

const char *
dd_six_clear_to_string (DdSixClear flag)
{
  switch (flag)
    {
    case DD_SIX_CLEAR_PERSON:
      return "person";
    case DD_SIX_CLEAR_WORK:
      return "work";
    case DD_SIX_CLEAR_AUTHORITY:
      return "authority";
    case DD_SIX_CLEAR_RESPONSIBILITY:
      return "responsibility";
    case DD_SIX_CLEAR_TIME:
      return "time";
    case DD_SIX_CLEAR_RESULT:
      return "result";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
dd_six_clear_get_label (DdSixClear flag)
{
  switch (flag)
    {
    case DD_SIX_CLEAR_PERSON:
      /* Translators: the "6 rõ" rule: clear who. */
      return _("clear who");
    case DD_SIX_CLEAR_WORK:
      /* Translators: the "6 rõ" rule: clear what. */
      return _("clear what");
    case DD_SIX_CLEAR_AUTHORITY:
      /* Translators: the "6 rõ" rule: clear authority. */
      return _("clear authority");
    case DD_SIX_CLEAR_RESPONSIBILITY:
      /* Translators: the "6 rõ" rule: clear responsibility. */
      return _("clear responsibility");
    case DD_SIX_CLEAR_TIME:
      /* Translators: the "6 rõ" rule: clear time. */
      return _("clear time");
    case DD_SIX_CLEAR_RESULT:
      /* Translators: the "6 rõ" rule: clear result. */
      return _("clear result");
    default:
      g_return_val_if_reached ("");
    }
}

char *
dd_six_clear_dup_summary (guint missing)
{
  GString *text = g_string_new (NULL);

  for (guint bit = 0; bit < DD_N_SIX_CLEAR; bit++)
    {
      if ((missing & (1u << bit)) == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, dd_six_clear_get_label ((DdSixClear) (1u << bit)));
    }
  return g_string_free (text, FALSE);
}

void
dd_six_clear_finding_free (DdSixClearFinding *self)
{
  if (self == NULL)
    return;
  g_free (self->number);
  g_free (self->title);
  g_clear_pointer (&self->messages, g_ptr_array_unref);
  g_free (self);
}
