# Warnings on for our code only; third-party headers come in as SYSTEM includes.
function(kiosk_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -Wnon-virtual-dtor
                                           -Wno-missing-field-initializers)
  # GCC 12 reports false -Wrestrict warnings inside std::string's operator+ (GCC bug 105329).
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
endfunction()

# Every library sees the repository root, so an include names its layer:
# #include "sync/content/model.hpp".
set(KIOSK_SOURCE_ROOT ${CMAKE_CURRENT_SOURCE_DIR})

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  # The sloppiness lets ccache cache sources compiled with a precompiled header (kiosk_pch).
  set(KIOSK_CCACHE env CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
                   ${CCACHE_PROGRAM})
  set(CMAKE_C_COMPILER_LAUNCHER ${KIOSK_CCACHE})
  set(CMAKE_CXX_COMPILER_LAUNCHER ${KIOSK_CCACHE})
endif()

# A precompiled header for a target whose sources all include the same heavy headers: CLI11 costs
# 6 s and nlohmann/json 2 s of parsing per source file, paid once per target instead (CI builds
# everything four times from cold).
function(kiosk_pch target)
  target_precompile_headers(${target} PRIVATE ${ARGN})
endfunction()

# What ships is -O2, as Debian builds its own packages; CMake's default -O3 adds compile time to
# each of CI's builds (#12: CI within 40 minutes).
set(CMAKE_CXX_FLAGS_RELEASE "-O2 -DNDEBUG" CACHE STRING "" FORCE)
set(CMAKE_C_FLAGS_RELEASE "-O2 -DNDEBUG" CACHE STRING "" FORCE)

option(KIOSK_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(KIOSK_SANITIZE)
  # -g1: line tables for the reports; full debug info costs build time for nothing the reports use.
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined -g1)
  add_link_options(-fsanitize=address,undefined)
endif()

option(KIOSK_SANITIZE_THREAD "Build with ThreadSanitizer (the threaded tests: preset tsan)" OFF)
if(KIOSK_SANITIZE_THREAD)
  add_compile_options(-fsanitize=thread -O1 -g1)  # -g1: line tables for the reports, no more
  add_link_options(-fsanitize=thread)
endif()

# A static library for one layer, with warnings and the repository root on its include path.
function(kiosk_layer name)
  cmake_parse_arguments(L "" "" "SOURCES;PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
  add_library(${name} STATIC ${L_SOURCES})
  target_include_directories(${name} PUBLIC ${KIOSK_SOURCE_ROOT})
  target_link_libraries(${name} PUBLIC ${L_PUBLIC_LIBS} PRIVATE ${L_PRIVATE_LIBS})
  kiosk_warnings(${name})
endfunction()
