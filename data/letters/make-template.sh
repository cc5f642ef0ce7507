#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Makes the urging letter's template (cong-van-don-doc.docx) from its flat
# OpenDocument source with LibreOffice, as Word would save it.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
soffice -env:UserInstallation=file://"$tmp"/profile --headless --convert-to docx:"MS Word 2007 XML" \
  --outdir "$tmp" cong-van-don-doc.fodt >/dev/null
cp "$tmp"/cong-van-don-doc.docx .
