# Every dependency is a Debian package (scripts/install-deps.sh lists them); nothing is vendored.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(CURL REQUIRED)
find_package(OpenSSL 3 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(CLI11 QUIET CONFIG)
if(NOT TARGET CLI11::CLI11)
  # Debian's libcli11-dev 2.1 ships the headers without a CMake package.
  add_library(CLI11::CLI11 INTERFACE IMPORTED)
endif()
find_package(spdlog REQUIRED)
find_package(doctest REQUIRED)
pkg_check_modules(SYSTEMD REQUIRED IMPORTED_TARGET libsystemd)
pkg_check_modules(STB REQUIRED IMPORTED_TARGET stb)
pkg_check_modules(JPEG REQUIRED IMPORTED_TARGET libjpeg)
pkg_check_modules(PNG REQUIRED IMPORTED_TARGET libpng)
# Snowball stemmers (libstemmer-dev ships no pkg-config file or CMake package).
find_path(STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
find_library(STEMMER_LIBRARY stemmer REQUIRED)
add_library(Snowball::stemmer UNKNOWN IMPORTED)
set_target_properties(Snowball::stemmer PROPERTIES IMPORTED_LOCATION "${STEMMER_LIBRARY}"
                                                   INTERFACE_INCLUDE_DIRECTORIES "${STEMMER_INCLUDE_DIR}")
