# Every dependency is a Debian package (scripts/install-deps.sh lists them); nothing is vendored.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(CLI11 QUIET CONFIG)
if(NOT TARGET CLI11::CLI11)
  # Debian's libcli11-dev 2.1 ships the headers without a CMake package.
  add_library(CLI11::CLI11 INTERFACE IMPORTED)
endif()
find_package(spdlog REQUIRED)
find_package(doctest REQUIRED)
pkg_check_modules(SYSTEMD REQUIRED IMPORTED_TARGET libsystemd)
