#!/usr/bin/env bash
# What ships on a Raspberry Pi, measured on the build machine: the stripped arm64 binaries, the
# arm64 .deb, and the whole test suite's time under qemu-aarch64 next to the native release build.
# Prints figures only (budgets are in issue #5). Usage: bench/arm64.sh  (builds what is missing)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh build run test cross package >/dev/null
export CCACHE_DIR="${CCACHE_DIR:-$PWD/build/.ccache}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for preset in release aarch64; do
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" >/dev/null
done

(cd build/aarch64 && cpack --config CPackConfig.cmake -B "$work" >/dev/null)
deb=$(ls "$work"/lobby-kiosk_*.deb)
console_deb=$(ls "$work"/lobby-kiosk-console_*.deb)
dpkg -x "$deb" "$work/root"
echo "arm64 package: $(basename "$deb")  $(stat -c %s "$deb") bytes ($(du -k "$deb" | cut -f1) KiB)"
echo "  installed size: $(dpkg-deb -f "$deb" Installed-Size) KiB"
echo "console package: $(basename "$console_deb")  $(stat -c %s "$console_deb") bytes, installed $(dpkg-deb -f "$console_deb" Installed-Size) KiB"
for bin in kiosk kioskctl; do
  f="$work/root/usr/bin/$bin"
  echo "  /usr/bin/$bin: $(stat -c %s "$f") bytes stripped ($(file -b "$f" | cut -d, -f2 | xargs))"
done

suite() {  # preset -> seconds of wall time for the whole suite
  local start end
  start=$(date +%s.%N)
  ctest --preset "$1" >"$work/$1.log" 2>&1 || echo "  ($1: some tests failed, see ctest)" >&2
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
native=$(suite release)
emulated=$(suite aarch64)
echo "test suite, wall time with 2 jobs: native release ${native} s, arm64 under qemu-aarch64 ${emulated} s"
echo "  ($(grep -c "Passed" "$work/aarch64.log") tests passed under qemu; slowdown $(echo "scale=1; $emulated / $native" | bc)x)"
grep -A6 "Label Time Summary" "$work/aarch64.log" | sed 's/^/  qemu /'
