#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a translation is not complete for every string in the sources
# (not only for the strings already in the .po file), or when a source file
# with translatable strings is missing from POTFILES.in.
set -eu
top=$1
cd "$top"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

grep -v '^#' po/POTFILES.in | sed '/^$/d' > "$tmp/potfiles"
for f in $(grep -rlE '\b_\(|N_\(|C_\(|NC_\(|ngettext|translatable="yes"' src ui data 2>/dev/null | sort); do
  case "$f" in *.in|*.po) continue;; esac
  if ! grep -qx "$f" "$tmp/potfiles"; then
    echo "$f has translatable strings but is not in po/POTFILES.in"
    status=1
  fi
done

xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 --keyword=strata_ngettext:1,2 --keyword=g_dpgettext2:2c,3 \
  --files-from="$tmp/potfiles" --output="$tmp/strata.pot" --package-name=strata 2>"$tmp/xgettext.log" || {
  cat "$tmp/xgettext.log"; exit 1; }

for lang in $(cat po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$tmp/strata.pot" -o "$tmp/$lang.po"
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$tmp/$lang.po" 2>&1 | tail -n 1)
  echo "$lang: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*)
      status=1
      msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | grep '^msgid' | head -n 20
      ;;
  esac
done
exit $status
