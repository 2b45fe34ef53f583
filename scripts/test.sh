#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, and runs the whole suite with ctest:
# the normal (release) build, again under AddressSanitizer + UBSan, the threaded modules under
# ThreadSanitizer, and the aarch64
# cross build (what ships on a Raspberry Pi) under qemu-aarch64. Works as root (CI: no display, no
# stdin) and for a person with sudo. KIOSK_TEST_PRESETS="release" runs a subset.
# Slow suites (label "slow": SIGKILLs during sync) run in full natively and with 25 kills under qemu;
# the sanitizer build skips them and the package check (they test the file system and dpkg, not our
# memory use). The console's browser tests (label "browser": chromium over WebDriver) run in the
# release build only: they test the pages, the same in every build, and the HTTP tests cover the
# server in all three. The X11 presentation test (label "x11": Xvfb, Mesa's GL) runs in the release
# build only, for the same reason: it checks what reaches an X server, not our memory; so does the
# check that every C++ file follows .clang-format (label "format"). The fuzz suite (label "fuzz": mutated content, feed files, images, configs)
# runs in all three, 8 s per case (KIOSK_FUZZ_SECONDS); under the sanitizers is where it matters most.
# ThreadSanitizer (preset tsan) builds only the modules that run threads of their own (kiosk_test
# ... THREADS: platform, the content service, the console link, the UI host's image and font
# threads) and runs their fast tests.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh build run test cross package

export CCACHE_DIR="${CCACHE_DIR:-$PWD/build/.ccache}"
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(scripts/build-jobs.sh)}"
export CTEST_PARALLEL_LEVEL="${CTEST_PARALLEL_LEVEL:-2}"
status=0
for preset in ${KIOSK_TEST_PRESETS:-release asan tsan aarch64}; do
  stage_start=$SECONDS
  echo "=== ${preset}: configure and build ==="
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  echo "=== ${preset}: test ==="
  case "$preset" in
    asan) ctest --preset "$preset" --label-exclude "slow|package|browser|x11|format" || status=1 ;;
    tsan)
      ctest --preset "$preset" --tests-regex "$(cat build/tsan/threaded_tests.regex)" \
        --label-exclude "slow|package|browser|x11|format|fuzz" || status=1
      ;;
    aarch64) ctest --preset "$preset" --label-exclude "browser|x11|format" || status=1 ;;
    *) ctest --preset "$preset" || status=1 ;;
  esac
  echo "=== ${preset}: $((SECONDS - stage_start)) s (build and test) ==="
done
echo "=== all presets: ${SECONDS} s ==="
exit $status
