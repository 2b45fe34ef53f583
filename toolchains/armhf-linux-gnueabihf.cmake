# Cross build for 32-bit Raspberry Pi OS (armhf). Not built in CI: on our archive mirror the armhf
# multiarch packages cannot be installed beside the amd64 ones. Kept so the code stays honest about
# 32-bit: every stored time is 64-bit, and _TIME_BITS=64 makes time_t 64-bit in glibc's API too.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR armv7l)
set(KIOSK_TRIPLET arm-linux-gnueabihf)

set(CMAKE_C_COMPILER ${KIOSK_TRIPLET}-gcc)
set(CMAKE_CXX_COMPILER ${KIOSK_TRIPLET}-g++)
set(CMAKE_LIBRARY_ARCHITECTURE ${KIOSK_TRIPLET})
set(PKG_CONFIG_EXECUTABLE ${KIOSK_TRIPLET}-pkg-config CACHE FILEPATH "pkg-config for armhf")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)

add_compile_definitions(_FILE_OFFSET_BITS=64 _TIME_BITS=64)

find_program(KIOSK_QEMU qemu-arm)
if(KIOSK_QEMU)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${KIOSK_QEMU})
endif()
