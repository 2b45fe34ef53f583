#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "platform/input_wait.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;
using namespace std::chrono;

TEST_CASE("with nothing to report the waiter sleeps for the whole timeout") {
  test::TempDir dir;
  platform::InputWaiter waiter((dir.path() / "event*").string());
  CHECK(waiter.devices() == 0);
  const auto start = steady_clock::now();
  CHECK_FALSE(waiter.wait(milliseconds(120)));
  CHECK(steady_clock::now() - start >= milliseconds(100));
}

TEST_CASE("input on a device wakes the waiter - and its copy of the event is drained") {
  test::TempDir dir;
  const auto fifo = dir.path() / "event0";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  platform::InputWaiter waiter((dir.path() / "event*").string());
  REQUIRE(waiter.devices() == 1);
  const int writer = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
  REQUIRE(writer >= 0);
  CHECK_FALSE(waiter.wait(milliseconds(50)));
  REQUIRE(::write(writer, "touch-event-bytes", 17) == 17);
  CHECK(waiter.wait(milliseconds(2000)));
  CHECK_FALSE(waiter.wait(milliseconds(50)));  // drained: no busy loop on the same bytes
  ::close(writer);
}

TEST_CASE("another thread can wake the waiter") {
  test::TempDir dir;
  platform::InputWaiter waiter((dir.path() / "event*").string());
  std::thread t([&] {
    std::this_thread::sleep_for(milliseconds(50));
    waiter.wake();
  });
  const auto start = steady_clock::now();
  CHECK(waiter.wait(milliseconds(5000)));
  CHECK(steady_clock::now() - start < milliseconds(2000));
  t.join();
}

TEST_CASE("a device that appears later is noticed at the next rescan") {
  test::TempDir dir;
  platform::InputWaiter waiter((dir.path() / "event*").string(), milliseconds(50));
  CHECK(waiter.devices() == 0);
  REQUIRE(::mkfifo((dir.path() / "event3").c_str(), 0600) == 0);
  std::this_thread::sleep_for(milliseconds(60));
  waiter.wait(milliseconds(1));
  CHECK(waiter.devices() == 1);
}
