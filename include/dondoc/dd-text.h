/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/**
 * dd_text_fold_for_search:
 * @text: UTF-8 text
 *
 * Folds text for diacritic-insensitive search: lower case, combining marks
 * removed, "đ" → "d", runs of white space collapsed to one space. "Hành
 * chính" and "hanh chinh" fold to the same string.
 *
 * Returns: (transfer full): the folded text
 */
char *dd_text_fold_for_search (const char *text);

/**
 * dd_text_unit_match_key:
 * @name: a unit name as written in a plan
 *
 * The key under which two spellings of one unit are the same unit: case
 * folded, Unicode-normalised, white space and dashes normalised, a trailing
 * "tỉnh" dropped. Diacritics are kept ("Hành" and "Hạnh" stay apart).
 *
 * Returns: (transfer full): the key
 */
char *dd_text_unit_match_key (const char *name);

/**
 * dd_text_collate_key:
 * @text: UTF-8 text
 * @out_len: (out): length of the key in bytes
 *
 * A binary sort key in Vietnamese order (ICU's "vi" collator): comparing two
 * keys with memcmp orders the texts as a Vietnamese reader expects
 * (a, ă, â, b, c, d, đ, e, ê, …). Stored next to names so that SQL can sort
 * 100,000 rows by an index.
 *
 * Returns: (transfer full): the key bytes
 */
guint8 *dd_text_collate_key (const char *text,
                             gsize      *out_len);

/* Compares two UTF-8 strings in Vietnamese order; NULL sorts first. */
int dd_text_collate (const char *a,
                     const char *b);

/* Collapses white space and trims; NULL stays NULL. (transfer full) */
char *dd_text_normalize_space (const char *text);
/* NULL, empty or only white space. */
gboolean dd_text_is_blank (const char *text);

/**
 * dd_text_is_forbidden_char:
 * @c: a character
 *
 * Whether @c has no place in the text of a plan: a C0 control but tab,
 * line feed and carriage return, DEL, a C1 control (U+0080–U+009F, which
 * terminals obey as ESC sequences), or a noncharacter (U+FDD0–U+FDEF and
 * U+xxFFFE/U+xxFFFF), which XML forbids too.
 */
gboolean dd_text_is_forbidden_char (gunichar c);

/**
 * dd_text_remove_forbidden:
 * @text: valid UTF-8, changed in place
 * @out_first_line: (out) (optional): the line (1-based) of the first
 *   character removed, 0 when none
 *
 * Removes every character dd_text_is_forbidden_char() refuses.
 *
 * Returns: how many were removed
 */
guint dd_text_remove_forbidden (char  *text,
                                guint *out_first_line);

/**
 * dd_text_dup_escaped_for_terminal:
 * @text: (nullable): valid UTF-8
 *
 * @text with each forbidden character (see dd_text_is_forbidden_char())
 * written as “\uXXXX” — visible on a terminal, which never obeys it, and
 * the same character again in a JSON string — and a backslash before
 * one as “\u005C”. (transfer full)
 */
char *dd_text_dup_escaped_for_terminal (const char *text);

G_END_DECLS
