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
deb=$(ls "$work"/out/lobby-kiosk_*.deb)
console_deb=$(ls "$work"/out/lobby-kiosk-console_*.deb)
echo "package: $(basename "$deb"), $(stat -c %s "$deb") bytes"
echo "package: $(basename "$console_deb"), $(stat -c %s "$console_deb") bytes"

info=$(dpkg-deb --info "$deb")
grep -q "^ Package: lobby-kiosk$" <<<"$info" || fail "package name"
grep -q "^ Architecture: $arch$" <<<"$info" || fail "architecture is not $arch"
depends=$(grep "^ Depends:" <<<"$info")
for dep in libsdl2-2.0-0 libcurl4 libsqlite3-0 libssl3 libqrencode4 libstemmer0d fonts-noto-cjk rime-data-luna-pinyin; do
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

# The console's package, installed into the same root (as on a Pi hosting a small zone).
info=$(dpkg-deb --info "$console_deb")
grep -q "^ Package: lobby-kiosk-console$" <<<"$info" || fail "console package name"
grep -q "^ Architecture: $arch$" <<<"$info" || fail "console architecture is not $arch"
for dep in libargon2-1 libcpp-httplib0.11 libsqlite3-0 libssl3; do
  grep -q "$dep" <<<"$(grep "^ Depends:" <<<"$info")" || fail "console Depends lacks $dep"
done
dpkg-deb --control "$console_deb" "$work/console-control"
for script in postinst prerm postrm; do
  [ -x "$work/console-control/$script" ] || fail "console $script missing or not executable"
  sh -n "$work/console-control/$script" || fail "console $script has a syntax error"
done
dpkg -x "$console_deb" "$root"
for f in usr/bin/kiosk-console usr/share/kiosk/console/templates/layout.mustache usr/share/kiosk/console/i18n/zh.json \
         usr/share/kiosk/console/static/console.css usr/share/kiosk/console/nginx/kiosk-console-proxy.conf \
         usr/share/kiosk/console/nginx/kiosk-console.site usr/lib/systemd/system/kiosk-console.service \
         usr/lib/sysusers.d/kiosk-console.conf usr/lib/tmpfiles.d/kiosk-console.conf \
         usr/share/doc/lobby-kiosk-console/console.md usr/share/doc/lobby-kiosk-console/copyright; do
  [ -e "$root/$f" ] || fail "/$f is not in the console package"
done
desc=$(file -b "$root/usr/bin/kiosk-console")
grep -q "$want" <<<"$desc" || fail "kiosk-console is not $want: $desc"
grep -q ", stripped" <<<"$desc" || fail "kiosk-console is not stripped: $desc"
echo "kiosk-console: $(stat -c %s "$root/usr/bin/kiosk-console") bytes, $desc"
for u in /usr/lib/systemd/system/* /lib/systemd/system/*; do
  [ -e "$u" ] && [ ! -e "$units/$(basename "$u")" ] && cp -a "$u" "$units/"
done
out=$(systemd-analyze verify --root="$root" /usr/lib/systemd/system/kiosk-console.service 2>&1) || fail "kiosk-console.service: $out"
[ -z "$out" ] || fail "kiosk-console.service: $out"
echo "units: kiosk-console.service verified by systemd-analyze"

# The console from the installed layout: keys, a database from the shipped demo, and its login page.
$emulator "$root/usr/bin/kioskctl" keygen --out "$work/keys" >/dev/null || fail "kioskctl keygen"
rm "$work/keys/root.key"  # the root key stays offline: the console must not need it
$emulator "$root/usr/bin/kiosk-console" init --data-dir "$work/console" --feed-dir "$work/feed" --keys "$work/keys" \
    --import "$root/usr/share/kiosk/demo" >"$work/init.log" 2>&1 || { cat "$work/init.log"; fail "kiosk-console init from the package"; }
port=$((20000 + RANDOM % 20000))
# HTTP/1.0 GET over bash's /dev/tcp: no curl needed on the machine. Prints the status line's code.
http_get() {
  { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || { echo 000; return; }
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$1" >&3
  cat <&3 >"$2"
  exec 3<&-
  head -1 "$2" | cut -d' ' -f2
}
env -u KIOSK_ASSET_DIR $emulator "$root/usr/bin/kiosk-console" serve --data-dir "$work/console" --listen "127.0.0.1:$port" \
    >"$work/serve.log" 2>&1 &
serve_pid=$!
status=""
for _ in $(seq 1 300); do
  status=$(http_get /login "$work/login.html")
  [ "$status" = 200 ] && break
  sleep 0.1
done
css=$(http_get /static/console.css "$work/console.css")
kill "$serve_pid"; wait "$serve_pid" || true
[ "$status" = 200 ] || { cat "$work/serve.log"; fail "the installed console did not serve its login page ($status)"; }
grep -q "登录" "$work/login.html" || fail "the login page is not the console's (no templates from the installed layout?)"
[ "$css" = 200 ] || fail "the installed console did not serve its stylesheet ($css)"

# The example nginx site, as shipped, passes nginx -t once its certificate paths point at real files.
if [ -x /usr/sbin/nginx ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=console.test -keyout "$work/t.key" -out "$work/t.pem" 2>/dev/null
  sed -e "s#/etc/ssl/certs/[a-z.]*\.pem#$work/t.pem#" -e "s#/etc/ssl/private/[a-z.]*\.key#$work/t.key#" \
      -e "s#/usr/share/kiosk/console/nginx/#$root/usr/share/kiosk/console/nginx/#" \
      "$root/usr/share/kiosk/console/nginx/kiosk-console.site" > "$work/site.conf"
  printf 'pid %s/nginx.pid;\nerror_log %s/nginx-error.log;\nevents {}\nhttp {\n  include %s/site.conf;\n}\n' \
      "$work" "$work" "$work" > "$work/nginx.conf"
  /usr/sbin/nginx -t -c "$work/nginx.conf" -p "$work" >"$work/nginx-t.log" 2>&1 || { cat "$work/nginx-t.log"; fail "nginx -t on the example site"; }
  echo "nginx: the example site passes nginx -t"
fi
echo "ok: lobby-kiosk-console installs with the documented layout; its unit verified; it serves from the installed layout"
echo "ok: $(basename "$deb") installs with the documented layout; units verified; programs run from it"
