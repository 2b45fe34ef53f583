# Cross build for 64-bit Raspberry Pi OS (bookworm, arm64) on a Debian amd64 machine, using Debian
# multiarch: the :arm64 -dev packages live beside the native ones in /usr/lib/aarch64-linux-gnu, so
# there is no separate sysroot to keep in step with the archive. `scripts/install-deps.sh cross`
# installs the compiler, qemu-user and those packages.
#
#   cmake --preset aarch64 && cmake --build --preset aarch64 && ctest --preset aarch64
#
# CTest runs every test binary under qemu-aarch64 (CMAKE_CROSSCOMPILING_EMULATOR); tests that spawn
# one of our programs read the same emulator from KIOSK_TEST_EMULATOR.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(KIOSK_TRIPLET aarch64-linux-gnu)

set(CMAKE_C_COMPILER ${KIOSK_TRIPLET}-gcc)
set(CMAKE_CXX_COMPILER ${KIOSK_TRIPLET}-g++)
set(CMAKE_LIBRARY_ARCHITECTURE ${KIOSK_TRIPLET})
# The triplet-prefixed pkg-config (from pkgconf) reads only the arm64 .pc files.
set(PKG_CONFIG_EXECUTABLE ${KIOSK_TRIPLET}-pkg-config CACHE FILEPATH "pkg-config for arm64")

# Headers and libraries of the target, programs (nginx, openssl, qemu) of the build machine.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)

find_program(KIOSK_QEMU qemu-aarch64 REQUIRED)
set(CMAKE_CROSSCOMPILING_EMULATOR ${KIOSK_QEMU})
