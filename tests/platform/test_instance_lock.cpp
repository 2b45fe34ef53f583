// One kiosk per data directory: a second copy is refused with the first one's pid; the lock goes
// with its holder (here: with the object; for a crashed process, the kernel drops it).
#include <doctest/doctest.h>

#include <unistd.h>

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
