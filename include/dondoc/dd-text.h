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

G_END_DECLS
