// The sysfs backlight on a fake tree: the official display's bl_power, a brightness-only driver
// (level restored afterwards), no backlight at all (HDMI), and a read-only attribute.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "platform/backlight.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;
namespace fs = std::filesystem;

TEST_CASE("bl_power switches the official display's backlight") {
  test::TempDir root;
  const auto dev = root.path() / "sys/class/backlight/10-0045";
  fs::create_directories(dev);
  test::write_text(dev / "bl_power", "0\n");
  test::write_text(dev / "brightness", "255\n");
  auto bl = platform::Backlight::find(root.path());
  REQUIRE(bl.has_value());
  CHECK(bl->name() == "10-0045");
  CHECK(bl->is_on() == true);
  CHECK(bl->set_on(false).empty());
  CHECK(test::read_text(dev / "bl_power") == "4");
  CHECK(bl->is_on() == false);
  CHECK(bl->set_on(true).empty());
  CHECK(test::read_text(dev / "bl_power") == "0");
  CHECK(test::read_text(dev / "brightness") == "255\n");  // untouched
}

TEST_CASE("a brightness-only driver goes to 0 and back to the level it had") {
  test::TempDir root;
  const auto dev = root.path() / "sys/class/backlight/rpi_backlight";
  fs::create_directories(dev);
  test::write_text(dev / "brightness", "180\n");
  test::write_text(dev / "max_brightness", "255\n");
  auto bl = platform::Backlight::find(root.path());
  REQUIRE(bl.has_value());
  CHECK(bl->set_on(false).empty());
  CHECK(test::read_text(dev / "brightness") == "0");
  CHECK(bl->set_on(true).empty());
  CHECK(test::read_text(dev / "brightness") == "180");
}

TEST_CASE("an HDMI TV has no backlight") {
  test::TempDir root;
  fs::create_directories(root.path() / "sys/class");
  CHECK_FALSE(platform::Backlight::find(root.path()).has_value());
}

TEST_CASE("a backlight the kiosk may not write is reported with the fix") {
  if (::geteuid() == 0) {
    MESSAGE("running as root: file permissions do not stop root; using a directory in place of the file");
  }
  test::TempDir root;
  const auto dev = root.path() / "sys/class/backlight/10-0045";
  fs::create_directories(dev);
  test::write_text(dev / "brightness", "255\n");
  // A directory named bl_power cannot be opened for writing, by root either.
  fs::create_directories(dev / "bl_power");
  auto bl = platform::Backlight::find(root.path());
  REQUIRE(bl.has_value());
  const std::string error = bl->set_on(false);
  CHECK(error.find("bl_power") != std::string::npos);
  CHECK(error.find("video group") != std::string::npos);
}
