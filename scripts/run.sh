#!/usr/bin/env bash
# The README's run command: installs what is missing, builds, and starts the kiosk on the demo
# content — full-screen where there is a display (X11, Wayland or bare KMS/DRM). With no display it
# renders every screen to PNGs, says where they are, and exits 0. Extra arguments go to the kiosk,
# e.g. scripts/run.sh --windowed --size 800x480
# scripts/run.sh --console starts the staff console on the demo content instead (see below).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--console" ]; then
  # A local console on the demo content: fresh keys and database under build/console-demo, one admin,
  # plain HTTP on loopback (no TLS: for trying it out only; docs/console.md sets up nginx and HTTPS).
  scripts/install-deps.sh build
  export CCACHE_DIR="${CCACHE_DIR:-$PWD/build/.ccache}"
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(scripts/build-jobs.sh)}"
  cmake --preset release >/dev/null
  cmake --build --preset release --target kiosk-console kioskctl
  demo=build/console-demo
  rm -rf "$demo" && mkdir -p "$demo"
  build/release/sync/kioskctl/kioskctl keygen --out "$demo/keys" >/dev/null
  build/release/console/kiosk-console init --data-dir "$demo/data" --feed-dir "$demo/feed" --keys "$demo/keys" --import assets/demo
  printf 'demo-admin-2468\n' > "$demo/password"
  build/release/console/kiosk-console user add admin --role admin --password-file "$demo/password" --data-dir "$demo/data"
  build/release/console/kiosk-console publish --data-dir "$demo/data" --reason "demo content"
  echo "Console: open http://127.0.0.1:8080 and log in as admin / demo-admin-2468 (Ctrl+C stops it)."
  echo "The signed feed it publishes is in $demo/feed (serve it with any static HTTPS host)."
  exec build/release/console/kiosk-console serve --data-dir "$demo/data" --listen 127.0.0.1:8080 --insecure-cookies
fi

scripts/install-deps.sh build run

export CCACHE_DIR="${CCACHE_DIR:-$PWD/build/.ccache}"
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(scripts/build-jobs.sh)}"
cmake --preset release >/dev/null
cmake --build --preset release --target kiosk kioskctl
echo "Starting the kiosk on the demo content (staff overlay: press the top-left corner for 3 s; demo PIN 2468)."
exec build/release/kiosk/kiosk --demo "$@"
