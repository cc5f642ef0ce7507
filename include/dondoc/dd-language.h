/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/*
 * The interface language: by default the desktop's, or the one chosen in
 * Preferences ("vi" or "en"), kept per user in
 * $XDG_CONFIG_HOME/dondoc/settings.ini. The choice must work on machines
 * without a vi_VN locale (office images vary), so applying it does not rely
 * on that locale being installed.
 */

#define DD_LANGUAGE_SYSTEM     "system"
#define DD_LANGUAGE_VI         "vi"
#define DD_LANGUAGE_EN         "en"

/* The saved choice: DD_LANGUAGE_SYSTEM when none was saved or the file is
 * unreadable. (transfer full) */
char     *dd_language_dup_choice (void);
gboolean  dd_language_save_choice (const char  *choice,
                                   GError     **error);

/**
 * dd_language_apply:
 * @choice: DD_LANGUAGE_SYSTEM, DD_LANGUAGE_VI or DD_LANGUAGE_EN
 *
 * Makes gettext and dd-format answer in @choice. Call it once at start,
 * after setlocale (LC_ALL, "") and before any text is translated (GTK
 * included). Main thread, before other threads exist: it sets LANGUAGE.
 */
void      dd_language_apply       (const char  *choice);

G_END_DECLS
