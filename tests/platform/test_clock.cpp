// Wall-clock trust on a board without an RTC: below the floor (build time or last verified
// publish) the clock is wrong and "now" is the floor; NTP's verdict comes from the kernel or from
// systemd-timesyncd's flag file, read here from a fake tree.
#include <doctest/doctest.h>

#include <filesystem>

#include "platform/clock.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;
namespace fs = std::filesystem;

TEST_CASE("a clock below the floor is wrong and now() is the floor") {
  platform::ClockReading r;
  r.wall = 86400;        // 1970-01-02: a Pi that booted without network
  r.floor = 1795996800;  // the build or the last verified publish
  r.synchronised = false;
  CHECK(r.below_floor());
  CHECK_FALSE(r.trusted());
  CHECK(r.now() == r.floor);
  CHECK(r.describe().find("wrong") != std::string::npos);
  CHECK(r.describe().find("1970-01-02") != std::string::npos);
}

TEST_CASE("a clock above the floor is usable before NTP confirms it") {
  platform::ClockReading r;
  r.wall = 1795996800 + 3600;
  r.floor = 1795996800;
  r.synchronised = false;
  CHECK(r.trusted());
  CHECK(r.now() == r.wall);
  CHECK(r.describe().find("not confirmed") != std::string::npos);
  r.synchronised = true;
  CHECK(r.describe().find("synchronised") != std::string::npos);
}

TEST_CASE("timesyncd's flag file says NTP has set the clock") {
  test::TempDir root;
  platform::ClockSources sources{root.path(), false};
  CHECK_FALSE(platform::clock_synchronised(sources));
  fs::create_directories(root.path() / "run/systemd/timesync");
  test::write_text(root.path() / "run/systemd/timesync/synchronized", "");
  CHECK(platform::clock_synchronised(sources));
  const auto r = platform::read_clock(0, sources);
  CHECK(r.synchronised);
  CHECK(r.wall > 1700000000);  // the real system clock
}

TEST_CASE("monotonic and boot clocks only move forward") {
  const double a = platform::monotonic_seconds(), b = platform::boot_seconds();
  CHECK(platform::monotonic_seconds() >= a);
  CHECK(platform::boot_seconds() >= b);
  CHECK(b >= a - 1);  // boot time counts suspend too, so it is never behind
}
