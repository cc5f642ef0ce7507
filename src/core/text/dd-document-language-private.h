/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dondoc/dd-format.h"

G_BEGIN_DECLS

/*
 * The language of a document (dd-document-language.c): the meeting
 * workbook and handout are written in the language their options ask for
 * (Vietnamese by default), whatever the process's locale, LANGUAGE or the
 * interface's choice. While a document is being made on a thread, the
 * export's and the charts' messages (their _(), C_() and plural forms, see
 * DD_DOCUMENT_GETTEXT below) and dd-format's numbers and dates speak that
 * language on that thread only; elsewhere nothing changes. Errors are for
 * the person who made the document: they are written with dgettext(), in
 * the interface's language.
 *
 * Vietnamese is read from the installed catalogue (dondoc.mo, in the folder
 * bound with bindtextdomain()) directly, so that it does not depend on a
 * vi_VN locale being installed, nor on LANGUAGE.
 */

/* Makes this thread's documents speak @language until the matching pop,
 * which gives back what push returned (pushes nest). */
int         _dd_document_language_push (DdLanguage language);
void        _dd_document_language_pop  (int        previous);
/* The language of the document being made on this thread, or -1. */
int         _dd_document_language_get  (void);

/* gettext, pgettext (@msgctxtid is "context\004msgid", @msgidoffset the
 * length of "context\004") and ngettext in the document's language. */
const char *_dd_document_gettext      (const char *msgid) G_GNUC_FORMAT (1);
const char *_dd_document_pgettext     (const char *msgctxtid,
                                       gsize       msgidoffset) G_GNUC_FORMAT (1);
const char *_dd_document_ngettext     (const char *msgid,
                                       const char *msgid_plural,
                                       gulong      n) G_GNUC_FORMAT (1) G_GNUC_FORMAT (2);

/* A file that includes this after <glib/gi18n-lib.h> and defines
 * DD_DOCUMENT_GETTEXT translates through the functions above. */
#ifdef DD_DOCUMENT_GETTEXT
# undef _
# define _(String) _dd_document_gettext (String)
# undef C_
# define C_(Context, String) _dd_document_pgettext (Context "\004" String, strlen (Context) + 1)
# undef ngettext
# define ngettext(Msgid, Plural, N) _dd_document_ngettext ((Msgid), (Plural), (N))
# undef g_dngettext
# define g_dngettext(Domain, Msgid, Plural, N) _dd_document_ngettext ((Msgid), (Plural), (N))
#endif

G_END_DECLS
