#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Brings po/vi.po up to date with the sources (po/POTFILES.in), keeping every
# translation it has; translations waiting in po/parts/*.po are merged in.
# Run from anywhere; then translate what `msgfmt --statistics` reports missing.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

sed -e '/^#/d' -e '/^$/d' po/POTFILES.in > "$tmp/files"
xgettext --from-code=UTF-8 --add-comments=Translators --keyword=_ --keyword=N_ \
  --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  --package-name=dondoc -f "$tmp/files" -o "$tmp/dondoc.pot"

parts=$(ls po/parts/*.po 2>/dev/null || true)
if [ -n "$parts" ]; then
  # Parts carry no header: give them one so that msgcat knows the charset.
  for p in $parts; do
    { sed -n '1,/^$/p' po/vi.po; cat "$p"; } > "$tmp/$(basename "$p")"
  done
  msgcat --use-first -o "$tmp/compendium.po" po/vi.po "$tmp"/*.po
else
  cp po/vi.po "$tmp/compendium.po"
fi
msgmerge --quiet --no-fuzzy-matching --compendium "$tmp/compendium.po" \
  -o po/vi.po po/vi.po "$tmp/dondoc.pot"
msgattrib --no-obsolete -o po/vi.po po/vi.po
LC_ALL=C msgfmt --check --statistics -o /dev/null po/vi.po
