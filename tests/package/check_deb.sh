#!/usr/bin/env bash
# Builds the .deb with CPack, then installs it the container-less way (dpkg -x into a throwaway root)
# and checks what a Raspberry Pi would get: control fields, conffiles and maintainer scripts, the
# documented layout, binaries for the right architecture (stripped), unit files systemd accepts,
# and that the installed programs run from the installed layout. Prints the package's size.
# Usage: check_deb.sh BUILD_DIR DEB_ARCH [EMULATOR]
set -euo pipefail
build=$1 arch=$2 emulator=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$build" && cpack --config CPackConfig.cmake -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/out/*.deb)
echo "package: $(basename "$deb"), $(stat -c %s "$deb") bytes"

info=$(dpkg-deb --info "$deb")
grep -q "^ Package: lobby-kiosk$" <<<"$info" || fail "package name"
grep -q "^ Architecture: $arch$" <<<"$info" || fail "architecture is not $arch"
depends=$(grep "^ Depends:" <<<"$info")
for dep in libsdl2-2.0-0 libcurl4 libsqlite3-0 libssl3 libqrencode4 fonts-noto-cjk; do
  grep -q "$dep" <<<"$depends" || fail "Depends lacks $dep: $depends"
done
dpkg-deb --control "$deb" "$work/control"
grep -qx "/etc/kiosk/kiosk.json" "$work/control/conffiles" || fail "kiosk.json is not a conffile"
for script in postinst prerm postrm; do
  [ -x "$work/control/$script" ] || fail "$script missing or not executable"
  sh -n "$work/control/$script" || fail "$script has a syntax error"
done

root="$work/root"
dpkg -x "$deb" "$root"
for f in usr/bin/kiosk usr/bin/kioskctl usr/share/kiosk/i18n/zh.json usr/share/kiosk/i18n/en.json \
         usr/share/kiosk/demo/events.json usr/share/kiosk/demo/meta.json usr/share/kiosk/config/kiosk.json \
         etc/kiosk/kiosk.json usr/lib/systemd/system/kiosk.service usr/lib/systemd/system/kiosk-cage.service \
         usr/lib/sysusers.d/kiosk.conf usr/lib/tmpfiles.d/kiosk.conf usr/lib/udev/rules.d/60-kiosk-backlight.rules \
         usr/share/doc/lobby-kiosk/deployment.md usr/share/doc/lobby-kiosk/copyright; do
  [ -e "$root/$f" ] || fail "/$f is not in the package"
done
! find "$root" -path '*/tests/*' -o -name 'test_*' | grep -q . || fail "test files in the package"

case "$arch" in
  arm64) want="ARM aarch64" ;;
  amd64) want="x86-64" ;;
  *) want="$arch" ;;
esac
for bin in kiosk kioskctl; do
  desc=$(file -b "$root/usr/bin/$bin")
  grep -q "$want" <<<"$desc" || fail "$bin is not $want: $desc"
  grep -q ", stripped" <<<"$desc" || fail "$bin is not stripped: $desc"
  echo "$bin: $(stat -c %s "$root/usr/bin/$bin") bytes, $desc"
done

# systemd checks the units as installed: every directive, and that ExecStart= exists in the root.
# The root gets the host's own units (sysinit.target, ...) and, for the cage unit, a stand-in for
# /usr/bin/cage (a Suggests:, not part of this package). Any message at all is a failure.
units="$root/usr/lib/systemd/system"
for u in /usr/lib/systemd/system/* /lib/systemd/system/*; do
  [ -e "$u" ] && [ ! -e "$units/$(basename "$u")" ] && cp -a "$u" "$units/"
done
printf '#!/bin/sh\n' > "$root/usr/bin/cage" && chmod +x "$root/usr/bin/cage"
for unit in kiosk.service kiosk-cage.service; do
  out=$(systemd-analyze verify --root="$root" "/usr/lib/systemd/system/$unit" 2>&1) || fail "$unit: $out"
  [ -z "$out" ] || fail "$unit: $out"
done
# A deliberately broken copy must be noticed, or the check above proves nothing.
sed 's/^ProtectSystem=strict/ProtectSystm=strict/' "$units/kiosk.service" > "$units/broken.service"
bad=$(systemd-analyze verify --root="$root" /usr/lib/systemd/system/broken.service 2>&1 || true)
grep -q "Unknown key 'ProtectSystm'" <<<"$bad" || fail "systemd-analyze did not notice a broken unit: $bad"
echo "units: kiosk.service and kiosk-cage.service verified by systemd-analyze"

# The installed programs find their files through the installed layout (no source tree).
$emulator "$root/usr/bin/kioskctl" check "$root/usr/share/kiosk/demo" | grep -q "^ok:" || fail "kioskctl check from the package"
env -u KIOSK_ASSET_DIR $emulator "$root/usr/bin/kiosk" --demo --data-dir "$work/data" --size 800x480 \
    --screenshot "$work/home.png" >"$work/kiosk.log" 2>&1 || { cat "$work/kiosk.log"; fail "kiosk --screenshot from the package"; }
[ -s "$work/home.png" ] || fail "no screenshot"
echo "ok: $(basename "$deb") installs with the documented layout; units verified; programs run from it"
