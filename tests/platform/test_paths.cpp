// Where things live: KIOSK_* overrides first, then the device paths, then XDG for a developer.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "platform/paths.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;

namespace {
struct Env {
  const char* name;
  explicit Env(const char* n, const std::string& value) : name(n) { ::setenv(n, value.c_str(), 1); }
  ~Env() { ::unsetenv(name); }
};
}  // namespace

TEST_CASE("KIOSK_CONFIG and KIOSK_DATA_DIR override everything") {
  Env config("KIOSK_CONFIG", "/srv/k/kiosk.json");
  Env data("KIOSK_DATA_DIR", "/srv/k/data");
  CHECK(platform::config_file() == "/srv/k/kiosk.json");
  CHECK(platform::data_dir() == "/srv/k/data");
}

TEST_CASE("a developer without /etc/kiosk gets XDG directories") {
  if (std::filesystem::exists("/etc/kiosk/kiosk.json") || std::filesystem::exists("/var/lib/kiosk")) {
    MESSAGE("this machine has the kiosk installed: the device paths win, as they should");
    CHECK(platform::config_file() == "/etc/kiosk/kiosk.json");
    return;
  }
  test::TempDir home;
  Env config_home("XDG_CONFIG_HOME", (home / "config").string());
  Env state_home("XDG_STATE_HOME", (home / "state").string());
  CHECK(platform::config_file() == home / "config" / "kiosk" / "kiosk.json");
  CHECK(platform::data_dir() == home / "state" / "kiosk");
}

TEST_CASE("assets: KIOSK_ASSET_DIR - else the source tree of a build that is not installed") {
  CHECK(platform::asset_dir("/src/assets") == "/src/assets");  // the test binary is not installed
  Env assets("KIOSK_ASSET_DIR", "/usr/share/kiosk");
  CHECK(platform::asset_dir("/src/assets") == "/usr/share/kiosk");
}
