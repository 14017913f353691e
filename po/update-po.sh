#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Brings po/*.po up to date with the sources: new strings appear with an
# empty msgstr for the translator; nothing is marked fuzzy. Run from anywhere.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
grep -v '^#' po/POTFILES.in | sed '/^$/d' > "$tmp/potfiles"
xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 --keyword=strata_ngettext:1,2 --keyword=g_dpgettext2:2c,3 \
  --add-comments=Translators --no-location --sort-output \
  --files-from="$tmp/potfiles" --output="$tmp/strata.pot" --package-name=strata
for lang in $(cat po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching --no-location --sort-output --no-wrap \
    "po/$lang.po" "$tmp/strata.pot" -o "po/$lang.po.new"
  msgattrib --no-obsolete --no-wrap "po/$lang.po.new" -o "po/$lang.po"
  rm -f "po/$lang.po.new"
  printf '%s: ' "$lang"; LC_ALL=C msgfmt --statistics -o /dev/null "po/$lang.po"
done
