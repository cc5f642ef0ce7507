/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <dondoc/dondoc.h>

G_BEGIN_DECLS

#define DD_TYPE_OFFICE_SETTINGS (dd_office_settings_get_type ())
G_DECLARE_FINAL_TYPE (DdOfficeSettings, dd_office_settings, DD, OFFICE_SETTINGS, GtkWindow)

/* The office's header and signature of its documents (DdExportOffice) in
 * @store: the place, the issuer's two lines, the signer's position and
 * name, with a preview of the header; an administrator saves them. */
DdOfficeSettings *dd_office_settings_new (GtkWindow *parent,
                                          DdStore   *store) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
