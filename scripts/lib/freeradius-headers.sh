#!/usr/bin/env bash
# Builds a complete FreeRADIUS 3.2 include tree for the rlm_prepaid C shim.
#
# Debian's libfreeradius-dev lacks headers a module needs (connection.h, log.h, tmpl.h,
# automask.h, ...). They come from Debian's source package of the *same version*:
# src/include/*.h from the source, overlaid by the installed /usr/include/freeradius/*.h,
# plus a freeradius-devel -> freeradius link. Called by CMake at configure time.
#
# usage: freeradius-headers.sh <output-dir> <cache-dir>
set -euo pipefail
out="$1"
cache="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
. "$here/common.sh"
# shellcheck source=deps.sh
. "$here/deps.sh"

version="$(dpkg-query -W -f='${Version}' libfreeradius-dev 2>/dev/null)" \
  || die "libfreeradius-dev is not installed (run scripts/test or scripts/run, which install it)"
upstream="${version#*:}"; upstream="${upstream%%-*}"        # 3.2.1+dfsg
stamp="$out/.version"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$version" ]; then
  exit 0
fi

src="$cache/freeradius-src/$version"
mkdir -p "$src"
orig=$(ls "$src"/freeradius_"$upstream".orig.tar.* 2>/dev/null | head -1 || true)
if [ -z "$orig" ]; then
  say "downloading Debian source package freeradius=$version (for its headers)"
  ensure_deb_src
  if ! (cd "$src" && apt-get source --download-only "freeradius=$version" >&2 2>/dev/null); then
    [ "$(id -u)" -eq 0 ] || die "cannot download the freeradius source package; run once as root"
    apt_update_once
    (cd "$src" && apt-get source --download-only "freeradius=$version" >&2) \
      || die "apt-get source freeradius=$version failed"
  fi
  orig=$(ls "$src"/freeradius_"$upstream".orig.tar.* | head -1)
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
tar -xf "$orig" -C "$tmp" --wildcards '*/src/include/*.h'
rm -rf "$out"
mkdir -p "$out/freeradius"
cp "$tmp"/*/src/include/*.h "$out/freeradius/"
cp /usr/include/freeradius/*.h "$out/freeradius/"   # the installed, configured ones win
ln -sfn freeradius "$out/freeradius-devel"
for h in connection.h log.h tmpl.h automask.h radiusd.h modules.h; do
  [ -f "$out/freeradius/$h" ] || die "header $h missing after extraction"
done
echo "$version" >"$stamp"
say "FreeRADIUS $version headers ready in $out"
