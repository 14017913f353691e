#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The two commands of the README, for a fresh Debian 12 machine as root:
#   bash build-aux/dev.sh run    installs what is missing, builds, opens the demo
#   bash build-aux/dev.sh test   installs what is missing, builds, runs every test
# Extra arguments after "test" go to meson setup (e.g. -Db_sanitize=address,undefined).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
mode=${1:-run}
shift || true

install_packages () {
  local wanted missing=()
  wanted=$(grep -v '^#' build-aux/debian-packages.txt | sed '/^$/d')
  for p in $wanted; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  # The zh_CN and zh_TW locales, so the translations can be tried and tested;
  # es_ES, es_MX, de_CH and de_DE for the number separators (test-render-format).
  if ! locale -a 2>/dev/null | grep -qi '^zh_CN.utf8$' ||
     ! locale -a 2>/dev/null | grep -qi '^de_CH.utf8$'; then
    for l in zh_CN zh_TW en_US es_ES es_MX de_CH de_DE; do
      sed -i -e "s/^# *\($l.UTF-8\)/\1/" /etc/locale.gen
    done
    locale-gen >/dev/null
  fi
}

setup () {
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" --prefix="$top/_install" "$@"
  fi
}

case "$mode" in
  run)
    install_packages
    setup _build
    meson compile -C _build
    meson install -C _build --quiet
    # strata --demo opens $XDG_DATA_HOME/strata/demo.strata, writing it first
    # when it is missing (the same demo as `strata-cli demo FILE`).
    export XDG_DATA_DIRS="$top/_install/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
    export GSETTINGS_SCHEMA_DIR="$top/_install/share/glib-2.0/schemas"
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      echo "No display found: starting Strata under Xvfb (screenshot: import -window root shot.png)"
      exec xvfb-run -a -s "-screen 0 1400x900x24" "$top/_install/bin/strata" --demo
    fi
    exec "$top/_install/bin/strata" --demo
    ;;
  test)
    install_packages
    dir=_build
    [ $# -gt 0 ] && dir=_build-$(echo "$*" | tr -c 'a-zA-Z0-9' '-' | sed 's/-*$//')
    setup "$dir" "$@"
    meson compile -C "$dir"
    xvfb-run -a -s "-screen 0 1400x900x24" meson test -C "$dir" --print-errorlogs
    ;;
  *)
    echo "usage: $0 run|test [meson setup options]" >&2
    exit 1
    ;;
esac
