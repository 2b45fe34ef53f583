#!/usr/bin/env bash
# The README's run command: installs what is missing, builds, and starts the kiosk on the demo
# content — full-screen where there is a display (X11, Wayland or bare KMS/DRM). With no display it
# renders every screen to PNGs, says where they are, and exits 0. Extra arguments go to the kiosk,
# e.g. scripts/run.sh --windowed --size 800x480
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh build run

export CCACHE_DIR="${CCACHE_DIR:-$PWD/build/.ccache}"
cmake --preset release >/dev/null
cmake --build --preset release --target kiosk kioskctl
echo "Starting the kiosk on the demo content (staff overlay: press the top-left corner for 3 s; demo PIN 2468)."
exec build/release/kiosk/kiosk --demo "$@"
