// Crash-loop protection: three crashed starts within ten minutes put the next start in safe mode,
// crashes in safe mode fall back further, clean exits and old crashes do not count, and the
// journal survives garbage.
#include <doctest/doctest.h>

#include "platform/start_journal.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;
using platform::SafeMode;
using platform::StartContext;
using platform::StartJournal;

namespace {

StartContext at(double boot_s, const std::string& boot = "boot-a", std::int64_t wall = 1795996800) {
  return StartContext{boot, boot_s, wall + static_cast<std::int64_t>(boot_s)};
}

// A start that crashes: begun, never marked clean.
SafeMode crash(const std::filesystem::path& file, double boot_s, const std::string& boot = "boot-a") {
  return StartJournal::begin(file, at(boot_s, boot)).mode();
}

}  // namespace

TEST_CASE("three crashed starts within ten minutes - the fourth is in safe mode") {
  test::TempDir dir;
  const auto file = dir / "starts";
  CHECK(crash(file, 10) == SafeMode::off);
  CHECK(crash(file, 15) == SafeMode::off);
  CHECK(crash(file, 20) == SafeMode::off);
  const auto j = StartJournal::begin(file, at(25));
  CHECK(j.mode() == SafeMode::last_known_good);
  CHECK(j.recent_crashes() == 3);
  CHECK(j.reason().find("3 crashed starts in the last 10 minutes") != std::string::npos);
  CHECK(j.problem().empty());
}

TEST_CASE("safe mode that crash-loops too falls back to the shipped content") {
  test::TempDir dir;
  const auto file = dir / "starts";
  for (double t : {10, 15, 20}) crash(file, t);
  CHECK(crash(file, 25) == SafeMode::last_known_good);
  CHECK(crash(file, 30) == SafeMode::last_known_good);
  CHECK(crash(file, 35) == SafeMode::last_known_good);
  const auto j = StartJournal::begin(file, at(40));
  CHECK(j.mode() == SafeMode::shipped_content);
  CHECK(j.reason().find("shipped") != std::string::npos);
}

TEST_CASE("clean exits and crashes older than ten minutes do not count") {
  test::TempDir dir;
  const auto file = dir / "starts";
  crash(file, 10);
  crash(file, 20);
  StartJournal::begin(file, at(30)).mark_clean_exit();  // staff restarted it
  crash(file, 40);
  CHECK(StartJournal::begin(file, at(50)).mode() == SafeMode::off);  // 3 crashes, but one exit was clean

  test::TempDir other;
  const auto slow = other / "starts";
  crash(slow, 0);
  crash(slow, 400);
  crash(slow, 800);
  CHECK(StartJournal::begin(slow, at(1100)).mode() == SafeMode::off);  // only 2 inside the window
}

TEST_CASE("a reboot in between: crashes of the earlier boot count by wall time") {
  test::TempDir dir;
  const auto file = dir / "starts";
  crash(file, 10, "boot-a");
  crash(file, 20, "boot-a");
  crash(file, 30, "boot-a");
  // The watchdog rebooted the board; boot time starts again but the wall clock carried on.
  const auto j = StartJournal::begin(file, StartContext{"boot-b", 5, 1795996800 + 90});
  CHECK(j.mode() == SafeMode::last_known_good);
}

TEST_CASE("a journal full of garbage is an empty history - and it stays small") {
  test::TempDir dir;
  const auto file = dir / "starts";
  test::write_text(file, "not a journal\n\x01\x02\nboot-a x y z\n");
  CHECK(StartJournal::begin(file, at(10)).mode() == SafeMode::off);
  for (int i = 0; i < 50; ++i) StartJournal::begin(file, at(1000.0 * i)).mark_clean_exit();
  CHECK(StartJournal::read(file).size() == 20);
}

TEST_CASE("a journal that cannot be written leaves the kiosk running normally and says why") {
  const auto j = StartJournal::begin("/nonexistent-dir/starts", at(10));
  CHECK(j.mode() == SafeMode::off);
  CHECK(j.problem().find("crash-loop protection") != std::string::npos);
}
