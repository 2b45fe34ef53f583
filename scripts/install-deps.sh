#!/usr/bin/env bash
# Installs the Debian packages the kiosk needs, and only those that are missing (idempotent: apt runs
# only when something is missing). Usage: scripts/install-deps.sh [build|run|test|cross|package]...
# "cross" adds the arm64 architecture (Debian multiarch) for the aarch64 build run under qemu-user.
# Runs apt as root directly, or through sudo for a person who is not root. No stdin needed.
set -euo pipefail

build_packages=(
  build-essential cmake ninja-build pkg-config ccache
  libimgui-dev libsdl2-dev libstb-dev libfreetype-dev libfontconfig-dev libjpeg62-turbo-dev libpng-dev
  libcurl4-openssl-dev libssl-dev libsqlite3-dev nlohmann-json3-dev libcli11-dev
  libspdlog-dev libsystemd-dev libqrencode-dev doctest-dev
  libcpp-httplib-dev libkainjow-mustache-dev libargon2-dev libstemmer-dev
)
# The font, and the pinyin of every Chinese character for search (Rime's Luna Pinyin table).
run_packages=(fonts-noto-cjk rime-data-luna-pinyin)
# nginx and openssl: the sync tests' HTTPS server; chromium + chromedriver: the console's browser tests;
# xvfb, x11-apps (xwd) and Mesa's GL: the kiosk on a real X server, read back from the server;
# clang-format: every C++ file follows .clang-format.
test_packages=(nginx-light openssl chromium chromium-driver xvfb x11-apps libgl1-mesa-dri clang-format)
# The :arm64 twins of the compiled libraries in build_packages; header-only ones (nlohmann-json,
# CLI11, doctest) are Multi-Arch: foreign, so the native package serves both.
cross_libraries=(
  libimgui-dev libsdl2-dev libstb-dev libfreetype-dev libfontconfig-dev libjpeg62-turbo-dev libpng-dev
  libcurl4-openssl-dev libssl-dev libsqlite3-dev libspdlog-dev libsystemd-dev libqrencode-dev
  libcpp-httplib-dev libkainjow-mustache-dev libargon2-dev libstemmer-dev
)
cross_packages=(crossbuild-essential-arm64 qemu-user file "${cross_libraries[@]/%/:arm64}")
# dpkg-deb and systemd-analyze check the package and its unit files.
package_packages=(dpkg-dev file systemd)

wanted=()
need_arm64=0
for group in "${@:-build run test}"; do
  for g in $group; do
    case "$g" in
      build) wanted+=("${build_packages[@]}") ;;
      run) wanted+=("${run_packages[@]}") ;;
      test) wanted+=("${test_packages[@]}") ;;
      cross) wanted+=("${cross_packages[@]}"); need_arm64=1 ;;
      package) wanted+=("${package_packages[@]}") ;;
      *) echo "install-deps: unknown group '$g' (build, run, test, cross, package)" >&2; exit 2 ;;
    esac
  done
done

missing=()
for pkg in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#wanted[@]} packages present"
  exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if [ "$need_arm64" = 1 ] && ! dpkg --print-foreign-architectures | grep -qx arm64; then
  echo "install-deps: adding the arm64 architecture (multiarch) for the cross build"
  "${SUDO[@]}" dpkg --add-architecture arm64
fi
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
