#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# po/vi.po is complete: every translatable string of the sources (POTFILES.in)
# has a Vietnamese translation, none is fuzzy or untranslated, and msgfmt's
# checks (format specifiers and all) pass.
set -eu
top=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$top"
sed -e '/^#/d' -e '/^$/d' po/POTFILES.in > "$tmp/files"
# xgettext finds the rules for .ui, .desktop and metainfo files itself.
xgettext --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  -f "$tmp/files" -o "$tmp/dondoc.pot"

# Every source with translatable strings is listed in POTFILES.in, so that
# none escapes the checks below.
missing=0
for f in $(find src -name '*.c' -print0 | xargs -0 grep -l -E '(^|[^A-Za-z_])(N?_|C_|ngettext|g_dngettext) ?\(' 2>/dev/null) \
         $(grep -l 'translatable="yes"' ui/*.ui ui/gtk/*.ui 2>/dev/null); do
  if ! grep -qx "$f" po/POTFILES.in; then
    echo "$f has translatable strings but is not in po/POTFILES.in" >&2
    missing=1
  fi
done
[ $missing -eq 0 ] || exit 1

stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null po/vi.po 2>&1)
echo "vi.po: $stats"
case "$stats" in
  *untranslated*|*fuzzy*) echo "po/vi.po has untranslated or fuzzy messages" >&2; exit 1 ;;
esac

# Every msgid of the sources must be in vi.po (msgcmp fails on a missing one).
msgcmp --use-untranslated po/vi.po "$tmp/dondoc.pot"
n=$(grep -c '^msgid ' "$tmp/dondoc.pot")
echo "all $((n - 1)) source strings are in po/vi.po"
