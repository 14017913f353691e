#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Resolves a git merge conflict in po/*.po: keeps every translation from both
# sides (ours first), then brings the files up to date with the sources.
set -eu
cd "$(dirname "$0")/.."
for lang in $(cat po/LINGUAS); do
  f=po/$lang.po
  if git ls-files -u -- "$f" | grep -q .; then
    git show ":2:$f" > "/tmp/ours-$lang.po"
    git show ":3:$f" > "/tmp/theirs-$lang.po"
    msgcat --use-first --no-wrap "/tmp/ours-$lang.po" "/tmp/theirs-$lang.po" -o "$f"
    git add "$f"
  fi
done
po/update-po.sh
git add po/*.po
