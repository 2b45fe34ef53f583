#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, and runs the whole suite with ctest
# three times: the normal (release) build, again under AddressSanitizer + UBSan, and the aarch64
# cross build (what ships on a Raspberry Pi) under qemu-aarch64. Works as root (CI: no display, no
# stdin) and for a person with sudo. KIOSK_TEST_PRESETS="release" runs a subset.
# Slow suites (label "slow": SIGKILLs during sync) run in full natively and with 25 kills under qemu;
# the sanitizer build skips them and the package check (they test the file system and dpkg, not our
# memory use). The fuzz suite (label "fuzz": mutated content, feed files, images, configs) runs in
# all three, 8 s per case (KIOSK_FUZZ_SECONDS); under the sanitizers is where it matters most.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh build run test cross package

export CCACHE_DIR="${CCACHE_DIR:-$PWD/build/.ccache}"
export CTEST_PARALLEL_LEVEL="${CTEST_PARALLEL_LEVEL:-2}"
status=0
for preset in ${KIOSK_TEST_PRESETS:-release asan aarch64}; do
  echo "=== ${preset}: configure and build ==="
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  echo "=== ${preset}: test ==="
  if [ "$preset" = asan ]; then
    ctest --preset "$preset" --label-exclude "slow|package" || status=1
  else
    ctest --preset "$preset" || status=1
  fi
done
exit $status
