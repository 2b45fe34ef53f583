#!/usr/bin/env bash
# Runs every benchmark and prints its figures (budgets are in the issues; nothing here asserts).
# Installs what the measurements need (valgrind for instruction counts, Xvfb, bc, xdotool for taps).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh build run test  # test: nginx, for the fleet benchmark
SUDO=(); [ "$(id -u)" -ne 0 ] && SUDO=(sudo)
for pkg in valgrind xvfb bc python3 xdotool; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="${missing:-} $pkg"
done
if [ -n "${missing:-}" ]; then "${SUDO[@]}" apt-get install -y -qq --no-install-recommends $missing; fi
export CCACHE_DIR="${CCACHE_DIR:-$PWD/build/.ccache}"
cmake --preset release >/dev/null
cmake --build --preset release
build=build/release

$build/bench/bench_store
$build/bench/bench_search
$build/bench/bench_kiosk_frame
$build/bench/bench_console
$build/bench/bench_fleet
echo "Dear ImGui UI build, instructions per frame (valgrind callgrind, 1920x1080):"
for mode in home events200 events10000; do
  out=$(valgrind --tool=callgrind --instr-atstart=no --collect-atstart=no --callgrind-out-file=/dev/null \
        $build/bench/bench_kiosk_frame callgrind $mode 2>&1)
  frames=$(echo "$out" | awk '/^frames/{print $2}')
  instr=$(echo "$out" | awk '/Collected :/{print $4}')
  printf '  %-12s %12s instructions / %s frames = %9.0f per frame\n' "$mode" "$instr" "$frames" "$(echo "$instr / $frames" | bc -l)"
done
# Every state of the gallery (what a visitor meets), demo content.
for screen in $($build/kiosk/kiosk --help | sed -n 's/.*--screen TEXT:{\(.*\)}.*/\1/p' | tr ',' ' '); do
  out=$(valgrind --tool=callgrind --instr-atstart=no --collect-atstart=no --callgrind-out-file=/dev/null \
        $build/bench/bench_kiosk_frame callgrind "screen:$screen" 2>&1)
  frames=$(echo "$out" | awk '/^frames/{print $2}')
  instr=$(echo "$out" | awk '/Collected :/{print $4}')
  printf '  %-20s %12s instructions / %s frames = %9.0f per frame\n' "$screen" "$instr" "$frames" "$(echo "$instr / $frames" | bc -l)"
done
echo "  budget: <= 1.5 M per frame; 10,000 events within 1.2x of 200"
bench/kiosk_process.sh $build "${IDLE_SECONDS:-60}"
bench/chromium_compare.sh $build "${COMPARE_RUNS:-3}" "${IDLE_SECONDS:-60}"
