#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, and runs the whole suite with ctest,
# in the normal (release) build and again under AddressSanitizer + UBSan. Ends with ctest's summary.
# Works as root (CI: no display, no stdin) and for a person with sudo.
# Slow suites (label "slow": 200 SIGKILLs during sync) run once, in the release build.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh build run test

export CCACHE_DIR="${CCACHE_DIR:-$PWD/build/.ccache}"
export CTEST_PARALLEL_LEVEL="${CTEST_PARALLEL_LEVEL:-2}"
status=0
for preset in release asan; do
  echo "=== ${preset}: configure and build ==="
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  echo "=== ${preset}: test ==="
  if [ "$preset" = release ]; then
    ctest --preset "$preset" || status=1
  else
    ctest --preset "$preset" --label-exclude slow || status=1
  fi
done
exit $status
