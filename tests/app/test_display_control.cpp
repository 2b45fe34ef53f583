// The app's display control on a fake sysfs tree: schedule and content overrides switch the real
// backlight file; a touch on a dark screen wakes it and is reported as "only woke it".
#include <doctest/doctest.h>

#include <filesystem>

#include "kiosk/app/display_control.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kMondayNoon = 1795996800 + 4 * 3600;  // 2026-11-30T12:00:00+08:00

platform::ClockReading at(std::int64_t t) {
  platform::ClockReading c;
  c.wall = t;
  c.synchronised = true;
  return c;
}

}  // namespace

TEST_CASE("opening hours - a content override and a touch drive the panel's bl_power") {
  test::TempDir root;
  const fs::path panel = root.path() / "sys/class/backlight/10-0045";
  fs::create_directories(panel);
  test::write_text(panel / "bl_power", "0\n");
  test::write_text(panel / "brightness", "200\n");
  app::DisplayControl display(platform::DisplaySchedule::parse({{"mon-fri", "08:00-20:00"}}), 300,
                              root.path());
  REQUIRE(display.has_backlight());

  CHECK(display.update(at(kMondayNoon), 0));
  CHECK(test::read_text(panel / "bl_power") == "0\n");  // untouched while nothing changes

  CHECK_FALSE(display.update(at(kMondayNoon + 9 * 3600), 1));  // 21:00
  CHECK(test::read_text(panel / "bl_power") == "4");
  CHECK(display.touched(at(kMondayNoon + 9 * 3600), 2));  // woke it: the touch presses nothing
  CHECK(test::read_text(panel / "bl_power") == "0");
  CHECK_FALSE(display.touched(at(kMondayNoon + 9 * 3600), 3));         // already lit: a normal touch
  CHECK_FALSE(display.update(at(kMondayNoon + 9 * 3600 + 400), 400));  // the wake period ran out
  CHECK(test::read_text(panel / "bl_power") == "4");

  display.set_date_overrides({{"2026-11-30", "08:00-23:00"}});  // an evening event today
  CHECK(display.update(at(kMondayNoon + 9 * 3600 + 400), 401));
  CHECK(test::read_text(panel / "bl_power") == "0");
  const auto s = display.state();
  CHECK(s.lit);
  CHECK_FALSE(s.always_on);
  CHECK(s.backlight == "10-0045");
  CHECK(s.error.empty());
}

TEST_CASE("a clock known to be wrong keeps the screen lit") {
  test::TempDir root;
  app::DisplayControl display(platform::DisplaySchedule::parse({{"daily", "closed"}}), 300, root.path());
  CHECK_FALSE(display.has_backlight());
  platform::ClockReading wrong;
  wrong.wall = 86400;
  wrong.floor = kMondayNoon;
  CHECK(display.update(wrong, 0));
  CHECK_FALSE(display.update(at(kMondayNoon), 1));
}

TEST_CASE(
    "a plausible clock that NTP has not confirmed keeps the screen lit - fake-hwclock after a weekend off") {
  test::TempDir root;
  app::DisplayControl display(platform::DisplaySchedule::parse({{"daily", "08:00-20:00"}}), 300, root.path());
  platform::ClockReading stale = at(kMondayNoon + 9 * 3600);  // says 21:00: closed
  stale.synchronised = false;
  CHECK(display.update(stale, 0));
  stale.synchronised = true;  // NTP answered: now the hours apply
  CHECK_FALSE(display.update(stale, 1));
}

TEST_CASE("a backlight left off by a run that crashed at night is switched on at start") {
  test::TempDir root;
  const fs::path panel = root.path() / "sys/class/backlight/rpi_backlight";
  fs::create_directories(panel);
  test::write_text(panel / "brightness", "0\n");  // no bl_power: the brightness fallback
  test::write_text(panel / "max_brightness", "255\n");
  app::DisplayControl display(platform::DisplaySchedule::parse({{"daily", "08:00-20:00"}}), 300, root.path());
  CHECK(display.lit());
  CHECK(test::read_text(panel / "brightness") == "255");
  CHECK(display.update(at(kMondayNoon), 0));
  CHECK(test::read_text(panel / "brightness") == "255");
}
