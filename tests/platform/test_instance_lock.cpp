// One kiosk per data directory: a second copy is refused with the first one's pid; the lock goes
// with its holder (here: with the object; for a crashed process, the kernel drops it).
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <string>

#include "platform/instance_lock.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;

TEST_CASE("a second kiosk on the same data directory is refused and told who holds it") {
  test::TempDir dir;
  std::string why;
  auto first = platform::InstanceLock::try_acquire(dir / "kiosk.lock", &why);
  REQUIRE(first.has_value());
  CHECK(why.empty());
  CHECK(test::read_text(dir / "kiosk.lock") == std::to_string(::getpid()) + "\n");

  auto second = platform::InstanceLock::try_acquire(dir / "kiosk.lock", &why);
  CHECK_FALSE(second.has_value());
  CHECK(why.find("pid " + std::to_string(::getpid())) != std::string::npos);
  CHECK(why.find("systemctl stop kiosk") != std::string::npos);

  first.reset();
  auto third = platform::InstanceLock::try_acquire(dir / "kiosk.lock", &why);
  CHECK(third.has_value());
}

TEST_CASE("a lock file that cannot be created is an error in words") {
  std::string why;
  auto lock = platform::InstanceLock::try_acquire("/nonexistent-dir/kiosk.lock", &why);
  CHECK_FALSE(lock.has_value());
  CHECK(why.find("/nonexistent-dir/kiosk.lock") != std::string::npos);
}

TEST_CASE("a lock file we may only read (left by root) still locks") {
  test::TempDir dir;
  test::write_text(dir / "kiosk.lock", "1\n");
  std::filesystem::permissions(dir / "kiosk.lock", std::filesystem::perms::owner_read |
                                                       std::filesystem::perms::group_read |
                                                       std::filesystem::perms::others_read);
  std::string why;
  auto first = platform::InstanceLock::try_acquire(dir / "kiosk.lock", &why);
  REQUIRE_MESSAGE(first.has_value(), why);
  CHECK_FALSE(platform::InstanceLock::try_acquire(dir / "kiosk.lock", &why).has_value());
  CHECK(why.find("another kiosk") != std::string::npos);
}
